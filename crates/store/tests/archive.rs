//! The whole assessment in one file: a full assessment (answers, auditor comments, people,
//! tasks with history, evidence with files, duties, snapshots, risks linked to tasks, a vendor
//! report pointing at a stored file and a CUEC task, policies, the request list and the system
//! description) saved as a `.preflight` archive and loaded on "another laptop" (a fresh data
//! folder): every table of the database is compared, and every file checked. A tampered file
//! refuses the whole archive; loading beside the original asks for copy or replace.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use chrono::NaiveDate;
use preflight_catalog::Catalog;
use preflight_description::ComponentKind;
use preflight_risks::{ReviewInput, RiskInput};
use preflight_store::portable::SameAssessment;
use preflight_store::requests::RequestEdit;
use preflight_store::{paths, Store};
use preflight_vendors::report::CuecInput;
use preflight_vendors::{ReportInput, VendorInput};
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("date")
}

/// A full assessment: the large fixture (small), plus every register linked to its records.
fn full(s: &mut Store) -> Uuid {
    let c = catalog();
    let id = preflight_fixtures::seed_large(s, c, 40, 30).expect("seed");
    let today = d(2026, 1, 20);
    let tasks = s.tasks(id).expect("tasks");
    let evidence = s.evidence(id).expect("evidence");
    let owner = s.people(id).expect("people").names()[0].clone();
    s.create_risk(
        c,
        id,
        &RiskInput {
            title: "Stolen laptop ☂️ עברית".into(),
            category: "security".into(),
            likelihood: 4,
            impact: 5,
            treatment: "mitigate".into(),
            treatment_reason: "=disk encryption".into(),
            owner: Some(owner.clone()),
            questions: vec!["cc6-mfa".into()],
            tasks: vec![tasks[0].id.to_string(), tasks[1].id.to_string()],
            residual_likelihood: Some(2),
            ..RiskInput::default()
        },
        today,
    )
    .expect("risk");
    s.record_risk_review(
        id,
        &ReviewInput {
            held_on: "2025-12-01".into(),
            participants: vec![owner.clone()],
            summary: "Yearly review".into(),
        },
        today,
    )
    .expect("review");
    let v = s
        .create_vendor(
            id,
            &VendorInput {
                name: "Cloudy Host".into(),
                criticality: "critical".into(),
                data: "personal".into(),
                owner: Some(owner.clone()),
                subservice: true,
                csocs: vec!["Physical access".into()],
                ..VendorInput::default()
            },
            today,
        )
        .expect("vendor");
    let saved = s
        .save_vendor_report(
            v.id,
            &ReportInput {
                kind: "soc2".into(),
                report_type: "type2".into(),
                period_start: Some("2025-01-01".into()),
                period_end: "2025-09-30".into(),
                audit_firm: "Example LLP".into(),
                opinion: "unqualified".into(),
                evidence_id: Some(evidence[0].id.to_string()),
                cuecs: vec![CuecInput {
                    description: "Customers review their IAM roles".into(),
                    status: "not_run".into(),
                    ..Default::default()
                }],
                ..ReportInput::default()
            },
            today,
        )
        .expect("report");
    let cuec = saved.report.expect("report").cuecs[0].id;
    s.task_from_vendor_cuec(c, v.id, cuec, today)
        .expect("cuec task");
    let starters: Vec<String> = preflight_vendors::customer_controls::starter_cuecs()
        .expect("starters")
        .iter()
        .take(2)
        .map(|x| x.id.clone())
        .collect();
    s.adopt_starter_cuecs(c, id, &starters).expect("cuecs");
    let templates: Vec<String> = preflight_policies::template::templates()
        .expect("templates")
        .iter()
        .take(2)
        .map(|t| t.id.clone())
        .collect();
    s.adopt_policies(c, id, &templates, today).expect("adopt");
    let own = s
        .create_policy(
            id,
            &preflight_policies::NewPolicy {
                title: "Clean desk".into(),
                text: "# Clean desk\n\nLock your screen. 🔒".into(),
                owner: Some(owner.clone()),
                ..Default::default()
            },
            today,
        )
        .expect("policy");
    s.approve_policy(own.id, 1, &owner, Some("2026-01-18"), today)
        .expect("approve");
    let section = &preflight_description::section::sections().expect("sections")[0];
    s.save_section(id, &section.id, "Our own words 👋", today)
        .expect("section");
    s.save_components(
        id,
        ComponentKind::System,
        &[("Postgres".into(), "Customer data".into())],
    )
    .expect("components");
    let row = s.request_rows(c, id, today).expect("rows")[0].clone();
    s.link_evidence_to_request(c, evidence[1].id, &row.id)
        .expect("link");
    s.set_evidence_date(evidence[1].id, "2025-06-30", today)
        .expect("date");
    s.update_request(
        c,
        id,
        &row.id,
        &RequestEdit {
            version: row.version,
            owner: Some(owner),
            due: Some("2026-02-01".into()),
            status: "delivered".into(),
        },
        today,
    )
    .expect("request");
    s.take_snapshot(c, id, d(2025, 12, 1)).expect("snapshot");
    s.take_snapshot(c, id, today).expect("snapshot");
    id
}

