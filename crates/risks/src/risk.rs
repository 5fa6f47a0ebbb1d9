//! One risk of the register: what could go wrong, how likely and how bad, what the company
//! does about it (the treatment and why), who owns it, which questions, criteria and
//! remediation tasks it is tied to, and the level left after the treatment (residual).

use std::collections::HashSet;

use chrono::NaiveDate;
use preflight_catalog::Catalog;
use preflight_remediation::fields::{
    check_len, parse_date, MAX_PERSON_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS,
};
use preflight_remediation::{People, RemediationError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::scale::{score, Band, Level};
use crate::RiskError;

/// The fraud criterion: a risk mapped to it is a fraud risk.
pub const FRAUD_CRITERION: &str = "CC3.3";

/// What kind of risk it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Security,
    Availability,
    Confidentiality,
    Privacy,
    Processing,
    Fraud,
    Vendor,
    Legal,
    People,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Security,
        Category::Availability,
        Category::Confidentiality,
        Category::Privacy,
        Category::Processing,
        Category::Fraud,
        Category::Vendor,
        Category::Legal,
        Category::People,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Security => "security",
            Category::Availability => "availability",
            Category::Confidentiality => "confidentiality",
            Category::Privacy => "privacy",
            Category::Processing => "processing",
            Category::Fraud => "fraud",
            Category::Vendor => "vendor",
            Category::Legal => "legal",
            Category::People => "people",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Security => "Security",
            Category::Availability => "Availability",
            Category::Confidentiality => "Confidentiality",
            Category::Privacy => "Privacy",
            Category::Processing => "Processing",
            Category::Fraud => "Fraud",
            Category::Vendor => "Vendor",
            Category::Legal => "Legal",
            Category::People => "People",
        }
    }

    pub fn parse(s: &str) -> Result<Category, RiskError> {
        let t = s.trim().to_lowercase();
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == t)
            .ok_or_else(|| RiskError::InvalidCategory(s.to_string()))
    }
}

/// What the company does about a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Treatment {
    /// Reduce it with controls.
    Mitigate,
    /// Live with it, knowingly: needs a reason and who accepted it.
    Accept,
    /// Pass it to someone else (insurance, a contract).
    Transfer,
    /// Stop doing what causes it.
    Avoid,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [
        Treatment::Mitigate,
        Treatment::Accept,
        Treatment::Transfer,
        Treatment::Avoid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Mitigate => "mitigate",
            Treatment::Accept => "accept",
            Treatment::Transfer => "transfer",
            Treatment::Avoid => "avoid",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Mitigate => "Mitigate",
            Treatment::Accept => "Accept",
            Treatment::Transfer => "Transfer",
            Treatment::Avoid => "Avoid",
        }
    }

    pub fn parse(s: &str) -> Result<Treatment, RiskError> {
        let t = s.trim().to_lowercase();
        Treatment::ALL
            .into_iter()
            .find(|c| c.as_str() == t)
            .ok_or_else(|| RiskError::InvalidTreatment(s.to_string()))
    }
}

/// Who accepted a risk, when, and (in the treatment reason) why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub accepted_by: String,
    pub accepted_on: NaiveDate,
}

/// A risk in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub id: Uuid,
    pub assessment_id: Uuid,
    /// The starter risk it was adopted from, if any.
    #[serde(default)]
    pub starter_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub category: Category,
    pub likelihood: Level,
    pub impact: Level,
    pub treatment: Treatment,
    #[serde(default)]
    pub treatment_reason: String,
    /// Present exactly when the treatment is "accept".
    #[serde(default)]
    pub acceptance: Option<Acceptance>,
    /// A name from the assessment's people list.
    #[serde(default)]
    pub owner: Option<String>,
    /// Criteria (or SOC 1 objectives) the risk relates to.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Questions whose controls address it.
    #[serde(default)]
    pub questions: Vec<String>,
    /// Remediation tasks that reduce it.
    #[serde(default)]
    pub tasks: Vec<Uuid>,
    pub residual_likelihood: Level,
    pub residual_impact: Level,
    pub created_on: NaiveDate,
    pub updated_on: NaiveDate,
    pub version: u32,
}

impl Risk {
    pub fn score(&self) -> u8 {
        score(self.likelihood, self.impact)
    }

    pub fn residual_score(&self) -> u8 {
        score(self.residual_likelihood, self.residual_impact)
    }

    pub fn band(&self) -> Band {
        Band::of(self.score())
    }

    pub fn residual_band(&self) -> Band {
        Band::of(self.residual_score())
    }

