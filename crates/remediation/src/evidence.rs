//! Evidence: files a company keeps to show a control works, attached to a question or a task.
//!
//! This module holds what needs no file system: the record, the stored file's name, copying a
//! stream in chunks while computing its SHA-256 with progress, and the verification report.
//! The store does the file work (free space, temp file then rename, deletion).

use std::io::{self, Read, Write};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::RemediationError;

/// Files are copied and hashed this many bytes at a time.
pub const CHUNK_BYTES: usize = 1024 * 1024;
/// The folder, inside the data folder, that holds every stored evidence file.
pub const EVIDENCE_DIR: &str = "evidence";
/// The longest stored file name part taken from the original name, in characters.
pub const MAX_STORED_NAME_CHARS: usize = 100;

/// What a piece of evidence is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceTarget {
    Question { question_id: String },
    Task { task_id: Uuid },
}

/// The record of one stored evidence file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub id: Uuid,
    pub assessment_id: Uuid,
    /// The file's name where it came from, as the user knows it.
    pub original_name: String,
    /// Where the copy is, relative to the data folder, with `/` between parts:
    /// `evidence/<assessment id>/<evidence id>-<sanitized original name>`.
    pub stored_path: String,
    pub size: u64,
    /// SHA-256 of the content, 64 lowercase hex digits.
    pub sha256: String,
    pub collected_on: NaiveDate,
    /// The linked question, when attached to a question.
    pub question_id: Option<String>,
    /// The linked task, when attached to a task (cleared if that task is later deleted).
    pub task_id: Option<Uuid>,
    /// When it was removed; the record is kept, the file is deleted.
    pub removed_at: Option<DateTime<Utc>>,
}

impl Evidence {
    pub fn is_removed(&self) -> bool {
        self.removed_at.is_some()
    }
}

/// A file name safe on every desktop system, from a user's file name: letters (any script),
/// digits, `.`, `-` and `_` are kept; spaces and everything else become `_`; runs of `_` are
/// merged; leading dots (hidden files) and trailing dots and spaces are dropped; names Windows
/// reserves (`CON`, `NUL`, `COM1`…) get a `_` in front; at most
/// [`MAX_STORED_NAME_CHARS`] characters, the extension kept. Never empty.
pub fn sanitize_file_name(original: &str) -> String {
    let mut out = String::new();
    for c in original.chars() {
        let keep = c.is_alphanumeric() || matches!(c, '.' | '-' | '_');
        let c = if keep { c } else { '_' };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out
        .trim_start_matches(['.', '_'])
        .trim_end_matches(['.', '_', ' '])
        .to_string();
    let mut name = if trimmed.is_empty() {
        "file".to_string()
    } else {
        trimmed
    };
    if name.chars().count() > MAX_STORED_NAME_CHARS {
        let (stem, ext) = match name.rfind('.') {
            Some(i) if name.len() - i <= 12 && i > 0 => (&name[..i], &name[i..]),
            _ => (name.as_str(), ""),
        };
        let keep = MAX_STORED_NAME_CHARS.saturating_sub(ext.chars().count());
        name = stem.chars().take(keep).collect::<String>() + ext;
    }
    let stem_upper = name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
    let reserved = RESERVED.contains(&stem_upper.as_str())
        || ((stem_upper.starts_with("COM") || stem_upper.starts_with("LPT"))
            && stem_upper.len() == 4
            && stem_upper[3..].chars().all(|c| c.is_ascii_digit()));
    if reserved {
        name.insert(0, '_');
    }
    name
}

/// The stored path of an evidence file, relative to the data folder.
pub fn stored_path(assessment_id: Uuid, evidence_id: Uuid, original_name: &str) -> String {
    format!(
        "{EVIDENCE_DIR}/{assessment_id}/{evidence_id}-{}",
        sanitize_file_name(original_name)
    )
}

/// Checks there is room for a file before copying it.
pub fn check_space(needed: u64, available: u64) -> Result<(), RemediationError> {
    if needed > available {
        return Err(RemediationError::NotEnoughSpace { needed, available });
    }
    Ok(())
}

/// What a copy produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub bytes: u64,
    pub sha256: String,
}

/// Copies `from` to `to` in chunks of [`CHUNK_BYTES`], computing the SHA-256 of what was
/// copied. `progress(done, total)` is called once before the first chunk and after every
/// chunk; the last call has `done == total` (the total grows if the source turns out longer
/// than announced).
pub fn copy_hashing(
    from: &mut impl Read,
    to: &mut impl Write,
    total: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> io::Result<Copied> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK_BYTES];
    let mut done: u64 = 0;
    progress(0, total);
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = &buf[..n];
        hasher.update(chunk);
        to.write_all(chunk)?;
        done += n as u64;
        progress(done, total.max(done));
    }
    to.flush()?;
    if done < total {
        // The source was shorter than announced: end the bar at what there was.
        progress(done, done);
    }
    Ok(Copied {
        bytes: done,
        sha256: hex(&hasher.finalize()),
    })
}

