//! Grid cells of the neuron map: T4.stage2's generations and T4.grid-basin's cells.
//!
//! Per K piece, `<prefix>_<id>_p<NN>.v` defines the grid (in reals and in rationals) and
//! the cell sets (the certificate's runs, as `GridReach.run`s). Parts `..._p<NN>_part<k>.v`
//! hold consecutive runs of one set, about [`CHUNK`] cells, with what the search found for
//! each cell (`GridCheck.hint`), and one lemma that every cell of those runs has the set's
//! property, proved by `GridCheck.v`'s computation (`vm_compute`):
//!
//! - a generation cell of T4.stage2 lies in B (`InB`: B's margins), or its image for K in
//!   the piece lies in the next generation (`Maps`: enclosures of (77)-(80) with |w_y|
//!   inside boxes of whole cells all in the set; the cell split as the search records,
//!   with the derivative bounds of the mean-value form where the checker used it);
//! - a cell of T4.grid-basin maps into its own set and has w_x > 0, w_y ≥ 0,
//!   |c| ≤ 1 − r K.
//!
//! The box of whole cells is the one the checker's enclosure meets (the natural extension,
//! else natural ∩ mean-value form), widened while every cell of the wider box is still in
//! the set. With each part go the runs of the target set near its targets, grouped by i
//! and l, which Coq checks are runs of the set. For a whole piece (every piece in full; in
//! a sample the piece a `--full-row` names), `..._p<NN>_join.v` joins the parts
//! (`GridCheck.Forall_concat`, `GridReach.set_cells`) into `..._p<NN>_from_cells`: every
//! orbit from generation 0 is in B within the statement's number of steps
//! (`GridReach.gens_reach`), or the grid basin is invariant and contracts
//! (`GridReach.grid_basin`).

use super::boxes::sample_indices;
use super::number::{ident, lit, qlit, qzlit, zarg, zlit};
use super::{header, sample_note, CoqFile, Options};
use crate::arith::exact::QI;
use crate::arith::q::Q;
use crate::cert::{cells_of_runs, parse_interval, Certificate, Obligation, Proof};
use crate::check::basin::{grid_of, image, G};
use crate::check::reach::in_b;
use crate::check::spec::{self, Rule};
use crate::models::neuron::step_with_abs;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The cells of a part file: runs are added until a part holds at least this many.
const CHUNK: usize = 1500;

/// Cells a side of the target box is widened by at most.
const WIDEN: u32 = 3;

/// What a piece's cells must satisfy.
enum Kind {
    /// T4.stage2: generations 0..=steps; a cell lies in B or maps into the next one.
    Reach,
    /// T4.grid-basin: the cells map into the set and contract w_y by 1 − r K.
    Basin { rate: Q },
}

impl Kind {
    /// The obligation, in the files' headers.
    fn what(&self) -> &'static str {
        match self {
            Kind::Reach => "T4.stage2's generations",
            Kind::Basin { .. } => "T4.grid-basin",
        }
    }
}

/// The import that makes the data's integers primitive 63-bit literals ([`zlit`]); last, so
/// that its names shadow none of the files' own.
pub(super) const DATA_IMPORT: &str = "From Coq Require Import Sint63.\n";

/// The proof of a computed fact `check = true` of the grid: `vm_cast_no_check` leaves the
/// computation to Coq's kernel, which runs it when it checks the proof at `Qed` (and rejects
/// the lemma if it is `false`), instead of running it once more when the tactic runs, as
/// `vm_compute; reflexivity` does. The grid lemmas have no other proof to fall back on.
const CHECKED_AT_QED: &str = "vm_cast_no_check (eq_refl true)";

/// Runs as a Coq list of `GridReach.run`s (in `%Z`).
fn runs_text(rs: &[[u32; 4]]) -> String {
    let text: Vec<String> = rs
        .iter()
        .map(|r| {
            let ends: Vec<String> = r.iter().map(|&x| zlit(x)).collect();
            format!("({})", ends.join(", "))
        })
        .collect();
    format!("[{}]%Z", text.join("; "))
}

/// One K piece, parsed.
struct Piece {
    index: usize,
    k: (Q, Q),
    g: G,
    /// The cell sets: T4.stage2's generations, or the grid basin's one set.
    sets: Vec<Vec<[u32; 3]>>,
}

