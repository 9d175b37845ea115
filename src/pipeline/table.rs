//! The recognition table (`content/explain.toml`): which actions, images and commands
//! belong to which stages of the loop and which catalogue tools. Data, not code.

use serde::Deserialize;
use toml::Spanned;

use super::model::{Step, StepKind};

/// The table shipped in the binary.
pub const EMBEDDED: &str = include_str!("../../content/explain.toml");
/// Its path inside a content folder.
pub const PATH: &str = "explain.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(rename = "match")]
    pattern: String,
    #[serde(default)]
    stages: Vec<Spanned<String>>,
    #[serde(default)]
    tools: Vec<Spanned<String>>,
    /// The step keeps a build cache.
    #[serde(default)]
    cache: bool,
    /// The step is a smoke test, a health check or a rollback.
    #[serde(default)]
    verify: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    uses: Vec<Spanned<RawRule>>,
    #[serde(default)]
    image: Vec<Spanned<RawRule>>,
    #[serde(default)]
    command: Vec<Spanned<RawRule>>,
}

/// One rule: a pattern and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// `uses`/`image`: a prefix of the name (before `@` or `:`); `command`: words that
    /// must appear in this order in one command (`kubectl apply`; `test*` is a prefix).
    pub pattern: String,
    pub stages: Vec<String>,
    pub tools: Vec<String>,
    pub cache: bool,
    pub verify: bool,
    /// The pattern in lower case, and its words (for `command` rules).
    lower: String,
    words: Vec<String>,
    /// Byte offsets in the table's text, for problems.
    offset: usize,
    stage_offsets: Vec<usize>,
    tool_offsets: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub uses: Vec<Rule>,
    pub images: Vec<Rule>,
    pub commands: Vec<Rule>,
}

/// A problem in the table: byte offset and message.
pub type TableProblem = (usize, String);

fn rule(r: Spanned<RawRule>) -> Rule {
    let offset = r.span().start;
    let r = r.into_inner();
    let lower = r.pattern.trim().to_ascii_lowercase();
    Rule {
        words: lower.split_whitespace().map(str::to_string).collect(),
        lower,
        pattern: r.pattern.trim().to_string(),
        stage_offsets: r.stages.iter().map(|s| s.span().start).collect(),
        tool_offsets: r.tools.iter().map(|s| s.span().start).collect(),
        stages: r.stages.into_iter().map(Spanned::into_inner).collect(),
        tools: r.tools.into_iter().map(Spanned::into_inner).collect(),
        cache: r.cache,
        verify: r.verify,
        offset,
    }
}

impl Table {
    /// The shipped table (it is checked by the tests, so it always parses).
    pub fn embedded() -> Table {
        Table::parse(EMBEDDED).unwrap_or_default()
    }

    pub fn parse(text: &str) -> Result<Table, TableProblem> {
        let raw: RawTable = toml::from_str(text).map_err(|e| {
            (
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
            )
        })?;
        Ok(Table {
            uses: raw.uses.into_iter().map(rule).collect(),
            images: raw.image.into_iter().map(rule).collect(),
            commands: raw.command.into_iter().map(rule).collect(),
        })
    }

    /// Problems against the stages and the tool catalogue that exist.
    pub fn validate(
        &self,
        stage_exists: impl Fn(&str) -> bool,
        tool_exists: impl Fn(&str) -> bool,
    ) -> Vec<TableProblem> {
        self.validate_in(crate::base::Lang::En, stage_exists, tool_exists)
    }

    /// [`Table::validate`], the problems written in `lang`.
    pub fn validate_in(
        &self,
        lang: crate::base::Lang,
        stage_exists: impl Fn(&str) -> bool,
        tool_exists: impl Fn(&str) -> bool,
    ) -> Vec<TableProblem> {
        let c = &crate::base::i18n::text(lang).check;
        let fill = crate::base::i18n::fill;
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (section, rules) in [
            ("uses", &self.uses),
            ("image", &self.images),
            ("command", &self.commands),
        ] {
            for r in rules {
                if r.pattern.is_empty() {
                    out.push((
                        r.offset,
                        fill(&c.rule_empty_match, &[("section", &section)]),
                    ));
                }
                if !seen.insert((section, r.pattern.to_ascii_lowercase())) {
                    out.push((
                        r.offset,
                        fill(
                            &c.rule_twice,
                            &[("section", &section), ("rule", &r.pattern)],
                        ),
                    ));
                }
                if r.stages.is_empty() && r.tools.is_empty() && !r.cache && !r.verify {
                    out.push((
                        r.offset,
                        fill(
                            &c.rule_says_nothing,
                            &[("section", &section), ("rule", &r.pattern)],
                        ),
                    ));
                }
                for (s, at) in r.stages.iter().zip(&r.stage_offsets) {
                    if !stage_exists(s) {
                        out.push((*at, fill(&c.rule_unknown_stage, &[("id", s)])));
                    }
                }
                for (t, at) in r.tools.iter().zip(&r.tool_offsets) {
                    if !tool_exists(t) {
                        out.push((*at, fill(&c.rule_unknown_tool, &[("id", t)])));
                    }
                }
            }
        }
        out
    }

