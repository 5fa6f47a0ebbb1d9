//! `preflight-cli`: Preflight's commands without the window (and without linking the GUI).

use clap::{CommandFactory, Parser};
use preflight_cli::Cli;

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => {
            std::process::exit(preflight_cli::main_with(cli.data_dir.as_deref(), command))
        }
        None => {
            let _ = Cli::command().print_help();
            std::process::exit(2);
        }
    }
}
