//! Search speed: one query over the built-in catalogue plus the CNCF landscape (the real
//! file when `/work/shared/data/cncf-landscape.yml` exists, else 2,400 synthetic items),
//! and over a synthetic 100,000-tool catalogue. Budgets (the issue): under 1 ms and under
//! 30 ms per search.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use feoops::Library;
use feoops::base::{Lang, Localized};
use feoops::catalog::{Catalog, Query, Searcher, Source, Tool};

const LANDSCAPE: &str = "/work/shared/data/cncf-landscape.yml";

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "ku", "be", "ter", "ra", "pro", "me", "flux", "ar", "go", "hel", "jen", "kins", "dock", "er",
    "graf", "ana", "vault", "con", "sul", "no", "mad", "tek", "ton", "spin", "na", "ker", "lo",
    "ki", "tem", "po", "cil", "ium", "is", "tio", "lin", "kerd", "vec", "tor", "fal", "co", "open",
    "cost", "zip", "kin",
];
const WORDS: &[&str] = &[
    "deploy",
    "kubernetes",
    "cluster",
    "pipeline",
    "build",
    "container",
    "image",
    "registry",
    "metrics",
    "logs",
    "traces",
    "alerting",
    "policy",
    "secrets",
    "network",
    "service",
    "mesh",
    "gateway",
    "storage",
    "database",
    "backup",
    "testing",
    "load",
    "chaos",
    "feature",
    "flags",
    "release",
    "version",
    "git",
    "cloud",
    "serverless",
    "function",
    "runtime",
    "scanner",
    "security",
    "compliance",
    "cost",
    "dashboard",
    "monitor",
    "observability",
    "automation",
    "infrastructure",
    "code",
    "workflow",
    "scheduler",
    "edge",
];
const KO_WORDS: &[&str] = &[
    "배포",
    "쿠버네티스",
    "클러스터",
    "파이프라인",
    "빌드",
    "컨테이너",
    "이미지",
    "레지스트리",
    "메트릭",
    "로그",
    "트레이스",
    "알림",
    "정책",
    "시크릿",
    "네트워크",
    "서비스",
    "메시",
    "게이트웨이",
    "스토리지",
    "데이터베이스",
    "백업",
    "테스트",
    "부하",
    "릴리스",
    "버전",
    "클라우드",
    "서버리스",
    "보안",
    "비용",
    "대시보드",
    "모니터링",
    "자동화",
    "인프라",
    "코드",
    "워크플로",
    "스케줄러",
];
const STAGES: &[&str] = &[
    "plan", "code", "build", "test", "release", "deploy", "operate", "monitor",
];

fn sentence(rng: &mut Rng, words: &[&str], n: usize) -> String {
    (0..n)
        .map(|_| rng.pick(words))
        .collect::<Vec<_>>()
        .join(" ")
}

fn synthetic(n: usize, seed: u64) -> Vec<Tool> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| {
            let parts = 2 + (rng.next() % 2) as usize;
            let stem: String = (0..parts).map(|_| rng.pick(SYLLABLES)).collect();
            let mut name = stem.clone();
            if let Some(first) = name.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            let name = format!("{name} {}", sentence(&mut rng, WORDS, 1));
            let stage = rng.pick(STAGES).to_string();
            Tool {
                id: format!("{stem}-{i}"),
                name,
                aliases: vec![format!("{stem}{}", i % 100)],
                stages: vec![stage.clone()],
                primary_stage: stage,
                category: "ci-cd".into(),
                summary: Localized {
                    en: sentence(&mut rng, WORDS, 18),
                    ko: sentence(&mut rng, KO_WORDS, 12),
                },
                summary_ko_fallback: false,
                license: Some("Apache-2.0".into()),
                license_class: None,
                pricing: None,
                hosting: vec![],
                clouds: vec![],
                ecosystems: vec![],
                maturity: None,
                status: None,
                end_of_life: None,
                verified: None,
                homepage: format!("https://{stem}{i}.example.org/"),
                repo: None,
                alternatives: vec![],
                integrates_with: vec![],
                requires: vec![],
                good_for: Localized::default(),
                not_for: Localized::default(),
                tags: (0..3).map(|_| rng.pick(WORDS).to_string()).collect(),
                source: Source::Landscape,
                landscape: None,
            }
        })
        .collect()
}

/// The built-in catalogue plus the landscape: the real file if present.
fn with_landscape() -> (Catalog, &'static str) {
    let mut lib = Library::embedded();
    if Path::new(LANDSCAPE).exists() && lib.import_landscape(Path::new(LANDSCAPE)).is_ok() {
        return (lib.catalog().clone(), "built-in + real landscape");
    }
    let mut tools = lib.catalog().tools().to_vec();
    tools.extend(synthetic(2_400, 7));
    (
        Catalog::new(tools, lib.categories()),
        "built-in + 2,400 synthetic",
    )
}

const QUERIES: &[(&str, &str, Lang)] = &[
    ("k", "k", Lang::En),
    ("kube", "kube", Lang::En),
    ("typo", "kuberntes", Lang::En),
    ("two-words", "load test", Lang::En),
    ("korean", "쿠버네티스", Lang::Ko),
    ("korean-in-en-ui", "쿠버", Lang::En),
    ("jamo-half-typed", "쿠버ㄴ", Lang::Ko),
    ("jamo-initials", "ㅋㅂㄴㅌㅅ", Lang::Ko),
    ("jamo-initials-short", "ㅈㅋㅅ", Lang::Ko),
    ("no-match", "zzqx", Lang::En),
];

fn bench(c: &mut Criterion) {
    let (cat, what) = with_landscape();
    eprintln!(
        "{what}: {} tools ({} imported)",
        cat.len(),
        cat.imported_count()
    );
    let mut g = c.benchmark_group("landscape");
    for &(label, q, lang) in QUERIES {
        let query = Query::new(q);
        g.bench_function(format!("{label}/limit-50"), |b| {
            b.iter(|| black_box(cat.search(&query, lang, 50)))
        });
        g.bench_function(format!("{label}/all"), |b| {
            b.iter(|| black_box(cat.search(&query, lang, 0)))
        });
    }
    g.finish();

    let lib = Library::embedded();
    let big = Catalog::new(synthetic(100_000, 42), lib.categories());
    let mut g = c.benchmark_group("synthetic-100k");
    g.sample_size(20);
    for &(label, q, lang) in QUERIES {
        let query = Query::new(q);
        g.bench_function(format!("{label}/limit-50"), |b| {
            b.iter(|| black_box(big.search(&query, lang, 50)))
        });
        g.bench_function(format!("{label}/all"), |b| {
            b.iter(|| black_box(big.search(&query, lang, 0)))
        });
        let searcher = Searcher::new(&big);
        g.bench_function(format!("{label}/rank-all"), |b| {
            b.iter(|| black_box(searcher.rank(&query, lang, 0).len()))
        });
        let one = Searcher::new(&big).with_threads(1);
        g.bench_function(format!("{label}/limit-50/1-thread"), |b| {
            b.iter(|| black_box(one.search(&query, lang, 50)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("index/synthetic-100k", |b| {
        let tools = synthetic(100_000, 42);
        b.iter(|| black_box(Catalog::new(tools.clone(), lib.categories())))
    });
    g.bench_function("import/real-landscape", |b| {
        if !Path::new(LANDSCAPE).exists() {
            return;
        }
        let lib = Library::embedded();
        b.iter(|| {
            let mut l = lib.clone();
            black_box(l.import_landscape(Path::new(LANDSCAPE)).is_ok())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
