//! Cell formats and writing helpers shared by every sheet.
//!
//! - All user text reaches a cell through [`text`] (or [`Grid::text`]), which writes a string
//!   cell: a note starting with `=`, `+`, `-` or `@` stays text and never becomes a formula.
//! - The workbook uses Arial 10 throughout: Excel has it everywhere and LibreOffice draws it with
//!   the metric-compatible Liberation Sans, so the row heights estimated here fit in both.
//! - Neither Excel's file format nor rust_xlsxwriter fits row heights to wrapped text when the
//!   file is opened by another program (LibreOffice shows overlapping text), so [`Grid`]
//!   estimates the lines each wrapped cell needs from its text and column width, and sets the
//!   row height to match.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// The font every cell uses (see the module notes).
pub const FONT: &str = "Arial";
pub const FONT_SIZE: f64 = 10.0;
/// Default row height for Arial 10, in points, and the same in pixels for the workbook default.
pub const ROW_POINTS: f64 = 12.75;
pub const ROW_PIXELS: u32 = 17;
/// Each wrapped line of Arial 10 takes about 15 pixels (11.25 points) in Excel and 11.5 in
/// LibreOffice; a little more is allowed, plus the cell's top and bottom padding.
pub const LINE_POINTS: f64 = 11.7;
pub const ROW_PADDING_POINTS: f64 = 3.0;
/// Excel caps a row at 409 points.
pub const MAX_ROW_POINTS: f64 = 409.0;

/// Colours used across sheets.
pub mod colour {
    pub const HEADER: u32 = 0x1F3A5F;
    pub const AUDITOR_HEADER: u32 = 0x9C5700;
    pub const AUDITOR_CELL: u32 = 0xFFF4D6;
    pub const GAP_TEXT: u32 = 0xB00020;
    pub const GOOD_FILL: u32 = 0xC6EFCE;
    pub const GOOD_TEXT: u32 = 0x006100;
    pub const BAD_FILL: u32 = 0xFFC7CE;
    pub const BAD_TEXT: u32 = 0x9C0006;
    pub const NEUTRAL_FILL: u32 = 0xEDEDED;
    pub const NEUTRAL_TEXT: u32 = 0x444444;
    pub const WARN_FILL: u32 = 0xFFEB9C;
    pub const WARN_TEXT: u32 = 0x9C5700;
    pub const SECTION_FILL: u32 = 0xDCE6F1;
}

pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub auditor_header: Format,
    pub label: Format,
    pub text: Format,
    pub bold_text: Format,
    pub section: Format,
    pub auditor: Format,
    pub date: Format,
    pub percent: Format,
    pub number: Format,
    /// A size in bytes, with thousands separators.
    pub bytes: Format,
    pub gap: Format,
    /// A due date that has passed on an open task.
    pub date_overdue: Format,
    /// Italic wrapped text for notes above a table.
    pub note: Format,
}

/// A format in the workbook font.
pub fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::Top)
}

impl Formats {
    pub fn new() -> Self {
        let text = base().set_text_wrap();
        let header = base()
            .set_bold()
            .set_text_wrap()
            .set_background_color(Color::RGB(colour::HEADER))
            .set_font_color(Color::White)
            .set_border(FormatBorder::Thin);
        Formats {
            title: base().set_bold().set_font_size(16),
            subtitle: base().set_italic().set_font_color(Color::RGB(0x555555)),
            auditor_header: header
                .clone()
                .set_background_color(Color::RGB(colour::AUDITOR_HEADER)),
            header,
            label: base().set_bold().set_text_wrap(),
            bold_text: text.clone().set_bold(),
            section: text
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(colour::SECTION_FILL)),
            auditor: text
                .clone()
                .set_background_color(Color::RGB(colour::AUDITOR_CELL))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xD9C48C)),
            date: base()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            percent: base().set_num_format("0%").set_align(FormatAlign::Left),
            number: base().set_align(FormatAlign::Left),
            bytes: base().set_num_format("#,##0").set_align(FormatAlign::Left),
            date_overdue: base()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left)
                .set_bold()
                .set_background_color(Color::RGB(colour::BAD_FILL))
                .set_font_color(Color::RGB(colour::BAD_TEXT)),
            note: text
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(0x555555)),
            gap: text
                .clone()
                .set_font_color(Color::RGB(colour::GAP_TEXT))
                .set_bold(),
            text,
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// The most a cell holds: 32,767 UTF-16 code units (an emoji takes two).
pub const MAX_CELL_UTF16: usize = 32_767;
/// Ends a text cut to fit a cell.
pub const CUT_MARK: &str = "\n[… cut: the rest does not fit in one spreadsheet cell]";

