//! L3: the real TUI in a pseudo-terminal: start, switch tabs, toggle the language, quit
//! with `q`, exit code 0, and the terminal restored (main screen, cursor shown, no mouse
//! capture). Then hostile input (issue 10): a bracketed-paste start without its end, 3,000
//! keys written at once, and real resizes (`TIOCSWINSZ`, so the app gets `SIGWINCH`) while
//! keys arrive: the app must still answer `q` and Ctrl-C and exit cleanly. The deadlines
//! only guard against a hang; the assertions are on the screen and the exit status.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
}

impl Session {
    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if ok(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    fn wait_for(&self, needle: &str) {
        self.wait_until(needle, |s| s.contains(needle));
    }

    /// Sends a key again and again until the screen shows `needle` (for a key that may be
    /// read while a resize is still on its way, and so handled at the old size).
    fn send_until(&mut self, key: &str, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.send(key);
            for _ in 0..10 {
                if self.screen().contains(needle) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!("timed out waiting for {needle}; screen:\n{}", self.screen());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

struct Running {
    s: Session,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    reader_thread: std::thread::JoinHandle<()>,
    _data: tempfile::TempDir,
    _config: tempfile::TempDir,
}

/// Starts `feoops` in a pseudo-terminal of this size, with a fresh data folder and no
/// user configuration.
fn start(cols: u16, rows: u16) -> Running {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_feoops"));
    cmd.arg("--data-dir");
    cmd.arg(data.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env("XDG_CONFIG_HOME", config.path());
    cmd.env_remove("LC_ALL");
    cmd.env_remove("LC_MESSAGES");
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(rows).unwrap(),
        std::num::NonZeroU16::new(cols).unwrap(),
        0,
    )));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let p = parser.clone();
    let reader_thread = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let s = Session {
        parser,
        writer: pair.master.take_writer().unwrap(),
    };
    Running {
        s,
        child,
        master: pair.master,
        reader_thread,
        _data: data,
        _config: config,
    }
}

impl Running {
    /// Resizes the pseudo-terminal (the kernel sends the app `SIGWINCH`) and the screen model.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        self.s
            .parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }

    /// Waits for the app to exit and checks that it exited with 0 and restored the terminal.
    fn finish(mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            assert!(Instant::now() < deadline, "feoops did not quit");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "exit code {}", status.exit_code());
        drop(self.s.writer);
        drop(self.master);
        let _ = self.reader_thread.join();
        let parser = self.s.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
}

#[test]
fn tui_starts_switches_tabs_and_quits_cleanly() {
    let mut r = start(100, 30);
    let s = &mut r.s;
    s.wait_for("1 Overview");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.send("2");
    s.wait_for("The DevOps loop");
    s.wait_for("feedback");
    s.send("\t");
    s.wait_for("Continuous Integration");
    s.send("L");
    s.wait_for("실천 방식");
    s.send("?");
    // "언어 바꾸기" (switch language) is shown by the help only, not by the key bar.
    s.wait_for("언어 바꾸기");
    s.send("\x1b");
    // Esc and q sent together would read as Alt-q: wait for the help to close first.
    s.wait_until("the help to close", |s| !s.contains("언어 바꾸기"));
    s.send("q");
    r.finish();
}

#[test]
fn on_the_tools_tab_digits_switch_tabs_and_q_quits() {
    let mut r = start(100, 30);
    let s = &mut r.s;
    s.wait_for("1 Overview");
    s.send("6");
    s.wait_for("Search:");
    // Typing goes into the search only after `/`; Esc leaves it.
    s.send("/kube");
    s.wait_for("SEARCH");
    s.send("\x1b");
    s.wait_until("the search to lose the focus", |s| !s.contains("SEARCH"));
    s.send("7");
    s.wait_for("Your situation");
    s.send("q");
    r.finish();
}

#[test]
fn a_paste_start_without_its_end_does_not_swallow_later_keys() {
    let mut r = start(100, 30);
    let s = &mut r.s;
    s.wait_for("1 Overview");
    // The start of a bracketed paste that never ends, then a tab key: the key still acts.
    s.send("\x1b[200~");
    s.send("2");
    s.wait_for("The DevOps loop");
    // A stray end marker is ignored too.
    s.send("\x1b[201~");
    s.send("\x1b[200~3");
    s.wait_for("Continuous Integration");
    s.send("q");
    r.finish();
}

#[test]
fn three_thousand_keys_at_once_then_ctrl_c_quits() {
    let mut r = start(100, 30);
    let s = &mut r.s;
    s.wait_for("1 Overview");
    // Keys with no binding on the Overview tab, then Ctrl-C, in one write: Ctrl-C must be
    // read without waiting for another key.
    let mut burst = "x".repeat(3_000);
    burst.push('\x03');
    s.send(&burst);
    r.finish();
}

#[test]
fn real_resizes_while_keys_arrive_never_panic_and_q_still_quits() {
    let mut r = start(80, 24);
    r.s.wait_for("1 Overview");
    r.s.send("2");
    r.s.wait_for("The DevOps loop");
    for i in 0..40u16 {
        r.s.send(["2", "5", "6", "3"][usize::from(i % 4)]);
        r.resize(300, 1);
        r.s.send("x");
        r.resize(1, 300);
        r.s.send("j");
        r.resize(41 + i, 12 + i % 20);
    }
    // A full input queue and a resize together.
    r.s.send(&"x".repeat(2_000));
    r.resize(100, 30);
    // The app still answers: a tab key (sent again if it came before the resize was seen,
    // at a size too small for anything but quit and resize).
    r.s.send_until("1", "1 Overview");
    r.s.send("q");
    r.finish();
}
