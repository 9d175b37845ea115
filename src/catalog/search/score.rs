//! Scoring: which field of a tool matches a query best, and how well.

use fuzzy_matcher::FuzzyMatcher;

use super::{Field, Ranked, Searcher};
use crate::catalog::index::{Entry, Summary};
use crate::catalog::text::{
    Hay, Joined, Prepared, Quality, contiguous, contiguous_raw, edit_distance, is_acronym,
    is_subsequence, korean, raw_for, scattered_ok,
};

pub(super) const TIER_NAME: i64 = 3;
pub(super) const TIER_TAG: i64 = 2;
pub(super) const TIER_SUMMARY: i64 = 1;
/// Among equal matches, the name before the id before an alias.
const NAME_BONUS: [i64; 3] = [10, 5, 0];

/// One ranking class (see the module docs of `search`) spans this much score.
pub(super) const CLASS: i64 = 1_000_000_000;
/// Centrality (stage, references, maturity) counts in this unit inside a class.
pub(super) const CENTRAL: i64 = 100_000;
/// The class of a name match from which other fields cannot win (they reach at most
/// [`class`] 6).
pub(super) const NAME_WINS_FROM: i64 = 8;
/// The class of every summary match.
pub(super) const SUMMARY: i64 = 2;

/// The ranking class of a match: the one place where the order of kinds of match is set
/// (higher first; 0 is never given, weak matches are dropped before).
pub(super) fn class(tier: i64, quality: Quality) -> i64 {
    match (tier, quality) {
        (TIER_NAME, Quality::Exact) => 10,
        (TIER_NAME, Quality::Prefix) => 9,
        (TIER_NAME, Quality::Word) => 8,
        (TIER_TAG, Quality::Exact) => 7,
        (TIER_TAG, Quality::Word) => 6,
        (TIER_NAME, Quality::Acronym | Quality::Typo) => 5,
        (TIER_NAME, Quality::WordStart | Quality::Substring) => 4,
        (TIER_TAG, Quality::Prefix | Quality::WordStart) => 4,
        (TIER_TAG, Quality::Substring | Quality::Acronym) => 3,
        (TIER_SUMMARY, _) => SUMMARY,
        _ => 1,
    }
}

pub(super) fn total(tier: i64, quality: Quality, raw: i64) -> i64 {
    class(tier, quality) * CLASS + raw.clamp(0, CENTRAL - 1)
}

/// The class of a score.
pub(super) fn class_of(score: i64) -> i64 {
    score / CLASS
}

/// How a field matched: its score and, for a contiguous match, where (a byte offset of
/// the lowercased text).
#[derive(Debug, Clone, Copy)]
pub(super) struct Scored {
    score: i64,
    pos: Option<u32>,
}

