//! The risk and vendor registers in the store: round trips, the yearly risk assessment ticking
//! the Type 2 calendar, a CUEC becoming a task, the CSV import all-or-nothing, the portable
//! file, and the migration from schema v4 with data in it.

use chrono::{NaiveDate, Utc};
use preflight_assessment::{NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_remediation::{Duty, NewTask, Priority};
use preflight_risks::{ReviewInput, RiskInput};
use preflight_store::migrations::{migrations, APPLICATION_ID};
use preflight_store::Store;
use preflight_vendors::report::{CuecInput, ExceptionInput};
use preflight_vendors::{FlagKind, ReportInput, VendorInput};
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("date")
}

fn type2(s: &mut Store) -> Uuid {
    let a = NewAssessment {
        name: None,
        company: "Acme".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec![],
            objectives: vec![],
            observation: Some(ObservationPeriod::parse("2026-04-01", "2026-09-30").expect("p")),
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    a.id
}

fn risk() -> RiskInput {
    RiskInput {
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
    }
}

#[test]
fn risks_round_trip_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let today = d(2026, 6, 1);
    let id;
    let r;
    {
        let mut s = Store::open_dir(dir.path()).expect("open");
        id = type2(&mut s);
        s.add_person(id, "Dana Ruiz").expect("person");
        let task = s
            .create_task(
                catalog(),
                id,
                NewTask {
                    title: "Turn on MFA".into(),
                    question_id: None,
                    criteria: vec![],
                    priority: Priority::High,
                    owner: None,
                    due: None,
                    notes: String::new(),
                },
                today,
            )
            .expect("task");
        let mut input = risk();
        input.tasks = vec![task.id.to_string()];
        input.description = "A phished password 🎣 עברית".into();
        r = s.create_risk(catalog(), id, &input, today).expect("risk");
        for (bad, code) in [
            (
                RiskInput {
                    likelihood: 0,
                    ..risk()
                },
                "risk_level_out_of_range",
            ),
            (
                RiskInput {
                    impact: 6,
                    ..risk()
                },
                "risk_level_out_of_range",
            ),
            (
                RiskInput {
                    treatment: "accept".into(),
                    accepted_by: None,
                    ..risk()
                },
                "risk_acceptor_missing",
            ),
            (
                RiskInput {
                    tasks: vec![Uuid::new_v4().to_string()],
                    ..risk()
                },
                "unknown_task",
            ),
        ] {
            let e = s.create_risk(catalog(), id, &bad, today).expect_err(code);
            assert_eq!(e.code(), code);
        }
        assert_eq!(s.risks(id).expect("risks").len(), 1);
        // The owner cannot leave the people list while owning the risk.
        assert_eq!(
            s.remove_person(id, "Dana Ruiz").map_err(|e| e.code()),
            Err("person_owns_tasks")
        );
    }
    let mut s = Store::open_dir(dir.path()).expect("reopen");
    assert_eq!(s.risks(id).expect("risks"), vec![r.clone()]);
    // An edit on an old version is refused; a good one bumps the version.
    let mut edit = r.to_input();
    edit.impact = 3;
    edit.residual_impact = Some(3);
    let r2 = s
        .update_risk(catalog(), r.id, 1, &edit, today)
        .expect("edit");
    assert_eq!(r2.version, 2);
    assert_eq!(
        s.update_risk(catalog(), r.id, 1, &edit, today)
            .map_err(|e| e.code()),
        Err("stale_version")
    );
    // Deleting the linked task removes the link, not the risk.
    let task = r.tasks[0];
    s.delete_task(task, 1).expect("delete task");
    assert!(s.risk(r.id).expect("risk").tasks.is_empty());
}

