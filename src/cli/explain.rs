//! `feoops explain [PATH]`: what the CI files of a repository do, and whether that is CI,
//! Continuous Delivery or Continuous Deployment.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{EXIT_USAGE, Global, no_color, terminal_width};
use crate::base::{ContentFiles, Lang};
use crate::i18n::{self, fill};
use crate::markdown::{self, MdStyles};
use crate::pipeline::{self, quiz};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    pub path: Option<PathBuf>,
    #[arg(long, conflicts_with = "quiz")]
    pub json: bool,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: Option<u16>,
    #[arg(long)]
    pub plain: bool,
    #[arg(long)]
    pub quiz: bool,
}

pub fn run(g: &Global, lang: Lang, args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let root = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        let t = &i18n::text(lang).cli;
        let line = fill(&t.not_a_folder, &[("path", &root.display())]);
        crate::cli::out::say!("feoops: {line}");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    // A `--content DIR` with its own explain.toml recognises steps with that table.
    let table = g
        .content
        .as_deref()
        .and_then(|d| crate::userfile::read_to_string(&d.join(pipeline::table::PATH)).ok())
        .and_then(|t| pipeline::Table::parse(&t).ok())
        .unwrap_or_else(pipeline::Table::embedded);
    let report = pipeline::explain(&pipeline::DirFiles::new(&root), &table);
    if args.json {
        let mut out = crate::cli::out::stdout();
        // Buffered: a big report is millions of lines, and stdout writes each line.
        let mut buf = std::io::BufWriter::new(&mut out);
        serde_json::to_writer_pretty(&mut buf, &report).map_err(std::io::Error::from)?;
        writeln!(buf)?;
        buf.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Only the stage names are needed: the rest of the content is not loaded.
    let files = match g.content.as_deref() {
        None => ContentFiles::embedded(),
        Some(d) => ContentFiles::from_dir(d).map_err(|e| super::folder_error(d, &e))?,
    };
    let stages = crate::base::load_stages(&mut crate::base::Sink::in_lang(&files, lang));
    let stage_name = |id: &str| {
        stages
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.name.get(lang).clone())
    };
    let tty = std::io::stdout().is_terminal();
    let width = usize::from(args.width.unwrap_or_else(|| terminal_width(tty)));
    let styled = tty && !args.plain;
    let styles = if styled && !no_color() {
        MdStyles::default()
    } else {
        MdStyles::plain()
    };
    // Styled text carries our own SGR codes; its text was sanitised by `to_ansi`.
    let mut out: Box<dyn Write> = if styled {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(crate::cli::out::stdout())
    };
    let print = |out: &mut dyn Write, md: &str| -> std::io::Result<()> {
        let lines = markdown::render(md, width, &styles);
        let text = if styled {
            markdown::to_ansi(&lines)
        } else {
            markdown::to_plain(&lines)
        };
        writeln!(out, "{text}")
    };
    if !args.quiz {
        print(
            &mut out,
            &pipeline::render::markdown(&report, lang, &stage_name),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = &i18n::text(lang).explain;
    let Some(q) = quiz::question(&report, lang, &stage_name) else {
        crate::cli::out::say!("feoops: {}", t.quiz_no_pipeline);
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let options: String = q
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}. {}\n", i + 1, pipeline::render::escape(o)))
        .collect();
    print(&mut out, &format!("{}\n{options}", q.prompt))?;
    write!(out, "{}", t.quiz_ask)?;
    out.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    writeln!(out)?;
    let chosen = answer
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1));
    let verdict = if chosen == Some(q.correct) {
        t.quiz_right.clone()
    } else {
        fill(&t.quiz_wrong, &[("answer", &q.options[q.correct])])
    };
    print(
        &mut out,
        &format!(
            "{}\n\n{}",
            pipeline::render::escape(&verdict),
            q.explanation
        ),
    )?;
    Ok(ExitCode::SUCCESS)
}
