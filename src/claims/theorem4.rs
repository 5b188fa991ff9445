//! Search for Theorem 4's basin: for each K piece, the largest union of grid cells over
//! (v, w_x, |w_y|) on which w_y contracts at rate 0.030K and which the map sends into
//! itself (cells are removed until every image stays inside), in inari arithmetic.

use super::search::{entry, standard_proof};
use crate::arith::q::{fmt, parse, Q};
use crate::cert::{BasinPiece, Certificate, Proof};
use crate::check::spec::theorem4::{spec, RATE};
use crate::check::spec::Rule;
use crate::neuron::basin::{all_cells, contraction_margin_iv, invariant_subset, Grid};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// One K piece of the committed basin and the grid its basin is searched on.
pub struct PiecePlan {
    /// K range.
    pub k: (&'static str, &'static str),
    /// Grid origin (v, w_x, w_y).
    pub origin: [&'static str; 3],
    /// Cell sides.
    pub size: [&'static str; 3],
    /// Cells per axis.
    pub count: [u32; 3],
}

/// The committed plan: the basin's w_y height shrinks as K decreases towards 1, and
/// below K = 1.01 no grid basin was found.
pub const PLAN: &[PiecePlan] = &[
    PiecePlan {
        k: ("1.01", "1.015"),
        origin: ["0.7", "0.7", "0"],
        size: ["0.0025", "0.0025", "0.0001"],
        count: [240, 240, 2],
    },
    PiecePlan {
        k: ("1.015", "1.02"),
        origin: ["0.4", "0.4", "0"],
        size: ["0.005", "0.005", "0.0005"],
        count: [170, 170, 2],
    },
    PiecePlan {
        k: ("1.02", "1.03"),
        origin: ["0.4", "0.4", "0"],
        size: ["0.005", "0.005", "0.0005"],
        count: [170, 170, 2],
    },
    PiecePlan {
        k: ("1.03", "1.04"),
        origin: ["0.4", "0.4", "0"],
        size: ["0.005", "0.005", "0.005"],
        count: [170, 170, 2],
    },
    PiecePlan {
        k: ("1.04", "1.05"),
        origin: ["0.4", "0.4", "0"],
        size: ["0.005", "0.005", "0.005"],
        count: [170, 170, 2],
    },
    PiecePlan {
        k: ("1.05", "1.075"),
        origin: ["0.4", "0.4", "0"],
        size: ["0.01", "0.01", "0.025"],
        count: [95, 95, 4],
    },
    PiecePlan {
        k: ("1.075", "1.1"),
        origin: ["0.4", "0.4", "0"],
        size: ["0.01", "0.01", "0.025"],
        count: [95, 95, 4],
    },
];

impl PiecePlan {
    /// The grid.
    pub fn grid(&self) -> Grid {
        let q = |s: &str| parse(s).unwrap();
        Grid {
            origin: self.origin.map(q),
            size: self.size.map(q),
            count: self.count,
        }
    }
    /// The K range.
    pub fn k_range(&self) -> (Q, Q) {
        (parse(self.k.0).unwrap(), parse(self.k.1).unwrap())
    }
}

/// The basin for one K piece: cells where the contraction holds, then the largest
/// invariant subset.
pub fn basin_piece(g: &Grid, k: &(Q, Q), rate: &Q) -> BTreeSet<[u32; 3]> {
    let cells: Vec<[u32; 3]> = all_cells(g).into_iter().collect();
    let start: BTreeSet<[u32; 3]> = cells
        .par_iter()
        .filter(|c| contraction_margin_iv(g, c, k, rate) <= 1.0)
        .copied()
        .collect();
    invariant_subset(g, start, k)
}

/// The proof data of one piece.
pub fn piece(plan: &PiecePlan, rate: &Q) -> Result<BasinPiece, String> {
    let g = plan.grid();
    let k = plan.k_range();
    let b = basin_piece(&g, &k, rate);
    if b.is_empty() {
        return Err(format!(
            "no basin found for K ∈ [{}, {}]",
            plan.k.0, plan.k.1
        ));
    }
    Ok(BasinPiece {
        k: [fmt(&k.0), fmt(&k.1)],
        origin: plan.origin.map(String::from),
        size: plan.size.map(String::from),
        count: plan.count,
        runs: BasinPiece::runs_of(&b),
    })
}

/// Writes the Theorem 4 certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let rate = parse(RATE).unwrap();
    let pieces = PLAN
        .iter()
        .map(|p| piece(p, &rate))
        .collect::<Result<Vec<_>, _>>()?;
    let proof = Proof::Basin { pieces };
    let mut obligations = Vec::new();
    for os in &s.obligations {
        let p = match os.rule {
            Rule::Basin { .. } => proof.clone(),
            _ => standard_proof(os, &[])?,
        };
        obligations.push(entry(os, p));
    }
    Ok(super::frame(&s, obligations))
}
