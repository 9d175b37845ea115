use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = feoops::cli::Cli::parse();
    match feoops::cli::run(cli) {
        Ok(code) => code,
        // `feoops show PAGE | head`: the reader left; that is not an error worth a message.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("feoops: {e:#}");
            ExitCode::from(1)
        }
    }
}
