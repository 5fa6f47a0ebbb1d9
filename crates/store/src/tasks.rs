//! Remediation work: the people list, tasks with their status history, the projected ready
//! date, and the recurring duties ticked off for the Type 2 calendar.
//!
//! Each save is its own transaction. A task update carries the version it was made on and is
//! saved only while that is still the saved version (`UPDATE … WHERE version = ?`), so an edit
//! made in a second window on an older copy is refused and the first edit is kept.

use std::collections::HashMap;

use chrono::NaiveDate;
use preflight_assessment::gap::gaps;
use preflight_assessment::AssessmentError;
use preflight_catalog::Catalog;
use preflight_remediation::listing::{task_page as task_page_of, TaskPage, TaskQuery};
use preflight_remediation::projection::project;
use preflight_remediation::recurring::calendar;
use preflight_remediation::task::open_tasks_of_question;
use preflight_remediation::{
    Calendar, Duty, DutyOccurrence, NewOccurrence, NewTask, People, Priority, ProjectedReady,
    RemediationError, RiskAcceptance, StatusChange, StatusRequest, Task, TaskEdit, TaskStatus,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use uuid::Uuid;

use crate::{Store, StoreError};

impl Store {
    // ---- people ----

    /// The people list of an assessment, in the order they were added.
    pub fn people(&self, assessment_id: Uuid) -> Result<People, StoreError> {
        self.require_assessment(assessment_id)?;
        people_of(&self.conn, assessment_id)
    }

    /// Adds a person to an assessment's people list; returns the name as saved (trimmed).
    pub fn add_person(&mut self, assessment_id: Uuid, name: &str) -> Result<String, StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let mut people = people_of(&tx, assessment_id)?;
        let name = people.add(name)?;
        tx.execute(
            "INSERT INTO person (assessment_id, name, position)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM person WHERE assessment_id = ?1))",
            params![assessment_id.to_string(), name],
        )?;
        tx.commit()?;
        Ok(name)
    }

    /// Removes a person from the list. Refused while they own tasks.
    pub fn remove_person(&mut self, assessment_id: Uuid, name: &str) -> Result<(), StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let Some(saved) = people.find(name).map(str::to_string) else {
            return Err(RemediationError::UnknownPerson(name.trim().to_string()).into());
        };
        let owned: i64 = tx.query_row(
            "SELECT (SELECT count(*) FROM task WHERE assessment_id = ?1 AND owner = ?2)
                  + (SELECT count(*) FROM risk WHERE assessment_id = ?1 AND owner = ?2)
                  + (SELECT count(*) FROM vendor WHERE assessment_id = ?1 AND owner = ?2)
                  + (SELECT count(*) FROM policy WHERE assessment_id = ?1 AND owner = ?2)
                  + (SELECT count(*) FROM request_state WHERE assessment_id = ?1 AND owner = ?2)",
            params![assessment_id.to_string(), saved],
            |r| r.get(0),
        )?;
        if owned > 0 {
            return Err(RemediationError::PersonOwnsTasks {
                name: saved,
                tasks: count(owned),
            }
            .into());
        }
        tx.execute(
            "DELETE FROM person WHERE assessment_id = ?1 AND name = ?2",
            params![assessment_id.to_string(), saved],
        )?;
        tx.commit()?;
        Ok(())
    }

    // ---- tasks ----

    /// Creates a task (from [`NewTask::from_gap`] or typed in), "to do" as of `today`. A
    /// linked question must apply to the assessment's scope; the owner must be on its people
    /// list.
    pub fn create_task(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        new: NewTask,
        today: NaiveDate,
    ) -> Result<Task, StoreError> {
        let assessment = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &assessment);
        let catalog: &Catalog = &effective;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let task = new.build(catalog, assessment_id, &people, today)?;
        if let Some(qid) = &task.question_id {
            let applies = catalog
                .question(qid)
                .is_some_and(|q| assessment.scope.applies(catalog, q));
            if !applies {
                return Err(AssessmentError::QuestionOutOfScope(qid.clone()).into());
            }
        }
        insert_task(&tx, &task)?;
        tx.commit()?;
        Ok(task)
    }

    /// Every task of an assessment, oldest first.
    pub fn tasks(&self, assessment_id: Uuid) -> Result<Vec<Task>, StoreError> {
        self.require_assessment(assessment_id)?;
        load_tasks(&self.conn, assessment_id)
    }

    /// One page of an assessment's task list: search, filters and sorting over every task
    /// (rules in [`preflight_remediation::listing`]), then the page asked for. Nothing the
    /// list filters or sorts on is in the status history, so the history is read only for
    /// the page's tasks, not for the thousands a long-lived company has. A read-only
    /// connection keeps the tasks between pages and reads again only those that changed
    /// (`kept_tasks`).
    pub fn task_page(
        &self,
        assessment_id: Uuid,
        query: &TaskQuery,
        today: NaiveDate,
    ) -> Result<TaskPage, StoreError> {
        self.require_assessment(assessment_id)?;
        // Without their history until they are on the page (never seen outside this function).
        let mut page = match &self.kept_tasks {
            Some(kept) => kept.with(&self.conn, assessment_id, |tasks| {
                task_page_of(tasks, query, today)
            })?,
            None => {
                let tasks: Vec<Task> = load_tasks_reading(&self.conn, assessment_id, false)?
                    .into_iter()
                    .map(|(_, task)| task)
                    .collect();
                task_page_of(&tasks, query, today)
            }
        };
        for task in &mut page.page.items {
            let id = task.id.to_string();
            // One task's: the map holds it alone, or nothing.
            task.history = history_of(&self.conn, "t.id = ?1", &id)?
                .into_values()
                .next()
                .unwrap_or_default();
        }
        Ok(page)
    }

    /// Every task's id and title, oldest first: all that a list naming tasks needs (the
    /// evidence list and its task picker), without reading criteria and history.
    pub fn task_titles(&self, assessment_id: Uuid) -> Result<Vec<(Uuid, String)>, StoreError> {
        self.require_assessment(assessment_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title FROM task WHERE assessment_id = ?1 ORDER BY created_on, rowid",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (id, title) = row?;
            Ok((uuid(&id)?, title))
        })
        .collect()
    }

    /// One task by id.
    pub fn task(&self, id: Uuid) -> Result<Task, StoreError> {
        load_task(&self.conn, id)
    }

    /// Saves an edit of a task's fields. Refused with `stale_version` when the task changed
    /// since `edit.version`; nothing is written then.
    pub fn update_task(&mut self, id: Uuid, edit: TaskEdit) -> Result<Task, StoreError> {
        let tx = self.conn.transaction()?;
        let current = load_task(&tx, id)?;
        let people = people_of(&tx, current.assessment_id)?;
        let next = current.edit(edit, &people)?;
        save_change(&tx, &current, &next)?;
        tx.commit()?;
        Ok(next)
    }

    /// Changes a task's status as of `today`, keeping the change in its history. "Risk
    /// accepted" needs a justification and who accepted it. Refused with `stale_version` when
    /// the task changed since `request.version`. After marking a task done, offer to answer its
    /// question again with [`preflight_remediation::task::reanswer_prompt`].
    pub fn set_task_status(
        &mut self,
        id: Uuid,
        request: StatusRequest,
        today: NaiveDate,
    ) -> Result<Task, StoreError> {
        let tx = self.conn.transaction()?;
        let current = load_task(&tx, id)?;
        let next = current.change_status(request, today)?;
        save_change(&tx, &current, &next)?;
        tx.commit()?;
        Ok(next)
    }

    /// Deletes a task and its history. Refused when the task changed since `version`, and while
    /// evidence that is not removed is attached to it.
    pub fn delete_task(&mut self, id: Uuid, version: u32) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let current = load_task(&tx, id)?;
        current.check_version(version)?;
        let attached: i64 = tx.query_row(
            "SELECT count(*) FROM evidence WHERE task_id = ?1 AND removed_at IS NULL",
            [id.to_string()],
            |r| r.get(0),
        )?;
        if attached > 0 {
            return Err(StoreError::TaskHasEvidence {
                count: count(attached),
            });
        }
        tx.execute(
            "DELETE FROM task WHERE id = ?1 AND version = ?2",
            params![id.to_string(), i64::from(version)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The open tasks (to do, in progress) linked to a question: what to offer closing when
    /// the question is answered Yes.
    pub fn open_tasks_for_question(
        &self,
        assessment_id: Uuid,
        question_id: &str,
    ) -> Result<Vec<Task>, StoreError> {
        let tasks = self.tasks(assessment_id)?;
        Ok(open_tasks_of_question(&tasks, question_id)
            .into_iter()
            .cloned()
            .collect())
    }

    /// Marks done, as of `today`, every open task linked to a question, in one transaction.
    /// Call it only after the user confirmed. Returns the tasks closed.
    pub fn close_tasks_for_question(
        &mut self,
        assessment_id: Uuid,
        question_id: &str,
        today: NaiveDate,
    ) -> Result<Vec<Task>, StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let tasks = load_tasks(&tx, assessment_id)?;
        let mut closed = Vec::new();
        for t in open_tasks_of_question(&tasks, question_id) {
            let next = t.closed(today)?;
            save_change(&tx, t, &next)?;
            closed.push(next);
        }
        tx.commit()?;
        Ok(closed)
    }

    /// The projected ready date of an assessment as of `today`; the rule is
    /// [`preflight_remediation::projection::RULE`].
    pub fn projected_ready_date(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
        today: NaiveDate,
    ) -> Result<ProjectedReady, StoreError> {
        let a = self.assessment(assessment_id)?;
        let answers = self.answers(assessment_id)?;
        let tasks = self.tasks(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let catalog: &Catalog = &effective;
        Ok(project(&gaps(catalog, &a.scope, &answers), &tasks, today))
    }

    // ---- recurring duties ----

    /// Ticks off a recurring duty: done on a day, with optional evidence of this assessment.
    pub fn record_duty(
        &mut self,
        assessment_id: Uuid,
        new: NewOccurrence,
    ) -> Result<DutyOccurrence, StoreError> {
        self.require_assessment(assessment_id)?;
        if matches!(new.duty, Duty::Onboarding | Duty::Offboarding) {
            return Err(StoreError::DutyFromPeople(new.duty.label().to_string()));
        }
        let o = new.build(assessment_id)?;
        let tx = self.conn.transaction()?;
        if let Some(eid) = o.evidence_id {
            let ok = tx
                .query_row(
                    "SELECT 1 FROM evidence WHERE id = ?1 AND assessment_id = ?2 AND removed_at IS NULL",
                    params![eid.to_string(), assessment_id.to_string()],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if !ok {
                return Err(StoreError::UnknownEvidence(eid.to_string()));
            }
        }
        insert_occurrence(&tx, &o)?;
        tx.commit()?;
        Ok(o)
    }

    /// Every recorded occurrence of an assessment, by date.
    pub fn duty_occurrences(&self, assessment_id: Uuid) -> Result<Vec<DutyOccurrence>, StoreError> {
        self.require_assessment(assessment_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, duty, done_on, evidence_id, note FROM duty_occurrence
             WHERE assessment_id = ?1 ORDER BY done_on, rowid",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, duty, done_on, evidence_id, note) = row?;
            out.push(DutyOccurrence {
                id: uuid(&id)?,
                assessment_id,
                duty: Duty::parse(&duty).map_err(|_| bad("duty", &duty))?,
                done_on: date(&done_on)?,
                evidence_id: evidence_id.as_deref().map(uuid).transpose()?,
                note,
            });
        }
        Ok(out)
    }

    /// Unticks a recorded occurrence.
    pub fn remove_duty_occurrence(&mut self, id: Uuid) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "DELETE FROM duty_occurrence WHERE id = ?1",
            [id.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::UnknownOccurrence(id.to_string()));
        }
        Ok(())
    }

    /// The Type 2 calendar of recurring duties over the assessment's observation period.
    /// Refused (`no_observation_period`) for a Type 1 assessment.
    pub fn duty_calendar(&self, assessment_id: Uuid) -> Result<Calendar, StoreError> {
        let a = self.assessment(assessment_id)?;
        let period = a
            .scope
            .observation
            .ok_or(RemediationError::NoObservationPeriod)?;
        let mut occurrences: Vec<DutyOccurrence> = self
            .duty_occurrences(assessment_id)?
            .into_iter()
            .filter(|o| !matches!(o.duty, Duty::Onboarding | Duty::Offboarding))
            .collect();
        occurrences.extend(people_occurrences(
            assessment_id,
            &period,
            &crate::people::load_persons(&self.conn, assessment_id)?,
        ));
        Ok(calendar(&period, &occurrences))
    }

    pub(crate) fn require_assessment(&self, id: Uuid) -> Result<(), StoreError> {
        if self.has_assessment(id)? {
            Ok(())
        } else {
            Err(StoreError::UnknownAssessment(id.to_string()))
        }
    }
}

