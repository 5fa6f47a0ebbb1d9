//! Report kind and type, what is in scope, and which questions apply.

use chrono::NaiveDate;
use preflight_catalog::{Catalog, Question};
use serde::{Deserialize, Serialize};

use crate::AssessmentError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    Soc1,
    Soc2,
    Soc3,
}

impl ReportKind {
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Soc1 => "SOC 1",
            ReportKind::Soc2 => "SOC 2",
            ReportKind::Soc3 => "SOC 3",
        }
    }
    /// Reads "soc1", "soc2" or "soc3".
    pub fn parse(s: &str) -> Result<Self, AssessmentError> {
        match s {
            "soc1" => Ok(ReportKind::Soc1),
            "soc2" => Ok(ReportKind::Soc2),
            "soc3" => Ok(ReportKind::Soc3),
            _ => Err(AssessmentError::InvalidReportKind(s.to_string())),
        }
    }
    /// SOC 2 and SOC 3 are scoped by Trust Services categories; SOC 1 by control objectives.
    pub fn uses_trust_services_criteria(self) -> bool {
        !matches!(self, ReportKind::Soc1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportType {
    Type1,
    Type2,
}

impl ReportType {
    pub fn label(self) -> &'static str {
        match self {
            ReportType::Type1 => "Type 1",
            ReportType::Type2 => "Type 2",
        }
    }
    /// Reads "type1" or "type2".
    pub fn parse(s: &str) -> Result<Self, AssessmentError> {
        match s {
            "type1" => Ok(ReportType::Type1),
            "type2" => Ok(ReportType::Type2),
            _ => Err(AssessmentError::InvalidReportType(s.to_string())),
        }
    }
}

/// The period a Type 2 report covers: the controls must operate from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl ObservationPeriod {
    /// Builds a period from two `YYYY-MM-DD` dates; the end must come after the start.
    pub fn parse(start: &str, end: &str) -> Result<Self, AssessmentError> {
        let start = parse_date(start)?;
        let end = parse_date(end)?;
        Self::new(start, end)
    }

    /// Builds an optional period from optional date texts (empty counts as absent): both given
    /// makes a period, neither makes none, one without the other is an error.
    pub fn from_parts(
        start: Option<&str>,
        end: Option<&str>,
    ) -> Result<Option<Self>, AssessmentError> {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        match (given(start), given(end)) {
            (Some(s), Some(e)) => Self::parse(s, e).map(Some),
            (None, None) => Ok(None),
            _ => Err(AssessmentError::MissingObservation),
        }
    }

    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, AssessmentError> {
        if end <= start {
            return Err(AssessmentError::ObservationEndBeforeStart {
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        Ok(ObservationPeriod { start, end })
    }
}

/// Parses a `YYYY-MM-DD` date, the one date form Preflight accepts.
pub fn parse_date(s: &str) -> Result<NaiveDate, AssessmentError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| AssessmentError::InvalidDate(s.to_string()))
}

/// What an assessment covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub kind: ReportKind,
    pub report_type: ReportType,
    /// Trust Services categories in scope (SOC 2 and SOC 3). Always includes the required ones.
    #[serde(default)]
    pub categories: Vec<String>,
    /// SOC 1 control objectives in scope.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// The observation period; present exactly when the report is Type 2.
    #[serde(default)]
    pub observation: Option<ObservationPeriod>,
}

/// One thing readiness is measured against: a criterion (SOC 2, SOC 3) or an objective (SOC 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeItem {
    pub id: String,
    pub title: String,
    /// The series (CC1, A1 ...) or objective area it belongs to.
    pub group: String,
}

