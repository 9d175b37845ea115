//! Collects the problems found while loading a content folder, each at its file, line and
//! column. Every engine's loader reports through one.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::de::DeserializeOwned;

use super::i18n::{self, Check};
use super::problem::LineIndex;
use super::{ContentFiles, Lang, Problem, SourceFile};

/// Collects problems for one content folder.
pub(crate) struct Sink<'a> {
    pub files: &'a ContentFiles,
    pub problems: Vec<Problem>,
    /// Findings that do not make the content invalid (facts due for a check).
    pub warnings: Vec<Problem>,
    /// The line starts of each file asked about, by path, built on the first question.
    lines: RefCell<HashMap<String, LineIndex>>,
    /// The language the problems are written in.
    pub lang: Lang,
}

impl<'a> Sink<'a> {
    pub fn new(files: &'a ContentFiles) -> Self {
        Sink::in_lang(files, Lang::En)
    }

    /// A sink whose problems are written in `lang`.
    pub fn in_lang(files: &'a ContentFiles, lang: Lang) -> Self {
        Sink {
            files,
            problems: Vec::new(),
            warnings: Vec::new(),
            lines: RefCell::new(HashMap::new()),
            lang,
        }
    }

    /// A problem's text in the sink's language: the template `pick` chooses under
    /// `[check]`, its `{name}` placeholders filled from `values`.
    pub fn say(
        &self,
        pick: impl FnOnce(&'static Check) -> &'static String,
        values: &[(&str, &dyn std::fmt::Display)],
    ) -> String {
        i18n::fill(pick(&i18n::text(self.lang).check), values)
    }

    /// The files being checked.
    pub fn files(&self) -> &'a ContentFiles {
        self.files
    }

    /// 1-based line and column (in characters) of a byte offset of a file's text. The
    /// file's line starts are found once, so many questions cost time linear in the file.
    pub fn line_col(&self, file: &SourceFile, offset: usize) -> (usize, usize) {
        let mut lines = self.lines.borrow_mut();
        if !lines.contains_key(&file.path) {
            lines.insert(file.path.clone(), LineIndex::new(&file.text));
        }
        lines[&file.path].line_col(&file.text, offset)
    }

    /// A problem at a byte offset of a file's text.
    pub fn at(&mut self, file: &SourceFile, offset: usize, message: impl Into<String>) {
        let (line, col) = self.line_col(file, offset);
        self.problems.push(Problem::new(
            self.files.display_path(&file.path),
            line,
            col,
            message,
        ));
    }

    /// A warning at a byte offset of a file's text.
    pub fn warn_at(&mut self, file: &SourceFile, offset: usize, message: impl Into<String>) {
        let (line, col) = self.line_col(file, offset);
        let path = self.files.display_path(&file.path);
        self.warnings.push(Problem::new(path, line, col, message));
    }

    /// A problem about a whole file (line 1, column 1).
    pub fn file(&mut self, rel: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(self.files.display_path(rel), 1, 1, message));
    }

    /// Parses TOML found at `offset` in `file`, reporting errors at their real position.
    pub fn parse<T: DeserializeOwned>(
        &mut self,
        file: &SourceFile,
        toml_text: &str,
        offset: usize,
    ) -> Option<T> {
        match toml::from_str::<T>(toml_text) {
            Ok(v) => Some(v),
            Err(e) => {
                let at = offset + e.span().map_or(0, |s| s.start);
                let m = self.say(|c| &c.toml_syntax, &[("message", &e.message().trim())]);
                self.at(file, at, m);
                None
            }
        }
    }

    /// Reports the first line of the file that is not NFC-normalized.
    pub fn check_nfc(&mut self, file: &SourceFile) {
        if unicode_normalization::is_nfc(&file.text) {
            return;
        }
        let mut offset = 0;
        for line in file.text.split_inclusive('\n') {
            if !unicode_normalization::is_nfc(line) {
                let m = self.say(|c| &c.not_nfc, &[]);
                self.at(file, offset, m);
                return;
            }
            offset += line.len();
        }
    }
}
