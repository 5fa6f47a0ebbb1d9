//! The `.preflight` archive: one zip holding the portable JSON of an assessment
//! (`preflight.json`, see [`crate::portable`]), its evidence files under their SHA-256
//! (`evidence/<sha256>`), and a manifest listing those files with their sizes.
//!
//! Saving one is "Save with evidence files"; loading one is how a founder moves everything to
//! a new laptop. Loading checks every file against the SHA-256 recorded when it was attached
//! and refuses the whole archive when one does not match or is missing, before anything is
//! saved: files are unpacked into a staging folder first, then the database is written in one
//! transaction, then the files are moved into the evidence folder.
//!
//! Names inside the archive are never used as paths: entries are looked up by the hashes the
//! file records, and each is read no further than its recorded size.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use preflight_catalog::Catalog;
use preflight_remediation::evidence::{copy_hashing, EVIDENCE_DIR};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::evidence::resolve_stored_path;
use crate::portable::{read_text, CheckedFile, FilePreview, Loaded, SameAssessment};
use crate::{Store, StoreError};

/// The extension of an archive.
pub const EXTENSION: &str = "preflight";
const JSON_ENTRY: &str = "preflight.json";
const MANIFEST_ENTRY: &str = "manifest.json";
const FORMAT: &str = "preflight-archive";
const FORMAT_VERSION: u32 = 1;
/// The most the JSON and the manifest may take unpacked (a generous cap against zip bombs).
const MAX_JSON_BYTES: u64 = 1 << 30;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: String,
    format_version: u32,
    files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    sha256: String,
    size: u64,
}

/// What saving an archive did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchiveSaved {
    pub path: PathBuf,
    /// Distinct files stored (two records of the same content share one).
    pub files: usize,
    pub bytes: u64,
    /// Evidence whose file is missing here or no longer matches its SHA-256: left out, named
    /// so the user can attach them again.
    pub left_out: Vec<String>,
}

