//! The acyclicity of a slab graph (checker conditions 4 and 6, see [`crate::check::attract`])
//! in Coq: the theorem that every orbit of the slab reaches the goal (the targets, or the
//! near range), lands on p = 1, or is the origin, from `SlabReach.slab_reach`.
//!
//! The generator ranks the cells outside the goal (the strip's cells share one rank) so
//! that every edge of the transition graph, other than the strip's loop and cell 0's loop,
//! leads to a smaller rank; a cycle makes it fail. For a piece in full it writes:
//! - `…_piece` and `…_cells`: the piece (K range, ω, the cap on d, the slab's p range, the
//!   goal's ranges, the strip and cell 0's range with their ranks) and every cell outside the
//!   goal (p range, top of its d range, successor range, rank) as `SlabCheck` data;
//! - `…_checked`: `SlabCheck.piece_ok` of them, `true` by computation, run once by Coq's
//!   kernel at `Qed` (each cell's box facts by the Interval library's evaluation, d's range
//!   on the slab, its successor range covered by the goal, cells of smaller rank and its
//!   loop; the slab, the strip and cell 0's range covered by cells);
//! - `…_cell r p` (`SlabCheck.in_cells`: p lies in a cell of rank r outside the goal),
//!   `…_goal p` (p lies in a target or in N) with `…_goal_of`;
//! - `…_step`, `…_cover`, `…_strip_cell`, `…_esc_cell`: `SlabCheck.check_step` and its
//!   siblings applied to `…_checked`; `…_strip` (m ≤ −λ on the strip, λ > 1, from the strip
//!   cells' lemmas) and `…_esc` ((1 − K(p − 1))² ≥ γ > 1 on cell 0, by `interval`);
//! - `…_reach_from_cells`, `SlabReach.slab_reach` applied to them, and
//!   `…_reach_xy_from_cells`, the same for the product map (13) in (x, y)
//!   (`SlabReach.slab_reach_xy`).
//!
//! The ranks, λ and γ are the generator's; Coq checks every fact they enter.

use super::boxes::{tactic, BOX_TIERS};
use super::number::{lit, qlit, qzlit, short_lower_above, short_upper_below, zarg};
use super::slabs::{d_caps, k_range, split_cells, successors, use_cell};
use crate::arith::q::{self, Q};
use crate::check::attract::Slab;
use std::ops::Range;

/// The upper bound μ < −1 of m on the strip that the strip cells' lemmas state: the largest
/// of the checker's enclosures, rounded up to 6 decimals where that stays below −1 (always
/// below −1, so that a strip the checker rejects is stated falsely and Coq rejects it too).
pub fn strip_bound(s: &Slab) -> Q {
    let mut worst: Option<Q> = None;
    for i in s.strip.clone() {
        let h = s.m_on(i).hi().cloned().unwrap_or_else(|| Q::from(0));
        if worst.as_ref().map_or(true, |w| h > *w) {
            worst = Some(h);
        }
    }
    let exact = worst.unwrap_or_else(|| Q::from(-2));
    // Where the checker's enclosures do not give m < −1, a bound below −1 all the same, so
    // that Coq judges the strip (and rejects it).
    short_upper_below(&exact, &Q::from(-1)).unwrap_or_else(|| Q::from(-1) - Q::from((1, 1_000_000)))
}

/// Cell 0's growth factor γ > 1, when cell 0 lies outside the goal and the strip, in p ≤ 1,
/// with (1 − K(p − 1))² > 1 on it (the checker's enclosure rounded down to 6 decimals).
pub fn escape_bound(s: &Slab) -> Option<Q> {
    if s.in_target(0) || s.in_near(0) || s.strip.contains(&0) || s.cuts[1] > 1 {
        return None;
    }
    short_lower_above(s.cell0_growth().lo()?, &Q::from(1))
}

/// The bound c < 1 on (1 − K²(p − 1)²)² over the target cells that their lemmas state: the
/// checker's largest enclosure, rounded up to 6 decimals where that stays below 1 (always
/// below 1, so that a target the checker rejects is stated falsely and Coq rejects it too).
pub fn target_decay(s: &Slab) -> Q {
    let mut worst = Q::from(0);
    for i in s.targets[0].clone().chain(s.targets[1].clone()) {
        let h = s.w_factor(i).hi().cloned().unwrap_or_else(|| Q::from(1));
        if h > worst {
            worst = h;
        }
    }
    short_upper_below(&worst, &Q::from(1)).unwrap_or_else(|| Q::from(1) - Q::from((1, 1_000_000)))
}

/// M ≥ K|p − 1| on both targets: K's upper end times the largest |p − 1| at the targets'
/// ends, plus 10⁻⁶, rounded up to 6 decimals.
fn target_m(s: &Slab) -> Q {
    let mut far = Q::from(0);
    for t in &s.targets {
        for c in [&s.cuts[t.start], &s.cuts[t.end]] {
            let a = Q::from(c - Q::from(1)).abs();
            if a > far {
                far = a;
            }
        }
    }
    q::ceil_dec(&(Q::from(&s.k.1 * &far) + Q::from((1, 1_000_000))), 6)
}

