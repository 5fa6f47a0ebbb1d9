//! Vendors of an assessment with the review of their SOC reports, the CSV import, and the
//! company's own CUECs. Each save is its own transaction; an import saves all its good rows
//! in one, or nothing.

use chrono::NaiveDate;
use preflight_assessment::{ReportKind, ReportType};
use preflight_catalog::Catalog;
use preflight_remediation::{NewTask, Priority, Task};
use preflight_vendors::customer_controls::starter_cuec;
use preflight_vendors::import::{preview, ImportPreview};
use preflight_vendors::report::{ReportException, VendorCuec};
use preflight_vendors::vendor::name_key;
use preflight_vendors::{
    Criticality, CuecStatus, CustomerControl, CustomerControlInput, DataClass, Method, Opinion,
    ReportInput, SocReview, Subservice, Vendor, VendorError, VendorInput,
};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::risks::{json, list, placeholders};
use crate::tasks::{bad, date, insert_task, people_of, uuid};
use crate::{Store, StoreError};

/// What an accepted import saved.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportResult {
    pub report: ImportPreview,
    pub saved: usize,
    pub people_added: Vec<String>,
}

impl Store {
    /// The vendors of an assessment, in the order they were added, with their report reviews.
    pub fn vendors(&self, assessment_id: Uuid) -> Result<Vec<Vendor>, StoreError> {
        self.require_assessment(assessment_id)?;
        load_vendors(&self.conn, assessment_id)
    }

    pub fn vendor(&self, id: Uuid) -> Result<Vendor, StoreError> {
        load_vendor(&self.conn, id)?.ok_or_else(|| StoreError::UnknownVendor(id.to_string()))
    }

