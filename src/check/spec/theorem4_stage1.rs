//! Theorem 4, stage 1 (claim T4.stage1): while v w_x ≤ 1/(2π), in coordinates that stay
//! bounded as ε → 0.
//!
//! Write a state as v = √σ u, (w_x, w_y) = √σ (m_x, m_y) with σ = v ‖w‖ (the scale) and
//! a = v/‖w‖ = u² (so ‖m‖² = 1/a) and α = atan2(m_y, m_x). Every term of (77)-(79) is
//! homogeneous of degree 1 or 3 in (v, w) and α does not change with the scale, so one step
//! is √σ times the *scaled step* below, in which the cubic terms carry the factor σ; it is
//! defined at σ = 0 (the identities `T4.stage1/scaling-*` check this against (77)-(79)).
//!
//! Two region rules, with the constants of this module fixed in the statement:
//! - `T4.stage1/start`, cells (K, α₀, σ₀) ∈ [1, 1.1] × [0, 1.5708] × [0, 1/100]: the start
//!   a₀ = 1 (v₀ = ‖w₀‖ = ε, σ₀ = ε² ≤ 1/100, ⟨w₀, w̃⟩ ≥ 0 ⇔ α₀ ≤ π/2). After one step the
//!   state is still in stage 1; after two, a² ∈ [ALO, AHI], α ≤ AMAX, v w_x ≥ KAPPA ε² and
//!   v w_x ≤ GAMMA_E: state 2 lies in R (if still in stage 1) or in E (if past).
//! - `T4.stage1/invariant`, cells (K, a, α, σ) ∈ [1, 1.1] × [ALO, AHI] × [0, AMAX] × [0, SMAX]
//!   meeting the stage-1 guard σ cos α ≤ 1/(2π): the image has a² ∈ [ALO, AHI], α ≤ AMAX,
//!   v⁺ w_x⁺ ≥ GROWTH · v w_x, and v⁺ w_x⁺ ≤ GAMMA_E.
//!
//! The images are tested for a² ∈ [ALO, AHI] (a = u/‖m‖, so u² − ALO ‖m‖² = ‖m‖² (a² − ALO)):
//! a ∈ [√ALO, √AHI] ⊂ [0.774, 1.049], inside [ALO, AHI], so they lie in R a fortiori.
//!
//! So R = {a ∈ [ALO, AHI], α ∈ [0, AMAX]} is invariant while v w_x ≤ 1/(2π) (the stage-1
//! states of R lie in the cell box since σ ≤ 1/(2π cos AMAX) ≤ SMAX, checked by `bounds`),
//! v w_x grows by GROWTH = 2.56 (the paper's factor) per stage-1 step from t = 2, and the
//! first state past 1/(2π) lies in E = {a ∈ [ALO, AHI], α ∈ [0, AMAX], 1/(2π) < v w_x ≤ GAMMA_E}.

use super::product_common::ident;
use super::{Condition, ObligationSpec, Quantity, RegionRule, Rel, Rule};
use crate::arith::exact::QI;
use crate::arith::q::Q;
use crate::arith::{Field, Real};
use crate::{derived, quantity};

/// Lower end of a = v/‖w‖ on R.
pub const ALO: (i64, i64) = (3, 5);
/// Upper end of a on R.
pub const AHI: (i64, i64) = (11, 10);
/// Upper end of the angle α on R.
pub const AMAX: (i64, i64) = (9, 10);
/// Growth of v w_x per stage-1 step on R (the paper's 2.56).
pub const GROWTH: (i64, i64) = (64, 25);
/// v w_x at t = 2 is at least KAPPA ε².
pub const KAPPA: (i64, i64) = (2, 1);
/// v w_x of the first state past 1/(2π) is at most GAMMA_E.
pub const GAMMA_E: (i64, i64) = (4, 5);
/// σ on the stage-1 part of R is at most SMAX (since cos AMAX ≥ 1/(2π SMAX)).
pub const SMAX: (i64, i64) = (13, 50);
/// The start angle's upper end, a rational above π/2.
pub const TH0: (i64, i64) = (15708, 10000);
/// σ₀ = ε² ≤ 1/100.
pub const S0: (i64, i64) = (1, 100);

