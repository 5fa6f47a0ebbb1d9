//! The tasks a read-only connection keeps between pages of the task list.
//!
//! Every page of the window's task list is searched, filtered and sorted over all of an
//! assessment's tasks, and reading 5,000 of them takes longer than everything else the page
//! does. The reader keeps the last assessment's tasks and reads them again only once something
//! has been written to the file since: SQLite's `PRAGMA data_version` changes on a connection
//! whenever another connection (the app's writer, the CLI, another process) commits. Only a
//! read-only connection keeps them: a connection's own writes leave its `data_version` as it
//! was, so the writer could not tell its copy is out of date.

use std::cell::RefCell;

use preflight_remediation::Task;
use rusqlite::Connection;
use uuid::Uuid;

use crate::StoreError;

#[derive(Default)]
pub(crate) struct KeptTasks(RefCell<Option<Kept>>);

struct Kept {
    assessment: Uuid,
    /// `PRAGMA data_version` before they were read.
    version: i64,
    tasks: Vec<Task>,
}

impl KeptTasks {
    /// `f` of the assessment's tasks: the kept ones while the file is unchanged since they
    /// were read, else the ones `read` gives, which are kept instead.
    pub(crate) fn with<T>(
        &self,
        conn: &Connection,
        assessment: Uuid,
        read: impl FnOnce() -> Result<Vec<Task>, StoreError>,
        f: impl FnOnce(&[Task]) -> T,
    ) -> Result<T, StoreError> {
        // Asked before reading: a write landing in between changes it again, so what is kept
        // may be read once more than needed but is never older than its version says.
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let mut kept = self.0.borrow_mut();
        if let Some(k) = kept
            .as_ref()
            .filter(|k| k.assessment == assessment && k.version == version)
        {
            return Ok(f(&k.tasks));
        }
        // Dropped first: two lists of a large assessment are never held at once.
        *kept = None;
        let tasks = read()?;
        let out = f(&tasks);
        *kept = Some(Kept {
            assessment,
            version,
            tasks,
        });
        Ok(out)
    }
}
