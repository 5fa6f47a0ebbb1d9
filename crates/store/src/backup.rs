//! Rolling backups of the database, and getting the work back from one.
//!
//! - A backup is a consistent copy written by SQLite itself (`VACUUM INTO`, never a file copy
//!   of a live database) into `backups/` beside the database, under a timestamped name; it is
//!   checked with `PRAGMA integrity_check` once written, and a failed one is deleted and
//!   reported, never kept.
//! - Preflight writes one on launch at most once a day, and one before every schema migration.
//!   Rotation keeps the newest backup of each of the last 7 days that have one, and the newest
//!   of each of the 4 weeks before those; the newest backup of all is always kept.
//! - Evidence files are not copied again: they stay in the evidence folder, and a restore
//!   checks each against its recorded SHA-256 and lists any missing or changed.
//! - Restoring moves the current database file aside under a timestamped name (never deleting
//!   it), puts the backup in its place and opens it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::{paths, Store, StoreError};

/// The folder backups are kept in, beside the database file.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

const PREFIX: &str = "preflight-";
const SUFFIX: &str = ".sqlite3";
/// To the millisecond, so two backups taken in the same second still sort by when they were
/// taken.
const STAMP: &str = "%Y-%m-%dT%H%M%S%3f";
const STAMP_LEN: usize = 20;
/// Daily backups kept, and weekly ones before them.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Daily,
    Manual,
    BeforeMigration,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Manual => "manual",
            Reason::BeforeMigration => "before-migration",
        }
    }
}

/// A backup on disk and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    pub reason: String,
    pub size: u64,
    /// Whether it passed the integrity check and is a Preflight database this build can open.
    pub good: bool,
    pub assessments: i64,
    pub answers: i64,
    /// The latest change to any assessment it holds (RFC 3339), if any.
    pub last_change: Option<String>,
}

fn file_name(at: NaiveDateTime, reason: Reason) -> String {
    format!("{PREFIX}{}-{}{SUFFIX}", at.format(STAMP), reason.as_str())
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, String)> {
    let core = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let stamp = core.get(..STAMP_LEN)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let reason = core.get(STAMP_LEN + 1..).unwrap_or_default().to_string();
    Some((at, reason))
}

/// Writes a consistent copy of the database behind `conn` into `dir`, checks it, and returns
/// its path. A copy that fails the check is deleted and reported.
pub(crate) fn write_backup(
    conn: &Connection,
    dir: &Path,
    at: NaiveDateTime,
    reason: Reason,
) -> Result<PathBuf, StoreError> {
    std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut target = dir.join(file_name(at, reason));
    let mut n = 1;
    while target.exists() {
        target = dir.join(file_name(at, reason).replace(SUFFIX, &format!("-{n}{SUFFIX}")));
        n += 1;
    }
    let partial = target.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let text = partial.to_str().ok_or_else(|| StoreError::BackupFailed {
        path: partial.clone(),
        reason: "the path is not valid text".into(),
    })?;
    conn.execute("VACUUM INTO ?1", [text]).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        StoreError::BackupFailed {
            path: target.clone(),
            reason: e.to_string(),
        }
    })?;
    match check(&partial) {
        Ok(()) => {}
        Err(reason) => {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::BackupFailed {
                path: target,
                reason,
            });
        }
    }
    std::fs::rename(&partial, &target).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        StoreError::BackupFailed {
            path: target.clone(),
            reason: e.to_string(),
        }
    })?;
    Ok(target)
}

/// Runs `PRAGMA integrity_check` on a file, read-only.
fn check(path: &Path) -> Result<(), String> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if result == "ok" {
        Ok(())
    } else {
        Err(format!("the integrity check says: {result}"))
    }
}

