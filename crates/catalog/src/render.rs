//! Placeholders in catalog texts, and the one function that renders them.
//!
//! Question texts, guidance, evidence and practice hints may hold placeholders in braces:
//!
//! | placeholder | Type 2 | Type 1 |
//! |---|---|---|
//! | `{every:<duty>}` | the duty's timing from [`crate::duties`], e.g. "every three months" | same |
//! | `{rule:<duty>}` | how the duty is counted in the observation period, with "confirm with your auditor" | how it is judged as of the report date |
//! | `{in_period}` | "in the observation period" | "in the months before the report date" |
//! | `{for_period}` | "for the observation period" | "for the months before the report date" |
//!
//! A Type 1 report is "as of" one date, so no text shown for Type 1 speaks of "the period".
//! The catalog is stored with its placeholders; [`crate::Catalog::rendered`] renders a whole
//! catalog for one report type, and every screen, the workbook and the CSV read rendered texts
//! (through the assessment's effective catalog). The validator rejects an unknown placeholder.

use crate::duties::{Duty, Wording};

/// The placeholder names (the text between the braces) in a text, in order. An unclosed brace
/// yields the rest of the text as a name, which no placeholder matches.
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
            None => {
                out.push(after);
                break;
            }
        }
    }
    out
}

/// What a placeholder renders to for a report type; `None` when the placeholder is unknown.
pub fn resolve(name: &str, wording: Wording) -> Option<String> {
    if let Some(id) = name.strip_prefix("every:") {
        return Duty::parse(id).ok().map(|d| d.every().to_string());
    }
    if let Some(id) = name.strip_prefix("rule:") {
        return Duty::parse(id).ok().map(|d| d.rule(wording));
    }
    let phrase = match (name, wording) {
        ("in_period", Wording::Type2) => "in the observation period",
        ("in_period", Wording::Type1) => "in the months before the report date",
        ("for_period", Wording::Type2) => "for the observation period",
        ("for_period", Wording::Type1) => "for the months before the report date",
        _ => return None,
    };
    Some(phrase.to_string())
}

/// Renders every known placeholder in a text for a report type. Unknown placeholders are left
/// as they are (the validator rejects them before a catalog is used).
pub fn render(text: &str, wording: Wording) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| resolve(&after[..close], wording).map(|r| (close, r)))
        {
            Some((close, rendered)) => {
                out.push_str(&rendered);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Phrases that speak of an observation period; none may reach a Type 1 user.
pub const PERIOD_PHRASES: &[&str] = &[
    "the period",
    "this period",
    "observation period",
    "audit period",
    "report period",
    "reporting period",
];

/// The first period phrase in a text, if any (case-insensitive).
pub fn speaks_of_the_period(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    PERIOD_PHRASES.iter().copied().find(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_in_order() {
        assert_eq!(
            placeholders("a {every:pen_test} b {in_period}"),
            vec!["every:pen_test", "in_period"]
        );
        assert_eq!(placeholders("no braces"), Vec::<&str>::new());
        assert_eq!(placeholders("open {brace"), vec!["brace"]);
    }

    #[test]
    fn rendering_follows_the_report_type() {
        let t = "The log {for_period}; reviews {every:access_review}.";
        assert_eq!(
            render(t, Wording::Type2),
            "The log for the observation period; reviews every three months."
        );
        let t1 = render(t, Wording::Type1);
        assert_eq!(
            t1,
            "The log for the months before the report date; reviews every three months."
        );
        assert_eq!(speaks_of_the_period(&t1), None);
        assert_eq!(
            speaks_of_the_period(&render(t, Wording::Type2)),
            Some("observation period")
        );
    }

    #[test]
    fn unknown_placeholders_stay_for_the_validator() {
        assert_eq!(render("x {nope} y", Wording::Type2), "x {nope} y");
        assert_eq!(
            render("x {every:coffee}", Wording::Type1),
            "x {every:coffee}"
        );
        assert_eq!(render("x {unclosed", Wording::Type1), "x {unclosed");
        assert!(resolve("every:coffee", Wording::Type2).is_none());
        assert!(resolve("rule:risk_assessment", Wording::Type2).is_some());
    }
}
