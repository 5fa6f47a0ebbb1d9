//! The recurring duties and their timing: the one source.
//!
//! Every duty a SOC report expects to recur (the access review, the yearly risk assessment, the
//! vulnerability scans, offboarding, ...) has its frequency, label, criteria and the words used
//! for its timing ("every three months", "within one working day of their leaving date") here
//! and nowhere else. The Type 2 calendar, the timeline's "what must run inside the window" list,
//! the questions' texts (through the `{every:<duty>}` and `{rule:<duty>}` placeholders, see
//! [`crate::render`]) and later the policies all read this table.
//!
//! The frequencies are common practice, not requirements of the criteria: the criteria set no
//! frequency. Where a rule is a practice, the texts say "confirm with your auditor".

use std::fmt;

use serde::{Deserialize, Serialize};

/// How often a control runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Annual,
    Quarterly,
    Monthly,
    Weekly,
    Daily,
    /// Each time something happens: a hire, a leaver, a change.
    PerEvent,
}

impl Frequency {
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Annual => "Yearly",
            Frequency::Quarterly => "Quarterly",
            Frequency::Monthly => "Monthly",
            Frequency::Weekly => "Weekly",
            Frequency::Daily => "Daily",
            Frequency::PerEvent => "Per event",
        }
    }

    /// The length of one slot in months for a counted frequency (yearly 12, quarterly 3,
    /// monthly 1); `None` for frequencies counted in days or per event.
    pub fn months(self) -> Option<u32> {
        match self {
            Frequency::Annual => Some(12),
            Frequency::Quarterly => Some(3),
            Frequency::Monthly => Some(1),
            Frequency::Weekly | Frequency::Daily | Frequency::PerEvent => None,
        }
    }
}

/// The report type a text is worded for. A Type 1 report is "as of" one date; a Type 2 report
/// covers an observation period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wording {
    Type1,
    Type2,
}

impl Wording {
    pub const ALL: [Wording; 2] = [Wording::Type1, Wording::Type2];
}

/// Said with every timing rule: the rules are practice, not requirements.
pub const CONFIRM: &str = "confirm with your auditor";

/// How a yearly duty is counted, for a Type 2 observation period. Used by the calendar, the
/// timeline and (through `{rule:<duty>}`) the question texts.
pub const YEARLY_RULE: &str = "inside the observation period, or within the 12 months before it \
ends; once more for each further full 12 months of a longer period (common practice, not a \
requirement of the criteria: confirm with your auditor)";

/// How a quarterly duty is counted, for a Type 2 observation period: per full three months, not
/// per calendar quarter, so a short stub at the end asks for no extra review.
pub const QUARTERLY_RULE: &str = "once in each full three months of the observation period, \
counted from its first day, and at least once; days left over after the last full three months \
belong to the last stretch (common practice: confirm with your auditor)";

/// How a monthly duty is counted, for a Type 2 observation period.
pub const MONTHLY_RULE: &str = "once in each full month of the observation period, counted from \
its first day, and at least once (common practice: confirm with your auditor)";

/// A duty that recurs and leaves a record each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    AccessReview,
    RiskAssessment,
    VendorReview,
    IncidentResponseTest,
    ContinuityTest,
    AwarenessTraining,
    Onboarding,
    Offboarding,
    VulnerabilityScan,
    ChangeApproval,
    PenTest,
    PolicyReview,
    BoardReview,
}

/// Everything said about one duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DutySpec {
    pub duty: Duty,
    /// Stable id, as stored with a recorded occurrence and used in `{every:<id>}`.
    pub id: &'static str,
    pub label: &'static str,
    pub frequency: Frequency,
    /// When it is done, said to a person: fits "Do you ... {every}?".
    pub every: &'static str,
    /// The Trust Services criteria the duty mostly supports.
    pub criteria: &'static [&'static str],
    /// For per-event duties, what one event is ("per hire").
    pub event: Option<&'static str>,
    /// The questions whose texts state this duty's timing: they take it from here (through a
    /// placeholder) and state no frequency of their own. Checked by the catalog validator.
    pub questions: &'static [&'static str],
}

const YEARLY: &str = "at least once a year";

