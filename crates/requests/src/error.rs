//! What can be wrong with a request item or an effective date.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("The request list could not be read: {0}")]
    Data(String),
    #[error("There is no request item \"{0}\" in this assessment's request list.")]
    UnknownItem(String),
    #[error("\"{0}\" is not a date. Enter the date the evidence shows as YYYY-MM-DD, for example 2026-03-31.")]
    InvalidDate(String),
    #[error("The effective date {0} is in the future: evidence can only show what has already happened.")]
    DateInFuture(String),
    #[error("\"{0}\" is not a request status: use not_started, collected, delivered or accepted.")]
    InvalidStatus(String),
    #[error("\"{item}\" cannot be marked {status} yet: it has no evidence with a valid effective date. Attach the evidence and give the date it shows first.")]
    NoValidEvidence { item: String, status: &'static str },
    #[error("This request item was changed elsewhere after you opened it (you had version {yours}, the saved one is {saved}). Reload and try again.")]
    StaleVersion { yours: u32, saved: u32 },
}

impl RequestError {
    pub fn code(&self) -> &'static str {
        use RequestError::*;
        match self {
            Data(_) => "request_data",
            UnknownItem(_) => "unknown_request_item",
            InvalidDate(_) => "invalid_date",
            DateInFuture(_) => "date_in_future",
            InvalidStatus(_) => "invalid_request_status",
            NoValidEvidence { .. } => "no_valid_evidence",
            StaleVersion { .. } => "stale_version",
        }
    }
}
