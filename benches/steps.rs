//! Benchmarks: box steps of the maps in the search engine, basic interval operations,
//! one obligation re-proved by the checker, and end-to-end certification.
//! Run with `make bench`; compare ratios measured in the same run.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use inari::Interval;
use twostep::arith::exact::QI;
use twostep::arith::fiv::Fiv;
use twostep::arith::q::parse;
use twostep::arith::{fast, Real};
use twostep::models::quartic;

fn iv(a: f64, b: f64) -> Interval {
    Interval::try_from((a, b)).unwrap()
}

fn basic_ops(c: &mut Criterion) {
    let (a, b) = (iv(0.7, 0.7001), iv(1.05, 1.0501));
    c.bench_function("interval add", |bn| bn.iter(|| black_box(a) + black_box(b)));
    c.bench_function("interval mul", |bn| bn.iter(|| black_box(a) * black_box(b)));
    c.bench_function("interval div", |bn| bn.iter(|| black_box(a) / black_box(b)));
    c.bench_function("atan2 inari (MPFR)", |bn| {
        bn.iter(|| black_box(a).atan2(black_box(b)))
    });
    c.bench_function("atan2 fast (inari ops)", |bn| {
        bn.iter(|| fast::atan2(black_box(a), black_box(b)))
    });
    let (fa, fb) = (Fiv::new(0.7, 0.7001), Fiv::new(1.05, 1.0501));
    c.bench_function("Fiv add", |bn| bn.iter(|| black_box(fa) + black_box(fb)));
    c.bench_function("Fiv mul", |bn| bn.iter(|| black_box(fa) * black_box(fb)));
    c.bench_function("Fiv div", |bn| bn.iter(|| black_box(fa) / black_box(fb)));
    c.bench_function("atan2 fast (Fiv ops)", |bn| {
        bn.iter(|| fast::atan2(black_box(fa), black_box(fb)))
    });
    c.bench_function("pi via trait", |bn| {
        bn.iter(|| black_box(<Interval as Real>::pi()))
    });
}

fn quartic_steps(c: &mut Criterion) {
    let (k, y) = (iv(1.05, 1.0501), iv(0.7, 0.7001));
    c.bench_function("quartic box step g (inari)", |bn| {
        bn.iter(|| quartic::step(black_box(&k), black_box(&y)))
    });
    let (kf, yf) = (Fiv::new(1.05, 1.0501), Fiv::new(0.7, 0.7001));
    c.bench_function("quartic box step g (Fiv)", |bn| {
        bn.iter(|| quartic::step(black_box(&kf), black_box(&yf)))
    });
    c.bench_function("quartic box step G and G' (inari)", |bn| {
        bn.iter(|| {
            (
                quartic::two_step(black_box(&k), black_box(&y)),
                quartic::dtwo_step(black_box(&k), black_box(&y)),
            )
        })
    });
    let kq = QI::new(parse("1.05").unwrap(), parse("1.0501").unwrap());
    let yq = QI::new(parse("0.7").unwrap(), parse("0.7001").unwrap());
    c.bench_function("quartic box step g (checker, exact)", |bn| {
        bn.iter(|| quartic::step(black_box(&kq), black_box(&yq)))
    });
}

fn checker(c: &mut Criterion) {
    let cert = twostep::claims::certify("theorem2").unwrap();
    let text = twostep::cert::render(&cert);
    c.bench_function("check theorem2.json (all obligations)", |bn| {
        bn.iter(|| twostep::check::verify_text("t", black_box(&text)))
    });
    let spec = twostep::check::spec::theorem2::spec();
    let os = spec
        .obligations
        .iter()
        .find(|o| o.id == "T2.positive/margin")
        .unwrap();
    let ob = cert.obligations.iter().find(|o| o.id == os.id).unwrap();
    let domain = vec![(
        "K".to_string(),
        twostep::cert::Endpoint::parse("1").unwrap(),
        false,
        twostep::cert::Endpoint::KStar,
        true,
    )];
    c.bench_function("checker: one sign obligation (16 cells)", |bn| {
        bn.iter(|| twostep::check::rules::prove(os, black_box(&ob.proof), &domain))
    });
    c.bench_function("certify theorem2 (search)", |bn| {
        bn.iter(|| twostep::claims::certify("theorem2").unwrap())
    });
}

fn product_and_neuron_steps(c: &mut Criterion) {
    use twostep::models::{neuron, product};
    let (k, x, y) = (iv(1.1, 1.1001), iv(0.7, 0.7001), iv(1.2, 1.2001));
    c.bench_function("product box step (inari)", |bn| {
        bn.iter(|| product::step(black_box(&k), black_box(&x), black_box(&y)))
    });
    let (kf, xf, yf) = (
        Fiv::new(1.1, 1.1001),
        Fiv::new(0.7, 0.7001),
        Fiv::new(1.2, 1.2001),
    );
    c.bench_function("product box step (Fiv)", |bn| {
        bn.iter(|| product::step(black_box(&kf), black_box(&xf), black_box(&yf)))
    });
    let s = neuron::State::new(iv(0.7, 0.7001), iv(0.8, 0.8001), iv(0.05, 0.0501));
    c.bench_function("neuron box step (inari, MPFR-free atan2)", |bn| {
        bn.iter(|| neuron::step(black_box(&k), black_box(&s)))
    });
    let sf = neuron::State::new(
        Fiv::new(0.7, 0.7001),
        Fiv::new(0.8, 0.8001),
        Fiv::new(0.05, 0.0501),
    );
    c.bench_function("neuron box step (Fiv)", |bn| {
        bn.iter(|| neuron::step(black_box(&kf), black_box(&sf)))
    });
    let q = |a: &str, b: &str| QI::new(parse(a).unwrap(), parse(b).unwrap());
    let sq = neuron::State::new(q("0.7", "0.7001"), q("0.8", "0.8001"), q("0.05", "0.0501"));
    let kq = q("1.1", "1.1001");
    c.bench_function("neuron box step (checker, exact + MPFR)", |bn| {
        bn.iter(|| neuron::step(black_box(&kq), black_box(&sq)))
    });
}

/// End to end (a few seconds per run, 10 samples), on a pool of one thread and on a pool
/// of two, side by side: their ratio is the parallel speedup of the search.
fn certify_theorem4(c: &mut Criterion) {
    let mut g = c.benchmark_group("certify theorem4 (search)");
    g.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        g.bench_function(format!("{threads} thread(s)"), |bn| {
            bn.iter(|| pool.install(|| twostep::claims::certify("theorem4").unwrap()))
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    basic_ops,
    quartic_steps,
    product_and_neuron_steps,
    checker,
    certify_theorem4
);
criterion_main!(benches);
