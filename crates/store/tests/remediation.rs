//! Remediation saved in the store: tasks and their history, people, versions, snapshots, the
//! projected date, recurring duties and evidence files.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use preflight_assessment::{
    AnswerValue, Assessment, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::evidence::hash_reader;
use preflight_remediation::recurring::{Duty, Expected};
use preflight_remediation::task::reanswer_prompt;
use preflight_remediation::{
    EvidenceTarget, FileState, NewOccurrence, NewTask, Projection, StatusRequest, Task, TaskEdit,
    TaskStatus,
};
use preflight_store::evidence::{delete_evidence_folder, AttachRequest};
use preflight_store::{Store, StoreError};
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn assessment(report_type: ReportType) -> Assessment {
    NewAssessment {
        name: None,
        company: "Acme".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type,
            categories: vec!["availability".into()],
            objectives: vec![],
            observation: (report_type == ReportType::Type2)
                .then(|| ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("period")),
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid")
}

fn setup(dir: &Path) -> (Store, Assessment) {
    let mut s = Store::open_dir(dir).expect("open");
    let a = assessment(ReportType::Type2);
    s.create_assessment(&a).expect("create");
    s.add_person(a.id, " Dana Ruiz ").expect("person");
    s.add_person(a.id, "Sam Lee").expect("person");
    (s, a)
}

fn gap_task(s: &mut Store, a: &Assessment, question: &str) -> Task {
    let q = catalog().question(question).expect("question");
    let mut n = NewTask::from_gap(q, &a.scope);
    n.owner = Some("dana ruiz".into());
    n.due = Some("2026-03-31".into());
    s.create_task(catalog(), a.id, n, d("2026-01-05"))
        .expect("task")
}

fn to(version: u32, status: TaskStatus) -> StatusRequest {
    StatusRequest {
        version,
        status,
        justification: None,
        accepted_by: None,
    }
}

fn edit(t: &Task) -> TaskEdit {
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
fn a_task_and_its_history_survive_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    assert_eq!(
        s.people(a.id).expect("people").names(),
        ["Dana Ruiz", "Sam Lee"]
    );
    let t = gap_task(&mut s, &a, "cc6-mfa");
    assert_eq!(t.owner.as_deref(), Some("Dana Ruiz"));
    let t = s
        .set_task_status(t.id, to(1, TaskStatus::InProgress), d("2026-01-06"))
        .expect("start");
    let t = s
        .set_task_status(t.id, to(2, TaskStatus::Done), d("2026-02-10"))
        .expect("done");
    let prompt = reanswer_prompt(&t, catalog()).expect("offer to re-answer");
    assert_eq!(prompt.question_id, "cc6-mfa");
    drop(s);

    let s = Store::open_dir(dir.path()).expect("reopen");
    let saved = s.task(t.id).expect("task");
    assert_eq!(saved, t);
    let history: Vec<(TaskStatus, NaiveDate)> =
        saved.history.iter().map(|h| (h.status, h.on)).collect();
    assert_eq!(
        history,
        vec![
            (TaskStatus::Todo, d("2026-01-05")),
            (TaskStatus::InProgress, d("2026-01-06")),
            (TaskStatus::Done, d("2026-02-10")),
        ]
    );
    assert_eq!(saved.version, 3);
    assert!(!saved.criteria.is_empty());
    assert_eq!(s.tasks(a.id).expect("tasks"), vec![t]);
}

#[test]
fn risk_acceptance_is_saved_only_with_justification_and_acceptor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let t = gap_task(&mut s, &a, "cc6-mfa");
    let mut r = to(1, TaskStatus::RiskAccepted);
    r.accepted_by = Some("Dana Ruiz".into());
    let e = s
        .set_task_status(t.id, r.clone(), d("2026-01-07"))
        .expect_err("no justification");
    assert_eq!(e.code(), "risk_justification_missing");
    r.justification = Some("Compensating control: VPN with hardware keys.".into());
    r.accepted_by = None;
    let e = s
        .set_task_status(t.id, r.clone(), d("2026-01-07"))
        .expect_err("no acceptor");
    assert_eq!(e.code(), "risk_acceptor_missing");
    assert_eq!(s.task(t.id).expect("task"), t, "refusals change nothing");
    r.accepted_by = Some("Dana Ruiz".into());
    let accepted = s
        .set_task_status(t.id, r, d("2026-01-07"))
        .expect("accepted");
    let saved = s.task(t.id).expect("task");
    assert_eq!(saved, accepted);
    assert_eq!(
        saved.risk.as_ref().map(|x| x.accepted_by.as_str()),
        Some("Dana Ruiz")
    );
    assert!(saved
        .history
        .last()
        .and_then(|h| h.risk.as_ref())
        .is_some_and(|x| x.justification.contains("VPN")));
}

