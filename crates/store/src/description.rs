//! The system description of an assessment: the component lists (systems, data stores, teams)
//! and each section's saved text; the drafts of unsaved sections are drawn from the facts the
//! assessment holds (profile, scope, subservice organizations, the company's CUECs).

use chrono::NaiveDate;
use preflight_assessment::{ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_description::components::Component;
use preflight_description::section::{section, DescriptionError};
use preflight_description::{assemble, ComponentKind, Facts, SectionText};
use rusqlite::params;
use uuid::Uuid;

use crate::tasks::bad;
use crate::{Store, StoreError};

/// Longest section text accepted.
pub const MAX_SECTION_CHARS: usize = 100_000;

/// What the description's drafts are drawn from, owned.
#[derive(Debug, Clone, Default)]
pub struct DescriptionFacts {
    pub company: String,
    pub service: Option<String>,
    pub report: String,
    pub window: String,
    pub type2: bool,
    pub commitments: Vec<String>,
    pub components: Vec<Component>,
    pub subservice: Vec<String>,
    pub cuecs: Vec<String>,
    pub in_scope: Vec<String>,
    pub left_out: Vec<String>,
}

impl DescriptionFacts {
    pub fn view(&self) -> Facts<'_> {
        Facts {
            company: &self.company,
            service: self.service.as_deref(),
            report: &self.report,
            window: &self.window,
            type2: self.type2,
            commitments: self.commitments.clone(),
            components: &self.components,
            subservice: self.subservice.clone(),
            cuecs: self.cuecs.clone(),
            in_scope: self.in_scope.clone(),
            left_out: self.left_out.clone(),
        }
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

impl Store {
    pub fn components(&self, assessment_id: Uuid) -> Result<Vec<Component>, StoreError> {
        self.require_assessment(assessment_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, name, detail FROM description_component WHERE assessment_id = ?1 ORDER BY kind, position",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, name, detail) = row?;
            out.push(Component {
                kind: ComponentKind::parse(&kind).ok_or_else(|| bad("component kind", &kind))?,
                name,
                detail,
            });
        }
        Ok(out)
    }

    /// Replaces one of the component lists, all or nothing.
    pub fn save_components(
        &mut self,
        assessment_id: Uuid,
        kind: ComponentKind,
        items: &[(String, String)],
    ) -> Result<Vec<Component>, StoreError> {
        self.require_assessment(assessment_id)?;
        let checked = items
            .iter()
            .filter(|(n, d)| !(n.trim().is_empty() && d.trim().is_empty()))
            .map(|(n, d)| Component::checked(kind, n, d))
            .collect::<Result<Vec<_>, _>>()?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM description_component WHERE assessment_id = ?1 AND kind = ?2",
            params![assessment_id.to_string(), kind.as_str()],
        )?;
        for (i, c) in checked.iter().enumerate() {
            tx.execute(
                "INSERT INTO description_component (assessment_id, kind, position, name, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![assessment_id.to_string(), kind.as_str(), i as i64, c.name, c.detail],
            )?;
        }
        tx.commit()?;
        Ok(checked)
    }

    /// Saves a section's text (blank: back to the draft drawn from the facts).
    pub fn save_section(
        &mut self,
        assessment_id: Uuid,
        section_id: &str,
        text: &str,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.require_assessment(assessment_id)?;
        section(section_id)?;
        let len = text.chars().count();
        if len > MAX_SECTION_CHARS {
            return Err(DescriptionError::TooLong {
                field: "section text",
                len,
                max: MAX_SECTION_CHARS,
            }
            .into());
        }
        if text.trim().is_empty() {
            self.conn.execute(
                "DELETE FROM description_section WHERE assessment_id = ?1 AND section_id = ?2",
                params![assessment_id.to_string(), section_id],
            )?;
        } else {
            self.conn.execute(
                "INSERT INTO description_section (assessment_id, section_id, text, updated_on) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (assessment_id, section_id) DO UPDATE SET text = excluded.text, updated_on = excluded.updated_on",
                params![assessment_id.to_string(), section_id, text.trim_end(), today.to_string()],
            )?;
        }
        Ok(())
    }

    /// The sections the user saved, as (section id, text).
    pub fn saved_description_sections(
        &self,
        assessment_id: Uuid,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT section_id, text FROM description_section WHERE assessment_id = ?1",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The day each saved section was last saved, by section id.
    pub fn description_section_dates(
        &self,
        assessment_id: Uuid,
    ) -> Result<Vec<(String, NaiveDate)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT section_id, updated_on FROM description_section WHERE assessment_id = ?1",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, on) = row?;
            out.push((id, crate::tasks::date(&on)?));
        }
        Ok(out)
    }

    /// What the drafts are drawn from, for this assessment.
    pub fn description_facts(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
    ) -> Result<DescriptionFacts, StoreError> {
        let a = self.assessment(assessment_id)?;
        let scope: &Scope = &a.scope;
        let type2 = scope.report_type == ReportType::Type2;
        let window = match (scope.observation, self.as_of_date(assessment_id)?) {
            (Some(p), _) => format!("{} to {}", long_date(p.start), long_date(p.end)),
            (None, Some(d)) => format!("as of {}", long_date(d)),
            (None, None) => "as of [[to fill: the report's as-of date]]".to_string(),
        };
        let mut commitments = Vec::new();
        if let Some(p) = &a.profile {
            if p.uptime_commitment {
                commitments.push("We keep the service available as promised in our customer agreements [[to fill: the uptime figure, e.g. 99.9% a month]].".to_string());
            }
            if p.confidential_data {
                commitments.push("Customer information marked confidential is seen only by the people who need it, and deleted when the contract ends.".to_string());
            }
            if p.customer_data {
                commitments.push("Customer data is protected from access by anyone not authorized, and never sold or shared.".to_string());
            }
        }
        let categories = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .map(|c| {
                    catalog
                        .category(c)
                        .map_or_else(|| c.clone(), |x| x.name.clone())
                })
                .collect()
        };
        let vendors = self.vendors(assessment_id)?;
        let subservice = vendors
            .iter()
            .filter_map(|v| {
                v.subservice.as_ref().map(|s| {
                    let relied = if s.csocs.is_empty() {
                        "[[to fill: the controls you rely on them for]]".to_string()
                    } else {
                        s.csocs.join("; ")
                    };
                    format!(
                        "{} ({} method): {}. Controls relied on: {}",
                        v.name,
                        s.method.label().to_lowercase(),
                        v.service.trim(),
                        relied
                    )
                })
            })
            .collect();
        let cuecs = self
            .customer_controls(assessment_id)?
            .into_iter()
            .map(|c| {
                if c.description.is_empty() {
                    c.title
                } else {
                    format!("{}: {}", c.title, c.description)
                }
            })
            .collect();
        Ok(DescriptionFacts {
            company: a.company.clone(),
            service: a
                .profile
                .as_ref()
                .map(|p| p.service.clone())
                .filter(|s| !s.trim().is_empty()),
            report: format!("{} {}", scope.kind.label(), scope.report_type.label()),
            window,
            type2,
            commitments,
            components: self.components(assessment_id)?,
            subservice,
            cuecs,
            in_scope: categories(&scope.categories),
            left_out: a
                .exclusions
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        catalog
                            .category(&e.category)
                            .map_or(e.category.as_str(), |c| c.name.as_str()),
                        e.justification
                    )
                })
                .collect(),
        })
    }

    /// Every section with its saved text or its draft, and whether it is complete.
    pub fn description(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
    ) -> Result<(DescriptionFacts, Vec<SectionText>), StoreError> {
        let facts = self.description_facts(catalog, assessment_id)?;
        let saved = self.saved_description_sections(assessment_id)?;
        let sections = assemble(&facts.view(), &saved)?;
        Ok((facts, sections))
    }

    /// The Type 1 report's as-of date, when set.
    pub fn as_of_date(&self, assessment_id: Uuid) -> Result<Option<NaiveDate>, StoreError> {
        let v: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT as_of FROM report_settings WHERE assessment_id = ?1",
                [assessment_id.to_string()],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| {
                if matches!(e, rusqlite::Error::QueryReturnedNoRows) {
                    Ok(None)
                } else {
                    Err(e)
                }
            })?;
        v.flatten().as_deref().map(crate::tasks::date).transpose()
    }

    /// Sets (or clears, with blank) the Type 1 report's as-of date.
    pub fn set_as_of_date(
        &mut self,
        assessment_id: Uuid,
        text: &str,
    ) -> Result<Option<NaiveDate>, StoreError> {
        self.require_assessment(assessment_id)?;
        let date = match text.trim() {
            "" => None,
            t => Some(preflight_remediation::fields::parse_date(t)?),
        };
        self.conn.execute(
            "INSERT INTO report_settings (assessment_id, as_of) VALUES (?1, ?2)
             ON CONFLICT (assessment_id) DO UPDATE SET as_of = excluded.as_of",
            params![assessment_id.to_string(), date.map(|d| d.to_string())],
        )?;
        Ok(date)
    }
}
