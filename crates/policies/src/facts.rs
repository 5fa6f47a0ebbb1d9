//! What the policy set holds, in one line, shown beside the questions about policies so the
//! founder answers from facts.

use chrono::NaiveDate;
use preflight_catalog::Question;

use crate::policy::{Policy, Status};

/// The questions about having, publishing, reviewing and acknowledging policies.
pub const QUESTIONS: &[&str] = &[
    "cc1-code-of-conduct",
    "cc2-policies-published",
    "cc5-policy-review",
    "cc5-sdlc-policy",
    "cc8-change-policy",
];

pub fn concerns(question: &Question) -> bool {
    QUESTIONS.contains(&question.id.as_str())
}

/// The share of people working today who acknowledged the current version of a policy, as a
/// percentage (none when nobody is working).
pub fn acknowledgement_rate(acknowledged: usize, working: usize) -> Option<f64> {
    (working > 0).then(|| 100.0 * acknowledged as f64 / working as f64)
}

/// For example "16 policies: 12 approved, 3 drafts, 1 retired; 1 review overdue".
pub fn summary(policies: &[Policy], today: NaiveDate) -> String {
    if policies.is_empty() {
        return "No policies yet: adopt them in the Policies tab.".into();
    }
    let count = |s: Status| policies.iter().filter(|p| p.status() == s).count();
    let overdue = policies.iter().filter(|p| p.review_overdue(today)).count();
    let mut out = format!(
        "{} {}: {} approved, {} draft{}",
        policies.len(),
        if policies.len() == 1 {
            "policy"
        } else {
            "policies"
        },
        count(Status::Approved),
        count(Status::Draft),
        if count(Status::Draft) == 1 { "" } else { "s" }
    );
    if count(Status::Retired) > 0 {
        out.push_str(&format!(", {} retired", count(Status::Retired)));
    }
    if overdue > 0 {
        out.push_str(&format!("; {overdue} review overdue"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_named_exists() {
        let c = preflight_catalog::embedded().expect("catalog");
        for q in QUESTIONS {
            assert!(c.question(q).is_some(), "{q}");
        }
        assert_eq!(acknowledgement_rate(3, 4), Some(75.0));
        assert_eq!(acknowledgement_rate(0, 0), None);
        assert!(summary(&[], NaiveDate::MIN).starts_with("No policies"));
    }
}
