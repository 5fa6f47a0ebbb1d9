-- v7: the auditor's request list and the system description.
-- Evidence gains the date it shows (its effective date, not the day it was attached) and links
-- to request items (many to many); each request item of an assessment has its owner, due date,
-- the status set by hand (delivered, accepted) and the auditor's comment; a Type 1 report has
-- its as-of date; the description keeps each section's saved text and the component lists.

ALTER TABLE evidence ADD COLUMN effective_date TEXT;

CREATE TABLE evidence_request (
    evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    request_id TEXT NOT NULL CHECK (length(request_id) > 0),
    PRIMARY KEY (evidence_id, request_id)
) STRICT;

CREATE INDEX evidence_request_by_assessment ON evidence_request(assessment_id, request_id);

CREATE TABLE request_state (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    request_id TEXT NOT NULL,
    owner TEXT,
    due TEXT,
    set_status TEXT CHECK (set_status IN ('delivered', 'accepted')),
    auditor_comment TEXT NOT NULL DEFAULT '',
    auditor_status TEXT,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (assessment_id, request_id),
    FOREIGN KEY (assessment_id, owner) REFERENCES person(assessment_id, name) ON UPDATE CASCADE
) STRICT;

CREATE TABLE report_settings (
    assessment_id TEXT PRIMARY KEY NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    -- Type 1: the date the report describes the controls as of.
    as_of TEXT
) STRICT;

CREATE TABLE description_section (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    PRIMARY KEY (assessment_id, section_id)
) STRICT;

CREATE TABLE description_component (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('system', 'data_store', 'team')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, kind, position)
) STRICT;
