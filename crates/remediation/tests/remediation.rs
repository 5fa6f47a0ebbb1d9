//! The remediation rules: tasks, risk acceptance, validation, versions, the projected date and
//! the recurring duties calendar.

use chrono::NaiveDate;
use preflight_assessment::gap::gaps;
use preflight_assessment::{
    Answer, AnswerValue, Gap, GapReason, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::{Catalog, Severity};
use preflight_remediation::projection::{project, Projection};
use preflight_remediation::recurring::{
    calendar, expected, months_in_window, per_event_sample, typical_sample, Duty, Expected,
    Frequency, NewOccurrence, SAMPLE_NOTE,
};
use preflight_remediation::task::{open_tasks_of_question, reanswer_prompt};
use preflight_remediation::{
    NewTask, People, Priority, RemediationError, StatusRequest, Task, TaskEdit, TaskStatus,
};
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn scope() -> Scope {
    Scope {
        kind: ReportKind::Soc2,
        report_type: ReportType::Type1,
        categories: vec!["security".into()],
        objectives: vec![],
        observation: None,
    }
}

fn people() -> People {
    People::from_names(vec!["Dana Ruiz".into(), "Sam Lee".into()])
}

fn task_for(question_id: &str) -> Task {
    let q = catalog().question(question_id).expect("question");
    NewTask::from_gap(q, &scope())
        .build(catalog(), Uuid::new_v4(), &people(), d("2026-01-10"))
        .expect("task")
}

fn status(version: u32, status: TaskStatus) -> StatusRequest {
    StatusRequest {
        version,
        status,
        justification: None,
        accepted_by: None,
    }
}

fn edit_of(t: &Task) -> TaskEdit {
    TaskEdit {
        version: t.version,
        title: t.title.clone(),
        priority: t.priority,
        owner: t.owner.clone(),
        due: t.due.map(|x| x.to_string()),
        notes: t.notes.clone(),
    }
}

#[test]
fn a_task_from_a_gap_is_prefilled_from_its_question() {
    let c = catalog();
    let q = c.question("cc6-mfa").expect("question");
    let t = task_for("cc6-mfa");
    assert_eq!(t.title, q.text);
    assert_eq!(t.question_id.as_deref(), Some("cc6-mfa"));
    assert_eq!(t.criteria, q.criteria);
    assert!(!t.criteria.is_empty());
    assert_eq!(t.priority, Priority::from(q.severity));
    assert_eq!(t.status, TaskStatus::Todo);
    assert_eq!(t.version, 1);
    assert_eq!(t.history.len(), 1);
    assert_eq!(t.history[0].on, d("2026-01-10"));

    // A low-severity question gives a low-priority task.
    let low = c
        .questions
        .iter()
        .find(|q| q.severity == Severity::Low && scope().applies(c, q))
        .expect("a low question");
    assert_eq!(
        NewTask::from_gap(low, &scope()).priority,
        Priority::Low,
        "priority follows severity"
    );
}

#[test]
fn life_cycle_keeps_every_status_change_with_its_date() {
    let t = task_for("cc6-mfa");
    let t2 = t
        .change_status(status(1, TaskStatus::InProgress), d("2026-01-12"))
        .expect("start");
    assert_eq!(t.status, TaskStatus::Todo, "the original is left alone");
    assert_eq!(t2.version, 2);
    let t3 = t2
        .change_status(status(2, TaskStatus::Done), d("2026-02-01"))
        .expect("done");
    assert_eq!(t3.version, 3);
    let seen: Vec<(TaskStatus, NaiveDate)> = t3.history.iter().map(|h| (h.status, h.on)).collect();
    assert_eq!(
        seen,
        vec![
            (TaskStatus::Todo, d("2026-01-10")),
            (TaskStatus::InProgress, d("2026-01-12")),
            (TaskStatus::Done, d("2026-02-01")),
        ]
    );
    // Setting the same status again changes nothing, not even the version.
    let same = t3
        .change_status(status(3, TaskStatus::Done), d("2026-02-02"))
        .expect("same");
    assert_eq!(same, t3);
    // Done offers to answer the question again.
    let prompt = reanswer_prompt(&t3, catalog()).expect("prompt");
    assert_eq!(prompt.question_id, "cc6-mfa");
    assert!(!prompt.question_text.is_empty());
    assert!(reanswer_prompt(&t2, catalog()).is_none(), "only when done");
    // Reopening is allowed and recorded.
    let reopened = t3
        .change_status(status(3, TaskStatus::Todo), d("2026-02-03"))
        .expect("reopen");
    assert_eq!(reopened.history.len(), 4);
    assert!(reopened.is_open());
}

#[test]
fn risk_acceptance_needs_a_justification_and_who_accepted() {
    let t = task_for("cc6-mfa");
    let mut r = status(1, TaskStatus::RiskAccepted);
    assert_eq!(
        t.change_status(r.clone(), d("2026-01-11")),
        Err(RemediationError::RiskJustificationMissing)
    );
    r.justification = Some("   ".into());
    r.accepted_by = Some("Dana Ruiz".into());
    assert_eq!(
        t.change_status(r.clone(), d("2026-01-11")),
        Err(RemediationError::RiskJustificationMissing)
    );
    r.justification = Some("Only two staff; hardware keys on order.".into());
    r.accepted_by = Some("  ".into());
    let e = t
        .change_status(r.clone(), d("2026-01-11"))
        .expect_err("no one");
    assert_eq!(e.code(), "risk_acceptor_missing");
    r.accepted_by = Some(" Dana Ruiz ".into());
    let accepted = t.change_status(r, d("2026-01-11")).expect("accepted");
    assert_eq!(accepted.status, TaskStatus::RiskAccepted);
    let risk = accepted.risk.clone().expect("risk");
    assert_eq!(risk.accepted_by, "Dana Ruiz");
    assert_eq!(
        accepted.history.last().and_then(|h| h.risk.clone()),
        Some(risk)
    );
    assert!(!accepted.is_open());
    // Leaving "risk accepted" clears the current acceptance; the history keeps it.
    let back = accepted
        .change_status(status(2, TaskStatus::InProgress), d("2026-01-20"))
        .expect("back");
    assert_eq!(back.risk, None);
    assert!(back.history[1].risk.is_some());
}

#[test]
fn owner_and_due_date_are_validated() {
    let t = task_for("cc6-mfa");
    let mut e = edit_of(&t);
    e.owner = Some("  sam lee ".into());
    e.due = Some("2026-03-31".into());
    let ok = t.edit(e.clone(), &people()).expect("valid");
    assert_eq!(ok.owner.as_deref(), Some("Sam Lee"));
    assert_eq!(ok.due, Some(d("2026-03-31")));
    assert_eq!(ok.version, 2);

    let mut bad = e.clone();
    bad.owner = Some("Alex".into());
    assert_eq!(
        t.edit(bad, &people()).map_err(|e| e.code()),
        Err("unknown_person")
    );
    for due in ["31/03/2026", "2026-3-31", "2026-02-30", "next week"] {
        let mut bad = e.clone();
        bad.due = Some(due.into());
        let err = t.edit(bad, &people()).expect_err(due);
        assert_eq!(err.code(), "invalid_due_date", "{due}");
        assert!(err.to_string().contains("YYYY-MM-DD"));
    }
    let mut blank = e.clone();
    blank.title = "   ".into();
    assert_eq!(t.edit(blank, &people()), Err(RemediationError::EmptyTitle));
    // A blank owner or due date clears it.
    let mut clear = edit_of(&ok);
    clear.owner = Some(" ".into());
    clear.due = Some("".into());
    let cleared = ok.edit(clear, &people()).expect("clear");
    assert_eq!((cleared.owner, cleared.due), (None, None));

    // A new task is checked the same way.
    let mut n = NewTask::from_gap(catalog().question("cc6-mfa").expect("q"), &scope());
    n.owner = Some("   ".into());
    n.due = Some("2026-13-01".into());
    assert_eq!(
        n.clone()
            .build(catalog(), Uuid::new_v4(), &people(), d("2026-01-01"))
            .map_err(|e| e.code()),
        Err("invalid_due_date")
    );
    n.question_id = Some("no-such-question".into());
    assert_eq!(
        n.build(catalog(), Uuid::new_v4(), &people(), d("2026-01-01"))
            .map_err(|e| e.code()),
        Err("unknown_question")
    );
}

#[test]
fn a_stale_version_is_refused_and_nothing_changes() {
    let t = task_for("cc6-mfa");
    // Window A saves first.
    let mut a = edit_of(&t);
    a.notes = "From window A".into();
    let saved = t.edit(a, &people()).expect("A");
    assert_eq!(saved.version, 2);
    // Window B still has version 1.
    let mut b = edit_of(&t);
    b.notes = "From window B".into();
    let e = saved.edit(b, &people()).expect_err("stale");
    assert_eq!(e, RemediationError::StaleVersion { yours: 1, saved: 2 });
    assert_eq!(e.code(), "stale_version");
    assert!(e.to_string().contains("changed elsewhere"), "{e}");
    assert!(e.to_string().contains("Reload"), "{e}");
    assert_eq!(saved.notes, "From window A");
    assert_eq!(
        saved
            .change_status(status(1, TaskStatus::Done), d("2026-01-11"))
            .map_err(|e| e.code()),
        Err("stale_version")
    );
    // An edit that changes nothing keeps the version.
    assert_eq!(saved.edit(edit_of(&saved), &people()), Ok(saved.clone()));
}

#[test]
fn overdue_means_open_and_due_before_today() {
    let mut t = task_for("cc6-mfa");
    t.due = Some(d("2026-03-01"));
    assert!(!t.is_overdue(d("2026-03-01")), "due today is not overdue");
    assert!(t.is_overdue(d("2026-03-02")));
    let done = t
        .change_status(status(1, TaskStatus::Done), d("2026-03-05"))
        .expect("done");
    assert!(!done.is_overdue(d("2026-04-01")));
    let mut undated = task_for("cc6-mfa");
    undated.due = None;
    assert!(!undated.is_overdue(d("2030-01-01")));
}

#[test]
fn open_tasks_of_a_question_are_listed_for_closing() {
    let a = task_for("cc6-mfa");
    let b = task_for("cc6-mfa")
        .change_status(status(1, TaskStatus::Done), d("2026-01-11"))
        .expect("done");
    let c = task_for("cc8-change-review");
    let all = vec![a.clone(), b, c];
    let open = open_tasks_of_question(&all, "cc6-mfa");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, a.id);
    let closed = open[0].closed(d("2026-02-01")).expect("close");
    assert_eq!(closed.status, TaskStatus::Done);
    assert_eq!(closed.version, a.version + 1);
}

