//! The register sheets ("Risk register", "Vendors", "Customer controls (CUECs)") and their
//! CSV files: headers, sample cells, dates typed as dates, flags, user text never a formula,
//! the auditor status dropdown, and the workbook's standards.

mod common;

use std::collections::HashSet;

use calamine::{Data, Reader};
use common::*;
use preflight_remediation::People;
use preflight_risks::{ReviewInput, RiskContext, RiskInput};
use preflight_vendors::report::{CuecInput, ExceptionInput};
use preflight_vendors::{CustomerControlInput, ReportInput, VendorInput};
use preflight_workbook::csv_export::{register_csv, register_tables};
use preflight_workbook::registers::{headers, Registers, OUR_CUSTOMERS_RUN, WE_RUN};
use preflight_workbook::{
    sheet_names, to_bytes_with, WorkbookExtras, WorkbookInput, CUEC_SHEET, PEOPLE_SHEET,
    POLICY_SHEET, RISK_SHEET, VENDOR_SHEET,
};

struct Regs {
    risks: Vec<preflight_risks::Risk>,
    reviews: Vec<preflight_risks::RiskReview>,
    vendors: Vec<preflight_vendors::Vendor>,
    cuecs: Vec<preflight_vendors::CustomerControl>,
    policies: Vec<preflight_policies::Policy>,
    people: Vec<preflight_people::Person>,
}

fn regs(a: &preflight_assessment::Assessment, x: &Fixture) -> Regs {
    let today = d("2026-03-04");
    let people = People::from_names(vec!["Dana Ruiz".into(), "Sam Lee".into()]);
    let tasks: HashSet<uuid::Uuid> = x.tasks.iter().map(|t| t.id).collect();
    let cx = RiskContext {
        catalog: catalog(),
        people: &people,
        task_ids: &tasks,
        today,
    };
    let fraud = RiskInput {
        title: "=Payment details changed by an insider".into(),
        description: "+A staff member redirects a supplier payment.".into(),
        category: "fraud".into(),
        likelihood: 2,
        impact: 5,
        treatment: "mitigate".into(),
        treatment_reason: "Two people approve every change of bank details.".into(),
        owner: Some("Dana Ruiz".into()),
        criteria: vec!["CC3.3".into()],
        tasks: vec![x.tasks[0].id.to_string()],
        residual_likelihood: Some(1),
        ..RiskInput::default()
    }
    .build(a.id, None, &cx)
    .expect("risk");
    let accepted = RiskInput {
        title: "Region outage".into(),
        category: "availability".into(),
        likelihood: 1,
        impact: 4,
        treatment: "accept".into(),
        treatment_reason: "A second region costs more than the expected loss.".into(),
        accepted_by: Some("Sam Lee".into()),
        accepted_on: Some("2026-02-01".into()),
        ..RiskInput::default()
    }
    .build(a.id, None, &cx)
    .expect("risk");
    let risks = vec![fraud, accepted];
    let review = ReviewInput {
        held_on: "2026-02-20".into(),
        participants: vec!["Dana Ruiz, Sam Lee".into()],
        summary: "@All risks reviewed; fraud risk added.".into(),
    }
    .build(a.id, &risks, today)
    .expect("review");
    let mut host = VendorInput {
        name: "-Cloudy Host".into(),
        service: "Runs our servers".into(),
        data: "personal".into(),
        criticality: "critical".into(),
        contract: true,
        dpa: true,
        owner: Some("Dana Ruiz".into()),
        last_review: Some("2025-02-01".into()),
        subservice: true,
        csocs: vec!["Physical security of the data centres".into()],
        ..VendorInput::default()
    }
    .build(a.id, &people, today)
    .expect("vendor");
    host.report = Some(
        ReportInput {
            kind: "soc2".into(),
            report_type: "type2".into(),
            period_start: Some("2024-07-01".into()),
            period_end: "2025-06-30".into(),
            audit_firm: "Example LLP".into(),
            opinion: "qualified".into(),
            exceptions: vec![ExceptionInput {
                description: "Late access removal".into(),
                ..Default::default()
            }],
            cuecs: vec![CuecInput {
                description: "Customers review IAM roles".into(),
                status: "not_run".into(),
                ..Default::default()
            }],
            evidence_id: Some(x.evidence[0].id.to_string()),
            ..ReportInput::default()
        }
        .build(None, today, |_| true)
        .expect("report"),
    );
    let low = VendorInput {
        name: "Mailer".into(),
        criticality: "low".into(),
        ..VendorInput::default()
    }
    .build(a.id, &people, today)
    .expect("vendor");
    let cuecs = vec![CustomerControlInput {
        title: "Customers manage their own users".into(),
        description: "=They remove leavers promptly.".into(),
        criteria: vec!["CC6.2".into()],
    }
    .build(catalog(), a.id, None)
    .expect("cuec")];
    // Two policies: one approved and acknowledged by one of the two people working, one draft.
    let mut access = preflight_policies::NewPolicy {
        title: "=Access Control Policy".into(),
        text: "## Purpose\nOnly the right people.".into(),
        owner: Some("Dana Ruiz".into()),
        criteria: vec!["CC6.1".into()],
        ..Default::default()
    }
    .build(a.id, &people, d("2026-01-05"))
    .expect("policy");
    access = access
        .approve(1, "Sam Lee", Some("2026-01-10"), today)
        .expect("approved");
    let draft = preflight_policies::NewPolicy {
        title: "Backup Policy".into(),
        text: "Owner: [[to fill: name of the CTO]]".into(),
        ..Default::default()
    }
    .build(a.id, &people, d("2026-01-05"))
    .expect("draft");
    let pid = access.id.to_string();
    let person = |name: &str, start: &str, end: Option<&str>, removed: Option<&str>, ack: bool| {
        preflight_people::PersonInput {
            name: name.into(),
            role: "Engineer".into(),
            start_date: Some(start.into()),
            end_date: end.map(str::to_string),
            access_removed_on: removed.map(str::to_string),
            background_check: "done".into(),
            background_check_date: Some("2024-01-01".into()),
            training: vec!["2026-01-20".into()],
            acknowledgements: if ack {
                vec![preflight_people::person::AcknowledgementInput {
                    policy_id: pid.clone(),
                    version: 1,
                    on: "2026-01-21".into(),
                }]
            } else {
                vec![]
            },
            ..Default::default()
        }
        .build(&[], today, |p, v| p == pid && v == 1)
        .expect("person")
    };
    let register = vec![
        person("Dana Ruiz", "2024-02-01", None, None, true),
        person("Sam Lee", "2025-06-01", None, None, false),
        // Joined and left inside the window (2026-01-01 to 2026-06-30); left on Friday
        // 2026-02-27, access removed on Tuesday 2026-03-03: late.
        person(
            "Noor Haddad",
            "2026-01-12",
            Some("2026-02-27"),
            Some("2026-03-03"),
            false,
        ),
    ];
    Regs {
        risks,
        reviews: vec![review],
        vendors: vec![host, low],
        cuecs,
        policies: vec![access, draft],
        people: register,
    }
}

