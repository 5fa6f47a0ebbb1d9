//! The portable assessment file: one JSON document with the assessment and its answers.
//! The format is described in docs/portable-format.md.
//!
//! ```json
//! { "format": "preflight-assessment", "format_version": 1,
//!   "exported_at": "2026-11-24T10:00:00Z", "app_version": "0.1.0",
//!   "assessment": { "id": "…", "name": "…", "company": "…", "scope": { … },
//!                   "created_at": "…", "updated_at": "…" },
//!   "answers": [ { "question_id": "cc6-mfa", "value": "yes", "note": "", "answered_at": "…" } ] }
//! ```

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use preflight_catalog::Catalog;
use serde::{Deserialize, Serialize};

use crate::answer::check_note;
use crate::assessment::clean_name;
use crate::{Answer, Assessment, AssessmentError};

/// The value of the `format` field that marks a Preflight assessment file.
pub const FORMAT: &str = "preflight-assessment";
/// The newest format version this build reads and the one it writes. Version 2 added the
/// optional `registers` section (risks, vendors, the company's CUECs and the people who own
/// them); version 3 the optional `records` section (tasks with their history, evidence
/// records, duty occurrences, snapshots, the auditor's comments). Older files, which lack
/// them, still load.
pub const FORMAT_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableFile {
    pub format: String,
    pub format_version: u32,
    pub exported_at: DateTime<Utc>,
    #[serde(default)]
    pub app_version: String,
    pub assessment: Assessment,
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// The registers (format version 2): read and checked by the store, which knows their
    /// types; this crate only carries them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registers: Option<serde_json::Value>,
    /// The records (format version 3): read and checked by the store, like the registers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<serde_json::Value>,
}

/// Why a file could not be loaded as an assessment.
#[derive(Debug, thiserror::Error)]
pub enum PortableError {
    #[error("The file is not valid JSON (line {line}, column {column}): {message}")]
    Malformed {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("The file is JSON but not a Preflight assessment file (its \"format\" is not \"preflight-assessment\").")]
    NotPreflight,
    #[error("The file was saved by a newer Preflight (format version {found}); this version reads up to {supported}. Update Preflight to open it.")]
    NewerVersion { found: u64, supported: u32 },
    #[error("The file is a Preflight assessment file but its content has the wrong shape: {0}")]
    WrongShape(String),
    #[error("The file holds an invalid assessment: {0}")]
    Invalid(#[from] AssessmentError),
    #[error("The file answers question \"{0}\" more than once.")]
    DuplicateAnswer(String),
}

impl PortableError {
    pub fn code(&self) -> &'static str {
        match self {
            PortableError::Malformed { .. } => "file_malformed",
            PortableError::NotPreflight => "file_not_preflight",
            PortableError::NewerVersion { .. } => "file_newer_version",
            PortableError::WrongShape(_) => "file_wrong_shape",
            PortableError::Invalid(e) => e.code(),
            PortableError::DuplicateAnswer(_) => "file_duplicate_answer",
        }
    }
}

/// Writes an assessment and its answers as a portable file.
pub fn to_json(assessment: &Assessment, answers: &[Answer], now: DateTime<Utc>) -> String {
    to_json_with(assessment, answers, None, now)
}

