//! The auditor's comments, imported from the workbook the auditor sends back: one comment and
//! status per question of an assessment, with when and from which file it came.
//!
//! Saving an import is one transaction, and saving the same entries again writes nothing
//! (each entry is reported new, changed or unchanged). The user's own answers are never
//! touched. Reading and checking the returned file is the workbook crate's job; this module
//! only keeps what was taken.

use chrono::{DateTime, Utc};
use preflight_assessment::AssessmentError;
use preflight_catalog::Catalog;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use crate::assessments::timestamp;
use crate::{Store, StoreError};

/// The auditor status codes the database accepts (the workbook's dropdown labels map to them).
pub const STATUS_CODES: [&str; 4] = ["agreed", "needs_evidence", "not_agreed", "not_tested"];

/// One entry to save: the auditor's comment and status (a code from [`STATUS_CODES`]) on a
/// question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub question_id: String,
    pub comment: String,
    pub status: Option<String>,
}

/// A saved auditor comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditorComment {
    pub question_id: String,
    pub comment: String,
    /// A code from [`STATUS_CODES`], or none when the auditor only commented.
    pub status: Option<String>,
    /// When this comment was first imported or last changed by an import.
    pub imported_at: DateTime<Utc>,
    /// The name of the file it came from.
    pub source_file: String,
}

/// What saving an import did, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SavedReview {
    /// Questions that had no auditor comment before.
    pub new: Vec<String>,
    /// Questions whose comment or status changed.
    pub changed: Vec<String>,
    /// Questions whose comment and status were already as imported: nothing was written.
    pub unchanged: Vec<String>,
}

impl SavedReview {
    /// Whether the import wrote anything.
    pub fn wrote(&self) -> bool {
        !self.new.is_empty() || !self.changed.is_empty()
    }
}

