//! A person in the register and the checks on what is typed for them.
//!
//! The name is the key: it is the same name a task, a risk or a vendor is owned by
//! ([`preflight_remediation::People`]), trimmed, and unique ignoring letter case. Dates are
//! `YYYY-MM-DD`. A start or end date may lie ahead (a hire who has signed, a leaver who has
//! given notice); what has happened (a background check, a training, an acknowledgement, the
//! removal of access) may not. The end date may equal the start date (a one-day contractor),
//! never come before it. The date access was removed is kept only for someone with an end date.

use chrono::NaiveDate;
use preflight_remediation::fields::{check_len, ymd, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use preflight_remediation::people::clean_person_name;
use serde::{Deserialize, Serialize};

use crate::import::looks_like_formula;
use crate::PeopleError;

/// Employee or contractor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    #[default]
    Employee,
    Contractor,
}

impl PersonKind {
    pub const ALL: [PersonKind; 2] = [PersonKind::Employee, PersonKind::Contractor];

    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Employee => "employee",
            PersonKind::Contractor => "contractor",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PersonKind::Employee => "Employee",
            PersonKind::Contractor => "Contractor",
        }
    }

    /// Reads the kind as stored, as labelled, or as HR systems write it ("Full-time",
    /// "Part time", "Contract", "Freelance" ...), in any letter case. Blank is an employee.
    pub fn parse(text: &str) -> Result<PersonKind, PeopleError> {
        let key = squash(text);
        match key.as_str() {
            "" | "employee" | "staff" | "permanent" | "fulltime" | "parttime" | "fte"
            | "salaried" | "intern" | "internship" => Ok(PersonKind::Employee),
            "contractor" | "contract" | "freelance" | "freelancer" | "consultant" | "external"
            | "temp" | "temporary" => Ok(PersonKind::Contractor),
            _ => Err(PeopleError::InvalidKind(text.trim().to_string())),
        }
    }
}

/// Whether the person's background check was done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum BackgroundCheck {
    /// Done, on this date.
    Done { on: NaiveDate },
    /// Not required for this person, and why (for example a contractor with no access).
    NotRequired { reason: String },
    /// Nothing recorded: flagged.
    #[default]
    NotRecorded,
}

impl BackgroundCheck {
    pub fn label(&self) -> &'static str {
        match self {
            BackgroundCheck::Done { .. } => "Done",
            BackgroundCheck::NotRequired { .. } => "Not required",
            BackgroundCheck::NotRecorded => "Not recorded",
        }
    }
}

/// A person acknowledged having read one version of a policy, on a date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Acknowledgement {
    pub policy_id: String,
    pub version: u32,
    pub on: NaiveDate,
}

/// One person of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The key, shared with task owners: trimmed, unique ignoring letter case.
    pub name: String,
    /// Free text, for example "CTO".
    #[serde(default)]
    pub role: String,
    pub kind: PersonKind,
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// The last day they worked; `None` while they still work here.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    #[serde(default)]
    pub background_check: BackgroundCheck,
    /// Security awareness training dates, oldest first, each once.
    #[serde(default)]
    pub training: Vec<NaiveDate>,
    /// Policy versions acknowledged, ordered by policy id, version and date; one per version.
    #[serde(default)]
    pub acknowledgements: Vec<Acknowledgement>,
    /// The day their access was removed; only with an end date.
    #[serde(default)]
    pub access_removed_on: Option<NaiveDate>,
    /// Bumped by every change, for optimistic concurrency (as for tasks).
    pub version: u32,
}

/// An acknowledgement as entered: the policy and version are picked from a list, the date typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcknowledgementInput {
    pub policy_id: String,
    pub version: u32,
    /// `YYYY-MM-DD`.
    pub on: String,
}