/// [`to_json`] with the registers section.
pub fn to_json_with(
    assessment: &Assessment,
    answers: &[Answer],
    registers: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> String {
    to_json_full(assessment, answers, registers, None, now)
}

/// [`to_json`] with the registers and the records sections.
pub fn to_json_full(
    assessment: &Assessment,
    answers: &[Answer],
    registers: Option<serde_json::Value>,
    records: Option<serde_json::Value>,
    now: DateTime<Utc>,
) -> String {
    let file = PortableFile {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        exported_at: now,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        assessment: assessment.clone(),
        answers: answers.to_vec(),
        registers,
        records,
    };
    // Serializing these plain types cannot fail; fall back to an empty object rather than panic.
    serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".to_string())
}

/// Reads a portable file and checks it completely against the catalog.
pub fn from_json(text: &str, catalog: &Catalog) -> Result<PortableFile, PortableError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| PortableError::Malformed {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(PortableError::NotPreflight);
    }
    match value.get("format_version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(PortableError::NewerVersion {
                found: v,
                supported: FORMAT_VERSION,
            })
        }
        Some(0) | None => {
            return Err(PortableError::WrongShape(
                "\"format_version\" must be a whole number from 1".into(),
            ))
        }
        Some(_) => {}
    }
    let mut file: PortableFile =
        serde_json::from_value(value).map_err(|e| PortableError::WrongShape(e.to_string()))?;
    let a = &mut file.assessment;
    a.company = clean_name(&a.company, "company name").map_err(|e| match e {
        AssessmentError::EmptyName => AssessmentError::EmptyCompany,
        e => e,
    })?;
    a.name = clean_name(&a.name, "assessment name")?;
    let effective = crate::objectives::effective_catalog(catalog, a);
    let catalog: &Catalog = &effective;
    a.scope = a.scope.clone().normalized(catalog)?;
    let (exclusions, profile) = (std::mem::take(&mut a.exclusions), a.profile.take());
    a.set_scoping(catalog, exclusions, profile)?;
    let mut seen = HashSet::new();
    for ans in &file.answers {
        if catalog.question(&ans.question_id).is_none() {
            return Err(AssessmentError::UnknownQuestion(ans.question_id.clone()).into());
        }
        if !seen.insert(ans.question_id.as_str()) {
            return Err(PortableError::DuplicateAnswer(ans.question_id.clone()));
        }
        check_note(&ans.note)?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AnswerValue, NewAssessment, ReportKind, ReportType, Scope};

    fn catalog() -> &'static Catalog {
        preflight_catalog::embedded().expect("catalog")
    }

    fn sample() -> (Assessment, Vec<Answer>) {
        let a = NewAssessment {
            name: Some("FY26".into()),
            company: "Acme ☁️ عربى".into(),
            scope: Scope {
                kind: ReportKind::Soc2,
                report_type: ReportType::Type1,
                categories: vec!["availability".into()],
                objectives: vec![],
                observation: None,
            },
        }
        .build(catalog(), Utc::now())
        .expect("valid");
        let answers = vec![Answer {
            question_id: "cc6-mfa".into(),
            value: Some(AnswerValue::Partly),
            note: "=HYPERLINK(\"x\") 👋".into(),
            answered_at: Utc::now(),
        }];
        (a, answers)
    }

    #[test]
    fn round_trip_keeps_everything() {
        let (a, answers) = sample();
        let text = to_json(&a, &answers, Utc::now());
        let back = from_json(&text, catalog()).expect("reads back");
        assert_eq!(back.assessment, a);
        assert_eq!(back.answers, answers);
        assert_eq!(back.format_version, FORMAT_VERSION);
    }

    #[test]
    fn version_1_files_still_load() {
        let (a, answers) = sample();
        let v1 = to_json(&a, &answers, Utc::now()).replace(
            &format!("\"format_version\": {FORMAT_VERSION}"),
            "\"format_version\": 1",
        );
        let back = from_json(&v1, catalog()).expect("version 1 reads");
        assert_eq!(back.assessment, a);
        assert_eq!(back.registers, None);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let (a, answers) = sample();
        let good = to_json(&a, &answers, Utc::now());
        let code = |t: &str| from_json(t, catalog()).expect_err("rejected").code();
        assert_eq!(code("{ not json"), "file_malformed");
        assert_eq!(code("[1,2]"), "file_not_preflight");
        assert_eq!(
            code(&good.replace(
                &format!("\"format_version\": {FORMAT_VERSION}"),
                "\"format_version\": 7"
            )),
            "file_newer_version"
        );
        assert_eq!(
            code(&good.replace("\"company\"", "\"firm\"")),
            "file_wrong_shape"
        );
        assert_eq!(
            code(&good.replace("cc6-mfa", "no-such-question")),
            "unknown_question"
        );
        assert_eq!(
            code(&good.replace("\"kind\": \"soc2\"", "\"kind\": \"soc9\"")),
            "file_wrong_shape"
        );
        let e = from_json(
            &good.replace(
                &format!("\"format_version\": {FORMAT_VERSION}"),
                "\"format_version\": 7",
            ),
            catalog(),
        )
        .expect_err("newer");
        assert!(e.to_string().contains("newer Preflight"), "{e}");
    }
}
