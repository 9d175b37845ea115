//! The stack advisor: for a profile (cloud, open source, hosting, code host, team size,
//! containers, language, budget), the catalogue's tools of each stage ranked, each with
//! its score and its reasons; the tools that break a hard constraint are listed apart,
//! with why. The rules are data (`content/advisor.toml`, see [`Weights`]); the help page
//! `advisor-weights` explains them.
//!
//! ```
//! use feoops::catalog::advisor::{self, Profile, CodeHost, HostingPref};
//! use feoops::content::Library;
//!
//! let lib = Library::embedded().library;
//! let profile = Profile { code_host: CodeHost::Github, hosting: HostingPref::Saas, ..Profile::default() };
//! let build = advisor::suggest(&lib.catalog, &profile, &lib.advisor, "build");
//! assert_eq!(build[0].id, "github-actions");
//! ```

pub(crate) mod load;
mod profile;
mod reason;
mod score;
mod soft;
mod weights;

pub use load::ADVISOR_FILE;
pub use profile::{
    BadAnswer, Budget, Choice, CloudPref, CodeHost, Containers, EcosystemPref, HostingPref,
    OssPref, Profile, ProfileField, TeamSize,
};
pub use reason::{
    Reason, ReasonKind, cloud_label, ecosystem_label, license_label, maturity_label, pricing_label,
};
pub use score::{Advisor, Excluded, Suggestion, Verdict};
pub use weights::{Hard, WEIGHT_RANGE, WEIGHTS_VERSION, Weight, Weights};

use super::Catalog;

/// The tools of a stage a profile allows, best first (score descending, then name, then
/// id). Every suggestion has at least one reason.
pub fn suggest(
    catalog: &Catalog,
    profile: &Profile,
    weights: &Weights,
    stage: &str,
) -> Vec<Suggestion> {
    Advisor::new(catalog, weights, *profile).suggest(stage)
}

/// The tools of a stage a profile leaves out, by name, each with the hard constraints it
/// breaks (to show greyed).
pub fn excluded(
    catalog: &Catalog,
    profile: &Profile,
    weights: &Weights,
    stage: &str,
) -> Vec<Excluded> {
    Advisor::new(catalog, weights, *profile).excluded(stage)
}