#[test]
fn starters_are_adopted_once_and_the_yearly_assessment_ticks_the_calendar() {
    let mut s = Store::open_in_memory().expect("open");
    let id = type2(&mut s);
    let today = d(2026, 6, 1);
    let all: Vec<String> = preflight_risks::starter_risks()
        .expect("starters")
        .iter()
        .map(|x| x.id.clone())
        .collect();
    // A starter that accepts its risk needs who accepts it: nothing is adopted without.
    let e = s
        .adopt_starter_risks(catalog(), id, &all, None, today)
        .expect_err("acceptor");
    assert_eq!(e.code(), "starter_adoption");
    assert!(s.risks(id).expect("risks").is_empty());
    let adopted = s
        .adopt_starter_risks(catalog(), id, &all[..2], None, today)
        .expect("two");
    assert_eq!(adopted.len(), 2);
    let rest = s
        .adopt_starter_risks(catalog(), id, &all, Some("Dana Ruiz"), today)
        .expect("rest");
    assert_eq!(
        rest.len(),
        all.len() - 2,
        "already adopted ones are skipped"
    );
    assert!(s.risks(id).expect("risks").iter().any(|r| r.is_fraud()));

    let review = ReviewInput {
        held_on: "2026-05-20".into(),
        participants: vec!["Dana Ruiz, Léa Martin".into()],
        summary: "Reviewed all starter risks; raised two.".into(),
    };
    let rec = s.record_risk_review(id, &review, today).expect("review");
    assert_eq!(rec.register.len(), all.len());
    assert_eq!(s.risk_reviews(id).expect("reviews"), vec![rec]);
    let occ = s.duty_occurrences(id).expect("occurrences");
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].duty, Duty::RiskAssessment);
    assert_eq!(occ[0].done_on, d(2026, 5, 20));
    let future = ReviewInput {
        held_on: "2026-06-02".into(),
        ..review
    };
    assert_eq!(
        s.record_risk_review(id, &future, today)
            .map_err(|e| e.code()),
        Err("date_in_future")
    );
    assert_eq!(s.risk_reviews(id).expect("reviews").len(), 1);
}

fn report() -> ReportInput {
    ReportInput {
        kind: "soc2".into(),
        report_type: "type2".into(),
        period_start: Some("2025-01-01".into()),
        period_end: "2025-12-31".into(),
        audit_firm: "Example LLP".into(),
        opinion: "qualified".into(),
        exceptions: vec![ExceptionInput {
            description: "Access not removed in time for 2 leavers".into(),
            ..Default::default()
        }],
        cuecs: vec![
            CuecInput {
                description: "Customers enable MFA for their users".into(),
                status: "runs".into(),
                how: "Enforced by SSO".into(),
                ..Default::default()
            },
            CuecInput {
                description: "Customers review their IAM roles".into(),
                status: "not_run".into(),
                ..Default::default()
            },
        ],
        ..ReportInput::default()
    }
}

