//! The whole journey through the domain, with no window: create an assessment in a temp
//! database, answer, reopen, score, export the workbook to a file and read it back.

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::Utc;
use preflight_assessment::scoring::readiness;
use preflight_assessment::{
    gap, AnswerValue, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_store::Store;
use preflight_workbook::{
    WorkbookInput, COVER_SHEET, EVIDENCE_SHEET, GAP_REGISTER_SHEET, QUESTIONNAIRE_SHEET,
    READINESS_SHEET, RECURRING_SHEET, REMEDIATION_SHEET,
};

#[test]
fn create_answer_reopen_score_and_export() {
    let catalog = preflight_catalog::embedded().expect("catalog");
    let dir = tempfile::tempdir().expect("tempdir");

    let a = NewAssessment {
        name: Some("FY2026".into()),
        company: "Northwind Analytics".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["confidentiality".into()],
            objectives: vec![],
            observation: ObservationPeriod::from_parts(Some("2026-01-01"), Some("2026-12-31"))
                .expect("period"),
        },
    }
    .build(catalog, Utc::now())
    .expect("valid");
    let questions: Vec<String> = a.scope.questions(catalog).map(|q| q.id.clone()).collect();
    assert!(
        questions.len() > 150,
        "Security + Confidentiality Type 2 asks the full bank"
    );
    assert!(questions
        .iter()
        .any(|q| catalog.question(q).is_some_and(|q| q.type2_only)));

    {
        let mut store = Store::open_dir(dir.path()).expect("open");
        store.create_assessment(&a).expect("create");
        // Yes to the first half, No to one, N/A to one, a note-only on one.
        let half = questions.len() / 2;
        for q in &questions[..half] {
            store
                .save_answer(catalog, a.id, q, Some(AnswerValue::Yes), "")
                .expect("yes");
        }
        store
            .save_answer(
                catalog,
                a.id,
                &questions[half],
                Some(AnswerValue::No),
                "-1 nobody owns this",
            )
            .expect("no");
        store
            .save_answer(
                catalog,
                a.id,
                &questions[half + 1],
                Some(AnswerValue::Na),
                "",
            )
            .expect("na");
        store
            .save_answer(catalog, a.id, &questions[half + 2], None, "@ask the CTO")
            .expect("note");
    }

    // Reopen, as after a quit.
    let store = Store::open_dir(dir.path()).expect("reopen");
    let answers = store.answers(a.id).expect("answers");
    assert_eq!(answers.len(), questions.len() / 2 + 3);
    let r = readiness(catalog, &a.scope, &answers);
    let gaps = gap::gaps(catalog, &a.scope, &answers);
    assert_eq!(r.answered, questions.len() / 2 + 2);
    assert_eq!(
        gaps.len(),
        questions.len() - questions.len() / 2 - 1,
        "everything but Yes and N/A is a gap"
    );
    let overall = r.overall.expect("a figure");
    assert!(overall > 30.0 && overall < 70.0, "{overall}");

    let path = dir.path().join("Northwind gap workbook.xlsx");
    let stored = store.assessment(a.id).expect("assessment");
    preflight_workbook::write(
        &WorkbookInput {
            catalog,
            assessment: &stored,
            answers: &answers,
            prepared_at: Utc::now(),
        },
        &path,
    )
    .expect("workbook written");

    let mut wb: Xlsx<_> = open_workbook(&path).expect("opens");
    assert_eq!(
        wb.sheet_names(),
        vec![
            COVER_SHEET,
            READINESS_SHEET,
            QUESTIONNAIRE_SHEET,
            GAP_REGISTER_SHEET,
            REMEDIATION_SHEET,
            EVIDENCE_SHEET,
            RECURRING_SHEET,
            preflight_workbook::RISK_SHEET,
            preflight_workbook::VENDOR_SHEET,
            preflight_workbook::CUEC_SHEET,
            preflight_workbook::POLICY_SHEET,
            preflight_workbook::PEOPLE_SHEET,
            preflight_workbook::REQUEST_SHEET,
        ]
    );
    let summary = wb.worksheet_range(COVER_SHEET).expect("cover");
    let value = |label: &str| {
        summary
            .rows()
            .find(|r| r[0] == Data::String(label.into()))
            .map(|r| r[1].clone())
    };
    assert_eq!(
        value("Company"),
        Some(Data::String("Northwind Analytics".into()))
    );
    assert_eq!(
        value("In scope"),
        Some(Data::String("Security, Confidentiality".into()))
    );
    match value("Overall readiness") {
        Some(Data::Float(f)) => assert!((f * 100.0 - overall).abs() < 1e-6),
        other => panic!("overall readiness cell: {other:?}"),
    }
    let readiness_sheet = wb.worksheet_range(READINESS_SHEET).expect("readiness");
    assert_eq!(
        readiness_sheet.height() - 1,
        33 + 2,
        "33 common criteria and C1.1, C1.2"
    );
    let q = wb
        .worksheet_range(QUESTIONNAIRE_SHEET)
        .expect("questionnaire");
    assert_eq!(q.height() - 1, questions.len());
    let gap_flags = q
        .rows()
        .skip(1)
        .filter(|r| r[6] == Data::String("Yes".into()))
        .count();
    assert_eq!(gap_flags, gaps.len());
    let no_row = q
        .rows()
        .find(|r| r[0] == Data::String(questions[questions.len() / 2].clone()))
        .expect("row");
    assert_eq!(no_row[3], Data::String("No".into()));
    assert_eq!(no_row[4], Data::String("-1 nobody owns this".into()));
}
