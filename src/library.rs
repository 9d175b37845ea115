//! The library: the one aggregate the front ends (the dashboard and the command line) use.
//! It holds a content folder and builds each engine's part from it on first use, so a
//! command pays only for what it shows: `feoops list` parses the pages, not the tool
//! catalogue, the search index or the quiz bank.
//!
//! Two ways in:
//! - [`Library::embedded`]: the content compiled into the binary. It is trusted: the test
//!   suite validates it in full (`tests/content_lint.rs`), so a start-up does not check it
//!   again; each part is parsed when first asked for.
//! - [`Library::load`]: any folder (`--content DIR`, `feoops check`). Every part is loaded at
//!   once and every check runs, cross-references included; the problems come back with
//!   their `path:line:column`.
//!
//! The parts sit in [`OnceLock`]s, so a `Library` shared in an `Arc` can be warmed from
//! another thread ([`Library::load_all`]) while the dashboard draws its first frame.

use std::path::Path;
use std::sync::OnceLock;

use ratatui::text::Line;

use crate::advisor::{self, Weights};
use crate::base::{
    Category, ContentFiles, Lang, Problem, Sink, Stage, i18n, load_categories, load_stages,
};
use crate::catalog::{
    self, Catalog, ImportReport, LandscapeError, LandscapeMap, Tool, cache, landscape,
};
use crate::markdown::{self, MdStyles, escape};
use crate::pages::{Page, PagePane, Pages, Pipeline};
use crate::quiz::{self, Bank, Question, ToolFact, Topic};

/// The stages and categories: every other part names them.
#[derive(Debug, Clone, Default)]
struct Core {
    stages: Vec<Stage>,
    categories: Vec<Category>,
}

impl Core {
    fn load(sink: &mut Sink) -> Core {
        Core {
            stages: load_stages(sink),
            categories: load_categories(sink),
        }
    }
}

/// Every part of a content folder, each built on first use.
#[derive(Debug, Clone)]
pub struct Library {
    files: ContentFiles,
    /// The files are the embedded ones: parts may use their pre-parsed forms.
    embedded: bool,
    /// The language a lazily built part words its problems in.
    lang: Lang,
    core: OnceLock<Core>,
    pages: OnceLock<Pages>,
    catalog: OnceLock<Catalog>,
    landscape_map: OnceLock<LandscapeMap>,
    weights: OnceLock<Weights>,
    bank: OnceLock<Bank>,
}

/// A library loaded and checked in full, plus the problems found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub library: Library,
    pub problems: Vec<Problem>,
    /// Findings that do not fail `feoops check` (facts verified over a year ago).
    pub warnings: Vec<Problem>,
}

impl Default for Library {
    /// An empty library (no files), for tests.
    fn default() -> Self {
        Library::lazy(ContentFiles {
            root: String::new(),
            files: Vec::new(),
            unreadable: Vec::new(),
        })
    }
}

impl Library {
    /// The library compiled into the binary. Nothing is parsed yet.
    pub fn embedded() -> Library {
        Library {
            embedded: true,
            ..Library::lazy(ContentFiles::embedded())
        }
    }

    /// A library over trusted files: each part parses its files on first use, without the
    /// cross-reference checks. Problems a part meets are dropped (run `feoops check`).
    fn lazy(files: ContentFiles) -> Library {
        Library {
            files,
            embedded: false,
            lang: Lang::En,
            core: OnceLock::new(),
            pages: OnceLock::new(),
            catalog: OnceLock::new(),
            landscape_map: OnceLock::new(),
            weights: OnceLock::new(),
            bank: OnceLock::new(),
        }
    }

    /// Parses and validates a set of content files in full. Broken files (and items) are
    /// skipped and reported; the rest loads.
    pub fn load(files: &ContentFiles) -> Loaded {
        Library::load_in(files, crate::base::Lang::En)
    }

