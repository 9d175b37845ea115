//! Stacks over the shipped catalogue: analysis (coverage, the same job twice, a missing
//! requirement, a profile break, unknown tools), export and import round trips, import
//! warnings and errors, the Markdown document, and the saved files in a data folder.

use std::sync::OnceLock;

use feoops::Library;
use feoops::advisor::stack::{
    self, Coverage, Format, ImportWarning, Pick, Severity, Stack, StackFileError, StackProblem,
};
use feoops::advisor::{CloudPref, CodeHost, Containers, OssPref, Profile};
use feoops::base::Lang;
use feoops::store::{AdvisorFiles, AdvisorStoreError, AdvisorWarning, ImportError};

fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(Library::embedded)
}

fn stack(profile: Profile, picks: &[(&str, &str)]) -> Stack {
    let mut s = Stack::new(profile);
    for (stage, id) in picks {
        s.set(stage, Pick::parse(id));
    }
    s
}

/// A stack with a bit of everything, for the round trips and the documents.
fn sample() -> Stack {
    stack(
        Profile {
            cloud: CloudPref::Aws,
            oss: OssPref::Preferred,
            code_host: CodeHost::Github,
            k8s: Containers::Yes,
            ..Profile::default()
        },
        &[
            ("plan", "linear"),
            ("code", "github"),
            ("build", "github-actions"),
            ("test", "skip"),
            ("release", "harbor"),
            ("deploy", "argo-cd"),
            ("monitor", "prometheus"),
        ],
    )
}

#[test]
fn coverage_counts_picked_skipped_and_empty_stages() {
    let a = sample().analyze(lib());
    assert_eq!((a.picked(), a.skipped(), a.empty()), (6, 1, 1));
    assert!(!a.is_complete());
    assert_eq!(a.stages[3].coverage, Coverage::Skipped);
    assert_eq!(a.stages[6].coverage, Coverage::Empty);
    assert_eq!(a.stages[5].coverage, Coverage::Picked("argo-cd".into()));
}

#[test]
fn the_sample_stack_has_no_problem() {
    let a = sample().analyze(lib());
    let texts: Vec<String> = a.problems.iter().map(|p| p.text(Lang::En, lib())).collect();
    assert!(a.problems.is_empty(), "{texts:#?}");
}

#[test]
fn two_picks_doing_the_same_job() {
    let s = stack(
        Profile::default(),
        &[("build", "github-actions"), ("deploy", "jenkins")],
    );
    let a = s.analyze(lib());
    assert!(a.problems.contains(&StackProblem::SameJob {
        first: ("build".into(), "github-actions".into()),
        second: ("deploy".into(), "jenkins".into()),
        category: Some("ci-cd".into()),
    }));
    let text = a
        .problems_at("deploy")
        .next()
        .unwrap()
        .text(Lang::En, lib());
    assert_eq!(
        text,
        "GitHub Actions (Build) and Jenkins (Deploy) do the same job: CI/CD; one may be enough"
    );
    // Alternatives of each other, in different categories.
    let s = stack(
        Profile::default(),
        &[("release", "helmfile"), ("deploy", "argo-cd")],
    );
    let a = s.analyze(lib());
    assert!(
        a.problems
            .iter()
            .any(|p| matches!(p, StackProblem::SameJob { category: None, .. }))
    );
    // The same tool at two stages is one tool doing two jobs: fine.
    let s = stack(
        Profile::default(),
        &[("build", "github-actions"), ("test", "github-actions")],
    );
    assert!(
        !s.analyze(lib())
            .problems
            .iter()
            .any(|p| matches!(p, StackProblem::SameJob { .. }))
    );
}

