//! Theorem 4's basin as a region (claim T4.basin), for every K ∈ (1, 1.1].
//!
//! With p = v w_x, Δ = v − w_x, d = v² − w_x² = Δ √(Δ² + 4p) and r = |w_y|, the basin of a
//! K row with constants (c, M, P, plo, rmax) is
//!
//!   B = {v > 0, w_x > 0, plo ≤ p ≤ P, |d| + M r² ≤ c, 0 ≤ r ≤ rmax}.
//!
//! It holds a piece of the curve v w_x = 1, w_y = 0 of fixed points and the period-2 orbit.
//! The step splits into the 2-D product step (the map at w_y = 0) and a remainder of order
//! r²: with x = v, y = w_x, x₀ = x − K y (p − 1), y₀ = y − K x (p − 1) and α = atan(r/y),
//!
//!   v⁺ = x₀ + r² ε₁,   ε₁ ∈ [−K x, −K x + (K/(3π)) r/y²],
//!   w_x⁺ = y₀ + r² ε₂, |ε₂| ≤ (2K x/(3π)) r/y³,
//!
//! by the identities below and the two calculus facts 0 ≤ t − atan t ≤ t³/3 and
//! 0 ≤ atan t − t/(1 + t²) ≤ 2t³/3 for t ≥ 0 (proofs/theorem4.md). The product part obeys
//! x₀² − y₀² = d (1 − K²(p − 1)²) exactly. So on B, with E₁, E₂ the bounds of |ε₁|, |ε₂| at
//! r = rmax, |d⁺| ≤ |d| |1 − K²(p − 1)²| + r² F and |p⁺ − x₀y₀| ≤ rmax² G; the conditions
//! of the region rule then give p⁺ ∈ [plo, P], |d⁺| + M r⁺² ≤ |d| + M r² ≤ c (using
//! |r⁺| ≤ ρ r, ρ = 1 − 0.03K, and F + M ρ² ≤ M) and v⁺, w_x⁺ > 0: B is mapped into itself
//! and w_y contracts by ρ on it. All conditions are in (K, p, Δ); r enters only through
//! rmax, so the cells are boxes in (K, p, Δ).

use super::product_common::ident;
use super::{Condition, ObligationSpec, Quantity, RegionRule, Rel, Rule};
use crate::arith::q::Q;
use crate::arith::sym::Sym;
use crate::arith::{Field, Real, Sqrt};
use crate::quantity;

/// The terms of the conditions at a point (K, p, Δ) with the row's rmax.
pub struct Terms<T> {
    /// v.
    pub x: T,
    /// w_x.
    pub y: T,
    /// The product step's v⁺: x − K y (p − 1).
    pub x0: T,
    /// The product step's w_x⁺: y − K x (p − 1).
    pub y0: T,
    /// Bound of |ε₁| for r ≤ rmax: K x + (K/(3π)) rmax/y².
    pub e1: T,
    /// Bound of |ε₂| for r ≤ rmax: (2K x/(3π)) rmax/y³.
    pub e2: T,
    /// ρ = 1 − 0.03K, the contraction factor of w_y.
    pub rho: T,
    /// rmax.
    pub rmax: T,
}

impl<T: Real> Terms<T> {
    /// F = 2v₀⁺E₁ + rmax²E₁² + 2w₀⁺E₂ + rmax²E₂², the bound of |d⁺ − d λ|/r².
    pub fn f(&self) -> T {
        let r2 = self.rmax.sqr();
        T::int(2) * self.x0.clone() * self.e1.clone()
            + r2.clone() * self.e1.sqr()
            + T::int(2) * self.y0.clone() * self.e2.clone()
            + r2 * self.e2.sqr()
    }

    /// G = v₀⁺E₂ + w₀⁺E₁ + rmax²E₁E₂, the bound of |p⁺ − v₀⁺w₀⁺|/rmax².
    pub fn g(&self) -> T {
        self.x0.clone() * self.e2.clone()
            + self.y0.clone() * self.e1.clone()
            + self.rmax.sqr() * self.e1.clone() * self.e2.clone()
    }
}

