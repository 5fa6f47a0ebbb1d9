//! Preflight without a window. The desktop binary (`preflight <command>`) and `preflight-cli`
//! both parse their arguments here, so scripts can list, save, load and export assessments.
//!
//! ```text
//! preflight-cli list
//! preflight-cli export-json <ASSESSMENT-ID> acme.preflight.json
//! preflight-cli import-json acme.preflight.json
//! preflight-cli workbook <ASSESSMENT-ID> acme-gaps.xlsx
//! preflight-cli import-review <ASSESSMENT-ID> acme-gaps-reviewed.xlsx
//! preflight-cli csv <ASSESSMENT-ID> exports/
//! preflight-cli risks <ASSESSMENT-ID>
//! preflight-cli vendors <ASSESSMENT-ID>
//! preflight-cli import-vendors <ASSESSMENT-ID> vendors.csv [--dry-run] [--good-rows-only]
//! preflight-cli policies <ASSESSMENT-ID>
//! preflight-cli export-policies <ASSESSMENT-ID> policies/ [--policy <POLICY-ID>]
//! preflight-cli people <ASSESSMENT-ID>
//! preflight-cli import-people <ASSESSMENT-ID> hr-export.csv [--dry-run] [--good-rows-only]
//! ```

use preflight_store::portable::SameAssessment;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::{Parser, Subcommand, ValueEnum};
use preflight_assessment::assessment::parse_id;
use preflight_assessment::scoring::readiness;
use preflight_assessment::{
    AnswerValue, AssessmentError, NewAssessment, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use preflight_remediation::{Calendar, Evidence, Task};
use preflight_store::db::FileCheck;
use preflight_store::review::{NewComment, SavedReview};
use preflight_store::{paths, Store, StoreError};
use preflight_workbook::{
    AuditorEntry, AuditorStatus, ImportError, Remediation, ReviewReport, WorkbookError,
    WorkbookExtras, WorkbookInput,
};
use uuid::Uuid;

pub mod package;

#[derive(Debug, Parser)]
#[command(
    name = "preflight",
    version,
    about = "Offline SOC audit readiness. Without a command, opens the app window."
)]
pub struct Cli {
    /// Folder holding Preflight's database (default: the OS data folder; or set PREFLIGHT_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List assessments with their id, scope and progress.
    List,
    /// Create an assessment.
    New {
        #[arg(long)]
        company: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_enum)]
        kind: KindArg,
        #[arg(long = "type", value_enum)]
        report_type: TypeArg,
        /// A Trust Services category to add (Security is always in for SOC 2 and SOC 3). Repeatable.
        #[arg(long = "category")]
        categories: Vec<String>,
        /// A SOC 1 control objective template id. Repeatable.
        #[arg(long = "objective")]
        objectives: Vec<String>,
        /// Type 2 observation period start, YYYY-MM-DD.
        #[arg(long)]
        start: Option<String>,
        /// Type 2 observation period end, YYYY-MM-DD.
        #[arg(long)]
        end: Option<String>,
    },
    /// Answer a question: yes, partly, no, na or unknown.
    Answer {
        assessment: String,
        question: String,
        value: String,
        /// Any text, even one starting with a hyphen (`--note -2`).
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        note: String,
    },
    /// Print readiness overall and per criterion.
    Readiness { assessment: String },
    /// Save an assessment to a portable JSON file: everything but the evidence files.
    ExportJson { assessment: String, file: PathBuf },
    /// Save an assessment with its evidence files as one .preflight archive (to move to a new
    /// laptop, or keep a complete copy).
    ExportArchive { assessment: String, file: PathBuf },
    /// Load an assessment from a portable JSON file or a .preflight archive. When this data
    /// folder already has the same assessment, it is loaded as a copy beside it, unless
    /// --replace is given.
    ImportJson {
        file: PathBuf,
        /// Replace the assessment with the same id here (and everything it holds).
        #[arg(long)]
        replace: bool,
    },
    /// Write the gap workbook (.xlsx) of an assessment, with any auditor comments imported.
    Workbook {
        assessment: String,
        file: PathBuf,
        /// Who the cover names as having prepared the workbook (default: Preflight).
        #[arg(long)]
        prepared_by: Option<String>,
    },
    /// Read the auditor's comments and statuses from a returned gap workbook and save them.
    ImportReview { assessment: String, file: PathBuf },
    /// Write the questionnaire, the gap register and the registers as CSV files into a folder.
    Csv { assessment: String, dir: PathBuf },
    /// List the risk register: scores before and after treatment, and the last risk assessment.
    Risks { assessment: String },
    /// List the vendors with their criticality, report review and flags.
    Vendors { assessment: String },
    /// Import a vendor list from CSV (columns matched by header name). Every row is reported as
    /// taken or rejected; with any row rejected nothing is saved unless --good-rows-only.
    ImportVendors {
        assessment: String,
        file: PathBuf,
        /// Only report what would be taken and rejected; save nothing.
        #[arg(long)]
        dry_run: bool,
        /// When some rows are rejected, save the good rows anyway.
        #[arg(long)]
        good_rows_only: bool,
    },
    /// List the policies with their status, version in force, owner and next review.
    Policies { assessment: String },
    /// Write the approved policy set (or one policy) as .docx and Markdown files into a folder.
    ExportPolicies {
        assessment: String,
        dir: PathBuf,
        /// Only this policy (its version in force, or its draft when none is approved).
        #[arg(long)]
        policy: Option<String>,
    },
    /// Write the evidence package (.zip): a folder per request item with its files, an index,
    /// the gap workbook and the system description. Files are checked against their SHA-256.
    Package { assessment: String, file: PathBuf },
    /// List the request list: each item's status and evidence.
    Requests { assessment: String },
    /// Write the system description draft as .docx and Markdown into a folder.
    Description { assessment: String, dir: PathBuf },
    /// Write a checked backup of the database now, into backups/ beside it.
    Backup,
    /// List the backups with what each holds; with --latest, restore the newest good one (the
    /// current database is moved aside under a dated name, never deleted).
    Restore {
        #[arg(long)]
        latest: bool,
    },
    /// List the people register with the flags an auditor would raise.
    People { assessment: String },
    /// Import people from an HR export (CSV, columns matched by header name). Every row is
    /// reported; with any row rejected nothing is saved unless --good-rows-only.
    ImportPeople {
        assessment: String,
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        good_rows_only: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Soc1,
    Soc2,
    Soc3,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TypeArg {
    Type1,
    Type2,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("the catalog built into this program is broken: {0}")]
    Catalog(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Invalid(#[from] AssessmentError),
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    #[error(transparent)]
    Review(#[from] ImportError),
    #[error("could not write output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    Document(#[from] preflight_documents::DocumentError),
    #[error(transparent)]
    Package(package::PackageError),
    #[error("There is no policy with id {0} in this assessment.")]
    UnknownPolicy(String),
    #[error("No policy is approved yet, so there is no approved set to export. Approve policies in the Policies tab first.")]
    NothingApproved,
    #[error("Could not read {}: {source}", .path.display())]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl CliError {
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Catalog(_) => "catalog_invalid",
            CliError::Store(e) => e.code(),
            CliError::Invalid(e) => e.code(),
            CliError::Workbook(e) => e.code(),
            CliError::Review(e) => e.code(),
            CliError::Output(_) => "output",
            CliError::ReadFile { .. } => "file_io",
            CliError::Document(e) => e.code(),
            CliError::Package(e) => e.code(),
            CliError::UnknownPolicy(_) => "unknown_policy",
            CliError::NothingApproved => "nothing_approved",
        }
    }
}

/// The catalog, or a typed error instead of a panic.
pub fn catalog() -> Result<&'static Catalog, CliError> {
    preflight_catalog::embedded().map_err(|e| CliError::Catalog(e.to_string()))
}

