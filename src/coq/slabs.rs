//! The slab graphs of P3.orbit-global and P3.orbit-near (see [`crate::check::attract`]) in
//! Coq.
//!
//! Every cell i of a K piece becomes an `interval` lemma of what the checker proves on it:
//! for all K of the piece, p ∈ [pᵢ, pᵢ₊₁] and d in the cell's range [0, min(dcap, ω/(4pᵢ))],
//! 2 − K²(p − 1)² ≥ 0 (W does not grow) and p' lies in the cells its enclosure meets, the
//! cell's successors; a strip cell adds m < −1 (`prod_m`), a target cell
//! (1 − K²(p − 1)²)² < 1, a cell of the near range m < 0, K p − K − 2 < 0, R(p) > 0 and
//! p > 0. A piece with a near range N adds one lemma for D(p, q) < 0 on N × N (F decreases
//! on N) and one for K²p² − K(K + 1)p + 1 > 0 at both ends of N; a piece with targets adds
//! |D(p, q)| ≤ Lₐ on Tₐ × Tₐ for both targets and L₀L₁ < 1 (condition 3's contraction). The
//! successor ranges and the bounds Lₐ are computed from the certificate (the checker's
//! enclosures); Coq proves them.
//!
//! A piece generated in full also gets the theorems that join its cells: its cells as data
//! with their test by computation (`…_s<j>_checked`, [`super::reach::check_text`]), from
//! which `SlabCheck.check_invariant` gives that the slab is mapped into itself with W not
//! growing (`…_s<j>_invariant_from_cells`), and on a piece with a near range, from
//! `OrbitClaims.slab_d_bounds` (a point of the slab {W ≤ ω} with p in cell i has d in the
//! cell's range) by a balanced case split on p over the cell lemmas, that N is mapped into
//! itself with the signs of condition 5 at every point (`…_s<j>_near_from_cells`), and the
//! files of [`super::reach`] (the graph's acyclicity, the targets' convergence) and of
//! [`super::enter`] (the region's part, and the claim when every piece is in full). A sampled
//! piece has no acyclicity theorem (the generated file says so).

use super::boxes::{sample_indices, tactic, BOX_TIERS};
use super::number::{ident, lit, qlit};
use super::reify::reify_form;
use super::{comment, header, sample_note, CoqFile, Options};
use crate::arith::q::{self, Q};
use crate::cert::{parse_interval, AttractPiece, Certificate, Obligation, Proof};
use crate::check::attract::Slab;
use std::ops::Range;

/// The hand-written claim files that a piece's convergence and region files use.
const CLAIM_IMPORTS: &str =
    "From Twostep Require Import ProductClaims SlabReach TargetConverge RegionEnters NearConverge.\n";

/// Cell lemmas per generated part file of a piece in full.
const CHUNK: usize = 500;

/// The variables of a cell lemma.
const VARS: &[&str] = &["K", "p", "d"];

/// What is not stated in Coq, written into the generated file.
const UNSTATED: &str = "the acyclicity of the transition graph (checker conditions 4 and 6) of a sampled piece; a piece in full has it as the theorem that every orbit of its slab reaches the goal (file ..._reach.v); the lemmas below are the checker's conditions 1, 2, 3 and 5, cell by cell, with the targets' slope bounds and the near range's slope over whole ranges";

/// What a cell lemma asserts beyond W not growing and the successor range.
fn extras(s: &Slab, i: usize) -> Vec<String> {
    if s.in_near(i) {
        vec![
            "prod_m K p d < 0".into(),
            "K * p - K - 2 < 0".into(),
            concat!("0 < ", crate::two_step_rest!()).into(),
            "0 < p".into(),
        ]
    } else if s.strip.contains(&i) {
        vec![format!(
            "prod_m K p d <= {}",
            lit(&super::reach::strip_bound(s))
        )]
    } else if s.in_target(i) {
        vec![format!(
            "(1 - (K * (p - 1)) ^ 2) ^ 2 <= {}",
            lit(&super::reach::target_decay(s))
        )]
    } else {
        vec![]
    }
}

