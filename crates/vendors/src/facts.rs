//! What the vendor register holds, in one line, shown beside the questions about vendor
//! management so the founder answers from facts.

use chrono::NaiveDate;
use preflight_catalog::Question;

use crate::flags::{flags, FlagKind};
use crate::vendor::{Criticality, Vendor};

/// Whether a question is about vendors and partners (CC9.2).
pub fn concerns(question: &Question) -> bool {
    question.criteria.iter().any(|c| c == "CC9.2")
}

/// For example "12 vendors, 3 critical (1 without a reviewed report), 2 subservice
/// organizations, 4 flags".
pub fn summary(vendors: &[Vendor], today: NaiveDate, window_start: NaiveDate) -> String {
    if vendors.is_empty() {
        return "The vendor register is empty: list your vendors in the Vendors tab.".into();
    }
    let critical: Vec<&Vendor> = vendors
        .iter()
        .filter(|v| v.criticality == Criticality::Critical)
        .collect();
    let without = critical
        .iter()
        .filter(|v| {
            flags(v, today, window_start)
                .iter()
                .any(|f| f.kind == FlagKind::NoReportOnFile)
        })
        .count();
    let subservice = vendors.iter().filter(|v| v.is_subservice()).count();
    let flagged: usize = vendors
        .iter()
        .map(|v| flags(v, today, window_start).len())
        .sum();
    format!(
        "{} vendor{}, {} critical ({without} without a reviewed report on file), {subservice} subservice organization{}, {flagged} flag{}",
        vendors.len(),
        if vendors.len() == 1 { "" } else { "s" },
        critical.len(),
        if subservice == 1 { "" } else { "s" },
        if flagged == 1 { "" } else { "s" },
    )
}
