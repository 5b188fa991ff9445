//! Search for stage 2 of Theorem 4 (claim T4.stage2), in inari arithmetic.
//!
//! For a K piece: the stage-1 box (K, a, α, σ) and the start box (K, α₀, σ₀) are bisected
//! (at exact rational midpoints, as the checker rebuilds them) until each cell is outside
//! stage 1, or its image is still in stage 1, or the first state past 1/(2π) lies in B, or
//! that state is at most [`SEED_WIDTH`] grid cells wide; the grid cells those states meet
//! form generation 0. Each generation's cells outside B are mapped one step (natural ∩
//! mean-value enclosure) and the cells the images meet form the next generation. The piece
//! is proved when generation [`STEPS`] lies in B; a piece that fails is halved.

use super::search::QBox;
use crate::arith::interval::enclose;
use crate::arith::q::{fmt, parse, Q};
use crate::cert::{BasinPiece, Proof, ReachPiece};
use crate::check::spec::theorem4_stage1::{
    invariant_bounds, r_step, stage1_guard, start_bounds, two_steps, Scaled,
};
use crate::check::spec::theorem4_stage2::{basin_margins, STEPS};
use crate::neuron::basin::{cells_in, image_range, CellIx, Lines};
use inari::Interval;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The grid over (v, w_x, |w_y|): origin, cell sides and counts.
pub const GRID: ([&str; 3], [&str; 3], [u32; 3]) = (
    ["0", "1/20", "0"],
    ["1/200", "1/200", "1/100"],
    [520, 510, 70],
);
/// A first state past 1/(2π) seeds grid cells once it is at most this many cells wide.
pub const SEED_WIDTH: f64 = 10.0;
/// The K range is searched in pieces of this width, halved where a piece fails.
pub const K_PIECE: (i64, i64) = (1, 50);
/// Pieces are halved at most this many times.
pub const MAX_HALVINGS: u32 = 3;
/// Deepest bisection of an entry or start box.
pub const MAX_DEPTH: u32 = 48;

fn grid() -> crate::neuron::basin::Grid {
    let q = |s: &str| parse(s).unwrap();
    crate::neuron::basin::Grid {
        origin: GRID.0.map(q),
        size: GRID.1.map(q),
        count: GRID.2,
    }
}

/// Whether the inari box (v, w_x, |w_y|) lies in B.
fn in_b(x: &[Interval; 3]) -> bool {
    basin_margins(&x[0], &x[1], &x[2])
        .iter()
        .all(|m| !m.is_empty() && m.inf() >= 0.0)
}

/// The state √s (u, m_x, |m_y|) of the scaled state `y` (s the scale the step started
/// from), when it is past 1/(2π) and not in B.
fn past(s: Interval, y: Scaled<Interval>, threshold: Interval) -> Leaf {
    if (s * y.u * y.mx - threshold).sup() <= 0.0 {
        return Leaf::Done;
    }
    let t = s.sqrt();
    let x = [t * y.u, t * y.mx, (t * y.my).abs()];
    if in_b(&x) {
        Leaf::Done
    } else {
        Leaf::Past(x)
    }
}

/// The bisection of one box: its preorder split code and the grid cells its seeds meet.
struct Seeding<'a> {
    lines: &'a Lines,
    /// The grid's cell sides (upper bounds), per axis.
    side: [f64; 3],
    threshold: Interval,
    code: String,
    cells: BTreeSet<CellIx>,
}

/// What a cell of an entry or start box is.
enum Leaf {
    /// Nothing to carry on (outside stage 1, still in stage 1, or in B).
    Done,
    /// The first state past 1/(2π), to seed grid cells or to split further.
    Past([Interval; 3]),
}

impl Seeding<'_> {
    /// Bisects `b` (split sides chosen among `dims` by width over `scale`) until `leaf` settles
    /// each cell.
    fn run(
        &mut self,
        b: QBox,
        depth: u32,
        scale: &[f64],
        leaf: &dyn Fn(&[Interval], Interval) -> Leaf,
    ) -> Result<(), String> {
        let iv: Vec<Interval> = b.iter().map(|(l, h)| enclose(l, h)).collect();
        let x = match leaf(&iv, self.threshold) {
            Leaf::Done => {
                self.code.push('L');
                return Ok(());
            }
            Leaf::Past(x) => x,
        };
        if (0..3).all(|a| x[a].wid() <= SEED_WIDTH * self.side[a]) {
            let r: Option<Vec<(u32, u32)>> = (0..3)
                .map(|a| self.lines.index_range(a, x[a].inf(), x[a].sup()))
                .collect();
            let r = r.ok_or("a first state past 1/(2π) leaves the grid")?;
            self.cells.extend(cells_in([r[0], r[1], r[2]]));
            self.code.push('L');
            return Ok(());
        }
        if depth >= MAX_DEPTH {
            return Err(format!("a cell at depth {MAX_DEPTH} is not settled"));
        }
        let dim = (1..b.len())
            .max_by(|&i, &j| (iv[i].wid() / scale[i]).total_cmp(&(iv[j].wid() / scale[j])))
            .unwrap();
        let mid = (b[dim].0.clone() + &b[dim].1) / Q::from(2);
        let (mut lo, mut hi) = (b.clone(), b);
        lo[dim].1 = mid.clone();
        hi[dim].0 = mid;
        self.code.push(char::from(b'0' + dim as u8));
        self.run(lo, depth + 1, scale, leaf)?;
        self.run(hi, depth + 1, scale, leaf)
    }
}

