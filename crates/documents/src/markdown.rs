//! The Markdown export: `# title`, the cover as a table, then the body as written.

use crate::Document;

/// The document as Markdown. The body is kept as it is, `[[to fill: ...]]` spans included; the
/// title and the cover are put on one line each, with `|` escaped inside the table.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::with_capacity(doc.body.len() + 256);
    out.push_str("# ");
    out.push_str(one_line(&doc.title).trim());
    out.push_str("\n\n");
    if !doc.cover.is_empty() {
        out.push_str("| Field | Value |\n| --- | --- |\n");
        for (label, value) in &doc.cover {
            out.push_str("| ");
            out.push_str(&cell(label));
            out.push_str(" | ");
            out.push_str(&cell(value));
            out.push_str(" |\n");
        }
        out.push('\n');
    }
    let body = doc.body.trim_matches(|c| c == '\n' || c == '\r');
    if !body.is_empty() {
        out.push_str(body);
        out.push('\n');
    }
    out
}

/// Line breaks become spaces.
fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// A table cell: on one line, `|` escaped so it does not end the cell.
fn cell(s: &str) -> String {
    one_line(s).trim().replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_on_one_line_and_pipes_are_escaped() {
        assert_eq!(cell(" a|b\r\nc "), "a\\|b c");
    }
}
