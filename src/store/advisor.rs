//! The advisor's files in the data folder (the same folder as the quiz progress):
//!
//! - `profile.toml`: `version = 1` and the `[profile]` answers.
//! - `stack.toml`: `version = 1` and the `[picks]` (stage id → tool id or `skip`), the same
//!   format as `feoops stack export --format toml` without the profile.
//!
//! Both are replaced atomically, under the data folder's lock. A file that cannot be read
//! is moved aside (`<name>.corrupt-<time>`) with a warning, and the advisor starts from
//! "don't care" / no picks; a file from a newer feoops is refused and never overwritten.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::fsio;
use crate::advisor::Context;
use crate::advisor::Profile;
use crate::advisor::stack::{self, Format, ImportWarning, Stack, StackFileError};
use crate::base::Lang;
use crate::base::i18n::{self, Localize, fill};

pub const PROFILE_FILE: &str = "profile.toml";
pub const STACK_FILE: &str = "stack.toml";
/// The version of `profile.toml` this feoops writes and reads.
pub const PROFILE_VERSION: i64 = 1;

#[derive(Debug)]
pub enum AdvisorStoreError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
}

impl Localize for AdvisorStoreError {
    fn localized(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        match self {
            AdvisorStoreError::Io { path, source } => fill(
                &m.path_error,
                &[
                    ("path", &path.display()),
                    ("err", &i18n::io_error(source, lang)),
                ],
            ),
            AdvisorStoreError::Newer {
                path,
                found,
                supported,
            } => fill(
                &m.advisor_newer,
                &[
                    ("path", &path.display()),
                    ("found", found),
                    ("supported", supported),
                ],
            ),
        }
    }
}

impl fmt::Display for AdvisorStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for AdvisorStoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AdvisorStoreError::Io { source, .. } => Some(source),
            AdvisorStoreError::Newer { .. } => None,
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> AdvisorStoreError + '_ {
    move |source| AdvisorStoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Something to tell the user about the saved files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdvisorWarning {
    /// A file could not be read; it was moved aside and the advisor starts afresh.
    MovedAside {
        file: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The saved stack names a tool or stage this feoops does not know.
    Stack(ImportWarning),
}

impl Localize for AdvisorWarning {
    fn localized(&self, lang: Lang) -> String {
        let m = &i18n::text(lang).messages;
        match self {
            AdvisorWarning::MovedAside {
                file,
                moved_to,
                reason,
            } => fill(
                &m.advisor_moved,
                &[
                    ("file", &file.display()),
                    ("reason", reason),
                    ("path", &moved_to.display()),
                ],
            ),
            AdvisorWarning::Stack(w) => fill(&m.saved_stack, &[("text", &w.text(lang))]),
        }
    }
}

impl fmt::Display for AdvisorWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

/// Why a stack file could not be imported.
#[derive(Debug)]
pub enum ImportError {
    Read { path: PathBuf, source: io::Error },
    NotText { path: PathBuf },
    File(StackFileError),
    Store(AdvisorStoreError),
}

impl From<StackFileError> for ImportError {
    fn from(e: StackFileError) -> Self {
        ImportError::File(e)
    }
}

impl From<AdvisorStoreError> for ImportError {
    fn from(e: AdvisorStoreError) -> Self {
        ImportError::Store(e)
    }
}

impl Localize for ImportError {
    fn localized(&self, lang: Lang) -> String {
        let t = i18n::text(lang);
        match self {
            ImportError::Read { path, source } => fill(
                &t.cli.cannot_read,
                &[
                    ("path", &path.display()),
                    ("err", &i18n::io_error(source, lang)),
                ],
            ),
            ImportError::NotText { path } => {
                fill(&t.messages.not_text, &[("path", &path.display())])
            }
            ImportError::File(e) => e.localized(lang),
            ImportError::Store(e) => e.localized(lang),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Read { source, .. } => Some(source),
            ImportError::NotText { .. } => None,
            // Transparent: the inner error's own source.
            ImportError::File(e) => std::error::Error::source(e),
            ImportError::Store(e) => std::error::Error::source(e),
        }
    }
}

/// A stack file imported as the saved stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The saved stack now.
    pub stack: Stack,
    /// True when the file had a profile (it replaced the saved one).
    pub had_profile: bool,
    /// What the import noticed (unknown tools and stages), then what loading the saved
    /// files noticed.
    pub warnings: Vec<AdvisorWarning>,
}