/// A cell (K, a, α, σ) of R's box: F(x) when it is past 1/(2π) and not in B.
fn entry_leaf(b: &[Interval], threshold: Interval) -> Leaf {
    if (stage1_guard().iv)(b).sup() < 0.0 {
        return Leaf::Done;
    }
    let y = r_step(b).1;
    past(b[3], y, threshold)
}

/// A cell (K, α₀, σ₀) of the start box: state 2 when it is past 1/(2π) and not in B.
fn start_leaf(b: &[Interval], threshold: Interval) -> Leaf {
    past(b[2], two_steps(&b[0], &b[1], &b[2]).1, threshold)
}

/// Counts of one piece, for the report.
#[derive(Clone, Debug, Default)]
pub struct PieceStats {
    /// Entry cells, start cells.
    pub seeds: [usize; 2],
    /// Cells per generation.
    pub generations: Vec<usize>,
}

/// Stage 2 on one K piece, or why it failed; `starts` is the start box (α₀, σ₀).
pub fn piece(k: &(Q, Q), starts: &[(Q, Q)]) -> Result<(ReachPiece, PieceStats), String> {
    let g = grid();
    let lines = Lines::new(&g);
    let side = g.size.clone().map(|h| enclose(&h, &h).sup());
    let threshold = inari::const_interval!(1.0, 1.0) / (Interval::PI + Interval::PI);
    let mut entry = Seeding {
        lines: &lines,
        side,
        threshold,
        code: String::new(),
        cells: BTreeSet::new(),
    };
    let mut root: QBox = vec![k.clone()];
    root.extend(invariant_bounds(&[])?);
    entry.run(root, 0, &[1.0, 0.5, 0.9, 0.26], &entry_leaf)?;
    let mut start = Seeding {
        lines: &lines,
        side,
        threshold,
        code: String::new(),
        cells: BTreeSet::new(),
    };
    let mut root: QBox = vec![k.clone()];
    root.extend(starts.iter().cloned());
    start.run(root, 0, &[1.0, 1.5708, 0.01], &start_leaf)?;
    let kk = enclose(&k.0, &k.1);
    let mut gens: Vec<BTreeSet<CellIx>> = vec![&entry.cells | &start.cells];
    for gi in 0..=STEPS {
        let cur: Vec<CellIx> = gens[gi].iter().copied().collect();
        let images: Vec<Option<Option<[(u32, u32); 3]>>> = cur
            .par_iter()
            .map(|c| {
                if in_b(&lines.cell(c)) {
                    Some(None)
                } else if gi == STEPS {
                    None
                } else {
                    image_range(&lines, c, kk).map(Some)
                }
            })
            .collect();
        if images.iter().any(Option::is_none) {
            return Err(format!(
                "generation {gi}: a cell is {}",
                if gi == STEPS {
                    "not in B"
                } else {
                    "mapped off the grid"
                }
            ));
        }
        if gi < STEPS {
            let next: BTreeSet<CellIx> = images
                .into_iter()
                .flatten()
                .flatten()
                .flat_map(cells_in)
                .collect();
            gens.push(next);
        }
    }
    let stats = PieceStats {
        seeds: [
            entry.code.matches('L').count(),
            start.code.matches('L').count(),
        ],
        generations: gens.iter().map(BTreeSet::len).collect(),
    };
    Ok((
        ReachPiece {
            k: [fmt(&k.0), fmt(&k.1)],
            origin: GRID.0.map(String::from),
            size: GRID.1.map(String::from),
            count: GRID.2,
            entry_splits: entry.code,
            start_splits: start.code,
            generations: gens.iter().map(BasinPiece::runs_of).collect(),
        },
        stats,
    ))
}

/// Stage 2 on `k`, halving the piece where it fails (at most `halvings` more times).
fn pieces_of(
    k: (Q, Q),
    starts: &[(Q, Q)],
    halvings: u32,
) -> Result<Vec<(ReachPiece, PieceStats)>, String> {
    match piece(&k, starts) {
        Ok(p) => Ok(vec![p]),
        Err(e) if halvings == 0 => Err(format!(
            "stage 2 not settled on K ∈ [{}, {}]: {e}",
            fmt(&k.0),
            fmt(&k.1)
        )),
        Err(_) => {
            let mid = (k.0.clone() + &k.1) / Q::from(2);
            let (a, b) = rayon::join(
                || pieces_of((k.0.clone(), mid.clone()), starts, halvings - 1),
                || pieces_of((mid.clone(), k.1.clone()), starts, halvings - 1),
            );
            let mut a = a?;
            a.extend(b?);
            Ok(a)
        }
    }
}

/// The stage-2 proof for K ∈ [lo, hi] and the start box of T4.stage1, with the counts of
/// each piece.
pub fn search(lo: &Q, hi: &Q) -> Result<(Proof, Vec<PieceStats>), String> {
    search_from(lo, hi, &start_bounds(&[])?)
}

/// As [`search`], from the start box (α₀, σ₀) `starts` (the exploration widens σ₀ = ε²).
pub fn search_from(lo: &Q, hi: &Q, starts: &[(Q, Q)]) -> Result<(Proof, Vec<PieceStats>), String> {
    let w = Q::from(K_PIECE);
    let mut ks = Vec::new();
    let mut a = lo.clone();
    while a < *hi {
        let b = std::cmp::min(a.clone() + &w, hi.clone());
        ks.push((a.clone(), b.clone()));
        a = b;
    }
    let found: Vec<Vec<(ReachPiece, PieceStats)>> = ks
        .into_par_iter()
        .map(|k| pieces_of(k, starts, MAX_HALVINGS))
        .collect::<Result<_, _>>()?;
    let (pieces, stats) = found.into_iter().flatten().unzip();
    Ok((Proof::Reach { pieces }, stats))
}
