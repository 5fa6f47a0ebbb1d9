//! What the register sheets ("Risk register", "Vendors", "Customer controls (CUECs)") and
//! their CSV twins hold, row by row, worked out once for both.
//!
//! - Risk register: one row per risk with its inherent and residual scores and bands, the
//!   treatment and why, who accepted it, links to questions, criteria and tasks; above the
//!   table, when the last risk assessment was held, by whom, and when the next is due.
//! - Vendors: one row per vendor with the review of its SOC report and the flags an auditor
//!   would raise.
//! - Customer controls (CUECs): the company's own CUECs (its customers run them), then each
//!   vendor's CUECs (the company runs them, or has a task to).

use chrono::NaiveDate;
use preflight_assessment::ObservationPeriod;
use preflight_people::{offboarding_deadline, Person};
use preflight_policies::Policy;
use preflight_remediation::{Evidence, Task};
use preflight_risks::{review_status, Risk, RiskReview};
use preflight_vendors::{flags, CuecStatus, CustomerControl, Vendor};

use crate::remediation::{evidence_ref, short_id, task_ref};

/// The registers a workbook carries.
#[derive(Debug, Default, Clone, Copy)]
pub struct Registers<'a> {
    pub risks: &'a [Risk],
    pub risk_reviews: &'a [RiskReview],
    pub vendors: &'a [Vendor],
    pub customer_controls: &'a [CustomerControl],
    pub policies: &'a [Policy],
    pub people: &'a [Person],
    /// The day flags and due dates are judged on (the day the workbook is prepared).
    pub today: Option<NaiveDate>,
    /// The first day of the company's own window (the observation start, or the day prepared).
    pub window_start: Option<NaiveDate>,
}

/// One cell of a register table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Text shown in the warning style (a flag, a high band).
    Alert(String),
    Date(Option<NaiveDate>),
    Number(f64),
    /// A share from 0 to 1, shown as a percentage; `None` is blank.
    Percent(Option<f64>),
}

impl Cell {
    /// The cell as CSV text (dates as YYYY-MM-DD).
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Alert(s) => s.clone(),
            Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
            Cell::Number(n) => n.to_string(),
            Cell::Percent(p) => p.map(|p| format!("{:.0}%", p * 100.0)).unwrap_or_default(),
        }
    }
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn yes_no(b: bool) -> Cell {
    t(if b { "Yes" } else { "No" })
}

/// A table for one register sheet.
pub struct Table {
    pub sheet: &'static str,
    pub columns: &'static [(&'static str, f64)],
    /// A line shown above the table (the last risk assessment), if any.
    pub note: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

pub const RISK_SHEET: &str = "Risk register";
pub const VENDOR_SHEET: &str = "Vendors";
pub const CUEC_SHEET: &str = "Customer controls (CUECs)";
pub const POLICY_SHEET: &str = "Policies";
pub const PEOPLE_SHEET: &str = "People";
pub const REQUEST_SHEET: &str = "Request list";

/// Column headers the tests and readers look for.
pub mod headers {
    pub const RISK_ID: &str = "Risk id";
    pub const TITLE: &str = "Risk";
    pub const SCORE: &str = "Inherent score";
    pub const RESIDUAL_SCORE: &str = "Residual score";
    pub const FRAUD: &str = "Fraud risk (CC3.3)";
    pub const TREATMENT: &str = "Treatment";
    pub const UPDATED: &str = "Updated on";
    pub const VENDOR: &str = "Vendor";
    pub const PERIOD_END: &str = "Report period end";
    pub const OPINION: &str = "Opinion";
    pub const FLAGS: &str = "Flags";
    pub const NEXT_REVIEW: &str = "Next review due";
    pub const CONTROL: &str = "Control";
    pub const WHO_RUNS: &str = "Who runs it";
    pub const POLICY: &str = "Policy";
    pub const STATUS: &str = "Status";
    pub const IN_FORCE: &str = "Version in force";
    pub const APPROVED_ON: &str = "Approved on";
    pub const ACK_RATE: &str = "Acknowledged (share of people working)";
    pub const PERSON: &str = "Name";
    pub const JOINED: &str = "Joined in the window";
    pub const LEFT: &str = "Left in the window";
    pub const REMOVED_ON: &str = "Access removed on";
    pub const DEADLINE: &str = "Removal deadline";
    pub const REQUEST_ID: &str = "Request id";
    pub const REQUEST_ITEM: &str = "Item requested";
    pub const REQUEST_STATUS: &str = "Status";
    pub const EVIDENCE_FILES: &str = "Evidence (file, SHA-256, effective date)";
    pub const AUDITOR_COMMENT: &str = "Auditor comment";
    pub const AUDITOR_STATUS: &str = "Auditor status";
}

