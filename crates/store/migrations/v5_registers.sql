-- v5: the risk register and its dated risk assessments, vendors with the review of their SOC
-- reports, and the company's own CUECs. Everything belongs to an assessment and goes with it
-- (ON DELETE CASCADE). Dates are YYYY-MM-DD text, ids UUID text, lists of short texts JSON
-- arrays. Also: recurring duties are checked by the domain, not by a fixed list here, so the
-- calendar can gain duties without a migration.

-- Recurring duties without the fixed list of v4 (the domain checks the duty).
CREATE TABLE duty_occurrence_v5 (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    duty TEXT NOT NULL CHECK (length(duty) > 0),
    done_on TEXT NOT NULL,
    evidence_id TEXT REFERENCES evidence(id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO duty_occurrence_v5 (id, assessment_id, duty, done_on, evidence_id, note)
    SELECT id, assessment_id, duty, done_on, evidence_id, note FROM duty_occurrence;
DROP TABLE duty_occurrence;
ALTER TABLE duty_occurrence_v5 RENAME TO duty_occurrence;
CREATE INDEX duty_occurrence_by_assessment ON duty_occurrence(assessment_id);

CREATE TABLE risk (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    starter_id TEXT,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('security', 'availability', 'confidentiality',
        'privacy', 'processing', 'fraud', 'vendor', 'legal', 'people')),
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    treatment TEXT NOT NULL CHECK (treatment IN ('mitigate', 'accept', 'transfer', 'avoid')),
    treatment_reason TEXT NOT NULL DEFAULT '',
    accepted_by TEXT,
    accepted_on TEXT,
    owner TEXT,
    criteria TEXT NOT NULL DEFAULT '[]',
    questions TEXT NOT NULL DEFAULT '[]',
    residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact INTEGER NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
    created_on TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    FOREIGN KEY (assessment_id, owner) REFERENCES person(assessment_id, name) ON UPDATE CASCADE,
    CHECK (treatment <> 'accept'
           OR (length(trim(treatment_reason)) > 0 AND length(trim(accepted_by)) > 0
               AND accepted_on IS NOT NULL))
) STRICT;

CREATE INDEX risk_by_assessment ON risk(assessment_id);

-- The remediation tasks that reduce a risk. Deleting the task removes the link.
CREATE TABLE risk_task (
    risk_id TEXT NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
    task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (risk_id, task_id)
) STRICT;

CREATE INDEX risk_task_by_task ON risk_task(task_id);

-- A recorded risk assessment: when, who, what, and the register as it was (JSON).
CREATE TABLE risk_review (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    participants TEXT NOT NULL,
    summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    register TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    -- The Type 2 calendar occurrence this assessment ticked, if any.
    occurrence_id TEXT REFERENCES duty_occurrence(id) ON DELETE SET NULL
) STRICT;

CREATE INDEX risk_review_by_assessment ON risk_review(assessment_id);

CREATE TABLE vendor (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key TEXT NOT NULL,
    service TEXT NOT NULL DEFAULT '',
    data_class TEXT NOT NULL CHECK (data_class IN ('none', 'internal', 'confidential', 'personal')),
    criticality TEXT NOT NULL CHECK (criticality IN ('critical', 'important', 'low')),
    contract INTEGER NOT NULL CHECK (contract IN (0, 1)),
    dpa INTEGER NOT NULL CHECK (dpa IN (0, 1)),
    owner TEXT,
    last_review TEXT,
    next_review TEXT,
    subservice_method TEXT CHECK (subservice_method IN ('carve_out', 'inclusive')),
    csocs TEXT NOT NULL DEFAULT '[]',
    created_on TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    UNIQUE (assessment_id, name_key),
    FOREIGN KEY (assessment_id, owner) REFERENCES person(assessment_id, name) ON UPDATE CASCADE
) STRICT;

CREATE INDEX vendor_by_assessment ON vendor(assessment_id);

-- The review of a vendor's SOC report (at most one per vendor: the current one).
CREATE TABLE vendor_report (
    vendor_id TEXT PRIMARY KEY NOT NULL REFERENCES vendor(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('soc1', 'soc2', 'soc3')),
    report_type TEXT NOT NULL CHECK (report_type IN ('type1', 'type2')),
    period_start TEXT,
    period_end TEXT NOT NULL,
    audit_firm TEXT NOT NULL DEFAULT '',
    opinion TEXT NOT NULL CHECK (opinion IN ('unqualified', 'qualified', 'adverse', 'disclaimer')),
    reviewed_on TEXT,
    bridge_letter_on TEXT,
    evidence_id TEXT REFERENCES evidence(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE vendor_exception (
    id TEXT PRIMARY KEY NOT NULL,
    vendor_id TEXT NOT NULL REFERENCES vendor_report(vendor_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    response TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE vendor_cuec (
    id TEXT PRIMARY KEY NOT NULL,
    vendor_id TEXT NOT NULL REFERENCES vendor_report(vendor_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('runs', 'not_run', 'not_applicable')),
    how TEXT NOT NULL DEFAULT '',
    task_id TEXT REFERENCES task(id) ON DELETE SET NULL
) STRICT;

-- The company's own CUECs: controls its customers must run.
CREATE TABLE customer_control (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    starter_id TEXT,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description TEXT NOT NULL DEFAULT '',
    criteria TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX customer_control_by_assessment ON customer_control(assessment_id);
