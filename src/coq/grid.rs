//! Grid cells of the neuron map: T4.stage2's generations and T4.grid-basin's cells.
//!
//! Per K piece, `<prefix>_<id>_p<NN>.v` defines the grid and the cell sets (the
//! certificate's runs, as `GridReach.run`s), and parts `..._p<NN>_part<k>.v` hold one lemma
//! per cell, stating what the checker proves on it:
//!
//! - a generation cell of T4.stage2 lies in B (`cell_in_B`, B's margins by `interval`), or
//!   its image for K in the piece lies in the next generation (`cell_maps`, by
//!   `GridReach.maps_by_box`: enclosures of (77)-(80) with |w_y| inside a box of whole
//!   cells, each bound by `interval`, else by the mean-value form of `MeanValue.v`, else by
//!   bisection, and a `vm_compute` that every cell of that box is in the set);
//! - a cell of T4.grid-basin maps into its own set and has w_x > 0, w_y ≥ 0,
//!   |c| ≤ 1 − r K (`cell_contracts`).
//!
//! The box of whole cells is the one the checker's enclosure meets (the natural extension,
//! else natural ∩ mean-value form), widened while every cell of the wider box is still in
//! the set, which leaves `interval` room. In full, `..._p<NN>_join.v` joins the cell lemmas
//! run by run (`GridReach.set_cells`) into `..._p<NN>_from_cells`: every orbit from
//! generation 0 is in B within the statement's number of steps (`GridReach.gens_reach`), or
//! the grid basin is invariant and contracts (`GridReach.grid_basin`). T4.stage2's entry
//! and start cells (stage 1's scaled step into generation 0) are not stated.

use super::boxes::sample_indices;
use super::number::{ident, lit};
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

/// The most cell lemmas in one part file.
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

