//! The fast atan and atan2 enclosures (`arith::fast`) against MPFR at 256 bits.

use inari::Interval;
use proptest::prelude::*;
use rug::float::Round;
use rug::{Float, Rational};
use twostep::arith::fast;

const PREC: u32 = 256;

/// atan2(y, x) at a float point, by MPFR at 256 bits (error far below 1e-60).
fn mpfr_atan2(y: f64, x: f64) -> Float {
    let mut v = Float::with_val(PREC, y);
    v.atan2_round(&Float::with_val(PREC, x), Round::Nearest);
    v
}

fn inside(iv: Interval, v: &Float) -> bool {
    let r = v.to_rational().unwrap();
    Rational::from_f64(iv.inf()).unwrap() <= r && Rational::from_f64(iv.sup()).unwrap() >= r
}

fn iv(a: f64, b: f64) -> Interval {
    Interval::try_from((a.min(b), a.max(b))).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn atan_encloses_mpfr_at_points(x in prop_oneof![-1e6f64..1e6, -2.0f64..2.0, -1e-6f64..1e-6]) {
        let v = fast::atan(iv(x, x));
        prop_assert!(inside(v, &mpfr_atan2(x, 1.0)), "atan({x}) ∉ {v:?}");
        prop_assert!(v.wid() <= 16.0 * f64::EPSILON * v.mag().max(1e-300), "atan({x}) too wide: {v:?}");
    }

    #[test]
    fn atan2_encloses_mpfr_over_boxes(y0 in -3.0f64..3.0, yw in 0.0f64..0.5, x0 in -3.0f64..3.0, xw in 0.0f64..0.5, ty in 0.0f64..=1.0, tx in 0.0f64..=1.0) {
        let (y, x) = (iv(y0, y0 + yw), iv(x0, x0 + xw));
        let v = fast::atan2(y, x);
        let vf = fast::atan2(twostep::arith::fiv::Fiv::from_inari(y), twostep::arith::fiv::Fiv::from_inari(x));
        let (py, px) = (y0 + yw * ty, x0 + xw * tx);
        prop_assume!(py <= y.sup() && px <= x.sup() && !(py == 0.0 && px == 0.0));
        prop_assert!(inside(v, &mpfr_atan2(py, px)), "atan2({py}, {px}) ∉ {v:?}");
        prop_assert!(inside(vf.to_inari(), &mpfr_atan2(py, px)), "Fiv atan2({py}, {px}) ∉ {vf:?}");
        // No wider than inari's (MPFR-based) enclosure by more than a few ulps.
        let reference = y.atan2(x);
        prop_assert!(v.inf() >= reference.inf() - 1e-14 && v.sup() <= reference.sup() + 1e-14, "{v:?} vs {reference:?}");
    }
}

#[test]
fn a_wrong_enclosure_fails_the_comparison() {
    let shifted = Interval::try_from((0.5f64.atan() + 1e-13, 0.5f64.atan() + 2e-13)).unwrap();
    assert!(!inside(shifted, &mpfr_atan2(0.5, 1.0)));
}
