//! P3.orbit-global: the slab graphs and the region of the global attraction of the 2-D
//! product's period-2 orbit. A committed piece is accepted; coarsened cells (a cycle), a
//! strip missing p = 1 or too wide to repel, targets that do not map into each other, a bad
//! dcap, K pieces short of the range, a slab short of the region's p range, and region rows
//! with λ = 1 or a strip too wide are each rejected. P3.orbit-near: its piece with a near
//! range N is accepted; N too narrow to hold the orbit, N not mapped into itself, N reaching
//! where F does not decrease, coarsened cells outside N, a piece with both targets and N, and
//! a strip width beyond K − 1 are each rejected. (The committed proof itself is re-proved by
//! `committed_certificates_are_proved`.)

mod common;
use common::{k_domain, proof_of, proof_of_mut};
use twostep::arith::q::parse;
use twostep::cert::{self, AttractPiece, Proof, RegionRow};
use twostep::check::attract::{self, Slab};
use twostep::check::region;
use twostep::check::spec::theorem3::orbit_region_rule;

fn committed() -> cert::Certificate {
    common::parsed("theorem3.json")
}

fn pieces(c: &cert::Certificate) -> Vec<AttractPiece> {
    let Proof::Attract { pieces } = proof_of(c, "P3.orbit-global/slab-graph") else {
        panic!("not an attract proof")
    };
    pieces.clone()
}

/// The committed piece on K ∈ [1.1, 1.102].
fn committed_piece() -> AttractPiece {
    pieces(&committed())
        .into_iter()
        .find(|p| p.k == ["1.1".to_string(), "1.102".to_string()])
        .expect("piece [1.1, 1.102]")
}

fn analyse(p: &AttractPiece) -> attract::Analysis {
    let k = (parse(&p.k[0]).unwrap(), parse(&p.k[1]).unwrap());
    Slab::parse(p, &k).unwrap().analyse()
}

fn failures(p: &AttractPiece) -> String {
    attract::prove(std::slice::from_ref(p), &k_domain(&p.k[0], &p.k[1])).join("\n")
}

/// Index of the cell whose lower end is `x` (or the first above it).
fn cell_at(p: &AttractPiece, x: f64) -> u32 {
    p.cuts
        .iter()
        .position(|c| parse(c).unwrap().to_f64() >= x)
        .unwrap() as u32
}

#[test]
fn committed_piece_is_proved_with_a_contraction_below_one() {
    let p = committed_piece();
    let a = analyse(&p);
    assert!(a.proved(), "{:?} {:?}", a.general, a.cells);
    let l = a.contraction.expect("computed").to_f64();
    assert!(l > 0.0 && l < 1.0, "L₀L₁ = {l}");
    assert!(failures(&p).is_empty());
}

#[test]
fn coarse_cells_leave_a_cycle() {
    let mut p = committed_piece();
    // Keep the strip and target cuts, but only every 40th cut elsewhere.
    let keep: Vec<usize> = (0..p.cuts.len())
        .filter(|&i| {
            let i32_ = i as u32;
            let (s, t) = (p.strip.unwrap(), p.targets.unwrap());
            let special =
                (s[0]..=s[1]).contains(&i32_) || t.iter().any(|t| (t[0]..=t[1]).contains(&i32_));
            special || i % 40 == 0 || i + 1 == p.cuts.len()
        })
        .collect();
    let at = |old: u32| keep.iter().position(|&i| i == old as usize).unwrap() as u32;
    p.strip = p.strip.map(|s| [at(s[0]), at(s[1])]);
    p.targets = p.targets.map(|t| t.map(|t| [at(t[0]), at(t[1])]));
    p.cuts = keep.iter().map(|&i| p.cuts[i].clone()).collect();
    let a = analyse(&p);
    assert!(!a.cycles.is_empty(), "no cycle in the coarse graph");
    assert!(failures(&p).contains("cycle"), "{}", failures(&p));
}

#[test]
fn a_strip_without_p_equal_one_is_rejected() {
    let mut p = committed_piece();
    let below = cell_at(&p, 0.9);
    p.strip = Some([below, below + 1]);
    assert!(failures(&p).contains("hold p = 1"), "{}", failures(&p));
}