/// The files of a T4.stage2 or T4.grid-basin obligation.
pub fn files(
    c: &Certificate,
    o: &Obligation,
    prefix: &str,
    opts: &Options,
) -> Result<Vec<CoqFile>, String> {
    let rule = spec::rule(&c.family, &o.id)?;
    let (kind, pieces) = match (&o.proof, rule) {
        (Proof::Reach { pieces }, Some(Rule::Reach { steps })) => {
            let mut out = Vec::new();
            for (i, p) in pieces.iter().enumerate() {
                if p.generations.len() != steps + 1 {
                    return Err(format!(
                        "{} piece {i}: {} generations, the statement needs {}",
                        o.id,
                        p.generations.len(),
                        steps + 1
                    ));
                }
                out.push(Piece {
                    index: i,
                    k: parse_interval(&p.k, "k").map_err(|e| e.to_string())?,
                    g: grid_of(&p.origin, &p.size, p.count, None)?,
                    sets: p.generations.iter().map(|r| cells_of_runs(r)).collect(),
                });
            }
            (Kind::Reach, out)
        }
        (Proof::Basin { pieces }, Some(Rule::Basin { rate, .. })) => {
            let rate = crate::arith::q::parse(rate).map_err(|e| e.to_string())?;
            let mut out = Vec::new();
            for (i, p) in pieces.iter().enumerate() {
                out.push(Piece {
                    index: i,
                    k: parse_interval(&p.k, "k").map_err(|e| e.to_string())?,
                    g: grid_of(&p.origin, &p.size, p.count, None)?,
                    sets: vec![p.cells()],
                });
            }
            (Kind::Basin { rate }, out)
        }
        _ => {
            return Err(format!(
                "{}: not a reach or basin proof of a reach or basin rule",
                o.id
            ))
        }
    };
    let base = ident(&o.id);
    let full = opts.in_full(&o.id, pieces.len(), "pieces")?;
    let mut files = Vec::new();
    for p in &pieces {
        files.extend(piece_files(
            c,
            &base,
            prefix,
            &kind,
            p,
            opts,
            full.contains(&p.index),
        ));
    }
    Ok(files)
}

/// The sampled cells of a piece: (set, index in the set).
fn kept_cells(p: &Piece, opts: &Options) -> Vec<(usize, usize)> {
    let all: Vec<(usize, usize)> = p
        .sets
        .iter()
        .enumerate()
        .flat_map(|(s, cells)| (0..cells.len()).map(move |i| (s, i)))
        .collect();
    match opts.sample {
        None => all,
        Some(n) => sample_indices(all.len(), n)
            .into_iter()
            .map(|i| all[i])
            .collect(),
    }
}

fn piece_files(
    c: &Certificate,
    base: &str,
    prefix: &str,
    kind: &Kind,
    p: &Piece,
    opts: &Options,
    in_full: bool,
) -> Vec<CoqFile> {
    let m = format!("{base}_p{:02}", p.index);
    let module = format!("{prefix}_{m}");
    let (k0, k1) = (lit(&p.k.0), lit(&p.k.1));
    let what = kind.what();
    let mut defs = header(
        c,
        &format!("{what}, K piece {} (K in [{k0}, {k1}])", p.index),
        false,
    );
    defs.push_str(&format!("From Coq Require Import ZArith List.\nFrom Twostep Require Import BasinClaims GridReach GridCheck.\nImport ListNotations.\n{DATA_IMPORT}\n"));
    let lits: Vec<String> = p.g.origin.iter().chain(p.g.size.iter()).map(lit).collect();
    defs.push_str(&format!(
        "Definition {m}_G : grid := Grid {}.\n\n",
        lits.join(" ")
    ));
    let sets: Vec<BTreeSet<[u32; 3]>> =
        p.sets.iter().map(|s| s.iter().copied().collect()).collect();
    let runs: Vec<Vec<[u32; 4]>> = sets.iter().map(crate::cert::BasinPiece::runs_of).collect();
    for (s, runs) in runs.iter().enumerate() {
        defs.push_str(&format!(
            "Definition {m}_S{s} : list run := {}.\n",
            runs_text(runs)
        ));
    }
    defs.push('\n');
    for s in 0..p.sets.len() {
        defs.push_str(&format!(
            "Definition {m}_P{s} (c : cell) : Prop := {}.\n",
            property(kind, &m, &k0, &k1, s, p.sets.len())
        ));
    }
    defs.push_str(&format!(
        "\n(** The grid unfolded to numbers (the entry and start cells use it). *)\n\
         Ltac {m}_unfold := cbv [in_cell {m}_G o1 o2 o3 h1 h2 h3] in *.\n"
    ));
    defs.push_str(&format!(
        "\n(** The grid in rationals, for GridCheck.v's computation. *)\n\
         Definition {m}_Q : qgrid := QGrid {}.\n\
         Lemma {m}_Q_G : grid_of {m}_Q = {m}_G.\nProof. unfold {m}_Q, {m}_G. qgrid_eq. Qed.\n",
        p.g.origin
            .iter()
            .chain(p.g.size.iter())
            .map(qlit)
            .collect::<Vec<_>>()
            .join(" ")
    ));
    if matches!(kind, Kind::Reach) {
        let refs: Vec<&[u32; 4]> = runs[0].iter().collect();
        defs.push_str(&format!(
            "\n(** Generation 0 grouped by i and l, for EntryCheck.v's computation. *)\n\
             Definition {m}_S0g : groups := {}.\n\
             Lemma {m}_S0g_ok : flat {m}_S0g = {m}_S0.\nProof. vm_cast_no_check (eq_refl {m}_S0). Qed.\n",
            groups_text(&refs)
        ));
    }
    let kq = QI::new(p.k.0.clone(), p.k.1.clone());
    let whole = opts.sample.is_none() || in_full;
    // A sampled piece's parts end with a note of how many cells were kept.
    let (checked, note): (Vec<Vec<[u32; 4]>>, Option<String>) = if whole {
        (runs.clone(), None)
    } else {
        let sampled = kept_cells(p, opts);
        let mut kept: Vec<BTreeSet<[u32; 3]>> = vec![BTreeSet::new(); p.sets.len()];
        for &(s, i) in &sampled {
            kept[s].insert(p.sets[s][i]);
        }
        let total: usize = p.sets.iter().map(Vec::len).sum();
        let note = sample_note(sampled.len(), total, None);
        (
            kept.iter().map(crate::cert::BasinPiece::runs_of).collect(),
            Some(note),
        )
    };
    let mut out = vec![CoqFile {
        name: format!("{module}.v"),
        text: defs,
        lemmas: 0,
    }];
    // The parts: consecutive runs of one set, about CHUNK cells each.
    let mut chunks: Vec<(usize, usize, &[[u32; 4]])> = Vec::new();
    for (s, rs) in checked.iter().enumerate() {
        let mut from = 0;
        while from < rs.len() {
            let (mut to, mut cells) = (from, 0);
            while to < rs.len() && cells < CHUNK {
                cells += (rs[to][3] - rs[to][2] + 1) as usize;
                to += 1;
            }
            chunks.push((s, chunks.len(), &rs[from..to]));
            from = to;
        }
    }
    let parts: Vec<(usize, usize, String, CoqFile)> = chunks
        .par_iter()
        .map(|&(s, n, rs)| {
            let name = format!("{module}_part{n}");
            let mut text = part_text(c, kind, &m, &module, p, &sets, &kq, s, n, rs, &runs);
            text.push_str(note.as_deref().unwrap_or(""));
            let file = CoqFile {
                name: format!("{name}.v"),
                text,
                lemmas: 1,
            };
            (s, n, name, file)
        })
        .collect();
    let names: Vec<String> = parts.iter().map(|(_, _, name, _)| name.clone()).collect();
    let of_set: Vec<Vec<usize>> = (0..p.sets.len())
        .map(|s| {
            parts
                .iter()
                .filter(|(t, ..)| *t == s)
                .map(|(_, n, ..)| *n)
                .collect()
        })
        .collect();
    out.extend(parts.into_iter().map(|(.., f)| f));
    if whole {
        out.push(join_file(c, kind, &m, &module, &names, p, &of_set));
    }
    out
}

