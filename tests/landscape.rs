//! Importing a CNCF landscape file into the built-in catalogue: merge by name, homepage and
//! repository; mapping to stages; skipped, unmapped and empty subcategories; broken files.

use std::path::Path;

use feoops::Library;
use feoops::base::Lang;
use feoops::catalog::landscape::{self, normalize_name};
use feoops::catalog::{ImportReport, LandscapeError, Maturity, Query, Source};

const FIXTURE: &str = "tests/fixtures/landscape/landscape.yml";
const REAL: &str = "/work/shared/data/cncf-landscape.yml";

fn imported() -> (Library, ImportReport) {
    let mut lib = Library::embedded();
    let report = lib
        .import_landscape(Path::new(FIXTURE))
        .expect("fixture imports");
    (lib, report)
}

#[test]
fn the_report_counts_every_item() {
    let (_, r) = imported();
    assert_eq!(r.items, 12);
    assert_eq!(r.imported, 3, "{r:#?}");
    // Ansible (name), Terraform (homepage), OpenTofu (repo), Kubecost (name), and the
    // second listing of Fixture Chaos (an item imported just before).
    assert_eq!(r.merged, 5, "{r:#?}");
    assert_eq!(r.filled, 1, "Kubecost's repository");
    assert_eq!(r.skipped_items, 3);
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.subcategory.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "Certified Kubernetes - Hosted",
            "Kubernetes Certified Service Provider",
            "Silver"
        ]
    );
    assert_eq!(r.unmapped_items, 1);
    assert_eq!(r.unmapped[0].category, "Fixture Category");
    assert_eq!(r.unmapped[0].subcategory, "Fixture Things");
    assert_eq!(
        r.items,
        r.imported + r.merged + r.skipped_items + r.unmapped_items
    );
}

#[test]
fn items_already_in_the_catalogue_are_merged_not_duplicated() {
    let before = Library::embedded().catalog().len();
    let (lib, r) = imported();
    let cat = lib.catalog();
    assert_eq!(cat.len(), before + r.imported);
    for (id, how) in [
        ("ansible", "name"),
        ("terraform", "homepage"),
        ("opentofu", "repo"),
    ] {
        let t = cat.get(id).unwrap();
        assert_eq!(t.source, Source::Builtin, "{id} stays built-in");
        let l = t
            .landscape
            .as_ref()
            .unwrap_or_else(|| panic!("{id} was not merged by {how}"));
        assert_eq!(l.subcategory, "Automation & Configuration");
        assert!(l.filled.is_empty(), "{id}: nothing was missing");
    }
    // One tool per name: no second Ansible.
    let ansibles = cat
        .tools()
        .iter()
        .filter(|t| normalize_name(&t.name) == "ansible")
        .count();
    assert_eq!(ansibles, 1);
    // Our own data wins: Terraform keeps its summary, homepage and licence.
    let tf = cat.get("terraform").unwrap();
    assert_eq!(tf.homepage, "https://developer.hashicorp.com/terraform");
    assert!(!tf.summary.en.contains("Matched by its homepage"));
}

#[test]
fn merging_fills_only_missing_fields() {
    let (lib, _) = imported();
    let k = lib.catalog().get("kubecost").unwrap();
    assert_eq!(
        k.repo.as_deref(),
        Some("https://github.com/kubecost/cost-model")
    );
    assert_eq!(k.landscape.as_ref().unwrap().filled, ["repo"]);
    let a = lib.catalog().get("ansible").unwrap();
    assert_eq!(
        a.repo.as_deref(),
        Some("https://github.com/ansible/ansible")
    );
}

#[test]
fn new_items_are_mapped_to_stages_and_marked_as_imported() {
    let (lib, _) = imported();
    let cat = lib.catalog();
    let p = cat.get("fixture-provisioner").unwrap();
    assert_eq!(p.source, Source::Landscape);
    assert!(p.is_imported());
    assert_eq!(p.stages, ["deploy", "operate"]);
    assert_eq!(p.primary_stage, "deploy");
    assert_eq!(p.category, "iac");
    assert_eq!(p.maturity, Some(Maturity::Sandbox));
    assert_eq!(p.license.as_deref(), Some("Apache-2.0"));
    assert_eq!(
        p.license_class, None,
        "an OSS licence alone does not say oss or open-core"
    );
    assert_eq!(
        p.summary.en,
        "A made-up provisioning tool described on two lines."
    );
    assert_eq!(p.summary.ko, p.summary.en);
    assert!(
        p.summary_ko_fallback,
        "the Korean summary is the English text, marked so"
    );
    let l = p.landscape.as_ref().unwrap();
    assert_eq!(
        (l.category.as_str(), l.subcategory.as_str()),
        ("Provisioning", "Automation & Configuration")
    );

    let r = cat.get("fixture-registry").unwrap();
    assert_eq!(r.stages, ["release"]);
    assert_eq!(r.category, "artifact-registry");
    assert!(!r.summary_ko_fallback);
    assert!(r.summary.ko.contains("CNCF 랜드스케이프"));

    // Listed under Chaos Engineering and (again, and as a second path) Observability.
    let c = cat.get("fixture-chaos").unwrap();
    assert_eq!(c.stages, ["test", "monitor"]);
    assert_eq!(c.primary_stage, "test");
    assert_eq!(
        cat.tools()
            .iter()
            .filter(|t| t.name == "Fixture Chaos")
            .count(),
        1
    );

    for skipped in [
        "Fixture Hosted Kubernetes",
        "Fixture Consulting",
        "Fixture Member Inc",
        "Fixture Unmapped",
    ] {
        assert!(
            cat.tools().iter().all(|t| t.name != skipped),
            "{skipped} must be left out"
        );
    }
}

