//! A fast reader for the block-style YAML a CNCF `landscape.yml` is written in. It walks
//! the file line by line, reads only the fields the import uses (category, subcategory and
//! item names, URLs, description, CNCF level, licence, second paths) and skips every other
//! value by its indentation without looking inside it, so the `extra` blocks cost almost
//! nothing, and anchors or aliases there are never expanded.
//!
//! It gives up (returns `None`) on anything outside that plain subset: tabs in the
//! indentation, anchors, aliases, tags or flow collections in a field it reads, a quoted
//! value that spans lines, a value that YAML would read as a number or a boolean,
//! duplicate keys, a second document. The caller then parses the file with the full YAML
//! parser, which also gives the error messages, so the result is the same either way.

use super::{RawCategory, RawDoc, RawItem, RawSubcategory};

/// The file is outside the subset this reader handles.
struct Bail;

type R<T> = Result<T, Bail>;

/// One line of the file.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    /// After the indentation, without the line break and trailing spaces.
    body: &'a str,
    /// Byte offset just past the line break.
    end: usize,
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// The raw line at `pos`, blank or not.
    fn raw_at(&self, pos: usize) -> R<Option<Line<'a>>> {
        if pos >= self.text.len() {
            return Ok(None);
        }
        let rest = &self.text[pos..];
        let (line, end) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], pos + i + 1),
            None => (rest, self.text.len()),
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if body.starts_with('\t') {
            return Err(Bail);
        }
        Ok(Some(Line {
            indent,
            body: body.trim_end(),
            end,
        }))
    }

    /// The next line that is neither blank nor a comment.
    fn peek(&self) -> R<Option<Line<'a>>> {
        let mut pos = self.pos;
        while let Some(l) = self.raw_at(pos)? {
            if !l.body.is_empty() && !l.body.starts_with('#') {
                return Ok(Some(l));
            }
            pos = l.end;
        }
        Ok(None)
    }

    fn take(&mut self, line: Line) {
        self.pos = line.end;
    }

    /// Skips every line indented more than `indent` (and blank or comment lines); with
    /// `compact`, also the `- ` entries of a sequence written at `indent` itself.
    fn skip_deeper(&mut self, indent: usize, compact: bool) -> R<()> {
        while let Some(l) = self.raw_at(self.pos)? {
            let entry = l.body == "-" || l.body.starts_with("- ");
            if l.body.is_empty()
                || l.body.starts_with('#')
                || l.indent > indent
                || (compact && l.indent == indent && entry)
            {
                self.pos = l.end;
            } else {
                break;
            }
        }
        Ok(())
    }
}

/// Reads a landscape file, or `None` when the full YAML parser must.
pub(super) fn read(text: &str) -> Option<RawDoc> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Cursor { text, pos: 0 };
    doc(&mut c).ok()
}

fn doc(c: &mut Cursor) -> R<RawDoc> {
    let mut landscape = None;
    let mut keys = Vec::new();
    let mut first = true;
    while let Some(l) = c.peek()? {
        if l.indent != 0 {
            return Err(Bail);
        }
        if first && l.body == "---" {
            c.take(l);
            first = false;
            continue;
        }
        first = false;
        let (key, rest) = split_key(l.body)?;
        c.take(l);
        unique(&mut keys, key)?;
        if key == "landscape" {
            if !value_is_empty(rest) {
                return Err(Bail);
            }
            landscape = Some(sequence(c, 0, category)?.ok_or(Bail)?);
        } else {
            skip(c, 0, rest)?;
        }
    }
    Ok(RawDoc {
        landscape: landscape.ok_or(Bail)?,
    })
}

/// A block sequence of mappings, the value of a key at `parent` indentation; `None` when
/// the value is empty (null). `entry` reads one mapping from its first key line.
fn sequence<'a, T>(
    c: &mut Cursor<'a>,
    parent: usize,
    entry: fn(&mut Cursor<'a>, usize, &'a str) -> R<T>,
) -> R<Option<Vec<T>>> {
    let Some(first) = c.peek()? else {
        return Ok(None);
    };
    if first.indent < parent || !first.body.starts_with("- ") {
        // Null, unless something deeper follows (a scalar or a mapping: not for us).
        return if first.indent > parent {
            Err(Bail)
        } else {
            Ok(None)
        };
    }
    let dash = first.indent;
    let mut out = Vec::new();
    while let Some(l) = c.peek()? {
        if l.indent != dash || !l.body.starts_with("- ") {
            if l.indent > dash || (l.indent == dash && l.body == "-") {
                return Err(Bail);
            }
            break;
        }
        let after = &l.body[2..];
        let key_line = after.trim_start_matches(' ');
        let map_indent = dash + 2 + (after.len() - key_line.len());
        c.take(l);
        out.push(entry(c, map_indent, key_line)?);
    }
    Ok(Some(out))
}

