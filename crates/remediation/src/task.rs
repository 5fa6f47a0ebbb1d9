//! Remediation tasks: the work that closes a gap, its owner and due date, its status and the
//! history of every status change.
//!
//! Every change goes through a method that takes the version the user saw and returns the
//! changed task with the next version, leaving the original alone: the store saves it only
//! while the saved version is still the one the user saw, so a task edited in two windows
//! never silently loses the first edit.

use chrono::NaiveDate;
use preflight_assessment::Scope;
use preflight_catalog::{Catalog, Question, Severity};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fields::{check_len, parse_due_date, MAX_PERSON_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use crate::people::People;
use crate::RemediationError;

/// How urgent a task is. A task made from a gap takes the gap's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
        }
    }

    pub fn parse(s: &str) -> Result<Priority, RemediationError> {
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| RemediationError::InvalidPriority(s.to_string()))
    }
}

impl From<Severity> for Priority {
    fn from(s: Severity) -> Priority {
        match s {
            Severity::High => Priority::High,
            Severity::Medium => Priority::Medium,
            Severity::Low => Priority::Low,
        }
    }
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Todo,
    InProgress,
    Done,
    /// The gap stays, knowingly: someone named accepted the risk and wrote down why.
    RiskAccepted,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] = [
        TaskStatus::Todo,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::RiskAccepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Todo => "todo",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::RiskAccepted => "risk_accepted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Todo => "To do",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Done => "Done",
            TaskStatus::RiskAccepted => "Risk accepted",
        }
    }

    pub fn parse(s: &str) -> Result<TaskStatus, RemediationError> {
        TaskStatus::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| RemediationError::InvalidStatus(s.to_string()))
    }

    /// Still to be worked on: to do or in progress.
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::Todo | TaskStatus::InProgress)
    }
}

/// Who accepted a risk and why. Both are required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskAcceptance {
    pub justification: String,
    pub accepted_by: String,
}

impl RiskAcceptance {
    /// Trims both; refuses a blank justification or a blank name.
    pub fn new(
        justification: Option<&str>,
        accepted_by: Option<&str>,
    ) -> Result<RiskAcceptance, RemediationError> {
        let justification = justification.map(str::trim).unwrap_or_default();
        if justification.is_empty() {
            return Err(RemediationError::RiskJustificationMissing);
        }
        check_len(justification, "justification", MAX_TEXT_CHARS)?;
        let accepted_by = accepted_by.map(str::trim).unwrap_or_default();
        if accepted_by.is_empty() {
            return Err(RemediationError::RiskAcceptorMissing);
        }
        check_len(
            accepted_by,
            "name of who accepted the risk",
            MAX_PERSON_CHARS,
        )?;
        Ok(RiskAcceptance {
            justification: justification.to_string(),
            accepted_by: accepted_by.to_string(),
        })
    }
}

/// One entry of a task's status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: TaskStatus,
    /// The day the status was set.
    pub on: NaiveDate,
    /// For "risk accepted": who and why.
    #[serde(default)]
    pub risk: Option<RiskAcceptance>,
}

/// A remediation task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub title: String,
    /// The question whose gap this task closes, if any.
    pub question_id: Option<String>,
    /// Criteria (SOC 2, SOC 3) or objectives (SOC 1) the task relates to.
    pub criteria: Vec<String>,
    pub priority: Priority,
    /// A name from the assessment's people list.
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub notes: String,
    pub status: TaskStatus,
    /// Present exactly when the status is "risk accepted".
    pub risk: Option<RiskAcceptance>,
    /// Every status the task has had, oldest first; the first is "to do" on the day it was made.
    pub history: Vec<StatusChange>,
    /// Goes up by one with every saved change; an update must carry the version it was made on.
    pub version: u32,
    pub created_on: NaiveDate,
}

/// What the user enters to create a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub title: String,
    #[serde(default)]
    pub question_id: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    pub priority: Priority,
    #[serde(default)]
    pub owner: Option<String>,
    /// `YYYY-MM-DD`, or blank for none.
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub notes: String,
}

impl NewTask {
    /// A task prefilled from a gap's question: the question as title, linked to the question
    /// and to the criteria (or SOC 1 objectives) it maps to in this scope, with the question's
    /// severity as priority. The user may change the title before saving.
    pub fn from_gap(question: &Question, scope: &Scope) -> NewTask {
        NewTask {
            title: question.text.chars().take(MAX_TITLE_CHARS).collect(),
            question_id: Some(question.id.clone()),
            criteria: scope.item_ids_of(question).to_vec(),
            priority: question.severity.into(),
            owner: None,
            due: None,
            notes: String::new(),
        }
    }

