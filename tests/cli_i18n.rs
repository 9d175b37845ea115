//! The command line speaks the UI language: no prose in the CLI's Rust code (it comes
//! from `assets/i18n`), and the main commands' error paths in Korean say everything in
//! Korean.

mod support;

use std::path::Path;

use assert_cmd::Command;

/// The macros whose text reaches the user (or builds text that does).
const MACROS: [&str; 10] = [
    "say!",
    "eprintln!",
    "println!",
    "eprint!",
    "print!",
    "bail!",
    "anyhow!",
    "format!",
    "write!",
    "writeln!",
];

/// The Rust source of a file without its tests and without comments.
fn code(src: &str) -> String {
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let mut out = String::new();
    let mut chars = src.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            for n in chars.by_ref() {
                if n == '\n' {
                    out.push('\n');
                    break;
                }
            }
            continue;
        }
        // A char literal holding a quote or a backslash.
        if c == '\'' {
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\"'") || rest.starts_with("\\\"'") || rest.starts_with("\\\\'") {
                let skip = if rest.starts_with("\"'") { 2 } else { 3 };
                out.push_str("' '");
                for _ in 0..skip {
                    chars.next();
                }
                continue;
            }
        }
        if c == '"' {
            in_str = true;
        }
        out.push(c);
    }
    out
}

/// The string literals in `s`, each with the byte offset of its opening quote.
fn literal_spans(s: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut lit = String::new();
        while let Some((_, c)) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next().map(|(_, c)| c) {
                    Some('n') => lit.push('\n'),
                    Some('t') => lit.push('\t'),
                    Some('\n') => {
                        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    Some('u') => {
                        for (_, c) in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                    Some(o) => lit.push(o),
                    None => {}
                },
                o => lit.push(o),
            }
        }
        found.push((at, lit));
    }
    found
}

/// The argument text of every user-text macro call in `code`: its line, whether it
/// writes to a writer (`write!`, `writeln!`: the format string is the second argument),
/// and the text between its brackets.
fn macro_args(code: &str) -> Vec<(usize, bool, String)> {
    let mut calls = Vec::new();
    for m in MACROS {
        let mut from = 0;
        while let Some(at) = code[from..].find(m) {
            let start = from + at;
            from = start + m.len();
            // `eprintln!` also contains `println!`: only whole macro names count.
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[from..];
            let Some(open) = rest.find(['(', '[', '{']) else {
                continue;
            };
            if !rest[..open].trim().is_empty() {
                continue;
            }
            let (mut depth, mut in_str, mut esc, mut end) = (0usize, false, false, rest.len());
            for (i, c) in rest.char_indices().skip(open) {
                if in_str {
                    match (esc, c) {
                        (true, _) => esc = false,
                        (false, '\\') => esc = true,
                        (false, '"') => in_str = false,
                        _ => {}
                    }
                    continue;
                }
                match c {
                    '"' => in_str = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let line = code[..start].matches('\n').count() + 1;
            let is_write = m.starts_with("write");
            calls.push((line, is_write, rest[open + 1..end].to_string()));
        }
    }
    calls
}

/// The arguments of a macro call, split at the commas outside brackets and strings.
fn split_args(args: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut in_str, mut esc, mut from) = (Vec::new(), 0, false, false, 0);
    for (i, c) in args.char_indices() {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(args[from..i].trim());
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(args[from..].trim());
    parts
}

/// The value of an argument that is a string literal and nothing else.
fn bare_literal(arg: &str) -> Option<String> {
    let spans = literal_spans(arg);
    match spans.as_slice() {
        [(0, lit)] if arg.ends_with('"') => Some(lit.clone()),
        _ => None,
    }
}

/// True when a literal holds words: letters left after removing `{…}` placeholders and
/// the program's name.
fn is_prose(lit: &str) -> bool {
    let mut bare = String::new();
    let mut depth = 0;
    for c in lit.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1_i32).max(0),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    bare.replace("feoops", "").chars().any(char::is_alphabetic)
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}')
}

