//! Evidence files: copied into `<data dir>/evidence/<assessment id>/<evidence id>-<name>`,
//! hashed while copying, verified later, and removed with a record kept.
//!
//! Copying a large file takes a while. [`Store::attach_evidence`] does everything in one call;
//! an app that must not hold the store while copying can do the same in three steps:
//! [`Store::check_evidence_target`], [`copy_into_store`] (no store needed), then
//! [`Store::record_evidence`], which deletes the copy if the record cannot be saved.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use chrono::{NaiveDate, Utc};
use preflight_catalog::Catalog;
use preflight_remediation::evidence::{
    check_space, copy_hashing, hash_reader, stored_path, FileCheck, FileState, EVIDENCE_DIR,
};
use preflight_remediation::{Evidence, EvidenceTarget, RemediationError, VerificationReport};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::assessments::timestamp;
use crate::tasks::{bad, date, uuid};
use crate::{Store, StoreError};

/// A file to attach.
#[derive(Debug, Clone)]
pub struct AttachRequest {
    pub assessment_id: Uuid,
    pub target: EvidenceTarget,
    /// The file to copy in.
    pub source: PathBuf,
    pub collected_on: NaiveDate,
}

/// A file copied into the evidence folder, not yet recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedFile {
    pub evidence_id: Uuid,
    pub assessment_id: Uuid,
    pub original_name: String,
    /// Relative to the data folder.
    pub stored_path: String,
    pub size: u64,
    pub sha256: String,
}

impl Store {
    /// Copies a file into the evidence folder of `data_dir` (the folder the store was opened
    /// in) and records it. `progress(bytes done, total)` is called as the copy goes, the last
    /// time with done equal to total. Refused before anything is copied when the source is
    /// missing, unreadable or a folder, or when it is larger than the free space on the disk;
    /// a copy that fails midway leaves nothing behind.
    pub fn attach_evidence(
        &mut self,
        catalog: &Catalog,
        data_dir: &Path,
        request: &AttachRequest,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Evidence, StoreError> {
        self.check_evidence_target(catalog, request.assessment_id, &request.target)?;
        let copied = copy_into_store(
            data_dir,
            request.assessment_id,
            Uuid::new_v4(),
            &request.source,
            progress,
        )?;
        self.record_evidence(
            catalog,
            data_dir,
            copied,
            request.target.clone(),
            request.collected_on,
        )
    }

    /// Checks the assessment exists and evidence can be attached to the target: a question in
    /// the catalog, or a task of this assessment.
    pub fn check_evidence_target(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
        target: &EvidenceTarget,
    ) -> Result<(), StoreError> {
        self.require_assessment(assessment_id)?;
        check_target(&self.conn, catalog, assessment_id, target)
    }

    /// Records a file copied by [`copy_into_store`]. If the record cannot be saved, the copy is
    /// deleted.
    pub fn record_evidence(
        &mut self,
        catalog: &Catalog,
        data_dir: &Path,
        copied: CopiedFile,
        target: EvidenceTarget,
        collected_on: NaiveDate,
    ) -> Result<Evidence, StoreError> {
        let path = resolve_stored_path(data_dir, &copied.stored_path)?;
        let result = self.insert_evidence(catalog, copied, target, collected_on);
        if result.is_err() {
            let _ = fs::remove_file(&path);
        }
        result
    }

    fn insert_evidence(
        &mut self,
        catalog: &Catalog,
        copied: CopiedFile,
        target: EvidenceTarget,
        collected_on: NaiveDate,
    ) -> Result<Evidence, StoreError> {
        self.require_assessment(copied.assessment_id)?;
        let tx = self.conn.transaction()?;
        check_target(&tx, catalog, copied.assessment_id, &target)?;
        let (question_id, task_id) = match target {
            EvidenceTarget::Question { question_id } => (Some(question_id), None),
            EvidenceTarget::Task { task_id } => (None, Some(task_id)),
        };
        let e = Evidence {
            id: copied.evidence_id,
            assessment_id: copied.assessment_id,
            original_name: copied.original_name,
            stored_path: copied.stored_path,
            size: copied.size,
            sha256: copied.sha256,
            collected_on,
            question_id,
            task_id,
            removed_at: None,
        };
        insert_evidence_row(&tx, &e)?;
        tx.commit()?;
        Ok(e)
    }

    /// The evidence of an assessment still in use (not removed), oldest first.
    pub fn evidence(&self, assessment_id: Uuid) -> Result<Vec<Evidence>, StoreError> {
        self.require_assessment(assessment_id)?;
        self.evidence_where("assessment_id = ?1 AND removed_at IS NULL", assessment_id)
    }

    /// The evidence of an assessment that was removed: what it was and when it was removed.
    pub fn removed_evidence(&self, assessment_id: Uuid) -> Result<Vec<Evidence>, StoreError> {
        self.require_assessment(assessment_id)?;
        self.evidence_where(
            "assessment_id = ?1 AND removed_at IS NOT NULL",
            assessment_id,
        )
    }

    /// One evidence record, removed or not.
    pub fn evidence_item(&self, id: Uuid) -> Result<Evidence, StoreError> {
        self.evidence_where("id = ?1", id)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::UnknownEvidence(id.to_string()))
    }

