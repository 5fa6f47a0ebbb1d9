//! A policy of the assessment: its title, owner, review cycle, and every version of its text.
//!
//! - The latest version is a draft until approved; approving needs the approver's name and
//!   makes that version read-only.
//! - Changing the text of an approved policy starts a new draft version; earlier versions are
//!   all kept.
//! - Status: draft (no version approved yet, or a newer draft pending), approved, retired.
//! - The current version is the latest approved one: staff acknowledge it, and the next review
//!   is due a review cycle after its approval.

use chrono::{Months, NaiveDate};
use preflight_remediation::fields::{check_len, parse_date, MAX_PERSON_CHARS, MAX_TITLE_CHARS};
use preflight_remediation::People;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::PolicyError;

/// Longest policy text accepted: about 40 pages.
pub const MAX_POLICY_CHARS: usize = 100_000;
/// Review cycle when none is given: yearly.
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    pub number: u32,
    pub text: String,
    pub created_on: NaiveDate,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
}

impl PolicyVersion {
    pub fn is_approved(&self) -> bool {
        self.approved_on.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Approved,
    Retired,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Approved => "Approved",
            Status::Retired => "Retired",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub id: Uuid,
    pub assessment_id: Uuid,
    #[serde(default)]
    pub template_id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub owner: Option<String>,
    pub review_months: u32,
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Oldest first; never empty.
    pub versions: Vec<PolicyVersion>,
    #[serde(default)]
    pub retired_on: Option<NaiveDate>,
    pub created_on: NaiveDate,
    /// Bumped by every change, for optimistic concurrency.
    pub version: u32,
}

fn clean_text(text: &str) -> Result<String, PolicyError> {
    let t = text.trim_end();
    if t.trim().is_empty() {
        return Err(PolicyError::EmptyText);
    }
    let len = t.chars().count();
    if len > MAX_POLICY_CHARS {
        return Err(PolicyError::TextTooLong {
            len,
            max: MAX_POLICY_CHARS,
        });
    }
    Ok(t.to_string())
}

fn clean_title(title: &str) -> Result<String, PolicyError> {
    let t = title.trim();
    if t.is_empty() {
        return Err(PolicyError::EmptyTitle);
    }
    check_len(t, "title", MAX_TITLE_CHARS)?;
    Ok(t.to_string())
}

fn review_months(m: Option<i64>) -> Result<u32, PolicyError> {
    match m {
        None => Ok(DEFAULT_REVIEW_MONTHS),
        Some(v @ 1..=36) => Ok(v as u32),
        Some(v) => Err(PolicyError::BadReviewCycle(v)),
    }
}

/// A new policy as typed or from a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPolicy {
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub review_months: Option<i64>,
    #[serde(default)]
    pub template_id: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl NewPolicy {
    pub fn build(
        &self,
        assessment_id: Uuid,
        people: &People,
        today: NaiveDate,
    ) -> Result<Policy, PolicyError> {
        Ok(Policy {
            id: Uuid::new_v4(),
            assessment_id,
            template_id: self.template_id.clone(),
            title: clean_title(&self.title)?,
            owner: people.resolve_owner(self.owner.as_deref())?,
            review_months: review_months(self.review_months)?,
            criteria: self.criteria.clone(),
            versions: vec![PolicyVersion {
                number: 1,
                text: clean_text(&self.text)?,
                created_on: today,
                approved_by: None,
                approved_on: None,
            }],
            retired_on: None,
            created_on: today,
            version: 1,
        })
    }
}

/// A change to a policy's details or text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEdit {
    pub version: u32,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub review_months: Option<i64>,
}

impl Policy {
    pub fn latest(&self) -> &PolicyVersion {
        // Never empty: built with version 1 and only ever grown.
        &self.versions[self.versions.len() - 1]
    }

    /// The latest approved version: the one in force, that staff acknowledge.
    pub fn current(&self) -> Option<&PolicyVersion> {
        self.versions.iter().rev().find(|v| v.is_approved())
    }

    pub fn status(&self) -> Status {
        if self.retired_on.is_some() {
            Status::Retired
        } else if self.latest().is_approved() {
            Status::Approved
        } else {
            Status::Draft
        }
    }

