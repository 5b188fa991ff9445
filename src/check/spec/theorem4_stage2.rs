//! Theorem 4, stage 2 (claim T4.stage2): the first state past v w_x = 1/(2π) reaches the
//! basin B within [`STEPS`] steps.
//!
//! By T4.stage1, state 1 is in stage 1, state 2 is in R or past 1/(2π), and from t = 2 on
//! every stage-1 state lies in R = {a ∈ [3/5, 11/10], α ∈ [0, 9/10]}. So the first state
//! past 1/(2π), x_{T₁}, is either state 2 of a start (T₁ = 2) or the image F(x) of a
//! stage-1 state x of R. The proof ([`crate::check::reach`]) covers both sources with the
//! cells of T4.stage1's own boxes and pushes x_{T₁} through grid cells over (v, w_x, |w_y|):
//!
//! - entry cells, a bisection of R's box (K, a, α, σ) (the invariance rule's box and
//!   guard): outside stage 1 (σ cos α > 1/(2π)), or F(x) still in stage 1, or F(x) in B,
//!   or F(x) inside the cells of generation 0;
//! - start cells, a bisection of (K, α₀, σ₀) (the start rule's box): state 2 in stage 1,
//!   or in B, or inside the cells of generation 0;
//! - generations 0, …, STEPS of grid cells: each cell of generation g lies in B or (g <
//!   STEPS) its image (natural extension of (77)-(80) ∩ mean-value form, w_y as |w_y|)
//!   lies inside the cells of generation g + 1; every cell of generation STEPS lies in B.
//!
//! Then x_{T₁+j} ∈ B for some j ≤ STEPS, and since T4.basin makes B invariant,
//! x_t ∈ B for every t ≥ T₁ + STEPS. B's constants are fixed here; the checker requires
//! T4.basin's rows to prove a set that contains this B.

/// B's c in |v² − w_x²| + M w_y² ≤ c.
pub const B_C: (i64, i64) = (3, 5);
/// B's M.
pub const B_M: (i64, i64) = (55, 1);
/// B's upper end P of v w_x.
pub const B_P: (i64, i64) = (7, 5);
/// B's lower end plo of v w_x.
pub const B_PLO: (i64, i64) = (7, 20);
/// B's largest |w_y|.
pub const B_RMAX: (i64, i64) = (12, 125);
/// Steps after T₁ within which B is reached (the paper's "+4").
pub const STEPS: usize = 4;

use super::{ObligationSpec, Rule};
use crate::arith::Real;

fn r<T: Real>(c: (i64, i64)) -> T {
    T::ratio(c.0, c.1)
}

/// B's defining quantities at (v, w_x, w_y): v, v w_x − plo, P − v w_x,
/// c − M w_y² ∓ (v² − w_x²) and rmax − |w_y|; all ≥ 0 exactly on B (v ≥ 0 and
/// v w_x ≥ plo > 0 give v, w_x > 0).
pub fn basin_margins<T: Real>(v: &T, wx: &T, wy: &T) -> [T; 6] {
    let p = v.clone() * wx.clone();
    let d = v.sqr() - wx.sqr();
    let room = r::<T>(B_C) - r::<T>(B_M) * wy.sqr();
    [
        v.clone(),
        p.clone() - r(B_PLO),
        r::<T>(B_P) - p,
        room.clone() - d.clone(),
        room + d,
        r::<T>(B_RMAX) - wy.sqr().sqrt(),
    ]
}

/// The row constants of T4.basin that prove a set containing this B: c ≥ B_C,
/// M ≤ B_M, P ≥ B_P, plo ≤ B_PLO, rmax ≥ B_RMAX (by name; `None` for a missing one).
pub fn basin_contains(consts: &dyn Fn(&str) -> Option<crate::arith::Q>) -> Result<(), String> {
    use crate::arith::Q;
    let q = |c: (i64, i64)| Q::from(c);
    let want: [(&str, Q, bool); 5] = [
        ("c", q(B_C), true),
        ("M", q(B_M), false),
        ("P", q(B_P), true),
        ("plo", q(B_PLO), false),
        ("rmax", q(B_RMAX), true),
    ];
    for (name, b, at_least) in want {
        let Some(x) = consts(name) else {
            return Err(format!("T4.basin row without the constant {name}"));
        };
        let ok = if at_least { x >= b } else { x <= b };
        if !ok {
            return Err(format!(
                "T4.basin row has {name} = {}, its set does not contain stage 2's B ({name} = {})",
                crate::arith::q::fmt(&x),
                crate::arith::q::fmt(&b)
            ));
        }
    }
    Ok(())
}

/// The obligation of T4.stage2.
pub fn obligations() -> Vec<ObligationSpec> {
    vec![ObligationSpec {
        id: "T4.stage2/reach",
        claim: "T4.stage2",
        statement: "for every K ∈ [1, 1.1]: every stage-1 state x ∈ R (a ∈ [3/5, 11/10], α ∈ [0, 9/10], σ cos α ≤ 1/(2π)) with v⁺w_x⁺ > 1/(2π), and every state 2 of a start (α₀ ∈ [0, 1.5708], σ₀ = ε² ∈ [0, 1/100]) with v₂w_x2 > 1/(2π), lands in B = {v, w_x > 0, 7/20 ≤ v w_x ≤ 7/5, |v² − w_x²| + 55 w_y² ≤ 3/5, |w_y| ≤ 12/125} within 4 steps of (77)-(80) at |w_y| (entry and start cells, then 5 generations of grid cells)",
        rule: Rule::Reach { steps: STEPS },
    }]
}
