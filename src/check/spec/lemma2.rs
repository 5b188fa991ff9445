//! Lemma 2 and Appendix H: positivity for the 2-D product ½(xy − 1)² (μ = 1 by the scaling
//! obligation), and the paper's proof chain (66)-(75) step by step.
//!
//! The certified region (claim L2.positive) is, per K row, {plo ≤ x₀y₀ ≤ P,
//! Δ₀²(Δ₀² + 4x₀y₀) ≤ c} with Δ₀ = |x₀ − y₀|; see [`super::product_common`].

use super::product_common::{
    guard, ident, map_identities, positivity_bounds, positivity_conditions,
};
use super::{n, ClaimSpec, FamilySpec, ObligationSpec, RegionRule, Rel, Rule};
use crate::arith::sym::Sym;
use crate::arith::{Field, Sqrt};
use crate::models::product::{d_next, p_next, step};
use crate::quantity;

/// Upper end of the K range on which the positivity region is certified.
pub const K_MAX: &str = "1.49";

/// The paper-chain counterexample point: K, p₀ = x₀y₀, d₀ = (x₀ − y₀)².
pub const WITNESS: (&str, &str, &str) = ("11/10", "6/5", "1/100");

fn point(
    id: &'static str,
    statement: &'static str,
    rel: Rel,
    quantity: super::Quantity,
) -> ObligationSpec {
    ObligationSpec {
        id,
        claim: "L2.chain",
        statement,
        rule: Rule::Sign {
            vars: &["k0", "p0", "d0"],
            rel,
            quantity,
            extra: &[
                ("k0", WITNESS.0, WITNESS.0),
                ("p0", WITNESS.1, WITNESS.1),
                ("d0", WITNESS.2, WITNESS.2),
            ],
        },
    }
}

/// The positivity region rule (shared with the theorem3 family's copy).
pub fn region_rule() -> RegionRule {
    RegionRule {
        constants: &["c", "P", "plo", "dcap"],
        vars: &["K", "p", "d"],
        bounds: positivity_bounds,
        guard: guard(),
        derived: None,
        conditions: positivity_conditions(),
    }
}

