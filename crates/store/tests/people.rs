//! The people register in the store: the HR import is all or nothing unless the good rows are
//! chosen, a rename follows the person as owner, and the Type 2 calendar's onboarding and
//! offboarding come from the register (not ticked by hand).

use chrono::{NaiveDate, Utc};
use preflight_assessment::{NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_people::PersonInput;
use preflight_remediation::{Duty, NewOccurrence, NewTask, Priority};
use preflight_store::Store;
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
            observation: Some(ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("p")),
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    a.id
}

#[test]
fn hr_import_rename_and_the_calendar() {
    let mut s = Store::open_in_memory().expect("open");
    let id = type2(&mut s);
    let today = d(2026, 7, 15);
    let csv = "Name,Role,Start date,End date,Access removed\n\
               Dana Ruiz,CTO,2024-01-01,,\n\
               Sam Lee,Engineer,2026-02-02,2026-05-29,2026-06-01\n\
               Ola Berg,Designer,2026-03-01,2026-02-01,\n\
               dana ruiz,Dup,2024-01-01,,\n";
    let p = s
        .preview_people_import(id, csv.as_bytes(), today)
        .expect("preview");
    assert_eq!((p.taken, p.rejected), (2, 2));
    assert!(
        s.persons(id).expect("people").is_empty(),
        "a preview saves nothing"
    );
    let e = s
        .import_people(id, csv.as_bytes(), false, today)
        .expect_err("has errors");
    assert_eq!(e.code(), "import_has_errors");
    assert!(s.persons(id).expect("people").is_empty());
    let done = s
        .import_people(id, csv.as_bytes(), true, today)
        .expect("good rows");
    assert_eq!(done.saved, 2);
    assert_eq!(
        s.people(id).expect("names").names(),
        ["Dana Ruiz", "Sam Lee"],
        "one list with task owners"
    );

    // Sam joined and left inside the window: the calendar counts one hire and one leaver,
    // and neither can be ticked by hand.
    let cal = s.duty_calendar(id).expect("calendar");
    let count = |duty: Duty| {
        cal.duties
            .iter()
            .find(|x| x.duty == duty)
            .map(|x| x.occurrences.len())
    };
    assert_eq!(count(Duty::Onboarding), Some(1));
    assert_eq!(count(Duty::Offboarding), Some(1));
    let e = s
        .record_duty(
            id,
            NewOccurrence {
                duty: Duty::Onboarding,
                done_on: "2026-02-02".into(),
                evidence_id: None,
                note: String::new(),
            },
        )
        .expect_err("from the register");
    assert_eq!(e.code(), "duty_from_people");

    // A rename follows the person as owner of their tasks.
    let task = s
        .create_task(
            catalog(),
            id,
            NewTask {
                title: "Review access".into(),
                question_id: None,
                criteria: vec![],
                priority: Priority::High,
                owner: Some("Dana Ruiz".into()),
                due: None,
                notes: String::new(),
            },
            today,
        )
        .expect("task");
    let dana = s.person(id, "Dana Ruiz").expect("dana");
    let mut input = dana.to_input();
    input.name = "Dana Ruiz-Lee".into();
    s.update_person(id, "Dana Ruiz", dana.version, &input, today)
        .expect("rename");
    assert_eq!(
        s.task(task.id).expect("task").owner.as_deref(),
        Some("Dana Ruiz-Lee")
    );
    // A stale edit and a bad one change nothing.
    assert_eq!(
        s.update_person(id, "Dana Ruiz-Lee", dana.version, &input, today)
            .map_err(|e| e.code()),
        Err("stale_version")
    );
    let mut bad: PersonInput = s.person(id, "Sam Lee").expect("sam").to_input();
    bad.end_date = Some("2026-01-01".into());
    let sam = s.person(id, "Sam Lee").expect("sam");
    assert_eq!(
        s.update_person(id, "Sam Lee", sam.version, &bad, today)
            .map_err(|e| e.code()),
        Err("end_before_start")
    );
    assert_eq!(s.person(id, "Sam Lee").expect("sam"), sam);
}
