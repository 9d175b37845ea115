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

use super::text::{
    Hay, Prepared, Quality, edit_distance, is_subsequence, mask_of, quality, scattered_ok,
};
use super::{Catalog, Filter, Tool};
use crate::content::{Category, Lang};

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

/// The haystacks of one tool. Names are [name, id, aliases...].
#[derive(Debug, Clone, Default)]
struct Entry {
    names: Vec<Hay>,
    tags: Vec<Hay>,
    category: Option<usize>,
    summary: [Hay; 2],
    names_mask: u64,
    /// Everything searchable in each language.
    mask: [u64; 2],
    /// A small bonus for tools that many others name as alternative or integration.
    popularity: i64,
}

/// The search haystacks of a catalogue, built once with it.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    entries: Vec<Entry>,
    /// Category labels per category, per language.
    categories: Vec<[Hay; 2]>,
}

fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Ko => 1,
    }
}

impl SearchIndex {
    pub(crate) fn build(tools: &[Tool], categories: &[Category]) -> SearchIndex {
        let cats: Vec<[Hay; 2]> = categories
            .iter()
            .map(|c| [Hay::new(&c.label.en), Hay::new(&c.label.ko)])
            .collect();
        let mut refs: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        for t in tools {
            for id in t.alternatives.iter().chain(&t.integrates_with).chain(&t.requires) {
                *refs.entry(id.as_str()).or_default() += 1;
            }
        }
        let entries = tools
            .iter()
            .map(|t| {
                let mut names = vec![Hay::new(&t.name), Hay::new(&t.id)];
                names.extend(t.aliases.iter().map(|a| Hay::new(a)));
                let tags: Vec<Hay> = t.tags.iter().map(|s| Hay::new(s)).collect();
                let category = categories.iter().position(|c| c.id == t.category);
                let summary = [Hay::new(&t.summary.en), Hay::new(&t.summary.ko)];
                let names_mask = names.iter().fold(0, |m, h| m | mask_of(&h.lower));
                let shared = tags.iter().fold(names_mask, |m, h| m | mask_of(&h.lower));
                let mask = [0, 1].map(|l| {
                    let cat = category.map_or(0, |c| mask_of(&cats[c][l].lower));
                    shared | cat | mask_of(&summary[l].lower)
                });
                Entry {
                    names,
                    tags,
                    category,
                    summary,
                    names_mask,
                    mask,
                    popularity: refs.get(t.id.as_str()).copied().unwrap_or(0).min(20),
                }
            })
            .collect();
        SearchIndex {
            entries,
            categories: cats,
        }
    }
}

const TIER_NAME: i64 = 3;
const TIER_TAG: i64 = 2;
const TIER_SUMMARY: i64 = 1;
/// Among equal matches, the name before the id before an alias.
const NAME_BONUS: [i64; 3] = [10, 5, 0];

fn total(tier: i64, quality: Quality, raw: i64) -> i64 {
    tier * 10_000_000 + (quality as i64) * 1_000_000 + raw.clamp(0, 999_999)
}

/// The best match of a tool: score, field, and which haystack of that field.
#[derive(Debug, Clone, Copy)]
struct Best {
    score: i64,
    index: u32,
    field: Field,
    which: u32,
}

/// Searches one catalogue. Cheap to create; the haystacks live in the catalogue. For a
/// background thread, share the catalogue (`Arc<Library>` or `Arc<Catalog>`) and create a
/// `Searcher` in that thread; `Hit`s own their data.
pub struct Searcher<'a> {
    catalog: &'a Catalog,
    matcher: SkimMatcherV2,
}