/// The value of a key whose value is a sequence of mappings: null, or the sequence.
fn sequence_value<'a, T>(
    c: &mut Cursor<'a>,
    indent: usize,
    rest: &str,
    entry: fn(&mut Cursor<'a>, usize, &'a str) -> R<T>,
) -> R<Option<Vec<T>>> {
    match strip_comment(rest) {
        "" => sequence(c, indent, entry),
        empty @ ("~" | "null" | "Null" | "NULL" | "[]") => match c.peek()? {
            Some(l) if l.indent > indent => Err(Bail),
            _ => Ok((empty == "[]").then(Vec::new)),
        },
        _ => Err(Bail),
    }
}

/// The keys of one mapping at `indent`, the first on the line already taken.
fn mapping<'a>(
    c: &mut Cursor<'a>,
    indent: usize,
    first: &'a str,
    mut on_key: impl FnMut(&mut Cursor<'a>, &'a str, &'a str) -> R<()>,
) -> R<()> {
    let mut keys = Vec::new();
    let (key, rest) = split_key(first)?;
    unique(&mut keys, key)?;
    on_key(c, key, rest)?;
    while let Some(l) = c.peek()? {
        if l.indent < indent {
            break;
        }
        if l.indent > indent || l.body.starts_with("- ") || l.body == "-" {
            return Err(Bail);
        }
        let (key, rest) = split_key(l.body)?;
        c.take(l);
        unique(&mut keys, key)?;
        on_key(c, key, rest)?;
    }
    Ok(())
}

fn category<'a>(c: &mut Cursor<'a>, indent: usize, first: &'a str) -> R<RawCategory> {
    let mut name = None;
    let mut subcategories = None;
    mapping(c, indent, first, |c, key, rest| {
        match key {
            "name" => name = scalar(c, indent, rest, false)?,
            "subcategories" => subcategories = sequence_value(c, indent, rest, subcategory)?,
            _ => skip(c, indent, rest)?,
        }
        Ok(())
    })?;
    Ok(RawCategory {
        name: name.ok_or(Bail)?,
        subcategories,
    })
}

fn subcategory<'a>(c: &mut Cursor<'a>, indent: usize, first: &'a str) -> R<RawSubcategory> {
    let mut name = None;
    let mut items = None;
    mapping(c, indent, first, |c, key, rest| {
        match key {
            "name" => name = scalar(c, indent, rest, false)?,
            "items" => items = sequence_value(c, indent, rest, item)?,
            _ => skip(c, indent, rest)?,
        }
        Ok(())
    })?;
    Ok(RawSubcategory {
        name: name.ok_or(Bail)?,
        items,
    })
}

fn item<'a>(c: &mut Cursor<'a>, indent: usize, first: &'a str) -> R<RawItem> {
    let mut name = None;
    let mut it = RawItem {
        name: String::new(),
        homepage_url: None,
        repo_url: None,
        description: None,
        project: None,
        license: None,
        second_path: Vec::new(),
    };
    mapping(c, indent, first, |c, key, rest| {
        match key {
            "name" => name = scalar(c, indent, rest, false)?,
            "homepage_url" => it.homepage_url = scalar(c, indent, rest, false)?,
            "repo_url" => it.repo_url = scalar(c, indent, rest, false)?,
            "description" => it.description = scalar(c, indent, rest, true)?,
            "project" => it.project = scalar(c, indent, rest, false)?,
            "license" => it.license = scalar(c, indent, rest, false)?,
            "second_path" => it.second_path = strings(c, indent, rest)?,
            _ => skip(c, indent, rest)?,
        }
        Ok(())
    })?;
    it.name = name.ok_or(Bail)?;
    Ok(it)
}

/// `key: rest` of a mapping line. Only plain keys.
fn split_key(body: &str) -> R<(&str, &str)> {
    if body.starts_with(|ch: char| "\"'?[]{}-&*!|>%@`#,".contains(ch)) {
        return Err(Bail);
    }
    let colon = body
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| body[i + 1..].is_empty() || body[i + 1..].starts_with(' '))
        .ok_or(Bail)?;
    let key = &body[..colon];
    if key.contains(" #") || key.ends_with(' ') {
        return Err(Bail);
    }
    Ok((key, body[colon + 1..].trim_start_matches(' ')))
}

fn unique<'a>(keys: &mut Vec<&'a str>, key: &'a str) -> R<()> {
    if keys.contains(&key) {
        return Err(Bail);
    }
    keys.push(key);
    Ok(())
}

/// The value after `key:` without a trailing comment.
fn strip_comment(rest: &str) -> &str {
    if rest.starts_with('#') {
        return "";
    }
    match rest.find(" #") {
        Some(i) => rest[..i].trim_end(),
        None => rest,
    }
}

