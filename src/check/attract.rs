//! Re-proving the global attraction of the 2-D product's period-2 orbit (claim
//! P3.orbit-global) with exact rational intervals.
//!
//! In p = xy, d = (x − y)² the map is p' = p(1 − K(p − 1))² − K(p − 1)d (52) and
//! W = d(d + 4p) obeys W' = W(1 − K²(p − 1)²)². For each K piece (K ranging over the whole
//! piece) the certificate gives ω > 0, dcap with dcap² ≥ ω, and cuts p₀ < p₁ < … < p_N; the
//! slab is S = {p₀ ≤ p ≤ p_N, W ≤ ω} and cell i is its part with p ∈ [pᵢ, pᵢ₊₁], on which
//! 0 ≤ d ≤ min(dcap, ω/(4pᵢ)) (as 4pd ≤ W). The checker proves:
//!
//! 1. on every cell 2 − K²(p − 1)² ≥ 0 (so W does not grow) and p' ∈ [p₀, p_N]: S is mapped
//!    into itself; the successors of a cell are the cells its p' enclosure meets;
//! 2. the strip cells (a range holding p = 1 inside) have m = (p' − 1)/(p − 1) < −1, so
//!    |p' − 1| > |p − 1| there: only points of xy = 1 stay in the strip for ever;
//! 3. the two target ranges T₀, T₁ (in 0 < p < 1 + 1/K, outside the strip) are mapped each
//!    into the other; on Tₐ × Tₐ the divided difference D of F(p) = p'(p, 0) is bounded by
//!    Lₐ, and L₀L₁ < 1; (1 − K²(p − 1)²)² < 1 on every target cell (W decays there);
//! 4. the graph of the other cells (the strip merged into one node, targets removed) has no
//!    cycle except the strip's own loop and a loop on cell 0 when cell 0 lies in p ≤ 1 with
//!    (1 − K(p − 1))² > 1 (there p' ≥ γp with γ > 1, so p leaves it).
//!
//! A piece that reaches K = 1, where the orbit and the strip shrink onto p = 1, has instead
//! of strip and targets one range N of cells around p = 1 (the near range). The checker
//! proves, besides condition 1 on every cell:
//!
//! 5. N is mapped into itself (with the cells' d ranges) and m < 0 on N (the side of p = 1
//!    alternates); on N × N the slope D of F(p) = p'(p, 0) is negative, so F decreases and
//!    F∘F increases on N; on N: p > 0, K p − K − 2 < 0 and R(p) > 0, the factors of
//!    F(F(p)) − p = K p (p − 1)(K p − K − 2)(K²p² − K(K + 1)p + 1) R(p) (obligation
//!    P3.orbit-near/two-step-factored), and K²p² − K(K + 1)p + 1 > 0 at both ends of N,
//!    so N holds both points δ₁², δ₂² of the orbit for every K > 1 of the piece;
//! 6. the graph of the cells outside N has no cycle except cell 0's loop (as in 4).
//!
//! Together with the region obligation (whose rows' p ranges the slabs must hold, see
//! [`region_link`]) this gives the claim; the derivation is in proofs/product.md.

use super::basin::k_pieces;
use super::Domain;
use crate::arith::exact::QI;
use crate::arith::q::{self, Q};
use crate::arith::Field;
use crate::cert::{AttractPiece, Certificate, Proof, RegionRow};
use crate::models::product::{cycle_quadratic, m_factor, p_next, slope, sum_factor, two_step_rest};
use rayon::prelude::*;
use std::ops::Range;

/// One K piece, parsed.
pub struct Slab {
    /// K.
    pub k: (Q, Q),
    /// ω.
    pub omega: Q,
    /// dcap.
    pub dcap: Q,
    /// The cuts.
    pub cuts: Vec<Q>,
    /// The strip's cells (empty on a piece with a near range).
    pub strip: Range<usize>,
    /// The targets' cells (empty on a piece with a near range).
    pub targets: [Range<usize>; 2],
    /// The near range N around p = 1, on the pieces that reach K = 1.
    pub near: Option<Range<usize>>,
}

/// What the checker found on a slab: the cells at fault, with the reason.
#[derive(Default)]
pub struct Analysis {
    /// Failures not tied to a cell.
    pub general: Vec<String>,
    /// (cell, reason) for cells that break a condition.
    pub cells: Vec<(usize, String)>,
    /// The cycles: strongly connected sets of cells other than the allowed loops.
    pub cycles: Vec<Vec<usize>>,
    /// L₀ L₁, the bound on the two-step factor on the targets (when computed).
    pub contraction: Option<Q>,
    /// The largest (1 − K²(p − 1)²)² on the targets (when computed).
    pub decay: Option<Q>,
}

