//! Loading and validating `content/tools/*.toml`. Each `[[tool]]` table is parsed on its
//! own, so one broken tool is reported (with its file, line and column) and skipped while
//! the rest of its file still loads.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::image::{Reader, StrList};
use super::index::{Facts, Prebuilt, Strs, bit};
use super::spdx;
use super::store::ToolImage;
use super::{Cloud, Ecosystem, Hosting, LicenseClass, Maturity, Pricing, Source, Status, Tool};
use crate::base::{Category, Localized, SourceFile, Stage};
use crate::base::{Sink, is_https_url, is_slug};

/// A tag: a slug whose words may also be Korean (`쿠버네티스`, `테스트-자동화`), so Korean
/// users find tools by their own words.
fn is_tag(s: &str) -> bool {
    let ascii: String = s
        .chars()
        .map(|c| if ('가'..='힣').contains(&c) { 'a' } else { c })
        .collect();
    is_slug(&ascii)
}

type S = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTool {
    id: S,
    name: S,
    #[serde(default)]
    aliases: Vec<S>,
    stages: Spanned<Vec<S>>,
    primary_stage: S,
    category: S,
    summary: Localized<S>,
    license: Option<S>,
    license_class: Option<S>,
    pricing: Option<S>,
    #[serde(default)]
    hosting: Vec<S>,
    #[serde(default)]
    clouds: Vec<S>,
    #[serde(default)]
    ecosystems: Vec<S>,
    maturity: Option<S>,
    status: Option<S>,
    end_of_life: Option<S>,
    verified: Option<S>,
    homepage: S,
    repo: Option<S>,
    #[serde(default)]
    alternatives: Vec<S>,
    #[serde(default)]
    integrates_with: Vec<S>,
    #[serde(default)]
    requires: Vec<S>,
    good_for: Option<Spanned<Localized<Vec<S>>>>,
    not_for: Option<Spanned<Localized<Vec<S>>>>,
    #[serde(default)]
    tags: Vec<S>,
}

/// A tool that parsed, with what the cross-tool checks need.
struct Parsed {
    tool: Tool,
    file: usize,
    id_at: usize,
    refs: Vec<(&'static str, S)>,
}

/// The catalogue of a content folder: every `tools/*.toml`, checked, indexed for search.
pub(crate) fn load(sink: &mut Sink, stages: &[Stage], categories: &[Category]) -> super::Catalog {
    super::Catalog::new(load_tools(sink, stages, categories), categories)
}

/// The catalogue image `build.rs` wrote from the embedded tool files: the tools, then the
/// search texts of each (`src/catalog/image.rs` gives the byte format; `build.rs` says
/// what is where).
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));
/// The image's text pool (its UTF-8 checked by the compiler).
static IMAGE_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.txt"));

/// What starts a catalogue image, and its layout version.
pub(crate) const IMAGE_MAGIC: &[u8; 8] = b"FEOCAT\x00\x02";

/// The embedded catalogue from the image `build.rs` wrote: trusted, so nothing is checked;
/// the test suite checks the same files in full and that both ways give the same tools
/// and the same search index. The tools are read from the image when first asked for.
/// `None` when the image is missing, does not read, or was written from other files than
/// `tool_files`.
pub(crate) fn load_embedded(
    tool_files: &[&str],
    categories: &[Category],
) -> Option<super::Catalog> {
    let (tools, prebuilt) = read_image(IMAGE, IMAGE_TEXT, tool_files)?;
    super::Catalog::from_image(tools, categories, prebuilt, 0)
}

/// The tables of a catalogue image: where each tool's fields and each tool's search texts
/// start.
fn read_image(
    image: &'static [u8],
    text: &'static str,
    tool_files: &[&str],
) -> Option<(ToolImage, Prebuilt)> {
    let mut r = Reader::new(image, text);
    if r.take(IMAGE_MAGIC.len())? != IMAGE_MAGIC {
        return None;
    }
    let categories_at = r.u32()?;
    let n = r.count(8)?;
    if n != tool_files.len() {
        return None;
    }
    for f in tool_files {
        if r.str()? != *f {
            return None;
        }
    }
    let mut table = || -> Option<Vec<u32>> {
        let n = r.count(4)?;
        (0..n).map(|_| r.u32()).collect()
    };
    let starts = table()?;
    let records = table()?;
    if records.len() != starts.len() {
        return None;
    }
    let prebuilt = Prebuilt {
        image,
        text,
        records,
        categories_at,
    };
    Some((ToolImage::new(image, text, starts), prebuilt))
}

