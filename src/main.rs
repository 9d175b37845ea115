use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = feoops::cli::Cli::parse();
    match feoops::cli::run(cli) {
        Ok(code) => code,
        // The reader went away (`feoops tools list | head`): not an error.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("feoops: {}", feoops::sanitize::clean(&message(&e)));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, each said once: a cause whose text the message already holds
/// (`cannot write x: Read-only file system (os error 30)`) is not repeated.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    let kind = e
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
        .or_else(|| {
            e.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
        });
    kind == Some(std::io::ErrorKind::BrokenPipe)
}
