//! The versioned schema. Never edit a shipped migration: add a new one at the end.
//! The version lives in SQLite's `user_version`; `application_id` marks the file as ours.

use rusqlite_migration::{Migrations, M};

/// "PFLT" as a 32-bit integer, stored in `PRAGMA application_id`.
pub const APPLICATION_ID: i64 = 0x5046_4C54;

const V1: &str = "
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
";

/// All migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1)])
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    // One migration per version; user_version counts them.
    LATEST
}

const LATEST: i64 = 1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn latest_matches_the_list() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("memory db");
        migrations().to_latest(&mut conn).expect("migrate");
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, latest_version());
    }
}
