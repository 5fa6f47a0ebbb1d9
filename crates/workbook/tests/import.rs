//! The auditor's comments come back in: a returned workbook made as an auditor would (the
//! export read and written again by another program, columns moved, auditor columns filled),
//! and every way a file or a row is refused.

mod common;

use calamine::{Data, Reader};
use common::*;
use preflight_assessment::Assessment;
use preflight_workbook::import::{read_review, ImportError, RejectReason};
use preflight_workbook::{
    to_bytes, AuditorStatus, WorkbookInput, COVER_SHEET, QUESTIONNAIRE_SHEET,
};
use rust_xlsxwriter::Workbook;

type Grid = Vec<Vec<Data>>;

fn export(a: &Assessment) -> Vec<u8> {
    to_bytes(&WorkbookInput {
        catalog: catalog(),
        assessment: a,
        answers: &soc2_answers(),
        prepared_at: at(),
    })
    .expect("workbook")
}

/// Every sheet of a workbook as a grid of cells.
fn read_all(bytes: &[u8]) -> Vec<(String, Grid)> {
    let mut wb = open(bytes);
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let r = wb.worksheet_range(&name).expect("sheet");
            let grid = r.rows().map(|row| row.to_vec()).collect();
            (name, grid)
        })
        .collect()
}

/// Writes sheets as another program would: a fresh .xlsx with the same values.
fn write_all(sheets: &[(String, Grid)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, grid) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        for (r, row) in grid.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(s) => {
                        ws.write_string(r, c, s).expect("string");
                    }
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).expect("number");
                    }
                    Data::DateTime(d) => {
                        ws.write_number(r, c, d.as_f64()).expect("date");
                    }
                    _ => {}
                }
            }
        }
    }
    wb.save_to_buffer().expect("save")
}

fn sheet<'a>(sheets: &'a mut [(String, Grid)], name: &str) -> &'a mut Grid {
    &mut sheets.iter_mut().find(|(n, _)| n == name).expect("sheet").1
}