fn extras<'a>(x: &'a Fixture, r: &'a Regs) -> WorkbookExtras<'a> {
    WorkbookExtras {
        remediation: x.remediation(None),
        registers: Registers {
            risks: &r.risks,
            risk_reviews: &r.reviews,
            vendors: &r.vendors,
            customer_controls: &r.cuecs,
            policies: &r.policies,
            people: &r.people,
            today: None,
            window_start: None,
        },
        ..WorkbookExtras::default()
    }
}

fn col(range: &calamine::Range<Data>, header_row: usize, name: &str) -> usize {
    range
        .rows()
        .nth(header_row)
        .expect("header")
        .iter()
        .position(|c| cell_text(c) == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn the_registers_are_in_the_workbook() {
    let a = soc2();
    let x = data(&a);
    let r = regs(&a, &x);
    let input = WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &soc2_answers(),
        prepared_at: at(),
    };
    let bytes = to_bytes_with(&input, &extras(&x, &r)).expect("workbook");
    let mut wb = open(&bytes);
    for s in [RISK_SHEET, VENDOR_SHEET, CUEC_SHEET] {
        assert!(sheet_names(&a).contains(&s));
        assert!(wb.sheet_names().contains(&s.to_string()), "{s}");
        let formulas = wb.worksheet_formula(s).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{s} holds a formula"
        );
    }

    // Risk register: the last assessment above, then the table from row 3.
    let risks = wb.worksheet_range(RISK_SHEET).expect("risks");
    let note = cell_text(&risks[(0, 0)]);
    assert!(
        note.contains("2026-02-20")
            && note.contains("Dana Ruiz, Sam Lee")
            && note.contains("2027-02-20"),
        "{note}"
    );
    let title = col(&risks, 2, headers::TITLE);
    assert_eq!(
        risks[(3, title)],
        Data::String("=Payment details changed by an insider".into())
    );
    assert_eq!(
        risks[(3, col(&risks, 2, headers::FRAUD))],
        Data::String("Yes".into())
    );
    assert_eq!(
        risks[(3, col(&risks, 2, headers::SCORE))],
        Data::Float(10.0)
    );
    assert_eq!(
        risks[(3, col(&risks, 2, headers::RESIDUAL_SCORE))],
        Data::Float(5.0)
    );
    assert_eq!(
        risks[(4, col(&risks, 2, headers::TREATMENT))],
        Data::String("Accept".into())
    );
    assert!(
        matches!(risks[(4, col(&risks, 2, "Accepted on"))], Data::DateTime(_)),
        "accepted on is a date"
    );
    assert!(matches!(
        risks[(3, col(&risks, 2, headers::UPDATED))],
        Data::DateTime(_)
    ));
    assert!(cell_text(&risks[(3, col(&risks, 2, "Remediation tasks"))]).contains(&x.tasks[0].title));
    assert_eq!(
        cell_text(&risks[(2, col(&risks, 2, headers::AUDITOR_STATUS))]),
        headers::AUDITOR_STATUS
    );

    // Vendors: the report review and the flags an auditor would raise.
    let v = wb.worksheet_range(VENDOR_SHEET).expect("vendors");
    assert_eq!(
        v[(1, col(&v, 0, headers::VENDOR))],
        Data::String("-Cloudy Host".into())
    );
    assert!(matches!(
        v[(1, col(&v, 0, headers::PERIOD_END))],
        Data::DateTime(_)
    ));
    assert!(matches!(
        v[(1, col(&v, 0, headers::NEXT_REVIEW))],
        Data::DateTime(_)
    ));
    let flags = cell_text(&v[(1, col(&v, 0, headers::FLAGS))]);
    for f in [
        "Opinion not clean",
        "Exception without response",
        "CUEC not run",
        "Bridge letter needed",
        "Review overdue",
    ] {
        assert!(flags.contains(f), "{f} missing from {flags}");
    }
    assert!(
        !flags.contains("No SOC report on file"),
        "the file is linked: {flags}"
    );
    assert!(cell_text(&v[(1, col(&v, 0, "Report file"))]).contains(&x.evidence[0].sha256));
    assert_eq!(
        cell_text(&v[(2, col(&v, 0, headers::FLAGS))]),
        "",
        "a low vendor without report is fine"
    );

    // CUECs: ours, then the vendor's.
    let c = wb.worksheet_range(CUEC_SHEET).expect("cuecs");
    assert_eq!(
        cell_text(&c[(1, col(&c, 0, headers::WHO_RUNS))]),
        OUR_CUSTOMERS_RUN
    );
    assert_eq!(
        c[(1, 3)],
        Data::String("=They remove leavers promptly.".into())
    );
    assert_eq!(cell_text(&c[(2, col(&c, 0, headers::WHO_RUNS))]), WE_RUN);
    assert_eq!(
        cell_text(&c[(2, col(&c, 0, headers::VENDOR))]),
        "-Cloudy Host"
    );

    // The auditor status column has the dropdown, the header is frozen, the table filtered.
    let i = sheet_names(&a)
        .iter()
        .position(|s| *s == RISK_SHEET)
        .expect("sheet")
        + 1;
    let xml = zip_part(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
    assert!(xml.contains("<dataValidation"), "status dropdown");
    assert!(
        xml.contains("<pane ySplit=\"3\" topLeftCell=\"A4\""),
        "frozen header"
    );
    assert!(
        xml.contains("<autoFilter ref=\"A3:X5\"/>"),
        "autofilter: {}",
        &xml[..xml.len().min(400)]
    );
    assert!(xml.contains("orientation=\"landscape\""));
}

#[test]
fn registers_as_csv_keep_text_safe() {
    let a = soc2();
    let x = data(&a);
    let r = regs(&a, &x);
    let input = WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &soc2_answers(),
        prepared_at: at(),
    };
    let tables = register_tables(&input, &extras(&x, &r));
    let risk_csv = String::from_utf8(register_csv(&tables[0]).expect("csv")).expect("utf8");
    assert!(risk_csv.contains("'=Payment details"), "{risk_csv}");
    assert!(risk_csv.contains("2026-02-01"), "dates as YYYY-MM-DD");
    let vendors = String::from_utf8(register_csv(&tables[1]).expect("csv")).expect("utf8");
    assert!(vendors.contains("'-Cloudy Host"));
    let dir = tempfile::tempdir().expect("dir");
    let files = preflight_workbook::csv_export::write_csv(&input, &extras(&x, &r), dir.path())
        .expect("csv files");
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("risk register.csv")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with("vendors.csv")));
    assert!(names.iter().any(|n| n.ends_with("customer controls.csv")));
}

