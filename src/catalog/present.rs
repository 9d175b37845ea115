//! A tool as the front ends show it: its detail as Markdown, the tools it links to, and
//! the field labels, shared by the dashboard's tool detail and `feoops tools show`.

use super::{Catalog, Cloud, Ecosystem, Hosting, LicenseClass, Maturity, Pricing, Status, Tool};
use crate::base::{Lang, Stage, i18n, stage_name};
use crate::markdown::escape;

/// A tool's detail as Markdown: what it is, then every field. The tools it links to
/// (alternatives, integrations, requirements) are listed by [`tool_links`].
pub fn tool_markdown(catalog: &Catalog, stages: &[Stage], tool: &Tool, lang: Lang) -> String {
    let l = tool_labels(lang);
    let t = i18n::text(lang);
    let stage_name = |id: &str| stage_name(stages, id, lang).to_string();
    let mut md = format!("# {}\n\n", escape(&tool.name));
    let mut tagline = vec![format!(
        "*{}*",
        escape(catalog.category_label(&tool.category, lang))
    )];
    if let Some(m) = tool.maturity {
        tagline.push(t.value(Maturity::WHAT, m.id()).to_string());
    }
    if tool.is_imported() {
        tagline.push(t.tools.imported.clone());
    }
    md.push_str(&tagline.join(" · "));
    md.push_str("\n\n");
    md.push_str(&escape(tool.summary.get(lang)));
    if lang == Lang::Ko && tool.summary_ko_fallback {
        md.push_str(&format!("\n\n*{}*", l.untranslated));
    }
    md.push_str("\n\n");
    let stages: Vec<String> = tool
        .stages
        .iter()
        .map(|s| {
            if *s == tool.primary_stage {
                format!("**{}** ({})", stage_name(s), l.primary)
            } else {
                stage_name(s)
            }
        })
        .collect();
    let list = |v: Vec<String>| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    let class = class_label(tool.license_class, t);
    let license = match &tool.license {
        Some(x) => format!("{} ({class})", escape(x)),
        None => class.to_string(),
    };
    let mut rows: Vec<(&str, String)> = Vec::new();
    if !tool.aliases.is_empty() {
        rows.push((
            &l.aliases,
            list(tool.aliases.iter().map(|a| escape(a)).collect()),
        ));
    }
    rows.push((&l.stages, stages.join(", ")));
    rows.push((&l.license, license));
    rows.push((
        &l.pricing,
        tool.pricing
            .map_or("-".into(), |p| t.value(Pricing::WHAT, p.id()).to_string()),
    ));
    rows.push((
        &l.hosting,
        list(
            tool.hosting
                .iter()
                .map(|h| t.value(Hosting::WHAT, h.id()).to_string())
                .collect(),
        ),
    ));
    rows.push((
        &l.clouds,
        list(
            tool.clouds
                .iter()
                .map(|c| t.value(Cloud::WHAT, c.id()).to_string())
                .collect(),
        ),
    ));
    rows.push((
        &l.ecosystems,
        list(
            tool.ecosystems
                .iter()
                .map(|e| t.value(Ecosystem::WHAT, e.id()).to_string())
                .collect(),
        ),
    ));
    if let Some(st) = tool.status {
        let mut v = t.value(Status::WHAT, st.id()).to_string();
        if let Some(d) = tool.end_of_life {
            v.push_str(&format!(" ({d})"));
        }
        rows.push((&l.status, v));
    }
    if let Some(d) = tool.verified {
        rows.push((&l.verified, d.to_string()));
    }
    rows.push((&l.homepage, format!("<{}>", tool.homepage)));
    if let Some(repo) = &tool.repo {
        rows.push((&l.repo, format!("<{repo}>")));
    }
    if !tool.tags.is_empty() {
        rows.push((&l.tags, list(tool.tags.iter().map(|x| escape(x)).collect())));
    }
    for (k, v) in rows {
        md.push_str(&format!("- **{k}**: {v}\n"));
    }
    for (k, items) in [
        (&l.good_for, tool.good_for.get(lang)),
        (&l.not_for, tool.not_for.get(lang)),
    ] {
        if items.is_empty() {
            continue;
        }
        md.push_str(&format!("\n**{k}**\n\n"));
        for it in items {
            md.push_str(&format!("- {}\n", escape(it)));
        }
    }
    md
}

/// The tools a tool points to, in order: alternatives, integrations, requirements; each as
/// (group label, tool id). Ids not in the catalogue are left out.
pub fn tool_links<'a>(
    catalog: &'a Catalog,
    tool: &'a Tool,
    lang: Lang,
) -> Vec<(&'static str, &'a str)> {
    let l = tool_labels(lang);
    [
        (l.alternatives.as_str(), &tool.alternatives),
        (l.integrates_with.as_str(), &tool.integrates_with),
        (l.requires.as_str(), &tool.requires),
    ]
    .into_iter()
    .flat_map(|(label, ids)| {
        ids.iter()
            .filter(|id| catalog.get(id).is_some())
            .map(move |id| (label, id.as_str()))
    })
    .collect()
}

/// The name of a licence class (or of a missing one) in the UI language.
pub fn class_label(c: Option<LicenseClass>, t: &i18n::Text) -> &str {
    match c {
        Some(LicenseClass::Oss) => &t.tools.class_oss,
        Some(LicenseClass::OpenCore) => &t.tools.class_open_core,
        Some(LicenseClass::SourceAvailable) => &t.tools.class_source_available,
        Some(LicenseClass::Proprietary) => &t.tools.class_proprietary,
        None => &t.tools.class_unknown,
    }
}

/// The labels of a tool's fields in a language (shared by `feoops tools show` and the
/// dashboard's tool detail).
pub fn tool_labels(lang: Lang) -> &'static i18n::ToolLabels {
    &i18n::text(lang).tool_labels
}
