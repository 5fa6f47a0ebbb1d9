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

// Typical durations shared by the timeline and the wizard's Type 1 / Type 2 decision. They are
// common practice, not rules: the wizard says so and asks the user to confirm with the auditor.
/// Readiness work before the audit date or the window's start.
pub const READINESS_MONTHS: u32 = 3;
/// From a Type 1's as-of date to the report in hand.
pub const TYPE1_REPORT_MONTHS: u32 = 2;
/// From a Type 2 window's close to the report in hand (about six weeks).
pub const TYPE2_REPORT_DAYS: u64 = 45;
/// A first SOC 2 Type 2 window: 3 months is the practical floor; 6 when the date allows it.
pub const FIRST_WINDOW_MONTHS: u32 = 3;
pub const LONGER_FIRST_WINDOW_MONTHS: u32 = 6;
/// A first SOC 1 Type 2 window: customers' financial auditors usually want at least 6 months.
pub const SOC1_MIN_WINDOW_MONTHS: u32 = 6;
/// Second and later reports cover 12 months.
pub const LATER_WINDOW_MONTHS: u32 = 12;

/// When readiness work started today should be done.
pub fn readiness_done(today: NaiveDate) -> NaiveDate {
    add_months(today, READINESS_MONTHS)
}
/// The last day of a window of `months` months opening on `start`.
pub fn window_end(start: NaiveDate, months: u32) -> NaiveDate {
    add_months(start, months).pred_opt().unwrap_or(start)
}
/// When a Type 1 as of `as_of` can be expected in hand.
pub fn type1_report(as_of: NaiveDate) -> NaiveDate {
    add_months(as_of, TYPE1_REPORT_MONTHS)
}
/// When a Type 2 whose window closes on `end` can be expected in hand.
pub fn type2_report(end: NaiveDate) -> NaiveDate {
    add_days(end, TYPE2_REPORT_DAYS)
}

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
    let ready = readiness_done(today);
    let mut milestones = vec![
        Milestone { date: today, title: "Start readiness".into(), detail: "Answer the questionnaire and turn every gap into a task with an owner and a due date.".into() },
        Milestone { date: add_months(today, 1), title: "Engage a CPA firm".into(), detail: "Agree the scope, the report type and the dates with the audit firm.".into() },
        Milestone { date: ready, title: "Readiness done".into(), detail: "Gaps closed, policies approved and published, evidence being collected.".into() },
    ];
    let (observation, earliest_report, must_run) = match report_type {
        ReportType::Type1 => {
            let report = type1_report(ready);
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
            let end = window_end(start, months);
            let report = type2_report(end);
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
            // Every recurring duty from the one source, counted as the duty calendar counts
            // it (see `crate::cadence`).
            let observation = ObservationPeriod::new(start, end).ok();
            let must_run = preflight_catalog::DUTIES
                .iter()
                .map(|d| RecurringRun {
                    control: d.label.into(),
                    times: observation
                        .as_ref()
                        .and_then(|p| crate::cadence::expected_count(d.frequency, p)),
                    cadence: d.every.into(),
                })
                .collect();
            (observation, report, must_run)
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

/// One report on the recommended path, with its dates (typical durations, see the constants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedReport {
    pub report_type: ReportType,
    /// Type 1: the day the auditor tests the design as of.
    pub as_of: Option<NaiveDate>,
    /// Type 2: the observation window.
    pub window: Option<ObservationPeriod>,
    /// When the report can be expected in hand.
    pub expected: NaiveDate,
}

/// What the Type 1 / Type 2 decision is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleInput {
    pub today: NaiveDate,
    /// A SOC 1 (its window follows the customers' financial year).
    pub soc1: bool,
    pub first_report: bool,
    pub previous_type: Option<ReportType>,
    pub previous_period_end: Option<NaiveDate>,
    /// The month most customers' financial year ends in (1 to 12).
    pub year_end_month: u32,
    /// When the company wants the report in hand.
    pub target: Option<NaiveDate>,
    /// The customers said a Type 1 is enough for now.
    pub type1_accepted: bool,
}