/// The terms at `v = [K, p, Δ, c, M, P, dcap, plo, rmax]`.
pub fn terms<T: Real>(v: &[T]) -> Terms<T> {
    let (k, p, dl, rmax) = (&v[0], &v[1], &v[2], &v[8]);
    let s = (dl.sqr() + T::int(4) * p.clone()).sqrt();
    let x = (s.clone() + dl.clone()) / T::int(2);
    let y = (s - dl.clone()) / T::int(2);
    let e = p.clone() - T::int(1);
    let x0 = x.clone() - k.clone() * y.clone() * e.clone();
    let y0 = y.clone() - k.clone() * x.clone() * e;
    let pi3 = T::int(3) * T::pi();
    let e1 = k.clone() * x.clone() + k.clone() / pi3.clone() * rmax.clone() / y.sqr();
    let e2 = T::int(2) * k.clone() * x.clone() / pi3 * rmax.clone() / y.powi(3);
    let rho = T::int(1) - T::ratio(3, 100) * k.clone();
    Terms {
        x,
        y,
        x0,
        y0,
        e1,
        e2,
        rho,
        rmax: rmax.clone(),
    }
}

/// The row box from the constants (c, M, P, dcap, plo, rmax), or why they are refused.
pub fn bounds(c: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    let (cc, m, pp, dcap, plo, rmax) = (&c[0], &c[1], &c[2], &c[3], &c[4], &c[5]);
    if *cc <= 0 || *m <= 0 {
        return Err("need c > 0 and M > 0".into());
    }
    if *plo <= 0 || *pp <= *plo {
        return Err("need 0 < plo < P".into());
    }
    if *rmax <= 0 || *rmax > Q::from((1, 10)) {
        return Err("need 0 < rmax ≤ 1/10 (the theorem's bound on w_y)".into());
    }
    let d2 = Q::from(dcap * dcap);
    if *dcap < 0 || Q::from(&d2 * &(d2.clone() + Q::from(4) * plo)) < Q::from(cc * cc) {
        return Err("need dcap²(dcap² + 4 plo) ≥ c², so that |Δ| ≤ dcap on the region".into());
    }
    Ok(vec![
        (plo.clone(), pp.clone()),
        (Q::from(-dcap), dcap.clone()),
    ])
}

/// The region's guard: c² − Δ²(Δ² + 4p) = c² − d² ≥ 0 (r = 0 is the widest slice).
pub fn guard() -> Quantity {
    quantity!("c² − Δ²(Δ² + 4p)", |v| v[3].sqr()
        - v[2].sqr() * (v[2].sqr() + T::int(4) * v[1].clone()))
}

fn cond(quantity: Quantity, rel: Rel) -> Condition {
    Condition {
        quantity,
        rel,
        applies: None,
    }
}