/// The text of part `n`: the runs `rs` of set `s`, each cell's hint, the runs of the target
/// set near the targets, and the lemma that every cell of the runs has `<m>_P<s>`, by
/// GridCheck.v's computation.
#[allow(clippy::too_many_arguments)]
fn part_text(
    c: &Certificate,
    kind: &Kind,
    m: &str,
    module: &str,
    p: &Piece,
    sets: &[BTreeSet<[u32; 3]>],
    k: &QI,
    s: usize,
    n: usize,
    rs: &[[u32; 4]],
    all_runs: &[Vec<[u32; 4]>],
) -> String {
    let mut text = header(
        c,
        &format!("{}, K piece {}, cells", kind.what(), p.index),
        false,
    );
    text.push_str(&format!(
        "From Coq Require Import ZArith List.\nFrom Twostep Require Import BasinClaims GridReach GridCheck.\nFrom Twostep.generated Require Import {module}.\nImport ListNotations.\n{DATA_IMPORT}\n"
    ));
    let cells: Vec<[u32; 3]> = rs
        .iter()
        .flat_map(|r| (r[2]..=r[3]).map(move |j| [r[0], j, r[1]]))
        .collect();
    let (hints, spans): (Vec<String>, Vec<Span>) = cells
        .iter()
        .map(|cell| cell_hint(kind, p, sets, k, s, cell))
        .unzip();
    // The runs of the target set near the targets: GridCheck.sub_ok checks they are runs
    // of it.
    let span = spans.into_iter().fold(None, join_span);
    let target = match kind {
        Kind::Reach => (s + 1).min(p.sets.len() - 1),
        Kind::Basin { .. } => 0,
    };
    let sub: Vec<&[u32; 4]> = all_runs[target]
        .iter()
        .filter(|r| span.is_some_and(|(a, b)| a <= r[0] && r[0] <= b))
        .collect();
    text.push_str(&format!(
        "(** Set {s}: {} cells in {} runs, with what the search found for each. *)\n\
         Definition {m}_s{s}_R{n} : list run := {}.\n\n\
         Definition {m}_s{s}_H{n} : list hint := [\n  {}].\n\n",
        cells.len(),
        rs.len(),
        runs_text(rs),
        hints.join(";\n  ")
    ));
    if !matches!(kind, Kind::Reach if s + 1 == p.sets.len()) {
        text.push_str(&format!(
            "(** The runs of set {target} the targets of these cells meet, by i and l. *)\n\
             Definition {m}_s{s}_T{n} : groups := {}.\n\n",
            groups_text(&sub)
        ));
    }
    let (k0, k1) = (lit(&p.k.0), lit(&p.k.1));
    let (q0, q1) = (qlit(&p.k.0), qlit(&p.k.1));
    let apply = match kind {
        Kind::Reach if s + 1 == p.sets.len() => format!(
            "apply (last_runs {m}_Q {m}_G {m}_s{s}_R{n} {m}_s{s}_H{n});\n    [exact {m}_Q_G | {CHECKED_AT_QED}]"
        ),
        Kind::Reach => format!(
            "apply (reach_runs {m}_Q {q0} {q1} {m}_G {k0} {k1} {m}_S{} {m}_s{s}_T{n} {m}_s{s}_R{n} {m}_s{s}_H{n});\n    [exact {m}_Q_G | q_eq | q_eq | {CHECKED_AT_QED}]",
            s + 1
        ),
        Kind::Basin { rate } => format!(
            "apply (basin_runs {m}_Q {q0} {q1} {} {m}_G {k0} {k1} {} {m}_S0 {m}_s{s}_T{n} {m}_s{s}_R{n} {m}_s{s}_H{n});\n    [exact {m}_Q_G | q_eq | q_eq | q_eq | {CHECKED_AT_QED}]",
            qlit(rate),
            lit(rate)
        ),
    };
    text.push_str(&format!(
        "Lemma {m}_s{s}_k{n} : Forall (run_all {m}_P{s}) {m}_s{s}_R{n}.\nProof.\n  {apply}.\nQed.\n"
    ));
    text
}

