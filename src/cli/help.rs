//! clap's help in the UI language. The clap definitions (the derives in `src/cli/`) hold
//! no text: each command's about and examples and each argument's help come from
//! `[cli_help]` in `assets/i18n/{en,ko}.toml`, and so do the texts clap writes itself (the
//! help and version flags, the `help` command). In English the help reads as clap writes
//! it; in another language the headings, the usage line's placeholders and the
//! `[default: …]` / `[possible values: …]` notes are written from the table too.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, Command, CommandFactory};
use unicode_width::UnicodeWidthStr;

use crate::base::Lang;
use crate::i18n::{CliHelp, cli_help};

/// The command line with its help in `lang`, built (ready to parse).
pub fn command(lang: Lang) -> Command {
    let t = cli_help(lang);
    let mut cmd = localize(super::Cli::command(), &[], lang, t);
    cmd.build();
    generated(&mut cmd, lang, t);
    cmd
}

/// The key of a command's texts: its path below the program (`tools search`), or
/// `feoops` for the program itself.
pub fn command_key(path: &[String]) -> String {
    if path.is_empty() {
        "feoops".to_string()
    } else {
        path.join(" ")
    }
}

/// The keys an argument's help may have, the most specific first: `tools search.stage`,
/// `tools.stage`, `stage`.
pub fn arg_keys(path: &[String], id: &str) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| {
            if n == 0 {
                id.to_string()
            } else {
                format!("{}.{id}", path[..n].join(" "))
            }
        })
        .collect()
}

/// An argument's help and the key it was found under.
pub fn arg_help<'a>(t: &'a CliHelp, path: &[String], id: &str) -> Option<(String, &'a str)> {
    arg_keys(path, id)
        .into_iter()
        .find_map(|k| t.args.get(&k).map(|h| (k, h.as_str())))
}

/// The generated flags and commands clap adds while building.
fn is_generated(id: &str) -> bool {
    matches!(id, "help" | "version")
}

/// Sets the texts of a command and everything under it, before clap builds it.
fn localize(cmd: Command, path: &[String], lang: Lang, t: &'static CliHelp) -> Command {
    let key = command_key(path);
    let mut cmd = cmd;
    if let Some(a) = t.about.get(&key) {
        cmd = cmd.about(a.clone());
    }
    if let Some(a) = t.long_about.get(&key) {
        cmd = cmd.long_about(a.clone());
    }
    if let Some(a) = t.after_help.get(&key) {
        cmd = cmd.after_help(a.clone());
    }
    cmd = cmd.mut_args(|a| localize_arg(a, path, lang, t));
    for sub in cmd.get_subcommands_mut() {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name().to_string());
        let s = std::mem::take(sub);
        *sub = localize(s, &sub_path, lang, t);
    }
    cmd
}

/// clap's own help layout with our usage heading.
fn template(cmd: &Command, t: &CliHelp) -> String {
    let style = cmd.get_styles().get_usage();
    format!(
        "{{before-help}}{{about-with-newline}}\n{style}{}:{style:#} {{usage}}\n\n{{all-args}}{{after-help}}",
        t.usage
    )
}

