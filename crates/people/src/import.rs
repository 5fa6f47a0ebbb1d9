//! Importing people from CSV: the export every HR tool and payroll system can make.
//!
//! The first row names the columns, matched by header name in any letter case and spacing, with
//! the words HR exports use ("Full name" or "Employee"; "Job title"; "Employment type"; "Hire
//! date"; "Termination date" ...). A file with "First name" and "Last name" but no full name
//! column has the two joined. Columns Preflight does not know are listed and ignored. Each row is
//! checked like a person typed in the window and reported as taken or rejected, with every
//! reason. Nothing is written here: the caller shows the report, and only
//! [`ImportPreview::accepted`] gives the people to save, refusing when any row was rejected
//! unless the user chose to import the good rows.
//!
//! Cell values beyond plain dates:
//! - Background check: `done` or `yes` with the date in a "Background check date" column (a
//!   date alone, in either column, also means done); `not required: the reason`; blank, `no`
//!   or `pending` when nothing is recorded.
//! - Training: one date, or several separated by `;`, `|`, `,` or line breaks.
//! - Type: `employee` (also when blank, and HR words such as "Full-time") or `contractor`.

use std::collections::HashMap;

use chrono::NaiveDate;
use preflight_remediation::fields::ymd;
use serde::Serialize;

use crate::person::{name_key, squash, PersonInput};
use crate::PeopleError;

/// The fields a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    FirstName,
    LastName,
    Role,
    Kind,
    StartDate,
    EndDate,
    BackgroundCheck,
    BackgroundCheckDate,
    Training,
    AccessRemoved,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::FirstName => "First name",
            Field::LastName => "Last name",
            Field::Role => "Role",
            Field::Kind => "Type",
            Field::StartDate => "Start date",
            Field::EndDate => "End date",
            Field::BackgroundCheck => "Background check",
            Field::BackgroundCheckDate => "Background check date",
            Field::Training => "Security training",
            Field::AccessRemoved => "Access removed on",
        }
    }
}

/// Header names (lower case, letters and digits only) and the field each fills.
const HEADERS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("fullname", Field::Name),
    ("employee", Field::Name),
    ("employeename", Field::Name),
    ("person", Field::Name),
    ("staffname", Field::Name),
    ("worker", Field::Name),
    ("workername", Field::Name),
    ("displayname", Field::Name),
    ("firstname", Field::FirstName),
    ("givenname", Field::FirstName),
    ("forename", Field::FirstName),
    ("lastname", Field::LastName),
    ("surname", Field::LastName),
    ("familyname", Field::LastName),
    ("role", Field::Role),
    ("title", Field::Role),
    ("jobtitle", Field::Role),
    ("position", Field::Role),
    ("jobrole", Field::Role),
    ("type", Field::Kind),
    ("kind", Field::Kind),
    ("employmenttype", Field::Kind),
    ("employeetype", Field::Kind),
    ("workertype", Field::Kind),
    ("contracttype", Field::Kind),
    ("start", Field::StartDate),
    ("startdate", Field::StartDate),
    ("hiredate", Field::StartDate),
    ("hired", Field::StartDate),
    ("hiredon", Field::StartDate),
    ("dateofhire", Field::StartDate),
    ("joined", Field::StartDate),
    ("joindate", Field::StartDate),
    ("datejoined", Field::StartDate),
    ("end", Field::EndDate),
    ("enddate", Field::EndDate),
    ("terminationdate", Field::EndDate),
    ("leavingdate", Field::EndDate),
    ("leavedate", Field::EndDate),
    ("left", Field::EndDate),
    ("lastday", Field::EndDate),
    ("lastworkingday", Field::EndDate),
    ("exitdate", Field::EndDate),
    ("backgroundcheck", Field::BackgroundCheck),
    ("backgroundcheckstatus", Field::BackgroundCheck),
    ("screening", Field::BackgroundCheck),
    ("screeningstatus", Field::BackgroundCheck),
    ("backgroundcheckdate", Field::BackgroundCheckDate),
    ("backgroundcheckedon", Field::BackgroundCheckDate),
    ("screeningdate", Field::BackgroundCheckDate),
    ("training", Field::Training),
    ("trainingdate", Field::Training),
    ("lasttraining", Field::Training),
    ("lasttrainingdate", Field::Training),
    ("securitytraining", Field::Training),
    ("securitytrainingdate", Field::Training),
    ("securityawarenesstraining", Field::Training),
    ("lastsecuritytraining", Field::Training),
    ("lastsecuritytrainingdate", Field::Training),
    ("awarenesstraining", Field::Training),
    ("accessremoved", Field::AccessRemoved),
    ("accessremovedon", Field::AccessRemoved),
    ("accessremovaldate", Field::AccessRemoved),
    ("accessrevoked", Field::AccessRemoved),
    ("accessrevokedon", Field::AccessRemoved),
];

