//! Loading and validating the pages (`pages/<lang>/<id>.md`) and the pipeline picture
//! (`pipeline.toml`). Every problem is collected with its file, line and column; broken
//! files are skipped so the rest still loads.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{Page, PagePane, Pages, Pipeline, PipelinePractice, PipelineStep};
use crate::base::{Lang, Sink, Stage, is_https_url, is_slug};

/// Loads the pipeline picture and every page, checking stages, related pages, both
/// languages and the pipeline's links.
pub(crate) fn load(sink: &mut Sink, stages: &[Stage]) -> Pages {
    let pipeline = load_pipeline(sink);
    let pages = load_pages(sink, stages, &pipeline);
    Pages::new(pages, pipeline)
}

fn load_pipeline(sink: &mut Sink) -> Pipeline {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        step: Vec<PipelineStep>,
        practice: Vec<Spanned<PipelinePractice>>,
    }
    let Some(file) = sink.files.get("pipeline.toml") else {
        sink.file(
            "pipeline.toml",
            "missing file: the CI/CD pipeline picture is defined here",
        );
        return Pipeline::default();
    };
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
                    format!("`{what}` names unknown step `{id}`"),
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
fn split_front_matter(text: &str) -> Result<(usize, usize, usize), (usize, String)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err((
            start,
            "a page must start with TOML front matter between `+++` lines".into(),
        ));
    }
    let fm_start = start + first.len();
    let mut offset = fm_start;
    for line in lines {
        if line.trim_end() == "+++" {
            return Ok((fm_start, offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err((start, "front matter is not closed by a `+++` line".into()))
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
                sink.file(
                    &file.path,
                    "a page must sit in a language folder: pages/en/ or pages/ko/",
                );
            }
            continue;
        };
        if !name.ends_with(".md") {
            continue;
        }
        let Some(lang) = Lang::parse(lang_dir).filter(|l| l.code() == lang_dir) else {
            sink.file(
                &file.path,
                format!("unknown language folder `{lang_dir}` (expected en or ko)"),
            );
            continue;
        };
        if name.contains('/') {
            sink.file(&file.path, "pages must sit directly in pages/<lang>/");
            continue;
        }
        let stem = name.trim_end_matches(".md");
        let (fm_start, fm_end, body_start) = match split_front_matter(&file.text) {
            Ok(r) => r,
            Err((at, msg)) => {
                sink.at(file, at, msg);
                continue;
            }
        };
        let fm_text = &file.text[fm_start..fm_end];
        let Some(fm) = sink.parse::<FrontMatter>(file, fm_text, fm_start) else {
            continue;
        };
        let Some(id) = fm.id.as_ref() else {
            sink.at(file, fm_start, "front matter has no `id`");
            continue;
        };
        let id_at = fm_start + id.span().start;
        let id_str = id.get_ref().clone();
        if !is_slug(&id_str) {
            sink.at(
                file,
                id_at,
                format!("id `{id_str}` is not a lowercase slug ([a-z0-9-])"),
            );
            continue;
        }
        if id_str != stem {
            sink.at(
                file,
                id_at,
                format!("id `{id_str}` does not match the file name `{name}`"),
            );
        }
        if fm.title.get_ref().trim().is_empty() {
            sink.at(file, fm_start + fm.title.span().start, "title is empty");
        }
        let Some(pane) = PagePane::parse(fm.pane.get_ref()) else {
            let known: Vec<&str> = PagePane::ALL.iter().map(|p| p.id()).collect();
            sink.at(
                file,
                fm_start + fm.pane.span().start,
                format!(
                    "unknown pane `{}` (expected one of: {})",
                    fm.pane.get_ref(),
                    known.join(", ")
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
                    format!(
                        "unknown stage `{}` (expected one of: {})",
                        s.get_ref(),
                        known.join(", ")
                    ),
                );
            }
        } else if pane == PagePane::Loop {
            sink.at(
                file,
                fm_start,
                "a page of the loop pane needs `stage = \"...\"`",
            );
        }
        for src in &fm.sources {
            if !is_https_url(src.get_ref()) {
                sink.at(
                    file,
                    fm_start + src.span().start,
                    format!("source `{}` is not a well-formed https URL", src.get_ref()),
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
            body: file.text[body_start..].to_string(),
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
                    format!("duplicate id `{}` (also used by {other})", p.page.id),
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
                    format!(
                        "page `{}` exists in {} only: add pages/{}/{}.md",
                        p.page.id, p.page.lang, other, p.page.id
                    ),
                );
            }
        }
        for r in &p.related {
            if !ids[&p.page.lang].contains(r.get_ref().as_str()) {
                sink.at(
                    file,
                    p.fm_offset + r.span().start,
                    format!("related page `{}` does not exist", r.get_ref()),
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
                        format!(
                            "practice `{}` links to missing {lang} page `{}`",
                            pr.id, pr.page
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
    fn front_matter_split() {
        let t = "+++\nid = \"a\"\n+++\nbody";
        let (s, e, b) = split_front_matter(t).unwrap();
        assert_eq!(&t[s..e], "id = \"a\"\n");
        assert_eq!(&t[b..], "body");
        assert!(split_front_matter("no fm").is_err());
        assert!(split_front_matter("+++\nid = 1\n").is_err());
    }
}