/// The onboarding and offboarding occurrences the people register holds for the window: a
/// hire inside it on their start date, a leaver on the day their access was removed (or, with no removal recorded, no
/// occurrence: the register flags it). They are not saved: each reading derives them afresh.
pub(crate) fn people_occurrences(
    assessment_id: Uuid,
    period: &preflight_assessment::ObservationPeriod,
    people: &[preflight_people::Person],
) -> Vec<DutyOccurrence> {
    let id = |_: &str, _: &str| Uuid::new_v4();
    let mut out = Vec::new();
    let hires = preflight_people::hires(people, period);
    let leavers = preflight_people::leavers(people, period);
    for p in people {
        let hired = hires.iter().any(|h| h.name == p.name);
        let left = leavers.iter().any(|l| l.name == p.name);
        if let Some(start) = p.start_date.filter(|_| hired) {
            out.push(DutyOccurrence {
                id: id("onboarding", &p.name),
                assessment_id,
                duty: Duty::Onboarding,
                done_on: start,
                evidence_id: None,
                note: format!(
                    "{} joined ({}); background check: {}.",
                    p.name,
                    p.role,
                    p.background_check.label()
                ),
            });
        }
        if let (Some(end), Some(removed), true) = (p.end_date, p.access_removed_on, left) {
            let deadline = preflight_people::offboarding_deadline(end);
            out.push(DutyOccurrence {
                id: id("offboarding", &p.name),
                assessment_id,
                duty: Duty::Offboarding,
                done_on: removed,
                evidence_id: None,
                note: format!(
                    "{} left on {end}; access removed on {removed}{}.",
                    p.name,
                    if removed > deadline {
                        format!(", after the deadline of {deadline}")
                    } else {
                        String::new()
                    }
                ),
            });
        }
    }
    out
}

