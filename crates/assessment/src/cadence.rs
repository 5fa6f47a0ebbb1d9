//! How many times a recurring duty is expected inside a Type 2 observation window, and the
//! stretches of the window each occurrence fills. One rule, used by the timeline and the Type 2
//! calendar; the words for it are in [`preflight_catalog::duties`] (`QUARTERLY_RULE`,
//! `YEARLY_RULE`, `MONTHLY_RULE`).
//!
//! A duty of every `m` months (quarterly 3, yearly 12, monthly 1) is expected once per *full*
//! `m` months of the window, counted from the window's first day, and at least once; the days
//! left over after the last full stretch join the last stretch. So a 3-month window from
//! 24 February asks for one access review (not two, as calendar quarters did), 6 months for two,
//! 7 months for two (months 4 to 7 form the second stretch), 9 months for three. "Per started
//! three months" was rejected: it would ask for a review in a stub of a few weeks at the end,
//! which is the very thing the calendar-quarter rule got wrong.
//!
//! A yearly duty is done within the 12 months before its stretch ends: for a window of a year or
//! less, inside the window or within the 12 months before it ends (so, for a short window,
//! possibly before it opens). A window of 18 months asks for one, in its last 12 months; 24
//! months for two. Common practice: confirm with your auditor.

use chrono::{Datelike, Months, NaiveDate};
use preflight_catalog::Frequency;
use serde::Serialize;

use crate::ObservationPeriod;

/// One stretch of the window in which a duty must be done once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stretch {
    /// "Months 1 to 3", "Year 1", "Month 2".
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Adds months, the day clamped to the month's end (31 January + 1 month = 28 February).
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

fn sub_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(months)).unwrap_or(d)
}

