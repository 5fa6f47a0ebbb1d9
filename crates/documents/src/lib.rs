//! The one home for the documents a user edits and hands over: policies and the system
//! description. A document is a title, a cover table (version, owner, dates) and a body written
//! in Markdown; it is exported as an editable .docx (`docx-rs`) and as Markdown.
//!
//! - `to_docx`: the title, the cover as a bordered two-column table, then the body. Text the user
//!   must still write, `[[to fill: what]]`, is highlighted in yellow and bold.
//! - `to_markdown`: `# title`, the cover as a Markdown table, then the body as it is.
//! - `write_atomic`: writes beside the target under `<name>.partial`, then renames, so nothing
//!   half-written is left behind.
//! - `file_stem`: a safe file name for a document's title.
//! - `outline`: the body as plain blocks, for a preview built without HTML.
//!
//! Text is always literal: nothing becomes a field or a formula. No I/O but `write_atomic`.

mod docx;
mod error;
mod markdown;
mod outline;
mod placeholder;
mod save;
mod text;

pub use docx::to_docx;
pub use error::DocumentError;
pub use markdown::to_markdown;
pub use outline::{outline, Block};
pub use placeholder::{placeholders, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
pub use save::{file_stem, write_atomic};

/// A document to export: what policies and the system description have in common.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// Label/value rows of the cover table, e.g. ("Version", "3"), ("Owner", "Dana Ruiz"),
    /// ("Approved by", ""), ("Approved on", "2026-03-01"), ("Next review", "2027-03-01").
    /// An empty value is an empty cell.
    pub cover: Vec<(String, String)>,
    /// The body as Markdown: headings (#, ##, ###), paragraphs, bullet and numbered lists, bold,
    /// italic, inline code. Text still to write is `[[to fill: what]]`.
    pub body: String,
}
