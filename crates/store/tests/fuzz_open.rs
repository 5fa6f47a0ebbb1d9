//! Fuzzing the database opener ([`Store::open`]) on arbitrary file contents: it never panics;
//! a refused file gets an error with a code and a message, and is left byte for byte as it was,
//! with no journal, WAL or shared-memory file beside it. A file it opens may be damaged further
//! in: reading from it then gives errors, never a panic.
//!
//! The cases, from a fixed seed: arbitrary bytes (with and without SQLite's header), and real
//! Preflight databases (the current version with data, and a version 4 one that needs
//! migrating) with one to five edits (cuts, byte flips, hostile text, removals, copies), most
//! of them in the first two pages where the header and the schema are.
//!
//! Every fourth case is also opened as the CLI's workbook export opens a file
//! ([`Store::open_dir_checking_beside`], the whole-file check on another thread): the same
//! holds once the check has been waited for.
//!
//! [`CASES`] says how many cases and what they cost.

use preflight_fuzz as fuzz_support;

use std::cell::Cell;
use std::path::Path;

use chrono::{TimeZone, Utc};
use fuzz_support::{apply, config, edit, Edit};
use preflight_assessment::{
    AnswerValue, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_store::migrations::{migrations, APPLICATION_ID};
use preflight_store::Store;
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};

/// Cases per half: 100,000 in all, in two tests that run side by side (one on each core). A
/// case writes a 160 to 340 KB file and has SQLite open it (the header, the whole schema
/// parsed, a quick check of every page; for the old version a backup and the migrations),
/// about 1.4 ms of CPU in a debug build, so each half takes about 70 s on a quiet machine (a
/// quarter more with every fourth case opened a second time, beside). The cases that matter
/// most (edits of the first two pages) get most of them.
const CASES: u32 = 50_000;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

/// A current database with an assessment and answers, as bytes.
fn current(dir: &Path) -> Vec<u8> {
    let path = dir.join("seed.db");
    {
        let mut s = Store::open(&path).expect("open");
        let a = NewAssessment {
            name: Some("=FY26 ☁️".into()),
            company: "Acme \u{202e}שלום".into(),
            scope: Scope {
                kind: ReportKind::Soc2,
                report_type: ReportType::Type2,
                categories: vec!["availability".into()],
                objectives: vec![],
                observation: Some(ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("p")),
            },
        }
        .build(catalog(), fixed_time())
        .expect("valid");
        s.create_assessment(&a).expect("create");
        s.save_answer(
            catalog(),
            a.id,
            "cc6-mfa",
            Some(AnswerValue::Partly),
            "+1 for MFA",
        )
        .expect("answer");
        s.add_person(a.id, "Dana Ruiz").expect("person");
    }
    let bytes = std::fs::read(&path).expect("read seed");
    assert!(
        !dir.join("seed.db-wal").exists(),
        "the seed is checkpointed on close"
    );
    bytes
}

/// A version 4 database with an assessment, as an older Preflight left it.
fn version_4(dir: &Path) -> Vec<u8> {
    let path = dir.join("v4.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        migrations().to_version(&mut conn, 4).expect("v4");
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .expect("app id");
        conn.execute_batch(
            "INSERT INTO assessment (id, name, company, report_kind, report_type, observation_start, observation_end, created_at, updated_at)
             VALUES ('00000000-0000-0000-0000-000000000001', 'Old', 'Acme', 'soc2', 'type2', '2026-01-01', '2026-06-30', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO assessment_category VALUES ('00000000-0000-0000-0000-000000000001', 'security');",
        )
        .expect("v4 data");
    }
    std::fs::read(&path).expect("read v4")
}

/// An edit most often in the first two pages (the header and the schema).
fn db_edit() -> impl Strategy<Value = Edit> {
    let head = (0usize..8192, 1u8..=255).prop_map(|(i, m)| Edit::Flip(i, m));
    let header = (0usize..100, any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b | 1));
    prop_oneof![
        4 => head,
        2 => header,
        2 => edit(),
    ]
}

fn mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(db_edit(), 1..6).prop_map(move |edits| apply(&seed, &edits))
}

/// A folder in memory when the system has one (a case writes a file and SQLite syncs it:
/// several times quicker off the disk), else the usual temporary folder.
fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().expect("tempdir")
}

fn side_files(path: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| format!("{}{s}", path.display()))
        .filter(|p| Path::new(p).exists())
        .collect()
}

fn clear(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            std::fs::remove_dir_all(&p).expect("remove dir");
        } else {
            std::fs::remove_file(&p).expect("remove");
        }
    }
}

#[test]
fn database_opener_never_panics_and_never_changes_a_refused_file_current_version() {
    opener_cases(Half::Current);
}

#[test]
fn database_opener_never_panics_and_never_changes_a_refused_file_old_version() {
    opener_cases(Half::Old);
}

#[derive(Clone, Copy, PartialEq)]
enum Half {
    /// Arbitrary bytes and edits of a current database.
    Current,
    /// Arbitrary bytes behind SQLite's header and edits of a version 4 database.
    Old,
}

