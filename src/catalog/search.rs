//! Fuzzy search over the catalogue with fuzzy-matcher's `SkimMatcherV2`.
//!
//! Ranking, best first:
//! 1. the field tier: name, id and aliases, then tags and the category label, then the
//!    summary in the current language;
//! 2. within a tier, the match quality: exact, prefix, word start, substring, scattered
//!    (typo-tolerant subsequence), then a near miss by one or two edits (names only);
//! 3. the matcher's score plus a small bonus for tools many others refer to;
//! 4. the name (the catalogue order), so equal scores always come out the same way.
//!
//! Speed: the lowercased haystacks are built once with the catalogue; a 64-bit character
//! mask and a subsequence check reject most tools before the matcher runs; when the name
//! tier alone fills `limit`, the lower tiers are not searched; highlights are computed only
//! for the hits returned.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};

use super::index::{CompiledFilter, Entry, lang_slot};
use super::text::{
    Hay, Joined, Prepared, Quality, contiguous, contiguous_raw, edit_distance, is_acronym,
    is_subsequence, raw_for, scattered_ok,
};
use super::{Catalog, Filter, Tool};
use crate::content::Lang;

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

/// Catalogues of at least this many tools are searched on several threads.
const PARALLEL_FROM: usize = 20_000;

const TIER_NAME: i64 = 3;
const TIER_TAG: i64 = 2;
const TIER_SUMMARY: i64 = 1;
/// Among equal matches, the name before the id before an alias.
const NAME_BONUS: [i64; 3] = [10, 5, 0];

fn total(tier: i64, quality: Quality, raw: i64) -> i64 {
    tier * 10_000_000 + (quality as i64) * 1_000_000 + raw.clamp(0, 999_999)
}

