-- v1: assessments, their scope and answers.
CREATE TABLE assessment (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    company TEXT NOT NULL,
    report_kind TEXT NOT NULL CHECK (report_kind IN ('soc1', 'soc2', 'soc3')),
    report_type TEXT NOT NULL CHECK (report_type IN ('type1', 'type2')),
    observation_start TEXT,
    observation_end TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE assessment_category (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    category_id TEXT NOT NULL,
    PRIMARY KEY (assessment_id, category_id)
) STRICT;

CREATE TABLE assessment_objective (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    objective_id TEXT NOT NULL,
    PRIMARY KEY (assessment_id, objective_id)
) STRICT;

CREATE TABLE answer (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value TEXT CHECK (value IN ('yes', 'partly', 'no', 'na', 'unknown')),
    note TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
) STRICT;
