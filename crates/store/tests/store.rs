//! Saved data survives reopening, and bad input changes nothing.

use chrono::Utc;
use preflight_assessment::portable::FORMAT_VERSION;
use preflight_assessment::{AnswerValue, NewAssessment, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_store::Store;
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn new_soc2(company: &str) -> preflight_assessment::Assessment {
    NewAssessment {
        name: None,
        company: company.into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["availability".into()],
            objectives: vec![],
            observation: Some(
                preflight_assessment::ObservationPeriod::parse("2026-01-01", "2026-06-30")
                    .expect("period"),
            ),
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid")
}

#[test]
fn answers_survive_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = new_soc2("Acme");
    {
        let mut s = Store::open_dir(dir.path()).expect("open");
        s.create_assessment(&a).expect("create");
        s.save_answer(
            catalog(),
            a.id,
            "cc6-mfa",
            Some(AnswerValue::Partly),
            "Only on GitHub 👋 שלום",
        )
        .expect("save");
        s.save_answer(
            catalog(),
            a.id,
            "cc6-mfa",
            Some(AnswerValue::Yes),
            "Now everywhere",
        )
        .expect("update");
        s.save_answer(catalog(), a.id, "a1-backups-restored", None, "=ask ops")
            .expect("note only");
    }
    let s = Store::open_dir(dir.path()).expect("reopen");
    assert_eq!(s.assessment(a.id).expect("read"), {
        let mut b = s.assessment(a.id).expect("read");
        b.updated_at = a.updated_at;
        assert_eq!(b, a);
        s.assessment(a.id).expect("read")
    });
    let answers = s.answers(a.id).expect("answers");
    assert_eq!(answers.len(), 2);
    let mfa = answers
        .iter()
        .find(|x| x.question_id == "cc6-mfa")
        .expect("mfa");
    assert_eq!(mfa.value, Some(AnswerValue::Yes));
    assert_eq!(mfa.note, "Now everywhere");
    let list = s.list_assessments(catalog()).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].answered, 1,
        "a note without a value is not an answer"
    );
}

#[test]
fn several_assessments_rename_and_delete() {
    let mut s = Store::open_in_memory().expect("open");
    let a = new_soc2("Acme");
    let b = new_soc2("Acme");
    s.create_assessment(&a).expect("a");
    s.create_assessment(&b).expect("b");
    s.save_answer(catalog(), b.id, "cc6-mfa", Some(AnswerValue::No), "")
        .expect("save");
    let renamed = s.rename_assessment(a.id, "  Last year  ").expect("rename");
    assert_eq!(renamed.name, "Last year");
    assert_eq!(
        s.rename_assessment(a.id, "   ").expect_err("empty").code(),
        "empty_name"
    );
    assert_eq!(s.assessment(a.id).expect("a").name, "Last year");
    s.delete_assessment(b.id).expect("delete");
    assert_eq!(s.list_assessments(catalog()).expect("list").len(), 1);
    assert_eq!(
        s.answers(b.id).expect_err("gone").code(),
        "unknown_assessment"
    );
    assert_eq!(
        s.delete_assessment(b.id).expect_err("gone").code(),
        "unknown_assessment"
    );
}

#[test]
fn bad_answers_are_refused_and_change_nothing() {
    let mut s = Store::open_in_memory().expect("open");
    let a = new_soc2("Acme");
    s.create_assessment(&a).expect("create");
    s.save_answer(catalog(), a.id, "cc6-mfa", Some(AnswerValue::Yes), "kept")
        .expect("save");
    let before = s.answers(a.id).expect("answers");
    let code = |r: Result<_, preflight_store::StoreError>| r.expect_err("refused").code();
    assert_eq!(
        code(s.save_answer(catalog(), a.id, "nope", Some(AnswerValue::No), "")),
        "unknown_question"
    );
    assert_eq!(
        code(s.save_answer(
            catalog(),
            Uuid::new_v4(),
            "cc6-mfa",
            Some(AnswerValue::No),
            ""
        )),
        "unknown_assessment"
    );
    assert_eq!(
        code(s.save_answer(
            catalog(),
            a.id,
            "cc6-mfa",
            Some(AnswerValue::No),
            &"x".repeat(1_000_000)
        )),
        "too_long"
    );
    assert_eq!(
        code(s.save_answer(catalog(), a.id, "soc1-backup", Some(AnswerValue::No), "")),
        "question_out_of_scope"
    );
    assert_eq!(s.answers(a.id).expect("answers"), before);
}

