-- v6: the people register (the people list gains what an auditor samples: role, employee or
-- contractor, start and end dates, background check, training, access removal), the policy
-- set with every version kept, and each person's acknowledgement of a policy version.
-- Dates are YYYY-MM-DD text; lists and the background check are JSON as the domain writes it.

ALTER TABLE person ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN kind TEXT NOT NULL DEFAULT 'employee'
    CHECK (kind IN ('employee', 'contractor'));
ALTER TABLE person ADD COLUMN start_date TEXT;
ALTER TABLE person ADD COLUMN end_date TEXT;
ALTER TABLE person ADD COLUMN background_check TEXT NOT NULL DEFAULT '{"status":"not_recorded"}';
ALTER TABLE person ADD COLUMN training TEXT NOT NULL DEFAULT '[]';
ALTER TABLE person ADD COLUMN access_removed_on TEXT;
ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

CREATE TABLE policy (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    template_id TEXT,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner TEXT,
    review_months INTEGER NOT NULL CHECK (review_months BETWEEN 1 AND 36),
    criteria TEXT NOT NULL DEFAULT '[]',
    retired_on TEXT,
    created_on TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    FOREIGN KEY (assessment_id, owner) REFERENCES person(assessment_id, name) ON UPDATE CASCADE
) STRICT;

CREATE INDEX policy_by_assessment ON policy(assessment_id);
CREATE UNIQUE INDEX policy_template_once ON policy(assessment_id, template_id) WHERE template_id IS NOT NULL;

-- Every version of a policy's text; an approved version is never changed again.
CREATE TABLE policy_version (
    policy_id TEXT NOT NULL REFERENCES policy(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    text TEXT NOT NULL,
    created_on TEXT NOT NULL,
    approved_by TEXT,
    approved_on TEXT,
    PRIMARY KEY (policy_id, number),
    CHECK ((approved_by IS NULL) = (approved_on IS NULL))
) STRICT;

CREATE TRIGGER policy_version_approved_is_read_only
BEFORE UPDATE OF text ON policy_version
WHEN OLD.approved_on IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an approved policy version cannot be changed');
END;

-- A person's acknowledgement of one version of a policy.
CREATE TABLE acknowledgement (
    assessment_id TEXT NOT NULL,
    person TEXT NOT NULL,
    policy_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    acknowledged_on TEXT NOT NULL,
    PRIMARY KEY (assessment_id, person, policy_id, version),
    FOREIGN KEY (assessment_id, person) REFERENCES person(assessment_id, name)
        ON UPDATE CASCADE ON DELETE CASCADE,
    FOREIGN KEY (policy_id, version) REFERENCES policy_version(policy_id, number) ON DELETE CASCADE
) STRICT;

CREATE INDEX acknowledgement_by_policy ON acknowledgement(policy_id);
