//! The .docx export, written with `docx-rs`; the Markdown body is read with `pulldown-cmark`.
//!
//! Layout: A4 with 2.54 cm margins; the title in the Title style; the cover as a bordered
//! two-column table (labels bold on grey); the body with Heading 1 to 3, paragraphs, bullet and
//! numbered lists (nested up to nine levels), bold, italic, inline code, code blocks and quotes.
//! Every piece of text goes in as literal text (`w:t`): no fields, no formulas.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelOverride, LevelText,
    LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts,
    Shading, ShdType, SpecialIndentType, Start, Style, StyleType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow, WidthType,
};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::io::Cursor;
use zip::write::SimpleFileOptions;

use crate::placeholder::split;
use crate::text::{starts_right_to_left, xml_safe};
use crate::{Document, DocumentError};

/// A4 is 11906 twips wide; with 1440 (2.54 cm) on each side the text is 9026 wide.
const MARGIN: i32 = 1440;
const TEXT_WIDTH: usize = 11906 - 2 * MARGIN as usize;
const LABEL_WIDTH: usize = 2800;
/// Indentation of one list level, and the hanging part where the bullet or number sits.
const LIST_STEP: i32 = 720;
const LIST_HANGING: i32 = 360;
const MONO: &str = "Courier New";
const BODY_FONT: &str = "Calibri";
/// The bullet lists' numbering (docx-rs writes id 1 itself).
const BULLETS: usize = 2;
/// The numbered lists' shared definition; each list has its own numbering over it, restarting.
const ORDERED: usize = 3;

/// The document as .docx bytes: the title, the cover table, then the body.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>, DocumentError> {
    let mut docx = Docx::new()
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(720)
                .footer(720),
        )
        .default_fonts(RunFonts::new().ascii(BODY_FONT).hi_ansi(BODY_FONT))
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120).line(264));
    for style in styles() {
        docx = docx.add_style(style);
    }
    docx = docx
        .add_abstract_numbering(bullet_numbering())
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_abstract_numbering(ordered_numbering());

    let title = xml_safe(&doc.title);
    docx = docx.add_paragraph(with_direction(
        add_runs(Paragraph::new().style("Title"), &title, Fmt::default()),
        &title,
    ));
    if !doc.cover.is_empty() {
        docx = docx
            .add_table(cover_table(&doc.cover))
            .add_paragraph(Paragraph::new());
    }

    let mut body = Body::new();
    body.read(&xml_safe(&doc.body));
    for p in body.paragraphs {
        docx = docx.add_paragraph(p);
    }
    for (id, start, level) in body.ordered {
        docx = docx.add_numbering(
            Numbering::new(id, ORDERED).add_override(LevelOverride::new(level).start(start)),
        );
    }

    let mut stored = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut stored)
        .map_err(|e| DocumentError::Build {
            reason: e.to_string(),
        })?;
    compress(stored.get_ref()).map_err(|e| DocumentError::Build {
        reason: e.to_string(),
    })
}

/// docx-rs stores every part uncompressed; Word and LibreOffice deflate them. The same parts,
/// in the same order, deflated (a typical policy shrinks about fivefold). Folder entries, which
/// Office does not write, are left out; times are fixed so the same document gives the same
/// bytes.
fn compress(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.to_string();
        out.start_file(name, options)?;
        std::io::copy(&mut part, &mut out)?;
    }
    Ok(out.finish()?.into_inner())
}

fn styles() -> Vec<Style> {
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .color("1F3864")
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(before).after(120))
    };
    vec![
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(48)
            .bold()
            .color("1F3864")
            .line_spacing(LineSpacing::new().after(240)),
        heading("Heading1", "heading 1", 32, 0, 360),
        heading("Heading2", "heading 2", 26, 1, 240),
        heading("Heading3", "heading 3", 23, 2, 200),
    ]
}

fn bullet_numbering() -> AbstractNumbering {
    let marks = ["\u{2022}", "\u{25E6}", "\u{25AA}"];
    (0..9).fold(AbstractNumbering::new(BULLETS), |n, lvl| {
        n.add_level(list_level(
            lvl,
            1,
            "bullet",
            marks[lvl % marks.len()].to_string(),
        ))
    })
}

fn ordered_numbering() -> AbstractNumbering {
    (0..9).fold(AbstractNumbering::new(ORDERED), |n, lvl| {
        n.add_level(list_level(lvl, 1, "decimal", format!("%{}.", lvl + 1)))
    })
}

