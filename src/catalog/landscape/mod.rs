//! Importing a CNCF `landscape.yml`: parse it (errors carry their line and column), then
//! merge its items into a copy of the catalogue through the mapping table of
//! `content/landscape-map.toml`.
//!
//! Merge rule: an item that matches a tool already in the catalogue (by normalized name,
//! homepage or repository) only fills that tool's missing fields (CNCF maturity, repository,
//! licence when certain); it never creates a second tool. Other items of mapped
//! subcategories become imported tools (`source = landscape`). Items of skipped or unknown
//! subcategories are counted in the [`ImportReport`].

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

mod fast;

use super::spdx;
use super::text::FastMap;
use super::{Catalog, LandscapeMap, LandscapeRef, Maturity, Rule, Source, Tool};
use crate::base::Localized;
use crate::base::i18n::{self, Localize};

/// Why a landscape file could not be imported. The catalogue is left as it was.
#[derive(Debug)]
pub enum LandscapeError {
    Read {
        path: String,
        source: std::io::Error,
    },
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Past a limit on nesting or alias expansion, before parsing.
    Refused {
        path: String,
        line: usize,
        column: usize,
        limit: super::yaml_limits::Limit,
    },
}

impl Localize for LandscapeError {
    fn localized(&self, lang: crate::base::Lang) -> String {
        match self {
            LandscapeError::Read { path, source } => i18n::fill(
                &i18n::text(lang).cli.cannot_read,
                &[("path", path), ("err", &i18n::io_error(source, lang))],
            ),
            // The parser's own words, framed in the UI language.
            LandscapeError::Parse {
                path,
                line,
                column,
                message,
            } => {
                let why = i18n::fill(
                    &i18n::text(lang).messages.yaml_syntax,
                    &[("message", message)],
                );
                format!("{path}:{line}:{column}: {why}")
            }
            LandscapeError::Refused {
                path,
                line,
                column,
                limit,
            } => format!("{path}:{line}:{column}: {}", limit.localized(lang)),
        }
    }
}

impl fmt::Display for LandscapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(crate::base::Lang::En))
    }
}

impl std::error::Error for LandscapeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LandscapeError::Read { source, .. } => Some(source),
            LandscapeError::Parse { .. } | LandscapeError::Refused { .. } => None,
        }
    }
}

#[derive(Deserialize)]
struct RawDoc {
    landscape: Vec<RawCategory>,
}

#[derive(Deserialize)]
struct RawCategory {
    name: String,
    #[serde(default)]
    subcategories: Option<Vec<RawSubcategory>>,
}

#[derive(Deserialize)]
struct RawSubcategory {
    name: String,
    #[serde(default)]
    items: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
struct RawItem {
    name: String,
    homepage_url: Option<String>,
    repo_url: Option<String>,
    description: Option<String>,
    project: Option<String>,
    license: Option<String>,
    #[serde(default)]
    second_path: Vec<String>,
}

/// One item of a landscape file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub category: String,
    pub subcategory: String,
    pub name: String,
    pub homepage: Option<String>,
    pub repo: Option<String>,
    pub description: Option<String>,
    /// `sandbox`, `incubating`, `graduated` or `archived` for CNCF projects.
    pub project: Option<String>,
    pub license: Option<String>,
    /// Other places the item is listed: (category, subcategory).
    pub also_in: Vec<(String, String)>,
}

/// A parsed landscape file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Landscape {
    pub items: Vec<Item>,
    /// Every (category, subcategory) with its number of items, in file order.
    pub subcategories: Vec<(String, String, usize)>,
}

/// Parses the text of a `landscape.yml`; `path` names it in errors.
pub fn parse(text: &str, path: &str) -> Result<Landscape, LandscapeError> {
    let doc = match fast::read(text) {
        Some(doc) => doc,
        None => parse_full(text, path)?,
    };
    Ok(convert(doc))
}

