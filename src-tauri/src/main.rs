// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! `preflight`: opens the app window, or with a command runs it headless
//! (`preflight list`, `preflight workbook <id> out.xlsx`, ...; see `preflight --help`).

use clap::Parser;
use preflight_cli::Cli;

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => {
            std::process::exit(preflight_cli::main_with(cli.data_dir.as_deref(), command))
        }
        None => preflight_app::run(cli.data_dir),
    }
}
