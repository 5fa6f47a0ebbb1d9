//! The scoping wizard's rules: from a company profile to a recommended report kind and type and
//! the Trust Services categories to include, each with the reason in one sentence. The user can
//! override all of it; a category left out carries a justification for the auditor.
//!
//! Every reason follows the answers given: a reason never states something the user said is not
//! so. The Type 1 / Type 2 decision and the window come from [`crate::timeline::schedule`], and
//! the reason is worded from the same dates. Rules that are common practice rather than
//! requirements say so.

use chrono::NaiveDate;
use preflight_catalog::Catalog;
use serde::Serialize;

use crate::profile::{CompanyProfile, CustomerAsk, PersonalInfo, PrivacyRole, TransactionKind};
use crate::timeline::{schedule, PlannedReport, ScheduleInput};
use crate::{ReportKind, ReportType};

pub use crate::timeline::months_between;

/// A recommended choice and why, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reasoned<T> {
    pub value: T,
    pub reason: String,
}

/// A Trust Services category with whether it is recommended, why, and (when left out) the
/// justification suggested for the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryAdvice {
    pub category: String,
    pub include: bool,
    pub required: bool,
    pub reason: String,
    /// Suggested wording for the auditor when the category is left out.
    pub exclusion_justification: String,
}

/// A question suggested as Not applicable, with the reason to record in its note. It stays in
/// the questionnaire: the user confirms or changes the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotApplicable {
    pub question: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub kind: Reasoned<ReportKind>,
    pub report_type: Reasoned<ReportType>,
    /// The Type 2 observation window in months, if a Type 2 is prepared now.
    pub observation_months: u32,
    /// The day that window opens.
    pub window_start: NaiveDate,
    /// The recommended path with its dates: one report, or a Type 1 then a Type 2.
    pub path: Vec<PlannedReport>,
    /// Timing notes: practice rules to confirm with the auditor, the bridge letter for SOC 1.
    pub notes: Vec<String>,
    pub categories: Vec<CategoryAdvice>,
    /// SOC 1 objective templates to start from (when SOC 1 is recommended).
    pub objectives: Vec<String>,
    /// Other reports worth asking the CPA firm about.
    pub also: Vec<String>,
    /// Questions that cannot apply to this company, suggested as Not applicable.
    pub not_applicable: Vec<NotApplicable>,
}

/// Applies the rules. `today` anchors the timeline the report type is decided from.
pub fn recommend(catalog: &Catalog, p: &CompanyProfile, today: NaiveDate) -> Recommendation {
    let financial = p.transactions != TransactionKind::None;
    let asked_soc2 = matches!(
        p.customer_ask,
        CustomerAsk::Soc2Type1 | CustomerAsk::Soc2Type2
    );
    let mut also = Vec::new();

    let kind = if p.customer_ask == CustomerAsk::Soc1 {
        Reasoned {
            value: ReportKind::Soc1,
            reason: "Your customers are asking for a SOC 1.".into(),
        }
    } else if financial && !asked_soc2 {
        Reasoned {
            value: ReportKind::Soc1,
            reason: format!(
                "You run {} for your customers, and it lands in their financial statements, so their financial auditors will ask for a SOC 1.",
                transactions_phrase(p.transactions)
            ),
        }
    } else {
        if financial {
            also.push(format!(
                "You also run {} for your customers, which lands in their financial statements: their auditors may ask for a SOC 1 as well.",
                transactions_phrase(p.transactions)
            ));
        }
        Reasoned {
            value: ReportKind::Soc2,
            reason: soc2_reason(p).into(),
        }
    };

    if kind.value == ReportKind::Soc1 {
        let grounds = soc2_grounds(p);
        if !grounds.is_empty() || asked_soc2 {
            let why = if grounds.is_empty() {
                "your customers also ask for a SOC 2".to_string()
            } else {
                join_and(&grounds)
            };
            also.push(format!(
                "Your answers also point to a SOC 2 ({why}). A SOC 1 covers only what affects your customers' financial reporting; their security reviews look for a SOC 2. Many CPA firms examine both from the same controls and evidence: ask about doing them together."
            ));
        }
    }
    if p.public_seal {
        also.push(if kind.value == ReportKind::Soc1 {
            "You want a report you can publish. A SOC 1 is only for your customers and their auditors; a public SOC 3 is issued from a SOC 2 examination, so it means adding a SOC 2.".into()
        } else {
            "You want a report you can publish: companies that want a public report add a SOC 3. It is issued from the same SOC 2 examination, with no second audit, so ask your CPA firm to include it.".into()
        });
    }

    let plan = schedule(&ScheduleInput {
        today,
        soc1: kind.value == ReportKind::Soc1,
        first_report: p.first_report,
        previous_type: p.previous_type,
        previous_period_end: p.previous_period_end,
        year_end_month: p.year_end_month(),
        target: p.target_date,
        type1_accepted: p.first_report && p.customer_ask == CustomerAsk::Soc2Type1,
    });
    let mut type_reason = plan.reason.clone();
    if p.customer_ask == CustomerAsk::Soc2Type2 && plan.report_type == ReportType::Type1 {
        type_reason.push_str(" Your customers ask for a Type 2: until it is ready, the Type 1 shows them your controls are designed and in place.");
    }

    let categories = catalog
        .categories
        .iter()
        .map(|c| {
            let rule = category_rule(&c.id, p);
            CategoryAdvice {
                category: c.id.clone(),
                include: c.required || rule.include,
                required: c.required,
                reason: if c.required {
                    "Security is required in every SOC 2 and SOC 3.".into()
                } else {
                    rule.reason
                },
                exclusion_justification: rule.justification,
            }
        })
        .collect();

    let objectives = if kind.value == ReportKind::Soc1 {
        catalog
            .objectives
            .iter()
            .filter(|o| {
                o.area.starts_with("IT general")
                    || (p.transactions == TransactionKind::Payroll && o.area.contains("Payroll"))
                    || (matches!(
                        p.transactions,
                        TransactionKind::Billing | TransactionKind::Other
                    ) && o.area.contains("SaaS"))
            })
            .map(|o| o.id.clone())
            .collect()
    } else {
        Vec::new()
    };

    Recommendation {
        kind,
        report_type: Reasoned {
            value: plan.report_type,
            reason: type_reason,
        },
        observation_months: plan.observation_months,
        window_start: plan.window.start,
        path: plan.path,
        notes: plan.notes,
        categories,
        objectives,
        also,
        not_applicable: suggested_not_applicable(catalog, p),
    }
}

