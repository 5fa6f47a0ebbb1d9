//! What the register holds, in one line, shown beside the questions about risk assessment so
//! the founder answers from facts.

use chrono::NaiveDate;
use preflight_catalog::Question;

use crate::review::{review_status, RiskReview};
use crate::risk::Risk;
use crate::scale::Band;

/// Whether a question is about the risk assessment (series CC3).
pub fn concerns(question: &Question) -> bool {
    question.criteria.iter().any(|c| c.starts_with("CC3."))
}

/// For example "14 risks (3 high or critical after treatment, 2 fraud), last assessed
/// 2026-03-02, next due 2027-03-02".
pub fn summary(risks: &[Risk], reviews: &[RiskReview], today: NaiveDate) -> String {
    if risks.is_empty() && reviews.is_empty() {
        return "The risk register is empty: build it in the Risks tab.".into();
    }
    let high = risks
        .iter()
        .filter(|r| r.residual_band() >= Band::High)
        .count();
    let fraud = risks.iter().filter(|r| r.is_fraud()).count();
    let mut out = format!(
        "{} risk{} ({high} high or critical after treatment, {fraud} fraud)",
        risks.len(),
        if risks.len() == 1 { "" } else { "s" }
    );
    let s = review_status(reviews, today);
    match (s.last, s.next_due) {
        (Some(last), Some(next)) => {
            out.push_str(&format!(", last assessed {last}, next due {next}"));
            if s.overdue {
                out.push_str(" (overdue)");
            }
        }
        _ => out.push_str(", no risk assessment recorded yet"),
    }
    out
}