/// Saves a ticked-off duty occurrence (inside the caller's transaction).
pub(crate) fn insert_occurrence(conn: &Connection, o: &DutyOccurrence) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO duty_occurrence (id, assessment_id, duty, done_on, evidence_id, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            o.id.to_string(),
            o.assessment_id.to_string(),
            o.duty.as_str(),
            o.done_on.to_string(),
            o.evidence_id.map(|e| e.to_string()),
            o.note,
        ],
    )?;
    Ok(())
}

pub(crate) fn people_of(conn: &Connection, assessment_id: Uuid) -> Result<People, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM person WHERE assessment_id = ?1 ORDER BY position, name",
    )?;
    let names = stmt
        .query_map([assessment_id.to_string()], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(People::from_names(names))
}

pub(crate) fn insert_task(tx: &Transaction<'_>, t: &Task) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO task (id, assessment_id, title, question_id, priority, owner, due_date, notes,
                           status, risk_justification, risk_accepted_by, version, created_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            t.id.to_string(),
            t.assessment_id.to_string(),
            t.title,
            t.question_id,
            t.priority.as_str(),
            t.owner,
            t.due.map(|d| d.to_string()),
            t.notes,
            t.status.as_str(),
            t.risk.as_ref().map(|r| r.justification.as_str()),
            t.risk.as_ref().map(|r| r.accepted_by.as_str()),
            i64::from(t.version),
            t.created_on.to_string(),
        ],
    )?;
    for (i, c) in t.criteria.iter().enumerate() {
        tx.execute(
            "INSERT INTO task_criterion (task_id, position, criterion_id) VALUES (?1, ?2, ?3)",
            params![t.id.to_string(), seq(i), c],
        )?;
    }
    insert_history(tx, t, 0)
}