#[test]
fn a_strip_too_wide_to_repel_is_rejected() {
    let mut p = committed_piece();
    // p ∈ [0.8, 1.2]: at p = 0.8, m = (p' − 1)/(p − 1) ≈ −0.95 > −1.
    p.strip = Some([cell_at(&p, 0.8), cell_at(&p, 1.2)]);
    let f = failures(&p);
    assert!(f.contains("not < −1"), "{f}");
}

#[test]
fn targets_that_do_not_map_into_each_other_are_rejected() {
    let mut p = committed_piece();
    // Move target 0 to cells near p = 0.3, which map to p ≈ 0.9, outside target 1.
    let at = cell_at(&p, 0.3);
    p.targets.as_mut().unwrap()[0] = [at, at + 2];
    let f = failures(&p);
    assert!(f.contains("leaves target 1"), "{f}");
}

#[test]
fn a_target_above_one_plus_one_over_k_is_rejected() {
    let mut p = committed_piece();
    // A slab reaching p = 2 with target 1 moved to its top cell [1.95, 2]: there g(√p) < 0
    // and a period-2 point of F need not be one of g.
    p.cuts.extend(["1.95".to_string(), "2".to_string()]);
    let top = p.cuts.len() as u32 - 1;
    p.targets.as_mut().unwrap()[1] = [top - 1, top];
    let f = failures(&p);
    assert!(f.contains("below p = 1 + 1/K"), "{f}");
}

#[test]
fn a_dcap_below_the_root_of_omega_is_rejected() {
    let mut p = committed_piece();
    p.dcap = "0.001".into();
    assert!(failures(&p).contains("dcap"), "{}", failures(&p));
}

#[test]
fn k_pieces_short_of_the_range_are_rejected() {
    let mut all = pieces(&committed());
    all.remove(10);
    let f = attract::prove(&all, &k_domain("201/200", "sqrt(9/2)-1")).join("\n");
    assert!(f.contains("coverage of K"), "{f}");
}

#[test]
fn a_slab_short_of_the_region_is_rejected() {
    let mut c = committed();
    let ob = proof_of_mut(&mut c, "P3.orbit-global/slab-graph");
    let Proof::Attract { pieces } = ob else {
        panic!()
    };
    pieces[3].cuts.last_mut().unwrap().replace_range(.., "1.5");
    let proof = ob.clone();
    let f = attract::region_link(&c, "P3.orbit-global/region", &proof).join("\n");
    assert!(f.contains("piece 3"), "{f}");
    let untouched = pieces_proof(&committed());
    assert!(attract::region_link(&committed(), "P3.orbit-global/region", &untouched).is_empty());
}

fn pieces_proof(c: &cert::Certificate) -> Proof {
    Proof::Attract { pieces: pieces(c) }
}

fn region_row(k: (&str, &str)) -> RegionRow {
    let c = committed();
    let Proof::Region { rows } = proof_of(&c, "P3.orbit-global/region") else {
        panic!()
    };
    rows.iter()
        .find(|r| r.k == [k.0.to_string(), k.1.to_string()])
        .expect("row")
        .clone()
}

#[test]
fn region_rows_with_lambda_one_or_a_wide_strip_are_rejected() {
    let rule = orbit_region_rule();
    let good = region_row(("1.08", "1.1"));
    assert!(region::prove_row(&rule, &good).is_empty());
    let mut flat = good.clone();
    flat.constants.insert("lambda".into(), "1".into());
    assert!(region::prove_row(&rule, &flat)
        .join("\n")
        .contains("lambda > 1"));
    let mut wide = good;
    wide.constants.insert("s".into(), "0.2".into());
    assert!(!region::prove_row(&rule, &wide).is_empty());
}

/// The committed piece of P3.orbit-near (K ∈ [1, 201/200]).
fn near_piece() -> AttractPiece {
    let c = committed();
    let Proof::Attract { pieces } = proof_of(&c, "P3.orbit-near/slab-graph") else {
        panic!("not an attract proof")
    };
    assert_eq!(pieces.len(), 1);
    pieces[0].clone()
}