    fn evidence_where(&self, filter: &str, id: Uuid) -> Result<Vec<Evidence>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, assessment_id, original_name, stored_path, size, sha256, collected_on,
                    question_id, task_id, removed_at, rowid
             FROM evidence WHERE {filter}"
        ))?;
        let rows = stmt.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, i64>(10)?,
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                ),
                (
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                rowid,
                (id, aid, original_name, stored_path, size),
                (sha256, on, qid, tid, removed),
            ) = row?;
            out.push((
                rowid,
                Evidence {
                    id: uuid(&id)?,
                    assessment_id: uuid(&aid)?,
                    original_name,
                    stored_path,
                    size: u64::try_from(size).map_err(|_| bad("size", &size.to_string()))?,
                    sha256,
                    collected_on: date(&on)?,
                    question_id: qid,
                    task_id: tid.as_deref().map(uuid).transpose()?,
                    removed_at: removed.as_deref().map(timestamp).transpose()?,
                },
            ));
        }
        // Oldest first, as added: put in order here rather than by SQLite, whose ORDER BY
        // sorted every row whole in a temporary b-tree (five times the reading, 20,000 files).
        out.sort_unstable_by_key(|(rowid, e)| (e.collected_on, *rowid));
        Ok(out.into_iter().map(|(_, e)| e).collect())
    }

    /// Re-hashes every stored evidence file of an assessment (removed evidence excepted) and
    /// reports the ones whose content changed (tampered), the missing and the unreadable ones.
    /// `progress(bytes done, total)` follows the bytes read.
    pub fn verify_evidence(
        &self,
        data_dir: &Path,
        assessment_id: Uuid,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<VerificationReport, StoreError> {
        Ok(verify_files(
            data_dir,
            &self.evidence(assessment_id)?,
            progress,
        ))
    }

    /// Removes evidence (the user confirmed first): the file is deleted from the evidence
    /// folder, the record is kept with the time it was removed. Removing it again changes
    /// nothing.
    pub fn remove_evidence(&mut self, data_dir: &Path, id: Uuid) -> Result<Evidence, StoreError> {
        let mut e = self.evidence_item(id)?;
        if e.is_removed() {
            return Ok(e);
        }
        let path = resolve_stored_path(data_dir, &e.stored_path)?;
        let now = Utc::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE evidence SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL",
            params![id.to_string(), now.to_rfc3339()],
        )?;
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::EvidenceDelete { path, source }),
        }
        tx.commit()?;
        e.removed_at = Some(now);
        Ok(e)
    }
}

fn check_target(
    conn: &Connection,
    catalog: &Catalog,
    assessment_id: Uuid,
    target: &EvidenceTarget,
) -> Result<(), StoreError> {
    match target {
        EvidenceTarget::Question { question_id } => {
            if catalog.question(question_id).is_none() {
                return Err(RemediationError::UnknownQuestion(question_id.clone()).into());
            }
        }
        EvidenceTarget::Task { task_id } => {
            let found = conn
                .query_row(
                    "SELECT 1 FROM task WHERE id = ?1 AND assessment_id = ?2",
                    params![task_id.to_string(), assessment_id.to_string()],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if !found {
                return Err(StoreError::UnknownTask(task_id.to_string()));
            }
        }
    }
    Ok(())
}

/// Saves an evidence record (inside the caller's transaction).
pub(crate) fn insert_evidence_row(conn: &Connection, e: &Evidence) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO evidence (id, assessment_id, original_name, stored_path, size, sha256,
                               collected_on, question_id, task_id, removed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            e.id.to_string(),
            e.assessment_id.to_string(),
            e.original_name,
            e.stored_path,
            i64::try_from(e.size).map_err(|_| bad("size", &e.size.to_string()))?,
            e.sha256,
            e.collected_on.to_string(),
            e.question_id,
            e.task_id.map(|t| t.to_string()),
            e.removed_at.map(|t| t.to_rfc3339()),
        ],
    )?;
    Ok(())
}

/// The absolute path of a stored file. The stored path must be `evidence/…` made of plain
/// names only, so a hand-edited database can never point outside the evidence folder.
pub fn resolve_stored_path(data_dir: &Path, stored: &str) -> Result<PathBuf, StoreError> {
    let parts: Vec<&str> = stored.split('/').collect();
    let plain = |p: &&str| {
        !p.is_empty()
            && !p.contains(['\\', ':', '\0'])
            && matches!(
                Path::new(p).components().collect::<Vec<_>>()[..],
                [Component::Normal(_)]
            )
    };
    if parts.len() < 2 || parts[0] != EVIDENCE_DIR || !parts.iter().all(plain) {
        return Err(bad("evidence path", stored));
    }
    Ok(parts
        .iter()
        .fold(data_dir.to_path_buf(), |p, part| p.join(part)))
}

