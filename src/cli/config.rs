//! `feoops config path|default|check`: the user's configuration file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::base::Lang;
use crate::i18n::{fill, text};
use crate::tui::config::{Config, DEFAULT_FILE, path};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    Path,
    Default,
    Check { file: Option<PathBuf> },
}

pub fn run(cmd: &ConfigCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    let t = &text(lang).cli;
    let mut out = crate::cli::out::stdout();
    match cmd {
        ConfigCommand::Path => match path() {
            Some(p) => writeln!(out, "{}", crate::sanitize::clean(&p.display().to_string()))?,
            None => {
                crate::cli::out::say!("feoops: {}", t.config_no_home);
                return Ok(ExitCode::from(1));
            }
        },
        ConfigCommand::Default => out.write_all(DEFAULT_FILE.as_bytes())?,
        ConfigCommand::Check { file } => {
            let Some(p) = file.clone().or_else(path) else {
                crate::cli::out::say!("feoops: {}", t.config_no_home);
                return Ok(ExitCode::from(1));
            };
            let shown = crate::sanitize::clean(&p.display().to_string()).into_owned();
            if !p.exists() {
                writeln!(out, "{}", fill(&t.config_missing, &[("path", &shown)]))?;
                return Ok(ExitCode::SUCCESS);
            }
            let (_, problems) = Config::load_in(&p, lang);
            if problems.is_empty() {
                writeln!(out, "{}", fill(&t.config_ok, &[("path", &shown)]))?;
                return Ok(ExitCode::SUCCESS);
            }
            for problem in &problems {
                writeln!(out, "{}", crate::sanitize::clean(&problem.to_string()))?;
            }
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
