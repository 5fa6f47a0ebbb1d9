//! How fast a large evidence file is copied into the store (with its SHA-256) and verified.
//! Run: `cargo bench -p preflight-store --bench evidence_copy` (optionally `-- <MiB>`).
//! Figures go in docs/benchmarks.md; this is a measurement, not a test.

use std::io::Write;
use std::time::Instant;

use preflight_store::evidence::{copy_into_store, verify_files};
use uuid::Uuid;

fn main() {
    let mib: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("big-export.bin");
    {
        let mut f = std::fs::File::create(&source).expect("create");
        let chunk: Vec<u8> = (0..1024 * 1024).map(|i| (i * 31 % 251) as u8).collect();
        for _ in 0..mib {
            f.write_all(&chunk).expect("write");
        }
        f.sync_all().expect("sync");
    }
    let data = dir.path().join("data");
    let mut calls = 0u64;
    let t = Instant::now();
    let copied = copy_into_store(
        &data,
        Uuid::new_v4(),
        Uuid::new_v4(),
        &source,
        &mut |_, _| calls += 1,
    )
    .expect("copy");
    let copy_s = t.elapsed().as_secs_f64();
    let evidence = preflight_remediation::evidence::Evidence {
        id: copied.evidence_id,
        assessment_id: copied.assessment_id,
        original_name: copied.original_name.clone(),
        stored_path: copied.stored_path.clone(),
        size: copied.size,
        sha256: copied.sha256.clone(),
        collected_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        question_id: Some("cc6-mfa".into()),
        task_id: None,
        removed_at: None,
    };
    let t = Instant::now();
    let report = verify_files(&data, &[evidence], &mut |_, _| {});
    let verify_s = t.elapsed().as_secs_f64();
    assert_eq!(report.intact, 1);
    println!(
        "evidence copy: {mib} MiB in {copy_s:.2} s ({:.0} MiB/s), {calls} progress callbacks",
        mib as f64 / copy_s
    );
    println!(
        "evidence verify: {mib} MiB in {verify_s:.2} s ({:.0} MiB/s)",
        mib as f64 / verify_s
    );
}
