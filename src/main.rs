use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = feoops::cli::Cli::parse();
    match feoops::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("feoops: {e:#}");
            ExitCode::from(1)
        }
    }
}
