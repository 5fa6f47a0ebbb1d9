//! Running the command line as a user would: a separate process on a data folder of the
//! test's own (never the user's: `PREFLIGHT_DATA_DIR` is cleared). Shared by the CLI's tests.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `preflight-cli --data-dir <data> <args>`.
pub fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_preflight-cli"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PREFLIGHT_DATA_DIR")
        .output()
        .expect("runs")
}

/// Runs a command that must succeed; its standard output, trimmed.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Creates an assessment for "Acme" (SOC 2 Type 1, Security alone) and returns its id.
pub fn new_soc2_type1(data: &Path) -> String {
    ok(
        data,
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
}

/// Runs a command that must fail; its standard error.
pub fn err(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// What a run printed on its standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// What a run printed on both outputs.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