    pub fn create_vendor(
        &mut self,
        assessment_id: Uuid,
        input: &VendorInput,
        today: NaiveDate,
    ) -> Result<Vendor, StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let v = input.build(assessment_id, &people, today)?;
        refuse_duplicate(&tx, assessment_id, &v.name, None)?;
        insert_vendor(&tx, &v)?;
        tx.commit()?;
        Ok(v)
    }

    /// Saves an edit made on `version`; refused with `stale_version` when the vendor changed.
    pub fn update_vendor(
        &mut self,
        id: Uuid,
        version: u32,
        input: &VendorInput,
        today: NaiveDate,
    ) -> Result<Vendor, StoreError> {
        let current = self.vendor(id)?;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, current.assessment_id)?;
        let next = current.edit(version, input, &people, today)?;
        refuse_duplicate(&tx, current.assessment_id, &next.name, Some(id))?;
        let mut values = vendor_values(&next);
        values.push(Box::new(version));
        let n = tx.execute(
            &format!(
                "UPDATE vendor SET ({VENDOR_COLUMNS}) = ({}) WHERE id = ?1 AND version = ?{}",
                placeholders(VENDOR_COLUMN_COUNT),
                VENDOR_COLUMN_COUNT + 1
            ),
            rusqlite::params_from_iter(values),
        )?;
        if n == 0 {
            return Err(VendorError::StaleVersion {
                yours: version,
                saved: current.version,
            }
            .into());
        }
        tx.commit()?;
        Ok(next)
    }

    pub fn delete_vendor(&mut self, id: Uuid) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM vendor WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::UnknownVendor(id.to_string()));
        }
        Ok(())
    }

    /// Records (or replaces) the review of a vendor's SOC report. CUECs that keep their id
    /// keep their task. The stored report file must be an evidence file of the assessment.
    pub fn save_vendor_report(
        &mut self,
        vendor_id: Uuid,
        input: &ReportInput,
        today: NaiveDate,
    ) -> Result<Vendor, StoreError> {
        let current = self.vendor(vendor_id)?;
        let tx = self.conn.transaction()?;
        let aid = current.assessment_id.to_string();
        let evidence_ok = |e: Uuid| {
            tx.query_row(
                "SELECT 1 FROM evidence WHERE id = ?1 AND assessment_id = ?2 AND removed_at IS NULL",
                params![e.to_string(), aid],
                |_| Ok(()),
            )
            .optional()
            .ok()
            .flatten()
            .is_some()
        };
        let review = input.build(current.report.as_ref(), today, evidence_ok)?;
        // Task links must still point at tasks of this assessment.
        tx.execute(
            "DELETE FROM vendor_report WHERE vendor_id = ?1",
            [vendor_id.to_string()],
        )?;
        insert_report(&tx, vendor_id, &review)?;
        tx.execute(
            "UPDATE vendor SET version = version + 1 WHERE id = ?1",
            [vendor_id.to_string()],
        )?;
        tx.commit()?;
        self.vendor(vendor_id)
    }

    pub fn remove_vendor_report(&mut self, vendor_id: Uuid) -> Result<Vendor, StoreError> {
        self.vendor(vendor_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM vendor_report WHERE vendor_id = ?1",
            [vendor_id.to_string()],
        )?;
        tx.execute(
            "UPDATE vendor SET version = version + 1 WHERE id = ?1",
            [vendor_id.to_string()],
        )?;
        tx.commit()?;
        self.vendor(vendor_id)
    }

    /// A CUEC of a vendor the company does not run becomes a gap with a task, in one action:
    /// the task is created (high priority, CC9.2) and linked to the CUEC.
    pub fn task_from_vendor_cuec(
        &mut self,
        catalog: &Catalog,
        vendor_id: Uuid,
        cuec_id: Uuid,
        today: NaiveDate,
    ) -> Result<Task, StoreError> {
        let v = self.vendor(vendor_id)?;
        let a = self.assessment(v.assessment_id)?;
        let cuec = v
            .report
            .as_ref()
            .and_then(|r| r.cuecs.iter().find(|c| c.id == cuec_id))
            .ok_or_else(|| VendorError::UnknownCuec(cuec_id.to_string()))?;
        if cuec.status != CuecStatus::NotRun {
            return Err(VendorError::CuecAlreadyRun.into());
        }
        if cuec.task_id.is_some() {
            return Err(VendorError::CuecHasTask.into());
        }
        let criteria = if a.scope.kind == ReportKind::Soc1 {
            vec![]
        } else {
            vec!["CC9.2".to_string()]
        };
        let title: String = format!("Run {}'s customer control: {}", v.name, cuec.description)
            .chars()
            .take(preflight_remediation::fields::MAX_TITLE_CHARS)
            .collect();
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, v.assessment_id)?;
        let task = NewTask {
            title,
            question_id: None,
            criteria,
            priority: Priority::High,
            owner: v.owner.clone(),
            due: None,
            notes: format!(
                "{} relies on its customers to run this control (a CUEC in its SOC report). Until we run it, the vendor's controls cannot be relied on for this part.\n\nThe CUEC as the report states it: {}",
                v.name, cuec.description
            ),
        }
        .build(&effective, v.assessment_id, &people, today)?;
        insert_task(&tx, &task)?;
        tx.execute(
            "UPDATE vendor_cuec SET task_id = ?2 WHERE id = ?1",
            params![cuec_id.to_string(), task.id.to_string()],
        )?;
        tx.execute(
            "UPDATE vendor SET version = version + 1 WHERE id = ?1",
            [vendor_id.to_string()],
        )?;
        tx.commit()?;
        Ok(task)
    }

    /// Reads a vendor CSV and reports row by row what would be taken; saves nothing.
    pub fn preview_vendor_import(
        &self,
        assessment_id: Uuid,
        bytes: &[u8],
        today: NaiveDate,
    ) -> Result<ImportPreview, StoreError> {
        self.require_assessment(assessment_id)?;
        let existing: Vec<String> = load_vendors(&self.conn, assessment_id)?
            .into_iter()
            .map(|v| v.name)
            .collect();
        let people = people_of(&self.conn, assessment_id)?;
        Ok(preview(bytes, &existing, &people, today)?)
    }

    /// Imports a vendor CSV: with any row rejected nothing is saved unless `good_rows_only`.
    /// Owners not yet on the people list are added. One transaction.
    pub fn import_vendors(
        &mut self,
        assessment_id: Uuid,
        bytes: &[u8],
        good_rows_only: bool,
        today: NaiveDate,
    ) -> Result<ImportResult, StoreError> {
        let report = self.preview_vendor_import(assessment_id, bytes, today)?;
        let accepted = report.accepted(good_rows_only)?;
        let tx = self.conn.transaction()?;
        for p in &accepted.new_people {
            tx.execute(
                "INSERT INTO person (assessment_id, name, position)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM person WHERE assessment_id = ?1))",
                params![assessment_id.to_string(), p],
            )?;
        }
        let people = people_of(&tx, assessment_id)?;
        for input in &accepted.vendors {
            let v = input.build(assessment_id, &people, today)?;
            refuse_duplicate(&tx, assessment_id, &v.name, None)?;
            insert_vendor(&tx, &v)?;
        }
        tx.commit()?;
        Ok(ImportResult {
            saved: accepted.vendors.len(),
            people_added: accepted.new_people,
            report,
        })
    }

    // ---- the company's own CUECs ----

    pub fn customer_controls(
        &self,
        assessment_id: Uuid,
    ) -> Result<Vec<CustomerControl>, StoreError> {
        self.require_assessment(assessment_id)?;
        load_customer_controls(&self.conn, assessment_id)
    }

    pub fn add_customer_control(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        input: &CustomerControlInput,
    ) -> Result<CustomerControl, StoreError> {
        let a = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let c = input.build(&effective, assessment_id, None)?;
        insert_customer_control(&self.conn, &c)?;
        Ok(c)
    }

    pub fn update_customer_control(
        &mut self,
        catalog: &Catalog,
        id: Uuid,
        input: &CustomerControlInput,
    ) -> Result<CustomerControl, StoreError> {
        let aid: Option<String> = self
            .conn
            .query_row(
                "SELECT assessment_id FROM customer_control WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let aid = uuid(&aid.ok_or_else(|| StoreError::UnknownCustomerControl(id.to_string()))?)?;
        let a = self.assessment(aid)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let mut c = input.build(&effective, aid, None)?;
        c.id = id;
        self.conn.execute(
            "UPDATE customer_control SET title = ?2, description = ?3, criteria = ?4 WHERE id = ?1",
            params![id.to_string(), c.title, c.description, json(&c.criteria)],
        )?;
        Ok(load_customer_controls(&self.conn, aid)?
            .into_iter()
            .find(|x| x.id == id)
            .unwrap_or(c))
    }

    pub fn delete_customer_control(&mut self, id: Uuid) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "DELETE FROM customer_control WHERE id = ?1",
            [id.to_string()],
        )?;
        if n == 0 {
            return Err(StoreError::UnknownCustomerControl(id.to_string()));
        }
        Ok(())
    }

    /// Adopts starter customer controls, all or nothing; those already adopted are skipped.
    pub fn adopt_starter_cuecs(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        starter_ids: &[String],
    ) -> Result<Vec<CustomerControl>, StoreError> {
        let a = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let tx = self.conn.transaction()?;
        let existing = load_customer_controls(&tx, assessment_id)?;
        let mut out = Vec::new();
        for id in starter_ids {
            let s = starter_cuec(id.trim())?;
            if existing
                .iter()
                .chain(out.iter())
                .any(|c: &CustomerControl| c.starter_id.as_deref() == Some(&s.id))
            {
                continue;
            }
            let c = s
                .to_input()
                .build(&effective, assessment_id, Some(s.id.clone()))?;
            insert_customer_control(&tx, &c)?;
            out.push(c);
        }
        tx.commit()?;
        Ok(out)
    }
}

