//! The workbook's remediation sheets, from a real store: tasks made from gaps (one overdue,
//! one risk accepted, one done), evidence attached through the store (one removed), recurring
//! duties ticked off for a Type 2 assessment, written by `preflight_cli::write_workbook` and
//! read back with calamine.

use std::path::Path;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use chrono::{NaiveDate, Utc};
use preflight_assessment::{
    AnswerValue, Assessment, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::evidence::hash_reader;
use preflight_remediation::{
    Duty, Evidence, EvidenceTarget, NewOccurrence, NewTask, StatusRequest, Task, TaskStatus,
};
use preflight_store::evidence::AttachRequest;
use preflight_store::Store;
use preflight_workbook::remediation::short_id;
use preflight_workbook::{
    evidence_sheet, gap_register_sheet, recurring_sheet, remediation_sheet, sheet_names,
    COVER_SHEET, EVIDENCE_SHEET, GAP_REGISTER_SHEET, QUESTIONNAIRE_SHEET, READINESS_SHEET,
    RECURRING_SHEET, REMEDIATION_SHEET,
};

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn new_assessment(report_type: ReportType) -> Assessment {
    NewAssessment {
        name: Some("Remediation workbook".into()),
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

fn task(
    s: &mut Store,
    a: &Assessment,
    question: &str,
    owner: &str,
    due: &str,
    notes: &str,
) -> Task {
    let q = catalog().question(question).expect("question");
    let mut n = NewTask::from_gap(q, &a.scope);
    n.owner = Some(owner.into());
    n.due = Some(due.into());
    n.notes = notes.into();
    s.create_task(catalog(), a.id, n, d("2026-01-10"))
        .expect("task")
}

fn status(s: &mut Store, t: &Task, to: TaskStatus, on: &str, why: Option<&str>) -> Task {
    s.set_task_status(
        t.id,
        StatusRequest {
            version: t.version,
            status: to,
            justification: why.map(str::to_string),
            accepted_by: why.map(|_| "Dana Ruiz".to_string()),
        },
        d(on),
    )
    .expect("status")
}

fn attach(
    s: &mut Store,
    data: &Path,
    a: &Assessment,
    name: &str,
    bytes: &[u8],
    target: EvidenceTarget,
) -> Evidence {
    let src_dir = tempfile::tempdir().expect("tempdir");
    let source = src_dir.path().join(name);
    std::fs::write(&source, bytes).expect("source file");
    s.attach_evidence(
        catalog(),
        data,
        &AttachRequest {
            assessment_id: a.id,
            target,
            source,
            collected_on: d("2026-02-14"),
        },
        &mut |_, _| {},
    )
    .expect("attach")
}

fn question_target(q: &str) -> EvidenceTarget {
    EvidenceTarget::Question {
        question_id: q.into(),
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn date_of(d: &Data) -> Option<NaiveDate> {
    match d {
        Data::DateTime(x) => x.as_datetime().map(|t| t.date()),
        _ => None,
    }
}

fn header(r: &Range<Data>, row: usize) -> Vec<String> {
    r.rows()
        .nth(row)
        .expect("header")
        .iter()
        .map(text)
        .collect()
}

fn names(columns: &[(&str, f64)]) -> Vec<String> {
    columns.iter().map(|c| c.0.to_string()).collect()
}

/// The row whose cell in `col` reads `value`.
fn row_where(r: &Range<Data>, col: usize, value: &str) -> Vec<Data> {
    r.rows()
        .find(|row| row.get(col).map(text).as_deref() == Some(value))
        .unwrap_or_else(|| panic!("no row with {value:?} in column {col}"))
        .to_vec()
}

struct Fixture {
    _home: tempfile::TempDir,
    store: Store,
    a: Assessment,
    overdue: Task,
    later: Task,
    accepted: Task,
    done: Task,
    on_question: Evidence,
    on_task: Evidence,
    removed: Evidence,
}

fn fixture() -> Fixture {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let mut store = Store::open_dir(&data).expect("store");
    let a = new_assessment(ReportType::Type2);
    store.create_assessment(&a).expect("create");
    for (q, v) in [
        ("cc8-change-review", AnswerValue::No),
        ("cc6-mfa", AnswerValue::No),
        ("cc1-code-of-conduct", AnswerValue::Partly),
        ("cc6-asset-inventory", AnswerValue::No),
    ] {
        store
            .save_answer(catalog(), a.id, q, Some(v), "")
            .expect("answer");
    }
    store.add_person(a.id, "Dana Ruiz").expect("person");
    store.add_person(a.id, "Sam Lee").expect("person");

    // Two tasks on one gap: the overdue one leads. Its note looks like a formula.
    let overdue = task(
        &mut store,
        &a,
        "cc8-change-review",
        "Dana Ruiz",
        "2020-01-31",
        "=1+1",
    );
    let later = task(
        &mut store,
        &a,
        "cc8-change-review",
        "Sam Lee",
        "2099-12-31",
        "",
    );
    let accepted = task(&mut store, &a, "cc6-mfa", "Sam Lee", "2099-06-30", "");
    let accepted = status(
        &mut store,
        &accepted,
        TaskStatus::RiskAccepted,
        "2026-02-20",
        Some("=SUM(A1) only two staff; hardware keys next year"),
    );
    let done = task(
        &mut store,
        &a,
        "cc1-code-of-conduct",
        "Dana Ruiz",
        "2026-05-01",
        "+ask HR",
    );
    let done = status(
        &mut store,
        &done,
        TaskStatus::InProgress,
        "2026-02-01",
        None,
    );
    let done = status(&mut store, &done, TaskStatus::Done, "2026-03-15", None);
    // cc6-asset-inventory has no task.

    let on_question = attach(
        &mut store,
        &data,
        &a,
        "change policy.txt",
        b"hello",
        question_target("cc8-change-review"),
    );
    let big: Vec<u8> = (0..123_456u32).map(|i| (i % 251) as u8).collect();
    let on_task = attach(
        &mut store,
        &data,
        &a,
        "=code of conduct.csv",
        &big,
        EvidenceTarget::Task { task_id: done.id },
    );
    let removed = attach(
        &mut store,
        &data,
        &a,
        "old mfa screenshot.png",
        b"png",
        question_target("cc6-mfa"),
    );
    let removed = store.remove_evidence(&data, removed.id).expect("remove");

    // Hires come from the people register: each start date in the window is an onboarding.
    for (name, start) in [("Noor Haddad", "2026-01-15"), ("Ola Berg", "2026-03-02")] {
        store
            .create_person(
                a.id,
                &preflight_people::PersonInput {
                    name: name.into(),
                    start_date: Some(start.into()),
                    ..Default::default()
                },
                chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
            )
            .expect("person");
    }
    for (duty, on, evidence, note) in [
        (
            Duty::AccessReview,
            "2026-02-10",
            Some(on_question.id),
            "@all reviewed",
        ),
        (
            Duty::RiskAssessment,
            "2025-12-01",
            None,
            "before the window",
        ),
    ] {
        store
            .record_duty(
                a.id,
                NewOccurrence {
                    duty,
                    done_on: on.into(),
                    evidence_id: evidence,
                    note: note.into(),
                },
            )
            .expect("duty");
    }
    Fixture {
        _home: home,
        store,
        a,
        overdue,
        later,
        accepted,
        done,
        on_question,
        on_task,
        removed,
    }
}

#[test]
fn the_workbook_carries_tasks_evidence_and_recurring_controls() {
    let f = fixture();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("gaps.xlsx");
    preflight_cli::write_workbook(
        &f.store,
        catalog(),
        &f.a.id.to_string(),
        &path,
        Some("Dana"),
    )
    .expect("workbook");
    let today = Utc::now().date_naive();
    let mut wb: Xlsx<_> = open_workbook(&path).expect("opens");

    // Sheets, in order.
    assert_eq!(
        wb.sheet_names(),
        vec![
            COVER_SHEET,
            READINESS_SHEET,
            QUESTIONNAIRE_SHEET,
            GAP_REGISTER_SHEET,
            REMEDIATION_SHEET,
            EVIDENCE_SHEET,
            RECURRING_SHEET,
            preflight_workbook::RISK_SHEET,
            preflight_workbook::VENDOR_SHEET,
            preflight_workbook::CUEC_SHEET,
            preflight_workbook::POLICY_SHEET,
            preflight_workbook::PEOPLE_SHEET,
            preflight_workbook::REQUEST_SHEET,
        ]
    );
    assert_eq!(wb.sheet_names(), sheet_names(&f.a));

    // Cover: task counts.
    let cover = wb.worksheet_range(COVER_SHEET).expect("cover");
    let count = |label: &str| text(&row_where(&cover, 0, label)[1]);
    assert_eq!(count("Remediation tasks"), "4");
    assert_eq!(count("Open tasks (to do or in progress)"), "2");
    assert_eq!(count("Open tasks past their due date"), "1");
    assert_eq!(count("Tasks done"), "1");
    assert_eq!(count("Risks accepted"), "1");
    assert_eq!(count("Evidence files on record"), "2");
    for sheet in [REMEDIATION_SHEET, EVIDENCE_SHEET, RECURRING_SHEET] {
        assert!(
            !count(sheet).is_empty(),
            "the cover explains the {sheet} sheet"
        );
    }

    // Gap register: the task columns.
    let g = wb.worksheet_range(GAP_REGISTER_SHEET).expect("gaps");
    assert_eq!(header(&g, 0), names(gap_register_sheet::COLUMNS));
    let change = row_where(&g, 0, "GAP-cc8-change-review");
    let linked = text(&change[6]);
    let lines: Vec<&str> = linked.lines().collect();
    assert_eq!(lines.len(), 2, "both tasks listed: {linked}");
    assert!(
        lines[0].contains(&short_id(f.overdue.id)) && lines[0].ends_with("(To do)"),
        "the overdue task leads: {linked}"
    );
    assert!(lines[1].contains(&short_id(f.later.id)));
    assert_eq!(text(&change[7]), "Dana Ruiz");
    assert_eq!(
        date_of(&change[8]),
        Some(d("2020-01-31")),
        "{:?}",
        change[8]
    );
    assert_eq!(text(&change[9]), "To do");
    let mfa = row_where(&g, 0, "GAP-cc6-mfa");
    assert_eq!(
        text(&mfa[6]),
        format!("{} [{}]", f.accepted.title, short_id(f.accepted.id))
    );
    assert_eq!(text(&mfa[7]), "Sam Lee");
    assert_eq!(date_of(&mfa[8]), Some(d("2099-06-30")));
    assert_eq!(text(&mfa[9]), "Risk accepted");
    let coc = row_where(&g, 0, "GAP-cc1-code-of-conduct");
    assert_eq!(text(&coc[9]), "Done");
    let inventory = row_where(&g, 0, "GAP-cc6-asset-inventory");
    assert_eq!(text(&inventory[6]), "", "no task");
    assert_eq!(text(&inventory[7]), "");
    assert_eq!(inventory[8], Data::Empty);
    assert_eq!(text(&inventory[9]), "Open");
    // Unanswered questions are gaps too, all Open.
    assert!(g
        .rows()
        .skip(1)
        .filter(|r| ![
            "GAP-cc8-change-review",
            "GAP-cc6-mfa",
            "GAP-cc1-code-of-conduct"
        ]
        .contains(&text(&r[0]).as_str()))
        .all(|r| text(&r[9]) == "Open"));

    // Questionnaire: evidence references, direct and through a task; removed evidence is not.
    let q = wb
        .worksheet_range(QUESTIONNAIRE_SHEET)
        .expect("questionnaire");
    assert_eq!(text(&q[(0, 8)]), "Evidence references");
    let refs = |id: &str| text(&row_where(&q, 0, id)[8]);
    assert_eq!(
        refs("cc8-change-review"),
        format!("change policy.txt [{}]", short_id(f.on_question.id))
    );
    assert_eq!(
        refs("cc1-code-of-conduct"),
        format!("=code of conduct.csv [{}]", short_id(f.on_task.id))
    );
    assert_eq!(refs("cc6-mfa"), "", "removed evidence is no reference");

    // Remediation plan: one row per task.
    let p = wb.worksheet_range(REMEDIATION_SHEET).expect("plan");
    assert_eq!(header(&p, 0), names(remediation_sheet::COLUMNS));
    assert_eq!(p.height() - 1, 4);
    let mut ids: Vec<String> = p.rows().skip(1).map(|r| text(&r[0])).collect();
    ids.sort();
    let mut expected: Vec<String> = [&f.overdue, &f.later, &f.accepted, &f.done]
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(
        text(&p[(1, 0)]),
        f.overdue.id.to_string(),
        "open tasks first, due first"
    );
    let o = row_where(&p, 0, &f.overdue.id.to_string());
    assert_eq!(text(&o[1]), f.overdue.title);
    assert_eq!(text(&o[2]), "cc8-change-review");
    assert_eq!(text(&o[3]), "CC8.1");
    assert_eq!(text(&o[4]), "High");
    assert_eq!(text(&o[5]), "Dana Ruiz");
    assert_eq!(date_of(&o[6]), Some(d("2020-01-31")));
    assert_eq!(text(&o[7]), "To do");
    assert_eq!(text(&o[8]), "Yes", "overdue");
    assert_eq!(date_of(&o[9]), Some(d("2026-01-10")), "created on");
    assert_eq!(o[14], Data::String("=1+1".into()), "a note stays text");
    assert_eq!(text(&row_where(&p, 0, &f.later.id.to_string())[8]), "No");
    let r = row_where(&p, 0, &f.accepted.id.to_string());
    assert_eq!(text(&r[7]), "Risk accepted");
    assert_eq!(text(&r[8]), "No", "a risk accepted is not overdue");
    assert_eq!(date_of(&r[10]), Some(d("2026-02-20")), "status changed on");
    assert_eq!(
        text(&r[11]),
        "2026-01-10  To do\n2026-02-20  Risk accepted (by Dana Ruiz)"
    );
    assert_eq!(text(&r[12]), "Dana Ruiz");
    assert_eq!(
        r[13],
        Data::String("=SUM(A1) only two staff; hardware keys next year".into())
    );
    let dn = row_where(&p, 0, &f.done.id.to_string());
    assert_eq!(text(&dn[7]), "Done");
    assert_eq!(date_of(&dn[10]), Some(d("2026-03-15")));
    assert_eq!(text(&dn[11]).lines().count(), 3);
    assert_eq!(dn[14], Data::String("+ask HR".into()));
    assert_eq!(
        text(&p[(4, 0)]),
        f.done.id.to_string(),
        "done tasks come last"
    );

    // Evidence index: in use first, then removed, with size and SHA-256.
    let e = wb.worksheet_range(EVIDENCE_SHEET).expect("evidence");
    assert_eq!(header(&e, 0), names(evidence_sheet::COLUMNS));
    assert_eq!(e.height() - 1, 3);
    let hello = row_where(&e, 0, &f.on_question.id.to_string());
    assert_eq!(text(&hello[1]), "change policy.txt");
    assert_eq!(text(&hello[2]), "cc8-change-review");
    assert_eq!(text(&hello[3]), "");
    assert_eq!(date_of(&hello[4]), Some(d("2026-02-14")));
    assert_eq!(hello[5], Data::Float(5.0));
    let sha = hash_reader(&mut &b"hello"[..], &mut |_| {})
        .expect("hash")
        .sha256;
    assert_eq!(text(&hello[6]), sha);
    assert_eq!(text(&hello[7]), "In use");
    assert_eq!(hello[8], Data::Empty);
    let csv = row_where(&e, 0, &f.on_task.id.to_string());
    assert_eq!(
        csv[1],
        Data::String("=code of conduct.csv".into()),
        "a file name stays text"
    );
    assert_eq!(text(&csv[2]), "cc1-code-of-conduct", "the task's question");
    assert!(text(&csv[3]).contains(&short_id(f.done.id)));
    assert_eq!(csv[5], Data::Float(123_456.0));
    assert_eq!(text(&csv[6]), f.on_task.sha256);
    assert_eq!(f.on_task.sha256.len(), 64);
    let gone = row_where(&e, 0, &f.removed.id.to_string());
    assert_eq!(text(&gone[7]), "Removed");
    assert_eq!(date_of(&gone[8]), Some(today), "removed today");
    assert_eq!(
        text(&e[(3, 0)]),
        f.removed.id.to_string(),
        "removed evidence comes last"
    );

    // Recurring controls: the note, then a table under its header.
    let rc = wb.worksheet_range(RECURRING_SHEET).expect("recurring");
    assert!(text(&rc[(0, 0)]).contains("Sample sizes are set by your auditor"));
    assert!(text(&rc[(0, 0)]).contains("2026-01-01 to 2026-06-30"));
    let hr = recurring_sheet::HEADER_ROW as usize;
    assert_eq!(header(&rc, hr), names(recurring_sheet::COLUMNS));
    assert_eq!(rc.height() - hr - 1, Duty::ALL.len());
    let access = row_where(&rc, 0, "User access review");
    assert_eq!(text(&access[1]), "Quarterly");
    assert_eq!(access[3], Data::Float(2.0), "one per full three months");
    assert_eq!(access[4], Data::Float(1.0));
    assert_eq!(access[5], Data::Float(1.0), "months 4 to 6 still open");
    let record = text(&access[6]);
    assert!(
        record.contains("Months 1 to 3 (2026-01-01 to 2026-03-31): done 2026-02-10"),
        "{record}"
    );
    assert!(record.contains(&short_id(f.on_question.id)), "{record}");
    assert!(record.contains("Months 4 to 6") && record.contains("not done yet"));
    assert!(record.contains("confirm with your auditor"), "{record}");
    assert_eq!(text(&access[7]), "2");
    assert_eq!(access[8], Data::String("2026-02-10: @all reviewed".into()));
    let onboarding = row_where(&rc, 0, "Onboarding");
    assert_eq!(text(&onboarding[3]), "One per hire");
    assert_eq!(onboarding[4], Data::Float(2.0));
    assert!(text(&onboarding[7]).contains("for the 2 recorded so far: 2"));
    // Done before the window opens but within the 12 months before it ends: it counts.
    let risk = row_where(&rc, 0, "Risk assessment");
    assert_eq!(risk[3], Data::Float(1.0));
    assert_eq!(
        risk[4],
        Data::Float(1.0),
        "done in the 12 months before the end"
    );
    assert_eq!(risk[5], Data::Float(0.0));
    let risk_record = text(&risk[6]);
    assert!(
        risk_record.contains("Year 1 (2025-07-01 to 2026-06-30): done 2025-12-01"),
        "{risk_record}"
    );
    assert!(!risk_record.contains("Outside the window"), "{risk_record}");

    // No formula anywhere.
    for sheet in sheet_names(&f.a) {
        let formulas = wb.worksheet_formula(sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, x)| x.is_empty()),
            "{sheet} holds a formula"
        );
    }

    // The import of a returned workbook still finds its columns with the new sheets present.
    let mut store = f.store;
    let done = preflight_cli::import_review(&mut store, catalog(), &f.a.id.to_string(), &path)
        .expect("import");
    assert!(done.report.rejected.is_empty());
    assert!(done.report.taken.is_empty());
    assert_eq!(done.report.blank_rows, q.height() - 1);
}

#[test]
fn csv_gap_register_carries_the_task_columns() {
    let f = fixture();
    let out = tempfile::tempdir().expect("tempdir");
    let paths =
        preflight_cli::write_csv_files(&f.store, catalog(), &f.a.id.to_string(), out.path())
            .expect("csv");
    let read = |p: &Path| -> Vec<Vec<String>> {
        let bytes = std::fs::read(p).expect("read");
        csv_rows(&bytes[3..])
    };
    let gaps = read(&paths[1]);
    assert_eq!(gaps[0][6..], ["Linked task", "Owner", "Due date", "Status"]);
    let change = gaps
        .iter()
        .find(|r| r[0] == "GAP-cc8-change-review")
        .expect("row");
    assert!(change[6].contains(&short_id(f.overdue.id)));
    assert_eq!(change[7], "Dana Ruiz");
    assert_eq!(change[8], "2020-01-31");
    assert_eq!(change[9], "To do");
    let inventory = gaps
        .iter()
        .find(|r| r[0] == "GAP-cc6-asset-inventory")
        .expect("row");
    assert_eq!(inventory[9], "Open");
    let questions = read(&paths[0]);
    let coc = questions
        .iter()
        .find(|r| r[0] == "cc1-code-of-conduct")
        .expect("row");
    assert_eq!(
        coc[8],
        format!("'=code of conduct.csv [{}]", short_id(f.on_task.id)),
        "a formula-like start is quoted in CSV"
    );
}

/// A minimal CSV reader for the test (quoted fields, doubled quotes, CRLF).
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let s = String::from_utf8(bytes.to_vec()).expect("utf-8");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn a_type_1_workbook_has_no_recurring_controls() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let mut store = Store::open_dir(&data).expect("store");
    let a = new_assessment(ReportType::Type1);
    store.create_assessment(&a).expect("create");
    store.add_person(a.id, "Dana Ruiz").expect("person");
    task(
        &mut store,
        &a,
        "cc6-mfa",
        "Dana Ruiz",
        "2099-01-01",
        "-1 nobody",
    );
    let path = home.path().join("t1.xlsx");
    preflight_cli::write_workbook(&store, catalog(), &a.id.to_string(), &path, None)
        .expect("workbook");
    let mut wb: Xlsx<_> = open_workbook(&path).expect("opens");
    let sheets = wb.sheet_names();
    assert_eq!(sheets, sheet_names(&a));
    assert!(!sheets.contains(&RECURRING_SHEET.to_string()));
    assert!(sheets.contains(&REMEDIATION_SHEET.to_string()));
    let p = wb.worksheet_range(REMEDIATION_SHEET).expect("plan");
    assert_eq!(p.height() - 1, 1);
    assert_eq!(p[(1, 14)], Data::String("-1 nobody".into()));
    let e = wb.worksheet_range(EVIDENCE_SHEET).expect("evidence");
    assert_eq!(e.height(), 1, "only the header: no evidence yet");
}
