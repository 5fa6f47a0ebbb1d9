//! Fuzzing the reader of the auditor's returned workbook ([`read_review`]): whatever bytes
//! arrive, it never panics; a refused file gets an error with a code and a message; a file it
//! reads reports each filled row as taken or rejected with a reason, and takes only known,
//! in-scope questions, once each, with a status Preflight knows and a comment of allowed length.
//!
//! The cases, from a fixed seed: arbitrary bytes (with and without the zip signature), byte
//! edits of a real exported workbook (cuts, flips, hostile text inserted: mostly refused as a
//! damaged zip), and, most of them, edits inside the parts of a returned workbook (the sheets,
//! shared strings, workbook and relationships XML, edited as text with formulas, emoji,
//! right-to-left text, NUL bytes, huge cells, out-of-range cell references and string indexes,
//! parts removed) zipped again.
//!
//! [`CASES`] says how many cases and what they cost.

use preflight_fuzz as fuzz_support;

use std::cell::Cell;
use std::collections::HashSet;
use std::io::{Cursor, Read, Write};

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{TimeZone, Utc};
use fuzz_support::{apply, config, edit, hostile, Edit};
use preflight_assessment::{
    Answer, AnswerValue, Assessment, NewAssessment, ObservationPeriod, ReportKind, ReportType,
    Scope,
};
use preflight_catalog::Catalog;
use preflight_workbook::import::{read_review, MAX_COMMENT_CHARS};
use preflight_workbook::{
    to_bytes, AuditorStatus, WorkbookInput, COVER_SHEET, QUESTIONNAIRE_SHEET, REQUEST_SHEET,
};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use rust_xlsxwriter::Workbook;

/// 100,000 cases; one costs about 0.8 ms in a debug build (a zip written and a workbook read),
/// so the test takes 80 to 90 s, with the xlsx parser and its zip and XML crates built
/// optimized in debug (see the workspace Cargo.toml; overflow checks stay on).
const CASES: u32 = 100_000;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn assessment() -> Assessment {
    NewAssessment {
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
    .build(catalog(), fixed_time())
    .expect("valid")
}

fn export(a: &Assessment) -> Vec<u8> {
    let answered_at = Utc
        .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time");
    let answers = vec![
        Answer {
            question_id: "cc6-mfa".into(),
            value: Some(AnswerValue::Yes),
            note: "@everyone uses MFA".into(),
            answered_at,
        },
        Answer {
            question_id: "cc8-change-review".into(),
            value: Some(AnswerValue::No),
            note: "=1+1".into(),
            answered_at,
        },
    ];
    to_bytes(&WorkbookInput {
        catalog: catalog(),
        assessment: a,
        answers: &answers,
        prepared_at: answered_at,
    })
    .expect("workbook")
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// A returned workbook as an auditor's program writes it, kept small so a case is cheap: the
/// Cover sheet, the first questionnaire rows and request items with the auditor columns filled
/// (good rows, and rows to reject).
fn returned(a: &Assessment) -> Vec<u8> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(export(a))).expect("xlsx");
    let statuses = AuditorStatus::labels();
    let mut out = Workbook::new();
    for (name, keep) in [
        (COVER_SHEET, 60),
        (QUESTIONNAIRE_SHEET, 14),
        (REQUEST_SHEET, 8),
    ] {
        let range = wb.worksheet_range(name).expect("sheet");
        let mut grid: Vec<Vec<Data>> = range.rows().take(keep).map(|r| r.to_vec()).collect();
        if name != COVER_SHEET {
            let header: Vec<String> = grid[0].iter().map(text).collect();
            let col = |h: &str| header.iter().position(|x| x == h).expect("column");
            let (c, s) = (col("Auditor comment"), col("Auditor status"));
            if name == REQUEST_SHEET {
                // The request items of this scope, as the store would list them.
                let items = preflight_requests::items().expect("items");
                let id = col("Request id");
                for l in preflight_requests::request_list(catalog(), &a.scope, items)
                    .into_iter()
                    .take(keep - 1)
                {
                    let mut row = vec![Data::Empty; header.len()];
                    row[id] = Data::String(l.item.id.clone());
                    grid.push(row);
                }
                grid.push(vec![Data::Empty; header.len()]);
                grid.last_mut().expect("row")[id] = Data::String("no-such-item".into());
            }
            for (i, row) in grid.iter_mut().enumerate().skip(1) {
                row[c] = Data::String(format!("=Seen {i} ☁️ \u{202e}שלום"));
                row[s] = Data::String(statuses[i % statuses.len()].to_string());
            }
            grid[3][s] = Data::String("Maybe".into());
        }
        let ws = out.add_worksheet();
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
                    _ => {}
                }
            }
        }
    }
    out.save_to_buffer().expect("save")
}

