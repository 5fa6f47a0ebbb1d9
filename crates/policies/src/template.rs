//! The policy templates: a manifest (`assets/policies/manifest.toml`) and one Markdown text per
//! policy (`assets/policies/<id>.md`), written by us and embedded at compile time. A template
//! names its owner's role, the criteria it supports, and the category that must be in scope
//! for it to be proposed ("always" for the Security ones).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::PolicyError;

const MANIFEST: &str = include_str!("../../../assets/policies/manifest.toml");

/// The Markdown texts, by id. Adding a policy: write `<id>.md`, add it to the manifest and here.
const TEXTS: &[(&str, &str)] = &[
    (
        "information-security",
        include_str!("../../../assets/policies/information-security.md"),
    ),
    (
        "acceptable-use",
        include_str!("../../../assets/policies/acceptable-use.md"),
    ),
    (
        "access-control",
        include_str!("../../../assets/policies/access-control.md"),
    ),
    (
        "change-management",
        include_str!("../../../assets/policies/change-management.md"),
    ),
    (
        "secure-development",
        include_str!("../../../assets/policies/secure-development.md"),
    ),
    (
        "incident-response",
        include_str!("../../../assets/policies/incident-response.md"),
    ),
    (
        "business-continuity",
        include_str!("../../../assets/policies/business-continuity.md"),
    ),
    (
        "backup-restore",
        include_str!("../../../assets/policies/backup-restore.md"),
    ),
    (
        "vendor-management",
        include_str!("../../../assets/policies/vendor-management.md"),
    ),
    (
        "risk-management",
        include_str!("../../../assets/policies/risk-management.md"),
    ),
    (
        "data-classification-retention",
        include_str!("../../../assets/policies/data-classification-retention.md"),
    ),
    (
        "encryption-key-management",
        include_str!("../../../assets/policies/encryption-key-management.md"),
    ),
    (
        "people-security",
        include_str!("../../../assets/policies/people-security.md"),
    ),
    (
        "physical-remote-work",
        include_str!("../../../assets/policies/physical-remote-work.md"),
    ),
    (
        "code-of-conduct",
        include_str!("../../../assets/policies/code-of-conduct.md"),
    ),
    (
        "privacy",
        include_str!("../../../assets/policies/privacy.md"),
    ),
];

/// Who owns a policy, by role; matched against the role written in the people register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Ceo,
    Cto,
    SecurityLead,
    EngineeringLead,
    HrLead,
    OperationsLead,
    PrivacyLead,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Ceo,
        Role::Cto,
        Role::SecurityLead,
        Role::EngineeringLead,
        Role::HrLead,
        Role::OperationsLead,
        Role::PrivacyLead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Ceo => "ceo",
            Role::Cto => "cto",
            Role::SecurityLead => "security_lead",
            Role::EngineeringLead => "engineering_lead",
            Role::HrLead => "hr_lead",
            Role::OperationsLead => "operations_lead",
            Role::PrivacyLead => "privacy_lead",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Ceo => "CEO",
            Role::Cto => "CTO",
            Role::SecurityLead => "security lead",
            Role::EngineeringLead => "engineering lead",
            Role::HrLead => "HR lead",
            Role::OperationsLead => "operations lead",
            Role::PrivacyLead => "privacy lead",
        }
    }

    /// Words that, found in a person's role, mean they hold this role (in lower case).
    fn words(self) -> &'static [&'static str] {
        match self {
            Role::Ceo => &["ceo", "chief executive", "founder", "managing director"],
            Role::Cto => &["cto", "chief technology", "technical co-founder"],
            Role::SecurityLead => &["security", "ciso"],
            Role::EngineeringLead => &["engineering", "head of engineering", "cto"],
            Role::HrLead => &["hr", "people", "human resources", "talent"],
            Role::OperationsLead => &["operations", "coo", "ops"],
            Role::PrivacyLead => &["privacy", "dpo", "data protection"],
        }
    }

    /// Whether a role as written in the people register ("Head of People", "CTO") is this one.
    pub fn matches(self, role_text: &str) -> bool {
        let t = role_text.to_lowercase();
        let words: Vec<&str> = t
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        self.words().iter().any(|w| {
            if w.contains(' ') {
                t.contains(w)
            } else {
                words.contains(w)
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestEntry {
    id: String,
    title: String,
    summary: String,
    owner_role: String,
    criteria: Vec<String>,
    applies_to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    policy: Vec<ManifestEntry>,
}

/// A policy template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub owner_role: Role,
    pub criteria: Vec<String>,
    /// `None` for "always"; otherwise the Trust Services category that must be in scope.
    pub applies_to: Option<String>,
    /// The Markdown text with placeholders (see [`crate::render`]).
    pub body: &'static str,
}

impl Template {
    /// Whether the template fits a scope with these Trust Services categories.
    pub fn applies(&self, categories: &[String]) -> bool {
        self.applies_to
            .as_ref()
            .is_none_or(|c| categories.iter().any(|x| x == c))
    }
}

/// Parses a manifest and its texts.
pub fn parse(manifest: &str, texts: &[(&str, &'static str)]) -> Result<Vec<Template>, PolicyError> {
    let m: Manifest =
        toml::from_str(manifest).map_err(|e| PolicyError::TemplateData(e.to_string()))?;
    m.policy
        .into_iter()
        .map(|e| {
            let owner_role = Role::parse(&e.owner_role).ok_or_else(|| {
                PolicyError::TemplateData(format!("{}: unknown owner role {}", e.id, e.owner_role))
            })?;
            let body = texts
                .iter()
                .find(|(id, _)| *id == e.id)
                .map(|(_, t)| *t)
                .ok_or_else(|| PolicyError::TemplateData(format!("{}: no text", e.id)))?;
            Ok(Template {
                applies_to: (e.applies_to != "always").then_some(e.applies_to),
                id: e.id,
                title: e.title,
                summary: e.summary,
                owner_role,
                criteria: e.criteria,
                body,
            })
        })
        .collect()
}

/// The embedded templates.
pub fn templates() -> Result<&'static [Template], PolicyError> {
    static SET: OnceLock<Result<Vec<Template>, PolicyError>> = OnceLock::new();
    SET.get_or_init(|| parse(MANIFEST, TEXTS))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

pub fn template(id: &str) -> Result<&'static Template, PolicyError> {
    templates()?
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| PolicyError::UnknownTemplate(id.to_string()))
}

/// The templates proposed for a scope, in manifest order.
pub fn proposed(categories: &[String]) -> Result<Vec<&'static Template>, PolicyError> {
    Ok(templates()?
        .iter()
        .filter(|t| t.applies(categories))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_match_what_people_write() {
        assert!(Role::HrLead.matches("Head of People"));
        assert!(Role::HrLead.matches("HR manager"));
        assert!(!Role::HrLead.matches("Chief Technology Officer"));
        assert!(Role::Cto.matches("CTO & co-founder"));
        assert!(Role::SecurityLead.matches("Security engineer"));
        assert!(!Role::OperationsLead.matches("Developer"));
    }
}
