//! The command line: clap definitions and the non-interactive subcommands.

mod config;
mod explain;
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
use crate::markdown::{self, MdStyles};
use crate::{Library, Loaded};

/// Exit code for a usage problem (unknown page, no terminal).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "feoops",
    version,
    about = "Learn DevOps from the terminal: the DevOps loop, CI vs CD and the toolchain, in English and Korean.",
    long_about = "Learn DevOps from the terminal.\n\nWith no command, feoops opens a full-screen dashboard: the DevOps overview, \
the loop of stages (Plan, Code, Build, Test, Release, Deploy, Operate, Monitor), the practices, \
CI vs Continuous Delivery vs Continuous Deployment, and the references. Press ? inside for the keys.\n\n\
The same pages are available from the command line with `list` and `show`, the tool \
catalogue with `tools list`, `tools search` and `tools show`, and the stack advisor with \
`suggest`, `profile` and `stack`."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Language of pages and labels: en or ko [default: from LC_ALL, LC_MESSAGES or LANG]
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Use the content in this folder (same layout as the built-in content/) instead of the built-in content
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Keep quiz progress, the advisor profile and the stack in this folder [default: $XDG_DATA_HOME/feoops or ~/.local/share/feoops;
    /// ~/Library/Application Support/feoops on macOS; %APPDATA%\feoops on Windows]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Add the tools of a CNCF landscape.yml to the catalogue (mapped to stages by content/landscape-map.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub landscape: Option<PathBuf>,
    /// The dashboard's CI/CD tab explains this repository's CI files ("your pipeline")
    /// [default: the current folder, when it has CI files]
    #[arg(long, global = true, value_name = "PATH")]
    pub repo: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the pages: id, pane and title
    List {
        /// Print JSON: an array of {id, title, pane, order, stage, lang}
        #[arg(long)]
        json: bool,
    },
    /// Print a page rendered as the app shows it
    #[command(arg_required_else_help = true)]
    Show {
        /// The page id (see `feoops list`)
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        page: Option<String>,
        /// Render this Markdown file instead of a page
        #[arg(long, value_name = "PATH")]
        file: Option<PathBuf>,
        /// Wrap to this many columns [default: the terminal's width, else 80]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: Option<u16>,
        /// Plain text, no colours or styles (the default when stdout is not a terminal)
        #[arg(long)]
        plain: bool,
    },
    /// The tool catalogue: list, search and show tools
    #[command(subcommand, after_help = TOOLS_EXAMPLES)]
    Tools(tools::ToolsCommand),
    /// Validate a content folder (the built-in one when DIR is absent)
    Check {
        /// The folder to check, laid out like content/ (pages/, stages.toml, ...)
        dir: Option<PathBuf>,
    },
    /// Quiz yourself with spaced repetition: review, drill or exam; stats; export to Anki
    Quiz(quiz::QuizArgs),
    /// Suggest tools per stage for your profile, each with its score and reasons
    #[command(after_help = suggest::SUGGEST_EXAMPLES)]
    Suggest(suggest::SuggestArgs),
    /// Show or change the saved profile the advisor suggests tools for
    #[command(after_help = suggest::PROFILE_EXAMPLES)]
    Profile(suggest::ProfileCmdArgs),
    /// Your stack: pick a tool per stage (or skip it), see problems, export and import
    #[command(subcommand, after_help = stack::STACK_EXAMPLES)]
    Stack(stack::StackCommand),
    /// Your configuration file: where it is, a commented default, and a check
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Explain a repository's CI files: triggers, jobs, stages, tools, CI / Continuous Delivery / Continuous Deployment, what is missing
    #[command(after_help = explain::EXPLAIN_EXAMPLES)]
    Explain(explain::ExplainArgs),
}