/// True when the file starts like a zip (an archive) rather than JSON text.
pub fn is_archive(path: &Path) -> Result<bool, StoreError> {
    let mut head = [0u8; 4];
    let mut f = File::open(path).map_err(|source| StoreError::File {
        path: path.to_path_buf(),
        source,
    })?;
    let n = f.read(&mut head).map_err(|source| StoreError::File {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(n == 4 && head == *b"PK\x03\x04")
}

fn entry_name(sha256: &str) -> String {
    format!("evidence/{sha256}")
}

fn io_err(path: &Path) -> impl Fn(io::Error) -> StoreError + '_ {
    move |source| StoreError::File {
        path: path.to_path_buf(),
        source,
    }
}

fn malformed(path: &Path, reason: impl ToString) -> StoreError {
    StoreError::ArchiveMalformed {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

impl Store {
    /// Writes the archive of an assessment: written under a temporary name beside `path`,
    /// then renamed, so a failure leaves no half-written archive. `progress(done, total)` in
    /// bytes of evidence.
    pub fn export_archive(
        &self,
        data_dir: &Path,
        id: Uuid,
        path: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ArchiveSaved, StoreError> {
        let json = self.export_json(id)?;
        let evidence = self.evidence(id)?;
        let mut by_hash: Vec<&preflight_remediation::Evidence> = Vec::new();
        for e in &evidence {
            if !by_hash.iter().any(|x| x.sha256 == e.sha256) {
                by_hash.push(e);
            }
        }
        let total: u64 = by_hash.iter().map(|e| e.size).sum();
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = dir.join(format!(
            ".{}.part",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "archive".into())
        ));
        let result = write_archive(data_dir, &temp, &json, &by_hash, total, progress);
        let (files, bytes, left_out) = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = fs::remove_file(&temp);
                return Err(e);
            }
        };
        fs::rename(&temp, path).map_err(|e| {
            let _ = fs::remove_file(&temp);
            io_err(path)(e)
        })?;
        // Name every record whose content was left out, not only the first of each hash.
        let left_out = evidence
            .iter()
            .filter(|e| left_out.contains(&e.sha256))
            .map(|e| e.original_name.clone())
            .collect();
        Ok(ArchiveSaved {
            path: path.to_path_buf(),
            files,
            bytes,
            left_out,
        })
    }

    /// What a portable file (JSON or archive) holds, checked completely, writing nothing.
    pub fn preview_file(&self, catalog: &Catalog, path: &Path) -> Result<FilePreview, StoreError> {
        let checked = if is_archive(path)? {
            Opened::open(catalog, path)?.checked
        } else {
            CheckedFile::read(catalog, &read_text(path)?)?
        };
        self.preview(&checked)
    }

    /// Loads a portable JSON file or an archive, all or nothing. From an archive every evidence
    /// file is checked against its SHA-256 before anything is saved. `progress(done, total)` in
    /// bytes of evidence unpacked.
    pub fn load_file(
        &mut self,
        catalog: &Catalog,
        data_dir: &Path,
        path: &Path,
        same: SameAssessment,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Loaded, StoreError> {
        if !is_archive(path)? {
            let checked = CheckedFile::read(catalog, &read_text(path)?)?;
            let mut loaded = self.load_checked(catalog, checked, same)?;
            loaded.evidence_files_missing = self.missing_files(data_dir, loaded.assessment.id)?;
            return Ok(loaded);
        }
        let mut opened = Opened::open(catalog, path)?;
        let staging = data_dir
            .join(EVIDENCE_DIR)
            .join(format!(".incoming-{}", Uuid::new_v4()));
        let staged = match opened.unpack(&staging, progress) {
            Ok(s) => s,
            Err(e) => {
                let _ = fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        let loaded = self.load_checked(catalog, opened.checked, same);
        let mut loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                let _ = fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        let placed = self.place_files(data_dir, &loaded, &staging, staged);
        let _ = fs::remove_dir_all(&staging);
        loaded.evidence_files = placed?;
        loaded.evidence_files_missing = self.missing_files(data_dir, loaded.assessment.id)?;
        Ok(loaded)
    }

    /// Moves unpacked files to where the loaded records say they are. A replaced
    /// assessment's old folder is set aside first and deleted once the new files are in.
    fn place_files(
        &self,
        data_dir: &Path,
        loaded: &Loaded,
        staging: &Path,
        mut staged: HashMap<String, usize>,
    ) -> Result<usize, StoreError> {
        let id = loaded.assessment.id;
        let folder = data_dir.join(EVIDENCE_DIR).join(id.to_string());
        let aside = data_dir
            .join(EVIDENCE_DIR)
            .join(format!(".replaced-{}", Uuid::new_v4()));
        let set_aside = loaded.replaced && folder.exists();
        if set_aside {
            fs::rename(&folder, &aside).map_err(io_err(&folder))?;
        }
        let mut placed = 0;
        for e in self.evidence(id)? {
            let Some(uses) = staged.get_mut(&e.sha256) else {
                continue;
            };
            let from = staging.join(&e.sha256);
            let to = resolve_stored_path(data_dir, &e.stored_path)?;
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            *uses -= 1;
            if *uses == 0 {
                fs::rename(&from, &to).map_err(io_err(&to))?;
            } else {
                fs::copy(&from, &to).map_err(io_err(&to))?;
            }
            placed += 1;
        }
        if set_aside {
            let _ = fs::remove_dir_all(&aside);
        }
        Ok(placed)
    }

    /// Evidence in use whose file is not in the data folder.
    fn missing_files(&self, data_dir: &Path, id: Uuid) -> Result<usize, StoreError> {
        let mut n = 0;
        for e in self.evidence(id)? {
            let there = resolve_stored_path(data_dir, &e.stored_path)
                .map(|p| p.is_file())
                .unwrap_or(false);
            if !there {
                n += 1;
            }
        }
        Ok(n)
    }
}

type Written = (usize, u64, Vec<String>);

fn write_archive(
    data_dir: &Path,
    temp: &Path,
    json: &str,
    files: &[&preflight_remediation::Evidence],
    total: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Written, StoreError> {
    let out = File::create(temp).map_err(io_err(temp))?;
    let mut zip = ZipWriter::new(out);
    let zerr = |e: zip::result::ZipError| malformed(temp, e);
    let deflate = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file(JSON_ENTRY, deflate).map_err(zerr)?;
    zip.write_all(json.as_bytes()).map_err(io_err(temp))?;
    let mut manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        files: Vec::new(),
    };
    let mut left_out = Vec::new();
    let mut done = 0u64;
    progress(0, total);
    for e in files {
        let source = resolve_stored_path(data_dir, &e.stored_path)?;
        let Ok(mut f) = File::open(&source) else {
            left_out.push(e.sha256.clone());
            done += e.size;
            progress(done.min(total), total);
            continue;
        };
        // Evidence is mostly PDFs and images, already compressed: the fastest deflate level.
        let opts = deflate
            .compression_level(Some(1))
            .large_file(e.size >= u64::from(u32::MAX));
        zip.start_file(entry_name(&e.sha256), opts).map_err(zerr)?;
        let before = done;
        let copied = copy_hashing(&mut f, &mut zip, e.size, &mut |d, _| {
            progress((before + d).min(total), total)
        });
        done += e.size;
        match copied {
            Ok(c) if c.sha256 == e.sha256 && c.bytes == e.size => {
                manifest.files.push(ManifestFile {
                    sha256: e.sha256.clone(),
                    size: e.size,
                });
            }
            Ok(_) => {
                zip.abort_file().map_err(zerr)?;
                left_out.push(e.sha256.clone());
            }
            Err(err) => {
                zip.abort_file().map_err(zerr)?;
                if err.kind() == io::ErrorKind::StorageFull {
                    return Err(io_err(temp)(err));
                }
                left_out.push(e.sha256.clone());
            }
        }
    }
    zip.start_file(MANIFEST_ENTRY, deflate).map_err(zerr)?;
    let text = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| StoreError::BadValue(format!("manifest: {e}")))?;
    zip.write_all(&text).map_err(io_err(temp))?;
    let out = zip.finish().map_err(zerr)?;
    out.sync_all().map_err(io_err(temp))?;
    let bytes = manifest.files.iter().map(|f| f.size).sum();
    Ok((manifest.files.len(), bytes, left_out))
}

/// An archive opened and its JSON checked, nothing unpacked yet.
struct Opened {
    path: PathBuf,
    zip: ZipArchive<File>,
    manifest: Manifest,
    checked: CheckedFile,
}

fn read_entry<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    path: &Path,
) -> Result<Vec<u8>, StoreError> {
    let entry = zip
        .by_name(name)
        .map_err(|_| malformed(path, format!("it has no {name}")))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_JSON_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| malformed(path, format!("{name} could not be read: {e}")))?;
    if bytes.len() as u64 > MAX_JSON_BYTES {
        return Err(malformed(path, format!("{name} is larger than 1 GiB")));
    }
    Ok(bytes)
}

impl Opened {
    fn open(catalog: &Catalog, path: &Path) -> Result<Opened, StoreError> {
        let file = File::open(path).map_err(io_err(path))?;
        let mut zip = ZipArchive::new(file).map_err(|e| malformed(path, e))?;
        let manifest: Manifest =
            serde_json::from_slice(&read_entry(&mut zip, MANIFEST_ENTRY, path)?)
                .map_err(|e| malformed(path, format!("its manifest: {e}")))?;
        if manifest.format != FORMAT {
            return Err(malformed(path, "its manifest is not a Preflight manifest"));
        }
        if manifest.format_version > FORMAT_VERSION {
            return Err(malformed(
                path,
                format!(
                    "it was written by a newer Preflight (archive version {}; this version reads up to {FORMAT_VERSION})",
                    manifest.format_version
                ),
            ));
        }
        for f in &manifest.files {
            let hex = f.sha256.len() == 64
                && f.sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !hex {
                return Err(malformed(
                    path,
                    "its manifest lists a file without a SHA-256",
                ));
            }
        }
        let json = read_entry(&mut zip, JSON_ENTRY, path)?;
        let checked = CheckedFile::read(catalog, &String::from_utf8_lossy(&json))?;
        Ok(Opened {
            path: path.to_path_buf(),
            zip,
            manifest,
            checked,
        })
    }

    /// Unpacks every file the records use into `staging`, checking each against its
    /// SHA-256 and size. Returns how many records use each unpacked hash.
    fn unpack(
        &mut self,
        staging: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<HashMap<String, usize>, StoreError> {
        let mut uses: HashMap<String, (usize, String, u64)> = HashMap::new();
        for e in self.checked.files_in_use() {
            let entry = uses.entry(e.sha256.to_ascii_lowercase()).or_insert((
                0,
                e.original_name.clone(),
                e.size,
            ));
            entry.0 += 1;
        }
        // Only what the manifest lists is in the archive; a record whose file is not listed
        // is loaded without it (it was missing where the archive was made).
        let listed: Vec<ManifestFile> = self
            .manifest
            .files
            .iter()
            .filter(|f| uses.contains_key(&f.sha256))
            .cloned()
            .collect();
        let total: u64 = listed.iter().map(|f| f.size).sum();
        fs::create_dir_all(staging).map_err(io_err(staging))?;
        if let Ok(available) = fs4::available_space(staging) {
            preflight_remediation::evidence::check_space(total, available)?;
        }
        let mut done = 0u64;
        progress(0, total);
        let mut staged = HashMap::new();
        for f in listed {
            let (count, name, size) = uses[&f.sha256].clone();
            if size != f.size {
                return Err(StoreError::ArchiveFileTampered { name });
            }
            let entry = self
                .zip
                .by_name(&entry_name(&f.sha256))
                .map_err(|_| StoreError::ArchiveFileMissing { name: name.clone() })?;
            let to = staging.join(&f.sha256);
            let mut out = File::create(&to).map_err(io_err(&to))?;
            let before = done;
            // One byte more than recorded is enough to tell a longer file.
            let copied = copy_hashing(
                &mut entry.take(f.size + 1),
                &mut out,
                f.size,
                &mut |d, _| progress((before + d).min(total), total),
            )
            .map_err(|e| malformed(&self.path, format!("\"{name}\" could not be unpacked: {e}")))?;
            if copied.sha256 != f.sha256 || copied.bytes != f.size {
                return Err(StoreError::ArchiveFileTampered { name });
            }
            out.sync_all().map_err(io_err(&to))?;
            done += f.size;
            staged.insert(f.sha256, count);
        }
        progress(total, total);
        Ok(staged)
    }
}
