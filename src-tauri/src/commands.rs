//! The commands the window invokes. Each translates its arguments, calls the domain, and maps
//! errors to `{code, message}`; none makes a decision of its own.

use std::path::PathBuf;

use chrono::Utc;
use preflight_assessment::assessment::parse_id;
use preflight_assessment::gap::gaps;
use preflight_assessment::objectives::effective_catalog;
use preflight_assessment::recommendation::{recommend, Recommendation};
use preflight_assessment::scope::parse_date;
use preflight_assessment::scoring::{readiness as compute_readiness, RULE};
use preflight_assessment::timeline::{timeline, Timeline};
use preflight_assessment::{Answer, AnswerValue, Assessment, ReportType};
use preflight_catalog::Catalog;
use preflight_store::AssessmentSummary;
use tauri::State;

use crate::state::{catalog_ref, today, AppState};
use crate::wire::{
    profile_from_json, AppInfo, AssessmentListItem, AssessmentView, NewAssessmentInput,
    ReadinessView, WireError,
};

type Res<T> = Result<T, WireError>;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir.as_ref().map(|d| d.display().to_string()),
        store_error: state.store_error(),
        scoring_rule: RULE,
    }
}

#[tauri::command]
/// The shared catalog as the window shows it: texts rendered (Type 2 wording). An open
/// assessment sends the questions it words differently (`get_assessment`'s `extra_questions`).
pub fn catalog() -> Res<&'static Catalog> {
    shared_catalog()
}

fn shared_catalog() -> Res<&'static Catalog> {
    preflight_catalog::embedded::embedded_for(preflight_catalog::Wording::Type2)
        .map_err(WireError::from)
}

/// The glossary: terms the window marks in question texts and explains on hover and focus.
#[tauri::command]
pub fn glossary() -> Res<&'static preflight_catalog::glossary::Glossary> {
    preflight_catalog::glossary::embedded().map_err(WireError::from)
}

fn list_item(c: &Catalog, s: AssessmentSummary, answers: &[Answer]) -> AssessmentListItem {
    let a = s.assessment;
    let effective = effective_catalog(c, &a);
    let c: &Catalog = &effective;
    let r = compute_readiness(c, &a.scope, answers);
    AssessmentListItem {
        id: a.id.to_string(),
        scope_label: a.scope.describe(c),
        // Questions and answered by the store's summary: the one rule the CLI shows too.
        questions: s.questions,
        readiness: r.overall,
        answered: s.answered,
        name: a.name,
        company: a.company,
        updated_at: a.updated_at,
    }
}

#[tauri::command]
pub fn list_assessments(state: State<'_, AppState>) -> Res<Vec<AssessmentListItem>> {
    let c = catalog_ref()?;
    state.with_store(|s| {
        let mut out = Vec::new();
        for summary in s.list_assessments(c)? {
            let answers = s.answers(summary.assessment.id)?;
            out.push(list_item(c, summary, &answers));
        }
        Ok(out)
    })
}

#[tauri::command]
pub fn create_assessment(
    state: State<'_, AppState>,
    mut input: NewAssessmentInput,
) -> Res<Assessment> {
    let c = catalog_ref()?;
    let exclusions = std::mem::take(&mut input.exclusions);
    let profile = input.profile.take().map(profile_from_json).transpose()?;
    let mut a = input.into_domain()?.build(c, Utc::now())?;
    a.set_scoping(c, exclusions, profile)?;
    state.with_store(|s| Ok(s.create_assessment(&a)?))?;
    Ok(a)
}

/// The scoping wizard: a recommended report, type and categories, each with its reason.
#[tauri::command]
pub fn recommend_scope(profile: serde_json::Value) -> Res<Recommendation> {
    let c = catalog_ref()?;
    Ok(recommend(c, &profile_from_json(profile)?, today()))
}

/// The audit timeline from today for a report type and observation window.
#[tauri::command]
pub fn audit_timeline(
    report_type: String,
    months: u32,
    window_start: Option<String>,
    target: Option<String>,
) -> Res<Timeline> {
    let report_type = ReportType::parse(&report_type)?;
    let date = |s: Option<String>| {
        s.filter(|s| !s.trim().is_empty())
            .map(|s| parse_date(&s))
            .transpose()
    };
    Ok(timeline(
        report_type,
        today(),
        months,
        date(window_start)?,
        date(target)?,
    ))
}