/// The full YAML parser: for files outside the fast reader's subset, and for the errors.
fn parse_full(text: &str, path: &str) -> Result<RawDoc, LandscapeError> {
    // Aliases and nesting are limited before the full parser expands them.
    use super::yaml_limits::{MAX_DEPTH, MAX_EXPANDED, scan};
    if let Err((why, _)) = scan(text, MAX_EXPANDED, MAX_DEPTH) {
        return Err(LandscapeError::Refused {
            path: path.to_string(),
            line: why.line,
            column: why.column,
            limit: why.limit,
        });
    }
    serde_yaml_ng::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let full = e.to_string();
        let message = full
            .replace(&format!(" at line {line} column {column}"), "")
            .trim()
            .to_string();
        LandscapeError::Parse {
            path: path.to_string(),
            line,
            column,
            message,
        }
    })
}

fn convert(doc: RawDoc) -> Landscape {
    let mut out = Landscape::default();
    for c in doc.landscape {
        for s in c.subcategories.unwrap_or_default() {
            let items = s.items.unwrap_or_default();
            out.subcategories
                .push((c.name.clone(), s.name.clone(), items.len()));
            out.items.reserve(items.len());
            for i in items {
                let also_in = i
                    .second_path
                    .iter()
                    .filter_map(|p| p.split_once('/'))
                    .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
                    .collect();
                out.items.push(Item {
                    category: c.name.clone(),
                    subcategory: s.name.clone(),
                    name: trimmed(i.name),
                    homepage: non_empty(i.homepage_url),
                    repo: non_empty(i.repo_url),
                    description: non_empty(i.description)
                        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" ")),
                    project: non_empty(i.project),
                    license: non_empty(i.license),
                    also_in,
                });
            }
        }
    }
    out
}

/// Parses with the full YAML parser only, never the fast reader: the reference the fast
/// reader is tested against (the result must be the same).
pub fn parse_reference(text: &str, path: &str) -> Result<Landscape, LandscapeError> {
    Ok(convert(parse_full(text, path)?))
}

/// Reads and parses a landscape file.
pub fn read(path: &Path) -> Result<Landscape, LandscapeError> {
    let shown = path.display().to_string();
    let text = crate::userfile::read_to_string(path).map_err(|source| LandscapeError::Read {
        path: shown.clone(),
        source,
    })?;
    parse(&text, &shown)
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(trimmed).filter(|s| !s.is_empty())
}

/// The text without surrounding whitespace (no new allocation when there is none).
fn trimmed(s: String) -> String {
    if s.trim().len() == s.len() {
        s
    } else {
        s.trim().to_string()
    }
}

/// A landscape subcategory and how many items it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubcategoryCount {
    pub category: String,
    pub subcategory: String,
    pub items: usize,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Items in the file.
    pub items: usize,
    /// New tools added to the catalogue.
    pub imported: usize,
    /// Items that matched a tool already in the catalogue (built-in or imported earlier).
    pub merged: usize,
    /// Fields filled in on built-in tools.
    pub filled: usize,
    pub skipped_items: usize,
    pub unmapped_items: usize,
    /// Subcategories the mapping table skips.
    pub skipped: Vec<SubcategoryCount>,
    /// Subcategories the mapping table does not know (their items are left out too).
    pub unmapped: Vec<SubcategoryCount>,
    /// Items with an empty name, left out.
    pub nameless: usize,
}

impl Localize for ImportReport {
    fn localized(&self, lang: crate::base::Lang) -> String {
        i18n::fill(
            &i18n::text(lang).messages.landscape_report,
            &[
                ("items", &self.items),
                ("imported", &self.imported),
                ("merged", &self.merged),
                ("filled", &self.filled),
                ("skipped", &self.skipped_items),
                ("skipped_groups", &self.skipped.len()),
                ("unmapped", &self.unmapped_items),
                ("unmapped_groups", &self.unmapped.len()),
            ],
        ) + &if self.nameless > 0 {
            i18n::fill(
                &i18n::text(lang).messages.landscape_nameless,
                &[("n", &self.nameless)],
            )
        } else {
            String::new()
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(crate::base::Lang::En))
    }
}

