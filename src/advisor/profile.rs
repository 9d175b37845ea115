//! The learner's profile: eight questions about the team, each with a "don't care"
//! answer (`any`) as its default. Answers are kebab-case ids shared by the saved files,
//! the JSON output and the command line (`--cloud on-prem`, `--oss required`, ...).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base::Lang;

/// One answer of a profile question: its id and its label in both languages.
pub trait Choice: Copy + Eq + Sized + 'static {
    /// Every answer, "don't care" first.
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.id() == s)
    }

    /// The ids, comma-separated, for messages.
    fn expected() -> String {
        Self::ALL
            .iter()
            .map(|v| v.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident {
        $($variant:ident = $id:literal, $en:literal, $ko:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        pub enum $name {
            #[default]
            $(#[serde(rename = $id)] $variant,)*
        }

        impl Choice for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)*];

            fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::En) => $en,
                      ($name::$variant, Lang::Ko) => $ko,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

// The first variant of each is the default; the macro puts `#[default]` on it.
choice!(
    /// Where the team runs its systems.
    CloudPref {
        Any = "any", "don't care", "상관없음";
        Aws = "aws", "AWS", "AWS";
        Azure = "azure", "Azure", "Azure";
        Gcp = "gcp", "Google Cloud", "Google Cloud";
        OnPrem = "on-prem", "on-premises", "온프레미스";
    }
);
choice!(
    /// Whether tools must be open source.
    OssPref {
        Any = "any", "don't care", "상관없음";
        Preferred = "preferred", "preferred", "선호";
        Required = "required", "required", "필수";
    }
);
choice!(
    /// Whether the team runs its tools or lets a vendor run them.
    HostingPref {
        Any = "any", "don't care", "상관없음";
        SelfHosted = "self-hosted", "self-hosted", "직접 호스팅";
        Saas = "saas", "SaaS", "SaaS";
    }
);
choice!(
    /// The code host the team uses.
    CodeHost {
        Any = "any", "don't care", "상관없음";
        Github = "github", "GitHub", "GitHub";
        Gitlab = "gitlab", "GitLab", "GitLab";
        Bitbucket = "bitbucket", "Bitbucket", "Bitbucket";
        Other = "other", "other", "기타";
    }
);
choice!(
    /// How many people work on it.
    TeamSize {
        Any = "any", "don't care", "상관없음";
        Solo = "solo", "solo", "혼자";
        Small = "small", "small", "소규모";
        Large = "large", "large", "대규모";
    }
);
choice!(
    /// Whether the team uses containers and Kubernetes.
    Containers {
        Any = "any", "don't care", "상관없음";
        Yes = "yes", "yes", "예";
        No = "no", "no", "아니요";
    }
);
choice!(
    /// The team's main language ecosystem.
    EcosystemPref {
        Any = "any", "don't care", "상관없음";
        Js = "js", "JS/TS", "JS/TS";
        Jvm = "jvm", "JVM", "JVM";
        Python = "python", "Python", "Python";
        Go = "go", "Go", "Go";
        Rust = "rust", "Rust", "Rust";
        Dotnet = "dotnet", ".NET", ".NET";
        Other = "other", "other", "기타";
    }
);
choice!(
    /// What the team may spend.
    Budget {
        Any = "any", "don't care", "상관없음";
        Free = "free", "free only", "무료만";
        Paid = "paid", "paid is fine", "유료도 괜찮음";
    }
);

/// The answers that tell the advisor about a team. `Profile::default()` is "don't care"
/// everywhere. Serialized with kebab-case keys (`code-host`) and answer ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Profile {
    pub cloud: CloudPref,
    pub oss: OssPref,
    pub hosting: HostingPref,
    pub code_host: CodeHost,
    pub team: TeamSize,
    pub k8s: Containers,
    pub ecosystem: EcosystemPref,
    pub budget: Budget,
}

/// One question of the profile, for a form that walks through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProfileField {
    Cloud,
    Oss,
    Hosting,
    CodeHost,
    Team,
    K8s,
    Ecosystem,
    Budget,
}

impl ProfileField {
    pub const ALL: [ProfileField; 8] = [
        ProfileField::Cloud,
        ProfileField::Oss,
        ProfileField::Hosting,
        ProfileField::CodeHost,
        ProfileField::Team,
        ProfileField::K8s,
        ProfileField::Ecosystem,
        ProfileField::Budget,
    ];