/// `A /\ B /\ …` of the facts.
fn conj(facts: &[String]) -> String {
    facts
        .iter()
        .map(|f| format!("({f})"))
        .collect::<Vec<_>>()
        .join(" /\\ ")
}

/// The successor range of cell i as the p range [p_a, p_b] of the cells its image meets.
pub(super) fn successors(s: &Slab, i: usize) -> (Q, Q) {
    let r: Range<usize> = s.meets(&s.image(i));
    (s.cuts[r.start].clone(), s.cuts[r.end].clone())
}

/// The upper end of cell i's d range.
fn d_top(s: &Slab, i: usize) -> Q {
    s.d(i).hi().cloned().expect("a cell's d range is bounded")
}

/// The facts a cell lemma or a joining theorem states: W does not grow, p' ∈ [lo, hi], then
/// `extras`.
fn facts(lo: &Q, hi: &Q, extras: Vec<String>) -> Vec<String> {
    let mut f = vec![
        "0 <= 2 - (K * (p - 1)) ^ 2".to_string(),
        format!("{} <= prod_p K p d <= {}", lit(lo), lit(hi)),
    ];
    f.extend(extras);
    f
}

/// The facts of cell i: W does not grow, p' in the successor range, the extras.
fn cell_facts(s: &Slab, i: usize) -> Vec<String> {
    let (lo, hi) = successors(s, i);
    facts(&lo, &hi, extras(s, i))
}

pub(super) fn k_range(s: &Slab) -> String {
    format!("{} <= K <= {}", lit(&s.k.0), lit(&s.k.1))
}

fn cell_name(base: &str, j: usize, i: usize) -> String {
    format!("{base}_s{j:02}_c{i:05}")
}

/// The lemma of cell i of piece j: by `RegionCheck.v`'s computation on the statement's
/// comparisons as data ([`reify_form`], 16 halvings as `interval`'s first tier), falling
/// back on `interval` at the cell tiers (with a message naming the lemma).
fn cell_lemma(base: &str, j: usize, s: &Slab, i: usize) -> String {
    let name = cell_name(base, j, i);
    let (p0, p1, top) = (&s.cuts[i], &s.cuts[i + 1], d_top(s, i));
    let statement = conj(&cell_facts(s, i));
    let by_interval = format!(
        "intros K p d HK Hp Hd; unfold_model; repeat split; {}",
        tactic(VARS, BOX_TIERS)
    );
    let proof = match reify_form(&statement, VARS) {
        Ok(f) => {
            let ends = [&s.k.0, &s.k.1, p0, p1, &Q::from(0), &top].map(qlit);
            format!(
                "first [ form_by {}%nat (Box3 {}) {f}\n  | idtac \"{name}: by interval\"; {by_interval} ]",
                BOX_TIERS[0].1,
                ends.join(" ")
            )
        }
        Err(_) => by_interval,
    };
    format!(
        "Lemma {name} : forall K p d,\n  {} -> {} <= p <= {} -> 0 <= d <= {} ->\n  {statement}.\nProof.\n  {proof}.\nQed.\n\n",
        k_range(s),
        lit(p0),
        lit(p1),
        lit(&top),
    )
}

/// The near range's two lemmas: D < 0 on N × N, and the cycle quadratic positive at N's ends.
fn near_lemmas(base: &str, j: usize, s: &Slab, n: &Range<usize>) -> String {
    let (a, b) = (lit(&s.cuts[n.start]), lit(&s.cuts[n.end]));
    let quad = |x: &str| format!("0 < K ^ 2 * {x} ^ 2 - K * (K + 1) * {x} + 1");
    format!(
        "(** On N × N the slope of F(p) = p'(p, 0) is negative: F decreases, F∘F increases. *)\nLemma {base}_s{j:02}_near_slope : forall K p q,\n  {} -> {a} <= p <= {b} -> {a} <= q <= {b} ->\n  {} < 0.\nProof.\n  intros K p q HK Hp Hq; {}.\nQed.\n\n\
         (** K²p² − K(K + 1)p + 1 > 0 at both ends of N: N holds δ₁² and δ₂². *)\nLemma {base}_s{j:02}_near_ends : forall K, {} ->\n  {} /\\ {}.\nProof.\n  intros K HK; split; {}.\nQed.\n\n",
        k_range(s),
        crate::slope_d!(),
        tactic(&["K", "p", "q"], BOX_TIERS),
        k_range(s),
        quad(&a),
        quad(&b),
        tactic(&["K"], BOX_TIERS),
    )
}

