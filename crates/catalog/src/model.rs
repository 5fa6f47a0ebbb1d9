//! The catalog's types, as they are written in `assets/catalog/*.toml`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::duties::Wording;
use crate::render::render;

/// A Trust Services category (Security, Availability, ...). Security is `required`: it is
/// always in scope for SOC 2 and SOC 3.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub required: bool,
}

/// A series of criteria inside a category (CC1 Control environment, A1 Availability, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub id: String,
    pub category: String,
    pub name: String,
}

/// One point of focus of a criterion: a topic its questions should cover, in our words.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointOfFocus {
    pub id: String,
    pub label: String,
}

/// One of the 61 Trust Services Criteria, with its official id and our own short title.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub series: String,
    pub title: String,
    #[serde(default)]
    pub points: Vec<PointOfFocus>,
    /// Preflight's practice hints: common practice (a frequency, a carve-out) that the criteria
    /// do not set, shown apart from the points of focus. May hold placeholders (see
    /// [`crate::render`]).
    #[serde(default)]
    pub practice_hints: Vec<String>,
}

/// A SOC 1 control objective template. SOC 1 objectives belong to the company; these are
/// starting points it picks from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub area: String,
    pub title: String,
    pub statement: String,
}

/// How serious a "No" to a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    /// The weight of a question of this severity in the readiness score.
    pub fn weight(self) -> u32 {
        match self {
            Severity::High => 3,
            Severity::Medium => 2,
            Severity::Low => 1,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }

    pub const ALL: [Severity; 3] = [Severity::High, Severity::Medium, Severity::Low];
}

/// A readiness question in plain language.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id: answers are stored against it, so it never changes once shipped.
    pub id: String,
    /// One sentence a founder understands without a glossary.
    pub text: String,
    /// What "Yes" looks like in a 10 to 50 person company.
    pub guidance: String,
    /// The evidence an auditor will ask for.
    pub evidence: String,
    /// Trust Services Criteria this question assesses (SOC 2 and SOC 3).
    #[serde(default)]
    pub criteria: Vec<String>,
    /// SOC 1 objective templates this question assesses.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Points of focus (ids from the criteria) this question covers.
    #[serde(default)]
    pub points: Vec<String>,
    pub severity: Severity,
    /// Asked only for a Type 2 report (controls operating over the observation period).
    #[serde(default)]
    pub type2_only: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameworkFile {
    #[serde(default)]
    pub category: Vec<Category>,
    #[serde(default)]
    pub series: Vec<Series>,
    #[serde(default)]
    pub criterion: Vec<Criterion>,
    #[serde(default)]
    pub objective: Vec<Objective>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionFile {
    #[serde(default)]
    pub question: Vec<Question>,
}

/// The whole catalog, in file order, with lookups by id.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub categories: Vec<Category>,
    pub series: Vec<Series>,
    pub criteria: Vec<Criterion>,
    pub objectives: Vec<Objective>,
    pub questions: Vec<Question>,
    /// The report type the texts are rendered for; `None` while they still hold placeholders
    /// (see [`crate::render`]).
    #[serde(skip)]
    pub wording: Option<Wording>,
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    categories: HashMap<String, usize>,
    series: HashMap<String, usize>,
    criteria: HashMap<String, usize>,
    objectives: HashMap<String, usize>,
    questions: HashMap<String, usize>,
}

impl Catalog {
    pub fn new(
        categories: Vec<Category>,
        series: Vec<Series>,
        criteria: Vec<Criterion>,
        objectives: Vec<Objective>,
        questions: Vec<Question>,
    ) -> Self {
        fn index<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
            items
                .iter()
                .enumerate()
                .map(|(i, t)| (id(t).to_string(), i))
                .collect()
        }
        let index = Index {
            categories: index(&categories, |c| &c.id),
            series: index(&series, |s| &s.id),
            criteria: index(&criteria, |c| &c.id),
            objectives: index(&objectives, |o| &o.id),
            questions: index(&questions, |q| &q.id),
        };
        Catalog {
            categories,
            series,
            criteria,
            objectives,
            questions,
            wording: None,
            index,
        }
    }

    /// This catalog with every placeholder rendered for a report type: question texts,
    /// guidance, evidence and practice hints. The one place texts are rendered; the
    /// assessment's effective catalog goes through it.
    pub fn rendered(&self, wording: Wording) -> Catalog {
        let r = |t: &str| render(t, wording);
        let criteria = self
            .criteria
            .iter()
            .map(|c| Criterion {
                practice_hints: c.practice_hints.iter().map(|h| r(h)).collect(),
                ..c.clone()
            })
            .collect();
        let questions = self
            .questions
            .iter()
            .map(|q| Question {
                text: r(&q.text),
                guidance: r(&q.guidance),
                evidence: r(&q.evidence),
                ..q.clone()
            })
            .collect();
        let mut out = Catalog::new(
            self.categories.clone(),
            self.series.clone(),
            criteria,
            self.objectives.clone(),
            questions,
        );
        out.wording = Some(wording);
        out
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.index.categories.get(id).map(|&i| &self.categories[i])
    }
    pub fn series(&self, id: &str) -> Option<&Series> {
        self.index.series.get(id).map(|&i| &self.series[i])
    }
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.index.criteria.get(id).map(|&i| &self.criteria[i])
    }
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.index.objectives.get(id).map(|&i| &self.objectives[i])
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.questions.get(id).map(|&i| &self.questions[i])
    }

    /// The category a criterion belongs to, through its series.
    pub fn category_of(&self, criterion: &Criterion) -> Option<&Category> {
        self.series(&criterion.series)
            .and_then(|s| self.category(&s.category))
    }

    /// Criteria of the given categories, in catalog order.
    pub fn criteria_in<'a>(
        &'a self,
        categories: &'a [String],
    ) -> impl Iterator<Item = &'a Criterion> + 'a {
        self.criteria.iter().filter(move |c| {
            self.category_of(c)
                .is_some_and(|cat| categories.iter().any(|k| *k == cat.id))
        })
    }
}
