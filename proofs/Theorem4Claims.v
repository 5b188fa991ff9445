(** * Theorem 4, stage 1 in Coq: the scale-free step.

    The certificate's obligations T4.stage1/scaling-v, -wx, -wy check, with the angle a free
    symbol, that (77)-(79) at t (u, m_x, m_y) is t times the scaled step. Here the same fact
    is stated on [Model]'s neuron map, whose angle is [alpha] of the state, and proved for
    every t > 0 together with the angle's scale invariance ([Angle.alpha_scale]): so the
    region rules of stage 1, written on the scaled step at the cell's angle, speak about the
    paper's map. The region rules' cells are generated lemmas (Theorem4_T4_stage1_start and
    Theorem4_T4_stage1_invariant, one [interval] lemma per cell on [scaled_u], [scaled_mx],
    [scaled_my]), stated at the cell's angle: [Angle.alpha_polar] proves that this is the
    state's own angle (alpha (r cos t) (r sin t) = t for r > 0, |t| < pi). Stage 2 has no Coq
    statement yet, which the generated Theorem4_all.v says. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model Angle.
Open Scope R_scope.

Lemma PI_neq_0 : PI <> 0.
Proof. generalize PI_RGT_0. lra. Qed.

(** One step from t (u, m_x, m_y), t > 0, is t times the scaled step with s = t^2 at the
    angle of (m_x, m_y). *)
Theorem stage1_scaling K t u mx my :
  0 < t -> 0 < mx ^ 2 + my ^ 2 ->
  neuron_v K (t * u) (t * mx) (t * my) = t * scaled_u K (t ^ 2) u mx my (alpha mx my) /\
  neuron_wx K (t * u) (t * mx) (t * my) = t * scaled_mx K (t ^ 2) u mx my (alpha mx my) /\
  neuron_wy K (t * u) (t * mx) (t * my) = t * scaled_my K (t ^ 2) u mx my.
Proof.
  intros Ht Hn.
  unfold neuron_v, neuron_wx, neuron_wy, scaled_u, scaled_mx, scaled_my.
  rewrite alpha_scale by lra.
  assert (Hpi := PI_neq_0).
  assert (Hn' : (t * mx) ^ 2 + (t * my) ^ 2 <> 0).
  { replace ((t * mx) ^ 2 + (t * my) ^ 2) with (t ^ 2 * (mx ^ 2 + my ^ 2)) by ring.
    apply Rgt_not_eq, Rmult_lt_0_compat; [apply pow_lt |]; lra. }
  repeat split; field; lra.
Qed.

(** In scaled units the product v w_x of the next state is s u' m_x' (s = t^2 the scale of
    the state the step starts from), as the stage-1 rules use it. *)
Corollary stage1_product K t u mx my :
  0 < t -> 0 < mx ^ 2 + my ^ 2 ->
  neuron_v K (t * u) (t * mx) (t * my) * neuron_wx K (t * u) (t * mx) (t * my) =
  t ^ 2 * (scaled_u K (t ^ 2) u mx my (alpha mx my) * scaled_mx K (t ^ 2) u mx my (alpha mx my)).
Proof.
  intros Ht Hn. destruct (stage1_scaling K t u mx my Ht Hn) as [Hv [Hx _]].
  rewrite Hv, Hx. ring.
Qed.
