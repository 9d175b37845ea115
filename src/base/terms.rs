//! The term list (`content/terms.toml`): one word per concept in each language, the forms
//! to avoid, and the Korean register (합니다체). [`check`] reports every avoided form in the
//! prose of a content folder with its `path:line:column`.
//!
//! Prose is: the body and `title` of a page (not code, not link targets), and every string
//! of a TOML file except identifiers, URLs, search aliases, tags and accepted typed answers
//! (those list the other spellings on purpose). A value's language is the `en` or `ko` key
//! it sits under (`prompt.ko`, `summary = { ko = ... }`), or the file's language
//! (`pages/ko/`, `ko.toml`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::Lang;
use super::Sink;
use super::i18n::fill;

/// Where the list lives in a content folder.
pub const TERMS_FILE: &str = "terms.toml";

/// TOML keys whose strings are not prose.
const NOT_PROSE: [&str; 14] = [
    "id",
    "aliases",
    "tags",
    "accepted",
    "homepage",
    "repo",
    "sources",
    "related",
    "page",
    "topic",
    "kind",
    "correct",
    "stage",
    "primary_stage",
];

/// One concept: the word to use in each language and the forms to avoid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The English word (or spelling) to use.
    #[serde(default)]
    pub en: Option<String>,
    /// The Korean word to use.
    #[serde(default)]
    pub ko: Option<String>,
    /// English forms to avoid: whole words, ignoring ASCII case.
    #[serde(default)]
    pub avoid_en: Vec<String>,
    /// Korean forms to avoid: exact text anywhere (Korean attaches particles to words).
    #[serde(default)]
    pub avoid_ko: Vec<String>,
    /// Phrases in which an avoided form is right anyway (the title of a cited article).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Why, shown with each problem.
    #[serde(default)]
    pub note: Option<String>,
}

/// The Korean register: sentence endings that are not 합니다체.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// Endings that may not close a Korean sentence outside quotation marks.
    pub avoid_endings: Vec<String>,
}

/// The parsed term list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    #[serde(default, rename = "term")]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub register: Register,
    /// The language findings are written in (English when not set).
    #[serde(skip)]
    pub messages_in: Option<Lang>,
}

/// A finding: a byte offset in the checked text and the message.
pub type Finding = (usize, String);

impl Terms {
    /// Problems of the list itself: an entry with nothing to enforce, or a preferred word
    /// that contains one of its own avoided forms (it would flag itself).
    pub fn problems(&self) -> Vec<String> {
        let c = self.say();
        let mut out = Vec::new();
        for t in &self.terms {
            let name = t.en.as_deref().or(t.ko.as_deref()).unwrap_or("?");
            if t.en.is_none() && t.ko.is_none() {
                out.push(c.term_empty.clone());
            }
            if t.avoid_en.is_empty() && t.avoid_ko.is_empty() {
                out.push(fill(&c.term_nothing_to_avoid, &[("term", &name)]));
            }
            for a in &t.avoid_ko {
                if a.is_empty() || t.ko.as_deref().is_some_and(|k| k.contains(a.as_str())) {
                    out.push(fill(&c.term_self_avoid, &[("term", &name), ("form", a)]));
                }
            }
            for a in &t.avoid_en {
                let own = t.en.as_deref().unwrap_or("").to_ascii_lowercase();
                if a.is_empty() || !find_words(&own, &a.to_ascii_lowercase()).is_empty() {
                    out.push(fill(&c.term_self_avoid, &[("term", &name), ("form", a)]));
                }
            }
        }
        out
    }

