//! The tool catalogue: the `Tool` model, the `Catalog` (tools plus an id index and the
//! precomputed search haystacks), filters, fuzzy search and the CNCF landscape import.
//!
//! The catalogue is built from `content/tools/*.toml` by [`load`], on first use
//! (`Library::catalog`); `--landscape FILE` adds the items of a CNCF `landscape.yml`.
//! It stands on [`crate::base`] only. Nothing here knows about the terminal UI.

pub mod cache;
mod hangul;
pub(crate) mod image;
mod index;
pub mod landscape;
pub(crate) mod landscape_map;
pub(crate) mod load;
pub mod present;
pub mod search;
pub mod spdx;
mod store;
mod text;
mod yaml_limits;

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::base::{Category, Lang, Localized, closest};

pub use landscape::{ImportReport, LandscapeError};
pub use landscape_map::{LandscapeMap, Rule};
pub use search::{Field, Hit, Query, Ranked, Ranking, Searcher};

/// Declares a closed set of ids with their kebab-case names, for the enum-valued tool fields.
macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $id:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// What the value is called in messages (`licence class`, `hosting`, ...).
            pub const WHAT: &'static str = $what;

            /// The id used in TOML, JSON and on the command line.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.id() == s)
            }

            /// The ids, comma-separated, for messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.id()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

id_enum!(
    /// How the product is licensed as a whole.
    LicenseClass, "license_class" {
        Oss = "oss",
        OpenCore = "open-core",
        SourceAvailable = "source-available",
        Proprietary = "proprietary",
    }
);
id_enum!(
    /// What using it costs.
    Pricing, "pricing" { Free = "free", Freemium = "freemium", Paid = "paid" }
);
id_enum!(
    /// Who runs it.
    Hosting, "hosting" {
        SelfHosted = "self-hosted",
        Saas = "saas",
        Managed = "managed",
        Local = "local",
    }
);
id_enum!(
    /// The clouds it works with; `any` means every cloud.
    Cloud, "cloud" { Any = "any", Aws = "aws", Azure = "azure", Gcp = "gcp" }
);
id_enum!(
    /// The language ecosystems it is for; `any` means all of them.
    Ecosystem, "ecosystem" {
        Any = "any",
        Js = "js",
        Jvm = "jvm",
        Python = "python",
        Go = "go",
        Rust = "rust",
        Dotnet = "dotnet",
        Ruby = "ruby",
        Php = "php",
        Cpp = "cpp",
        Mobile = "mobile",
    }
);
id_enum!(
    /// CNCF project level, or else how alive the tool is.
    Maturity, "maturity" {
        Sandbox = "sandbox",
        Incubating = "incubating",
        Graduated = "graduated",
        Stable = "stable",
        Legacy = "legacy",
        Archived = "archived",
    }
);

id_enum!(
    /// Whether the tool is still alive; `end-of-life` comes with the date support ends.
    Status, "status" {
        Active = "active",
        Archived = "archived",
        Deprecated = "deprecated",
        EndOfLife = "end-of-life",
    }
);

id_enum!(
    /// Where a tool comes from: the built-in catalogue or a `--landscape` file.
    Source, "source" { Builtin = "builtin", Landscape = "landscape" }
);

/// Where a tool sits in the CNCF landscape, for imported tools and for built-in tools an
/// import merged into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LandscapeRef {
    /// The landscape category (`Provisioning`) and subcategory (`Container Registry`).
    pub category: String,
    pub subcategory: String,
    /// The fields the import filled in on a built-in tool (empty for imported tools).
    #[serde(default)]
    pub filled: Vec<String>,
}

