//! The rules every catalog passes before Preflight uses it: unique ids, resolving references,
//! no empty texts, point-of-focus ids under their criterion, and coverage (at least
//! [`MIN_QUESTIONS`] questions per criterion and per SOC 1 objective, every point of focus
//! covered by a question).

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{Catalog, Question};

/// The fewest questions every Trust Services criterion and every SOC 1 objective must have.
pub const MIN_QUESTIONS: usize = 2;

/// One thing wrong with a catalog, naming the item and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub item: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.message)
    }
}

/// Checks a catalog and returns every problem found (empty when it is sound).
pub fn validate(c: &Catalog) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut problem = |item: &str, message: String| {
        out.push(Problem {
            item: item.to_string(),
            message,
        })
    };

    let mut ids = HashSet::new();
    let all_ids = c
        .categories
        .iter()
        .map(|x| x.id.as_str())
        .chain(c.series.iter().map(|x| x.id.as_str()))
        .chain(c.criteria.iter().map(|x| x.id.as_str()))
        .chain(
            c.criteria
                .iter()
                .flat_map(|x| x.points.iter().map(|p| p.id.as_str())),
        )
        .chain(c.objectives.iter().map(|x| x.id.as_str()))
        .chain(c.questions.iter().map(|x| x.id.as_str()));
    for id in all_ids {
        if id.trim().is_empty() {
            problem("(empty id)", "an id is empty".into());
        } else if !ids.insert(id) {
            problem(id, "this id is used more than once".into());
        }
    }

    let required = |item: &str, field: &str, value: &str, problem: &mut dyn FnMut(&str, String)| {
        if value.trim().is_empty() {
            problem(item, format!("{field} is empty"));
        }
    };

    for cat in &c.categories {
        required(&cat.id, "name", &cat.name, &mut problem);
        required(&cat.id, "summary", &cat.summary, &mut problem);
    }
    for s in &c.series {
        required(&s.id, "name", &s.name, &mut problem);
        if c.category(&s.category).is_none() {
            problem(&s.id, format!("names unknown category {}", s.category));
        }
    }
    for cr in &c.criteria {
        required(&cr.id, "title", &cr.title, &mut problem);
        if c.series(&cr.series).is_none() {
            problem(&cr.id, format!("names unknown series {}", cr.series));
        }
        let prefix = format!("{}/", cr.id);
        for p in &cr.points {
            required(&p.id, "label", &p.label, &mut problem);
            if !p.id.starts_with(&prefix) || p.id.len() == prefix.len() {
                problem(
                    &p.id,
                    format!("point of focus id must start with {prefix} (its criterion)"),
                );
            }
        }
    }
    for o in &c.objectives {
        required(&o.id, "area", &o.area, &mut problem);
        required(&o.id, "title", &o.title, &mut problem);
        required(&o.id, "statement", &o.statement, &mut problem);
    }
    let points: HashSet<&str> = c
        .criteria
        .iter()
        .flat_map(|cr| cr.points.iter().map(|p| p.id.as_str()))
        .collect();
    for q in &c.questions {
        required(&q.id, "text", &q.text, &mut problem);
        required(&q.id, "guidance", &q.guidance, &mut problem);
        required(&q.id, "evidence", &q.evidence, &mut problem);
        if q.criteria.is_empty() && q.objectives.is_empty() {
            problem(&q.id, "maps to no criterion or objective".into());
        }
        if !q.criteria.is_empty() && !q.objectives.is_empty() {
            problem(
                &q.id,
                "maps to both criteria and SOC 1 objectives; use one".into(),
            );
        }
        for cr in &q.criteria {
            if c.criterion(cr).is_none() {
                problem(&q.id, format!("maps to unknown criterion {cr}"));
            }
        }
        for o in &q.objectives {
            if c.objective(o).is_none() {
                problem(&q.id, format!("maps to unknown objective {o}"));
            }
        }
        for p in &q.points {
            if !points.contains(p.as_str()) {
                problem(&q.id, format!("names unknown point of focus {p}"));
            } else if !q.criteria.iter().any(|cr| p.starts_with(&format!("{cr}/"))) {
                problem(
                    &q.id,
                    format!("names point of focus {p} of a criterion it does not map to"),
                );
            }
        }
    }

    // Coverage: every criterion and objective is assessed by enough questions, and every point
    // of focus by at least one. A question counts once per criterion or objective it names.
    let mut per_criterion: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut per_objective: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut covered: HashSet<&str> = HashSet::new();
    for q in &c.questions {
        for cr in &q.criteria {
            per_criterion
                .entry(cr.as_str())
                .or_default()
                .insert(q.id.as_str());
        }
        for o in &q.objectives {
            per_objective
                .entry(o.as_str())
                .or_default()
                .insert(q.id.as_str());
        }
        covered.extend(q.points.iter().map(|p| p.as_str()));
    }
    for cr in &c.criteria {
        let n = per_criterion.get(cr.id.as_str()).map_or(0, |s| s.len());
        if n < MIN_QUESTIONS {
            problem(
                &cr.id,
                format!("has {n} question(s); every criterion needs at least {MIN_QUESTIONS}"),
            );
        }
        for p in &cr.points {
            if !covered.contains(p.id.as_str()) {
                problem(&p.id, "point of focus is covered by no question".into());
            }
        }
    }
    for o in &c.objectives {
        let n = per_objective.get(o.id.as_str()).map_or(0, |s| s.len());
        if n < MIN_QUESTIONS {
            problem(
                &o.id,
                format!(
                    "has {n} question(s); every SOC 1 objective needs at least {MIN_QUESTIONS}"
                ),
            );
        }
    }
    texts(c, &mut problem);
    out
}

