//! The policy set in the store: adopted from templates with owners by role, every version
//! kept, approval locks a version (even against a direct SQL change), a change makes a new
//! draft, stale edits and bad input change nothing.

use chrono::{NaiveDate, Utc};
use preflight_assessment::{NewAssessment, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use preflight_policies::{PolicyEdit, Status};
use preflight_store::Store;
use uuid::Uuid;

fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("date")
}

fn soc2(s: &mut Store, categories: &[&str]) -> Uuid {
    let a = NewAssessment {
        name: None,
        company: "Acme Cloud".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: categories.iter().map(|c| c.to_string()).collect(),
            objectives: vec![],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    a.id
}

/// A second connection to the same file, as another program would open it.
fn raw(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(preflight_store::paths::DB_FILE)).expect("open")
}

/// Writes every part marked to fill, as the user would.
fn fill_in(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(i) = out.find("[[to fill:") {
        let end = out[i..].find("]]").map_or(out.len(), |e| i + e + 2);
        out.replace_range(i..end, "Léa Martin");
    }
    out
}

#[test]
fn adopted_policies_are_filled_in_and_versioned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let today = d(2026, 3, 1);
    let (id, pid);
    {
        let mut s = Store::open_dir(dir.path()).expect("open");
        id = soc2(&mut s, &[]);
        s.add_person(id, "Dana Ruiz").expect("person");
        raw(dir.path())
            .execute(
                "UPDATE person SET role = 'Head of Security' WHERE name = 'Dana Ruiz'",
                [],
            )
            .expect("role");
        let adopted = s
            .adopt_policies(
                catalog(),
                id,
                &["access-control".into(), "people-security".into()],
                today,
            )
            .expect("adopt");
        assert_eq!(adopted.len(), 2);
        let ac = &adopted[0];
        pid = ac.id;
        assert_eq!(
            ac.owner.as_deref(),
            Some("Dana Ruiz"),
            "the security lead owns access control"
        );
        let text = &ac.latest().text;
        assert!(
            text.contains("Acme Cloud") && text.contains("every three months"),
            "{text}"
        );
        assert!(
            text.contains("[[to fill: name of the HR lead]]"),
            "unknown people stay marked"
        );
        assert!(!text.contains('{'));
        // Adopting the same template again is refused, and nothing else is added.
        let e = s
            .adopt_policies(
                catalog(),
                id,
                &["backup-restore".into(), "access-control".into()],
                today,
            )
            .expect_err("twice");
        assert_eq!(e.code(), "policy_already_adopted");
        assert_eq!(s.policies(id).expect("policies").len(), 2);
    }
    let mut s = Store::open_dir(dir.path()).expect("reopen");
    let p = s.policy(pid).expect("policy");
    assert_eq!(p.status(), Status::Draft);
    let e = s
        .approve_policy(pid, p.version, " ", None, today)
        .expect_err("no name");
    assert_eq!(e.code(), "approver_missing");
    // Parts still to fill block the approval; once written, it goes through.
    let e = s
        .approve_policy(pid, p.version, "Sam Lee", None, today)
        .expect_err("parts to fill");
    assert_eq!(e.code(), "policy_parts_to_fill");
    let filled = PolicyEdit {
        version: p.version,
        title: p.title.clone(),
        text: fill_in(&p.latest().text),
        owner: p.owner.clone(),
        review_months: None,
    };
    let p = s.update_policy(pid, &filled, today).expect("filled in");
    assert_eq!(p.versions.len(), 1, "a draft is edited in place");
    let a = s
        .approve_policy(pid, p.version, "Sam Lee", None, today)
        .expect("approve");
    assert_eq!(a.status(), Status::Approved);
    // The approved text is read-only, even to a direct change of the database.
    let direct = raw(dir.path()).execute(
        "UPDATE policy_version SET text = 'x' WHERE policy_id = ?1",
        [pid.to_string()],
    );
    assert!(direct.is_err(), "the trigger refuses it");
    let edit = PolicyEdit {
        version: a.version,
        title: a.title.clone(),
        text: format!("{}\n\nOne more rule.", a.latest().text),
        owner: a.owner.clone(),
        review_months: None,
    };
    let b = s
        .update_policy(pid, &edit, d(2026, 4, 1))
        .expect("new draft");
    assert_eq!(b.versions.len(), 2);
    assert_eq!(b.current().map(|v| v.number), Some(1));
    assert_eq!(
        s.update_policy(pid, &edit, d(2026, 4, 1))
            .map_err(|e| e.code()),
        Err("stale_version")
    );
    let huge = PolicyEdit {
        version: b.version,
        text: "x".repeat(1_048_576),
        ..edit.clone()
    };
    assert_eq!(
        s.update_policy(pid, &huge, d(2026, 4, 1))
            .map_err(|e| e.code()),
        Err("too_long")
    );
    let reread = s.policy(pid).expect("policy");
    assert_eq!(reread, b, "nothing changed");
    assert_eq!(
        reread.versions[0].text,
        a.latest().text,
        "version 1 kept as approved"
    );
    let r = s
        .retire_policy(pid, b.version, d(2026, 5, 1))
        .expect("retire");
    assert_eq!(r.status(), Status::Retired);
}

#[test]
fn the_portable_file_carries_policies_people_and_acknowledgements() {
    let mut s = Store::open_in_memory().expect("open");
    let id = soc2(&mut s, &["privacy"]);
    let today = d(2026, 3, 1);
    let dana = s
        .create_person(
            id,
            &preflight_people::PersonInput {
                name: "Dana Ruiz".into(),
                role: "Privacy lead".into(),
                start_date: Some("2025-01-01".into()),
                background_check: "not_required".into(),
                background_check_reason: Some("Founder".into()),
                training: vec!["2026-01-10".into()],
                ..Default::default()
            },
            today,
        )
        .expect("person");
    let p = s
        .create_policy(
            id,
            &preflight_policies::NewPolicy {
                title: "Privacy Policy".into(),
                text: "## Purpose\nWe respect personal data.".into(),
                owner: Some("Dana Ruiz".into()),
                ..Default::default()
            },
            today,
        )
        .expect("policy");
    let p = s
        .approve_policy(p.id, p.version, "Dana Ruiz", None, today)
        .expect("approve");
    s.acknowledge(id, &dana.name, &[(p.id, 1)], "2026-03-01", today)
        .expect("ack");
    let e = s
        .acknowledge(id, &dana.name, &[(p.id, 7)], "2026-03-01", today)
        .expect_err("no such version");
    assert_eq!(e.code(), "unknown_policy_version");
    let text = s.export_json(id).expect("export");
    let copy = s.import_json(catalog(), &text).expect("import");
    let policies = s.policies(copy.id).expect("policies");
    assert_eq!(policies.len(), 1);
    assert_ne!(policies[0].id, p.id, "a loaded copy gets new ids");
    assert_eq!(policies[0].versions, p.versions);
    let people = s.persons(copy.id).expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].background_check, dana.background_check);
    assert_eq!(people[0].training, dana.training);
    assert_eq!(people[0].acknowledgements.len(), 1);
    assert_eq!(
        people[0].acknowledgements[0].policy_id,
        policies[0].id.to_string()
    );
    // A file whose policy version says it was approved without a name is refused whole.
    let broken = text.replace("\"approved_by\": \"Dana Ruiz\"", "\"approved_by\": null");
    assert_ne!(broken, text);
    let before = s.list_assessments(catalog()).expect("list").len();
    assert!(s.import_json(catalog(), &broken).is_err());
    assert_eq!(s.list_assessments(catalog()).expect("list").len(), before);
}
