//! The workbook reads back as an auditor's spreadsheet would see it.

mod common;

use calamine::{Data, Reader};
use common::*;
use preflight_workbook::cover_sheet::labels;
use preflight_workbook::{
    sheet_names, to_bytes, to_bytes_with, AuditorEntry, AuditorStatus, WorkbookExtras,
    WorkbookInput, COVER_SHEET, CUEC_SHEET, EVIDENCE_SHEET, GAP_REGISTER_SHEET, PEOPLE_SHEET,
    POLICY_SHEET, QUESTIONNAIRE_SHEET, READINESS_SHEET, RECURRING_SHEET, REMEDIATION_SHEET,
    REQUEST_SHEET, RISK_SHEET, SOC1_SHEET, VENDOR_SHEET,
};

fn soc2_bytes(extras: &WorkbookExtras<'_>) -> (preflight_assessment::Assessment, Vec<u8>) {
    let assessment = soc2();
    let answers = soc2_answers();
    let bytes = to_bytes_with(
        &WorkbookInput {
            catalog: catalog(),
            assessment: &assessment,
            answers: &answers,
            prepared_at: at(),
        },
        extras,
    )
    .expect("workbook");
    (assessment, bytes)
}

fn is_date(d: &Data, expect: &str) -> bool {
    match d {
        Data::DateTime(x) => x
            .as_datetime()
            .is_some_and(|t| t.date().to_string() == expect),
        _ => false,
    }
}

#[test]
fn cover_says_who_what_when_and_how_ready() {
    let (assessment, bytes) = soc2_bytes(&WorkbookExtras::default());
    let mut wb = open(&bytes);
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
            RISK_SHEET,
            VENDOR_SHEET,
            CUEC_SHEET,
            POLICY_SHEET,
            PEOPLE_SHEET,
            REQUEST_SHEET,
        ]
    );
    assert_eq!(wb.sheet_names(), sheet_names(&assessment));
    let cover = wb.worksheet_range(COVER_SHEET).expect("cover");
    let value_of = |label: &str| -> Data {
        cover
            .rows()
            .find(|r| cell_text(&r[0]) == label)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(cell_text(&cover[(0, 0)]), "Preflight gap workbook");
    assert_eq!(
        value_of(labels::COMPANY),
        Data::String("=Acme+1 ☁️ שלום".into())
    );
    assert_eq!(
        value_of(labels::ASSESSMENT),
        Data::String("-FY26 readiness".into())
    );
    assert_eq!(
        value_of(labels::ASSESSMENT_ID),
        Data::String(assessment.id.to_string())
    );
    assert_eq!(
        value_of(labels::REPORT),
        Data::String("SOC 2 Type 2".into())
    );
    assert_eq!(
        value_of(labels::SCOPE),
        Data::String("Security, Availability".into())
    );
    assert_eq!(
        value_of("Excluded: Confidentiality"),
        Data::String("=We hold no customer data beyond contact details".into())
    );
    assert_eq!(
        value_of(labels::PREPARED_BY),
        Data::String("Preflight".into())
    );
    for (label, expect) in [
        (labels::OBSERVATION_START, "2026-01-01"),
        (labels::OBSERVATION_END, "2026-06-30"),
        (labels::PREPARED_ON, "2026-03-04"),
    ] {
        let v = value_of(label);
        assert!(
            is_date(&v, expect),
            "{label} is not the date {expect}: {v:?}"
        );
    }
    let questions = assessment.scope.questions(catalog()).count();
    assert_eq!(value_of(labels::QUESTIONS), Data::Float(questions as f64));
    assert_eq!(value_of(labels::ANSWERED), Data::Float(3.0));
    match value_of(labels::OVERALL) {
        Data::Float(p) => assert!(p > 0.0 && p < 1.0, "{p}"),
        other => panic!("readiness {other:?}"),
    }
    let high = match value_of(labels::GAPS_HIGH) {
        Data::Float(n) => n,
        other => panic!("{other:?}"),
    };
    assert!(
        high >= 2.0,
        "cc8 change review (No) and the unanswered ones"
    );
    assert_eq!(
        value_of(labels::RULE),
        Data::String(preflight_assessment::scoring::RULE.into())
    );
    // "How to read" names every sheet and asks for the auditor columns back.
    for sheet in sheet_names(&assessment) {
        assert!(
            matches!(value_of(sheet), Data::String(s) if !s.is_empty()),
            "{sheet} explained"
        );
    }
    match value_of(labels::FOR_THE_AUDITOR) {
        Data::String(s) => {
            assert!(s.contains("Auditor comment") && s.contains("Auditor status"));
            assert!(s.contains("send the file back"));
        }
        other => panic!("{other:?}"),
    }
    // A Type 1 cover says there is no observation period; the author can be named.
    let mut t1 = soc2();
    t1.scope.report_type = preflight_assessment::ReportType::Type1;
    t1.scope.observation = None;
    let bytes = to_bytes_with(
        &WorkbookInput {
            catalog: catalog(),
            assessment: &t1,
            answers: &[],
            prepared_at: at(),
        },
        &WorkbookExtras {
            prepared_by: Some("Dana (CTO)"),
            auditor: &[],
            ..Default::default()
        },
    )
    .expect("type 1");
    let cover = open(&bytes).worksheet_range(COVER_SHEET).expect("cover");
    let labels_seen: Vec<String> = cover.rows().map(|r| cell_text(&r[0])).collect();
    assert!(labels_seen.contains(&labels::OBSERVATION.to_string()));
    assert!(!labels_seen.contains(&labels::OBSERVATION_START.to_string()));
    assert!(cover
        .rows()
        .any(|r| cell_text(&r[0]) == labels::PREPARED_BY && cell_text(&r[1]) == "Dana (CTO)"));
    // Document properties.
    let core = zip_part(&bytes, "docProps/core.xml");
    assert!(core.contains("Dana (CTO)"), "author");
    assert!(core.contains("Gap workbook: -FY26 readiness"), "title");
    let app = zip_part(&bytes, "docProps/app.xml");
    assert!(app.contains("=Acme+1"), "company");
}

