//! The policy set an auditor asks for first: approved, current, acknowledged. Pure domain
//! logic: no files, no database, no clock.
//!
//! - [`template`]: the templates written by us (`assets/policies/`), their owner roles,
//!   criteria and the scope that proposes them.
//! - [`render`]: filling a template from the assessment (company, owners by role, and the duty
//!   timings from the one timing source); unknown values stay marked `[[to fill: ...]]`.
//! - [`export`]: a policy as a document (cover and text) for the .docx and Markdown files.
//! - [`facts`]: the line shown beside the questions about policies.
//! - [`policy`]: a policy with every version kept, approval (a name, read-only after), a new
//!   draft on change, the review cycle and retirement.

pub mod error;
pub mod export;
pub mod facts;
pub mod policy;
pub mod render;
pub mod template;

pub use error::PolicyError;
pub use policy::{NewPolicy, Policy, PolicyEdit, PolicyVersion, Status};
pub use render::{render, RenderContext};
pub use template::{proposed, template, templates, Role, Template};
