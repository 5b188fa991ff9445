(** * Grid cells checked by computation: one soundness proof, then Coq's virtual machine

    GridReach.v proves T4.stage2's generations and T4.grid-basin from one fact per grid
    cell. Proved by one [interval] call (or several) per cell, the 891 538 cells of
    theorem4 took about 280 CPU-hours. Here the facts are proved the way the Flyspeck
    nonlinear checker and the [interval] tactic itself work: a boolean test of a cell is
    written once and proved sound once ([reach_runs], [last_runs], [basin_runs]), and Coq's
    virtual machine runs it over every cell of a list of runs, once: the generated lemmas
    close the test with [vm_cast_no_check (eq_refl true)], so the kernel runs it when it
    checks the proof at [Qed], and refuses the lemma if it computes [false].

    The test evaluates the expressions below, proved equal to (77)-(80) of [Model.v]
    ([e_v_ok], [e_wx_ok], [e_wy_ok], [e_c_ok]), in the interval arithmetic of the Interval
    library: [T.eval_bisect] on the straight-line program [Prog.extract] makes of an
    expression, with the library's proved bisection ([depth] halvings, in turn on v, w_x,
    w_y and K), over Coq's primitive binary64 floats with outward rounding. Every number it
    compares is a rational [q] = (n, d) with d > 0, checked. What is trusted: Coq's kernel,
    the standard library's specification of its primitive floats ([FloatAxioms], as
    [Uint63] specifies its primitive integers) and the Interval library's proofs. The
    library's big-integer floats need no float axioms but made a part of 1 511 cells take
    317 s instead of 15 s.

    - [in_B_ok]: every point of a cell satisfies B's margins ([GridReach.B_by_margins]);
    - [tree_ok]: the image of a cell (K in a piece), split as the certificate's search
      records ([tree]), lies part by part in boxes of whole cells all in the next set
      ([GridReach.box_by_cells]), for w_x > 0 where (77)-(80) are [MeanValue]'s forms;
    - [contracts_ok]: w_x > 0, w_y >= 0 and |c| <= 1 - r K on a cell (T4.grid-basin). *)

From Coquelicot Require Import Coquelicot.
From Coq Require Import Reals Lra ZArith Lia List Bool.
From Interval Require Import Eval.Tree Eval.Prog Eval.Reify Tactics.Interval_helper
  Interval.Float_full Float.Primitive_ops.
From Twostep Require Import Model MeanValue BasinClaims GridReach.
From Twostep Require Export Rational.
Import ListNotations.
Open Scope R_scope.

Module F := PrimitiveFloat.
Module I := FloatIntervalFull F.
Module T := IntervalTacticAux I.

(** ** The expressions, over the variables [K; v; w_x; w_y] *)

Definition xK := Evar 0.
Definition xv := Evar 1.
Definition xx := Evar 2.
Definition xy := Evar 3.
Definition epi := Econst Pi.
Definition e_atan := Eunary Atan (ediv xy xx).
Definition e_n2 := eadd (esq xx) (esq xy).