#[test]
fn owner_and_due_date_are_checked_before_saving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let q = catalog().question("cc6-mfa").expect("question");
    let mut n = NewTask::from_gap(q, &a.scope);
    n.owner = Some("Alex".into());
    assert_eq!(
        s.create_task(catalog(), a.id, n.clone(), d("2026-01-05"))
            .map_err(|e| e.code()),
        Err("unknown_person")
    );
    n.owner = None;
    n.due = Some("03/31/2026".into());
    let e = s
        .create_task(catalog(), a.id, n, d("2026-01-05"))
        .expect_err("bad date");
    assert_eq!(e.code(), "invalid_due_date");
    assert!(e.to_string().contains("YYYY-MM-DD"));
    assert!(s.tasks(a.id).expect("tasks").is_empty());

    assert_eq!(
        s.add_person(a.id, "   ").map_err(|e| e.code()),
        Err("empty_person_name")
    );
    assert_eq!(
        s.add_person(a.id, "SAM LEE").map_err(|e| e.code()),
        Err("duplicate_person")
    );
    // A person who owns a task cannot be removed; one who owns none can.
    let _t = gap_task(&mut s, &a, "cc6-mfa");
    assert_eq!(
        s.remove_person(a.id, "Dana Ruiz").map_err(|e| e.code()),
        Err("person_owns_tasks")
    );
    s.remove_person(a.id, " sam lee ").expect("remove");
    assert_eq!(s.people(a.id).expect("people").names(), ["Dana Ruiz"]);
}

#[test]
fn a_stale_version_is_refused_and_the_first_edit_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let t = gap_task(&mut s, &a, "cc6-mfa");
    // Two windows open the same task at version 1.
    let mut window_a = edit(&t);
    let mut window_b = edit(&t);
    window_a.notes = "Okta enforced for all staff".into();
    window_a.owner = Some("Sam Lee".into());
    let saved = s.update_task(t.id, window_a).expect("first save");
    assert_eq!(saved.version, 2);
    window_b.notes = "Typed in the second window".into();
    window_b.due = Some("2026-12-31".into());
    let e = s.update_task(t.id, window_b).expect_err("stale");
    assert_eq!(e.code(), "stale_version");
    assert!(e.to_string().contains("changed elsewhere"), "{e}");
    let now = s.task(t.id).expect("task");
    assert_eq!(now, saved, "nothing from the second window was written");
    assert_eq!(now.notes, "Okta enforced for all staff");
    // A status change on the old version is refused too, and so is deleting.
    assert_eq!(
        s.set_task_status(t.id, to(1, TaskStatus::Done), d("2026-01-09"))
            .map_err(|e| e.code()),
        Err("stale_version")
    );
    assert_eq!(
        s.delete_task(t.id, 1).map_err(|e| e.code()),
        Err("stale_version")
    );
    assert_eq!(s.task(t.id).expect("task"), saved);
    s.delete_task(t.id, 2).expect("delete");
    assert_eq!(s.task(t.id).map_err(|e| e.code()), Err("unknown_task"));
}

#[test]
fn answering_yes_closes_open_tasks_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let t1 = gap_task(&mut s, &a, "cc6-mfa");
    let t2 = gap_task(&mut s, &a, "cc6-mfa");
    let other = gap_task(&mut s, &a, "a1-backups-restored");
    s.set_task_status(t2.id, to(1, TaskStatus::Done), d("2026-01-20"))
        .expect("done");
    s.save_answer(catalog(), a.id, "cc6-mfa", Some(AnswerValue::Yes), "")
        .expect("answer");
    // Answering changes no task by itself.
    let open = s.open_tasks_for_question(a.id, "cc6-mfa").expect("open");
    assert_eq!(open.iter().map(|t| t.id).collect::<Vec<_>>(), vec![t1.id]);
    // The user confirmed: close them.
    let closed = s
        .close_tasks_for_question(a.id, "cc6-mfa", d("2026-02-01"))
        .expect("close");
    assert_eq!(closed.len(), 1);
    assert_eq!(s.task(t1.id).expect("t1").status, TaskStatus::Done);
    assert_eq!(
        s.task(t1.id).expect("t1").history.last().map(|h| h.on),
        Some(d("2026-02-01"))
    );
    assert_eq!(s.task(other.id).expect("other").status, TaskStatus::Todo);
    assert!(s
        .open_tasks_for_question(a.id, "cc6-mfa")
        .expect("open")
        .is_empty());
}