fn col(grid: &Grid, header: &str) -> usize {
    grid[0]
        .iter()
        .position(|c| cell_text(c) == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn set(grid: &mut Grid, id: &str, column: &str, value: &str) {
    let c = col(grid, column);
    let id_col = col(grid, "Question id");
    let row = grid
        .iter_mut()
        .find(|r| cell_text(&r[id_col]) == id)
        .unwrap_or_else(|| panic!("row {id}"));
    row[c] = Data::String(value.into());
}

/// Moves a column to the front.
fn move_to_front(grid: &mut Grid, header: &str) {
    let c = col(grid, header);
    for row in grid.iter_mut() {
        let cell = row.remove(c);
        row.insert(0, cell);
    }
}

fn push_row(grid: &mut Grid, cells: &[(&str, &str)]) -> u32 {
    let width = grid[0].len();
    let mut row = vec![Data::Empty; width];
    for (header, value) in cells {
        row[col(grid, header)] = Data::String((*value).into());
    }
    grid.push(row);
    grid.len() as u32
}

#[test]
fn auditor_comments_come_back_with_columns_moved() {
    let a = soc2();
    let mut sheets = read_all(&export(&a));
    let q = sheet(&mut sheets, QUESTIONNAIRE_SHEET);
    // The auditor moved the two auditor columns to the front and filled some rows.
    move_to_front(q, "Auditor comment");
    move_to_front(q, "Auditor status");
    set(q, "cc6-mfa", "Auditor comment", "=Seen the Okta policy");
    set(q, "cc6-mfa", "Auditor status", "Agreed");
    set(
        q,
        "cc8-change-review",
        "Auditor comment",
        "Show three change tickets",
    );
    set(q, "cc8-change-review", "Auditor status", " needs EVIDENCE ");
    set(
        q,
        "cc1-code-of-conduct",
        "Auditor comment",
        "Only a comment",
    );
    set(q, "cc6-asset-inventory", "Auditor status", "Not tested");
    // And some rows Preflight must refuse.
    set(q, "a1-backups-restored", "Auditor status", "Maybe");
    let unknown = push_row(
        q,
        &[("Question id", "cc6-made-up"), ("Auditor comment", "?")],
    );
    let out_of_scope = push_row(
        q,
        &[
            ("Question id", "c1-confidential-data"),
            ("Auditor status", "Agreed"),
        ],
    );
    let empty_id = push_row(q, &[("Auditor comment", "Who is this about?")]);
    let duplicate = push_row(
        q,
        &[("Question id", "cc6-mfa"), ("Auditor status", "Not agreed")],
    );
    let bytes = write_all(&sheets);

    let report = read_review(&bytes, "back from CPA.xlsx", catalog(), &a).expect("read");
    assert_eq!(report.file_name, "back from CPA.xlsx");
    assert_eq!(report.assessment_id, a.id.to_string());
    let taken: Vec<(&str, &str, Option<AuditorStatus>)> = report
        .taken
        .iter()
        .map(|t| (t.question_id.as_str(), t.comment.as_str(), t.status))
        .collect();
    let expect = [
        (
            "cc6-mfa",
            "=Seen the Okta policy",
            Some(AuditorStatus::Agreed),
        ),
        (
            "cc8-change-review",
            "Show three change tickets",
            Some(AuditorStatus::NeedsEvidence),
        ),
        ("cc1-code-of-conduct", "Only a comment", None),
        ("cc6-asset-inventory", "", Some(AuditorStatus::NotTested)),
    ];
    for e in expect {
        assert!(taken.contains(&e), "{e:?} not in {taken:?}");
    }
    assert_eq!(taken.len(), expect.len());
    let mfa_row = report
        .taken
        .iter()
        .find(|t| t.question_id == "cc6-mfa")
        .expect("mfa")
        .row;
    assert!(mfa_row > 1, "a spreadsheet row number");

    let reasons: Vec<(u32, RejectReason)> =
        report.rejected.iter().map(|r| (r.row, r.reason)).collect();
    assert!(
        reasons.contains(&(unknown, RejectReason::UnknownQuestion)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&(out_of_scope, RejectReason::OutOfScope)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&(empty_id, RejectReason::EmptyId)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&(duplicate, RejectReason::Duplicate)),
        "{reasons:?}"
    );
    let maybe = report
        .rejected
        .iter()
        .find(|r| r.reason == RejectReason::InvalidStatus)
        .expect("invalid status");
    assert_eq!(maybe.question_id, "a1-backups-restored");
    assert!(
        maybe.message.contains("\"Maybe\" is not an auditor status"),
        "{}",
        maybe.message
    );
    assert!(maybe.message.contains("Needs evidence"));
    assert_eq!(report.rejected.len(), 5);
    let questions = a.scope.questions(catalog()).count();
    assert_eq!(report.blank_rows, questions - 5, "the rows nobody touched");
    for r in &report.rejected {
        assert!(
            r.message.starts_with(&format!("Row {}", r.row)),
            "{}",
            r.message
        );
    }
}

#[test]
fn the_export_itself_reads_back_with_nothing_to_take() {
    let a = soc2();
    let report = read_review(&export(&a), "out.xlsx", catalog(), &a).expect("read");
    assert!(report.taken.is_empty() && report.rejected.is_empty());
    assert_eq!(report.blank_rows, a.scope.questions(catalog()).count());
}

fn refused(bytes: &[u8], a: &Assessment) -> ImportError {
    read_review(bytes, "back.xlsx", catalog(), a).expect_err("refused")
}

#[test]
fn files_that_are_not_xlsx_are_refused() {
    let a = soc2();
    let e = refused(b"question,comment\ncc6-mfa,fine\n", &a);
    assert_eq!(e.code(), "review_not_xlsx");
    assert!(
        e.to_string().contains("back.xlsx is not an .xlsx workbook"),
        "{e}"
    );
    assert!(e
        .to_string()
        .contains("save it as an Excel workbook (.xlsx)"));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 512]);
    let e = refused(&ole, &a);
    assert_eq!(e.code(), "review_not_xlsx");
    assert!(e.to_string().contains("old-style .xls"), "{e}");
    // A zip that is not a workbook (say an .odt renamed).
    let mut zip_bytes = Vec::new();
    {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut zip_bytes));
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .expect("file");
        std::io::Write::write_all(&mut z, b"hi").expect("write");
        z.finish().expect("finish");
    }
    assert_eq!(refused(&zip_bytes, &a).code(), "review_not_xlsx");
    assert_eq!(refused(&[], &a).code(), "review_not_xlsx");
}

