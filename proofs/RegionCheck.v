(** * Region cells checked by computation

    A region obligation (L2.positive, T3.balance, P3.orbit-global, P3.orbit-near) says, at
    every point of a cell (K, p, d): guard >= 0 implies the conditions, a condition with an
    [applies] quantity reading "applies >= 0 -> condition". Proved by [interval], each cell
    or group of cells cost about 0.15 s, mostly the tactic's own work (stating, unfolding,
    reifying), about 11 CPU-hours for lemma2 and theorem3.

    Here the statement is data: the generator writes the guard and the conditions as
    expressions of the Interval library ([expr]), read off the same Coq terms the lemma
    states; [region_holds] is the proposition they denote, and it is the generated lemma's
    statement by conversion alone (the builders below mirror [Model]'s definitions, so
    [eval] of [e_prod_p k p d] unfolds to [prod_p], [PowerInt 2] to [^ 2]). A boolean test,
    [region_ok], checks a box of cells with a recorded proof shape (the guard is negative
    on it, or each condition holds on it or does not apply there), by the Interval library's
    evaluation with bisection; [region_sound] proves it sound once, and [vm_compute] runs it
    on each lemma's box. What is trusted is what [GridCheck.v] trusts: Coq's kernel, the
    specification of the primitive floats ([FloatAxioms]) and the Interval library's
    proofs. *)

From Coq Require Import Reals Lra ZArith List Bool.
From Interval Require Import Eval.Tree Eval.Prog Eval.Reify Tactics.Interval_helper
  Interval.Float_full Float.Specific_ops Float.Specific_bigint.
From Twostep Require Import Model.
From Twostep Require Export Rational.
Import ListNotations.
Open Scope R_scope.

Module F := SpecificFloat BigIntRadix2.
Module I := FloatIntervalFull F.
Module T := IntervalTacticAux I.

