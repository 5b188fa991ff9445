//! P3.orbit-near's convergence inside the near range N in Coq (file `…_s<j>_converge.v` of
//! a slab piece with a near range, generated in full).
//!
//! The file proves, for every K of the piece, the two facts of `NearConverge.near_converges`
//! that no cell states: the margin 2 − K²(p − 1)² ≥ μ on N and the bound |E(p, d)| ≤ C on
//! N × [0, dcap] of the two-step perturbation factor (`interval`; μ and C are the exact
//! enclosures of [`two_step_perturbation`] and of the margin, with room). With the piece's
//! near-range theorem, its slope and end lemmas, the factorisation identity and the strip
//! cell of P3.orbit-near/strip, `near_converges` gives `…_near_converges` (an orbit of the
//! slab that starts in N lands on p = 1 or converges to the period-2 orbit, for K > 1), and
//! with the reach theorem `…_orbit_from_cells` / `…_orbit_xy_from_cells`: every orbit of
//! the slab converges to it, lands on p = 1, or is the origin.

use super::boxes::{tactic, BOX_TIERS};
use super::number::{ident, lit};
use super::reach::{orbit_converges, orbit_theorem, orbit_xy_theorem};
use super::slabs::k_range;
use crate::arith::exact::QI;
use crate::arith::q::{self, Q};
use crate::arith::Field;
use crate::cert::{Certificate, Proof};
use crate::check::attract::Slab;
use crate::models::product::two_step_perturbation;

/// The obligation whose single cell gives the near strip's sign.
pub(super) const STRIP: &str = "P3.orbit-near/strip";

/// μ ≤ 2 − K²(p − 1)² on N: half the exact lower bound, rounded down to 6 decimals.
fn margin(s: &Slab, n: (&Q, &Q)) -> Result<Q, String> {
    let k = s.kq();
    let p = QI::new(n.0.clone(), n.1.clone());
    let v = QI::int(2) - (k * (p - QI::int(1))).sqr();
    let lo = v.lo().cloned().ok_or("the margin on N is unbounded")?;
    let mu = q::floor_dec(&Q::from(&lo / Q::from(2)), 6);
    if mu > 0 {
        Ok(mu)
    } else {
        Err(format!(
            "2 − K²(p − 1)² on N is not positive (≥ {})",
            q::fmt(&lo)
        ))
    }
}

/// C ≥ |E(p, d)| on N × [0, dcap]: twice the exact natural enclosure, rounded up.
fn e_bound(s: &Slab, n: (&Q, &Q)) -> Result<Q, String> {
    let k = s.kq();
    let p = QI::new(n.0.clone(), n.1.clone());
    let d = QI::new(Q::from(0), s.dcap.clone());
    let e = two_step_perturbation(&k, &p, &d).abs();
    let hi = e
        .hi()
        .cloned()
        .ok_or("the two-step perturbation on N is unbounded")?;
    Ok(q::ceil_dec(&Q::from(&hi * Q::from(2)), 2))
}

/// The lemma of P3.orbit-near/strip's single cell.
pub(super) fn strip_lemma(c: &Certificate) -> Result<String, String> {
    let o = c
        .obligations
        .iter()
        .find(|o| o.id == STRIP)
        .ok_or_else(|| format!("no {STRIP} obligation"))?;
    match &o.proof {
        Proof::Sign { cells, .. } if cells.len() == 1 => Ok(format!("{}_c000", ident(STRIP))),
        _ => Err(format!("{STRIP}: expected one sign cell")),
    }
}

