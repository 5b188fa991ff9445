(** * P3.orbit-global: the steps of the derivation that hold for every K, p, d

    proofs/product.md derives P3.orbit-global from the certificate's obligations. What is
    proved here by hand, for all real numbers (no cells, no sampling):
    - [w_decay_margin]: with the region's margin 2 - K^2 (p - 1)^2 >= mu, the quantity
      W = d (d + 4p) shrinks by the factor 1 - K^2 mu (p - 1)^2 in one step;
    - [strip_repels]: where m = (p' - 1)/(p - 1) <= -lambda, |p' - 1| >= lambda |p - 1|;
    - [repelled_forever_lands]: a sequence with |p_(t+1) - 1| >= lambda |p_t - 1|,
      lambda > 1, that stays within s of 1 for ever starts on p = 1 (steps 2 and 4);
    - [slope_form]: F(q) - F(p) = (q - p) D(p, q) for the diagonal p-map F (step 5);
    - [cell0_grows]: for p <= 1, p' >= p (1 - K (p - 1))^2 (cell 0's loop, step 4);
    - [slab_d_bounds]: a point of the slab {W <= omega} with p >= a has d <= dcap and
      4 a d <= omega, the d range of a slab cell (the generated slab-graph files join their
      cell lemmas with it into "the slab is mapped into itself" and, for P3.orbit-near,
      "the near range is mapped into itself").
    The acyclicity of the slab's transition graph is used through [SlabReach.slab_reach]:
    each slab piece generated in full has the theorem that every orbit of its slab reaches
    the goal (the targets, or the near range N), lands on p = 1, or is the origin, and
    with [TargetConverge.targets_converge] and [TargetConverge.period2_squares] that an
    orbit in a target converges to the period-2 orbit (delta_1^2, delta_2^2 in p).
    [RegionEnters.region_enters] is the region's part (an orbit of a row's region lands on
    p = 1 or enters the slab), the generated claim file joins all pieces, and
    [NearConverge.near_converges] is P3.orbit-near's convergence inside N. A sampled piece
    has only its sampled cells. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model.
Open Scope R_scope.

(** W' = W (1 - K^2 (p - 1)^2)^2 <= W (1 - K^2 mu (p - 1)^2) when
    mu <= 2 - K^2 (p - 1)^2 and W >= 0. *)
Theorem w_decay_margin K p d mu :
  0 <= prod_w p d -> 0 <= mu -> (K * (p - 1)) ^ 2 <= 2 - mu ->
  prod_w (prod_p K p d) (prod_d K p d) <= prod_w p d * (1 - K ^ 2 * mu * (p - 1) ^ 2).
Proof.
  intros Hw Hmu Hk.
  assert (E : prod_w (prod_p K p d) (prod_d K p d)
              = prod_w p d * (1 - (K * (p - 1)) ^ 2) ^ 2)
    by (unfold prod_w, prod_p, prod_d; ring).
  rewrite E.
  apply Rmult_le_compat_l; [exact Hw |].
  assert (He : 0 <= (K * (p - 1)) ^ 2) by apply pow2_ge_0.
  assert (Hp : 0 <= (K * (p - 1)) ^ 2 * (2 - (K * (p - 1)) ^ 2 - mu))
    by (apply Rmult_le_pos; lra).
  replace (K ^ 2 * mu * (p - 1) ^ 2) with ((K * (p - 1)) ^ 2 * mu) by ring.
  replace ((1 - (K * (p - 1)) ^ 2) ^ 2)
    with (1 - (K * (p - 1)) ^ 2 * mu - (K * (p - 1)) ^ 2 * (2 - (K * (p - 1)) ^ 2 - mu)) by ring.
  lra.
Qed.

(** p' - 1 = (p - 1) m; so m <= -lambda gives |p' - 1| >= lambda |p - 1|. *)
Theorem strip_repels K p d lambda :
  0 <= lambda -> prod_m K p d <= - lambda ->
  lambda * Rabs (p - 1) <= Rabs (prod_p K p d - 1).
