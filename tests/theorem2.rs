//! Theorem 2 from the command line: the root-bound table (snapshot), point queries, and
//! the agreement of the search engine with the exact engine.

mod common;
use common::*;
use inari::Interval;
use proptest::prelude::*;
use twostep::arith::exact::QI;
use twostep::arith::interval::enclose;
use twostep::arith::q::{parse, Q};
use twostep::models::quartic;

#[test]
fn root_bound_table_snapshot() {
    let c = twostep::claims::certify("theorem2").unwrap();
    let table = twostep::table::theorem2(&c).unwrap();
    insta::assert_snapshot!("theorem2_root_bound_table", table);
    let o = twostep(&["table", "theorem2"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), table);
}

fn query(k: &str) -> (i32, String) {
    let o = twostep(&["query", "theorem2", "--k", k]);
    (o.status.code().unwrap(), text(&o))
}

fn bounds(v: &serde_json::Value, key: &str) -> (Q, Q) {
    (
        parse(v[key][0].as_str().unwrap()).unwrap(),
        parse(v[key][1].as_str().unwrap()).unwrap(),
    )
}

#[test]
fn query_gives_tight_enclosures_of_the_closed_forms() {
    for k in ["1.05", "1.1", "11/10", "1.000001", "1.12132"] {
        let (code, out) = query(k);
        assert_eq!(code, 0, "{out}");
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        let kf = parse(k).unwrap().to_f64();
        let expect = [
            (
                "delta1",
                0.5 * ((1.0 + 3.0 / kf).sqrt() - (1.0 - 1.0 / kf).sqrt()),
            ),
            (
                "delta2",
                0.5 * ((1.0 + 3.0 / kf).sqrt() + (1.0 - 1.0 / kf).sqrt()),
            ),
            ("x_m", ((1.0 + kf) / (3.0 * kf)).sqrt()),
            ("multiplier", 7.0 - 4.0 * kf - 2.0 * kf * kf),
        ];
        for (key, f) in expect {
            let (lo, hi) = bounds(&v, key);
            assert!(lo <= hi, "{key}");
            assert!(
                Q::from(&hi - &lo) <= Q::from((1, 1_000_000_000_000i64)),
                "{key} wider than 1e-12"
            );
            assert!(
                (lo.to_f64() - f).abs() < 1e-9,
                "{key} at K = {k}: {} vs {f}",
                lo.to_f64()
            );
        }
    }
    // Paper's values (MATH.md §1): K = 1.05 → (0.87287, 1.09109); K = 1.1 → (0.81455, 1.11606).
    let (_, out) = query("1.1");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(bounds(&v, "delta1")
        .0
        .to_f64()
        .to_string()
        .starts_with("0.81455"));
    assert!(bounds(&v, "delta2")
        .0
        .to_f64()
        .to_string()
        .starts_with("1.11606"));
    let (lo, hi) = bounds(&v, "multiplier");
    assert!(
        lo < Q::from((18, 100)) && hi > Q::from((18, 100)),
        "7 − 4.4 − 2.42 = 0.18"
    );
}

#[test]
fn query_refuses_k_outside_the_range() {
    for k in ["1", "0.5", "1.1214", "6/5", "-1"] {
        let (code, out) = query(k);
        assert_eq!(code, 2, "K = {k}: {out}");
        assert!(out.contains("(1, √4.5 − 1]"), "{out}");
    }
    for k in ["abc", "1e-3", "NaN", "1/0", ""] {
        let (code, out) = query(k);
        assert_eq!(code, 2, "K = {k}: {out}");
    }
}

fn qbox(lo: f64, w: f64) -> (Q, Q) {
    let a = Q::from_f64(lo).unwrap();
    (a.clone(), a + Q::from_f64(w).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The inari enclosures of g, G and G' on a random small box contain the exact value
    /// at a random point of the box.
    #[test]
    fn inari_encloses_exact_values(k0 in 1.0f64..1.5, kw in 0.0f64..1e-3, y0 in 0.0f64..1.6, yw in 0.0f64..1e-2, tk in 0.0f64..=1.0, ty in 0.0f64..=1.0) {
        let (kl, kh) = qbox(k0, kw);
        let (yl, yh) = qbox(y0, yw);
        let kp = kl.clone() + (kh.clone() - &kl) * Q::from_f64(tk).unwrap();
        let yp = yl.clone() + (yh.clone() - &yl) * Q::from_f64(ty).unwrap();
        let (ki, yi): (Interval, Interval) = (enclose(&kl, &kh), enclose(&yl, &yh));
        let (kq, yq) = (QI::point(kp), QI::point(yp));
        let pairs = [
            (quartic::step(&ki, &yi), quartic::step(&kq, &yq)),
            (quartic::two_step(&ki, &yi), quartic::two_step(&kq, &yq)),
            (quartic::dtwo_step(&ki, &yi), quartic::dtwo_step(&kq, &yq)),
        ];
        for (iv, exact) in pairs {
            let QI::Bounded(lo, hi) = exact else { panic!("bounded") };
            prop_assert_eq!(&lo, &hi); // polynomial at a rational point: exact
            let inside = Q::from_f64(iv.inf()).unwrap() <= lo && Q::from_f64(iv.sup()).unwrap() >= hi;
            prop_assert!(inside, "{:?} misses {}", iv, lo.to_f64());
        }
    }
}

#[test]
fn the_enclosure_test_can_fail() {
    // An interval shifted off the exact value is detected by the same comparison.
    let k = QI::point(parse("1.1").unwrap());
    let y = QI::point(parse("0.5").unwrap());
    let QI::Bounded(v, _) = quartic::step(&k, &y) else {
        panic!()
    };
    let shifted = Interval::try_from((v.to_f64() + 1e-9, v.to_f64() + 2e-9)).unwrap();
    assert!(!(Q::from_f64(shifted.inf()).unwrap() <= v));
}
