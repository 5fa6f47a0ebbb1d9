//! What an auditor would miss in a scope (issue 11, items 12 and 13): a Security-only SOC 2
//! asks about backup and restore, tenant isolation and deleting a leaving customer's data; a
//! SOC 1 Type 2 asks whether each control ran over the period, for complete populations, and
//! about the customers' own controls and the subservice organizations, whatever objectives
//! are in scope.

use chrono::{NaiveDate, Utc};
use preflight_assessment::objectives::{effective_catalog, maps_to_every_template};
use preflight_assessment::{NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("embedded catalog")
}

fn period() -> ObservationPeriod {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    ObservationPeriod {
        start: d("2026-01-01"),
        end: d("2026-06-30"),
    }
}

fn scope(
    kind: ReportKind,
    report_type: ReportType,
    categories: &[&str],
    objectives: &[&str],
) -> Scope {
    Scope {
        kind,
        report_type,
        categories: categories.iter().map(|s| s.to_string()).collect(),
        objectives: objectives.iter().map(|s| s.to_string()).collect(),
        observation: (report_type == ReportType::Type2).then(period),
    }
    .normalized(catalog())
    .expect("valid scope")
}

fn ids(s: &Scope) -> Vec<String> {
    s.questions(catalog()).map(|q| q.id.clone()).collect()
}

fn assert_has(s: &Scope, wanted: &[&str]) {
    let have = ids(s);
    for id in wanted {
        assert!(
            have.iter().any(|h| h == id),
            "{} does not ask {id}",
            s.describe(catalog())
        );
    }
}

/// The question asked in scope, and the criteria it maps to there.
fn criteria_of(id: &str) -> Vec<String> {
    catalog()
        .question(id)
        .unwrap_or_else(|| panic!("{id} missing"))
        .criteria
        .clone()
}

#[test]
fn security_only_soc2_asks_about_backup_tenants_and_customer_exit() {
    for t in [ReportType::Type1, ReportType::Type2] {
        let s = scope(ReportKind::Soc2, t, &[], &[]);
        assert_eq!(s.categories, vec!["security"]);
        assert_has(
            &s,
            &[
                "cc7-backup-recovery",
                "cc6-tenant-isolation",
                "c1-customer-exit-deletion",
            ],
        );
    }
    // Each under the Security criterion it belongs to.
    assert!(criteria_of("cc7-backup-recovery").contains(&"CC7.5".to_string()));
    assert!(criteria_of("cc7-backup-recovery").contains(&"CC9.1".to_string()));
    assert!(criteria_of("cc6-tenant-isolation").contains(&"CC6.1".to_string()));
    assert!(criteria_of("c1-customer-exit-deletion").contains(&"CC6.5".to_string()));
    // Confidentiality keeps the customer exit question and gains tenant isolation.
    let conf = scope(
        ReportKind::Soc2,
        ReportType::Type1,
        &["confidentiality"],
        &[],
    );
    assert!(criteria_of("c1-customer-exit-deletion").contains(&"C1.2".to_string()));
    assert!(criteria_of("cc6-tenant-isolation").contains(&"C1.1".to_string()));
    assert_has(
        &conf,
        &["c1-customer-exit-deletion", "cc6-tenant-isolation"],
    );
    // Each is asked once even when both categories are in scope.
    let n = ids(&conf)
        .iter()
        .filter(|id| *id == "c1-customer-exit-deletion")
        .count();
    assert_eq!(n, 1);
}

#[test]
fn security_only_type2_asks_for_the_continuity_and_recovery_tests() {
    let s = scope(ReportKind::Soc2, ReportType::Type2, &[], &[]);
    assert_has(&s, &["t2-recovery-test-ran", "t2-incident-test-ran"]);
    // Shown under a Security criterion: its first criterion is in scope.
    assert_eq!(criteria_of("t2-recovery-test-ran")[0], "CC9.1");
}

