//! The flags an auditor would raise about a person, on a given day:
//!
//! - no security awareness training recorded, or the latest more than 12 months ago (a
//!   training exactly 12 months old is still in time);
//! - no acknowledgement of the current approved version of a policy;
//! - no background check recorded (a check marked "not required", with its reason, is not
//!   flagged);
//! - a leaver whose access was removed after the offboarding deadline
//!   ([`offboarding_deadline`]);
//! - a leaver with no access removal date, once their end date has passed.
//!
//! The training and acknowledgement flags are for people working on the day
//! ([`Person::is_working`]: started, or no start date recorded, and no end date or an end date
//! that day or later). The other flags are for everyone in the register.
//!
//! The timing comes from the catalog's duties ([`preflight_catalog::duties`]): training
//! [`Duty::AwarenessTraining`] (yearly), offboarding [`Duty::Offboarding`] ("within one working
//! day of their leaving date").

use chrono::{Datelike, Months, NaiveDate, Weekday};
use preflight_catalog::Duty;
use serde::Serialize;

use crate::person::{BackgroundCheck, Person};

/// A policy whose current version is approved: (policy id, title, current approved version).
pub type CurrentPolicy<'a> = (&'a str, &'a str, u32);

/// How long a security awareness training counts, in months: the length of one slot of
/// [`Duty::AwarenessTraining`]'s frequency (yearly, 12).
pub fn training_valid_months() -> u32 {
    Duty::AwarenessTraining.frequency().months().unwrap_or(12)
}

/// The last day access may be removed for someone whose last day is `end_date`: the next
/// working day after it, Saturdays and Sundays skipped (a Friday leaver's deadline is the
/// Monday; a Saturday or Sunday one's is the Monday too). Public holidays are not known and
/// count as working days.
///
/// This implements [`Duty::Offboarding`]'s "within one working day of their leaving date", the
/// one timing source in [`preflight_catalog::duties`].
pub fn offboarding_deadline(end_date: NaiveDate) -> NaiveDate {
    let mut d = end_date;
    loop {
        d = match d.succ_opt() {
            Some(next) => next,
            None => return d,
        };
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return d;
        }
    }
}

/// The day after which a person's latest training is out of date: 12 months after it (the day
/// clamped to the month's end, so a training on 29 February 2024 runs until 28 February 2025).
pub fn training_due(person: &Person) -> Option<NaiveDate> {
    person
        .latest_training()
        .and_then(|t| t.checked_add_months(Months::new(training_valid_months())))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    TrainingMissing,
    TrainingOutOfDate,
    AcknowledgementMissing,
    BackgroundCheckMissing,
    AccessRemovedLate,
    AccessRemovalMissing,
}