impl Analysis {
    /// Whether nothing failed.
    pub fn proved(&self) -> bool {
        self.general.is_empty() && self.cells.is_empty() && self.cycles.is_empty()
    }
}

impl Slab {
    /// Parses a piece (for K ∈ `k`).
    pub fn parse(p: &AttractPiece, k: &(Q, Q)) -> Result<Slab, String> {
        let num = |s: &str, what: &str| q::parse(s).map_err(|e| format!("{what}: {e}"));
        let omega = num(&p.omega, "omega")?;
        let dcap = num(&p.dcap, "dcap")?;
        let cuts = p
            .cuts
            .iter()
            .map(|c| num(c, "cut"))
            .collect::<Result<Vec<_>, _>>()?;
        let r = |r: [u32; 2]| r[0] as usize..r[1] as usize;
        let (strip, targets, near) = match (p.strip, p.targets, p.near) {
            (Some(s), Some(t), None) => (r(s), [r(t[0]), r(t[1])], None),
            (None, None, Some(n)) => (0..0, [0..0, 0..0], Some(r(n))),
            _ => return Err("expected either strip and targets, or near".into()),
        };
        Ok(Slab {
            k: k.clone(),
            omega,
            dcap,
            cuts,
            strip,
            targets,
            near,
        })
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.cuts.len().saturating_sub(1)
    }

    /// Whether there are no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The piece's K range as an exact interval.
    pub fn kq(&self) -> QI {
        QI::new(self.k.0.clone(), self.k.1.clone())
    }

    /// Cell i's p range.
    pub fn p(&self, i: usize) -> QI {
        QI::new(self.cuts[i].clone(), self.cuts[i + 1].clone())
    }

    /// m = (p' − 1)/(p − 1) on cell i (`T3.balance/next-below-one`): below −1 on the strip,
    /// below 0 on the near range.
    pub fn m_on(&self, i: usize) -> QI {
        m_factor(&self.kq(), &self.p(i), &self.d(i))
    }

    /// (1 − K²(p − 1)²)² on cell i (`P3.orbit-global/w-recursion`): W' = W times it.
    pub fn w_factor(&self, i: usize) -> QI {
        let e = self.p(i) - QI::int(1);
        (QI::int(1) - (self.kq() * e).sqr()).sqr()
    }

    /// (1 − K(p − 1))² on cell 0: p' ≥ p times it where p ≤ 1 (cell 0's loop).
    pub fn cell0_growth(&self) -> QI {
        sum_factor(&self.kq(), &self.p(0)).sqr()
    }

    /// Cell i's d range: [0, min(dcap, ω/(4pᵢ))].
    pub fn d(&self, i: usize) -> QI {
        let lo = &self.cuts[i];
        let mut top = self.dcap.clone();
        if *lo > 0 {
            let by_w = Q::from(&self.omega / Q::from(lo * 4u32));
            if by_w < top {
                top = by_w;
            }
        }
        QI::new(Q::from(0), top)
    }

    /// (52): the enclosure of p' on cell i.
    pub fn image(&self, i: usize) -> QI {
        p_next(&self.kq(), &self.p(i), &self.d(i))
    }

    /// The cells the enclosure `x` meets (closed cells), given x ⊂ [p₀, p_N].
    pub fn meets(&self, x: &QI) -> Range<usize> {
        let (Some(lo), Some(hi)) = (x.lo(), x.hi()) else {
            return 0..self.len();
        };
        let n = self.len();
        // First cell whose upper end reaches lo; last cell whose lower end is ≤ hi.
        let first = self.cuts[1..].partition_point(|c| c < lo);
        let last = self.cuts[..n].partition_point(|c| c <= hi);
        first.min(n)..last.max(first.min(n))
    }

    /// Whether cell i is a target cell.
    pub fn in_target(&self, i: usize) -> bool {
        self.targets.iter().any(|t| t.contains(&i))
    }

    /// Whether cell i lies in the near range.
    pub fn in_near(&self, i: usize) -> bool {
        self.near.as_ref().is_some_and(|r| r.contains(&i))
    }

