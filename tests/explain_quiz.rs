//! The pipeline questions: each scenario in content/quiz/pipelines.toml holds a pipeline
//! file, and `explain` must give the answer the question says is right; the user's own
//! pipeline becomes a question whose answer is the verdict.

use std::collections::BTreeMap;
use std::path::Path;

use feoops::base::Lang;
use feoops::library::Library;
use feoops::pipeline::{self, MemFiles, Table, quiz};

#[derive(serde::Deserialize)]
struct File {
    question: Vec<Q>,
}

#[derive(serde::Deserialize)]
struct Q {
    id: String,
    correct: String,
    prompt: BTreeMap<String, String>,
}

/// The file in a prompt's fenced block: its name (first line, a comment) and its text.
fn block(prompt: &str) -> (String, String) {
    let start = prompt.find("```yaml\n").expect("a ```yaml block") + 8;
    let end = start + prompt[start..].find("\n```").expect("closed block");
    let body = &prompt[start..end];
    let (first, rest) = body.split_once('\n').unwrap();
    (
        first.trim_start_matches('#').trim().to_string(),
        format!("{rest}\n"),
    )
}

#[test]
fn every_pipeline_question_is_answered_by_explain() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/quiz/pipelines.toml"),
    )
    .unwrap();
    let file: File = toml::from_str(&text).unwrap();
    assert!(file.question.len() >= 10);
    let loaded = Library::load(&feoops::base::ContentFiles::embedded());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    for q in &file.question {
        assert!(
            loaded.library.question(&q.id).is_some(),
            "{} is in the bank",
            q.id
        );
        let (name, yaml) = block(&q.prompt["en"]);
        assert_eq!(
            block(&q.prompt["ko"]),
            (name.clone(), yaml.clone()),
            "{}: same file in both languages",
            q.id
        );
        let files = MemFiles(BTreeMap::from([(name, yaml)]));
        let r = pipeline::explain(&files, &Table::embedded());
        assert!(r.notes.is_empty(), "{}: {:?}", q.id, r.notes);
        assert_eq!(
            r.verdict.id(),
            q.correct,
            "{}: explain says {:?}",
            q.id,
            r.reasons
        );
    }
}

#[test]
fn your_own_pipeline_as_a_question() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipelines");
    let lib = Library::embedded();
    for (fixture, answer) in [
        ("27-cc-approval", "delivery"),
        ("02-gh-deploy-on-main", "deployment"),
        ("01-gh-ci-only", "ci"),
        ("05-gh-deploy-no-tests", "none"),
    ] {
        let r = pipeline::explain_dir(&dir.join(fixture));
        for lang in Lang::ALL {
            let q = quiz::question(&r, lang, &|s| lib.stage_name(s, lang).to_string()).unwrap();
            assert_eq!(q.options.len(), 4);
            assert_eq!(quiz::OPTIONS[q.correct].id(), answer, "{fixture}");
            assert_eq!(
                q.options[q.correct],
                pipeline::render::verdict_name(r.verdict, lang)
            );
            // The prompt shows the pipeline but not the answer.
            assert!(
                !q.prompt.contains(&q.options[q.correct]),
                "{fixture} {lang}: {}",
                q.prompt
            );
            assert!(q.explanation.contains(&q.options[q.correct]));
        }
    }
    let empty = pipeline::explain_dir(&dir.join("37-empty"));
    assert!(quiz::question(&empty, Lang::En, &|s| s.to_string()).is_none());
}
