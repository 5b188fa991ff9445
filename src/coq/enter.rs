//! P3.orbit-global over a K piece and its region row in Coq: every orbit of the row's
//! region R lands on xy = 1, is the origin, or converges to the period-2 orbit.
//!
//! When a slab piece with targets and the K row of `P3.orbit-global/region` that the checker
//! links it to (the row holds the piece's K range, the slab holds the row's [plo, P], see
//! [`crate::check::attract::region_link`]) are both generated in full, the piece gets a file
//! `…_s<j>_region.v`: the row's cover lemma gives the facts `RegionEnters.region_orbit_ends`
//! needs (R is mapped into itself, the margin, the strip), and with the piece's
//! `…_orbit_from_cells` it proves `…_region_orbit` (in (p, d)) and `…_region_orbit_xy`
//! (for the product map (13) in (x, y)) for every K of the piece.

use super::number::{ident, lit};
use super::reach::{orbit_end, orbit_end_xy};
use super::slabs::k_range;
use super::{CoqFile, Options};
use crate::arith::q::{self, Q};
use crate::cert::{Certificate, Proof, RegionRow};
use crate::check::attract::{self, Slab};

/// The region obligation a slab graph's pieces are linked to.
fn region_id(slab_id: &str) -> Option<String> {
    slab_id
        .strip_suffix("/slab-graph")
        .map(|claim| format!("{claim}/region"))
}

/// A row constant by name.
fn constant(r: &RegionRow, name: &str) -> Result<Q, String> {
    let v = r
        .constants
        .get(name)
        .ok_or_else(|| format!("region row without constant {name}"))?;
    q::parse(v).map_err(|e| format!("region row constant {name}: {e}"))
}

/// The row of `rows` the checker links piece `s` to ([`attract::linked_row`]).
fn linked_row(rows: &[RegionRow], s: &Slab) -> Option<usize> {
    attract::linked_row(rows, &s.k, &s.cuts[0], &s.cuts[s.len()])
}

/// The region obligation a slab graph's pieces are linked to, and its rows (`None` when the
/// certificate has no such obligation).
fn region_rows<'a>(
    c: &'a Certificate,
    slab_id: &str,
) -> Result<Option<(String, &'a [RegionRow])>, String> {
    let Some(id) = region_id(slab_id) else {
        return Ok(None);
    };
    let Some(o) = c.obligations.iter().find(|o| o.id == id) else {
        return Ok(None);
    };
    match &o.proof {
        Proof::Region { rows } => Ok(Some((id, rows))),
        _ => Err(format!("{id} is not a region proof")),
    }
}

