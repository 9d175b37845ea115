//! SPDX licence expressions: a built-in list of the licence ids the catalogue uses (and the
//! common ones), a parser for `AND` / `OR` / `WITH` / parentheses, and what a licence
//! says for certain about a tool's `license_class`.

use super::LicenseClass;

/// What kind of licence an SPDX id is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Source published under terms that restrict use (BUSL, SSPL, Elastic, FSL, PolyForm,
    /// non-commercial Creative Commons): not open source.
    Restricted,
    /// Approved by the OSI or recognised as free by the FSF.
    Free,
}

/// `(id, kind)`, sorted by id (ASCII order) for binary search.
const LICENSES: &[(&str, Kind)] = &[
    ("0BSD", Kind::Free),
    ("AFL-3.0", Kind::Free),
    ("AGPL-3.0-only", Kind::Free),
    ("AGPL-3.0-or-later", Kind::Free),
    ("Apache-1.1", Kind::Free),
    ("Apache-2.0", Kind::Free),
    ("Artistic-2.0", Kind::Free),
    ("BSD-1-Clause", Kind::Free),
    ("BSD-2-Clause", Kind::Free),
    ("BSD-2-Clause-Patent", Kind::Free),
    ("BSD-3-Clause", Kind::Free),
    ("BSD-3-Clause-Clear", Kind::Free),
    ("BSL-1.0", Kind::Free),
    ("BUSL-1.1", Kind::Restricted),
    ("CC-BY-4.0", Kind::Free),
    ("CC-BY-NC-4.0", Kind::Restricted),
    ("CC-BY-NC-SA-4.0", Kind::Restricted),
    ("CC-BY-SA-4.0", Kind::Free),
    ("CC0-1.0", Kind::Free),
    ("CDDL-1.0", Kind::Free),
    ("CDDL-1.1", Kind::Free),
    ("ECL-2.0", Kind::Free),
    ("EPL-1.0", Kind::Free),
    ("EPL-2.0", Kind::Free),
    ("EUPL-1.2", Kind::Free),
    ("Elastic-2.0", Kind::Restricted),
    ("FSL-1.1-ALv2", Kind::Restricted),
    ("FSL-1.1-MIT", Kind::Restricted),
    ("GPL-2.0-only", Kind::Free),
    ("GPL-2.0-or-later", Kind::Free),
    ("GPL-3.0-only", Kind::Free),
    ("GPL-3.0-or-later", Kind::Free),
    ("ISC", Kind::Free),
    ("LGPL-2.0-only", Kind::Free),
    ("LGPL-2.0-or-later", Kind::Free),
    ("LGPL-2.1-only", Kind::Free),
    ("LGPL-2.1-or-later", Kind::Free),
    ("LGPL-3.0-only", Kind::Free),
    ("LGPL-3.0-or-later", Kind::Free),
    ("MIT", Kind::Free),
    ("MIT-0", Kind::Free),
    ("MPL-1.1", Kind::Free),
    ("MPL-2.0", Kind::Free),
    ("MS-PL", Kind::Free),
    ("MS-RL", Kind::Free),
    ("MulanPSL-2.0", Kind::Free),
    ("NCSA", Kind::Free),
    ("OFL-1.1", Kind::Free),
    ("OpenSSL", Kind::Free),
    ("PolyForm-Noncommercial-1.0.0", Kind::Restricted),
    ("PolyForm-Shield-1.0.0", Kind::Restricted),
    ("PolyForm-Small-Business-1.0.0", Kind::Restricted),
    ("PostgreSQL", Kind::Free),
    ("Python-2.0", Kind::Free),
    ("Ruby", Kind::Free),
    ("SSPL-1.0", Kind::Restricted),
    ("UPL-1.0", Kind::Free),
    ("Unicode-3.0", Kind::Free),
    ("Unlicense", Kind::Free),
    ("Vim", Kind::Free),
    ("W3C", Kind::Free),
    ("WTFPL", Kind::Free),
    ("X11", Kind::Free),
    ("Zlib", Kind::Free),
];

