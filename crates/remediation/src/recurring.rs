//! Recurring duties: the Type 2 calendar.
//!
//! A Type 2 report tests that controls operated throughout the observation period, so some
//! duties must recur inside it and leave a record each time. From the period this module lists
//! each duty, how many times it is expected in the window, the slots (calendar quarters or
//! 12-month periods) to fill, the occurrences ticked off so far, and the sample an auditor
//! typically pulls.
//!
//! Expected occurrences:
//! - quarterly: one per calendar quarter that overlaps the window (a window from 15 February
//!   to 14 May overlaps two quarters);
//! - yearly: one per 12 months started in the window, so at least one, and two for a window of
//!   13 to 24 months (partial months count as started);
//! - per event (onboarding, offboarding): one per hire or leaver, no fixed count.
//!
//! Sample sizes are set by the auditor; the figures here are a common practitioner table.

use chrono::{Datelike, Months, NaiveDate};
use preflight_assessment::ObservationPeriod;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fields::{check_len, parse_date, MAX_TEXT_CHARS};
use crate::RemediationError;

/// Said wherever a sample size is shown.
pub const SAMPLE_NOTE: &str = "Sample sizes are set by your auditor. These are typical figures \
used by practitioners, not AICPA requirements: your CPA firm may pull more or fewer.";

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
}

/// The sample an auditor typically tests for a control of some frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SampleGuide {
    pub frequency: Frequency,
    /// As said to a person, e.g. "2" or "2 to 5".
    pub label: &'static str,
    /// The smallest typical sample.
    pub min: u32,
    /// The largest typical sample; `None` when open-ended ("25 or more").
    pub max: Option<u32>,
}

/// The common practitioner table: annual 1, quarterly 2, monthly 2 to 5, weekly 5 to 15,
/// daily 15 to 25 or more, per event about 10% of the population (at least 3, at most about 30).
pub fn typical_sample(frequency: Frequency) -> SampleGuide {
    let (label, min, max) = match frequency {
        Frequency::Annual => ("1", 1, Some(1)),
        Frequency::Quarterly => ("2", 2, Some(2)),
        Frequency::Monthly => ("2 to 5", 2, Some(5)),
        Frequency::Weekly => ("5 to 15", 5, Some(15)),
        Frequency::Daily => ("15 to 25 or more", 15, None),
        Frequency::PerEvent => (
            "about 10% of the events (at least 3, at most about 30)",
            3,
            Some(30),
        ),
    };
    SampleGuide {
        frequency,
        label,
        min,
        max,
    }
}

/// The typical sample for a per-event control with `population` events in the period: about
/// 10%, at least 3 and at most 30, and never more than there were.
pub fn per_event_sample(population: u32) -> u32 {
    population.div_ceil(10).clamp(3, 30).min(population)
}

/// A duty that must recur during a Type 2 observation period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
}

