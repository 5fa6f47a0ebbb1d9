//! The review of a vendor's SOC report: which report (kind and type), the period it covers,
//! the audit firm, the opinion, the exceptions the auditor noted with the company's response
//! to each, the vendor's CUECs with whether and how the company runs each one, the bridge
//! letter, and the stored report file (an evidence record, with its SHA-256).

use chrono::NaiveDate;
use preflight_assessment::{ReportKind, ReportType};
use preflight_remediation::fields::{check_len, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::vendor::{not_future, opt_date, text_enum};
use crate::VendorError;

text_enum!(Opinion, InvalidOpinion,
    Unqualified => "unqualified", "Unqualified (clean)";
    Qualified => "qualified", "Qualified";
    Adverse => "adverse", "Adverse";
    Disclaimer => "disclaimer", "Disclaimer";
);

text_enum!(CuecStatus, InvalidCuecStatus,
    Runs => "runs", "We run it";
    NotRun => "not_run", "We do not run it";
    NotApplicable => "not_applicable", "Not applicable to us";
);

/// An exception the vendor's auditor noted, and what the company does about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportException {
    pub id: Uuid,
    pub description: String,
    /// The company's response: blank means none yet (a flag).
    #[serde(default)]
    pub response: String,
}

/// One of the vendor's complementary user entity controls: a control the vendor expects the
/// company (its customer) to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorCuec {
    pub id: Uuid,
    pub description: String,
    pub status: CuecStatus,
    /// How the company runs it (or why it does not apply).
    #[serde(default)]
    pub how: String,
    /// The remediation task made when the company does not run it.
    #[serde(default)]
    pub task_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocReview {
    pub kind: ReportKind,
    pub report_type: ReportType,
    /// The first day of a Type 2 report's period (none for a Type 1).
    #[serde(default)]
    pub period_start: Option<NaiveDate>,
    /// The last day of the period (Type 2), or the "as of" date (Type 1).
    pub period_end: NaiveDate,
    #[serde(default)]
    pub audit_firm: String,
    pub opinion: Opinion,
    #[serde(default)]
    pub reviewed_on: Option<NaiveDate>,
    #[serde(default)]
    pub exceptions: Vec<ReportException>,
    #[serde(default)]
    pub cuecs: Vec<VendorCuec>,
    /// The day the bridge letter was received, when one was.
    #[serde(default)]
    pub bridge_letter_on: Option<NaiveDate>,
    /// The stored report file: an evidence record of the assessment.
    #[serde(default)]
    pub evidence_id: Option<Uuid>,
    #[serde(default)]
    pub notes: String,
}

impl SocReview {
    /// Exceptions with no response yet.
    pub fn unanswered_exceptions(&self) -> usize {
        self.exceptions
            .iter()
            .filter(|e| e.response.trim().is_empty())
            .count()
    }

    /// CUECs the company does not run and that have no task yet.
    pub fn cuecs_not_run_without_task(&self) -> usize {
        self.cuecs
            .iter()
            .filter(|c| c.status == CuecStatus::NotRun && c.task_id.is_none())
            .count()
    }
}

/// An exception as typed; an id keeps an existing one (and its place).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionInput {
    #[serde(default)]
    pub id: Option<String>,
    pub description: String,
    #[serde(default)]
    pub response: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CuecInput {
    #[serde(default)]
    pub id: Option<String>,
    pub description: String,
    pub status: String,
    #[serde(default)]
    pub how: String,
}

/// A report review as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportInput {
    /// soc1, soc2 or soc3.
    pub kind: String,
    /// type1 or type2.
    pub report_type: String,
    #[serde(default)]
    pub period_start: Option<String>,
    pub period_end: String,
    #[serde(default)]
    pub audit_firm: String,
    pub opinion: String,
    #[serde(default)]
    pub reviewed_on: Option<String>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionInput>,
    #[serde(default)]
    pub cuecs: Vec<CuecInput>,
    #[serde(default)]
    pub bridge_letter_on: Option<String>,
    #[serde(default)]
    pub evidence_id: Option<String>,
    #[serde(default)]
    pub notes: String,
}

fn keep_id(raw: Option<&str>) -> Uuid {
    raw.and_then(|s| Uuid::parse_str(s.trim()).ok())
        .unwrap_or_else(Uuid::new_v4)
}

