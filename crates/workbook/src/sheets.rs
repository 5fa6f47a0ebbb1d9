//! The workbook's sheets, added in their order and then built on every core.
//!
//! Each sheet is filled by its own module (`cover_sheet`, `questionnaire_sheet`, ...) from data
//! that is only read, so sheets can be built at the same time: the workbook adds every sheet
//! first (which fixes their order and, for the long tables, opens their row-by-row temporary
//! file), then worker threads take the sheets one at a time, the largest first, until none is
//! left. A 5,000-task export spends about half its time building the Remediation plan and the
//! Evidence index; on two cores they are built side by side (figures in docs/benchmarks.md).
//! Only the final save (rust_xlsxwriter compressing the sheets into the zip) stays on one core.
//!
//! The workbook is the same whatever the order the sheets are filled in: every cell, format,
//! row height and sheet. Only the numbering of the styles inside the file may differ from one
//! export to the next (the long tables share one style table, numbered in the order formats
//! are first used), which no spreadsheet shows.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use crate::cells;

/// Fills one worksheet.
pub type Fill<'a> = Box<dyn FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a>;

/// How a sheet is held while it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// Whole in memory until the save (the short sheets: cover, readiness, registers).
    InMemory,
    /// Row by row to a temporary file ([`cells::add_row_by_row_sheet`]): the long tables.
    RowByRow,
}

/// A sheet to add: how it is held, about how many rows it will have (the larger ones are
/// started first), and what fills it.
pub struct Sheet<'a> {
    pub holding: Holding,
    pub rows: usize,
    pub fill: Fill<'a>,
}

impl<'a> Sheet<'a> {
    pub fn new(
        holding: Holding,
        rows: usize,
        fill: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a,
    ) -> Self {
        Sheet {
            holding,
            rows,
            fill: Box::new(fill),
        }
    }
}

/// Adds the sheets to the workbook in the order given and fills them, on as many threads as
/// the computer has cores (at most one per sheet). The first error, in sheet order, is
/// returned; the workbook is then not to be saved.
pub fn build(wb: &mut Workbook, sheets: Vec<Sheet<'_>>) -> Result<(), XlsxError> {
    let first = wb.worksheets().len();
    for sheet in &sheets {
        match sheet.holding {
            Holding::InMemory => {
                wb.add_worksheet();
            }
            Holding::RowByRow => {
                cells::add_row_by_row_sheet(wb)?;
            }
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sheets.len());
    let added = &mut wb.worksheets_mut()[first..];
    if threads <= 1 {
        for (ws, sheet) in added.iter_mut().zip(sheets) {
            (sheet.fill)(ws)?;
        }
        return Ok(());
    }
    // The largest sheets first, so that no thread is left with a long one at the end.
    let mut order: Vec<usize> = (0..sheets.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sheets[i].rows));
    let slots: Vec<Mutex<Option<(&mut Worksheet, Fill<'_>)>>> = added
        .iter_mut()
        .zip(sheets)
        .map(|(ws, sheet)| Mutex::new(Some((ws, sheet.fill))))
        .collect();
    let results: Vec<Mutex<Option<Result<(), XlsxError>>>> =
        slots.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                let job = slots[i].lock().ok().and_then(|mut slot| slot.take());
                if let Some((ws, fill)) = job {
                    let done = fill(ws);
                    if let Ok(mut r) = results[i].lock() {
                        *r = Some(done);
                    }
                }
            });
        }
    });
    for r in results {
        match r.into_inner() {
            Ok(Some(Ok(()))) => {}
            Ok(Some(Err(e))) => return Err(e),
            // A sheet no thread filled, or a lock poisoned by a panic in a filling thread
            // (the scope re-raises that panic before this point).
            Ok(None) | Err(_) => {
                return Err(XlsxError::ParameterError(
                    "a sheet of the workbook was not built".to_string(),
                ))
            }
        }
    }
    Ok(())
}
