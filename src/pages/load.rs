//! Loading and validating the pages (`pages/<lang>/<id>.md`) and the pipeline picture
//! (`pipeline.toml`). Every problem is collected with its file, line and column; broken
//! files are skipped so the rest still loads.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::front_matter::Missing;
use super::{Page, PagePane, Pages, Pipeline, PipelinePractice, PipelineStep};
use crate::base::{ContentFiles, Lang, Sink, Stage, is_https_url, is_slug};

/// Loads the pipeline picture and every page, checking stages, related pages, both
/// languages and the pipeline's links.
pub(crate) fn load(sink: &mut Sink, stages: &[Stage]) -> Pages {
    let pipeline = load_pipeline(sink);
    let pages =
        embedded_pages(sink.files, stages).unwrap_or_else(|| load_pages(sink, stages, &pipeline));
    Pages::new(pages, pipeline)
}

/// A shipped page's front matter, as `build.rs` read it (the title trimmed).
struct PageMeta {
    path: &'static str,
    id: &'static str,
    title: &'static str,
    pane: &'static str,
    order: i64,
    stage: Option<&'static str>,
    related: &'static [&'static str],
    sources: &'static [&'static str],
    body_start: usize,
}

/// Every shipped page's front matter, in file order (`None` when `build.rs` could not
/// read one).
static PAGE_META: Option<&[PageMeta]> = include!(concat!(env!("OUT_DIR"), "/pages_meta.rs"));

/// The pages from the front matter `build.rs` read, without parsing TOML: only when the
/// page files and the pipeline picture are exactly the shipped ones, unchanged, and every
/// page's stage is one of `stages`. The test suite checks the shipped pages in full and
/// that this gives the same pages as [`load_pages`]. `None` otherwise (the caller then
/// loads them the checked way).
fn embedded_pages(files: &ContentFiles, stages: &[Stage]) -> Option<Vec<Page>> {
    let meta = PAGE_META?;
    files.get("pipeline.toml")?.embedded_text()?;
    let mut page_files =
        (files.files.iter()).filter(|f| f.path.starts_with("pages/") && f.path.ends_with(".md"));
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    let mut pages = Vec::with_capacity(meta.len());
    for m in meta {
        let file = page_files.next().filter(|f| f.path == m.path)?;
        let text = file.embedded_text()?;
        let (lang, stem) = page_file(m.path)?;
        let stage = match m.stage {
            Some(id) => Some(stages.iter().find(|s| s.id == id)?.id.clone()),
            None => None,
        };
        if stem != m.id || !is_slug(m.id) {
            return None;
        }
        pages.push(Page {
            id: m.id.to_string(),
            lang,
            title: m.title.to_string(),
            pane: PagePane::parse(m.pane)?,
            order: m.order,
            stage,
            related: strings(m.related),
            sources: strings(m.sources),
            body: std::borrow::Cow::Borrowed(text.get(m.body_start..)?),
            path: m.path.to_string(),
        });
    }
    page_files.next().is_none().then_some(pages)
}

fn load_pipeline(sink: &mut Sink) -> Pipeline {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        step: Vec<PipelineStep>,
        practice: Vec<Spanned<PipelinePractice>>,
    }
    let Some(file) = sink.files.get("pipeline.toml") else {
        sink.file("pipeline.toml", sink.say(|c| &c.pipeline_missing, &[]));
        return Pipeline::default();
    };
    if let Some(pipeline) = shipped_pipeline(file) {
        return pipeline;
    }
    let Some(parsed) = sink.parse::<File>(file, &file.text, 0) else {
        return Pipeline::default();
    };
    let steps: HashSet<&str> = parsed.step.iter().map(|s| s.id.as_str()).collect();
    let mut practices = Vec::new();
    for p in &parsed.practice {
        let span = p.span();
        let inner = p.get_ref();
        let mut ok = true;
        for (what, id) in [
            ("automates_through", Some(&inner.automates_through)),
            ("approval_before", inner.approval_before.as_ref()),
        ] {
            if let Some(id) = id
                && !steps.contains(id.as_str())
            {
                sink.at(
                    file,
                    span.start,
                    sink.say(|c| &c.unknown_step, &[("what", &what), ("id", id)]),
                );
                ok = false;
            }
        }
        if ok {
            practices.push(inner.clone());
        }
    }
    Pipeline {
        steps: parsed.step,
        practices,
    }
}

