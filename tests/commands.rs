//! Tauri commands through `tauri::test`, without a window: arguments in, `{code, message}` out.

use preflight_app::state::AppState;
use preflight_app::wire::{AssessmentListItem, AssessmentView, WireError};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

fn app(dir: &std::path::Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let state = AppState::open(Some(dir));
    let app = preflight_app::with_commands(mock_builder(), state)
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");
    (app, webview)
}

fn invoke(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // On Linux the request must come from the app's own origin.
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().expect("json response"))
}

fn error(r: Result<Value, Value>) -> WireError {
    serde_json::from_value(r.expect_err("an error")).expect("{code, message}")
}

#[test]
fn commands_create_answer_and_refuse_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());

    let list = invoke(&w, "list_assessments", json!({})).expect("list");
    assert_eq!(list, json!([]));

    // Bad input: each a clear message, nothing saved.
    let e = error(invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": " ", "kind": "soc2", "reportType": "type1"}}),
    ));
    assert_eq!(e.code, "empty_company");
    assert!(e.message.contains("company name is empty"));
    let e = error(invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type2",
        "observationStart": "2026-06-01", "observationEnd": "2026-01-01"}}),
    ));
    assert_eq!(e.code, "observation_end_before_start");
    let e = error(invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type2",
        "observationStart": "01/06/2026", "observationEnd": "2026-12-01"}}),
    ));
    assert_eq!(e.code, "invalid_date");
    assert!(e.message.contains("YYYY-MM-DD"));
    assert_eq!(
        invoke(&w, "list_assessments", json!({})).expect("list"),
        json!([])
    );

    // A real one: Security forced in.
    let a = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc3", "reportType": "type1",
        "categories": ["privacy"]}}),
    )
    .expect("created");
    assert_eq!(a["scope"]["categories"], json!(["security", "privacy"]));
    let id = a["id"].as_str().expect("id").to_string();

    let saved = invoke(
        &w,
        "save_answer",
        json!({"assessmentId": id, "questionId": "cc6-mfa", "value": "no", "note": "=not yet"}),
    )
    .expect("saved");
    assert_eq!(saved["value"], json!("no"));
    let e = error(invoke(
        &w,
        "save_answer",
        json!({"assessmentId": id, "questionId": "bogus", "value": "no", "note": ""}),
    ));
    assert_eq!(e.code, "unknown_question");
    let e = error(invoke(
        &w,
        "save_answer",
        json!({"assessmentId": id, "questionId": "cc6-mfa", "value": "maybe", "note": ""}),
    ));
    assert_eq!(e.code, "invalid_answer");
    let e = error(invoke(&w, "get_assessment", json!({"id": "not-an-id"})));
    assert_eq!(e.code, "invalid_assessment_id");
    let e = error(invoke(
        &w,
        "get_assessment",
        json!({"id": "00000000-0000-4000-8000-000000000000"}),
    ));
    assert_eq!(e.code, "unknown_assessment");

    let view: AssessmentView =
        serde_json::from_value(invoke(&w, "get_assessment", json!({"id": id})).expect("view"))
            .expect("shape");
    assert_eq!(view.answers.len(), 1);
    assert_eq!(
        view.answers[0].note, "=not yet",
        "the failed saves changed nothing"
    );

    let r = invoke(&w, "readiness", json!({"id": id})).expect("readiness");
    assert_eq!(r["readiness"]["answered"], json!(1));
    assert!(r["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .any(|g| g["question_id"] == "cc6-mfa"));

    let xlsx = dir.path().join("out.xlsx");
    invoke(&w, "export_workbook", json!({"id": id, "path": xlsx})).expect("workbook");
    assert!(std::fs::metadata(&xlsx).expect("written").len() > 1000);

    let list: Vec<AssessmentListItem> =
        serde_json::from_value(invoke(&w, "list_assessments", json!({})).expect("list"))
            .expect("shape");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].answered, 1);

    // What a delete would take, counted for the confirmation.
    let c = invoke(&w, "assessment_contents", json!({"id": id})).expect("contents");
    assert_eq!(c["answers"], json!(1));
    assert_eq!(c["tasks"], json!(0));
    assert_eq!(c["evidence_files"], json!(0));
    invoke(&w, "delete_assessment", json!({"id": id})).expect("delete");
    let e = error(invoke(&w, "assessment_contents", json!({"id": id})));
    assert_eq!(e.code, "unknown_assessment");
}