fn localize_arg(a: Arg, path: &[String], lang: Lang, t: &'static CliHelp) -> Arg {
    let id = a.get_id().as_str().to_string();
    if is_generated(&id) {
        return a;
    }
    let Some((key, help)) = arg_help(t, path, &id) else {
        return a;
    };
    let mut a = a;
    // Possible values with a help of their own: the value parser is rebuilt with ours.
    let names: Vec<String> = a
        .get_possible_values()
        .iter()
        .map(|pv| pv.get_name().to_string())
        .collect();
    // Every value needs its help, or the parser would lose the values without one.
    let value_helps: Vec<(&'static str, &'static str)> = names
        .iter()
        .map_while(|n| {
            let (k, h) = t.values.get_key_value(&format!("{key}.{n}"))?;
            Some((&k[k.len() - n.len()..], h.as_str()))
        })
        .collect();
    let value_helps = if value_helps.len() == names.len() {
        value_helps
    } else {
        Vec::new()
    };
    if !value_helps.is_empty() {
        a = a.value_parser(PossibleValuesParser::new(
            value_helps
                .iter()
                .map(|(name, h)| PossibleValue::new(*name).help(h.to_string())),
        ));
    }
    if lang == Lang::En {
        return a.help(help.to_string());
    }
    // clap's `[default: …]` and `[possible values: …]` are English: ours instead.
    let takes = a.get_action().takes_values();
    let mut notes = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes && !a.is_hide_default_value_set() && !defaults.is_empty() {
        notes.push(format!("[{}: {}]", t.default, defaults.join(" ")));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|pv| !pv.is_hide_set())
        .map(|pv| pv.get_name().to_string())
        .collect();
    if takes && !a.is_hide_possible_values_set() && !values.is_empty() && value_helps.is_empty() {
        notes.push(format!("[{}: {}]", t.possible, values.join(", ")));
    }
    let short = if notes.is_empty() {
        help.to_string()
    } else {
        format!("{help} {}", notes.join(" "))
    };
    if takes {
        a = a.hide_default_value(true).hide_possible_values(true);
    }
    if !value_helps.is_empty() {
        let longest = value_helps
            .iter()
            .map(|(n, _)| n.width())
            .max()
            .unwrap_or(0);
        let mut long = format!("{help}\n\n{}:", t.possible_long);
        for (name, h) in &value_helps {
            let pad = longest - name.width();
            long.push_str(&format!("\n- {name}: {:pad$}{h}", ""));
        }
        if !notes.is_empty() {
            long.push_str(&format!("\n\n{}", notes.join(" ")));
        }
        a = a.long_help(long);
    }
    let heading = if a.is_positional() {
        &t.arguments
    } else {
        &t.options
    };
    a.help(short).help_heading(heading.as_str())
}