/// Whether cell i is in the goal.
fn in_goal(s: &Slab, i: usize) -> bool {
    s.in_target(i) || s.in_near(i)
}

/// The ranks of the cells outside the goal (the strip's cells share one): every edge of the
/// transition graph but the strip's loop and cell 0's loop (when it grows) goes to a smaller
/// rank. `None` for goal cells.
pub fn ranks(s: &Slab) -> Result<Vec<Option<usize>>, String> {
    let n = s.len();
    let node = |i: usize| {
        if s.strip.contains(&i) {
            s.strip.start
        } else {
            i
        }
    };
    let escape = escape_bound(s).is_some();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in (0..n).filter(|&i| !in_goal(s, i)) {
        let u = node(i);
        let succ = s.meets(&s.image(i));
        for j in succ.filter(|&j| !in_goal(s, j)) {
            let v = node(j);
            if u == v {
                if !(s.strip.contains(&u) || (u == 0 && escape)) {
                    return Err(format!("cell {u} maps into itself"));
                }
            } else if !adj[u].contains(&v) {
                adj[u].push(v);
            }
        }
    }
    // Kahn's order on the reversed graph: a node's rank is fixed once its successors' are.
    let live: Vec<usize> = (0..n).filter(|&i| !in_goal(s, i) && node(i) == i).collect();
    let mut pending = vec![0usize; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &u in &live {
        pending[u] = adj[u].len();
        for &v in &adj[u] {
            preds[v].push(u);
        }
    }
    let mut rank: Vec<Option<usize>> = vec![None; n];
    let mut ready: Vec<usize> = live.iter().copied().filter(|&u| pending[u] == 0).collect();
    let mut done = 0;
    while let Some(u) = ready.pop() {
        let r = adj[u]
            .iter()
            .map(|&v| rank[v].expect("successors are ranked first") + 1)
            .max()
            .unwrap_or(0);
        rank[u] = Some(r);
        done += 1;
        for &w in &preds[u] {
            pending[w] -= 1;
            if pending[w] == 0 {
                ready.push(w);
            }
        }
    }
    if done < live.len() {
        return Err("the transition graph has a cycle".into());
    }
    for i in s.strip.clone() {
        rank[i] = rank[s.strip.start];
    }
    Ok(rank)
}

/// A piece's names and the constants of `SlabReach.slab_reach`.
struct Piece<'a> {
    s: &'a Slab,
    base: String,
    j: usize,
    x: String,
    rank: Vec<Option<usize>>,
    rs: usize,
    slo: Q,
    shi: Q,
    lambda: String,
    r0: usize,
    ehi: Q,
    gamma: Option<Q>,
}

