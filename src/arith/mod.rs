//! Arithmetic engines behind one small number trait.
//!
//! The paper's maps are written once, generic over [`Field`] (ring operations,
//! division, exact rational constants), [`Sqrt`] and [`Real`] (sin, cos, atan2, π).
//! Four engines implement them:
//!
//! * `f64`: plain floating point, for simulation only; it proves nothing.
//! * [`inari::Interval`]: the fast search engine; every operation rounds outward.
//! * [`exact::QI`]: the checker's engine; intervals with exact rational endpoints,
//!   exact for +, −, ×, ÷ and rounded outward through MPFR for sqrt, sin, cos, atan2, π.
//! * [`sym::Sym`]: exact rational functions with square-root symbols, used to prove
//!   algebraic identities.

use std::ops::{Add, Div, Mul, Neg, Sub};

pub mod count;
pub mod exact;
pub mod fast;
pub mod fiv;
pub mod float;
pub mod interval;
pub mod q;
pub mod sym;

pub use q::Q;

/// Ring operations, division and exact rational constants.
pub trait Field:
    Clone
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The rational `q`, enclosed (interval engines) or rounded (f64).
    fn from_q(q: &Q) -> Self;

    /// The integer `n`.
    fn int(n: i64) -> Self {
        Self::from_q(&Q::from(n))
    }

    /// The rational `p/q`.
    fn ratio(p: i64, q: i64) -> Self {
        Self::from_q(&Q::from((p, q)))
    }

    /// `self²`.
    fn sqr(&self) -> Self {
        self.clone() * self.clone()
    }

    /// `selfⁿ` by repeated multiplication (`n ≥ 1`; `self⁰ = 1`).
    fn powi(&self, n: u32) -> Self {
        let mut acc = Self::int(1);
        for _ in 0..n {
            acc = acc * self.clone();
        }
        acc
    }
}

/// A [`Field`] with a square root.
pub trait Sqrt: Field {
    /// `√self`.
    fn sqrt(&self) -> Self;
}

/// A [`Sqrt`] engine with the transcendental functions the neuron model needs.
pub trait Real: Sqrt {
    /// `sin(self)`.
    fn sin(&self) -> Self;
    /// `cos(self)`.
    fn cos(&self) -> Self;
    /// `atan2(self, x)`: the angle of the point `(x, self)`, in `(−π, π]`.
    fn atan2(&self, x: &Self) -> Self;
    /// `π`.
    fn pi() -> Self;
}
