//! The rules every catalog passes before Preflight uses it.

use std::collections::HashSet;
use std::fmt;

use crate::model::Catalog;

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
        out.push(Problem { item: item.to_string(), message })
    };

    let mut ids = HashSet::new();
    let all_ids = c
        .categories
        .iter()
        .map(|x| x.id.as_str())
        .chain(c.series.iter().map(|x| x.id.as_str()))
        .chain(c.criteria.iter().map(|x| x.id.as_str()))
        .chain(c.criteria.iter().flat_map(|x| x.points.iter().map(|p| p.id.as_str())))
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
        for p in &cr.points {
            required(&p.id, "label", &p.label, &mut problem);
        }
    }
    for o in &c.objectives {
        required(&o.id, "area", &o.area, &mut problem);
        required(&o.id, "title", &o.title, &mut problem);
        required(&o.id, "statement", &o.statement, &mut problem);
    }
    let points: HashSet<&str> =
        c.criteria.iter().flat_map(|cr| cr.points.iter().map(|p| p.id.as_str())).collect();
    for q in &c.questions {
        required(&q.id, "text", &q.text, &mut problem);
        required(&q.id, "guidance", &q.guidance, &mut problem);
        required(&q.id, "evidence", &q.evidence, &mut problem);
        if q.criteria.is_empty() && q.objectives.is_empty() {
            problem(&q.id, "maps to no criterion or objective".into());
        }
        if !q.criteria.is_empty() && !q.objectives.is_empty() {
            problem(&q.id, "maps to both criteria and SOC 1 objectives; use one".into());
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
                problem(&q.id, format!("names point of focus {p} of a criterion it does not map to"));
            }
        }
    }
    out
}
