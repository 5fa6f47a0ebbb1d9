-- v2: the scoping wizard. The company profile answers (JSON) and, for each Trust Services
-- category left out of scope, the user's justification (auditors ask why).
ALTER TABLE assessment ADD COLUMN profile TEXT;

CREATE TABLE assessment_exclusion (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    category_id TEXT NOT NULL,
    justification TEXT NOT NULL,
    PRIMARY KEY (assessment_id, category_id)
) STRICT;

-- SOC 1 objectives reworded for the company (custom = 0) or of its own (custom = 1).
CREATE TABLE assessment_objective_text (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    objective_id TEXT NOT NULL,
    title TEXT NOT NULL,
    statement TEXT NOT NULL,
    custom INTEGER NOT NULL CHECK (custom IN (0, 1)),
    PRIMARY KEY (assessment_id, objective_id)
) STRICT;
