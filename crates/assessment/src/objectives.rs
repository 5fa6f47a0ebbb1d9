//! SOC 1 control objectives belong to the company: it picks templates from the catalog, can
//! reword them for its service, and can add objectives of its own. This module keeps those
//! per-assessment texts and builds the assessment's *effective catalog*: the shared catalog
//! with the reworded objectives and, for each objective of the company's own, two questions
//! (is there a control that meets it; is there a record each time it runs).
//!
//! The effective catalog is also where texts are rendered for the report type (see
//! [`preflight_catalog::render`]): every screen, the workbook and the CSV read it, so none of
//! them shows a placeholder or speaks of "the period" to a Type 1 user.

use std::borrow::Cow;

use preflight_catalog::{Catalog, Objective, Question, Severity, Wording};
use serde::{Deserialize, Serialize};

use crate::{Assessment, AssessmentError, ReportType};

/// The area the company's own objectives are listed under.
pub const OWN_AREA: &str = "Your own objectives";
const MAX_TITLE: usize = 200;
const MAX_STATEMENT: usize = 2_000;

/// The wording of one SOC 1 objective for one assessment: a reworded template, or (when
/// `custom`) an objective of the company's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveText {
    pub id: String,
    pub title: String,
    pub statement: String,
    #[serde(default)]
    pub custom: bool,
}

fn clean(text: &str, field: &'static str, max: usize) -> Result<String, AssessmentError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AssessmentError::EmptyObjectiveText(field));
    }
    let len = t.chars().count();
    if len > max {
        return Err(AssessmentError::TooLong { field, len, max });
    }
    Ok(t.to_string())
}

impl Assessment {
    /// Rewords an objective in scope (a template or one of the company's own).
    pub fn reword_objective(
        &mut self,
        id: &str,
        title: &str,
        statement: &str,
    ) -> Result<(), AssessmentError> {
        if !self.scope.objectives.iter().any(|o| o == id) {
            return Err(AssessmentError::UnknownObjective(id.to_string()));
        }
        let title = clean(title, "objective title", MAX_TITLE)?;
        let statement = clean(statement, "objective statement", MAX_STATEMENT)?;
        match self.objective_texts.iter_mut().find(|t| t.id == id) {
            Some(t) => {
                t.title = title;
                t.statement = statement;
            }
            None => self.objective_texts.push(ObjectiveText {
                id: id.to_string(),
                title,
                statement,
                custom: false,
            }),
        }
        Ok(())
    }

    /// Adds an objective of the company's own to a SOC 1 assessment and returns its id.
    pub fn add_own_objective(
        &mut self,
        title: &str,
        statement: &str,
    ) -> Result<String, AssessmentError> {
        if self.scope.kind.uses_trust_services_criteria() {
            return Err(AssessmentError::ObjectivesForSoc1Only);
        }
        let title = clean(title, "objective title", MAX_TITLE)?;
        let statement = clean(statement, "objective statement", MAX_STATEMENT)?;
        let n = self
            .objective_texts
            .iter()
            .filter_map(|t| {
                t.id.strip_prefix("OWN-")
                    .and_then(|n| n.parse::<u32>().ok())
            })
            .max()
            .unwrap_or(0)
            + 1;
        let id = format!("OWN-{n}");
        self.objective_texts.push(ObjectiveText {
            id: id.clone(),
            title,
            statement,
            custom: true,
        });
        self.scope.objectives.push(id.clone());
        Ok(id)
    }
}

