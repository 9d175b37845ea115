//! The stages of the DevOps loop (`stages.toml`) and the tool categories
//! (`categories.toml`): every engine names them, so they live on the ground floor.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Localized, Sink, is_slug};

/// A stage of the DevOps loop.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: Localized<String>,
    pub blurb: Localized<String>,
}

/// A tool category label.
#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub label: Localized<String>,
}

/// A stage by id.
pub fn stage<'a>(stages: &'a [Stage], id: &str) -> Option<&'a Stage> {
    stages.iter().find(|s| s.id == id)
}

/// A stage's name in a language (the id itself when the stage is unknown).
pub fn stage_name<'a>(stages: &'a [Stage], id: &'a str, lang: super::Lang) -> &'a str {
    stage(stages, id).map_or(id, |s| s.name.get(lang).as_str())
}

pub(crate) fn load_stages(sink: &mut Sink) -> Vec<Stage> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        stage: Vec<Spanned<Stage>>,
    }
    let Some(file) = sink.files.get("stages.toml") else {
        let m = sink.say(|c| &c.stages_missing, &[]);
        sink.file("stages.toml", m);
        return Vec::new();
    };
    if let Some(stages) = shipped_stages(file) {
        return stages;
    }
    let Some(parsed) = sink.parse::<File>(file, &file.text, 0) else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut stages = Vec::new();
    for s in parsed.stage {
        let span = s.span();
        let s = s.into_inner();
        if !is_slug(&s.id) {
            let m = sink.say(|c| &c.stage_id_not_slug, &[("id", &s.id)]);
            sink.at(file, span.start, m);
        } else if !seen.insert(s.id.clone()) {
            let m = sink.say(|c| &c.stage_id_duplicate, &[("id", &s.id)]);
            sink.at(file, span.start, m);
        } else {
            stages.push(s);
        }
    }
    if stages.is_empty() {
        let m = sink.say(|c| &c.no_stages, &[]);
        sink.file("stages.toml", m);
    }
    stages
}

/// The shipped stages from the JSON `build.rs` wrote (checked by the test suite).
fn shipped_stages(file: &super::SourceFile) -> Option<Vec<Stage>> {
    #[derive(Deserialize)]
    struct File {
        stage: Vec<Stage>,
    }
    serde_json::from_str::<File>(file.shipped_json()?)
        .ok()
        .map(|f| f.stage)
}

pub(crate) fn load_categories(sink: &mut Sink) -> Vec<Category> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        category: BTreeMap<String, Localized<String>>,
    }
    let Some(file) = sink.files.get("categories.toml") else {
        return Vec::new();
    };
    let shipped = file
        .shipped_json()
        .and_then(|j| serde_json::from_str::<File>(j).ok());
    let Some(parsed) = shipped.or_else(|| sink.parse::<File>(file, &file.text, 0)) else {
        return Vec::new();
    };
    parsed
        .category
        .into_iter()
        .map(|(id, label)| Category { id, label })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::ContentFiles;

    /// The files with `path` as an owned copy: not the shipped file any more, so it is
    /// parsed and checked as a user's would be.
    fn copied(path: &str) -> ContentFiles {
        let mut files = ContentFiles::embedded();
        let f = files.files.iter_mut().find(|f| f.path == path).unwrap();
        f.text = f.text.to_string().into();
        files
    }

    #[test]
    fn shipped_stages_and_categories_read_from_json_as_from_toml() {
        let shipped = ContentFiles::embedded();
        for path in ["stages.toml", "categories.toml", "pipeline.toml"] {
            let f = shipped.files.iter().find(|f| f.path == path).unwrap();
            assert!(f.shipped_json().is_some(), "{path} has its JSON");
            let c = copied(path);
            let f = c.files.iter().find(|f| f.path == path).unwrap();
            assert!(f.shipped_json().is_none(), "{path}: a copy is parsed");
        }
        let fast = load_stages(&mut Sink::new(&shipped));
        let copy = copied("stages.toml");
        let mut sink = Sink::new(&copy);
        let checked = load_stages(&mut sink);
        assert!(sink.problems.is_empty() && fast.len() == 8);
        assert_eq!(format!("{fast:?}"), format!("{checked:?}"));
        let fast = load_categories(&mut Sink::new(&shipped));
        let copy = copied("categories.toml");
        let mut sink = Sink::new(&copy);
        let checked = load_categories(&mut sink);
        assert!(sink.problems.is_empty() && fast.len() > 10);
        assert_eq!(format!("{fast:?}"), format!("{checked:?}"));
    }
}