#[test]
fn argo_cd_without_kubernetes_is_a_missing_requirement() {
    let missing = StackProblem::Needs {
        stage: "deploy".into(),
        tool: "argo-cd".into(),
        needs: "kubernetes".into(),
    };
    let alone = stack(Profile::default(), &[("deploy", "argo-cd")]);
    let a = alone.analyze(lib());
    assert!(a.problems.contains(&missing), "{:?}", a.problems);
    assert_eq!(
        missing.text(Lang::En, lib()),
        "Argo CD (Deploy) needs Kubernetes, which the stack lacks"
    );
    assert_eq!(
        missing.text(Lang::Ko, lib()),
        "Argo CD(배포)에 필요한 Kubernetes이(가) 스택에 없습니다"
    );
    // Picked, given by the profile, or a managed Kubernetes: met.
    let picked = stack(
        Profile::default(),
        &[("deploy", "argo-cd"), ("operate", "kubernetes")],
    );
    let profile = stack(
        Profile {
            k8s: Containers::Yes,
            ..Profile::default()
        },
        &[("deploy", "argo-cd")],
    );
    let eks = stack(
        Profile {
            cloud: CloudPref::Aws,
            ..Profile::default()
        },
        &[("deploy", "argo-cd"), ("operate", "amazon-eks")],
    );
    for s in [picked, profile, eks] {
        let a = s.analyze(lib());
        assert!(!a.problems.contains(&missing), "{:?}", a.problems);
    }
    // A code host brings Git along.
    let release = stack(
        Profile::default(),
        &[("code", "gitea"), ("release", "semantic-release")],
    );
    assert!(
        !release
            .analyze(lib())
            .problems
            .iter()
            .any(|p| matches!(p, StackProblem::Needs { .. }))
    );
}

#[test]
fn a_pick_that_breaks_the_profile() {
    let s = stack(
        Profile {
            oss: OssPref::Required,
            ..Profile::default()
        },
        &[("build", "github-actions")],
    );
    let a = s.analyze(lib());
    let p = a
        .problems
        .iter()
        .find(|p| matches!(p, StackProblem::BreaksProfile { .. }))
        .unwrap();
    assert_eq!(p.severity(), Severity::Problem);
    assert_eq!(
        p.text(Lang::En, lib()),
        // And GitHub, which it needs, is left out too (proprietary, no code host named).
        "GitHub Actions (Build) breaks the profile: proprietary, needs GitHub"
    );
}

#[test]
fn unknown_tools_and_wrong_stages() {
    let s = stack(
        Profile::default(),
        &[("build", "hudson"), ("plan", "kubernetes")],
    );
    let a = s.analyze(lib());
    let unknown = StackProblem::UnknownTool {
        stage: "build".into(),
        tool: "hudson".into(),
    };
    assert!(a.problems.contains(&unknown));
    assert_eq!(unknown.severity(), Severity::Warning);
    assert!(a.problems.contains(&StackProblem::WrongStage {
        stage: "plan".into(),
        tool: "kubernetes".into(),
    }));
    // Problems come in loop order.
    assert_eq!(a.problems[0].stage(), "plan");
}

#[test]
fn export_then_import_gives_the_same_stack() {
    let s = sample();
    for format in [Format::Toml, Format::Json] {
        let text = stack::export(&s, lib(), format, Lang::En);
        let name = format!("stack.{}", format.id());
        let back = stack::import(&text, &name, lib()).unwrap();
        assert_eq!(back.stack, s, "{format:?}:\n{text}");
        assert!(back.has_profile);
        assert!(back.warnings.is_empty());
        // Without an extension the content decides.
        assert_eq!(stack::import(&text, "stack", lib()).unwrap().stack, s);
    }
    let toml = stack::export(&s, lib(), Format::Toml, Lang::Ko);
    assert!(toml.contains("version = 1\n"), "{toml}");
    assert!(
        toml.contains("[picks]\nplan = \"linear\"\ncode = \"github\""),
        "{toml}"
    );
    assert!(toml.contains("test = \"skip\""));
    let json: serde_json::Value =
        serde_json::from_str(&stack::export(&s, lib(), Format::Json, Lang::En)).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["profile"]["code-host"], "github");
    assert_eq!(json["picks"]["deploy"], "argo-cd");
}