pub const RISK_COLUMNS: &[(&str, f64)] = &[
    (headers::RISK_ID, 10.0),
    (headers::TITLE, 26.0),
    ("Description", 34.0),
    ("Category", 13.0),
    (headers::FRAUD, 9.0),
    ("Likelihood (1-5)", 10.0),
    ("Impact (1-5)", 9.0),
    (headers::SCORE, 9.0),
    ("Inherent band", 10.0),
    (headers::TREATMENT, 11.0),
    ("Treatment reason", 32.0),
    ("Accepted by", 14.0),
    ("Accepted on", 11.0),
    ("Owner", 14.0),
    ("Criteria", 12.0),
    ("Questions", 22.0),
    ("Remediation tasks", 28.0),
    ("Residual likelihood", 10.0),
    ("Residual impact", 9.0),
    (headers::RESIDUAL_SCORE, 9.0),
    ("Residual band", 10.0),
    (headers::UPDATED, 11.0),
];

pub const VENDOR_COLUMNS: &[(&str, f64)] = &[
    (headers::VENDOR, 20.0),
    ("What it does", 26.0),
    ("Data held", 12.0),
    ("Criticality", 11.0),
    ("Contract", 9.0),
    ("DPA", 7.0),
    ("Owner", 14.0),
    ("Last review", 11.0),
    (headers::NEXT_REVIEW, 11.0),
    ("Subservice organization", 13.0),
    ("Controls relied on (CSOCs)", 28.0),
    ("SOC report", 14.0),
    ("Report period start", 11.0),
    (headers::PERIOD_END, 11.0),
    ("Audit firm", 16.0),
    (headers::OPINION, 13.0),
    ("Exceptions and our responses", 36.0),
    ("Vendor's CUECs and how we run them", 36.0),
    ("Bridge letter received", 11.0),
    ("Report file", 28.0),
    (headers::FLAGS, 36.0),
];

pub const CUEC_COLUMNS: &[(&str, f64)] = &[
    (headers::WHO_RUNS, 24.0),
    (headers::VENDOR, 18.0),
    (headers::CONTROL, 40.0),
    ("Description or how it is run", 40.0),
    ("Status", 16.0),
    ("Task", 28.0),
    ("Criteria", 12.0),
];

pub const POLICY_COLUMNS: &[(&str, f64)] = &[
    (headers::POLICY, 30.0),
    (headers::STATUS, 11.0),
    (headers::IN_FORCE, 9.0),
    ("Latest version", 9.0),
    ("Owner", 14.0),
    ("Approved by", 14.0),
    (headers::APPROVED_ON, 11.0),
    ("Review every (months)", 9.0),
    ("Next review", 11.0),
    ("Review overdue", 9.0),
    ("Acknowledged by", 12.0),
    (headers::ACK_RATE, 13.0),
    ("Criteria", 16.0),
    ("Parts still to fill", 9.0),
];

pub const PEOPLE_COLUMNS: &[(&str, f64)] = &[
    (headers::PERSON, 20.0),
    ("Role", 16.0),
    ("Employee or contractor", 11.0),
    ("Start date", 11.0),
    ("End date", 11.0),
    (headers::JOINED, 9.0),
    (headers::LEFT, 9.0),
    ("Background check", 12.0),
    ("Background check date or reason", 20.0),
    ("Latest security training", 11.0),
    ("Policies in force acknowledged", 12.0),
    (headers::REMOVED_ON, 11.0),
    (headers::DEADLINE, 11.0),
    (headers::FLAGS, 40.0),
];

