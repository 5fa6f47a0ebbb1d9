//! An assessment: one company's readiness for one report, and the rules for making one.

use chrono::{DateTime, Utc};
use preflight_catalog::Catalog;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::profile::CompanyProfile;
use crate::{AssessmentError, Scope};

/// Longest justification accepted for leaving a category out.
pub const MAX_JUSTIFICATION_CHARS: usize = 2_000;

/// A Trust Services category left out of scope, and why (auditors ask).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    pub category: String,
    pub justification: String,
}

/// Longest company or assessment name accepted.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Uuid,
    /// What the user calls it, e.g. "SOC 2 readiness 2026".
    pub name: String,
    pub company: String,
    pub scope: Scope,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Optional categories left out, each with the user's justification.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// The scoping wizard's answers, when the wizard was used.
    #[serde(default)]
    pub profile: Option<CompanyProfile>,
    /// SOC 1 objectives reworded for this company, and objectives of its own.
    #[serde(default)]
    pub objective_texts: Vec<crate::objectives::ObjectiveText>,
}

impl Assessment {
    /// Records the wizard's profile and the justifications for categories left out. Each
    /// exclusion must name an optional category that is not in scope, once, with a reason.
    pub fn set_scoping(
        &mut self,
        catalog: &Catalog,
        exclusions: Vec<Exclusion>,
        profile: Option<CompanyProfile>,
    ) -> Result<(), AssessmentError> {
        let mut clean: Vec<Exclusion> = Vec::new();
        for e in exclusions {
            let cat = catalog
                .category(&e.category)
                .ok_or_else(|| AssessmentError::UnknownCategory(e.category.clone()))?;
            if !self.scope.kind.uses_trust_services_criteria() {
                return Err(AssessmentError::CategoriesForSoc1);
            }
            if cat.required
                || self.scope.categories.contains(&cat.id)
                || clean.iter().any(|x| x.category == cat.id)
            {
                return Err(AssessmentError::ExclusionInScope(cat.name.clone()));
            }
            let justification = e.justification.trim();
            if justification.is_empty() {
                return Err(AssessmentError::EmptyJustification(cat.name.clone()));
            }
            let len = justification.chars().count();
            if len > MAX_JUSTIFICATION_CHARS {
                return Err(AssessmentError::TooLong {
                    field: "justification",
                    len,
                    max: MAX_JUSTIFICATION_CHARS,
                });
            }
            clean.push(Exclusion {
                category: cat.id.clone(),
                justification: justification.to_string(),
            });
        }
        // Keep catalog order.
        clean.sort_by_key(|e| catalog.categories.iter().position(|c| c.id == e.category));
        self.exclusions = clean;
        self.profile = profile;
        Ok(())
    }

    /// The justification recorded for leaving a category out, if any.
    pub fn exclusion(&self, category: &str) -> Option<&str> {
        self.exclusions
            .iter()
            .find(|e| e.category == category)
            .map(|e| e.justification.as_str())
    }
}

/// What the user enters to create an assessment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewAssessment {
    /// Optional: a name is made from the company and scope when left empty.
    #[serde(default)]
    pub name: Option<String>,
    pub company: String,
    pub scope: Scope,
}

impl NewAssessment {
    /// Validates the input and the scope, and makes the assessment.
    pub fn build(
        self,
        catalog: &Catalog,
        now: DateTime<Utc>,
    ) -> Result<Assessment, AssessmentError> {
        let company = clean_name(&self.company, "company name").map_err(|e| match e {
            AssessmentError::EmptyName => AssessmentError::EmptyCompany,
            e => e,
        })?;
        let scope = self.scope.normalized(catalog)?;
        let name = match self.name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => clean_name(n, "assessment name")?,
            _ => format!(
                "{} {} {} readiness {}",
                company,
                scope.kind.label(),
                scope.report_type.label(),
                now.format("%Y")
            ),
        };
        Ok(Assessment {
            id: Uuid::new_v4(),
            name,
            company,
            scope,
            created_at: now,
            updated_at: now,
            exclusions: Vec::new(),
            profile: None,
            objective_texts: Vec::new(),
        })
    }
}

/// Trims a name and checks it is neither empty nor too long.
pub fn clean_name(raw: &str, field: &'static str) -> Result<String, AssessmentError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AssessmentError::EmptyName);
    }
    let len = name.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(AssessmentError::TooLong {
            field,
            len,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(name.to_string())
}

/// Parses an assessment id given as text.
pub fn parse_id(s: &str) -> Result<Uuid, AssessmentError> {
    Uuid::parse_str(s.trim()).map_err(|_| AssessmentError::InvalidAssessmentId(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReportKind, ReportType};

    fn input(company: &str) -> NewAssessment {
        NewAssessment {
            name: None,
            company: company.into(),
            scope: Scope {
                kind: ReportKind::Soc2,
                report_type: ReportType::Type1,
                categories: vec![],
                objectives: vec![],
                observation: None,
            },
        }
    }

    fn catalog() -> &'static Catalog {
        preflight_catalog::embedded().expect("catalog")
    }

    #[test]
    fn empty_company_is_rejected() {
        let e = input("   ")
            .build(catalog(), Utc::now())
            .expect_err("empty");
        assert_eq!(e, AssessmentError::EmptyCompany);
        assert!(e.to_string().contains("company name is empty"));
    }

    #[test]
    fn a_name_is_made_when_none_is_given() {
        let a = input(" Acme ").build(catalog(), Utc::now()).expect("valid");
        assert_eq!(a.company, "Acme");
        assert!(
            a.name.starts_with("Acme SOC 2 Type 1 readiness "),
            "{}",
            a.name
        );
        assert_eq!(a.scope.categories, vec!["security"]);
    }

    #[test]
    fn long_names_are_rejected() {
        let mut i = input("Acme");
        i.name = Some("n".repeat(MAX_NAME_CHARS + 1));
        assert_eq!(
            i.build(catalog(), Utc::now()).expect_err("long").code(),
            "too_long"
        );
    }

    #[test]
    fn exclusions_need_an_optional_category_out_of_scope_and_a_reason() {
        let mut i = input("Acme");
        i.scope.categories = vec!["privacy".into()];
        let mut a = i.build(catalog(), Utc::now()).expect("valid");
        let ex = |c: &str, j: &str| Exclusion {
            category: c.into(),
            justification: j.into(),
        };
        let code = |r: Result<(), AssessmentError>| r.expect_err("refused").code();
        assert_eq!(
            code(a.set_scoping(catalog(), vec![ex("security", "no")], None)),
            "exclusion_in_scope"
        );
        assert_eq!(
            code(a.set_scoping(catalog(), vec![ex("privacy", "no")], None)),
            "exclusion_in_scope"
        );
        assert_eq!(
            code(a.set_scoping(catalog(), vec![ex("availability", "  ")], None)),
            "empty_justification"
        );
        assert_eq!(
            code(a.set_scoping(catalog(), vec![ex("speed", "x")], None)),
            "unknown_category"
        );
        assert!(a.exclusions.is_empty(), "refusals change nothing");
        a.set_scoping(
            catalog(),
            vec![
                ex("confidentiality", " No confidential data "),
                ex("availability", "No SLA"),
            ],
            None,
        )
        .expect("valid");
        assert_eq!(a.exclusions[0].category, "availability");
        assert_eq!(a.exclusion("confidentiality"), Some("No confidential data"));
    }

    #[test]
    fn ids_must_parse() {
        assert_eq!(
            parse_id("nope").expect_err("bad").code(),
            "invalid_assessment_id"
        );
    }
}
