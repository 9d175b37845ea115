//! `feoops tools list | search | show`: the tool catalogue from the command line, as
//! aligned text or as the JSON documented in `docs/JSON.md`.

use std::io::Write;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::EXIT_USAGE;

/// Exit status of a search that found nothing (as grep and fzf).
const EXIT_NO_MATCH: u8 = 1;
use crate::catalog::{
    Catalog, Cloud, Field, Filter, Hit, Hosting, LicenseClass, Query, Source, Tool,
};
use crate::{Library, base::Lang};

#[derive(Debug, Subcommand)]
pub enum ToolsCommand {
    List {
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    Search {
        query: String,
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    #[arg(long, conflicts_with = "class")]
    oss: bool,
    #[arg(long, value_name = "CLASS", ignore_case = true, value_parser = id_parser(LicenseClass::ALL, LicenseClass::id))]
    class: Option<LicenseClass>,
    #[arg(long, value_name = "HOSTING", ignore_case = true, value_parser = id_parser(Hosting::ALL, Hosting::id))]
    hosting: Option<Hosting>,
    #[arg(long, value_name = "CLOUD", ignore_case = true, value_parser = cloud_parser())]
    cloud: Option<Cloud>,
    #[arg(long, value_name = "SOURCE", ignore_case = true, value_parser = id_parser(Source::ALL, Source::id))]
    source: Option<Source>,
}

/// A clap parser for one of our id enums: lists the possible values in `--help` and
/// suggests the closest one on a typo.
fn id_parser<T>(all: &'static [T], id: fn(T) -> &'static str) -> impl TypedValueParser<Value = T>
where
    T: Copy + Send + Sync + 'static,
{
    PossibleValuesParser::new(all.iter().map(move |v| id(*v))).try_map(move |s: String| {
        all.iter()
            .copied()
            .find(|v| id(*v).eq_ignore_ascii_case(&s))
            .ok_or_else(|| bad_value(&s))
    })
}

fn bad_value(s: &str) -> String {
    let t = &crate::i18n::text(super::locale::ui_lang()).cli;
    crate::i18n::fill(&t.bad_value, &[("value", &s)])
}

/// The cloud filter's values: the catalogue's clouds and `on-prem`, the word `suggest`
/// uses, meaning tools that are not tied to one cloud.
fn cloud_parser() -> impl TypedValueParser<Value = Cloud> {
    let names = Cloud::ALL.iter().map(|c| c.id()).chain(["on-prem"]);
    PossibleValuesParser::new(names).try_map(|s: String| {
        if s.eq_ignore_ascii_case("on-prem") {
            return Ok(Cloud::Any);
        }
        Cloud::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(&s))
            .ok_or_else(|| bad_value(&s))
    })
}

impl FilterArgs {
    fn to_filter(&self) -> Filter {
        Filter {
            stage: self.stage.clone(),
            license_class: if self.oss {
                Some(LicenseClass::Oss)
            } else {
                self.class
            },
            license_unknown: false,
            hosting: self.hosting,
            cloud: self.cloud,
            source: self.source,
        }
    }
}

/// Runs a `tools` command against a loaded library.
pub fn run(lib: &Library, cmd: &ToolsCommand, lang: Lang) -> anyhow::Result<ExitCode> {
    let filters = match cmd {
        ToolsCommand::List { filters, .. } | ToolsCommand::Search { filters, .. } => Some(filters),
        ToolsCommand::Show { .. } => None,
    };
    if let Some(stage) = filters.and_then(|f| f.stage.as_deref())
        && !super::suggest::known_stage(lib, stage)
    {
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let cat = lib.catalog();
    let mut out = crate::cli::out::stdout();
    match cmd {
        ToolsCommand::List { filters, json } => {
            let filter = filters.to_filter();
            let tools: Vec<&Tool> = cat.filtered(&filter).collect();
            if *json {
                serde_json::to_writer_pretty(&mut out, &tools)?;
                writeln!(out)?;
            } else {
                let rows: Vec<(&Tool, String)> =
                    tools.into_iter().map(|t| (t, String::new())).collect();
                write_table(&mut out, cat, &rows, false, lang)?;
            }
        }
        ToolsCommand::Search {
            query,
            filters,
            limit,
            json,
        } => {
            let q = Query::new(query.as_str()).with_filter(filters.to_filter());
            let hits = cat.search(&q, lang, *limit);
            if *json {
                let v: Vec<HitJson> = hits.iter().map(|h| HitJson::new(h, cat)).collect();
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
            } else if hits.is_empty() {
                let hint = &crate::i18n::text(lang).tools.cli_no_match;
                crate::cli::out::say!("feoops: {}", crate::i18n::fill(hint, &[("query", query)]));
            }
            if hits.is_empty() {
                // As grep and fzf do: no match is exit status 1 (also with --json, `[]`).
                out.flush()?;
                return Ok(ExitCode::from(EXIT_NO_MATCH));
            } else if !*json {
                let rows: Vec<(&Tool, String)> = hits
                    .iter()
                    .map(|h| (h.tool(cat), match_label(h, lang)))
                    .collect();
                write_table(&mut out, cat, &rows, true, lang)?;
            }
        }
        ToolsCommand::Show { id, json } => {
            let Some(tool) = cat.resolve(id) else {
                let near = cat.closest_ids(id);
                let t = &crate::i18n::text(lang).cli;
                let line = if near.is_empty() {
                    crate::i18n::fill(&t.unknown_tool, &[("id", &id)])
                } else {
                    crate::i18n::fill(
                        &t.unknown_tool_near,
                        &[("id", &id), ("near", &near.join(", "))],
                    )
                };
                crate::cli::out::say!("feoops: {line}");
                return Ok(ExitCode::from(EXIT_USAGE));
            };
            if *json {
                serde_json::to_writer_pretty(&mut out, tool)?;
                writeln!(out)?;
            } else {
                super::tools_show::write_tool(&mut out, lib, tool, lang)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A search hit as JSON: the documented shape in docs/JSON.md.
#[derive(Serialize)]
struct HitJson<'a> {
    score: i64,
    matched: Option<Field>,
    matched_text: Option<&'a str>,
    highlight: &'a [usize],
    name_highlight: &'a [usize],
    tool: &'a Tool,
}

impl<'a> HitJson<'a> {
    fn new(h: &'a Hit, cat: &'a Catalog) -> Self {
        HitJson {
            score: h.score,
            matched: h.field,
            matched_text: h.matched_text.as_deref(),
            highlight: &h.highlight,
            name_highlight: &h.name_highlight,
            tool: h.tool(cat),
        }
    }
}

/// `alias: k8s`, `summary`, ... for the MATCH column.
fn match_label(h: &Hit, lang: Lang) -> String {
    let t = &crate::i18n::text(lang).cli;
    let text = h.matched_text.as_deref().unwrap_or("");
    let with = |template: &str| crate::i18n::fill(template, &[("text", &text)]);
    match h.field {
        None => String::new(),
        Some(Field::Name) => t.match_name.clone(),
        Some(Field::Summary) => t.match_summary.clone(),
        Some(Field::Id) => with(&t.match_id),
        Some(Field::Alias) => with(&t.match_alias),
        Some(Field::Tag) => with(&t.match_tag),
        Some(Field::Category) => with(&t.match_category),
    }
}

fn write_table(
    out: &mut impl Write,
    cat: &Catalog,
    rows: &[(&Tool, String)],
    with_match: bool,
    lang: Lang,
) -> std::io::Result<()> {
    let text = crate::i18n::text(lang);
    let t = &text.cli;
    let imported = cat.imported_count() > 0;
    let mut head = vec![
        t.col_id.clone(),
        t.col_name.clone(),
        t.col_stage.clone(),
        t.col_license.clone(),
        t.col_class.clone(),
    ];
    if imported {
        head.push(t.col_source.clone());
    }
    if with_match {
        head.push(t.col_match.clone());
    }
    let mut table = vec![head];
    for (tool, m) in rows {
        let mut row = vec![
            tool.id.clone(),
            tool.name.clone(),
            tool.primary_stage.clone(),
            tool.license.clone().unwrap_or_else(|| "-".into()),
            tool.license_class
                .map_or("-", |c| text.value(LicenseClass::WHAT, c.id()))
                .to_string(),
        ];
        if imported {
            row.push(text.value(Source::WHAT, tool.source.id()).to_string());
        }
        if with_match {
            row.push(m.clone());
        }
        table.push(row);
    }
    for line in super::out::table(&table) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
