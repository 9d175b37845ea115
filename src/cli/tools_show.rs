//! `feoops tools show ID`: every field of one tool as a readable block.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::catalog::present::tool_labels;
use crate::catalog::{
    Cloud, Ecosystem, Hosting, LicenseClass, Maturity, Pricing, Source, Status, Tool,
};
use crate::i18n::Text;
use crate::{Library, base::Lang};

fn join<T: ToString>(v: &[T]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.iter().map(T::to_string).collect::<Vec<_>>().join(", ")
    }
}

/// Enum values in the UI language (`self-hosted` → `자체 호스팅`).
fn values(text: &Text, what: &str, ids: impl Iterator<Item = &'static str>) -> String {
    let v: Vec<&str> = ids.map(|id| text.value(what, id)).collect();
    join(&v)
}

/// `active`, or `end-of-life (2029-03-28)` with its date, in the UI language.
fn status(text: &Text, t: &Tool) -> String {
    let label = |s: Status| text.value(Status::WHAT, s.id()).to_string();
    match (t.status, t.end_of_life) {
        (Some(s), Some(d)) => format!("{} ({d})", label(s)),
        (s, _) => s.map_or("-".into(), label),
    }
}

/// Writes a tool as a block of `label  value` lines in a language.
pub fn write_tool(
    out: &mut impl Write,
    lib: &Library,
    t: &Tool,
    lang: Lang,
) -> std::io::Result<()> {
    let l = tool_labels(lang);
    let text = crate::i18n::text(lang);
    let class = |c: LicenseClass| text.value(LicenseClass::WHAT, c.id());
    let stage_name = |id: &str| lib.stage_name(id, lang).to_string();
    writeln!(out, "{}  ({})", t.name, t.id)?;
    writeln!(out, "{}", t.summary.get(lang))?;
    if lang == Lang::Ko && t.summary_ko_fallback {
        writeln!(out, "{}", l.untranslated)?;
    }
    writeln!(out)?;

    let stages: Vec<String> = t.stages.iter().map(|s| stage_name(s)).collect();
    let license = match (&t.license, t.license_class) {
        (Some(x), Some(c)) => format!("{x} ({})", class(c)),
        (Some(x), None) => x.clone(),
        (None, Some(c)) => format!("- ({})", class(c)),
        (None, None) => "-".into(),
    };
    let source = match (t.source, &t.landscape) {
        (Source::Landscape, Some(r)) => {
            format!("{} ({} / {})", l.imported, r.category, r.subcategory)
        }
        (Source::Builtin, Some(r)) if !r.filled.is_empty() => {
            format!("{}; {}: {}", l.builtin, l.filled, r.filled.join(", "))
        }
        (Source::Landscape, None) => l.imported.to_string(),
        (Source::Builtin, _) => l.builtin.to_string(),
    };
    let rows: Vec<(&str, String)> = vec![
        (&l.aliases, join(&t.aliases)),
        (
            &l.stages,
            format!(
                "{} ({}: {})",
                stages.join(", "),
                l.primary,
                stage_name(&t.primary_stage)
            ),
        ),
        (
            &l.category,
            lib.catalog().category_label(&t.category, lang).to_string(),
        ),
        (&l.license, license),
        (
            &l.pricing,
            t.pricing.map_or("-".into(), |p| {
                text.value(Pricing::WHAT, p.id()).to_string()
            }),
        ),
        (
            &l.hosting,
            values(text, Hosting::WHAT, t.hosting.iter().map(|h| h.id())),
        ),
        (
            &l.clouds,
            values(text, Cloud::WHAT, t.clouds.iter().map(|c| c.id())),
        ),
        (
            &l.ecosystems,
            values(text, Ecosystem::WHAT, t.ecosystems.iter().map(|e| e.id())),
        ),
        (
            &l.maturity,
            t.maturity.map_or("-".into(), |m| {
                text.value(Maturity::WHAT, m.id()).to_string()
            }),
        ),
        (&l.status, status(text, t)),
        (
            &l.verified,
            t.verified.map_or("-".into(), |d| d.to_string()),
        ),
        (&l.homepage, t.homepage.clone()),
        (&l.repo, t.repo.clone().unwrap_or_else(|| "-".into())),
        (&l.alternatives, join(&t.alternatives)),
        (&l.integrates_with, join(&t.integrates_with)),
        (&l.requires, join(&t.requires)),
        (&l.tags, join(&t.tags)),
        (&l.source, source),
    ];
    let width = rows
        .iter()
        .map(|(k, _)| k.width())
        .chain([l.good_for.width(), l.not_for.width()])
        .max()
        .unwrap_or(0);
    let label = |k: &str| format!("{k}{}", " ".repeat(width - k.width()));
    for (k, v) in &rows {
        writeln!(out, "{}  {v}", label(k))?;
    }
    for (k, list) in [
        (&l.good_for, t.good_for.get(lang)),
        (&l.not_for, t.not_for.get(lang)),
    ] {
        if list.is_empty() {
            writeln!(out, "{}  -", label(k))?;
        }
        for (i, item) in list.iter().enumerate() {
            let head = if i == 0 { label(k) } else { " ".repeat(width) };
            writeln!(out, "{head}  - {item}")?;
        }
    }
    Ok(())
}
