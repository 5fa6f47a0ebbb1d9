//! What the crate's own unit tests share (the integration tests in `tests/` have theirs).

use chrono::Utc;
use preflight_assessment::{NewAssessment, ReportKind, ReportType, Scope};
use preflight_catalog::Catalog;
use uuid::Uuid;

use crate::Store;

pub(crate) fn catalog() -> &'static Catalog {
    preflight_catalog::embedded().expect("catalog")
}

/// A SOC 2 Type 1 assessment of the security category alone, saved in `s`; its id.
pub(crate) fn new_assessment(s: &mut Store) -> Uuid {
    let a = NewAssessment {
        name: None,
        company: "Acme".into(),
        scope: Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec![],
            observation: None,
        },
    }
    .build(catalog(), Utc::now())
    .expect("valid");
    s.create_assessment(&a).expect("create");
    a.id
}