/// A scaled state (u, m_x, m_y) = (v, w_x, w_y)/√σ.
pub struct Scaled<T> {
    /// u.
    pub u: T,
    /// m_x.
    pub mx: T,
    /// m_y.
    pub my: T,
}

/// (77)-(79) scaled: the step of (√s u, √s m_x, √s m_y) divided by √s, at angle `al`.
pub fn scaled_step<T: Real>(k: &T, s: &T, x: &Scaled<T>, al: &T) -> Scaled<T> {
    let (u, mx, my) = (&x.u, &x.mx, &x.my);
    let n = mx.sqr() + my.sqr();
    let pi = T::pi();
    let u1 = u.clone()
        - k.clone()
            * (u.clone() * n.clone() * s.clone()
                - (my.clone() + (pi.clone() - al.clone()) * mx.clone()) / pi.clone());
    let mx1 = mx.clone()
        - k.clone()
            * (u.sqr() * mx.clone() * s.clone()
                - u.clone() / pi.clone()
                    * (pi.clone() - al.clone() + mx.clone() * my.clone() / n.clone()));
    let my1 = my.clone()
        - k.clone() * (u.sqr() * my.clone() * s.clone() - u.clone() / pi * (my.sqr() / n));
    Scaled {
        u: u1,
        mx: mx1,
        my: my1,
    }
}

/// The scaled state of (a, α): u = √a, (m_x, m_y) = (cos α, sin α)/√a.
pub fn from_coordinates<T: Real>(a: &T, al: &T) -> Scaled<T> {
    let r = a.sqrt();
    Scaled {
        u: r.clone(),
        mx: al.cos() / r.clone(),
        my: al.sin() / r,
    }
}

/// The angle of a scaled state with m_x > 0, w_y taken as |w_y|.
pub fn angle<T: Real>(x: &Scaled<T>) -> T {
    x.my.sqr().sqrt().atan2(&x.mx)
}

/// State 2 from the start (α₀, σ₀) with a₀ = 1 (state 1, with w_y as |w_y|, is returned too).
pub fn two_steps<T: Real>(k: &T, th: &T, s: &T) -> (Scaled<T>, Scaled<T>) {
    let x0 = Scaled {
        u: T::int(1),
        mx: th.cos(),
        my: th.sin(),
    };
    let x1 = scaled_step(k, s, &x0, th);
    // w_y is a norm: the next step starts from |w_y⁺|.
    let x1 = Scaled {
        my: x1.my.sqr().sqrt(),
        ..x1
    };
    let x2 = scaled_step(k, s, &x1, &angle(&x1));
    (x1, x2)
}

/// The scaled state stored at `v[i..i + 3]` (a rule's derived values).
fn stored<T: Clone>(v: &[T], i: usize) -> Scaled<T> {
    Scaled {
        u: v[i].clone(),
        mx: v[i + 1].clone(),
        my: v[i + 2].clone(),
    }
}

/// State 1 of a start cell `[K, α₀, σ₀]`, as the start rule derives it.
fn state1<T: Clone>(v: &[T]) -> Scaled<T> {
    stored(v, 3)
}

/// State 2 of a start cell, as the start rule derives it.
fn state2<T: Clone>(v: &[T]) -> Scaled<T> {
    stored(v, 6)
}

/// The flat list (state 1, state 2) of a scaled pair, for a rule's derived values.
fn flat<T>(x: Scaled<T>, y: Scaled<T>) -> Vec<T> {
    vec![x.u, x.mx, x.my, y.u, y.mx, y.my]
}

fn r<T: Real>(c: (i64, i64)) -> T {
    T::ratio(c.0, c.1)
}

