//! Text the user must still write: `[[to fill: what]]`.

/// Where a part to fill in starts.
pub const PLACEHOLDER_OPEN: &str = "[[to fill:";
/// Where it ends.
pub const PLACEHOLDER_CLOSE: &str = "]]";

/// Every `[[to fill: ...]]` span in `text`, whole, in order. An opening with no closing is not
/// one.
pub fn placeholders(text: &str) -> Vec<&str> {
    split(text)
        .into_iter()
        .filter_map(|(fill, s)| fill.then_some(s))
        .collect()
}

/// `text` cut into pieces, each marked true when it is a `[[to fill: ...]]` span. The pieces
/// put back together are `text`.
pub(crate) fn split(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(PLACEHOLDER_OPEN) {
        let after = start + PLACEHOLDER_OPEN.len();
        let Some(len) = rest[after..].find(PLACEHOLDER_CLOSE) else {
            break;
        };
        let end = after + len + PLACEHOLDER_CLOSE.len();
        if start > 0 {
            out.push((false, &rest[..start]));
        }
        out.push((true, &rest[start..end]));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_spans_and_keeps_the_rest() {
        let t = "Lead: [[to fill: name of the HR lead]], every [[to fill: days]] days.";
        assert_eq!(
            placeholders(t),
            vec!["[[to fill: name of the HR lead]]", "[[to fill: days]]"]
        );
        let joined: String = split(t).into_iter().map(|(_, s)| s).collect();
        assert_eq!(joined, t);
    }

    #[test]
    fn an_unclosed_opening_is_plain_text() {
        assert!(placeholders("[[to fill: nothing closes").is_empty());
        assert_eq!(split("a [[to fill: x"), vec![(false, "a [[to fill: x")]);
        assert!(placeholders("").is_empty());
    }
}
