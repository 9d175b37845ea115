//! Fuzzy search over the catalogue with fuzzy-matcher's `SkimMatcherV2`.
//!
//! Ranking, best first:
//! 1. the field tier: name, id and aliases, then tags and the category label, then the
//!    summary in the current language;
//! 2. within a tier, the match quality: exact (ignoring case, spaces and hyphens), prefix,
//!    word start, substring, acronym (`gke`), a near miss by one or two edits (names
//!    only, `terrafrom`), scattered letters in order (`kuberntes`, queries of 4+ letters);
//!    a summary matches when it holds the query or each of its words;
//! 3. within a quality: for contiguous matches, earlier and in a shorter text; otherwise
//!    the matcher's score; plus a small bonus for the name over the id over an alias and
//!    for tools that many others name as alternative or integration;
//! 4. the name (the catalogue order), so equal scores always come out the same way.
//!
//! Speed: the lowercased haystacks are built once with the catalogue. Character masks,
//! bigram sets and one search over a tool's joined names (and tags) rule out most tools
//! without reading their texts; contiguous matches are scored without the matcher; when
//! the name tier alone fills `limit` the lower tiers are not searched; catalogues of
//! 20,000 tools or more are scanned on every core; texts and highlights are built only
//! for the hits returned ([`Searcher::rank`] then [`Searcher::hits`] for the rows shown).

use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

use super::index::{CompiledFilter, lang_slot};
use super::text::Prepared;
use super::{Catalog, Filter, Tool};
use crate::base::Lang;

/// What to search for: the text typed and the filters set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Query {
    pub text: String,
    pub filter: Filter,
}

impl Query {
    pub fn new(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            filter: Filter::default(),
        }
    }

    pub fn with_filter(mut self, filter: Filter) -> Query {
        self.filter = filter;
        self
    }
}

/// The field a hit matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Name,
    Id,
    Alias,
    Tag,
    Category,
    Summary,
}

/// One search result. It owns its data, so a background thread can send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Position of the tool in `Catalog::tools()`.
    pub index: usize,
    /// Higher is better; 0 for an empty query.
    pub score: i64,
    /// `None` for an empty query (every tool listed).
    pub field: Option<Field>,
    /// The text that matched (the name, the alias, the tag, the category label or the
    /// summary in the search language), `None` for an empty query.
    pub matched_text: Option<String>,
    /// Character (not byte) indices of the matched characters in `matched_text`.
    pub highlight: Vec<usize>,
    /// Character indices of matched characters in the tool's name (empty when the name
    /// itself does not match the query).
    pub name_highlight: Vec<usize>,
}

impl Hit {
    pub fn tool<'c>(&self, catalog: &'c Catalog) -> &'c Tool {
        &catalog.tools()[self.index]
    }
}

mod highlight;
mod score;
#[cfg(test)]
mod tests;

/// Catalogues of at least this many tools are searched on several threads.
const PARALLEL_FROM: usize = 20_000;

/// A match without its texts: cheap, so every tool can be ranked; turn the ones shown
/// into [`Hit`]s with [`Searcher::hits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Position of the tool in `Catalog::tools()`.
    pub index: usize,
    pub score: i64,
    /// `None` for an empty query.
    pub field: Option<Field>,
    /// Which alias, tag or category matched.
    which: u32,
    /// Byte offset of a contiguous match in the lowercased text.
    pos: Option<u32>,
}

impl Ranked {
    pub fn tool<'c>(&self, catalog: &'c Catalog) -> &'c Tool {
        &catalog.tools()[self.index]
    }
}

/// The ranked matches of one query, best first, with the prepared query they need to
/// become [`Hit`]s. It owns its data, so a background thread can send it.
#[derive(Debug, Clone)]
pub struct Ranking {
    query: Prepared,
    lang: Lang,
    items: Vec<Ranked>,
}

impl Ranking {
    pub fn items(&self) -> &[Ranked] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
}

/// Searches one catalogue. Cheap to create; the haystacks live in the catalogue. For a
/// background thread, share the catalogue (`Arc<Library>` or `Arc<Catalog>`) and create a
/// `Searcher` in that thread; `Hit`s own their data.
pub struct Searcher<'a> {
    catalog: &'a Catalog,
    matcher: SkimMatcherV2,
    /// `None`: decide by the catalogue's size.
    threads: Option<usize>,
}