#[test]
fn snapshots_keep_one_per_day_in_date_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let c = catalog();
    s.take_snapshot(c, a.id, d("2026-02-03")).expect("snap");
    s.take_snapshot(c, a.id, d("2026-02-01")).expect("snap");
    let before = s.take_snapshot(c, a.id, d("2026-02-02")).expect("snap");
    assert_eq!(before.overall, Some(0.0));
    // Later the same day: an answer and a task, then a second snapshot replaces the first.
    s.save_answer(c, a.id, "cc6-mfa", Some(AnswerValue::Yes), "")
        .expect("answer");
    gap_task(&mut s, &a, "a1-backups-restored");
    let after = s.take_snapshot(c, a.id, d("2026-02-02")).expect("again");
    let history = s.snapshot_history(a.id).expect("history");
    let days: Vec<NaiveDate> = history.iter().map(|x| x.taken_on).collect();
    assert_eq!(
        days,
        vec![d("2026-02-01"), d("2026-02-02"), d("2026-02-03")]
    );
    assert_eq!(history[1], after);
    assert!(after.overall > before.overall);
    assert_eq!(after.tasks.todo, 1);
    assert_eq!(before.gaps.total(), after.gaps.total() + 1);
}

#[test]
fn projected_date_comes_from_saved_gaps_and_tasks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let c = catalog();
    // Every question Yes except one high gap.
    for q in a.scope.questions(c) {
        let v = if q.id == "cc6-mfa" {
            AnswerValue::No
        } else {
            AnswerValue::Yes
        };
        s.save_answer(c, a.id, &q.id, Some(v), "").expect("answer");
    }
    let p = s
        .projected_ready_date(c, a.id, d("2026-02-01"))
        .expect("projection");
    assert_eq!(
        p.projection,
        Projection::NoDate {
            gaps_without_task: vec!["cc6-mfa".into()],
            tasks_without_due_date: vec![],
        }
    );
    let t = gap_task(&mut s, &a, "cc6-mfa");
    let p = s
        .projected_ready_date(c, a.id, d("2026-02-01"))
        .expect("projection");
    assert_eq!(
        p.projection,
        Projection::Date {
            date: d("2026-03-31")
        }
    );
    let p = s
        .projected_ready_date(c, a.id, d("2026-04-01"))
        .expect("projection");
    assert_eq!(
        p.projection,
        Projection::PastDue {
            latest_due: d("2026-03-31"),
            overdue_tasks: vec![t.id],
        }
    );
}

#[test]
fn recurring_duties_are_ticked_off_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    let o = s
        .record_duty(
            a.id,
            NewOccurrence {
                duty: Duty::AccessReview,
                done_on: "2026-03-30".into(),
                evidence_id: None,
                note: "Q1 review in Okta".into(),
            },
        )
        .expect("tick");
    let bad = s.record_duty(
        a.id,
        NewOccurrence {
            duty: Duty::AccessReview,
            done_on: "2026-3-30".into(),
            evidence_id: None,
            note: String::new(),
        },
    );
    assert_eq!(bad.map_err(|e| e.code()), Err("invalid_date"));
    let with_ghost_evidence = s.record_duty(
        a.id,
        NewOccurrence {
            duty: Duty::VendorReview,
            done_on: "2026-03-30".into(),
            evidence_id: Some(Uuid::new_v4()),
            note: String::new(),
        },
    );
    assert_eq!(
        with_ghost_evidence.map_err(|e| e.code()),
        Err("unknown_evidence")
    );
    drop(s);
    let mut s = Store::open_dir(dir.path()).expect("reopen");
    assert_eq!(s.duty_occurrences(a.id).expect("list"), vec![o.clone()]);
    let cal = s.duty_calendar(a.id).expect("calendar");
    let access = cal
        .duties
        .iter()
        .find(|p| p.duty == Duty::AccessReview)
        .expect("access review");
    assert_eq!(access.expected, Expected::Count { occurrences: 2 });
    assert_eq!(access.slots[0].done, vec![o.id]);
    assert_eq!(access.slots_open, 1);
    s.remove_duty_occurrence(o.id).expect("untick");
    assert!(s.duty_occurrences(a.id).expect("list").is_empty());
    assert_eq!(
        s.remove_duty_occurrence(o.id).map_err(|e| e.code()),
        Err("unknown_occurrence")
    );

    let t1 = assessment(ReportType::Type1);
    s.create_assessment(&t1).expect("type 1");
    assert_eq!(
        s.duty_calendar(t1.id).map_err(|e| e.code()),
        Err("no_observation_period")
    );
}