#[test]
fn importing_unknown_tools_warns_once_per_tool() {
    let text = r#"
version = 1

[profile]
cloud = "gcp"

[picks]
plan = "jira"
build = "hudson"
deploy = "argo-ce"
monitor = "nagios-xi"
shipping = "docker"
"#;
    let got = stack::import(text, "old.toml", lib()).unwrap();
    let w = &got.warnings;
    assert_eq!(w.len(), 4, "{w:#?}");
    let unknown: Vec<&str> = w
        .iter()
        .filter_map(|w| match w {
            ImportWarning::UnknownTool { tool, .. } => Some(tool.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, ["hudson", "argo-ce", "nagios-xi"]);
    assert_eq!(
        w[1].text(Lang::En),
        "deploy: `argo-ce` is not in the catalogue (did you mean: argo-cd?); the pick is kept"
    );
    assert!(matches!(&w[3], ImportWarning::UnknownStage { stage, .. } if stage == "shipping"));
    // Unknown tools are kept; unknown stages are dropped.
    assert_eq!(got.stack.pick("build"), Some(&Pick::Tool("hudson".into())));
    assert_eq!(got.stack.picks.len(), 4);
    assert_eq!(got.stack.profile.cloud, CloudPref::Gcp);
}

#[test]
fn import_refuses_newer_invalid_and_markdown_files() {
    let newer = stack::import(
        "version = 2\n[picks]\nplan = \"jira\"\n[future]\nx = 1\n",
        "s.toml",
        lib(),
    );
    let err = newer.unwrap_err();
    assert!(matches!(err, StackFileError::Newer { found: 2, .. }));
    assert!(err.to_string().contains("newer feoops"), "{err}");
    let bad = stack::import(
        "{\"version\": 1, \"profile\": {\"cloud\": \"ibm\"}}",
        "s.json",
        lib(),
    );
    let err = bad.unwrap_err().to_string();
    assert!(
        err.contains("not a valid stack file") && err.contains("ibm"),
        "{err}"
    );
    let unversioned = stack::import("[picks]\nplan = \"jira\"\n", "s.toml", lib()).unwrap_err();
    assert!(unversioned.to_string().contains("no `version`"));
    let md = stack::import("# Our toolchain", "toolchain.md", lib()).unwrap_err();
    assert!(matches!(md, StackFileError::Markdown { .. }));
    let broken = stack::import("version = 1\n[picks\n", "s.toml", lib()).unwrap_err();
    assert!(broken.to_string().contains("line 2"), "{broken}");
}

#[test]
fn a_file_without_a_profile_imports_as_dont_care() {
    let got = stack::import(
        "version = 1\n[picks]\nbuild = \"jenkins\"\n",
        "s.toml",
        lib(),
    )
    .unwrap();
    assert!(!got.has_profile);
    assert!(got.stack.profile.is_default());
}

#[test]
fn markdown_document_in_english() {
    insta::assert_snapshot!(stack::export(&sample(), lib(), Format::Markdown, Lang::En));
}

#[test]
fn markdown_document_in_korean() {
    insta::assert_snapshot!(stack::export(&sample(), lib(), Format::Markdown, Lang::Ko));
}

#[test]
fn markdown_document_lists_problems_and_unknown_tools() {
    let s = stack(
        Profile {
            oss: OssPref::Required,
            ..Profile::default()
        },
        &[
            ("build", "github-actions"),
            ("deploy", "argo-cd"),
            ("monitor", "gone-tool"),
        ],
    );
    let md = stack::to_markdown(&s, lib(), Lang::En);
    assert!(md.contains("## Monitor: `gone-tool`"), "{md}");
    assert!(md.contains("**Breaks the profile**: proprietary"), "{md}");
    assert!(md.contains("- Argo CD (Deploy) needs Kubernetes, which the stack lacks"));
    assert!(md.contains("- warning: Monitor: `gone-tool` is not in the catalogue"));
}

// --- The saved files -------------------------------------------------------------------

#[test]
fn the_profile_and_the_stack_are_saved_between_runs() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let files = AdvisorFiles::new(&dir);
    let saved = files.load(lib()).unwrap();
    assert_eq!(saved.stack, Stack::default());
    assert!(saved.warnings.is_empty());
    assert!(!dir.exists(), "reading created the data folder");
    files.save(&sample(), lib()).unwrap();
    let again = AdvisorFiles::new(&dir).load(lib()).unwrap();
    assert_eq!(again.stack, sample());
    assert_eq!(files.load_profile().unwrap().0, sample().profile);
    // `update` changes and saves under the lock.
    let changed = files
        .update(lib(), |s| s.set("operate", Pick::Tool("kubernetes".into())))
        .unwrap();
    assert_eq!(
        changed.stack.pick("operate"),
        Some(&Pick::Tool("kubernetes".into()))
    );
    assert_eq!(files.load(lib()).unwrap().stack, changed.stack);
    let text = std::fs::read_to_string(files.stack_path()).unwrap();
    assert!(!text.contains("[profile]"), "{text}");
}

#[test]
fn a_file_that_cannot_be_used_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let files = AdvisorFiles::new(dir.path());
    files.save(&sample(), lib()).unwrap();
    let saved_stack = std::fs::read(files.stack_path()).unwrap();
    // An unknown value (a cloud a newer feoops may know): refused, not reset to defaults.
    let profile = "version = 1\n[profile]\ncloud = \"ibm\"\n";
    std::fs::write(files.profile_path(), profile).unwrap();
    let err = files.load(lib()).unwrap_err();
    assert!(
        matches!(&err, AdvisorStoreError::NotUnderstood { path, .. } if path == &files.profile_path()),
        "{err}"
    );
    assert!(err.to_string().contains("left as it is"), "{err}");
    assert!(files.load_profile().is_err());
    // Saving over it is refused too; both files keep their bytes, nothing is moved.
    assert!(files.save_profile(&Profile::default()).is_err());
    assert!(files.update(lib(), |s| s.clear()).is_err());
    assert!(files.save(&Stack::default(), lib()).is_err());
    assert_eq!(
        std::fs::read_to_string(files.profile_path()).unwrap(),
        profile
    );
    assert_eq!(std::fs::read(files.stack_path()).unwrap(), saved_stack);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".corrupt-")), "{names:?}");
    // Not UTF-8, broken TOML, an unknown field: the same.
    std::fs::remove_file(files.profile_path()).unwrap();
    for bad in [
        &[0xff, 0xfe, 0x00][..],
        b"version = 1\n[picks\n",
        b"version = 1\n[picks]\nbuild = \"jenkins\"\n[notes]\nbuild = \"ours\"\n",
    ] {
        std::fs::write(files.stack_path(), bad).unwrap();
        let err = files.load(lib()).unwrap_err();
        assert!(
            matches!(&err, AdvisorStoreError::NotUnderstood { path, .. } if path == &files.stack_path()),
            "{err}"
        );
        assert!(files.update(lib(), |s| s.clear()).is_err());
        assert_eq!(std::fs::read(files.stack_path()).unwrap(), bad);
    }
    // The profile alone still loads (suggest and profile read only that file).
    assert_eq!(files.load_profile().unwrap().0, Profile::default());
}