/// How a field matched: its score and, for a contiguous match, where (a byte offset of
/// the lowercased text).
#[derive(Debug, Clone, Copy)]
struct Scored {
    score: i64,
    pos: Option<u32>,
}

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
        let index = &self.catalog.search;
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
        let entries = &self.catalog.search.entries;
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
                None if q.mask & !(e.other_mask[l] | e.summary_mask[l]) == 0 => rest.push(i),
                None => {}
            }
        }
        if limit == 0 || hits.len() < limit {
            for i in rest {
                if let Some(mut b) = self.best_other(&entries[i], q, l) {
                    b.index = i;
                    hits.push(b);
                }
            }
        }
        hits
    }

    /// Edits allowed for a near miss on a name: none for short queries.
    fn max_edits(q: &Prepared) -> usize {
        match q.compact_chars.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        }
    }

    /// The score of a short field (name, alias, tag, category label). Contiguous matches
    /// are scored without the matcher; the matcher ranks acronyms and scattered matches.
    /// Separators are optional: `pull request` finds the tag `pull-request`.
    fn field_score(
        &self,
        hay: &Hay,
        q: &Prepared,
        tier: i64,
        contiguous_possible: bool,
    ) -> Option<Scored> {
        if contiguous_possible && let Some((quality, pos)) = contiguous(hay, q) {
            return Some(Scored {
                score: total(tier, quality, contiguous_raw(hay, pos)),
                pos: pos.map(|p| p as u32),
            });
        }
        let (text, pattern) = if is_subsequence(&q.chars, &hay.lower) {
            (&*hay.lower, q.lower.as_str())
        } else if q.compact.len() < q.lower.len() && is_subsequence(&q.compact_chars, &hay.compact)
        {
            (&*hay.compact, q.compact.as_str())
        } else {
            return None;
        };
        let quality = if is_acronym(hay, q) {
            Quality::Acronym
        } else if scattered_ok(q) {
            Quality::Scattered
        } else {
            return None;
        };
        let raw = self.matcher.fuzzy_match(text, pattern)?;
        Some(Scored {
            score: total(tier, quality, raw),
            pos: None,
        })
    }

    /// The score of a summary: the query as typed, or else each of its words, must appear
    /// in it.
    fn summary_score(&self, hay: &Hay, q: &Prepared) -> Option<Scored> {
        // A missing word rules the summary out before the whole query is looked for.
        let mut first = usize::MAX;
        if q.word_finders.len() > 1 {
            for f in &q.word_finders {
                first = first.min(f.find(hay.lower.as_bytes())?);
            }
        }
        if let Some((quality, pos)) = contiguous(hay, q) {
            return Some(Scored {
                score: total(TIER_SUMMARY, quality, contiguous_raw(hay, pos)),
                pos: pos.map(|p| p as u32),
            });
        }
        (first != usize::MAX).then(|| Scored {
            score: total(
                TIER_SUMMARY,
                Quality::Scattered,
                contiguous_raw(hay, Some(first)),
            ),
            pos: None,
        })
    }

    /// The best match among name, id and aliases (or a near miss by edits).
    fn best_name(&self, e: &Entry, q: &Prepared) -> Option<Ranked> {
        let mut best: Option<Ranked> = None;
        if q.mask & !e.names_mask == 0 {
            let bonus = |w: usize| e.popularity + NAME_BONUS[w.min(2)];
            // A contiguous match outranks any other kind: no need to look further.
            if let Some(b) = best_contiguous(&e.names_joined, q, TIER_NAME, bonus) {
                return Some(Ranked {
                    field: Some(name_field(b.which as usize)),
                    ..b
                });
            }
            if e.names_joined.may_have_subsequence(q) {
                for (w, hay) in e.names.iter().enumerate() {
                    let s = self.field_score(hay, q, TIER_NAME, false).map(|s| Scored {
                        score: s.score + bonus(w),
                        ..s
                    });
                    keep_better(&mut best, s, name_field(w), w);
                }
            }
        }
        // Near misses are for one mistyped word, not for phrases.
        let max = if q.words.len() == 1 {
            Self::max_edits(q)
        } else {
            0
        };
        // Each edit brings in at most one character the names lack.
        let typo_possible = best.is_none_or(|b| b.score < total(TIER_NAME, Quality::Typo, 0));
        if typo_possible && max > 0 && (q.mask & !e.names_mask).count_ones() as usize <= max {
            for (w, hay) in e.names.iter().enumerate() {
                if hay.compact_len.abs_diff(q.compact_chars.len()) > max || !same_start(hay, q) {
                    continue;
                }
                let d = edit_distance(&q.compact_chars, &hay.compact, max);
                if d <= max {
                    let raw = 100 - 10 * d as i64 + NAME_BONUS[w.min(2)];
                    let score = total(TIER_NAME, Quality::Typo, raw) + e.popularity;
                    keep_better(
                        &mut best,
                        Some(Scored { score, pos: None }),
                        name_field(w),
                        w,
                    );
                }
            }
        }
        best
    }

    /// The best match among tags, the category label and the summary.
    fn best_other(&self, e: &Entry, q: &Prepared, l: usize) -> Option<Ranked> {
        let mut best: Option<Ranked> = None;
        if q.mask & !e.other_mask[l] == 0 {
            if let Some(b) = best_contiguous(&e.tags_joined, q, TIER_TAG, |_| 0) {
                best = Some(Ranked {
                    field: Some(Field::Tag),
                    ..b
                });
            } else if e.tags_joined.may_have_subsequence(q) {
                for (w, hay) in e.tags.iter().enumerate() {
                    let s = self.field_score(hay, q, TIER_TAG, false);
                    keep_better(&mut best, s, Field::Tag, w);
                }
            }
            if let Some(c) = e.category {
                let hay = &self.catalog.search.categories[c][l];
                keep_better(
                    &mut best,
                    self.field_score(hay, q, TIER_TAG, true),
                    Field::Category,
                    c,
                );
            }
        }
        if best.is_none()
            && q.mask & !e.summary_mask[l] == 0
            && e.summary_bigrams[l].contains_all(&q.word_bigrams)
        {
            let s = self.summary_score(&e.summary[l], q);
            keep_better(&mut best, s, Field::Summary, 0);
        }
        best.map(|b| Ranked {
            score: b.score + e.popularity,
            ..b
        })
    }

    fn empty_hit(&self, index: usize) -> Hit {
        Hit {
            index,
            score: 0,
            field: None,
            matched_text: None,
            highlight: Vec::new(),
            name_highlight: Vec::new(),
        }
    }

    /// Builds a returned hit: the matched text and the highlights.
    fn hit(&self, b: &Ranked, q: &Prepared, l: usize) -> Hit {
        let index = b.index;
        let Some(field) = b.field else {
            return self.empty_hit(index);
        };
        let tool = &self.catalog.tools()[index];
        let e = &self.catalog.search.entries[index];
        let w = b.which as usize;
        let (text, hay): (&str, &Hay) = match field {
            Field::Name => (&tool.name, &e.names[0]),
            Field::Id => (&tool.id, &e.names[1]),
            Field::Alias => (&tool.aliases[w - 2], &e.names[w]),
            Field::Tag => (&tool.tags[w], &e.tags[w]),
            Field::Category => (
                self.catalog.categories()[w].label.get(lang_of(l)),
                &self.catalog.search.categories[w][l],
            ),
            Field::Summary => (tool.summary.get(lang_of(l)), &e.summary[l]),
        };
        let highlight = match b.pos {
            Some(p) => contiguous_indices(hay, p as usize, q),
            None => self.indices(hay, q),
        };
        let name_highlight = if field == Field::Name {
            highlight.clone()
        } else {
            self.indices(&e.names[0], q)
        };
        Hit {
            index,
            score: b.score,
            field: Some(field),
            matched_text: Some(text.to_string()),
            highlight,
            name_highlight,
        }
    }

    /// Character indices (in the original text) of the query's characters in a haystack:
    /// a contiguous match, else the matcher's alignment, else the words of the query where
    /// they occur.
    fn indices(&self, hay: &Hay, q: &Prepared) -> Vec<usize> {
        if let Some((_, Some(p))) = contiguous(hay, q) {
            return contiguous_indices(hay, p, q);
        }
        // The matcher's alignment for short texts; for a summary, the words (cheaper, and
        // clearer than letters scattered over a sentence).
        let short = !hay.compact.is_empty();
        let mut out: Vec<usize> = if short
            && is_subsequence(&q.chars, &hay.lower)
            && let Some((_, idx)) = self.matcher.fuzzy_indices(&hay.lower, &q.lower)
        {
            idx
        } else {
            let mut all = Vec::new();
            for w in &q.words {
                if let Some(b) = hay.lower.find(w.as_str()) {
                    let start = hay.char_index(b);
                    all.extend(start..start + w.chars().count());
                }
            }
            all.sort_unstable();
            all
        };
        for i in &mut out {
            *i = hay.orig_index(*i);
        }
        out.dedup();
        out
    }
}