const SOC1_TYPE2_PERIOD: &[&str] = &[
    "soc1-t2-access-review-ran",
    "soc1-t2-joiners-leavers",
    "soc1-t2-change-population",
    "soc1-t2-changes-approved",
    "soc1-t2-job-failures",
    "soc1-t2-backups-ran",
    "soc1-t2-interface-checks-ran",
    "soc1-t2-process-populations",
    "soc1-t2-process-checks-ran",
    "soc1-t2-subservice-coverage",
];

const SOC1_EVERY_OBJECTIVE: &[&str] = &[
    "soc1-cuec-listed",
    "soc1-cuec-told",
    "soc1-subservice-list",
    "soc1-subservice-reports",
    "soc1-t2-subservice-coverage",
];

#[test]
fn soc1_type2_asks_whether_controls_ran_and_for_populations() {
    let c = catalog();
    let all: Vec<&str> = c.objectives.iter().map(|o| o.id.as_str()).collect();
    let t2 = scope(ReportKind::Soc1, ReportType::Type2, &[], &all);
    assert_has(&t2, SOC1_TYPE2_PERIOD);
    assert_has(&t2, SOC1_EVERY_OBJECTIVE);
    for id in SOC1_TYPE2_PERIOD {
        let q = c.question(id).expect("question");
        assert!(q.type2_only, "{id} is asked for Type 2 only");
        assert!(q.criteria.is_empty() && !q.objectives.is_empty(), "{id}");
    }
    // A Type 1 asks none of them, but does ask about customers' controls and subservice
    // organizations.
    let t1 = scope(ReportKind::Soc1, ReportType::Type1, &[], &all);
    assert!(t1.questions(c).all(|q| !q.type2_only));
    assert_has(
        &t1,
        &[
            "soc1-cuec-listed",
            "soc1-cuec-told",
            "soc1-subservice-list",
            "soc1-subservice-reports",
        ],
    );
    // Every objective on its own gets at least one over-the-period question in a Type 2.
    for o in &all {
        let s = scope(ReportKind::Soc1, ReportType::Type2, &[], &[o]);
        assert!(
            s.questions(c).any(|q| q.type2_only),
            "a SOC 1 Type 2 of {o} alone asks nothing over the period"
        );
    }
}

#[test]
fn customer_and_subservice_questions_follow_any_objective() {
    let c = catalog();
    for id in SOC1_EVERY_OBJECTIVE {
        let q = c.question(id).expect("question");
        assert!(
            maps_to_every_template(c, q),
            "{id} must map to every objective template"
        );
    }
    for o in &c.objectives {
        let s = scope(ReportKind::Soc1, ReportType::Type2, &[], &[&o.id]);
        assert_has(&s, SOC1_EVERY_OBJECTIVE);
    }
    // A SOC 2 never asks them.
    let soc2 = scope(ReportKind::Soc2, ReportType::Type2, &["availability"], &[]);
    assert!(soc2.questions(c).all(|q| q.objectives.is_empty()));
}

#[test]
fn the_company_s_own_objectives_get_the_customer_and_subservice_questions() {
    let c = catalog();
    let mut a = NewAssessment {
        name: None,
        company: "Ledger Co".into(),
        scope: Scope {
            kind: ReportKind::Soc1,
            report_type: ReportType::Type2,
            categories: vec![],
            objectives: vec!["ITGC-LA".into()],
            observation: Some(period()),
        },
    }
    .build(c, Utc::now())
    .expect("valid");
    let own = a
        .add_own_objective("Ledger postings", "Postings reach the ledger once.")
        .expect("own objective");
    let eff = effective_catalog(c, &a);
    for id in SOC1_EVERY_OBJECTIVE {
        let q = eff.question(id).expect("question");
        assert!(q.objectives.contains(&own), "{id} does not cover {own}");
    }
    // Questions of one objective stay with it.
    let q = eff.question("soc1-access-review").expect("question");
    assert!(!q.objectives.contains(&own));
}