fn value_is_empty(rest: &str) -> bool {
    strip_comment(rest).is_empty()
}

/// A string value (`None` for null). `words` allows what only the description needs:
/// block scalars and plain text over several lines (the import joins its words anyway).
fn scalar(c: &mut Cursor, indent: usize, rest: &str, words: bool) -> R<Option<String>> {
    let v = strip_comment(rest);
    match v.as_bytes().first() {
        None => {
            // Null, unless a value follows on deeper lines.
            match c.peek()? {
                Some(l) if l.indent > indent => Err(Bail),
                Some(l) if l.indent == indent && (l.body.starts_with("- ") || l.body == "-") => {
                    Err(Bail)
                }
                _ => Ok(None),
            }
        }
        Some(b'"') => quoted(rest, b'"').map(Some),
        Some(b'\'') => quoted(rest, b'\'').map(Some),
        Some(b'>' | b'|') if words => block(c, indent, v).map(Some),
        Some(_) if v.starts_with(|ch: char| "[]{}&*!|>%@`,".contains(ch)) => Err(Bail),
        Some(_) if v.starts_with("- ") || v.starts_with("? ") || v.contains(": ") => Err(Bail),
        Some(_) => {
            let mut text = v.to_string();
            // Plain text continued on deeper lines.
            while let Some(l) = c.peek()? {
                if l.indent <= indent {
                    break;
                }
                if !words || l.body.contains(": ") || l.body.ends_with(':') {
                    return Err(Bail);
                }
                text.push(' ');
                text.push_str(strip_comment(l.body));
                c.take(l);
            }
            plain(text)
        }
    }
}

/// A plain scalar as YAML's core schema reads it: null, or a string; numbers and booleans
/// are left to the full parser.
fn plain(text: String) -> R<Option<String>> {
    match text.as_str() {
        "~" | "null" | "Null" | "NULL" => return Ok(None),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Err(Bail),
        _ => {}
    }
    let t = text.as_str();
    let numeric = t.parse::<f64>().is_ok()
        || t.starts_with("0x")
        || t.starts_with("0o")
        || matches!(
            t.to_ascii_lowercase().trim_start_matches(['+', '-']),
            ".inf" | ".nan"
        );
    if numeric {
        return Err(Bail);
    }
    Ok(Some(text))
}

/// A quoted scalar closed on its own line, with no escapes.
fn quoted(rest: &str, quote: u8) -> R<String> {
    let inner = &rest[1..];
    let mut out = String::new();
    let mut i = 0;
    let bytes = inner.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if quote == b'"' && b == b'\\' {
            return Err(Bail);
        }
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            let after = inner[i + 1..].trim_start_matches(' ');
            if !after.is_empty() && !after.starts_with('#') {
                return Err(Bail);
            }
            return Ok(out);
        }
        // Copy up to the next quote or escape in one go.
        let next = inner[i..]
            .find(|ch: char| ch as u32 == u32::from(quote) || ch == '\\')
            .map_or(inner.len(), |j| i + j);
        out.push_str(&inner[i..next]);
        i = next;
    }
    Err(Bail)
}

/// A block scalar (`>`, `>-`, `|`, `|-`) after a key at `indent`: its lines joined.
fn block(c: &mut Cursor, indent: usize, header: &str) -> R<String> {
    if !matches!(header, ">" | ">-" | "|" | "|-") {
        return Err(Bail);
    }
    let mut out = String::new();
    let mut content: Option<usize> = None;
    while let Some(l) = c.raw_at(c.pos)? {
        if l.body.is_empty() {
            out.push('\n');
            c.pos = l.end;
            continue;
        }
        if l.indent <= indent {
            break;
        }
        let at = *content.get_or_insert(l.indent);
        if l.indent < at {
            return Err(Bail);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l.body);
        c.pos = l.end;
    }
    Ok(out)
}

/// A list of strings: `- text` entries on the lines below the key.
fn strings(c: &mut Cursor, indent: usize, rest: &str) -> R<Vec<String>> {
    if !value_is_empty(rest) {
        return Err(Bail);
    }
    let mut out = Vec::new();
    let Some(first) = c.peek()? else {
        return Ok(out);
    };
    if first.indent < indent || !first.body.starts_with("- ") {
        return if first.indent > indent {
            Err(Bail)
        } else {
            Ok(out)
        };
    }
    let dash = first.indent;
    while let Some(l) = c.peek()? {
        if l.indent < dash || (l.indent == dash && !l.body.starts_with("- ")) {
            break;
        }
        if l.indent > dash {
            return Err(Bail);
        }
        c.take(l);
        let v = l.body[2..].trim_start_matches(' ');
        let s = match v.as_bytes().first() {
            Some(b'"') => quoted(v, b'"')?,
            Some(b'\'') => quoted(v, b'\'')?,
            _ => {
                let v = strip_comment(v);
                if v.is_empty()
                    || v.starts_with(|ch: char| "[]{}&*!|>%@`,-?".contains(ch))
                    || v.contains(": ")
                {
                    return Err(Bail);
                }
                plain(v.to_string())?.ok_or(Bail)?
            }
        };
        out.push(s);
    }
    Ok(out)
}

