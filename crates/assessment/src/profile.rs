//! The company profile: the short questionnaire the scoping wizard asks before anything else.
//! Its answers drive the recommendation in [`crate::recommendation`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

/// What kind of financially relevant transactions the company processes for customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionKind {
    #[default]
    None,
    Payroll,
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

/// The wizard's answers. Every field has a default so a partly filled profile still works.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Customers rely on the system to calculate or transform their data correctly.
    pub processing_accuracy: bool,
    /// A public report for the website is wanted.
    pub public_seal: bool,
    pub customer_ask: CustomerAsk,
    /// This is the company's first SOC report.
    pub first_report: bool,
    /// When the company wants the report in hand.
    pub target_date: Option<NaiveDate>,
}