/// The name as compared: lowercase letters and digits only (`Argo CD` = `argo-cd`).
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A URL as compared: no scheme, no `www.`, no trailing `/` or `.git`, lowercase.
pub fn normalize_url(url: &str) -> String {
    let u = url.trim().to_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.trim_end_matches('/');
    u.strip_suffix(".git").unwrap_or(u).to_string()
}

/// The slug of a name, for the id of an imported tool.
fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "item".into() } else { s }
}

/// The id of an imported item: the slug of its name, else (a name with no Latin letters or
/// digits, such as `飞书`) of its repository's last path part or its homepage's host.
fn item_slug(item: &Item) -> String {
    let from_url = |u: &Option<String>, last_part: bool| {
        let u = normalize_url(u.as_deref()?);
        let part = if last_part {
            u.rsplit('/').next()?
        } else {
            u.split('/').next()?
        };
        Some(slug(part)).filter(|s| s != "item")
    };
    Some(slug(&item.name))
        .filter(|s| s != "item")
        .or_else(|| from_url(&item.repo, true))
        .or_else(|| from_url(&item.homepage, false))
        .unwrap_or_else(|| "landscape-item".into())
}

/// Where each tool can be found by name, homepage and repository.
#[derive(Default)]
struct Lookup {
    name: FastMap<String, usize>,
    homepage: FastMap<String, usize>,
    repo: FastMap<String, usize>,
}

impl Lookup {
    fn add(&mut self, t: &Tool, i: usize) {
        self.name.entry(normalize_name(&t.name)).or_insert(i);
        self.homepage.entry(normalize_url(&t.homepage)).or_insert(i);
        if let Some(r) = &t.repo {
            self.repo.entry(normalize_url(r)).or_insert(i);
        }
    }

    fn find(&self, item: &Item) -> Option<usize> {
        self.name
            .get(&normalize_name(&item.name))
            .or_else(|| {
                item.homepage
                    .as_ref()
                    .and_then(|h| self.homepage.get(&normalize_url(h)))
            })
            .or_else(|| {
                item.repo
                    .as_ref()
                    .and_then(|r| self.repo.get(&normalize_url(r)))
            })
            .copied()
    }
}

/// Merges a parsed landscape into a copy of `catalog`. The input catalogue is not changed.
pub fn merge(
    catalog: &Catalog,
    landscape: &Landscape,
    map: &LandscapeMap,
) -> (Catalog, ImportReport) {
    let mut tools: Vec<Tool> = catalog.tools().to_vec();
    let mut lookup = Lookup::default();
    for (i, t) in tools.iter().enumerate() {
        lookup.add(t, i);
    }
    let mut ids: FastMap<String, usize> = tools
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    let mut report = ImportReport {
        items: landscape.items.len(),
        ..ImportReport::default()
    };
    for (cat, sub, n) in &landscape.subcategories {
        let entry = SubcategoryCount {
            category: cat.clone(),
            subcategory: sub.clone(),
            items: *n,
        };
        match map.rule(cat, sub) {
            Some(Rule::Map { .. }) => {}
            Some(Rule::Skip { .. }) => {
                report.skipped_items += n;
                report.skipped.push(entry);
            }
            None => {
                report.unmapped_items += n;
                report.unmapped.push(entry);
            }
        }
    }
    // Items come grouped by subcategory: look each rule up once per group.
    let mut rule: Option<(&str, &str, Option<Rule>)> = None;
    for item in &landscape.items {
        let same = rule
            .as_ref()
            .is_some_and(|(c, s, _)| *c == item.category && *s == item.subcategory);
        if !same {
            rule = Some((
                &item.category,
                &item.subcategory,
                map.rule(&item.category, &item.subcategory),
            ));
        }
        let Some((_, _, Some(Rule::Map { stages, category }))) = &rule else {
            continue;
        };
        if item.name.trim().is_empty() {
            report.nameless += 1;
            continue;
        }
        let category = category.clone();
        // Listed elsewhere too: those stages count as well.
        let mut stages = stages.clone();
        for (c, s) in &item.also_in {
            if let Some(Rule::Map { stages: more, .. }) = map.rule(c, s) {
                for st in more {
                    if !stages.contains(&st) {
                        stages.push(st);
                    }
                }
            }
        }
        if let Some(i) = lookup.find(item) {
            report.merged += 1;
            let t = &mut tools[i];
            if t.is_imported() {
                for st in stages {
                    if !t.stages.contains(&st) {
                        t.stages.push(st);
                    }
                }
            } else {
                report.filled += fill(t, item);
            }
            continue;
        }
        let tool = imported_tool(item, stages, category, &ids);
        let i = tools.len();
        ids.insert(tool.id.clone(), i);
        lookup.add(&tool, i);
        tools.push(tool);
        report.imported += 1;
    }
    (Catalog::new(tools, catalog.categories()), report)
}

