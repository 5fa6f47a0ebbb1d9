//! Fuzzing the store's portable file import ([`Store::import_json`], with its `registers`
//! section): whatever text arrives, the import never panics; a refused file gets an error with
//! a code and a message and leaves the database exactly as it was (no row added, changed or
//! removed in any table, and no commit at all, as SQLite's `data_version` seen from a second
//! connection shows); a file it takes adds one assessment.
//!
//! 100,000 cases from a fixed seed: arbitrary bytes (read as `import_json_file` reads them),
//! arbitrary text, and a real export holding every register (people with training and
//! acknowledgements, an approved policy, risks and a risk assessment, a vendor with its SOC
//! report review, CUECs, the system description, request list states) with byte
//! edits (cuts, flips, hostile text inserted) or value edits (a node replaced by another type,
//! a huge number or hostile text, removed, or doubled). A case costs about 0.6 ms of CPU in a
//! debug build (a taken file is loaded into a database on disk and deleted again), so the test
//! takes about a minute.

use preflight_fuzz as fuzz_support;

use std::cell::{Cell, RefCell};
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use fuzz_support::{config, inputs, json};
use preflight_assessment::{
    AnswerValue, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_description::ComponentKind;
use preflight_risks::{ReviewInput, RiskInput};
use preflight_store::requests::RequestEdit;
use preflight_store::Store;
use preflight_vendors::report::{CuecInput, ExceptionInput};
use preflight_vendors::{ReportInput, VendorInput};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use rusqlite::{Connection, OpenFlags};
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("date")
}

/// An assessment with something in every register, exported.
fn rich_export(s: &mut Store) -> (Uuid, String) {
    let a = NewAssessment {
        name: Some("=FY26 ☁️".into()),
        company: "Acme \u{202e}שלום".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["privacy".into()],
            objectives: vec![],
            observation: Some(ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("p")),
        },
    }
    .build(catalog(), fixed_time())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    let id = a.id;
    let today = d(2026, 3, 1);
    s.save_answer(
        catalog(),
        id,
        "cc6-mfa",
        Some(AnswerValue::Partly),
        "+1 for MFA",
    )
    .expect("answer");
    s.save_answer(catalog(), id, "cc1-code-of-conduct", None, "@HR")
        .expect("answer");
    let dana = s
        .create_person(
            id,
            &preflight_people::PersonInput {
                name: "Dana Ruiz".into(),
                role: "Privacy lead".into(),
                start_date: Some("2025-01-01".into()),
                background_check: "not_required".into(),
                background_check_reason: Some("Founder".into()),
                training: vec!["2026-01-10".into()],
                ..Default::default()
            },
            today,
        )
        .expect("person");
    s.add_person(id, "Sam Lee").expect("person");
    let p = s
        .create_policy(
            id,
            &preflight_policies::NewPolicy {
                title: "Privacy Policy".into(),
                text: "## Purpose\nWe respect personal data.".into(),
                owner: Some("Dana Ruiz".into()),
                ..Default::default()
            },
            today,
        )
        .expect("policy");
    let p = s
        .approve_policy(p.id, p.version, "Dana Ruiz", None, today)
        .expect("approve");
    s.acknowledge(id, &dana.name, &[(p.id, 1)], "2026-03-01", today)
        .expect("ack");
    s.create_risk(
        catalog(),
        id,
        &RiskInput {
            title: "Stolen password".into(),
            category: "security".into(),
            likelihood: 4,
            impact: 5,
            treatment: "mitigate".into(),
            treatment_reason: "MFA".into(),
            owner: Some("Dana Ruiz".into()),
            questions: vec!["cc6-mfa".into()],
            residual_likelihood: Some(2),
            ..RiskInput::default()
        },
        today,
    )
    .expect("risk");
    s.record_risk_review(
        id,
        &ReviewInput {
            held_on: "2026-02-01".into(),
            participants: vec!["Dana".into()],
            summary: "ok".into(),
        },
        today,
    )
    .expect("review");
    // The records section: a task with a status change, a duty ticked off, snapshots and an
    // auditor's comment.
    let task = s
        .create_task(
            catalog(),
            id,
            preflight_remediation::NewTask {
                title: "=Turn on MFA 🔐".into(),
                question_id: Some("cc6-mfa".into()),
                criteria: vec!["CC6.1".into()],
                priority: preflight_remediation::Priority::High,
                owner: Some("Dana Ruiz".into()),
                due: Some("2026-04-01".into()),
                notes: "-2".into(),
            },
            today,
        )
        .expect("task");
    s.set_task_status(
        task.id,
        preflight_remediation::StatusRequest {
            version: task.version,
            status: preflight_remediation::TaskStatus::RiskAccepted,
            justification: Some("Compensating control".into()),
            accepted_by: Some("Dana Ruiz".into()),
        },
        today,
    )
    .expect("status");
    s.record_duty(
        id,
        preflight_remediation::NewOccurrence {
            duty: preflight_remediation::Duty::AccessReview,
            done_on: "2026-02-15".into(),
            evidence_id: None,
            note: "\u{202e}quarterly".into(),
        },
    )
    .expect("duty");
    s.take_snapshot(catalog(), id, today).expect("snapshot");
    s.save_review(
        catalog(),
        id,
        "returned.xlsx",
        &[preflight_store::review::NewComment {
            question_id: "cc6-mfa".into(),
            comment: "@auditor: show the MFA report".into(),
            status: Some("needs_evidence".into()),
        }],
    )
    .expect("comment");
    let v = s
        .create_vendor(
            id,
            &VendorInput {
                name: "Cloudy".into(),
                criticality: "critical".into(),
                owner: Some("Sam Lee".into()),
                ..Default::default()
            },
            today,
        )
        .expect("vendor");
    s.save_vendor_report(
        v.id,
        &ReportInput {
            kind: "soc2".into(),
            report_type: "type2".into(),
            period_start: Some("2025-01-01".into()),
            period_end: "2025-12-31".into(),
            audit_firm: "Example LLP".into(),
            opinion: "qualified".into(),
            exceptions: vec![ExceptionInput {
                description: "Access not removed in time".into(),
                ..Default::default()
            }],
            cuecs: vec![CuecInput {
                description: "Customers enable MFA".into(),
                status: "runs".into(),
                how: "SSO".into(),
                ..Default::default()
            }],
            ..ReportInput::default()
        },
        today,
    )
    .expect("report");
    let starters: Vec<String> = preflight_vendors::customer_controls::starter_cuecs()
        .expect("starters")
        .iter()
        .take(2)
        .map(|c| c.id.clone())
        .collect();
    s.adopt_starter_cuecs(catalog(), id, &starters)
        .expect("cuecs");
    s.save_section(id, "services", "We sell invoicing software.", today)
        .expect("section");
    s.save_components(
        id,
        ComponentKind::Team,
        &[("Engineering".into(), "6 people".into())],
    )
    .expect("components");
    let row = s
        .request_rows(catalog(), id, today)
        .expect("requests")
        .into_iter()
        .next()
        .expect("a request item");
    s.update_request(
        catalog(),
        id,
        &row.id,
        &RequestEdit {
            version: row.version,
            owner: Some("Dana Ruiz".into()),
            due: Some("2026-05-01".into()),
            status: "not_started".into(),
        },
        today,
    )
    .expect("request");
    (id, s.export_json(id).expect("export"))
}

