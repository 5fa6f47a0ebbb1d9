//! The CSV files: same rows as the sheets, readable by a CSV reader, and safe to open in a
//! spreadsheet (no cell starts like a formula).

mod common;

use common::*;
use preflight_workbook::csv_export::{gap_register_csv, questionnaire_csv, write_csv};
use preflight_workbook::{AuditorEntry, AuditorStatus, WorkbookExtras, WorkbookInput};

fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(
        bytes.starts_with("\u{FEFF}".as_bytes()),
        "UTF-8 byte order mark"
    );
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.expect("record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn questionnaire_and_gap_register_as_csv() {
    let a = soc2();
    let answers = soc2_answers();
    let input = WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &answers,
        prepared_at: at(),
    };
    let auditor = vec![AuditorEntry {
        question_id: "cc6-mfa".into(),
        comment: "@auditor: seen".into(),
        status: Some(AuditorStatus::Agreed),
    }];
    let extras = WorkbookExtras {
        prepared_by: None,
        auditor: &auditor,
        ..Default::default()
    };
    let q = records(&questionnaire_csv(&input, &extras).expect("csv"));
    assert_eq!(q[0][0], "Question id");
    assert_eq!(q[0][9], "Answered on");
    assert_eq!(q[0][11], "Auditor status");
    assert_eq!(q.len() - 1, a.scope.questions(catalog()).count());
    let row = |id: &str| q.iter().find(|r| r[0] == id).expect("row").clone();
    let mfa = row("cc6-mfa");
    assert_eq!(mfa[4], "'@everyone uses MFA");
    assert_eq!(mfa[9], "2026-03-04");
    assert_eq!(mfa[10], "'@auditor: seen");
    assert_eq!(mfa[11], "Agreed");
    assert_eq!(row("cc8-change-review")[4], "'=1+1");
    assert_eq!(row("cc1-code-of-conduct")[4], "'+ask HR");
    assert!(row("cc6-asset-inventory")[4].starts_with("'-A long note"));
    for r in &q {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "unsafe cell {cell:?}"
            );
        }
    }

    let g = records(&gap_register_csv(&input).expect("csv"));
    assert_eq!(g[0][0], "Gap id");
    let gaps = preflight_assessment::gap::gaps(catalog(), &a.scope, &answers);
    assert_eq!(g.len() - 1, gaps.len());
    let change = g
        .iter()
        .find(|r| r[0] == "GAP-cc8-change-review")
        .expect("gap");
    assert_eq!(change[4], "High");
    assert_eq!(change[9], "Open");

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("exports");
    let paths = write_csv(&input, &extras, &out).expect("files");
    assert_eq!(paths.len(), 2);
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "FY26 readiness questionnaire.csv",
            "FY26 readiness gap register.csv"
        ]
    );
    assert_eq!(
        std::fs::read(&paths[0]).expect("read"),
        questionnaire_csv(&input, &extras).expect("csv")
    );
    assert!(std::fs::read_dir(&out).expect("dir").all(|e| !e
        .expect("entry")
        .file_name()
        .to_string_lossy()
        .ends_with(".partial")));
}
