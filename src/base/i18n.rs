//! UI labels in English and Korean, from `assets/i18n/*.toml` (embedded). The labels are a
//! typed struct, so a label the code uses cannot be missing from either language.

use std::collections::BTreeMap;
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
    keys_typing,
    keys_multi,
    keys_sequence,
    end_prompt,
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
    held,
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
    stats_counts,
    stats_leeches,
    leech_line,
    no_answers,
    optimize_too_few,
    optimize_done,
    params_default,
    params_own,
    weekdays,
    stats_overview,
    stats_mastery,
    stats_accuracy,
    stats_due,
    stats_today,
    stats_no_reviews,
    optimizing,
    optimize_failed,
    report_left,
    answer_range,
    answer_empty,
    answer_not_a_key,
    answer_not_keys,
    answer_not_an_order,
    answer_not_true_false,
    answer_not_asking,
    export_choose_every,
    export_true_false,
    export_read_more,
});

label_group!(ToolsText {
    search,
    placeholder,
    results,
    no_results,
    no_results_short,
    cli_no_match,
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
    more_at_stage,
    imported,
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
    runs_on,
    works_with_pick,
    open_core_free,
    others_heading,
    problem_cloud_clash,
    problem_other_host,
    above_pick,
    reason_primary_stage,
    reason_also_serves,
    reason_core_job,
    reason_your_code_host,
    reason_built_into,
    reason_needs_host,
    reason_integrates_with,
    reason_other_code_host,
    reason_needs,
    reason_only_clouds,
    reason_made_for_cloud,
    reason_own_servers,
    reason_offered_saas,
    reason_offered_managed,
    reason_offered_self_hosted,
    reason_offered_local,
    reason_run_it_yourself,
    reason_saas_only,
    reason_self_hosted_only,
    reason_is_kubernetes,
    reason_built_for_kubernetes,
    reason_for_containers,
    reason_fits_ecosystem,
    reason_only_ecosystems,
    reason_nothing_to_host,
    reason_server_to_run,
    reason_paid_plans,
    reason_good_for,
    reason_not_for,
    problem_same_job,
    problem_alternatives,
    problem_needs,
    problem_breaks_profile,
    problem_wrong_stage,
    problem_unknown_tool,
    problem_unknown_stage,
});

label_group!(CliText {
    config_no_home,
    config_missing,
    config_ok,
    warning,
    content_problems,
    landscape_loaded,
    landscape_continuing,
    needs_terminal,
    quiz_needs_terminal,
    col_id,
    col_pane,
    col_title,
    col_name,
    col_stage,
    col_license,
    col_class,
    col_source,
    col_match,
    unknown_page,
    unknown_page_near,
    cannot_read,
    cannot_read_folder,
    cannot_write,
    not_a_folder,
    check_warning,
    check_builtin,
    check_ok,
    check_ok_tools,
    check_failed,
    control_char,
    bad_lang,
    bad_mode,
    bad_topic,
    bad_value,
    bad_value_expected,
    no_data_dir,
    tf_keys,
    hint_words,
    unknown_tool,
    unknown_tool_near,
    unknown_tool_for_stage,
    wrong_stage,
    unknown_stage,
    unknown_stage_near,
    skipped,
    not_decided,
    score,
    stack_summary,
    problems_heading,
    warning_tag,
    imported_with_profile,
    imported_no_profile,
    profile_none,
    profile_set,
    left_out,
    stage_heading,
    saved_to,
    match_name,
    match_summary,
    match_id,
    match_alias,
    match_tag,
    match_category,
    arg_error,
    arg_invalid_value,
    arg_possible,
    arg_unknown,
    arg_unknown_command,
    arg_did_you_mean,
    arg_missing,
    arg_missing_command,
    arg_conflict,
    arg_range,
    arg_not_number,
    arg_usage,
    arg_more,
    arg_no_value,
});

