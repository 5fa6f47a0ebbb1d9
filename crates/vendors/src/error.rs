//! What can be wrong with a vendor, its SOC report review, a CSV import or a customer control.

use preflight_remediation::RemediationError;

/// A vendor register rule that input broke, in words a person understands, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VendorError {
    #[error("The vendor name is empty. Enter the company's name.")]
    EmptyName,
    #[error("There is already a vendor named \"{0}\" in this assessment. Use another name, or edit that vendor.")]
    DuplicateName(String),
    #[error("\"{0}\" is not a kind of data: use none, internal, confidential or personal.")]
    InvalidDataClass(String),
    #[error("\"{0}\" is not a criticality: use critical, important or low.")]
    InvalidCriticality(String),
    #[error("\"{0}\" is not a subservice method: use carve_out or inclusive.")]
    InvalidMethod(String),
    #[error("\"{0}\" is not an opinion: use unqualified, qualified, adverse or disclaimer.")]
    InvalidOpinion(String),
    #[error("\"{0}\" is not a CUEC status: use runs, not_run or not_applicable.")]
    InvalidCuecStatus(String),
    #[error("\"{0}\" is not a report: use soc1, soc2 or soc3 for the kind and type1 or type2 for the type.")]
    InvalidReport(String),
    #[error("\"{0}\" is not a stored evidence file of this assessment. Attach the report in the Evidence tab first, then link it.")]
    UnknownEvidence(String),
    #[error("\"{0}\" is not yes or no.")]
    InvalidYesNo(String),
    #[error("The {what} {date} is in the future. Enter it once it has happened.")]
    DateInFuture { what: &'static str, date: String },
    #[error("The report period ends ({end}) before it starts ({start}).")]
    PeriodEndsBeforeStart { start: String, end: String },
    #[error(
        "A Type 2 report covers a period: enter the date it starts as well as the date it ends."
    )]
    PeriodStartMissing,
    #[error("The next review ({next}) comes before the last one ({last}).")]
    NextReviewBeforeLast { last: String, next: String },
    #[error("The {0} is empty.")]
    EmptyText(&'static str),
    #[error("There is no vendor with id {0}. It may have been deleted.")]
    UnknownVendor(String),
    #[error("There is no CUEC with id {0} in this vendor's report review.")]
    UnknownCuec(String),
    #[error("This CUEC is marked as run by the company; only a CUEC the company does not run becomes a gap with a task.")]
    CuecAlreadyRun,
    #[error("This CUEC already has a task.")]
    CuecHasTask,
    #[error("There is no customer control with id {0}.")]
    UnknownCustomerControl(String),
    #[error("There is no starter customer control with id \"{0}\".")]
    UnknownStarter(String),
    #[error("The starter customer controls could not be read: {0}")]
    StarterData(String),
    #[error("This vendor was changed elsewhere after you opened it (you had version {yours}, the saved one is {saved}). Nothing was saved: reload and make your change again.")]
    StaleVersion { yours: u32, saved: u32 },
    #[error("The file is empty: there is no header row and no vendor.")]
    EmptyFile,
    #[error("The file is not a CSV Preflight can read: {0}")]
    UnreadableCsv(String),
    #[error("The first row has no column for the vendor's name (a header such as \"Name\" or \"Vendor\"). The first row must name the columns. Columns found: {0}.")]
    NoNameColumn(String),
    #[error("{rejected} row(s) of the file have errors, so nothing was imported. Fix those rows, or choose to import only the good rows.")]
    ImportHasErrors { rejected: usize },
    #[error("The file has no vendor rows under its header.")]
    NoRows,
    #[error(transparent)]
    Field(#[from] RemediationError),
}

impl VendorError {
    /// A stable code the UI and scripts can match on.
    pub fn code(&self) -> &'static str {
        use VendorError::*;
        match self {
            EmptyName => "empty_vendor_name",
            DuplicateName(_) => "duplicate_vendor",
            InvalidDataClass(_) => "invalid_data_class",
            InvalidCriticality(_) => "invalid_criticality",
            InvalidMethod(_) => "invalid_subservice_method",
            InvalidOpinion(_) => "invalid_opinion",
            InvalidCuecStatus(_) => "invalid_cuec_status",
            InvalidYesNo(_) => "invalid_yes_no",
            InvalidReport(_) => "invalid_report",
            UnknownEvidence(_) => "unknown_evidence",
            DateInFuture { .. } => "date_in_future",
            PeriodEndsBeforeStart { .. } => "period_ends_before_start",
            PeriodStartMissing => "period_start_missing",
            NextReviewBeforeLast { .. } => "next_review_before_last",
            EmptyText(_) => "empty_text",
            UnknownVendor(_) => "unknown_vendor",
            UnknownCuec(_) => "unknown_cuec",
            CuecAlreadyRun => "cuec_already_run",
            CuecHasTask => "cuec_has_task",
            UnknownCustomerControl(_) => "unknown_customer_control",
            UnknownStarter(_) => "unknown_starter_cuec",
            StarterData(_) => "starter_data",
            StaleVersion { .. } => "stale_version",
            EmptyFile => "csv_empty",
            UnreadableCsv(_) => "csv_unreadable",
            NoNameColumn(_) => "csv_no_name_column",
            ImportHasErrors { .. } => "import_has_errors",
            NoRows => "csv_no_rows",
            Field(e) => e.code(),
        }
    }
}
