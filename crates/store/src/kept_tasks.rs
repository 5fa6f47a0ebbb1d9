//! The tasks a read-only connection keeps between pages of the task list.
//!
//! Every page of the window's task list is searched, filtered and sorted over all of an
//! assessment's tasks, and reading 5,000 of them takes longer than everything else the page
//! does. The reader keeps the last assessment's tasks and, once something has been written to
//! the file since, reads again only the tasks that changed.
//!
//! - SQLite's `PRAGMA data_version` changes on a connection whenever another connection (the
//!   app's writer, the CLI, another process) commits: while it stands, nothing is read.
//! - Once it moves, the lines of `task_change` written since (by triggers on the task tables,
//!   migration v8) name the tasks that changed, and only those are read again. A write to
//!   anything else (a person added, an answer) reads no task at all.
//! - The whole list is read again when the line last seen is gone or carries another mark (the
//!   file is further ahead than the lines kept, or was put back from a backup), or when more
//!   tasks changed than reading them one by one is worth.
//!
//! Only a read-only connection keeps them: a connection's own writes leave its
//! `data_version` as it was, so the writer could not tell its copy is out of date.

use std::cell::{Cell, RefCell};

use preflight_remediation::Task;
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::tasks::{load_listed_task, load_tasks_reading, TaskKey};
use crate::StoreError;

/// Above this many changed tasks the whole list is read again: one query for all of them
/// costs less than this many lookups.
const CATCH_UP_AT_MOST: usize = 250;

#[derive(Default)]
pub(crate) struct KeptTasks {
    kept: RefCell<Option<Kept>>,
    last: Cell<Refresh>,
}

/// How the last list was come by: what the tests look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Refresh {
    /// Nothing had been written to the file since the list was read.
    #[default]
    Unchanged,
    /// The file had changed, and this many tasks were read again.
    CaughtUp(usize),
    /// Every task was read.
    ReadAll,
}

struct Kept {
    assessment: Uuid,
    /// `PRAGMA data_version` before they were read.
    version: i64,
    /// The last line of `task_change` when they were read, its number and mark (`None` while
    /// the table is empty).
    last_change: Option<(i64, Vec<u8>)>,
    /// Oldest first, `keys[i]` being the place of `tasks[i]` in that order.
    keys: Vec<TaskKey>,
    tasks: Vec<Task>,
}

impl KeptTasks {
    /// `f` of the assessment's tasks (without their status history), oldest first: the kept
    /// ones, brought up to date with the file.
    pub(crate) fn with<T>(
        &self,
        conn: &Connection,
        assessment: Uuid,
        f: impl FnOnce(&[Task]) -> T,
    ) -> Result<T, StoreError> {
        // Asked before reading anything: a write landing in between changes it again, so what
        // is kept may be looked at once more than needed but is never older than its version.
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let mut kept = self.kept.borrow_mut();
        if let Some(k) = kept
            .as_ref()
            .filter(|k| k.assessment == assessment && k.version == version)
        {
            self.last.set(Refresh::Unchanged);
            return Ok(f(&k.tasks));
        }
        // One snapshot of the file for what follows, so the last change seen and the tasks
        // read agree.
        let tx = conn.unchecked_transaction()?;
        let last_change = last_change(&tx)?;
        let caught_up = match kept.as_mut().filter(|k| k.assessment == assessment) {
            Some(k) => match k.catch_up(&tx, &last_change) {
                Ok(n) => n,
                Err(e) => {
                    // Half brought up to date: not kept.
                    *kept = None;
                    return Err(e);
                }
            },
            None => None,
        };
        let k = match (caught_up, kept.as_mut()) {
            (Some(n), Some(k)) => {
                self.last.set(Refresh::CaughtUp(n));
                k
            }
            _ => {
                // Dropped first: two lists of a large assessment are never held at once.
                *kept = None;
                let (keys, tasks) = load_tasks_reading(&tx, assessment, false)?
                    .into_iter()
                    .unzip();
                self.last.set(Refresh::ReadAll);
                kept.insert(Kept {
                    assessment,
                    version,
                    last_change: None,
                    keys,
                    tasks,
                })
            }
        };
        tx.commit()?;
        k.version = version;
        k.last_change = last_change;
        Ok(f(&k.tasks))
    }

