//! The policy templates as shipped: every one has an owner role, criteria that exist, only
//! known placeholders, and once rendered for two sample companies no placeholder is left and
//! the duty timings read exactly as the one timing source says.

use preflight_catalog::duties::Duty;
use preflight_policies::render::has_gaps;
use preflight_policies::{proposed, render, templates, RenderContext, Role};

fn full_company(r: Role) -> Option<String> {
    Some(format!("Holder of {}", r.label()))
}

fn nobody(_: Role) -> Option<String> {
    None
}

#[test]
fn every_template_is_complete_and_valid() {
    let catalog = preflight_catalog::embedded().expect("catalog");
    let all = templates().expect("templates parse");
    assert!(all.len() >= 15, "{} templates", all.len());
    let mut ids = std::collections::HashSet::new();
    for t in all {
        assert!(ids.insert(&t.id), "duplicate {}", t.id);
        assert!(
            !t.title.trim().is_empty() && !t.summary.trim().is_empty(),
            "{}",
            t.id
        );
        assert!(!t.criteria.is_empty(), "{} maps to no criterion", t.id);
        for c in &t.criteria {
            assert!(
                catalog.criterion(c).is_some(),
                "{}: unknown criterion {c}",
                t.id
            );
        }
        if let Some(cat) = &t.applies_to {
            assert!(
                catalog.category(cat).is_some(),
                "{}: unknown category {cat}",
                t.id
            );
        }
        assert!(
            t.body.split_whitespace().count() >= 250,
            "{} is too short",
            t.id
        );
        assert!(
            !t.body.trim_start().starts_with("# "),
            "{}: the cover carries the title",
            t.id
        );
        // Rendered for a company that filled everything in: nothing left to fill.
        let cx = RenderContext {
            company: "Acme Cloud",
            service: Some("an invoicing platform"),
            owner: Some("Dana Ruiz"),
            role_holder: &full_company,
        };
        let text = render(t.body, &cx).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{}: a brace is left",
            t.id
        );
        assert!(!has_gaps(&text), "{}: a value is left to fill", t.id);
        assert!(
            text.contains("Acme Cloud"),
            "{} never names the company",
            t.id
        );
        // Rendered for a company that told Preflight little: the gaps are marked, not blank.
        let bare = RenderContext {
            company: "Solo",
            service: None,
            owner: None,
            role_holder: &nobody,
        };
        let text = render(t.body, &bare).expect("renders");
        assert!(
            has_gaps(&text) || !t.body.contains("{owner}"),
            "{}: unknown owner not marked",
            t.id
        );
    }
}

#[test]
fn duty_timings_come_from_the_one_source() {
    let cx = RenderContext {
        company: "Acme",
        service: None,
        owner: None,
        role_holder: &nobody,
    };
    let mut used = std::collections::HashSet::new();
    for t in templates().expect("templates") {
        for d in Duty::ALL {
            if t.body.contains(&format!("{{every:{}}}", d.as_str())) {
                used.insert(d);
                let text = render(t.body, &cx).expect("renders");
                assert!(text.contains(d.every()), "{}: {:?}", t.id, d);
            }
        }
    }
    for d in [
        Duty::AccessReview,
        Duty::Offboarding,
        Duty::AwarenessTraining,
        Duty::RiskAssessment,
        Duty::VendorReview,
        Duty::PolicyReview,
    ] {
        assert!(
            used.contains(&d),
            "no policy states when {} happens",
            d.label()
        );
    }
}

#[test]
fn only_the_fitting_policies_are_proposed() {
    let security_only = proposed(&["security".into()]).expect("proposed");
    assert!(security_only.iter().all(|t| t.applies_to.is_none()));
    assert!(!security_only.iter().any(|t| t.id == "privacy"));
    let with_privacy = proposed(&["security".into(), "privacy".into()]).expect("proposed");
    assert!(with_privacy.iter().any(|t| t.id == "privacy"));
    assert_eq!(with_privacy.len(), security_only.len() + 1);
}
