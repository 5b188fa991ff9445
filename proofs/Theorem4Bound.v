(** * Theorem 4's inequality (T4.bound) from the orbit claim and T4.basin

    proofs/theorem4.md derives T4.bound from T4.stage1, T4.stage2 and T4.basin. Here it is
    proved: [t4_bound] takes the orbit claim [Stage2Orbit.stage2_orbit_on] (the orbit from
    every start is in T4.stage2's B within 2 + N + 4 steps) and [BasinClaims.basin_on] (B of
    T4.basin, which holds T4.stage2's B, is mapped into itself with w_y contracting by
    1 - 0.03 K) and gives, for every t >= 2 + N + 4,

      0 <= w_y^(t) < (1/10) (1 - 0.03 K)^(t - (2 + N + 4)),

    with w_y taken as |w_y| along the orbit (the loss is even in w_y). 2 + N is our bound on
    the paper's T_1, for every N with (64/25)^N 2 eps^2 > 1/(2 pi). *)

From Coq Require Import Reals Lra Lia.
From Twostep Require Import Model BasinClaims GridReach Stage2Orbit.
Open Scope R_scope.

(** T4.bound over K in [lo, hi]. *)
Definition t4_bound_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi -> forall eps th, 0 < eps <= 1 / 10 -> 0 <= th <= PI / 2 ->
  forall N, 1 / (2 * PI) < (64 / 25) ^ N * (2 * eps ^ 2) ->
  forall t, (2 + N + 4 <= t)%nat ->
  let '(_, _, wy) := Nat.iter t (step3 K) (eps, eps * cos th, eps * sin th) in
  0 <= wy < 1 / 10 * (1 - 3 / 100 * K) ^ (t - (2 + N + 4)).

(** BasinClaims' orbit is the orbit of [step3]. *)
Lemma basin_orbit_iter n K v wx wy :
  basin_orbit n K v wx wy = Nat.iter n (step3 K) (v, wx, wy).
Proof.
  revert v wx wy. induction n as [| n IH]; intros v wx wy; [reflexivity |].
  rewrite iter_shift. cbn [basin_orbit].
  change (step3 K (v, wx, wy)) with (basin_step K v wx wy).
  destruct (basin_step K v wx wy) as [[v1 wx1] wy1]. apply IH.
Qed.

(** T4.stage2's B lies in a B whose constants are at least as wide. *)
Lemma stage2_B_in_basin c M P plo rmax v wx wy :
  holds_stage2_B c M P plo rmax -> stage2_B v wx wy -> in_basin c M P plo rmax v wx wy.
Proof.
  unfold holds_stage2_B, stage2_B, in_basin.
  intros (H1 & H2 & H3 & H4 & H5) (Hv & Hx & Hp & Hd & Hy).
  assert (0 <= wy ^ 2) by apply pow2_ge_0.
  assert (M * wy ^ 2 <= 55 * wy ^ 2) by (apply Rmult_le_compat_r; lra).
  repeat split; lra.
Qed.

(** x^b <= x^a for 0 <= x <= 1 and a <= b. *)
Lemma pow_le_of_le x a b : 0 <= x <= 1 -> (a <= b)%nat -> x ^ b <= x ^ a.
Proof.
  intros Hx Hab. replace b with (a + (b - a))%nat by lia. rewrite pow_add.
  assert (Hk : forall k, 0 <= x ^ k <= 1).
  { induction k as [| k IH]; simpl; [lra |]. split; [apply Rmult_le_pos; lra | nra]. }
  destruct (Hk a), (Hk (b - a)%nat). nra.
Qed.

Theorem t4_bound lo hi : 0 < lo -> hi <= 11 / 10 ->
  stage2_orbit_on lo hi 4 -> basin_on lo hi -> t4_bound_on lo hi.
Proof.
  intros Hlo Hhi HO HB K HK eps th He Hth N HN t Ht.
  destruct (HO K HK eps th He Hth N HN) as [n [Hn HBn]].
  destruct (basin_forever lo hi HB K HK ltac:(lra))
    as (c & M & P & plo & rmax & _ & _ & _ & _ & Hw & Hforever).
  (* The orbit at t is the basin orbit from the state at n, t - n steps on. *)
  replace t with (n + (t - n))%nat by lia.
  rewrite iter_add.
  destruct (Nat.iter n (step3 K) (eps, eps * cos th, eps * sin th)) as [[v wx] wy] eqn:En.
  assert (Hin := stage2_B_in_basin c M P plo rmax v wx wy Hw HBn).
  specialize (Hforever (t - n)%nat v wx wy Hin). rewrite basin_orbit_iter in Hforever.
  destruct (Nat.iter (t - n) (step3 K) (v, wx, wy)) as [[v' wx'] wy'].
  destruct Hforever as [Hin' Hwy'].
  destruct Hin' as (_ & _ & _ & _ & Hy0' & _).
  destruct HBn as (_ & _ & _ & _ & _ & Hy).
  assert (Hrho : 0 <= basin_rho K <= 1) by (unfold basin_rho; lra).
  assert (Hp : basin_rho K ^ (t - n) <= basin_rho K ^ (n + (t - n) - (2 + N + 4)))
    by (apply pow_le_of_le; [exact Hrho | lia]).
  assert (Hp0 : 0 < basin_rho K ^ (n + (t - n) - (2 + N + 4)))
    by (apply pow_lt; unfold basin_rho; lra).
  assert (Hq : 0 <= basin_rho K ^ (t - n)) by (apply pow_le; lra).
  unfold basin_rho in *. split; [lra |].
  assert ((1 - 3 / 100 * K) ^ (t - n) * wy <= (1 - 3 / 100 * K) ^ (t - n) * (12 / 125))
    by (apply Rmult_le_compat_l; lra).
  nra.
Qed.

Lemma basin_on_sub lo hi lo' hi' : lo <= lo' -> hi' <= hi -> basin_on lo hi -> basin_on lo' hi'.
Proof. intros H0 H1 H K HK. apply H. lra. Qed.
