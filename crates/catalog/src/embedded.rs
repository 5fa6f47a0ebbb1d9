//! The catalog files compiled into the binary.
//!
//! Adding a question file: put it in `assets/catalog/questions/` and name it in
//! [`QUESTION_FILES`]; the catalog tests then parse and validate it.

use std::sync::OnceLock;

use crate::model::{Catalog, FrameworkFile, QuestionFile};
use crate::CatalogError;

/// The framework file: categories, series, criteria and SOC 1 objective templates.
pub const FRAMEWORK_FILE: (&str, &str) = (
    "framework.toml",
    include_str!("../../../assets/catalog/framework.toml"),
);

/// The question files, in the order their questions are shown: one file per series of the
/// Trust Services Criteria, then the Type 2 questions, then the SOC 1 questions.
pub const QUESTION_FILES: &[(&str, &str)] = &[
    (
        "questions/cc1.toml",
        include_str!("../../../assets/catalog/questions/cc1.toml"),
    ),
    (
        "questions/cc2.toml",
        include_str!("../../../assets/catalog/questions/cc2.toml"),
    ),
    (
        "questions/cc3.toml",
        include_str!("../../../assets/catalog/questions/cc3.toml"),
    ),
    (
        "questions/cc4.toml",
        include_str!("../../../assets/catalog/questions/cc4.toml"),
    ),
    (
        "questions/cc5.toml",
        include_str!("../../../assets/catalog/questions/cc5.toml"),
    ),
    (
        "questions/cc6.toml",
        include_str!("../../../assets/catalog/questions/cc6.toml"),
    ),
    (
        "questions/cc7.toml",
        include_str!("../../../assets/catalog/questions/cc7.toml"),
    ),
    (
        "questions/cc8.toml",
        include_str!("../../../assets/catalog/questions/cc8.toml"),
    ),
    (
        "questions/cc9.toml",
        include_str!("../../../assets/catalog/questions/cc9.toml"),
    ),
    (
        "questions/a1.toml",
        include_str!("../../../assets/catalog/questions/a1.toml"),
    ),
    (
        "questions/c1.toml",
        include_str!("../../../assets/catalog/questions/c1.toml"),
    ),
    (
        "questions/pi1.toml",
        include_str!("../../../assets/catalog/questions/pi1.toml"),
    ),
    (
        "questions/p.toml",
        include_str!("../../../assets/catalog/questions/p.toml"),
    ),
    (
        "questions/type2.toml",
        include_str!("../../../assets/catalog/questions/type2.toml"),
    ),
    (
        "questions/soc1.toml",
        include_str!("../../../assets/catalog/questions/soc1.toml"),
    ),
];

/// The embedded catalog, parsed and validated once.
pub fn embedded() -> Result<&'static Catalog, &'static CatalogError> {
    static CATALOG: OnceLock<Result<Catalog, CatalogError>> = OnceLock::new();
    CATALOG
        .get_or_init(|| parse(FRAMEWORK_FILE, QUESTION_FILES))
        .as_ref()
}

/// Parses and validates a catalog from a framework file and question files given as
/// `(name, text)` pairs.
pub fn parse(
    framework: (&str, &str),
    question_files: &[(&str, &str)],
) -> Result<Catalog, CatalogError> {
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
    let catalog = Catalog::new(
        fw.category,
        fw.series,
        fw.criterion,
        fw.objective,
        questions,
    );
    let problems = crate::validate::validate(&catalog);
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(CatalogError::Invalid(problems))
    }
}

/// The embedded catalog rendered for a report type (see [`crate::render`]), built once per
/// type.
pub fn embedded_for(wording: crate::Wording) -> Result<&'static Catalog, &'static CatalogError> {
    static TYPE1: OnceLock<Catalog> = OnceLock::new();
    static TYPE2: OnceLock<Catalog> = OnceLock::new();
    let base = embedded()?;
    let cell = match wording {
        crate::Wording::Type1 => &TYPE1,
        crate::Wording::Type2 => &TYPE2,
    };
    Ok(cell.get_or_init(|| base.rendered(wording)))
}
