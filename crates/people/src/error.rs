//! What can be wrong with a person's record or a CSV import of people.

use preflight_remediation::RemediationError;

/// A people register rule that input broke, in words a person understands, with a stable
/// [`code`](PeopleError::code) the UI and scripts can match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeopleError {
    #[error("The {what} \"{text}\" is not a date in the form YYYY-MM-DD, for example 2026-03-31.")]
    InvalidDate { what: &'static str, text: String },
    #[error("The {what} is missing. Enter it as YYYY-MM-DD, for example 2026-03-31.")]
    DateMissing { what: &'static str },
    #[error("The {what} {date} is after today. Enter it once it has happened.")]
    DateInFuture { what: &'static str, date: String },
    #[error("The end date ({end}) comes before the start date ({start}). Check both dates.")]
    EndBeforeStart { start: String, end: String },
    #[error("\"{0}\" is not a kind of worker: use employee or contractor.")]
    InvalidKind(String),
    #[error("\"{0}\" is not a background check status: use done (with the date it was done), not required (with the reason), or leave it blank when nothing is recorded.")]
    InvalidBackgroundCheck(String),
    #[error("The background check is marked done but has no date. Enter the date it was done.")]
    BackgroundCheckDateMissing,
    #[error("A background check marked not required needs the reason, for example \"contractor with no access to systems or customer data\" (in a CSV file: \"not required: the reason\").")]
    BackgroundCheckReasonMissing,
    #[error("The date access was removed is recorded for people who left: enter their end date too, or clear the access removal date.")]
    AccessRemovedWithoutEnd,
    #[error("Version {version} of the policy \"{policy_id}\" does not exist, so it cannot have been acknowledged. Choose a version the Policies tab lists.")]
    UnknownPolicyVersion { policy_id: String, version: u32 },
    #[error("The {what} \"{text}\" starts like a spreadsheet formula (=, +, - or @); Preflight does not take formulas. If it is text, remove the leading character.")]
    FormulaText { what: &'static str, text: String },
    #[error(
        "\"{0}\" is already in the people register. Edit that person instead, or use another name."
    )]
    DuplicatePerson(String),
    #[error("There is nobody named \"{0}\" in the people register. They may have been removed or renamed.")]
    UnknownPerson(String),
    #[error("This person was changed elsewhere (perhaps in another window) after you opened them: you had version {yours}, the saved one is version {saved}. Nothing was saved. Reload to see the latest, then make your change again.")]
    StaleVersion { yours: u32, saved: u32 },
    #[error("The file is empty: there is no header row and no person.")]
    EmptyFile,
    #[error("The file is not a CSV Preflight can read: {0}")]
    UnreadableCsv(String),
    #[error("The first row has no column for the person's name (a header such as \"Name\", \"Full name\" or \"Employee\", or both \"First name\" and \"Last name\"). The first row must name the columns. Columns found: {0}.")]
    NoNameColumn(String),
    #[error("The file has no people under its header row.")]
    NoRows,
    #[error("{rejected} row(s) of the file have errors, so nothing was imported. Fix those rows, or choose to import only the good rows.")]
    ImportHasErrors { rejected: usize },
    #[error(transparent)]
    Field(#[from] RemediationError),
}

impl PeopleError {
    /// A stable code the UI and scripts can match on.
    pub fn code(&self) -> &'static str {
        use PeopleError::*;
        match self {
            InvalidDate { .. } => "invalid_date",
            DateMissing { .. } => "date_missing",
            DateInFuture { .. } => "date_in_future",
            EndBeforeStart { .. } => "end_before_start",
            InvalidKind(_) => "invalid_person_kind",
            InvalidBackgroundCheck(_) => "invalid_background_check",
            BackgroundCheckDateMissing => "background_check_date_missing",
            BackgroundCheckReasonMissing => "background_check_reason_missing",
            AccessRemovedWithoutEnd => "access_removed_without_end",
            UnknownPolicyVersion { .. } => "unknown_policy_version",
            FormulaText { .. } => "formula_text",
            DuplicatePerson(_) => "duplicate_person",
            UnknownPerson(_) => "unknown_person",
            StaleVersion { .. } => "stale_version",
            EmptyFile => "csv_empty",
            UnreadableCsv(_) => "csv_unreadable",
            NoNameColumn(_) => "csv_no_name_column",
            NoRows => "csv_no_rows",
            ImportHasErrors { .. } => "import_has_errors",
            Field(e) => e.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_sentences_and_codes_are_stable() {
        let e = PeopleError::InvalidDate {
            what: "start date",
            text: "15/01/2026".into(),
        };
        assert_eq!(e.code(), "invalid_date");
        assert_eq!(
            e.to_string(),
            "The start date \"15/01/2026\" is not a date in the form YYYY-MM-DD, for example 2026-03-31."
        );
        let e = PeopleError::from(RemediationError::EmptyPersonName);
        assert_eq!(e.code(), "empty_person_name");
        assert!(e.to_string().starts_with("The name is empty"));
        assert_eq!(
            PeopleError::ImportHasErrors { rejected: 2 }.code(),
            "import_has_errors"
        );
    }
}
