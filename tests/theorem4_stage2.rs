//! Stage 2 of Theorem 4 (T4.stage2): wrong generations, wrong split codes, uncovered K and a
//! basin row that does not contain stage 2's B are rejected. (The committed proof itself is
//! re-proved by `committed_certificates_are_proved`.)

mod common;
use common::{k_domain, proof_of, proof_of_mut};
use twostep::arith::q::parse;
use twostep::cert::{self, Proof, ReachPiece};
use twostep::check::reach;
use twostep::check::spec::theorem4_stage2::STEPS;
use twostep::claims::theorem4_stage2::GRID;

fn committed() -> cert::Certificate {
    common::parsed("theorem4.json")
}

/// A piece on K ∈ [1.08, 1.1] with the committed grid, the given generations and split codes.
fn piece(generations: Vec<Vec<[u32; 4]>>, entry: &str, start: &str) -> ReachPiece {
    ReachPiece {
        k: ["1.08".into(), "1.1".into()],
        origin: GRID.0.map(String::from),
        size: GRID.1.map(String::from),
        count: GRID.2,
        entry_splits: entry.into(),
        start_splits: start.into(),
        generations,
    }
}

/// The cell (300, 50, 0): v ∈ [1.5, 1.505], w_x ∈ [0.3, 0.305], w_y ∈ [0, 0.01], far
/// outside B (v w_x ≈ 0.45 but v² − w_x² ≈ 2.2), as a run.
const OUTSIDE: [u32; 4] = [300, 0, 50, 50];

/// The committed stage-2 piece on K ∈ [1.08, 1.1].
fn committed_piece() -> ReachPiece {
    let c = committed();
    let Proof::Reach { pieces } = proof_of(&c, "T4.stage2/reach") else {
        panic!("not a reach proof")
    };
    pieces
        .iter()
        .find(|p| p.k == ["1.08".to_string(), "1.1".to_string()])
        .expect("piece [1.08, 1.1]")
        .clone()
}

/// The first failing generation cell of `generations` on K ∈ [1.08, 1.1].
fn generation_failure(generations: Vec<Vec<[u32; 4]>>) -> Option<String> {
    let k = (parse("1.08").unwrap(), parse("1.1").unwrap());
    reach::Piece::new(STEPS, &piece(generations, "L", "L"), &k)
        .unwrap()
        .generation_failure()
}

#[test]
fn generations_through_b_are_proved() {
    // The cell holding (1, 1, 0), a fixed point, lies in B: one cell, in every generation.
    let fixed = [200, 0, 190, 190];
    assert_eq!(generation_failure(vec![vec![fixed]; STEPS + 1]), None);
}

#[test]
fn a_last_generation_outside_b_is_rejected() {
    let mut gens = vec![vec![]; STEPS + 1];
    gens[STEPS].push(OUTSIDE);
    let f = generation_failure(gens).expect("rejected");
    assert!(
        f.contains("generation 4, cell (300, 50, 0): not in B"),
        "{f}"
    );
}

#[test]
fn an_image_leaving_the_next_generation_is_rejected() {
    let mut gens = vec![vec![]; STEPS + 1];
    gens[0].push(OUTSIDE);
    let f = generation_failure(gens).expect("rejected");
    assert!(
        f.contains("cell (300, 50, 0): its image leaves generation 1"),
        "{f}"
    );
}

#[test]
fn an_empty_generation_zero_is_rejected() {
    // Without generation 0, the first states past 1/(2π) have nowhere to land.
    let mut p = committed_piece();
    p.generations[0].clear();
    let failures = reach::prove(STEPS, &[p], &k_domain("1.08", "1.1"));
    assert!(
        failures
            .iter()
            .any(|f| f.contains("neither in B nor inside generation 0")),
        "{failures:?}"
    );
}

#[test]
fn one_undivided_entry_box_is_rejected() {
    // R's whole box as one cell: its image is far too wide to land anywhere.
    let p = piece(vec![vec![]; STEPS + 1], "L", "L");
    let failures = reach::prove(STEPS, &[p], &k_domain("1.08", "1.1"));
    assert!(
        failures
            .iter()
            .any(|f| f.contains("entry cell K ∈ [1.08, 1.1], a ∈ [0.6, 1.1]")),
        "{failures:?}"
    );
}

#[test]
fn malformed_proofs_are_rejected() {
    let d = k_domain("1.08", "1.1");
    let short = piece(vec![vec![]; STEPS], "L", "L");
    let f = reach::prove(STEPS, &[short], &d);
    assert!(
        f.iter()
            .any(|f| f.contains("4 generations, the statement needs 5")),
        "{f:?}"
    );
    let cut = piece(vec![vec![]; STEPS + 1], "1L", "L");
    let f = reach::prove(STEPS, &[cut], &d);
    assert!(
        f.iter()
            .any(|f| f.contains("entry cells: the split code ends")),
        "{f:?}"
    );
    let mut w = piece(vec![vec![]; STEPS + 1], "L", "L");
    w.origin[1] = "0".into();
    let f = reach::prove(STEPS, &[w], &d);
    assert!(f.iter().any(|f| f.contains("w_x > 0")), "{f:?}");
}

#[test]
fn pieces_short_of_the_k_range_are_rejected() {
    let p = committed_piece();
    let f = reach::prove(STEPS, &[p], &k_domain("1", "1.1"));
    assert!(f.iter().any(|f| f.contains("coverage of K")), "{f:?}");
}

#[test]
fn a_basin_row_not_containing_stage_2s_basin_is_rejected() {
    let mut c = committed();
    assert!(reach::basin_link(&c).is_empty());
    let Proof::Region { rows } = proof_of_mut(&mut c, "T4.basin/region") else {
        panic!("not a region proof")
    };
    rows[0].constants.insert("c".into(), "1/2".into());
    let f = reach::basin_link(&c);
    assert!(
        f.iter()
            .any(|f| f.contains("c = 0.5") && f.contains("does not contain")),
        "{f:?}"
    );
}
