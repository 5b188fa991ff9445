//! Fast rigorous enclosures of atan and atan2, without MPFR, for any interval type with
//! outward-rounded `+ − × ÷` (inari's [`inari::Interval`] and [`super::fiv::Fiv`]).
//!
//! * reduction to t ∈ [0, 1] by atan(−x) = −atan(x) and atan(x) = π/2 − atan(1/x);
//! * a table point c = j/64 nearest t, with atan(c) enclosed once by inari (MPFR), and
//!   atan(t) = atan(c) + atan(u), u = (t − c)/(1 + t c), |u| ≤ 1/128 (up to rounding);
//! * atan(u) = u − u³/3 + u⁵/5 − u⁷/7 + R, an alternating series with decreasing terms,
//!   so |R| ≤ |u|⁹/9; u and the series are computed in plain `f64` and their rounding
//!   errors are bounded a priori and added (see [`atan_unit`]), then atan(c) is added
//!   with outward rounding.
//!
//! So the result encloses the true value. atan is increasing, so over [a, b] the range is [lower end of the enclosure at
//! a, upper end of the enclosure at b]. atan2 over a box uses atan(y/x) for x > 0,
//! π/2 − atan(x/y) for y > 0 and −π/2 − atan(x/y) for y < 0 (each exact over the box by
//! the monotonicity of atan) and falls back to inari's atan2 otherwise. Tested against
//! MPFR at 256 bits and the IEEE 1788 vectors.

use inari::Interval;
use std::ops::{Add, Div, Mul, Neg, Sub};
use std::sync::OnceLock;

const TABLE_STEPS: usize = 64;

/// What the algorithm needs of an interval type.
pub trait Bounds:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// `[lo, hi]` (the whole line if not ordered).
    fn from_bounds(lo: f64, hi: f64) -> Self;
    /// Lower end (`NaN` or −∞ allowed for empty/unbounded).
    fn lo(self) -> f64;
    /// Upper end.
    fn hi(self) -> f64;
    /// From an inari interval.
    fn from_inari(x: Interval) -> Self;
    /// To an inari interval.
    fn to_inari(self) -> Interval;
}

impl Bounds for Interval {
    fn from_bounds(lo: f64, hi: f64) -> Self {
        Interval::try_from((lo, hi)).unwrap_or(Interval::ENTIRE)
    }
    fn lo(self) -> f64 {
        self.inf()
    }
    fn hi(self) -> f64 {
        self.sup()
    }
    fn from_inari(x: Interval) -> Self {
        x
    }
    fn to_inari(self) -> Interval {
        self
    }
}

impl Bounds for super::fiv::Fiv {
    fn from_bounds(lo: f64, hi: f64) -> Self {
        super::fiv::Fiv::new(lo, hi)
    }
    fn lo(self) -> f64 {
        self.inf()
    }
    fn hi(self) -> f64 {
        self.sup()
    }
    fn from_inari(x: Interval) -> Self {
        super::fiv::Fiv::from_inari(x)
    }
    fn to_inari(self) -> Interval {
        super::fiv::Fiv::to_inari(self)
    }
}

fn point<B: Bounds>(x: f64) -> B {
    B::from_bounds(x, x)
}

/// (lo, hi) of atan(j/64), j = 0..=64, enclosed once by inari (MPFR).
fn table() -> &'static [(f64, f64); TABLE_STEPS + 1] {
    static T: OnceLock<[(f64, f64); TABLE_STEPS + 1]> = OnceLock::new();
    T.get_or_init(|| {
        std::array::from_fn(|j| {
            let a =
                Interval::try_from((j as f64 / TABLE_STEPS as f64, j as f64 / TABLE_STEPS as f64))
                    .unwrap()
                    .atan();
            (a.inf(), a.sup())
        })
    })
}