    /// [`Library::load`], with the files that could not be read reported in `lang`.
    pub fn load_in(files: &ContentFiles, lang: crate::base::Lang) -> Loaded {
        let mut sink = Sink::in_lang(files, lang);
        let template = &crate::base::i18n::text(lang).messages.content_cannot_read;
        for (path, why) in &files.unreadable {
            let message = crate::base::i18n::fill(template, &[("why", why.get(lang))]);
            sink.file(path, message);
        }
        for f in &files.files {
            sink.check_nfc(f);
        }
        crate::base::terms::check(&mut sink);
        let core = Core::load(&mut sink);
        // Every other file names stages: without them each stage reference would be a
        // problem, burying the one that matters.
        let before_dependents = sink.problems.len();
        let pages = crate::pages::load(&mut sink, &core.stages);
        let page_ids = pages.ids();
        let questions = quiz::load::load_questions(&mut sink, Some(&page_ids));
        let catalog = catalog::load::load(&mut sink, &core.stages, &core.categories);
        let map = catalog::landscape_map::load_map(&mut sink, &core.stages, &core.categories);
        let known = advisor::load::Known {
            stages: &core.stages,
            categories: &core.categories,
            catalog: &catalog,
        };
        let weights = advisor::load::load_weights(&mut sink, Some(known));
        crate::pipeline::table::check(
            &mut sink,
            |s| core.stages.iter().any(|x| x.id == s),
            |t| catalog.is_empty() || catalog.get(t).is_some(),
        );
        let bank = bank(questions, &catalog, &core.stages);
        let mut problems = sink.problems;
        let mut hidden_note = None;
        if core.stages.is_empty() && problems.len() > before_dependents {
            let hidden = problems.len() - before_dependents;
            problems.truncate(before_dependents);
            hidden_note = Some(crate::base::Problem::new(
                files.display_path("stages.toml"),
                1,
                1,
                crate::base::i18n::fill(
                    &crate::base::i18n::text(lang)
                        .messages
                        .stages_hide_follow_ons,
                    &[("n", &hidden)],
                ),
            ));
        }
        problems.sort();
        problems.dedup();
        // After the stages' own problems, not sorted before them.
        problems.extend(hidden_note);
        let warnings = sink.warnings;
        let library = Library {
            files: files.clone(),
            embedded: false,
            lang,
            core: OnceLock::from(core),
            pages: OnceLock::from(pages),
            catalog: OnceLock::from(catalog),
            landscape_map: OnceLock::from(map),
            weights: OnceLock::from(weights),
            bank: OnceLock::from(bank),
        };
        Loaded {
            library,
            problems,
            warnings,
        }
    }

    /// Builds every part not built yet (for a background thread once the dashboard shows).
    pub fn load_all(&self) {
        self.pages_part();
        self.catalog();
        self.landscape_map();
        self.weights();
        self.bank();
    }

    /// The same library, its lazily built parts wording their problems in `lang` (the
    /// UI language).
    pub fn in_lang(mut self, lang: Lang) -> Library {
        self.lang = lang;
        self
    }

    /// Runs a trusted part's loader with its own problem sink, in the library's language.
    fn part<T>(&self, load: impl FnOnce(&mut Sink) -> T) -> T {
        let mut sink = Sink::in_lang(&self.files, self.lang);
        load(&mut sink)
    }

    fn core(&self) -> &Core {
        self.core.get_or_init(|| self.part(Core::load))
    }

    // --- Stages and categories -------------------------------------------------------

    /// The stages of the loop, in order.
    pub fn stages(&self) -> &[Stage] {
        &self.core().stages
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        crate::base::stage(self.stages(), id)
    }