fn field_of(header: &str) -> Option<Field> {
    let key = squash(header);
    HEADERS.iter().find(|(h, _)| *h == key).map(|(_, f)| *f)
}

pub use preflight_remediation::fields::looks_like_formula;

/// "not required: the reason" (also with a dash, or nothing, after "not required"): the reason.
fn not_required_reason(cell: &str) -> Option<&str> {
    const PREFIX: &str = "not required";
    let head = cell.get(..PREFIX.len())?;
    if !head.eq_ignore_ascii_case(PREFIX) {
        return None;
    }
    Some(
        cell[PREFIX.len()..]
            .trim_start_matches([':', '-', '\u{2013}', '\u{2014}', ' ', '\t'])
            .trim(),
    )
}

/// What happened to one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    Taken,
    Rejected { reasons: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReport {
    /// The row's line in the file (the header is line 1).
    pub line: u64,
    /// The person's name as written, for the report.
    pub name: String,
    #[serde(flatten)]
    pub outcome: RowOutcome,
    /// The person to save, for a taken row.
    #[serde(skip)]
    pub input: Option<PersonInput>,
}

/// The report of an import, before anything is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    /// The columns used, as headed in the file, with the field each fills.
    pub columns: Vec<(String, Field)>,
    /// Columns Preflight does not know (or a second column for a field already filled): ignored.
    pub ignored_columns: Vec<String>,
    pub rows: Vec<RowReport>,
    pub taken: usize,
    pub rejected: usize,
}

impl ImportPreview {
    /// The people to save, in file order (each still to be built with
    /// [`PersonInput::build`]). With any row rejected this is refused unless `good_rows_only`.
    pub fn accepted(&self, good_rows_only: bool) -> Result<Vec<PersonInput>, PeopleError> {
        if self.rejected > 0 && !good_rows_only {
            return Err(PeopleError::ImportHasErrors {
                rejected: self.rejected,
            });
        }
        Ok(self
            .rows
            .iter()
            .filter(|r| r.outcome == RowOutcome::Taken)
            .filter_map(|r| r.input.clone())
            .collect())
    }
}