impl Piece<'_> {
    fn lo(&self) -> String {
        lit(&self.s.cuts[0])
    }

    fn hi(&self) -> String {
        lit(&self.s.cuts[self.s.len()])
    }

    fn slab(&self, z: &str) -> String {
        format!(
            "in_slab {} {} {} {z}",
            lit(&self.s.omega),
            self.lo(),
            self.hi()
        )
    }

    /// The goal's p ranges: the near range N, or the two targets.
    fn goal_ranges(&self) -> Vec<(Q, Q)> {
        let s = self.s;
        let range = |r: &Range<usize>| (s.cuts[r.start].clone(), s.cuts[r.end].clone());
        match &s.near {
            Some(n) => vec![range(n)],
            None => vec![range(&s.targets[0]), range(&s.targets[1])],
        }
    }

    /// The goal's definition, and the lemma that it holds on the goal's ranges.
    fn goal_def(&self) -> String {
        let x = &self.x;
        let ranges = self.goal_ranges();
        let text: Vec<String> = ranges
            .iter()
            .map(|(a, b)| format!("{} <= p <= {}", lit(a), lit(b)))
            .collect();
        let (body, cases, sides) = if ranges.len() == 1 {
            (text[0].clone(), "[<- | []]", "")
        } else {
            (
                format!("({}) \\/ ({})", text[0], text[1]),
                "[<- | [<- | []]]",
                "[left | right]; ",
            )
        };
        format!(
            "(** The goal of the piece: {}. *)\nDefinition {x}_goal (p : R) : Prop := {body}.\n\n\
             Lemma {x}_goal_of : forall p, in_ranges (s_goal {x}_piece) p -> {x}_goal p.\nProof.\n  intros p [g [Hg Hp]]. cbn [s_goal {x}_piece In] in Hg.\n  destruct Hg as {cases}; cbv [rq fst snd] in Hp; unfold {x}_goal; {sides}lra.\nQed.\n\n",
            if self.s.near.is_some() {
                "the near range N"
            } else {
                "the two targets"
            },
        )
    }

    /// One cell as `SlabCheck.SCell` data: p range, top of the d range, successor range,
    /// rank (0 for a cell of the goal, whose rank is not used), whether it lies in the goal,
    /// and its successor cells' place in the list (the first one's index, their number).
    fn cell_data(&self, i: usize) -> String {
        let s = self.s;
        let next = s.meets(&s.image(i));
        let (a, b) = successors(s, i);
        let top = s.d(i).hi().cloned().expect("a cell's d range is bounded");
        format!(
            "SCell {} {} {} {} {} {} {} {} {}",
            qzlit(&s.cuts[i]),
            qzlit(&s.cuts[i + 1]),
            qzlit(&top),
            qzlit(&a),
            qzlit(&b),
            zarg(self.rank[i].unwrap_or(0)),
            self.rank[i].is_none(),
            zarg(next.start),
            zarg(next.len())
        )
    }

    /// The piece and its cells as `SlabCheck` data, the test of them by computation, the
    /// slab's invariance from it, and `…_cell`.
    fn data(&self) -> String {
        let s = self.s;
        let x = &self.x;
        let goal: Vec<String> = self
            .goal_ranges()
            .iter()
            .map(|(a, b)| format!("({}, {})", qlit(a), qlit(b)))
            .collect();
        let cells: Vec<String> = (0..s.len()).map(|i| self.cell_data(i)).collect();
        let n = s.len();
        format!(
            "(** The piece: K range, omega, the cap on d, the slab's p range, the goal's ranges, the\n    strip with its rank, cell 0's range with its rank. *)\nDefinition {x}_piece : spiece :=\n  SPiece {} {} {} {} {} {} [{}] {} {} {} {} {}.\n\n\
             (** The cells in order of p: p range, top of the d range, successor range, rank, in the\n    goal, the successors' place in this list. *)\nDefinition {x}_cells : list scell := [\n  {}].\n\n\
             (** Every cell's box facts, d range and successor range, the ranks, and the covers,\n    tested once by Coq's kernel at Qed. *)\nLemma {x}_checked : piece_ok {x}_piece {x}_cells {}%nat = true.\nProof. vm_cast_no_check (eq_refl true). Qed.\n\n\
             (** The slab {{W <= omega}} of the piece is mapped into itself, and W does not grow. *)\nTheorem {x}_invariant_from_cells : forall K p d,\n  {} -> {} <= p <= {} -> 0 <= d -> prod_w p d <= {} ->\n  (0 <= 2 - (K * (p - 1)) ^ 2) /\\ ({} <= prod_p K p d <= {}).\nProof. exact (check_invariant {x}_piece {x}_cells {}%nat {x}_checked). Qed.\n\n\
             (** p lies in a cell of rank r outside the goal. *)\nDefinition {x}_cell : nat -> R -> Prop := in_cells {x}_cells.\n\n",
            qlit(&s.k.0),
            qlit(&s.k.1),
            qlit(&s.omega),
            qlit(&s.dcap),
            qlit(&s.cuts[0]),
            qlit(&s.cuts[n]),
            goal.join("; "),
            self.rs,
            qlit(&self.slo),
            qlit(&self.shi),
            self.r0,
            qlit(&self.ehi),
            cells.join(";\n  "),
            BOX_TIERS[0].1,
            k_range(s),
            lit(&s.cuts[0]),
            lit(&s.cuts[n]),
            lit(&s.omega),
            lit(&s.cuts[0]),
            lit(&s.cuts[n]),
            BOX_TIERS[0].1,
        )
    }

    /// `SlabCheck.<lemma>` applied to this piece's data (and to the goal, for the lemmas
    /// whose statement has it).
    fn checked(&self, lemma: &str) -> String {
        let x = &self.x;
        let goal = if lemma.ends_with("_cell") {
            String::new()
        } else {
            format!(" {x}_goal {x}_goal_of")
        };
        format!(
            "{lemma} {x}_piece {x}_cells {}%nat {x}_checked{goal}",
            BOX_TIERS[0].1
        )
    }

    /// The step theorem.
    fn step_theorem(&self) -> String {
        let x = &self.x;
        format!(
            "(** From a cell of rank r: p' lies in the slab, and in the goal, or in a cell of smaller\n    rank, or the step stays in the strip, or in cell 0. *)\nTheorem {x}_step : forall K, {} -> forall r p d,\n  {} -> {x}_cell r p ->\n  ({} <= prod_p K p d <= {}) /\\ 0 <= 2 - (K * (p - 1)) ^ 2 /\\\n  ({x}_goal (prod_p K p d)\n   \\/ (exists r', (r' < r)%nat /\\ {x}_cell r' (prod_p K p d))\n   \\/ (r = {}%nat /\\ {slo} <= p <= {shi} /\\ {slo} <= prod_p K p d <= {shi})\n   \\/ (r = {}%nat /\\ {lo} <= p <= {ehi} /\\ {lo} <= prod_p K p d <= {ehi})).\nProof. exact ({}). Qed.\n\n",
            k_range(self.s),
            self.slab("(p, d)"),
            self.lo(),
            self.hi(),
            self.rs,
            self.r0,
            self.checked("check_step"),
            slo = lit(&self.slo),
            shi = lit(&self.shi),
            lo = self.lo(),
            ehi = lit(&self.ehi),
        )
    }

    /// Every p of the slab lies in the goal or in a ranked cell.
    fn cover(&self) -> String {
        let x = &self.x;
        format!(
            "(** Every p of the slab lies in the goal or in a cell of some rank. *)\nLemma {x}_cover : forall p, {} <= p <= {} -> {x}_goal p \\/ exists r, {x}_cell r p.\nProof. exact ({}). Qed.\n\n",
            self.lo(),
            self.hi(),
            self.checked("check_cover"),
        )
    }

    /// m ≤ −λ on the strip, and the strip's cells have rank rs.
    fn strip_lemmas(&self) -> String {
        let s = self.s;
        let x = &self.x;
        let proof = if s.strip.is_empty() {
            "intros p d _ Hs; lra.".to_string()
        } else {
            let leaf = |i: usize| format!("{}\n  lra.", use_cell(&self.base, self.j, s, i));
            format!(
                "intros p d [Hp [Hd Hw]] Hs. cbn [fst snd] in Hp, Hd, Hw.\n  {}\n  {}",
                d_caps(s),
                split_cells(&s.cuts, s.strip.clone(), 0, &leaf)
            )
        };
        format!(
            "(** On the strip m <= -lambda: the strip repels from p = 1. *)\nLemma {x}_strip : forall K, {} -> forall p d,\n  {} -> {slo} <= p <= {shi} -> prod_m K p d <= - {}.\nProof.\n  intros K HK. {proof}\nQed.\n\nLemma {x}_strip_cell : forall p, {slo} <= p <= {shi} -> {x}_cell {}%nat p.\nProof. exact ({}). Qed.\n\n",
            k_range(s),
            self.slab("(p, d)"),
            self.lambda,
            self.rs,
            self.checked("check_strip_cell"),
            slo = lit(&self.slo),
            shi = lit(&self.shi),
        )
    }

    /// (1 − K(p − 1))² ≥ γ on cell 0, and cell 0's rank.
    fn escape_lemmas(&self) -> String {
        let s = self.s;
        let x = &self.x;
        let (gamma, proof) = match &self.gamma {
            Some(g) => (
                lit(g),
                format!("intros K HK p Hp; {}.", tactic(&["K", "p"], BOX_TIERS)),
            ),
            None => ("2".to_string(), "intros K HK p Hp; lra.".to_string()),
        };
        format!(
            "(** On cell 0, p' >= gamma p: p grows there. *)\nLemma {x}_esc : forall K, {} -> forall p, {} <= p <= {} -> {gamma} <= (1 - K * (p - 1)) ^ 2.\nProof. {proof} Qed.\n\nLemma {x}_esc_cell : forall p, {} <= p <= {} -> {x}_cell {}%nat p.\nProof. exact ({}). Qed.\n\n",
            k_range(s),
            self.lo(),
            lit(&self.ehi),
            self.lo(),
            lit(&self.ehi),
            self.r0,
            self.checked("check_esc_cell"),
        )
    }

    fn reach_theorem(&self) -> String {
        let s = self.s;
        let x = &self.x;
        let gamma = self.gamma.as_ref().map_or("2".to_string(), lit);
        let apply = |lemma: &str| {
            format!(
                "  intros K HK.\n  apply ({lemma} K {} {} {} {x}_goal {x}_cell {}%nat {} {} {} {}%nat {} {gamma}).\n  - lra.\n  - lra.\n  - exact ({x}_step K HK).\n  - exact {x}_cover.\n  - lra.\n  - exact ({x}_strip K HK).\n  - exact {x}_strip_cell.\n  - lra.\n  - exact ({x}_esc K HK).\n  - exact {x}_esc_cell.\n  - lra.\n  - lra.\n",
                lit(&s.omega),
                self.lo(),
                self.hi(),
                self.rs,
                lit(&self.slo),
                lit(&self.shi),
                self.lambda,
                self.r0,
                lit(&self.ehi),
            )
        };
        let w = "(prod_orbit n K x y)";
        format!(
            "(** Every orbit of the slab {{W <= omega}} reaches the goal, lands on p = 1 (and stays\n    there), or is the origin. *)\nTheorem {x}_reach_from_cells : forall K, {kr} -> forall z, {} ->\n  exists n, reached {x}_goal (pd_orbit K n z).\nProof.\n{}Qed.\n\n\
             (** The same for the product map (13): from every (x, y) with (xy, (x - y)^2) in the\n    slab, some iterate has xy in the goal, or xy = 1, or is the origin. *)\nTheorem {x}_reach_xy_from_cells : forall K, {kr} -> forall x y, {} ->\n  exists n, {x}_goal (fst {w} * snd {w})\n            \\/ fst {w} * snd {w} = 1\n            \\/ (fst {w} = 0 /\\ snd {w} = 0).\nProof.\n{}Qed.\n\n",
            self.slab("z"),
            apply("slab_reach"),
            self.slab("(x * y, (x - y) ^ 2)"),
            apply("slab_reach_xy"),
            kr = k_range(s),
        )
    }
}

