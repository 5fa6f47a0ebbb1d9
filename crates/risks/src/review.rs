//! The risk assessment as a dated event: when it was held, who took part, what was decided,
//! and the register as it stood that day. Auditors expect one at least once a year and when
//! the business changes; the next one is due twelve months after the last.

use chrono::{Months, NaiveDate};
use preflight_remediation::fields::{check_len, parse_date, MAX_PERSON_CHARS, MAX_TEXT_CHARS};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::risk::Risk;
use crate::RiskError;

/// How long after a risk assessment the next one is due.
pub const REVIEW_INTERVAL_MONTHS: u32 = 12;

/// A recorded risk assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReview {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub held_on: NaiveDate,
    pub participants: Vec<String>,
    pub summary: String,
    /// The register as it was when the assessment was recorded.
    pub register: Vec<Risk>,
    pub recorded_on: NaiveDate,
}

/// A risk assessment as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInput {
    /// `YYYY-MM-DD`.
    pub held_on: String,
    /// Names, one per entry (a single entry with commas is split).
    pub participants: Vec<String>,
    pub summary: String,
}

impl ReviewInput {
    /// Checks the input and records it with a copy of `register`, as of `today`.
    pub fn build(
        &self,
        assessment_id: Uuid,
        register: &[Risk],
        today: NaiveDate,
    ) -> Result<RiskReview, RiskError> {
        let held_on = parse_date(&self.held_on)?;
        if held_on > today {
            return Err(RiskError::DateInFuture(held_on.to_string()));
        }
        let mut participants: Vec<String> = Vec::new();
        for p in self
            .participants
            .iter()
            .flat_map(|p| p.split([',', ';', '\n']))
        {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            check_len(p, "participant name", MAX_PERSON_CHARS)?;
            if !participants.iter().any(|x| x.eq_ignore_ascii_case(p)) {
                participants.push(p.to_string());
            }
        }
        if participants.is_empty() {
            return Err(RiskError::NoParticipants);
        }
        let summary = self.summary.trim();
        if summary.is_empty() {
            return Err(RiskError::EmptySummary);
        }
        check_len(summary, "summary", MAX_TEXT_CHARS)?;
        Ok(RiskReview {
            id: Uuid::new_v4(),
            assessment_id,
            held_on,
            participants,
            summary: summary.to_string(),
            register: register.to_vec(),
            recorded_on: today,
        })
    }
}

/// When the last risk assessment was held and when the next is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewStatus {
    pub last: Option<NaiveDate>,
    pub next_due: Option<NaiveDate>,
    /// No assessment yet, or the next one's due date has passed.
    pub overdue: bool,
}

/// The status of the yearly risk assessment on `today`.
pub fn review_status(reviews: &[RiskReview], today: NaiveDate) -> ReviewStatus {
    let last = reviews.iter().map(|r| r.held_on).max();
    let next_due = last.and_then(|l| l.checked_add_months(Months::new(REVIEW_INTERVAL_MONTHS)));
    ReviewStatus {
        last,
        next_due,
        overdue: next_due.is_none_or(|d| d < today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    #[test]
    fn a_review_needs_a_past_date_people_and_a_summary() {
        let today = d(2026, 6, 1);
        let ok = ReviewInput {
            held_on: "2026-06-01".into(),
            participants: vec!["Dana Ruiz, Léa Martin".into(), " dana ruiz ".into()],
            summary: "Reviewed all risks.".into(),
        };
        let r = ok.build(Uuid::nil(), &[], today).expect("review");
        assert_eq!(r.participants, ["Dana Ruiz", "Léa Martin"]);
        for (input, code) in [
            (
                ReviewInput {
                    held_on: "2026-06-02".into(),
                    ..ok.clone()
                },
                "date_in_future",
            ),
            (
                ReviewInput {
                    held_on: "01/06/2026".into(),
                    ..ok.clone()
                },
                "invalid_date",
            ),
            (
                ReviewInput {
                    participants: vec![" , ".into()],
                    ..ok.clone()
                },
                "no_participants",
            ),
            (
                ReviewInput {
                    summary: " ".into(),
                    ..ok.clone()
                },
                "empty_summary",
            ),
        ] {
            assert_eq!(
                input.build(Uuid::nil(), &[], today).map_err(|e| e.code()),
                Err(code)
            );
        }
    }

    #[test]
    fn the_next_assessment_is_due_twelve_months_after_the_last() {
        let review = |held| RiskReview {
            id: Uuid::nil(),
            assessment_id: Uuid::nil(),
            held_on: held,
            participants: vec!["A".into()],
            summary: "s".into(),
            register: vec![],
            recorded_on: held,
        };
        let none = review_status(&[], d(2026, 1, 1));
        assert!(none.overdue && none.last.is_none());
        let reviews = [review(d(2025, 3, 2)), review(d(2026, 3, 2))];
        let s = review_status(&reviews, d(2027, 3, 2));
        assert_eq!(s.last, Some(d(2026, 3, 2)));
        assert_eq!(s.next_due, Some(d(2027, 3, 2)));
        assert!(!s.overdue, "due today is not overdue");
        assert!(review_status(&reviews, d(2027, 3, 3)).overdue);
    }
}
