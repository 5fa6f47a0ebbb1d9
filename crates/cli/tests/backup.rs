//! Backups from the command line: `backup` writes one, a damaged database is refused with the
//! newest good backup named, `restore` lists them and `restore --latest` brings the work back,
//! keeping the damaged file aside.

mod support;

use support::{cli, text};

#[test]
fn backup_damage_and_restore_from_the_command_line() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let id = String::from_utf8_lossy(
        &cli(
            &data,
            &[
                "new",
                "--company",
                "Acme",
                "--kind",
                "soc2",
                "--type",
                "type1",
            ],
        )
        .stdout,
    )
    .trim()
    .to_string();
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