/// What the search index needs of a tool of the image, without copying its strings (the
/// fields in the order `read_tool` reads them); the reader is left after the references
/// ([`skip_after_facts`] moves it to the tool's end).
pub(super) fn read_facts<'a>(r: &mut Reader<'a>) -> Option<Facts<'a>> {
    let id = r.str()?;
    r.str()?; // name
    r.list()?; // aliases
    let stages = r.list()?;
    let primary_stage = r.str()?;
    let category = r.str()?;
    r.str()?; // summary.en
    r.str()?; // summary.ko
    r.opt_str()?; // license
    let class = id_value(r)?;
    r.opt_str()?; // pricing
    let hosting = image_bits(r.list()?, Hosting::ALL)?;
    let clouds = image_bits(r.list()?, Cloud::ALL)?;
    r.list()?; // ecosystems
    let maturity = id_value(r)?;
    for _ in 0..3 {
        r.opt_str()?; // status, end_of_life, verified
    }
    r.str()?; // homepage
    r.opt_str()?; // repo
    let refs = [r.list()?, r.list()?, r.list()?].map(Strs::Image);
    Some(Facts {
        id,
        stages: Strs::Image(stages),
        primary_stage,
        category,
        class,
        hosting,
        clouds,
        maturity,
        source: Source::Builtin,
        refs,
    })
}

/// Moves a reader that [`read_facts`] left past the rest of the tool's fields (what it is
/// good and not good for, in both languages, and the tags).
pub(super) fn skip_after_facts(r: &mut Reader) -> Option<()> {
    for _ in 0..5 {
        r.list()?;
    }
    Some(())
}

/// A list of enum ids as bits in `all`'s order; `None` on an unknown id.
fn image_bits<T: IdValue + PartialEq>(list: StrList, all: &[T]) -> Option<u8> {
    let mut out = 0;
    for s in list {
        out |= bit(all, &T::parse_id(s)?);
    }
    Some(out)
}

fn id_value<T: IdValue>(r: &mut Reader) -> Option<Option<T>> {
    r.opt_parsed(T::parse_id)
}

fn id_values<T: IdValue>(r: &mut Reader) -> Option<Vec<T>> {
    r.parsed_list(T::parse_id)
}

fn date(r: &mut Reader) -> Option<Option<Date>> {
    r.opt_parsed(|s| s.parse().ok())
}

/// One tool of the image, in the field order `build.rs` writes (`Tool`'s order); the
/// strings are already trimmed as the checked loader trims them.
pub(super) fn read_tool(r: &mut Reader) -> Option<Tool> {
    Some(Tool {
        id: r.string()?,
        name: r.string()?,
        aliases: r.strings()?,
        stages: r.strings()?,
        primary_stage: r.string()?,
        category: r.string()?,
        summary: Localized {
            en: r.string()?,
            ko: r.string()?,
        },
        summary_ko_fallback: false,
        license: r.opt_string()?,
        license_class: id_value(r)?,
        pricing: id_value(r)?,
        hosting: id_values(r)?,
        clouds: id_values(r)?,
        ecosystems: id_values(r)?,
        maturity: id_value(r)?,
        status: id_value(r)?,
        end_of_life: date(r)?,
        verified: date(r)?,
        homepage: r.string()?,
        repo: r.opt_string()?,
        alternatives: r.strings()?,
        integrates_with: r.strings()?,
        requires: r.strings()?,
        good_for: Localized {
            en: r.strings()?,
            ko: r.strings()?,
        },
        not_for: Localized {
            en: r.strings()?,
            ko: r.strings()?,
        },
        tags: r.strings()?,
        source: Source::Builtin,
        landscape: None,
    })
}