/// The questions that assess an objective of the company's own.
pub fn own_objective_questions(o: &ObjectiveText) -> Vec<Question> {
    vec![
        Question {
            id: format!("{}/design", o.id),
            text: format!("Is there a control in place today that meets your objective \u{201c}{}\u{201d}?", o.title),
            guidance: format!(
                "A named control (what is done, by whom, how often) that achieves: \u{201c}{}\u{201d}, written down in a procedure the people who run it can find.",
                o.statement
            ),
            evidence: "The control description and procedure, and who performs it.".into(),
            criteria: vec![],
            objectives: vec![o.id.clone()],
            points: vec![],
            severity: Severity::High,
            type2_only: false,
        },
        Question {
            id: format!("{}/records", o.id),
            text: "Does every run of that control leave a record (ticket, log, sign-off) an auditor can sample?".into(),
            guidance: "Each time the control runs there is a dated record showing who did it and what they found, kept for at least a year after the report that relies on it.".into(),
            evidence: "The list of every run {in_period} and a sample of the records.".into(),
            criteria: vec![],
            objectives: vec![o.id.clone()],
            points: vec![],
            severity: Severity::Medium,
            type2_only: false,
        },
    ]
}

/// Whether a question maps to every SOC 1 objective template of the catalog: it is asked for
/// any SOC 1 scope, whatever objectives are chosen.
pub fn maps_to_every_template(catalog: &Catalog, q: &Question) -> bool {
    !catalog.objectives.is_empty()
        && catalog
            .objectives
            .iter()
            .all(|o| q.objectives.iter().any(|id| *id == o.id))
}

/// The wording of catalog texts for a report type.
pub fn wording(report_type: ReportType) -> Wording {
    match report_type {
        ReportType::Type1 => Wording::Type1,
        ReportType::Type2 => Wording::Type2,
    }
}

/// The catalog as this assessment sees it: texts rendered for its report type, reworded
/// objectives, and the company's own objectives with their questions. Borrowed when the
/// assessment rewords nothing and the shared catalog is the embedded one (rendered once per
/// report type).
pub fn effective_catalog<'a>(base: &'a Catalog, a: &Assessment) -> Cow<'a, Catalog> {
    effective_for(base, a.scope.report_type, &a.objective_texts)
}

