//! Search for Theorem 2: cells over K ∈ [1, 1.1214] ⊇ (1, K★].

use super::search::{cells_1d, entry, standard_proof, QBox};
use crate::arith::q::{parse, Q};
use crate::cert::Certificate;
use crate::check::spec::theorem2::spec;

/// The breakpoints of the K cells: fine near K = 1, where δ₁ and δ₂ move like √(K − 1),
/// then steps of 0.01, and a last cell ending at 1.1214 > K★ = 1.12132….
pub fn k_breakpoints() -> Vec<Q> {
    let mut pts: Vec<Q> = ["1", "1.0001", "1.001", "1.005"]
        .iter()
        .map(|s| parse(s).unwrap())
        .collect();
    for i in 1..=12 {
        pts.push(Q::from(1) + Q::from((i, 100)));
    }
    pts.push(parse("1.1214").unwrap());
    pts
}

/// The K cells of the root-bound table.
pub fn k_cells() -> Vec<QBox> {
    cells_1d(&k_breakpoints())
}

/// Writes the Theorem 2 certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let cells = k_cells();
    let mut obligations = Vec::new();
    for os in &s.obligations {
        obligations.push(entry(os, standard_proof(os, &cells)?));
    }
    Ok(super::frame(&s, obligations))
}
