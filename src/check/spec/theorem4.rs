//! Theorem 4 and Appendix I (single-neuron ReLU network): the statements the checker
//! proves about the reduced map (77)-(80) with η = K d.
//!
//! Stated here: T4.threshold; T4.basin, a region basin holding a piece of the curve of
//! minima, on the paper's whole range K ∈ (1, 1.1] ([`super::theorem4_region`]); T4.stage1,
//! stage 1 in scale-free coordinates for every ε ∈ (0, 0.1] ([`super::theorem4_stage1`]);
//! T4.stage2, the first state past 1/(2π) reaching the region basin within 4 steps
//! ([`super::theorem4_stage2`]); and T4.grid-basin, unions of grid cells around the
//! period-2 orbit on K ∈ [1.01, 1.1] (below K = 1.01 no grid basin was found: the imbalance
//! v − w_x contracts at a rate that vanishes as K → 1).

use super::{n, ClaimSpec, FamilySpec, ObligationSpec, Rule};
use crate::arith::Field;

/// The K range of the grid basin.
pub const K_DOMAIN: super::RangeSpec = ("K", "1.01", true, "1.1", true);

/// The contraction rate of Theorem 4: |w_y⁺| ≤ (1 − 0.030 K) w_y.
pub const RATE: &str = "0.03";

/// Variables of the identities: K, v, w_x, w_y (w_x, w_y non-zero where divided by) and π.
const VARS: &[(&str, bool)] = &[
    ("K", true),
    ("v", false),
    ("w_x", true),
    ("w_y", true),
    ("π", true),
];

