//! The checker's engine: intervals with exact rational endpoints.
//!
//! `+ − × ÷` are exact on the endpoints. `sqrt`, `sin`, `cos`, `atan2` and `π` are
//! computed by MPFR at [`PREC`] bits with directed rounding (down for a lower end, up
//! for an upper end), and the rounded values are taken back as exact rationals, so every
//! result contains the true range. Division by an interval that contains 0, or a square
//! root of an interval reaching below 0, gives [`QI::Entire`]: nothing can be proved
//! from it, and no operation panics. Endpoints whose size grows past [`MAX_BITS`] are
//! rounded outward to [`PREC`]-bit dyadic numbers.

use super::{Field, Real, Sqrt, Q};
use rug::float::{Constant, Round};
use rug::{Float, Integer};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// MPFR precision, in bits, of every rounded operation.
pub const PREC: u32 = 256;
/// Endpoints with a numerator or denominator longer than this are rounded outward.
pub const MAX_BITS: u32 = 2048;

/// A closed interval `[lo, hi]` with rational endpoints, or the whole real line.
#[derive(Clone, Debug, PartialEq)]
pub enum QI {
    /// `[lo, hi]`, `lo ≤ hi`.
    Bounded(Q, Q),
    /// The whole line: the result of an operation outside its domain.
    Entire,
}

impl QI {
    /// The interval `[lo, hi]`, or `Entire` when `lo > hi`.
    pub fn new(lo: Q, hi: Q) -> QI {
        if lo <= hi {
            QI::Bounded(lo, hi).trimmed()
        } else {
            QI::Entire
        }
    }

    /// The point interval `[q, q]`.
    pub fn point(q: Q) -> QI {
        QI::Bounded(q.clone(), q)
    }

    /// Lower end (`None` when unbounded).
    pub fn lo(&self) -> Option<&Q> {
        match self {
            QI::Bounded(l, _) => Some(l),
            QI::Entire => None,
        }
    }

    /// Upper end (`None` when unbounded).
    pub fn hi(&self) -> Option<&Q> {
        match self {
            QI::Bounded(_, h) => Some(h),
            QI::Entire => None,
        }
    }

    /// Every point is `> 0`.
    pub fn is_pos(&self) -> bool {
        self.lo().map_or(false, |l| *l > 0)
    }
    /// Every point is `≥ 0`.
    pub fn is_nonneg(&self) -> bool {
        self.lo().map_or(false, |l| *l >= 0)
    }
    /// Every point is `< 0`.
    pub fn is_neg(&self) -> bool {
        self.hi().map_or(false, |h| *h < 0)
    }
    /// Every point is `≤ 0`.
    pub fn is_nonpos(&self) -> bool {
        self.hi().map_or(false, |h| *h <= 0)
    }

    /// `self ⊆ [lo, hi]`.
    pub fn within(&self, lo: &Q, hi: &Q) -> bool {
        match self {
            QI::Bounded(l, h) => l >= lo && h <= hi,
            QI::Entire => false,
        }
    }

    /// `self` lies in the open interval `(lo, hi)`.
    pub fn strictly_within(&self, lo: &Q, hi: &Q) -> bool {
        match self {
            QI::Bounded(l, h) => l > lo && h < hi,
            QI::Entire => false,
        }
    }

    /// The midpoint (`None` when unbounded).
    pub fn mid(&self) -> Option<Q> {
        match self {
            QI::Bounded(l, h) => Some((l.clone() + h) / 2),
            QI::Entire => None,
        }
    }

    /// `hi − lo` (`None` when unbounded).
    pub fn width(&self) -> Option<Q> {
        match self {
            QI::Bounded(l, h) => Some(h.clone() - l),
            QI::Entire => None,
        }
    }

    /// The smallest interval containing both.
    pub fn hull(&self, other: &QI) -> QI {
        match (self, other) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => {
                QI::Bounded(a.clone().min(c.clone()), b.clone().max(d.clone()))
            }
            _ => QI::Entire,
        }
    }

    /// The intersection, `None` when empty.
    pub fn intersect(&self, other: &QI) -> Option<QI> {
        match (self, other) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => {
                let lo = a.clone().max(c.clone());
                let hi = b.clone().min(d.clone());
                (lo <= hi).then(|| QI::Bounded(lo, hi))
            }
            (QI::Entire, x) | (x, QI::Entire) => Some(x.clone()),
        }
    }

    /// `|x|` over the interval.
    pub fn abs(&self) -> QI {
        match self {
            QI::Bounded(l, h) => {
                if *l >= 0 {
                    self.clone()
                } else if *h <= 0 {
                    QI::Bounded(-h.clone(), -l.clone())
                } else {
                    QI::Bounded(Q::new(), (-l.clone()).max(h.clone()))
                }
            }
            QI::Entire => QI::Entire,
        }
    }

    fn trimmed(self) -> QI {
        match self {
            QI::Bounded(l, h) => {
                let big = |q: &Q| {
                    q.numer().significant_bits() > MAX_BITS
                        || q.denom().significant_bits() > MAX_BITS
                };
                let l = if big(&l) { round_q(&l, Round::Down) } else { l };
                let h = if big(&h) { round_q(&h, Round::Up) } else { h };
                QI::Bounded(l, h)
            }
            e => e,
        }
    }
}

