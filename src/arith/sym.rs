//! Exact symbolic engine for algebraic identities.
//!
//! A [`Sym`] is a quotient `num / den` of polynomials with rational coefficients in
//! named variables and square-root symbols. `√x` introduces a symbol `r` with the one
//! relation `r² = x`. [`Session::is_zero`] reduces every power `rᵉ` with that relation
//! (multiplying by the radicand's denominator, which is non-zero) and answers `true` only
//! when the reduced numerator is the zero polynomial. That direction is sound: the
//! identity then holds at every point where the denominators are non-zero, whichever
//! sign each square root takes.
//!
//! To keep that guarantee simple, a denominator may only be a monomial in variables
//! declared non-zero; any other division, a square root of an expression that already
//! holds a square root, or a transcendental function, makes the session fail with a
//! message instead of answering.

use super::{Field, Sqrt, Q};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// A polynomial: exponent vector (trailing zeros trimmed) to non-zero coefficient.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Poly(BTreeMap<Vec<u32>, Q>);

fn trim(mut e: Vec<u32>) -> Vec<u32> {
    while e.last() == Some(&0) {
        e.pop();
    }
    e
}

impl Poly {
    fn constant(q: Q) -> Poly {
        let mut m = BTreeMap::new();
        if q != 0 {
            m.insert(Vec::new(), q);
        }
        Poly(m)
    }

    fn var(i: usize) -> Poly {
        let mut e = vec![0; i + 1];
        e[i] = 1;
        let mut m = BTreeMap::new();
        m.insert(e, Q::from(1));
        Poly(m)
    }

    fn add_term(&mut self, e: Vec<u32>, c: Q) {
        let e = trim(e);
        let entry = self.0.entry(e.clone()).or_default();
        *entry += c;
        if *entry == 0 {
            self.0.remove(&e);
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn mul(&self, o: &Poly) -> Poly {
        let mut out = Poly::default();
        for (ea, ca) in &self.0 {
            for (eb, cb) in &o.0 {
                let n = ea.len().max(eb.len());
                let e: Vec<u32> = (0..n)
                    .map(|i| ea.get(i).copied().unwrap_or(0) + eb.get(i).copied().unwrap_or(0))
                    .collect();
                out.add_term(e, ca.clone() * cb);
            }
        }
        out
    }

    fn add(&self, o: &Poly) -> Poly {
        let mut out = self.clone();
        for (e, c) in &o.0 {
            out.add_term(e.clone(), c.clone());
        }
        out
    }

    fn scale(&self, q: &Q) -> Poly {
        let mut out = Poly::default();
        for (e, c) in &self.0 {
            out.add_term(e.clone(), c.clone() * q);
        }
        out
    }

    fn pow(&self, n: u32) -> Poly {
        let mut acc = Poly::constant(Q::from(1));
        for _ in 0..n {
            acc = acc.mul(self);
        }
        acc
    }

    fn uses(&self, i: usize) -> bool {
        self.0.keys().any(|e| e.get(i).copied().unwrap_or(0) > 0)
    }
}

#[derive(Clone)]
enum VarKind {
    Free { nonzero: bool },
    Root { num: Poly, den: Poly },
}

#[derive(Default)]
struct Ctx {
    vars: Vec<(String, VarKind)>,
    error: Option<String>,
}

thread_local! {
    static CTX: RefCell<Ctx> = RefCell::new(Ctx::default());
}

fn fail(msg: String) {
    CTX.with(|c| {
        let mut c = c.borrow_mut();
        if c.error.is_none() {
            c.error = Some(msg);
        }
    });
}

/// An element of the symbolic engine (valid inside one [`Session`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Sym {
    num: Poly,
    den: Poly,
}

/// One identity check: fresh variables, then [`Session::is_zero`].
pub struct Session(());

impl Session {
    /// Starts a session on this thread, discarding any earlier one.
    pub fn new() -> Session {
        CTX.with(|c| *c.borrow_mut() = Ctx::default());
        Session(())
    }

    /// A new variable; `nonzero` allows dividing by it.
    pub fn var(&self, name: &str, nonzero: bool) -> Sym {
        let i = CTX.with(|c| {
            let mut c = c.borrow_mut();
            c.vars.push((name.to_string(), VarKind::Free { nonzero }));
            c.vars.len() - 1
        });
        Sym {
            num: Poly::var(i),
            den: Poly::constant(Q::from(1)),
        }
    }