#[test]
fn an_overlong_tool_id_is_refused_with_its_length_not_its_text() {
    let long = "x".repeat(2 * 1024 * 1024);
    let text = format!("version = 1\n[picks]\nbuild = \"{long}\"\n");
    let err = stack::import(&text, "s.toml", lib()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("2097152 bytes"), "{msg}");
    assert!(msg.contains("picks.build"), "{msg}");
    assert!(msg.len() < 300, "{}", msg.len());
    // As the saved stack: refused, the file untouched.
    let dir = tempfile::tempdir().unwrap();
    let files = AdvisorFiles::new(dir.path());
    std::fs::write(files.stack_path(), &text).unwrap();
    assert!(matches!(
        files.load(lib()),
        Err(AdvisorStoreError::NotUnderstood { .. })
    ));
    assert_eq!(std::fs::read_to_string(files.stack_path()).unwrap(), text);
    // A long stage id too; an id at the limit is still read (as an unknown tool).
    let stage = "s".repeat(stack::MAX_ID_BYTES + 1);
    let text = format!("version = 1\n[picks]\n{stage} = \"jenkins\"\n");
    assert!(stack::import(&text, "s.toml", lib()).is_err());
    let at_limit = "y".repeat(stack::MAX_ID_BYTES);
    let text = format!("version = 1\n[picks]\nbuild = \"{at_limit}\"\n");
    let ok = stack::import(&text, "s.toml", lib()).unwrap();
    assert_eq!(ok.warnings.len(), 1);
}

