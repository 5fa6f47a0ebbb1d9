//! Cell formats and writing helpers shared by every sheet.

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

pub struct Formats {
    pub title: Format,
    pub header: Format,
    pub label: Format,
    pub text: Format,
    pub date: Format,
    pub percent: Format,
    pub number: Format,
    pub gap: Format,
}

impl Formats {
    pub fn new() -> Self {
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x1F3A5F))
                .set_font_color(Color::White)
                .set_border(FormatBorder::Thin),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left),
            percent: Format::new()
                .set_num_format("0%")
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left),
            number: Format::new()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left),
            gap: text.clone().set_font_color(Color::RGB(0xB00020)).set_bold(),
            text,
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// Writes text as a string cell. Text that starts with `=`, `+`, `-` or `@` stays text: it is
/// never handed to a formula writer.
pub fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, value, f)?;
    Ok(())
}

/// Writes a real Excel date.
pub fn date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: NaiveDate,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_datetime_with_format(row, col, value, f)?;
    Ok(())
}

/// Writes a header row and sets up the sheet as a table: frozen header, autofilter over
/// `last_row`, column widths, landscape printing fit to width with the header repeated.
pub fn table(
    ws: &mut Worksheet,
    header_row: u32,
    columns: &[(&str, f64)],
    last_row: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (i, (name, width)) in columns.iter().enumerate() {
        let col = i as u16;
        ws.write_string_with_format(header_row, col, *name, &f.header)?;
        ws.set_column_width(col, *width)?;
    }
    let last_col = columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.autofilter(header_row, 0, last_row.max(header_row), last_col)?;
    print_setup(ws);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// Landscape, fit to one page wide.
pub fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4; Letter users get it scaled by their printer.
    ws.set_print_fit_to_pages(1, 0);
}
