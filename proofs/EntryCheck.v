(** * T4.stage2's entry cells checked by computation

    StageEntry.v states what an entry cell (K, a, alpha, s) of T4.stage2 must show
    ([entry_lands]): it lies outside stage 1, or its scaled step (u, m_x, m_y) =
    ([s1_u], [s1_mx], [s1_my]) is still in stage 1, or sqrt s (u, m_x, |m_y|) lies in B or
    in a box of whole cells of generation 0. The 243 031 entry cells of theorem4 took about
    115 CPU-hours as one [interval] call (or several) per lemma. Here, as GridCheck.v does
    for the grid cells, a boolean test [entry_ok] is proved sound once ([entry_sound]) and
    [vm_compute] runs it on each cell (or each group of cells the checker shows alike).

    The test evaluates the expressions below, proved equal to [Stage1Claims]' scaled step
    ([e_u_ok], [e_mx_ok], [e_my_ok]) and to the quantities [entry_lands] compares, with
    GridCheck's [goal_at]: the Interval library's [T.eval_bisect] over Coq's primitive
    floats. The variables K, a, alpha and s sit in GridCheck's box slots K, v, w_x and
    w_y. What is trusted is what GridCheck.v trusts. *)

From Coq Require Import Reals Lra ZArith List Bool.
From Interval Require Import Eval.Tree Eval.Prog Eval.Reify Tactics.Interval_helper.
From Twostep Require Import Model GridReach Stage1Claims StageEntry GridCheck.
Import ListNotations.
Open Scope R_scope.

(** ** The expressions, over the variables [K; a; alpha; s] *)

Definition xa := Evar 1.
Definition xal := Evar 2.
Definition xs := Evar 3.
Definition esqrt e := Eunary Sqrt e.
Definition ecos e := Eunary Cos e.
Definition esin e := Eunary Sin e.

(** [Model.scaled_u] of the expressions k, s, u, m_x, m_y and alpha. *)
Definition e_su (k s u mx my al : expr) : expr :=
  esub u (emul k (esub (emul (emul u (eadd (esq mx) (esq my))) s)
    (emul (Eunary Inv epi) (eadd my (emul (esub epi al) mx))))).
(** [Model.scaled_mx]. *)
Definition e_smx (k s u mx my al : expr) : expr :=
  esub mx (emul k (esub (emul (emul (esq u) mx) s)
    (emul (ediv u epi) (eadd (esub epi al) (ediv (emul mx my) (eadd (esq mx) (esq my))))))).
(** [Model.scaled_my]. *)
Definition e_smy (k s u mx my : expr) : expr :=
  esub my (emul k (esub (emul (emul (esq u) my) s)
    (emul (ediv u epi) (ediv (esq my) (eadd (esq mx) (esq my)))))).

Lemma e_su_ok k s u mx my al l : eval (e_su k s u mx my al) l =
  scaled_u (eval k l) (eval s l) (eval u l) (eval mx l) (eval my l) (eval al l).
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. unfold scaled_u. ring. Qed.

Lemma e_smx_ok k s u mx my al l : eval (e_smx k s u mx my al) l =
  scaled_mx (eval k l) (eval s l) (eval u l) (eval mx l) (eval my l) (eval al l).
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. unfold scaled_mx. ring. Qed.

Lemma e_smy_ok k s u mx my l : eval (e_smy k s u mx my) l =
  scaled_my (eval k l) (eval s l) (eval u l) (eval mx l) (eval my l).
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. unfold scaled_my. ring. Qed.

(** The state of a cell at scale 1: (sqrt a, cos alpha / sqrt a, sin alpha / sqrt a). *)
Definition e_sa := esqrt xa.
Definition e_mx0 := ediv (ecos xal) e_sa.
Definition e_my0 := ediv (esin xal) e_sa.

(** [s1_u], [s1_mx], [s1_my]: the scaled step. *)
Definition e_u := e_su xK xs e_sa e_mx0 e_my0 xal.
Definition e_mx := e_smx xK xs e_sa e_mx0 e_my0 xal.
Definition e_my := e_smy xK xs e_sa e_mx0 e_my0.

Lemma e_u_ok K a al s : eval e_u [K; a; al; s] = s1_u K a al s.
Proof. unfold e_u. rewrite e_su_ok. reflexivity. Qed.