/// The property every cell of set `s` has (`<m>_P<s>`).
fn property(kind: &Kind, m: &str, k0: &str, k1: &str, s: usize, len: usize) -> String {
    match kind {
        Kind::Reach if s + 1 == len => format!("cell_in_B {m}_G c"),
        Kind::Reach => format!(
            "cell_in_B {m}_G c \\/ cell_maps {m}_G {k0} {k1} {m}_S{} c",
            s + 1
        ),
        Kind::Basin { rate } => format!(
            "cell_maps {m}_G {k0} {k1} {m}_S0 c /\\ cell_contracts {m}_G {k0} {k1} {} c",
            lit(rate)
        ),
    }
}

/// `r` widened by up to [`WIDEN`] cells a side while every cell of it is in `next`.
pub(super) fn widen(g: &G, next: &BTreeSet<[u32; 3]>, mut r: [(u32, u32); 3]) -> [(u32, u32); 3] {
    if !G::all_in(next, &r) {
        // Not the checker's proof: Coq is given the cells met and refuses.
        return r;
    }
    for a in 0..3 {
        for _ in 0..WIDEN {
            if r[a].0 == 0 {
                break;
            }
            let mut w = r;
            w[a].0 -= 1;
            if !G::all_in(next, &w) {
                break;
            }
            r = w;
        }
        for _ in 0..WIDEN {
            if r[a].1 + 1 >= g.count[a] {
                break;
            }
            let mut w = r;
            w[a].1 += 1;
            if !G::all_in(next, &w) {
                break;
            }
            r = w;
        }
    }
    r
}

/// How the image of a cell is given to Coq: one box of whole cells, or the cell (K × cell)
/// split at a midpoint of side 0 (K), 1 (v), 2 (w_x) or 3 (w_y) with a cover of each half.
#[derive(Debug, PartialEq)]
enum Cover {
    /// A box of whole cells, with bounds on the partial derivatives of the three outputs
    /// over the part where the checker's enclosure there is the mean-value form.
    Leaf([(u32, u32); 3], Option<Partials>),
    Split(usize, Q, Box<Cover>, Box<Cover>),
}

/// Upper bounds on |∂F_r/∂x_c|, r = v⁺, w_x⁺, w_y⁺ and c = K, v, w_x, w_y, over a box.
type Partials = [[Q; 4]; 3];

/// [`Partials`] over the box `b` = (K, v, w_x, w_y): the checker's Jacobian of (77)-(80)
/// (`neuron::jacobian`, exact), each magnitude with 10⁻⁶ relative room and rounded up to 9
/// decimals, as `GridCheck.out_ok` is given them; `None` where a bound is infinite.
fn partials(b: &[QI; 4]) -> Option<Partials> {
    let jac = crate::models::neuron::jacobian(b);
    let room = Q::from(1) + Q::from(1) / Q::from(1_000_000);
    let mut out: Partials = Default::default();
    for r in 0..3 {
        for c in 0..4 {
            let m = jac[r][c].abs().hi()?.clone();
            out[r][c] = crate::arith::q::ceil_dec(&(m * &room), 9);
        }
    }
    Some(out)
}

/// The most halvings of a cell on one path of its [`Cover`].
const MAX_SPLITS: u32 = 6;

/// The cells the natural extension of (77)-(80) on `b` = (K, v, w_x, w_y) meets, with
/// |w_y⁺|, when they are all in `next`.
fn natural_lands(g: &G, b: &[QI; 4], next: &BTreeSet<[u32; 3]>) -> Option<[(u32, u32); 3]> {
    let nat = step_with_abs(&b[0], &b[1], &b[2], &b[3], &b[3]);
    let (r, within) = g.range(&[nat[0].clone(), nat[1].clone(), nat[2].abs()]);
    (within && G::all_in(next, &r)).then_some(r)
}

/// The cover of the box `b` = (K, v, w_x, w_y): a leaf where the natural extension of
/// (77)-(80) lands in whole cells of `next` (Coq's `interval` then has room, with its own
/// bisection), else [`split`]; after [`MAX_SPLITS`] halvings a leaf with the checker's
/// enclosure (natural ∩ mean-value form) of the part, or else `whole`, the cells that
/// enclosure of the whole cell meets.
fn cover(
    g: &G,
    b: &[QI; 4],
    cell: &[Q; 4],
    whole: &[(u32, u32); 3],
    next: &BTreeSet<[u32; 3]>,
    depth: u32,
) -> Cover {
    if let Some(r) = natural_lands(g, b, next) {
        return Cover::Leaf(widen(g, next, r), None);
    }
    if depth == MAX_SPLITS {
        let x = [b[1].clone(), b[2].clone(), b[3].clone()];
        let (r, within) = g.range(&image(&b[0], &x));
        let r = if within && G::all_in(next, &r) {
            r
        } else {
            *whole
        };
        return Cover::Leaf(widen(g, next, r), partials(b));
    }
    split(g, b, cell, whole, next, depth)
}