    fn shape_failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        let n = self.len();
        if n == 0 {
            return vec!["no cells".into()];
        }
        if self.omega <= 0 {
            out.push("ω must be positive".into());
        }
        if self.dcap < 0 || Q::from(&self.dcap * &self.dcap) < self.omega {
            out.push("need dcap ≥ √ω (d ≤ √W in the slab)".into());
        }
        if self.cuts[0] < 0 {
            out.push("the cuts must start at p ≥ 0".into());
        }
        if self.cuts.windows(2).any(|w| w[0] >= w[1]) {
            out.push("the cuts must increase strictly".into());
        }
        if let Some(near) = &self.near {
            if near.start >= near.end || near.end > n {
                out.push(format!(
                    "the near range must be a non-empty range of the {n} cells"
                ));
                return out;
            }
            let one = Q::from(1);
            if !(self.cuts[near.start] < one && one < self.cuts[near.end]) {
                out.push("the near range must hold p = 1 inside".into());
            }
            if self.cuts[near.start] <= 0 {
                out.push("the near range must lie in p > 0".into());
            }
            return out;
        }
        let ranges = [&self.strip, &self.targets[0], &self.targets[1]];
        if ranges.iter().any(|r| r.start >= r.end || r.end > n) {
            out.push(format!(
                "strip and targets must be non-empty ranges of the {n} cells"
            ));
            return out;
        }
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            if ranges[a].start < ranges[b].end && ranges[b].start < ranges[a].end {
                out.push("the strip and the targets must not share cells".into());
            }
        }
        let one = Q::from(1);
        if !(self.cuts[self.strip.start] < one && one < self.cuts[self.strip.end]) {
            out.push("the strip must hold p = 1 inside".into());
        }
        if self.cuts[self.targets[0].start] <= 0 || self.cuts[self.targets[1].start] <= 0 {
            out.push("the targets must lie in p > 0".into());
        }
        // Below 1 + 1/K, g(√p) > 0: a period-2 point of F there is one of g.
        let cap = Q::from(1) + Q::from(1) / &self.k.1;
        if self.targets.iter().any(|t| self.cuts[t.end] >= cap) {
            out.push("the targets must lie below p = 1 + 1/K".into());
        }
        out
    }

    /// Conditions 1-2 on cell i; its successors.
    fn cell(&self, i: usize) -> (Range<usize>, Vec<String>) {
        let mut out = Vec::new();
        let k = self.kq();
        let p = self.p(i);
        let e = p.clone() - QI::int(1);
        let lyapunov = QI::int(2) - (k.clone() * e).sqr();
        if !lyapunov.is_nonneg() {
            out.push("2 − K²(p − 1)² ≥ 0 is not proved (W may grow)".into());
        }
        let img = self.image(i);
        let n = self.len();
        if !img.within(&self.cuts[0], &self.cuts[n]) {
            out.push(format!(
                "p' ∈ {} leaves the slab [{}, {}]",
                super::rules::show(&img),
                q::fmt(&self.cuts[0]),
                q::fmt(&self.cuts[n])
            ));
        }
        if self.strip.contains(&i) {
            let m = self.m_on(i);
            if !m.hi().is_some_and(|h| *h < -1) {
                out.push(format!(
                    "strip cell: m = (p' − 1)/(p − 1) ∈ {}, not < −1",
                    super::rules::show(&m)
                ));
            }
        }
        (self.meets(&img), out)
    }

    /// Whether cell 0 may map into itself: it lies in p ≤ 1 and (1 − K(p − 1))² > 1 on it,
    /// so p' ≥ γp there with γ > 1.
    fn escapes(&self, i: usize) -> bool {
        i == 0 && self.cuts[1] <= 1 && self.cell0_growth().lo().is_some_and(|l| *l > 1)
    }

    /// The largest |D| on Tₐ × Tₐ.
    pub fn slope_bound(&self, a: usize) -> Option<Q> {
        let k = self.kq();
        let r = self.targets[a].clone();
        let mut best: Option<Q> = None;
        for i in r.clone() {
            for j in i..r.end {
                let d = slope(&k, &self.p(i), &self.p(j)).abs();
                let h = d.hi()?.clone();
                if best.as_ref().map_or(true, |b| h > *b) {
                    best = Some(h);
                }
            }
        }
        best
    }

    /// Everything the checker proves about this slab, with what fails.
    pub fn analyse(&self) -> Analysis {
        let mut a = Analysis {
            general: self.shape_failures(),
            ..Default::default()
        };
        if !a.general.is_empty() {
            return a;
        }
        let n = self.len();
        let per_cell: Vec<(Range<usize>, Vec<String>)> =
            (0..n).into_par_iter().map(|i| self.cell(i)).collect();
        let mut succ = Vec::with_capacity(n);
        for (i, (s, errs)) in per_cell.into_iter().enumerate() {
            a.cells.extend(errs.into_iter().map(|e| (i, e)));
            succ.push(s);
        }
        if let Some(near) = self.near.clone() {
            self.near_checks(&near, &succ, &mut a);
            a.cycles = self.cycles(&succ);
            return a;
        }
        // 3: the targets.
        for t in 0..2 {
            let other = &self.targets[1 - t];
            for i in self.targets[t].clone() {
                if succ[i].start < other.start || succ[i].end > other.end {
                    a.cells.push((
                        i,
                        format!("target {t} cell: its image leaves target {}", 1 - t),
                    ));
                }
            }
        }
        let bounds = [self.slope_bound(0), self.slope_bound(1)];
        match bounds {
            [Some(l0), Some(l1)] => {
                let l = Q::from(&l0 * &l1);
                if l >= 1 {
                    a.general.push(format!(
                        "the targets' slope bounds give L₀L₁ = {:.6} ≥ 1",
                        l.to_f64()
                    ));
                }
                a.contraction = Some(l);
            }
            _ => a
                .general
                .push("the targets' slope bounds are unbounded".into()),
        }
        let mut decay = Q::from(0);
        for i in self.targets[0].clone().chain(self.targets[1].clone()) {
            match self.w_factor(i).hi() {
                Some(h) if *h < 1 => {
                    if *h > decay {
                        decay = h.clone();
                    }
                }
                _ => a
                    .cells
                    .push((i, "target cell: (1 − K²(p − 1)²)² < 1 is not proved".into())),
            }
        }
        a.decay = Some(decay);
        // 4: the graph.
        a.cycles = self.cycles(&succ);
        a
    }

    /// Condition 5 on the near range N (cells at fault go to `a.cells`).
    fn near_checks(&self, near: &Range<usize>, succ: &[Range<usize>], a: &mut Analysis) {
        let k = self.kq();
        let fails: Vec<Vec<(usize, String)>> = near
            .clone()
            .into_par_iter()
            .map(|i| {
                let mut out = Vec::new();
                let p = self.p(i);
                if succ[i].start < near.start || succ[i].end > near.end {
                    out.push((i, "near cell: its image leaves the near range".to_string()));
                }
                if !self.m_on(i).hi().is_some_and(|h| *h < 0) {
                    out.push((i, "near cell: m < 0 is not proved".to_string()));
                }
                let kp = k.clone() * p.clone() - k.clone() - QI::int(2);
                if !kp.hi().is_some_and(|h| *h < 0) {
                    out.push((i, "near cell: K p − K − 2 < 0 is not proved".to_string()));
                }
                if !two_step_rest(&k, &p).lo().is_some_and(|l| *l > 0) {
                    out.push((i, "near cell: R(p) > 0 is not proved".to_string()));
                }
                for j in i..near.end {
                    if !slope(&k, &p, &self.p(j)).hi().is_some_and(|h| *h < 0) {
                        out.push((
                            i,
                            format!("near cells {i}, {j}: the slope D < 0 is not proved"),
                        ));
                    }
                }
                out
            })
            .collect();
        a.cells.extend(fails.into_iter().flatten());
        for end in [&self.cuts[near.start], &self.cuts[near.end]] {
            let q2 = cycle_quadratic(&k, &QI::point(end.clone()));
            if !q2.lo().is_some_and(|l| *l > 0) {
                a.general.push(format!(
                    "K²p² − K(K + 1)p + 1 > 0 is not proved at the end p = {} of the near range (it may not hold the orbit)",
                    q::fmt(end)
                ));
            }
        }
    }

    /// The strongly connected sets of the graph of step 4 that are cycles.
    fn cycles(&self, succ: &[Range<usize>]) -> Vec<Vec<usize>> {
        let n = self.len();
        let node = |i: usize| {
            if self.strip.contains(&i) {
                self.strip.start
            } else {
                i
            }
        };
        let live = |i: usize| !self.in_target(i) && !self.in_near(i);
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut self_loop = vec![false; n];
        for i in (0..n).filter(|&i| live(i)) {
            let u = node(i);
            for j in succ[i].clone().filter(|&j| live(j)) {
                let v = node(j);
                if u == v {
                    let allowed = self.strip.contains(&u) || self.escapes(u);
                    self_loop[u] |= !allowed;
                } else if adj[u].last() != Some(&v) {
                    adj[u].push(v);
                }
            }
        }
        strongly_connected(&adj)
            .into_iter()
            .filter(|c| c.len() > 1 || self_loop[c[0]])
            .map(|mut c| {
                // A merged strip node stands for all strip cells.
                if !self.strip.is_empty() && c.contains(&self.strip.start) {
                    c.extend(self.strip.clone().skip(1));
                }
                c.sort();
                c
            })
            .collect()
    }
}

