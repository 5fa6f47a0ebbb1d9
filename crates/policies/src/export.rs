//! A policy as a document to hand over: its cover (version, status, owner, approver and date,
//! review cycle and next review, criteria) and the text of the version chosen.

use preflight_documents::Document;

use crate::policy::{Policy, PolicyVersion};

/// The version exported: the one in force (approved), or the latest draft when none is.
pub fn version_to_export(p: &Policy) -> &PolicyVersion {
    p.current().unwrap_or_else(|| p.latest())
}

/// The document of a policy's version in force (or of its draft, marked as such).
pub fn document(p: &Policy, company: &str) -> Document {
    let v = version_to_export(p);
    let status = if v.is_approved() {
        "Approved"
    } else {
        "Draft, not approved"
    };
    Document {
        title: p.title.clone(),
        cover: vec![
            ("Company".into(), company.to_string()),
            ("Version".into(), v.number.to_string()),
            ("Status".into(), status.into()),
            ("Owner".into(), p.owner.clone().unwrap_or_default()),
            (
                "Approved by".into(),
                v.approved_by.clone().unwrap_or_default(),
            ),
            (
                "Approved on".into(),
                v.approved_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (
                "Review cycle".into(),
                format!("Every {} months", p.review_months),
            ),
            (
                "Next review".into(),
                p.next_review().map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("Criteria".into(), p.criteria.join(", ")),
        ],
        body: v.text.clone(),
    }
}
