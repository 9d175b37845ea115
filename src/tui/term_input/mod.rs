//! The dashboard's input: the terminal read by feoops itself on Unix, so input can never
//! stall the app (issue 10).
//!
//! crossterm 0.29's reader has two traps. Its parser waits for the end of a bracketed paste
//! forever (see [`parse`]). And its default event source registers the terminal with mio,
//! which is edge-triggered, but returns after the first event of a read: 3,000 keys written
//! at once left the rest of the queue unread, so Ctrl-C went unanswered until another key
//! came, and a resize in a full queue could leave the app asleep with unread input
//! (upstream PR #1057; the `use-dev-tty` feature's `poll` source avoids that part, but not
//! the paste trap). Here, `poll(2)` (level-triggered) waits for the terminal or a
//! `SIGWINCH`, and each wake-up reads everything waiting before the next frame.
//!
//! Elsewhere (Windows) crossterm's reader is used, drained the same way.

pub mod parse;

use std::time::Duration;

/// How long a lone `ESC` waits for the rest of a sequence before it is the Esc key.
pub const ESC_WAIT: Duration = Duration::from_millis(30);

/// At most this many events are handled between two frames, so a long paste still
/// shows progress (the rest is read on the next wake-up).
const MAX_BATCH: usize = 4_096;

#[cfg(unix)]
pub use unix::Input;

#[cfg(unix)]
mod unix {
    use std::fs::File;
    use std::io;
    use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
    use std::os::unix::net::UnixStream;
    use std::time::Duration;

    use ratatui::crossterm::event::Event;
    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    use super::parse::Parser;
    use super::{ESC_WAIT, MAX_BATCH};

    /// The terminal's input: key and mouse bytes from the terminal, resizes from `SIGWINCH`.
    pub struct Input {
        /// `/dev/tty` when standard input is not the terminal.
        tty: Option<OwnedFd>,
        winch: UnixStream,
        signal: signal_hook::SigId,
        parser: Parser,
        buf: Box<[u8; 8192]>,
    }

    impl Input {
        /// Reads the terminal on standard input, or `/dev/tty` when input is redirected.
        pub fn open() -> io::Result<Input> {
            let tty = if rustix::termios::isatty(rustix::stdio::stdin()) {
                None
            } else {
                let f = File::options().read(true).write(true).open("/dev/tty")?;
                Some(OwnedFd::from(f))
            };
            let (winch, sender) = UnixStream::pair()?;
            winch.set_nonblocking(true)?;
            sender.set_nonblocking(true)?;
            let signal =
                signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, sender)?;
            Ok(Input {
                tty,
                winch,
                signal,
                parser: Parser::default(),
                buf: Box::new([0; 8192]),
            })
        }

        fn tty(&self) -> BorrowedFd<'_> {
            tty_fd(&self.tty)
        }

        /// Blocks until something happens (an idle app uses no CPU), or for at most
        /// `timeout` (then the batch may be empty), then returns every event already
        /// waiting, in order (up to a batch limit).
        pub fn read_batch(&mut self, timeout: Option<Duration>) -> io::Result<Vec<Event>> {
            let started = std::time::Instant::now();
            let mut out = Vec::new();
            loop {
                let left = timeout.map(|t| t.saturating_sub(started.elapsed()));
                let wait = if !out.is_empty() {
                    Some(Duration::ZERO)
                } else if self.parser.has_pending() {
                    Some(left.map_or(ESC_WAIT, |l| l.min(ESC_WAIT)))
                } else {
                    left
                };
                let (input, resized) = self.wait(wait)?;
                // The resize first: the size read is the current one, so it is at least as
                // new as any key read in the same wake-up.
                if resized {
                    // Empty the pipe; one resize stands for all of them.
                    while matches!(io::Read::read(&mut &self.winch, &mut [0; 64]), Ok(n) if n > 0) {
                    }
                    let (w, h) = ratatui::crossterm::terminal::size()?;
                    if matches!(out.last(), Some(Event::Resize(..))) {
                        out.pop();
                    }
                    out.push(Event::Resize(w, h));
                }
                if input {
                    let fd = tty_fd(&self.tty);
                    let n = rustix::io::retry_on_intr(|| rustix::io::read(fd, &mut self.buf[..]))?;
                    if n == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "the terminal closed",
                        ));
                    }
                    self.parser.feed(&self.buf[..n], &mut out);
                }
                if !input && !resized {
                    // The wait ran out: what is still incomplete is flushed (a lone ESC).
                    if out.is_empty() && self.parser.has_pending() {
                        self.parser.flush(&mut out);
                    }
                    if !out.is_empty() || left.is_some_and(|l| l.is_zero()) {
                        return Ok(out);
                    }
                }
                if out.len() >= MAX_BATCH {
                    return Ok(out);
                }
            }
        }

        /// Waits (forever with `None`) for input or a resize; says which came.
        fn wait(&self, timeout: Option<Duration>) -> io::Result<(bool, bool)> {
            let timeout = timeout.map(|d| Timespec {
                tv_sec: d.as_secs().try_into().unwrap_or(i64::MAX),
                tv_nsec: d.subsec_nanos().into(),
            });
            let mut fds = [
                PollFd::from_borrowed_fd(self.tty(), PollFlags::IN),
                PollFd::new(&self.winch, PollFlags::IN),
            ];
            match poll(&mut fds, timeout.as_ref()) {
                Ok(_) => {}
                // A signal (SIGWINCH itself) woke us: the pipe says whether it was a resize.
                Err(rustix::io::Errno::INTR) => return Ok((false, self.winch_waiting())),
                Err(e) => return Err(e.into()),
            }
            let ready = |f: &PollFd| {
                f.revents()
                    .intersects(PollFlags::IN | PollFlags::HUP | PollFlags::ERR)
            };
            Ok((ready(&fds[0]), ready(&fds[1])))
        }

        fn winch_waiting(&self) -> bool {
            let mut fds = [PollFd::new(&self.winch, PollFlags::IN)];
            let zero = Timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            poll(&mut fds, Some(&zero)).is_ok_and(|n| n > 0)
        }
    }

    fn tty_fd(tty: &Option<OwnedFd>) -> BorrowedFd<'_> {
        match tty {
            Some(fd) => fd.as_fd(),
            None => rustix::stdio::stdin(),
        }
    }

    impl Drop for Input {
        fn drop(&mut self) {
            signal_hook::low_level::unregister(self.signal);
        }
    }
}

/// crossterm's reader, drained on each wake-up (for platforms without `poll`).
#[cfg(not(unix))]
pub struct Input;

#[cfg(not(unix))]
impl Input {
    pub fn open() -> std::io::Result<Input> {
        Ok(Input)
    }

    pub fn read_batch(
        &mut self,
        timeout: Option<Duration>,
    ) -> std::io::Result<Vec<ratatui::crossterm::event::Event>> {
        use ratatui::crossterm::event;
        if let Some(t) = timeout
            && !event::poll(t)?
        {
            return Ok(Vec::new());
        }
        let mut out = vec![event::read()?];
        while out.len() < MAX_BATCH && event::poll(Duration::ZERO)? {
            out.push(event::read()?);
        }
        Ok(out)
    }
}