/// The statement list.
pub fn spec() -> FamilySpec {
    let claims = vec![
        ClaimSpec {
            id: "L2.positive",
            paper: "Lemma 2, Appendix H",
            statement: "for every K in the domain, in each K row of the certificate: every start with x₀, y₀ > 0, plo ≤ x₀y₀ ≤ P and Δ₀²(Δ₀² + 4x₀y₀) ≤ c (Δ₀ = |x₀ − y₀|) has x_t > 0, y_t > 0 for every t; the region is mapped into itself",
            domain: vec![("K", "1", false, K_MAX, true)],
            beyond: None,
        },
        ClaimSpec {
            id: "L2.chain",
            paper: "Appendix H, (66)-(68)",
            statement: "the steps of the paper's proof of Lemma 2 that can be restored, each checked; the step that needs |x − y| ≤ Δ₀ between the points of P is refuted at a certified point",
            domain: vec![("K", "1", false, "3/2", true)],
            beyond: None,
        },
    ];
    let mut obligations = map_identities(
        "L2.positive",
        [
            "L2.positive/scaling",
            "L2.positive/eq50",
            "L2.positive/eq52",
            "L2.positive/sum",
            "L2.positive/w-recursion",
            "L2.positive/w-form",
        ],
    );
    obligations.push(ObligationSpec {
        id: "L2.positive/region",
        claim: "L2.positive",
        statement: "on each K row, on {plo ≤ p ≤ P, 0 ≤ d, d(d + 4p) ≤ c}: 2 − K²(p − 1)² ≥ 0, 1 − K(p − 1) > 0, P − p' ≥ 0, p' − plo ≥ 0, p' − p/1000 ≥ 0",
        rule: Rule::Region(region_rule()),
    });
    obligations.extend([
        ident("L2.chain/eq66", "L2.chain", "(66): x' = y (x/y − K(xy − 1)) and y' = x (y/x − K(xy − 1)), so for x, y > 0: x', y' > 0 ⇔ K(xy − 1) < min{x/y, y/x}", &[("K", true), ("x", true), ("y", true)], |v| {
            let (k, x, y) = (&v[0], &v[1], &v[2]);
            let (a, b) = step(k, x, y);
            let e = x.clone() * y.clone() - n(1);
            (a - y.clone() * (x.clone() / y.clone() - k.clone() * e.clone())).sqr() + (b - x.clone() * (y.clone() / x.clone() - k.clone() * e)).sqr()
        }),
        ident("L2.chain/ratio-form", "L2.chain", "with s = √(Δ² + 4p), x = (s + Δ)/2, y = (s − Δ)/2: xy = p, so y/x = (s − Δ)/(s + Δ)", &[("p", false), ("Δ", false)], |v| {
            let (p, dl) = (&v[0], &v[1]);
            let s = (dl.sqr() + n(4) * p.clone()).sqrt();
            (s.clone() + dl.clone()) * (s - dl.clone()) / n(4) - p.clone()
        }),
        ident("L2.chain/ratio-monotone", "L2.chain", "(s₂ − Δ)(s₁ + Δ) − (s₁ − Δ)(s₂ + Δ) = 2Δ(s₂ − s₁): (s − Δ)/(s + Δ) increases with s, so for xy ≥ 1 min{x/y, y/x} ≥ (√(Δ² + 4) − Δ)/(√(Δ² + 4) + Δ)", &[("s1", false), ("s2", false), ("Δ", false)], |v| {
            let (s1, s2, dl) = (&v[0], &v[1], &v[2]);
            (s2.clone() - dl.clone()) * (s1.clone() + dl.clone()) - (s1.clone() - dl.clone()) * (s2.clone() + dl.clone()) - n(2) * dl.clone() * (s2.clone() - s1.clone())
        }),
        ident("L2.chain/eq68-h", "L2.chain", "(68): from a step with z = xy and Δ² = (x − y)²: x'y' = h(z) = z(1 + K(1 − z))² + KΔ²(1 − z)", &[("K", true), ("z", false), ("D", false)], |v| {
            let (k, z, d) = (&v[0], &v[1], &v[2]);
            p_next(k, z, d) - (z.clone() * (n(1) + k.clone() * (n(1) - z.clone())).sqr() + k.clone() * d.clone() * (n(1) - z.clone()))
        }),
        ident("L2.chain/eq68-peak", "L2.chain", "(68): with z₀ = (1 + K)/(3K), z₀(1 + K − Kz₀)² − z(1 + K − Kz)² = K²(z − z₀)²(4z₀ − z): the first term of h peaks at z₀ on [0, 4z₀]", &[("K", true), ("z", false)], |v| {
            let (k, z) = (&v[0], &v[1]);
            let z0 = (n(1) + k.clone()) / (n(3) * k.clone());
            let h1 = |t: &Sym| t.clone() * (n(1) + k.clone() - k.clone() * t.clone()).sqr();
            h1(&z0) - h1(z) - k.sqr() * (z.clone() - z0.clone()).sqr() * (n(4) * z0 - z.clone())
        }),
        point("L2.chain/imbalance-grows", "at K = 11/10 from p₀ = 6/5, d₀ = 1/100 (a start in the certified region): d₁ − d₀ > 0, so |x − y| exceeds Δ₀ on the next step", Rel::Pos, quantity!("d₁ − d₀", |v| crate::models::product::d_next(&v[0], &v[1], &v[2]) - v[2].clone())),
        point("L2.chain/imbalance-step-below-one", "at the same point: 1 − p₁ > 0, so step 1 is a step with xy ≤ 1 (not in P)", Rel::Pos, quantity!("1 − p₁", |v| T::int(1) - crate::models::product::p_next(&v[0], &v[1], &v[2]))),
        point("L2.chain/imbalance-next-in-p", "at the same point: p₂ − 1 > 0, so step 2 is the next point of P and (68) must be taken with Δ₁ > Δ₀, not Δ₀", Rel::Pos, quantity!("p₂ − 1", |v| {
            let (k, p, d) = (&v[0], &v[1], &v[2]);
            let (p1, d1) = (crate::models::product::p_next(k, p, d), crate::models::product::d_next(k, p, d));
            crate::models::product::p_next(k, &p1, &d1) - T::int(1)
        })),
    ]);
    let _ = d_next::<f64>;
    FamilySpec {
        family: "lemma2",
        paper: "Lemma 2 and Appendix H (eqs. (13), (50)-(52), (66)-(68))",
        model: ("product", "(x, y) ↦ (x − K y (xy − 1), y − K x (xy − 1)), GD on ½(xy − 1)² with η = K (μ = 1 by L2.positive/scaling)"),
        claims,
        obligations,
    }
}