impl<'a> Searcher<'a> {
    pub fn new(catalog: &'a Catalog) -> Searcher<'a> {
        Searcher {
            catalog,
            matcher: SkimMatcherV2::default().respect_case(),
            threads: None,
        }
    }

    /// Scan with this many threads (1 = the calling thread only). By default catalogues of
    /// 20,000 tools or more use one thread per core.
    pub fn with_threads(mut self, threads: usize) -> Searcher<'a> {
        self.threads = Some(threads.max(1));
        self
    }

    /// The best `limit` hits (all of them when `limit` is 0) for a query in a language,
    /// best first, with matched texts and highlights. An empty query lists every tool the
    /// filter lets through, by name. For very big catalogues, [`Searcher::rank`] and then
    /// [`Searcher::hits`] for the rows shown is cheaper.
    pub fn search(&self, query: &Query, lang: Lang, limit: usize) -> Vec<Hit> {
        let ranking = self.rank(query, lang, limit);
        self.hits(&ranking, 0..ranking.len())
    }

    /// Ranks the tools for a query (the best `limit`, all when 0) without building texts
    /// and highlights: cheap enough for every tool of a big catalogue.
    pub fn rank(&self, query: &Query, lang: Lang, limit: usize) -> Ranking {
        self.rank_on(query, lang, limit, self.thread_count())
    }

    /// Hits, with matched texts and highlights, for a range of a ranking (the rows shown).
    pub fn hits(&self, ranking: &Ranking, range: std::ops::Range<usize>) -> Vec<Hit> {
        let l = lang_slot(ranking.lang);
        let end = range.end.min(ranking.items.len());
        let start = range.start.min(end);
        ranking.items[start..end]
            .iter()
            .map(|r| self.hit(r, &ranking.query, l))
            .collect()
    }

    fn thread_count(&self) -> usize {
        if let Some(t) = self.threads {
            t
        } else if self.catalog.len() >= PARALLEL_FROM {
            std::thread::available_parallelism()
                .map_or(1, |p| p.get())
                .min(8)
        } else {
            1
        }
    }

    fn rank_on(&self, query: &Query, lang: Lang, limit: usize, threads: usize) -> Ranking {
        let index = self.catalog.search_index();
        let filter = CompiledFilter::new(&query.filter, index);
        let q = Prepared::new(&query.text);
        if q.chars.is_empty() {
            let kept = index
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| filter.matches(e));
            let it = kept.map(|(index, _)| Ranked {
                index,
                score: 0,
                field: None,
                which: 0,
                pos: None,
            });
            let items = if limit == 0 {
                it.collect()
            } else {
                it.take(limit).collect()
            };
            return Ranking {
                query: q,
                lang,
                items,
            };
        }
        let l = lang_slot(lang);
        let n = index.entries.len();
        let mut hits: Vec<Ranked> = if threads > 1 {
            let step = n.div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..n)
                    .step_by(step)
                    .map(|start| {
                        let (q, filter) = (&q, &filter);
                        s.spawn(move || {
                            self.scan(start..(start + step).min(n), q, filter, l, limit)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        } else {
            self.scan(0..n, &q, &filter, l, limit)
        };
        let by_rank = |a: &Ranked, b: &Ranked| b.score.cmp(&a.score).then(a.index.cmp(&b.index));
        if limit > 0 && hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, by_rank);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(by_rank);
        Ranking {
            query: q,
            lang,
            items: hits,
        }
    }

    /// The matches among a range of tools. When the name tier alone gives `limit` hits,
    /// the other tiers cannot reach the top `limit` and are not searched.
    fn scan(
        &self,
        range: std::ops::Range<usize>,
        q: &Prepared,
        filter: &CompiledFilter,
        l: usize,
        limit: usize,
    ) -> Vec<Ranked> {
        let index = self.catalog.search_index();
        let entries = &index.entries;
        let summaries = index.summaries(l, self.catalog.tools());
        let mut hits: Vec<Ranked> = Vec::new();
        let mut rest: Vec<usize> = Vec::new();
        for i in range {
            let e = &entries[i];
            if !filter.matches(e) {
                continue;
            }
            match self.best_name(e, q) {
                Some(mut b) => {
                    b.index = i;
                    hits.push(b);
                }
                // Only a tool holding every character of the query can match elsewhere.
                None if q.mask & !(e.other_mask[l] | summaries[i].mask) == 0 => rest.push(i),
                None => {}
            }
        }
        if limit == 0 || hits.len() < limit {
            for i in rest {
                if let Some(mut b) = self.best_other(&entries[i], &summaries[i], q, l) {
                    b.index = i;
                    hits.push(b);
                }
            }
        }
        hits
    }
}
