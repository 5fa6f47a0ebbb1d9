//! The flags an auditor would raise on a vendor, shown on the vendor list and the dashboard:
//!
//! - a critical vendor with no SOC report on file (no review, or a review with no stored file);
//! - a report older than 12 months (its period ended more than 12 months before today);
//! - a report whose period ends more than three months before the company's own window starts,
//!   with no bridge letter received;
//! - an opinion that is not clean (qualified, adverse, or a disclaimer);
//! - an exception with no response;
//! - a CUEC the company does not run, with no task to close it;
//! - a security review overdue (the next review date has passed).
//!
//! The company's window starts on its observation period's first day (Type 2), or today when
//! there is none (a Type 1 is as of a date still ahead).

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::report::Opinion;
use crate::vendor::{Criticality, Vendor};

/// A report is stale this many months after its period ended.
pub const STALE_AFTER_MONTHS: u32 = 12;
/// A gap longer than this between a report's end and the company's window start needs a
/// bridge letter.
pub const BRIDGE_GAP_MONTHS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    NoReportOnFile,
    ReportStale,
    BridgeLetterNeeded,
    OpinionNotClean,
    ExceptionWithoutResponse,
    CuecNotRun,
    ReviewOverdue,
}

impl FlagKind {
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::NoReportOnFile => "No SOC report on file",
            FlagKind::ReportStale => "Report older than 12 months",
            FlagKind::BridgeLetterNeeded => "Bridge letter needed",
            FlagKind::OpinionNotClean => "Opinion not clean",
            FlagKind::ExceptionWithoutResponse => "Exception without response",
            FlagKind::CuecNotRun => "CUEC not run",
            FlagKind::ReviewOverdue => "Review overdue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub label: &'static str,
    /// What is wrong and what to do, in a sentence.
    pub message: String,
}

fn flag(kind: FlagKind, message: String) -> Flag {
    Flag {
        kind,
        label: kind.label(),
        message,
    }
}

/// The flags of one vendor on `today`, for a company whose window starts on `window_start`.
pub fn flags(v: &Vendor, today: NaiveDate, window_start: NaiveDate) -> Vec<Flag> {
    let mut out = Vec::new();
    match &v.report {
        None if v.criticality == Criticality::Critical => out.push(flag(
            FlagKind::NoReportOnFile,
            format!("{} is critical and no SOC report review is recorded. Ask the vendor for its latest SOC 2 report and record your review.", v.name),
        )),
        None => {}
        Some(r) => {
            if v.criticality == Criticality::Critical && r.evidence_id.is_none() {
                out.push(flag(
                    FlagKind::NoReportOnFile,
                    format!("The review of {}'s report is recorded but the report file is not stored. Attach it as evidence and link it.", v.name),
                ));
            }
            if r.period_end
                .checked_add_months(Months::new(STALE_AFTER_MONTHS))
                .is_some_and(|d| d < today)
            {
                out.push(flag(
                    FlagKind::ReportStale,
                    format!("The report's period ended on {}, more than 12 months ago. Ask for the newer report.", r.period_end),
                ));
            }
            if r.bridge_letter_on.is_none()
                && r.period_end
                    .checked_add_months(Months::new(BRIDGE_GAP_MONTHS))
                    .is_some_and(|d| d < window_start)
            {
                out.push(flag(
                    FlagKind::BridgeLetterNeeded,
                    format!("The report ends on {}, more than three months before your window starts ({window_start}). Ask the vendor for a bridge letter covering the months since.", r.period_end),
                ));
            }
            if r.opinion != Opinion::Unqualified {
                out.push(flag(
                    FlagKind::OpinionNotClean,
                    format!("The auditor's opinion is {}. Read which controls failed and decide what you do about it.", r.opinion.label().to_lowercase()),
                ));
            }
            let unanswered = r.unanswered_exceptions();
            if unanswered > 0 {
                out.push(flag(
                    FlagKind::ExceptionWithoutResponse,
                    format!("{unanswered} exception(s) in the report have no response from you. Say for each whether it affects you and what you do."),
                ));
            }
            let not_run = r.cuecs_not_run_without_task();
            if not_run > 0 {
                out.push(flag(
                    FlagKind::CuecNotRun,
                    format!("{not_run} of the vendor's customer controls (CUECs) are not run by you and have no task. Make a task for each."),
                ));
            }
        }
    }
    if let Some(next) = v.next_review {
        if next < today {
            out.push(flag(
                FlagKind::ReviewOverdue,
                format!("The security review was due on {next}."),
            ));
        }
    }
    out
}

