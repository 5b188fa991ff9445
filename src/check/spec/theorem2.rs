//! Theorem 2 and Appendix F: the statements the checker proves about g_K(y) = y(1 + K − K y²)
//! for K ∈ (1, K★], K★ = √(9/2) − 1. The derivation that assembles them into the theorem
//! is `proofs/theorem2.md`.

use super::{n, r, ClaimSpec, FamilySpec, ObligationSpec, Rel, Rule};
use crate::arith::q::{fmt, Q};
use crate::arith::sym::Sym;
use crate::arith::{Field, Sqrt};
use crate::models::quartic::{
    self, delta1, delta2, dstep, dtwo_step, gd, orbit_a, orbit_b, step, two_step, x_max,
};
use crate::quantity;

/// The parameter domain of every Theorem 2 claim.
pub const K_DOMAIN: super::RangeSpec = ("K", "1", false, "sqrt(9/2)-1", true);

fn beyond_k_star(k: &Q) -> String {
    let v = Q::from(9) - Q::from(2) * (Q::from(1) + k).square();
    format!(
        "at K = {} the constraint 9 − 2(1 + K)² ≥ 0 fails (it equals {}), so x_m > δ₁ and the multiplier 7 − 4K − 2K² is negative there",
        fmt(k),
        fmt(&v)
    )
}

fn claim(id: &'static str, paper: &'static str, statement: &'static str) -> ClaimSpec {
    ClaimSpec {
        id,
        paper,
        statement,
        domain: vec![K_DOMAIN],
        beyond: Some(beyond_k_star),
    }
}

const K: &[(&str, bool)] = &[("K", true)];
const KY: &[(&str, bool)] = &[("K", true), ("y", false)];