/// The decision: the report to prepare now, the path (one report, or a Type 1 then a Type 2),
/// the Type 2 window if a Type 2 is prepared now, and the reason worded from the same dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub report_type: ReportType,
    pub path: Vec<PlannedReport>,
    /// The window of a Type 2 prepared now (also when a Type 1 comes first, for a user who
    /// switches to a Type 2).
    pub window: ObservationPeriod,
    pub observation_months: u32,
    pub reason: String,
    /// Further notes: practice rules ("confirm with your auditor"), the bridge letter.
    pub notes: Vec<String>,
}

/// A date as a person reads it: "2 March 2027".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn first_of_month_on_or_after(d: NaiveDate) -> NaiveDate {
    if d.day() == 1 {
        return d;
    }
    let first = d.with_day(1).unwrap_or(d);
    add_months(first, 1)
}

fn period(start: NaiveDate, months: u32) -> ObservationPeriod {
    let end = window_end(start, months);
    ObservationPeriod::new(start, end).unwrap_or(ObservationPeriod { start, end })
}

/// A first SOC 1 Type 2 window opening no earlier than `earliest`: from the first of a month,
/// at least six months long, ending on the last day of the customers' year-end month, and at
/// most twelve months long.
pub fn soc1_first_window(earliest: NaiveDate, year_end_month: u32) -> ObservationPeriod {
    let month = if (1..=12).contains(&year_end_month) {
        year_end_month
    } else {
        12
    };
    let start0 = first_of_month_on_or_after(earliest);
    for year in start0.year()..start0.year() + 3 {
        // The first day after the year end.
        let Some(after) = NaiveDate::from_ymd_opt(year, month, 1).map(|d| add_months(d, 1)) else {
            continue;
        };
        let months = months_between(start0, after);
        if after > start0 && months >= SOC1_MIN_WINDOW_MONTHS {
            let months = months.min(LATER_WINDOW_MONTHS);
            let start = after
                .checked_sub_months(Months::new(months))
                .unwrap_or(start0);
            return period(start, months);
        }
    }
    period(start0, SOC1_MIN_WINDOW_MONTHS)
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut m = 0;
    while m < 600
        && from
            .checked_add_months(Months::new(m + 1))
            .is_some_and(|d| d <= to)
    {
        m += 1;
    }
    m
}

/// A first Type 2 window opening on or after `earliest`: SOC 1 follows the customers' year
/// end; SOC 2 takes 6 months when the report still lands by the target, else 3.
fn first_window(input: &ScheduleInput, earliest: NaiveDate) -> ObservationPeriod {
    if input.soc1 {
        return soc1_first_window(earliest, input.year_end_month);
    }
    let longer = period(earliest, LONGER_FIRST_WINDOW_MONTHS);
    match input.target {
        Some(t) if type2_report(longer.end) <= t => longer,
        _ => period(earliest, FIRST_WINDOW_MONTHS),
    }
}

fn months_of(w: &ObservationPeriod) -> u32 {
    months_between(w.start, w.end.succ_opt().unwrap_or(w.end)).max(1)
}

fn type2(window: ObservationPeriod) -> PlannedReport {
    PlannedReport {
        report_type: ReportType::Type2,
        as_of: None,
        window: Some(window),
        expected: type2_report(window.end),
    }
}

const CONFIRM: &str = "These durations are typical, not fixed: confirm them with your auditor.";

/// Decides Type 1 or Type 2 from the timeline itself: the readiness work, the window and the
/// time the auditor needs to report, against the date the company wants the report.
pub fn schedule(input: &ScheduleInput) -> Schedule {
    let mut notes = Vec::new();
    let s = if input.first_report {
        first_schedule(input, &mut notes)
    } else {
        later_schedule(input, &mut notes)
    };
    if input.soc1 {
        if let Some(w) = s.path.iter().find_map(|r| r.window) {
            notes.push(soc1_window_note(input, &w));
        }
        notes.push(BRIDGE_LETTER.into());
    }
    notes.push(CONFIRM.into());
    Schedule { notes, ..s }
}

/// Who writes a bridge letter and what it says.
pub const BRIDGE_LETTER: &str = "Bridge letter: when your report's period ends before a customer's financial year end, your own management (not the auditor) writes a short letter for the months in between. It names the period the report covered, says whether your controls changed in any material way since, and says that it does not replace the report.";