fn insert_history(tx: &Transaction<'_>, t: &Task, from: usize) -> Result<(), StoreError> {
    for (i, h) in t.history.iter().enumerate().skip(from) {
        tx.execute(
            "INSERT INTO task_status_change (task_id, seq, status, changed_on, risk_justification,
                                             risk_accepted_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                t.id.to_string(),
                seq(i),
                h.status.as_str(),
                h.on.to_string(),
                h.risk.as_ref().map(|r| r.justification.as_str()),
                h.risk.as_ref().map(|r| r.accepted_by.as_str()),
            ],
        )?;
    }
    Ok(())
}

/// Writes `next` over `current`, only while the saved version is still `current.version`.
fn save_change(tx: &Transaction<'_>, current: &Task, next: &Task) -> Result<(), StoreError> {
    if next.version == current.version {
        return Ok(()); // nothing changed
    }
    let n = tx.execute(
        "UPDATE task SET title = ?3, priority = ?4, owner = ?5, due_date = ?6, notes = ?7,
                         status = ?8, risk_justification = ?9, risk_accepted_by = ?10, version = ?11
         WHERE id = ?1 AND version = ?2",
        params![
            current.id.to_string(),
            i64::from(current.version),
            next.title,
            next.priority.as_str(),
            next.owner,
            next.due.map(|d| d.to_string()),
            next.notes,
            next.status.as_str(),
            next.risk.as_ref().map(|r| r.justification.as_str()),
            next.risk.as_ref().map(|r| r.accepted_by.as_str()),
            i64::from(next.version),
        ],
    )?;
    if n == 0 {
        let saved = load_task(tx, current.id)?;
        return Err(RemediationError::StaleVersion {
            yours: current.version,
            saved: saved.version,
        }
        .into());
    }
    insert_history(tx, next, current.history.len())
}