/// Loads every `tools/*.toml` file. Stages and categories must be loaded first.
fn load_tools(sink: &mut Sink, stages: &[Stage], categories: &[Category]) -> Vec<Tool> {
    let files = sink.files();
    let ctx = Ctx {
        stages: stages.iter().map(|s| s.id.as_str()).collect(),
        stage_list: stages
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        categories: categories.iter().map(|c| c.id.as_str()).collect(),
        today: jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date(),
    };
    let mut parsed: Vec<Parsed> = Vec::new();
    // Ids of every tool table, even broken ones: one broken tool is one problem, not a
    // cascade of unresolved references to it.
    let mut all_ids: HashSet<String> = HashSet::new();
    for (i, file) in files.files.iter().enumerate() {
        if file.path.starts_with("tools/") && file.path.ends_with(".toml") {
            for (raw, at) in parse_file(sink, file, &mut all_ids) {
                if let Some(p) = check_tool(sink, &ctx, file, raw, at) {
                    parsed.push(Parsed { file: i, ..p });
                }
            }
        }
    }

    // Unique ids across every file: the first one keeps it.
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut keep = vec![true; parsed.len()];
    for (i, p) in parsed.iter().enumerate() {
        if let Some(&j) = first.get(&p.tool.id) {
            keep[i] = false;
            let other = &parsed[j];
            let of = &files.files[other.file];
            let (line, _) = crate::base::line_col(&of.text, other.id_at);
            let message = sink.say(
                |c| &c.tool_id_duplicate,
                &[
                    ("id", &p.tool.id),
                    ("other", &files.display_path(&of.path)),
                    ("line", &line),
                ],
            );
            sink.at(&files.files[p.file], p.id_at, message);
        } else {
            first.insert(p.tool.id.clone(), i);
        }
    }

    // Alternatives, integrations and requirements name tools that exist.
    let ids: HashSet<&str> = all_ids.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    for p in parsed.iter().zip(&keep).filter_map(|(p, k)| k.then_some(p)) {
        for (what, r) in &p.refs {
            let id = r.get_ref();
            let message = if *id == p.tool.id {
                sink.say(|c| &c.names_itself, &[("what", what)])
            } else if !ids.contains(id.as_str()) {
                let near = crate::base::closest(id, ids.iter().copied(), 1);
                match near.first() {
                    Some(n) => sink.say(
                        |c| &c.names_unknown_tool_near,
                        &[("what", what), ("id", id), ("near", n)],
                    ),
                    None => sink.say(|c| &c.names_unknown_tool, &[("what", what), ("id", id)]),
                }
            } else {
                continue;
            };
            problems.push((p.file, r.span().start, message));
        }
    }
    for (file, at, message) in problems {
        sink.at(&files.files[file], at, message);
    }
    parsed
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p.tool))
        .collect()
}

/// Parses the `[[tool]]` tables of one file; each comes with the offset of its table.
fn parse_file(
    sink: &mut Sink,
    file: &SourceFile,
    ids: &mut HashSet<String>,
) -> Vec<(RawTool, usize)> {
    let doc = match DeTable::parse(&file.text) {
        Ok(d) => d,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let m = sink.say(|c| &c.toml_syntax, &[("message", &e.message().trim())]);
            sink.at(file, at, m);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (key, value) in doc.get_ref().iter() {
        if key.get_ref().as_ref() != "tool" {
            sink.at(
                file,
                key.span().start,
                sink.say(|c| &c.tools_unknown_key, &[("key", key.get_ref())]),
            );
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            sink.at(
                file,
                value.span().start,
                sink.say(|c| &c.tool_not_array, &[]),
            );
            continue;
        };
        for item in items.iter() {
            let at = item.span().start;
            let id = item.get_ref().get("id").and_then(|v| v.get_ref().as_str());
            if let Some(id) = id {
                ids.insert(id.to_string());
            }
            let what = id
                .map(|id| sink.say(|c| &c.tool_prefix, &[("id", &id)]))
                .unwrap_or_default();
            if let Some(raw) = deserialize::<RawTool>(sink, file, item.clone(), at, &what) {
                out.push((raw, at));
            }
        }
    }
    out
}

fn deserialize<T: DeserializeOwned>(
    sink: &mut Sink,
    file: &SourceFile,
    value: Spanned<DeValue<'_>>,
    at: usize,
    what: &str,
) -> Option<T> {
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => Some(v),
        Err(e) => {
            let at = e.span().map_or(at, |s| s.start);
            let m = sink.say(|c| &c.toml_value, &[("message", &e.message().trim())]);
            sink.at(file, at, format!("{what}{m}"));
            None
        }
    }
}