/// Every place in one file's code that holds prose instead of an i18n key.
fn findings(name: &str, src: &str) -> Vec<String> {
    let code = code(src);
    let mut out = Vec::new();
    for (line, is_write, args) in macro_args(&code) {
        // The format string, then any argument that is a bare literal (`"{}", "text"`).
        let args = split_args(&args);
        let skip = usize::from(is_write);
        for lit in args.iter().skip(skip).filter_map(|a| bare_literal(a)) {
            if is_prose(&lit) {
                out.push(format!("{name}:{line}: prose in a message: {lit:?}"));
            }
        }
    }
    for (at, lit) in literal_spans(&code) {
        // Help texts for clap (`const …_EXAMPLES: &str = "…"`) may stay English.
        let statement = code[..at].rsplit(';').next().unwrap_or("");
        let help = statement.contains("const ") && statement.contains("&str");
        if !help && lit.chars().any(is_hangul) {
            let line = code[..at].matches('\n').count() + 1;
            out.push(format!("{name}:{line}: Korean text in code: {lit:?}"));
        }
    }
    for (i, l) in code.lines().enumerate() {
        if l.contains("Lang::Ko =>") || l.contains("Lang::En =>") {
            out.push(format!(
                "{name}:{}: text chosen by language in code: {}",
                i + 1,
                l.trim()
            ));
        }
    }
    out
}

#[test]
fn the_cli_code_holds_no_prose() {
    let mut files = vec![(
        "src/main.rs".to_string(),
        include_str!("../src/main.rs").to_string(),
    )];
    for entry in std::fs::read_dir("src/cli").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path.display().to_string(), text));
        }
    }
    assert!(files.len() >= 10, "the CLI files were not found");
    let all: Vec<String> = files
        .iter()
        .flat_map(|(name, src)| findings(name, src))
        .collect();
    assert!(
        all.is_empty(),
        "user-visible text belongs in assets/i18n/{{en,ko}}.toml:\n{}",
        all.join("\n")
    );
}

#[test]
fn the_prose_check_finds_what_it_should() {
    let planted = r#"
fn f(x: u32) {
    crate::cli::out::say!("feoops: cannot read {x}");
    writeln!(
        out,
        "{}  {}",
        a,
        b
    )?;
    let e = anyhow::anyhow!("{}: {}", a, "no such file");
    let l = match lang { Lang::Ko => "건너뜀", _ => "" };
    // say!("only a comment")
    let fine = format!("{x:>3}% - {{}}: {}", "-");
}
#[cfg(test)]
mod tests { fn t() { println!("a test may say anything"); } }
"#;
    let found = findings("planted.rs", planted);
    let lines: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found.len(), 4, "{lines:#?}");
    assert!(lines[0].contains("cannot read"), "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("no such file")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("Korean text")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("chosen by language")),
        "{lines:#?}"
    );
}

/// `feoops --lang ko ARGS` in a neutral, empty environment; (code, stdout, stderr).
fn ko(args: &[&str], data: &Path) -> (i32, String, String) {
    let out = Command::cargo_bin("feoops")
        .unwrap()
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", data.join("no-config"))
        .env("XDG_DATA_HOME", data.join("data"))
        .arg("--lang")
        .arg("ko")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// An English sentence: three English words in a row (ids, paths, flags and the
/// program's name are not words).
fn english_sentence(text: &str) -> Option<String> {
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for w in words.windows(3) {
            // A list item (`loop, practices, tools`) is an id, not a word of a sentence.
            let english = |s: &&str| {
                if s.ends_with(',') {
                    return false;
                }
                let s = s.trim_matches(|c: char| ".;:()?!".contains(c));
                s.len() > 1
                    && s.chars().all(|c| c.is_ascii_alphabetic())
                    && !s.eq_ignore_ascii_case("feoops")
            };
            if w.iter().all(english) {
                return Some(line.to_string());
            }
        }
    }
    None
}

