//! The risk register (CC3): what could go wrong, how likely and how bad, what the company does
//! about it and what is left after. Pure domain logic: no files, no database, no clock (every
//! "today" is passed in).
//!
//! - [`scale`]: the 1 to 5 likelihood and impact scales with what each step means, the score
//!   (likelihood x impact) and its band.
//! - [`risk`]: a risk, its category and treatment, the checks on input (accepting a risk needs
//!   a reason and who accepted it; residual never above inherent).
//! - [`starter`]: the starter set of risks typical of a small cloud company (an asset).
//! - [`review`]: the yearly risk assessment as a dated event with a snapshot of the register,
//!   and when the next one is due.
//! - [`heatmap`]: the 5 x 5 heat map of inherent and residual scores.
//! - [`facts`]: the one line shown beside the questions about risk assessment.

pub mod error;
pub mod facts;
pub mod heatmap;
pub mod review;
pub mod risk;
pub mod scale;
pub mod starter;

pub use error::RiskError;
pub use heatmap::{heat_map, HeatMap};
pub use review::{review_status, ReviewInput, ReviewStatus, RiskReview};
pub use risk::{Acceptance, Category, Risk, RiskContext, RiskInput, Treatment};
pub use scale::{Band, Level};
pub use starter::{starter_risks, StarterRisk};
