//! `Fiv`: a fast interval type on `f64` that rounds outward without changing the FPU
//! rounding mode.
//!
//! Every result is computed in the default round-to-nearest mode and its exact error is
//! recovered with an error-free transformation (TwoSum for + and −, a fused multiply-add
//! for ×, ÷ and √). The endpoint is then moved one step outward (`next_down` /
//! `next_up`) exactly when the rounded value lies on the wrong side of the true one, so
//! each endpoint is the correctly directed rounding, as with a switched rounding mode.
//! Where the error term itself could be inexact (results near the underflow threshold,
//! or overflow), the endpoint is moved outward unconditionally. Anything undefined
//! (division by an interval holding 0, √ of an interval reaching below 0, infinities)
//! gives the whole line, from which nothing can be proved.
//!
//! sin and cos are delegated to inari (MPFR); atan2 uses [`super::fast`].

use super::{Field, Real, Sqrt, Q};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// A closed interval `[lo, hi]` of `f64` (the whole line when unbounded).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fiv {
    lo: f64,
    hi: f64,
}

const TINY: f64 = 1e-290;

/// The whole line.
pub const ENTIRE: Fiv = Fiv {
    lo: f64::NEG_INFINITY,
    hi: f64::INFINITY,
};

impl Fiv {
    /// `[lo, hi]`; the whole line if the ends are not ordered numbers.
    pub fn new(lo: f64, hi: f64) -> Fiv {
        if lo <= hi {
            Fiv { lo, hi }
        } else {
            ENTIRE
        }
    }
    /// The point interval `[x, x]`.
    pub fn point(x: f64) -> Fiv {
        Fiv::new(x, x)
    }
    /// Lower end.
    pub fn inf(self) -> f64 {
        self.lo
    }
    /// Upper end.
    pub fn sup(self) -> f64 {
        self.hi
    }
    /// `max(|lo|, |hi|)`.
    pub fn mag(self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }
    /// Whether this is the whole line (or otherwise unbounded).
    pub fn is_unbounded(self) -> bool {
        !(self.lo.is_finite() && self.hi.is_finite())
    }
    /// The smallest interval holding both.
    pub fn hull(self, o: Fiv) -> Fiv {
        Fiv {
            lo: self.lo.min(o.lo),
            hi: self.hi.max(o.hi),
        }
    }
    /// As an inari interval (same endpoints).
    pub fn to_inari(self) -> inari::Interval {
        inari::Interval::try_from((self.lo, self.hi)).unwrap_or(inari::Interval::ENTIRE)
    }
    /// From an inari interval (same endpoints).
    pub fn from_inari(x: inari::Interval) -> Fiv {
        if x.is_empty() {
            ENTIRE
        } else {
            Fiv::new(x.inf(), x.sup())
        }
    }
}

/// Error of `s = a + b` (TwoSum): `a + b = s + e` exactly when no overflow occurs.
fn two_sum_err(a: f64, b: f64, s: f64) -> f64 {
    let bb = s - a;
    (a - (s - bb)) + (b - bb)
}

/// The next `f64` below the finite `s` (bit arithmetic; the caller selects it without a
/// data-dependent branch, which matters in long streams of box steps).
#[inline(always)]
fn below(s: f64) -> f64 {
    if s == 0.0 {
        return -f64::from_bits(1);
    }
    let b = s.to_bits();
    f64::from_bits(if s > 0.0 { b - 1 } else { b + 1 })
}

/// The next `f64` above the finite `s`.
#[inline(always)]
fn above(s: f64) -> f64 {
    -below(-s)
}

/// `lo` when `cond`, else `hi`, without a branch.
#[inline(always)]
fn pick(cond: bool, yes: f64, no: f64) -> f64 {
    let m = (cond as u64).wrapping_neg();
    f64::from_bits((yes.to_bits() & m) | (no.to_bits() & !m))
}

fn finite_or(x: f64, fallback: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        fallback
    }
}

