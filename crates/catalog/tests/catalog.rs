//! The shipped catalog is sound, and the validator catches what it must.

use preflight_catalog::embedded::{parse, FRAMEWORK_FILE, QUESTION_FILES};

#[test]
fn embedded_catalog_is_valid() {
    let c = match preflight_catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog invalid: {e}"),
    };
    assert_eq!(c.criteria.len(), 61, "the 2017 TSC have 61 criteria");
    let count = |prefix: &str| {
        c.criteria
            .iter()
            .filter(|x| x.series.starts_with(prefix))
            .count()
    };
    assert_eq!(count("CC"), 33);
    assert_eq!(count("A1"), 3);
    assert_eq!(count("C1"), 2);
    assert_eq!(count("PI1"), 5);
    assert_eq!(count("P") - count("PI1"), 18);
    assert!(c
        .categories
        .iter()
        .any(|k| k.id == "security" && k.required));
    assert!(
        !c.objectives.is_empty(),
        "SOC 1 objective templates are present"
    );
}

fn with_extra_question(
    extra: &str,
) -> Result<preflight_catalog::Catalog, preflight_catalog::CatalogError> {
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
    let e = with_extra_question("[[question]\nid=")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("extra.toml"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The shipped catalog: size and coverage.

fn shipped() -> &'static preflight_catalog::Catalog {
    match preflight_catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog invalid: {e}"),
    }
}

/// The ids of the questions in one shipped question file, read from its text.
fn ids_in_file(name: &str) -> Vec<String> {
    let text = QUESTION_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("{name} is not in QUESTION_FILES"));
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("id = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .map(str::to_string)
        .collect()
}

#[test]
fn question_files_are_one_per_series_then_type2_then_soc1() {
    let names: Vec<&str> = QUESTION_FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "questions/cc1.toml",
            "questions/cc2.toml",
            "questions/cc3.toml",
            "questions/cc4.toml",
            "questions/cc5.toml",
            "questions/cc6.toml",
            "questions/cc7.toml",
            "questions/cc8.toml",
            "questions/cc9.toml",
            "questions/a1.toml",
            "questions/c1.toml",
            "questions/pi1.toml",
            "questions/p.toml",
            "questions/type2.toml",
            "questions/soc1.toml",
        ]
    );
}

#[test]
fn starter_question_ids_are_kept() {
    let c = shipped();
    for id in [
        "cc1-code-of-conduct",
        "cc1-board-oversight",
        "cc2-policies-published",
        "cc3-risk-assessment",
        "cc6-mfa",
        "cc6-offboarding",
        "cc7-vuln-scanning",
        "cc7-incident-plan",
        "cc8-change-review",
        "cc9-vendor-review",
        "cc6-access-review-ran",
        "a1-backups-restored",
        "c1-confidential-data",
        "pi1-input-checks",
        "p1-privacy-notice",
        "soc1-access-provisioning",
        "soc1-change-approval",
        "soc1-job-monitoring",
        "soc1-backup",
        "soc1-interface-reconciliation",
        "soc1-physical",
        "soc1-payroll-master-data",
        "soc1-billing-calculation",
    ] {
        assert!(c.question(id).is_some(), "question {id} is missing");
    }
    assert!(c
        .question("cc6-access-review-ran")
        .is_some_and(|q| q.type2_only));
}

#[test]
fn shipped_catalog_has_at_least_180_tsc_questions() {
    let c = shipped();
    let tsc = c
        .questions
        .iter()
        .filter(|q| !q.criteria.is_empty() && !q.type2_only)
        .count();
    assert!(
        tsc >= 180,
        "only {tsc} Trust Services questions (not counting Type 2 ones)"
    );
}

#[test]
fn every_criterion_has_two_questions_and_points_of_focus() {
    let c = shipped();
    for cr in &c.criteria {
        let n = c
            .questions
            .iter()
            .filter(|q| q.criteria.contains(&cr.id))
            .count();
        assert!(n >= 2, "{} has {n} question(s)", cr.id);
        // Two questions that are asked for a Type 1 as well, not only for a Type 2.
        let type1 = c
            .questions
            .iter()
            .filter(|q| !q.type2_only && q.criteria.contains(&cr.id))
            .count();
        assert!(
            type1 >= 2,
            "{} has {type1} question(s) outside the Type 2 set",
            cr.id
        );
        assert!(!cr.points.is_empty(), "{} has no points of focus", cr.id);
        for p in &cr.points {
            assert!(
                c.questions.iter().any(|q| q.points.contains(&p.id)),
                "point of focus {} is covered by no question",
                p.id
            );
        }
    }
}

