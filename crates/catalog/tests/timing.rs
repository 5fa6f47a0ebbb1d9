//! Timing rules from one source, practice hints and Type 1 wording (issue 11, items 8-11 and
//! 16): the shipped catalog keeps them, and the validator rejects what breaks them.

use preflight_catalog::duties::{states_frequency, Duty, DUTIES};
use preflight_catalog::embedded::{embedded_for, parse, FRAMEWORK_FILE, QUESTION_FILES};
use preflight_catalog::render::{placeholders, speaks_of_the_period};
use preflight_catalog::{Catalog, CatalogError, Wording};

fn shipped() -> &'static Catalog {
    match preflight_catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog invalid: {e}"),
    }
}

fn rendered(w: Wording) -> &'static Catalog {
    match embedded_for(w) {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog invalid: {e}"),
    }
}

fn problems_of(r: Result<Catalog, CatalogError>) -> String {
    match r {
        Ok(_) => panic!("expected the catalog to be rejected"),
        Err(e) => e.to_string(),
    }
}

/// The shipped files with one question file's text replaced (`from` must occur once).
fn with_question_file_edit(file: &str, from: &str, to: &str) -> Result<Catalog, CatalogError> {
    let files: Vec<(&str, String)> = QUESTION_FILES
        .iter()
        .map(|(n, t)| {
            if *n == file {
                assert_eq!(t.matches(from).count(), 1, "{from:?} once in {file}");
                (*n, t.replace(from, to))
            } else {
                (*n, t.to_string())
            }
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    parse(FRAMEWORK_FILE, &refs)
}

fn with_extra_question(extra: &str) -> Result<Catalog, CatalogError> {
    let mut files: Vec<(&str, &str)> = QUESTION_FILES.to_vec();
    files.push(("extra.toml", extra));
    parse(FRAMEWORK_FILE, &files)
}

fn question(text: &str, guidance: &str, evidence: &str, type2_only: bool) -> String {
    format!(
        "[[question]]\nid = \"x-timing\"\ntext = \"{text}\"\nguidance = \"{guidance}\"\n\
         evidence = \"{evidence}\"\ncriteria = [\"CC1.1\"]\nseverity = \"low\"\n\
         type2_only = {type2_only}\n"
    )
}

// ---- the shipped catalog ----

#[test]
fn no_point_of_focus_states_a_frequency_and_the_hints_say_it_instead() {
    let c = shipped();
    for cr in &c.criteria {
        for p in &cr.points {
            assert_eq!(states_frequency(&p.label), None, "{}: {}", p.id, p.label);
        }
    }
    let hints = |id: &str| {
        rendered(Wording::Type2)
            .criterion(id)
            .map(|c| c.practice_hints.join(" "))
            .unwrap_or_default()
    };
    // The frequencies the criteria do not set, and the carve-out tips, are practice hints.
    assert!(hints("CC7.1").contains(Duty::PenTest.every()));
    assert!(hints("CC7.4").contains(Duty::IncidentResponseTest.every()));
    assert!(hints("CC9.2").contains(Duty::VendorReview.every()));
    assert!(hints("CC6.4").contains("carved out"));
    assert!(hints("A1.2").contains("carved out"));
    for id in ["CC7.1", "CC7.4", "CC9.2"] {
        assert!(
            hints(id)
                .to_lowercase()
                .contains("confirm with your auditor"),
            "{id}"
        );
    }
}

#[test]
fn every_duty_s_questions_take_its_timing_from_the_one_source() {
    let raw = shipped();
    let t2 = rendered(Wording::Type2);
    for d in &DUTIES {
        for id in d.questions {
            let q = raw
                .question(id)
                .unwrap_or_else(|| panic!("{id} of {}", d.id));
            for text in [&q.text, &q.guidance, &q.evidence] {
                assert_eq!(states_frequency(text), None, "{id}: {text}");
            }
            let r = t2.question(id).expect("rendered");
            let all = format!("{} {} {}", r.text, r.guidance, r.evidence);
            assert!(
                all.contains(d.every) || all.contains(&d.duty.rule(Wording::Type2)),
                "{id} does not carry the timing of {}",
                d.id
            );
        }
    }
    // The contradictions the auditor found are gone: one frequency for scans, one deadline
    // for offboarding, wherever they are said.
    let scans = t2.question("cc7-vuln-scanning").expect("scans");
    assert!(scans.text.contains(Duty::VulnerabilityScan.every()));
    let checks = t2.question("t2-recurring-checks-ran").expect("checks");
    assert!(checks.guidance.contains(Duty::VulnerabilityScan.every()));
    assert!(!checks.guidance.to_lowercase().contains("weekly"));
    let off = t2.question("cc6-offboarding").expect("offboarding");
    assert!(off.text.contains("within one working day"));
    assert!(!off.guidance.contains("last working day"));
}

#[test]
fn the_yearly_rule_is_said_where_a_type2_question_checks_a_yearly_duty() {
    let t2 = rendered(Wording::Type2);
    let q = t2.question("t2-risk-assessment-ran").expect("risk");
    assert!(
        q.guidance
            .contains("inside the observation period, or within the 12 months before it ends"),
        "{}",
        q.guidance
    );
    assert!(q.guidance.contains("confirm with your auditor"));
    assert!(t2
        .question("cc6-access-review-ran")
        .expect("access")
        .guidance
        .contains("counted from its first day"));
}

#[test]
fn no_text_a_type1_user_reads_speaks_of_the_period() {
    let t1 = rendered(Wording::Type1);
    let mut bad = Vec::new();
    for q in t1.questions.iter().filter(|q| !q.type2_only) {
        for text in [&q.text, &q.guidance, &q.evidence] {
            if let Some(p) = speaks_of_the_period(text) {
                bad.push(format!("{}: \"{p}\" in {text}", q.id));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // And the same questions, for Type 2, do speak of it.
    let t2 = rendered(Wording::Type2);
    let log = t2.question("cc4-issue-log").expect("issue log");
    assert!(
        log.evidence.contains("for the observation period"),
        "{}",
        log.evidence
    );
    let log1 = t1.question("cc4-issue-log").expect("issue log");
    assert!(
        log1.evidence.contains("before the report date"),
        "{}",
        log1.evidence
    );
}

#[test]
fn rendered_texts_keep_no_braces() {
    for w in Wording::ALL {
        let c = rendered(w);
        assert_eq!(c.wording, Some(w));
        for q in &c.questions {
            for text in [&q.text, &q.guidance, &q.evidence] {
                assert!(
                    !text.contains('{') && !text.contains('}'),
                    "{w:?} {}: {text}",
                    q.id
                );
            }
        }
        for cr in &c.criteria {
            for h in &cr.practice_hints {
                assert!(placeholders(h).is_empty(), "{w:?} {}: {h}", cr.id);
            }
        }
        assert!(preflight_catalog::validate::validate(c).is_empty());
    }
}

// ---- the validator ----

#[test]
fn a_point_of_focus_stating_a_frequency_is_rejected() {
    let framework = FRAMEWORK_FILE.1.replace(
        "The system is tested from outside for ways to break in",
        "The system is tested from outside every quarter",
    );
    let p = problems_of(parse((FRAMEWORK_FILE.0, &framework), QUESTION_FILES));
    assert!(
        p.contains("CC7.1/4: point of focus states a frequency (\"quarter\")"),
        "{p}"
    );
}

#[test]
fn unknown_placeholders_and_stray_braces_are_rejected() {
    let p = problems_of(with_extra_question(&question(
        "Is it done {every:coffee_break}?",
        "Done {sometimes}.",
        "A record {in_period}.",
        false,
    )));
    assert!(
        p.contains("x-timing: text has unknown placeholder {every:coffee_break}"),
        "{p}"
    );
    assert!(
        p.contains("x-timing: guidance has unknown placeholder {sometimes}"),
        "{p}"
    );
    assert!(!p.contains("x-timing: evidence"), "{p}");
    let p = problems_of(with_extra_question(&question(
        "Is it so?",
        "It is so }.",
        "A record {in_period.",
        false,
    )));
    assert!(
        p.contains("x-timing: guidance keeps a brace once rendered"),
        "{p}"
    );
    assert!(
        p.contains("x-timing: evidence has unknown placeholder"),
        "{p}"
    );
}

#[test]
fn a_duty_question_stating_its_own_frequency_is_rejected() {
    let p = problems_of(with_question_file_edit(
        "questions/cc4.toml",
        "for ways to break in {every:pen_test}?",
        "for ways to break in every year?",
    ));
    assert!(
        p.contains("cc4-pen-test: text states a frequency of its own (\"every year\")"),
        "{p}"
    );
    let p = problems_of(with_question_file_edit(
        "questions/cc7.toml",
        " {every:vulnerability_scan},",
        ",",
    ));
    assert!(
        p.contains(
            "cc7-vuln-scanning: states the timing of duty vulnerability_scan without taking it"
        ),
        "{p}"
    );
}

#[test]
fn a_type1_question_speaking_of_the_period_is_rejected_but_a_type2_one_may() {
    let p = problems_of(with_extra_question(&question(
        "Is it so?",
        "It is so.",
        "The log for the period.",
        false,
    )));
    assert!(
        p.contains("x-timing: evidence says \"the period\" to a Type 1 user"),
        "{p}"
    );
    assert!(with_extra_question(&question(
        "Is it so?",
        "It is so.",
        "The log for the period.",
        true
    ))
    .is_ok());
    assert!(with_extra_question(&question(
        "Is it so?",
        "It is so.",
        "The log {for_period}.",
        false
    ))
    .is_ok());
}