/// `value`, or, when it is longer than a cell holds (a cell listing many tasks, files or
/// notes), its start followed by [`CUT_MARK`], so the workbook is still written.
pub fn fit_cell(value: &str) -> Cow<'_, str> {
    // A character takes at least as many UTF-8 bytes as UTF-16 units: most texts need no count.
    if value.len() <= MAX_CELL_UTF16 {
        return Cow::Borrowed(value);
    }
    let units: usize = value.chars().map(char::len_utf16).sum();
    if units <= MAX_CELL_UTF16 {
        return Cow::Borrowed(value);
    }
    let room = MAX_CELL_UTF16 - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (i, c) in value.char_indices() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}{CUT_MARK}", &value[..end]))
}

/// Writes text as a string cell. Text that starts with `=`, `+`, `-` or `@` stays text: it is
/// never handed to a formula writer. Text longer than a cell holds is cut ([`fit_cell`]).
pub fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, fit_cell(value).as_ref(), f)?;
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

/// Landscape A4, one page wide, the sheet name and page numbers in the footer.
pub fn print_setup(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4; Letter users get it scaled by their printer.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&L&A&RPage &P of &N");
}

/// Width of one character in Arial, in thousandths of an em (the font's advance widths,
/// rounded), for estimating how text wraps.
const fn char_width(c: char) -> u32 {
    match c {
        'i' | 'j' | 'l' => 222,
        '\'' => 191,
        ' ' | 'f' | 't' | 'I' | '.' | ',' | ':' | ';' | '!' | '/' | '\\' | '[' | ']' => 278,
        'r' | '-' | '(' | ')' | '`' => 333,
        '"' => 355,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' | 'J' => 500,
        'm' | 'M' => 833,
        'w' => 722,
        'W' => 944,
        '%' => 889,
        '@' => 1015,
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' => 722,
        'G' | 'O' | 'Q' => 778,
        'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' | '&' => 667,
        'F' | 'T' | 'Z' => 611,
        c if c.is_ascii() => 556,
        // East Asian scripts and emoji take about a full em.
        c if (c as u32) >= 0x1100 => 1000,
        _ => 600,
    }
}

/// [`char_width`] of each ASCII character, looked up rather than matched: the line estimate
/// runs over every character of every cell of a workbook.
const ASCII_WIDTHS: [u32; 128] = {
    let mut table = [0; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = char_width(i as u8 as char);
        i += 1;
    }
    table
};

fn width_of_char(c: char) -> u32 {
    match ASCII_WIDTHS.get(c as usize) {
        Some(w) => *w,
        None => char_width(c),
    }
}

/// Width of the digit "0" in Arial, the unit column widths are measured in.
const DIGIT_WIDTH: f64 = 556.0;
/// A column is `width` digits plus 5 pixels of padding (0.71 digit), less about 2 pixels of
/// inner margin, as Excel and LibreOffice lay text out.
const CELL_EXTRA: f64 = 0.4;
/// Text measured a little wider than the font says, so estimates err on the tall side.
const SAFETY: f64 = 1.03;

/// How many lines `value` takes when wrapped in a column `width` characters wide (Excel
/// units: widths of the digit "0"). Wraps at spaces like a spreadsheet does; a word longer
/// than a line is broken.
pub fn wrapped_lines(value: &str, width: f64, bold: bool) -> u32 {
    let avail = (width + CELL_EXTRA).max(1.0);
    let scale = SAFETY * if bold { 1.07 } else { 1.0 } / DIGIT_WIDTH;
    let space = f64::from(char_width(' ')) * scale;
    // One pass over the text. Spreadsheets break lines at spaces and after hyphens: a word
    // (between spaces) is cut into pieces each ending with its hyphen; the first piece of a
    // word is preceded by a space unless it starts a line.
    let mut lines = 0u32;
    let mut line = 0.0f64;
    let mut count = 1u32;
    // The piece being measured (its width in font units) and its place in its word.
    let mut piece = 0u32;
    let mut in_piece = false;
    let mut index = 0usize;
    let place = |piece: u32, index: usize, line: &mut f64, count: &mut u32| {
        let mut w = f64::from(piece) * scale;
        let gap = if index == 0 { space } else { 0.0 };
        let needed = if *line > 0.0 { *line + gap + w } else { w };
        if needed <= avail {
            *line = needed;
            return;
        }
        if *line > 0.0 {
            *count += 1;
        }
        // A word wider than the column is broken across lines.
        while w > avail {
            w -= avail;
            *count += 1;
        }
        *line = w;
    };
    for c in value.chars() {
        match c {
            '\n' | ' ' => {
                if in_piece {
                    place(piece, index, &mut line, &mut count);
                }
                piece = 0;
                in_piece = false;
                index = 0;
                if c == '\n' {
                    lines += count;
                    line = 0.0;
                    count = 1;
                }
            }
            '-' => {
                place(piece + width_of_char(c), index, &mut line, &mut count);
                piece = 0;
                in_piece = false;
                index += 1;
            }
            c => {
                piece += width_of_char(c);
                in_piece = true;
            }
        }
    }
    if in_piece {
        place(piece, index, &mut line, &mut count);
    }
    lines += count;
    lines.max(1)
}

