//! The people of an assessment: who can own a task.
//!
//! Names are trimmed; a name of only spaces is refused, as is a second entry differing only in
//! letter case. A task's owner must be on the list; the list keeps each name as first written.

use serde::{Deserialize, Serialize};

use crate::fields::{check_len, MAX_PERSON_CHARS};
use crate::RemediationError;

/// Trims a person's name and checks it is neither empty nor too long.
pub fn clean_person_name(raw: &str) -> Result<String, RemediationError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(RemediationError::EmptyPersonName);
    }
    check_len(name, "name", MAX_PERSON_CHARS)?;
    Ok(name.to_string())
}

/// The people list of one assessment, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    names: Vec<String>,
}

impl People {
    /// A list from names already saved (assumed clean).
    pub fn from_names(names: Vec<String>) -> People {
        People { names }
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The saved spelling of a name, matched after trimming and ignoring letter case.
    pub fn find(&self, raw: &str) -> Option<&str> {
        let wanted = raw.trim().to_lowercase();
        self.names
            .iter()
            .find(|n| n.to_lowercase() == wanted)
            .map(String::as_str)
    }

    /// Adds a person; returns the name as saved.
    pub fn add(&mut self, raw: &str) -> Result<String, RemediationError> {
        let name = clean_person_name(raw)?;
        if let Some(existing) = self.find(&name) {
            return Err(RemediationError::DuplicatePerson(existing.to_string()));
        }
        self.names.push(name.clone());
        Ok(name)
    }

    /// A task owner as typed: blank means no owner; otherwise the person must be on the list,
    /// and the list's spelling is returned.
    pub fn resolve_owner(&self, raw: Option<&str>) -> Result<Option<String>, RemediationError> {
        let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
            return Ok(None);
        };
        let name = clean_person_name(raw)?;
        self.find(&name)
            .map(|n| Some(n.to_string()))
            .ok_or(RemediationError::UnknownPerson(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_blank_names_refused() {
        let mut p = People::default();
        assert_eq!(p.add("  Dana Ruiz \t").as_deref(), Ok("Dana Ruiz"));
        assert_eq!(p.add("    "), Err(RemediationError::EmptyPersonName));
        assert_eq!(
            p.add("\u{3000}").map_err(|e| e.code()),
            Err("empty_person_name")
        );
        assert_eq!(
            p.add("dana ruiz"),
            Err(RemediationError::DuplicatePerson("Dana Ruiz".into()))
        );
        assert_eq!(
            p.add(&"x".repeat(MAX_PERSON_CHARS + 1))
                .map_err(|e| e.code()),
            Err("too_long")
        );
        assert_eq!(p.names(), ["Dana Ruiz"]);
    }

    #[test]
    fn owners_must_be_on_the_list() {
        let p = People::from_names(vec!["Dana Ruiz".into(), "Léa Martin".into()]);
        assert_eq!(p.resolve_owner(None), Ok(None));
        assert_eq!(p.resolve_owner(Some("  ")), Ok(None));
        assert_eq!(
            p.resolve_owner(Some(" léa martin ")),
            Ok(Some("Léa Martin".into()))
        );
        let e = p.resolve_owner(Some("Sam")).expect_err("unknown");
        assert_eq!(e, RemediationError::UnknownPerson("Sam".into()));
        assert!(e.to_string().contains("people list"));
    }
}