/// a² ≥ ALO, a² ≤ AHI (a = u/‖m‖; these imply a ∈ [ALO, AHI]), α ≤ AMAX of a scaled state
/// with m_x > 0, as three quantities ≥ 0.
fn in_r<T: Real>(x: &Scaled<T>) -> [T; 3] {
    let n = x.mx.sqr() + x.my.sqr();
    let am: T = r(AMAX);
    [
        x.u.sqr() - r::<T>(ALO) * n.clone(),
        r::<T>(AHI) * n - x.u.sqr(),
        x.mx.sqr() * am.sin().sqr() - x.my.sqr() * am.cos().sqr(),
    ]
}

fn cond(quantity: Quantity, rel: Rel) -> Condition {
    Condition {
        quantity,
        rel,
        applies: None,
    }
}

/// The start box, after checking that it holds every start: TH0 ≥ π/2.
pub fn start_bounds(_: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    let half_pi = QI::pi() / QI::int(2);
    match half_pi.hi() {
        Some(h) if *h <= Q::from(TH0) => {}
        _ => return Err("the start angle's upper end must be at least π/2".into()),
    }
    Ok(vec![(Q::new(), Q::from(TH0)), (Q::new(), Q::from(S0))])
}

/// The box of R's stage-1 part, after checking SMAX cos AMAX ≥ 1/(2π).
pub fn invariant_bounds(_: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    let need = QI::point(Q::from(SMAX)) * QI::point(Q::from(AMAX)).cos()
        - QI::int(1) / (QI::int(2) * QI::pi());
    if !need.lo().is_some_and(|l| *l >= 0) {
        return Err("SMAX cos AMAX < 1/(2π): the box misses stage-1 states of R".into());
    }
    Ok(vec![
        (Q::from(ALO), Q::from(AHI)),
        (Q::new(), Q::from(AMAX)),
        (Q::new(), Q::from(SMAX)),
    ])
}

/// The start rule.
pub fn start_rule() -> RegionRule {
    RegionRule {
        vars: &["K", "α₀", "σ₀"],
        constants: &[],
        bounds: start_bounds,
        guard: quantity!("1 (every start)", |_v| T::int(1)),
        derived: Some(derived!(
            &["u₁", "m_x1", "m_y1", "u₂", "m_x2", "m_y2"],
            |v| {
                let (x1, x2) = two_steps(&v[0], &v[1], &v[2]);
                flat(x1, x2)
            }
        )),
        conditions: vec![
            cond(quantity!("u₁ (v₁ > 0)", |v| state1(v).u), Rel::Pos),
            cond(quantity!("m_x1 (w_x1 > 0)", |v| state1(v).mx), Rel::Pos),
            cond(
                quantity!("1/(2π) − σ₀ u₁ m_x1 (t = 1 is in stage 1)", |v| {
                    let x1 = state1(v);
                    T::int(1) / (T::int(2) * T::pi()) - v[2].clone() * x1.u * x1.mx
                }),
                Rel::NonNeg,
            ),
            cond(quantity!("u₂ (v₂ > 0)", |v| state2(v).u), Rel::Pos),
            cond(quantity!("m_x2 (w_x2 > 0)", |v| state2(v).mx), Rel::Pos),
            cond(
                quantity!("u₂² − ALO ‖m₂‖² (a₂² ≥ 3/5)", |v| in_r(
                    &state2(v)
                )[0]
                .clone()),
                Rel::NonNeg,
            ),
            cond(
                quantity!("AHI ‖m₂‖² − u₂² (a₂² ≤ 11/10)", |v| in_r(
                    &state2(v)
                )[1]
                .clone()),
                Rel::NonNeg,
            ),
            cond(
                quantity!(
                    "m_x2² sin² AMAX − m_y2² cos² AMAX (α₂ ≤ 9/10)",
                    |v| in_r(&state2(v))[2].clone()
                ),
                Rel::NonNeg,
            ),
            cond(
                quantity!("u₂ m_x2 − KAPPA (v₂ w_x2 ≥ 2 ε²)", |v| {
                    let x2 = state2(v);
                    x2.u * x2.mx - T::ratio(KAPPA.0, KAPPA.1)
                }),
                Rel::NonNeg,
            ),
            cond(
                quantity!("GAMMA_E − σ₀ u₂ m_x2 (v₂ w_x2 ≤ 4/5)", |v| {
                    let x2 = state2(v);
                    T::ratio(GAMMA_E.0, GAMMA_E.1) - v[2].clone() * x2.u * x2.mx
                }),
                Rel::NonNeg,
            ),
        ],
    }
}