/// A checked backup on launch, at most once a day; a failure is said, not hidden.
fn daily_backup(store: &Store) {
    if let Err(e) = store.daily_backup(Utc::now()) {
        eprintln!("warning [{}]: {e}", e.code());
    }
}

/// When the error says the database cannot be read (damaged, not ours, newer), names the
/// backup that would bring the work back; the error is passed on either way.
fn cannot_open(dir: &Path, e: CliError, out: &mut dyn Write) -> CliError {
    let unreadable = matches!(
        &e,
        CliError::Store(
            StoreError::NotADatabase(_)
                | StoreError::ForeignDatabase(_)
                | StoreError::NewerDatabase { .. }
        )
    );
    if unreadable {
        say_newest_backup(dir, out);
    }
    e
}

/// Names the newest good backup and how to restore it, when there is one.
fn say_newest_backup(dir: &Path, out: &mut dyn Write) {
    if let Some(b) = preflight_store::backup::list_backups(dir)
        .into_iter()
        .find(|b| b.good)
    {
        // The error itself is what matters; a failed hint must not hide it.
        let _ = writeln!(
            out,
            "The database cannot be opened. The newest good backup is from {} UTC ({} assessments, {} answers); restore it with: preflight restore --latest",
            b.taken_at, b.assessments, b.answers
        );
    }
}

