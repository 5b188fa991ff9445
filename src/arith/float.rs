//! The `f64` engine: simulation only, never used to prove anything.

use super::{Field, Real, Sqrt, Q};

impl Field for f64 {
    fn from_q(q: &Q) -> Self {
        q.to_f64()
    }
}

impl Sqrt for f64 {
    fn sqrt(&self) -> Self {
        f64::sqrt(*self)
    }
}

impl Real for f64 {
    fn sin(&self) -> Self {
        f64::sin(*self)
    }
    fn cos(&self) -> Self {
        f64::cos(*self)
    }
    fn atan2(&self, x: &Self) -> Self {
        f64::atan2(*self, *x)
    }
    fn pi() -> Self {
        std::f64::consts::PI
    }
}
