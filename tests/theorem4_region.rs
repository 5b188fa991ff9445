//! Theorem 4's region basin (T4.basin on K ∈ (1, 1.1]): the committed rows are re-proved,
//! tampered rows are rejected, and a region that is really not invariant (shown by an
//! exact witness) is rejected by the checker.

mod common;
use twostep::arith::exact::QI;
use twostep::arith::q::{parse, Q};
use twostep::arith::{Field, Sqrt};
use twostep::cert::{self, Proof, RegionRow};
use twostep::check::spec::theorem4_region::region_rule;
use twostep::check::spec::RegionRule;
use twostep::check::{region, Domain};
use twostep::models::neuron::{step, State};

/// The rows of the committed region obligation `id`.
fn rows_of(id: &str) -> Vec<RegionRow> {
    let c = common::parsed("theorem4.json");
    let Proof::Region { rows } = common::proof_of(&c, id) else {
        panic!("a region proof for {id}")
    };
    rows.clone()
}

fn rows() -> Vec<RegionRow> {
    rows_of("T4.basin/region")
}

fn paper_range() -> Domain {
    vec![(
        "K".into(),
        cert::Endpoint::parse("1").unwrap(),
        false,
        cert::Endpoint::parse("1.1").unwrap(),
        true,
    )]
}

fn with_constant(name: &str, value: &str) -> Vec<RegionRow> {
    let mut r = rows();
    r[0].constants.insert(name.into(), value.into());
    r
}

#[test]
fn the_committed_rows_are_reproved_on_the_paper_range() {
    let failures = region::prove(&region_rule(), &rows(), &paper_range());
    assert!(failures.is_empty(), "{failures:?}");
}

/// `rows` with the first row starting at `lo` instead of 1 fail the K cover of the paper's range.
fn short_of_k_near_one_is_rejected(rule: &RegionRule, mut rows: Vec<RegionRow>, lo: &str) {
    rows[0].k[0] = lo.into();
    let failures = region::prove(rule, &rows, &paper_range());
    assert!(
        failures.iter().any(|f| f.contains("K rows")),
        "{failures:?}"
    );
}

#[test]
fn a_row_short_of_k_near_one_is_rejected() {
    short_of_k_near_one_is_rejected(&region_rule(), rows(), "1.01");
}

#[test]
fn rmax_above_the_theorem_bound_is_rejected() {
    let failures = region::prove(
        &region_rule(),
        &with_constant("rmax", "0.2"),
        &paper_range(),
    );
    assert!(failures.iter().any(|f| f.contains("rmax")), "{failures:?}");
}

#[test]
fn a_ceiling_below_the_orbit_is_rejected() {
    // With P = 6/5 the region is not invariant: at K = 1.1, p = 0.6, w_y = 0, Δ = 0 the
    // product step gives p⁺ = 0.6 (1 + 0.44)² = 1.244… > 6/5.
    let k = parse("11/10").unwrap();
    let p = parse("3/5").unwrap();
    let e = Q::from(&p - 1u32);
    let p1 = Q::from(&p * &Q::from(1u32 - Q::from(&k * &e)).square());
    assert!(p1 > parse("6/5").unwrap());
    let failures = region::prove(&region_rule(), &with_constant("P", "6/5"), &paper_range());
    assert!(!failures.is_empty());
}

#[test]
fn a_weak_weight_on_w_y_is_rejected_and_really_fails() {
    // With M = 1 the set is not invariant: at K = 11/10, v w_x = 1, w_y = rmax and
    // v² − w_x² = −(c − M rmax²) + 10⁻⁶, the exact engine shows |d⁺| + M w_y⁺² > c.
    let (c, m, rmax) = (parse("1/2").unwrap(), Q::from(1), parse("12/125").unwrap());
    let k = QI::point(parse("11/10").unwrap());
    let d =
        QI::point(-(c.clone() - m.clone() * rmax.clone().square()) + parse("1/1000000").unwrap());
    let s = (d.sqr() + QI::int(4)).sqrt();
    let v = ((s.clone() + d.clone()) / QI::int(2)).sqrt();
    let wx = ((s - d) / QI::int(2)).sqrt();
    let next = step(&k, &State::new(v, wx, QI::point(rmax)));
    let d1 = next.v.sqr() - next.wx.sqr();
    let big_v = d1.abs() + QI::point(m) * next.wy.sqr();
    assert!(
        big_v.lo().expect("bounded") > &c,
        "not a witness: {big_v:?}"
    );
    let failures = region::prove(&region_rule(), &with_constant("M", "1"), &paper_range());
    assert!(
        failures.iter().any(|f| f.contains("M(1 − ρ²) − F")),
        "{failures:?}"
    );
}

#[test]
fn stage1_start_with_a_coarser_split_is_rejected() {
    use twostep::check::spec::theorem4_stage1::start_rule;
    let mut r = rows_of("T4.stage1/start");
    // One cell for the whole start box: the conditions cannot be shown on it.
    r[0].splits = "L".into();
    let failures = region::prove(&start_rule(), &r, &paper_range());
    assert!(!failures.is_empty());
}

#[test]
fn stage1_invariant_short_of_k_near_one_is_rejected() {
    use twostep::check::spec::theorem4_stage1::invariant_rule;
    short_of_k_near_one_is_rejected(&invariant_rule(), rows_of("T4.stage1/invariant"), "1.05");
}

#[test]
fn growth_from_the_start_is_false_so_stage1_counts_from_t_2() {
    // At α₀ = π/2 (w_x = 0) v w_x is 0 at t = 0: no growth factor holds from t = 0, which
    // is why the invariant rule starts at t = 2. At α₀ = 3/2, σ₀ = 1/100, K = 1.1, the exact
    // engine shows v₁ w_x1 / (v₀ w_x0) > 10 while v₂ w_x2 / (v₁ w_x1) < 10.
    use twostep::check::spec::theorem4_stage1::two_steps;
    let k = QI::point(parse("11/10").unwrap());
    let th = QI::point(parse("3/2").unwrap());
    let s = QI::point(parse("1/100").unwrap());
    let (x1, x2) = two_steps(&k, &th, &s);
    use twostep::arith::Real;
    let p0 = th.cos();
    let p1 = x1.u.clone() * x1.mx.clone();
    let p2 = x2.u * x2.mx;
    assert!((p1.clone() - QI::int(10) * p0).lo().unwrap() > &Q::new());
    assert!((QI::int(10) * p1 - p2).lo().unwrap() > &Q::new());
}
