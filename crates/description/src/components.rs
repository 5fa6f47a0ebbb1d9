//! The short lists the user fills in once: the systems (infrastructure and software), the data
//! stores, and the teams. They feed the components sections of the description.

use serde::{Deserialize, Serialize};

use crate::section::DescriptionError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    System,
    DataStore,
    Team,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 3] = [
        ComponentKind::System,
        ComponentKind::DataStore,
        ComponentKind::Team,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::System => "system",
            ComponentKind::DataStore => "data_store",
            ComponentKind::Team => "team",
        }
    }

    pub fn parse(s: &str) -> Option<ComponentKind> {
        ComponentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub kind: ComponentKind,
    pub name: String,
    /// What it is for, where it runs, what it holds: one line.
    #[serde(default)]
    pub detail: String,
}

impl Component {
    /// Trims and checks a component as typed.
    pub fn checked(
        kind: ComponentKind,
        name: &str,
        detail: &str,
    ) -> Result<Component, DescriptionError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DescriptionError::EmptyName);
        }
        for (field, text, max) in [("name", name, 200), ("detail", detail.trim(), 2_000)] {
            let len = text.chars().count();
            if len > max {
                return Err(DescriptionError::TooLong { field, len, max });
            }
        }
        Ok(Component {
            kind,
            name: name.to_string(),
            detail: detail.trim().to_string(),
        })
    }
}

/// A list as Markdown bullets, or `None` when empty.
pub fn bullets(items: &[&Component]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    Some(
        items
            .iter()
            .map(|c| {
                if c.detail.is_empty() {
                    format!("- {}", c.name)
                } else {
                    format!("- {}: {}", c.name, c.detail)
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}