#[test]
fn an_empty_register_still_has_its_sheet_with_headers() {
    let a = soc2();
    let x = data(&a);
    let input = WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &soc2_answers(),
        prepared_at: at(),
    };
    let bytes = to_bytes_with(
        &input,
        &WorkbookExtras {
            remediation: x.remediation(None),
            ..WorkbookExtras::default()
        },
    )
    .expect("wb");
    let mut wb = open(&bytes);
    let risks = wb.worksheet_range(RISK_SHEET).expect("risks");
    assert!(cell_text(&risks[(0, 0)]).starts_with("No risk assessment recorded yet"));
    assert_eq!(cell_text(&risks[(2, 0)]), headers::RISK_ID);
    let v = wb.worksheet_range(VENDOR_SHEET).expect("vendors");
    assert_eq!(cell_text(&v[(0, 0)]), headers::VENDOR);
}

#[test]
fn policies_and_people_sheets_carry_rates_populations_and_flags() {
    let a = soc2();
    let x = data(&a);
    let r = regs(&a, &x);
    let input = WorkbookInput {
        catalog: catalog(),
        assessment: &a,
        answers: &soc2_answers(),
        prepared_at: at(),
    };
    let bytes = to_bytes_with(&input, &extras(&x, &r)).expect("workbook");
    let mut wb = open(&bytes);
    for s in [POLICY_SHEET, PEOPLE_SHEET] {
        let formulas = wb.worksheet_formula(s).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{s} holds a formula"
        );
    }
    let p = wb.worksheet_range(POLICY_SHEET).expect("policies");
    assert_eq!(
        p[(1, col(&p, 0, headers::POLICY))],
        Data::String("=Access Control Policy".into())
    );
    assert_eq!(cell_text(&p[(1, col(&p, 0, headers::STATUS))]), "Approved");
    assert_eq!(p[(1, col(&p, 0, headers::IN_FORCE))], Data::Float(1.0));
    assert!(matches!(
        p[(1, col(&p, 0, headers::APPROVED_ON))],
        Data::DateTime(_)
    ));
    // Prepared on 2026-03-04: Dana and Sam work there, Noor has left; Dana acknowledged.
    assert_eq!(p[(1, col(&p, 0, headers::ACK_RATE))], Data::Float(0.5));
    assert_eq!(cell_text(&p[(2, col(&p, 0, headers::STATUS))]), "Draft");
    assert_eq!(cell_text(&p[(2, col(&p, 0, "Parts still to fill"))]), "Yes");
    let pe = wb.worksheet_range(PEOPLE_SHEET).expect("people");
    // A note above the table for a Type 2 window, then the header on row 3.
    assert!(cell_text(&pe[(0, 0)]).contains("2026-01-01 to 2026-06-30"));
    let noor = 5;
    assert_eq!(
        pe[(noor, col(&pe, 2, headers::PERSON))],
        Data::String("Noor Haddad".into())
    );
    assert_eq!(cell_text(&pe[(noor, col(&pe, 2, headers::JOINED))]), "Yes");
    assert_eq!(cell_text(&pe[(noor, col(&pe, 2, headers::LEFT))]), "Yes");
    assert_eq!(cell_text(&pe[(3, col(&pe, 2, headers::JOINED))]), "No");
    assert!(matches!(
        pe[(noor, col(&pe, 2, headers::DEADLINE))],
        Data::DateTime(_)
    ));
    assert!(cell_text(&pe[(noor, col(&pe, 2, headers::FLAGS))]).contains("2026-03-03"));
    assert!(
        cell_text(&pe[(4, col(&pe, 2, headers::FLAGS))]).contains("Access Control Policy"),
        "Sam has not acknowledged"
    );
}