/// Piece j's region file: its text (after the header and the hand-written imports) and the
/// generated modules it imports, or `None` when the piece's row is not generated in full.
/// `base` is the slab graph's identifier. A target piece's row states the strip
/// (|p − 1| ≤ s ⇒ m ≤ −λ); a near piece's strip is |p − 1| ≤ K − 1 with λ = 1 + (K − 1)/2,
/// from P3.orbit-near/strip (`NearConverge.near_strip`).
pub fn region_text(
    c: &Certificate,
    slab_id: &str,
    base: &str,
    j: usize,
    s: &Slab,
    opts: &Options,
) -> Result<Option<(String, Vec<String>)>, String> {
    let Some((id, rows)) = region_rows(c, slab_id)? else {
        return Ok(None);
    };
    let Some(r) = linked_row(rows, s) else {
        return Err(format!("{slab_id}: piece {j}: no row of {id} holds it"));
    };
    if !opts.in_full(&id, rows.len(), "rows")?.contains(&r) {
        return Ok(None);
    }
    let prefix = super::number::module_prefix(&c.family);
    let k = |name: &str| constant(&rows[r], name).map(|v| lit(&v));
    let (plo, pp, cc, dcap) = (k("plo")?, k("P")?, k("c")?, k("dcap")?);
    let mu = k("margin")?;
    let rbase = ident(&id);
    let row = format!("{rbase}_r{r:02}");
    // With a sample the row's lemma is in the obligation's file, in full in the row's own.
    let mut modules = vec![if opts.sample.is_some() {
        format!("{prefix}_{rbase}")
    } else {
        format!("{prefix}_{row}")
    }];
    let x = format!("{base}_s{j:02}");
    let (klo, khi) = (lit(&s.k.0), lit(&s.k.1));
    let (k_hyp, lambda, strip, pattern, strip_proof) = if s.near.is_some() {
        let cell = super::near::strip_lemma(c)?;
        modules.push(format!("{prefix}_{}", ident(super::near::STRIP)));
        (
            format!("{klo} < K <= {khi}"),
            "(1 + (K - 1) / 2)".to_string(),
            "(K - 1)".to_string(),
            "(_ & _ & H3 & H4 & _ & H6)",
            format!("intros Hs.\n    pose proof (near_strip K p d ltac:(lra) (fun w Hw => {cell} K w ltac:(lra) Hw)\n      ltac:(lra) ltac:(lra)).\n    lra"),
        )
    } else {
        (
            k_range(s),
            k("lambda")?,
            k("s")?,
            "(_ & _ & H3 & H4 & _ & H6 & H7)",
            "exact H7".to_string(),
        )
    };
    modules.push(format!("{prefix}_{base}_s{j:02}_converge"));
    let claim = if s.near.is_some() {
        "P3.orbit-near"
    } else {
        "P3.orbit-global"
    };
    let om = lit(&s.omega);
    let (lo, hi) = (lit(&s.cuts[0]), lit(&s.cuts[s.len()]));
    let end_z = orbit_end("(pd_orbit K n z)");
    let end_w = orbit_end("w");
    let end_xy = orbit_end_xy();
    let text = format!(
        "(** {claim} for K in this piece, on the region R = {{{plo} <= p <= {pp}, d >= 0,\n    d (d + 4p) <= {cc}}} of row {r} of {id} (p = xy, d = (x - y)^2): every orbit of R\n    lands on p = 1, is the origin, or converges to the period-2 orbit, its products x y\n    tending to delta_1^2 and delta_2^2 on alternate steps and d to 0. From the row's cells\n    (R is mapped into itself, the margin) and the strip, by RegionEnters.region_orbit_ends,\n    an orbit of R lands on p = 1 or enters the slab, where {x}_orbit_from_cells applies. *)\nTheorem {x}_region_orbit : forall K, {k_hyp} -> forall z, in_region {plo} {pp} {cc} z ->\n  exists n, {end_z}.\nProof.\n  intros K HK z Hz.\n  assert (Hc : forall p d, {plo} <= p <= {pp} -> 0 <= d <= {dcap} -> 0 <= {cc} - prod_w p d ->\n    0 <= {pp} - prod_p K p d /\\ 0 <= prod_p K p d - {plo} /\\ 0 <= 2 - (K * (p - 1)) ^ 2 - {mu} /\\\n    (0 <= {strip} ^ 2 - (p - 1) ^ 2 -> 0 <= - prod_m K p d - {lambda})).\n  {{ intros p d Hp Hd Hw.\n    destruct ({row} K p d ltac:(lra) Hp Hd Hw) as {pattern}.\n    split; [exact H3 | split; [exact H4 | split; [exact H6 |]]].\n    {strip_proof}. }}\n  refine (region_orbit_ends K {plo} {pp} {cc} {dcap} {mu} {lambda} {strip} {om}\n    ltac:(lra) ltac:(repeat split; lra) Hc\n    (fun w => {end_w}) {lo} {hi} ltac:(lra) ltac:(lra) _ ({x}_orbit_from_cells K HK) z Hz).\n  intros w H. left. exact H.\nQed.\n\n\
         (** The same for the product map (13) in (x, y): every (x, y) with (xy, (x - y)^2) in R. *)\nTheorem {x}_region_orbit_xy : forall K, {k_hyp} -> forall x y,\n  in_region {plo} {pp} {cc} (x * y, (x - y) ^ 2) ->\n  exists n, {end_xy}.\nProof.\n  intros K HK x y Hz.\n  destruct ({x}_region_orbit K HK _ Hz) as [n Hn].\n  exists n. exact (orbit_pd_to_xy K x y n Hn).\nQed.\n"
    );
    Ok(Some((text, modules)))
}

