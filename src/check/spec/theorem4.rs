//! Theorem 4 and Appendix I (single-neuron ReLU network): the statements the checker
//! proves about the reduced map (77)-(80) with η = K d.
//!
//! Only the basin part of the theorem's argument is stated here, and on K ∈ [1.02, 1.1]
//! (the paper's range is (1, 1.1]): below K = 1.02 the project found no grid basin (the
//! imbalance v − w_x contracts at a rate that vanishes as K → 1). Stage 1 and stage 2
//! are not certified.

use super::{ClaimSpec, FamilySpec, ObligationSpec, Rule};

/// The K range of the certified basin.
pub const K_DOMAIN: super::RangeSpec = ("K", "1.02", true, "1.1", true);

/// The contraction rate of Theorem 4: |w_y⁺| ≤ (1 − 0.030 K) w_y.
pub const RATE: &str = "0.03";

/// The statement list.
pub fn spec() -> FamilySpec {
    FamilySpec {
        family: "theorem4",
        paper: "Theorem 4 and Appendix I (eqs. (76)-(81), the basin (110)-(111))",
        model: ("neuron", "(v, w_x, w_y) ↦ (77)-(79), w_y⁺ = w_y [1 − K v (v − w_y/(π(w_x² + w_y²)))] (80), η = K d, evaluated at |w_y|"),
        claims: vec![ClaimSpec {
            id: "T4.basin",
            paper: "Theorem 4, Appendix I (110)-(111)",
            statement: "for every K ∈ [1.02, 1.1] (the paper claims (1, 1.1]) a set B ⊂ {w_x > 0, 0 ≤ w_y ≤ 0.1}, a union of grid cells holding the period-2 orbit (δ₁, δ₁, 0), (δ₂, δ₂, 0), is mapped into itself (w_y taken as |w_y|), and |w_y⁺| ≤ (1 − 0.030K) w_y on B",
            domain: vec![K_DOMAIN],
            beyond: None,
        }],
        obligations: vec![ObligationSpec {
            id: "T4.basin/invariant-contracting",
            claim: "T4.basin",
            statement: "for every K piece and every cell C of its basin B: |1 − K v (v − w_y/(π(w_x² + w_y²)))| ≤ 1 − 0.03K on C, and the image of C (natural ∩ mean-value enclosure, w_y⁺ as |w_y⁺|) meets only cells of B; B holds (δ₁, δ₁, 0) and (δ₂, δ₂, 0); B ⊂ {w_x > 0, 0 ≤ w_y ≤ 0.1}",
            rule: Rule::Basin { rate: RATE, max_wy: "0.1" },
        }],
    }
}
