//! How long the workbook, the CSV files and the import take on the largest assessments:
//! every category of the catalog in scope (SOC 2 Type 2, all questions), every question
//! answered with a long note and commented by the auditor.
//!
//! `cargo bench -p preflight-workbook` runs each step several times and prints the figures
//! (recorded in docs/benchmarks.md). Under `cargo test --all-targets` it runs each step once
//! as a smoke test.

use std::time::{Duration, Instant};

use chrono::Utc;
use preflight_assessment::{
    Answer, AnswerValue, Assessment, NewAssessment, ObservationPeriod, ReportKind, ReportType,
    Scope,
};
use preflight_catalog::Catalog;
use preflight_store::review::NewComment;
use preflight_store::Store;
use preflight_workbook::csv_export::{gap_register_csv, questionnaire_csv};
use preflight_workbook::{
    read_review, to_bytes_with, AuditorEntry, AuditorStatus, WorkbookExtras, WorkbookInput,
};

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
    let extras = WorkbookExtras {
        prepared_by: None,
        auditor: &auditor,
    };
    println!(
        "\n{} questions, {} criteria, notes of {} characters, auditor comments of {}:",
        questions.len(),
        a.scope.items(catalog).len(),
        note_chars,
        note_chars / 4
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
        Ok(questionnaire_csv(&input, &extras)?.len() + gap_register_csv(&input)?.len())
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