    /// A stage's name in a language (the id itself when the stage is unknown).
    pub fn stage_name<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        crate::base::stage_name(self.stages(), id, lang)
    }

    pub fn categories(&self) -> &[Category] {
        &self.core().categories
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories().iter().find(|c| c.id == id)
    }

    // --- Pages -----------------------------------------------------------------------

    /// The pages engine's part: every page and the pipeline picture.
    pub fn pages_part(&self) -> &Pages {
        self.pages
            .get_or_init(|| self.part(|sink| crate::pages::load(sink, self.stages())))
    }

    pub fn page(&self, lang: Lang, id: &str) -> Option<&Page> {
        self.pages_part().get(lang, id)
    }

    /// All pages of a language, by pane then order.
    pub fn pages(&self, lang: Lang) -> impl Iterator<Item = &Page> {
        self.pages_part().of(lang)
    }

    /// The pages of one pane, in order.
    pub fn pages_in(&self, lang: Lang, pane: PagePane) -> impl Iterator<Item = &Page> {
        self.pages_part().in_pane(lang, pane)
    }

    /// The page that describes a stage of the loop.
    pub fn stage_page(&self, lang: Lang, stage: &str) -> Option<&Page> {
        self.pages_part().stage_page(lang, stage)
    }

    /// Page ids (of any language) closest to `id`, best first.
    pub fn closest_page_ids(&self, id: &str) -> Vec<String> {
        self.pages_part().closest_ids(id)
    }

    pub fn pipeline(&self) -> &Pipeline {
        self.pages_part().pipeline()
    }

    /// The full Markdown shown for a page: a stage's page ends with that stage's tools
    /// (so only those pages need the catalogue). The dashboard's page pane and
    /// `feoops show` both print this.
    pub fn page_markdown(&self, page: &Page, lang: Lang) -> String {
        let mut md = page.body.trim().to_string();
        if page.pane == PagePane::Loop
            && let Some(stage) = &page.stage
        {
            md.push_str(&self.stage_tools_markdown(stage, lang));
        }
        md
    }

    /// A page rendered at a width, as the dashboard and `feoops show` display it.
    pub fn render_page(&self, page: &Page, width: usize, styles: &MdStyles) -> Vec<Line<'static>> {
        markdown::render(&self.page_markdown(page, page.lang), width, styles)
    }

    /// The "Tools for this stage" section of a stage page: the catalogue's tools whose
    /// primary stage it is, one line each, then the others that also serve it.
    fn stage_tools_markdown(&self, stage: &str, lang: Lang) -> String {
        let t = i18n::text(lang);
        let catalog = self.catalog();
        let tools = catalog.tools_for_stage(stage);
        let mut md = format!("\n\n## {}\n\n", t.loop_.tools_heading);
        if tools.is_empty() {
            md.push_str(&t.loop_.tools_pending);
            md.push('\n');
            return md;
        }
        let (primary, others): (Vec<&Tool>, Vec<&Tool>) =
            tools.iter().partition(|x| x.primary_stage == stage);
        for tool in &primary {
            md.push_str(&format!(
                "- **{}** — {}\n",
                escape(&tool.name),
                escape(catalog.category_label(&tool.category, lang))
            ));
        }
        if !others.is_empty() {
            let names: Vec<String> = others.iter().map(|x| escape(&x.name)).collect();
            md.push_str(&format!(
                "\n*{}*: {}\n",
                t.tools.more_at_stage,
                names.join(", ")
            ));
        }
        md
    }

    // --- Catalogue -------------------------------------------------------------------

    /// The tool catalogue (`tools/*.toml`, plus a `--landscape` import if any) with its
    /// search haystacks.
    pub fn catalog(&self) -> &Catalog {
        self.catalog.get_or_init(|| {
            let pre_parsed = self.embedded.then(|| {
                let files: Vec<&str> = (self.files.files.iter())
                    .map(|f| f.path.as_str())
                    .filter(|p| p.starts_with("tools/") && p.ends_with(".toml"))
                    .collect();
                catalog::load::load_embedded(&files, self.categories())
            });
            pre_parsed.flatten().unwrap_or_else(|| {
                self.part(|sink| catalog::load::load(sink, self.stages(), self.categories()))
            })
        })
    }

    /// A tool's name (the id itself when the tool is not in the catalogue).
    pub fn tool_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.catalog().get(id).map_or(id, |t| t.name.as_str())
    }

    /// A tool's detail as Markdown (see [`catalog::present::tool_markdown`]).
    pub fn tool_markdown(&self, tool: &Tool, lang: Lang) -> String {
        catalog::present::tool_markdown(self.catalog(), self.stages(), tool, lang)
    }

    /// The tools a tool points to, as (group label, tool id).
    pub fn tool_links<'a>(&'a self, tool: &'a Tool, lang: Lang) -> Vec<(&'static str, &'a str)> {
        catalog::present::tool_links(self.catalog(), tool, lang)
    }

    /// How CNCF landscape subcategories map to stages and categories (`landscape-map.toml`).
    pub fn landscape_map(&self) -> &LandscapeMap {
        self.landscape_map.get_or_init(|| {
            self.part(|sink| {
                catalog::landscape_map::load_map(sink, self.stages(), self.categories())
            })
        })
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

    /// [`Library::import_landscape`] through a cache in `cache_dir` (see
    /// [`crate::catalog::cache`]): when the file, the catalogue and feoops are the same as
    /// when the cache was written, the import's result is read from it instead of parsing
    /// and merging the YAML again; else the import runs and the cache is written. A cache
    /// that cannot be read or written is passed over. Without a folder, or when the
    /// catalogue already holds imported tools, this is `import_landscape`.
    pub fn import_landscape_cached(
        &mut self,
        path: &Path,
        cache_dir: Option<&Path>,
    ) -> Result<ImportReport, LandscapeError> {
        let Some(dir) = cache_dir.filter(|_| self.catalog().imported_count() == 0) else {
            return self.import_landscape(path);
        };
        let shown = path.display().to_string();
        let read_error = |source| LandscapeError::Read {
            path: shown.clone(),
            source,
        };
        let mtime_ns = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        // A hit needs only the file's hash: it is read a piece at a time, not held.
        let (size, hash) = cache::hash_file(path).map_err(read_error)?;
        let fingerprint = self.catalogue_fingerprint();
        let file = cache::file_for(dir, path);
        let key = cache::Key {
            size,
            mtime_ns,
            hash,
            fingerprint,
        };
        if let Some((catalog, report)) = cache::load(&file, &key, self.catalog().categories()) {
            self.catalog = OnceLock::from(catalog);
            return Ok(report);
        }
        let bytes = crate::base::userfile::read(path).map_err(read_error)?;
        // The key of what is imported now (the file may have changed since it was hashed).
        let key = cache::Key {
            size: bytes.len() as u64,
            hash: cache::hash_bytes(&bytes),
            ..key
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            read_error(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the file is not valid UTF-8",
            ))
        })?;
        let parsed = landscape::parse(&text, &shown)?;
        drop(text);
        let report = self.merge_landscape(&parsed);
        drop(parsed);
        // A cache is only a shortcut: failing to write one changes nothing else. Once it
        // is written, the catalogue is read back from it as the next run will read it:
        // its search texts are already prepared there, and the tools in memory are freed.
        if cache::store(&file, &key, &report, self.catalog()).is_ok()
            && let Some((catalog, _)) = cache::load(&file, &key, self.catalog().categories())
        {
            self.catalog = OnceLock::from(catalog);
        }
        Ok(report)
    }

    /// What an import's result depends on besides the landscape file: the tool files, the
    /// mapping table, the categories, the stages and this program's version.
    fn catalogue_fingerprint(&self) -> u64 {
        let mut h = crate::catalog::image::hash(env!("CARGO_PKG_VERSION").as_bytes(), 1);
        for f in &self.files.files {
            let p = f.path.as_str();
            if p.starts_with("tools/")
                || matches!(p, "landscape-map.toml" | "categories.toml" | "stages.toml")
            {
                h = crate::catalog::image::hash(p.as_bytes(), h);
                h = crate::catalog::image::hash(f.text.as_bytes(), h);
            }
        }
        h
    }

    fn merge_landscape(&mut self, parsed: &landscape::Landscape) -> ImportReport {
        let (catalog, report) = landscape::merge(self.catalog(), parsed, self.landscape_map());
        self.catalog = OnceLock::from(catalog);
        report
    }

    // --- Advisor ---------------------------------------------------------------------

    /// The stack advisor's rules (`advisor.toml`; the shipped ones when a folder lacks it).
    pub fn weights(&self) -> &Weights {
        self.weights
            .get_or_init(|| self.part(|sink| advisor::load::load_weights(sink, None)))
    }

    // --- Quiz ------------------------------------------------------------------------

    /// The question bank: written questions in file order, then the tool → stage
    /// questions generated from the built-in catalogue.
    pub fn bank(&self) -> &Bank {
        self.bank.get_or_init(|| {
            let questions = self.part(|sink| quiz::load::load_questions(sink, None));
            bank(questions, self.catalog(), self.stages())
        })
    }

    /// Every question, written ones first (in file order), then generated ones.
    pub fn questions(&self) -> &[Question] {
        self.bank().all()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.bank().get(id)
    }

    /// The questions of one topic, in bank order.
    pub fn questions_in(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.bank().in_topic(topic)
    }

    /// Adds questions to the bank; a question whose id is already taken is skipped.
    /// Returns how many were added.
    pub fn extend_questions(&mut self, questions: impl IntoIterator<Item = Question>) -> usize {
        self.bank();
        self.bank.get_mut().map_or(0, |bank| bank.extend(questions))
    }
}

