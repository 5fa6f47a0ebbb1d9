//! The remediation data a workbook carries (tasks, evidence, the Type 2 duty calendar) and the
//! links between them and the questions, worked out once for every sheet.
//!
//! # Which task a gap shows
//!
//! A gap's row in the Gap register lists every task linked to its question, one per line, and
//! shows the owner, due date and status of its *lead* task, the one that matters most to the
//! auditor:
//! 1. an open task (to do, in progress), the one due first (a task without a due date after
//!    those with one), then the higher priority, then the oldest;
//! 2. failing that, a risk-accepted task (the gap is knowingly kept), the latest accepted;
//! 3. failing that, a done task (the gap waits for its question to be answered again), the
//!    latest done.
//!
//! The lead task is listed first.
//!
//! # References
//!
//! Tasks and evidence are referred to by title or file name followed by the first 8
//! characters of their id in brackets, `Access review Q1.pdf [3f2a9c1e]`: the full id is the
//! first column of the Remediation plan and of the Evidence index, so the reference finds the
//! row, and two tasks made from the same gap (same title) stay apart.

use std::cmp::{Ordering, Reverse};
use std::collections::HashMap;

use chrono::NaiveDate;
use preflight_remediation::{Calendar, Evidence, Task, TaskStatus};
use uuid::Uuid;

/// Tasks, evidence and the duty calendar of the assessment, as the store holds them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Remediation<'a> {
    /// Every task of the assessment.
    pub tasks: &'a [Task],
    /// Evidence in use (not removed).
    pub evidence: &'a [Evidence],
    /// Evidence removed: the file is gone, the record is kept and listed.
    pub removed_evidence: &'a [Evidence],
    /// The Type 2 calendar of recurring duties. For a Type 2 assessment without one, the
    /// calendar of its observation period with nothing ticked off is shown.
    pub calendar: Option<&'a Calendar>,
}

/// The first 8 characters of an id, as references show it.
pub fn short_id(id: Uuid) -> String {
    id.simple().to_string().chars().take(8).collect()
}

/// A task as other sheets refer to it: `title [3f2a9c1e]`.
pub fn task_ref(t: &Task) -> String {
    format!("{} [{}]", t.title, short_id(t.id))
}

/// Evidence as other sheets refer to it: `file name [3f2a9c1e]`.
pub fn evidence_ref(e: &Evidence) -> String {
    format!("{} [{}]", e.original_name, short_id(e.id))
}

/// The day of a task's latest status change (its creation day if it never changed).
pub fn status_changed_on(t: &Task) -> NaiveDate {
    t.history.last().map_or(t.created_on, |h| h.on)
}

/// Open first, then risk accepted, then done.
fn status_rank(s: TaskStatus) -> u8 {
    match s {
        TaskStatus::Todo | TaskStatus::InProgress => 0,
        TaskStatus::RiskAccepted => 1,
        TaskStatus::Done => 2,
    }
}

/// The order of the module notes: the lead task of a gap first.
pub fn lead_order(a: &Task, b: &Task) -> Ordering {
    status_rank(a.status)
        .cmp(&status_rank(b.status))
        .then_with(|| {
            if a.is_open() {
                // Due first; no due date last; then priority.
                (a.due.is_none(), a.due, a.priority).cmp(&(b.due.is_none(), b.due, b.priority))
            } else {
                Reverse(status_changed_on(a)).cmp(&Reverse(status_changed_on(b)))
            }
        })
        .then_with(|| (a.created_on, a.id).cmp(&(b.created_on, b.id)))
}

/// The links between questions, tasks and evidence.
#[derive(Debug, Default)]
pub struct Links<'a> {
    /// The tasks linked to each question, the lead task first.
    pub tasks_of_question: HashMap<&'a str, Vec<&'a Task>>,
    pub task_by_id: HashMap<Uuid, &'a Task>,
    /// Evidence in use for each question: attached to it, or to a task linked to it.
    pub evidence_of_question: HashMap<&'a str, Vec<&'a Evidence>>,
    /// Every evidence record, in use or removed, by id.
    pub evidence_by_id: HashMap<Uuid, &'a Evidence>,
}

