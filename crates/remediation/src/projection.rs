//! The projected ready date: when the high and medium gaps should all be closed, going by the
//! due dates of the tasks that close them. The rule is [`RULE`].

use chrono::NaiveDate;
use preflight_assessment::Gap;
use preflight_catalog::Severity;
use serde::Serialize;
use uuid::Uuid;

use crate::task::{Task, TaskStatus};

/// The rule in one paragraph, for the UI's tooltip.
pub const RULE: &str = "The projected ready date is the latest due date among the open tasks \
of the high and medium gaps still open. A gap whose tasks are all done (waiting for its question \
to be answered again) or whose risk was accepted does not hold it back. If a high or medium gap \
has no task, or one of its open tasks has no due date, there is no projected date until it gets \
one. If any of those tasks is already overdue, today is past due. Low gaps do not count.";

/// What the projection found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Projection {
    /// No high or medium gap is waiting on an open task.
    NothingOpen,
    /// The latest due date among the open tasks of high and medium gaps, none overdue.
    Date { date: NaiveDate },
    /// At least one of those tasks is overdue: today is past due.
    PastDue {
        latest_due: NaiveDate,
        overdue_tasks: Vec<Uuid>,
    },
    /// No date can be projected: some gaps have no task, or some open tasks no due date.
    NoDate {
        /// Question ids of high and medium gaps without any task.
        gaps_without_task: Vec<String>,
        /// Open tasks of high and medium gaps without a due date.
        tasks_without_due_date: Vec<Uuid>,
    },
}

/// The projection with what the UI says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectedReady {
    pub projection: Projection,
    /// One or two sentences saying the date, or why there is none.
    pub message: String,
    /// High and medium gaps counted.
    pub gaps_counted: usize,
    /// Question ids of high and medium gaps whose tasks are all done: answer them again.
    pub awaiting_reanswer: Vec<String>,
    /// Question ids of high and medium gaps whose risk was accepted.
    pub risk_accepted: Vec<String>,
    pub rule: &'static str,
}

/// Projects the ready date from the open gaps and the tasks, as of `today`.
pub fn project(gaps: &[Gap], tasks: &[Task], today: NaiveDate) -> ProjectedReady {
    let mut counted = 0;
    let mut open_tasks: Vec<&Task> = Vec::new();
    let mut gaps_without_task = Vec::new();
    let mut awaiting_reanswer = Vec::new();
    let mut risk_accepted = Vec::new();
    for gap in gaps
        .iter()
        .filter(|g| matches!(g.severity, Severity::High | Severity::Medium))
    {
        counted += 1;
        let linked: Vec<&Task> = tasks
            .iter()
            .filter(|t| t.question_id.as_deref() == Some(gap.question_id.as_str()))
            .collect();
        let open: Vec<&Task> = linked.iter().copied().filter(|t| t.is_open()).collect();
        if !open.is_empty() {
            open_tasks.extend(open);
        } else if linked.iter().any(|t| t.status == TaskStatus::Done) {
            awaiting_reanswer.push(gap.question_id.clone());
        } else if linked.iter().any(|t| t.status == TaskStatus::RiskAccepted) {
            risk_accepted.push(gap.question_id.clone());
        } else {
            gaps_without_task.push(gap.question_id.clone());
        }
    }
    let tasks_without_due_date: Vec<Uuid> = open_tasks
        .iter()
        .filter(|t| t.due.is_none())
        .map(|t| t.id)
        .collect();
    let latest = open_tasks.iter().filter_map(|t| t.due).max();
    let projection = if !gaps_without_task.is_empty() || !tasks_without_due_date.is_empty() {
        Projection::NoDate {
            gaps_without_task,
            tasks_without_due_date,
        }
    } else {
        match latest {
            None => Projection::NothingOpen,
            Some(latest_due) => {
                let overdue_tasks: Vec<Uuid> = open_tasks
                    .iter()
                    .filter(|t| t.is_overdue(today))
                    .map(|t| t.id)
                    .collect();
                if overdue_tasks.is_empty() {
                    Projection::Date { date: latest_due }
                } else {
                    Projection::PastDue {
                        latest_due,
                        overdue_tasks,
                    }
                }
            }
        }
    };
    let mut message = describe(&projection);
    if !awaiting_reanswer.is_empty() {
        message.push_str(&format!(
            " {} gap(s) have all their tasks done: answer those questions again to close them.",
            awaiting_reanswer.len()
        ));
    }
    ProjectedReady {
        projection,
        message,
        gaps_counted: counted,
        awaiting_reanswer,
        risk_accepted,
        rule: RULE,
    }
}

fn describe(p: &Projection) -> String {
    match p {
        Projection::NothingOpen => "No high or medium gap is waiting on an open task.".to_string(),
        Projection::Date { date } => format!(
            "Projected ready on {date}, when the last open task for a high or medium gap is due."
        ),
        Projection::PastDue {
            latest_due,
            overdue_tasks,
        } => format!(
            "Today is past due: {} task(s) for high or medium gaps are overdue. Set new due \
             dates to get a projection (the latest due date now is {latest_due}).",
            overdue_tasks.len()
        ),
        Projection::NoDate {
            gaps_without_task,
            tasks_without_due_date,
        } => {
            let mut why = Vec::new();
            if !gaps_without_task.is_empty() {
                why.push(format!(
                    "{} high or medium gap(s) have no task",
                    gaps_without_task.len()
                ));
            }
            if !tasks_without_due_date.is_empty() {
                why.push(format!(
                    "{} open task(s) for high or medium gaps have no due date",
                    tasks_without_due_date.len()
                ));
            }
            format!(
                "No projected ready date: {}. Give every high and medium gap a task with a due date.",
                why.join(" and ")
            )
        }
    }
}
