//! Every repository under tests/fixtures/pipelines/ gives the verdict, paths, reasons,
//! advice, stages, gates, tools and notes its `expect.toml` lists, in the report, in the
//! JSON and in the text of both languages; every step's line points at its text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use feoops::base::Lang;
use feoops::library::Library;
use feoops::pipeline::render::{finding_text, verdict_name};
use feoops::pipeline::{self, Report};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    verdict: String,
    #[serde(default)]
    depends_on: Option<String>,
    paths: Vec<String>,
    reasons: Vec<String>,
    advice: Vec<String>,
    #[serde(default)]
    advice_details: Vec<String>,
    stages: Vec<String>,
    #[serde(default)]
    gates: Vec<String>,
    tools: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    note_files: Vec<String>,
    #[serde(default)]
    note_texts: Vec<String>,
    #[serde(default)]
    files: Option<Vec<String>>,
    #[serde(default)]
    waves: Vec<String>,
    #[serde(default)]
    matrix: Vec<String>,
    #[serde(default)]
    trigger_paths: Vec<String>,
    #[serde(default)]
    job_files: Vec<String>,
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipelines");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expect.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn set<'a>(it: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    it.into_iter().map(str::to_string).collect()
}

fn check(dir: &Path, r: &Report, e: &Expect, lib: &Library) {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(json(&r.verdict), e.verdict, "{name}: verdict");
    assert_eq!(
        r.depends_on.map(|d| json(&d)),
        e.depends_on,
        "{name}: depends_on"
    );
    let paths: BTreeSet<String> = r
        .paths
        .iter()
        .map(|p| format!("{}={}", p.job, json(&p.verdict)))
        .collect();
    assert_eq!(
        paths,
        set(e.paths.iter().map(String::as_str)),
        "{name}: paths"
    );
    let reasons: BTreeSet<String> = r
        .reasons
        .iter()
        .chain(r.paths.iter().flat_map(|p| &p.reasons))
        .map(|f| f.code.id().to_string())
        .collect();
    for want in &e.reasons {
        assert!(
            reasons.contains(want),
            "{name}: reason {want} missing from {reasons:?}"
        );
    }
    let advice: BTreeSet<String> = r.advice.iter().map(|f| f.code.id().to_string()).collect();
    assert_eq!(
        advice,
        set(e.advice.iter().map(String::as_str)),
        "{name}: advice {:?}",
        r.advice
    );
    let details: BTreeSet<&str> = r
        .advice
        .iter()
        .filter_map(|f| f.detail.as_deref())
        .collect();
    for d in &e.advice_details {
        assert!(
            details.contains(d.as_str()),
            "{name}: advice about {d} missing: {details:?}"
        );
    }
    let steps: Vec<&pipeline::Step> = r
        .pipelines
        .iter()
        .flat_map(|p| &p.jobs)
        .flat_map(|j| &j.steps)
        .collect();
    let stages: BTreeSet<&str> = steps
        .iter()
        .flat_map(|s| &s.stages)
        .map(String::as_str)
        .collect();
    for s in &e.stages {
        assert!(
            stages.contains(s.as_str()),
            "{name}: stage {s} missing from {stages:?}"
        );
    }
    let gates: BTreeSet<String> = r
        .pipelines
        .iter()
        .flat_map(|p| &p.jobs)
        .filter_map(|j| j.gate.as_ref())
        .map(|g| json(&g.kind))
        .collect();
    for g in &e.gates {
        assert!(gates.contains(g), "{name}: gate {g} missing from {gates:?}");
    }
    let tools: BTreeSet<&str> = r.tools.iter().map(|t| t.id.as_str()).collect();
    for t in &e.tools {
        assert!(
            tools.contains(t.as_str()),
            "{name}: tool {t} missing from {tools:?}"
        );
    }
    for t in &tools {
        assert!(
            lib.catalog().get(t).is_some(),
            "{name}: tool {t} is not in the catalogue"
        );
    }
    let notes: BTreeSet<String> = r.notes.iter().map(|n| json(&n.kind)).collect();
    assert_eq!(
        notes,
        set(e.notes.iter().map(String::as_str)),
        "{name}: notes {:?}",
        r.notes
    );
    for f in &e.note_files {
        assert!(
            r.notes.iter().any(|n| n.loc.file == *f),
            "{name}: no note about {f}"
        );
    }
    for t in &e.note_texts {
        assert!(
            r.notes.iter().any(|n| n.text == *t),
            "{name}: no note `{t}`: {:?}",
            r.notes
        );
    }
    if let Some(files) = &e.files {
        assert_eq!(&r.files, files, "{name}: files");
    }
    if !e.waves.is_empty() {
        let order: Vec<&str> = r.pipelines[0]
            .waves
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        assert_eq!(
            order,
            e.waves.iter().map(String::as_str).collect::<Vec<_>>(),
            "{name}: waves"
        );
        assert_eq!(
            r.pipelines[0].waves.len(),
            e.waves.len(),
            "{name}: one job per wave"
        );
    }
    let jobs: BTreeMap<&str, &pipeline::Job> = r
        .pipelines
        .iter()
        .flat_map(|p| &p.jobs)
        .map(|j| (j.id.as_str(), j))
        .collect();
    for m in &e.matrix {
        let (job, n) = m.split_once('=').unwrap();
        assert_eq!(
            jobs[job].matrix,
            Some(n.parse().unwrap()),
            "{name}: matrix of {job}"
        );
    }
    for jf in &e.job_files {
        let (job, file) = jf.split_once('=').unwrap();
        assert_eq!(jobs[job].loc.file, file, "{name}: file of {job}");
    }
    let trigger_paths: BTreeSet<&str> = r
        .pipelines
        .iter()
        .flat_map(|p| &p.triggers)
        .flat_map(|t| &t.paths)
        .map(String::as_str)
        .collect();
    for p in &e.trigger_paths {
        assert!(
            trigger_paths.contains(p.as_str()),
            "{name}: path filter {p}"
        );
    }
    // Evidence: each step's line holds the first line of its text.
    for s in steps {
        let text = std::fs::read_to_string(dir.join(&s.loc.file)).unwrap();
        let line = text
            .lines()
            .nth(s.loc.line as usize - 1)
            .unwrap_or_else(|| panic!("{name}: {}:{} is past the end", s.loc.file, s.loc.line));
        let first = s.text.lines().next().unwrap_or("");
        assert!(
            line.contains(first),
            "{name}: {}:{} is `{line}`, not `{first}`",
            s.loc.file,
            s.loc.line
        );
    }
}

