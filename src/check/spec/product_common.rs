//! Statements shared by the Lemma 2 and Theorem 3 families (2-D product, μ = 1): the
//! identities of the map (13) in the coordinates p = xy, d = (x − y)², and the region
//! conditions of the positivity invariant.
//!
//! The invariant (MATH.md §2, derived here): W = (x² − y²)² = d (d + 4p) satisfies
//! W' = W (1 − K²(p − 1)²)², so W does not grow while K²(p − 1)² ≤ 2. The region
//! R = {plo ≤ p ≤ P, W ≤ c} is mapped into itself when, on R, K²(p − 1)² ≤ 2,
//! plo ≤ p' ≤ P and p' ≥ p/1000 (so p' > 0 when p > 0), and x + y keeps its sign
//! (1 − K(p − 1) > 0). Then x and y stay positive for ever from every positive start in R.

use super::{n, Condition, ObligationSpec, Rel, Rule};
use crate::arith::q::Q;
use crate::arith::sym::Sym;
use crate::arith::Field;
use crate::models::product::{self, d_next, p_next, step};
use crate::quantity;

/// Variables of the (x, y) identities.
pub const KXY: &[(&str, bool)] = &[("K", true), ("x", false), ("y", false)];

/// An identity obligation.
pub fn ident(
    id: &'static str,
    claim: &'static str,
    statement: &'static str,
    vars: &'static [(&'static str, bool)],
    expr: fn(&[Sym]) -> Sym,
) -> ObligationSpec {
    ObligationSpec {
        id,
        claim,
        statement,
        rule: Rule::Identity { vars, expr },
    }
}

/// The identities of the map (13), filed under `claim`, with ids prefixed by `prefix`.
pub fn map_identities(claim: &'static str, ids: [&'static str; 6]) -> Vec<ObligationSpec> {
    vec![
        ident(ids[0], claim, "(13) scaling: with μ = s², η = K/μ, GD on ½(xy − μ)² at (s u, s v) equals s times the μ = 1 map at (u, v)", &[("K", true), ("s", true), ("u", false), ("v", false)], |v| {
            let (k, s, a, b) = (&v[0], &v[1], &v[2], &v[3]);
            let (x1, y1) = step(k, a, b);
            let (x2, y2) = product::gd(&(k.clone() / s.sqr()), &s.sqr(), &(s.clone() * a.clone()), &(s.clone() * b.clone()));
            (s.clone() * x1 - x2).sqr() + (s.clone() * y1 - y2).sqr()
        }),
        ident(ids[1], claim, "(50): x' − y' = (x − y)(1 + K(xy − 1)), hence d' = d (1 + K(p − 1))²", KXY, |v| {
            let (k, x, y) = (&v[0], &v[1], &v[2]);
            let (a, b) = step(k, x, y);
            let p = x.clone() * y.clone();
            (a.clone() - b.clone() - (x.clone() - y.clone()) * (n(1) + k.clone() * (p.clone() - n(1)))).sqr()
                + ((a - b).sqr() - d_next(k, &p, &(x.clone() - y.clone()).sqr())).sqr()
        }),
        ident(ids[2], claim, "(52): x'y' = xy (1 − K(xy − 1))² − K (x − y)² (xy − 1) = p'(p, d)", KXY, |v| {
            let (k, x, y) = (&v[0], &v[1], &v[2]);
            let (a, b) = step(k, x, y);
            a * b - p_next(k, &(x.clone() * y.clone()), &(x.clone() - y.clone()).sqr())
        }),
        ident(ids[3], claim, "x' + y' = (x + y)(1 − K(xy − 1))", KXY, |v| {
            let (k, x, y) = (&v[0], &v[1], &v[2]);
            let (a, b) = step(k, x, y);
            a + b - (x.clone() + y.clone()) * (n(1) - k.clone() * (x.clone() * y.clone() - n(1)))
        }),
        ident(ids[4], claim, "x'² − y'² = (x² − y²)(1 − K²(xy − 1)²)", KXY, |v| {
            let (k, x, y) = (&v[0], &v[1], &v[2]);
            let (a, b) = step(k, x, y);
            let e = x.clone() * y.clone() - n(1);
            a.sqr() - b.sqr() - (x.sqr() - y.sqr()) * (n(1) - k.sqr() * e.sqr())
        }),
        ident(ids[5], claim, "W = (x² − y²)² = d (d + 4p) with p = xy, d = (x − y)²", KXY, |v| {
            let (x, y) = (&v[1], &v[2]);
            (x.sqr() - y.sqr()).sqr() - product::w(&(x.clone() * y.clone()), &(x.clone() - y.clone()).sqr())
        }),
    ]
}

/// Checks the positivity-region constants `[c, P, plo, dcap, ...]` and returns the row box's
/// p range [plo, P] and d range [0, dcap].
pub fn positivity_bounds(c: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    let (cc, pp, plo, dcap) = (&c[0], &c[1], &c[2], &c[3]);
    if *cc <= 0 {
        return Err("c must be positive".into());
    }
    if *plo < 0 || *plo > 1 || *pp < 1 {
        return Err("need 0 ≤ plo ≤ 1 ≤ P".into());
    }
    if *dcap < 0 || Q::from(dcap * dcap) < *cc {
        return Err("need dcap ≥ √c (on the region d² ≤ d(d + 4p) ≤ c)".into());
    }
    Ok(vec![(plo.clone(), pp.clone()), (Q::from(0), dcap.clone())])
}

/// The region {W ≤ c}: guard c − d(d + 4p) over [K, p, d, c, ...].
pub fn guard() -> super::Quantity {
    quantity!("c − d(d + 4p)", |v| v[3].clone()
        - v[2].clone() * (v[2].clone() + T::int(4) * v[1].clone()))
}

/// The conditions that make R = {plo ≤ p ≤ P, W ≤ c} invariant with x, y > 0 on it.
pub fn positivity_conditions() -> Vec<Condition> {
    vec![
        Condition {
            quantity: quantity!("2 − K²(p − 1)²", |v| T::int(2)
                - (v[0].clone() * (v[1].clone() - T::int(1))).sqr()),
            rel: Rel::NonNeg,
            applies: None,
        },
        Condition {
            quantity: quantity!("1 − K(p − 1)", |v| product::sum_factor(&v[0], &v[1])),
            rel: Rel::Pos,
            applies: None,
        },
        Condition {
            quantity: quantity!("P − p'", |v| v[4].clone()
                - product::p_next(&v[0], &v[1], &v[2])),
            rel: Rel::NonNeg,
            applies: None,
        },
        Condition {
            quantity: quantity!("p' − plo", |v| product::p_next(&v[0], &v[1], &v[2])
                - v[5].clone()),
            rel: Rel::NonNeg,
            applies: None,
        },
        Condition {
            quantity: quantity!(
                "p' − p/1000 = p((1 − K(p − 1))² − 1/1000) − K(p − 1)d",
                |v| {
                    let (k, p, d) = (&v[0], &v[1], &v[2]);
                    let e = p.clone() - T::int(1);
                    p.clone() * ((T::int(1) - k.clone() * e.clone()).sqr() - T::ratio(1, 1000))
                        - k.clone() * e * d.clone()
                }
            ),
            rel: Rel::NonNeg,
            applies: None,
        },
    ]
}