fn cncf_maturity(project: Option<&str>) -> Option<Maturity> {
    match project? {
        p @ ("sandbox" | "incubating" | "graduated" | "archived") => Maturity::parse(p),
        _ => None,
    }
}

/// The licence of an item if it is a valid SPDX expression, with its class when certain.
fn item_license(item: &Item) -> Option<(String, Option<super::LicenseClass>)> {
    let l = item.license.as_deref()?;
    let kind = spdx::parse(l).ok()?;
    let classes = spdx::allowed_classes(kind);
    Some((l.to_string(), (classes.len() == 1).then(|| classes[0])))
}

/// Fills the missing fields of a built-in tool from an item; returns how many it filled.
fn fill(t: &mut Tool, item: &Item) -> usize {
    let mut filled = Vec::new();
    if t.maturity.is_none()
        && let Some(m) = cncf_maturity(item.project.as_deref())
    {
        t.maturity = Some(m);
        filled.push("maturity".to_string());
    }
    if t.repo.is_none()
        && let Some(r) = item.repo.as_ref().filter(|r| r.starts_with("https://"))
    {
        t.repo = Some(r.clone());
        filled.push("repo".to_string());
    }
    if t.license.is_none()
        && let Some((l, class)) = item_license(item)
        && (class.is_some() || t.license_class.is_some())
        && t.license_class.is_none_or(|c| class.is_none_or(|k| k == c))
    {
        t.license = Some(l);
        filled.push("license".to_string());
        if t.license_class.is_none() {
            t.license_class = class;
            filled.push("license_class".to_string());
        }
    }
    let n = filled.len();
    if t.landscape.is_none() {
        t.landscape = Some(LandscapeRef {
            category: item.category.clone(),
            subcategory: item.subcategory.clone(),
            filled,
        });
    } else if let Some(l) = &mut t.landscape {
        l.filled.extend(filled);
    }
    n
}

