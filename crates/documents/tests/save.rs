//! Saving without leaving anything half-written, and naming the file.

use std::fs;

use preflight_documents::{file_stem, to_docx, write_atomic};

mod common;

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect()
}

#[test]
fn writes_the_bytes_and_leaves_no_partial() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Access Control Policy.docx");
    let bytes = to_docx(&common::sample()).unwrap();
    write_atomic(&path, &bytes).expect("saved");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(leftovers(dir.path()).is_empty());

    // Saving again replaces the file whole.
    write_atomic(&path, b"second").expect("saved again");
    assert_eq!(fs::read(&path).unwrap(), b"second");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_stale_partial_is_replaced_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.md");
    fs::write(
        dir.path().join("policy.md.partial"),
        "old junk from a crash",
    )
    .unwrap();
    write_atomic(&path, b"# Policy\n").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "# Policy\n");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn refuses_a_folder_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no such folder");
    let err = write_atomic(&missing.join("policy.docx"), b"x").unwrap_err();
    assert_eq!(err.code(), "document_folder_missing");
    let message = err.to_string();
    assert!(message.contains("no such folder"), "{message}");
    assert!(message.contains("does not exist"), "{message}");
    assert!(!missing.exists(), "the folder is not created");
}

#[test]
fn refuses_a_folder_as_the_target_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("policy.docx");
    fs::create_dir(&target).unwrap();
    let err = write_atomic(&target, b"x").unwrap_err();
    assert_eq!(err.code(), "document_not_a_file");
    assert!(target.is_dir());
    assert!(leftovers(dir.path()).is_empty());
    let err = write_atomic(std::path::Path::new("/"), b"x").unwrap_err();
    assert_eq!(err.code(), "document_not_a_file");
}

#[cfg(unix)]
#[test]
fn a_failed_save_leaves_nothing_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    // Root ignores permissions; nothing to check there.
    let probe = tempfile::tempdir().unwrap();
    fs::set_permissions(probe.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let root = fs::write(probe.path().join("probe"), "x").is_ok();
    fs::set_permissions(probe.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if root {
        eprintln!("skipped: running as root, a read-only folder is still writable");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.docx");
    fs::write(&path, "the approved version").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let err = write_atomic(&path, b"new").unwrap_err();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(err.code(), "document_save");
    assert!(err.to_string().contains("policy.docx"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "the approved version");
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_nothing_behind() {
    // /dev/full accepts an open and fails every write with "no space left on device"; a
    // .partial cannot be made there, so use a folder where it is a symlink to /dev/full.
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.docx");
    std::os::unix::fs::symlink("/dev/full", dir.path().join("policy.docx.partial")).unwrap();
    let err = write_atomic(&path, &vec![0u8; 4096]).unwrap_err();
    assert_eq!(err.code(), "document_save");
    assert!(!path.exists(), "nothing at the target");
    assert!(leftovers(dir.path()).is_empty(), "the .partial is removed");
}

#[test]
fn file_stems_are_safe() {
    assert_eq!(file_stem("Access Control Policy"), "Access Control Policy");
    assert_eq!(
        file_stem("Backup & restore: v2/3"),
        "Backup _ restore_ v2_3"
    );
    assert_eq!(file_stem("  ../../etc/passwd  "), "______etc_passwd");
    assert_eq!(file_stem("Política de acceso"), "Política de acceso");
    assert_eq!(file_stem("my_policy-2026"), "my_policy-2026");
    assert_eq!(file_stem("🔐 Keys"), "_ Keys");
    assert_eq!(file_stem(""), "document");
    assert_eq!(file_stem("   "), "document");
    assert_eq!(file_stem("con"), "con_");
    assert_eq!(file_stem("COM1"), "COM1_");
    assert_eq!(file_stem("a\u{0}b\nc"), "a_b_c");
    let long = file_stem(&"x".repeat(200));
    assert_eq!(long.chars().count(), 80);
    let long = file_stem(&format!("{}   end", "é".repeat(79)));
    assert_eq!(long, "é".repeat(79), "no trailing space after cutting");
}
