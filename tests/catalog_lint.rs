//! L0: the shipped tool catalogue says how alive each tool is and when its facts were
//! checked, covers every category, and holds the tools learners look for.

use feoops::catalog::Status;
use feoops::library::Library;

#[test]
fn every_shipped_tool_has_a_status_and_a_verification_date() {
    let lib = Library::embedded();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let mut missing = Vec::new();
    for t in lib.catalog().tools() {
        match (t.status, t.verified) {
            (Some(s), Some(v)) => {
                assert!(v <= today, "{}: verified on {v}, a day still to come", t.id);
                // The loader enforces this too; the shipped file must not rely on it.
                assert_eq!(
                    s == Status::EndOfLife,
                    t.end_of_life.is_some(),
                    "{}: end_of_life goes with status end-of-life",
                    t.id
                );
            }
            _ => missing.push(t.id.as_str()),
        }
    }
    assert!(missing.is_empty(), "no status or verified: {missing:?}");
}

#[test]
fn the_catalogue_has_400_tools_and_no_empty_category() {
    let lib = Library::embedded();
    let cat = lib.catalog();
    assert!(cat.len() >= 400, "only {} tools", cat.len());
    for c in cat.categories() {
        let n = cat.tools().iter().filter(|t| t.category == c.id).count();
        assert!(n > 0, "category {} has no tool", c.id);
    }
}

#[test]
fn the_tools_learners_name_are_in_the_catalogue() {
    let lib = Library::embedded();
    for id in [
        "docker-compose",
        "kubectl",
        "kind",
        "minikube",
        "cri-o",
        "falco",
        "skaffold",
        "tilt",
        "portainer",
        "vagrant",
        "sealed-secrets",
        "azure-key-vault",
        "google-secret-manager",
        "infracost",
        "kong",
        "kafka",
        "rabbitmq",
        "minio",
        "flyway",
        "liquibase",
        "argo-workflows",
        "gocd",
        "jira-service-management",
        "compass",
        "servicenow",
        "statuspage",
        "appdynamics",
        "azure-functions",
        "google-cloud-functions",
        "cloudflare",
        "redis",
        "postgresql",
    ] {
        assert!(lib.catalog().get(id).is_some(), "no tool `{id}`");
    }
}