    /// The `[check]` messages in the findings' language.
    fn say(&self) -> &'static super::i18n::Check {
        &super::i18n::text(self.messages_in.unwrap_or(Lang::En)).check
    }

    /// Checks one file; `path` decides how it is read (`.md` pages, `.toml` data) and, for
    /// pages and `ko.toml`/`en.toml`, its language.
    pub fn check_file(&self, path: &str, text: &str) -> Vec<Finding> {
        let file_lang = lang_of_path(path);
        let mut out = Vec::new();
        if path.ends_with(".md") {
            let lang = file_lang.unwrap_or(Lang::En);
            let body_at = match front_matter(text) {
                Some((fm, body_at)) => {
                    self.check_toml(&text[fm.clone()], fm.start, Some(lang), &mut out);
                    body_at
                }
                None => 0,
            };
            self.check_markdown(text, body_at, lang, &mut out);
        } else if path.ends_with(".toml") {
            self.check_toml(text, 0, file_lang, &mut out);
        }
        out.sort();
        out.dedup();
        out
    }

    /// Checks `full[range]`, prose in one language. `quoted` says which bytes of `full` are
    /// inside quotation marks (the register rule does not apply to quoted speech); what
    /// follows the range in `full` decides whether an ending closes a sentence.
    fn check_prose(
        &self,
        full: &str,
        range: std::ops::Range<usize>,
        base: usize,
        lang: Lang,
        quoted: &[bool],
        out: &mut Vec<Finding>,
    ) {
        let c = self.say();
        let text = &full[range.clone()];
        let lower = text.to_ascii_lowercase();
        for t in &self.terms {
            let (avoid, want) = match lang {
                Lang::En => (&t.avoid_en, t.en.as_deref()),
                Lang::Ko => (&t.avoid_ko, t.ko.as_deref()),
            };
            for form in avoid {
                let hits = match lang {
                    Lang::En => find_words(&lower, &form.to_ascii_lowercase()),
                    // A Korean form starts a word: `경보` is not found in `변경보다`.
                    Lang::Ko => text
                        .match_indices(form.as_str())
                        .map(|(i, _)| i)
                        .filter(|&i| !text[..i].chars().next_back().is_some_and(is_hangul))
                        .collect(),
                };
                for at in hits {
                    if allowed(text, at, form.len(), &t.allow) {
                        continue;
                    }
                    let mut msg = match want {
                        Some(w) => fill(&c.term_write, &[("form", form), ("word", &w)]),
                        None => fill(&c.term_avoid, &[("form", form)]),
                    };
                    if let Some(n) = &t.note {
                        msg.push_str(&fill(&c.term_note, &[("note", n)]));
                    }
                    out.push((base + range.start + at, msg));
                }
            }
        }
        if lang != Lang::Ko {
            return;
        }
        for ending in &self.register.avoid_endings {
            for (at, _) in text.match_indices(ending.as_str()) {
                let at = range.start + at;
                if quoted[at] || !ends_sentence(&full[at + ending.len()..]) {
                    continue;
                }
                out.push((base + at, fill(&c.term_register, &[("ending", ending)])));
            }
        }
    }

    fn check_markdown(&self, text: &str, body_at: usize, lang: Lang, out: &mut Vec<Finding>) {
        let body = &text[body_at..];
        let quoted = quote_mask(&mask_code(body));
        let mut in_code = 0usize;
        for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code += 1,
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::Text(_) if in_code == 0 => {
                    self.check_prose(body, range, body_at, lang, &quoted, out)
                }
                _ => {}
            }
        }
    }

    fn check_toml(&self, text: &str, base: usize, file_lang: Option<Lang>, out: &mut Vec<Finding>) {
        // A file that does not parse is reported by its own loader.
        let Ok(doc) = DeTable::parse(text) else {
            return;
        };
        let mut strings = Vec::new();
        walk_table(doc.get_ref(), file_lang, &mut strings);
        for (range, lang) in strings {
            let raw = &text[range.clone()];
            // Inside the quotes of the literal; escapes such as `\"` stay as written.
            let (inner, skip) = strip_quotes(raw);
            if inner.starts_with("https://") || inner.starts_with("http://") {
                continue;
            }
            let masked = mask_code(inner);
            let quoted = quote_mask(&masked);
            let all = 0..masked.len();
            self.check_prose(&masked, all, base + range.start + skip, lang, &quoted, out);
        }
    }
}

