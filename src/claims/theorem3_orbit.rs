//! Search for P3.orbit-global: the region rows with the Lyapunov margin and the repelling
//! strip, then per K piece a slab graph refined until the checker's own analysis
//! (`check::attract::Slab::analyse`) finds no cycle. The search proves nothing by itself;
//! it only proposes cuts that `twostep check` re-proves.

use super::lemma2::positivity_rows;
use super::product_region::row;
use crate::arith::q::{ceil_dec, floor_dec, fmt, from_f64, parse, Q};
use crate::cert::{AttractPiece, Proof, RegionRow};
use crate::check::attract::Slab;
use crate::check::spec::theorem3::{near_region_rule, orbit_region_rule, NEAR_K_HI, ORBIT_K_LO};
use crate::models::product::slope;
use rayon::prelude::*;

/// The next K piece's upper end from `k`: width (K − 1)/10 below K = 1.02 (the cells
/// needed grow like 1/(K − 1)), 1/500 above, never across a multiple of 1/50 (the ends of
/// the region rows).
pub fn next_k(k: &Q) -> Q {
    let fifty = Q::from(k * 50u32);
    let row_end = Q::from((fifty.floor().to_f64() as i64 + 1, 50));
    let width = if *k < parse("1.02").unwrap() {
        floor_dec(&(Q::from(k - 1u32) / 10u32), 4)
    } else {
        Q::from((1, 500))
    };
    let next = Q::from(k + &width);
    if next < row_end {
        next
    } else {
        row_end
    }
}

/// Cells of the first cover of the slab (before refinement), and of each target.
pub const START_CELLS: u32 = 400;
/// Cells of each target.
pub const TARGET_CELLS: u32 = 40;
/// Refinement rounds before a piece is given up.
pub const MAX_ROUNDS: usize = 40;
/// Cells of a piece beyond which it is given up.
pub const MAX_CELLS: usize = 50_000;

/// The upper end of the claim, √4.5 − 1, rounded up.
fn k_top() -> Q {
    parse("1.1214").unwrap()
}

/// δ₁², δ₂² = ((K + 1) ∓ √((K + 1)² − 4))/(2K), in floats (only to place the targets).
fn orbit_products(k: f64) -> (f64, f64) {
    let r = ((k + 1.0) * (k + 1.0) - 4.0).sqrt();
    ((k + 1.0 - r) / (2.0 * k), (k + 1.0 + r) / (2.0 * k))
}

/// The rows of P3.orbit-global/region: L2.positive's rows from K = ORBIT_K_LO on, with the
/// margin μ, the strip half-width s and the factor λ.
pub fn region_rows() -> Result<Vec<RegionRow>, String> {
    let rule = orbit_region_rule();
    let lo = parse(ORBIT_K_LO).unwrap();
    let top = k_top();
    let mut out = Vec::new();
    for (k0, k1, base) in positivity_rows()? {
        if k1 <= lo || k0 > top {
            continue;
        }
        // Below 1.02 the row is cut where the K pieces are: λ and s shrink with K − 1.
        let mut a0 = if k0 < lo { lo.clone() } else { k0 };
        while a0 < k1 {
            let a1 = if a0 < parse("1.02").unwrap() {
                next_k(&a0)
            } else {
                k1.clone()
            };
            let mut consts = base.clone();
            let (a, b) = (a0.to_f64(), a1.to_f64());
            let s = (a - 1.0) / 4.0;
            let m_top = 1.0 - 2.0 * a + s + b * b * s * s;
            consts.insert("margin".into(), margin(b, &consts));
            consts.insert("s".into(), floor_dec(&(Q::from(&a0 - 1u32) / 4u32), 5));
            consts.insert(
                "lambda".into(),
                floor_dec(&from_f64(-m_top - 0.7 * (a - 1.0)), 5),
            );
            out.push(row(&rule, &(a0.clone(), a1.clone()), &consts)?);
            a0 = a1;
        }
    }
    Ok(out)
}

/// The margin μ of a row over K ≤ b with the region's constants: 0.9 (2 − K²(p − 1)²)
/// at the worst p of [plo, P].
fn margin(b: f64, consts: &std::collections::BTreeMap<String, Q>) -> Q {
    let (p, plo) = (consts["P"].to_f64(), consts["plo"].to_f64());
    let worst = b * b * (p - 1.0).powi(2).max((1.0 - plo).powi(2));
    floor_dec(&from_f64(0.9 * (2.0 - worst)), 3)
}

