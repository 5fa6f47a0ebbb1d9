//! Commands for the policy set: templates proposed for the scope, adopted and rendered from
//! what the assessment knows, edited (a change of an approved policy makes a new draft),
//! approved with a name, retired, and exported as .docx and Markdown. Thin: the rules live in
//! `preflight-policies` and the store.

use preflight_assessment::assessment::parse_id;
use preflight_policies::render::has_gaps;
use preflight_policies::{templates, NewPolicy, Policy, PolicyEdit, Status};
use serde::Serialize;
use tauri::State;

use crate::remediation::form;
use crate::state::{catalog_ref, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

fn policy_id(s: &str) -> Res<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim())
        .map_err(|_| WireError::new("unknown_policy", format!("\"{s}\" is not a policy id.")))
}

/// A policy as the tab shows it.
#[derive(Debug, Serialize)]
pub struct PolicyView {
    #[serde(flatten)]
    pub policy: Policy,
    pub status: Status,
    pub current_version: Option<u32>,
    pub next_review: Option<chrono::NaiveDate>,
    pub review_overdue: bool,
    /// The latest text still has parts marked for the user to fill in.
    pub to_fill: bool,
}

impl PolicyView {
    pub fn of(policy: Policy, today: chrono::NaiveDate) -> Self {
        PolicyView {
            status: policy.status(),
            current_version: policy.current().map(|v| v.number),
            next_review: policy.next_review(),
            review_overdue: policy.review_overdue(today),
            to_fill: has_gaps(&policy.latest().text),
            policy,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TemplateView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub owner_role: &'static str,
    pub criteria: Vec<String>,
    /// Fits the scope (Privacy only when Privacy is in scope).
    pub proposed: bool,
    pub adopted: bool,
}

#[derive(Debug, Serialize)]
pub struct PolicySet {
    pub policies: Vec<PolicyView>,
    pub templates: Vec<TemplateView>,
}

#[tauri::command]
pub fn policy_set(state: State<'_, AppState>, id: String) -> Res<PolicySet> {
    let id = parse_id(&id)?;
    let today = today();
    let all = templates().map_err(|e| WireError::new(e.code(), e.to_string()))?;
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let policies = s.policies(id)?;
        let templates = all
            .iter()
            .map(|t| TemplateView {
                id: t.id.clone(),
                title: t.title.clone(),
                summary: t.summary.clone(),
                owner_role: t.owner_role.label(),
                criteria: t.criteria.clone(),
                proposed: t.applies(&a.scope.categories),
                adopted: policies
                    .iter()
                    .any(|p| p.template_id.as_deref() == Some(t.id.as_str())),
            })
            .collect();
        Ok(PolicySet {
            policies: policies
                .into_iter()
                .map(|p| PolicyView::of(p, today))
                .collect(),
            templates,
        })
    })
}

#[tauri::command]
pub fn adopt_policies(
    state: State<'_, AppState>,
    id: String,
    template_ids: Vec<String>,
) -> Res<Vec<PolicyView>> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let today = today();
    state.with_store(|s| {
        Ok(s.adopt_policies(c, id, &template_ids, today)?
            .into_iter()
            .map(|p| PolicyView::of(p, today))
            .collect())
    })
}

#[tauri::command]
pub fn create_policy(
    state: State<'_, AppState>,
    id: String,
    policy: serde_json::Value,
) -> Res<PolicyView> {
    let id = parse_id(&id)?;
    let new: NewPolicy = form(policy, "policy")?;
    let today = today();
    state.with_store(|s| Ok(PolicyView::of(s.create_policy(id, &new, today)?, today)))
}

#[tauri::command]
pub fn update_policy(
    state: State<'_, AppState>,
    policy_id: String,
    edit: serde_json::Value,
) -> Res<PolicyView> {
    let pid = self::policy_id(&policy_id)?;
    let edit: PolicyEdit = form(edit, "policy")?;
    let today = today();
    state.with_store(|s| Ok(PolicyView::of(s.update_policy(pid, &edit, today)?, today)))
}

#[tauri::command]
pub fn approve_policy(
    state: State<'_, AppState>,
    policy_id: String,
    version: u32,
    approver: String,
    on: Option<String>,
) -> Res<PolicyView> {
    let pid = self::policy_id(&policy_id)?;
    let today = today();
    state.with_store(|s| {
        Ok(PolicyView::of(
            s.approve_policy(pid, version, &approver, on.as_deref(), today)?,
            today,
        ))
    })
}

#[tauri::command]
pub fn retire_policy(
    state: State<'_, AppState>,
    policy_id: String,
    version: u32,
) -> Res<PolicyView> {
    let pid = self::policy_id(&policy_id)?;
    let today = today();
    state.with_store(|s| Ok(PolicyView::of(s.retire_policy(pid, version, today)?, today)))
}

/// Writes the approved set, or one policy, as .docx and Markdown into a folder; returns the
/// files written.
#[tauri::command]
pub fn export_policies(
    state: State<'_, AppState>,
    id: String,
    policy_id: Option<String>,
    dir: String,
) -> Res<Vec<String>> {
    if dir.trim().is_empty() {
        return Err(WireError::new(
            "no_folder",
            "Enter the folder to write the files into.",
        ));
    }
    state.with_store(|s| {
        Ok(preflight_cli::export_policies(
            s,
            &id,
            policy_id.as_deref(),
            std::path::Path::new(dir.trim()),
        )?
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
    })
}

/// The blocks of a Markdown text for the editor's preview.
#[tauri::command]
pub fn markdown_preview(text: String) -> Vec<preflight_documents::Block> {
    preflight_documents::outline(&text)
}
