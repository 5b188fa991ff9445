//! The IEEE 1788 test vectors (ITF1788) against the checker's own enclosures of
//! sqrt, sin, cos, atan2 and the four operations (`arith::exact::QI`).
//!
//! Each vector `op X = [c, d]` gives the tightest binary64 enclosure of the range.
//! A sound engine's result, rounded outward to binary64, must contain `[c, d]`; ours
//! works at 256 bits, so it must also lie within `[c, d]` widened by a relative 1e-12
//! (tightness check).
//! Vectors with empty, unbounded or decorated intervals are outside what `QI` represents
//! and are skipped; the test counts what it ran so a parsing slip cannot empty it.

use rug::{Integer, Rational};
use twostep::arith::exact::QI;
use twostep::arith::{Real, Sqrt};

const ELEM: &str = include_str!("data/itf1788/libieeep1788_tests_elem.itl");
const ATAN2: &str = include_str!("data/itf1788/atan2.itl");

fn number(s: &str) -> Option<Rational> {
    let s = s.trim();
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let lower = body.to_ascii_lowercase();
    let v = if let Some(hex) = lower.strip_prefix("0x") {
        let (mant, exp) = hex.split_once('p')?;
        let exp: i32 = exp.parse().ok()?;
        let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
        let digits = format!("{ip}{fp}");
        let m = Integer::from_str_radix(&digits, 16).ok()?;
        let shift = exp - 4 * fp.len() as i32;
        let mut q = Rational::from(m);
        if shift >= 0 {
            q <<= shift as u32;
        } else {
            q >>= (-shift) as u32;
        }
        q
    } else {
        if lower.contains("inf") {
            return None;
        }
        // Decimal literals in the vectors denote the nearest binary64 number.
        let f: f64 = lower.parse().ok()?;
        Rational::from_f64(f)?
    };
    Some(if neg { -v } else { v })
}

fn interval(s: &str) -> Option<(Rational, Rational)> {
    let s = s.trim();
    if s.contains('_') || s.contains("empty") || s.contains("entire") {
        return None;
    }
    let inner = s.strip_prefix('[')?.strip_suffix(']')?;
    let (a, b) = inner.split_once(',')?;
    Some((number(a)?, number(b)?))
}

/// (op, arguments, expected) for the ops we implement.
fn vectors() -> Vec<(String, Vec<(Rational, Rational)>, (Rational, Rational))> {
    let mut out = Vec::new();
    for line in ELEM.lines().chain(ATAN2.lines()) {
        let line = line.trim();
        let Some(line) = line.strip_suffix(';') else {
            continue;
        };
        let Some((lhs, rhs)) = line.split_once(" = ") else {
            continue;
        };
        let Some((op, args)) = lhs.split_once(' ') else {
            continue;
        };
        if !matches!(
            op,
            "sqrt" | "sin" | "cos" | "atan" | "atan2" | "add" | "sub" | "mul" | "div"
        ) {
            continue;
        }
        let parts: Vec<&str> = args
            .split(']')
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.trim())
            .collect();
        let parsed: Option<Vec<_>> = parts.iter().map(|p| interval(&format!("{p}]"))).collect();
        let (Some(parsed), Some(expected)) = (parsed, interval(rhs)) else {
            continue;
        };
        out.push((op.to_string(), parsed, expected));
    }
    out
}

fn qi((a, b): &(Rational, Rational)) -> QI {
    QI::new(a.clone(), b.clone())
}

fn compute(op: &str, args: &[(Rational, Rational)]) -> QI {
    match op {
        "sqrt" => qi(&args[0]).sqrt(),
        "sin" => qi(&args[0]).sin(),
        "cos" => qi(&args[0]).cos(),
        "atan2" => qi(&args[0]).atan2(&qi(&args[1])),
        // QI has no atan of its own: atan(x) = atan2(x, 1).
        "atan" => qi(&args[0]).atan2(&QI::new(Rational::from(1), Rational::from(1))),
        "add" => qi(&args[0]) + qi(&args[1]),
        "sub" => qi(&args[0]) - qi(&args[1]),
        "mul" => qi(&args[0]) * qi(&args[1]),
        "div" => qi(&args[0]) / qi(&args[1]),
        _ => unreachable!(),
    }
}

/// Judges one result against one vector.
fn judge(
    op: &str,
    args: &[(Rational, Rational)],
    (c, d): &(Rational, Rational),
    r: &QI,
) -> Result<(), String> {
    match r {
        QI::Bounded(lo, hi) => {
            // Our endpoints, rounded outward to binary64, must contain the tightest
            // binary64 enclosure: a lower end above the true minimum would round to
            // something above c.
            let lo = Rational::from_f64(twostep::arith::interval::f64_down(lo)).unwrap();
            let hi = Rational::from_f64(twostep::arith::interval::f64_up(hi)).unwrap();
            if !(lo <= *c && hi >= *d) {
                return Err(format!(
                    "{op} {args:?}: [{lo}, {hi}] does not contain [{c}, {d}]"
                ));
            }
            // atan2 over a box holding the origin or crossing the branch cut is
            // documented to give [−π, π]: sound, not tight.
            let loose_atan2 = op == "atan2" && {
                let ((yl, yh), (xl, xh)) = (&args[0], &args[1]);
                (*yl <= 0 && *yh >= 0 && *xl <= 0 && *xh >= 0) || (*xl < 0 && *yl < 0 && *yh >= 0)
            };
            let scale = Rational::from(1) + c.clone().abs().max(d.clone().abs());
            let slack = scale * Rational::from((1, 1_000_000_000_000i64));
            if !loose_atan2 && !(lo >= c.clone() - &slack && hi <= d.clone() + &slack) {
                return Err(format!(
                    "{op} {args:?}: [{lo}, {hi}] much wider than [{c}, {d}]"
                ));
            }
            Ok(())
        }
        // The whole line is sound but proves nothing; allowed only where the engine
        // documents it (argument outside the domain, division by an interval holding 0),
        // never for sin, cos or the ring operations.
        QI::Entire if matches!(op, "sqrt" | "div") => Ok(()),
        QI::Entire => Err(format!("{op} {args:?} gave the whole line")),
    }
}

