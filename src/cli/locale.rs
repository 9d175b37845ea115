//! The language of the command line's messages, and its errors in that language: the
//! UI language is `--lang`, else the configuration file's `language`, else the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`). It is known before clap parses the arguments, so
//! clap's errors and our value parsers speak it too.

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::FromArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Cli;
use crate::base::Lang;
use crate::i18n::{self, Localize, fill, text};

static UI_LANG: OnceLock<Lang> = OnceLock::new();

/// The language of the CLI's messages (see the module comment).
pub fn ui_lang() -> Lang {
    *UI_LANG.get_or_init(|| resolve(None))
}

/// `--lang` (when valid), else the configuration file, else the locale.
fn resolve(flag: Option<Lang>) -> Lang {
    flag.or_else(|| {
        crate::tui::config::path()
            .filter(|p| p.is_file())
            .and_then(|p| crate::tui::config::Config::load(&p).0.lang)
    })
    .unwrap_or_else(Lang::from_env)
}

/// The value of the last `--lang X` or `--lang=X` before a `--`, when it names a language.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut found = None;
    let mut it = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            found = it.next().and_then(Lang::parse).or(found);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            found = Lang::parse(v).or(found);
        }
    }
    found
}

/// Parses the process's arguments. On `--help` and `--version` it prints them and gives
/// the exit code; on a usage error it prints the error in the UI language.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = *UI_LANG.get_or_init(|| resolve(lang_in_args(&args)));
    // The command without its texts parses the same arguments the same way (the texts
    // change no parser), and building it costs a tenth: the texts in the UI language are
    // put in only when clap has something to show (help, version, an error).
    let parse_with = |cmd: clap::Command| {
        cmd.try_get_matches_from(&args)
            .and_then(|m| Cli::from_arg_matches(&m))
    };
    let parsed = parse_with(<Cli as clap::CommandFactory>::command())
        .or_else(|_| parse_with(super::help::command(lang)));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => {
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return Err(ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)));
            }
            match usage_error(&e, lang) {
                Some(text) => eprint!("{}", crate::sanitize::clean(&text)),
                None => {
                    let _ = e.print();
                }
            }
            Err(ExitCode::from(super::EXIT_USAGE))
        }
    }
}

fn value_text(v: &ContextValue) -> Option<String> {
    match v {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A clap usage error in a language; `None` for a kind we do not word ourselves.
pub fn usage_error(e: &clap::Error, lang: Lang) -> Option<String> {
    let t = &text(lang).cli;
    let get = |k: ContextKind| e.get(k).and_then(value_text).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let invalid = || {
        // `--width` with nothing after it: clap reports an empty value.
        if value.is_empty() {
            fill(&t.arg_no_value, &[("arg", &arg)])
        } else {
            fill(&t.arg_invalid_value, &[("value", &value), ("arg", &arg)])
        }
    };
    let main = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            if valid.is_empty() {
                invalid()
            } else {
                format!(
                    "{}\n  {}",
                    invalid(),
                    fill(&t.arg_possible, &[("list", &valid)])
                )
            }
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e);
            let why = source.map(ToString::to_string).unwrap_or_default();
            if source.is_some_and(|s| s.is::<std::num::ParseIntError>()) {
                fill(&t.arg_not_number, &[("value", &value), ("arg", &arg)])
            } else if let Some((_, range)) = why.split_once(" is not in ") {
                fill(
                    &t.arg_range,
                    &[("value", &value), ("arg", &arg), ("range", &range)],
                )
            } else if why.is_empty() {
                invalid()
            } else {
                // Our own parsers word their reason (with the value) in the UI language.
                format!("`{arg}`: {why}")
            }
        }
        ErrorKind::UnknownArgument => fill(&t.arg_unknown, &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => fill(
            &t.arg_unknown_command,
            &[("arg", &get(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::MissingRequiredArgument => fill(&t.arg_missing, &[("args", &arg)]),
        ErrorKind::MissingSubcommand => t.arg_missing_command.clone(),
        ErrorKind::ArgumentConflict => fill(
            &t.arg_conflict,
            &[("arg", &arg), ("other", &get(ContextKind::PriorArg))],
        ),
        _ => return None,
    };
    let mut out = fill(&t.arg_error, &[("text", &main)]);
    out.push('\n');
    let hint = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    if let Some(h) = hint {
        out.push_str(&format!(
            "  {}\n",
            fill(&t.arg_did_you_mean, &[("hint", &h)])
        ));
    }
    let usage = get(ContextKind::Usage);
    let usage = usage.trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        out.push_str(&format!("\n{}\n", fill(&t.arg_usage, &[("usage", &usage)])));
    }
    out.push_str(&format!("\n{}\n", t.arg_more));
    Some(out)
}

/// What a failed command prints after `feoops: `, in a language: each known error in
/// the language (with its causes), other errors as they say themselves; a cause whose
/// text the message already holds is not repeated.
pub fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let (text, last) = match localized(cause, lang) {
            // A localized message already says its causes.
            Some(t) => (t, true),
            None => (cause.to_string(), false),
        };
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
        if last {
            break;
        }
    }
    out
}

fn localized(e: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    use crate::advisor::stack::StackFileError;
    use crate::catalog::landscape::LandscapeError;
    use crate::quiz::optimize::OptimizeError;
    use crate::quiz::session::SessionError;
    use crate::store::{AdvisorStoreError, ImportError, StoreError};
    if let Some(e) = e.downcast_ref::<std::io::Error>() {
        return Some(i18n::io_error(e, lang));
    }
    if let Some(e) = e.downcast_ref::<StoreError>() {
        return Some(e.localized(lang));
    }
    if let Some(e) = e.downcast_ref::<AdvisorStoreError>() {
        return Some(e.localized(lang));
    }
    if let Some(e) = e.downcast_ref::<ImportError>() {
        return Some(e.localized(lang));
    }
    if let Some(e) = e.downcast_ref::<StackFileError>() {
        return Some(e.localized(lang));
    }
    if let Some(e) = e.downcast_ref::<LandscapeError>() {
        return Some(e.localized(lang));
    }
    if let Some(e) = e.downcast_ref::<OptimizeError>() {
        return Some(e.localized(lang));
    }
    if let Some(e) = e.downcast_ref::<SessionError>() {
        return Some(e.localized(lang));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_lang_flag_is_found_before_parsing() {
        assert_eq!(
            lang_in_args(&args(&["feoops", "--lang", "ko", "list"])),
            Some(Lang::Ko)
        );
        assert_eq!(
            lang_in_args(&args(&["feoops", "list", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in_args(&args(&["feoops", "--lang", "fr"])), None);
        assert_eq!(
            lang_in_args(&args(&["feoops", "show", "--", "--lang", "ko"])),
            None
        );
    }

    #[test]
    fn io_errors_read_naturally_in_korean() {
        let e = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(error_text(&e, Lang::Ko), "파일이나 폴더가 없습니다");
        assert_eq!(error_text(&e, Lang::En), "no such file or folder");
    }
}
