//! What crosses between the window and Rust. Domain types that are already plain data are
//! sent as they are; inputs arrive as text and are parsed by the domain, so a bad value gets
//! the domain's message instead of a deserializer's.

use chrono::{DateTime, Utc};
use preflight_assessment::profile::CompanyProfile;
use preflight_assessment::scope::parse_date;
use preflight_assessment::scoring::Readiness;
use preflight_assessment::{
    Answer, Assessment, AssessmentError, Exclusion, Gap, NewAssessment, ObservationPeriod,
    ReportKind, ReportType, Scope,
};
use preflight_catalog::CatalogError;
use preflight_store::StoreError;
use preflight_workbook::WorkbookError;
use serde::{Deserialize, Serialize};

/// An error as the UI shows it: a stable code and a sentence a person understands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    pub code: String,
    pub message: String,
}

impl WireError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        WireError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

macro_rules! from_coded {
    ($($t:ty),*) => {$(
        impl From<$t> for WireError {
            fn from(e: $t) -> Self {
                WireError { code: e.code().to_string(), message: e.to_string() }
            }
        }
    )*};
}
from_coded!(StoreError, AssessmentError, WorkbookError, &CatalogError);

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: Option<String>,
    pub store_error: Option<WireError>,
    pub scoring_rule: &'static str,
}

/// One line of the assessment list.
#[derive(Debug, Serialize, Deserialize)]
pub struct AssessmentListItem {
    pub id: String,
    pub name: String,
    pub company: String,
    pub scope_label: String,
    pub answered: usize,
    pub questions: usize,
    pub readiness: Option<f64>,
    pub updated_at: DateTime<Utc>,
}

/// The create form, as the UI sends it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAssessmentInput {
    #[serde(default)]
    pub name: Option<String>,
    pub company: String,
    pub kind: String,
    pub report_type: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub observation_start: Option<String>,
    #[serde(default)]
    pub observation_end: Option<String>,
    /// Optional categories left out, with the user's justification.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// The scoping wizard's answers, as sent by the wizard (see [`profile_from_json`]).
    #[serde(default)]
    pub profile: Option<serde_json::Value>,
}

/// Reads the wizard's company profile. Dates (the target, the previous period's end) must be
/// `YYYY-MM-DD`; the head count and the year-end month may arrive as text from the form. An empty
/// text counts as not given.
pub fn profile_from_json(mut v: serde_json::Value) -> Result<CompanyProfile, WireError> {
    use serde_json::Value;
    if let Some(obj) = v.as_object_mut() {
        for key in ["target_date", "previous_period_end"] {
            match obj.get(key).cloned() {
                Some(Value::String(s)) if s.trim().is_empty() => {
                    obj.insert(key.into(), Value::Null);
                }
                Some(Value::String(s)) => {
                    let d = parse_date(&s)?;
                    obj.insert(key.into(), Value::String(d.to_string()));
                }
                _ => {}
            }
        }
        for (key, what) in [
            ("head_count", "The head count"),
            ("customers_year_end_month", "The year-end month"),
        ] {
            if let Some(Value::String(s)) = obj.get(key).cloned() {
                let s = s.trim();
                let n = if s.is_empty() {
                    Value::Null
                } else {
                    let n: u32 = s.parse().map_err(|_| {
                        WireError::new(
                            "invalid_profile",
                            format!("{what} must be a whole number, not \"{s}\"."),
                        )
                    })?;
                    Value::from(n)
                };
                obj.insert(key.into(), n);
            }
        }
    }
    serde_json::from_value(v).map_err(|e| {
        WireError::new(
            "invalid_profile",
            format!("The company profile could not be read: {e}"),
        )
    })
}

impl NewAssessmentInput {
    pub fn into_domain(self) -> Result<NewAssessment, AssessmentError> {
        Ok(NewAssessment {
            name: self.name,
            company: self.company,
            scope: Scope {
                kind: ReportKind::parse(&self.kind)?,
                report_type: ReportType::parse(&self.report_type)?,
                categories: self.categories,
                objectives: self.objectives,
                observation: ObservationPeriod::from_parts(
                    self.observation_start.as_deref(),
                    self.observation_end.as_deref(),
                )?,
            },
        })
    }
}

/// An open assessment: itself, the questions that apply (ids, in order) and the answers.
#[derive(Debug, Serialize, Deserialize)]
pub struct AssessmentView {
    pub assessment: Assessment,
    pub scope_label: String,
    pub question_ids: Vec<String>,
    pub answers: Vec<Answer>,
    /// SOC 1 objectives in scope as this company words them (its own included).
    #[serde(default)]
    pub objectives: Vec<preflight_catalog::Objective>,
    /// Questions as this assessment words them where they differ from the shared catalog: those
    /// of the company's own objectives, and texts rendered for a Type 1 report.
    #[serde(default)]
    pub extra_questions: Vec<preflight_catalog::Question>,
}

#[derive(Debug, Serialize)]
pub struct ReadinessView {
    pub readiness: Readiness,
    pub gaps: Vec<Gap>,
    pub rule: &'static str,
}