#[test]
fn readiness_sheet_has_a_row_per_criterion_colours_and_a_chart() {
    let (_, bytes) = soc2_bytes(&WorkbookExtras::default());
    let mut wb = open(&bytes);
    let r = wb.worksheet_range(READINESS_SHEET).expect("readiness");
    assert_eq!(
        header(&r),
        [
            "Criterion",
            "Series",
            "Title",
            "Questions",
            "Answered",
            "Readiness",
            "High gaps",
            "Medium gaps",
            "Low gaps",
            "Status"
        ]
    );
    assert_eq!(r.height() - 1, 33 + 3, "CC1-CC9 and A1.1-A1.3");
    let cc61 = r
        .rows()
        .find(|row| cell_text(&row[0]) == "CC6.1")
        .expect("CC6.1 row");
    assert_eq!(cell_text(&cc61[1]), "CC6");
    assert!(matches!(cc61[5], Data::Float(p) if (0.0..=1.0).contains(&p)));
    assert_eq!(cell_text(&cc61[9]), "Gaps");
    let sheet = zip_part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(sheet.contains("<colorScale>"), "colour scale on readiness");
    assert!(
        sheet.contains("<conditionalFormatting sqref=\"J2:J37\">"),
        "status colours"
    );
    assert!(sheet.contains("<drawing "), "the chart is placed");
    let chart = zip_part(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"));
    assert!(
        chart.contains("'Readiness by criterion'!$F$2:$F$37"),
        "{chart}"
    );
}

#[test]
fn questionnaire_has_answers_gaps_dates_and_auditor_columns() {
    let auditor = vec![AuditorEntry {
        question_id: "cc6-mfa".into(),
        comment: "=Seen the Okta policy".into(),
        status: Some(AuditorStatus::Agreed),
    }];
    let (assessment, bytes) = soc2_bytes(&WorkbookExtras {
        prepared_by: None,
        auditor: &auditor,
        ..Default::default()
    });
    let mut wb = open(&bytes);
    let q = wb
        .worksheet_range(QUESTIONNAIRE_SHEET)
        .expect("questionnaire");
    assert_eq!(
        header(&q),
        [
            "Question id",
            "Criteria",
            "Question",
            "Answer",
            "Note",
            "Severity",
            "Gap",
            "Gap reason",
            "Evidence references",
            "Answered on",
            "Auditor comment",
            "Auditor status"
        ]
    );
    let questions = assessment.scope.questions(catalog()).count();
    assert_eq!(q.height() - 1, questions);
    let row = |id: &str| {
        q.rows()
            .find(|r| cell_text(&r[0]) == id)
            .unwrap_or_else(|| panic!("row {id}"))
            .to_vec()
    };
    let mfa = row("cc6-mfa");
    assert_eq!(cell_text(&mfa[1]), "CC6.1");
    assert_eq!(cell_text(&mfa[3]), "Yes");
    assert_eq!(cell_text(&mfa[4]), "@everyone uses MFA");
    assert_eq!(cell_text(&mfa[6]), "No");
    assert!(is_date(&mfa[9], "2026-03-04"), "answered on: {:?}", mfa[9]);
    assert_eq!(cell_text(&mfa[10]), "=Seen the Okta policy");
    assert_eq!(cell_text(&mfa[11]), "Agreed");
    let change = row("cc8-change-review");
    assert_eq!(cell_text(&change[4]), "=1+1");
    assert_eq!(cell_text(&change[6]), "Yes");
    assert_eq!(cell_text(&change[7]), "Not in place");
    assert_eq!(cell_text(&change[10]), "");
    let coc = row("cc1-code-of-conduct");
    assert_eq!(cell_text(&coc[3]), "");
    assert_eq!(cell_text(&coc[4]), "+ask HR");
    assert_eq!(cell_text(&coc[7]), "Not answered yet");
    assert_eq!(coc[9], Data::Empty, "no date for an unanswered question");

    // The status column has a dropdown of the four statuses over every question row.
    let sheet = zip_part(&bytes, "xl/worksheets/sheet3.xml");
    let dv = format!("sqref=\"L2:L{}\"", questions + 1);
    assert!(
        sheet.contains("<dataValidation type=\"list\""),
        "validation"
    );
    assert!(sheet.contains(&dv), "validation range {dv}");
    assert!(sheet.contains("\"Agreed,Needs evidence,Not agreed,Not tested\""));
    // Header frozen, autofilter, header repeated when printed, landscape fit to width.
    assert!(
        sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
        "frozen header"
    );
    assert!(sheet.contains(&format!("<autoFilter ref=\"A1:L{}\"/>", questions + 1)));
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("Questionnaire!$1:$1"),
        "repeat header: {workbook}"
    );
    // Rows with long notes are taller than one line.
    assert!(sheet.contains("customHeight=\"1\""), "row heights are set");
}