/// The original-text char indices of the query found at byte `pos` of `hay.lower`.
fn contiguous_indices(hay: &Hay, pos: usize, q: &Prepared) -> Vec<usize> {
    let start = hay.char_index(pos);
    let mut out: Vec<usize> = (start..start + q.chars.len())
        .map(|i| hay.orig_index(i))
        .collect();
    out.dedup();
    out
}

/// The best contiguous match among joined texts (ties go to the earlier text), with a
/// bonus per text; `field` is left for the caller to set.
fn best_contiguous(
    joined: &Joined,
    q: &Prepared,
    tier: i64,
    bonus: impl Fn(usize) -> i64,
) -> Option<Ranked> {
    let mut best: Option<Ranked> = None;
    joined.contiguous_matches(q, |w, quality, pos, len| {
        let score = total(tier, quality, raw_for(len, pos)) + bonus(w);
        if best.is_none_or(|b| score > b.score || (score == b.score && (w as u32) < b.which)) {
            best = Some(Ranked {
                index: 0,
                score,
                field: None,
                which: w as u32,
                pos: pos.map(|p| p as u32),
            });
        }
    });
    best
}

fn keep_better(best: &mut Option<Ranked>, scored: Option<Scored>, field: Field, which: usize) {
    if let Some(s) = scored
        && best.is_none_or(|b| s.score > b.score)
    {
        *best = Some(Ranked {
            score: s.score,
            index: 0,
            field: Some(field),
            which: which as u32,
            pos: s.pos,
        });
    }
}

/// A near miss keeps its first letter (or swaps the first two): cheap to check, and it
/// keeps far-fetched matches out.
fn same_start(hay: &Hay, q: &Prepared) -> bool {
    let mut h = hay.compact.chars();
    let (h0, h1) = (h.next(), h.next());
    let (q0, q1) = (
        q.compact_chars.first().copied(),
        q.compact_chars.get(1).copied(),
    );
    h0 == q0 || (h0 == q1 && h1 == q0)
}

fn name_field(which: usize) -> Field {
    match which {
        0 => Field::Name,
        1 => Field::Id,
        _ => Field::Alias,
    }
}