fn transactions_phrase(t: TransactionKind) -> &'static str {
    match t {
        TransactionKind::Payroll => "payroll",
        TransactionKind::Billing => "billing or invoicing",
        TransactionKind::Other | TransactionKind::None => "payments or accounting",
    }
}

/// Why a SOC 2, from what the user said (never "you hold customer data" when they said no, nor
/// "what customers ask for" when nobody asks).
fn soc2_reason(p: &CompanyProfile) -> &'static str {
    let holds_data = p.customer_data || p.confidential_data || handles_end_user_data(p);
    match (p.customer_ask, holds_data) {
        (CustomerAsk::Soc2Type1 | CustomerAsk::Soc2Type2, _) => {
            "Your customers are asking for a SOC 2."
        }
        (CustomerAsk::NothingYet, true) => {
            "Nobody is asking yet. You hold or process customer data, so a SOC 2 is the report to have ready when someone does."
        }
        (CustomerAsk::NothingYet, false) => {
            "Nobody is asking yet and you hold no customer data, so you may not need a report now. If you prepare one, a SOC 2 is the general report on how a service keeps its systems secure."
        }
        (_, true) => {
            "You hold or process customer data, and a SOC 2 is the report customers usually ask of a service that does."
        }
        (_, false) => {
            "You hold no customer data, so check first whether anyone needs a report. If they do, a SOC 2 is the general report on how a service keeps its systems secure."
        }
    }
}

/// The answers that support a SOC 2 next to a SOC 1, in words.
fn soc2_grounds(p: &CompanyProfile) -> Vec<&'static str> {
    let mut g = Vec::new();
    if p.customer_data {
        g.push("you hold or process customer data");
    }
    if p.confidential_data {
        g.push("you hold information you have promised to keep confidential");
    }
    if p.uptime_commitment {
        g.push("you promise an uptime level");
    }
    if handles_end_user_data(p) {
        g.push("you handle personal information of your customers' end users");
    }
    g
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn handles_end_user_data(p: &CompanyProfile) -> bool {
    matches!(
        p.personal_info,
        PersonalInfo::EndUsers | PersonalInfo::Sensitive
    )
}

struct Rule {
    include: bool,
    reason: String,
    justification: String,
}

fn rule(include: bool, reason: &str, justification: &str) -> Rule {
    Rule {
        include,
        reason: reason.into(),
        justification: justification.into(),
    }
}

const PRIVACY_NOT_COLLECTED: &str = "The service does not collect or process personal information of individuals beyond business contacts.";
const PRIVACY_PROCESSOR: &str = "The service processes personal information only on behalf of its customers and on their instructions. The customers decide what is collected and why, and are responsible for notice, consent and requests from the people concerned.";