/// Tarjan's strongly connected components, without recursion.
fn strongly_connected(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&(v, pos)) = work.last() {
            if pos == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = adj[v].get(pos) {
                work.last_mut().unwrap().1 += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                loop {
                    let w = stack.pop().unwrap();
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(comp);
            }
        }
    }
    out
}

/// Everything wrong with an attract proof; empty when proved.
pub fn prove(pieces: &[AttractPiece], domain: &Domain) -> Vec<String> {
    let ks = match k_pieces(pieces.iter().map(|p| &p.k), domain) {
        Ok(ks) => ks,
        Err(e) => return vec![e],
    };
    let mut out = Vec::new();
    for (pi, (p, k)) in pieces.iter().zip(&ks).enumerate() {
        let slab = match Slab::parse(p, k) {
            Ok(s) => s,
            Err(e) => {
                out.push(format!("piece {pi}: {e}"));
                continue;
            }
        };
        let a = slab.analyse();
        let kk = format!("piece {pi} (K ∈ [{}, {}])", q::fmt(&k.0), q::fmt(&k.1));
        out.extend(a.general.iter().map(|e| format!("{kk}: {e}")));
        for (i, e) in a.cells.iter().take(5) {
            out.push(format!(
                "{kk}, cell {i} (p ∈ {}): {e}",
                super::rules::show(&slab.p(*i))
            ));
        }
        if a.cells.len() > 5 {
            out.push(format!("{kk}: {} more cells fail", a.cells.len() - 5));
        }
        for c in a.cycles.iter().take(3) {
            let (lo, hi) = (&slab.cuts[c[0]], &slab.cuts[c[c.len() - 1] + 1]);
            out.push(format!(
                "{kk}: the transition graph has a cycle through {} cells in p ∈ [{:.6}, {:.6}]",
                c.len(),
                lo.to_f64(),
                hi.to_f64()
            ));
        }
    }
    out
}