fn refuse_duplicate(
    conn: &Connection,
    assessment_id: Uuid,
    name: &str,
    except: Option<Uuid>,
) -> Result<(), StoreError> {
    let other: Option<String> = conn
        .query_row(
            "SELECT name FROM vendor WHERE assessment_id = ?1 AND name_key = ?2 AND id <> ?3",
            params![
                assessment_id.to_string(),
                name_key(name),
                except.map(|u| u.to_string()).unwrap_or_default()
            ],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(n) => Err(VendorError::DuplicateName(n).into()),
        None => Ok(()),
    }
}

const VENDOR_COLUMNS: &str = "id, assessment_id, name, name_key, service, data_class, criticality, contract, dpa, owner, last_review, next_review, subservice_method, csocs, created_on, version";
const VENDOR_COLUMN_COUNT: usize = 16;

/// A vendor's values in the order of [`VENDOR_COLUMNS`].
fn vendor_values(v: &Vendor) -> Vec<Box<dyn rusqlite::ToSql>> {
    let sub = v.subservice.as_ref();
    vec![
        Box::new(v.id.to_string()),
        Box::new(v.assessment_id.to_string()),
        Box::new(v.name.clone()),
        Box::new(name_key(&v.name)),
        Box::new(v.service.clone()),
        Box::new(v.data.as_str()),
        Box::new(v.criticality.as_str()),
        Box::new(v.contract),
        Box::new(v.dpa),
        Box::new(v.owner.clone()),
        Box::new(v.last_review.map(|d| d.to_string())),
        Box::new(v.next_review.map(|d| d.to_string())),
        Box::new(sub.map(|s| s.method.as_str())),
        Box::new(json(sub.map_or(&[][..], |s| &s.csocs[..]))),
        Box::new(v.created_on.to_string()),
        Box::new(v.version),
    ]
}