/// `b` halved on its side widest relative to `cell` (v, w_x, w_y before K on ties), with
/// the [`cover`] of each half.
fn split(
    g: &G,
    b: &[QI; 4],
    cell: &[Q; 4],
    whole: &[(u32, u32); 3],
    next: &BTreeSet<[u32; 3]>,
    depth: u32,
) -> Cover {
    let ends = |i: usize| (b[i].lo().cloned().unwrap(), b[i].hi().cloned().unwrap());
    let rel = |i: usize| {
        let (lo, hi) = ends(i);
        (hi - lo) / &cell[i]
    };
    let mut side = 1;
    for i in [2, 3, 0] {
        if rel(i) > rel(side) {
            side = i;
        }
    }
    let (lo, hi) = ends(side);
    let mid = (lo.clone() + &hi) / Q::from(2);
    let mut left = b.clone();
    left[side] = QI::new(lo, mid.clone());
    let mut right = b.clone();
    right[side] = QI::new(mid.clone(), hi);
    Cover::Split(
        side,
        mid,
        Box::new(cover(g, &left, cell, whole, next, depth + 1)),
        Box::new(cover(g, &right, cell, whole, next, depth + 1)),
    )
}

/// How Coq is shown that a cell's image lies in a set.
#[derive(Debug, PartialEq)]
enum CellMaps {
    /// The natural extension of the whole cell lands: the box of whole cells it meets,
    /// widened.
    Single([(u32, u32); 3]),
    /// It does not: the box the checker's enclosure of the whole cell meets, widened, with
    /// the partial derivatives' bounds over the cell, and the cell's split [`Cover`].
    Split([(u32, u32); 3], Option<Partials>, Cover),
}

/// How the image of cell `c` for K in `k` is shown to lie in `next`. The checker's
/// (mean-value) enclosure is computed only for a cell whose natural extension does not land.
fn cell_maps(g: &G, k: &QI, c: &[u32; 3], next: &BTreeSet<[u32; 3]>) -> CellMaps {
    let x = g.cell(c);
    let b = [k.clone(), x[0].clone(), x[1].clone(), x[2].clone()];
    if let Some(r) = natural_lands(g, &b, next) {
        return CellMaps::Single(widen(g, next, r));
    }
    let width = |i: &QI| i.hi().cloned().unwrap() - i.lo().cloned().unwrap();
    let cell: [Q; 4] = std::array::from_fn(|i| width(&b[i]));
    let whole = g.range(&image(k, &x)).0;
    let cover = split(g, &b, &cell, &whole, next, 0);
    CellMaps::Split(widen(g, next, whole), partials(&b), cover)
}

/// The v-indices (first axis) a hint's target boxes span.
type Span = Option<(u32, u32)>;

