(** * Theorem 4, stage 1 (T4.stage1/invariant) from its region conditions

    What is proved here, for every K and every state (no sampling): [stage1_from_region]:
    if the region obligation T4.stage1/invariant holds over a K range
    ([stage1_region_on lo hi], the certificate's statement written by hand: cells of
    (K, a, alpha, sigma), one scaled step at the cell's angle), then for every K of the range
    and every state of

      R = {v > 0, w_x > 0, w_y >= 0, v/||w|| in [3/5, 11/10], alpha(w_x, w_y) <= 9/10}

    still in stage 1 (v w_x <= 1/(2 pi)), one step (77)-(80) with w_y replaced by |w_y| lands in
    R, multiplies v w_x by at least 64/25 = 2.56, and ends with v w_x <= 4/5 ([stage1_on]).
    The link between a state and its cell is the scale-free form of proofs/theorem4.md
    (sigma = v ||w||, a = v/||w||, the state is sqrt sigma (sqrt a, cos alpha/sqrt a,
    sin alpha/sqrt a)): [Theorem4Claims.stage1_scaling] and [Angle.alpha_polar].

    The generated Theorem4_T4_stage1_invariant.v states the same proposition as
    [stage1_region_on] (and proves the two are one); where it generates the row in full
    (`make coq`) it proves it from the cells, and then [T4_stage1_from_cells]. CI builds a
    sample of the cells only (about 0.85 s of coqc per cell, 39 376 cells). *)

From Coq Require Import Reals Lra.
From Interval Require Import Tactic.
From Twostep Require Import Model Angle Theorem4Claims.
Open Scope R_scope.

(** The scaled step from the state of a cell (a, al) at scale s. *)
Definition s1_u (K a al s : R) : R := scaled_u K s (sqrt a) (cos al / sqrt a) (sin al / sqrt a) al.
Definition s1_mx (K a al s : R) : R := scaled_mx K s (sqrt a) (cos al / sqrt a) (sin al / sqrt a) al.
Definition s1_my (K a al s : R) : R := scaled_my K s (sqrt a) (cos al / sqrt a) (sin al / sqrt a).

(** T4.stage1/invariant over K in [lo, hi]. *)
Definition stage1_region_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  (1 / (2 * PI) <= 13 / 50 * cos (9 / 10)) /\
  forall a al s, 3 / 5 <= a <= 11 / 10 -> 0 <= al <= 9 / 10 -> 0 <= s <= 13 / 50 ->
  0 <= 1 / (2 * PI) - s * cos al ->
  0 < s1_u K a al s /\ 0 < s1_mx K a al s /\
  0 <= s1_u K a al s ^ 2 - 3 / 5 * (s1_mx K a al s ^ 2 + s1_my K a al s ^ 2) /\
  0 <= 11 / 10 * (s1_mx K a al s ^ 2 + s1_my K a al s ^ 2) - s1_u K a al s ^ 2 /\
  0 <= s1_mx K a al s ^ 2 * sin (9 / 10) ^ 2 - s1_my K a al s ^ 2 * cos (9 / 10) ^ 2 /\
  0 <= s1_u K a al s * s1_mx K a al s - 64 / 25 * sqrt a * (cos al / sqrt a) /\
  0 <= 4 / 5 - s * s1_u K a al s * s1_mx K a al s.

(** The stage-1 set R in the reduced variables. *)
Definition in_stage1_r (v wx wy : R) : Prop :=
  0 < v /\ 0 < wx /\ 0 <= wy /\ 3 / 5 <= v / sqrt (wx ^ 2 + wy ^ 2) <= 11 / 10 /\
  alpha wx wy <= 9 / 10.

(** T4.stage1 over K in [lo, hi]: R is invariant while v w_x <= 1/(2 pi), v w_x grows by
    2.56 per step, and the next v w_x is at most 4/5. *)
Definition stage1_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  forall v wx wy, in_stage1_r v wx wy -> v * wx <= 1 / (2 * PI) ->
  in_stage1_r (neuron_v K v wx wy) (neuron_wx K v wx wy) (Rabs (neuron_wy K v wx wy)) /\
  64 / 25 * (v * wx) <= neuron_v K v wx wy * neuron_wx K v wx wy /\
  neuron_v K v wx wy * neuron_wx K v wx wy <= 4 / 5.

(** A state in scale-free form: t = sqrt(v ||w||), a = v/||w||, al = alpha(w_x, w_y). *)
Lemma scale_free v wx wy : 0 < v -> 0 < wx -> 0 <= wy ->
  let n := sqrt (wx ^ 2 + wy ^ 2) in
  let a := v / n in let s := v * n in let al := alpha wx wy in
  0 < n /\ sqrt s * sqrt a = v /\ sqrt s * (cos al / sqrt a) = wx /\
  sqrt s * (sin al / sqrt a) = wy /\ 0 <= al < PI / 2.
Proof.
  intros Hv Hx Hy n a s al.
  assert (Hn2 : n * n = wx ^ 2 + wy ^ 2) by (apply sqrt_sqrt; nra).
  assert (Hn : 0 < n) by (apply sqrt_lt_R0; nra).
  assert (Ha : 0 < a) by (unfold a; apply Rdiv_lt_0_compat; lra).
  assert (Hs : 0 < s) by (unfold s; nra).
  assert (Hsa : 0 < sqrt a) by (apply sqrt_lt_R0; exact Ha).
  assert (E1 : sqrt s * sqrt a = v).
  { rewrite <- sqrt_mult by lra. replace (s * a) with (v * v) by (unfold s, a; field; lra).
    apply sqrt_square. lra. }
  assert (E2 : sqrt s = n * sqrt a).
  { replace s with ((n * n) * a) by (unfold s, a; field; lra).
    rewrite sqrt_mult by nra. rewrite sqrt_square by lra. reflexivity. }
  assert (Hz : sqrt (1 + (wy / wx)²) = n / wx).
  { replace (1 + (wy / wx)²) with ((n / wx) * (n / wx)) by (unfold Rsqr; field_simplify_eq; [nra | lra]).
    apply sqrt_square. apply Rlt_le, Rdiv_lt_0_compat; lra. }
  assert (Hal : al = atan (wy / wx)) by (unfold al; apply alpha_atan; exact Hx).
  assert (Hc : cos al = wx / n) by (rewrite Hal, cos_atan, Hz; field; lra).
  assert (Hsn : sin al = wy / n) by (rewrite Hal, sin_atan, Hz; field; lra).
  split; [exact Hn |]. split; [exact E1 |].
  split; [rewrite E2, Hc; field; lra |].
  split; [rewrite E2, Hsn; field; lra |].
  rewrite Hal. split.
  - rewrite <- atan_0. destruct (Req_dec wy 0) as [H0 | H0].
    + rewrite H0. unfold Rdiv. rewrite Rmult_0_l. lra.
    + apply Rlt_le, atan_increasing. apply Rdiv_lt_0_compat; lra.
  - apply atan_bound.
Qed.

(** From a^2 in [3/5, 11/10] (what the cells check) to a in [3/5, 11/10]. *)
Lemma ratio_in_r v n : 0 < n -> 0 < v -> 0 <= v ^ 2 - 3 / 5 * n ^ 2 -> 0 <= 11 / 10 * n ^ 2 - v ^ 2 ->
  3 / 5 <= v / n <= 11 / 10.
Proof.
  intros Hn Hv H1 H2. split.
  - apply (Rmult_le_reg_r n); [exact Hn |]. replace (v / n * n) with v by (field; lra). nra.
  - apply (Rmult_le_reg_r n); [exact Hn |]. replace (v / n * n) with v by (field; lra). nra.
Qed.

(** From m_x^2 sin^2(9/10) >= m_y^2 cos^2(9/10), m_x > 0, to alpha(m_x, |m_y|) <= 9/10. *)
Lemma angle_in_r mx my : 0 < mx -> 0 <= mx ^ 2 * sin (9 / 10) ^ 2 - my ^ 2 * cos (9 / 10) ^ 2 ->
  alpha mx (Rabs my) <= 9 / 10.
Proof.
  intros Hx H. rewrite alpha_atan by exact Hx.
  assert (Hc : 0 < cos (9 / 10)) by interval with (i_prec 64).
  assert (Hs : 0 < sin (9 / 10)) by interval with (i_prec 64).
  assert (Hm : 0 <= Rabs my) by apply Rabs_pos.
  assert (H2 : Rabs my ^ 2 = my ^ 2) by apply pow2_abs.
  assert (Hle : Rabs my * cos (9 / 10) <= mx * sin (9 / 10)).
  { apply Rsqr_incr_0_var; [| apply Rmult_le_pos; lra]. unfold Rsqr.
    replace (Rabs my * cos (9 / 10) * (Rabs my * cos (9 / 10))) with (my ^ 2 * cos (9 / 10) ^ 2)
      by (rewrite <- H2; ring).
    replace (mx * sin (9 / 10) * (mx * sin (9 / 10))) with (mx ^ 2 * sin (9 / 10) ^ 2) by ring.
    lra. }
  assert (Ht : Rabs my / mx <= tan (9 / 10)).
  { unfold tan. apply (Rmult_le_reg_r (mx * cos (9 / 10))); [nra |].
    replace (Rabs my / mx * (mx * cos (9 / 10))) with (Rabs my * cos (9 / 10)) by (field; lra).
    replace (sin (9 / 10) / cos (9 / 10) * (mx * cos (9 / 10))) with (mx * sin (9 / 10)) by (field; lra).
    exact Hle. }
  assert (Hpi : 9 / 10 < PI / 2) by interval with (i_prec 64).
  rewrite <- (atan_tan (9 / 10)) by lra.
  destruct (Rle_lt_or_eq_dec _ _ Ht) as [Hlt | Heq].
  - apply Rlt_le, atan_increasing, Hlt.
  - rewrite Heq. lra.
Qed.

(** A state t (u, m_x, |m_y|), t > 0, is in R when the scaled state passes the cells' tests
    of R (u, m_x > 0, a^2 in [3/5, 11/10], the angle's test). *)
Lemma scaled_in_r t u mx my : 0 < t -> 0 < u -> 0 < mx ->
  0 <= u ^ 2 - 3 / 5 * (mx ^ 2 + my ^ 2) -> 0 <= 11 / 10 * (mx ^ 2 + my ^ 2) - u ^ 2 ->
  0 <= mx ^ 2 * sin (9 / 10) ^ 2 - my ^ 2 * cos (9 / 10) ^ 2 ->
  in_stage1_r (t * u) (t * mx) (t * Rabs my).
Proof.
  intros Ht Hu Hx C1 C2 C3.
  assert (Hn : sqrt ((t * mx) ^ 2 + (t * Rabs my) ^ 2) = t * sqrt (mx ^ 2 + my ^ 2)).
  { replace ((t * mx) ^ 2 + (t * Rabs my) ^ 2) with (t ^ 2 * (mx ^ 2 + my ^ 2))
      by (rewrite <- (pow2_abs my); ring).
    rewrite sqrt_mult by (first [apply pow2_ge_0 | nra]).
    rewrite <- Rsqr_pow2, sqrt_Rsqr by lra. reflexivity. }
  assert (Hm : 0 < sqrt (mx ^ 2 + my ^ 2)) by (apply sqrt_lt_R0; nra).
  assert (Hm2 : sqrt (mx ^ 2 + my ^ 2) ^ 2 = mx ^ 2 + my ^ 2)
    by (rewrite <- Rsqr_pow2; apply Rsqr_sqrt; nra).
  unfold in_stage1_r. split; [nra |]. split; [nra |]. split; [apply Rmult_le_pos; [lra | apply Rabs_pos] |].
  split.
  - rewrite Hn. replace (t * u / (t * sqrt (mx ^ 2 + my ^ 2))) with (u / sqrt (mx ^ 2 + my ^ 2))
      by (field; lra).
    apply ratio_in_r; [exact Hm | exact Hu | rewrite Hm2; lra | rewrite Hm2; lra].
  - rewrite alpha_scale by exact Ht. apply angle_in_r; assumption.
Qed.

(** The cell of a state of R still in stage 1: its scale-free coordinates (a, al, s) lie in
    the box of T4.stage1/invariant's cells, meet the cells' stage-1 test, and the step from
    the state is sqrt s times the scaled step of the cell (the link of proofs/theorem4.md). *)
Lemma stage1_cell K v wx wy : in_stage1_r v wx wy -> v * wx <= 1 / (2 * PI) ->
  exists a al s, 3 / 5 <= a <= 11 / 10 /\ 0 <= al <= 9 / 10 /\ 0 <= s <= 13 / 50 /\
  0 <= 1 / (2 * PI) - s * cos al /\ 0 < s /\ 0 < cos al /\ v * wx = s * cos al /\
  sqrt a * (cos al / sqrt a) = cos al /\
  neuron_v K v wx wy = sqrt s * s1_u K a al s /\
  neuron_wx K v wx wy = sqrt s * s1_mx K a al s /\
  neuron_wy K v wx wy = sqrt s * s1_my K a al s.
Proof.
  intros (Hv & Hx & Hy & Ha & Hal) Hg.
  destruct (scale_free v wx wy Hv Hx Hy) as (Hn & E1 & E2 & E3 & Hal0).
  set (n := sqrt (wx ^ 2 + wy ^ 2)) in *.
  set (a := v / n) in *. set (s := v * n) in *. set (al := alpha wx wy) in *.
  assert (Hs : 0 < s) by (unfold s; nra).
  assert (Hsa : 0 < sqrt a) by (apply sqrt_lt_R0; lra).
  assert (Ht : 0 < sqrt s) by (apply sqrt_lt_R0; exact Hs).
  assert (Hts : sqrt s ^ 2 = s) by (rewrite <- Rsqr_pow2; apply Rsqr_sqrt; lra).
  assert (Hcos : 0 < cos al) by (apply cos_gt_0; lra).
  assert (Hcos9 : cos (9 / 10) <= cos al).
  { apply cos_decr_1; try lra. all: interval with (i_prec 64). }
  assert (Hc9 : 0 < cos (9 / 10)) by interval with (i_prec 64).
  assert (Hfact : 1 / (2 * PI) <= 13 / 50 * cos (9 / 10)) by interval with (i_prec 64).
  (* v w_x = s cos(al). *)
  assert (Hvw : v * wx = s * cos al).
  { rewrite <- E1, <- E2. replace (sqrt s * sqrt a * (sqrt s * (cos al / sqrt a))) with (sqrt s ^ 2 * cos al)
      by (field; lra). rewrite Hts. reflexivity. }
  assert (Hs13 : s <= 13 / 50).
  { apply (Rmult_le_reg_r (cos (9 / 10))); [exact Hc9 |]. nra. }
  (* The step from the state is sqrt s times the scaled step of the cell. *)
  assert (Hm : 0 < (cos al / sqrt a) ^ 2 + (sin al / sqrt a) ^ 2).
  { assert (0 < (cos al / sqrt a) ^ 2) by (apply pow_lt, Rdiv_lt_0_compat; lra).
    assert (0 <= (sin al / sqrt a) ^ 2) by apply pow2_ge_0. lra. }
  destruct (stage1_scaling K (sqrt s) (sqrt a) (cos al / sqrt a) (sin al / sqrt a) Ht Hm) as (S1 & S2 & S3).
  rewrite E1, E2, E3, Hts in *.
  assert (Hpolar : alpha (cos al / sqrt a) (sin al / sqrt a) = al).
  { replace (cos al / sqrt a) with (/ sqrt a * cos al) by (field; lra).
    replace (sin al / sqrt a) with (/ sqrt a * sin al) by (field; lra).
    apply alpha_polar; [apply Rinv_0_lt_compat; exact Hsa |]. split; [| lra].
    assert (0 < PI) by apply PI_RGT_0. lra. }
  rewrite Hpolar in S1, S2.
  exists a, al, s. repeat split; try lra.
  - field. lra.
  - exact S1.
  - exact S2.
  - exact S3.
Qed.

Theorem stage1_from_region lo hi : stage1_region_on lo hi -> stage1_on lo hi.
Proof.
  intros HR K HK v wx wy Hr Hg.
  destruct (HR K HK) as [_ Hcells].
  destruct (stage1_cell K v wx wy Hr Hg)
    as (a & al & s & Ha & Hal & Hs & Hg' & Hs0 & Hcos & Hvw & Hca & S1 & S2 & S3).
  destruct (Hcells a al s Ha Hal Hs Hg') as (C1 & C2 & C3 & C4 & C5 & C6 & C7).
  assert (Ht : 0 < sqrt s) by (apply sqrt_lt_R0; exact Hs0).
  assert (Hss : sqrt s * sqrt s = s) by (apply sqrt_sqrt; lra).
  rewrite S1, S2, S3.
  replace (64 / 25 * sqrt a * (cos al / sqrt a)) with (64 / 25 * cos al) in C6
    by (rewrite Rmult_assoc, Hca; reflexivity).
  set (u' := s1_u K a al s) in *. set (mx' := s1_mx K a al s) in *. set (my' := s1_my K a al s) in *.
  assert (Hy' : Rabs (sqrt s * my') = sqrt s * Rabs my').
  { rewrite Rabs_mult, Rabs_right by lra. reflexivity. }
  rewrite Hy'.
  split; [| split].
  - apply scaled_in_r; assumption.
  - rewrite Hvw. replace (sqrt s * u' * (sqrt s * mx')) with ((sqrt s * sqrt s) * (u' * mx')) by ring.
    rewrite Hss. nra.
  - replace (sqrt s * u' * (sqrt s * mx')) with ((sqrt s * sqrt s) * u' * mx') by ring.
    rewrite Hss. lra.
Qed.

(** ** The start: two steps from v = ||w|| = eps *)

(** State 1 of a start (a = 1, angle th, scale s), w_y taken as |w_y|, and state 2. *)
Definition s1_u1 (K th s : R) : R := scaled_u K s 1 (cos th) (sin th) th.
Definition s1_x1 (K th s : R) : R := scaled_mx K s 1 (cos th) (sin th) th.
Definition s1_y1 (K th s : R) : R := Rabs (scaled_my K s 1 (cos th) (sin th)).
Definition s1_al1 (K th s : R) : R := alpha (s1_x1 K th s) (s1_y1 K th s).
Definition s1_u2 (K th s : R) : R := scaled_u K s (s1_u1 K th s) (s1_x1 K th s) (s1_y1 K th s) (s1_al1 K th s).
Definition s1_x2 (K th s : R) : R := scaled_mx K s (s1_u1 K th s) (s1_x1 K th s) (s1_y1 K th s) (s1_al1 K th s).
Definition s1_y2 (K th s : R) : R := scaled_my K s (s1_u1 K th s) (s1_x1 K th s) (s1_y1 K th s).

(** T4.stage1/start over K in [lo, hi]. *)
Definition stage1_start_region_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  (PI / 2 <= 15708 / 10000) /\
  forall th s, 0 <= th <= 15708 / 10000 -> 0 <= s <= 1 / 100 ->
  0 <= 1 ->
  0 < s1_u1 K th s /\ 0 < s1_x1 K th s /\
  0 <= 1 / (2 * PI) - s * s1_u1 K th s * s1_x1 K th s /\
  0 < s1_u2 K th s /\ 0 < s1_x2 K th s /\
  0 <= s1_u2 K th s ^ 2 - 3 / 5 * (s1_x2 K th s ^ 2 + s1_y2 K th s ^ 2) /\
  0 <= 11 / 10 * (s1_x2 K th s ^ 2 + s1_y2 K th s ^ 2) - s1_u2 K th s ^ 2 /\
  0 <= s1_x2 K th s ^ 2 * sin (9 / 10) ^ 2 - s1_y2 K th s ^ 2 * cos (9 / 10) ^ 2 /\
  0 <= s1_u2 K th s * s1_x2 K th s - 2 /\
  0 <= 4 / 5 - s * s1_u2 K th s * s1_x2 K th s.

(** One step (77)-(80) with w_y replaced by |w_y|. *)
Definition stage1_step (K v wx wy : R) : R * R * R :=
  (neuron_v K v wx wy, neuron_wx K v wx wy, Rabs (neuron_wy K v wx wy)).

(** T4.stage1's start over K in [lo, hi]: from v = ||w|| = eps in (0, 1/10], alpha_0 in
    [0, pi/2], state 1 is still in stage 1 (v, w_x > 0, v w_x <= 1/(2 pi)), and state 2 lies
    in R with 2 eps^2 <= v w_x <= 4/5. *)
Definition stage1_start_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi -> forall eps th, 0 < eps <= 1 / 10 -> 0 <= th <= PI / 2 ->
  let '(v1, wx1, wy1) := stage1_step K eps (eps * cos th) (eps * sin th) in
  let '(v2, wx2, wy2) := stage1_step K v1 wx1 wy1 in
  0 < v1 /\ 0 < wx1 /\ v1 * wx1 <= 1 / (2 * PI) /\
  in_stage1_r v2 wx2 wy2 /\ 2 * eps ^ 2 <= v2 * wx2 /\ v2 * wx2 <= 4 / 5.

(** State 1 of a start is eps times the scaled state 1 ([s1_u1], [s1_x1], [s1_y1]). *)
Lemma start_state1 K eps th : 0 < eps -> 0 <= th <= PI / 2 ->
  stage1_step K eps (eps * cos th) (eps * sin th) =
  (eps * s1_u1 K th (eps ^ 2), eps * s1_x1 K th (eps ^ 2), eps * s1_y1 K th (eps ^ 2)).
Proof.
  intros He Hth. assert (Hpi := PI_RGT_0).
  assert (Hm0 : 0 < cos th ^ 2 + sin th ^ 2) by (rewrite <- !Rsqr_pow2, Rplus_comm, sin2_cos2; lra).
  destruct (stage1_scaling K eps 1 (cos th) (sin th) He Hm0) as (S1 & S2 & S3).
  assert (Hth' : alpha (cos th) (sin th) = th).
  { replace (cos th) with (1 * cos th) by ring. replace (sin th) with (1 * sin th) by ring.
    apply alpha_polar; lra. }
  rewrite Hth', Rmult_1_r in *.
  unfold stage1_step, s1_u1, s1_x1, s1_y1. rewrite S1, S2, S3.
  rewrite Rabs_mult, (Rabs_right eps) by lra. reflexivity.
Qed.

(** State 2 of a start is eps times the scaled state 2, once w_x of state 1 is positive. *)
Lemma start_state2 K eps th : 0 < eps -> 0 < s1_x1 K th (eps ^ 2) ->
  stage1_step K (eps * s1_u1 K th (eps ^ 2)) (eps * s1_x1 K th (eps ^ 2)) (eps * s1_y1 K th (eps ^ 2)) =
  (eps * s1_u2 K th (eps ^ 2), eps * s1_x2 K th (eps ^ 2), eps * Rabs (s1_y2 K th (eps ^ 2))).
Proof.
  intros He Hx.
  assert (Hm1 : 0 < s1_x1 K th (eps ^ 2) ^ 2 + s1_y1 K th (eps ^ 2) ^ 2).
  { assert (0 <= s1_y1 K th (eps ^ 2) ^ 2) by apply pow2_ge_0.
    assert (0 < s1_x1 K th (eps ^ 2) ^ 2) by (apply pow_lt; exact Hx). lra. }
  destruct (stage1_scaling K eps (s1_u1 K th (eps ^ 2)) _ _ He Hm1) as (T1 & T2 & T3).
  unfold stage1_step. rewrite T1, T2, T3.
  rewrite Rabs_mult, (Rabs_right eps) by lra. reflexivity.
Qed.

Theorem stage1_start_from_region lo hi : stage1_start_region_on lo hi -> stage1_start_on lo hi.
Proof.
  intros HR K HK eps th He Hth.
  destruct (HR K HK) as [Hfact Hcells].
  assert (Hpi := PI_RGT_0).
  assert (Hs : 0 <= eps ^ 2 <= 1 / 100) by (split; nra).
  destruct (Hcells th (eps ^ 2) ltac:(lra) Hs ltac:(lra))
    as (C1 & C2 & C3 & C4 & C5 & C6 & C7 & C8 & C9 & C10).
  rewrite (start_state1 K eps th ltac:(lra) Hth). cbv iota beta.
  rewrite (start_state2 K eps th ltac:(lra) C2). cbv iota beta.
  set (u1 := s1_u1 K th (eps ^ 2)) in *. set (x1 := s1_x1 K th (eps ^ 2)) in *.
  set (u2 := s1_u2 K th (eps ^ 2)) in *. set (x2 := s1_x2 K th (eps ^ 2)) in *.
  set (y2 := s1_y2 K th (eps ^ 2)) in *.
  split; [nra |]. split; [nra |].
  split; [replace (eps * u1 * (eps * x1)) with (eps ^ 2 * u1 * x1) by ring; lra |].
  split; [| split].
  - apply scaled_in_r; lra.
  - replace (eps * u2 * (eps * x2)) with (eps ^ 2 * (u2 * x2)) by ring.
    assert (0 <= eps ^ 2 * (u2 * x2 - 2)) by (apply Rmult_le_pos; lra). lra.
  - replace (eps * u2 * (eps * x2)) with (eps ^ 2 * u2 * x2) by ring. lra.
Qed.
