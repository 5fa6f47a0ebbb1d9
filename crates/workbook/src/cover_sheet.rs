//! The Cover sheet: who, what scope, when, how ready, and how to read the workbook. Its
//! "Assessment id" row is what the import of a returned workbook checks.

use preflight_assessment::scoring::{readiness, RULE};
use preflight_assessment::{ReportKind, ReportType};
use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::cells::{self, Formats, Grid};
use crate::remediation::TaskTally;
use crate::{
    sheet_names, WorkbookExtras, WorkbookInput, COVER_SHEET, EVIDENCE_SHEET, GAP_REGISTER_SHEET,
    QUESTIONNAIRE_SHEET, READINESS_SHEET, RECURRING_SHEET, REMEDIATION_SHEET, SOC1_SHEET,
};

/// Labels of the cover rows (column A); the value is in column B beside each.
pub mod labels {
    pub const COMPANY: &str = "Company";
    pub const ASSESSMENT: &str = "Assessment";
    pub const ASSESSMENT_ID: &str = "Assessment id";
    pub const REPORT: &str = "Report";
    pub const SCOPE: &str = "In scope";
    /// Followed by the category name: "Excluded: Availability".
    pub const EXCLUDED_PREFIX: &str = "Excluded: ";
    pub const OBSERVATION: &str = "Observation period";
    pub const OBSERVATION_START: &str = "Observation period start";
    pub const OBSERVATION_END: &str = "Observation period end";
    pub const PREPARED_BY: &str = "Prepared by";
    pub const PREPARED_ON: &str = "Prepared on";
    pub const OVERALL: &str = "Overall readiness";
    pub const QUESTIONS: &str = "Questions in scope";
    pub const ANSWERED: &str = "Questions answered";
    pub const GAPS_HIGH: &str = "Open gaps, high severity";
    pub const GAPS_MEDIUM: &str = "Open gaps, medium severity";
    pub const GAPS_LOW: &str = "Open gaps, low severity";
    pub const TASKS: &str = "Remediation tasks";
    pub const TASKS_OPEN: &str = "Open tasks (to do or in progress)";
    pub const TASKS_OVERDUE: &str = "Open tasks past their due date";
    pub const TASKS_DONE: &str = "Tasks done";
    pub const TASKS_RISK_ACCEPTED: &str = "Risks accepted";
    pub const EVIDENCE_FILES: &str = "Evidence files on record";
    pub const RULE: &str = "How readiness is scored";
    pub const HOW_TO_READ: &str = "How to read this workbook";
    pub const FOR_THE_AUDITOR: &str = "For the auditor";
}

pub const TITLE: &str = "Preflight gap workbook";
pub const WIDTHS: [f64; 2] = [30.0, 100.0];