impl Duty {
    pub const ALL: [Duty; 8] = [
        Duty::AccessReview,
        Duty::RiskAssessment,
        Duty::VendorReview,
        Duty::IncidentResponseTest,
        Duty::ContinuityTest,
        Duty::AwarenessTraining,
        Duty::Onboarding,
        Duty::Offboarding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Duty::AccessReview => "access_review",
            Duty::RiskAssessment => "risk_assessment",
            Duty::VendorReview => "vendor_review",
            Duty::IncidentResponseTest => "incident_response_test",
            Duty::ContinuityTest => "continuity_test",
            Duty::AwarenessTraining => "awareness_training",
            Duty::Onboarding => "onboarding",
            Duty::Offboarding => "offboarding",
        }
    }

    pub fn parse(s: &str) -> Result<Duty, RemediationError> {
        Duty::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| RemediationError::UnknownDuty(s.to_string()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Duty::AccessReview => "User access review",
            Duty::RiskAssessment => "Risk assessment",
            Duty::VendorReview => "Vendor review",
            Duty::IncidentResponseTest => "Incident response test",
            Duty::ContinuityTest => "Business continuity and disaster recovery test",
            Duty::AwarenessTraining => "Security awareness training",
            Duty::Onboarding => "Onboarding",
            Duty::Offboarding => "Offboarding",
        }
    }

    pub fn frequency(self) -> Frequency {
        match self {
            Duty::AccessReview => Frequency::Quarterly,
            Duty::RiskAssessment
            | Duty::VendorReview
            | Duty::IncidentResponseTest
            | Duty::ContinuityTest
            | Duty::AwarenessTraining => Frequency::Annual,
            Duty::Onboarding | Duty::Offboarding => Frequency::PerEvent,
        }
    }

    /// The Trust Services criteria the duty mostly supports.
    pub fn criteria(self) -> &'static [&'static str] {
        match self {
            Duty::AccessReview => &["CC6.2", "CC6.3"],
            Duty::RiskAssessment => &["CC3.2"],
            Duty::VendorReview => &["CC9.2"],
            Duty::IncidentResponseTest => &["CC7.4"],
            Duty::ContinuityTest => &["A1.3", "CC7.5"],
            Duty::AwarenessTraining => &["CC1.4", "CC2.2"],
            Duty::Onboarding => &["CC1.4", "CC6.2"],
            Duty::Offboarding => &["CC6.2", "CC6.3"],
        }
    }

    /// For per-event duties, what one event is.
    pub fn event(self) -> Option<&'static str> {
        match self {
            Duty::Onboarding => Some("per hire"),
            Duty::Offboarding => Some("per leaver"),
            _ => None,
        }
    }
}

/// How many times a duty is expected in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expected {
    Count {
        occurrences: u32,
    },
    /// Once per event ("per hire", "per leaver"): no fixed count.
    PerEvent {
        label: &'static str,
    },
}

/// A recorded occurrence of a duty: done on a day, with optional evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyOccurrence {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub duty: Duty,
    pub done_on: NaiveDate,
    pub evidence_id: Option<Uuid>,
    pub note: String,
}

/// What the user enters to tick off a duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOccurrence {
    pub duty: Duty,
    /// `YYYY-MM-DD`.
    pub done_on: String,
    #[serde(default)]
    pub evidence_id: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

impl NewOccurrence {
    pub fn build(self, assessment_id: Uuid) -> Result<DutyOccurrence, RemediationError> {
        let done_on = parse_date(&self.done_on)?;
        check_len(&self.note, "note", MAX_TEXT_CHARS)?;
        Ok(DutyOccurrence {
            id: Uuid::new_v4(),
            assessment_id,
            duty: self.duty,
            done_on,
            evidence_id: self.evidence_id,
            note: self.note.trim().to_string(),
        })
    }
}

/// One stretch of the window in which a duty must be done once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// "Q1 2026", or "Year 1".
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The occurrences done in this slot, earliest first.
    pub done: Vec<Uuid>,
}

impl Slot {
    pub fn is_done(&self) -> bool {
        !self.done.is_empty()
    }
}

/// One duty over the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyPlan {
    pub duty: Duty,
    pub label: &'static str,
    pub frequency: Frequency,
    pub criteria: &'static [&'static str],
    pub expected: Expected,
    pub sample: SampleGuide,
    /// Empty for per-event duties.
    pub slots: Vec<Slot>,
    /// Slots without an occurrence yet (0 for per-event duties).
    pub slots_open: u32,
    /// Every recorded occurrence, earliest first.
    pub occurrences: Vec<DutyOccurrence>,
    /// Occurrences dated outside the window (recorded, but they do not fill a slot).
    pub outside_window: Vec<Uuid>,
}

/// The calendar of recurring duties for an observation period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Calendar {
    pub period: ObservationPeriod,
    /// Length of the window in months, partial months counted as started.
    pub months: u32,
    pub duties: Vec<DutyPlan>,
    pub sample_note: &'static str,
}