/// A person as typed in the window or read from a CSV row: strings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// `employee` (also when blank) or `contractor`.
    #[serde(default)]
    pub kind: String,
    /// `YYYY-MM-DD` or blank.
    #[serde(default)]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD` or blank.
    #[serde(default)]
    pub end_date: Option<String>,
    /// `done`, `not_required`, or blank (`not_recorded`). Blank with a date means done.
    #[serde(default)]
    pub background_check: String,
    /// `YYYY-MM-DD`: needed when the check is done.
    #[serde(default)]
    pub background_check_date: Option<String>,
    /// Needed when the check is not required.
    #[serde(default)]
    pub background_check_reason: Option<String>,
    /// Security awareness training dates, `YYYY-MM-DD` each; blank entries are skipped.
    #[serde(default)]
    pub training: Vec<String>,
    #[serde(default)]
    pub acknowledgements: Vec<AcknowledgementInput>,
    /// `YYYY-MM-DD` or blank.
    #[serde(default)]
    pub access_removed_on: Option<String>,
}

/// The checked fields of a person: a [`Person`] without its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    pub name: String,
    pub role: String,
    pub kind: PersonKind,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub background_check: BackgroundCheck,
    pub training: Vec<NaiveDate>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub access_removed_on: Option<NaiveDate>,
}

