//! The readiness figures.
//!
//! The rule (also in docs/scoring.md and the app's tooltip):
//! - Every question that applies to the scope carries a weight by the severity of a "No":
//!   high 3, medium 2, low 1.
//! - It earns its full weight for Yes, half for Partly, nothing for No, Don't know or no
//!   answer yet. Not applicable questions are left out of the sum altogether.
//! - Readiness = weight earned / weight possible, as a percentage. A criterion counts the
//!   questions mapped to it; the overall figure counts every applicable question once.
//! - With nothing left to count (no questions, or all Not applicable) there is no figure.

use preflight_catalog::{Catalog, Question, Severity};
use serde::Serialize;

use crate::gap::{answer_for, gap_of};
use crate::{Answer, AnswerValue, Assessment, Scope, ScopeItem};

/// The rule in one paragraph, for tooltips and the workbook.
pub const RULE: &str = "Each question in scope is weighted by how serious a No would be (high 3, medium 2, low 1). \
It earns its full weight for Yes, half for Partly, and nothing for No, Don't know or no answer. \
Not applicable questions are left out. Readiness is the weight earned divided by the weight possible; \
a criterion counts the questions mapped to it, the overall figure counts every question once.";

/// Gaps counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SeverityCounts {
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

impl SeverityCounts {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::High => self.high += 1,
            Severity::Medium => self.medium += 1,
            Severity::Low => self.low += 1,
        }
    }
    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }
    pub fn total(&self) -> usize {
        self.high + self.medium + self.low
    }
}

/// Where a criterion or objective stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Every question answered and none is a gap.
    Ready,
    /// At least one question answered, and gaps remain.
    Gaps,
    /// No question answered yet.
    NotAssessed,
}

impl ItemStatus {
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Ready => "Ready",
            ItemStatus::Gaps => "Gaps",
            ItemStatus::NotAssessed => "Not assessed",
        }
    }
}

/// Readiness of one criterion or objective.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeItemReadiness {
    pub item: ScopeItem,
    pub questions: usize,
    pub answered: usize,
    /// 0 to 100; `None` when nothing counts (no questions, or all Not applicable).
    pub readiness: Option<f64>,
    pub gaps: SeverityCounts,
    pub status: ItemStatus,
}

/// Readiness of a whole assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub questions: usize,
    pub answered: usize,
    pub overall: Option<f64>,
    pub gaps: SeverityCounts,
    pub items: Vec<ScopeItemReadiness>,
}

#[derive(Default)]
struct Tally {
    questions: usize,
    answered: usize,
    earned: f64,
    possible: f64,
    gaps: SeverityCounts,
}

impl Tally {
    fn add(&mut self, q: &Question, answer: Option<&Answer>) {
        let value = answer.and_then(|a| a.value);
        self.questions += 1;
        if is_answered(answer) {
            self.answered += 1;
        }
        if let Some(g) = gap_of(q, answer) {
            self.gaps.add(g.severity);
        }
        let weight = f64::from(q.severity.weight());
        let credit = match value {
            Some(AnswerValue::Na) => return,
            Some(AnswerValue::Yes) => 1.0,
            Some(AnswerValue::Partly) => 0.5,
            _ => 0.0,
        };
        self.possible += weight;
        self.earned += weight * credit;
    }

    fn readiness(&self) -> Option<f64> {
        (self.possible > 0.0).then(|| 100.0 * self.earned / self.possible)
    }
}

/// How far an assessment has got: the questions that apply to its scope and how many of them
/// are answered. The one rule for "answered" wherever it is shown (the assessment list, the
/// command line, readiness): a question counts when it applies to the scope in the
/// assessment's effective catalog and its answer has a value; a note alone is not an answer,
/// and answers kept for questions outside the scope (given before the scope changed, or loaded
/// from a file) do not count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub questions: usize,
    pub answered: usize,
}

/// Whether a saved answer (if any) counts as answered: it has a value.
pub fn is_answered(answer: Option<&Answer>) -> bool {
    answer.is_some_and(|a| a.value.is_some())
}

