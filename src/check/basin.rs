//! Re-proving a grid basin of the neuron map with the exact engine.
//!
//! For each K piece with cell set B (cells of a uniform grid over (v, w_x, w_y), w_y ≥ 0
//! standing for |w_y|), and every cell C of B, with K ranging over the piece:
//!
//! 1. |c| ≤ 1 − r K on C, c the factor of (80), so |w_y⁺| ≤ (1 − r K) w_y;
//! 2. the image of C, enclosed by the natural extension of (77)-(80) intersected with the
//!    mean-value form F(m) + J(C)(C − m) (m the centre of C, J by forward differentiation),
//!    with w_y⁺ replaced by |w_y⁺|, meets only cells of B.
//!
//! The grid must lie in w_x > 0 (the map is smooth there) and 0 ≤ w_y ≤ max_wy, the K
//! pieces must cover the claim's K range, and B must contain the period-2 orbit
//! (δ₁, δ₁, 0), (δ₂, δ₂, 0) of Prop 4 for every K of the piece.

use super::cover::{verify_cover, VarRange};
use super::Domain;
use crate::arith::exact::QI;
use crate::arith::q::{self, Q};
use crate::cert::{parse_interval, BasinPiece};
use crate::models::neuron::{mean_value, step_with_abs, wy_factor, State};
use crate::models::quartic;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A grid, exact.
pub(crate) struct G {
    pub(crate) origin: [Q; 3],
    pub(crate) size: [Q; 3],
    pub(crate) count: [u32; 3],
}

impl G {
    pub(crate) fn cell(&self, c: &[u32; 3]) -> [QI; 3] {
        std::array::from_fn(|a| {
            let lo = self.origin[a].clone() + self.size[a].clone() * Q::from(c[a]);
            let hi = lo.clone() + &self.size[a];
            QI::new(lo, hi)
        })
    }

    /// The index ranges, per axis, of the cells that hold the box's ends (the cells it
    /// meets, or more where an end lies on a cell side), clamped to the grid; and whether
    /// the box lies within the grid.
    pub(crate) fn range(&self, b: &[QI; 3]) -> ([(u32, u32); 3], bool) {
        let mut r = [(0u32, 0u32); 3];
        let mut within = true;
        for a in 0..3 {
            let top = self.count[a] - 1;
            let index = |x: Option<&Q>, unbounded: u32| -> (u32, bool) {
                let Some(x) = x else {
                    return (unbounded, false);
                };
                let i = ((x.clone() - &self.origin[a]) / &self.size[a]).floor();
                if i < 0 {
                    (0, false)
                } else if i > Q::from(top) {
                    (top, false)
                } else {
                    (i.numer().to_u32().unwrap_or(top), true)
                }
            };
            let (i0, ok0) = index(b[a].lo(), 0);
            let (i1, ok1) = index(b[a].hi(), top);
            within &= ok0 && ok1;
            r[a] = (i0, i1);
        }
        (r, within)
    }

    /// Whether every cell of the index ranges `r` is in `cells`.
    pub(crate) fn all_in(cells: &BTreeSet<[u32; 3]>, r: &[(u32, u32); 3]) -> bool {
        (r[0].0..=r[0].1).all(|i| {
            (r[1].0..=r[1].1).all(|j| (r[2].0..=r[2].1).all(|l| cells.contains(&[i, j, l])))
        })
    }

    /// Whether the box lies in the union of `cells`.
    pub(super) fn inside(&self, cells: &BTreeSet<[u32; 3]>, b: &[QI; 3]) -> bool {
        let (r, within) = self.range(b);
        within && Self::all_in(cells, &r)
    }
}

/// The exact-engine enclosure of the image of the cell `c` for K in `k`, w_y⁺ as |w_y⁺|:
/// the natural extension of (77)-(80) intersected with the mean-value form
/// F(m) + J(C)(C − m) (m the centre of the cell).
pub fn image(k: &QI, c: &[QI; 3]) -> [QI; 3] {
    let b = [k.clone(), c[0].clone(), c[1].clone(), c[2].clone()];
    let nat = step_with_abs(&b[0], &b[1], &b[2], &b[3], &b[3]);
    let m: [QI; 4] = std::array::from_fn(|i| b[i].mid().map_or(QI::Entire, QI::point));
    let fm = step_with_abs(&m[0], &m[1], &m[2], &m[3], &m[3]);
    let mv = mean_value(&b, &m, &fm);
    let both: [QI; 3] =
        std::array::from_fn(|i| nat[i].intersect(&mv[i]).unwrap_or_else(|| nat[i].clone()));
    [both[0].clone(), both[1].clone(), both[2].abs()]
}

/// Whether the image of the cell `c` passes `lands`: the natural extension alone is tried
/// first (cheaper), then [`image`] (a subset of it).
pub fn image_lands(k: &QI, c: &[QI; 3], lands: impl Fn(&[QI; 3]) -> bool) -> bool {
    let nat = step_with_abs(k, &c[0], &c[1], &c[2], &c[2]);
    lands(&[nat[0].clone(), nat[1].clone(), nat[2].abs()]) || lands(&image(k, c))
}

