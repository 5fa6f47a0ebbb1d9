//! The company's own CUECs: the controls its customers must run for the company's controls to
//! work (managing their own users, keeping their API keys safe ...). Listed in the system
//! description. A starter list is written by us in `assets/registers/starter_cuecs.toml`.

use std::sync::OnceLock;

use preflight_catalog::Catalog;
use preflight_remediation::fields::{check_len, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use preflight_remediation::RemediationError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::VendorError;

const STARTER_FILE: &str = include_str!("../../../assets/registers/starter_cuecs.toml");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerControl {
    pub id: Uuid,
    pub assessment_id: Uuid,
    #[serde(default)]
    pub starter_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub criteria: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerControlInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl CustomerControlInput {
    pub fn build(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
        starter_id: Option<String>,
    ) -> Result<CustomerControl, VendorError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(VendorError::EmptyText("customer control's title"));
        }
        check_len(title, "title", MAX_TITLE_CHARS)?;
        let description = self.description.trim();
        check_len(description, "description", MAX_TEXT_CHARS)?;
        let mut criteria = Vec::new();
        for c in self
            .criteria
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            if catalog.criterion(c).is_none() && catalog.objective(c).is_none() {
                return Err(RemediationError::UnknownCriterion(c.to_string()).into());
            }
            if !criteria.iter().any(|x: &String| x == c) {
                criteria.push(c.to_string());
            }
        }
        Ok(CustomerControl {
            id: Uuid::new_v4(),
            assessment_id,
            starter_id,
            title: title.to_string(),
            description: description.to_string(),
            criteria,
        })
    }
}

/// A starter customer control as written in the asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterCuec {
    pub id: String,
    pub title: String,
    pub description: String,
    pub criteria: Vec<String>,
}

impl StarterCuec {
    pub fn to_input(&self) -> CustomerControlInput {
        CustomerControlInput {
            title: self.title.clone(),
            description: self.description.clone(),
            criteria: self.criteria.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StarterFile {
    cuec: Vec<StarterCuec>,
}

pub fn parse_starters(text: &str) -> Result<Vec<StarterCuec>, VendorError> {
    toml::from_str::<StarterFile>(text)
        .map(|f| f.cuec)
        .map_err(|e| VendorError::StarterData(e.to_string()))
}

/// The embedded starter list.
pub fn starter_cuecs() -> Result<&'static [StarterCuec], VendorError> {
    static SET: OnceLock<Result<Vec<StarterCuec>, VendorError>> = OnceLock::new();
    SET.get_or_init(|| parse_starters(STARTER_FILE))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

pub fn starter_cuec(id: &str) -> Result<&'static StarterCuec, VendorError> {
    starter_cuecs()?
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| VendorError::UnknownStarter(id.to_string()))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_starter_cuec_is_valid() {
        let catalog = preflight_catalog::embedded().expect("catalog");
        let set = starter_cuecs().expect("parses");
        assert!(set.len() >= 8);
        let mut ids = HashSet::new();
        for s in set {
            assert!(ids.insert(&s.id) && s.id.starts_with("cuec-"), "{}", s.id);
            assert!(!s.description.trim().is_empty());
            s.to_input()
                .build(catalog, Uuid::nil(), Some(s.id.clone()))
                .unwrap_or_else(|e| panic!("{}: {e}", s.id));
        }
        assert_eq!(
            parse_starters("[[cuec]]\nid=1").map_err(|e| e.code()),
            Err("starter_data")
        );
    }

    #[test]
    fn a_customer_control_needs_a_title_and_known_criteria() {
        let catalog = preflight_catalog::embedded().expect("catalog");
        let bad = CustomerControlInput {
            title: " ".into(),
            ..Default::default()
        };
        assert_eq!(
            bad.build(catalog, Uuid::nil(), None).map_err(|e| e.code()),
            Err("empty_text")
        );
        let bad = CustomerControlInput {
            title: "x".into(),
            criteria: vec!["ZZ1".into()],
            ..Default::default()
        };
        assert_eq!(
            bad.build(catalog, Uuid::nil(), None).map_err(|e| e.code()),
            Err("unknown_criterion")
        );
    }
}