impl Scope {
    /// Checks the scope against the catalog and applies the scope rules: the required
    /// categories (Security) are always in for SOC 2 and SOC 3, categories and objectives are
    /// known and listed once in catalog order, a Type 2 report has a valid observation period
    /// and a Type 1 report has none.
    pub fn normalized(self, catalog: &Catalog) -> Result<Scope, AssessmentError> {
        let Scope {
            kind,
            report_type,
            categories,
            objectives,
            observation,
        } = self;
        for c in &categories {
            if catalog.category(c).is_none() {
                return Err(AssessmentError::UnknownCategory(c.clone()));
            }
        }
        for o in &objectives {
            if catalog.objective(o).is_none() {
                return Err(AssessmentError::UnknownObjective(o.clone()));
            }
        }
        let (categories, objectives) = if kind.uses_trust_services_criteria() {
            let cats = catalog
                .categories
                .iter()
                .filter(|c| c.required || categories.contains(&c.id))
                .map(|c| c.id.clone())
                .collect();
            (cats, Vec::new())
        } else {
            if !categories.is_empty() {
                return Err(AssessmentError::CategoriesForSoc1);
            }
            let objs: Vec<String> = catalog
                .objectives
                .iter()
                .filter(|o| objectives.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            if objs.is_empty() {
                return Err(AssessmentError::NoObjectives);
            }
            (Vec::new(), objs)
        };
        let observation = match report_type {
            ReportType::Type1 => None,
            ReportType::Type2 => {
                let p = observation.ok_or(AssessmentError::MissingObservation)?;
                Some(ObservationPeriod::new(p.start, p.end)?)
            }
        };
        Ok(Scope {
            kind,
            report_type,
            categories,
            objectives,
            observation,
        })
    }

    /// Whether a question is asked for this scope: it maps to something in scope, and
    /// Type 2-only questions are asked only for Type 2.
    pub fn applies(&self, catalog: &Catalog, q: &Question) -> bool {
        if q.type2_only && self.report_type != ReportType::Type2 {
            return false;
        }
        if self.kind.uses_trust_services_criteria() {
            q.criteria.iter().any(|c| {
                catalog
                    .criterion(c)
                    .and_then(|cr| catalog.category_of(cr))
                    .is_some_and(|cat| self.categories.contains(&cat.id))
            })
        } else {
            q.objectives.iter().any(|o| self.objectives.contains(o))
        }
    }

    /// The questions that apply, in catalog order.
    pub fn questions<'a>(
        &'a self,
        catalog: &'a Catalog,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        catalog
            .questions
            .iter()
            .filter(move |q| self.applies(catalog, q))
    }

    /// The criteria (SOC 2, SOC 3) or objectives (SOC 1) readiness is measured against.
    pub fn items(&self, catalog: &Catalog) -> Vec<ScopeItem> {
        if self.kind.uses_trust_services_criteria() {
            catalog
                .criteria_in(&self.categories)
                .map(|c| ScopeItem {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    group: c.series.clone(),
                })
                .collect()
        } else {
            self.objectives
                .iter()
                .filter_map(|id| catalog.objective(id))
                .map(|o| ScopeItem {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    group: o.area.clone(),
                })
                .collect()
        }
    }

