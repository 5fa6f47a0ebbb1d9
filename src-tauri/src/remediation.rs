//! Commands for remediation: the people list, tasks made from gaps or by hand, the status
//! life cycle (risk acceptance, re-answering a question once its task is done), and the
//! dashboard (readiness per series, tasks by status, the trend from daily snapshots and the
//! projected ready date). Thin: the rules live in `preflight-remediation` and the store.

use chrono::NaiveDate;
use preflight_assessment::assessment::parse_id;
use preflight_assessment::objectives::effective_catalog;
use preflight_assessment::scoring::{readiness, readiness_by_group, GroupReadiness, Readiness};
use preflight_catalog::Catalog;
use preflight_remediation::listing::{TaskPage, TaskQuery};
use preflight_remediation::projection::ProjectedReady;
use preflight_remediation::snapshot::Snapshot;
use preflight_remediation::task::{
    reanswer_prompt, NewTask, ReanswerPrompt, StatusRequest, Task, TaskCounts, TaskEdit, TaskStatus,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tauri::State;

use crate::state::{catalog_ref, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

/// Reads a form the UI sent; a field of the wrong form is a `{code, message}`, not a panic.
pub(crate) fn form<T: DeserializeOwned>(v: serde_json::Value, what: &str) -> Res<T> {
    serde_json::from_value(v)
        .map_err(|e| WireError::new("invalid_form", format!("The {what} could not be read: {e}")))
}

fn parse_task_id(s: &str) -> Res<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim())
        .map_err(|_| WireError::new("unknown_task", format!("\"{s}\" is not a task id.")))
}

#[tauri::command(async)]
pub fn people(state: State<'_, AppState>, id: String) -> Res<Vec<String>> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.people(id)?.names().to_vec()))
}

#[tauri::command]
pub fn add_person(state: State<'_, AppState>, id: String, name: String) -> Res<String> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.add_person(id, &name)?))
}

#[tauri::command]
pub fn remove_person(state: State<'_, AppState>, id: String, name: String) -> Res<()> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.remove_person(id, &name)?))
}

/// A task as the list shows it.
#[derive(Debug, Serialize)]
pub struct TaskView {
    #[serde(flatten)]
    pub task: Task,
    pub overdue: bool,
}

#[tauri::command]
pub fn tasks(state: State<'_, AppState>, id: String) -> Res<Vec<TaskView>> {
    let id = parse_id(&id)?;
    let today = today();
    state.with_store(|s| {
        Ok(s.tasks(id)?
            .into_iter()
            .map(|t| TaskView {
                overdue: t.is_overdue(today),
                task: t,
            })
            .collect())
    })
}

/// One page of the task list, searched, filtered and sorted over every task (the rules:
/// `preflight_remediation::listing`), with the filters' choices and the board's counts.
#[derive(Debug, Serialize)]
pub struct TaskListPage {
    pub items: Vec<TaskView>,
    pub total: usize,
    pub all: usize,
    pub page: usize,
    pub pages: usize,
    pub page_size: usize,
    pub criteria: Vec<String>,
    pub by_status: Vec<(TaskStatus, usize)>,
}

/// Async, on a worker thread and through the read-only connection (`with_reader`): the window
/// asks for the header's data and then for this page, and the header's commands are answered
/// while the tasks are still being read, so the window takes the previous tab down and draws
/// the header in the meantime.
#[tauri::command]
pub async fn task_page(
    state: State<'_, AppState>,
    id: String,
    query: serde_json::Value,
) -> Res<TaskListPage> {
    let id = parse_id(&id)?;
    let query: TaskQuery = form(query, "task list query")?;
    let today = today();
    state.with_reader(|s| {
        let TaskPage {
            page,
            criteria,
            by_status,
        } = s.task_page(id, &query, today)?;
        Ok(TaskListPage {
            items: page
                .items
                .into_iter()
                .map(|t| TaskView {
                    overdue: t.is_overdue(today),
                    task: t,
                })
                .collect(),
            total: page.total,
            all: page.all,
            page: page.page,
            pages: page.pages,
            page_size: page.page_size,
            criteria,
            by_status,
        })
    })
}

/// A task's id and title: all a list linking to tasks needs (the evidence tab's picker).
#[derive(Debug, Serialize)]
pub struct TaskTitle {
    pub id: uuid::Uuid,
    pub title: String,
}

