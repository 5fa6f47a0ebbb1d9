//! The risk and vendor commands through `tauri::test`, without a window: bad input comes back
//! as `{code, message}` and changes nothing; the register, flags and facts reach the UI.

use preflight_app::state::AppState;
use preflight_app::wire::WireError;
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

fn new_type2(w: &WebviewWindow<MockRuntime>) -> String {
    let a = invoke(
        w,
        "create_assessment",
        json!({"input": {"company": "Acme", "kind": "soc2", "reportType": "type2",
        "observationStart": "2026-01-01", "observationEnd": "2026-06-30"}}),
    )
    .expect("created");
    a["id"].as_str().expect("id").to_string()
}

#[test]
fn risk_commands_refuse_bad_input_and_draw_the_heat_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let id = new_type2(&w);
    let risk = |likelihood: i64| {
        json!({"title": "Lost laptop", "category": "security", "likelihood": likelihood, "impact": 3,
               "treatment": "mitigate", "treatment_reason": "Disk encryption"})
    };
    for (bad, code) in [
        (risk(0), "risk_level_out_of_range"),
        (risk(6), "risk_level_out_of_range"),
        (json!({"title": "x"}), "invalid_form"),
    ] {
        let e = error(invoke(&w, "create_risk", json!({"id": id, "risk": bad})));
        assert_eq!(e.code, code, "{}", e.message);
        assert!(!e.message.is_empty());
    }
    let e = error(invoke(
        &w,
        "update_risk",
        json!({"riskId": "nope", "version": 1, "risk": risk(2)}),
    ));
    assert_eq!(e.code, "unknown_risk");
    let r = invoke(&w, "create_risk", json!({"id": id, "risk": risk(2)})).expect("risk");
    assert_eq!(r["score"], json!(6));
    assert_eq!(r["band"], json!("medium"));
    let reg = invoke(&w, "risk_register", json!({"id": id})).expect("register");
    assert_eq!(reg["risks"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        reg["heat_map"]["inherent"]["cells"][2][1],
        json!(1),
        "impact 3, likelihood 2"
    );
    assert_eq!(reg["likelihood_scale"].as_array().map(Vec::len), Some(5));
    assert!(reg["starters"].as_array().is_some_and(|s| s.len() >= 20));
    let e = error(invoke(
        &w,
        "record_risk_review",
        json!({"id": id, "review": {"held_on": "2999-01-01", "participants": ["Dana"], "summary": "x"}}),
    ));
    assert_eq!(e.code, "date_in_future");
    let facts = invoke(&w, "register_facts", json!({"id": id})).expect("facts");
    let line = facts["cc3-risk-assessment"]
        .as_str()
        .expect("fact beside the question");
    assert!(
        line.contains("1 risk") && line.contains("no risk assessment recorded yet"),
        "{line}"
    );
}

#[test]
fn vendor_commands_flag_and_import_with_a_preview_that_saves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_app, w) = app(dir.path());
    let id = new_type2(&w);
    let v = invoke(
        &w,
        "create_vendor",
        json!({"id": id, "vendor": {"name": "Cloudy", "criticality": "critical"}}),
    )
    .expect("vendor");
    assert_eq!(v["flags"][0]["kind"], json!("no_report_on_file"));
    let e = error(invoke(
        &w,
        "create_vendor",
        json!({"id": id, "vendor": {"name": " cloudy "}}),
    ));
    assert_eq!(e.code, "duplicate_vendor");
    let e = error(invoke(
        &w,
        "save_vendor_report",
        json!({"vendorId": v["id"], "report": {"kind": "soc2", "report_type": "type2",
               "period_start": "2025-06-01", "period_end": "2025-01-01", "opinion": "unqualified"}}),
    ));
    assert_eq!(e.code, "period_ends_before_start");

    let csv = dir.path().join("vendors.csv");
    std::fs::write(
        &csv,
        "Name,Criticality,Last review\nMailer,low,2026-01-05\nBad,low,5 Jan 2026\n",
    )
    .expect("csv");
    let path = csv.to_str().expect("path");
    let p = invoke(&w, "preview_vendor_import", json!({"id": id, "path": path})).expect("preview");
    assert_eq!(
        (p["taken"].clone(), p["rejected"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(p["rows"][1]["outcome"], json!("rejected"));
    let reg = invoke(&w, "vendor_register", json!({"id": id})).expect("register");
    assert_eq!(
        reg["vendors"].as_array().map(Vec::len),
        Some(1),
        "the preview saved nothing"
    );
    let e = error(invoke(
        &w,
        "import_vendors",
        json!({"id": id, "path": path, "goodRowsOnly": false}),
    ));
    assert_eq!(e.code, "import_has_errors");
    let done = invoke(
        &w,
        "import_vendors",
        json!({"id": id, "path": path, "goodRowsOnly": true}),
    )
    .expect("import");
    assert_eq!(done["saved"], json!(1));
    let e = error(invoke(
        &w,
        "preview_vendor_import",
        json!({"id": id, "path": "/no/such.csv"}),
    ));
    assert_eq!(e.code, "file_io");
    let reg = invoke(&w, "vendor_register", json!({"id": id})).expect("register");
    assert_eq!(reg["vendors"].as_array().map(Vec::len), Some(2));
    assert!(reg["summary"]
        .as_str()
        .is_some_and(|s| s.starts_with("2 vendors")));
    let adopted = invoke(
        &w,
        "adopt_starter_cuecs",
        json!({"id": id, "starterIds": ["cuec-customer-user-access"]}),
    )
    .expect("cuec");
    assert_eq!(adopted.as_array().map(Vec::len), Some(1));
}
