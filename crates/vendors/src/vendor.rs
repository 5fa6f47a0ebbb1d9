//! A vendor: who it is, what it does for the company, what data it holds, how critical it is,
//! the contract and data processing agreement, its owner and review dates, and whether it is a
//! subservice organization (with the method and the controls relied on).

use chrono::{Months, NaiveDate};
use preflight_remediation::fields::{
    check_len, parse_date, MAX_PERSON_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS,
};
use preflight_remediation::People;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::report::SocReview;
use crate::VendorError;

/// How long after a security review the next is due when no date is given.
pub const REVIEW_INTERVAL_MONTHS: u32 = 12;

macro_rules! text_enum {
    ($name:ident, $err:ident, $( $var:ident => $s:literal, $label:literal );* $(;)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $( $var ),* }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$var ),* ];
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$var => $s ),* }
            }
            pub fn label(self) -> &'static str {
                match self { $( $name::$var => $label ),* }
            }
            /// Parses the stored form, or the label, in any letter case.
            pub fn parse(s: &str) -> Result<$name, VendorError> {
                let t = s.trim().to_lowercase().replace([' ', '-'], "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == t || v.label().to_lowercase().replace([' ', '-'], "_") == t)
                    .ok_or_else(|| VendorError::$err(s.to_string()))
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(DataClass, InvalidDataClass,
    None => "none", "None";
    Internal => "internal", "Internal";
    Confidential => "confidential", "Confidential";
    Personal => "personal", "Personal";
);

text_enum!(Criticality, InvalidCriticality,
    Critical => "critical", "Critical";
    Important => "important", "Important";
    Low => "low", "Low";
);

text_enum!(Method, InvalidMethod,
    CarveOut => "carve_out", "Carve-out";
    Inclusive => "inclusive", "Inclusive";
);

/// A vendor the company's system relies on for part of its controls (the cloud host is the
/// usual one): the method its controls are treated with in the report, and the controls the
/// company relies on it for (CSOCs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subservice {
    pub method: Method,
    #[serde(default)]
    pub csocs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vendor {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub name: String,
    /// What it does for the company.
    #[serde(default)]
    pub service: String,
    pub data: DataClass,
    pub criticality: Criticality,
    pub contract: bool,
    pub dpa: bool,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub last_review: Option<NaiveDate>,
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
    #[serde(default)]
    pub subservice: Option<Subservice>,
    /// The review of the vendor's SOC report, when one was read.
    #[serde(default)]
    pub report: Option<SocReview>,
    pub created_on: NaiveDate,
    pub version: u32,
}

/// A vendor as typed in the window or read from a CSV row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorInput {
    pub name: String,
    #[serde(default)]
    pub service: String,
    #[serde(default = "default_data")]
    pub data: String,
    #[serde(default = "default_criticality")]
    pub criticality: String,
    #[serde(default)]
    pub contract: bool,
    #[serde(default)]
    pub dpa: bool,
    #[serde(default)]
    pub owner: Option<String>,
    /// `YYYY-MM-DD` or blank.
    #[serde(default)]
    pub last_review: Option<String>,
    /// `YYYY-MM-DD` or blank (then twelve months after the last review).
    #[serde(default)]
    pub next_review: Option<String>,
    #[serde(default)]
    pub subservice: bool,
    /// `carve_out` (the default) or `inclusive`.
    #[serde(default)]
    pub subservice_method: Option<String>,
    /// The controls relied on at the subservice organization, one per entry.
    #[serde(default)]
    pub csocs: Vec<String>,
}

fn default_data() -> String {
    "internal".into()
}

fn default_criticality() -> String {
    "important".into()
}

impl Default for VendorInput {
    fn default() -> Self {
        VendorInput {
            name: String::new(),
            service: String::new(),
            data: default_data(),
            criticality: default_criticality(),
            contract: false,
            dpa: false,
            owner: None,
            last_review: None,
            next_review: None,
            subservice: false,
            subservice_method: None,
            csocs: Vec::new(),
        }
    }
}

/// The checked fields of a vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorFields {
    pub name: String,
    pub service: String,
    pub data: DataClass,
    pub criticality: Criticality,
    pub contract: bool,
    pub dpa: bool,
    pub owner: Option<String>,
    pub last_review: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub subservice: Option<Subservice>,
}

/// An optional date: blank is none.
pub(crate) fn opt_date(text: Option<&str>) -> Result<Option<NaiveDate>, VendorError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => Ok(Some(parse_date(t)?)),
    }
}