/// Whether an optional category is suggested, why, and the justification if it is left out.
fn category_rule(id: &str, p: &CompanyProfile) -> Rule {
    let processor = p.privacy_role == PrivacyRole::Processor && handles_end_user_data(p);
    match id {
        "availability" if p.uptime_commitment => rule(
            true,
            "You promise an uptime level in your contracts, so Availability.",
            "Customer contracts make no availability or uptime commitment.",
        ),
        "availability" => rule(
            false,
            "Your contracts promise no uptime level, so Availability is optional.",
            "Customer contracts make no availability or uptime commitment.",
        ),
        "confidentiality" if p.confidential_data => rule(
            true,
            "You hold information you have promised to keep confidential (your customers' or your own), so Confidentiality.",
            "The company holds no information, from customers or its own, that it has committed to keep confidential beyond what Security covers.",
        ),
        "confidentiality" if processor => rule(
            true,
            "You process personal information for your customers: keeping it confidential and deleting it when they ask is what they rely on you for, so Confidentiality.",
            "The company holds no information, from customers or its own, that it has committed to keep confidential beyond what Security covers.",
        ),
        "confidentiality" => rule(
            false,
            "You do not receive customers' confidential information, so Confidentiality is optional.",
            "The company holds no information, from customers or its own, that it has committed to keep confidential beyond what Security covers.",
        ),
        "processing_integrity" if p.transactions != TransactionKind::None => rule(
            true,
            "You process transactions for customers that end up in their financial statements, so Processing Integrity.",
            "Customers do not rely on the service for calculations or transaction processing.",
        ),
        "processing_integrity" if p.processing_accuracy => rule(
            true,
            "Customers use your system's results as final, without checking them, so Processing Integrity.",
            "Customers do not rely on the service for calculations or transaction processing.",
        ),
        "processing_integrity" => rule(
            false,
            "Customers do not take your system's results as final (reports and analytics that inform their decisions do not count), so Processing Integrity is optional.",
            "Customers do not rely on the service for calculations or transaction processing whose results they use as final.",
        ),
        "privacy" if processor => rule(
            false,
            "You only process personal information for your customers, on their instructions. Many privacy criteria (notice, consent, people's access to and correction of their data) then fall to your customers, who decide what is collected and why. Security and Confidentiality cover what they rely on you for, so Privacy is optional: include it if customers ask for it, and confirm with your auditor.",
            PRIVACY_PROCESSOR,
        ),
        "privacy" if handles_end_user_data(p) && p.privacy_role == PrivacyRole::Controller => rule(
            true,
            "You decide what personal information of your customers' end users is collected and why, so Privacy.",
            PRIVACY_NOT_COLLECTED,
        ),
        "privacy" if handles_end_user_data(p) => rule(
            true,
            "You handle personal information of your customers' end users, so Privacy. If you only process it for your customers, on their instructions, say so: many privacy criteria then fall to them.",
            PRIVACY_NOT_COLLECTED,
        ),
        "privacy" => rule(
            false,
            "You hold no personal information beyond business contacts, so Privacy is optional.",
            PRIVACY_NOT_COLLECTED,
        ),
        _ => rule(false, "Optional.", "Not relevant to the service commitments."),
    }
}

/// Questions about an office that a company without one cannot answer Yes or No to: entry to
/// the office, keys and badges, visitors (all physical access, CC6.4).
pub const OFFICE_QUESTIONS: [&str; 3] = ["cc6-office-access", "cc6-badge-return", "cc6-visitors"];

