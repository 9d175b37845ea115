//! Issue 10, point 6: the renderer's cost grows linearly with its input. Each hostile
//! input is rendered at n and 4n, and two counts of work are compared, never time:
//! the renderer's own step counter (`render_work`: events, bytes taken in, wrapped and
//! copied, containers looked at for prefixes) and the bytes of memory asked for while
//! rendering (counted by this test's allocator, per thread). Linear cost shows as about
//! 4x; a scan per item or a copy of the line per image shows as about 16x.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use feoops::markdown::{MdStyles, line_width, render, render_work, to_plain};

struct Counting;

thread_local! {
    static ASKED: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    let _ = ASKED.try_with(|a| a.set(a.get().wrapping_add(bytes as u64)));
}

// SAFETY: every call is passed on to the system allocator unchanged; the counter is a
// const-initialised thread-local without a destructor, so counting never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A reallocation may copy: count the whole new size.
        count(new_size);
        // SAFETY: `ptr` came from `System` with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const WIDTH: usize = 80;

/// Steps and bytes asked for to render `src`, with the text of the result.
fn work(src: &str) -> (u64, u64, String) {
    let styles = MdStyles::default();
    let steps = render_work();
    let asked = ASKED.with(Cell::get);
    let lines = render(src, WIDTH, &styles);
    let steps = render_work() - steps;
    let asked = ASKED.with(Cell::get) - asked;
    assert!(
        lines.iter().all(|l| line_width(l) <= WIDTH),
        "a line is wider than {WIDTH}"
    );
    (steps, asked, to_plain(&lines))
}

/// Renders `make(n)` and `make(4n)` and checks that both counts grow about 4x.
fn linear(name: &str, n: usize, make: impl Fn(usize) -> String, check: impl Fn(&str)) {
    let (steps_small, bytes_small, text_small) = work(&make(n));
    let (steps_large, bytes_large, text_large) = work(&make(4 * n));
    check(&text_small);
    check(&text_large);
    assert!(
        steps_small > 0 && bytes_small > 0,
        "{name}: nothing counted"
    );
    let steps = steps_large as f64 / steps_small as f64;
    let bytes = bytes_large as f64 / bytes_small as f64;
    println!(
        "{name}: steps {steps_small} -> {steps_large} (x{steps:.2}), \
         bytes {bytes_small} -> {bytes_large} (x{bytes:.2})"
    );
    assert!(
        steps < 5.0,
        "{name}: steps grew x{steps:.2} for 4x the input"
    );
    assert!(
        bytes < 5.0,
        "{name}: memory asked for grew x{bytes:.2} for 4x the input"
    );
}

#[test]
fn nested_lists_cost_linear_work() {
    linear(
        "nested lists",
        2_000,
        |n| format!("{}x", "- ".repeat(n)),
        |text| assert!(text.starts_with("• ◦ ▪") && text.ends_with('x'), "{text}"),
    );
}

#[test]
fn a_long_paragraph_deep_in_lists_costs_linear_work() {
    // Every wrapped line of the paragraph gets the prefix of all the open lists: that must
    // not cost the depth per line.
    linear(
        "long text in deep lists",
        1_000,
        |n| format!("{}x{}", "- ".repeat(n), " word".repeat(n)),
        |text| {
            assert!(
                text.lines().count() > 10 && text.ends_with("word"),
                "{text}"
            )
        },
    );
}

#[test]
fn a_long_paragraph_deep_in_quotes_costs_linear_work() {
    linear(
        "long text in deep quotes",
        1_000,
        |n| format!("{}x{}", "> ".repeat(n), " word".repeat(n)),
        |text| assert!(text.lines().all(|l| l.starts_with("│ ")), "{text}"),
    );
}

#[test]
fn nested_images_cost_linear_work() {
    linear(
        "nested images",
        2_000,
        |n| format!("{}x{}", "![".repeat(n), "](u)".repeat(n)),
        |text| {
            assert!(
                text.starts_with("[image: [image: ") && text.ends_with("(u)"),
                "{text}"
            )
        },
    );
}

#[test]
fn nested_quotes_and_emphasis_cost_linear_work() {
    linear(
        "nested quotes",
        2_000,
        |n| format!("{}x", "> ".repeat(n)),
        |text| assert!(text.ends_with('x'), "{text}"),
    );
    linear(
        "nested emphasis",
        2_000,
        |n| format!("{}x{}", "*a ".repeat(n), " b*".repeat(n)),
        |text| assert!(text.contains('x'), "{text}"),
    );
}