/// Licence exceptions allowed after `WITH`.
const EXCEPTIONS: &[&str] = &[
    "Autoconf-exception-3.0",
    "Bison-exception-2.2",
    "Classpath-exception-2.0",
    "GCC-exception-3.1",
    "LLVM-exception",
    "Linux-syscall-note",
    "OpenJDK-assembly-exception-1.0",
    "Universal-FOSS-exception-1.0",
];

/// Deprecated ids and what to write instead.
const DEPRECATED: &[(&str, &str)] = &[
    ("AGPL-3.0", "AGPL-3.0-only or AGPL-3.0-or-later"),
    ("GPL-2.0", "GPL-2.0-only or GPL-2.0-or-later"),
    ("GPL-3.0", "GPL-3.0-only or GPL-3.0-or-later"),
    ("LGPL-2.0", "LGPL-2.0-only or LGPL-2.0-or-later"),
    ("LGPL-2.1", "LGPL-2.1-only or LGPL-2.1-or-later"),
    ("LGPL-3.0", "LGPL-3.0-only or LGPL-3.0-or-later"),
];

/// The value of `license` for closed-source products.
pub const PROPRIETARY: &str = "proprietary";

/// The kind of a known SPDX id (exact spelling).
pub fn kind(id: &str) -> Option<Kind> {
    LICENSES
        .binary_search_by(|(k, _)| k.cmp(&id))
        .ok()
        .map(|i| LICENSES[i].1)
}

/// Every licence id the built-in list knows, sorted.
pub fn known_ids() -> impl Iterator<Item = &'static str> {
    LICENSES.iter().map(|(id, _)| *id)
}

/// A parsed licence expression, reduced to what the class check needs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    Id(Kind),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

impl Expr {
    /// The most open licence a user can pick: the best of an `OR`, the worst of an `AND`.
    fn effective(&self) -> Kind {
        match self {
            Expr::Id(k) => *k,
            Expr::And(v) => v.iter().map(Expr::effective).min().unwrap_or(Kind::Free),
            Expr::Or(v) => v.iter().map(Expr::effective).max().unwrap_or(Kind::Free),
        }
    }
}

/// Why an expression is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpdxError(pub String);

/// Parses `license` (an SPDX expression or `proprietary`) and returns its effective kind,
/// `None` for `proprietary`.
pub fn parse(license: &str) -> Result<Option<Kind>, SpdxError> {
    if license == PROPRIETARY {
        return Ok(None);
    }
    let tokens = tokenize(license);
    if tokens.is_empty() {
        return Err(SpdxError("empty licence".into()));
    }
    let mut p = Parser { tokens, pos: 0 };
    let parsed = p.or_expr().and_then(|expr| match p.peek() {
        Some(t) => Err(SpdxError(format!("unexpected `{t}` in licence expression"))),
        None => Ok(Some(expr.effective())),
    });
    // A name written with spaces ("Apache 2.0") gets its SPDX spelling as the hint.
    parsed.map_err(|e| {
        let dashed = license.trim().replace(' ', "-");
        match LICENSES
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&dashed))
        {
            Some((k, _)) if dashed != license => SpdxError(format!(
                "`{license}` is not an SPDX expression; write `{k}`"
            )),
            _ => e,
        }
    })
}

/// The licence classes a licence allows, where the licence alone makes it certain; `None`
/// when any class could fit.
pub fn allowed_classes(kind: Option<Kind>) -> &'static [LicenseClass] {
    match kind {
        None => &[LicenseClass::Proprietary],
        Some(Kind::Restricted) => &[LicenseClass::SourceAvailable],
        Some(Kind::Free) => &[LicenseClass::Oss, LicenseClass::OpenCore],
    }
}