/// Every string of a TOML table that is prose, with the span of its literal and its language.
fn walk_table(
    table: &DeTable<'_>,
    lang: Option<Lang>,
    out: &mut Vec<(std::ops::Range<usize>, Lang)>,
) {
    for (key, value) in table {
        let key = key.get_ref().as_ref();
        if NOT_PROSE.contains(&key) {
            continue;
        }
        let lang = Lang::parse(key).filter(|_| key.len() == 2).or(lang);
        walk_value(value, lang, out);
    }
}

fn walk_value(
    value: &toml::Spanned<DeValue<'_>>,
    lang: Option<Lang>,
    out: &mut Vec<(std::ops::Range<usize>, Lang)>,
) {
    match value.get_ref() {
        DeValue::String(_) => {
            if let Some(lang) = lang {
                out.push((value.span(), lang));
            }
        }
        DeValue::Array(items) => items.iter().for_each(|v| walk_value(v, lang, out)),
        DeValue::Table(t) => walk_table(t, lang, out),
        _ => {}
    }
}

/// The text between a TOML literal's quotes and how many bytes the opening quotes take.
fn strip_quotes(raw: &str) -> (&str, usize) {
    for q in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(inner) = raw.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return (inner, q.len());
        }
    }
    (raw, 0)
}

/// `pages/<lang>/…` and `<lang>.toml` have a language; other files do not.
fn lang_of_path(path: &str) -> Option<Lang> {
    let mut parts = path.split('/').rev();
    let file = parts.next()?;
    if let Some(stem) = file.strip_suffix(".toml") {
        return Lang::parse(stem).filter(|_| stem.len() == 2);
    }
    let dir = parts.next()?;
    (parts.next() == Some("pages"))
        .then(|| Lang::parse(dir))
        .flatten()
}

/// The front matter's TOML (byte range) and where the body starts.
fn front_matter(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = text.strip_prefix("+++\n")?;
    let mut at = 4;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((4..at, at + line.len()));
        }
        at += line.len();
    }
    None
}

/// A Hangul syllable.
fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// Byte offsets of `word` in `lower` where it is a whole word (ASCII letters and digits
/// on neither side). Both are lowercase.
fn find_words(lower: &str, word: &str) -> Vec<usize> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    lower
        .match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| {
            !is_word(lower[..i].chars().next_back())
                && !is_word(lower[i + word.len()..].chars().next())
        })
        .collect()
}

/// True when the hit at `at` lies inside one of the allowed phrases.
fn allowed(text: &str, at: usize, len: usize, allow: &[String]) -> bool {
    allow.iter().any(|phrase| {
        text.match_indices(phrase.as_str())
            .any(|(p, _)| p <= at && at + len <= p + phrase.len())
    })
}

/// True when what follows an ending closes the sentence: end of text, a line break, or
/// terminal punctuation or a comma (`…나요, 아니면…`), after any closing markup.
fn ends_sentence(after: &str) -> bool {
    let after = after.trim_start_matches(['*', '_', ')', '）']);
    match after.chars().next() {
        None | Some('\n' | '\r' | '.' | '?' | '!' | '…' | '~' | '|' | ',') => true,
        Some(c) if c.is_whitespace() => after.trim_start().is_empty(),
        _ => false,
    }
}

/// The text with inline code (between backticks) blanked out, byte for byte.
fn mask_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if in_code {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// For each byte: is it inside quotation marks ("…", '…', “…”, ‘…’, `\"…\"`)? Marks pair
/// up within a line.
fn quote_mask(text: &str) -> Vec<bool> {
    let mut mask = vec![false; text.len() + 1];
    let mut open: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            open = None;
            continue;
        }
        let closes = matches!(
            (open, c),
            (Some('"'), '"') | (Some('\''), '\'') | (Some('“'), '”') | (Some('‘'), '’')
        );
        if closes {
            open = None;
        } else if open.is_none() && matches!(c, '"' | '\'' | '“' | '‘') {
            open = Some(c);
        } else if open.is_some() {
            mask[i..i + c.len_utf8()].iter_mut().for_each(|m| *m = true);
        }
    }
    mask
}

