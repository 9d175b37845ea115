//! Loading and validating `advisor.toml`. Every problem is reported with its file, line
//! and column; a key with a problem keeps the shipped value, so the advisor still works.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;
use toml::Spanned;

use super::profile::{Choice, CloudPref, CodeHost, TeamSize};
use super::weights::{Hard, WEIGHT_RANGE, WEIGHTS_VERSION, Weight, Weights};
use crate::base::{Category, ContentFiles, Sink, SourceFile, Stage, closest};
use crate::catalog::{Catalog, LicenseClass};

/// Where the rules live in a content folder.
pub const ADVISOR_FILE: &str = "advisor.toml";

const BUILTIN: &str = include_str!("../../content/advisor.toml");

type S = Spanned<String>;
type Table<V> = BTreeMap<S, V>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: Spanned<i64>,
    hard: Option<Spanned<Table<Spanned<bool>>>>,
    license: Option<RawLicense>,
    weights: Option<Spanned<Table<Spanned<i64>>>>,
    #[serde(rename = "core-jobs", default)]
    core_jobs: Table<Vec<S>>,
    #[serde(rename = "code-host")]
    code_host: Option<RawCodeHost>,
    cloud: Option<RawCloud>,
    containers: Option<RawContainers>,
    #[serde(rename = "team-words", default)]
    team_words: Table<Vec<S>>,
    #[serde(default)]
    provides: Table<Vec<S>>,
    ecosystem: Option<RawEcosystem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEcosystem {
    #[serde(rename = "language-tied")]
    language_tied: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLicense {
    #[serde(rename = "open-source")]
    open_source: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodeHost {
    category: S,
    tools: Table<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCloud {
    tools: Table<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContainers {
    kubernetes: S,
    categories: Vec<S>,
}

/// The shipped rules (parsed once; the content lint checks they have no problem).
pub(super) fn builtin() -> Weights {
    static BUILT: OnceLock<Weights> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let files = ContentFiles {
                root: "content".into(),
                files: vec![SourceFile {
                    path: ADVISOR_FILE.into(),
                    text: BUILTIN.into(),
                }],
                unreadable: Vec::new(),
            };
            let mut sink = Sink::new(&files);
            parse(&mut sink, &files.files[0], Weights::default(), None)
        })
        .clone()
}

/// What the ids of `advisor.toml` are checked against.
pub(crate) struct Known<'a> {
    pub stages: &'a [Stage],
    pub categories: &'a [Category],
    pub catalog: &'a Catalog,
}

/// Loads `advisor.toml` of a content folder, checking its stage, category and tool ids
/// against `known` when given (the shipped file's ids are checked by the test suite).
/// A folder without the file gets the shipped rules.
pub(crate) fn load_weights(sink: &mut Sink, known: Option<Known>) -> Weights {
    let Some(file) = sink.files().get(ADVISOR_FILE) else {
        return builtin();
    };
    let refs = known.map(|k| Refs {
        stages: k.stages.iter().map(|s| s.id.as_str()).collect(),
        categories: k.categories.iter().map(|c| c.id.as_str()).collect(),
        catalog: k.catalog,
    });
    parse(sink, file, builtin(), refs.as_ref())
}

/// What ids in the file may name.
struct Refs<'a> {
    stages: HashSet<&'a str>,
    categories: HashSet<&'a str>,
    catalog: &'a Catalog,
}

struct Check<'s, 'a> {
    sink: &'s mut Sink<'a>,
    file: &'s SourceFile,
    refs: Option<&'s Refs<'s>>,
}