/// What a backup file holds, read-only; `good` is false when it is damaged or not ours.
fn inspect(path: &Path, at: NaiveDateTime, reason: String) -> BackupInfo {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut info = BackupInfo {
        path: path.to_path_buf(),
        taken_at: at,
        reason,
        size,
        good: false,
        assessments: 0,
        answers: 0,
        last_change: None,
    };
    if check(path).is_err() {
        return info;
    }
    let Ok(conn) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return info;
    };
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap_or(0);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(i64::MAX);
    if app != crate::migrations::APPLICATION_ID || version > crate::migrations::latest_version() {
        return info;
    }
    info.assessments = conn
        .query_row("SELECT count(*) FROM assessment", [], |r| r.get(0))
        .unwrap_or(0);
    info.answers = conn
        .query_row("SELECT count(*) FROM answer", [], |r| r.get(0))
        .unwrap_or(0);
    info.last_change = conn
        .query_row("SELECT max(updated_at) FROM assessment", [], |r| r.get(0))
        .unwrap_or(None);
    info.good = true;
    info
}

/// The backups in a data folder, newest first, each with what it holds.
pub fn list_backups(data_dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(backups_dir(data_dir)) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (at, reason) = parse_name(&name)?;
            Some(inspect(&e.path(), at, reason))
        })
        .collect();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    out
}

/// The backups rotation keeps: the newest of each of the last 7 days with a backup, then the
/// newest of each of the 4 ISO weeks before those; the newest of all always.
pub fn to_keep(taken: &[NaiveDateTime]) -> Vec<NaiveDateTime> {
    let mut sorted: Vec<NaiveDateTime> = taken.to_vec();
    sorted.sort_by(|a, b| b.cmp(a));
    let mut keep = Vec::new();
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut weeks: Vec<(i32, u32)> = Vec::new();
    for t in &sorted {
        let day = t.date();
        if days.len() < KEEP_DAILY && !days.contains(&day) {
            days.push(day);
            keep.push(*t);
            continue;
        }
        if days.contains(&day) {
            continue;
        }
        let w = day.iso_week();
        let week = (w.year(), w.week());
        if weeks.len() < KEEP_WEEKLY
            && !weeks.contains(&week)
            && !days
                .iter()
                .any(|d| (d.iso_week().year(), d.iso_week().week()) == week)
        {
            weeks.push(week);
            keep.push(*t);
        }
    }
    keep
}

