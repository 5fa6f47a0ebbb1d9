//! Commands for the risk register: risks typed in or adopted from the starter set, edits that
//! carry their version, the yearly risk assessment, and the heat map. Thin: the rules live in
//! `preflight-risks` and the store.

use preflight_assessment::assessment::parse_id;
use preflight_risks::heatmap::{heat_map, HeatMap};
use preflight_risks::scale::{Band, BAND_RULE, IMPACT_MEANING, LIKELIHOOD_MEANING};
use preflight_risks::{
    review_status, starter_risks, Category, ReviewInput, ReviewStatus, Risk, RiskInput, RiskReview,
    StarterRisk, Treatment,
};
use serde::Serialize;
use tauri::State;

use crate::remediation::form;
use crate::state::{catalog_ref, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

fn risk_id(s: &str) -> Res<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim())
        .map_err(|_| WireError::new("unknown_risk", format!("\"{s}\" is not a risk id.")))
}

/// A risk as the register shows it, with its scores and bands worked out.
#[derive(Debug, Serialize)]
pub struct RiskView {
    #[serde(flatten)]
    pub risk: Risk,
    pub score: u8,
    pub band: Band,
    pub residual_score: u8,
    pub residual_band: Band,
    pub fraud: bool,
}

impl From<Risk> for RiskView {
    fn from(risk: Risk) -> Self {
        RiskView {
            score: risk.score(),
            band: risk.band(),
            residual_score: risk.residual_score(),
            residual_band: risk.residual_band(),
            fraud: risk.is_fraud(),
            risk,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ScaleStep {
    pub level: u8,
    pub name: &'static str,
    pub meaning: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct StarterView {
    #[serde(flatten)]
    pub starter: StarterRisk,
    pub adopted: bool,
}

/// Everything the Risks tab shows.
#[derive(Debug, Serialize)]
pub struct RiskRegister {
    pub risks: Vec<RiskView>,
    pub reviews: Vec<RiskReview>,
    pub status: ReviewStatus,
    pub heat_map: HeatMap,
    pub likelihood_scale: Vec<ScaleStep>,
    pub impact_scale: Vec<ScaleStep>,
    pub band_rule: &'static str,
    pub categories: Vec<Choice>,
    pub treatments: Vec<Choice>,
    pub starters: Vec<StarterView>,
}

fn steps(meanings: &[(&'static str, &'static str); 5]) -> Vec<ScaleStep> {
    meanings
        .iter()
        .enumerate()
        .map(|(i, (name, meaning))| ScaleStep {
            level: i as u8 + 1,
            name,
            meaning,
        })
        .collect()
}

#[tauri::command]
pub fn risk_register(state: State<'_, AppState>, id: String) -> Res<RiskRegister> {
    let id = parse_id(&id)?;
    let today = today();
    let starters = starter_risks().map_err(|e| WireError::new(e.code(), e.to_string()))?;
    state.with_store(|s| {
        let risks = s.risks(id)?;
        let reviews = s.risk_reviews(id)?;
        let adopted: Vec<&str> = risks
            .iter()
            .filter_map(|r| r.starter_id.as_deref())
            .collect();
        Ok(RiskRegister {
            status: review_status(&reviews, today),
            heat_map: heat_map(&risks),
            starters: starters
                .iter()
                .map(|st| StarterView {
                    adopted: adopted.contains(&st.id.as_str()),
                    starter: st.clone(),
                })
                .collect(),
            risks: risks.into_iter().map(RiskView::from).collect(),
            reviews,
            likelihood_scale: steps(&LIKELIHOOD_MEANING),
            impact_scale: steps(&IMPACT_MEANING),
            band_rule: BAND_RULE,
            categories: Category::ALL
                .iter()
                .map(|c| Choice {
                    value: c.as_str(),
                    label: c.label(),
                })
                .collect(),
            treatments: Treatment::ALL
                .iter()
                .map(|t| Choice {
                    value: t.as_str(),
                    label: t.label(),
                })
                .collect(),
        })
    })
}

#[tauri::command]
pub fn create_risk(
    state: State<'_, AppState>,
    id: String,
    risk: serde_json::Value,
) -> Res<RiskView> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let input: RiskInput = form(risk, "risk")?;
    state.with_store(|s| Ok(s.create_risk(c, id, &input, today())?.into()))
}

#[tauri::command]
pub fn update_risk(
    state: State<'_, AppState>,
    risk_id: String,
    version: u32,
    risk: serde_json::Value,
) -> Res<RiskView> {
    let c = catalog_ref()?;
    let rid = self::risk_id(&risk_id)?;
    let input: RiskInput = form(risk, "risk")?;
    state.with_store(|s| Ok(s.update_risk(c, rid, version, &input, today())?.into()))
}

#[tauri::command]
pub fn delete_risk(state: State<'_, AppState>, risk_id: String) -> Res<()> {
    let rid = self::risk_id(&risk_id)?;
    state.with_store(|s| Ok(s.delete_risk(rid)?))
}

#[tauri::command]
pub fn adopt_starter_risks(
    state: State<'_, AppState>,
    id: String,
    starter_ids: Vec<String>,
    accepted_by: Option<String>,
) -> Res<Vec<RiskView>> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    state.with_store(|s| {
        Ok(
            s.adopt_starter_risks(c, id, &starter_ids, accepted_by.as_deref(), today())?
                .into_iter()
                .map(RiskView::from)
                .collect(),
        )
    })
}

#[tauri::command]
pub fn record_risk_review(
    state: State<'_, AppState>,
    id: String,
    review: serde_json::Value,
) -> Res<RiskReview> {
    let id = parse_id(&id)?;
    let input: ReviewInput = form(review, "risk assessment")?;
    state.with_store(|s| Ok(s.record_risk_review(id, &input, today())?))
}