/// An enclosure of atan(t) for the point t ∈ [0, 1].
///
/// Take the table point c = j/64 nearest t and u = (t − c)/(1 + t c), |u| ≤ 1/128, so that
/// atan(t) = atan(c) + atan(u). Everything below is plain `f64` in round-to-nearest, with
/// its error bounded and added (unit roundoff u₀ = 2⁻⁵³):
///
/// * for j ≥ 1, t ∈ [c/2, 2c], so t − c is exact (Sterbenz); fl(t c), fl(1 + ·) and the
///   division each err by at most u₀ relatively, and 1 + t c ≥ 1, so the computed û has
///   |û − u| ≤ (1 + u₀)/(1 − u₀)² − 1 < 3.01 u₀ |u| (0.76·2⁻⁵¹ |u|); for j = 0, û = u = t;
/// * S(x) = x (1 − x²/3 + x⁴/5 − x⁶/7) evaluated in `f64` errs by at most 2.01 u₀ |û|
///   (the final product and the subtraction from 1; x² ≤ 2⁻¹⁴ makes the inner terms'
///   errors smaller than u₀ 2⁻¹³ |û|), and |S(û) − S(u)| ≤ |û − u| since 0 ≤ S' ≤ 1 there;
/// * |atan(u) − S(u)| ≤ |u|⁹/9 (alternating series with decreasing terms).
///
/// So |atan(u) − Ŝ| ≤ 1.27·2⁻⁵¹ |û| + |û|⁹/9 (1 + 2⁻⁵⁰), and for j = 0 at most
/// 0.51·2⁻⁵¹ |û| + |û|⁹/9. The code adds e = (r |û| + |û|⁹/8)(1 + 2⁻⁴⁰) + (least normal
/// number), r = 2⁻⁵⁰ (j ≥ 1) or 2⁻⁵¹ (j = 0), which also covers the rounding of e itself
/// and underflow, then adds atan(c)'s enclosure with outward rounding.
fn atan_unit<B: Bounds>(t: f64) -> B {
    let j = (t * TABLE_STEPS as f64)
        .round()
        .clamp(0.0, TABLE_STEPS as f64) as usize;
    let c = j as f64 / TABLE_STEPS as f64; // exact: j/64 is dyadic
    let u = if j == 0 { t } else { (t - c) / (1.0 + t * c) };
    let z = u * u;
    let s = u * (1.0 - z * (1.0 / 3.0 - z * (1.0 / 5.0 - z * (1.0 / 7.0))));
    let m = u.abs();
    let m2 = m * m;
    let m4 = m2 * m2;
    let rel = if j == 0 {
        2f64.powi(-51)
    } else {
        2f64.powi(-50)
    };
    let e = if m == 0.0 {
        0.0
    } else {
        (m * rel + m4 * m4 * m / 8.0) * (1.0 + 2f64.powi(-40)) + f64::MIN_POSITIVE
    };
    let (tl, th) = table()[j];
    B::from_bounds(tl, th) + B::from_bounds(s, s) + B::from_bounds(-e, e)
}

/// An enclosure of atan over `[t1, t2] ⊆ [0, 1]` (atan is increasing).
fn atan_unit_range<B: Bounds>(t1: f64, t2: f64) -> B {
    let lo: B = atan_unit(t1);
    if t1 == t2 {
        return lo;
    }
    let hi: B = atan_unit(t2);
    B::from_bounds(lo.lo(), hi.hi())
}

/// An enclosure of atan over `[a, b]`, `0 ≤ a ≤ b`.
fn atan_nonneg<B: Bounds>(a: f64, b: f64) -> B {
    let half_pi = B::from_inari(Interval::FRAC_PI_2);
    if b <= 1.0 {
        return atan_unit_range(a, b);
    }
    if a >= 1.0 {
        // atan(x) = π/2 − atan(1/x); 1/x over [a, b] lies in [1/b, 1/a], enclosed outward.
        let r = point::<B>(1.0) / B::from_bounds(a, b);
        let inner: B = if b.is_infinite() {
            atan_unit_range(0.0, r.hi().min(1.0))
        } else {
            atan_unit_range(r.lo().max(0.0), r.hi().min(1.0))
        };
        return half_pi - inner;
    }
    let lo: B = atan_unit(a);
    let hi: B = atan_nonneg(1.0, b);
    B::from_bounds(lo.lo(), hi.hi())
}

/// A rigorous enclosure of atan over `x`.
pub fn atan<B: Bounds>(x: B) -> B {
    let (a, b) = (x.lo(), x.hi());
    if a.is_nan() || b.is_nan() || a > b {
        return x;
    }
    let half = Interval::FRAC_PI_2.sup();
    let v: B = if a >= 0.0 {
        atan_nonneg(a, b)
    } else if b <= 0.0 {
        -atan_nonneg::<B>(-b, -a)
    } else {
        let lo = -atan_nonneg::<B>(0.0, -a);
        let hi: B = atan_nonneg(0.0, b);
        B::from_bounds(lo.lo(), hi.hi())
    };
    B::from_bounds(v.lo().max(-half), v.hi().min(half))
}

/// A rigorous enclosure of atan2(y, x) over the box `y × x`.
pub fn atan2<B: Bounds>(y: B, x: B) -> B {
    let half_pi = B::from_inari(Interval::FRAC_PI_2);
    if x.lo() > 0.0 {
        atan(y / x)
    } else if y.lo() > 0.0 {
        half_pi - atan(x / y)
    } else if y.hi() < 0.0 {
        -half_pi - atan(x / y)
    } else {
        B::from_inari(y.to_inari().atan2(x.to_inari()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64) -> Interval {
        Interval::try_from((x, x)).unwrap()
    }

    #[test]
    fn known_values() {
        let one = atan(p(1.0));
        assert!(one.contains(std::f64::consts::FRAC_PI_4));
        assert!(one.wid() < 1e-15);
        let a = atan2(p(1.0), p(-1.0));
        assert!(a.contains(3.0 * std::f64::consts::FRAC_PI_4) && a.wid() < 1e-15);
        let z = atan(p(0.0));
        assert_eq!((z.inf(), z.sup()), (0.0, 0.0));
    }

    #[test]
    fn a_wrong_value_is_not_contained() {
        let v = atan(p(0.5));
        assert!(!v.contains(0.5f64.atan() + 1e-12));
    }
}
