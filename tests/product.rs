//! The 2-D product families (lemma2, theorem3): identities, tampering, queries, tables and
//! the map's enclosures.

mod common;

use proptest::prelude::*;
use std::path::Path;
use std::process::Command;
use twostep::arith::exact::QI;
use twostep::arith::interval::enclose;
use twostep::arith::q::{from_f64, parse, Q};
use twostep::cert::{self, Certificate, Proof};
use twostep::check::{region, rules, spec};
use twostep::models::product;

fn load(name: &str) -> Certificate {
    cert::read(Path::new(&format!("certificates/{name}.json")))
        .expect("committed certificate")
        .0
}

fn region_rows(c: &Certificate, id: &str) -> Vec<cert::RegionRow> {
    match &c.obligations.iter().find(|o| o.id == id).unwrap().proof {
        Proof::Region { rows } => rows.clone(),
        _ => panic!("{id} is not a region proof"),
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_twostep"))
}

#[test]
fn identities_of_both_families_are_proved_and_a_false_one_is_not() {
    let empty: twostep::check::Domain = Vec::new();
    for fam in [spec::lemma2::spec(), spec::theorem3::spec()] {
        for os in fam
            .obligations
            .iter()
            .filter(|o| matches!(o.rule, spec::Rule::Identity { .. }))
        {
            let f = rules::prove(os, &Proof::Identity { variables: vec![] }, &empty);
            assert!(f.is_empty(), "{}: {f:?}", os.id);
        }
    }
    // (52) without its second term is rejected.
    let wrong = spec::ObligationSpec {
        id: "wrong",
        claim: "L2.positive",
        statement: "x'y' = xy(1 − K(xy − 1))²",
        rule: spec::Rule::Identity {
            vars: &[("K", true), ("x", false), ("y", false)],
            expr: |v| {
                use twostep::arith::Field;
                let (a, b) = product::step(&v[0], &v[1], &v[2]);
                let p = v[1].clone() * v[2].clone();
                a * b - p.clone() * (spec::n(1) - v[0].clone() * (p - spec::n(1))).sqr()
            },
        },
    };
    assert!(!rules::prove(&wrong, &Proof::Identity { variables: vec![] }, &empty).is_empty());
}

#[test]
fn first_rows_check_and_tampered_rows_are_rejected() {
    let rule = spec::lemma2::region_rule();
    let rows = region_rows(&load("lemma2"), "L2.positive/region");
    assert!(region::prove_row(&rule, &rows[0]).is_empty());
    // A larger region (c = 4, dcap = 2): positivity fails there, the cells cannot prove it.
    let mut big = rows[0].clone();
    big.constants.insert("c".into(), "4".into());
    big.constants.insert("dcap".into(), "2".into());
    assert!(!region::prove_row(&rule, &big).is_empty());
    // dcap below √c is refused before any cell is looked at.
    let mut short = rows[0].clone();
    short.constants.insert("dcap".into(), "1".into());
    assert!(region::prove_row(&rule, &short)[0].contains("dcap"));
    // A cap P below the largest product reachable from the region.
    let mut low_p = rows[0].clone();
    low_p.constants.insert("P".into(), "1.3".into());
    assert!(!region::prove_row(&rule, &low_p).is_empty());
    // A split code with a cell removed does not describe a tiling.
    let mut cut = rows[0].clone();
    cut.splits.pop();
    assert!(!region::prove_row(&rule, &cut).is_empty());
}

#[test]
fn tampered_balancing_constant_is_rejected() {
    let rule = spec::theorem3::region_rule();
    let rows = region_rows(&load("theorem3"), "T3.balance/region");
    assert!(region::prove_row(&rule, &rows[1]).is_empty());
    let mut r = rows[1].clone();
    r.constants.insert("kappa".into(), "3".into());
    assert!(region::prove_row(&rule, &r)
        .iter()
        .any(|e| e.contains("Z − κ")));
    let mut r = rows[1].clone();
    r.constants.insert("beta".into(), "1.5".into());
    assert!(region::prove_row(&rule, &r)
        .iter()
        .any(|e| e.contains("A·B + 1 − β")));
}

#[test]
fn rows_cover_the_k_domain_and_a_missing_row_is_found() {
    let c = load("lemma2");
    let rows = region_rows(&c, "L2.positive/region");
    let ks: Vec<_> = rows
        .iter()
        .map(|r| (parse(&r.k[0]).unwrap(), parse(&r.k[1]).unwrap()))
        .collect();
    assert_eq!(ks[0].0, Q::from(1));
    assert_eq!(ks.last().unwrap().1, parse(spec::lemma2::K_MAX).unwrap());
    assert!(ks.windows(2).all(|w| w[0].1 == w[1].0));
    // Dropping a middle row leaves a gap the checker names.
    let mut gap = rows.clone();
    gap.remove(3);
    let rule = spec::lemma2::region_rule();
    let mut dom_rows: Vec<cert::RegionRow> = gap.into_iter().take(5).collect();
    for r in &mut dom_rows {
        r.splits = "L".into();
    }
    let domain: twostep::check::Domain = vec![(
        "K".into(),
        cert::Endpoint::parse("1").unwrap(),
        false,
        cert::Endpoint::parse("1.1").unwrap(),
        true,
    )];
    let f = region::prove(&rule, &dom_rows, &domain);
    assert!(f.iter().any(|e| e.contains("not covered")), "{f:?}");
}

#[test]
fn tampered_certificate_is_rejected_after_rehash() {
    let dir = common::tempdir("product-tamper");
    let path = dir.join("lemma2.json");
    let mut c = load("lemma2");
    for o in &mut c.obligations {
        if let Proof::Region { rows } = &mut o.proof {
            rows[5].constants.insert("c".into(), "4".into());
            rows[5].constants.insert("dcap".into(), "2".into());
        }
    }
    std::fs::write(&path, cert::render(&c)).unwrap();
    assert!(bin().arg("rehash").arg(&path).status().unwrap().success());
    let out = bin().arg("check").arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("FAILED L2.positive"), "{text}");
    assert!(!text.contains("FAILED hash"), "{text}");
}