/// Refuses a date after today.
pub(crate) fn not_future(
    what: &'static str,
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), VendorError> {
    match date {
        Some(d) if d > today => Err(VendorError::DateInFuture {
            what,
            date: d.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Trims a vendor name, refusing a blank or overlong one.
pub fn clean_name(raw: &str) -> Result<String, VendorError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(VendorError::EmptyName);
    }
    check_len(name, "vendor name", MAX_TITLE_CHARS)?;
    Ok(name.to_string())
}

/// The key two vendor names are compared by: trimmed, in lower case.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl VendorInput {
    /// Checks the input. The owner must be on the people list; `today` bounds the last review.
    pub fn check(&self, people: &People, today: NaiveDate) -> Result<VendorFields, VendorError> {
        let name = clean_name(&self.name)?;
        let service = self.service.trim().to_string();
        check_len(
            &service,
            "description of what the vendor does",
            MAX_TEXT_CHARS,
        )?;
        let data = DataClass::parse(&self.data)?;
        let criticality = Criticality::parse(&self.criticality)?;
        let owner = people.resolve_owner(self.owner.as_deref())?;
        let last_review = opt_date(self.last_review.as_deref())?;
        not_future("last security review", last_review, today)?;
        let next_review = match opt_date(self.next_review.as_deref())? {
            Some(n) => Some(n),
            None => {
                last_review.and_then(|l| l.checked_add_months(Months::new(REVIEW_INTERVAL_MONTHS)))
            }
        };
        if let (Some(l), Some(n)) = (last_review, next_review) {
            if n < l {
                return Err(VendorError::NextReviewBeforeLast {
                    last: l.to_string(),
                    next: n.to_string(),
                });
            }
        }
        let subservice = if self.subservice {
            let method = match self
                .subservice_method
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                None => Method::CarveOut,
                Some(m) => Method::parse(m)?,
            };
            let mut csocs = Vec::new();
            for c in self
                .csocs
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
            {
                check_len(c, "control relied on", MAX_TEXT_CHARS)?;
                csocs.push(c.to_string());
            }
            Some(Subservice { method, csocs })
        } else {
            None
        };
        Ok(VendorFields {
            name,
            service,
            data,
            criticality,
            contract: self.contract,
            dpa: self.dpa,
            owner,
            last_review,
            next_review,
            subservice,
        })
    }

    pub fn build(
        &self,
        assessment_id: Uuid,
        people: &People,
        today: NaiveDate,
    ) -> Result<Vendor, VendorError> {
        let f = self.check(people, today)?;
        let new = Vendor {
            id: Uuid::new_v4(),
            assessment_id,
            name: String::new(),
            service: String::new(),
            data: f.data,
            criticality: f.criticality,
            contract: false,
            dpa: false,
            owner: None,
            last_review: None,
            next_review: None,
            subservice: None,
            report: None,
            created_on: today,
            version: 1,
        };
        Ok(new.with(f, 1))
    }
}

impl Vendor {
    /// The vendor changed by `input`, made on `version`.
    pub fn edit(
        &self,
        version: u32,
        input: &VendorInput,
        people: &People,
        today: NaiveDate,
    ) -> Result<Vendor, VendorError> {
        if version != self.version {
            return Err(VendorError::StaleVersion {
                yours: version,
                saved: self.version,
            });
        }
        let f = input.check(people, today)?;
        Ok(self.clone().with(f, self.version + 1))
    }

    /// The vendor with checked fields at `version`; its report review is kept.
    fn with(self, f: VendorFields, version: u32) -> Vendor {
        Vendor {
            name: f.name,
            service: f.service,
            data: f.data,
            criticality: f.criticality,
            contract: f.contract,
            dpa: f.dpa,
            owner: f.owner,
            last_review: f.last_review,
            next_review: f.next_review,
            subservice: f.subservice,
            version,
            ..self
        }
    }

    pub fn is_subservice(&self) -> bool {
        self.subservice.is_some()
    }
}

/// Check on a name: max length of an owner name, for importers.
pub const MAX_OWNER_CHARS: usize = MAX_PERSON_CHARS;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    #[test]
    fn a_vendor_gets_its_next_review_a_year_after_the_last() {
        let people = People::from_names(vec!["Dana Ruiz".into()]);
        let v = VendorInput {
            name: " Cloudy Host ".into(),
            data: "Personal".into(),
            criticality: "CRITICAL".into(),
            owner: Some("dana ruiz".into()),
            last_review: Some("2026-02-28".into()),
            subservice: true,
            csocs: vec!["Physical security of the data centres".into(), " ".into()],
            ..VendorInput::default()
        }
        .build(Uuid::nil(), &people, d(2026, 6, 1))
        .expect("vendor");
        assert_eq!(v.name, "Cloudy Host");
        assert_eq!(v.owner.as_deref(), Some("Dana Ruiz"));
        assert_eq!(v.next_review, Some(d(2027, 2, 28)));
        assert_eq!(
            v.subservice,
            Some(Subservice {
                method: Method::CarveOut,
                csocs: vec!["Physical security of the data centres".into()]
            })
        );
    }

    #[test]
    fn bad_vendor_input_is_named() {
        let people = People::default();
        let today = d(2026, 6, 1);
        let ok = VendorInput {
            name: "Acme".into(),
            ..VendorInput::default()
        };
        for (i, code) in [
            (
                VendorInput {
                    name: " ".into(),
                    ..ok.clone()
                },
                "empty_vendor_name",
            ),
            (
                VendorInput {
                    data: "secret".into(),
                    ..ok.clone()
                },
                "invalid_data_class",
            ),
            (
                VendorInput {
                    criticality: "vital".into(),
                    ..ok.clone()
                },
                "invalid_criticality",
            ),
            (
                VendorInput {
                    last_review: Some("2026-06-02".into()),
                    ..ok.clone()
                },
                "date_in_future",
            ),
            (
                VendorInput {
                    last_review: Some("1/6/2026".into()),
                    ..ok.clone()
                },
                "invalid_date",
            ),
            (
                VendorInput {
                    owner: Some("Sam".into()),
                    ..ok.clone()
                },
                "unknown_person",
            ),
            (
                VendorInput {
                    last_review: Some("2026-05-01".into()),
                    next_review: Some("2026-04-01".into()),
                    ..ok.clone()
                },
                "next_review_before_last",
            ),
            (
                VendorInput {
                    subservice: true,
                    subservice_method: Some("sideways".into()),
                    ..ok.clone()
                },
                "invalid_subservice_method",
            ),
        ] {
            assert_eq!(
                i.build(Uuid::nil(), &people, today).map_err(|e| e.code()),
                Err(code)
            );
        }
    }
}
