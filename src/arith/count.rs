//! `Counted`: an `f64` engine that counts the operations a generic formula performs, so
//! that the cost of a box step can be compared with the cost of its basic interval
//! operations (the project's speed limit, reported by `examples/box_step_limit.rs`).

use super::{Field, Real, Sqrt, Q};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::{Add, Div, Mul, Neg, Sub};

thread_local! {
    static COUNTS: RefCell<BTreeMap<&'static str, u64>> = RefCell::new(BTreeMap::new());
}

fn tick(op: &'static str) {
    COUNTS.with(|c| *c.borrow_mut().entry(op).or_insert(0) += 1);
}

/// Clears the counters of this thread.
pub fn reset() {
    COUNTS.with(|c| c.borrow_mut().clear());
}

/// The counters of this thread: operation name to count.
pub fn counts() -> BTreeMap<&'static str, u64> {
    COUNTS.with(|c| c.borrow().clone())
}

/// An `f64` whose operations are counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counted(pub f64);

macro_rules! counted_op {
    ($tr:ident, $f:ident, $name:expr, $op:tt) => {
        impl $tr for Counted {
            type Output = Counted;
            fn $f(self, o: Counted) -> Counted {
                tick($name);
                Counted(self.0 $op o.0)
            }
        }
    };
}

counted_op!(Add, add, "add", +);
counted_op!(Sub, sub, "sub", -);
counted_op!(Mul, mul, "mul", *);
counted_op!(Div, div, "div", /);

impl Neg for Counted {
    type Output = Counted;
    fn neg(self) -> Counted {
        tick("neg");
        Counted(-self.0)
    }
}

impl Field for Counted {
    fn from_q(q: &Q) -> Self {
        tick("constant");
        Counted(q.to_f64())
    }
    fn int(n: i64) -> Self {
        tick("constant");
        Counted(n as f64)
    }
    fn sqr(&self) -> Self {
        tick("sqr");
        Counted(self.0 * self.0)
    }
}

impl Sqrt for Counted {
    fn sqrt(&self) -> Self {
        tick("sqrt");
        Counted(self.0.sqrt())
    }
}

impl Real for Counted {
    fn sin(&self) -> Self {
        tick("sin");
        Counted(self.0.sin())
    }
    fn cos(&self) -> Self {
        tick("cos");
        Counted(self.0.cos())
    }
    fn atan2(&self, x: &Self) -> Self {
        tick("atan2");
        Counted(self.0.atan2(x.0))
    }
    fn pi() -> Self {
        tick("pi");
        Counted(std::f64::consts::PI)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::quartic;

    #[test]
    fn counts_the_quartic_step() {
        reset();
        let _ = quartic::step(&Counted(1.1), &Counted(0.5));
        let c = counts();
        // y (1 + K − K y²): one sqr, two mul, one add, one sub, one constant.
        assert_eq!(c.get("sqr"), Some(&1));
        assert_eq!(c.get("mul"), Some(&2));
        assert_eq!(c.get("add"), Some(&1));
        assert_eq!(c.get("sub"), Some(&1));
        reset();
        assert!(counts().is_empty());
    }
}
