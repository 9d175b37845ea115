//! The content model: pages, stages and the CI/CD pipeline, loaded once at start-up from
//! the embedded `content/` folder or a user's folder, and validated.

pub(crate) mod load;
pub(crate) mod problem;
mod quiz;
mod source;
pub mod terms;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::advisor::Weights;
use crate::catalog::{Catalog, ImportReport, LandscapeError, LandscapeMap, landscape};
use crate::quiz::{Question, Topic};

pub use load::closest;
pub use problem::Problem;
pub use source::{ContentFiles, SourceFile};

/// A language of the content and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "ko" | "korean" | "kr" => Some(Lang::Ko),
            _ => None,
        }
    }

    pub fn toggle(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }

    /// The language the environment asks for: the first set of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` (POSIX precedence) decides; a value starting with `ko` means Korean.
    pub fn from_env() -> Lang {
        Lang::from_locale_vars(|k| std::env::var(k).ok())
    }

    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(key).filter(|v| !v.is_empty()) {
                return if v.to_ascii_lowercase().starts_with("ko") {
                    Lang::Ko
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A value in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized<T> {
    pub en: T,
    pub ko: T,
}

impl<T> Localized<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

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
    /// The Markdown after the front matter.
    pub body: String,
    /// Relative path inside the content folder.
    pub path: String,
}

/// A stage of the DevOps loop.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: Localized<String>,
    pub blurb: Localized<String>,
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

/// A tool category label.
#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub label: Localized<String>,
}

/// Everything loaded from a content folder.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub stages: Vec<Stage>,
    pub pipeline: Pipeline,
    pub categories: Vec<Category>,
    /// The tool catalogue (`tools/*.toml`, plus a `--landscape` import if any).
    pub catalog: Catalog,
    /// How CNCF landscape subcategories map to stages and categories (`landscape-map.toml`).
    pub landscape_map: LandscapeMap,
    /// The stack advisor's rules (`advisor.toml`; the shipped ones when a folder lacks it).
    pub advisor: Weights,
    /// Sorted by language, pane, order, id.
    pages: Vec<Page>,
    index: HashMap<(Lang, String), usize>,
    /// The question bank: written questions in file order, then generated ones.
    questions: Vec<Question>,
    question_index: HashMap<String, usize>,
}

/// A loaded library plus the problems found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub library: Library,
    pub problems: Vec<Problem>,
    /// Findings that do not fail `feoops check` (facts verified over a year ago).
    pub warnings: Vec<Problem>,
}

impl Library {
    /// The library compiled into the binary.
    pub fn embedded() -> Loaded {
        Library::load(&ContentFiles::embedded())
    }

    /// Only the stages of a set of content files (cheap: `explain` needs just their names).
    pub fn stages_of(files: &ContentFiles) -> Vec<Stage> {
        load::stages_only(files)
    }

    /// Parses and validates a set of content files. Broken files are skipped and reported.
    pub fn load(files: &ContentFiles) -> Loaded {
        load::load(files)
    }

    fn from_parts(
        stages: Vec<Stage>,
        pipeline: Pipeline,
        categories: Vec<Category>,
        mut pages: Vec<Page>,
        catalog: Catalog,
        landscape_map: LandscapeMap,
        advisor: Weights,
    ) -> Library {
        pages.sort_by(|a, b| {
            (a.lang, a.pane, a.order, &a.id).cmp(&(b.lang, b.pane, b.order, &b.id))
        });
        let index = pages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.lang, p.id.clone()), i))
            .collect();
        Library {
            stages,
            pipeline,
            categories,
            catalog,
            landscape_map,
            advisor,
            pages,
            index,
            questions: Vec::new(),
            question_index: HashMap::new(),
        }
    }

    /// Adds questions to the bank (the loader's, or ones generated later, such as tool →
    /// stage questions from a catalogue). A question whose id is already taken is skipped;
    /// returns how many were added.
    pub fn extend_questions(&mut self, questions: impl IntoIterator<Item = Question>) -> usize {
        let mut added = 0;
        for q in questions {
            if self.question_index.contains_key(&q.id) {
                continue;
            }
            self.question_index
                .insert(q.id.clone(), self.questions.len());
            self.questions.push(q);
            added += 1;
        }
        added
    }

    /// Every question, written ones first (in file order), then generated ones.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }

    /// The questions of one topic, in bank order.
    pub fn questions_in(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.topic == topic)
    }

    /// Adds the items of a CNCF `landscape.yml` to the catalogue (see
    /// [`crate::catalog::landscape`]). On an error the catalogue stays as it was.
    pub fn import_landscape(&mut self, path: &Path) -> Result<ImportReport, LandscapeError> {
        let parsed = landscape::read(path)?;
        Ok(self.merge_landscape(&parsed))
    }

    /// Like [`Library::import_landscape`], for text already read; `name` is shown in errors.
    pub fn import_landscape_text(
        &mut self,
        text: &str,
        name: &str,
    ) -> Result<ImportReport, LandscapeError> {
        let parsed = landscape::parse(text, name)?;
        Ok(self.merge_landscape(&parsed))
    }

    fn merge_landscape(&mut self, parsed: &landscape::Landscape) -> ImportReport {
        let (catalog, report) = landscape::merge(&self.catalog, parsed, &self.landscape_map);
        self.catalog = catalog;
        report
    }

    pub fn page(&self, lang: Lang, id: &str) -> Option<&Page> {
        self.index
            .get(&(lang, id.to_string()))
            .map(|&i| &self.pages[i])
    }

    /// All pages of a language, by pane then order.
    pub fn pages(&self, lang: Lang) -> impl Iterator<Item = &Page> {
        self.pages.iter().filter(move |p| p.lang == lang)
    }

    /// The pages of one pane, in order.
    pub fn pages_in(&self, lang: Lang, pane: PagePane) -> impl Iterator<Item = &Page> {
        self.pages(lang).filter(move |p| p.pane == pane)
    }

    /// The page that describes a stage of the loop.
    pub fn stage_page(&self, lang: Lang, stage: &str) -> Option<&Page> {
        self.pages_in(lang, PagePane::Loop)
            .find(|p| p.stage.as_deref() == Some(stage))
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// A stage's name in a language (the id itself when the stage is unknown).
    pub fn stage_name<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        self.stage(id).map_or(id, |s| s.name.get(lang).as_str())
    }

    /// A tool's name (the id itself when the tool is not in the catalogue).
    pub fn tool_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.catalog.get(id).map_or(id, |t| t.name.as_str())
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Page ids (of any language) closest to `id`, best first.
    pub fn closest_page_ids(&self, id: &str) -> Vec<String> {
        let mut ids: Vec<&str> = self.pages.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        closest(id, ids, 3)
    }
}
