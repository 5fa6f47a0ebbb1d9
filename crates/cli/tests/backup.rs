//! Backups from the command line: `backup` writes one, a damaged database is refused with the
//! newest good backup named, `restore` lists them and `restore --latest` brings the work back,
//! keeping the damaged file aside.

mod support;

use support::{cli, new_soc2_type1, text};

#[test]
fn backup_damage_and_restore_from_the_command_line() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let id = new_soc2_type1(&data);
    assert!(
        cli(&data, &["answer", &id, "cc6-mfa", "yes", "--note", "-2"])
            .status
            .success(),
        "a note that looks like a flag is taken"
    );
    let b = cli(&data, &["backup"]);
    assert!(
        b.status.success() && text(&b).contains("checked: 1 assessments, 1 answers"),
        "{}",
        text(&b)
    );

    let db = data.join("preflight.sqlite3");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .expect("db")
        .set_len(512)
        .expect("truncate");
    let refused = cli(&data, &["list"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("restore --latest"),
        "{}",
        text(&refused)
    );

    let listed = cli(&data, &["restore"]);
    assert!(
        listed.status.success() && text(&listed).contains("1 assessments, 1 answers"),
        "{}",
        text(&listed)
    );
    let restored = cli(&data, &["restore", "--latest"]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(text(&restored).contains("the previous database was kept as"));
    let list = cli(&data, &["list"]);
    assert!(
        list.status.success() && text(&list).contains("Acme"),
        "{}",
        text(&list)
    );
    let kept = std::fs::read_dir(&data)
        .expect("dir")
        .filter_map(|e| e.ok())
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("preflight.sqlite3.damaged-")
        });
    assert!(kept, "the damaged file is kept");
}

/// The workbook export checks the database file beside its reading and building: a file
/// damaged in the middle is refused with the newest good backup named, no workbook is left
/// behind (not even a partial one), and the damaged file is not touched.
#[test]
fn a_workbook_is_not_written_from_a_damaged_database() {
    use std::io::{Seek, SeekFrom, Write};
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let id = new_soc2_type1(&data);
    for q in ["cc6-mfa", "cc1-code-of-conduct", "cc2-policies-published"] {
        let note = "a note long enough to fill some of a page ".repeat(40);
        assert!(cli(&data, &["answer", &id, q, "yes", "--note", &note])
            .status
            .success());
    }
    assert!(cli(&data, &["backup"]).status.success());
    let out = home.path().join("gaps.xlsx");
    let whole = cli(&data, &["workbook", &id, out.to_str().expect("utf-8")]);
    assert!(whole.status.success(), "{}", text(&whole));
    std::fs::remove_file(&out).expect("remove");

    let db = data.join("preflight.sqlite3");
    // The last connection to close folded its write-ahead log into the file: the damage
    // below is what SQLite reads.
    assert!(!data.join("preflight.sqlite3-wal").exists());
    let len = std::fs::metadata(&db).expect("meta").len();
    {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&db)
            .expect("db");
        f.seek(SeekFrom::Start(len / 3)).expect("seek");
        f.write_all(&vec![0u8; (len / 3) as usize]).expect("zeros");
    }
    let damaged = std::fs::read(&db).expect("read");
    let refused = cli(&data, &["workbook", &id, out.to_str().expect("utf-8")]);
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(
        text(&refused).contains("restore --latest"),
        "{}",
        text(&refused)
    );
    assert!(!out.exists(), "no workbook from a damaged file");
    assert!(
        !home.path().join("gaps.xlsx.partial").exists(),
        "no partial workbook either"
    );
    assert_eq!(std::fs::read(&db).expect("read"), damaged, "left as it was");
}