/// The saved stack (with the saved profile) and what loading it noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub stack: Stack,
    pub warnings: Vec<AdvisorWarning>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    version: i64,
    #[serde(default)]
    profile: Profile,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<i64>,
}

/// The advisor's files in one data folder.
#[derive(Debug, Clone)]
pub struct AdvisorFiles {
    dir: PathBuf,
}

impl AdvisorFiles {
    pub fn new(dir: &Path) -> AdvisorFiles {
        AdvisorFiles {
            dir: dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn profile_path(&self) -> PathBuf {
        self.dir.join(PROFILE_FILE)
    }

    pub fn stack_path(&self) -> PathBuf {
        self.dir.join(STACK_FILE)
    }

    /// The saved profile ("don't care" when there is none). Reading never creates the
    /// data folder.
    pub fn load_profile(&self) -> Result<(Profile, Vec<AdvisorWarning>), AdvisorStoreError> {
        if !self.dir.is_dir() {
            return Ok((Profile::default(), Vec::new()));
        }
        self.with_lock(|| self.read_profile(Timestamp::now()))
    }

    /// The saved profile and picks.
    pub fn load(&self, lib: &dyn Context) -> Result<Saved, AdvisorStoreError> {
        if !self.dir.is_dir() {
            return Ok(Saved {
                stack: Stack::default(),
                warnings: Vec::new(),
            });
        }
        self.with_lock(|| self.read(lib, Timestamp::now()))
    }

    /// Saves the profile (the picks stay as they are).
    pub fn save_profile(&self, profile: &Profile) -> Result<(), AdvisorStoreError> {
        self.with_lock(|| self.write_profile(profile))
    }

    /// Saves the profile and the picks of a stack.
    pub fn save(&self, stack: &Stack, lib: &dyn Context) -> Result<(), AdvisorStoreError> {
        self.with_lock(|| {
            self.write_profile(&stack.profile)?;
            self.write_picks(stack, lib)
        })
    }

    /// Loads the saved stack, changes it and saves it, holding the lock throughout so two
    /// feoops processes changing the stack at once take turns.
    pub fn update(
        &self,
        lib: &dyn Context,
        change: impl FnOnce(&mut Stack),
    ) -> Result<Saved, AdvisorStoreError> {
        self.with_lock(|| {
            let mut saved = self.read(lib, Timestamp::now())?;
            change(&mut saved.stack);
            self.write_profile(&saved.stack.profile)?;
            self.write_picks(&saved.stack, lib)?;
            Ok(saved)
        })
    }

    /// Reads a stack file (TOML or JSON) and makes it the saved stack: its picks replace
    /// the saved picks, and its profile, when it has one, the saved profile. Unknown tools
    /// are kept, with a warning each. Nothing is saved when the file cannot be used.
    pub fn import_file(&self, path: &Path, lib: &dyn Context) -> Result<Imported, ImportError> {
        let bytes = crate::userfile::read(path).map_err(|source| ImportError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|_| ImportError::NotText {
            path: path.to_path_buf(),
        })?;
        let file = stack::import(&text, &path.display().to_string(), lib)?;
        let had_profile = file.has_profile;
        let saved = self.update(lib, |s| {
            s.picks = file.stack.picks.clone();
            if had_profile {
                s.profile = file.stack.profile;
            }
        })?;
        let mut warnings: Vec<AdvisorWarning> = file
            .warnings
            .into_iter()
            .map(AdvisorWarning::Stack)
            .collect();
        warnings.extend(
            saved
                .warnings
                .into_iter()
                .filter(|w| matches!(w, AdvisorWarning::MovedAside { .. })),
        );
        Ok(Imported {
            stack: saved.stack,
            had_profile,
            warnings,
        })
    }

    /// Writes a stack's export into the data folder (`toolchain.md`, `.toml` or `.json`)
    /// and returns where: what the Advisor pane's export key does.
    pub fn export(
        &self,
        stack: &Stack,
        lib: &dyn Context,
        format: Format,
        lang: Lang,
    ) -> Result<PathBuf, AdvisorStoreError> {
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let path = self.dir.join(format!("toolchain.{}", format.id()));
        let text = stack::export(stack, lib, format, lang);
        fsio::write_atomic(&path, text.as_bytes()).map_err(io_err(&path))?;
        Ok(path)
    }

    fn with_lock<T>(
        &self,
        f: impl FnOnce() -> Result<T, AdvisorStoreError>,
    ) -> Result<T, AdvisorStoreError> {
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let lock_path = self.dir.join("feoops.lock");
        let _lock = fsio::Lock::acquire(&self.dir).map_err(io_err(&lock_path))?;
        // Temporary files found under the lock were left by a crash (`kill -9`).
        fsio::remove_leftover_temps(&self.dir);
        f()
    }

    fn read(&self, lib: &dyn Context, now: Timestamp) -> Result<Saved, AdvisorStoreError> {
        let (profile, mut warnings) = self.read_profile(now)?;
        let path = self.stack_path();
        let mut stack = Stack::new(profile);
        if let Some(text) = read_text(&path, now, &mut warnings)? {
            match stack::import(&text, STACK_FILE, lib) {
                Ok(imported) => {
                    stack.picks = imported.stack.picks;
                    warnings.extend(imported.warnings.into_iter().map(AdvisorWarning::Stack));
                }
                Err(StackFileError::Newer {
                    found, supported, ..
                }) => {
                    return Err(AdvisorStoreError::Newer {
                        path,
                        found,
                        supported: i64::from(supported),
                    });
                }
                Err(e) => warnings.push(move_aside(&path, now, e.to_string())?),
            }
        }
        Ok(Saved { stack, warnings })
    }

    fn read_profile(
        &self,
        now: Timestamp,
    ) -> Result<(Profile, Vec<AdvisorWarning>), AdvisorStoreError> {
        let path = self.profile_path();
        let mut warnings = Vec::new();
        let Some(text) = read_text(&path, now, &mut warnings)? else {
            return Ok((Profile::default(), warnings));
        };
        if let Ok(VersionOnly { version: Some(v) }) = toml::from_str::<VersionOnly>(&text)
            && v > PROFILE_VERSION
        {
            return Err(AdvisorStoreError::Newer {
                path,
                found: v,
                supported: PROFILE_VERSION,
            });
        }
        let parsed = toml::from_str::<ProfileFile>(&text).map_err(|e| e.message().to_string());
        match parsed {
            Ok(f) if f.version == PROFILE_VERSION => Ok((f.profile, warnings)),
            Ok(f) => {
                let why = format!("unknown version {}", f.version);
                warnings.push(move_aside(&path, now, why)?);
                Ok((Profile::default(), warnings))
            }
            Err(why) => {
                warnings.push(move_aside(&path, now, why)?);
                Ok((Profile::default(), warnings))
            }
        }
    }

    fn write_profile(&self, profile: &Profile) -> Result<(), AdvisorStoreError> {
        let path = self.profile_path();
        refuse_newer(&path, PROFILE_VERSION)?;
        let body = toml::to_string(&ProfileFile {
            version: PROFILE_VERSION,
            profile: *profile,
        })
        .map_err(|e| io_err(&path)(io::Error::other(e)))?;
        let text = format!("# The stack advisor's profile (see `feoops profile --help`).\n{body}");
        fsio::write_atomic(&path, text.as_bytes()).map_err(io_err(&path))
    }

    fn write_picks(&self, stack: &Stack, lib: &dyn Context) -> Result<(), AdvisorStoreError> {
        let path = self.stack_path();
        refuse_newer(&path, i64::from(stack::STACK_VERSION))?;
        let text = stack::to_toml(stack, lib, false);
        fsio::write_atomic(&path, text.as_bytes()).map_err(io_err(&path))
    }
}

/// Never overwrite a file a newer feoops wrote.
fn refuse_newer(path: &Path, supported: i64) -> Result<(), AdvisorStoreError> {
    let Ok(text) = fs::read_to_string(path) else {
        return Ok(());
    };
    match toml::from_str::<VersionOnly>(&text) {
        Ok(VersionOnly {
            version: Some(found),
        }) if found > supported => Err(AdvisorStoreError::Newer {
            path: path.to_path_buf(),
            found,
            supported,
        }),
        _ => Ok(()),
    }
}

/// The text of a file; `None` when there is none. A file that is not UTF-8 is moved
/// aside (a warning) and read as absent.
fn read_text(
    path: &Path,
    now: Timestamp,
    warnings: &mut Vec<AdvisorWarning>,
) -> Result<Option<String>, AdvisorStoreError> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(_) => {
                warnings.push(move_aside(path, now, "not valid UTF-8".into())?);
                Ok(None)
            }
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path)(e)),
    }
}

fn move_aside(
    path: &Path,
    now: Timestamp,
    reason: String,
) -> Result<AdvisorWarning, AdvisorStoreError> {
    let moved_to = fsio::move_aside(path, now).map_err(io_err(path))?;
    Ok(AdvisorWarning::MovedAside {
        file: path.to_path_buf(),
        moved_to,
        reason,
    })
}
