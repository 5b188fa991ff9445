//! Point queries answered with rigorous enclosures.

use crate::arith::exact::QI;
use crate::arith::q::{ceil_dec, floor_dec, fmt, Q};
use crate::cert::Endpoint;
use crate::models::quartic;
use std::cmp::Ordering;

/// Decimal places of query answers (enclosure width ≤ 2·10⁻²⁰ plus the engine's error).
pub const PLACES: u32 = 20;

fn pair(v: &QI) -> Result<[String; 2], String> {
    match v {
        QI::Bounded(l, h) => Ok([fmt(&floor_dec(l, PLACES)), fmt(&ceil_dec(h, PLACES))]),
        QI::Entire => Err("no finite enclosure".into()),
    }
}

/// `twostep query theorem2 --k K`: enclosures of δ₁, δ₂, x_m and the multiplier at K,
/// each of width at most 1e-12. `Err` (exit 2) when K is outside (1, K★].
pub fn theorem2(k: &Q) -> Result<String, String> {
    if *k <= 1 || Endpoint::KStar.cmp_q(k) == Ordering::Less {
        return Err(format!(
            "K = {} is outside the range of Theorem 2, (1, √4.5 − 1] = (1, 1.1213203…]",
            fmt(k)
        ));
    }
    let kk = QI::point(k.clone());
    let vals = [
        ("delta1", quartic::delta1(&kk)),
        ("delta2", quartic::delta2(&kk)),
        ("x_m", quartic::x_max(&kk)),
        ("multiplier", quartic::multiplier(&kk)),
    ];
    let limit = Q::from((1, 1_000_000_000_000i64));
    let mut parts = vec![format!("\"K\": \"{}\"", fmt(k))];
    for (name, v) in &vals {
        let [lo, hi] = pair(v)?;
        let w = crate::arith::q::parse(&hi).unwrap() - crate::arith::q::parse(&lo).unwrap();
        if w > limit {
            return Err(format!("internal: enclosure of {name} wider than 1e-12"));
        }
        parts.push(format!("\"{name}\": [\"{lo}\", \"{hi}\"]"));
    }
    Ok(format!("{{{}}}", parts.join(", ")))
}
