//! The rows the Questionnaire and Gap register show, worked out once and shared by the .xlsx
//! sheets and the CSV files.

use std::collections::HashMap;

use chrono::NaiveDate;
use preflight_assessment::gap::gap_of;
use preflight_assessment::{Answer, Gap};
use preflight_catalog::Question;
use preflight_remediation::Task;

use crate::auditor::AuditorEntry;
use crate::remediation::{evidence_ref, gap_tasks, GapTasks, Links};
use crate::WorkbookInput;

/// One applicable question with its answer, gap and the auditor's entry.
pub struct QuestionRow<'a> {
    pub question: &'a Question,
    /// The criteria (SOC 2, SOC 3) or objectives (SOC 1) it maps to, comma separated.
    pub items: String,
    pub answer: Option<&'a Answer>,
    pub gap: Option<Gap>,
    pub answered_on: Option<NaiveDate>,
    /// The evidence in use for the question (attached to it or to one of its tasks), one per
    /// line as `file name [first 8 characters of the evidence id]`.
    pub evidence_refs: String,
    /// The tasks linked to the question, the lead task first (see [`crate::remediation`]).
    pub tasks: Vec<&'a Task>,
    pub auditor: Option<&'a AuditorEntry>,
}

impl QuestionRow<'_> {
    /// The answer as the user sees it ("Yes", "Don't know"), or empty when not answered.
    pub fn answer_label(&self) -> &'static str {
        self.answer.and_then(|a| a.value).map_or("", |v| v.label())
    }

    pub fn note(&self) -> &str {
        self.answer.map_or("", |a| a.note.as_str())
    }

    pub fn gap_flag(&self) -> &'static str {
        if self.gap.is_some() {
            "Yes"
        } else {
            "No"
        }
    }

    pub fn gap_reason(&self) -> &'static str {
        self.gap.as_ref().map_or("", |g| g.reason.label())
    }

    pub fn auditor_comment(&self) -> &str {
        self.auditor.map_or("", |a| a.comment.as_str())
    }

    pub fn auditor_status(&self) -> &'static str {
        self.auditor
            .and_then(|a| a.status)
            .map_or("", |s| s.label())
    }
}

/// The questions that apply, in catalog order, with their auditor entries, tasks and evidence.
pub fn question_rows<'a>(
    input: &WorkbookInput<'a>,
    auditor: &'a [AuditorEntry],
    links: &Links<'a>,
) -> Vec<QuestionRow<'a>> {
    let scope = &input.assessment.scope;
    let answers: HashMap<&str, &Answer> = input
        .answers
        .iter()
        .map(|a| (a.question_id.as_str(), a))
        .collect();
    let auditor: HashMap<&str, &AuditorEntry> = auditor
        .iter()
        .map(|a| (a.question_id.as_str(), a))
        .collect();
    scope
        .questions(input.catalog)
        .map(|q| {
            let answer = answers.get(q.id.as_str()).copied();
            QuestionRow {
                question: q,
                items: scope.item_ids_of(q).join(", "),
                answer,
                gap: gap_of(q, answer),
                answered_on: answer
                    .filter(|a| a.value.is_some())
                    .map(|a| a.answered_at.date_naive()),
                evidence_refs: links
                    .evidence_of(&q.id)
                    .iter()
                    .map(|e| evidence_ref(e))
                    .collect::<Vec<_>>()
                    .join("\n"),
                tasks: links.tasks_of(&q.id).to_vec(),
                auditor: auditor.get(q.id.as_str()).copied(),
            }
        })
        .collect()
}

/// One gap in the register.
pub struct GapRow<'r, 'a> {
    pub row: &'r QuestionRow<'a>,
    pub gap: &'r Gap,
}

impl GapRow<'_, '_> {
    /// A stable id an auditor and a task can refer to.
    pub fn gap_id(&self) -> String {
        gap_id(&self.row.question.id)
    }

    /// The remediation columns: linked tasks, and the lead task's owner, due date and status.
    pub fn tasks(&self, today: NaiveDate) -> GapTasks {
        gap_tasks(&self.row.tasks, today)
    }

    /// Why it is a gap and what closing it looks like.
    pub fn missing(&self) -> String {
        format!(
            "{}. What Yes looks like: {}",
            self.gap.reason.label(),
            self.row.question.guidance
        )
    }
}

/// The gap id of a question: `GAP-<question id>`.
pub fn gap_id(question_id: &str) -> String {
    format!("GAP-{question_id}")
}

/// The gaps, most severe first, in catalog order within a severity.
pub fn gap_rows<'r, 'a>(rows: &'r [QuestionRow<'a>]) -> Vec<GapRow<'r, 'a>> {
    let mut out: Vec<GapRow<'r, 'a>> = rows
        .iter()
        .filter_map(|row| row.gap.as_ref().map(|gap| GapRow { row, gap }))
        .collect();
    out.sort_by_key(|g| g.gap.severity);
    out
}
