//! Reading answers: option keys (`1`–`9` or `a`–`z`), sets of keys, orders of keys, true /
//! false words in both languages, and typed answers compared ignoring case, spaces, hyphens
//! and Unicode compatibility forms.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::base::{Lang, i18n};

/// The key shown for the option at `index` (0-based): `1`–`9` (a question has at most
/// nine options); the letter of the same position past that.
pub fn key_for(index: usize) -> char {
    match index {
        0..=8 => char::from(b'1' + index as u8),
        9..=25 => char::from(b'a' + index as u8),
        _ => '?',
    }
}

/// The option a key picks among `n` options: `1`–`9`, or a letter (`a` = the first).
pub fn index_for_key(c: char, n: usize) -> Option<usize> {
    let i = match c.to_ascii_lowercase() {
        d @ '1'..='9' => usize::from(d as u8 - b'1'),
        l @ 'a'..='z' => usize::from(l as u8 - b'a'),
        _ => return None,
    };
    (i < n).then_some(i)
}

/// The form typed answers are compared in: NFKC (so full-width letters and compatibility
/// jamo match), lowercase, without whitespace, hyphens/dashes, underscores or a final period.
pub fn normalize(s: &str) -> String {
    let mut out: String = s
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !is_dash(*c) && *c != '_')
        .collect();
    while out.ends_with(['.', '。']) {
        out.pop();
    }
    out
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}'
    )
}

/// Why an input is not an answer; the caller asks again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// Nothing typed.
    Empty,
    /// Not one key of `1..=n`.
    NotAKey { input: String, n: usize },
    /// A set of keys with a key outside `1..=n`.
    NotKeys { input: String, n: usize },
    /// Not every key of `1..=n` exactly once.
    NotAnOrder { input: String, n: usize },
    /// Not a true / false answer.
    NotTrueFalse { input: String },
    /// There is no question waiting for an answer.
    NotAsking,
}

impl AnswerError {
    /// A message that says what to type instead.
    pub fn message(&self, lang: Lang) -> String {
        let t = &i18n::text(lang).quiz;
        let range = |n: usize| {
            let last = char::from(b'a' + n.clamp(1, 26) as u8 - 1);
            i18n::fill(&t.answer_range, &[("n", &n), ("last", &last)])
        };
        // `input` goes last: what the user typed is never read as a placeholder.
        match self {
            AnswerError::Empty => t.answer_empty.clone(),
            AnswerError::NotAKey { input, n } => i18n::fill(
                &t.answer_not_a_key,
                &[("range", &range(*n)), ("input", input)],
            ),
            AnswerError::NotKeys { input, n } => i18n::fill(
                &t.answer_not_keys,
                &[("range", &range(*n)), ("input", input)],
            ),
            AnswerError::NotAnOrder { input, n } => i18n::fill(
                &t.answer_not_an_order,
                &[
                    ("range", &range(*n)),
                    ("example", &example_order(*n)),
                    ("n", n),
                    ("input", input),
                ],
            ),
            AnswerError::NotTrueFalse { input } => {
                i18n::fill(&t.answer_not_true_false, &[("input", input)])
            }
            AnswerError::NotAsking => t.answer_not_asking.clone(),
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AnswerError {}

fn example_order(n: usize) -> String {
    let mut keys: Vec<String> = (0..n).map(|i| key_for(i).to_string()).collect();
    keys.reverse();
    keys.join(" ")
}

/// The keys in an input, in order: `13`, `1 3`, `1,3`, `a c` and `ac` all give `[0, 2]`.
/// `None` when a character is not a key of `1..=n`.
fn keys(input: &str, n: usize) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for c in input.chars() {
        if c.is_whitespace() || matches!(c, ',' | '+' | ';' | '/' | '、' | '，') {
            continue;
        }
        out.push(index_for_key(c, n)?);
    }
    Some(out)
}

/// One key among `n` options.
pub fn parse_choice(input: &str, n: usize) -> Result<usize, AnswerError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(AnswerError::Empty);
    }
    let mut chars = t.chars();
    match (chars.next().and_then(|c| index_for_key(c, n)), chars.next()) {
        (Some(i), None) => Ok(i),
        _ => Err(AnswerError::NotAKey {
            input: t.to_string(),
            n,
        }),
    }
}

/// A set of keys among `n` options (sorted, without repeats).
pub fn parse_set(input: &str, n: usize) -> Result<Vec<usize>, AnswerError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(AnswerError::Empty);
    }
    let mut set = keys(t, n)
        .filter(|k| !k.is_empty())
        .ok_or_else(|| AnswerError::NotKeys {
            input: t.to_string(),
            n,
        })?;
    set.sort_unstable();
    set.dedup();
    Ok(set)
}