label_group!(Messages {
    io_not_found,
    io_permission,
    io_exists,
    io_is_folder,
    io_not_folder,
    io_read_only,
    io_full,
    io_other,
    file_not_regular,
    file_not_folder,
    file_too_large,
    file_not_utf8,
    file_symlink,
    file_not_regular_left,
    path_error,
    store_newer,
    advisor_newer,
    stack_invalid,
    stack_newer,
    stack_markdown,
    not_text,
    progress_moved,
    log_lines_dropped,
    advisor_moved,
    saved_stack,
    did_you_mean,
    stack_unknown_tool,
    stack_unknown_stage,
    stack_wrong_stage,
    too_few_reviews,
    optimizer_failed,
    no_questions_in_topic,
    no_questions,
    landscape_report,
    yaml_too_deep,
    yaml_too_big,
    yaml_syntax,
    content_cannot_read,
    content_link_outside,
    content_link_loop,
    content_too_many,
    data_read_only,
    opened_for_reading,
    progress_unreadable,
    log_lines_skipped,
    newer_lines_kept,
    lines_more,
    store_read_only,
    advisor_not_understood,
    file_symlink_outside,
    file_symlink_not_regular,
    landscape_nameless,
    stages_hide_follow_ons,
});

label_group!(ExplainText {
    title,
    files_read,
    no_files,
    verdict,
    verdict_none,
    verdict_ci,
    verdict_delivery,
    verdict_deployment,
    depends_environment,
    paths,
    path_line,
    pipelines,
    triggers,
    no_triggers,
    wave,
    gate_manual_job,
    gate_approval,
    gate_environment,
    matrix,
    calls,
    runs_when,
    more_steps,
    step_cache,
    step_verify,
    no_stage,
    tools,
    advice,
    no_advice,
    notes,
    note_yaml_error,
    note_not_understood,
    note_not_followed,
    note_missing,
    note_too_large,
    learn_more,
    trigger_push,
    trigger_pull_request,
    trigger_tag,
    trigger_release,
    trigger_schedule,
    trigger_manual,
    trigger_chain,
    trigger_call,
    trigger_other,
    branches,
    tags,
    paths_filter,
    no_ci_files,
    tests_on_push,
    tests_on_pull_request,
    no_tests,
    no_deployment,
    staging_only,
    deploys_to_production,
    tests_before,
    no_tests_before,
    tests_beside,
    manual_trigger,
    tag_trigger,
    release_branch,
    manual_job,
    approval_job,
    scheduled,
    no_human_step,
    environment_settings,
    after_workflow,
    advice_no_tests_before_deploy,
    advice_tests_only_on_pr,
    advice_no_build_cache,
    advice_plaintext_secret,
    advice_unpinned_action,
    advice_no_rollback,
    advice_parallel_jobs,
    quiz_intro,
    quiz_prompt,
    quiz_ask,
    quiz_right,
    quiz_wrong,
    quiz_no_pipeline,
});

label_group!(Check {
    toml_syntax,
    not_nfc,
    stages_missing,
    stage_id_not_slug,
    stage_id_duplicate,
    no_stages,
    pipeline_missing,
    unknown_step,
    no_front_matter,
    front_matter_open,
    unknown_lang_folder,
    page_nested,
    page_no_id,
    id_not_slug,
    id_not_file_name,
    title_empty,
    unknown_pane,
    unknown_stage_expected,
    loop_page_needs_stage,
    source_not_https,
    page_id_duplicate,
    page_one_language,
    related_missing,
    practice_page_missing,
    tool_id_duplicate,
    names_itself,
    names_unknown_tool_near,
    names_unknown_tool,
    tools_unknown_key,
    tool_not_array,
    tool_prefix,
    toml_value,
    unknown_value,
    not_a_date,
    listed_twice,
    tool_id_not_slug,
    name_empty,
    did_you_mean,
    tool_unknown_category,
    clouds_any_alone,
    ecosystems_any_alone,
    url_not_https,
    alias_spaces,
    alias_twice,
    tag_not_slug,
    stage_twice,
    tool_no_stages,
    primary_not_in_stages,
    tool_wrong_file,
    eol_needs_date,
    eol_without_status,
    stale_facts,
    summary_empty,
    entries_differ,
    empty_entry,
    license_needs_class,
    class_does_not_fit,
    or,
    expected_one_of,
    unknown_named,
    unknown_stage,
    unknown_category,
    unknown_category_hint,
    unknown_tool_hint,
    weights_version_newer,
    weights_version_unknown,
    repeated,
    unknown_license_class,
    what_code_host,
    what_cloud,
    what_team_size,
    what_hard,
    what_weight,
    team_word,
    hard_missing,
    hard_lacks,
    weights_missing,
    weight_out_of_range,
    weights_lacks,
    map_no_stages,
    map_rule,
    q_no_field,
    q_no_text,
    q_text_empty,
    q_no_list,
    q_entries_count,
    q_entry_empty,
    q_entry_twice,
    q_counts_differ,
    q_needs_answers,
    q_answer_twice,
    q_answer_range,
    q_single_one,
    q_multi_two,
    q_multi_wrong,
    q_accepted_blank,
    q_id_not_slug,
    q_id_duplicate,
    q_has_no,
    q_id_prefix,
    q_unknown_topic,
    q_page_missing,
    q_page_missing_in,
    q_unknown_kind,
    q_field_not_for,
    q_scenario_correct,
    q_unknown_practice,
    q_needs_options,
    q_truth,
    q_order_items,
    q_typed_accepted,
    rule_empty_match,
    rule_twice,
    rule_says_nothing,
    rule_unknown_stage,
    rule_unknown_tool,
    term_empty,
    term_nothing_to_avoid,
    term_self_avoid,
    term_write,
    term_avoid,
    term_note,
    term_register,
    license_bad,
    page_outside_lang,
});

