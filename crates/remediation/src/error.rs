//! What can be wrong with a task, a person, an evidence record or a duty.

/// A remediation rule that input broke. Each says what is wrong in words a person understands,
/// and has a stable [`code`](RemediationError::code) the UI can match on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemediationError {
    #[error("The task title is empty. Say in a few words what has to be done.")]
    EmptyTitle,
    #[error("The {field} is {len} characters long; at most {max} are allowed.")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("The name is empty. Enter the person's name.")]
    EmptyPersonName,
    #[error("\"{0}\" is already in this assessment's people list.")]
    DuplicatePerson(String),
    #[error("\"{0}\" is not in this assessment's people list. Add them to the people list first, then make them the owner.")]
    UnknownPerson(String),
    #[error("\"{name}\" owns {tasks} task(s), risk(s), vendor(s) or policies. Give them another owner before removing this person from the people list.")]
    PersonOwnsTasks { name: String, tasks: usize },
    #[error("\"{0}\" is not a due date. Enter it as YYYY-MM-DD, for example 2026-03-31.")]
    InvalidDueDate(String),
    #[error("\"{0}\" is not a date. Enter it as YYYY-MM-DD, for example 2026-03-31.")]
    InvalidDate(String),
    #[error("Accepting a risk needs a written justification: say why the gap is acceptable and what limits the risk.")]
    RiskJustificationMissing,
    #[error("Accepting a risk needs the name of the person who accepted it.")]
    RiskAcceptorMissing,
    #[error("This task was changed elsewhere (perhaps in another window) after you opened it: you had version {yours}, the saved one is version {saved}. Nothing was saved. Reload the task to see the latest, then make your change again.")]
    StaleVersion { yours: u32, saved: u32 },
    #[error("There is no question with id \"{0}\".")]
    UnknownQuestion(String),
    #[error(
        "\"{0}\" is neither a Trust Services criterion nor a SOC 1 objective Preflight knows."
    )]
    UnknownCriterion(String),
    #[error("\"{0}\" is not a task status: use todo, in_progress, done or risk_accepted.")]
    InvalidStatus(String),
    #[error("\"{0}\" is not a priority: use high, medium or low.")]
    InvalidPriority(String),
    #[error("\"{0}\" is not a recurring duty Preflight knows.")]
    UnknownDuty(String),
    #[error("\"{0}\" is not a task or evidence id.")]
    InvalidId(String),
    #[error("The recurring duties calendar is for a Type 2 report: this assessment has no observation period.")]
    NoObservationPeriod,
    #[error("Evidence is attached either to a question or to a task, not both and not neither.")]
    EvidenceLink,
    #[error("There is not enough free space to store this file: it needs {needed} bytes and the disk holding the data folder has {available} bytes free. Free some space or choose a smaller file; nothing was copied.")]
    NotEnoughSpace { needed: u64, available: u64 },
}

impl RemediationError {
    /// A stable code the UI and scripts can match on.
    pub fn code(&self) -> &'static str {
        use RemediationError::*;
        match self {
            EmptyTitle => "empty_title",
            TooLong { .. } => "too_long",
            EmptyPersonName => "empty_person_name",
            DuplicatePerson(_) => "duplicate_person",
            UnknownPerson(_) => "unknown_person",
            PersonOwnsTasks { .. } => "person_owns_tasks",
            InvalidDueDate(_) => "invalid_due_date",
            InvalidDate(_) => "invalid_date",
            RiskJustificationMissing => "risk_justification_missing",
            RiskAcceptorMissing => "risk_acceptor_missing",
            StaleVersion { .. } => "stale_version",
            UnknownQuestion(_) => "unknown_question",
            UnknownCriterion(_) => "unknown_criterion",
            InvalidStatus(_) => "invalid_status",
            InvalidPriority(_) => "invalid_priority",
            UnknownDuty(_) => "unknown_duty",
            InvalidId(_) => "invalid_id",
            NoObservationPeriod => "no_observation_period",
            EvidenceLink => "evidence_link",
            NotEnoughSpace { .. } => "not_enough_space",
        }
    }
}
