(** * Theorem 4 (T4.basin) from its region conditions

    What is proved here, for every K > 0 and every state (no sampling):
    [basin_from_region]: if the region obligation T4.basin/region holds over a K range
    ([basin_region_on lo hi], the certificate's statement written by hand), then for every K
    of the range the set

      B = {v > 0, w_x > 0, plo <= v w_x <= P, |v^2 - w_x^2| + M w_y^2 <= c, 0 <= w_y <= rmax}

    is mapped into itself by the step (77)-(80) with w_y replaced by |w_y|, and
    |w_y'| <= (1 - 0.03 K) w_y there ([basin_on]); [basin_forever] iterates it: an orbit that
    starts in B stays in B and w_y^(t) <= (1 - 0.03 K)^t w_y^(0). The argument is the one of
    proofs/theorem4.md (T4.basin): the two calculus facts 0 <= t - atan t <= t^3/3 and
    0 <= atan t - t/(1 + t^2) <= 2 t^3/3 (t >= 0) are proved here from the derivatives,
    the exact splittings of (77)-(80) by [field].

    The generated Theorem4_T4_basin_region.v states the same proposition as
    [basin_region_on] (and proves the two are one); where it generates the row in full it
    proves it from the cells, and then [T4_basin_from_cells : basin_on 1 (11/10)]. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model Angle.
Open Scope R_scope.

(** ** Two calculus facts about atan *)

Lemma increasing_of_derivative (f f' : R -> R) :
  (forall x, derivable_pt_lim f x (f' x)) -> (forall x, 0 <= f' x) ->
  forall a b, a <= b -> f a <= f b.
Proof.
  intros Hd Hpos.
  set (pr := fun x => exist (fun l => derivable_pt_abs f x l) (f' x) (Hd x) : derivable_pt f x).
  apply (nonneg_derivative_1 f pr).
  intros x. unfold derive_pt, pr. simpl. apply Hpos.
Qed.

Lemma lim_eq f x l l' : derivable_pt_lim f x l -> l = l' -> derivable_pt_lim f x l'.
Proof. intros H E. rewrite <- E. exact H. Qed.

Lemma one_plus_sq_pos x : 0 < 1 + x ^ 2.
Proof. nra. Qed.

(** 0 <= t - atan t <= t^3/3 for t >= 0: the derivatives t^2/(1 + t^2) and t^4/(1 + t^2). *)
Lemma atan_below t : 0 <= t -> 0 <= t - atan t <= t ^ 3 / 3.
Proof.
  intros Ht. assert (H1 := one_plus_sq_pos). split.
  - assert (H := increasing_of_derivative (fun t => t - atan t) (fun t => 1 - / (1 + t ^ 2))).
    assert (H0 := H ltac:(intros x; apply (derivable_pt_lim_minus id atan);
                         [apply derivable_pt_lim_id | apply derivable_pt_lim_atan])
                   ltac:(intros x; cbv beta; specialize (H1 x);
                         replace (1 - / (1 + x ^ 2)) with (x ^ 2 / (1 + x ^ 2)) by (field; lra);
                         apply Rmult_le_pos; [nra | apply Rlt_le, Rinv_0_lt_compat; lra])
                   0 t Ht).
    simpl in H0. rewrite atan_0 in H0. lra.
  - assert (H := increasing_of_derivative (fun t => t ^ 3 / 3 - (t - atan t))
                  (fun t => 3 * t ^ 2 / 3 - (1 - / (1 + t ^ 2)))).
    assert (H0 := H ltac:(intros x; eapply lim_eq;
                         [ apply derivable_pt_lim_minus;
                           [ apply (derivable_pt_lim_div_scal (fun t => t ^ 3)), (derivable_pt_lim_pow x 3)
                           | apply (derivable_pt_lim_minus id atan);
                             [apply derivable_pt_lim_id | apply derivable_pt_lim_atan]]
                         | simpl; field; specialize (H1 x); lra ])
                   ltac:(intros x; cbv beta; specialize (H1 x);
                         replace (3 * x ^ 2 / 3 - (1 - / (1 + x ^ 2))) with (x ^ 4 / (1 + x ^ 2)) by (field; lra);
                         apply Rmult_le_pos; [nra | apply Rlt_le, Rinv_0_lt_compat; lra])
                   0 t Ht).
    simpl in H0. rewrite atan_0 in H0. lra.
Qed.

Lemma lim_ratio x : derivable_pt_lim (fun t => t / (1 + t ^ 2)) x ((1 - x ^ 2) / (1 + x ^ 2) ^ 2).
Proof.
  assert (H1 := one_plus_sq_pos x).
  eapply lim_eq.
  - apply (derivable_pt_lim_div id (fun t => 1 + t ^ 2)).
    + apply derivable_pt_lim_id.
    + eapply lim_eq; [apply derivable_pt_lim_plus; [apply derivable_pt_lim_const | apply derivable_pt_lim_pow] | simpl; reflexivity].
    + lra.
  - unfold id, Rsqr. simpl. field. lra.
Qed.

(** 0 <= atan t - t/(1 + t^2) <= 2 t^3/3 for t >= 0: the derivatives 2 t^2/(1 + t^2)^2 and
    2 t^2 (1 - 1/(1 + t^2)^2). *)
Lemma atan_above_ratio t : 0 <= t -> 0 <= atan t - t / (1 + t ^ 2) <= 2 * t ^ 3 / 3.
Proof.
  intros Ht. assert (H1 := one_plus_sq_pos). split.
  - assert (H := increasing_of_derivative (fun t => atan t - t / (1 + t ^ 2))
                  (fun t => / (1 + t ^ 2) - (1 - t ^ 2) / (1 + t ^ 2) ^ 2)).
    assert (H0 := H ltac:(intros x; apply (derivable_pt_lim_minus atan (fun t => t / (1 + t ^ 2)));
                         [apply derivable_pt_lim_atan | apply lim_ratio])
                   ltac:(intros x; cbv beta; specialize (H1 x);
                         replace (/ (1 + x ^ 2) - (1 - x ^ 2) / (1 + x ^ 2) ^ 2)
                           with (2 * x ^ 2 / (1 + x ^ 2) ^ 2) by (field; lra);
                         apply Rmult_le_pos; [nra | apply Rlt_le, Rinv_0_lt_compat; nra])
                   0 t Ht).
    cbv beta in H0. rewrite atan_0 in H0.
    replace (0 - 0 / (1 + 0 ^ 2)) with 0 in H0 by field. lra.
  - assert (H := increasing_of_derivative (fun t => 2 * t ^ 3 / 3 - (atan t - t / (1 + t ^ 2)))
                  (fun t => 2 * (3 * t ^ 2) / 3 - (/ (1 + t ^ 2) - (1 - t ^ 2) / (1 + t ^ 2) ^ 2))).
    assert (H0 := H ltac:(intros x; eapply lim_eq;
                         [ apply derivable_pt_lim_minus;
                           [ apply (derivable_pt_lim_div_scal (fun t => 2 * t ^ 3)), derivable_pt_lim_scal, (derivable_pt_lim_pow x 3)
                           | apply (derivable_pt_lim_minus atan (fun t => t / (1 + t ^ 2)));
                             [apply derivable_pt_lim_atan | apply lim_ratio]]
                         | simpl; field; specialize (H1 x); lra ])
                   ltac:(intros x; cbv beta; specialize (H1 x);
                         replace (2 * (3 * x ^ 2) / 3 - (/ (1 + x ^ 2) - (1 - x ^ 2) / (1 + x ^ 2) ^ 2))
                           with (2 * x ^ 4 * (2 + x ^ 2) / (1 + x ^ 2) ^ 2) by (field; lra);
                         apply Rmult_le_pos; [nra | apply Rlt_le, Rinv_0_lt_compat; nra])
                   0 t Ht).
    cbv beta in H0. rewrite atan_0 in H0.
    replace (2 * 0 ^ 3 / 3 - (0 - 0 / (1 + 0 ^ 2))) with 0 in H0 by field. lra.
Qed.

(** ** The region obligation, written by hand *)

(** The coordinates of T4.basin/region: v and w_x from p = v w_x and d = v - w_x. *)
Definition basin_v (p d : R) : R := (sqrt (d ^ 2 + 4 * p) + d) / 2.
Definition basin_w (p d : R) : R := (sqrt (d ^ 2 + 4 * p) - d) / 2.
(** The contraction factor of w_y, rho = 1 - 0.03 K. *)
Definition basin_rho (K : R) : R := 1 - 3 / 100 * K.
(** The product step at w_y = 0: x0 = v - K w_x (p - 1), y0 = w_x - K v (p - 1). *)
Definition basin_x0 (K p d : R) : R := basin_v p d - K * basin_w p d * (p - 1).
Definition basin_y0 (K p d : R) : R := basin_w p d - K * basin_v p d * (p - 1).
(** The bounds E1, E2 of the w_y^2 remainders of v' and w_x', and G of the product's. *)
Definition basin_e1 (K rmax p d : R) : R := K * basin_v p d + K / (3 * PI) * rmax / basin_w p d ^ 2.
Definition basin_e2 (K rmax p d : R) : R := 2 * K * basin_v p d / (3 * PI) * rmax / basin_w p d ^ 3.
Definition basin_g (K rmax p d : R) : R :=
  basin_x0 K p d * basin_e2 K rmax p d + basin_y0 K p d * basin_e1 K rmax p d
  + rmax ^ 2 * basin_e1 K rmax p d * basin_e2 K rmax p d.

(** T4.basin/region over K in [lo, hi]: row constants and, at every point of the row box in
    the region d^2 (d^2 + 4p) <= c^2, the conditions (i)-(v) of proofs/theorem4.md. *)
Definition basin_region_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  exists c M P dcap plo rmax,
  (0 < c /\ 0 < M /\ 0 < plo /\ plo < P /\ 0 < rmax /\ rmax <= 1 / 10 /\ 0 <= dcap /\
   c ^ 2 <= dcap ^ 2 * (dcap ^ 2 + 4 * plo) /\
   3 / 5 <= c /\ M <= 55 /\ 7 / 5 <= P /\ plo <= 7 / 20 /\ 12 / 125 <= rmax) /\
  forall p d, plo <= p <= P -> - dcap <= d <= dcap ->
  0 <= c ^ 2 - d ^ 2 * (d ^ 2 + 4 * p) ->
  0 <= basin_rho K + (1 - K * basin_v p d ^ 2) /\
  0 <= basin_rho K - (1 - K * basin_v p d ^ 2 + K * basin_v p d * rmax / (PI * basin_w p d ^ 2)) /\
  0 <= 2 - (K * (p - 1)) ^ 2 /\
  0 < basin_x0 K p d - rmax ^ 2 * basin_e1 K rmax p d /\
  0 < basin_y0 K p d - rmax ^ 2 * basin_e2 K rmax p d /\
  0 <= M * (1 - basin_rho K ^ 2) - (2 * basin_x0 K p d * basin_e1 K rmax p d
       + rmax ^ 2 * basin_e1 K rmax p d ^ 2 + 2 * basin_y0 K p d * basin_e2 K rmax p d
       + rmax ^ 2 * basin_e2 K rmax p d ^ 2) /\
  0 <= P - (basin_x0 K p d * basin_y0 K p d + rmax ^ 2 * basin_g K rmax p d) /\
  0 <= basin_x0 K p d * basin_y0 K p d - rmax ^ 2 * basin_g K rmax p d - plo.

(** ** The claim *)

(** The basin B in the reduced variables (w_y >= 0). *)
Definition in_basin (c M P plo rmax v wx wy : R) : Prop :=
  0 < v /\ 0 < wx /\ plo <= v * wx <= P /\ Rabs (v ^ 2 - wx ^ 2) + M * wy ^ 2 <= c /\
  0 <= wy <= rmax.

(** One step (77)-(80) with w_y replaced by |w_y| (the loss is even in w_y). *)
Definition basin_step (K v wx wy : R) : R * R * R :=
  (neuron_v K v wx wy, neuron_wx K v wx wy, Rabs (neuron_wy K v wx wy)).

(** B's constants are at least as wide as those of T4.stage2's B (GridReach.stage2_B:
    c = 3/5, M = 55, P = 7/5, plo = 7/20, rmax = 12/125), so B holds it. *)
Definition holds_stage2_B (c M P plo rmax : R) : Prop :=
  3 / 5 <= c /\ M <= 55 /\ 7 / 5 <= P /\ plo <= 7 / 20 /\ 12 / 125 <= rmax.

(** T4.basin over K in [lo, hi]: B is forward invariant and w_y contracts by 1 - 0.03 K. *)
Definition basin_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi -> 0 < K ->
  exists c M P plo rmax, 0 < c /\ 0 < M /\ 0 < plo /\ rmax <= 1 / 10 /\
  holds_stage2_B c M P plo rmax /\
  forall v wx wy, in_basin c M P plo rmax v wx wy ->
  let '(v', wx', wy') := basin_step K v wx wy in
  in_basin c M P plo rmax v' wx' wy' /\ wy' <= basin_rho K * wy.

(** ** The exact splittings of (77)-(80) at a state with w_x > 0 (t = w_y / w_x) *)

Lemma split_v K x y r : 0 < y ->
  neuron_v K x y r
  = (x - K * y * (x * y - 1)) + (- K * x * r ^ 2 + K / PI * (y * (r / y - atan (r / y)))).
Proof.
  intros Hy. assert (Hpi := PI_RGT_0). unfold neuron_v. rewrite alpha_atan by exact Hy.
  field. lra.
Qed.

Lemma split_wx K x y r : 0 < y ->
  neuron_wx K x y r
  = (y - K * x * (x * y - 1)) - K * x / PI * (atan (r / y) - (r / y) / (1 + (r / y) ^ 2)).
Proof.
  intros Hy. assert (Hpi := PI_RGT_0). unfold neuron_wx. rewrite alpha_atan by exact Hy.
  field. repeat split; first [lra | nra].
Qed.

(** (80): w_y' = w_y [1 - K v^2 + K v w_y / (pi (w_x^2 + w_y^2))]. *)
Lemma split_wy K x y r : 0 < y ->
  neuron_wy K x y r = r * (1 - K * x ^ 2 + K * x * (r / (y ^ 2 + r ^ 2)) / PI).
Proof.
  intros Hy. assert (Hpi := PI_RGT_0). unfold neuron_wy.
  field. repeat split; first [lra | nra].
Qed.

(** w r^3 <= w rmax r^2 for w >= 0 and 0 <= r <= rmax (a cubic remainder is r^2 times rmax). *)
Lemma cube_below_square w r rmax : 0 <= w -> 0 <= r <= rmax ->
  w * r ^ 3 <= w * rmax * r ^ 2 /\ 0 <= w * rmax * r ^ 2.
Proof.
  intros Hw Hr. split.
  - replace (w * r ^ 3) with (w * r ^ 2 * r) by ring.
    replace (w * rmax * r ^ 2) with (w * r ^ 2 * rmax) by ring.
    apply Rmult_le_compat_l; [apply Rmult_le_pos; [lra | nra] | lra].
  - apply Rmult_le_pos; [apply Rmult_le_pos |]; nra.
Qed.

(** ** The w_y^2 remainders: v' = x0 + A, w_x' = y0 + B with |A| <= r^2 E1, |B| <= r^2 E2 *)

Lemma remainder_v K x y r rmax : 0 < K -> 0 < x -> 0 < y -> 0 <= r <= rmax ->
  let A := - K * x * r ^ 2 + K / PI * (y * (r / y - atan (r / y))) in
  - (r ^ 2 * (K * x + K / (3 * PI) * rmax / y ^ 2)) <= A <=
  r ^ 2 * (K * x + K / (3 * PI) * rmax / y ^ 2).
Proof.
  intros HK Hx Hy Hr A. assert (Hpi := PI_RGT_0).
  assert (Hu : 0 <= r / y) by (apply Rle_mult_inv_pos; lra).
  destruct (atan_below (r / y) Hu) as [Hs0 Hs1].
  set (s := r / y - atan (r / y)) in *.
  set (w := K / (3 * PI) / y ^ 2).
  assert (Hw : 0 <= w) by (unfold w; apply Rle_mult_inv_pos; [apply Rle_mult_inv_pos |]; nra).
  assert (Hq : 0 <= K / PI * y) by (apply Rmult_le_pos; [apply Rle_mult_inv_pos|]; lra).
  assert (H1 : K / PI * (y * s) <= K / PI * y * ((r / y) ^ 3 / 3)).
  { rewrite <- Rmult_assoc. apply Rmult_le_compat_l; assumption. }
  assert (E1 : K / PI * y * ((r / y) ^ 3 / 3) = w * r ^ 3) by (unfold w; field; lra).
  assert (E2 : r ^ 2 * (K / (3 * PI) * rmax / y ^ 2) = w * rmax * r ^ 2) by (unfold w; field; lra).
  destruct (cube_below_square w r rmax Hw Hr) as [H2 H5].
  assert (H3 : 0 <= K / PI * (y * s)).
  { rewrite <- Rmult_assoc. apply Rmult_le_pos; lra. }
  assert (H4 : 0 <= K * x * r ^ 2) by (apply Rmult_le_pos; nra).
  unfold A. rewrite Rmult_plus_distr_l, E2. split; nra.
Qed.

Lemma remainder_wx K x y r rmax : 0 < K -> 0 < x -> 0 < y -> 0 <= r <= rmax ->
  let B := - (K * x / PI * (atan (r / y) - (r / y) / (1 + (r / y) ^ 2))) in
  - (r ^ 2 * (2 * K * x / (3 * PI) * rmax / y ^ 3)) <= B <= r ^ 2 * (2 * K * x / (3 * PI) * rmax / y ^ 3).
Proof.
  intros HK Hx Hy Hr B. assert (Hpi := PI_RGT_0).
  assert (Hu : 0 <= r / y) by (apply Rle_mult_inv_pos; lra).
  destruct (atan_above_ratio (r / y) Hu) as [Hs0 Hs1].
  set (s := atan (r / y) - r / y / (1 + (r / y) ^ 2)) in *.
  set (w := 2 * K * x / (3 * PI) / y ^ 3).
  assert (Hw : 0 <= w) by (unfold w; apply Rle_mult_inv_pos; [apply Rle_mult_inv_pos; [apply Rmult_le_pos; lra | lra] | apply pow_lt; lra]).
  assert (Hy3 : 0 < y ^ 3) by (apply pow_lt; lra).
  assert (Hq : 0 <= K * x / PI) by (apply Rle_mult_inv_pos; nra).
  assert (H1 : K * x / PI * s <= K * x / PI * (2 * (r / y) ^ 3 / 3)) by (apply Rmult_le_compat_l; assumption).
  assert (E1 : K * x / PI * (2 * (r / y) ^ 3 / 3) = w * r ^ 3) by (unfold w; field; lra).
  assert (E2 : r ^ 2 * (2 * K * x / (3 * PI) * rmax / y ^ 3) = w * rmax * r ^ 2) by (unfold w; field; lra).
  destruct (cube_below_square w r rmax Hw Hr) as [H2 H5].
  assert (H3 : 0 <= K * x / PI * s) by (apply Rmult_le_pos; lra).
  unfold B. rewrite E2. split; lra.
Qed.

Lemma abs_between a b : Rabs a <= b -> - b <= a <= b.
Proof. unfold Rabs. destruct (Rcase_abs a); lra. Qed.

(** The arithmetic of the invariance (proofs/theorem4.md, T4.basin): from the bounds on the
    remainders and the conditions (iii)-(v) at the point, the image lies in B's (p, d) part. *)
Lemma image_bounds (D lam x0 y0 A B E1 E2 R2 m2 M rho2 P plo f2 : R) :
  0 < M -> 0 <= R2 <= m2 -> 0 <= E1 -> 0 <= E2 -> 0 <= f2 <= rho2 -> -1 <= lam <= 1 ->
  - (R2 * E1) <= A <= R2 * E1 -> - (R2 * E2) <= B <= R2 * E2 ->
  0 < x0 - m2 * E1 -> 0 < y0 - m2 * E2 ->
  0 <= M * (1 - rho2) - (2 * x0 * E1 + m2 * E1 ^ 2 + 2 * y0 * E2 + m2 * E2 ^ 2) ->
  0 <= P - (x0 * y0 + m2 * (x0 * E2 + y0 * E1 + m2 * E1 * E2)) ->
  0 <= x0 * y0 - m2 * (x0 * E2 + y0 * E1 + m2 * E1 * E2) - plo ->
  0 < x0 + A /\ 0 < y0 + B /\ plo <= (x0 + A) * (y0 + B) <= P /\
  Rabs (D * lam + 2 * x0 * A + A ^ 2 - 2 * y0 * B - B ^ 2) + M * (R2 * f2) <= Rabs D + M * R2.
Proof.
  intros HM HR HE1 HE2 Hf Hl HA HB C4 C5 C6 C7 C8.
  set (a := R2 * E1) in *. set (b := R2 * E2) in *.
  assert (Ha : a <= m2 * E1) by (unfold a; nra).
  assert (Hb : b <= m2 * E2) by (unfold b; nra).
  assert (Hx0 : 0 < x0) by nra.
  assert (Hy0 : 0 < y0) by nra.
  assert (P1 : 0 <= (a - A) * (b + B)) by (apply Rmult_le_pos; lra).
  assert (P2 : 0 <= (a + A) * (b - B)) by (apply Rmult_le_pos; lra).
  assert (P3 : 0 <= (a + A) * (b + B)) by (apply Rmult_le_pos; lra).
  assert (P4 : 0 <= (a - A) * (b - B)) by (apply Rmult_le_pos; lra).
  assert (HAB1 : A * B <= a * b) by nra.
  assert (HAB2 : - (a * b) <= A * B) by nra.
  assert (Hm : 0 <= m2 - R2) by lra.
  assert (HE12 : 0 <= E1 * E2) by (apply Rmult_le_pos; lra).
  assert (Hab : a * b <= R2 * (m2 * E1 * E2)).
  { unfold a, b. assert (0 <= R2 * (m2 - R2) * (E1 * E2)) by (repeat apply Rmult_le_pos; lra). nra. }
  assert (Hab2 : R2 * (m2 * E1 * E2) <= m2 * (m2 * E1 * E2)).
  { assert (0 <= (m2 - R2) * (m2 * (E1 * E2))) by (repeat apply Rmult_le_pos; lra). nra. }
  assert (HxB : - (x0 * b) <= x0 * B <= x0 * b) by (split; nra).
  assert (HyA : - (y0 * a) <= y0 * A <= y0 * a) by (split; nra).
  assert (Hprod : (x0 + A) * (y0 + B) = x0 * y0 + (x0 * B + y0 * A + A * B)) by ring.
  assert (Hxb : x0 * b <= m2 * (x0 * E2)).
  { replace (m2 * (x0 * E2)) with (x0 * (m2 * E2)) by ring. apply Rmult_le_compat_l; lra. }
  assert (Hya : y0 * a <= m2 * (y0 * E1)).
  { replace (m2 * (y0 * E1)) with (y0 * (m2 * E1)) by ring. apply Rmult_le_compat_l; lra. }
  split; [lra |]. split; [lra |]. split; [rewrite Hprod; split; lra |].
  assert (HDl : Rabs (D * lam) <= Rabs D).
  { rewrite Rabs_mult. rewrite <- (Rmult_1_r (Rabs D)) at 2.
    apply Rmult_le_compat_l; [apply Rabs_pos | apply Rabs_le; lra]. }
  apply abs_between in HDl.
  assert (HA2 : A ^ 2 <= a ^ 2) by nra.
  assert (HB2 : B ^ 2 <= b ^ 2) by nra.
  assert (Ha2 : a ^ 2 <= R2 * (m2 * E1 ^ 2)).
  { unfold a. assert (0 <= R2 * (m2 - R2) * (E1 * E1)) by (repeat apply Rmult_le_pos; lra). nra. }
  assert (Hb2 : b ^ 2 <= R2 * (m2 * E2 ^ 2)).
  { unfold b. assert (0 <= R2 * (m2 - R2) * (E2 * E2)) by (repeat apply Rmult_le_pos; lra). nra. }
  assert (HxA : - (x0 * a) <= x0 * A <= x0 * a) by (split; nra).
  assert (HyB : - (y0 * b) <= y0 * B <= y0 * b) by (split; nra).
  assert (Hsum : x0 * a + y0 * b = R2 * (x0 * E1 + y0 * E2)) by (unfold a, b; ring).
  assert (HF : R2 * (2 * x0 * E1 + m2 * E1 ^ 2 + 2 * y0 * E2 + m2 * E2 ^ 2) <= R2 * (M * (1 - rho2)))
    by (apply Rmult_le_compat_l; lra).
  assert (Hf2 : M * (R2 * f2) <= M * (R2 * rho2)).
  { apply Rmult_le_compat_l; [| apply Rmult_le_compat_l]; lra. }
  assert (Habs : Rabs (D * lam + 2 * x0 * A + A ^ 2 - 2 * y0 * B - B ^ 2)
                 <= Rabs D + R2 * (2 * x0 * E1 + m2 * E1 ^ 2 + 2 * y0 * E2 + m2 * E2 ^ 2)).
  { assert (0 <= A ^ 2) by nra. assert (0 <= B ^ 2) by nra.
    assert (0 <= R2 * (m2 * E1 ^ 2)) by (apply Rmult_le_pos; [| apply Rmult_le_pos]; nra).
    assert (0 <= R2 * (m2 * E2 ^ 2)) by (apply Rmult_le_pos; [| apply Rmult_le_pos]; nra).
    apply Rabs_le. split; lra. }
  lra.
Qed.

(** T4.basin from its region conditions: B is mapped into itself and w_y contracts. *)
Theorem basin_from_region lo hi : basin_region_on lo hi -> basin_on lo hi.
Proof.
  intros HR K HK HK0.
  destruct (HR K HK) as (c & M & P & dcap & plo & rmax &
    (Hc & HM & Hplo & HPl & Hr0 & Hr1 & Hdc & Hcd & B1 & B2 & B3 & B4 & B5) & Hcells).
  exists c, M, P, plo, rmax. split; [lra |]. split; [lra |]. split; [lra |]. split; [lra |].
  split; [unfold holds_stage2_B; lra |].
  intros x y r (Hx & Hy & Hp & Hb & Hr). simpl.
  assert (Hpi := PI_RGT_0).
  assert (Hsq : sqrt ((x - y) ^ 2 + 4 * (x * y)) = x + y).
  { replace ((x - y) ^ 2 + 4 * (x * y)) with ((x + y) ^ 2) by ring. apply sqrt_pow2. lra. }
  assert (Hv : basin_v (x * y) (x - y) = x) by (unfold basin_v; rewrite Hsq; field).
  assert (Hw : basin_w (x * y) (x - y) = y) by (unfold basin_w; rewrite Hsq; field).
  assert (HMr : 0 <= M * r ^ 2) by (apply Rmult_le_pos; nra).
  assert (HD : Rabs (x ^ 2 - y ^ 2) <= c) by lra.
  assert (HD2 : (x - y) ^ 2 * ((x - y) ^ 2 + 4 * (x * y)) <= c ^ 2).
  { replace ((x - y) ^ 2 * ((x - y) ^ 2 + 4 * (x * y))) with (Rabs (x ^ 2 - y ^ 2) ^ 2)
      by (rewrite pow2_abs; ring).
    assert (0 <= Rabs (x ^ 2 - y ^ 2)) by apply Rabs_pos. nra. }
  assert (Hd : - dcap <= x - y <= dcap).
  { assert (Hdd : (x - y) ^ 2 <= dcap ^ 2).
    { destruct (Rle_or_lt ((x - y) ^ 2) (dcap ^ 2)) as [H | H]; [exact H | exfalso].
      assert (0 <= (x - y) ^ 2 * (4 * (x * y) - 4 * plo)) by (apply Rmult_le_pos; nra).
      assert (0 <= dcap ^ 2) by nra. nra. }
    nra. }
  destruct (Hcells (x * y) (x - y) ltac:(lra) Hd ltac:(lra)) as (C1 & C2 & C3 & C4 & C5 & C6 & C7 & C8).
  unfold basin_g, basin_x0, basin_y0, basin_e1, basin_e2 in *. rewrite Hv, Hw in *.
  set (x0 := x - K * y * (x * y - 1)) in *.
  set (y0 := y - K * x * (x * y - 1)) in *.
  set (E1 := K * x + K / (3 * PI) * rmax / y ^ 2) in *.
  set (E2 := 2 * K * x / (3 * PI) * rmax / y ^ 3) in *.
  assert (HE1 : 0 <= E1).
  { unfold E1. assert (0 <= K / (3 * PI) * rmax / y ^ 2); [| nra].
    apply Rle_mult_inv_pos; [apply Rmult_le_pos; [apply Rle_mult_inv_pos |] | apply pow_lt]; lra. }
  assert (HE2 : 0 <= E2).
  { unfold E2. apply Rle_mult_inv_pos; [apply Rmult_le_pos; [apply Rle_mult_inv_pos; [nra |] |] | apply pow_lt]; lra. }
  (* The step, split. *)
  rewrite (split_v K x y r), (split_wx K x y r), (split_wy K x y r) by lra.
  fold x0 y0.
  assert (HA := remainder_v K x y r rmax HK0 Hx Hy Hr). fold E1 in HA.
  assert (HB := remainder_wx K x y r rmax HK0 Hx Hy Hr). fold E2 in HB.
  set (A := - K * x * r ^ 2 + K / PI * (y * (r / y - atan (r / y)))) in *.
  set (B := - (K * x / PI * (atan (r / y) - r / y / (1 + (r / y) ^ 2)))) in *.
  replace (y0 - K * x / PI * (atan (r / y) - r / y / (1 + (r / y) ^ 2))) with (y0 + B) by (unfold B; ring).
  (* The factor (80) lies in [-rho, rho]. *)
  set (f := 1 - K * x ^ 2 + K * x * (r / (y ^ 2 + r ^ 2)) / PI).
  assert (Hq0 : 0 <= r / (y ^ 2 + r ^ 2)) by (apply Rle_mult_inv_pos; nra).
  assert (Hq1 : r / (y ^ 2 + r ^ 2) <= rmax / y ^ 2).
  { unfold Rdiv. apply Rmult_le_compat; try lra.
    - apply Rlt_le, Rinv_0_lt_compat. nra.
    - apply Rinv_le_contravar; nra. }
  assert (Hf : - basin_rho K <= f <= basin_rho K).
  { assert (Hk : 0 <= K * x / PI) by (apply Rle_mult_inv_pos; nra).
    assert (H1 : K * x * (r / (y ^ 2 + r ^ 2)) / PI <= K * x * rmax / (PI * y ^ 2)).
    { replace (K * x * (r / (y ^ 2 + r ^ 2)) / PI) with (K * x / PI * (r / (y ^ 2 + r ^ 2))) by (field; nra).
      replace (K * x * rmax / (PI * y ^ 2)) with (K * x / PI * (rmax / y ^ 2)) by (field; nra).
      apply Rmult_le_compat_l; lra. }
    assert (H0 : 0 <= K * x * (r / (y ^ 2 + r ^ 2)) / PI).
    { replace (K * x * (r / (y ^ 2 + r ^ 2)) / PI) with (K * x / PI * (r / (y ^ 2 + r ^ 2))) by (field; nra).
      apply Rmult_le_pos; lra. }
    unfold f. lra. }
  assert (Hrho : basin_rho K <= 1) by (unfold basin_rho; lra).
  assert (Hwy : Rabs (r * f) <= basin_rho K * r).
  { rewrite Rabs_mult, (Rabs_right r) by lra. rewrite Rmult_comm.
    apply Rmult_le_compat_r; [lra | apply Rabs_le; lra]. }
  assert (Hf2 : 0 <= f ^ 2 <= basin_rho K ^ 2) by (split; nra).
  (* The image in B. *)
  assert (Hlam : -1 <= 1 - K ^ 2 * (x * y - 1) ^ 2 <= 1).
  { split; [lra |]. assert (0 <= K ^ 2 * (x * y - 1) ^ 2) by (apply Rmult_le_pos; apply pow2_ge_0). lra. }
  assert (Hr2 : 0 <= r ^ 2 <= rmax ^ 2) by (split; [apply pow2_ge_0 | apply pow_incr; lra]).
  destruct (image_bounds (x ^ 2 - y ^ 2) (1 - K ^ 2 * (x * y - 1) ^ 2) x0 y0 A B E1 E2
              (r ^ 2) (rmax ^ 2) M (basin_rho K ^ 2) P plo (f ^ 2)
              HM Hr2 HE1 HE2 Hf2 Hlam HA HB C4 C5 C6 C7 C8) as (Hv' & Hw' & Hp' & Hd').
  split; [| exact Hwy].
  split; [exact Hv' |]. split; [exact Hw' |]. split; [exact Hp' |]. split.
  - replace ((x0 + A) ^ 2 - (y0 + B) ^ 2)
      with ((x ^ 2 - y ^ 2) * (1 - K ^ 2 * (x * y - 1) ^ 2) + 2 * x0 * A + A ^ 2 - 2 * y0 * B - B ^ 2)
      by (unfold x0, y0; ring).
    replace (Rabs (r * f) ^ 2) with (r ^ 2 * f ^ 2) by (rewrite pow2_abs; ring). lra.
  - split; [apply Rabs_pos |].
    assert (basin_rho K * r <= 1 * r) by (apply Rmult_le_compat_r; lra). lra.
Qed.

(** The orbit of [basin_step]. *)
Fixpoint basin_orbit (n : nat) (K v wx wy : R) : R * R * R :=
  match n with
  | O => (v, wx, wy)
  | S m => let '(v', wx', wy') := basin_step K v wx wy in basin_orbit m K v' wx' wy'
  end.

(** An orbit that starts in B stays in B, and w_y^(n) <= (1 - 0.03 K)^n w_y^(0). *)
Theorem basin_forever lo hi : basin_on lo hi ->
  forall K, lo <= K <= hi -> 0 < K ->
  exists c M P plo rmax, 0 < c /\ 0 < M /\ 0 < plo /\ rmax <= 1 / 10 /\
  holds_stage2_B c M P plo rmax /\
  forall n v wx wy, in_basin c M P plo rmax v wx wy ->
  let '(v', wx', wy') := basin_orbit n K v wx wy in
  in_basin c M P plo rmax v' wx' wy' /\ wy' <= basin_rho K ^ n * wy.
Proof.
  intros HB K HK HK0.
  destruct (HB K HK HK0) as (c & M & P & plo & rmax & Hc & HM & Hplo & Hr & HB2 & Hstep).
  exists c, M, P, plo, rmax. repeat (split; [assumption |]).
  induction n as [| n IH]; intros v wx wy Hin; cbn [basin_orbit pow].
  - split; [exact Hin | lra].
  - specialize (Hstep v wx wy Hin). destruct (basin_step K v wx wy) as [[v1 wx1] wy1].
    destruct Hstep as [Hin1 Hwy1].
    specialize (IH v1 wx1 wy1 Hin1). destruct (basin_orbit n K v1 wx1 wy1) as [[v2 wx2] wy2].
    destruct IH as [Hin2 Hwy2]. split; [exact Hin2 |].
    unfold in_basin in Hin, Hin1. destruct Hin as (_ & _ & _ & _ & Hwy0 & _). destruct Hin1 as (_ & _ & _ & _ & Hwy10 & _).
    destruct (Rle_lt_or_eq_dec 0 wy Hwy0) as [Hpos | Hzero].
    + (* w_y > 0: then 0 <= w_y' <= rho w_y gives rho >= 0. *)
      assert (Hrho : 0 <= basin_rho K).
      { apply (Rmult_le_reg_r wy); [exact Hpos | lra]. }
      assert (basin_rho K ^ n * wy1 <= basin_rho K ^ n * (basin_rho K * wy)).
      { apply Rmult_le_compat_l; [apply pow_le; exact Hrho | exact Hwy1]. }
      lra.
    + (* w_y = 0: then w_y' = 0 and w_y stays 0. *)
      subst wy. assert (wy1 = 0) by lra. subst wy1. rewrite Rmult_0_r in *. lra.
Qed.
