//! A request item's status, owner and due date, and the auditor's comment on it.
//!
//! "Collected" needs evidence with a valid effective date (one that fits the window): an item
//! is shown as collected as soon as it has such evidence, and cannot be set to collected,
//! delivered or accepted without it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::RequestError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    NotStarted,
    Collected,
    Delivered,
    Accepted,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 4] = [
        RequestStatus::NotStarted,
        RequestStatus::Collected,
        RequestStatus::Delivered,
        RequestStatus::Accepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::NotStarted => "not_started",
            RequestStatus::Collected => "collected",
            RequestStatus::Delivered => "delivered",
            RequestStatus::Accepted => "accepted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::NotStarted => "Not started",
            RequestStatus::Collected => "Collected",
            RequestStatus::Delivered => "Delivered",
            RequestStatus::Accepted => "Accepted",
        }
    }

    pub fn parse(s: &str) -> Result<RequestStatus, RequestError> {
        let t = s.trim().to_lowercase().replace(' ', "_");
        RequestStatus::ALL
            .into_iter()
            .find(|x| x.as_str() == t)
            .ok_or_else(|| RequestError::InvalidStatus(s.to_string()))
    }
}

/// What is saved for an item of an assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestState {
    pub request_id: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// The status set by hand (delivered, accepted); `None` means "as the evidence says".
    #[serde(default)]
    pub set_status: Option<RequestStatus>,
    #[serde(default)]
    pub auditor_comment: String,
    #[serde(default)]
    pub auditor_status: Option<String>,
    pub version: u32,
}

impl RequestState {
    /// The status shown: the one set by hand, or collected when the item has evidence with a
    /// valid date, or not started.
    pub fn status(&self, has_valid_evidence: bool) -> RequestStatus {
        match (self.set_status, has_valid_evidence) {
            (Some(s), true) => s,
            (Some(_), false) | (None, false) => RequestStatus::NotStarted,
            (None, true) => RequestStatus::Collected,
        }
    }

    /// Checks a status set by hand.
    pub fn check_status(
        item: &str,
        wanted: RequestStatus,
        has_valid_evidence: bool,
    ) -> Result<Option<RequestStatus>, RequestError> {
        match wanted {
            RequestStatus::NotStarted => Ok(None),
            s if !has_valid_evidence => Err(RequestError::NoValidEvidence {
                item: item.to_string(),
                status: s.label(),
            }),
            RequestStatus::Collected => Ok(None),
            s => Ok(Some(s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collected_only_with_valid_evidence() {
        let s = RequestState::default();
        assert_eq!(s.status(false), RequestStatus::NotStarted);
        assert_eq!(s.status(true), RequestStatus::Collected);
        assert_eq!(
            RequestState::check_status("x", RequestStatus::Delivered, false).map_err(|e| e.code()),
            Err("no_valid_evidence")
        );
        let set = RequestState::check_status("x", RequestStatus::Accepted, true).expect("ok");
        let s = RequestState {
            set_status: set,
            ..Default::default()
        };
        assert_eq!(s.status(true), RequestStatus::Accepted);
        assert_eq!(
            s.status(false),
            RequestStatus::NotStarted,
            "evidence removed: back to not started"
        );
        assert_eq!(
            RequestStatus::parse("Delivered"),
            Ok(RequestStatus::Delivered)
        );
        assert!(RequestStatus::parse("done").is_err());
    }
}