impl ReportInput {
    /// Checks the review. `previous` is the saved review, whose CUEC tasks are kept for the
    /// CUECs that keep their id. `evidence_ok` says whether an evidence id belongs to the
    /// assessment (the store knows).
    pub fn build(
        &self,
        previous: Option<&SocReview>,
        today: NaiveDate,
        evidence_ok: impl Fn(Uuid) -> bool,
    ) -> Result<SocReview, VendorError> {
        let kind = ReportKind::parse(self.kind.trim())
            .map_err(|_| VendorError::InvalidReport(self.kind.clone()))?;
        let report_type = ReportType::parse(self.report_type.trim())
            .map_err(|_| VendorError::InvalidReport(self.report_type.clone()))?;
        let period_end = opt_date(Some(&self.period_end))?
            .ok_or(VendorError::EmptyText("date the report period ends"))?;
        let period_start = match report_type {
            ReportType::Type1 => None,
            ReportType::Type2 => Some(
                opt_date(self.period_start.as_deref())?.ok_or(VendorError::PeriodStartMissing)?,
            ),
        };
        if let Some(s) = period_start {
            if period_end <= s {
                return Err(VendorError::PeriodEndsBeforeStart {
                    start: s.to_string(),
                    end: period_end.to_string(),
                });
            }
        }
        not_future("report period end", Some(period_end), today)?;
        let audit_firm = self.audit_firm.trim().to_string();
        check_len(&audit_firm, "audit firm", MAX_TITLE_CHARS)?;
        let opinion = Opinion::parse(&self.opinion)?;
        let reviewed_on = opt_date(self.reviewed_on.as_deref())?;
        not_future("review date", reviewed_on, today)?;
        let bridge_letter_on = opt_date(self.bridge_letter_on.as_deref())?;
        not_future("bridge letter date", bridge_letter_on, today)?;
        let mut exceptions = Vec::new();
        for e in &self.exceptions {
            let description = e.description.trim();
            if description.is_empty() {
                return Err(VendorError::EmptyText("exception's description"));
            }
            check_len(description, "exception", MAX_TEXT_CHARS)?;
            check_len(e.response.trim(), "response", MAX_TEXT_CHARS)?;
            exceptions.push(ReportException {
                id: keep_id(e.id.as_deref()),
                description: description.to_string(),
                response: e.response.trim().to_string(),
            });
        }
        let mut cuecs = Vec::new();
        for c in &self.cuecs {
            let description = c.description.trim();
            if description.is_empty() {
                return Err(VendorError::EmptyText("CUEC's description"));
            }
            check_len(description, "CUEC", MAX_TEXT_CHARS)?;
            check_len(c.how.trim(), "how the CUEC is run", MAX_TEXT_CHARS)?;
            let id = keep_id(c.id.as_deref());
            let task_id = previous
                .and_then(|p| p.cuecs.iter().find(|x| x.id == id))
                .and_then(|x| x.task_id);
            cuecs.push(VendorCuec {
                id,
                description: description.to_string(),
                status: CuecStatus::parse(&c.status)?,
                how: c.how.trim().to_string(),
                task_id,
            });
        }
        let evidence_id = match self
            .evidence_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => {
                let id = Uuid::parse_str(s)
                    .ok()
                    .filter(|id| evidence_ok(*id))
                    .ok_or_else(|| VendorError::UnknownEvidence(s.to_string()))?;
                Some(id)
            }
        };
        let notes = self.notes.trim().to_string();
        check_len(&notes, "notes", MAX_TEXT_CHARS)?;
        Ok(SocReview {
            kind,
            report_type,
            period_start,
            period_end,
            audit_firm,
            opinion,
            reviewed_on,
            exceptions,
            cuecs,
            bridge_letter_on,
            evidence_id,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    pub(crate) fn input() -> ReportInput {
        ReportInput {
            kind: "soc2".into(),
            report_type: "type2".into(),
            period_start: Some("2025-04-01".into()),
            period_end: "2026-03-31".into(),
            audit_firm: "Example & Co".into(),
            opinion: "qualified".into(),
            exceptions: vec![ExceptionInput {
                description: "Two leavers kept access for a week".into(),
                ..ExceptionInput::default()
            }],
            cuecs: vec![CuecInput {
                description: "Customers review their users".into(),
                status: "not_run".into(),
                ..CuecInput::default()
            }],
            ..ReportInput::default()
        }
    }

    #[test]
    fn a_review_is_checked() {
        let today = d(2026, 6, 1);
        let r = input().build(None, today, |_| false).expect("review");
        assert_eq!(r.unanswered_exceptions(), 1);
        assert_eq!(r.cuecs_not_run_without_task(), 1);
        for (i, code) in [
            (
                ReportInput {
                    period_end: "2025-03-01".into(),
                    ..input()
                },
                "period_ends_before_start",
            ),
            (
                ReportInput {
                    period_start: None,
                    ..input()
                },
                "period_start_missing",
            ),
            (
                ReportInput {
                    period_end: "2026-07-01".into(),
                    ..input()
                },
                "date_in_future",
            ),
            (
                ReportInput {
                    period_end: "31/03/2026".into(),
                    ..input()
                },
                "invalid_date",
            ),
            (
                ReportInput {
                    opinion: "fine".into(),
                    ..input()
                },
                "invalid_opinion",
            ),
            (
                ReportInput {
                    bridge_letter_on: Some("2026-06-02".into()),
                    ..input()
                },
                "date_in_future",
            ),
            (
                ReportInput {
                    evidence_id: Some(Uuid::nil().to_string()),
                    ..input()
                },
                "unknown_evidence",
            ),
            (
                ReportInput {
                    kind: "soc9".into(),
                    ..input()
                },
                "invalid_report",
            ),
        ] {
            assert_eq!(
                i.build(None, today, |_| false).map_err(|e| e.code()),
                Err(code)
            );
        }
        let t1 = ReportInput {
            report_type: "type1".into(),
            period_start: None,
            ..input()
        };
        assert_eq!(
            t1.build(None, today, |_| false).map(|r| r.period_start),
            Ok(None)
        );
    }

    #[test]
    fn cuec_tasks_survive_an_edit() {
        let today = d(2026, 6, 1);
        let mut r = input().build(None, today, |_| false).expect("review");
        r.cuecs[0].task_id = Some(Uuid::from_u128(5));
        let mut again = input();
        again.cuecs[0].id = Some(r.cuecs[0].id.to_string());
        let r2 = again.build(Some(&r), today, |_| false).expect("review");
        assert_eq!(r2.cuecs[0].task_id, Some(Uuid::from_u128(5)));
    }
}