    /// Checks the input and makes the task, "to do" as of `today`.
    pub fn build(
        self,
        catalog: &Catalog,
        assessment_id: Uuid,
        people: &People,
        today: NaiveDate,
    ) -> Result<Task, RemediationError> {
        let title = clean_title(&self.title)?;
        let question_id = match self.question_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(q) => Some(
                catalog
                    .question(q)
                    .ok_or_else(|| RemediationError::UnknownQuestion(q.to_string()))?
                    .id
                    .clone(),
            ),
        };
        let mut criteria: Vec<String> = Vec::new();
        for c in &self.criteria {
            let c = c.trim();
            if catalog.criterion(c).is_none() && catalog.objective(c).is_none() {
                return Err(RemediationError::UnknownCriterion(c.to_string()));
            }
            if !criteria.iter().any(|x| x == c) {
                criteria.push(c.to_string());
            }
        }
        let owner = people.resolve_owner(self.owner.as_deref())?;
        let due = parse_due_date(self.due.as_deref())?;
        check_len(&self.notes, "notes", MAX_TEXT_CHARS)?;
        Ok(Task {
            id: Uuid::new_v4(),
            assessment_id,
            title,
            question_id,
            criteria,
            priority: self.priority,
            owner,
            due,
            notes: self.notes,
            status: TaskStatus::Todo,
            risk: None,
            history: vec![StatusChange {
                status: TaskStatus::Todo,
                on: today,
                risk: None,
            }],
            version: 1,
            created_on: today,
        })
    }
}

/// An edit of a task's fields, as the edit form sends it: every field, and the version the
/// form was opened on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskEdit {
    pub version: u32,
    pub title: String,
    pub priority: Priority,
    #[serde(default)]
    pub owner: Option<String>,
    /// `YYYY-MM-DD`, or blank for none.
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub notes: String,
}

/// A change of status, and the version it was made on. "Risk accepted" needs the
/// justification and who accepted it; for other statuses they are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRequest {
    pub version: u32,
    pub status: TaskStatus,
    #[serde(default)]
    pub justification: Option<String>,
    #[serde(default)]
    pub accepted_by: Option<String>,
}

impl Task {
    /// Refuses a change made on another version than the saved one.
    pub fn check_version(&self, yours: u32) -> Result<(), RemediationError> {
        if yours != self.version {
            return Err(RemediationError::StaleVersion {
                yours,
                saved: self.version,
            });
        }
        Ok(())
    }

    /// Still to be worked on (to do or in progress).
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }

    /// Open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|d| d < today)
    }

    /// The task with the edit applied and the next version. An edit that changes nothing
    /// returns the task as it is (same version).
    pub fn edit(&self, edit: TaskEdit, people: &People) -> Result<Task, RemediationError> {
        self.check_version(edit.version)?;
        let title = clean_title(&edit.title)?;
        let owner = people.resolve_owner(edit.owner.as_deref())?;
        let due = parse_due_date(edit.due.as_deref())?;
        check_len(&edit.notes, "notes", MAX_TEXT_CHARS)?;
        let mut next = self.clone();
        next.title = title;
        next.priority = edit.priority;
        next.owner = owner;
        next.due = due;
        next.notes = edit.notes;
        if next == *self {
            return Ok(next);
        }
        next.version = self.version.saturating_add(1);
        Ok(next)
    }

    /// The task with a new status, recorded in the history as of `today`, and the next
    /// version. Setting the status it already has changes nothing, except for "risk accepted",
    /// where a new justification or acceptor is recorded as a new entry.
    pub fn change_status(
        &self,
        request: StatusRequest,
        today: NaiveDate,
    ) -> Result<Task, RemediationError> {
        self.check_version(request.version)?;
        let risk = match request.status {
            TaskStatus::RiskAccepted => Some(RiskAcceptance::new(
                request.justification.as_deref(),
                request.accepted_by.as_deref(),
            )?),
            _ => None,
        };
        if request.status == self.status && risk == self.risk {
            return Ok(self.clone());
        }
        let mut next = self.clone();
        next.status = request.status;
        next.risk = risk.clone();
        next.history.push(StatusChange {
            status: request.status,
            on: today,
            risk,
        });
        next.version = self.version.saturating_add(1);
        Ok(next)
    }

    /// The task marked done as of `today`, whatever version it is at (used when the user
    /// confirms closing a question's tasks after answering it Yes).
    pub fn closed(&self, today: NaiveDate) -> Result<Task, RemediationError> {
        self.change_status(
            StatusRequest {
                version: self.version,
                status: TaskStatus::Done,
                justification: None,
                accepted_by: None,
            },
            today,
        )
    }
}

