//! Vendors and subservice organizations (CC9.2), and the controls on either side of a service:
//! the vendor's CUECs the company runs, and the company's own CUECs its customers run. Pure
//! domain logic: no files, no database, no clock (every "today" is passed in).
//!
//! - [`vendor`]: a vendor, what data it holds, its criticality, contract and DPA, owner,
//!   review dates, and whether it is a subservice organization (method, controls relied on).
//! - [`report`]: the review of a vendor's SOC report: opinion, exceptions and responses, the
//!   vendor's CUECs, the bridge letter and the stored file.
//! - [`flags`]: what an auditor would raise, with the dates each rule turns on.
//! - [`import`]: a vendor list from CSV, checked row by row before anything is saved.
//! - [`customer_controls`]: the company's own CUECs, with a starter list.
//! - [`facts`]: the one line shown beside the questions about vendor management.

pub mod customer_controls;
pub mod error;
pub mod facts;
pub mod flags;
pub mod import;
pub mod report;
pub mod vendor;

pub use customer_controls::{CustomerControl, CustomerControlInput, StarterCuec};
pub use error::VendorError;
pub use flags::{flags, Flag, FlagKind};
pub use import::{preview, Accepted, ImportPreview};
pub use report::{CuecStatus, Opinion, ReportInput, SocReview, VendorCuec};
pub use vendor::{Criticality, DataClass, Method, Subservice, Vendor, VendorInput};