#[test]
fn a_database_that_is_not_preflights_is_reported_not_touched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("preflight.sqlite3");
    std::fs::write(
        &db,
        b"this is not a database at all, just some text that happens to be here",
    )
    .expect("write");
    let (_app, w) = app(dir.path());
    let info = invoke(&w, "app_info", json!({})).expect("info");
    assert_eq!(info["store_error"]["code"], json!("database_not_preflight"));
    let e = error(invoke(&w, "list_assessments", json!({})));
    assert_eq!(e.code, "database_not_preflight");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        b"this is not a database at all, just some text that happens to be here"
    );
}

#[test]
fn review_commands_import_export_and_refuse_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let a = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type1"}}),
    )
    .expect("created");
    let id = a["id"].as_str().expect("id").to_string();
    invoke(
        &w,
        "save_answer",
        json!({"assessmentId": id, "questionId": "cc6-mfa", "value": "no", "note": ""}),
    )
    .expect("saved");

    assert_eq!(
        invoke(&w, "auditor_comments", json!({"id": id})).expect("comments"),
        json!([])
    );

    // The exported workbook comes back untouched: every row blank, nothing taken or rejected.
    let xlsx = dir.path().join("gaps.xlsx");
    invoke(&w, "export_workbook", json!({"id": id, "path": xlsx})).expect("workbook");
    let r = invoke(&w, "import_review", json!({"id": id, "path": xlsx})).expect("import");
    assert_eq!(r["report"]["taken"], json!([]));
    assert_eq!(r["report"]["rejected"], json!([]));
    assert!(r["report"]["blank_rows"].as_u64().expect("count") > 100);

    // Not an xlsx: a clear error.
    let txt = dir.path().join("notes.xlsx");
    std::fs::write(&txt, "not a workbook").expect("write");
    let e = error(invoke(&w, "import_review", json!({"id": id, "path": txt})));
    assert_eq!(e.code, "review_not_xlsx", "{}", e.message);

    // Another assessment's workbook is refused.
    let b = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Other", "kind": "soc2", "reportType": "type1"}}),
    )
    .expect("created");
    let e = error(invoke(
        &w,
        "import_review",
        json!({"id": b["id"], "path": xlsx}),
    ));
    assert_eq!(e.code, "review_other_assessment", "{}", e.message);

    let files = invoke(&w, "export_csv", json!({"id": id, "dir": dir.path()})).expect("csv");
    let files = files.as_array().expect("paths");
    assert_eq!(files.len(), 2);
    for f in files {
        assert!(
            std::fs::metadata(f.as_str().expect("path"))
                .expect("written")
                .len()
                > 100
        );
    }
}