pub(crate) fn insert_vendor(conn: &Connection, v: &Vendor) -> Result<(), StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO vendor ({VENDOR_COLUMNS}, position) VALUES ({},
             (SELECT coalesce(max(position), 0) + 1 FROM vendor WHERE assessment_id = ?2))",
            placeholders(VENDOR_COLUMN_COUNT)
        ),
        rusqlite::params_from_iter(vendor_values(v)),
    )?;
    if let Some(r) = &v.report {
        insert_report(conn, v.id, r)?;
    }
    Ok(())
}

pub(crate) fn insert_report(
    conn: &Connection,
    vendor_id: Uuid,
    r: &SocReview,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO vendor_report (vendor_id, kind, report_type, period_start, period_end, audit_firm, opinion,
            reviewed_on, bridge_letter_on, evidence_id, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            vendor_id.to_string(),
            kind_str(r.kind),
            type_str(r.report_type),
            r.period_start.map(|d| d.to_string()),
            r.period_end.to_string(),
            r.audit_firm,
            r.opinion.as_str(),
            r.reviewed_on.map(|d| d.to_string()),
            r.bridge_letter_on.map(|d| d.to_string()),
            r.evidence_id.map(|e| e.to_string()),
            r.notes,
        ],
    )?;
    for (i, e) in r.exceptions.iter().enumerate() {
        conn.execute(
            "INSERT INTO vendor_exception (id, vendor_id, position, description, response) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![e.id.to_string(), vendor_id.to_string(), i as i64, e.description, e.response],
        )?;
    }
    for (i, c) in r.cuecs.iter().enumerate() {
        // A task link survives only while the task exists in the same assessment.
        let task = match c.task_id {
            Some(t) => conn
                .query_row(
                    "SELECT t.id FROM task t JOIN vendor v ON v.assessment_id = t.assessment_id
                     WHERE t.id = ?1 AND v.id = ?2",
                    params![t.to_string(), vendor_id.to_string()],
                    |r| r.get::<_, String>(0),
                )
                .optional()?,
            None => None,
        };
        conn.execute(
            "INSERT INTO vendor_cuec (id, vendor_id, position, description, status, how, task_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                c.id.to_string(),
                vendor_id.to_string(),
                i as i64,
                c.description,
                c.status.as_str(),
                c.how,
                task
            ],
        )?;
    }
    Ok(())
}

fn kind_str(k: ReportKind) -> &'static str {
    match k {
        ReportKind::Soc1 => "soc1",
        ReportKind::Soc2 => "soc2",
        ReportKind::Soc3 => "soc3",
    }
}

fn type_str(t: ReportType) -> &'static str {
    match t {
        ReportType::Type1 => "type1",
        ReportType::Type2 => "type2",
    }
}

fn opt_date(s: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    s.as_deref().map(date).transpose()
}

type VendorRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    i64,
);

const VENDOR_SELECT: &str =
    "SELECT id, assessment_id, name, service, data_class, criticality, contract, dpa, owner,
    last_review, next_review, subservice_method, csocs, created_on, version FROM vendor";

fn vendor_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<VendorRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
        r.get(14)?,
    ))
}