struct Ctx<'a> {
    stages: HashSet<&'a str>,
    stage_list: String,
    categories: HashSet<&'a str>,
    today: Date,
}

/// Reports problems in one file.
struct Check<'s, 'a, 'f> {
    sink: &'s mut Sink<'a>,
    file: &'f SourceFile,
}

impl Check<'_, '_, '_> {
    fn at(&mut self, s: &S, message: impl Into<String>) {
        self.sink.at(self.file, s.span().start, message);
    }

    fn at_offset(&mut self, offset: usize, message: impl Into<String>) {
        self.sink.at(self.file, offset, message);
    }

    fn one<T: IdValue>(&mut self, v: Option<&S>) -> Option<T> {
        let v = v?;
        let parsed = T::parse_id(v.get_ref());
        if parsed.is_none() {
            self.at(
                v,
                self.sink.say(
                    |c| &c.unknown_value,
                    &[
                        ("what", &T::WHAT),
                        ("id", v.get_ref()),
                        ("known", &T::expected_ids()),
                    ],
                ),
            );
        }
        parsed
    }

    /// A `YYYY-MM-DD` date.
    fn date(&mut self, what: &str, v: Option<&S>) -> Option<Date> {
        let v = v?;
        let d = (v.get_ref().len() == 10).then(|| v.get_ref().parse().ok());
        if d.is_none_or(|d| d.is_none()) {
            self.at(
                v,
                self.sink.say(
                    |c| &c.not_a_date,
                    &[("what", &what), ("value", v.get_ref())],
                ),
            );
        }
        d.flatten()
    }

    fn many<T: IdValue>(&mut self, list: &[S]) -> Vec<T> {
        let mut out = Vec::new();
        for v in list {
            if let Some(x) = self.one::<T>(Some(v)) {
                if out.contains(&x) {
                    let m = self.sink.say(|c| &c.listed_twice, &[("id", v.get_ref())]);
                    self.at(v, m);
                } else {
                    out.push(x);
                }
            }
        }
        out
    }
}

