//! Appendix L and Section 6.1: stability of the period-2 orbit of g_K and the period-4
//! orbits beyond it. Derivation: `proofs/appendix-l.md`.

use super::{n, ClaimSpec, FamilySpec, ObligationSpec, Rule};
use crate::arith::sym::Sym;
use crate::arith::{Field, Sqrt};
use crate::models::quartic::{delta2, multiplier, orbit_a, orbit_b};

const K: &[(&str, bool)] = &[("K", true)];

fn ident(id: &'static str, statement: &'static str, expr: fn(&[Sym]) -> Sym) -> ObligationSpec {
    ObligationSpec {
        id,
        claim: "AL.stable",
        statement,
        rule: Rule::Identity { vars: K, expr },
    }
}

fn newton(id: &'static str, k: &'static str, stability: &'static str) -> ObligationSpec {
    let statement = if stability == "attracting" {
        "g_K has a prime period-4 orbit, unique in the box y, with multiplier in (−1, 1)"
    } else {
        "g_K has a prime period-4 orbit, unique in the box y, with |multiplier| > 1"
    };
    ObligationSpec {
        id,
        claim: "AL.period4",
        statement,
        rule: Rule::Newton {
            k,
            period: 4,
            stability,
        },
    }
}

/// The statement list.
pub fn spec() -> FamilySpec {
    let claims = vec![
        ClaimSpec {
            id: "AL.stable",
            paper: "Appendix L; Section 6.1",
            statement: "the period-2 orbit {δ₁, δ₂} exists (solving (4)) for K ∈ (1, 3/2] and is locally attracting iff K < √5 − 1: its multiplier is 9 − 2(1 + K)²",
            domain: vec![("K", "1", false, "3/2", true)],
            beyond: Some(|k| {
                let v = crate::arith::Q::from(3) - crate::arith::Q::from(2) * k;
                format!("at K = {} the constraint 3 − 2K ≥ 0 fails (3 − 2K = {}), so K δ₂² > 2 and δ₂ does not solve (4)", crate::arith::q::fmt(k), crate::arith::q::fmt(&v))
            }),
        },
        ClaimSpec {
            id: "AL.period4",
            paper: "Appendix L; Figure 12",
            statement: "for K = 1.24, 1.25, 1.27 a prime period-4 orbit exists, is unique in a small box and is attracting; at K = 1.3 it is repelling; its multiplier crosses −1 at a K enclosed to width 1e-6",
            domain: vec![("K", "1.24", true, "1.3", true)],
            beyond: None,
        },
    ];
    let obligations = vec![
        ident("AL.stable/multiplier", "g'(δ₁) g'(δ₂) = 9 − 2 (1 + K)²", |v| multiplier(&v[0]) - (n(9) - n(2) * (n(1) + v[0].clone()).sqr())),
        ident("AL.stable/below-one", "1 − (9 − 2(1 + K)²) = 2 (K − 1)(K + 3)", |v| {
            let k = v[0].clone();
            n(1) - (n(9) - n(2) * (n(1) + k.clone()).sqr()) - n(2) * (k.clone() - n(1)) * (k + n(3))
        }),
        ident("AL.stable/above-minus-one", "(9 − 2(1 + K)²) + 1 = 2 (√5 − 1 − K)(√5 + 1 + K)", |v| {
            let k = v[0].clone();
            let r5 = n(5).sqrt();
            (n(9) - n(2) * (n(1) + k.clone()).sqr()) + n(1) - n(2) * (r5.clone() - n(1) - k.clone()) * (r5 + n(1) + k)
        }),
        ident("AL.stable/exists-product", "(K A B)² = (K + 3)(K − 1), A = √(1 + 3/K), B = √(1 − 1/K)", |v| {
            let k = v[0].clone();
            (k.clone() * orbit_a(&k) * orbit_b(&k)).sqr() - (k.clone() + n(3)) * (k - n(1))
        }),
        ident("AL.stable/exists-form", "2 − K δ₂² = (3 − K − K A B)/2", |v| {
            let k = v[0].clone();
            n(2) - k.clone() * delta2(&k).sqr() - (n(3) - k.clone() - k.clone() * orbit_a(&k) * orbit_b(&k)) / n(2)
        }),
        ident("AL.stable/exists-gap", "(3 − K)² − (K + 3)(K − 1) = 4 (3 − 2K)", |v| {
            let k = v[0].clone();
            (n(3) - k.clone()).sqr() - (k.clone() + n(3)) * (k.clone() - n(1)) - n(4) * (n(3) - n(2) * k)
        }),
        newton("AL.period4/k1.24", "1.24", "attracting"),
        newton("AL.period4/k1.25", "1.25", "attracting"),
        newton("AL.period4/k1.27", "1.27", "attracting"),
        newton("AL.period4/k1.3", "1.3", "repelling"),
        ObligationSpec {
            id: "AL.period4/doubling",
            claim: "AL.period4",
            statement: "on the K interval k a period-4 orbit continues uniquely in the box y and its multiplier crosses −1",
            rule: Rule::Crossing { period: 4, value: "-1", max_width: "0.000001" },
        },
    ];
    FamilySpec {
        family: "appendix-l",
        paper: "Appendix L and Section 6.1 (Figure 12)",
        model: ("quartic", "g_K(y) = y (1 + K − K y²)"),
        claims,
        obligations,
    }
}
