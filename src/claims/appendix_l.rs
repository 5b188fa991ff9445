//! Search for Appendix L: period-4 orbits by float continuation, boxed and verified by
//! interval Newton in inari, and the K of the next period doubling.

use super::search::{entry, standard_proof};
use crate::arith::interval::enclose;
use crate::arith::q::{ceil_dec, floor_dec, fmt, from_f64, parse, Q};
use crate::cert::{Certificate, Proof};
use crate::check::spec::appendix_l::spec;
use crate::check::spec::Rule;
use crate::models::quartic::{diterate, iterate};
use inari::Interval;

/// A point of the period-4 orbit at K, by Newton's method in f64 continued from K = 1.24.
pub fn period4_point(k: f64) -> f64 {
    // Settle on the attracting orbit at K = 1.24, then follow it in small K steps.
    let mut y = 0.7;
    for _ in 0..20000 {
        y = iterate(&1.24, &y, 1);
    }
    // Take the orbit point in (0.6, 0.7) so that every K uses the same branch.
    for _ in 0..4 {
        if (0.6..0.7).contains(&y) {
            break;
        }
        y = iterate(&1.24, &y, 1);
    }
    let steps = 200;
    for i in 0..=steps {
        let kk = 1.24 + (k - 1.24) * i as f64 / steps as f64;
        for _ in 0..50 {
            let f = iterate(&kk, &y, 4) - y;
            let df = diterate(&kk, &y, 4) - 1.0;
            y -= f / df;
        }
    }
    y
}

/// One interval Newton step in inari: is N(Y) inside the interior of Y?
fn newton_ok(k: Interval, y: Interval) -> bool {
    let m = Interval::try_from((y.mid(), y.mid())).unwrap();
    let fm = iterate(&k, &m, 4) - m;
    let d = diterate(&k, &y, 4) - Interval::try_from((1.0, 1.0)).unwrap();
    let nv = m - fm / d;
    nv.interior(y)
}

fn boxed(y: f64, radius: f64) -> (Q, Q) {
    (
        floor_dec(&from_f64(y - radius), 14),
        ceil_dec(&from_f64(y + radius), 14),
    )
}

fn newton_proof(k: &str) -> Result<Proof, String> {
    let kq = parse(k).map_err(|e| e.to_string())?;
    let kf = kq.to_f64();
    let y = period4_point(kf);
    let (lo, hi) = boxed(y, 1e-10);
    let ki = enclose(&kq, &kq);
    let yi = enclose(&lo, &hi);
    if !newton_ok(ki, yi) {
        return Err(format!("interval Newton fails at K = {k}"));
    }
    let m = diterate(&ki, &yi, 4);
    let stability = if m.sup() < 1.0 && m.inf() > -1.0 {
        "attracting"
    } else {
        "repelling"
    };
    Ok(Proof::Newton {
        k: k.into(),
        period: 4,
        y: [fmt(&lo), fmt(&hi)],
        multiplier: [
            fmt(&floor_dec(&from_f64(m.inf()), 9)),
            fmt(&ceil_dec(&from_f64(m.sup()), 9)),
        ],
        stability: stability.into(),
    })
}

/// The K in [1.27, 1.3] where the period-4 multiplier crosses −1, by bisection in f64.
pub fn doubling_k() -> f64 {
    let mult = |k: f64| diterate(&k, &period4_point(k), 4);
    let (mut a, mut b) = (1.27, 1.3);
    for _ in 0..60 {
        let m = 0.5 * (a + b);
        if mult(m) > -1.0 {
            a = m;
        } else {
            b = m;
        }
    }
    0.5 * (a + b)
}

fn crossing_proof() -> Result<Proof, String> {
    let kc = doubling_k();
    let k0 = floor_dec(&from_f64(kc - 2e-7), 9);
    let k1 = ceil_dec(&from_f64(kc + 2e-7), 9);
    let y = period4_point(kc);
    let (lo, hi) = boxed(y, 1e-4);
    if !newton_ok(enclose(&k0, &k1), enclose(&lo, &hi)) {
        return Err("interval Newton fails on the doubling K interval".into());
    }
    let mult_at = |k: &Q| {
        let kk = enclose(k, k);
        let yk = period4_point(k.to_f64());
        let (l, h) = boxed(yk, 1e-12);
        let m = diterate(&kk, &enclose(&l, &h), 4);
        [
            fmt(&floor_dec(&from_f64(m.inf()), 12)),
            fmt(&ceil_dec(&from_f64(m.sup()), 12)),
        ]
    };
    Ok(Proof::Crossing {
        k: [fmt(&k0), fmt(&k1)],
        period: 4,
        y: [fmt(&lo), fmt(&hi)],
        value: "-1".into(),
        multiplier_at_lo: mult_at(&k0),
        multiplier_at_hi: mult_at(&k1),
    })
}

/// Writes the Appendix L certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let mut obligations = Vec::new();
    for os in &s.obligations {
        let proof = match &os.rule {
            Rule::Newton { k, .. } => newton_proof(k)?,
            Rule::Crossing { .. } => crossing_proof()?,
            _ => standard_proof(os, &[])?,
        };
        obligations.push(entry(os, proof));
    }
    Ok(super::frame(&s, obligations))
}