/// One step of a cell of R: (state, image).
pub fn r_step<T: Real>(v: &[T]) -> (Scaled<T>, Scaled<T>) {
    let x = from_coordinates(&v[1], &v[2]);
    let y = scaled_step(&v[0], &v[3], &x, &v[2]);
    (x, y)
}

/// The stage-1 guard of a cell `[K, a, α, σ]`: 1/(2π) − v w_x = 1/(2π) − σ cos α.
pub fn stage1_guard() -> Quantity {
    quantity!("1/(2π) − σ cos α (stage 1)", |v| T::int(1)
        / (T::int(2) * T::pi())
        - v[3].clone() * v[2].cos())
}

/// A cell of R and its image, as the invariance rule derives them.
fn stepped<T: Clone>(v: &[T]) -> (Scaled<T>, Scaled<T>) {
    (stored(v, 4), stored(v, 7))
}

/// The invariance rule.
pub fn invariant_rule() -> RegionRule {
    RegionRule {
        vars: &["K", "a", "α", "σ"],
        constants: &[],
        bounds: invariant_bounds,
        guard: stage1_guard(),
        derived: Some(derived!(
            &["u", "m_x", "m_y", "u⁺", "m_x⁺", "m_y⁺"],
            |v| {
                let (x, y) = r_step(v);
                flat(x, y)
            }
        )),
        conditions: vec![
            cond(quantity!("u⁺ (v⁺ > 0)", |v| stepped(v).1.u), Rel::Pos),
            cond(quantity!("m_x⁺ (w_x⁺ > 0)", |v| stepped(v).1.mx), Rel::Pos),
            cond(
                quantity!("u⁺² − ALO ‖m⁺‖² (a⁺² ≥ 3/5)", |v| in_r(
                    &stepped(v).1
                )[0]
                .clone()),
                Rel::NonNeg,
            ),
            cond(
                quantity!("AHI ‖m⁺‖² − u⁺² (a⁺² ≤ 11/10)", |v| in_r(
                    &stepped(v).1
                )[1]
                .clone()),
                Rel::NonNeg,
            ),
            cond(
                quantity!(
                    "m_x⁺² sin² AMAX − m_y⁺² cos² AMAX (α⁺ ≤ 9/10)",
                    |v| in_r(&stepped(v).1)[2].clone()
                ),
                Rel::NonNeg,
            ),
            cond(
                quantity!(
                    "u⁺ m_x⁺ − GROWTH u m_x (v⁺w_x⁺ ≥ 2.56 v w_x)",
                    |v| {
                        let (x, y) = stepped(v);
                        y.u * y.mx - T::ratio(GROWTH.0, GROWTH.1) * x.u * x.mx
                    }
                ),
                Rel::NonNeg,
            ),
            cond(
                quantity!("GAMMA_E − σ u⁺ m_x⁺ (v⁺w_x⁺ ≤ 4/5)", |v| {
                    let y = stepped(v).1;
                    T::ratio(GAMMA_E.0, GAMMA_E.1) - v[3].clone() * y.u * y.mx
                }),
                Rel::NonNeg,
            ),
        ],
    }
}

/// Variables of the scaling identities: K, t (the scale √σ), u, m_x, m_y, π, α.
const VARS: &[(&str, bool)] = &[
    ("K", true),
    ("t", true),
    ("u", false),
    ("m_x", false),
    ("m_y", false),
    ("π", true),
    ("α", false),
];