/// What must hold on every cell of the region.
pub fn conditions() -> Vec<Condition> {
    vec![
        cond(
            quantity!("ρ + (1 − K v²): (80) ≥ −ρ", |v| {
                let t = crate::check::spec::theorem4_region::terms(v);
                t.rho + T::int(1) - v[0].clone() * t.x.sqr()
            }),
            Rel::NonNeg,
        ),
        cond(
            quantity!(
                "ρ − (1 − K v² + K v rmax/(π w_x²)): (80) ≤ ρ",
                |v| {
                    let t = crate::check::spec::theorem4_region::terms(v);
                    let k = &v[0];
                    t.rho
                        - (T::int(1) - k.clone() * t.x.sqr()
                            + k.clone() * t.x.clone() * t.rmax / (T::pi() * t.y.sqr()))
                }
            ),
            Rel::NonNeg,
        ),
        cond(
            quantity!("2 − K²(p − 1)²: |1 − K²(p − 1)²| ≤ 1", |v| T::int(2)
                - (v[0].clone() * (v[1].clone() - T::int(1))).sqr()),
            Rel::NonNeg,
        ),
        cond(
            quantity!("v₀⁺ − rmax² E₁: v⁺ > 0", |v| {
                let t = crate::check::spec::theorem4_region::terms(v);
                t.x0 - t.rmax.sqr() * t.e1
            }),
            Rel::Pos,
        ),
        cond(
            quantity!("w₀⁺ − rmax² E₂: w_x⁺ > 0", |v| {
                let t = crate::check::spec::theorem4_region::terms(v);
                t.y0 - t.rmax.sqr() * t.e2
            }),
            Rel::Pos,
        ),
        cond(
            quantity!(
                "M(1 − ρ²) − F: |d⁺| + M r⁺² ≤ |d| + M r²",
                |v| {
                    let t = crate::check::spec::theorem4_region::terms(v);
                    v[4].clone() * (T::int(1) - t.rho.sqr()) - t.f()
                }
            ),
            Rel::NonNeg,
        ),
        cond(
            quantity!("P − (v₀⁺w₀⁺ + rmax² G): p⁺ ≤ P", |v| {
                let t = crate::check::spec::theorem4_region::terms(v);
                v[5].clone() - (t.x0.clone() * t.y0.clone() + t.rmax.sqr() * t.g())
            }),
            Rel::NonNeg,
        ),
        cond(
            quantity!("v₀⁺w₀⁺ − rmax² G − plo: p⁺ ≥ plo", |v| {
                let t = crate::check::spec::theorem4_region::terms(v);
                t.x0.clone() * t.y0.clone() - t.rmax.sqr() * t.g() - v[7].clone()
            }),
            Rel::NonNeg,
        ),
    ]
}

/// The region rule of T4.basin.
pub fn region_rule() -> RegionRule {
    RegionRule {
        constants: &["c", "M", "P", "dcap", "plo", "rmax"],
        vars: &["K", "p", "Δ"],
        bounds,
        guard: guard(),
        derived: None,
        conditions: conditions(),
    }
}

/// Variables of the decomposition identities: K, v, w_x, w_y, π, α (α = atan(w_y/w_x) a
/// free symbol: the identities hold for every α).
const VARS: &[(&str, bool)] = &[
    ("K", true),
    ("v", true),
    ("w_x", true),
    ("w_y", true),
    ("π", true),
    ("α", false),
];