fn ident(
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

fn sign(
    id: &'static str,
    claim: &'static str,
    statement: &'static str,
    rel: Rel,
    quantity: super::Quantity,
) -> ObligationSpec {
    ObligationSpec {
        id,
        claim,
        statement,
        rule: Rule::Sign {
            vars: &["K"],
            rel,
            quantity,
            extra: &[],
        },
    }
}

fn table(
    id: &'static str,
    claim: &'static str,
    statement: &'static str,
    quantity: super::Quantity,
) -> ObligationSpec {
    ObligationSpec {
        id,
        claim,
        statement,
        rule: Rule::Enclosure {
            vars: &["K"],
            quantity,
            extra: &[],
            max_width: "0.1",
        },
    }
}

/// The statement list.
pub fn spec() -> FamilySpec {
    let claims = vec![
        claim("T2.scaling", "Theorem 2; MATH.md §1", "for every μ > 0, GD on ¼(x² − μ)² with η = K/μ is conjugate to g_K by x = √μ y"),
        claim("T2.roots", "(4), (34), (35)", "g_K has exactly one positive period-2 orbit {δ₁, δ₂}, 0 < δ₁ < 1 < δ₂ < 2/√3, δ₁,₂ = ½(√(1 + 3/K) ∓ √(1 − 1/K)), δ₁δ₂ = 1/K, δ₁² + δ₂² = 1 + 1/K, and both solve (4)"),
        claim("T2.xm", "(37), (38)", "x_m = √((1 + K)/(3K)) ≤ δ₁, with equality only at K = K★"),
        claim("T2.eta", "(36)", "η(δ) = 1/(δ²(√(1/δ² − 3/4) + 1/2)) increases on (1, 2/√3], with maximum 3/2 at δ = 2/√3"),
        claim("T2.positive", "Appendix F, before Part I", "from any y₀ ∈ (0, 1) every iterate of g_K stays in (0, g(x_m)], hence positive"),
        claim("T2.basin", "(39)-(42)", "J = [x_m, 1) is mapped into itself by G = g∘g, G increases on J, G(y) > y on [x_m, δ₁), G(y) < y on (δ₁, 1), 0 ≤ G'(δ₁) = 7 − 4K − 2K² < 1, and below x_m g(y)/y ≥ 2(1 + K)/3"),
    ];
    let obligations = vec![
        ident("T2.scaling/conjugacy", "T2.scaling", "s·g_K(y) = x − η x (x² − μ) at x = s y, μ = s², η = K/μ", &[("K", true), ("s", true), ("y", false)], |v| {
            let (k, s, y) = (&v[0], &v[1], &v[2]);
            s.clone() * step(k, y) - gd(&(k.clone() / s.sqr()), &s.sqr(), &(s.clone() * y.clone()))
        }),
        ident("T2.roots/factorisation", "T2.roots", "G(y) − y = K⁴ y (y² − 1)(y² − 1 − 2/K)(y⁴ − (1 + 1/K) y² + 1/K²)", KY, |v| {
            let (k, y) = (&v[0], &v[1]);
            let y2 = y.sqr();
            two_step(k, y) - y.clone()
                - k.powi(4) * y.clone() * (y2.clone() - n(1)) * (y2.clone() - n(1) - n(2) / k.clone())
                    * (y2.sqr() - (n(1) + n(1) / k.clone()) * y2 + n(1) / k.sqr())
        }),
        ident("T2.roots/vieta-product", "T2.roots", "δ₁ δ₂ = 1/K", K, |v| delta1(&v[0]) * delta2(&v[0]) - n(1) / v[0].clone()),
        ident("T2.roots/vieta-sum", "T2.roots", "δ₁² + δ₂² = 1 + 1/K", K, |v| delta1(&v[0]).sqr() + delta2(&v[0]).sqr() - n(1) - n(1) / v[0].clone()),
        ident("T2.roots/orbit-1", "T2.roots", "g(δ₁) = δ₂", K, |v| step(&v[0], &delta1(&v[0])) - delta2(&v[0])),
        ident("T2.roots/orbit-2", "T2.roots", "g(δ₂) = δ₁", K, |v| step(&v[0], &delta2(&v[0])) - delta1(&v[0])),
        ident("T2.roots/eq4-delta1", "T2.roots", "K² δ₁⁴ − K (K + 1) δ₁² + 1 = 0 ((4) squared)", K, |v| eq4(&v[0], &delta1(&v[0]))),
        ident("T2.roots/eq4-delta2", "T2.roots", "K² δ₂⁴ − K (K + 1) δ₂² + 1 = 0 ((4) squared)", K, |v| eq4(&v[0], &delta2(&v[0]))),
        sign("T2.roots/eq4-range", "T2.roots", "2 − K δ₂² > 0 (the square root in (4) is taken of a positive side)", Rel::Pos, quantity!("2 − K δ₂²", |v| T::int(2) - v[0].clone() * quartic::delta2(&v[0]).sqr())),
        sign("T2.roots/delta1-positive", "T2.roots", "δ₁ > 0", Rel::Pos, quantity!("δ₁", |v| quartic::delta1(&v[0]))),
        ident("T2.roots/below-one", "T2.roots", "2 (2 + A)(1 − δ₁) = B (2 + A + 3B), A = √(1 + 3/K), B = √(1 − 1/K)", K, |v| {
            let (a, b) = (orbit_a(&v[0]), orbit_b(&v[0]));
            n(2) * (n(2) + a.clone()) * (n(1) - delta1(&v[0])) - b.clone() * (n(2) + a + n(3) * b)
        }),
        ident("T2.roots/above-one", "T2.roots", "2 (2 + A)(δ₂ − 1) = B (2 + A − 3B), A = √(1 + 3/K), B = √(1 − 1/K)", K, |v| {
            let (a, b) = (orbit_a(&v[0]), orbit_b(&v[0]));
            n(2) * (n(2) + a.clone()) * (delta2(&v[0]) - n(1)) - b.clone() * (n(2) + a - n(3) * b)
        }),
        sign("T2.roots/above-one-factor", "T2.roots", "2 + A − 3B > 0", Rel::Pos, quantity!("2 + A − 3B", |v| T::int(2) + quartic::orbit_a(&v[0]) - T::int(3) * quartic::orbit_b(&v[0]))),
        sign("T2.roots/delta2-bound", "T2.roots", "4/3 − δ₂² > 0", Rel::Pos, quantity!("4/3 − δ₂²", |v| T::ratio(4, 3) - quartic::delta2(&v[0]).sqr())),
        table("T2.roots/table-delta1", "T2.roots", "enclosure of δ₁ on each cell", quantity!("δ₁", |v| quartic::delta1(&v[0]))),
        table("T2.roots/table-delta2", "T2.roots", "enclosure of δ₂ on each cell", quantity!("δ₂", |v| quartic::delta2(&v[0]))),
        ident("T2.xm/gap", "T2.xm", "9 K² p(x_m²) = 9 − 2 (1 + K)², p(z) = z² − (1 + 1/K) z + 1/K²", K, |v| {
            let k = &v[0];
            let z = x_max(k).sqr();
            n(9) * k.sqr() * (z.sqr() - (n(1) + n(1) / k.clone()) * z + n(1) / k.sqr()) - (n(9) - n(2) * (n(1) + k.clone()).sqr())
        }),
        ident("T2.xm/left-of-vertex", "T2.xm", "(1 + 1/K)/2 − x_m² = (1 + K)/(6K)", K, |v| {
            let k = &v[0];
            (n(1) + n(1) / k.clone()) / n(2) - x_max(k).sqr() - (n(1) + k.clone()) / (n(6) * k.clone())
        }),
        ident("T2.xm/delta1-square", "T2.xm", "δ₁² = (1 + 1/K − A B)/2, A = √(1 + 3/K), B = √(1 − 1/K)", K, |v| {
            let k = &v[0];
            delta1(k).sqr() - (n(1) + n(1) / k.clone() - orbit_a(k) * orbit_b(k)) / n(2)
        }),
        ident("T2.xm/delta2-square", "T2.xm", "δ₂² = (1 + 1/K + A B)/2, A = √(1 + 3/K), B = √(1 − 1/K)", K, |v| {
            let k = &v[0];
            delta2(k).sqr() - (n(1) + n(1) / k.clone() + orbit_a(k) * orbit_b(k)) / n(2)
        }),
        table("T2.xm/table-xm", "T2.xm", "enclosure of x_m on each cell", quantity!("x_m", |v| quartic::x_max(&v[0]))),
        ident("T2.eta/reparametrise", "T2.eta", "with s = √(1/δ² − 3/4): δ² (s + 1/2)(s² + 3/4) = s + 1/2, i.e. 1/η(δ) = φ(s) = (s + 1/2)/(s² + 3/4)", &[("δ", true)], |v| {
            let d2 = v[0].sqr();
            let s = (n(1) / d2.clone() - r(3, 4)).sqrt();
            d2 * (s.clone() + r(1, 2)) * (s.sqr() + r(3, 4)) - (s + r(1, 2))
        }),
        ident("T2.eta/monotone", "T2.eta", "(s₂ + ½)(s₁² + ¾) − (s₁ + ½)(s₂² + ¾) = (s₂ − s₁)[(½ − s₁)(½ + s₂) + (½ − s₂)]", &[("s1", false), ("s2", false)], |v| {
            let (s1, s2) = (v[0].clone(), v[1].clone());
            (s2.clone() + r(1, 2)) * (s1.sqr() + r(3, 4)) - (s1.clone() + r(1, 2)) * (s2.sqr() + r(3, 4))
                - (s2.clone() - s1.clone()) * ((r(1, 2) - s1) * (r(1, 2) + s2.clone()) + (r(1, 2) - s2))
        }),
        ident("T2.positive/peak", "T2.positive", "g(x_m)² = 4 (1 + K)³ / (27 K)", K, |v| {
            let k = &v[0];
            step(k, &x_max(k)).sqr() - n(4) * (n(1) + k.clone()).powi(3) / (n(27) * k.clone())
        }),
        ident("T2.positive/sign-of-g", "T2.positive", "g(y) = K y ((1 + K)/K − y²)", KY, |v| {
            let (k, y) = (&v[0], &v[1]);
            step(k, y) - k.clone() * y.clone() * ((n(1) + k.clone()) / k.clone() - y.sqr())
        }),
        sign("T2.positive/margin", "T2.positive", "(1 + K)/K − 4 (1 + K)³/(27 K) > 0, so g(x_m)² < (1 + K)/K", Rel::Pos, quantity!("(1 + K)/K − 4(1 + K)³/(27K)", |v| {
            let k = &v[0];
            (T::int(1) + k.clone()) / k.clone() - T::int(4) * (T::int(1) + k.clone()).powi(3) / (T::int(27) * k.clone())
        })),
        ident("T2.basin/derivative", "T2.basin", "g'(y) = 3K (x_m² − y²)", KY, |v| {
            let (k, y) = (&v[0], &v[1]);
            dstep(k, y) - n(3) * k.clone() * (x_max(k).sqr() - y.sqr())
        }),
        ident("T2.basin/above-diagonal", "T2.basin", "g(y) − y = K y (1 − y)(1 + y)", KY, |v| {
            let (k, y) = (&v[0], &v[1]);
            step(k, y) - y.clone() - k.clone() * y.clone() * (n(1) - y.clone()) * (n(1) + y.clone())
        }),
        sign("T2.basin/xm-below-one", "T2.basin", "1 − x_m > 0", Rel::Pos, quantity!("1 − x_m", |v| T::int(1) - quartic::x_max(&v[0]))),
        ident("T2.basin/multiplier", "T2.basin", "G'(δ₁) = g'(g(δ₁)) g'(δ₁) = 7 − 4K − 2K² = 9 − 2(1 + K)²", K, |v| {
            let k = &v[0];
            dtwo_step(k, &delta1(k)) - (n(9) - n(2) * (n(1) + k.clone()).sqr())
        }),
        ident("T2.basin/multiplier-below-one", "T2.basin", "1 − (7 − 4K − 2K²) = 2 (K − 1)(K + 3)", K, |v| {
            let k = v[0].clone();
            n(1) - (n(7) - n(4) * k.clone() - n(2) * k.sqr()) - n(2) * (k.clone() - n(1)) * (k + n(3))
        }),
        ident("T2.basin/escape", "T2.basin", "1 + K (1 − x_m²) = 2 (1 + K)/3, the least value of g(y)/y = 1 + K(1 − y²) for y ≤ x_m", K, |v| {
            let k = &v[0];
            n(1) + k.clone() * (n(1) - x_max(k).sqr()) - n(2) * (n(1) + k.clone()) / n(3)
        }),
        table("T2.basin/table-multiplier", "T2.basin", "enclosure of the multiplier G'(δ₁) = 7 − 4K − 2K² (T2.basin/multiplier) on each cell", quantity!("7 − 4K − 2K²", |v| {
            let k = &v[0];
            T::int(7) - T::int(4) * k.clone() - T::int(2) * k.sqr()
        })),
    ];
    FamilySpec {
        family: "theorem2",
        paper: "Theorem 2 and Appendix F (eqs. (4), (34)-(42))",
        model: (
            "quartic",
            "g_K(y) = y (1 + K − K y²), GD on ¼(y² − 1)² with η = K (μ = 1 by T2.scaling)",
        ),
        claims,
        obligations,
    }
}

/// K² δ⁴ − K (K + 1) δ² + 1, which vanishes exactly when δ solves (4) squared.
fn eq4(k: &Sym, d: &Sym) -> Sym {
    let d2 = d.sqr();
    k.sqr() * d2.sqr() - k.clone() * (k.clone() + n(1)) * d2 + n(1)
}
