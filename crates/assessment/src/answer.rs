//! The five answers a founder can give, and a saved answer with its note.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::AssessmentError;

/// A note is at most this many characters: the most one spreadsheet cell holds is 32,767, and
/// the workbook must carry the whole note.
pub const MAX_NOTE_CHARS: usize = 32_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerValue {
    Yes,
    Partly,
    No,
    /// Not applicable to this company.
    Na,
    /// Don't know.
    Unknown,
}

impl AnswerValue {
    pub const ALL: [AnswerValue; 5] = [
        AnswerValue::Yes,
        AnswerValue::Partly,
        AnswerValue::No,
        AnswerValue::Na,
        AnswerValue::Unknown,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AnswerValue::Yes => "Yes",
            AnswerValue::Partly => "Partly",
            AnswerValue::No => "No",
            AnswerValue::Na => "Not applicable",
            AnswerValue::Unknown => "Don't know",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AnswerValue::Yes => "yes",
            AnswerValue::Partly => "partly",
            AnswerValue::No => "no",
            AnswerValue::Na => "na",
            AnswerValue::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Result<Self, AssessmentError> {
        AnswerValue::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| AssessmentError::InvalidAnswer(s.to_string()))
    }
}

/// The answer saved for one question: the value (absent while only a note was written), the
/// note, and when it was last given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question_id: String,
    #[serde(default)]
    pub value: Option<AnswerValue>,
    #[serde(default)]
    pub note: String,
    pub answered_at: DateTime<Utc>,
}

/// Checks a note's length. Any text is allowed: emoji, right-to-left scripts, leading `=`.
pub fn check_note(note: &str) -> Result<(), AssessmentError> {
    let len = note.chars().count();
    if len > MAX_NOTE_CHARS {
        return Err(AssessmentError::TooLong {
            field: "note",
            len,
            max: MAX_NOTE_CHARS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_their_names() {
        for v in AnswerValue::ALL {
            assert_eq!(AnswerValue::parse(v.as_str()), Ok(v));
            let json = serde_json::to_string(&v).expect("json");
            assert_eq!(json, format!("\"{}\"", v.as_str()));
        }
        assert!(AnswerValue::parse("maybe").is_err());
    }

    #[test]
    fn long_notes_are_refused_but_any_script_is_fine() {
        assert!(check_note("שלום 👋 =SUM(A1)").is_ok());
        assert!(check_note(&"x".repeat(MAX_NOTE_CHARS)).is_ok());
        let e = check_note(&"x".repeat(1_000_000)).expect_err("too long");
        assert_eq!(e.code(), "too_long");
        assert!(e.to_string().contains("1000000 characters"));
    }
}
