//! The Advisor pane: the profile being answered, the stage whose suggestions show, the
//! stack being built, and the saved files. Suggestions come from the advisor engine and
//! are cached until the profile, the picks or the stage change. Its commands and `update`
//! are here; drawing is in `draw.rs`.

pub mod draw;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::advisor::stack::{Format, Pick, Stack};
use crate::advisor::{Excluded, ProfileField, Suggestion};
use crate::base::Lang;
use crate::i18n::{Text, fill};
use crate::library::Library;
use crate::store::advisor::AdvisorFiles;
use crate::tui::action::{Action, Effect};
use crate::tui::input::{InputEvent, TextInput};
use crate::tui::registry::{Command, Row, always, applying};

fn rows() -> Vec<Row<AdvisorPane>> {
    let profile = |a: &AdvisorPane| a.focus == Focus::Profile;
    let suggestions = |a: &AdvisorPane| a.focus == Focus::Suggestions;
    vec![
        Row {
            cmd: Command::new(Action::Right).label("next_answer").bar(),
            when: profile,
        },
        Row {
            cmd: Command::new(Action::Left).label("next_answer"),
            when: profile,
        },
        Row {
            cmd: Command::new(Action::Down).label("next_question"),
            when: profile,
        },
        Row {
            cmd: Command::new(Action::Up).label("prev_question"),
            when: profile,
        },
        Row {
            cmd: Command::new(Action::Open).label("to_suggestions").bar(),
            when: profile,
        },
        Row {
            cmd: Command::new(Action::Open).label("pick_tool").bar(),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::SkipStage).bar(),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::Details),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::Right).label("next_stage"),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::Left).label("prev_stage"),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::Down).label("next_result"),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::Up).label("prev_result"),
            when: suggestions,
        },
        Row {
            cmd: Command::new(Action::Back).label("to_profile"),
            when: suggestions,
        },
        always(Command::new(Action::Export).bar()),
        always(Command::new(Action::Import)),
        always(Command::new(Action::OpenPage).label("weights_page")),
    ]
}

/// Every command of the pane (for the README and the palette).
pub fn all_commands() -> Vec<Command> {
    crate::tui::registry::all(&rows())
}

/// Which side of the pane the arrows move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Profile,
    Suggestions,
}

type Ranked = (Rc<Vec<Suggestion>>, Rc<Vec<Excluded>>);

pub struct AdvisorPane {
    /// Where the profile and the stack are saved (none when there is no data folder).
    pub files: Option<AdvisorFiles>,
    pub stack: Stack,
    pub focus: Focus,
    /// The selected question of the profile.
    pub field: usize,
    /// The selected stage (an index into the stages) and suggestion.
    pub stage: usize,
    pub selected: usize,
    /// The last message (saved, exported, imported, or what went wrong) and whether it
    /// is a warning.
    pub message: Option<(String, bool)>,
    /// The import path being typed, while the import prompt is open.
    pub import: Option<TextInput>,
    /// Bumped on every change of the profile or the picks (invalidates the cache).
    generation: u64,
    cache: RefCell<Option<((u64, usize), Ranked)>>,
}

impl AdvisorPane {
    /// Loads the saved profile and stack from the data folder, if there is one.
    pub fn new(data_dir: Option<&Path>, lib: &Library) -> AdvisorPane {
        let files = data_dir.map(AdvisorFiles::new);
        let mut message = None;
        let stack = match files.as_ref().map(|f| f.load(lib)) {
            Some(Ok(saved)) => {
                if let Some(w) = saved.warnings.first() {
                    message = Some((w.to_string(), true));
                }
                saved.stack
            }
            Some(Err(e)) => {
                message = Some((e.to_string(), true));
                Stack::default()
            }
            None => Stack::default(),
        };
        AdvisorPane {
            files,
            stack,
            focus: Focus::Profile,
            field: 0,
            stage: 0,
            selected: 0,
            message,
            import: None,
            generation: 0,
            cache: RefCell::new(None),
        }
    }

