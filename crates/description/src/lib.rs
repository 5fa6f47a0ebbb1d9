//! The system description a company writes for its SOC 2 report (the description criteria,
//! DC 200): the services, commitments, the system's components, boundaries, subservice
//! organizations, the customers' controls, the criteria in scope, and for a Type 2 the
//! significant changes and incidents of the period. Pure domain logic.
//!
//! - [`section`]: the sections, written by us in `assets/description/sections.toml`.
//! - [`draft`]: a section's first draft, filled from what the assessment knows ([`Facts`]);
//!   what Preflight cannot know stays marked `[[to fill: ...]]`.
//! - [`components`]: the short lists the user fills in once (systems, data stores, teams).
//! - The description as a document (cover and body) for the .docx and Markdown files:
//!   [`document`].

pub mod components;
pub mod draft;
pub mod section;

pub use components::{Component, ComponentKind};
pub use draft::{draft, Facts};
pub use section::{sections, Section};

use preflight_documents::Document;

/// A section's text as the description holds it: what the user saved, or the draft.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SectionText {
    pub id: String,
    pub title: String,
    pub text: String,
    /// The user saved this text (otherwise it is the draft, redrawn from the facts).
    pub saved: bool,
    /// Written: not empty and nothing left marked to fill.
    pub complete: bool,
}

/// Whether a section's text is complete.
pub fn is_complete(text: &str) -> bool {
    !text.trim().is_empty() && !text.contains("[[to fill:")
}

/// The sections of a description for a report type, each with its saved text or its draft.
pub fn assemble(
    facts: &Facts<'_>,
    saved: &[(String, String)],
) -> Result<Vec<SectionText>, section::DescriptionError> {
    Ok(sections()?
        .iter()
        .filter(|s| facts.type2 || !s.type2_only)
        .map(|s| {
            let mine = saved
                .iter()
                .find(|(id, _)| *id == s.id)
                .map(|(_, t)| t.clone());
            let text = mine.clone().unwrap_or_else(|| draft(s, facts));
            SectionText {
                id: s.id.clone(),
                title: s.title.clone(),
                complete: is_complete(&text),
                saved: mine.is_some(),
                text,
            }
        })
        .collect())
}

/// The description as a document.
pub fn document(
    facts: &Facts<'_>,
    sections: &[SectionText],
    prepared_on: chrono::NaiveDate,
) -> Document {
    let done = sections.iter().filter(|s| s.complete).count();
    let mut body = String::new();
    for s in sections {
        body.push_str(&format!("## {}\n\n{}\n\n", s.title, s.text.trim()));
    }
    Document {
        title: format!("{}: system description", facts.company),
        cover: vec![
            ("Company".into(), facts.company.to_string()),
            ("Report".into(), facts.report.to_string()),
            ("Period".into(), facts.window.to_string()),
            ("Prepared on".into(), prepared_on.to_string()),
            (
                "Sections complete".into(),
                format!("{done} of {}", sections.len()),
            ),
        ],
        body,
    }
}