/// The obligations of T4.stage1.
pub fn obligations() -> Vec<ObligationSpec> {
    vec![
        ident("T4.stage1/scaling-v", "T4.stage1", "(77) at (t u, t m_x, t m_y) is t times the scaled line u − K [u n t² − (1/π)(m_y + (π − α) m_x)], n = m_x² + m_y² (α is the same at every scale)", VARS, |x| {
            let (k, t, u, mx, my, pi, al) = (&x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &x[6]);
            let (v, wx, wy) = (t.clone() * u.clone(), t.clone() * mx.clone(), t.clone() * my.clone());
            let eq77 = v.clone() - k.clone() * (v * (wx.sqr() + wy.sqr()) - (wy + (pi.clone() - al.clone()) * wx) / pi.clone());
            let n = mx.sqr() + my.sqr();
            eq77 - t.clone() * (u.clone() - k.clone() * (u.clone() * n * t.sqr() - (my.clone() + (pi.clone() - al.clone()) * mx.clone()) / pi.clone()))
        }),
        ident("T4.stage1/scaling-wx", "T4.stage1", "(78) times n_t = (t m_x)² + (t m_y)² at (t u, t m_x, t m_y) is t³ times n [m_x − K (u² m_x t² − (u/π)(π − α + m_x m_y/n))]", VARS, |x| {
            let (k, t, u, mx, my, pi, al) = (&x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &x[6]);
            let (v, wx, wy) = (t.clone() * u.clone(), t.clone() * mx.clone(), t.clone() * my.clone());
            let nt = wx.sqr() + wy.sqr();
            let eq78_n = nt.clone() * wx.clone() - k.clone() * (v.sqr() * wx.clone() * nt.clone() - v.clone() / pi.clone() * ((pi.clone() - al.clone()) * nt + wx * wy));
            let n = mx.sqr() + my.sqr();
            let scaled_n = n.clone() * mx.clone() - k.clone() * (u.sqr() * mx.clone() * t.sqr() * n.clone() - u.clone() / pi.clone() * ((pi.clone() - al.clone()) * n + mx.clone() * my.clone()));
            eq78_n - t.powi(3) * scaled_n
        }),
        ident("T4.stage1/scaling-wy", "T4.stage1", "(79) times n_t at (t u, t m_x, t m_y) is t³ times n [m_y − K (u² m_y t² − (u/π) m_y²/n)]", VARS, |x| {
            let (k, t, u, mx, my, pi) = (&x[0], &x[1], &x[2], &x[3], &x[4], &x[5]);
            let (v, wx, wy) = (t.clone() * u.clone(), t.clone() * mx.clone(), t.clone() * my.clone());
            let nt = wx.sqr() + wy.sqr();
            let eq79_n = nt.clone() * wy.clone() - k.clone() * (v.sqr() * wy.clone() * nt - v.clone() / pi.clone() * wy.sqr());
            let n = mx.sqr() + my.sqr();
            let scaled_n = n.clone() * my.clone() - k.clone() * (u.sqr() * my.clone() * t.sqr() * n - u.clone() / pi.clone() * my.sqr());
            eq79_n - t.powi(3) * scaled_n
        }),
        ObligationSpec {
            id: "T4.stage1/start",
            claim: "T4.stage1",
            statement: "on every cell of (K, α₀, σ₀) ∈ [1, 1.1] × [0, 1.5708] × [0, 1/100] (a₀ = 1; 1.5708 ≥ π/2): v₁, w_x1 > 0, v₁w_x1 ≤ 1/(2π); v₂, w_x2 > 0, a₂ ∈ [3/5, 11/10], α₂ ≤ 9/10, 2 ε² ≤ v₂w_x2 ≤ 4/5 (scaled step of (77)-(79), |w_y| between steps)",
            rule: Rule::Region(start_rule()),
        },
        ObligationSpec {
            id: "T4.stage1/invariant",
            claim: "T4.stage1",
            statement: "on every cell of (K, a, α, σ) ∈ [1, 1.1] × [3/5, 11/10] × [0, 9/10] × [0, 13/50] meeting σ cos α ≤ 1/(2π) (13/50 · cos(9/10) ≥ 1/(2π)): v⁺, w_x⁺ > 0, a⁺ ∈ [3/5, 11/10], α⁺ ≤ 9/10, v⁺w_x⁺ ≥ 2.56 v w_x and v⁺w_x⁺ ≤ 4/5",
            rule: Rule::Region(invariant_rule()),
        },
    ]
}
