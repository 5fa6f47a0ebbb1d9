//! The catalog files compiled into the binary.
//!
//! Adding a question file: put it in `assets/catalog/questions/` and name it in
//! [`QUESTION_FILES`]; the catalog tests then parse and validate it.

use std::sync::OnceLock;

use crate::model::{Catalog, FrameworkFile, QuestionFile};
use crate::CatalogError;

/// The framework file: categories, series, criteria and SOC 1 objective templates.
pub const FRAMEWORK_FILE: (&str, &str) =
    ("framework.toml", include_str!("../../../assets/catalog/framework.toml"));

/// The question files, in the order their questions are shown.
pub const QUESTION_FILES: &[(&str, &str)] = &[
    ("questions/starter.toml", include_str!("../../../assets/catalog/questions/starter.toml")),
];

/// The embedded catalog, parsed and validated once.
pub fn embedded() -> Result<&'static Catalog, &'static CatalogError> {
    static CATALOG: OnceLock<Result<Catalog, CatalogError>> = OnceLock::new();
    CATALOG.get_or_init(|| parse(FRAMEWORK_FILE, QUESTION_FILES)).as_ref()
}

/// Parses and validates a catalog from a framework file and question files given as
/// `(name, text)` pairs.
pub fn parse(framework: (&str, &str), question_files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    let parse_err = |file: &str, e: toml::de::Error| CatalogError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    };
    let fw: FrameworkFile = toml::from_str(framework.1).map_err(|e| parse_err(framework.0, e))?;
    let mut questions = Vec::new();
    for (name, text) in question_files {
        let file: QuestionFile = toml::from_str(text).map_err(|e| parse_err(name, e))?;
        questions.extend(file.question);
    }
    let catalog = Catalog::new(fw.category, fw.series, fw.criterion, fw.objective, questions);
    let problems = crate::validate::validate(&catalog);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(CatalogError::Invalid(problems))
    }
}
