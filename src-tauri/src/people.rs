//! Commands for the people register: the list with its flags and, for a Type 2 window, the
//! hires and leavers an auditor samples from; people added, edited (renaming renames them as
//! owner everywhere), acknowledging the policies in force, and the HR CSV import (a preview
//! that saves nothing, then what the user accepts). Thin: the rules live in `preflight-people`
//! and the store.

use preflight_assessment::assessment::parse_id;
use preflight_people::{flags, hires, leavers, Flag, ImportPreview, Person, PersonInput};
use preflight_store::people::PeopleImport;
use serde::Serialize;
use tauri::State;

use crate::remediation::form;
use crate::state::{read_import_file, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

#[derive(Debug, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub person: Person,
    pub working: bool,
    pub flags: Vec<Flag>,
    pub offboarding_deadline: Option<chrono::NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct CurrentPolicyView {
    pub id: String,
    pub title: String,
    pub version: u32,
    /// How many people working today acknowledged this version.
    pub acknowledged: usize,
    pub working: usize,
}

/// The people a Type 2 auditor samples from.
#[derive(Debug, Serialize)]
pub struct Populations {
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub hires: Vec<String>,
    pub leavers: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PeopleRegister {
    pub people: Vec<PersonView>,
    pub summary: String,
    pub policies: Vec<CurrentPolicyView>,
    pub populations: Option<Populations>,
}

#[tauri::command]
pub fn people_register(state: State<'_, AppState>, id: String) -> Res<PeopleRegister> {
    let id = parse_id(&id)?;
    let today = today();
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let people = s.persons(id)?;
        let current = s.current_policies(id)?;
        let cur: Vec<preflight_people::CurrentPolicy<'_>> = current
            .iter()
            .map(|(i, t, v)| (i.as_str(), t.as_str(), *v))
            .collect();
        let window = a.scope.observation;
        let working = people.iter().filter(|p| p.is_working(today)).count();
        Ok(PeopleRegister {
            summary: preflight_people::facts::summary(&people, &cur, today, window.as_ref()),
            policies: current
                .iter()
                .map(|(pid, title, v)| CurrentPolicyView {
                    id: pid.clone(),
                    title: title.clone(),
                    version: *v,
                    acknowledged: people
                        .iter()
                        .filter(|p| p.is_working(today) && p.acknowledgement(pid, *v).is_some())
                        .count(),
                    working,
                })
                .collect(),
            populations: window.map(|w| Populations {
                start: w.start,
                end: w.end,
                hires: hires(&people, &w).iter().map(|p| p.name.clone()).collect(),
                leavers: leavers(&people, &w)
                    .iter()
                    .map(|p| p.name.clone())
                    .collect(),
            }),
            people: people
                .into_iter()
                .map(|p| PersonView {
                    flags: flags(&p, &cur, today),
                    working: p.is_working(today),
                    offboarding_deadline: p.end_date.map(preflight_people::offboarding_deadline),
                    person: p,
                })
                .collect(),
        })
    })
}

#[tauri::command]
pub fn create_person(
    state: State<'_, AppState>,
    id: String,
    person: serde_json::Value,
) -> Res<Person> {
    let id = parse_id(&id)?;
    let input: PersonInput = form(person, "person")?;
    state.with_store(|s| Ok(s.create_person(id, &input, today())?))
}

#[tauri::command]
pub fn update_person(
    state: State<'_, AppState>,
    id: String,
    name: String,
    version: u32,
    person: serde_json::Value,
) -> Res<Person> {
    let id = parse_id(&id)?;
    let input: PersonInput = form(person, "person")?;
    state.with_store(|s| Ok(s.update_person(id, &name, version, &input, today())?))
}

/// Records that a person acknowledged every policy version in force, on a day.
#[tauri::command]
pub fn acknowledge_policies(
    state: State<'_, AppState>,
    id: String,
    name: String,
    on: String,
) -> Res<Person> {
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let current: Vec<(uuid::Uuid, u32)> = s
            .current_policies(id)?
            .into_iter()
            .filter_map(|(pid, _, v)| uuid::Uuid::parse_str(&pid).ok().map(|u| (u, v)))
            .collect();
        Ok(s.acknowledge(id, &name, &current, &on, today())?)
    })
}

#[tauri::command]
pub fn preview_people_import(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Res<ImportPreview> {
    let id = parse_id(&id)?;
    let bytes = read_import_file(&path)?;
    state.with_store(|s| Ok(s.preview_people_import(id, &bytes, today())?))
}

#[tauri::command]
pub fn import_people(
    state: State<'_, AppState>,
    id: String,
    path: String,
    good_rows_only: bool,
) -> Res<PeopleImport> {
    let id = parse_id(&id)?;
    let bytes = read_import_file(&path)?;
    state.with_store(|s| Ok(s.import_people(id, &bytes, good_rows_only, today())?))
}
