(** * Rationals and expressions shared by the checks by computation

    [GridCheck.v], [EntryCheck.v] and [RegionCheck.v] compare bounds of the Interval
    library's expressions ([expr], [eval]) against rationals [q] = (n, d), d > 0. This file
    holds the rationals, their exact comparisons (proved against the reals), the way the
    generated files write them ([rq]), and the builders of expressions. *)

From Coq Require Import Reals Lra ZArith Lia List.
From Coq Require Uint63 Sint63.
From Interval Require Import Eval.Tree.
Open Scope R_scope.

(** ** Integers of the generated data

    [z n] is the integer n, written as a signed primitive 63-bit literal: Coq reads such a
    literal in one step, where it converts a Z literal digit by digit, and the generated
    grid files hold hundreds of thousands of them. [Sint63.to_Z] is the standard library's
    (its value is in [-2^62, 2^62), [Sint63.to_Z_bounded]); the files that write [z n]
    import [Sint63] for its literals. *)
Definition z : Uint63.int -> Z := Sint63.to_Z.
Arguments z _%sint63_scope.

(** ** Rationals (n, d), d > 0 *)

Definition q : Type := (Z * Z)%type.
Definition qv (x : q) : R := IZR (fst x) / IZR (snd x).
Definition qpos (x : q) : bool := Z.ltb 0 (snd x).
Definition qadd (x y : q) : q := (fst x * snd y + fst y * snd x, snd x * snd y)%Z.
Definition qmul (x y : q) : q := (fst x * fst y, snd x * snd y)%Z.
Definition qle (x y : q) : bool := Z.leb (fst x * snd y) (fst y * snd x).
Definition qlt (x y : q) : bool := Z.ltb (fst x * snd y) (fst y * snd x).

Lemma qpos_IZR x : qpos x = true -> 0 < IZR (snd x).
Proof. unfold qpos. intros H. apply Z.ltb_lt in H. apply IZR_lt. exact H. Qed.

Lemma qpos_add x y : qpos x = true -> qpos y = true -> qpos (qadd x y) = true.
Proof. unfold qpos, qadd. simpl. intros H1 H2. apply Z.ltb_lt in H1, H2. apply Z.ltb_lt. lia. Qed.

Lemma qpos_mul x y : qpos x = true -> qpos y = true -> qpos (qmul x y) = true.
Proof. unfold qpos, qmul. simpl. intros H1 H2. apply Z.ltb_lt in H1, H2. apply Z.ltb_lt. lia. Qed.

Lemma qv_add x y : qpos x = true -> qpos y = true -> qv (qadd x y) = qv x + qv y.
Proof.
  intros H1 H2. pose proof (qpos_IZR x H1). pose proof (qpos_IZR y H2).
  unfold qv, qadd. simpl. rewrite plus_IZR, !mult_IZR. field. lra.
Qed.

Lemma qv_mul x y : qpos x = true -> qpos y = true -> qv (qmul x y) = qv x * qv y.
Proof.
  intros H1 H2. pose proof (qpos_IZR x H1). pose proof (qpos_IZR y H2).
  unfold qv, qmul. simpl. rewrite !mult_IZR. field. lra.
Qed.

Lemma qv_Z i : qv (i, 1%Z) = IZR i.
Proof. unfold qv. simpl. field. Qed.

Definition qsub (x y : q) : q := (fst x * snd y - fst y * snd x, snd x * snd y)%Z.

Lemma qpos_sub x y : qpos x = true -> qpos y = true -> qpos (qsub x y) = true.
Proof. unfold qpos, qsub. simpl. intros H1 H2. apply Z.ltb_lt in H1, H2. apply Z.ltb_lt. lia. Qed.

Lemma qv_qsub x y : qpos x = true -> qpos y = true -> qv (qsub x y) = qv x - qv y.
Proof.
  intros H1 H2. pose proof (qpos_IZR x H1). pose proof (qpos_IZR y H2).
  unfold qv, qsub. simpl. rewrite minus_IZR, !mult_IZR. field. lra.
Qed.

Lemma qle_ok x y : qpos x = true -> qpos y = true -> qle x y = true -> qv x <= qv y.
Proof.
  intros H1 H2 H. pose proof (qpos_IZR x H1). pose proof (qpos_IZR y H2).
  unfold qle in H. apply Z.leb_le in H.
  cut (0 <= qv (qsub y x)); [rewrite qv_qsub by assumption; lra |].
  unfold qv, qsub. cbn [fst snd]. rewrite mult_IZR.
  unfold Rdiv. apply Rmult_le_pos; [apply IZR_le; lia |].
  left. apply Rinv_0_lt_compat, Rmult_lt_0_compat; lra.
Qed.

Lemma qlt_ok x y : qpos x = true -> qpos y = true -> qlt x y = true -> qv x < qv y.
Proof.
  intros H1 H2 H. pose proof (qpos_IZR x H1). pose proof (qpos_IZR y H2).
  unfold qlt in H. apply Z.ltb_lt in H.
  cut (0 < qv (qsub y x)); [rewrite qv_qsub by assumption; lra |].
  unfold qv, qsub. cbn [fst snd]. rewrite mult_IZR.
  unfold Rdiv. apply Rmult_lt_0_compat; [apply IZR_lt; lia |].
  apply Rinv_0_lt_compat, Rmult_lt_0_compat; lra.
Qed.

(** ** Builders of expressions *)

Definition eadd a b := Ebinary Add a b.
Definition esub a b := Ebinary Sub a b.
Definition emul a b := Ebinary Mul a b.
Definition ediv a b := Ebinary Div a b.
Definition esq a := Eunary Sqr a.
Definition erat (x : q) := ediv (Econst (Int (fst x))) (Econst (Int (snd x))).
Definition eneg a := Eunary Neg a.
Definition eint n := Econst (Int n).

Lemma erat_ok x l : eval (erat x) l = qv x.
Proof. reflexivity. Qed.

(** A rational as the generated files write it: [n] when d = 1, else [n / d]; so the
    statements [rq x <= K] of the soundness lemmas are the generated lemmas'
    statements as they are. *)
Definition rq (x : q) : R :=
  match snd x with
  | 1%Z => IZR (fst x)
  | _ => IZR (fst x) / IZR (snd x)
  end.

Lemma rq_qv x : rq x = qv x.
Proof.
  unfold rq, qv. destruct (snd x) as [| [p | p |] | p]; try reflexivity.
  unfold Rdiv. rewrite Rinv_1. ring.
Qed.