impl Check<'_, '_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        self.sink.at(self.file, offset, message);
    }

    fn unknown_key(&mut self, key: &S, what: &str, known: &[&str]) {
        let near = closest(key.get_ref(), known.iter().copied(), 1);
        let hint = match near.first() {
            Some(n) => self.sink.say(|c| &c.did_you_mean, &[("near", n)]),
            None => self
                .sink
                .say(|c| &c.expected_one_of, &[("known", &known.join(", "))]),
        };
        let m = self.sink.say(
            |c| &c.unknown_named,
            &[("what", &what), ("id", key.get_ref()), ("hint", &hint)],
        );
        self.at(key.span().start, m);
    }

    fn stage(&mut self, s: &S) -> bool {
        let Some(refs) = self.refs else { return true };
        let ok = refs.stages.contains(s.get_ref().as_str());
        if !ok {
            let m = self.sink.say(|c| &c.unknown_stage, &[("id", s.get_ref())]);
            self.at(s.span().start, m);
        }
        ok
    }

    fn category(&mut self, s: &S) -> bool {
        let Some(refs) = self.refs else { return true };
        let ok = refs.categories.contains(s.get_ref().as_str());
        if !ok {
            let near = closest(s.get_ref(), refs.categories.iter().copied(), 1);
            let hint = near
                .first()
                .map(|n| self.sink.say(|c| &c.did_you_mean, &[("near", n)]))
                .unwrap_or_default();
            let m = self.sink.say(
                |c| &c.unknown_category_hint,
                &[("id", s.get_ref()), ("hint", &hint)],
            );
            self.at(s.span().start, m);
        }
        ok
    }

    fn tool(&mut self, s: &S) -> bool {
        let Some(refs) = self.refs else { return true };
        let ok = refs.catalog.get(s.get_ref()).is_some();
        if !ok {
            let near = refs.catalog.closest_ids(s.get_ref());
            let hint = near
                .first()
                .map(|n| self.sink.say(|c| &c.did_you_mean, &[("near", n)]))
                .unwrap_or_default();
            let m = self.sink.say(
                |c| &c.unknown_tool_hint,
                &[("id", s.get_ref()), ("hint", &hint)],
            );
            self.at(s.span().start, m);
        }
        ok
    }
}

fn parse(sink: &mut Sink, file: &SourceFile, base: Weights, refs: Option<&Refs>) -> Weights {
    let Some(raw) = sink.parse::<Raw>(file, &file.text, 0) else {
        return base;
    };
    let mut c = Check { sink, file, refs };
    let mut w = base;
    let version = *raw.version.get_ref();
    if version != WEIGHTS_VERSION {
        let why: fn(&crate::base::i18n::Check) -> &String = if version > WEIGHTS_VERSION {
            |c| &c.weights_version_newer
        } else {
            |c| &c.weights_version_unknown
        };
        let m = c.sink.say(
            why,
            &[("version", &version), ("expected", &WEIGHTS_VERSION)],
        );
        c.at(raw.version.span().start, m);
        return w;
    }
    check_hard(&mut c, &mut w, raw.hard);
    check_weights(&mut c, &mut w, raw.weights);
    if let Some(l) = raw.license {
        let mut classes = Vec::new();
        for s in &l.open_source {
            match LicenseClass::parse(s.get_ref()) {
                Some(class) if !classes.contains(&class) => classes.push(class),
                Some(_) => {
                    let m = c.sink.say(|c| &c.repeated, &[("id", s.get_ref())]);
                    c.at(s.span().start, m)
                }
                None => {
                    let m = c.sink.say(
                        |c| &c.unknown_license_class,
                        &[("id", s.get_ref()), ("known", &LicenseClass::expected())],
                    );
                    c.at(s.span().start, m)
                }
            }
        }
        if !classes.is_empty() {
            w.open_source = classes;
        }
    }
    let mut core_jobs = BTreeMap::new();
    for (stage, cats) in &raw.core_jobs {
        if c.stage(stage) {
            let ok: Vec<String> = cats
                .iter()
                .filter(|s| c.category(s))
                .map(|s| s.get_ref().clone())
                .collect();
            core_jobs.insert(stage.get_ref().clone(), ok);
        }
    }
    w.core_jobs = core_jobs;
    if let Some(h) = raw.code_host {
        if c.category(&h.category) {
            w.code_host_category = h.category.into_inner();
        }
        let what = c.sink.say(|c| &c.what_code_host, &[]);
        w.code_host_tools = choice_tools(&mut c, &h.tools, &what, &[CodeHost::Any]);
    }
    if let Some(cl) = raw.cloud {
        let what = c.sink.say(|c| &c.what_cloud, &[]);
        w.cloud_tools = choice_tools(
            &mut c,
            &cl.tools,
            &what,
            &[CloudPref::Any, CloudPref::OnPrem],
        );
    }
    if let Some(k) = raw.containers {
        if c.tool(&k.kubernetes) {
            w.kubernetes = k.kubernetes.into_inner();
        }
        w.container_categories = k
            .categories
            .iter()
            .filter(|s| c.category(s))
            .map(|s| s.get_ref().clone())
            .collect();
    }
    if let Some(e) = raw.ecosystem {
        w.language_tied = e
            .language_tied
            .iter()
            .filter(|s| c.category(s))
            .map(|s| s.get_ref().clone())
            .collect();
    }
    let what = c.sink.say(|c| &c.what_team_size, &[]);
    w.team_words = choice_table(&mut c, &raw.team_words, &what, &[TeamSize::Any])
        .into_iter()
        .map(|(size, words)| {
            let words = words
                .iter()
                .filter(|s| {
                    let t = s.get_ref();
                    let ok = !t.trim().is_empty() && *t == t.to_lowercase();
                    if !ok {
                        let m = c.sink.say(|c| &c.team_word, &[]);
                        c.at(s.span().start, m);
                    }
                    ok
                })
                .map(|s| s.get_ref().clone())
                .collect();
            (size, words)
        })
        .collect();
    let mut provides = BTreeMap::new();
    for (cat, tools) in &raw.provides {
        if c.category(cat) {
            let ok = tools
                .iter()
                .filter(|s| c.tool(s))
                .map(|s| s.get_ref().clone())
                .collect();
            provides.insert(cat.get_ref().clone(), ok);
        }
    }
    w.provides = provides;
    w
}