#[tauri::command]
pub fn task_titles(state: State<'_, AppState>, id: String) -> Res<Vec<TaskTitle>> {
    let id = parse_id(&id)?;
    state.with_reader(|s| {
        Ok(s.task_titles(id)?
            .into_iter()
            .map(|(id, title)| TaskTitle { id, title })
            .collect())
    })
}

/// One action from a gap: a task prefilled from the question (title, link, criteria, priority).
#[tauri::command]
pub fn create_task_from_gap(
    state: State<'_, AppState>,
    id: String,
    question_id: String,
) -> Res<Task> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let effective = effective_catalog(c, &a);
        let q = effective.question(&question_id).ok_or_else(|| {
            WireError::new(
                "unknown_question",
                format!("There is no question with id \"{question_id}\"."),
            )
        })?;
        let new = NewTask::from_gap(q, &a.scope);
        Ok(s.create_task(c, id, new, today())?)
    })
}

#[tauri::command]
pub fn create_task(state: State<'_, AppState>, id: String, task: serde_json::Value) -> Res<Task> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let new: NewTask = form(task, "task")?;
    state.with_store(|s| Ok(s.create_task(c, id, new, today())?))
}

#[tauri::command]
pub fn update_task(
    state: State<'_, AppState>,
    task_id: String,
    edit: serde_json::Value,
) -> Res<Task> {
    let tid = parse_task_id(&task_id)?;
    let edit: TaskEdit = form(edit, "task")?;
    state.with_store(|s| Ok(s.update_task(tid, edit)?))
}

/// The result of a status change: the task, and when it was just marked done, the question to
/// offer answering again.
#[derive(Debug, Serialize)]
pub struct StatusChanged {
    pub task: Task,
    pub reanswer: Option<ReanswerPrompt>,
}

#[tauri::command]
pub fn set_task_status(
    state: State<'_, AppState>,
    task_id: String,
    request: serde_json::Value,
) -> Res<StatusChanged> {
    let c = catalog_ref()?;
    let tid = parse_task_id(&task_id)?;
    let request: StatusRequest = form(request, "status change")?;
    state.with_store(|s| {
        let task = s.set_task_status(tid, request, today())?;
        let a = s.assessment(task.assessment_id)?;
        let reanswer = reanswer_prompt(&task, &effective_catalog(c, &a));
        Ok(StatusChanged { task, reanswer })
    })
}

#[tauri::command]
pub fn delete_task(state: State<'_, AppState>, task_id: String, version: u32) -> Res<()> {
    let tid = parse_task_id(&task_id)?;
    state.with_store(|s| Ok(s.delete_task(tid, version)?))
}

#[tauri::command]
pub fn open_tasks_for_question(
    state: State<'_, AppState>,
    id: String,
    question_id: String,
) -> Res<Vec<Task>> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.open_tasks_for_question(id, &question_id)?))
}

/// Closes a question's open tasks; the UI calls it only after the user confirmed.
#[tauri::command]
pub fn close_tasks_for_question(
    state: State<'_, AppState>,
    id: String,
    question_id: String,
) -> Res<Vec<Task>> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.close_tasks_for_question(id, &question_id, today())?))
}

/// Everything the dashboard draws.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    pub readiness: Readiness,
    pub groups: Vec<GroupReadiness>,
    pub tasks: TaskCounts,
    pub overdue: usize,
    pub history: Vec<Snapshot>,
    pub projected: ProjectedReady,
    pub today: NaiveDate,
}

/// The dashboard. Opening it records today's snapshot (one per day; a later one the same day
/// replaces it), so the trend line grows day by day.
#[tauri::command]
pub fn dashboard(state: State<'_, AppState>, id: String) -> Res<Dashboard> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let today = today();
    state.with_store(|s| {
        s.take_snapshot(c, id, today)?;
        let a = s.assessment(id)?;
        let effective = effective_catalog(c, &a);
        let e: &Catalog = &effective;
        let answers = s.answers(id)?;
        let tasks = s.tasks(id)?;
        Ok(Dashboard {
            readiness: readiness(e, &a.scope, &answers),
            groups: readiness_by_group(e, &a.scope, &answers),
            tasks: TaskCounts::of(&tasks),
            overdue: tasks.iter().filter(|t| t.is_overdue(today)).count(),
            history: s.snapshot_history(id)?,
            projected: s.projected_ready_date(c, id, today)?,
            today,
        })
    })
}
