//! What can be wrong with a risk or a risk assessment record.

use preflight_remediation::RemediationError;

/// A risk register rule that input broke, in words a person understands, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskError {
    #[error("The risk title is empty. Say in a few words what could go wrong.")]
    EmptyTitle,
    #[error("The {field} is {value}; it must be a whole number from 1 to 5.")]
    LevelOutOfRange { field: &'static str, value: i64 },
    #[error("\"{0}\" is not a risk category: use security, availability, confidentiality, privacy, processing, fraud, vendor, legal or people.")]
    InvalidCategory(String),
    #[error("\"{0}\" is not a treatment: use mitigate, accept, transfer or avoid.")]
    InvalidTreatment(String),
    #[error("Accepting a risk needs a reason: say why the risk is acceptable as it is.")]
    AcceptanceReasonMissing,
    #[error("Accepting a risk needs the name of the person who accepted it.")]
    AcceptorMissing,
    #[error("The residual {field} ({residual}) is higher than the inherent one ({inherent}). The residual level is what is left after the treatment, so it cannot be higher.")]
    ResidualAboveInherent {
        field: &'static str,
        residual: u8,
        inherent: u8,
    },
    #[error("The date {0} is in the future. Record a risk assessment once it has taken place.")]
    DateInFuture(String),
    #[error("Say who took part in the risk assessment: at least one name.")]
    NoParticipants,
    #[error("The summary is empty. Write a few lines on what was reviewed and decided.")]
    EmptySummary,
    #[error("\"{0}\" is not a remediation task of this assessment.")]
    UnknownTask(String),
    #[error("There is no starter risk with id \"{0}\".")]
    UnknownStarter(String),
    #[error("The starter risks could not be read: {0}")]
    StarterData(String),
    #[error("This risk was changed elsewhere after you opened it (you had version {yours}, the saved one is {saved}). Nothing was saved: reload the register and make your change again.")]
    StaleVersion { yours: u32, saved: u32 },
    #[error(transparent)]
    Field(#[from] RemediationError),
}

impl RiskError {
    /// A stable code the UI and scripts can match on.
    pub fn code(&self) -> &'static str {
        use RiskError::*;
        match self {
            EmptyTitle => "empty_title",
            LevelOutOfRange { .. } => "risk_level_out_of_range",
            InvalidCategory(_) => "invalid_risk_category",
            InvalidTreatment(_) => "invalid_risk_treatment",
            AcceptanceReasonMissing => "risk_justification_missing",
            AcceptorMissing => "risk_acceptor_missing",
            ResidualAboveInherent { .. } => "residual_above_inherent",
            DateInFuture(_) => "date_in_future",
            NoParticipants => "no_participants",
            EmptySummary => "empty_summary",
            UnknownTask(_) => "unknown_task",
            UnknownStarter(_) => "unknown_starter_risk",
            StarterData(_) => "starter_data",
            StaleVersion { .. } => "stale_version",
            Field(e) => e.code(),
        }
    }
}
