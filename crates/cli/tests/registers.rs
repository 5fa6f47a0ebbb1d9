//! The registers from the command line: import a vendor CSV (a dry run, a refused file with a
//! bad row, then the good rows), list vendors and risks, and the workbook carries them.

mod support;

use support::{cli, stdout};

use calamine::Reader;

#[test]
fn vendors_import_from_csv_row_by_row_and_reach_the_workbook() {
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let out = cli(
        &data,
        &[
            "new",
            "--company",
            "Acme",
            "--kind",
            "soc2",
            "--type",
            "type2",
            "--start",
            "2026-01-01",
            "--end",
            "2026-06-30",
        ],
    );
    assert!(out.status.success());
    let id = stdout(&out).trim().to_string();
    let csv = home.path().join("vendors.csv");
    std::fs::write(
        &csv,
        "Vendor name,What it does,Data held,Criticality,DPA,Owner,Notes\n\
         Cloudy Host,Hosting,personal,critical,yes,Priya Shah,main host\n\
         Mailer,Email,internal,low,no,,\n\
         Broken,x,none,low,no,=HYPERLINK(\"x\"),\n\
         Later,x,none,low,maybe,,\n",
    )
    .expect("csv");
    let file = csv.to_str().expect("path");

    let dry = cli(&data, &["import-vendors", &id, file, "--dry-run"]);
    assert!(dry.status.success());
    let text = stdout(&dry);
    assert!(text.contains("ignored columns: Notes"), "{text}");
    assert!(text.contains("2 row(s) taken, 2 rejected"), "{text}");
    assert!(
        text.contains("rejected line    5  Later") && text.contains("maybe"),
        "{text}"
    );
    assert!(
        text.contains("rejected line    4  Broken") && text.contains("formula"),
        "{text}"
    );
    assert!(
        text.contains("adds Priya Shah to the people list"),
        "{text}"
    );
    assert!(text.contains("nothing saved"));

    let refused = cli(&data, &["import-vendors", &id, file]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("import_has_errors"));
    let none = stdout(&cli(&data, &["vendors", &id]));
    assert!(none.contains("The vendor register is empty"), "{none}");

    let good = cli(&data, &["import-vendors", &id, file, "--good-rows-only"]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(stdout(&good).contains("saved 2 vendor(s); added to the people list: Priya Shah"));
    let list = stdout(&cli(&data, &["vendors", &id]));
    assert!(
        list.contains("2 vendors, 1 critical (1 without a reviewed report on file)"),
        "{list}"
    );
    assert!(list.contains("flag: Cloudy Host is critical"), "{list}");

    let risks = stdout(&cli(&data, &["risks", &id]));
    assert!(risks.contains("The risk register is empty"), "{risks}");

    let missing = cli(&data, &["import-vendors", &id, "/no/such/file.csv"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("file_io"));

    let xlsx = home.path().join("acme.xlsx");
    assert!(cli(&data, &["workbook", &id, xlsx.to_str().expect("path")])
        .status
        .success());
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let v = wb.worksheet_range("Vendors").expect("vendors sheet");
    assert_eq!(
        v.get((1, 0)).map(|d| d.to_string()),
        Some("Cloudy Host".to_string())
    );
}