fn lang_of(slot: usize) -> Lang {
    if slot == 0 { Lang::En } else { Lang::Ko }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::test_support::tool;

    #[test]
    fn lowercasing_that_adds_characters_keeps_original_indices() {
        // 'İ' lowercases to two characters ("i̇").
        let h = Hay::new("İstio");
        assert_eq!(h.lower.chars().count(), 6);
        assert_eq!(h.orig_index(2), 1);
        let mut t = tool("istio", "İstio", &["operate"]);
        t.summary.en = "mesh".into();
        let cat = Catalog::new(vec![t], &[]);
        let hits = cat.search(&Query::new("sti"), Lang::En, 10);
        assert_eq!(hits[0].name_highlight, vec![1, 2, 3]);
    }

    #[test]
    fn korean_highlights_are_char_indices() {
        let mut k = tool("kubernetes", "Kubernetes", &["deploy"]);
        k.aliases = vec!["쿠버네티스".into()];
        let mut n = tool("ncloud", "네이버 클라우드 Platform", &["operate"]);
        n.aliases = vec!["ncp".into()];
        let cat = Catalog::new(vec![k, n], &[]);
        let hits = cat.search(&Query::new("버네"), Lang::Ko, 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].field, Some(Field::Alias));
        assert_eq!(hits[0].matched_text.as_deref(), Some("쿠버네티스"));
        assert_eq!(hits[0].highlight, vec![1, 2]);
        assert!(hits[0].name_highlight.is_empty());
        // A mixed Korean/English name: "클라우드 p" spans a space.
        let hits = cat.search(&Query::new("클라우드 p"), Lang::Ko, 10);
        assert_eq!(hits[0].field, Some(Field::Name));
        assert_eq!(hits[0].name_highlight, vec![4, 5, 6, 7, 8, 9]);
        let hits = cat.search(&Query::new("PLAT"), Lang::En, 10);
        assert_eq!(hits[0].name_highlight, vec![9, 10, 11, 12]);
    }

    #[test]
    fn empty_query_lists_filtered_tools_by_name() {
        let cat = Catalog::new(
            vec![tool("b", "Beta", &["build"]), tool("a", "alpha", &["test"])],
            &[],
        );
        let hits = cat.search(&Query::new("  "), Lang::En, 0);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 1]);
        assert!(hits.iter().all(|h| h.field.is_none() && h.score == 0));
        let q = Query::new("").with_filter(Filter {
            stage: Some("build".into()),
            ..Filter::default()
        });
        assert_eq!(cat.search(&q, Lang::En, 0)[0].tool(&cat).id, "b");
        assert_eq!(cat.search(&Query::new(""), Lang::En, 1).len(), 1);
    }

    #[test]
    fn threads_do_not_change_results() {
        let tools: Vec<Tool> = (0..3_000)
            .map(|i| {
                let mut t = tool(
                    &format!("t{i}"),
                    &format!("Tool {} {i}", ["kube", "prom", "graf"][i % 3]),
                    &["build"],
                );
                t.tags = vec![["kubernetes", "metrics", "dashboards"][i % 3].to_string()];
                t
            })
            .collect();
        let cat = Catalog::new(tools, &[]);
        let s = Searcher::new(&cat);
        for q in ["kube", "kub 1", "tool", "metrics", "prometeus", ""] {
            for limit in [0, 5, 100] {
                let one = s.rank_on(&Query::new(q), Lang::En, limit, 1);
                let three = s.rank_on(&Query::new(q), Lang::En, limit, 3);
                assert_eq!(one.items(), three.items(), "{q:?} limit {limit}");
            }
        }
    }

    #[test]
    fn ranking_then_hits_equals_search() {
        let mut k = tool("kubernetes", "Kubernetes", &["deploy"]);
        k.aliases = vec!["k8s".into()];
        let cat = Catalog::new(
            vec![
                k,
                tool("kind", "kind", &["test"]),
                tool("helm", "Helm", &["deploy"]),
            ],
            &[],
        );
        let s = Searcher::new(&cat);
        for q in ["k", "k8s", ""] {
            let ranking = s.rank(&Query::new(q), Lang::En, 0);
            assert_eq!(
                s.hits(&ranking, 0..ranking.len()),
                s.search(&Query::new(q), Lang::En, 0)
            );
            assert_eq!(
                s.hits(&ranking, 1..99),
                s.search(&Query::new(q), Lang::En, 0)[1.min(ranking.len())..]
            );
        }
    }

    #[test]
    fn name_beats_tag_beats_summary() {
        let mut a = tool("a", "Alpha", &["build"]);
        a.summary.en = "talks to the widget service".into();
        let mut b = tool("b", "Beta", &["build"]);
        b.tags = vec!["widget".into()];
        let c = tool("widget", "Widget", &["build"]);
        let cat = Catalog::new(vec![a, b, c], &[]);
        let hits = cat.search(&Query::new("widget"), Lang::En, 0);
        let order: Vec<(&str, Option<Field>)> = hits
            .iter()
            .map(|h| (h.tool(&cat).id.as_str(), h.field))
            .collect();
        assert_eq!(
            order,
            [
                ("widget", Some(Field::Name)),
                ("b", Some(Field::Tag)),
                ("a", Some(Field::Summary))
            ]
        );
        // With a limit the name tier alone can answer.
        assert_eq!(cat.search(&Query::new("widget"), Lang::En, 1).len(), 1);
    }
}
