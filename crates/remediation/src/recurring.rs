//! Recurring duties: the Type 2 calendar.
//!
//! A Type 2 report tests that controls operated throughout the observation period, so some
//! duties must recur inside it and leave a record each time. From the period this module lists
//! each duty, how many times it is expected in the window, the slots (calendar quarters or
//! 12-month periods) to fill, the occurrences ticked off so far, and the sample an auditor
//! typically pulls.
//!
//! The duties, their frequencies and labels come from the one source,
//! [`preflight_catalog::duties`]; how many times each is expected, and the stretches of the
//! window it fills, from [`preflight_assessment::cadence`] (the same rule the timeline uses):
//! - quarterly: one per full three months of the window counted from its first day, at least
//!   one, the days left over joining the last stretch (a 3-month window from 24 February asks for
//!   one review, 7 months for two);
//! - yearly: inside the window, or within the 12 months before it ends; once more per further
//!   full 12 months of a longer window (confirm with your auditor);
//! - monthly: one per full month;
//! - per event (onboarding, offboarding, changes): one per event, no fixed count.
//!
//! Sample sizes are set by the auditor; the figures here are a common practitioner table.

use chrono::NaiveDate;
use preflight_assessment::cadence;
use preflight_assessment::ObservationPeriod;
pub use preflight_catalog::duties::{Duty, Frequency, MONTHLY_RULE, QUARTERLY_RULE, YEARLY_RULE};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fields::{check_len, parse_date, MAX_TEXT_CHARS};
use crate::RemediationError;

/// Said wherever a sample size is shown.
pub const SAMPLE_NOTE: &str = "Sample sizes are set by your auditor. These are typical figures \
used by practitioners, not AICPA requirements: your CPA firm may pull more or fewer.";

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

/// Reads a duty id, as stored with a recorded occurrence.
pub fn parse_duty(s: &str) -> Result<Duty, RemediationError> {
    Duty::parse(s).map_err(|e| RemediationError::UnknownDuty(e.0))
}

/// How a duty is counted in a Type 2 window, in words, with "confirm with your auditor" for the
/// counted ones.
pub fn rule(duty: Duty) -> String {
    duty.rule(preflight_catalog::Wording::Type2)
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
    /// "Months 1 to 3", "Month 2" or "Year 1".
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
    /// When it is done, from the one source ("every three months").
    pub every: &'static str,
    /// How it is counted in the window, ending with "confirm with your auditor" when counted.
    pub rule: String,
    pub criteria: &'static [&'static str],
    pub expected: Expected,
    pub sample: SampleGuide,
    /// Empty for per-event duties.
    pub slots: Vec<Slot>,
    /// Slots without an occurrence yet (0 for per-event duties).
    pub slots_open: u32,
    /// Every recorded occurrence, earliest first.
    pub occurrences: Vec<DutyOccurrence>,
    /// Occurrences that fill no slot and are dated outside the window (recorded, but they do
    /// not count). A yearly duty done in the 12 months before its first stretch ends fills
    /// that stretch even when it falls before the window opens.
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
    cadence::started_months(period)
}

/// The stretches of the window a duty must fill, each once (empty for per-event duties).
pub fn slots(duty: Duty, period: &ObservationPeriod) -> Vec<Slot> {
    cadence::stretches(duty.frequency(), period)
        .into_iter()
        .map(|s| Slot {
            label: s.label,
            from: s.from,
            to: s.to,
            done: vec![],
        })
        .collect()
}

/// How many times a duty is expected in the window.
pub fn expected(duty: Duty, period: &ObservationPeriod) -> Expected {
    match cadence::expected_count(duty.frequency(), period) {
        Some(occurrences) => Expected::Count { occurrences },
        None => Expected::PerEvent {
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
            let mut slots = slots(duty, period);
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
                .filter(|o| !in_window(o.done_on) && !slots.iter().any(|s| s.done.contains(&o.id)))
                .map(|o| o.id)
                .collect();
            DutyPlan {
                duty,
                label: duty.label(),
                frequency: duty.frequency(),
                every: duty.every(),
                rule: rule(duty),
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
