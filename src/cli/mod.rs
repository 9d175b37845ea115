//! The command line: clap definitions and the non-interactive subcommands.

mod config;
mod explain;
pub mod help;
pub mod locale;
pub(crate) mod out;
mod quiz;
mod quiz_stats;
pub mod stack;
pub mod suggest;
pub mod tools;
mod tools_show;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::base::{ContentFiles, Lang};
use crate::i18n::{Localize, fill, io_error, plural, text};
use crate::markdown::{self, MdStyles};
use crate::{Library, Loaded};

/// Exit code for a usage problem (unknown page, no terminal).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
// Every help text (about, examples, each argument's help) comes from `[cli_help]` in
// assets/i18n, set by `help::command` in the UI language.
#[command(name = "feoops", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[arg(long, global = true, value_name = "FILE")]
    pub landscape: Option<PathBuf>,
    #[arg(long, global = true, value_name = "PATH")]
    pub repo: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    List {
        #[arg(long)]
        json: bool,
    },
    #[command(arg_required_else_help = true)]
    Show {
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        page: Option<String>,
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        #[arg(long, value_name = "N",
              value_parser = clap::value_parser!(u16).range(crate::markdown::MIN_WIDTH as i64..=1000))]
        width: Option<u16>,
        #[arg(long)]
        plain: bool,
    },
    #[command(subcommand)]
    Tools(tools::ToolsCommand),
    Check {
        dir: Option<PathBuf>,
    },
    Quiz(quiz::QuizArgs),
    Suggest(suggest::SuggestArgs),
    Profile(suggest::ProfileCmdArgs),
    #[command(subcommand)]
    Stack(stack::StackCommand),
    #[command(subcommand)]
    Config(config::ConfigCommand),
    Explain(explain::ExplainArgs),
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| fill(&text(locale::ui_lang()).cli.bad_lang, &[("value", &s)]))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang = cli.global.lang.unwrap_or_else(locale::ui_lang);
    match cli.command {
        None => run_tui(&cli.global, lang),
        Some(Command::List { json }) => {
            let loaded = load(cli.global.content.as_deref())?;
            warn_problems(&loaded);
            list(&loaded.library, lang, json)
        }
        Some(Command::Show {
            page,
            file,
            width,
            plain,
        }) => {
            let stdout_tty = std::io::stdout().is_terminal();
            // A terminal narrower than the narrowest layout gets that layout (its lines wrap).
            let width = width.map_or_else(
                || usize::from(terminal_width(stdout_tty)).max(crate::markdown::MIN_WIDTH),
                usize::from,
            );
            let styled = stdout_tty && !plain;
            let styles = if styled && !no_color() {
                MdStyles::default()
            } else {
                MdStyles::plain()
            };
            if let Some(path) = file {
                return show_file(&path, width, &styles, styled);
            }
            let loaded = load(cli.global.content.as_deref())?;
            warn_problems(&loaded);
            show(
                &loaded.library,
                lang,
                page.as_deref().unwrap_or(""),
                width,
                &styles,
                styled,
            )
        }
        Some(Command::Tools(cmd)) => {
            let mut loaded = load(cli.global.content.as_deref())?;
            warn_problems(&loaded);
            if let Some(path) = &cli.global.landscape
                && !import_landscape(&mut loaded.library, path, lang)
            {
                return Ok(ExitCode::from(1));
            }
            let code = tools::run(&loaded.library, &cmd, lang);
            // The process ends next: a catalogue of 100,000 imported tools is not worth
            // freeing piece by piece first.
            std::mem::forget(loaded);
            code
        }
        Some(Command::Check { dir }) => {
            check(dir.as_deref().or(cli.global.content.as_deref()), lang)
        }
        Some(Command::Quiz(args)) => quiz::run(&cli.global, lang, args),
        Some(Command::Suggest(args)) => match load_with_landscape(&cli.global)? {
            Ok(lib) => suggest::run_suggest(&cli.global, &lib, lang, &args),
            Err(code) => Ok(code),
        },
        Some(Command::Profile(args)) => suggest::run_profile(&cli.global, lang, &args),
        Some(Command::Stack(cmd)) => match load_with_landscape(&cli.global)? {
            Ok(lib) => stack::run(&cli.global, &lib, lang, &cmd),
            Err(code) => Ok(code),
        },
        Some(Command::Config(cmd)) => config::run(&cmd, lang),
        Some(Command::Explain(args)) => explain::run(&cli.global, lang, &args),
    }
}

