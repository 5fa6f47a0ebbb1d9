//! The shipped catalog is sound, and the validator catches what it must.

use preflight_catalog::embedded::{parse, FRAMEWORK_FILE, QUESTION_FILES};

#[test]
fn embedded_catalog_is_valid() {
    let c = match preflight_catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog invalid: {e}"),
    };
    assert_eq!(c.criteria.len(), 61, "the 2017 TSC have 61 criteria");
    let count = |prefix: &str| c.criteria.iter().filter(|x| x.series.starts_with(prefix)).count();
    assert_eq!(count("CC"), 33);
    assert_eq!(count("A1"), 3);
    assert_eq!(count("C1"), 2);
    assert_eq!(count("PI1"), 5);
    assert_eq!(count("P") - count("PI1"), 18);
    assert!(c.categories.iter().any(|k| k.id == "security" && k.required));
    assert!(!c.objectives.is_empty(), "SOC 1 objective templates are present");
}

fn with_extra_question(extra: &str) -> Result<preflight_catalog::Catalog, preflight_catalog::CatalogError> {
    let mut files: Vec<(&str, &str)> = QUESTION_FILES.to_vec();
    files.push(("extra.toml", extra));
    parse(FRAMEWORK_FILE, &files)
}

fn problems(extra: &str) -> String {
    match with_extra_question(extra) {
        Ok(_) => panic!("expected the catalog to be rejected"),
        Err(e) => e.to_string(),
    }
}

const OK_Q: &str = r#"
[[question]]
id = "x-new"
text = "Is it so?"
guidance = "It is so."
evidence = "A record."
criteria = ["CC1.1"]
severity = "low"
"#;

#[test]
fn a_well_formed_extra_question_passes() {
    assert!(with_extra_question(OK_Q).is_ok());
}

#[test]
fn duplicate_id_is_rejected() {
    let dup = OK_Q.replace("x-new", "cc1-code-of-conduct");
    assert!(problems(&dup).contains("cc1-code-of-conduct: this id is used more than once"));
}

#[test]
fn unknown_criterion_is_rejected() {
    let bad = OK_Q.replace("CC1.1", "CC99.9");
    assert!(problems(&bad).contains("maps to unknown criterion CC99.9"));
}

#[test]
fn unmapped_question_is_rejected() {
    let bad = OK_Q.replace("criteria = [\"CC1.1\"]", "");
    assert!(problems(&bad).contains("x-new: maps to no criterion or objective"));
}

#[test]
fn empty_text_is_rejected() {
    let bad = OK_Q.replace("Is it so?", "  ");
    assert!(problems(&bad).contains("x-new: text is empty"));
}

#[test]
fn malformed_toml_names_the_file() {
    let e = with_extra_question("[[question]\nid=").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("extra.toml"), "{e}");
}