/// Lower case, letters and digits only: how typed words and headers are compared.
pub(crate) fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key two names are compared by: trimmed, in lower case (as the task owners' list does).
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

fn blank_to_none(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// An optional date: blank is none; otherwise `YYYY-MM-DD`, or an error naming the field.
fn opt_date(what: &'static str, text: Option<&str>) -> Result<Option<NaiveDate>, PeopleError> {
    match blank_to_none(text) {
        None => Ok(None),
        Some(t) => ymd(t).map(Some).ok_or_else(|| PeopleError::InvalidDate {
            what,
            text: t.to_string(),
        }),
    }
}

/// Refuses a date after today.
fn not_future(what: &'static str, date: NaiveDate, today: NaiveDate) -> Result<(), PeopleError> {
    if date > today {
        return Err(PeopleError::DateInFuture {
            what,
            date: date.to_string(),
        });
    }
    Ok(())
}

/// A date that has already happened: blank is none.
fn past_date(
    what: &'static str,
    text: Option<&str>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, PeopleError> {
    let d = opt_date(what, text)?;
    if let Some(d) = d {
        not_future(what, d, today)?;
    }
    Ok(d)
}

/// Refuses text a spreadsheet would run as a formula.
fn no_formula(what: &'static str, text: &str) -> Result<(), PeopleError> {
    if looks_like_formula(text) {
        return Err(PeopleError::FormulaText {
            what,
            text: text.chars().take(40).collect(),
        });
    }
    Ok(())
}

enum CheckStatus {
    Done,
    NotRequired,
    NotRecorded,
    Unstated,
}

fn check_status(text: &str) -> Result<CheckStatus, PeopleError> {
    match squash(text).as_str() {
        "" => Ok(CheckStatus::Unstated),
        "done" | "yes" | "y" | "true" | "completed" | "complete" | "passed" | "cleared"
        | "clear" => Ok(CheckStatus::Done),
        "notrequired" | "notneeded" | "na" | "notapplicable" | "exempt" => {
            Ok(CheckStatus::NotRequired)
        }
        "notrecorded" | "no" | "n" | "false" | "none" | "pending" | "unknown" => {
            Ok(CheckStatus::NotRecorded)
        }
        _ => Err(PeopleError::InvalidBackgroundCheck(text.trim().to_string())),
    }
}

/// Keeps the first error of a field and the value of the others.
fn collect<T>(errors: &mut Vec<PeopleError>, r: Result<T, PeopleError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

impl PersonInput {
    /// Checks the input and gives every problem found, in the order of the fields.
    /// `version_exists(policy_id, version)` says whether a policy version exists, for the
    /// acknowledgements; `today` bounds the dates of what has already happened.
    pub fn check_all(
        &self,
        today: NaiveDate,
        version_exists: impl Fn(&str, u32) -> bool,
    ) -> Result<PersonFields, Vec<PeopleError>> {
        let mut errors = Vec::new();
        let name = collect(
            &mut errors,
            clean_person_name(&self.name)
                .map_err(PeopleError::from)
                .and_then(|n| no_formula("name", &n).map(|()| n)),
        );
        let role = self.role.trim().to_string();
        collect(
            &mut errors,
            check_len(&role, "role", MAX_TITLE_CHARS)
                .map_err(PeopleError::from)
                .and_then(|()| no_formula("role", &role)),
        );
        let kind = collect(&mut errors, PersonKind::parse(&self.kind));
        let start_date = collect(
            &mut errors,
            opt_date("start date", self.start_date.as_deref()),
        );
        let end_date = collect(&mut errors, opt_date("end date", self.end_date.as_deref()));
        if let (Some(Some(s)), Some(Some(e))) = (start_date, end_date) {
            if e < s {
                errors.push(PeopleError::EndBeforeStart {
                    start: s.to_string(),
                    end: e.to_string(),
                });
            }
        }
        let background_check = collect(&mut errors, self.background(today));
        let mut training = Vec::new();
        for t in self.training.iter().filter(|t| !t.trim().is_empty()) {
            if let Some(Some(d)) = collect(
                &mut errors,
                past_date("security training date", Some(t), today),
            ) {
                training.push(d);
            }
        }
        training.sort();
        training.dedup();
        let mut acknowledgements: Vec<Acknowledgement> = Vec::new();
        for a in &self.acknowledgements {
            let policy_id = a.policy_id.trim();
            if !version_exists(policy_id, a.version) {
                errors.push(PeopleError::UnknownPolicyVersion {
                    policy_id: policy_id.to_string(),
                    version: a.version,
                });
                continue;
            }
            let on = match past_date("acknowledgement date", Some(&a.on), today) {
                Ok(Some(d)) => d,
                Ok(None) => {
                    errors.push(PeopleError::DateMissing {
                        what: "acknowledgement date",
                    });
                    continue;
                }
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            acknowledgements.push(Acknowledgement {
                policy_id: policy_id.to_string(),
                version: a.version,
                on,
            });
        }
        // One acknowledgement per policy version: the earliest date.
        acknowledgements.sort();
        acknowledgements.dedup_by(|b, a| a.policy_id == b.policy_id && a.version == b.version);
        let access_removed_on = collect(
            &mut errors,
            past_date(
                "date access was removed",
                self.access_removed_on.as_deref(),
                today,
            ),
        );
        if let (Some(Some(_)), Some(None)) = (access_removed_on, end_date) {
            errors.push(PeopleError::AccessRemovedWithoutEnd);
        }
        match (
            name,
            kind,
            start_date,
            end_date,
            background_check,
            access_removed_on,
        ) {
            (
                Some(name),
                Some(kind),
                Some(start_date),
                Some(end_date),
                Some(background_check),
                Some(access_removed_on),
            ) if errors.is_empty() => Ok(PersonFields {
                name,
                role,
                kind,
                start_date,
                end_date,
                background_check,
                training,
                acknowledgements,
                access_removed_on,
            }),
            _ => Err(errors),
        }
    }

    /// Checks the input; the first problem found is the error. See [`PersonInput::check_all`].
    pub fn check(
        &self,
        today: NaiveDate,
        version_exists: impl Fn(&str, u32) -> bool,
    ) -> Result<PersonFields, PeopleError> {
        self.check_all(today, version_exists)
            .map_err(|mut e| e.swap_remove(0))
    }

    fn background(&self, today: NaiveDate) -> Result<BackgroundCheck, PeopleError> {
        let date = blank_to_none(self.background_check_date.as_deref());
        let status = match check_status(&self.background_check)? {
            CheckStatus::Unstated if date.is_some() => CheckStatus::Done,
            CheckStatus::Unstated => CheckStatus::NotRecorded,
            s => s,
        };
        match status {
            CheckStatus::Done => {
                let on = past_date("background check date", date, today)?
                    .ok_or(PeopleError::BackgroundCheckDateMissing)?;
                Ok(BackgroundCheck::Done { on })
            }
            CheckStatus::NotRequired => {
                let reason = blank_to_none(self.background_check_reason.as_deref())
                    .ok_or(PeopleError::BackgroundCheckReasonMissing)?;
                check_len(
                    reason,
                    "reason no background check is required",
                    MAX_TEXT_CHARS,
                )?;
                Ok(BackgroundCheck::NotRequired {
                    reason: reason.to_string(),
                })
            }
            CheckStatus::NotRecorded | CheckStatus::Unstated => Ok(BackgroundCheck::NotRecorded),
        }
    }

    /// A new person, at version 1. `existing` are the names already in the register.
    pub fn build(
        &self,
        existing: &[String],
        today: NaiveDate,
        version_exists: impl Fn(&str, u32) -> bool,
    ) -> Result<Person, PeopleError> {
        let f = self.check(today, version_exists)?;
        unique(&f.name, existing, None)?;
        Ok(Person::from_fields(f, 1))
    }
}

/// Refuses a name already in `existing` (ignoring letter case), except the person's own
/// former name `own`.
fn unique(name: &str, existing: &[String], own: Option<&str>) -> Result<(), PeopleError> {
    let key = name_key(name);
    let own = own.map(name_key);
    if let Some(clash) = existing
        .iter()
        .find(|n| name_key(n) == key && own.as_deref() != Some(key.as_str()))
    {
        return Err(PeopleError::DuplicatePerson(clash.trim().to_string()));
    }
    Ok(())
}

impl Person {
    fn from_fields(f: PersonFields, version: u32) -> Person {
        Person {
            name: f.name,
            role: f.role,
            kind: f.kind,
            start_date: f.start_date,
            end_date: f.end_date,
            background_check: f.background_check,
            training: f.training,
            acknowledgements: f.acknowledgements,
            access_removed_on: f.access_removed_on,
            version,
        }
    }

    /// The person changed by `input`, made on `version` (refused when someone saved a change
    /// in between). `existing` are the register's names (this person's own name may be among
    /// them). An acknowledgement already on the person is kept even if `version_exists` no
    /// longer knows its policy version.
    pub fn edit(
        &self,
        version: u32,
        input: &PersonInput,
        existing: &[String],
        today: NaiveDate,
        version_exists: impl Fn(&str, u32) -> bool,
    ) -> Result<Person, PeopleError> {
        if version != self.version {
            return Err(PeopleError::StaleVersion {
                yours: version,
                saved: self.version,
            });
        }
        let known = |p: &str, v: u32| {
            self.acknowledgements
                .iter()
                .any(|a| a.policy_id == p && a.version == v)
                || version_exists(p, v)
        };
        let f = input.check(today, known)?;
        unique(&f.name, existing, Some(&self.name))?;
        Ok(Person::from_fields(f, self.version + 1))
    }

    /// The person as an input, to fill the edit form.
    pub fn to_input(&self) -> PersonInput {
        let (status, date, reason) = match &self.background_check {
            BackgroundCheck::Done { on } => ("done", Some(on.to_string()), None),
            BackgroundCheck::NotRequired { reason } => ("not_required", None, Some(reason.clone())),
            BackgroundCheck::NotRecorded => ("not_recorded", None, None),
        };
        PersonInput {
            name: self.name.clone(),
            role: self.role.clone(),
            kind: self.kind.as_str().to_string(),
            start_date: self.start_date.map(|d| d.to_string()),
            end_date: self.end_date.map(|d| d.to_string()),
            background_check: status.to_string(),
            background_check_date: date,
            background_check_reason: reason,
            training: self.training.iter().map(|d| d.to_string()).collect(),
            acknowledgements: self
                .acknowledgements
                .iter()
                .map(|a| AcknowledgementInput {
                    policy_id: a.policy_id.clone(),
                    version: a.version,
                    on: a.on.to_string(),
                })
                .collect(),
            access_removed_on: self.access_removed_on.map(|d| d.to_string()),
        }
    }

    /// Whether they work here on `today`: started (or no start date recorded) and not yet
    /// gone (no end date, or an end date today or later).
    pub fn is_working(&self, today: NaiveDate) -> bool {
        self.start_date.is_none_or(|s| s <= today) && self.end_date.is_none_or(|e| e >= today)
    }

    /// The latest security awareness training.
    pub fn latest_training(&self) -> Option<NaiveDate> {
        self.training.iter().max().copied()
    }

    /// The acknowledgement of this version of this policy, if any.
    pub fn acknowledgement(&self, policy_id: &str, version: u32) -> Option<&Acknowledgement> {
        self.acknowledgements
            .iter()
            .find(|a| a.policy_id == policy_id && a.version == version)
    }

    /// The latest version of this policy they acknowledged.
    pub fn latest_acknowledged_version(&self, policy_id: &str) -> Option<u32> {
        self.acknowledgements
            .iter()
            .filter(|a| a.policy_id == policy_id)
            .map(|a| a.version)
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    const TODAY: (i32, u32, u32) = (2026, 6, 1);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    fn any_version(_: &str, _: u32) -> bool {
        true
    }

    fn dana() -> PersonInput {
        PersonInput {
            name: "  Dana Ruiz ".into(),
            role: " CTO ".into(),
            kind: "Contractor".into(),
            start_date: Some("2025-01-06".into()),
            background_check: "done".into(),
            background_check_date: Some("2024-12-20".into()),
            training: vec![
                "2026-01-10".into(),
                " ".into(),
                "2025-01-08".into(),
                "2026-01-10".into(),
            ],
            acknowledgements: vec![
                AcknowledgementInput {
                    policy_id: "infosec".into(),
                    version: 2,
                    on: "2026-02-01".into(),
                },
                AcknowledgementInput {
                    policy_id: "infosec".into(),
                    version: 2,
                    on: "2026-01-15".into(),
                },
            ],
            ..PersonInput::default()
        }
    }

    fn codes(input: &PersonInput) -> Vec<&'static str> {
        match input.check_all(today(), any_version) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(PeopleError::code).collect(),
        }
    }

    #[test]
    fn a_person_is_cleaned_and_built_at_version_one() {
        let p = dana().build(&[], today(), any_version).expect("person");
        assert_eq!(p.name, "Dana Ruiz");
        assert_eq!(p.role, "CTO");
        assert_eq!(p.kind, PersonKind::Contractor);
        assert_eq!(p.start_date, Some(d(2025, 1, 6)));
        assert_eq!(p.end_date, None);
        assert_eq!(
            p.background_check,
            BackgroundCheck::Done {
                on: d(2024, 12, 20)
            }
        );
        assert_eq!(p.training, [d(2025, 1, 8), d(2026, 1, 10)]);
        assert_eq!(
            p.acknowledgements,
            [Acknowledgement {
                policy_id: "infosec".into(),
                version: 2,
                on: d(2026, 1, 15)
            }]
        );
        assert_eq!(p.version, 1);
        assert_eq!(p.latest_training(), Some(d(2026, 1, 10)));
        assert_eq!(p.latest_acknowledged_version("infosec"), Some(2));
        assert!(p.acknowledgement("infosec", 1).is_none());
        // The edit form round-trips.
        let again = p
            .to_input()
            .check(today(), any_version)
            .expect("round trip");
        assert_eq!(Person::from_fields(again, 1), p);
    }

    #[test]
    fn blank_kind_is_an_employee_and_hr_words_are_understood() {
        for (t, k) in [
            ("", PersonKind::Employee),
            ("Full-time", PersonKind::Employee),
            ("part time", PersonKind::Employee),
            ("EMPLOYEE", PersonKind::Employee),
            ("Contract", PersonKind::Contractor),
            ("freelancer", PersonKind::Contractor),
        ] {
            assert_eq!(PersonKind::parse(t), Ok(k), "{t}");
        }
        let e = PersonKind::parse(" board ").expect_err("unknown");
        assert_eq!(e, PeopleError::InvalidKind("board".into()));
        assert!(e.to_string().contains("employee or contractor"));
    }

    #[test]
    fn end_date_may_equal_the_start_date_but_not_come_before_it() {
        let mut p = dana();
        p.end_date = Some("2025-01-06".into());
        assert_eq!(codes(&p), Vec::<&str>::new());
        p.end_date = Some("2025-01-05".into());
        assert_eq!(codes(&p), ["end_before_start"]);
        let e = p.check(today(), any_version).expect_err("refused");
        assert_eq!(
            e.to_string(),
            "The end date (2025-01-05) comes before the start date (2025-01-06). Check both dates."
        );
        // Start and end may both lie ahead: a hire who signed, a leaver on notice.
        p.start_date = Some("2026-07-01".into());
        p.end_date = Some("2026-12-31".into());
        assert_eq!(codes(&p), Vec::<&str>::new());
    }

    #[test]
    fn what_already_happened_cannot_be_dated_after_today() {
        let on_today = "2026-06-01".to_string();
        let tomorrow = "2026-06-02".to_string();
        let mut p = dana();
        p.end_date = Some("2026-05-29".into());
        p.training = vec![on_today.clone()];
        p.background_check_date = Some(on_today.clone());
        p.acknowledgements[0].on = on_today.clone();
        p.acknowledgements.truncate(1);
        p.access_removed_on = Some(on_today.clone());
        assert_eq!(codes(&p), Vec::<&str>::new(), "today itself is fine");
        p.training = vec![tomorrow.clone()];
        p.background_check_date = Some(tomorrow.clone());
        p.acknowledgements[0].on = tomorrow.clone();
        p.access_removed_on = Some(tomorrow.clone());
        assert_eq!(codes(&p), ["date_in_future"; 4]);
        let all = p.check_all(today(), any_version).expect_err("refused");
        let text: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert!(
            text[0].contains("background check date 2026-06-02 is after today"),
            "{text:?}"
        );
        assert!(text[1].contains("security training date"), "{text:?}");
        assert!(text[2].contains("acknowledgement date"), "{text:?}");
        assert!(text[3].contains("date access was removed"), "{text:?}");
    }

    #[test]
    fn every_problem_is_named_and_check_gives_the_first() {
        let p = PersonInput {
            name: "   ".into(),
            kind: "board member".into(),
            start_date: Some("2026-3-5".into()),
            end_date: Some("31/12/2026".into()),
            background_check: "maybe".into(),
            training: vec!["last year".into()],
            access_removed_on: Some("2026-02-30".into()),
            ..PersonInput::default()
        };
        assert_eq!(
            codes(&p),
            [
                "empty_person_name",
                "invalid_person_kind",
                "invalid_date",
                "invalid_date",
                "invalid_background_check",
                "invalid_date",
                "invalid_date"
            ]
        );
        assert_eq!(
            p.check(today(), any_version).map_err(|e| e.code()),
            Err("empty_person_name")
        );
    }

    #[test]
    fn background_check_needs_a_date_when_done_and_a_reason_when_not_required() {
        let base = PersonInput {
            name: "Sam".into(),
            ..PersonInput::default()
        };
        let bc = |status: &str, date: Option<&str>, reason: Option<&str>| {
            PersonInput {
                background_check: status.into(),
                background_check_date: date.map(Into::into),
                background_check_reason: reason.map(Into::into),
                ..base.clone()
            }
            .check(today(), any_version)
            .map(|f| f.background_check)
            .map_err(|e| e.code())
        };
        assert_eq!(bc("", None, None), Ok(BackgroundCheck::NotRecorded));
        assert_eq!(
            bc("not_recorded", Some("2026-01-01"), None),
            Ok(BackgroundCheck::NotRecorded)
        );
        assert_eq!(bc("No", None, None), Ok(BackgroundCheck::NotRecorded));
        assert_eq!(
            bc("", Some("2026-01-01"), None),
            Ok(BackgroundCheck::Done { on: d(2026, 1, 1) }),
            "a date alone means done"
        );
        assert_eq!(bc("Yes", None, None), Err("background_check_date_missing"));
        assert_eq!(
            bc("done", Some(" "), None),
            Err("background_check_date_missing")
        );
        assert_eq!(
            bc("not required", None, Some("  ")),
            Err("background_check_reason_missing")
        );
        assert_eq!(
            bc("Not required", None, Some(" no access to customer data ")),
            Ok(BackgroundCheck::NotRequired {
                reason: "no access to customer data".into()
            })
        );
        assert_eq!(bc("perhaps", None, None), Err("invalid_background_check"));
    }

    #[test]
    fn access_removal_is_only_recorded_for_someone_with_an_end_date() {
        let mut p = dana();
        p.access_removed_on = Some("2026-05-01".into());
        assert_eq!(codes(&p), ["access_removed_without_end"]);
        p.end_date = Some("2026-04-30".into());
        assert_eq!(codes(&p), Vec::<&str>::new());
    }

    #[test]
    fn an_acknowledgement_of_a_version_that_does_not_exist_is_refused() {
        let exists = |id: &str, v: u32| id == "infosec" && (1..=2).contains(&v);
        let mut p = dana();
        assert!(p.check(today(), exists).is_ok());
        p.acknowledgements[1].version = 3;
        let e = p.check(today(), exists).expect_err("refused");
        assert_eq!(e.code(), "unknown_policy_version");
        assert_eq!(
            e.to_string(),
            "Version 3 of the policy \"infosec\" does not exist, so it cannot have been acknowledged. Choose a version the Policies tab lists."
        );
        p.acknowledgements[1].version = 2;
        p.acknowledgements[1].on = " ".into();
        assert_eq!(codes(&p), ["date_missing"]);
    }

    #[test]
    fn formula_looking_names_and_roles_are_refused() {
        let mut p = dana();
        p.name = "=HYPERLINK(\"http://x\")".into();
        p.role = "@SUM(A1)".into();
        assert_eq!(codes(&p), ["formula_text", "formula_text"]);
        p.name = "-Dana".into();
        p.role = "-".into();
        assert_eq!(codes(&p), ["formula_text"]);
    }

    #[test]
    fn long_text_is_refused() {
        let mut p = dana();
        p.name = "x".repeat(201);
        p.role = "y".repeat(301);
        assert_eq!(codes(&p), ["too_long", "too_long"]);
    }

    #[test]
    fn names_are_unique_ignoring_case_and_edits_are_versioned() {
        let existing = vec!["Dana Ruiz".to_string(), "Léa Martin".to_string()];
        let e = dana()
            .build(&existing, today(), any_version)
            .expect_err("dup");
        assert_eq!(e, PeopleError::DuplicatePerson("Dana Ruiz".into()));
        let mut lea = dana();
        lea.name = "LÉA MARTIN".into();
        assert_eq!(
            lea.build(&existing, today(), any_version)
                .map_err(|e| e.code()),
            Err("duplicate_person")
        );

        let p = dana().build(&[], today(), any_version).expect("person");
        // Keeping one's own name (in another case) is not a duplicate.
        let mut input = p.to_input();
        input.name = "dana ruiz".into();
        input.end_date = Some("2026-05-29".into());
        let edited = p
            .edit(1, &input, &existing, today(), any_version)
            .expect("edit");
        assert_eq!(edited.version, 2);
        assert_eq!(edited.name, "dana ruiz");
        assert_eq!(edited.end_date, Some(d(2026, 5, 29)));
        // Renaming onto someone else is.
        input.name = "léa martin".into();
        assert_eq!(
            p.edit(1, &input, &existing, today(), any_version)
                .map_err(|e| e.code()),
            Err("duplicate_person")
        );
        // A stale version is refused.
        let e = edited
            .edit(1, &edited.to_input(), &existing, today(), any_version)
            .expect_err("stale");
        assert_eq!(e, PeopleError::StaleVersion { yours: 1, saved: 2 });
        // Acknowledgements already held survive even if the policy version is gone.
        let kept = edited
            .edit(2, &edited.to_input(), &existing, today(), |_, _| false)
            .expect("kept");
        assert_eq!(kept.acknowledgements, edited.acknowledgements);
        let mut more = edited.to_input();
        more.acknowledgements.push(AcknowledgementInput {
            policy_id: "aup".into(),
            version: 1,
            on: "2026-05-01".into(),
        });
        assert_eq!(
            edited
                .edit(2, &more, &existing, today(), |_, _| false)
                .map_err(|e| e.code()),
            Err("unknown_policy_version")
        );
    }

    #[test]
    fn working_means_started_and_not_yet_gone() {
        let mut p = dana().build(&[], today(), any_version).expect("person");
        assert!(p.is_working(today()));
        p.end_date = Some(today());
        assert!(p.is_working(today()), "the last day still counts");
        p.end_date = today().pred_opt();
        assert!(!p.is_working(today()));
        p.end_date = None;
        p.start_date = today().succ_opt();
        assert!(!p.is_working(today()), "not started yet");
        p.start_date = Some(today());
        assert!(p.is_working(today()));
        p.start_date = None;
        assert!(p.is_working(today()));
    }

    #[test]
    fn a_person_reads_back_from_json() {
        let p = dana().build(&[], today(), any_version).expect("person");
        let json = serde_json::to_string(&p).expect("json");
        assert!(json.contains("\"status\":\"done\""), "{json}");
        let back: Person = serde_json::from_str(&json).expect("back");
        assert_eq!(back, p);
        let minimal: Person =
            serde_json::from_str(r#"{"name":"Sam","kind":"employee","version":1}"#)
                .expect("minimal");
        assert_eq!(minimal.background_check, BackgroundCheck::NotRecorded);
    }
}