    /// A fraud risk (CC3.3): of the fraud category, or mapped to the fraud criterion.
    pub fn is_fraud(&self) -> bool {
        self.category == Category::Fraud || self.criteria.iter().any(|c| c == FRAUD_CRITERION)
    }
}

/// A risk as typed in the window or read from a file: text and numbers, checked by
/// [`RiskInput::check`] so a bad value gets a sentence, not a parser's message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    pub likelihood: i64,
    pub impact: i64,
    pub treatment: String,
    #[serde(default)]
    pub treatment_reason: String,
    #[serde(default)]
    pub accepted_by: Option<String>,
    /// `YYYY-MM-DD`; blank means today.
    #[serde(default)]
    pub accepted_on: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub questions: Vec<String>,
    /// Task ids.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Blank means "as inherent".
    #[serde(default)]
    pub residual_likelihood: Option<i64>,
    #[serde(default)]
    pub residual_impact: Option<i64>,
}

/// What the checks need from around the risk.
pub struct RiskContext<'a> {
    pub catalog: &'a Catalog,
    pub people: &'a People,
    /// The ids of the assessment's tasks.
    pub task_ids: &'a HashSet<Uuid>,
    pub today: NaiveDate,
}

/// The checked fields of a risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskFields {
    pub title: String,
    pub description: String,
    pub category: Category,
    pub likelihood: Level,
    pub impact: Level,
    pub treatment: Treatment,
    pub treatment_reason: String,
    pub acceptance: Option<Acceptance>,
    pub owner: Option<String>,
    pub criteria: Vec<String>,
    pub questions: Vec<String>,
    pub tasks: Vec<Uuid>,
    pub residual_likelihood: Level,
    pub residual_impact: Level,
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

impl RiskInput {
    /// Checks every field against the rules and the assessment around it.
    pub fn check(&self, cx: &RiskContext<'_>) -> Result<RiskFields, RiskError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(RiskError::EmptyTitle);
        }
        check_len(title, "title", MAX_TITLE_CHARS)?;
        let description = self.description.trim();
        check_len(description, "description", MAX_TEXT_CHARS)?;
        let category = Category::parse(&self.category)?;
        let likelihood = Level::new(self.likelihood, "likelihood")?;
        let impact = Level::new(self.impact, "impact")?;
        let treatment = Treatment::parse(&self.treatment)?;
        let treatment_reason = self.treatment_reason.trim();
        check_len(treatment_reason, "treatment reason", MAX_TEXT_CHARS)?;
        let acceptance = if treatment == Treatment::Accept {
            if treatment_reason.is_empty() {
                return Err(RiskError::AcceptanceReasonMissing);
            }
            let by = self
                .accepted_by
                .as_deref()
                .map(str::trim)
                .unwrap_or_default();
            if by.is_empty() {
                return Err(RiskError::AcceptorMissing);
            }
            check_len(by, "name of who accepted the risk", MAX_PERSON_CHARS)?;
            let on = match self
                .accepted_on
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                None => cx.today,
                Some(t) => parse_date(t)?,
            };
            if on > cx.today {
                return Err(RiskError::DateInFuture(on.to_string()));
            }
            Some(Acceptance {
                accepted_by: by.to_string(),
                accepted_on: on,
            })
        } else {
            None
        };
        let owner = cx.people.resolve_owner(self.owner.as_deref())?;
        let criteria = dedup(
            self.criteria
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(|c| {
                    if cx.catalog.criterion(c).is_some() || cx.catalog.objective(c).is_some() {
                        Ok(c.to_string())
                    } else {
                        Err(RemediationError::UnknownCriterion(c.to_string()))
                    }
                })
                .collect::<Result<_, _>>()?,
        );
        let questions = dedup(
            self.questions
                .iter()
                .map(|q| q.trim())
                .filter(|q| !q.is_empty())
                .map(|q| {
                    cx.catalog
                        .question(q)
                        .map(|q| q.id.clone())
                        .ok_or_else(|| RemediationError::UnknownQuestion(q.to_string()))
                })
                .collect::<Result<_, _>>()?,
        );
        let mut tasks = Vec::new();
        for t in self
            .tasks
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            let id = Uuid::parse_str(t).map_err(|_| RiskError::UnknownTask(t.to_string()))?;
            if !cx.task_ids.contains(&id) {
                return Err(RiskError::UnknownTask(t.to_string()));
            }
            if !tasks.contains(&id) {
                tasks.push(id);
            }
        }
        let residual_likelihood = match self.residual_likelihood {
            None => likelihood,
            Some(v) => Level::new(v, "residual likelihood")?,
        };
        let residual_impact = match self.residual_impact {
            None => impact,
            Some(v) => Level::new(v, "residual impact")?,
        };
        for (field, residual, inherent) in [
            ("likelihood", residual_likelihood, likelihood),
            ("impact", residual_impact, impact),
        ] {
            if residual > inherent {
                return Err(RiskError::ResidualAboveInherent {
                    field,
                    residual: residual.get(),
                    inherent: inherent.get(),
                });
            }
        }
        Ok(RiskFields {
            title: title.to_string(),
            description: description.to_string(),
            category,
            likelihood,
            impact,
            treatment,
            treatment_reason: treatment_reason.to_string(),
            acceptance,
            owner,
            criteria,
            questions,
            tasks,
            residual_likelihood,
            residual_impact,
        })
    }

    /// A new risk from the input, as of `cx.today`.
    pub fn build(
        &self,
        assessment_id: Uuid,
        starter_id: Option<String>,
        cx: &RiskContext<'_>,
    ) -> Result<Risk, RiskError> {
        let f = self.check(cx)?;
        let new = Risk {
            id: Uuid::new_v4(),
            assessment_id,
            starter_id,
            title: String::new(),
            description: String::new(),
            category: f.category,
            likelihood: f.likelihood,
            impact: f.impact,
            treatment: f.treatment,
            treatment_reason: String::new(),
            acceptance: None,
            owner: None,
            criteria: Vec::new(),
            questions: Vec::new(),
            tasks: Vec::new(),
            residual_likelihood: f.residual_likelihood,
            residual_impact: f.residual_impact,
            created_on: cx.today,
            updated_on: cx.today,
            version: 1,
        };
        Ok(new.with(f, cx.today, 1))
    }
}