    /// Fills a step's stages, tools, cache and verify marks from the rules that match it.
    pub fn recognise(&self, step: &mut Step) {
        let text = step.text.as_str();
        let hits: Vec<&Rule> = match step.kind {
            StepKind::Uses | StepKind::Builtin => {
                let name = text.split('@').next().unwrap_or(text).to_ascii_lowercase();
                self.uses
                    .iter()
                    .filter(|r| prefix_match(&name, &r.lower, '/'))
                    .collect()
            }
            StepKind::Image => {
                let name = image_name(text);
                self.images
                    .iter()
                    .filter(|r| prefix_match(&name, &r.lower, '/'))
                    .collect()
            }
            StepKind::Run => {
                // Per command, the most specific rules win: `make test` is a test, not
                // also a build because `make` alone is one.
                let mut hits = Vec::new();
                for seg in command_segments(text) {
                    let matched: Vec<&Rule> = self
                        .commands
                        .iter()
                        .filter(|r| words_match(&seg, &r.words))
                        .collect();
                    let most = matched.iter().map(|r| r.words.len()).max();
                    hits.extend(matched.into_iter().filter(|r| Some(r.words.len()) == most));
                }
                hits
            }
        };
        for r in hits {
            for s in &r.stages {
                if !step.stages.contains(s) {
                    step.stages.push(s.clone());
                }
            }
            for t in &r.tools {
                if !step.tools.contains(t) {
                    step.tools.push(t.clone());
                }
            }
            step.caches |= r.cache;
            step.verifies |= r.verify;
        }
        // A step named as a smoke test, health check or rollback verifies the deployment.
        if let Some(n) = &step.name {
            let n = n.to_ascii_lowercase();
            if ["smoke", "health", "rollback", "roll back"]
                .iter()
                .any(|w| n.contains(w))
            {
                step.verifies = true;
            }
        }
        // `with: cache: npm` on a setup action keeps a cache too.
        if step
            .with
            .iter()
            .any(|(k, v)| (k == "cache" && !v.is_empty() && v != "false") || k == "cache-from")
        {
            step.caches = true;
        }
    }
}

/// The name of an image without registry tag or digest (`docker.io/library/node:22` → `node`).
fn image_name(text: &str) -> String {
    let t = text.trim().to_ascii_lowercase();
    let t = t.split('@').next().unwrap_or(&t);
    // A tag follows the last ':' after the last '/'.
    let slash = t.rfind('/').map_or(0, |i| i + 1);
    let t = match t[slash..].find(':') {
        Some(c) => &t[..slash + c],
        None => t,
    };
    let t = t
        .strip_prefix("docker.io/")
        .or_else(|| t.strip_prefix("index.docker.io/"))
        .unwrap_or(t);
    t.strip_prefix("library/").unwrap_or(t).to_string()
}

/// `name` equals `p` (lower case) or starts with it followed by `sep`.
fn prefix_match(name: &str, p: &str, sep: char) -> bool {
    name == p || (name.starts_with(p) && (p.ends_with(sep) || name[p.len()..].starts_with(sep)))
}

/// The commands of a `run:` text: one per line, split at `&&`, `||`, `;` and `|`.
pub fn command_segments(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        for seg in line.split(['&', ';', '|']) {
            let words: Vec<String> = seg
                .split_whitespace()
                .map(|w| {
                    let w = w.trim_matches(|c| c == '"' || c == '\'' || c == '(' || c == ')');
                    w.rsplit('/').next().unwrap_or(w).to_ascii_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    out
}

/// The pattern's first word starts the command (after `sudo`, `npx`, `env X=1`...), the
/// others follow in order.
fn words_match(words: &[String], pat: &[String]) -> bool {
    let Some(first) = pat.first() else {
        return false;
    };
    let start = words.iter().position(|w| {
        !matches!(w.as_str(), "sudo" | "npx" | "env" | "time" | "exec") && !w.contains('=')
    });
    let Some(start) = start else {
        return false;
    };
    if !word_eq(&words[start], first) {
        return false;
    }
    let mut rest = words[start + 1..].iter();
    pat[1..].iter().all(|p| rest.any(|w| word_eq(w, p)))
}

fn word_eq(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == pattern,
    }
}

/// Checks `explain.toml` of a content folder (when it has one) against the stages and
/// tools that exist, for `feoops check` and the content tests.
pub(crate) fn check(
    sink: &mut crate::base::Sink,
    stage_exists: impl Fn(&str) -> bool,
    tool_exists: impl Fn(&str) -> bool,
) {
    let Some(file) = sink.files().get(PATH) else {
        return;
    };
    let problems = match Table::parse(&file.text) {
        Ok(t) => t.validate_in(sink.lang, stage_exists, tool_exists),
        Err((at, m)) => vec![(at, sink.say(|c| &c.toml_syntax, &[("message", &m)]))],
    };
    for (at, message) in problems {
        sink.at(file, at, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_words() {
        assert_eq!(image_name("docker.io/library/node:22-alpine"), "node");
        assert_eq!(image_name("hashicorp/terraform:1.9"), "hashicorp/terraform");
        assert_eq!(
            image_name("registry.example.com:5000/team/app@sha256:ab"),
            "registry.example.com:5000/team/app"
        );
        let w = |p: &str| p.split(' ').map(str::to_string).collect::<Vec<_>>();
        let seg = &command_segments("sudo kubectl -n prod apply -f k8s/")[0];
        assert!(words_match(seg, &w("kubectl apply")));
        assert!(!words_match(seg, &w("kubectl delete")));
        assert!(words_match(
            &command_segments("./gradlew test")[0],
            &w("gradlew test")
        ));
        assert!(prefix_match(
            "docker/build-push-action",
            "docker/build-push-action",
            '/'
        ));
        assert!(!prefix_match(
            "docker/build-push-actions",
            "docker/build-push-action",
            '/'
        ));
    }
}