fn parse_vendor(conn: &Connection, row: VendorRow) -> Result<Vendor, StoreError> {
    let (
        id,
        aid,
        name,
        service,
        data,
        crit,
        contract,
        dpa,
        owner,
        last,
        next,
        method,
        csocs,
        created,
        version,
    ) = row;
    let id = uuid(&id)?;
    let subservice = match method {
        None => None,
        Some(m) => Some(Subservice {
            method: Method::parse(&m).map_err(|_| bad("subservice method", &m))?,
            csocs: list(&csocs)?,
        }),
    };
    Ok(Vendor {
        id,
        assessment_id: uuid(&aid)?,
        name,
        service,
        data: DataClass::parse(&data).map_err(|_| bad("data class", &data))?,
        criticality: Criticality::parse(&crit).map_err(|_| bad("criticality", &crit))?,
        contract: contract != 0,
        dpa: dpa != 0,
        owner,
        last_review: opt_date(last)?,
        next_review: opt_date(next)?,
        subservice,
        report: load_report(conn, id)?,
        created_on: date(&created)?,
        version: u32::try_from(version).map_err(|_| bad("version", &version.to_string()))?,
    })
}

fn load_report(conn: &Connection, vendor_id: Uuid) -> Result<Option<SocReview>, StoreError> {
    let row = conn
        .query_row(
            "SELECT kind, report_type, period_start, period_end, audit_firm, opinion, reviewed_on,
                bridge_letter_on, evidence_id, notes FROM vendor_report WHERE vendor_id = ?1",
            [vendor_id.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?;
    let Some((kind, rtype, start, end, firm, opinion, reviewed, bridge, evidence, notes)) = row
    else {
        return Ok(None);
    };
    let vid = vendor_id.to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT id, description, response FROM vendor_exception WHERE vendor_id = ?1 ORDER BY position",
    )?;
    let exceptions = stmt
        .query_map([&vid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .map(|x| {
            let (id, description, response) = x?;
            Ok(ReportException {
                id: uuid(&id)?,
                description,
                response,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, description, status, how, task_id FROM vendor_cuec WHERE vendor_id = ?1 ORDER BY position",
    )?;
    let cuecs = stmt
        .query_map([&vid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .map(|x| {
            let (id, description, status, how, task) = x?;
            Ok(VendorCuec {
                id: uuid(&id)?,
                description,
                status: CuecStatus::parse(&status).map_err(|_| bad("CUEC status", &status))?,
                how,
                task_id: task.as_deref().map(uuid).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(SocReview {
        kind: ReportKind::parse(&kind).map_err(|_| bad("report kind", &kind))?,
        report_type: ReportType::parse(&rtype).map_err(|_| bad("report type", &rtype))?,
        period_start: opt_date(start)?,
        period_end: date(&end)?,
        audit_firm: firm,
        opinion: Opinion::parse(&opinion).map_err(|_| bad("opinion", &opinion))?,
        reviewed_on: opt_date(reviewed)?,
        exceptions,
        cuecs,
        bridge_letter_on: opt_date(bridge)?,
        evidence_id: evidence.as_deref().map(uuid).transpose()?,
        notes,
    }))
}

pub(crate) fn load_vendors(
    conn: &Connection,
    assessment_id: Uuid,
) -> Result<Vec<Vendor>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{VENDOR_SELECT} WHERE assessment_id = ?1 ORDER BY position, rowid"
    ))?;
    let rows = stmt
        .query_map([assessment_id.to_string()], vendor_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|r| parse_vendor(conn, r)).collect()
}

fn load_vendor(conn: &Connection, id: Uuid) -> Result<Option<Vendor>, StoreError> {
    let row = conn
        .query_row(
            &format!("{VENDOR_SELECT} WHERE id = ?1"),
            [id.to_string()],
            vendor_row,
        )
        .optional()?;
    row.map(|r| parse_vendor(conn, r)).transpose()
}

pub(crate) fn insert_customer_control(
    conn: &Connection,
    c: &CustomerControl,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO customer_control (id, assessment_id, position, starter_id, title, description, criteria)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM customer_control WHERE assessment_id = ?2), ?3, ?4, ?5, ?6)",
        params![c.id.to_string(), c.assessment_id.to_string(), c.starter_id, c.title, c.description, json(&c.criteria)],
    )?;
    Ok(())
}

pub(crate) fn load_customer_controls(
    conn: &Connection,
    assessment_id: Uuid,
) -> Result<Vec<CustomerControl>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, starter_id, title, description, criteria FROM customer_control
         WHERE assessment_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, starter_id, title, description, criteria)| {
            Ok(CustomerControl {
                id: uuid(&id)?,
                assessment_id,
                starter_id,
                title,
                description,
                criteria: list(&criteria)?,
            })
        })
        .collect()
}
