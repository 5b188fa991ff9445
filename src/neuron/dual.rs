//! Forward-mode derivatives over any engine: a value and its gradient with respect to
//! the four box variables (K, v, w_x, w_y). Over an interval engine, evaluating the map
//! on a box gives an enclosure of its Jacobian there, for the mean-value form.

use crate::arith::{Field, Real, Sqrt, Q};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// Number of variables differentiated.
pub const N: usize = 4;

/// A value with its gradient.
#[derive(Clone, Debug)]
pub struct Dual<T> {
    /// The value.
    pub val: T,
    /// ∂/∂(K, v, w_x, w_y).
    pub d: [T; N],
}

impl<T: Field> Dual<T> {
    /// The `i`-th variable with value `x`.
    pub fn var(x: T, i: usize) -> Dual<T> {
        Dual {
            val: x,
            d: std::array::from_fn(|j| T::int(if i == j { 1 } else { 0 })),
        }
    }

    /// A constant.
    pub fn constant(x: T) -> Dual<T> {
        Dual {
            val: x,
            d: std::array::from_fn(|_| T::int(0)),
        }
    }

    fn chain(&self, val: T, dv: T) -> Dual<T> {
        Dual {
            val,
            d: std::array::from_fn(|j| dv.clone() * self.d[j].clone()),
        }
    }
}

impl<T: Field> Add for Dual<T> {
    type Output = Dual<T>;
    fn add(self, r: Dual<T>) -> Dual<T> {
        Dual {
            val: self.val + r.val,
            d: std::array::from_fn(|j| self.d[j].clone() + r.d[j].clone()),
        }
    }
}

impl<T: Field> Sub for Dual<T> {
    type Output = Dual<T>;
    fn sub(self, r: Dual<T>) -> Dual<T> {
        Dual {
            val: self.val - r.val,
            d: std::array::from_fn(|j| self.d[j].clone() - r.d[j].clone()),
        }
    }
}

impl<T: Field> Mul for Dual<T> {
    type Output = Dual<T>;
    fn mul(self, r: Dual<T>) -> Dual<T> {
        let d = std::array::from_fn(|j| {
            self.d[j].clone() * r.val.clone() + self.val.clone() * r.d[j].clone()
        });
        Dual {
            val: self.val * r.val,
            d,
        }
    }
}

impl<T: Field> Div for Dual<T> {
    type Output = Dual<T>;
    fn div(self, r: Dual<T>) -> Dual<T> {
        let q = self.val.clone() / r.val.clone();
        let d = std::array::from_fn(|j| {
            (self.d[j].clone() - q.clone() * r.d[j].clone()) / r.val.clone()
        });
        Dual { val: q, d }
    }
}

impl<T: Field> Neg for Dual<T> {
    type Output = Dual<T>;
    fn neg(self) -> Dual<T> {
        Dual {
            val: -self.val,
            d: std::array::from_fn(|j| -self.d[j].clone()),
        }
    }
}

impl<T: Field> Field for Dual<T> {
    fn from_q(q: &Q) -> Self {
        Dual::constant(T::from_q(q))
    }
    fn sqr(&self) -> Self {
        let two_x = T::int(2) * self.val.clone();
        self.chain(self.val.sqr(), two_x)
    }
}

impl<T: Sqrt> Sqrt for Dual<T> {
    fn sqrt(&self) -> Self {
        let s = self.val.sqrt();
        let ds = T::int(1) / (T::int(2) * s.clone());
        self.chain(s, ds)
    }
}

impl<T: Real> Real for Dual<T> {
    fn sin(&self) -> Self {
        self.chain(self.val.sin(), self.val.cos())
    }
    fn cos(&self) -> Self {
        self.chain(self.val.cos(), -self.val.sin())
    }
    /// d atan2(y, x) = (x dy − y dx)/(x² + y²).
    fn atan2(&self, x: &Self) -> Self {
        let n = x.val.sqr() + self.val.sqr();
        let d = std::array::from_fn(|j| {
            (x.val.clone() * self.d[j].clone() - self.val.clone() * x.d[j].clone()) / n.clone()
        });
        Dual {
            val: self.val.atan2(&x.val),
            d,
        }
    }
    fn pi() -> Self {
        Dual::constant(T::pi())
    }
}