/// The height in points for a row whose tallest cell takes `lines` lines.
pub fn row_points(lines: u32) -> f64 {
    (f64::from(lines) * LINE_POINTS + ROW_PADDING_POINTS).clamp(ROW_POINTS, MAX_ROW_POINTS)
}

/// A sheet laid out in columns of known width: writes cells and remembers how many lines
/// each row needs, then sets the row heights in [`Grid::fit_rows`].
///
/// A row's height is set as soon as the next row is written to (and again by `fit_rows`), so a
/// sheet written row by row in "constant memory" mode, where a row is flushed to disk when the
/// next one starts, gets its heights too.
pub struct Grid<'w, 'f> {
    pub ws: &'w mut Worksheet,
    widths: Vec<f64>,
    /// The lines of each row left so far that needs more than one.
    lines: BTreeMap<u32, u32>,
    /// The row last written to, and the lines it needs so far.
    current: Option<u32>,
    current_lines: u32,
    /// Each column's own format, when it has one (see [`Grid::column_formats`]).
    column_formats: Vec<&'f Format>,
}

impl<'w, 'f> Grid<'w, 'f> {
    pub fn new(ws: &'w mut Worksheet, widths: &[f64]) -> Result<Self, XlsxError> {
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
        Ok(Grid {
            ws,
            widths: widths.to_vec(),
            lines: BTreeMap::new(),
            current: None,
            current_lines: 1,
            column_formats: Vec::new(),
        })
    }

    /// Gives each column of a long table the format most of its cells have (`formats[i]` for
    /// column `i`; wrapped text, a date: nothing that shows in an empty cell). A cell then
    /// written with that same format (the same `&Format`, not an equal copy) is stored without
    /// one of its own and takes its column's: the cell in the file is the same, and
    /// rust_xlsxwriter no longer hashes and compares the whole format to find its style number,
    /// which is about a sixth of a large export's work. An empty cell in that format is left
    /// out of the file, which shows it the same. Any other format is written as before.
    pub fn column_formats(mut self, formats: &[&'f Format]) -> Result<Self, XlsxError> {
        for (i, f) in formats.iter().enumerate() {
            self.ws.set_column_format(i as u16, f)?;
        }
        self.column_formats = formats.to_vec();
        Ok(self)
    }

    /// Whether `f` is column `col`'s own format (see [`Grid::column_formats`]).
    fn is_column_format(&self, col: u16, f: &Format) -> bool {
        self.column_formats
            .get(usize::from(col))
            .is_some_and(|c| std::ptr::eq(*c, f))
    }

    fn width_of(&self, col: u16, span: u16) -> f64 {
        self.widths
            .iter()
            .skip(usize::from(col))
            .take(usize::from(span.max(1)))
            .sum::<f64>()
            .max(1.0)
    }

    /// Before writing to `row`: when it is another row than the last one written to, sets
    /// the last one's height.
    fn enter(&mut self, row: u32) -> Result<(), XlsxError> {
        if self.current == Some(row) {
            return Ok(());
        }
        if let Some(last) = self.current {
            let lines = self.current_lines;
            if lines > 1 {
                self.lines.insert(last, lines);
                self.ws.set_row_height(last, row_points(lines))?;
            }
        }
        self.current = Some(row);
        // A row written to again (only sheets held in memory do) goes on from what it had.
        self.current_lines = self.lines.get(&row).copied().unwrap_or(1);
        Ok(())
    }

    /// Counts `lines` for the current row (a cell per call: kept apart from the map of rows
    /// until the row is left).
    fn need(&mut self, lines: u32) {
        self.current_lines = self.current_lines.max(lines);
    }

    /// Writes user or catalog text as text, and counts the lines it wraps to.
    pub fn text(&mut self, row: u32, col: u16, value: &str, f: &Format) -> Result<(), XlsxError> {
        self.write_text(row, col, value, f, false)
    }

    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        value: &str,
        f: &Format,
        bold: bool,
    ) -> Result<(), XlsxError> {
        self.enter(row)?;
        let value = fit_cell(value);
        match (value.is_empty(), self.is_column_format(col, f)) {
            // An empty cell in its column's format shows as no cell at all: none is written.
            (true, true) => return Ok(()),
            (false, true) => {
                self.ws.write_string(row, col, value.as_ref())?;
            }
            // An empty text in another format is a blank cell that keeps it.
            (_, false) => text(self.ws, row, col, &value, f)?,
        };
        let lines = wrapped_lines(&value, self.width_of(col, 1), bold);
        self.need(lines);
        Ok(())
    }

