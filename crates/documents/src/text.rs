//! Text as it may reach a document part.

use std::borrow::Cow;

/// `s` without the characters XML 1.0 cannot hold (control characters other than tab, line feed
/// and carriage return; U+FFFE and U+FFFF). Everything else, emoji and right-to-left scripts
/// included, is kept.
pub(crate) fn xml_safe(s: &str) -> Cow<'_, str> {
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
    }
}

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Whether the first letter with a strong direction in `s` is written right to left (Hebrew,
/// Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks and presentation forms).
pub(crate) fn starts_right_to_left(s: &str) -> bool {
    for c in s.chars() {
        let u = c as u32;
        let rtl = matches!(u,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF);
        if rtl {
            return true;
        }
        if c.is_alphabetic() {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_only_what_xml_cannot_hold() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFF}c\td"), "abc\td");
        assert!(matches!(xml_safe("plain 🚀 שלום"), Cow::Borrowed(_)));
    }

    #[test]
    fn direction_follows_the_first_strong_letter() {
        assert!(starts_right_to_left("1. שלום world"));
        assert!(starts_right_to_left("مرحبا"));
        assert!(!starts_right_to_left("Hello שלום"));
        assert!(!starts_right_to_left("🚀 123"));
    }
}