/// A query for every table's row count, in one string. Left out: `task_change`, the lines
/// that tell a reader which tasks changed, which a loaded copy deleted again leaves behind.
fn fingerprint_query(raw: &Connection) -> String {
    let mut st = raw
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'task_change'
             ORDER BY name",
        )
        .expect("tables");
    let tables: Vec<String> = st
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    let parts: Vec<String> = tables
        .iter()
        .map(|t| format!("(SELECT '{t}=' || count(*) FROM \"{t}\")"))
        .collect();
    format!("SELECT {}", parts.join(" || ',' || "))
}

fn state(raw: &Connection, query: &str) -> (i64, String) {
    let version: i64 = raw
        .query_row("PRAGMA data_version", [], |r| r.get(0))
        .expect("data_version");
    let counts: String = raw.query_row(query, [], |r| r.get(0)).expect("counts");
    (version, counts)
}

fn open_raw(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("raw")
}

#[test]
fn portable_import_never_panics_and_a_refused_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("preflight.db");
    let mut s = Store::open(&path).expect("open");
    let (id, seed) = rich_export(&mut s);
    // The seed itself loads (as a copy beside the original).
    let copy = s.import_json(catalog(), &seed).expect("the seed loads");
    assert_eq!(
        s.assessment(copy.id).expect("copy").company,
        s.assessment(id).expect("a").company
    );
    s.delete_assessment(copy.id).expect("delete copy");

    let raw = open_raw(&path);
    let query = fingerprint_query(&raw);
    let strategy = prop_oneof![
        1 => inputs(seed.clone().into_bytes()),
        1 => json::mutated(&seed),
    ];
    let (taken, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config(100_000));
    let s = RefCell::new(s);
    // The database as it stands between cases (commit counter, row counts) and how many
    // assessments it holds.
    let saved = RefCell::new((state(&raw, &query), 1usize));
    let result = runner.run(&strategy, |bytes| {
        let mut s = s.borrow_mut();
        let mut saved = saved.borrow_mut();
        let text = String::from_utf8_lossy(&bytes);
        let r = s.import_json(catalog(), &text);
        match r {
            Ok(a) => {
                taken.set(taken.get() + 1);
                prop_assert_ne!(a.id, id, "the original is never overwritten");
                let n: usize = raw
                    .query_row("SELECT count(*) FROM assessment", [], |r| r.get(0))
                    .expect("count");
                prop_assert_eq!(n, saved.1 + 1);
                s.assessment(a.id).expect("the loaded assessment is there");
                s.delete_assessment(a.id).expect("delete the loaded copy");
                // The copy deleted, the tables hold what they held before (checked with the next
                // full count); only the commit counter moves on.
                saved.0 .0 = raw
                    .query_row("PRAGMA data_version", [], |r| r.get(0))
                    .expect("data_version");
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                prop_assert!(!e.code().is_empty());
                prop_assert!(!e.to_string().trim().is_empty());
                // No commit at all since the last case (cheap, every case); every table's rows
                // counted again on every 16th refusal.
                let version: i64 = raw
                    .query_row("PRAGMA data_version", [], |r| r.get(0))
                    .expect("data_version");
                prop_assert_eq!(version, saved.0 .0, "a refused import committed: {}", e);
                if refused.get() % 16 == 0 {
                    let now = state(&raw, &query);
                    prop_assert_eq!(
                        &now,
                        &saved.0,
                        "the database changed (by a refused import, or a loaded copy was not deleted whole): {}",
                        e
                    );
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!("taken {}, refused {}", taken.get(), refused.get());
    assert!(taken.get() > 1_000 && refused.get() > 20_000);
}

/// A fixed clock for the seeds, so the same cases run every time.
fn fixed_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0)
        .single()
        .expect("time")
}