/// Reads a stream to its end, computing its SHA-256; `progress(bytes)` after every chunk.
pub fn hash_reader(from: &mut impl Read, progress: &mut dyn FnMut(u64)) -> io::Result<Copied> {
    copy_hashing(from, &mut io::sink(), 0, &mut |done, _| progress(done))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// What verification found for one stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FileState {
    /// Content as recorded.
    Intact,
    /// The file is there but its content differs from what was stored.
    Tampered { sha256: String, size: u64 },
    /// The file is not in the evidence folder any more.
    Missing,
    /// The file is there but could not be read.
    Unreadable { message: String },
}

/// One evidence file and what verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileCheck {
    pub evidence: Evidence,
    #[serde(flatten)]
    pub state: FileState,
}

/// The result of re-hashing every stored evidence file of an assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerificationReport {
    /// How many files were checked (removed evidence is not).
    pub checked: usize,
    pub intact: usize,
    /// Files whose content changed since they were stored.
    pub tampered: Vec<FileCheck>,
    pub missing: Vec<FileCheck>,
    pub unreadable: Vec<FileCheck>,
}

impl VerificationReport {
    pub fn add(&mut self, check: FileCheck) {
        self.checked += 1;
        match check.state {
            FileState::Intact => self.intact += 1,
            FileState::Tampered { .. } => self.tampered.push(check),
            FileState::Missing => self.missing.push(check),
            FileState::Unreadable { .. } => self.unreadable.push(check),
        }
    }

    /// Every file checked is intact.
    pub fn all_intact(&self) -> bool {
        self.intact == self.checked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(
            sanitize_file_name("Access review Q1.pdf"),
            "Access_review_Q1.pdf"
        );
        assert_eq!(sanitize_file_name("../../etc/passwd"), "etc_passwd");
        assert_eq!(sanitize_file_name("a<b>:c\"d|e?f*.txt"), "a_b_c_d_e_f_.txt");
        assert_eq!(sanitize_file_name(".hidden"), "hidden");
        assert_eq!(sanitize_file_name("trail. . "), "trail");
        assert_eq!(sanitize_file_name("CON.txt"), "_CON.txt");
        assert_eq!(sanitize_file_name("com1"), "_com1");
        assert_eq!(sanitize_file_name("computer.txt"), "computer.txt");
        assert_eq!(sanitize_file_name("\u{0}\n"), "file");
        assert_eq!(sanitize_file_name(""), "file");
        assert_eq!(
            sanitize_file_name("Überprüfung 報告.docx"),
            "Überprüfung_報告.docx"
        );
        let long = format!("{}.xlsx", "x".repeat(300));
        let s = sanitize_file_name(&long);
        assert_eq!(s.chars().count(), MAX_STORED_NAME_CHARS);
        assert!(s.ends_with(".xlsx"));
    }

    #[test]
    fn stored_paths_have_the_ids() {
        let a = Uuid::new_v4();
        let e = Uuid::new_v4();
        assert_eq!(
            stored_path(a, e, "My file.pdf"),
            format!("evidence/{a}/{e}-My_file.pdf")
        );
    }

    #[test]
    fn hashes_match_known_values() {
        let c = hash_reader(&mut &b"abc"[..], &mut |_| {}).expect("hash");
        assert_eq!(
            c.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let empty = hash_reader(&mut io::empty(), &mut |_| {}).expect("hash");
        assert_eq!(
            empty.sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn copying_reports_progress_up_to_the_total() {
        let data: Vec<u8> = (0..(CHUNK_BYTES * 2 + 10))
            .map(|i| (i % 251) as u8)
            .collect();
        let mut out = Vec::new();
        let mut calls = Vec::new();
        let c = copy_hashing(&mut &data[..], &mut out, data.len() as u64, &mut |d, t| {
            calls.push((d, t))
        })
        .expect("copy");
        assert_eq!(out, data);
        assert_eq!(c.bytes, data.len() as u64);
        let n = data.len() as u64;
        assert_eq!(calls.first(), Some(&(0, n)));
        assert_eq!(calls.last(), Some(&(n, n)));
        assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(
            c.sha256,
            hash_reader(&mut &data[..], &mut |_| {}).expect("h").sha256
        );
    }

    #[test]
    fn space_is_checked_before_copying() {
        assert!(check_space(10, 10).is_ok());
        let e = check_space(11, 10).expect_err("no room");
        assert_eq!(e.code(), "not_enough_space");
        assert!(e.to_string().contains("nothing was copied"), "{e}");
    }
}