/// A piece's names and constants, with its ranks (an error on a cycle).
fn piece<'a>(base: &str, j: usize, s: &'a Slab) -> Result<Piece<'a>, String> {
    let rank = ranks(s)?;
    let (rs, slo, shi, lambda) = if s.strip.is_empty() {
        (0, Q::from(2), Q::from(1), "2".into())
    } else {
        (
            rank[s.strip.start].expect("the strip is ranked"),
            s.cuts[s.strip.start].clone(),
            s.cuts[s.strip.end].clone(),
            lit(&(-strip_bound(s))),
        )
    };
    let gamma = escape_bound(s);
    let (r0, ehi) = match &gamma {
        Some(_) => (rank[0].expect("cell 0 is ranked"), s.cuts[1].clone()),
        None => (0, s.cuts[0].clone() - Q::from(1)),
    };
    if gamma.is_some() && !s.strip.is_empty() && s.cuts[1] >= s.cuts[s.strip.start] {
        return Err("cell 0 touches the strip".into());
    }
    Ok(Piece {
        s,
        base: base.to_string(),
        j,
        x: format!("{base}_s{j:02}"),
        rank,
        rs,
        slo,
        shi,
        lambda,
        r0,
        ehi,
        gamma,
    })
}

/// The data of a piece in full and their test by computation (`…_checked`), with the
/// slab's invariance (`…_invariant_from_cells`) and `…_cell`: the part of the piece's joining
/// file that the acyclicity file uses.
pub fn check_text(base: &str, j: usize, s: &Slab) -> Result<String, String> {
    Ok(piece(base, j, s)?.data())
}

