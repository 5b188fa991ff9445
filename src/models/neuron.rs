//! The single-neuron ReLU network of Section 5, Theorem 4 and Appendix I, reduced to
//! the three variables (v, w_x, w_y) of MATH.md §3.
//!
//! f(x; v, w) = v σ(wᵀx), teacher w̃ = e₁, x uniform on the sphere S^{d−1}, loss
//! L = E (f − σ(w̃ᵀx))² (no ½). With η = K d, gradient descent on (v, w) ∈ ℝ × ℝᵈ acts on
//! v, w_x = ⟨w, w̃⟩ and w_y = ‖w − w_x w̃‖ through (77)-(80), whatever d is; the
//! integration tests `tests/neuron_model.rs` check this against the full gradient.
//! The angle between w and w̃ is α = atan2(w_y, w_x).
//!
//! The formulas are meant for w_y ≥ 0 (w_y is a length). (80) may give w_y⁺ < 0: the
//! network is then the state (v⁺, w_x⁺, |w_y⁺|), since reflecting w across w̃ changes
//! neither the loss nor the dynamics. Box propagation therefore feeds |w_y| to the map.

use crate::arith::{Field, Real};

/// A state (v, w_x, w_y) of the reduced map.
#[derive(Clone, Debug, PartialEq)]
pub struct State<T> {
    /// The output weight v.
    pub v: T,
    /// w_x = ⟨w, w̃⟩.
    pub wx: T,
    /// w_y, the signed length of the part of w orthogonal to w̃.
    pub wy: T,
}

impl<T: Clone> State<T> {
    /// A state from its three coordinates.
    pub fn new(v: T, wx: T, wy: T) -> State<T> {
        State { v, wx, wy }
    }
}

/// α = atan2(w_y, w_x), the angle between w and the teacher w̃ (MATH.md §3).
pub fn alpha<T: Real>(wx: &T, wy: &T) -> T {
    wy.atan2(wx)
}

/// ‖w‖² = w_x² + w_y².
pub fn norm2<T: Field>(wx: &T, wy: &T) -> T {
    wx.sqr() + wy.sqr()
}

/// (77): v⁺ = v − K [ v (w_x² + w_y²) − (1/π)(w_y + (π − α) w_x) ].
pub fn v_next<T: Real>(k: &T, s: &State<T>) -> T {
    let pi = T::pi();
    let a = alpha(&s.wx, &s.wy);
    let grad =
        s.v.clone() * norm2(&s.wx, &s.wy) - (s.wy.clone() + (pi.clone() - a) * s.wx.clone()) / pi;
    s.v.clone() - k.clone() * grad
}

/// (78): w_x⁺ = w_x − K [ v² w_x − (v/π)(π − α + w_x w_y/(w_x² + w_y²)) ].
pub fn wx_next<T: Real>(k: &T, s: &State<T>) -> T {
    let pi = T::pi();
    let a = alpha(&s.wx, &s.wy);
    let cross = s.wx.clone() * s.wy.clone() / norm2(&s.wx, &s.wy);
    let grad = s.v.sqr() * s.wx.clone() - s.v.clone() / pi.clone() * (pi - a + cross);
    s.wx.clone() - k.clone() * grad
}

/// (79): w_y⁺ = w_y − K [ v² w_y − (v/π) w_y²/(w_x² + w_y²) ].
pub fn wy_next<T: Real>(k: &T, s: &State<T>) -> T {
    let pi = T::pi();
    let grad = s.v.sqr() * s.wy.clone() - s.v.clone() / pi * s.wy.sqr() / norm2(&s.wx, &s.wy);
    s.wy.clone() - k.clone() * grad
}

/// (80): the factor of w_y⁺ = w_y · c, c = 1 − K v (v − w_y/(π (w_x² + w_y²))).
pub fn wy_factor<T: Real>(k: &T, s: &State<T>) -> T {
    let inner = s.v.clone() - s.wy.clone() / (T::pi() * norm2(&s.wx, &s.wy));
    T::int(1) - k.clone() * s.v.clone() * inner
}

/// (80): w_y⁺ = w_y [ 1 − K v (v − w_y/(π (w_x² + w_y²))) ], the factor form of (79).
pub fn wy_next_factor<T: Real>(k: &T, s: &State<T>) -> T {
    s.wy.clone() * wy_factor(k, s)
}

/// (77), (78) and the factor c of (80) at once, with π, α and ‖w‖² computed once (the
/// same values [`v_next`], [`wx_next`] and [`wy_factor`] give, for a third of the work).
fn shared<T: Real>(k: &T, s: &State<T>) -> [T; 3] {
    let pi = T::pi();
    let a = alpha(&s.wx, &s.wy);
    let n2 = norm2(&s.wx, &s.wy);
    let gv = s.v.clone() * n2.clone()
        - (s.wy.clone() + (pi.clone() - a.clone()) * s.wx.clone()) / pi.clone();
    let cross = s.wx.clone() * s.wy.clone() / n2.clone();
    let gx = s.v.sqr() * s.wx.clone() - s.v.clone() / pi.clone() * (pi.clone() - a + cross);
    let inner = s.v.clone() - s.wy.clone() / (pi * n2);
    let c = T::int(1) - k.clone() * s.v.clone() * inner;
    [
        s.v.clone() - k.clone() * gv,
        s.wx.clone() - k.clone() * gx,
        c,
    ]
}

