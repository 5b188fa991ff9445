//! Re-proving stage 2 of Theorem 4 (claim T4.stage2) with the exact engine.
//!
//! For each K piece (the pieces cover the claim's K range), with K ranging over the piece:
//!
//! 1. every cell (K, a, α, σ) of the entry bisection of R's box either lies outside stage 1
//!    (σ cos α > 1/(2π) on the whole cell), or its image F(x) = √σ × the scaled step has
//!    v⁺w_x⁺ ≤ 1/(2π) (still stage 1), or F(x) lies in B, or F(x) lies inside the cells of
//!    generation 0;
//! 2. every cell (K, α₀, σ₀) of the start bisection has state 2 in stage 1, in B, or inside
//!    the cells of generation 0;
//! 3. every cell of generation g lies in B, or g < steps and its image (natural extension,
//!    else natural ∩ mean-value form, w_y⁺ as |w_y⁺|) lies inside the cells of generation
//!    g + 1; every cell of generation `steps` lies in B.
//!
//! The entry and start cells are rebuilt from the boxes of T4.stage1's rules and the split
//! codes, so they tile those boxes by construction.

use super::basin::{grid_of, image_lands, k_pieces, G};
use super::region::{base_args, leaves, show_box, RegionBox};
use super::spec::theorem4_stage1::{
    invariant_bounds, r_step, stage1_guard, start_bounds, two_steps, Scaled,
};
use super::spec::theorem4_stage2::{basin_contains, basin_margins};
use super::Domain;
use crate::arith::exact::QI;
use crate::arith::q::{self, Q};
use crate::arith::{Field, Real, Sqrt};
use crate::cert::{cells_of_runs, Certificate, Proof, ReachPiece};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Whether the box (v, w_x, |w_y|) lies in B (stage 2's basin).
pub fn in_b(x: &[QI; 3]) -> bool {
    basin_margins(&x[0], &x[1], &x[2]).iter().all(QI::is_nonneg)
}

/// Where a scaled state past the stage-1 line is shown to go (`StageEntry.lands_if_past`
/// in Coq).
#[derive(Debug, Clone, PartialEq)]
pub enum Landing {
    /// Still in stage 1: s u m_x ≤ 1/(2π).
    Stage1,
    /// √s (u, m_x, |m_y|) lies in B.
    InB,
    /// √s (u, m_x, |m_y|) lies in the box of cells (index ranges per axis), all in
    /// generation 0.
    Cells([(u32, u32); 3]),
}

/// A piece, parsed: its grid, K and generations.
pub struct Piece {
    g: G,
    k: (Q, Q),
    gens: Vec<BTreeSet<[u32; 3]>>,
    /// 1/(2π).
    threshold: QI,
}

impl Piece {
    /// Parses `p` for K ∈ `k`, after checking its grid and its number of generations.
    pub fn new(steps: usize, p: &ReachPiece, k: &(Q, Q)) -> Result<Piece, String> {
        let g = grid_of(&p.origin, &p.size, p.count, None)?;
        if p.generations.len() != steps + 1 {
            return Err(format!(
                "{} generations, the statement needs {}",
                p.generations.len(),
                steps + 1
            ));
        }
        let gens = p
            .generations
            .iter()
            .map(|r| cells_of_runs(r).into_iter().collect())
            .collect();
        Ok(Piece {
            g,
            k: k.clone(),
            gens,
            threshold: QI::int(1) / (QI::int(2) * QI::pi()),
        })
    }

    /// The piece's grid.
    pub(crate) fn grid(&self) -> &G {
        &self.g
    }

    /// The cells of generation `i`.
    pub(crate) fn generation(&self, i: usize) -> &BTreeSet<[u32; 3]> {
        &self.gens[i]
    }

    /// Where the scaled state `y` at scale `s` (the scale the step started from) goes: still
    /// in stage 1, or the state √s (u, m_x, |m_y|) in B or inside the cells of generation 0
    /// (the box of cells it meets); `None` when none of these is shown.
    pub fn landing(&self, s: &QI, y: Scaled<QI>) -> Option<Landing> {
        if (s.clone() * y.u.clone() * y.mx.clone() - self.threshold.clone()).is_nonpos() {
            return Some(Landing::Stage1);
        }
        let t = s.sqrt();
        let x = [t.clone() * y.u, t.clone() * y.mx, (t * y.my).abs()];
        if in_b(&x) {
            return Some(Landing::InB);
        }
        let (r, within) = self.g.range(&x);
        (within && G::all_in(&self.gens[0], &r)).then_some(Landing::Cells(r))
    }

    /// The box of the entry cells: K's piece × R's box (a, α, σ).
    pub fn entry_root(&self) -> RegionBox {
        let mut root: RegionBox = vec![self.k.clone()];
        root.extend(invariant_bounds(&[]).expect("the stage-1 constants are checked by T4.stage1"));
        root
    }

    /// The box of the start cells: K's piece × the start box (α₀, σ₀).
    pub fn start_root(&self) -> RegionBox {
        let mut root: RegionBox = vec![self.k.clone()];
        root.extend(start_bounds(&[]).expect("the start box is checked by T4.stage1"));
        root
    }

    /// An entry cell (K, a, α, σ) (item 1): `Some(None)` outside stage 1, `Some(Some(l))`
    /// when its step lands as `l`, `None` when neither is shown.
    pub fn entry_cell(&self, b: &RegionBox) -> Option<Option<Landing>> {
        let a = base_args(b, &[]);
        if (stage1_guard().qi)(&a).is_neg() {
            return Some(None);
        }
        self.landing(&a[3], r_step(&a).1).map(Some)
    }

    /// A start cell (K, α₀, σ₀) (item 2): how its state 2 lands, if shown.
    pub fn start_cell(&self, b: &RegionBox) -> Option<Landing> {
        let a = base_args(b, &[]);
        self.landing(&a[2], two_steps(&a[0], &a[1], &a[2]).1)
    }

    /// The first failing entry cell and the first failing start cell (items 1 and 2).
    pub fn entry_failures(&self, entry_splits: &str, start_splits: &str) -> Vec<String> {
        let mut out = Vec::new();
        match leaves(&self.entry_root(), entry_splits) {
            Err(e) => out.push(format!("entry cells: {e}")),
            Ok(cells) => out.extend(cells.par_iter().find_map_any(|b| {
                self.entry_cell(b).is_none().then(|| {
                    format!(
                        "entry cell {}: F(x) is past 1/(2π) but neither in B nor inside generation 0",
                        show_box(&["K", "a", "α", "σ"], b)
                    )
                })
            })),
        }
        match leaves(&self.start_root(), start_splits) {
            Err(e) => out.push(format!("start cells: {e}")),
            Ok(cells) => out.extend(cells.par_iter().find_map_any(|b| {
                self.start_cell(b).is_none().then(|| {
                    format!(
                        "start cell {}: state 2 is past 1/(2π) but neither in B nor inside generation 0",
                        show_box(&["K", "α₀", "σ₀"], b)
                    )
                })
            })),
        }
        out
    }

    /// The first failing cell of the generations (item 3), if any.
    pub fn generation_failure(&self) -> Option<String> {
        let last = self.gens.len() - 1;
        let kq = QI::new(self.k.0.clone(), self.k.1.clone());
        let all: Vec<(usize, [u32; 3])> = self
            .gens
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.iter().map(move |c| (i, *c)))
            .collect();
        all.par_iter().find_map_any(|(i, c)| {
            let cell = || format!("generation {i}, cell ({}, {}, {})", c[0], c[1], c[2]);
            if (0..3).any(|a| c[a] >= self.g.count[a]) {
                return Some(format!("{}: outside the grid", cell()));
            }
            let b = self.g.cell(c);
            if in_b(&b) {
                return None;
            }
            if *i == last {
                return Some(format!("{}: not in B", cell()));
            }
            if !image_lands(&kq, &b, |x| self.g.inside(&self.gens[i + 1], x)) {
                return Some(format!("{}: its image leaves generation {}", cell(), i + 1));
            }
            None
        })
    }
}