impl Task {
    /// A task read from a portable file, checked as if it were typed in: its fields as
    /// [`NewTask::build`] checks them (title, question, criteria, owner, notes), then its
    /// history: at least one entry, each "risk accepted" with who and why, and the current
    /// status and acceptance equal to the last entry's. It is given `id` and `assessment_id`;
    /// everything else (history, version, dates) is kept as saved.
    pub fn checked_copy(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
        id: Uuid,
        people: &People,
    ) -> Result<Task, RemediationError> {
        let fields = NewTask {
            title: self.title.clone(),
            question_id: self.question_id.clone(),
            criteria: self.criteria.clone(),
            priority: self.priority,
            owner: self.owner.clone(),
            due: self.due.map(|d| d.to_string()),
            notes: self.notes.clone(),
        }
        .build(catalog, assessment_id, people, self.created_on)?;
        let mut history = Vec::with_capacity(self.history.len());
        for h in &self.history {
            let risk = match h.status {
                TaskStatus::RiskAccepted => {
                    let r = h.risk.as_ref();
                    Some(RiskAcceptance::new(
                        r.map(|r| r.justification.as_str()),
                        r.map(|r| r.accepted_by.as_str()),
                    )?)
                }
                _ => None,
            };
            history.push(StatusChange {
                status: h.status,
                on: h.on,
                risk,
            });
        }
        let last = history
            .last()
            .ok_or(RemediationError::InvalidStatus("(no history)".into()))?;
        if last.status != self.status || last.risk != self.risk {
            return Err(RemediationError::InvalidStatus(format!(
                "{} (the history ends with {})",
                self.status.as_str(),
                last.status.as_str()
            )));
        }
        Ok(Task {
            id,
            status: self.status,
            risk: self.risk.clone(),
            history,
            version: self.version.max(1),
            ..fields
        })
    }
}

fn clean_title(raw: &str) -> Result<String, RemediationError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(RemediationError::EmptyTitle);
    }
    check_len(t, "title", MAX_TITLE_CHARS)?;
    Ok(t.to_string())
}

/// What the UI shows after a task with a linked question is marked done: an offer to answer
/// the question again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReanswerPrompt {
    pub task_id: Uuid,
    pub question_id: String,
    pub question_text: String,
    /// What "Yes" looks like, to help decide the new answer.
    pub guidance: String,
}

/// The offer to re-answer a done task's question; `None` when the task is not done or has no
/// (known) linked question.
pub fn reanswer_prompt(task: &Task, catalog: &Catalog) -> Option<ReanswerPrompt> {
    if task.status != TaskStatus::Done {
        return None;
    }
    let q = catalog.question(task.question_id.as_deref()?)?;
    Some(ReanswerPrompt {
        task_id: task.id,
        question_id: q.id.clone(),
        question_text: q.text.clone(),
        guidance: q.guidance.clone(),
    })
}

/// The open tasks (to do or in progress) linked to a question: the ones to offer closing
/// when the question is answered Yes.
pub fn open_tasks_of_question<'a>(tasks: &'a [Task], question_id: &str) -> Vec<&'a Task> {
    tasks
        .iter()
        .filter(|t| t.is_open() && t.question_id.as_deref() == Some(question_id))
        .collect()
}

/// Tasks counted by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCounts {
    pub todo: usize,
    pub in_progress: usize,
    pub done: usize,
    pub risk_accepted: usize,
}

impl TaskCounts {
    pub fn of(tasks: &[Task]) -> TaskCounts {
        let mut c = TaskCounts::default();
        for t in tasks {
            match t.status {
                TaskStatus::Todo => c.todo += 1,
                TaskStatus::InProgress => c.in_progress += 1,
                TaskStatus::Done => c.done += 1,
                TaskStatus::RiskAccepted => c.risk_accepted += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.todo + self.in_progress + self.done + self.risk_accepted
    }
}
