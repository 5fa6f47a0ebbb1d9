//! The gap workbook export at the scale a long-lived company reaches, as the CLI does it
//! (`preflight-cli workbook <ID> out.xlsx`): open the database file, read the assessment and
//! everything linked to it, write the .xlsx to disk, through
//! [`preflight_cli::write_workbook_checked`] (the file's pages checked beside the rest).
//!
//! The data: [`preflight_fixtures::seed_large`] (every question of SOC 2 Type 2 with every
//! category answered with a note and commented, tasks with their status history, evidence
//! records with real files, a year of duties) with 5,000 tasks and 5,000 evidence records, then
//! 20,000 and 20,000. Side by side in the same run:
//! - the whole export (median of the runs; one first, not counted) and its peak memory (a child process running the
//!   same export, its peak resident set read from `/proc/self/status` on Linux);
//! - rust_xlsxwriter alone writing the same cells to disk (the export's cells read back, then
//!   written with a wrapped-text format on every cell, a frozen header row and an autofilter
//!   on every sheet), with its default settings, and again with the export's (the long tables
//!   row by row in "constant memory" mode, the export's zip level);
//! - Python's XlsxWriter writing the same cells (`xlsxwriter_raw.py`, given the cells as JSON;
//!   only its writing is timed). Skipped, with how to install it, when `import xlsxwriter`
//!   fails.
//!
//! Round after round, each size and, for each, the export, the raw writer (both ways) and
//! Python take turns, so a change in the shared machine's speed during the benchmark falls on
//! all of them alike rather than on whichever was running at the time: the ratios (export
//! against the raw writer and Python, 20,000 against 5,000) compare figures taken side by side.
//!
//! `cargo bench -p preflight-cli --bench export` prints the figures (recorded in
//! docs/benchmarks.md). Under `cargo test --all-targets` it runs once on a small assessment
//! (50 tasks, 50 evidence records, no Python) as a smoke test. `PREFLIGHT_BENCH_SIZES=5000`
//! (a comma-separated list) measures other sizes, for profiling.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use calamine::{open_workbook, Data, Reader, Xlsx};
use preflight_store::Store;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

type Error = Box<dyn std::error::Error>;

/// The child process mode: `--export-child <data dir> <assessment id> <out.xlsx>`.
const CHILD: &str = "--export-child";

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(CHILD) {
        return export_child(&args[2..]);
    }
    let bench = args.iter().any(|a| a == "--bench");
    let (mut sizes, runs) = if bench {
        (vec![5_000, 20_000], 7)
    } else {
        (vec![50], 1)
    };
    // Other sizes for a profiling run: PREFLIGHT_BENCH_SIZES=5000,10000.
    if let Ok(list) = std::env::var("PREFLIGHT_BENCH_SIZES") {
        sizes = list
            .split(',')
            .map(|n| n.trim().parse())
            .collect::<Result<_, _>>()?;
    }
    println!(
        "{} run(s) per step; {} cores",
        runs,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let python = if bench { python_xlsxwriter() } else { None };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/xlsxwriter_raw.py");
    let catalog = preflight_cli::catalog()?;
    let scenarios = sizes
        .iter()
        .map(|&n| Scenario::prepare(n, catalog))
        .collect::<Result<Vec<_>, _>>()?;
    // Round after round, every size and every contender in turn (see the module's note).
    let mut times: Vec<Times> = scenarios.iter().map(|_| Times::default()).collect();
    for _ in 0..runs {
        for (sc, t) in scenarios.iter().zip(&mut times) {
            sc.round(catalog, python.as_deref(), &script, t)?;
        }
    }
    let mut exports = Vec::new();
    for (sc, t) in scenarios.iter().zip(times) {
        exports.push(sc.report(catalog, runs, t)?);
    }
    if let ([small, large], [a, b]) = (&exports[..], &sizes[..]) {
        println!(
            "\n{b} against {a}: the export takes {:.2} times as long",
            large / small
        );
    }
    Ok(())
}