/// The region constants (plo, P, c) of the row linked to each piece.
fn piece_regions(c: &Certificate, slab_id: &str, slabs: &[Slab]) -> Result<Vec<[Q; 3]>, String> {
    let (id, rows) =
        region_rows(c, slab_id)?.ok_or_else(|| format!("{slab_id}: no region obligation"))?;
    slabs
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let r = linked_row(rows, s)
                .ok_or_else(|| format!("{slab_id}: piece {j}: no row of {id} holds it"))?;
            Ok([
                constant(&rows[r], "plo")?,
                constant(&rows[r], "P")?,
                constant(&rows[r], "c")?,
            ])
        })
        .collect()
}

/// The region every one of `regions` holds: the largest plo, the smallest P and c.
fn common_region(regions: &[[Q; 3]]) -> [Q; 3] {
    let pick = |i: usize, max: bool| {
        let it = regions.iter().map(|r| r[i].clone());
        if max { it.max() } else { it.min() }.expect("regions")
    };
    [pick(0, true), pick(1, false), pick(2, false)]
}

/// The text of the claim file of P3.orbit-global (after its header and imports): for every
/// K in [first piece's start, K★] and every point of the region common to all rows
/// (p ≥ the largest plo, p ≤ the smallest P, W ≤ the smallest c), the orbit ends as
/// [`orbit_end`] says; by a case split on K over the pieces (which must follow each other
/// and reach past K★), each case the piece's `…_region_orbit`. Only for a certificate
/// generated in full (every piece has its region file).
pub fn claim_text(
    c: &Certificate,
    slab_id: &str,
    base: &str,
    slabs: &[Slab],
) -> Result<String, String> {
    let regions = piece_regions(c, slab_id, slabs)?;
    let (first, last) = match (slabs.first(), slabs.last()) {
        (Some(f), Some(l)) => (f, l),
        _ => return Err(format!("{slab_id}: no pieces")),
    };
    for (j, w) in slabs.windows(2).enumerate() {
        if w[0].k.1 != w[1].k.0 {
            return Err(format!(
                "{slab_id}: pieces {j} and {} do not meet ({} vs {})",
                j + 1,
                q::fmt(&w[0].k.1),
                q::fmt(&w[1].k.0)
            ));
        }
    }
    // K★ = √(9/2) − 1 < 1.1214: the last piece must reach past it.
    if last.k.1 < Q::from((11214, 10000)) {
        return Err(format!(
            "{slab_id}: the pieces end at {} < K★",
            q::fmt(&last.k.1)
        ));
    }
    let [plo, pp, cc] = common_region(&regions).map(|v| lit(&v));
    let (klo, khi) = (lit(&first.k.0), lit(&last.k.1));
    let end_z = orbit_end("(pd_orbit K n z)");
    let end_xy = orbit_end_xy();
    let name = base.trim_end_matches("_slab_graph");
    let mut cases = String::new();
    for (j, (s, r)) in slabs.iter().zip(&regions).enumerate() {
        let x = format!("{base}_s{j:02}");
        let (rlo, rp, rc) = (lit(&r[0]), lit(&r[1]), lit(&r[2]));
        let apply = |indent: &str| {
            format!(
                "apply ({x}_region_orbit K ltac:(lra) z).\n{indent}apply (in_region_mono {plo} {pp} {cc} {rlo} {rp} {rc} z); lra || exact Hz."
            )
        };
        if j + 1 < slabs.len() {
            cases.push_str(&format!(
                "  destruct (Rle_lt_dec K {}) as [H{j} | H{j}].\n  {{ {} }}\n",
                lit(&s.k.1),
                apply("    ")
            ));
        } else {
            cases.push_str(&format!("  {}\n", apply("  ")));
        }
    }
    Ok(format!(
        "(** P3.orbit-global over its whole K range: for every K in [{klo}, K_star] (K_star =\n    sqrt(9/2) - 1) and every point of R = {{{plo} <= p <= {pp}, d >= 0, d (d + 4p) <= {cc}}},\n    the region every K row of P3.orbit-global/region holds (p = xy, d = (x - y)^2), the\n    orbit lands on p = 1, is the origin, or converges to the period-2 orbit, its products\n    tending to delta_1^2 and delta_2^2 on alternate steps and d to 0. By a case split on K\n    over the {} pieces, each case the piece's ..._region_orbit. *)\nTheorem {name}_claim : forall K, {klo} <= K <= K_star -> forall z, in_region {plo} {pp} {cc} z ->\n  exists n, {end_z}.\nProof.\n  intros K HK z Hz.\n  assert (Hstar : K_star <= {khi}) by (unfold K_star; interval with (i_prec 64)).\n  assert (HK' : {klo} <= K <= {khi}) by lra.\n  clear HK Hstar.\n{cases}Qed.\n\n\
         (** The same for the product map (13) in (x, y). *)\nTheorem {name}_claim_xy : forall K, {klo} <= K <= K_star -> forall x y,\n  in_region {plo} {pp} {cc} (x * y, (x - y) ^ 2) ->\n  exists n, {end_xy}.\nProof.\n  intros K HK x y Hz.\n  destruct ({name}_claim K HK _ Hz) as [n Hn].\n  exists n. exact (orbit_pd_to_xy K x y n Hn).\nQed.\n",
        slabs.len()
    ))
}