/// The text of a piece's reach file (after its header and imports, which import the
/// piece's joining file with [`check_text`]): the theorem that every orbit of the slab
/// reaches the goal, with the definitions and lemmas it rests on.
pub fn reach_text(base: &str, j: usize, s: &Slab) -> Result<String, String> {
    let p = piece(base, j, s)?;
    let mut t = String::new();
    t.push_str(&p.goal_def());
    t.push_str(&p.step_theorem());
    t.push_str(&p.cover());
    t.push_str(&p.strip_lemmas());
    t.push_str(&p.escape_lemmas());
    t.push_str(&p.reach_theorem());
    Ok(t)
}

/// Where the orbit of a slab (or region) point ends, `w` being the point after n steps:
/// on p = 1, at the origin, or converging to the period-2 orbit with d → 0 (the conclusion
/// of `…_orbit_from_cells` and `…_region_orbit`).
pub(super) fn orbit_end(w: &str) -> String {
    format!(
        "fst {w} = 1 \\/ (fst {w} = 0 /\\ snd {w} = 0) \\/\n    {}",
        orbit_converges(w)
    )
}

/// The orbit from `w` converges to the period-2 orbit: its even and odd steps tend to
/// δ₁², δ₂² in some order, and d to 0.
pub(super) fn orbit_converges(w: &str) -> String {
    format!(
        "exists q0 q1, orbit_squares K q0 q1\n      /\\ Un_cv (fun s => fst (pd_orbit K (2 * s) {w})) q0\n      /\\ Un_cv (fun s => fst (pd_orbit K (S (2 * s)) {w})) q1\n      /\\ Un_cv (fun t => snd (pd_orbit K t {w})) 0"
    )
}

/// `<x>_orbit_xy_from_cells`: `<x>_orbit_from_cells` read for the product map (13) in
/// (x, y), for K with `k_hyp`, on the slab {lo <= p <= hi, W <= omega}.
pub(super) fn orbit_xy_theorem(x: &str, k_hyp: &str, om: &str, lo: &str, hi: &str) -> String {
    format!(
        "(** The same for the product map (13) in (x, y): from every (x, y) with (xy, (x - y)^2) in\n    the slab, xy lands on 1, or the point is the origin, or after n steps x y tends to q0\n    on the even steps and to q1 on the odd ones ({{delta_1^2, delta_2^2}} = {{q0, q1}}), and\n    (x - y)^2 to 0. *)\nTheorem {x}_orbit_xy_from_cells : forall K, {k_hyp} -> forall x y,\n  in_slab {om} {lo} {hi} (x * y, (x - y) ^ 2) ->\n  exists n, {}.\nProof.\n  intros K HK x y Hz.\n  destruct ({x}_orbit_from_cells K HK _ Hz) as [n Hn].\n  exists n. exact (orbit_pd_to_xy K x y n Hn).\nQed.\n\n",
        orbit_end_xy()
    )
}

