//! Commands for the system description: the sections with their guidance, saved text or draft
//! and completeness; the component lists; the Type 1 as-of date; the export as .docx and
//! Markdown. Thin: the rules live in `preflight-description` and the store.

use preflight_assessment::assessment::parse_id;
use preflight_assessment::objectives::effective_catalog;
use preflight_description::components::Component;
use preflight_description::{sections, ComponentKind, SectionText};
use serde::Serialize;
use tauri::State;

use crate::state::{catalog_ref, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

#[derive(Debug, Serialize)]
pub struct SectionView {
    #[serde(flatten)]
    pub section: SectionText,
    pub guidance: String,
    pub prompt: String,
}

#[derive(Debug, Serialize)]
pub struct DescriptionView {
    pub sections: Vec<SectionView>,
    pub components: Vec<Component>,
    pub complete: usize,
    pub type2: bool,
    pub as_of: Option<chrono::NaiveDate>,
}

fn desc_err(e: preflight_description::section::DescriptionError) -> WireError {
    WireError::new(e.code(), e.to_string())
}

#[tauri::command]
pub fn system_description(state: State<'_, AppState>, id: String) -> Res<DescriptionView> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let all = sections().map_err(desc_err)?;
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let effective = effective_catalog(c, &a);
        let (facts, texts) = s.description(&effective, id)?;
        Ok(DescriptionView {
            complete: texts.iter().filter(|t| t.complete).count(),
            sections: texts
                .into_iter()
                .map(|t| {
                    let def = all.iter().find(|d| d.id == t.id);
                    SectionView {
                        guidance: def.map(|d| d.guidance.clone()).unwrap_or_default(),
                        prompt: def.map(|d| d.prompt.clone()).unwrap_or_default(),
                        section: t,
                    }
                })
                .collect(),
            components: facts.components,
            type2: facts.type2,
            as_of: s.as_of_date(id)?,
        })
    })
}

#[tauri::command]
pub fn save_description_section(
    state: State<'_, AppState>,
    id: String,
    section_id: String,
    text: String,
) -> Res<()> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.save_section(id, &section_id, &text, today())?))
}

#[tauri::command]
pub fn save_components(
    state: State<'_, AppState>,
    id: String,
    kind: String,
    items: Vec<(String, String)>,
) -> Res<Vec<Component>> {
    let id = parse_id(&id)?;
    let kind = ComponentKind::parse(&kind).ok_or_else(|| {
        WireError::new(
            "invalid_form",
            format!("\"{kind}\" is not a component list."),
        )
    })?;
    state.with_store(|s| Ok(s.save_components(id, kind, &items)?))
}

#[tauri::command]
pub fn set_as_of_date(
    state: State<'_, AppState>,
    id: String,
    date: String,
) -> Res<Option<chrono::NaiveDate>> {
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.set_as_of_date(id, &date)?))
}

#[tauri::command]
pub fn export_description(state: State<'_, AppState>, id: String, dir: String) -> Res<Vec<String>> {
    let c = catalog_ref()?;
    if dir.trim().is_empty() {
        return Err(WireError::new(
            "no_folder",
            "Enter the folder to write the files into.",
        ));
    }
    state.with_store(|s| {
        Ok(
            preflight_cli::export_description(s, c, &id, std::path::Path::new(dir.trim()))?
                .into_iter()
                .map(|p| p.display().to_string())
                .collect(),
        )
    })
}