/// [`Progress`] within a scope, against a catalog already made effective for the assessment.
pub fn progress_in(catalog: &Catalog, scope: &Scope, answers: &[Answer]) -> Progress {
    let mut p = Progress::default();
    for q in scope.questions(catalog) {
        p.questions += 1;
        if is_answered(answer_for(answers, &q.id)) {
            p.answered += 1;
        }
    }
    p
}

/// [`Progress`] of an assessment, in its effective catalog (its report type's wording and its
/// own objectives).
pub fn progress(base: &Catalog, a: &Assessment, answers: &[Answer]) -> Progress {
    let effective = crate::objectives::effective_catalog(base, a);
    progress_in(&effective, &a.scope, answers)
}

/// Computes readiness per scope item and overall.
pub fn readiness(catalog: &Catalog, scope: &Scope, answers: &[Answer]) -> Readiness {
    let items = scope.items(catalog);
    let mut tallies: Vec<Tally> = items.iter().map(|_| Tally::default()).collect();
    let mut overall = Tally::default();
    for q in scope.questions(catalog) {
        let answer = answer_for(answers, &q.id);
        overall.add(q, answer);
        for id in scope.item_ids_of(q) {
            if let Some(i) = items.iter().position(|it| &it.id == id) {
                tallies[i].add(q, answer);
            }
        }
    }
    let items = items
        .into_iter()
        .zip(tallies)
        .map(|(item, t)| ScopeItemReadiness {
            status: if t.answered == 0 {
                ItemStatus::NotAssessed
            } else if t.gaps.total() == 0 {
                ItemStatus::Ready
            } else {
                ItemStatus::Gaps
            },
            readiness: t.readiness(),
            questions: t.questions,
            answered: t.answered,
            gaps: t.gaps,
            item,
        })
        .collect();
    Readiness {
        questions: overall.questions,
        answered: overall.answered,
        overall: overall.readiness(),
        gaps: overall.gaps,
        items,
    }
}

/// Readiness of one group of criteria (a series such as CC6, or a SOC 1 objective area).
#[derive(Debug, Clone, Serialize)]
pub struct GroupReadiness {
    pub group: String,
    pub questions: usize,
    pub answered: usize,
    pub readiness: Option<f64>,
}