fn check_hard(c: &mut Check, w: &mut Weights, table: Option<Spanned<Table<Spanned<bool>>>>) {
    let known: Vec<&str> = Hard::ALL.iter().map(|h| h.id()).collect();
    let Some(table) = table else {
        let m = c.sink.say(|c| &c.hard_missing, &[]);
        c.at(0, m);
        return;
    };
    let at = table.span().start;
    let mut seen = HashSet::new();
    for (k, v) in table.get_ref() {
        match Hard::parse(k.get_ref()) {
            Some(h) => {
                seen.insert(h);
                w.set_hard(h, *v.get_ref());
            }
            None => {
                let what = c.sink.say(|c| &c.what_hard, &[]);
                c.unknown_key(k, &what, &known)
            }
        }
    }
    for h in Hard::ALL.iter().filter(|h| !seen.contains(h)) {
        let m = c.sink.say(|c| &c.hard_lacks, &[("id", &h.id())]);
        c.at(at, m);
    }
}

fn check_weights(c: &mut Check, w: &mut Weights, table: Option<Spanned<Table<Spanned<i64>>>>) {
    let known: Vec<&str> = Weight::ALL.iter().map(|w| w.id()).collect();
    let Some(table) = table else {
        let m = c.sink.say(|c| &c.weights_missing, &[]);
        c.at(0, m);
        return;
    };
    let at = table.span().start;
    let mut seen = HashSet::new();
    for (k, v) in table.get_ref() {
        let Some(weight) = Weight::parse(k.get_ref()) else {
            let what = c.sink.say(|c| &c.what_weight, &[]);
            c.unknown_key(k, &what, &known);
            continue;
        };
        seen.insert(weight);
        let value = *v.get_ref();
        if !WEIGHT_RANGE.contains(&value) {
            let m = c.sink.say(
                |c| &c.weight_out_of_range,
                &[
                    ("id", &weight.id()),
                    ("value", &value),
                    ("min", WEIGHT_RANGE.start()),
                    ("max", WEIGHT_RANGE.end()),
                ],
            );
            c.at(v.span().start, m);
            continue;
        }
        // In range, so it fits an i32.
        w.set(weight, value as i32);
    }
    for weight in Weight::ALL.iter().filter(|x| !seen.contains(x)) {
        let m = c.sink.say(|c| &c.weights_lacks, &[("id", &weight.id())]);
        c.at(at, m);
    }
}