#[test]
fn a_vendor_report_review_flags_and_a_cuec_becomes_a_task() {
    let mut s = Store::open_in_memory().expect("open");
    let id = type2(&mut s);
    let today = d(2026, 6, 1);
    s.add_person(id, "Dana Ruiz").expect("person");
    let v = s
        .create_vendor(
            id,
            &VendorInput {
                name: "Cloudy Host".into(),
                criticality: "critical".into(),
                data: "personal".into(),
                owner: Some("Dana Ruiz".into()),
                subservice: true,
                csocs: vec!["Physical access to the data centres".into()],
                ..VendorInput::default()
            },
            today,
        )
        .expect("vendor");
    let dup = VendorInput {
        name: " cloudy host ".into(),
        ..VendorInput::default()
    };
    assert_eq!(
        s.create_vendor(id, &dup, today).map_err(|e| e.code()),
        Err("duplicate_vendor")
    );
    let flags = |s: &Store| -> Vec<FlagKind> {
        let v = s.vendor(v.id).expect("vendor");
        preflight_vendors::flags(&v, today, d(2026, 4, 1))
            .into_iter()
            .map(|f| f.kind)
            .collect()
    };
    assert_eq!(flags(&s), [FlagKind::NoReportOnFile]);
    let bad = ReportInput {
        period_end: "2024-12-31".into(),
        ..report()
    };
    assert_eq!(
        s.save_vendor_report(v.id, &bad, today)
            .map_err(|e| e.code()),
        Err("period_ends_before_start")
    );
    let saved = s
        .save_vendor_report(v.id, &report(), today)
        .expect("report");
    assert_eq!(saved.version, 2);
    assert_eq!(
        flags(&s),
        [
            FlagKind::NoReportOnFile,
            // Ends 2025-12-31, more than three months before the window starts on 2026-04-01.
            FlagKind::BridgeLetterNeeded,
            FlagKind::OpinionNotClean,
            FlagKind::ExceptionWithoutResponse,
            FlagKind::CuecNotRun
        ]
    );
    let rep = saved.report.expect("report");
    let run = rep.cuecs[0].id;
    assert_eq!(
        s.task_from_vendor_cuec(catalog(), v.id, run, today)
            .map_err(|e| e.code()),
        Err("cuec_already_run")
    );
    let not_run = rep.cuecs[1].id;
    let task = s
        .task_from_vendor_cuec(catalog(), v.id, not_run, today)
        .expect("task");
    assert_eq!(task.criteria, ["CC9.2"]);
    assert_eq!(task.owner.as_deref(), Some("Dana Ruiz"));
    assert!(task.title.contains("Cloudy Host"));
    assert!(!flags(&s).contains(&FlagKind::CuecNotRun));
    assert_eq!(
        s.task_from_vendor_cuec(catalog(), v.id, not_run, today)
            .map_err(|e| e.code()),
        Err("cuec_has_task")
    );
    // Saving the review again with the same CUEC ids keeps the task link.
    let mut again = report();
    for (c, saved) in again.cuecs.iter_mut().zip(&rep.cuecs) {
        c.id = Some(saved.id.to_string());
    }
    again.exceptions[0].response = "Not our data; vendor fixed it".into();
    let v3 = s.save_vendor_report(v.id, &again, today).expect("again");
    assert_eq!(v3.report.expect("r").cuecs[1].task_id, Some(task.id));
    assert!(!flags(&s).contains(&FlagKind::ExceptionWithoutResponse));
}

#[test]
fn vendor_csv_import_is_all_or_nothing_unless_good_rows_are_chosen() {
    let mut s = Store::open_in_memory().expect("open");
    let id = type2(&mut s);
    let today = d(2026, 6, 1);
    let csv = "Vendor,What it does,Data held,Criticality,Contract,DPA,Owner,Last review\n\
               Cloudy Host,Hosting,personal,critical,yes,yes,Priya Shah,2026-01-10\n\
               Mailer,Email,internal,low,yes,no,,\n\
               Broken,x,none,low,no,no,,10/01/2026\n";
    let preview = s
        .preview_vendor_import(id, csv.as_bytes(), today)
        .expect("preview");
    assert_eq!((preview.taken, preview.rejected), (2, 1));
    assert!(
        s.vendors(id).expect("vendors").is_empty(),
        "a preview saves nothing"
    );
    let e = s
        .import_vendors(id, csv.as_bytes(), false, today)
        .expect_err("has errors");
    assert_eq!(e.code(), "import_has_errors");
    assert!(s.vendors(id).expect("vendors").is_empty());
    assert!(s.people(id).expect("people").names().is_empty());
    let done = s
        .import_vendors(id, csv.as_bytes(), true, today)
        .expect("good rows");
    assert_eq!(done.saved, 2);
    assert_eq!(done.people_added, ["Priya Shah"]);
    let vendors = s.vendors(id).expect("vendors");
    assert_eq!(vendors.len(), 2);
    assert_eq!(vendors[0].next_review, Some(d(2027, 1, 10)));
    // The same file again: every row is now a duplicate.
    let again = s
        .preview_vendor_import(id, csv.as_bytes(), today)
        .expect("preview");
    assert_eq!(again.taken, 0);
    for bad in ["", "Nothing,Here\n1,2\n"] {
        assert!(s.import_vendors(id, bad.as_bytes(), true, today).is_err());
    }
    assert_eq!(s.vendors(id).expect("vendors").len(), 2);
}