/// `<x>_orbit_from_cells`: every orbit of the slab {lo <= p <= hi, W <= omega} ends as
/// [`orbit_end`] says, for K with `k_hyp`. `doc` is the theorem's comment; `pre` is proof
/// text run first and `hk` the name of the hypothesis on K that the piece's cell theorems
/// take; the reach theorem, the slab's invariance and `goal` (the proof of the conclusion
/// for a point of the goal, with the point (p, d) and its slab facts Hp Hd Hw) do the rest.
pub(super) fn orbit_theorem(
    x: &str,
    doc: &str,
    k_hyp: &str,
    pre: &str,
    hk: &str,
    (om, lo, hi): (&str, &str, &str),
    goal: &str,
) -> String {
    let w = "(pd_orbit K n z)";
    format!(
        "(** {doc} *)\nTheorem {x}_orbit_from_cells : forall K, {k_hyp} -> forall z, in_slab {om} {lo} {hi} z ->\n  exists n, {}.\nProof.\n  intros K HK z Hz.\n{pre}  destruct ({x}_reach_from_cells K {hk} z Hz) as [n Hn].\n  exists n.\n  pose proof (slab_orbit K {om} {lo} {hi} ltac:(lra)\n    (fun p d Hp Hd Hw => {x}_invariant_from_cells K p d {hk} Hp Hd Hw) n z Hz) as Hs.\n  cbv zeta in Hs.\n  destruct {w} as [p d]. cbn [fst snd] in *.\n  destruct Hs as [Hp [Hd Hw]].\n  unfold reached in Hn. cbn [fst snd] in Hn.\n  destruct Hn as [Hg | [H1 | H0]].\n{goal}  - left; exact H1.\n  - right; left; exact H0.\nQed.\n\n",
        orbit_end(w)
    )
}

/// [`orbit_end`] read in (x, y) after n steps of the product map (13)
/// (`TargetConverge.orbit_pd_to_xy`).
pub(super) fn orbit_end_xy() -> String {
    "let xy t := fst (prod_orbit t K x y) * snd (prod_orbit t K x y) in\n  xy n = 1 \\/ (fst (prod_orbit n K x y) = 0 /\\ snd (prod_orbit n K x y) = 0) \\/\n  (exists q0 q1, orbit_squares K q0 q1\n     /\\ Un_cv (fun s => xy (n + 2 * s)%nat) q0\n     /\\ Un_cv (fun s => xy (n + S (2 * s))%nat) q1\n     /\\ Un_cv (fun t => (fst (prod_orbit (n + t) K x y) - snd (prod_orbit (n + t) K x y)) ^ 2) 0)".into()
}

