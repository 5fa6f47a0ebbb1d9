//! The sections of the system description, in document order, written by us.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

const FILE: &str = include_str!("../../../assets/description/sections.toml");

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DescriptionError {
    #[error("The system description sections could not be read: {0}")]
    Data(String),
    #[error("There is no description section \"{0}\".")]
    UnknownSection(String),
    #[error("The {field} is {len} characters long; at most {max} are allowed.")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("The name is empty.")]
    EmptyName,
}

impl DescriptionError {
    pub fn code(&self) -> &'static str {
        match self {
            DescriptionError::Data(_) => "description_data",
            DescriptionError::UnknownSection(_) => "unknown_description_section",
            DescriptionError::TooLong { .. } => "too_long",
            DescriptionError::EmptyName => "empty_name",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub type2_only: bool,
    pub guidance: String,
    pub prompt: String,
    pub template: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    section: Vec<Section>,
}

pub fn parse(text: &str) -> Result<Vec<Section>, DescriptionError> {
    toml::from_str::<File>(text)
        .map(|f| f.section)
        .map_err(|e| DescriptionError::Data(e.to_string()))
}

pub fn sections() -> Result<&'static [Section], DescriptionError> {
    static SET: OnceLock<Result<Vec<Section>, DescriptionError>> = OnceLock::new();
    SET.get_or_init(|| parse(FILE))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

pub fn section(id: &str) -> Result<&'static Section, DescriptionError> {
    sections()?
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| DescriptionError::UnknownSection(id.to_string()))
}
