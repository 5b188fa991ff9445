(** * Theorem 2 (Chen & Bruna, ICML 2023): claims T2.xm, T2.roots (with (4) itself), T2.eta,
    T2.positive and the multiplier part of T2.basin, over the whole certified domain
    1 < K <= K* = sqrt(9/2) - 1.

    Proved from the lemmas that `twostep coq` generates from the theorem2 certificate:
    identities (proved by field after reducing the square roots) and sign lemmas proved by
    [interval] on each cell of the certificate and joined by a covering case split. The
    open end K -> 1+ needs no limit: the cells are closed and start at K = 1 (the first one
    is [1, 1.0001]), so every lemma holds on [1, K*], and the identities hold for all K >= 1. *)

From Coq Require Import Reals Lra Lia.
From Interval Require Import Tactic.
From Twostep Require Import Model Support.
From Twostep.generated Require Import Theorem2_all.
Open Scope R_scope.

(** The domain's upper end: K <= K* exactly when 2 (1 + K)^2 <= 9 (for K > -1). *)
Lemma K_star_iff K : 0 < K -> (K <= K_star <-> 2 * (1 + K) ^ 2 <= 9).
Proof.
  intros HK. unfold K_star.
  assert (Hs : sqrt (9 / 2) * sqrt (9 / 2) = 9 / 2) by (apply sqrt_sqrt; lra).
  assert (Hp : 0 <= sqrt (9 / 2)) by apply sqrt_pos.
  split; intros H.
  - assert (1 + K <= sqrt (9 / 2)) by lra. nra.
  - assert (1 + K <= sqrt (9 / 2)); [|lra].
    destruct (Rle_or_lt (1 + K) (sqrt (9 / 2))) as [E|E]; [exact E|]. nra.
Qed.

Lemma orbit_b_pos K : 1 < K -> 0 < orbit_b K.
Proof.
  intros HK. unfold orbit_b. apply sqrt_lt_R0.
  assert (/ K < 1) by (rewrite <- Rinv_1; apply Rinv_lt_contravar; lra).
  unfold Rdiv. lra.
Qed.

Lemma delta1_le_delta2 K : delta1 K <= delta2 K.
Proof. unfold delta1, delta2. pose proof (sqrt_pos (1 - 1 / K)). lra. Qed.

(** T2.xm, (37): x_m = sqrt((1 + K)/(3K)) <= delta_1 on the whole domain (1, K*]. *)
Theorem T2_xm : forall K, 1 < K -> K <= K_star -> x_m K <= delta1 K.
Proof.
  intros K H1 H2.
  pose proof (T2_xm_gap K ltac:(lra)) as Gap.
  pose proof (T2_xm_left_of_vertex K ltac:(lra)) as Vertex.
  pose proof (T2_roots_vieta_sum K ltac:(lra)) as Sum.
  pose proof (T2_roots_vieta_product K ltac:(lra)) as Prod.
  pose proof (T2_roots_delta1_positive K H1 H2) as D1.
  pose proof (delta1_le_delta2 K) as D12.
  pose proof (proj1 (K_star_iff K ltac:(lra)) H2) as Hk.
  pose proof (sqrt_pos ((1 + K) / (3 * K))) as Xpos. fold (x_m K) in Xpos.
  set (X := x_m K) in *. set (d1 := delta1 K) in *. set (d2 := delta2 K) in *.
  assert (HK : 0 < K) by lra.
  (* p(X^2) = (X^2 - d1^2)(X^2 - d2^2) >= 0, from the gap identity and Vieta. *)
  assert (Hp : 0 <= (X ^ 2 - d1 ^ 2) * (X ^ 2 - d2 ^ 2)).
  { assert (E : (X ^ 2 - d1 ^ 2) * (X ^ 2 - d2 ^ 2) = X ^ 4 - (1 + 1 / K) * X ^ 2 + 1 / K ^ 2).
    { rewrite <- Sum. replace (1 / K ^ 2) with ((d1 * d2) ^ 2) by (rewrite Prod; field; lra). ring. }
    rewrite E.
    assert (0 <= 9 * K ^ 2 * (X ^ 4 - (1 + 1 / K) * X ^ 2 + 1 / K ^ 2)) by lra.
    assert (0 < 9 * K ^ 2) by nra.
    nra. }
  (* X^2 lies left of the vertex (d1^2 + d2^2)/2 <= d2^2. *)
  assert (Hv : X ^ 2 < d2 ^ 2).
  { assert (0 < (1 + K) / (6 * K)) by (apply Rdiv_lt_0_compat; lra).
    assert (d1 ^ 2 <= d2 ^ 2) by nra.
    lra. }
  assert (X ^ 2 <= d1 ^ 2) by nra.
  nra.
Qed.

(** The same with the paper's form of the domain, 2 (1 + K)^2 <= 9. *)
Corollary T2_xm_paper : forall K, 1 < K -> 2 * (1 + K) ^ 2 <= 9 -> x_m K <= delta1 K.
Proof. intros K H1 H2. apply T2_xm; [lra | apply K_star_iff; lra]. Qed.

(** T2.roots: on (1, K*], 0 < delta_1 < 1 < delta_2 < 2/sqrt 3, {delta_1, delta_2} is an
    orbit of period 2 of g_K, delta_1 delta_2 = 1/K, delta_1^2 + delta_2^2 = 1 + 1/K, and both
    points solve (4) squared with K delta^2 < 2 (the side of (4) under the root is positive). *)
Theorem T2_roots : forall K, 1 < K -> K <= K_star ->
  0 < delta1 K < 1 /\ 1 < delta2 K /\ delta2 K ^ 2 < 4 / 3 /\
  g K (delta1 K) = delta2 K /\ g K (delta2 K) = delta1 K /\ delta1 K <> delta2 K /\
  delta1 K * delta2 K = 1 / K /\ delta1 K ^ 2 + delta2 K ^ 2 = 1 + 1 / K /\
  K ^ 2 * delta1 K ^ 4 - K * (K + 1) * delta1 K ^ 2 + 1 = 0 /\
  K ^ 2 * delta2 K ^ 4 - K * (K + 1) * delta2 K ^ 2 + 1 = 0 /\
  K * delta1 K ^ 2 < 2 /\ K * delta2 K ^ 2 < 2.
Proof.
  intros K H1 H2.
  pose proof (T2_roots_delta1_positive K H1 H2) as D1.
  pose proof (T2_roots_below_one K ltac:(lra)) as Below.
  pose proof (T2_roots_above_one K ltac:(lra)) as Above.
  pose proof (T2_roots_above_one_factor K H1 H2) as Factor.
  pose proof (T2_roots_delta2_bound K H1 H2) as Bound.
  pose proof (T2_roots_eq4_range K H1 H2) as Range.
  pose proof (orbit_b_pos K H1) as Bpos.
  pose proof (sqrt_pos (1 + 3 / K)) as Apos. fold (orbit_a K) in Apos.
  pose proof (delta1_le_delta2 K) as D12.
  set (A := orbit_a K) in *. set (B := orbit_b K) in *.
  assert (Lt1 : delta1 K < 1).
  { assert (0 < B * (2 + A + 3 * B)) by nra. nra. }
  assert (Gt1 : 1 < delta2 K).
  { assert (0 < B * (2 + A - 3 * B)) by nra. nra. }
  assert (S12 : delta1 K ^ 2 <= delta2 K ^ 2) by (apply pow_incr; lra).
  assert (KS12 : K * delta1 K ^ 2 <= K * delta2 K ^ 2) by (apply Rmult_le_compat_l; lra).
  repeat split; try lra.
  - apply T2_roots_orbit_1; lra.
  - apply T2_roots_orbit_2; lra.
  - apply T2_roots_vieta_product; lra.
  - apply T2_roots_vieta_sum; lra.
  - apply T2_roots_eq4_delta1; lra.
  - apply T2_roots_eq4_delta2; lra.
Qed.

(** (4) itself: both orbit points give back eta = K in eta(delta) = 1/(delta^2 (sqrt(1/delta^2 - 3/4) + 1/2)). *)
Lemma eq4_from_quartic K d : 0 < K -> 0 < d -> K * d ^ 2 <= 2 ->
  K ^ 2 * d ^ 4 - K * (K + 1) * d ^ 2 + 1 = 0 -> eta_of_delta d = K.
Proof.
  intros HK Hd Hr Hq. unfold eta_of_delta.
  assert (Hd2 : 0 < d ^ 2) by (apply pow_lt; lra).
  assert (Hkd : 0 < K * d ^ 2) by nra.
  set (u := 1 / (K * d ^ 2) - 1 / 2).
  assert (Hu : 0 <= u).
  { replace u with ((2 - K * d ^ 2) * / (2 * (K * d ^ 2))) by (unfold u; field; repeat split; lra).
    apply Rmult_le_pos; [lra | left; apply Rinv_0_lt_compat; lra]. }
  assert (E : u ^ 2 - (1 / d ^ 2 - 3 / 4)
              = (K ^ 2 * d ^ 4 - K * (K + 1) * d ^ 2 + 1) / (K ^ 2 * d ^ 4))
    by (unfold u; field; repeat split; lra).
  rewrite Hq in E. unfold Rdiv in E. rewrite Rmult_0_l in E.
  assert (Hs : sqrt (1 / d ^ 2 - 3 / 4) = u).
  { replace (1 / d ^ 2 - 3 / 4) with (u ^ 2) by lra. apply sqrt_pow2. exact Hu. }
  rewrite Hs. unfold u. field. repeat split; lra.
Qed.

Corollary T2_roots_eq4 : forall K, 1 < K -> K <= K_star ->
  eta_of_delta (delta1 K) = K /\ eta_of_delta (delta2 K) = K.
Proof.
  intros K H1 H2. destruct (T2_roots K H1 H2) as (D1 & D2 & _ & _ & _ & _ & _ & _ & Q1 & Q2 & R1 & R2).
  split; apply eq4_from_quartic; lra.
Qed.

(** x_m maximises g_K on [0, oo): g(x_m) - g(y) = K (x_m - y)^2 (2 x_m + y). *)
Lemma g_below_peak K y : 0 < K -> 0 <= y -> g K y <= g K (x_m K).
Proof.
  intros HK Hy.
  assert (Hx : x_m K * x_m K = (1 + K) / (3 * K)) by (apply sqrt_sqrt, rad_xm; lra).
  assert (Hx0 : 0 <= x_m K) by apply sqrt_pos.
  assert (E : g K (x_m K) - g K y = K * (x_m K - y) ^ 2 * (2 * x_m K + y)).
  { unfold g.
    replace (1 + K) with (3 * K * (x_m K * x_m K)) by (rewrite Hx; field; lra).
    ring. }
  assert (0 <= K * (x_m K - y) ^ 2 * (2 * x_m K + y)).
  { apply Rmult_le_pos; [apply Rmult_le_pos; [lra | apply pow2_ge_0] | lra]. }
  lra.
Qed.

(** T2.positive (Appendix F): from any y_0 in (0, 1), every iterate g_K^n(y_0), n >= 1, lies
    in (0, g(x_m)]; in particular GD never leaves the positive axis. *)
Theorem T2_positive : forall K y0 n, 1 < K -> K <= K_star -> 0 < y0 < 1 ->
  0 < iter (S n) K y0 <= g K (x_m K).
Proof.
  intros K y0 n H1 H2 Hy0.
  pose proof (T2_positive_margin K H1 H2) as Margin.
  pose proof (T2_positive_peak K ltac:(lra)) as Peak.
  assert (HK : 0 < K) by lra.
  set (P := g K (x_m K)) in *.
  (* The invariant: 0 < y and y^2 < (1 + K)/K, under which 0 < g(y) <= P and P^2 < (1 + K)/K. *)
  assert (Step : forall y, 0 < y -> y ^ 2 < (1 + K) / K -> 0 < g K y <= P).
  { intros y Hy Hy2. split.
    - rewrite (T2_positive_sign_of_g K y HK).
      apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; lra | lra].
    - apply g_below_peak; lra. }
  assert (HP2 : P ^ 2 < (1 + K) / K) by lra.
  assert (Start : y0 ^ 2 < (1 + K) / K).
  { assert (1 < (1 + K) / K).
    { apply (Rmult_lt_reg_r K); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra. }
    nra. }
  assert (Inv : forall m y, 0 < y -> y ^ 2 < (1 + K) / K -> 0 < iter (S m) K y <= P).
  { induction m as [|m IH]; intros y Hy Hy2.
    - exact (Step y Hy Hy2).
    - change (iter (S (S m)) K y) with (iter (S m) K (g K y)).
      destruct (Step y Hy Hy2) as [G0 G1].
      apply IH; [lra|].
      assert (g K y ^ 2 <= P ^ 2) by (apply pow_incr; lra). lra. }
  apply Inv; lra.
Qed.

(** T2.basin, the orbit's two-step multiplier (39)-(42): G'(delta_1) = 7 - 4K - 2K^2 lies in
    [0, 1) on (1, K*], and is 0 only at K = K*. *)
Theorem T2_basin_multiplier_range : forall K, 1 < K -> K <= K_star ->
  diter 2 K (delta1 K) = 7 - 4 * K - 2 * K ^ 2 /\ 0 <= diter 2 K (delta1 K) < 1.
Proof.
  intros K H1 H2.
  pose proof (T2_basin_multiplier K ltac:(lra)) as M.
  pose proof (T2_basin_multiplier_below_one K) as B.
  pose proof (proj1 (K_star_iff K ltac:(lra)) H2) as Hk.
  rewrite M. split; [ring|]. split; [lra|].
  assert (0 < 2 * (K - 1) * (K + 3)) by (apply Rmult_lt_0_compat; lra). lra.
Qed.

(** (4) in the variable s = sqrt(1/delta^2 - 3/4): eta(delta) = (s^2 + 3/4)/(s + 1/2). *)
Lemma eta_in_s d : 0 < d -> d ^ 2 <= 4 / 3 ->
  eta_of_delta d = (sqrt (1 / d ^ 2 - 3 / 4) ^ 2 + 3 / 4) / (sqrt (1 / d ^ 2 - 3 / 4) + 1 / 2).
Proof.
  intros H1 H2.
  pose proof (T2_eta_reparametrise d H1 H2) as R.
  pose proof (sqrt_pos (1 / d ^ 2 - 3 / 4)) as S0.
  unfold eta_of_delta. set (s := sqrt (1 / d ^ 2 - 3 / 4)) in *.
  assert (0 < s ^ 2 + 3 / 4) by nra.
  assert (E : d ^ 2 * (s + 1 / 2) = (s + 1 / 2) / (s ^ 2 + 3 / 4)).
  { apply (Rmult_eq_reg_r (s ^ 2 + 3 / 4)); [| lra].
    replace ((s + 1 / 2) / (s ^ 2 + 3 / 4) * (s ^ 2 + 3 / 4)) with (s + 1 / 2) by (field; lra).
    lra. }
  rewrite E. field. lra.
Qed.

(** T2.eta, (36): eta(delta) increases strictly on (1, 2/sqrt 3] and equals 3/2 at 2/sqrt 3,
    its maximum there. *)
Theorem T2_eta : (forall d1 d2, 1 < d1 -> d1 < d2 -> d2 ^ 2 <= 4 / 3 -> eta_of_delta d1 < eta_of_delta d2)
  /\ eta_of_delta (2 / sqrt 3) = 3 / 2.
Proof.
  split.
  - intros d1 d2 H1 H12 H2.
    assert (Q12 : d1 ^ 2 < d2 ^ 2) by nra.
    rewrite (eta_in_s d1 ltac:(lra) ltac:(lra)), (eta_in_s d2 ltac:(lra) ltac:(lra)).
    assert (Hr : forall d, 1 < d -> d ^ 2 <= 4 / 3 ->
              0 <= 1 / d ^ 2 - 3 / 4 < 1 / 4 /\ sqrt (1 / d ^ 2 - 3 / 4) < 1 / 2).
    { intros d Hd Hd2. pose proof (rad_s d ltac:(lra) Hd2) as R0.
      assert (1 < d ^ 2) by nra.
      assert (1 / d ^ 2 < 1).
      { unfold Rdiv. rewrite Rmult_1_l, <- Rinv_1. apply Rinv_lt_contravar; nra. }
      pose proof (sqrt_sqrt _ R0) as Q. pose proof (sqrt_pos (1 / d ^ 2 - 3 / 4)).
      split; [lra | nra]. }
    destruct (Hr d1 H1 ltac:(lra)) as [R1 S1]. destruct (Hr d2 ltac:(lra) H2) as [R2 S2].
    assert (Inv : 1 / d2 ^ 2 < 1 / d1 ^ 2).
    { unfold Rdiv. rewrite !Rmult_1_l. apply Rinv_lt_contravar; [nra | lra]. }
    assert (Lt : sqrt (1 / d2 ^ 2 - 3 / 4) < sqrt (1 / d1 ^ 2 - 3 / 4)) by (apply sqrt_lt_1; lra).
    pose proof (sqrt_pos (1 / d1 ^ 2 - 3 / 4)). pose proof (sqrt_pos (1 / d2 ^ 2 - 3 / 4)).
    set (s1 := sqrt (1 / d1 ^ 2 - 3 / 4)) in *. set (s2 := sqrt (1 / d2 ^ 2 - 3 / 4)) in *.
    pose proof (T2_eta_monotone s1 s2) as M.
    assert (0 < (s1 - s2) * ((1 / 2 - s1) * (1 / 2 + s2) + (1 / 2 - s2))).
    { apply Rmult_lt_0_compat; [lra|]. nra. }
    apply (Rmult_lt_reg_r ((s1 + 1 / 2) * (s2 + 1 / 2))); [nra|].
    replace ((s1 ^ 2 + 3 / 4) / (s1 + 1 / 2) * ((s1 + 1 / 2) * (s2 + 1 / 2))) with ((s1 ^ 2 + 3 / 4) * (s2 + 1 / 2)) by (field; lra).
    replace ((s2 ^ 2 + 3 / 4) / (s2 + 1 / 2) * ((s1 + 1 / 2) * (s2 + 1 / 2))) with ((s2 ^ 2 + 3 / 4) * (s1 + 1 / 2)) by (field; lra).
    lra.
  - assert (H3 : sqrt 3 * sqrt 3 = 3) by (apply sqrt_sqrt; lra).
    assert (H3p : 0 < sqrt 3) by (apply sqrt_lt_R0; lra).
    assert (D2 : (2 / sqrt 3) ^ 2 = 4 / 3).
    { replace ((2 / sqrt 3) ^ 2) with (4 / (sqrt 3 * sqrt 3)) by (field; lra). rewrite H3. reflexivity. }
    rewrite eta_in_s; [| apply Rdiv_lt_0_compat; lra | lra].
    rewrite D2. replace (1 / (4 / 3) - 3 / 4) with 0 by field. rewrite sqrt_0. field.
Qed.
