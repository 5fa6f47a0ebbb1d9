//! The glossary: the words a founder meets on the way to a SOC report, each with a plain
//! explanation in our own words. It lives in `assets/catalog/glossary.toml`, is embedded at
//! compile time and checked by [`validate`]: ids are unique, every term has a definition, and no
//! term or other spelling is listed twice (ignoring case), so a word in a text marks one term.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::validate::Problem;
use crate::CatalogError;

/// The glossary file compiled into the binary.
pub const GLOSSARY_FILE: (&str, &str) = (
    "glossary.toml",
    include_str!("../../../assets/catalog/glossary.toml"),
);

/// The longest definition allowed, in characters: a tooltip, not an essay.
pub const MAX_DEFINITION: usize = 300;

/// One glossary entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    /// The word as shown.
    pub term: String,
    /// Other spellings and forms that mark the same term (case does not matter).
    #[serde(default)]
    pub also: Vec<String>,
    /// What it means, in plain words.
    pub definition: String,
}

impl Term {
    /// The term and its other spellings.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.also.iter().map(String::as_str))
    }
}

/// The whole glossary, in file order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default, rename(deserialize = "term"))]
    pub terms: Vec<Term>,
}

impl Glossary {
    /// The entry a word or phrase names (any spelling, any case).
    pub fn lookup(&self, word: &str) -> Option<&Term> {
        let word = word.trim().to_lowercase();
        self.terms
            .iter()
            .find(|t| t.spellings().any(|s| s.to_lowercase() == word))
    }
}

/// The embedded glossary, parsed and validated once.
pub fn embedded() -> Result<&'static Glossary, &'static CatalogError> {
    static GLOSSARY: OnceLock<Result<Glossary, CatalogError>> = OnceLock::new();
    GLOSSARY.get_or_init(|| parse(GLOSSARY_FILE)).as_ref()
}

/// Parses and validates a glossary given as `(name, text)`.
pub fn parse(file: (&str, &str)) -> Result<Glossary, CatalogError> {
    let g: Glossary = toml::from_str(file.1).map_err(|e| CatalogError::Parse {
        file: file.0.to_string(),
        message: e.to_string(),
    })?;
    let problems = validate(&g);
    if problems.is_empty() {
        Ok(g)
    } else {
        Err(CatalogError::Invalid(problems))
    }
}

/// Checks a glossary and returns every problem found (empty when it is sound).
pub fn validate(g: &Glossary) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut problem = |item: &str, message: String| {
        out.push(Problem {
            item: item.to_string(),
            message,
        })
    };
    let mut ids = HashSet::new();
    let mut spellings = HashSet::new();
    for t in &g.terms {
        let item = format!("glossary {}", t.id);
        if t.id.trim().is_empty() {
            problem("glossary (empty id)", "an id is empty".into());
        } else if !ids.insert(t.id.as_str()) {
            problem(&item, "this id is used more than once".into());
        }
        let definition = t.definition.trim();
        if definition.is_empty() {
            problem(&item, "definition is empty".into());
        } else {
            if definition.chars().count() > MAX_DEFINITION {
                problem(
                    &item,
                    format!("definition is longer than {MAX_DEFINITION} characters"),
                );
            }
            if !definition.ends_with('.') {
                problem(&item, "definition must end with a full stop".into());
            }
        }
        for s in t.spellings() {
            let key = s.trim().to_lowercase();
            if key.is_empty() {
                problem(&item, "a term or spelling is empty".into());
            } else if !key.chars().any(char::is_alphanumeric) {
                problem(&item, format!("spelling {s:?} has no letters"));
            } else if !spellings.insert(key) {
                problem(
                    &item,
                    format!("{s:?} is listed more than once in the glossary"),
                );
            }
        }
    }
    out
}