impl advisor::Context for Library {
    fn catalog(&self) -> &Catalog {
        Library::catalog(self)
    }

    fn stages(&self) -> &[Stage] {
        Library::stages(self)
    }

    fn weights(&self) -> &Weights {
        Library::weights(self)
    }
}

/// The bank: the written questions, then one tool → stage question per built-in tool.
fn bank(written: Vec<Question>, catalog: &Catalog, stages: &[Stage]) -> Bank {
    let facts: Vec<ToolFact> = catalog
        .tools()
        .iter()
        .filter(|t| !t.is_imported())
        .map(|t| ToolFact {
            id: t.id.clone(),
            name: t.name.clone(),
            primary_stage: t.primary_stage.clone(),
            stages: t.stages.clone(),
            summary: t.summary.clone(),
        })
        .collect();
    let mut bank = Bank::default();
    bank.extend(written);
    bank.extend(quiz::tool_questions(&facts, stages));
    bank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazily_built_parts_word_their_problems_in_the_library_s_language() {
        let files = ContentFiles {
            root: "dir".into(),
            files: vec![crate::base::SourceFile {
                path: "stages.toml".into(),
                text: "[[stage]]\nid = 3\n".into(),
            }],
            unreadable: vec![],
        };
        let problems = |lang| {
            Library::lazy(files.clone()).in_lang(lang).part(|sink| {
                load_stages(sink);
                sink.problems.clone()
            })
        };
        let (en, ko) = (problems(Lang::En), problems(Lang::Ko));
        assert!(!en.is_empty() && en.len() == ko.len(), "{en:?} {ko:?}");
        assert_ne!(en[0].message, ko[0].message);
        assert!(
            ko.iter().any(|p| p
                .message
                .chars()
                .any(|c| ('\u{ac00}'..='\u{d7af}').contains(&c))),
            "{ko:?}"
        );
    }
}