/// `q` rounded to a [`PREC`]-bit float in direction `r`, as an exact rational.
pub fn round_q(q: &Q, r: Round) -> Q {
    let f = Float::with_val_round(PREC, q, r).0;
    float_to_q(&f)
}

fn float_to_q(f: &Float) -> Q {
    f.to_rational().unwrap_or_default()
}

fn float_down(q: &Q) -> Float {
    Float::with_val_round(PREC, q, Round::Down).0
}

fn float_up(q: &Q) -> Float {
    Float::with_val_round(PREC, q, Round::Up).0
}

/// An enclosure of π.
pub fn pi_bounds() -> (Q, Q) {
    let lo = Float::with_val_round(PREC, Constant::Pi, Round::Down).0;
    let hi = Float::with_val_round(PREC, Constant::Pi, Round::Up).0;
    (float_to_q(&lo), float_to_q(&hi))
}

impl Add for QI {
    type Output = QI;
    fn add(self, rhs: QI) -> QI {
        match (self, rhs) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => QI::Bounded(a + c, b + d).trimmed(),
            _ => QI::Entire,
        }
    }
}

impl Sub for QI {
    type Output = QI;
    fn sub(self, rhs: QI) -> QI {
        match (self, rhs) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => QI::Bounded(a - d, b - c).trimmed(),
            _ => QI::Entire,
        }
    }
}

impl Neg for QI {
    type Output = QI;
    fn neg(self) -> QI {
        match self {
            QI::Bounded(a, b) => QI::Bounded(-b, -a),
            QI::Entire => QI::Entire,
        }
    }
}

fn min_max(v: [Q; 4]) -> (Q, Q) {
    let mut lo = v[0].clone();
    let mut hi = v[0].clone();
    for x in &v[1..] {
        if *x < lo {
            lo = x.clone();
        }
        if *x > hi {
            hi = x.clone();
        }
    }
    (lo, hi)
}

impl Mul for QI {
    type Output = QI;
    fn mul(self, rhs: QI) -> QI {
        match (self, rhs) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => {
                let (lo, hi) = min_max([
                    a.clone() * &c,
                    a.clone() * &d,
                    b.clone() * &c,
                    b.clone() * &d,
                ]);
                QI::Bounded(lo, hi).trimmed()
            }
            _ => QI::Entire,
        }
    }
}

impl Div for QI {
    type Output = QI;
    fn div(self, rhs: QI) -> QI {
        match (self, rhs) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => {
                if c <= 0 && d >= 0 {
                    return QI::Entire;
                }
                let (lo, hi) = min_max([
                    a.clone() / &c,
                    a.clone() / &d,
                    b.clone() / &c,
                    b.clone() / &d,
                ]);
                QI::Bounded(lo, hi).trimmed()
            }
            _ => QI::Entire,
        }
    }
}

impl Field for QI {
    fn from_q(q: &Q) -> Self {
        QI::point(q.clone())
    }
    fn sqr(&self) -> Self {
        match self {
            QI::Bounded(..) => {
                let a = self.abs();
                a.clone() * a
            }
            QI::Entire => QI::Entire,
        }
    }
}

impl Sqrt for QI {
    fn sqrt(&self) -> Self {
        match self {
            QI::Bounded(l, h) if *l >= 0 => {
                let mut lo = float_down(l);
                lo.sqrt_round(Round::Down);
                let mut hi = float_up(h);
                hi.sqrt_round(Round::Up);
                QI::Bounded(float_to_q(&lo), float_to_q(&hi))
            }
            _ => QI::Entire,
        }
    }
}

/// `sin` (when `cosine` is false) or `cos` of the point `x`, rounded in direction `r`.
///
/// The argument is first rounded to a float; the error this makes, at most
/// `2^(1−PREC)·|x|`, is added outward (both functions are 1-Lipschitz).
fn trig_point(x: &Q, cosine: bool, r: Round) -> Q {
    let xf = Float::with_val_round(PREC, x, Round::Nearest).0;
    let mut v = xf.clone();
    if cosine {
        v.cos_round(r);
    } else {
        v.sin_round(r);
    }
    let slack = x.clone().abs() * Q::from((1, Integer::from(1) << (PREC - 1)))
        + Q::from((1, Integer::from(1) << PREC));
    let v = float_to_q(&v);
    match r {
        Round::Down => v - slack,
        _ => v + slack,
    }
}