#[test]
fn row_heights_follow_the_longest_wrapped_cell() {
    let (_, bytes) = soc2_bytes(&WorkbookExtras::default());
    let sheet = zip_part(&bytes, "xl/worksheets/sheet3.xml");
    let wb = open(&bytes);
    drop(wb);
    // Find the row of cc6-asset-inventory (its long note) and read its height.
    let heights: Vec<f64> = sheet
        .split("<row ")
        .skip(1)
        .filter_map(|r| {
            let ht = r.split("ht=\"").nth(1)?.split('"').next()?;
            ht.parse().ok()
        })
        .collect();
    let max = heights.iter().cloned().fold(0.0, f64::max);
    // The long note is ~500 characters in a 38-wide column: at least 8 lines of 11.25 pt.
    assert!(max >= 8.0 * 11.25, "tallest row {max}");
    assert!(max <= 409.0);
}

#[test]
fn gap_register_lists_every_gap_with_a_stable_id() {
    let (assessment, bytes) = soc2_bytes(&WorkbookExtras::default());
    let mut wb = open(&bytes);
    let g = wb.worksheet_range(GAP_REGISTER_SHEET).expect("gaps");
    assert_eq!(
        header(&g),
        [
            "Gap id",
            "Criteria",
            "Question",
            "What is missing",
            "Severity",
            "Evidence an auditor asks for",
            "Linked task",
            "Owner",
            "Due date",
            "Status"
        ]
    );
    let gaps = preflight_assessment::gap::gaps(catalog(), &assessment.scope, &soc2_answers());
    assert_eq!(g.height() - 1, gaps.len());
    let change = g
        .rows()
        .find(|r| cell_text(&r[0]) == "GAP-cc8-change-review")
        .expect("gap row");
    let guidance = &catalog().question("cc8-change-review").expect("q").guidance;
    assert!(cell_text(&change[3]).starts_with("Not in place. What Yes looks like: "));
    assert!(cell_text(&change[3]).ends_with(guidance.as_str()));
    assert_eq!(cell_text(&change[4]), "High");
    assert_eq!(cell_text(&change[6]), "", "no task yet");
    assert_eq!(cell_text(&change[9]), "Open");
    assert!(
        g.rows().all(|r| cell_text(&r[0]) != "GAP-cc6-mfa"),
        "Yes is no gap"
    );
    // Most severe first.
    let order: Vec<String> = g.rows().skip(1).map(|r| cell_text(&r[4])).collect();
    let rank = |s: &str| ["High", "Medium", "Low"].iter().position(|x| *x == s);
    assert!(
        order.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "{order:?}"
    );
}

