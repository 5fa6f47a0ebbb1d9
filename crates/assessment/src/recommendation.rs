//! The scoping wizard's rules: from a company profile to a recommended report kind and type and
//! the Trust Services categories to include, each with the reason in one sentence. The user can
//! override all of it; a category left out carries a justification for the auditor.

use chrono::{Months, NaiveDate};
use preflight_catalog::Catalog;
use serde::Serialize;

use crate::profile::{CompanyProfile, CustomerAsk, PersonalInfo, TransactionKind};
use crate::{ReportKind, ReportType};

/// A recommended choice and why, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reasoned<T> {
    pub value: T,
    pub reason: String,
}

/// A Trust Services category with whether it is recommended, why, and (when left out) the
/// justification suggested for the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryAdvice {
    pub category: String,
    pub include: bool,
    pub required: bool,
    pub reason: String,
    /// Suggested wording for the auditor when the category is left out.
    pub exclusion_justification: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub kind: Reasoned<ReportKind>,
    pub report_type: Reasoned<ReportType>,
    /// Suggested observation window in months for Type 2 (3, 6 or 12).
    pub observation_months: u32,
    pub categories: Vec<CategoryAdvice>,
    /// SOC 1 objective templates to start from (when SOC 1 is recommended).
    pub objectives: Vec<String>,
    /// Other reports worth asking the CPA firm about.
    pub also: Vec<String>,
}

/// Applies the rules. `today` anchors the "is there time for a Type 2" rule.
pub fn recommend(catalog: &Catalog, p: &CompanyProfile, today: NaiveDate) -> Recommendation {
    let financial = p.transactions != TransactionKind::None;
    let mut also = Vec::new();

    let kind = if p.customer_ask == CustomerAsk::Soc1 {
        Reasoned {
            value: ReportKind::Soc1,
            reason: "Your customers are asking for a SOC 1.".into(),
        }
    } else if financial
        && !matches!(
            p.customer_ask,
            CustomerAsk::Soc2Type1 | CustomerAsk::Soc2Type2
        )
    {
        Reasoned {
            value: ReportKind::Soc1,
            reason: "You process transactions that land in your customers' financial statements, so their financial auditors will ask for a SOC 1.".into(),
        }
    } else {
        if financial {
            also.push("You also process transactions that affect customers' financial statements: their auditors may ask for a SOC 1 as well.".into());
        }
        let reason = match p.customer_ask {
            CustomerAsk::Soc2Type1 | CustomerAsk::Soc2Type2 => "Your customers are asking for a SOC 2.",
            _ => "You hold or process customer data, and a SOC 2 is what customers of a service like yours expect.",
        };
        Reasoned {
            value: ReportKind::Soc2,
            reason: reason.into(),
        }
    };
    if p.public_seal && kind.value != ReportKind::Soc1 {
        also.push("You want a report you can publish: a SOC 3 comes from the same audit as the SOC 2, so ask your CPA firm for both.".into());
    }

    let months_to_target = p.target_date.map(|d| months_between(today, d));
    let report_type = match (p.customer_ask, months_to_target) {
        (CustomerAsk::Soc2Type1, _) => Reasoned { value: ReportType::Type1, reason: "Your customers accept a Type 1 for now.".into() },
        (_, Some(m)) if m < 9 => Reasoned {
            value: ReportType::Type1,
            reason: format!("You want the report in about {m} months; a Type 2 needs readiness work plus an observation window, usually nine months or more, so start with a Type 1."),
        },
        _ => Reasoned {
            value: ReportType::Type2,
            reason: "A Type 2 shows your controls working over time, which is what most customers ask for.".into(),
        },
    };
    let observation_months = match months_to_target {
        Some(m) if m < 12 => 3,
        _ if p.first_report => 3,
        _ => 6,
    };

    let categories = catalog
        .categories
        .iter()
        .map(|c| {
            let (include, reason, justification) = category_rule(&c.id, p);
            CategoryAdvice {
                category: c.id.clone(),
                include: c.required || include,
                required: c.required,
                reason: if c.required {
                    "Security is required in every SOC 2 and SOC 3.".into()
                } else {
                    reason.into()
                },
                exclusion_justification: justification.into(),
            }
        })
        .collect();

    let objectives = if kind.value == ReportKind::Soc1 {
        catalog
            .objectives
            .iter()
            .filter(|o| {
                o.area.starts_with("IT general")
                    || (p.transactions == TransactionKind::Payroll && o.area.contains("Payroll"))
                    || (matches!(
                        p.transactions,
                        TransactionKind::Billing | TransactionKind::Other
                    ) && o.area.contains("SaaS"))
            })
            .map(|o| o.id.clone())
            .collect()
    } else {
        Vec::new()
    };

    Recommendation {
        kind,
        report_type,
        observation_months,
        categories,
        objectives,
        also,
    }
}