Proof.
  intros Hl Hm.
  replace (prod_p K p d - 1) with ((p - 1) * prod_m K p d)
    by (unfold prod_p, prod_m; ring).
  rewrite Rabs_mult, Rmult_comm.
  apply Rmult_le_compat_l; [apply Rabs_pos |].
  rewrite Rabs_left1 by lra. lra.
Qed.

(** A sequence repelled from 1 by a factor lambda > 1 that stays within s of 1 for ever
    starts at 1. *)
Theorem repelled_forever_lands (q : nat -> R) lambda s :
  1 < lambda ->
  (forall t, lambda * Rabs (q t - 1) <= Rabs (q (S t) - 1)) ->
  (forall t, Rabs (q t - 1) <= s) ->
  q 0%nat = 1.
Proof.
  intros Hl Hstep Hs.
  assert (Hgrow : forall t, lambda ^ t * Rabs (q 0%nat - 1) <= Rabs (q t - 1)).
  { induction t as [| t IH].
    - simpl. lra.
    - simpl. specialize (Hstep t).
      assert (0 <= lambda ^ t * Rabs (q 0%nat - 1))
        by (apply Rmult_le_pos; [apply pow_le; lra | apply Rabs_pos]).
      nra. }
  destruct (Req_dec (q 0%nat) 1) as [E | E]; [exact E | exfalso].
  assert (Ha : 0 < Rabs (q 0%nat - 1)) by (apply Rabs_pos_lt; lra).
  destruct (Pow_x_infinity lambda ltac:(rewrite Rabs_right; lra)
              ((s + 1) / Rabs (q 0%nat - 1))) as [N HN].
  specialize (HN N (le_n N)).
  rewrite Rabs_right in HN by (apply Rle_ge, pow_le; lra).
  pose proof (Hgrow N) as Hg. pose proof (Hs N) as Hsn.
  apply (Rmult_ge_compat_r (Rabs (q 0%nat - 1))) in HN; [| lra].
  unfold Rdiv in HN. rewrite Rmult_assoc, Rinv_l in HN by lra.
  lra.
Qed.

(** A point of the slab {W <= omega} (omega <= dcap^2) with p >= a >= 0 has d <= dcap and
    4 a d <= omega: the d range [0, min(dcap, omega / (4 a))] of a slab cell whose p range
    starts at a (check::attract). *)
Theorem slab_d_bounds a p d omega dcap :
  0 <= a <= p -> 0 <= d -> 0 <= dcap -> omega <= dcap * dcap -> prod_w p d <= omega ->
  d <= dcap /\ 4 * a * d <= omega.
Proof.
  unfold prod_w. intros Ha Hd Hc Ho Hw.
  assert (Hp : 4 * a * d <= 4 * p * d) by nra.
  split; [| nra].
  destruct (Rle_lt_dec d dcap) as [H | H]; [exact H | exfalso].
  assert (dcap * dcap < d * d) by nra.
  nra.
Qed.

(** The divided difference of F(p) = p'(p, 0): F(q) - F(p) = (q - p) D(p, q). *)
Theorem slope_form K p q :
  prod_p K q 0 - prod_p K p 0
  = (q - p) * ((1 + K) ^ 2 - 2 * K * (1 + K) * (p + q) + K ^ 2 * (p ^ 2 + p * q + q ^ 2)).
Proof. unfold prod_p. ring. Qed.

(** For p <= 1, d >= 0, K >= 0: p' >= p (1 - K (p - 1))^2. *)
Theorem cell0_grows K p d :
  p <= 1 -> 0 <= d -> 0 <= K -> p * (1 - K * (p - 1)) ^ 2 <= prod_p K p d.
Proof.
  intros Hp Hd Hk. unfold prod_p.
  assert (0 <= K * (1 - p) * d) by (apply Rmult_le_pos; [apply Rmult_le_pos |]; lra).
  nra.
Qed.
