//! The versioned schema. Never edit a shipped migration: add a new one at the end.
//! The version lives in SQLite's `user_version`; `application_id` marks the file as ours.

use rusqlite_migration::{Migrations, M};

/// "PFLT" as a 32-bit integer, stored in `PRAGMA application_id`.
pub const APPLICATION_ID: i64 = 0x5046_4C54;

/// Each migration is one SQL file in `crates/store/migrations/`, applied in this order.
const V1: &str = include_str!("../migrations/v1_initial.sql");
const V2: &str = include_str!("../migrations/v2_scoping.sql");
const V3: &str = include_str!("../migrations/v3_review.sql");
const V4: &str = include_str!("../migrations/v4_remediation.sql");
const V5: &str = include_str!("../migrations/v5_registers.sql");
const V6: &str = include_str!("../migrations/v6_policies_people.sql");
const V7: &str = include_str!("../migrations/v7_requests_description.sql");
const V8: &str = include_str!("../migrations/v8_task_changes.sql");

/// All migrations, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
    ])
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    // One migration per version; user_version counts them.
    LATEST
}

const LATEST: i64 = 8;

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