// ---- projected ready date ----

fn gap(q: &str, severity: Severity) -> Gap {
    Gap {
        question_id: q.into(),
        severity,
        reason: GapReason::No,
    }
}

fn task_on(q: &str, due: Option<&str>, st: TaskStatus) -> Task {
    let mut t = task_for("cc6-mfa");
    t.question_id = Some(q.to_string());
    t.due = due.map(d);
    t.status = st;
    t
}

#[test]
fn projection_is_the_latest_due_date() {
    let gaps = vec![
        gap("cc6-mfa", Severity::High),
        gap("cc8-change-review", Severity::Medium),
        gap("low-one", Severity::Low),
    ];
    let tasks = vec![
        task_on("cc6-mfa", Some("2026-03-01"), TaskStatus::Todo),
        task_on("cc6-mfa", Some("2026-04-15"), TaskStatus::InProgress),
        task_on("cc8-change-review", Some("2026-03-20"), TaskStatus::Todo),
        // Low gaps and closed tasks do not count.
        task_on("low-one", Some("2027-01-01"), TaskStatus::Todo),
        task_on("cc6-mfa", Some("2028-01-01"), TaskStatus::Done),
    ];
    let p = project(&gaps, &tasks, d("2026-02-01"));
    assert_eq!(
        p.projection,
        Projection::Date {
            date: d("2026-04-15")
        }
    );
    assert_eq!(p.gaps_counted, 2);
    assert!(p.message.contains("2026-04-15"), "{}", p.message);
    assert!(!p.rule.is_empty());
}