/// A task's row, its ids, dates, priority and status read where SQLite holds them (without a
/// copy each: at 20,000 tasks, six fewer allocations a row).
struct TaskRow {
    id: Uuid,
    assessment_id: Uuid,
    title: String,
    question_id: Option<String>,
    priority: Priority,
    owner: Option<String>,
    due: Option<NaiveDate>,
    notes: String,
    status: TaskStatus,
    justification: Option<String>,
    accepted_by: Option<String>,
    version: i64,
    created_on: NaiveDate,
    /// SQLite's own number for the row: what its criteria and history are joined on here (an
    /// integer is cheaper to keep and look up than the id's 36 characters).
    rowid: i64,
}

const TASK_COLUMNS: &str = "id, assessment_id, title, question_id, priority, owner, due_date, \
     notes, status, risk_justification, risk_accepted_by, version, created_on, rowid";

fn task_row(r: &rusqlite::Row<'_>) -> Result<TaskRow, StoreError> {
    let text = |i: usize, what: &str| -> Result<Option<&str>, StoreError> {
        r.get_ref(i)?
            .as_str_or_null()
            .map_err(|_| bad(what, "not text"))
    };
    let required = |i: usize, what: &str| -> Result<&str, StoreError> {
        text(i, what)?.ok_or_else(|| bad(what, "missing"))
    };
    let priority = required(4, "priority")?;
    Ok(TaskRow {
        id: uuid(required(0, "task id")?)?,
        assessment_id: uuid(required(1, "assessment id")?)?,
        title: r.get(2)?,
        question_id: r.get(3)?,
        priority: Priority::parse(priority).map_err(|_| bad("priority", priority))?,
        owner: r.get(5)?,
        due: text(6, "due date")?.map(date).transpose()?,
        notes: r.get(7)?,
        status: status(required(8, "task status")?)?,
        justification: r.get(9)?,
        accepted_by: r.get(10)?,
        version: r.get(11)?,
        created_on: date(required(12, "date")?)?,
        rowid: r.get(13)?,
    })
}

fn load_task(conn: &Connection, id: Uuid) -> Result<Task, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM task WHERE id = ?1"))?;
    let mut rows = stmt.query([id.to_string()])?;
    let row = match rows.next()? {
        Some(r) => task_row(r)?,
        None => return Err(StoreError::UnknownTask(id.to_string())),
    };
    let mut extras = task_extras(conn, "t.id = ?1", &id.to_string())?;
    build_task(row, &mut extras)
}

