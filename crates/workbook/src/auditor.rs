//! The auditor's side of the workbook: the statuses an auditor can give a question, and an
//! auditor's comment as it is written back into the Questionnaire sheet.

use serde::Serialize;

/// What the auditor thinks of one answer, chosen from the dropdown in the Questionnaire sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditorStatus {
    /// The auditor agrees with the answer.
    Agreed,
    /// The answer may hold, but the auditor wants to see evidence.
    NeedsEvidence,
    /// The auditor does not agree with the answer.
    NotAgreed,
    /// The auditor has not looked at it yet.
    NotTested,
}

impl AuditorStatus {
    pub const ALL: [AuditorStatus; 4] = [
        AuditorStatus::Agreed,
        AuditorStatus::NeedsEvidence,
        AuditorStatus::NotAgreed,
        AuditorStatus::NotTested,
    ];

    /// The text in the workbook's dropdown.
    pub fn label(self) -> &'static str {
        match self {
            AuditorStatus::Agreed => "Agreed",
            AuditorStatus::NeedsEvidence => "Needs evidence",
            AuditorStatus::NotAgreed => "Not agreed",
            AuditorStatus::NotTested => "Not tested",
        }
    }

    /// The stable code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditorStatus::Agreed => "agreed",
            AuditorStatus::NeedsEvidence => "needs_evidence",
            AuditorStatus::NotAgreed => "not_agreed",
            AuditorStatus::NotTested => "not_tested",
        }
    }

    /// Reads a stable code (`needs_evidence`).
    pub fn from_code(code: &str) -> Option<AuditorStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// Reads what an auditor typed or picked: the label, in any case, with spaces around it
    /// ignored ("needs evidence", " Agreed ").
    pub fn from_label(text: &str) -> Option<AuditorStatus> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.label().eq_ignore_ascii_case(t) || s.as_str().eq_ignore_ascii_case(t))
    }

    /// The labels, in dropdown order.
    pub fn labels() -> Vec<&'static str> {
        Self::ALL.iter().map(|s| s.label()).collect()
    }

    /// The dropdown of the "Auditor status" column, on every sheet that has one.
    pub fn validation() -> Result<rust_xlsxwriter::DataValidation, rust_xlsxwriter::XlsxError> {
        Ok(rust_xlsxwriter::DataValidation::new()
            .allow_list_strings(&Self::labels())?
            .set_input_title("Auditor status")?
            .set_input_message("Pick one: Agreed, Needs evidence, Not agreed or Not tested.")?
            .set_error_title("Not a status Preflight knows")?
            .set_error_message(
                "Choose Agreed, Needs evidence, Not agreed or Not tested from the list.",
            )?
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Stop))
    }
}

/// An auditor's comment and status on one question, as written into the auditor columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditorEntry {
    pub question_id: String,
    pub comment: String,
    pub status: Option<AuditorStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_codes_read_back() {
        for s in AuditorStatus::ALL {
            assert_eq!(AuditorStatus::from_code(s.as_str()), Some(s));
            assert_eq!(AuditorStatus::from_label(s.label()), Some(s));
            assert_eq!(
                AuditorStatus::from_label(&format!("  {}  ", s.label().to_uppercase())),
                Some(s)
            );
        }
        assert_eq!(AuditorStatus::from_label("Maybe"), None);
        assert_eq!(AuditorStatus::from_label(""), None);
        assert_eq!(AuditorStatus::from_code("Agreed"), None);
    }
}
