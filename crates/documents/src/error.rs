use std::path::PathBuf;

/// Why a document could not be written. `code()` is stable (it reaches the UI); the message is
/// for a person.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("The Word document could not be put together ({reason}). Nothing was written.")]
    Build { reason: String },
    #[error(
        "The folder {} does not exist. Choose a folder that exists, or create it first.",
        folder.display()
    )]
    FolderMissing { folder: PathBuf },
    #[error("{} is not a file name to save to: choose a file, not a folder.", path.display())]
    NotAFile { path: PathBuf },
    #[error(
        "{} could not be saved: {source}. Check that the folder is writable and the disk has room; nothing half-written was left.",
        path.display()
    )]
    Save {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl DocumentError {
    /// A stable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::Build { .. } => "document_build",
            DocumentError::FolderMissing { .. } => "document_folder_missing",
            DocumentError::NotAFile { .. } => "document_not_a_file",
            DocumentError::Save { .. } => "document_save",
        }
    }
}