label_group!(ConfigText {
    syntax,
    bad_value,
    not_a_table,
    unknown_setting,
    did_you_mean,
    expected,
    unknown_language,
    retention_range,
    theme_missing,
    theme_bad,
    unknown_key,
    unknown_action,
    key_twice,
});

// The "Our toolchain" Markdown export of a stack.
label_group!(StackExport {
    title,
    intro,
    profile,
    question,
    answer,
    coverage,
    why,
    score,
    breaks,
    considered,
    also_listed,
    left_out,
    skipped,
    skip_advice,
    undecided,
    top,
    unknown,
    problems,
    no_problems,
    warning,
    coverage_line,
});
// Field labels of a tool's detail.
label_group!(ToolLabels {
    aliases,
    stages,
    primary,
    category,
    license,
    pricing,
    hosting,
    clouds,
    ecosystems,
    maturity,
    status,
    verified,
    homepage,
    repo,
    alternatives,
    integrates_with,
    requires,
    good_for,
    not_for,
    tags,
    source,
    builtin,
    imported,
    filled,
    untranslated,
});
// Short labels of licence classes, prices, maturity, and the "any" ecosystem and cloud.
label_group!(Labels {
    license_oss,
    license_open_core,
    license_source_available,
    license_proprietary,
    license_unknown,
    pricing_free,
    pricing_freemium,
    pricing_paid,
    pricing_unknown,
    maturity_graduated,
    maturity_incubating,
    maturity_sandbox,
    maturity_stable,
    maturity_legacy,
    maturity_archived,
    ecosystem_any,
    ecosystem_mobile,
    cloud_any,
});

/// The command line's help: the headings and texts clap writes itself, then each
/// command's about and examples and each argument's help, by key (see `src/cli/help.rs`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CliHelp {
    /// The `Usage:` heading (without the colon), then the others of the help.
    pub usage: String,
    pub commands_heading: String,
    pub arguments: String,
    pub options: String,
    /// The usage line's `[OPTIONS]` and `COMMAND`.
    pub options_placeholder: String,
    pub command_placeholder: String,
    /// `[default: …]` and `[possible values: …]` after a help text; the long list's title.
    pub default: String,
    pub possible: String,
    pub possible_long: String,
    /// The generated `--help` and `--version` flags and `help` command.
    pub help_flag: String,
    pub help_flag_more: String,
    pub help_flag_summary: String,
    pub version_flag: String,
    pub help_command: String,
    /// A command's one-line about, by its path (`feoops`, `tools search`).
    pub about: BTreeMap<String, String>,
    /// A command's long about (`--help`), by its path.
    pub long_about: BTreeMap<String, String>,
    /// A command's examples after its help, by its path.
    pub after_help: BTreeMap<String, String>,
    /// An argument's help, by `path.id` (`tools search.limit`); a key of a shorter path
    /// serves every command under it (`tools.stage` for `tools list` and `tools search`,
    /// `lang` everywhere).
    pub args: BTreeMap<String, String>,
    /// A possible value's help, by the argument's key and the value (`….format.csv`).
    pub values: BTreeMap<String, String>,
}