/// One tool of the catalogue. Serialized as the documented JSON (`docs/JSON.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Every stage it serves (stage ids from `stages.toml`); the primary stage is one of them.
    pub stages: Vec<String>,
    pub primary_stage: String,
    /// A category id from `categories.toml`.
    pub category: String,
    pub summary: Localized<String>,
    /// True when `summary.ko` is the English text (imported tools have no Korean summary).
    pub summary_ko_fallback: bool,
    /// An SPDX expression, or `proprietary`; absent when not known for certain.
    pub license: Option<String>,
    pub license_class: Option<LicenseClass>,
    pub pricing: Option<Pricing>,
    pub hosting: Vec<Hosting>,
    pub clouds: Vec<Cloud>,
    pub ecosystems: Vec<Ecosystem>,
    pub maturity: Option<Maturity>,
    pub status: Option<Status>,
    /// With `status: end-of-life`: the day support ends (or ended).
    pub end_of_life: Option<jiff::civil::Date>,
    /// The day these facts were last checked against their sources.
    pub verified: Option<jiff::civil::Date>,
    pub homepage: String,
    pub repo: Option<String>,
    pub alternatives: Vec<String>,
    pub integrates_with: Vec<String>,
    pub requires: Vec<String>,
    pub good_for: Localized<Vec<String>>,
    pub not_for: Localized<Vec<String>>,
    pub tags: Vec<String>,
    pub source: Source,
    /// Set when a `--landscape` import created or enriched this tool.
    pub landscape: Option<LandscapeRef>,
}

impl Tool {
    pub fn is_imported(&self) -> bool {
        self.source == Source::Landscape
    }

    pub fn is_oss(&self) -> bool {
        self.license_class == Some(LicenseClass::Oss)
    }

    /// True when the tool works with a cloud (`any` works with every cloud).
    pub fn works_with(&self, cloud: Cloud) -> bool {
        self.clouds.contains(&cloud) || (cloud != Cloud::Any && self.clouds.contains(&Cloud::Any))
    }

    pub fn serves(&self, stage: &str) -> bool {
        self.stages.iter().any(|s| s == stage)
    }
}

/// Which tools to show. Every set field must match; `Filter::default()` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Tools that serve this stage (not only as their primary stage).
    pub stage: Option<String>,
    /// `Some(LicenseClass::Oss)` is the "open source only" filter.
    pub license_class: Option<LicenseClass>,
    /// Only tools whose licence is not given (the catalogue leaves out what it cannot check).
    pub license_unknown: bool,
    pub hosting: Option<Hosting>,
    /// Tools that work with this cloud; tools with `clouds = ["any"]` match every cloud.
    pub cloud: Option<Cloud>,
    pub source: Option<Source>,
}

impl Filter {
    pub fn matches(&self, tool: &Tool) -> bool {
        self.stage.as_deref().is_none_or(|s| tool.serves(s))
            && self
                .license_class
                .is_none_or(|c| tool.license_class == Some(c))
            && (!self.license_unknown || tool.license_class.is_none())
            && self.hosting.is_none_or(|h| tool.hosting.contains(&h))
            && self.cloud.is_none_or(|c| tool.works_with(c))
            && self.source.is_none_or(|s| tool.source == s)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// The tools, sorted by name, with an id index and the search haystacks (built on the
/// first search: listing, showing and the advisor do not need them).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The tools; for the built-in catalogue, read from its image on the first call that
    /// needs them all (`tools()`).
    tools: OnceLock<Vec<Tool>>,
    /// The built-in catalogue's image, from which `tool(i)` reads only the tools asked for.
    image: Option<store::ToolImage>,
    len: usize,
    imported: usize,
    /// Tool ids (borrowed from the image for an image's tools) to positions.
    index: text::FastMap<std::borrow::Cow<'static, str>, usize>,
    categories: Vec<Category>,
    search: OnceLock<index::SearchIndex>,
    /// The search texts `build.rs` computed for these tools (the built-in catalogue).
    prebuilt: Option<index::Prebuilt>,
}

impl Catalog {
    /// How central a tool is (its maturity and how many tools name it as alternative,
    /// integration or requirement): the tie-break of search and of the advisor.
    pub fn centrality(&self, index: usize) -> i64 {
        self.search_index()
            .entries
            .get(index)
            .map_or(0, index::Entry::centrality)
    }

