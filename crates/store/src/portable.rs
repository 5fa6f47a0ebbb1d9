//! Saving an assessment to the portable JSON file and loading one back.

use std::path::Path;

use chrono::Utc;
use preflight_assessment::portable::{from_json, to_json_with};
use preflight_assessment::Assessment;
use preflight_catalog::Catalog;
use uuid::Uuid;

use crate::answers::upsert_answer;
use crate::assessments::insert_assessment;
use crate::registers::{read_registers, registers_json, save_registers};
use crate::{Store, StoreError};

impl Store {
    /// The portable JSON text of an assessment and its answers.
    pub fn export_json(&self, id: Uuid) -> Result<String, StoreError> {
        let a = self.assessment(id)?;
        let answers = self.answers(id)?;
        let registers = registers_json(self, id)?;
        Ok(to_json_with(&a, &answers, Some(registers), Utc::now()))
    }

    /// Loads an assessment from portable JSON text, all or nothing. When an assessment with the
    /// same id is already here (the file was saved from this machine), the loaded one gets a new
    /// id and "(loaded)" after its name, so nothing saved is overwritten.
    pub fn import_json(&mut self, catalog: &Catalog, text: &str) -> Result<Assessment, StoreError> {
        let file = from_json(text, catalog)?;
        let registers = read_registers(file.registers.as_ref())?;
        let mut a = file.assessment;
        if self.has_assessment(a.id)? {
            a.id = Uuid::new_v4();
            a.name = format!("{} (loaded)", a.name);
        }
        let tx = self.conn.transaction()?;
        insert_assessment(&tx, &a)?;
        for ans in &file.answers {
            upsert_answer(&tx, a.id, ans)?;
        }
        save_registers(&tx, catalog, &a, registers)?;
        tx.commit()?;
        Ok(a)
    }

    /// Writes the portable file of an assessment to a path.
    pub fn export_json_file(&self, id: Uuid, path: &Path) -> Result<(), StoreError> {
        let text = self.export_json(id)?;
        std::fs::write(path, text).map_err(|source| StoreError::File {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Loads an assessment from a portable file at a path.
    pub fn import_json_file(
        &mut self,
        catalog: &Catalog,
        path: &Path,
    ) -> Result<Assessment, StoreError> {
        let bytes = std::fs::read(path).map_err(|source| StoreError::File {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8_lossy(&bytes);
        self.import_json(catalog, &text)
    }
}