#[test]
fn every_duty_of_the_one_source_is_stored_and_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, a) = setup(dir.path());
    // Duties the calendar did not have before (issue 11): stored like the others.
    for (duty, on) in [
        (Duty::PenTest, "2025-09-15"),
        (Duty::VulnerabilityScan, "2026-01-20"),
        (Duty::ChangeApproval, "2026-02-03"),
        (Duty::PolicyReview, "2026-05-01"),
        (Duty::BoardReview, "2026-06-30"),
    ] {
        s.record_duty(
            a.id,
            NewOccurrence {
                duty,
                done_on: on.into(),
                evidence_id: None,
                note: String::new(),
            },
        )
        .expect("recorded");
    }
    drop(s);
    let s = Store::open_dir(dir.path()).expect("reopen");
    let cal = s.duty_calendar(a.id).expect("calendar");
    assert_eq!(cal.duties.len(), Duty::ALL.len());
    let plan = |duty| cal.duties.iter().find(|p| p.duty == duty).expect("duty");
    // A pen test in the 12 months before a 6-month window ends counts for it.
    assert_eq!(plan(Duty::PenTest).slots_open, 0);
    assert!(plan(Duty::PenTest).outside_window.is_empty());
    let scans = plan(Duty::VulnerabilityScan);
    assert_eq!(scans.expected, Expected::Count { occurrences: 6 });
    assert_eq!(scans.slots_open, 5);
    assert_eq!(
        plan(Duty::ChangeApproval).expected,
        Expected::PerEvent {
            label: "per change"
        }
    );
    assert_eq!(plan(Duty::PolicyReview).slots_open, 0);
    assert_eq!(
        plan(Duty::BoardReview).slots_open,
        0,
        "the window's last day"
    );
}

// ---- evidence ----

fn write_file(path: &Path, len: usize) -> Vec<u8> {
    let data: Vec<u8> = (0..len).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(path, &data).expect("write");
    data
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p.display().to_string());
            }
        }
    }
    out
}

fn attach(
    s: &mut Store,
    data_dir: &Path,
    a: &Assessment,
    source: &Path,
    target: EvidenceTarget,
) -> Result<preflight_remediation::Evidence, StoreError> {
    s.attach_evidence(
        catalog(),
        data_dir,
        &AttachRequest {
            assessment_id: a.id,
            target,
            source: source.to_path_buf(),
            collected_on: d("2026-02-14"),
        },
        &mut |_, _| {},
    )
}

fn on_question(q: &str) -> EvidenceTarget {
    EvidenceTarget::Question {
        question_id: q.into(),
    }
}

#[test]
fn a_large_file_is_copied_hashed_and_reported_as_it_goes() {
    let data_dir = tempfile::tempdir().expect("data");
    let outside = tempfile::tempdir().expect("outside");
    let (mut s, a) = setup(data_dir.path());
    let source = outside.path().join("Access review Q1 (final).pdf");
    let len = 5 * 1024 * 1024 + 12_345;
    let data = write_file(&source, len);
    let mut calls: Vec<(u64, u64)> = Vec::new();
    let e = s
        .attach_evidence(
            catalog(),
            data_dir.path(),
            &AttachRequest {
                assessment_id: a.id,
                target: on_question("cc6-mfa"),
                source: source.clone(),
                collected_on: d("2026-02-14"),
            },
            &mut |done, total| calls.push((done, total)),
        )
        .expect("attach");
    let n = len as u64;
    assert!(calls.len() >= 6, "one call per MiB at least: {calls:?}");
    assert_eq!(calls.first(), Some(&(0, n)));
    assert_eq!(calls.last(), Some(&(n, n)));
    assert!(
        calls.windows(2).all(|w| w[0].0 <= w[1].0),
        "never goes back"
    );
    assert!(calls
        .iter()
        .all(|&(done, total)| done <= total && total == n));

    assert_eq!(e.size, n);
    assert_eq!(e.original_name, "Access review Q1 (final).pdf");
    assert_eq!(
        e.stored_path,
        format!("evidence/{}/{}-Access_review_Q1_final_.pdf", a.id, e.id)
    );
    let expected = hash_reader(&mut &data[..], &mut |_| {}).expect("hash");
    assert_eq!(e.sha256, expected.sha256);
    let stored = data_dir
        .path()
        .join("evidence")
        .join(a.id.to_string())
        .join(format!("{}-Access_review_Q1_final_.pdf", e.id));
    assert_eq!(std::fs::read(&stored).expect("stored"), data);
    assert_eq!(
        std::fs::read(&source).expect("source"),
        data,
        "source untouched"
    );
    assert_eq!(
        files_under(&data_dir.path().join("evidence")).len(),
        1,
        "no temporary file left"
    );
    assert_eq!(e.collected_on, d("2026-02-14"));
    assert_eq!(e.question_id.as_deref(), Some("cc6-mfa"));
    assert_eq!(s.evidence(a.id).expect("list"), vec![e.clone()]);
    assert_eq!(s.evidence_item(e.id).expect("item"), e);
}

