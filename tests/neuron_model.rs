//! T4.model: the reduced map (77)-(80) on (v, w_x, w_y) is gradient descent with η = K d
//! on the population loss of the single-neuron network in full dimension d, and the
//! closed-form loss is the population loss (seeded Monte-Carlo, stated tolerance).
//!
//! The full-dimension gradient is written independently of the reduced map:
//! with θ the angle between w and w̃ = e₁ and g(w) = E σ(wᵀx) σ(w̃ᵀx) = ‖w‖ h(θ)/(2π d),
//! ∇g = ((π − θ) w̃ + sin θ · w/‖w‖)/(2π d) (the θ-derivative terms cancel), so
//! ∂L/∂v = (1/d)[v‖w‖² − (‖w‖/π) h(θ)], ∇_w L = (1/d)[v² w − (v/π)((π − θ) w̃ + sin θ · w/‖w‖)].
//! MATH.md §3 writes ∇_w L with w̃⊥ instead; both forms are compared.

use std::f64::consts::PI;
use twostep::models::neuron::{self, State};

/// SplitMix64: a small seeded generator, so every run draws the same states.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.unit()
    }
    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit();
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * PI * v).cos()
    }
}

fn norm(w: &[f64]) -> f64 {
    w.iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn relu(x: f64) -> f64 {
    x.max(0.0)
}

/// θ = angle(w, e₁), computed in full dimension.
fn theta(w: &[f64]) -> f64 {
    norm(&w[1..]).atan2(w[0])
}

/// h(θ) = sin θ + (π − θ) cos θ.
fn h(t: f64) -> f64 {
    t.sin() + (PI - t) * t.cos()
}

/// The closed-form population loss L in dimension d = w.len().
fn loss(v: f64, w: &[f64]) -> f64 {
    let d = w.len() as f64;
    let n = norm(w);
    (v * v * n * n - 2.0 / PI * v * n * h(theta(w)) + 1.0) / (2.0 * d)
}

/// The closed-form gradient (∂L/∂v, ∇_w L), full dimension, w̃-free form.
fn gradient(v: f64, w: &[f64]) -> (f64, Vec<f64>) {
    let d = w.len() as f64;
    let n = norm(w);
    let t = theta(w);
    let gv = (v * n * n - n / PI * h(t)) / d;
    let gw = w
        .iter()
        .enumerate()
        .map(|(i, wi)| {
            let teacher = if i == 0 { 1.0 } else { 0.0 };
            (v * v * wi - v / PI * ((PI - t) * teacher + t.sin() * wi / n)) / d
        })
        .collect();
    (gv, gw)
}

/// ∇_w L in the form of MATH.md §3: (1/d)[v² w − (v/π)(π − α + ½ sin 2α) w̃ − (v/π)(½ − ½ cos 2α) w̃⊥].
fn gradient_w_math(v: f64, w: &[f64]) -> Vec<f64> {
    let d = w.len() as f64;
    let a = theta(w);
    let perp_norm = norm(&w[1..]);
    w.iter()
        .enumerate()
        .map(|(i, wi)| {
            let teacher = if i == 0 { 1.0 } else { 0.0 };
            let perp = if i == 0 || perp_norm == 0.0 {
                0.0
            } else {
                wi / perp_norm
            };
            (v * v * wi
                - v / PI * (PI - a + 0.5 * (2.0 * a).sin()) * teacher
                - v / PI * (0.5 - 0.5 * (2.0 * a).cos()) * perp)
                / d
        })
        .collect()
}

/// One step of full GD with η = K d, reduced to (v, w_x, w_y = ‖w − w_x e₁‖).
fn full_step_reduced(k: f64, v: f64, w: &[f64]) -> (f64, f64, f64) {
    let d = w.len() as f64;
    let (gv, gw) = gradient(v, w);
    let eta = k * d;
    let v1 = v - eta * gv;
    let w1: Vec<f64> = w.iter().zip(&gw).map(|(a, g)| a - eta * g).collect();
    (v1, w1[0], norm(&w1[1..]))
}

type Map = fn(f64, &State<f64>) -> State<f64>;

fn reduced_map(k: f64, s: &State<f64>) -> State<f64> {
    neuron::step(&k, s)
}

/// (78) with the term w_x w_y/‖w‖² dropped: a wrong map the check must reject.
fn dropped_term_map(k: f64, s: &State<f64>) -> State<f64> {
    let mut t = neuron::step(&k, s);
    t.wx = s.wx - k * (s.v * s.v * s.wx - s.v / PI * (PI - neuron::alpha(&s.wx, &s.wy)));
    t
}

fn random_state(rng: &mut Rng, d: usize) -> (f64, f64, Vec<f64>) {
    let k = rng.uniform(1.0, 1.1);
    let v = rng.uniform(-1.5, 1.5);
    let scale = rng.uniform(0.05, 1.5);
    let w: Vec<f64> = (0..d).map(|_| scale * rng.normal()).collect();
    (k, v, w)
}

/// Largest disagreement between full GD and `map` over `n` random states per dimension.
fn worst_disagreement(map: Map, n: usize, seed: u64) -> f64 {
    let mut rng = Rng(seed);
    let mut worst: f64 = 0.0;
    for d in [2usize, 3, 5, 10] {
        for _ in 0..n {
            let (k, v, w) = random_state(&mut rng, d);
            let (fv, fx, fy) = full_step_reduced(k, v, &w);
            let s = State::new(v, w[0], norm(&w[1..]));
            let r = map(k, &s);
            // (80) gives a signed w_y⁺; the network's w_y is its absolute value.
            let e = (fv - r.v)
                .abs()
                .max((fx - r.wx).abs())
                .max((fy - r.wy.abs()).abs());
            worst = worst.max(e);
        }
    }
    worst
}

#[test]
fn reduced_map_is_full_gradient_descent() {
    let worst = worst_disagreement(reduced_map, 2500, 1);
    assert!(
        worst <= 1e-12,
        "reduced map and full GD differ by {worst:e}"
    );
}

#[test]
fn a_wrong_reduced_map_is_rejected() {
    let worst = worst_disagreement(dropped_term_map, 200, 2);
    assert!(
        worst > 1e-3,
        "the check did not see the dropped term (worst {worst:e})"
    );
}

#[test]
fn both_forms_of_the_weight_gradient_agree() {
    let mut rng = Rng(3);
    for d in [2usize, 3, 5, 10] {
        for _ in 0..1000 {
            let (_, v, w) = random_state(&mut rng, d);
            let (_, a) = gradient(v, &w);
            let b = gradient_w_math(v, &w);
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() <= 1e-12, "d = {d}: {x} vs {y}");
            }
        }
    }
}

