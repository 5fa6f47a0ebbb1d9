//! The .docx opens in LibreOffice Writer (as an auditor or an editor without Word would open it)
//! and prints to a PDF; its text, exported by LibreOffice, holds what we wrote. Needs LibreOffice
//! Writer (`libreoffice-writer-nogui` on Debian). Set PREFLIGHT_SKIP_LIBREOFFICE=1 to skip on a
//! machine without it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::sample;
use preflight_documents::{to_docx, write_atomic, Document};

fn libreoffice() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|bin| {
        Command::new(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Converts `files` to `format` in `out` with a fresh profile; the converted paths, in order.
fn convert(bin: &str, format: &str, files: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().expect("profile dir");
    let run = Command::new(bin)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("run libreoffice");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "libreoffice failed: {said}");
    let ext = format.split(':').next().expect("extension");
    files
        .iter()
        .map(|f| {
            let converted = out.join(f.with_extension(ext).file_name().expect("name"));
            assert!(
                converted.exists(),
                "LibreOffice did not convert {} (is libreoffice-writer-nogui installed?): {said}",
                f.display()
            );
            converted
        })
        .collect()
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

fn unicode_sample() -> Document {
    Document {
        title: "Politique de sécurité 🔐".into(),
        cover: vec![
            ("Owner".into(), "דנה רואיס".into()),
            ("Approved by".into(), "[[to fill: approver]]".into()),
        ],
        body: "# מדיניות אבטחה\n\nهذه السياسة تنطبق على جميع الموظفين.\n\n\
               - Ship it 🚀 with **care** ✅\n- `=SUM(A1)` stays text, and so does { PAGE }\n"
            .into(),
    }
}

#[test]
fn libreoffice_opens_the_docx_and_prints_it() {
    if std::env::var_os("PREFLIGHT_SKIP_LIBREOFFICE").is_some() {
        eprintln!("skipped: PREFLIGHT_SKIP_LIBREOFFICE is set");
        return;
    }
    let bin = libreoffice().expect(
        "LibreOffice is not installed: install libreoffice-writer-nogui (or set PREFLIGHT_SKIP_LIBREOFFICE=1)",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for (name, doc) in [
        ("policy.docx", sample()),
        ("unicode.docx", unicode_sample()),
    ] {
        let path = dir.path().join(name);
        write_atomic(&path, &to_docx(&doc).expect("docx")).expect("saved");
        files.push(path);
    }
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    for pdf in convert(bin, "pdf", &files, &out) {
        let bytes = std::fs::read(&pdf).expect("pdf");
        assert!(bytes.starts_with(b"%PDF"), "not a PDF");
        assert!(bytes.len() > 10_000, "PDF too small: {} bytes", bytes.len());
        assert!(page_count(&bytes) >= 1, "no page");
    }

    // What LibreOffice read, as plain text: everything we wrote is there.
    let texts = convert(bin, "txt:Text (encoded):UTF8", &files, &out);
    let policy = std::fs::read_to_string(&texts[0]).expect("text");
    for wanted in [
        "Access Control Policy",
        "Version",
        "Dana Ruiz",
        "Approved by",
        "2027-03-01",
        "Purpose",
        "Leaving the company",
        "Access is granted on the principle of least privilege.",
        "Hardware keys are preferred for administrators.",
        "HR tells [[to fill: name of the HR lead]] on the last working day.",
        "systems.md",
    ] {
        assert!(policy.contains(wanted), "{wanted:?} not in {policy}");
    }
    let unicode = std::fs::read_to_string(&texts[1]).expect("text");
    for wanted in [
        "Politique de sécurité 🔐",
        "דנה רואיס",
        "[[to fill: approver]]",
        "מדיניות אבטחה",
        "هذه السياسة تنطبق على جميع الموظفين.",
        "Ship it 🚀 with care ✅",
        "=SUM(A1) stays text, and so does { PAGE }",
    ] {
        assert!(unicode.contains(wanted), "{wanted:?} not in {unicode}");
    }
}
