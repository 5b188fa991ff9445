(** * Theorem 4 along the orbit: from the start, through stage 1, into B (T4.stage1, T4.stage2)

    The certificate's pieces, each stated over a K piece [lo, hi]:

    - [stage1_start_on] (Stage1Claims.v): two steps from v = ||w|| = eps, alpha_0 in
      [0, pi/2], end in R with v w_x >= 2 eps^2;
    - [stage1_on] (Stage1Claims.v): a step from a state of R still in stage 1 lands in R and
      multiplies v w_x by at least 64/25;
    - [start_on]: state 2 of a start is still in stage 1, in B, or in generation 0
      (T4.stage2's start cells, StageEntry.start_lands);
    - [entry_on]: the step from a state of R in stage 1 is still in stage 1, in B, or in
      generation 0 (T4.stage2's entry cells, StageEntry.entry_lands);
    - [gens_on]: from generation 0, B within [steps] steps (GridReach.gens_reach).

    [stage2_orbit] chains them: the orbit of (77)-(80) with |w_y| from every start is in B
    after at most 2 + N + steps steps, for every N with (64/25)^N 2 eps^2 > 1/(2 pi)
    (N bounds the steps spent in stage 1, the paper's T_1). [stage2_orbit_reaches] adds that
    such an N exists. *)

From Coq Require Import Reals Lra Lia.
From Interval Require Import Tactic.
From Twostep Require Import Model BasinClaims GridReach Stage1Claims StageEntry.
Open Scope R_scope.

(** T4.stage2's entry cells over K in [lo, hi] and R's box of T4.stage1/invariant. *)
Definition entry_on (g : grid) (s0 : list run) (lo hi : R) : Prop :=
  forall K a al s, lo <= K <= hi -> 3 / 5 <= a <= 11 / 10 -> 0 <= al <= 9 / 10 ->
  0 <= s <= 13 / 50 -> entry_lands g s0 K a al s.

(** T4.stage2's start cells over K in [lo, hi] and the start box of T4.stage1/start. *)
Definition start_on (g : grid) (s0 : list run) (lo hi : R) : Prop :=
  forall K th s, lo <= K <= hi -> 0 <= th <= 3927 / 2500 -> 0 <= s <= 1 / 100 ->
  start_lands g s0 K th s.

(** T4.stage2's generations over K in [lo, hi] (the generated [_from_cells] theorem). *)
Definition gens_on (g : grid) (s0 : list run) (lo hi : R) (steps : nat) : Prop :=
  forall K v wx wy, lo <= K <= hi -> in_set g s0 v wx wy ->
  exists n, (n <= steps)%nat /\ at3 stage2_B (Nat.iter n (step3 K) (v, wx, wy)).

(** The orbit claim over K in [lo, hi]: from v = ||w|| = eps in (0, 1/10], alpha_0 in
    [0, pi/2], the orbit of (77)-(80) with |w_y| is in B within 2 + N + steps steps, for
    every N with (64/25)^N 2 eps^2 > 1/(2 pi). *)
Definition stage2_orbit_on (lo hi : R) (steps : nat) : Prop :=
  forall K, lo <= K <= hi -> forall eps th, 0 < eps <= 1 / 10 -> 0 <= th <= PI / 2 ->
  forall N, 1 / (2 * PI) < (64 / 25) ^ N * (2 * eps ^ 2) ->
  exists n, (n <= 2 + N + steps)%nat /\
  at3 stage2_B (Nat.iter n (step3 K) (eps, eps * cos th, eps * sin th)).

Lemma iter_add {A} (f : A -> A) n m x : Nat.iter (n + m) f x = Nat.iter m f (Nat.iter n f x).
Proof.
  revert x. induction n as [| n IH]; intros x; [reflexivity |].
  change (S n + m)%nat with (S (n + m)).
  rewrite iter_shift, IH, <- iter_shift. reflexivity.
Qed.

(** From B, or from generation 0, after one step. *)
Lemma lands_after g s0 lo hi steps K X :
  gens_on g s0 lo hi steps -> lo <= K <= hi ->
  at3 stage2_B X \/ at3 (in_set g s0) X ->
  exists n, (n <= steps)%nat /\ at3 stage2_B (Nat.iter n (step3 K) X).
Proof.
  intros HG HK [HB | Hset].
  - exists 0%nat. split; [lia | exact HB].
  - destruct X as [[v wx] wy]. exact (HG K v wx wy HK Hset).
Qed.

(** Stage 1 by induction on N: a state of R still in stage 1 with (64/25)^N v w_x > 1/(2 pi)
    is in B within N + steps steps. *)
Lemma stage1_loop g s0 lo hi steps :
  stage1_on lo hi -> entry_on g s0 lo hi -> gens_on g s0 lo hi steps ->
  forall K, lo <= K <= hi -> forall N v wx wy, in_stage1_r v wx wy -> v * wx <= 1 / (2 * PI) ->
  1 / (2 * PI) < (64 / 25) ^ N * (v * wx) ->
  exists n, (n <= N + steps)%nat /\ at3 stage2_B (Nat.iter n (step3 K) (v, wx, wy)).
Proof.
  intros H1 HE HG K HK N. induction N as [| N IH]; intros v wx wy Hr Hg HN.
  - simpl in HN. lra.
  - destruct (H1 K HK v wx wy Hr Hg) as (Hr' & Hgrow & _).
    destruct (stage1_cell K v wx wy Hr Hg)
      as (a & al & s & Ha & Hal & Hs & Hg' & Hs0 & _ & _ & _ & S1 & S2 & S3).
    assert (HL := HE K a al s HK Ha Hal Hs Hg'). unfold lands_if_past in HL.
    assert (Hss : sqrt s * sqrt s = s) by (apply sqrt_sqrt; lra).
    assert (Hstep : step3 K (v, wx, wy) =
      (sqrt s * s1_u K a al s, sqrt s * s1_mx K a al s, Rabs (sqrt s * s1_my K a al s))).
    { change (step3 K (v, wx, wy)) with (basin_step K v wx wy). unfold basin_step.
      rewrite S1, S2, S3. reflexivity. }
    assert (Hvw : neuron_v K v wx wy * neuron_wx K v wx wy = s * s1_u K a al s * s1_mx K a al s).
    { rewrite S1, S2. replace (sqrt s * s1_u K a al s * (sqrt s * s1_mx K a al s))
        with ((sqrt s * sqrt s) * s1_u K a al s * s1_mx K a al s) by ring.
      rewrite Hss. reflexivity. }
    destruct HL as [Hin | HL].
    + (* Still in stage 1: one step, then N more. *)
      assert (Hp : 0 < (64 / 25) ^ N) by (apply pow_lt; lra).
      assert (HN' : 1 / (2 * PI) < (64 / 25) ^ N * (neuron_v K v wx wy * neuron_wx K v wx wy)).
      { simpl in HN.
        assert ((64 / 25) ^ N * (64 / 25 * (v * wx)) <=
                (64 / 25) ^ N * (neuron_v K v wx wy * neuron_wx K v wx wy))
          by (apply Rmult_le_compat_l; lra).
        nra. }
      destruct (IH _ _ _ Hr' ltac:(lra) HN') as [n [Hn HB]].
      exists (S n). split; [lia |]. rewrite iter_shift. exact HB.
    + (* In B or in generation 0 after one step. *)
      destruct (lands_after g s0 lo hi steps K (step3 K (v, wx, wy)) HG HK)
        as [n [Hn HB]].
      { rewrite Hstep. exact HL. }
      exists (S n). split; [lia |]. rewrite iter_shift. exact HB.
Qed.

(** T4.stage1 and T4.stage2 chained over K in [lo, hi]. *)
Theorem stage2_orbit g s0 lo hi steps :
  stage1_on lo hi -> stage1_start_on lo hi -> entry_on g s0 lo hi -> start_on g s0 lo hi ->
  gens_on g s0 lo hi steps -> stage2_orbit_on lo hi steps.
Proof.
  intros H1 H2 HE HS HG K HK eps th He Hth N HN.
  assert (Hpi := PI_RGT_0).
  assert (Hst := H2 K HK eps th He Hth).
  assert (E1 := start_state1 K eps th ltac:(lra) Hth).
  rewrite E1 in Hst. cbv iota beta in Hst.
  destruct Hst as (_ & Hx1 & _ & Hst).
  assert (Hx1' : 0 < s1_x1 K th (eps ^ 2)).
  { destruct (Rle_or_lt (s1_x1 K th (eps ^ 2)) 0); [| assumption].
    assert (eps * s1_x1 K th (eps ^ 2) <= 0) by nra. lra. }
  assert (E2 := start_state2 K eps th ltac:(lra) Hx1').
  set (u1 := s1_u1 K th (eps ^ 2)) in *. set (x1 := s1_x1 K th (eps ^ 2)) in *.
  set (y1 := s1_y1 K th (eps ^ 2)) in *.
  set (u2 := s1_u2 K th (eps ^ 2)) in *. set (x2 := s1_x2 K th (eps ^ 2)) in *.
  set (y2 := s1_y2 K th (eps ^ 2)) in *.
  assert (Ev : neuron_v K (eps * u1) (eps * x1) (eps * y1) = eps * u2)
    by exact (f_equal (fun t => fst (fst t)) E2).
  assert (Ex : neuron_wx K (eps * u1) (eps * x1) (eps * y1) = eps * x2)
    by exact (f_equal (fun t => snd (fst t)) E2).
  assert (Ey : Rabs (neuron_wy K (eps * u1) (eps * x1) (eps * y1)) = eps * Rabs y2)
    by exact (f_equal snd E2).
  rewrite Ev, Ex, Ey in Hst.
  destruct Hst as (Hr2 & Hlo2 & _).
  (* The orbit after two steps. *)
  assert (Hiter : forall n, Nat.iter (2 + n) (step3 K) (eps, eps * cos th, eps * sin th) =
                            Nat.iter n (step3 K) (eps * u2, eps * x2, eps * Rabs y2)).
  { intros n. rewrite iter_add.
    change (Nat.iter 2 (step3 K) (eps, eps * cos th, eps * sin th))
      with (stage1_step K (fst (fst (stage1_step K eps (eps * cos th) (eps * sin th))))
              (snd (fst (stage1_step K eps (eps * cos th) (eps * sin th))))
              (snd (stage1_step K eps (eps * cos th) (eps * sin th)))).
    rewrite E1. cbn [fst snd]. rewrite E2. reflexivity. }
  assert (Hpi2 : PI / 2 <= 3927 / 2500) by interval with (i_prec 64).
  assert (HL := HS K th (eps ^ 2) HK ltac:(lra) ltac:(split; nra)).
  unfold start_lands, lands_if_past in HL. fold u2 x2 y2 in HL.
  rewrite sqrt_pow2 in HL by lra. rewrite Rabs_mult, (Rabs_right eps) in HL by lra.
  destruct HL as [Hin | HL].
  - (* Still in stage 1 at state 2. *)
    assert (Hp : 0 < (64 / 25) ^ N) by (apply pow_lt; lra).
    assert (HN' : 1 / (2 * PI) < (64 / 25) ^ N * (eps * u2 * (eps * x2))).
    { assert ((64 / 25) ^ N * (2 * eps ^ 2) <= (64 / 25) ^ N * (eps * u2 * (eps * x2)))
        by (apply Rmult_le_compat_l; lra).
      lra. }
    assert (Hg2 : eps * u2 * (eps * x2) <= 1 / (2 * PI))
      by (replace (eps * u2 * (eps * x2)) with (eps ^ 2 * u2 * x2) by ring; exact Hin).
    destruct (stage1_loop g s0 lo hi steps H1 HE HG K HK N _ _ _ Hr2 Hg2 HN') as [n [Hn HB]].
    exists (2 + n)%nat. split; [lia |]. rewrite Hiter. exact HB.
  - (* In B or in generation 0 at state 2. *)
    destruct (lands_after g s0 lo hi steps K (eps * u2, eps * x2, eps * Rabs y2) HG HK HL)
      as [n [Hn HB]].
    exists (2 + n)%nat. split; [lia |]. rewrite Hiter. exact HB.
Qed.

(** An N as [stage2_orbit_on] asks for exists for every eps > 0. *)
Lemma stage1_steps eps : 0 < eps -> exists N, 1 / (2 * PI) < (64 / 25) ^ N * (2 * eps ^ 2).
Proof.
  intros He. assert (Hpi := PI_RGT_0).
  assert (H2 : 0 < 2 * eps ^ 2) by nra.
  destruct (Pow_x_infinity (64 / 25) ltac:(rewrite Rabs_right; lra)
             (1 / (2 * PI) / (2 * eps ^ 2) + 1)) as [N HN].
  exists N. specialize (HN N (le_n N)).
  rewrite Rabs_right in HN by (apply Rle_ge, pow_le; lra).
  apply (Rmult_lt_reg_r (/ (2 * eps ^ 2))); [apply Rinv_0_lt_compat; exact H2 |].
  replace ((64 / 25) ^ N * (2 * eps ^ 2) * / (2 * eps ^ 2)) with ((64 / 25) ^ N) by (field; lra).
  unfold Rdiv in HN |- *. lra.
Qed.

(** Every start reaches B. *)
Theorem stage2_orbit_reaches lo hi steps : stage2_orbit_on lo hi steps ->
  forall K, lo <= K <= hi -> forall eps th, 0 < eps <= 1 / 10 -> 0 <= th <= PI / 2 ->
  exists n, at3 stage2_B (Nat.iter n (step3 K) (eps, eps * cos th, eps * sin th)).
Proof.
  intros H K HK eps th He Hth. destruct (stage1_steps eps ltac:(lra)) as [N HN].
  destruct (H K HK eps th He Hth N HN) as [n [_ HB]]. exists n. exact HB.
Qed.

(** ** Joining K pieces *)

Lemma orbit_join lo m hi steps :
  stage2_orbit_on lo m steps -> stage2_orbit_on m hi steps -> stage2_orbit_on lo hi steps.
Proof.
  intros H1 H2 K HK. destruct (Rle_or_lt K m).
  - apply H1. lra.
  - apply H2. lra.
Qed.

Lemma orbit_more lo hi steps steps' : (steps <= steps')%nat ->
  stage2_orbit_on lo hi steps -> stage2_orbit_on lo hi steps'.
Proof.
  intros Hs H K HK eps th He Hth N HN. destruct (H K HK eps th He Hth N HN) as [n [Hn HB]].
  exists n. split; [lia | exact HB].
Qed.

Lemma stage1_on_sub lo hi lo' hi' : lo <= lo' -> hi' <= hi -> stage1_on lo hi -> stage1_on lo' hi'.
Proof. intros H0 H1 H K HK. apply H. lra. Qed.

Lemma stage1_start_on_sub lo hi lo' hi' :
  lo <= lo' -> hi' <= hi -> stage1_start_on lo hi -> stage1_start_on lo' hi'.
Proof. intros H0 H1 H K HK. apply H. lra. Qed.