#[test]
fn every_tsc_question_names_points_and_ids_are_lowercase() {
    let c = shipped();
    for q in &c.questions {
        assert!(
            q.id.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "question id {} is not lowercase letters, digits and dashes",
            q.id
        );
        if !q.criteria.is_empty() {
            assert!(!q.points.is_empty(), "{} names no point of focus", q.id);
        }
    }
}

#[test]
fn type2_questions_are_present_and_all_type2_only() {
    let c = shipped();
    let ids = ids_in_file("questions/type2.toml");
    assert!(
        (10..=20).contains(&ids.len()),
        "type2.toml has {} questions",
        ids.len()
    );
    for id in &ids {
        let q = c
            .question(id)
            .unwrap_or_else(|| panic!("{id} not in catalog"));
        assert!(q.type2_only, "{id} in type2.toml is not type2_only");
        assert!(!q.criteria.is_empty(), "{id} maps to no criterion");
    }
    // Type 2-only questions live in type2.toml (Trust Services criteria) or in soc1.toml (SOC 1
    // objectives) and nowhere else.
    let soc1 = ids_in_file("questions/soc1.toml");
    for q in c.questions.iter().filter(|q| q.type2_only) {
        assert!(
            ids.contains(&q.id) || soc1.contains(&q.id),
            "{} is type2_only but in neither type2.toml nor soc1.toml",
            q.id
        );
    }
}

