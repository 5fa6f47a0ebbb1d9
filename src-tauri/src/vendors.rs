//! Commands for vendors and the company's own CUECs: the register with its flags, the SOC
//! report review, a vendor's CUEC made into a task, and the CSV import (a preview that saves
//! nothing, then the import the user accepted). Thin: the rules live in `preflight-vendors`
//! and the store.

use std::collections::HashMap;

use preflight_assessment::assessment::parse_id;
use preflight_assessment::objectives::effective_catalog;
use preflight_remediation::Task;
use preflight_store::vendors::ImportResult;
use preflight_vendors::customer_controls::{starter_cuecs, StarterCuec};
use preflight_vendors::{
    flags, CustomerControl, CustomerControlInput, Flag, ImportPreview, ReportInput, Vendor,
    VendorInput,
};
use serde::Serialize;
use tauri::State;

use crate::remediation::form;
use crate::state::{catalog_ref, read_import_file, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

fn uuid_of(s: &str, what: &str, code: &str) -> Res<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim())
        .map_err(|_| WireError::new(code, format!("\"{s}\" is not a {what} id.")))
}

#[derive(Debug, Serialize)]
pub struct VendorView {
    #[serde(flatten)]
    pub vendor: Vendor,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Serialize)]
pub struct StarterCuecView {
    #[serde(flatten)]
    pub starter: StarterCuec,
    pub adopted: bool,
}

/// Everything the Vendors tab shows.
#[derive(Debug, Serialize)]
pub struct VendorRegister {
    pub vendors: Vec<VendorView>,
    pub summary: String,
    pub window_start: chrono::NaiveDate,
    pub customer_controls: Vec<CustomerControl>,
    pub starter_cuecs: Vec<StarterCuecView>,
}

#[tauri::command]
pub fn vendor_register(state: State<'_, AppState>, id: String) -> Res<VendorRegister> {
    let id = parse_id(&id)?;
    let today = today();
    let starters = starter_cuecs().map_err(|e| WireError::new(e.code(), e.to_string()))?;
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let start = preflight_vendors::flags::window_start(a.scope.observation, today);
        let vendors = s.vendors(id)?;
        let controls = s.customer_controls(id)?;
        Ok(VendorRegister {
            summary: preflight_vendors::facts::summary(&vendors, today, start),
            window_start: start,
            vendors: vendors
                .into_iter()
                .map(|v| VendorView {
                    flags: flags(&v, today, start),
                    vendor: v,
                })
                .collect(),
            starter_cuecs: starters
                .iter()
                .map(|st| StarterCuecView {
                    adopted: controls
                        .iter()
                        .any(|c| c.starter_id.as_deref() == Some(st.id.as_str())),
                    starter: st.clone(),
                })
                .collect(),
            customer_controls: controls,
        })
    })
}

fn view(s: &preflight_store::Store, v: Vendor) -> Res<VendorView> {
    let today = today();
    let a = s.assessment(v.assessment_id)?;
    let start = preflight_vendors::flags::window_start(a.scope.observation, today);
    Ok(VendorView {
        flags: flags(&v, today, start),
        vendor: v,
    })
}

#[tauri::command]
pub fn create_vendor(
    state: State<'_, AppState>,
    id: String,
    vendor: serde_json::Value,
) -> Res<VendorView> {
    let id = parse_id(&id)?;
    let input: VendorInput = form(vendor, "vendor")?;
    state.with_store(|s| {
        let v = s.create_vendor(id, &input, today())?;
        view(s, v)
    })
}

#[tauri::command]
pub fn update_vendor(
    state: State<'_, AppState>,
    vendor_id: String,
    version: u32,
    vendor: serde_json::Value,
) -> Res<VendorView> {
    let vid = uuid_of(&vendor_id, "vendor", "unknown_vendor")?;
    let input: VendorInput = form(vendor, "vendor")?;
    state.with_store(|s| {
        let v = s.update_vendor(vid, version, &input, today())?;
        view(s, v)
    })
}

#[tauri::command]
pub fn delete_vendor(state: State<'_, AppState>, vendor_id: String) -> Res<()> {
    let vid = uuid_of(&vendor_id, "vendor", "unknown_vendor")?;
    state.with_store(|s| Ok(s.delete_vendor(vid)?))
}

#[tauri::command]
pub fn save_vendor_report(
    state: State<'_, AppState>,
    vendor_id: String,
    report: serde_json::Value,
) -> Res<VendorView> {
    let vid = uuid_of(&vendor_id, "vendor", "unknown_vendor")?;
    let input: ReportInput = form(report, "SOC report review")?;
    state.with_store(|s| {
        let v = s.save_vendor_report(vid, &input, today())?;
        view(s, v)
    })
}

#[tauri::command]
pub fn remove_vendor_report(state: State<'_, AppState>, vendor_id: String) -> Res<VendorView> {
    let vid = uuid_of(&vendor_id, "vendor", "unknown_vendor")?;
    state.with_store(|s| {
        let v = s.remove_vendor_report(vid)?;
        view(s, v)
    })
}

