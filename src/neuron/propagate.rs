//! One step of the reduced map on boxes and points, in every engine.
//!
//! The map is (77)-(79) with w_y⁺ in the factor form (80), applied to |w_y|, and w_y⁺
//! given the sign of w_y: F(v, w_x, w_y) = (v⁺, w_x⁺, w_y · c) with every quantity of
//! (77)-(80) evaluated at (v, w_x, |w_y|). For w_y ≥ 0 this is (77)-(80) itself; for
//! w_y < 0 it is the reflected network (the loss is even in w_y).

use super::boxes::IBox;
use crate::arith::exact::QI;
use crate::models::neuron::{mean_value, step_with_abs};
use inari::Interval;

/// F on an inari box `[K, v, w_x, w_y]` (K carried along).
pub fn step_iv(b: &IBox) -> IBox {
    let [k, v, x, y] = *b;
    let [v1, x1, y1] = step_with_abs(&k, &v, &x, &y, &y.abs());
    [k, v1, x1, y1]
}

/// F on an exact-engine box `[K, v, w_x, w_y]`.
pub fn step_qi(b: &[QI; 4]) -> [QI; 4] {
    let [k, v, x, y] = b.clone();
    let ay = y.abs();
    let [v1, x1, y1] = step_with_abs(&k, &v, &x, &y, &ay);
    [k, v1, x1, y1]
}

/// F on a float state `[K, v, w_x, w_y]` (simulation only).
pub fn step_f64(b: &[f64; 4]) -> [f64; 4] {
    let [k, v, x, y] = *b;
    let [v1, x1, y1] = step_with_abs(&k, &v, &x, &y, &y.abs());
    [k, v1, x1, y1]
}

/// n steps of [`step_qi`].
pub fn iterate_qi(b: &[QI; 4], n: usize) -> [QI; 4] {
    let mut cur = b.clone();
    for _ in 0..n {
        cur = step_qi(&cur);
    }
    cur
}

/// n steps of [`step_iv`] without splitting.
pub fn iterate_iv(b: &IBox, n: usize) -> IBox {
    let mut cur = *b;
    for _ in 0..n {
        cur = step_iv(&cur);
    }
    cur
}

/// n steps of [`step_f64`].
pub fn iterate_f64(b: &[f64; 4], n: usize) -> [f64; 4] {
    let mut cur = *b;
    for _ in 0..n {
        cur = step_f64(&cur);
    }
    cur
}

/// Every coordinate bounded and non-empty.
pub fn is_bounded(b: &IBox) -> bool {
    b.iter()
        .all(|x| !x.is_empty() && x.inf().is_finite() && x.sup().is_finite())
}

/// Bisects a box across the side with the largest width relative to `scale`
/// (K and the state variables are on different scales). Never splits a point side.
pub fn bisect(b: &IBox, scale: &[f64; 4]) -> Option<(IBox, IBox)> {
    let (i, w) = (0..4)
        .map(|i| (i, b[i].wid() / scale[i]))
        .max_by(|a, c| a.1.partial_cmp(&c.1).unwrap_or(std::cmp::Ordering::Equal))?;
    let mid = b[i].mid();
    if !(w > 0.0) || mid <= b[i].inf() || mid >= b[i].sup() {
        return None;
    }
    let mut lo = *b;
    let mut hi = *b;
    lo[i] = Interval::try_from((b[i].inf(), mid)).ok()?;
    hi[i] = Interval::try_from((mid, b[i].sup())).ok()?;
    Some((lo, hi))
}

/// The corners and centre of a box, as float states.
pub fn sample_points(b: &IBox) -> Vec<[f64; 4]> {
    let mut pts = vec![[b[0].mid(), b[1].mid(), b[2].mid(), b[3].mid()]];
    for m in 0..16u32 {
        let mut p = [0.0; 4];
        for (i, pi) in p.iter_mut().enumerate() {
            *pi = if m >> i & 1 == 1 {
                b[i].sup()
            } else {
                b[i].inf()
            };
        }
        pts.push(p);
    }
    pts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_wy_is_the_reflected_network() {
        let a = step_f64(&[1.05, 0.4, 0.8, 0.25]);
        let b = step_f64(&[1.05, 0.4, 0.8, -0.25]);
        assert_eq!((a[1], a[2]), (b[1], b[2]));
        assert_eq!(a[3], -b[3]);
    }
}

/// F on an inari box, the tighter of the natural and mean-value enclosures on each side
/// (the mean-value form needs w_y of one sign; a box with w_y ≤ 0 is reflected).
pub fn step_iv_mv(b: &IBox) -> IBox {
    let nat = step_iv(b);
    let y = b[3];
    let flip = y.sup() <= 0.0;
    if !(y.inf() >= 0.0 || flip) {
        return nat;
    }
    let bb = if flip { [b[0], b[1], b[2], -y] } else { *b };
    let m: [Interval; 4] =
        std::array::from_fn(|i| Interval::try_from((bb[i].mid(), bb[i].mid())).unwrap_or(bb[i]));
    let [v, x, yy] = step_with_abs(&m[0], &m[1], &m[2], &m[3], &m[3]);
    let mv = mean_value(&bb, &m, &[v, x, yy]);
    let mv = if flip { [mv[0], mv[1], -mv[2]] } else { mv };
    let pick = |a: Interval, c: Interval| {
        let i = a.intersection(c);
        if i.is_empty() {
            a
        } else {
            i
        }
    };
    [
        b[0],
        pick(nat[1], mv[0]),
        pick(nat[2], mv[1]),
        pick(nat[3], mv[2]),
    ]
}