/// What fails on one piece (empty when proved). The generations are checked only when
/// the entry and start cells hold.
fn prove_piece(steps: usize, p: &ReachPiece, k: &(Q, Q)) -> Vec<String> {
    let piece = match Piece::new(steps, p, k) {
        Ok(x) => x,
        Err(e) => return vec![e],
    };
    let out = piece.entry_failures(&p.entry_splits, &p.start_splits);
    if !out.is_empty() {
        return out;
    }
    piece.generation_failure().into_iter().collect()
}

/// Everything wrong with a stage-2 proof; empty when proved.
pub fn prove(steps: usize, pieces: &[ReachPiece], domain: &Domain) -> Vec<String> {
    let ks = match k_pieces(pieces.iter().map(|p| &p.k), domain) {
        Ok(ks) => ks,
        Err(e) => return vec![e],
    };
    let mut out = Vec::new();
    for (i, (p, k)) in pieces.iter().zip(&ks).enumerate() {
        for e in prove_piece(steps, p, k) {
            out.push(format!(
                "piece {i} (K ∈ [{}, {}]): {e}",
                q::fmt(&k.0),
                q::fmt(&k.1)
            ));
        }
    }
    out
}

/// The link to T4.basin: each of the certificate's T4.basin rows proves a set that
/// contains stage 2's B (so B's invariance and the contraction of w_y hold on it).
pub fn basin_link(c: &Certificate) -> Vec<String> {
    let Some(ob) = c.obligations.iter().find(|o| o.id == "T4.basin/region") else {
        return vec!["no T4.basin/region obligation to link stage 2's B to".into()];
    };
    let Proof::Region { rows } = &ob.proof else {
        return vec!["T4.basin/region is not a region proof".into()];
    };
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            basin_contains(&|n: &str| r.constants.get(n).and_then(|s| q::parse(s).ok()))
                .err()
                .map(|e| format!("row {i}: {e}"))
        })
        .collect()
}