const TOOLS_EXAMPLES: &str = "Examples:
  feoops tools list --stage deploy --oss
  feoops tools search k8s
  feoops tools show argo-cd --json
  feoops --landscape landscape.yml tools search chaos";

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}` (expected en or ko)"))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang = cli.global.lang.unwrap_or_else(Lang::from_env);
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
            let width = usize::from(width.unwrap_or_else(|| terminal_width(stdout_tty)));
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
            if let Some(path) = &cli.global.landscape {
                match loaded
                    .library
                    .import_landscape_cached(path, crate::catalog::cache::default_dir().as_deref())
                {
                    Ok(report) => {
                        crate::cli::out::say!("feoops: landscape {}: {report}", path.display())
                    }
                    Err(e) => {
                        crate::cli::out::say!("feoops: {e}");
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            let code = tools::run(&loaded.library, &cmd, lang);
            // The process ends next: a catalogue of 100,000 imported tools is not worth
            // freeing piece by piece first.
            std::mem::forget(loaded);
            code
        }
        Some(Command::Check { dir }) => check(dir.as_deref().or(cli.global.content.as_deref())),
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
    if let Some(path) = &g.landscape {
        match loaded
            .library
            .import_landscape_cached(path, crate::catalog::cache::default_dir().as_deref())
        {
            Ok(report) => crate::cli::out::say!("feoops: landscape {}: {report}", path.display()),
            Err(e) => {
                crate::cli::out::say!("feoops: {e}");
                return Ok(Err(ExitCode::from(1)));
            }
        }
    }
    Ok(Ok(loaded.library))
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
            library: Library::embedded(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }),
        Some(d) => {
            let files = ContentFiles::from_dir(d)
                .map_err(|e| anyhow::anyhow!("cannot read content folder {}: {e}", d.display()))?;
            Ok(Library::load(&files))
        }
    }
}

fn warn_problems(loaded: &Loaded) {
    if !loaded.problems.is_empty() {
        crate::cli::out::say!(
            "warning: the content has {} problem(s); run `feoops check` to list them",
            loaded.problems.len()
        );
    }
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
        crate::cli::out::say!(
            "feoops: the dashboard needs a terminal. For plain output try `feoops list` \
             or `feoops show PAGE` (see `feoops --help`)."
        );
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let mut loaded = load(g.content.as_deref())?;
    for p in &loaded.problems {
        crate::cli::out::say!("{p}");
    }
    // The quiz saves progress in the data folder; when it cannot be opened the rest of the
    // app still works and the Quiz tab says why progress is not saved.
    let store = quiz::data_dir(g)
        .map_err(|e| e.to_string())
        .and_then(|dir| crate::store::Store::open(&dir).map_err(|e| e.to_string()));
    if let Some(path) = &g.landscape
        && let Err(e) = loaded
            .library
            .import_landscape_cached(path, crate::catalog::cache::default_dir().as_deref())
    {
        // The dashboard still opens, with the built-in catalogue.
        crate::cli::out::say!("feoops: {e} (continuing with the built-in catalogue)");
    }
    // The language flag wins over the config file and the remembered language.
    let _ = lang;
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
    let id_w = entries.iter().map(|e| e.id.len()).max().unwrap_or(2).max(2);
    let pane_w = entries
        .iter()
        .map(|e| e.pane.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(out, "{:<id_w$}  {:<pane_w$}  TITLE", "ID", "PANE")?;
    for e in &entries {
        writeln!(out, "{:<id_w$}  {:<pane_w$}  {}", e.id, e.pane, e.title)?;
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
        if near.is_empty() {
            crate::cli::out::say!("feoops: unknown page `{id}` (see `feoops list`)");
        } else {
            crate::cli::out::say!(
                "feoops: unknown page `{id}`; did you mean: {}? (see `feoops list`)",
                near.join(", ")
            );
        }
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
    let bytes = crate::userfile::read(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
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

fn check(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let files = match dir {
        None => ContentFiles::embedded(),
        Some(d) => ContentFiles::from_dir(d)
            .map_err(|e| anyhow::anyhow!("cannot read content folder {}: {e}", d.display()))?,
    };
    let mut loaded = Library::load(&files);
    let controls = control_problems(&files);
    if !controls.is_empty() {
        loaded.problems.extend(controls);
        loaded.problems.sort();
    }
    let mut out = crate::cli::out::stdout();
    for p in &loaded.problems {
        writeln!(out, "{p}")?;
    }
    for w in &loaded.warnings {
        let (path, line, column) = (&w.path, w.line, w.column);
        writeln!(out, "{path}:{line}:{column}: warning: {}", w.message)?;
    }
    let where_ = dir.map_or_else(
        || "built-in content".to_string(),
        |d| d.display().to_string(),
    );
    if loaded.problems.is_empty() {
        let lib = &loaded.library;
        let pages = Lang::ALL
            .iter()
            .map(|&l| lib.pages(l).count())
            .max()
            .unwrap_or(0);
        if lib.catalog().is_empty() {
            writeln!(
                out,
                "{where_}: ok ({pages} pages in {} languages, {} stages)",
                Lang::ALL.len(),
                lib.stages().len()
            )?;
        } else {
            writeln!(
                out,
                "{where_}: ok ({pages} pages in {} languages, {} stages, {} tools)",
                Lang::ALL.len(),
                lib.stages().len(),
                lib.catalog().len()
            )?;
        }
        Ok(ExitCode::SUCCESS)
    } else {
        crate::cli::out::say!("{where_}: {} problem(s)", loaded.problems.len());
        Ok(ExitCode::from(1))
    }
}

/// A problem for each line of a content file that holds a control character (an escape
/// sequence, a C1 control, a bidi control): shown as it is, it would drive the terminal.
/// One pass per file, so the cost is linear in the file's size.
fn control_problems(files: &ContentFiles) -> Vec<crate::base::Problem> {
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
                    format!(
                        "control character U+{:04X} in the text (it would reach the terminal); remove it",
                        u32::from(c)
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
        let p = control_problems(&files);
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