#[test]
fn a_missing_source_is_refused_and_nothing_is_written() {
    let data_dir = tempfile::tempdir().expect("data");
    let (mut s, a) = setup(data_dir.path());
    let missing = data_dir.path().join("no-such-file.pdf");
    let e = attach(
        &mut s,
        data_dir.path(),
        &a,
        &missing,
        on_question("cc6-mfa"),
    )
    .expect_err("missing");
    assert_eq!(e.code(), "evidence_source_missing");
    assert!(e.to_string().contains("could not be found"), "{e}");
    let folder = attach(
        &mut s,
        data_dir.path(),
        &a,
        data_dir.path(),
        on_question("cc6-mfa"),
    )
    .expect_err("folder");
    assert_eq!(folder.code(), "evidence_source_not_a_file");
    assert!(s.evidence(a.id).expect("list").is_empty());
    assert!(files_under(&data_dir.path().join("evidence")).is_empty());

    // An unknown target is refused before anything is copied.
    let src = data_dir.path().join("real.txt");
    write_file(&src, 10);
    let bad_target = attach(
        &mut s,
        data_dir.path(),
        &a,
        &src,
        EvidenceTarget::Task {
            task_id: Uuid::new_v4(),
        },
    )
    .expect_err("no task");
    assert_eq!(bad_target.code(), "unknown_task");
    assert!(files_under(&data_dir.path().join("evidence")).is_empty());
}

#[test]
fn verification_finds_tampered_and_missing_files() {
    let data_dir = tempfile::tempdir().expect("data");
    let outside = tempfile::tempdir().expect("outside");
    let (mut s, a) = setup(data_dir.path());
    let t = gap_task(&mut s, &a, "cc6-mfa");
    let mut attached = Vec::new();
    for (i, name) in ["policy.pdf", "screenshot.png", "export.csv"]
        .iter()
        .enumerate()
    {
        let src = outside.path().join(name);
        write_file(&src, 1000 + i);
        let target = if i == 1 {
            EvidenceTarget::Task { task_id: t.id }
        } else {
            on_question("cc6-mfa")
        };
        attached.push(attach(&mut s, data_dir.path(), &a, &src, target).expect("attach"));
    }
    let report = s
        .verify_evidence(data_dir.path(), a.id, &mut |_, _| {})
        .expect("verify");
    assert_eq!((report.checked, report.intact), (3, 3));
    assert!(report.all_intact());

    // Tamper with one (same size, one byte changed) and delete another.
    let path = |e: &preflight_remediation::Evidence| data_dir.path().join(&e.stored_path);
    let mut bytes = std::fs::read(path(&attached[0])).expect("read");
    bytes[10] ^= 0xff;
    std::fs::write(path(&attached[0]), &bytes).expect("tamper");
    std::fs::remove_file(path(&attached[2])).expect("delete");

    let mut last = (0, 0);
    let report = s
        .verify_evidence(data_dir.path(), a.id, &mut |d, t| last = (d, t))
        .expect("verify");
    assert_eq!(report.checked, 3);
    assert_eq!(report.intact, 1);
    assert_eq!(report.tampered.len(), 1);
    assert_eq!(report.tampered[0].evidence.id, attached[0].id);
    assert!(matches!(
        &report.tampered[0].state,
        FileState::Tampered { sha256, size } if *sha256 != attached[0].sha256 && *size == attached[0].size
    ));
    assert_eq!(report.missing.len(), 1);
    assert_eq!(report.missing[0].evidence.id, attached[2].id);
    assert!(!report.all_intact());
    assert_eq!(last.0, last.1, "progress ends at the total");
}

#[test]
fn removal_deletes_the_file_and_keeps_a_record() {
    let data_dir = tempfile::tempdir().expect("data");
    let (mut s, a) = setup(data_dir.path());
    let t = gap_task(&mut s, &a, "cc6-mfa");
    let src = data_dir.path().join("ticket.txt");
    write_file(&src, 2048);
    let e = attach(
        &mut s,
        data_dir.path(),
        &a,
        &src,
        EvidenceTarget::Task { task_id: t.id },
    )
    .expect("attach");
    // A task with evidence in use cannot be deleted.
    assert_eq!(
        s.delete_task(t.id, t.version).map_err(|e| e.code()),
        Err("task_has_evidence")
    );
    let removed = s.remove_evidence(data_dir.path(), e.id).expect("remove");
    assert!(removed.removed_at.is_some());
    assert!(!data_dir.path().join(&e.stored_path).exists());
    assert!(s.evidence(a.id).expect("list").is_empty());
    let kept = s.removed_evidence(a.id).expect("removed");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].original_name, "ticket.txt");
    assert_eq!(kept[0].sha256, e.sha256);
    assert_eq!(kept[0].removed_at, removed.removed_at);
    // Removing twice changes nothing; verification skips removed evidence.
    assert_eq!(
        s.remove_evidence(data_dir.path(), e.id)
            .expect("again")
            .removed_at,
        removed.removed_at
    );
    let report = s
        .verify_evidence(data_dir.path(), a.id, &mut |_, _| {})
        .expect("verify");
    assert_eq!(report.checked, 0);
    // Now the task can go; the removed record stays, its task link cleared.
    s.delete_task(t.id, t.version).expect("delete task");
    let kept = s.removed_evidence(a.id).expect("removed");
    assert_eq!(kept[0].task_id, None);
}