fn query(k: &str, start: &str) -> (Option<i32>, serde_json::Value, String) {
    let out = bin()
        .args(["query", "product", "--k", k, "--start", start])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code(),
        v,
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_start_that_really_turns_negative_is_outside() {
    // x = y = 1.39 at K = 1.1: xy = 1.9321 > 1 + 1/K, so x + y changes sign in one step.
    let k = parse("1.1").unwrap();
    let x = parse("1.39").unwrap();
    let (a, b) = product::step(&QI::point(k), &QI::point(x.clone()), &QI::point(x));
    assert!(a.is_neg() && b.is_neg());
    let (code, v, _) = query("1.1", "x=1.39..1.39,y=1.39..1.39");
    assert_eq!(code, Some(0));
    assert_eq!(v["verdict"], "outside");
    assert_eq!(v["witness"]["x"], "1.39");
    assert!(v["witness_exact_run"].as_str().unwrap().contains("step 1"));
}

#[test]
fn query_inside_unknown_and_bad_input() {
    let (code, v, _) = query("1.1", "x=0.1..0.2,y=0.1..0.2");
    assert_eq!(code, Some(0));
    assert_eq!(v["verdict"], "inside");
    assert_eq!(v["first_xy_above_1"]["earliest"], 3);
    assert_eq!(v["first_xy_above_1"]["latest"], 4);
    // Simulated: from the corners the first xy > 1 is at step 3 (x = y = 0.2) and 4 (0.1).
    for (x, t) in [("0.2", 3), ("0.1", 4)] {
        let kk = QI::point(parse("1.1").unwrap());
        let x = QI::point(parse(x).unwrap());
        let orbit = product::orbit(&kk, &x, &x, 5);
        let first = orbit
            .iter()
            .position(|(a, b)| (a.clone() * b.clone() - QI::point(Q::from(1))).is_pos())
            .unwrap();
        assert_eq!(first, t);
    }
    let (_, v, _) = query("1.6", "x=1..1,y=1..1");
    assert_eq!(v["verdict"], "unknown");
    // Half the box outside: outside, with a corner as witness.
    let (_, v, _) = query("1.1", "x=0.5..3,y=0.5..0.6");
    assert_eq!(v["verdict"], "outside");
    for bad in ["x=1..0,y=1", "x=1,z=1", "x=1", "x=a..1,y=1"] {
        let (code, _, err) = query("1.1", bad);
        assert_eq!(code, Some(2), "{bad}: {err}");
    }
    let out = bin()
        .args(["query", "product", "--k", "1.1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn tables_match_snapshots() {
    insta::assert_snapshot!(
        "lemma2_table",
        twostep::product_table::lemma2(&load("lemma2")).unwrap()
    );
    insta::assert_snapshot!(
        "theorem3_table",
        twostep::product_table::theorem3(&load("theorem3")).unwrap()
    );
}

fn contains(iv: inari::Interval, q: &Q) -> bool {
    from_f64(iv.inf()) <= *q && *q <= from_f64(iv.sup())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn inari_enclosure_of_the_map_contains_the_exact_value(
        k in 1000i64..1500, x in -2000i64..2000, y in -2000i64..2000, w in 0i64..50, t in 0i64..=10,
    ) {
        // A box of width w/1000 around (x, y)/1000, and an exact point inside it.
        let kq = Q::from((k, 1000));
        let (x0, y0) = (Q::from((x, 1000)), Q::from((y, 1000)));
        let (x1, y1) = (Q::from((x + w, 1000)), Q::from((y + w, 1000)));
        let (px, py) = (Q::from((10 * x + t * w, 10000)), Q::from((10 * y + (10 - t) * w, 10000)));
        let (a, b) = product::step(&enclose(&kq, &kq), &enclose(&x0, &x1), &enclose(&y0, &y1));
        let (ea, eb) = product::step(&QI::point(kq.clone()), &QI::point(px.clone()), &QI::point(py.clone()));
        let (QI::Bounded(ea, _), QI::Bounded(eb, _)) = (ea, eb) else { panic!("exact step is bounded") };
        prop_assert!(contains(a, &ea) && contains(b, &eb));
        // The (p, d) form encloses the exact next product and imbalance.
        let (p, d) = (Q::from(&px * &py), Q::from(&px - &py).square());
        let pn = product::p_next(&enclose(&kq, &kq), &enclose(&p, &p), &enclose(&d, &d));
        let (ep, _) = product::step_pd(&QI::point(kq), &QI::point(p), &QI::point(d));
        let QI::Bounded(ep, _) = ep else { panic!() };
        prop_assert!(contains(pn, &ep));
    }
}
