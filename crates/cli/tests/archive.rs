//! Moving to a new laptop from the command line: `export-archive` on the old data folder,
//! `import-json` of the archive on a fresh one (everything back, every file checked), again
//! with `--replace` where it already is, and a JSON file that says which files it lacks.

mod support;

use support::ok;

#[test]
fn an_archive_moves_everything_and_replace_is_asked_for() {
    let home = tempfile::tempdir().expect("tempdir");
    let old = home.path().join("old");
    let id = {
        let mut s = preflight_store::Store::open_dir(&old).expect("open");
        let c = preflight_catalog::embedded().expect("catalog");
        preflight_fixtures::seed_large(&mut s, c, 12, 9).expect("seed")
    };
    let id = id.to_string();
    let file = home.path().join("acme.preflight");
    let saved = ok(&old, &["export-archive", &id, file.to_str().expect("path")]);
    assert!(saved.contains("evidence file(s)"), "{saved}");

    let new = home.path().join("new");
    let loaded = ok(&new, &["import-json", file.to_str().expect("path")]);
    let lines: Vec<&str> = loaded.lines().collect();
    assert_eq!(lines[0], id, "{loaded}");
    assert!(loaded.contains("restored and checked"), "{loaded}");
    assert!(!loaded.contains("not in this data folder"), "{loaded}");
    assert_eq!(
        ok(&new, &["list"]).lines().count(),
        ok(&old, &["list"]).lines().count()
    );

    // Again into the same folder: a copy unless --replace.
    let copy = ok(&new, &["import-json", file.to_str().expect("path")]);
    assert_ne!(copy.lines().next(), Some(id.as_str()));
    let replaced = ok(
        &new,
        &["import-json", "--replace", file.to_str().expect("path")],
    );
    assert!(
        replaced.starts_with(&id) && replaced.contains("replaced"),
        "{replaced}"
    );

    // The JSON file carries the records but not the files, and says so.
    let json = home.path().join("acme.preflight.json");
    ok(&old, &["export-json", &id, json.to_str().expect("path")]);
    let third = home.path().join("third");
    let loaded = ok(&third, &["import-json", json.to_str().expect("path")]);
    assert!(loaded.contains("not in this data folder"), "{loaded}");
}