#[test]
fn there_are_at_least_thirty_fixtures() {
    assert!(fixtures().len() >= 30, "{} fixtures", fixtures().len());
}

#[test]
fn every_fixture_gives_its_verdict_and_findings() {
    let lib = Library::embedded();
    let mut failed = Vec::new();
    for dir in fixtures() {
        let ok = std::panic::catch_unwind(|| one_fixture(&dir, &lib));
        if let Err(e) = ok {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(msg);
        }
    }
    assert!(
        failed.is_empty(),
        "{} fixtures failed:\n{}",
        failed.len(),
        failed.join("\n\n")
    );
}

fn one_fixture(dir: &Path, lib: &Library) {
    {
        let e: Expect =
            toml::from_str(&std::fs::read_to_string(dir.join("expect.toml")).unwrap()).unwrap();
        let r = pipeline::explain_dir(dir);
        check(dir, &r, &e, lib);
        // The JSON says the same.
        let v: serde_json::Value = serde_json::to_value(&r).unwrap();
        assert_eq!(v["verdict"], e.verdict.as_str());
        assert_eq!(v["version"], 1);
        assert_eq!(v["paths"].as_array().unwrap().len(), e.paths.len());
        // The text of both languages names the verdict and every reason and advice.
        for lang in Lang::ALL {
            let md = pipeline::render::markdown(&r, lang, &|s| lib.stage_name(s, lang).to_string());
            let plain = feoops::markdown::to_plain(&feoops::markdown::render(
                &md,
                400,
                &feoops::markdown::MdStyles::plain(),
            ));
            let name = dir.display();
            assert!(
                plain.contains(verdict_name(r.verdict, lang)),
                "{name} {lang}: verdict"
            );
            for f in r
                .reasons
                .iter()
                .chain(&r.advice)
                .chain(r.paths.iter().flat_map(|p| &p.reasons))
            {
                let sentence = finding_text(f, lang);
                assert!(
                    plain.contains(&sentence),
                    "{name} {lang}: `{sentence}` not in\n{plain}"
                );
                assert!(plain.contains(f.page), "{name} {lang}: page {}", f.page);
            }
            for st in &e.stages {
                let n = lib.stage_name(st, lang);
                assert!(plain.contains(n), "{name} {lang}: stage {n}");
            }
            for t in &e.tools {
                assert!(plain.contains(t.as_str()), "{name} {lang}: tool {t}");
            }
            for n in &r.notes {
                let at = format!("{}:{}:{}: ", n.loc.file, n.loc.line, n.col);
                assert!(plain.contains(&at), "{name} {lang}: note {at}");
            }
            if lang == Lang::Ko {
                assert!(plain.contains("판정"), "{name}: Korean heading");
                assert!(
                    !plain.contains("Verdict"),
                    "{name}: English heading in Korean text"
                );
            }
        }
    }
}

#[test]
fn every_code_has_an_existing_page_and_words_in_both_languages() {
    let lib = Library::embedded();
    for &c in pipeline::Code::ALL {
        for lang in Lang::ALL {
            assert!(
                lib.page(lang, c.page()).is_some(),
                "{} → {}",
                c.id(),
                c.page()
            );
            let f = pipeline::Finding::new(c, None, Some("X".into()));
            let s = finding_text(&f, lang);
            assert!(!s.is_empty() && !s.contains('{'), "{} {lang}: {s}", c.id());
        }
    }
}