    /// Whether `x` is identically zero, or why the engine cannot tell.
    pub fn is_zero(&self, x: &Sym) -> Result<bool, String> {
        let (vars, error) = CTX.with(|c| {
            let c = c.borrow();
            (c.vars.clone(), c.error.clone())
        });
        if let Some(e) = error {
            return Err(e);
        }
        let mut n = x.num.clone();
        for (i, (_, kind)) in vars.iter().enumerate().rev() {
            if let VarKind::Root { num, den } = kind {
                n = reduce_root(&n, i, num, den);
            }
        }
        Ok(n.is_zero())
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// Replaces `rᵉ` (`r` the variable `i`, `r² = num/den`) and multiplies by `den^J`.
fn reduce_root(p: &Poly, i: usize, num: &Poly, den: &Poly) -> Poly {
    let big_j =
        p.0.keys()
            .map(|e| e.get(i).copied().unwrap_or(0) / 2)
            .max()
            .unwrap_or(0);
    let mut out = Poly::default();
    for (e, c) in &p.0 {
        let ei = e.get(i).copied().unwrap_or(0);
        let (j, b) = (ei / 2, ei % 2);
        let mut base = e.clone();
        if base.len() > i {
            base[i] = b;
        }
        let mut term = Poly::default();
        term.add_term(base, c.clone());
        let factor = num.pow(j).mul(&den.pow(big_j - j));
        out = out.add(&term.mul(&factor));
    }
    out
}

fn is_allowed_denominator(p: &Poly) -> Result<(), String> {
    if p.0.len() != 1 {
        return Err("division by a sum of terms".into());
    }
    let (e, _) = p.0.iter().next().unwrap();
    CTX.with(|c| {
        let c = c.borrow();
        for (i, &k) in e.iter().enumerate() {
            if k == 0 {
                continue;
            }
            match &c.vars[i].1 {
                VarKind::Free { nonzero: true } => {}
                _ => {
                    return Err(format!(
                        "division by `{}`, not declared non-zero",
                        c.vars[i].0
                    ))
                }
            }
        }
        Ok(())
    })
}

impl Add for Sym {
    type Output = Sym;
    fn add(self, o: Sym) -> Sym {
        if self.den == o.den {
            return Sym {
                num: self.num.add(&o.num),
                den: self.den,
            };
        }
        Sym {
            num: self.num.mul(&o.den).add(&o.num.mul(&self.den)),
            den: self.den.mul(&o.den),
        }
    }
}

impl Neg for Sym {
    type Output = Sym;
    fn neg(self) -> Sym {
        Sym {
            num: self.num.scale(&Q::from(-1)),
            den: self.den,
        }
    }
}

impl Sub for Sym {
    type Output = Sym;
    fn sub(self, o: Sym) -> Sym {
        self + (-o)
    }
}

impl Mul for Sym {
    type Output = Sym;
    fn mul(self, o: Sym) -> Sym {
        Sym {
            num: self.num.mul(&o.num),
            den: self.den.mul(&o.den),
        }
    }
}

impl Div for Sym {
    type Output = Sym;
    fn div(self, o: Sym) -> Sym {
        if o.num.is_zero() {
            fail("division by zero".into());
            return self;
        }
        if let Err(e) = is_allowed_denominator(&o.num) {
            fail(e);
            return self;
        }
        Sym {
            num: self.num.mul(&o.den),
            den: self.den.mul(&o.num),
        }
    }
}

impl Field for Sym {
    fn from_q(q: &Q) -> Self {
        Sym {
            num: Poly::constant(q.clone()),
            den: Poly::constant(Q::from(1)),
        }
    }
}

impl Sqrt for Sym {
    fn sqrt(&self) -> Self {
        let roots_used = CTX.with(|c| {
            let c = c.borrow();
            c.vars.iter().enumerate().any(|(i, (_, k))| {
                matches!(k, VarKind::Root { .. }) && (self.num.uses(i) || self.den.uses(i))
            })
        });
        if roots_used {
            fail("square root of an expression holding a square root".into());
            return self.clone();
        }
        let i = CTX.with(|c| {
            let mut c = c.borrow_mut();
            let existing = c.vars.iter().position(|(_, k)| match k {
                VarKind::Root { num, den } => *num == self.num && *den == self.den,
                _ => false,
            });
            existing.unwrap_or_else(|| {
                let name = format!("√#{}", c.vars.len());
                c.vars.push((
                    name,
                    VarKind::Root {
                        num: self.num.clone(),
                        den: self.den.clone(),
                    },
                ));
                c.vars.len() - 1
            })
        });
        Sym {
            num: Poly::var(i),
            den: Poly::constant(Q::from(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proves_true_identities() {
        let s = Session::new();
        let k = s.var("K", true);
        let a = (Sym::int(1) + Sym::int(3) / k.clone()).sqrt();
        let b = (Sym::int(1) - Sym::int(1) / k.clone()).sqrt();
        let d1 = (a.clone() - b.clone()) / Sym::int(2);
        let d2 = (a + b) / Sym::int(2);
        assert_eq!(s.is_zero(&(d1 * d2 - Sym::int(1) / k)), Ok(true));
    }

    #[test]
    fn rejects_false_identities() {
        let s = Session::new();
        let k = s.var("K", true);
        let y = s.var("y", false);
        let e = (k.clone() + y.clone()).sqr() - k.sqr() - y.sqr();
        assert_eq!(s.is_zero(&e), Ok(false));
        let r = (Sym::int(2)).sqrt();
        assert_eq!(s.is_zero(&(r.clone() - Sym::int(1))), Ok(false));
        assert_eq!(s.is_zero(&(r.sqr() - Sym::int(2))), Ok(true));
    }

    #[test]
    fn refuses_unsupported_division() {
        let s = Session::new();
        let y = s.var("y", false);
        let e = Sym::int(1) / y;
        assert!(s.is_zero(&e).is_err());
        let s = Session::new();
        let k = s.var("K", true);
        let e = Sym::int(1) / (k + Sym::int(1));
        assert!(s.is_zero(&e).is_err());
    }
}
