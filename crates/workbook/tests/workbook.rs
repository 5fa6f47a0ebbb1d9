//! The workbook reads back as an auditor's spreadsheet would see it.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{TimeZone, Utc};
use preflight_assessment::{
    Answer, AnswerValue, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_workbook::{
    to_bytes, WorkbookInput, QUESTIONNAIRE_SHEET, READINESS_SHEET, SUMMARY_SHEET,
};

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn workbook_has_summary_readiness_and_questionnaire() {
    let catalog = preflight_catalog::embedded().expect("catalog");
    let assessment = NewAssessment {
        name: Some("-FY26 readiness".into()),
        company: "=Acme+1 ☁️ שלום".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["availability".into()],
            objectives: vec![],
            observation: Some(
                ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("period"),
            ),
        },
    }
    .build(catalog, Utc::now())
    .expect("valid");
    let at = Utc
        .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time");
    let answers = vec![
        Answer {
            question_id: "cc6-mfa".into(),
            value: Some(AnswerValue::Yes),
            note: "@everyone uses MFA".into(),
            answered_at: at,
        },
        Answer {
            question_id: "cc8-change-review".into(),
            value: Some(AnswerValue::No),
            note: "=1+1".into(),
            answered_at: at,
        },
        Answer {
            question_id: "cc1-code-of-conduct".into(),
            value: None,
            note: "+ask HR".into(),
            answered_at: at,
        },
    ];
    let bytes = to_bytes(&WorkbookInput {
        catalog,
        assessment: &assessment,
        answers: &answers,
        prepared_at: at,
    })
    .expect("workbook");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens as xlsx");
    assert_eq!(
        wb.sheet_names(),
        vec![SUMMARY_SHEET, READINESS_SHEET, QUESTIONNAIRE_SHEET]
    );

    // Summary: label/value pairs; user text stays text; dates are dates.
    let summary = wb.worksheet_range(SUMMARY_SHEET).expect("summary");
    let value_of = |label: &str| -> Data {
        summary
            .rows()
            .find(|r| cell_text(&r[0]) == label)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(value_of("Company"), Data::String("=Acme+1 ☁️ שלום".into()));
    assert_eq!(
        value_of("Assessment"),
        Data::String("-FY26 readiness".into())
    );
    assert_eq!(
        value_of("Assessment id"),
        Data::String(assessment.id.to_string())
    );
    assert_eq!(value_of("Report"), Data::String("SOC 2 Type 2".into()));
    assert_eq!(
        value_of("In scope"),
        Data::String("Security, Availability".into())
    );
    for (label, expect) in [
        ("Observation period start", "2026-01-01"),
        ("Observation period end", "2026-06-30"),
        ("Prepared on", "2026-03-04"),
    ] {
        match value_of(label) {
            Data::DateTime(d) => {
                assert_eq!(d.as_datetime().expect("date").date().to_string(), expect)
            }
            other => panic!("{label} is not a date: {other:?}"),
        }
    }
    let questions = scope_count(&assessment.scope, catalog);
    assert_eq!(
        value_of("Questions in scope"),
        Data::Float(questions as f64)
    );
    assert_eq!(value_of("Questions answered"), Data::Float(2.0));
    match value_of("Overall readiness") {
        Data::Float(p) => assert!(p > 0.0 && p < 1.0, "{p}"),
        other => panic!("readiness {other:?}"),
    }

    // Readiness by criterion: one row per criterion in scope.
    let readiness = wb.worksheet_range(READINESS_SHEET).expect("readiness");
    assert_eq!(cell_text(&readiness[(0, 0)]), "Criterion");
    assert_eq!(readiness.height() - 1, 33 + 3);
    let cc61 = readiness
        .rows()
        .find(|r| cell_text(&r[0]) == "CC6.1")
        .expect("CC6.1 row");
    assert_eq!(cell_text(&cc61[1]), "CC6");

    // Questionnaire: one row per applicable question, gap flags, notes as text.
    let q = wb
        .worksheet_range(QUESTIONNAIRE_SHEET)
        .expect("questionnaire");
    let header: Vec<String> = q
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(cell_text)
        .collect();
    assert_eq!(
        &header[..9],
        [
            "Question id",
            "Criteria",
            "Question",
            "Answer",
            "Note",
            "Severity",
            "Gap",
            "Gap reason",
            "Answered on"
        ]
    );
    assert_eq!(q.height() - 1, questions);
    let row = |id: &str| {
        q.rows()
            .find(|r| cell_text(&r[0]) == id)
            .unwrap_or_else(|| panic!("row {id}"))
            .to_vec()
    };
    let mfa = row("cc6-mfa");
    assert_eq!(cell_text(&mfa[3]), "Yes");
    assert_eq!(cell_text(&mfa[4]), "@everyone uses MFA");
    assert_eq!(cell_text(&mfa[6]), "No");
    assert!(
        matches!(mfa[8], Data::DateTime(_)),
        "answered on is a date: {:?}",
        mfa[8]
    );
    let change = row("cc8-change-review");
    assert_eq!(cell_text(&change[4]), "=1+1");
    assert_eq!(cell_text(&change[6]), "Yes");
    assert_eq!(cell_text(&change[7]), "Not in place");
    let coc = row("cc1-code-of-conduct");
    assert_eq!(cell_text(&coc[3]), "");
    assert_eq!(cell_text(&coc[4]), "+ask HR");
    assert_eq!(cell_text(&coc[7]), "Not answered yet");
    assert_eq!(coc[8], Data::Empty, "no date for an unanswered question");

    // No cell anywhere is a formula.
    for sheet in [SUMMARY_SHEET, READINESS_SHEET, QUESTIONNAIRE_SHEET] {
        let formulas = wb.worksheet_formula(sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
}

fn scope_count(scope: &Scope, catalog: &preflight_catalog::Catalog) -> usize {
    scope.questions(catalog).count()
}