    /// The stage whose suggestions show.
    pub fn stage_id<'a>(&self, lib: &'a Library) -> Option<&'a str> {
        lib.stages()
            .get(self.stage.min(lib.stages().len().checked_sub(1)?))
            .map(|s| s.id.as_str())
    }

    /// The suggestions and the tools left out for the selected stage.
    pub fn ranked(&self, lib: &Library) -> Ranked {
        let key = (self.generation, self.stage);
        if let Some((k, r)) = self.cache.borrow().as_ref()
            && *k == key
        {
            return r.clone();
        }
        let ranked = match self.stage_id(lib) {
            Some(stage) => {
                let advisor = self.stack.advisor(lib);
                (
                    Rc::new(advisor.suggest(stage)),
                    Rc::new(advisor.excluded(stage)),
                )
            }
            None => Default::default(),
        };
        *self.cache.borrow_mut() = Some((key, ranked.clone()));
        ranked
    }

    /// The id of the selected suggestion.
    pub fn selected_tool(&self, lib: &Library) -> Option<String> {
        let (s, _) = self.ranked(lib);
        s.get(self.selected.min(s.len().checked_sub(1)?))
            .map(|x| x.id.clone())
    }

    /// For tests that change `stack` directly: forget the cached suggestions.
    pub fn update_for_tests(&mut self) {
        self.generation += 1;
    }

    fn changed(&mut self, lib: &Library, t: &Text) {
        self.generation += 1;
        if let Some(files) = &self.files
            && let Err(e) = files.save(&self.stack, lib)
        {
            self.message = Some((fill(&t.advisor.cannot_save, &[("err", &e)]), true));
        }
    }

    pub fn move_field(&mut self, delta: isize) {
        let n = ProfileField::ALL.len() as isize;
        self.field = (self.field as isize + delta).rem_euclid(n) as usize;
    }

    pub fn cycle_answer(&mut self, forward: bool, lib: &Library, t: &Text) {
        let field = ProfileField::ALL[self.field.min(ProfileField::ALL.len() - 1)];
        self.stack.profile.cycle(field, forward);
        self.selected = 0;
        self.changed(lib, t);
    }

    pub fn move_stage(&mut self, delta: isize, lib: &Library) {
        let n = lib.stages().len() as isize;
        if n > 0 {
            self.stage = (self.stage as isize + delta).rem_euclid(n) as usize;
            self.selected = 0;
        }
    }

    pub fn move_selection(&mut self, delta: isize, lib: &Library) {
        let n = self.ranked(lib).0.len() as isize;
        if n > 0 {
            self.selected = (self.selected as isize + delta).clamp(0, n - 1) as usize;
        }
    }

    /// Picks the selected tool for the stage, or takes it back if it is the pick already.
    pub fn toggle_pick(&mut self, lib: &Library, t: &Text) {
        let (Some(stage), Some(tool)) = (self.stage_id(lib), self.selected_tool(lib)) else {
            return;
        };
        let stage = stage.to_string();
        if self.stack.pick(&stage).and_then(Pick::tool) == Some(tool.as_str()) {
            self.stack.unset(&stage);
        } else {
            self.stack.set(&stage, Pick::Tool(tool));
        }
        self.changed(lib, t);
    }

    /// Marks the stage skipped, or undoes the skip.
    pub fn toggle_skip(&mut self, lib: &Library, t: &Text) {
        let Some(stage) = self.stage_id(lib).map(str::to_string) else {
            return;
        };
        if self.stack.pick(&stage) == Some(&Pick::Skip) {
            self.stack.unset(&stage);
        } else {
            self.stack.set(&stage, Pick::Skip);
        }
        self.changed(lib, t);
    }

    /// Writes the stack as Markdown (to read) and TOML (to import again) into the data
    /// folder.
    pub fn export(&mut self, lib: &Library, lang: Lang, t: &Text) {
        let Some(files) = &self.files else {
            self.message = Some((
                fill(&t.advisor.cannot_save, &[("err", &"no data folder")]),
                true,
            ));
            return;
        };
        let written = files
            .export(&self.stack, lib, Format::Markdown, lang)
            .and_then(|md| Ok((md, files.export(&self.stack, lib, Format::Toml, lang)?)));
        self.message = Some(match written {
            Ok((md, toml)) => (
                fill(
                    &t.advisor.exported,
                    &[("md", &md.display()), ("toml", &toml.display())],
                ),
                false,
            ),
            Err(e) => (fill(&t.advisor.cannot_save, &[("err", &e)]), true),
        });
    }

    /// Opens the import prompt with the exported TOML file as the default path.
    pub fn open_import(&mut self) {
        let default = self
            .files
            .as_ref()
            .map(|f| f.dir().join("toolchain.toml"))
            .unwrap_or_else(|| PathBuf::from("toolchain.toml"));
        let mut input = TextInput::default();
        input.set(&default.display().to_string());
        input.focus();
        self.import = Some(input);
    }

    /// The commands of the pane now (the prompt's own while it is open).
    pub fn commands(&self) -> Vec<Command> {
        if self.import.is_some() {
            return crate::tui::registry::INPUT.to_vec();
        }
        applying(&rows(), self)
    }

    /// Applies an action to the pane.
    pub fn update(&mut self, action: Action, lib: &Library, lang: Lang, t: &Text) -> Effect {
        if let Some(input) = self.import.as_mut() {
            match input.handle(action) {
                InputEvent::Submit => self.finish_import(lib, t),
                InputEvent::Left => self.import = None,
                InputEvent::Changed | InputEvent::Moved => {}
                InputEvent::Ignored => return Effect::Unhandled,
            }
            return Effect::None;
        }
        match (self.focus, action) {
            (_, Action::OpenPage) => return Effect::OpenPage("advisor-weights".into()),
            (_, Action::Export) => self.export(lib, lang, t),
            (_, Action::Import) => self.open_import(),
            (Focus::Profile, Action::Up) => self.move_field(-1),
            (Focus::Profile, Action::Down) => self.move_field(1),
            (Focus::Profile, Action::Left) => self.cycle_answer(false, lib, t),
            (Focus::Profile, Action::Right) => self.cycle_answer(true, lib, t),
            (Focus::Profile, Action::Open) => self.focus = Focus::Suggestions,
            (Focus::Suggestions, Action::Up) => self.move_selection(-1, lib),
            (Focus::Suggestions, Action::Down) => self.move_selection(1, lib),
            (Focus::Suggestions, Action::PageUp) => self.move_selection(-10, lib),
            (Focus::Suggestions, Action::PageDown) => self.move_selection(10, lib),
            (Focus::Suggestions, Action::Left) => self.move_stage(-1, lib),
            (Focus::Suggestions, Action::Right) => self.move_stage(1, lib),
            (Focus::Suggestions, Action::Open) => self.toggle_pick(lib, t),
            (Focus::Suggestions, Action::SkipStage) => self.toggle_skip(lib, t),
            (Focus::Suggestions, Action::Back) => self.focus = Focus::Profile,
            (Focus::Suggestions, Action::Details) => {
                if let Some(id) = self.selected_tool(lib) {
                    return Effect::OpenTool(id);
                }
            }
            _ => return Effect::Unhandled,
        }
        Effect::None
    }

    /// Imports the stack file named in the prompt; the saved stack becomes it.
    pub fn finish_import(&mut self, lib: &Library, t: &Text) {
        let Some(input) = self.import.take() else {
            return;
        };
        let path = PathBuf::from(input.text().trim());
        let result: Result<(Stack, Vec<String>), String> = match &self.files {
            Some(files) => files
                .import_file(&path, lib)
                .map(|i| (i.stack, i.warnings.iter().map(|w| w.to_string()).collect()))
                .map_err(|e| e.to_string()),
            None => std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    crate::advisor::stack::import(&text, &path.display().to_string(), lib)
                        .map(|i| (i.stack, i.warnings.iter().map(|w| w.to_string()).collect()))
                        .map_err(|e| e.to_string())
                }),
        };
        match result {
            Ok((stack, warnings)) => {
                self.stack = stack;
                self.generation += 1;
                self.selected = 0;
                let mut msg = fill(&t.advisor.imported, &[("path", &path.display())]);
                for w in &warnings {
                    msg.push_str(&format!(" · {w}"));
                }
                self.message = Some((msg, !warnings.is_empty()));
            }
            Err(e) => self.message = Some((e, true)),
        }
    }
}