(** [MeanValue.mv_v]: (77)-(80)'s v line with alpha = atan(w_y / w_x). *)
Definition e_v := esub xv (emul xK (esub (emul xv e_n2)
  (emul (Eunary Inv epi) (eadd xy (emul (esub epi e_atan) xx))))).
(** [MeanValue.mv_wx]: the w_x line. *)
Definition e_wx := esub xx (emul xK (esub (emul (esq xv) xx)
  (emul (ediv xv epi) (eadd (esub epi e_atan) (ediv (emul xx xy) e_n2))))).
(** B's margins: v w_x, v^2 - w_x^2 + 55 w_y^2 and w_x^2 - v^2 + 55 w_y^2. *)
Definition e_p := emul xv xx.
Definition e_d1 := eadd (esub (esq xv) (esq xx)) (emul (Econst (Int 55)) (esq xy)).
Definition e_d2 := eadd (esub (esq xx) (esq xv)) (emul (Econst (Int 55)) (esq xy)).
(** [GridReach.wy_factor] c = 1 - K v (v - w_y/(pi n)) (80), as the checker evaluates it,
    and c + r K, r K - c. *)
Definition e_c := esub (Econst (Int 1)) (emul (emul xK xv) (esub xv (ediv xy (emul epi e_n2)))).
(** |w_y c|: (80), the w_y line in the factor form, in absolute value. *)
Definition e_wy := Eunary Abs (emul xy e_c).
Definition e_c_up (r : q) := eadd e_c (emul (erat r) xK).
Definition e_c_down (r : q) := esub (emul (erat r) xK) e_c.

Lemma e_v_ok K v wx wy : eval e_v [K; v; wx; wy] = mv_v K v wx wy.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. unfold mv_v. ring. Qed.

Lemma e_wx_ok K v wx wy : eval e_wx [K; v; wx; wy] = mv_wx K v wx wy.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. unfold mv_wx. ring. Qed.

Lemma e_p_ok K v wx wy : eval e_p [K; v; wx; wy] = v * wx.
Proof. reflexivity. Qed.

Lemma e_d1_ok K v wx wy : eval e_d1 [K; v; wx; wy] = v ^ 2 - wx ^ 2 + 55 * wy ^ 2.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. reflexivity. Qed.

Lemma e_d2_ok K v wx wy : eval e_d2 [K; v; wx; wy] = wx ^ 2 - v ^ 2 + 55 * wy ^ 2.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. reflexivity. Qed.

Lemma e_c_ok K v wx wy : eval e_c [K; v; wx; wy] = wy_factor K v wx wy.
Proof. cbn -[Rsqr]. rewrite !Rsqr_pow2. unfold wy_factor, Rdiv. ring. Qed.

Lemma e_wy_ok K v wx wy : 0 < wx -> eval e_wy [K; v; wx; wy] = Rabs (mv_wy K v wx wy).
Proof.
  intros H. change (eval e_wy [K; v; wx; wy]) with (Rabs (wy * eval e_c [K; v; wx; wy])).
  rewrite e_c_ok, <- mv_wy_neuron, (wy_factored K v wx wy H). reflexivity.
Qed.

Lemma e_c_up_ok r K v wx wy : eval (e_c_up r) [K; v; wx; wy] = wy_factor K v wx wy + qv r * K.
Proof.
  change (eval (e_c_up r) [K; v; wx; wy]) with (eval e_c [K; v; wx; wy] + eval (erat r) [] * K).
  rewrite e_c_ok. reflexivity.
Qed.

Lemma e_c_down_ok r K v wx wy : eval (e_c_down r) [K; v; wx; wy] = qv r * K - wy_factor K v wx wy.
Proof.
  change (eval (e_c_down r) [K; v; wx; wy]) with (eval (erat r) [] * K - eval e_c [K; v; wx; wy]).
  rewrite e_c_ok. reflexivity.
Qed.

(** ** Boxes and the checked bound of one expression *)

(** K in [k0, k1], v in [v0, v1], w_x in [x0, x1], w_y in [y0, y1]. *)
Record box := Box { bk0 : q; bk1 : q; bv0 : q; bv1 : q; bx0 : q; bx1 : q; by0 : q; by1 : q }.

Definition in_box (b : box) (K v wx wy : R) : Prop :=
  qv (bk0 b) <= K <= qv (bk1 b) /\ qv (bv0 b) <= v <= qv (bv1 b) /\
  qv (bx0 b) <= wx <= qv (bx1 b) /\ qv (by0 b) <= wy <= qv (by1 b).

Definition hyps_of (b : box) : list (list hyp) :=
  [[Hlele true true (erat (bk0 b)) (erat (bk1 b))]; [Hlele true true (erat (bv0 b)) (erat (bv1 b))];
   [Hlele true true (erat (bx0 b)) (erat (bx1 b))]; [Hlele true true (erat (by0 b)) (erat (by1 b))]].

(** The precision (bits) and the bisection depth (halvings shared, in turn, by v, w_x, w_y
    and K) of every bound. *)
Definition prec := F.PtoP 53.
Definition depth : nat := 20.

(** The goal [g] holds for [e] on the box: the Interval library's evaluation with
    bisection (at most [d] halvings), on the straight-line program it extracts from [e]. *)
Definition goal_at (d : nat) (b : box) (e : expr) (g : gol) : bool :=
  match extract e 4 with
  | Eprog lp lc => T.eval_bisect prec d [1%nat; 2%nat; 3%nat; 0%nat] (hyps_of b) lp lc g
  | Eabort => false
  end.

Definition goal_ok (b : box) (e : expr) (g : gol) : bool := goal_at depth b e g.

Lemma goal_at_sound d b e g K v wx wy :
  goal_at d b e g = true -> in_box b K v wx wy -> eval_goal g (eval e [K; v; wx; wy]).
Proof.
  unfold goal_at. intros H (HK & Hv & Hx & Hy).
  pose proof (extract_correct e [K; v; wx; wy]) as E. simpl length in E.
  destruct (extract e 4) as [| lp lc]; [discriminate |]. rewrite <- E.
  pose proof (T.eval_bisect_correct prec d _ [K; v; wx; wy] _ lp lc g H) as C.
  cbn [hyps_of eval_hyps eval_hyps_aux eval_hyp] in C. rewrite !erat_ok in C.
  exact (C HK Hv Hx Hy).
Qed.

Lemma goal_ok_sound b e g K v wx wy :
  goal_ok b e g = true -> in_box b K v wx wy -> eval_goal g (eval e [K; v; wx; wy]).
Proof. apply goal_at_sound. Qed.

Lemma goal_lele b e lo hi K v wx wy :
  goal_ok b e (Glele (erat lo) (erat hi)) = true -> in_box b K v wx wy ->
  qv lo <= eval e [K; v; wx; wy] <= qv hi.
Proof. intros H Hb. pose proof (goal_ok_sound _ _ _ _ _ _ _ H Hb) as G. exact G. Qed.

Lemma goal_le b e hi K v wx wy :
  goal_ok b e (Gle true (erat hi)) = true -> in_box b K v wx wy ->
  eval e [K; v; wx; wy] <= qv hi.
Proof. intros H Hb. exact (goal_ok_sound _ _ _ _ _ _ _ H Hb). Qed.

Lemma goal_ge b e lo K v wx wy :
  goal_ok b e (Gge true (erat lo)) = true -> in_box b K v wx wy ->
  qv lo <= eval e [K; v; wx; wy].
Proof. intros H Hb. exact (goal_ok_sound _ _ _ _ _ _ _ H Hb). Qed.

(** ** The mean-value form, where the natural extension is too wide

    Near the edge of a set the checker bounds an image by the mean-value form
    F(X) in F(m) + J(X)(X - m). Here: the certificate's search gives bounds D on the four
    partial derivatives of an output on a box (the derivatives of [MeanValue.v], proved
    there); the computation checks |dF/dx_j| <= D_j on the box and the bound at the box's
    centre m with room E = sum_j D_j r_j (r the half-widths), and [MeanValue.mv_lower],
    [mv_upper] (or their |.| forms) give the bound on the box. The test at the centre bounds
    F(m) - E (or F(m) + E), with E an expression of constants ([espread]). *)

Definition einvpi := Eunary Inv epi.

(** [MeanValue.v_dK], [v_dv], [v_dx], [v_dy]: the partial derivatives of (77). *)
Definition e_vK := eneg (esub (emul xv e_n2) (emul einvpi (eadd xy (emul (esub epi e_atan) xx)))).
Definition e_vv := esub (eint 1) (emul xK e_n2).
Definition e_vx := emul (eneg xK) (esub (emul (emul (eint 2) xv) xx)
  (emul einvpi (eadd (esub epi e_atan) (ediv (emul xx xy) e_n2)))).
Definition e_vy := emul (eneg xK) (esub (emul (emul (eint 2) xv) xy)
  (emul einvpi (esub (eint 1) (ediv (esq xx) e_n2)))).
(** [x_dK], [x_dv], [x_dx], [x_dy]: those of (78). *)
Definition e_xK := eneg (esub (emul (esq xv) xx)
  (emul (ediv xv epi) (eadd (esub epi e_atan) (ediv (emul xx xy) e_n2)))).
Definition e_xv := e_vx.
Definition e_xx := esub (eint 1) (emul xK (esub (esq xv) (emul (ediv xv epi)
  (eadd (ediv xy e_n2) (ediv (emul xy (esub (esq xy) (esq xx))) (esq e_n2)))))).
Definition e_xy := emul (ediv (emul xK xv) epi)
  (eadd (ediv (eneg xx) e_n2) (ediv (emul xx (esub (esq xx) (esq xy))) (esq e_n2))).
(** [y_dK], [y_dv], [y_dx], [y_dy]: those of (79). *)
Definition e_yK := eneg (esub (emul (esq xv) xy) (emul (ediv xv epi) (ediv (esq xy) e_n2))).
Definition e_yv := emul (eneg xK) (esub (emul (emul (eint 2) xv) xy)
  (emul einvpi (ediv (esq xy) e_n2))).
Definition e_yx := emul (ediv (emul (eneg xK) xv) epi)
  (ediv (emul (emul (eint 2) xx) (esq xy)) (esq e_n2)).
Definition e_yy := esub (eint 1) (emul xK (esub (esq xv) (emul (ediv xv epi)
  (ediv (emul (emul (eint 2) xy) (esq xx)) (esq e_n2))))).

Ltac e_ok := intros; cbn -[Rsqr]; rewrite ?Rsqr_pow2;
  unfold v_dK, v_dv, v_dx, v_dy, x_dK, x_dv, x_dx, x_dy, y_dK, y_dv, y_dx, y_dy, n2; ring.

Lemma e_vK_ok K v wx wy : eval e_vK [K; v; wx; wy] = v_dK K v wx wy. Proof. e_ok. Qed.
Lemma e_vv_ok K v wx wy : eval e_vv [K; v; wx; wy] = v_dv K v wx wy. Proof. e_ok. Qed.
Lemma e_vx_ok K v wx wy : eval e_vx [K; v; wx; wy] = v_dx K v wx wy. Proof. e_ok. Qed.
Lemma e_vy_ok K v wx wy : eval e_vy [K; v; wx; wy] = v_dy K v wx wy. Proof. e_ok. Qed.
Lemma e_xK_ok K v wx wy : eval e_xK [K; v; wx; wy] = x_dK K v wx wy. Proof. e_ok. Qed.
Lemma e_xv_ok K v wx wy : eval e_xv [K; v; wx; wy] = x_dv K v wx wy. Proof. e_ok. Qed.
Lemma e_xx_ok K v wx wy : eval e_xx [K; v; wx; wy] = x_dx K v wx wy. Proof. e_ok. Qed.
Lemma e_xy_ok K v wx wy : eval e_xy [K; v; wx; wy] = x_dy K v wx wy. Proof. e_ok. Qed.
Lemma e_yK_ok K v wx wy : eval e_yK [K; v; wx; wy] = y_dK K v wx wy. Proof. e_ok. Qed.
Lemma e_yv_ok K v wx wy : eval e_yv [K; v; wx; wy] = y_dv K v wx wy. Proof. e_ok. Qed.
Lemma e_yx_ok K v wx wy : eval e_yx [K; v; wx; wy] = y_dx K v wx wy. Proof. e_ok. Qed.
Lemma e_yy_ok K v wx wy : eval e_yy [K; v; wx; wy] = y_dy K v wx wy. Proof. e_ok. Qed.

(** Every end of the box is a rational with a positive denominator. *)
Definition box_qpos (b : box) : bool :=
  qpos (bk0 b) && qpos (bk1 b) && qpos (bv0 b) && qpos (bv1 b) && qpos (bx0 b) && qpos (bx1 b)
  && qpos (by0 b) && qpos (by1 b).

(** Bounds D_K, D_v, D_x, D_y on the partial derivatives of one output. *)
Definition dbounds : Type := (q * q * q * q)%type.
(** The partial derivatives of one output, as expressions. *)
Definition parts : Type := (expr * expr * expr * expr)%type.

Definition parts_v : parts := (e_vK, e_vv, e_vx, e_vy).
Definition parts_wx : parts := (e_xK, e_xv, e_xx, e_xy).
Definition parts_wy : parts := (e_yK, e_yv, e_yx, e_yy).

Definition half : q := (1, 2)%Z.
Definition mid (a b : q) : q := qmul (qadd a b) half.
Definition hw (a b : q) : q := qmul (qsub b a) half.

Lemma qv_mid a b : qpos a = true -> qpos b = true -> qv (mid a b) = (qv a + qv b) / 2.
Proof.
  intros. unfold mid. rewrite qv_mul, qv_add; auto; [| apply qpos_add; auto].
  unfold qv at 3. simpl. field.
Qed.

Lemma qv_hw a b : qpos a = true -> qpos b = true -> qv (hw a b) = (qv b - qv a) / 2.
Proof.
  intros. unfold hw. rewrite qv_mul, qv_qsub; auto; [| apply qpos_sub; auto].
  unfold qv at 3. simpl. field.
Qed.

(** The centre of a box, as a box of one point. *)
Definition centre (b : box) : box :=
  let mK := mid (bk0 b) (bk1 b) in let mv := mid (bv0 b) (bv1 b) in
  let mx := mid (bx0 b) (bx1 b) in let my := mid (by0 b) (by1 b) in
  Box mK mK mv mv mx mx my my.

Definition d_qpos (d : dbounds) : bool :=
  let '(DK, Dv, Dx, Dy) := d in qpos DK && qpos Dv && qpos Dx && qpos Dy.

(** E = D_K r_K + D_v r_v + D_x r_x + D_y r_y, as an expression of constants, which the
    Interval library bounds in floats: computed exactly in rationals, its numerator and
    denominator have some 60 digits, which take the computation (on Coq's binary integers)
    longer than the rest of the check. *)
Definition espread (b : box) (d : dbounds) : expr :=
  let '(DK, Dv, Dx, Dy) := d in
  eadd (eadd (eadd (emul (erat DK) (erat (hw (bk0 b) (bk1 b))))
    (emul (erat Dv) (erat (hw (bv0 b) (bv1 b))))) (emul (erat Dx) (erat (hw (bx0 b) (bx1 b)))))
    (emul (erat Dy) (erat (hw (by0 b) (by1 b)))).

(** |dF/dx_j| <= D_j on the box, for the four partial derivatives. *)
Definition partials_ok (b : box) (ds : parts) (d : dbounds) : bool :=
  let '(eK, ev, ex, ey) := ds in let '(DK, Dv, Dx, Dy) := d in
  d_qpos d && goal_ok b eK (Gabsle true (erat DK)) && goal_ok b ev (Gabsle true (erat Dv)) &&
  goal_ok b ex (Gabsle true (erat Dx)) && goal_ok b ey (Gabsle true (erat Dy)).

(** lo <= e <= hi on the box: with derivative bounds, each side by the mean-value form at
    the centre or else by the plain evaluation; without, by the plain evaluation. *)
Definition out_ok (b : box) (e : expr) (ds : parts) (md : option dbounds) (lo hi : q) : bool :=
  match md with
  | Some d =>
      if partials_ok b ds d then
        (if goal_ok (centre b) (esub e (espread b d)) (Gge true (erat lo)) then true
         else goal_ok b e (Gge true (erat lo))) &&
        (if goal_ok (centre b) (eadd e (espread b d)) (Gle true (erat hi)) then true
         else goal_ok b e (Gle true (erat hi)))
      else goal_ok b e (Glele (erat lo) (erat hi))
  | None => goal_ok b e (Glele (erat lo) (erat hi))
  end.

Lemma eval_esub a b l : eval (esub a b) l = eval a l - eval b l.
Proof. reflexivity. Qed.

Lemma eval_eadd a b l : eval (eadd a b) l = eval a l + eval b l.
Proof. reflexivity. Qed.

Lemma espread_ok b d l : box_qpos b = true ->
  let '(DK, Dv, Dx, Dy) := d in
  eval (espread b d) l = qv DK * ((qv (bk1 b) - qv (bk0 b)) / 2) + qv Dv * ((qv (bv1 b) - qv (bv0 b)) / 2)
    + qv Dx * ((qv (bx1 b) - qv (bx0 b)) / 2) + qv Dy * ((qv (by1 b) - qv (by0 b)) / 2).
Proof.
  intros Hb. destruct d as [[[DK Dv] Dx] Dy].
  unfold box_qpos in Hb. repeat rewrite andb_true_iff in Hb.
  destruct Hb as [[[[[[[B1 B2] B3] B4] B5] B6] B7] B8].
  rewrite <- !qv_hw by assumption. reflexivity.
Qed.

(** What [out_ok] proves, for an output G(F) with the partial derivatives of F. *)
Lemma out_sound (F fK fv fx fy : R -> R -> R -> R -> R) (G : R -> R) e eK ev ex ey b md lo hi :
  box_qpos b = true -> qpos lo = true -> qpos hi = true -> 0 < qv (bx0 b) ->
  (forall K v wx wy : R, 0 < wx -> eval e [K; v; wx; wy] = G (F K v wx wy)) ->
  (forall K v wx wy : R, eval eK [K; v; wx; wy] = fK K v wx wy) ->
  (forall K v wx wy : R, eval ev [K; v; wx; wy] = fv K v wx wy) ->
  (forall K v wx wy : R, eval ex [K; v; wx; wy] = fx K v wx wy) ->
  (forall K v wx wy : R, eval ey [K; v; wx; wy] = fy K v wx wy) ->
  (forall K v wx wy : R, 0 < wx -> is_derive (fun t : R => F t v wx wy) K (fK K v wx wy)) ->
  (forall K v wx wy : R, 0 < wx -> is_derive (fun t : R => F K t wx wy) v (fv K v wx wy)) ->
  (forall K v wx wy : R, 0 < wx -> is_derive (fun t : R => F K v t wy) wx (fx K v wx wy)) ->
  (forall K v wx wy : R, 0 < wx -> is_derive (fun t : R => F K v wx t) wy (fy K v wx wy)) ->
  (forall k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy l K v wx wy : R,
    mv_partials F fK fv fx fy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
    in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
    l <= G (F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2)) -
      (DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2)) ->
    l <= G (F K v wx wy)) ->
  (forall k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy h K v wx wy : R,
    mv_partials F fK fv fx fy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
    in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
    G (F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2)) +
      (DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2)) <= h ->
    G (F K v wx wy) <= h) ->
  out_ok b e (eK, ev, ex, ey) md lo hi = true ->
  forall K v wx wy, in_box b K v wx wy -> qv lo <= G (F K v wx wy) <= qv hi.
