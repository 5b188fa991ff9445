//! The search engine: [`inari::Interval`], every operation rounded outward.
//! atan2 uses the MPFR-free enclosure of [`super::fast`].

use super::{Field, Real, Sqrt, Q};
use inari::Interval;
use rug::float::Round;
use rug::Float;

/// The largest `f64` not above `q`.
pub fn f64_down(q: &Q) -> f64 {
    Float::with_val_round(53, q, Round::Down)
        .0
        .to_f64_round(Round::Down)
}

/// The smallest `f64` not below `q`.
pub fn f64_up(q: &Q) -> f64 {
    Float::with_val_round(53, q, Round::Up)
        .0
        .to_f64_round(Round::Up)
}

/// The tightest `f64` interval containing `[lo, hi]`.
pub fn enclose(lo: &Q, hi: &Q) -> Interval {
    Interval::try_from((f64_down(lo), f64_up(hi))).unwrap_or(Interval::ENTIRE)
}

impl Field for Interval {
    fn from_q(q: &Q) -> Self {
        enclose(q, q)
    }
    fn int(n: i64) -> Self {
        if n.unsigned_abs() < (1u64 << 53) {
            Interval::try_from((n as f64, n as f64)).unwrap()
        } else {
            Self::from_q(&Q::from(n))
        }
    }
    fn ratio(p: i64, q: i64) -> Self {
        Self::int(p) / Self::int(q)
    }
    fn sqr(&self) -> Self {
        Interval::sqr(*self)
    }
}

impl Sqrt for Interval {
    fn sqrt(&self) -> Self {
        Interval::sqrt(*self)
    }
}

impl Real for Interval {
    fn sin(&self) -> Self {
        Interval::sin(*self)
    }
    fn cos(&self) -> Self {
        Interval::cos(*self)
    }
    fn atan2(&self, x: &Self) -> Self {
        super::fast::atan2(*self, *x)
    }
    fn pi() -> Self {
        Interval::PI
    }
}