    /// The ids a question maps to among this scope's items.
    pub fn item_ids_of<'q>(&self, q: &'q Question) -> &'q [String] {
        if self.kind.uses_trust_services_criteria() {
            &q.criteria
        } else {
            &q.objectives
        }
    }

    /// A one-line description, e.g. "SOC 2 Type 2: Security, Availability".
    pub fn describe(&self, catalog: &Catalog) -> String {
        let what: Vec<String> = if self.kind.uses_trust_services_criteria() {
            self.categories
                .iter()
                .map(|c| catalog.category(c).map_or(c.clone(), |k| k.name.clone()))
                .collect()
        } else {
            self.objectives
                .iter()
                .map(|o| catalog.objective(o).map_or(o.clone(), |k| k.title.clone()))
                .collect()
        };
        format!(
            "{} {}: {}",
            self.kind.label(),
            self.report_type.label(),
            what.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        preflight_catalog::embedded().expect("embedded catalog")
    }

    fn soc2(cats: &[&str]) -> Scope {
        Scope {
            kind: ReportKind::Soc2,
            report_type: ReportType::Type1,
            categories: cats.iter().map(|s| s.to_string()).collect(),
            objectives: vec![],
            observation: None,
        }
    }

    #[test]
    fn security_is_forced_for_soc2_and_soc3() {
        let s = soc2(&[]).normalized(catalog()).expect("valid");
        assert_eq!(s.categories, vec!["security"]);
        let mut s3 = soc2(&["privacy"]);
        s3.kind = ReportKind::Soc3;
        let s3 = s3.normalized(catalog()).expect("valid");
        assert_eq!(s3.categories, vec!["security", "privacy"]);
    }

    #[test]
    fn categories_are_deduplicated_and_ordered() {
        let s = soc2(&["privacy", "availability", "privacy"])
            .normalized(catalog())
            .expect("valid");
        assert_eq!(s.categories, vec!["security", "availability", "privacy"]);
    }

    #[test]
    fn unknown_category_is_rejected() {
        assert_eq!(
            soc2(&["speed"]).normalized(catalog()),
            Err(AssessmentError::UnknownCategory("speed".into()))
        );
    }

    #[test]
    fn type2_needs_a_period_that_ends_after_it_starts() {
        let mut s = soc2(&[]);
        s.report_type = ReportType::Type2;
        assert_eq!(
            s.clone().normalized(catalog()),
            Err(AssessmentError::MissingObservation)
        );
        let d = |x: &str| parse_date(x).expect("date");
        s.observation = Some(ObservationPeriod {
            start: d("2026-06-01"),
            end: d("2026-01-01"),
        });
        assert!(matches!(
            s.clone().normalized(catalog()),
            Err(AssessmentError::ObservationEndBeforeStart { .. })
        ));
        s.observation = Some(ObservationPeriod {
            start: d("2026-01-01"),
            end: d("2026-06-30"),
        });
        assert!(s.normalized(catalog()).is_ok());
    }

    #[test]
    fn type1_drops_any_period() {
        let mut s = soc2(&[]);
        let d = |x: &str| parse_date(x).expect("date");
        s.observation = Some(ObservationPeriod {
            start: d("2026-01-01"),
            end: d("2026-06-30"),
        });
        assert_eq!(s.normalized(catalog()).expect("valid").observation, None);
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(
            parse_date("31/01/2026"),
            Err(AssessmentError::InvalidDate("31/01/2026".into()))
        );
        assert_eq!(
            parse_date("2026-02-30"),
            Err(AssessmentError::InvalidDate("2026-02-30".into()))
        );
        assert!(parse_date("2026-02-28").is_ok());
    }

    #[test]
    fn soc1_is_scoped_by_objectives() {
        let s = Scope {
            kind: ReportKind::Soc1,
            report_type: ReportType::Type1,
            categories: vec![],
            objectives: vec![],
            observation: None,
        };
        assert_eq!(
            s.clone().normalized(catalog()),
            Err(AssessmentError::NoObjectives)
        );
        let mut with = s.clone();
        with.objectives = vec!["ITGC-LA".into()];
        let with = with.normalized(catalog()).expect("valid");
        assert!(with
            .questions(catalog())
            .all(|q| q.objectives.contains(&"ITGC-LA".to_string())));
        assert!(with.questions(catalog()).count() >= 1);
        let mut bad = s;
        bad.categories = vec!["security".into()];
        bad.objectives = vec!["ITGC-LA".into()];
        assert_eq!(
            bad.normalized(catalog()),
            Err(AssessmentError::CategoriesForSoc1)
        );
    }

    #[test]
    fn questions_follow_scope() {
        let c = catalog();
        let sec = soc2(&[]).normalized(c).expect("valid");
        let all = soc2(&[
            "availability",
            "confidentiality",
            "processing_integrity",
            "privacy",
        ])
        .normalized(c)
        .expect("valid");
        let n_sec = sec.questions(c).count();
        let n_all = all.questions(c).count();
        assert!(n_sec > 0 && n_all > n_sec);
        // Type 2-only questions appear only for Type 2.
        assert!(sec.questions(c).all(|q| !q.type2_only));
        let mut t2 = sec.clone();
        t2.report_type = ReportType::Type2;
        assert!(t2.questions(c).any(|q| q.type2_only));
        // Items: Security alone is the 33 common criteria.
        assert_eq!(sec.items(c).len(), 33);
        assert_eq!(all.items(c).len(), 61);
    }
}
