//! Checks shared by every field a person types: lengths and dates.

use chrono::NaiveDate;

use crate::RemediationError;

/// Longest task title accepted.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest person name accepted.
pub const MAX_PERSON_CHARS: usize = 200;
/// Longest notes or justification accepted: as for answers, what one spreadsheet cell holds.
pub const MAX_TEXT_CHARS: usize = preflight_assessment::MAX_NOTE_CHARS;

/// A cell a spreadsheet would run as a formula: it starts with `=`, `+` or `@`, or with `-`
/// followed by something other than a digit or a space. Every import of a user's file (the
/// vendor list, the HR export) refuses such cells with this one rule.
pub fn looks_like_formula(cell: &str) -> bool {
    let t = cell.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('=' | '+' | '@') => true,
        Some('-') => chars
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace()),
        _ => false,
    }
}

/// Refuses text longer than `max` characters.
pub fn check_len(text: &str, field: &'static str, max: usize) -> Result<(), RemediationError> {
    let len = text.chars().count();
    if len > max {
        return Err(RemediationError::TooLong { field, len, max });
    }
    Ok(())
}

/// Parses a date written exactly as `YYYY-MM-DD` (surrounding spaces are ignored). Forms
/// chrono would otherwise accept, such as `2026-3-5` or `+2026-03-05`, are refused, as are
/// dates that do not exist (`2026-02-30`). `None` when the text is not such a date.
pub fn ymd(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let b = t.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

/// A date in `YYYY-MM-DD` form, or [`RemediationError::InvalidDate`].
pub fn parse_date(text: &str) -> Result<NaiveDate, RemediationError> {
    ymd(text).ok_or_else(|| RemediationError::InvalidDate(text.to_string()))
}

/// An optional due date: absent or blank means no due date; anything else must be
/// `YYYY-MM-DD`, or it is [`RemediationError::InvalidDueDate`].
pub fn parse_due_date(text: Option<&str>) -> Result<Option<NaiveDate>, RemediationError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => ymd(t)
            .map(Some)
            .ok_or_else(|| RemediationError::InvalidDueDate(t.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_iso_dates_are_accepted() {
        assert_eq!(ymd(" 2026-03-05 "), NaiveDate::from_ymd_opt(2026, 3, 5));
        for bad in [
            "2026-3-5",
            "05/03/2026",
            "2026-02-30",
            "+2026-03-05",
            "2026-03-05T00:00",
            "tomorrow",
            "",
            "２０２６-03-05",
        ] {
            assert_eq!(ymd(bad), None, "{bad}");
        }
    }

    #[test]
    fn blank_due_date_is_none_and_bad_is_an_error() {
        assert_eq!(parse_due_date(None), Ok(None));
        assert_eq!(parse_due_date(Some("   ")), Ok(None));
        let e = parse_due_date(Some("31.03.2026")).expect_err("bad");
        assert_eq!(e.code(), "invalid_due_date");
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }
}
