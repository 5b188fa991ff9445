//! The speed limit of a neuron box step: how many interval operations one step of
//! (77)-(80) performs (counted by running the generic map on the `Counted` engine), what a
//! basic `Fiv` add and multiply cost, and how close the measured step is to that bound.
//! Run: `cargo run --release --example box_step_limit`.

use std::hint::black_box;
use std::time::Instant;
use twostep::arith::count::{self, Counted};
use twostep::arith::fiv::Fiv;
use twostep::arith::Real;
use twostep::models::neuron::{step, State};

fn time_per_call(mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..7 {
        let n = 200_000;
        let t0 = Instant::now();
        for _ in 0..n {
            f();
        }
        best = best.min(t0.elapsed().as_secs_f64() / n as f64);
    }
    best * 1e9
}

fn main() {
    count::reset();
    let _ = step(
        &Counted(1.05),
        &State::new(Counted(0.7), Counted(0.8), Counted(0.05)),
    );
    let counts = count::counts();
    println!("operations in one neuron step (77)-(80): {counts:?}");
    let (a, b) = (Fiv::new(0.7, 0.7001), Fiv::new(1.05, 1.0501));
    let add = time_per_call(|| {
        black_box(black_box(a) + black_box(b));
    });
    let mul = time_per_call(|| {
        black_box(black_box(a) * black_box(b));
    });
    let div = time_per_call(|| {
        black_box(black_box(a) / black_box(b));
    });
    let atan2 = time_per_call(|| {
        black_box(black_box(a).atan2(&black_box(b)));
    });
    let k = Fiv::new(1.05, 1.0501);
    let s = State::new(
        Fiv::new(0.7, 0.7001),
        Fiv::new(0.8, 0.8001),
        Fiv::new(0.05, 0.0501),
    );
    let stepped = time_per_call(|| {
        black_box(step(black_box(&k), black_box(&s)));
    });
    let c = |op: &str| *counts.get(op).unwrap_or(&0) as f64;
    let ring = c("add") + c("sub") + c("neg") + c("mul") + c("sqr");
    let bound = (c("add") + c("sub") + c("neg")) * add
        + (c("mul") + c("sqr")) * mul
        + c("div") * div
        + c("atan2") * atan2;
    println!("Fiv add {add:.1} ns, mul {mul:.1} ns, div {div:.1} ns, atan2 {atan2:.1} ns");
    println!(
        "{ring} ring operations, {} divisions, {} atan2",
        c("div"),
        c("atan2")
    );
    println!("sum of the operations' costs: {bound:.0} ns; measured step: {stepped:.0} ns ({:.2}x the sum)", stepped / bound);
}
