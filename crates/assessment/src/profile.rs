//! The company profile: the short questionnaire the scoping wizard asks before anything else.
//! Its answers drive the recommendation in [`crate::recommendation`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ReportType;

/// Whose personal information the company handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalInfo {
    /// None beyond staff records.
    #[default]
    None,
    /// Business contact details of customers' staff (names, work emails).
    BusinessContacts,
    /// Personal information of customers' end users or consumers.
    EndUsers,
    /// Sensitive personal information: health, financial, children's, government ids.
    Sensitive,
}

/// Whether the company decides what personal information is collected and why (a controller),
/// or only processes it for its customers, on their instructions (a processor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyRole {
    /// Not answered, or the founder does not know (treated as a controller, with a note).
    #[default]
    NotSure,
    Controller,
    Processor,
}

/// What kind of financially relevant transactions the company processes for its customers.
/// The company's own invoicing of its customers is not one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionKind {
    #[default]
    None,
    Payroll,
    /// Billing or invoicing run on the customers' behalf (their invoices go out through us).
    Billing,
    Other,
}

/// What customers or prospects are asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerAsk {
    #[default]
    NotSure,
    Soc2Type2,
    Soc2Type1,
    Soc1,
    NothingYet,
}

/// The wizard's answers. Every field has a default so a partly filled profile, and one stored
/// or saved in a portable file before a field existed, still works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyProfile {
    /// What the service does, in the founder's words.
    pub service: String,
    /// Transactions that end up in customers' financial statements, and which kind.
    pub transactions: TransactionKind,
    /// The company stores or processes customer data.
    pub customer_data: bool,
    /// Contracts promise an uptime or availability level.
    pub uptime_commitment: bool,
    /// Customers hand over confidential information (contracts, source code, financials).
    pub confidential_data: bool,
    pub personal_info: PersonalInfo,
    /// For personal information: whether the company decides what is collected and why.
    pub privacy_role: PrivacyRole,
    /// Customers use the system's results (amounts, balances, records) as final, without
    /// checking them; reports and analytics that only inform decisions do not count.
    pub processing_accuracy: bool,
    /// A public report for the website is wanted.
    pub public_seal: bool,
    pub customer_ask: CustomerAsk,
    /// This is the company's first SOC report (no previous report exists).
    pub first_report: bool,
    /// For a later report: the type of the previous one (`None`: taken as a Type 2).
    pub previous_type: Option<ReportType>,
    /// For a later report: the day the previous report's period ended (a Type 1's as-of date).
    pub previous_period_end: Option<NaiveDate>,
    /// SOC 1: the month in which most customers' financial year ends (1 to 12; `None`: December).
    pub customers_year_end_month: Option<u32>,
    /// How many people work for the company (`None`: not given).
    pub head_count: Option<u32>,
    /// Whether the company has an office or premises of its own (`None`: not asked).
    pub has_office: Option<bool>,
    /// When the company wants the report in hand.
    pub target_date: Option<NaiveDate>,
}

impl Default for CompanyProfile {
    /// An empty profile is a first report: that is what a company starting out with Preflight
    /// most likely prepares.
    fn default() -> Self {
        CompanyProfile {
            service: String::new(),
            transactions: TransactionKind::None,
            customer_data: false,
            uptime_commitment: false,
            confidential_data: false,
            personal_info: PersonalInfo::None,
            privacy_role: PrivacyRole::NotSure,
            processing_accuracy: false,
            public_seal: false,
            customer_ask: CustomerAsk::NotSure,
            first_report: true,
            previous_type: None,
            previous_period_end: None,
            customers_year_end_month: None,
            head_count: None,
            has_office: None,
            target_date: None,
        }
    }
}

impl CompanyProfile {
    /// The month most customers' financial year ends in (December unless another valid month is
    /// given).
    pub fn year_end_month(&self) -> u32 {
        self.customers_year_end_month
            .filter(|m| (1..=12).contains(m))
            .unwrap_or(12)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_stored_before_the_new_questions_still_loads() {
        // As stored by earlier versions (and in their portable files): no privacy role, previous
        // report, year end, head count or office.
        let old = r#"{"service":"Payroll","transactions":"payroll","customer_data":true,
            "uptime_commitment":false,"confidential_data":false,"personal_info":"sensitive",
            "processing_accuracy":true,"public_seal":false,"customer_ask":"soc1",
            "first_report":false,"target_date":"2027-06-30"}"#;
        let p: CompanyProfile = serde_json::from_str(old).expect("old profile");
        assert_eq!(p.transactions, TransactionKind::Payroll);
        assert!(!p.first_report);
        assert_eq!(p.privacy_role, PrivacyRole::NotSure);
        assert_eq!(
            (
                p.previous_type,
                p.previous_period_end,
                p.head_count,
                p.has_office
            ),
            (None, None, None, None)
        );
        assert_eq!(p.year_end_month(), 12);
        // An empty profile (the wizard skipped) is a first report.
        let empty: CompanyProfile = serde_json::from_str("{}").expect("empty");
        assert_eq!(empty, CompanyProfile::default());
        assert!(empty.first_report);
    }

    #[test]
    fn the_new_answers_round_trip() {
        let p = CompanyProfile {
            privacy_role: PrivacyRole::Processor,
            first_report: false,
            previous_type: Some(ReportType::Type1),
            previous_period_end: NaiveDate::from_ymd_opt(2026, 9, 30),
            customers_year_end_month: Some(6),
            head_count: Some(7),
            has_office: Some(false),
            ..Default::default()
        };
        let json = serde_json::to_string(&p).expect("json");
        assert!(json.contains(r#""privacy_role":"processor""#), "{json}");
        assert!(json.contains(r#""previous_type":"type1""#), "{json}");
        assert_eq!(
            serde_json::from_str::<CompanyProfile>(&json).expect("back"),
            p
        );
        assert_eq!(p.year_end_month(), 6);
        let odd = CompanyProfile {
            customers_year_end_month: Some(13),
            ..Default::default()
        };
        assert_eq!(odd.year_end_month(), 12);
    }
}
