//! `twostep certify theorem4 --explore`: beyond the paper's constants. For each K piece of
//! the committed plan, the best contraction rate r (|w_y⁺| ≤ (1 − rK) w_y) for which the
//! same basin search still finds a basin holding the period-2 orbit, and attempts to
//! push the K range below 1.02. Search only (inari); nothing here is a certificate.

use super::theorem4::{basin_piece, PLAN};
use crate::arith::q::{fmt, parse, Q};
use crate::models::quartic;
use crate::neuron::basin::Grid;
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
    out
}
