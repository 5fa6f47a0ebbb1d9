//! Opening the database file.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::kept_tasks::KeptTasks;
use crate::migrations::{latest_version, migrations, APPLICATION_ID};
use crate::{paths, StoreError};

/// The open database. All reads and writes of saved data go through it.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// A read-only connection's last task list ([`crate::kept_tasks`]); `None` on the writer.
    pub(crate) kept_tasks: Option<KeptTasks>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database in a data folder.
    pub fn open_dir(data_dir: &Path) -> Result<Store, StoreError> {
        Store::open(&db_path_in(data_dir)?)
    }

    /// Opens (creating if needed) a database file. A file that is not a Preflight database, or
    /// comes from a newer Preflight, is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::from_connection(connect(path)?, path.to_path_buf(), Check::Now)
    }

    /// Opens a data folder's database like [`Store::open_dir`], but checks the whole file's
    /// pages (`PRAGMA quick_check`, which reads all of it) on another thread, beside the first
    /// work done with it, instead of before. The caller must [`FileCheck::wait`] before it
    /// writes to the database or hands out what it read: a damaged file is then refused with
    /// the same error as [`Store::open_dir`] gives. Nothing is written to the file before the
    /// check ends: a database due for a migration or not yet in WAL mode is checked first, as
    /// `open` does, and an up-to-date one is opened without writing to it.
    pub fn open_dir_checking_beside(data_dir: &Path) -> Result<(Store, FileCheck), StoreError> {
        let path = db_path_in(data_dir)?;
        let store = Store::from_connection(connect(&path)?, path, Check::Later)?;
        let check = match store.reader()? {
            Some(reader) => {
                let path = reader.path.clone();
                let handle = std::thread::spawn(move || quick_check(&reader.conn, &reader.path));
                FileCheck(Some((handle, path)))
            }
            None => FileCheck(None),
        };
        Ok((store, check))
    }

    /// A private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::from_connection(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            Check::Now,
        )
    }

    fn from_connection(
        mut conn: Connection,
        path: PathBuf,
        check: Check,
    ) -> Result<Store, StoreError> {
        let found = check_identity(&conn, &path)?;
        let version = found.version;
        let migrating = version > 0 && version < latest_version();
        // The check waits only when opening writes nothing to the file: no migration, and the
        // file already in WAL mode (switching to it rewrites the header). Reading the mode
        // changes nothing.
        let wal: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(|e| not_a_db(e, &path))?;
        let writes = migrating || !wal.eq_ignore_ascii_case("wal");
        if found.existing && (check == Check::Now || writes) {
            quick_check(&conn, &path)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Before a schema migration of an existing database, a checked backup. Nothing is
        // written to the file before this: a failed backup or migration refuses the file as
        // it was (the switch to WAL, which rewrites the header, comes after both).
        if migrating {
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
        // Written only when it is not there yet: opening an up-to-date database writes nothing
        // (setting WAL again is no change), so it can be opened before its check ends.
        if found.app_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| not_a_db(e, &path))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Store {
            conn,
            path,
            kept_tasks: None,
        })
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
            kept_tasks: Some(KeptTasks::default()),
        }))
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The database file of a data folder, the folder made first when it is not there.
fn db_path_in(data_dir: &Path) -> Result<PathBuf, StoreError> {
    std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
        path: data_dir.to_path_buf(),
        source,
    })?;
    Ok(paths::db_path(data_dir))
}

/// The read-write connection to a database file (made when it does not exist).
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    Connection::open_with_flags(path, flags).map_err(|e| not_a_db(e, path))
}

/// When a database file's pages are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Before it is opened.
    Now,
    /// Beside the first work, through a [`FileCheck`] (but first when opening writes to the
    /// file: a migration, or the switch to WAL).
    Later,
}

/// The check of a database file's pages running on another thread; see
/// [`Store::open_dir_checking_beside`].
#[derive(Debug)]
#[must_use = "the file is not known to be whole until the check is waited for"]
pub struct FileCheck(Option<(std::thread::JoinHandle<Result<(), StoreError>>, PathBuf)>);

impl FileCheck {
    /// No check to wait for: the store was opened with [`Store::open`] or
    /// [`Store::open_dir`], which check the file before they return.
    pub fn done() -> FileCheck {
        FileCheck(None)
    }

    /// Waits for the check: `Ok` when the file is whole, the error `open_dir` would have
    /// given when it is not.
    pub fn wait(self) -> Result<(), StoreError> {
        match self.0 {
            None => Ok(()),
            // A check that stopped without an answer has not shown the file whole.
            Some((handle, path)) => handle.join().unwrap_or(Err(StoreError::NotADatabase(path))),
        }
    }
}

/// What the header of an opened file says.
struct Identity {
    app_id: i64,
    version: i64,
    /// False for a new, empty file.
    existing: bool,
}

/// Refuses files that are not ours or from a newer version. Reads only.
fn check_identity(conn: &Connection, path: &Path) -> Result<Identity, StoreError> {
    let read = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| not_a_db(e, path))
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_master")?;
    let fresh = app_id == 0 && version == 0 && objects == 0;
    let found = Identity {
        app_id,
        version,
        existing: !fresh,
    };
    if fresh {
        return Ok(found);
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
    Ok(found)
}

/// Reads every page of the file and refuses it when any is damaged.
fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
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
