//! Where a gap is derived: every applicable question not answered Yes or Not applicable.

use preflight_catalog::{Catalog, Question, Severity};
use serde::Serialize;

use crate::{Answer, AnswerValue, Scope};

/// Why a question is a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    Unanswered,
    No,
    Partly,
    DontKnow,
}

impl GapReason {
    /// The reason a gap exists, given a question's answer; `None` when it is no gap.
    pub fn of(value: Option<AnswerValue>) -> Option<GapReason> {
        match value {
            None => Some(GapReason::Unanswered),
            Some(AnswerValue::Yes) | Some(AnswerValue::Na) => None,
            Some(AnswerValue::No) => Some(GapReason::No),
            Some(AnswerValue::Partly) => Some(GapReason::Partly),
            Some(AnswerValue::Unknown) => Some(GapReason::DontKnow),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GapReason::Unanswered => "Not answered yet",
            GapReason::No => "Not in place",
            GapReason::Partly => "Partly in place",
            GapReason::DontKnow => "Unknown: find out",
        }
    }
}

/// One gap: a question in scope whose answer shows something missing.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub question_id: String,
    pub severity: Severity,
    pub reason: GapReason,
}

/// The gaps of an assessment, in catalog order.
pub fn gaps(catalog: &Catalog, scope: &Scope, answers: &[Answer]) -> Vec<Gap> {
    scope
        .questions(catalog)
        .filter_map(|q| gap_of(q, answer_for(answers, &q.id)))
        .collect()
}

/// The gap a question has under an answer, if any.
pub fn gap_of(q: &Question, answer: Option<&Answer>) -> Option<Gap> {
    GapReason::of(answer.and_then(|a| a.value)).map(|reason| Gap {
        question_id: q.id.clone(),
        severity: q.severity,
        reason,
    })
}

pub(crate) fn answer_for<'a>(answers: &'a [Answer], question_id: &str) -> Option<&'a Answer> {
    answers.iter().find(|a| a.question_id == question_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReportKind, ReportType};
    use chrono::Utc;

    fn answer(q: &str, v: Option<AnswerValue>) -> Answer {
        Answer {
            question_id: q.into(),
            value: v,
            note: String::new(),
            answered_at: Utc::now(),
        }
    }

    #[test]
    fn only_yes_and_na_close_a_gap() {
        assert_eq!(GapReason::of(Some(AnswerValue::Yes)), None);
        assert_eq!(GapReason::of(Some(AnswerValue::Na)), None);
        assert_eq!(GapReason::of(Some(AnswerValue::No)), Some(GapReason::No));
        assert_eq!(
            GapReason::of(Some(AnswerValue::Partly)),
            Some(GapReason::Partly)
        );
        assert_eq!(
            GapReason::of(Some(AnswerValue::Unknown)),
            Some(GapReason::DontKnow)
        );
        assert_eq!(GapReason::of(None), Some(GapReason::Unanswered));
    }

    #[test]
    fn every_unanswered_question_in_scope_is_a_gap() {
        let c = preflight_catalog::embedded().expect("catalog");
        let scope = Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: vec!["security".into()],
            objectives: vec![],
            observation: None,
        };
        let n = scope.questions(c).count();
        assert_eq!(gaps(c, &scope, &[]).len(), n);
        let answers = vec![
            answer("cc6-mfa", Some(AnswerValue::Yes)),
            answer("cc8-change-review", Some(AnswerValue::Na)),
            answer("cc1-code-of-conduct", Some(AnswerValue::Partly)),
            answer("cc7-vuln-scanning", None),
        ];
        let g = gaps(c, &scope, &answers);
        assert_eq!(g.len(), n - 2);
        let coc = g
            .iter()
            .find(|g| g.question_id == "cc1-code-of-conduct")
            .expect("gap");
        assert_eq!(coc.reason, GapReason::Partly);
        assert_eq!(coc.severity, Severity::High);
        let vuln = g
            .iter()
            .find(|g| g.question_id == "cc7-vuln-scanning")
            .expect("gap");
        assert_eq!(
            vuln.reason,
            GapReason::Unanswered,
            "a note without an answer is still a gap"
        );
    }
}