pub const REQUEST_COLUMNS: &[(&str, f64)] = &[
    (headers::REQUEST_ID, 13.0),
    (headers::REQUEST_ITEM, 32.0),
    ("What to provide", 36.0),
    ("Kind", 13.0),
    ("Criteria", 14.0),
    ("Questions", 22.0),
    ("Owner", 14.0),
    ("Due date", 11.0),
    (headers::REQUEST_STATUS, 11.0),
    (headers::EVIDENCE_FILES, 40.0),
];

pub const OUR_CUSTOMERS_RUN: &str = "Our customers (our CUEC)";
pub const WE_RUN: &str = "We do (the vendor's CUEC)";

fn short_task(tasks: &[Task], id: uuid::Uuid) -> String {
    tasks
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| format!("[{}]", short_id(id)), task_ref)
}

pub fn risk_table(reg: &Registers<'_>, tasks: &[Task]) -> Table {
    let today = reg.today.unwrap_or_default();
    let s = review_status(reg.risk_reviews, today);
    let note = Some(match reg.risk_reviews.iter().max_by_key(|r| r.held_on) {
        None => "No risk assessment recorded yet. Auditors expect one at least once a year and whenever the business changes.".to_string(),
        Some(last) => format!(
            "Last risk assessment: {} with {}. {} Next due by {}{}.",
            last.held_on,
            last.participants.join(", "),
            last.summary.lines().next().unwrap_or_default(),
            s.next_due.map(|d| d.to_string()).unwrap_or_default(),
            if s.overdue { " (overdue)" } else { "" }
        ),
    });
    let rows = reg
        .risks
        .iter()
        .map(|r| {
            let band = |b: preflight_risks::Band| {
                if b >= preflight_risks::Band::High {
                    Cell::Alert(b.label().into())
                } else {
                    t(b.label())
                }
            };
            vec![
                t(short_id(r.id)),
                t(&r.title),
                t(&r.description),
                t(r.category.label()),
                yes_no(r.is_fraud()),
                Cell::Number(r.likelihood.get().into()),
                Cell::Number(r.impact.get().into()),
                Cell::Number(r.score().into()),
                band(r.band()),
                t(r.treatment.label()),
                t(&r.treatment_reason),
                t(r.acceptance
                    .as_ref()
                    .map(|a| a.accepted_by.clone())
                    .unwrap_or_default()),
                Cell::Date(r.acceptance.as_ref().map(|a| a.accepted_on)),
                t(r.owner.clone().unwrap_or_default()),
                t(r.criteria.join(", ")),
                t(r.questions.join("\n")),
                t(r.tasks
                    .iter()
                    .map(|id| short_task(tasks, *id))
                    .collect::<Vec<_>>()
                    .join("\n")),
                Cell::Number(r.residual_likelihood.get().into()),
                Cell::Number(r.residual_impact.get().into()),
                Cell::Number(r.residual_score().into()),
                band(r.residual_band()),
                Cell::Date(Some(r.updated_on)),
            ]
        })
        .collect();
    Table {
        sheet: RISK_SHEET,
        columns: RISK_COLUMNS,
        note,
        rows,
    }
}

