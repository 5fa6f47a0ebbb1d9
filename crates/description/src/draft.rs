//! A section's first draft: its template with the placeholders filled from what the assessment
//! knows. Placeholders: `{company}`, `{service}`, `{report}`, `{window}`, `{commitments}`,
//! `{systems}`, `{data_stores}`, `{teams}`, `{subservice}`, `{cuecs}`, `{in_scope}`,
//! `{left_out}`. A value Preflight does not know becomes `[[to fill: ...]]`.

use crate::components::{bullets, Component, ComponentKind};
use crate::section::Section;

/// What the drafts are filled from.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    pub company: &'a str,
    pub service: Option<&'a str>,
    /// "SOC 2 Type 2".
    pub report: &'a str,
    /// "1 January 2026 to 30 June 2026", or "as of ...".
    pub window: &'a str,
    pub type2: bool,
    /// The principal commitments, one per entry, from the company profile.
    pub commitments: Vec<String>,
    pub components: &'a [Component],
    /// Each subservice organization: "name (method): controls relied on".
    pub subservice: Vec<String>,
    /// The company's own CUECs: "title: description".
    pub cuecs: Vec<String>,
    pub in_scope: Vec<String>,
    /// "Category: why it is left out".
    pub left_out: Vec<String>,
}

fn fill(what: &str) -> String {
    format!("[[to fill: {what}]]")
}

fn list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| {
        items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// What a placeholder stands for; `None` when it is not one of ours.
pub fn resolve(name: &str, f: &Facts<'_>) -> Option<String> {
    let of = |k: ComponentKind| -> Vec<&Component> {
        f.components.iter().filter(|c| c.kind == k).collect()
    };
    Some(match name {
        "company" => f.company.to_string(),
        "service" => f
            .service
            .filter(|s| !s.trim().is_empty())
            .map_or_else(|| fill("what your service does"), str::to_string),
        "report" => f.report.to_string(),
        "window" => f.window.to_string(),
        "commitments" => list(&f.commitments).unwrap_or_else(|| {
            fill("what you promise customers: uptime, confidentiality, privacy")
        }),
        "systems" => bullets(&of(ComponentKind::System))
            .unwrap_or_else(|| fill("the systems: add them in the Components lists")),
        "data_stores" => bullets(&of(ComponentKind::DataStore))
            .unwrap_or_else(|| fill("the data stores: add them in the Components lists")),
        "teams" => bullets(&of(ComponentKind::Team))
            .unwrap_or_else(|| fill("the teams: add them in the Components lists")),
        "subservice" => list(&f.subservice)
            .unwrap_or_else(|| fill("the subservice organizations: mark them in the Vendors tab")),
        "cuecs" => list(&f.cuecs).unwrap_or_else(|| {
            fill("the controls your customers must run: add them in the Vendors tab")
        }),
        "in_scope" => list(&f.in_scope).unwrap_or_else(|| fill("the criteria in scope")),
        "left_out" => {
            list(&f.left_out).unwrap_or_else(|| "- None: every category is in scope.".to_string())
        }
        _ => return None,
    })
}

/// The names between braces in a template.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// The draft of a section.
pub fn draft(s: &Section, f: &Facts<'_>) -> String {
    let mut out = String::with_capacity(s.template.len() + 256);
    let mut rest = s.template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match resolve(name, f) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}