#[test]
fn json_round_trip_and_bad_files() {
    let mut s = Store::open_in_memory().expect("open");
    let a = new_soc2("Acme");
    s.create_assessment(&a).expect("create");
    s.save_answer(
        catalog(),
        a.id,
        "cc6-mfa",
        Some(AnswerValue::Partly),
        "+1 for MFA",
    )
    .expect("save");
    let text = s.export_json(a.id).expect("export");

    // Into a fresh database: same id, same answers.
    let mut other = Store::open_in_memory().expect("other");
    let loaded = other.import_json(catalog(), &text).expect("import");
    assert_eq!(loaded.id, a.id);
    assert_eq!(
        other.answers(a.id).expect("answers"),
        s.answers(a.id).expect("answers")
    );

    // Into the same database: a copy, nothing overwritten.
    let copy = s.import_json(catalog(), &text).expect("import copy");
    assert_ne!(copy.id, a.id);
    assert!(copy.name.ends_with("(loaded)"));
    assert_eq!(s.list_assessments(catalog()).expect("list").len(), 2);

    // Bad files: clear errors, nothing added.
    for (bad, code) in [
        ("{oops", "file_malformed"),
        ("{\"format\": \"something-else\"}", "file_not_preflight"),
        (
            &text.replace(
                &format!("\"format_version\": {FORMAT_VERSION}"),
                &format!("\"format_version\": {}", FORMAT_VERSION + 1),
            ) as &str,
            "file_newer_version",
        ),
        (
            &text.replace("\"answers\": [", "\"answers\": {\"x\": [") as &str,
            "file_malformed",
        ),
        (
            &text.replace("\"scope\"", "\"scoop\"") as &str,
            "file_wrong_shape",
        ),
        (
            &text.replace("\"company\": \"Acme\"", "\"company\": \"  \"") as &str,
            "empty_company",
        ),
    ] {
        let e = s.import_json(catalog(), bad).expect_err(code);
        assert_eq!(e.code(), code, "{e}");
    }
    assert_eq!(s.list_assessments(catalog()).expect("list").len(), 2);
}

#[test]
fn exclusions_and_profile_survive_reopening_and_the_portable_file() {
    use preflight_assessment::profile::{CompanyProfile, PersonalInfo};
    use preflight_assessment::Exclusion;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = new_soc2("Acme");
    let profile = CompanyProfile {
        service: "Payroll for dentists 🦷".into(),
        personal_info: PersonalInfo::Sensitive,
        ..Default::default()
    };
    a.set_scoping(
        catalog(),
        vec![Exclusion {
            category: "privacy".into(),
            justification: "Privacy is covered by a separate assessment.".into(),
        }],
        Some(profile.clone()),
    )
    .expect("scoping");
    {
        let mut s = Store::open_dir(dir.path()).expect("open");
        s.create_assessment(&a).expect("create");
    }
    let s = Store::open_dir(dir.path()).expect("reopen");
    let back = s.assessment(a.id).expect("read");
    assert_eq!(back.exclusions, a.exclusions);
    assert_eq!(back.profile, Some(profile));
    let mut other = Store::open_in_memory().expect("memory");
    let loaded = other
        .import_json(catalog(), &s.export_json(a.id).expect("json"))
        .expect("import");
    assert_eq!(loaded.exclusions, a.exclusions);
    assert_eq!(loaded.profile, a.profile);
}