/// The window's length in months, a partial month counting as one.
pub fn months_in_window(period: &ObservationPeriod) -> u32 {
    let start = period.start;
    let after = period.end.succ_opt().unwrap_or(period.end);
    let mut whole = u32::try_from(
        (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32,
    )
    .unwrap_or(0);
    while whole > 0 && add_months(start, whole) > after {
        whole -= 1;
    }
    if add_months(start, whole) < after {
        whole + 1
    } else {
        whole
    }
}

/// The calendar quarters overlapping the window, clipped to it.
pub fn quarters(period: &ObservationPeriod) -> Vec<Slot> {
    let index = |d: NaiveDate| d.year() * 4 + (d.month0() / 3) as i32;
    (index(period.start)..=index(period.end))
        .filter_map(|q| {
            let year = q.div_euclid(4);
            let n = q.rem_euclid(4) as u32;
            let first = NaiveDate::from_ymd_opt(year, n * 3 + 1, 1)?;
            let last = add_months(first, 3).pred_opt()?;
            Some(Slot {
                label: format!("Q{} {year}", n + 1),
                from: first.max(period.start),
                to: last.min(period.end),
                done: vec![],
            })
        })
        .collect()
}

/// The 12-month periods started in the window, from its first day, the last clipped to it.
pub fn years(period: &ObservationPeriod) -> Vec<Slot> {
    let n = months_in_window(period).div_ceil(12).max(1);
    (0..n)
        .map(|k| {
            let from = add_months(period.start, 12 * k);
            let to = add_months(period.start, 12 * (k + 1))
                .pred_opt()
                .unwrap_or(period.end)
                .min(period.end);
            Slot {
                label: format!("Year {}", k + 1),
                from,
                to,
                done: vec![],
            }
        })
        .collect()
}

/// How many times a duty is expected in the window.
pub fn expected(duty: Duty, period: &ObservationPeriod) -> Expected {
    match duty.frequency() {
        Frequency::Quarterly => Expected::Count {
            occurrences: quarters(period).len() as u32,
        },
        Frequency::Annual => Expected::Count {
            occurrences: years(period).len() as u32,
        },
        _ => Expected::PerEvent {
            label: duty.event().unwrap_or("per event"),
        },
    }
}

/// The calendar: every duty, its slots and the occurrences recorded for it.
pub fn calendar(period: &ObservationPeriod, occurrences: &[DutyOccurrence]) -> Calendar {
    let duties = Duty::ALL
        .into_iter()
        .map(|duty| {
            let mut mine: Vec<DutyOccurrence> = occurrences
                .iter()
                .filter(|o| o.duty == duty)
                .cloned()
                .collect();
            mine.sort_by_key(|o| (o.done_on, o.id));
            let mut slots = match duty.frequency() {
                Frequency::Quarterly => quarters(period),
                Frequency::Annual => years(period),
                _ => vec![],
            };
            let in_window = |d: NaiveDate| d >= period.start && d <= period.end;
            for o in &mine {
                if let Some(s) = slots
                    .iter_mut()
                    .find(|s| o.done_on >= s.from && o.done_on <= s.to)
                {
                    s.done.push(o.id);
                }
            }
            let outside_window = mine
                .iter()
                .filter(|o| !in_window(o.done_on))
                .map(|o| o.id)
                .collect();
            DutyPlan {
                duty,
                label: duty.label(),
                frequency: duty.frequency(),
                criteria: duty.criteria(),
                expected: expected(duty, period),
                sample: typical_sample(duty.frequency()),
                slots_open: slots.iter().filter(|s| !s.is_done()).count() as u32,
                slots,
                occurrences: mine,
                outside_window,
            }
        })
        .collect();
    Calendar {
        period: *period,
        months: months_in_window(period),
        duties,
        sample_note: SAMPLE_NOTE,
    }
}

/// Adds months, the day clamped to the month's end (31 January + 1 month = 28 February).
fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}
