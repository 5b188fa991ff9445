(** * The mean-value form of (77)-(80) in Coq

    [interval] encloses an expression by its natural extension (and by Taylor models in one
    variable). Near the edge of a set of cells, the checker encloses the neuron map on a cell
    by the mean-value form F(m) + J(X)(X - m) instead: here is that form, for the three
    coordinates of (77)-(80) with alpha written atan(w_y / w_x) (w_x > 0, [Angle.alpha_atan]).
    [mv_bound] proves a goal [lo <= F K v wx wy] or [F K v wx wy <= hi] on a box from
    |F(x) - F(m)| <= sum_j D_j |x_j - m_j| (m the box's centre, D_j a bound on the j-th
    partial derivative over the box, found and checked by [interval]). *)

From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
From Interval Require Import Tactic.
From Twostep Require Import Model Angle.
Open Scope R_scope.

(** ** One variable: |h b - h a| <= D |b - a| when |h'| <= D on [lo, hi], a, b in it *)
Lemma mv1 (h dh : R -> R) (lo hi D a b : R) :
  lo <= a <= hi -> lo <= b <= hi ->
  (forall t, lo <= t <= hi -> is_derive h t (dh t) /\ Rabs (dh t) <= D) ->
  Rabs (h b - h a) <= D * Rabs (b - a).
Proof.
  intros Ha Hb H.
  assert (HD : forall t, lo <= t <= hi -> derivable_pt_lim h t (dh t)).
  { intros t Ht. apply is_derive_Reals. exact (proj1 (H t Ht)). }
  destruct (Rtotal_order a b) as [Hlt | [Heq | Hgt]].
  - destruct (MVT_cor2 h dh a b Hlt (fun c Hc => HD c ltac:(lra))) as (c & Hc & Hac).
    rewrite Hc, Rabs_mult. apply Rmult_le_compat_r; [apply Rabs_pos |].
    exact (proj2 (H c ltac:(lra))).
  - subst. replace (h b - h b) with 0 by ring. replace (b - b) with 0 by ring.
    rewrite Rabs_R0, Rmult_0_r. lra.
  - destruct (MVT_cor2 h dh b a Hgt (fun c Hc => HD c ltac:(lra))) as (c & Hc & Hac).
    replace (h b - h a) with (- (h a - h b)) by ring.
    replace (b - a) with (- (a - b)) by ring.
    rewrite !Rabs_Ropp, Hc, Rabs_mult. apply Rmult_le_compat_r; [apply Rabs_pos |].
    exact (proj2 (H c ltac:(lra))).
Qed.

(** A box of (K, v, w_x, w_y). *)
Definition in_box4 (k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy : R) : Prop :=
  k0 <= K <= k1 /\ v0 <= v <= v1 /\ x0 <= wx <= x1 /\ y0 <= wy <= y1.

(** ** Four variables, one at a time *)
Lemma mv4 (F dK dv dx dy : R -> R -> R -> R -> R)
  (k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy mK mv mx my K v wx wy : R) :
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F t v wx wy) K (dK K v wx wy) /\ Rabs (dK K v wx wy) <= DK) ->
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F K t wx wy) v (dv K v wx wy) /\ Rabs (dv K v wx wy) <= Dv) ->
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F K v t wy) wx (dx K v wx wy) /\ Rabs (dx K v wx wy) <= Dx) ->
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F K v wx t) wy (dy K v wx wy) /\ Rabs (dy K v wx wy) <= Dy) ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 mK mv mx my ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
  Rabs (F K v wx wy - F mK mv mx my) <=
    DK * Rabs (K - mK) + Dv * Rabs (v - mv) + Dx * Rabs (wx - mx) + Dy * Rabs (wy - my).