Lemma e_mx_ok K a al s : eval e_mx [K; a; al; s] = s1_mx K a al s.
Proof. unfold e_mx. rewrite e_smx_ok. reflexivity. Qed.

Lemma e_my_ok K a al s : eval e_my [K; a; al; s] = s1_my K a al s.
Proof. unfold e_my. rewrite e_smy_ok. reflexivity. Qed.

(** 1/(2 pi), the stage-1 gap 1/(2 pi) - s cos alpha, and s u m_x. *)
Definition e_i2pi := ediv (eint 1) (emul (eint 2) epi).
Definition e_gap := esub e_i2pi (emul xs (ecos xal)).
Definition e_sum := emul (emul xs e_u) e_mx.

(** The state at scale sqrt s: (sqrt s u, sqrt s m_x, |sqrt s m_y|). *)
Definition e_V := emul (esqrt xs) e_u.
Definition e_WX := emul (esqrt xs) e_mx.
Definition e_WY := Eunary Abs (emul (esqrt xs) e_my).

(** B's margins of (x, y, z): x y and x^2 - y^2 + 55 z^2. *)
Definition e_pm (x y : expr) := emul x y.
Definition e_dm (x y z : expr) := eadd (esub (esq x) (esq y)) (emul (eint 55) (esq z)).

Lemma e_dm_ok x y z l : eval (e_dm x y z) l = eval x l ^ 2 - eval y l ^ 2 + 55 * eval z l ^ 2.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. reflexivity. Qed.

(** ** The test of one box of entry cells *)

(** How the checker shows the cells of a box ([check::reach::Landing]): outside stage 1;
    still in stage 1 after the step; in B; in the box of whole cells
    [i0, i1] x [j0, j1] x [l0, l1] of generation 0 (given grouped by i and l, as
    GridCheck's [box_in] reads it). *)
Inductive landing := LOut | LStage1 | LInB | LCells (i0 i1 j0 j1 l0 l1 : Z).

(** The box's ends are rationals and the landing holds on it, each bound by the evaluation
    with at most [d] halvings. *)
Definition entry_ok (qg : qgrid) (s0 : groups) (d : nat) (b : box) (l : landing) : bool :=
  box_qpos b &&
  match l with
  | LOut => goal_at d b e_gap (Glt (eint 0))
  | LStage1 => goal_at d b e_sum (Gle true e_i2pi)
  | LInB =>
      goal_at d b e_V (Gge true (eint 0)) &&
      goal_at d b (e_pm e_V e_WX) (Glele (erat (7, 20)%Z) (erat (7, 5)%Z)) &&
      goal_at d b (e_dm e_V e_WX e_WY) (Gle true (erat (3, 5)%Z)) &&
      goal_at d b (e_dm e_WX e_V e_WY) (Gle true (erat (3, 5)%Z)) &&
      goal_at d b e_WY (Gle true (erat (12, 125)%Z))
  | LCells i0 i1 j0 j1 l0 l1 =>
      qgrid_ok qg && box_in s0 i0 i1 j0 j1 l0 l1 &&
      goal_at d b e_V (Glele (erat (lo_at (qo1 qg) (qh1 qg) i0)) (erat (hi_at (qo1 qg) (qh1 qg) i1))) &&
      goal_at d b e_WX (Glele (erat (lo_at (qo2 qg) (qh2 qg) j0)) (erat (hi_at (qo2 qg) (qh2 qg) j1))) &&
      goal_at d b e_WY (Glele (erat (lo_at (qo3 qg) (qh3 qg) l0)) (erat (hi_at (qo3 qg) (qh3 qg) l1)))
  end.

(** A rational as the generated files write it: [n] when d = 1, else [n / d]; so the
    statement [rq x <= K] of [entry_sound] is the generated lemma's statement as it is. *)
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

(** What [entry_ok] proves: every point of the box is an entry point that lands. *)
Theorem entry_sound (qg : qgrid) (g : grid) (s0 : list run) (s0g : groups) (d : nat) (b : box)
  (l : landing) :
  grid_of qg = g -> flat s0g = s0 -> entry_ok qg s0g d b l = true ->
  forall K a al s, rq (bk0 b) <= K <= rq (bk1 b) -> rq (bv0 b) <= a <= rq (bv1 b) ->
  rq (bx0 b) <= al <= rq (bx1 b) -> rq (by0 b) <= s <= rq (by1 b) ->
  entry_lands g s0 K a al s.
Proof.
  intros <- <- H K a al s HK Ha Hal Hs. rewrite !rq_qv in HK, Ha, Hal, Hs.
  assert (Hb : in_box b K a al s) by (unfold in_box; tauto).
  unfold entry_ok in H. apply andb_true_iff in H as [_ H].
  assert (V : forall e g, goal_at d b e g = true -> eval_goal g (eval e [K; a; al; s]))
    by (intros e g' G; exact (goal_at_sound _ _ _ _ _ _ _ _ G Hb)).
  assert (Eu : eval e_V [K; a; al; s] = sqrt s * s1_u K a al s)
    by (change (eval e_V [K; a; al; s]) with (sqrt s * eval e_u [K; a; al; s]); rewrite e_u_ok; reflexivity).
  assert (Ex : eval e_WX [K; a; al; s] = sqrt s * s1_mx K a al s)
    by (change (eval e_WX [K; a; al; s]) with (sqrt s * eval e_mx [K; a; al; s]); rewrite e_mx_ok; reflexivity).
  assert (Ey : eval e_WY [K; a; al; s] = Rabs (sqrt s * s1_my K a al s))
    by (change (eval e_WY [K; a; al; s]) with (Rabs (sqrt s * eval e_my [K; a; al; s])); rewrite e_my_ok; reflexivity).
  assert (I2 : eval e_i2pi [] = 1 / (2 * PI)) by reflexivity.
  unfold entry_lands, lands_if_past. destruct l as [| | | i0 i1 j0 j1 l0 l1].
  - intros G0. apply V in H. exfalso. cbn [eval_goal] in H.
    change (eval e_gap [K; a; al; s]) with (eval e_i2pi [] - s * cos al) in H.
    rewrite I2 in H. change (eval (eint 0) []) with 0 in H. lra.
  - intros _. left. apply V in H. cbn [eval_goal] in H. rewrite I2 in H.
    change (eval e_sum [K; a; al; s]) with (s * eval e_u [K; a; al; s] * eval e_mx [K; a; al; s]) in H.
    rewrite e_u_ok, e_mx_ok in H. exact H.
  - intros _. right. left. repeat rewrite andb_true_iff in H.
    destruct H as [[[[H1 H2] H3] H4] H5].
    apply V in H1, H2, H3, H4, H5. cbn [eval_goal] in H1, H2, H3, H4, H5.
    rewrite e_dm_ok in H3, H4. change (eval (e_pm e_V e_WX) [K; a; al; s])
      with (eval e_V [K; a; al; s] * eval e_WX [K; a; al; s]) in H2.
    repeat rewrite erat_ok in *. change (eval (eint 0) []) with 0 in H1.
    rewrite Eu, Ex, Ey in *. unfold qv in *. cbn [fst snd] in *.
    apply B_by_margins. repeat split; try lra. apply Rabs_pos.
  - intros _. right. right. repeat rewrite andb_true_iff in H.
    destruct H as [[[[Hg Hall] H1] H2] H3].
    destruct (qgrid_ok_parts qg Hg) as (P1 & P2 & P3 & P4 & P5 & P6 & Q1 & Q2 & Q3).
    apply V in H1, H2, H3. cbn [eval_goal] in H1, H2, H3. rewrite !erat_ok in H1, H2, H3.
    rewrite Eu in H1. rewrite Ex in H2. rewrite Ey in H3.
    rewrite !qv_lo, !qv_hi in H1, H2, H3 by assumption.
    exact (box_in_set (grid_of qg) _ i0 i1 j0 j1 l0 l1 _ _ _ Q1 Q2 Q3 (box_in_all_in _ _ _ _ _ _ _ Hall)
      H1 H2 H3).
Qed.

(** A generated entry lemma: its box (in the order K, a, alpha, s), its landing and its
    bisection depth, proved by the computation. *)
Ltac entry_by qg g s0 s0g d b l qg_g s0g_ok :=
  refine (entry_sound qg g s0 s0g d b l qg_g s0g_ok _); vm_compute; reflexivity.
