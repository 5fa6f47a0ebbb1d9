//! The populations of a Type 2 observation period: everyone who joined, everyone who left, and
//! everyone who worked in it. An auditor asks for these lists, complete, and picks the samples
//! from them (a hire's background check, training and acknowledgements; a leaver's access
//! removal). The window is inclusive at both ends.

use preflight_assessment::ObservationPeriod;

use crate::person::{name_key, Person};

fn inside(d: chrono::NaiveDate, window: &ObservationPeriod) -> bool {
    window.start <= d && d <= window.end
}

/// People whose start date lies inside the window, by start date then name.
pub fn hires<'a>(people: &'a [Person], window: &ObservationPeriod) -> Vec<&'a Person> {
    let mut out: Vec<&Person> = people
        .iter()
        .filter(|p| p.start_date.is_some_and(|d| inside(d, window)))
        .collect();
    out.sort_by_key(|p| (p.start_date, name_key(&p.name)));
    out
}

/// People whose end date lies inside the window, by end date then name.
pub fn leavers<'a>(people: &'a [Person], window: &ObservationPeriod) -> Vec<&'a Person> {
    let mut out: Vec<&Person> = people
        .iter()
        .filter(|p| p.end_date.is_some_and(|d| inside(d, window)))
        .collect();
    out.sort_by_key(|p| (p.end_date, name_key(&p.name)));
    out
}

/// People who worked at some time in the window (started on or before its last day, or no
/// start date recorded; not gone before its first day), by name: the population for training
/// and acknowledgements.
pub fn worked_in<'a>(people: &'a [Person], window: &ObservationPeriod) -> Vec<&'a Person> {
    let mut out: Vec<&Person> = people
        .iter()
        .filter(|p| {
            p.start_date.is_none_or(|s| s <= window.end)
                && p.end_date.is_none_or(|e| e >= window.start)
        })
        .collect();
    out.sort_by_key(|p| name_key(&p.name));
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::person::{BackgroundCheck, PersonKind};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    pub(crate) fn person(name: &str, start: Option<NaiveDate>, end: Option<NaiveDate>) -> Person {
        Person {
            name: name.into(),
            role: String::new(),
            kind: PersonKind::Employee,
            start_date: start,
            end_date: end,
            background_check: BackgroundCheck::NotRecorded,
            training: vec![],
            acknowledgements: vec![],
            access_removed_on: None,
            version: 1,
        }
    }

    fn names(ps: &[&Person]) -> Vec<String> {
        ps.iter().map(|p| p.name.clone()).collect()
    }

    #[test]
    fn hires_and_leavers_are_those_inside_the_window_both_ends_included() {
        let w = ObservationPeriod {
            start: d(2026, 1, 1),
            end: d(2026, 6, 30),
        };
        let people = vec![
            person("Before", Some(d(2025, 12, 31)), Some(d(2025, 12, 31))),
            person("First day", Some(d(2026, 1, 1)), Some(d(2026, 1, 1))),
            person("zed", Some(d(2026, 3, 2)), None),
            person("Ann", Some(d(2026, 3, 2)), Some(d(2026, 6, 30))),
            person("After", Some(d(2026, 7, 1)), Some(d(2026, 7, 1))),
            person("Unknown", None, None),
        ];
        assert_eq!(names(&hires(&people, &w)), ["First day", "Ann", "zed"]);
        assert_eq!(names(&leavers(&people, &w)), ["First day", "Ann"]);
        assert_eq!(
            names(&worked_in(&people, &w)),
            ["Ann", "First day", "Unknown", "zed"]
        );
    }

    #[test]
    fn a_leaver_on_the_last_day_before_the_window_did_not_work_in_it() {
        let w = ObservationPeriod {
            start: d(2026, 1, 1),
            end: d(2026, 3, 31),
        };
        let people = vec![
            person("Left 31 Dec", Some(d(2024, 1, 1)), Some(d(2025, 12, 31))),
            person("Left 1 Jan", Some(d(2024, 1, 1)), Some(d(2026, 1, 1))),
            person("Starts 1 Apr", Some(d(2026, 4, 1)), None),
            person("Starts 31 Mar", Some(d(2026, 3, 31)), None),
        ];
        assert_eq!(
            names(&worked_in(&people, &w)),
            ["Left 1 Jan", "Starts 31 Mar"]
        );
        assert!(hires(&people, &w).iter().all(|p| p.name == "Starts 31 Mar"));
    }
}