/// Skips the value of a key this reader does not use.
fn skip(c: &mut Cursor, indent: usize, rest: &str) -> R<()> {
    let v = strip_comment(rest);
    match v.as_bytes().first() {
        // Quotes and flow collections must close on their line, so no deeper line can
        // hide a key of ours.
        Some(b'"') if !closes_double(v) => return Err(Bail),
        Some(b'\'') => {
            quoted(v, b'\'')?;
        }
        Some(b'[' | b'{') if !balanced(v) => return Err(Bail),
        _ => {}
    }
    c.skip_deeper(indent, v.is_empty())
}

/// A double-quoted scalar (escapes allowed) that closes on its line.
fn closes_double(v: &str) -> bool {
    let mut escaped = false;
    for (i, b) in v.bytes().enumerate().skip(1) {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => {
                let after = v[i + 1..].trim_start_matches(' ');
                return after.is_empty() || after.starts_with('#');
            }
            _ => {}
        }
    }
    false
}

/// A flow collection with no quotes whose brackets close on its line.
fn balanced(v: &str) -> bool {
    let mut depth = 0i32;
    for b in v.bytes() {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth -= 1,
            b'"' | b'\'' => return false,
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::super::{convert, parse_full};
    use super::*;

    /// The fast reader reads `text` (does not give up) and agrees with the full parser.
    /// (Block scalars may fold differently: only the description takes them, and the
    /// import joins its words, so the imported items are compared.)
    fn same(text: &str) {
        let fast = read(text).unwrap_or_else(|| panic!("the fast reader gave up on:\n{text}"));
        let full = parse_full(text, "t.yml").ok().unwrap();
        assert_eq!(convert(fast), convert(full), "{text}");
    }

    /// The fast reader gives up on `text` (so the full parser decides).
    fn gives_up(text: &str) {
        assert!(read(text).is_none(), "should give up on:\n{text}");
    }

    const HEAD: &str = "landscape:\n  - category:\n    name: C\n    subcategories:\n      - subcategory:\n        name: S\n        items:\n";

    fn with_item(lines: &str) -> String {
        format!("{HEAD}          - item:\n{lines}")
    }

    #[test]
    fn reads_the_fixture_like_the_full_parser() {
        same(include_str!(
            "../../../tests/fixtures/landscape/landscape.yml"
        ));
    }

    #[test]
    fn reads_quotes_comments_block_scalars_and_skips_extra() {
        same(&with_item(
            "            name: 'It''s' # comment\n\
             \x20           homepage_url: \"https://a.example.org/#x\"\n\
             \x20           description: >-\n\
             \x20             Folded text\n\
             \n\
             \x20             # not a comment here\n\
             \x20               more indented\n\
             \x20           project: sandbox\n\
             \x20           second_path:\n\
             \x20             - \"Serverless / Tools\"\n\
             \x20             - Wasm / Runtime\n\
             \x20           extra:\n\
             \x20             anchor: &a [1, 2]\n\
             \x20             list:\n\
             \x20             - x: *a\n\
             \x20             text: |\n\
             \x20               name: not a key\n\
             # a comment at column 0\n\
             \x20             quoted: \"a \\\" b\"\n\
             \x20         - name: Second\n\
             \x20           description: plain text\n\
             \x20             over two lines\n\
             \x20           license: ~\n",
        ));
        same(
            "---\n# top comment\nother: 1\nlandscape:\n- category:\n  name: C\n  subcategories:\n  - name: S\n    items:\n    - name: X\n      repo_url:\n",
        );
        same(
            "landscape:\n  - name: Empty\n    subcategories:\n  - name: Other\n    subcategories: []\n  - name: Third\n    subcategories:\n      - name: S\n        items: []\n",
        );
    }

    #[test]
    fn gives_up_outside_its_subset() {
        for item in [
            "            name: 42\n",
            "            name: true\n",
            "            name: *alias\n",
            "            name: [a, b]\n",
            "            name: \"multi\n              line\"\n",
            "            name: \"esc\\n\"\n",
            "            name: A\n            name: B\n",
            "            name: A\n            second_path: [a]\n",
            "            name: A\n            homepage_url: >\n              x\n",
            "\tname: A\n",
            "            name: A\n            extra: \"open\n",
        ] {
            gives_up(&with_item(item));
        }
        gives_up("landscape: []\n");
        gives_up("nothing: here\n");
        gives_up(&format!(
            "{HEAD}          - item:\n            name: A\n---\nlandscape:\n"
        ));
    }
}