fn soc1_window_note(input: &ScheduleInput, w: &ObservationPeriod) -> String {
    let month = NaiveDate::from_ymd_opt(2000, input.year_end_month.clamp(1, 12), 1)
        .map(|d| d.format("%B").to_string())
        .unwrap_or_else(|| "December".into());
    let at_year_end = w.end.succ_opt().is_some_and(|n| n.day() == 1)
        && w.end.month() == input.year_end_month.clamp(1, 12);
    let fit = if at_year_end {
        format!(
            "Your window ends on {}, at the end of {month}, so for customers whose year ends then no bridge letter is needed that year.",
            long_date(w.end)
        )
    } else {
        format!(
            "Your window ends on {}, not at the end of {month}: customers whose year ends then will ask for a bridge letter.",
            long_date(w.end)
        )
    };
    format!(
        "SOC 1: your customers' financial auditors usually want a period of at least {SOC1_MIN_WINDOW_MONTHS} months, ideally ending at their financial year end (you said {month}). {fit} This is common practice, not a rule: confirm with your auditor."
    )
}

fn first_schedule(input: &ScheduleInput, notes: &mut Vec<String>) -> Schedule {
    let ready = readiness_done(input.today);
    let direct = first_window(input, ready);
    let direct_report = type2_report(direct.end);
    let months = months_of(&direct);
    let figures = format!(
        "Readiness work takes about {READINESS_MONTHS} months (to {}), then a {months}-month window runs from {} to {}, and the auditor needs about six weeks to report: a Type 2 can be in hand around {}",
        long_date(ready),
        long_date(direct.start),
        long_date(direct.end),
        long_date(direct_report)
    );
    let fits = match input.target {
        _ if input.type1_accepted => false,
        None => true,
        Some(t) => direct_report <= t,
    };
    if fits {
        let tail = match input.target {
            Some(t) => format!(", in time for your date of {}.", long_date(t)),
            None => ". You gave no date, so there is time for a Type 2, which shows your controls working over a period rather than on one day.".into(),
        };
        return Schedule {
            report_type: ReportType::Type2,
            path: vec![type2(direct)],
            window: direct,
            observation_months: months,
            reason: format!("{figures}{tail}"),
            notes: Vec::new(),
        };
    }
    // A Type 1 first, as of the day readiness is done; then a Type 2 whose window opens the
    // next day, so coverage has no gap.
    let as_of = ready;
    let t1 = type1_report(as_of);
    let next = first_window(input, as_of.succ_opt().unwrap_or(as_of));
    let then = type2(next);
    let first = match input.target {
        _ if input.type1_accepted => {
            if let Some(t) = input.target.filter(|t| *t < t1) {
                notes.push(format!(
                    "A Type 1 is unlikely before {}, after your date of {}: ask your auditor whether anything can be shortened.",
                    long_date(t1),
                    long_date(t)
                ));
            }
            format!(
                "Your customers accept a Type 1 for now: a Type 1 as of {} can be in hand around {}.",
                long_date(as_of),
                long_date(t1)
            )
        }
        Some(t) if t1 <= t => format!(
            "{figures}, after your date of {}. A Type 1 as of {} can be in hand around {}, in time.",
            long_date(t),
            long_date(as_of),
            long_date(t1)
        ),
        Some(t) => {
            notes.push(format!(
                "Even a Type 1 is unlikely before {}: tell the customers who want a report by {} when to expect it, and ask your auditor whether anything can be shortened.",
                long_date(t1),
                long_date(t)
            ));
            format!(
                "{figures}, after your date of {}. A Type 1 as of {} is the fastest report, around {}.",
                long_date(t),
                long_date(as_of),
                long_date(t1)
            )
        }
        None => format!("A Type 1 as of {} can be in hand around {}.", long_date(as_of), long_date(t1)),
    };
    let reason = format!(
        "{first} Then a Type 2 over {} to {} follows around {}: Type 1 first, then Type 2.",
        long_date(next.start),
        long_date(next.end),
        long_date(then.expected)
    );
    Schedule {
        report_type: ReportType::Type1,
        path: vec![
            PlannedReport {
                report_type: ReportType::Type1,
                as_of: Some(as_of),
                window: None,
                expected: t1,
            },
            then,
        ],
        window: direct,
        observation_months: months,
        reason,
        notes: Vec::new(),
    }
}