#[test]
fn no_cell_anywhere_is_a_formula() {
    let (assessment, bytes) = soc2_bytes(&WorkbookExtras::default());
    let mut wb = open(&bytes);
    for sheet in sheet_names(&assessment) {
        let formulas = wb.worksheet_formula(sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
    for i in 1..=sheet_names(&assessment).len() {
        let xml = zip_part(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(!xml.contains("<f>"), "sheet{i} holds a formula");
    }
}

#[test]
fn soc1_has_its_objectives_sheet_and_soc2_does_not() {
    let a = soc1();
    let answers = vec![answer(
        catalog()
            .questions
            .iter()
            .find(|q| q.objectives.contains(&"ITGC-LA".to_string()))
            .map(|q| q.id.as_str())
            .expect("an ITGC-LA question"),
        Some(preflight_assessment::AnswerValue::No),
        "=nobody reviews access",
    )];
    let bytes = to_bytes(&WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &answers,
        prepared_at: at(),
    })
    .expect("soc1 workbook");
    let mut wb = open(&bytes);
    assert_eq!(
        wb.sheet_names(),
        vec![
            COVER_SHEET,
            READINESS_SHEET,
            QUESTIONNAIRE_SHEET,
            GAP_REGISTER_SHEET,
            REMEDIATION_SHEET,
            EVIDENCE_SHEET,
            SOC1_SHEET,
            RISK_SHEET,
            VENDOR_SHEET,
            CUEC_SHEET,
            POLICY_SHEET,
            PEOPLE_SHEET,
            REQUEST_SHEET,
        ],
        "SOC 1 Type 1: no recurring controls"
    );
    let s = wb.worksheet_range(SOC1_SHEET).expect("soc1");
    assert_eq!(
        header(&s),
        [
            "Objective",
            "Question id",
            "Objective statement or question",
            "Answer",
            "Note",
            "Gap"
        ]
    );
    let la = catalog().objective("ITGC-LA").expect("objective");
    let heading = s
        .rows()
        .find(|r| cell_text(&r[0]) == "ITGC-LA" && cell_text(&r[1]).is_empty())
        .expect("objective row");
    assert!(cell_text(&heading[2]).contains(&la.statement));
    assert!(s
        .rows()
        .any(|r| cell_text(&r[0]) == "ITGC-LA" && cell_text(&r[4]) == "=nobody reviews access"));
    assert!(s.rows().any(|r| cell_text(&r[0]) == "ITGC-CM"));
    let r = wb.worksheet_range(READINESS_SHEET).expect("readiness");
    assert_eq!(cell_text(&r[(0, 0)]), "Objective");
    assert_eq!(r.height() - 1, 2);
    let q = wb.worksheet_range(QUESTIONNAIRE_SHEET).expect("q");
    assert_eq!(cell_text(&q[(0, 1)]), "Objectives");
    let plan = wb.worksheet_range(REMEDIATION_SHEET).expect("plan");
    assert_eq!(cell_text(&plan[(0, 3)]), "Objectives");
    let formulas = wb.worksheet_formula(SOC1_SHEET).expect("formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn an_assessment_with_nothing_answered_still_writes_every_sheet() {
    let a = soc2();
    let bytes = to_bytes(&WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &[],
        prepared_at: at(),
    })
    .expect("workbook");
    let mut wb = open(&bytes);
    let g = wb.worksheet_range(GAP_REGISTER_SHEET).expect("gaps");
    assert_eq!(g.height() - 1, a.scope.questions(catalog()).count());
}