#[test]
fn renamed_or_missing_sheets_are_refused() {
    let a = soc2();
    let mut sheets = read_all(&export(&a));
    sheets
        .iter_mut()
        .find(|(n, _)| n == QUESTIONNAIRE_SHEET)
        .expect("q")
        .0 = "Questions (reviewed)".into();
    let e = refused(&write_all(&sheets), &a);
    assert_eq!(e.code(), "review_missing_sheet");
    assert!(
        e.to_string().contains("has no \"Questionnaire\" sheet"),
        "{e}"
    );
    assert!(e.to_string().contains("\"Questions (reviewed)\""), "{e}");

    let mut sheets = read_all(&export(&a));
    sheets.retain(|(n, _)| n != COVER_SHEET);
    let e = refused(&write_all(&sheets), &a);
    assert_eq!(e.code(), "review_missing_sheet");
    assert!(e.to_string().contains("\"Cover\""), "{e}");

    // A sheet name in another case is still found.
    let mut sheets = read_all(&export(&a));
    sheets[2].0 = "QUESTIONNAIRE".into();
    assert!(read_review(&write_all(&sheets), "x.xlsx", catalog(), &a).is_ok());
}

#[test]
fn another_assessments_workbook_is_refused() {
    let a = soc2();
    let other = soc2();
    let e = refused(&export(&other), &a);
    assert_eq!(e.code(), "review_other_assessment");
    let msg = e.to_string();
    assert!(
        msg.contains(&other.id.to_string()) && msg.contains(&a.id.to_string()),
        "{msg}"
    );
    assert!(msg.contains("Import it into the assessment it was exported from"));

    // A cover whose id was cleared says so.
    let mut sheets = read_all(&export(&a));
    let cover = sheet(&mut sheets, COVER_SHEET);
    for row in cover.iter_mut() {
        if cell_text(&row[0]) == "Assessment id" {
            row[1] = Data::Empty;
        }
    }
    let e = refused(&write_all(&sheets), &a);
    assert_eq!(e.code(), "review_no_assessment_id");
}

#[test]
fn a_missing_auditor_column_is_refused() {
    let a = soc2();
    let mut sheets = read_all(&export(&a));
    let q = sheet(&mut sheets, QUESTIONNAIRE_SHEET);
    let c = col(q, "Auditor status");
    q[0][c] = Data::String("Status".into());
    let e = refused(&write_all(&sheets), &a);
    assert_eq!(e.code(), "review_missing_column");
    assert!(
        e.to_string().contains("no \"Auditor status\" column"),
        "{e}"
    );
}

#[test]
fn files_on_disk_are_read_and_missing_ones_reported() {
    let a = soc2();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("returned.xlsx");
    std::fs::write(&path, export(&a)).expect("write");
    let report =
        preflight_workbook::read_review_file(&path, catalog(), &a).expect("read from disk");
    assert_eq!(report.file_name, "returned.xlsx");
    let e = preflight_workbook::read_review_file(&dir.path().join("nope.xlsx"), catalog(), &a)
        .expect_err("missing");
    assert_eq!(e.code(), "review_read");
}
