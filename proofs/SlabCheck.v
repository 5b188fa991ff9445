(** * The slab graph's step by computation: the hypotheses of [SlabReach.slab_reach]

    A piece of a slab graph generated in full states its cells outside the goal as data: a
    cell is its p range [lo, hi], the top of its d range, its successor range [a, b] (the p
    range of the cells its image meets) and its rank. [piece_ok] tests, for every cell,

    - on its box (K in the piece's range, p in [lo, hi], d in [0, top]), by the Interval
      library's evaluation ([RegionCheck.form_ok]): 2 - K^2 (p - 1)^2 >= 0 (W does not
      grow) and a <= p' <= b;
    - that a point of the slab {W <= omega} with p in the cell has d <= top (the cell's d
      range, from [OrbitClaims.slab_d_bounds]);
    - that [a, b] lies in the slab's p range and is covered ([walk]) by the goal's ranges,
      the cells of smaller rank, the strip (for a cell of the strip's rank inside it) and
      cell 0's range (for a cell of its rank inside it);

    and that the goal's ranges and the cells cover the slab's p range, the cells of the
    strip's rank cover the strip and those of cell 0's rank cover cell 0's range.
    [check_step], [check_cover], [check_strip_cell] and [check_esc_cell] prove from
    [piece_ok = true] the hypotheses [Hstep], [Hcover], [Hstrip_cell] and [Hesc_cell] of
    [SlabReach.slab_reach] with [cell := in_cells]. Coq's kernel runs the test once, when it
    checks the generated lemma [piece_ok ... = true] at [Qed]. *)

From Coq Require Import Reals Lra Lia List Bool Arith ZArith.
From Interval Require Import Eval.Tree.
From Twostep Require Import Model OrbitClaims ProductClaims SlabReach Rational RegionCheck.
Import ListNotations.
Open Scope R_scope.

(** A cell outside the goal: p in [c_lo, c_hi], d in [0, c_d], p' in [c_a, c_b], its rank. *)
Record scell := SCell { c_lo : q; c_hi : q; c_d : q; c_a : q; c_b : q; c_rank : nat }.

(** A piece: K in [s_k0, s_k1]; the slab {s_lo <= p <= s_hi, W <= s_om} with d <= s_cap on
    it; the goal's p ranges; the strip [s_slo, s_shi] with its rank s_rs (s_shi < s_slo
    when there is none); cell 0's range [s_lo, s_ehi] with its rank s_r0 (s_ehi < s_lo when
    it has no loop). *)
Record spiece := SPiece {
  s_k0 : q; s_k1 : q; s_om : q; s_cap : q; s_lo : q; s_hi : q; s_goal : list (q * q);
  s_rs : nat; s_slo : q; s_shi : q; s_r0 : nat; s_ehi : q }.

(** p lies in a cell of rank r. *)
Definition in_cells (cs : list scell) (r : nat) (p : R) : Prop :=
  exists c, In c cs /\ c_rank c = r /\ rq (c_lo c) <= p <= rq (c_hi c).

(** p lies in one of the ranges. *)
Definition in_ranges (gs : list (q * q)) (p : R) : Prop :=
  exists g, In g gs /\ rq (fst g) <= p <= rq (snd g).

(** ** Covering a range by intervals *)

(** One pass over the intervals in their order: from cur, each interval that holds cur
    moves it to its upper end. The point reached, and whether b was reached. *)