/// The parts of a zip, uncompressed.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("part");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read part");
            (f.name().expect("part name").to_string(), data)
        })
        .collect()
}

/// Zips parts again, stored (no compression: cheap, and the edits reach the XML reader).
fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        w.start_file(name.as_str(), options).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// XML that a hand-edited or hostile workbook may hold.
fn xml_snippet() -> impl Strategy<Value = Vec<u8>> {
    let fixed: Vec<&'static str> = vec![
        "<c r=\"XFD1048576\" t=\"s\"><v>0</v></c>",
        "<c r=\"A1048576\"><v>1</v></c>",
        "<c r=\"ZZZZZ99999999999\"><v>1</v></c>",
        "<c r=\"A0\"><v>1</v></c>",
        "<c r=\"B2\" t=\"s\"><v>99999999</v></c>",
        "<c r=\"B2\" t=\"s\"><v>-1</v></c>",
        "<c r=\"B2\" t=\"inlineStr\"><is><t>=HYPERLINK(\"x\")</t></is></c>",
        "<c r=\"B2\" t=\"e\"><v>#REF!</v></c>",
        "<c r=\"B2\" t=\"b\"><v>2</v></c>",
        "<c r=\"B2\" t=\"d\"><v>not a date</v></c>",
        "<c r=\"B2\" s=\"9999\"><v>1e308</v></c>",
        "<c r=\"B2\"><f>SUM(A1:A9)</f><v>3</v></c>",
        "<row r=\"4294967295\">",
        "<row r=\"0\">",
        "<dimension ref=\"A1:XFD1048576\"/>",
        "<si><t>Auditor comment</t></si>",
        "<si><t>Question id</t></si>",
        "<si><t>Auditor status</t></si>",
        "<si><r><t>rich</t></r><r><t xml:space=\"preserve\"> text</t></r></si>",
        "<sheet name=\"Cover\" sheetId=\"9\" r:id=\"rId99\"/>",
        "<sheet name=\"Questionnaire\" sheetId=\"1\" r:id=\"rId1\"/>",
        "<Relationship Id=\"rId1\" Target=\"/xl/worksheets/nope.xml\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>",
        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>",
        "&b;",
        "<![CDATA[<c>]]>",
        "</sheetData>",
        "<sheetData>",
        "</worksheet>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        "\u{0}",
        "&#0;",
        "&#xD800;",
        "&#1114112;",
        "00000000-0000-0000-0000-000000000000",
        "cc6-mfa",
        "Agreed",
    ];
    prop_oneof![
        3 => proptest::sample::select(fixed).prop_map(|s| s.as_bytes().to_vec()),
        2 => hostile(),
    ]
}

fn xml_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => edit(),
        2 => (any::<usize>(), xml_snippet()).prop_map(|(i, b)| Edit::Insert(i, b)),
    ]
}

/// A returned workbook with one to four parts edited as text, perhaps one part left out.
fn part_edits(parts: Vec<(String, Vec<u8>)>) -> impl Strategy<Value = Vec<u8>> {
    let n = parts.len();
    (
        proptest::collection::vec((0..n, proptest::collection::vec(xml_edit(), 1..4)), 1..4),
        proptest::option::weighted(0.1, 0..n),
    )
        .prop_map(move |(edits, drop)| {
            let mut parts = parts.clone();
            for (i, e) in edits {
                parts[i].1 = apply(&parts[i].1, &e);
            }
            if let Some(d) = drop {
                parts.remove(d);
            }
            zip_parts(&parts)
        })
}