/// Runs one command against the data folder, writing human-readable output.
pub fn run(data_dir: Option<&Path>, command: Command, out: &mut dyn Write) -> Result<(), CliError> {
    let catalog = catalog()?;
    let dir = paths::data_dir(data_dir)?;
    // Restoring works on a database that cannot be opened: it comes before opening.
    if let Command::Restore { latest } = command {
        return restore_command(&dir, latest, out);
    }
    // The file's pages are checked beside the first work: the workbook export builds its
    // cells meanwhile and saves them only once the file is found whole; every other command
    // waits for the check before it starts.
    let (mut store, check) = match Store::open_dir_checking_beside(&dir) {
        Ok(opened) => opened,
        Err(e) => {
            say_newest_backup(&dir, out);
            return Err(e.into());
        }
    };
    let mut check = Some(check);
    if !matches!(command, Command::Workbook { .. }) {
        if let Some(c) = check.take() {
            c.wait().map_err(|e| cannot_open(&dir, e.into(), out))?;
        }
        daily_backup(&store);
    }
    match command {
        Command::List => {
            for s in store.list_assessments(catalog)? {
                let a = &s.assessment;
                writeln!(
                    out,
                    "{}  {}  [{}]  {} of {} answered",
                    a.id,
                    a.name,
                    a.scope.describe(catalog),
                    s.answered,
                    s.questions
                )?;
            }
        }
        Command::New {
            company,
            name,
            kind,
            report_type,
            categories,
            objectives,
            start,
            end,
        } => {
            let observation = ObservationPeriod::from_parts(start.as_deref(), end.as_deref())?;
            let scope = Scope {
                kind: match kind {
                    KindArg::Soc1 => ReportKind::Soc1,
                    KindArg::Soc2 => ReportKind::Soc2,
                    KindArg::Soc3 => ReportKind::Soc3,
                },
                report_type: match report_type {
                    TypeArg::Type1 => ReportType::Type1,
                    TypeArg::Type2 => ReportType::Type2,
                },
                categories,
                objectives,
                observation,
            };
            let a = NewAssessment {
                name,
                company,
                scope,
            }
            .build(catalog, Utc::now())?;
            store.create_assessment(&a)?;
            writeln!(out, "{}", a.id)?;
        }
        Command::Answer {
            assessment,
            question,
            value,
            note,
        } => {
            let id = parse_id(&assessment)?;
            let value = AnswerValue::parse(&value)?;
            store.save_answer(catalog, id, &question, Some(value), &note)?;
            writeln!(out, "saved {question}: {}", value.label())?;
        }
        Command::Readiness { assessment } => {
            let id = parse_id(&assessment)?;
            let a = store.assessment(id)?;
            let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
            let r = readiness(&effective, &a.scope, &store.answers(id)?);
            let pct = |p: Option<f64>| p.map_or("n/a".to_string(), |p| format!("{p:.0}%"));
            writeln!(
                out,
                "{}: {} overall, {} of {} answered, {} gaps",
                a.name,
                pct(r.overall),
                r.answered,
                r.questions,
                r.gaps.total()
            )?;
            for it in &r.items {
                writeln!(
                    out,
                    "  {:<8} {:>5}  {}",
                    it.item.id,
                    pct(it.readiness),
                    it.item.title
                )?;
            }
        }
        Command::ExportJson { assessment, file } => {
            let id = parse_id(&assessment)?;
            store.export_json_file(id, &file)?;
            writeln!(out, "saved {}", file.display())?;
        }
        Command::ExportArchive { assessment, file } => {
            let id = parse_id(&assessment)?;
            let saved = store.export_archive(&dir, id, &file, &mut |_, _| {})?;
            writeln!(
                out,
                "saved {} ({} evidence file(s), {} bytes)",
                file.display(),
                saved.files,
                saved.bytes
            )?;
            for name in &saved.left_out {
                writeln!(
                    out,
                    "left out (missing or changed here; attach it again): {name}"
                )?;
            }
        }
        Command::ImportJson { file, replace } => {
            let same = if replace {
                SameAssessment::Replace
            } else {
                SameAssessment::Copy
            };
            let loaded = store.load_file(catalog, &dir, &file, same, &mut |_, _| {})?;
            writeln!(out, "{}", loaded.assessment.id)?;
            if loaded.replaced {
                writeln!(out, "replaced the assessment with the same id")?;
            }
            if loaded.evidence_files > 0 {
                writeln!(
                    out,
                    "{} evidence file(s) restored and checked",
                    loaded.evidence_files
                )?;
            }
            if loaded.evidence_files_missing > 0 {
                writeln!(
                    out,
                    "{} evidence file(s) not in this data folder (load the .preflight archive to bring them)",
                    loaded.evidence_files_missing
                )?;
            }
        }
        Command::Workbook {
            assessment,
            file,
            prepared_by,
        } => {
            let check = check.take().unwrap_or_else(FileCheck::done);
            write_workbook_checked(
                &store,
                check,
                catalog,
                &assessment,
                &file,
                prepared_by.as_deref(),
            )
            .map_err(|e| cannot_open(&dir, e, out))?;
            daily_backup(&store);
            writeln!(out, "wrote {}", file.display())?;
        }
        Command::ImportReview { assessment, file } => {
            let done = import_review(&mut store, catalog, &assessment, &file)?;
            print_review(out, &done)?;
        }
        Command::Csv { assessment, dir } => {
            for path in write_csv_files(&store, catalog, &assessment, &dir)? {
                writeln!(out, "wrote {}", path.display())?;
            }
        }
        Command::Risks { assessment } => {
            let id = parse_id(&assessment)?;
            print_risks(out, &store, id)?;
        }
        Command::Vendors { assessment } => {
            let id = parse_id(&assessment)?;
            print_vendors(out, &store, id)?;
        }
        Command::ImportVendors {
            assessment,
            file,
            dry_run,
            good_rows_only,
        } => {
            let id = parse_id(&assessment)?;
            let bytes = std::fs::read(&file).map_err(|source| CliError::ReadFile {
                path: file.clone(),
                source,
            })?;
            let today = chrono::Local::now().date_naive();
            let preview = store.preview_vendor_import(id, &bytes, today)?;
            print_vendor_import(out, &preview)?;
            if dry_run {
                writeln!(out, "dry run: nothing saved")?;
            } else {
                let done = store.import_vendors(id, &bytes, good_rows_only, today)?;
                writeln!(
                    out,
                    "saved {} vendor(s){}",
                    done.saved,
                    if done.people_added.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; added to the people list: {}",
                            done.people_added.join(", ")
                        )
                    }
                )?;
            }
        }
        Command::Policies { assessment } => {
            let id = parse_id(&assessment)?;
            let today = chrono::Local::now().date_naive();
            let policies = store.policies(id)?;
            writeln!(
                out,
                "{}",
                preflight_policies::facts::summary(&policies, today)
            )?;
            for p in &policies {
                writeln!(
                    out,
                    "  {}  {:<9} v{:<3} {:<38} owner: {:<16} next review: {}",
                    p.id,
                    p.status().label(),
                    p.current()
                        .map_or("-".to_string(), |v| v.number.to_string()),
                    p.title,
                    p.owner.as_deref().unwrap_or("-"),
                    p.next_review().map_or("-".to_string(), |d| d.to_string())
                )?;
            }
        }
        Command::ExportPolicies {
            assessment,
            dir,
            policy,
        } => {
            for path in export_policies(&store, &assessment, policy.as_deref(), &dir)? {
                writeln!(out, "wrote {}", path.display())?;
            }
        }
        Command::Package { assessment, file } => {
            let s =
                package::write_package(&store, catalog, &dir, &assessment, &file, &mut |_, _| {})?;
            writeln!(
                out,
                "wrote {}: {} files for {} of {} request items ({} bytes of evidence)",
                s.path, s.files, s.items_with_files, s.request_items, s.bytes
            )?;
        }
        Command::Requests { assessment } => {
            let id = parse_id(&assessment)?;
            let rows = store.request_rows(catalog, id, chrono::Local::now().date_naive())?;
            writeln!(out, "{} request items", rows.len())?;
            for r in &rows {
                writeln!(
                    out,
                    "  {:<13} {:<11} {:>2} file(s)  {}",
                    r.id,
                    r.status.label(),
                    r.evidence.len(),
                    r.item
                )?;
            }
        }
        Command::Description { assessment, dir } => {
            for path in export_description(&store, catalog, &assessment, &dir)? {
                writeln!(out, "wrote {}", path.display())?;
            }
        }
        Command::Backup => {
            let b = store.backup_now(preflight_store::backup::Reason::Manual, Utc::now())?;
            writeln!(
                out,
                "wrote {} (checked: {} assessments, {} answers)",
                b.path.display(),
                b.assessments,
                b.answers
            )?;
        }
        Command::Restore { .. } => {}
        Command::People { assessment } => {
            let id = parse_id(&assessment)?;
            print_people(out, &store, id)?;
        }
        Command::ImportPeople {
            assessment,
            file,
            dry_run,
            good_rows_only,
        } => {
            let id = parse_id(&assessment)?;
            let bytes = std::fs::read(&file).map_err(|source| CliError::ReadFile {
                path: file.clone(),
                source,
            })?;
            let today = chrono::Local::now().date_naive();
            let p = store.preview_people_import(id, &bytes, today)?;
            print_people_import(out, &p)?;
            if dry_run {
                writeln!(out, "dry run: nothing saved")?;
            } else {
                let done = store.import_people(id, &bytes, good_rows_only, today)?;
                writeln!(out, "saved {} person(s)", done.saved)?;
            }
        }
    }
    Ok(())
}