    /// How the last list was come by.
    #[cfg(test)]
    pub(crate) fn last_refresh(&self) -> Refresh {
        self.last.get()
    }
}

impl Kept {
    /// Reads again the tasks changed since the list was read, up to `now` (the last line of
    /// `task_change` in this snapshot), and says how many; `None` when the whole list must be
    /// read again instead.
    fn catch_up(
        &mut self,
        conn: &Connection,
        now: &Option<(i64, Vec<u8>)>,
    ) -> Result<Option<usize>, StoreError> {
        let since = match (&self.last_change, now) {
            (None, None) => return Ok(Some(0)),
            (Some((seq, mark)), Some(_)) => {
                let still: Option<Vec<u8>> = conn
                    .query_row("SELECT mark FROM task_change WHERE seq = ?1", [seq], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if still.as_ref() != Some(mark) {
                    return Ok(None);
                }
                *seq
            }
            // Lines where there were none, or none where there were: the file was put back.
            _ => return Ok(None),
        };
        let mut stmt =
            conn.prepare_cached("SELECT DISTINCT task_id FROM task_change WHERE seq > ?1")?;
        let changed: Vec<String> = stmt
            .query_map([since], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if changed.len() > CATCH_UP_AT_MOST {
            return Ok(None);
        }
        for id in &changed {
            let Ok(uuid) = Uuid::parse_str(id) else {
                // Not an id the list can hold: read it all, which reports a bad row.
                return Ok(None);
            };
            if let Some(i) = self.tasks.iter().position(|t| t.id == uuid) {
                self.tasks.remove(i);
                self.keys.remove(i);
            }
            if let Some((key, task)) = load_listed_task(conn, self.assessment, id)? {
                let at = self.keys.partition_point(|k| *k < key);
                self.keys.insert(at, key);
                self.tasks.insert(at, task);
            }
        }
        Ok(Some(changed.len()))
    }
}

/// The last line of `task_change`: its number and mark.
fn last_change(conn: &Connection) -> Result<Option<(i64, Vec<u8>)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT seq, mark FROM task_change ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use preflight_people::PersonInput;
    use preflight_remediation::listing::TaskQuery;
    use preflight_remediation::{NewTask, Priority, TaskEdit};
    use uuid::Uuid;

    use super::Refresh;
    use crate::test_support::{catalog, new_assessment};
    use crate::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
    }

    fn assessment(s: &mut Store) -> Uuid {
        let id = new_assessment(s);
        s.add_person(id, "Dana").expect("person");
        id
    }

    fn add(s: &mut Store, id: Uuid, title: &str) -> preflight_remediation::Task {
        let new = NewTask {
            title: title.into(),
            question_id: None,
            criteria: vec!["CC1.1".into()],
            priority: Priority::Medium,
            owner: Some("Dana".into()),
            due: None,
            notes: String::new(),
        };
        s.create_task(catalog(), id, new, today()).expect("task")
    }

    /// The reader's whole list, and how it was come by.
    fn list(reader: &Store, id: Uuid) -> (Vec<preflight_remediation::Task>, Refresh) {
        let q = TaskQuery {
            page_size: 10_000,
            ..TaskQuery::default()
        };
        let page = reader.task_page(id, &q, today()).expect("page");
        let kept = reader.kept_tasks.as_ref().expect("a reader keeps");
        (page.page.items, kept.last_refresh())
    }

    fn writers_list(s: &Store, id: Uuid) -> Vec<preflight_remediation::Task> {
        let q = TaskQuery {
            page_size: 10_000,
            ..TaskQuery::default()
        };
        s.task_page(id, &q, today()).expect("page").page.items
    }

    #[test]
    fn only_the_tasks_changed_are_read_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = Store::open_dir(dir.path()).expect("open");
        let id = assessment(&mut s);
        for n in 0..20 {
            add(&mut s, id, &format!("Task {n:02}"));
        }
        let reader = s.reader().expect("reader").expect("a file has a reader");
        let (first, how) = list(&reader, id);
        assert_eq!((first.len(), how), (20, Refresh::ReadAll));
        assert_eq!(list(&reader, id), (first.clone(), Refresh::Unchanged));

