use std::process::ExitCode;

use feoops::cli::locale;

fn main() -> ExitCode {
    let cli = match locale::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match feoops::cli::run(cli) {
        Ok(code) => code,
        // The reader went away (`feoops tools list | head`): not an error.
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let text = locale::error_text(&e, locale::ui_lang());
            eprintln!("feoops: {}", feoops::sanitize::clean(&text));
            ExitCode::from(1)
        }
    }
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
