//! Export of the question bank as an Anki-importable CSV file: front (the question and its
//! options), back (the answer, the explanation and the page to read), tags.

use super::rng::Rng;
use super::{KindTag, Practice, Question, QuestionKind, true_false_label};
use crate::base::{Lang, i18n};

/// The CSV text: Anki's header lines (`#separator`, `#html`, `#columns`, `#tags column`),
/// then one note per question. Fields are HTML (escaped, line breaks as `<br>`) and quoted
/// as RFC 4180 requires. With `lang = None`, each side holds English then Korean.
pub fn anki_csv(questions: &[Question], lang: Option<Lang>) -> String {
    let mut out =
        String::from("#separator:comma\n#html:true\n#columns:Front,Back,Tags\n#tags column:3\n");
    let langs: Vec<Lang> = lang.map_or_else(|| Lang::ALL.to_vec(), |l| vec![l]);
    for q in questions {
        let side = |f: &dyn Fn(&Question, Lang) -> String| {
            langs
                .iter()
                .map(|&l| html(&f(q, l)))
                .collect::<Vec<_>>()
                .join("<br><br>")
        };
        let tags = format!(
            "feoops feoops::{} feoops::{}",
            q.topic.id(),
            q.kind.tag().id()
        );
        let row = [side(&front), side(&back), tags];
        let row: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn letter(i: usize) -> char {
    char::from(b'A' + i as u8)
}

/// The order options are shown in on a card: a fixed shuffle per question (the bank
/// often lists the right option first), never the written order for an order question.
fn card_order(q: &Question) -> Vec<usize> {
    let n = match &q.kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multi { options, .. } => {
            options.en.len()
        }
        QuestionKind::Order { items } => items.en.len(),
        _ => return Vec::new(),
    };
    let mut order: Vec<usize> = (0..n).collect();
    Rng::derived(0, &q.id, 0).shuffle(&mut order);
    if matches!(q.kind, QuestionKind::Order { .. })
        && order.iter().enumerate().all(|(i, &o)| i == o)
    {
        order.rotate_left(1);
    }
    order
}

/// The letter an option is shown with on a card.
fn letter_of(q: &Question, index: usize) -> char {
    letter(
        card_order(q)
            .iter()
            .position(|&o| o == index)
            .unwrap_or(index),
    )
}

fn front(q: &Question, lang: Lang) -> String {
    let mut s = q.prompt.get(lang).clone();
    let list = |items: &[String]| {
        items
            .iter()
            .enumerate()
            .map(|(i, t)| format!("\n{}) {t}", letter(i)))
            .collect::<String>()
    };
    let shown =
        |all: &[String]| -> Vec<String> { card_order(q).iter().map(|&i| all[i].clone()).collect() };
    match &q.kind {
        QuestionKind::Scenario { .. } => {
            let labels: Vec<String> = Practice::ALL
                .iter()
                .map(|p| p.label(lang).to_string())
                .collect();
            s.push_str(&list(&labels));
        }
        QuestionKind::Single { options, .. } | QuestionKind::Multi { options, .. } => {
            s.push_str(&list(&shown(options.get(lang))));
            if q.kind.tag() == KindTag::Multi {
                s.push_str(&i18n::text(lang).quiz.export_choose_every);
            }
        }
        QuestionKind::TrueFalse { .. } => s.push_str(&i18n::text(lang).quiz.export_true_false),
        QuestionKind::Order { items } => s.push_str(&list(&shown(items.get(lang)))),
        QuestionKind::Typed { .. } => {}
    }
    s
}

fn back(q: &Question, lang: Lang) -> String {
    let answer = match &q.kind {
        QuestionKind::Single { options, answer } => {
            format!("{}) {}", letter_of(q, *answer), options.get(lang)[*answer])
        }
        QuestionKind::Multi { options, answers } => {
            let mut picked: Vec<(char, &String)> = answers
                .iter()
                .map(|&i| (letter_of(q, i), &options.get(lang)[i]))
                .collect();
            picked.sort();
            picked
                .iter()
                .map(|(l, t)| format!("{l}) {t}"))
                .collect::<Vec<_>>()
                .join("; ")
        }
        QuestionKind::Scenario { correct } => {
            let i = Practice::ALL.iter().position(|p| p == correct).unwrap_or(0);
            format!("{}) {}", letter(i), correct.label(lang))
        }
        QuestionKind::TrueFalse { truth } => true_false_label(*truth, lang).to_string(),
        QuestionKind::Order { items } => {
            let letters: String = (0..items.en.len()).map(|i| letter_of(q, i)).collect();
            format!("{letters}: {}", q.answer_text(lang))
        }
        QuestionKind::Typed { accepted } => accepted.get(lang).join(" / "),
    };
    let read = &i18n::text(lang).quiz.export_read_more;
    format!(
        "{answer}\n\n{}\n\n{read} {}",
        q.explanation.get(lang),
        q.page
    )
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "<br>")
}

/// Quotes a field when it holds a comma, a quote, a line break or leading `#`.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with('#') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_csv_requires() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("#tag"), "\"#tag\"");
        assert_eq!(html("a < b & c\nd"), "a &lt; b &amp; c<br>d");
    }
}