    /// Writes text across `span` merged columns (for long paragraphs on the cover).
    pub fn merged_text(
        &mut self,
        row: u32,
        col: u16,
        span: u16,
        value: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.enter(row)?;
        let last = col + span.max(1) - 1;
        if last > col {
            self.ws.merge_range(row, col, row, last, "", f)?;
        }
        let value = fit_cell(value);
        text(self.ws, row, col, &value, f)?;
        let lines = wrapped_lines(&value, self.width_of(col, span), false);
        self.need(lines);
        Ok(())
    }

    pub fn date(
        &mut self,
        row: u32,
        col: u16,
        value: NaiveDate,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.enter(row)?;
        if self.is_column_format(col, f) {
            self.ws.write_datetime(row, col, value)?;
            return Ok(());
        }
        date(self.ws, row, col, value, f)
    }

    pub fn number(&mut self, row: u32, col: u16, value: f64, f: &Format) -> Result<(), XlsxError> {
        self.enter(row)?;
        if self.is_column_format(col, f) {
            self.ws.write_number(row, col, value)?;
            return Ok(());
        }
        self.ws.write_number_with_format(row, col, value, f)?;
        Ok(())
    }

    /// An empty cell in format `f`. In its column's own format it is not written: a cell the
    /// file leaves out takes its column's format, so it shows the same, and rust_xlsxwriter
    /// does not hash the format to find its style (thousands of empty links and dates in a
    /// large evidence index).
    pub fn blank(&mut self, row: u32, col: u16, f: &Format) -> Result<(), XlsxError> {
        self.enter(row)?;
        if !self.is_column_format(col, f) {
            self.ws.write_blank(row, col, f)?;
        }
        Ok(())
    }

    /// Writes a header row (wrapped, bold) with the given formats per column.
    pub fn header(&mut self, row: u32, names: &[&str], f: &[&Format]) -> Result<(), XlsxError> {
        for (i, name) in names.iter().enumerate() {
            let fmt = f.get(i).or(f.last()).copied();
            if let Some(fmt) = fmt {
                self.write_text(row, i as u16, name, fmt, true)?;
            }
        }
        Ok(())
    }

    /// Sets the height of every row that needs more than one line.
    pub fn fit_rows(&mut self) -> Result<(), XlsxError> {
        if let Some(row) = self.current {
            if self.current_lines > 1 {
                self.lines.insert(row, self.current_lines);
            }
        }
        for (&row, &lines) in &self.lines {
            if lines > 1 {
                self.ws.set_row_height(row, row_points(lines))?;
            }
        }
        Ok(())
    }

    /// The lines recorded for a row (for tests of the estimate).
    pub fn lines_of(&self, row: u32) -> u32 {
        if self.current == Some(row) {
            return self.current_lines;
        }
        self.lines.get(&row).copied().unwrap_or(1)
    }
}

/// Adds a sheet that is written strictly row by row, top to bottom (the long tables: the
/// Questionnaire, the Gap register, the Remediation plan, the Evidence index), in
/// rust_xlsxwriter's "constant memory" mode: each row goes to a temporary file (unnamed,
/// removed when the workbook is dropped) as soon as the next row starts, with its strings
/// inline, so memory stays flat however many tasks and files the assessment has. A cell
/// written to a row above the current one would be lost: these sheets never do.
pub fn add_row_by_row_sheet(wb: &mut Workbook) -> Result<&mut Worksheet, XlsxError> {
    wb.add_worksheet_with_constant_memory()
}

