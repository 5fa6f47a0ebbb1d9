//! The starter set: about 25 risks typical of a 10 to 50 person cloud company, written by us
//! in `assets/registers/starter_risks.toml` and embedded at compile time. A founder adopts them
//! one by one or all at once, then adjusts the ratings to the company.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::risk::RiskInput;
use crate::RiskError;

const STARTER_FILE: &str = include_str!("../../../assets/registers/starter_risks.toml");

/// One starter risk as written in the asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterRisk {
    pub id: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub likelihood: i64,
    pub impact: i64,
    pub treatment: String,
    pub treatment_reason: String,
    pub criteria: Vec<String>,
    pub questions: Vec<String>,
    pub residual_likelihood: i64,
    pub residual_impact: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StarterFile {
    risk: Vec<StarterRisk>,
}

/// Parses a starter file's text.
pub fn parse(text: &str) -> Result<Vec<StarterRisk>, RiskError> {
    toml::from_str::<StarterFile>(text)
        .map(|f| f.risk)
        .map_err(|e| RiskError::StarterData(e.to_string()))
}

/// The embedded starter set.
pub fn starter_risks() -> Result<&'static [StarterRisk], RiskError> {
    static SET: OnceLock<Result<Vec<StarterRisk>, RiskError>> = OnceLock::new();
    SET.get_or_init(|| parse(STARTER_FILE))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// One starter risk by id.
pub fn starter(id: &str) -> Result<&'static StarterRisk, RiskError> {
    starter_risks()?
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| RiskError::UnknownStarter(id.to_string()))
}

impl StarterRisk {
    /// The starter as an input to adopt. A starter that proposes accepting the risk needs who
    /// accepts it: `accepted_by`, checked like any acceptance.
    pub fn to_input(&self, accepted_by: Option<&str>) -> RiskInput {
        RiskInput {
            title: self.title.clone(),
            description: self.description.clone(),
            category: self.category.clone(),
            likelihood: self.likelihood,
            impact: self.impact,
            treatment: self.treatment.clone(),
            treatment_reason: self.treatment_reason.clone(),
            accepted_by: accepted_by.map(str::to_string),
            accepted_on: None,
            owner: None,
            criteria: self.criteria.clone(),
            questions: self.questions.clone(),
            tasks: Vec::new(),
            residual_likelihood: Some(self.residual_likelihood),
            residual_impact: Some(self.residual_impact),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::NaiveDate;
    use preflight_remediation::People;
    use uuid::Uuid;

    use super::*;
    use crate::risk::{Category, RiskContext};

    #[test]
    fn every_starter_risk_is_valid_against_the_catalog() {
        let set = starter_risks().expect("starter set parses");
        assert!((20..=30).contains(&set.len()), "{} starters", set.len());
        let catalog = preflight_catalog::embedded().expect("catalog");
        let people = People::default();
        let tasks = HashSet::new();
        let cx = RiskContext {
            catalog,
            people: &people,
            task_ids: &tasks,
            today: NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
        };
        let mut ids = HashSet::new();
        let mut fraud = 0;
        for s in set {
            assert!(ids.insert(&s.id), "duplicate starter id {}", s.id);
            assert!(s.id.starts_with("risk-"), "{}", s.id);
            assert!(!s.description.trim().is_empty(), "{}", s.id);
            assert!(!s.treatment_reason.trim().is_empty(), "{}", s.id);
            assert!(!s.questions.is_empty(), "{} links no question", s.id);
            let r = s
                .to_input(Some("Dana Ruiz"))
                .build(Uuid::nil(), Some(s.id.clone()), &cx)
                .unwrap_or_else(|e| panic!("{}: {e}", s.id));
            if r.category == Category::Fraud {
                assert!(
                    r.criteria.iter().any(|c| c == "CC3.3"),
                    "{} fraud without CC3.3",
                    s.id
                );
                fraud += 1;
            }
        }
        assert!(fraud >= 3, "only {fraud} fraud risks");
    }

    #[test]
    fn a_broken_starter_file_is_an_error_not_a_panic() {
        assert_eq!(
            parse("[[risk]]\nid = 3").map_err(|e| e.code()),
            Err("starter_data")
        );
        assert_eq!(parse("").map_err(|e| e.code()), Err("starter_data"));
    }
}