/// Writes policies as .docx and Markdown into `dir` (created when missing), each file whole
/// or not at all: the approved set (every policy in force, its approved version), or one
/// policy. Returns the files written.
pub fn export_policies(
    store: &Store,
    assessment: &str,
    policy: Option<&str>,
    dir: &Path,
) -> Result<Vec<PathBuf>, CliError> {
    let id = parse_id(assessment)?;
    let a = store.assessment(id)?;
    let all = store.policies(id)?;
    let chosen: Vec<&preflight_policies::Policy> = match policy {
        Some(pid) => vec![all
            .iter()
            .find(|p| p.id.to_string() == pid.trim())
            .ok_or_else(|| CliError::UnknownPolicy(pid.to_string()))?],
        None => {
            let set: Vec<_> = all
                .iter()
                .filter(|p| p.retired_on.is_none() && p.current().is_some())
                .collect();
            if set.is_empty() {
                return Err(CliError::NothingApproved);
            }
            set
        }
    };
    std::fs::create_dir_all(dir).map_err(|source| CliError::ReadFile {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for p in chosen {
        let doc = preflight_policies::export::document(p, &a.company);
        let stem = preflight_documents::file_stem(&p.title);
        let docx = dir.join(format!("{stem}.docx"));
        preflight_documents::write_atomic(&docx, &preflight_documents::to_docx(&doc)?)?;
        written.push(docx);
        let md = dir.join(format!("{stem}.md"));
        preflight_documents::write_atomic(&md, preflight_documents::to_markdown(&doc).as_bytes())?;
        written.push(md);
    }
    Ok(written)
}

/// The system description as a document: every section, saved or drafted, parts still to
/// write marked.
pub fn description_document(
    store: &Store,
    catalog: &Catalog,
    assessment: &str,
) -> Result<preflight_documents::Document, CliError> {
    let id = parse_id(assessment)?;
    let a = store.assessment(id)?;
    let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
    let (facts, sections) = store.description(&effective, id)?;
    Ok(preflight_description::document(
        &facts.view(),
        &sections,
        chrono::Local::now().date_naive(),
    ))
}

/// Writes the system description as .docx and Markdown into `dir` (created when missing),
/// each whole or not at all.
pub fn export_description(
    store: &Store,
    catalog: &Catalog,
    assessment: &str,
    dir: &Path,
) -> Result<Vec<PathBuf>, CliError> {
    let doc = description_document(store, catalog, assessment)?;
    std::fs::create_dir_all(dir).map_err(|source| CliError::ReadFile {
        path: dir.to_path_buf(),
        source,
    })?;
    let stem = preflight_documents::file_stem(&doc.title);
    let docx = dir.join(format!("{stem}.docx"));
    preflight_documents::write_atomic(&docx, &preflight_documents::to_docx(&doc)?)?;
    let md = dir.join(format!("{stem}.md"));
    preflight_documents::write_atomic(&md, preflight_documents::to_markdown(&doc).as_bytes())?;
    Ok(vec![docx, md])
}

/// `restore`: lists the backups, or with `latest` restores the newest good one.
fn restore_command(dir: &Path, latest: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let backups = preflight_store::backup::list_backups(dir);
    if !latest {
        if backups.is_empty() {
            writeln!(
                out,
                "no backups in {}",
                preflight_store::backup::backups_dir(dir).display()
            )?;
        }
        for b in &backups {
            writeln!(
                out,
                "{}  {:<16} {}",
                b.taken_at,
                b.reason,
                if b.good {
                    format!(
                        "{} assessments, {} answers, last change {}",
                        b.assessments,
                        b.answers,
                        b.last_change.as_deref().unwrap_or("-")
                    )
                } else {
                    "failed its check".to_string()
                }
            )?;
        }
        return Ok(());
    }
    let Some(b) = backups.iter().find(|b| b.good) else {
        return Err(StoreError::BackupFailed {
            path: preflight_store::backup::backups_dir(dir),
            reason: "there is no good backup to restore".into(),
        }
        .into());
    };
    let r = preflight_store::backup::restore(dir, &b.path, Utc::now())?;
    writeln!(
        out,
        "restored {} ({} assessments, {} answers)",
        b.path.display(),
        r.assessments,
        r.answers
    )?;
    if let Some(aside) = &r.moved_aside {
        writeln!(out, "the previous database was kept as {}", aside.display())?;
    }
    for p in &r.evidence_problems {
        writeln!(out, "evidence to check: {p}")?;
    }
    Ok(())
}

/// The policies in force as the people flags read them: (id, title, version).
fn current_policies(store: &Store, id: Uuid) -> Result<Vec<(String, String, u32)>, CliError> {
    Ok(store.current_policies(id)?)
}

fn print_people(out: &mut dyn Write, store: &Store, id: Uuid) -> Result<(), CliError> {
    let today = chrono::Local::now().date_naive();
    let a = store.assessment(id)?;
    let people = store.persons(id)?;
    let current = current_policies(store, id)?;
    let cur: Vec<preflight_people::CurrentPolicy<'_>> = current
        .iter()
        .map(|(i, t, v)| (i.as_str(), t.as_str(), *v))
        .collect();
    writeln!(
        out,
        "{}",
        preflight_people::facts::summary(&people, &cur, today, a.scope.observation.as_ref())
    )?;
    for p in &people {
        writeln!(
            out,
            "  {:<24} {:<20} {:<10} start {:<10} end {:<10} background check: {}",
            p.name,
            p.role,
            p.kind.label(),
            p.start_date.map_or("-".to_string(), |d| d.to_string()),
            p.end_date.map_or("-".to_string(), |d| d.to_string()),
            p.background_check.label()
        )?;
        for f in preflight_people::flags(p, &cur, today) {
            writeln!(out, "      flag: {}", f.message)?;
        }
    }
    Ok(())
}

fn print_people_import(
    out: &mut dyn Write,
    p: &preflight_people::ImportPreview,
) -> Result<(), CliError> {
    let cols: Vec<String> = p
        .columns
        .iter()
        .map(|(h, f)| format!("\"{h}\" -> {}", f.label()))
        .collect();
    writeln!(out, "columns: {}", cols.join(", "))?;
    if !p.ignored_columns.is_empty() {
        writeln!(out, "ignored columns: {}", p.ignored_columns.join(", "))?;
    }
    writeln!(out, "{} row(s) taken, {} rejected", p.taken, p.rejected)?;
    for r in &p.rows {
        match &r.outcome {
            preflight_people::import::RowOutcome::Taken => {
                writeln!(out, "  taken    line {:>4}  {}", r.line, r.name)?;
            }
            preflight_people::import::RowOutcome::Rejected { reasons } => {
                writeln!(
                    out,
                    "  rejected line {:>4}  {}: {}",
                    r.line,
                    r.name,
                    reasons.join("; ")
                )?;
            }
        }
    }
    Ok(())
}

/// The day flags and due dates are judged on, and the company's window start.
fn today_and_window(
    store: &Store,
    id: Uuid,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate), CliError> {
    let today = chrono::Local::now().date_naive();
    let a = store.assessment(id)?;
    Ok((
        today,
        preflight_vendors::flags::window_start(a.scope.observation, today),
    ))
}

fn print_risks(out: &mut dyn Write, store: &Store, id: Uuid) -> Result<(), CliError> {
    let (today, _) = today_and_window(store, id)?;
    let risks = store.risks(id)?;
    let reviews = store.risk_reviews(id)?;
    writeln!(
        out,
        "{}",
        preflight_risks::facts::summary(&risks, &reviews, today)
    )?;
    for r in &risks {
        writeln!(
            out,
            "  {:>2} {:<8} -> {:>2} {:<8}  {:<9} {:<15} {}{}",
            r.score(),
            r.band().label(),
            r.residual_score(),
            r.residual_band().label(),
            r.treatment.label(),
            r.category.label(),
            r.title,
            if r.is_fraud() { "  [fraud]" } else { "" }
        )?;
    }
    Ok(())
}

fn print_vendors(out: &mut dyn Write, store: &Store, id: Uuid) -> Result<(), CliError> {
    let (today, start) = today_and_window(store, id)?;
    let vendors = store.vendors(id)?;
    writeln!(
        out,
        "{}",
        preflight_vendors::facts::summary(&vendors, today, start)
    )?;
    for v in &vendors {
        writeln!(
            out,
            "  {:<24} {:<10} {:<13} {}{}",
            v.name,
            v.criticality.label(),
            v.data.label(),
            v.report
                .as_ref()
                .map_or("no report reviewed".to_string(), |r| format!(
                    "{} {} to {}, {}",
                    r.kind.label(),
                    r.report_type.label(),
                    r.period_end,
                    r.opinion.label()
                )),
            if v.is_subservice() {
                "  [subservice]"
            } else {
                ""
            }
        )?;
        for f in preflight_vendors::flags(v, today, start) {
            writeln!(out, "      flag: {}", f.message)?;
        }
    }
    Ok(())
}

fn print_vendor_import(
    out: &mut dyn Write,
    p: &preflight_vendors::ImportPreview,
) -> Result<(), CliError> {
    let cols: Vec<String> = p
        .columns
        .iter()
        .map(|(h, f)| format!("\"{h}\" -> {}", f.label()))
        .collect();
    writeln!(out, "columns: {}", cols.join(", "))?;
    if !p.ignored_columns.is_empty() {
        writeln!(out, "ignored columns: {}", p.ignored_columns.join(", "))?;
    }
    writeln!(out, "{} row(s) taken, {} rejected", p.taken, p.rejected)?;
    for r in &p.rows {
        match &r.outcome {
            preflight_vendors::import::RowOutcome::Taken { new_people } => {
                let extra = if new_people.is_empty() {
                    String::new()
                } else {
                    format!(" (adds {} to the people list)", new_people.join(", "))
                };
                writeln!(out, "  taken    line {:>4}  {}{extra}", r.line, r.name)?;
            }
            preflight_vendors::import::RowOutcome::Rejected { reasons } => {
                writeln!(
                    out,
                    "  rejected line {:>4}  {}: {}",
                    r.line,
                    r.name,
                    reasons.join("; ")
                )?;
            }
        }
    }
    Ok(())
}

/// The registers of an assessment as the workbook carries them.
#[derive(Debug, Clone, Default)]
pub struct RegisterData {
    pub risks: Vec<preflight_risks::Risk>,
    pub risk_reviews: Vec<preflight_risks::RiskReview>,
    pub vendors: Vec<preflight_vendors::Vendor>,
    pub customer_controls: Vec<preflight_vendors::CustomerControl>,
    pub policies: Vec<preflight_policies::Policy>,
    pub people: Vec<preflight_people::Person>,
}

impl RegisterData {
    pub fn load(store: &Store, id: Uuid) -> Result<RegisterData, CliError> {
        Ok(RegisterData {
            risks: store.risks(id)?,
            risk_reviews: store.risk_reviews(id)?,
            vendors: store.vendors(id)?,
            customer_controls: store.customer_controls(id)?,
            policies: store.policies(id)?,
            people: store.persons(id)?,
        })
    }

    pub fn view(&self) -> preflight_workbook::registers::Registers<'_> {
        preflight_workbook::registers::Registers {
            risks: &self.risks,
            risk_reviews: &self.risk_reviews,
            vendors: &self.vendors,
            customer_controls: &self.customer_controls,
            policies: &self.policies,
            people: &self.people,
            today: Some(chrono::Local::now().date_naive()),
            window_start: None,
        }
    }
}

/// What importing a returned workbook did: what the file held and what was saved.
#[derive(Debug, Clone)]
pub struct ReviewImport {
    pub report: ReviewReport,
    pub saved: SavedReview,
}

/// Reads the auditor's comments from a returned workbook and saves the rows taken, in one
/// transaction. A refused file saves nothing; rejected rows are reported and skipped.
pub fn import_review(
    store: &mut Store,
    catalog: &Catalog,
    assessment: &str,
    file: &Path,
) -> Result<ReviewImport, CliError> {
    let id = parse_id(assessment)?;
    let a = store.assessment(id)?;
    let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
    let catalog: &Catalog = &effective;
    let report = preflight_workbook::read_review_file(file, catalog, &a)?;
    let entries: Vec<NewComment> = report
        .taken
        .iter()
        .map(|t| NewComment {
            question_id: t.question_id.clone(),
            comment: t.comment.clone(),
            status: t.status.map(|s| s.as_str().to_string()),
        })
        .collect();
    let saved = store.save_review(catalog, id, &report.file_name, &entries)?;
    let requests: Vec<(String, String, Option<String>)> = report
        .requests_taken
        .iter()
        .map(|t| {
            (
                t.question_id.clone(),
                t.comment.clone(),
                t.status.map(|s| s.label().to_string()),
            )
        })
        .collect();
    store.save_request_review(id, &requests)?;
    Ok(ReviewImport { report, saved })
}

/// The stored auditor comments of an assessment, as the workbook writes them back.
pub fn auditor_entries(store: &Store, assessment: &str) -> Result<Vec<AuditorEntry>, CliError> {
    let id = parse_id(assessment)?;
    store
        .auditor_comments(id)?
        .into_iter()
        .map(|c| {
            let status =
                match c.status.as_deref() {
                    None => None,
                    Some(code) => Some(AuditorStatus::from_code(code).ok_or_else(|| {
                        StoreError::BadValue(format!("auditor status \"{code}\""))
                    })?),
                };
            Ok(AuditorEntry {
                question_id: c.question_id,
                comment: c.comment,
                status,
            })
        })
        .collect()
}

/// The remediation data of an assessment as the workbook carries it: every task, the evidence
/// in use and removed, and (Type 2) the calendar of recurring duties.
#[derive(Debug, Clone, Default)]
pub struct RemediationData {
    pub tasks: Vec<Task>,
    pub evidence: Vec<Evidence>,
    pub removed_evidence: Vec<Evidence>,
    pub calendar: Option<Calendar>,
}

impl RemediationData {
    /// Reads it from the store. The calendar is read only for an assessment that has an
    /// observation period (Type 2).
    pub fn load(store: &Store, id: Uuid) -> Result<RemediationData, CliError> {
        let a = store.assessment(id)?;
        let calendar = match preflight_workbook::recurring_period(&a) {
            Some(_) => Some(store.duty_calendar(id)?),
            None => None,
        };
        Ok(RemediationData {
            tasks: store.tasks(id)?,
            evidence: store.evidence(id)?,
            removed_evidence: store.removed_evidence(id)?,
            calendar,
        })
    }

    pub fn view(&self) -> Remediation<'_> {
        Remediation {
            tasks: &self.tasks,
            evidence: &self.evidence,
            removed_evidence: &self.removed_evidence,
            calendar: self.calendar.as_ref(),
        }
    }
}