Fixpoint scan (ivs : list (q * q)) (cur b : q) : q * bool :=
  match ivs with
  | [] => (cur, false)
  | iv :: rest =>
    (* [if], not [&&] or [||] around a recursive call: the virtual machine evaluates a
       function's arguments first. *)
    if qle (fst iv) cur && qle cur (snd iv) then
      if qle b (snd iv) then (cur, true) else scan rest (snd iv) b
    else scan rest cur b
  end.

(** [walk n ivs cur b]: [cur, b] is covered by the intervals [ivs], in at most n passes
    ([scan]; sorted intervals need one pass, and one more for each step back in the list). *)
Fixpoint walk (n : nat) (ivs : list (q * q)) (cur b : q) : bool :=
  match n with
  | O => false
  | S n =>
    let (c, done) := scan ivs cur b in
    if done then true else if qlt cur c then walk n ivs c b else false
  end.

Definition qpos2 (iv : q * q) : bool := qpos (fst iv) && qpos (snd iv).

Lemma scan_ok ivs : forall cur b,
  forallb qpos2 ivs = true -> qpos cur = true -> qpos b = true ->
  forall x, qv cur <= x <= qv b ->
  (exists iv, In iv ivs /\ qv (fst iv) <= x <= qv (snd iv))
  \/ (snd (scan ivs cur b) = false /\ qpos (fst (scan ivs cur b)) = true
      /\ qv (fst (scan ivs cur b)) <= x).
Proof.
  induction ivs as [| iv ivs IH]; intros cur b Hivs Hc Hb x Hx.
  - right. cbn. split; [reflexivity | split; [exact Hc | lra]].
  - cbn [forallb] in Hivs. apply andb_true_iff in Hivs as [P Hivs].
    unfold qpos2 in P. apply andb_true_iff in P as [P1 P2].
    cbn [scan].
    destruct (qle (fst iv) cur && qle cur (snd iv)) eqn:F.
    + apply andb_true_iff in F as [F1 F2].
      pose proof (qle_ok _ _ P1 Hc F1). pose proof (qle_ok _ _ Hc P2 F2).
      destruct (Rle_lt_dec x (qv (snd iv))) as [L | L].
      * left. exists iv. split; [left; reflexivity | lra].
      * destruct (qle b (snd iv)) eqn:E.
        -- pose proof (qle_ok _ _ Hb P2 E). lra.
        -- destruct (IH (snd iv) b Hivs P2 Hb x ltac:(lra)) as [[iv' [I J]] | R].
           ++ left. exists iv'. split; [right; exact I | exact J].
           ++ right. exact R.
    + destruct (IH cur b Hivs Hc Hb x Hx) as [[iv' [I J]] | R].
      * left. exists iv'. split; [right; exact I | exact J].
      * right. exact R.
Qed.

Lemma walk_ok n ivs cur b :
  walk n ivs cur b = true -> qpos cur = true -> qpos b = true ->
  forallb qpos2 ivs = true ->
  forall x, qv cur <= x <= qv b -> exists iv, In iv ivs /\ qv (fst iv) <= x <= qv (snd iv).
Proof.
  revert cur. induction n as [| n IH]; intros cur H Hc Hb Hivs x Hx; [discriminate |].
  cbn [walk] in H.
  destruct (scan_ok ivs cur b Hivs Hc Hb x Hx) as [C | [D [Q X]]]; [exact C |].
  destruct (scan ivs cur b) as [c done]. cbn [fst snd] in D, Q, X. subst done.
  destruct (qlt cur c); [| discriminate].
  exact (IH c H Q Hb Hivs x ltac:(lra)).
Qed.

(** [walk] with at most 8 passes. *)
Definition covers (ivs : list (q * q)) (a b : q) : bool :=
  qpos a && qpos b && forallb qpos2 ivs && walk 8 ivs a b.

Lemma covers_ok ivs a b :
  covers ivs a b = true ->
  forall x, qv a <= x <= qv b -> exists iv, In iv ivs /\ qv (fst iv) <= x <= qv (snd iv).
Proof.
  unfold covers. intros H. apply andb_true_iff in H as [H Hw].
  apply andb_true_iff in H as [H Hi]. apply andb_true_iff in H as [Ha Hb].
  exact (walk_ok _ _ _ _ Hw Ha Hb Hi).
Qed.

(** ** The test of a piece *)

Section Check.

Variable P : spiece.
(** The cells outside the goal, and the goal's cells (whose ranks are not used). *)
Variables cs gs : list scell.

Definition range (c : scell) : q * q := (c_lo c, c_hi c).

Definition rank_lt (r : nat) (c : scell) : bool := Nat.ltb (c_rank c) r.
Definition rank_is (r : nat) (c : scell) : bool := Nat.eqb (c_rank c) r.

(** Cell c lies in the strip with the strip's rank, or in cell 0's range with its rank. *)
Definition in_strip (c : scell) : bool :=
  Nat.eqb (c_rank c) (s_rs P) && qle (s_slo P) (c_lo c) && qle (c_hi c) (s_shi P).
Definition in_esc (c : scell) : bool :=
  Nat.eqb (c_rank c) (s_r0 P) && qle (s_lo P) (c_lo c) && qle (c_hi c) (s_ehi P).

(** Where a step from cell c may land: the goal, a cell of smaller rank, the strip (from a
    strip cell), cell 0's range (from a cell in it). *)
Definition allowed (c : scell) : list (q * q) :=
  s_goal P ++ map range (filter (rank_lt (c_rank c)) cs)
  ++ (if in_strip c then [(s_slo P, s_shi P)] else [])
  ++ (if in_esc c then [(s_lo P, s_ehi P)] else []).

(** 2 - K^2 (p - 1)^2 >= 0 and a <= p' <= b. *)
Definition image_form (c : scell) : form :=
  FAnd (FLe (eint 0) (esub (eint 2) (epow (emul (Evar 0) (esub (Evar 1) (eint 1))) 2)))
    (FAnd (FLe (erat (c_a c)) (e_prod_p (Evar 0) (Evar 1) (Evar 2)))
      (FLe (e_prod_p (Evar 0) (Evar 1) (Evar 2)) (erat (c_b c)))).

Definition cell_box (c : scell) : box3 :=
  Box3 (s_k0 P) (s_k1 P) (c_lo c) (c_hi c) (0, 1)%Z (c_d c).

(** A point of the slab in cell c has d <= c_d: d <= s_cap, or 4 lo d <= omega with lo > 0. *)
Definition d_ok (c : scell) : bool :=
  qle (s_cap P) (c_d c)
  || (qlt (0, 1)%Z (c_lo c) && qle (s_om P) (qmul (4, 1)%Z (qmul (c_lo c) (c_d c)))).

(** Cell c's box facts, its d range on the slab, and its successor range in the slab. *)
Definition image_ok (n : nat) (c : scell) : bool :=
  qpos (c_lo c) && qpos (c_hi c) && qpos (c_d c) && qpos (c_a c) && qpos (c_b c)
  && d_ok c && form_ok n (cell_box c) (image_form c)
  && qle (s_lo P) (c_a c) && qle (c_b c) (s_hi P).

(** A cell outside the goal: its image facts, and its successor range allowed. *)
Definition cell_ok (n : nat) (c : scell) : bool :=
  image_ok n c && covers (allowed c) (c_a c) (c_b c).

(** A cell of the goal: its image facts, and it lies in the goal's ranges. *)
Definition goal_cell_ok (n : nat) (c : scell) : bool :=
  image_ok n c && covers (s_goal P) (c_lo c) (c_hi c).

Definition piece_ok (n : nat) : bool :=
  qpos (s_om P) && qpos (s_cap P) && qpos (s_lo P) && qpos (s_hi P)
  && qpos (s_slo P) && qpos (s_shi P) && qpos (s_ehi P)
  && qle (0, 1)%Z (s_lo P) && qle (0, 1)%Z (s_cap P)
  && qle (s_om P) (qmul (s_cap P) (s_cap P))
  && forallb (cell_ok n) cs && forallb (goal_cell_ok n) gs
  && covers (map range (cs ++ gs)) (s_lo P) (s_hi P)
  && (qlt (s_shi P) (s_slo P)
      || covers (map range (filter (rank_is (s_rs P)) cs)) (s_slo P) (s_shi P))
  && (qlt (s_ehi P) (s_lo P)
      || covers (map range (filter (rank_is (s_r0 P)) cs)) (s_lo P) (s_ehi P)).

End Check.

(** ** Soundness *)

Section Sound.

Variable P : spiece.
Variables cs gs : list scell.
Variable n : nat.
Hypothesis Hok : piece_ok P cs gs n = true.
(** The goal as the generated file states it, holding on the goal's ranges. *)
Variable goal : R -> Prop.
Hypothesis Hgoal : forall p, in_ranges (s_goal P) p -> goal p.

Lemma piece_parts :
  qpos (s_om P) = true /\ qpos (s_cap P) = true /\ qpos (s_lo P) = true
  /\ qpos (s_hi P) = true /\ qpos (s_slo P) = true /\ qpos (s_shi P) = true
  /\ qpos (s_ehi P) = true /\ 0 <= qv (s_lo P) /\ 0 <= qv (s_cap P)
  /\ qv (s_om P) <= qv (s_cap P) * qv (s_cap P)
  /\ forallb (cell_ok P cs n) cs = true /\ forallb (goal_cell_ok P n) gs = true
  /\ covers (map range (cs ++ gs)) (s_lo P) (s_hi P) = true
  /\ (qlt (s_shi P) (s_slo P)
      || covers (map range (filter (rank_is (s_rs P)) cs)) (s_slo P) (s_shi P)) = true
  /\ (qlt (s_ehi P) (s_lo P)
      || covers (map range (filter (rank_is (s_r0 P)) cs)) (s_lo P) (s_ehi P)) = true.
Proof.
  pose proof Hok as H. unfold piece_ok in H.
  apply andb_true_iff in H as [H E14]. apply andb_true_iff in H as [H E13].
  apply andb_true_iff in H as [H E11'].
  apply andb_true_iff in H as [H E12]. apply andb_true_iff in H as [H E11].
  apply andb_true_iff in H as [H E10]. apply andb_true_iff in H as [H E9].
  apply andb_true_iff in H as [H E8]. apply andb_true_iff in H as [H E7].
  apply andb_true_iff in H as [H E6]. apply andb_true_iff in H as [H E5].
  apply andb_true_iff in H as [H E4]. apply andb_true_iff in H as [H E3].
  apply andb_true_iff in H as [E1 E2].
  assert (Z1 : qpos (0, 1)%Z = true) by reflexivity.
  pose proof (qle_ok _ _ Z1 E3 E8) as L0. pose proof (qle_ok _ _ Z1 E2 E9) as C0.
  pose proof (qle_ok _ _ E1 (qpos_mul _ _ E2 E2) E10) as W. rewrite qv_mul in W by exact E2.
  unfold qv at 1 in L0. unfold qv at 1 in C0. cbn [fst snd] in L0, C0.
  replace (0 / 1) with 0 in L0, C0 by field.
  repeat split; assumption.
Qed.

Lemma image_parts c : In c (cs ++ gs) ->
  qpos (c_lo c) = true /\ qpos (c_hi c) = true /\ qpos (c_d c) = true
  /\ qpos (c_a c) = true /\ qpos (c_b c) = true /\ d_ok P c = true
  /\ form_ok n (cell_box P c) (image_form c) = true
  /\ qle (s_lo P) (c_a c) = true /\ qle (c_b c) (s_hi P) = true.
Proof.
  intros Hin. destruct piece_parts as (_ & _ & _ & _ & _ & _ & _ & _ & _ & _ & F & G & _).
  assert (H : image_ok P n c = true).
  { apply in_app_or in Hin as [Hin | Hin].
    - pose proof (proj1 (forallb_forall _ _) F c Hin) as H. unfold cell_ok in H.
      apply andb_true_iff in H. tauto.
    - pose proof (proj1 (forallb_forall _ _) G c Hin) as H. unfold goal_cell_ok in H.
      apply andb_true_iff in H. tauto. }
  unfold image_ok in H.
  apply andb_true_iff in H as [H E9]. apply andb_true_iff in H as [H E8].
  apply andb_true_iff in H as [H E7]. apply andb_true_iff in H as [H E6].
  apply andb_true_iff in H as [H E5]. apply andb_true_iff in H as [H E4].
  apply andb_true_iff in H as [H E3]. apply andb_true_iff in H as [E1 E2].
  repeat split; assumption.
Qed.

Lemma cell_allowed c : In c cs -> covers (allowed P cs c) (c_a c) (c_b c) = true.
Proof.
  intros Hin. destruct piece_parts as (_ & _ & _ & _ & _ & _ & _ & _ & _ & _ & F & _).
  pose proof (proj1 (forallb_forall _ _) F c Hin) as H. unfold cell_ok in H.
  apply andb_true_iff in H. tauto.
Qed.

Lemma goal_cell_in c : In c gs -> covers (s_goal P) (c_lo c) (c_hi c) = true.
Proof.
  intros Hin. destruct piece_parts as (_ & _ & _ & _ & _ & _ & _ & _ & _ & _ & _ & G & _).
  pose proof (proj1 (forallb_forall _ _) G c Hin) as H. unfold goal_cell_ok in H.
  apply andb_true_iff in H. tauto.
Qed.

(** A step from a point of the slab in cell c: W does not grow and p' lies in [c_a, c_b]. *)
Lemma cell_image c K p d : In c (cs ++ gs) -> qv (s_k0 P) <= K <= qv (s_k1 P) ->
  qv (s_lo P) <= p -> 0 <= d -> prod_w p d <= qv (s_om P) ->
  qv (c_lo c) <= p <= qv (c_hi c) ->
  0 <= 2 - (K * (p - 1)) ^ 2 /\ qv (c_a c) <= prod_p K p d <= qv (c_b c).
Proof.
  intros Hin HK Hp Hd Hw Hc.
  destruct piece_parts as (Pom & Pcap & Plo & _ & _ & _ & _ & Lo0 & Cap0 & Cap2 & _).
  destruct (image_parts c Hin) as (Clo & _ & Cd & _ & _ & Dok & Form & _).
  assert (Z1 : qpos (0, 1)%Z = true) by reflexivity.
  assert (Hdc : d <= qv (c_d c)).
  { unfold d_ok in Dok. apply orb_true_iff in Dok as [D | D].
    - destruct (slab_d_bounds 0 p d (qv (s_om P)) (qv (s_cap P)) ltac:(lra) Hd Cap0 Cap2 Hw)
        as [D1 _].
      pose proof (qle_ok _ _ Pcap Cd D). lra.
    - apply andb_true_iff in D as [D1 D2].
      pose proof (qlt_ok _ _ Z1 Clo D1) as L. unfold qv at 1 in L. cbn [fst snd] in L.
      replace (0 / 1) with 0 in L by field.
      destruct (slab_d_bounds (qv (c_lo c)) p d (qv (s_om P)) (qv (s_cap P)) ltac:(lra) Hd
        Cap0 Cap2 Hw) as [_ D3].
      assert (Q4 : qpos (4, 1)%Z = true) by reflexivity.
      pose proof (qle_ok _ _ Pom (qpos_mul _ _ Q4 (qpos_mul _ _ Clo Cd)) D2) as D4.
      rewrite !qv_mul in D4 by (assumption || apply qpos_mul; assumption).
      rewrite qv_Z in D4. nra. }
  assert (Hb : in_box3 (cell_box P c) K p d).
  { unfold in_box3, cell_box. cbn [k0 k1 p0 p1 d0 d1]. rewrite qv_Z. lra. }
  pose proof (form_ok_sound _ _ _ _ _ _ Form Hb) as F.
  change (0 <= 2 - (K * (p - 1)) ^ 2
          /\ (qv (c_a c) <= prod_p K p d /\ prod_p K p d <= qv (c_b c))) in F.
  exact F.
Qed.

Lemma in_cells_of c x : In c cs -> qv (c_lo c) <= x <= qv (c_hi c) -> in_cells cs (c_rank c) x.
Proof. intros Hin Hx. exists c. rewrite !rq_qv. tauto. Qed.

Lemma in_filtered f x iv :
  In iv (map range (filter f cs)) -> qv (fst iv) <= x <= qv (snd iv) ->
  exists c, In c cs /\ f c = true /\ in_cells cs (c_rank c) x.
Proof.
  intros Hin Hx. apply in_map_iff in Hin as [c [E Hc]]. apply filter_In in Hc as [Hc Hf].
  subst iv. exists c. split; [exact Hc | split; [exact Hf |]]. exact (in_cells_of c x Hc Hx).
Qed.

(** [SlabReach]'s [Hstep]: from a point of the slab in a cell of rank r, p' lies in the slab
    and in the goal, or in a cell of smaller rank, or the step stays in the strip (from a
    strip cell), or in cell 0's range (from a cell in it). *)
Theorem check_step : forall K, rq (s_k0 P) <= K <= rq (s_k1 P) -> forall r p d,
  in_slab (rq (s_om P)) (rq (s_lo P)) (rq (s_hi P)) (p, d) -> in_cells cs r p ->
  rq (s_lo P) <= prod_p K p d <= rq (s_hi P) /\ 0 <= 2 - (K * (p - 1)) ^ 2 /\
  (goal (prod_p K p d)
   \/ (exists r', (r' < r)%nat /\ in_cells cs r' (prod_p K p d))
   \/ (r = s_rs P /\ rq (s_slo P) <= p <= rq (s_shi P)
       /\ rq (s_slo P) <= prod_p K p d <= rq (s_shi P))
   \/ (r = s_r0 P /\ rq (s_lo P) <= p <= rq (s_ehi P)
       /\ rq (s_lo P) <= prod_p K p d <= rq (s_ehi P))).
Proof.
  intros K HK r p d [Hp [Hd Hw]] [c [Hin [Hr Hc]]]. cbn [fst snd] in Hp, Hd, Hw.
  rewrite !rq_qv in *.
  destruct piece_parts as (_ & _ & Plo & Phi & Pslo & Pshi & Pehi & _).
  pose proof (in_or_app _ _ _ (or_introl Hin) : In c (cs ++ gs)) as Hin'.
  destruct (image_parts c Hin') as (Clo & Chi & _ & Ca & Cb & _ & _ & Ga & Gb).
  pose proof (cell_allowed c Hin) as Cov.
  destruct (cell_image c K p d Hin' HK ltac:(lra) Hd Hw Hc) as [H2 Hi].
  pose proof (qle_ok _ _ Plo Ca Ga). pose proof (qle_ok _ _ Cb Phi Gb).
  split; [lra | split; [exact H2 |]].
  destruct (covers_ok _ _ _ Cov (prod_p K p d) Hi) as [iv [Hiv Hx]].
  unfold allowed in Hiv.
  apply in_app_or in Hiv as [G | Hiv].
  { left. apply Hgoal. exists iv. rewrite !rq_qv. tauto. }
  apply in_app_or in Hiv as [L | Hiv].
  { right; left. destruct (in_filtered _ _ _ L Hx) as [c' [_ [Hf Hc']]].
    exists (c_rank c'). split; [| exact Hc']. unfold rank_lt in Hf.
    apply Nat.ltb_lt in Hf. lia. }
  subst r.
  apply in_app_or in Hiv as [S | E].
  - destruct (in_strip P c) eqn:Hs; [| destruct S].
    destruct S as [<- | []]. cbn [fst snd] in Hx.
    unfold in_strip in Hs. apply andb_true_iff in Hs as [Hs S2].
    apply andb_true_iff in Hs as [S0 S1]. apply Nat.eqb_eq in S0.
    pose proof (qle_ok _ _ Pslo Clo S1). pose proof (qle_ok _ _ Chi Pshi S2).
    right; right; left. split; [exact S0 | split; lra].
  - destruct (in_esc P c) eqn:He; [| destruct E].
    destruct E as [<- | []]. cbn [fst snd] in Hx.
    unfold in_esc in He. apply andb_true_iff in He as [He E2].
    apply andb_true_iff in He as [E0 E1]. apply Nat.eqb_eq in E0.
    pose proof (qle_ok _ _ Plo Clo E1). pose proof (qle_ok _ _ Chi Pehi E2).
    right; right; right. split; [exact E0 | split; lra].
Qed.

(** [SlabReach]'s [Hcover]: every p of the slab lies in the goal or in a cell. *)
Theorem check_cover : forall p, rq (s_lo P) <= p <= rq (s_hi P) ->
  goal p \/ exists r, in_cells cs r p.
Proof.
  intros p Hp. rewrite !rq_qv in Hp.
  destruct piece_parts as (_ & _ & _ & _ & _ & _ & _ & _ & _ & _ & _ & _ & Cov & _).
  destruct (covers_ok _ _ _ Cov p Hp) as [iv [Hiv Hx]].
  apply in_map_iff in Hiv as [c [<- Hc]]. cbn [range fst snd] in Hx.
  apply in_app_or in Hc as [Hc | Hc].
  - right. exists (c_rank c). exact (in_cells_of c p Hc Hx).
  - left. apply Hgoal.
    destruct (covers_ok _ _ _ (goal_cell_in c Hc) p Hx) as [g [Hg Hy]].
    exists g. rewrite !rq_qv. tauto.
Qed.

(** The slab is mapped into itself, and W does not grow (the slab's invariance, from every
    cell's image facts). *)
Theorem check_invariant : forall K p d, rq (s_k0 P) <= K <= rq (s_k1 P) ->
  rq (s_lo P) <= p <= rq (s_hi P) -> 0 <= d -> prod_w p d <= rq (s_om P) ->
  (0 <= 2 - (K * (p - 1)) ^ 2) /\ (rq (s_lo P) <= prod_p K p d <= rq (s_hi P)).
Proof.
  intros K p d HK Hp Hd Hw. rewrite !rq_qv in *.
  destruct piece_parts as (_ & _ & Plo & Phi & _ & _ & _ & _ & _ & _ & _ & _ & Cov & _).
  destruct (covers_ok _ _ _ Cov p Hp) as [iv [Hiv Hx]].
  apply in_map_iff in Hiv as [c [<- Hc]]. cbn [range fst snd] in Hx.
  destruct (image_parts c Hc) as (_ & _ & _ & Ca & Cb & _ & _ & Ga & Gb).
  destruct (cell_image c K p d Hc HK ltac:(lra) Hd Hw Hx) as [H2 Hi].
  pose proof (qle_ok _ _ Plo Ca Ga). pose proof (qle_ok _ _ Cb Phi Gb).
  split; [exact H2 | lra].
Qed.

(** A range [a, b] (empty when b < a) covered by the cells of rank r lies in them. *)
Lemma rank_range r a b :
  qpos a = true -> qpos b = true ->
  (qlt b a || covers (map range (filter (rank_is r) cs)) a b) = true ->
  forall p, rq a <= p <= rq b -> in_cells cs r p.
Proof.
  intros Ha Hb H p Hp. rewrite !rq_qv in Hp.
  apply orb_true_iff in H as [L | C].
  - pose proof (qlt_ok _ _ Hb Ha L). lra.
  - destruct (covers_ok _ _ _ C p Hp) as [iv [Hiv Hx]].
    destruct (in_filtered _ _ _ Hiv Hx) as [c [_ [Hf Hc]]].
    unfold rank_is in Hf. apply Nat.eqb_eq in Hf. rewrite <- Hf. exact Hc.
Qed.

(** [SlabReach]'s [Hstrip_cell]: the strip lies in the cells of its rank. *)
Theorem check_strip_cell : forall p, rq (s_slo P) <= p <= rq (s_shi P) ->
  in_cells cs (s_rs P) p.
Proof.
  destruct piece_parts as (_ & _ & _ & _ & Pslo & Pshi & _ & _ & _ & _ & _ & _ & _ & S & _).
  exact (rank_range _ _ _ Pslo Pshi S).
Qed.

(** [SlabReach]'s [Hesc_cell]: cell 0's range lies in the cells of its rank. *)
Theorem check_esc_cell : forall p, rq (s_lo P) <= p <= rq (s_ehi P) ->
  in_cells cs (s_r0 P) p.
Proof.
  destruct piece_parts as (_ & _ & Plo & _ & _ & _ & Pehi & _ & _ & _ & _ & _ & _ & _ & E).
  exact (rank_range _ _ _ Plo Pehi E).
Qed.

End Sound.