#[test]
fn deleting_an_assessment_takes_its_remediation_with_it() {
    let data_dir = tempfile::tempdir().expect("data");
    let (mut s, a) = setup(data_dir.path());
    let t = gap_task(&mut s, &a, "cc6-mfa");
    let src = data_dir.path().join("proof.txt");
    write_file(&src, 64);
    let e = attach(
        &mut s,
        data_dir.path(),
        &a,
        &src,
        EvidenceTarget::Task { task_id: t.id },
    )
    .expect("attach");
    s.record_duty(
        a.id,
        NewOccurrence {
            duty: Duty::RiskAssessment,
            done_on: "2026-02-01".into(),
            evidence_id: Some(e.id),
            note: String::new(),
        },
    )
    .expect("tick");
    s.take_snapshot(catalog(), a.id, d("2026-02-01"))
        .expect("snapshot");
    s.save_answer(catalog(), a.id, "cc6-mfa", Some(AnswerValue::No), "")
        .expect("answer");
    s.save_answer(catalog(), a.id, "a1-backups-restored", None, "ask ops")
        .expect("a note is kept too");
    s.save_review(
        catalog(),
        a.id,
        "returned.xlsx",
        &[preflight_store::review::NewComment {
            question_id: "cc6-mfa".into(),
            comment: "Show the MFA report".into(),
            status: Some("needs_evidence".into()),
        }],
    )
    .expect("comment");
    let starters: Vec<String> = preflight_risks::starter_risks()
        .expect("starters")
        .iter()
        .take(2)
        .map(|x| x.id.clone())
        .collect();
    s.adopt_starter_risks(catalog(), a.id, &starters, None, d("2026-02-01"))
        .expect("risks");
    let other = assessment(ReportType::Type2);
    s.create_assessment(&other).expect("other");
    s.add_person(other.id, "Dana Ruiz")
        .expect("same name elsewhere");

    // What the delete confirmation names, counted.
    let c = s.assessment_contents(a.id).expect("contents");
    assert_eq!(
        (c.answers, c.tasks, c.evidence_files, c.auditor_comments),
        (2, 1, 1, 1)
    );
    assert_eq!((c.duty_records, c.risks, c.people), (1, 2, 2));
    assert_eq!(
        (
            c.vendors,
            c.policies,
            c.customer_controls,
            c.description_entries,
            c.request_items
        ),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(
        s.assessment_contents(other.id).expect("other").people,
        1,
        "counted per assessment"
    );

    s.delete_assessment(a.id).expect("delete");
    assert_eq!(
        s.assessment_contents(a.id).map_err(|e| e.code()),
        Err("unknown_assessment")
    );
    delete_evidence_folder(data_dir.path(), a.id).expect("folder");
    assert!(!data_dir
        .path()
        .join("evidence")
        .join(a.id.to_string())
        .exists());
    assert_eq!(s.task(t.id).map_err(|e| e.code()), Err("unknown_task"));
    assert_eq!(
        s.evidence_item(e.id).map_err(|e| e.code()),
        Err("unknown_evidence")
    );
    assert_eq!(
        s.tasks(a.id).map_err(|e| e.code()),
        Err("unknown_assessment")
    );
    assert_eq!(
        s.people(other.id).expect("people").names(),
        ["Dana Ruiz"],
        "other assessments are untouched"
    );
}

#[test]
fn the_task_page_is_the_listing_of_every_task_with_the_page_tasks_history() {
    use preflight_remediation::listing::{task_page, TaskQuery, TaskSort};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open_dir(dir.path()).expect("open");
    let id = preflight_fixtures::seed_large(&mut s, catalog(), 240, 10).expect("seed");
    let today = d("2025-09-01");
    let all = s.tasks(id).expect("tasks");
    assert!(
        all.iter().any(|t| t.history.len() > 1),
        "some tasks changed status"
    );
    let queries = [
        TaskQuery::default(),
        TaskQuery {
            sort: TaskSort::Status,
            page: 1,
            page_size: 25,
            ..TaskQuery::default()
        },
        TaskQuery {
            search: "access".into(),
            overdue: true,
            sort: TaskSort::Owner,
            ..TaskQuery::default()
        },
        TaskQuery {
            status: Some(TaskStatus::Done),
            sort: TaskSort::Title,
            page: 99,
            page_size: 10,
            ..TaskQuery::default()
        },
    ];
    for q in &queries {
        let page = s.task_page(id, q, today).expect("page");
        assert_eq!(page, task_page(&all, q, today), "{q:?}");
        assert!(page.page.items.iter().all(|t| !t.history.is_empty()));
    }
    let unknown = s.task_page(Uuid::new_v4(), &TaskQuery::default(), today);
    assert!(
        matches!(unknown, Err(StoreError::UnknownAssessment(_))),
        "{unknown:?}"
    );
}

/// The read-only connection keeps the task list between pages, but a change made through
/// the writer, or through another connection to the file (the CLI beside the window), is
/// on the next page it gives.
#[test]
fn the_reader_s_task_pages_follow_every_change_to_the_file() {
    use preflight_remediation::listing::{TaskQuery, TaskSort};
    use preflight_remediation::Priority;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open_dir(dir.path()).expect("open");
    let id = preflight_fixtures::seed_large(&mut s, catalog(), 60, 0).expect("seed");
    let other = preflight_fixtures::seed_large(&mut s, catalog(), 7, 0).expect("seed");
    let reader = s.reader().expect("reader").expect("a file has a reader");
    let today = d("2025-09-01");
    let q = TaskQuery {
        sort: TaskSort::Title,
        page_size: 1_000,
        ..TaskQuery::default()
    };
    let same = |s: &Store, reader: &Store, id: Uuid| {
        let page = reader.task_page(id, &q, today).expect("reader's page");
        assert_eq!(page, s.task_page(id, &q, today).expect("writer's page"));
        page
    };
    let first = same(&s, &reader, id);
    assert_eq!(first.page.total, 60);
    assert_eq!(same(&s, &reader, id), first, "kept while nothing changed");

    // An edit through the writer.
    let t = first.page.items[0].clone();
    s.update_task(
        t.id,
        TaskEdit {
            version: t.version,
            title: "Zz renamed".into(),
            priority: t.priority,
            owner: t.owner.clone(),
            due: t.due.map(|d| d.to_string()),
            notes: t.notes.clone(),
        },
    )
    .expect("edit");
    let page = same(&s, &reader, id);
    assert_eq!(page.page.items[59].title, "Zz renamed");

    // Another assessment through the same reader, then the first again.
    assert_eq!(same(&s, &reader, other).page.total, 7);
    assert_eq!(same(&s, &reader, id), page);

    // A task added and one deleted by a second connection to the file.
    let mut cli = Store::open_dir(dir.path()).expect("a second connection");
    let added = cli
        .create_task(
            catalog(),
            id,
            NewTask {
                title: "Aa added elsewhere".into(),
                question_id: None,
                criteria: vec![],
                priority: Priority::High,
                owner: None,
                due: None,
                notes: String::new(),
            },
            today,
        )
        .expect("create");
    let gone = page.page.items[1].clone();
    cli.delete_task(gone.id, gone.version).expect("delete");
    let page = same(&s, &reader, id);
    assert_eq!(page.page.total, 60);
    assert_eq!(page.page.items[0].id, added.id);
    assert!(page.page.items.iter().all(|t| t.id != gone.id));
}

#[test]
fn task_titles_are_every_task_in_creation_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open_dir(dir.path()).expect("open");
    let id = preflight_fixtures::seed_large(&mut s, catalog(), 30, 0).expect("seed");
    let titles: Vec<(Uuid, String)> = s
        .tasks(id)
        .expect("tasks")
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    assert_eq!(titles.len(), 30);
    assert_eq!(s.task_titles(id).expect("titles"), titles);
    assert!(s.task_titles(Uuid::new_v4()).is_err());
}

