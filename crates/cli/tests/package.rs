//! The evidence package: request items with their files (hashes checked on the way), the
//! index, the gap workbook with its Request list, and the system description, read back from
//! the zip; a tampered file or a folder that cannot be written stops it with nothing left
//! behind; the auditor's request comments come back through the review import.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::{NaiveDate, Utc};
use preflight_assessment::{NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_remediation::EvidenceTarget;
use preflight_store::evidence::AttachRequest;
use preflight_store::requests::RequestEdit;
use preflight_store::Store;
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn setup(data: &Path) -> (Store, Uuid, Uuid, String) {
    let mut s = Store::open_dir(data).expect("open");
    let a = NewAssessment {
        name: Some("FY26".into()),
        company: "Acme".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec![],
            objectives: vec![],
            observation: Some(ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("p")),
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    let src = data.join("mfa-setting.png");
    std::fs::write(&src, b"screenshot bytes").expect("src");
    let e = s
        .attach_evidence(
            catalog(),
            data,
            &AttachRequest {
                assessment_id: a.id,
                target: EvidenceTarget::Question {
                    question_id: "cc6-mfa".into(),
                },
                source: src,
                collected_on: NaiveDate::from_ymd_opt(2026, 7, 1).expect("d"),
            },
            &mut |_, _| {},
        )
        .expect("attach");
    let rows = s
        .request_rows(
            catalog(),
            a.id,
            NaiveDate::from_ymd_opt(2026, 7, 1).expect("d"),
        )
        .expect("rows");
    let item = rows
        .iter()
        .find(|r| r.questions.iter().any(|q| q == "cc6-mfa"))
        .expect("an item for MFA")
        .id
        .clone();
    s.link_evidence_to_request(catalog(), e.id, &item)
        .expect("link");
    (s, a.id, e.id, item)
}

fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("archive");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("read");
            (f.name().expect("name").to_string(), b)
        })
        .collect()
}

#[test]
fn the_package_holds_files_index_workbook_and_description() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).expect("dir");
    let (mut s, id, eid, item) = setup(&data);
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("d");
    // Outside the window: flagged, and the item is not collected.
    let check = s.set_evidence_date(eid, "2026-07-01", today).expect("date");
    assert!(
        !check.fits && check.note.contains("after the observation window"),
        "{check:?}"
    );
    let e = s
        .set_evidence_date(eid, "2099-01-01", today)
        .expect_err("future");
    assert_eq!(e.code(), "date_in_future");
    let row = |s: &Store| {
        s.request_rows(catalog(), id, today)
            .expect("rows")
            .into_iter()
            .find(|r| r.id == item)
            .expect("row")
    };
    assert_eq!(row(&s).status.label(), "Not started");
    let edit = RequestEdit {
        version: row(&s).version,
        owner: None,
        due: None,
        status: "delivered".into(),
    };
    assert_eq!(
        s.update_request(catalog(), id, &item, &edit, today)
            .map_err(|e| e.code()),
        Err("no_valid_evidence")
    );
    s.set_evidence_date(eid, "2026-06-30", today)
        .expect("inside");
    assert_eq!(row(&s).status.label(), "Collected");
    s.update_request(catalog(), id, &item, &edit, today)
        .expect("delivered");
    assert_eq!(row(&s).status.label(), "Delivered");

    let zip = home.path().join("package.zip");
    let mut calls = 0;
    let sum = preflight_cli::package::write_package(
        &s,
        catalog(),
        &data,
        &id.to_string(),
        &zip,
        &mut |_, _| calls += 1,
    )
    .expect("package");
    assert_eq!(sum.files, 1);
    assert!(calls >= 2, "progress reported");
    assert!(!home.path().join("package.zip.partial").exists());
    let entries = zip_entries(&zip);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    for n in [
        "index.xlsx",
        "gap workbook.xlsx",
        "system description.docx",
        "system description.md",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let (file_name, bytes) = entries
        .iter()
        .find(|(n, _)| n.starts_with(&item) && n.ends_with("mfa-setting.png"))
        .expect("the evidence file in its item's folder");
    assert_eq!(bytes, b"screenshot bytes");
    let (_, index) = entries
        .iter()
        .find(|(n, _)| n == "index.xlsx")
        .expect("index");
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(index.clone())).expect("index xlsx");
    let r = wb.worksheet_range("Index").expect("Index sheet");
    let found = r
        .rows()
        .find(|row| row.get(3).map(|c| c.to_string()) == Some(file_name.clone()))
        .expect("file row");
    assert_eq!(found[0], Data::String(item.clone()));
    assert_eq!(found[4].to_string().len(), 64, "SHA-256");
    assert_eq!(found[5], Data::String("2026-06-30".into()));
    let (_, gap) = entries
        .iter()
        .find(|(n, _)| n == "gap workbook.xlsx")
        .expect("workbook");
    let mut gw: Xlsx<_> = Xlsx::new(std::io::Cursor::new(gap.clone())).expect("gap xlsx");
    let rl = gw
        .worksheet_range("Request list")
        .expect("Request list sheet");
    assert!(rl
        .rows()
        .any(|row| row[0].to_string() == item && row.iter().any(|c| c.to_string() == "Delivered")));
}

