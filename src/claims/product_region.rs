//! Search for the region rules of the 2-D product: per K row, constants chosen from a float
//! exploration (they prove nothing), then a bisection of the row box in inari until every
//! cell lies outside the region or satisfies every condition.

use super::search::QBox;
use crate::arith::interval::enclose;
use crate::arith::q::{ceil_dec, floor_dec, fmt, from_f64, parse, Q};
use crate::cert::RegionRow;
use crate::check::spec::RegionRule;
use crate::models::product::{m_factor, p_next, two_step_factor, z_margin};
use inari::Interval;
use std::collections::BTreeMap;

/// Deepest bisection of a row box.
pub const MAX_DEPTH: u32 = 34;

/// The K rows: steps of 1/50 up to 1.4, then finer up to `k_max`.
pub fn k_rows(k_max: &Q) -> Vec<(Q, Q)> {
    let mut pts: Vec<Q> = (0..=20).map(|i| Q::from(1) + Q::from((i, 50))).collect();
    let mut x = parse("1.4").unwrap();
    while x < *k_max {
        x += Q::from((1, 100));
        pts.push(if x > *k_max { k_max.clone() } else { x.clone() });
    }
    pts.retain(|p| p <= k_max);
    pts.dedup();
    pts.windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

fn dmax(p: f64, c: f64) -> f64 {
    c / (2.0 * p + (4.0 * p * p + c).sqrt())
}

/// Float estimate: the largest p' from p ∈ [plo, 1] with d(d + 4p) ≤ c, and the smallest
/// p' − p/1000 − plo from p ∈ [1, P] (negative: the constants cannot work).
fn explore(k: f64, c: f64, plo: f64) -> (f64, f64) {
    let n = 800;
    let mut top: f64 = 0.0;
    for i in 0..=n {
        let p = plo + (1.0 - plo) * i as f64 / n as f64;
        top = top.max(p_next(&k, &p, &dmax(p, c)));
    }
    let mut low = f64::INFINITY;
    for i in 0..=n {
        let p = 1.0 + (top - 1.0) * i as f64 / n as f64;
        low = low.min(p_next(&k, &p, &dmax(p, c)) - plo - p / 1000.0);
    }
    (top, low)
}

/// Float constants (c, P, plo) for a K row.
pub fn constants_for(k0: f64, k1: f64) -> Option<(f64, f64, f64)> {
    let plo = if k1 * k1 <= 2.0 {
        0.0
    } else {
        (1.0 - 2f64.sqrt() / k1) * 1.02 + 0.002
    };
    let ok = |c: f64| {
        [k0, k1].iter().all(|&k| {
            let (top, low) = explore(k, c, plo);
            top < 1.0 + 1.0 / k - 0.01 && low > 0.002 && k * k * (top - 1.0) * (top - 1.0) < 2.0
        })
    };
    let (mut lo, mut hi) = (0.0, 4.0);
    if !ok(1e-6) {
        return None;
    }
    for _ in 0..40 {
        let m = 0.5 * (lo + hi);
        if ok(m) {
            lo = m
        } else {
            hi = m
        }
    }
    let c = 0.85 * lo;
    let top = [k0, k1]
        .iter()
        .map(|&k| explore(k, c, plo).0)
        .fold(0.0, f64::max);
    Some((
        c,
        top + 0.3 * (explore(k1, lo, plo).0 - top).max(0.0) + 0.002,
        plo,
    ))
}

/// Rounded exact constants for a row: c down, P up, plo up, dcap = √c up.
pub fn exact_constants(c: f64, p: f64, plo: f64) -> BTreeMap<String, Q> {
    let cq = floor_dec(&from_f64(c), 4);
    let mut dcap = ceil_dec(&from_f64(cq.to_f64().sqrt()), 4);
    while Q::from(&dcap * &dcap) < cq {
        dcap += Q::from((1, 10000));
    }
    BTreeMap::from([
        ("c".to_string(), cq),
        ("P".to_string(), ceil_dec(&from_f64(p.max(1.0)), 4)),
        ("plo".to_string(), ceil_dec(&from_f64(plo), 4)),
        ("dcap".to_string(), dcap),
    ])
}

fn cell_done(rule: &RegionRule, b: &QBox, consts: &[Interval]) -> bool {
    let mut args: Vec<Interval> = b.iter().map(|(l, h)| enclose(l, h)).collect();
    args.extend_from_slice(consts);
    let g = (rule.guard.iv)(&args);
    if !g.is_empty() && g.sup() < 0.0 {
        return true;
    }
    if let Some(d) = &rule.derived {
        let extra = (d.iv)(&args);
        args.extend(extra);
    }
    rule.conditions.iter().all(|c| {
        if let Some(a) = &c.applies {
            let v = (a.iv)(&args);
            if !v.is_empty() && v.sup() < 0.0 {
                return true;
            }
        }
        c.rel.holds_iv((c.quantity.iv)(&args))
    })
}

/// The bisection code of a row box, or the first cell (in preorder) that cannot be settled.
/// The two halves of a cell are searched in parallel near the root; the code is the same
/// preorder string whatever the thread count.
pub fn bisect_row(rule: &RegionRule, root: &QBox, consts: &[Q]) -> Result<String, String> {
    let ci: Vec<Interval> = consts.iter().map(|c| enclose(c, c)).collect();
    let widths: Vec<f64> = root
        .iter()
        .map(|(l, h)| (h.clone() - l).to_f64().max(1e-300))
        .collect();
    settle(rule, root.clone(), &ci, &widths, 0)
}

/// Depth down to which the halves of a cell are searched in parallel.
const PARALLEL_DEPTH: u32 = 12;

fn settle(
    rule: &RegionRule,
    b: QBox,
    ci: &[Interval],
    widths: &[f64],
    depth: u32,
) -> Result<String, String> {
    if cell_done(rule, &b, ci) {
        return Ok("L".into());
    }
    if depth >= MAX_DEPTH {
        let shown: Vec<String> = b
            .iter()
            .map(|(l, h)| format!("[{}, {}]", fmt(l), fmt(h)))
            .collect();
        return Err(format!("cannot settle the cell {}", shown.join(" × ")));
    }
    // Split the side that is widest relative to the row box (K counts 4 times less).
    let dim = (0..b.len())
        .max_by(|&i, &j| {
            let wi =
                (b[i].1.clone() - &b[i].0).to_f64() / widths[i] * if i == 0 { 0.25 } else { 1.0 };
            let wj =
                (b[j].1.clone() - &b[j].0).to_f64() / widths[j] * if j == 0 { 0.25 } else { 1.0 };
            wi.partial_cmp(&wj).unwrap()
        })
        .unwrap();
    let mid = Q::from(&b[dim].0 + &b[dim].1) / 2u32;
    let (mut lo, mut hi) = (b.clone(), b);
    lo[dim].1 = mid.clone();
    hi[dim].0 = mid;
    let (l, h) = if depth < PARALLEL_DEPTH {
        rayon::join(
            || settle(rule, lo, ci, widths, depth + 1),
            || settle(rule, hi, ci, widths, depth + 1),
        )
    } else {
        (
            settle(rule, lo, ci, widths, depth + 1),
            settle(rule, hi, ci, widths, depth + 1),
        )
    };
    let (l, h) = (l?, h?);
    let mut code = String::with_capacity(1 + l.len() + h.len());
    code.push((b'0' + dim as u8) as char);
    code.push_str(&l);
    code.push_str(&h);
    Ok(code)
}

/// One proved row.
pub fn row(
    rule: &RegionRule,
    k: &(Q, Q),
    consts: &BTreeMap<String, Q>,
) -> Result<RegionRow, String> {
    let ordered: Vec<Q> = rule.constants.iter().map(|n| consts[*n].clone()).collect();
    let root: QBox = std::iter::once(k.clone())
        .chain((rule.bounds)(&ordered)?)
        .collect();
    let splits = bisect_row(rule, &root, &ordered)
        .map_err(|e| format!("K ∈ [{}, {}]: {e}", fmt(&k.0), fmt(&k.1)))?;
    Ok(RegionRow {
        k: [fmt(&k.0), fmt(&k.1)],
        constants: consts.iter().map(|(n, v)| (n.clone(), fmt(v))).collect(),
        splits,
    })
}

/// Float lower bounds of Z and A·B + 1 on the row's region part with p ≥ 1, for κ and β.
pub fn balance_constants(k0: f64, k1: f64, c: f64, pmax: f64) -> (f64, f64) {
    let (mut z, mut ab) = (f64::INFINITY, f64::INFINITY);
    let n = 200;
    for &k in &[k0, 0.5 * (k0 + k1), k1] {
        for i in 0..=n {
            let p = 1.0 + (pmax - 1.0) * i as f64 / n as f64;
            for j in 0..=40 {
                let d = dmax(p, c) * j as f64 / 40.0;
                z = z.min(z_margin(&k, &p, &d));
                ab = ab.min(two_step_factor(&k, &p, &d) + 1.0);
                let _ = m_factor(&k, &p, &d);
            }
        }
    }
    (z, ab)
}

/// The proof of a product obligation that is not a region: a sign over the statement's
/// fixed ranges (its `extra` variables) as one start cell, or an identity.
pub fn non_region_proof(
    os: &crate::check::spec::ObligationSpec,
) -> Result<crate::cert::Proof, String> {
    match &os.rule {
        crate::check::spec::Rule::Sign { extra, .. } => {
            let start = vec![extra
                .iter()
                .map(|e| (parse(e.1).unwrap(), parse(e.2).unwrap()))
                .collect()];
            super::search::standard_proof(os, &start)
        }
        _ => super::search::standard_proof(os, &[]),
    }
}
