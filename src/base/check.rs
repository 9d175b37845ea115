//! Small checks every loader uses: slugs, https URLs, and "did you mean" suggestions.

/// True for a lowercase slug: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A well-formed absolute https URL with a host.
pub fn is_https_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && host.contains('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
}

/// The candidates closest to `wanted` (by edit distance, prefix and substring), best first.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<String> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lc = c.to_lowercase();
            let d = levenshtein(&wanted, &lc);
            let close = d <= (wanted.chars().count().max(3) / 2).max(2);
            let contains = !wanted.is_empty() && (lc.contains(&wanted) || wanted.contains(&lc));
            (close || contains).then_some((if contains { d.min(1) } else { d }, c))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_string())
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("stage-plan"));
        assert!(is_slug("ci2"));
        for bad in ["", "-a", "a-", "a--b", "Stage", "a_b", "가"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(is_https_url(
            "https://aws.amazon.com/devops/what-is-devops/"
        ));
        for bad in [
            "http://example.com",
            "https://",
            "https://localhost",
            "https://a b.com",
            "ftp://x.y",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }

    #[test]
    fn closest_prefers_near_ids() {
        let ids = [
            "continuous-integration",
            "continuous-delivery",
            "glossary",
            "references",
        ];
        assert_eq!(closest("glosary", ids, 3), vec!["glossary"]);
        assert_eq!(
            closest("continuous-delivry", ids, 1),
            vec!["continuous-delivery"]
        );
        assert_eq!(closest("continuous", ids, 3).len(), 2);
        assert!(closest("zzzzzzzz", ids, 3).is_empty());
    }
}
