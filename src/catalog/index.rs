//! The search index of a catalogue, built on its first search: per tool, the lowercased
//! haystacks of every searchable field, character masks that reject most tools before any
//! text is read, and the filter facets as bits (a filter never touches the tools).

use std::sync::OnceLock;

use super::image::{Reader, StrList};
use super::store::ToolImage;
pub(super) use super::text::Summary;
use super::text::{Hay, Joined, ToolTexts, mask_of};
use super::{Catalog, Cloud, Filter, Hosting, LicenseClass, Maturity, Source, Tool};
use crate::base::{Category, Lang};

/// The haystacks of one tool. Names are [name, id, aliases...].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Entry {
    /// The names and the tags, one text each ([`SearchIndex::names`] and `tags`): for a
    /// prebuilt index read from the image the first time a search looks at them (most
    /// searches rule a tool out by its joined texts and masks alone).
    hays: OnceLock<[Vec<Hay>; 2]>,
    /// Where the tool's record starts in the image (prebuilt index only).
    record: u32,
    pub(super) names_joined: Joined,
    pub(super) tags_joined: Joined,
    /// Index of the tool's category in the catalogue's categories (small: an entry is
    /// kept per tool, 100,000 of them for a big landscape).
    category: Option<u16>,

    pub(super) names_mask: u64,
    /// Tags and the category label, per language.
    pub(super) other_mask: [u64; 2],
    /// How central the tool is, before the query's stage: how many tools name it as an
    /// alternative, integration or requirement, and its maturity (see `search`).
    centrality: i32,
    /// The position of the tool's primary stage in the index's stages (`u8::MAX`: none).
    pub(super) primary: u8,
    facets: Facets,
}

impl Entry {
    /// Index of the tool's category in the catalogue's categories.
    pub(super) fn category(&self) -> Option<usize> {
        self.category.map(usize::from)
    }

    /// How central the tool is (see the field).
    pub(super) fn centrality(&self) -> i64 {
        i64::from(self.centrality)
    }
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
    /// Where the category labels' prepared texts start.
    pub(crate) categories_at: u32,
}

/// What the index takes from a tool: from a `Tool`, or read in place from an image.
#[derive(Debug, Clone)]
pub(super) struct Facts<'a> {
    pub(super) id: &'a str,
    pub(super) stages: Strs<'a>,
    pub(super) primary_stage: &'a str,
    pub(super) category: &'a str,
    pub(super) class: Option<LicenseClass>,
    /// Bits in `Hosting::ALL`'s and `Cloud::ALL`'s order.
    pub(super) hosting: u8,
    pub(super) clouds: u8,
    pub(super) maturity: Option<Maturity>,
    pub(super) source: Source,
    /// The ids it names as alternatives, integrations and requirements.
    pub(super) refs: [Strs<'a>; 3],
}

impl<'a> Facts<'a> {
    fn of(t: &'a Tool) -> Facts<'a> {
        Facts {
            id: &t.id,
            stages: Strs::Tool(t.stages.iter()),
            primary_stage: &t.primary_stage,
            category: &t.category,
            class: t.license_class,
            hosting: t.hosting.iter().fold(0, |m, h| m | bit(Hosting::ALL, h)),
            clouds: t.clouds.iter().fold(0, |m, c| m | bit(Cloud::ALL, c)),
            maturity: t.maturity,
            source: t.source,
            refs: [&t.alternatives, &t.integrates_with, &t.requires].map(|v| Strs::Tool(v.iter())),
        }
    }
}

/// A list of strings of a tool or of an image.
#[derive(Debug, Clone)]
pub(super) enum Strs<'a> {
    Tool(std::slice::Iter<'a, String>),
    Image(StrList<'a>),
}

impl<'a> Iterator for Strs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Strs::Tool(it) => it.next().map(String::as_str),
            Strs::Image(it) => it.next(),
        }
    }
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
    /// For a pre-built index: the image (each tool's names and tags are read from it on
    /// first use, see [`SearchIndex::names`]) and where each tool's summaries start in it.
    summary_image: Option<(&'static [u8], &'static str, Vec<u32>)>,
}

pub(super) fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ko => 1,
    }
}

pub(super) fn bit<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter().position(|x| x == v).map_or(0, |p| 1 << p)
}

/// A tool's texts as its entry takes them: the names and tags with where they are read
/// from (`u32::MAX`: already read), the joined texts and the masks.
struct EntryTexts {
    hays: (OnceLock<[Vec<Hay>; 2]>, u32),
    names_joined: Joined,
    tags_joined: Joined,
    names_mask: u64,
    tags_mask: u64,
}