fn tokenize(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c == '(' || c == ')' || c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            if !c.is_whitespace() {
                out.push(&s[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

struct Parser<'a> {
    tokens: Vec<&'a str>,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<&'a str> {
        let t = self.peek();
        self.pos += 1;
        t
    }

    fn or_expr(&mut self) -> Result<Expr, SpdxError> {
        let mut parts = vec![self.and_expr()?];
        while self.peek() == Some("OR") {
            self.pos += 1;
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Expr, SpdxError> {
        let mut parts = vec![self.with_expr()?];
        while self.peek() == Some("AND") {
            self.pos += 1;
            parts.push(self.with_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn with_expr(&mut self) -> Result<Expr, SpdxError> {
        let e = self.primary()?;
        if self.peek() == Some("WITH") {
            self.pos += 1;
            match self.next() {
                Some(x) if EXCEPTIONS.contains(&x) => {}
                Some(x) => return Err(SpdxError(format!("unknown licence exception `{x}`"))),
                None => return Err(SpdxError("`WITH` needs an exception id".into())),
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, SpdxError> {
        match self.next() {
            None => Err(SpdxError("licence expression ends too early".into())),
            Some("(") => {
                let e = self.or_expr()?;
                match self.next() {
                    Some(")") => Ok(e),
                    _ => Err(SpdxError("missing `)` in licence expression".into())),
                }
            }
            Some(t @ (")" | "AND" | "OR" | "WITH")) => {
                Err(SpdxError(format!("unexpected `{t}` in licence expression")))
            }
            Some(id) => id_kind(id).map(Expr::Id),
        }
    }
}

fn id_kind(id: &str) -> Result<Kind, SpdxError> {
    if let Some(k) = kind(id) {
        return Ok(k);
    }
    if id.starts_with("LicenseRef-") {
        return Err(SpdxError(format!(
            "`{id}` is not on the SPDX list; write \"proprietary\" or leave `license` out"
        )));
    }
    if let Some((_, instead)) = DEPRECATED.iter().find(|(d, _)| *d == id) {
        return Err(SpdxError(format!(
            "`{id}` is a deprecated SPDX id; write {instead}"
        )));
    }
    if id.eq_ignore_ascii_case(PROPRIETARY) {
        return Err(SpdxError(format!(
            "`{id}` cannot be combined with other licences; write just \"proprietary\""
        )));
    }
    if let Some((right, _)) = LICENSES.iter().find(|(k, _)| k.eq_ignore_ascii_case(id)) {
        return Err(SpdxError(format!("SPDX id `{id}` is spelled `{right}`")));
    }
    let near = crate::base::closest(id, known_ids(), 1);
    Err(SpdxError(match near.first() {
        Some(n) => format!("unknown SPDX licence id `{id}` (did you mean `{n}`?)"),
        None => format!("unknown SPDX licence id `{id}`"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(LICENSES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn single_ids_and_proprietary() {
        assert_eq!(parse("MIT"), Ok(Some(Kind::Free)));
        assert_eq!(parse("BUSL-1.1"), Ok(Some(Kind::Restricted)));
        assert_eq!(parse("proprietary"), Ok(None));
    }

    #[test]
    fn expressions() {
        assert_eq!(parse("MIT OR Apache-2.0"), Ok(Some(Kind::Free)));
        assert_eq!(parse("Apache-2.0 AND Vim"), Ok(Some(Kind::Free)));
        assert_eq!(
            parse("AGPL-3.0-only OR SSPL-1.0 OR Elastic-2.0"),
            Ok(Some(Kind::Free))
        );
        assert_eq!(parse("MIT AND BUSL-1.1"), Ok(Some(Kind::Restricted)));
        assert_eq!(
            parse("(MIT AND SSPL-1.0) OR Elastic-2.0"),
            Ok(Some(Kind::Restricted))
        );
        assert_eq!(
            parse("GPL-2.0-only WITH Classpath-exception-2.0"),
            Ok(Some(Kind::Free))
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let msg = |s| parse(s).unwrap_err().0;
        assert_eq!(
            msg("apache-2.0"),
            "SPDX id `apache-2.0` is spelled `Apache-2.0`"
        );
        assert_eq!(
            msg("Apache-2"),
            "unknown SPDX licence id `Apache-2` (did you mean `Apache-2.0`?)"
        );
        assert!(msg("GPL-2.0").contains("deprecated"));
        assert!(msg("MIT OR").contains("ends too early"));
        assert!(msg("(MIT").contains("missing `)`"));
        assert!(msg("MIT Apache-2.0").contains("unexpected `Apache-2.0`"));
        assert!(msg("GPL-2.0-only WITH Foo").contains("unknown licence exception"));
        assert!(msg("MIT OR proprietary").contains("cannot be combined"));
        assert_eq!(msg(""), "empty licence");
        assert_eq!(
            msg("Apache 2.0"),
            "`Apache 2.0` is not an SPDX expression; write `Apache-2.0`"
        );
    }
}