/// Every UI label of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub tabs: Tabs,
    /// Labels of the actions, by action name (`quit`, `next_tab`...).
    pub actions: BTreeMap<String, String>,
    /// Labels of commands where they mean more than their action (`open_tool`...), and
    /// help section titles.
    pub commands: BTreeMap<String, String>,
    /// Short labels for the key bar, by command label key or action name.
    pub bar: BTreeMap<String, String>,
    /// Mode markers of the status bar (`search`, `answer`...).
    pub modes: BTreeMap<String, String>,
    /// Enum values shown to users (`hosting.saas`, `pricing.freemium`...).
    pub values: BTreeMap<String, String>,
    pub ui: Ui,
    #[serde(rename = "loop")]
    pub loop_: LoopText,
    pub cicd: Cicd,
    pub tools: ToolsText,
    pub advisor: AdvisorText,
    pub quiz: Quiz,
    pub explain: ExplainText,
    pub cli: CliText,
    /// Engine errors, warnings and reports as users see them.
    pub messages: Messages,
    /// Problems `feoops check` finds in a content folder.
    pub check: Check,
    /// Problems of the user's configuration file.
    pub config: ConfigText,
    /// The "Our toolchain" Markdown export.
    pub stack_export: StackExport,
    /// Field labels of a tool's detail.
    pub tool_labels: ToolLabels,
    /// Short labels used in reasons and reports.
    pub labels: Labels,
}

impl Text {
    /// The label of an action by name; the name itself when it has none (a test keeps
    /// every action labelled in both languages).
    pub fn action<'a>(&'a self, name: &'a str) -> &'a str {
        self.actions.get(name).map_or(name, String::as_str)
    }

    /// A command label or help section title under `[commands]`.
    pub fn command<'a>(&'a self, key: &'a str) -> &'a str {
        self.commands.get(key).map_or(key, String::as_str)
    }

    /// A mode marker under `[modes]`.
    pub fn mode<'a>(&'a self, key: &'a str) -> &'a str {
        self.modes.get(key).map_or(key, String::as_str)
    }

    /// An enum value shown to users, `group.id` under `[values]` (e.g. `hosting.saas`);
    /// the id itself when it has no label.
    pub fn value<'a>(&'a self, group: &str, id: &'a str) -> &'a str {
        self.values
            .get(&format!("{group}.{id}"))
            .map_or(id, String::as_str)
    }
}

const EN: &str = include_str!("../../assets/i18n/en.toml");
const KO: &str = include_str!("../../assets/i18n/ko.toml");
/// The same files as JSON, written by `build.rs` (empty if it could not read them):
/// everything but `[cli_help]`, then `[cli_help]` alone (only `--help` reads it).
const EN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_en.json"));
const KO_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_ko.json"));
const EN_HELP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_en_help.json"));
const KO_HELP_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_ko_help.json"));

/// A part of an i18n file from the build's JSON (about a quarter of the TOML parse's
/// work), else from the TOML file: its `[cli_help]` table for `help`, the rest for the
/// labels. A TOML error names the file and line.
fn parse<T: serde::de::DeserializeOwned>(json: &str, src: &str, name: &str, help: bool) -> T {
    serde_json::from_str(json).unwrap_or_else(|_| {
        let fail = |e: &dyn std::fmt::Display| -> ! { panic!("assets/i18n/{name}.toml: {e}") };
        let mut table: toml::Table = toml::from_str(src).unwrap_or_else(|e| fail(&e));
        let part = match table.remove("cli_help") {
            Some(h) if help => h,
            _ => toml::Value::Table(table),
        };
        part.try_into().unwrap_or_else(|e| fail(&e))
    })
}

/// The labels for a language (parsed once).
pub fn text(lang: Lang) -> &'static Text {
    static EN_T: OnceLock<Text> = OnceLock::new();
    static KO_T: OnceLock<Text> = OnceLock::new();
    match lang {
        Lang::En => EN_T.get_or_init(|| parse(EN_JSON, EN, "en", false)),
        Lang::Ko => KO_T.get_or_init(|| parse(KO_JSON, KO, "ko", false)),
    }
}

/// The command line's `--help` texts for a language (parsed once, when first shown).
pub fn cli_help(lang: Lang) -> &'static CliHelp {
    static EN_H: OnceLock<CliHelp> = OnceLock::new();
    static KO_H: OnceLock<CliHelp> = OnceLock::new();
    match lang {
        Lang::En => EN_H.get_or_init(|| parse(EN_HELP_JSON, EN, "en", true)),
        Lang::Ko => KO_H.get_or_init(|| parse(KO_HELP_JSON, KO, "ko", true)),
    }
}

