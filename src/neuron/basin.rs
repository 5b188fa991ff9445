//! Grid basins of the neuron map: unions of cells of a uniform grid over (v, w_x, |w_y|)
//! that the map sends into themselves, and on which w_y contracts.
//!
//! A cell is named by its integer index (i, j, l): v ∈ [v₀ + i h_v, v₀ + (i+1) h_v], and so
//! on. Whether an image box lies in the union of the cells of a set is decided exactly:
//! every cell the box meets must belong to the set. This module holds the search side
//! (inari); the checker repeats the same test with the exact engine.

use super::propagate::step_iv_mv;
use crate::arith::interval::enclose;
use crate::arith::q::Q;
use inari::Interval;

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

/// A grid's lines, exact and enclosed once per axis, so that the search handles a cell
/// without rational arithmetic.
pub struct Lines {
    /// Per axis, the count + 1 grid lines, exact.
    exact: [Vec<Q>; 3],
    /// Per axis and cell index, the inari enclosure of the cell's side.
    side: [Vec<Interval>; 3],
}

impl Lines {
    /// The lines of `grid`.
    pub fn new(grid: &Grid) -> Lines {
        let exact: [Vec<Q>; 3] = std::array::from_fn(|a| {
            (0..=grid.count[a])
                .map(|i| grid.origin[a].clone() + grid.size[a].clone() * Q::from(i))
                .collect()
        });
        let side =
            std::array::from_fn(|a| exact[a].windows(2).map(|w| enclose(&w[0], &w[1])).collect());
        Lines { exact, side }
    }

    /// The inari box of a cell.
    pub fn cell(&self, c: &CellIx) -> [Interval; 3] {
        std::array::from_fn(|a| self.side[a][c[a] as usize])
    }

    /// Range of indices along axis `a` of the cells meeting `[lo, hi]`, or `None` when
    /// the interval leaves the grid; exact (the same answer as [`Grid::index_range`]).
    pub fn index_range(&self, a: usize, lo: f64, hi: f64) -> Option<(u32, u32)> {
        let lines = &self.exact[a];
        let i0 = lines.partition_point(|x| *x <= lo).checked_sub(1)?;
        let i1 = lines.partition_point(|x| *x <= hi).checked_sub(1)?;
        if i1 + 1 >= lines.len() {
            return None;
        }
        Some((u32::try_from(i0).ok()?, u32::try_from(i1).ok()?))
    }
}

/// The inari image of a cell for K in `k`, (v, w_x, |w_y|), or `None` when unbounded.
pub fn cell_image_iv(lines: &Lines, c: &CellIx, k: Interval) -> Option<[Interval; 3]> {
    let b = lines.cell(c);
    let img = step_iv_mv(&[k, b[0], b[1], b[2]]);
    let parts = [img[1], img[2], img[3].abs()];
    if parts
        .iter()
        .any(|x| x.is_empty() || !x.inf().is_finite() || !x.sup().is_finite())
    {
        return None;
    }
    Some(parts)
}

/// Upper bound (inari) of max(c + r K, −c + r K) on a cell: ≤ 1 proves |c| ≤ 1 − r K,
/// with c the factor (80); `rk` encloses r K.
pub fn contraction_margin_iv(lines: &Lines, cell: &CellIx, k: Interval, rk: Interval) -> f64 {
    let b = lines.cell(cell);
    let s = crate::models::neuron::State::new(b[0], b[1], b[2]);
    let c = crate::models::neuron::wy_factor(&k, &s);
    (c + rk).sup().max((rk - c).sup())
}

/// The cells an image box meets, as an index range per axis, or `None` when the image is
/// unbounded or leaves the grid.
pub type ImageRange = Option<[(u32, u32); 3]>;

/// Every cell of an index range (inclusive on each axis), in increasing order.
pub fn cells_in(r: [(u32, u32); 3]) -> impl Iterator<Item = CellIx> {
    (r[0].0..=r[0].1).flat_map(move |a| {
        (r[1].0..=r[1].1).flat_map(move |b| (r[2].0..=r[2].1).map(move |l| [a, b, l]))
    })
}

/// The index ranges of the inari image of a cell (see [`cell_image_iv`]).
pub fn image_range(lines: &Lines, c: &CellIx, k: Interval) -> ImageRange {
    let b = cell_image_iv(lines, c, k)?;
    let mut r = [(0u32, 0u32); 3];
    for a in 0..3 {
        r[a] = lines.index_range(a, b[a].inf(), b[a].sup())?;
    }
    Some(r)
}

/// The largest subset of `cells` (sorted) mapped into itself for every K in `k` (cells whose image
/// leaves the set are removed until none does). The images are computed once, in
/// parallel; the removal then follows, for every removed cell, the cells whose image meets
/// it. The result is the greatest fixed point of the removal, so it does not depend on the
/// order of the work or on the thread count.
pub fn invariant_subset(grid: &Grid, cells: Vec<CellIx>, k: &(Q, Q)) -> Vec<CellIx> {
    use rayon::prelude::*;
    let lines = Lines::new(grid);
    let kk = enclose(&k.0, &k.1);
    let ranges: Vec<ImageRange> = cells
        .par_iter()
        .map(|c| image_range(&lines, c, kk))
        .collect();
    let [_, n1, n2] = grid.count.map(|n| n as usize);
    let lin = |c: &CellIx| (c[0] as usize * n1 + c[1] as usize) * n2 + c[2] as usize;
    // slot[x]: position in `cells` of the grid cell with linear index x.
    let mut slot = vec![usize::MAX; grid.count.iter().map(|&n| n as usize).product()];
    for (i, c) in cells.iter().enumerate() {
        slot[lin(c)] = i;
    }
    // Every (image of cell i, cell j it meets) pair, j = usize::MAX outside the set.
    let each_pair = |f: &mut dyn FnMut(usize, usize)| {
        for (i, r) in ranges.iter().enumerate() {
            let Some(r) = r else {
                f(i, usize::MAX);
                continue;
            };
            for c in cells_in(*r) {
                f(i, slot[lin(&c)]);
            }
        }
    };
    // meets[offset[j]..offset[j + 1]]: the cells whose image meets cell j (compressed rows).
    let mut offset = vec![0usize; cells.len() + 1];
    let mut pending = Vec::new();
    each_pair(&mut |i, j| match j {
        usize::MAX => pending.push(i),
        j => offset[j + 1] += 1,
    });
    for j in 0..cells.len() {
        offset[j + 1] += offset[j];
    }
    let mut fill = offset.clone();
    let mut meets = vec![0usize; offset[cells.len()]];
    each_pair(&mut |i, j| {
        if j != usize::MAX {
            meets[fill[j]] = i;
            fill[j] += 1;
        }
    });
    let mut inside = vec![true; cells.len()];
    while let Some(i) = pending.pop() {
        if inside[i] {
            inside[i] = false;
            pending.extend(
                meets[offset[i]..offset[i + 1]]
                    .iter()
                    .copied()
                    .filter(|&d| inside[d]),
            );
        }
    }
    cells
        .into_iter()
        .zip(inside)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect()
}

/// Every cell of the grid, in increasing order.
pub fn all_cells(grid: &Grid) -> Vec<CellIx> {
    let mut s = Vec::new();
    for i in 0..grid.count[0] {
        for j in 0..grid.count[1] {
            for l in 0..grid.count[2] {
                s.push([i, j, l]);
            }
        }
    }
    s
}

/// Inari enclosure helper for callers that hold f64 boxes.
pub fn to_interval(p: &(Q, Q)) -> Interval {
    enclose(&p.0, &p.1)
}
