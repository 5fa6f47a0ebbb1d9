//! The workbook opens in LibreOffice (as an auditor without Excel would open it) and prints to
//! a non-empty PDF. Needs LibreOffice (`libreoffice-calc-nogui` on Debian; CI installs it via
//! .ci/deps.sh). Set PREFLIGHT_SKIP_LIBREOFFICE=1 to skip on a machine without it.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use preflight_workbook::{write_with, AuditorEntry, AuditorStatus, WorkbookExtras, WorkbookInput};

fn libreoffice() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|bin| {
        Command::new(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn convert(bin: &str, xlsx: &Path, out: &Path) -> std::path::PathBuf {
    let profile = tempfile::tempdir().expect("profile dir");
    let status = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(xlsx)
        .output()
        .expect("run libreoffice");
    assert!(
        status.status.success(),
        "libreoffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = out.join(xlsx.with_extension("pdf").file_name().expect("name"));
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF at {}", pdf.display()));
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 10_000, "PDF too small: {} bytes", bytes.len());
    pdf
}

/// Page objects in a PDF: "/Type/Page" (or "/Type /Page") not followed by "s".
fn page_count(pdf: &[u8]) -> usize {
    let mut n = 0;
    for pat in [&b"/Type/Page"[..], &b"/Type /Page"[..]] {
        n += pdf
            .windows(pat.len() + 1)
            .filter(|w| &w[..pat.len()] == pat && w[pat.len()] != b's')
            .count();
    }
    n
}

#[test]
fn libreoffice_prints_the_workbook_to_pdf() {
    if std::env::var_os("PREFLIGHT_SKIP_LIBREOFFICE").is_some() {
        eprintln!("skipped: PREFLIGHT_SKIP_LIBREOFFICE is set");
        return;
    }
    let bin = libreoffice().expect(
        "LibreOffice is not installed: install libreoffice-calc-nogui (or set PREFLIGHT_SKIP_LIBREOFFICE=1)",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let auditor = vec![AuditorEntry {
        question_id: "cc6-mfa".into(),
        comment: "Seen the policy.".into(),
        status: Some(AuditorStatus::Agreed),
    }];
    for (name, a, answers) in [
        ("soc2.xlsx", soc2(), soc2_answers()),
        ("soc1.xlsx", soc1(), Vec::new()),
    ] {
        let xlsx = dir.path().join(name);
        // Tasks, evidence and recurring duties on the SOC 2 Type 2 workbook.
        let fixture = data(&a);
        let calendar = fixture.calendar(&a);
        let remediation = if a.scope.kind == preflight_assessment::ReportKind::Soc2 {
            fixture.remediation(calendar.as_ref())
        } else {
            Default::default()
        };
        write_with(
            &WorkbookInput {
                catalog: catalog(),
                assessment: &a,
                answers: &answers,
                prepared_at: at(),
            },
            &WorkbookExtras {
                prepared_by: None,
                auditor: &auditor,
                remediation,
                registers: Default::default(),
                requests: &[],
            },
            &xlsx,
        )
        .expect("workbook");
        let pdf = convert(bin, &xlsx, dir.path());
        // Every sheet printed: the PDF has at least one page per sheet.
        let pages = page_count(&std::fs::read(&pdf).expect("pdf"));
        let sheets = preflight_workbook::sheet_names(&a).len();
        assert!(pages >= sheets, "{name}: {pages} pages for {sheets} sheets");
    }
}