mod reader_follows_random_changes {
    //! Any run of changes, through the app's writer or through a second connection (the CLI),
    //! looked at by the reader now and then: its page is the writer's page every time. The
    //! reader reads again only the tasks changed (`kept_tasks`), so this is what proves it
    //! misses none: edits, status changes, deletions, additions here and in another
    //! assessment, and a person's new name carried to their tasks.
    use super::*;
    use preflight_people::PersonInput;
    use preflight_remediation::listing::{TaskQuery, TaskSort};
    use preflight_remediation::Priority;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Change {
        Add { elsewhere: bool },
        Edit(usize),
        Status(usize, u8),
        Delete(usize),
        Rename,
        AddPerson,
        Look,
    }

    fn change() -> impl Strategy<Value = (Change, bool)> {
        let c = prop_oneof![
            2 => any::<bool>().prop_map(|elsewhere| Change::Add { elsewhere }),
            3 => any::<usize>().prop_map(Change::Edit),
            2 => (any::<usize>(), 0u8..3).prop_map(|(i, s)| Change::Status(i, s)),
            1 => any::<usize>().prop_map(Change::Delete),
            1 => Just(Change::Rename),
            1 => Just(Change::AddPerson),
            3 => Just(Change::Look),
        ];
        // Through the second connection or the writer.
        (c, any::<bool>())
    }

