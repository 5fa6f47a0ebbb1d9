//! What the people register holds, in one line, shown beside the questions about background
//! checks, training, joiners and leavers, so the founder answers from facts.

use chrono::NaiveDate;
use preflight_assessment::ObservationPeriod;
use preflight_catalog::Question;

use crate::flags::{register_flags, CurrentPolicy, FlagKind};
use crate::person::Person;
use crate::population::{hires, leavers};

/// The questions the register speaks to: background checks, security training, joiners and
/// leavers, access removal.
pub const QUESTIONS: &[&str] = &[
    "cc1-background-checks",
    "cc2-security-training",
    "cc6-offboarding",
    "t2-hire-records",
    "t2-leaver-records",
    "t2-training-completed",
    "soc1-t2-joiners-leavers",
    "soc1-access-provisioning",
];

/// Whether a question is one the people register speaks to.
pub fn concerns(question: &Question) -> bool {
    QUESTIONS.contains(&question.id.as_str())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// For example "12 people (2 joined and 1 left in the window), 3 flags: 2 training, 1 late
/// access removal". The part in brackets is there for a Type 2 report (a `window`); the flags
/// are those of [`register_flags`] on `today`, counted by kind, training missing and training
/// out of date together.
pub fn summary(
    people: &[Person],
    policies: &[CurrentPolicy<'_>],
    today: NaiveDate,
    window: Option<&ObservationPeriod>,
) -> String {
    if people.is_empty() {
        return "The people register is empty: add people in the People tab, or import your HR export (CSV).".into();
    }
    let mut out = plural(people.len(), "person", "people");
    if let Some(w) = window {
        out.push_str(&format!(
            " ({} joined and {} left in the window)",
            hires(people, w).len(),
            leavers(people, w).len()
        ));
    }
    let flags = register_flags(people, policies, today);
    if flags.is_empty() {
        out.push_str(", no flags");
        return out;
    }
    let mut parts: Vec<((&str, &str), usize)> = Vec::new();
    for kind in FlagKind::ALL {
        let n = flags.iter().filter(|f| f.kind == kind).count();
        if n == 0 {
            continue;
        }
        let words = kind.summary_words();
        match parts.iter_mut().find(|(w, _)| *w == words) {
            Some((_, count)) => *count += n,
            None => parts.push((words, n)),
        }
    }
    let parts: Vec<String> = parts
        .into_iter()
        .map(|((one, many), n)| plural(n, one, many))
        .collect();
    out.push_str(&format!(
        ", {}: {}",
        plural(flags.len(), "flag", "flags"),
        parts.join(", ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{BackgroundCheck, PersonKind};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    fn person(name: &str, start: NaiveDate) -> Person {
        Person {
            name: name.into(),
            role: String::new(),
            kind: PersonKind::Employee,
            start_date: Some(start),
            end_date: None,
            background_check: BackgroundCheck::Done { on: start },
            training: vec![start],
            acknowledgements: vec![],
            access_removed_on: None,
            version: 1,
        }
    }

    #[test]
    fn every_question_named_exists_in_the_catalog() {
        let catalog = preflight_catalog::embedded().expect("catalog");
        for id in QUESTIONS {
            let q = catalog.question(id).unwrap_or_else(|| panic!("{id}"));
            assert!(concerns(q), "{id}");
        }
        let other = catalog
            .question("cc9-vendor-offboarding")
            .expect("vendor q");
        assert!(!concerns(other));
    }

    #[test]
    fn the_line_counts_people_populations_and_flags() {
        let today = d(2026, 6, 1);
        let window = ObservationPeriod {
            start: d(2026, 1, 1),
            end: d(2026, 6, 30),
        };
        let mut people: Vec<Person> = (0..9)
            .map(|i| person(&format!("P{i}"), d(2025, 9, 1)))
            .collect();
        people.push(person("New A", d(2026, 2, 2)));
        people.push(person("New B", d(2026, 3, 2)));
        // Two out of date on training (trained 2025-05-01).
        people[0].training = vec![d(2025, 5, 1)];
        people[1].training = vec![d(2025, 5, 1)];
        // One leaver in the window, access removed late.
        let mut gone = person("Gone", d(2024, 1, 1));
        gone.end_date = Some(d(2026, 3, 6));
        gone.access_removed_on = Some(d(2026, 3, 12));
        people.push(gone);
        assert_eq!(
            summary(&people, &[], today, Some(&window)),
            "12 people (2 joined and 1 left in the window), 3 flags: 2 training, 1 late access removal"
        );
        // Missing training and out-of-date training count together.
        people[2].training.clear();
        people[3].background_check = BackgroundCheck::NotRecorded;
        assert_eq!(
            summary(&people, &[("aup", "Acceptable use policy", 1)], today, None),
            "12 people, 16 flags: 3 training, 11 missing acknowledgements, 1 background check, 1 late access removal"
        );
    }

    #[test]
    fn a_small_or_empty_register_reads_well() {
        let today = d(2026, 6, 1);
        assert!(summary(&[], &[], today, None).contains("register is empty"));
        let one = [person("Solo", d(2026, 1, 5))];
        assert_eq!(summary(&one, &[], today, None), "1 person, no flags");
        let mut one = one;
        one[0].training.clear();
        assert_eq!(
            summary(&one, &[], today, None),
            "1 person, 1 flag: 1 training"
        );
    }
}
