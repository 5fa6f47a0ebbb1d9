//! Drives remediation headless, end to end: an assessment, its people, tasks made from gaps,
//! status changes, evidence with a progress bar, verification, the Type 2 calendar, snapshots
//! and the projected ready date.
//!
//! ```sh
//! cargo run -p preflight-store --example remediation            # in a temporary folder
//! cargo run -p preflight-store --example remediation -- DIR     # in DIR (kept)
//! ```

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;

use chrono::{Days, NaiveDate, Utc};
use preflight_assessment::gap::gaps;
use preflight_assessment::{
    AnswerValue, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Severity;
use preflight_remediation::projection::RULE;
use preflight_remediation::recurring::{Expected, SAMPLE_NOTE};
use preflight_remediation::task::reanswer_prompt;
use preflight_remediation::{
    Duty, EvidenceTarget, NewOccurrence, NewTask, StatusRequest, TaskStatus,
};
use preflight_store::evidence::AttachRequest;
use preflight_store::Store;

fn main() -> Result<(), Box<dyn Error>> {
    let temp = tempfile::tempdir()?;
    let data_dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let catalog = preflight_catalog::embedded()?;
    let today = NaiveDate::from_ymd_opt(2026, 2, 2).ok_or("date")?;
    let mut store = Store::open_dir(&data_dir)?;
    println!("data folder: {}", data_dir.display());

    let a = NewAssessment {
        name: None,
        company: "Acme".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type2,
            categories: vec!["availability".into()],
            objectives: vec![],
            observation: Some(ObservationPeriod::parse("2026-01-01", "2026-06-30")?),
        },
    }
    .build(catalog, Utc::now())?;
    store.create_assessment(&a)?;
    println!("assessment: {}", a.name);

    for name in ["Dana Ruiz", "Sam Lee"] {
        store.add_person(a.id, name)?;
    }

    // Answer everything Yes but three questions, then make a task for each high or medium gap.
    let gap_ids = ["cc6-mfa", "a1-backups-restored", "cc7-vuln-scanning"];
    for q in a.scope.questions(catalog) {
        let v = if gap_ids.contains(&q.id.as_str()) {
            AnswerValue::No
        } else {
            AnswerValue::Yes
        };
        store.save_answer(catalog, a.id, &q.id, Some(v), "")?;
    }
    store.take_snapshot(catalog, a.id, today - Days::new(1))?;
    let open_gaps = gaps(catalog, &a.scope, &store.answers(a.id)?);
    println!("gaps: {}", open_gaps.len());
    let mut tasks = Vec::new();
    for (i, g) in open_gaps
        .iter()
        .filter(|g| g.severity != Severity::Low)
        .enumerate()
    {
        let q = catalog.question(&g.question_id).ok_or("question")?;
        let mut new = NewTask::from_gap(q, &a.scope);
        new.owner = Some(if i % 2 == 0 { "Dana Ruiz" } else { "Sam Lee" }.into());
        new.due = Some((today + Days::new(30 * (i as u64 + 1))).to_string());
        let t = store.create_task(catalog, a.id, new, today)?;
        println!(
            "  task [{}] {} (owner {}, due {})",
            t.priority.label(),
            t.title,
            t.owner.as_deref().unwrap_or("-"),
            t.due.map(|d| d.to_string()).unwrap_or_default()
        );
        tasks.push(t);
    }
    let projected = store.projected_ready_date(catalog, a.id, today)?;
    println!("projected: {}", projected.message);
    println!("  rule: {RULE}");

    // Work on the first task and mark it done: the UI would offer to re-answer its question.
    if let Some(first) = tasks.first() {
        let t = store.set_task_status(
            first.id,
            StatusRequest {
                version: first.version,
                status: TaskStatus::InProgress,
                justification: None,
                accepted_by: None,
            },
            today,
        )?;
        let t = store.set_task_status(
            t.id,
            StatusRequest {
                version: t.version,
                status: TaskStatus::Done,
                justification: None,
                accepted_by: None,
            },
            today + Days::new(3),
        )?;
        if let Some(p) = reanswer_prompt(&t, catalog) {
            println!("done; offer to answer again: {}", p.question_text);
        }
    }

    // Evidence: an 8 MiB file copied with a progress bar, then verified.
    let source = temp.path().join("Quarterly access review.pdf");
    std::fs::write(&source, vec![42u8; 8 * 1024 * 1024])?;
    let evidence = store.attach_evidence(
        catalog,
        &data_dir,
        &AttachRequest {
            assessment_id: a.id,
            target: EvidenceTarget::Question {
                question_id: "cc6-mfa".into(),
            },
            source,
            collected_on: today,
        },
        &mut |done, total| {
            let pct = (done * 100).checked_div(total).unwrap_or(100);
            print!("\r  copying {pct:3}% ({done}/{total} bytes)");
            let _ = std::io::stdout().flush();
        },
    )?;
    println!(
        "\nevidence: {} ({} bytes, sha256 {})",
        evidence.stored_path, evidence.size, evidence.sha256
    );
    let report = store.verify_evidence(&data_dir, a.id, &mut |_, _| {})?;
    println!(
        "verification: {} checked, {} intact, {} tampered, {} missing",
        report.checked,
        report.intact,
        report.tampered.len(),
        report.missing.len()
    );

    // The Type 2 calendar, with the Q1 access review ticked off.
    store.record_duty(
        a.id,
        NewOccurrence {
            duty: Duty::AccessReview,
            done_on: "2026-01-28".into(),
            evidence_id: Some(evidence.id),
            note: "Okta and GitHub reviewed".into(),
        },
    )?;
    let cal = store.duty_calendar(a.id)?;
    println!("calendar for {} months:", cal.months);
    for d in &cal.duties {
        let expected = match d.expected {
            Expected::Count { occurrences } => format!("{occurrences} expected"),
            Expected::PerEvent { label } => label.to_string(),
        };
        println!(
            "  {:48} {:10} {:14} open slots {} · typical sample {}",
            d.label,
            d.frequency.label(),
            expected,
            d.slots_open,
            d.sample.label
        );
    }
    println!("  {SAMPLE_NOTE}");

    store.take_snapshot(catalog, a.id, today)?;
    for s in store.snapshot_history(a.id)? {
        println!(
            "snapshot {}: readiness {:.1}%, gaps {} high / {} medium / {} low, tasks {} to do, {} done",
            s.taken_on,
            s.overall.unwrap_or(0.0),
            s.gaps.high,
            s.gaps.medium,
            s.gaps.low,
            s.tasks.todo,
            s.tasks.done
        );
    }
    Ok(())
}
