//! The review commands as a user runs them: `import-review` reads a returned workbook into the
//! store (again: nothing changes), `workbook` writes the comments back, `csv` writes both CSVs.

mod support;

use std::path::Path;
use support::{err, new_soc2_type1, ok};

use chrono::Utc;
use preflight_store::Store;
use preflight_workbook::{
    to_bytes_with, AuditorEntry, AuditorStatus, WorkbookExtras, WorkbookInput,
};

/// A workbook as the auditor returns it: the export with the auditor columns filled.
fn returned_workbook(data: &Path, id: &str, entries: &[AuditorEntry]) -> Vec<u8> {
    let catalog = preflight_catalog::embedded().expect("catalog");
    let store = Store::open_dir(data).expect("store");
    let uuid = preflight_assessment::assessment::parse_id(id).expect("id");
    let a = store.assessment(uuid).expect("assessment");
    let answers = store.answers(uuid).expect("answers");
    to_bytes_with(
        &WorkbookInput {
            catalog,
            assessment: &a,
            answers: &answers,
            prepared_at: Utc::now(),
        },
        &WorkbookExtras {
            prepared_by: Some("Auditor"),
            auditor: entries,
            ..Default::default()
        },
    )
    .expect("workbook")
}

#[test]
fn import_review_saves_once_and_the_workbook_and_csv_carry_the_comments() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let id = new_soc2_type1(&data);
    ok(&data, &["answer", &id, "cc6-mfa", "yes", "--note", "=Okta"]);
    let file = home.path().join("reviewed.xlsx");
    let entries = vec![
        AuditorEntry {
            question_id: "cc6-mfa".into(),
            comment: "=Seen the policy".into(),
            status: Some(AuditorStatus::Agreed),
        },
        AuditorEntry {
            question_id: "cc8-change-review".into(),
            comment: "Tickets please".into(),
            status: Some(AuditorStatus::NeedsEvidence),
        },
    ];
    std::fs::write(&file, returned_workbook(&data, &id, &entries)).expect("write");
    let f = file.to_str().expect("path");

    let first = ok(&data, &["import-review", &id, f]);
    assert!(
        first
            .starts_with("reviewed.xlsx: 2 rows taken (2 new, 0 changed, 0 unchanged), 0 rejected"),
        "{first}"
    );
    assert!(
        first.contains("cc6-mfa  [Agreed]  =Seen the policy  (new)"),
        "{first}"
    );
    let second = ok(&data, &["import-review", &id, f]);
    assert!(
        second.contains("2 rows taken (0 new, 0 changed, 2 unchanged)"),
        "{second}"
    );

    let store = Store::open_dir(&data).expect("store");
    let uuid = preflight_assessment::assessment::parse_id(&id).expect("id");
    let comments = store.auditor_comments(uuid).expect("comments");
    assert_eq!(comments.len(), 2);
    let answers = store.answers(uuid).expect("answers");
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].note, "=Okta", "the user's answer is untouched");
    drop(store);

    // The next workbook carries the comments: reading it back takes the same rows.
    let out = home.path().join("next.xlsx");
    ok(
        &data,
        &[
            "workbook",
            &id,
            out.to_str().expect("path"),
            "--prepared-by",
            "Dana",
        ],
    );
    let catalog = preflight_catalog::embedded().expect("catalog");
    let store = Store::open_dir(&data).expect("store");
    let a = store.assessment(uuid).expect("assessment");
    let back = preflight_workbook::read_review_file(&out, catalog, &a).expect("reads");
    let mut ids: Vec<&str> = back.taken.iter().map(|t| t.question_id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["cc6-mfa", "cc8-change-review"]);
    drop(store);

    // CSV: both files, the comment text-safe.
    let dir = home.path().join("csv");
    let printed = ok(&data, &["csv", &id, dir.to_str().expect("path")]);
    assert_eq!(printed.lines().count(), 2, "{printed}");
    let csvs: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(csvs.len(), 2);
    let q = csvs
        .iter()
        .find(|p| p.to_string_lossy().ends_with("questionnaire.csv"))
        .expect("questionnaire csv");
    let text = std::fs::read_to_string(q).expect("read");
    assert!(text.contains("'=Seen the policy"), "comment quoted");
    assert!(text.contains("'=Okta"), "note quoted");
}

#[test]
fn import_review_refusals_are_clear() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let id = new_soc2_type1(&data);
    let other = new_soc2_type1(&data);

    let text = home.path().join("notes.xlsx");
    std::fs::write(&text, "not a workbook").expect("write");
    let e = err(&data, &["import-review", &id, text.to_str().expect("path")]);
    assert!(
        e.contains("error [review_not_xlsx]: notes.xlsx is not an .xlsx workbook"),
        "{e}"
    );

    let others = home.path().join("other.xlsx");
    std::fs::write(&others, returned_workbook(&data, &other, &[])).expect("write");
    let e = err(
        &data,
        &["import-review", &id, others.to_str().expect("path")],
    );
    assert!(e.contains("error [review_other_assessment]"), "{e}");

    let e = err(&data, &["import-review", &id, "/no/such/file.xlsx"]);
    assert!(e.contains("error [review_read]"), "{e}");
    let e = err(
        &data,
        &[
            "import-review",
            "00000000-0000-4000-8000-000000000000",
            others.to_str().expect("p"),
        ],
    );
    assert!(e.contains("error [unknown_assessment]"), "{e}");
}
