(** * The slab graph's step by computation: the hypotheses of [SlabReach.slab_reach]

    A piece of a slab graph generated in full states its cells as data, in order of p: a
    cell is its p range [lo, hi], the top of its d range, its successor range [a, b] (the p
    range of the cells its image meets), its rank, whether it lies in the goal, and where its
    successor cells are in the list (the first one's position and their number).
    [piece_ok] tests, for every cell,

    - on its box (K in the piece's range, p in [lo, hi], d in [0, top]), by the Interval
      library's evaluation ([RegionCheck.form_ok]): 2 - K^2 (p - 1)^2 >= 0 (W does not
      grow) and a <= p' <= b;
    - that a point of the slab {W <= omega} with p in the cell has d <= top (the cell's d
      range, from [OrbitClaims.slab_d_bounds]);
    - that [a, b] lies in the slab's p range;
    - for a cell of the goal, that it lies in the goal's ranges; for another cell, that its
      successor cells cover [a, b] ([covers], one pass) and each is a goal cell, a cell of smaller
      rank, a strip cell (from a strip cell) or a cell of cell 0's range (from one);

    and that the cells cover the slab's p range, the cells of the strip's rank cover the
    strip and those of cell 0's rank cover cell 0's range. [check_step], [check_cover],
    [check_strip_cell] and [check_esc_cell] prove from [piece_ok = true] the hypotheses
    [Hstep], [Hcover], [Hstrip_cell] and [Hesc_cell] of [SlabReach.slab_reach] with
    [cell := in_cells], and [check_invariant] that the slab is mapped into itself. Coq's
    kernel runs the test once, when it checks the generated lemma [piece_ok ... = true] at
    [Qed]. The positions only point the test to the successors: a wrong one makes it fail. *)

From Coq Require Import Reals Lra Lia List Bool Arith ZArith.
From Interval Require Import Eval.Tree.
From Twostep Require Import Model OrbitClaims ProductClaims SlabReach Rational RegionCheck.
Import ListNotations.
Open Scope R_scope.

(** A cell: p in [c_lo, c_hi], d in [0, c_d], p' in [c_a, c_b], its rank (not used in the
    goal), whether it lies in the goal, and its successors' place in the list of cells. The
    rank and the places are integers (Z), which the generated files write as [Rational.z]
    literals: a [nat] literal is as long as its value. *)
Record scell := SCell {
  c_lo : q; c_hi : q; c_d : q; c_a : q; c_b : q; c_rank : Z; c_goal : bool;
  c_first : Z; c_count : Z }.

(** A piece: K in [s_k0, s_k1]; the slab {s_lo <= p <= s_hi, W <= s_om} with d <= s_cap on
    it; the goal's p ranges; the strip [s_slo, s_shi] with its rank s_rs (s_shi < s_slo
    when there is none); cell 0's range [s_lo, s_ehi] with its rank s_r0 (s_ehi < s_lo when
    it has no loop). *)
Record spiece := SPiece {
  s_k0 : q; s_k1 : q; s_om : q; s_cap : q; s_lo : q; s_hi : q; s_goal : list (q * q);
  s_rs : nat; s_slo : q; s_shi : q; s_r0 : nat; s_ehi : q }.

(** p lies in a cell of rank r outside the goal. *)
Definition in_cells (cs : list scell) (r : nat) (p : R) : Prop :=
  exists c, In c cs /\ c_goal c = false /\ Z.to_nat (c_rank c) = r
            /\ rq (c_lo c) <= p <= rq (c_hi c).

(** p lies in one of the ranges. *)
Definition in_ranges (gs : list (q * q)) (p : R) : Prop :=
  exists g, In g gs /\ rq (fst g) <= p <= rq (snd g).

(** ** Covering a range by intervals *)

(** One pass over the intervals in their order: from cur, each interval that holds cur
    moves it to its upper end. Whether b was reached. *)