#[test]
fn a_tampered_file_or_a_bad_folder_stops_the_package() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).expect("dir");
    let (s, id, eid, _) = setup(&data);
    let stored = s
        .evidence(id)
        .expect("evidence")
        .into_iter()
        .find(|e| e.id == eid)
        .expect("e")
        .stored_path;
    std::fs::write(
        preflight_store::evidence::resolve_stored_path(&data, &stored).expect("path"),
        b"changed",
    )
    .expect("tamper");
    let zip = home.path().join("package.zip");
    let e = preflight_cli::package::write_package(
        &s,
        catalog(),
        &data,
        &id.to_string(),
        &zip,
        &mut |_, _| {},
    )
    .expect_err("tampered");
    assert_eq!(e.code(), "package_file_changed");
    assert!(e.to_string().contains("mfa-setting.png"), "{e}");
    assert!(
        !zip.exists() && !home.path().join("package.zip.partial").exists(),
        "nothing left behind"
    );
    let nowhere = home.path().join("no-such-folder").join("p.zip");
    let e = preflight_cli::package::write_package(
        &s,
        catalog(),
        &data,
        &id.to_string(),
        &nowhere,
        &mut |_, _| {},
    )
    .expect_err("folder");
    assert_eq!(e.code(), "package_write");
}

#[test]
fn auditor_comments_on_request_items_come_back() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).expect("dir");
    let (mut s, id, _, item) = setup(&data);
    let xlsx = home.path().join("gap.xlsx");
    preflight_cli::write_workbook(&s, catalog(), &id.to_string(), &xlsx, None).expect("workbook");
    // The auditor fills the two columns of the Request list and sends the file back.
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).expect("open");
    let sheets: Vec<(String, calamine::Range<Data>)> = wb
        .sheet_names()
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).expect("r");
            (n, r)
        })
        .collect();
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, range) in &sheets {
        let ws = out.add_worksheet();
        ws.set_name(name).expect("name");
        let header = range
            .rows()
            .position(|r| r.iter().any(|c| c.to_string() == "Request id"));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell.to_string())
                    .expect("w");
            }
            if name == "Request list" && header.is_some_and(|h| r > h) {
                let n = row.len();
                if row[0].to_string() == item {
                    ws.write_string(r as u32, (n - 2) as u16, "Screenshot is not dated")
                        .expect("w");
                    ws.write_string(r as u32, (n - 1) as u16, "Needs evidence")
                        .expect("w");
                } else if r == header.unwrap_or(0) + 2 {
                    ws.write_string(r as u32, 0, "REQ-NOPE-99").expect("w");
                    ws.write_string(r as u32, (n - 2) as u16, "?").expect("w");
                }
            }
        }
    }
    let back = home.path().join("back.xlsx");
    out.save(&back).expect("save");
    let done =
        preflight_cli::import_review(&mut s, catalog(), &id.to_string(), &back).expect("import");
    assert_eq!(done.report.requests_taken.len(), 1);
    assert_eq!(done.report.requests_rejected.len(), 1);
    assert!(done.report.requests_rejected[0]
        .message
        .contains("REQ-NOPE-99"));
    let row = s
        .request_rows(
            catalog(),
            id,
            NaiveDate::from_ymd_opt(2026, 7, 1).expect("d"),
        )
        .expect("rows")
        .into_iter()
        .find(|r| r.id == item)
        .expect("row");
    assert_eq!(row.auditor_comment, "Screenshot is not dated");
    assert_eq!(row.auditor_status.as_deref(), Some("Needs evidence"));
}

#[test]
fn the_description_and_the_approved_policies_export_and_read_back() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).expect("dir");
    let (mut s, id, _, _) = setup(&data);
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("d");
    s.save_section(
        id,
        "services",
        "Acme sells invoicing software to small shops.",
        today,
    )
    .expect("section");
    let out = home.path().join("out");
    let files = preflight_cli::export_description(&s, catalog(), &id.to_string(), &out)
        .expect("description");
    let docx = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .expect("docx");
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).expect("docx")).expect("zip");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("read");
    assert!(
        xml.contains("Acme sells invoicing software") && xml.contains("Services provided"),
        "sections in the document"
    );
    assert!(xml.contains("to fill:"), "parts still to write are marked");
    let md = std::fs::read_to_string(
        files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "md"))
            .expect("md"),
    )
    .expect("md");
    assert!(
        md.starts_with("# Acme: system description") && md.contains("| Sections complete |"),
        "{}",
        &md[..200.min(md.len())]
    );

    // Policies: none approved yet, so no approved set; then one approved and exported.
    let set = home.path().join("policies");
    assert_eq!(
        preflight_cli::export_policies(&s, &id.to_string(), None, &set).map_err(|e| e.code()),
        Err("nothing_approved")
    );
    let p = s
        .create_policy(
            id,
            &preflight_policies::NewPolicy {
                title: "Backup Policy".into(),
                text: "## Purpose\nWe back up every night.".into(),
                ..Default::default()
            },
            today,
        )
        .expect("policy");
    s.approve_policy(p.id, p.version, "Dana Ruiz", None, today)
        .expect("approve");
    let written = preflight_cli::export_policies(&s, &id.to_string(), None, &set).expect("set");
    assert_eq!(written.len(), 2);
    let md = std::fs::read_to_string(set.join("Backup Policy.md")).expect("md");
    assert!(
        md.contains("| Approved by | Dana Ruiz |") && md.contains("We back up every night."),
        "{md}"
    );
}
