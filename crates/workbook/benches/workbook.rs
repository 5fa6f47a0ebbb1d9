//! How long the workbook, the CSV files and the import take on the largest assessments:
//! every category of the catalog in scope (SOC 2 Type 2, all questions), every question
//! answered with a long note and commented by the auditor, a task for every gap (a second one
//! on every third gap) in every status, two evidence files per question plus removed ones, and
//! a year of recurring duties ticked off.
//!
//! `cargo bench -p preflight-workbook` runs each step several times and prints the figures
//! (recorded in docs/benchmarks.md). Under `cargo test --all-targets` it runs each step once
//! as a smoke test.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use preflight_assessment::gap::gaps;
use preflight_assessment::{
    Answer, AnswerValue, Assessment, NewAssessment, ObservationPeriod, ReportKind, ReportType,
    Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::evidence::hash_reader;
use preflight_remediation::{
    calendar, Calendar, Duty, DutyOccurrence, Evidence, NewTask, People, StatusRequest, Task,
    TaskStatus,
};
use preflight_store::review::NewComment;
use preflight_store::Store;
use preflight_workbook::csv_export::{gap_register_csv_with, questionnaire_csv};
use preflight_workbook::{
    read_review, to_bytes_with, AuditorEntry, AuditorStatus, Remediation, WorkbookExtras,
    WorkbookInput,
};
use uuid::Uuid;

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let bench = std::env::args().any(|a| a == "--bench");
    let runs = if bench { 7 } else { 1 };
    let catalog = preflight_catalog::embedded().map_err(|e| e.to_string())?;
    println!(
        "{} run(s) per step; {} cores",
        runs,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let note_sizes: &[usize] = if bench { &[2_000, 32_000] } else { &[2_000] };
    for &note_chars in note_sizes {
        scenario(catalog, note_chars, runs)?;
    }
    Ok(())
}

fn full_soc2(catalog: &Catalog) -> Result<Assessment, Error> {
    Ok(NewAssessment {
        name: Some("Benchmark: the whole catalog".into()),
        company: "Benchmark Ltd".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: catalog.categories.iter().map(|c| c.id.clone()).collect(),
            objectives: vec![],
            observation: Some(ObservationPeriod::parse("2026-01-01", "2026-12-31")?),
        },
    }
    .build(catalog, Utc::now())?)
}

/// A note of about `chars` characters: words, spaces and now and then a line break.
fn note(i: usize, chars: usize) -> String {
    let words = [
        "=Owner", "Dana", "reviews", "access", "every", "quarter;", "tickets", "in", "Linear", "-",
        "evidence", "in", "Drive", "@audit", "folder.", "שלום", "☁️",
    ];
    let mut s = String::with_capacity(chars * 2);
    let mut n = 0;
    let mut k = i;
    while n < chars {
        let w = words[k % words.len()];
        s.push_str(w);
        s.push(if k % 37 == 36 { '\n' } else { ' ' });
        n += w.chars().count() + 1;
        k += 1;
    }
    s.chars().take(chars).collect()
}

struct RemediationData {
    tasks: Vec<Task>,
    evidence: Vec<Evidence>,
    removed: Vec<Evidence>,
    calendar: Calendar,
}