fn join_span(a: Span, b: Span) -> Span {
    match (a, b) {
        (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
        (x, None) | (None, x) => x,
    }
}

/// A box of whole cells as a `GridCheck.Leaf`, or an `MLeaf` with derivative bounds.
fn leaf_text(r: &[(u32, u32); 3], d: &Option<Partials>) -> (String, Span) {
    let ends: Vec<String> = r.iter().flat_map(|&(a, b)| [zarg(a), zarg(b)]).collect();
    let ends = ends.join(" ");
    let text = match d {
        None => format!("Leaf {ends}"),
        Some(d) => {
            let rows: Vec<String> = d
                .iter()
                .map(|row| {
                    let qs: Vec<String> = row.iter().map(qzlit).collect();
                    format!("({})%Z", qs.join(", "))
                })
                .collect();
            format!("MLeaf {ends} {}", rows.join(" "))
        }
    };
    (text, Some(r[0]))
}

/// A [`Cover`] as a `GridCheck.tree`.
fn tree_text(c: &Cover) -> (String, Span) {
    match c {
        Cover::Leaf(r, d) => leaf_text(r, d),
        Cover::Split(side, mid, a, b) => {
            let ((ta, sa), (tb, sb)) = (tree_text(a), tree_text(b));
            let text = format!("Split {side} {} ({ta}) ({tb})", qzlit(mid));
            (text, join_span(sa, sb))
        }
    }
}

/// How cell `cell`'s image lies in set `next`, as a `GridCheck.tree`: one box of whole
/// cells; where the natural extension of the whole cell does not land in `next`, the box the
/// checker's enclosure of the whole cell meets (the bisection of the computation mostly
/// succeeds with it) or else the cell split by its [`Cover`].
fn maps_tree(
    p: &Piece,
    sets: &[BTreeSet<[u32; 3]>],
    k: &QI,
    cell: &[u32; 3],
    next: usize,
) -> (String, Span) {
    match cell_maps(&p.g, k, cell, &sets[next]) {
        CellMaps::Single(r) => leaf_text(&r, &None),
        CellMaps::Split(whole, d, cover) => {
            let ((tw, sw), (tc, sc)) = (leaf_text(&whole, &d), tree_text(&cover));
            (format!("Either ({tw}) ({tc})"), join_span(sw, sc))
        }
    }
}

/// What the search found for a cell of set `s`, as a `GridCheck.hint`, with the
/// v-indices its target boxes span.
fn cell_hint(
    kind: &Kind,
    p: &Piece,
    sets: &[BTreeSet<[u32; 3]>],
    k: &QI,
    s: usize,
    cell: &[u32; 3],
) -> (String, Span) {
    let maps = |next| {
        let (t, span) = maps_tree(p, sets, k, cell, next);
        (format!("Maps ({t})"), span)
    };
    match kind {
        Kind::Reach if s + 1 == p.sets.len() => ("InB".into(), None),
        Kind::Reach if in_b(&p.g.cell(cell)) => ("InB".into(), None),
        Kind::Reach => maps(s + 1),
        Kind::Basin { .. } => maps(0),
    }
}

/// Runs (sorted by i, l, j) as `GridCheck.groups`: `[(i, [(l, [(j0, j1); ...]); ...]); ...]`.
fn groups_text(runs: &[&[u32; 4]]) -> String {
    let mut by_i: Vec<(u32, Vec<(u32, Vec<String>)>)> = Vec::new();
    for r in runs {
        if by_i.last().is_none_or(|g| g.0 != r[0]) {
            by_i.push((r[0], Vec::new()));
        }
        let ls = &mut by_i.last_mut().unwrap().1;
        if ls.last().is_none_or(|x| x.0 != r[1]) {
            ls.push((r[1], Vec::new()));
        }
        ls.last_mut()
            .unwrap()
            .1
            .push(format!("({}, {})", zlit(r[2]), zlit(r[3])));
    }
    let text: Vec<String> = by_i
        .iter()
        .map(|(i, ls)| {
            let ls: Vec<String> = ls
                .iter()
                .map(|(l, js)| format!("({}, [{}])", zlit(l), js.join("; ")))
                .collect();
            format!("({}, [{}])", zlit(i), ls.join("; "))
        })
        .collect();
    format!("[{}]%Z", text.join(";\n  "))
}

/// The statement of T4.stage2's `<m>_from_cells` over K in [k0, k1]: from generation 0, B
/// within `steps` steps.
pub fn reach_statement(m: &str, k0: &str, k1: &str, steps: usize) -> String {
    format!(
        "forall K v wx wy, {k0} <= K <= {k1} -> in_set {m}_G {m}_S0 v wx wy ->\n  exists n, (n <= {steps})%nat /\\ at3 stage2_B (Nat.iter n (step3 K) (v, wx, wy))"
    )
}

/// The file joining the parts of every set (`of_set[s]`: the parts of set s) into a
/// statement about every cell of each set, and the piece's `_from_cells` theorem.
fn join_file(
    c: &Certificate,
    kind: &Kind,
    m: &str,
    module: &str,
    parts: &[String],
    p: &Piece,
    of_set: &[Vec<usize>],
) -> CoqFile {
    let mut text = header(
        c,
        &format!("the cells of K piece {} joined", p.index),
        false,
    );
    text.push_str("From Coq Require Import ZArith List.\nFrom Twostep Require Import BasinClaims GridReach GridCheck.\nImport ListNotations.\n");
    text.push_str(&format!(
        "From Twostep.generated Require Import {module}.\n"
    ));
    for part in parts {
        text.push_str(&format!("From Twostep.generated Require Import {part}.\n"));
    }
    text.push('\n');
    for (s, ns) in of_set.iter().enumerate() {
        let rs: Vec<String> = ns.iter().map(|n| format!("{m}_s{s}_R{n}")).collect();
        text.push_str(&format!(
            "Lemma {m}_s{s}_all : forall c, memb {m}_S{s} c = true -> {m}_P{s} c.\nProof.\n  apply set_cells.\n  replace {m}_S{s} with (concat [{}]) by (vm_compute; reflexivity).\n  apply Forall_concat.\n",
            rs.join("; ")
        ));
        for n in ns {
            text.push_str(&format!("  apply Forall_cons; [exact {m}_s{s}_k{n} |].\n"));
        }
        text.push_str("  apply Forall_nil.\nQed.\n\n");
    }
    let (k0, k1) = (lit(&p.k.0), lit(&p.k.1));
    match kind {
        Kind::Reach => {
            let steps = p.sets.len() - 1;
            let rest: Vec<String> = (1..p.sets.len()).map(|s| format!("{m}_S{s}")).collect();
            let mut chain = format!("{m}_s{steps}_all");
            for s in (0..steps).rev() {
                chain = format!("(conj {m}_s{s}_all {chain})");
            }
            text.push_str(&format!(
                "(** T4.stage2's generations for K in [{k0}, {k1}]: from every point of generation 0 the\n    orbit of (77)-(80) with |w_y| is in B after at most {steps} steps. *)\n\
                 Theorem {m}_from_cells : {}.\n\
                 Proof. exact (gens_reach {m}_G {k0} {k1} {m}_S0 [{}] {chain}). Qed.\n",
                reach_statement(m, &k0, &k1, steps),
                rest.join("; ")
            ));
        }
        Kind::Basin { rate } => {
            let r = lit(rate);
            text.push_str(&format!(
                "(** T4.grid-basin for K in [{k0}, {k1}]: the cells' union is mapped into itself by (77)-(80)\n    with |w_y|, and on it |w_y'| <= (1 - {r} K) w_y. *)\n\
                 Theorem {m}_from_cells : forall K v wx wy, {k0} <= K <= {k1} -> in_set {m}_G {m}_S0 v wx wy ->\n  at3 (in_set {m}_G {m}_S0) (basin_step K v wx wy) /\\ Rabs (neuron_wy K v wx wy) <= (1 - {r} * K) * wy.\n\
                 Proof. exact (grid_basin {m}_G {k0} {k1} {r} {m}_S0 {m}_s0_all). Qed.\n"
            ));
        }
    }
    CoqFile {
        name: format!("{module}_join.v"),
        text,
        lemmas: of_set.len() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coq::FullRow;

    fn theorem4() -> Certificate {
        crate::coq::committed("theorem4")
    }

    fn obligation<'a>(c: &'a Certificate, id: &str) -> &'a Obligation {
        c.obligations.iter().find(|o| o.id == id).unwrap()
    }

    fn leaves(c: &Cover) -> Vec<[(u32, u32); 3]> {
        match c {
            Cover::Leaf(r, _) => vec![*r],
            Cover::Split(_, _, a, b) => leaves(a).into_iter().chain(leaves(b)).collect(),
        }
    }

    /// The boxes of whole cells Coq is given for a cell.
    fn boxes(c: &CellMaps) -> Vec<[(u32, u32); 3]> {
        match c {
            CellMaps::Single(r) => vec![*r],
            CellMaps::Split(_, _, cover) => leaves(cover),
        }
    }

    #[test]
    fn a_cell_cover_holds_only_cells_of_the_next_set_and_splits_where_needed() {
        let c = theorem4();
        let Proof::Reach { pieces } = &obligation(&c, "T4.stage2/reach").proof else {
            panic!("not a reach proof")
        };
        let p = &pieces[5];
        let g = grid_of(&p.origin, &p.size, p.count, None).unwrap();
        let k = parse_interval(&p.k, "k").unwrap();
        let k = QI::new(k.0, k.1);
        let next: BTreeSet<[u32; 3]> = cells_of_runs(&p.generations[1]).into_iter().collect();
        let (mut split, mut widened) = (0, 0);
        for cell in cells_of_runs(&p.generations[0]).iter().step_by(499) {
            let b = g.cell(cell);
            if in_b(&b) {
                continue;
            }
            let proof = cell_maps(&g, &k, cell, &next);
            for r in boxes(&proof) {
                assert!(G::all_in(&next, &r), "{cell:?}: {r:?}");
            }
            match proof {
                CellMaps::Single(r) => {
                    // One box: it holds the cells the natural extension meets.
                    let nat = step_with_abs(&k, &b[0], &b[1], &b[2], &b[2]);
                    let (met, within) = g.range(&[nat[0].clone(), nat[1].clone(), nat[2].abs()]);
                    assert!(within);
                    for a in 0..3 {
                        assert!(r[a].0 <= met[a].0 && met[a].1 <= r[a].1, "{cell:?}");
                    }
                    widened += usize::from(met != r);
                }
                CellMaps::Split(whole, _, _) => {
                    assert!(G::all_in(&next, &whole), "{cell:?}: {whole:?}");
                    split += 1
                }
            }
        }
        assert!(widened > 0, "no box was widened");
        assert!(split > 0, "no cell needed splitting");
        // Against a set without a cell the cover uses, some leaf is not all in it (Coq then
        // refuses).
        let cell = cells_of_runs(&p.generations[0])
            .into_iter()
            .find(|c| !in_b(&g.cell(c)))
            .unwrap();
        let r = boxes(&cell_maps(&g, &k, &cell, &next))[0];
        let mut holed = next.clone();
        holed.remove(&[r[0].0, r[1].0, r[2].0]);
        let bad = cell_maps(&g, &k, &cell, &holed);
        assert!(boxes(&bad).iter().any(|r| !G::all_in(&holed, r)));
    }

    /// The cells a part file checks, from its `(** Set s: N cells` comment.
    fn cells_in(f: &CoqFile) -> usize {
        let at = f.text.find("(** Set ").unwrap();
        let rest = &f.text[at..];
        let n = rest.split_whitespace().nth(3).unwrap();
        n.parse().unwrap()
    }

    #[test]
    fn a_sample_checks_the_named_piece_whole_and_only_whole_pieces_join() {
        let c = theorem4();
        let o = obligation(&c, "T4.grid-basin/invariant-contracting");
        let opts = Options {
            sample: Some(2),
            full_rows: vec![FullRow {
                obligation: Some("T4.grid-basin/invariant-contracting".into()),
                row: 6,
            }],
        };
        let fs = files(&c, o, "Theorem4", &opts).unwrap();
        let prefix = "Theorem4_T4_grid_basin_invariant_contracting";
        let named = |n: usize| -> Vec<&CoqFile> {
            fs.iter()
                .filter(|f| f.name.starts_with(&format!("{prefix}_p{n:02}_part")))
                .collect()
        };
        let Proof::Basin { pieces } = &o.proof else {
            panic!()
        };
        // Piece 6 whole: its parts hold every cell, and the join states the piece theorem.
        let whole: usize = named(6).iter().map(|f| cells_in(f)).sum();
        assert_eq!(whole, pieces[6].cells().len());
        assert!(named(6).len() > 1, "a whole piece is split in parts");
        let join = fs
            .iter()
            .find(|f| f.name == format!("{prefix}_p06_join.v"))
            .unwrap();
        assert!(join
            .text
            .contains("Theorem T4_grid_basin_invariant_contracting_p06_from_cells"));
        for f in named(6) {
            let n = f.name.trim_start_matches(&format!("{prefix}_p06_part"));
            let n = n.trim_end_matches(".v");
            assert!(
                join.text.contains(&format!(
                    "[exact T4_grid_basin_invariant_contracting_p06_s0_k{n} |]"
                )),
                "the join leaves out part {n}"
            );
        }
        // Piece 0: two sampled cells in one part, no join.
        assert_eq!(named(0).len(), 1);
        assert_eq!(cells_in(named(0)[0]), 2);
        assert!(!fs.iter().any(|f| f.name == format!("{prefix}_p00_join.v")));
        // A piece index past the end is refused.
        let bad = Options {
            sample: Some(2),
            full_rows: vec!["T4.grid-basin/invariant-contracting:7".parse().unwrap()],
        };
        assert!(files(&c, o, "Theorem4", &bad).is_err());
    }

    #[test]
    fn hints_are_coq_terms_of_the_cover_and_the_target_runs_are_grouped() {
        let cover = Cover::Split(
            1,
            Q::from(1) / Q::from(2),
            Box::new(Cover::Leaf([(1, 2), (3, 4), (5, 6)], None)),
            Box::new(Cover::Leaf([(2, 3), (3, 4), (5, 6)], None)),
        );
        let (text, span) = tree_text(&cover);
        assert_eq!(
            text,
            "Split 1 (z 1, z 2) (Leaf (z 1) (z 2) (z 3) (z 4) (z 5) (z 6)) \
             (Leaf (z 2) (z 3) (z 3) (z 4) (z 5) (z 6))"
        );
        assert_eq!(span, Some((1, 3)));
        // A leaf with derivative bounds: one (n, d) per partial derivative, a row per output.
        let mut d: Partials = Default::default();
        d[2][3] = Q::from(3) / Q::from(4);
        let (text, _) = leaf_text(&[(1, 2), (3, 4), (5, 6)], &Some(d));
        assert_eq!(
            text,
            "MLeaf (z 1) (z 2) (z 3) (z 4) (z 5) (z 6) \
             ((z 0, z 1), (z 0, z 1), (z 0, z 1), (z 0, z 1))%Z \
             ((z 0, z 1), (z 0, z 1), (z 0, z 1), (z 0, z 1))%Z \
             ((z 0, z 1), (z 0, z 1), (z 0, z 1), (z 3, z 4))%Z"
        );
        // The checker's Jacobian on a cell bounds the derivatives from above, with room.
        let k = QI::new(Q::from(1), Q::from(101) / Q::from(100));
        let cell = [1, 2, 3, 4].map(|n| {
            QI::new(
                Q::from(n) / Q::from(4),
                Q::from(n) / Q::from(4) + Q::from(1) / Q::from(100),
            )
        });
        let b = [k, cell[0].clone(), cell[1].clone(), cell[2].clone()];
        let d = partials(&b).unwrap();
        let jac = crate::models::neuron::jacobian(&b);
        for r in 0..3 {
            for c in 0..4 {
                let (lo, hi) = (
                    jac[r][c].lo().unwrap().clone(),
                    jac[r][c].hi().unwrap().clone(),
                );
                assert!(d[r][c] > hi && d[r][c] > -lo, "{r} {c}");
            }
        }
        let runs = [[1, 0, 2, 3], [1, 0, 5, 5], [1, 2, 0, 0], [4, 1, 7, 9]];
        let refs: Vec<&[u32; 4]> = runs.iter().collect();
        assert_eq!(
            groups_text(&refs),
            "[(z 1, [(z 0, [(z 2, z 3); (z 5, z 5)]); (z 2, [(z 0, z 0)])]);\n  \
             (z 4, [(z 1, [(z 7, z 9)])])]%Z"
        );
    }

    #[test]
    fn the_last_generation_is_asked_to_lie_in_b_and_the_others_to_lie_in_b_or_map() {
        let text = property(&Kind::Reach, "m", "1", "2", 4, 5);
        assert_eq!(text, "cell_in_B m_G c");
        let text = property(&Kind::Reach, "m", "1", "2", 3, 5);
        assert_eq!(text, "cell_in_B m_G c \\/ cell_maps m_G 1 2 m_S4 c");
        let rate = Kind::Basin {
            rate: crate::arith::q::parse("0.03").unwrap(),
        };
        assert_eq!(
            property(&rate, "m", "1", "2", 0, 1),
            "cell_maps m_G 1 2 m_S0 c /\\ cell_contracts m_G 1 2 (3 / 100) c"
        );
    }
}
