//! Saved answers. Each save is its own transaction, so an answer survives a crash the moment
//! the call returns.

use chrono::Utc;
use preflight_assessment::answer::check_note;
use preflight_assessment::{Answer, AnswerValue, AssessmentError};
use preflight_catalog::Catalog;
use rusqlite::params;
use uuid::Uuid;

use crate::assessments::timestamp;
use crate::{Store, StoreError};

impl Store {
    /// Saves the answer to one question: its value (or none yet) and its note.
    pub fn save_answer(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        question_id: &str,
        value: Option<AnswerValue>,
        note: &str,
    ) -> Result<Answer, StoreError> {
        let assessment = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &assessment);
        let catalog: &Catalog = &effective;
        let q = catalog
            .question(question_id)
            .ok_or_else(|| AssessmentError::UnknownQuestion(question_id.to_string()))?;
        if !assessment.scope.applies(catalog, q) {
            return Err(AssessmentError::QuestionOutOfScope(question_id.to_string()).into());
        }
        check_note(note)?;
        let answer = Answer {
            question_id: question_id.to_string(),
            value,
            note: note.to_string(),
            answered_at: Utc::now(),
        };
        let tx = self.conn.transaction()?;
        upsert_answer(&tx, assessment_id, &answer)?;
        tx.execute(
            "UPDATE assessment SET updated_at = ?2 WHERE id = ?1",
            params![assessment_id.to_string(), answer.answered_at.to_rfc3339()],
        )?;
        tx.commit()?;
        Ok(answer)
    }

    /// Every saved answer of an assessment.
    pub fn answers(&self, assessment_id: Uuid) -> Result<Vec<Answer>, StoreError> {
        if !self.has_assessment(assessment_id)? {
            return Err(StoreError::UnknownAssessment(assessment_id.to_string()));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT question_id, value, note, answered_at FROM answer WHERE assessment_id = ?1",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (question_id, value, note, at) = row?;
            let value = match value {
                None => None,
                Some(v) => Some(
                    AnswerValue::parse(&v)
                        .map_err(|_| StoreError::BadValue(format!("answer \"{v}\"")))?,
                ),
            };
            out.push(Answer {
                question_id,
                value,
                note,
                answered_at: timestamp(&at)?,
            });
        }
        Ok(out)
    }
}

pub(crate) fn upsert_answer(
    tx: &rusqlite::Transaction<'_>,
    assessment_id: Uuid,
    a: &Answer,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO answer (assessment_id, question_id, value, note, answered_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (assessment_id, question_id)
         DO UPDATE SET value = excluded.value, note = excluded.note, answered_at = excluded.answered_at",
        params![
            assessment_id.to_string(),
            a.question_id,
            a.value.map(AnswerValue::as_str),
            a.note,
            a.answered_at.to_rfc3339(),
        ],
    )?;
    Ok(())
}