/// The targets' slope bounds L₀, L₁ (the checker's, rounded up to 6 decimals where the
/// product stays below 1).
pub(super) fn target_bounds(s: &Slab) -> Result<[Q; 2], String> {
    let exact = [s.slope_bound(0), s.slope_bound(1)];
    let [Some(l0), Some(l1)] = exact else {
        return Err("the targets' slope bounds are unbounded".into());
    };
    let round = [q::ceil_dec(&l0, 6), q::ceil_dec(&l1, 6)];
    Ok(if Q::from(&round[0] * &round[1]) < 1 {
        round
    } else {
        [l0, l1]
    })
}

/// Condition 3's contraction: |D| ≤ Lₐ on Tₐ × Tₐ for both targets, and L₀L₁ < 1.
fn target_lemmas(base: &str, j: usize, s: &Slab) -> Result<String, String> {
    let l = target_bounds(s)?;
    let mut t = String::new();
    for (a, la) in l.iter().enumerate() {
        let r = &s.targets[a];
        let (lo, hi) = (lit(&s.cuts[r.start]), lit(&s.cuts[r.end]));
        t.push_str(&format!(
            "(** On target {a} the slope of F(p) = p'(p, 0) is at most L{a} in size. *)\nLemma {base}_s{j:02}_target{a}_slope : forall K p q,\n  {} -> {lo} <= p <= {hi} -> {lo} <= q <= {hi} ->\n  Rabs ({}) <= {}.\nProof.\n  intros K p q HK Hp Hq; {}.\nQed.\n\n",
            k_range(s),
            crate::slope_d!(),
            lit(la),
            tactic(&["K", "p", "q"], BOX_TIERS),
        ));
    }
    t.push_str(&format!(
        "(** The two-step factor on the targets: L0 L1 < 1. *)\nLemma {base}_s{j:02}_targets_contract : {} * {} < 1.\nProof. lra. Qed.\n\n",
        lit(&l[0]),
        lit(&l[1])
    ));
    Ok(t)
}

/// The theorem joining the cells `r` of piece j (the near range N): for every point of the
/// slab with p in their range, the facts every cell lemma of `r` states, with p' in
/// [lo, hi].
fn join_theorem(
    name: &str,
    what: &str,
    base: &str,
    j: usize,
    s: &Slab,
    r: Range<usize>,
    (lo, hi): (&Q, &Q),
) -> String {
    let shared = facts(lo, hi, extras(s, r.start));
    let mut t = format!(
        "(** {what} *)\nTheorem {name} : forall K p d,\n  {} -> {} <= p <= {} -> 0 <= d -> prod_w p d <= {} ->\n  {}.\nProof.\n  intros K p d HK Hp Hd Hw.\n  {}\n",
        k_range(s),
        lit(&s.cuts[r.start]),
        lit(&s.cuts[r.end]),
        lit(&s.omega),
        conj(&shared),
        d_caps(s),
    );
    let leaf = |i: usize| {
        format!(
            "{}\n  split; [exact H1 | split; [clear H1 H3; lra | exact H3]].",
            use_cell(base, j, s, i)
        )
    };
    t.push_str(&format!(
        "  {}\nQed.\n\n",
        split_cells(&s.cuts, r, 0, &leaf)
    ));
    t
}

/// `Hc0 : 0 <= dcap` and `Hc1 : omega <= dcap * dcap`, the hypotheses `slab_d_bounds` needs.
pub(super) fn d_caps(s: &Slab) -> String {
    format!(
        "assert (Hc0 : 0 <= {}) by lra.\n  assert (Hc1 : {} <= {} * {}) by lra.",
        lit(&s.dcap),
        lit(&s.omega),
        lit(&s.dcap),
        lit(&s.dcap)
    )
}

