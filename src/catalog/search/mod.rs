//! Fuzzy search over the catalogue with fuzzy-matcher's `SkimMatcherV2`.
//!
//! Ranking (also in `docs/SEARCH.md`). Each match gets a class, set in one place,
//! [`score::class`]; higher classes always come first:
//!
//! | class | match |
//! |---|---|
//! | 10 | exact name, id or alias (ignoring case, spaces and hyphens) |
//! | 9 | prefix of a name, id or alias (`kube`; a two-letter Latin prefix only when it is a whole word, so `ci` is not a prefix of Cilium) |
//! | 8 | a whole word of the name (`ci` in `Travis CI`) |
//! | 7 | an exact tag, or an exact category label in either language |
//! | 6 | a whole word of a category label (either language) or of an id or alias |
//! | 5 | an acronym of a name (`gha`), or a near miss by one or two edits (`terrafrom`) |
//! | 4 | a name substring; a tag or category prefix or word start; a word of a tag |
//! | 3 | a tag or category substring or acronym |
//! | 2 | the summary in the UI language holds the query, or each of its words |
//! | 1 | the query's letters in order in a name or alias (`kuberntes`), only when they lie close together; weak ones are dropped, and never on tags |
//!
//! Korean: names, aliases, tags and both category labels are searched in either UI
//! language. A Hangul query also matches by jamo from a character's start (`쿠버ㄴ`,
//! `쿠번` find 쿠버네티스) and, when it is only consonants, by initials (`ㅋㅂㄴㅌㅅ`);
//! highlights cover the whole characters. `프론트엔드` is read as `프런트엔드` (the
//! term list's spelling).
//!
//! Within a class, ties break by centrality: a bonus when the tool's primary stage is the
//! query's stage (the commonest primary stage among the hits of the best class), then how
//! many tools name it as alternative, integration or requirement, then its maturity;
//! then the match itself (earlier and in a shorter text, the name before the id before an
//! alias); last, the catalogue order (by stage file, not alphabetical), so results are
//! stable.
//!
//! Speed: the lowercased haystacks are built once with the catalogue. Character masks,
//! bigram sets and one search over a tool's joined names (and tags) rule out most tools
//! without reading their texts; the masks of names and tags also hold the jamo of their
//! Hangul, so a Korean query (initials included) rules out texts without decoding them.
//! Contiguous matches are scored without the matcher, and a category label is matched
//! once per query, not once per tool. When name matches of class 8 or more alone fill
//! `limit`, the other fields are not searched; when matches above a summary's class fill
//! it, summaries are not searched. Catalogues of 20,000 tools or more are scanned on
//! every core; texts and highlights are built only for the hits returned
//! ([`Searcher::rank`] then [`Searcher::hits`] for the rows shown).

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
        catalog.tool(self.index)
    }
}

mod highlight;
mod score;
#[cfg(test)]
mod tests;

/// Catalogues of at least this many tools are searched on several threads.
const PARALLEL_FROM: usize = 20_000;
/// The centrality bonus of a tool whose primary stage is the query's stage.
const STAGE_BONUS: i64 = 100;

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
        catalog.tool(self.index)
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
        self.rank_prepared(
            Prepared::new(&query.text),
            &query.filter,
            lang,
            limit,
            threads,
        )
    }

    fn rank_prepared(
        &self,
        q: Prepared,
        filter: &Filter,
        lang: Lang,
        limit: usize,
        threads: usize,
    ) -> Ranking {
        let index = self.catalog.search_index();
        let filter = CompiledFilter::new(filter, index);
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
        self.add_centrality(&mut hits);
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

    /// Adds to each hit its centrality: its references and maturity, and a bonus when its
    /// primary stage is the query's stage (the commonest primary stage among the hits of
    /// the best class). Centrality only orders hits within a class.
    fn add_centrality(&self, hits: &mut [Ranked]) {
        let entries = &self.catalog.search_index().entries;
        let best = hits
            .iter()
            .map(|h| score::class_of(h.score))
            .max()
            .unwrap_or(0);
        let mut votes = [0u32; 256];
        for h in hits.iter().filter(|h| score::class_of(h.score) == best) {
            votes[entries[h.index].primary as usize] += 1;
        }
        votes[u8::MAX as usize] = 0;
        let top = votes.iter().copied().max().unwrap_or(0);
        let stage = (top > 0 && votes.iter().filter(|v| **v == top).count() == 1)
            .then(|| votes.iter().position(|v| *v == top).unwrap_or(0) as u8);
        for h in hits {
            let e = &entries[h.index];
            let bonus = if Some(e.primary) == stage {
                STAGE_BONUS
            } else {
                0
            };
            h.score += (e.centrality() + bonus) * score::CENTRAL;
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
        let summaries = index.summaries(l, self.catalog);
        let mut hits: Vec<Ranked> = Vec::new();
        // Tools whose other fields may still beat their name match (or give the only one).
        let mut rest: Vec<(usize, Option<usize>)> = Vec::new();
        let mut winners = 0;
        let mut cats = score::CategoryMatches::new(index.categories.len(), l);
        for i in range {
            let e = &entries[i];
            if !filter.matches(e) {
                continue;
            }
            match self.best_name(e, q) {
                Some(mut b) => {
                    b.index = i;
                    if score::class_of(b.score) >= score::NAME_WINS_FROM {
                        winners += 1;
                    } else if self.other_possible(e, &summaries[i], q, &mut cats) {
                        rest.push((i, Some(hits.len())));
                    }
                    hits.push(b);
                }
                None if self.other_possible(e, &summaries[i], q, &mut cats) => {
                    rest.push((i, None));
                }
                None => {}
            }
        }
        // When names alone fill `limit` with matches no other field can beat, the other
        // fields are not searched.
        if limit > 0 && winners >= limit {
            return hits;
        }
        // Tags and category labels first; the tools whose summary may still count after.
        let mut summary_left: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, at) in rest {
            match self.best_tag_or_category(&entries[i], q, &mut cats) {
                Some(b) => keep_better_hit(&mut hits, i, at, b),
                // A summary's match never beats a name match of a higher class.
                None if at.is_some_and(|k| score::class_of(hits[k].score) > score::SUMMARY) => {}
                None => summary_left.push((i, at)),
            }
        }
        // When `limit` matches of a higher class than a summary's are found, no summary
        // can reach the top `limit`.
        let above = |h: &&Ranked| score::class_of(h.score) > score::SUMMARY;
        if limit > 0 && hits.iter().filter(above).count() >= limit {
            return hits;
        }
        for (i, at) in summary_left {
            if let Some(b) = self.best_summary(&summaries[i], q) {
                keep_better_hit(&mut hits, i, at, b);
            }
        }
        hits
    }
}

/// Records a tool's match in another field: a new hit, or in place of its name match when
/// better (`at`: where its name match is).
fn keep_better_hit(hits: &mut Vec<Ranked>, i: usize, at: Option<usize>, mut b: Ranked) {
    b.index = i;
    match at {
        Some(k) if hits[k].score >= b.score => {}
        Some(k) => hits[k] = b,
        None => hits.push(b),
    }
}
