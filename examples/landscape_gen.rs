//! Writes a generated landscape of N items, and the same items as lines for fzf, for
//! whole-process measurements: `cargo run --release --example landscape_gen -- 100000 /tmp/l`
//! writes `/tmp/l.yml` and `/tmp/l.txt`.

#[path = "../benches/support/landscape_gen.rs"]
mod landscape_gen;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let stem = args.next().unwrap_or_else(|| "landscape-generated".into());
    let yaml = landscape_gen::landscape_yaml(n);
    std::fs::write(format!("{stem}.yml"), &yaml)?;
    std::fs::write(format!("{stem}.txt"), landscape_gen::fzf_lines(&yaml))?;
    eprintln!("{stem}.yml: {n} items, {} bytes", yaml.len());
    Ok(())
}