/// The rules on texts: placeholders, the one source of timing, points of focus that state no
/// frequency, and no "period" in what a Type 1 user reads.
///
/// - Every placeholder is known, and a rendered text keeps no brace.
/// - A point of focus states no frequency: the criteria set none. Common practice goes in the
///   criterion's practice hints.
/// - The questions a duty names in [`crate::duties::DUTIES`] take its timing from there (a
///   `{every:<duty>}` or `{rule:<duty>}` placeholder) and state no frequency of their own.
/// - Rendered for Type 1, no question that a Type 1 asks speaks of "the period".
fn texts(c: &Catalog, problem: &mut dyn FnMut(&str, String)) {
    use crate::duties::{states_frequency, DUTIES};
    use crate::render::{placeholders, render, resolve, speaks_of_the_period};
    use crate::Wording;

    fn question_texts(q: &Question) -> [(&'static str, &str); 3] {
        [
            ("text", q.text.as_str()),
            ("guidance", q.guidance.as_str()),
            ("evidence", q.evidence.as_str()),
        ]
    }
    fn check_placeholders(
        c: &Catalog,
        problem: &mut dyn FnMut(&str, String),
        item: &str,
        field: &str,
        text: &str,
    ) {
        match c.wording {
            None => {
                for name in placeholders(text) {
                    if resolve(name, Wording::Type2).is_none() {
                        problem(item, format!("{field} has unknown placeholder {{{name}}}"));
                    }
                }
                for w in Wording::ALL {
                    let r = render(text, w);
                    if r.contains('{') || r.contains('}') {
                        problem(item, format!("{field} keeps a brace once rendered: {r}"));
                        break;
                    }
                }
            }
            Some(_) => {
                if text.contains('{') || text.contains('}') {
                    problem(item, format!("{field} keeps a brace once rendered: {text}"));
                }
            }
        }
    }
    for q in &c.questions {
        for (field, text) in question_texts(q) {
            check_placeholders(c, problem, &q.id, field, text);
        }
    }
    for cr in &c.criteria {
        for h in &cr.practice_hints {
            if h.trim().is_empty() {
                problem(&cr.id, "a practice hint is empty".into());
            }
            check_placeholders(c, problem, &cr.id, "practice hint", h);
        }
        for p in &cr.points {
            if let Some(word) = states_frequency(&p.label) {
                problem(
                    &p.id,
                    format!(
                        "point of focus states a frequency (\"{word}\"), which the criteria do not \
                         set; say it as a practice hint of {}",
                        cr.id
                    ),
                );
            }
        }
    }
    for d in &DUTIES {
        for id in d.questions {
            let Some(q) = c.question(id) else {
                problem(
                    id,
                    format!(
                        "duty {} names question {id}, which is not in the catalog",
                        d.id
                    ),
                );
                continue;
            };
            let own = [format!("{{every:{}}}", d.id), format!("{{rule:{}}}", d.id)];
            if c.wording.is_none()
                && !question_texts(q)
                    .iter()
                    .any(|(_, t)| own.iter().any(|p| t.contains(p.as_str())))
            {
                problem(
                    id,
                    format!(
                        "states the timing of duty {} without taking it from the duty table \
                         ({} or {})",
                        d.id, own[0], own[1]
                    ),
                );
            }
            if c.wording.is_none() {
                for (field, text) in question_texts(q) {
                    if let Some(word) = states_frequency(text) {
                        problem(
                            id,
                            format!(
                                "{field} states a frequency of its own (\"{word}\"); duty {} \
                                 takes its timing from the duty table ({})",
                                d.id, own[0]
                            ),
                        );
                    }
                }
            }
        }
    }
    if c.wording != Some(Wording::Type2) {
        for q in c.questions.iter().filter(|q| !q.type2_only) {
            for (field, text) in question_texts(q) {
                let shown = match c.wording {
                    None => render(text, Wording::Type1),
                    Some(_) => text.to_string(),
                };
                if let Some(phrase) = speaks_of_the_period(&shown) {
                    problem(
                        &q.id,
                        format!(
                            "{field} says \"{phrase}\" to a Type 1 user, whose report has an \
                             as-of date; use {{in_period}} or {{for_period}}, or mark it type2_only"
                        ),
                    );
                }
            }
        }
    }
}
