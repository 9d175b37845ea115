//! The search index of a catalogue, built on its first search: per tool, the lowercased
//! haystacks of every searchable field, character masks that reject most tools before any
//! text is read, and the filter facets as bits (a filter never touches the tools).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::image::Reader;
pub(super) use super::text::Summary;
use super::text::{Hay, Joined, ToolTexts, mask_of};
use super::{Cloud, Filter, Hosting, LicenseClass, Source, Tool};
use crate::base::{Category, Lang};

/// The haystacks of one tool. Names are [name, id, aliases...].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) names: Vec<Hay>,
    pub(super) tags: Vec<Hay>,
    pub(super) names_joined: Joined,
    pub(super) tags_joined: Joined,
    /// Index of the tool's category in the catalogue's categories.
    pub(super) category: Option<usize>,

    pub(super) names_mask: u64,
    /// Tags and the category label, per language.
    pub(super) other_mask: [u64; 2],
    /// How central the tool is, before the query's stage: how many tools name it as an
    /// alternative, integration or requirement, and its maturity (see `search`).
    pub(super) centrality: i64,
    /// The position of the tool's primary stage in the index's stages (`u8::MAX`: none).
    pub(super) primary: u8,
    facets: Facets,
}

/// What the filters look at, as bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Facets {
    stages: u64,
    class: Option<LicenseClass>,
    hosting: u8,
    clouds: u8,
    source: Option<Source>,
}

/// The search texts of a catalogue's tools as `build.rs` wrote them: the image and, per
/// tool (in catalogue order), where its record starts.
#[derive(Debug, Clone)]
pub(crate) struct Prebuilt {
    pub(crate) image: &'static [u8],
    pub(crate) text: &'static str,
    pub(crate) records: Vec<u32>,
}

/// The search haystacks of a catalogue.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    pub(super) entries: Vec<Entry>,
    /// Category labels per category, per language.
    pub(super) categories: Vec<[Hay; 2]>,
    /// Stage ids by bit position in `Facets::stages` (the first 64 stages).
    stages: Vec<String>,
    /// The summaries per language slot, prepared on the first search in that language
    /// (an English search never lowercases the Korean summaries).
    summaries: [OnceLock<Vec<Summary>>; 2],
    /// For a pre-built index: the image and where each tool's summaries start in it.
    summary_image: Option<(&'static [u8], &'static str, Vec<u32>)>,
}

pub(super) fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ko => 1,
    }
}

fn bit<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).map_or(0, |p| 1 << p)
}

impl SearchIndex {
    pub(crate) fn build(tools: &[Tool], categories: &[Category]) -> SearchIndex {
        let texts = par_map(tools, |t| {
            ToolTexts::new(
                &t.name,
                &t.id,
                t.aliases.iter().map(String::as_str),
                t.tags.iter().map(String::as_str),
            )
        });
        Self::assemble(tools, categories, texts, None)
    }

    /// The index from the texts `build.rs` computed; `None` when the image does not read
    /// (the caller then builds it).
    pub(crate) fn prebuilt(
        tools: &[Tool],
        categories: &[Category],
        pre: &Prebuilt,
    ) -> Option<SearchIndex> {
        if pre.records.len() != tools.len() {
            return None;
        }
        let mut texts = Vec::with_capacity(tools.len());
        let mut summaries = Vec::with_capacity(tools.len());
        for &at in &pre.records {
            let mut r = Reader::at(pre.image, pre.text, at as usize);
            texts.push(ToolTexts::decode(&mut r)?);
            summaries.push(u32::try_from(r.pos()).ok()?);
        }
        Some(Self::assemble(
            tools,
            categories,
            texts,
            Some((pre.image, pre.text, summaries)),
        ))
    }

