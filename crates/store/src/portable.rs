//! Saving an assessment to the portable JSON file and loading one back: the assessment, its
//! answers, the registers ([`crate::registers`]) and the records ([`crate::records`]). The
//! `.preflight` archive ([`crate::archive`]) is this file plus the evidence files.
//!
//! Loading is all or nothing. When this store already holds the assessment the file was saved
//! from (same id), the caller chooses: load it as a copy beside it, or replace it
//! ([`SameAssessment`]). Replacing happens in the same transaction as the load, so a file that
//! turns out bad leaves the assessment here untouched.

use std::path::Path;

use chrono::{DateTime, Utc};
use preflight_assessment::portable::{from_json, to_json_full, PortableFile};
use preflight_assessment::Assessment;
use preflight_catalog::Catalog;
use serde::Serialize;
use uuid::Uuid;

use crate::answers::upsert_answer;
use crate::assessments::insert_assessment;
use crate::records::{read_records, records_json, Records};
use crate::registers::{read_registers, registers_json, save_registers, Registers};
use crate::{Store, StoreError};

/// What to do when the file holds an assessment this store already has (same id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SameAssessment {
    /// Load it beside the one here, under a new id, with "(loaded)" after its name.
    #[default]
    Copy,
    /// Replace the one here (and everything it holds) with the file's.
    Replace,
}

/// A portable file read and checked, not saved yet.
#[derive(Debug)]
pub struct CheckedFile {
    pub file: PortableFile,
    pub registers: Registers,
    pub records: Records,
}

/// What a file holds, to show before loading it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilePreview {
    pub id: Uuid,
    pub name: String,
    pub company: String,
    pub saved_at: DateTime<Utc>,
    pub format_version: u32,
    pub answers: usize,
    pub tasks: usize,
    pub evidence: usize,
    pub duty_occurrences: usize,
    pub risks: usize,
    pub vendors: usize,
    pub policies: usize,
    pub people: usize,
    /// The name of the assessment here with the same id, when there is one: loading then asks
    /// whether to replace it or load a copy.
    pub same_here: Option<String>,
}

/// What loading did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loaded {
    pub assessment: Assessment,
    /// The assessment with the same id was replaced.
    pub replaced: bool,
    pub tasks: usize,
    pub evidence_records: usize,
    /// Evidence files put in place from an archive, checked against their SHA-256.
    pub evidence_files: usize,
    /// Evidence records in use whose file is not in this data folder (a JSON file carries the
    /// records but not the files).
    pub evidence_files_missing: usize,
}

impl CheckedFile {
    /// Reads and checks portable JSON text completely, writing nothing.
    pub fn read(catalog: &Catalog, text: &str) -> Result<CheckedFile, StoreError> {
        let file = from_json(text, catalog)?;
        let registers = read_registers(file.registers.as_ref())?;
        let records = read_records(file.records.as_ref())?;
        Ok(CheckedFile {
            file,
            registers,
            records,
        })
    }

    /// Evidence records still in use (not removed): the ones with a file.
    pub fn files_in_use(&self) -> impl Iterator<Item = &preflight_remediation::Evidence> {
        self.records
            .evidence
            .iter()
            .map(|r| &r.evidence)
            .filter(|e| e.removed_at.is_none())
    }
}

impl Store {
    /// The portable JSON text of an assessment with everything it holds.
    pub fn export_json(&self, id: Uuid) -> Result<String, StoreError> {
        let a = self.assessment(id)?;
        let answers = self.answers(id)?;
        let registers = registers_json(self, id)?;
        let records = records_json(self, id)?;
        Ok(to_json_full(
            &a,
            &answers,
            Some(registers),
            Some(records),
            Utc::now(),
        ))
    }

    /// What a checked file holds, and whether this store has the same assessment.
    pub fn preview(&self, checked: &CheckedFile) -> Result<FilePreview, StoreError> {
        let f = &checked.file;
        let a = &f.assessment;
        let same_here = if self.has_assessment(a.id)? {
            Some(self.assessment(a.id)?.name)
        } else {
            None
        };
        let r = &checked.registers;
        Ok(FilePreview {
            id: a.id,
            name: a.name.clone(),
            company: a.company.clone(),
            saved_at: f.exported_at,
            format_version: f.format_version,
            answers: f.answers.len(),
            tasks: checked.records.tasks.len(),
            evidence: checked.files_in_use().count(),
            duty_occurrences: checked.records.duty_occurrences.len(),
            risks: r.risks.len(),
            vendors: r.vendors.len(),
            policies: r.policies.len(),
            people: r.persons.len().max(r.people.len()),
            same_here,
        })
    }

    /// Loads an assessment from portable JSON text, all or nothing. When an assessment with the
    /// same id is already here (the file was saved from this machine), the loaded one gets a new
    /// id and "(loaded)" after its name, so nothing saved is overwritten.
    pub fn import_json(&mut self, catalog: &Catalog, text: &str) -> Result<Assessment, StoreError> {
        let checked = CheckedFile::read(catalog, text)?;
        Ok(self
            .load_checked(catalog, checked, SameAssessment::Copy)?
            .assessment)
    }

    /// Loads a checked file, all or nothing, copying or replacing an assessment with the same
    /// id as `same` says. Evidence files are not touched (see [`crate::archive`]).
    pub fn load_checked(
        &mut self,
        catalog: &Catalog,
        checked: CheckedFile,
        same: SameAssessment,
    ) -> Result<Loaded, StoreError> {
        let CheckedFile {
            file,
            registers,
            records,
        } = checked;
        let mut a = file.assessment;
        let exists = self.has_assessment(a.id)?;
        let replace = exists && same == SameAssessment::Replace;
        let copy = exists && same == SameAssessment::Copy;
        if copy {
            a.id = Uuid::new_v4();
            a.name = format!("{} (loaded)", a.name);
        }
        let tx = self.conn.transaction()?;
        if replace {
            tx.execute(
                "DELETE FROM assessment WHERE id = ?1",
                rusqlite::params![a.id.to_string()],
            )?;
        }
        insert_assessment(&tx, &a)?;
        for ans in &file.answers {
            upsert_answer(&tx, a.id, ans)?;
        }
        save_registers(&tx, catalog, &a, registers, &records, copy)?;
        tx.commit()?;
        Ok(Loaded {
            replaced: replace,
            tasks: records.tasks.len(),
            evidence_records: records.evidence.len(),
            evidence_files: 0,
            evidence_files_missing: 0,
            assessment: a,
        })
    }

    /// Writes the portable file of an assessment to a path.
    pub fn export_json_file(&self, id: Uuid, path: &Path) -> Result<(), StoreError> {
        let text = self.export_json(id)?;
        std::fs::write(path, text).map_err(|source| StoreError::File {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Loads an assessment from a portable file at a path (as a copy when it is already here).
    pub fn import_json_file(
        &mut self,
        catalog: &Catalog,
        path: &Path,
    ) -> Result<Assessment, StoreError> {
        let text = read_text(path)?;
        self.import_json(catalog, &text)
    }
}

/// Reads a portable JSON file's text.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::File {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