/// The table: one row per duty, in the order the calendar and the timeline list them.
pub const DUTIES: [DutySpec; 13] = [
    DutySpec {
        duty: Duty::AccessReview,
        id: "access_review",
        label: "User access review",
        frequency: Frequency::Quarterly,
        every: "every three months",
        criteria: &["CC6.2", "CC6.3"],
        event: None,
        questions: &[
            "cc6-access-reviews",
            "cc6-access-review-ran",
            "cc6-account-cleanup",
            "soc1-access-review",
        ],
    },
    DutySpec {
        duty: Duty::RiskAssessment,
        id: "risk_assessment",
        label: "Risk assessment",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC3.2"],
        event: None,
        questions: &["cc3-risk-assessment", "t2-risk-assessment-ran"],
    },
    DutySpec {
        duty: Duty::VendorReview,
        id: "vendor_review",
        label: "Vendor review",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC9.2"],
        event: None,
        questions: &[
            "cc9-vendor-review",
            "t2-vendor-reviews-ran",
            "cc6-datacenter-provider",
            "soc1-hosting-report-review",
            "soc1-physical",
            "p-vendor-privacy-checks",
        ],
    },
    DutySpec {
        duty: Duty::IncidentResponseTest,
        id: "incident_response_test",
        label: "Incident response test",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC7.4", "CC7.5"],
        event: None,
        questions: &["cc7-incident-exercise", "t2-incident-test-ran"],
    },
    DutySpec {
        duty: Duty::ContinuityTest,
        id: "continuity_test",
        label: "Business continuity and disaster recovery test",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC9.1", "CC7.5"],
        event: None,
        questions: &[
            "cc9-continuity-tested",
            "t2-recovery-test-ran",
            "a1-recovery-test",
            "a1-backups-restored",
        ],
    },
    DutySpec {
        duty: Duty::AwarenessTraining,
        id: "awareness_training",
        label: "Security awareness training",
        frequency: Frequency::Annual,
        every: "when they join and again at least once a year",
        criteria: &["CC1.4", "CC2.2"],
        event: None,
        questions: &["cc2-security-training", "t2-training-completed"],
    },
    DutySpec {
        duty: Duty::Onboarding,
        id: "onboarding",
        label: "Onboarding",
        frequency: Frequency::PerEvent,
        every: "for every person who joins",
        criteria: &["CC1.4", "CC6.2"],
        event: Some("per hire"),
        questions: &[],
    },
    DutySpec {
        duty: Duty::Offboarding,
        id: "offboarding",
        label: "Offboarding",
        frequency: Frequency::PerEvent,
        every: "within one working day of their leaving date",
        criteria: &["CC6.2", "CC6.3"],
        event: Some("per leaver"),
        questions: &[
            "cc6-offboarding",
            "soc1-access-provisioning",
            "cc6-badge-return",
        ],
    },
    DutySpec {
        duty: Duty::VulnerabilityScan,
        id: "vulnerability_scan",
        label: "Vulnerability scans run and reviewed",
        frequency: Frequency::Monthly,
        every: "at least once a month",
        criteria: &["CC7.1"],
        event: None,
        questions: &["cc7-vuln-scanning", "t2-recurring-checks-ran"],
    },
    DutySpec {
        duty: Duty::ChangeApproval,
        id: "change_approval",
        label: "Change approved before deploy",
        frequency: Frequency::PerEvent,
        every: "before every change reaches production",
        criteria: &["CC8.1"],
        event: Some("per change"),
        questions: &[],
    },
    DutySpec {
        duty: Duty::PenTest,
        id: "pen_test",
        label: "Penetration test",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC4.1", "CC7.1"],
        event: None,
        questions: &["cc4-pen-test", "cc6-public-endpoints"],
    },
    DutySpec {
        duty: Duty::PolicyReview,
        id: "policy_review",
        label: "Policy review and approval",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC5.3"],
        event: None,
        questions: &[
            "cc5-policy-review",
            "cc2-policies-published",
            "t2-oversight-ran",
        ],
    },
    DutySpec {
        duty: Duty::BoardReview,
        id: "board_review",
        label: "Board or advisory security review",
        frequency: Frequency::Annual,
        every: YEARLY,
        criteria: &["CC1.2"],
        event: None,
        questions: &[
            "cc1-board-oversight",
            "cc1-oversight-role-defined",
            "t2-oversight-ran",
        ],
    },
];

/// A duty id Preflight does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDuty(pub String);

impl UnknownDuty {
    pub fn code(&self) -> &'static str {
        "unknown_duty"
    }
}

impl fmt::Display for UnknownDuty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a recurring duty Preflight knows.", self.0)
    }
}

impl std::error::Error for UnknownDuty {}

impl Duty {
    /// Every duty, in table order.
    pub const ALL: [Duty; 13] = [
        Duty::AccessReview,
        Duty::RiskAssessment,
        Duty::VendorReview,
        Duty::IncidentResponseTest,
        Duty::ContinuityTest,
        Duty::AwarenessTraining,
        Duty::Onboarding,
        Duty::Offboarding,
        Duty::VulnerabilityScan,
        Duty::ChangeApproval,
        Duty::PenTest,
        Duty::PolicyReview,
        Duty::BoardReview,
    ];

