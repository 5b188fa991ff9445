(** * The models of Chen & Bruna, "Beyond the Edge of Stability via Two-step Gradient
    Updates" (ICML 2023), written in Coq's real numbers.

    Written by hand from the paper's formulas (restored in MATH.md), not generated, so
    that it states independently what the models are. Equation numbers are the paper's. *)

From Coq Require Import Reals Lra.
Open Scope R_scope.

(** ** 1. The 1-D quartic f(x) = 1/4 (x^2 - mu)^2: Theorem 2, Appendices F and L *)

(** GD on f with step eta: x' = x - eta f'(x) = x - eta x (x^2 - mu) (Theorem 2). *)
Definition gd (eta mu x : R) : R := x - eta * x * (x ^ 2 - mu).

(** With eta = K/mu and y = x/sqrt mu: g_K(y) = y (1 + K - K y^2) (Theorem 2, mu = 1). *)
Definition g (K y : R) : R := y * (1 + K - K * y ^ 2).

(** g_K'(y) = 1 + K - 3 K y^2. *)
Definition dg (K y : R) : R := 1 + K - 3 * K * y ^ 2.

(** The two-step map G = g o g of Appendix F (39)-(42). *)
Definition G (K y : R) : R := g K (g K y).

(** g^n(y), the n-th iterate. *)
Fixpoint iter (n : nat) (K y : R) : R :=
  match n with O => y | S m => iter m K (g K y) end.

(** (g^n)'(y) = prod_{i<n} g'(g^i(y)), the multiplier of a period-n point. *)
Fixpoint diter (n : nat) (K y : R) : R :=
  match n with O => 1 | S m => dg K y * diter m K (g K y) end.

(** A = sqrt(1 + 3/K) and B = sqrt(1 - 1/K), so that delta_{1,2} = (A -+ B)/2. *)
Definition orbit_a (K : R) : R := sqrt (1 + 3 / K).
Definition orbit_b (K : R) : R := sqrt (1 - 1 / K).

(** (4) = (34) solved, mu = 1 (MATH.md §1, closed form):
    delta_1 = 1/2 (sqrt(1 + 3/K) - sqrt(1 - 1/K)), the smaller point of the 2-orbit. *)
Definition delta1 (K : R) : R := (sqrt (1 + 3 / K) - sqrt (1 - 1 / K)) / 2.

(** delta_2 = 1/2 (sqrt(1 + 3/K) + sqrt(1 - 1/K)), the larger point of the 2-orbit. *)
Definition delta2 (K : R) : R := (sqrt (1 + 3 / K) + sqrt (1 - 1 / K)) / 2.

(** (37): x_m = sqrt((1 + K)/(3K)), the maximiser of g_K on (0, oo). *)
Definition x_m (K : R) : R := sqrt ((1 + K) / (3 * K)).

(** (4) with mu = 1: eta(delta) = 1 / (delta^2 (sqrt(1/delta^2 - 3/4) + 1/2)). *)
Definition eta_of_delta (d : R) : R := 1 / (d ^ 2 * (sqrt (1 / d ^ 2 - 3 / 4) + 1 / 2)).

(** Appendix L: the two-step multiplier of the orbit, G'(delta_1) = g'(delta_1) g'(delta_2). *)
Definition multiplier (K : R) : R := dg K (delta1 K) * dg K (delta2 K).

(** The upper end of Theorem 2, K* = sqrt(9/2) - 1 (where x_m = delta_1, (37)). *)
Definition K_star : R := sqrt (9 / 2) - 1.

(** ** 2. The 2-D product f(x, y) = 1/2 (xy - 1)^2 (mu = 1): Theorem 3, Appendix G *)

(** (13), first line: x' = x - K y (xy - 1). *)
Definition prod_x (K x y : R) : R := x - K * y * (x * y - 1).

(** (13), second line: y' = y - K x (xy - 1). *)
Definition prod_y (K x y : R) : R := y - K * x * (x * y - 1).

(** (13) with general mu and step eta: GD on 1/2 (xy - mu)^2, first line. *)
Definition prod_gd_x (eta mu x y : R) : R := x - eta * y * (x * y - mu).

(** (13) with general mu and step eta, second line. *)
Definition prod_gd_y (eta mu x y : R) : R := y - eta * x * (x * y - mu).

(** In the coordinates p = xy and d = (x - y)^2 (MATH.md §2, proofs/product.md):
    (52), mu = 1: p' = p (1 - K (p - 1))^2 - K (p - 1) d. *)
Definition prod_p (K p d : R) : R := p * (1 - K * (p - 1)) ^ 2 - K * (p - 1) * d.

(** (50) squared: d' = d (1 + K (p - 1))^2. *)
Definition prod_d (K p d : R) : R := d * (1 + K * (p - 1)) ^ 2.

(** W = (x^2 - y^2)^2 = d (d + 4 p), which does not grow while K^2 (p - 1)^2 <= 2. *)
Definition prod_w (p d : R) : R := d * (d + 4 * p).

(** Appendix G: m with p' - 1 = (p - 1) m,
    m = (1 - 2K) + (p - 1)(K^2 - 2K) + K^2 (p - 1)^2 - K d. *)
Definition prod_m (K p d : R) : R :=
  1 - 2 * K + (p - 1) * (K ^ 2 - 2 * K) + K ^ 2 * (p - 1) ^ 2 - K * d.

(** Appendix G, (51): Z = (K + 1 + K d) - K (p - 1)(K - 1 + K (p - 1)), the second-order
    margin of the two-step imbalance factor (1 + K(p - 1))(1 + K(p' - 1)). *)
Definition prod_z (K p d : R) : R :=
  K + 1 + K * d - K * (p - 1) * (K - 1 + K * (p - 1)).

(** ** 3. The single ReLU neuron, reduced variables (v, w_x, w_y): Section 5, (77)-(80) *)

(** alpha = atan2(w_y, w_x), the angle between w and the teacher, written with the
    half-angle formula atan2(w_y, w_x) = 2 atan(w_y / (||w|| + w_x)), which holds whenever
    w_y > 0 or w_x > 0 (the reduced variables have w_y >= 0), and which the [interval]
    tactic evaluates (atan, sqrt, division) with no case split. For w_x > 0 it equals
    atan(w_y / w_x) ([Angle.alpha_atan] proves this). *)
Definition alpha (wx wy : R) : R := 2 * atan (wy / (sqrt (wx ^ 2 + wy ^ 2) + wx)).

(** (77)-(80) of MATH.md §3, the v line (which label is on which line is a
    reconstruction): v' = v - K [ v (w_x^2 + w_y^2) - (1/pi)(w_y + (pi - alpha) w_x) ]. *)
Definition neuron_v (K v wx wy : R) : R :=
  v - K * (v * (wx ^ 2 + wy ^ 2) - / PI * (wy + (PI - alpha wx wy) * wx)).

(** (77)-(80), the w_x line: w_x' = w_x - K [ v^2 w_x - (v/pi)(pi - alpha + w_x w_y/(w_x^2 + w_y^2)) ]. *)
Definition neuron_wx (K v wx wy : R) : R :=
  wx - K * (v ^ 2 * wx - v / PI * (PI - alpha wx wy + wx * wy / (wx ^ 2 + wy ^ 2))).

(** (77)-(80), the w_y line (written (80) in the project): w_y' = w_y - K [ v^2 w_y - (v/pi) w_y^2/(w_x^2 + w_y^2) ]. *)
Definition neuron_wy (K v wx wy : R) : R :=
  wy - K * (v ^ 2 * wy - v / PI * (wy ^ 2 / (wx ^ 2 + wy ^ 2))).

(** Stage 1 of Theorem 4 in scale-free units: a state (v, w_x, w_y) = t (u, m_x, m_y) with
    s = t^2. Every term of (77)-(79) is homogeneous of degree 1 or 3 in (v, w) and the angle
    does not change with the scale, so one step is t times the scaled step below, whose cubic
    terms carry s (proofs/theorem4.md, T4.stage1). The angle is passed as [al]. *)
Definition scaled_u (K s u mx my al : R) : R :=
  u - K * (u * (mx ^ 2 + my ^ 2) * s - / PI * (my + (PI - al) * mx)).

(** The scaled w_x line: m_x - K [ u^2 m_x s - (u/pi)(pi - al + m_x m_y/n) ], n = m_x^2 + m_y^2. *)
Definition scaled_mx (K s u mx my al : R) : R :=
  mx - K * (u ^ 2 * mx * s - u / PI * (PI - al + mx * my / (mx ^ 2 + my ^ 2))).

(** The scaled w_y line: m_y - K [ u^2 m_y s - (u/pi) m_y^2/n ]. *)
Definition scaled_my (K s u mx my : R) : R :=
  my - K * (u ^ 2 * my * s - u / PI * (my ^ 2 / (mx ^ 2 + my ^ 2))).