/// The slab graphs of Prop 3's two claims.
const GLOBAL: &str = "P3.orbit-global/slab-graph";
const NEAR: &str = "P3.orbit-near/slab-graph";

/// Prop 3 over (1, K★] (file `<Family>_P3_orbit_claim.v`, theorem `P3_orbit_claim`), when P3.orbit-near's region file
/// and P3.orbit-global's claim file are both among `names` (a certificate generated in
/// full): for every K ∈ (1, K★] and every point of the region both claims' rows hold, the
/// orbit converges to the period-2 orbit, lands on xy = 1, or is the origin; a case split
/// at the K where P3.orbit-near's piece ends and P3.orbit-global's first piece starts.
pub fn prop3_file(c: &Certificate, names: &[&str]) -> Result<Option<CoqFile>, String> {
    let prefix = super::number::module_prefix(&c.family);
    let (gb, nb) = (ident(GLOBAL), ident(NEAR));
    let gname = gb.trim_end_matches("_slab_graph").to_string();
    // Prop 3's claim id, P3.orbit.
    let pname = ident("P3.orbit");
    let global_claim = format!("{prefix}_{gname}_claim");
    let near_region = format!("{prefix}_{nb}_s00_region");
    if !names.contains(&format!("{global_claim}.v").as_str())
        || !names.contains(&format!("{near_region}.v").as_str())
    {
        return Ok(None);
    }
    let slabs_of = |id: &str| -> Result<Vec<Slab>, String> {
        let o = c
            .obligations
            .iter()
            .find(|o| o.id == id)
            .ok_or_else(|| format!("no {id} obligation"))?;
        super::slabs::slabs(o)
    };
    let (gs, ns) = (slabs_of(GLOBAL)?, slabs_of(NEAR)?);
    let (Some(first), [near]) = (gs.first(), ns.as_slice()) else {
        return Err(format!(
            "{NEAR}: expected one piece, {GLOBAL}: at least one"
        ));
    };
    if near.k.1 != first.k.0 {
        return Err(format!(
            "{NEAR} ends at K = {}, {GLOBAL} starts at K = {}",
            q::fmt(&near.k.1),
            q::fmt(&first.k.0)
        ));
    }
    let g = common_region(&piece_regions(c, GLOBAL, &gs)?);
    let n = piece_regions(c, NEAR, &ns)?.swap_remove(0);
    let all = common_region(&[g.clone(), n.clone()]);
    let show = |r: &[Q; 3]| r.iter().map(lit).collect::<Vec<_>>().join(" ");
    let [plo, pp, cc] = all.clone().map(|v| lit(&v));
    let (klo, split) = (lit(&near.k.0), lit(&near.k.1));
    let mono = |r: &[Q; 3]| {
        format!(
            "apply (in_region_mono {} {} z); lra || exact Hz.",
            show(&all),
            show(r)
        )
    };
    let mut t = super::header(
        c,
        "Prop 3 over (1, K_star], P3.orbit-near and P3.orbit-global joined",
        false,
    );
    t.push_str(CLAIMS);
    for m in [&near_region, &global_claim] {
        t.push_str(&format!("From Twostep.generated Require Import {m}.\n"));
    }
    t.push_str(&format!(
        "\n(** Prop 3 with its exceptional set: for every K in ({klo}, K_star] and every point of\n    R = {{{plo} <= p <= {pp}, d >= 0, d (d + 4p) <= {cc}}} (p = xy, d = (x - y)^2), the\n    region both claims' rows hold, the orbit converges to the period-2 orbit (x y tends\n    to delta_1^2 and delta_2^2 on alternate steps, (x - y)^2 to 0), lands on xy = 1, or is\n    the origin. P3.orbit-near up to K = {split}, P3.orbit-global from there. *)\nTheorem {pname}_claim : forall K, {klo} < K <= K_star -> forall z, in_region {plo} {pp} {cc} z ->\n  exists n, {}.\nProof.\n  intros K HK z Hz.\n  destruct (Rle_lt_dec K {split}) as [H | H].\n  - apply ({nb}_s00_region_orbit K ltac:(lra) z).\n    {}\n  - apply ({gname}_claim K ltac:(lra) z).\n    {}\nQed.\n\n\
         (** The same for the product map (13) in (x, y). *)\nTheorem {pname}_claim_xy : forall K, {klo} < K <= K_star -> forall x y,\n  in_region {plo} {pp} {cc} (x * y, (x - y) ^ 2) ->\n  exists n, {}.\nProof.\n  intros K HK x y Hz.\n  destruct ({pname}_claim K HK _ Hz) as [n Hn].\n  exists n. exact (orbit_pd_to_xy K x y n Hn).\nQed.\n",
        orbit_end("(pd_orbit K n z)"),
        mono(&n),
        mono(&g),
        orbit_end_xy()
    ));
    Ok(Some(CoqFile {
        name: format!("{prefix}_{pname}_claim.v"),
        text: t,
        lemmas: 2,
    }))
}