impl Risk {
    /// The risk changed by `input`, made on `version`; refused when that is not the saved
    /// version. An acceptance already recorded keeps its date unless a new one is given.
    pub fn edit(
        &self,
        version: u32,
        input: &RiskInput,
        cx: &RiskContext<'_>,
    ) -> Result<Risk, RiskError> {
        if version != self.version {
            return Err(RiskError::StaleVersion {
                yours: version,
                saved: self.version,
            });
        }
        let mut input = input.clone();
        if input
            .accepted_on
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        {
            if let Some(a) = &self.acceptance {
                input.accepted_on = Some(a.accepted_on.to_string());
            }
        }
        let f = input.check(cx)?;
        Ok(self.clone().with(f, cx.today, self.version + 1))
    }

    /// The risk with checked fields, as of `today`, at `version`.
    fn with(self, f: RiskFields, today: NaiveDate, version: u32) -> Risk {
        Risk {
            title: f.title,
            description: f.description,
            category: f.category,
            likelihood: f.likelihood,
            impact: f.impact,
            treatment: f.treatment,
            treatment_reason: f.treatment_reason,
            acceptance: f.acceptance,
            owner: f.owner,
            criteria: f.criteria,
            questions: f.questions,
            tasks: f.tasks,
            residual_likelihood: f.residual_likelihood,
            residual_impact: f.residual_impact,
            updated_on: today,
            version,
            ..self
        }
    }