/// The text of a near piece's convergence file (after its header and imports).
pub fn near_text(c: &Certificate, base: &str, j: usize, s: &Slab) -> Result<String, String> {
    let r = s.near.clone().ok_or("the piece has no near range")?;
    let (nlo, nhi) = (&s.cuts[r.start], &s.cuts[r.end]);
    let mu = margin(s, (nlo, nhi))?;
    let bound = e_bound(s, (nlo, nhi))?;
    let strip = strip_lemma(c)?;
    let x = format!("{base}_s{j:02}");
    let kr = k_range(s);
    let kpos = format!("{} < K <= {}", lit(&s.k.0), lit(&s.k.1));
    let (nl, nh, om, dcap) = (lit(nlo), lit(nhi), lit(&s.omega), lit(&s.dcap));
    let (lo, hi) = (lit(&s.cuts[0]), lit(&s.cuts[s.len()]));
    let (mu, bound) = (lit(&mu), lit(&bound));
    let rest = crate::two_step_rest!();
    let end_z = orbit_converges("z");
    let pk = tactic(&["K", "p"], BOX_TIERS);
    let pkd = tactic(&["K", "p", "d"], BOX_TIERS);
    let mut t = format!(
        "(** The margin 2 - K^2 (p - 1)^2 >= mu on N. *)\nLemma {x}_near_margin : forall K p, {kr} -> {nl} <= p <= {nh} ->\n  {mu} <= 2 - (K * (p - 1)) ^ 2.\nProof.\n  intros K p HK Hp. {pk}.\nQed.\n\n\
         (** |E(p, d)| <= C on N x [0, dcap], E the two-step perturbation factor:\n    p'' - F(F(p)) = (p - 1) d E(p, d). *)\nLemma {x}_near_e : forall K p d, {kr} -> {nl} <= p <= {nh} -> 0 <= d <= {dcap} ->\n  Rabs (near_e K p d) <= {bound}.\nProof.\n  intros K p d HK Hp Hd. unfold near_e, slope_d. unfold_model. {pkd}.\nQed.\n\n"
    );
    t.push_str(&format!(
        "(** P3.orbit-near inside N, for every K > 1 of the piece: an orbit of the slab that starts\n    in N lands on p = 1 (it starts there) or converges to the period-2 orbit, its even\n    and odd steps tending to delta_1^2 and delta_2^2 in some order and d to 0\n    (NearConverge.near_converges). *)\nTheorem {x}_near_converges : forall K, {kpos} -> forall z, in_near {nl} {nh} {om} z ->\n  fst z = 1 \\/ {end_z}.\nProof.\n  intros K HK z Hz.\n  assert (HK' : {kr}) by lra.\n  exact (near_converges K {nl} {nh} {om} {dcap} {mu} {bound} (fun p => {rest})\n    ltac:(lra) ltac:(lra) ltac:(repeat split; lra)\n    (fun p d Hp Hd Hw => {x}_near_from_cells K p d HK' Hp Hd Hw)\n    (fun p => P3_orbit_near_two_step_factored K p)\n    ltac:(intros p; reg)\n    (fun p q Hp Hq => {x}_near_slope K p q HK' Hp Hq)\n    ({x}_near_ends K HK')\n    (fun p Hp => {x}_near_margin K p HK' Hp)\n    (fun w Hw => {strip} K w HK' Hw)\n    (fun p d Hp Hd => {x}_near_e K p d HK' Hp Hd)\n    z Hz).\nQed.\n\n"
    ));
    t.push_str(&orbit_theorem(
        &x,
        &format!("Every orbit of the slab converges to the period-2 orbit, lands on p = 1, or is the\n    origin, for every K > 1 of the piece: the reach theorem brings it into N (or onto\n    p = 1, or the origin), where {x}_near_converges applies."),
        &kpos,
        &format!("  assert (HK' : {kr}) by lra.\n"),
        "HK'",
        (&om, &lo, &hi),
        &format!("  - unfold {x}_goal in Hg.\n    destruct ({x}_near_converges K HK (p, d) (conj Hg (conj Hd Hw))) as [E | E].\n    + left. exact E.\n    + right; right. exact E.\n"),
    ));
    t.push_str(&orbit_xy_theorem(&x, &kpos, &om, &lo, &hi));
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::parse;

    fn near_piece() -> (Certificate, Slab) {
        let text = std::fs::read_to_string("certificates/theorem3.json").unwrap();
        let c = parse(&text).unwrap().0;
        let o = c
            .obligations
            .iter()
            .find(|o| o.id == "P3.orbit-near/slab-graph")
            .unwrap();
        let s = super::super::slabs::slabs(o).unwrap().swap_remove(0);
        (c, s)
    }

    #[test]
    fn the_near_file_states_its_bounds_and_the_orbit() {
        let (c, s) = near_piece();
        let r = s.near.clone().unwrap();
        let n = (&s.cuts[r.start], &s.cuts[r.end]);
        let mu = margin(&s, n).unwrap();
        assert!(mu > 0 && mu < 2);
        let bound = e_bound(&s, n).unwrap();
        assert!(bound > 0);
        // The bound holds at sample points of N x [0, dcap].
        let point = |x: &Q| QI::new(x.clone(), x.clone());
        let k = point(&Q::from((201, 200)));
        for (p, d) in [(n.0.clone(), Q::from(0)), (n.1.clone(), s.dcap.clone())] {
            let e = two_step_perturbation(&k, &point(&p), &point(&d)).abs();
            assert!(*e.hi().unwrap() <= bound);
        }
        let t = near_text(&c, "X", 0, &s).unwrap();
        for name in [
            "Lemma X_s00_near_margin",
            "Lemma X_s00_near_e",
            "Theorem X_s00_near_converges : forall K, 1 < K <= (201 / 200)",
            "Theorem X_s00_orbit_from_cells : forall K, 1 < K <= (201 / 200)",
            "Theorem X_s00_orbit_xy_from_cells",
            "P3_orbit_near_strip_c000 K w HK' Hw",
        ] {
            assert!(t.contains(name), "{name}");
        }
    }

    #[test]
    fn a_near_strip_of_several_cells_is_refused() {
        let (mut c, s) = near_piece();
        let o = c.obligations.iter_mut().find(|o| o.id == STRIP).unwrap();
        if let Proof::Sign { cells, .. } = &mut o.proof {
            let first = cells[0].clone();
            cells.push(first);
        }
        let e = near_text(&c, "X", 0, &s).err().expect("refused");
        assert!(e.contains("expected one sign cell"), "{e}");
    }
}
