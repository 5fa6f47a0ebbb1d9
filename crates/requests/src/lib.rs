//! The auditor's request list (often called the PBC list: "provided by client"): every item the
//! auditor will ask the company to provide, generated from the scope and the report type, with
//! its status, and the rules for the date a piece of evidence shows. Pure domain logic: no
//! files, no database, no clock.
//!
//! - [`item`]: the items, written by us in `assets/requests/`, embedded and validated.
//! - [`list`]: the items a scope asks for (Type 2 populations only for a Type 2).
//! - [`effective`]: the effective date of evidence: never in the future; flagged when outside
//!   the observation window (Type 2) or after the as-of date (Type 1).
//! - [`status`]: an item's status (not started, collected, delivered, accepted): "collected"
//!   only with evidence whose date is valid.
//! - [`view`]: a request item as the list shows it, with its evidence and their dates.

pub mod effective;
pub mod error;
pub mod item;
pub mod list;
pub mod status;
pub mod view;

pub use effective::{check_effective_date, DateCheck, EvidenceWindow};
pub use error::RequestError;
pub use item::{items, Kind, RequestItem};
pub use list::request_list;
pub use status::{RequestState, RequestStatus};
pub use view::{rows, LinkedEvidence, RequestRow};
