//! The whole round trip with the store: export, the auditor fills the workbook in another
//! program (columns moved), import saves the comments, importing again changes nothing, the
//! user's answers stay as they were, and the next export carries the comments back.

mod common;

use calamine::{Data, Reader};
use chrono::Utc;
use common::*;
use preflight_assessment::AnswerValue;
use preflight_store::review::NewComment;
use preflight_store::Store;
use preflight_workbook::{
    read_review, to_bytes_with, AuditorEntry, AuditorStatus, WorkbookExtras, WorkbookInput,
    QUESTIONNAIRE_SHEET,
};
use rust_xlsxwriter::Workbook;

fn export(store: &Store, id: uuid::Uuid) -> Vec<u8> {
    let a = store.assessment(id).expect("assessment");
    let answers = store.answers(id).expect("answers");
    let auditor: Vec<AuditorEntry> = store
        .auditor_comments(id)
        .expect("comments")
        .into_iter()
        .map(|c| AuditorEntry {
            question_id: c.question_id,
            comment: c.comment,
            status: c.status.as_deref().and_then(AuditorStatus::from_code),
        })
        .collect();
    to_bytes_with(
        &WorkbookInput {
            catalog: catalog(),
            assessment: &a,
            answers: &answers,
            prepared_at: Utc::now(),
        },
        &WorkbookExtras {
            prepared_by: None,
            auditor: &auditor,
            ..Default::default()
        },
    )
    .expect("workbook")
}

/// The auditor's copy: every sheet rewritten by "another program", the Questionnaire's columns
/// in reverse order, and the auditor columns filled for the given rows.
fn auditor_copy(bytes: &[u8], fill: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut wb = open(bytes);
    let mut out = Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let mut grid: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        if name == QUESTIONNAIRE_SHEET {
            for row in grid.iter_mut() {
                row.reverse();
            }
            let col = |h: &str| {
                grid[0]
                    .iter()
                    .position(|c| cell_text(c) == h)
                    .expect("column")
            };
            let (id_col, comment_col, status_col) = (
                col("Question id"),
                col("Auditor comment"),
                col("Auditor status"),
            );
            for (id, comment, status) in fill {
                let row = grid
                    .iter_mut()
                    .find(|r| cell_text(&r[id_col]) == *id)
                    .expect("row");
                row[comment_col] = Data::String((*comment).into());
                row[status_col] = Data::String((*status).into());
            }
        }
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        for (r, row) in grid.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Data::String(s) => {
                        ws.write_string(r as u32, c as u16, s).expect("cell");
                    }
                    Data::Float(f) => {
                        ws.write_number(r as u32, c as u16, *f).expect("cell");
                    }
                    _ => {}
                }
            }
        }
    }
    out.save_to_buffer().expect("save")
}

fn import(store: &mut Store, id: uuid::Uuid, bytes: &[u8]) -> preflight_store::review::SavedReview {
    let a = store.assessment(id).expect("assessment");
    let report = read_review(bytes, "reviewed.xlsx", catalog(), &a).expect("read");
    let entries: Vec<NewComment> = report
        .taken
        .iter()
        .map(|t| NewComment {
            question_id: t.question_id.clone(),
            comment: t.comment.clone(),
            status: t.status.map(|s| s.as_str().to_string()),
        })
        .collect();
    store
        .save_review(catalog(), id, &report.file_name, &entries)
        .expect("save")
}

#[test]
fn comments_go_out_come_back_and_go_out_again() {
    let mut store = Store::open_in_memory().expect("store");
    let a = soc2();
    store.create_assessment(&a).expect("create");
    store
        .save_answer(catalog(), a.id, "cc6-mfa", Some(AnswerValue::Yes), "=Okta")
        .expect("answer");
    store
        .save_answer(
            catalog(),
            a.id,
            "cc8-change-review",
            Some(AnswerValue::No),
            "",
        )
        .expect("answer");
    let answers_before = store.answers(a.id).expect("answers");

    let returned = auditor_copy(
        &export(&store, a.id),
        &[
            ("cc6-mfa", "=Seen the Okta policy", "Agreed"),
            (
                "cc8-change-review",
                "Need three change tickets",
                "Needs evidence",
            ),
        ],
    );
    let first = import(&mut store, a.id, &returned);
    assert_eq!(first.new.len(), 2, "{first:?}");
    let comments = store.auditor_comments(a.id).expect("comments");
    let mfa = comments
        .iter()
        .find(|c| c.question_id == "cc6-mfa")
        .expect("stored");
    assert_eq!(mfa.comment, "=Seen the Okta policy");
    assert_eq!(mfa.status.as_deref(), Some("agreed"));
    assert_eq!(mfa.source_file, "reviewed.xlsx");

    let second = import(&mut store, a.id, &returned);
    assert!(!second.wrote(), "{second:?}");
    assert_eq!(second.unchanged.len(), 2);
    assert_eq!(store.auditor_comments(a.id).expect("comments"), comments);
    assert_eq!(store.answers(a.id).expect("answers"), answers_before);

    // The next export writes the comments back into the auditor columns.
    let again = export(&store, a.id);
    let mut wb = open(&again);
    let q = wb.worksheet_range(QUESTIONNAIRE_SHEET).expect("q");
    let row = q
        .rows()
        .find(|r| cell_text(&r[0]) == "cc8-change-review")
        .expect("row");
    assert_eq!(cell_text(&row[10]), "Need three change tickets");
    assert_eq!(cell_text(&row[11]), "Needs evidence");
    let formulas = wb.worksheet_formula(QUESTIONNAIRE_SHEET).expect("f");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    // And reading that export back takes the same comments, unchanged.
    let third = import(&mut store, a.id, &again);
    assert_eq!(third.unchanged.len(), 2);
    assert!(!third.wrote());
}