/// One GD step (77)-(79) with η = K d; w_y⁺ in the factor form (80).
pub fn step<T: Real>(k: &T, s: &State<T>) -> State<T> {
    let [v, wx, c] = shared(k, s);
    State {
        v,
        wx,
        wy: s.wy.clone() * c,
    }
}

/// n steps of [`step`].
pub fn iterate<T: Real>(k: &T, s: &State<T>, n: usize) -> State<T> {
    let mut cur = s.clone();
    for _ in 0..n {
        cur = step(k, &cur);
    }
    cur
}

/// MATH.md §3: the population loss times d, d·L = ½ [ v²‖w‖² − (2/π) v ‖w‖ h(α) + 1 ],
/// h(α) = sin α + (π − α) cos α, written with ‖w‖ h(α) = w_y + (π − α) w_x.
pub fn loss_times_d<T: Real>(s: &State<T>) -> T {
    let pi = T::pi();
    let a = alpha(&s.wx, &s.wy);
    let cross = s.wy.clone() + (pi.clone() - a) * s.wx.clone();
    (s.v.sqr() * norm2(&s.wx, &s.wy) - T::int(2) / pi * s.v.clone() * cross + T::int(1)) / T::int(2)
}

/// F, the map on boxes: (77)-(79) and the factor (80) evaluated at (v, w_x, |w_y|), with
/// w_y⁺ = w_y · c, so that a negative w_y is the reflected network. `abs_wy` is |w_y|,
/// taken by the caller (engines differ in how they take |·|).
pub fn step_with_abs<T: Real>(k: &T, v: &T, wx: &T, wy: &T, abs_wy: &T) -> [T; 3] {
    let s = State::new(v.clone(), wx.clone(), abs_wy.clone());
    let [v1, wx1, c] = shared(k, &s);
    [v1, wx1, wy.clone() * c]
}

/// The Jacobian of (77)-(80) (rows v⁺, w_x⁺, w_y⁺; columns K, v, w_x, w_y) over a box
/// `[K, v, w_x, w_y]` with w_y ≥ 0, by forward differentiation in any engine.
pub fn jacobian<T: Real>(b: &[T; 4]) -> [[T; 4]; 3] {
    use crate::neuron::dual::Dual;
    let [k, v, x, y]: [Dual<T>; 4] = std::array::from_fn(|i| Dual::var(b[i].clone(), i));
    let out = step_with_abs(&k, &v, &x, &y, &y);
    std::array::from_fn(|r| out[r].d.clone())
}

/// The mean-value form of (77)-(80) on a box with w_y ≥ 0 and w_x > 0, given the value
/// `fm` at a point `m` of the box: F(X) ⊆ F(m) + J(X)(X − m).
pub fn mean_value<T: Real>(b: &[T; 4], m: &[T; 4], fm: &[T; 3]) -> [T; 3] {
    let jac = jacobian(b);
    std::array::from_fn(|r| {
        let mut acc = fm[r].clone();
        for c in 0..4 {
            acc = acc + jac[r][c].clone() * (b[c].clone() - m[c].clone());
        }
        acc
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_step_is_the_separate_formulas_exactly() {
        use crate::arith::fiv::Fiv;
        for (v, wx, wy) in [(0.7, 0.8, 0.05), (0.2, 0.1, 0.3), (1.1, 0.9, 1e-4)] {
            let b = |x: f64| Fiv::new(x, x + 1e-3);
            let s = State::new(b(v), b(wx), b(wy));
            let k = Fiv::new(1.05, 1.06);
            let t = step(&k, &s);
            assert_eq!(t.v, v_next(&k, &s));
            assert_eq!(t.wx, wx_next(&k, &s));
            assert_eq!(t.wy, wy_next_factor(&k, &s));
        }
    }

    #[test]
    fn factor_form_equals_update_in_floats() {
        let s = State::new(0.7, 0.9, 0.3);
        let k = 1.05;
        assert!((wy_next(&k, &s) - wy_next_factor(&k, &s)).abs() < 1e-15);
    }

    #[test]
    fn teacher_is_a_fixed_point() {
        // v = 1, w = w̃: the loss is 0 and the map leaves the state where it is.
        let s = State::new(1.0, 1.0, 0.0);
        let t = step(&1.1, &s);
        assert!((t.v - 1.0).abs() < 1e-15 && (t.wx - 1.0).abs() < 1e-15 && t.wy == 0.0);
        assert!(loss_times_d(&s).abs() < 1e-15);
    }

    #[test]
    fn wy_zero_is_the_product_map() {
        // Prop 4: at w_y = 0, (v, w_x) follows GD on ½(v w_x − 1)² with step K.
        let (k, v, x) = (1.1, 0.6, 0.9);
        let t = step(&k, &State::new(v, x, 0.0));
        assert!((t.v - (v - k * x * (v * x - 1.0))).abs() < 1e-15);
        assert!((t.wx - (x - k * v * (v * x - 1.0))).abs() < 1e-15);
        assert_eq!(t.wy, 0.0);
    }
}