/// The first of `rows` that holds a piece with K range `k` and slab [lo, hi]: the row's K
/// interval contains `k` and its [plo, P] lies inside [lo, hi] (so a trajectory of the
/// row's region with W ≤ ω is in the slab). A row whose K or constants do not parse holds
/// nothing.
pub fn linked_row(rows: &[RegionRow], k: &(Q, Q), lo: &Q, hi: &Q) -> Option<usize> {
    let parse = |s: Option<&String>| s.and_then(|s| q::parse(s).ok());
    rows.iter().position(|r| {
        let Ok(rk) = crate::cert::parse_interval(&r.k, "k") else {
            return false;
        };
        let (Some(plo), Some(pp)) = (parse(r.constants.get("plo")), parse(r.constants.get("P")))
        else {
            return false;
        };
        rk.0 <= k.0 && k.1 <= rk.1 && *lo <= plo && pp <= *hi
    })
}

/// Every attract piece must lie in a K row of the region obligation `region` and its slab
/// must hold that row's p range [plo, P] (so a trajectory of the region with W ≤ ω is in
/// the slab).
pub fn region_link(c: &Certificate, region: &str, proof: &Proof) -> Vec<String> {
    let Proof::Attract { pieces } = proof else {
        return vec![];
    };
    let Some(ob) = c.obligations.iter().find(|o| o.id == region) else {
        return vec![format!("no {region} obligation to link the slabs to")];
    };
    let Proof::Region { rows } = &ob.proof else {
        return vec![format!("{region} is not a region proof")];
    };
    let parse = |s: Option<&String>| s.and_then(|s| q::parse(s).ok());
    let mut out = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let (Ok(k), Some(lo), Some(hi)) = (
            crate::cert::parse_interval(&p.k, "k"),
            parse(p.cuts.first()),
            parse(p.cuts.last()),
        ) else {
            out.push(format!("piece {i}: malformed"));
            continue;
        };
        if linked_row(rows, &k, &lo, &hi).is_none() {
            out.push(format!(
                "piece {i}: no row of {region} holds K ∈ [{}, {}] with its [plo, P] inside the slab [{}, {}]",
                q::fmt(&k.0),
                q::fmt(&k.1),
                q::fmt(&lo),
                q::fmt(&hi)
            ));
        }
    }
    out
}
