(** * Facts and tactics used by the generated proofs: the radicands of the model's square
    roots are non-negative, and a tactic that proves identities with square roots by
    reducing every power r^(n+2) of a root r to (r*r) r^n = radicand * r^n. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model.
Open Scope R_scope.

Lemma rad_a K : 0 < K -> 0 <= 1 + 3 / K.
Proof. intros H. unfold Rdiv. assert (0 < / K) by (apply Rinv_0_lt_compat; lra). lra. Qed.

Lemma rad_b K : 1 <= K -> 0 <= 1 - 1 / K.
Proof.
  intros H. unfold Rdiv. rewrite Rmult_1_l.
  assert (/ K <= 1) by (rewrite <- Rinv_1; apply Rinv_le_contravar; lra). lra.
Qed.

Lemma rad_xm K : 0 < K -> 0 <= (1 + K) / (3 * K).
Proof. intros H. unfold Rdiv. assert (0 < / (3 * K)) by (apply Rinv_0_lt_compat; lra). nra. Qed.

Lemma rad_s d : 0 < d -> d ^ 2 <= 4 / 3 -> 0 <= 1 / d ^ 2 - 3 / 4.
Proof.
  intros H1 H2. assert (0 < d ^ 2) by (apply pow_lt; lra).
  replace (1 / d ^ 2 - 3 / 4) with ((4 - 3 * d ^ 2) / (4 * d ^ 2)) by (field; lra).
  unfold Rdiv. apply Rmult_le_pos; [lra | left; apply Rinv_0_lt_compat; lra].
Qed.

Lemma sq_sqrt_rad x : 0 <= x -> sqrt x * sqrt x = x.
Proof. apply sqrt_sqrt. Qed.

Lemma pow_reduce x a n : x * x = a -> x ^ S (S n) = a * x ^ n.
Proof. intros H. simpl. rewrite <- H. ring. Qed.

(** Rewrites every power x^(n+2) in the goal to a x^n, given Hx : x * x = a. *)
Ltac reduce_root x a Hx :=
  repeat match goal with
  | |- context [x ^ S (S ?n)] => rewrite (pow_reduce x a n Hx)
  end.

(** Unfolds every definition of [Model] that a quantity can mention. *)
Ltac unfold_model :=
  cbn [iter diter] in *;
  unfold multiplier, G, neuron_v, neuron_wx, neuron_wy, scaled_u, scaled_mx, scaled_my in *;
  unfold g, dg, gd, delta1, delta2, orbit_a, orbit_b, x_m, eta_of_delta,
    K_star, prod_x, prod_y, prod_gd_x, prod_gd_y, prod_p, prod_d, prod_w, prod_m, prod_z, alpha in *.
