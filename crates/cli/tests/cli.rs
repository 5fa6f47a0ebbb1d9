//! The command line, run as a user would: a separate process, a temp data folder.

mod support;

use support::{err, ok};

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

/// "X of Y answered" in a line of output.
fn answered_of(text: &str) -> (usize, usize) {
    let before = &text[..text.find(" answered").expect("answered")];
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    assert_eq!(words[1], "of", "{text}");
    (
        words[2].parse().expect("answered"),
        words[0].parse().expect("questions"),
    )
}

#[test]
fn a_note_may_start_with_a_hyphen_and_answers_outside_the_scope_do_not_count() {
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
    // A note that looks like a flag is still a note.
    ok(&data, &["answer", &id, "cc6-mfa", "yes", "--note", "-2"]);
    ok(
        &data,
        &[
            "answer",
            &id,
            "p1-privacy-notice",
            "no",
            "--note",
            "--not a flag",
        ],
    );
    ok(
        &data,
        &["answer", &id, "p-notice-updates", "partly", "--note", "-"],
    );
    assert_eq!(answered_of(&ok(&data, &["list"])).0, 3);

    // The scope narrows to Security (here through the portable file): the privacy answers
    // stay in the file but no longer count, in the list as in readiness.
    let json = home.path().join("acme.preflight.json");
    ok(&data, &["export-json", &id, json.to_str().expect("path")]);
    let text = std::fs::read_to_string(&json).expect("json");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("parse");
    let notes: Vec<&str> = v["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["note"].as_str().expect("note"))
        .collect();
    for n in ["-2", "--not a flag", "-"] {
        assert!(notes.contains(&n), "{n:?} saved as written: {notes:?}");
    }
    v["assessment"]["scope"]["categories"] = serde_json::json!(["security"]);
    std::fs::write(&json, v.to_string()).expect("write");
    let other = home.path().join("other");
    ok(&other, &["import-json", json.to_str().expect("path")]);
    let list = answered_of(&ok(&other, &["list"]));
    let readiness = answered_of(&ok(&other, &["readiness", &id]));
    assert_eq!(list, readiness, "the list and readiness agree");
    assert_eq!(list.0, 1, "only the security answer counts");
    assert!(list.1 > 0);
}