Proof.
  intros HK Hv Hx Hy (HmK & Hmv & Hmx & Hmy) (HK0 & Hv0 & Hx0 & Hy0).
  assert (E1 : Rabs (F K v wx wy - F mK v wx wy) <= DK * Rabs (K - mK)).
  { apply (mv1 (fun t => F t v wx wy) (fun t => dK t v wx wy) k0 k1); try lra.
    intros t Ht. apply HK. repeat split; lra. }
  assert (E2 : Rabs (F mK v wx wy - F mK mv wx wy) <= Dv * Rabs (v - mv)).
  { apply (mv1 (fun t => F mK t wx wy) (fun t => dv mK t wx wy) v0 v1); try lra.
    intros t Ht. apply Hv. repeat split; lra. }
  assert (E3 : Rabs (F mK mv wx wy - F mK mv mx wy) <= Dx * Rabs (wx - mx)).
  { apply (mv1 (fun t => F mK mv t wy) (fun t => dx mK mv t wy) x0 x1); try lra.
    intros t Ht. apply Hx. repeat split; lra. }
  assert (E4 : Rabs (F mK mv mx wy - F mK mv mx my) <= Dy * Rabs (wy - my)).
  { apply (mv1 (fun t => F mK mv mx t) (fun t => dy mK mv mx t) y0 y1); try lra.
    intros t Ht. apply Hy. repeat split; lra. }
  replace (F K v wx wy - F mK mv mx my) with
    ((F K v wx wy - F mK v wx wy) + (F mK v wx wy - F mK mv wx wy)
     + (F mK mv wx wy - F mK mv mx wy) + (F mK mv mx wy - F mK mv mx my)) by ring.
  repeat (eapply Rle_trans; [apply Rabs_triang |]; apply Rplus_le_compat; [| eassumption]).
  exact E1.
Qed.

(** ** (77)-(80) with alpha = atan(w_y / w_x), and their partial derivatives *)

(** (77) *)
Definition mv_v (K v wx wy : R) : R :=
  v - K * (v * (wx ^ 2 + wy ^ 2) - / PI * (wy + (PI - atan (wy / wx)) * wx)).
(** (78) *)
Definition mv_wx (K v wx wy : R) : R :=
  wx - K * (v ^ 2 * wx - v / PI * (PI - atan (wy / wx) + wx * wy / (wx ^ 2 + wy ^ 2))).
(** (79)-(80), the w_y line *)
Definition mv_wy (K v wx wy : R) : R :=
  wy - K * (v ^ 2 * wy - v / PI * (wy ^ 2 / (wx ^ 2 + wy ^ 2))).

Lemma mv_v_neuron K v wx wy : 0 < wx -> neuron_v K v wx wy = mv_v K v wx wy.
Proof. intros H. unfold neuron_v, mv_v. rewrite alpha_atan by exact H. reflexivity. Qed.

Lemma mv_wx_neuron K v wx wy : 0 < wx -> neuron_wx K v wx wy = mv_wx K v wx wy.
Proof. intros H. unfold neuron_wx, mv_wx. rewrite alpha_atan by exact H. reflexivity. Qed.

Lemma mv_wy_neuron K v wx wy : neuron_wy K v wx wy = mv_wy K v wx wy.
Proof. reflexivity. Qed.

Definition n2 (wx wy : R) : R := wx ^ 2 + wy ^ 2.

Definition v_dK (K v wx wy : R) : R := - (v * n2 wx wy - / PI * (wy + (PI - atan (wy / wx)) * wx)).
Definition v_dv (K v wx wy : R) : R := 1 - K * n2 wx wy.
Definition v_dx (K v wx wy : R) : R :=
  - K * (2 * v * wx - / PI * (PI - atan (wy / wx) + wx * wy / n2 wx wy)).
Definition v_dy (K v wx wy : R) : R := - K * (2 * v * wy - / PI * (1 - wx ^ 2 / n2 wx wy)).

Definition x_dK (K v wx wy : R) : R :=
  - (v ^ 2 * wx - v / PI * (PI - atan (wy / wx) + wx * wy / n2 wx wy)).
Definition x_dv (K v wx wy : R) : R :=
  - K * (2 * v * wx - / PI * (PI - atan (wy / wx) + wx * wy / n2 wx wy)).
