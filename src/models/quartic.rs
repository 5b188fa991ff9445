//! The 1-D quartic f(x) = ¼(x² − μ)² of Theorem 2 and Appendices F and L.
//!
//! After the scaling y = x/√μ with η = K/μ every statement is about
//! g_K(y) = y(1 + K − K y²) (MATH.md §1).

use crate::arith::{Field, Sqrt};

/// GD on ¼(x² − μ)²: x ↦ x − η x (x² − μ) (the update of Theorem 2).
pub fn gd<T: Field>(eta: &T, mu: &T, x: &T) -> T {
    x.clone() - eta.clone() * x.clone() * (x.sqr() - mu.clone())
}

/// g_K(y) = y (1 + K − K y²): GD with μ = 1, η = K.
pub fn step<T: Field>(k: &T, y: &T) -> T {
    y.clone() * (T::int(1) + k.clone() - k.clone() * y.sqr())
}

/// g_K'(y) = 1 + K − 3 K y².
pub fn dstep<T: Field>(k: &T, y: &T) -> T {
    T::int(1) + k.clone() - T::int(3) * k.clone() * y.sqr()
}

/// G = g∘g, the two-step map.
pub fn two_step<T: Field>(k: &T, y: &T) -> T {
    step(k, &step(k, y))
}

/// G'(y) = g'(g(y)) g'(y).
pub fn dtwo_step<T: Field>(k: &T, y: &T) -> T {
    dstep(k, &step(k, y)) * dstep(k, y)
}

/// gⁿ(y).
pub fn iterate<T: Field>(k: &T, y: &T, n: usize) -> T {
    let mut v = y.clone();
    for _ in 0..n {
        v = step(k, &v);
    }
    v
}

/// (gⁿ)'(y) = ∏ g'(gⁱ(y)), i < n.
pub fn diterate<T: Field>(k: &T, y: &T, n: usize) -> T {
    let mut v = y.clone();
    let mut d = T::int(1);
    for _ in 0..n {
        d = d * dstep(k, &v);
        v = step(k, &v);
    }
    d
}

/// A = √(1 + 3/K), so that δ₁,₂ = (A ∓ B)/2.
pub fn orbit_a<T: Sqrt>(k: &T) -> T {
    (T::int(1) + T::int(3) / k.clone()).sqrt()
}

/// B = √(1 − 1/K), so that δ₁,₂ = (A ∓ B)/2; B > 0 exactly when K > 1.
pub fn orbit_b<T: Sqrt>(k: &T) -> T {
    (T::int(1) - T::int(1) / k.clone()).sqrt()
}

/// δ₁ = ½(√(1 + 3/K) − √(1 − 1/K)), the smaller point of the period-2 orbit.
pub fn delta1<T: Sqrt>(k: &T) -> T {
    (orbit_a(k) - orbit_b(k)) / T::int(2)
}

/// δ₂ = ½(√(1 + 3/K) + √(1 − 1/K)), the larger point of the period-2 orbit.
pub fn delta2<T: Sqrt>(k: &T) -> T {
    (orbit_a(k) + orbit_b(k)) / T::int(2)
}

/// (37): x_m = √((1 + K)/(3K)), the maximiser of g on (0, ∞).
pub fn x_max<T: Sqrt>(k: &T) -> T {
    ((T::int(1) + k.clone()) / (T::int(3) * k.clone())).sqrt()
}

/// (4) with μ = 1: η(δ) = 1 / (δ² (√(1/δ² − 3/4) + 1/2)).
pub fn eta_of_delta<T: Sqrt>(delta: &T) -> T {
    let d2 = delta.sqr();
    T::int(1) / (d2.clone() * ((T::int(1) / d2 - T::ratio(3, 4)).sqrt() + T::ratio(1, 2)))
}

/// The two-step multiplier of the orbit, g'(δ₁) g'(δ₂).
pub fn multiplier<T: Sqrt>(k: &T) -> T {
    dstep(k, &delta1(k)) * dstep(k, &delta2(k))
}