fn load_tasks(conn: &Connection, assessment_id: Uuid) -> Result<Vec<Task>, StoreError> {
    Ok(load_tasks_reading(conn, assessment_id, true)?
        .into_iter()
        .map(|(_, task)| task)
        .collect())
}

/// Where a task stands in the order "oldest first": its day of creation, then SQLite's own
/// number for its row (the order of `ORDER BY created_on, rowid`).
pub(crate) type TaskKey = (NaiveDate, i64);

/// Every task of an assessment, oldest first with their places in that order, with or
/// without their status history (left empty when not read).
pub(crate) fn load_tasks_reading(
    conn: &Connection,
    assessment_id: Uuid,
    with_history: bool,
) -> Result<Vec<(TaskKey, Task)>, StoreError> {
    let aid = assessment_id.to_string();
    // Put in order here rather than by SQLite: its ORDER BY sorts every row whole in a
    // temporary b-tree, which took four times as long as reading them (20,000 tasks).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS} FROM task WHERE assessment_id = ?1"
    ))?;
    let mut rows = Vec::new();
    let mut read = stmt.query([&aid])?;
    while let Some(r) = read.next()? {
        rows.push(task_row(r)?);
    }
    rows.sort_unstable_by_key(|row| (row.created_on, row.rowid));
    let filter = "t.assessment_id = ?1";
    let mut extras = Extras {
        criteria: criteria_of(conn, filter, &aid)?,
        history: match with_history {
            true => history_of(conn, filter, &aid)?,
            false => HashMap::new(),
        },
    };
    rows.into_iter()
        .map(|row| Ok(((row.created_on, row.rowid), build_task(row, &mut extras)?)))
        .collect()
}

/// One task of an assessment without its status history, with its place in the order
/// "oldest first"; `None` when no such task is in that assessment (any more).
pub(crate) fn load_listed_task(
    conn: &Connection,
    assessment_id: Uuid,
    id: &str,
) -> Result<Option<(TaskKey, Task)>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS} FROM task WHERE id = ?1 AND assessment_id = ?2"
    ))?;
    let mut rows = stmt.query([id, &assessment_id.to_string()])?;
    let row = match rows.next()? {
        Some(r) => task_row(r)?,
        None => return Ok(None),
    };
    let mut extras = Extras {
        criteria: criteria_of(conn, "t.id = ?1", id)?,
        history: HashMap::new(),
    };
    let key = (row.created_on, row.rowid);
    Ok(Some((key, build_task(row, &mut extras)?)))
}

#[derive(Default)]
struct Extras {
    /// By the task's rowid.
    criteria: HashMap<i64, Vec<String>>,
    history: HashMap<i64, Vec<StatusChange>>,
}

/// The criteria and status history of the tasks matching `filter` (on `task t`).
fn task_extras(conn: &Connection, filter: &str, value: &str) -> Result<Extras, StoreError> {
    Ok(Extras {
        criteria: criteria_of(conn, filter, value)?,
        history: history_of(conn, filter, value)?,
    })
}

/// The criteria of the tasks matching `filter` (on `task t`), by the task's rowid, in their
/// order.
fn criteria_of(
    conn: &Connection,
    filter: &str,
    value: &str,
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    // Each task's criteria put in order here (a few each), not by a sort of them all in SQLite.
    let mut by_task: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.rowid, c.position, c.criterion_id FROM task_criterion c JOIN task t ON t.id = c.task_id
         WHERE {filter}"
    ))?;
    let mut rows = stmt.query([value])?;
    while let Some(r) = rows.next()? {
        by_task
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?));
    }
    Ok(each_in_order(by_task))
}

/// The status history of the tasks matching `filter` (on `task t`), by the task's rowid,
/// oldest first.
fn history_of(
    conn: &Connection,
    filter: &str,
    value: &str,
) -> Result<HashMap<i64, Vec<StatusChange>>, StoreError> {
    // Each task's changes put in order here (a few each), not by a sort of them all in
    // SQLite (which took as long as reading them, 50,000 changes). The status and the day are
    // read where SQLite holds them, without a copy each.
    let mut by_task: HashMap<i64, Vec<(i64, StatusChange)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.rowid, h.seq, h.status, h.changed_on, h.risk_justification, h.risk_accepted_by
         FROM task_status_change h JOIN task t ON t.id = h.task_id
         WHERE {filter}"
    ))?;
    let mut rows = stmt.query([value])?;
    while let Some(r) = rows.next()? {
        let text = |i: usize, what: &str| -> Result<&str, StoreError> {
            r.get_ref(i)?.as_str().map_err(|_| bad(what, "not text"))
        };
        let change = StatusChange {
            status: status(text(2, "task status")?)?,
            on: date(text(3, "date")?)?,
            risk: risk(r.get(4)?, r.get(5)?),
        };
        by_task
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, change));
    }
    Ok(each_in_order(by_task))
}