/// Every key of `n` items exactly once, in the order typed.
pub fn parse_order(input: &str, n: usize) -> Result<Vec<usize>, AnswerError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(AnswerError::Empty);
    }
    let err = || AnswerError::NotAnOrder {
        input: t.to_string(),
        n,
    };
    let order = keys(t, n).ok_or_else(err)?;
    let mut seen = vec![false; n];
    for &i in &order {
        if std::mem::replace(&mut seen[i], true) {
            return Err(err());
        }
    }
    if order.len() != n {
        return Err(err());
    }
    Ok(order)
}

/// True or false: `t`/`f`, `true`/`false`, `y`/`n`, `yes`/`no`, `o`/`x`, `1`/`2`,
/// `참`/`거짓`, `예`/`아니오`, `맞다`/`틀리다`, `○`/`×`.
pub fn parse_true_false(input: &str) -> Result<bool, AnswerError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(AnswerError::Empty);
    }
    const TRUE: &[&str] = &[
        "t",
        "true",
        "y",
        "yes",
        "o",
        "1",
        "참",
        "예",
        "네",
        "맞다",
        "맞음",
        "맞아요",
        "○",
        "⭕",
    ];
    const FALSE: &[&str] = &[
        "f",
        "false",
        "n",
        "no",
        "x",
        "2",
        "거짓",
        "아니오",
        "아니요",
        "아니",
        "틀리다",
        "틀림",
        "틀려요",
        "×",
        "❌",
    ];
    let n = normalize(t);
    if TRUE.iter().any(|w| normalize(w) == n) {
        Ok(true)
    } else if FALSE.iter().any(|w| normalize(w) == n) {
        Ok(false)
    } else {
        Err(AnswerError::NotTrueFalse {
            input: t.to_string(),
        })
    }
}

/// Whether a typed answer matches one of the accepted answers (of any language).
pub fn typed_matches<'a>(input: &str, accepted: impl IntoIterator<Item = &'a String>) -> bool {
    let n = normalize(input);
    !n.is_empty() && accepted.into_iter().any(|a| normalize(a) == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_letters() {
        assert_eq!(key_for(0), '1');
        assert_eq!(key_for(8), '9');
        assert_eq!(key_for(9), 'j');
        assert_eq!(index_for_key(key_for(9), 10), Some(9));
        assert_eq!(index_for_key('3', 4), Some(2));
        assert_eq!(index_for_key('C', 4), Some(2));
        assert_eq!(index_for_key('5', 4), None);
        assert_eq!(index_for_key('0', 4), None);
    }

    #[test]
    fn choices() {
        assert_eq!(parse_choice(" 2 ", 4), Ok(1));
        assert_eq!(parse_choice("b", 4), Ok(1));
        assert_eq!(parse_choice("", 4), Err(AnswerError::Empty));
        assert!(matches!(
            parse_choice("5", 4),
            Err(AnswerError::NotAKey { n: 4, .. })
        ));
        assert!(matches!(
            parse_choice("12", 4),
            Err(AnswerError::NotAKey { .. })
        ));
    }

    #[test]
    fn sets_in_any_spelling() {
        for s in ["13", "1 3", "1,3", "a c", "AC", "3 1", "1 3 3"] {
            assert_eq!(parse_set(s, 4), Ok(vec![0, 2]), "{s}");
        }
        assert!(parse_set("1 9", 4).is_err());
        assert!(parse_set(",", 4).is_err());
    }

    #[test]
    fn orders_are_permutations() {
        assert_eq!(parse_order("3142", 4), Ok(vec![2, 0, 3, 1]));
        assert_eq!(parse_order("c a d b", 4), Ok(vec![2, 0, 3, 1]));
        assert!(parse_order("314", 4).is_err());
        assert!(parse_order("3143", 4).is_err());
        assert!(parse_order("31425", 4).is_err());
    }

    #[test]
    fn true_false_words() {
        for t in ["t", "True", "y", "O", "1", "참", "예"] {
            assert_eq!(parse_true_false(t), Ok(true), "{t}");
        }
        for f in ["f", "FALSE", "n", "x", "X", "2", "거짓", "아니오"] {
            assert_eq!(parse_true_false(f), Ok(false), "{f}");
        }
        assert!(parse_true_false("maybe").is_err());
    }

    #[test]
    fn typed_ignores_case_spaces_hyphens_and_width() {
        let acc = vec![
            "Infrastructure as Code".to_string(),
            "프로비저닝".to_string(),
        ];
        for s in [
            "infrastructure as code",
            "INFRASTRUCTURE-AS-CODE",
            "  infrastructure   as  code. ",
            "ｉｎｆｒａｓｔｒｕｃｔｕｒｅ ａｓ ｃｏｄｅ",
            "프로비저닝",
            "프로 비저닝",
            // Decomposed Hangul (as macOS input may send) composes to the same syllables.
            "\u{1111}\u{1173}\u{1105}\u{1169}\u{1107}\u{1175}\u{110c}\u{1165}\u{1102}\u{1175}\u{11bc}",
        ] {
            assert!(typed_matches(s, &acc), "{s:?}");
        }
        assert!(!typed_matches("infrastructure", &acc));
        assert!(!typed_matches("  ", &acc));
    }
}
