//! Tool → stage questions generated from the tool catalogue: "Which stage of the DevOps
//! loop is Jenkins mainly used in?". The catalogue engine feeds [`tool_questions`] its
//! facts; until it is wired in, [`facts_from_files`] reads the few fields needed straight
//! from `tools/*.toml` (leniently: the catalogue's own loader validates those files).

use serde::Deserialize;

use super::rng::{Rng, fnv1a};
use super::{Question, QuestionKind, Topic};
use crate::base::{Lang, Localized, Stage};

/// The page that teaches the toolchain; every generated question points to it.
pub const TOOLS_PAGE: &str = "devops-toolchain";

/// How many options a generated question offers (the right stage and three others).
const OPTIONS: usize = 4;

/// What a tool → stage question needs to know about a tool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ToolFact {
    pub id: String,
    pub name: String,
    pub primary_stage: String,
    /// Every stage the tool serves (includes `primary_stage`).
    pub stages: Vec<String>,
    pub summary: Localized<String>,
}

/// One question per tool, with id `tools-<tool id>`: the options are stage names, the right
/// one the tool's primary stage, and the wrong ones only stages the tool does not serve.
/// A tool whose primary stage is unknown, or that serves every stage, gets no question.
pub fn tool_questions(tools: &[ToolFact], stages: &[Stage]) -> Vec<Question> {
    tools
        .iter()
        .filter_map(|t| tool_question(t, stages))
        .collect()
}

fn tool_question(tool: &ToolFact, stages: &[Stage]) -> Option<Question> {
    let primary = stages.iter().position(|s| s.id == tool.primary_stage)?;
    let mut others: Vec<usize> = (0..stages.len())
        .filter(|&i| i != primary && !tool.stages.contains(&stages[i].id))
        .collect();
    if others.is_empty() {
        return None;
    }
    // Which wrong stages are offered is fixed per tool, so the question never changes.
    Rng::new(fnv1a(&tool.id)).shuffle(&mut others);
    others.truncate(OPTIONS - 1);
    others.sort_unstable();
    let picked: Vec<usize> = std::iter::once(primary)
        .chain(others.iter().copied())
        .collect();
    let names = |lang: Lang| -> Vec<String> {
        picked
            .iter()
            .map(|&i| stages[i].name.get(lang).clone())
            .collect()
    };
    let list = |lang: Lang, ids: &mut dyn Iterator<Item = &String>| -> String {
        ids.filter_map(|id| stages.iter().find(|s| &s.id == id))
            .map(|s| s.name.get(lang).as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let also = |lang: Lang| {
        list(
            lang,
            &mut tool.stages.iter().filter(|s| **s != tool.primary_stage),
        )
    };
    let wrong = |lang: Lang| {
        let ids: Vec<&String> = others.iter().map(|&i| &stages[i].id).collect();
        list(lang, &mut ids.into_iter())
    };
    let primary_name = |lang: Lang| stages[primary].name.get(lang).clone();
    let name = &tool.name;

    let also_en = also(Lang::En);
    let also_ko = also(Lang::Ko);
    let explanation = Localized {
        en: format!(
            "{name} is mainly a {} tool. {}{} The other options ({}) are stages it does not serve.",
            primary_name(Lang::En),
            tool.summary.en.trim(),
            if also_en.is_empty() {
                String::new()
            } else {
                format!(" It also serves: {also_en}.")
            },
            wrong(Lang::En),
        ),
        ko: format!(
            "{name}의 주된 단계는 {}입니다. {}{} 나머지 보기({})는 이 도구가 쓰이지 않는 단계입니다.",
            primary_name(Lang::Ko),
            tool.summary.ko.trim(),
            if also_ko.is_empty() {
                String::new()
            } else {
                format!(" 이 밖에 {also_ko} 단계에서도 쓰입니다.")
            },
            wrong(Lang::Ko),
        ),
    };
    Some(Question {
        id: format!("{}{}", Topic::Tools.id_prefix(), tool.id),
        topic: Topic::Tools,
        page: TOOLS_PAGE.to_string(),
        prompt: Localized {
            en: format!("Which stage of the DevOps loop is {name} mainly used in?"),
            ko: format!("{name}을(를) 주로 쓰는 DevOps 루프 단계는 어디입니까?"),
        },
        hint: Some(tool.summary.clone()),
        explanation,
        kind: QuestionKind::Single {
            options: Localized {
                en: names(Lang::En),
                ko: names(Lang::Ko),
            },
            answer: 0,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(id: &str, en: &str, ko: &str) -> Stage {
        Stage {
            id: id.into(),
            name: Localized {
                en: en.into(),
                ko: ko.into(),
            },
            blurb: Localized::default(),
        }
    }

    fn stages() -> Vec<Stage> {
        [
            ("plan", "Plan", "계획"),
            ("code", "Code", "개발"),
            ("build", "Build", "빌드"),
            ("test", "Test", "테스트"),
            ("release", "Release", "릴리스"),
            ("deploy", "Deploy", "배포"),
            ("operate", "Operate", "운영"),
            ("monitor", "Monitor", "모니터링"),
        ]
        .into_iter()
        .map(|(a, b, c)| stage(a, b, c))
        .collect()
    }

    fn fact(id: &str, primary: &str, serves: &[&str]) -> ToolFact {
        ToolFact {
            id: id.into(),
            name: id.to_uppercase(),
            primary_stage: primary.into(),
            stages: serves.iter().map(|s| s.to_string()).collect(),
            summary: Localized {
                en: "A tool.".into(),
                ko: "도구입니다.".into(),
            },
        }
    }

    #[test]
    fn wrong_options_are_stages_the_tool_does_not_serve() {
        let serves = ["build", "test", "release", "deploy"];
        let qs = tool_questions(&[fact("jenkins", "build", &serves)], &stages());
        let q = &qs[0];
        assert_eq!(q.id, "tools-jenkins");
        assert_eq!(q.topic, Topic::Tools);
        assert_eq!(q.page, TOOLS_PAGE);
        let QuestionKind::Single { options, answer } = &q.kind else {
            panic!("not single")
        };
        assert_eq!(options.en[*answer], "Build");
        assert_eq!(options.ko[*answer], "빌드");
        assert_eq!(options.en.len(), 4);
        for wrong in options.en.iter().skip(1) {
            assert!(
                !["Test", "Release", "Deploy", "Build"].contains(&wrong.as_str()),
                "{wrong}"
            );
        }
        assert!(
            q.explanation
                .en
                .contains("It also serves: Test, Release, Deploy.")
        );
        // Deterministic.
        assert_eq!(
            qs,
            tool_questions(&[fact("jenkins", "build", &serves)], &stages())
        );
    }

    #[test]
    fn tools_that_cannot_make_a_question_are_skipped() {
        let all = [
            "plan", "code", "build", "test", "release", "deploy", "operate", "monitor",
        ];
        let qs = tool_questions(
            &[
                fact("everything", "plan", &all),
                fact("odd", "nowhere", &["plan"]),
            ],
            &stages(),
        );
        assert!(qs.is_empty());
        // One stage left: a two-option question.
        let qs = tool_questions(&[fact("almost", "plan", &all[..7])], &stages());
        let QuestionKind::Single { options, .. } = &qs[0].kind else {
            panic!()
        };
        assert_eq!(options.en, ["Plan", "Monitor"]);
        assert!(
            qs[0]
                .explanation
                .en
                .ends_with("The other options (Monitor) are stages it does not serve.")
        );
    }
}
