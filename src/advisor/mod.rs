//! The stack advisor: for a profile (cloud, open source, hosting, code host, team size,
//! containers, language, budget), the catalogue's tools of each stage ranked, each with
//! its score and its reasons; the tools that break a hard constraint are listed apart,
//! with why. It reads the catalogue (see [`Context`]). The rules are data (`content/advisor.toml`, see [`Weights`]); the help page
//! `advisor-weights` explains them.
//!
//! ```
//! use feoops::advisor::{self, Profile, CodeHost, HostingPref};
//! use feoops::Library;
//!
//! let lib = Library::embedded();
//! let profile = Profile { code_host: CodeHost::Github, hosting: HostingPref::Saas, ..Profile::default() };
//! let build = advisor::suggest(lib.catalog(), &profile, lib.weights(), "build");
//! assert_eq!(build[0].id, "github-actions");
//! ```

pub(crate) mod load;
mod profile;
mod reason;
mod score;
mod soft;
pub mod stack;
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

use crate::base::{Lang, Stage, stage, stage_name};
use crate::catalog::Catalog;

/// What the advisor and the stack read: the catalogue, the stages and the rules. The
/// [`crate::Library`] gives them (loading each part on first use).
pub trait Context {
    fn catalog(&self) -> &Catalog;
    fn stages(&self) -> &[Stage];
    fn weights(&self) -> &Weights;

    fn stage(&self, id: &str) -> Option<&Stage> {
        stage(self.stages(), id)
    }

    /// A stage's name in a language (the id itself when the stage is unknown).
    fn stage_name<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        stage_name(self.stages(), id, lang)
    }

    /// A tool's name (the id itself when the tool is not in the catalogue).
    fn tool_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.catalog().get(id).map_or(id, |t| t.name.as_str())
    }
}

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

/// A shared library (the dashboard holds it in an `Arc`) is a context too.
impl<T: Context + ?Sized> Context for std::sync::Arc<T> {
    fn catalog(&self) -> &Catalog {
        (**self).catalog()
    }

    fn stages(&self) -> &[Stage] {
        (**self).stages()
    }

    fn weights(&self) -> &Weights {
        (**self).weights()
    }
}
