//! The audit timeline from today: readiness and audit milestones for Type 1; for Type 2 the
//! observation window, the earliest report date and what must run inside the window.
//!
//! Seed timings (see docs/scoping.md): engage a CPA firm within a month; readiness work about
//! three months; a Type 1 report about two months after its audit date; a Type 2 report about
//! six weeks after its window closes. Type 1 lands three to six months from the start, Type 2
//! nine to fifteen.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::{ObservationPeriod, ReportType};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    pub date: NaiveDate,
    pub title: String,
    pub detail: String,
}

/// A control that must run inside a Type 2 window, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecurringRun {
    pub control: String,
    /// How many times it is expected to run in the window; `None` for per-event controls.
    pub times: Option<u32>,
    pub cadence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub report_type: ReportType,
    pub milestones: Vec<Milestone>,
    pub observation: Option<ObservationPeriod>,
    pub earliest_report: NaiveDate,
    pub must_run: Vec<RecurringRun>,
    /// Set when the wanted date comes before the earliest realistic report date.
    pub warning: Option<String>,
}

pub const OBSERVATION_CHOICES: [u32; 3] = [3, 6, 12];
const READINESS_MONTHS: u32 = 3;

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}
fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// Builds the timeline. `window_start` overrides the Type 2 window's start (default: when
/// readiness work should be done); `target` is when the company wants the report.
pub fn timeline(
    report_type: ReportType,
    today: NaiveDate,
    observation_months: u32,
    window_start: Option<NaiveDate>,
    target: Option<NaiveDate>,
) -> Timeline {
    let ready = add_months(today, READINESS_MONTHS);
    let mut milestones = vec![
        Milestone { date: today, title: "Start readiness".into(), detail: "Answer the questionnaire and turn every gap into a task with an owner and a due date.".into() },
        Milestone { date: add_months(today, 1), title: "Engage a CPA firm".into(), detail: "Agree the scope, the report type and the dates with the audit firm.".into() },
        Milestone { date: ready, title: "Readiness done".into(), detail: "Gaps closed, policies approved and published, evidence being collected.".into() },
    ];
    let (observation, earliest_report, must_run) = match report_type {
        ReportType::Type1 => {
            let report = add_months(ready, 2);
            milestones.push(Milestone {
                date: ready,
                title: "Type 1 audit date".into(),
                detail: "The auditor tests the design of your controls as of this day.".into(),
            });
            milestones.push(Milestone {
                date: report,
                title: "Type 1 report expected".into(),
                detail: "Fieldwork and report writing usually take six to eight weeks.".into(),
            });
            (None, report, Vec::new())
        }
        ReportType::Type2 => {
            let months = observation_months.clamp(1, 24);
            let start = window_start.unwrap_or(ready);
            let end = add_months(start, months).pred_opt().unwrap_or(start);
            let report = add_days(end, 45);
            milestones.push(Milestone {
                date: start,
                title: "Observation window opens".into(),
                detail: format!(
                    "For the next {months} months every control must run and leave evidence."
                ),
            });
            milestones.push(Milestone {
                date: end,
                title: "Observation window closes".into(),
                detail: "The auditor samples what ran inside the window.".into(),
            });
            milestones.push(Milestone {
                date: report,
                title: "Earliest Type 2 report".into(),
                detail: "About six weeks of fieldwork and writing after the window closes.".into(),
            });
            // Calendar quarters the window touches, as the duty calendar counts them.
            let q_index = |d: NaiveDate| d.year() * 4 + (d.month0() / 3) as i32;
            let quarters = u32::try_from(q_index(end) - q_index(start) + 1).unwrap_or(1);
            let years = months.div_ceil(12);
            let run = |control: &str, times: Option<u32>, cadence: &str| RecurringRun {
                control: control.into(),
                times,
                cadence: cadence.into(),
            };
            let must_run = vec![
                run(
                    "Access review of production systems",
                    Some(quarters),
                    "every quarter",
                ),
                run("Risk assessment", Some(years), "yearly"),
                run("Vendor security review", Some(years), "yearly"),
                run("Incident response test or tabletop", Some(years), "yearly"),
                run("Backup restore and continuity test", Some(years), "yearly"),
                run(
                    "Security awareness training for all staff",
                    Some(years),
                    "yearly, and on hire",
                ),
                run("Vulnerability scans reviewed", Some(months), "monthly"),
                run(
                    "Onboarding: background check, training, policy acknowledgement",
                    None,
                    "for every hire",
                ),
                run(
                    "Offboarding: access removed on the last day",
                    None,
                    "for every leaver",
                ),
                run("Change approval before deploy", None, "for every change"),
            ];
            (ObservationPeriod::new(start, end).ok(), report, must_run)
        }
    };
    milestones.sort_by_key(|m| m.date);
    let warning = target.filter(|t| *t < earliest_report).map(|t| {
        format!("You want the report by {t}, but the earliest realistic date for a {} is {earliest_report}.", report_type.label())
    });
    Timeline {
        report_type,
        milestones,
        observation,
        earliest_report,
        must_run,
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    #[test]
    fn type1_lands_within_three_to_six_months() {
        let t = timeline(ReportType::Type1, d(2026, 11, 24), 6, None, None);
        assert_eq!(t.observation, None);
        assert!(t.must_run.is_empty());
        assert_eq!(t.earliest_report, d(2027, 4, 24));
        assert!(t.milestones.windows(2).all(|w| w[0].date <= w[1].date));
    }

    #[test]
    fn type2_window_and_report_follow_the_chosen_length() {
        let t = timeline(ReportType::Type2, d(2026, 11, 24), 6, None, None);
        let p = t.observation.expect("window");
        assert_eq!(p.start, d(2027, 2, 24));
        assert_eq!(p.end, d(2027, 8, 23));
        assert_eq!(t.earliest_report, d(2027, 10, 7));
        let access = t
            .must_run
            .iter()
            .find(|r| r.control.starts_with("Access review"))
            .expect("access review");
        assert_eq!(access.times, Some(3), "Feb to Aug touches Q1, Q2 and Q3");
        let t12 = timeline(
            ReportType::Type2,
            d(2026, 11, 24),
            12,
            Some(d(2027, 1, 1)),
            None,
        );
        assert_eq!(t12.observation.expect("window").end, d(2027, 12, 31));
        assert_eq!(t12.must_run[0].times, Some(4));
        let t3 = timeline(ReportType::Type2, d(2026, 11, 24), 3, None, None);
        assert_eq!(
            t3.must_run[0].times,
            Some(2),
            "late Feb to late May touches Q1 and Q2"
        );
    }

    #[test]
    fn a_target_before_the_earliest_report_warns() {
        let t = timeline(
            ReportType::Type2,
            d(2026, 11, 24),
            6,
            None,
            Some(d(2027, 3, 1)),
        );
        assert!(t
            .warning
            .expect("warning")
            .contains("earliest realistic date"));
        assert!(timeline(
            ReportType::Type2,
            d(2026, 11, 24),
            6,
            None,
            Some(d(2028, 1, 1))
        )
        .warning
        .is_none());
    }
}
