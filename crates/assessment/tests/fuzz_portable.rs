//! Fuzzing the portable file reader ([`from_json`]): whatever text arrives, it never panics;
//! a refused file gets an error with a code and a message; a file it reads is whole (every
//! answer is a known question, once, with a note of allowed length) and writes back to a file
//! that reads again.
//!
//! 100,000 cases from a fixed seed: arbitrary bytes (read as text the way the store reads a
//! file), arbitrary text, real portable files (a SOC 2 Type 2 with an exclusion and the wizard's
//! profile, a SOC 1 with a reworded and an own objective) with byte edits (cuts, flips, hostile
//! text inserted), and the same files with value edits (a node replaced by another type, a huge
//! number or hostile text, removed, or doubled).

use preflight_fuzz as fuzz_support;

use std::cell::Cell;
use std::collections::HashSet;

use chrono::{TimeZone, Utc};
use fuzz_support::{config, inputs, json};
use preflight_assessment::portable::{from_json, to_json_with};
use preflight_assessment::{
    Answer, AnswerValue, Exclusion, NewAssessment, ObservationPeriod, ReportKind, ReportType,
    Scope, MAX_NOTE_CHARS,
};
use preflight_catalog::Catalog;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn answer(q: &str, value: Option<AnswerValue>, note: &str) -> Answer {
    Answer {
        question_id: q.into(),
        value,
        note: note.into(),
        answered_at: Utc
            .with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
            .single()
            .expect("time"),
    }
}

/// A SOC 2 Type 2 with an exclusion, the wizard's profile and hostile text.
fn soc2_file() -> String {
    let c = catalog();
    let mut a = NewAssessment {
        name: Some("-FY26 readiness".into()),
        company: "=Acme+1 ☁️ שלום".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["availability".into()],
            objectives: vec![],
            observation: Some(
                ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("period"),
            ),
        },
    }
    .build(c, fixed_time())
    .expect("valid");
    let profile = serde_json::from_value(serde_json::json!({
        "service": "Payroll SaaS",
        "customer_data": true,
        "uptime_commitment": true,
        "head_count": 12,
        "customers_year_end_month": 6,
        "target_date": "2026-12-01",
        "previous_period_end": "2025-12-31",
        "has_office": false
    }))
    .expect("profile");
    a.set_scoping(
        c,
        vec![Exclusion {
            category: "confidentiality".into(),
            justification: "=We hold no customer data beyond contact details".into(),
        }],
        Some(profile),
    )
    .expect("scoping");
    let answers = vec![
        answer("cc6-mfa", Some(AnswerValue::Yes), "@everyone uses MFA"),
        answer("cc8-change-review", Some(AnswerValue::No), "=1+1"),
        answer("cc1-code-of-conduct", None, "+ask HR \u{202e}שלום"),
    ];
    to_json_with(
        &a,
        &answers,
        Some(serde_json::json!({"risks": []})),
        fixed_time(),
    )
}

/// A SOC 1 with a reworded objective and one of the company's own.
fn soc1_file() -> String {
    let c = catalog();
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
    .build(c, fixed_time())
    .expect("valid");
    a.reword_objective(
        "ITGC-LA",
        "Payroll engine access",
        "Only approved staff reach the payroll engine.",
    )
    .expect("reword");
    let own = a
        .add_own_objective("Tax tables", "Tax tables change only with approval.")
        .expect("own");
    let answers = vec![answer(
        &format!("{own}/design"),
        Some(AnswerValue::Partly),
        "Spreadsheet only",
    )];
    to_json_with(&a, &answers, None, fixed_time())
}

#[test]
fn portable_file_reader_never_panics_and_refuses_clearly() {
    let (soc2, soc1) = (soc2_file(), soc1_file());
    for seed in [&soc2, &soc1] {
        from_json(seed, catalog()).expect("the seed reads");
    }
    let strategy = prop_oneof![
        4 => inputs(soc2.clone().into_bytes()),
        2 => inputs(soc1.clone().into_bytes()),
        4 => json::mutated(&soc2),
        2 => json::mutated(&soc1),
    ];
    let (read, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config(100_000));
    let result = runner.run(&strategy, |bytes| {
        // As the store reads a file: bytes that are not UTF-8 are replaced, not refused.
        let text = String::from_utf8_lossy(&bytes);
        match from_json(&text, catalog()) {
            Ok(file) => {
                read.set(read.get() + 1);
                let mut seen = HashSet::new();
                for a in &file.answers {
                    prop_assert!(seen.insert(a.question_id.clone()), "{}", a.question_id);
                    prop_assert!(a.note.chars().count() <= MAX_NOTE_CHARS);
                }
                prop_assert!(!file.assessment.company.trim().is_empty());
                prop_assert!(!file.assessment.name.trim().is_empty());
                // What was read writes back to a file that reads again.
                let again = to_json_with(
                    &file.assessment,
                    &file.answers,
                    file.registers.clone(),
                    file.exported_at,
                );
                let back = from_json(&again, catalog());
                prop_assert!(back.is_ok(), "read, written, refused: {:?}", back.err());
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                prop_assert!(!e.code().is_empty());
                prop_assert!(!e.to_string().trim().is_empty());
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!("read {}, refused {}", read.get(), refused.get());
    assert!(read.get() > 2_000 && refused.get() > 20_000);
}

/// A fixed clock for the seeds, so the same cases run every time.
fn fixed_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time")
}