    /// Builds a catalogue: sorts the tools by name (case-insensitive, then id) and indexes
    /// their ids. Later tools with a duplicate id are dropped.
    pub fn new(tools: Vec<Tool>, categories: &[Category]) -> Catalog {
        // Sort small keys, then put the tools in that order in place (a tool is large to
        // move around, and a second vector of 100,000 tools would double the memory).
        let mut tools = tools;
        let mut keys: Vec<(String, usize)> = tools
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.to_lowercase(), i))
            .collect();
        keys.sort_by(|(a, ia), (b, ib)| a.cmp(b).then_with(|| tools[*ia].id.cmp(&tools[*ib].id)));
        let mut index = text::FastMap::default();
        index.reserve(keys.len());
        let mut kept = Vec::with_capacity(keys.len());
        let mut dropped = Vec::new();
        for (_, i) in keys {
            if index.contains_key(tools[i].id.as_str()) {
                dropped.push(i);
            } else {
                index.insert(tools[i].id.clone().into(), kept.len());
                kept.push(i);
            }
        }
        let mut perm = kept.clone();
        perm.extend(dropped);
        permute(&mut tools, &perm);
        tools.truncate(kept.len());
        Catalog {
            len: tools.len(),
            imported: tools.iter().filter(|t| t.is_imported()).count(),
            tools: OnceLock::from(tools),
            image: None,
            index,
            categories: categories.to_vec(),
            search: OnceLock::new(),
            prebuilt: None,
        }
    }

    /// The built-in catalogue from its image, whose tools `build.rs` wrote in catalogue
    /// order; `None` when they are not in that order or an id is there twice (the caller
    /// then loads the tool files).
    pub(crate) fn from_image(
        image: store::ToolImage,
        categories: &[Category],
        prebuilt: index::Prebuilt,
        imported: usize,
    ) -> Option<Catalog> {
        let n = image.len();
        let mut index = text::FastMap::default();
        index.reserve(n);
        let lower = |s: &'static str| s.chars().flat_map(char::to_lowercase);
        let checked = image.kind() == store::Kind::Cached;
        let mut last: Option<(&str, &str)> = None;
        for i in 0..n {
            let mut r = image.reader(i);
            let (id, name) = (r.str()?, r.str()?);
            // The built-in image's order is checked by the test suite (every tool read
            // from it equals the checked loader's at the same place); a cache's here.
            if let Some((last_id, last_name)) = last.filter(|_| checked) {
                let order = lower(last_name).cmp(lower(name)).then(last_id.cmp(id));
                if order != std::cmp::Ordering::Less {
                    return None;
                }
            }
            last = Some((id, name));
            if index.insert(id.into(), i).is_some() {
                return None;
            }
        }
        Some(Catalog {
            tools: OnceLock::new(),
            image: Some(image),
            len: n,
            imported,
            index,
            categories: categories.to_vec(),
            search: OnceLock::new(),
            prebuilt: Some(prebuilt),
        })
    }

    /// The search haystacks, built on first use.
    fn search_index(&self) -> &index::SearchIndex {
        self.search.get_or_init(|| {
            (self.image.as_ref().zip(self.prebuilt.as_ref()))
                .and_then(|(t, p)| index::SearchIndex::prebuilt(t, &self.categories, p))
                .unwrap_or_else(|| index::SearchIndex::build(self.tools(), &self.categories))
        })
    }

    /// Every tool, sorted by name.
    pub fn tools(&self) -> &[Tool] {
        self.tools
            .get_or_init(|| (self.image.as_ref()).map_or_else(Vec::new, store::ToolImage::all))
    }

    /// The tool at a position of `tools()` (what `Hit::index` refers to). For the built-in
    /// catalogue only this tool is read from the image. Panics when out of range, as
    /// `tools()[i]` does.
    pub fn tool(&self, i: usize) -> &Tool {
        match (self.tools.get(), &self.image) {
            (None, Some(image)) => image.get(i),
            _ => &self.tools()[i],
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, id: &str) -> Option<&Tool> {
        self.index.get(id).map(|&i| self.tool(i))
    }

    /// The position of a tool in `tools()` (what `Hit::index` refers to).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// A tool by id, or else by a name or alias that only one tool has (case-insensitive).
    pub fn resolve(&self, wanted: &str) -> Option<&Tool> {
        if let Some(t) = self.get(wanted) {
            return Some(t);
        }
        let w = wanted.trim().to_lowercase();
        let mut found = self.tools().iter().filter(|t| {
            t.name.to_lowercase() == w || t.aliases.iter().any(|a| a.to_lowercase() == w)
        });
        match (found.next(), found.next()) {
            (Some(t), None) => Some(t),
            _ => None,
        }
    }

    /// The tools that serve a stage: those whose primary stage it is first, then the
    /// others; each group by name.
    pub fn tools_for_stage(&self, stage: &str) -> Vec<&Tool> {
        let mut v: Vec<&Tool> = self.tools().iter().filter(|t| t.serves(stage)).collect();
        // `tools` is sorted by name already and the sort is stable.
        v.sort_by_key(|t| t.primary_stage != stage);
        v
    }

    /// The tools a filter lets through, by name.
    pub fn filtered<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Tool> + 'a {
        self.tools().iter().filter(move |t| filter.matches(t))
    }

    /// Tool ids closest to `id` (edit distance, prefix, substring), best first.
    pub fn closest_ids(&self, id: &str) -> Vec<String> {
        closest(id, self.tools().iter().map(|t| t.id.as_str()), 3)
    }

    /// The label of a category id in a language (the id itself when unknown).
    pub fn category_label<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.label.get(lang).as_str())
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// How many tools came from a `--landscape` import.
    pub fn imported_count(&self) -> usize {
        self.imported
    }

    /// The tools, to rebuild a catalogue with more of them.
    pub fn into_tools(self) -> Vec<Tool> {
        self.tools();
        self.tools.into_inner().unwrap_or_default()
    }

    /// Fuzzy search (see [`Searcher`]); a convenience for one-off searches.
    pub fn search(&self, query: &Query, lang: Lang, limit: usize) -> Vec<Hit> {
        Searcher::new(self).search(query, lang, limit)
    }
}