/// Deletes the backups rotation does not keep.
pub fn rotate(data_dir: &Path) {
    let all = list_backups(data_dir);
    let keep = to_keep(&all.iter().map(|b| b.taken_at).collect::<Vec<_>>());
    for b in all {
        if !keep.contains(&b.taken_at) {
            let _ = std::fs::remove_file(&b.path);
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    pub restored_from: PathBuf,
    /// Where the database that was replaced now is (kept, never deleted), if there was one.
    pub moved_aside: Option<PathBuf>,
    pub assessments: i64,
    pub answers: i64,
    /// Evidence files missing or changed since they were recorded.
    pub evidence_problems: Vec<String>,
}

impl Store {
    /// Writes a backup now (checked), then rotates the folder. Returns what it holds.
    pub fn backup_now(&self, reason: Reason, now: DateTime<Utc>) -> Result<BackupInfo, StoreError> {
        let data_dir = self.path().parent().map(Path::to_path_buf).ok_or_else(|| {
            StoreError::BackupFailed {
                path: self.path().to_path_buf(),
                reason: "the database has no folder".into(),
            }
        })?;
        let path = write_backup(&self.conn, &backups_dir(&data_dir), now.naive_utc(), reason)?;
        rotate(&data_dir);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (at, why) = parse_name(&name).unwrap_or((now.naive_utc(), reason.as_str().into()));
        Ok(inspect(&path, at, why))
    }

    /// A backup on launch, at most once a day (UTC): none when one was already taken today.
    pub fn daily_backup(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>, StoreError> {
        let Some(data_dir) = self.path().parent() else {
            return Ok(None);
        };
        if self.path() == Path::new(":memory:") {
            return Ok(None);
        }
        let today = now.date_naive();
        if list_backups(data_dir)
            .iter()
            .any(|b| b.taken_at.date() == today && b.good)
        {
            return Ok(None);
        }
        self.backup_now(Reason::Daily, now).map(Some)
    }
}

/// Restores a backup into a data folder: checks it, moves the current database aside (kept
/// under a timestamped name), puts the backup in its place, opens it, and checks the evidence
/// files against their SHA-256.
pub fn restore(
    data_dir: &Path,
    backup: &Path,
    now: DateTime<Utc>,
) -> Result<RestoreReport, StoreError> {
    check(backup).map_err(|reason| StoreError::BackupFailed {
        path: backup.to_path_buf(),
        reason,
    })?;
    let db = paths::db_path(data_dir);
    let stamp = now.naive_utc().format(STAMP).to_string();
    let mut moved_aside = None;
    if db.exists() {
        let aside = data_dir.join(format!("preflight.sqlite3.damaged-{stamp}"));
        std::fs::rename(&db, &aside).map_err(|source| StoreError::File {
            path: db.clone(),
            source,
        })?;
        for ext in ["-wal", "-shm"] {
            let side = data_dir.join(format!("preflight.sqlite3{ext}"));
            if side.exists() {
                let _ = std::fs::rename(
                    &side,
                    data_dir.join(format!("preflight.sqlite3.damaged-{stamp}{ext}")),
                );
            }
        }
        moved_aside = Some(aside);
    }
    let partial = data_dir.join("preflight.sqlite3.restoring");
    std::fs::copy(backup, &partial).map_err(|source| StoreError::File {
        path: partial.clone(),
        source,
    })?;
    std::fs::rename(&partial, &db).map_err(|source| StoreError::File {
        path: db.clone(),
        source,
    })?;
    let store = Store::open(&db)?;
    let mut problems = Vec::new();
    let ids: Vec<String> = {
        let mut stmt = store.conn.prepare("SELECT id FROM assessment")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in ids {
        let id = crate::tasks::uuid(&id)?;
        let evidence = store.evidence(id)?;
        let report = crate::evidence::verify_files(data_dir, &evidence, &mut |_, _| {});
        for c in report.tampered.iter() {
            problems.push(format!(
                "{}: changed since it was recorded",
                c.evidence.original_name
            ));
        }
        for c in report.missing.iter() {
            problems.push(format!(
                "{}: missing from the evidence folder",
                c.evidence.original_name
            ));
        }
    }
    let assessments = store
        .conn
        .query_row("SELECT count(*) FROM assessment", [], |r| r.get(0))?;
    let answers = store
        .conn
        .query_row("SELECT count(*) FROM answer", [], |r| r.get(0))?;
    Ok(RestoreReport {
        restored_from: backup.to_path_buf(),
        moved_aside,
        assessments,
        answers,
        evidence_problems: problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|x| x.and_hms_opt(h, 0, 0))
            .expect("time")
    }

    #[test]
    fn names_round_trip() {
        let t = at(2026, 12, 2, 15);
        let n = file_name(t, Reason::BeforeMigration);
        assert_eq!(parse_name(&n), Some((t, "before-migration".into())));
        assert_eq!(parse_name("other.sqlite3"), None);
    }

    #[test]
    fn rotation_keeps_seven_days_and_four_weeks() {
        // Two backups a day for 60 days.
        let mut all = Vec::new();
        for day in 0..60 {
            let d = NaiveDate::from_ymd_opt(2026, 1, 1).expect("d") + chrono::Days::new(day);
            all.push(d.and_hms_opt(9, 0, 0).expect("t"));
            all.push(d.and_hms_opt(18, 0, 0).expect("t"));
        }
        let keep = to_keep(&all);
        assert_eq!(keep.len(), KEEP_DAILY + KEEP_WEEKLY);
        let newest = *all.iter().max().expect("max");
        assert!(keep.contains(&newest));
        // Daily: the evening backup of each of the last 7 days.
        for back in 0..7u64 {
            let d = newest.date() - chrono::Days::new(back);
            assert!(keep.contains(&d.and_hms_opt(18, 0, 0).expect("t")), "{d}");
        }
        // A single backup is always kept.
        assert_eq!(to_keep(&[at(2026, 1, 1, 1)]), vec![at(2026, 1, 1, 1)]);
    }
}
