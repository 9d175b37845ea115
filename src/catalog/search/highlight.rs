//! Turning ranked matches into hits: the matched text and the highlighted characters.

use fuzzy_matcher::FuzzyMatcher;

use super::{Field, Hit, Ranked, Searcher};
use crate::base::Lang;
use crate::catalog::text::{Hay, Prepared, contiguous, is_subsequence, korean};

impl Searcher<'_> {
    pub(super) fn empty_hit(&self, index: usize) -> Hit {
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
    pub(super) fn hit(&self, b: &Ranked, q: &Prepared, l: usize) -> Hit {
        let index = b.index;
        let Some(field) = b.field else {
            return self.empty_hit(index);
        };
        let tool = self.catalog.tool(index);
        let idx = self.catalog.search_index();
        let e = &idx.entries[index];
        let w = b.which as usize;
        let (text, hay): (&str, &Hay) = match field {
            Field::Name => (&tool.name, &idx.names(e)[0]),
            Field::Id => (&tool.id, &idx.names(e)[1]),
            Field::Alias => (&tool.aliases[w - 2], &idx.names(e)[w]),
            Field::Tag => (&tool.tags[w], &idx.tags(e)[w]),
            Field::Category => (
                self.catalog.categories()[w / 2].label.get(lang_of(w % 2)),
                &self.catalog.search_index().categories[w / 2][w % 2],
            ),
            Field::Summary => (
                tool.summary.get(lang_of(l)),
                &self.catalog.search_index().summaries(l, self.catalog)[index].hay,
            ),
        };
        let highlight = match b.pos {
            Some(p) => contiguous_indices(hay, p as usize, q),
            None => self.indices(hay, q),
        };
        let name_highlight = if field == Field::Name {
            highlight.clone()
        } else {
            self.indices(&idx.names(e)[0], q)
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
        // Korean by jamo or initials: the whole characters matched.
        if let Some((_, start, end)) = korean(hay, q) {
            let mut out: Vec<usize> = (start..end).map(|i| hay.orig_index(i)).collect();
            out.dedup();
            return out;
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

fn lang_of(slot: usize) -> Lang {
    if slot == 0 { Lang::En } else { Lang::Ko }
}
