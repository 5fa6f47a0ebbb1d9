//! What can be wrong with a policy.

use preflight_remediation::RemediationError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("The policy templates could not be read: {0}")]
    TemplateData(String),
    #[error("There is no policy template with id \"{0}\".")]
    UnknownTemplate(String),
    #[error("The policy title is empty.")]
    EmptyTitle,
    #[error("The policy text is empty. Write the policy, or start from a template.")]
    EmptyText,
    #[error("The policy text is {len} characters long; at most {max} are allowed (about 40 pages). Split it into several policies.")]
    TextTooLong { len: usize, max: usize },
    #[error("Approving a policy needs the name of the person who approves it.")]
    ApproverMissing,
    #[error("The text still has {0} part(s) marked [[to fill: ...]]. Write them in (or remove them) before approving: an auditor will not accept a policy with blanks.")]
    PartsToFill(usize),
    #[error("Version {0} is already approved. Change the text to start a new draft version.")]
    AlreadyApproved(u32),
    #[error("This policy is retired: it can no longer be changed or approved.")]
    Retired,
    #[error("The review cycle is {0} months; use 1 to 36 months (12, yearly, is usual).")]
    BadReviewCycle(i64),
    #[error("The date {0} is in the future.")]
    DateInFuture(String),
    #[error("This policy was changed elsewhere after you opened it (you had version {yours}, the saved one is {saved}). Nothing was saved: reload and make your change again.")]
    StaleVersion { yours: u32, saved: u32 },
    #[error("The policy \"{0}\" is already in this assessment's policy set.")]
    AlreadyAdopted(String),
    #[error(transparent)]
    Field(#[from] RemediationError),
}

impl PolicyError {
    pub fn code(&self) -> &'static str {
        use PolicyError::*;
        match self {
            TemplateData(_) => "policy_template_data",
            UnknownTemplate(_) => "unknown_policy_template",
            EmptyTitle => "empty_title",
            EmptyText => "empty_policy_text",
            TextTooLong { .. } => "too_long",
            ApproverMissing => "approver_missing",
            AlreadyApproved(_) => "already_approved",
            PartsToFill(_) => "policy_parts_to_fill",
            Retired => "policy_retired",
            BadReviewCycle(_) => "bad_review_cycle",
            DateInFuture(_) => "date_in_future",
            StaleVersion { .. } => "stale_version",
            AlreadyAdopted(_) => "policy_already_adopted",
            Field(e) => e.code(),
        }
    }
}
