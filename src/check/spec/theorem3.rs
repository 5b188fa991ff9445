//! Theorem 3 and Appendix G (balancing), Prop 3 (the orbit), for the 2-D product with μ = 1.
//!
//! T3.balance: on the positivity region of Lemma 2 (re-proved here with the same rule), at
//! every step with xy > 1 the two-step imbalance factor A·B = (1 + K(p − 1))(1 + K(p' − 1))
//! satisfies −1 + β ≤ A·B ≤ 1 − K²κ(p − 1)², the next step has xy < 1, and every step with
//! xy ≤ 1 has |1 + K(p − 1)| ≤ 1. So between consecutive points of P,
//! |x − y| shrinks by at least the factor max(1 − K²κ(p − 1)², 1 − β) < 1.

use super::product_common::{
    guard, ident, map_identities, positivity_bounds, positivity_conditions,
};
use super::{n, ClaimSpec, Condition, FamilySpec, ObligationSpec, RegionRule, Rel, Rule};
use crate::arith::q::Q;
use crate::arith::Field;
use crate::models::{product, quartic};
use crate::quantity;

/// Upper end of the K range of T3.balance (the range of the positivity region).
pub const K_MAX: &str = super::lemma2::K_MAX;

/// The point of the exception: K, p₀, and d₀ chosen so that p₁ = 1 exactly.
pub const FIXED_LINE: (&str, &str) = ("11/10", "1/5");

fn balance_bounds(c: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    if c[4] <= 0 || c[5] <= 0 {
        return Err("kappa and beta must be positive".into());
    }
    positivity_bounds(c)
}

fn p_ge_1() -> Option<super::Quantity> {
    Some(quantity!("p − 1", |v| v[1].clone() - T::int(1)))
}

/// The region rule with the balancing conditions.
pub fn region_rule() -> RegionRule {
    let mut conditions = positivity_conditions();
    conditions.extend([
        Condition {
            quantity: quantity!("Z − κ", |v| product::z_margin(&v[0], &v[1], &v[2])
                - v[7].clone()),
            rel: Rel::NonNeg,
            applies: p_ge_1(),
        },
        Condition {
            quantity: quantity!("A·B + 1 − β", |v| product::two_step_factor(
                &v[0], &v[1], &v[2]
            ) + T::int(1)
                - v[8].clone()),
            rel: Rel::NonNeg,
            applies: p_ge_1(),
        },
        Condition {
            quantity: quantity!("−m", |v| -product::m_factor(&v[0], &v[1], &v[2])),
            rel: Rel::Pos,
            applies: p_ge_1(),
        },
        Condition {
            quantity: quantity!("2 − K(1 − p)", |v| T::int(2)
                - v[0].clone() * (T::int(1) - v[1].clone())),
            rel: Rel::NonNeg,
            applies: Some(quantity!("1 − p", |v| T::int(1) - v[1].clone())),
        },
    ]);
    RegionRule {
        constants: &["c", "P", "plo", "dcap", "kappa", "beta"],
        vars: &["K", "p", "d"],
        bounds: balance_bounds,
        guard: guard(),
        derived: None,
        conditions,
    }
}

/// Lower end of the K range of P3.orbit-global.
pub const ORBIT_K_LO: &str = "201/200";

/// The region rule of P3.orbit-global: the positivity conditions, a margin in the Lyapunov
/// factor, and the repelling strip around xy = 1.
pub fn orbit_region_rule() -> RegionRule {
    let mut conditions = positivity_conditions();
    conditions.extend([
        margin_condition(),
        Condition {
            quantity: quantity!("−m − λ", |v| -product::m_factor(&v[0], &v[1], &v[2])
                - v[8].clone()),
            rel: Rel::NonNeg,
            applies: Some(quantity!("s² − (p − 1)²", |v| v[9].sqr()
                - (v[1].clone() - T::int(1)).sqr())),
        },
    ]);
    RegionRule {
        constants: &["c", "P", "plo", "dcap", "margin", "lambda", "s"],
        vars: &["K", "p", "d"],
        bounds: orbit_bounds,
        guard: guard(),
        derived: None,
        conditions,
    }
}