/// A table keyed by the answers of a profile question (`github = ...`), without the
/// answers in `skip` ("don't care" has no tool).
fn choice_table<'t, C: Choice + Ord, V>(
    c: &mut Check,
    table: &'t Table<V>,
    what: &str,
    skip: &[C],
) -> BTreeMap<C, &'t V> {
    let known: Vec<&str> = C::ALL
        .iter()
        .filter(|x| !skip.contains(x))
        .map(|x| x.id())
        .collect();
    let mut out = BTreeMap::new();
    for (k, v) in table {
        match C::parse(k.get_ref()).filter(|x| !skip.contains(x)) {
            Some(choice) => {
                out.insert(choice, v);
            }
            None => c.unknown_key(k, what, &known),
        }
    }
    out
}

fn choice_tools<C: Choice + Ord>(
    c: &mut Check,
    table: &Table<S>,
    what: &str,
    skip: &[C],
) -> BTreeMap<C, String> {
    choice_table(c, table, what, skip)
        .into_iter()
        .filter(|(_, s)| c.tool(s))
        .map(|(k, s)| (k, s.get_ref().clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Weights, Vec<String>) {
        let files = ContentFiles {
            root: "x".into(),
            files: vec![SourceFile {
                path: ADVISOR_FILE.into(),
                text: text.to_string().into(),
            }],
            unreadable: Vec::new(),
        };
        let mut sink = Sink::new(&files);
        let w = parse(&mut sink, &files.files[0], builtin(), None);
        let problems = sink.problems.iter().map(|p| p.to_string()).collect();
        (w, problems)
    }

    #[test]
    fn the_shipped_rules_have_no_problem() {
        let (w, problems) = check(BUILTIN);
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(w.is_hard(Hard::OssRequired));
        assert!(!w.is_hard(Hard::Saas));
        assert_eq!(w.get(Weight::CoreJob), 25);
        assert_eq!(w.code_host_tool(CodeHost::Github), Some("github"));
        assert_eq!(w.cloud_tool(CloudPref::Gcp), Some("google-cloud"));
        assert!(w.is_core_job("build", "ci-cd"));
        assert_eq!(w, Weights::builtin());
    }

    #[test]
    fn unknown_keys_and_out_of_range_weights_are_reported_where_they_are() {
        let text = BUILTIN
            .replace("core-job = 25", "core-job = 250")
            .replace("legacy = -20", "legacy = -20\nlegasy = 3")
            .replace("saas = false", "saas = false\nsaas-only = true");
        let (w, problems) = check(&text);
        let line = |needle: &str| {
            text.lines()
                .position(|l| l.starts_with(needle))
                .map(|i| i + 1)
                .unwrap()
        };
        assert_eq!(
            problems,
            [
                format!(
                    "x/advisor.toml:{}:1: unknown hard constraint `saas-only` (did you mean `saas`?)",
                    line("saas-only")
                ),
                format!(
                    "x/advisor.toml:{}:12: weight `core-job` = 250 is out of range (-100 to 100)",
                    line("core-job")
                ),
                format!(
                    "x/advisor.toml:{}:1: unknown weight `legasy` (did you mean `legacy`?)",
                    line("legasy")
                ),
            ]
        );
        // A bad value keeps the shipped one.
        assert_eq!(w.get(Weight::CoreJob), 25);
    }

    #[test]
    fn newer_versions_and_missing_keys() {
        let (_, p) = check(&BUILTIN.replace("version = 1", "version = 2"));
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("version 2 is newer"), "{p:?}");
        let (_, p) = check(&BUILTIN.replace("free-tier = 3\n", ""));
        assert_eq!(p.len(), 1);
        assert!(p[0].ends_with("`[weights]` lacks `free-tier`"), "{p:?}");
        let (_, p) = check(&BUILTIN.replace("open-source = [\"oss\"]", "open-source = [\"free\"]"));
        assert!(p[0].contains("unknown license class `free`"), "{p:?}");
    }
}
