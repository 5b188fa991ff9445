//! Grid basins of the neuron map: unions of cells of a uniform grid over (v, w_x, |w_y|)
//! that the map sends into themselves, and on which w_y contracts.
//!
//! A cell is named by its integer index (i, j, l): v ∈ [v₀ + i h_v, v₀ + (i+1) h_v], and so
//! on. Whether an image box lies in the union of the cells of a set is decided exactly:
//! every cell the box meets must belong to the set. This module holds the search side
//! (inari); the checker repeats the same test with the exact engine.

use super::propagate::step_iv_mv;
use crate::arith::interval::enclose;
use crate::arith::q::{self, Q};
use inari::Interval;
use std::collections::BTreeSet;

/// A uniform grid over (v, w_x, w_y): origin, cell size and cell count per axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Lower corner.
    pub origin: [Q; 3],
    /// Cell sides.
    pub size: [Q; 3],
    /// Cells per axis.
    pub count: [u32; 3],
}

/// A cell index.
pub type CellIx = [u32; 3];

impl Grid {
    /// The exact box of a cell.
    pub fn cell(&self, c: &CellIx) -> [(Q, Q); 3] {
        std::array::from_fn(|a| {
            let lo = self.origin[a].clone() + self.size[a].clone() * Q::from(c[a]);
            let hi = lo.clone() + &self.size[a];
            (lo, hi)
        })
    }

    /// Range of indices along axis `a` of the cells meeting `[lo, hi]`, or `None` when
    /// the interval leaves the grid.
    pub fn index_range(&self, a: usize, lo: &Q, hi: &Q) -> Option<(u32, u32)> {
        let i0 = ((lo.clone() - &self.origin[a]) / &self.size[a]).floor();
        let i1 = ((hi.clone() - &self.origin[a]) / &self.size[a]).floor();
        let n = Q::from(self.count[a]);
        if i0 < 0 || i1 >= n {
            return None;
        }
        Some((i0.numer().to_u32()?, i1.numer().to_u32()?))
    }
}

/// Whether the box `b` (v, w_x, |w_y|) lies inside the union of `cells`.
pub fn box_in_union(grid: &Grid, cells: &BTreeSet<CellIx>, b: &[(Q, Q); 3]) -> bool {
    let mut r = [(0u32, 0u32); 3];
    for a in 0..3 {
        match grid.index_range(a, &b[a].0, &b[a].1) {
            Some(x) => r[a] = x,
            None => return false,
        }
    }
    for i in r[0].0..=r[0].1 {
        for j in r[1].0..=r[1].1 {
            for l in r[2].0..=r[2].1 {
                if !cells.contains(&[i, j, l]) {
                    return false;
                }
            }
        }
    }
    true
}

/// The inari image of a cell for K in `k`: (v, w_x, |w_y|) as exact pairs, or `None`
/// when unbounded.
pub fn cell_image_iv(grid: &Grid, c: &CellIx, k: &(Q, Q)) -> Option<[(Q, Q); 3]> {
    let b = grid.cell(c);
    let ib = [
        enclose(&k.0, &k.1),
        enclose(&b[0].0, &b[0].1),
        enclose(&b[1].0, &b[1].1),
        enclose(&b[2].0, &b[2].1),
    ];
    let img = step_iv_mv(&ib);
    let parts = [img[1], img[2], img[3].abs()];
    if parts
        .iter()
        .any(|x| x.is_empty() || !x.inf().is_finite() || !x.sup().is_finite())
    {
        return None;
    }
    Some(std::array::from_fn(|a| {
        (q::from_f64(parts[a].inf()), q::from_f64(parts[a].sup()))
    }))
}

/// Upper bound (inari) of max(c + r K, −c + r K) on a cell: ≤ 1 proves |c| ≤ 1 − r K,
/// with c the factor (80).
pub fn contraction_margin_iv(grid: &Grid, cell: &CellIx, k: &(Q, Q), rate: &Q) -> f64 {
    let b = grid.cell(cell);
    let kk = enclose(&k.0, &k.1);
    let s = crate::models::neuron::State::new(
        enclose(&b[0].0, &b[0].1),
        enclose(&b[1].0, &b[1].1),
        enclose(&b[2].0, &b[2].1),
    );
    let c = crate::models::neuron::wy_factor(&kk, &s);
    let rk = enclose(rate, rate) * kk;
    (c + rk).sup().max((rk - c).sup())
}

/// The largest subset of `start` mapped into itself for every K in `k` (cells whose image
/// leaves the set are removed until none does).
pub fn invariant_subset(grid: &Grid, start: BTreeSet<CellIx>, k: &(Q, Q)) -> BTreeSet<CellIx> {
    let images: Vec<(CellIx, Option<[(Q, Q); 3]>)> = start
        .iter()
        .map(|c| (*c, cell_image_iv(grid, c, k)))
        .collect();
    let mut set = start;
    loop {
        let before = set.len();
        for (c, img) in &images {
            if set.contains(c) {
                let ok = img.as_ref().map_or(false, |b| box_in_union(grid, &set, b));
                if !ok {
                    set.remove(c);
                }
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// Every cell of the grid.
pub fn all_cells(grid: &Grid) -> BTreeSet<CellIx> {
    let mut s = BTreeSet::new();
    for i in 0..grid.count[0] {
        for j in 0..grid.count[1] {
            for l in 0..grid.count[2] {
                s.insert([i, j, l]);
            }
        }
    }
    s
}

/// Inari enclosure helper for callers that hold f64 boxes.
pub fn to_interval(p: &(Q, Q)) -> Interval {
    enclose(&p.0, &p.1)
}