/// The region rule of P3.orbit-near: the positivity conditions and the margin in the
/// Lyapunov factor (the strip is P3.orbit-near/strip, with s and λ that shrink to K = 1).
pub fn near_region_rule() -> RegionRule {
    let mut conditions = positivity_conditions();
    conditions.push(margin_condition());
    RegionRule {
        constants: &["c", "P", "plo", "dcap", "margin"],
        vars: &["K", "p", "d"],
        bounds: near_bounds,
        guard: guard(),
        derived: None,
        conditions,
    }
}

fn near_bounds(c: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    if c[4] <= 0 {
        return Err("need margin > 0".into());
    }
    positivity_bounds(c)
}

/// 2 − K²(p − 1)² − μ ≥ 0: the margin of the Lyapunov factor (μ is the constant `margin`).
fn margin_condition() -> Condition {
    Condition {
        quantity: quantity!("2 − K²(p − 1)² − μ", |v| T::int(2)
            - (v[0].clone() * (v[1].clone() - T::int(1))).sqr()
            - v[7].clone()),
        rel: Rel::NonNeg,
        applies: None,
    }
}

/// Upper end of the K range of P3.orbit-near (the lower end of P3.orbit-global).
pub const NEAR_K_HI: &str = ORBIT_K_LO;

/// h(K, w) = −3/2 + w(K² − 2K) + K²(K − 1)w²: with p = 1 + (K − 1)w,
/// m + 1 + (K − 1)/2 = (K − 1)h − K d (P3.orbit-near/strip-form).
pub fn near_strip_h<T: Field>(k: &T, w: &T) -> T {
    T::ratio(-3, 2)
        + w.clone() * (k.sqr() - T::int(2) * k.clone())
        + k.sqr() * (k.clone() - T::int(1)) * w.sqr()
}

fn orbit_bounds(c: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    if c[4] <= 0 || c[5] <= 1 || c[6] <= 0 {
        return Err("need margin > 0, lambda > 1, s > 0".into());
    }
    positivity_bounds(c)
}

/// d₀ with p_next(K, p₀, d₀) = 1: d₀ = (p₀(1 − K e)² − 1)/(K e), e = p₀ − 1.
pub fn fixed_line_d0() -> Q {
    let k = crate::arith::q::parse(FIXED_LINE.0).unwrap();
    let p = crate::arith::q::parse(FIXED_LINE.1).unwrap();
    let e = Q::from(&p - 1u32);
    let ke = Q::from(&k * &e);
    let one_minus = Q::from(1u32) - &ke;
    (p * Q::from(&one_minus * &one_minus) - 1u32) / ke
}

