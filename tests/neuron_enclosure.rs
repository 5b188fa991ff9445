//! The inari enclosure of one step of the neuron map contains the exact-engine value at
//! random points of random small boxes (and the check sees a shifted enclosure).

use inari::Interval;
use proptest::prelude::*;
use twostep::arith::exact::QI;
use twostep::arith::q::{from_f64, Q};
use twostep::neuron::propagate::{step_iv, step_qi};

fn iv(lo: f64, hi: f64) -> Interval {
    Interval::try_from((lo, hi)).unwrap()
}

fn contains(outer: Interval, inner: &QI) -> bool {
    match inner {
        QI::Bounded(l, h) => from_f64(outer.inf()) <= *l && *h <= from_f64(outer.sup()),
        QI::Entire => false,
    }
}

/// A box `[K, v, w_x, w_y]` of side `width·(1, s₁, s₂, s₃)` and a point in it.
fn box_and_point() -> impl Strategy<Value = ([Interval; 4], [Q; 4])> {
    (
        (1.0f64..1.1, 0.01f64..1.5, 0.01f64..1.5, -0.5f64..0.8),
        (
            1e-9f64..0.05,
            [0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0],
            [0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0],
        ),
    )
        .prop_map(|((k, v, x, y), (w, side, t))| {
            let lo = [k, v, x, y];
            let b: [Interval; 4] = std::array::from_fn(|i| iv(lo[i], lo[i] + w * side[i]));
            let p: [Q; 4] = std::array::from_fn(|i| {
                let (a, c) = (from_f64(b[i].inf()), from_f64(b[i].sup()));
                let tq = from_f64(t[i]);
                a.clone() + (c - a) * tq
            });
            (b, p)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn enclosure_contains_exact_value((b, p) in box_and_point()) {
        let img = step_iv(&b);
        let exact = step_qi(&std::array::from_fn(|i| QI::point(p[i].clone())));
        for i in 1..4 {
            prop_assert!(contains(img[i], &exact[i]), "coordinate {i}: {:?} does not contain {:?}", img[i], exact[i]);
        }
    }
}

#[test]
fn a_shifted_enclosure_is_caught() {
    let b = [iv(1.05, 1.05), iv(0.5, 0.5), iv(0.6, 0.6), iv(0.1, 0.1)];
    let img = step_iv(&b);
    let exact = step_qi(&[
        QI::point(from_f64(1.05)),
        QI::point(from_f64(0.5)),
        QI::point(from_f64(0.6)),
        QI::point(from_f64(0.1)),
    ]);
    assert!(contains(img[1], &exact[1]));
    let shifted = img[1] + iv(1e-9, 1e-9);
    assert!(!contains(shifted, &exact[1]));
}
