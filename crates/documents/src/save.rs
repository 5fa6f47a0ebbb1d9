//! Saving a document without leaving anything half-written, and naming it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::DocumentError;

/// Writes `bytes` to `path`: first to `<name>.partial` beside it, flushed to disk, then renamed
/// over `path`. On any failure the `.partial` is removed and `path` is left as it was. The
/// folder must exist: it is never created.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), DocumentError> {
    let Some(name) = path.file_name() else {
        return Err(DocumentError::NotAFile {
            path: path.to_path_buf(),
        });
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(DocumentError::FolderMissing { folder });
    }
    if path.is_dir() {
        return Err(DocumentError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let mut partial_name = name.to_os_string();
    partial_name.push(".partial");
    let partial = folder.join(partial_name);

    let saved = write_then_rename(&partial, path, bytes);
    if saved.is_err() {
        let _ = fs::remove_file(&partial);
    }
    saved.map_err(|source| DocumentError::Save {
        path: path.to_path_buf(),
        source,
    })
}

fn write_then_rename(partial: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(partial, path)
}

/// The longest stem `file_stem` gives, in characters.
const MAX_STEM: usize = 80;

/// A file name stem for a title, safe on Windows, macOS and Linux: letters, digits, spaces, `-`
/// and `_` are kept, anything else becomes `_`; spaces at either end are trimmed; at most 80
/// characters; a name Windows reserves (CON, NUL, COM1...) gets a trailing `_`; never empty
/// ("document" when nothing is left).
pub fn file_stem(title: &str) -> String {
    let mapped: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut stem: String = mapped.trim().chars().take(MAX_STEM).collect();
    stem.truncate(stem.trim_end().len());
    if stem.is_empty() {
        return "document".to_string();
    }
    if is_reserved_on_windows(&stem) {
        if stem.chars().count() >= MAX_STEM {
            stem.pop();
        }
        stem.push('_');
    }
    stem
}

fn is_reserved_on_windows(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}
