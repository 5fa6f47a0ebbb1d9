//! Fuzzing the people CSV import ([`preview`]): whatever bytes arrive, the preview never
//! panics; a refused file gets an error with a code and a message; a read file reports every
//! row as taken or rejected, every taken row passes the same checks as a person typed in the
//! window, and accepting it never panics either.
//!
//! 100,000 cases from a fixed seed: arbitrary bytes, arbitrary text, real HR exports with one
//! to five edits (cuts, byte flips, hostile text inserted: formulas, emoji, right-to-left text,
//! NUL bytes, huge cells), and grids of hostile cells under the real headers.

use preflight_fuzz as fuzz_support;

use std::cell::Cell;

use chrono::NaiveDate;
use fuzz_support::{config, hostile, inputs};
use preflight_people::import::{preview, RowOutcome};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

const HR_EXPORT: &str = "Full Name,Job Title,Employment Type,Hire Date,Termination Date,Screening,Background check date,Last training,Access removed on,Employee ID\n\
Dana Ruiz,CTO,Full-time,2024-01-08,,done,2023-12-15,2026-01-10,,E1\n\
Sam Lee,Contract developer,Contractor,2025-03-03,2026-02-27,not required: no access to customer data,,2025-03-10,2026-03-02,E2\n\
Léa Martin,Support,,2026-07-01,,,,,,E3\n\
\"Ruiz, Ana\",\"Support \"\"lead\"\"\",employee,2025-01-01,,pending,,\"2025-02-01; 2026-02-01\",,E4\n\
=HYPERLINK(\"x\"),x,contractor,2025-01-01,,,,,,E5\n";

const SPLIT_NAMES: &str = "First name;Last name;Title;Start date;End date;Background check;Security training;Access revoked on\n\
Priya;Shah;Engineer;2025-09-01;;yes;2025-09-02|2026-03-01;\n\
Omar;אלון;Designer;2024-02-29;2026-01-31;no;;2026-02-01\n\
;Nobody;;;;;;\n";

const TABS: &str =
    "Name\tRole\tType\tStart\n Kim Park \tOps\tcontractor\t2026-01-05\nExisting Person\tx\t\t\n";

const HEADERS: &[&str] = &[
    "Full name",
    "First name",
    "Last name",
    "Job title",
    "Employment type",
    "Hire date",
    "Termination date",
    "Background check",
    "Background check date",
    "Security training",
    "Access removed on",
    "Employee ID",
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
        1 => Just("not required: no access".to_string()),
    ];
    (
        proptest::sample::subsequence(HEADERS.to_vec(), 1..HEADERS.len()),
        proptest::collection::vec(proptest::collection::vec(cell, 0..14), 0..8),
        proptest::sample::select(vec![',', ';', '\t']),
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
fn people_csv_import_never_panics_and_refuses_clearly() {
    let existing = vec!["Existing Person".to_string()];
    // The seeds are themselves good files.
    for seed in [HR_EXPORT, SPLIT_NAMES, TABS] {
        let p = preview(seed.as_bytes(), &existing, today()).expect("seed reads");
        assert!(p.taken > 0, "{p:#?}");
    }
    let strategy = prop_oneof![
        4 => inputs(HR_EXPORT.as_bytes().to_vec()),
        2 => inputs(SPLIT_NAMES.as_bytes().to_vec()),
        1 => inputs(TABS.as_bytes().to_vec()),
        2 => grid(),
    ];
    let (read, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config(100_000));
    let result = runner.run(&strategy, |bytes| {
        match preview(&bytes, &existing, today()) {
            Ok(p) => {
                read.set(read.get() + 1);
                prop_assert_eq!(p.taken + p.rejected, p.rows.len());
                for r in &p.rows {
                    match &r.outcome {
                        RowOutcome::Rejected { reasons } => {
                            prop_assert!(!reasons.is_empty(), "rejected for no reason: {:?}", r);
                            prop_assert!(reasons.iter().all(|m| !m.trim().is_empty()));
                        }
                        RowOutcome::Taken => {
                            let input = r.input.as_ref().expect("a taken row has its person");
                            let checked = input.build(&existing, today(), |_, _| false);
                            prop_assert!(checked.is_ok(), "taken row {:?}: {:?}", r, checked);
                        }
                    }
                }
                let good = p.accepted(true).expect("good rows are always accepted");
                prop_assert_eq!(good.len(), p.taken);
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
