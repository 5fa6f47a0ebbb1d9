//! The people register: who works (or worked) for the company, and the records an auditor
//! samples from them. Pure domain logic: no files, no database, no clock (every "today" is
//! passed in, so the caller decides the time zone).
//!
//! - [`person`]: a person (name, role, employee or contractor, start and end dates, background
//!   check, security training dates, policy acknowledgements, the date access was removed) and
//!   the checks on input. The name is the key shared with task owners
//!   ([`preflight_remediation::People`]).
//! - [`import`]: people from CSV (an HR export), checked row by row before anything is saved.
//! - [`population`]: the hires and leavers of a Type 2 observation period, the populations an
//!   auditor samples from.
//! - [`mod@flags`]: what an auditor would raise about a person on a given day, and the offboarding
//!   deadline.
//! - [`facts`]: the one line shown beside the questions about people.

pub mod error;
pub mod facts;
pub mod flags;
pub mod import;
pub mod person;
pub mod population;

pub use error::PeopleError;
pub use flags::{flags, offboarding_deadline, register_flags, CurrentPolicy, Flag, FlagKind};
pub use import::{preview, ImportPreview};
pub use person::{
    Acknowledgement, AcknowledgementInput, BackgroundCheck, Person, PersonFields, PersonInput,
    PersonKind,
};
pub use population::{hires, leavers, worked_in};