/// max(c + rK, rK − c) ≤ 1 on the cell, i.e. |c| ≤ 1 − rK.
fn contracts(k: &QI, c: &[QI; 3], rate: &Q) -> bool {
    let s = State::new(c[0].clone(), c[1].clone(), c[2].clone());
    let f = wy_factor(k, &s);
    let rk = QI::point(rate.clone()) * k.clone();
    let one = Q::from(1);
    let a = f.clone() + rk.clone();
    let b = rk - f;
    a.hi().map_or(false, |h| *h <= one) && b.hi().map_or(false, |h| *h <= one)
}

fn show_cell(c: &[u32; 3]) -> String {
    format!("({}, {}, {})", c[0], c[1], c[2])
}

/// The grid of a piece, after checking that it lies in w_x > 0 and 0 ≤ w_y (≤ `max_wy`
/// when given).
pub(crate) fn grid_of(
    origin: &[String; 3],
    size: &[String; 3],
    count: [u32; 3],
    max_wy: Option<&Q>,
) -> Result<G, String> {
    let parsed: Result<Vec<Q>, String> = origin
        .iter()
        .chain(size.iter())
        .map(|s| q::parse(s))
        .collect();
    let parsed = parsed.map_err(|_| "malformed grid".to_string())?;
    let g = G {
        origin: [parsed[0].clone(), parsed[1].clone(), parsed[2].clone()],
        size: [parsed[3].clone(), parsed[4].clone(), parsed[5].clone()],
        count,
    };
    if g.size.iter().any(|h| *h <= 0) {
        return Err("grid cell sides must be positive".into());
    }
    if g.origin[1] <= 0 {
        return Err("the grid must lie in w_x > 0".into());
    }
    if g.origin[2] != 0 {
        return Err("the grid's w_y axis must start at 0 (w_y stands for |w_y|)".into());
    }
    let top = g.origin[2].clone() + g.size[2].clone() * Q::from(g.count[2]);
    if let Some(m) = max_wy {
        if top > *m {
            return Err(format!(
                "the grid reaches w_y = {}, above {}",
                q::fmt(&top),
                q::fmt(m)
            ));
        }
    }
    Ok(g)
}

/// The K pieces, parsed, after checking that they cover the claim's K range.
pub(super) fn k_pieces<'a>(
    ks: impl Iterator<Item = &'a crate::cert::Interval>,
    domain: &Domain,
) -> Result<Vec<(Q, Q)>, String> {
    let Some(kd) = domain.iter().find(|d| d.0 == "K") else {
        return Err("the claim has no K range".into());
    };
    let mut kcells = Vec::new();
    for k in ks {
        let Ok(k) = parse_interval(k, "k") else {
            return Err("malformed K piece".into());
        };
        kcells.push(BTreeMap::from([("K".to_string(), k)]));
    }
    if kcells.is_empty() {
        return Err("no K pieces".into());
    }
    verify_cover(
        &[VarRange {
            name: "K",
            lo: kd.1.clone(),
            hi: kd.3.clone(),
        }],
        &kcells,
    )
    .map_err(|e| format!("coverage of K: {e}"))?;
    Ok(kcells.into_iter().map(|m| m["K"].clone()).collect())
}

/// Everything wrong with a basin proof; empty when proved.
pub fn prove(rate: &str, max_wy: &str, pieces: &[BasinPiece], domain: &Domain) -> Vec<String> {
    let (Ok(rate), Ok(max_wy)) = (q::parse(rate), q::parse(max_wy)) else {
        return vec!["bad statement constants".into()];
    };
    let mut out = Vec::new();
    let ks = match k_pieces(pieces.iter().map(|p| &p.k), domain) {
        Ok(ks) => ks,
        Err(e) => return vec![e],
    };
    for (pi, p) in pieces.iter().enumerate() {
        let g = match grid_of(&p.origin, &p.size, p.count, Some(&max_wy)) {
            Ok(g) => g,
            Err(e) => {
                out.push(format!("piece {pi}: {e}"));
                continue;
            }
        };
        let k = QI::new(ks[pi].0.clone(), ks[pi].1.clone());
        let list = p.cells();
        let cells: BTreeSet<[u32; 3]> = list.iter().copied().collect();
        if cells.is_empty() {
            out.push(format!("piece {pi}: no cells"));
            continue;
        }
        let zero = QI::point(Q::new());
        let mut structural = false;
        for (name, d) in [("δ₁", quartic::delta1(&k)), ("δ₂", quartic::delta2(&k))] {
            if !g.inside(&cells, &[d.clone(), d.clone(), zero.clone()]) {
                out.push(format!(
                    "piece {pi}: the orbit point ({name}, {name}, 0) is not in the basin"
                ));
                structural = true;
            }
        }
        if structural {
            continue;
        }
        // The first failing cell found (any order) is reported; the piece is then not proved.
        let bad = list.par_iter().find_map_any(|c| {
            if (0..3).any(|a| c[a] >= g.count[a]) {
                return Some(format!(
                    "piece {pi}, cell {}: outside the grid",
                    show_cell(c)
                ));
            }
            let b = g.cell(c);
            if !contracts(&k, &b, &rate) {
                return Some(format!(
                    "piece {pi}, cell {}: |c| ≤ 1 − {}K not proved",
                    show_cell(c),
                    q::fmt(&rate)
                ));
            }
            if !image_lands(&k, &b, |x| g.inside(&cells, x)) {
                return Some(format!(
                    "piece {pi}, cell {}: its image leaves the basin",
                    show_cell(c)
                ));
            }
            None
        });
        out.extend(bad);
    }
    out
}