/// Checks every file of the folder against its `terms.toml`, if it has one.
pub(crate) fn check(sink: &mut Sink<'_>) {
    let files = sink.files();
    let Some(file) = files.get(TERMS_FILE) else {
        return;
    };
    let Some(mut terms) = sink.parse::<Terms>(file, &file.text, 0) else {
        return;
    };
    terms.messages_in = Some(sink.lang);
    for p in terms.problems() {
        sink.file(TERMS_FILE, p);
    }
    for f in &files.files {
        if f.path == TERMS_FILE {
            continue;
        }
        for (at, msg) in terms.check_file(&f.path, &f.text) {
            sink.at(f, at, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Terms {
        toml::from_str(
            r#"
            [register]
            avoid_endings = ["나요", "세요", "죠"]
            [[term]]
            en = "organisation"
            ko = "프런트엔드"
            avoid_en = ["organization"]
            avoid_ko = ["프론트엔드"]
            allow = ["프론트엔드의 모든 것"]
            "#,
        )
        .unwrap()
    }

    #[test]
    fn finds_avoided_forms_in_prose_only() {
        let t = terms();
        let md = "+++\nid = \"x\"\ntitle = \"프론트엔드\"\n+++\n\n# 프론트엔드\n\n`프론트엔드` 코드와 [프론트엔드의 모든 것](https://a.b/프론트엔드)\n\n```\n프론트엔드\n```\n";
        let hits: Vec<usize> = t
            .check_file("pages/ko/x.md", md)
            .iter()
            .map(|h| h.0)
            .collect();
        let title = md.find("title = \"").unwrap() + 9;
        let heading = md.find("# 프").unwrap() + 2;
        assert_eq!(hits, [title, heading]);
    }

    #[test]
    fn english_forms_are_whole_words_in_english_values() {
        let t = terms();
        let toml = "a = { en = \"An Organization, organizations\", ko = \"organization\" }\naliases = [\"organization\"]\n";
        let hits = t.check_file("quiz/x.toml", toml);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].0, toml.find("Organization").unwrap());
    }

    #[test]
    fn register_endings_outside_quotes_at_a_sentence_end() {
        let t = terms();
        let toml = "p.ko = \"무엇을 하나요? 그는 \\\"됐나요?\\\"라고 묻죠. 세요나요라는 말\"\n";
        let hits = t.check_file("quiz/x.toml", toml);
        let at: Vec<usize> = hits.iter().map(|h| h.0).collect();
        assert_eq!(
            at,
            [toml.find("나요?").unwrap(), toml.find("죠.").unwrap()],
            "{hits:?}"
        );
    }

    #[test]
    fn the_list_reports_entries_that_cannot_work() {
        let t: Terms = toml::from_str(
            "[[term]]\nko = \"DevOps 팀\"\navoid_ko = [\"팀\"]\n[[term]]\nen = \"x\"\n",
        )
        .unwrap();
        assert_eq!(
            t.problems(),
            [
                "term `DevOps 팀`: `팀` cannot be avoided",
                "term `x` lists no form to avoid"
            ]
        );
    }

    #[test]
    fn languages_come_from_paths() {
        assert_eq!(lang_of_path("pages/ko/a.md"), Some(Lang::Ko));
        assert_eq!(lang_of_path("x/pages/en/a.md"), Some(Lang::En));
        assert_eq!(lang_of_path("i18n/ko.toml"), Some(Lang::Ko));
        assert_eq!(lang_of_path("quiz/basics.toml"), None);
    }
}
