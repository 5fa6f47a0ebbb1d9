//! The remediation sheets keep the workbook's standards (frozen header, autofilter, widths,
//! fitted row heights, real dates, print setup, text never a formula), the gap register shows
//! the lead task, and a returned workbook with these sheets still imports.

mod common;

use calamine::{Data, Reader};
use common::*;
use preflight_assessment::Assessment;
use preflight_remediation::Duty;
use preflight_workbook::csv_export::gap_register_csv_with;
use preflight_workbook::remediation::short_id;
use preflight_workbook::{
    read_review, sheet_names, to_bytes, to_bytes_with, AuditorEntry, AuditorStatus, Remediation,
    WorkbookExtras, WorkbookInput, EVIDENCE_SHEET, GAP_REGISTER_SHEET, RECURRING_SHEET,
    REMEDIATION_SHEET,
};

fn sheet_xml(bytes: &[u8], a: &Assessment, sheet: &str) -> String {
    let i = sheet_names(a)
        .iter()
        .position(|s| *s == sheet)
        .expect("sheet present")
        + 1;
    zip_part(bytes, &format!("xl/worksheets/sheet{i}.xml"))
}

#[test]
fn new_sheets_keep_the_workbook_standards() {
    let a = soc2();
    let x = data(&a);
    let bytes = bytes_of(&a, &x);
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    for (sheet, header_row, columns, rows) in [
        (REMEDIATION_SHEET, 1, "O", 1 + x.tasks.len()),
        (
            EVIDENCE_SHEET,
            1,
            "I",
            1 + x.evidence.len() + x.removed.len(),
        ),
        (RECURRING_SHEET, 3, "I", 3 + Duty::ALL.len()),
    ] {
        let xml = sheet_xml(&bytes, &a, sheet);
        assert!(
            xml.contains(&format!(
                "<pane ySplit=\"{header_row}\" topLeftCell=\"A{}\"",
                header_row + 1
            )),
            "{sheet}: frozen header"
        );
        assert!(
            xml.contains(&format!(
                "<autoFilter ref=\"A{header_row}:{columns}{rows}\"/>"
            )),
            "{sheet}: autofilter over the table"
        );
        assert!(xml.contains("<cols>"), "{sheet}: column widths");
        assert!(xml.contains("orientation=\"landscape\""), "{sheet}");
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet}");
        assert!(xml.contains("&amp;A"), "{sheet}: sheet name in the footer");
        assert!(xml.contains("customHeight=\"1\""), "{sheet}: row heights");
        assert!(!xml.contains("<f>"), "{sheet} holds a formula");
        let repeat = format!("'{sheet}'!${header_row}:${header_row}");
        assert!(
            workbook.contains(&repeat),
            "{sheet}: header repeated: {repeat}"
        );
    }
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0\""), "size format");
    assert!(styles.contains("formatCode=\"yyyy-mm-dd\""), "date format");

    let mut wb = open(&bytes);
    for sheet in sheet_names(&a) {
        let formulas = wb.worksheet_formula(sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet}"
        );
    }
    // User text that looks like a formula stays text.
    let p = wb.worksheet_range(REMEDIATION_SHEET).expect("plan");
    let accepted = p
        .rows()
        .find(|r| cell_text(&r[7]) == "Risk accepted")
        .expect("row");
    assert_eq!(accepted[13], Data::String("=We accept it until Q3".into()));
    let e = wb.worksheet_range(EVIDENCE_SHEET).expect("evidence");
    assert_eq!(e[(1, 1)], Data::String("+policy.pdf".into()));
    assert_eq!(e[(1, 5)], Data::Float(1_234_567.0));
    assert!(
        matches!(e[(1, 4)], Data::DateTime(_)),
        "collected on is a date"
    );
    assert!(
        matches!(e[(3, 8)], Data::DateTime(_)),
        "removed on is a date"
    );
    let rc = wb.worksheet_range(RECURRING_SHEET).expect("recurring");
    assert!(rc
        .rows()
        .any(|r| r.get(8) == Some(&Data::String("2026-02-15: =reviewed all admins".into()))));
}