#[test]
fn error_paths_in_korean_say_everything_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such.md");
    let missing = missing.to_str().unwrap();
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["show", "continuous-delivry"], 2),
        (vec!["show", "zzzz-nothing-like-it"], 2),
        (vec!["show", "--file", missing], 1),
        (vec!["stack", "import", missing], 1),
        (vec!["check", missing], 1),
        (vec!["tools", "search", "zzqqxxjj"], 1),
        (vec!["tools", "show", "no-such-tool-at-all"], 2),
        (vec!["tools", "list", "--cloud", "mars"], 2),
        (vec!["tools", "list", "--stage", "deploi"], 2),
        (vec!["quiz", "--plain", "--mode", "sprint"], 2),
        (vec!["quiz", "--plain", "--topic", "cooking"], 2),
        (vec!["show", "--width", "5000", "glossary"], 2),
        (vec!["show", "--width", "wide", "glossary"], 2),
        (vec!["show", "glossary", "--width"], 2),
        (vec!["tools", "search"], 2),
        (vec!["tools", "lst"], 2),
        (vec!["tools", "list", "--no-such-flag"], 2),
        (vec!["no-such-command"], 2),
        (vec!["suggest", "--cloud", "moon"], 2),
        (vec!["stack", "pick", "deploy", "no-such-tool-at-all"], 2),
        (vec!["explain", missing], 2),
        (vec![], 2),
    ];
    for (args, code) in &cases {
        let (got, out, err) = ko(args, dir.path());
        let all = format!("{out}{err}");
        assert_eq!(got, *code, "feoops --lang ko {args:?}:\n{all}");
        assert!(
            all.chars().any(is_hangul),
            "feoops --lang ko {args:?} said nothing in Korean:\n{all}"
        );
        if let Some(line) = english_sentence(&all) {
            panic!("feoops --lang ko {args:?} has an English sentence: {line}\n{all}");
        }
    }
    // The missing file reads naturally, with the path kept.
    let (_, _, err) = ko(&["show", "--file", missing], dir.path());
    assert!(err.contains(missing), "{err}");
    assert!(err.contains("파일이나 폴더가 없습니다"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
}

#[test]
fn korean_tables_line_up_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["list"],
        vec!["tools", "list"],
        vec!["tools", "search", "쿠버"],
        vec!["stack", "show"],
        vec!["quiz", "stats"],
    ] {
        let (code, out, err) = ko(&args, dir.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        // The second column starts at the same display column on every row of a table.
        let rows: Vec<&str> = match args[0] {
            "list" | "tools" => out.lines().collect(),
            "stack" => out.lines().skip(2).take_while(|l| !l.is_empty()).collect(),
            // The week's rows: `  화 2026-12-01 (오늘)     3`.
            _ => out
                .lines()
                .skip_while(|l| !l.starts_with("앞으로 7일"))
                .skip(1)
                .collect(),
        };
        assert!(rows.len() >= 3, "{args:?}:\n{out}");
        let starts: Vec<usize> = rows
            .iter()
            .map(|r| {
                let body = r.trim_start();
                let lead = r.len() - body.len();
                let first = body.find("  ").unwrap_or(body.len());
                let gap = body[first..].len() - body[first..].trim_start().len();
                lead + body[..first].width() + gap
            })
            .collect();
        assert!(
            starts.iter().all(|&s| s == starts[0]),
            "{args:?}: columns do not line up: {starts:?}\n{out}"
        );
    }
}

#[test]
fn korean_quiz_mastery_lines_up_by_display_width() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = ko(&["quiz", "stats"], dir.path());
    assert_eq!(code, 0, "{err}");
    // The topic rows (Korean labels of different widths): `%` ends in one column.
    let rows: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("주제별"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(rows.len() >= 5, "{out}");
    let ends: Vec<usize> = rows
        .iter()
        .map(|r| r[..r.find('%').unwrap()].width())
        .collect();
    assert!(ends.iter().all(|&e| e == ends[0]), "{ends:?}\n{out}");
}

#[test]
fn the_english_error_paths_stay_english() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("feoops")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .args(["show", "--file", "no/such/file.md"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim(),
        "feoops: cannot read no/such/file.md: no such file or folder"
    );
    assert!(Path::new("src/cli").is_dir());
}