/// What each sheet is for, as the cover explains it.
pub fn sheet_purpose(sheet: &str, kind: ReportKind) -> &'static str {
    let soc1 = kind == ReportKind::Soc1;
    match sheet {
        COVER_SHEET => "This page: the company, the report and scope, when the workbook was prepared and how ready the company is overall.",
        READINESS_SHEET if soc1 => "One row per control objective in scope: questions, answered, readiness, open gaps by severity and status, with a chart of readiness below the table.",
        READINESS_SHEET => "One row per Trust Services criterion in scope: questions, answered, readiness, open gaps by severity and status, with a chart of readiness below the table.",
        QUESTIONNAIRE_SHEET => "Every question that applies to the scope with the company's answer, note and answer date, whether it is a gap and why, the evidence on file for it (file name and the start of its id, as in the Evidence index), and the two auditor columns.",
        GAP_REGISTER_SHEET => "One row per gap with a stable gap id (GAP- followed by the question id), what is missing and what Yes looks like, and the remediation tasks linked to it. With several tasks, all are listed and the owner, due date and status are those of the task that matters most: the open task due first, else a risk accepted, else a done task. Status reads Open when no task tracks the gap yet; a due date in red has passed.",
        REMEDIATION_SHEET => "One row per remediation task: open tasks first, due first, then risks accepted and done tasks. Owner, due date, status and the day it last changed, the whole status history, who accepted a risk and why, notes, and whether the task was overdue on the day this workbook was prepared. Tasks and evidence are referred to elsewhere by title or file name and the first 8 characters of their id in brackets.",
        EVIDENCE_SHEET => "One row per evidence file: its id, original file name, the question and task it supports, when it was collected, its size and SHA-256 fingerprint (to check a copy is the file recorded). Removed evidence stays listed, with the day it was removed.",
        RECURRING_SHEET => "For a Type 2 report: each duty that must recur during the observation period, its cadence, how many times it is expected in the window, what is done so far period by period, and the sample an auditor typically tests. Sample sizes are set by the auditor; the figures are common practice, not AICPA requirements.",
        SOC1_SHEET => "Each control objective in scope with its statement, followed by its questions with the company's answers and notes.",
        crate::RISK_SHEET => "The risk register (CC3): above the table, when the last risk assessment was held, who took part and when the next is due. One row per risk: category, whether it is a fraud risk (CC3.3), likelihood and impact from 1 to 5 with their score (likelihood x impact) and band before the treatment, the treatment and why, who accepted a risk and when, owner, linked criteria, questions and remediation tasks, and the residual likelihood, impact, score and band after the treatment.",
        crate::VENDOR_SHEET => "One row per vendor (CC9.2): what it does, the data it holds, criticality, contract and data processing agreement, owner and review dates, whether it is a subservice organization (method and the controls relied on), the review of its SOC report (kind and type, period, audit firm, opinion, exceptions with the company's responses, the vendor's CUECs and how the company runs them, bridge letter, the stored report file with its SHA-256), and the flags an auditor would raise.",
        crate::POLICY_SHEET => "One row per policy: status (draft, approved, retired), the version in force and the latest version, owner, who approved the version in force and when, the review cycle and next review (overdue in red), how many of the people working on the day this workbook was prepared acknowledged the version in force (and the share), the criteria it supports, and whether its latest text still has parts to fill in.",
        crate::PEOPLE_SHEET => "The people register, one row per person: role, employee or contractor, start and end dates, whether they joined or left inside the observation window (the populations an auditor samples from: filter on Yes), background check, latest security training, how many policies in force they acknowledged, the day their access was removed and the deadline (one working day after leaving), and the flags an auditor would raise.",
        crate::REQUEST_SHEET => "The auditor's request list: one row per item the auditor will ask for (its id, what to provide, whether it is a point-in-time item or a population over the window, the criteria and questions it supports), its owner, due date and status (collected only with evidence whose effective date fits the window), and the evidence files with their SHA-256 and effective date. The two auditor columns come back with the review import, by request id.",
        crate::CUEC_SHEET => "The complementary user entity controls: first the company's own (what its customers must do for its controls to work, as listed in its system description), then each vendor's (what the company must do, whether it does, and the task that closes a gap).",
        _ => "",
    }
}

pub const AUDITOR_REQUEST: &str = "Please fill the two auditor columns in the Questionnaire sheet, \"Auditor comment\" and \"Auditor status\" (Agreed, Needs evidence, Not agreed or Not tested), and send the file back. Preflight reads them back by the sheet names, the column headers and the question ids, and checks the assessment id above: keep those as they are. Columns may be moved, and other columns or sheets added.";

pub const DISCLAIMER: &str = "A readiness self-assessment: the company's own answers, prepared for its CPA firm. It is not an audit opinion.";

