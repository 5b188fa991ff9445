//! Theorem 4 basin: the committed certificate's table (snapshot), one K piece re-proved
//! directly, and tampered certificates rejected.

mod common;
use common::k_domain;
use twostep::cert::{self, BasinPiece, Proof};
use twostep::check::{self, basin, spec::theorem4::RATE};

const CERT: &str = "certificates/theorem4.json";

fn committed() -> (cert::Certificate, String) {
    let text = std::fs::read_to_string(CERT).expect("committed certificate");
    let (c, _) = cert::parse(&text).expect("parses");
    (c, text)
}

fn pieces(c: &cert::Certificate) -> Vec<BasinPiece> {
    c.obligations
        .iter()
        .find_map(|o| match &o.proof {
            Proof::Basin { pieces } => Some(pieces.clone()),
            _ => None,
        })
        .expect("a basin proof")
}

fn last_piece() -> BasinPiece {
    let (c, _) = committed();
    pieces(&c)
        .into_iter()
        .find(|p| p.k == ["1.075".to_string(), "1.1".to_string()])
        .expect("piece [1.075, 1.1]")
}

#[test]
fn step_table_snapshot() {
    let (c, _) = committed();
    let t = twostep::neuron::basin_table::theorem4(&c).unwrap();
    insta::assert_snapshot!("theorem4_table", t);
}

#[test]
fn one_piece_is_reproved() {
    let p = last_piece();
    let failures = basin::prove(RATE, "0.1", &[p], &k_domain("1.075", "1.1"));
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn a_shifted_grid_is_rejected() {
    let mut p = last_piece();
    p.origin[0] = "0.61".into();
    let failures = basin::prove(RATE, "0.1", &[p], &k_domain("1.075", "1.1"));
    assert!(!failures.is_empty());
}

#[test]
fn a_wider_k_piece_is_rejected() {
    let mut p = last_piece();
    p.k[1] = "1.2".into();
    let failures = basin::prove(RATE, "0.1", &[p], &k_domain("1.075", "1.2"));
    assert!(!failures.is_empty());
}

#[test]
fn a_basin_without_the_orbit_is_rejected() {
    let mut p = last_piece();
    // Drop every run of the bottom layer (w_y ∈ [0, 0.025]), which holds the orbit.
    p.runs.retain(|r| r[1] != 0);
    let failures = basin::prove(RATE, "0.1", &[p], &k_domain("1.075", "1.1"));
    assert!(failures.iter().any(|f| f.contains("orbit")), "{failures:?}");
}

#[test]
fn a_basin_reaching_above_the_bound_is_rejected() {
    let mut p = last_piece();
    p.size[2] = "0.03".into();
    let failures = basin::prove(RATE, "0.1", &[p], &k_domain("1.075", "1.1"));
    assert!(failures.iter().any(|f| f.contains("above")), "{failures:?}");
}

#[test]
fn a_certificate_claiming_the_paper_range_is_rejected() {
    // Widening the claimed K range to the paper's (1, 1.1] fails: wider than the checker's
    // domain, and the K pieces do not cover it.
    let (c, text) = committed();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Only the grid basin matters here; the other obligations are dropped (reported as
    // missing) so that the check does not spend minutes re-proving them.
    v["obligations"]
        .as_array_mut()
        .unwrap()
        .retain(|o| o["claim"] == "T4.grid-basin");
    let claims = v["claims"].as_array_mut().unwrap();
    let basin = claims
        .iter_mut()
        .find(|c| c["id"] == "T4.grid-basin")
        .unwrap();
    basin["domain"]["K"]["lo"] = "1".into();
    basin["domain"]["K"]["lo_closed"] = false.into();
    let tampered = cert::rehash(&v.to_string()).unwrap();
    let r = check::verify_text("tampered", &tampered);
    assert_eq!(r.exit_code(), 1);
    let lines = r.lines().join("\n");
    assert!(
        lines.contains("wider than the domain") && lines.contains("coverage of K"),
        "{lines}"
    );
    assert_eq!(c.family, "theorem4");
}

/// Re-proves the identity obligations of `claims` with the symbolic engine and checks that
/// each plus `wrong(vars)` is refused; returns how many there were.
fn identities_hold_and_perturbed_fail(
    claims: &[&str],
    wrong: fn(&[twostep::arith::sym::Sym]) -> twostep::arith::sym::Sym,
) -> usize {
    use twostep::arith::sym::Session;
    use twostep::check::spec::{family, Rule};
    let spec = family("theorem4").unwrap();
    let mut seen = 0;
    for o in spec
        .obligations
        .iter()
        .filter(|o| claims.contains(&o.claim))
    {
        if let Rule::Identity { vars, expr } = &o.rule {
            let s = Session::new();
            let v: Vec<_> = vars.iter().map(|(name, nz)| s.var(name, *nz)).collect();
            assert_eq!(s.is_zero(&expr(&v)), Ok(true), "{}", o.id);
            assert_eq!(s.is_zero(&(expr(&v) + wrong(&v))), Ok(false), "{}", o.id);
            seen += 1;
        }
    }
    seen
}

#[test]
fn threshold_identities_are_proved_and_a_false_one_is_not() {
    // The same expression plus w_y/π (a dropped term) is not an identity.
    let seen =
        identities_hold_and_perturbed_fail(&["T4.threshold"], |v| v[3].clone() / v[4].clone());
    assert_eq!(seen, 3);
}

#[test]
fn basin_split_identities_are_proved_and_a_false_one_is_not() {
    // The same expression plus a stray product of the first two variables is not one.
    let seen = identities_hold_and_perturbed_fail(&["T4.basin", "T4.stage1"], |v| {
        v[0].clone() * v[1].clone()
    });
    assert_eq!(seen, 8);
}