impl Searcher<'_> {
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
    /// Separators are optional: `pull request` finds the tag `pull-request`. Without
    /// `scattered`, letters in order that are no acronym are no match (the matcher is not
    /// run).
    fn field_score(
        &self,
        hay: &Hay,
        q: &Prepared,
        tier: i64,
        contiguous_possible: bool,
        scattered: bool,
    ) -> Option<Scored> {
        if contiguous_possible && let Some((quality, pos)) = contiguous(hay, q) {
            return Some(Scored {
                score: total(tier, quality, contiguous_raw(hay, pos)),
                pos: pos.map(|p| p as u32),
            });
        }
        if let Some((quality, start, _)) = korean(hay, q) {
            return Some(Scored {
                score: total(tier, quality, raw_for(hay.lower.len(), Some(start))),
                pos: None,
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
        } else if scattered && scattered_ok(q) {
            Quality::Scattered
        } else {
            return None;
        };
        if quality == Quality::Scattered {
            // Letters strewn over a long name are noise (`vercel` in `AWS Serverless
            // Application Model`): the matched letters must lie close together.
            let (_, idx) = self.matcher.fuzzy_indices(text, pattern)?;
            let span = idx.last()? - idx.first()? + 1;
            let n = q.compact_chars.len();
            if span > n + n / 2 + 1 {
                return None;
            }
        }
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
    pub(super) fn best_name(&self, e: &Entry, q: &Prepared) -> Option<Ranked> {
        let mut best: Option<Ranked> = None;
        // Every match but a near miss needs each jamo of the query in the names.
        let could = q.need & !e.names_mask == 0;
        if could && q.mask & !e.names_mask == 0 {
            let bonus = |w: usize| NAME_BONUS[w.min(2)];
            // A contiguous match outranks any other kind: no need to look further.
            if let Some(mut b) = best_contiguous(&e.names_joined, q, TIER_NAME, bonus) {
                // A whole word of the id or an alias is worth a word of a category.
                if b.which > 0 && class_of(b.score) == NAME_WINS_FROM {
                    b.score -= 2 * CLASS;
                }
                return Some(Ranked {
                    field: Some(name_field(b.which as usize)),
                    ..b
                });
            }
            if e.names_joined.may_have_subsequence(q) {
                for (w, hay) in self.catalog.search_index().names(e).iter().enumerate() {
                    let s = self
                        .field_score(hay, q, TIER_NAME, false, true)
                        .map(|s| Scored {
                            score: s.score + bonus(w),
                            ..s
                        });
                    keep_better(&mut best, s, name_field(w), w);
                }
            }
        }
        if could && best.is_none() && q.ko.is_some() {
            for (w, hay) in self.catalog.search_index().names(e).iter().enumerate() {
                if hay.ko().is_some() {
                    let s = self
                        .field_score(hay, q, TIER_NAME, true, true)
                        .map(|s| Scored {
                            score: s.score + NAME_BONUS[w.min(2)],
                            ..s
                        });
                    keep_better(&mut best, s, name_field(w), w);
                }
            }
            if let Some(b) = &mut best
                && b.which > 0
                && class_of(b.score) == NAME_WINS_FROM
            {
                b.score -= 2 * CLASS;
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
            for (w, hay) in self.catalog.search_index().names(e).iter().enumerate() {
                if (hay.compact_len as usize).abs_diff(q.compact_chars.len()) > max
                    || !same_start(hay, q)
                {
                    continue;
                }
                let d = edit_distance(&q.compact_chars, &hay.compact, max);
                if d <= max {
                    let raw = 100 - 10 * d as i64 + NAME_BONUS[w.min(2)];
                    let score = total(TIER_NAME, Quality::Typo, raw);
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

    /// Whether a tool's tags, category label or summary may match: a cheap test that never
    /// says no to a tool [`Searcher::best_other`] would find.
    pub(super) fn other_possible(
        &self,
        e: &Entry,
        summary: &Summary,
        q: &Prepared,
        cats: &mut CategoryMatches,
    ) -> bool {
        let tags_or_category = q.mask & !e.other_mask[cats.slot] == 0
            && (q.need & !e.other_mask[cats.slot] == 0
                || e.category()
                    .is_some_and(|c| cats.get(self, c, q).iter().any(Option::is_some)));
        tags_or_category
            || (q.lit & !summary.mask == 0 && summary.bigrams.contains_all(&q.word_bigrams))
    }

    /// The best match among the tags.
    fn best_tag(&self, e: &Entry, q: &Prepared) -> Option<Ranked> {
        if let Some(mut b) = best_contiguous(&e.tags_joined, q, TIER_TAG, |_| 0) {
            // A word of a tag is worth a prefix of it, no more.
            if class_of(b.score) == 6 {
                b.score -= 2 * CLASS;
            }
            return Some(Ranked {
                field: Some(Field::Tag),
                ..b
            });
        }
        let mut best: Option<Ranked> = None;
        if q.ko.is_some() || e.tags_joined.may_have_subsequence(q) {
            for (w, hay) in self.catalog.search_index().tags(e).iter().enumerate() {
                // Letters scattered over a tag are never what was meant.
                let s = self.field_score(hay, q, TIER_TAG, false, false);
                keep_better(&mut best, s, Field::Tag, w);
            }
        }
        best
    }

    /// The best match among tags and the category label.
    pub(super) fn best_tag_or_category(
        &self,
        e: &Entry,
        q: &Prepared,
        cats: &mut CategoryMatches,
    ) -> Option<Ranked> {
        let l = cats.slot;
        if q.mask & !e.other_mask[l] != 0 {
            return None;
        }
        // Every tag match needs each jamo of the query in the tags.
        let mut best = if q.need & !e.other_mask[l] == 0 {
            self.best_tag(e, q)
        } else {
            None
        };
        // The category label in the UI language, then in the other one (`which` is
        // category * 2 + language slot).
        if let Some(c) = e.category() {
            let scored = cats.get(self, c, q);
            for (slot, s) in [l, 1 - l].into_iter().zip(scored) {
                keep_better(&mut best, s, Field::Category, c * 2 + slot);
            }
        }
        best
    }

    /// The summary's match, for a tool whose tags and category label do not match.
    pub(super) fn best_summary(&self, summary: &Summary, q: &Prepared) -> Option<Ranked> {
        // A summary matches only as typed: it holds every character of the query.
        if q.lit & !summary.mask != 0 || !summary.bigrams.contains_all(&q.word_bigrams) {
            return None;
        }
        let mut best = None;
        keep_better(
            &mut best,
            self.summary_score(&summary.hay, q),
            Field::Summary,
            0,
        );
        best
    }
}

/// The category labels' matches for one query, each computed on first use: a catalogue has
/// a few dozen categories and many tools in each.
pub(super) struct CategoryMatches {
    /// The UI language slot.
    pub(super) slot: usize,
    /// Per category, its label's match in the UI language, then in the other one.
    scored: Vec<Option<[Option<Scored>; 2]>>,
}

impl CategoryMatches {
    pub(super) fn new(categories: usize, slot: usize) -> CategoryMatches {
        CategoryMatches {
            slot,
            scored: vec![None; categories],
        }
    }

    fn get(&mut self, s: &Searcher<'_>, c: usize, q: &Prepared) -> [Option<Scored>; 2] {
        let l = self.slot;
        *self.scored[c].get_or_insert_with(|| {
            [l, 1 - l].map(|slot| {
                let hay = &s.catalog.search_index().categories[c][slot];
                s.field_score(hay, q, TIER_TAG, true, true)
            })
        })
    }
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