/// The hand-written files a claim file uses.
const CLAIMS: &str =
    "From Twostep Require Import ProductClaims SlabReach TargetConverge RegionEnters.\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn theorem3() -> Certificate {
        crate::coq::committed("theorem3")
    }

    fn piece(c: &Certificate, j: usize) -> Slab {
        let o = c
            .obligations
            .iter()
            .find(|o| o.id == "P3.orbit-global/slab-graph")
            .unwrap();
        super::super::slabs::slabs(o).unwrap().swap_remove(j)
    }

    fn opts(rows: &[&str]) -> Options {
        Options {
            sample: Some(4),
            full_rows: rows.iter().map(|r| r.parse().unwrap()).collect(),
        }
    }

    #[test]
    fn the_region_file_needs_the_linked_row_in_full() {
        let c = theorem3();
        let s = piece(&c, 66);
        let id = "P3.orbit-global/slab-graph";
        // Piece 66 (K in [1.12, 1.122]) lies in row 21 (K in [1.12, 1.14]).
        let o = c
            .obligations
            .iter()
            .find(|o| o.id == "P3.orbit-global/region")
            .unwrap();
        let Proof::Region { rows } = &o.proof else {
            panic!("not a region")
        };
        assert_eq!(linked_row(rows, &s), Some(21));
        let none = region_text(&c, id, "X", 66, &s, &opts(&["P3.orbit-global/region:20"]));
        assert!(none.unwrap().is_none());
        let (t, modules) = region_text(&c, id, "X", 66, &s, &opts(&["P3.orbit-global/region:21"]))
            .unwrap()
            .unwrap();
        assert_eq!(
            modules,
            ["Theorem3_P3_orbit_global_region", "Theorem3_X_s66_converge"]
        );
        assert!(t.contains("Theorem X_s66_region_orbit : forall K, (28 / 25) <= K <= (561 / 500)"));
        assert!(t.contains("Theorem X_s66_region_orbit_xy"));
        assert!(t.contains("P3_orbit_global_region_r21 K p d"));
        assert!(t.contains("in_region 0 (15607 / 10000) (13071 / 10000) z"));
        // In full (no sample) every piece gets its file, which imports its row's own module
        // (where the row's lemma is then).
        let (_, modules) = region_text(&c, id, "X", 0, &piece(&c, 0), &Options::default())
            .unwrap()
            .unwrap();
        assert_eq!(modules[0], "Theorem3_P3_orbit_global_region_r00");
    }

    #[test]
    fn a_piece_outside_every_row_is_refused() {
        let c = theorem3();
        let mut s = piece(&c, 66);
        // A slab that no longer holds the rows' [0, P].
        let top = s.len();
        s.cuts[top] = Q::from(1);
        let e = region_text(
            &c,
            "P3.orbit-global/slab-graph",
            "X",
            66,
            &s,
            &Options::default(),
        )
        .err()
        .expect("no row holds it");
        assert!(
            e.contains("no row of P3.orbit-global/region holds it"),
            "{e}"
        );
    }

    #[test]
    fn the_claim_needs_pieces_that_meet_and_reach_k_star() {
        let c = theorem3();
        let o = c
            .obligations
            .iter()
            .find(|o| o.id == "P3.orbit-global/slab-graph")
            .unwrap();
        let id = &o.id;
        let all = || super::super::slabs::slabs(o).unwrap();
        let base = "P3_orbit_global_slab_graph";
        let t = claim_text(&c, id, base, &all()).unwrap();
        assert!(t.contains("Theorem P3_orbit_global_claim : forall K, (201 / 200) <= K <= K_star"));
        assert!(t.contains("in_region 0 (15607 / 10000) (13071 / 10000) z"));
        assert_eq!(t.matches("_region_orbit K ltac:(lra) z)").count(), 67);
        let mut gap = all();
        gap.remove(30);
        let e = claim_text(&c, id, base, &gap).err().expect("a gap");
        assert!(e.contains("pieces 29 and 30 do not meet"), "{e}");
        let mut short = all();
        short.pop();
        let e = claim_text(&c, id, base, &short).err().expect("short of K*");
        assert!(e.contains("< K★"), "{e}");
    }

    #[test]
    fn prop3_needs_both_claims_and_the_pieces_to_meet() {
        let mut c = theorem3();
        let names = [
            "Theorem3_P3_orbit_global_claim.v",
            "Theorem3_P3_orbit_near_slab_graph_s00_region.v",
        ];
        let f = prop3_file(&c, &names)
            .unwrap()
            .expect("both claims are there");
        assert_eq!(f.name, "Theorem3_P3_orbit_claim.v");
        assert!(f
            .text
            .contains("Theorem P3_orbit_claim : forall K, 1 < K <= K_star"));
        assert!(prop3_file(&c, &names[..1]).unwrap().is_none());
        // P3.orbit-near's piece ending at 1.004 leaves (1.004, 1.005) to nobody.
        let o = c.obligations.iter_mut().find(|o| o.id == NEAR).unwrap();
        if let Proof::Attract { pieces } = &mut o.proof {
            pieces[0].k[1] = "1.004".into();
        }
        let e = prop3_file(&c, &names).err().expect("a gap");
        assert!(e.contains("ends at K = "), "{e}");
    }
}