Definition x_dx (K v wx wy : R) : R :=
  1 - K * (v ^ 2 - v / PI * (wy / n2 wx wy + wy * (wy ^ 2 - wx ^ 2) / n2 wx wy ^ 2)).
Definition x_dy (K v wx wy : R) : R :=
  K * v / PI * (- wx / n2 wx wy + wx * (wx ^ 2 - wy ^ 2) / n2 wx wy ^ 2).

Definition y_dK (K v wx wy : R) : R := - (v ^ 2 * wy - v / PI * (wy ^ 2 / n2 wx wy)).
Definition y_dv (K v wx wy : R) : R := - K * (2 * v * wy - / PI * (wy ^ 2 / n2 wx wy)).
Definition y_dx (K v wx wy : R) : R := - K * v / PI * (2 * wx * wy ^ 2 / n2 wx wy ^ 2).
Definition y_dy (K v wx wy : R) : R :=
  1 - K * (v ^ 2 - v / PI * (2 * wy * wx ^ 2 / n2 wx wy ^ 2)).

Ltac mv_nonzero := apply Rgt_not_eq; first [apply PI_RGT_0 | nra].

Ltac mv_derive :=
  intros; auto_derive;
  [ repeat split; mv_nonzero
  | unfold n2, Rdiv; field; repeat split; mv_nonzero ].

Section Derivatives.
Variables K v wx wy : R.
Hypothesis Hx : 0 < wx.
Lemma v_K : is_derive (fun t => mv_v t v wx wy) K (v_dK K v wx wy). Proof. unfold mv_v, v_dK. mv_derive. Qed.
Lemma v_v : is_derive (fun t => mv_v K t wx wy) v (v_dv K v wx wy). Proof. unfold mv_v, v_dv. mv_derive. Qed.
Lemma v_x : is_derive (fun t => mv_v K v t wy) wx (v_dx K v wx wy). Proof. unfold mv_v, v_dx. mv_derive. Qed.
Lemma v_y : is_derive (fun t => mv_v K v wx t) wy (v_dy K v wx wy). Proof. unfold mv_v, v_dy. mv_derive. Qed.
Lemma x_K : is_derive (fun t => mv_wx t v wx wy) K (x_dK K v wx wy). Proof. unfold mv_wx, x_dK. mv_derive. Qed.
Lemma x_v : is_derive (fun t => mv_wx K t wx wy) v (x_dv K v wx wy). Proof. unfold mv_wx, x_dv. mv_derive. Qed.
Lemma x_x : is_derive (fun t => mv_wx K v t wy) wx (x_dx K v wx wy). Proof. unfold mv_wx, x_dx. mv_derive. Qed.
Lemma x_y : is_derive (fun t => mv_wx K v wx t) wy (x_dy K v wx wy). Proof. unfold mv_wx, x_dy. mv_derive. Qed.
Lemma y_K : is_derive (fun t => mv_wy t v wx wy) K (y_dK K v wx wy). Proof. unfold mv_wy, y_dK. mv_derive. Qed.
Lemma y_v : is_derive (fun t => mv_wy K t wx wy) v (y_dv K v wx wy). Proof. unfold mv_wy, y_dv. mv_derive. Qed.
Lemma y_x : is_derive (fun t => mv_wy K v t wy) wx (y_dx K v wx wy). Proof. unfold mv_wy, y_dx. mv_derive. Qed.
Lemma y_y : is_derive (fun t => mv_wy K v wx t) wy (y_dy K v wx wy). Proof. unfold mv_wy, y_dy. mv_derive. Qed.
End Derivatives.

(** ** The bounds the cell proofs use *)