/// Checks one tool and converts it; `None` when it cannot be used (bad id or stages).
fn check_tool(
    sink: &mut Sink,
    ctx: &Ctx,
    file: &SourceFile,
    raw: RawTool,
    at: usize,
) -> Option<Parsed> {
    let mut c = Check { sink, file };
    let id = raw.id.get_ref().clone();
    let mut usable = true;
    if !is_slug(&id) {
        c.at(&raw.id, c.sink.say(|c| &c.tool_id_not_slug, &[("id", &id)]));
        usable = false;
    }
    if raw.name.get_ref().trim().is_empty() {
        let m = c.sink.say(|c| &c.name_empty, &[]);
        c.at(&raw.name, m);
    }
    let stages = check_stages(&mut c, ctx, &raw, &mut usable);
    if !ctx.categories.contains(raw.category.get_ref().as_str()) {
        let near = crate::base::closest(raw.category.get_ref(), ctx.categories.iter().copied(), 1);
        let hint = near
            .first()
            .map(|n| c.sink.say(|c| &c.did_you_mean, &[("near", n)]))
            .unwrap_or_default();
        c.at(
            &raw.category,
            c.sink.say(
                |c| &c.tool_unknown_category,
                &[("id", raw.category.get_ref()), ("hint", &hint)],
            ),
        );
    }
    check_text(&mut c, &raw);
    let class = check_license(&mut c, &raw);
    let pricing = c.one::<Pricing>(raw.pricing.as_ref());
    let maturity = c.one::<Maturity>(raw.maturity.as_ref());
    let (status, eol) = check_status(&mut c, ctx.today, &raw);
    let hosting = c.many::<Hosting>(&raw.hosting);
    let clouds = c.many::<Cloud>(&raw.clouds);
    let ecosystems = c.many::<Ecosystem>(&raw.ecosystems);
    if clouds.len() > 1 && clouds.contains(&Cloud::Any) {
        c.at(&raw.clouds[0], c.sink.say(|c| &c.clouds_any_alone, &[]));
    }
    if ecosystems.len() > 1 && ecosystems.contains(&Ecosystem::Any) {
        c.at(
            &raw.ecosystems[0],
            c.sink.say(|c| &c.ecosystems_any_alone, &[]),
        );
    }
    for (what, u) in [
        ("homepage", Some(&raw.homepage)),
        ("repo", raw.repo.as_ref()),
    ] {
        if let Some(u) = u
            && !is_https_url(u.get_ref())
        {
            c.at(
                u,
                c.sink.say(
                    |c| &c.url_not_https,
                    &[("what", &what), ("url", u.get_ref())],
                ),
            );
        }
    }
    let mut seen = HashSet::new();
    for a in &raw.aliases {
        let v = a.get_ref();
        if v.trim().is_empty() || v.trim() != v {
            let m = c.sink.say(|c| &c.alias_spaces, &[("alias", v)]);
            c.at(a, m);
        } else if !seen.insert(v.to_lowercase()) {
            let m = c.sink.say(|c| &c.alias_twice, &[("alias", v)]);
            c.at(a, m);
        }
    }
    for t in &raw.tags {
        if !is_tag(t.get_ref()) {
            c.at(t, c.sink.say(|c| &c.tag_not_slug, &[("tag", t.get_ref())]));
        }
    }
    if !usable {
        return None;
    }

    let strings = |v: &[S]| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>();
    let localized = |l: &Option<Spanned<Localized<Vec<S>>>>| {
        l.as_ref().map_or_else(Localized::default, |l| Localized {
            en: strings(&l.get_ref().en),
            ko: strings(&l.get_ref().ko),
        })
    };
    let mut refs = Vec::new();
    for (what, list) in [
        ("alternatives", &raw.alternatives),
        ("integrates_with", &raw.integrates_with),
        ("requires", &raw.requires),
    ] {
        refs.extend(list.iter().map(|r| (what, r.clone())));
    }
    let tool = Tool {
        id,
        name: raw.name.get_ref().trim().to_string(),
        aliases: strings(&raw.aliases),
        stages,
        primary_stage: raw.primary_stage.get_ref().clone(),
        category: raw.category.get_ref().clone(),
        summary: Localized {
            en: raw.summary.en.get_ref().trim().to_string(),
            ko: raw.summary.ko.get_ref().trim().to_string(),
        },
        summary_ko_fallback: false,
        license: raw.license.as_ref().map(|l| l.get_ref().clone()),
        license_class: class,
        pricing,
        hosting,
        clouds,
        ecosystems,
        maturity,
        status,
        end_of_life: eol.0,
        verified: eol.1,
        homepage: raw.homepage.get_ref().clone(),
        repo: raw.repo.as_ref().map(|r| r.get_ref().clone()),
        alternatives: strings(&raw.alternatives),
        integrates_with: strings(&raw.integrates_with),
        requires: strings(&raw.requires),
        good_for: localized(&raw.good_for),
        not_for: localized(&raw.not_for),
        tags: strings(&raw.tags),
        source: Source::Builtin,
        landscape: None,
    };
    Some(Parsed {
        tool,
        file: 0,
        id_at: raw.id.span().start.max(at),
        refs,
    })
}

