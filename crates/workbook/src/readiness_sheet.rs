//! The Readiness by criterion sheet: one row per criterion (or SOC 1 objective) in scope, with
//! a colour scale on readiness, colours on status, and a bar chart of readiness below.

use preflight_assessment::scoring::readiness;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartType, Color, ConditionalFormat3ColorScale, ConditionalFormatCell,
    ConditionalFormatCellRule, ConditionalFormatType, Format, Worksheet, XlsxError,
};

use crate::cells::{self, colour, Formats, Grid};
use crate::{WorkbookInput, READINESS_SHEET};

/// Column headers for SOC 2 and SOC 3 (criteria); SOC 1 uses "Objective" and "Area".
pub const COLUMNS: &[(&str, f64)] = &[
    ("Criterion", 11.0),
    ("Series", 9.0),
    ("Title", 60.0),
    ("Questions", 11.0),
    ("Answered", 11.0),
    ("Readiness", 11.0),
    ("High gaps", 10.0),
    ("Medium gaps", 10.0),
    ("Low gaps", 10.0),
    ("Status", 14.0),
];

pub const READINESS_COL: u16 = 5;
pub const STATUS_COL: u16 = 9;

pub fn write(ws: &mut Worksheet, input: &WorkbookInput<'_>, f: &Formats) -> Result<(), XlsxError> {
    let r = readiness(input.catalog, &input.assessment.scope, input.answers);
    let soc1 = !input.assessment.scope.kind.uses_trust_services_criteria();
    ws.set_name(READINESS_SHEET)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    if soc1 {
        names[0] = "Objective";
        names[1] = "Area";
    }
    let n = r.items.len() as u32;
    cells::table_setup(ws, 0, COLUMNS.len(), n)?;
    let mut g = Grid::new(ws, &widths)?;
    g.header(0, &names, &[&f.header])?;
    for (i, it) in r.items.iter().enumerate() {
        let row = i as u32 + 1;
        g.text(row, 0, &it.item.id, &f.text)?;
        g.text(row, 1, &it.item.group, &f.text)?;
        g.text(row, 2, &it.item.title, &f.text)?;
        g.number(row, 3, it.questions as f64, &f.number)?;
        g.number(row, 4, it.answered as f64, &f.number)?;
        match it.readiness {
            Some(p) => g.number(row, READINESS_COL, p / 100.0, &f.percent)?,
            None => g.text(row, READINESS_COL, "n/a", &f.text)?,
        }
        g.number(row, 6, it.gaps.high as f64, &f.number)?;
        g.number(row, 7, it.gaps.medium as f64, &f.number)?;
        g.number(row, 8, it.gaps.low as f64, &f.number)?;
        g.text(row, STATUS_COL, it.status.label(), &f.text)?;
    }
    g.fit_rows()?;
    if n == 0 {
        return Ok(());
    }
    let ws = g.ws;

    // Readiness: red at 0%, amber at 50%, green at 100%.
    let scale = ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_midpoint(ConditionalFormatType::Number, 0.5)
        .set_maximum(ConditionalFormatType::Number, 1)
        .set_minimum_color(Color::RGB(0xF8696B))
        .set_midpoint_color(Color::RGB(0xFFEB84))
        .set_maximum_color(Color::RGB(0x63BE7B));
    ws.add_conditional_format(1, READINESS_COL, n, READINESS_COL, &scale)?;

    // Status: green Ready, red Gaps, grey Not assessed.
    let fill = |bg: u32, fg: u32| {
        Format::new()
            .set_background_color(Color::RGB(bg))
            .set_font_color(Color::RGB(fg))
    };
    for (status, bg, fg) in [
        ("Ready", colour::GOOD_FILL, colour::GOOD_TEXT),
        ("Gaps", colour::BAD_FILL, colour::BAD_TEXT),
        ("Not assessed", colour::NEUTRAL_FILL, colour::NEUTRAL_TEXT),
    ] {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(status))
            .set_format(fill(bg, fg));
        ws.add_conditional_format(1, STATUS_COL, n, STATUS_COL, &cf)?;
    }
    // Any open high-severity gap stands out.
    let high = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::GreaterThan(0))
        .set_format(fill(colour::BAD_FILL, colour::BAD_TEXT));
    ws.add_conditional_format(1, 6, n, 6, &high)?;

    // A bar per criterion, top to bottom in table order, below the table.
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(if soc1 {
        "Readiness by control objective"
    } else {
        "Readiness by criterion"
    });
    chart
        .add_series()
        .set_name("Readiness")
        .set_categories((READINESS_SHEET, 1, 0, n, 0))
        .set_values((READINESS_SHEET, 1, READINESS_COL, n, READINESS_COL))
        .set_gap(40);
    chart.legend().set_hidden();
    // In a bar chart the category axis is the vertical one (rust_xlsxwriter's y axis):
    // reversed, the first criterion is at the top as in the table.
    chart
        .y_axis()
        .set_reverse()
        .set_label_interval(1)
        .set_font(ChartFont::new().set_size(8));
    chart
        .x_axis()
        .set_min(0)
        .set_max(1)
        .set_major_unit(0.25)
        .set_num_format("0%");
    chart.set_width(760);
    chart.set_height((n * 16 + 100).clamp(240, 1300));
    chart.set_alt_text("Bar chart of readiness per item in scope, from 0% to 100%.");
    ws.insert_chart(n + 2, 0, &chart)?;
    Ok(())
}