/// The rows of P3.orbit-near/region: L2.positive's rows cut at K = NEAR_K_HI, with the
/// margin μ.
pub fn near_region_rows() -> Result<Vec<RegionRow>, String> {
    let rule = near_region_rule();
    let hi = parse(NEAR_K_HI).unwrap();
    let mut out = Vec::new();
    for (k0, k1, mut consts) in positivity_rows()? {
        if k0 >= hi {
            continue;
        }
        let k1 = if k1 < hi { k1 } else { hi.clone() };
        let m = margin(k1.to_f64(), &consts);
        consts.insert("margin".into(), m);
        out.push(row(&rule, &(k0, k1), &consts)?);
    }
    Ok(out)
}

/// The near range of the piece that reaches K = 1: p ∈ [1 − NEAR_BELOW, 1 + NEAR_ABOVE]
/// (F maps it into itself for K ∈ [1, 201/200]: F(1.2) ≈ 0.765, F(0.755) ≈ 1.175).
pub const NEAR_BELOW: &str = "0.245";
/// See [`NEAR_BELOW`].
pub const NEAR_ABOVE: &str = "0.2";
/// Cells of the near range in the first cover.
pub const NEAR_CELLS: u32 = 40;

/// The first cover of the slab of the piece that reaches K = 1: uniform cells outside the
/// near range N, N cut into `NEAR_CELLS` cells, ω = 1/20000.
fn first_near_piece(k: &(Q, Q), plo: &Q, pmax: &Q) -> AttractPiece {
    let omega = parse("0.00005").unwrap();
    let dcap = ceil_dec(&from_f64(omega.to_f64().sqrt() * 1.001), 6);
    let one = Q::from(1);
    let n = (
        Q::from(&one - parse(NEAR_BELOW).unwrap()),
        Q::from(&one + parse(NEAR_ABOVE).unwrap()),
    );
    let mut cuts: Vec<Q> = (0..=START_CELLS)
        .map(|i| Q::from(plo + Q::from(pmax - plo) * Q::from((i, START_CELLS))))
        .filter(|x| !(n.0 < *x && *x < n.1))
        .collect();
    cuts.extend(
        (0..=NEAR_CELLS).map(|i| Q::from(&n.0 + Q::from(&n.1 - &n.0) * Q::from((i, NEAR_CELLS)))),
    );
    cuts.sort();
    cuts.dedup();
    pack_near(k, &omega, &dcap, &cuts, &n)
}

fn pack_near(k: &(Q, Q), omega: &Q, dcap: &Q, cuts: &[Q], n: &(Q, Q)) -> AttractPiece {
    let at = |x: &Q| cuts.iter().position(|c| c == x).unwrap() as u32;
    AttractPiece {
        k: [fmt(&k.0), fmt(&k.1)],
        omega: fmt(omega),
        dcap: fmt(dcap),
        cuts: cuts.iter().map(fmt).collect(),
        strip: None,
        targets: None,
        near: Some([at(&n.0), at(&n.1)]),
    }
}