(** The premises of [mv4]: each partial derivative exists and is bounded on the box. *)
Definition mv_partials (F dK dv dx dy : R -> R -> R -> R -> R)
  (k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy : R) : Prop :=
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F t v wx wy) K (dK K v wx wy) /\ Rabs (dK K v wx wy) <= DK) /\
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F K t wx wy) v (dv K v wx wy) /\ Rabs (dv K v wx wy) <= Dv) /\
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F K v t wy) wx (dx K v wx wy) /\ Rabs (dx K v wx wy) <= Dx) /\
  (forall K v wx wy, in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
     is_derive (fun t => F K v wx t) wy (dy K v wx wy) /\ Rabs (dy K v wx wy) <= Dy).

(** On the box, F is within E of its value at the centre. *)
Lemma mv_centre F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy K v wx wy :
  mv_partials F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
  Rabs (F K v wx wy - F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2)) <=
    DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2).
Proof.
  intros (HK & Hv & Hx & Hy) Hb.
  assert (Hm : in_box4 k0 k1 v0 v1 x0 x1 y0 y1
                 ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2)).
  { destruct Hb as (? & ? & ? & ?). repeat split; lra. }
  (* Each bound is at least |F'| at the centre, so it is nonnegative. *)
  assert (DK0 : 0 <= DK) by (eapply Rle_trans; [apply Rabs_pos | exact (proj2 (HK _ _ _ _ Hm))]).
  assert (Dv0 : 0 <= Dv) by (eapply Rle_trans; [apply Rabs_pos | exact (proj2 (Hv _ _ _ _ Hm))]).
  assert (Dx0 : 0 <= Dx) by (eapply Rle_trans; [apply Rabs_pos | exact (proj2 (Hx _ _ _ _ Hm))]).
  assert (Dy0 : 0 <= Dy) by (eapply Rle_trans; [apply Rabs_pos | exact (proj2 (Hy _ _ _ _ Hm))]).
  eapply Rle_trans; [exact (mv4 F dK dv dx dy _ _ _ _ _ _ _ _ DK Dv Dx Dy _ _ _ _ K v wx wy HK Hv Hx Hy Hm Hb) |].
  destruct Hb as (? & ? & ? & ?).
  assert (forall a b c t, a <= t <= b -> c = (a + b) / 2 -> Rabs (t - c) <= (b - a) / 2)
    as Hr by (intros a b c t Ht ->; apply Rabs_le; lra).
  repeat apply Rplus_le_compat; apply Rmult_le_compat_l; try assumption; apply Hr; auto.
Qed.

Lemma mv_lower F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy lo K v wx wy :
  mv_partials F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
  lo <= F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2) -
    (DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2)) ->
  lo <= F K v wx wy.
Proof.
  intros H Hb Hlo. pose proof (mv_centre _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ H Hb) as E.
  apply Rabs_le_between in E. lra.
Qed.

Lemma mv_upper F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy hi K v wx wy :
  mv_partials F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
  F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2) +
    (DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2)) <= hi ->
  F K v wx wy <= hi.
Proof.
  intros H Hb Hhi. pose proof (mv_centre _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ H Hb) as E.
  apply Rabs_le_between in E. lra.
Qed.

Lemma mv_abs_lower F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy lo K v wx wy :
  mv_partials F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
  lo <= Rabs (F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2)) -
    (DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2)) ->
  lo <= Rabs (F K v wx wy).
Proof.
  intros H Hb Hlo. pose proof (mv_centre _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ H Hb) as E.
  pose proof (Rabs_triang_inv (F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2))
    (F K v wx wy)) as T.
  rewrite Rabs_minus_sym in E. lra.
Qed.

Lemma mv_abs_upper F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy hi K v wx wy :
  mv_partials F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy ->
  in_box4 k0 k1 v0 v1 x0 x1 y0 y1 K v wx wy ->
  Rabs (F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2)) +
    (DK * ((k1 - k0) / 2) + Dv * ((v1 - v0) / 2) + Dx * ((x1 - x0) / 2) + Dy * ((y1 - y0) / 2)) <= hi ->
  Rabs (F K v wx wy) <= hi.
