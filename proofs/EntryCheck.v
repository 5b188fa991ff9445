(** * T4.stage2's entry and start cells checked by computation

    StageEntry.v states what an entry cell (K, a, alpha, s) of T4.stage2 must show
    ([entry_lands]): it lies outside stage 1, or its scaled step (u, m_x, m_y) =
    ([s1_u], [s1_mx], [s1_my]) is still in stage 1, or sqrt s (u, m_x, |m_y|) lies in B or
    in a box of whole cells of generation 0; and a start cell (K, theta, s) the same of
    state 2 of a start ([start_lands]: [s1_u2], [s1_x2], [s1_y2]). The 243 031 entry cells
    of theorem4 took about 115 CPU-hours as one [interval] call (or several) per lemma.
    Here, as GridCheck.v does for the grid cells, boolean tests [entry_ok] and [start_ok]
    are proved sound once ([entry_sound], [start_sound]) and [vm_compute] runs them on each
    cell (or each group of cells the checker shows alike).

    The tests evaluate the expressions below, proved equal to [Stage1Claims]' scaled steps
    ([e_u_ok] ... [e_y2_ok]) and to the quantities [lands_if_past] compares, with
    GridCheck's [goal_at]: the Interval library's [T.eval_bisect] over Coq's primitive
    floats. The variables K, a, alpha and s (of a start cell: K, theta and s) sit in
    GridCheck's box slots K, v, w_x and w_y. What is trusted is what GridCheck.v trusts. *)

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

(** The start cells' state 2, over the variables [K; theta; s; 0] (GridCheck's slots K, v
    and w_x; the last slot is unused): state 1 is the scaled step from (1, cos theta,
    sin theta) with |m_y|, state 2 the scaled step from state 1 at its angle
    ([s1_u1] ... [s1_y2]). *)
Definition xth := Evar 1.
Definition xs2 := Evar 2.
Definition e_u1 := e_su xK xs2 (eint 1) (ecos xth) (esin xth) xth.
Definition e_x1 := e_smx xK xs2 (eint 1) (ecos xth) (esin xth) xth.
Definition e_y1 := Eunary Abs (e_smy xK xs2 (eint 1) (ecos xth) (esin xth)).
(** [Model.alpha] of state 1: 2 atan(m_y / (sqrt(m_x^2 + m_y^2) + m_x)). *)
Definition e_al1 := emul (eint 2) (Eunary Atan (ediv e_y1 (eadd (esqrt (eadd (esq e_x1) (esq e_y1))) e_x1))).
Definition e_u2 := e_su xK xs2 e_u1 e_x1 e_y1 e_al1.
Definition e_x2 := e_smx xK xs2 e_u1 e_x1 e_y1 e_al1.
Definition e_y2 := e_smy xK xs2 e_u1 e_x1 e_y1.

Lemma e_u1_ok K th s z : eval e_u1 [K; th; s; z] = s1_u1 K th s.
Proof. unfold e_u1. rewrite e_su_ok. reflexivity. Qed.

Lemma e_x1_ok K th s z : eval e_x1 [K; th; s; z] = s1_x1 K th s.
Proof. unfold e_x1. rewrite e_smx_ok. reflexivity. Qed.

Lemma e_y1_ok K th s z : eval e_y1 [K; th; s; z] = s1_y1 K th s.
Proof.
  change (eval e_y1 [K; th; s; z])
    with (Rabs (eval (e_smy xK xs2 (eint 1) (ecos xth) (esin xth)) [K; th; s; z])).
  rewrite e_smy_ok. reflexivity.
Qed.

Lemma e_al1_ok K th s z : eval e_al1 [K; th; s; z] = s1_al1 K th s.
Proof.
  change (eval e_al1 [K; th; s; z]) with (2 * atan (eval e_y1 [K; th; s; z] /
    (sqrt (Rsqr (eval e_x1 [K; th; s; z]) + Rsqr (eval e_y1 [K; th; s; z])) + eval e_x1 [K; th; s; z]))).
  rewrite !Rsqr_pow2, e_x1_ok, e_y1_ok. reflexivity.
