//! Importing a vendor list from CSV: the spreadsheet founders already keep.
//!
//! The first row names the columns, matched by header name in any letter case and spacing
//! ("Vendor", "Vendor name" or "Name"; "Data held"; "Next review due" ...). Columns Preflight
//! does not know are listed and ignored. Each row is checked like a vendor typed in the window
//! and reported as taken or rejected, with every reason. Nothing is written here: the caller
//! shows the report, and only [`ImportPreview::accepted`] gives the vendors to save, refusing
//! when any row was rejected unless the user chose to import the good rows.

use std::collections::HashSet;

use chrono::NaiveDate;
use preflight_remediation::People;
use serde::Serialize;

use crate::vendor::{name_key, VendorInput};
use crate::VendorError;

/// The fields a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Service,
    Data,
    Criticality,
    Contract,
    Dpa,
    Owner,
    LastReview,
    NextReview,
    Subservice,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Service => "What it does",
            Field::Data => "Data held",
            Field::Criticality => "Criticality",
            Field::Contract => "Contract",
            Field::Dpa => "DPA",
            Field::Owner => "Owner",
            Field::LastReview => "Last review",
            Field::NextReview => "Next review",
            Field::Subservice => "Subservice organization",
        }
    }
}

/// Header names (lower case, letters and digits only) and the field each fills.
const HEADERS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("vendor", Field::Name),
    ("vendorname", Field::Name),
    ("supplier", Field::Name),
    ("company", Field::Name),
    ("service", Field::Service),
    ("services", Field::Service),
    ("whatitdoes", Field::Service),
    ("description", Field::Service),
    ("purpose", Field::Service),
    ("data", Field::Data),
    ("dataheld", Field::Data),
    ("dataitholds", Field::Data),
    ("datatype", Field::Data),
    ("dataclassification", Field::Data),
    ("criticality", Field::Criticality),
    ("tier", Field::Criticality),
    ("contract", Field::Contract),
    ("contractinplace", Field::Contract),
    ("contractsigned", Field::Contract),
    ("dpa", Field::Dpa),
    ("dpainplace", Field::Dpa),
    ("dataprocessingagreement", Field::Dpa),
    ("owner", Field::Owner),
    ("vendorowner", Field::Owner),
    ("businessowner", Field::Owner),
    ("lastreview", Field::LastReview),
    ("lastreviewed", Field::LastReview),
    ("lastreviewdate", Field::LastReview),
    ("lastsecurityreview", Field::LastReview),
    ("reviewedon", Field::LastReview),
    ("nextreview", Field::NextReview),
    ("nextreviewdue", Field::NextReview),
    ("nextreviewdate", Field::NextReview),
    ("reviewdue", Field::NextReview),
    ("subservice", Field::Subservice),
    ("subserviceorganization", Field::Subservice),
    ("subserviceorganisation", Field::Subservice),
    ("subserviceorg", Field::Subservice),
];

fn field_of(header: &str) -> Option<Field> {
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    HEADERS.iter().find(|(h, _)| *h == key).map(|(_, f)| *f)
}

pub use preflight_remediation::fields::looks_like_formula;

fn yes_no(field: Field, cell: &str) -> Result<bool, String> {
    match cell.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "none" => Ok(false),
        "yes" | "y" | "true" | "1" | "x" | "signed" | "in place" => Ok(true),
        other => Err(format!("{}: \"{other}\" is not yes or no", field.label())),
    }
}

/// What happened to one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    Taken {
        /// Owners not yet on the people list, added when the import is accepted.
        new_people: Vec<String>,
    },
    Rejected {
        reasons: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReport {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    /// The vendor's name as written, for the report.
    pub name: String,
    #[serde(flatten)]
    pub outcome: RowOutcome,
    #[serde(skip)]
    pub input: Option<VendorInput>,
}

/// The report of an import, before anything is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    /// The columns used, with the field each fills.
    pub columns: Vec<(String, Field)>,
    /// Columns Preflight does not know: ignored.
    pub ignored_columns: Vec<String>,
    pub rows: Vec<RowReport>,
    pub taken: usize,
    pub rejected: usize,
}

/// What an accepted import saves: the vendors, and the owners to add to the people list first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub new_people: Vec<String>,
    pub vendors: Vec<VendorInput>,
}