/// Gathers everything a workbook or CSV export of an assessment is written from (answers,
/// auditor comments, remediation, the assessment's effective catalog) and hands it to `write`.
pub(crate) fn with_export_data<T>(
    store: &Store,
    catalog: &Catalog,
    assessment: &str,
    prepared_by: Option<&str>,
    write: impl FnOnce(&WorkbookInput<'_>, &WorkbookExtras<'_>) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let id = parse_id(assessment)?;
    let a = store.assessment(id)?;
    let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
    let answers = store.answers(id)?;
    let auditor = auditor_entries(store, assessment)?;
    let remediation = RemediationData::load(store, id)?;
    let registers = RegisterData::load(store, id)?;
    let requests = store.request_rows(catalog, id, chrono::Local::now().date_naive())?;
    let input = WorkbookInput {
        catalog: &effective,
        assessment: &a,
        answers: &answers,
        prepared_at: Utc::now(),
    };
    let extras = WorkbookExtras {
        prepared_by,
        auditor: &auditor,
        remediation: remediation.view(),
        registers: registers.view(),
        requests: &requests,
    };
    write(&input, &extras)
}

/// Writes the gap workbook of an assessment, with the auditor comments imported so far and
/// its remediation tasks, evidence and (Type 2) recurring duties.
pub fn write_workbook(
    store: &Store,
    catalog: &Catalog,
    assessment: &str,
    file: &Path,
    prepared_by: Option<&str>,
) -> Result<(), CliError> {
    with_export_data(store, catalog, assessment, prepared_by, |input, extras| {
        Ok(preflight_workbook::write_with(input, extras, file)?)
    })
}