impl FlagKind {
    pub const ALL: [FlagKind; 6] = [
        FlagKind::TrainingMissing,
        FlagKind::TrainingOutOfDate,
        FlagKind::AcknowledgementMissing,
        FlagKind::BackgroundCheckMissing,
        FlagKind::AccessRemovedLate,
        FlagKind::AccessRemovalMissing,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FlagKind::TrainingMissing => "No security training",
            FlagKind::TrainingOutOfDate => "Training older than 12 months",
            FlagKind::AcknowledgementMissing => "Policy not acknowledged",
            FlagKind::BackgroundCheckMissing => "No background check recorded",
            FlagKind::AccessRemovedLate => "Access removed late",
            FlagKind::AccessRemovalMissing => "No access removal date",
        }
    }

    /// The words the one-line summary counts the flag under, singular and plural: both training
    /// flags count as "training".
    pub fn summary_words(self) -> (&'static str, &'static str) {
        match self {
            FlagKind::TrainingMissing | FlagKind::TrainingOutOfDate => ("training", "training"),
            FlagKind::AcknowledgementMissing => {
                ("missing acknowledgement", "missing acknowledgements")
            }
            FlagKind::BackgroundCheckMissing => ("background check", "background checks"),
            FlagKind::AccessRemovedLate => ("late access removal", "late access removals"),
            FlagKind::AccessRemovalMissing => (
                "missing access removal date",
                "missing access removal dates",
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The person's name.
    pub person: String,
    pub kind: FlagKind,
    pub label: &'static str,
    /// What is wrong and what to do, in a sentence naming the person.
    pub message: String,
    /// The policy, for a missing acknowledgement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
}

fn flag(p: &Person, kind: FlagKind, message: String) -> Flag {
    Flag {
        person: p.name.clone(),
        kind,
        label: kind.label(),
        message,
        policy_id: None,
    }
}

fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The flags of one person on `today`. `policies` are the approved policies with their current
/// version.
pub fn flags(person: &Person, policies: &[CurrentPolicy<'_>], today: NaiveDate) -> Vec<Flag> {
    let name = &person.name;
    let mut out = Vec::new();
    if person.is_working(today) {
        let every = Duty::AwarenessTraining.every();
        match (person.latest_training(), training_due(person)) {
            (None, _) => out.push(flag(
                person,
                FlagKind::TrainingMissing,
                format!("No security awareness training is recorded for {name}. Training is due {every}: have them take it and record the date."),
            )),
            (Some(last), Some(due)) if today > due => out.push(flag(
                person,
                FlagKind::TrainingOutOfDate,
                format!("{name}'s last security awareness training was on {last}, more than 12 months ago (it ran out after {due}). Have them take it again and record the date."),
            )),
            _ => {}
        }
        for (policy_id, title, current) in policies {
            if person.acknowledgement(policy_id, *current).is_some() {
                continue;
            }
            let earlier = match person.latest_acknowledged_version(policy_id) {
                Some(v) if v < *current => {
                    format!(
                        " They acknowledged version {v}; the approved version is now {current}."
                    )
                }
                _ => String::new(),
            };
            out.push(Flag {
                policy_id: Some(policy_id.to_string()),
                ..flag(
                    person,
                    FlagKind::AcknowledgementMissing,
                    format!("{name} has not acknowledged version {current} of the {title}.{earlier} Ask them to read it and record the date they acknowledged it."),
                )
            });
        }
    }
    if person.background_check == BackgroundCheck::NotRecorded {
        out.push(flag(
            person,
            FlagKind::BackgroundCheckMissing,
            format!("No background check is recorded for {name}. Record the date it was done, or mark it not required and say why."),
        ));
    }
    if let Some(end) = person.end_date {
        let deadline = offboarding_deadline(end);
        match person.access_removed_on {
            Some(removed) if removed > deadline => out.push(flag(
                person,
                FlagKind::AccessRemovedLate,
                format!("{name} left on {end} ({}); their access was due to be removed by {deadline} ({}), {}, but was removed on {removed}. Write down why it was late: an auditor sampling leavers will ask.", weekday(end), weekday(deadline), Duty::Offboarding.every()),
            )),
            Some(_) => {}
            None if end < today => out.push(flag(
                person,
                FlagKind::AccessRemovalMissing,
                format!("{name} left on {end} and no date is recorded for the removal of their access (due by {deadline}). Record the date their access was removed."),
            )),
            None => {}
        }
    }
    out
}

/// The flags of the whole register on `today`, person by person in register order.
pub fn register_flags(
    people: &[Person],
    policies: &[CurrentPolicy<'_>],
    today: NaiveDate,
) -> Vec<Flag> {
    people
        .iter()
        .flat_map(|p| flags(p, policies, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{Acknowledgement, PersonKind};

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    /// Working, trained, checked: no flag.
    fn clean() -> Person {
        Person {
            name: "Dana Ruiz".into(),
            role: "CTO".into(),
            kind: PersonKind::Employee,
            start_date: Some(d(2024, 1, 8)),
            end_date: None,
            background_check: BackgroundCheck::Done {
                on: d(2023, 12, 15),
            },
            training: vec![d(2025, 6, 1)],
            acknowledgements: vec![],
            access_removed_on: None,
            version: 1,
        }
    }

    fn kinds(p: &Person, policies: &[CurrentPolicy<'_>], today: NaiveDate) -> Vec<FlagKind> {
        flags(p, policies, today)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn timing_comes_from_the_catalog_duties() {
        assert_eq!(training_valid_months(), 12);
        assert_eq!(
            Duty::Offboarding.every(),
            "within one working day of their leaving date"
        );
    }

    #[test]
    fn the_offboarding_deadline_is_the_next_working_day() {
        // 2026-03-02 is a Monday.
        assert_eq!(d(2026, 3, 2).weekday(), Weekday::Mon);
        for (end, deadline) in [
            (d(2026, 3, 2), d(2026, 3, 3)),   // Monday -> Tuesday
            (d(2026, 3, 5), d(2026, 3, 6)),   // Thursday -> Friday
            (d(2026, 3, 6), d(2026, 3, 9)),   // Friday -> Monday, over the weekend
            (d(2026, 3, 7), d(2026, 3, 9)),   // Saturday -> Monday
            (d(2026, 3, 8), d(2026, 3, 9)),   // Sunday -> Monday
            (d(2026, 12, 31), d(2027, 1, 1)), // Thursday -> Friday, over the year's end
            (d(2027, 12, 31), d(2028, 1, 3)), // Friday -> Monday, over the year's end
        ] {
            assert_eq!(offboarding_deadline(end), deadline, "{end}");
        }
    }

    #[test]
    fn a_clean_person_has_no_flag() {
        assert_eq!(kinds(&clean(), &[], d(2026, 6, 1)), Vec::<FlagKind>::new());
    }

    #[test]
    fn training_exactly_twelve_months_old_is_in_time_and_the_day_after_is_not() {
        let p = clean(); // trained 2025-06-01
        assert_eq!(training_due(&p), Some(d(2026, 6, 1)));
        assert!(kinds(&p, &[], d(2026, 6, 1)).is_empty());
        let f = flags(&p, &[], d(2026, 6, 2));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FlagKind::TrainingOutOfDate);
        assert_eq!(f[0].label, "Training older than 12 months");
        assert_eq!(
            f[0].message,
            "Dana Ruiz's last security awareness training was on 2025-06-01, more than 12 months ago (it ran out after 2026-06-01). Have them take it again and record the date."
        );
        // The latest training counts, whatever the order.
        let mut again = p.clone();
        again.training = vec![d(2026, 5, 1), d(2024, 1, 1)];
        assert!(kinds(&again, &[], d(2026, 6, 2)).is_empty());
        // 29 February: the year runs to 28 February.
        let mut leap = p;
        leap.training = vec![d(2024, 2, 29)];
        assert!(kinds(&leap, &[], d(2025, 2, 28)).is_empty());
        assert_eq!(
            kinds(&leap, &[], d(2025, 3, 1)),
            [FlagKind::TrainingOutOfDate]
        );
    }

    #[test]
    fn training_missing_is_flagged_for_people_working_only() {
        let mut p = clean();
        p.training.clear();
        let f = flags(&p, &[], d(2026, 6, 1));
        assert_eq!(f[0].kind, FlagKind::TrainingMissing);
        assert!(f[0].message.contains("Dana Ruiz"), "{}", f[0].message);
        assert!(
            f[0].message
                .contains("when they join and again at least once a year"),
            "{}",
            f[0].message
        );
        // Leaving today: still working, still flagged.
        p.end_date = Some(d(2026, 6, 1));
        p.access_removed_on = None;
        assert_eq!(kinds(&p, &[], d(2026, 6, 1)), [FlagKind::TrainingMissing]);
        // Left yesterday: no training flag (but access removal is now missing).
        p.end_date = Some(d(2026, 5, 31));
        assert_eq!(
            kinds(&p, &[], d(2026, 6, 1)),
            [FlagKind::AccessRemovalMissing]
        );
        // Not started yet: no training flag.
        p.end_date = None;
        p.start_date = Some(d(2026, 6, 2));
        assert!(kinds(&p, &[], d(2026, 6, 1)).is_empty());
        p.start_date = Some(d(2026, 6, 1));
        assert_eq!(kinds(&p, &[], d(2026, 6, 1)), [FlagKind::TrainingMissing]);
    }

    #[test]
    fn an_acknowledgement_of_the_current_version_is_needed() {
        let policies: [CurrentPolicy<'_>; 2] = [
            ("access", "Access control policy", 3),
            ("aup", "Acceptable use policy", 1),
        ];
        let mut p = clean();
        p.acknowledgements = vec![
            Acknowledgement {
                policy_id: "access".into(),
                version: 2,
                on: d(2025, 1, 1),
            },
            Acknowledgement {
                policy_id: "aup".into(),
                version: 1,
                on: d(2025, 1, 1),
            },
        ];
        let f = flags(&p, &policies, d(2026, 6, 1));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FlagKind::AcknowledgementMissing);
        assert_eq!(f[0].policy_id.as_deref(), Some("access"));
        assert_eq!(
            f[0].message,
            "Dana Ruiz has not acknowledged version 3 of the Access control policy. They acknowledged version 2; the approved version is now 3. Ask them to read it and record the date they acknowledged it."
        );
        p.acknowledgements.push(Acknowledgement {
            policy_id: "access".into(),
            version: 3,
            on: d(2026, 5, 1),
        });
        assert!(kinds(&p, &policies, d(2026, 6, 1)).is_empty());
        // Nothing acknowledged: one flag per policy; none once they have left.
        p.acknowledgements.clear();
        assert_eq!(
            kinds(&p, &policies, d(2026, 6, 1)),
            [FlagKind::AcknowledgementMissing; 2]
        );
        p.end_date = Some(d(2026, 5, 29));
        p.access_removed_on = Some(d(2026, 5, 29));
        assert!(kinds(&p, &policies, d(2026, 6, 1)).is_empty());
    }

    #[test]
    fn a_background_check_not_recorded_is_flagged_but_not_required_with_a_reason_is_not() {
        let mut p = clean();
        p.background_check = BackgroundCheck::NotRecorded;
        let f = flags(&p, &[], d(2026, 6, 1));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FlagKind::BackgroundCheckMissing);
        assert!(f[0]
            .message
            .starts_with("No background check is recorded for Dana Ruiz."));
        p.background_check = BackgroundCheck::NotRequired {
            reason: "advisor without access".into(),
        };
        assert!(kinds(&p, &[], d(2026, 6, 1)).is_empty());
        // A leaver without a check is still flagged: the auditor samples them too.
        p.background_check = BackgroundCheck::NotRecorded;
        p.end_date = Some(d(2026, 1, 2));
        p.access_removed_on = Some(d(2026, 1, 2));
        assert_eq!(
            kinds(&p, &[], d(2026, 6, 1)),
            [FlagKind::BackgroundCheckMissing]
        );
    }

    #[test]
    fn access_removed_after_the_deadline_is_late_over_a_weekend_too() {
        let mut p = clean();
        p.end_date = Some(d(2026, 3, 6)); // a Friday
        let today = d(2026, 6, 1);
        for (removed, late) in [
            (d(2026, 3, 6), false), // on the last day
            (d(2026, 3, 2), false), // before it
            (d(2026, 3, 7), false), // Saturday
            (d(2026, 3, 9), false), // Monday: the deadline itself
            (d(2026, 3, 10), true), // Tuesday
        ] {
            p.access_removed_on = Some(removed);
            let k = kinds(&p, &[], today);
            assert_eq!(k.contains(&FlagKind::AccessRemovedLate), late, "{removed}");
            assert!(!k.contains(&FlagKind::AccessRemovalMissing));
        }
        let f = flags(&p, &[], today);
        assert_eq!(
            f[0].message,
            "Dana Ruiz left on 2026-03-06 (Friday); their access was due to be removed by 2026-03-09 (Monday), within one working day of their leaving date, but was removed on 2026-03-10. Write down why it was late: an auditor sampling leavers will ask."
        );
        // A Tuesday leaver removed on Thursday is late.
        p.end_date = Some(d(2026, 3, 3));
        p.access_removed_on = Some(d(2026, 3, 5));
        assert_eq!(kinds(&p, &[], today), [FlagKind::AccessRemovedLate]);
        p.access_removed_on = Some(d(2026, 3, 4));
        assert!(kinds(&p, &[], today).is_empty());
    }

    #[test]
    fn a_missing_removal_date_is_flagged_once_the_end_date_has_passed() {
        let mut p = clean();
        p.end_date = Some(d(2026, 6, 1));
        assert!(
            kinds(&p, &[], d(2026, 6, 1)).is_empty(),
            "last day: not yet"
        );
        let f = flags(&p, &[], d(2026, 6, 2));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FlagKind::AccessRemovalMissing);
        assert_eq!(
            f[0].message,
            "Dana Ruiz left on 2026-06-01 and no date is recorded for the removal of their access (due by 2026-06-02). Record the date their access was removed."
        );
        // A future leaver is not flagged.
        p.end_date = Some(d(2026, 9, 30));
        assert!(kinds(&p, &[], d(2026, 6, 1)).is_empty());
    }

    #[test]
    fn register_flags_gather_everyone_and_serialize() {
        let mut late = clean();
        late.name = "Sam Lee".into();
        late.end_date = Some(d(2026, 3, 6));
        late.access_removed_on = Some(d(2026, 3, 11));
        let all = register_flags(&[clean(), late], &[], d(2026, 6, 1));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].person, "Sam Lee");
        let json = serde_json::to_value(&all[0]).expect("json");
        assert_eq!(json["kind"], "access_removed_late");
        assert_eq!(json["label"], "Access removed late");
        assert!(json.get("policy_id").is_none());
    }
}