#[test]
fn gradient_is_the_derivative_of_the_loss() {
    // Central differences of the closed-form loss, step 1e-5: error O(1e-10) on these states.
    let mut rng = Rng(4);
    let hstep = 1e-5;
    for d in [2usize, 3, 5, 10] {
        for _ in 0..200 {
            let (_, v, w) = random_state(&mut rng, d);
            let (gv, gw) = gradient(v, &w);
            let fd_v = (loss(v + hstep, &w) - loss(v - hstep, &w)) / (2.0 * hstep);
            assert!((fd_v - gv).abs() < 1e-7, "d = {d}: ∂L/∂v {gv} vs {fd_v}");
            for i in 0..d {
                let mut wp = w.clone();
                let mut wm = w.clone();
                wp[i] += hstep;
                wm[i] -= hstep;
                let fd = (loss(v, &wp) - loss(v, &wm)) / (2.0 * hstep);
                assert!(
                    (fd - gw[i]).abs() < 1e-7,
                    "d = {d}, i = {i}: {} vs {fd}",
                    gw[i]
                );
            }
        }
    }
}

#[test]
fn reduced_loss_is_the_full_loss() {
    let mut rng = Rng(5);
    for d in [2usize, 3, 5, 10] {
        for _ in 0..500 {
            let (_, v, w) = random_state(&mut rng, d);
            let s = State::new(v, w[0], norm(&w[1..]));
            let e = (neuron::loss_times_d(&s) / d as f64 - loss(v, &w)).abs();
            assert!(e <= 1e-12);
        }
    }
}

/// Monte-Carlo mean and standard error of (v σ(wᵀx) − σ(x₁))², x uniform on S^{d−1}.
fn monte_carlo(rng: &mut Rng, v: f64, w: &[f64], n: usize) -> (f64, f64) {
    let d = w.len();
    let (mut sum, mut sum2) = (0.0, 0.0);
    let mut x = vec![0.0; d];
    for _ in 0..n {
        for xi in x.iter_mut() {
            *xi = rng.normal();
        }
        let r = norm(&x);
        let wx: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum::<f64>() / r;
        let e = v * relu(wx) - relu(x[0] / r);
        sum += e * e;
        sum2 += e * e * e * e;
    }
    let mean = sum / n as f64;
    let var = (sum2 / n as f64 - mean * mean).max(0.0);
    (mean, (var / n as f64).sqrt())
}

/// Tolerance: 5 standard errors of the Monte-Carlo mean (a false alarm has probability
/// below 1e-6 per state; the seed makes the run reproducible).
const SIGMAS: f64 = 5.0;

#[test]
fn closed_form_loss_matches_monte_carlo() {
    let mut rng = Rng(6);
    for d in [2usize, 3, 5, 10] {
        for _ in 0..4 {
            let (_, v, w) = random_state(&mut rng, d);
            let (mean, se) = monte_carlo(&mut rng, v, &w, 200_000);
            let l = loss(v, &w);
            assert!(
                (mean - l).abs() <= SIGMAS * se,
                "d = {d}: closed form {l}, Monte-Carlo {mean} ± {se}"
            );
        }
    }
}

#[test]
fn monte_carlo_check_rejects_a_wrong_loss() {
    // The loss with the factor 1/(2π) of the cross term replaced by 1/π must be caught.
    let mut rng = Rng(7);
    let mut caught = 0;
    for d in [2usize, 3, 5, 10] {
        let (v, w) = (
            0.8,
            (0..d)
                .map(|i| if i == 0 { 0.9 } else { 0.2 })
                .collect::<Vec<_>>(),
        );
        let (mean, se) = monte_carlo(&mut rng, v, &w, 200_000);
        let n = norm(&w);
        let wrong = (v * v * n * n - 4.0 / PI * v * n * h(theta(&w)) + 1.0) / (2.0 * d as f64);
        if (mean - wrong).abs() > SIGMAS * se {
            caught += 1;
        }
    }
    assert_eq!(caught, 4);
}