/// The day the company's own window starts, for the bridge-letter flag.
pub fn window_start(
    observation: Option<preflight_assessment::ObservationPeriod>,
    today: NaiveDate,
) -> NaiveDate {
    observation.map_or(today, |p| p.start)
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;
    use crate::report::{CuecStatus, ReportException, SocReview, VendorCuec};
    use crate::vendor::DataClass;
    use preflight_assessment::{ReportKind, ReportType};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    fn vendor(report: Option<SocReview>) -> Vendor {
        Vendor {
            id: Uuid::nil(),
            assessment_id: Uuid::nil(),
            name: "Cloudy".into(),
            service: String::new(),
            data: DataClass::Personal,
            criticality: Criticality::Critical,
            contract: true,
            dpa: true,
            owner: None,
            last_review: None,
            next_review: Some(d(2026, 6, 1)),
            subservice: None,
            report,
            created_on: d(2026, 1, 1),
            version: 1,
        }
    }

    fn clean(end: NaiveDate) -> SocReview {
        SocReview {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            period_start: end.checked_sub_months(Months::new(12)),
            period_end: end,
            audit_firm: String::new(),
            opinion: Opinion::Unqualified,
            reviewed_on: None,
            exceptions: vec![],
            cuecs: vec![],
            bridge_letter_on: None,
            evidence_id: Some(Uuid::from_u128(1)),
            notes: String::new(),
        }
    }

    fn kinds(v: &Vendor, today: NaiveDate, start: NaiveDate) -> Vec<FlagKind> {
        flags(v, today, start).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_critical_vendor_without_report_is_flagged_and_others_are_not() {
        let today = d(2026, 6, 1);
        assert_eq!(
            kinds(&vendor(None), today, today),
            [FlagKind::NoReportOnFile]
        );
        let mut low = vendor(None);
        low.criticality = Criticality::Low;
        assert!(kinds(&low, today, today).is_empty());
        let mut no_file = clean(d(2026, 3, 31));
        no_file.evidence_id = None;
        assert_eq!(
            kinds(&vendor(Some(no_file)), today, today),
            [FlagKind::NoReportOnFile]
        );
        assert!(kinds(&vendor(Some(clean(d(2026, 3, 31)))), today, today).is_empty());
    }

    #[test]
    fn stale_after_twelve_months_to_the_day() {
        let end = d(2025, 5, 31);
        let v = vendor(Some(clean(end)));
        assert!(!kinds(&v, d(2026, 5, 31), d(2025, 6, 1)).contains(&FlagKind::ReportStale));
        assert!(kinds(&v, d(2026, 6, 1), d(2025, 6, 1)).contains(&FlagKind::ReportStale));
    }

    #[test]
    fn bridge_letter_when_the_gap_passes_three_months() {
        let v = vendor(Some(clean(d(2026, 1, 31))));
        let today = d(2026, 5, 1);
        // 31 January + 3 months = 30 April: a window starting that day is fine.
        assert!(!kinds(&v, today, d(2026, 4, 30)).contains(&FlagKind::BridgeLetterNeeded));
        assert!(kinds(&v, today, d(2026, 5, 1)).contains(&FlagKind::BridgeLetterNeeded));
        let mut bridged = clean(d(2026, 1, 31));
        bridged.bridge_letter_on = Some(d(2026, 4, 20));
        assert!(!kinds(&vendor(Some(bridged)), today, d(2026, 5, 1))
            .contains(&FlagKind::BridgeLetterNeeded));
    }

    #[test]
    fn opinion_exceptions_cuecs_and_overdue_review() {
        let mut r = clean(d(2026, 3, 31));
        r.opinion = Opinion::Qualified;
        r.exceptions = vec![
            ReportException {
                id: Uuid::nil(),
                description: "x".into(),
                response: "We checked".into(),
            },
            ReportException {
                id: Uuid::nil(),
                description: "y".into(),
                response: " ".into(),
            },
        ];
        r.cuecs = vec![
            VendorCuec {
                id: Uuid::nil(),
                description: "c".into(),
                status: CuecStatus::NotRun,
                how: String::new(),
                task_id: None,
            },
            VendorCuec {
                id: Uuid::nil(),
                description: "d".into(),
                status: CuecStatus::NotRun,
                how: String::new(),
                task_id: Some(Uuid::nil()),
            },
        ];
        let v = vendor(Some(r));
        assert_eq!(
            kinds(&v, d(2026, 6, 1), d(2026, 6, 1)),
            [
                FlagKind::OpinionNotClean,
                FlagKind::ExceptionWithoutResponse,
                FlagKind::CuecNotRun
            ]
        );
        assert!(flags(&v, d(2026, 6, 1), d(2026, 6, 1))[1]
            .message
            .starts_with("1 exception"));
        // Due on 1 June: overdue from 2 June.
        assert!(kinds(&v, d(2026, 6, 2), d(2026, 6, 1)).contains(&FlagKind::ReviewOverdue));
    }
}
