//! The 2-D product f(x, y) = ½(xy − μ)² of Theorem 3, Prop 3 and Lemma 2 (MATH.md §2).
//!
//! With η = K/μ and (x, y) = √μ (u, v) every statement is about the map (13) with μ = 1.
//! The proofs run in the coordinates p = xy and d = (x − y)², in which the map is
//! polynomial and the positive quadrant is {p > 0, x + y > 0}.

use crate::arith::Field;

/// (13): x' = x − η y (xy − μ), y' = y − η x (xy − μ), GD on ½(xy − μ)².
pub fn gd<T: Field>(eta: &T, mu: &T, x: &T, y: &T) -> (T, T) {
    let e = x.clone() * y.clone() - mu.clone();
    (
        x.clone() - eta.clone() * y.clone() * e.clone(),
        y.clone() - eta.clone() * x.clone() * e,
    )
}

/// (13) with μ = 1, η = K: (x, y) ↦ (x − K y (xy − 1), y − K x (xy − 1)).
pub fn step<T: Field>(k: &T, x: &T, y: &T) -> (T, T) {
    gd(k, &T::int(1), x, y)
}

/// (52) with μ = 1: p' = p (1 − K (p − 1))² − K (p − 1) d, the next product from p = xy, d = (x − y)².
pub fn p_next<T: Field>(k: &T, p: &T, d: &T) -> T {
    let e = p.clone() - T::int(1);
    p.clone() * (T::int(1) - k.clone() * e.clone()).sqr() - k.clone() * e * d.clone()
}

/// (50) squared: d' = d (1 + K (p − 1))², the next squared imbalance.
pub fn d_next<T: Field>(k: &T, p: &T, d: &T) -> T {
    d.clone() * (T::int(1) + k.clone() * (p.clone() - T::int(1))).sqr()
}

/// W = (x² − y²)² = d (d + 4p): the quantity that does not grow while K²(p − 1)² ≤ 2.
pub fn w<T: Field>(p: &T, d: &T) -> T {
    d.clone() * (d.clone() + T::int(4) * p.clone())
}

/// The factor of (x − y) over one step, 1 + K (p − 1) ((50)).
pub fn imbalance_factor<T: Field>(k: &T, p: &T) -> T {
    T::int(1) + k.clone() * (p.clone() - T::int(1))
}

/// The factor of (x + y) over one step, 1 − K (p − 1): x + y keeps its sign while it is positive.
pub fn sum_factor<T: Field>(k: &T, p: &T) -> T {
    T::int(1) - k.clone() * (p.clone() - T::int(1))
}

/// m with p' − 1 = (p − 1) m: m = (1 − 2K) + (p − 1)(K² − 2K) + K²(p − 1)² − K d.
pub fn m_factor<T: Field>(k: &T, p: &T, d: &T) -> T {
    let e = p.clone() - T::int(1);
    T::int(1) - T::int(2) * k.clone()
        + e.clone() * (k.sqr() - T::int(2) * k.clone())
        + k.sqr() * e.sqr()
        - k.clone() * d.clone()
}

/// Z = (K + 1 + K d) − K (p − 1)(K − 1 + K (p − 1)), the second-order margin of the
/// two-step imbalance factor after a step with xy > 1.
pub fn z_margin<T: Field>(k: &T, p: &T, d: &T) -> T {
    let e = p.clone() - T::int(1);
    k.clone() + T::int(1) + k.clone() * d.clone()
        - k.clone() * e.clone() * (k.clone() - T::int(1) + k.clone() * e)
}

/// The two-step imbalance factor from (51): (1 + K(p − 1))(1 + K(p' − 1)).
pub fn two_step_factor<T: Field>(k: &T, p: &T, d: &T) -> T {
    imbalance_factor(k, p) * imbalance_factor(k, &p_next(k, p, d))
}

/// The divided difference of the diagonal p-map F(p) = p'(p, 0) = p (1 − K(p − 1))²:
/// F(q) − F(p) = (q − p) D, D = (1 + K)² − 2K(1 + K)(p + q) + K²(p² + pq + q²).
pub fn slope<T: Field>(k: &T, p: &T, q: &T) -> T {
    let a = T::int(1) + k.clone();
    a.sqr() - T::int(2) * k.clone() * a * (p.clone() + q.clone())
        + k.sqr() * (p.sqr() + p.clone() * q.clone() + q.sqr())
}