/// Whole months from the window's first day to the day after its last (1 January to 31 March
/// is 3; 1 January to 30 March is 2).
pub fn full_months(period: &ObservationPeriod) -> u32 {
    let start = period.start;
    let after = period.end.succ_opt().unwrap_or(period.end);
    let mut whole = u32::try_from(
        (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32,
    )
    .unwrap_or(0);
    while whole > 0 && add_months(start, whole) > after {
        whole -= 1;
    }
    whole
}

/// The window's length in months, a partial month counting as one.
pub fn started_months(period: &ObservationPeriod) -> u32 {
    let whole = full_months(period);
    let after = period.end.succ_opt().unwrap_or(period.end);
    if add_months(period.start, whole) < after {
        whole + 1
    } else {
        whole
    }
}

/// The stretches a duty of this frequency must fill in the window; empty for duties counted
/// per event (or in days).
pub fn stretches(frequency: Frequency, period: &ObservationPeriod) -> Vec<Stretch> {
    let Some(m) = frequency.months() else {
        return Vec::new();
    };
    let n = (full_months(period) / m).max(1);
    let started = started_months(period);
    (0..n)
        .map(|k| {
            let last = k + 1 == n;
            let mut from = add_months(period.start, m * k);
            let to = if last {
                period.end
            } else {
                add_months(period.start, m * (k + 1))
                    .pred_opt()
                    .unwrap_or(period.end)
                    .min(period.end)
            };
            if frequency == Frequency::Annual {
                // Within the 12 months before the stretch ends, never reaching into the
                // stretch before it.
                from = sub_months(to, 12).succ_opt().unwrap_or(to);
                if k > 0 {
                    from = from.max(add_months(period.start, m * k));
                }
            }
            let first_month = m * k + 1;
            let last_month = if last {
                started.max(first_month)
            } else {
                m * (k + 1)
            };
            let label = match frequency {
                Frequency::Annual => format!("Year {}", k + 1),
                _ if first_month == last_month => format!("Month {first_month}"),
                _ => format!("Months {first_month} to {last_month}"),
            };
            Stretch { label, from, to }
        })
        .collect()
}

/// How many times a duty of this frequency is expected in the window; `None` for duties counted
/// per event.
pub fn expected_count(frequency: Frequency, period: &ObservationPeriod) -> Option<u32> {
    frequency
        .months()
        .map(|_| u32::try_from(stretches(frequency, period).len()).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }
    fn p(a: NaiveDate, b: NaiveDate) -> ObservationPeriod {
        ObservationPeriod::new(a, b).expect("period")
    }
    fn quarterly(a: NaiveDate, b: NaiveDate) -> Option<u32> {
        expected_count(Frequency::Quarterly, &p(a, b))
    }

    #[test]
    fn quarterly_counts_full_three_months_from_the_window_start() {
        // The case: 3 months from late February is one review, not two.
        assert_eq!(quarterly(d(2027, 2, 24), d(2027, 5, 23)), Some(1));
        assert_eq!(
            quarterly(d(2027, 2, 24), d(2027, 8, 23)),
            Some(2),
            "6 months"
        );
        assert_eq!(
            quarterly(d(2027, 2, 24), d(2027, 9, 23)),
            Some(2),
            "7 months"
        );
        assert_eq!(
            quarterly(d(2027, 2, 24), d(2027, 11, 23)),
            Some(3),
            "9 months"
        );
        assert_eq!(
            quarterly(d(2027, 1, 1), d(2027, 12, 31)),
            Some(4),
            "12 months"
        );
        // Edges: one day short of a full stretch does not add one; at least one always.
        assert_eq!(quarterly(d(2027, 1, 1), d(2027, 6, 29)), Some(1));
        assert_eq!(quarterly(d(2027, 1, 1), d(2027, 6, 30)), Some(2));
        assert_eq!(quarterly(d(2027, 1, 1), d(2027, 2, 10)), Some(1));
        assert_eq!(quarterly(d(2027, 1, 31), d(2027, 4, 29)), Some(1));
        assert_eq!(quarterly(d(2027, 1, 31), d(2027, 4, 30)), Some(1));
    }

    #[test]
    fn quarterly_stretches_cover_the_window_and_the_remainder_joins_the_last() {
        let w = p(d(2027, 2, 24), d(2027, 9, 23));
        let s = stretches(Frequency::Quarterly, &w);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].from, s[0].to), (d(2027, 2, 24), d(2027, 5, 23)));
        assert_eq!(s[0].label, "Months 1 to 3");
        assert_eq!((s[1].from, s[1].to), (d(2027, 5, 24), d(2027, 9, 23)));
        assert_eq!(s[1].label, "Months 4 to 7");
        let w3 = p(d(2027, 2, 24), d(2027, 5, 23));
        let s3 = stretches(Frequency::Quarterly, &w3);
        assert_eq!((s3[0].from, s3[0].to), (w3.start, w3.end));
    }

    #[test]
    fn yearly_is_one_for_a_year_or_less_and_may_fall_before_a_short_window() {
        let w = p(d(2027, 2, 24), d(2027, 8, 23));
        let s = stretches(Frequency::Annual, &w);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].to, w.end);
        assert_eq!(
            s[0].from,
            d(2026, 8, 24),
            "within the 12 months before the end"
        );
        let y = p(d(2027, 1, 1), d(2027, 12, 31));
        let sy = stretches(Frequency::Annual, &y);
        assert_eq!((sy[0].from, sy[0].to), (y.start, y.end));
        assert_eq!(
            expected_count(Frequency::Annual, &p(d(2027, 1, 1), d(2028, 1, 31))),
            Some(1),
            "13 months"
        );
        let long = p(d(2027, 1, 1), d(2028, 6, 30));
        let sl = stretches(Frequency::Annual, &long);
        assert_eq!(sl.len(), 1, "18 months");
        assert_eq!(
            (sl[0].from, sl[0].to),
            (d(2027, 7, 1), d(2028, 6, 30)),
            "in its last 12 months"
        );
        let two = p(d(2027, 1, 1), d(2028, 12, 31));
        let s2 = stretches(Frequency::Annual, &two);
        assert_eq!(s2.len(), 2, "24 months");
        assert_eq!((s2[0].from, s2[0].to), (d(2027, 1, 1), d(2027, 12, 31)));
        assert_eq!((s2[1].from, s2[1].to), (d(2028, 1, 1), d(2028, 12, 31)));
    }

    #[test]
    fn monthly_counts_full_months_and_per_event_has_no_count() {
        let w = p(d(2027, 2, 24), d(2027, 8, 23));
        assert_eq!(expected_count(Frequency::Monthly, &w), Some(6));
        assert_eq!(stretches(Frequency::Monthly, &w)[0].label, "Month 1");
        assert_eq!(expected_count(Frequency::PerEvent, &w), None);
        assert!(stretches(Frequency::PerEvent, &w).is_empty());
    }

    #[test]
    fn months_full_and_started() {
        let w = p(d(2026, 1, 1), d(2026, 3, 31));
        assert_eq!((full_months(&w), started_months(&w)), (3, 3));
        let w = p(d(2026, 2, 15), d(2026, 5, 20));
        assert_eq!((full_months(&w), started_months(&w)), (3, 4));
    }
}