    /// The risk as an input, for editing.
    pub fn to_input(&self) -> RiskInput {
        RiskInput {
            title: self.title.clone(),
            description: self.description.clone(),
            category: self.category.as_str().into(),
            likelihood: self.likelihood.get().into(),
            impact: self.impact.get().into(),
            treatment: self.treatment.as_str().into(),
            treatment_reason: self.treatment_reason.clone(),
            accepted_by: self.acceptance.as_ref().map(|a| a.accepted_by.clone()),
            accepted_on: self.acceptance.as_ref().map(|a| a.accepted_on.to_string()),
            owner: self.owner.clone(),
            criteria: self.criteria.clone(),
            questions: self.questions.clone(),
            tasks: self.tasks.iter().map(Uuid::to_string).collect(),
            residual_likelihood: Some(self.residual_likelihood.get().into()),
            residual_impact: Some(self.residual_impact.get().into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    fn input() -> RiskInput {
        RiskInput {
            title: "Stolen staff password".into(),
            category: "security".into(),
            likelihood: 4,
            impact: 4,
            treatment: "mitigate".into(),
            treatment_reason: "MFA everywhere".into(),
            criteria: vec!["CC6.1".into()],
            residual_likelihood: Some(2),
            ..RiskInput::default()
        }
    }

    fn with_cx<T>(f: impl FnOnce(&RiskContext<'_>) -> T) -> T {
        let catalog = preflight_catalog::embedded().expect("catalog");
        let people = People::from_names(vec!["Dana Ruiz".into()]);
        let task = Uuid::from_u128(7);
        let tasks: HashSet<Uuid> = [task].into();
        f(&RiskContext {
            catalog,
            people: &people,
            task_ids: &tasks,
            today: d(2026, 6, 1),
        })
    }

    #[test]
    fn a_risk_scores_and_defaults_residual_to_inherent() {
        with_cx(|cx| {
            let r = input().build(Uuid::nil(), None, cx).expect("risk");
            assert_eq!(r.score(), 16);
            assert_eq!(r.band(), Band::Critical);
            assert_eq!(r.residual_score(), 8);
            let mut i = input();
            i.residual_likelihood = None;
            let r = i.build(Uuid::nil(), None, cx).expect("risk");
            assert_eq!(r.residual_score(), 16);
            assert!(!r.is_fraud());
        });
    }

    #[test]
    fn bad_values_are_named() {
        with_cx(|cx| {
            for (mut i, code) in [
                (
                    RiskInput {
                        likelihood: 0,
                        ..input()
                    },
                    "risk_level_out_of_range",
                ),
                (
                    RiskInput {
                        impact: 6,
                        ..input()
                    },
                    "risk_level_out_of_range",
                ),
                (
                    RiskInput {
                        title: "  ".into(),
                        ..input()
                    },
                    "empty_title",
                ),
                (
                    RiskInput {
                        category: "weather".into(),
                        ..input()
                    },
                    "invalid_risk_category",
                ),
                (
                    RiskInput {
                        treatment: "ignore".into(),
                        ..input()
                    },
                    "invalid_risk_treatment",
                ),
                (
                    RiskInput {
                        criteria: vec!["CC99.1".into()],
                        ..input()
                    },
                    "unknown_criterion",
                ),
                (
                    RiskInput {
                        questions: vec!["nope".into()],
                        ..input()
                    },
                    "unknown_question",
                ),
                (
                    RiskInput {
                        tasks: vec![Uuid::from_u128(8).to_string()],
                        ..input()
                    },
                    "unknown_task",
                ),
                (
                    RiskInput {
                        owner: Some("Sam".into()),
                        ..input()
                    },
                    "unknown_person",
                ),
                (
                    RiskInput {
                        residual_impact: Some(5),
                        ..input()
                    },
                    "residual_above_inherent",
                ),
            ] {
                i.description = "x".into();
                let e = i.build(Uuid::nil(), None, cx).expect_err(code);
                assert_eq!(e.code(), code, "{e}");
            }
        });
    }

    #[test]
    fn accepting_needs_a_reason_and_a_name_and_no_future_date() {
        with_cx(|cx| {
            let accept = RiskInput {
                treatment: "accept".into(),
                treatment_reason: String::new(),
                ..input()
            };
            assert_eq!(
                accept.build(Uuid::nil(), None, cx).map_err(|e| e.code()),
                Err("risk_justification_missing")
            );
            let accept = RiskInput {
                treatment_reason: "Low value data".into(),
                ..accept
            };
            assert_eq!(
                accept.build(Uuid::nil(), None, cx).map_err(|e| e.code()),
                Err("risk_acceptor_missing")
            );
            let accept = RiskInput {
                accepted_by: Some("Dana Ruiz".into()),
                accepted_on: Some("2026-06-02".into()),
                ..accept
            };
            assert_eq!(
                accept.build(Uuid::nil(), None, cx).map_err(|e| e.code()),
                Err("date_in_future")
            );
            let accept = RiskInput {
                accepted_on: None,
                ..accept
            };
            let r = accept.build(Uuid::nil(), None, cx).expect("accepted");
            assert_eq!(
                r.acceptance,
                Some(Acceptance {
                    accepted_by: "Dana Ruiz".into(),
                    accepted_on: d(2026, 6, 1)
                })
            );
        });
    }

    #[test]
    fn edits_carry_the_version_and_fraud_follows_cc3_3() {
        with_cx(|cx| {
            let r = input().build(Uuid::nil(), None, cx).expect("risk");
            let mut i = r.to_input();
            i.criteria.push("CC3.3".into());
            i.tasks = vec![Uuid::from_u128(7).to_string()];
            let r2 = r.edit(1, &i, cx).expect("edit");
            assert_eq!(r2.version, 2);
            assert!(r2.is_fraud());
            assert_eq!(r2.tasks, vec![Uuid::from_u128(7)]);
            assert_eq!(
                r2.edit(1, &i, cx).map_err(|e| e.code()),
                Err("stale_version")
            );
        });
    }
}