/// The two-step perturbation factor E of P3.orbit-near: p'' − F(F(p)) = (p − 1) d E with
/// E = −K D(F(p), p') − K m (1 + K(p − 1))² (from (52) applied twice).
pub fn two_step_perturbation<T: Field>(k: &T, p: &T, d: &T) -> T {
    let f = p_next(k, p, &T::int(0));
    let next = p_next(k, p, d);
    T::int(0)
        - k.clone() * slope(k, &f, &next)
        - k.clone() * m_factor(k, p, d) * imbalance_factor(k, p).sqr()
}

/// The period-2 factor of F(F(p)) − p: K²p² − K(K + 1)p + 1, zero at δ₁² and δ₂².
pub fn cycle_quadratic<T: Field>(k: &T, p: &T) -> T {
    k.sqr() * p.sqr() - k.clone() * (k.clone() + T::int(1)) * p.clone() + T::int(1)
}

/// The remaining factor R(p) of F(F(p)) − p = K p (p − 1)(K p − K − 2)(K²p² − K(K + 1)p + 1) R(p):
/// R = K⁴p⁴ − (3K⁴ + 3K³)p³ + (3K⁴ + 6K³ + 3K²)p² − (K⁴ + 3K³ + 4K² + 2K)p + K² + 2K + 2.
pub fn two_step_rest<T: Field>(k: &T, p: &T) -> T {
    let (k2, k3, k4) = (k.sqr(), k.sqr() * k.clone(), k.sqr().sqr());
    k4.clone() * p.sqr().sqr()
        - (T::int(3) * k4.clone() + T::int(3) * k3.clone()) * p.sqr() * p.clone()
        + (T::int(3) * k4.clone() + T::int(6) * k3.clone() + T::int(3) * k2.clone()) * p.sqr()
        - (k4 + T::int(3) * k3 + T::int(4) * k2.clone() + T::int(2) * k.clone()) * p.clone()
        + k2
        + T::int(2) * k.clone()
        + T::int(2)
}

/// (p, d) ↦ (p', d'): the map in the coordinates p = xy, d = (x − y)².
pub fn step_pd<T: Field>(k: &T, p: &T, d: &T) -> (T, T) {
    (p_next(k, p, d), d_next(k, p, d))
}

/// Runs the map (13) from (x, y) for `n` steps, returning every iterate (the start first).
pub fn orbit<T: Field>(k: &T, x: &T, y: &T, n: usize) -> Vec<(T, T)> {
    let mut out = vec![(x.clone(), y.clone())];
    for _ in 0..n {
        let (a, b) = out.last().unwrap().clone();
        out.push(step(k, &a, &b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pd_form_matches_xy_form() {
        let (k, x, y) = (1.1f64, 1.3f64, 0.6f64);
        let (a, b) = step(&k, &x, &y);
        let (p, d) = (x * y, (x - y) * (x - y));
        assert!((p_next(&k, &p, &d) - a * b).abs() < 1e-12);
        assert!((d_next(&k, &p, &d) - (a - b) * (a - b)).abs() < 1e-12);
        // A wrong recursion is told apart.
        assert!((p * (1.0 - k * (p - 1.0)).powi(2) - a * b).abs() > 1e-3);
    }

    #[test]
    fn two_steps_are_f_of_f_plus_the_perturbation() {
        let zero = 0.0f64;
        for (k, p, d) in [
            (1.003f64, 1.1f64, 0.004f64),
            (1.1, 0.8, 0.02),
            (1.0, 1.2, 0.0),
        ] {
            let (p1, d1) = step_pd(&k, &p, &d);
            let two = p_next(&k, &p1, &d1);
            let ff = p_next(&k, &p_next(&k, &p, &zero), &zero);
            let e = two_step_perturbation(&k, &p, &d);
            assert!((two - ff - (p - 1.0) * d * e).abs() < 1e-12, "{k} {p} {d}");
            // Without the curvature term the identity fails.
            let wrong = -k * slope(&k, &p_next(&k, &p, &zero), &p1);
            if d > 0.0 {
                assert!((two - ff - (p - 1.0) * d * wrong).abs() > 1e-9);
            }
        }
    }
}