/// The text of a target piece's convergence file (after its header and imports): each
/// target is mapped into the other with W shrinking by c, K|p − 1| ≤ M on both, and
/// `TargetConverge.targets_converge` applied from either target.
pub fn converge_text(base: &str, j: usize, s: &Slab, l: &[Q; 2]) -> String {
    let x = format!("{base}_s{j:02}");
    let kr = k_range(s);
    let om = lit(&s.omega);
    let c = lit(&target_decay(s));
    let m = lit(&target_m(s));
    let range = |a: usize| {
        let r = &s.targets[a];
        (lit(&s.cuts[r.start]), lit(&s.cuts[r.end]))
    };
    let mut t = String::new();
    for a in 0..2 {
        let (lo, hi) = range(a);
        let (lo2, hi2) = range(1 - a);
        let leaf = |i: usize| format!("{}\n  split; lra.", use_cell(base, j, s, i));
        t.push_str(&format!(
            "(** Target {a} is mapped into target {}, with (1 - K^2 (p - 1)^2)^2 <= c. *)\nLemma {x}_t{a}_step : forall K, {kr} -> forall p d,\n  {lo} <= p <= {hi} -> 0 <= d -> prod_w p d <= {om} ->\n  {lo2} <= prod_p K p d <= {hi2} /\\ (1 - (K * (p - 1)) ^ 2) ^ 2 <= {c}.\nProof.\n  intros K HK p d Hp Hd Hw.\n  {}\n  {}\nQed.\n\n",
            1 - a,
            d_caps(s),
            split_cells(&s.cuts, s.targets[a].clone(), 0, &leaf),
        ));
    }
    let (a0, b0) = range(0);
    let (a1, b1) = range(1);
    t.push_str(&format!(
        "(** K |p - 1| <= M on both targets. *)\nLemma {x}_targets_m : forall K, {kr} -> forall p,\n  ({a0} <= p <= {b0}) \\/ ({a1} <= p <= {b1}) -> Rabs (K * (p - 1)) <= {m}.\nProof.\n  intros K HK p [Hp | Hp]; {}.\nQed.\n\n",
        tactic(&["K", "p"], BOX_TIERS)
    ));
    let one = Q::from(1);
    let side = |a: usize| {
        if s.cuts[s.targets[a].end] < one {
            "assert (0 < K * (1 - p)) by (apply Rmult_lt_0_compat; lra).\n    split; [lra | split; lra].".to_string()
        } else {
            format!(
                "assert (K * (p - 1) <= {} * (p - 1)) by (apply Rmult_le_compat_r; lra).\n    split; [lra | split; lra].",
                lit(&s.k.1)
            )
        }
    };
    t.push_str(&format!(
        "(** Both targets lie in p > 0, below 1 + 1/K and off p = 1 (checker condition 3). *)\nLemma {x}_targets_cap : forall K, {kr} -> forall p,\n  ({a0} <= p <= {b0}) \\/ ({a1} <= p <= {b1}) -> 0 < p /\\ K * (p - 1) < 1 /\\ p <> 1.\nProof.\n  intros K HK p [Hp | Hp].\n  - {}\n  - {}\nQed.\n\n",
        side(0),
        side(1)
    ));
    for a in 0..2 {
        let b = 1 - a;
        let (lo, hi) = range(a);
        let (lo2, hi2) = range(b);
        let (la, lb) = (lit(&l[a]), lit(&l[b]));
        let hm = if a == 0 {
            format!("exact ({x}_targets_m K HK)")
        } else {
            format!("intros p Hp; apply ({x}_targets_m K HK); tauto")
        };
        t.push_str(&format!(
            "(** From every point of the slab with p in target {a}, the even steps tend to p{a}, the\n    odd steps to p{b} (the period-2 orbit p{a} -> p{b} -> p{a} of F(p) = p'(p, 0)), and\n    d = (x - y)^2 to 0. *)\nTheorem {x}_converge{a}_from_cells : forall K, {kr} ->\n  exists p{a} p{b}, {lo} <= p{a} <= {hi} /\\ {lo2} <= p{b} <= {hi2}\n    /\\ prod_p K p{a} 0 = p{b} /\\ prod_p K p{b} 0 = p{a} /\\\n  forall p d, {lo} <= p <= {hi} -> 0 <= d -> prod_w p d <= {om} ->\n    Un_cv (fun s => fst (pd_orbit K (2 * s) (p, d))) p{a}\n    /\\ Un_cv (fun s => fst (pd_orbit K (S (2 * s)) (p, d))) p{b}\n    /\\ Un_cv (fun t => snd (pd_orbit K t (p, d))) 0.\nProof.\n  intros K HK.\n  apply (targets_converge K {om} {lo} {hi} {lo2} {hi2} {la} {lb} {c} {m}).\n  - lra.\n  - lra.\n  - lra.\n  - lra.\n  - lra.\n  - exact ({x}_t{a}_step K HK).\n  - exact ({x}_t{b}_step K HK).\n  - exact (fun p q => {x}_target{a}_slope K p q HK).\n  - exact (fun p q => {x}_target{b}_slope K p q HK).\n  - {hm}.\nQed.\n\n"
        ));
    }
    let lo = lit(&s.cuts[0]);
    let hi = lit(&s.cuts[s.len()]);
    t.push_str(&orbit_theorem(
        &x,
        "Every orbit of the slab converges to the period-2 orbit, lands on p = 1, or is the\n    origin: after the n steps that bring it into a target (or onto p = 1, or the origin),\n    its even and odd steps tend to q0 and q1, which are delta_1^2 and delta_2^2 in some\n    order (TargetConverge.period2_squares), and d to 0.",
        &kr,
        "",
        "HK",
        (&om, &lo, &hi),
        &format!("  - right; right. unfold {x}_goal in Hg. destruct Hg as [Hg | Hg].\n    + destruct ({x}_converge0_from_cells K HK) as [q0 [q1 [R0 [R1 [F0 [F1 Hc]]]]]].\n      exists q0, q1. split; [| apply Hc; assumption].\n      destruct ({x}_targets_cap K HK q0 (or_introl R0)) as [P0 [C0 N0]].\n      destruct ({x}_targets_cap K HK q1 (or_intror R1)) as [P1 [C1 _]].\n      exact (period2_squares K q0 q1 ltac:(lra) P0 P1 C0 C1 N0 F0 F1).\n    + destruct ({x}_converge1_from_cells K HK) as [q1 [q0 [R1 [R0 [F1 [F0 Hc]]]]]].\n      exists q1, q0. split; [| apply Hc; assumption].\n      destruct ({x}_targets_cap K HK q1 (or_intror R1)) as [P1 [C1 N1]].\n      destruct ({x}_targets_cap K HK q0 (or_introl R0)) as [P0 [C0 _]].\n      exact (period2_squares K q1 q0 ltac:(lra) P1 P0 C1 C0 N1 F1 F0).\n"),
    ));
    t.push_str(&orbit_xy_theorem(&x, &kr, &om, &lo, &hi));
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::{parse, Certificate};

    fn piece(id: &str, j: usize) -> Slab {
        let text = std::fs::read_to_string("certificates/theorem3.json").unwrap();
        let c: Certificate = parse(&text).unwrap().0;
        let o = c.obligations.iter().find(|o| o.id == id).unwrap();
        super::super::slabs::slabs(o).unwrap().swap_remove(j)
    }

    #[test]
    fn every_edge_goes_down_in_rank() {
        for s in [
            piece("P3.orbit-near/slab-graph", 0),
            piece("P3.orbit-global/slab-graph", 66),
        ] {
            let rank = ranks(&s).unwrap();
            let esc = escape_bound(&s).is_some();
            for i in 0..s.len() {
                let Some(r) = rank[i] else { continue };
                for j in s.meets(&s.image(i)) {
                    let Some(rj) = rank[j] else { continue };
                    let looped =
                        (s.strip.contains(&i) && s.strip.contains(&j)) || (i == 0 && j == 0 && esc);
                    assert!(looped || rj < r, "cell {i} (rank {r}) to {j} (rank {rj})");
                }
            }
        }
    }

    #[test]
    fn a_cycle_is_refused() {
        let mut s = piece("P3.orbit-global/slab-graph", 66);
        // Without its targets, the cells that led into them map among themselves.
        s.targets = [0..0, 0..0];
        let e = ranks(&s).err().expect("a cycle");
        assert!(e.contains("cycle") || e.contains("maps into itself"), "{e}");
    }

    #[test]
    fn the_strip_and_cell_0_have_their_factors() {
        let s = piece("P3.orbit-global/slab-graph", 66);
        assert!(strip_bound(&s) < -1);
        assert!(escape_bound(&s).is_some_and(|g| g > 1));
        let t = reach_text("X", 66, &s).unwrap();
        // One data line per cell in order (the strip's cells each with the strip's rank),
        // tested once by computation; the goal's cells are marked.
        let d = check_text("X", 66, &s).unwrap();
        let ranked = ranks(&s).unwrap().iter().filter(|r| r.is_some()).count();
        assert!(ranked < s.len() && ranked > s.strip.len());
        assert_eq!(d.matches("\n  SCell ").count(), s.len());
        assert_eq!(d.matches(" false ").count(), ranked);
        assert_eq!(d.matches(" true ").count(), s.len() - ranked);
        // Cell i's successors are the cells its image meets, by their place in the list.
        let m = s.meets(&s.image(0));
        let first = d.lines().find(|l| l.starts_with("  SCell ")).unwrap();
        assert!(
            first.ends_with(&format!(" (z {}) (z {});", m.start, m.len())),
            "{first}"
        );
        assert!(d.contains("Lemma X_s66_checked : piece_ok X_s66_piece X_s66_cells 16%nat = true."));
        assert!(d.contains("Theorem X_s66_invariant_from_cells"));
        assert!(!t.contains("SCell"));
        assert!(t.contains("Theorem X_s66_reach_from_cells"));
        assert!(t.contains("Theorem X_s66_reach_xy_from_cells"));
        assert!(t.contains("Lemma X_s66_esc :"));
    }

    #[test]
    fn the_targets_decay_and_their_convergence_is_stated_from_both() {
        let s = piece("P3.orbit-global/slab-graph", 66);
        let c = target_decay(&s);
        assert!(c < 1 && c > 0);
        let m = target_m(&s);
        assert!(m > Q::from(&s.k.1 * (Q::from(1) - &s.cuts[s.targets[0].start])));
        let l = [Q::from((1, 2)), Q::from((1, 2))];
        let t = converge_text("X", 66, &s, &l);
        for name in [
            "Lemma X_s66_t0_step",
            "Lemma X_s66_t1_step",
            "Lemma X_s66_targets_m",
            "Lemma X_s66_targets_cap",
            "period2_squares K q0 q1",
            "exists q0 q1, orbit_squares K q0 q1",
            "Theorem X_s66_converge0_from_cells",
            "Theorem X_s66_converge1_from_cells",
            "Theorem X_s66_orbit_from_cells",
            "Theorem X_s66_orbit_xy_from_cells",
        ] {
            assert!(t.contains(name), "{name}");
        }
        // A target stretched over p = 1, where W does not decay, is stated with a bound
        // below 1 all the same (which Coq then rejects).
        let mut wide = piece("P3.orbit-global/slab-graph", 66);
        wide.targets[0] = wide.targets[0].start..wide.strip.end;
        assert_eq!(target_decay(&wide), Q::from(1) - Q::from((1, 1_000_000)));
    }
}