Proof.
  intros Hb Hlo Hhi Hx0 He HeK Hev Hex Hey DK' Dv' Dx' Dy' Hl Hh H K v wx wy Hin.
  assert (Hwx : 0 < wx) by (destruct Hin as (_ & _ & Hw & _); lra).
  assert (Plain : goal_ok b e (Glele (erat lo) (erat hi)) = true -> qv lo <= G (F K v wx wy) <= qv hi).
  { intros P. rewrite <- (He K v wx wy Hwx). exact (goal_lele _ _ _ _ _ _ _ _ P Hin). }
  destruct md as [d |]; [| exact (Plain H)].
  unfold out_ok in H.
  destruct (partials_ok b (eK, ev, ex, ey) d) eqn:Hp; [| exact (Plain H)].
  destruct d as [[[DK Dv] Dx] Dy].
  unfold partials_ok in Hp. repeat rewrite andb_true_iff in Hp.
  destruct Hp as [[[[Hd PK] Pv] Px] Py].
  pose proof Hb as Hb'. unfold box_qpos in Hb'. repeat rewrite andb_true_iff in Hb'.
  destruct Hb' as [[[[[[[B1 B2] B3] B4] B5] B6] B7] B8].
  destruct b as [k0 k1 v0 v1 x0 x1 y0 y1]. cbn [bk0 bk1 bv0 bv1 bx0 bx1 by0 by1] in *.
  (* The partial derivatives on the box. *)
  assert (M : mv_partials F fK fv fx fy (qv k0) (qv k1) (qv v0) (qv v1) (qv x0) (qv x1)
                (qv y0) (qv y1) (qv DK) (qv Dv) (qv Dx) (qv Dy)).
  { assert (A : forall e' f' D, goal_ok (Box k0 k1 v0 v1 x0 x1 y0 y1) e' (Gabsle true (erat D)) = true ->
      (forall K v wx wy, eval e' [K; v; wx; wy] = f' K v wx wy) ->
      forall K v wx wy, in_box4 (qv k0) (qv k1) (qv v0) (qv v1) (qv x0) (qv x1) (qv y0) (qv y1) K v wx wy ->
      Rabs (f' K v wx wy) <= qv D).
    { intros e' f' D P E K' v' x' y' I. rewrite <- E.
      exact (goal_ok_sound _ _ _ _ _ _ _ P I). }
    assert (W : forall K v wx wy, in_box4 (qv k0) (qv k1) (qv v0) (qv v1) (qv x0) (qv x1) (qv y0) (qv y1) K v wx wy -> 0 < wx)
      by (intros K' v' x' y' (_ & _ & I & _); lra).
    unfold mv_partials. refine (conj _ (conj _ (conj _ _))); intros K' v' x' y' I.
    - exact (conj (DK' _ _ _ _ (W _ _ _ _ I)) (A _ _ _ PK HeK _ _ _ _ I)).
    - exact (conj (Dv' _ _ _ _ (W _ _ _ _ I)) (A _ _ _ Pv Hev _ _ _ _ I)).
    - exact (conj (Dx' _ _ _ _ (W _ _ _ _ I)) (A _ _ _ Px Hex _ _ _ _ I)).
    - exact (conj (Dy' _ _ _ _ (W _ _ _ _ I)) (A _ _ _ Py Hey _ _ _ _ I)). }
  assert (Hin4 : in_box4 (qv k0) (qv k1) (qv v0) (qv v1) (qv x0) (qv x1) (qv y0) (qv y1) K v wx wy)
    by exact Hin.
  (* The value at the centre. *)
  assert (Ic : in_box (centre (Box k0 k1 v0 v1 x0 x1 y0 y1)) (qv (mid k0 k1)) (qv (mid v0 v1)) (qv (mid x0 x1)) (qv (mid y0 y1)))
    by (unfold in_box, centre; simpl; lra).
  assert (Hc0 : 0 < (qv x0 + qv x1) / 2) by (destruct Hin as (_ & _ & I & _); simpl in I; lra).
  assert (Ec : eval e [qv (mid k0 k1); qv (mid v0 v1); qv (mid x0 x1); qv (mid y0 y1)] =
    G (F ((qv k0 + qv k1) / 2) ((qv v0 + qv v1) / 2) ((qv x0 + qv x1) / 2) ((qv y0 + qv y1) / 2))).
  { rewrite !qv_mid by assumption. exact (He _ _ _ _ Hc0). }
  assert (Sp : forall l, eval (espread (Box k0 k1 v0 v1 x0 x1 y0 y1) (DK, Dv, Dx, Dy)) l =
    qv DK * ((qv k1 - qv k0) / 2) + qv Dv * ((qv v1 - qv v0) / 2) + qv Dx * ((qv x1 - qv x0) / 2)
      + qv Dy * ((qv y1 - qv y0) / 2)) by exact (fun l => espread_ok _ (DK, Dv, Dx, Dy) l Hb).
  apply andb_true_iff in H as [L U]. split.
  - destruct (goal_ok (centre (Box k0 k1 v0 v1 x0 x1 y0 y1)) (esub e (espread (Box k0 k1 v0 v1 x0 x1 y0 y1) (DK, Dv, Dx, Dy))) (Gge true (erat lo))) eqn:C.
    + pose proof (goal_ge _ _ _ _ _ _ _ C Ic) as G1.
      rewrite eval_esub, Ec, Sp in G1.
      apply (Hl _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ M Hin4). lra.
    + rewrite <- (He K v wx wy Hwx). exact (goal_ge _ _ _ _ _ _ _ L Hin).
  - destruct (goal_ok (centre (Box k0 k1 v0 v1 x0 x1 y0 y1)) (eadd e (espread (Box k0 k1 v0 v1 x0 x1 y0 y1) (DK, Dv, Dx, Dy))) (Gle true (erat hi))) eqn:C.
    + pose proof (goal_le _ _ _ _ _ _ _ C Ic) as G1.
      rewrite eval_eadd, Ec, Sp in G1.
      apply (Hh _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ M Hin4). lra.
    + rewrite <- (He K v wx wy Hwx). exact (goal_le _ _ _ _ _ _ _ U Hin).
Qed.

(** ** Grids of rationals *)

Record qgrid := QGrid { qo1 : q; qo2 : q; qo3 : q; qh1 : q; qh2 : q; qh3 : q }.

Definition grid_of (g : qgrid) : grid :=
  Grid (qv (qo1 g)) (qv (qo2 g)) (qv (qo3 g)) (qv (qh1 g)) (qv (qh2 g)) (qv (qh3 g)).

Definition q0 : q := (0, 1)%Z.

Lemma qv_q0 : qv q0 = 0.
Proof. unfold qv. simpl. field. Qed.

Definition qgrid_ok (g : qgrid) : bool :=
  qpos (qo1 g) && qpos (qo2 g) && qpos (qo3 g) && qpos (qh1 g) && qpos (qh2 g) && qpos (qh3 g)
  && qlt q0 (qh1 g) && qlt q0 (qh2 g) && qlt q0 (qh3 g).

(** o + i h and o + i h + h. *)
Definition lo_at (o h : q) (i : Z) : q := qadd o (qmul (i, 1%Z) h).
Definition hi_at (o h : q) (i : Z) : q := qadd (lo_at o h i) h.

Lemma qpos_lo o h i : qpos o = true -> qpos h = true -> qpos (lo_at o h i) = true.
Proof. intros. apply qpos_add; [assumption | apply qpos_mul; [reflexivity | assumption]]. Qed.

Lemma qv_lo o h i : qpos o = true -> qpos h = true -> qv (lo_at o h i) = qv o + IZR i * qv h.
Proof.
  intros Ho Hh. unfold lo_at. rewrite qv_add, qv_mul, qv_Z; auto. apply qpos_mul; auto.
Qed.

Lemma qv_hi o h i : qpos o = true -> qpos h = true ->
  qv (hi_at o h i) = qv o + IZR i * qv h + qv h.
Proof. intros Ho Hh. unfold hi_at. rewrite qv_add, qv_lo; auto. apply qpos_lo; auto. Qed.

Lemma qgrid_ok_parts g : qgrid_ok g = true ->
  qpos (qo1 g) = true /\ qpos (qo2 g) = true /\ qpos (qo3 g) = true /\
  qpos (qh1 g) = true /\ qpos (qh2 g) = true /\ qpos (qh3 g) = true /\
  0 < h1 (grid_of g) /\ 0 < h2 (grid_of g) /\ 0 < h3 (grid_of g).
Proof.
  unfold qgrid_ok. intros H. repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[[[H1 H2] H3] H4] H5] H6] H7] H8] H9].
  simpl. repeat split; try assumption.
  - rewrite <- qv_q0. exact (qlt_ok q0 _ eq_refl H4 H7).
  - rewrite <- qv_q0. exact (qlt_ok q0 _ eq_refl H5 H8).
  - rewrite <- qv_q0. exact (qlt_ok q0 _ eq_refl H6 H9).
Qed.

(** The box of cell c, for K in [k0, k1]. *)
Definition cell_box (g : qgrid) (k0 k1 : q) (c : cell) : box :=
  let '(i, j, l) := c in
  Box k0 k1 (lo_at (qo1 g) (qh1 g) i) (hi_at (qo1 g) (qh1 g) i)
    (lo_at (qo2 g) (qh2 g) j) (hi_at (qo2 g) (qh2 g) j)
    (lo_at (qo3 g) (qh3 g) l) (hi_at (qo3 g) (qh3 g) l).

Lemma in_cell_box g k0 k1 c K v wx wy : qgrid_ok g = true ->
  qv k0 <= K <= qv k1 -> in_cell (grid_of g) c v wx wy -> in_box (cell_box g k0 k1 c) K v wx wy.
Proof.
  intros Hg HK Hc. destruct (qgrid_ok_parts g Hg) as (P1 & P2 & P3 & P4 & P5 & P6 & _).
  destruct c as [[i j] l]. unfold in_cell in Hc. simpl in Hc. unfold in_box, cell_box. simpl.
  rewrite !qv_lo, !qv_hi by assumption. tauto.
Qed.

(** ** Cells in B *)

(** B's margins on every point of cell c (K is not used; its range is [0, 0]). *)
Definition in_B_ok (g : qgrid) (c : cell) : bool :=
  let b := cell_box g q0 q0 c in
  goal_ok b xv (Gge true (erat q0)) && goal_ok b e_p (Gge true (erat (7, 20)%Z)) &&
  goal_ok b e_p (Gle true (erat (7, 5)%Z)) && goal_ok b e_d1 (Gle true (erat (3, 5)%Z)) &&
  goal_ok b e_d2 (Gle true (erat (3, 5)%Z)) &&
  goal_ok b xy (Glele (erat q0) (erat (12, 125)%Z)).

Lemma in_B_sound g c : qgrid_ok g = true -> in_B_ok g c = true -> cell_in_B (grid_of g) c.
Proof.
  intros Hg H v wx wy Hc. unfold in_B_ok in H. repeat rewrite andb_true_iff in H.
  destruct H as [[[[[H1 H2] H3] H4] H5] H6].
  assert (Hb : in_box (cell_box g q0 q0 c) 0 v wx wy).
  { apply in_cell_box; [exact Hg | | exact Hc]. unfold qv. simpl. lra. }
  pose proof (goal_ge _ _ _ _ _ _ _ H1 Hb) as G1. pose proof (goal_ge _ _ _ _ _ _ _ H2 Hb) as G2.
  pose proof (goal_le _ _ _ _ _ _ _ H3 Hb) as G3. pose proof (goal_le _ _ _ _ _ _ _ H4 Hb) as G4.
  pose proof (goal_le _ _ _ _ _ _ _ H5 Hb) as G5.
  pose proof (goal_lele _ _ _ _ _ _ _ _ H6 Hb) as G6.
  rewrite e_p_ok in G2, G3. rewrite e_d1_ok in G4. rewrite e_d2_ok in G5.
  cbn [eval xv xy nth] in G1, G6. unfold qv in *. simpl in *.
  apply B_by_margins. lra.
Qed.

(** ** Cells that map into a set *)

(** The parts of a cell the search records: a leaf maps into the box of whole cells
    [i0, i1] x [j0, j1] x [l0, l1]; an [MLeaf] too, with bounds on the partial derivatives
    of v', w_x' and w_y' for the mean-value form; [Split] halves side 0 (K), 1 (v), 2 (w_x)
    or 3 (w_y) at m; [Either] holds when one of its two covers does. *)
Inductive tree :=
  | Leaf (i0 i1 j0 j1 l0 l1 : Z)
  | MLeaf (i0 i1 j0 j1 l0 l1 : Z) (dv dx dy : dbounds)
  | Split (side : nat) (m : q) (a b : tree)
  | Either (a b : tree).

(** A part of a set of runs grouped by i, then by l: (i, [(l, [(j0, j1); ...]); ...]). *)
Definition groups : Type := list (Z * list (Z * list (Z * Z))).

(** The runs of the groups. *)
Definition flat (gs : groups) : list run :=
  flat_map (fun g => let '(i, ls) := g in
    flat_map (fun x => let '(l, js) := x in map (fun y => let '(a, b) := y in (i, l, a, b)) js) ls)
  gs.

(** Some run of the groups holds the cells (i, j, l), j0 <= j <= j1. *)
Definition covers (gs : groups) (i l j0 j1 : Z) : bool :=
  match find (fun g => Z.eqb (fst g) i) gs with
  | Some (_, ls) =>
      match find (fun x => Z.eqb (fst x) l) ls with
      | Some (_, js) => existsb (fun y => let '(a, b) := y in Z.leb a j0 && Z.leb j1 b) js
      | None => false
      end
  | None => false
  end.

(** Every cell of the box [i0, i1] x [j0, j1] x [l0, l1] is in the groups, computed run by
    run (GridReach's [all_in] asks cell by cell, each against the whole list). *)
Definition box_in (gs : groups) (i0 i1 j0 j1 l0 l1 : Z) : bool :=
  Z.leb i0 i1 && Z.leb j0 j1 && Z.leb l0 l1 &&
  forallb (fun i => forallb (fun l => covers gs i l j0 j1) (zr l0 l1)) (zr i0 i1).

Lemma zr_bounds a b k : In k (zr a b) -> (a <= k <= b)%Z.
Proof. unfold zr. intros H. apply in_map_iff in H as [n [<- Hn]]. apply in_seq in Hn. lia. Qed.

Lemma covers_memb gs i l j0 j1 j : covers gs i l j0 j1 = true -> (j0 <= j <= j1)%Z ->
  memb (flat gs) (i, j, l) = true.
Proof.
  unfold covers. intros H Hj.
  destruct (find (fun g => Z.eqb (fst g) i) gs) as [[i' ls] |] eqn:F1; [| discriminate].
  destruct (find (fun x => Z.eqb (fst x) l) ls) as [[l' js] |] eqn:F2; [| discriminate].
  apply find_some in F1 as [G1 E1]. apply find_some in F2 as [G2 E2].
  simpl in E1, E2. apply Z.eqb_eq in E1, E2. subst i' l'.
  apply existsb_exists in H as [[a b] [G3 E3]]. apply andb_true_iff in E3 as [E3 E4].
  apply Z.leb_le in E3, E4.
  unfold memb. apply existsb_exists. exists (i, l, a, b). split.
  - unfold flat. apply in_flat_map. exists (i, ls). split; [exact G1 |].
    apply in_flat_map. exists (l, js). split; [exact G2 |].
    apply in_map_iff. exists (a, b). split; [reflexivity | exact G3].
  - simpl. rewrite !Z.eqb_refl. simpl. apply andb_true_iff. split; apply Z.leb_le; lia.
Qed.

Lemma box_in_all_in gs i0 i1 j0 j1 l0 l1 :
  box_in gs i0 i1 j0 j1 l0 l1 = true -> all_in (flat gs) i0 i1 j0 j1 l0 l1 = true.
Proof.
  unfold box_in, all_in. intros H. repeat rewrite andb_true_iff in H.
  destruct H as [[[Hi Hj] Hl] H]. rewrite Hi, Hj, Hl. simpl.
  apply forallb_forall. intros i Hi'. apply forallb_forall. intros j Hj'.
  apply forallb_forall. intros l Hl'.
  rewrite forallb_forall in H. specialize (H i Hi'). rewrite forallb_forall in H.
  exact (covers_memb gs i l j0 j1 j (H l Hl') (zr_bounds _ _ _ Hj')).
Qed.

(** A leaf: w_x > 0 on the box (so that [MeanValue]'s forms are (77)-(80)), every cell of
    the target box in s, and the three bounds, with the derivative bounds of each output
    when the search gives them ([out_ok]). *)
Definition leaf_ok (g : qgrid) (s : groups) (b : box) (i0 i1 j0 j1 l0 l1 : Z)
  (md : option (dbounds * dbounds * dbounds)) : bool :=
  let '(dv, dx, dy) :=
    match md with Some (a, c, d) => (Some a, Some c, Some d) | None => (None, None, None) end in
  box_qpos b && qlt q0 (bx0 b) && box_in s i0 i1 j0 j1 l0 l1 &&
  out_ok b e_v parts_v dv (lo_at (qo1 g) (qh1 g) i0) (hi_at (qo1 g) (qh1 g) i1) &&
  out_ok b e_wx parts_wx dx (lo_at (qo2 g) (qh2 g) j0) (hi_at (qo2 g) (qh2 g) j1) &&
  out_ok b e_wy parts_wy dy (lo_at (qo3 g) (qh3 g) l0) (hi_at (qo3 g) (qh3 g) l1).

Definition set_side (side : nat) (hi : bool) (b : box) (m : q) : box :=
  let '(Box k0 k1 v0 v1 x0 x1 y0 y1) := b in
  match side, hi with
  | 0%nat, true => Box k0 m v0 v1 x0 x1 y0 y1
  | 0%nat, false => Box m k1 v0 v1 x0 x1 y0 y1
  | 1%nat, true => Box k0 k1 v0 m x0 x1 y0 y1
  | 1%nat, false => Box k0 k1 m v1 x0 x1 y0 y1
  | 2%nat, true => Box k0 k1 v0 v1 x0 m y0 y1
  | 2%nat, false => Box k0 k1 v0 v1 m x1 y0 y1
  | _, true => Box k0 k1 v0 v1 x0 x1 y0 m
  | _, false => Box k0 k1 v0 v1 x0 x1 m y1
  end.

Fixpoint tree_ok (g : qgrid) (s : groups) (b : box) (t : tree) : bool :=
  match t with
  | Leaf i0 i1 j0 j1 l0 l1 => leaf_ok g s b i0 i1 j0 j1 l0 l1 None
  | MLeaf i0 i1 j0 j1 l0 l1 dv dx dy => leaf_ok g s b i0 i1 j0 j1 l0 l1 (Some (dv, dx, dy))
  | Split side m ta tb =>
      (side <? 4)%nat && tree_ok g s (set_side side true b m) ta &&
      tree_ok g s (set_side side false b m) tb
  | Either ta tb => if tree_ok g s b ta then true else tree_ok g s b tb
  end.

Definition box_maps_q (g : qgrid) (s : groups) (b : box) : Prop :=
  box_maps (grid_of g) (qv (bk0 b)) (qv (bk1 b)) (flat s) (qv (bv0 b)) (qv (bv1 b))
    (qv (bx0 b)) (qv (bx1 b)) (qv (by0 b)) (qv (by1 b)).

(** A derivative lemma of [MeanValue.v], with or without its hypothesis 0 < w_x. *)
Ltac deriv l := intros ? ? ? ? ?; first [apply l; assumption | apply l].

Lemma leaf_sound g s b i0 i1 j0 j1 l0 l1 md : qgrid_ok g = true ->
  leaf_ok g s b i0 i1 j0 j1 l0 l1 md = true -> box_maps_q g s b.
Proof.
  intros Hg H. destruct (qgrid_ok_parts g Hg) as (P1 & P2 & P3 & P4 & P5 & P6 & Q1 & Q2 & Q3).
  unfold leaf_ok in H.
  destruct (match md with Some (a, c, d) => (Some a, Some c, Some d) | None => (None, None, None) end)
    as [[dv dx] dy].
  repeat rewrite andb_true_iff in H. destruct H as [[[[[Hq Hx] Hall] Hv] Hw] Hy].
  pose proof Hq as Hq'. unfold box_qpos in Hq'. repeat rewrite andb_true_iff in Hq'.
  destruct Hq' as [[[[[[[B1 B2] B3] B4] B5] B6] B7] B8].
  pose proof (qlt_ok q0 _ eq_refl B5 Hx) as Hx0. rewrite qv_q0 in Hx0.
  apply (box_by_cells (grid_of g) _ _ (flat s) _ _ _ _ _ _ i0 i1 j0 j1 l0 l1 Q1 Q2 Q3
    (box_in_all_in _ _ _ _ _ _ _ Hall)).
  intros K v wx wy HK Hv' Hw' Hy'.
  assert (Hb : in_box b K v wx wy) by (unfold in_box; tauto).
  assert (Hwx : 0 < wx) by lra.
  assert (Lo : forall o h i, qpos o = true -> qpos h = true -> qpos (lo_at o h i) = true)
    by (intros; apply qpos_lo; assumption).
  assert (Hi : forall o h i, qpos o = true -> qpos h = true -> qpos (hi_at o h i) = true)
    by (intros; apply qpos_add; [apply qpos_lo |]; assumption).
  pose proof (out_sound mv_v v_dK v_dv v_dx v_dy (fun x => x) _ _ _ _ _ b dv _ _ Hq
    (Lo _ _ i0 P1 P4) (Hi _ _ i1 P1 P4) Hx0 (fun K v wx wy _ => e_v_ok K v wx wy)
    e_vK_ok e_vv_ok e_vx_ok e_vy_ok ltac:(deriv v_K) ltac:(deriv v_v) ltac:(deriv v_x) ltac:(deriv v_y)
    (mv_lower mv_v v_dK v_dv v_dx v_dy) (mv_upper mv_v v_dK v_dv v_dx v_dy) Hv K v wx wy Hb) as Gv.
  pose proof (out_sound mv_wx x_dK x_dv x_dx x_dy (fun x => x) _ _ _ _ _ b dx _ _ Hq
    (Lo _ _ j0 P2 P5) (Hi _ _ j1 P2 P5) Hx0 (fun K v wx wy _ => e_wx_ok K v wx wy)
    e_xK_ok e_xv_ok e_xx_ok e_xy_ok ltac:(deriv x_K) ltac:(deriv x_v) ltac:(deriv x_x) ltac:(deriv x_y)
    (mv_lower mv_wx x_dK x_dv x_dx x_dy) (mv_upper mv_wx x_dK x_dv x_dx x_dy) Hw K v wx wy Hb) as Gw.
  pose proof (out_sound mv_wy y_dK y_dv y_dx y_dy Rabs _ _ _ _ _ b dy _ _ Hq
    (Lo _ _ l0 P3 P6) (Hi _ _ l1 P3 P6) Hx0 e_wy_ok
    e_yK_ok e_yv_ok e_yx_ok e_yy_ok ltac:(deriv y_K) ltac:(deriv y_v) ltac:(deriv y_x) ltac:(deriv y_y)
    (mv_abs_lower mv_wy y_dK y_dv y_dx y_dy) (mv_abs_upper mv_wy y_dK y_dv y_dx y_dy) Hy K v wx wy Hb)
    as Gy.
  cbv beta in Gv, Gw.
  rewrite qv_lo, qv_hi in Gv, Gw, Gy by assumption.
  simpl. rewrite (mv_v_neuron K v wx wy Hwx), (mv_wx_neuron K v wx wy Hwx), mv_wy_neuron.
  tauto.
Qed.

Lemma tree_sound g s t : qgrid_ok g = true ->
  forall b, tree_ok g s b t = true -> box_maps_q g s b.
Proof.
  intros Hg. induction t as [i0 i1 j0 j1 l0 l1 | i0 i1 j0 j1 l0 l1 dv dx dy
    | side m ta IHa tb IHb | ta IHa tb IHb]; intros b H; simpl in H.
  - exact (leaf_sound g s b i0 i1 j0 j1 l0 l1 _ Hg H).
  - exact (leaf_sound g s b i0 i1 j0 j1 l0 l1 _ Hg H).
  - repeat rewrite andb_true_iff in H. destruct H as [[Hs Ha] Hb].
    specialize (IHa _ Ha). specialize (IHb _ Hb). apply Nat.ltb_lt in Hs.
    destruct b as [k0 k1 v0 v1 x0 x1 y0 y1]. unfold box_maps_q in *.
    destruct side as [| [| [| [| side]]]]; simpl in IHa, IHb |- *; try lia.
    + exact (split_K _ _ _ _ _ _ _ _ _ _ _ IHa IHb).
    + exact (split_v _ _ _ _ _ _ _ _ _ _ _ IHa IHb).
    + exact (split_wx _ _ _ _ _ _ _ _ _ _ _ IHa IHb).
    + exact (split_wy _ _ _ _ _ _ _ _ _ _ _ IHa IHb).
  - destruct (tree_ok g s b ta) eqn:E; [exact (IHa _ E) | exact (IHb _ H)].
Qed.

Lemma maps_sound g k0 k1 s c t : qgrid_ok g = true ->
  tree_ok g s (cell_box g k0 k1 c) t = true -> cell_maps (grid_of g) (qv k0) (qv k1) (flat s) c.
Proof.
  intros Hg H. pose proof (tree_sound g s t Hg _ H) as M.
  destruct (qgrid_ok_parts g Hg) as (P1 & P2 & P3 & P4 & P5 & P6 & _).
  destruct c as [[i j] l]. apply maps_of_box. unfold box_maps_q, cell_box in M. simpl in M.
  rewrite !qv_lo, !qv_hi in M by assumption. exact M.
Qed.

(** ** Cells that contract w_y (T4.grid-basin) *)

Definition contracts_ok (g : qgrid) (k0 k1 r : q) (c : cell) : bool :=
  let b := cell_box g k0 k1 c in
  qpos r && box_qpos b && qlt q0 (bx0 b) && qle q0 (by0 b) &&
  goal_ok b (e_c_up r) (Gle true (erat (1, 1)%Z)) &&
  goal_ok b (e_c_down r) (Gle true (erat (1, 1)%Z)).

Lemma contracts_sound g k0 k1 r c : qgrid_ok g = true ->
  contracts_ok g k0 k1 r c = true -> cell_contracts (grid_of g) (qv k0) (qv k1) (qv r) c.
Proof.
  intros Hg H K v wx wy HK Hc. unfold contracts_ok in H. repeat rewrite andb_true_iff in H.
  destruct H as [[[[[Hr Hq] Hx] Hy] Hu] Hd].
  pose proof (in_cell_box g k0 k1 c K v wx wy Hg HK Hc) as Hb.
  unfold box_qpos in Hq. repeat rewrite andb_true_iff in Hq.
  destruct Hq as [[[[[[[B1 B2] B3] B4] B5] B6] B7] B8].
  pose proof (qlt_ok q0 _ eq_refl B5 Hx) as Hx0. pose proof (qle_ok q0 _ eq_refl B7 Hy) as Hy0.
  rewrite qv_q0 in Hx0, Hy0.
  destruct Hb as (_ & _ & Hwx & Hwy).
  pose proof (goal_le _ _ _ _ _ _ _ Hu (in_cell_box g k0 k1 c K v wx wy Hg HK Hc)) as Gu.
  pose proof (goal_le _ _ _ _ _ _ _ Hd (in_cell_box g k0 k1 c K v wx wy Hg HK Hc)) as Gd.
  rewrite e_c_up_ok in Gu. rewrite e_c_down_ok in Gd.
  assert (E : qv (1, 1)%Z = 1) by (unfold qv; simpl; field). rewrite E in Gu, Gd.
  split; [lra | split; [lra |]]. apply Rabs_le. lra.
Qed.

(** ** Every cell of a list of runs *)

(** What the search records for a cell: it lies in B, or it maps by the cover. *)
Inductive hint := InB | Maps (t : tree).

(** The cells of a run, in order of j. *)
Definition run_cells (r : run) : list cell :=
  let '(i, l, j0, j1) := r in map (fun j => (i, j, l)) (zr j0 j1).

(** [f] holds on every cell with the hint at the same place; the lists have one length. *)
Fixpoint check_list (f : cell -> hint -> bool) (cs : list cell) (hs : list hint) : bool :=
  match cs, hs with
  | [], [] => true
  | c :: cs', h :: hs' => f c h && check_list f cs' hs'
  | _, _ => false
  end.

Definition check_runs (f : cell -> hint -> bool) (rs : list run) (hs : list hint) : bool :=
  check_list f (flat_map run_cells rs) hs.

Lemma check_list_in f (P : cell -> Prop) cs hs : (forall c h, f c h = true -> P c) ->
  check_list f cs hs = true -> forall c, In c cs -> P c.
Proof.
  intros Hf. revert hs. induction cs as [| c0 cs IH]; intros hs H c Hc; [destruct Hc |].
  destruct hs as [| h hs]; [discriminate |]. simpl in H. apply andb_true_iff in H as [H0 H].
  destruct Hc as [<- | Hc]; [exact (Hf _ _ H0) | exact (IH hs H c Hc)].
Qed.

Lemma check_runs_sound f (P : cell -> Prop) rs hs : (forall c h, f c h = true -> P c) ->
  check_runs f rs hs = true -> Forall (run_all P) rs.
Proof.
  intros Hf H. apply Forall_forall. intros [[[i l] j0] j1] Hr j Hj.
  apply (check_list_in f P _ hs Hf H). apply in_flat_map. exists (i, l, j0, j1).
  split; [exact Hr |]. simpl. apply in_map_iff. exists j. split; [reflexivity |].
  apply zr_in. exact Hj.
Qed.

(** Part of a set: [sub] is a subsequence of s (the generator keeps the set's order), so
    every run of [sub] is a run of s; checked in one pass over s. A part's cells are tested
    against the runs near their images only, grouped by i and l ([covers]). *)
Definition run_eqb (r r' : run) : bool :=
  let '(a, b, c, d) := r in let '(a', b', c', d') := r' in
  Z.eqb a a' && Z.eqb b b' && Z.eqb c c' && Z.eqb d d'.

Fixpoint sub_ok (s sub : list run) {struct s} : bool :=
  match sub with
  | [] => true
  | r :: sub' =>
      match s with
      | [] => false
      | x :: s' => if run_eqb r x then sub_ok s' sub' else sub_ok s' sub
      end
  end.

Lemma sub_ok_in s : forall sub r, sub_ok s sub = true -> In r sub ->
  exists r', In r' s /\ run_eqb r r' = true.
Proof.
  induction s as [| x s IH]; intros sub r H Hr.
  - destruct sub; [destruct Hr | discriminate].
  - destruct sub as [| y sub']; [destruct Hr |].
    simpl in H. destruct (run_eqb y x) eqn:E.
    + destruct Hr as [<- | Hr].
      * exists x. split; [left; reflexivity | exact E].
      * destruct (IH sub' r H Hr) as [r' [H1 H2]]. exists r'. split; [right; exact H1 | exact H2].
    + destruct (IH (y :: sub') r H Hr) as [r' [H1 H2]]. exists r'. split; [right; exact H1 | exact H2].
Qed.

Lemma sub_memb s sub c : sub_ok s sub = true -> memb sub c = true -> memb s c = true.
Proof.
  intros Hs Hm. unfold memb in *. apply existsb_exists in Hm as [r [Hr Hc]].
  destruct (sub_ok_in s sub r Hs Hr) as [r' [Hr' He]]. apply existsb_exists. exists r'.
  split; [exact Hr' |].
  destruct r as [[[a b] c'] d], r' as [[[a' b'] c''] d']. simpl in He.
  repeat rewrite andb_true_iff in He. destruct He as [[[H1 H2] H3] H4].
  apply Z.eqb_eq in H1, H2, H3, H4. subst. exact Hc.
Qed.

Lemma cell_maps_sub g k0 k1 s sub c :
  sub_ok s sub = true -> cell_maps g k0 k1 sub c -> cell_maps g k0 k1 s c.
Proof.
  intros Hs H K v wx wy HK Hc. specialize (H K v wx wy HK Hc).
  destruct (basin_step K v wx wy) as [[a b] d]. simpl in *.
  destruct H as [c' [Hm Hc']]. exists c'. split; [exact (sub_memb s sub c' Hs Hm) | exact Hc'].
Qed.

(** A generation cell of T4.stage2 other than the last: in B, or maps into s'. *)
Definition reach_cell (g : qgrid) (k0 k1 : q) (s' : groups) (c : cell) (h : hint) : bool :=
  match h with
  | InB => in_B_ok g c
  | Maps t => tree_ok g s' (cell_box g k0 k1 c) t
  end.

(** A cell of the last generation: in B. *)
Definition last_cell (g : qgrid) (c : cell) (h : hint) : bool :=
  match h with
  | InB => in_B_ok g c
  | Maps _ => false
  end.

(** A cell of T4.grid-basin: maps into its own set s, and contracts w_y by 1 - r K. *)
Definition basin_cell (g : qgrid) (k0 k1 r : q) (s : groups) (c : cell) (h : hint) : bool :=
  match h with
  | InB => false
  | Maps t => tree_ok g s (cell_box g k0 k1 c) t && contracts_ok g k0 k1 r c
  end.

(** T4.stage2, a generation but the last: every cell of the runs [rs] lies in B or maps
    into s' (into its part [sub]) for K in [K0, K1], when the computation says so. *)
Theorem reach_runs (qg : qgrid) (k0 k1 : q) (g : grid) (K0 K1 : R) (s' : list run)
  (sub : groups) (rs : list run) (hs : list hint) :
  grid_of qg = g -> qv k0 = K0 -> qv k1 = K1 ->
  qgrid_ok qg && sub_ok s' (flat sub) && check_runs (reach_cell qg k0 k1 sub) rs hs = true ->
  Forall (run_all (fun c => cell_in_B g c \/ cell_maps g K0 K1 s' c)) rs.
Proof.
  intros <- <- <- H. apply andb_true_iff in H as [H Hc]. apply andb_true_iff in H as [Hg Hs].
  refine (check_runs_sound _ _ rs hs _ Hc).
  intros c [| t] Ht; simpl in Ht.
  - left. exact (in_B_sound qg c Hg Ht).
  - right. exact (cell_maps_sub _ _ _ s' _ c Hs (maps_sound qg k0 k1 sub c t Hg Ht)).
Qed.

(** T4.stage2, the last generation: every cell of [rs] lies in B. *)
Theorem last_runs (qg : qgrid) (g : grid) (rs : list run) (hs : list hint) :
  grid_of qg = g -> qgrid_ok qg && check_runs (last_cell qg) rs hs = true ->
  Forall (run_all (fun c => cell_in_B g c)) rs.
Proof.
  intros <- H. apply andb_true_iff in H as [Hg H].
  refine (check_runs_sound _ _ rs hs _ H).
  intros c [| t] Hc; simpl in Hc; [exact (in_B_sound qg c Hg Hc) | discriminate].
Qed.

(** T4.grid-basin: every cell of [rs] maps into s (into its part [sub]) and contracts w_y. *)
Theorem basin_runs (qg : qgrid) (k0 k1 r : q) (g : grid) (K0 K1 R0 : R) (s : list run)
  (sub : groups) (rs : list run) (hs : list hint) :
  grid_of qg = g -> qv k0 = K0 -> qv k1 = K1 -> qv r = R0 ->
  qgrid_ok qg && sub_ok s (flat sub) && check_runs (basin_cell qg k0 k1 r sub) rs hs = true ->
  Forall (run_all (fun c => cell_maps g K0 K1 s c /\ cell_contracts g K0 K1 R0 c)) rs.
Proof.
  intros <- <- <- <- H. apply andb_true_iff in H as [H Hc]. apply andb_true_iff in H as [Hg Hs].
  refine (check_runs_sound _ _ rs hs _ Hc).
  intros c [| t] Ht; simpl in Ht; [discriminate |]. apply andb_true_iff in Ht as [Hm Ht].
  exact (conj (cell_maps_sub _ _ _ s _ c Hs (maps_sound qg k0 k1 sub c t Hg Hm))
    (contracts_sound qg k0 k1 r c Hg Ht)).
Qed.

(** The runs of a set, given in consecutive parts. *)
Lemma Forall_concat {A} (P : A -> Prop) (xss : list (list A)) :
  Forall (Forall P) xss -> Forall P (concat xss).
Proof.
  induction 1 as [| xs xss Hx _ IH]; [constructor |]. simpl. apply Forall_app. tauto.
Qed.

(** A rational written n / d in the generated files is [qv (n, d)]. *)
Ltac q_eq := unfold qv; simpl; field.

(** A generated grid of rationals is the generated grid of reals (both unfolded). *)
Ltac qgrid_eq := cbv [grid_of qo1 qo2 qo3 qh1 qh2 qh3]; f_equal; q_eq.