fn list_level(lvl: usize, start: usize, format: &str, text: String) -> Level {
    Level::new(
        lvl,
        Start::new(start),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
    .indent(
        Some(LIST_STEP * (lvl as i32 + 1)),
        Some(SpecialIndentType::Hanging(LIST_HANGING)),
        None,
        None,
    )
}

fn cover_table(cover: &[(String, String)]) -> Table {
    let value_width = TEXT_WIDTH - LABEL_WIDTH;
    let rows = cover
        .iter()
        .map(|(label, value)| {
            let label = xml_safe(label);
            let value = xml_safe(value);
            let label_p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
            let bold = Fmt {
                bold: 1,
                ..Fmt::default()
            };
            let value_p = Paragraph::new().line_spacing(LineSpacing::new().after(0));
            TableRow::new(vec![
                TableCell::new()
                    .width(LABEL_WIDTH, WidthType::Dxa)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("F2F2F2"))
                    .add_paragraph(with_direction(add_runs(label_p, &label, bold), &label)),
                TableCell::new()
                    .width(value_width, WidthType::Dxa)
                    .add_paragraph(with_direction(
                        add_runs(value_p, &value, Fmt::default()),
                        &value,
                    )),
            ])
        })
        .collect();
    let border = |pos| TableBorder::new(pos).size(4).color("808080");
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, pos| b.set(border(pos)));
    Table::new(rows)
        .set_grid(vec![LABEL_WIDTH, value_width])
        .width(TEXT_WIDTH, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(50, 110, 50, 110))
        .set_borders(borders)
}

/// How a piece of inline text is set. Counters, because emphasis can nest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fmt {
    bold: u32,
    italic: u32,
    code: bool,
}

/// Runs for `text` added to `p`: `[[to fill: ...]]` spans highlighted and bold, tabs as tabs,
/// line breaks as breaks.
fn add_runs(mut p: Paragraph, text: &str, fmt: Fmt) -> Paragraph {
    for (fill, piece) in split(text) {
        p = p.add_run(run(piece, fmt, fill));
    }
    p
}

fn run(text: &str, fmt: Fmt, fill: bool) -> Run {
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                r = r.add_tab();
            }
            if !part.is_empty() {
                r = r.add_text(part);
            }
        }
    }
    if fmt.bold > 0 || fill {
        r = r.bold();
    }
    if fmt.italic > 0 {
        r = r.italic();
    }
    if fmt.code {
        r = r
            .fonts(RunFonts::new().ascii(MONO).hi_ansi(MONO).cs(MONO))
            .shading(Shading::new().shd_type(ShdType::Clear).fill("F2F2F2"));
    }
    if fill {
        r = r.highlight("yellow");
    }
    r
}

/// Marks the paragraph right to left when its text starts in a right-to-left script.
fn with_direction(mut p: Paragraph, text: &str) -> Paragraph {
    if starts_right_to_left(text) {
        p.property = p.property.bidi(true);
    }
    p
}

/// What kind of paragraph is being filled.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Heading(usize),
    Plain,
    /// A line of a code block; the last one keeps the space after a paragraph.
    Code,
    CodeEnd,
}

/// A paragraph being filled: its kind, where it sits, and its text pieces.
struct Open {
    kind: Kind,
    /// (numbering id, level) for the first paragraph of a list item.
    numbering: Option<(usize, usize)>,
    /// Left indent in twips (list continuation, quotes).
    indent: i32,
    pieces: Vec<(String, Fmt)>,
}

/// A list being read: its numbering id and, for a numbered list, where it starts.
struct List {
    id: usize,
}

/// Reads the Markdown body into paragraphs.
struct Body {
    paragraphs: Vec<Paragraph>,
    /// Numbered lists: (numbering id, first number, level), one numbering each so each restarts.
    ordered: Vec<(usize, usize, usize)>,
    open: Option<Open>,
    lists: Vec<List>,
    item_pending: bool,
    quotes: i32,
    heading: Option<usize>,
    code_block: Option<String>,
    fmt: Fmt,
    links: Vec<String>,
    next_id: usize,
}

impl Body {
    fn new() -> Self {
        Body {
            paragraphs: Vec::new(),
            ordered: Vec::new(),
            open: None,
            lists: Vec::new(),
            item_pending: false,
            quotes: 0,
            heading: None,
            code_block: None,
            fmt: Fmt::default(),
            links: Vec::new(),
            next_id: ORDERED + 1,
        }
    }