/// [`write_workbook`] on a store opened with [`Store::open_dir_checking_beside`], as the
/// `workbook` command does: the cells are read and built while the file is checked, and the
/// workbook is saved only once the check has found the file whole. When the reading fails on
/// a damaged file, the check's error is the one returned.
pub fn write_workbook_checked(
    store: &Store,
    check: FileCheck,
    catalog: &Catalog,
    assessment: &str,
    file: &Path,
    prepared_by: Option<&str>,
) -> Result<(), CliError> {
    let mut check = Some(check);
    let written = with_export_data(store, catalog, assessment, prepared_by, |input, extras| {
        let bytes = preflight_workbook::to_bytes_with(input, extras)?;
        if let Some(c) = check.take() {
            c.wait()?;
        }
        Ok(preflight_workbook::save(file, &bytes)?)
    });
    if let Some(c) = check {
        c.wait()?;
    }
    written
}

/// Writes the questionnaire and gap register CSV files of an assessment into `dir`, with the
/// evidence references and the tasks linked to each gap.
pub fn write_csv_files(
    store: &Store,
    catalog: &Catalog,
    assessment: &str,
    dir: &Path,
) -> Result<Vec<PathBuf>, CliError> {
    with_export_data(store, catalog, assessment, None, |input, extras| {
        Ok(preflight_workbook::csv_export::write_csv(
            input, extras, dir,
        )?)
    })
}

