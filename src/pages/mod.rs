//! The pages engine: the page model (Markdown with TOML front matter, one file per page
//! and language), the CI/CD pipeline picture (`pipeline.toml`), and their loader. It
//! stands on [`crate::base`] only; the Markdown renderer is [`crate::markdown`].

mod front_matter;
mod load;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::base::{Lang, Localized, closest};

pub(crate) use load::load;

/// The panes that show pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PagePane {
    Overview,
    Loop,
    Practices,
    Cicd,
    References,
    Help,
}

impl PagePane {
    pub const ALL: [PagePane; 6] = [
        PagePane::Overview,
        PagePane::Loop,
        PagePane::Practices,
        PagePane::Cicd,
        PagePane::References,
        PagePane::Help,
    ];

    pub fn id(self) -> &'static str {
        match self {
            PagePane::Overview => "overview",
            PagePane::Loop => "loop",
            PagePane::Practices => "practices",
            PagePane::Cicd => "cicd",
            PagePane::References => "references",
            PagePane::Help => "help",
        }
    }

    pub fn parse(s: &str) -> Option<PagePane> {
        PagePane::ALL.into_iter().find(|p| p.id() == s)
    }
}

/// One page in one language.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub lang: Lang,
    pub title: String,
    pub pane: PagePane,
    pub order: i64,
    pub stage: Option<String>,
    pub related: Vec<String>,
    pub sources: Vec<String>,
    /// The Markdown after the front matter (borrowed from the binary for the embedded
    /// content, so listing pages copies no page text).
    pub body: std::borrow::Cow<'static, str>,
    /// Relative path inside the content folder.
    pub path: String,
}

/// A step of the CI/CD pipeline picture.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineStep {
    pub id: String,
    pub name: Localized<String>,
}

/// One of CI / Continuous Delivery / Continuous Deployment, as the pipeline picture shows it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelinePractice {
    pub id: String,
    pub page: String,
    pub name: Localized<String>,
    /// The last step this practice automates.
    pub automates_through: String,
    /// The step before which a person approves, if any.
    #[serde(default)]
    pub approval_before: Option<String>,
    pub note: Localized<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    pub steps: Vec<PipelineStep>,
    pub practices: Vec<PipelinePractice>,
}

impl Pipeline {
    fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// Index of the last automated step of a practice.
    pub fn automated_until(&self, practice: &PipelinePractice) -> usize {
        self.step_index(&practice.automates_through).unwrap_or(0)
    }

    /// Index of the step that waits for a manual approval, if any.
    pub fn approval_at(&self, practice: &PipelinePractice) -> Option<usize> {
        practice
            .approval_before
            .as_deref()
            .and_then(|id| self.step_index(id))
    }
}

/// Every page of a content folder, in both languages, and the pipeline picture.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    /// Sorted by language, pane, order, id.
    pages: Vec<Page>,
    index: HashMap<(Lang, String), usize>,
    pipeline: Pipeline,
}

impl Pages {
    pub fn new(mut pages: Vec<Page>, pipeline: Pipeline) -> Pages {
        pages.sort_by(|a, b| {
            (a.lang, a.pane, a.order, &a.id).cmp(&(b.lang, b.pane, b.order, &b.id))
        });
        let index = pages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.lang, p.id.clone()), i))
            .collect();
        Pages {
            pages,
            index,
            pipeline,
        }
    }

    pub fn get(&self, lang: Lang, id: &str) -> Option<&Page> {
        self.index
            .get(&(lang, id.to_string()))
            .map(|&i| &self.pages[i])
    }

    /// All pages of a language, by pane then order.
    pub fn of(&self, lang: Lang) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(move |p| p.lang == lang)
    }

    /// The pages of one pane, in order.
    pub fn in_pane(&self, lang: Lang, pane: PagePane) -> impl Iterator<Item = &Page> {
        self.of(lang).filter(move |p| p.pane == pane)
    }

    /// The page that describes a stage of the loop.
    pub fn stage_page(&self, lang: Lang, stage: &str) -> Option<&Page> {
        self.in_pane(lang, PagePane::Loop)
            .find(|p| p.stage.as_deref() == Some(stage))
    }

    /// Page ids (of any language) closest to `id`, best first.
    pub fn closest_ids(&self, id: &str) -> Vec<String> {
        let mut ids: Vec<&str> = self.pages.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        closest(id, ids, 3)
    }

    /// The page ids of each language (what quiz questions may link to).
    pub fn ids(&self) -> PageIds {
        let mut ids = PageIds::new();
        for p in &self.pages {
            ids.entry(p.lang).or_default().insert(p.id.clone());
        }
        ids
    }

    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

pub use crate::base::PageIds;
