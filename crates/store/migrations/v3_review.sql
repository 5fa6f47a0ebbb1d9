-- v3: the auditor's comments imported from a returned workbook, one per question of an
-- assessment: the comment, the status the auditor picked (a stable code, or NULL when only a
-- comment was given), when it was imported and from which file. The user's answers are in
-- `answer` and are never written by an import.
CREATE TABLE auditor_comment (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    status TEXT CHECK (status IN ('agreed', 'needs_evidence', 'not_agreed', 'not_tested')),
    imported_at TEXT NOT NULL,
    source_file TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
) STRICT;
