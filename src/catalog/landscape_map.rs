//! `content/landscape-map.toml`: how the subcategories of the CNCF landscape map to our
//! stages and categories, and which ones a `--landscape` import skips.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use crate::base::Sink;
use crate::base::{Category, Stage};

/// What to do with the items of one landscape subcategory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Import them into these stages (the first is the primary stage) and category.
    Map {
        stages: Vec<String>,
        category: String,
    },
    /// Leave them out, for this reason.
    Skip { reason: String },
}

/// The mapping table. Keys are landscape names exactly as the file spells them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LandscapeMap {
    skip_categories: BTreeMap<String, String>,
    rules: BTreeMap<(String, String), Rule>,
}

impl LandscapeMap {
    /// The rule for a subcategory of a category; `None` when the table does not know it.
    pub fn rule(&self, category: &str, subcategory: &str) -> Option<Rule> {
        if let Some(reason) = self.skip_categories.get(category) {
            return Some(Rule::Skip {
                reason: reason.clone(),
            });
        }
        self.rules
            .get(&(category.to_string(), subcategory.to_string()))
            .cloned()
    }

    #[cfg(test)]
    pub(crate) fn insert_rule(&mut self, category: &str, subcategory: &str, rule: Rule) {
        self.rules
            .insert((category.into(), subcategory.into()), rule);
    }

    pub fn is_empty(&self) -> bool {
        self.skip_categories.is_empty() && self.rules.is_empty()
    }

    /// Every mapped (category, subcategory) and its rule, sorted.
    pub fn rules(&self) -> impl Iterator<Item = (&str, &str, &Rule)> {
        self.rules
            .iter()
            .map(|((c, s), r)| (c.as_str(), s.as_str(), r))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    stages: Option<Vec<Spanned<String>>>,
    category: Option<Spanned<String>>,
    skip: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    #[serde(default)]
    skip_category: BTreeMap<String, String>,
    #[serde(default)]
    category: BTreeMap<String, BTreeMap<String, Spanned<RawEntry>>>,
}

pub(crate) const FILE: &str = "landscape-map.toml";

/// Loads and checks `landscape-map.toml` (absent: an empty map).
pub(crate) fn load_map(sink: &mut Sink, stages: &[Stage], categories: &[Category]) -> LandscapeMap {
    let files = sink.files();
    let Some(file) = files.get(FILE) else {
        return LandscapeMap::default();
    };
    let Some(raw) = sink.parse::<RawMap>(file, &file.text, 0) else {
        return LandscapeMap::default();
    };
    let stage_ids: HashSet<&str> = stages.iter().map(|s| s.id.as_str()).collect();
    let category_ids: HashSet<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    let mut map = LandscapeMap {
        skip_categories: raw.skip_category,
        rules: BTreeMap::new(),
    };
    for (cat, subs) in raw.category {
        for (sub, entry) in subs {
            let at = entry.span().start;
            let e = entry.into_inner();
            let rule = match (e.skip, e.stages, e.category) {
                (Some(reason), None, None) => Rule::Skip { reason },
                (None, Some(st), Some(c)) => {
                    let mut ok = !st.is_empty();
                    if st.is_empty() {
                        let m = sink.say(|c| &c.map_no_stages, &[("sub", &sub)]);
                        sink.at(file, at, m);
                    }
                    for s in &st {
                        if !stage_ids.contains(s.get_ref().as_str()) {
                            sink.at(
                                file,
                                s.span().start,
                                sink.say(|c| &c.unknown_stage, &[("id", s.get_ref())]),
                            );
                            ok = false;
                        }
                    }
                    if !category_ids.contains(c.get_ref().as_str()) {
                        sink.at(
                            file,
                            c.span().start,
                            sink.say(|k| &k.unknown_category, &[("id", c.get_ref())]),
                        );
                        ok = false;
                    }
                    if !ok {
                        continue;
                    }
                    Rule::Map {
                        stages: st.into_iter().map(Spanned::into_inner).collect(),
                        category: c.into_inner(),
                    }
                }
                _ => {
                    sink.at(file, at, sink.say(|c| &c.map_rule, &[("sub", &sub)]));
                    continue;
                }
            };
            map.rules.insert((cat.clone(), sub), rule);
        }
    }
    map
}