/// The questions this company's answers show cannot apply, each with the reason to record. A
/// company without an office has no office entry, badges or visitors to control; the physical
/// security of its servers is its cloud host's, checked through the host's SOC report (a
/// question that stays). Suggested only, never hidden: the user confirms each answer.
pub fn suggested_not_applicable(catalog: &Catalog, p: &CompanyProfile) -> Vec<NotApplicable> {
    if p.has_office != Some(false) {
        return Vec::new();
    }
    let who = match p.head_count {
        Some(1) => "the company's one person works remotely".to_string(),
        Some(n) if n > 0 => format!("all {n} of us work remotely"),
        _ => "everyone works remotely".to_string(),
    };
    let reason = format!(
        "We have no office: {who}. There is no office entry, badge or visitor to control, and our servers sit in our cloud host's data centers, covered by its SOC report."
    );
    OFFICE_QUESTIONS
        .iter()
        .filter(|id| catalog.question(id).is_some())
        .map(|id| NotApplicable {
            question: (*id).to_string(),
            reason: reason.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{long_date, timeline, BRIDGE_LETTER};
    use chrono::Datelike;

    fn catalog() -> &'static Catalog {
        preflight_catalog::embedded().expect("catalog")
    }
    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }
    fn today() -> NaiveDate {
        d(2026, 11, 24)
    }
    fn included(r: &Recommendation) -> Vec<&str> {
        r.categories
            .iter()
            .filter(|c| c.include)
            .map(|c| c.category.as_str())
            .collect()
    }
    fn category<'a>(r: &'a Recommendation, id: &str) -> &'a CategoryAdvice {
        r.categories
            .iter()
            .find(|c| c.category == id)
            .expect("category")
    }
    /// Every sentence the wizard shows for a recommendation.
    fn all_texts(r: &Recommendation) -> Vec<String> {
        let mut t = vec![r.kind.reason.clone(), r.report_type.reason.clone()];
        t.extend(r.categories.iter().map(|c| c.reason.clone()));
        t.extend(r.also.iter().cloned());
        t.extend(r.notes.iter().cloned());
        t.extend(r.not_applicable.iter().map(|n| n.reason.clone()));
        t
    }
    fn rec(p: CompanyProfile) -> Recommendation {
        recommend(catalog(), &p, today())
    }

    #[test]
    fn a_plain_saas_gets_soc2_type2_with_security_only() {
        let r = rec(CompanyProfile {
            customer_data: true,
            ..Default::default()
        });
        assert_eq!(r.kind.value, ReportKind::Soc2);
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert_eq!(included(&r), vec!["security"]);
        assert!(r
            .categories
            .iter()
            .all(|c| !c.reason.is_empty() && !c.exclusion_justification.is_empty()));
    }

    #[test]
    fn security_is_always_in() {
        for p in [
            CompanyProfile::default(),
            CompanyProfile {
                transactions: TransactionKind::Payroll,
                ..Default::default()
            },
        ] {
            let sec = rec(p)
                .categories
                .into_iter()
                .find(|c| c.category == "security")
                .expect("security");
            assert!(sec.include && sec.required);
        }
    }

    #[test]
    fn payroll_processing_recommends_soc1_with_payroll_objectives() {
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            ..Default::default()
        });
        assert_eq!(r.kind.value, ReportKind::Soc1);
        assert!(r.kind.reason.contains("financial statements"));
        assert!(r.kind.reason.contains("payroll"));
        assert!(r.objectives.iter().any(|o| o.starts_with("ITGC-")));
        assert!(r.objectives.iter().any(|o| o.starts_with("BP-PAY")));
        assert!(!r.objectives.iter().any(|o| o == "BP-BILL"));
    }

    #[test]
    fn payroll_company_asked_for_soc2_gets_soc2_and_a_soc1_note() {
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            customer_ask: CustomerAsk::Soc2Type2,
            ..Default::default()
        });
        assert_eq!(r.kind.value, ReportKind::Soc2);
        assert!(r.also.iter().any(|a| a.contains("SOC 1")));
        assert!(included(&r).contains(&"processing_integrity"));
    }

    #[test]
    fn each_profile_answer_suggests_its_category_with_a_reason() {
        let r = rec(CompanyProfile {
            uptime_commitment: true,
            ..Default::default()
        });
        let a = category(&r, "availability");
        assert!(a.include && a.reason.contains("uptime"));
        let r = rec(CompanyProfile {
            personal_info: PersonalInfo::EndUsers,
            ..Default::default()
        });
        assert!(included(&r).contains(&"privacy"));
        let r = rec(CompanyProfile {
            personal_info: PersonalInfo::BusinessContacts,
            ..Default::default()
        });
        assert!(!included(&r).contains(&"privacy"));
        let r = rec(CompanyProfile {
            confidential_data: true,
            ..Default::default()
        });
        assert!(included(&r).contains(&"confidentiality"));
        let r = rec(CompanyProfile {
            processing_accuracy: true,
            ..Default::default()
        });
        assert!(included(&r).contains(&"processing_integrity"));
    }

    // ---- 1. Type 1 or Type 2, decided from the timeline itself ----

    #[test]
    fn with_no_date_a_first_report_is_a_type2_worded_from_its_own_dates() {
        let r = rec(CompanyProfile::default());
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert_eq!(r.path.len(), 1);
        let window = r.path[0].window.expect("window");
        // Readiness three months from today, a three-month window, six weeks to report.
        assert_eq!(r.window_start, d(2027, 2, 24));
        assert_eq!(window.start, d(2027, 2, 24));
        assert_eq!(window.end, d(2027, 5, 23));
        assert_eq!(r.path[0].expected, d(2027, 7, 7));
        for date in [window.start, window.end, r.path[0].expected] {
            assert!(
                r.report_type.reason.contains(&long_date(date)),
                "{} in {}",
                long_date(date),
                r.report_type.reason
            );
        }
        assert!(r.report_type.reason.contains("3-month window"));
        assert!(!r.report_type.reason.contains("nine months"));
        // The same figures as the timeline the wizard shows next to it.
        let t = timeline(
            ReportType::Type2,
            today(),
            r.observation_months,
            Some(r.window_start),
            None,
        );
        assert_eq!(t.observation, Some(window));
        assert_eq!(t.earliest_report, r.path[0].expected);
    }

    #[test]
    fn a_far_date_gets_a_type2_with_a_longer_first_window() {
        let r = rec(CompanyProfile {
            target_date: Some(d(2028, 1, 1)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert_eq!(r.observation_months, 6);
        let w = r.path[0].window.expect("window");
        assert_eq!((w.start, w.end), (d(2027, 2, 24), d(2027, 8, 23)));
        assert!(r.path[0].expected <= d(2028, 1, 1));
        assert!(
            r.report_type
                .reason
                .contains("in time for your date of 1 January 2028"),
            "{}",
            r.report_type.reason
        );
    }

    #[test]
    fn a_date_a_type2_cannot_make_gives_type1_first_then_type2_with_both_dates() {
        // A Type 2 lands around 7 July 2027; a Type 1 around 24 April 2027.
        let r = rec(CompanyProfile {
            target_date: Some(d(2027, 6, 1)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type1);
        assert_eq!(r.path.len(), 2);
        let (t1, t2) = (&r.path[0], &r.path[1]);
        assert_eq!(t1.report_type, ReportType::Type1);
        assert_eq!(t1.as_of, Some(d(2027, 2, 24)));
        assert_eq!(t1.expected, d(2027, 4, 24));
        assert_eq!(t2.report_type, ReportType::Type2);
        let w = t2.window.expect("window");
        assert_eq!(w.start, d(2027, 2, 25), "the Type 2 opens the day after");
        assert!(t2.expected > t1.expected);
        let reason = &r.report_type.reason;
        for date in [
            d(2027, 7, 7),
            d(2027, 6, 1),
            t1.as_of.expect("as of"),
            t1.expected,
            w.start,
            w.end,
            t2.expected,
        ] {
            assert!(reason.contains(&long_date(date)), "{date} in {reason}");
        }
        assert!(reason.contains("Type 1 first, then Type 2"));
        assert!(!r.notes.iter().any(|n| n.contains("unlikely")));
        // The user who switches to a Type 2 gets the window that opens when readiness is done.
        assert_eq!(r.window_start, d(2027, 2, 24));
    }

    #[test]
    fn a_date_even_a_type1_cannot_make_is_said_plainly() {
        let r = rec(CompanyProfile {
            target_date: Some(d(2027, 1, 15)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type1);
        assert!(r.report_type.reason.contains("fastest report"));
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("Even a Type 1 is unlikely before 24 April 2027")));
    }

    #[test]
    fn customers_who_accept_a_type1_get_one_with_the_type2_after_it() {
        let r = rec(CompanyProfile {
            customer_ask: CustomerAsk::Soc2Type1,
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type1);
        assert!(r.report_type.reason.contains("accept a Type 1"));
        assert_eq!(r.path.len(), 2);
        assert_eq!(r.path[1].report_type, ReportType::Type2);
    }

    #[test]
    fn customers_who_want_a_type2_by_a_near_date_are_told_why_a_type1_comes_first() {
        let r = rec(CompanyProfile {
            customer_ask: CustomerAsk::Soc2Type2,
            target_date: Some(d(2027, 6, 1)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type1);
        assert!(r.report_type.reason.contains("ask for a Type 2"));
    }

    #[test]
    fn timing_is_offered_as_practice_to_confirm_with_the_auditor() {
        for p in [
            CompanyProfile::default(),
            CompanyProfile {
                first_report: false,
                previous_period_end: Some(d(2026, 9, 30)),
                ..Default::default()
            },
            CompanyProfile {
                transactions: TransactionKind::Payroll,
                ..Default::default()
            },
        ] {
            let r = rec(p);
            assert!(
                r.notes.iter().any(|n| n.contains("confirm")),
                "{:?}",
                r.notes
            );
        }
    }

    // ---- 2. Later reports: 12 months from the day after the previous period ended ----

    #[test]
    fn a_later_report_covers_twelve_months_from_the_day_after_the_previous_period() {
        let r = rec(CompanyProfile {
            first_report: false,
            previous_type: Some(ReportType::Type2),
            previous_period_end: Some(d(2026, 9, 30)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert_eq!(r.observation_months, 12);
        assert_eq!(r.window_start, d(2026, 10, 1));
        let w = r.path[0].window.expect("window");
        assert_eq!(w.end, d(2027, 9, 30));
        assert!(r.report_type.reason.contains("30 September 2026"));
        assert!(r.report_type.reason.contains("1 October 2026"));
        assert!(r.report_type.reason.contains("no gap"));
        assert!(r.notes.iter().any(|n| n.contains("12 months")));
        // Type 2 when the previous type is not given, too.
        let r = rec(CompanyProfile {
            first_report: false,
            previous_period_end: Some(d(2026, 9, 30)),
            ..Default::default()
        });
        assert_eq!((r.observation_months, r.window_start), (12, d(2026, 10, 1)));
        // A later report is never pushed back to a Type 1.
        let r = rec(CompanyProfile {
            first_report: false,
            previous_period_end: Some(d(2026, 9, 30)),
            customer_ask: CustomerAsk::Soc2Type1,
            target_date: Some(d(2027, 1, 1)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert!(r.notes.iter().any(|n| n.contains("1 January 2027")));
    }

    #[test]
    fn a_window_that_already_closed_is_pointed_out() {
        let r = rec(CompanyProfile {
            first_report: false,
            previous_period_end: Some(d(2025, 3, 31)),
            ..Default::default()
        });
        assert_eq!(r.window_start, d(2025, 4, 1));
        assert!(r.notes.iter().any(|n| n.contains("already closed")));
    }

    #[test]
    fn after_a_type1_the_type2_window_opens_the_next_day() {
        let r = rec(CompanyProfile {
            first_report: false,
            previous_type: Some(ReportType::Type1),
            previous_period_end: Some(d(2026, 12, 31)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type2);
        assert_eq!(r.window_start, d(2027, 1, 1));
        assert_eq!(r.observation_months, 3, "the first Type 2 window rule");
        assert!(r.report_type.reason.contains("31 December 2026"));
    }

    #[test]
    fn a_later_report_without_the_date_asks_for_it() {
        let r = rec(CompanyProfile {
            first_report: false,
            ..Default::default()
        });
        assert_eq!(r.observation_months, 12);
        assert!(r.report_type.reason.contains("Enter that date"));
    }

    #[test]
    fn first_reports_get_a_short_window_and_later_ones_twelve_months() {
        assert_eq!(rec(CompanyProfile::default()).observation_months, 3);
        assert_eq!(
            rec(CompanyProfile {
                first_report: false,
                previous_period_end: Some(d(2026, 10, 31)),
                ..Default::default()
            })
            .observation_months,
            12
        );
    }

    // ---- 3. SOC 1: at least six months, ending at the customers' year end; bridge letter ----

    #[test]
    fn a_first_soc1_window_ends_at_the_customers_year_end() {
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            ..Default::default()
        });
        assert_eq!(r.kind.value, ReportKind::Soc1);
        assert_eq!(r.report_type.value, ReportType::Type2);
        let w = r.path[0].window.expect("window");
        assert_eq!((w.start, w.end), (d(2027, 3, 1), d(2027, 12, 31)));
        assert_eq!(r.observation_months, 10);
        assert!(r.notes.iter().any(|n| n.contains("no bridge letter")));
        assert!(r.notes.iter().any(|n| n == BRIDGE_LETTER));
        // The window the form fills in is the one the timeline draws.
        let t = timeline(
            ReportType::Type2,
            today(),
            r.observation_months,
            Some(r.window_start),
            None,
        );
        assert_eq!(t.observation, Some(w));
        // A June year end: too close for six months in 2027, so June 2028 (twelve months).
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            customers_year_end_month: Some(6),
            ..Default::default()
        });
        let w = r.path[0].window.expect("window");
        assert_eq!((w.start, w.end), (d(2027, 7, 1), d(2028, 6, 30)));
        assert!(r.notes.iter().any(|n| n.contains("June")));
    }

    #[test]
    fn a_first_soc1_window_is_never_under_six_months_and_ends_at_a_month_end() {
        let mut day = d(2026, 1, 1);
        while day < d(2028, 1, 1) {
            for month in 1..=12 {
                let w = crate::timeline::soc1_first_window(day, month);
                let months = months_between(w.start, w.end.succ_opt().expect("next"));
                assert!((6..=12).contains(&months), "{day} {month}: {w:?}");
                assert_eq!(w.end.month(), month);
                assert_eq!(w.end.succ_opt().expect("next").day(), 1);
                assert!(w.start >= day);
            }
            day = day + chrono::Days::new(11);
        }
    }

    #[test]
    fn the_bridge_letter_says_who_writes_it_and_what_it_says() {
        assert!(BRIDGE_LETTER.contains("management (not the auditor)"));
        assert!(BRIDGE_LETTER.contains("period"));
        assert!(BRIDGE_LETTER.contains("changed"));
        assert!(BRIDGE_LETTER.contains("does not replace the report"));
        assert!(!rec(CompanyProfile::default())
            .notes
            .iter()
            .any(|n| n == BRIDGE_LETTER));
    }

    #[test]
    fn a_later_soc1_period_off_the_year_end_needs_a_bridge_letter() {
        let r = rec(CompanyProfile {
            customer_ask: CustomerAsk::Soc1,
            first_report: false,
            previous_period_end: Some(d(2026, 9, 30)),
            ..Default::default()
        });
        assert_eq!(r.observation_months, 12);
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("will ask for a bridge letter")));
    }

    #[test]
    fn a_soc1_on_a_near_date_is_type1_first_then_a_six_month_type2() {
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            target_date: Some(d(2027, 6, 1)),
            ..Default::default()
        });
        assert_eq!(r.report_type.value, ReportType::Type1);
        let w = r.path[1].window.expect("window");
        assert!(months_between(w.start, w.end.succ_opt().expect("next")) >= 6);
        assert_eq!(w.end, d(2027, 12, 31));
    }

    #[test]
    fn soc2_is_offered_next_to_soc1_when_the_answers_support_it() {
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            customer_data: true,
            uptime_commitment: true,
            ..Default::default()
        });
        assert_eq!(r.kind.value, ReportKind::Soc1);
        let soc2 = r
            .also
            .iter()
            .find(|a| a.contains("point to a SOC 2"))
            .expect("SOC 2 offered");
        assert!(soc2.contains("you hold or process customer data and you promise an uptime level"));
        let r = rec(CompanyProfile {
            transactions: TransactionKind::Payroll,
            ..Default::default()
        });
        assert!(!r.also.iter().any(|a| a.contains("SOC 2")), "{:?}", r.also);
    }

    // ---- 4. Reasons follow the answers ----

    #[test]
    fn no_customer_data_is_never_told_it_holds_customer_data() {
        for ask in [CustomerAsk::NotSure, CustomerAsk::NothingYet] {
            let r = rec(CompanyProfile {
                customer_data: false,
                customer_ask: ask,
                ..Default::default()
            });
            assert_eq!(r.kind.value, ReportKind::Soc2);
            assert!(r.kind.reason.contains("hold no customer data"));
            assert!(!all_texts(&r)
                .iter()
                .any(|t| t.contains("hold or process customer data")));
        }
    }

    #[test]
    fn nobody_asking_is_never_told_what_customers_ask_for() {
        for customer_data in [false, true] {
            let r = rec(CompanyProfile {
                customer_data,
                customer_ask: CustomerAsk::NothingYet,
                ..Default::default()
            });
            assert!(r.kind.reason.starts_with("Nobody is asking yet"));
            for t in all_texts(&r) {
                assert!(!t.contains("customers ask"), "{t}");
                assert!(!t.contains("customers usually ask"), "{t}");
            }
        }
        // No text anywhere says what "most" customers or companies do.
        for p in [
            CompanyProfile::default(),
            CompanyProfile {
                public_seal: true,
                customer_ask: CustomerAsk::Soc2Type2,
                ..Default::default()
            },
        ] {
            assert!(!all_texts(&rec(p)).iter().any(|t| t.contains("most ")));
        }
    }

    // ---- 5. Privacy: controller or processor; the reworded questions ----

    #[test]
    fn a_processor_is_told_many_privacy_criteria_fall_to_its_customers() {
        let r = rec(CompanyProfile {
            personal_info: PersonalInfo::Sensitive,
            privacy_role: PrivacyRole::Processor,
            ..Default::default()
        });
        let privacy = category(&r, "privacy");
        assert!(!privacy.include);
        assert!(privacy.reason.contains("fall to your customers"));
        assert!(privacy.reason.contains("confirm with your auditor"));
        assert!(privacy
            .exclusion_justification
            .contains("on behalf of its customers"));
        let conf = category(&r, "confidentiality");
        assert!(conf.include && conf.reason.contains("personal information"));
        // Personal information handled for customers is their data, whatever the data answer.
        assert!(
            !r.kind.reason.contains("no customer data"),
            "{}",
            r.kind.reason
        );
    }

    #[test]
    fn a_controller_gets_privacy() {
        let r = rec(CompanyProfile {
            personal_info: PersonalInfo::EndUsers,
            privacy_role: PrivacyRole::Controller,
            ..Default::default()
        });
        let privacy = category(&r, "privacy");
        assert!(privacy.include && privacy.reason.starts_with("You decide"));
        assert!(!category(&r, "confidentiality").include);
        // Not sure: Privacy, with the processor case explained.
        let r = rec(CompanyProfile {
            personal_info: PersonalInfo::EndUsers,
            ..Default::default()
        });
        let privacy = category(&r, "privacy");
        assert!(
            privacy.include
                && privacy
                    .reason
                    .contains("only process it for your customers")
        );
    }

    #[test]
    fn a_processor_of_business_contacts_only_is_not_offered_privacy_or_confidentiality() {
        let r = rec(CompanyProfile {
            personal_info: PersonalInfo::BusinessContacts,
            privacy_role: PrivacyRole::Processor,
            ..Default::default()
        });
        assert_eq!(included(&r), vec!["security"]);
    }

    #[test]
    fn results_that_only_inform_decisions_do_not_bring_processing_integrity() {
        let r = rec(CompanyProfile {
            customer_data: true,
            processing_accuracy: false,
            ..Default::default()
        });
        let pi = category(&r, "processing_integrity");
        assert!(!pi.include && pi.reason.contains("analytics"));
        let r = rec(CompanyProfile {
            processing_accuracy: true,
            ..Default::default()
        });
        assert!(category(&r, "processing_integrity")
            .reason
            .contains("as final"));
    }

    // ---- 6. Questions that cannot apply are suggested as Not applicable ----

    #[test]
    fn a_small_remote_company_gets_office_questions_suggested_not_applicable() {
        let r = rec(CompanyProfile {
            head_count: Some(6),
            has_office: Some(false),
            ..Default::default()
        });
        let ids: Vec<&str> = r
            .not_applicable
            .iter()
            .map(|n| n.question.as_str())
            .collect();
        assert_eq!(ids, OFFICE_QUESTIONS.to_vec());
        for n in &r.not_applicable {
            assert!(n.reason.contains("all 6 of us"), "{}", n.reason);
            assert!(n.reason.contains("no office"), "{}", n.reason);
        }
        let one = rec(CompanyProfile {
            head_count: Some(1),
            has_office: Some(false),
            ..Default::default()
        });
        assert!(one.not_applicable[0]
            .reason
            .contains("one person works remotely"));
        // An office, or no answer, suggests nothing.
        for has_office in [Some(true), None] {
            let r = rec(CompanyProfile {
                head_count: Some(6),
                has_office,
                ..Default::default()
            });
            assert!(r.not_applicable.is_empty());
        }
    }

    #[test]
    fn the_office_questions_exist_and_are_physical_access_questions() {
        for id in OFFICE_QUESTIONS {
            let q = catalog().question(id).expect(id);
            assert!(q.criteria.iter().any(|c| c == "CC6.4"), "{id}");
        }
        // The cloud host's report stays a real question: it applies to a remote company too.
        assert!(!OFFICE_QUESTIONS.contains(&"cc6-datacenter-provider"));
    }

    // ---- 7. SOC 3 ----

    #[test]
    fn public_seal_suggests_soc3_from_the_same_soc2_examination() {
        let r = rec(CompanyProfile {
            public_seal: true,
            ..Default::default()
        });
        let soc3 = r.also.iter().find(|a| a.contains("SOC 3")).expect("SOC 3");
        assert!(soc3.contains("companies that want a public report add a SOC 3"));
        assert!(soc3.contains("same SOC 2 examination"));
        assert!(!soc3.contains("most") && !soc3.contains("both"));
        let r = rec(CompanyProfile {
            public_seal: true,
            transactions: TransactionKind::Payroll,
            ..Default::default()
        });
        assert!(r
            .also
            .iter()
            .any(|a| a.contains("SOC 3") && a.contains("adding a SOC 2")));
    }

    #[test]
    fn months_between_counts_whole_months() {
        assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 27)), 0);
        assert_eq!(months_between(d(2026, 1, 15), d(2026, 7, 15)), 6);
        assert_eq!(months_between(d(2026, 7, 15), d(2026, 1, 15)), 0);
    }
}