    /// The key in files and the name of the command-line flag (`--code-host`).
    pub fn id(self) -> &'static str {
        match self {
            ProfileField::Cloud => "cloud",
            ProfileField::Oss => "oss",
            ProfileField::Hosting => "hosting",
            ProfileField::CodeHost => "code-host",
            ProfileField::Team => "team",
            ProfileField::K8s => "k8s",
            ProfileField::Ecosystem => "ecosystem",
            ProfileField::Budget => "budget",
        }
    }

    pub fn parse(s: &str) -> Option<ProfileField> {
        ProfileField::ALL.into_iter().find(|f| f.id() == s)
    }

    /// The question, short (a form label).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ProfileField::Cloud, Lang::En) => "Cloud",
            (ProfileField::Cloud, Lang::Ko) => "클라우드",
            (ProfileField::Oss, Lang::En) => "Open source",
            (ProfileField::Oss, Lang::Ko) => "오픈 소스",
            (ProfileField::Hosting, Lang::En) => "Hosting",
            (ProfileField::Hosting, Lang::Ko) => "호스팅",
            (ProfileField::CodeHost, Lang::En) => "Code host",
            (ProfileField::CodeHost, Lang::Ko) => "코드 호스트",
            (ProfileField::Team, Lang::En) => "Team size",
            (ProfileField::Team, Lang::Ko) => "팀 규모",
            (ProfileField::K8s, Lang::En) => "Containers & Kubernetes",
            (ProfileField::K8s, Lang::Ko) => "컨테이너·Kubernetes",
            (ProfileField::Ecosystem, Lang::En) => "Main language",
            (ProfileField::Ecosystem, Lang::Ko) => "주 언어",
            (ProfileField::Budget, Lang::En) => "Budget",
            (ProfileField::Budget, Lang::Ko) => "예산",
        }
    }

    /// The ids of the possible answers, "don't care" (`any`) first.
    pub fn options(self) -> Vec<&'static str> {
        fn ids<C: Choice>() -> Vec<&'static str> {
            C::ALL.iter().map(|c| c.id()).collect()
        }
        match self {
            ProfileField::Cloud => ids::<CloudPref>(),
            ProfileField::Oss => ids::<OssPref>(),
            ProfileField::Hosting => ids::<HostingPref>(),
            ProfileField::CodeHost => ids::<CodeHost>(),
            ProfileField::Team => ids::<TeamSize>(),
            ProfileField::K8s => ids::<Containers>(),
            ProfileField::Ecosystem => ids::<EcosystemPref>(),
            ProfileField::Budget => ids::<Budget>(),
        }
    }

    /// The label of one of this question's answers (the id itself when unknown).
    pub fn option_label(self, id: &str, lang: Lang) -> &str {
        fn find<C: Choice>(id: &str, lang: Lang) -> Option<&'static str> {
            C::parse(id).map(|c| c.label(lang))
        }
        let found = match self {
            ProfileField::Cloud => find::<CloudPref>(id, lang),
            ProfileField::Oss => find::<OssPref>(id, lang),
            ProfileField::Hosting => find::<HostingPref>(id, lang),
            ProfileField::CodeHost => find::<CodeHost>(id, lang),
            ProfileField::Team => find::<TeamSize>(id, lang),
            ProfileField::K8s => find::<Containers>(id, lang),
            ProfileField::Ecosystem => find::<EcosystemPref>(id, lang),
            ProfileField::Budget => find::<Budget>(id, lang),
        };
        found.unwrap_or(id)
    }
}

impl fmt::Display for ProfileField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An answer id that is not one of a question's answers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {field} answer `{value}` (expected one of: {expected})")]
pub struct BadAnswer {
    pub field: ProfileField,
    pub value: String,
    pub expected: String,
}