#[test]
fn the_gap_register_shows_the_lead_task_and_flags_its_passed_due_date() {
    let a = soc2();
    let x = data(&a);
    let bytes = bytes_of(&a, &x);
    let mut wb = open(&bytes);
    let g = wb.worksheet_range(GAP_REGISTER_SHEET).expect("gaps");
    let row = |id: &str| {
        g.rows()
            .find(|r| cell_text(&r[0]) == id)
            .expect("row")
            .to_vec()
    };
    let change = row("GAP-cc8-change-review");
    let late = &x.tasks[2];
    let later = &x.tasks[1];
    assert_eq!(
        cell_text(&change[6]),
        format!(
            "{} [{}] (To do)\n{} [{}] (In progress)",
            late.title,
            short_id(late.id),
            later.title,
            short_id(later.id)
        )
    );
    assert_eq!(cell_text(&change[7]), "Dana Ruiz");
    assert_eq!(cell_text(&change[9]), "To do");
    let coc = row("GAP-cc1-code-of-conduct");
    assert_eq!(cell_text(&coc[9]), "Risk accepted");
    // The overdue lead task's due date has the red format; the risk accepted one does not.
    let xml = sheet_xml(&bytes, &a, GAP_REGISTER_SHEET);
    let style_of = |gap: &str| -> String {
        let n = g.rows().position(|r| cell_text(&r[0]) == gap).expect("row") + 1;
        let cell = format!("<c r=\"I{n}\" s=\"");
        xml.split(&cell)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("no due date cell I{n}"))
            .to_string()
    };
    assert_ne!(
        style_of("GAP-cc8-change-review"),
        style_of("GAP-cc1-code-of-conduct")
    );
    assert!(
        xml.contains("<conditionalFormatting sqref=\"J2:"),
        "status colours"
    );

    // The CSV twin carries the same columns.
    let csv = String::from_utf8(
        gap_register_csv_with(
            &WorkbookInput {
                catalog: catalog(),
                assessment: &a,
                answers: &soc2_answers(),
                prepared_at: at(),
            },
            &WorkbookExtras {
                remediation: Remediation {
                    tasks: &x.tasks,
                    ..Remediation::default()
                },
                ..WorkbookExtras::default()
            },
        )
        .expect("csv"),
    )
    .expect("utf-8");
    assert!(csv.contains(",Dana Ruiz,2026-02-01,To do\r\n"), "{csv}");
    assert!(csv.contains(",Sam Lee,2026-02-01,Risk accepted\r\n"));
}

#[test]
fn a_type_2_workbook_without_remediation_data_still_lists_the_duties() {
    let a = soc2();
    let bytes = to_bytes(&WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &[],
        prepared_at: at(),
    })
    .expect("workbook");
    let mut wb = open(&bytes);
    assert_eq!(wb.sheet_names(), sheet_names(&a));
    let rc = wb.worksheet_range(RECURRING_SHEET).expect("recurring");
    let access = rc
        .rows()
        .find(|r| cell_text(&r[0]) == "User access review")
        .expect("row");
    // 2026-01-01 to 2026-06-30: two quarters, nothing done.
    assert_eq!(access[3], Data::Float(2.0));
    assert_eq!(access[4], Data::Float(0.0));
    assert_eq!(access[5], Data::Float(2.0));
    let p = wb.worksheet_range(REMEDIATION_SHEET).expect("plan");
    assert_eq!(p.height(), 1, "header only");
    let g = wb.worksheet_range(GAP_REGISTER_SHEET).expect("gaps");
    assert!(g.rows().skip(1).all(|r| cell_text(&r[9]) == "Open"));
}

#[test]
fn a_returned_workbook_with_the_new_sheets_imports() {
    let a = soc2();
    let x = data(&a);
    let cal = x.calendar(&a);
    let auditor = vec![AuditorEntry {
        question_id: "cc8-change-review".into(),
        comment: "Two tasks open; one overdue.".into(),
        status: Some(AuditorStatus::NeedsEvidence),
    }];
    let bytes = to_bytes_with(
        &WorkbookInput {
            catalog: catalog(),
            assessment: &a,
            answers: &soc2_answers(),
            prepared_at: at(),
        },
        &WorkbookExtras {
            prepared_by: None,
            auditor: &auditor,
            remediation: x.remediation(cal.as_ref()),
            registers: Default::default(),
            requests: &[],
        },
    )
    .expect("workbook");
    let report = read_review(&bytes, "back.xlsx", catalog(), &a).expect("import");
    assert_eq!(report.entries(), auditor);
    assert!(report.rejected.is_empty());
}

#[test]
fn cells_listing_more_than_a_cell_holds_are_cut_and_the_workbook_is_written() {
    let a = soc2();
    let mut x = data(&a);
    // Two duty notes of 20,000 characters: 40,000 together in the Notes cell.
    for day in ["2026-04-01", "2026-05-01"] {
        let mut o = x.occurrences[0].clone();
        o.id = uuid::Uuid::new_v4();
        o.done_on = d(day);
        o.note = "n".repeat(20_000);
        x.occurrences.push(o);
    }
    // A note of emoji at the length limit: 32,000 characters, 64,000 UTF-16 units.
    x.tasks[0].notes = "😀".repeat(32_000);
    let bytes = bytes_of(&a, &x);
    let mut wb = open(&bytes);
    let rc = wb.worksheet_range(RECURRING_SHEET).expect("recurring");
    let notes = rc
        .rows()
        .find(|r| cell_text(&r[0]) == "User access review")
        .map(|r| cell_text(&r[8]))
        .expect("row");
    assert!(notes.ends_with(preflight_workbook::cells::CUT_MARK));
    assert!(notes.starts_with("2026-02-15: =reviewed all admins\n2026-04-01: nnn"));
    let p = wb.worksheet_range(REMEDIATION_SHEET).expect("plan");
    assert!(p.rows().any(|r| cell_text(&r[14]).starts_with("😀😀")
        && cell_text(&r[14]).ends_with(preflight_workbook::cells::CUT_MARK)));
}