/// Sets up a sheet as a table under `header_row`: frozen header, autofilter over the columns
/// down to `last_row`, print setup with the header repeated on every page.
pub fn table_setup(
    ws: &mut Worksheet,
    header_row: u32,
    columns: usize,
    last_row: u32,
) -> Result<(), XlsxError> {
    let last_col = columns.saturating_sub(1) as u16;
    ws.set_freeze_panes(header_row + 1, 0)?;
    ws.autofilter(header_row, 0, last_row.max(header_row), last_col)?;
    print_setup(ws);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_line_and_long_text_wraps() {
        assert_eq!(wrapped_lines("", 20.0, false), 1);
        assert_eq!(wrapped_lines("Yes", 10.0, false), 1);
        let long = "word ".repeat(100);
        let narrow = wrapped_lines(&long, 20.0, false);
        let wide = wrapped_lines(&long, 60.0, false);
        assert!(narrow > wide && wide > 1, "{narrow} {wide}");
        // "word " is about 4.6 digit widths: a 20-wide column holds 4 such words a line.
        assert!((23..=27).contains(&narrow), "{narrow}");
        // A criterion title of 53 digit widths fits a 60-wide column on one line.
        let title = "Clear structure, reporting lines and authority for meeting objectives";
        assert_eq!(wrapped_lines(title, 60.0, false), 1);
        assert_eq!(wrapped_lines(title, 45.0, false), 2);
    }

    #[test]
    fn newlines_and_unbroken_words_count() {
        assert_eq!(wrapped_lines("a\nb\nc", 30.0, false), 3);
        // Long ids break after their hyphens.
        assert_eq!(
            wrapped_lines("cc2-customer-responsibilities", 22.0, false),
            2
        );
        let unbroken = "x".repeat(200);
        assert!(wrapped_lines(&unbroken, 10.0, false) >= 10);
        let emoji = "☁️".repeat(100);
        assert!(wrapped_lines(&emoji, 10.0, false) > wrapped_lines(&"a".repeat(100), 10.0, false));
    }

    #[test]
    fn text_too_long_for_a_cell_is_cut_to_fit() {
        assert_eq!(fit_cell("short"), "short");
        let exact = "x".repeat(MAX_CELL_UTF16);
        assert!(matches!(fit_cell(&exact), Cow::Borrowed(_)));
        // 20,000 emoji are 40,000 UTF-16 units: more than a cell holds.
        let emoji = "😀".repeat(20_000);
        let cut = fit_cell(&emoji);
        assert!(cut.ends_with(CUT_MARK));
        let units = cut.encode_utf16().count();
        assert!(
            units <= MAX_CELL_UTF16 && units > MAX_CELL_UTF16 - 80,
            "{units}"
        );
        assert!(cut.trim_end_matches(CUT_MARK).chars().all(|c| c == '😀'));
        let mut ws = Worksheet::new();
        let mut g = Grid::new(&mut ws, &[30.0]).expect("grid");
        g.text(0, 0, &emoji, &Format::new()).expect("written, cut");
    }

    /// The style number of cell `r` in the first sheet's XML.
    fn style_of(xml: &str, r: &str) -> Option<String> {
        let start = xml.find(&format!("<c r=\"{r}\""))?;
        let cell = &xml[start..start + xml[start..].find('>')?];
        let s = cell.find(" s=\"")? + 4;
        Some(cell[s..s + cell[s..].find('"')?].to_string())
    }

    /// The style number of column `n` (from 1) in a sheet's XML.
    fn column_style(xml: &str, n: u16) -> Option<String> {
        let start = xml.find(&format!("<col min=\"{n}\" max=\"{n}\""))?;
        let col = &xml[start..start + xml[start..].find('>')?];
        let s = col.find(" style=\"")? + 8;
        Some(col[s..s + col[s..].find('"')?].to_string())
    }

    #[test]
    fn a_cell_in_its_columns_format_is_stored_as_one_written_with_it() {
        use std::io::Read;
        let f = Formats::new();
        let mut wb = Workbook::new();
        // Both kinds of sheet: held in memory, and written row by row.
        for by_row in [false, true] {
            let ws = if by_row {
                add_row_by_row_sheet(&mut wb).expect("sheet")
            } else {
                wb.add_worksheet()
            };
            let mut g = Grid::new(ws, &[30.0, 12.0, 12.0])
                .expect("grid")
                .column_formats(&[&f.text, &f.date, &f.bytes])
                .expect("formats");
            let day = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
            // Row 2 in the columns' own formats; row 3 in equal copies of them, written with a
            // style of their own as before; row 4 in other formats.
            g.text(1, 0, "=not a formula", &f.text).expect("text");
            g.date(1, 1, day, &f.date).expect("date");
            g.number(1, 2, 1024.0, &f.bytes).expect("number");
            g.text(2, 0, "a copy", &f.text.clone()).expect("text");
            g.date(2, 1, day, &f.date.clone()).expect("date");
            g.number(2, 2, 2048.0, &f.bytes.clone()).expect("number");
            g.text(3, 0, "a gap", &f.gap).expect("text");
            g.date(3, 1, day, &f.date_overdue).expect("date");
            g.text(4, 0, "", &f.text).expect("empty text");
            g.blank(4, 1, &f.date).expect("blank");
            g.blank(4, 2, &f.gap).expect("blank");
            g.fit_rows().expect("rows");
        }
        let bytes = wb.save_to_buffer().expect("saved");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            let mut xml = String::new();
            zip.by_name(sheet)
                .expect("sheet")
                .read_to_string(&mut xml)
                .expect("xml");
            for col in ["A", "B", "C"] {
                let own = style_of(&xml, &format!("{col}2"));
                assert!(own.is_some(), "{sheet} {col}2 has a style: {xml}");
                assert_eq!(own, style_of(&xml, &format!("{col}3")), "{sheet} {col}");
            }
            assert_ne!(style_of(&xml, "A2"), style_of(&xml, "A4"), "{sheet}");
            assert_ne!(style_of(&xml, "B2"), style_of(&xml, "B4"), "{sheet}");
            // An empty cell in its column's format is left out: the column's style, the one
            // its written cells have, shows in its place. In another format it is a blank
            // cell with that format.
            assert!(!xml.contains("<c r=\"A5\""), "{sheet}");
            assert!(!xml.contains("<c r=\"B5\""), "{sheet}");
            assert_eq!(column_style(&xml, 1), style_of(&xml, "A2"), "{sheet}");
            assert_eq!(column_style(&xml, 2), style_of(&xml, "B2"), "{sheet}");
            assert_eq!(style_of(&xml, "C5"), style_of(&xml, "A4"), "{sheet}");
            // Text, never a formula (the row-by-row sheet holds its strings inline).
            assert!(!xml.contains("<f>"), "{sheet}");
            assert_eq!(xml.contains("=not a formula"), sheet.ends_with("2.xml"));
        }
    }

    /// The line count as first written (split, then measure each piece), which the one-pass
    /// [`wrapped_lines`] must match exactly.
    fn reference_lines(value: &str, width: f64, bold: bool) -> u32 {
        let avail = (width + CELL_EXTRA).max(1.0);
        let scale = SAFETY * if bold { 1.07 } else { 1.0 } / DIGIT_WIDTH;
        let units = |s: &str| f64::from(s.chars().map(char_width).sum::<u32>()) * scale;
        let space = f64::from(char_width(' ')) * scale;
        let mut lines = 0u32;
        for para in value.split('\n') {
            let mut line = 0.0f64;
            let mut count = 1u32;
            let pieces = para
                .split(' ')
                .filter(|w| !w.is_empty())
                .flat_map(|word| word.split_inclusive('-').enumerate());
            for (i, piece) in pieces {
                let mut w = units(piece);
                let gap = if i == 0 { space } else { 0.0 };
                let needed = if line > 0.0 { line + gap + w } else { w };
                if needed <= avail {
                    line = needed;
                    continue;
                }
                if line > 0.0 {
                    count += 1;
                }
                while w > avail {
                    w -= avail;
                    count += 1;
                }
                line = w;
            }
            lines += count;
        }
        lines.max(1)
    }

    proptest::proptest! {
        #![proptest_config(preflight_fuzz::config(5_000))]
        #[test]
        fn one_pass_line_count_matches_the_reference(
            value in "[a-zA-Z0-9 \\-\n@=.,WMil☁️שלום]{0,300}",
            width in 1.0f64..80.0,
            bold in proptest::bool::ANY,
        ) {
            proptest::prop_assert_eq!(
                wrapped_lines(&value, width, bold),
                reference_lines(&value, width, bold)
            );
        }
    }

    #[test]
    fn heights_are_capped_where_excel_caps_them() {
        assert!(row_points(1) >= ROW_POINTS);
        assert!(row_points(2) > 2.0 * 11.25);
        assert_eq!(row_points(1000), MAX_ROW_POINTS);
    }
}
