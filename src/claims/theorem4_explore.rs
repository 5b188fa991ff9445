//! `twostep certify theorem4 --explore`: beyond the paper's constants. For each K piece of
//! the committed plan, the best contraction rate r (|w_y⁺| ≤ (1 − rK) w_y) for which the
//! same basin search still finds a basin holding the period-2 orbit, and attempts to
//! push the K range below 1.02; and the largest K and ε for which the whole chain (stage 1,
//! the region basin with the committed constants, stage 2) is still found. Search only
//! (inari); nothing here is a certificate.

use super::product_region::row;
use super::theorem4::{basin_piece, PLAN, REGION_ROWS};
use super::theorem4_stage2::search_from;
use crate::arith::q::{fmt, parse, Q};
use crate::check::spec::theorem4_region::region_rule;
use crate::check::spec::theorem4_stage1::{invariant_rule, start_rule, TH0};
use crate::check::spec::RegionRule;
use crate::models::quartic;
use crate::neuron::basin::Grid;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

fn holds_orbit(g: &Grid, cells: &BTreeSet<[u32; 3]>, k: &(Q, Q)) -> bool {
    let mid = (k.0.to_f64() + k.1.to_f64()) / 2.0;
    [quartic::delta1(&mid), quartic::delta2(&mid)]
        .iter()
        .all(|d| {
            let i = ((d - g.origin[0].to_f64()) / g.size[0].to_f64()).floor() as u32;
            let j = ((d - g.origin[1].to_f64()) / g.size[1].to_f64()).floor() as u32;
            cells.contains(&[i, j, 0])
        })
}

/// The largest rate in `candidates` (increasing) for which a basin is found.
fn best_rate(g: &Grid, k: &(Q, Q), candidates: &[&str]) -> Option<String> {
    let mut best = None;
    for r in candidates {
        let b = basin_piece(g, k, &parse(r).unwrap());
        if b.is_empty() || !holds_orbit(g, &b, k) {
            break;
        }
        best = Some(r.to_string());
    }
    best
}

/// The start box (α₀, σ₀) with σ₀ = ε² ≤ (N/100)².
fn start_box<const N: i64>(_: &[Q]) -> Result<Vec<(Q, Q)>, String> {
    Ok(vec![
        (Q::new(), Q::from(TH0)),
        (Q::new(), Q::from((N * N, 10_000))),
    ])
}

/// Whether the chain is found on K ∈ `k` with ε ≤ N/100 (`start` = `start_box::<N>`):
/// the stage-1 start and invariance rules, the region basin with the committed constants,
/// stage 2; or the first part that fails.
fn chain(k: &(Q, Q), start: fn(&[Q]) -> Result<Vec<(Q, Q)>, String>) -> Result<(), String> {
    let none = BTreeMap::new();
    let start_rule = RegionRule {
        bounds: start,
        ..start_rule()
    };
    row(&start_rule, k, &none).map_err(|e| format!("stage 1, start: {e}"))?;
    row(&invariant_rule(), k, &none).map_err(|e| format!("stage 1, invariance: {e}"))?;
    let consts: BTreeMap<String, Q> = REGION_ROWS[0]
        .1
        .iter()
        .map(|(n, v)| (n.to_string(), parse(v).unwrap()))
        .collect();
    row(&region_rule(), k, &consts).map_err(|e| format!("basin: {e}"))?;
    search_from(&k.0, &k.1, &start(&[])?).map_err(|e| format!("stage 2: {e}"))?;
    Ok(())
}

/// The chain beyond the paper's K ≤ 1.1 (ε ≤ 0.1) and beyond ε ≤ 0.1 (K ∈ [1, 1.1]),
/// slab by slab until one fails (Markdown). From ε ≈ 0.194 on (float runs) state 1 itself
/// can pass 1/(2π), which the chain's start rule excludes, so ε stops at 0.19.
pub fn chain_report() -> String {
    let mut out = String::from("\nThe whole chain (stage 1, the region basin with the committed constants, stage 2) beyond the\npaper's range, slab by slab until one fails:\n\n| K | ε ≤ | chain |\n|---|---|---|\n");
    let mut line = |k: &(Q, Q), eps: &str, r: Result<(), String>| {
        let verdict = r.map_or_else(|e| format!("not found: {e}"), |_| "found".into());
        eprintln!(
            "explore: K ∈ [{}, {}], ε ≤ {eps}: {verdict}",
            fmt(&k.0),
            fmt(&k.1)
        );
        out.push_str(&format!(
            "| [{}, {}] | {eps} | {verdict} |\n",
            fmt(&k.0),
            fmt(&k.1)
        ));
    };
    let q = |s: &str| parse(s).unwrap();
    for (lo, hi) in [
        ("1.1", "1.12"),
        ("1.12", "1.14"),
        ("1.14", "1.17"),
        ("1.17", "1.2"),
    ] {
        let k = (q(lo), q(hi));
        let r = chain(&k, start_box::<10>);
        let failed = r.is_err();
        line(&k, "0.1", r);
        if failed {
            break;
        }
    }
    let eps: [(&str, fn(&[Q]) -> Result<Vec<(Q, Q)>, String>); 4] = [
        ("0.12", start_box::<12>),
        ("0.15", start_box::<15>),
        ("0.17", start_box::<17>),
        ("0.19", start_box::<19>),
    ];
    let k = (q("1"), q("1.1"));
    for (name, start) in eps {
        let r = chain(&k, start);
        let failed = r.is_err();
        line(&k, name, r);
        if failed {
            break;
        }
    }
    out
}

/// Runs the exploration and returns its report (Markdown).
pub fn explore() -> String {
    let rates = ["0.03", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"];
    let mut out = String::from("| K piece | grid (h_v, h_w, h_y) × cells | best rate r found (|w_y⁺| ≤ (1 − rK) w_y) |\n|---|---|---|\n");
    for p in PLAN {
        let g = p.grid();
        let k = p.k_range();
        let r = best_rate(&g, &k, &rates).unwrap_or_else(|| "none".into());
        out.push_str(&format!(
            "| [{}, {}] | ({}, {}, {}) × {:?} | {} |\n",
            p.k.0, p.k.1, p.size[0], p.size[1], p.size[2], p.count, r
        ));
    }
    out.push_str(
        "\nBelow K = 1.01 (rate 0.03):\n\n| K piece | grid | basin cells |\n|---|---|---|\n",
    );
    let rate = parse("0.03").unwrap();
    for (k0, k1, h, hy, o, n) in [
        ("1.005", "1.01", "0.0025", "0.0001", "0.7", 240u32),
        ("1.0075", "1.01", "0.0025", "0.0001", "0.7", 240u32),
    ] {
        let q = |s: &str| parse(s).unwrap();
        let g = Grid {
            origin: [q(o), q(o), Q::new()],
            size: [q(h), q(h), q(hy)],
            count: [n, n, 2],
        };
        let k = (q(k0), q(k1));
        let b = basin_piece(&g, &k, &rate);
        let ok = !b.is_empty() && holds_orbit(&g, &b, &k);
        out.push_str(&format!(
            "| [{k0}, {k1}] | h = {h}, w_y ≤ {} from {o} | {} |\n",
            fmt(&(q(hy) * Q::from(2))),
            if ok {
                b.len().to_string()
            } else {
                "none".into()
            }
        ));
    }
    out.push_str(&chain_report());
    out
}
