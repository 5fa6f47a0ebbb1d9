//! The request items, written by us in `assets/requests/part-*.toml` and embedded at compile
//! time. Each names what the auditor asks for, whether it is a point-in-time item (a document,
//! a setting, a list as of a date) or a population over the window (every hire, change,
//! incident), and the criteria and questions it supports.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::RequestError;

const FILES: &[(&str, &str)] = &[
    (
        "requests/part-a.toml",
        include_str!("../../../assets/requests/part-a.toml"),
    ),
    (
        "requests/part-b.toml",
        include_str!("../../../assets/requests/part-b.toml"),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A document, screenshot, setting or list as of a date.
    PointInTime,
    /// A complete list of every event or item over the window, for sampling.
    Population,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::PointInTime => "Point in time",
            Kind::Population => "Population over the window",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestItem {
    pub id: String,
    /// What the auditor asks for.
    pub item: String,
    /// What exactly to hand over.
    pub detail: String,
    pub kind: Kind,
    #[serde(default)]
    pub type2_only: bool,
    /// Criteria (or SOC 1 objective templates) the item supports.
    pub criteria: Vec<String>,
    /// The questions it supports.
    pub questions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    request: Vec<RequestItem>,
}

pub fn parse(files: &[(&str, &str)]) -> Result<Vec<RequestItem>, RequestError> {
    let mut out = Vec::new();
    for (name, text) in files {
        let f: File =
            toml::from_str(text).map_err(|e| RequestError::Data(format!("{name}: {e}")))?;
        out.extend(f.request);
    }
    Ok(out)
}

/// Every request item, in file order.
pub fn items() -> Result<&'static [RequestItem], RequestError> {
    static SET: OnceLock<Result<Vec<RequestItem>, RequestError>> = OnceLock::new();
    SET.get_or_init(|| parse(FILES))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}