impl Profile {
    /// The id of a question's answer.
    pub fn get(&self, field: ProfileField) -> &'static str {
        match field {
            ProfileField::Cloud => self.cloud.id(),
            ProfileField::Oss => self.oss.id(),
            ProfileField::Hosting => self.hosting.id(),
            ProfileField::CodeHost => self.code_host.id(),
            ProfileField::Team => self.team.id(),
            ProfileField::K8s => self.k8s.id(),
            ProfileField::Ecosystem => self.ecosystem.id(),
            ProfileField::Budget => self.budget.id(),
        }
    }

    /// The label of a question's answer.
    pub fn answer_label(&self, field: ProfileField, lang: Lang) -> &'static str {
        match field {
            ProfileField::Cloud => self.cloud.label(lang),
            ProfileField::Oss => self.oss.label(lang),
            ProfileField::Hosting => self.hosting.label(lang),
            ProfileField::CodeHost => self.code_host.label(lang),
            ProfileField::Team => self.team.label(lang),
            ProfileField::K8s => self.k8s.label(lang),
            ProfileField::Ecosystem => self.ecosystem.label(lang),
            ProfileField::Budget => self.budget.label(lang),
        }
    }

    /// Sets a question's answer by id.
    pub fn set(&mut self, field: ProfileField, value: &str) -> Result<(), BadAnswer> {
        fn parse<C: Choice>(field: ProfileField, value: &str) -> Result<C, BadAnswer> {
            C::parse(value).ok_or_else(|| BadAnswer {
                field,
                value: value.to_string(),
                expected: C::expected(),
            })
        }
        match field {
            ProfileField::Cloud => self.cloud = parse(field, value)?,
            ProfileField::Oss => self.oss = parse(field, value)?,
            ProfileField::Hosting => self.hosting = parse(field, value)?,
            ProfileField::CodeHost => self.code_host = parse(field, value)?,
            ProfileField::Team => self.team = parse(field, value)?,
            ProfileField::K8s => self.k8s = parse(field, value)?,
            ProfileField::Ecosystem => self.ecosystem = parse(field, value)?,
            ProfileField::Budget => self.budget = parse(field, value)?,
        }
        Ok(())
    }

    /// Moves a question's answer to the next (or previous) one, wrapping around: what a
    /// form does on ←/→.
    pub fn cycle(&mut self, field: ProfileField, forward: bool) {
        let options = field.options();
        let at = options
            .iter()
            .position(|&o| o == self.get(field))
            .unwrap_or(0);
        let n = options.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        // Every id in `options` parses, so this cannot fail.
        let _ = self.set(field, options[next]);
    }

    /// True when every answer is "don't care".
    pub fn is_default(&self) -> bool {
        *self == Profile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_dont_care_and_ids_round_trip() {
        let p = Profile::default();
        for f in ProfileField::ALL {
            assert_eq!(p.get(f), "any", "{f}");
            assert_eq!(ProfileField::parse(f.id()), Some(f));
            for id in f.options() {
                let mut q = p;
                q.set(f, id).unwrap();
                assert_eq!(q.get(f), id);
                assert_ne!(f.option_label(id, Lang::En), "");
            }
        }
        assert!(p.is_default());
    }

    #[test]
    fn serde_uses_kebab_case_keys_and_answer_ids() {
        let p = Profile {
            cloud: CloudPref::OnPrem,
            code_host: CodeHost::Github,
            hosting: HostingPref::SelfHosted,
            ..Profile::default()
        };
        let text = toml::to_string(&p).unwrap();
        assert!(text.contains("cloud = \"on-prem\""), "{text}");
        assert!(text.contains("code-host = \"github\""), "{text}");
        assert!(text.contains("hosting = \"self-hosted\""), "{text}");
        let back: Profile = toml::from_str(&text).unwrap();
        assert_eq!(back, p);
        // Missing keys are "don't care".
        let partial: Profile = toml::from_str("oss = \"required\"").unwrap();
        assert_eq!(partial.oss, OssPref::Required);
        assert_eq!(partial.cloud, CloudPref::Any);
        assert!(toml::from_str::<Profile>("colour = \"red\"").is_err());
    }

    #[test]
    fn set_rejects_unknown_answers_and_cycle_wraps() {
        let mut p = Profile::default();
        let e = p.set(ProfileField::Cloud, "ibm").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown cloud answer `ibm` (expected one of: any, aws, azure, gcp, on-prem)"
        );
        p.cycle(ProfileField::Cloud, false);
        assert_eq!(p.cloud, CloudPref::OnPrem);
        p.cycle(ProfileField::Cloud, true);
        assert_eq!(p.cloud, CloudPref::Any);
    }
}
