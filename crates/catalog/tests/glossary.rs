//! The shipped glossary is sound, covers the words a founder meets, and the validator catches
//! duplicates and empty definitions.

use preflight_catalog::glossary::{self, GLOSSARY_FILE};

fn shipped() -> &'static glossary::Glossary {
    match glossary::embedded() {
        Ok(g) => g,
        Err(e) => panic!("embedded glossary invalid: {e}"),
    }
}

#[test]
fn embedded_glossary_is_valid_and_sized_for_a_founder() {
    let g = shipped();
    assert!(
        (30..=60).contains(&g.terms.len()),
        "about 30 to 40 terms, found {}",
        g.terms.len()
    );
    assert_eq!(
        glossary::parse(GLOSSARY_FILE).map(|g| g.terms.len()).ok(),
        Some(g.terms.len())
    );
}

#[test]
fn the_words_a_founder_meets_are_explained() {
    let g = shipped();
    for word in [
        "control",
        "production",
        "MFA",
        "observation period",
        "population",
        "sample",
        "subservice organization",
        "carve-out",
        "CUEC",
        "bridge letter",
        "exception",
        "opinion",
        "Type 1",
        "Type 2",
        "point of focus",
        "criterion",
        "evidence",
        "access review",
        "penetration test",
        "vulnerability scan",
        "encryption at rest",
        "encryption in transit",
        "least privilege",
        "segregation of duties",
        "incident",
        "RTO",
        "RPO",
        "DPA",
        "pen test",
        "data processing agreement",
        "multi-factor authentication",
    ] {
        let t = g
            .lookup(word)
            .unwrap_or_else(|| panic!("{word:?} is not in the glossary"));
        assert!(
            !t.definition.trim().is_empty(),
            "{word:?} has no definition"
        );
    }
    assert!(g.lookup("mfa").is_some(), "lookup ignores case");
}

#[test]
fn duplicate_spelling_is_rejected() {
    let text = r#"
[[term]]
id = "a"
term = "Sample"
definition = "One."

[[term]]
id = "b"
term = "other"
also = ["sample"]
definition = "Two."
"#;
    let e = glossary::parse(("g.toml", text))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("\"sample\" is listed more than once"), "{e}");
}

#[test]
fn duplicate_id_and_empty_definition_are_rejected() {
    let text = r#"
[[term]]
id = "a"
term = "one"
definition = "  "

[[term]]
id = "a"
term = "two"
definition = "Two."
"#;
    let e = glossary::parse(("g.toml", text))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("glossary a: definition is empty"), "{e}");
    assert!(
        e.contains("glossary a: this id is used more than once"),
        "{e}"
    );
}

#[test]
fn malformed_glossary_names_the_file() {
    let e = glossary::parse(("g.toml", "[[term]\nid="))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("g.toml"), "{e}");
}