/// The statement list.
pub fn spec() -> FamilySpec {
    let claims = vec![
        ClaimSpec {
            id: "T3.balance",
            paper: "Theorem 3, Appendix G, (50)-(65)",
            statement: "on the positivity region of L2.positive (same rows and constants), between consecutive steps with xy > 1 the imbalance |x − y| is multiplied by at most max(1 − K²κ(p − 1)², 1 − β) < 1, p the product at the first of them; so it decreases strictly along P, and tends to 0 unless the products on P tend to 1",
            domain: vec![("K", "1", false, K_MAX, true)],
            beyond: None,
        },
        ClaimSpec {
            id: "T3.exception",
            paper: "Theorem 3 (as stated, no exceptional set)",
            statement: "a positive start maps in one step exactly onto xy = 1 with x ≠ y and stays there: P = {0} and |x − y| does not tend to 0",
            domain: vec![("K", "1", false, "3/2", true)],
            beyond: None,
        },
        ClaimSpec {
            id: "P3.orbit",
            paper: "Prop 3; Theorem 2",
            statement: "on the diagonal x = y the map is g_K of Theorem 2, and the orbit {(δ₁, δ₁), (δ₂, δ₂)} is locally attracting in the plane: in (p, d) its two-step Jacobian is triangular with eigenvalues G'(δ₁) = 7 − 4K − 2K² ∈ [0, 1) (theorem2: T2.basin/multiplier, T2.basin/multiplier-below-one, T2.basin/table-multiplier) and (3 − 2K)² ∈ (0, 1)",
            domain: vec![("K", "1", false, "sqrt(9/2)-1", true)],
            beyond: None,
        },
        ClaimSpec {
            id: "P3.orbit-global",
            paper: "Prop 3; Theorem 3; Lemma 2",
            statement: "every positive start in the region of L2.positive (the rows of P3.orbit-global/region) either lands exactly on xy = 1 after finitely many steps (and stays there, fixed) or converges to the orbit {(δ₁, δ₁), (δ₂, δ₂)}: W = (x² − y²)² decreases, the strip around xy = 1 repels, and in each slab {W ≤ ω} every path of the transition graph leads to the two targets, where p alternates and contracts and W → 0",
            domain: vec![("K", ORBIT_K_LO, true, "sqrt(9/2)-1", true)],
            beyond: None,
        },
        ClaimSpec {
            id: "P3.orbit-near",
            paper: "Prop 3; Theorem 3; Lemma 2",
            statement: "P3.orbit-global's conclusion for K ∈ (1, 201/200]: every positive start in the region (the rows of P3.orbit-near/region) either lands exactly on xy = 1 after finitely many steps or converges to the orbit {(δ₁, δ₁), (δ₂, δ₂)}: W decreases, the strip |p − 1| ≤ K − 1 repels with |m| ≥ 1 + (K − 1)/2, the slab graph leads into a range N around p = 1 that is mapped into itself, on which F decreases and F∘F − id has the sign of (p − 1)(δ₂² − p)(p − δ₁²), and W → 0 unless the path lands",
            domain: vec![("K", "1", false, NEAR_K_HI, true)],
            beyond: None,
        },
    ];
    let mut obligations = map_identities(
        "T3.balance",
        [
            "T3.balance/scaling",
            "T3.balance/eq50",
            "T3.balance/eq52",
            "T3.balance/sum",
            "T3.balance/w-recursion",
            "T3.balance/w-form",
        ],
    );
    obligations.extend([
        ident("T3.balance/eq51", "T3.balance", "(51): x'' − y'' = (x − y)(1 + K(xy − 1))(1 + K(x'y' − 1))", super::product_common::KXY, |v| {
            let (k, x, y) = (&v[0], &v[1], &v[2]);
            let (a, b) = product::step(k, x, y);
            let (a2, b2) = product::step(k, &a, &b);
            a2 - b2 - (x.clone() - y.clone()) * (n(1) + k.clone() * (x.clone() * y.clone() - n(1))) * (n(1) + k.clone() * (a * b - n(1)))
        }),
        ident("T3.balance/next-below-one", "T3.balance", "p' − 1 = (p − 1)·m, m = (1 − 2K) + (p − 1)(K² − 2K) + K²(p − 1)² − K d", &[("K", true), ("p", false), ("d", false)], |v| {
            let (k, p, d) = (&v[0], &v[1], &v[2]);
            product::p_next(k, p, d) - n(1) - (p.clone() - n(1)) * product::m_factor(k, p, d)
        }),
        ident("T3.balance/two-step-factor", "T3.balance", "A·B − 1 = K(p − 1)(2 − 2K − Kd) − K²(p − 1)² Z, A = 1 + K(p − 1), B = 1 + K(p' − 1); so for K ≥ 1, p ≥ 1, d ≥ 0: A·B ≤ 1 − K²κ(p − 1)² when Z ≥ κ", &[("K", true), ("p", false), ("d", false)], |v| {
            let (k, p, d) = (&v[0], &v[1], &v[2]);
            let e = p.clone() - n(1);
            product::two_step_factor(k, p, d) - n(1) - k.clone() * e.clone() * (n(2) - n(2) * k.clone() - k.clone() * d.clone())
                + k.sqr() * e.sqr() * product::z_margin(k, p, d)
        }),
        ObligationSpec {
            id: "T3.balance/region",
            claim: "T3.balance",
            statement: "on each K row, on {plo ≤ p ≤ P, 0 ≤ d, d(d + 4p) ≤ c}: the five positivity conditions of L2.positive/region; where p ≥ 1: Z − κ ≥ 0, A·B + 1 − β ≥ 0, −m > 0; where p ≤ 1: 2 − K(1 − p) ≥ 0",
            rule: Rule::Region(region_rule()),
        },
        ObligationSpec {
            id: "T3.exception/lands-on-minimum",
            claim: "T3.exception",
            statement: "at K = 11/10, p₀ = 1/5, d₀ = (p₀(1 − K(p₀ − 1))² − 1)/(K(p₀ − 1)) > 0: p₁ = 1 and d₁ > 0 (then p₂ = p₁ = 1, d₂ = d₁ for ever, as (p, d) = (1, d) is fixed)",
            rule: Rule::Identity { vars: &[("d", false)], expr: |_| {
                let k = crate::arith::sym::Sym::from_q(&crate::arith::q::parse(FIXED_LINE.0).unwrap());
                let p = crate::arith::sym::Sym::from_q(&crate::arith::q::parse(FIXED_LINE.1).unwrap());
                let d0 = fixed_line_d0();
                let d = crate::arith::sym::Sym::from_q(&d0);
                product::p_next(&k, &p, &d) - n(1)
            } },
        },
        ident("T3.exception/fixed-line", "T3.exception", "p_next(K, 1, d) = 1 and d_next(K, 1, d) = d: every point of xy = 1 is fixed", &[("K", true), ("d", false)], |v| {
            let (k, d) = (&v[0], &v[1]);
            (product::p_next(k, &n(1), d) - n(1)).sqr() + (product::d_next(k, &n(1), d) - d.clone()).sqr()
        }),
        ObligationSpec {
            id: "T3.exception/positive-imbalance",
            claim: "T3.exception",
            statement: "d₀ > 0 and d₁ = d₀(1 + K(p₀ − 1))² > 0 at that point (so x₀ ≠ y₀ and x₁ ≠ y₁), and x₀, y₀ = (√(d₀ + 4p₀) ± √d₀)/2 > 0",
            rule: Rule::Sign {
                vars: &["d0"],
                rel: Rel::Pos,
                quantity: quantity!("d₁ = d₀(1 + K(p₀ − 1))² at K = 11/10, p₀ = 1/5 (d₁ > 0 forces d₀ > 0)", |v| crate::models::product::d_next(&T::ratio(11, 10), &T::ratio(1, 5), &v[0])),
                extra: &[("d0", "458/1375", "458/1375")],
            },
        },
        ObligationSpec {
            id: "P3.orbit-global/region",
            claim: "P3.orbit-global",
            statement: "on each K row, on R = {plo ≤ p ≤ P, 0 ≤ d, d(d + 4p) ≤ c}: the five positivity conditions of L2.positive/region (R is mapped into itself); 2 − K²(p − 1)² − μ ≥ 0 (W' ≤ W(1 − K²μ(p − 1)²)); where |p − 1| ≤ s: −m − λ ≥ 0 with λ > 1, m = (p' − 1)/(p − 1) (the strip repels)",
            rule: Rule::Region(orbit_region_rule()),
        },
        ident("P3.orbit-global/w-recursion", "P3.orbit-global", "W(p', d') = W(p, d)(1 − K²(p − 1)²)², W = d(d + 4p)", &[("K", true), ("p", false), ("d", false)], |v| {
            let (k, p, d) = (&v[0], &v[1], &v[2]);
            let (p1, d1) = product::step_pd(k, p, d);
            product::w(&p1, &d1) - product::w(p, d) * (n(1) - k.sqr() * (p.clone() - n(1)).sqr()).sqr()
        }),
        ident("P3.orbit-global/slope", "P3.orbit-global", "F(q) − F(p) = (q − p) D(p, q) for F(p) = p'(p, 0), D = (1 + K)² − 2K(1 + K)(p + q) + K²(p² + pq + q²)", &[("K", true), ("p", false), ("q", false)], |v| {
            let (k, p, q) = (&v[0], &v[1], &v[2]);
            product::p_next(k, q, &n(0)) - product::p_next(k, p, &n(0)) - (q.clone() - p.clone()) * product::slope(k, p, q)
        }),
        ObligationSpec {
            id: "P3.orbit-global/slab-graph",
            claim: "P3.orbit-global",
            statement: "per K piece, on the slab S = {p₀ ≤ p ≤ p_N, d(d + 4p) ≤ ω}, which holds the p range of a row of P3.orbit-global/region: S is mapped into itself and W does not grow on it; strip cells around p = 1 have m < −1; the two targets are mapped each into the other, with slope bounds L₀L₁ < 1 and (1 − K²(p − 1)²)² < 1; the transition graph of the other cells has no cycle but the strip's loop and cell 0's loop where p' ≥ γp, γ > 1",
            rule: Rule::Attract { region: "P3.orbit-global/region" },
        },
        ObligationSpec {
            id: "P3.orbit-near/region",
            claim: "P3.orbit-near",
            statement: "on each K row, on R = {plo ≤ p ≤ P, 0 ≤ d, d(d + 4p) ≤ c}: the five positivity conditions of L2.positive/region (R is mapped into itself); 2 − K²(p − 1)² − μ ≥ 0 (W' ≤ W(1 − K²μ(p − 1)²))",
            rule: Rule::Region(near_region_rule()),
        },
        ident("P3.orbit-near/w-recursion", "P3.orbit-near", "W(p', d') = W(p, d)(1 − K²(p − 1)²)², W = d(d + 4p)", &[("K", true), ("p", false), ("d", false)], |v| {
            let (k, p, d) = (&v[0], &v[1], &v[2]);
            let (p1, d1) = product::step_pd(k, p, d);
            product::w(&p1, &d1) - product::w(p, d) * (n(1) - k.sqr() * (p.clone() - n(1)).sqr()).sqr()
        }),
        ident("P3.orbit-near/strip-form", "P3.orbit-near", "at p = 1 + (K − 1)w: m + 1 + (K − 1)/2 = (K − 1)h(K, w) − K d, h = −3/2 + w(K² − 2K) + K²(K − 1)w², m = (p' − 1)/(p − 1) as in T3.balance/next-below-one", &[("K", true), ("w", false), ("d", false)], |v| {
            let (k, w, d) = (&v[0], &v[1], &v[2]);
            let e = k.clone() - n(1);
            let p = n(1) + e.clone() * w.clone();
            product::m_factor(k, &p, d) + n(1) + e.clone() * <crate::arith::sym::Sym as Field>::ratio(1, 2) - e * near_strip_h(k, w) + k.clone() * d.clone()
        }),
        ObligationSpec {
            id: "P3.orbit-near/strip",
            claim: "P3.orbit-near",
            statement: "−h(K, w) > 0 for |w| ≤ 1: so where |p − 1| ≤ K − 1 (and d ≥ 0), m ≤ −1 − (K − 1)/2 < −1, and |p' − 1| ≥ (1 + (K − 1)/2)|p − 1|",
            rule: Rule::Sign {
                vars: &["K", "w"],
                rel: Rel::Pos,
                quantity: quantity!("−h(K, w) = 3/2 − w(K² − 2K) − K²(K − 1)w²", |v| -near_strip_h(&v[0], &v[1])),
                extra: &[("w", "-1", "1")],
            },
        },
        ident("P3.orbit-near/two-step-factored", "P3.orbit-near", "F(F(p)) − p = K p (p − 1)(K p − K − 2)(K²p² − K(K + 1)p + 1) R(p), F(p) = p'(p, 0), R = K⁴p⁴ − (3K⁴ + 3K³)p³ + (3K⁴ + 6K³ + 3K²)p² − (K⁴ + 3K³ + 4K² + 2K)p + K² + 2K + 2", &[("K", true), ("p", false)], |v| {
            let (k, p) = (&v[0], &v[1]);
            let f = product::p_next(k, p, &n(0));
            product::p_next(k, &f, &n(0)) - p.clone() - k.clone() * p.clone() * (p.clone() - n(1)) * (k.clone() * p.clone() - k.clone() - n(2)) * product::cycle_quadratic(k, p) * product::two_step_rest(k, p)
        }),
        ident("P3.orbit-near/cycle-roots", "P3.orbit-near", "K²δ₁⁴ − K(K + 1)δ₁² + 1 = 0 and the same for δ₂: the zeros of K²p² − K(K + 1)p + 1 are the orbit's products δ₁², δ₂²", &[("K", true)], |v| {
            let k = &v[0];
            product::cycle_quadratic(k, &quartic::delta1(k).sqr()).sqr() + product::cycle_quadratic(k, &quartic::delta2(k).sqr()).sqr()
        }),
        ident("P3.orbit-near/slope", "P3.orbit-near", "F(q) − F(p) = (q − p) D(p, q) for F(p) = p'(p, 0), D = (1 + K)² − 2K(1 + K)(p + q) + K²(p² + pq + q²)", &[("K", true), ("p", false), ("q", false)], |v| {
            let (k, p, q) = (&v[0], &v[1], &v[2]);
            product::p_next(k, q, &n(0)) - product::p_next(k, p, &n(0)) - (q.clone() - p.clone()) * product::slope(k, p, q)
        }),
        ObligationSpec {
            id: "P3.orbit-near/slab-graph",
            claim: "P3.orbit-near",
            statement: "per K piece, on the slab S = {p₀ ≤ p ≤ p_N, d(d + 4p) ≤ ω}, which holds the p range of a row of P3.orbit-near/region: S is mapped into itself and W does not grow on it; the near range N around p = 1 is mapped into itself, m < 0 and the slope D < 0 on it, p > 0, K p − K − 2 < 0 and R(p) > 0 on it, K²p² − K(K + 1)p + 1 > 0 at its ends; the transition graph of the other cells has no cycle but cell 0's loop where p' ≥ γp, γ > 1",
            rule: Rule::Attract { region: "P3.orbit-near/region" },
        },
        ident("P3.orbit/diagonal", "P3.orbit", "on x = y the map (13) is (y, y) ↦ (g_K(y), g_K(y))", &[("K", true), ("y", false)], |v| {
            let (k, y) = (&v[0], &v[1]);
            let (a, b) = product::step(k, y, y);
            (a - quartic::step(k, y)).sqr() + (b - quartic::step(k, y)).sqr()
        }),
        ident("P3.orbit/product-conjugacy", "P3.orbit", "p' at d = 0 is g_K(y)² at p = y²: the p-map on the diagonal is conjugate to g_K", &[("K", true), ("y", false)], |v| {
            let (k, y) = (&v[0], &v[1]);
            product::p_next(k, &y.sqr(), &n(0)) - quartic::step(k, y).sqr()
        }),
        ident("P3.orbit/transverse", "P3.orbit", "(1 + K(δ₁² − 1))(1 + K(δ₂² − 1)) = 3 − 2K: the two-step factor of x − y on the orbit", &[("K", true)], |v| {
            let k = &v[0];
            (n(1) + k.clone() * (quartic::delta1(k).sqr() - n(1))) * (n(1) + k.clone() * (quartic::delta2(k).sqr() - n(1))) - (n(3) - n(2) * k.clone())
        }),
        ident("P3.orbit/transverse-below-one", "P3.orbit", "1 − (3 − 2K)² = 4(K − 1)(2 − K) > 0 on (1, 2)", &[("K", false)], |v| {
            let k = v[0].clone();
            n(1) - (n(3) - n(2) * k.clone()).sqr() - n(4) * (k.clone() - n(1)) * (n(2) - k)
        }),
    ]);
    FamilySpec {
        family: "theorem3",
        paper: "Theorem 3, Appendix G, Prop 3 (eqs. (13), (50)-(53))",
        model: ("product", "(x, y) ↦ (x − K y (xy − 1), y − K x (xy − 1)), GD on ½(xy − 1)² with η = K (μ = 1 by T3.balance/scaling)"),
        claims,
        obligations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_line_point_is_the_one_checked() {
        assert_eq!(fixed_line_d0(), crate::arith::q::parse("458/1375").unwrap());
        assert_eq!(FIXED_LINE, ("11/10", "1/5"));
    }
}