#[test]
fn soc1_objectives_reworded_and_added_are_kept_and_answerable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = NewAssessment {
        name: None,
        company: "Payroll Co".into(),
        scope: Scope {
            kind: ReportKind::Soc1,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec!["ITGC-LA".into()],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    let mut s = Store::open_dir(dir.path()).expect("open");
    s.create_assessment(&a).expect("create");
    a.reword_objective(
        "ITGC-LA",
        "Payroll engine access",
        "Only approved staff reach the payroll engine.",
    )
    .expect("reword");
    let own = a
        .add_own_objective("Tax tables", "Tax tables change only with approval.")
        .expect("own");
    s.save_objectives(&a).expect("save");
    s.save_answer(
        catalog(),
        a.id,
        &format!("{own}/design"),
        Some(AnswerValue::Partly),
        "Spreadsheet only",
    )
    .expect("answer own");
    drop(s);
    let s = Store::open_dir(dir.path()).expect("reopen");
    let back = s.assessment(a.id).expect("read");
    assert_eq!(back.objective_texts, a.objective_texts);
    assert_eq!(
        back.scope.objectives,
        vec!["ITGC-LA".to_string(), own.clone()]
    );
    assert_eq!(
        s.answers(a.id).expect("answers")[0].question_id,
        "OWN-1/design"
    );
    let mut other = Store::open_in_memory().expect("memory");
    let loaded = other
        .import_json(catalog(), &s.export_json(a.id).expect("json"))
        .expect("portable keeps own objectives");
    assert_eq!(loaded.objective_texts.len(), 2);
}

#[test]
fn answered_counts_only_the_scope_after_it_changes() {
    use preflight_assessment::objectives::effective_catalog;
    use preflight_assessment::scoring::readiness;
    let mut a = NewAssessment {
        name: None,
        company: "Payroll Co".into(),
        scope: Scope {
            kind: ReportKind::Soc1,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec!["ITGC-LA".into(), "ITGC-CM".into()],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    let mut s = Store::open_in_memory().expect("open");
    s.create_assessment(&a).expect("create");
    // An objective of the company's own: its questions live only in the effective catalog.
    let own = a
        .add_own_objective("Tax tables", "Tax tables change only with approval.")
        .expect("own");
    s.save_objectives(&a).expect("save");
    let effective = effective_catalog(catalog(), &a).into_owned();
    let in_scope: Vec<String> = a
        .scope
        .questions(&effective)
        .map(|q| q.id.clone())
        .collect();
    for q in &in_scope {
        s.save_answer(catalog(), a.id, q, Some(AnswerValue::Yes), "")
            .expect("answer");
    }
    let first = &s.list_assessments(catalog()).expect("list")[0];
    assert_eq!(
        (first.answered, first.questions),
        (in_scope.len(), in_scope.len())
    );

    // The scope narrows: the answers to ITGC-CM stay saved but no longer count.
    a.scope.objectives.retain(|o| o != "ITGC-CM");
    s.save_objectives(&a).expect("narrow");
    let a = s.assessment(a.id).expect("read");
    let answers = s.answers(a.id).expect("answers");
    assert_eq!(answers.len(), in_scope.len(), "nothing is thrown away");
    let effective = effective_catalog(catalog(), &a);
    let r = readiness(&effective, &a.scope, &answers);
    let list = s.list_assessments(catalog()).expect("list");
    assert_eq!(
        (list[0].answered, list[0].questions),
        (r.answered, r.questions),
        "the list and readiness count alike"
    );
    assert_eq!(r.answered, r.questions, "every question in scope answered");
    assert!(r.questions < in_scope.len());
    assert!(answers.iter().any(|x| x.question_id.starts_with(&own)));
}

#[test]
fn a_reader_sees_what_is_saved_and_cannot_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = new_soc2("Acme");
    let mut s = Store::open_dir(dir.path()).expect("open");
    s.create_assessment(&a).expect("create");
    let reader = s
        .reader()
        .expect("reader")
        .expect("a file database has one");
    // A save on the main connection after the reader was opened is seen by it, from
    // another thread, as the window's list commands run.
    s.save_answer(catalog(), a.id, "cc6-mfa", Some(AnswerValue::Yes), "MFA")
        .expect("save");
    let id = a.id;
    let (mut reader, answers) = std::thread::spawn(move || {
        let answers = reader.answers(id).expect("answers");
        (reader, answers)
    })
    .join()
    .expect("thread");
    assert_eq!(answers, s.answers(a.id).expect("answers"));
    assert_eq!(answers.len(), 1);
    let write = reader.save_answer(catalog(), a.id, "cc6-mfa", None, "changed");
    assert!(write.is_err(), "{write:?}");
    assert_eq!(
        s.answers(a.id).expect("answers"),
        answers,
        "nothing changed"
    );
    assert!(Store::open_in_memory()
        .expect("memory")
        .reader()
        .expect("reader")
        .is_none());
}
