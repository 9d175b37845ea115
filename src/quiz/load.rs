//! Loading and validation of the question bank, `quiz/*.toml`. Each problem is reported at
//! its file, line and column; a question with a problem is left out, the rest still load.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::answer::normalize;
use super::{KindTag, MAX_OPTIONS, Practice, Question, QuestionKind, Topic};
use crate::base::{Lang, Localized, PageIds, Sink, SourceFile, is_slug};

/// A text in both languages as written (`prompt.en = "..."`, `prompt.ko = "..."`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText<T> {
    #[serde(default)]
    en: Option<Spanned<T>>,
    #[serde(default)]
    ko: Option<Spanned<T>>,
}

type RawList = RawText<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<Spanned<String>>,
    topic: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    page: Option<Spanned<String>>,
    prompt: Option<RawText<String>>,
    hint: Option<RawText<String>>,
    explanation: Option<RawText<String>>,
    correct: Option<Spanned<String>>,
    options: Option<RawList>,
    answers: Option<Spanned<Vec<Spanned<i64>>>>,
    truth: Option<Spanned<bool>>,
    items: Option<RawList>,
    accepted: Option<RawList>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

/// Checks one question at a time, reporting into the sink.
struct Checker<'s, 'a> {
    sink: &'s mut Sink<'a>,
    file: &'a SourceFile,
    /// Where the question starts, for problems without a better place.
    at: usize,
    ok: bool,
}