    fn assemble(
        tools: &[Tool],
        categories: &[Category],
        texts: Vec<ToolTexts>,
        summary_image: Option<(&'static [u8], &'static str, Vec<u32>)>,
    ) -> SearchIndex {
        let cats: Vec<[Hay; 2]> = categories
            .iter()
            .map(|c| [Hay::new(&c.label.en), Hay::new(&c.label.ko)])
            .collect();
        let mut refs: HashMap<&str, i64> = HashMap::new();
        let mut stages: Vec<String> = Vec::new();
        for t in tools {
            for id in t
                .alternatives
                .iter()
                .chain(&t.integrates_with)
                .chain(&t.requires)
            {
                *refs.entry(id.as_str()).or_default() += 1;
            }
            for s in &t.stages {
                if !stages.contains(s) {
                    stages.push(s.clone());
                }
            }
        }
        stages.truncate(64);
        let cat_masks: Vec<u64> = cats
            .iter()
            .map(|c| mask_of(&c[0].lower) | mask_of(&c[1].lower))
            .collect();
        let entries = tools
            .iter()
            .zip(texts)
            .map(|(t, x)| {
                let category = categories.iter().position(|c| c.id == t.category);
                let facets = Facets {
                    stages: t.stages.iter().fold(0, |m, s| {
                        m | stages.iter().position(|x| x == s).map_or(0, |p| 1u64 << p)
                    }),
                    class: t.license_class,
                    hosting: t.hosting.iter().fold(0, |m, h| m | bit(Hosting::ALL, h)),
                    clouds: t.clouds.iter().fold(0, |m, c| m | bit(Cloud::ALL, c)),
                    source: Some(t.source),
                };
                Entry {
                    names_joined: x.names_joined,
                    tags_joined: x.tags_joined,
                    names_mask: x.names_mask,
                    // Category labels count in both languages.
                    other_mask: [x.tags_mask | category.map_or(0, |c| cat_masks[c]); 2],
                    names: x.names,
                    tags: x.tags,
                    category,
                    centrality: refs.get(t.id.as_str()).copied().unwrap_or(0).min(20) * 10
                        + t.maturity.map_or(10, maturity_points),
                    primary: stages
                        .iter()
                        .position(|s| *s == t.primary_stage)
                        .map_or(u8::MAX, |p| p.min(254) as u8),
                    facets,
                }
            })
            .collect();
        SearchIndex {
            entries,
            categories: cats,
            stages,
            summaries: Default::default(),
            summary_image,
        }
    }

    /// The summaries of `tools` (the ones this index was built from) in a language slot.
    pub(super) fn summaries(&self, slot: usize, tools: &[Tool]) -> &[Summary] {
        self.summaries[slot].get_or_init(|| {
            if let Some((image, text, at)) = &self.summary_image {
                let read: Option<Vec<Summary>> = at
                    .iter()
                    .map(|&p| ToolTexts::decode_summary(Reader::at(image, text, p as usize), slot))
                    .collect();
                if let Some(v) = read.filter(|v| v.len() == tools.len()) {
                    return v;
                }
            }
            let lang = if slot == 0 { Lang::En } else { Lang::Ko };
            par_map(tools, |t| Summary::new(t.summary.get(lang)))
        })
    }
}

/// Catalogues of at least this many tools prepare their texts on several threads (an
/// imported landscape of 100,000 items; the built-in catalogue reads its texts ready).
const PARALLEL_FROM: usize = 20_000;

/// `f` over every tool, in order: on one thread per core for big catalogues.
fn par_map<T: Send>(tools: &[Tool], f: impl Fn(&Tool) -> T + Sync) -> Vec<T> {
    let threads = if tools.len() >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(8))
    } else {
        1
    };
    if threads == 1 {
        return tools.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = tools
            .chunks(tools.len().div_ceil(threads))
            .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<T>>()))
            .collect();
        let mut out = Vec::with_capacity(tools.len());
        for h in handles {
            out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
    })
}

/// The maturity part of a tool's centrality.
fn maturity_points(m: super::Maturity) -> i64 {
    use super::Maturity::*;
    match m {
        Graduated => 30,
        Stable => 25,
        Incubating => 15,
        Sandbox => 5,
        Legacy => 2,
        Archived => 0,
    }
}

/// A [`Filter`] turned into bit tests on the index.
pub(super) struct CompiledFilter {
    any: bool,
    /// 0 = a stage no tool has: nothing matches.
    stage: Option<u64>,
    class: Option<LicenseClass>,
    unknown_class: bool,
    hosting: Option<u8>,
    /// The cloud's bit, and whether tools for `any` cloud match too.
    cloud: Option<(u8, bool)>,
    source: Option<Source>,
}

impl CompiledFilter {
    pub(super) fn new(f: &Filter, index: &SearchIndex) -> CompiledFilter {
        CompiledFilter {
            any: f.is_empty(),
            stage: f.stage.as_ref().map(|s| {
                index
                    .stages
                    .iter()
                    .position(|x| x == s)
                    .map_or(0, |p| 1u64 << p)
            }),
            class: f.license_class,
            unknown_class: f.license_unknown,
            hosting: f.hosting.map(|h| bit(Hosting::ALL, &h)),
            cloud: f.cloud.map(|c| (bit(Cloud::ALL, &c), c != Cloud::Any)),
            source: f.source,
        }
    }