#[test]
fn the_portable_file_carries_the_registers() {
    let mut s = Store::open_in_memory().expect("open");
    let id = type2(&mut s);
    let today = d(2026, 6, 1);
    s.add_person(id, "Dana Ruiz").expect("person");
    s.create_risk(catalog(), id, &risk(), today).expect("risk");
    s.record_risk_review(
        id,
        &ReviewInput {
            held_on: "2026-05-01".into(),
            participants: vec!["Dana".into()],
            summary: "ok".into(),
        },
        today,
    )
    .expect("review");
    let v = s
        .create_vendor(
            id,
            &VendorInput {
                name: "Cloudy".into(),
                criticality: "critical".into(),
                ..Default::default()
            },
            today,
        )
        .expect("v");
    s.save_vendor_report(v.id, &report(), today)
        .expect("report");
    let starters: Vec<String> = preflight_vendors::customer_controls::starter_cuecs()
        .expect("s")
        .iter()
        .take(3)
        .map(|c| c.id.clone())
        .collect();
    s.adopt_starter_cuecs(catalog(), id, &starters)
        .expect("cuecs");
    let text = s.export_json(id).expect("export");
    let copy = s.import_json(catalog(), &text).expect("import");
    assert_ne!(copy.id, id);
    let strip = |mut r: preflight_risks::Risk| {
        r.id = Uuid::nil();
        r.assessment_id = Uuid::nil();
        r
    };
    assert_eq!(
        s.risks(copy.id)
            .expect("r")
            .into_iter()
            .map(strip)
            .collect::<Vec<_>>(),
        s.risks(id)
            .expect("r")
            .into_iter()
            .map(strip)
            .collect::<Vec<_>>()
    );
    assert_eq!(s.risk_reviews(copy.id).expect("rr").len(), 1);
    let cv = s.vendors(copy.id).expect("v");
    assert_eq!(cv.len(), 1);
    assert_eq!(cv[0].report.as_ref().expect("r").cuecs.len(), 2);
    assert_eq!(s.customer_controls(copy.id).expect("c").len(), 3);
    assert_eq!(s.people(copy.id).expect("p").names(), ["Dana Ruiz"]);
    // A broken registers section is refused whole.
    let broken = text.replace("\"likelihood\": 4", "\"likelihood\": 9");
    assert_ne!(broken, text);
    let before = s.list_assessments(catalog()).expect("list").len();
    assert!(s.import_json(catalog(), &broken).is_err());
    assert_eq!(s.list_assessments(catalog()).expect("list").len(), before);
}

#[test]
fn a_version_4_database_with_data_migrates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("preflight.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
        migrations().to_version(&mut conn, 4).expect("v4");
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .expect("app id");
        conn.execute_batch(
            "INSERT INTO assessment (id, name, company, report_kind, report_type, observation_start, observation_end, created_at, updated_at)
             VALUES ('00000000-0000-0000-0000-000000000001', 'Old', 'Acme', 'soc2', 'type2', '2026-01-01', '2026-06-30', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO assessment_category VALUES ('00000000-0000-0000-0000-000000000001', 'security');
             INSERT INTO person VALUES ('00000000-0000-0000-0000-000000000001', 'Dana', 1);
             INSERT INTO duty_occurrence (id, assessment_id, duty, done_on, note)
             VALUES ('00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-000000000001', 'access_review', '2026-03-01', 'Q1');",
        )
        .expect("v4 data");
    }
    let mut s = Store::open(&path).expect("migrates");
    let id = Uuid::from_u128(1);
    let occ = s.duty_occurrences(id).expect("occurrences");
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].note, "Q1");
    assert_eq!(s.people(id).expect("people").names(), ["Dana"]);
    s.create_risk(
        catalog(),
        id,
        &RiskInput {
            owner: Some("Dana".into()),
            ..risk()
        },
        d(2026, 6, 1),
    )
    .expect("risk in migrated db");
}