/// A task for every gap and a second on every third, in every status, with notes of
/// `note_chars / 4`; two evidence files per question and one removed per ten questions; a
/// year of duties: four access reviews, the yearly ones, and 60 hires and 40 leavers.
fn remediation(
    catalog: &Catalog,
    a: &Assessment,
    answers: &[Answer],
    note_chars: usize,
) -> Result<RemediationData, Error> {
    let people = People::from_names((1..=8).map(|i| format!("Owner {i}")).collect());
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
    let statuses = [
        TaskStatus::Todo,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::RiskAccepted,
    ];
    let mut tasks = Vec::new();
    for (i, g) in gaps(catalog, &a.scope, answers).iter().enumerate() {
        let q = catalog.question(&g.question_id).ok_or("question")?;
        for k in 0..(1 + usize::from(i % 3 == 0)) {
            let j = i + k;
            let mut n = NewTask::from_gap(q, &a.scope);
            n.owner = Some(people.names()[j % 8].clone());
            n.due = Some((start + Days::new((j * 3 % 360) as u64)).to_string());
            n.notes = note(j + 7, note_chars / 4);
            let mut t = n.build(catalog, a.id, &people, start)?;
            for (step, status) in statuses.iter().take(j % 4 + 1).enumerate().skip(1) {
                let risk = *status == TaskStatus::RiskAccepted;
                t = t.change_status(
                    StatusRequest {
                        version: t.version,
                        status: *status,
                        justification: risk.then(|| note(j + 11, note_chars / 8)),
                        accepted_by: risk.then(|| "Owner 1".to_string()),
                    },
                    start + Days::new(step as u64 * 10),
                )?;
            }
            tasks.push(t);
        }
    }
    let mut evidence = Vec::new();
    let mut removed = Vec::new();
    for (i, q) in a.scope.questions(catalog).enumerate() {
        for k in 0..2 {
            let content = format!("{}-{k}", q.id);
            let id = Uuid::new_v4();
            let e = Evidence {
                id,
                assessment_id: a.id,
                original_name: format!("{} evidence {k}.pdf", q.id),
                stored_path: format!("evidence/{}/{id}-x.pdf", a.id),
                size: 10_000 + (i * 7919 + k) as u64 * 131,
                sha256: hash_reader(&mut content.as_bytes(), &mut |_| {})?.sha256,
                collected_on: start + Days::new((i % 300) as u64),
                question_id: (k == 0).then(|| q.id.clone()),
                task_id: if k == 0 {
                    None
                } else {
                    tasks.get(i % tasks.len().max(1)).map(|t: &Task| t.id)
                },
                removed_at: None,
            };
            if k == 0 && i % 10 == 9 {
                removed.push(Evidence {
                    removed_at: Some(Utc::now()),
                    ..e
                });
            } else {
                evidence.push(e);
            }
        }
    }
    let period = a.scope.observation.ok_or("no period")?;
    let mut occurrences = Vec::new();
    let mut tick = |duty: Duty, day: u64| {
        occurrences.push(DutyOccurrence {
            id: Uuid::new_v4(),
            assessment_id: a.id,
            duty,
            done_on: period.start + Days::new(day),
            evidence_id: evidence
                .get(day as usize % evidence.len().max(1))
                .map(|e| e.id),
            note: note(day as usize, 200),
        });
    };
    for q in 0..4 {
        tick(Duty::AccessReview, 80 + q * 91);
    }
    for duty in [
        Duty::RiskAssessment,
        Duty::VendorReview,
        Duty::IncidentResponseTest,
        Duty::ContinuityTest,
        Duty::AwarenessTraining,
    ] {
        tick(duty, 200);
    }
    for h in 0..60 {
        tick(Duty::Onboarding, h * 6);
    }
    for l in 0..40 {
        tick(Duty::Offboarding, l * 9);
    }
    Ok(RemediationData {
        tasks,
        evidence,
        removed,
        calendar: calendar(&period, &occurrences),
    })
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> Result<T, Error>) -> Result<T, Error> {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let min = times[0];
    println!(
        "  {label:<44} median {:>9.1} ms   min {:>9.1} ms",
        median.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3
    );
    last.ok_or_else(|| "no run".into())
}

