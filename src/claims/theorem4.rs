//! Search for Theorem 4's basin: for each K piece, the largest union of grid cells over
//! (v, w_x, |w_y|) on which w_y contracts at rate 0.030K and which the map sends into
//! itself (cells are removed until every image stays inside), in inari arithmetic.

use super::search::entry;
use crate::arith::q::{fmt, parse, Q};
use crate::cert::{BasinPiece, Certificate, Proof};
use crate::check::spec::theorem4::{spec, RATE};
use crate::neuron::basin::{all_cells, contraction_margin_iv, invariant_subset, Grid};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The grid of the committed basin: v, w_x ∈ [0.6, 1.3] in steps of 0.01, w_y ∈ [0, 0.1]
/// in steps of 0.025.
pub fn grid() -> Grid {
    let q = |s: &str| parse(s).unwrap();
    Grid { origin: [q("0.6"), q("0.6"), Q::new()], size: [q("0.01"), q("0.01"), q("0.025")], count: [70, 70, 4] }
}

/// The K pieces of the committed basin.
pub fn k_pieces() -> Vec<(Q, Q)> {
    let q = |s: &str| parse(s).unwrap();
    vec![(q("1.05"), q("1.075")), (q("1.075"), q("1.1"))]
}

/// The basin for one K piece: cells where the contraction holds, then the largest
/// invariant subset.
pub fn basin_piece(g: &Grid, k: &(Q, Q), rate: &Q) -> BTreeSet<[u32; 3]> {
    let cells: Vec<[u32; 3]> = all_cells(g).into_iter().collect();
    let start: BTreeSet<[u32; 3]> = cells.par_iter().filter(|c| contraction_margin_iv(g, c, k, rate) <= 1.0).copied().collect();
    invariant_subset(g, start, k)
}

/// Writes the Theorem 4 certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let g = grid();
    let rate = parse(RATE).unwrap();
    let mut pieces = Vec::new();
    for k in k_pieces() {
        let b = basin_piece(&g, &k, &rate);
        if b.is_empty() {
            return Err(format!("no basin found for K ∈ [{}, {}]", fmt(&k.0), fmt(&k.1)));
        }
        pieces.push(BasinPiece { k: [fmt(&k.0), fmt(&k.1)], cells: b.into_iter().collect() });
    }
    let proof = Proof::Basin {
        origin: std::array::from_fn(|a| fmt(&g.origin[a])),
        size: std::array::from_fn(|a| fmt(&g.size[a])),
        count: g.count,
        pieces,
    };
    let obligations = s.obligations.iter().map(|os| entry(os, proof.clone())).collect();
    Ok(super::frame(&s, obligations))
}