fn imported_tool(
    item: &Item,
    stages: Vec<String>,
    category: String,
    ids: &FastMap<String, usize>,
) -> Tool {
    let base = item_slug(item);
    let mut id = base.clone();
    let mut n = 2;
    while ids.contains_key(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let (summary, fallback) = match &item.description {
        Some(d) => (
            Localized {
                en: d.clone(),
                ko: d.clone(),
            },
            true,
        ),
        None => (
            Localized {
                en: format!(
                    "Listed in the CNCF landscape under {} / {}.",
                    item.category, item.subcategory
                ),
                ko: format!(
                    "CNCF 랜드스케이프의 {} / {} 항목에 있는 도구입니다.",
                    item.category, item.subcategory
                ),
            },
            false,
        ),
    };
    let (license, license_class) = match item_license(item) {
        Some((l, c)) => (Some(l), c),
        None => (None, None),
    };
    Tool {
        id,
        name: item.name.clone(),
        aliases: Vec::new(),
        primary_stage: stages[0].clone(),
        stages,
        category,
        summary,
        summary_ko_fallback: fallback,
        license,
        license_class,
        pricing: None,
        hosting: Vec::new(),
        clouds: Vec::new(),
        ecosystems: Vec::new(),
        maturity: cncf_maturity(item.project.as_deref()),
        status: None,
        end_of_life: None,
        verified: None,
        homepage: item
            .homepage
            .clone()
            .or_else(|| item.repo.clone())
            .unwrap_or_default(),
        repo: item.repo.clone(),
        alternatives: Vec::new(),
        integrates_with: Vec::new(),
        requires: Vec::new(),
        good_for: Localized::default(),
        not_for: Localized::default(),
        tags: Vec::new(),
        source: Source::Landscape,
        landscape: Some(LandscapeRef {
            category: item.category.clone(),
            subcategory: item.subcategory.clone(),
            filled: Vec::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_names_and_urls() {
        assert_eq!(normalize_name("Argo CD"), normalize_name("argo-cd"));
        assert_eq!(normalize_url("https://www.Jenkins.io/"), "jenkins.io");
        assert_eq!(normalize_url("http://jenkins.io"), "jenkins.io");
        assert_eq!(
            normalize_url("https://github.com/a/b.git"),
            normalize_url("https://github.com/a/b/")
        );
    }

    #[test]
    fn slugs_for_imported_ids() {
        assert_eq!(
            slug("CDK for Kubernetes (CDK8s)"),
            "cdk-for-kubernetes-cdk8s"
        );
        assert_eq!(slug("  Harness.io "), "harness-io");
        assert_eq!(slug("飞书"), "item");
        let item = |name: &str, homepage: Option<&str>, repo: Option<&str>| Item {
            category: "c".into(),
            subcategory: "s".into(),
            name: name.into(),
            homepage: homepage.map(String::from),
            repo: repo.map(String::from),
            description: None,
            project: None,
            license: None,
            also_in: Vec::new(),
        };
        let feishu = |repo| item("飞书", Some("https://www.feishu.cn/"), repo);
        assert_eq!(
            item_slug(&feishu(Some("https://github.com/larksuite/oapi-sdk-go"))),
            "oapi-sdk-go"
        );
        assert_eq!(item_slug(&feishu(None)), "feishu-cn");
        assert_eq!(item_slug(&item("飞书", None, None)), "landscape-item");
        assert_eq!(item_slug(&item("Argo CD", None, None)), "argo-cd");
    }

    #[test]
    fn imported_ids_never_collide() {
        use crate::catalog::test_support::tool;
        let cat = Catalog::new(vec![tool("widget", "Widget Pro", &["build"])], &[]);
        let mut map = LandscapeMap::default();
        map.insert_rule(
            "C",
            "S",
            Rule::Map {
                stages: vec!["build".into()],
                category: "ci-cd".into(),
            },
        );
        let yaml = "landscape:\n  - category:\n    name: C\n    subcategories:\n      - subcategory:\n        name: S\n        items:\n          - item:\n            name: Widget\n            homepage_url: https://w.example.org/\n";
        let parsed = parse(yaml, "t.yml").unwrap();
        let (merged, report) = merge(&cat, &parsed, &map);
        assert_eq!(report.imported, 1);
        assert!(merged.get("widget-2").is_some_and(Tool::is_imported));
        assert_eq!(merged.get("widget").unwrap().name, "Widget Pro");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse("landscape:\n  - category:\n    name: [unclosed\n", "x.yml").unwrap_err();
        let LandscapeError::Parse { line, path, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(path, "x.yml");
        assert!(*line >= 3, "{err}");
        assert!(err.to_string().starts_with("x.yml:"));
    }
}