/// Reads a CSV file's bytes and checks each row. `existing_names` are the names already in the
/// people register; `today` bounds the dates of what has already happened. Nothing is saved.
pub fn preview(
    bytes: &[u8],
    existing_names: &[String],
    today: NaiveDate,
) -> Result<ImportPreview, PeopleError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        PeopleError::UnreadableCsv(
            "it is not UTF-8 text. Save it from your spreadsheet or HR tool as \"CSV UTF-8\"."
                .into(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(PeopleError::EmptyFile);
    }
    // Semicolon-separated (common in Europe) and tab-separated files are read as such.
    let first_line = text.lines().next().unwrap_or_default();
    // On a tie the comma wins (the last of equal counts is taken).
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| first_line.matches(char::from(*d)).count())
        .filter(|d| first_line.contains(char::from(*d)))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| PeopleError::UnreadableCsv(e.to_string()))?
        .clone();
    let mut columns: Vec<(usize, Field)> = Vec::new();
    let mut used = Vec::new();
    let mut ignored = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match field_of(h) {
            Some(f) if !columns.iter().any(|(_, g)| *g == f) => {
                columns.push((i, f));
                used.push((h.trim().to_string(), f));
            }
            _ => {
                if !h.trim().is_empty() {
                    ignored.push(h.trim().to_string());
                }
            }
        }
    }
    let has = |f: Field| columns.iter().any(|(_, g)| *g == f);
    let split_name = !has(Field::Name);
    if split_name && !(has(Field::FirstName) && has(Field::LastName)) {
        let found: Vec<String> = headers
            .iter()
            .map(|h| format!("\"{}\"", h.trim()))
            .collect();
        return Err(PeopleError::NoNameColumn(found.join(", ")));
    }
    if !split_name {
        // With a full name column, first and last name columns are not used.
        let unused: Vec<usize> = columns
            .iter()
            .filter(|(_, f)| matches!(f, Field::FirstName | Field::LastName))
            .map(|(i, _)| *i)
            .collect();
        for i in unused {
            ignored.push(headers.get(i).unwrap_or_default().trim().to_string());
        }
        columns.retain(|(_, f)| !matches!(f, Field::FirstName | Field::LastName));
        used.retain(|(_, f)| !matches!(f, Field::FirstName | Field::LastName));
    }
    let in_register: HashMap<String, &str> = existing_names
        .iter()
        .map(|n| (name_key(n), n.trim()))
        .collect();
    let mut in_file: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                rows.push(RowReport {
                    line,
                    name: String::new(),
                    outcome: RowOutcome::Rejected {
                        reasons: vec![format!("the row could not be read: {e}")],
                    },
                    input: None,
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut reasons = Vec::new();
        // Formula-looking cells are reported once, by column, and not read further.
        let mut name_had_formula = false;
        for (i, f) in &columns {
            let c = record.get(*i).unwrap_or("");
            if looks_like_formula(c) {
                name_had_formula |= matches!(f, Field::Name | Field::FirstName | Field::LastName);
                reasons.push(format!(
                    "{}: \"{}\" starts like a spreadsheet formula; Preflight does not import formulas. If it is text, remove the leading character",
                    f.label(),
                    c.trim().chars().take(40).collect::<String>()
                ));
            }
        }
        let cell = |f: Field| -> &str {
            columns
                .iter()
                .find(|(_, g)| *g == f)
                .and_then(|(i, _)| record.get(*i))
                .filter(|c| !looks_like_formula(c))
                .unwrap_or("")
                .trim()
        };
        let raw = |f: Field| -> &str {
            columns
                .iter()
                .find(|(_, g)| *g == f)
                .and_then(|(i, _)| record.get(*i))
                .unwrap_or("")
                .trim()
        };
        let joined = |a: &str, b: &str| format!("{a} {b}").trim().to_string();
        let (name, shown) = if split_name {
            (
                joined(cell(Field::FirstName), cell(Field::LastName)),
                joined(raw(Field::FirstName), raw(Field::LastName)),
            )
        } else {
            (cell(Field::Name).to_string(), raw(Field::Name).to_string())
        };
        let mut input = PersonInput {
            name: name.clone(),
            role: cell(Field::Role).to_string(),
            kind: cell(Field::Kind).to_string(),
            start_date: Some(cell(Field::StartDate).to_string()),
            end_date: Some(cell(Field::EndDate).to_string()),
            background_check: cell(Field::BackgroundCheck).to_string(),
            background_check_date: Some(cell(Field::BackgroundCheckDate).to_string()),
            training: cell(Field::Training)
                .split([';', '|', ',', '\n'])
                .map(|t| t.trim().to_string())
                .collect(),
            access_removed_on: Some(cell(Field::AccessRemoved).to_string()),
            ..PersonInput::default()
        };
        let check_cell = cell(Field::BackgroundCheck);
        if let Some(reason) = not_required_reason(check_cell) {
            input.background_check = "not_required".into();
            input.background_check_reason = Some(reason.to_string());
        } else if ymd(check_cell).is_some() {
            // A date in the status column: done on that date.
            input.background_check = "done".into();
            if cell(Field::BackgroundCheckDate).is_empty() {
                input.background_check_date = Some(check_cell.to_string());
            }
        }
        match input.check_all(today, |_, _| false) {
            Ok(_) => {}
            Err(errors) => reasons.extend(
                errors
                    .iter()
                    .filter(|e| {
                        !(name_had_formula
                            && matches!(
                                e,
                                PeopleError::Field(
                                    preflight_remediation::RemediationError::EmptyPersonName
                                )
                            ))
                    })
                    .map(ToString::to_string),
            ),
        }
        if !name.is_empty() {
            let key = name_key(&name);
            if let Some(there) = in_register.get(&key) {
                reasons.push(format!(
                    "\"{there}\" is already in the people register; edit them there instead"
                ));
            } else if let Some(first) = in_file.get(&key) {
                reasons.push(format!(
                    "\"{name}\" appears earlier in the file, on line {first}"
                ));
            } else {
                in_file.insert(key, line);
            }
        }
        let taken = reasons.is_empty();
        rows.push(RowReport {
            line,
            name: shown,
            outcome: if taken {
                RowOutcome::Taken
            } else {
                RowOutcome::Rejected { reasons }
            },
            input: taken.then_some(input),
        });
    }
    if rows.is_empty() {
        return Err(PeopleError::NoRows);
    }
    let taken = rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Taken)
        .count();
    Ok(ImportPreview {
        columns: used,
        ignored_columns: ignored,
        rejected: rows.len() - taken,
        taken,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{BackgroundCheck, PersonKind};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    fn run(csv: &str) -> Result<ImportPreview, PeopleError> {
        preview(csv.as_bytes(), &["Existing Person".into()], d(2026, 6, 1))
    }

    fn reasons(p: &ImportPreview, line: u64) -> Vec<String> {
        match &p.rows.iter().find(|r| r.line == line).expect("row").outcome {
            RowOutcome::Rejected { reasons } => reasons.clone(),
            RowOutcome::Taken => vec![],
        }
    }

    fn taken(p: &ImportPreview, line: u64) -> PersonInput {
        let r = p.rows.iter().find(|r| r.line == line).expect("row");
        assert_eq!(r.outcome, RowOutcome::Taken, "{r:?}");
        r.input.clone().expect("input")
    }

    #[test]
    fn an_hr_export_is_matched_by_header_and_each_row_checked() {
        let csv = "Full Name,Job Title,Employment Type,Hire Date,Termination Date,Screening,Background check date,Last training,Access removed on,Employee ID\n\
                   Dana Ruiz,CTO,Full-time,2024-01-08,,done,2023-12-15,2026-01-10,,E1\n\
                   Sam Lee,Contract developer,Contractor,2025-03-03,2026-02-27,not required: no access to customer data,,2025-03-10,2026-03-02,E2\n\
                   Léa Martin,Support,,2026-07-01,,,,,,E3\n";
        let p = run(csv).expect("preview");
        assert_eq!(p.ignored_columns, ["Employee ID"]);
        assert_eq!(p.columns.len(), 9);
        assert_eq!((p.taken, p.rejected), (3, 0), "{p:#?}");
        let dana = taken(&p, 2)
            .check(d(2026, 6, 1), |_, _| false)
            .expect("dana");
        assert_eq!(dana.role, "CTO");
        assert_eq!(dana.kind, PersonKind::Employee);
        assert_eq!(
            dana.background_check,
            BackgroundCheck::Done {
                on: d(2023, 12, 15)
            }
        );
        assert_eq!(dana.training, [d(2026, 1, 10)]);
        let sam = taken(&p, 3)
            .check(d(2026, 6, 1), |_, _| false)
            .expect("sam");
        assert_eq!(sam.kind, PersonKind::Contractor);
        assert_eq!(
            sam.background_check,
            BackgroundCheck::NotRequired {
                reason: "no access to customer data".into()
            }
        );
        assert_eq!(sam.end_date, Some(d(2026, 2, 27)));
        assert_eq!(sam.access_removed_on, Some(d(2026, 3, 2)));
        let lea = taken(&p, 4)
            .check(d(2026, 6, 1), |_, _| false)
            .expect("léa");
        assert_eq!(lea.background_check, BackgroundCheck::NotRecorded);
        assert_eq!(lea.start_date, Some(d(2026, 7, 1)), "a future hire is fine");
        let all = p.accepted(false).expect("all good");
        assert_eq!(
            all.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
            ["Dana Ruiz", "Sam Lee", "Léa Martin"]
        );
    }

    #[test]
    fn bad_rows_are_rejected_with_every_reason() {
        let csv = "name;role;type;start;end;background check;background check date;training;access removed\n\
                   Good One;Engineer;employee;2025-01-06;;yes;2024-12-01;2026-01-05;\n\
                   existing person;CEO;;;;;;;\n\
                   Twice;Eng;;2025-01-01;;;;;\n\
                   twice ;Eng;;2025-01-01;;;;;\n\
                   Bad Dates;Eng;;15/01/2025;2025-13-01;;;last year;\n\
                   Backwards;Eng;;2025-06-02;2025-06-01;;;;\n\
                   =HYPERLINK(\"http://x\");Eng;;2025-01-01;;;;;\n\
                   Formula Date;Eng;;=TODAY();;;;;\n\
                   No Reason;Eng;;;;Not required;;;\n\
                   No Date;Eng;;;;done;;;\n\
                   No End;Eng;;2025-01-01;;;;;2026-01-01\n\
                   Future;Eng;;;;;2026-06-02;2026-06-02;\n\
                   Many Problems;Eng;board;2025-06-02;2025-06-01;maybe;;;\n\
                   ;Nameless;;;;;;;\n\
                   \n";
        let p = run(csv).expect("preview");
        assert_eq!(p.taken, 2, "{p:#?}");
        assert_eq!(p.rejected, 12);
        assert_eq!(reasons(&p, 2), Vec::<String>::new());
        assert_eq!(
            reasons(&p, 3),
            ["\"Existing Person\" is already in the people register; edit them there instead"]
        );
        assert_eq!(reasons(&p, 4), Vec::<String>::new());
        assert_eq!(
            reasons(&p, 5),
            ["\"twice\" appears earlier in the file, on line 4"]
        );
        let bad = reasons(&p, 6);
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert!(bad[0].contains("start date \"15/01/2025\""), "{bad:?}");
        assert!(bad[1].contains("end date \"2025-13-01\""), "{bad:?}");
        assert!(bad[2].contains("security training date \"last"), "{bad:?}");
        assert!(reasons(&p, 7)[0].contains("comes before the start date"));
        let f = reasons(&p, 8);
        assert_eq!(f.len(), 1, "the formula is named once: {f:?}");
        assert!(f[0].starts_with("Name: \"=HYPERLINK"), "{f:?}");
        assert!(f[0].contains("formula"), "{f:?}");
        let f = reasons(&p, 9);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("Start date: \"=TODAY()\""), "{f:?}");
        assert!(reasons(&p, 10)[0].contains("needs the reason"));
        assert!(reasons(&p, 11)[0].contains("marked done but has no date"));
        assert!(reasons(&p, 12)[0].contains("recorded for people who left"));
        let fut = reasons(&p, 13);
        assert_eq!(fut.len(), 2, "{fut:?}");
        assert!(fut.iter().all(|r| r.contains("is after today")), "{fut:?}");
        assert_eq!(reasons(&p, 14).len(), 3, "{:?}", reasons(&p, 14));
        assert!(reasons(&p, 15)[0].contains("name is empty"));
        assert_eq!(
            p.accepted(false).map_err(|e| e.code()),
            Err("import_has_errors")
        );
        let good = p.accepted(true).expect("good rows");
        assert_eq!(
            good.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
            ["Good One", "Twice"]
        );
    }

    #[test]
    fn first_and_last_name_columns_are_joined_when_there_is_no_full_name() {
        let p =
            run("First name\tLast name\tTitle\nDana\tRuiz\tCTO\nSam\t\tIntern\n").expect("tabs");
        assert_eq!((p.taken, p.rejected), (2, 0), "{p:#?}");
        assert_eq!(taken(&p, 2).name, "Dana Ruiz");
        assert_eq!(taken(&p, 3).name, "Sam");
        // With a full name column, first and last name are not used.
        let p = run("First name,Name,Last name\nD,Dana Ruiz,R\n").expect("full");
        assert_eq!(p.ignored_columns, ["First name", "Last name"]);
        assert_eq!(taken(&p, 2).name, "Dana Ruiz");
        // Only a first name is not enough.
        assert_eq!(
            run("First name,Role\nDana,CTO\n").map_err(|e| e.code()),
            Err("csv_no_name_column")
        );
    }

    #[test]
    fn background_check_cells_are_read_as_hr_writes_them() {
        let csv = "Name,Background check,Background check date\n\
                   A,2025-02-03,\n\
                   B,Not required - board advisor with no access,\n\
                   C,NOT REQUIRED:,\n\
                   D,pending,\n\
                   E,,2025-02-03\n";
        let p = run(csv).expect("preview");
        let bc = |line| {
            taken(&p, line)
                .check(d(2026, 6, 1), |_, _| false)
                .expect("ok")
                .background_check
        };
        assert_eq!(bc(2), BackgroundCheck::Done { on: d(2025, 2, 3) });
        assert_eq!(
            bc(3),
            BackgroundCheck::NotRequired {
                reason: "board advisor with no access".into()
            }
        );
        assert!(reasons(&p, 4)[0].contains("needs the reason"));
        assert_eq!(bc(5), BackgroundCheck::NotRecorded);
        assert_eq!(bc(6), BackgroundCheck::Done { on: d(2025, 2, 3) });
    }

    #[test]
    fn several_training_dates_in_one_cell() {
        let p = run("Name,Training\nA,\"2025-01-10, 2026-01-12\"\nB,2025-01-10;2026-01-12\n")
            .expect("preview");
        for line in [2, 3] {
            let t = taken(&p, line)
                .check(d(2026, 6, 1), |_, _| false)
                .expect("ok")
                .training;
            assert_eq!(t, [d(2025, 1, 10), d(2026, 1, 12)]);
        }
    }

    #[test]
    fn file_level_problems_are_refused() {
        assert_eq!(run("").map_err(|e| e.code()), Err("csv_empty"));
        assert_eq!(run(" \n\n").map_err(|e| e.code()), Err("csv_empty"));
        assert_eq!(run("\u{feff}").map_err(|e| e.code()), Err("csv_empty"));
        let e = run("Dana Ruiz,CTO\nSam,Dev\n").expect_err("no header");
        assert_eq!(e.code(), "csv_no_name_column");
        assert!(e.to_string().contains("\"Dana Ruiz\", \"CTO\""), "{e}");
        assert_eq!(
            run("Name,Role\n\n ,  \n").map_err(|e| e.code()),
            Err("csv_no_rows")
        );
        assert_eq!(
            preview(&[0xff, 0xfe, 0x00], &[], d(2026, 1, 1)).map_err(|e| e.code()),
            Err("csv_unreadable")
        );
        // Latin-1 "é" as exported by an old spreadsheet.
        let e = preview(b"Name\nL\xe9a\n", &[], d(2026, 1, 1)).expect_err("latin-1");
        assert!(e.to_string().contains("CSV UTF-8"), "{e}");
    }

    #[test]
    fn a_clean_file_is_accepted_whole_and_the_report_serializes() {
        let p = run("\u{feff}Employee,Start Date\nA,2025-01-01\nB,\n").expect("preview");
        assert_eq!((p.taken, p.rejected), (2, 0));
        assert_eq!(p.accepted(false).expect("all").len(), 2);
        let json = serde_json::to_value(&p).expect("json");
        assert_eq!(json["rows"][0]["outcome"], "taken");
        assert_eq!(json["rows"][0]["line"], 2);
        assert_eq!(json["columns"][0][1], "name");
        let p = run("Name,Start\nA,2025-1-1\n").expect("preview");
        let json = serde_json::to_value(&p).expect("json");
        assert_eq!(json["rows"][0]["outcome"], "rejected");
        assert!(json["rows"][0]["reasons"][0]
            .as_str()
            .expect("reason")
            .contains("YYYY-MM-DD"));
    }

    #[test]
    fn formula_detection() {
        for f in ["=1+1", "+cmd", "@SUM(A1)", "-cmd", " =x"] {
            assert!(looks_like_formula(f), "{f}");
        }
        for t in ["-5", "- none", "Acme", "", "a=b", "2026-01-01"] {
            assert!(!looks_like_formula(t), "{t}");
        }
    }
}