/// Deletes the evidence folder of an assessment (after the assessment itself was deleted).
pub fn delete_evidence_folder(data_dir: &Path, assessment_id: Uuid) -> Result<(), StoreError> {
    let dir = data_dir.join(EVIDENCE_DIR).join(assessment_id.to_string());
    match fs::remove_dir_all(&dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::File { path: dir, source }),
    }
}

/// Deletes a half-written file when dropped, unless kept.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// A reader that remembers whether reading failed, to tell a bad source from a bad target.
struct Source<R> {
    inner: R,
    failed: bool,
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).inspect_err(|e| {
            if e.kind() != io::ErrorKind::Interrupted {
                self.failed = true;
            }
        })
    }
}

/// Copies `source` into `<data_dir>/evidence/<assessment id>/<evidence id>-<sanitized name>`
/// in 1 MiB chunks, computing its SHA-256 on the way; `progress(done, total)` after each chunk.
/// The copy is written under a temporary name, flushed to disk, then renamed, so a failure
/// leaves nothing half-written. Refused before copying when the source is missing, a folder
/// or unreadable, or when it is larger than the free space where it would go.
pub fn copy_into_store(
    data_dir: &Path,
    assessment_id: Uuid,
    evidence_id: Uuid,
    source: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<CopiedFile, StoreError> {
    let unreadable = |source_err: io::Error| match source_err.kind() {
        io::ErrorKind::NotFound => StoreError::EvidenceSourceMissing(source.to_path_buf()),
        _ => StoreError::EvidenceSourceUnreadable {
            path: source.to_path_buf(),
            source: source_err,
        },
    };
    let meta = fs::metadata(source).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(StoreError::EvidenceSourceNotAFile(source.to_path_buf()));
    }
    let total = meta.len();
    let original_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_string());
    let rel = stored_path(assessment_id, evidence_id, &original_name);
    let dest = resolve_stored_path(data_dir, &rel)?;
    let copy_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::EvidenceCopy { path, source }
    };
    let dir = dest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| data_dir.to_path_buf());
    fs::create_dir_all(&dir).map_err(copy_err(&dir))?;
    // When the free space cannot be read, the copy itself will say if the disk fills up.
    if let Ok(available) = fs4::available_space(&dir) {
        check_space(total, available)?;
    }
    let file = File::open(source).map_err(unreadable)?;
    let mut reader = Source {
        inner: file,
        failed: false,
    };
    let temp_name = format!(
        ".{}.part",
        dest.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| evidence_id.to_string())
    );
    let temp_path = dir.join(temp_name);
    let mut temp = TempFile {
        path: temp_path.clone(),
        keep: false,
    };
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp_path)
        .map_err(copy_err(&dir))?;
    let copied = match copy_hashing(&mut reader, &mut out, total, progress) {
        Ok(c) => c,
        Err(e) if reader.failed => return Err(unreadable(e)),
        Err(e) => return Err(copy_err(&dir)(e)),
    };
    out.sync_all().map_err(copy_err(&dir))?;
    drop(out);
    fs::rename(&temp_path, &dest).map_err(copy_err(&dir))?;
    temp.keep = true;
    Ok(CopiedFile {
        evidence_id,
        assessment_id,
        original_name,
        stored_path: rel,
        size: copied.bytes,
        sha256: copied.sha256,
    })
}

/// Re-hashes stored evidence files and reports what changed. Removed evidence is skipped.
pub fn verify_files(
    data_dir: &Path,
    evidence: &[Evidence],
    progress: &mut dyn FnMut(u64, u64),
) -> VerificationReport {
    let active: Vec<&Evidence> = evidence.iter().filter(|e| !e.is_removed()).collect();
    let total: u64 = active.iter().map(|e| e.size).sum();
    let mut done_before: u64 = 0;
    let mut report = VerificationReport::default();
    progress(0, total);
    for e in active {
        let state = match check_file(data_dir, e, &mut |n| progress(done_before + n, total)) {
            Ok(s) => s,
            Err(message) => FileState::Unreadable { message },
        };
        done_before += e.size;
        progress(done_before.min(total), total);
        report.add(FileCheck {
            evidence: e.clone(),
            state,
        });
    }
    report
}

fn check_file(
    data_dir: &Path,
    e: &Evidence,
    progress: &mut dyn FnMut(u64),
) -> Result<FileState, String> {
    let path = resolve_stored_path(data_dir, &e.stored_path).map_err(|err| err.to_string())?;
    let mut file = match File::open(&path) {
        Ok(f) => f,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(err) => return Err(err.to_string()),
    };
    let mut capped = |n: u64| progress(n.min(e.size));
    let hashed = hash_reader(&mut file, &mut capped).map_err(|err| err.to_string())?;
    if hashed.sha256 == e.sha256 && hashed.bytes == e.size {
        Ok(FileState::Intact)
    } else {
        Ok(FileState::Tampered {
            sha256: hashed.sha256,
            size: hashed.bytes,
        })
    }
}