(** ** [Model]'s product maps as expressions *)

Definition epow a n := Eunary (PowerInt n) a.

(** (52): p' = p (1 - K (p - 1))^2 - K (p - 1) d, as [Model.prod_p]. *)
Definition e_prod_p k p d :=
  esub (emul p (epow (esub (eint 1) (emul k (esub p (eint 1)))) 2))
    (emul (emul k (esub p (eint 1))) d).
(** (50) squared: d' = d (1 + K (p - 1))^2, as [Model.prod_d]. *)
Definition e_prod_d k p d := emul d (epow (eadd (eint 1) (emul k (esub p (eint 1)))) 2).
(** W = d (d + 4 p), as [Model.prod_w]. *)
Definition e_prod_w p d := emul d (eadd d (emul (eint 4) p)).
(** Appendix G's m, as [Model.prod_m]. *)
Definition e_prod_m k p d :=
  esub (eadd (eadd (esub (eint 1) (emul (eint 2) k))
    (emul (esub p (eint 1)) (esub (epow k 2) (emul (eint 2) k))))
    (emul (epow k 2) (epow (esub p (eint 1)) 2))) (emul k d).
(** Appendix G's Z (51), as [Model.prod_z]. *)
Definition e_prod_z k p d :=
  esub (eadd (eadd k (eint 1)) (emul k d))
    (emul (emul k (esub p (eint 1))) (eadd (esub k (eint 1)) (emul k (esub p (eint 1))))).
(** (13): x' = x - K y (xy - 1) and y' = y - K x (xy - 1), as [Model.prod_x], [prod_y]. *)
Definition e_prod_x k x y := esub x (emul (emul k y) (esub (emul x y) (eint 1))).
Definition e_prod_y k x y := esub y (emul (emul k x) (esub (emul x y) (eint 1))).

(** Each builder is its map, by conversion: the generated statements rely on it. *)
Lemma e_prod_p_ok k p d l : eval (e_prod_p k p d) l = prod_p (eval k l) (eval p l) (eval d l).
Proof. reflexivity. Qed.
Lemma e_prod_d_ok k p d l : eval (e_prod_d k p d) l = prod_d (eval k l) (eval p l) (eval d l).
Proof. reflexivity. Qed.
Lemma e_prod_w_ok p d l : eval (e_prod_w p d) l = prod_w (eval p l) (eval d l).
Proof. reflexivity. Qed.
Lemma e_prod_m_ok k p d l : eval (e_prod_m k p d) l = prod_m (eval k l) (eval p l) (eval d l).
Proof. reflexivity. Qed.
Lemma e_prod_z_ok k p d l : eval (e_prod_z k p d) l = prod_z (eval k l) (eval p l) (eval d l).
Proof. reflexivity. Qed.
Lemma e_prod_x_ok k x y l : eval (e_prod_x k x y) l = prod_x (eval k l) (eval x l) (eval y l).
Proof. reflexivity. Qed.
Lemma e_prod_y_ok k x y l : eval (e_prod_y k x y) l = prod_y (eval k l) (eval x l) (eval y l).
Proof. reflexivity. Qed.

(** ** The statement of a region cell, as data *)

(** A condition's relation to 0: [0 <= x], [0 < x], [x <= 0], [x < 0]. *)
Inductive rel := RGe | RGt | RLe | RLt.

Definition rel_holds (r : rel) (x : R) : Prop :=
  match r with RGe => 0 <= x | RGt => 0 < x | RLe => x <= 0 | RLt => x < 0 end.

(** A condition: [term rel 0], asked everywhere or where [applies] is non-negative. *)
Record cond := Cond { c_applies : option expr; c_rel : rel; c_term : expr }.

Definition cond_holds (c : cond) (xs : list R) : Prop :=
  match c_applies c with
  | None => rel_holds (c_rel c) (eval (c_term c) xs)
  | Some a => 0 <= eval a xs -> rel_holds (c_rel c) (eval (c_term c) xs)
  end.

(** C1 /\ ... /\ Cn, nested to the right as the statements write it. *)
Fixpoint conds_hold (cs : list cond) (xs : list R) : Prop :=
  match cs with
  | [] => True
  | [c] => cond_holds c xs
  | c :: cs' => cond_holds c xs /\ conds_hold cs' xs
  end.

(** What a point of the region satisfies: guard >= 0 -> the conditions. *)
Definition region_holds (g : expr) (cs : list cond) (xs : list R) : Prop :=
  0 <= eval g xs -> conds_hold cs xs.

Lemma conds_hold_all cs xs : (forall c, In c cs -> cond_holds c xs) -> conds_hold cs xs.
Proof.
  induction cs as [| c cs IH]; intros H; [exact I |].
  destruct cs as [| c' cs']; [apply H; left; reflexivity |].
  split; [apply H; left; reflexivity |]. apply IH. intros c0 Hc. apply H. right. exact Hc.
Qed.

(** ** Boxes of three variables and the checked bound of one expression *)

(** K in [k0, k1], p in [p0, p1], d in [d0, d1] (the variables of the statement, in order). *)
Record box3 := Box3 { k0 : q; k1 : q; p0 : q; p1 : q; d0 : q; d1 : q }.

Definition in_box3 (b : box3) (K p d : R) : Prop :=
  qv (k0 b) <= K <= qv (k1 b) /\ qv (p0 b) <= p <= qv (p1 b) /\ qv (d0 b) <= d <= qv (d1 b).

Definition hyps3 (b : box3) : list (list hyp) :=
  [[Hlele true true (erat (k0 b)) (erat (k1 b))]; [Hlele true true (erat (p0 b)) (erat (p1 b))];
   [Hlele true true (erat (d0 b)) (erat (d1 b))]].

Definition prec := F.PtoP 64.

(** The goal [g] holds for [e] on the box: the Interval library's evaluation with bisection
    (at most [n] halvings, in turn on K, p and d, as [interval]'s [i_bisect K, p, d]). *)
Definition goal3 (n : nat) (b : box3) (e : expr) (g : gol) : bool :=
  match extract e 3 with
  | Eprog lp lc => T.eval_bisect prec n [0%nat; 1%nat; 2%nat] (hyps3 b) lp lc g
  | Eabort => false
  end.

Lemma goal3_sound n b e g K p d :
  goal3 n b e g = true -> in_box3 b K p d -> eval_goal g (eval e [K; p; d]).
Proof.
  unfold goal3. intros H (HK & Hp & Hd).
  pose proof (extract_correct e [K; p; d]) as E. simpl length in E.
  destruct (extract e 3) as [| lp lc]; [discriminate |]. rewrite <- E.
  pose proof (T.eval_bisect_correct prec n _ [K; p; d] _ lp lc g H) as C.
  cbn [hyps3 eval_hyps eval_hyps_aux eval_hyp] in C. rewrite !erat_ok in C.
  exact (C HK Hp Hd).
Qed.

(** ** The test of a box, and its soundness *)

(** How a cell is proved, as the checker proved it: the guard is negative on it
    ([SGuard]), or condition by condition ([SConds]) it holds on the cell ([Holds]) or its
    [applies] quantity is negative there ([Skip]). *)
Inductive how := Holds | Skip.
Inductive shape := SGuard | SConds (hs : list how).

Definition rel_goal (r : rel) : gol :=
  match r with
  | RGe => Gge true (eint 0) | RGt => Ggt (eint 0)
  | RLe => Gle true (eint 0) | RLt => Glt (eint 0)
  end.

Lemma rel_goal_ok r x : eval_goal (rel_goal r) x -> rel_holds r x.
Proof. destruct r; exact (fun H => H). Qed.

Definition cond_ok (n : nat) (b : box3) (c : cond) (h : how) : bool :=
  match h, c_applies c with
  | Holds, _ => goal3 n b (c_term c) (rel_goal (c_rel c))
  | Skip, Some a => goal3 n b a (Glt (eint 0))
  | Skip, None => false
  end.

Fixpoint conds_ok (n : nat) (b : box3) (cs : list cond) (hs : list how) : bool :=
  match cs, hs with
  | [], [] => true
  | c :: cs', h :: hs' => cond_ok n b c h && conds_ok n b cs' hs'
  | _, _ => false
  end.

Definition region_ok (n : nat) (b : box3) (g : expr) (cs : list cond) (s : shape) : bool :=
  match s with
  | SGuard => goal3 n b g (Glt (eint 0))
  | SConds hs => conds_ok n b cs hs
  end.

Lemma cond_ok_sound n b c h K p d :
  cond_ok n b c h = true -> in_box3 b K p d -> cond_holds c [K; p; d].
Proof.
  intros H Hb. unfold cond_holds, cond_ok in *.
  destruct h; destruct (c_applies c) as [a |].
  - intros _. apply rel_goal_ok. exact (goal3_sound _ _ _ _ _ _ _ H Hb).
  - apply rel_goal_ok. exact (goal3_sound _ _ _ _ _ _ _ H Hb).
  - intros Ha. pose proof (goal3_sound _ _ _ _ _ _ _ H Hb) as C. cbn in C. exfalso. lra.
  - discriminate.
Qed.

Lemma conds_ok_sound n b cs hs K p d :
  conds_ok n b cs hs = true -> in_box3 b K p d -> conds_hold cs [K; p; d].
Proof.
  intros H Hb. apply conds_hold_all. revert hs H.
  induction cs as [| c cs IH]; intros hs H c0 Hc; [destruct Hc |].
  destruct hs as [| h hs]; [discriminate |].
  cbn [conds_ok] in H. apply andb_true_iff in H as [H1 H2].
  destruct Hc as [<- | Hc]; [exact (cond_ok_sound _ _ _ _ _ _ _ H1 Hb) |].
  exact (IH hs H2 c0 Hc).
Qed.

(** What [region_ok] proves: at every point of the box, the region's implication. The box's
    ends are written through [rq], which reduces to the literal the generated lemma states
    (so a generated lemma is [refine (region_sound ...)] as it stands). *)
Theorem region_sound n b g cs s :
  region_ok n b g cs s = true ->
  forall K p d, rq (k0 b) <= K <= rq (k1 b) -> rq (p0 b) <= p <= rq (p1 b) ->
  rq (d0 b) <= d <= rq (d1 b) -> region_holds g cs [K; p; d].
Proof.
  intros H K p d HK Hp Hd. rewrite !rq_qv in HK, Hp, Hd.
  assert (Hb : in_box3 b K p d) by (unfold in_box3; tauto).
  unfold region_holds. destruct s as [| hs]; cbn [region_ok] in H.
  - intros G. pose proof (goal3_sound _ _ _ _ _ _ _ H Hb) as C. cbn in C. exfalso. lra.
  - intros _. exact (conds_ok_sound _ _ _ _ _ _ _ H Hb).
Qed.

(** A generated lemma: the test on its box by computation. *)
Ltac region_by n b g cs s :=
  refine (region_sound n b g cs s _); vm_compute; reflexivity.

(** ** Conjunctions of comparisons, as data (the slab cells)

    A slab cell lemma states comparisons at every point of its box: W does not grow,
    p' lies in the successor range, and a strip, target or near-range bound. [form] writes
    such a statement; [form_holds] is the proposition it denotes, the lemma's statement by
    conversion; [form_ok] checks each comparison a <= b (a < b) as b - a >= 0 (> 0) on the
    box, and [form_sound] proves it sound once. *)

Inductive form := FLe (a b : expr) | FLt (a b : expr) | FAnd (f g : form).

Fixpoint form_holds (f : form) (xs : list R) : Prop :=
  match f with
  | FLe a b => eval a xs <= eval b xs
  | FLt a b => eval a xs < eval b xs
  | FAnd f g => form_holds f xs /\ form_holds g xs
  end.

Fixpoint form_ok (n : nat) (b : box3) (f : form) : bool :=
  match f with
  | FLe x y => goal3 n b (esub y x) (Gge true (eint 0))
  | FLt x y => goal3 n b (esub y x) (Ggt (eint 0))
  | FAnd f g => form_ok n b f && form_ok n b g
  end.

Lemma form_ok_sound n b f K p d :
  form_ok n b f = true -> in_box3 b K p d -> form_holds f [K; p; d].
Proof.
  intros H Hb. induction f as [x y | x y | f IHf g IHg]; cbn [form_ok form_holds] in *.
  - pose proof (goal3_sound _ _ _ _ _ _ _ H Hb) as C. cbn in C. lra.
  - pose proof (goal3_sound _ _ _ _ _ _ _ H Hb) as C. cbn in C. lra.
  - apply andb_true_iff in H as [H1 H2]. exact (conj (IHf H1) (IHg H2)).
Qed.

(** What [form_ok] proves: the comparisons at every point of the box (its ends through
    [rq], as in [region_sound]). *)
Theorem form_sound n b f :
  form_ok n b f = true ->
  forall K p d, rq (k0 b) <= K <= rq (k1 b) -> rq (p0 b) <= p <= rq (p1 b) ->
  rq (d0 b) <= d <= rq (d1 b) -> form_holds f [K; p; d].
Proof.
  intros H K p d HK Hp Hd. rewrite !rq_qv in HK, Hp, Hd.
  apply (form_ok_sound n b f K p d H). unfold in_box3. tauto.
Qed.

(** A generated lemma: the test on its box by computation. *)
Ltac form_by n b f :=
  refine (form_sound n b f _); vm_compute; reflexivity.