#[test]
fn soc1_objectives_cover_itgc_and_business_processes() {
    let c = shipped();
    assert!(
        c.objectives.len() >= 12,
        "only {} SOC 1 objectives",
        c.objectives.len()
    );
    for o in &c.objectives {
        let n = c
            .questions
            .iter()
            .filter(|q| q.objectives.contains(&o.id))
            .count();
        assert!(n >= 2, "objective {} has {n} question(s)", o.id);
        assert!(
            o.area == "IT general controls" || o.area.starts_with("Business process: "),
            "objective {} has unexpected area {}",
            o.id,
            o.area
        );
    }
    let itgc: Vec<&str> = c
        .objectives
        .iter()
        .filter(|o| o.area == "IT general controls")
        .map(|o| o.title.as_str())
        .collect();
    for title in [
        "Logical access",
        "Change management",
        "System development and acquisition",
        "Computer operations",
        "Backup and recovery",
        "Data transmission and interfaces",
        "Physical security",
    ] {
        assert!(
            itgc.contains(&title),
            "IT general control objective {title} is missing"
        );
    }
    assert!(c
        .objectives
        .iter()
        .any(|o| o.area == "Business process: Payroll"));
    assert!(c
        .objectives
        .iter()
        .any(|o| o.area == "Business process: SaaS"));
    let soc1 = ids_in_file("questions/soc1.toml");
    for id in &soc1 {
        let q = c
            .question(id)
            .unwrap_or_else(|| panic!("{id} not in catalog"));
        assert!(
            q.criteria.is_empty() && !q.objectives.is_empty(),
            "{id} must map to objectives only"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The coverage rules fire when the catalog is broken.

/// `text` with `from` replaced by `to`; fails if `from` is not there, so a test never passes
/// because its edit silently did nothing.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "test setup: {from:?} not found");
    text.replacen(from, to, 1)
}

fn parse_with(
    framework: &str,
    extra: Option<&str>,
) -> Result<preflight_catalog::Catalog, preflight_catalog::CatalogError> {
    let mut files: Vec<(&str, &str)> = QUESTION_FILES.to_vec();
    if let Some(extra) = extra {
        files.push(("extra.toml", extra));
    }
    parse((FRAMEWORK_FILE.0, framework), &files)
}

fn problems_with(framework: &str, extra: Option<&str>) -> String {
    match parse_with(framework, extra) {
        Ok(_) => panic!("expected the catalog to be rejected"),
        Err(e) => e.to_string(),
    }
}

const NEW_CRITERION: &str = r#"
[[criterion]]
id = "CC4.3"
series = "CC4"
title = "A criterion added by a test"
points = [ { id = "CC4.3/1", label = "A point added by a test" } ]
"#;

fn question_for(id: &str, mapping: &str) -> String {
    format!(
        "[[question]]\nid = \"{id}\"\ntext = \"Is it so?\"\nguidance = \"It is so.\"\nevidence = \"A record.\"\n{mapping}\nseverity = \"low\"\n"
    )
}

#[test]
fn criterion_with_too_few_questions_is_rejected() {
    let fw = format!("{}{NEW_CRITERION}", FRAMEWORK_FILE.1);
    let e = problems_with(&fw, None);
    assert!(
        e.contains("CC4.3: has 0 question(s); every criterion needs at least 2"),
        "{e}"
    );

    let one = question_for("x-one", "criteria = [\"CC4.3\"]\npoints = [\"CC4.3/1\"]");
    let e = problems_with(&fw, Some(&one));
    assert!(
        e.contains("CC4.3: has 1 question(s); every criterion needs at least 2"),
        "{e}"
    );

    let two = format!("{one}\n{}", question_for("x-two", "criteria = [\"CC4.3\"]"));
    assert!(
        parse_with(&fw, Some(&two)).is_ok(),
        "two questions are enough"
    );
}

#[test]
fn shipped_criterion_losing_a_question_is_rejected() {
    // CC4.2 has exactly its own questions in cc4.toml; moving them all to CC4.1 leaves it bare.
    let cc4 = QUESTION_FILES
        .iter()
        .find(|(n, _)| *n == "questions/cc4.toml")
        .map(|(_, t)| *t)
        .unwrap();
    let broken = cc4
        .replace("criteria = [\"CC4.2\"]", "criteria = [\"CC4.1\"]")
        .replace("\"CC4.2/", "\"CC4.1/");
    let files: Vec<(&str, &str)> = QUESTION_FILES
        .iter()
        .map(|&(n, t)| {
            if n == "questions/cc4.toml" {
                (n, broken.as_str())
            } else {
                (n, t)
            }
        })
        .collect();
    let e = match parse(FRAMEWORK_FILE, &files) {
        Ok(_) => panic!("expected the catalog to be rejected"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.contains("CC4.2: has 0 question(s); every criterion needs at least 2"),
        "{e}"
    );
}

#[test]
fn objective_with_too_few_questions_is_rejected() {
    let fw = format!(
        "{}\n[[objective]]\nid = \"ITGC-TEST\"\narea = \"IT general controls\"\ntitle = \"Test\"\nstatement = \"Added by a test.\"\n",
        FRAMEWORK_FILE.1
    );
    let e = problems_with(&fw, None);
    assert!(
        e.contains("ITGC-TEST: has 0 question(s); every SOC 1 objective needs at least 2"),
        "{e}"
    );

    let one = question_for("x-one", "objectives = [\"ITGC-TEST\"]");
    let e = problems_with(&fw, Some(&one));
    assert!(
        e.contains("ITGC-TEST: has 1 question(s); every SOC 1 objective needs at least 2"),
        "{e}"
    );

    let two = format!(
        "{one}\n{}",
        question_for("x-two", "objectives = [\"ITGC-TEST\"]")
    );
    assert!(
        parse_with(&fw, Some(&two)).is_ok(),
        "two questions are enough"
    );
}

#[test]
fn point_id_must_start_with_its_criterion() {
    let last = r#"{ id = "CC4.2/3", label = "Fixes are tracked until they are done" },"#;
    for bad in ["CC4.1/9", "CC4.2", "CC4.20/1", "CC4.2/"] {
        let fw = replaced(
            FRAMEWORK_FILE.1,
            last,
            &format!("{last}\n  {{ id = \"{bad}\", label = \"Misfiled\" }},"),
        );
        let e = problems_with(&fw, None);
        assert!(
            e.contains(&format!(
                "{bad}: point of focus id must start with CC4.2/ (its criterion)"
            )),
            "{bad}: {e}"
        );
    }
}

#[test]
fn uncovered_point_is_rejected() {
    let last = r#"{ id = "CC4.2/3", label = "Fixes are tracked until they are done" },"#;
    let fw = replaced(
        FRAMEWORK_FILE.1,
        last,
        &format!("{last}\n  {{ id = \"CC4.2/4\", label = \"Not asked about\" }},"),
    );
    let e = problems_with(&fw, None);
    assert!(
        e.contains("CC4.2/4: point of focus is covered by no question"),
        "{e}"
    );

    let covering = question_for("x-cover", "criteria = [\"CC4.2\"]\npoints = [\"CC4.2/4\"]");
    assert!(
        parse_with(&fw, Some(&covering)).is_ok(),
        "a question naming the point covers it"
    );
}

#[test]
fn empty_texts_are_rejected_everywhere() {
    let label = r#"label = "Fixes are tracked until they are done""#;
    let e = problems_with(&replaced(FRAMEWORK_FILE.1, label, "label = \" \""), None);
    assert!(e.contains("CC4.2/3: label is empty"), "{e}");

    let fw = replaced(
        FRAMEWORK_FILE.1,
        "statement = \"Reports and exports that customers use for their financial records are complete and accurate and show only that customer's data.\"",
        "statement = \"\"",
    );
    let e = problems_with(&fw, None);
    assert!(e.contains("BP-SAAS-RPT: statement is empty"), "{e}");

    for (field, value) in [("guidance", "It is so."), ("evidence", "A record.")] {
        let bad = OK_Q.replace(
            &format!("{field} = \"{value}\""),
            &format!("{field} = \"\""),
        );
        assert!(
            problems(&bad).contains(&format!("x-new: {field} is empty")),
            "{field}"
        );
    }
}
