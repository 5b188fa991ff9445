//! `twostep query product --k K --start "x=a..b,y=c..d"`: is every start of the box inside
//! the certified positivity region of Lemma 2 (`inside`), is some start not (`outside`,
//! with a witness corner, simulated exactly), or can the certificate not tell (`unknown`)?
//! Also: the certified range of the step at which xy > 1 first occurs.

use crate::arith::exact::QI;
use crate::arith::q::{ceil_dec, floor_dec, fmt, parse, Q};
use crate::arith::Field;
use crate::cert::{self, Proof};
use crate::check::{region, rules, spec};
use crate::models::product;
use serde_json::{json, Value};
use std::path::Path;

/// A query failure: the exit status (2 bad input, 1 certificate not proved) and a message.
pub type Failure = (u8, String);

/// Parses `x=a..b,y=c..d` into the x and y ranges.
pub fn parse_start(s: &str) -> Result<[(Q, Q); 2], String> {
    let mut x = None;
    let mut y = None;
    for part in s.split(',') {
        let (name, range) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}`: expected name=lo..hi"))?;
        let (lo, hi) = match range.split_once("..") {
            Some((a, b)) => (parse(a.trim())?, parse(b.trim())?),
            None => {
                let v = parse(range.trim())?;
                (v.clone(), v)
            }
        };
        if lo > hi {
            return Err(format!("`{part}`: empty range"));
        }
        let slot = match name.trim() {
            "x" => &mut x,
            "y" => &mut y,
            other => return Err(format!("unknown variable `{other}` (expected x and y)")),
        };
        if slot.replace((lo, hi)).is_some() {
            return Err(format!("`{}` given twice", name.trim()));
        }
    }
    match (x, y) {
        (Some(x), Some(y)) => Ok([x, y]),
        _ => Err("--start needs both x=lo..hi and y=lo..hi".into()),
    }
}

/// The row of a checked lemma2 certificate whose K interval holds `k`: its constants
/// (c, P, plo) and K interval, after re-proving that row and the map identities.
fn certified_row(k: &Q, path: &Path) -> Result<Option<(Q, Q, Q, [String; 2])>, Failure> {
    let (c, value) = cert::read(path).map_err(|m| (2, format!("{}: {m}", path.display())))?;
    if c.family != "lemma2" {
        return Err((
            2,
            format!("{}: family {}, expected lemma2", path.display(), c.family),
        ));
    }
    if cert::hash_value(&value) != c.hash {
        return Err((
            1,
            format!("{}: the hash does not match the content", path.display()),
        ));
    }
    let fam = spec::lemma2::spec();
    let empty: crate::check::Domain = Vec::new();
    for os in fam
        .obligations
        .iter()
        .filter(|o| o.claim == "L2.positive" && !matches!(o.rule, spec::Rule::Region(_)))
    {
        let ob = c
            .obligations
            .iter()
            .find(|o| o.id == os.id)
            .ok_or_else(|| (1, format!("obligation {} missing", os.id)))?;
        let f = rules::prove(os, &ob.proof, &empty);
        if ob.statement != os.statement || !f.is_empty() {
            return Err((1, format!("obligation {} does not check", os.id)));
        }
    }
    let ob = c
        .obligations
        .iter()
        .find(|o| o.id == "L2.positive/region")
        .ok_or_else(|| (1, "no region proof".to_string()))?;
    let Proof::Region { rows } = &ob.proof else {
        return Err((1, "the region proof has the wrong kind".into()));
    };
    let rule = spec::lemma2::region_rule();
    for r in rows {
        let (Ok(k0), Ok(k1)) = (parse(&r.k[0]), parse(&r.k[1])) else {
            continue;
        };
        if k0 <= *k && *k <= k1 {
            let f = region::prove_row(&rule, r);
            if !f.is_empty() {
                return Err((
                    1,
                    format!(
                        "the row K ∈ [{}, {}] does not check: {}",
                        r.k[0], r.k[1], f[0]
                    ),
                ));
            }
            let get = |n: &str| parse(&r.constants[n]).map_err(|e| (1u8, e));
            return Ok(Some((get("c")?, get("P")?, get("plo")?, r.k.clone())));
        }
    }
    Ok(None)
}

fn in_region(x: &Q, y: &Q, c: &Q, pmax: &Q, plo: &Q) -> Result<(), String> {
    if *x <= 0 || *y <= 0 {
        return Err("x or y is not positive".into());
    }
    let p = Q::from(x * y);
    if p < *plo {
        return Err(format!("xy = {} < plo", fmt(&p)));
    }
    if p > *pmax {
        return Err(format!("xy = {} > P", fmt(&p)));
    }
    let w = Q::from(x * x) - Q::from(y * y);
    let w = Q::from(&w * &w);
    if w > *c {
        return Err(format!("(x² − y²)² = {} > c", fmt(&w)));
    }
    Ok(())
}

/// Simulates (x, y) exactly for at most `n` steps: the first step with x ≤ 0 or y ≤ 0.
pub fn first_nonpositive(k: &Q, x: &Q, y: &Q, n: usize) -> Option<usize> {
    let kk = QI::point(k.clone());
    let (mut a, mut b) = (QI::point(x.clone()), QI::point(y.clone()));
    for t in 1..=n {
        let (a1, b1) = product::step(&kk, &a, &b);
        a = a1;
        b = b1;
        if !(a.is_pos() && b.is_pos()) {
            return Some(t);
        }
    }
    None
}

fn round_out(v: &QI) -> Option<(Q, Q)> {
    match v {
        QI::Bounded(l, h) => Some((floor_dec(l, 15), ceil_dec(h, 15))),
        QI::Entire => None,
    }
}

/// Certified bounds on the first step t with x_t y_t > 1 for starts of the box (inside the
/// region): `earliest` always; `latest` when every start has crossed by then or landed on xy = 1.
pub fn first_crossing(k: &Q, pl: &Q, ph: &Q, dh: &Q) -> (u64, Option<u64>) {
    if *ph > 1 {
        let latest = if *pl > 1 { Some(0) } else { None };
        return (0, latest.or_else(|| latest_from(k, pl)));
    }
    let kk = QI::point(k.clone());
    let dd = QI::point(dh.clone());
    // Upper bound: while p ≤ 1, d does not grow and p' ≤ φ(p) + K(1 − p)D.
    let (mut lo, mut hi) = (pl.clone(), ph.clone());
    let mut earliest = None;
    for t in 1..=200u64 {
        let pieces = 32;
        let mut top = Q::from(0);
        for i in 0..pieces {
            let a = Q::from(&lo + Q::from(&hi - &lo) * Q::from((i, pieces)));
            let b = Q::from(&lo + Q::from(&hi - &lo) * Q::from((i + 1, pieces)));
            let p = QI::new(a, b);
            let v = product::p_next(&kk, &p, &dd.hull(&QI::int(0)));
            match round_out(&v) {
                Some((_, h)) => top = top.max(h),
                None => return (t, latest_from(k, pl)),
            }
        }
        if top > 1 {
            earliest = Some(t);
            break;
        }
        // Starts not yet past xy = 1 have p ≥ min(φ(lo), 1): φ is unimodal on [0, 1] with φ(1) = 1.
        let low = round_out(&product::p_next(&kk, &QI::point(lo.clone()), &QI::int(0)))
            .map(|x| x.0)
            .unwrap_or(lo.clone());
        lo = low.min(Q::from(1)).max(lo);
        hi = top;
    }
    (earliest.unwrap_or(200), latest_from(k, pl))
}

/// φ(p) = p(1 − K(p − 1))² ≤ p' for p ≤ 1; the starts not yet past xy = 1 at step t + 1 had
/// p_t ≤ a = ((√(1 + 4/K) − 1)/2)² or p_t = 1. Iterates the lower bound until it passes a.
fn latest_from(k: &Q, pl: &Q) -> Option<u64> {
    let kk = QI::point(k.clone());
    let a = {
        use crate::arith::Sqrt;
        let r = ((QI::int(1) + QI::int(4) / kk.clone()).sqrt() - QI::int(1)) / QI::int(2);
        r.sqr()
    };
    let a_hi = a.hi()?.clone();
    if *pl <= 0 {
        return None;
    }
    let mut l = pl.clone();
    for t in 0..400u64 {
        if l > a_hi {
            return Some(t + 1);
        }
        let next = product::p_next(&kk, &QI::point(l.clone()), &QI::int(0));
        l = floor_dec(next.lo()?, 15);
    }
    None
}

/// The answer as JSON.
pub fn product(k: &Q, start: &str, cert_path: &Path) -> Result<Value, Failure> {
    let [(x0, x1), (y0, y1)] = parse_start(start).map_err(|e| (2, format!("--start: {e}")))?;
    if *k <= 0 {
        return Err((2, "--k must be positive".into()));
    }
    let row = certified_row(k, cert_path)?;
    let Some((c, pmax, plo, krow)) = row else {
        return Ok(
            json!({"model": "product", "K": fmt(k), "verdict": "unknown", "reason": "K is outside the K rows of the certificate"}),
        );
    };
    let corners = [(&x0, &y0), (&x0, &y1), (&x1, &y0), (&x1, &y1)];
    let bad: Vec<(Q, Q, String)> = corners
        .iter()
        .filter_map(|(x, y)| {
            in_region(x, y, &c, &pmax, &plo)
                .err()
                .map(|e| ((*x).clone(), (*y).clone(), e))
        })
        .collect();
    let mut out = json!({
        "model": "product",
        "K": fmt(k),
        "row": {"K": krow, "c": fmt(&c), "P": fmt(&pmax), "plo": fmt(&plo)},
        "region": "x, y > 0, plo ≤ xy ≤ P, (x² − y²)² ≤ c",
    });
    if let Some((x, y, why)) = bad.first() {
        // Prefer a witness that really turns negative.
        let sims: Vec<_> = bad
            .iter()
            .map(|(x, y, w)| (x, y, w, first_nonpositive(k, x, y, 6)))
            .collect();
        let (x, y, why, neg) = sims
            .iter()
            .find(|s| s.3.is_some())
            .cloned()
            .unwrap_or((x, y, why, None));
        out["verdict"] = json!("outside");
        out["witness"] = json!({"x": fmt(x), "y": fmt(y), "fails": why});
        out["witness_exact_run"] = match neg {
            Some(t) => json!(format!("x or y is ≤ 0 at step {t} (exact arithmetic)")),
            None => {
                json!("stays positive for the 6 steps simulated exactly (not a proof either way)")
            }
        };
        return Ok(out);
    }
    // Inside: every corner is in the region, and the region's conditions are monotone
    // in the corners (xy between its corner values, |x² − y²| largest at a corner).
    out["verdict"] = json!("inside");
    let pl = Q::from(&x0 * &y0);
    let ph = Q::from(&x1 * &y1);
    let dh = [Q::from(&x0 - &y1), Q::from(&x1 - &y0)]
        .iter()
        .map(|v| Q::from(v * v))
        .max()
        .unwrap();
    let (earliest, latest) = first_crossing(k, &pl, &ph, &dh);
    out["first_xy_above_1"] = json!({
        "earliest": earliest,
        "latest": latest,
        "note": "steps counted from the start (step 0); `latest` holds for every start that does not land exactly on xy = 1 first; null: not bounded by this method",
    });
    Ok(out)
}
