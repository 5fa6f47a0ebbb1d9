//! Backups: written by SQLite and checked, once a day and before migrations, rotated; and the
//! work comes back from one after the database is truncated, overwritten with zeros in the
//! middle, or replaced by a newer version, with the damaged file kept aside.

use std::io::{Seek, SeekFrom, Write};

use chrono::{TimeZone, Utc};
use preflight_assessment::{AnswerValue, NewAssessment, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_store::backup::{list_backups, restore, Reason};
use preflight_store::{paths, Store};

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn filled(dir: &std::path::Path) -> uuid::Uuid {
    let mut s = Store::open_dir(dir).expect("open");
    let a = NewAssessment {
        name: None,
        company: "Acme".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec![],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    for q in ["cc6-mfa", "cc1-code-of-conduct", "cc2-policies-published"] {
        s.save_answer(catalog(), a.id, q, Some(AnswerValue::Yes), "done")
            .expect("answer");
    }
    a.id
}

#[test]
fn a_checked_backup_once_a_day_and_rotation() {
    let dir = tempfile::tempdir().expect("tempdir");
    filled(dir.path());
    let s = Store::open_dir(dir.path()).expect("open");
    let day1 = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("t");
    let b = s.daily_backup(day1).expect("backup").expect("taken");
    assert!(b.good && b.assessments == 1 && b.answers == 3, "{b:?}");
    assert!(
        s.daily_backup(day1 + chrono::Duration::hours(5))
            .expect("again")
            .is_none(),
        "once a day"
    );
    assert!(s
        .daily_backup(day1 + chrono::Duration::days(1))
        .expect("next day")
        .is_some());
    let manual = s
        .backup_now(
            Reason::Manual,
            day1 + chrono::Duration::days(1) + chrono::Duration::hours(1),
        )
        .expect("manual");
    assert!(manual.good);
    // Thirty days of backups: rotation keeps 7 daily and 4 weekly.
    for d in 2..32 {
        s.backup_now(Reason::Daily, day1 + chrono::Duration::days(d))
            .expect("backup");
    }
    let kept = list_backups(dir.path());
    assert!(kept.len() <= 11, "{} kept", kept.len());
    assert!(kept.iter().all(|b| b.good));
    assert!(!dir
        .path()
        .join("backups")
        .read_dir()
        .expect("dir")
        .any(|e| e
            .expect("e")
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")));
}

fn damage_and_restore(damage: impl FnOnce(&std::path::Path)) {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = filled(dir.path());
    {
        let s = Store::open_dir(dir.path()).expect("open");
        s.backup_now(Reason::Manual, Utc::now()).expect("backup");
    }
    let db = paths::db_path(dir.path());
    damage(&db);
    let damaged_bytes = std::fs::read(&db).expect("read");
    assert!(
        Store::open_dir(dir.path()).is_err(),
        "the damage is noticed"
    );
    // Opened with its check beside the first work (as the CLI's export does), the damage is
    // noticed too, by the opening or by the check, and the file is left as it was.
    let beside =
        Store::open_dir_checking_beside(dir.path()).and_then(|(_store, check)| check.wait());
    let e = beside.expect_err("the damage is noticed beside");
    assert!(
        matches!(e.code(), "database_not_preflight" | "database_newer"),
        "{e}"
    );
    assert_eq!(
        std::fs::read(&db).expect("read"),
        damaged_bytes,
        "opening it changed nothing"
    );
    let newest = list_backups(dir.path())
        .into_iter()
        .find(|b| b.good)
        .expect("a good backup");
    let report = restore(dir.path(), &newest.path, Utc::now()).expect("restore");
    assert_eq!((report.assessments, report.answers), (1, 3));
    let aside = report.moved_aside.expect("moved aside");
    assert_eq!(
        std::fs::read(&aside).expect("kept"),
        damaged_bytes,
        "the damaged file is kept as it was"
    );
    let s = Store::open_dir(dir.path()).expect("opens again");
    assert_eq!(s.answers(id).expect("answers").len(), 3);
}

#[test]
fn restored_after_truncation() {
    damage_and_restore(|db| {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(db)
            .expect("open");
        f.set_len(1000).expect("truncate");
    });
}

#[test]
fn restored_after_zeros_in_the_middle() {
    damage_and_restore(|db| {
        let len = std::fs::metadata(db).expect("meta").len();
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(db)
            .expect("open");
        f.seek(SeekFrom::Start(len / 3)).expect("seek");
        f.write_all(&vec![0u8; (len / 3) as usize]).expect("zeros");
    });
}

#[test]
fn restored_after_a_newer_version() {
    damage_and_restore(|db| {
        let c = rusqlite::Connection::open(db).expect("open");
        c.pragma_update(None, "user_version", 999).expect("newer");
    });
}

#[test]
fn a_whole_file_checked_beside_opens_the_same_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = filled(dir.path());
    let (s, check) = Store::open_dir_checking_beside(dir.path()).expect("open");
    assert_eq!(s.answers(id).expect("answers").len(), 3);
    check.wait().expect("the file is whole");
    // A new data folder: nothing to check, and it is created as `open_dir` creates it.
    let fresh = dir.path().join("fresh");
    let (s, check) = Store::open_dir_checking_beside(&fresh).expect("create");
    check.wait().expect("a new file is whole");
    assert!(s.list_assessments(catalog()).expect("list").is_empty());
}

#[test]
fn a_migration_is_preceded_by_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = paths::db_path(dir.path());
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        preflight_store::migrations::migrations()
            .to_version(&mut conn, 4)
            .expect("v4");
        conn.pragma_update(
            None,
            "application_id",
            preflight_store::migrations::APPLICATION_ID,
        )
        .expect("id");
    }
    Store::open(&path).expect("migrates");
    let backups = list_backups(dir.path());
    assert!(
        backups
            .iter()
            .any(|b| b.reason == "before-migration" && b.good),
        "{backups:?}"
    );
}