impl ImportPreview {
    /// The vendors to save. With any row rejected this is refused unless `good_rows_only`.
    pub fn accepted(&self, good_rows_only: bool) -> Result<Accepted, VendorError> {
        if self.rejected > 0 && !good_rows_only {
            return Err(VendorError::ImportHasErrors {
                rejected: self.rejected,
            });
        }
        let mut new_people: Vec<String> = Vec::new();
        let mut vendors = Vec::new();
        for r in &self.rows {
            if let (RowOutcome::Taken { new_people: np }, Some(input)) = (&r.outcome, &r.input) {
                for p in np {
                    if !new_people.iter().any(|x| x.eq_ignore_ascii_case(p)) {
                        new_people.push(p.clone());
                    }
                }
                vendors.push(input.clone());
            }
        }
        Ok(Accepted {
            new_people,
            vendors,
        })
    }
}

/// Reads a CSV file's bytes and checks each row. `existing` are the names of the assessment's
/// vendors; `people` its people list. Nothing is saved.
pub fn preview(
    bytes: &[u8],
    existing: &[String],
    people: &People,
    today: NaiveDate,
) -> Result<ImportPreview, VendorError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        VendorError::UnreadableCsv(
            "it is not UTF-8 text. Save it from your spreadsheet as \"CSV UTF-8\".".into(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(VendorError::EmptyFile);
    }
    // A semicolon-separated file (common in Europe) is read as such.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| VendorError::UnreadableCsv(e.to_string()))?
        .clone();
    let mut columns: Vec<(usize, Field)> = Vec::new();
    let mut used = Vec::new();
    let mut ignored = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match field_of(h) {
            Some(f) if !columns.iter().any(|(_, g)| *g == f) => {
                columns.push((i, f));
                used.push((h.trim().to_string(), f));
            }
            _ => {
                if !h.trim().is_empty() {
                    ignored.push(h.trim().to_string());
                }
            }
        }
    }
    if !columns.iter().any(|(_, f)| *f == Field::Name) {
        let found: Vec<String> = headers
            .iter()
            .map(|h| format!("\"{}\"", h.trim()))
            .collect();
        return Err(VendorError::NoNameColumn(found.join(", ")));
    }
    let mut seen: HashSet<String> = existing.iter().map(|n| name_key(n)).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rows.push(RowReport {
                    line,
                    name: String::new(),
                    outcome: RowOutcome::Rejected {
                        reasons: vec![format!("the row could not be read: {e}")],
                    },
                    input: None,
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |f: Field| -> &str {
            columns
                .iter()
                .find(|(_, g)| *g == f)
                .and_then(|(i, _)| record.get(*i))
                .unwrap_or("")
        };
        let name = cell(Field::Name).trim().to_string();
        let mut reasons = Vec::new();
        for (i, f) in &columns {
            let c = record.get(*i).unwrap_or("");
            if looks_like_formula(c) {
                reasons.push(format!(
                    "{}: \"{}\" starts like a spreadsheet formula; Preflight does not import formulas. If it is text, remove the leading character",
                    f.label(),
                    c.chars().take(40).collect::<String>()
                ));
            }
        }
        let mut input = VendorInput {
            name: name.clone(),
            service: cell(Field::Service).to_string(),
            owner: Some(cell(Field::Owner).to_string()),
            last_review: Some(cell(Field::LastReview).to_string()),
            next_review: Some(cell(Field::NextReview).to_string()),
            ..VendorInput::default()
        };
        let data = cell(Field::Data).trim();
        if !data.is_empty() {
            input.data = data.to_string();
        }
        let crit = cell(Field::Criticality).trim();
        if !crit.is_empty() {
            input.criticality = crit.to_string();
        }
        for (f, slot) in [
            (Field::Contract, &mut input.contract),
            (Field::Dpa, &mut input.dpa),
            (Field::Subservice, &mut input.subservice),
        ] {
            match yes_no(f, cell(f)) {
                Ok(b) => *slot = b,
                Err(e) => reasons.push(e),
            }
        }
        // An owner not on the people list is added when the import is accepted.
        let owner = cell(Field::Owner).trim();
        let mut new_people = Vec::new();
        let mut people_here = people.clone();
        if !owner.is_empty() && people.find(owner).is_none() && !looks_like_formula(owner) {
            match people_here.add(owner) {
                Ok(n) => new_people.push(n),
                Err(e) => reasons.push(format!("Owner: {e}")),
            }
        }
        if !name.is_empty() && !seen.insert(name_key(&name)) {
            reasons.push(format!(
                "a vendor named \"{name}\" is already in the register or earlier in the file"
            ));
        }
        if reasons.is_empty() {
            if let Err(e) = input.check(&people_here, today) {
                reasons.push(e.to_string());
            }
        }
        let outcome = if reasons.is_empty() {
            RowOutcome::Taken { new_people }
        } else {
            RowOutcome::Rejected { reasons }
        };
        let taken = matches!(outcome, RowOutcome::Taken { .. });
        rows.push(RowReport {
            line,
            name,
            outcome,
            input: taken.then_some(input),
        });
    }
    if rows.is_empty() {
        return Err(VendorError::NoRows);
    }
    let taken = rows
        .iter()
        .filter(|r| matches!(r.outcome, RowOutcome::Taken { .. }))
        .count();
    Ok(ImportPreview {
        columns: used,
        ignored_columns: ignored,
        rejected: rows.len() - taken,
        taken,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    fn run(csv: &str) -> Result<ImportPreview, VendorError> {
        preview(
            csv.as_bytes(),
            &["Existing Co".into()],
            &People::from_names(vec!["Dana Ruiz".into()]),
            d(2026, 6, 1),
        )
    }

    fn reasons(p: &ImportPreview, line: u64) -> Vec<String> {
        match &p.rows.iter().find(|r| r.line == line).expect("row").outcome {
            RowOutcome::Rejected { reasons } => reasons.clone(),
            RowOutcome::Taken { .. } => vec![],
        }
    }

    #[test]
    fn columns_are_matched_by_header_and_rows_checked() {
        let csv = "Vendor Name;What it does;Data held;Criticality;DPA in place;Owner;Last security review;Cost\n\
                   Cloudy Host;Hosting;personal;critical;yes;dana ruiz;2026-01-15;100\n\
                   Mailer;Email;internal;low;no;Priya Shah;;5\n\
                   ;Nameless;none;low;no;;;\n\
                   existing co;Dup;none;low;no;;;\n\
                   Bad Date;x;none;low;no;;15/01/2026;\n\
                   Future;x;none;low;no;;2027-01-01;\n\
                   =HYPERLINK(\"x\");x;none;low;no;;;\n\
                   Weird;x;secret;vital;maybe;;;\n\
                   \n";
        let p = run(csv).expect("preview");
        assert_eq!(p.ignored_columns, ["Cost"]);
        assert_eq!(p.taken, 2, "{p:#?}");
        assert_eq!(p.rejected, 6);
        assert!(
            reasons(&p, 4)[0].contains("name is empty"),
            "{:?}",
            reasons(&p, 4)
        );
        assert!(
            reasons(&p, 5)[0].contains("already"),
            "{:?}",
            reasons(&p, 5)
        );
        assert!(
            reasons(&p, 6)[0].contains("YYYY-MM-DD"),
            "{:?}",
            reasons(&p, 6)
        );
        assert!(reasons(&p, 7)[0].contains("future"), "{:?}", reasons(&p, 7));
        assert!(
            reasons(&p, 8)[0].contains("formula"),
            "{:?}",
            reasons(&p, 8)
        );
        assert!(
            reasons(&p, 9).iter().any(|r| r.contains("maybe")),
            "{:?}",
            reasons(&p, 9)
        );
        assert_eq!(
            p.accepted(false).map_err(|e| e.code()),
            Err("import_has_errors")
        );
        let a = p.accepted(true).expect("good rows");
        assert_eq!(a.vendors.len(), 2);
        assert_eq!(a.new_people, ["Priya Shah"]);
    }

    #[test]
    fn file_level_problems_are_refused() {
        assert_eq!(run("").map_err(|e| e.code()), Err("csv_empty"));
        assert_eq!(run("  \n\n").map_err(|e| e.code()), Err("csv_empty"));
        assert_eq!(
            run("Cloudy,Hosting\nMailer,Email\n").map_err(|e| e.code()),
            Err("csv_no_name_column")
        );
        assert_eq!(
            run("Name,Service\n").map_err(|e| e.code()),
            Err("csv_no_rows")
        );
        assert_eq!(
            preview(&[0xff, 0xfe, 0x00], &[], &People::default(), d(2026, 1, 1))
                .map_err(|e| e.code()),
            Err("csv_unreadable")
        );
    }

    #[test]
    fn a_clean_file_is_accepted_whole() {
        let p = run("\u{feff}Name,Criticality,Contract\nA,critical,yes\nB,,\n").expect("preview");
        assert_eq!((p.taken, p.rejected), (2, 0));
        assert_eq!(p.accepted(false).expect("all").vendors.len(), 2);
    }

    #[test]
    fn formula_detection() {
        for f in ["=1+1", "+cmd", "@SUM(A1)", "-cmd", " =x"] {
            assert!(looks_like_formula(f), "{f}");
        }
        for t in ["-5", "- none", "Acme", "", "a=b"] {
            assert!(!looks_like_formula(t), "{t}");
        }
    }
}
