//! An assessment: one company's readiness for one report, and the rules for making one.

use chrono::{DateTime, Utc};
use preflight_catalog::Catalog;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{AssessmentError, Scope};

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
    fn ids_must_parse() {
        assert_eq!(
            parse_id("nope").expect_err("bad").code(),
            "invalid_assessment_id"
        );
    }
}