    fn read(&mut self, markdown: &str) {
        // Only CommonMark: tables, footnotes and the like stay literal text.
        for event in Parser::new_ext(markdown, Options::empty()) {
            self.event(event);
        }
        self.flush();
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = self.code_block.as_mut() {
                    code.push_str(&t);
                } else {
                    self.push(&t, self.fmt);
                }
            }
            Event::Code(t) => self.push(
                &t,
                Fmt {
                    code: true,
                    ..self.fmt
                },
            ),
            // Raw HTML is shown as written, never interpreted.
            Event::Html(t) => {
                let t = t.trim_end_matches('\n');
                self.push(t, self.fmt);
                self.flush();
            }
            Event::InlineHtml(t) => self.push(&t, self.fmt),
            Event::SoftBreak => self.push(" ", self.fmt),
            Event::HardBreak => self.push("\n", self.fmt),
            Event::Rule => {
                self.flush();
                self.paragraphs.push(Paragraph::new());
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push(&t, self.fmt)
            }
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }, self.fmt),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => {
                self.flush();
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                });
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code_block = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                let id = match start {
                    Some(first) => {
                        let id = self.next_id;
                        self.next_id += 1;
                        let first = usize::try_from(first).unwrap_or(1);
                        self.ordered.push((id, first, self.lists.len().min(8)));
                        id
                    }
                    None => BULLETS,
                };
                self.lists.push(List { id });
            }
            Tag::Item => {
                self.flush();
                self.item_pending = true;
            }
            Tag::Emphasis => self.fmt.italic += 1,
            Tag::Strong => self.fmt.bold += 1,
            Tag::Link { dest_url, .. } => self.links.push(dest_url.to_string()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes -= 1;
            }
            TagEnd::CodeBlock => {
                let code = self.code_block.take().unwrap_or_default();
                let code = code.strip_suffix('\n').unwrap_or(&code);
                let lines: Vec<&str> = code.split('\n').collect();
                for (i, line) in lines.iter().enumerate() {
                    let last = i + 1 == lines.len();
                    self.open_paragraph(if last { Kind::CodeEnd } else { Kind::Code });
                    self.push(line, self.fmt);
                    self.flush();
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => {
                if self.item_pending {
                    // An empty item still shows its bullet or number.
                    self.open_paragraph(Kind::Plain);
                }
                self.flush();
                self.item_pending = false;
            }
            TagEnd::Emphasis => self.fmt.italic = self.fmt.italic.saturating_sub(1),
            TagEnd::Strong => self.fmt.bold = self.fmt.bold.saturating_sub(1),
            TagEnd::Link => {
                if let Some(url) = self.links.pop() {
                    if !url.is_empty() {
                        self.push(&format!(" ({url})"), self.fmt);
                    }
                }
            }
            _ => {}
        }
    }

    /// Starts a paragraph placed by where the reader is: in a heading, a list item, a quote.
    fn open_paragraph(&mut self, kind: Kind) {
        let kind = match (kind, self.heading) {
            (Kind::Plain, Some(level)) => Kind::Heading(level),
            (k, _) => k,
        };
        let level = self.lists.len().saturating_sub(1).min(8);
        let mut numbering = None;
        let mut indent = LIST_STEP * self.quotes;
        if let Some(list) = self.lists.last() {
            if self.item_pending {
                numbering = Some((list.id, level));
                self.item_pending = false;
            } else {
                indent += LIST_STEP * (level as i32 + 1);
            }
        }
        self.open = Some(Open {
            kind,
            numbering,
            indent,
            pieces: Vec::new(),
        });
    }

    fn push(&mut self, text: &str, fmt: Fmt) {
        if self.open.is_none() {
            self.open_paragraph(Kind::Plain);
        }
        let Some(open) = self.open.as_mut() else {
            return;
        };
        match open.pieces.last_mut() {
            // Pieces set alike are joined, so a `[[to fill: ...]]` span the parser cut at its
            // brackets is whole again.
            Some((last, last_fmt)) if *last_fmt == fmt => last.push_str(text),
            _ => open.pieces.push((text.to_string(), fmt)),
        }
    }

    fn flush(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let mut p = match open.kind {
            Kind::Heading(level) => Paragraph::new()
                .style(&format!("Heading{level}"))
                .keep_next(true),
            Kind::Plain => Paragraph::new(),
            Kind::Code => Paragraph::new().line_spacing(LineSpacing::new().after(0)),
            Kind::CodeEnd => Paragraph::new(),
        };
        if let Some((id, level)) = open.numbering {
            p = p.numbering(NumberingId::new(id), IndentLevel::new(level));
        }
        if open.indent > 0 && open.numbering.is_none() {
            p = p.indent(Some(open.indent), None, None, None);
        }
        let mut all = String::new();
        for (text, fmt) in &open.pieces {
            let fmt = match open.kind {
                Kind::Code | Kind::CodeEnd => Fmt { code: true, ..*fmt },
                _ => *fmt,
            };
            p = add_runs(p, text, fmt);
            if all.len() < 256 {
                all.push_str(text);
            }
        }
        self.paragraphs.push(with_direction(p, &all));
    }
}