/// The texts of what clap added while building: the `--help` and `--version` flags and
/// the `help` command; in another language than English, also the headings of those
/// flags and the usage line.
fn generated(cmd: &mut Command, lang: Lang, t: &'static CliHelp) {
    let c = std::mem::take(cmd);
    let foreign = lang != Lang::En;
    let mut c = c.mut_args(|a| {
        let a = match a.get_id().as_str() {
            "help" if a.get_long_help().is_some() => a
                .help(t.help_flag_more.clone())
                .long_help(t.help_flag_summary.clone()),
            "help" => a.help(t.help_flag.clone()),
            "version" => a.help(t.version_flag.clone()),
            _ => return a,
        };
        if foreign {
            a.help_heading(t.options.as_str())
        } else {
            a
        }
    });
    if c.get_name() == "help" {
        c = c.about(t.help_command.clone());
    }
    if foreign {
        let layout = template(&c, t);
        c = c
            .help_template(layout)
            .subcommand_help_heading(t.commands_heading.as_str())
            .subcommand_value_name(t.command_placeholder.as_str());
        let usage = c.render_usage().to_string();
        let usage = usage
            .split_once(':')
            .map_or(usage.as_str(), |(_, rest)| rest)
            .trim()
            .replace("[OPTIONS]", &format!("[{}]", t.options_placeholder));
        c = c.override_usage(usage);
    }
    for sub in c.get_subcommands_mut() {
        generated(sub, lang, t);
    }
    *cmd = c;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command (with its path) and argument of the command line as clap builds it,
    /// without the flags and commands clap generates.
    fn walk(cmd: &Command, path: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
        out.push((path.to_vec(), None));
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            // A global argument is checked where it is defined, not in each copy.
            let copy = a.is_global_set() && !path.is_empty();
            if !is_generated(id) && !copy {
                out.push((path.to_vec(), Some(id.to_string())));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_string());
            walk(sub, &p, out);
        }
    }

    fn items() -> Vec<(Vec<String>, Option<String>)> {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut out = Vec::new();
        walk(&cmd, &[], &mut out);
        out
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let items = items();
        assert!(
            items.len() > 80,
            "the walk found too little: {}",
            items.len()
        );
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let t = cli_help(lang);
            for (path, arg) in &items {
                match arg {
                    None if !t.about.contains_key(&command_key(path)) => {
                        missing.push(format!("{lang}: about of `{}`", command_key(path)));
                    }
                    Some(id) if arg_help(t, path, id).is_none() => {
                        missing.push(format!("{lang}: help of `{}`", arg_keys(path, id)[0]));
                    }
                    _ => {}
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add these to [cli_help] in assets/i18n/en.toml and ko.toml:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_help_key_belongs_to_a_command_or_an_argument() {
        let items = items();
        let commands: Vec<String> = items
            .iter()
            .filter(|(_, a)| a.is_none())
            .map(|(p, _)| command_key(p))
            .collect();
        let t = cli_help(Lang::En);
        let used_args: Vec<String> = items
            .iter()
            .filter_map(|(p, a)| a.as_ref().and_then(|id| arg_help(t, p, id)).map(|(k, _)| k))
            .collect();
        for (section, keys) in [
            ("about", t.about.keys().collect::<Vec<_>>()),
            ("long_about", t.long_about.keys().collect()),
            ("after_help", t.after_help.keys().collect()),
        ] {
            for k in keys {
                assert!(
                    commands.contains(k),
                    "[cli_help.{section}] `{k}` is no command"
                );
            }
        }
        for k in t.args.keys() {
            assert!(
                used_args.contains(k),
                "[cli_help.args] `{k}` serves no argument"
            );
        }
        for k in t.values.keys() {
            let (arg, _) = k.rsplit_once('.').unwrap();
            assert!(
                used_args.iter().any(|a| a == arg),
                "[cli_help.values] `{k}`"
            );
        }
    }

    /// Each command's short and long help, by path.
    fn helps(cmd: &mut Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((format!("{path} -h"), cmd.render_help().to_string()));
        out.push((format!("{path} --help"), cmd.render_long_help().to_string()));
        // The `help` command's copies of the tree are for parsing only: `feoops help
        // tools` prints the real `tools` help.
        if cmd.get_name() == "help" {
            return;
        }
        for sub in cmd.get_subcommands_mut() {
            let p = format!("{path} {}", sub.get_name());
            helps(sub, &p, out);
        }
    }

    fn is_hangul(c: char) -> bool {
        matches!(c, '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}')
    }

    /// A line with three English words in a row (not ids in a list, not flags, not the
    /// example command lines).
    fn english(line: &str) -> bool {
        let l = line.trim_start();
        if l.starts_with("feoops ") || l.starts_with("printf ") {
            return false;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        words.windows(3).any(|w| {
            w.iter().all(|s| {
                let s = s.trim_matches(|c: char| ".;:()?!\"'".contains(c));
                !s.ends_with(',')
                    && s.len() > 1
                    && s != "feoops"
                    && s.chars().all(|c| c.is_ascii_alphabetic())
            })
        })
    }

    #[test]
    fn the_korean_help_of_every_command_is_korean() {
        let mut out = Vec::new();
        helps(&mut command(Lang::Ko), "feoops", &mut out);
        assert!(out.len() > 50, "{}", out.len());
        let clap_words = [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print ",
            "default:",
            "possible",
            "Possible",
            "OPTIONS",
            "COMMAND",
            "Examples",
        ];
        let mut found = Vec::new();
        for (what, help) in &out {
            assert!(help.chars().any(is_hangul), "{what}:\n{help}");
            for w in clap_words {
                if help.contains(w) {
                    found.push(format!("{what}: `{w}`"));
                }
            }
            for l in help.lines().filter(|l| english(l)) {
                found.push(format!("{what}: {l}"));
            }
        }
        assert!(
            found.is_empty(),
            "English left in the Korean help:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_english_check_finds_english() {
        assert!(english("  --x <N>  Show at most N results"));
        assert!(!english("  feoops tools search kube"));
        assert!(!english("사용법: feoops config check [옵션] [FILE]"));
        assert!(!english("  --stage <STAGE>  단계: plan, code, build"));
    }

    #[test]
    fn the_english_help_keeps_clap_s_words() {
        let mut cmd = command(Lang::En);
        let h = cmd.render_help().to_string();
        assert!(h.starts_with("Learn DevOps from the terminal: "), "{h}");
        assert!(h.contains("Usage: feoops [OPTIONS] [COMMAND]"), "{h}");
        let tools = cmd.find_subcommand_mut("tools").unwrap();
        let list = tools.find_subcommand_mut("list").unwrap();
        let h = list.render_help().to_string();
        assert!(h.contains("Options:"), "{h}");
        assert!(
            h.contains("[possible values: self-hosted, saas, managed, local]"),
            "{h}"
        );
        assert!(h.contains("Examples:\n  feoops tools list\n"), "{h}");
    }
}