pub fn vendor_table(reg: &Registers<'_>, evidence: &[Evidence]) -> Table {
    let today = reg.today.unwrap_or_default();
    let start = reg.window_start.unwrap_or(today);
    let rows = reg
        .vendors
        .iter()
        .map(|v| {
            let r = v.report.as_ref();
            let f = flags(v, today, start);
            let flag_text = f
                .iter()
                .map(|f| format!("{}: {}", f.label, f.message))
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                t(&v.name),
                t(&v.service),
                t(v.data.label()),
                t(v.criticality.label()),
                yes_no(v.contract),
                yes_no(v.dpa),
                t(v.owner.clone().unwrap_or_default()),
                Cell::Date(v.last_review),
                Cell::Date(v.next_review),
                t(v.subservice
                    .as_ref()
                    .map_or("No".to_string(), |s| format!("Yes ({})", s.method.label()))),
                t(v.subservice
                    .as_ref()
                    .map(|s| s.csocs.join("\n"))
                    .unwrap_or_default()),
                t(
                    r.map(|r| format!("{} {}", r.kind.label(), r.report_type.label()))
                        .unwrap_or_default(),
                ),
                Cell::Date(r.and_then(|r| r.period_start)),
                Cell::Date(r.map(|r| r.period_end)),
                t(r.map(|r| r.audit_firm.clone()).unwrap_or_default()),
                t(r.map(|r| r.opinion.label()).unwrap_or_default()),
                t(r.map(|r| {
                    r.exceptions
                        .iter()
                        .map(|e| {
                            let resp = if e.response.trim().is_empty() {
                                "(no response yet)"
                            } else {
                                e.response.as_str()
                            };
                            format!("• {} → {}", e.description, resp)
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()),
                t(r.map(|r| {
                    r.cuecs
                        .iter()
                        .map(|c| {
                            let how = if c.how.trim().is_empty() {
                                String::new()
                            } else {
                                format!(": {}", c.how)
                            };
                            format!("• {} [{}{}]", c.description, c.status.label(), how)
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()),
                Cell::Date(r.and_then(|r| r.bridge_letter_on)),
                t(r.and_then(|r| r.evidence_id)
                    .map(|id| {
                        evidence.iter().find(|e| e.id == id).map_or_else(
                            || format!("[{}]", short_id(id)),
                            |e| format!("{}\nSHA-256 {}", evidence_ref(e), e.sha256),
                        )
                    })
                    .unwrap_or_default()),
                if flag_text.is_empty() {
                    t("")
                } else {
                    Cell::Alert(flag_text)
                },
            ]
        })
        .collect();
    Table {
        sheet: VENDOR_SHEET,
        columns: VENDOR_COLUMNS,
        note: None,
        rows,
    }
}

pub fn cuec_table(reg: &Registers<'_>, tasks: &[Task]) -> Table {
    let mut rows: Vec<Vec<Cell>> = reg
        .customer_controls
        .iter()
        .map(|c| {
            vec![
                t(OUR_CUSTOMERS_RUN),
                t(""),
                t(&c.title),
                t(&c.description),
                t("Listed in our system description"),
                t(""),
                t(c.criteria.join(", ")),
            ]
        })
        .collect();
    for v in reg.vendors {
        let Some(r) = &v.report else { continue };
        for c in &r.cuecs {
            let status = if c.status == CuecStatus::NotRun && c.task_id.is_none() {
                Cell::Alert(c.status.label().into())
            } else {
                t(c.status.label())
            };
            rows.push(vec![
                t(WE_RUN),
                t(&v.name),
                t(&c.description),
                t(&c.how),
                status,
                t(c.task_id
                    .map(|id| short_task(tasks, id))
                    .unwrap_or_default()),
                t("CC9.2"),
            ]);
        }
    }
    Table {
        sheet: CUEC_SHEET,
        columns: CUEC_COLUMNS,
        note: None,
        rows,
    }
}

/// The policies in force, as the people flags read them: (id, title, current version).
fn in_force(policies: &[Policy]) -> Vec<(String, String, u32)> {
    policies
        .iter()
        .filter(|p| p.retired_on.is_none())
        .filter_map(|p| {
            p.current()
                .map(|v| (p.id.to_string(), p.title.clone(), v.number))
        })
        .collect()
}

pub fn policy_table(reg: &Registers<'_>) -> Table {
    let today = reg.today.unwrap_or_default();
    let working: Vec<&Person> = reg.people.iter().filter(|p| p.is_working(today)).collect();
    let rows = reg
        .policies
        .iter()
        .map(|p| {
            let cur = p.current();
            let acked = cur.map_or(0, |v| {
                working
                    .iter()
                    .filter(|w| w.acknowledgement(&p.id.to_string(), v.number).is_some())
                    .count()
            });
            let rate = cur.and_then(|_| {
                preflight_policies::facts::acknowledgement_rate(acked, working.len())
                    .map(|r| r / 100.0)
            });
            vec![
                t(&p.title),
                t(p.status().label()),
                cur.map_or(t(""), |v| Cell::Number(v.number.into())),
                Cell::Number(p.latest().number.into()),
                t(p.owner.clone().unwrap_or_default()),
                t(cur.and_then(|v| v.approved_by.clone()).unwrap_or_default()),
                Cell::Date(cur.and_then(|v| v.approved_on)),
                Cell::Number(p.review_months.into()),
                Cell::Date(p.next_review()),
                if p.review_overdue(today) {
                    Cell::Alert("Yes".into())
                } else {
                    t("No")
                },
                t(cur
                    .map(|_| format!("{acked} of {}", working.len()))
                    .unwrap_or_default()),
                Cell::Percent(rate),
                t(p.criteria.join(", ")),
                if preflight_policies::render::has_gaps(&p.latest().text) {
                    Cell::Alert("Yes".into())
                } else {
                    t("No")
                },
            ]
        })
        .collect();
    Table {
        sheet: POLICY_SHEET,
        columns: POLICY_COLUMNS,
        note: None,
        rows,
    }
}

pub fn people_table(reg: &Registers<'_>, window: Option<ObservationPeriod>) -> Table {
    let today = reg.today.unwrap_or_default();
    let current = in_force(reg.policies);
    let cur: Vec<preflight_people::CurrentPolicy<'_>> = current
        .iter()
        .map(|(i, t, v)| (i.as_str(), t.as_str(), *v))
        .collect();
    let inside = |d: Option<NaiveDate>| match (window, d) {
        (Some(w), Some(d)) => yes_no(d >= w.start && d <= w.end),
        (Some(_), None) => t("No"),
        (None, _) => t(""),
    };
    let note = window.map(|w| {
        format!(
            "The populations an auditor samples from for the window {} to {}: filter \"{}\" or \"{}\" on Yes.",
            w.start,
            w.end,
            headers::JOINED,
            headers::LEFT
        )
    });
    let rows = reg
        .people
        .iter()
        .map(|p| {
            let flags = preflight_people::flags(p, &cur, today);
            let acked = cur
                .iter()
                .filter(|(id, _, v)| p.acknowledgement(id, *v).is_some())
                .count();
            let (check_date, check_detail) = match &p.background_check {
                preflight_people::person::BackgroundCheck::Done { on } => {
                    (Some(*on), String::new())
                }
                preflight_people::person::BackgroundCheck::NotRequired { reason } => {
                    (None, reason.clone())
                }
                preflight_people::person::BackgroundCheck::NotRecorded => (None, String::new()),
            };
            vec![
                t(&p.name),
                t(&p.role),
                t(p.kind.label()),
                Cell::Date(p.start_date),
                Cell::Date(p.end_date),
                inside(p.start_date),
                inside(p.end_date),
                t(p.background_check.label()),
                match check_date {
                    Some(d) => Cell::Date(Some(d)),
                    None => t(check_detail),
                },
                Cell::Date(p.latest_training()),
                t(format!("{acked} of {}", cur.len())),
                Cell::Date(p.access_removed_on),
                Cell::Date(p.end_date.map(offboarding_deadline)),
                if flags.is_empty() {
                    t("")
                } else {
                    Cell::Alert(
                        flags
                            .iter()
                            .map(|f| format!("{}: {}", f.label, f.message))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                },
            ]
        })
        .collect();
    Table {
        sheet: PEOPLE_SHEET,
        columns: PEOPLE_COLUMNS,
        note,
        rows,
    }
}

/// The request list: one row per item the auditor will ask for, with its evidence files and
/// whether each file's date fits the window.
pub fn request_table(rows: &[preflight_requests::RequestRow]) -> Table {
    let out = rows
        .iter()
        .map(|r| {
            let files = r
                .evidence
                .iter()
                .map(|e| {
                    let date = e
                        .effective_date
                        .map_or("no effective date".to_string(), |d| d.to_string());
                    let fits = match &e.check {
                        Some(c) if !c.fits => " (outside the window)",
                        _ => "",
                    };
                    format!(
                        "{} [{}], {date}{fits}",
                        e.name,
                        &e.sha256.get(..12).unwrap_or(&e.sha256)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            vec![
                t(&r.id),
                t(&r.item),
                t(&r.detail),
                t(r.kind.label()),
                t(r.criteria.join(", ")),
                t(r.questions.join("\n")),
                t(r.owner.clone().unwrap_or_default()),
                Cell::Date(r.due),
                if r.overdue {
                    Cell::Alert(r.status.label().into())
                } else {
                    t(r.status.label())
                },
                t(files),
            ]
        })
        .collect();
    Table {
        sheet: REQUEST_SHEET,
        columns: REQUEST_COLUMNS,
        note: None,
        rows: out,
    }
}
