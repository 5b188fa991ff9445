(** * Appendix L and Section 6.1 (Chen & Bruna, ICML 2023): claim AL.stable, over its whole
    domain 1 < K <= 3/2, from the identities that `twostep coq` generates from the
    appendix-l certificate. The period-4 facts (AL.period4) are the theorems
    AL_period4_k1_24, ..., AL_period4_doubling of the generated files themselves. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model Support.
From Twostep.generated Require Import AppendixL_all.
Open Scope R_scope.

(** The period-2 orbit is locally attracting exactly when K < sqrt 5 - 1: its two-step
    multiplier g'(delta_1) g'(delta_2) = 9 - 2 (1 + K)^2 lies in (-1, 1) iff K < sqrt 5 - 1. *)
Theorem AL_stable : forall K, 1 < K <= 3 / 2 ->
  multiplier K = 9 - 2 * (1 + K) ^ 2 /\ multiplier K < 1 /\
  (-1 < multiplier K <-> K < sqrt 5 - 1).
Proof.
  intros K HK.
  pose proof (AL_stable_multiplier K ltac:(lra)) as M.
  pose proof (AL_stable_below_one K) as B1.
  pose proof (AL_stable_above_minus_one K) as A1.
  assert (R5 : 0 <= sqrt 5) by apply sqrt_pos.
  assert (0 < sqrt 5 + 1 + K) by lra.
  rewrite M. split; [reflexivity | split].
  - assert (0 < 2 * (K - 1) * (K + 3)) by nra. lra.
  - split; intros Hm.
    + assert (0 < 2 * (sqrt 5 - 1 - K) * (sqrt 5 + 1 + K)) by lra.
      destruct (Rlt_or_le K (sqrt 5 - 1)) as [E|E]; [exact E|].
      assert (2 * (sqrt 5 - 1 - K) * (sqrt 5 + 1 + K) <= 0); [|lra].
      assert (sqrt 5 - 1 - K <= 0) by lra. nra.
    + assert (0 < 2 * (sqrt 5 - 1 - K) * (sqrt 5 + 1 + K)) by (apply Rmult_lt_0_compat; lra). lra.
Qed.

(** The orbit exists (solves (4)) up to K = 3/2: the side under the root in (4),
    2 - K delta_2^2, is non-negative on (1, 3/2]. *)
Theorem AL_exists : forall K, 1 < K <= 3 / 2 -> 0 <= 2 - K * delta2 K ^ 2.
Proof.
  intros K HK.
  pose proof (AL_stable_exists_form K ltac:(lra)) as F.
  pose proof (AL_stable_exists_product K ltac:(lra)) as P.
  pose proof (AL_stable_exists_gap K) as Gp.
  assert (Ha : 0 <= orbit_a K) by apply sqrt_pos.
  assert (Hb : 0 <= orbit_b K) by apply sqrt_pos.
  set (p := K * orbit_a K * orbit_b K) in *.
  assert (Hp : 0 <= p) by (unfold p; apply Rmult_le_pos; [apply Rmult_le_pos; lra | lra]).
  assert (p <= 3 - K) by nra.
  rewrite F. lra.
Qed.