/// `async`: run on a worker thread, not the main one, like every read an assessment's tab
/// asks for when it opens (`readiness`, `people`, `auditor_comments`, `register_facts`): the
/// main thread stays free to pass the window the answers of the long list read beside them.
#[tauri::command(async)]
pub fn get_assessment(state: State<'_, AppState>, id: String) -> Res<AssessmentView> {
    let c = catalog_ref()?;
    let shared = shared_catalog()?;
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let assessment = s.assessment(id)?;
        let answers = s.answers(id)?;
        let effective = effective_catalog(c, &assessment);
        let e: &Catalog = &effective;
        Ok(AssessmentView {
            scope_label: assessment.scope.describe(e),
            question_ids: assessment
                .scope
                .questions(e)
                .map(|q| q.id.clone())
                .collect(),
            objectives: assessment
                .scope
                .objectives
                .iter()
                .filter_map(|o| e.objective(o))
                .cloned()
                .collect(),
            // Its own objectives' questions, and every question this assessment words
            // differently from the shared catalog (Type 1 wording, objectives added).
            extra_questions: e
                .questions
                .iter()
                .filter(|q| {
                    shared.question(&q.id).is_none_or(|s| {
                        s.text != q.text
                            || s.guidance != q.guidance
                            || s.evidence != q.evidence
                            || s.objectives != q.objectives
                    })
                })
                .cloned()
                .collect(),
            assessment,
            answers,
        })
    })
}

/// Rewords a SOC 1 objective in scope for this company.
#[tauri::command]
pub fn reword_objective(
    state: State<'_, AppState>,
    id: String,
    objective_id: String,
    title: String,
    statement: String,
) -> Res<Assessment> {
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let mut a = s.assessment(id)?;
        a.reword_objective(&objective_id, &title, &statement)?;
        s.save_objectives(&a)?;
        Ok(a)
    })
}

/// Adds a SOC 1 objective of the company's own (it comes with two questions).
#[tauri::command]
pub fn add_objective(
    state: State<'_, AppState>,
    id: String,
    title: String,
    statement: String,
) -> Res<Assessment> {
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let mut a = s.assessment(id)?;
        a.add_own_objective(&title, &statement)?;
        s.save_objectives(&a)?;
        Ok(a)
    })
}

#[tauri::command]
pub fn rename_assessment(state: State<'_, AppState>, id: String, name: String) -> Res<Assessment> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.rename_assessment(id, &name)?))
}

#[tauri::command]
pub fn delete_assessment(state: State<'_, AppState>, id: String) -> Res<()> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.delete_assessment(id)?))?;
    // Its evidence files go with it (the records went with the assessment).
    if let Some(dir) = &state.data_dir {
        preflight_store::evidence::delete_evidence_folder(dir, id)?;
    }
    Ok(())
}

/// What an assessment holds, counted, for the delete confirmation.
#[tauri::command]
pub fn assessment_contents(
    state: State<'_, AppState>,
    id: String,
) -> Res<preflight_store::assessments::AssessmentContents> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.assessment_contents(id)?))
}

#[tauri::command]
pub fn save_answer(
    state: State<'_, AppState>,
    assessment_id: String,
    question_id: String,
    value: Option<String>,
    note: String,
) -> Res<Answer> {
    let c = catalog_ref()?;
    let id = parse_id(&assessment_id)?;
    let value = value.as_deref().map(AnswerValue::parse).transpose()?;
    state.with_store(|s| Ok(s.save_answer(c, id, &question_id, value, &note)?))
}

#[tauri::command(async)]
pub fn readiness(state: State<'_, AppState>, id: String) -> Res<ReadinessView> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let answers = s.answers(id)?;
        let effective = effective_catalog(c, &a);
        let c: &Catalog = &effective;
        Ok(ReadinessView {
            readiness: compute_readiness(c, &a.scope, &answers),
            gaps: gaps(c, &a.scope, &answers),
            rule: RULE,
        })
    })
}

#[tauri::command]
pub fn export_workbook(state: State<'_, AppState>, id: String, path: PathBuf) -> Res<String> {
    let c = catalog_ref()?;
    // The workbook carries the auditor's comments already imported, as the CLI's does.
    state.with_store(|s| Ok(preflight_cli::write_workbook(s, c, &id, &path, None)?))?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub fn export_json(state: State<'_, AppState>, id: String, path: PathBuf) -> Res<String> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.export_json_file(id, &path)?))?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub fn import_json(state: State<'_, AppState>, path: PathBuf) -> Res<Assessment> {
    let c = catalog_ref()?;
    state.with_store(|s| Ok(s.import_json_file(c, &path)?))
}

/// Hands a file Preflight wrote to the OS's default program (e.g. the workbook to Excel).
#[tauri::command]
pub fn open_path<R: tauri::Runtime>(app: tauri::AppHandle<R>, path: String) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(&path, None::<&str>)
        .map_err(|e| WireError::new("open_failed", format!("Could not open {path}: {e}")))
}
