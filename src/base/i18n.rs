//! UI labels in English and Korean, from `assets/i18n/*.toml` (embedded). The labels are a
//! typed struct, so a label the code uses cannot be missing from either language.

use std::sync::OnceLock;

use serde::Deserialize;

use super::Lang;

macro_rules! label_group {
    ($name:ident { $($field:ident),* $(,)? }) => {
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $(pub $field: String,)* }
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tabs {
    pub overview: String,
    #[serde(rename = "loop")]
    pub loop_: String,
    pub practices: String,
    pub cicd: String,
    pub toolchain: String,
    pub tools: String,
    pub advisor: String,
    pub quiz: String,
    pub references: String,
}
label_group!(Actions {
    quit,
    next_tab,
    prev_tab,
    go_tab,
    up,
    down,
    left,
    right,
    page_up,
    page_down,
    top,
    bottom,
    open,
    toggle_lang,
    help,
    back,
    hint,
    open_page,
    filter_stage,
    filter_license,
    filter_hosting,
    filter_cloud,
    filter_clear,
    search,
    skip_stage,
    details,
    export,
    import,
});
label_group!(Ui {
    app_title,
    language,
    pages,
    page,
    help_title,
    help_footer,
    keys_mouse,
    too_small,
    no_page,
    content_problems,
    scroll_pos,
});
label_group!(LoopText {
    title,
    feedback,
    tools_heading,
    tools_pending,
    hint
});
label_group!(Cicd {
    pipeline_title,
    automated,
    manual,
    approval,
    legend,
    choose
});
label_group!(Quiz {
    pane_title,
    home_intro,
    home_review,
    home_drill,
    home_exam,
    home_stats,
    home_stats_desc,
    home_topic,
    home_keys,
    home_status,
    topic_all,
    answer_label,
    keys_choice,
    keys_input,
    keys_feedback,
    keys_report,
    keys_stats,
    store_error,
    report_title,
    by_topic,
    exam_note,
    page_overlay_keys,
    mode_review,
    mode_drill,
    mode_exam,
    rating_again,
    rating_hard,
    rating_good,
    rating_easy,
    session_start,
    exam_start,
    topic_suffix,
    nothing_due,
    next_due,
    try_drill,
    question_header,
    retry_note,
    prompt_key,
    prompt_keys,
    prompt_sequence,
    prompt_text,
    prompt_exam_key,
    prompt_exam_keys,
    prompt_exam_sequence,
    prompt_exam_text,
    not_an_answer,
    hint,
    no_hint,
    no_hint_in_exam,
    correct,
    wrong,
    your_answer,
    the_answer,
    why,
    learn_more,
    requeued,
    next_review,
    recorded,
    in_minutes,
    in_hours,
    in_days,
    now,
    exam_score,
    score,
    to_review,
    summary,
    summary_early,
    stats_title,
    stats_overview,
    stats_mastery,
    stats_accuracy,
    stats_due,
    stats_today,
    stats_no_reviews,
});

label_group!(ToolsText {
    search,
    placeholder,
    results,
    no_results,
    stage,
    license,
    hosting,
    cloud,
    any,
    class_oss,
    class_open_core,
    class_source_available,
    class_proprietary,
    class_unknown,
    filters,
    links,
    links_hint,
    more_at_stage,
    imported,
    keys_toolchain,
    keys_tools,
    column_more,
});

label_group!(AdvisorText {
    profile,
    suggestions,
    left_out,
    stack,
    coverage,
    skip,
    no_problems,
    keys_profile,
    keys_suggestions,
    exported,
    imported,
    import_prompt,
    cannot_save,
    weights_hint,
    none_left,
});

/// Every UI label of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub tabs: Tabs,
    pub actions: Actions,
    pub ui: Ui,
    #[serde(rename = "loop")]
    pub loop_: LoopText,
    pub cicd: Cicd,
    pub tools: ToolsText,
    pub advisor: AdvisorText,
    pub quiz: Quiz,
}

const EN: &str = include_str!("../../assets/i18n/en.toml");
const KO: &str = include_str!("../../assets/i18n/ko.toml");

fn parse(src: &str, name: &str) -> Text {
    toml::from_str(src).unwrap_or_else(|e| panic!("assets/i18n/{name}.toml: {e}"))
}

/// The labels for a language (parsed once).
pub fn text(lang: Lang) -> &'static Text {
    static EN_T: OnceLock<Text> = OnceLock::new();
    static KO_T: OnceLock<Text> = OnceLock::new();
    match lang {
        Lang::En => EN_T.get_or_init(|| parse(EN, "en")),
        Lang::Ko => KO_T.get_or_init(|| parse(KO, "ko")),
    }
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), &v.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_parse_and_differ() {
        let en = text(Lang::En);
        let ko = text(Lang::Ko);
        assert_eq!(en.tabs.overview, "Overview");
        assert_eq!(ko.tabs.overview, "개요");
        assert_ne!(en.actions.quit, ko.actions.quit);
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{w}×{h}", &[("w", &80), ("h", &24)]), "80×24");
    }
}