impl<'a> Searcher<'a> {
    pub fn new(catalog: &'a Catalog) -> Searcher<'a> {
        Searcher {
            catalog,
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    /// The best `limit` hits (all of them when `limit` is 0) for a query in a language,
    /// best first. An empty query lists every tool the filter lets through, by name.
    pub fn search(&self, query: &Query, lang: Lang, limit: usize) -> Vec<Hit> {
        let tools = self.catalog.tools();
        let keep = |i: &usize| query.filter.matches(&tools[*i]);
        let q = Prepared::new(&query.text);
        if q.chars.is_empty() {
            let it = (0..tools.len()).filter(keep);
            let all: Vec<usize> = if limit == 0 { it.collect() } else { it.take(limit).collect() };
            return all.into_iter().map(|index| self.empty_hit(index)).collect();
        }
        let index = &self.catalog.search;
        let l = lang_slot(lang);
        let mut hits: Vec<Best> = Vec::new();
        let mut rest: Vec<usize> = Vec::new();
        for i in (0..tools.len()).filter(keep) {
            let e = &index.entries[i];
            match self.best_name(e, &q) {
                Some(mut b) => {
                    b.index = i as u32;
                    hits.push(b);
                }
                // Only a tool holding every character of the query can match elsewhere.
                None if q.mask & !e.mask[l] == 0 => rest.push(i),
                None => {}
            }
        }
        if limit == 0 || hits.len() < limit {
            for i in rest {
                if let Some(mut b) = self.best_other(&index.entries[i], &q, l) {
                    b.index = i as u32;
                    hits.push(b);
                }
            }
        }
        let by_rank = |a: &Best, b: &Best| b.score.cmp(&a.score).then(a.index.cmp(&b.index));
        if limit > 0 && hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, by_rank);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(by_rank);
        hits.into_iter().map(|b| self.hit(b, &q, l)).collect()
    }

    /// Edits allowed for a near miss on a name: none for short queries.
    fn max_edits(q: &Prepared) -> usize {
        match q.compact_chars.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        }
    }

    /// The score of a short field (name, alias, tag, category label).
    /// Separators are optional: `pull request` finds the tag `pull-request`.
    fn field_score(&self, hay: &Hay, q: &Prepared, tier: i64) -> Option<i64> {
        let (text, pattern) = if is_subsequence(&q.chars, &hay.lower) {
            (&*hay.lower, q.lower.as_str())
        } else if q.compact.len() < q.lower.len() && is_subsequence(&q.compact_chars, &hay.compact) {
            (&*hay.compact, q.compact.as_str())
        } else {
            return None;
        };
        let quality = quality(hay, q);
        if quality == Quality::Scattered && !scattered_ok(q) {
            return None;
        }
        let raw = self.matcher.fuzzy_match(text, pattern)?;
        Some(total(tier, quality, raw))
    }

    /// The score of a summary: every word of the query must appear in it as typed.
    fn summary_score(&self, hay: &Hay, q: &Prepared) -> Option<i64> {
        if !q.words.iter().all(|w| hay.lower.contains(w.as_str())) {
            return None;
        }
        let quality = match quality(hay, q) {
            Quality::Acronym => Quality::Scattered,
            other => other,
        };
        let raw = self.matcher.fuzzy_match(&hay.lower, &q.lower).unwrap_or(0);
        Some(total(TIER_SUMMARY, quality, raw))
    }

    /// The best match among name, id and aliases (or a near miss by edits).
    fn best_name(&self, e: &Entry, q: &Prepared) -> Option<Best> {
        let mut best: Option<Best> = None;
        if q.mask & !e.names_mask == 0 {
            for (w, hay) in e.names.iter().enumerate() {
                let bonus = e.popularity + NAME_BONUS[w.min(2)];
                let s = self.field_score(hay, q, TIER_NAME).map(|s| s + bonus);
                keep_better(&mut best, s, name_field(w), w);
            }
        }
        let max = Self::max_edits(q);
        // Each edit brings in at most one character the names lack.
        let typo_possible = best.is_none_or(|b| b.score < total(TIER_NAME, Quality::Typo, 0));
        if typo_possible && max > 0 && (q.mask & !e.names_mask).count_ones() as usize <= max {
            for (w, hay) in e.names.iter().enumerate() {
                if hay.compact_len.abs_diff(q.compact_chars.len()) > max {
                    continue;
                }
                let d = edit_distance(&q.compact_chars, &hay.compact, max);
                if d <= max {
                    let raw = 100 - 10 * d as i64 + NAME_BONUS[w.min(2)];
                    let s = total(TIER_NAME, Quality::Typo, raw) + e.popularity;
                    keep_better(&mut best, Some(s), name_field(w), w);
                }
            }
        }
        best
    }

    /// The best match among tags, the category label and the summary.
    fn best_other(&self, e: &Entry, q: &Prepared, l: usize) -> Option<Best> {
        let mut best: Option<Best> = None;
        for (w, hay) in e.tags.iter().enumerate() {
            keep_better(&mut best, self.field_score(hay, q, TIER_TAG), Field::Tag, w);
        }
        if let Some(c) = e.category {
            let hay = &self.catalog.search.categories[c][l];
            keep_better(&mut best, self.field_score(hay, q, TIER_TAG), Field::Category, c);
        }
        if best.is_none() {
            let s = self.summary_score(&e.summary[l], q);
            keep_better(&mut best, s, Field::Summary, 0);
        }
        best.map(|b| Best {
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
    fn hit(&self, b: Best, q: &Prepared, l: usize) -> Hit {
        let index = b.index as usize;
        let tool = &self.catalog.tools()[index];
        let e = &self.catalog.search.entries[index];
        let w = b.which as usize;
        let (text, hay): (&str, &Hay) = match b.field {
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
        let highlight = self.indices(hay, q);
        let name_highlight = if b.field == Field::Name {
            highlight.clone()
        } else {
            self.indices(&e.names[0], q)
        };
        Hit {
            index,
            score: b.score,
            field: Some(b.field),
            matched_text: Some(text.to_string()),
            highlight,
            name_highlight,
        }
    }

    /// Character indices (in the original text) of the query's characters in a haystack:
    /// the matcher's alignment, or else the words of the query where they occur.
    fn indices(&self, hay: &Hay, q: &Prepared) -> Vec<usize> {
        let mut out: Vec<usize> = if is_subsequence(&q.chars, &hay.lower)
            && let Some((_, idx)) = self.matcher.fuzzy_indices(&hay.lower, &q.lower)
        {
            idx
        } else {
            let mut all = Vec::new();
            for w in &q.words {
                if let Some(b) = hay.lower.find(w.as_str()) {
                    let start = hay.lower[..b].chars().count();
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

fn keep_better(best: &mut Option<Best>, score: Option<i64>, field: Field, which: usize) {
    if let Some(s) = score
        && best.is_none_or(|b| s > b.score)
    {
        *best = Some(Best {
            score: s,
            index: 0,
            field,
            which: which as u32,
        });
    }
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
