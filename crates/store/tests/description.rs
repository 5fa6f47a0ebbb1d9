//! The system description in the store: drafts drawn from the registers and lists, saved
//! sections, completeness, the as-of date, and bad input that changes nothing.

use chrono::{NaiveDate, Utc};
use preflight_assessment::{NewAssessment, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_description::ComponentKind;
use preflight_store::Store;
use preflight_vendors::VendorInput;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

#[test]
fn drafts_follow_the_registers_and_saved_sections_stay() {
    let mut s = Store::open_in_memory().expect("open");
    let a = NewAssessment {
        name: None,
        company: "Acme Cloud".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec![],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    let id = a.id;
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let (_, before) = s.description(catalog(), id).expect("description");
    assert!(
        before
            .iter()
            .all(|x| x.id != "changes" && x.id != "incidents"),
        "Type 1: no period sections"
    );
    let sub = before
        .iter()
        .find(|x| x.id == "subservice")
        .expect("subservice");
    assert!(sub.text.contains("[[to fill:") && !sub.complete);

    s.create_vendor(
        id,
        &VendorInput {
            name: "Cloudy Host".into(),
            service: "Runs our servers".into(),
            subservice: true,
            csocs: vec!["Physical security".into()],
            ..Default::default()
        },
        today,
    )
    .expect("vendor");
    s.save_components(
        id,
        ComponentKind::System,
        &[
            ("AWS".into(), "hosting in eu-west-1".into()),
            (" ".into(), "".into()),
        ],
    )
    .expect("systems");
    assert_eq!(
        s.save_components(id, ComponentKind::Team, &[("".into(), "no name".into())])
            .map_err(|e| e.code()),
        Err("empty_name")
    );
    let (_, after) = s.description(catalog(), id).expect("description");
    let sub = after
        .iter()
        .find(|x| x.id == "subservice")
        .expect("subservice");
    assert!(
        sub.text.contains("Cloudy Host (carve-out method)")
            && sub.text.contains("Physical security"),
        "{}",
        sub.text
    );
    let infra = after
        .iter()
        .find(|x| x.id == "infrastructure")
        .expect("infrastructure");
    assert!(
        infra.text.contains("- AWS: hosting in eu-west-1"),
        "{}",
        infra.text
    );

    s.save_section(
        id,
        "services",
        "Acme Cloud sells invoicing software to small shops.",
        today,
    )
    .expect("save");
    assert_eq!(
        s.save_section(id, "nope", "x", today).map_err(|e| e.code()),
        Err("unknown_description_section")
    );
    assert_eq!(
        s.save_section(id, "services", &"x".repeat(100_001), today)
            .map_err(|e| e.code()),
        Err("too_long")
    );
    let (_, saved) = s.description(catalog(), id).expect("description");
    let services = saved.iter().find(|x| x.id == "services").expect("services");
    assert!(services.saved && services.complete && services.text.starts_with("Acme Cloud sells"));

    assert_eq!(
        s.set_as_of_date(id, "30/06/2026").map_err(|e| e.code()),
        Err("invalid_date")
    );
    s.set_as_of_date(id, "2026-06-30").expect("as of");
    let (facts, _) = s.description(catalog(), id).expect("description");
    assert_eq!(facts.window, "as of 30 June 2026");
}

#[test]
fn the_portable_file_carries_the_description() {
    let mut s = Store::open_in_memory().expect("open");
    let a = NewAssessment {
        name: None,
        company: "Acme Cloud".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec![],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    s.save_section(a.id, "services", "We sell invoicing software.", today)
        .expect("save");
    s.save_components(
        a.id,
        ComponentKind::Team,
        &[("Engineering".into(), "6 people".into())],
    )
    .expect("teams");
    s.set_as_of_date(a.id, "2026-06-30").expect("as of");
    let text = s.export_json(a.id).expect("export");
    let copy = s.import_json(catalog(), &text).expect("import");
    let (facts, sections) = s.description(catalog(), copy.id).expect("description");
    assert_eq!(facts.window, "as of 30 June 2026");
    assert_eq!(facts.components.len(), 1);
    assert!(sections
        .iter()
        .any(|x| x.id == "services" && x.saved && x.text == "We sell invoicing software."));
    let broken = text.replace("\"services\"", "\"no-such-section\"");
    assert!(s.import_json(catalog(), &broken).is_err());
}