fn later_schedule(input: &ScheduleInput, notes: &mut Vec<String>) -> Schedule {
    let previous_type1 = input.previous_type == Some(ReportType::Type1);
    let (window, reason) = match (input.previous_period_end, previous_type1) {
        (Some(prev), true) => {
            let start = prev.succ_opt().unwrap_or(prev);
            let w = first_window(input, start);
            let reason = format!(
                "Your Type 1 was as of {}: a Type 2 whose {}-month window opens the next day, {}, and closes on {} keeps your coverage without a gap, and can be in hand around {}.",
                long_date(prev),
                months_of(&w),
                long_date(w.start),
                long_date(w.end),
                long_date(type2_report(w.end))
            );
            (w, reason)
        }
        (Some(prev), false) => {
            let start = prev.succ_opt().unwrap_or(prev);
            let w = period(start, LATER_WINDOW_MONTHS);
            let reason = format!(
                "Your previous period ended on {}: the next report covers the {LATER_WINDOW_MONTHS} months from {} to {}, with no gap in between, and can be in hand around {}.",
                long_date(prev),
                long_date(w.start),
                long_date(w.end),
                long_date(type2_report(w.end))
            );
            (w, reason)
        }
        (None, true) => {
            let w = first_window(input, readiness_done(input.today));
            let reason = format!(
                "After a Type 1 comes a Type 2. Enter your Type 1's as-of date so its window can open the next day; until then it opens on {} and closes on {}.",
                long_date(w.start),
                long_date(w.end)
            );
            (w, reason)
        }
        (None, false) => {
            let w = period(readiness_done(input.today), LATER_WINDOW_MONTHS);
            let reason = format!(
                "A later report covers {LATER_WINDOW_MONTHS} months starting the day after the previous period ended. Enter that date to place the window; until then it opens on {} and closes on {}.",
                long_date(w.start),
                long_date(w.end)
            );
            (w, reason)
        }
    };
    if !previous_type1 {
        notes.push("Second and later reports usually cover 12 months, each starting the day after the previous period ended, so customers see coverage without a gap. This is common practice, not a rule: confirm with your auditor.".into());
    }
    let report = type2_report(window.end);
    if window.end < input.today {
        notes.push(format!(
            "That window already closed on {}. If your controls kept running and left evidence, the auditor can still test it; if not, there is a gap in coverage: agree a new start with your auditor.",
            long_date(window.end)
        ));
    }
    if let Some(t) = input.target.filter(|t| *t < report) {
        notes.push(format!(
            "Your date of {} comes before {}. A shorter period is possible, but after a first report customers usually expect 12 months: agree it with your auditor.",
            long_date(t),
            long_date(report)
        ));
    }
    Schedule {
        report_type: ReportType::Type2,
        path: vec![type2(window)],
        window,
        observation_months: months_of(&window),
        reason,
        notes: Vec::new(),
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
            .find(|r| r.control == preflight_catalog::Duty::AccessReview.label())
            .expect("access review");
        assert_eq!(
            access.times,
            Some(2),
            "6 months from late February: one review per full three months"
        );
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
            Some(1),
            "late Feb to late May is three months: one review, no stub quarter"
        );
        let t7 = timeline(ReportType::Type2, d(2026, 11, 24), 7, None, None);
        assert_eq!(
            t7.must_run[0].times,
            Some(2),
            "7 months: the last month joins the second stretch"
        );
    }

    #[test]
    fn must_run_lists_every_duty_from_the_one_source() {
        let t = timeline(ReportType::Type2, d(2026, 11, 24), 6, None, None);
        assert_eq!(t.must_run.len(), preflight_catalog::DUTIES.len());
        for (run, duty) in t.must_run.iter().zip(preflight_catalog::DUTIES.iter()) {
            assert_eq!(run.control, duty.label);
            assert_eq!(run.cadence, duty.every);
            assert_eq!(run.times.is_none(), duty.event.is_some(), "{}", duty.id);
        }
        let scans = t
            .must_run
            .iter()
            .find(|r| r.control == preflight_catalog::Duty::VulnerabilityScan.label())
            .expect("scans");
        assert_eq!(scans.times, Some(6));
        assert_eq!(
            scans.cadence,
            preflight_catalog::Duty::VulnerabilityScan.every()
        );
        let off = t
            .must_run
            .iter()
            .find(|r| r.control == preflight_catalog::Duty::Offboarding.label())
            .expect("offboarding");
        assert!(off.cadence.contains("within one working day"));
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