/// Known stages, no repeats, and a primary stage among them in the file named after it.
fn check_stages(c: &mut Check, ctx: &Ctx, raw: &RawTool, usable: &mut bool) -> Vec<String> {
    let mut stages = Vec::new();
    for s in raw.stages.get_ref() {
        if !ctx.stages.contains(s.get_ref().as_str()) {
            let m = unknown_stage(c.sink, s.get_ref(), &ctx.stage_list);
            c.at(s, m);
            *usable = false;
        } else if stages.contains(s.get_ref()) {
            let m = c.sink.say(|c| &c.stage_twice, &[("id", s.get_ref())]);
            c.at(s, m);
        } else {
            stages.push(s.get_ref().clone());
        }
    }
    if raw.stages.get_ref().is_empty() {
        c.at_offset(
            raw.stages.span().start,
            c.sink.say(|c| &c.tool_no_stages, &[]),
        );
        *usable = false;
    }
    let primary = raw.primary_stage.get_ref();
    let stem = c
        .file
        .path
        .strip_prefix("tools/")
        .and_then(|n| n.strip_suffix(".toml"));
    if !ctx.stages.contains(primary.as_str()) {
        let m = unknown_stage(c.sink, primary, &ctx.stage_list);
        c.at(&raw.primary_stage, m);
        *usable = false;
    } else if !stages.contains(primary) {
        c.at(
            &raw.primary_stage,
            c.sink.say(|c| &c.primary_not_in_stages, &[("id", primary)]),
        );
    } else if let Some(stem) = stem
        && ctx.stages.contains(stem)
        && stem != primary
    {
        c.at(
            &raw.primary_stage,
            c.sink.say(|c| &c.tool_wrong_file, &[("id", primary)]),
        );
    }
    stages
}

/// Status, end-of-life date and verification date (a warning when over a year old).
fn check_status(
    c: &mut Check,
    today: Date,
    raw: &RawTool,
) -> (Option<Status>, (Option<Date>, Option<Date>)) {
    let status = c.one::<Status>(raw.status.as_ref());
    let eol = c.date("end_of_life", raw.end_of_life.as_ref());
    let verified = c.date("verified", raw.verified.as_ref());
    match (&raw.status, &raw.end_of_life) {
        (Some(s), None) if status == Some(Status::EndOfLife) => {
            let m = c.sink.say(|c| &c.eol_needs_date, &[]);
            c.at(s, m)
        }
        (_, Some(e)) if status != Some(Status::EndOfLife) => {
            let m = c.sink.say(|c| &c.eol_without_status, &[]);
            c.at(e, m)
        }
        _ => {}
    }
    if let (Some(v), Some(at)) = (verified, &raw.verified)
        && is_stale(v, today)
    {
        let message = c.sink.say(|c| &c.stale_facts, &[("date", &v)]);
        c.sink.warn_at(c.file, at.span().start, message);
    }
    (status, (eol, verified))
}

/// True when facts verified on `verified` are more than a year old on `today`.
pub(crate) fn is_stale(verified: Date, today: Date) -> bool {
    verified < today.saturating_sub(jiff::Span::new().years(1))
}

/// Summary, good_for and not_for: present and non-empty in both languages.
fn check_text(c: &mut Check, raw: &RawTool) {
    for (lang, s) in [("en", &raw.summary.en), ("ko", &raw.summary.ko)] {
        if s.get_ref().trim().is_empty() {
            let m = c.sink.say(|c| &c.summary_empty, &[("lang", &lang)]);
            c.at(s, m);
        }
    }
    for (what, list) in [("good_for", &raw.good_for), ("not_for", &raw.not_for)] {
        let Some(list) = list else { continue };
        let l = list.get_ref();
        if l.en.len() != l.ko.len() {
            c.at_offset(
                list.span().start,
                c.sink.say(
                    |c| &c.entries_differ,
                    &[("what", &what), ("en", &l.en.len()), ("ko", &l.ko.len())],
                ),
            );
        }
        for s in l.en.iter().chain(&l.ko) {
            if s.get_ref().trim().is_empty() {
                let m = c.sink.say(|c| &c.empty_entry, &[("what", &what)]);
                c.at(s, m);
            }
        }
    }
}