/// Whether an optional category is suggested, why, and the justification if it is left out.
fn category_rule(id: &str, p: &CompanyProfile) -> (bool, &'static str, &'static str) {
    match id {
        "availability" if p.uptime_commitment => (
            true,
            "You promise an uptime level in your contracts, so Availability.",
            "Customer contracts make no availability or uptime commitment.",
        ),
        "availability" => (
            false,
            "Your contracts promise no uptime level, so Availability is optional.",
            "Customer contracts make no availability or uptime commitment.",
        ),
        "confidentiality" if p.confidential_data => (
            true,
            "Customers give you confidential information, so Confidentiality.",
            "The service does not receive customer information designated as confidential.",
        ),
        "confidentiality" => (
            false,
            "You do not receive customers' confidential information, so Confidentiality is optional.",
            "The service does not receive customer information designated as confidential.",
        ),
        "processing_integrity" if p.processing_accuracy || p.transactions != TransactionKind::None => (
            true,
            "Customers rely on your system to process their data completely and accurately, so Processing Integrity.",
            "Customers do not rely on the service for calculations or transaction processing.",
        ),
        "processing_integrity" => (
            false,
            "Customers do not rely on you to calculate or transform their data, so Processing Integrity is optional.",
            "Customers do not rely on the service for calculations or transaction processing.",
        ),
        "privacy" if matches!(p.personal_info, PersonalInfo::EndUsers | PersonalInfo::Sensitive) => (
            true,
            "You handle personal information of your customers' end users, so Privacy.",
            "The service does not collect or process personal information of individuals beyond business contacts.",
        ),
        "privacy" => (
            false,
            "You hold no personal information beyond business contacts, so Privacy is optional.",
            "The service does not collect or process personal information of individuals beyond business contacts.",
        ),
        _ => (false, "Optional.", "Not relevant to the service commitments."),
    }
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut m = 0;
    while m < 600
        && from
            .checked_add_months(Months::new(m + 1))
            .is_some_and(|d| d <= to)
    {
        m += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        preflight_catalog::embedded().expect("catalog")
    }
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
    }
    fn included(r: &Recommendation) -> Vec<&str> {
        r.categories
            .iter()
            .filter(|c| c.include)
            .map(|c| c.category.as_str())
            .collect()
    }

    #[test]
    fn a_plain_saas_gets_soc2_type2_with_security_only() {
        let p = CompanyProfile {
            customer_data: true,
            ..Default::default()
        };
        let r = recommend(catalog(), &p, today());
        assert_eq!(r.kind.value, ReportKind::Soc2);
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert_eq!(included(&r), vec!["security"]);
        assert!(r
            .categories
            .iter()
            .all(|c| !c.reason.is_empty() && !c.exclusion_justification.is_empty()));
    }

    #[test]
    fn security_is_always_in() {
        for p in [
            CompanyProfile::default(),
            CompanyProfile {
                transactions: TransactionKind::Payroll,
                ..Default::default()
            },
        ] {
            let r = recommend(catalog(), &p, today());
            let sec = r
                .categories
                .iter()
                .find(|c| c.category == "security")
                .expect("security");
            assert!(sec.include && sec.required);
        }
    }

    #[test]
    fn payroll_processing_recommends_soc1_with_payroll_objectives() {
        let p = CompanyProfile {
            transactions: TransactionKind::Payroll,
            ..Default::default()
        };
        let r = recommend(catalog(), &p, today());
        assert_eq!(r.kind.value, ReportKind::Soc1);
        assert!(r.kind.reason.contains("financial statements"));
        assert!(r.objectives.iter().any(|o| o.starts_with("ITGC-")));
        assert!(r.objectives.iter().any(|o| o.starts_with("BP-PAY")));
        assert!(!r.objectives.iter().any(|o| o == "BP-BILL"));
    }

    #[test]
    fn payroll_company_asked_for_soc2_gets_soc2_and_a_soc1_note() {
        let p = CompanyProfile {
            transactions: TransactionKind::Payroll,
            customer_ask: CustomerAsk::Soc2Type2,
            ..Default::default()
        };
        let r = recommend(catalog(), &p, today());
        assert_eq!(r.kind.value, ReportKind::Soc2);
        assert!(r.also.iter().any(|a| a.contains("SOC 1")));
        assert!(included(&r).contains(&"processing_integrity"));
    }

    #[test]
    fn each_profile_answer_suggests_its_category_with_a_reason() {
        let r = recommend(
            catalog(),
            &CompanyProfile {
                uptime_commitment: true,
                ..Default::default()
            },
            today(),
        );
        let a = r
            .categories
            .iter()
            .find(|c| c.category == "availability")
            .expect("availability");
        assert!(a.include && a.reason.contains("uptime"));
        let r = recommend(
            catalog(),
            &CompanyProfile {
                personal_info: PersonalInfo::EndUsers,
                ..Default::default()
            },
            today(),
        );
        assert!(included(&r).contains(&"privacy"));
        let r = recommend(
            catalog(),
            &CompanyProfile {
                personal_info: PersonalInfo::BusinessContacts,
                ..Default::default()
            },
            today(),
        );
        assert!(!included(&r).contains(&"privacy"));
        let r = recommend(
            catalog(),
            &CompanyProfile {
                confidential_data: true,
                ..Default::default()
            },
            today(),
        );
        assert!(included(&r).contains(&"confidentiality"));
        let r = recommend(
            catalog(),
            &CompanyProfile {
                processing_accuracy: true,
                ..Default::default()
            },
            today(),
        );
        assert!(included(&r).contains(&"processing_integrity"));
    }

    #[test]
    fn a_near_target_date_means_type1_first() {
        let p = CompanyProfile {
            target_date: NaiveDate::from_ymd_opt(2027, 4, 1),
            ..Default::default()
        };
        let r = recommend(catalog(), &p, today());
        assert_eq!(r.report_type.value, ReportType::Type1);
        assert!(
            r.report_type.reason.contains("4 months"),
            "{}",
            r.report_type.reason
        );
        let p = CompanyProfile {
            target_date: NaiveDate::from_ymd_opt(2028, 1, 1),
            ..Default::default()
        };
        assert_eq!(
            recommend(catalog(), &p, today()).report_type.value,
            ReportType::Type2
        );
    }

    #[test]
    fn public_seal_suggests_soc3_alongside() {
        let p = CompanyProfile {
            public_seal: true,
            ..Default::default()
        };
        let r = recommend(catalog(), &p, today());
        assert!(r.also.iter().any(|a| a.contains("SOC 3")));
    }

    #[test]
    fn first_reports_get_a_short_window() {
        assert_eq!(
            recommend(
                catalog(),
                &CompanyProfile {
                    first_report: true,
                    ..Default::default()
                },
                today()
            )
            .observation_months,
            3
        );
        assert_eq!(
            recommend(catalog(), &CompanyProfile::default(), today()).observation_months,
            6
        );
    }

    #[test]
    fn months_between_counts_whole_months() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
        assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 27)), 0);
        assert_eq!(months_between(d(2026, 1, 15), d(2026, 7, 15)), 6);
        assert_eq!(months_between(d(2026, 7, 15), d(2026, 1, 15)), 0);
    }
}