/// Readiness per series (SOC 2, SOC 3) or objective area (SOC 1), by the same rule, each
/// question counted once in the group of the first scope item it maps to. Groups keep the
/// order of the scope's items.
pub fn readiness_by_group(
    catalog: &Catalog,
    scope: &Scope,
    answers: &[Answer],
) -> Vec<GroupReadiness> {
    let items = scope.items(catalog);
    let mut groups: Vec<(String, Tally)> = Vec::new();
    for it in &items {
        if !groups.iter().any(|(g, _)| *g == it.group) {
            groups.push((it.group.clone(), Tally::default()));
        }
    }
    for q in scope.questions(catalog) {
        let group = scope
            .item_ids_of(q)
            .iter()
            .find_map(|id| items.iter().find(|it| &it.id == id))
            .map(|it| it.group.clone());
        if let Some(g) = group {
            if let Some((_, t)) = groups.iter_mut().find(|(name, _)| *name == g) {
                t.add(q, answer_for(answers, &q.id));
            }
        }
    }
    groups
        .into_iter()
        .map(|(group, t)| GroupReadiness {
            group,
            questions: t.questions,
            answered: t.answered,
            readiness: t.readiness(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReportKind, ReportType};
    use chrono::Utc;

    fn scope() -> Scope {
        Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: vec!["security".into()],
            objectives: vec![],
            observation: None,
        }
    }

    fn answers(all: AnswerValue, c: &Catalog) -> Vec<Answer> {
        scope()
            .questions(c)
            .map(|q| Answer {
                question_id: q.id.clone(),
                value: Some(all),
                note: String::new(),
                answered_at: Utc::now(),
            })
            .collect()
    }

    fn catalog() -> &'static Catalog {
        preflight_catalog::embedded().expect("catalog")
    }

    #[test]
    fn all_yes_is_100_and_ready() {
        let c = catalog();
        let r = readiness(c, &scope(), &answers(AnswerValue::Yes, c));
        assert_eq!(r.overall, Some(100.0));
        assert_eq!(r.gaps.total(), 0);
        assert!(r
            .items
            .iter()
            .filter(|i| i.questions > 0)
            .all(|i| i.status == ItemStatus::Ready && i.readiness == Some(100.0)));
    }

    #[test]
    fn nothing_answered_is_zero_and_not_assessed() {
        let c = catalog();
        let r = readiness(c, &scope(), &[]);
        assert_eq!(r.overall, Some(0.0));
        assert_eq!(r.answered, 0);
        assert_eq!(r.gaps.total(), r.questions);
        assert!(r.items.iter().all(|i| i.status == ItemStatus::NotAssessed));
    }

    #[test]
    fn all_partly_is_half_and_all_na_has_no_figure() {
        let c = catalog();
        let r = readiness(c, &scope(), &answers(AnswerValue::Partly, c));
        assert_eq!(r.overall, Some(50.0));
        let r = readiness(c, &scope(), &answers(AnswerValue::Na, c));
        assert_eq!(r.overall, None);
        assert_eq!(r.gaps.total(), 0);
    }

    #[test]
    fn answered_counts_only_questions_in_scope_with_a_value() {
        let c = catalog();
        let wide = Scope {
            categories: vec!["security".into(), "privacy".into()],
            ..scope()
        };
        let mut all = wide
            .questions(c)
            .map(|q| Answer {
                question_id: q.id.clone(),
                value: Some(AnswerValue::Yes),
                note: String::new(),
                answered_at: Utc::now(),
            })
            .collect::<Vec<_>>();
        // A note alone is not an answer.
        let narrow = scope();
        let first = narrow.questions(c).next().expect("a question");
        let i = all
            .iter()
            .position(|a| a.question_id == first.id)
            .expect("answered");
        all[i].value = None;
        let p = progress_in(c, &narrow, &all);
        assert_eq!(p.questions, narrow.questions(c).count());
        assert!(all.len() > p.questions, "privacy answers lie outside");
        assert_eq!(p.answered, p.questions - 1);
        // Readiness counts by the same rule.
        let r = readiness(c, &narrow, &all);
        assert_eq!((r.questions, r.answered), (p.questions, p.answered));
        assert_eq!(progress_in(c, &wide, &all).answered, all.len() - 1);
    }

    #[test]
    fn groups_follow_series_and_count_each_question_once() {
        let c = catalog();
        let g = readiness_by_group(c, &scope(), &answers(AnswerValue::Yes, c));
        assert_eq!(
            g.iter().map(|x| x.group.as_str()).collect::<Vec<_>>(),
            vec!["CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "CC7", "CC8", "CC9"]
        );
        assert!(g.iter().all(|x| x.readiness == Some(100.0)));
        let total: usize = g.iter().map(|x| x.questions).sum();
        assert_eq!(total, scope().questions(c).count());
        let none = readiness_by_group(c, &scope(), &[]);
        assert!(none
            .iter()
            .all(|x| x.readiness == Some(0.0) && x.answered == 0));
    }

    #[test]
    fn weights_follow_severity() {
        let c = catalog();
        let s = scope();
        // Yes to one high question and No to one low question mapped to the same criterion set:
        // build a two-question world by answering everything Na except those two.
        let high = s
            .questions(c)
            .find(|q| q.severity == Severity::High)
            .expect("a high question");
        let low = s
            .questions(c)
            .find(|q| q.severity != Severity::High)
            .expect("a non-high question");
        let mut a = answers(AnswerValue::Na, c);
        for x in a.iter_mut() {
            if x.question_id == high.id {
                x.value = Some(AnswerValue::Yes);
            }
            if x.question_id == low.id {
                x.value = Some(AnswerValue::No);
            }
        }
        let r = readiness(c, &s, &a);
        let w_high = f64::from(high.severity.weight());
        let w_low = f64::from(low.severity.weight());
        let expected = 100.0 * w_high / (w_high + w_low);
        assert!((r.overall.expect("figure") - expected).abs() < 1e-9);
        assert_eq!(r.gaps.total(), 1);
        assert_eq!(r.gaps.get(low.severity), 1);
    }
}