/// A valid SPDX expression (or `proprietary`), a known class, and a class the licence
/// allows where the licence makes it certain.
fn check_license(c: &mut Check, raw: &RawTool) -> Option<LicenseClass> {
    let class = c.one::<LicenseClass>(raw.license_class.as_ref());
    let Some(l) = &raw.license else {
        return class;
    };
    match spdx::parse(l.get_ref()) {
        Err(e) => c.at(l, c.sink.say(|c| &c.license_bad, &[("message", &e.0)])),
        Ok(kind) => match (class, &raw.license_class) {
            (_, None) => {
                let m = c.sink.say(|c| &c.license_needs_class, &[]);
                c.at(l, m)
            }
            (Some(cl), Some(cs)) if !spdx::allowed_classes(kind).contains(&cl) => {
                let names: Vec<&str> = spdx::allowed_classes(kind).iter().map(|c| c.id()).collect();
                c.at(
                    cs,
                    c.sink.say(
                        |c| &c.class_does_not_fit,
                        &[
                            ("class", &cl),
                            ("license", l.get_ref()),
                            ("expected", &names.join(&c.sink.say(|c| &c.or, &[]))),
                        ],
                    ),
                );
            }
            _ => {}
        },
    }
    class
}

fn unknown_stage(sink: &Sink, s: &str, known: &str) -> String {
    sink.say(
        |c| &c.unknown_stage_expected,
        &[("id", &s), ("known", &known)],
    )
}

trait IdValue: Sized + Copy + PartialEq {
    const WHAT: &'static str;
    fn parse_id(s: &str) -> Option<Self>;
    fn expected_ids() -> String;
}

macro_rules! id_value {
    ($($t:ty),*) => {$(
        impl IdValue for $t {
            const WHAT: &'static str = <$t>::WHAT;
            fn parse_id(s: &str) -> Option<Self> { <$t>::parse(s) }
            fn expected_ids() -> String { <$t>::expected() }
        }
    )*};
}
id_value!(
    LicenseClass,
    Pricing,
    Hosting,
    Cloud,
    Ecosystem,
    Maturity,
    Status
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_go_stale_after_a_year() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert!(!is_stale(d("2025-12-01"), d("2026-12-01")));
        assert!(is_stale(d("2025-11-30"), d("2026-12-01")));
        assert!(!is_stale(d("2026-12-01"), d("2026-12-01")));
        // A leap day is a year old on 28 February of the next year.
        assert!(!is_stale(d("2024-02-29"), d("2025-02-28")));
        assert!(is_stale(d("2024-02-28"), d("2025-03-01")));
    }

    use crate::base::{ContentFiles, load_categories, load_stages};

    /// The pre-parsed embedded tools are used (they cover every tools file) and are the
    /// tools the checked TOML loader builds, with no problem.
    #[test]
    fn the_pre_parsed_catalogue_equals_the_checked_one() {
        let files = ContentFiles::embedded();
        let mut sink = Sink::new(&files);
        let stages = load_stages(&mut sink);
        let categories = load_categories(&mut sink);
        let checked = load(&mut sink, &stages, &categories);
        assert!(sink.problems.is_empty(), "{:?}", sink.problems);
        let paths: Vec<&str> = files
            .files
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| p.starts_with("tools/") && p.ends_with(".toml"))
            .collect();
        let pre = load_embedded(&paths, &categories).expect("every tools file is pre-parsed");
        assert!(pre.len() > 100);
        assert_eq!(pre.len(), checked.len());
        // One tool is read without the others, and is the checked one.
        let k8s = pre.get("kubernetes").expect("kubernetes is built in");
        assert_eq!(Some(k8s), checked.get("kubernetes"));
        let last = pre.tool(pre.len() - 1);
        assert_eq!(last, &checked.tools()[pre.len() - 1]);
        assert!(pre.tools.get().is_none(), "no other tool was copied out");
        assert_eq!(pre.imported_count(), 0);
        assert_eq!(pre.tools(), checked.tools());
        for (i, t) in checked.tools().iter().enumerate() {
            assert_eq!(pre.tool(i), t);
        }
        // A list that does not match the pre-parsed files falls back.
        assert!(load_embedded(&paths[1..], &categories).is_none());
    }
}