#[test]
fn enclosures_contain_the_tightest_binary64_result() {
    let vs = vectors();
    let mut counts = std::collections::BTreeMap::new();
    for (op, args, expected) in &vs {
        let r = compute(op, args);
        if let Err(e) = judge(op, args, expected, &r) {
            panic!("{e}");
        }
        *counts.entry(op.clone()).or_insert(0) += 1;
    }
    for op in ["sqrt", "sin", "cos", "atan2", "add", "mul", "div"] {
        assert!(
            counts.get(op).copied().unwrap_or(0) >= 5,
            "too few {op} vectors parsed: {counts:?}"
        );
    }
}

#[test]
fn a_shifted_or_widened_enclosure_is_rejected() {
    let vs = vectors();
    let (op, args, expected) = vs
        .iter()
        .find(|v| v.0 == "sin" && v.1[0].0 != v.1[0].1)
        .expect("a sin vector");
    let QI::Bounded(lo, hi) = compute(op, args) else {
        panic!("bounded")
    };
    let tiny = Rational::from((1, 1_000_000));
    let shifted = QI::Bounded(lo.clone() + &tiny, hi.clone() + &tiny);
    assert!(
        judge(op, args, expected, &shifted).is_err(),
        "a shifted enclosure passed"
    );
    let wide = QI::Bounded(lo - &tiny, hi + &tiny);
    assert!(
        judge(op, args, expected, &wide).is_err(),
        "a needlessly wide enclosure passed"
    );
}

fn inari(x: &(Rational, Rational)) -> inari::Interval {
    twostep::arith::interval::enclose(&x.0, &x.1)
}

#[test]
fn fast_atan_and_atan2_contain_the_tightest_binary64_result() {
    use twostep::arith::fast;
    let mut n = 0;
    for (op, args, expected) in vectors().iter().filter(|v| v.0 == "atan" || v.0 == "atan2") {
        let r = if op == "atan" {
            fast::atan(inari(&args[0]))
        } else {
            fast::atan2(inari(&args[0]), inari(&args[1]))
        };
        let as_qi = QI::new(
            Rational::from_f64(r.inf()).unwrap(),
            Rational::from_f64(r.sup()).unwrap(),
        );
        if let Err(e) = judge(op, args, expected, &as_qi) {
            panic!("fast {e}");
        }
        n += 1;
    }
    assert!(n >= 20, "only {n} atan/atan2 vectors");
}

fn fiv(x: &(Rational, Rational)) -> twostep::arith::fiv::Fiv {
    // The vectors' endpoints are binary64 numbers, so this is exact.
    twostep::arith::fiv::Fiv::new(x.0.to_f64(), x.1.to_f64())
}

#[test]
fn fiv_gives_exactly_the_tightest_binary64_result() {
    use twostep::arith::fiv::Fiv;
    use twostep::arith::{fast, Sqrt};
    let mut n = 0;
    for (op, args, (c, d)) in &vectors() {
        let r: Fiv = match op.as_str() {
            "add" => fiv(&args[0]) + fiv(&args[1]),
            "sub" => fiv(&args[0]) - fiv(&args[1]),
            "mul" => fiv(&args[0]) * fiv(&args[1]),
            "div" => fiv(&args[0]) / fiv(&args[1]),
            "sqrt" => fiv(&args[0]).sqrt(),
            "atan" => fast::atan(fiv(&args[0])),
            "atan2" => fast::atan2(fiv(&args[0]), fiv(&args[1])),
            _ => continue,
        };
        if r.is_unbounded() {
            assert!(
                matches!(op.as_str(), "div" | "sqrt"),
                "{op} {args:?} gave the whole line"
            );
            continue;
        }
        let (lo, hi) = (
            Rational::from_f64(r.inf()).unwrap(),
            Rational::from_f64(r.sup()).unwrap(),
        );
        if matches!(op.as_str(), "atan" | "atan2") {
            if let Err(e) = judge(op, args, &(c.clone(), d.clone()), &QI::new(lo, hi)) {
                panic!("Fiv {e}");
            }
        } else {
            assert!(
                lo == *c && hi == *d,
                "Fiv {op} {args:?} = [{}, {}], tightest is [{}, {}]",
                r.inf(),
                r.sup(),
                c.to_f64(),
                d.to_f64()
            );
        }
        n += 1;
    }
    assert!(n >= 60, "only {n} vectors for Fiv");
}
