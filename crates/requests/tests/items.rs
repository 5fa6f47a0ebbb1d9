//! The request items as shipped, validated like the catalog: unique ids, every question and
//! criterion known, every question covered, populations only for Type 2; and the list each
//! scope generates (counts per kind and type, every item tied to a question in scope).

use std::collections::HashSet;

use chrono::Utc;
use preflight_assessment::{NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_requests::list::request_list;
use preflight_requests::{items, Kind};

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

#[test]
fn every_item_is_valid_and_every_question_covered() {
    let c = catalog();
    let all = items().expect("items parse");
    let mut ids = HashSet::new();
    let mut covered = HashSet::new();
    for i in all {
        assert!(ids.insert(&i.id), "duplicate {}", i.id);
        assert!(i.id.starts_with("REQ-"), "{}", i.id);
        assert!(
            !i.item.trim().is_empty() && !i.detail.trim().is_empty(),
            "{}",
            i.id
        );
        assert!(
            !i.questions.is_empty() && i.questions.len() <= 5,
            "{}",
            i.id
        );
        for q in &i.questions {
            assert!(c.question(q).is_some(), "{}: unknown question {q}", i.id);
            covered.insert(q.as_str());
        }
        for x in &i.criteria {
            assert!(
                c.criterion(x).is_some() || c.objective(x).is_some(),
                "{}: unknown criterion {x}",
                i.id
            );
        }
        if i.kind == Kind::Population {
            assert!(
                i.type2_only,
                "{}: a population is over the window: Type 2 only",
                i.id
            );
        }
    }
    for q in &c.questions {
        assert!(
            covered.contains(q.id.as_str()),
            "no request item for {}",
            q.id
        );
    }
    let per_question = all.len() as f64 / c.questions.len() as f64;
    assert!(
        (1.0..=3.0).contains(&per_question),
        "{per_question:.2} items per question"
    );
}

fn scope(kind: ReportKind, t: ReportType, categories: &[&str], objectives: Vec<String>) -> Scope {
    let a = NewAssessment {
        name: None,
        company: "Acme".into(),
        scope: Scope {
            kind,
            report_type: t,
            categories: categories.iter().map(|c| c.to_string()).collect(),
            objectives,
            observation: (t == ReportType::Type2)
                .then(|| ObservationPeriod::parse("2026-01-01", "2026-06-30").expect("p")),
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    a.scope
}

#[test]
fn each_scope_gets_its_list() {
    let c = catalog();
    let all = items().expect("items");
    let count = |s: &Scope| {
        let l = request_list(c, s, all);
        for x in &l {
            assert!(
                !x.questions_in_scope.is_empty() && !x.criteria_in_scope.is_empty(),
                "{}",
                x.item.id
            );
        }
        (
            l.len(),
            l.iter().filter(|x| x.item.kind == Kind::Population).count(),
        )
    };
    let (t1, t1_pop) = count(&scope(ReportKind::Soc2, ReportType::Type1, &[], vec![]));
    let (t2, t2_pop) = count(&scope(ReportKind::Soc2, ReportType::Type2, &[], vec![]));
    assert_eq!(t1_pop, 0, "a Type 1 asks for no population");
    assert!(t2_pop >= 10, "a Type 2 asks for populations: {t2_pop}");
    assert!(t2 > t1 && t1 >= 100, "{t1} / {t2}");
    let (all_cats, _) = count(&scope(
        ReportKind::Soc2,
        ReportType::Type2,
        &[
            "availability",
            "confidentiality",
            "processing_integrity",
            "privacy",
        ],
        vec![],
    ));
    assert!(
        all_cats > t2 + 50,
        "the other categories add their items: {all_cats} vs {t2}"
    );
    let objectives: Vec<String> = c.objectives.iter().map(|o| o.id.clone()).collect();
    let (soc1, soc1_pop) = count(&scope(ReportKind::Soc1, ReportType::Type2, &[], objectives));
    assert!(
        soc1 >= 40 && soc1_pop >= 1,
        "SOC 1: {soc1} items, {soc1_pop} populations"
    );
}