impl Store {
    /// Saves the auditor's comments taken from one returned file, in one transaction. Every
    /// question must be known and in the assessment's scope, and every status a known code;
    /// otherwise nothing is saved.
    pub fn save_review(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        source_file: &str,
        entries: &[NewComment],
    ) -> Result<SavedReview, StoreError> {
        let assessment = self.assessment(assessment_id)?;
        for e in entries {
            let q = catalog
                .question(&e.question_id)
                .ok_or_else(|| AssessmentError::UnknownQuestion(e.question_id.clone()))?;
            if !assessment.scope.applies(catalog, q) {
                return Err(AssessmentError::QuestionOutOfScope(e.question_id.clone()).into());
            }
            if let Some(s) = e.status.as_deref() {
                if !STATUS_CODES.contains(&s) {
                    return Err(StoreError::BadValue(format!("auditor status \"{s}\"")));
                }
            }
        }
        let id = assessment_id.to_string();
        let now = Utc::now().to_rfc3339();
        let mut saved = SavedReview::default();
        let tx = self.conn.transaction()?;
        for e in entries {
            let before: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT comment, status FROM auditor_comment
                     WHERE assessment_id = ?1 AND question_id = ?2",
                    params![id, e.question_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match before {
                Some((comment, status)) if comment == e.comment && status == e.status => {
                    saved.unchanged.push(e.question_id.clone());
                    continue;
                }
                Some(_) => saved.changed.push(e.question_id.clone()),
                None => saved.new.push(e.question_id.clone()),
            }
            tx.execute(
                "INSERT INTO auditor_comment
                     (assessment_id, question_id, comment, status, imported_at, source_file)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE SET
                     comment = excluded.comment, status = excluded.status,
                     imported_at = excluded.imported_at, source_file = excluded.source_file",
                params![id, e.question_id, e.comment, e.status, now, source_file],
            )?;
        }
        if saved.wrote() {
            tx.execute(
                "UPDATE assessment SET updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
        }
        tx.commit()?;
        Ok(saved)
    }

    /// The auditor's comments on an assessment, by question id.
    pub fn auditor_comments(&self, assessment_id: Uuid) -> Result<Vec<AuditorComment>, StoreError> {
        if !self.has_assessment(assessment_id)? {
            return Err(StoreError::UnknownAssessment(assessment_id.to_string()));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT question_id, comment, status, imported_at, source_file
             FROM auditor_comment WHERE assessment_id = ?1 ORDER BY question_id",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (question_id, comment, status, at, source_file) = row?;
            out.push(AuditorComment {
                question_id,
                comment,
                status,
                imported_at: timestamp(&at)?,
                source_file,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{catalog, new_assessment};
    use preflight_assessment::AnswerValue;

    fn store_with_assessment() -> (Store, Uuid) {
        let mut s = Store::open_in_memory().expect("store");
        let id = new_assessment(&mut s);
        (s, id)
    }

    fn entry(q: &str, comment: &str, status: Option<&str>) -> NewComment {
        NewComment {
            question_id: q.into(),
            comment: comment.into(),
            status: status.map(str::to_string),
        }
    }

    #[test]
    fn saving_twice_changes_nothing_the_second_time() {
        let (mut s, id) = store_with_assessment();
        s.save_answer(catalog(), id, "cc6-mfa", Some(AnswerValue::Yes), "mine")
            .expect("answer");
        let answers_before = s.answers(id).expect("answers");
        let entries = vec![
            entry("cc6-mfa", "=Seen Okta", Some("agreed")),
            entry(
                "cc8-change-review",
                "Show me tickets",
                Some("needs_evidence"),
            ),
            entry("cc1-code-of-conduct", "Only a comment", None),
        ];
        let first = s
            .save_review(catalog(), id, "back.xlsx", &entries)
            .expect("save");
        assert_eq!(first.new.len(), 3);
        assert!(first.changed.is_empty() && first.unchanged.is_empty());
        let stored = s.auditor_comments(id).expect("read");
        assert_eq!(stored.len(), 3);
        let mfa = stored
            .iter()
            .find(|c| c.question_id == "cc6-mfa")
            .expect("mfa");
        assert_eq!(mfa.comment, "=Seen Okta");
        assert_eq!(mfa.status.as_deref(), Some("agreed"));
        assert_eq!(mfa.source_file, "back.xlsx");
        let coc = stored
            .iter()
            .find(|c| c.question_id == "cc1-code-of-conduct")
            .expect("coc");
        assert_eq!(coc.status, None);

        let updated_at = s.assessment(id).expect("a").updated_at;
        let second = s
            .save_review(catalog(), id, "back.xlsx", &entries)
            .expect("again");
        assert_eq!(second.unchanged.len(), 3);
        assert!(!second.wrote());
        assert_eq!(
            s.auditor_comments(id).expect("read"),
            stored,
            "nothing rewritten"
        );
        assert_eq!(s.assessment(id).expect("a").updated_at, updated_at);

        let third = s
            .save_review(
                catalog(),
                id,
                "back-v2.xlsx",
                &[entry("cc6-mfa", "=Seen Okta", Some("not_agreed"))],
            )
            .expect("change");
        assert_eq!(third.changed, vec!["cc6-mfa".to_string()]);
        let now = s.auditor_comments(id).expect("read");
        let mfa = now
            .iter()
            .find(|c| c.question_id == "cc6-mfa")
            .expect("mfa");
        assert_eq!(mfa.status.as_deref(), Some("not_agreed"));
        assert_eq!(mfa.source_file, "back-v2.xlsx");
        assert_eq!(
            s.answers(id).expect("answers"),
            answers_before,
            "answers untouched"
        );
    }

    #[test]
    fn a_bad_entry_saves_nothing() {
        let (mut s, id) = store_with_assessment();
        let good = entry("cc6-mfa", "fine", Some("agreed"));
        for (bad, code) in [
            (entry("no-such-question", "x", None), "unknown_question"),
            (
                entry("a1-backups-restored", "x", None),
                "question_out_of_scope",
            ),
            (entry("cc6-mfa", "x", Some("Agreed")), "database_bad_value"),
        ] {
            let e = s
                .save_review(catalog(), id, "f.xlsx", &[good.clone(), bad])
                .expect_err("refused");
            assert_eq!(e.code(), code, "{e}");
            assert!(s.auditor_comments(id).expect("read").is_empty());
        }
        let e = s
            .save_review(catalog(), Uuid::new_v4(), "f.xlsx", &[good])
            .expect_err("no such assessment");
        assert_eq!(e.code(), "unknown_assessment");
        assert_eq!(
            s.auditor_comments(Uuid::new_v4())
                .expect_err("unknown")
                .code(),
            "unknown_assessment"
        );
    }

    #[test]
    fn comments_go_with_their_assessment() {
        let (mut s, id) = store_with_assessment();
        s.save_review(catalog(), id, "f.xlsx", &[entry("cc6-mfa", "x", None)])
            .expect("save");
        s.delete_assessment(id).expect("delete");
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM auditor_comment", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, 0);
    }
}
