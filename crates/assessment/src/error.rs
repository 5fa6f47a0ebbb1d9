//! What can be wrong with an assessment, its scope or an answer.

/// A rule of the domain that input broke. Each says what is wrong in words a person understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    #[error("The company name is empty. Enter the name of the company being assessed.")]
    EmptyCompany,
    #[error("The assessment name is empty. Give the assessment a name, such as \"SOC 2 readiness 2026\".")]
    EmptyName,
    #[error("The {field} is {len} characters long; at most {max} are allowed.")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("A Type 2 report needs an observation period: enter its start and end dates.")]
    MissingObservation,
    #[error("The observation period ends ({end}) on or before it starts ({start}). The end date must come after the start date.")]
    ObservationEndBeforeStart { start: String, end: String },
    #[error("\"{0}\" is not a date in the form YYYY-MM-DD (for example 2026-01-31).")]
    InvalidDate(String),
    #[error("\"{0}\" is not a Trust Services category Preflight knows.")]
    UnknownCategory(String),
    #[error("\"{0}\" is not a SOC 1 control objective Preflight knows.")]
    UnknownObjective(String),
    #[error("A SOC 1 assessment needs at least one control objective in scope.")]
    NoObjectives,
    #[error("SOC 1 is scoped by control objectives, not by Trust Services categories.")]
    CategoriesForSoc1,
    #[error("{0} is in scope, so it cannot also be excluded.")]
    ExclusionInScope(String),
    #[error("Say why {0} is left out of scope: the auditor will ask.")]
    EmptyJustification(String),
    #[error("The {0} is empty.")]
    EmptyObjectiveText(&'static str),
    #[error("Only a SOC 1 assessment has control objectives of its own.")]
    ObjectivesForSoc1Only,
    #[error("There is no question with id \"{0}\".")]
    UnknownQuestion(String),
    #[error("Question \"{0}\" does not apply to this assessment's scope.")]
    QuestionOutOfScope(String),
    #[error("\"{0}\" is not an assessment id.")]
    InvalidAssessmentId(String),
    #[error("\"{0}\" is not a report kind: choose SOC 1, SOC 2 or SOC 3.")]
    InvalidReportKind(String),
    #[error("\"{0}\" is not a report type: choose Type 1 or Type 2.")]
    InvalidReportType(String),
    #[error("\"{0}\" is not an answer: use yes, partly, no, na (not applicable) or unknown (don't know).")]
    InvalidAnswer(String),
}

impl AssessmentError {
    /// A stable code the UI and scripts can match on.
    pub fn code(&self) -> &'static str {
        use AssessmentError::*;
        match self {
            EmptyCompany => "empty_company",
            EmptyName => "empty_name",
            TooLong { .. } => "too_long",
            MissingObservation => "missing_observation",
            ObservationEndBeforeStart { .. } => "observation_end_before_start",
            InvalidDate(_) => "invalid_date",
            UnknownCategory(_) => "unknown_category",
            UnknownObjective(_) => "unknown_objective",
            NoObjectives => "no_objectives",
            CategoriesForSoc1 => "categories_for_soc1",
            UnknownQuestion(_) => "unknown_question",
            EmptyObjectiveText(_) => "empty_objective_text",
            ObjectivesForSoc1Only => "objectives_for_soc1_only",
            ExclusionInScope(_) => "exclusion_in_scope",
            EmptyJustification(_) => "empty_justification",
            QuestionOutOfScope(_) => "question_out_of_scope",
            InvalidAssessmentId(_) => "invalid_assessment_id",
            InvalidAnswer(_) => "invalid_answer",
            InvalidReportKind(_) => "invalid_report_kind",
            InvalidReportType(_) => "invalid_report_type",
        }
    }
}