/// A count phrase: `one|other` in the template picks the singular for 1 (English);
/// a template without `|` (Korean) is the same for every number. Then `{n}` is filled.
pub fn plural(template: &str, n: i64) -> String {
    let pick = match template.split_once('|') {
        Some((one, _)) if n == 1 => one,
        Some((_, other)) => other,
        None => template,
    };
    fill(pick, &[("n", &n)])
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), &v.to_string());
    }
    out
}

/// A message users see (an error, a warning, a report), in a UI language. `Display`
/// of such a type is its English text.
pub trait Localize {
    fn localized(&self, lang: Lang) -> String;
}

/// An I/O error as a phrase in a language, by its kind (`cannot read x: <this>`); the
/// operating system's own text only for kinds without a phrase.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if let Some(p) = e
        .get_ref()
        .and_then(|i| i.downcast_ref::<super::userfile::FileProblem>())
    {
        return p.localized(lang);
    }
    let m = &text(lang).messages;
    let phrase = match e.kind() {
        K::NotFound => &m.io_not_found,
        K::PermissionDenied => &m.io_permission,
        K::AlreadyExists => &m.io_exists,
        K::IsADirectory => &m.io_is_folder,
        K::NotADirectory => &m.io_not_folder,
        K::ReadOnlyFilesystem => &m.io_read_only,
        K::StorageFull => &m.io_full,
        _ => return fill(&m.io_other, &[("detail", e)]),
    };
    phrase.clone()
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
        assert_ne!(en.action("quit"), ko.action("quit"));
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let en = text(Lang::En);
        let ko = text(Lang::Ko);
        let keys = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&en.actions), keys(&ko.actions), "[actions]");
        assert_eq!(keys(&en.commands), keys(&ko.commands), "[commands]");
        assert_eq!(keys(&en.modes), keys(&ko.modes), "[modes]");
        assert_eq!(keys(&en.bar), keys(&ko.bar), "[bar]");
        assert_eq!(keys(&en.values), keys(&ko.values), "[values]");
        let (eh, kh) = (cli_help(Lang::En), cli_help(Lang::Ko));
        assert_eq!(keys(&eh.about), keys(&kh.about), "[cli_help.about]");
        assert_eq!(
            keys(&eh.long_about),
            keys(&kh.long_about),
            "[cli_help.long_about]"
        );
        assert_eq!(
            keys(&eh.after_help),
            keys(&kh.after_help),
            "[cli_help.after_help]"
        );
        assert_eq!(keys(&eh.args), keys(&kh.args), "[cli_help.args]");
        assert_eq!(keys(&eh.values), keys(&kh.values), "[cli_help.values]");
        for m in [&en.actions, &en.commands, &en.modes, &en.values] {
            assert!(m.values().all(|v| !v.trim().is_empty()));
        }
    }

    #[test]
    fn plurals_read_naturally() {
        let en = text(Lang::En);
        assert_eq!(plural(&en.quiz.in_days, 1), "in 1 day");
        assert_eq!(plural(&en.quiz.in_days, 3), "in 3 days");
        assert_eq!(plural(&text(Lang::Ko).quiz.in_days, 2), "2일 뒤");
        for lang in Lang::ALL {
            let t = toml::to_string(
                &toml::from_str::<toml::Value>(match lang {
                    Lang::En => EN,
                    Lang::Ko => KO,
                })
                .unwrap(),
            )
            .unwrap();
            assert!(!t.contains("(s)"), "{lang}: a `(s)` plural is left");
        }
    }

    #[test]
    fn the_built_json_holds_the_same_labels_as_the_toml() {
        for (json, help, src) in [(EN_JSON, EN_HELP_JSON, EN), (KO_JSON, KO_HELP_JSON, KO)] {
            let fast: Text = serde_json::from_str(json).expect("build.rs wrote readable labels");
            let checked: Text = parse("", src, "test", false);
            assert_eq!(format!("{fast:?}"), format!("{checked:?}"));
            let fast: CliHelp = serde_json::from_str(help).expect("build.rs wrote the help");
            let checked: CliHelp = parse("", src, "test", true);
            assert_eq!(format!("{fast:?}"), format!("{checked:?}"));
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{w}×{h}", &[("w", &80), ("h", &24)]), "80×24");
    }
}