impl SearchIndex {
    /// A tool's names (`[name, id, aliases...]`), read on first use in a prebuilt index.
    pub(super) fn names<'a>(&'a self, e: &'a Entry) -> &'a [Hay] {
        &self.hays(e)[0]
    }

    /// A tool's tags, read on first use in a prebuilt index.
    pub(super) fn tags<'a>(&'a self, e: &'a Entry) -> &'a [Hay] {
        &self.hays(e)[1]
    }

    /// The lists were walked when the index was made, so they read (`skip_lists` does
    /// the same reads without copying).
    fn hays<'a>(&'a self, e: &'a Entry) -> &'a [Vec<Hay>; 2] {
        e.hays.get_or_init(|| {
            (self.summary_image.as_ref())
                .and_then(|(image, text, _)| {
                    ToolTexts::decode_lists(&mut Reader::at(image, text, e.record as usize))
                })
                .unwrap_or_default()
        })
    }

    pub(crate) fn build(tools: &[Tool], categories: &[Category]) -> SearchIndex {
        let texts = par_map(tools, |t| {
            ToolTexts::new(
                &t.name,
                &t.id,
                t.aliases.iter().map(String::as_str),
                t.tags.iter().map(String::as_str),
            )
        });
        let facts = |i: usize| Some(Facts::of(&tools[i]));
        let mut texts = texts.into_iter().map(|x| EntryTexts {
            hays: (OnceLock::from([x.names, x.tags]), u32::MAX),
            names_joined: x.names_joined,
            tags_joined: x.tags_joined,
            names_mask: x.names_mask,
            tags_mask: x.tags_mask,
        });
        Self::assemble(tools.len(), facts, categories, None, |_| texts.next())
            .expect("facts and texts of tools in memory are always there")
    }

    /// The index from the tools and texts `build.rs` wrote, read in place; `None` when the
    /// image does not read (the caller then builds it).
    pub(crate) fn prebuilt(
        tools: &ToolImage,
        categories: &[Category],
        pre: &Prebuilt,
    ) -> Option<SearchIndex> {
        let n = tools.len();
        if pre.records.len() != n {
            return None;
        }
        // In a big catalogue the facts are read in place each time they are needed
        // (twice), and each tool's texts when its entry is made: at 100,000 tools,
        // gathering either first would hold another 15 to 20 MB.
        let mut summaries = Vec::with_capacity(n);
        let texts = |i: usize| {
            let record = pre.records[i];
            let mut r = Reader::at(pre.image, pre.text, record as usize);
            ToolTexts::skip_lists(&mut r)?;
            let (names_joined, tags_joined, names_mask, tags_mask) =
                ToolTexts::decode_head(&mut r)?;
            summaries.push(u32::try_from(r.pos()).ok()?);
            Some(EntryTexts {
                hays: (OnceLock::new(), record),
                names_joined,
                tags_joined,
                names_mask,
                tags_mask,
            })
        };
        // A small catalogue's facts are gathered (read once, not twice).
        let gathered = if n < PARALLEL_FROM {
            Some((0..n).map(|i| tools.facts(i)).collect::<Option<Vec<_>>>()?)
        } else {
            None
        };
        let facts = |i: usize| match &gathered {
            Some(all) => all.get(i).cloned(),
            None => tools.facts(i),
        };
        let cats = category_hays(pre, categories);
        let mut index = Self::assemble(n, facts, categories, cats, texts)?;
        index.summary_image = Some((pre.image, pre.text, summaries));
        Some(index)
    }