fn add_down(a: f64, b: f64) -> f64 {
    let s = a + b;
    if !s.is_finite() {
        return if s == f64::INFINITY && a.is_finite() && b.is_finite() {
            f64::MAX
        } else {
            finite_or(s, f64::NEG_INFINITY)
        };
    }
    pick(two_sum_err(a, b, s) < 0.0, below(s), s)
}

fn add_up(a: f64, b: f64) -> f64 {
    let s = a + b;
    if !s.is_finite() {
        return if s == f64::NEG_INFINITY && a.is_finite() && b.is_finite() {
            f64::MIN
        } else {
            finite_or(s, f64::INFINITY)
        };
    }
    pick(two_sum_err(a, b, s) > 0.0, above(s), s)
}

fn mul_down(a: f64, b: f64) -> f64 {
    let p = a * b;
    if !p.is_finite() {
        return if p == f64::INFINITY {
            f64::MAX
        } else {
            f64::NEG_INFINITY
        };
    }
    if p.abs() < TINY {
        return if p == 0.0 && (a == 0.0 || b == 0.0) {
            0.0
        } else {
            p.next_down()
        };
    }
    pick(a.mul_add(b, -p) < 0.0, below(p), p)
}

fn mul_up(a: f64, b: f64) -> f64 {
    let p = a * b;
    if !p.is_finite() {
        return if p == f64::NEG_INFINITY {
            f64::MIN
        } else {
            f64::INFINITY
        };
    }
    if p.abs() < TINY {
        return if p == 0.0 && (a == 0.0 || b == 0.0) {
            0.0
        } else {
            p.next_up()
        };
    }
    pick(a.mul_add(b, -p) > 0.0, above(p), p)
}

/// Sign of `a/b − q` from the exact remainder `a − q b` (valid away from underflow).
fn div_err_sign(a: f64, b: f64, q: f64) -> f64 {
    let r = (-q).mul_add(b, a);
    if b > 0.0 {
        r
    } else {
        -r
    }
}

fn div_down(a: f64, b: f64) -> f64 {
    let q = a / b;
    if !q.is_finite() {
        return if q == f64::INFINITY {
            f64::MAX
        } else {
            f64::NEG_INFINITY
        };
    }
    if q.abs() < TINY || a.abs() < TINY || b.abs() < TINY {
        return if a == 0.0 { 0.0 } else { q.next_down() };
    }
    pick(div_err_sign(a, b, q) < 0.0, below(q), q)
}

fn div_up(a: f64, b: f64) -> f64 {
    let q = a / b;
    if !q.is_finite() {
        return if q == f64::NEG_INFINITY {
            f64::MIN
        } else {
            f64::INFINITY
        };
    }
    if q.abs() < TINY || a.abs() < TINY || b.abs() < TINY {
        return if a == 0.0 { 0.0 } else { q.next_up() };
    }
    pick(div_err_sign(a, b, q) > 0.0, above(q), q)
}

fn sqrt_down(x: f64) -> f64 {
    let s = x.sqrt();
    if x < TINY {
        return if x == 0.0 {
            0.0
        } else {
            s.next_down().max(0.0)
        };
    }
    if (-s).mul_add(s, x) < 0.0 {
        s.next_down()
    } else {
        s
    }
}

fn sqrt_up(x: f64) -> f64 {
    let s = x.sqrt();
    if !s.is_finite() {
        return f64::INFINITY;
    }
    if x < TINY {
        return if x == 0.0 { 0.0 } else { s.next_up() };
    }
    if (-s).mul_add(s, x) > 0.0 {
        s.next_up()
    } else {
        s
    }
}

impl Add for Fiv {
    type Output = Fiv;
    fn add(self, o: Fiv) -> Fiv {
        Fiv::new(add_down(self.lo, o.lo), add_up(self.hi, o.hi))
    }
}

impl Sub for Fiv {
    type Output = Fiv;
    fn sub(self, o: Fiv) -> Fiv {
        Fiv::new(add_down(self.lo, -o.hi), add_up(self.hi, -o.lo))
    }
}