/// Every table of a database, each row as text, sorted: two databases holding the same single
/// assessment dump the same. Left out: `task_change`, the lines that tell a reader which tasks
/// changed (bookkeeping of the file's own writes, with random marks, not the user's data).
fn dump(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(paths::db_path(dir)).expect("open");
    let mut tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'task_change'",
        )
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    tables.sort();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\""))
            .expect("select");
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(cells.join(" | "))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("row");
        rows.sort();
        out.insert(t, rows);
    }
    out
}

fn no_progress() -> impl FnMut(u64, u64) {
    |_, _| {}
}

fn load(
    s: &mut Store,
    data: &Path,
    file: &Path,
    same: SameAssessment,
) -> Result<preflight_store::portable::Loaded, preflight_store::StoreError> {
    s.load_file(catalog(), data, file, same, &mut no_progress())
}

#[test]
fn a_full_assessment_moves_to_a_new_laptop_in_one_archive() {
    let old = tempfile::tempdir().expect("old laptop");
    let mut s = Store::open_dir(old.path()).expect("open");
    let id = full(&mut s);
    let in_use = s.evidence(id).expect("evidence").len();
    assert!(in_use > 20 && !s.removed_evidence(id).expect("removed").is_empty());
    let file = old.path().join("Fixture Ltd.preflight");
    let mut updates = 0;
    let saved = s
        .export_archive(old.path(), id, &file, &mut |_, _| updates += 1)
        .expect("archive");
    assert!(saved.left_out.is_empty(), "{:?}", saved.left_out);
    assert!(saved.files > 0 && updates > saved.files);

    let new = tempfile::tempdir().expect("new laptop");
    let mut n = Store::open_dir(new.path()).expect("open");
    let preview = n.preview_file(catalog(), &file).expect("preview");
    assert_eq!((preview.id, preview.same_here.clone()), (id, None));
    assert_eq!(preview.evidence, in_use);
    let loaded = load(&mut n, new.path(), &file, SameAssessment::Copy).expect("load");
    assert_eq!(loaded.assessment.id, id);
    assert!(!loaded.replaced);
    assert_eq!(loaded.evidence_files, in_use);
    assert_eq!(loaded.evidence_files_missing, 0);

    // Every table, row by row.
    let (before, after) = (dump(old.path()), dump(new.path()));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &before {
        assert_eq!(rows, &after[table], "table {table} differs");
    }
    for table in [
        "answer",
        "auditor_comment",
        "task",
        "task_status_change",
        "evidence",
        "evidence_request",
        "duty_occurrence",
        "readiness_snapshot",
        "risk_task",
        "vendor_report",
        "vendor_cuec",
        "policy_version",
        "request_state",
        "description_section",
        "description_component",
    ] {
        assert!(!before[table].is_empty(), "the fixture fills {table}");
    }
    // And every file, against its SHA-256.
    let report = n
        .verify_evidence(new.path(), id, &mut no_progress())
        .expect("verify");
    assert_eq!((report.checked, report.intact), (in_use, in_use));
    // No staging folder left behind.
    let leftovers: Vec<_> = std::fs::read_dir(new.path().join("evidence"))
        .expect("evidence dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());

    // Loaded where it came from: the user chooses. Replace gives the same database back…
    let preview = s.preview_file(catalog(), &file).expect("preview");
    assert!(preview.same_here.is_some());
    let replaced = load(&mut s, old.path(), &file, SameAssessment::Replace).expect("replace");
    assert!(replaced.replaced);
    assert_eq!(dump(old.path()), before);
    let report = s
        .verify_evidence(old.path(), id, &mut no_progress())
        .expect("verify");
    assert_eq!(report.intact, in_use);
    // …and a copy sits beside it with new ids and its own files.
    let copy = load(&mut s, old.path(), &file, SameAssessment::Copy).expect("copy");
    assert_ne!(copy.assessment.id, id);
    assert!(copy.assessment.name.ends_with("(loaded)"));
    assert_eq!(copy.evidence_files_missing, 0);
    assert_eq!(
        s.tasks(copy.assessment.id).expect("tasks").len(),
        s.tasks(id).expect("tasks").len()
    );
    let risk = &s.risks(copy.assessment.id).expect("risks")[0];
    let copy_tasks: Vec<Uuid> = s
        .tasks(copy.assessment.id)
        .expect("tasks")
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(risk.tasks.len(), 2);
    assert!(risk.tasks.iter().all(|t| copy_tasks.contains(t)));
}

/// Rewrites an archive with one entry's bytes changed.
fn tamper(from: &Path, to: &Path, entry_prefix: &str) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(from).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    let mut changed = false;
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).expect("entry");
        let name = e.name().expect("name").to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).expect("read");
        if !changed && name.starts_with(entry_prefix) && !bytes.is_empty() {
            bytes[0] ^= 0x20;
            changed = true;
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zout.write_all(&bytes).expect("write");
    }
    zout.finish().expect("finish");
    assert!(changed);
}