    fn assemble<'a>(
        n: usize,
        facts: impl Fn(usize) -> Option<Facts<'a>>,
        categories: &[Category],
        cats: Option<Vec<[Hay; 2]>>,
        mut texts: impl FnMut(usize) -> Option<EntryTexts>,
    ) -> Option<SearchIndex> {
        let cats: Vec<[Hay; 2]> = cats.unwrap_or_else(|| {
            (categories.iter())
                .map(|c| [Hay::new(&c.label.en), Hay::new(&c.label.ko)])
                .collect()
        });
        let mut refs: super::text::FastMap<&str, i64> = Default::default();
        let mut stages: Vec<String> = Vec::new();
        for i in 0..n {
            let f = facts(i)?;
            for id in f.refs.into_iter().flatten() {
                *refs.entry(id).or_default() += 1;
            }
            for s in f.stages {
                if !stages.iter().any(|x| x == s) {
                    stages.push(s.to_string());
                }
            }
        }
        stages.truncate(64);
        let cat_masks: Vec<u64> = cats
            .iter()
            .map(|c| mask_of(&c[0].lower) | mask_of(&c[1].lower))
            .collect();
        let mut entries = Vec::with_capacity(n);
        for i in 0..n {
            let (f, x) = (facts(i)?, texts(i)?);
            let (hays, record) = x.hays;
            let category = (categories.iter().position(|c| c.id == f.category))
                .and_then(|c| u16::try_from(c).ok());
            let facets = Facets {
                stages: f.stages.fold(0, |m, s| {
                    m | stages.iter().position(|x| x == s).map_or(0, |p| 1u64 << p)
                }),
                class: f.class,
                hosting: f.hosting,
                clouds: f.clouds,
                source: Some(f.source),
            };
            entries.push(Entry {
                names_joined: x.names_joined,
                tags_joined: x.tags_joined,
                names_mask: x.names_mask,
                // Category labels count in both languages.
                other_mask: [x.tags_mask | category.map_or(0, |c| cat_masks[usize::from(c)]); 2],
                hays,
                record,
                category,
                centrality: (refs.get(f.id).copied().unwrap_or(0).min(20) * 10
                    + f.maturity.map_or(10, maturity_points)) as i32,
                primary: stages
                    .iter()
                    .position(|s| *s == f.primary_stage)
                    .map_or(u8::MAX, |p| p.min(254) as u8),
                facets,
            });
        }
        Some(SearchIndex {
            entries,
            categories: cats,
            stages,
            summaries: Default::default(),
            summary_image: None,
        })
    }

    /// The summaries of the catalogue's tools (the ones this index was built from) in a
    /// language slot.
    pub(super) fn summaries(&self, slot: usize, catalog: &Catalog) -> &[Summary] {
        self.summaries[slot].get_or_init(|| {
            if let Some((image, text, at)) = &self.summary_image {
                let read = (|| {
                    let mut v = Vec::with_capacity(at.len());
                    for &p in at {
                        let r = Reader::at(image, text, p as usize);
                        v.push(ToolTexts::decode_summary(r, slot)?);
                    }
                    Some(v)
                })();
                if let Some(v) = read.filter(|v| v.len() == catalog.len()) {
                    return v;
                }
            }
            let lang = if slot == 0 { Lang::En } else { Lang::Ko };
            par_map(catalog.tools(), |t| Summary::new(t.summary.get(lang)))
        })
    }
}

/// The category labels' prepared texts from the image, when it was written from these
/// categories.
fn category_hays(pre: &Prebuilt, categories: &[Category]) -> Option<Vec<[Hay; 2]>> {
    let mut r = Reader::at(pre.image, pre.text, pre.categories_at as usize);
    if r.count(8)? != categories.len() {
        return None;
    }
    let mut out = Vec::with_capacity(categories.len());
    for c in categories {
        let same = r.str()? == c.id && r.str()? == c.label.en && r.str()? == c.label.ko;
        if !same {
            return None;
        }
        out.push([Hay::decode(&mut r)?, Hay::decode(&mut r)?]);
    }
    Some(out)
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
        let cat = crate::catalog::test_support::builtin_from_image();
        let pre = cat
            .prebuilt
            .as_ref()
            .expect("the embedded catalogue has its image");
        let image = cat
            .image
            .as_ref()
            .expect("the tools are read from the image");
        let read = SearchIndex::prebuilt(image, cat.categories(), pre).expect("image reads");
        let tools = cat.tools();
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
        for e in &read.entries {
            read.names(e);
        }
        assert_eq!(read.entries.len(), built.entries.len());
        for (r, b) in read.entries.iter().zip(&built.entries) {
            assert_eq!(r.hays, b.hays);
            assert_eq!(
                (&r.names_joined, &r.tags_joined, r.names_mask, r.other_mask),
                (&b.names_joined, &b.tags_joined, b.names_mask, b.other_mask)
            );
            assert_eq!(
                (r.category, r.centrality, r.primary, r.facets),
                (b.category, b.centrality, b.primary, b.facets)
            );
        }
        assert!(category_hays(pre, cat.categories()).is_some());
        assert_eq!(read.categories, built.categories);
        assert_eq!(read.stages, built.stages);
        assert!(read.summary_image.is_some());
        for slot in 0..2 {
            assert_eq!(read.summaries(slot, &cat), built.summaries(slot, &cat));
        }
        // A cut image does not read, and the catalogue then builds its index.
        let cut = Prebuilt {
            image: &pre.image[..pre.records[tools.len() / 2] as usize + 3],
            ..pre.clone()
        };
        assert!(SearchIndex::prebuilt(image, cat.categories(), &cut).is_none());
        // Labels other than the image's are prepared at run time.
        let mut other = cat.categories().to_vec();
        other[0].label.en.push('!');
        assert!(category_hays(pre, &other).is_none());
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