#[test]
fn soc1_objectives_can_be_reworded_and_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let a = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Payroll Co", "kind": "soc1", "reportType": "type1",
        "objectives": ["ITGC-LA", "BP-PAY"]}}),
    )
    .expect("created");
    let id = a["id"].as_str().expect("id").to_string();
    invoke(
        &w,
        "reword_objective",
        json!({"id": id, "objectiveId": "ITGC-LA", "title": "Payroll engine access",
        "statement": "Only approved staff can reach the payroll engine."}),
    )
    .expect("reworded");
    let e = error(invoke(
        &w,
        "reword_objective",
        json!({"id": id, "objectiveId": "ITGC-LA", "title": " ", "statement": "x"}),
    ));
    assert_eq!(e.code, "empty_objective_text");
    let after = invoke(&w, "add_objective", json!({"id": id, "title": "Tax tables", "statement": "Tax tables change only with approval."}))
        .expect("added");
    assert_eq!(
        after["scope"]["objectives"],
        json!(["ITGC-LA", "BP-PAY", "OWN-1"])
    );

    let view = invoke(&w, "get_assessment", json!({"id": id})).expect("view");
    let la = view["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .find(|o| o["id"] == "ITGC-LA")
        .expect("ITGC-LA")
        .clone();
    assert_eq!(la["title"], json!("Payroll engine access"));
    let extra: Vec<&str> = view["extra_questions"]
        .as_array()
        .expect("extra")
        .iter()
        .filter_map(|q| q["id"].as_str())
        .collect();
    assert!(extra.contains(&"OWN-1/design") && extra.contains(&"OWN-1/records"));
    // A Type 1: the questions worded for it come along, and none speaks of "the period".
    assert!(extra.contains(&"soc1-change-approval"), "{extra:?}");
    for q in view["extra_questions"].as_array().expect("extra") {
        if q["type2_only"] == json!(true) {
            continue;
        }
        for field in ["text", "guidance", "evidence"] {
            let t = q[field].as_str().expect("text");
            assert!(
                !t.contains('{') && !t.to_lowercase().contains("the period"),
                "{}: {t}",
                q["id"]
            );
        }
    }
    // The shared catalog the window loads once is rendered too (Type 2 wording), with the
    // practice hints apart from the points of focus.
    let shared = invoke(&w, "catalog", json!({})).expect("catalog");
    let cc71 = shared["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .find(|c| c["id"] == "CC7.1")
        .expect("CC7.1")
        .clone();
    assert!(cc71["practice_hints"][0]
        .as_str()
        .expect("hint")
        .contains("at least once a year"));
    assert!(shared["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .all(|q| !q["guidance"].as_str().unwrap_or("{").contains('{')));
    assert!(view["question_ids"]
        .as_array()
        .expect("ids")
        .iter()
        .any(|q| q == "OWN-1/design"));

    invoke(
        &w,
        "save_answer",
        json!({"assessmentId": id, "questionId": "OWN-1/design", "value": "partly", "note": ""}),
    )
    .expect("answer own");
    let r = invoke(&w, "readiness", json!({"id": id})).expect("readiness");
    assert!(r["readiness"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|i| i["item"]["id"] == "OWN-1" && i["answered"] == 1));
    let xlsx = dir.path().join("soc1.xlsx");
    invoke(&w, "export_workbook", json!({"id": id, "path": xlsx}))
        .expect("workbook with own objective");

    // SOC 2 has no objectives of its own.
    let b = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type1"}}),
    )
    .expect("soc2");
    let e = error(invoke(
        &w,
        "add_objective",
        json!({"id": b["id"], "title": "x", "statement": "y"}),
    ));
    assert_eq!(e.code, "objectives_for_soc1_only");
}

#[test]
fn remediation_commands_tasks_calendar_and_stale_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let a = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type2",
        "observationStart": "2026-01-01", "observationEnd": "2026-06-30"}}),
    )
    .expect("created");
    let id = a["id"].as_str().expect("id").to_string();

    // A task from a gap, prefilled.
    let t = invoke(
        &w,
        "create_task_from_gap",
        json!({"id": id, "questionId": "cc6-mfa"}),
    )
    .expect("task");
    assert_eq!(t["question_id"], json!("cc6-mfa"));
    assert_eq!(t["priority"], json!("high"));
    let tid = t["id"].as_str().expect("task id").to_string();
    let v0 = t["version"].as_u64().expect("version");

    // Owner must be on the people list; a blank name is refused.
    assert_eq!(
        error(invoke(&w, "add_person", json!({"id": id, "name": "   "}))).code,
        "empty_person_name"
    );
    invoke(&w, "add_person", json!({"id": id, "name": "Dana"})).expect("person");
    let edit = |version: u64, due: &str| json!({"taskId": tid, "edit": {"version": version, "title": "Enforce MFA", "priority": "high", "owner": "Dana", "due": due}});
    assert_eq!(
        error(invoke(&w, "update_task", edit(v0, "31/12/2026"))).code,
        "invalid_due_date"
    );
    let t1 = invoke(&w, "update_task", edit(v0, "2026-12-31")).expect("edited");
    assert_eq!(t1["owner"], json!("Dana"));
    // The same edit from a second window still holding version 0 is refused; nothing lost.
    assert_eq!(
        error(invoke(&w, "update_task", edit(v0, "2027-01-31"))).code,
        "stale_version"
    );

    // Risk acceptance needs a justification and who accepted it.
    let v = t1["version"].as_u64().expect("version");
    let e = error(invoke(
        &w,
        "set_task_status",
        json!({"taskId": tid, "request": {"version": v, "status": "risk_accepted"}}),
    ));
    assert!(e.code.starts_with("risk_"), "{}", e.code);
    let done = invoke(
        &w,
        "set_task_status",
        json!({"taskId": tid, "request": {"version": v, "status": "done"}}),
    )
    .expect("done");
    assert_eq!(done["reanswer"]["question_id"], json!("cc6-mfa"));

    let d = invoke(&w, "dashboard", json!({"id": id})).expect("dashboard");
    assert_eq!(d["tasks"]["done"], json!(1));
    assert_eq!(d["history"].as_array().expect("history").len(), 1);
    assert!(!d["groups"].as_array().expect("groups").is_empty());

    // The Type 2 calendar: a quarterly review recorded in the window.
    let cal = invoke(&w, "duty_calendar", json!({"id": id})).expect("calendar");
    let access = cal["duties"]
        .as_array()
        .expect("duties")
        .iter()
        .find(|d| d["duty"] == "access_review")
        .expect("access review")
        .clone();
    assert_eq!(access["expected"]["occurrences"], json!(2));
    invoke(
        &w,
        "record_duty",
        json!({"id": id, "occurrence": {"duty": "access_review", "done_on": "2026-02-15"}}),
    )
    .expect("recorded");
    assert_eq!(
        error(invoke(
            &w,
            "record_duty",
            json!({"id": id, "occurrence": {"duty": "access_review", "done_on": "Feb 15"}})
        ))
        .code,
        "invalid_date"
    );
    let cal = invoke(&w, "duty_calendar", json!({"id": id})).expect("calendar");
    let access = cal["duties"]
        .as_array()
        .expect("duties")
        .iter()
        .find(|d| d["duty"] == "access_review")
        .expect("access review")
        .clone();
    assert_eq!(
        access["occurrences"].as_array().expect("occurrences").len(),
        1
    );
    assert_eq!(access["slots_open"], json!(1));
}

