//! `feoops tools show ID`: every field of one tool as a readable block.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use crate::catalog::{Source, Tool};
use crate::content::{Lang, Library};

/// Field labels in one language.
struct Labels {
    aliases: &'static str,
    stages: &'static str,
    primary: &'static str,
    category: &'static str,
    license: &'static str,
    pricing: &'static str,
    hosting: &'static str,
    clouds: &'static str,
    ecosystems: &'static str,
    maturity: &'static str,
    homepage: &'static str,
    repo: &'static str,
    alternatives: &'static str,
    integrates_with: &'static str,
    requires: &'static str,
    good_for: &'static str,
    not_for: &'static str,
    tags: &'static str,
    source: &'static str,
    builtin: &'static str,
    imported: &'static str,
    filled: &'static str,
    untranslated: &'static str,
}

const EN: Labels = Labels {
    aliases: "Also known as",
    stages: "Stages",
    primary: "primary",
    category: "Category",
    license: "License",
    pricing: "Pricing",
    hosting: "Hosting",
    clouds: "Clouds",
    ecosystems: "Ecosystems",
    maturity: "Maturity",
    homepage: "Homepage",
    repo: "Repository",
    alternatives: "Alternatives",
    integrates_with: "Integrates with",
    requires: "Requires",
    good_for: "Good for",
    not_for: "Not for",
    tags: "Tags",
    source: "Source",
    builtin: "built-in catalogue",
    imported: "imported from the CNCF landscape",
    filled: "filled from the CNCF landscape",
    untranslated: "(no Korean summary yet: shown in English)",
};

const KO: Labels = Labels {
    aliases: "다른 이름",
    stages: "단계",
    primary: "주 단계",
    category: "분류",
    license: "라이선스",
    pricing: "가격",
    hosting: "호스팅",
    clouds: "클라우드",
    ecosystems: "생태계",
    maturity: "성숙도",
    homepage: "홈페이지",
    repo: "저장소",
    alternatives: "대안",
    integrates_with: "함께 쓰는 도구",
    requires: "필수 도구",
    good_for: "잘 맞는 경우",
    not_for: "맞지 않는 경우",
    tags: "태그",
    source: "출처",
    builtin: "기본 카탈로그",
    imported: "CNCF 랜드스케이프에서 가져옴",
    filled: "CNCF 랜드스케이프에서 채움",
    untranslated: "(한국어 요약이 아직 없어 영어로 표시합니다)",
};

fn join<T: ToString>(v: &[T]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.iter().map(T::to_string).collect::<Vec<_>>().join(", ")
    }
}

/// Writes a tool as a block of `label  value` lines in a language.
pub fn write_tool(
    out: &mut impl Write,
    lib: &Library,
    t: &Tool,
    lang: Lang,
) -> std::io::Result<()> {
    let l = match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    };
    let stage_name = |id: &str| {
        lib.stage(id)
            .map_or_else(|| id.to_string(), |s| s.name.get(lang).clone())
    };
    writeln!(out, "{}  ({})", t.name, t.id)?;
    writeln!(out, "{}", t.summary.get(lang))?;
    if lang == Lang::Ko && t.summary_ko_fallback {
        writeln!(out, "{}", l.untranslated)?;
    }
    writeln!(out)?;

    let stages: Vec<String> = t.stages.iter().map(|s| stage_name(s)).collect();
    let license = match (&t.license, t.license_class) {
        (Some(x), Some(c)) => format!("{x} ({c})"),
        (Some(x), None) => x.clone(),
        (None, Some(c)) => format!("- ({c})"),
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
        (l.aliases, join(&t.aliases)),
        (
            l.stages,
            format!(
                "{} ({}: {})",
                stages.join(", "),
                l.primary,
                stage_name(&t.primary_stage)
            ),
        ),
        (
            l.category,
            lib.catalog.category_label(&t.category, lang).to_string(),
        ),
        (l.license, license),
        (l.pricing, t.pricing.map_or("-".into(), |p| p.to_string())),
        (l.hosting, join(&t.hosting)),
        (l.clouds, join(&t.clouds)),
        (l.ecosystems, join(&t.ecosystems)),
        (l.maturity, t.maturity.map_or("-".into(), |m| m.to_string())),
        (l.homepage, t.homepage.clone()),
        (l.repo, t.repo.clone().unwrap_or_else(|| "-".into())),
        (l.alternatives, join(&t.alternatives)),
        (l.integrates_with, join(&t.integrates_with)),
        (l.requires, join(&t.requires)),
        (l.tags, join(&t.tags)),
        (l.source, source),
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
        (l.good_for, t.good_for.get(lang)),
        (l.not_for, t.not_for.get(lang)),
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