/// Reorders `v` in place so that `v[k]` becomes the old `v[perm[k]]` (`perm` is a
/// permutation of the positions), by following its cycles with swaps.
fn permute<T>(v: &mut [T], perm: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut j = start;
        while !done[j] {
            done[j] = true;
            let p = perm[j];
            if p == start {
                break;
            }
            v.swap(j, p);
            j = p;
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// The built-in catalogue, read as `tools search` reads it (from the compiled image).
    pub fn builtin_from_image() -> Catalog {
        let files = crate::base::ContentFiles::embedded();
        let categories = crate::base::load_categories(&mut crate::base::Sink::new(&files));
        let paths: Vec<&str> = (files.files.iter())
            .map(|f| f.path.as_str())
            .filter(|p| p.starts_with("tools/") && p.ends_with(".toml"))
            .collect();
        super::load::load_embedded(&paths, &categories).expect("image reads")
    }

    /// A minimal tool for unit tests.
    pub fn tool(id: &str, name: &str, stages: &[&str]) -> Tool {
        Tool {
            id: id.into(),
            name: name.into(),
            aliases: vec![],
            stages: stages.iter().map(|s| s.to_string()).collect(),
            primary_stage: stages[0].into(),
            category: "ci-cd".into(),
            summary: Localized {
                en: format!("{name} summary"),
                ko: format!("{name} 요약"),
            },
            summary_ko_fallback: false,
            license: None,
            license_class: None,
            pricing: None,
            hosting: vec![],
            clouds: vec![],
            ecosystems: vec![],
            maturity: None,
            status: None,
            end_of_life: None,
            verified: None,
            homepage: format!("https://{id}.example.org/"),
            repo: None,
            alternatives: vec![],
            integrates_with: vec![],
            requires: vec![],
            good_for: Localized::default(),
            not_for: Localized::default(),
            tags: vec![],
            source: Source::Builtin,
            landscape: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::tool;
    use super::*;

    #[test]
    fn permute_follows_every_cycle() {
        let perm = [3, 0, 4, 1, 2, 5];
        let mut v = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        let want: Vec<char> = perm.iter().map(|&p| v[p]).collect();
        permute(&mut v, &perm);
        assert_eq!(v, want);
    }

    #[test]
    fn enums_round_trip_their_ids() {
        for h in Hosting::ALL {
            assert_eq!(Hosting::parse(h.id()), Some(*h));
        }
        assert_eq!(LicenseClass::OpenCore.id(), "open-core");
        assert_eq!(
            serde_json::to_string(&Hosting::SelfHosted).unwrap(),
            "\"self-hosted\""
        );
        assert_eq!(Maturity::parse("graduated"), Some(Maturity::Graduated));
        assert_eq!(Cloud::parse("ibm"), None);
    }

    #[test]
    fn catalog_sorts_indexes_and_drops_duplicate_ids() {
        let cat = Catalog::new(
            vec![
                tool("b", "beta", &["build"]),
                tool("a", "Alpha", &["deploy", "build"]),
                tool("b", "Beta again", &["build"]),
            ],
            &[],
        );
        let names: Vec<&str> = cat.tools().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "beta"]);
        assert_eq!(cat.get("b").unwrap().name, "beta");
        assert_eq!(cat.position("b"), Some(1));
        // Primary-stage tools first.
        let build: Vec<&str> = cat
            .tools_for_stage("build")
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(build, ["b", "a"]);
        assert_eq!(cat.closest_ids("bb")[0], "b");
    }

    #[test]
    fn filters_compose() {
        let mut k = tool("k", "K", &["deploy", "operate"]);
        k.license_class = Some(LicenseClass::Oss);
        k.hosting = vec![Hosting::SelfHosted, Hosting::Managed];
        k.clouds = vec![Cloud::Any];
        let mut e = tool("e", "E", &["operate"]);
        e.license_class = Some(LicenseClass::Proprietary);
        e.hosting = vec![Hosting::Managed];
        e.clouds = vec![Cloud::Aws];
        let cat = Catalog::new(vec![k, e], &[]);
        let ids = |f: Filter| cat.filtered(&f).map(|t| t.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(Filter::default()), ["e", "k"]);
        let aws = Filter {
            cloud: Some(Cloud::Aws),
            ..Filter::default()
        };
        assert_eq!(ids(aws.clone()), ["e", "k"], "`any` works with every cloud");
        assert_eq!(
            ids(Filter {
                cloud: Some(Cloud::Gcp),
                ..Filter::default()
            }),
            ["k"]
        );
        assert_eq!(
            ids(Filter {
                license_class: Some(LicenseClass::Oss),
                ..aws.clone()
            }),
            ["k"]
        );
        assert_eq!(
            ids(Filter {
                stage: Some("deploy".into()),
                hosting: Some(Hosting::Managed),
                ..Filter::default()
            }),
            ["k"]
        );
        assert!(
            ids(Filter {
                stage: Some("plan".into()),
                ..Filter::default()
            })
            .is_empty()
        );
    }

    #[test]
    fn resolve_accepts_unique_names_and_aliases() {
        let mut k = tool("kubernetes", "Kubernetes", &["deploy"]);
        k.aliases = vec!["k8s".into(), "쿠버네티스".into()];
        let cat = Catalog::new(vec![k], &[]);
        assert_eq!(cat.resolve("K8S").unwrap().id, "kubernetes");
        assert_eq!(cat.resolve("쿠버네티스").unwrap().id, "kubernetes");
        assert!(cat.resolve("k9s").is_none());
    }
}
