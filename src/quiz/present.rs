//! A question as shown in a session: the shuffled order of its options, the options'
//! texts with their keys, and checking an input against it.

use super::answer::{self, AnswerError, key_for};
use super::rng::Rng;
use super::{Practice, Question, QuestionKind, true_false_label};
use crate::base::{Lang, Localized};

/// The options in shown order (key `1` first); empty for typed questions.
pub(super) fn choices(q: &Question, order: &[usize], lang: Lang) -> Vec<String> {
    match &q.kind {
        QuestionKind::Scenario { .. } => {
            Practice::ALL.iter().map(|p| p.label(lang).into()).collect()
        }
        QuestionKind::TrueFalse { .. } => [true, false]
            .iter()
            .map(|&b| true_false_label(b, lang).into())
            .collect(),
        QuestionKind::Single { options, .. } | QuestionKind::Multi { options, .. } => order
            .iter()
            .map(|&i| options.get(lang)[i].clone())
            .collect(),
        QuestionKind::Order { items } => {
            order.iter().map(|&i| items.get(lang)[i].clone()).collect()
        }
        QuestionKind::Typed { .. } => Vec::new(),
    }
}

/// How a question's options or items are shown: shuffled from the seed, the question and
/// the attempt (a retry is shuffled anew). Scenario and true/false options keep their
/// fixed order; an order question is never shown already in order.
pub(super) fn display_order(q: &Question, seed: u64, attempt: u64) -> Vec<usize> {
    let n = match &q.kind {
        QuestionKind::Scenario { .. } => return (0..Practice::ALL.len()).collect(),
        QuestionKind::TrueFalse { .. } => return vec![0, 1],
        QuestionKind::Typed { .. } => return Vec::new(),
        QuestionKind::Single { options, .. } | QuestionKind::Multi { options, .. } => {
            options.en.len()
        }
        QuestionKind::Order { items } => items.en.len(),
    };
    let mut order: Vec<usize> = (0..n).collect();
    Rng::derived(seed, &q.id, attempt).shuffle(&mut order);
    if matches!(q.kind, QuestionKind::Order { .. })
        && order.iter().enumerate().all(|(i, &o)| i == o)
    {
        order.rotate_left(1);
    }
    order
}

/// `2) Continuous Delivery`: a shown key and its option.
fn keyed(pos: usize, text: &str) -> String {
    format!("{}) {text}", key_for(pos))
}

fn both(f: impl Fn(Lang) -> String) -> Localized<String> {
    Localized {
        en: f(Lang::En),
        ko: f(Lang::Ko),
    }
}

/// An input checked against a question as shown.
pub(super) struct Checked {
    pub correct: bool,
    /// The answer given, as shown (`1) CI only`, `3 1 2: A → B → C`).
    pub given: Localized<String>,
    /// The answer given as text only (`CI only`, `A → B → C`): keys mean nothing once the
    /// options are reshuffled, so the report uses this.
    pub given_text: Localized<String>,
}

/// Checks an input against a question as shown.
pub(super) fn check(q: &Question, order: &[usize], input: &str) -> Result<Checked, AnswerError> {
    // The positions picked (in the order given), for the kinds answered by keys.
    let (correct, picked): (bool, Vec<usize>) = match &q.kind {
        QuestionKind::Scenario { correct } => {
            let t = input.trim().to_ascii_lowercase();
            let pos = match Practice::parse(&t) {
                Some(p) => Practice::ALL.iter().position(|x| *x == p).unwrap_or(0),
                None => answer::parse_choice(input, Practice::ALL.len())?,
            };
            (Practice::ALL[pos] == *correct, vec![pos])
        }
        QuestionKind::Single { answer, .. } => {
            let pos = answer::parse_choice(input, order.len())?;
            (order[pos] == *answer, vec![pos])
        }
        QuestionKind::Multi { answers, .. } => {
            let set = answer::parse_set(input, order.len())?;
            let mut chosen: Vec<usize> = set.iter().map(|&p| order[p]).collect();
            chosen.sort_unstable();
            (chosen == *answers, set)
        }
        QuestionKind::Order { .. } => {
            let seq = answer::parse_order(input, order.len())?;
            let right = seq.iter().enumerate().all(|(i, &p)| order[p] == i);
            (right, seq)
        }
        QuestionKind::TrueFalse { truth } => {
            let v = answer::parse_true_false(input)?;
            let given = both(|l| true_false_label(v, l).into());
            return Ok(Checked {
                correct: v == *truth,
                given_text: given.clone(),
                given,
            });
        }
        QuestionKind::Typed { accepted } => {
            if input.trim().is_empty() {
                return Err(AnswerError::Empty);
            }
            let ok = answer::typed_matches(input, accepted.en.iter().chain(&accepted.ko));
            let given = both(|_| input.trim().to_string());
            return Ok(Checked {
                correct: ok,
                given_text: given.clone(),
                given,
            });
        }
    };
    let is_order = matches!(q.kind, QuestionKind::Order { .. });
    let given = both(|l| {
        let c = choices(q, order, l);
        if is_order {
            sequence_text(&picked, &c)
        } else {
            picked
                .iter()
                .map(|&p| keyed(p, &c[p]))
                .collect::<Vec<_>>()
                .join("; ")
        }
    });
    let given_text = both(|l| {
        let c = choices(q, order, l);
        let texts: Vec<&str> = picked.iter().map(|&p| c[p].as_str()).collect();
        texts.join(if is_order { " → " } else { "; " })
    });
    Ok(Checked {
        correct,
        given,
        given_text,
    })
}

/// `3 1 2: Plan → Code → Build`: keys in the order given and the items they name.
fn sequence_text(seq: &[usize], shown: &[String]) -> String {
    let keys: Vec<String> = seq.iter().map(|&p| key_for(p).to_string()).collect();
    let items: Vec<&str> = seq.iter().map(|&p| shown[p].as_str()).collect();
    format!("{}: {}", keys.join(" "), items.join(" → "))
}

/// The right answer as shown, with its keys.
pub(super) fn right_answer(q: &Question, order: &[usize]) -> Localized<String> {
    let pos_of = |i: usize| order.iter().position(|&o| o == i).unwrap_or(0);
    both(|l| {
        let c = choices(q, order, l);
        match &q.kind {
            QuestionKind::Scenario { correct } => {
                let p = Practice::ALL.iter().position(|x| x == correct).unwrap_or(0);
                keyed(p, &c[p])
            }
            QuestionKind::Single { answer, .. } => keyed(pos_of(*answer), &c[pos_of(*answer)]),
            QuestionKind::Multi { answers, .. } => {
                let mut pos: Vec<usize> = answers.iter().map(|&a| pos_of(a)).collect();
                pos.sort_unstable();
                pos.iter()
                    .map(|&p| keyed(p, &c[p]))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            QuestionKind::TrueFalse { .. } | QuestionKind::Typed { .. } => q.answer_text(l),
            QuestionKind::Order { items } => {
                let seq: Vec<usize> = (0..items.en.len()).map(pos_of).collect();
                sequence_text(&seq, &c)
            }
        }
    })
}
