//! Writes sample gap workbooks to look at: `cargo run -p preflight-workbook --example sample -- DIR`.
//! One SOC 2 Type 2 with every category, answers of every kind, long notes and an auditor
//! comment; one SOC 1 Type 1. Both with remediation tasks in every status (some overdue),
//! evidence (one removed) and, for the Type 2, recurring duties ticked off. Both also as CSV.

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use preflight_assessment::gap::gaps;
use preflight_assessment::Assessment;
use preflight_assessment::{
    Answer, AnswerValue, Exclusion, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::{
    calendar, Calendar, Duty, DutyOccurrence, Evidence, NewTask, People, StatusRequest, Task,
    TaskStatus,
};
use preflight_workbook::{AuditorEntry, AuditorStatus, Remediation, WorkbookExtras, WorkbookInput};
use uuid::Uuid;

type Error = Box<dyn std::error::Error>;

fn day(s: &str) -> Result<NaiveDate, Error> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

struct Sample {
    tasks: Vec<Task>,
    evidence: Vec<Evidence>,
    removed: Vec<Evidence>,
    calendar: Option<Calendar>,
}

/// Tasks for the first gaps (every status, some overdue), evidence on some of them, and
/// recurring duties ticked off when the assessment has an observation period.
fn sample_remediation(
    catalog: &Catalog,
    a: &Assessment,
    answers: &[Answer],
) -> Result<Sample, Error> {
    let people = People::from_names(vec![
        "Dana Ruiz".into(),
        "Sam Lee".into(),
        "Léa Martin".into(),
    ]);
    let mut tasks = Vec::new();
    for (i, g) in gaps(catalog, &a.scope, answers).iter().take(24).enumerate() {
        let Some(q) = catalog.question(&g.question_id) else {
            continue;
        };
        let mut n = NewTask::from_gap(q, &a.scope);
        n.owner = (i % 5 != 4).then(|| people.names()[i % 3].clone());
        n.due = (i % 6 != 5).then(|| format!("2026-{:02}-{:02}", 1 + i % 9, 1 + (i * 7) % 28));
        n.notes = match i % 4 {
            0 => "=Ticket SEC-12; waiting for the vendor's SOC 2 report.".into(),
            1 => String::new(),
            2 => "Draft in the shared drive. ".repeat(1 + i % 5),
            _ => "-1 reviewer".into(),
        };
        let t = n.build(catalog, a.id, &people, day("2026-01-05")?)?;
        let status = [
            TaskStatus::Todo,
            TaskStatus::InProgress,
            TaskStatus::Done,
            TaskStatus::RiskAccepted,
        ][i % 4];
        let t = if status == TaskStatus::Todo {
            t
        } else {
            let risk = status == TaskStatus::RiskAccepted;
            t.change_status(
                StatusRequest {
                    version: t.version,
                    status,
                    justification: risk.then(|| {
                        "Two staff only; the CTO reviews every change by hand until we hire."
                            .to_string()
                    }),
                    accepted_by: risk.then(|| "Dana Ruiz".to_string()),
                },
                day("2026-02-10")?,
            )?
        };
        tasks.push(t);
    }
    let fake = |name: &str, size: u64, question: Option<&str>, task: Option<Uuid>| {
        let id = Uuid::new_v4();
        Evidence {
            id,
            assessment_id: a.id,
            original_name: name.into(),
            stored_path: format!("evidence/{}/{id}-{name}", a.id),
            size,
            sha256: format!("{:064x}", u128::from(id.as_u64_pair().0) * 7919),
            collected_on: NaiveDate::from_ymd_opt(2026, 2, 14).unwrap_or_default(),
            question_id: question.map(str::to_string),
            task_id: task,
            removed_at: None,
        }
    };
    let first_q = tasks.first().and_then(|t| t.question_id.clone());
    let mut evidence = vec![
        fake(
            "Access review Q1 2026.pdf",
            482_113,
            first_q.as_deref(),
            None,
        ),
        fake(
            "=export of admin users.csv",
            12_004,
            first_q.as_deref(),
            None,
        ),
    ];
    for t in tasks.iter().skip(1).step_by(3) {
        evidence.push(fake(
            "Screenshot of the setting.png",
            1_830_221,
            None,
            Some(t.id),
        ));
    }
    let mut gone = fake("Old policy draft.docx", 55_301, first_q.as_deref(), None);
    gone.removed_at = Some(Utc::now());
    let calendar = a.scope.observation.map(|p| {
        let mut occurrences = Vec::new();
        for (duty, on, ev) in [
            (
                Duty::AccessReview,
                "2026-03-20",
                evidence.first().map(|e| e.id),
            ),
            (Duty::RiskAssessment, "2026-02-02", None),
            (Duty::Onboarding, "2026-01-12", None),
            (Duty::Onboarding, "2026-02-23", None),
            (Duty::Onboarding, "2026-04-06", None),
            (Duty::Offboarding, "2026-03-31", None),
            (Duty::VendorReview, "2025-11-30", None),
        ] {
            occurrences.push(DutyOccurrence {
                id: Uuid::new_v4(),
                assessment_id: a.id,
                duty,
                done_on: NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap_or(p.start),
                evidence_id: ev,
                note: if duty == Duty::AccessReview {
                    "=All admin accounts reviewed; two removed.".into()
                } else {
                    String::new()
                },
            });
        }
        calendar(&p, &occurrences)
    });
    Ok(Sample {
        tasks,
        evidence,
        removed: vec![gone],
        calendar,
    })
}

fn main() -> Result<(), Error> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/sample".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let catalog = preflight_catalog::embedded().map_err(|e| e.to_string())?;
    let mut soc2 = NewAssessment {
        name: Some("Northwind SOC 2 readiness 2026".into()),
        company: "Northwind Analytics".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["availability".into(), "processing_integrity".into()],
            objectives: vec![],
            observation: Some(ObservationPeriod::parse("2026-01-01", "2026-06-30")?),
        },
    }
    .build(catalog, Utc::now())?;
    soc2.set_scoping(
        catalog,
        vec![
            Exclusion {
                category: "confidentiality".into(),
                justification:
                    "We hold no customer data classified as confidential beyond contact details."
                        .into(),
            },
            Exclusion {
                category: "privacy".into(),
                justification:
                    "No personal data of end users is processed; customers are businesses.".into(),
            },
        ],
        None,
    )?;
    let soc1 = NewAssessment {
        name: Some("Ledgerly payroll SOC 1".into()),
        company: "Ledgerly".into(),
        scope: Scope {
            kind: ReportKind::Soc1,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: catalog.objectives.iter().map(|o| o.id.clone()).collect(),
            observation: None,
        },
    }
    .build(catalog, Utc::now())?;
    for a in [&soc2, &soc1] {
        let answers: Vec<Answer> = a
            .scope
            .questions(catalog)
            .enumerate()
            .filter(|(i, _)| i % 7 != 6)
            .map(|(i, q)| Answer {
                question_id: q.id.clone(),
                value: Some(AnswerValue::ALL[i % 5]),
                note: match i % 4 {
                    0 => String::new(),
                    1 => "=SUM(A1) stays text".into(),
                    2 => "Owner: Dana. ".repeat(3 + i % 20),
                    _ => "Short note".into(),
                },
                answered_at: Utc::now(),
            })
            .collect();
        let first = a
            .scope
            .questions(catalog)
            .next()
            .map(|q| q.id.clone())
            .unwrap_or_default();
        let auditor = vec![AuditorEntry {
            question_id: first,
            comment: "Seen the policy; need the approval record for this year.".into(),
            status: Some(AuditorStatus::NeedsEvidence),
        }];
        let input = WorkbookInput {
            catalog,
            assessment: a,
            answers: &answers,
            prepared_at: Utc::now(),
        };
        let sample = sample_remediation(catalog, a, &answers)?;
        let extras = WorkbookExtras {
            prepared_by: None,
            auditor: &auditor,
            remediation: Remediation {
                tasks: &sample.tasks,
                evidence: &sample.evidence,
                removed_evidence: &sample.removed,
                calendar: sample.calendar.as_ref(),
            },
            registers: Default::default(),
            requests: &[],
        };
        let stem = preflight_workbook::csv_export::file_stem(&a.name);
        let path = dir.join(format!("{stem}.xlsx"));
        preflight_workbook::write_with(&input, &extras, &path)?;
        println!("{}", path.display());
        for p in preflight_workbook::csv_export::write_csv(&input, &extras, &dir)? {
            println!("{}", p.display());
        }
    }
    Ok(())
}