        // A write elsewhere in the file: no task is read.
        s.add_person(id, "Sam").expect("person");
        assert_eq!(list(&reader, id), (first.clone(), Refresh::CaughtUp(0)));

        // One task edited: that one alone, and in its place.
        let t = &first[3];
        let edit = TaskEdit {
            version: t.version,
            title: "Task 03, edited".into(),
            priority: Priority::High,
            owner: Some("Sam".into()),
            due: Some("2026-05-01".into()),
            notes: "more".into(),
        };
        s.update_task(t.id, edit).expect("edit");
        let (now, how) = list(&reader, id);
        assert_eq!(how, Refresh::CaughtUp(1));
        assert_eq!(now, writers_list(&s, id));
        let edited = now.iter().find(|x| x.id == t.id).expect("still listed");
        assert_eq!(edited.title, "Task 03, edited");

        // A task added, one deleted, and Dana renamed (her tasks' owner changes by cascade).
        add(&mut s, id, "Task 20");
        let gone = &now[7];
        s.delete_task(gone.id, gone.version).expect("delete");
        let dana = s.person(id, "Dana").expect("dana");
        let renamed = PersonInput {
            name: "Dana Ruiz".into(),
            ..PersonInput::default()
        };
        s.update_person(id, "Dana", dana.version, &renamed, today())
            .expect("rename");
        let (now, how) = list(&reader, id);
        // The one added, the one deleted, and Dana's 18 others (the edited one is Sam's).
        assert_eq!(how, Refresh::CaughtUp(20));
        assert_eq!(now, writers_list(&s, id));
        assert_eq!(now.len(), 20);
        assert!(now.iter().all(|t| t.owner.as_deref() != Some("Dana")));
    }

    #[test]
    fn a_change_further_back_than_the_lines_kept_reads_it_all() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = Store::open_dir(dir.path()).expect("open");
        let id = assessment(&mut s);
        add(&mut s, id, "Ours");
        let other = assessment(&mut s);
        let reader = s.reader().expect("reader").expect("a file has a reader");
        assert_eq!(list(&reader, id).1, Refresh::ReadAll);
        // 600 tasks elsewhere, each with a criterion: 1,200 lines, more than are kept.
        for n in 0..600 {
            add(&mut s, other, &format!("Theirs {n}"));
        }
        let lines: i64 = s
            .conn
            .query_row("SELECT count(*) FROM task_change", [], |r| r.get(0))
            .expect("lines");
        assert_eq!(lines, 1_000);
        let (now, how) = list(&reader, id);
        assert_eq!(how, Refresh::ReadAll);
        assert_eq!(now, writers_list(&s, id));
        // Another assessment's tasks changed: read again, none of them kept for this one.
        add(&mut s, other, "Theirs, one more");
        assert_eq!(list(&reader, id), (now, Refresh::CaughtUp(1)));
    }

    #[test]
    fn lines_with_other_marks_read_it_all() {
        // The file put back from a backup and changed again reaches the same line numbers.
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = Store::open_dir(dir.path()).expect("open");
        let id = assessment(&mut s);
        let t = add(&mut s, id, "Ours");
        let reader = s.reader().expect("reader").expect("a file has a reader");
        assert_eq!(list(&reader, id).1, Refresh::ReadAll);
        // Behind the triggers' back, as the file put back would be: the title changed and
        // every line given another mark.
        s.conn
            .execute_batch("DROP TRIGGER task_change_on_update")
            .expect("drop");
        s.conn
            .execute(
                "UPDATE task SET title = 'Ours, from the backup' WHERE id = ?1",
                [t.id.to_string()],
            )
            .expect("title");
        s.conn
            .execute("UPDATE task_change SET mark = randomblob(8)", [])
            .expect("marks");
        let (now, how) = list(&reader, id);
        assert_eq!(how, Refresh::ReadAll);
        assert_eq!(now[0].title, "Ours, from the backup");
    }
}