#[test]
fn a_saved_stack_naming_unknown_tools_loads_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let files = AdvisorFiles::new(dir.path());
    std::fs::write(
        files.stack_path(),
        "version = 1\n[picks]\nbuild = \"hudson\"\ndeploy = \"argo-cd\"\n",
    )
    .unwrap();
    let saved = files.load(lib()).unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert!(matches!(
        &saved.warnings[0],
        AdvisorWarning::Stack(ImportWarning::UnknownTool { tool, .. }) if tool == "hudson"
    ));
    assert_eq!(saved.stack.picks.len(), 2);
}

#[test]
fn files_from_a_newer_feoops_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files = AdvisorFiles::new(dir.path());
    let newer = "version = 9\n[profile]\ncloud = \"aws\"\nmood = \"sunny\"\n";
    std::fs::write(files.profile_path(), newer).unwrap();
    let err = files.load(lib()).unwrap_err();
    assert!(
        matches!(err, AdvisorStoreError::Newer { found: 9, .. }),
        "{err}"
    );
    assert!(matches!(
        files.save_profile(&Profile::default()),
        Err(AdvisorStoreError::Newer { .. })
    ));
    assert!(files.update(lib(), |s| s.clear()).is_err());
    assert_eq!(
        std::fs::read_to_string(files.profile_path()).unwrap(),
        newer
    );
    std::fs::remove_file(files.profile_path()).unwrap();
    std::fs::write(files.stack_path(), "version = 3\n[picks]\n").unwrap();
    assert!(matches!(
        files.load(lib()).unwrap_err(),
        AdvisorStoreError::Newer { found: 3, .. }
    ));
}

#[test]
fn the_pane_can_export_into_the_data_folder_and_import_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = AdvisorFiles::new(dir.path());
    let path = files
        .export(&sample(), lib(), Format::Toml, Lang::En)
        .unwrap();
    assert_eq!(path, dir.path().join("toolchain.toml"));
    let md = files
        .export(&sample(), lib(), Format::Markdown, Lang::Ko)
        .unwrap();
    assert!(
        std::fs::read_to_string(md)
            .unwrap()
            .starts_with("# 우리 팀 툴체인")
    );
    // Importing the export makes it the saved stack.
    let imported = files.import_file(&path, lib()).unwrap();
    assert!(imported.had_profile);
    assert!(imported.warnings.is_empty());
    assert_eq!(imported.stack, sample());
    assert_eq!(files.load(lib()).unwrap().stack, sample());
    // A file that cannot be used changes nothing.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    assert!(matches!(
        files.import_file(&bad, lib()),
        Err(ImportError::File(StackFileError::Invalid { .. }))
    ));
    assert!(matches!(
        files.import_file(&dir.path().join("none.toml"), lib()),
        Err(ImportError::Read { .. })
    ));
    assert_eq!(files.load(lib()).unwrap().stack, sample());
}
