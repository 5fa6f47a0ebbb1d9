//! The registers section of the portable file (format version 2): the people who own risks
//! and vendors, the risks and recorded risk assessments, the vendors with their report
//! reviews, and the company's own CUECs.
//!
//! On loading, every record is checked as if typed in (levels, names, criteria, questions,
//! dates) and gets a new id, so a copy loaded beside the original never collides with it.
//! Links to remediation tasks and evidence files are not carried (those are not in the file
//! yet) and are dropped on loading.

use std::collections::HashSet;

use preflight_assessment::Assessment;
use preflight_catalog::Catalog;
use preflight_remediation::People;
use preflight_risks::{Risk, RiskContext, RiskReview};
use preflight_vendors::{CustomerControl, Vendor};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::risks::{insert_risk, json};
use crate::vendors::{insert_customer_control, insert_vendor};
use crate::{Store, StoreError};
use preflight_assessment::portable::PortableError;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registers {
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub risk_reviews: Vec<RiskReview>,
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    #[serde(default)]
    pub customer_controls: Vec<CustomerControl>,
    /// The people register with everything it holds (format version 2 files written before
    /// the register existed carry only `people`, the names).
    #[serde(default)]
    pub persons: Vec<preflight_people::Person>,
    #[serde(default)]
    pub policies: Vec<preflight_policies::Policy>,
}

/// The registers of an assessment as the JSON value the portable file carries.
pub fn registers_json(store: &Store, id: Uuid) -> Result<serde_json::Value, StoreError> {
    let r = Registers {
        people: store.people(id)?.names().to_vec(),
        risks: store.risks(id)?,
        risk_reviews: store.risk_reviews(id)?,
        vendors: store.vendors(id)?,
        customer_controls: store.customer_controls(id)?,
        persons: store.persons(id)?,
        policies: store.policies(id)?,
    };
    serde_json::to_value(&r).map_err(|e| StoreError::BadValue(format!("registers: {e}")))
}

/// Reads the registers section, or none for a version 1 file.
pub fn read_registers(value: Option<&serde_json::Value>) -> Result<Registers, StoreError> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(Registers::default()),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| PortableError::WrongShape(format!("the registers section: {e}")).into()),
    }
}

/// Saves loaded registers for assessment `a` inside the caller's transaction, checking each
/// record as if it were typed in.
pub fn save_registers(
    tx: &Transaction<'_>,
    catalog: &Catalog,
    a: &Assessment,
    r: Registers,
) -> Result<(), StoreError> {
    let effective = preflight_assessment::objectives::effective_catalog(catalog, a);
    // Dates in the file are as saved; a date "in the future" of this machine's clock is still
    // refused, as typed input would be.
    let today = chrono::Local::now().date_naive();
    // The register first, checked as typed (acknowledgements come once the policies are in).
    let mut names: Vec<String> = Vec::new();
    for p in &r.persons {
        let mut input = p.to_input();
        input.acknowledgements.clear();
        let fresh = input.build(&names, today, |_, _| false)?;
        crate::people::insert_person(tx, a.id, &fresh)?;
        names.push(fresh.name);
    }
    let mut people = People::from_names(names.clone());
    let owners = r
        .risks
        .iter()
        .filter_map(|x| x.owner.clone())
        .chain(r.vendors.iter().filter_map(|v| v.owner.clone()))
        .chain(r.policies.iter().filter_map(|p| p.owner.clone()));
    for name in r.people.iter().cloned().chain(owners) {
        if people.find(&name).is_none() {
            let added = people.add(&name)?;
            tx.execute(
                "INSERT INTO person (assessment_id, name, position)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM person WHERE assessment_id = ?1))",
                params![a.id.to_string(), added],
            )?;
        }
    }
    // Policies with every version, under new ids; acknowledgements follow their policy.
    let mut policy_ids = std::collections::HashMap::new();
    for p in &r.policies {
        let fresh = crate::policies::checked_copy(p, a.id, &people, today)?;
        policy_ids.insert(p.id.to_string(), fresh.id.to_string());
        crate::policies::insert_policy(tx, &fresh)?;
    }
    for p in &r.persons {
        for ack in &p.acknowledgements {
            let Some(pid) = policy_ids.get(&ack.policy_id) else {
                continue;
            };
            tx.execute(
                "INSERT OR IGNORE INTO acknowledgement (assessment_id, person, policy_id, version, acknowledged_on)
                 SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS
                   (SELECT 1 FROM policy_version WHERE policy_id = ?3 AND number = ?4)",
                params![a.id.to_string(), p.name.trim(), pid, ack.version, ack.on.to_string()],
            )?;
        }
    }
    let no_tasks = HashSet::new();
    let cx = RiskContext {
        catalog: &effective,
        people: &people,
        task_ids: &no_tasks,
        today,
    };
    for risk in &r.risks {
        let mut input = risk.to_input();
        input.tasks.clear();
        let mut fresh = input.build(a.id, risk.starter_id.clone(), &cx)?;
        fresh.created_on = risk.created_on;
        fresh.updated_on = risk.updated_on;
        insert_risk(tx, &fresh)?;
    }
    for review in &r.risk_reviews {
        let register = serde_json::to_string(&review.register)
            .map_err(|e| StoreError::BadValue(format!("risk register snapshot: {e}")))?;
        if review.summary.trim().is_empty() || review.participants.is_empty() {
            return Err(PortableError::WrongShape(
                "a risk assessment without summary or participants".into(),
            )
            .into());
        }
        tx.execute(
            "INSERT INTO risk_review (id, assessment_id, held_on, participants, summary, register, recorded_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                Uuid::new_v4().to_string(),
                a.id.to_string(),
                review.held_on.to_string(),
                json(&review.participants),
                review.summary,
                register,
                review.recorded_on.to_string(),
            ],
        )?;
    }
    let mut names = HashSet::new();
    for v in &r.vendors {
        let input = preflight_vendors::VendorInput {
            name: v.name.clone(),
            service: v.service.clone(),
            data: v.data.as_str().into(),
            criticality: v.criticality.as_str().into(),
            contract: v.contract,
            dpa: v.dpa,
            owner: v.owner.clone(),
            last_review: v.last_review.map(|d| d.to_string()),
            next_review: v.next_review.map(|d| d.to_string()),
            subservice: v.subservice.is_some(),
            subservice_method: v.subservice.as_ref().map(|s| s.method.as_str().into()),
            csocs: v
                .subservice
                .as_ref()
                .map(|s| s.csocs.clone())
                .unwrap_or_default(),
        };
        let mut fresh = input.build(a.id, &people, today)?;
        if !names.insert(preflight_vendors::vendor::name_key(&fresh.name)) {
            return Err(preflight_vendors::VendorError::DuplicateName(fresh.name).into());
        }
        fresh.created_on = v.created_on;
        fresh.report = v.report.clone().map(|mut rep| {
            rep.evidence_id = None;
            for c in &mut rep.cuecs {
                c.task_id = None;
                c.id = Uuid::new_v4();
            }
            for e in &mut rep.exceptions {
                e.id = Uuid::new_v4();
            }
            rep
        });
        insert_vendor(tx, &fresh)?;
    }
    for c in &r.customer_controls {
        let input = preflight_vendors::CustomerControlInput {
            title: c.title.clone(),
            description: c.description.clone(),
            criteria: c.criteria.clone(),
        };
        let fresh = input.build(&effective, a.id, c.starter_id.clone())?;
        insert_customer_control(tx, &fresh)?;
    }
    Ok(())
}