Fixpoint scan (ivs : list (q * q)) (cur b : q) : bool :=
  match ivs with
  | [] => false
  | iv :: rest =>
    (* [if], not [&&] or [||] around a recursive call: the virtual machine evaluates a
       function's arguments first. *)
    if qle (fst iv) cur && qle cur (snd iv) then
      if qle b (snd iv) then true else scan rest (snd iv) b
    else scan rest cur b
  end.

Definition qpos2 (iv : q * q) : bool := qpos (fst iv) && qpos (snd iv).

Lemma scan_ok ivs : forall cur b,
  scan ivs cur b = true ->
  forallb qpos2 ivs = true -> qpos cur = true -> qpos b = true ->
  forall x, qv cur <= x <= qv b -> exists iv, In iv ivs /\ qv (fst iv) <= x <= qv (snd iv).
Proof.
  induction ivs as [| iv ivs IH]; intros cur b H Hivs Hc Hb x Hx; [discriminate |].
  cbn [forallb] in Hivs. apply andb_true_iff in Hivs as [P Hivs].
  unfold qpos2 in P. apply andb_true_iff in P as [P1 P2].
  cbn [scan] in H.
  destruct (qle (fst iv) cur && qle cur (snd iv)) eqn:F.
  - apply andb_true_iff in F as [F1 F2].
    pose proof (qle_ok _ _ P1 Hc F1). pose proof (qle_ok _ _ Hc P2 F2).
    destruct (Rle_lt_dec x (qv (snd iv))) as [L | L].
    + exists iv. split; [left; reflexivity | lra].
    + destruct (qle b (snd iv)) eqn:E.
      * pose proof (qle_ok _ _ Hb P2 E). lra.
      * destruct (IH (snd iv) b H Hivs P2 Hb x ltac:(lra)) as [iv' [I J]].
        exists iv'. split; [right; exact I | exact J].
  - destruct (IH cur b H Hivs Hc Hb x Hx) as [iv' [I J]].
    exists iv'. split; [right; exact I | exact J].
Qed.

(** [a, b] is covered by the intervals [ivs], in one pass ([scan]): every list the test
    covers with is in order of p. *)
Definition covers (ivs : list (q * q)) (a b : q) : bool :=
  qpos a && qpos b && forallb qpos2 ivs && scan ivs a b.

Lemma covers_ok ivs a b :
  covers ivs a b = true ->
  forall x, qv a <= x <= qv b -> exists iv, In iv ivs /\ qv (fst iv) <= x <= qv (snd iv).
Proof.
  unfold covers. intros H. apply andb_true_iff in H as [H Hs].
  apply andb_true_iff in H as [H Hi]. apply andb_true_iff in H as [Ha Hb].
  exact (scan_ok ivs a b Hs Hi Ha Hb).
Qed.

(** ** The test of a piece *)

Section Check.

Variable P : spiece.
(** The cells, in order of p. *)
Variable cs : list scell.

Definition range (c : scell) : q * q := (c_lo c, c_hi c).

(** A cell outside the goal of rank r. *)
Definition rank_is (r : nat) (c : scell) : bool :=
  negb (c_goal c) && Z.eqb (c_rank c) (Z.of_nat r).

(** Cell c lies in the strip with the strip's rank, or in cell 0's range with its rank. *)
Definition in_strip (c : scell) : bool :=
  rank_is (s_rs P) c && qle (s_slo P) (c_lo c) && qle (c_hi c) (s_shi P).
Definition in_esc (c : scell) : bool :=
  rank_is (s_r0 P) c && qle (s_lo P) (c_lo c) && qle (c_hi c) (s_ehi P).

(** The successor cells of c, as its data places them. *)
Definition succs (c : scell) : list scell :=
  firstn (Z.to_nat (c_count c)) (skipn (Z.to_nat (c_first c)) cs).

(** A step from c may land in c': c' lies in the goal, has a smaller rank, or both lie in
    the strip, or both in cell 0's range. *)
Definition may_step (c c' : scell) : bool :=
  if c_goal c' then true
  else if Z.leb 0 (c_rank c') && Z.ltb (c_rank c') (c_rank c) then true
  else (in_strip c && in_strip c') || (in_esc c && in_esc c').

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

(** A goal cell lies in the goal's ranges; another cell's successors cover its successor
    range, and a step may land in each. *)
Definition cell_ok (n : nat) (c : scell) : bool :=
  image_ok n c
  && (if c_goal c then covers (s_goal P) (c_lo c) (c_hi c)
      else forallb (may_step c) (succs c) && covers (map range (succs c)) (c_a c) (c_b c)).

Definition piece_ok (n : nat) : bool :=
  qpos (s_om P) && qpos (s_cap P) && qpos (s_lo P) && qpos (s_hi P)
  && qpos (s_slo P) && qpos (s_shi P) && qpos (s_ehi P)
  && qle (0, 1)%Z (s_lo P) && qle (0, 1)%Z (s_cap P)
  && qle (s_om P) (qmul (s_cap P) (s_cap P))
  && forallb (cell_ok n) cs
  && covers (map range cs) (s_lo P) (s_hi P)
  && (qlt (s_shi P) (s_slo P)
      || covers (map range (filter (rank_is (s_rs P)) cs)) (s_slo P) (s_shi P))
  && (qlt (s_ehi P) (s_lo P)
      || covers (map range (filter (rank_is (s_r0 P)) cs)) (s_lo P) (s_ehi P)).

End Check.

(** ** Soundness *)

Section Sound.

Variable P : spiece.
Variable cs : list scell.
Variable n : nat.
Hypothesis Hok : piece_ok P cs n = true.
(** The goal as the generated file states it, holding on the goal's ranges. *)
Variable goal : R -> Prop.
Hypothesis Hgoal : forall p, in_ranges (s_goal P) p -> goal p.

Lemma piece_parts :
  qpos (s_om P) = true /\ qpos (s_cap P) = true /\ qpos (s_lo P) = true
  /\ qpos (s_hi P) = true /\ qpos (s_slo P) = true /\ qpos (s_shi P) = true
  /\ qpos (s_ehi P) = true /\ 0 <= qv (s_lo P) /\ 0 <= qv (s_cap P)
  /\ qv (s_om P) <= qv (s_cap P) * qv (s_cap P)
  /\ forallb (cell_ok P cs n) cs = true
  /\ covers (map range cs) (s_lo P) (s_hi P) = true
  /\ (qlt (s_shi P) (s_slo P)
      || covers (map range (filter (rank_is (s_rs P)) cs)) (s_slo P) (s_shi P)) = true
  /\ (qlt (s_ehi P) (s_lo P)
      || covers (map range (filter (rank_is (s_r0 P)) cs)) (s_lo P) (s_ehi P)) = true.
Proof.
  pose proof Hok as H. unfold piece_ok in H.
  apply andb_true_iff in H as [H E14]. apply andb_true_iff in H as [H E13].
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

Lemma cell_ok_of c : In c cs -> cell_ok P cs n c = true.
Proof.
  intros Hin. destruct piece_parts as (_ & _ & _ & _ & _ & _ & _ & _ & _ & _ & F & _).
  exact (proj1 (forallb_forall _ _) F c Hin).
Qed.

Lemma image_parts c : In c cs ->
  qpos (c_lo c) = true /\ qpos (c_hi c) = true /\ qpos (c_d c) = true
  /\ qpos (c_a c) = true /\ qpos (c_b c) = true /\ d_ok P c = true
  /\ form_ok n (cell_box P c) (image_form c) = true
  /\ qle (s_lo P) (c_a c) = true /\ qle (c_b c) (s_hi P) = true.
Proof.
  intros Hin. pose proof (cell_ok_of c Hin) as H. unfold cell_ok in H.
  apply andb_true_iff in H as [H _]. unfold image_ok in H.
  apply andb_true_iff in H as [H E9]. apply andb_true_iff in H as [H E8].
  apply andb_true_iff in H as [H E7]. apply andb_true_iff in H as [H E6].
  apply andb_true_iff in H as [H E5]. apply andb_true_iff in H as [H E4].
  apply andb_true_iff in H as [H E3]. apply andb_true_iff in H as [E1 E2].
  repeat split; assumption.
Qed.

Lemma cell_succs c : In c cs -> c_goal c = false ->
  forallb (may_step P c) (succs cs c) = true
  /\ covers (map range (succs cs c)) (c_a c) (c_b c) = true.
Proof.
  intros Hin G. pose proof (cell_ok_of c Hin) as H. unfold cell_ok in H. rewrite G in H.
  apply andb_true_iff in H as [_ H]. apply andb_true_iff in H. exact H.
Qed.

Lemma goal_cell_in c : In c cs -> c_goal c = true ->
  covers (s_goal P) (c_lo c) (c_hi c) = true.
Proof.
  intros Hin G. pose proof (cell_ok_of c Hin) as H. unfold cell_ok in H. rewrite G in H.
  apply andb_true_iff in H. tauto.
Qed.

Lemma in_succs c c' : In c' (succs cs c) -> In c' cs.
Proof.
  unfold succs. intros H.
  rewrite <- (firstn_skipn (Z.to_nat (c_first c)) cs). apply in_or_app. right.
  rewrite <- (firstn_skipn (Z.to_nat (c_count c)) (skipn (Z.to_nat (c_first c)) cs)).
  apply in_or_app. left.
  exact H.
Qed.

(** A step from a point of the slab in cell c: W does not grow and p' lies in [c_a, c_b]. *)
Lemma cell_image c K p d : In c cs -> qv (s_k0 P) <= K <= qv (s_k1 P) ->
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

Lemma in_cells_of c x : In c cs -> c_goal c = false -> qv (c_lo c) <= x <= qv (c_hi c) ->
  in_cells cs (Z.to_nat (c_rank c)) x.
Proof. intros Hin G Hx. exists c. rewrite !rq_qv. tauto. Qed.

(** A point of a goal cell lies in the goal. *)
Lemma goal_of_cell c x : In c cs -> c_goal c = true -> qv (c_lo c) <= x <= qv (c_hi c) ->
  goal x.
Proof.
  intros Hin G Hx. apply Hgoal.
  destruct (covers_ok _ _ _ (goal_cell_in c Hin G) x Hx) as [g [Hg Hy]].
  exists g. rewrite !rq_qv. tauto.
Qed.

(** A cell in the strip (in cell 0's range) lies outside the goal, has the strip's (cell
    0's) rank, and lies in the strip (in cell 0's range). *)
Lemma loop_range c lo hi r :
  In c cs -> qpos lo = true -> qpos hi = true ->
  rank_is r c && qle lo (c_lo c) && qle (c_hi c) hi = true ->
  c_goal c = false /\ Z.to_nat (c_rank c) = r /\ qv lo <= qv (c_lo c) /\ qv (c_hi c) <= qv hi.
Proof.
  intros Hin Plo Phi H.
  destruct (image_parts c Hin) as (Clo & Chi & _).
  apply andb_true_iff in H as [H H2]. apply andb_true_iff in H as [H H1].
  unfold rank_is in H. apply andb_true_iff in H as [G R].
  apply negb_true_iff in G. apply Z.eqb_eq in R. rewrite R, Nat2Z.id.
  pose proof (qle_ok _ _ Plo Clo H1). pose proof (qle_ok _ _ Chi Phi H2). tauto.
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
  intros K HK r p d [Hp [Hd Hw]] [c [Hin [G [Hr Hc]]]]. cbn [fst snd] in Hp, Hd, Hw.
  rewrite !rq_qv in *.
  destruct piece_parts as (_ & _ & Plo & Phi & Pslo & Pshi & Pehi & _).
  destruct (image_parts c Hin) as (Clo & Chi & _ & Ca & Cb & _ & _ & Ga & Gb).
  destruct (cell_succs c Hin G) as [Steps Cov].
  destruct (cell_image c K p d Hin HK ltac:(lra) Hd Hw Hc) as [H2 Hi].
  pose proof (qle_ok _ _ Plo Ca Ga). pose proof (qle_ok _ _ Cb Phi Gb).
  split; [lra | split; [exact H2 |]].
  destruct (covers_ok _ _ _ Cov (prod_p K p d) Hi) as [iv [Hiv Hx]].
  apply in_map_iff in Hiv as [c' [<- Hc']]. cbn [range fst snd] in Hx.
  pose proof (in_succs c c' Hc') as Hin'.
  pose proof (proj1 (forallb_forall _ _) Steps c' Hc') as M. unfold may_step in M.
  destruct (c_goal c') eqn:G'.
  { left. exact (goal_of_cell c' _ Hin' G' Hx). }
  destruct (Z.leb 0 (c_rank c') && Z.ltb (c_rank c') (c_rank c)) eqn:L.
  { right; left. exists (Z.to_nat (c_rank c')).
    apply andb_true_iff in L as [L0 L]. apply Z.leb_le in L0. apply Z.ltb_lt in L.
    split; [lia | exact (in_cells_of c' _ Hin' G' Hx)]. }
  apply orb_true_iff in M as [M | M]; apply andb_true_iff in M as [M1 M2].
  - destruct (loop_range c _ _ _ Hin Pslo Pshi M1) as (_ & R & A & B).
    destruct (loop_range c' _ _ _ Hin' Pslo Pshi M2) as (_ & _ & A' & B').
    right; right; left. split; [lia | split; lra].
  - destruct (loop_range c _ _ _ Hin Plo Pehi M1) as (_ & R & A & B).
    destruct (loop_range c' _ _ _ Hin' Plo Pehi M2) as (_ & _ & A' & B').
    right; right; right. split; [lia | split; lra].
Qed.

(** [SlabReach]'s [Hcover]: every p of the slab lies in the goal or in a cell. *)
Theorem check_cover : forall p, rq (s_lo P) <= p <= rq (s_hi P) ->
  goal p \/ exists r, in_cells cs r p.
Proof.
  intros p Hp. rewrite !rq_qv in Hp.
  destruct piece_parts as (_ & _ & _ & _ & _ & _ & _ & _ & _ & _ & _ & Cov & _).
  destruct (covers_ok _ _ _ Cov p Hp) as [iv [Hiv Hx]].
  apply in_map_iff in Hiv as [c [<- Hc]]. cbn [range fst snd] in Hx.
  destruct (c_goal c) eqn:G.
  - left. exact (goal_of_cell c p Hc G Hx).
  - right. exists (Z.to_nat (c_rank c)). exact (in_cells_of c p Hc G Hx).
Qed.

(** The slab is mapped into itself, and W does not grow (the slab's invariance, from every
    cell's image facts). *)
Theorem check_invariant : forall K p d, rq (s_k0 P) <= K <= rq (s_k1 P) ->
  rq (s_lo P) <= p <= rq (s_hi P) -> 0 <= d -> prod_w p d <= rq (s_om P) ->
  (0 <= 2 - (K * (p - 1)) ^ 2) /\ (rq (s_lo P) <= prod_p K p d <= rq (s_hi P)).
Proof.
  intros K p d HK Hp Hd Hw. rewrite !rq_qv in *.
  destruct piece_parts as (_ & _ & Plo & Phi & _ & _ & _ & _ & _ & _ & _ & Cov & _).
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
    apply in_map_iff in Hiv as [c [<- Hc]]. apply filter_In in Hc as [Hc Hf].
    cbn [range fst snd] in Hx.
    unfold rank_is in Hf. apply andb_true_iff in Hf as [G R].
    apply negb_true_iff in G. apply Z.eqb_eq in R.
    replace r with (Z.to_nat (c_rank c)) by (rewrite R; apply Nat2Z.id).
    exact (in_cells_of c p Hc G Hx).
Qed.

(** [SlabReach]'s [Hstrip_cell]: the strip lies in the cells of its rank. *)
Theorem check_strip_cell : forall p, rq (s_slo P) <= p <= rq (s_shi P) ->
  in_cells cs (s_rs P) p.
Proof.
  destruct piece_parts as (_ & _ & _ & _ & Pslo & Pshi & _ & _ & _ & _ & _ & _ & S & _).
  exact (rank_range _ _ _ Pslo Pshi S).
Qed.

(** [SlabReach]'s [Hesc_cell]: cell 0's range lies in the cells of its rank. *)
Theorem check_esc_cell : forall p, rq (s_lo P) <= p <= rq (s_ehi P) ->
  in_cells cs (s_r0 P) p.
Proof.
  destruct piece_parts as (_ & _ & Plo & _ & _ & _ & Pehi & _ & _ & _ & _ & _ & _ & E).
  exact (rank_range _ _ _ Plo Pehi E).
Qed.

End Sound.