/// As [`effective_catalog`], from the report type and the objective texts alone.
pub fn effective_for<'a>(
    base: &'a Catalog,
    report_type: ReportType,
    texts: &[ObjectiveText],
) -> Cow<'a, Catalog> {
    let w = wording(report_type);
    if texts.is_empty() {
        if base.wording == Some(w) {
            return Cow::Borrowed(base);
        }
        if let Ok(embedded) = preflight_catalog::embedded() {
            if std::ptr::eq(base, embedded) {
                if let Ok(rendered) = preflight_catalog::embedded::embedded_for(w) {
                    return Cow::Borrowed(rendered);
                }
            }
        }
        return Cow::Owned(base.rendered(w));
    }
    let mut objectives = base.objectives.clone();
    let mut questions = base.questions.clone();
    for t in texts {
        if t.custom {
            // Questions asked for every SOC 1 objective (customer and subservice controls)
            // cover the company's own objectives too.
            for q in questions
                .iter_mut()
                .filter(|q| maps_to_every_template(base, q))
            {
                if !q.objectives.contains(&t.id) {
                    q.objectives.push(t.id.clone());
                }
            }
            objectives.push(Objective {
                id: t.id.clone(),
                area: OWN_AREA.into(),
                title: t.title.clone(),
                statement: t.statement.clone(),
            });
            questions.extend(own_objective_questions(t));
        } else if let Some(o) = objectives.iter_mut().find(|o| o.id == t.id) {
            o.title = t.title.clone();
            o.statement = t.statement.clone();
        }
    }
    Cow::Owned(
        Catalog::new(
            base.categories.clone(),
            base.series.clone(),
            base.criteria.clone(),
            objectives,
            questions,
        )
        .rendered(w),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NewAssessment, ReportKind, ReportType, Scope};
    use chrono::Utc;

    fn soc1() -> Assessment {
        let c = preflight_catalog::embedded().expect("catalog");
        NewAssessment {
            name: None,
            company: "Payroll Co".into(),
            scope: Scope {
                kind: ReportKind::Soc1,
                report_type: ReportType::Type1,
                categories: vec![],
                objectives: vec!["ITGC-LA".into()],
                observation: None,
            },
        }
        .build(c, Utc::now())
        .expect("valid")
    }

    #[test]
    fn the_effective_catalog_is_rendered_for_the_report_type() {
        let base = preflight_catalog::embedded().expect("catalog");
        let mut a = soc1();
        a.add_own_objective("Tax tables", "Tax tables are updated when rates change.")
            .expect("add");
        for (t, w) in [
            (ReportType::Type1, Wording::Type1),
            (ReportType::Type2, Wording::Type2),
        ] {
            a.scope.report_type = t;
            let eff = effective_catalog(base, &a);
            assert_eq!(eff.wording, Some(w));
            for q in &eff.questions {
                for text in [&q.text, &q.guidance, &q.evidence] {
                    assert!(!text.contains('{'), "{} keeps a placeholder: {text}", q.id);
                }
            }
            let own = eff.question("OWN-1/records").expect("own question");
            assert_eq!(
                own.evidence.contains("the months before the report date"),
                t == ReportType::Type1
            );
            assert!(
                preflight_catalog::validate::validate(&eff).is_empty(),
                "{t:?}: {:?}",
                preflight_catalog::validate::validate(&eff)
            );
        }
        a.objective_texts.clear();
        a.scope.report_type = ReportType::Type1;
        let borrowed = effective_catalog(base, &a);
        assert!(matches!(borrowed, Cow::Borrowed(_)));
        assert_eq!(borrowed.wording, Some(Wording::Type1));
    }

    #[test]
    fn rewording_changes_the_effective_objective_only() {
        let base = preflight_catalog::embedded().expect("catalog");
        let mut a = soc1();
        assert!(matches!(effective_catalog(base, &a), Cow::Borrowed(_)));
        a.reword_objective(
            "ITGC-LA",
            "Access to the payroll engine",
            "Only approved staff reach the payroll engine.",
        )
        .expect("reword");
        let eff = effective_catalog(base, &a);
        assert_eq!(
            eff.objective("ITGC-LA").map(|o| o.title.as_str()),
            Some("Access to the payroll engine")
        );
        assert_ne!(
            base.objective("ITGC-LA").map(|o| o.title.as_str()),
            Some("Access to the payroll engine")
        );
        assert_eq!(
            a.reword_objective("ITGC-CM", "x", "y")
                .expect_err("not in scope")
                .code(),
            "unknown_objective"
        );
        assert_eq!(
            a.reword_objective("ITGC-LA", " ", "y")
                .expect_err("empty")
                .code(),
            "empty_objective_text"
        );
    }

    #[test]
    fn own_objectives_come_with_their_questions_and_join_the_scope() {
        let base = preflight_catalog::embedded().expect("catalog");
        let mut a = soc1();
        let id = a
            .add_own_objective("Tax tables", "Tax tables are updated when rates change.")
            .expect("add");
        assert_eq!(id, "OWN-1");
        assert_eq!(
            a.add_own_objective("Second", "Another.").expect("add"),
            "OWN-2"
        );
        let eff = effective_catalog(base, &a);
        let scope = a
            .scope
            .clone()
            .normalized(&eff)
            .expect("scope valid against the effective catalog");
        let qs: Vec<_> = scope
            .questions(&eff)
            .filter(|q| q.objectives.contains(&id) && !maps_to_every_template(base, q))
            .map(|q| q.id.clone())
            .collect();
        assert_eq!(qs, vec!["OWN-1/design", "OWN-1/records"]);
        assert!(
            preflight_catalog::validate::validate(&eff).is_empty(),
            "the effective catalog is still sound"
        );
        let mut soc2 = soc1();
        soc2.scope.kind = ReportKind::Soc2;
        assert_eq!(
            soc2.add_own_objective("x", "y").expect_err("soc2").code(),
            "objectives_for_soc1_only"
        );
    }
}