    pub(super) fn matches(&self, e: &Entry) -> bool {
        if self.any {
            return true;
        }
        let f = &e.facets;
        let any_cloud = bit(Cloud::ALL, &Cloud::Any);
        self.stage.is_none_or(|s| f.stages & s != 0)
            && self.class.is_none_or(|c| f.class == Some(c))
            && (!self.unknown_class || f.class.is_none())
            && self.hosting.is_none_or(|h| f.hosting & h != 0)
            && self.cloud.is_none_or(|(c, with_any)| {
                f.clouds & c != 0 || (with_any && f.clouds & any_cloud != 0)
            })
            && self.source.is_none_or(|s| f.source == Some(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::test_support::tool;

    /// The index read from the image `build.rs` wrote is the one built from the tools,
    /// summaries included, in both languages.
    #[test]
    fn the_prebuilt_index_is_the_one_built_at_run_time() {
        let files = crate::base::ContentFiles::embedded();
        let categories = crate::base::load_categories(&mut crate::base::Sink::new(&files));
        let paths: Vec<&str> = (files.files.iter())
            .map(|f| f.path.as_str())
            .filter(|p| p.starts_with("tools/") && p.ends_with(".toml"))
            .collect();
        let cat = crate::catalog::load::load_embedded(&paths, &categories).expect("image reads");
        let pre = cat
            .prebuilt
            .as_ref()
            .expect("the embedded catalogue has its image");
        let tools = cat.tools();
        let read = SearchIndex::prebuilt(tools, cat.categories(), pre).expect("image reads");
        let built = SearchIndex::build(tools, cat.categories());
        assert_eq!(read.entries.len(), tools.len());
        // The threaded preparation gives the same texts in the same order.
        let many: Vec<Tool> = (0..PARALLEL_FROM / tools.len() + 1)
            .flat_map(|_| tools.iter().cloned())
            .collect();
        let summary = |t: &Tool| Summary::new(&t.summary.en);
        assert_eq!(
            par_map(&many, summary),
            many.iter().map(summary).collect::<Vec<_>>()
        );
        assert_eq!(read.entries, built.entries);
        assert!(read.summary_image.is_some());
        for slot in 0..2 {
            assert_eq!(read.summaries(slot, tools), built.summaries(slot, tools));
        }
        // A cut image does not read, and the catalogue then builds its index.
        let cut = Prebuilt {
            image: &pre.image[..pre.records[tools.len() / 2] as usize + 3],
            ..pre.clone()
        };
        assert!(SearchIndex::prebuilt(tools, cat.categories(), &cut).is_none());
    }

    /// The compiled filter agrees with `Filter::matches` on every combination.
    #[test]
    fn compiled_filters_agree_with_filter_matches() {
        let mut a = tool("a", "A", &["deploy", "operate"]);
        a.license_class = Some(LicenseClass::Oss);
        a.hosting = vec![Hosting::SelfHosted, Hosting::Managed];
        a.clouds = vec![Cloud::Any];
        let mut b = tool("b", "B", &["operate"]);
        b.license_class = Some(LicenseClass::Proprietary);
        b.hosting = vec![Hosting::Saas];
        b.clouds = vec![Cloud::Aws, Cloud::Gcp];
        b.source = Source::Landscape;
        let c = tool("c", "C", &["plan"]);
        let tools = vec![a, b, c];
        let index = SearchIndex::build(&tools, &[]);
        let stages = [
            None,
            Some("deploy"),
            Some("operate"),
            Some("plan"),
            Some("nope"),
        ];
        let classes = [
            None,
            Some(LicenseClass::Oss),
            Some(LicenseClass::Proprietary),
        ];
        let hostings = [
            None,
            Some(Hosting::Managed),
            Some(Hosting::Saas),
            Some(Hosting::Local),
        ];
        let clouds = [None, Some(Cloud::Any), Some(Cloud::Aws), Some(Cloud::Azure)];
        let sources = [None, Some(Source::Builtin), Some(Source::Landscape)];
        for st in stages {
            for cl in classes {
                for h in hostings {
                    for cd in clouds {
                        for (so, unknown) in sources.iter().flat_map(|s| [(*s, false), (*s, true)])
                        {
                            let f = Filter {
                                stage: st.map(String::from),
                                license_class: cl,
                                license_unknown: unknown,
                                hosting: h,
                                cloud: cd,
                                source: so,
                            };
                            let cf = CompiledFilter::new(&f, &index);
                            for (t, e) in tools.iter().zip(&index.entries) {
                                assert_eq!(cf.matches(e), f.matches(t), "{f:?} on {}", t.id);
                            }
                        }
                    }
                }
            }
        }
    }
}
