//! The effective date of a piece of evidence: the date it shows (a screenshot's day, a
//! report's period end), not the day it was attached. It can never be in the future. For a
//! Type 2 report it should fall inside the observation window; for a Type 1, on or before the
//! as-of date. Evidence outside is kept but flagged: an auditor would not accept it for this
//! report.

use chrono::NaiveDate;
use preflight_assessment::ObservationPeriod;
use preflight_remediation::fields::ymd;
use serde::Serialize;

use crate::RequestError;

/// What the evidence must fall in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceWindow {
    /// Type 2: the observation window, both days included.
    Period { start: NaiveDate, end: NaiveDate },
    /// Type 1: on or before the as-of date, when one is set.
    AsOf { date: Option<NaiveDate> },
}

impl EvidenceWindow {
    pub fn of(observation: Option<ObservationPeriod>, as_of: Option<NaiveDate>) -> EvidenceWindow {
        match observation {
            Some(p) => EvidenceWindow::Period {
                start: p.start,
                end: p.end,
            },
            None => EvidenceWindow::AsOf { date: as_of },
        }
    }
}

/// The outcome for a valid date: whether it fits the window, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateCheck {
    pub date: NaiveDate,
    pub fits: bool,
    /// Why it does not fit, in a sentence (empty when it fits).
    pub note: String,
}

/// Checks a typed effective date: the form, not in the future, and where it falls.
pub fn check_effective_date(
    text: &str,
    today: NaiveDate,
    window: EvidenceWindow,
) -> Result<DateCheck, RequestError> {
    let date = ymd(text).ok_or_else(|| RequestError::InvalidDate(text.to_string()))?;
    if date > today {
        return Err(RequestError::DateInFuture(date.to_string()));
    }
    Ok(judge(date, window))
}

/// Where a saved effective date falls.
pub fn judge(date: NaiveDate, window: EvidenceWindow) -> DateCheck {
    let note = match window {
        EvidenceWindow::Period { start, end } if date < start => format!("{date} is before the observation window ({start} to {end}): evidence for a Type 2 must show the control working inside the window."),
        EvidenceWindow::Period { start, end } if date > end => format!("{date} is after the observation window ({start} to {end}) ended."),
        EvidenceWindow::AsOf { date: Some(as_of) } if date > as_of => format!("{date} is after the report's as-of date ({as_of}): a Type 1 describes the controls as of that day."),
        _ => String::new(),
    };
    DateCheck {
        date,
        fits: note.is_empty(),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    #[test]
    fn dates_at_the_window_edges() {
        let w = EvidenceWindow::Period {
            start: d(2026, 1, 1),
            end: d(2026, 6, 30),
        };
        let today = d(2026, 8, 1);
        assert!(
            check_effective_date("2026-01-01", today, w)
                .expect("ok")
                .fits
        );
        assert!(
            check_effective_date("2026-06-30", today, w)
                .expect("ok")
                .fits
        );
        assert!(
            !check_effective_date("2025-12-31", today, w)
                .expect("ok")
                .fits
        );
        assert!(
            !check_effective_date("2026-07-01", today, w)
                .expect("ok")
                .fits
        );
        assert_eq!(
            check_effective_date("2026-08-01", today, w).map(|c| c.fits),
            Ok(false),
            "today is allowed, after the window"
        );
        assert_eq!(
            check_effective_date("2026-08-02", today, w).map_err(|e| e.code()),
            Err("date_in_future")
        );
        assert_eq!(
            check_effective_date("1/1/2026", today, w).map_err(|e| e.code()),
            Err("invalid_date")
        );
        let t1 = EvidenceWindow::AsOf {
            date: Some(d(2026, 6, 30)),
        };
        assert!(
            check_effective_date("2026-06-30", today, t1)
                .expect("ok")
                .fits
        );
        assert!(
            !check_effective_date("2026-07-01", today, t1)
                .expect("ok")
                .fits
        );
        assert!(
            check_effective_date("2020-01-01", today, EvidenceWindow::AsOf { date: None })
                .expect("ok")
                .fits
        );
    }
}
