//! The evidence package handed to the auditor: one .zip with a folder per request item holding
//! its evidence files, an index workbook (request id, item, file, SHA-256, effective date), the
//! gap workbook and the system description.
//!
//! Every file is checked against its recorded SHA-256 as it is copied into the archive; a
//! changed or missing file stops the package with a message naming it. The archive is written
//! to `<name>.partial` beside the target and renamed only once complete, so a failure (a folder
//! that cannot be written, a full disk, a tampered file) leaves nothing half-written behind.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use preflight_catalog::Catalog;
use preflight_remediation::evidence::copy_hashing;
use preflight_store::evidence::resolve_stored_path;
use preflight_store::Store;
use rust_xlsxwriter::{Format, Workbook};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use crate::CliError;

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("The evidence file \"{name}\" (for {request}) was changed or is damaged since it was attached: its SHA-256 is now {found}, not {expected}. The package was not written. Attach the file again, or remove it from the request item.")]
    Tampered {
        name: String,
        request: String,
        expected: String,
        found: String,
    },
    #[error("The evidence file \"{name}\" (for {request}) is missing from the evidence folder. The package was not written. Attach it again, or remove it from the request item.")]
    Missing { name: String, request: String },
    #[error("The package could not be written to {path}: {source}. Nothing was left behind; check the folder can be written to and the disk has room.")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("The package's index could not be built: {0}")]
    Index(String),
}

impl PackageError {
    pub fn code(&self) -> &'static str {
        match self {
            PackageError::Tampered { .. } => "package_file_changed",
            PackageError::Missing { .. } => "package_file_missing",
            PackageError::Write { .. } => "package_write",
            PackageError::Index(_) => "package_index",
        }
    }
}

/// What a written package holds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PackageSummary {
    pub path: String,
    pub request_items: usize,
    pub items_with_files: usize,
    pub files: usize,
    pub bytes: u64,
}

/// A name safe as a folder or file name inside the archive.
fn safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let t = cleaned.trim().trim_matches('.').to_string();
    if t.is_empty() {
        "file".into()
    } else {
        t
    }
}