    fn all() -> TaskQuery {
        TaskQuery {
            sort: TaskSort::Title,
            page_size: 10_000,
            ..TaskQuery::default()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        #[test]
        fn the_reader_s_page_is_the_writer_s(changes in prop::collection::vec(change(), 1..25)) {
            let today = d("2026-03-01");
            let dir = tempfile::tempdir().expect("tempdir");
            let (mut app, a) = setup(dir.path());
            let (_, other) = {
                let o = assessment(ReportType::Type1);
                app.create_assessment(&o).expect("other");
                ((), o)
            };
            let mut cli = Store::open_dir(dir.path()).expect("a second connection");
            let reader = app.reader().expect("reader").expect("a file has a reader");
            let mut owner = "Dana Ruiz".to_string();
            let mut n = 0;
            for _ in 0..8 {
                n += 1;
                let mut t = NewTask::from_gap(catalog().question("cc6-mfa").expect("q"), &a.scope);
                t.title = format!("Seeded {n}");
                t.owner = Some(owner.clone());
                app.create_task(catalog(), a.id, t, today).expect("seed");
            }
            prop_assert_eq!(
                reader.task_page(a.id, &all(), today).expect("page"),
                app.task_page(a.id, &all(), today).expect("page")
            );
            for (c, through_cli) in changes {
                let s = if through_cli { &mut cli } else { &mut app };
                let tasks = s.tasks(a.id).expect("tasks");
                let pick = |i: usize| (!tasks.is_empty()).then(|| tasks[i % tasks.len()].clone());
                match c {
                    Change::Add { elsewhere } => {
                        n += 1;
                        let (id, criteria) = match elsewhere {
                            true => (other.id, vec![]),
                            false => (a.id, vec!["A1.2".to_string(), "CC7.1".to_string()]),
                        };
                        let new = NewTask {
                            title: format!("Added {n}"),
                            question_id: None,
                            criteria,
                            priority: Priority::Low,
                            owner: (!elsewhere).then(|| owner.clone()),
                            due: Some("2026-06-30".into()),
                            notes: String::new(),
                        };
                        s.create_task(catalog(), id, new, today).expect("add");
                    }
                    Change::Edit(i) => if let Some(t) = pick(i) {
                        let edit = TaskEdit {
                            version: t.version,
                            title: format!("{} (edited)", t.title),
                            priority: Priority::High,
                            owner: None,
                            due: None,
                            notes: "edited".into(),
                        };
                        s.update_task(t.id, edit).expect("edit");
                    },
                    Change::Status(i, k) => if let Some(t) = pick(i) {
                        let status = [TaskStatus::InProgress, TaskStatus::Done, TaskStatus::Todo][k as usize];
                        if status != t.status {
                            let req = StatusRequest {
                                version: t.version,
                                status,
                                justification: None,
                                accepted_by: None,
                            };
                            s.set_task_status(t.id, req, today).expect("status");
                        }
                    },
                    Change::Delete(i) => if let Some(t) = pick(i) {
                        s.delete_task(t.id, t.version).expect("delete");
                    },
                    Change::Rename => {
                        let p = s.person(a.id, &owner).expect("owner");
                        let next = format!("{owner}+");
                        let input = PersonInput { name: next.clone(), ..PersonInput::default() };
                        s.update_person(a.id, &owner, p.version, &input, today).expect("rename");
                        owner = next;
                    }
                    Change::AddPerson => {
                        n += 1;
                        s.add_person(a.id, &format!("Person {n}")).expect("person");
                    }
                    Change::Look => {
                        prop_assert_eq!(
                            reader.task_page(a.id, &all(), today).expect("page"),
                            app.task_page(a.id, &all(), today).expect("page")
                        );
                    }
                }
            }
            prop_assert_eq!(
                reader.task_page(a.id, &all(), today).expect("page"),
                app.task_page(a.id, &all(), today).expect("page")
            );
        }
    }
}
