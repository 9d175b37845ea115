//! L3: `feoops tools list | search | show` through the real binary, text and JSON. The JSON
//! is parsed back into the shape docs/JSON.md documents and compared with the catalogue.

mod support;

use feoops::Library;
use feoops::catalog::{Field, Tool};
use predicates::prelude::*;
use serde::Deserialize;
use support::{feoops, stdout};

/// A search hit as docs/JSON.md documents it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HitDoc {
    score: i64,
    matched: Option<Field>,
    matched_text: Option<String>,
    highlight: Vec<usize>,
    name_highlight: Vec<usize>,
    tool: Tool,
}

#[test]
fn list_prints_aligned_columns() {
    let out = stdout(&["tools", "list"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    for col in ["ID", "NAME", "STAGE", "LICENSE", "CLASS"] {
        assert!(header.contains(col), "{header}");
    }
    let class_at = header.find("CLASS").unwrap();
    let k8s = out.lines().find(|l| l.starts_with("kubernetes ")).unwrap();
    assert_eq!(&k8s[class_at..class_at + 11], "open source", "{k8s}");
    assert!(k8s.contains("operate") && k8s.contains("Apache-2.0"));
    let n = Library::embedded().catalog().len();
    assert_eq!(out.lines().count(), n + 1);
}

#[test]
fn list_json_round_trips_to_the_catalogue() {
    let out = stdout(&["tools", "list", "--json"]);
    let tools: Vec<Tool> = serde_json::from_str(&out).unwrap();
    let lib = Library::embedded();
    assert_eq!(tools.as_slice(), lib.catalog().tools());
    // Every documented key is present, absent values as null.
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let github = v
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "github")
        .unwrap();
    assert!(github["repo"].is_null());
    assert_eq!(github["source"], "builtin");
    assert!(github["landscape"].is_null());
    assert_eq!(github["summary_ko_fallback"], false);
    assert_eq!(github["status"], "active");
    assert!(github["end_of_life"].is_null());
    assert_eq!(github["verified"], "2026-11-29");
    let keys: Vec<&str> = github
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 28, "{keys:?}");
}

#[test]
fn list_filters() {
    let out = stdout(&["tools", "list", "--stage", "deploy", "--oss", "--json"]);
    let tools: Vec<Tool> = serde_json::from_str(&out).unwrap();
    assert!(!tools.is_empty());
    assert!(
        tools
            .iter()
            .all(|t| t.is_oss() && t.stages.iter().any(|s| s == "deploy"))
    );

    let out = stdout(&[
        "tools",
        "list",
        "--hosting",
        "managed",
        "--cloud",
        "azure",
        "--json",
    ]);
    let tools: Vec<Tool> = serde_json::from_str(&out).unwrap();
    assert!(tools.iter().any(|t| t.id == "azure-kubernetes-service"));
    assert!(tools.iter().all(|t| t.id != "amazon-eks"));
}

#[test]
fn search_prints_the_best_match_first_with_what_matched() {
    let out = stdout(&["tools", "search", "k8s", "--limit", "3"]);
    let first = out.lines().nth(1).unwrap();
    assert!(first.starts_with("kubernetes"), "{out}");
    assert!(first.ends_with("alias: k8s"), "{first}");
    assert!(out.lines().next().unwrap().contains("MATCH"));
    assert!(out.lines().count() <= 4);
}

#[test]
fn search_json_is_the_documented_shape() {
    let out = stdout(&["tools", "search", "쿠버네티스", "--lang", "ko", "--json"]);
    let hits: Vec<HitDoc> = serde_json::from_str(&out).unwrap();
    let h = &hits[0];
    assert_eq!(h.tool.id, "kubernetes");
    assert_eq!(h.matched, Some(Field::Alias));
    assert_eq!(h.matched_text.as_deref(), Some("쿠버네티스"));
    assert_eq!(h.highlight, [0, 1, 2, 3, 4], "char indices, not bytes");
    assert!(h.name_highlight.is_empty());
    assert!(h.score > 0);
    let lib = Library::embedded();
    assert_eq!(&h.tool, lib.catalog().get("kubernetes").unwrap());

    // The same query through the library gives the same order.
    let q = feoops::catalog::Query::new("prometheus");
    let want: Vec<String> = lib
        .catalog()
        .search(&q, feoops::base::Lang::En, 20)
        .iter()
        .map(|h| h.tool(lib.catalog()).id.clone())
        .collect();
    let out = stdout(&["tools", "search", "prometheus", "--json", "--lang", "en"]);
    let hits: Vec<HitDoc> = serde_json::from_str(&out).unwrap();
    let got: Vec<String> = hits.into_iter().map(|h| h.tool.id).collect();
    assert_eq!(got, want);
}

#[test]
fn search_with_filters_and_limit() {
    let out = stdout(&[
        "tools", "search", "kube", "--oss", "--stage", "operate", "--limit", "2", "--json",
    ]);
    let hits: Vec<HitDoc> = serde_json::from_str(&out).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.tool.is_oss()));
    // An empty query with filters lists the filtered tools.
    let out = stdout(&[
        "tools", "search", "", "--stage", "plan", "--limit", "0", "--json",
    ]);
    let hits: Vec<HitDoc> = serde_json::from_str(&out).unwrap();
    assert!(hits.len() >= 15);
    assert!(hits.iter().all(|h| h.matched.is_none() && h.score == 0));
}