/// From `HK`, bounds on p, `Hd : 0 <= d`, `Hw : prod_w p d <= omega` and [`d_caps`]: d in
/// cell i's range (`Hq1`, `Hq2`, by `slab_d_bounds`), then cell i's lemma as `H1`, `H2`
/// (and `H3`, its extras).
pub(super) fn use_cell(base: &str, j: usize, s: &Slab, i: usize) -> String {
    let a = if s.cuts[i] > 0 {
        s.cuts[i].clone()
    } else {
        Q::from(0)
    };
    let pattern = if extras(s, i).is_empty() {
        "[H1 H2]"
    } else {
        "[H1 [H2 H3]]"
    };
    format!(
        "destruct (slab_d_bounds {} p d {} {} ltac:(lra) Hd Hc0 Hc1 Hw) as [Hq1 Hq2];\n  destruct ({} K p d HK ltac:(lra) ltac:(lra)) as {pattern};",
        lit(&a),
        lit(&s.omega),
        lit(&s.dcap),
        cell_name(base, j, i),
    )
}

/// A balanced case split of p over the cells `r` (split at the middle cut, the lower half
/// first; `P<depth>` names the split's hypothesis), with `leaf(i)` (sentences) proving the goal on cell i
/// from the bounds on p the splits above it give. Its depth is log₂ of the number of cells.
pub(super) fn split_cells(
    cuts: &[Q],
    r: Range<usize>,
    depth: usize,
    leaf: &dyn Fn(usize) -> String,
) -> String {
    split_on("p", "P", cuts, r, depth, leaf)
}

/// [`split_cells`] on the term `var`, its hypotheses named `hyp<depth>`.
pub(super) fn split_on(
    var: &str,
    hyp: &str,
    cuts: &[Q],
    r: Range<usize>,
    depth: usize,
    leaf: &dyn Fn(usize) -> String,
) -> String {
    if r.len() == 1 {
        return leaf(r.start);
    }
    let mid = (r.start + r.end) / 2;
    format!(
        "destruct (Rle_lt_dec {var} {}) as [{hyp}{depth}|{hyp}{depth}].\n  {{ {} }}\n  {{ {} }}",
        lit(&cuts[mid]),
        split_on(var, hyp, cuts, r.start..mid, depth + 1, leaf),
        split_on(var, hyp, cuts, mid..r.end, depth + 1, leaf)
    )
}

/// The pieces of an attract proof, parsed.
pub(super) fn slabs(o: &Obligation) -> Result<Vec<Slab>, String> {
    let Proof::Attract { pieces } = &o.proof else {
        return Err(format!("{}: expected an attract proof", o.id));
    };
    pieces
        .iter()
        .enumerate()
        .map(|(j, p): (usize, &AttractPiece)| {
            let k = parse_interval(&p.k, "k").map_err(|e| format!("{}: piece {j}: {e}", o.id))?;
            let s = Slab::parse(p, &k).map_err(|e| format!("{}: piece {j}: {e}", o.id))?;
            if s.is_empty() {
                return Err(format!("{}: piece {j} has no cells", o.id));
            }
            Ok(s)
        })
        .collect()
}

/// The cells of a sampled piece: `n` evenly spaced, and the first cell of the strip, of each
/// target and of the near range, so that every kind of cell lemma is in the sample.
pub fn sampled_cells(s: &Slab, n: usize) -> Vec<usize> {
    let mut v = sample_indices(s.len(), n);
    let starts = [&s.strip, &s.targets[0], &s.targets[1]]
        .into_iter()
        .chain(s.near.as_ref())
        .filter(|r| !r.is_empty())
        .map(|r| r.start);
    v.extend(starts);
    v.sort_unstable();
    v.dedup();
    v
}