#[test]
fn no_projection_when_a_gap_has_no_dated_task() {
    let gaps = vec![
        gap("cc6-mfa", Severity::High),
        gap("cc8-change-review", Severity::Medium),
    ];
    let tasks = vec![task_on("cc6-mfa", Some("2026-03-01"), TaskStatus::Todo)];
    let p = project(&gaps, &tasks, d("2026-02-01"));
    assert_eq!(
        p.projection,
        Projection::NoDate {
            gaps_without_task: vec!["cc8-change-review".into()],
            tasks_without_due_date: vec![],
        }
    );
    assert!(p.message.contains("have no task"), "{}", p.message);

    let undated = task_on("cc8-change-review", None, TaskStatus::Todo);
    let tasks = vec![
        task_on("cc6-mfa", Some("2026-03-01"), TaskStatus::Todo),
        undated.clone(),
    ];
    let p = project(&gaps, &tasks, d("2026-02-01"));
    assert_eq!(
        p.projection,
        Projection::NoDate {
            gaps_without_task: vec![],
            tasks_without_due_date: vec![undated.id],
        }
    );
    assert!(p.message.contains("no due date"), "{}", p.message);
}

#[test]
fn an_overdue_task_makes_today_past_due() {
    let gaps = vec![gap("cc6-mfa", Severity::High)];
    let late = task_on("cc6-mfa", Some("2026-01-15"), TaskStatus::InProgress);
    let tasks = vec![
        late.clone(),
        task_on("cc6-mfa", Some("2026-05-01"), TaskStatus::Todo),
    ];
    let p = project(&gaps, &tasks, d("2026-02-01"));
    assert_eq!(
        p.projection,
        Projection::PastDue {
            latest_due: d("2026-05-01"),
            overdue_tasks: vec![late.id],
        }
    );
    assert!(p.message.starts_with("Today is past due"), "{}", p.message);
}