/// Writes the package of `assessment` to `path`. `progress(done, total)` reports bytes of
/// evidence copied.
pub fn write_package(
    store: &Store,
    catalog: &Catalog,
    data_dir: &Path,
    assessment: &str,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<PackageSummary, CliError> {
    let id = preflight_assessment::assessment::parse_id(assessment)?;
    let today = chrono::Local::now().date_naive();
    let rows = store.request_rows(catalog, id, today)?;
    let evidence = store.evidence(id)?;
    let total: u64 = rows
        .iter()
        .flat_map(|r| r.evidence.iter().filter(|e| !e.removed))
        .filter_map(|le| evidence.iter().find(|x| x.id == le.id).map(|x| x.size))
        .sum();
    let workbook = {
        let mut bytes = Vec::new();
        crate::with_export_data(store, catalog, assessment, None, |input, extras| {
            bytes = preflight_workbook::to_bytes_with(input, extras)?;
            Ok(())
        })?;
        bytes
    };
    let description = crate::description_document(store, catalog, assessment)?;
    let description_docx = preflight_documents::to_docx(&description)?;

    let mut partial_name = path.file_name().unwrap_or_default().to_os_string();
    partial_name.push(".partial");
    let partial = path.with_file_name(partial_name);
    let write_err = |source: std::io::Error| PackageError::Write {
        path: path.display().to_string(),
        source,
    };
    let result = (|| -> Result<PackageSummary, CliError> {
        let file = File::create(&partial).map_err(write_err)?;
        let mut zip = ZipWriter::new(BufWriter::new(file));
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut index: Vec<[String; 7]> = Vec::new();
        let mut done: u64 = 0;
        let mut files = 0;
        let mut with_files = 0;
        progress(0, total);
        for r in &rows {
            let live: Vec<_> = r.evidence.iter().filter(|e| !e.removed).collect();
            if live.is_empty() {
                index.push([
                    r.id.clone(),
                    r.item.clone(),
                    r.status.label().into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                continue;
            }
            with_files += 1;
            let folder = safe(&format!("{} {}", r.id, r.item));
            for le in live {
                let Some(e) = evidence.iter().find(|x| x.id == le.id) else {
                    continue;
                };
                let source = resolve_stored_path(data_dir, &e.stored_path)?;
                let mut f = match File::open(&source) {
                    Ok(f) => f,
                    Err(_) => {
                        return Err(PackageError::Missing {
                            name: e.original_name.clone(),
                            request: r.id.clone(),
                        }
                        .into())
                    }
                };
                let inner = format!(
                    "{folder}/{}-{}",
                    &e.id.simple().to_string()[..8],
                    safe(&e.original_name)
                );
                zip.start_file(inner.as_str(), opts)
                    .map_err(|e| write_err(std::io::Error::other(e)))?;
                let before = done;
                let copied = copy_hashing(&mut f, &mut zip, e.size, &mut |n, _| {
                    progress(before + n, total.max(before + n))
                })
                .map_err(write_err)?;
                if copied.sha256 != e.sha256 {
                    return Err(PackageError::Tampered {
                        name: e.original_name.clone(),
                        request: r.id.clone(),
                        expected: e.sha256.clone(),
                        found: copied.sha256,
                    }
                    .into());
                }
                done += copied.bytes;
                files += 1;
                index.push([
                    r.id.clone(),
                    r.item.clone(),
                    r.status.label().into(),
                    inner,
                    e.sha256.clone(),
                    le.effective_date.map(|d| d.to_string()).unwrap_or_default(),
                    match &le.check {
                        Some(c) if c.fits => "Yes".into(),
                        Some(c) => format!("No: {}", c.note),
                        None => "No effective date".into(),
                    },
                ]);
            }
        }
        let index_bytes = index_workbook(&index)?;
        for (name, bytes) in [
            ("index.xlsx".to_string(), index_bytes.as_slice()),
            ("gap workbook.xlsx".to_string(), workbook.as_slice()),
            (
                "system description.docx".to_string(),
                description_docx.as_slice(),
            ),
            (
                "system description.md".to_string(),
                preflight_documents::to_markdown(&description).as_bytes(),
            ),
        ] {
            zip.start_file(name.as_str(), opts)
                .map_err(|e| write_err(std::io::Error::other(e)))?;
            zip.write_all(bytes).map_err(write_err)?;
        }
        let mut inner = zip
            .finish()
            .map_err(|e| write_err(std::io::Error::other(e)))?;
        inner.flush().map_err(write_err)?;
        inner.get_ref().sync_all().map_err(write_err)?;
        drop(inner);
        std::fs::rename(&partial, path).map_err(write_err)?;
        progress(total, total);
        Ok(PackageSummary {
            path: path.display().to_string(),
            request_items: rows.len(),
            items_with_files: with_files,
            files,
            bytes: done,
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// The index sheet: one row per file (and one per item without files).
fn index_workbook(rows: &[[String; 7]]) -> Result<Vec<u8>, CliError> {
    let err = |e: rust_xlsxwriter::XlsxError| PackageError::Index(e.to_string());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Index").map_err(err)?;
    let bold = Format::new().set_bold();
    let headers = [
        "Request id",
        "Item",
        "Status",
        "File in this package",
        "SHA-256",
        "Effective date",
        "Fits the window",
    ];
    let widths = [13.0, 40.0, 11.0, 50.0, 66.0, 12.0, 30.0];
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
        ws.set_column_width(c as u16, w).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            // Always text: a file or item name never becomes a formula.
            ws.write_string(r as u32 + 1, c as u16, v).map_err(err)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)
        .map_err(err)?;
    wb.save_to_buffer().map_err(|e| err(e).into())
}

impl From<PackageError> for CliError {
    fn from(e: PackageError) -> Self {
        CliError::Package(e)
    }
}

/// Default file name of a package.
pub fn default_name(company: &str) -> PathBuf {
    PathBuf::from(format!(
        "{} evidence package.zip",
        preflight_documents::file_stem(company)
    ))
}
