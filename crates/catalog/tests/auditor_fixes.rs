//! The catalog corrections an auditor asked for (issue 11, items 12 to 15): severities and
//! mappings of named questions, the points of focus they cover, and the Confidentiality
//! category's reach. Scope-level checks are in crates/assessment/tests/catalog_scope.rs.

use preflight_catalog::{Catalog, Question, Severity};

fn catalog() -> &'static Catalog {
    match preflight_catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog invalid: {e}"),
    }
}

fn q(id: &str) -> &'static Question {
    catalog()
        .question(id)
        .unwrap_or_else(|| panic!("question {id} is missing"))
}

fn maps(id: &str, criterion: &str) -> bool {
    q(id).criteria.iter().any(|c| c == criterion)
}

fn covers(id: &str, point: &str) -> bool {
    q(id).points.iter().any(|p| p == point)
}

#[test]
fn vendor_soc_report_reviews_are_high() {
    // A carve-out rests on reading the subservice organization's report.
    for id in [
        "cc9-vendor-review",
        "cc9-vendor-controls-checked",
        "cc6-datacenter-provider",
        "t2-vendor-reviews-ran",
        "soc1-hosting-report-review",
        "soc1-subservice-reports",
        "soc1-subservice-list",
    ] {
        assert_eq!(q(id).severity, Severity::High, "{id}");
    }
}

#[test]
fn incident_exercises_also_map_to_recovery() {
    for id in ["cc7-incident-exercise", "t2-incident-test-ran"] {
        assert!(maps(id, "CC7.4") && maps(id, "CC7.5"), "{id}");
        assert!(covers(id, "CC7.5/5"), "{id}");
    }
}

#[test]
fn reporting_check_is_about_information_quality() {
    assert!(maps("cc3-reporting-checked", "CC2.1"));
    assert!(!maps("cc3-reporting-checked", "CC3.1"));
    // The reporting goal itself is still covered under CC3.1.
    assert!(covers("cc3-objectives-written", "CC3.1/5"));
}

#[test]
fn leaver_records_are_access_and_returned_devices_not_data_disposal() {
    let id = "t2-leaver-records";
    assert!(!maps(id, "CC6.5"), "CC6.5 is disposal of data");
    assert!(maps(id, "CC6.2") && covers(id, "CC6.2/2"));
    assert!(maps(id, "CC6.4") && covers(id, "CC6.4/2"));
}

#[test]
fn continuity_test_is_under_a_security_criterion_first() {
    let t = q("t2-recovery-test-ran");
    assert_eq!(t.criteria.first().map(String::as_str), Some("CC9.1"));
    assert!(covers("t2-recovery-test-ran", "CC9.1/1"));
}

#[test]
fn security_only_gaps_are_filled_under_their_criteria() {
    assert!(maps("cc7-backup-recovery", "CC7.5"));
    assert!(covers("cc7-backup-recovery", "CC7.5/1"));
    assert_eq!(q("cc7-backup-recovery").severity, Severity::High);
    assert!(!q("cc7-backup-recovery").type2_only);

    assert!(maps("cc6-tenant-isolation", "CC6.1"));
    assert!(covers("cc6-tenant-isolation", "CC6.1/7"));
    assert_eq!(q("cc6-tenant-isolation").severity, Severity::High);

    assert!(maps("c1-customer-exit-deletion", "CC6.5"));
    assert!(covers("c1-customer-exit-deletion", "CC6.5/2"));

    let c = catalog();
    let label = |p: &str| {
        c.criteria
            .iter()
            .flat_map(|cr| cr.points.iter())
            .find(|x| x.id == p)
            .map(|x| x.label.to_lowercase())
            .unwrap_or_else(|| panic!("point {p} missing"))
    };
    assert!(label("CC6.1/7").contains("customer"));
    assert!(label("CC6.5/2").contains("customer"));
}

#[test]
fn confidentiality_covers_the_company_s_own_information() {
    let c = catalog();
    let summary = &c
        .category("confidentiality")
        .expect("confidentiality")
        .summary;
    assert!(summary.contains("your own"), "{summary}");
    assert!(
        !summary.contains("information customers hand over"),
        "{summary}"
    );
    for id in ["c1-confidential-data", "c1-confidential-access"] {
        let t = &q(id).text;
        assert!(t.contains("your own") || t.contains("yours"), "{id}: {t}");
    }
}

#[test]
fn soc1_customer_and_subservice_questions_name_every_objective() {
    let c = catalog();
    for id in [
        "soc1-cuec-listed",
        "soc1-cuec-told",
        "soc1-subservice-list",
        "soc1-subservice-reports",
        "soc1-t2-subservice-coverage",
    ] {
        let question = q(id);
        for o in &c.objectives {
            assert!(
                question.objectives.contains(&o.id),
                "{id} does not name objective {}",
                o.id
            );
        }
    }
}