/// The shipped pipeline picture from the JSON `build.rs` wrote (checked by the test
/// suite: its links resolve).
fn shipped_pipeline(file: &crate::base::SourceFile) -> Option<Pipeline> {
    #[derive(Deserialize)]
    struct File {
        step: Vec<PipelineStep>,
        practice: Vec<PipelinePractice>,
    }
    let f = serde_json::from_str::<File>(file.shipped_json()?).ok()?;
    Some(Pipeline {
        steps: f.step,
        practices: f.practice,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: Option<Spanned<String>>,
    title: Spanned<String>,
    pane: Spanned<String>,
    order: i64,
    #[serde(default)]
    stage: Option<Spanned<String>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
}

/// Byte ranges of a page: (front matter start, front matter end, body start).
type Pick = fn(&crate::base::i18n::Check) -> &String;

/// Byte ranges of a page, or where it goes wrong and which `[check]` message says so.
fn split_front_matter(text: &str) -> Result<(usize, usize, usize), (usize, Pick)> {
    super::front_matter::split(text).map_err(|(at, missing)| -> (usize, Pick) {
        match missing {
            Missing::Start => (at, |c| &c.no_front_matter),
            Missing::End => (at, |c| &c.front_matter_open),
        }
    })
}

/// A page as parsed, with the spans needed for cross-file checks.
struct Parsed {
    page: Page,
    file: usize,
    fm_offset: usize,
    id_at: usize,
    related: Vec<Spanned<String>>,
}

/// The language and file stem of a page file `pages/<lang>/<stem>.md`.
fn page_file(path: &str) -> Option<(Lang, &str)> {
    let rest = path.strip_prefix("pages/")?;
    let (lang_dir, name) = rest.split_once('/')?;
    let lang = Lang::parse(lang_dir).filter(|l| l.code() == lang_dir)?;
    let stem = name.strip_suffix(".md")?;
    (!stem.contains('/')).then_some((lang, stem))
}

fn load_pages(sink: &mut Sink, stages: &[Stage], pipeline: &Pipeline) -> Vec<Page> {
    let files = sink.files;
    let stage_ids: HashSet<&str> = stages.iter().map(|s| s.id.as_str()).collect();
    let mut parsed: Vec<Parsed> = Vec::new();

    for (i, file) in files.files.iter().enumerate() {
        let Some(rest) = file.path.strip_prefix("pages/") else {
            continue;
        };
        let Some((lang_dir, name)) = rest.split_once('/') else {
            if rest.ends_with(".md") {
                let message = sink.say(|c| &c.page_outside_lang, &[]);
                sink.file(&file.path, message);
            }
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        let Some(lang) = Lang::parse(lang_dir).filter(|l| l.code() == lang_dir) else {
            sink.file(
                &file.path,
                sink.say(|c| &c.unknown_lang_folder, &[("folder", &lang_dir)]),
            );
            continue;
        };
        if name.contains('/') {
            sink.file(&file.path, sink.say(|c| &c.page_nested, &[]));
            continue;
        }
        let stem = name.trim_end_matches(".md");
        let (fm_start, fm_end, body_start) = match split_front_matter(&file.text) {
            Ok(r) => r,
            Err((at, msg)) => {
                sink.at(file, at, sink.say(msg, &[]));
                continue;
            }
        };
        let fm_text = &file.text[fm_start..fm_end];
        let Some(fm) = sink.parse::<FrontMatter>(file, fm_text, fm_start) else {
            continue;
        };
        let Some(id) = fm.id.as_ref() else {
            sink.at(file, fm_start, sink.say(|c| &c.page_no_id, &[]));
            continue;
        };
        let id_at = fm_start + id.span().start;
        let id_str = id.get_ref().clone();
        if !is_slug(&id_str) {
            sink.at(
                file,
                id_at,
                sink.say(|c| &c.id_not_slug, &[("id", &id_str)]),
            );
            continue;
        }
        if id_str != stem {
            sink.at(
                file,
                id_at,
                sink.say(|c| &c.id_not_file_name, &[("id", &id_str), ("name", &name)]),
            );
        }
        if fm.title.get_ref().trim().is_empty() {
            let m = sink.say(|c| &c.title_empty, &[]);
            sink.at(file, fm_start + fm.title.span().start, m);
        }
        let Some(pane) = PagePane::parse(fm.pane.get_ref()) else {
            let known: Vec<&str> = PagePane::ALL.iter().map(|p| p.id()).collect();
            sink.at(
                file,
                fm_start + fm.pane.span().start,
                sink.say(
                    |c| &c.unknown_pane,
                    &[("id", fm.pane.get_ref()), ("known", &known.join(", "))],
                ),
            );
            continue;
        };
        let mut stage = None;
        if let Some(s) = &fm.stage {
            if stage_ids.contains(s.get_ref().as_str()) {
                stage = Some(s.get_ref().clone());
            } else {
                let known: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
                sink.at(
                    file,
                    fm_start + s.span().start,
                    sink.say(
                        |c| &c.unknown_stage_expected,
                        &[("id", s.get_ref()), ("known", &known.join(", "))],
                    ),
                );
            }
        } else if pane == PagePane::Loop {
            sink.at(file, fm_start, sink.say(|c| &c.loop_page_needs_stage, &[]));
        }
        for src in &fm.sources {
            if !is_https_url(src.get_ref()) {
                sink.at(
                    file,
                    fm_start + src.span().start,
                    sink.say(|c| &c.source_not_https, &[("url", src.get_ref())]),
                );
            }
        }
        let page = Page {
            id: id_str,
            lang,
            title: fm.title.get_ref().trim().to_string(),
            pane,
            order: fm.order,
            stage,
            related: fm.related.iter().map(|r| r.get_ref().clone()).collect(),
            sources: fm.sources.iter().map(|s| s.get_ref().clone()).collect(),
            body: match &file.text {
                std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(&t[body_start..]),
                std::borrow::Cow::Owned(t) => t[body_start..].to_string().into(),
            },
            path: file.path.clone(),
        };
        parsed.push(Parsed {
            page,
            file: i,
            fm_offset: fm_start,
            id_at,
            related: fm.related,
        });
    }

    // A page whose id matches its file name keeps the id; another file claiming it is the duplicate.
    parsed.sort_by_key(|p| {
        let stem = p
            .page
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        (p.page.id != stem, p.file)
    });

    // Duplicate ids within a language.
    let mut first: HashMap<(Lang, &str), usize> = HashMap::new();
    let mut dup = vec![false; parsed.len()];
    for (i, p) in parsed.iter().enumerate() {
        match first.get(&(p.page.lang, p.page.id.as_str())) {
            Some(&j) => {
                dup[i] = true;
                let other = files.display_path(&parsed[j].page.path);
                sink.at(
                    &files.files[p.file],
                    p.id_at,
                    sink.say(
                        |c| &c.page_id_duplicate,
                        &[("id", &p.page.id), ("other", &other)],
                    ),
                );
            }
            None => {
                first.insert((p.page.lang, p.page.id.as_str()), i);
            }
        }
    }

    // Every page in every language; related ids resolve within the language. A page file
    // that failed to parse still counts as present (by its file name), so one broken file
    // gives one problem, not a cascade.
    let mut ids: HashMap<Lang, HashSet<&str>> =
        Lang::ALL.iter().map(|&l| (l, HashSet::new())).collect();
    for p in &parsed {
        ids.entry(p.page.lang)
            .or_default()
            .insert(p.page.id.as_str());
    }
    for f in &files.files {
        if let Some((lang, stem)) = page_file(&f.path) {
            ids.entry(lang).or_default().insert(stem);
        }
    }
    for (i, p) in parsed.iter().enumerate() {
        if dup[i] {
            continue;
        }
        let file = &files.files[p.file];
        for other in Lang::ALL.into_iter().filter(|&l| l != p.page.lang) {
            if !ids[&other].contains(p.page.id.as_str()) {
                sink.at(
                    file,
                    p.id_at,
                    sink.say(
                        |c| &c.page_one_language,
                        &[
                            ("id", &p.page.id),
                            ("lang", &p.page.lang),
                            ("other", &other),
                        ],
                    ),
                );
            }
        }
        for r in &p.related {
            if !ids[&p.page.lang].contains(r.get_ref().as_str()) {
                sink.at(
                    file,
                    p.fm_offset + r.span().start,
                    sink.say(|c| &c.related_missing, &[("id", r.get_ref())]),
                );
            }
        }
    }

    // Pages the pipeline picture links to.
    if let Some(pf) = files.get("pipeline.toml") {
        for pr in &pipeline.practices {
            for lang in Lang::ALL {
                if !ids[&lang].contains(pr.page.as_str()) && !files.files.is_empty() {
                    let at = pf.text.find(&format!("\"{}\"", pr.page)).unwrap_or(0);
                    sink.at(
                        pf,
                        at,
                        sink.say(
                            |c| &c.practice_page_missing,
                            &[("id", &pr.id), ("lang", &lang), ("page", &pr.page)],
                        ),
                    );
                }
            }
        }
    }

    parsed
        .into_iter()
        .zip(dup)
        .filter(|(_, d)| !d)
        .map(|(p, _)| p.page)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_pages_read_from_the_build_are_the_checked_ones() {
        let files = ContentFiles::embedded();
        let mut sink = Sink::new(&files);
        let stages = crate::base::load_stages(&mut sink);
        let fast = embedded_pages(&files, &stages).expect("the shipped pages take the fast way");
        let pipeline = load_pipeline(&mut sink);
        let checked = load_pages(&mut sink, &stages, &pipeline);
        assert!(sink.problems.is_empty(), "{:?}", sink.problems);
        assert!(fast.len() > 20);
        assert_eq!(format!("{fast:?}"), format!("{checked:?}"));
    }

    #[test]
    fn the_shipped_pipeline_reads_from_json_as_from_toml() {
        let files = ContentFiles::embedded();
        let fast = load_pipeline(&mut Sink::new(&files));
        let mut copy = files.clone();
        let f = (copy.files.iter_mut())
            .find(|f| f.path == "pipeline.toml")
            .unwrap();
        f.text = f.text.to_string().into();
        let mut sink = Sink::new(&copy);
        let checked = load_pipeline(&mut sink);
        assert!(sink.problems.is_empty() && !fast.practices.is_empty());
        assert_eq!(format!("{fast:?}"), format!("{checked:?}"));
    }

    #[test]
    fn changed_pages_take_the_checked_way() {
        let files = ContentFiles::embedded();
        let mut sink = Sink::new(&files);
        let stages = crate::base::load_stages(&mut sink);
        let mut changed = files.clone();
        let page = (changed.files.iter_mut())
            .find(|f| f.path.starts_with("pages/en/"))
            .unwrap();
        page.text = page.text.to_string().into();
        assert!(embedded_pages(&changed, &stages).is_none(), "an owned copy");
        let mut fewer = files.clone();
        fewer.files.retain(|f| f.path != "pages/ko/glossary.md");
        assert!(embedded_pages(&fewer, &stages).is_none(), "a page left out");
        let mut pipeline = files.clone();
        pipeline.files.retain(|f| f.path != "pipeline.toml");
        assert!(embedded_pages(&pipeline, &stages).is_none(), "no pipeline");
        let few_stages: Vec<Stage> = stages.iter().take(1).cloned().collect();
        assert!(
            embedded_pages(&files, &few_stages).is_none(),
            "a stage gone"
        );
    }

    #[test]
    fn front_matter_split() {
        let t = "+++\nid = \"a\"\n+++\nbody";
        let (s, e, b) = split_front_matter(t).unwrap();
        assert_eq!(&t[s..e], "id = \"a\"\n");
        assert_eq!(&t[b..], "body");
        assert!(split_front_matter("no fm").is_err());
        assert!(split_front_matter("+++\nid = 1\n").is_err());
    }
}
