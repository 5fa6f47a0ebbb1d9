//! The command line, run as a user would: a separate process, a temp data folder.

use std::path::Path;
use std::process::{Command, Output};

fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight-cli"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PREFLIGHT_DATA_DIR")
        .output()
        .expect("runs")
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn err(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn create_answer_save_load_and_write_workbook() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let id = ok(
        &data,
        &[
            "new",
            "--company",
            "Acme",
            "--kind",
            "soc2",
            "--type",
            "type1",
            "--category",
            "privacy",
        ],
    );
    assert_eq!(id.len(), 36, "prints the new id: {id}");
    ok(
        &data,
        &[
            "answer",
            &id,
            "cc6-mfa",
            "yes",
            "--note",
            "=enforced in Okta",
        ],
    );
    let list = ok(&data, &["list"]);
    assert!(
        list.contains("Acme")
            && list.contains("SOC 2 Type 1: Security, Privacy")
            && list.contains("1 of"),
        "{list}"
    );
    let r = ok(&data, &["readiness", &id]);
    assert!(r.contains("overall") && r.contains("P1.1"), "{r}");

    let json = home.path().join("acme.preflight.json");
    ok(&data, &["export-json", &id, json.to_str().expect("path")]);
    let other = home.path().join("other");
    let loaded = ok(&other, &["import-json", json.to_str().expect("path")]);
    assert_eq!(loaded, id, "a fresh folder keeps the id");
    assert!(ok(&other, &["list"]).contains("1 of"));

    let xlsx = home.path().join("acme.xlsx");
    ok(&other, &["workbook", &id, xlsx.to_str().expect("path")]);
    assert!(std::fs::metadata(&xlsx).expect("written").len() > 1000);

    // The CSV reads rendered texts, worded for a Type 1: no placeholder, no "the period".
    let out = home.path().join("csv");
    ok(&other, &["csv", &id, out.to_str().expect("path")]);
    let questionnaire = std::fs::read_dir(&out)
        .expect("csv folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with("questionnaire.csv"))
        .expect("questionnaire csv");
    let text = std::fs::read_to_string(&questionnaire).expect("csv text");
    assert!(
        text.contains("cc6-access-reviews"),
        "the access review question is there"
    );
    assert!(text.contains("every three months"), "its timing, rendered");
    assert!(
        !text.contains('{') && !text.contains('}'),
        "no placeholder left"
    );
    assert!(
        !text.to_lowercase().contains("the period"),
        "a Type 1 has an as-of date"
    );
}

#[test]
fn bad_input_gets_a_clear_error() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let e = err(
        &data,
        &[
            "new",
            "--company",
            "  ",
            "--kind",
            "soc2",
            "--type",
            "type1",
        ],
    );
    assert!(e.contains("error [empty_company]"), "{e}");
    let e = err(
        &data,
        &[
            "new",
            "--company",
            "Acme",
            "--kind",
            "soc2",
            "--type",
            "type2",
            "--start",
            "2026-05-01",
            "--end",
            "2026-02-01",
        ],
    );
    assert!(e.contains("observation_end_before_start"), "{e}");
    let e = err(
        &data,
        &[
            "new",
            "--company",
            "Acme",
            "--kind",
            "soc2",
            "--type",
            "type2",
            "--start",
            "1 May",
            "--end",
            "2026-02-01",
        ],
    );
    assert!(
        e.contains("invalid_date") && e.contains("YYYY-MM-DD"),
        "{e}"
    );
    let e = err(
        &data,
        &["workbook", "00000000-0000-4000-8000-000000000000", "x.xlsx"],
    );
    assert!(e.contains("unknown_assessment"), "{e}");
    let bad = home.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\": \"preflight-assessment\", \"format_version\": 99}",
    )
    .expect("write");
    let e = err(&data, &["import-json", bad.to_str().expect("path")]);
    assert!(
        e.contains("file_newer_version") && e.contains("newer Preflight"),
        "{e}"
    );
    assert_eq!(ok(&data, &["list"]), "", "nothing was created");

    // A data folder whose database is not Preflight's: refused, left as it was.
    let foreign = home.path().join("foreign");
    std::fs::create_dir_all(&foreign).expect("dir");
    std::fs::write(foreign.join("preflight.sqlite3"), "not sqlite").expect("write");
    let e = err(&foreign, &["list"]);
    assert!(e.contains("database_not_preflight"), "{e}");
    assert_eq!(
        std::fs::read_to_string(foreign.join("preflight.sqlite3")).expect("read"),
        "not sqlite"
    );
}