/// The obligations of T4.basin.
pub fn obligations() -> Vec<ObligationSpec> {
    vec![
        ident("T4.basin/v-split", "T4.basin", "(77) = product step + remainder: v⁺ = v − K w_x (v w_x − 1) − K v w_y² + (K/π)(w_y − α w_x), and w_y − α w_x = w_x (t − atan t) ∈ [0, w_x t³/3] with t = w_y/w_x, so v⁺ = v₀⁺ + w_y² ε₁, ε₁ ∈ [−K v, −K v + (K/(3π)) w_y/w_x²]", VARS, |x| {
            let (k, v, wx, wy, pi, al) = (&x[0], &x[1], &x[2], &x[3], &x[4], &x[5]);
            let eq77 = v.clone() - k.clone() * (v.clone() * (wx.sqr() + wy.sqr()) - (wy.clone() + (pi.clone() - al.clone()) * wx.clone()) / pi.clone());
            let split = v.clone() - k.clone() * wx.clone() * (v.clone() * wx.clone() - Sym::int(1)) - k.clone() * v.clone() * wy.sqr() + k.clone() / pi.clone() * (wy.clone() - al.clone() * wx.clone());
            eq77 - split
        }),
        ident("T4.basin/wx-split", "T4.basin", "(78) times n = w_x² + w_y² = product step + remainder: n w_x⁺ = n [w_x − K v (v w_x − 1)] − (K v/π)(α n − w_x w_y), and α − w_x w_y/n = atan t − t/(1 + t²) ∈ [0, 2t³/3], so w_x⁺ = w₀⁺ + w_y² ε₂, |ε₂| ≤ (2K v/(3π)) w_y/w_x³", VARS, |x| {
            let (k, v, wx, wy, pi, al) = (&x[0], &x[1], &x[2], &x[3], &x[4], &x[5]);
            let n = wx.sqr() + wy.sqr();
            let eq78_n = n.clone() * wx.clone() - k.clone() * (v.sqr() * wx.clone() * n.clone() - v.clone() / pi.clone() * ((pi.clone() - al.clone()) * n.clone() + wx.clone() * wy.clone()));
            let split = n.clone() * (wx.clone() - k.clone() * v.clone() * (v.clone() * wx.clone() - Sym::int(1))) - k.clone() * v.clone() / pi.clone() * (al.clone() * n - wx.clone() * wy.clone());
            eq78_n - split
        }),
        ident("T4.basin/wy-factor", "T4.basin", "(80) times n: n − K v (v n − w_y/π) = n (1 − K v²) + K v w_y/π, and 0 ≤ w_y/n ≤ w_y/w_x², so the factor lies in [1 − K v², 1 − K v² + K v w_y/(π w_x²)]", VARS, |x| {
            let (k, v, wx, wy, pi) = (&x[0], &x[1], &x[2], &x[3], &x[4]);
            let n = wx.sqr() + wy.sqr();
            (n.clone() - k.clone() * v.clone() * (v.clone() * n.clone() - wy.clone() / pi.clone())) - (n * (Sym::int(1) - k.clone() * v.sqr()) + k.clone() * v.clone() * wy.clone() / pi.clone())
        }),
        ident("T4.basin/product-d", "T4.basin", "the product step at w_y = 0: v₀⁺² − w₀⁺² = (v² − w_x²)(1 − K²(v w_x − 1)²)", VARS, |x| {
            let (k, v, wx) = (&x[0], &x[1], &x[2]);
            let e = v.clone() * wx.clone() - Sym::int(1);
            let x0 = v.clone() - k.clone() * wx.clone() * e.clone();
            let y0 = wx.clone() - k.clone() * v.clone() * e.clone();
            x0.sqr() - y0.sqr() - (v.sqr() - wx.sqr()) * (Sym::int(1) - k.sqr() * e.sqr())
        }),
        ident("T4.basin/coordinates", "T4.basin", "with s = √(Δ² + 4p), v = (s + Δ)/2, w_x = (s − Δ)/2: v w_x = p and v² − w_x² = Δ s, so (p, Δ) with the guard Δ²(Δ² + 4p) ≤ c² covers B", &[("p", false), ("Δ", false)], |x| {
            let (p, dl) = (&x[0], &x[1]);
            let s = (dl.sqr() + Sym::int(4) * p.clone()).sqrt();
            let v = (s.clone() + dl.clone()) / Sym::int(2);
            let w = (s.clone() - dl.clone()) / Sym::int(2);
            (v.clone() * w.clone() - p.clone()).sqr() + (v.sqr() - w.sqr() - dl.clone() * s).sqr()
        }),
        ObligationSpec {
            id: "T4.basin/region",
            claim: "T4.basin",
            statement: "on each K row, on every cell of (K, p, Δ) ∈ [K row] × [plo, P] × [−dcap, dcap] meeting Δ²(Δ² + 4p) ≤ c² (v = (s + Δ)/2, w_x = (s − Δ)/2, s = √(Δ² + 4p), v₀⁺ = v − K w_x (p − 1), w₀⁺ = w_x − K v (p − 1), ρ = 1 − 0.03K, E₁ = K v + (K/(3π)) rmax/w_x², E₂ = (2Kv/(3π)) rmax/w_x³, F = 2v₀⁺E₁ + rmax²E₁² + 2w₀⁺E₂ + rmax²E₂², G = v₀⁺E₂ + w₀⁺E₁ + rmax²E₁E₂): 1 − K v² ≥ −ρ, 1 − K v² + K v rmax/(π w_x²) ≤ ρ, K²(p − 1)² ≤ 2, v₀⁺ − rmax²E₁ > 0, w₀⁺ − rmax²E₂ > 0, F ≤ M(1 − ρ²), v₀⁺w₀⁺ + rmax²G ≤ P, v₀⁺w₀⁺ − rmax²G ≥ plo",
            rule: Rule::Region(region_rule()),
        },
    ]
}