#[test]
fn the_near_piece_is_proved_down_to_k_one() {
    let p = near_piece();
    assert_eq!(p.k, ["1".to_string(), "1.005".to_string()]);
    let a = analyse(&p);
    assert!(a.proved(), "{:?} {:?} {:?}", a.general, a.cells, a.cycles);
    assert!(failures(&p).is_empty());
    let n = p.near.unwrap();
    let (lo, hi) = (
        parse(&p.cuts[n[0] as usize]).unwrap().to_f64(),
        parse(&p.cuts[n[1] as usize]).unwrap().to_f64(),
    );
    assert!(lo < 1.0 && 1.0 < hi, "N = [{lo}, {hi}]");
}

#[test]
fn a_near_range_too_narrow_to_hold_the_orbit_is_rejected() {
    let mut p = near_piece();
    // N = [0.99, 1.01]: at K = 1.005 the orbit's products are about 1 ± 0.07.
    p.cuts.extend(["0.99".into(), "1.01".into()]);
    p.cuts
        .sort_by(|a, b| parse(a).unwrap().cmp(&parse(b).unwrap()));
    p.cuts.dedup();
    p.near = Some([cell_at(&p, 0.99), cell_at(&p, 1.01)]);
    let f = failures(&p);
    assert!(f.contains("may not hold the orbit"), "{f}");
}

#[test]
fn a_near_range_not_mapped_into_itself_is_rejected() {
    let mut p = near_piece();
    // N = [0.9, 1.2]: F(1.2) ≈ 0.76 lies below it.
    p.near = Some([cell_at(&p, 0.9), p.near.unwrap()[1]]);
    let f = failures(&p);
    assert!(f.contains("leaves the near range"), "{f}");
}

#[test]
fn a_near_range_where_f_does_not_decrease_is_rejected() {
    let mut p = near_piece();
    // N from p = 0.5: F increases below p = (1 + K)/(3K) ≈ 2/3.
    p.near = Some([cell_at(&p, 0.5), p.near.unwrap()[1]]);
    let f = failures(&p);
    assert!(f.contains("slope D < 0 is not proved"), "{f}");
}

#[test]
fn coarse_cells_outside_the_near_range_leave_a_cycle() {
    let mut p = near_piece();
    let n = p.near.unwrap();
    let keep: Vec<usize> = (0..p.cuts.len())
        .filter(|&i| {
            (n[0] as usize..=n[1] as usize).contains(&i) || i % 8 == 0 || i + 1 == p.cuts.len()
        })
        .collect();
    let at = |old: u32| keep.iter().position(|&i| i == old as usize).unwrap() as u32;
    p.near = Some([at(n[0]), at(n[1])]);
    p.cuts = keep.iter().map(|&i| p.cuts[i].clone()).collect();
    let f = failures(&p);
    assert!(f.contains("cycle"), "{f}");
}

#[test]
fn a_piece_with_targets_and_a_near_range_is_malformed() {
    let mut p = near_piece();
    p.strip = committed_piece().strip;
    p.targets = committed_piece().targets;
    let f = failures(&p);
    assert!(f.contains("either strip and targets, or near"), "{f}");
}

#[test]
fn the_near_strip_is_false_beyond_width_k_minus_one() {
    use twostep::arith::exact::QI;
    use twostep::arith::Field;
    use twostep::check::spec::theorem3::near_strip_h;
    // On |w| ≤ 1, −h > 0 (the obligation); at w = −2 (|p − 1| = 2(K − 1)) and K = 1, h > 0:
    // m ≤ −1 − (K − 1)/2 is not implied there.
    let h = |k: &str, w: &str| {
        near_strip_h(&QI::point(parse(k).unwrap()), &QI::point(parse(w).unwrap()))
    };
    assert!(h("1", "-1").hi().unwrap() < &parse("0").unwrap());
    assert!(h("1", "-2").lo().unwrap() > &parse("0").unwrap());
    // And the exact m there is above −1 − (K − 1)/2: K = 1.005, p = 1 − 2(K − 1), d = 0.
    let k = QI::point(parse("1.005").unwrap());
    let p = QI::point(parse("0.99").unwrap());
    let m = twostep::models::product::m_factor(&k, &p, &QI::int(0));
    assert!(
        m.lo().unwrap() > &parse("-1.0025").unwrap(),
        "m = {:?}",
        m.lo()
    );
}