/// Refines the first cover of the piece that reaches K = 1 until the checker's analysis
/// passes: cells on cycles and near cells at fault are halved.
pub fn near_piece(k: &(Q, Q), plo: &Q, pmax: &Q) -> Result<AttractPiece, String> {
    let mut p = first_near_piece(k, plo, pmax);
    for round in 0..MAX_ROUNDS {
        let slab = Slab::parse(&p, k)?;
        if slab.len() > MAX_CELLS {
            return Err(format!(
                "K ∈ [{}, {}]: more than {MAX_CELLS} cells after {round} rounds",
                fmt(&k.0),
                fmt(&k.1)
            ));
        }
        let a = slab.analyse();
        if a.proved() {
            return Ok(p);
        }
        if let Some(g) = a.general.first() {
            return Err(format!("K ∈ [{}, {}]: {g}", fmt(&k.0), fmt(&k.1)));
        }
        let mut split = vec![false; slab.len()];
        for c in &a.cycles {
            for &i in c {
                split[i] = true;
            }
        }
        for (i, why) in &a.cells {
            if !slab.in_near(*i) {
                return Err(format!(
                    "K ∈ [{}, {}], cell {i}: {why}",
                    fmt(&k.0),
                    fmt(&k.1)
                ));
            }
            split[*i] = true;
        }
        let mut cuts = vec![slab.cuts[0].clone()];
        for i in 0..slab.len() {
            if split[i] {
                cuts.push(Q::from(&slab.cuts[i] + &slab.cuts[i + 1]) / 2u32);
            }
            cuts.push(slab.cuts[i + 1].clone());
        }
        let r = slab.near.clone().unwrap();
        let n = (slab.cuts[r.start].clone(), slab.cuts[r.end].clone());
        p = pack_near(k, &slab.omega, &slab.dcap, &cuts, &n);
    }
    Err(format!(
        "K ∈ [{}, {}]: cycles remain after {MAX_ROUNDS} rounds",
        fmt(&k.0),
        fmt(&k.1)
    ))
}

/// The slab-graph proof of P3.orbit-near: one piece K ∈ [1, NEAR_K_HI] with a near range.
pub fn near_search(rows: &[RegionRow]) -> Result<Proof, String> {
    let k = (Q::from(1), parse(NEAR_K_HI).unwrap());
    let r = rows
        .iter()
        .find(|r| parse(&r.k[0]).unwrap() <= k.0 && k.1 <= parse(&r.k[1]).unwrap())
        .ok_or("no region row holds K ∈ [1, 201/200]")?;
    let plo = parse(&r.constants["plo"]).unwrap();
    let pmax = parse(&r.constants["P"]).unwrap();
    Ok(Proof::Attract {
        pieces: vec![near_piece(&k, &plo, &pmax)?],
    })
}

/// A first cover of the slab over [plo, P]: uniform cells, the strip [1 − s, 1 + s] as one
/// cell, and each target cut into `TARGET_CELLS` cells. Returns the piece.
fn first_piece(k: &(Q, Q), plo: &Q, pmax: &Q) -> AttractPiece {
    let (a, b) = (k.0.to_f64(), k.1.to_f64());
    let omega = floor_dec(&(Q::from(&k.0 - 1u32) / 100u32), 7);
    let dcap = ceil_dec(&from_f64(omega.to_f64().sqrt() * 1.001), 6);
    let s = floor_dec(&(Q::from(&k.0 - 1u32) / 2u32), 5);
    let (d1a, d2a) = orbit_products(a);
    let (d1b, d2b) = orbit_products(b);
    let (m1, m2) = orbit_products(0.5 * (a + b));
    let km = 0.5 * (a + b);
    let (f1, f2) = (slope(&km, &m1, &m1).abs(), slope(&km, &m2, &m2).abs());
    let w1 = (a - 1.0) / 4.0;
    let w2 = (w1 * (f1 / f2).sqrt()).max(w1 / 4.0);
    let t = [
        (d1a.min(d1b) - w1, d1a.max(d1b) + w1),
        (d2a.min(d2b) - w2, d2a.max(d2b) + w2),
    ];
    let t: Vec<(Q, Q)> = t
        .iter()
        .map(|(l, h)| (floor_dec(&from_f64(*l), 5), ceil_dec(&from_f64(*h), 5)))
        .collect();
    let one = Q::from(1);
    let strip = (Q::from(&one - &s), Q::from(&one + &s));
    let inside = |x: &Q| (strip.0 < *x && *x < strip.1) || t.iter().any(|(l, h)| l < x && x < h);
    let mut cuts: Vec<Q> = (0..=START_CELLS)
        .map(|i| Q::from(plo + Q::from(pmax - plo) * Q::from((i, START_CELLS))))
        .filter(|x| !inside(x))
        .collect();
    cuts.extend([strip.0.clone(), strip.1.clone()]);
    for (l, h) in &t {
        cuts.extend(
            (0..=TARGET_CELLS).map(|i| Q::from(l + Q::from(h - l) * Q::from((i, TARGET_CELLS)))),
        );
    }
    cuts.sort();
    cuts.dedup();
    pack(k, &omega, &dcap, &cuts, &strip, &t)
}

