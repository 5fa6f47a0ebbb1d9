//! Fuzzing the `.preflight` archive reader ([`Store::load_file`]): whatever bytes arrive, the
//! load never panics; a refused archive gets an error with a code and a message, commits
//! nothing (SQLite's `data_version` seen from a second connection does not move) and leaves no
//! file behind in the evidence folder (no staging folder, no half-placed file); an archive it
//! takes adds one assessment whose evidence files all match their SHA-256.
//!
//! 100,000 cases from a fixed seed: arbitrary bytes, arbitrary text, and (most) byte edits of
//! a real archive (cuts, flips, insertions of hostile text, removals, duplications) holding an
//! assessment with answers, a task, a duty, and three evidence files.

use preflight_fuzz as fuzz_support;

use std::cell::{Cell, RefCell};
use std::path::Path;

use chrono::{NaiveDate, Utc};
use fuzz_support::{config, inputs};
use preflight_assessment::{
    AnswerValue, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::EvidenceTarget;
use preflight_store::evidence::AttachRequest;
use preflight_store::portable::SameAssessment;
use preflight_store::Store;
use proptest::test_runner::TestRunner;
use rusqlite::{Connection, OpenFlags};
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

/// A small assessment with three evidence files, saved as an archive; returns its bytes.
fn seed_archive(dir: &Path, s: &mut Store) -> (Uuid, Vec<u8>) {
    let a = NewAssessment {
        name: Some("Archive ☁️".into()),
        company: "Acme \u{202e}שלום".into(),
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
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("day");
    s.save_answer(catalog(), a.id, "cc6-mfa", Some(AnswerValue::No), "=1+1")
        .expect("answer");
    let task = s
        .create_task(
            catalog(),
            a.id,
            preflight_remediation::NewTask::from_gap(
                catalog().question("cc6-mfa").expect("q"),
                &a.scope,
            ),
            today,
        )
        .expect("task");
    for (i, body) in ["%PDF-1.4 policy", "screenshot ☁️", ""].iter().enumerate() {
        let src = dir.join(format!("source-{i}.txt"));
        std::fs::write(&src, body).expect("write");
        let target = if i == 0 {
            EvidenceTarget::Task { task_id: task.id }
        } else {
            EvidenceTarget::Question {
                question_id: "cc6-mfa".into(),
            }
        };
        s.attach_evidence(
            catalog(),
            dir,
            &AttachRequest {
                assessment_id: a.id,
                target,
                source: src,
                collected_on: today,
            },
            &mut |_, _| {},
        )
        .expect("attach");
    }
    let file = dir.join("seed.preflight");
    s.export_archive(dir, a.id, &file, &mut |_, _| {})
        .expect("archive");
    (a.id, std::fs::read(&file).expect("read"))
}

/// Names in the evidence folder (the original assessment's folder only, between cases).
fn evidence_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("evidence"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn archive_loading_never_panics_and_a_refused_archive_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open_dir(dir.path()).expect("open");
    let (id, seed) = seed_archive(dir.path(), &mut s);
    let raw = Connection::open_with_flags(
        preflight_store::paths::db_path(dir.path()),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("raw");
    let version = |raw: &Connection| -> i64 {
        raw.query_row("PRAGMA data_version", [], |r| r.get(0))
            .expect("data_version")
    };
    let before_files = evidence_entries(dir.path());
    let case_file = dir.path().join("case.preflight");
    let (taken, refused) = (Cell::new(0u32), Cell::new(0u32));
    let saved_version = Cell::new(version(&raw));
    let s = RefCell::new(s);
    let mut runner = TestRunner::new(config(100_000));
    let result = runner.run(&inputs(seed), |bytes| {
        let mut s = s.borrow_mut();
        std::fs::write(&case_file, &bytes).expect("write case");
        match s.load_file(
            catalog(),
            dir.path(),
            &case_file,
            SameAssessment::Copy,
            &mut |_, _| {},
        ) {
            Ok(loaded) => {
                taken.set(taken.get() + 1);
                let new = loaded.assessment.id;
                proptest::prop_assert_ne!(new, id, "the original is never overwritten");
                let report = s
                    .verify_evidence(dir.path(), new, &mut |_, _| {})
                    .expect("verify");
                // What was placed is intact; a file the archive did not hold is reported as
                // missing, never as tampered.
                proptest::prop_assert!(report.tampered.is_empty());
                proptest::prop_assert_eq!(report.missing.len(), loaded.evidence_files_missing);
                s.delete_assessment(new).expect("delete the loaded copy");
                preflight_store::evidence::delete_evidence_folder(dir.path(), new)
                    .expect("delete its files");
                saved_version.set(version(&raw));
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                proptest::prop_assert!(!e.code().is_empty());
                proptest::prop_assert!(!e.to_string().trim().is_empty());
                proptest::prop_assert_eq!(
                    version(&raw),
                    saved_version.get(),
                    "a refused archive committed: {}",
                    e
                );
            }
        }
        proptest::prop_assert_eq!(&evidence_entries(dir.path()), &before_files);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!("taken {}, refused {}", taken.get(), refused.get());
    assert!(taken.get() > 100 && refused.get() > 20_000);
}