impl<'a> Links<'a> {
    pub fn new(r: &Remediation<'a>) -> Links<'a> {
        let mut links = Links::default();
        for t in r.tasks {
            links.task_by_id.insert(t.id, t);
            if let Some(q) = t.question_id.as_deref() {
                links.tasks_of_question.entry(q).or_default().push(t);
            }
        }
        for tasks in links.tasks_of_question.values_mut() {
            tasks.sort_by(|a, b| lead_order(a, b));
        }
        for e in r.evidence.iter().chain(r.removed_evidence) {
            links.evidence_by_id.insert(e.id, e);
        }
        for e in r.evidence {
            if let Some(q) = links.question_of_evidence(e) {
                links.evidence_of_question.entry(q).or_default().push(e);
            }
        }
        links
    }

    /// The question evidence belongs to: its own, or that of the task it is attached to.
    pub fn question_of_evidence(&self, e: &'a Evidence) -> Option<&'a str> {
        e.question_id.as_deref().or_else(|| {
            e.task_id
                .and_then(|t| self.task_by_id.get(&t))
                .and_then(|t| t.question_id.as_deref())
        })
    }

    pub fn tasks_of(&self, question_id: &str) -> &[&'a Task] {
        self.tasks_of_question
            .get(question_id)
            .map_or(&[], Vec::as_slice)
    }

    pub fn evidence_of(&self, question_id: &str) -> &[&'a Evidence] {
        self.evidence_of_question
            .get(question_id)
            .map_or(&[], Vec::as_slice)
    }
}

/// What the Gap register shows of a gap's tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapTasks {
    /// Every linked task, one per line, the lead first; with several, each line ends with the
    /// task's status.
    pub linked: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The lead task's status, or "Open" when no task tracks the gap.
    pub status: &'static str,
    /// The lead task is open and its due date has passed.
    pub overdue: bool,
}

/// The status of a gap no task tracks yet.
pub const NO_TASK_STATUS: &str = "Open";

/// The Gap register's task columns for a gap whose linked tasks are `tasks` (lead first).
pub fn gap_tasks(tasks: &[&Task], today: NaiveDate) -> GapTasks {
    let Some(lead) = tasks.first() else {
        return GapTasks {
            linked: String::new(),
            owner: String::new(),
            due: None,
            status: NO_TASK_STATUS,
            overdue: false,
        };
    };
    let linked = if tasks.len() == 1 {
        task_ref(lead)
    } else {
        tasks
            .iter()
            .map(|t| format!("{} ({})", task_ref(t), t.status.label()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    GapTasks {
        linked,
        owner: lead.owner.clone().unwrap_or_default(),
        due: lead.due,
        status: lead.status.label(),
        overdue: lead.is_overdue(today),
    }
}

/// Tasks counted for the cover.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskTally {
    pub total: usize,
    pub open: usize,
    pub overdue: usize,
    pub done: usize,
    pub risk_accepted: usize,
}

impl TaskTally {
    pub fn of(tasks: &[Task], today: NaiveDate) -> TaskTally {
        let mut t = TaskTally {
            total: tasks.len(),
            ..TaskTally::default()
        };
        for task in tasks {
            match task.status {
                TaskStatus::Todo | TaskStatus::InProgress => t.open += 1,
                TaskStatus::Done => t.done += 1,
                TaskStatus::RiskAccepted => t.risk_accepted += 1,
            }
            if task.is_overdue(today) {
                t.overdue += 1;
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_remediation::{Priority, RiskAcceptance, StatusChange};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn task(title: &str, status: TaskStatus, due: Option<&str>, changed: &str) -> Task {
        let risk = (status == TaskStatus::RiskAccepted).then(|| RiskAcceptance {
            justification: "compensating control".into(),
            accepted_by: "Dana".into(),
        });
        Task {
            id: Uuid::new_v4(),
            assessment_id: Uuid::nil(),
            title: title.into(),
            question_id: Some("q".into()),
            criteria: vec![],
            priority: Priority::Medium,
            owner: Some(format!("owner of {title}")),
            due: due.map(d),
            notes: String::new(),
            status,
            risk: risk.clone(),
            history: vec![
                StatusChange {
                    status: TaskStatus::Todo,
                    on: d("2026-01-01"),
                    risk: None,
                },
                StatusChange {
                    status,
                    on: d(changed),
                    risk,
                },
            ],
            version: 2,
            created_on: d("2026-01-01"),
        }
    }

    #[test]
    fn the_lead_task_is_the_open_one_due_first_then_risk_accepted_then_done() {
        let done = task("done", TaskStatus::Done, Some("2026-01-10"), "2026-02-01");
        let risk = task("risk", TaskStatus::RiskAccepted, None, "2026-01-20");
        let late = task(
            "late",
            TaskStatus::InProgress,
            Some("2026-05-01"),
            "2026-01-02",
        );
        let soon = task("soon", TaskStatus::Todo, Some("2026-04-01"), "2026-01-01");
        let undated = task("undated", TaskStatus::Todo, None, "2026-01-01");
        let mut all = vec![&done, &undated, &risk, &late, &soon];
        all.sort_by(|a, b| lead_order(a, b));
        let titles: Vec<&str> = all.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["soon", "late", "undated", "risk", "done"]);
        let g = gap_tasks(&all, d("2026-04-02"));
        assert_eq!(g.owner, "owner of soon");
        assert_eq!(g.due, Some(d("2026-04-01")));
        assert_eq!(g.status, "To do");
        assert!(g.overdue);
        assert_eq!(g.linked.lines().count(), 5);
        assert!(g
            .linked
            .starts_with(&format!("soon [{}] (To do)", short_id(soon.id))));

        let g = gap_tasks(&[&risk, &done], d("2026-04-02"));
        assert_eq!(g.status, "Risk accepted");
        assert!(!g.overdue);
        let g = gap_tasks(&[&done], d("2026-04-02"));
        assert_eq!(g.linked, task_ref(&done), "one task: no status suffix");
        assert_eq!(g.status, "Done");
        assert!(!g.overdue, "a done task is never overdue");
        let none = gap_tasks(&[], d("2026-04-02"));
        assert_eq!((none.status, none.linked.as_str()), ("Open", ""));
    }

    #[test]
    fn short_ids_are_the_start_of_the_id() {
        let id = Uuid::new_v4();
        assert_eq!(short_id(id).len(), 8);
        assert!(id.to_string().starts_with(&short_id(id)));
    }
}
