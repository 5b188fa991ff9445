//! Search for Theorem 4's basin: for each K piece, the largest union of grid cells over
//! (v, w_x, |w_y|) on which w_y contracts at rate 0.030K and which the map sends into
//! itself (cells are removed until every image stays inside), in inari arithmetic.

use super::product_region::row;
use super::search::{entry, standard_proof};
use crate::arith::interval::enclose;
use crate::arith::q::{fmt, parse, Q};
use crate::cert::{BasinPiece, Certificate, Proof};
use crate::check::spec::theorem4::{spec, RATE};
use crate::check::spec::{RegionRule, Rule};
use crate::neuron::basin::{all_cells, contraction_margin_iv, invariant_subset, Grid, Lines};
use rayon::prelude::*;
use std::collections::BTreeMap;
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
    let cells = all_cells(g);
    let lines = Lines::new(g);
    let kk = enclose(&k.0, &k.1);
    let rk = enclose(rate, rate) * kk;
    let start: Vec<[u32; 3]> = cells
        .par_iter()
        .filter(|c| contraction_margin_iv(&lines, c, kk, rk) <= 1.0)
        .copied()
        .collect();
    invariant_subset(g, start, k).into_iter().collect()
}

/// The basins of several pieces, searched in parallel, in the order given.
pub fn basins(pieces: &[(Grid, (Q, Q))], rate: &Q) -> Vec<BTreeSet<[u32; 3]>> {
    pieces
        .par_iter()
        .map(|(g, k)| basin_piece(g, k, rate))
        .collect()
}

/// The proof data of one piece, from its basin.
pub fn piece(plan: &PiecePlan, basin: &BTreeSet<[u32; 3]>) -> Result<BasinPiece, String> {
    let k = plan.k_range();
    if basin.is_empty() {
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
        runs: BasinPiece::runs_of(basin),
    })
}

/// The K rows of the region basin (T4.basin) and their constants
/// (c, M, P, dcap, plo, rmax): one row covers the whole range, K = 1 included.
pub const REGION_ROWS: &[((&str, &str), &[(&str, &str)])] = &[(
    ("1", "1.1"),
    &[
        ("c", "3/5"),
        ("M", "55"),
        ("P", "7/5"),
        ("dcap", "61/100"),
        ("plo", "7/20"),
        ("rmax", "12/125"),
    ],
)];

/// The rows of a region obligation (the region basin's constants, or one row without
/// constants for the stage-1 rules), each with the bisection code of its cells.
pub fn region_proof(id: &str, rule: &RegionRule) -> Result<Proof, String> {
    const STAGE1_ROWS: &[((&str, &str), &[(&str, &str)])] = &[(("1", "1.1"), &[])];
    let plan = if id == "T4.basin/region" {
        REGION_ROWS
    } else {
        STAGE1_ROWS
    };
    let rows = plan
        .par_iter()
        .map(|(k, consts)| {
            let k = (parse(k.0).unwrap(), parse(k.1).unwrap());
            let consts: BTreeMap<String, Q> = consts
                .iter()
                .map(|(n, v)| (n.to_string(), parse(v).unwrap()))
                .collect();
            row(rule, &k, &consts)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Proof::Region { rows })
}

/// Writes the Theorem 4 certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let rate = parse(RATE).unwrap();
    // The K pieces are searched in parallel with each other and with the other
    // obligations; every result is put back in the plan's and the spec's order.
    let (pieces, others) = rayon::join(
        || {
            let grids: Vec<_> = PLAN.iter().map(|p| (p.grid(), p.k_range())).collect();
            let found = basins(&grids, &rate);
            PLAN.iter()
                .zip(&found)
                .map(|(p, b)| piece(p, b))
                .collect::<Result<Vec<_>, _>>()
        },
        || {
            s.obligations
                .par_iter()
                .map(|os| match &os.rule {
                    Rule::Basin { .. } => Ok(None),
                    Rule::Region(rule) => region_proof(os.id, rule).map(Some),
                    Rule::Reach { .. } => {
                        super::theorem4_stage2::search(&Q::from(1), &parse("1.1").unwrap())
                            .map(|(p, _)| Some(p))
                    }
                    _ => standard_proof(os, &[]).map(Some),
                })
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let proof = Proof::Basin { pieces: pieces? };
    let obligations = s
        .obligations
        .iter()
        .zip(others?)
        .map(|(os, p)| entry(os, p.unwrap_or_else(|| proof.clone())))
        .collect();
    Ok(super::frame(&s, obligations))
}