fn scenario(catalog: &Catalog, note_chars: usize, runs: usize) -> Result<(), Error> {
    let a = full_soc2(catalog)?;
    let questions: Vec<_> = a.scope.questions(catalog).collect();
    let answers: Vec<Answer> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| Answer {
            question_id: q.id.clone(),
            value: Some(AnswerValue::ALL[i % AnswerValue::ALL.len()]),
            note: note(i, note_chars),
            answered_at: Utc::now(),
        })
        .collect();
    let auditor: Vec<AuditorEntry> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| AuditorEntry {
            question_id: q.id.clone(),
            comment: note(i + 3, note_chars / 4),
            status: Some(AuditorStatus::ALL[i % AuditorStatus::ALL.len()]),
        })
        .collect();
    let input = WorkbookInput {
        catalog,
        assessment: &a,
        answers: &answers,
        prepared_at: Utc::now(),
    };
    let rem = remediation(catalog, &a, &answers, note_chars)?;
    let bare = WorkbookExtras {
        prepared_by: None,
        auditor: &auditor,
        ..Default::default()
    };
    let extras = WorkbookExtras {
        remediation: Remediation {
            tasks: &rem.tasks,
            evidence: &rem.evidence,
            removed_evidence: &rem.removed,
            calendar: Some(&rem.calendar),
        },
        ..bare
    };
    println!(
        "\n{} questions, {} criteria, notes of {} characters, auditor comments of {}:",
        questions.len(),
        a.scope.items(catalog).len(),
        note_chars,
        note_chars / 4
    );
    println!(
        "{} tasks (notes of {} characters), {} evidence files in use and {} removed, {} duty occurrences:",
        rem.tasks.len(),
        note_chars / 4,
        rem.evidence.len(),
        rem.removed.len(),
        rem.calendar
            .duties
            .iter()
            .map(|d| d.occurrences.len())
            .sum::<usize>()
    );
    let plain = time("workbook .xlsx without remediation", runs, || {
        Ok(to_bytes_with(&input, &bare)?)
    })?;
    println!(
        "  {:<44} {:>9.1} KiB",
        "workbook size without remediation",
        plain.len() as f64 / 1024.0
    );
    let bytes = time("workbook .xlsx (to_bytes_with)", runs, || {
        Ok(to_bytes_with(&input, &extras)?)
    })?;
    println!(
        "  {:<44} {:>9.1} KiB",
        "workbook size",
        bytes.len() as f64 / 1024.0
    );
    let csv = time("CSV questionnaire + gap register", runs, || {
        Ok(questionnaire_csv(&input, &extras)?.len()
            + gap_register_csv_with(&input, &extras)?.len())
    })?;
    println!(
        "  {:<44} {:>9.1} KiB",
        "CSV size (both files)",
        csv as f64 / 1024.0
    );
    let report = time("import: read the returned workbook", runs, || {
        Ok(read_review(&bytes, "returned.xlsx", catalog, &a)?)
    })?;
    if report.taken.len() != questions.len() || !report.rejected.is_empty() {
        return Err(format!(
            "import took {} of {} rows, rejected {}",
            report.taken.len(),
            questions.len(),
            report.rejected.len()
        )
        .into());
    }
    let entries: Vec<NewComment> = report
        .taken
        .iter()
        .map(|t| NewComment {
            question_id: t.question_id.clone(),
            comment: t.comment.clone(),
            status: t.status.map(|s| s.as_str().to_string()),
        })
        .collect();
    // Saving: into a fresh database file (every row new), then again (every row unchanged).
    let mut fresh: Vec<Duration> = Vec::new();
    let dir = tempfile::tempdir()?;
    for run in 0..runs {
        let mut store = Store::open(&dir.path().join(format!("run{run}.sqlite3")))?;
        store.create_assessment(&a)?;
        let t = Instant::now();
        let saved = store.save_review(catalog, a.id, "returned.xlsx", &entries)?;
        fresh.push(t.elapsed());
        if saved.new.len() != entries.len() {
            return Err("first save did not report every row new".into());
        }
    }
    fresh.sort();
    println!(
        "  {:<44} median {:>9.1} ms   min {:>9.1} ms",
        "import: save, every row new",
        fresh[fresh.len() / 2].as_secs_f64() * 1e3,
        fresh[0].as_secs_f64() * 1e3
    );
    let mut store = Store::open(&dir.path().join("run0.sqlite3"))?;
    time("import: save again, every row unchanged", runs, || {
        let saved = store.save_review(catalog, a.id, "returned.xlsx", &entries)?;
        if saved.wrote() || saved.unchanged.len() != entries.len() {
            return Err("second save wrote something".into());
        }
        Ok(())
    })?;
    Ok(())
}