/// The scoping wizard's profile as the form sends it: texts for dates and the head count, an
/// empty text for "not given"; a later report's window follows the previous period.
#[test]
fn wizard_profile_arrives_as_the_form_sends_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let profile = json!({
        "service": "Scheduling for clinics", "transactions": "none", "customer_data": true,
        "personal_info": "end_users", "privacy_role": "processor", "first_report": false,
        "previous_type": "type2", "previous_period_end": "2026-09-30", "head_count": "6",
        "has_office": false, "target_date": ""
    });
    let rec = invoke(&w, "recommend_scope", json!({ "profile": profile })).expect("recommend");
    assert_eq!(rec["observation_months"], 12);
    assert_eq!(rec["window_start"], "2026-10-01");
    assert_eq!(rec["report_type"]["value"], "type2");
    let na = rec["not_applicable"].as_array().expect("list");
    assert!(na.iter().any(|n| n["question"] == "cc6-visitors"));
    let privacy = rec["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["category"] == "privacy")
        .expect("privacy")
        .clone();
    assert_eq!(privacy["include"], false);

    let bad = |field: &str, value: Value| {
        let mut p = profile.clone();
        p[field] = value;
        error(invoke(&w, "recommend_scope", json!({ "profile": p })))
    };
    assert_eq!(bad("head_count", json!("six")).code, "invalid_profile");
    assert_eq!(
        bad("previous_period_end", json!("30/09/2026")).code,
        "invalid_date"
    );

    // Stored with the assessment, new answers included.
    let a = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Clinic Cloud", "kind": "soc2", "reportType": "type2",
            "observationStart": "2026-10-01", "observationEnd": "2027-09-30", "profile": profile}}),
    )
    .expect("create");
    assert_eq!(a["profile"]["head_count"], 6);
    assert_eq!(a["profile"]["has_office"], false);
    assert_eq!(a["profile"]["previous_period_end"], "2026-09-30");
}

#[test]
fn the_long_lists_see_every_save_at_once() {
    // task_page, evidence_page and task_titles read through a second, read-only connection:
    // what the store just saved is in the next page asked for.
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let a = invoke(
        &w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type1"}}),
    )
    .expect("created");
    let id = a["id"].as_str().expect("id").to_string();
    let page = |query: Value| invoke(&w, "task_page", json!({"id": id, "query": query}));
    assert_eq!(page(json!({})).expect("page")["total"], json!(0));
    for (n, q) in ["cc6-mfa", "cc6-no-shared-accounts"].iter().enumerate() {
        invoke(
            &w,
            "create_task_from_gap",
            json!({"id": id, "questionId": q}),
        )
        .expect("task");
        let p = page(json!({"page_size": 1})).expect("page");
        assert_eq!(p["total"], json!(n + 1), "{p}");
        assert_eq!(p["items"].as_array().map(Vec::len), Some(1));
        assert!(!p["items"][0]["history"]
            .as_array()
            .expect("history")
            .is_empty());
    }
    let titles = invoke(&w, "task_titles", json!({"id": id})).expect("titles");
    assert_eq!(titles.as_array().map(Vec::len), Some(2));
    let ev = invoke(&w, "evidence_page", json!({"id": id, "query": {}})).expect("evidence");
    assert_eq!(ev["total"], json!(0));
    // Bad input is still a clear error.
    let e = error(page(json!({"sort": "sideways"})));
    assert!(!e.message.is_empty(), "{e:?}");
    let e = error(invoke(
        &w,
        "task_page",
        json!({"id": "not-an-id", "query": {}}),
    ));
    assert!(!e.message.is_empty(), "{e:?}");
}