#[test]
fn imported_tools_are_searchable_and_listed_by_stage() {
    let (lib, _) = imported();
    let cat = lib.catalog();
    let hits = cat.search(&Query::new("fixture prov"), Lang::En, 3);
    assert_eq!(hits[0].tool(cat).id, "fixture-provisioner");
    assert!(hits[0].tool(cat).is_imported());
    let monitor = cat.tools_for_stage("monitor");
    let pos = monitor
        .iter()
        .position(|t| t.id == "fixture-chaos")
        .unwrap();
    // Its primary stage is test, so it comes after every tool whose primary stage is monitor.
    let last_primary = monitor
        .iter()
        .rposition(|t| t.primary_stage == "monitor")
        .unwrap();
    assert!(pos > last_primary);
}

#[test]
fn a_broken_file_reports_its_line_and_leaves_the_catalogue_untouched() {
    let mut lib = Library::embedded();
    let before = lib.catalog().tools().to_vec();
    let err = lib
        .import_landscape(Path::new("tests/fixtures/landscape/broken.yml"))
        .unwrap_err();
    match &err {
        LandscapeError::Parse { line, column, .. } => assert_eq!((*line, *column), (11, 12)),
        other => panic!("{other}"),
    }
    assert!(
        err.to_string()
            .starts_with("tests/fixtures/landscape/broken.yml:11:12: did not find expected"),
        "{err}"
    );
    assert_eq!(lib.catalog().tools(), before.as_slice());
    // The built-in catalogue still works.
    assert_eq!(
        lib.catalog().search(&Query::new("k8s"), Lang::En, 1)[0]
            .tool(lib.catalog())
            .id,
        "kubernetes"
    );
}

#[test]
fn an_item_without_a_name_is_an_error_with_its_line() {
    let err = landscape::read(Path::new("tests/fixtures/landscape/missing-name.yml")).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("tests/fixtures/landscape/missing-name.yml:12:"),
        "{text}"
    );
    assert!(text.contains("missing field `name`"), "{text}");
}

#[test]
fn a_missing_file_is_a_read_error() {
    let err = landscape::read(Path::new("tests/fixtures/landscape/none.yml")).unwrap_err();
    assert!(matches!(err, LandscapeError::Read { .. }));
    assert!(
        err.to_string()
            .starts_with("cannot read tests/fixtures/landscape/none.yml")
    );
}

#[test]
fn importing_twice_adds_nothing_new() {
    let (mut lib, _) = imported();
    let n = lib.catalog().len();
    let again = lib.import_landscape(Path::new(FIXTURE)).unwrap();
    assert_eq!(again.imported, 0);
    assert_eq!(lib.catalog().len(), n);
}

/// The real CNCF file, when this machine has it: every subcategory is mapped or skipped,
/// and nothing is duplicated.
#[test]
fn the_real_landscape_is_fully_mapped() {
    if !Path::new(REAL).exists() {
        eprintln!("skipped: {REAL} is not on this machine");
        return;
    }
    let mut lib = Library::embedded();
    let r = lib.import_landscape(Path::new(REAL)).unwrap();
    assert!(
        r.unmapped.is_empty(),
        "unmapped subcategories: {:#?}",
        r.unmapped
    );
    assert!(r.imported > 500, "{r}");
    let cat = lib.catalog();
    let mut names: Vec<String> = cat
        .tools()
        .iter()
        .map(|t| normalize_name(&t.name))
        .collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "two tools with the same name");
    for t in cat.tools() {
        assert!(t.stages.iter().all(|s| lib.stage(s).is_some()), "{}", t.id);
        assert!(lib.category(&t.category).is_some(), "{}", t.id);
        assert!(t.stages.contains(&t.primary_stage), "{}", t.id);
    }
}

#[path = "../benches/support/landscape_gen.rs"]
#[allow(dead_code)]
mod landscape_gen;

/// The fast landscape reader and the full YAML parser read the same items, on the fixture
/// and on a generated landscape laid out like the real one.
#[test]
fn the_fast_reader_agrees_with_the_full_parser() {
    let fixture = std::fs::read_to_string("tests/fixtures/landscape/landscape.yml").unwrap();
    let generated = landscape_gen::landscape_yaml(3_000);
    for (name, text) in [
        ("fixture", fixture.as_str()),
        ("generated", generated.as_str()),
    ] {
        let fast = feoops::catalog::landscape::parse(text, name).unwrap();
        let full = feoops::catalog::landscape::parse_reference(text, name).unwrap();
        assert_eq!(fast, full, "{name}");
        assert!(!fast.items.is_empty(), "{name}");
    }
    assert_eq!(
        feoops::catalog::landscape::parse(&generated, "g")
            .unwrap()
            .items
            .len(),
        3_000
    );
}
