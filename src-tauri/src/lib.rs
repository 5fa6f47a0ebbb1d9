//! The Tauri layer: a thin adapter between the window and the domain crates. Commands
//! translate arguments and errors; the domain decides.
//!
//! - [`state`]: the open store (or why it could not be opened) shared by commands.
//! - [`commands`]: the commands the UI invokes.
//! - [`wire`]: the shapes that cross to the UI, including errors as `{code, message}`.

pub mod backups;
pub mod commands;
pub mod description;
pub mod evidence;
pub mod people;
pub mod policies;
pub mod portable;
pub mod remediation;
pub mod requests;
pub mod review;
pub mod risks;
pub mod state;
pub mod vendors;
pub mod wire;

use std::path::PathBuf;

use tauri::Runtime;

/// Registers the state and every command on a builder; the app and the command tests share it.
pub fn with_commands<R: Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::catalog,
            commands::glossary,
            commands::list_assessments,
            commands::create_assessment,
            commands::recommend_scope,
            commands::audit_timeline,
            commands::get_assessment,
            commands::reword_objective,
            commands::add_objective,
            commands::rename_assessment,
            commands::delete_assessment,
            commands::assessment_contents,
            commands::save_answer,
            commands::readiness,
            commands::export_workbook,
            commands::export_json,
            commands::import_json,
            portable::export_archive,
            portable::preview_file,
            portable::load_file,
            commands::open_path,
            remediation::people,
            remediation::add_person,
            remediation::remove_person,
            remediation::tasks,
            remediation::task_page,
            remediation::task_titles,
            remediation::create_task_from_gap,
            remediation::create_task,
            remediation::update_task,
            remediation::set_task_status,
            remediation::delete_task,
            remediation::open_tasks_for_question,
            remediation::close_tasks_for_question,
            remediation::dashboard,
            evidence::attach_evidence,
            evidence::evidence,
            evidence::evidence_page,
            evidence::verify_evidence,
            evidence::remove_evidence,
            evidence::open_evidence,
            evidence::duty_calendar,
            evidence::record_duty,
            evidence::remove_duty_occurrence,
            review::import_review,
            review::auditor_comments,
            review::export_csv,
            risks::risk_register,
            risks::create_risk,
            risks::update_risk,
            risks::delete_risk,
            risks::adopt_starter_risks,
            risks::record_risk_review,
            vendors::vendor_register,
            vendors::create_vendor,
            vendors::update_vendor,
            vendors::delete_vendor,
            vendors::save_vendor_report,
            vendors::remove_vendor_report,
            vendors::task_from_vendor_cuec,
            vendors::preview_vendor_import,
            vendors::import_vendors,
            vendors::add_customer_control,
            vendors::update_customer_control,
            vendors::delete_customer_control,
            vendors::adopt_starter_cuecs,
            vendors::register_facts,
            policies::policy_set,
            policies::adopt_policies,
            policies::create_policy,
            policies::update_policy,
            policies::approve_policy,
            policies::retire_policy,
            policies::export_policies,
            policies::markdown_preview,
            people::people_register,
            people::create_person,
            people::update_person,
            people::acknowledge_policies,
            people::preview_people_import,
            people::import_people,
            description::system_description,
            description::save_description_section,
            description::save_components,
            description::set_as_of_date,
            description::export_description,
            requests::request_list,
            requests::update_request,
            requests::set_evidence_date,
            requests::link_evidence_request,
            requests::unlink_evidence_request,
            requests::write_package,
            requests::evidence_dates,
            backups::backup_now,
            backups::list_backups_cmd,
            backups::restore_backup,
        ])
}

/// Opens the window. `data_dir` comes from `--data-dir`; otherwise `PREFLIGHT_DATA_DIR` or the
/// OS data folder is used.
pub fn run(data_dir: Option<PathBuf>) {
    let state = state::AppState::open(data_dir.as_deref());
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init());
    let result = with_commands(builder, state).run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error [window]: Preflight could not open its window: {e}");
        std::process::exit(1);
    }
}
