//! Opening the database file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::migrations::{latest_version, migrations, APPLICATION_ID};
use crate::{paths, StoreError};

/// The open database. All reads and writes of saved data go through it.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database in a data folder.
    pub fn open_dir(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        Store::open(&paths::db_path(data_dir))
    }

    /// Opens (creating if needed) a database file. A file that is not a Preflight database, or
    /// comes from a newer Preflight, is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_db(e, path))?;
        Store::from_connection(conn, path.to_path_buf())
    }

    /// A private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::from_connection(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn from_connection(mut conn: Connection, path: PathBuf) -> Result<Store, StoreError> {
        check_identity(&conn, &path)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Before a schema migration of an existing database, a checked backup. Nothing is
        // written to the file before this: a failed backup or migration refuses the file as
        // it was (the switch to WAL, which rewrites the header, comes after both).
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > 0 && version < latest_version() {
            if let Some(dir) = path.parent().filter(|_| path != Path::new(":memory:")) {
                crate::backup::write_backup(
                    &conn,
                    &crate::backup::backups_dir(dir),
                    chrono::Utc::now().naive_utc(),
                    crate::backup::Reason::BeforeMigration,
                )?;
            }
        }
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| not_a_db(e, &path))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Store { conn, path })
    }

    /// A second connection to the same file, for reading beside this one on another thread:
    /// the window reads its long lists through it while its other commands go on. WAL lets a
    /// reader run beside the writer, each read on a consistent snapshot of what was committed.
    /// It is opened read-only: a write through it fails. `None` for an in-memory database,
    /// which has no file to share.
    pub fn reader(&self) -> Result<Option<Store>, StoreError> {
        if self.path == Path::new(":memory:") {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn =
            Connection::open_with_flags(&self.path, flags).map_err(|e| not_a_db(e, &self.path))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Some(Store {
            conn,
            path: self.path.clone(),
        }))
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Refuses files that are not ours, damaged, or from a newer version. Reads only.
fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let read = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| not_a_db(e, path))
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_master")?;
    let fresh = app_id == 0 && version == 0 && objects == 0;
    if fresh {
        return Ok(());
    }
    if app_id != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase(path.to_path_buf()));
    }
    if version > latest_version() {
        return Err(StoreError::NewerDatabase {
            path: path.to_path_buf(),
            found: version,
            supported: latest_version(),
        });
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_a_db(e, path))?;
    if check != "ok" {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    Ok(())
}

fn not_a_db(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase(path.to_path_buf())
        }
        _ => StoreError::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_created_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_dir(&dir.path().join("nested")).expect("open");
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("fk");
        assert_eq!(fk, 1);
        drop(store);
        // Reopening is fine.
        Store::open_dir(&dir.path().join("nested")).expect("reopen");
    }

    #[test]
    fn a_text_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.sqlite3");
        std::fs::write(&path, "these are my notes, not a database, and long enough to matter ........................................").expect("write");
        let before = std::fs::read(&path).expect("read");
        let e = Store::open(&path).expect_err("refused");
        assert_eq!(e.code(), "database_not_preflight");
        assert!(e.to_string().contains("not a Preflight database"), "{e}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn another_programs_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("other.db");
        {
            let c = Connection::open(&path).expect("open");
            c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .expect("create");
        }
        let before = std::fs::read(&path).expect("read");
        let e = Store::open(&path).expect_err("refused");
        assert_eq!(e.code(), "database_not_preflight");
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("preflight.sqlite3");
        drop(Store::open(&path).expect("create"));
        {
            let c = Connection::open(&path).expect("open");
            c.pragma_update(None, "user_version", latest_version() + 5)
                .expect("bump");
        }
        let before = std::fs::read(&path).expect("read");
        let e = Store::open(&path).expect_err("refused");
        assert_eq!(e.code(), "database_newer");
        assert!(e.to_string().contains("newer Preflight"), "{e}");
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }
}