impl Neg for Fiv {
    type Output = Fiv;
    fn neg(self) -> Fiv {
        Fiv {
            lo: -self.hi,
            hi: -self.lo,
        }
    }
}

impl Mul for Fiv {
    type Output = Fiv;
    fn mul(self, o: Fiv) -> Fiv {
        if self.is_unbounded() || o.is_unbounded() {
            return ENTIRE;
        }
        let (a, b, c, d) = (self.lo, self.hi, o.lo, o.hi);
        if a >= 0.0 && c >= 0.0 {
            return Fiv::new(mul_down(a, c), mul_up(b, d));
        }
        if b <= 0.0 && d <= 0.0 {
            return Fiv::new(mul_down(b, d), mul_up(a, c));
        }
        if a >= 0.0 && d <= 0.0 {
            return Fiv::new(mul_down(b, c), mul_up(a, d));
        }
        if b <= 0.0 && c >= 0.0 {
            return Fiv::new(mul_down(a, d), mul_up(b, c));
        }
        let lo = mul_down(a, c)
            .min(mul_down(a, d))
            .min(mul_down(b, c))
            .min(mul_down(b, d));
        let hi = mul_up(a, c)
            .max(mul_up(a, d))
            .max(mul_up(b, c))
            .max(mul_up(b, d));
        Fiv::new(lo, hi)
    }
}

impl Div for Fiv {
    type Output = Fiv;
    fn div(self, o: Fiv) -> Fiv {
        if self.is_unbounded() || o.is_unbounded() || (o.lo <= 0.0 && o.hi >= 0.0) {
            return ENTIRE;
        }
        let (a, b, c, d) = (self.lo, self.hi, o.lo, o.hi);
        let (lo, hi) = if c > 0.0 {
            if a >= 0.0 {
                (div_down(a, d), div_up(b, c))
            } else if b <= 0.0 {
                (div_down(a, c), div_up(b, d))
            } else {
                (div_down(a, c), div_up(b, c))
            }
        } else if a >= 0.0 {
            (div_down(b, d), div_up(a, c))
        } else if b <= 0.0 {
            (div_down(b, c), div_up(a, d))
        } else {
            (div_down(b, d), div_up(a, d))
        };
        Fiv::new(lo, hi)
    }
}

impl Field for Fiv {
    fn from_q(q: &Q) -> Self {
        Fiv::new(super::interval::f64_down(q), super::interval::f64_up(q))
    }
    fn int(n: i64) -> Self {
        if n.unsigned_abs() < (1u64 << 53) {
            Fiv::point(n as f64)
        } else {
            Self::from_q(&Q::from(n))
        }
    }
    fn ratio(p: i64, q: i64) -> Self {
        Self::int(p) / Self::int(q)
    }
    fn sqr(&self) -> Self {
        if self.is_unbounded() {
            return ENTIRE;
        }
        if self.lo >= 0.0 {
            Fiv::new(mul_down(self.lo, self.lo), mul_up(self.hi, self.hi))
        } else if self.hi <= 0.0 {
            Fiv::new(mul_down(self.hi, self.hi), mul_up(self.lo, self.lo))
        } else {
            let m = self.mag();
            Fiv::new(0.0, mul_up(m, m))
        }
    }
}

impl Sqrt for Fiv {
    fn sqrt(&self) -> Self {
        if self.lo < 0.0 || self.is_unbounded() {
            return ENTIRE;
        }
        Fiv::new(sqrt_down(self.lo), sqrt_up(self.hi))
    }
}

/// π enclosed by its two neighbouring `f64`.
pub const PI: Fiv = Fiv {
    lo: 3.141592653589793,
    hi: 3.1415926535897936,
};

impl Real for Fiv {
    fn sin(&self) -> Self {
        Fiv::from_inari(self.to_inari().sin())
    }
    fn cos(&self) -> Self {
        Fiv::from_inari(self.to_inari().cos())
    }
    fn atan2(&self, x: &Self) -> Self {
        super::fast::atan2(*self, *x)
    }
    fn pi() -> Self {
        PI
    }
}