#[test]
fn show_prints_every_field() {
    let out = stdout(&["tools", "show", "argo-cd"]);
    assert!(out.starts_with("Argo CD  (argo-cd)\n"));
    for label in [
        "Also known as",
        "Stages",
        "Category",
        "License",
        "Pricing",
        "Hosting",
        "Clouds",
        "Ecosystems",
        "Maturity",
        "Status",
        "Facts checked",
        "Homepage",
        "Repository",
        "Alternatives",
        "Integrates with",
        "Requires",
        "Good for",
        "Not for",
        "Tags",
        "Source",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(label)),
            "no {label} line:\n{out}"
        );
    }
    assert!(out.contains("Apache-2.0 (open source)"), "{out}");
    assert!(out.contains("CNCF graduated"), "{out}");
    assert!(out.contains("GitOps"));
}

#[test]
fn show_in_korean_and_by_alias() {
    let out = stdout(&["tools", "show", "젠킨스", "--lang", "ko"]);
    assert!(out.starts_with("Jenkins  (jenkins)"));
    assert!(out.contains("단계"));
    assert!(out.contains("빌드"), "stage names in Korean");
}

#[test]
fn show_json_is_one_tool() {
    let out = stdout(&["tools", "show", "terraform", "--json"]);
    let t: Tool = serde_json::from_str(&out).unwrap();
    assert_eq!(&t, Library::embedded().catalog().get("terraform").unwrap());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["license_class"], "source-available");
    assert_eq!(v["hosting"][0], "local");
    assert_eq!(v["pricing"], "freemium");
}

#[test]
fn unknown_id_or_stage_suggests_and_exits_2() {
    feoops()
        .args(["tools", "show", "kubernets"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown tool `kubernets`; did you mean: kubernetes",
        ));
    feoops()
        .args(["tools", "list", "--stage", "deploi"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown stage `deploi`; did you mean: deploy",
        ));
    feoops()
        .args(["tools", "search", "x", "--stage", "monitoring"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean: monitor"));
    // Values of the other filters are checked by the argument parser (also exit 2).
    feoops()
        .args(["tools", "list", "--hosting", "cloud"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("self-hosted"));
}

#[test]
fn landscape_import_from_the_command_line() {
    let out = feoops()
        .args([
            "--landscape",
            "tests/fixtures/landscape/landscape.yml",
            "tools",
            "list",
            "--source",
            "landscape",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("12 items: 3 imported, 5 merged"))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.lines().next().unwrap().contains("SOURCE"));
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(out.contains("fixture-provisioner"));

    let out = feoops()
        .args([
            "--landscape",
            "tests/fixtures/landscape/landscape.yml",
            "tools",
            "show",
            "fixture-chaos",
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["source"], "landscape");
    assert_eq!(v["landscape"]["subcategory"], "Chaos Engineering");
    assert_eq!(v["summary_ko_fallback"], true);
}

#[test]
fn a_broken_landscape_file_fails_with_its_line() {
    feoops()
        .args([
            "--landscape",
            "tests/fixtures/landscape/broken.yml",
            "tools",
            "list",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "tests/fixtures/landscape/broken.yml:11:12: ",
        ));
}

#[test]
fn every_tools_command_has_help_with_examples() {
    for cmd in [
        vec!["tools", "--help"],
        vec!["tools", "list", "--help"],
        vec!["tools", "search", "--help"],
        vec!["tools", "show", "--help"],
    ] {
        feoops()
            .args(&cmd)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"))
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn a_search_without_result_exits_1_with_a_one_line_hint() {
    let out = feoops()
        .args(["tools", "search", "zzzqx", "--lang", "en"])
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no tool matches `zzzqx`"), "{err}");
    assert!(err.contains("feoops tools list"), "{err}");
    // JSON callers get an empty array and the same status.
    feoops()
        .args(["tools", "search", "zzzqx", "--json"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("[]"));
}

#[test]
fn enum_flags_ignore_case_and_share_their_words() {
    let saas = stdout(&["tools", "list", "--hosting", "SaaS"]);
    assert_eq!(saas, stdout(&["tools", "list", "--hosting", "saas"]));
    assert!(saas.lines().count() > 1);
    assert_eq!(
        stdout(&["tools", "list", "--cloud", "AWS"]),
        stdout(&["tools", "list", "--cloud", "aws"])
    );
    // `on-prem`, as `suggest --cloud` says it: tools not tied to one cloud.
    assert_eq!(
        stdout(&["tools", "list", "--cloud", "on-prem"]),
        stdout(&["tools", "list", "--cloud", "any"])
    );
    assert_eq!(
        stdout(&["tools", "list", "--class", "OSS"]),
        stdout(&["tools", "list", "--class", "oss"])
    );
    feoops()
        .args([
            "suggest",
            "--stage",
            "build",
            "--hosting",
            "SaaS",
            "--cloud",
            "AWS",
        ])
        .assert()
        .success();
    // Every enum flag lists its values in --help.
    let help = stdout(&["tools", "list", "--help"]);
    for values in [
        "[possible values: self-hosted, saas, managed, local]",
        "[possible values: any, aws, azure, gcp, on-prem]",
    ] {
        assert!(help.contains(values), "{help}");
    }
    let help = stdout(&["suggest", "--help"]);
    for values in [
        "[possible values: any, aws, azure, gcp, on-prem]",
        "[possible values: any, self-hosted, saas]",
    ] {
        assert!(help.contains(values), "{help}");
    }
}