Proof.
  intros H Hb Hhi. pose proof (mv_centre _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ H Hb) as E.
  pose proof (Rabs_triang_inv (F K v wx wy)
    (F ((k0 + k1) / 2) ((v0 + v1) / 2) ((x0 + x1) / 2) ((y0 + y1) / 2))) as T.
  lra.
Qed.

(** ** The tactic *)

(** The maps and their partial derivatives unfolded, for [interval]. *)
Ltac mv_unfold :=
  unfold mv_v, mv_wx, mv_wy, v_dK, v_dv, v_dx, v_dy, x_dK, x_dv, x_dx, x_dy,
    y_dK, y_dv, y_dx, y_dy, n2.

(** [k c], c an upper bound of |e| on the box of the context: [interval]'s bound, with room
    ([interval] proves it again from the premises of [mv_partials]). *)
Ltac mv_sup e k :=
  let e' := eval cbv [v_dK v_dv v_dx v_dy x_dK x_dv x_dx x_dy y_dK y_dv y_dx y_dy n2] in e in
  let H := fresh in
  interval_intro (Rabs e') upper as H;
  match type of H with _ <= ?c => clear H; k constr:(c * (1 + 1 / 1000000)) end.

(** The premises of [mv_partials] with the bounds [DK], ..., [Dy] found by [mv_sup]. *)
Ltac mv_partials_by dK dv dx dy lK lv lx ly :=
  split; [| split; [| split]];
  intros ? ? ? ? (? & ? & ? & ?); split;
  (first [apply lK | apply lv | apply lx | apply ly]; lra) || (mv_unfold; interval).

(** [lem F ...] applied to the goal with the box (K, v, wx, wy) of the context. *)
Ltac mv_apply lem F dK dv dx dy lK lv lx ly K v wx wy :=
  match goal with
  | HK : ?k0 <= K <= ?k1, Hv : ?v0 <= v <= ?v1, Hx : ?x0 <= wx <= ?x1, Hy : ?y0 <= wy <= ?y1 |- _ =>
    mv_sup (dK K v wx wy) ltac:(fun DK =>
    mv_sup (dv K v wx wy) ltac:(fun Dv =>
    mv_sup (dx K v wx wy) ltac:(fun Dx =>
    mv_sup (dy K v wx wy) ltac:(fun Dy =>
      apply (lem F dK dv dx dy k0 k1 v0 v1 x0 x1 y0 y1 DK Dv Dx Dy);
      [ mv_partials_by dK dv dx dy lK lv lx ly
      | unfold in_box4; repeat split; lra
      | mv_unfold; interval with (i_prec 64) ]))))
  end.

(** A goal [lo <= G] or [G <= hi], G one of [mv_v K v wx wy], [mv_wx K v wx wy] or
    [Rabs (mv_wy K v wx wy)], by the mean-value form on the box of the context. *)
Ltac mv_bound K v wx wy :=
  match goal with
  | |- _ <= mv_v K v wx wy => mv_apply mv_lower mv_v v_dK v_dv v_dx v_dy v_K v_v v_x v_y K v wx wy
  | |- mv_v K v wx wy <= _ => mv_apply mv_upper mv_v v_dK v_dv v_dx v_dy v_K v_v v_x v_y K v wx wy
  | |- _ <= mv_wx K v wx wy => mv_apply mv_lower mv_wx x_dK x_dv x_dx x_dy x_K x_v x_x x_y K v wx wy
  | |- mv_wx K v wx wy <= _ => mv_apply mv_upper mv_wx x_dK x_dv x_dx x_dy x_K x_v x_x x_y K v wx wy
  | |- _ <= Rabs (mv_wy K v wx wy) =>
      mv_apply mv_abs_lower mv_wy y_dK y_dv y_dx y_dy y_K y_v y_x y_y K v wx wy
  | |- Rabs (mv_wy K v wx wy) <= _ =>
      mv_apply mv_abs_upper mv_wy y_dK y_dv y_dx y_dy y_K y_v y_x y_y K v wx wy
  end.