/// Whether some integer `k` can make `c + k·period` (with `c = c_num·π`, `period = 2π`)
/// lie in `[lo, hi]`; errs on the side of `true`.
fn may_contain(lo: &Q, hi: &Q, c_num: &Q) -> bool {
    let (pl, ph) = pi_bounds();
    // k ∈ [(lo − c)/(2π), (hi − c)/(2π)], bounded outward over π ∈ [pl, ph].
    let c_lo = min2(c_num.clone() * &pl, c_num.clone() * &ph);
    let c_hi = max2(c_num.clone() * &pl, c_num.clone() * &ph);
    let a = lo.clone() - c_hi;
    let b = hi.clone() - c_lo;
    let two_pl = pl * 2u32;
    let two_ph = ph * 2u32;
    let k_lo = min2(a.clone() / &two_pl, a / &two_ph);
    let k_hi = max2(b.clone() / &two_pl, b / &two_ph);
    k_lo.ceil() <= k_hi.floor()
}

fn min2(a: Q, b: Q) -> Q {
    if a <= b {
        a
    } else {
        b
    }
}
fn max2(a: Q, b: Q) -> Q {
    if a >= b {
        a
    } else {
        b
    }
}

fn trig(x: &QI, cosine: bool) -> QI {
    let (l, h) = match x {
        QI::Bounded(l, h) => (l, h),
        QI::Entire => return QI::new(Q::from(-1), Q::from(1)),
    };
    let (pl, _) = pi_bounds();
    let one = Q::from(1);
    if h.clone() - l >= pl * 2u32 {
        return QI::Bounded(-one.clone(), one);
    }
    let a_lo = trig_point(l, cosine, Round::Down);
    let a_hi = trig_point(l, cosine, Round::Up);
    let b_lo = trig_point(h, cosine, Round::Down);
    let b_hi = trig_point(h, cosine, Round::Up);
    let mut lo = min2(a_lo, b_lo);
    let mut hi = max2(a_hi, b_hi);
    // Maxima of sin at π/2 + 2kπ, minima at −π/2 + 2kπ; of cos at 2kπ and π + 2kπ.
    let (max_at, min_at) = if cosine {
        (Q::new(), Q::from(1))
    } else {
        (Q::from((1, 2)), Q::from((-1, 2)))
    };
    if may_contain(l, h, &max_at) {
        hi = one.clone();
    }
    if may_contain(l, h, &min_at) {
        lo = -one.clone();
    }
    QI::Bounded(max2(lo, -one.clone()), min2(hi, one))
}

/// `atan2(y, x)` of the point `(x, y)`, rounded in direction `r`, with the error of
/// rounding the arguments added outward (`|∇atan2| = 1/r`, r the distance to the origin).
fn atan2_point(y: &Q, x: &Q, r: Round) -> Q {
    let yf = Float::with_val_round(PREC, y, Round::Nearest).0;
    let xf = Float::with_val_round(PREC, x, Round::Nearest).0;
    let mut v = yf;
    v.atan2_round(&xf, r);
    let v = float_to_q(&v);
    // Rounding to nearest moves each coordinate by at most 2^−PREC of itself, so the
    // point moves by at most 2^−PREC (|x| + |y|) ≤ 2^(1/2−PREC) r, and the angle by at
    // most that over the least distance to the origin (≥ r/2): below 2^(3−PREC).
    let slack = Q::from((1, Integer::from(1) << (PREC - 3)));
    match r {
        Round::Down => v - slack,
        _ => v + slack,
    }
}

impl Real for QI {
    fn sin(&self) -> Self {
        trig(self, false)
    }
    fn cos(&self) -> Self {
        trig(self, true)
    }
    fn atan2(&self, x: &Self) -> Self {
        let (_, ph) = pi_bounds();
        let whole = QI::Bounded(-ph.clone(), ph.clone());
        let ((yl, yh), (xl, xh)) = match (self, x) {
            (QI::Bounded(a, b), QI::Bounded(c, d)) => ((a, b), (c, d)),
            _ => return whole,
        };
        let contains_origin = *yl <= 0 && *yh >= 0 && *xl <= 0 && *xh >= 0;
        // The branch cut is the half-line y = 0, x < 0, approached from y < 0.
        let crosses_cut = *xl < 0 && *yl < 0 && *yh >= 0;
        if contains_origin || crosses_cut {
            return whole;
        }
        // Off the origin and the cut, the angle over a box is extreme at a corner.
        let corners = [(yl, xl), (yl, xh), (yh, xl), (yh, xh)];
        let mut lo: Option<Q> = None;
        let mut hi: Option<Q> = None;
        for (cy, cx) in corners {
            let d = atan2_point(cy, cx, Round::Down);
            let u = atan2_point(cy, cx, Round::Up);
            lo = Some(lo.map_or(d.clone(), |l| min2(l, d)));
            hi = Some(hi.map_or(u.clone(), |h| max2(h, u)));
        }
        QI::Bounded(max2(lo.unwrap(), -ph.clone()), min2(hi.unwrap(), ph))
    }
    fn pi() -> Self {
        let (l, h) = pi_bounds();
        QI::Bounded(l, h)
    }
}