/// `python3` when it can import xlsxwriter; otherwise says how to install it.
fn python_xlsxwriter() -> Option<String> {
    let ok = Command::new("python3")
        .args(["-c", "import xlsxwriter"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        Some("python3".into())
    } else {
        println!(
            "Python's XlsxWriter is not available (python3 -c \"import xlsxwriter\" failed): \
             its column is skipped. Install it with: pip install XlsxWriter"
        );
        None
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One size of the benchmark: its data, the export's workbook and the cells read back from it.
struct Scenario {
    n: usize,
    dir: tempfile::TempDir,
    data: PathBuf,
    id: uuid::Uuid,
    out: PathBuf,
    sheets: Vec<Sheet>,
    json: PathBuf,
}

/// What the rounds measured for one size.
#[derive(Default)]
struct Times {
    exports: Vec<Duration>,
    opens: Vec<Duration>,
    raws: Vec<Duration>,
    raws_as_export: Vec<Duration>,
    pythons: Vec<Duration>,
    raw_size: u64,
    raw_as_export_size: u64,
}

impl Scenario {
    /// Seeds the data (or finds it kept) and exports it once, not counted: its workbook gives
    /// the cells the raw writer and Python are handed.
    fn prepare(n: usize, catalog: &preflight_catalog::Catalog) -> Result<Scenario, Error> {
        let dir = tempfile::tempdir()?;
        // PREFLIGHT_BENCH_DATA=<folder> keeps the seeded data there (and reuses it), for
        // profiling the export alone: `export --export-child <folder>/<n> <id> out.xlsx`.
        let data = match std::env::var_os("PREFLIGHT_BENCH_DATA") {
            Some(keep) => PathBuf::from(keep).join(n.to_string()),
            None => dir.path().join("data"),
        };
        let t = Instant::now();
        let id = {
            let mut store = Store::open_dir(&data)?;
            match store.list_assessments(catalog)?.first() {
                Some(kept) => kept.assessment.id,
                None => preflight_fixtures::seed_large(&mut store, catalog, n, n)?,
            }
        };
        let db = preflight_store::paths::db_path(&data);
        let db_size = std::fs::metadata(&db)?.len()
            + std::fs::metadata(db.with_extension("sqlite3-wal")).map_or(0, |m| m.len());
        println!(
            "{n} tasks, {n} evidence records: data {} assessment {id} (seeded in {:.1} s; database {:.1} MiB)",
            data.display(),
            t.elapsed().as_secs_f64(),
            db_size as f64 / 1024.0 / 1024.0
        );
        let out = dir.path().join("export.xlsx");
        let json = dir.path().join("cells.json");
        let mut sc = Scenario {
            n,
            dir,
            data,
            id,
            out,
            sheets: Vec::new(),
            json,
        };
        sc.export(catalog)?;
        sc.sheets = read_cells(&sc.out)?;
        std::fs::write(&sc.json, cells_json(&sc.sheets))?;
        Ok(sc)
    }

    /// The whole export, as the CLI does it: its time and the part of it opening the file.
    fn export(&self, catalog: &preflight_catalog::Catalog) -> Result<(Duration, Duration), Error> {
        let t = Instant::now();
        let (store, check) = Store::open_dir_checking_beside(&self.data)?;
        let open = t.elapsed();
        preflight_cli::write_workbook_checked(
            &store,
            check,
            catalog,
            &self.id.to_string(),
            &self.out,
            None,
        )?;
        Ok((t.elapsed(), open))
    }

    /// One round: the export, the raw writer with its defaults and with the export's
    /// settings, and Python, one after the other.
    fn round(
        &self,
        catalog: &preflight_catalog::Catalog,
        python: Option<&str>,
        script: &Path,
        times: &mut Times,
    ) -> Result<(), Error> {
        let (time, open) = self.export(catalog)?;
        times.exports.push(time);
        times.opens.push(open);
        let raw_out = self.dir.path().join("raw.xlsx");
        for (settings, list, size) in [
            (Settings::Default, &mut times.raws, &mut times.raw_size),
            (
                Settings::AsTheExport,
                &mut times.raws_as_export,
                &mut times.raw_as_export_size,
            ),
        ] {
            let t = Instant::now();
            write_raw(&self.sheets, &raw_out, settings)?;
            list.push(t.elapsed());
            *size = std::fs::metadata(&raw_out)?.len();
        }
        if let Some(python) = python {
            let o = Command::new(python)
                .arg(script)
                .arg(&self.json)
                .arg(self.dir.path().join("python.xlsx"))
                .output()?;
            if !o.status.success() {
                return Err(format!(
                    "xlsxwriter_raw.py failed: {}",
                    String::from_utf8_lossy(&o.stderr)
                )
                .into());
            }
            let secs: f64 = String::from_utf8_lossy(&o.stdout).trim().parse()?;
            times.pythons.push(Duration::from_secs_f64(secs));
        }
        Ok(())
    }

    /// Prints the size's figures, with the export's steps timed one by one and its peak
    /// memory; returns the export's median in seconds.
    fn report(
        &self,
        catalog: &preflight_catalog::Catalog,
        runs: usize,
        times: Times,
    ) -> Result<f64, Error> {
        let n = self.n;
        println!("\n{n} tasks, {n} evidence records:");
        let export = median(times.exports);
        println!(
            "  {:<58} {:>9.1} ms  ({:.1} ms of it opening the database; its check runs beside)",
            "export: open, read, write the .xlsx to disk",
            ms(export),
            ms(median(times.opens))
        );
        println!(
            "  {:<58} {:>9.1} KiB",
            "workbook size",
            std::fs::metadata(&self.out)?.len() as f64 / 1024.0
        );
        // The same steps one by one (as preflight_cli::write_workbook_checked does them), for
        // where the time goes.
        let mut steps = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        for _ in 0..runs {
            for (i, d) in export_steps(catalog, &self.data, self.id, &self.out)?
                .into_iter()
                .enumerate()
            {
                steps[i].push(d);
            }
        }
        let [open, check, read, write] = steps.map(median);
        println!(
            "    {:<56} {:>9.1} ms opening, {:.1} ms checking the file (beside the rest in the export; alone here), {:.1} ms reading, {:.1} ms building and writing",
            "of which",
            ms(open),
            ms(check),
            ms(read),
            ms(write)
        );
        let peak = peak_memory(
            &self.data,
            &self.id.to_string(),
            &self.dir.path().join("child.xlsx"),
        )?;
        println!("  {:<58} {peak}", "export peak memory (child process)");
        let cells: usize = self
            .sheets
            .iter()
            .map(|s| {
                s.rows
                    .iter()
                    .map(|r| r.iter().flatten().count())
                    .sum::<usize>()
            })
            .sum();
        println!(
            "  {:<58} {:>9} cells in {} sheets",
            "the same cells",
            cells,
            self.sheets.len()
        );
        let raw = median(times.raws);
        for (label, time, size) in [
            (
                "rust_xlsxwriter alone, same cells, to disk",
                raw,
                times.raw_size,
            ),
            (
                "  the same with the export's settings",
                median(times.raws_as_export),
                times.raw_as_export_size,
            ),
        ] {
            println!(
                "  {label:<58} {:>9.1} ms  (export / this: {:.2}; {:.1} KiB)",
                ms(time),
                export.as_secs_f64() / time.as_secs_f64(),
                size as f64 / 1024.0
            );
        }
        if !times.pythons.is_empty() {
            let py = median(times.pythons);
            println!(
                "  {:<58} {:>9.1} ms  (Python / export: {:.2}; Python / raw writer: {:.2})",
                "Python XlsxWriter, same cells, to disk",
                ms(py),
                py.as_secs_f64() / export.as_secs_f64(),
                py.as_secs_f64() / raw.as_secs_f64()
            );
        }
        Ok(export.as_secs_f64())
    }
}

/// The export's steps timed one by one: opening the database, checking its file (which the
/// export does beside the other steps), reading everything the workbook is written from,
/// building and writing the .xlsx.
fn export_steps(
    catalog: &preflight_catalog::Catalog,
    data: &Path,
    id: uuid::Uuid,
    out: &Path,
) -> Result<[Duration; 4], Error> {
    let t = Instant::now();
    let (store, check) = Store::open_dir_checking_beside(data)?;
    let open = t.elapsed();
    let t = Instant::now();
    check.wait()?;
    let checking = t.elapsed();
    let t = Instant::now();
    let a = store.assessment(id)?;
    let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
    let answers = store.answers(id)?;
    let auditor = preflight_cli::auditor_entries(&store, &id.to_string())?;
    let remediation = preflight_cli::RemediationData::load(&store, id)?;
    let registers = preflight_cli::RegisterData::load(&store, id)?;
    let requests = store.request_rows(catalog, id, chrono::Local::now().date_naive())?;
    let read = t.elapsed();
    let t = Instant::now();
    let input = preflight_workbook::WorkbookInput {
        catalog: &effective,
        assessment: &a,
        answers: &answers,
        prepared_at: chrono::Utc::now(),
    };
    let extras = preflight_workbook::WorkbookExtras {
        prepared_by: None,
        auditor: &auditor,
        remediation: remediation.view(),
        registers: registers.view(),
        requests: &requests,
    };
    preflight_workbook::write_with(&input, &extras, out)?;
    Ok([open, checking, read, t.elapsed()])
}

/// Runs the export in a child process and returns its peak memory, as text.
fn peak_memory(data: &Path, id: &str, out: &Path) -> Result<String, Error> {
    let o = Command::new(std::env::current_exe()?)
        .arg(CHILD)
        .arg(data)
        .arg(id)
        .arg(out)
        .output()?;
    if !o.status.success() {
        return Err(format!("export child: {}", String::from_utf8_lossy(&o.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// The child: one export, then its peak resident set.
fn export_child(args: &[String]) -> Result<(), Error> {
    let [data, id, out] = args else {
        return Err(format!("usage: {CHILD} <data dir> <assessment id> <out.xlsx>").into());
    };
    let catalog = preflight_cli::catalog()?;
    let (store, check) = Store::open_dir_checking_beside(Path::new(data))?;
    preflight_cli::write_workbook_checked(&store, check, catalog, id, Path::new(out), None)?;
    println!("{}", peak_rss());
    Ok(())
}

#[cfg(target_os = "linux")]
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or_else(
            || "unknown".to_string(),
            |kb| format!("{:.1} MiB", kb / 1024.0),
        )
}

#[cfg(not(target_os = "linux"))]
fn peak_rss() -> String {
    "not measured on this platform".to_string()
}

/// A cell as read back: text, a number, or a date (its Excel serial number).
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Date(f64),
}

struct Sheet {
    name: String,
    rows: Vec<Vec<Option<Cell>>>,
}

fn read_cells(path: &Path) -> Result<Vec<Sheet>, Error> {
    let mut wb: Xlsx<_> = open_workbook(path)?;
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Option<Cell>>> = Vec::new();
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r + r0 as usize, c + c0 as usize);
            let cell = match v {
                Data::String(s) => Cell::Text(s.clone()),
                Data::Float(f) => Cell::Number(*f),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::DateTime(d) => Cell::Date(d.as_f64()),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                Data::Error(_) | Data::Empty => continue,
            };
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            if rows[r].len() <= c {
                rows[r].resize(c + 1, None);
            }
            rows[r][c] = Some(cell);
        }
        out.push(Sheet { name, rows });
    }
    Ok(out)
}

/// How the raw writer is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settings {
    /// rust_xlsxwriter's defaults: every sheet in memory, shared strings, zip level 6.
    Default,
    /// As the export: the four long tables row by row ("constant memory"), zip level 3.
    AsTheExport,
}

/// rust_xlsxwriter alone: the same cells, wrapped text, frozen header, autofilter.
fn write_raw(sheets: &[Sheet], path: &Path, settings: Settings) -> Result<(), Error> {
    let base = Format::new()
        .set_font_name("Arial")
        .set_font_size(10)
        .set_align(FormatAlign::Top);
    let wrap = base.clone().set_text_wrap();
    let date = base
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Left);
    let mut wb = Workbook::new();
    let row_by_row = [
        preflight_workbook::QUESTIONNAIRE_SHEET,
        preflight_workbook::GAP_REGISTER_SHEET,
        preflight_workbook::REMEDIATION_SHEET,
        preflight_workbook::EVIDENCE_SHEET,
    ];
    if settings == Settings::AsTheExport {
        wb.set_zip_compression_level(preflight_workbook::ZIP_LEVEL);
    }
    for s in sheets {
        let ws = if settings == Settings::AsTheExport && row_by_row.contains(&s.name.as_str()) {
            wb.add_worksheet_with_constant_memory()?
        } else {
            wb.add_worksheet()
        };
        ws.set_name(&s.name)?;
        let mut columns = 1;
        for (r, row) in s.rows.iter().enumerate() {
            columns = columns.max(row.len());
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    None => {}
                    Some(Cell::Text(t)) => {
                        ws.write_string_with_format(r, c, t, &wrap)?;
                    }
                    Some(Cell::Number(n)) => {
                        ws.write_number_with_format(r, c, *n, &wrap)?;
                    }
                    Some(Cell::Date(n)) => {
                        ws.write_number_with_format(r, c, *n, &date)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_row = s.rows.len().saturating_sub(1) as u32;
        ws.autofilter(0, 0, last_row, (columns - 1) as u16)?;
    }
    wb.save(path)?;
    Ok(())
}

/// The cells as JSON for xlsxwriter_raw.py.
fn cells_json(sheets: &[Sheet]) -> String {
    let cell = |c: &Option<Cell>| match c {
        None => serde_json::Value::Null,
        Some(Cell::Text(t)) => serde_json::Value::String(t.clone()),
        Some(Cell::Number(n)) => serde_json::json!(n),
        Some(Cell::Date(n)) => serde_json::json!({ "d": n }),
    };
    let sheets: Vec<serde_json::Value> = sheets
        .iter()
        .map(|s| {
            serde_json::json!({
                "name": s.name,
                "rows": s.rows.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "sheets": sheets }).to_string()
}