/// The returned workbook with one part's text replaced.
fn with_part(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    let mut p = parts(bytes);
    let data = &mut p.iter_mut().find(|(n, _)| n == part).expect("part").1;
    let text = String::from_utf8(data.clone()).expect("xml");
    assert!(text.contains(from), "{part} has no {from}");
    *data = text.replacen(from, to, 1).into_bytes();
    zip_parts(&p)
}

/// Found by the fuzzer: the xlsx reader panicked on an overlong cell reference, and would
/// have built the whole used area of a sheet in memory (17 billion cells for a value in A1
/// and one in XFD1048576). Both are refused now, quickly.
#[test]
fn far_apart_cells_and_overlong_references_are_refused() {
    let a = assessment();
    let small = returned(&a);
    let sheet = parts(&small)
        .into_iter()
        .map(|(n, _)| n)
        .find(|n| n.starts_with("xl/worksheets/sheet2"))
        .expect("the questionnaire part");
    for (cell, words) in [
        ("<c r=\"XFD1048576\"><v>1</v></c>", "rows and"),
        ("<c r=\"ZZZZZ99999999999\"><v>1</v></c>", "sheet"),
        ("<c r=\"A1048577\"><v>1</v></c>", "outside Excel's grid"),
    ] {
        let bad = with_part(
            &small,
            &sheet,
            "</row></sheetData>",
            &format!("</row><row>{cell}</row></sheetData>"),
        );
        let e = read_review(&bad, "returned.xlsx", catalog(), &a).expect_err(cell);
        assert_eq!(e.code(), "review_unreadable", "{e}");
        assert!(e.to_string().contains(words), "{e}");
    }
}

#[test]
fn returned_workbook_reader_never_panics_and_refuses_clearly() {
    let a = assessment();
    let real = export(&a);
    let small = returned(&a);
    let seed = read_review(&small, "returned.xlsx", catalog(), &a).expect("the seed reads");
    assert!(
        !seed.taken.is_empty() && !seed.rejected.is_empty(),
        "{seed:#?}"
    );
    assert!(!seed.requests_taken.is_empty(), "{seed:#?}");
    read_review(&real, "export.xlsx", catalog(), &a).expect("the export reads");
    let small_parts = parts(&small);

    let strategy = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..256),
        1 => proptest::collection::vec(any::<u8>(), 0..256).prop_map(|b| [b"PK\x03\x04".as_slice(), &b].concat()),
        2 => fuzz_support::mutated(small.clone()),
        12 => part_edits(small_parts),
    ];
    let statuses: HashSet<&str> = AuditorStatus::labels().into_iter().collect();
    let (read, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config(CASES));
    let result = runner.run(&strategy, |bytes| {
        match read_review(&bytes, "returned.xlsx", catalog(), &a) {
            Ok(report) => {
                read.set(read.get() + 1);
                let mut seen = HashSet::new();
                for t in &report.taken {
                    let q = catalog().question(&t.question_id);
                    prop_assert!(q.is_some_and(|q| a.scope.applies(catalog(), q)), "{:?}", t);
                    prop_assert!(seen.insert(t.question_id.clone()), "taken twice: {:?}", t);
                    prop_assert!(t.comment.chars().count() <= MAX_COMMENT_CHARS);
                    prop_assert!(t.status.is_none_or(|s| statuses.contains(s.label())));
                }
                for r in report.rejected.iter().chain(&report.requests_rejected) {
                    prop_assert!(!r.reason.code().is_empty() && !r.message.trim().is_empty());
                }
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                prop_assert!(!e.code().is_empty());
                prop_assert!(!e.to_string().trim().is_empty());
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!("read {}, refused {}", read.get(), refused.get());
    assert!(read.get() > CASES / 5 && refused.get() > CASES / 10);
}

/// A fixed clock for the seeds, so the same cases run every time.
fn fixed_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time")
}
