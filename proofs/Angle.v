(** * The angle of the neuron model: for w_x > 0 the half-angle form of atan2 used in
    [Model.alpha] is atan(w_y / w_x). *)

From Coq Require Import Reals Lra.
From Interval Require Import Tactic.
From Twostep Require Import Model.
Open Scope R_scope.

Lemma alpha_atan wx wy : 0 < wx -> alpha wx wy = atan (wy / wx).
Proof.
  intros Hx. unfold alpha.
  set (r := sqrt (wx ^ 2 + wy ^ 2)).
  assert (Hr2 : r * r = wx ^ 2 + wy ^ 2) by (apply sqrt_sqrt; nra).
  assert (Hr0 : 0 <= r) by apply sqrt_pos.
  assert (Hry : Rabs wy < r + wx).
  { destruct (Rle_or_lt 0 wy); [rewrite Rabs_right by lra | rewrite Rabs_left by lra]; nra. }
  set (t := wy / (r + wx)).
  assert (Ht : -1 < t < 1).
  { unfold t. apply Rabs_def2 in Hry. split.
    - apply (Rmult_lt_reg_r (r + wx)); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
    - apply (Rmult_lt_reg_r (r + wx)); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra. }
  set (th := atan t).
  assert (Hth : - (PI / 4) < th < PI / 4).
  { rewrite <- atan_1. unfold th. split.
    - rewrite <- atan_opp. apply atan_increasing. lra.
    - apply atan_increasing. lra. }
  assert (Hpi : 0 < PI) by apply PI_RGT_0.
  assert (Hc1 : 0 < cos th) by (apply cos_gt_0; lra).
  assert (Hc2 : 0 < cos (2 * th)) by (apply cos_gt_0; lra).
  assert (Htan : tan th = t) by (unfold th; apply tan_atan).
  assert (Hden : 1 - tan th * tan th <> 0) by (rewrite Htan; nra).
  assert (H2 : tan (2 * th) = wy / wx).
  { rewrite tan_2a by (first [exact Hden | lra]). rewrite Htan. unfold t.
    assert (E : 1 - wy / (r + wx) * (wy / (r + wx)) = 2 * wx / (r + wx)).
    { field_simplify_eq; [lra | lra]. }
    rewrite E. field. split; lra. }
  rewrite <- H2. rewrite atan_tan; [reflexivity | lra].
Qed.

(** The [interval] tactic evaluates the neuron map, also at w_x = 0 where atan(w_y/w_x) is
    undefined: one step from the paper's experiment start v = 0.1, w = (0, 0.1), K = 1.1. *)
Example alpha_at_wx_zero : Rabs (alpha 0 (1 / 10) - PI / 2) <= 1 / 10 ^ 12.
Proof. unfold alpha. interval. Qed.

Example neuron_step_from_the_experiment_start :
  13391408 / 10 ^ 8 <= neuron_v (11 / 10) (1 / 10) 0 (1 / 10) <= 13391409 / 10 ^ 8 /\
  5499999 / 10 ^ 8 <= neuron_wx (11 / 10) (1 / 10) 0 (1 / 10) <= 5500001 / 10 ^ 8 /\
  13391408 / 10 ^ 8 <= neuron_wy (11 / 10) (1 / 10) 0 (1 / 10) <= 13391409 / 10 ^ 8.
Proof. unfold neuron_v, neuron_wx, neuron_wy, alpha. repeat split; interval. Qed.

(** The angle does not change with the scale: alpha (t w_x) (t w_y) = alpha w_x w_y, t > 0
    (the fact behind Theorem 4's scale-free stage 1). *)
Lemma alpha_scale t wx wy : 0 < t -> alpha (t * wx) (t * wy) = alpha wx wy.
Proof.
  intros Ht. unfold alpha.
  replace ((t * wx) ^ 2 + (t * wy) ^ 2) with (t ^ 2 * (wx ^ 2 + wy ^ 2)) by ring.
  rewrite sqrt_mult_alt by (apply pow_le; lra).
  replace (sqrt (t ^ 2)) with t by (rewrite <- (sqrt_pow2 t) at 1 by lra; reflexivity).
  set (r := sqrt (wx ^ 2 + wy ^ 2)).
  replace (t * r + t * wx) with (t * (r + wx)) by ring.
  unfold Rdiv. rewrite Rinv_mult.
  replace (t * wy * (/ t * / (r + wx))) with ((t * / t) * (wy * / (r + wx))) by ring.
  rewrite Rinv_r by lra. rewrite Rmult_1_l. reflexivity.
Qed.

(** The angle of a state written in polar form is its polar angle: alpha (r cos t) (r sin t) = t
    for r > 0 and -pi < t < pi. So the stage-1 cells of Theorem 4, stated at the cell's angle
    (the state (cos al, sin al)/sqrt a, or (cos th, sin th) at the start), speak about the map
    of [Model] at the state's own angle. *)
Lemma alpha_polar r t : 0 < r -> - PI < t < PI -> alpha (r * cos t) (r * sin t) = t.
Proof.
  intros Hr Ht. rewrite alpha_scale by exact Hr. unfold alpha.
  pose proof (sin2_cos2 t) as Hsc. unfold Rsqr in Hsc.
  replace (cos t ^ 2 + sin t ^ 2) with 1 by lra.
  rewrite sqrt_1.
  assert (Hh : - (PI / 2) < t / 2 < PI / 2) by lra.
  assert (Hc : 0 < cos (t / 2)) by (apply cos_gt_0; lra).
  pose proof (sin_2a (t / 2)) as S. pose proof (cos_2a_cos (t / 2)) as C.
  replace (2 * (t / 2)) with t in S, C by field.
  assert (E : sin t / (1 + cos t) = tan (t / 2)).
  { rewrite S, C. unfold tan.
    assert (0 < cos (t / 2) * cos (t / 2)) by nra.
    field. repeat split; lra. }
  rewrite E, atan_tan by lra. field.
Qed.