fn opener_cases(half: Half) {
    let seeds = tempfile::tempdir().expect("tempdir");
    let (current, old) = (current(seeds.path()), version_4(seeds.path()));
    let work = scratch_dir();
    let path = work.path().join("preflight.db");
    // The seeds open (the old one migrates).
    for seed in [&current, &old] {
        std::fs::write(&path, seed).expect("write");
        Store::open(&path).expect("the seed opens");
        clear(work.path());
    }
    let strategy = match half {
        Half::Current => prop_oneof![
            1 => proptest::collection::vec(any::<u8>(), 0..4096),
            4 => mutated(current.clone()),
        ]
        .boxed(),
        Half::Old => prop_oneof![
            1 => proptest::collection::vec(any::<u8>(), 0..4096)
                .prop_map(|b| [b"SQLite format 3\0".as_slice(), &b].concat()),
            4 => mutated(old.clone()),
        ]
        .boxed(),
    };
    let (opened, refused) = (Cell::new(0u32), Cell::new(0u32));
    let (case, beside_refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config(CASES));
    let result = runner.run(&strategy, |bytes| {
        case.set(case.get() + 1);
        if case.get() % 4 == 0 {
            clear(work.path());
            if !opened_beside(work.path(), &bytes)? {
                beside_refused.set(beside_refused.get() + 1);
            }
        }
        clear(work.path());
        std::fs::write(&path, &bytes).expect("write");
        match Store::open(&path) {
            Ok(s) => {
                opened.set(opened.get() + 1);
                // Damage further in shows as errors when read, never as a panic.
                if let Err(e) = s.list_assessments(catalog()) {
                    prop_assert!(!e.code().is_empty() && !e.to_string().trim().is_empty());
                }
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                prop_assert!(!e.code().is_empty());
                prop_assert!(!e.to_string().trim().is_empty());
                let after = std::fs::read(&path).expect("the refused file is still there");
                prop_assert!(
                    after == bytes,
                    "a refused file was changed ({}): {}",
                    e.code(),
                    e
                );
                let beside = side_files(&path);
                prop_assert!(
                    beside.is_empty(),
                    "{:?} left beside a refused file: {}",
                    beside,
                    e
                );
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "opened {}, refused {} ({} of {} refused opened beside)",
        opened.get(),
        refused.get(),
        beside_refused.get(),
        case.get() / 4
    );
    assert!(opened.get() > CASES / 20 && refused.get() > CASES / 4);
    assert!(beside_refused.get() > CASES / 40);
}

/// Opens `bytes` as a data folder's database with the check beside, then waits for the check:
/// no panic, and a refused file (by the opening or by the check) left byte for byte, with
/// nothing beside it once the store is closed. Whether it was opened.
fn opened_beside(dir: &Path, bytes: &[u8]) -> Result<bool, TestCaseError> {
    let path = preflight_store::paths::db_path(dir);
    std::fs::write(&path, bytes).expect("write");
    let refusal = match Store::open_dir_checking_beside(dir) {
        Ok((store, check)) => match check.wait() {
            Ok(()) => {
                if let Err(e) = store.list_assessments(catalog()) {
                    prop_assert!(!e.code().is_empty() && !e.to_string().trim().is_empty());
                }
                return Ok(true);
            }
            Err(e) => {
                drop(store);
                e
            }
        },
        Err(e) => e,
    };
    prop_assert!(!refusal.code().is_empty() && !refusal.to_string().trim().is_empty());
    let after = std::fs::read(&path).expect("the refused file is still there");
    prop_assert!(
        after == bytes,
        "a file refused beside was changed ({}): {}",
        refusal.code(),
        refusal
    );
    let beside = side_files(&path);
    prop_assert!(
        beside.is_empty(),
        "{:?} left beside a file refused beside: {}",
        beside,
        refusal
    );
    Ok(false)
}

/// Found by the fuzzer: an old database whose backup before migrating failed (there, an index
/// damaged in a way the quick check does not see) was refused, but already switched to WAL,
/// which rewrites its header. The switch now comes after the backup and the migrations.
#[test]
fn an_old_database_refused_when_its_backup_fails_is_left_as_it_was() {
    let seeds = tempfile::tempdir().expect("tempdir");
    let old = version_4(seeds.path());
    let work = tempfile::tempdir().expect("tempdir");
    let path = work.path().join("preflight.db");
    std::fs::write(&path, &old).expect("write");
    // The backups folder cannot be made: a file holds its name.
    std::fs::write(
        preflight_store::backup::backups_dir(work.path()),
        b"in the way",
    )
    .expect("block");
    let e = Store::open(&path).expect_err("no backup, no migration");
    assert!(!e.code().is_empty(), "{e}");
    assert!(
        std::fs::read(&path).expect("read") == old,
        "the refused file was changed: {e}"
    );
    assert!(side_files(&path).is_empty());
}

/// A fixed clock for the seeds, so the same cases run every time.
fn fixed_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time")
}