#[test]
fn done_and_accepted_gaps_do_not_hold_the_date() {
    let gaps = vec![
        gap("cc6-mfa", Severity::High),
        gap("cc8-change-review", Severity::Medium),
    ];
    let tasks = vec![
        task_on("cc6-mfa", Some("2026-01-01"), TaskStatus::Done),
        task_on("cc8-change-review", None, TaskStatus::RiskAccepted),
    ];
    let p = project(&gaps, &tasks, d("2026-02-01"));
    assert_eq!(p.projection, Projection::NothingOpen);
    assert_eq!(p.awaiting_reanswer, vec!["cc6-mfa".to_string()]);
    assert_eq!(p.risk_accepted, vec!["cc8-change-review".to_string()]);
    assert!(
        p.message.contains("answer those questions again"),
        "{}",
        p.message
    );
    // With no high or medium gap at all there is nothing to wait for.
    let p = project(&[gap("x", Severity::Low)], &[], d("2026-02-01"));
    assert_eq!(p.projection, Projection::NothingOpen);
    assert_eq!(p.gaps_counted, 0);
}

#[test]
fn projection_works_from_real_gaps() {
    let c = catalog();
    let s = scope();
    let answers: Vec<Answer> = s
        .questions(c)
        .map(|q| Answer {
            question_id: q.id.clone(),
            value: Some(if q.id == "cc6-mfa" {
                AnswerValue::No
            } else {
                AnswerValue::Yes
            }),
            note: String::new(),
            answered_at: chrono::Utc::now(),
        })
        .collect();
    let g = gaps(c, &s, &answers);
    assert_eq!(g.len(), 1);
    let mut t = task_for("cc6-mfa");
    t.due = Some(d("2026-06-30"));
    assert_eq!(
        project(&g, &[t], d("2026-02-01")).projection,
        Projection::Date {
            date: d("2026-06-30")
        }
    );
}

// ---- recurring duties ----

fn period(start: &str, end: &str) -> ObservationPeriod {
    ObservationPeriod::parse(start, end).expect("period")
}

fn count(duty: Duty, p: &ObservationPeriod) -> u32 {
    match expected(duty, p) {
        Expected::Count { occurrences } => occurrences,
        Expected::PerEvent { .. } => panic!("{duty:?} has no fixed count"),
    }
}