Qed.

Lemma e_u2_ok K th s z : eval e_u2 [K; th; s; z] = s1_u2 K th s.
Proof. unfold e_u2. rewrite e_su_ok, e_u1_ok, e_x1_ok, e_y1_ok, e_al1_ok. reflexivity. Qed.

Lemma e_x2_ok K th s z : eval e_x2 [K; th; s; z] = s1_x2 K th s.
Proof. unfold e_x2. rewrite e_smx_ok, e_u1_ok, e_x1_ok, e_y1_ok, e_al1_ok. reflexivity. Qed.

Lemma e_y2_ok K th s z : eval e_y2 [K; th; s; z] = s1_y2 K th s.
Proof. unfold e_y2. rewrite e_smy_ok, e_u1_ok, e_x1_ok, e_y1_ok. reflexivity. Qed.

(** 1/(2 pi), and an entry cell's stage-1 gap 1/(2 pi) - s cos alpha. *)
Definition e_i2pi := ediv (eint 1) (emul (eint 2) epi).
Definition e_gap := esub e_i2pi (emul xs (ecos xal)).

(** B's margins of (x, y, z): x y and x^2 - y^2 + 55 z^2. *)
Definition e_pm (x y : expr) := emul x y.
Definition e_dm (x y z : expr) := eadd (esub (esq x) (esq y)) (emul (eint 55) (esq z)).

Lemma e_dm_ok x y z l : eval (e_dm x y z) l = eval x l ^ 2 - eval y l ^ 2 + 55 * eval z l ^ 2.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. reflexivity. Qed.

(** ** Where a scaled state lands *)

(** How the checker shows the cells of a box ([check::reach::Landing]): outside stage 1
    (entry cells only); still in stage 1 after the step; in B; in the box of whole cells
    [i0, i1] x [j0, j1] x [l0, l1] of generation 0 (given grouped by i and l, as
    GridCheck's [box_in] reads it). *)
Inductive landing := LOut | LStage1 | LInB | LCells (i0 i1 j0 j1 l0 l1 : Z).

(** The scaled state (u, m_x, m_y) = ([eu], [emx], [emy]) at scale s = [es] lands as [l]
    says ([StageEntry.lands_if_past]) on the box, each bound by the evaluation with at most
    [d] halvings. *)
Definition lands_ok (qg : qgrid) (s0 : groups) (d : nat) (b : box) (es eu emx emy : expr)
  (l : landing) : bool :=
  let V := emul (esqrt es) eu in
  let WX := emul (esqrt es) emx in
  let WY := Eunary Abs (emul (esqrt es) emy) in
  match l with
  | LOut => false
  | LStage1 => goal_at d b (emul (emul es eu) emx) (Gle true e_i2pi)
  | LInB =>
      goal_at d b V (Gge true (eint 0)) &&
      goal_at d b (e_pm V WX) (Glele (erat (7, 20)%Z) (erat (7, 5)%Z)) &&
      goal_at d b (e_dm V WX WY) (Gle true (erat (3, 5)%Z)) &&
      goal_at d b (e_dm WX V WY) (Gle true (erat (3, 5)%Z)) &&
      goal_at d b WY (Gle true (erat (12, 125)%Z))
  | LCells i0 i1 j0 j1 l0 l1 =>
      qgrid_ok qg && box_in s0 i0 i1 j0 j1 l0 l1 &&
      goal_at d b V (Glele (erat (lo_at (qo1 qg) (qh1 qg) i0)) (erat (hi_at (qo1 qg) (qh1 qg) i1))) &&
      goal_at d b WX (Glele (erat (lo_at (qo2 qg) (qh2 qg) j0)) (erat (hi_at (qo2 qg) (qh2 qg) j1))) &&
      goal_at d b WY (Glele (erat (lo_at (qo3 qg) (qh3 qg) l0)) (erat (hi_at (qo3 qg) (qh3 qg) l1)))
  end.

Lemma lands_sound qg g s0 s0g d b es eu emx emy l K x y z s u mx my :
  grid_of qg = g -> flat s0g = s0 -> lands_ok qg s0g d b es eu emx emy l = true ->
  in_box b K x y z -> eval es [K; x; y; z] = s -> eval eu [K; x; y; z] = u ->
  eval emx [K; x; y; z] = mx -> eval emy [K; x; y; z] = my ->
  lands_if_past g s0 s u mx my.
Proof.
  intros <- <- H Hb Es Eu Ex Ey.
  assert (V : forall e g, goal_at d b e g = true -> eval_goal g (eval e [K; x; y; z]))
    by (intros e g' G; exact (goal_at_sound _ _ _ _ _ _ _ _ G Hb)).
  assert (EV : eval (emul (esqrt es) eu) [K; x; y; z] = sqrt s * u)
    by (rewrite <- Es, <- Eu; reflexivity).
  assert (EX : eval (emul (esqrt es) emx) [K; x; y; z] = sqrt s * mx)
    by (rewrite <- Es, <- Ex; reflexivity).
  assert (EY : eval (Eunary Abs (emul (esqrt es) emy)) [K; x; y; z] = Rabs (sqrt s * my))
    by (rewrite <- Es, <- Ey; reflexivity).
  unfold lands_if_past, lands_ok in *. cbv beta zeta in H.
  destruct l as [| | | i0 i1 j0 j1 l0 l1].
  - discriminate.
  - left. apply V in H. cbn [eval_goal] in H.
    change (eval e_i2pi []) with (1 / (2 * PI)) in H.
    change (eval (emul (emul es eu) emx) [K; x; y; z])
      with (eval es [K; x; y; z] * eval eu [K; x; y; z] * eval emx [K; x; y; z]) in H.
    rewrite Es, Eu, Ex in H. exact H.
  - right. left. repeat rewrite andb_true_iff in H.
    destruct H as [[[[H1 H2] H3] H4] H5].
    apply V in H1, H2, H3, H4, H5. cbn [eval_goal] in H1, H2, H3, H4, H5.
    rewrite e_dm_ok in H3, H4. unfold e_pm in H2.
    change (eval (emul ?a ?b) ?l) with (eval a l * eval b l) in H2.
    repeat rewrite erat_ok in *. change (eval (eint 0) []) with 0 in H1.
    rewrite EV, EX, EY in *. unfold qv in *. cbn [fst snd] in *.
    apply B_by_margins. repeat split; try lra. apply Rabs_pos.
  - right. right. repeat rewrite andb_true_iff in H.
    destruct H as [[[[Hg Hall] H1] H2] H3].
    destruct (qgrid_ok_parts qg Hg) as (P1 & P2 & P3 & P4 & P5 & P6 & Q1 & Q2 & Q3).
    apply V in H1, H2, H3. cbn [eval_goal] in H1, H2, H3. rewrite !erat_ok in H1, H2, H3.
    rewrite EV in H1. rewrite EX in H2. rewrite EY in H3.
    rewrite !qv_lo, !qv_hi in H1, H2, H3 by assumption.
    exact (box_in_set (grid_of qg) _ i0 i1 j0 j1 l0 l1 _ _ _ Q1 Q2 Q3 (box_in_all_in _ _ _ _ _ _ _ Hall)
      H1 H2 H3).
Qed.

(** ** The tests of a box of entry cells and of a box of start cells *)

(** Entry cells: the box's ends are rationals, and outside stage 1 or the scaled step lands. *)
Definition entry_ok (qg : qgrid) (s0 : groups) (d : nat) (b : box) (l : landing) : bool :=
  box_qpos b &&
  match l with
  | LOut => goal_at d b e_gap (Glt (eint 0))
  | _ => lands_ok qg s0 d b xs e_u e_mx e_my l
  end.

(** Start cells: the box's ends are rationals, the last slot is [0, 0], and state 2 lands. *)
Definition start_ok (qg : qgrid) (s0 : groups) (d : nat) (b : box) (l : landing) : bool :=
  box_qpos b && qle (by0 b) q0 && qle q0 (by1 b) && lands_ok qg s0 d b xs2 e_u2 e_x2 e_y2 l.

(** What [entry_ok] proves: every point of the box is an entry point that lands. *)
Theorem entry_sound (qg : qgrid) (g : grid) (s0 : list run) (s0g : groups) (d : nat) (b : box)
  (l : landing) :
  grid_of qg = g -> flat s0g = s0 -> entry_ok qg s0g d b l = true ->
  forall K a al s, rq (bk0 b) <= K <= rq (bk1 b) -> rq (bv0 b) <= a <= rq (bv1 b) ->
  rq (bx0 b) <= al <= rq (bx1 b) -> rq (by0 b) <= s <= rq (by1 b) ->
  entry_lands g s0 K a al s.
Proof.
  intros Hg Hs H K a al s HK Ha Hal Hs'. rewrite !rq_qv in HK, Ha, Hal, Hs'.
  assert (Hb : in_box b K a al s) by (unfold in_box; tauto).
  unfold entry_ok in H. apply andb_true_iff in H as [_ H].
  unfold entry_lands. destruct l as [| | | i0 i1 j0 j1 l0 l1];
    [ intros G0; pose proof (goal_at_sound _ _ _ _ _ _ _ _ H Hb) as C; exfalso;
      cbn [eval_goal] in C;
      change (eval e_gap [K; a; al; s]) with (eval e_i2pi [] - s * cos al) in C;
      change (eval e_i2pi []) with (1 / (2 * PI)) in C;
      change (eval (eint 0) []) with 0 in C; lra
    | intros _; exact (lands_sound _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ Hg Hs H Hb eq_refl
        (e_u_ok K a al s) (e_mx_ok K a al s) (e_my_ok K a al s)) .. ].
Qed.

(** What [start_ok] proves: state 2 of every start of the box lands. *)
Theorem start_sound (qg : qgrid) (g : grid) (s0 : list run) (s0g : groups) (d : nat) (b : box)
  (l : landing) :
  grid_of qg = g -> flat s0g = s0 -> start_ok qg s0g d b l = true ->
  forall K th s, rq (bk0 b) <= K <= rq (bk1 b) -> rq (bv0 b) <= th <= rq (bv1 b) ->
  rq (bx0 b) <= s <= rq (bx1 b) -> start_lands g s0 K th s.
Proof.
  intros Hg Hs H K th s HK Hth Hs'. rewrite !rq_qv in HK, Hth, Hs'.
  unfold start_ok in H. repeat rewrite andb_true_iff in H. destruct H as [[[Hq Z0] Z1] H].
  unfold box_qpos in Hq. repeat rewrite andb_true_iff in Hq.
  destruct Hq as [[[[[[[B1 B2] B3] B4] B5] B6] B7] B8].
  pose proof (qle_ok (by0 b) q0 B7 eq_refl Z0) as Y0. pose proof (qle_ok q0 (by1 b) eq_refl B8 Z1) as Y1.
  rewrite qv_q0 in Y0, Y1.
  assert (Hb : in_box b K th s 0) by (unfold in_box; repeat split; lra).
  exact (lands_sound _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ Hg Hs H Hb eq_refl
    (e_u2_ok K th s 0) (e_x2_ok K th s 0) (e_y2_ok K th s 0)).
Qed.

(** A generated entry or start lemma: its box (entry: K, a, alpha, s; start: K, theta, s
    and [0, 0]), its landing and its bisection depth, proved by the computation. *)
Ltac entry_by qg g s0 s0g d b l qg_g s0g_ok :=
  refine (entry_sound qg g s0 s0g d b l qg_g s0g_ok _); vm_compute; reflexivity.
Ltac start_by qg g s0 s0g d b l qg_g s0g_ok :=
  refine (start_sound qg g s0 s0g d b l qg_g s0g_ok _); vm_compute; reflexivity.
