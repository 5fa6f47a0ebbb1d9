-- v2: the scoping wizard. The company profile answers (JSON) and, for each Trust Services
-- category left out of scope, the user's justification (auditors ask why).
ALTER TABLE assessment ADD COLUMN profile TEXT;

CREATE TABLE assessment_exclusion (
    assessment_id TEXT NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    category_id TEXT NOT NULL,
    justification TEXT NOT NULL,
    PRIMARY KEY (assessment_id, category_id)
) STRICT;