fn pack(k: &(Q, Q), omega: &Q, dcap: &Q, cuts: &[Q], strip: &(Q, Q), t: &[(Q, Q)]) -> AttractPiece {
    let at = |x: &Q| cuts.iter().position(|c| c == x).unwrap() as u32;
    AttractPiece {
        k: [fmt(&k.0), fmt(&k.1)],
        omega: fmt(omega),
        dcap: fmt(dcap),
        cuts: cuts.iter().map(fmt).collect(),
        strip: Some([at(&strip.0), at(&strip.1)]),
        targets: Some([[at(&t[0].0), at(&t[0].1)], [at(&t[1].0), at(&t[1].1)]]),
        near: None,
    }
}

/// Refines the first cover of a piece until the checker's analysis passes.
pub fn piece(k: &(Q, Q), plo: &Q, pmax: &Q) -> Result<AttractPiece, String> {
    let mut p = first_piece(k, plo, pmax);
    for round in 0..MAX_ROUNDS {
        let slab = Slab::parse(&p, k)?;
        if slab.len() > MAX_CELLS
            || slab
                .targets
                .iter()
                .any(|t| t.len() > 20 * TARGET_CELLS as usize)
        {
            return Err(format!(
                "K ∈ [{}, {}]: more than {MAX_CELLS} cells or too fine targets after {round} rounds",
                fmt(&k.0),
                fmt(&k.1)
            ));
        }
        let a = slab.analyse();
        if a.proved() {
            return Ok(p);
        }
        let mut split = vec![false; slab.len()];
        for c in &a.cycles {
            for &i in c {
                split[i] = !slab.strip.contains(&i);
            }
        }
        for (i, why) in &a.cells {
            if !slab.in_target(*i) {
                return Err(format!(
                    "K ∈ [{}, {}], cell {i}: {why}",
                    fmt(&k.0),
                    fmt(&k.1)
                ));
            }
            split[*i] = true;
        }
        if a.general.iter().any(|g| g.contains("L₀L₁")) {
            for t in &slab.targets {
                t.clone().for_each(|i| split[i] = true);
            }
        } else if let Some(g) = a.general.first() {
            return Err(format!("K ∈ [{}, {}]: {g}", fmt(&k.0), fmt(&k.1)));
        }
        let mut cuts = vec![slab.cuts[0].clone()];
        for i in 0..slab.len() {
            if split[i] {
                cuts.push(Q::from(&slab.cuts[i] + &slab.cuts[i + 1]) / 2u32);
            }
            cuts.push(slab.cuts[i + 1].clone());
        }
        let strip = (
            slab.cuts[slab.strip.start].clone(),
            slab.cuts[slab.strip.end].clone(),
        );
        let t: Vec<(Q, Q)> = slab
            .targets
            .iter()
            .map(|r| (slab.cuts[r.start].clone(), slab.cuts[r.end].clone()))
            .collect();
        p = pack(k, &slab.omega, &slab.dcap, &cuts, &strip, &t);
    }
    Err(format!(
        "K ∈ [{}, {}]: cycles remain after {MAX_ROUNDS} rounds",
        fmt(&k.0),
        fmt(&k.1)
    ))
}

/// The slab-graph proof over [ORBIT_K_LO, √4.5 − 1].
pub fn search(rows: &[RegionRow]) -> Result<Proof, String> {
    let lo = parse(ORBIT_K_LO).unwrap();
    let top = k_top();
    let mut ks = Vec::new();
    let mut x = lo;
    while x < top {
        let next = next_k(&x);
        ks.push((x, next.clone()));
        x = next;
    }
    let found: Vec<Result<AttractPiece, String>> = ks
        .par_iter()
        .map(|k| {
            let r = rows
                .iter()
                .find(|r| {
                    let (a, b) = (parse(&r.k[0]).unwrap(), parse(&r.k[1]).unwrap());
                    a <= k.0 && k.1 <= b
                })
                .ok_or_else(|| format!("no region row holds K ∈ [{}, {}]", fmt(&k.0), fmt(&k.1)))?;
            let plo = parse(&r.constants["plo"]).unwrap();
            let pmax = parse(&r.constants["P"]).unwrap();
            piece(k, &plo, &pmax)
        })
        .collect();
    let pieces = found.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(Proof::Attract { pieces })
}
