-- v4: remediation tasks, people, evidence, recurring duties and readiness snapshots.
-- Everything belongs to an assessment and goes with it (ON DELETE CASCADE). Dates are
-- YYYY-MM-DD text, timestamps RFC 3339 text, ids UUID text.

-- Who can own a task, per assessment. A task's owner must be one of them; renaming a person
-- renames the owner of their tasks.
CREATE TABLE person (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, name)
) STRICT;

CREATE TABLE task (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    question_id TEXT,
    priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    owner TEXT,
    due_date TEXT,
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'risk_accepted')),
    risk_justification TEXT,
    risk_accepted_by TEXT,
    version INTEGER NOT NULL CHECK (version >= 1),
    created_on TEXT NOT NULL,
    -- Checked at the end of the statement (NO ACTION), so deleting the assessment, which
    -- deletes its people and its tasks, is fine.
    FOREIGN KEY (assessment_id, owner) REFERENCES person(assessment_id, name) ON UPDATE CASCADE,
    CHECK (status <> 'risk_accepted'
           OR (length(trim(risk_justification)) > 0 AND length(trim(risk_accepted_by)) > 0))
) STRICT;

CREATE INDEX task_by_assessment ON task(assessment_id);
CREATE INDEX task_by_question ON task(assessment_id, question_id);
CREATE INDEX task_by_owner ON task(assessment_id, owner);

-- The criteria (SOC 2, SOC 3) or objectives (SOC 1) a task relates to, in order.
CREATE TABLE task_criterion (
    task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    criterion_id TEXT NOT NULL,
    PRIMARY KEY (task_id, position)
) STRICT;

-- Every status a task has had, with the day it was set.
CREATE TABLE task_status_change (
    task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'risk_accepted')),
    changed_on TEXT NOT NULL,
    risk_justification TEXT,
    risk_accepted_by TEXT,
    PRIMARY KEY (task_id, seq)
) STRICT;

-- Stored evidence files. Removing evidence deletes the file and keeps this record with
-- removed_at set. Attached to a question or a task (the task link is cleared if the task is
-- deleted, which is refused while the evidence is still in use).
CREATE TABLE evidence (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    collected_on TEXT NOT NULL,
    question_id TEXT,
    task_id TEXT REFERENCES task(id) ON DELETE SET NULL,
    removed_at TEXT,
    CHECK (question_id IS NULL OR task_id IS NULL)
) STRICT;

CREATE INDEX evidence_by_assessment ON evidence(assessment_id);
CREATE INDEX evidence_by_task ON evidence(task_id);

-- Recurring duties ticked off (Type 2 calendar).
CREATE TABLE duty_occurrence (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    duty TEXT NOT NULL CHECK (duty IN ('access_review', 'risk_assessment', 'vendor_review',
        'incident_response_test', 'continuity_test', 'awareness_training', 'onboarding',
        'offboarding')),
    done_on TEXT NOT NULL,
    evidence_id TEXT REFERENCES evidence(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX duty_occurrence_by_assessment ON duty_occurrence(assessment_id);

-- One readiness snapshot per assessment per day.
CREATE TABLE readiness_snapshot (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    taken_on TEXT NOT NULL,
    overall REAL,
    gaps_high INTEGER NOT NULL,
    gaps_medium INTEGER NOT NULL,
    gaps_low INTEGER NOT NULL,
    tasks_todo INTEGER NOT NULL,
    tasks_in_progress INTEGER NOT NULL,
    tasks_done INTEGER NOT NULL,
    tasks_risk_accepted INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, taken_on)
) STRICT;
