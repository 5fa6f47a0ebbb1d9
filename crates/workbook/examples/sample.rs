//! Writes sample gap workbooks to look at: `cargo run -p preflight-workbook --example sample -- DIR`.
//! One SOC 2 Type 2 with every category, answers of every kind, long notes and an auditor
//! comment; one SOC 1 Type 1. Both also as CSV.

use std::path::PathBuf;

use chrono::Utc;
use preflight_assessment::{
    Answer, AnswerValue, Exclusion, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_workbook::{AuditorEntry, AuditorStatus, WorkbookExtras, WorkbookInput};

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
        let extras = WorkbookExtras {
            prepared_by: None,
            auditor: &auditor,
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