/// The library with `--landscape` imported; a broken landscape file is reported and gives
/// exit code 1.
fn load_with_landscape(g: &Global) -> anyhow::Result<Result<Library, ExitCode>> {
    let mut loaded = load(g.content.as_deref())?;
    warn_problems(&loaded);
    if let Some(path) = &g.landscape
        && !import_landscape(&mut loaded.library, path, locale::ui_lang())
    {
        return Ok(Err(ExitCode::from(1)));
    }
    Ok(Ok(loaded.library))
}

/// Imports `--landscape` and says what it did; false (after saying why) when it failed.
fn import_landscape(lib: &mut Library, path: &Path, lang: Lang) -> bool {
    match lib.import_landscape_cached(path, crate::catalog::cache::default_dir().as_deref()) {
        Ok(report) => {
            let line = fill(
                &text(lang).cli.landscape_loaded,
                &[
                    ("path", &path.display()),
                    ("report", &report.localized(lang)),
                ],
            );
            crate::cli::out::say!("feoops: {line}");
            true
        }
        Err(e) => {
            crate::cli::out::say!("feoops: {}", e.localized(lang));
            false
        }
    }
}

/// `cannot read content folder DIR: why`, in the UI language.
fn folder_error(dir: &Path, e: &std::io::Error) -> anyhow::Error {
    let lang = locale::ui_lang();
    anyhow::anyhow!(
        "{}",
        fill(
            &text(lang).cli.cannot_read_folder,
            &[("path", &dir.display()), ("err", &io_error(e, lang))],
        )
    )
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn terminal_width(stdout_tty: bool) -> u16 {
    if stdout_tty
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w > 0
    {
        return w;
    }
    80
}

/// Loads the built-in content or a folder. The built-in content is trusted (the test suite
/// checks it) and loads part by part on first use; a folder is checked in full now.
pub fn load(dir: Option<&Path>) -> anyhow::Result<Loaded> {
    match dir {
        None => Ok(Loaded {
            library: Library::embedded().in_lang(locale::ui_lang()),
            problems: Vec::new(),
            warnings: Vec::new(),
        }),
        Some(d) => {
            let files = ContentFiles::from_dir(d).map_err(|e| folder_error(d, &e))?;
            Ok(Library::load_in(&files, locale::ui_lang()))
        }
    }
}

fn warn_problems(loaded: &Loaded) {
    if !loaded.problems.is_empty() {
        let n = i64::try_from(loaded.problems.len()).unwrap_or(i64::MAX);
        let line = plural(&text(locale::ui_lang()).cli.content_problems, n);
        crate::cli::out::say!("{line}");
    }
}

/// Prints `warning: TEXT` on stderr in the UI language.
pub(crate) fn warn(text_: &str) {
    let line = fill(&text(locale::ui_lang()).cli.warning, &[("text", &text_)]);
    crate::cli::out::say!("{line}");
}

fn run_tui(g: &Global, lang: Lang) -> anyhow::Result<ExitCode> {
    run_tui_at(g, lang, crate::tui::Start::Overview)
}

/// Opens the dashboard at a starting place (the Overview, or the Quiz tab for `feoops quiz`).
pub(crate) fn run_tui_at(
    g: &Global,
    lang: Lang,
    start: crate::tui::Start,
) -> anyhow::Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        crate::cli::out::say!("feoops: {}", text(lang).cli.needs_terminal);
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let mut loaded = load(g.content.as_deref())?;
    for p in &loaded.problems {
        crate::cli::out::say!("{p}");
    }
    // The quiz saves progress in the data folder; when it cannot be opened the rest of the
    // app still works and the Quiz tab says why progress is not saved.
    let store = quiz::data_dir(g)
        .map_err(|e| locale::error_text(&e, lang))
        .and_then(|dir| crate::store::Store::open(&dir).map_err(|e| e.localized(lang)));
    if let Some(path) = &g.landscape
        && let Err(e) = loaded
            .library
            .import_landscape_cached(path, crate::catalog::cache::default_dir().as_deref())
    {
        // The dashboard still opens, with the built-in catalogue.
        let line = fill(
            &text(lang).cli.landscape_continuing,
            &[("err", &e.localized(lang))],
        );
        crate::cli::out::say!("feoops: {line}");
    }
    // The language flag wins over the config file and the remembered language (the
    // dashboard decides; `lang` only words the messages above).
    crate::tui::launch(
        Arc::new(loaded.library),
        g.lang,
        loaded.problems.len(),
        store,
        start,
        g.repo.as_deref(),
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    title: &'a str,
    pane: &'a str,
    order: i64,
    stage: Option<&'a str>,
    lang: Lang,
}

fn list(lib: &Library, lang: Lang, json: bool) -> anyhow::Result<ExitCode> {
    let entries: Vec<ListEntry> = lib
        .pages(lang)
        .map(|p| ListEntry {
            id: &p.id,
            title: &p.title,
            pane: p.pane.id(),
            order: p.order,
            stage: p.stage.as_deref(),
            lang,
        })
        .collect();
    let mut out = crate::cli::out::stdout();
    if json {
        serde_json::to_writer_pretty(&mut out, &entries).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = &text(lang).cli;
    let mut rows = vec![[t.col_id.as_str(), t.col_pane.as_str(), t.col_title.as_str()]];
    rows.extend(entries.iter().map(|e| [e.id, e.pane, e.title]));
    for line in crate::cli::out::table(&rows) {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_lines(lines: &[ratatui::text::Line], styled: bool) -> anyhow::Result<()> {
    let text = if styled {
        markdown::to_ansi(lines)
    } else {
        markdown::to_plain(lines)
    };
    // Styled text carries our own SGR codes; its text was sanitised by `to_ansi`.
    if styled {
        writeln!(std::io::stdout().lock(), "{text}")?;
    } else {
        writeln!(crate::cli::out::stdout(), "{text}")?;
    }
    Ok(())
}

fn show(
    lib: &Library,
    lang: Lang,
    id: &str,
    width: usize,
    styles: &MdStyles,
    styled: bool,
) -> anyhow::Result<ExitCode> {
    let Some(page) = lib.page(lang, id) else {
        let near = lib.closest_page_ids(id);
        let t = &text(lang).cli;
        let line = if near.is_empty() {
            fill(&t.unknown_page, &[("id", &id)])
        } else {
            fill(
                &t.unknown_page_near,
                &[("id", &id), ("near", &near.join(", "))],
            )
        };
        crate::cli::out::say!("feoops: {line}");
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    print_lines(&lib.render_page(page, width, styles), styled)?;
    Ok(ExitCode::SUCCESS)
}

fn show_file(
    path: &Path,
    width: usize,
    styles: &MdStyles,
    styled: bool,
) -> anyhow::Result<ExitCode> {
    let bytes = crate::userfile::read(path).map_err(|e| {
        let lang = locale::ui_lang();
        anyhow::anyhow!(
            "{}",
            fill(
                &text(lang).cli.cannot_read,
                &[("path", &path.display()), ("err", &io_error(&e, lang))],
            )
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    print_lines(
        &markdown::render(strip_front_matter(&text), width, styles),
        styled,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The Markdown after a `+++` front matter block, or all of it.
fn strip_front_matter(text: &str) -> &str {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("+++\n")
        .or_else(|| t.strip_prefix("+++\r\n"))
    else {
        return t;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "+++" {
            return &rest[offset..];
        }
    }
    t
}

fn check(dir: Option<&Path>, lang: Lang) -> anyhow::Result<ExitCode> {
    let files = match dir {
        None => ContentFiles::embedded(),
        Some(d) => ContentFiles::from_dir(d).map_err(|e| folder_error(d, &e))?,
    };
    let mut loaded = Library::load_in(&files, lang);
    let controls = control_problems(&files, lang);
    let t = &text(lang).cli;
    if !controls.is_empty() {
        loaded.problems.extend(controls);
        loaded.problems.sort();
    }
    let mut out = crate::cli::out::stdout();
    for p in &loaded.problems {
        writeln!(out, "{p}")?;
    }
    for w in &loaded.warnings {
        let at = format!("{}:{}:{}", w.path, w.line, w.column);
        let line = fill(&t.check_warning, &[("at", &at), ("message", &w.message)]);
        writeln!(out, "{line}")?;
    }
    let where_ = dir.map_or_else(|| t.check_builtin.clone(), |d| d.display().to_string());
    if loaded.problems.is_empty() {
        let lib = &loaded.library;
        let pages = Lang::ALL
            .iter()
            .map(|&l| lib.pages(l).count())
            .max()
            .unwrap_or(0);
        let template = if lib.catalog().is_empty() {
            &t.check_ok
        } else {
            &t.check_ok_tools
        };
        let line = fill(
            template,
            &[
                ("where", &where_),
                ("pages", &pages),
                ("langs", &Lang::ALL.len()),
                ("stages", &lib.stages().len()),
                ("tools", &lib.catalog().len()),
            ],
        );
        writeln!(out, "{line}")?;
        Ok(ExitCode::SUCCESS)
    } else {
        let n = i64::try_from(loaded.problems.len()).unwrap_or(i64::MAX);
        let line = fill(&plural(&t.check_failed, n), &[("where", &where_)]);
        crate::cli::out::say!("{line}");
        Ok(ExitCode::from(1))
    }
}

/// A problem for each line of a content file that holds a control character (an escape
/// sequence, a C1 control, a bidi control): shown as it is, it would drive the terminal.
/// One pass per file, so the cost is linear in the file's size.
fn control_problems(files: &ContentFiles, lang: Lang) -> Vec<crate::base::Problem> {
    let mut problems = Vec::new();
    for f in &files.files {
        let (mut line, mut column, mut reported_line) = (1, 1, 0);
        for c in f.text.chars() {
            if c == '\n' {
                line += 1;
                column = 1;
                continue;
            }
            // CR is a line ending here; the loaders deal with it.
            if c != '\r' && crate::sanitize::is_unsafe(c) && reported_line != line {
                reported_line = line;
                problems.push(crate::base::Problem::new(
                    files.display_path(&f.path),
                    line,
                    column,
                    fill(
                        &text(lang).cli.control_char,
                        &[("code", &format!("{:04X}", u32::from(c)))],
                    ),
                ));
            }
            column += 1;
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_reported_with_line_and_column() {
        let files = ContentFiles {
            root: "dir".into(),
            files: vec![crate::base::SourceFile {
                path: "pages/en/x.md".into(),
                text: "ok\r\nab\u{1b}[2J\u{1b}\nc\u{202e}\n\tfine".into(),
            }],
            unreadable: vec![],
        };
        let p = control_problems(&files, Lang::En);
        let shown: Vec<String> = p
            .iter()
            .map(|p| format!("{}:{}:{}", p.path, p.line, p.column))
            .collect();
        assert_eq!(shown, ["dir/pages/en/x.md:2:3", "dir/pages/en/x.md:3:2"]);
        assert!(p[1].message.contains("U+202E"), "{}", p[1].message);
    }

    #[test]
    fn front_matter_is_stripped_for_show_file() {
        assert_eq!(strip_front_matter("+++\nid = \"x\"\n+++\n# Hi"), "# Hi");
        assert_eq!(strip_front_matter("# Hi"), "# Hi");
        assert_eq!(strip_front_matter("+++\nunclosed"), "+++\nunclosed");
    }
}
