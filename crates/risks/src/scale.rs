//! The 1 to 5 scales for likelihood and impact, what each step means, the score
//! (likelihood x impact) and the band a score falls in.

use serde::{Deserialize, Serialize};

use crate::RiskError;

/// A step on a 1 to 5 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Level(u8);

impl Level {
    /// A level from a number the user gave; `field` names it in the message.
    pub fn new(value: i64, field: &'static str) -> Result<Level, RiskError> {
        match u8::try_from(value) {
            Ok(v @ 1..=5) => Ok(Level(v)),
            _ => Err(RiskError::LevelOutOfRange { field, value }),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Level {
    type Error = RiskError;
    fn try_from(v: i64) -> Result<Level, RiskError> {
        Level::new(v, "level")
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

/// What each likelihood step means, shown beside the scale.
pub const LIKELIHOOD_MEANING: [(&str, &str); 5] = [
    ("Rare", "Not expected in the next few years."),
    ("Unlikely", "Could happen once in several years."),
    ("Possible", "Could happen about once every year or two."),
    ("Likely", "Expected to happen this year."),
    ("Almost certain", "Expected to happen several times a year."),
];

/// What each impact step means, shown beside the scale.
pub const IMPACT_MEANING: [(&str, &str); 5] = [
    (
        "Minimal",
        "A small inconvenience. No customer notices and nothing is lost.",
    ),
    (
        "Minor",
        "A few customers are affected for a short time; fixed within hours.",
    ),
    (
        "Moderate",
        "Customers are affected for about a day, a promise in a contract is missed, or the cost is up to a month's revenue.",
    ),
    (
        "Major",
        "Customer data is exposed or the service is down for days; customers leave and a regulator may have to be told.",
    ),
    (
        "Severe",
        "The company's future is at stake: a large breach, legal action or the loss of key customers.",
    ),
];

/// The score of a likelihood and an impact: their product, 1 to 25.
pub fn score(likelihood: Level, impact: Level) -> u8 {
    likelihood.0 * impact.0
}

/// Where a score sits. The bands are Preflight's practice, not a rule of the criteria:
/// 1-4 low, 5-9 medium, 10-15 high, 16-25 critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Low,
    Medium,
    High,
    Critical,
}

impl Band {
    pub fn of(score: u8) -> Band {
        match score {
            0..=4 => Band::Low,
            5..=9 => Band::Medium,
            10..=15 => Band::High,
            _ => Band::Critical,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Low => "Low",
            Band::Medium => "Medium",
            Band::High => "High",
            Band::Critical => "Critical",
        }
    }
}

/// The rule as shown to a person.
pub const BAND_RULE: &str = "Score = likelihood x impact. 1-4 low, 5-9 medium, 10-15 high, 16-25 critical (Preflight's bands; your company may set its own).";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_one_to_five() {
        for bad in [0, 6, -1, 255, 256, i64::MAX] {
            let e = Level::new(bad, "likelihood").expect_err("out of range");
            assert_eq!(e.code(), "risk_level_out_of_range");
            assert!(e.to_string().contains("likelihood"), "{e}");
        }
        assert_eq!(Level::new(1, "x").map(Level::get), Ok(1));
        assert_eq!(Level::new(5, "x").map(Level::get), Ok(5));
        assert!(serde_json_level("0").is_err());
        assert!(serde_json_level("3").is_ok());
    }

    fn serde_json_level(s: &str) -> Result<Level, serde_json::Error> {
        serde_json::from_str(s)
    }

    #[test]
    fn bands_at_their_edges() {
        let l = |n| Level::new(n, "x").expect("level");
        assert_eq!(score(l(1), l(1)), 1);
        assert_eq!(score(l(5), l(5)), 25);
        assert_eq!(Band::of(4), Band::Low);
        assert_eq!(Band::of(5), Band::Medium);
        assert_eq!(Band::of(9), Band::Medium);
        assert_eq!(Band::of(10), Band::High);
        assert_eq!(Band::of(15), Band::High);
        assert_eq!(Band::of(16), Band::Critical);
        assert_eq!(Band::of(25), Band::Critical);
    }
}
