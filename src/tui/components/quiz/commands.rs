//! The Quiz pane's command table: what each key does in each view, and when the key bar
//! shows it (the help, the palette and the README's key table come from the same rows).

use super::{QuizPane, View};
use crate::quiz::InputKind;
use crate::tui::action::Action;
use crate::tui::registry::{Command, Row};

fn asking_question(q: &QuizPane) -> bool {
    q.asking() && q.input_kind().is_some()
}

pub(super) fn rows() -> Vec<Row<QuizPane>> {
    let menu = |q: &QuizPane| q.view == View::Menu;
    let feedback =
        |q: &QuizPane| q.asking() && q.session.as_ref().is_some_and(|s| s.feedback().is_some());
    vec![
        Row {
            cmd: Command::new(Action::Open).label("start").bar(),
            when: menu,
        },
        Row {
            cmd: Command::new(Action::Down).label("menu_choose"),
            when: menu,
        },
        Row {
            cmd: Command::new(Action::Up).label("menu_choose"),
            when: menu,
        },
        Row {
            cmd: Command::new(Action::Right).label("menu_topic").bar(),
            when: QuizPane::topic_applies,
        },
        Row {
            cmd: Command::new(Action::Left).label("menu_topic"),
            when: QuizPane::topic_applies,
        },
        Row {
            cmd: Command::new(Action::Char('9')).label("answer").bar(),
            when: |q| q.input_kind() == Some(InputKind::Key),
        },
        Row {
            cmd: Command::new(Action::Char('9')).label("answer_toggle").bar(),
            when: |q| q.input_kind() == Some(InputKind::Keys),
        },
        Row {
            cmd: Command::new(Action::Char('9'))
                .label("answer_sequence")
                .bar(),
            when: |q| q.input_kind() == Some(InputKind::Sequence),
        },
        Row {
            cmd: Command::new(Action::Backspace).label("clear_answer"),
            when: |q| matches!(q.input_kind(), Some(InputKind::Keys | InputKind::Sequence)),
        },
        Row {
            cmd: Command::new(Action::Open).label("answer_field").bar(),
            when: |q| q.input_kind() == Some(InputKind::Text),
        },
        Row {
            cmd: Command::new(Action::Open).label("submit_answer").bar(),
            when: |q| matches!(q.input_kind(), Some(InputKind::Keys | InputKind::Sequence)),
        },
        Row {
            cmd: Command::new(Action::Hint).bar(),
            when: |q| {
                asking_question(q)
                    && q.session
                        .as_ref()
                        .and_then(|s| s.current())
                        .is_some_and(|v| v.has_hint())
            },
        },
        Row {
            cmd: Command::new(Action::Open).label("continue").bar(),
            when: feedback,
        },
        Row {
            cmd: Command::new(Action::OpenPage).label("teach_page").bar(),
            when: feedback,
        },
        Row {
            cmd: Command::new(Action::Down).label("scroll_down"),
            when: QuizPane::asking,
        },
        Row {
            cmd: Command::new(Action::Up).label("scroll_up"),
            when: QuizPane::asking,
        },
        Row {
            cmd: Command::new(Action::Back).label("end_session").bar(),
            when: QuizPane::asking,
        },
        Row {
            cmd: Command::new(Action::NextTab).label("leave"),
            when: QuizPane::asking,
        },
        Row {
            cmd: Command::new(Action::Open).label("back_to_menu").bar(),
            when: |q| {
                q.view == View::Session && q.session.as_ref().is_some_and(|s| s.is_finished())
            },
        },
        Row {
            cmd: Command::new(Action::Down).label("scroll_down").bar(),
            when: |q| {
                q.view == View::Session && q.session.as_ref().is_some_and(|s| s.is_finished())
            },
        },
        Row {
            cmd: Command::new(Action::Up).label("scroll_up"),
            when: |q| {
                q.view == View::Session && q.session.as_ref().is_some_and(|s| s.is_finished())
            },
        },
        Row {
            cmd: Command::new(Action::Retry).bar(),
            when: |q| {
                q.view == View::Session
                    && q.session.as_ref().is_some_and(|s| s.is_finished())
                    && !q.missed().is_empty()
            },
        },
        Row {
            cmd: Command::new(Action::Optimize).bar(),
            when: |q| q.view == View::Stats && !q.fitting(),
        },
        Row {
            cmd: Command::new(Action::Back).label("stats_back").bar(),
            when: |q| q.view == View::Stats,
        },
    ]
}

/// Every command of the pane (for the README and the palette).
pub fn all_commands() -> Vec<Command> {
    crate::tui::registry::all(&rows())
}

/// The commands while the end-of-session question is asked.
pub const CONFIRM: [Command; 2] = [
    Command::new(Action::Open).label("confirm_end").bar(),
    Command::new(Action::Back).label("keep_going").bar(),
];