#[test]
fn a_tampered_or_damaged_archive_is_refused_whole() {
    let old = tempfile::tempdir().expect("old");
    let mut s = Store::open_dir(old.path()).expect("open");
    let id = preflight_fixtures::seed_large(&mut s, catalog(), 5, 6).expect("seed");
    let file = old.path().join("a.preflight");
    s.export_archive(old.path(), id, &file, &mut no_progress())
        .expect("archive");
    let new = tempfile::tempdir().expect("new");
    let mut n = Store::open_dir(new.path()).expect("open");
    let load = |n: &mut Store, f: &Path| {
        n.load_file(
            catalog(),
            new.path(),
            f,
            SameAssessment::Copy,
            &mut no_progress(),
        )
        .map(|_| ())
        .map_err(|e| e.code())
    };
    let bad = new.path().join("tampered.preflight");
    tamper(&file, &bad, "evidence/");
    assert_eq!(load(&mut n, &bad), Err("archive_file_tampered"));
    // A changed JSON is checked like any portable file.
    let bad_json = new.path().join("json.preflight");
    tamper(&file, &bad_json, "preflight.json");
    assert!(load(&mut n, &bad_json).is_err());
    // Cut short, or not an archive at all.
    let bytes = std::fs::read(&file).expect("read");
    let cut = new.path().join("cut.preflight");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    assert_eq!(load(&mut n, &cut), Err("archive_malformed"));
    let other = new.path().join("other.preflight");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&other).expect("create"));
    z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .expect("start");
    z.write_all(b"hi").expect("write");
    z.finish().expect("finish");
    assert_eq!(load(&mut n, &other), Err("archive_malformed"));
    // Nothing was saved, and no file was left behind.
    assert!(n.list_assessments(catalog()).expect("list").is_empty());
    let evidence_dir = new.path().join("evidence");
    let left = std::fs::read_dir(&evidence_dir)
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(left, 0, "files left in {}", evidence_dir.display());
    // The good archive still loads.
    assert_eq!(load(&mut n, &file), Ok(()));
}

#[test]
fn the_json_file_carries_the_records_and_says_which_files_are_not_here() {
    let old = tempfile::tempdir().expect("old");
    let mut s = Store::open_dir(old.path()).expect("open");
    let id = preflight_fixtures::seed_large(&mut s, catalog(), 8, 6).expect("seed");
    let in_use = s.evidence(id).expect("evidence").len();
    let file = old.path().join("a.preflight.json");
    s.export_json_file(id, &file).expect("json");
    let new = tempfile::tempdir().expect("new");
    let mut n = Store::open_dir(new.path()).expect("open");
    let loaded = load(&mut n, new.path(), &file, SameAssessment::Copy).expect("load");
    assert_eq!(loaded.evidence_files, 0);
    assert_eq!(loaded.evidence_files_missing, in_use);
    assert_eq!(n.tasks(id).expect("tasks"), s.tasks(id).expect("tasks"));
    assert_eq!(
        n.duty_occurrences(id).expect("duties"),
        s.duty_occurrences(id).expect("duties")
    );
    assert_eq!(
        n.auditor_comments(id).expect("comments"),
        s.auditor_comments(id).expect("comments")
    );
    // Replacing from the JSON on the machine it came from keeps the files where they are.
    let replaced = load(&mut s, old.path(), &file, SameAssessment::Replace).expect("replace");
    assert!(replaced.replaced);
    assert_eq!(replaced.evidence_files_missing, 0);
}