/// A CUEC the company does not run becomes a task in one action.
#[tauri::command]
pub fn task_from_vendor_cuec(
    state: State<'_, AppState>,
    vendor_id: String,
    cuec_id: String,
) -> Res<Task> {
    let c = catalog_ref()?;
    let vid = uuid_of(&vendor_id, "vendor", "unknown_vendor")?;
    let cid = uuid_of(&cuec_id, "CUEC", "unknown_cuec")?;
    state.with_store(|s| Ok(s.task_from_vendor_cuec(c, vid, cid, today())?))
}

/// Reads a vendor CSV and reports row by row what would be taken; saves nothing.
#[tauri::command]
pub fn preview_vendor_import(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Res<ImportPreview> {
    let id = parse_id(&id)?;
    let bytes = read_import_file(&path)?;
    state.with_store(|s| Ok(s.preview_vendor_import(id, &bytes, today())?))
}

/// Imports the vendor CSV the user accepted (the file is read again: what is saved is what it
/// holds now).
#[tauri::command]
pub fn import_vendors(
    state: State<'_, AppState>,
    id: String,
    path: String,
    good_rows_only: bool,
) -> Res<ImportResult> {
    let id = parse_id(&id)?;
    let bytes = read_import_file(&path)?;
    state.with_store(|s| Ok(s.import_vendors(id, &bytes, good_rows_only, today())?))
}

#[tauri::command]
pub fn add_customer_control(
    state: State<'_, AppState>,
    id: String,
    control: serde_json::Value,
) -> Res<CustomerControl> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let input: CustomerControlInput = form(control, "customer control")?;
    state.with_store(|s| Ok(s.add_customer_control(c, id, &input)?))
}

#[tauri::command]
pub fn update_customer_control(
    state: State<'_, AppState>,
    control_id: String,
    control: serde_json::Value,
) -> Res<CustomerControl> {
    let c = catalog_ref()?;
    let cid = uuid_of(&control_id, "customer control", "unknown_customer_control")?;
    let input: CustomerControlInput = form(control, "customer control")?;
    state.with_store(|s| Ok(s.update_customer_control(c, cid, &input)?))
}

#[tauri::command]
pub fn delete_customer_control(state: State<'_, AppState>, control_id: String) -> Res<()> {
    let cid = uuid_of(&control_id, "customer control", "unknown_customer_control")?;
    state.with_store(|s| Ok(s.delete_customer_control(cid)?))
}

#[tauri::command]
pub fn adopt_starter_cuecs(
    state: State<'_, AppState>,
    id: String,
    starter_ids: Vec<String>,
) -> Res<Vec<CustomerControl>> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    state.with_store(|s| Ok(s.adopt_starter_cuecs(c, id, &starter_ids)?))
}

/// What the registers hold, keyed by the questions it is shown beside (questions about risk
/// assessment, vendors, policies, training, background checks and offboarding), for the
/// questionnaire. Which questions each register speaks to is decided in its own crate.
#[tauri::command(async)]
pub fn register_facts(state: State<'_, AppState>, id: String) -> Res<HashMap<String, String>> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let today = today();
    state.with_store(|s| {
        let a = s.assessment(id)?;
        let effective = effective_catalog(c, &a);
        let risks = s.risks(id)?;
        let reviews = s.risk_reviews(id)?;
        let vendors = s.vendors(id)?;
        let start = preflight_vendors::flags::window_start(a.scope.observation, today);
        let risk_line = preflight_risks::facts::summary(&risks, &reviews, today);
        let vendor_line = preflight_vendors::facts::summary(&vendors, today, start);
        let people = s.persons(id)?;
        let current = s.current_policies(id)?;
        let cur: Vec<preflight_people::CurrentPolicy<'_>> = current
            .iter()
            .map(|(i, t, v)| (i.as_str(), t.as_str(), *v))
            .collect();
        let people_line =
            preflight_people::facts::summary(&people, &cur, today, a.scope.observation.as_ref());
        let policy_line = preflight_policies::facts::summary(&s.policies(id)?, today);
        let mut out = HashMap::new();
        for q in a.scope.questions(&effective) {
            let mut lines = Vec::new();
            if preflight_risks::facts::concerns(q) {
                lines.push(format!("Risk register: {risk_line}"));
            }
            if preflight_vendors::facts::concerns(q) {
                lines.push(format!("Vendor register: {vendor_line}"));
            }
            if preflight_policies::facts::concerns(q) {
                lines.push(format!("Policies: {policy_line}"));
            }
            if preflight_people::facts::concerns(q) {
                lines.push(format!("People register: {people_line}"));
            }
            if !lines.is_empty() {
                out.insert(q.id.clone(), lines.join("\n"));
            }
        }
        Ok(out)
    })
}