    /// A review cycle after the current version's approval.
    pub fn next_review(&self) -> Option<NaiveDate> {
        self.current()
            .and_then(|v| v.approved_on)
            .and_then(|d| d.checked_add_months(Months::new(self.review_months)))
    }

    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.status() != Status::Retired && self.next_review().is_some_and(|d| d < today)
    }

    fn check_version(&self, version: u32) -> Result<(), PolicyError> {
        if version != self.version {
            return Err(PolicyError::StaleVersion {
                yours: version,
                saved: self.version,
            });
        }
        if self.retired_on.is_some() {
            return Err(PolicyError::Retired);
        }
        Ok(())
    }

    /// Applies an edit. A changed text of an approved latest version starts a new draft
    /// version; of a draft, replaces the draft's text.
    pub fn edit(
        &self,
        e: &PolicyEdit,
        people: &People,
        today: NaiveDate,
    ) -> Result<Policy, PolicyError> {
        self.check_version(e.version)?;
        let mut next = self.clone();
        next.title = clean_title(&e.title)?;
        next.owner = people.resolve_owner(e.owner.as_deref())?;
        next.review_months =
            review_months(e.review_months.or(Some(i64::from(self.review_months))))?;
        let text = clean_text(&e.text)?;
        if text != self.latest().text {
            if self.latest().is_approved() {
                next.versions.push(PolicyVersion {
                    number: self.latest().number + 1,
                    text,
                    created_on: today,
                    approved_by: None,
                    approved_on: None,
                });
            } else if let Some(last) = next.versions.last_mut() {
                last.text = text;
            }
        }
        next.version = self.version + 1;
        Ok(next)
    }

    /// Approves the latest (draft) version: who and on which day (blank: today).
    pub fn approve(
        &self,
        version: u32,
        approver: &str,
        on: Option<&str>,
        today: NaiveDate,
    ) -> Result<Policy, PolicyError> {
        self.check_version(version)?;
        let approver = approver.trim();
        if approver.is_empty() {
            return Err(PolicyError::ApproverMissing);
        }
        check_len(approver, "approver's name", MAX_PERSON_CHARS)?;
        let on = match on.map(str::trim).filter(|s| !s.is_empty()) {
            None => today,
            Some(s) => parse_date(s)?,
        };
        if on > today {
            return Err(PolicyError::DateInFuture(on.to_string()));
        }
        if self.latest().is_approved() {
            return Err(PolicyError::AlreadyApproved(self.latest().number));
        }
        let gaps = self
            .latest()
            .text
            .matches(crate::render::TO_FILL_OPEN)
            .count();
        if gaps > 0 {
            return Err(PolicyError::PartsToFill(gaps));
        }
        let mut next = self.clone();
        if let Some(last) = next.versions.last_mut() {
            last.approved_by = Some(approver.to_string());
            last.approved_on = Some(on);
        }
        next.version = self.version + 1;
        Ok(next)
    }

    pub fn retire(&self, version: u32, today: NaiveDate) -> Result<Policy, PolicyError> {
        self.check_version(version)?;
        let mut next = self.clone();
        next.retired_on = Some(today);
        next.version = self.version + 1;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    fn policy() -> Policy {
        NewPolicy {
            title: "Access Control Policy".into(),
            text: "## Purpose\nText".into(),
            ..Default::default()
        }
        .build(Uuid::nil(), &People::default(), d(2026, 1, 10))
        .expect("policy")
    }

    #[test]
    fn approval_locks_a_version_and_a_change_makes_a_new_draft() {
        let p = policy();
        assert_eq!(p.status(), Status::Draft);
        assert_eq!(p.current(), None);
        assert_eq!(
            p.approve(1, "  ", None, d(2026, 1, 10))
                .map_err(|e| e.code()),
            Err("approver_missing")
        );
        assert_eq!(
            p.approve(1, "Dana", Some("2026-01-11"), d(2026, 1, 10))
                .map_err(|e| e.code()),
            Err("date_in_future")
        );
        let a = p
            .approve(1, "Dana", None, d(2026, 1, 10))
            .expect("approved");
        assert_eq!(a.status(), Status::Approved);
        assert_eq!(a.next_review(), Some(d(2027, 1, 10)));
        assert!(!a.review_overdue(d(2027, 1, 10)) && a.review_overdue(d(2027, 1, 11)));
        assert_eq!(
            a.approve(2, "Dana", None, d(2026, 1, 10))
                .map_err(|e| e.code()),
            Err("already_approved")
        );
        let edit = PolicyEdit {
            version: 2,
            title: a.title.clone(),
            text: "## Purpose\nNew".into(),
            owner: None,
            review_months: None,
        };
        let b = a
            .edit(&edit, &People::default(), d(2026, 2, 1))
            .expect("edit");
        assert_eq!(b.versions.len(), 2);
        assert_eq!(b.status(), Status::Draft);
        assert_eq!(
            b.current().map(|v| v.number),
            Some(1),
            "v1 stays in force until v2 is approved"
        );
        assert_eq!(
            b.versions[0].text, "## Purpose\nText",
            "the approved text is kept"
        );
        // Editing the draft again replaces the draft, not the approved version.
        let edit2 = PolicyEdit {
            version: 3,
            text: "## Purpose\nNewer".into(),
            ..edit.clone()
        };
        let c = b
            .edit(&edit2, &People::default(), d(2026, 2, 2))
            .expect("edit draft");
        assert_eq!(c.versions.len(), 2);
        assert_eq!(c.latest().text, "## Purpose\nNewer");
        assert_eq!(
            c.edit(&edit2, &People::default(), d(2026, 2, 2))
                .map_err(|e| e.code()),
            Err("stale_version")
        );
        let r = c.retire(4, d(2026, 3, 1)).expect("retired");
        assert_eq!(r.status(), Status::Retired);
        assert_eq!(
            r.approve(5, "Dana", None, d(2026, 3, 1))
                .map_err(|e| e.code()),
            Err("policy_retired")
        );
    }

    #[test]
    fn bad_policies_are_refused() {
        let people = People::default();
        let today = d(2026, 1, 1);
        let ok = NewPolicy {
            title: "T".into(),
            text: "x".into(),
            ..Default::default()
        };
        for (p, code) in [
            (
                NewPolicy {
                    title: " ".into(),
                    ..ok.clone()
                },
                "empty_title",
            ),
            (
                NewPolicy {
                    text: " \n".into(),
                    ..ok.clone()
                },
                "empty_policy_text",
            ),
            (
                NewPolicy {
                    text: "x".repeat(1_000_001),
                    ..ok.clone()
                },
                "too_long",
            ),
            (
                NewPolicy {
                    review_months: Some(0),
                    ..ok.clone()
                },
                "bad_review_cycle",
            ),
            (
                NewPolicy {
                    owner: Some("Sam".into()),
                    ..ok.clone()
                },
                "unknown_person",
            ),
        ] {
            assert_eq!(
                p.build(Uuid::nil(), &people, today).map_err(|e| e.code()),
                Err(code)
            );
        }
        let formula = NewPolicy {
            title: "=HYPERLINK(1)".into(),
            text: "@cmd".into(),
            ..ok
        };
        assert_eq!(
            formula.build(Uuid::nil(), &people, today).map(|p| p.title),
            Ok("=HYPERLINK(1)".into())
        );
    }
}
