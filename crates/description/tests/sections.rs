//! The description sections as shipped: the DC 200 topics are all there, every placeholder is
//! known, drafts for a company that filled everything in leave only the parts a person must
//! write, and a Type 1 has no "during the period" sections.

use preflight_description::components::Component;
use preflight_description::draft::placeholders;
use preflight_description::{
    assemble, document, draft, is_complete, sections, ComponentKind, Facts,
};

fn facts(type2: bool, components: &[Component]) -> Facts<'_> {
    Facts {
        company: "Acme Cloud",
        service: Some("an invoicing platform for small shops"),
        report: if type2 {
            "SOC 2 Type 2"
        } else {
            "SOC 2 Type 1"
        },
        window: if type2 {
            "1 January 2026 to 30 June 2026"
        } else {
            "as of 30 June 2026"
        },
        type2,
        commitments: vec![
            "99.9% monthly uptime".into(),
            "Customer data is never sold or shared".into(),
        ],
        components,
        subservice: vec!["Cloudy Host (carve-out): physical security of the data centres".into()],
        cuecs: vec!["Customers manage their own users".into()],
        in_scope: vec!["Security".into(), "Availability".into()],
        left_out: vec!["Privacy: we hold no personal data beyond business contacts".into()],
    }
}

#[test]
fn every_topic_is_there_and_every_placeholder_known() {
    let all = sections().expect("sections parse");
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "services",
        "commitments",
        "infrastructure",
        "software",
        "people",
        "procedures",
        "data",
        "boundaries",
        "subservice",
        "cuecs",
        "criteria",
        "changes",
        "incidents",
    ] {
        assert!(ids.contains(&id), "missing section {id}");
    }
    let comps = vec![
        Component::checked(ComponentKind::System, "AWS", "hosting").expect("c"),
        Component::checked(ComponentKind::DataStore, "Postgres", "customer invoices").expect("c"),
        Component::checked(ComponentKind::Team, "Engineering", "6 people").expect("c"),
    ];
    let f = facts(true, &comps);
    for s in all {
        assert!(
            !s.guidance.trim().is_empty() && !s.prompt.trim().is_empty(),
            "{}",
            s.id
        );
        for p in placeholders(&s.template) {
            assert!(
                preflight_description::draft::resolve(p, &f).is_some(),
                "{}: unknown placeholder {{{p}}}",
                s.id
            );
        }
        let d = draft(s, &f);
        assert!(!d.contains('{') && !d.contains('}'), "{}: {d}", s.id);
    }
}

#[test]
fn type1_has_no_period_sections_and_gaps_are_marked() {
    let f = facts(false, &[]);
    let t1 = assemble(&f, &[]).expect("assemble");
    assert!(t1.iter().all(|s| s.id != "changes" && s.id != "incidents"));
    let systems = t1
        .iter()
        .find(|s| s.id == "infrastructure")
        .expect("infrastructure");
    assert!(
        systems.text.contains("[[to fill:"),
        "an empty list is marked: {}",
        systems.text
    );
    assert!(!systems.complete);
    let mine = vec![(
        "services".to_string(),
        "We sell invoicing software to shops.".to_string(),
    )];
    let with = assemble(&f, &mine).expect("assemble");
    let services = with.iter().find(|s| s.id == "services").expect("services");
    assert!(services.saved && services.complete);
    assert!(!is_complete("  ") && !is_complete("We [[to fill: x]]"));
    let doc = document(
        &f,
        &with,
        chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"),
    );
    assert!(
        doc.body.contains("## ")
            && doc.cover.iter().any(
                |(k, v)| k == "Sections complete" && v.ends_with(&format!("of {}", with.len()))
            )
    );
}