fn print_review(out: &mut dyn Write, done: &ReviewImport) -> Result<(), CliError> {
    let r = &done.report;
    let s = &done.saved;
    writeln!(
        out,
        "{}: {} rows taken ({} new, {} changed, {} unchanged), {} rejected, {} without auditor input",
        r.file_name,
        r.taken.len(),
        s.new.len(),
        s.changed.len(),
        s.unchanged.len(),
        r.rejected.len(),
        r.blank_rows
    )?;
    for t in &r.taken {
        let change = if s.new.contains(&t.question_id) {
            "new"
        } else if s.changed.contains(&t.question_id) {
            "changed"
        } else {
            "unchanged"
        };
        writeln!(
            out,
            "  taken    row {:>4}  {}  [{}]  {}  ({change})",
            t.row,
            t.question_id,
            t.status.map_or("no status", |x| x.label()),
            t.comment.replace('\n', " ")
        )?;
    }
    for x in &r.rejected {
        writeln!(out, "  rejected row {:>4}  {}", x.row, x.message)?;
    }
    if !r.requests_taken.is_empty() || !r.requests_rejected.is_empty() {
        writeln!(
            out,
            "Request list: {} rows taken, {} rejected",
            r.requests_taken.len(),
            r.requests_rejected.len()
        )?;
        for t in &r.requests_taken {
            writeln!(
                out,
                "  taken    row {:>4}  {}  [{}]  {}",
                t.row,
                t.question_id,
                t.status.map_or("no status", |x| x.label()),
                t.comment.replace('\n', " ")
            )?;
        }
        for x in &r.requests_rejected {
            writeln!(out, "  rejected row {:>4}  {}", x.row, x.message)?;
        }
    }
    Ok(())
}

/// Runs a parsed command line and turns the result into an exit code, printing errors as
/// `error [code]: message` on stderr.
pub fn main_with(data_dir: Option<&Path>, command: Command) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(data_dir, command, &mut out) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            1
        }
    }
}