/// The cells of a piece that get a lemma: (set, index in the set).
fn kept_cells(kind: &Kind, p: &Piece, opts: &Options, in_full: bool) -> Vec<(usize, usize)> {
    let all: Vec<(usize, usize)> = p
        .sets
        .iter()
        .enumerate()
        .flat_map(|(s, cells)| (0..cells.len()).map(move |i| (s, i)))
        .collect();
    let Some(n) = opts.sample else {
        return all;
    };
    let mut kept: BTreeSet<(usize, usize)> = sample_indices(all.len(), n)
        .into_iter()
        .map(|i| all[i])
        .collect();
    // With a sample, the named piece of T4.stage2 has its last generation in full.
    if in_full && matches!(kind, Kind::Reach) {
        let last = p.sets.len() - 1;
        kept.extend((0..p.sets[last].len()).map(|i| (last, i)));
    }
    kept.into_iter().collect()
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
    let what = match kind {
        Kind::Reach => "T4.stage2's generations",
        Kind::Basin { .. } => "T4.grid-basin",
    };
    let mut defs = header(
        c,
        &format!("{what}, K piece {} (K in [{k0}, {k1}])", p.index),
        false,
    );
    defs.push_str("From Coq Require Import ZArith List.\nFrom Twostep Require Import BasinClaims GridReach.\nImport ListNotations.\n\n");
    let lits: Vec<String> = p.g.origin.iter().chain(p.g.size.iter()).map(lit).collect();
    defs.push_str(&format!(
        "Definition {m}_G : grid := Grid {}.\n\n",
        lits.join(" ")
    ));
    let sets: Vec<BTreeSet<[u32; 3]>> =
        p.sets.iter().map(|s| s.iter().copied().collect()).collect();
    let runs: Vec<Vec<[u32; 4]>> = sets.iter().map(crate::cert::BasinPiece::runs_of).collect();
    for (s, runs) in runs.iter().enumerate() {
        let text: Vec<String> = runs
            .iter()
            .map(|r| format!("({}, {}, {}, {})", r[0], r[1], r[2], r[3]))
            .collect();
        defs.push_str(&format!(
            "Definition {m}_S{s} : list run := [{}]%Z.\n",
            text.join("; ")
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
        "\n(** The grid unfolded to numbers, and the cell tactics of GridReach.v for this piece. *)\n\
         Ltac {m}_unfold := cbv [in_cell {m}_G o1 o2 o3 h1 h2 h3] in *.\n\
         Ltac {m}_maps s i0 i1 j0 j1 l0 l1 :=\n  grid_maps {m}_G ({k0})%R ({k1})%R s i0 i1 j0 j1 l0 l1 ltac:({m}_unfold).\n\
         Ltac {m}_box s i0 i1 j0 j1 l0 l1 :=\n  grid_box {m}_G s i0 i1 j0 j1 l0 l1 ltac:({m}_unfold).\n\
         Ltac {m}_in_B := grid_in_B ltac:({m}_unfold).\n"
    ));
    if let Kind::Basin { rate } = kind {
        defs.push_str(&format!(
            "Ltac {m}_contracts := grid_contracts ({})%R ltac:({m}_unfold).\n",
            lit(rate)
        ));
    }
    let kq = QI::new(p.k.0.clone(), p.k.1.clone());
    let kept = kept_cells(kind, p, opts, in_full);
    let mut files = Vec::new();
    let mut parts = Vec::new();
    let lemmas: Vec<String> = kept
        .par_iter()
        .map(|&(s, i)| cell_lemma(kind, &m, p, &sets, &kq, s, i))
        .collect();
    for (n, chunk) in lemmas.chunks(CHUNK).enumerate() {
        let name = format!("{module}_part{n}");
        let mut text = header(c, &format!("{what}, K piece {}, cells", p.index), false);
        text.push_str(&format!(
            "From Coq Require Import ZArith.\nFrom Twostep Require Import BasinClaims GridReach.\nFrom Twostep.generated Require Import {module}.\n\n"
        ));
        for lemma in chunk {
            text.push_str(lemma);
        }
        if opts.sample.is_some() {
            let total: usize = p.sets.iter().map(Vec::len).sum();
            let note = (in_full && matches!(kind, Kind::Reach))
                .then(|| "the last generation in full".to_string());
            text.push_str(&sample_note(kept.len(), total, note));
        }
        files.push(CoqFile {
            name: format!("{name}.v"),
            text,
            lemmas: chunk.len(),
        });
        parts.push(name);
    }
    let mut out = vec![CoqFile {
        name: format!("{module}.v"),
        text: defs,
        lemmas: 0,
    }];
    out.extend(files);
    let last = p.sets.len() - 1;
    let join_all = opts.sample.is_none();
    let join_last = in_full && matches!(kind, Kind::Reach);
    if join_all || join_last {
        let sets_joined: Vec<usize> = if join_all {
            (0..p.sets.len()).collect()
        } else {
            vec![last]
        };
        out.push(join_file(
            c,
            kind,
            &m,
            &module,
            &parts,
            p,
            &runs,
            &sets_joined,
            join_all,
        ));
    }
    out
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

/// The name of the lemma of cell `i` of set `s`.
fn cell_name(m: &str, s: usize, i: usize) -> String {
    format!("{m}_s{s}_c{i}")
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
    Leaf([(u32, u32); 3]),
    Split(usize, Q, Box<Cover>, Box<Cover>),
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
        return Cover::Leaf(widen(g, next, r));
    }
    if depth == MAX_SPLITS {
        let x = [b[1].clone(), b[2].clone(), b[3].clone()];
        let (r, within) = g.range(&image(&b[0], &x));
        let r = if within && G::all_in(next, &r) {
            r
        } else {
            *whole
        };
        return Cover::Leaf(widen(g, next, r));
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
    /// It does not: the box the checker's enclosure of the whole cell meets, widened, and
    /// the cell's split [`Cover`].
    Split([(u32, u32); 3], Cover),
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
    CellMaps::Split(widen(g, next, whole), cover)
}

/// The tactic proving `box_maps` from a cover (after `maps_of_box`).
fn cover_tactic(m: &str, next: usize, c: &Cover) -> String {
    match c {
        Cover::Leaf(r) => format!(
            "{m}_box {m}_S{next} {}%Z {}%Z {}%Z {}%Z {}%Z {}%Z",
            r[0].0, r[0].1, r[1].0, r[1].1, r[2].0, r[2].1
        ),
        Cover::Split(side, mid, a, b) => format!(
            "apply (split_{} ({})%R); [ {} | {} ]",
            ["K", "v", "wx", "wy"][*side],
            lit(mid),
            cover_tactic(m, next, a),
            cover_tactic(m, next, b)
        ),
    }
}

/// The tactic call proving that the cell's image lies in set `next` (`cell_maps`): one box
/// of whole cells (`maps_by_box`), the one the checker's enclosure of the whole cell meets,
/// widened; where the natural extension of the whole cell does not land in `next`, that box
/// is tried first (`interval` bisects the cell itself and mostly succeeds) and the cell
/// split by its [`Cover`] second (`maps_of_box`).
fn maps_proof(
    m: &str,
    p: &Piece,
    sets: &[BTreeSet<[u32; 3]>],
    k: &QI,
    cell: &[u32; 3],
    next: usize,
) -> String {
    let single = |r: &[(u32, u32); 3]| {
        format!(
            "{m}_maps {m}_S{next} {}%Z {}%Z {}%Z {}%Z {}%Z {}%Z",
            r[0].0, r[0].1, r[1].0, r[1].1, r[2].0, r[2].1
        )
    };
    match cell_maps(&p.g, k, cell, &sets[next]) {
        CellMaps::Single(r) => single(&r),
        CellMaps::Split(whole, cover) => format!(
            "first [ {} | apply maps_of_box; {} ]",
            single(&whole),
            cover_tactic(m, next, &cover)
        ),
    }
}

fn cell_lemma(
    kind: &Kind,
    m: &str,
    p: &Piece,
    sets: &[BTreeSet<[u32; 3]>],
    k: &QI,
    s: usize,
    i: usize,
) -> String {
    let cell = p.sets[s][i];
    let proof = match kind {
        Kind::Reach if s + 1 == p.sets.len() => format!("{m}_in_B"),
        Kind::Reach => {
            if in_b(&p.g.cell(&cell)) {
                format!("left; {m}_in_B")
            } else {
                format!("right; {}", maps_proof(m, p, sets, k, &cell, s + 1))
            }
        }
        Kind::Basin { .. } => format!(
            "split; [{} | {m}_contracts]",
            maps_proof(m, p, sets, k, &cell, 0)
        ),
    };
    format!(
        "Lemma {} : {m}_P{s} ({}, {}, {})%Z.\nProof. unfold {m}_P{s}; {proof}. Qed.\n\n",
        cell_name(m, s, i),
        cell[0],
        cell[1],
        cell[2]
    )
}

/// The statement of T4.stage2's `<m>_from_cells` over K in [k0, k1]: from generation 0, B
/// within `steps` steps.
pub fn reach_statement(m: &str, k0: &str, k1: &str, steps: usize) -> String {
    format!(
        "forall K v wx wy, {k0} <= K <= {k1} -> in_set {m}_G {m}_S0 v wx wy ->\n  exists n, (n <= {steps})%nat /\\ at3 stage2_B (Nat.iter n (step3 K) (v, wx, wy))"
    )
}

/// The file joining the cell lemmas of the sets `joined` into a statement about every cell
/// of each set, and with `theorem`, the piece's `_from_cells` theorem.
#[allow(clippy::too_many_arguments)]
fn join_file(
    c: &Certificate,
    kind: &Kind,
    m: &str,
    module: &str,
    parts: &[String],
    p: &Piece,
    runs: &[Vec<[u32; 4]>],
    joined: &[usize],
    theorem: bool,
) -> CoqFile {
    let mut text = header(
        c,
        &format!("the cells of K piece {} joined", p.index),
        false,
    );
    text.push_str("From Coq Require Import ZArith List Lia.\nFrom Twostep Require Import BasinClaims GridReach.\nImport ListNotations.\n");
    text.push_str(&format!(
        "From Twostep.generated Require Import {module}.\n"
    ));
    for part in parts {
        text.push_str(&format!("From Twostep.generated Require Import {part}.\n"));
    }
    text.push('\n');
    let mut lemmas = 0;
    for &s in joined {
        let runs = &runs[s];
        let index: std::collections::HashMap<[u32; 3], usize> =
            p.sets[s].iter().enumerate().map(|(i, c)| (*c, i)).collect();
        for (n, r) in runs.iter().enumerate() {
            text.push_str(&format!(
                "Lemma {m}_s{s}_r{n} : run_all {m}_P{s} ({}, {}, {}, {})%Z.\nProof.\n  cbv [run_all].\n",
                r[0], r[1], r[2], r[3]
            ));
            for j in r[2]..=r[3] {
                text.push_str(&format!(
                    "  apply (run_next _ _ _ {j}%Z _ {}%Z eq_refl); [exact {} |].\n",
                    j + 1,
                    cell_name(m, s, index[&[r[0], j, r[1]]])
                ));
            }
            text.push_str("  apply run_past; lia.\nQed.\n\n");
        }
        text.push_str(&format!(
            "Lemma {m}_s{s}_all : forall c, memb {m}_S{s} c = true -> {m}_P{s} c.\nProof.\n  apply set_cells. unfold {m}_S{s}.\n"
        ));
        for n in 0..runs.len() {
            text.push_str(&format!("  apply Forall_cons; [exact {m}_s{s}_r{n} |].\n"));
        }
        text.push_str("  apply Forall_nil.\nQed.\n\n");
        lemmas += runs.len() + 1;
    }
    if theorem {
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
        lemmas += 1;
    }
    CoqFile {
        name: format!("{module}_join.v"),
        text,
        lemmas,
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
            Cover::Leaf(r) => vec![*r],
            Cover::Split(_, _, a, b) => leaves(a).into_iter().chain(leaves(b)).collect(),
        }
    }

    /// The boxes of whole cells Coq is given for a cell.
    fn boxes(c: &CellMaps) -> Vec<[(u32, u32); 3]> {
        match c {
            CellMaps::Single(r) => vec![*r],
            CellMaps::Split(_, cover) => leaves(cover),
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
                CellMaps::Split(whole, _) => {
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

    #[test]
    fn a_sample_keeps_the_named_piece_last_generation_and_only_full_mode_joins() {
        let c = theorem4();
        let o = obligation(&c, "T4.stage2/reach");
        let opts = Options {
            sample: Some(2),
            full_rows: vec![FullRow {
                obligation: Some("T4.stage2/reach".into()),
                row: 5,
            }],
        };
        let fs = files(&c, o, "Theorem4", &opts).unwrap();
        let names: Vec<&str> = fs.iter().map(|f| f.name.as_str()).collect();
        assert!(
            names.contains(&"Theorem4_T4_stage2_reach_p05_join.v"),
            "{names:?}"
        );
        assert!(
            !names.contains(&"Theorem4_T4_stage2_reach_p04_join.v"),
            "{names:?}"
        );
        let part = fs
            .iter()
            .find(|f| f.name == "Theorem4_T4_stage2_reach_p05_part0.v")
            .unwrap();
        let Proof::Reach { pieces } = &o.proof else {
            panic!()
        };
        let last = cells_of_runs(pieces[5].generations.last().unwrap()).len();
        // Two sampled cells (the first of generation 0, the last of the last generation),
        // and the last generation in full.
        assert_eq!(part.lemmas, last + 1);
        let join = fs
            .iter()
            .find(|f| f.name == "Theorem4_T4_stage2_reach_p05_join.v")
            .unwrap();
        assert!(join.text.contains("Lemma T4_stage2_reach_p05_s4_all"));
        assert!(
            !join.text.contains("_from_cells"),
            "a sample states no piece theorem"
        );
        let p00 = fs
            .iter()
            .find(|f| f.name == "Theorem4_T4_stage2_reach_p00_part0.v")
            .unwrap();
        assert_eq!(p00.lemmas, 2);
        // A piece index past the end is refused.
        let bad = Options {
            sample: Some(2),
            full_rows: vec!["T4.stage2/reach:6".parse().unwrap()],
        };
        assert!(files(&c, o, "Theorem4", &bad).is_err());
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
