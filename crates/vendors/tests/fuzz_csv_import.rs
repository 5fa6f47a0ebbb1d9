//! Fuzzing the vendor CSV import ([`preview`]): whatever bytes arrive, the preview never
//! panics; a refused file gets an error with a code and a message; a read file reports every
//! row as taken or rejected, and accepting it never panics either.
//!
//! 100,000 cases from a fixed seed: arbitrary bytes, arbitrary text, real vendor lists with one
//! to five edits (cuts, byte flips, hostile text inserted: formulas, emoji, right-to-left text,
//! NUL bytes, huge cells), and grids of hostile cells under the real headers.

use preflight_fuzz as fuzz_support;

use std::cell::Cell;

use chrono::NaiveDate;
use fuzz_support::{config, hostile, inputs};
use preflight_remediation::People;
use preflight_vendors::import::{preview, RowOutcome};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

const SEMICOLONS: &str = "Vendor Name;What it does;Data held;Criticality;DPA in place;Owner;Last security review;Next review due;Subservice;Cost\n\
Cloudy Host;Hosting;personal;critical;yes;dana ruiz;2026-01-15;2027-01-15;yes;100\n\
Mailer;Email;internal;low;no;Priya Shah;;;no;5\n\
;Nameless;none;low;no;;;;;\n\
existing co;Dup;none;low;no;;;;;\n\
Bad Date;x;none;low;no;;15/01/2026;;;\n\
=HYPERLINK(\"x\");x;none;low;no;;;;;\n\
\"Quoted; name\";\"multi\nline\";secret;vital;maybe;;;;;\n";

const COMMAS: &str = "Name,Service,Data classification,Tier,Contract signed,DPA,Business owner,Last reviewed,Review due\n\
Payroll Co,Payroll,personal,high,yes,yes,Dana Ruiz,2025-11-30,2026-11-30\n\
\"Analytics, Inc.\",\"Product \"\"analytics\"\"\",internal,medium,no,n,,2025-05-01,\n\
Späti GmbH ☁️,שירות,none,low,,,,,\n";

const HEADERS: &[&str] = &[
    "Vendor",
    "Name",
    "Service",
    "Data held",
    "Criticality",
    "Contract",
    "DPA",
    "Owner",
    "Last review",
    "Next review due",
    "Subservice organization",
    "Notes",
    "",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
}

/// A grid of hostile cells under real headers, quoted as a spreadsheet would.
fn grid() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        2 => hostile().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => "[a-zA-Z ]{0,12}",
        1 => Just("2026-01-15".to_string()),
    ];
    (
        proptest::sample::subsequence(HEADERS.to_vec(), 1..HEADERS.len()),
        proptest::collection::vec(proptest::collection::vec(cell, 0..14), 0..8),
        proptest::sample::select(vec![',', ';']),
    )
        .prop_map(|(headers, rows, sep)| {
            let quote = |c: &str| format!("\"{}\"", c.replace('"', "\"\""));
            let mut text = headers.join(&sep.to_string());
            for row in rows {
                text.push('\n');
                let cells: Vec<String> = row.iter().map(|c| quote(c)).collect();
                text.push_str(&cells.join(&sep.to_string()));
            }
            text.into_bytes()
        })
}

#[test]
fn vendor_csv_import_never_panics_and_refuses_clearly() {
    let existing = vec!["Existing Co".to_string()];
    let people = People::from_names(vec!["Dana Ruiz".into(), "Priya Shah".into()]);
    // The seeds are themselves good files.
    for seed in [SEMICOLONS, COMMAS] {
        let p = preview(seed.as_bytes(), &existing, &people, today()).expect("seed reads");
        assert!(p.taken > 0, "{p:#?}");
    }
    let strategy = prop_oneof![
        4 => inputs(SEMICOLONS.as_bytes().to_vec()),
        3 => inputs(COMMAS.as_bytes().to_vec()),
        2 => grid(),
    ];
    let (read, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config(100_000));
    let result = runner.run(&strategy, |bytes| {
        match preview(&bytes, &existing, &people, today()) {
            Ok(p) => {
                read.set(read.get() + 1);
                prop_assert_eq!(p.taken + p.rejected, p.rows.len());
                for r in &p.rows {
                    if let RowOutcome::Rejected { reasons } = &r.outcome {
                        prop_assert!(!reasons.is_empty(), "a row rejected for no reason: {:?}", r);
                        prop_assert!(reasons.iter().all(|m| !m.trim().is_empty()));
                    }
                }
                let good = p.accepted(true).expect("good rows are always accepted");
                prop_assert_eq!(good.vendors.len(), p.taken);
                prop_assert_eq!(p.accepted(false).is_ok(), p.rejected == 0);
            }
            Err(e) => {
                refused.set(refused.get() + 1);
                prop_assert!(!e.code().is_empty());
                prop_assert!(!e.to_string().trim().is_empty());
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The mix reaches both the row checks and the refusals.
    eprintln!("read {}, refused {}", read.get(), refused.get());
    assert!(read.get() > 20_000 && refused.get() > 5_000);
}