#[test]
fn recurring_counts_for_3_6_12_and_18_month_windows() {
    let cases = [
        ("2026-01-01", "2026-03-31", 3, 1, 1),
        ("2026-01-01", "2026-06-30", 6, 2, 1),
        ("2026-01-01", "2026-12-31", 12, 4, 1),
        // 18 months: one yearly, in its last 12 months; 24 months: two.
        ("2026-01-01", "2027-06-30", 18, 6, 1),
        ("2026-01-01", "2027-12-31", 24, 8, 2),
        // Counted from the window start, not by calendar quarter: 15 February to 14 May is one.
        ("2026-02-15", "2026-05-14", 3, 1, 1),
        // The case: three months from late February is one review, not two.
        ("2027-02-24", "2027-05-23", 3, 1, 1),
        // 7 months: the seventh month joins the second stretch, no review in a stub.
        ("2027-02-24", "2027-09-23", 7, 2, 1),
        // One day short of six full months: still one.
        ("2026-01-01", "2026-06-29", 6, 1, 1),
        // 1 July to 30 June: four reviews, one year.
        ("2026-07-01", "2027-06-30", 12, 4, 1),
        // A year and half a month: no second year in a two-week stub.
        ("2026-01-01", "2027-01-15", 13, 4, 1),
    ];
    for (start, end, months, quarterly, yearly) in cases {
        let p = period(start, end);
        assert_eq!(months_in_window(&p), months, "{start}..{end} months");
        assert_eq!(
            count(Duty::AccessReview, &p),
            quarterly,
            "{start}..{end} quarterly"
        );
        for duty in [
            Duty::RiskAssessment,
            Duty::VendorReview,
            Duty::IncidentResponseTest,
            Duty::ContinuityTest,
            Duty::AwarenessTraining,
        ] {
            assert_eq!(count(duty, &p), yearly, "{start}..{end} {duty:?}");
        }
        assert_eq!(
            expected(Duty::Onboarding, &p),
            Expected::PerEvent { label: "per hire" }
        );
        assert_eq!(
            expected(Duty::Offboarding, &p),
            Expected::PerEvent {
                label: "per leaver"
            }
        );
    }
}

#[test]
fn samples_follow_the_practitioner_table() {
    assert_eq!(typical_sample(Frequency::Annual).min, 1);
    assert_eq!(typical_sample(Frequency::Quarterly).label, "2");
    let m = typical_sample(Frequency::Monthly);
    assert_eq!((m.min, m.max), (2, Some(5)));
    let w = typical_sample(Frequency::Weekly);
    assert_eq!((w.min, w.max), (5, Some(15)));
    let dly = typical_sample(Frequency::Daily);
    assert_eq!((dly.min, dly.max), (15, None));
    assert_eq!(per_event_sample(0), 0);
    assert_eq!(per_event_sample(2), 2, "never more than there were");
    assert_eq!(per_event_sample(12), 3, "at least 3");
    assert_eq!(per_event_sample(95), 10, "about 10%");
    assert_eq!(per_event_sample(1000), 30, "at most 30");
    assert!(SAMPLE_NOTE.contains("set by your auditor"));
}

#[test]
fn occurrences_fill_the_slot_they_fall_in() {
    let p = period("2026-01-01", "2026-06-30");
    let aid = Uuid::new_v4();
    let tick = |duty, on: &str| {
        NewOccurrence {
            duty,
            done_on: on.into(),
            evidence_id: None,
            note: String::new(),
        }
        .build(aid)
        .expect("occurrence")
    };
    let occ = vec![
        tick(Duty::AccessReview, "2026-03-28"),
        tick(Duty::AccessReview, "2025-12-15"),
        tick(Duty::RiskAssessment, "2026-02-01"),
        tick(Duty::Onboarding, "2026-04-02"),
    ];
    let cal = calendar(&p, &occ);
    assert_eq!(cal.months, 6);
    let access = cal
        .duties
        .iter()
        .find(|x| x.duty == Duty::AccessReview)
        .expect("access");
    assert_eq!(access.slots.len(), 2);
    assert_eq!(access.slots[0].label, "Months 1 to 3");
    assert_eq!(access.slots[0].done, vec![occ[0].id]);
    assert!(!access.slots[1].is_done());
    assert_eq!(access.slots_open, 1);
    assert_eq!(access.outside_window, vec![occ[1].id]);
    assert_eq!(access.occurrences.len(), 2);
    let risk = cal
        .duties
        .iter()
        .find(|x| x.duty == Duty::RiskAssessment)
        .expect("risk");
    assert_eq!(risk.slots_open, 0);
    let onboarding = cal
        .duties
        .iter()
        .find(|x| x.duty == Duty::Onboarding)
        .expect("onboarding");
    assert!(onboarding.slots.is_empty());
    assert_eq!(onboarding.occurrences.len(), 1);
    assert_eq!(onboarding.sample.frequency, Frequency::PerEvent);

    let bad = NewOccurrence {
        duty: Duty::AccessReview,
        done_on: "28/03/2026".into(),
        evidence_id: None,
        note: String::new(),
    }
    .build(aid)
    .expect_err("bad date");
    assert_eq!(bad.code(), "invalid_date");
    assert_eq!(
        Duty::parse("coffee").map_err(|e| e.code()),
        Err("unknown_duty")
    );
    for duty in Duty::ALL {
        assert_eq!(Duty::parse(duty.as_str()), Ok(duty));
    }
    assert_eq!(
        preflight_remediation::recurring::parse_duty("coffee").map_err(|e| e.code()),
        Err("unknown_duty")
    );
}