impl Checker<'_, '_> {
    /// A `[check]` message in the sink's language.
    fn say(
        &self,
        pick: impl FnOnce(&'static crate::base::i18n::Check) -> &'static String,
        values: &[(&str, &dyn std::fmt::Display)],
    ) -> String {
        self.sink.say(pick, values)
    }

    fn problem(&mut self, offset: usize, message: impl Into<String>) {
        self.sink.at(self.file, offset, message);
        self.ok = false;
    }

    /// A required text in both languages, not empty.
    fn text(&mut self, name: &str, raw: Option<RawText<String>>) -> Option<Localized<String>> {
        let Some(raw) = raw else {
            self.problem(self.at, self.say(|c| &c.q_no_field, &[("name", &name)]));
            return None;
        };
        let mut out: Localized<Option<String>> = Localized { en: None, ko: None };
        for lang in Lang::ALL {
            let (this, other) = match lang {
                Lang::En => (&raw.en, &raw.ko),
                Lang::Ko => (&raw.ko, &raw.en),
            };
            match this {
                None => {
                    let at = other.as_ref().map_or(self.at, |o| o.span().start);
                    self.problem(
                        at,
                        self.say(|c| &c.q_no_text, &[("name", &name), ("lang", &lang)]),
                    );
                }
                Some(s) if s.get_ref().trim().is_empty() => {
                    self.problem(
                        s.span().start,
                        self.say(|c| &c.q_text_empty, &[("name", &name), ("lang", &lang)]),
                    );
                }
                Some(s) => {
                    *match lang {
                        Lang::En => &mut out.en,
                        Lang::Ko => &mut out.ko,
                    } = Some(s.get_ref().trim().to_string());
                }
            }
        }
        Some(Localized {
            en: out.en?,
            ko: out.ko?,
        })
    }

    /// A list of options or items in both languages: `min..=MAX_OPTIONS` entries, the same
    /// count in each language, none empty or repeated.
    fn list(&mut self, name: &str, raw: RawList, min: usize) -> Option<Localized<Vec<String>>> {
        let (Some(en), Some(ko)) = (&raw.en, &raw.ko) else {
            let (missing, other) = if raw.en.is_none() {
                ("en", &raw.ko)
            } else {
                ("ko", &raw.en)
            };
            let at = other.as_ref().map_or(self.at, |o| o.span().start);
            self.problem(
                at,
                self.say(|c| &c.q_no_list, &[("name", &name), ("lang", &missing)]),
            );
            return None;
        };
        let mut ok = true;
        for (lang, list) in [(Lang::En, en), (Lang::Ko, ko)] {
            let n = list.get_ref().len();
            if !(min..=MAX_OPTIONS).contains(&n) {
                self.problem(
                    list.span().start,
                    self.say(
                        |c| &c.q_entries_count,
                        &[
                            ("name", &name),
                            ("lang", &lang),
                            ("min", &min),
                            ("max", &MAX_OPTIONS),
                            ("n", &n),
                        ],
                    ),
                );
                ok = false;
            }
            let mut seen = HashSet::new();
            for item in list.get_ref() {
                let text = item.get_ref().trim();
                if text.is_empty() {
                    self.problem(
                        item.span().start,
                        self.say(|c| &c.q_entry_empty, &[("name", &name), ("lang", &lang)]),
                    );
                    ok = false;
                } else if !seen.insert(normalize(text)) {
                    self.problem(
                        item.span().start,
                        self.say(
                            |c| &c.q_entry_twice,
                            &[("name", &name), ("lang", &lang), ("text", &text)],
                        ),
                    );
                    ok = false;
                }
            }
        }
        let (n_en, n_ko) = (en.get_ref().len(), ko.get_ref().len());
        if n_en != n_ko {
            self.problem(
                ko.span().start,
                self.say(
                    |c| &c.q_counts_differ,
                    &[("name", &name), ("ko", &n_ko), ("en", &n_en)],
                ),
            );
            ok = false;
        }
        let strings = |l: &Spanned<Vec<Spanned<String>>>| {
            l.get_ref()
                .iter()
                .map(|s| s.get_ref().trim().to_string())
                .collect()
        };
        ok.then(|| Localized {
            en: strings(en),
            ko: strings(ko),
        })
    }

    /// The answer indices of a `single` or `multi` question.
    fn answers(
        &mut self,
        tag: KindTag,
        kind_at: usize,
        raw: Option<Spanned<Vec<Spanned<i64>>>>,
        n: usize,
    ) -> Option<Vec<usize>> {
        let Some(raw) = raw else {
            self.problem(kind_at, self.say(|c| &c.q_needs_answers, &[("kind", &tag)]));
            return None;
        };
        let mut out = Vec::new();
        for a in raw.get_ref() {
            let v = *a.get_ref();
            match usize::try_from(v).ok().filter(|&i| i < n) {
                Some(i) if out.contains(&i) => self.problem(
                    a.span().start,
                    self.say(|c| &c.q_answer_twice, &[("i", &i)]),
                ),
                Some(i) => out.push(i),
                None => self.problem(
                    a.span().start,
                    self.say(
                        |c| &c.q_answer_range,
                        &[("value", &v), ("max", &n.saturating_sub(1))],
                    ),
                ),
            }
        }
        let at = raw.span().start;
        match tag {
            KindTag::Single if raw.get_ref().len() != 1 => {
                self.problem(at, self.say(|c| &c.q_single_one, &[]))
            }
            KindTag::Multi if raw.get_ref().len() < 2 => {
                self.problem(at, self.say(|c| &c.q_multi_two, &[]))
            }
            KindTag::Multi if out.len() >= n => {
                self.problem(at, self.say(|c| &c.q_multi_wrong, &[]))
            }
            _ => {}
        }
        out.sort_unstable();
        Some(out)
    }

    /// The typed answers accepted in each language: at least one each, none that is empty
    /// once case, spaces and hyphens are ignored.
    fn accepted(&mut self, raw: RawList) -> Option<Localized<Vec<String>>> {
        let mut out: Localized<Vec<String>> = Localized::default();
        for lang in Lang::ALL {
            let (this, other) = match lang {
                Lang::En => (&raw.en, &raw.ko),
                Lang::Ko => (&raw.ko, &raw.en),
            };
            let Some(list) = this else {
                let at = other.as_ref().map_or(self.at, |o| o.span().start);
                self.problem(
                    at,
                    self.say(|c| &c.q_no_list, &[("name", &"accepted"), ("lang", &lang)]),
                );
                continue;
            };
            if list.get_ref().is_empty() {
                self.problem(
                    list.span().start,
                    self.say(
                        |c| &c.q_text_empty,
                        &[("name", &"accepted"), ("lang", &lang)],
                    ),
                );
            }
            for a in list.get_ref() {
                if normalize(a.get_ref()).is_empty() {
                    self.problem(
                        a.span().start,
                        self.say(|c| &c.q_accepted_blank, &[("text", a.get_ref())]),
                    );
                }
            }
            *match lang {
                Lang::En => &mut out.en,
                Lang::Ko => &mut out.ko,
            } = list
                .get_ref()
                .iter()
                .map(|s| s.get_ref().trim().to_string())
                .collect();
        }
        Some(out)
    }
}

/// A field that only some kinds use.
fn field_at<T>(f: &Option<Spanned<T>>) -> Option<usize> {
    f.as_ref().map(|s| s.span().start)
}

fn list_at(f: &Option<RawList>) -> Option<usize> {
    f.as_ref()
        .and_then(|l| l.en.as_ref().or(l.ko.as_ref()))
        .map(|s| s.span().start)
}

/// Loads every `quiz/*.toml`, checking each question against the pages that exist (when
/// `page_ids` is given; the shipped bank's links are checked by the test suite).
pub(crate) fn load_questions(sink: &mut Sink, page_ids: Option<&PageIds>) -> Vec<Question> {
    let files = sink.files;
    let mut questions = Vec::new();
    // id -> (file path, line) of its first use.
    let mut first: HashMap<String, String> = HashMap::new();
    for file in files.in_dir("quiz", ".toml") {
        let Some(parsed) = sink.parse::<QuizFile>(file, &file.text, 0) else {
            continue;
        };
        for raw in parsed.question {
            let at = raw.span().start;
            let mut c = Checker {
                sink,
                file,
                at,
                ok: true,
            };
            if let Some(q) = check_question(&mut c, raw.into_inner(), page_ids, &mut first) {
                questions.push(q);
            }
        }
    }
    questions
}

fn check_question(
    c: &mut Checker,
    raw: RawQuestion,
    page_ids: Option<&PageIds>,
    first: &mut HashMap<String, String>,
) -> Option<Question> {
    let Some(id) = raw.id else {
        c.problem(c.at, c.say(|c| &c.q_no_field, &[("name", &"id")]));
        return None;
    };
    let id_at = id.span().start;
    let id = id.into_inner();
    if !is_slug(&id) {
        c.problem(id_at, c.say(|c| &c.q_id_not_slug, &[("id", &id)]));
        return None;
    }
    let (line, _) = c.sink.line_col(c.file, id_at);
    let here = format!("{}:{line}", c.sink.files.display_path(&c.file.path));
    if let Some(other) = first.get(&id) {
        c.problem(
            id_at,
            c.say(|c| &c.q_id_duplicate, &[("id", &id), ("other", other)]),
        );
        return None;
    }
    first.insert(id.clone(), here);

    let topic = match raw.topic {
        None => {
            c.problem(
                c.at,
                c.say(|c| &c.q_has_no, &[("id", &id), ("name", &"topic")]),
            );
            None
        }
        Some(t) => match Topic::parse(t.get_ref()).filter(|p| p.id() == t.get_ref()) {
            Some(topic) => {
                if !id.starts_with(topic.id_prefix()) {
                    c.problem(
                        id_at,
                        c.say(
                            |c| &c.q_id_prefix,
                            &[
                                ("id", &id),
                                ("prefix", &topic.id_prefix()),
                                ("topic", &topic),
                            ],
                        ),
                    );
                }
                Some(topic)
            }
            None => {
                let known: Vec<&str> = Topic::ALL.iter().map(|t| t.id()).collect();
                c.problem(
                    t.span().start,
                    c.say(
                        |c| &c.q_unknown_topic,
                        &[("id", t.get_ref()), ("known", &known.join(", "))],
                    ),
                );
                None
            }
        },
    };

    let page = match raw.page {
        None => {
            c.problem(
                c.at,
                c.say(|c| &c.q_has_no, &[("id", &id), ("name", &"page")]),
            );
            None
        }
        Some(p) => {
            let missing: Vec<Lang> = Lang::ALL
                .into_iter()
                .filter(|l| {
                    page_ids.is_some_and(|ids| !ids.get(l).is_some_and(|i| i.contains(p.get_ref())))
                })
                .collect();
            if missing.len() == Lang::ALL.len() {
                c.problem(
                    p.span().start,
                    c.say(|c| &c.q_page_missing, &[("id", p.get_ref())]),
                );
            } else if let Some(l) = missing.first() {
                c.problem(
                    p.span().start,
                    c.say(
                        |c| &c.q_page_missing_in,
                        &[("id", p.get_ref()), ("lang", l)],
                    ),
                );
            }
            Some(p.into_inner())
        }
    };

    let prompt = c.text("prompt", raw.prompt);
    let explanation = c.text("explanation", raw.explanation);
    let hint = match raw.hint {
        Some(h) => Some(c.text("hint", Some(h))?),
        None => None,
    };

    let Some(kind_raw) = raw.kind else {
        c.problem(
            c.at,
            c.say(|c| &c.q_has_no, &[("id", &id), ("name", &"kind")]),
        );
        return None;
    };
    let kind_at = kind_raw.span().start;
    let Some(tag) = KindTag::parse(kind_raw.get_ref()) else {
        let known: Vec<&str> = KindTag::ALL.iter().map(|k| k.id()).collect();
        c.problem(
            kind_at,
            c.say(
                |c| &c.q_unknown_kind,
                &[("id", kind_raw.get_ref()), ("known", &known.join(", "))],
            ),
        );
        return None;
    };

    // Fields of other kinds are mistakes (a `truth` on a `single` question is never read).
    let used: &[&str] = match tag {
        KindTag::Scenario => &["correct"],
        KindTag::Single | KindTag::Multi => &["options", "answers"],
        KindTag::TrueFalse => &["truth"],
        KindTag::Order => &["items"],
        KindTag::Typed => &["accepted"],
    };
    for (name, at) in [
        ("correct", field_at(&raw.correct)),
        ("options", list_at(&raw.options)),
        ("answers", field_at(&raw.answers)),
        ("truth", field_at(&raw.truth)),
        ("items", list_at(&raw.items)),
        ("accepted", list_at(&raw.accepted)),
    ] {
        if let Some(at) = at
            && !used.contains(&name)
        {
            c.problem(
                at,
                c.say(|c| &c.q_field_not_for, &[("name", &name), ("kind", &tag)]),
            );
        }
    }

    let kind = match tag {
        KindTag::Scenario => {
            let Some(correct) = raw.correct else {
                c.problem(kind_at, c.say(|c| &c.q_scenario_correct, &[]));
                return None;
            };
            match Practice::parse(correct.get_ref()) {
                Some(p) => QuestionKind::Scenario { correct: p },
                None => {
                    c.problem(
                        correct.span().start,
                        c.say(|c| &c.q_unknown_practice, &[("id", correct.get_ref())]),
                    );
                    return None;
                }
            }
        }
        KindTag::Single | KindTag::Multi => {
            let Some(options) = raw.options else {
                c.problem(kind_at, c.say(|c| &c.q_needs_options, &[("kind", &tag)]));
                return None;
            };
            let options = c.list("options", options, 2);
            let n = options.as_ref().map_or(MAX_OPTIONS, |o| o.en.len());
            let answers = c.answers(tag, kind_at, raw.answers, n)?;
            let options = options?;
            if tag == KindTag::Single {
                QuestionKind::Single {
                    options,
                    answer: *answers.first()?,
                }
            } else {
                QuestionKind::Multi { options, answers }
            }
        }
        KindTag::TrueFalse => {
            let Some(truth) = raw.truth else {
                c.problem(kind_at, c.say(|c| &c.q_truth, &[]));
                return None;
            };
            QuestionKind::TrueFalse {
                truth: truth.into_inner(),
            }
        }
        KindTag::Order => {
            let Some(items) = raw.items else {
                c.problem(kind_at, c.say(|c| &c.q_order_items, &[]));
                return None;
            };
            QuestionKind::Order {
                items: c.list("items", items, 2)?,
            }
        }
        KindTag::Typed => {
            let Some(accepted) = raw.accepted else {
                c.problem(kind_at, c.say(|c| &c.q_typed_accepted, &[]));
                return None;
            };
            QuestionKind::Typed {
                accepted: c.accepted(accepted)?,
            }
        }
    };

    if !c.ok {
        return None;
    }
    Some(Question {
        id,
        topic: topic?,
        page: page?,
        prompt: prompt?,
        hint,
        explanation: explanation?,
        kind,
    })
}
