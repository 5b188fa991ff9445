(** * Consistency checks of [Model] against identities the paper derives from its maps
    (MATH.md §1-§3): a mistyped definition would fail these. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model.
Open Scope R_scope.

(** MATH.md §1: GD with eta = K/mu is g_K after the scaling x = sqrt(mu) y. *)
Lemma gd_scaling K s y : 0 < s -> gd (K / s ^ 2) (s ^ 2) (s * y) = s * g K y.
Proof. intros Hs. unfold gd, g. field. lra. Qed.

(** (50): x' - y' = (x - y)(1 + K(xy - 1)). *)
Lemma product_imbalance K x y : prod_x K x y - prod_y K x y = (x - y) * (1 + K * (x * y - 1)).
Proof. unfold prod_x, prod_y. ring. Qed.

(** (52): x'y' = xy (1 - K(xy - 1))^2 - K (x - y)^2 (xy - 1). *)
Lemma product_next_product K x y :
  prod_x K x y * prod_y K x y = x * y * (1 - K * (x * y - 1)) ^ 2 - K * (x - y) ^ 2 * (x * y - 1).
Proof. unfold prod_x, prod_y. ring. Qed.

(** (80), factorised: w_y' = w_y [1 - K v (v - w_y / (pi (w_x^2 + w_y^2)))]. *)
Lemma neuron_wy_factor K v wx wy : wx ^ 2 + wy ^ 2 <> 0 ->
  neuron_wy K v wx wy = wy * (1 - K * v * (v - wy / (PI * (wx ^ 2 + wy ^ 2)))).
Proof. intros H. unfold neuron_wy. pose proof PI_RGT_0. field. split; [exact H | lra]. Qed.

(** Prop 4: at w_y = 0 (and w_x > 0, so alpha = 0) the neuron map is the product map (13)
    with x = v, y = w_x. *)
Lemma neuron_at_wy_zero K v wx : 0 < wx ->
  neuron_v K v wx 0 = prod_x K v wx /\ neuron_wx K v wx 0 = prod_y K v wx /\ neuron_wy K v wx 0 = 0.
Proof.
  intros H. pose proof PI_RGT_0.
  assert (A : alpha wx 0 = 0).
  { unfold alpha. replace (0 / (sqrt (wx ^ 2 + 0 ^ 2) + wx)) with 0.
    - rewrite atan_0. ring.
    - pose proof (sqrt_pos (wx ^ 2 + 0 ^ 2)). field. lra. }
  unfold neuron_v, neuron_wx, neuron_wy, prod_x, prod_y. rewrite A.
  repeat split; field; lra.
Qed.