pub fn write(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    extras: &WorkbookExtras<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let a = input.assessment;
    let c = input.catalog;
    let r = readiness(c, &a.scope, input.answers);
    let rem = &extras.remediation;
    let tasks = TaskTally::of(rem.tasks, input.prepared_at.date_naive());
    ws.set_name(COVER_SHEET)?;
    cells::print_setup(ws);
    // The cover prints on one page.
    ws.set_print_fit_to_pages(1, 1);
    let mut g = Grid::new(ws, &WIDTHS)?;
    g.text(0, 0, TITLE, &f.title)?;
    g.ws.set_row_height(0, 24)?;
    g.merged_text(1, 0, 2, DISCLAIMER, &f.subtitle)?;

    let mut row = 3u32;
    let rw = label(&mut g, &mut row, labels::COMPANY, f)?;
    g.text(rw, 1, &a.company, &f.text)?;
    let rw = label(&mut g, &mut row, labels::ASSESSMENT, f)?;
    g.text(rw, 1, &a.name, &f.text)?;
    let rw = label(&mut g, &mut row, labels::ASSESSMENT_ID, f)?;
    g.text(rw, 1, &a.id.to_string(), &f.text)?;
    let rw = label(&mut g, &mut row, labels::REPORT, f)?;
    g.text(
        rw,
        1,
        &format!("{} {}", a.scope.kind.label(), a.scope.report_type.label()),
        &f.text,
    )?;
    let rw = label(&mut g, &mut row, labels::SCOPE, f)?;
    let in_scope = if a.scope.kind.uses_trust_services_criteria() {
        a.scope
            .categories
            .iter()
            .map(|id| c.category(id).map_or(id.clone(), |k| k.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        a.scope
            .objectives
            .iter()
            .map(|id| {
                c.objective(id)
                    .map_or(id.clone(), |o| format!("{}: {}", o.id, o.title))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    g.text(rw, 1, &in_scope, &f.text)?;
    for e in &a.exclusions {
        let name = c
            .category(&e.category)
            .map_or(e.category.as_str(), |k| k.name.as_str());
        let rw = label(
            &mut g,
            &mut row,
            &format!("{}{name}", labels::EXCLUDED_PREFIX),
            f,
        )?;
        g.text(rw, 1, &e.justification, &f.text)?;
    }
    match (a.scope.report_type, a.scope.observation) {
        (ReportType::Type2, Some(p)) => {
            let rw = label(&mut g, &mut row, labels::OBSERVATION_START, f)?;
            g.date(rw, 1, p.start, &f.date)?;
            let rw = label(&mut g, &mut row, labels::OBSERVATION_END, f)?;
            g.date(rw, 1, p.end, &f.date)?;
        }
        _ => {
            let rw = label(&mut g, &mut row, labels::OBSERVATION, f)?;
            g.text(
                rw,
                1,
                "None: a Type 1 report looks at the design of controls at a point in time.",
                &f.text,
            )?;
        }
    }
    let rw = label(&mut g, &mut row, labels::PREPARED_BY, f)?;
    g.text(rw, 1, extras.prepared_by(), &f.text)?;
    let rw = label(&mut g, &mut row, labels::PREPARED_ON, f)?;
    g.date(rw, 1, input.prepared_at.date_naive(), &f.date)?;
    let rw = label(&mut g, &mut row, labels::OVERALL, f)?;
    match r.overall {
        Some(p) => g.number(rw, 1, p / 100.0, &f.percent)?,
        None => g.text(
            rw,
            1,
            "No figure: every question is Not applicable",
            &f.text,
        )?,
    }
    let counts = [
        (labels::QUESTIONS, r.questions),
        (labels::ANSWERED, r.answered),
        (labels::GAPS_HIGH, r.gaps.high),
        (labels::GAPS_MEDIUM, r.gaps.medium),
        (labels::GAPS_LOW, r.gaps.low),
        (labels::TASKS, tasks.total),
        (labels::TASKS_OPEN, tasks.open),
        (labels::TASKS_OVERDUE, tasks.overdue),
        (labels::TASKS_DONE, tasks.done),
        (labels::TASKS_RISK_ACCEPTED, tasks.risk_accepted),
        (labels::EVIDENCE_FILES, rem.evidence.len()),
    ];
    for (name, n) in counts {
        let rw = label(&mut g, &mut row, name, f)?;
        g.number(rw, 1, n as f64, &f.number)?;
    }
    let rw = label(&mut g, &mut row, labels::RULE, f)?;
    g.text(rw, 1, RULE, &f.text)?;

    row += 1;
    g.merged_text(row, 0, 2, labels::HOW_TO_READ, &f.section)?;
    row += 1;
    for sheet in sheet_names(a) {
        let rw = label(&mut g, &mut row, sheet, f)?;
        g.text(rw, 1, sheet_purpose(sheet, a.scope.kind), &f.text)?;
    }
    let rw = label(&mut g, &mut row, labels::FOR_THE_AUDITOR, f)?;
    g.text(rw, 1, AUDITOR_REQUEST, &f.bold_text)?;
    g.fit_rows()?;
    Ok(())
}

/// Writes a label in column A of the next row and returns that row.
fn label(g: &mut Grid<'_, '_>, row: &mut u32, text: &str, f: &Formats) -> Result<u32, XlsxError> {
    g.text(*row, 0, text, &f.label)?;
    *row += 1;
    Ok(*row - 1)
}