/// The files of one slab-graph obligation: with a sample, one file with the sampled cells
/// of every piece and the near range's lemmas; each piece in full (every piece without a
/// sample, the one `--full-row` names with it) gets its cells in parts of [`CHUNK`] lemmas
/// and a file with the theorems joining them.
pub fn files(
    c: &Certificate,
    o: &Obligation,
    prefix: &str,
    opts: &Options,
) -> Result<Vec<CoqFile>, String> {
    let slabs = slabs(o)?;
    let base = ident(&o.id);
    let full = opts.in_full(&o.id, slabs.len(), "pieces")?;
    let intro = |what: &str| {
        let mut t = header(c, &format!("obligation {}, {what}", o.id), false);
        t.push_str(super::regions::REGION_CHECK_IMPORTS);
        t.push_str("From Twostep Require Import OrbitClaims.\n\n");
        t.push_str(&format!("(** {}: {} *)\n\n", o.id, comment(&o.statement)));
        t
    };
    let mut out = Vec::new();
    let mut main = intro("the cells of its K pieces");
    main.push_str(&format!("(** Not stated in Coq: {UNSTATED}. *)\n\n"));
    let mut main_lemmas = 0;
    let (mut kept, mut total) = (0usize, 0usize);
    let mut region_files = Vec::new();
    for (j, s) in slabs.iter().enumerate() {
        total += s.len();
        main.push_str(&format!(
            "(** Piece {j}: K in [{}, {}], omega = {}, {} cells. *)\n\n",
            lit(&s.k.0),
            lit(&s.k.1),
            lit(&s.omega),
            s.len()
        ));
        if let Some(n) = &s.near {
            main.push_str(&near_lemmas(&base, j, s, n));
            main_lemmas += 2;
        } else {
            main.push_str(
                &target_lemmas(&base, j, s).map_err(|e| format!("{}: piece {j}: {e}", o.id))?,
            );
            main_lemmas += 3;
        }
        if full.contains(&j) {
            kept += s.len();
            let piece = format!("{prefix}_{base}_s{j:02}");
            let mut parts = Vec::new();
            for (k, chunk) in (0..s.len()).collect::<Vec<_>>().chunks(CHUNK).enumerate() {
                let name = format!("{piece}_part{k}");
                let mut t = intro(&format!(
                    "piece {j}, cells {} to {}",
                    chunk[0],
                    chunk[chunk.len() - 1]
                ));
                for &i in chunk {
                    t.push_str(&cell_lemma(&base, j, s, i));
                }
                out.push(CoqFile {
                    name: format!("{name}.v"),
                    text: t,
                    lemmas: chunk.len(),
                });
                parts.push(name);
            }
            let mut t = intro(&format!("piece {j}, the theorems joining its cells"));
            t.push_str("From Twostep Require Import Rational SlabCheck.\n");
            for p in &parts {
                t.push_str(&format!("From Twostep.generated Require Import {p}.\n"));
            }
            t.push_str(super::grid::DATA_IMPORT);
            t.push('\n');
            t.push_str(
                &super::reach::check_text(&base, j, s)
                    .map_err(|e| format!("{}: piece {j}: {e}", o.id))?,
            );
            let mut lemmas = 2;
            if let Some(r) = &s.near {
                t.push_str(&join_theorem(
                    &format!("{base}_s{j:02}_near_from_cells"),
                    "The near range N is mapped into itself, with m < 0, K p - K - 2 < 0, R(p) > 0 and p > 0 on it.",
                    &base,
                    j,
                    s,
                    r.clone(),
                    (&s.cuts[r.start], &s.cuts[r.end]),
                ));
                lemmas += 1;
            }
            out.push(CoqFile {
                name: format!("{piece}.v"),
                text: t,
                lemmas,
            });
            let mut t = intro(&format!(
                "piece {j}, every orbit of its slab reaches the goal (the graph's acyclicity)"
            ));
            t.push_str("From Twostep Require Import ProductClaims SlabReach Rational SlabCheck.\n");
            for p in &parts {
                t.push_str(&format!("From Twostep.generated Require Import {p}.\n"));
            }
            t.push_str(&format!("From Twostep.generated Require Import {piece}.\n"));
            t.push('\n');
            t.push_str(
                &super::reach::reach_text(&base, j, s)
                    .map_err(|e| format!("{}: piece {j}: {e}", o.id))?,
            );
            out.push(CoqFile {
                name: format!("{piece}_reach.v"),
                text: t,
                lemmas: 9,
            });
            // The convergence file: in the near range, or in the targets.
            let (goal, text, lemmas) = if s.near.is_some() {
                let t = super::near::near_text(c, &base, j, s)
                    .map_err(|e| format!("{}: piece {j}: {e}", o.id))?;
                ("near range", t, 5)
            } else {
                let l = target_bounds(s).map_err(|e| format!("{}: piece {j}: {e}", o.id))?;
                ("targets", super::reach::converge_text(&base, j, s, &l), 8)
            };
            // A file of theorems over the hand-written claims and the generated `modules`.
            let theorems = |what: String, modules: &[String], text: &str| {
                let mut t = intro(&what);
                t.push_str(CLAIM_IMPORTS);
                for m in modules {
                    t.push_str(&format!("From Twostep.generated Require Import {m}.\n"));
                }
                t.push('\n');
                t.push_str(text);
                t
            };
            let mut modules = parts.clone();
            modules.extend([
                format!("{prefix}_{base}"),
                piece.clone(),
                format!("{piece}_reach"),
            ]);
            if s.near.is_some() {
                modules.push(format!("{prefix}_identities"));
                modules.push(format!("{prefix}_{}", ident(super::near::STRIP)));
            }
            out.push(CoqFile {
                name: format!("{piece}_converge.v"),
                text: theorems(
                    format!("piece {j}, the orbits that enter the {goal} converge to the period-2 orbit"),
                    &modules,
                    &text,
                ),
                lemmas,
            });
            if let Some((text, modules)) = super::enter::region_text(c, &o.id, &base, j, s, opts)? {
                out.push(CoqFile {
                    name: format!("{piece}_region.v"),
                    text: theorems(
                        format!("piece {j} with its region row, every orbit of the region converges to the period-2 orbit, lands on p = 1, or is the origin"),
                        &modules,
                        &text,
                    ),
                    lemmas: 2,
                });
                region_files.push(format!("{piece}_region"));
            }
        } else if let Some(n) = opts.sample {
            let cells = sampled_cells(s, n);
            kept += cells.len();
            for i in cells {
                main.push_str(&cell_lemma(&base, j, s, i));
                main_lemmas += 1;
            }
        }
    }
    if opts.sample.is_some() {
        main.push_str(&sample_note(
            kept,
            total,
            super::named_in_full("piece", &full).map(|j| {
                let its = if full.len() == 1 { "its" } else { "their" };
                format!("{j} in full with the theorems joining {its} cells")
            }),
        ));
    }
    out.push(CoqFile {
        name: format!("{prefix}_{base}.v"),
        text: main,
        lemmas: main_lemmas,
    });
    // The claim over all pieces, for a slab graph with targets (P3.orbit-global); P3.orbit-near
    // has one piece, whose region theorem is the claim.
    let targets = slabs.iter().all(|s| s.near.is_none());
    if targets && !region_files.is_empty() && region_files.len() == slabs.len() {
        let mut t = header(
            c,
            &format!("obligation {}, the claim over its whole K range", o.id),
            false,
        );
        t.push_str(
            "From Twostep Require Import ProductClaims SlabReach TargetConverge RegionEnters.\n",
        );
        for f in &region_files {
            t.push_str(&format!("From Twostep.generated Require Import {f}.\n"));
        }
        t.push('\n');
        t.push_str(&super::enter::claim_text(c, &o.id, &base, &slabs)?);
        out.push(CoqFile {
            name: format!("{prefix}_{}_claim.v", base.trim_end_matches("_slab_graph")),
            text: t,
            lemmas: 2,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theorem3() -> Certificate {
        crate::coq::committed("theorem3")
    }

    fn obligation<'a>(c: &'a Certificate, id: &str) -> &'a Obligation {
        c.obligations.iter().find(|o| o.id == id).unwrap()
    }

    #[test]
    fn a_sample_holds_every_kind_of_cell() {
        let c = theorem3();
        let s = &slabs(obligation(&c, "P3.orbit-global/slab-graph")).unwrap()[0];
        let cells = sampled_cells(s, 4);
        assert!(cells.contains(&0) && cells.contains(&(s.len() - 1)));
        assert!(cells.contains(&s.strip.start));
        assert!(cells.contains(&s.targets[0].start) && cells.contains(&s.targets[1].start));
        let lemma = cell_lemma("X", 0, s, s.strip.start);
        assert!(lemma.contains("prod_m K p d <= (-"), "{lemma}");
        assert!(super::super::reach::strip_bound(s) < -1);
        let lemma = cell_lemma("X", 0, s, s.targets[1].start);
        assert!(
            lemma.contains("(1 - (K * (p - 1)) ^ 2) ^ 2 <= ("),
            "{lemma}"
        );
        assert!(super::super::reach::target_decay(s) < 1);
        // The targets' bounds are the checker's, rounded up, with a product below 1.
        let l = target_bounds(s).unwrap();
        assert!(l[0] >= s.slope_bound(0).unwrap() && l[1] >= s.slope_bound(1).unwrap());
        assert!(Q::from(&l[0] * &l[1]) < 1);
        let t = target_lemmas("X", 0, s).unwrap();
        assert!(
            t.contains("Lemma X_s00_target1_slope") && t.contains("Lemma X_s00_targets_contract")
        );
    }

    #[test]
    fn a_successor_range_holds_the_cell_image() {
        let c = theorem3();
        for s in slabs(obligation(&c, "P3.orbit-near/slab-graph")).unwrap() {
            for i in 0..s.len() {
                let (lo, hi) = successors(&s, i);
                let img = s.image(i);
                assert!(img.within(&lo, &hi), "cell {i}");
                assert!(lo < hi, "cell {i}");
            }
        }
    }

    #[test]
    fn a_piece_in_full_has_its_joining_theorems() {
        let c = theorem3();
        let o = obligation(&c, "P3.orbit-near/slab-graph");
        let opts = Options {
            sample: Some(1),
            full_rows: vec!["P3.orbit-near/slab-graph:0".parse().unwrap()],
        };
        let fs = files(&c, o, "Theorem3", &opts).unwrap();
        let names: Vec<&str> = fs.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Theorem3_P3_orbit_near_slab_graph_s00_part0.v",
                "Theorem3_P3_orbit_near_slab_graph_s00.v",
                "Theorem3_P3_orbit_near_slab_graph_s00_reach.v",
                "Theorem3_P3_orbit_near_slab_graph_s00_converge.v",
                "Theorem3_P3_orbit_near_slab_graph.v"
            ]
        );
        assert_eq!(fs[0].lemmas, 327);
        assert!(fs[1]
            .text
            .contains("Theorem P3_orbit_near_slab_graph_s00_invariant_from_cells"));
        assert!(fs[1]
            .text
            .contains("Theorem P3_orbit_near_slab_graph_s00_near_from_cells"));
        // The slab's invariance comes from the cells' test by computation; N's theorem from
        // a balanced case split over N's cells: ⌈log₂ |N|⌉ levels.
        assert!(fs[1]
            .text
            .contains("Lemma P3_orbit_near_slab_graph_s00_checked : piece_ok"));
        assert!(fs[1].text.contains("exact (check_invariant "));
        let n = slabs(o).unwrap()[0].near.clone().unwrap().len();
        assert!(n > 2, "{n} cells in N");
        let depth = (usize::BITS - (n - 1).leading_zeros()) as usize;
        assert!(fs[1]
            .text
            .contains(&format!("as [P{}|P{}]", depth - 1, depth - 1)));
        assert!(!fs[1].text.contains(&format!("as [P{depth}|P{depth}]")));
        assert!(fs[2]
            .text
            .contains("Theorem P3_orbit_near_slab_graph_s00_reach_from_cells"));
        assert!(fs[3]
            .text
            .contains("Theorem P3_orbit_near_slab_graph_s00_orbit_from_cells"));
        assert!(fs[4]
            .text
            .contains("Lemma P3_orbit_near_slab_graph_s00_near_slope"));
        assert!(fs[4].text.contains("Not stated in Coq: the acyclicity"));
        let opts = Options {
            sample: Some(1),
            full_rows: vec!["P3.orbit-near/slab-graph:1".parse().unwrap()],
        };
        let e = files(&c, o, "Theorem3", &opts).err().unwrap();
        assert!(e.contains("1 pieces"), "{e}");
    }
}