/// The statement list.
pub fn spec() -> FamilySpec {
    FamilySpec {
        family: "theorem4",
        paper: "Theorem 4 and Appendix I (eqs. (76)-(81), the basin (110)-(111))",
        model: ("neuron", "(v, w_x, w_y) ↦ (77)-(79), w_y⁺ = w_y [1 − K v (v − w_y/(π(w_x² + w_y²)))] (80), η = K d, evaluated at |w_y|"),
        claims: vec![ClaimSpec {
            id: "T4.threshold",
            paper: "(76), (80), (81)",
            statement: "(79) equals the factor form (80); for w_x > 0, Δw_y = −K v (w_y/w_x)[v w_x − (1/π) w_x w_y/(w_x² + w_y²)] (76), and w_x w_y/(w_x² + w_y²) ≤ 1/2, so w_y decreases whenever v w_x > 1/(2π) (v, w_y > 0): 1/(2π) is the threshold of (81)",
            domain: vec![("K", "1", false, "1.1", true)],
            beyond: None,
        }, ClaimSpec {
            id: "T4.basin",
            paper: "Theorem 4, Appendix I (110)-(111)",
            statement: "for every K ∈ (1, 1.1], in each K row of the certificate, the set B = {v > 0, w_x > 0, plo ≤ v w_x ≤ P, |v² − w_x²| + M w_y² ≤ c, 0 ≤ w_y ≤ rmax} (rmax ≤ 0.1) is mapped into itself (w_y taken as |w_y|) and |w_y⁺| ≤ (1 − 0.030K) w_y on B",
            domain: vec![("K", "1", false, "1.1", true)],
            beyond: None,
        }, ClaimSpec {
            id: "T4.stage1",
            paper: "Theorem 4, Appendix I (stage 1, the bound on T₁)",
            statement: "for every K ∈ (1, 1.1] and every start v₀ = ‖w₀‖ = ε ∈ (0, 0.1], ⟨w₀, w̃⟩ ≥ 0: T₁ ≥ 2, v₂w_x2 ≥ 2 ε²; while v w_x ≤ 1/(2π) from t = 2 on, the state stays in R = {v/‖w‖ ∈ [3/5, 11/10], α ∈ [0, 9/10]} and v w_x grows by at least 2.56 per step; the first state past 1/(2π) lies in E = {v/‖w‖ ∈ [3/5, 11/10], α ∈ [0, 9/10], 1/(2π) < v w_x ≤ 4/5}",
            domain: vec![("K", "1", false, "1.1", true)],
            beyond: None,
        }, ClaimSpec {
            id: "T4.stage2",
            paper: "Theorem 4, Appendix I (stage 2, the \"+4\" of t ≥ T₁ + 4)",
            statement: "for every K ∈ (1, 1.1]: the first state past v w_x = 1/(2π) (state 2 of a start, or the image of a stage-1 state of R) reaches B = {v, w_x > 0, 7/20 ≤ v w_x ≤ 7/5, |v² − w_x²| + 55 w_y² ≤ 3/5, |w_y| ≤ 12/125} within 4 steps; T4.basin's rows prove sets containing B",
            domain: vec![("K", "1", false, "1.1", true)],
            beyond: None,
        }, ClaimSpec {
            id: "T4.grid-basin",
            paper: "Theorem 4, Appendix I (110)-(111)",
            statement: "for every K ∈ [1.01, 1.1] (the paper claims (1, 1.1]) a set B ⊂ {w_x > 0, 0 ≤ w_y ≤ 0.1}, a union of grid cells holding the period-2 orbit (δ₁, δ₁, 0), (δ₂, δ₂, 0), is mapped into itself (w_y taken as |w_y|), and |w_y⁺| ≤ (1 − 0.030K) w_y on B",
            domain: vec![K_DOMAIN],
            beyond: None,
        }],
        obligations: vec![
            ObligationSpec {
                id: "T4.threshold/factor-form",
                claim: "T4.threshold",
                statement: "(79) = (80) times n² = w_x² + w_y² > 0: n² w_y − K [v² w_y n² − (v/π) w_y²] = w_y [n² − K v (v n² − w_y/π)], π a non-zero symbol",
                rule: Rule::Identity { vars: VARS, expr: |x| {
                    let (k, v, wx, wy, pi) = (&x[0], &x[1], &x[2], &x[3], &x[4]);
                    let n2 = wx.sqr() + wy.sqr();
                    (n2.clone() * wy.clone() - k.clone() * (v.sqr() * wy.clone() * n2.clone() - v.clone() / pi.clone() * wy.sqr()))
                        - wy.clone() * (n2.clone() - k.clone() * v.clone() * (v.clone() * n2 - wy.clone() / pi.clone()))
                } },
            },
            ObligationSpec {
                id: "T4.threshold/eq76",
                claim: "T4.threshold",
                statement: "(76) times n² = w_x² + w_y² > 0, w_x ≠ 0: n² (w_y⁺ − w_y) = −K v (w_y/w_x) [v w_x n² − (1/π) w_x w_y], with n² w_y⁺ = n² w_y − K [v² w_y n² − (v/π) w_y²] from (79)",
                rule: Rule::Identity { vars: VARS, expr: |x| {
                    let (k, v, wx, wy, pi) = (&x[0], &x[1], &x[2], &x[3], &x[4]);
                    let n2 = wx.sqr() + wy.sqr();
                    let step_n2 = n2.clone() * wy.clone() - k.clone() * (v.sqr() * wy.clone() * n2.clone() - v.clone() / pi.clone() * wy.sqr());
                    (step_n2 - n2.clone() * wy.clone())
                        + k.clone() * v.clone() * (wy.clone() / wx.clone()) * (v.clone() * wx.clone() * n2 - wx.clone() * wy.clone() / pi.clone())
                } },
            },
            ObligationSpec {
                id: "T4.threshold/half",
                claim: "T4.threshold",
                statement: "(w_x² + w_y²) − 2 w_x w_y = (w_x − w_y)² ≥ 0, so w_x w_y/(w_x² + w_y²) ≤ 1/2 and the second term of (76) is at most 1/(2π)",
                rule: Rule::Identity { vars: VARS, expr: |x| {
                    let (wx, wy) = (&x[2], &x[3]);
                    (wx.sqr() + wy.sqr()) - n(2) * wx.clone() * wy.clone() - (wx.clone() - wy.clone()).sqr()
                } },
            },
            ObligationSpec {
            id: "T4.grid-basin/invariant-contracting",
            claim: "T4.grid-basin",
            statement: "for every K piece and every cell C of its basin B: |1 − K v (v − w_y/(π(w_x² + w_y²)))| ≤ 1 − 0.03K on C, and the image of C (natural ∩ mean-value enclosure, w_y⁺ as |w_y⁺|) meets only cells of B; B holds (δ₁, δ₁, 0) and (δ₂, δ₂, 0); B ⊂ {w_x > 0, 0 ≤ w_y ≤ 0.1}",
            rule: Rule::Basin { rate: RATE, max_wy: "0.1" },
        }].into_iter().chain(super::theorem4_region::obligations()).chain(super::theorem4_stage1::obligations()).chain(super::theorem4_stage2::obligations()).collect(),
    }
}