    /// This duty's row of the table.
    pub fn spec(self) -> &'static DutySpec {
        // The table is in the order of the enum; a test keeps it so.
        &DUTIES[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.spec().id
    }

    pub fn parse(s: &str) -> Result<Duty, UnknownDuty> {
        DUTIES
            .iter()
            .find(|d| d.id == s)
            .map(|d| d.duty)
            .ok_or_else(|| UnknownDuty(s.to_string()))
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn frequency(self) -> Frequency {
        self.spec().frequency
    }

    pub fn criteria(self) -> &'static [&'static str] {
        self.spec().criteria
    }

    pub fn event(self) -> Option<&'static str> {
        self.spec().event
    }

    /// When it is done, said to a person ("every three months").
    pub fn every(self) -> &'static str {
        self.spec().every
    }

    /// How it is counted for a report of this type, with "confirm with your auditor" for the
    /// counted ones.
    pub fn rule(self, wording: Wording) -> String {
        let spec = self.spec();
        match (spec.frequency, wording) {
            (Frequency::Annual, Wording::Type2) => YEARLY_RULE.to_string(),
            (Frequency::Quarterly, Wording::Type2) => QUARTERLY_RULE.to_string(),
            (Frequency::Monthly, Wording::Type2) => MONTHLY_RULE.to_string(),
            (Frequency::Annual, Wording::Type1) => format!(
                "{YEARLY}, the latest within the 12 months before the report date ({CONFIRM})"
            ),
            (Frequency::Quarterly, Wording::Type1) => format!(
                "{}, the latest within the three months before the report date ({CONFIRM})",
                spec.every
            ),
            (Frequency::Monthly, Wording::Type1) => format!(
                "{}, the latest within the month before the report date ({CONFIRM})",
                spec.every
            ),
            _ => spec.every.to_string(),
        }
    }
}

/// Words that state a frequency or a deadline. A text containing one states timing of its own.
/// ("daily" is left out: "daily management" states no frequency.)
pub const FREQUENCY_WORDS: &[&str] = &[
    "yearly",
    "annual",
    "a year",
    "each year",
    "every year",
    "twelve months",
    "12 months",
    "quarter",
    "monthly",
    "a month",
    "every month",
    "weekly",
    "every week",
    "every day",
    "working day",
    "last day",
    "three months",
];

/// The first frequency word in a text, if any (case-insensitive).
pub fn states_frequency(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    FREQUENCY_WORDS.iter().copied().find(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_follows_the_enum_and_ids_are_unique() {
        for (i, d) in Duty::ALL.into_iter().enumerate() {
            assert_eq!(DUTIES[i].duty, d);
            assert_eq!(d.spec().duty, d);
            assert_eq!(Duty::parse(d.as_str()), Ok(d));
        }
        let mut ids: Vec<_> = DUTIES.iter().map(|d| d.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), DUTIES.len());
        assert_eq!(
            Duty::parse("coffee").map_err(|e| e.code()),
            Err("unknown_duty")
        );
    }

    #[test]
    fn per_event_duties_name_their_event_and_counted_ones_do_not() {
        for d in DUTIES {
            assert_eq!(
                d.frequency == Frequency::PerEvent,
                d.event.is_some(),
                "{}",
                d.id
            );
        }
    }

    #[test]
    fn the_issue_s_contradictions_are_settled_here() {
        assert_eq!(
            Duty::VulnerabilityScan.frequency(),
            Frequency::Monthly,
            "one frequency for scans"
        );
        assert!(Duty::Offboarding.every().contains("within one working day"));
        for d in [Duty::PenTest, Duty::PolicyReview, Duty::BoardReview] {
            assert_eq!(d.frequency(), Frequency::Annual);
        }
    }

    #[test]
    fn counted_rules_say_confirm_with_your_auditor() {
        for d in Duty::ALL {
            if d.frequency().months().is_some() {
                for w in Wording::ALL {
                    assert!(d.rule(w).contains(CONFIRM), "{d:?} {w:?}");
                }
            }
        }
        assert!(Duty::RiskAssessment
            .rule(Wording::Type2)
            .contains("inside the observation period, or within the 12 months before it ends"));
        assert!(Duty::RiskAssessment
            .rule(Wording::Type1)
            .contains("before the report date"));
    }

    #[test]
    fn frequency_words_are_found() {
        assert_eq!(states_frequency("reviewed Yearly"), Some("yearly"));
        assert_eq!(states_frequency("every Quarter"), Some("quarter"));
        assert_eq!(
            states_frequency("within one working day"),
            Some("working day")
        );
        assert_eq!(states_frequency("Regularly"), None);
    }
}
