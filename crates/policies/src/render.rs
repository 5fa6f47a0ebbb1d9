//! Filling a template from what the assessment knows.
//!
//! Placeholders, in braces:
//! - `{company}`, `{service}`: from the assessment and its company profile;
//! - `{owner}`: the policy's owner; `{role:<role>}`: the person holding a role (matched against
//!   the roles written in the people register, see [`Role::matches`]);
//! - `{every:<duty>}`: when a recurring duty happens, from the one timing source
//!   ([`preflight_catalog::duties`]), the same words the questionnaire and the Type 2 calendar
//!   use, so a policy and the questionnaire never say different things.
//!
//! A value Preflight does not know stays visibly marked for the user to fill in, as
//! `[[to fill: ...]]`, never silently blank.

use preflight_catalog::duties::Duty;

use crate::template::Role;

/// How a part still to write begins: `[[to fill: what]]`.
pub const TO_FILL_OPEN: &str = "[[to fill:";

/// The mark put where a value is unknown.
pub fn to_fill(what: &str) -> String {
    format!("{TO_FILL_OPEN} {what}]]")
}

/// Whether a rendered text still has parts for the user to write.
pub fn has_gaps(text: &str) -> bool {
    text.contains(TO_FILL_OPEN)
}

/// What rendering needs.
pub struct RenderContext<'a> {
    pub company: &'a str,
    /// What the service does, from the company profile.
    pub service: Option<&'a str>,
    pub owner: Option<&'a str>,
    /// The person holding a role, if the people register says.
    pub role_holder: &'a dyn Fn(Role) -> Option<String>,
}

/// What a placeholder names, or an error saying why it is not one Preflight knows.
pub fn resolve(name: &str, cx: &RenderContext<'_>) -> Result<String, String> {
    let known = |v: Option<String>, what: &str| {
        v.filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| to_fill(what))
    };
    match name {
        "company" => Ok(known(Some(cx.company.to_string()), "company name")),
        "service" => Ok(known(
            cx.service.map(str::to_string),
            "what your service does",
        )),
        "owner" => Ok(known(
            cx.owner.map(str::to_string),
            "name of this policy's owner",
        )),
        _ => {
            if let Some(r) = name.strip_prefix("role:") {
                let role = Role::parse(r).ok_or_else(|| format!("unknown role \"{r}\""))?;
                return Ok(known(
                    (cx.role_holder)(role),
                    &format!("name of the {}", role.label()),
                ));
            }
            if let Some(d) = name.strip_prefix("every:") {
                let duty = Duty::parse(d).map_err(|_| format!("unknown duty \"{d}\""))?;
                return Ok(duty.every().to_string());
            }
            Err(format!("unknown placeholder {{{name}}}"))
        }
    }
}

/// Renders a template text. Unknown placeholders are an error naming them (the template tests
/// make sure none ships).
pub fn render(text: &str, cx: &RenderContext<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| "an unclosed {".to_string())?;
        out.push_str(&resolve(&after[..close], cx)?);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_or_stay_marked() {
        let holder = |r: Role| (r == Role::HrLead).then(|| "Léa Martin".to_string());
        let cx = RenderContext {
            company: "Acme",
            service: None,
            owner: Some("Dana"),
            role_holder: &holder,
        };
        let out = render("{company} ({service}): {owner}, {role:hr_lead}, {role:cto}. Reviews {every:access_review}.", &cx).expect("renders");
        assert_eq!(
            out,
            "Acme ([[to fill: what your service does]]): Dana, Léa Martin, [[to fill: name of the CTO]]. Reviews every three months."
        );
        assert!(has_gaps(&out));
        assert!(render("{nope}", &cx).is_err());
        assert!(render("{role:king}", &cx).is_err());
        assert!(render("{every:sometimes}", &cx).is_err());
        assert!(render("open { brace", &cx).is_err());
    }
}
