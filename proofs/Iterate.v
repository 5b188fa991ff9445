(** * Iterates of g_K: their derivative, and the isolation of a fixed point of g_K^n in a
    box by a sign change and a derivative bound (the facts behind an interval Newton test). *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From Twostep Require Import Model.
Open Scope R_scope.

Lemma g_derive K y : is_derive (g K) y (dg K y).
Proof. unfold g, dg. auto_derive; [exact I | ring]. Qed.

(** diter n K y is the derivative of iter n K at y (chain rule). *)
Lemma iter_derive n : forall K y, is_derive (iter n K) y (diter n K y).
Proof.
  induction n as [|n IH]; intros K y; simpl.
  - auto_derive; [exact I | ring].
  - apply (is_derive_comp (iter n K) (g K) y (diter n K (g K y)) (dg K y)).
    + apply IH.
    + apply g_derive.
Qed.

Lemma iter_continuous n K : continuity (iter n K).
Proof.
  intros y. apply derivable_continuous_pt. apply ex_derive_Reals_0.
  eexists. apply iter_derive.
Qed.

(** y is the only fixed point of g_K^n in [a, b], and lies strictly inside. *)
Definition isolated_orbit (n : nat) (K a b y : R) : Prop :=
  a < y < b /\ iter n K y = y /\ (forall z, a <= z <= b -> iter n K z = z -> z = y).

(** If (g^n)' < 1 on [a, b], then y - g^n(y) increases strictly there. *)
Lemma fixed_unique n K a b :
  (forall y, a <= y <= b -> diter n K y < 1) ->
  forall y z, a <= y <= b -> a <= z <= b -> iter n K y = y -> iter n K z = z -> z = y.
Proof.
  intros Hd y z Hy Hz Fy Fz.
  assert (Hinc : forall u v, a <= u -> u < v -> v <= b -> u - iter n K u < v - iter n K v).
  { intros u v Hu Huv Hv.
    apply (incr_function_le (fun t => t - iter n K t) a b (fun t => 1 - diter n K t)).
    - intros x Hax Hxb. apply (is_derive_minus (fun t => t) (iter n K)).
      + auto_derive; [exact I | ring].
      + apply iter_derive.
    - intros x Hax Hxb. simpl in Hax, Hxb. specialize (Hd x (conj Hax Hxb)). lra.
    - simpl; lra.
    - exact Huv.
    - simpl; lra. }
  destruct (Rtotal_order z y) as [H|[H|H]]; auto.
  - specialize (Hinc z y ltac:(lra) H ltac:(lra)). lra.
  - specialize (Hinc y z ltac:(lra) H ltac:(lra)). lra.
Qed.

(** A sign change of g^n(y) - y on [a, b] with (g^n)' < 1 there: exactly one fixed point. *)
Theorem isolate n K a b :
  a < b ->
  (forall y, a <= y <= b -> diter n K y < 1) ->
  a < iter n K a -> iter n K b < b ->
  exists y, isolated_orbit n K a b y.
Proof.
  intros Hab Hd Ha Hb.
  set (h := fun t => iter n K t - t).
  assert (Hc : continuity h).
  { apply continuity_minus; [apply iter_continuous | apply derivable_continuous, derivable_id]. }
  destruct (IVT_gen h a b 0 Hc) as [y [Hy Hy0]].
  { unfold h. rewrite Rmin_right, Rmax_left by lra. lra. }
  rewrite Rmin_left, Rmax_right in Hy by lra.
  unfold h in Hy0.
  exists y. split; [|split].
  - split.
    + destruct (Req_dec y a) as [E|E]; [subst; lra | lra].
    + destruct (Req_dec y b) as [E|E]; [subst; lra | lra].
  - lra.
  - intros z Hz Fz. apply (fixed_unique n K a b Hd y z Hy Hz); lra.
Qed.

(** As [isolate], and the fixed point's multiplier lies in [ml, mh]. *)
Theorem isolate_with_multiplier n K a b ml mh :
  a < b ->
  (forall y, a <= y <= b -> diter n K y < 1) ->
  a < iter n K a -> iter n K b < b ->
  (forall y, a <= y <= b -> ml <= diter n K y <= mh) ->
  exists y, isolated_orbit n K a b y /\ ml <= diter n K y <= mh.
Proof.
  intros Hab Hd Ha Hb Hm.
  destruct (isolate n K a b Hab Hd Ha Hb) as [y Hy].
  exists y. split; auto. destruct Hy as [Hy _]. apply Hm. lra.
Qed.

(** The fixed point isolated in a small box [a0, b0] is the one isolated in [a, b] ⊇ [a0, b0]. *)
Theorem isolate_nested n K a b a0 b0 ml mh :
  a <= a0 -> a0 < b0 -> b0 <= b ->
  (forall y, a <= y <= b -> diter n K y < 1) ->
  a0 < iter n K a0 -> iter n K b0 < b0 ->
  (forall y, a0 <= y <= b0 -> ml <= diter n K y <= mh) ->
  a < iter n K a -> iter n K b < b ->
  exists y, isolated_orbit n K a b y /\ a0 < y < b0 /\ ml <= diter n K y <= mh.
Proof.
  intros H1 H0 H2 Hd Ha0 Hb0 Hm Ha Hb.
  assert (Hd0 : forall y, a0 <= y <= b0 -> diter n K y < 1) by (intros y Hy; apply Hd; lra).
  destruct (isolate_with_multiplier n K a0 b0 ml mh H0 Hd0 Ha0 Hb0 Hm) as [y0 [[Hy0 [F0 _]] M0]].
  destruct (isolate n K a b ltac:(lra) Hd Ha Hb) as [y [Hy [F U]]].
  assert (E : y0 = y) by (apply U; [lra | exact F0]).
  subst y0. exists y. repeat split; try lra; auto.
Qed.