#[test]
fn the_calendar_has_every_duty_of_the_one_source() {
    let p = period("2027-02-24", "2027-08-23");
    let cal = calendar(&p, &[]);
    assert_eq!(cal.duties.len(), preflight_catalog::DUTIES.len());
    for (plan, spec) in cal.duties.iter().zip(preflight_catalog::DUTIES.iter()) {
        assert_eq!(plan.duty, spec.duty);
        assert_eq!(plan.label, spec.label);
        assert_eq!(plan.frequency, spec.frequency);
        assert_eq!(plan.every, spec.every);
        assert_eq!(plan.criteria, spec.criteria);
    }
    for duty in [
        Duty::VulnerabilityScan,
        Duty::ChangeApproval,
        Duty::PenTest,
        Duty::PolicyReview,
        Duty::BoardReview,
    ] {
        assert!(
            cal.duties.iter().any(|d| d.duty == duty),
            "{duty:?} missing"
        );
    }
    let scans = cal
        .duties
        .iter()
        .find(|d| d.duty == Duty::VulnerabilityScan)
        .expect("scans");
    assert_eq!(scans.expected, Expected::Count { occurrences: 6 });
    let changes = cal
        .duties
        .iter()
        .find(|d| d.duty == Duty::ChangeApproval)
        .expect("changes");
    assert_eq!(
        changes.expected,
        Expected::PerEvent {
            label: "per change"
        }
    );
    let risk = cal
        .duties
        .iter()
        .find(|d| d.duty == Duty::RiskAssessment)
        .expect("risk");
    assert!(risk.rule.contains("confirm with your auditor"));
    assert!(risk.rule.contains("within the 12 months before it ends"));
}

#[test]
fn a_yearly_duty_done_in_the_12_months_before_a_short_window_ends_counts() {
    let p = period("2027-02-24", "2027-08-23");
    let aid = Uuid::new_v4();
    let tick = |duty, on: &str| {
        NewOccurrence {
            duty,
            done_on: on.into(),
            evidence_id: None,
            note: String::new(),
        }
        .build(aid)
        .expect("occurrence")
    };
    // Before the window opens but within the 12 months before it ends: counts.
    let early = tick(Duty::RiskAssessment, "2026-09-01");
    // More than 12 months before the end: recorded, does not count.
    let stale = tick(Duty::PenTest, "2026-08-23");
    // Edge: exactly the first day of the 12 months before the end.
    let edge = tick(Duty::VendorReview, "2026-08-24");
    let cal = calendar(&p, &[early.clone(), stale.clone(), edge.clone()]);
    let plan = |duty| {
        cal.duties
            .iter()
            .find(|d| d.duty == duty)
            .expect("duty")
            .clone()
    };
    let risk = plan(Duty::RiskAssessment);
    assert_eq!(risk.slots_open, 0);
    assert!(risk.outside_window.is_empty());
    let pen = plan(Duty::PenTest);
    assert_eq!(pen.slots_open, 1);
    assert_eq!(pen.outside_window, vec![stale.id]);
    assert_eq!(plan(Duty::VendorReview).slots_open, 0);
    // A quarterly duty has no such reach: one done the day before the window fills nothing.
    let access = tick(Duty::AccessReview, "2027-02-23");
    let cal2 = calendar(&p, &[access.clone()]);
    let a = cal2
        .duties
        .iter()
        .find(|d| d.duty == Duty::AccessReview)
        .expect("access");
    assert_eq!(a.slots_open, 2);
    assert_eq!(a.outside_window, vec![access.id]);
}

#[test]
fn statuses_and_priorities_round_trip() {
    for s in TaskStatus::ALL {
        assert_eq!(TaskStatus::parse(s.as_str()), Ok(s));
        let json = serde_json::to_string(&s).expect("json");
        assert_eq!(json, format!("\"{}\"", s.as_str()));
    }
    for p in Priority::ALL {
        assert_eq!(Priority::parse(p.as_str()), Ok(p));
    }
    assert_eq!(
        TaskStatus::parse("finished").map_err(|e| e.code()),
        Err("invalid_status")
    );
}