/// Each task's items put in the order of the number each was read with (position, sequence).
fn each_in_order<T>(by_task: HashMap<i64, Vec<(i64, T)>>) -> HashMap<i64, Vec<T>> {
    by_task
        .into_iter()
        .map(|(task, mut list)| {
            list.sort_unstable_by_key(|(n, _)| *n);
            (task, list.into_iter().map(|(_, item)| item).collect())
        })
        .collect()
}

fn build_task(row: TaskRow, extras: &mut Extras) -> Result<Task, StoreError> {
    Ok(Task {
        id: row.id,
        assessment_id: row.assessment_id,
        title: row.title,
        question_id: row.question_id,
        criteria: extras.criteria.remove(&row.rowid).unwrap_or_default(),
        priority: row.priority,
        owner: row.owner,
        due: row.due,
        notes: row.notes,
        status: row.status,
        risk: risk(row.justification, row.accepted_by),
        history: extras.history.remove(&row.rowid).unwrap_or_default(),
        version: u32::try_from(row.version)
            .map_err(|_| bad("version", &row.version.to_string()))?,
        created_on: row.created_on,
    })
}

fn risk(justification: Option<String>, accepted_by: Option<String>) -> Option<RiskAcceptance> {
    Some(RiskAcceptance {
        justification: justification?,
        accepted_by: accepted_by?,
    })
}

fn status(s: &str) -> Result<TaskStatus, StoreError> {
    TaskStatus::parse(s).map_err(|_| bad("task status", s))
}

pub(crate) fn date(s: &str) -> Result<NaiveDate, StoreError> {
    // YYYY-MM-DD, read by chrono's ISO 8601 parser (the `%Y-%m-%d` pattern without reading the
    // pattern again for every date).
    s.parse::<NaiveDate>().map_err(|_| bad("date", s))
}

pub(crate) fn uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| bad("id", s))
}

pub(crate) fn bad(what: &str, v: &str) -> StoreError {
    StoreError::BadValue(format!("{what} \"{v}\""))
}

pub(crate) fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn seq(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::migrations::{migrations, APPLICATION_ID};
    use crate::Store;

    const V4_TABLES: [&str; 7] = [
        "person",
        "task",
        "task_criterion",
        "task_status_change",
        "evidence",
        "duty_occurrence",
        "readiness_snapshot",
    ];

    #[test]
    fn v4_tables_are_strict() {
        let s = Store::open_in_memory().expect("open");
        for t in V4_TABLES {
            let sql: String = s
                .conn
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [t],
                    |r| r.get(0),
                )
                .expect(t);
            assert!(sql.trim_end().ends_with("STRICT"), "{t}: {sql}");
        }
    }

    #[test]
    fn a_version_3_database_with_data_is_upgraded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("preflight.sqlite3");
        {
            let mut c = Connection::open(&path).expect("open");
            migrations().to_version(&mut c, 3).expect("v3");
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .expect("id");
            c.execute(
                "INSERT INTO assessment (id, name, company, report_kind, report_type, created_at,
                                         updated_at)
                 VALUES ('8f6c1f0e-1c1a-4c1e-9c39-3d1f8f3c2a10', 'Old', 'Acme', 'soc2', 'type1',
                         '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
                [],
            )
            .expect("row");
        }
        let s = Store::open(&path).expect("upgrade");
        let id = uuid::Uuid::parse_str("8f6c1f0e-1c1a-4c1e-9c39-3d1f8f3c2a10").expect("id");
        assert_eq!(s.assessment(id).expect("kept").name, "Old");
        assert!(s.tasks(id).expect("tasks").is_empty());
        assert!(s.snapshot_history(id).expect("snapshots").is_empty());
    }
}
