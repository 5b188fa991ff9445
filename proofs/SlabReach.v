(** * The slab graph's acyclicity, as Coq uses it: every orbit of the slab reaches the goal

    In the coordinates p = xy, d = (x - y)^2 the product step is (p, d) |-> (p', d') with
    p' = [prod_p] (52) and d' = [prod_d] (50). A slab {lo <= p <= hi, d >= 0, W <= omega}
    (W = [prod_w]) is cut into cells; the goal is the cells of the targets (P3.orbit-global)
    or of the near range (P3.orbit-near). The transition graph of the other cells, with the
    strip's cells merged into one node, has no cycle but the strip's loop and cell 0's loop
    (checker conditions 4 and 6); the generated files give it as ranks: [cell r p] says that p
    lies in a cell of rank r, and every step from a cell of rank r lands in the goal, or in a
    cell of smaller rank, or stays in the strip, or stays in cell 0.

    [slab_reach] proves from these facts (which the generated files prove cell by cell) that
    every orbit of the slab reaches the goal, or lands on p = 1 (where it stays: the line
    xy = 1, the exceptional set), or is the origin p = d = 0. The strip's loop ends because
    the strip repels from p = 1 by a factor lambda > 1 ([OrbitClaims.strip_repels]); cell
    0's loop ends because p grows there by a factor gamma > 1 ([OrbitClaims.cell0_grows]). *)

From Coq Require Import Reals Lra Lia Classical Arith.
From Twostep Require Import Model OrbitClaims ProductClaims.
Open Scope R_scope.

(** One product step in (p, d). *)
Definition pd_step (K : R) (z : R * R) : R * R :=
  (prod_p K (fst z) (snd z), prod_d K (fst z) (snd z)).

(** n product steps in (p, d). *)
Fixpoint pd_orbit (K : R) (n : nat) (z : R * R) : R * R :=
  match n with
  | O => z
  | S n => pd_orbit K n (pd_step K z)
  end.

Lemma pd_orbit_S K n z : pd_orbit K (S n) z = pd_step K (pd_orbit K n z).
Proof.
  revert z. induction n as [| n IH]; intros z; [reflexivity |].
  change (pd_orbit K (S (S n)) z) with (pd_orbit K (S n) (pd_step K z)).
  rewrite IH. reflexivity.
Qed.

(** The (p, d) orbit is the product orbit of (13) seen through p = xy, d = (x - y)^2. *)
Lemma pd_orbit_xy K n x y :
  pd_orbit K n (x * y, (x - y) ^ 2)
  = (fst (prod_orbit n K x y) * snd (prod_orbit n K x y),
     (fst (prod_orbit n K x y) - snd (prod_orbit n K x y)) ^ 2).
Proof.
  revert x y. induction n as [| n IH]; intros x y; [reflexivity |].
  change (pd_orbit K (S n) (x * y, (x - y) ^ 2))
    with (pd_orbit K n (pd_step K (x * y, (x - y) ^ 2))).
  change (prod_orbit (S n) K x y) with (prod_orbit n K (prod_x K x y) (prod_y K x y)).
  rewrite <- IH. f_equal. unfold pd_step. cbn [fst snd]. f_equal.
  - rewrite prod_product. reflexivity.
  - unfold prod_d, prod_x, prod_y. ring.
Qed.

Lemma pd_orbit_add K m n z : pd_orbit K (m + n) z = pd_orbit K n (pd_orbit K m z).
Proof. revert z. induction m as [| m IH]; intros z; [reflexivity | apply IH]. Qed.

(** A sequence with q (t + 1) >= c q t, c > 1, q 0 > 0, is not bounded. *)
Lemma grows_unbounded (q : nat -> R) c s :
  1 < c -> 0 < q 0%nat -> (forall t, c * q t <= q (S t)) -> (forall t, q t <= s) -> False.
Proof.
  intros Hc Hq0 Hstep Hs.
  assert (Hgrow : forall t, c ^ t * q 0%nat <= q t).
  { induction t as [| t IH].
    - simpl. lra.
    - simpl. specialize (Hstep t).
      assert (0 < c) by lra.
      nra. }
  destruct (Pow_x_infinity c ltac:(rewrite Rabs_right; lra) ((s + 1) / q 0%nat)) as [N HN].
  specialize (HN N (le_n N)).
  rewrite Rabs_right in HN by (apply Rle_ge, pow_le; lra).
  pose proof (Hgrow N) as Hg. pose proof (Hs N) as Hsn.
  apply (Rmult_ge_compat_r (q 0%nat)) in HN; [| lra].
  unfold Rdiv in HN. rewrite Rmult_assoc, Rinv_l in HN by lra.
  lra.
Qed.

(** One step from a point of the slab {lo <= p, d >= 0, W <= omega} with
    2 - K^2 (p - 1)^2 >= 0 and p' in [lo, hi] stays in it (W does not grow). *)
Lemma slab_step K omega lo hi p d :
  0 <= lo -> lo <= p -> 0 <= d -> prod_w p d <= omega -> 0 <= 2 - (K * (p - 1)) ^ 2 ->
  lo <= prod_p K p d <= hi ->
  lo <= prod_p K p d <= hi /\ 0 <= prod_d K p d /\ prod_w (prod_p K p d) (prod_d K p d) <= omega.
Proof.
  intros Hlo Hp Hd Hw H2 Hr. split; [exact Hr | split].
  - unfold prod_d. apply Rmult_le_pos; [lra | apply pow2_ge_0].
  - assert (0 <= prod_w p d) by (unfold prod_w; apply Rmult_le_pos; lra).
    pose proof (w_decay_margin K p d 0 H ltac:(lra) ltac:(lra)) as E.
    replace (prod_w p d * (1 - K ^ 2 * 0 * (p - 1) ^ 2)) with (prod_w p d) in E by ring.
    lra.
Qed.

(** A slab whose every point steps to p' in [lo, hi] with 2 - K^2 (p - 1)^2 >= 0 is mapped
    into itself (W does not grow): every orbit stays in it. *)
Lemma slab_orbit K omega lo hi :
  0 <= lo ->
  (forall p d, lo <= p <= hi -> 0 <= d -> prod_w p d <= omega ->
     0 <= 2 - (K * (p - 1)) ^ 2 /\ lo <= prod_p K p d <= hi) ->
  forall n z, lo <= fst z <= hi /\ 0 <= snd z /\ prod_w (fst z) (snd z) <= omega ->
  let w := pd_orbit K n z in lo <= fst w <= hi /\ 0 <= snd w /\ prod_w (fst w) (snd w) <= omega.
Proof.
  intros Hlo Hinv n. induction n as [| n IH]; intros z Hz; [exact Hz |].
  apply IH. destruct z as [p d]. destruct Hz as [Hp [Hd Hw]]. cbn [fst snd] in *.
  destruct (Hinv p d Hp Hd Hw) as [H2 Hr].
  unfold pd_step. cbn [fst snd]. apply (slab_step K omega lo hi); lra || assumption.
Qed.

Section Reach.

Variables (K omega lo hi : R).
(** The goal: the targets, or the near range. *)
Variable goal : R -> Prop.
(** [cell r p]: p lies in a cell of rank r outside the goal. *)
Variable cell : nat -> R -> Prop.
(** The strip [slo, shi] (its cells have rank rs; an empty range when there is none),
    repelling by the factor lambda. *)
Variables (rs : nat) (slo shi lambda : R).
(** Cell 0, [lo, ehi] (rank r0; an empty range when it has no loop), where p grows by the
    factor gamma. *)
Variables (r0 : nat) (ehi gamma : R).

Definition in_slab (z : R * R) : Prop :=
  lo <= fst z <= hi /\ 0 <= snd z /\ prod_w (fst z) (snd z) <= omega.

(** Where the orbits end: the goal, the line p = 1, or the origin. *)
Definition reached (z : R * R) : Prop :=
  goal (fst z) \/ fst z = 1 \/ (fst z = 0 /\ snd z = 0).

Hypothesis HK : 0 < K.
Hypothesis Hlo : 0 <= lo.
Hypothesis Hstep : forall r p d, in_slab (p, d) -> cell r p ->
  lo <= prod_p K p d <= hi /\ 0 <= 2 - (K * (p - 1)) ^ 2 /\
  (goal (prod_p K p d)
   \/ (exists r', (r' < r)%nat /\ cell r' (prod_p K p d))
   \/ (r = rs /\ slo <= p <= shi /\ slo <= prod_p K p d <= shi)
   \/ (r = r0 /\ lo <= p <= ehi /\ lo <= prod_p K p d <= ehi)).
Hypothesis Hcover : forall p, lo <= p <= hi -> goal p \/ exists r, cell r p.
Hypothesis Hlambda : 1 < lambda.
Hypothesis Hstrip : forall p d, in_slab (p, d) -> slo <= p <= shi -> prod_m K p d <= - lambda.
Hypothesis Hstrip_cell : forall p, slo <= p <= shi -> cell rs p.
Hypothesis Hgamma : 1 < gamma.
Hypothesis Hesc : forall p, lo <= p <= ehi -> gamma <= (1 - K * (p - 1)) ^ 2.
Hypothesis Hesc_cell : forall p, lo <= p <= ehi -> cell r0 p.
Hypothesis Hehi : ehi <= 1.
Hypothesis Hapart : ehi < slo.

(** A step from a cell stays in the slab (W does not grow). *)
Lemma step_slab r z : in_slab z -> cell r (fst z) -> in_slab (pd_step K z).
Proof.
  destruct z as [p d]. intros Hz Hc.
  destruct (Hstep r p d Hz Hc) as [Hp [Hw _]].
  destruct Hz as [Hz [Hd HW]]. unfold in_slab, pd_step. cbn [fst snd] in *.
  apply (slab_step K omega lo hi); lra || assumption.
Qed.

Lemma abs_in_range q : slo <= q <= shi -> Rabs (q - 1) <= Rabs (slo - 1) + Rabs (shi - 1).
Proof.
  intros Hq.
  pose proof (Rle_abs (shi - 1)). pose proof (Rle_abs (1 - slo)).
  rewrite <- Rabs_Ropp in H0. replace (- (1 - slo)) with (slo - 1) in H0 by ring.
  pose proof (Rabs_pos (slo - 1)). pose proof (Rabs_pos (shi - 1)).
  destruct (Rle_lt_dec 1 q).
  - rewrite Rabs_right by lra. lra.
  - rewrite Rabs_left by lra. lra.
Qed.

(** An orbit that starts in a range R and does not stay there for ever has a last step in
    R: its steps 0..t are in R (and in the slab, each from a cell of rank r), step t + 1 is not. *)
Lemma leaves_range (R : R -> Prop) r z :
  in_slab z -> R (fst z) ->
  (forall p, R p -> cell r p) ->
  ~ (forall u, in_slab (pd_orbit K u z) /\ R (fst (pd_orbit K u z))) ->
  exists t, in_slab (pd_orbit K t z) /\ R (fst (pd_orbit K t z))
            /\ ~ R (fst (pd_orbit K (S t) z)).
Proof.
  intros Hz HR Hcell Hnot.
  apply NNPP. intros Hno. apply Hnot.
  induction u as [| u [IHs IHR]]; [split; assumption |].
  rewrite pd_orbit_S. split.
  - apply (step_slab r); [exact IHs | apply Hcell, IHR].
  - apply NNPP. intros HnR. apply Hno. exists u.
    rewrite pd_orbit_S. tauto.
Qed.

(** The strip is left, unless the orbit starts on p = 1. *)
Lemma strip_not_forever z :
  fst z <> 1 ->
  ~ (forall u, in_slab (pd_orbit K u z) /\ slo <= fst (pd_orbit K u z) <= shi).
Proof.
  intros H1 Hall.
  apply H1.
  apply (repelled_forever_lands (fun t => fst (pd_orbit K t z)) lambda
           (Rabs (slo - 1) + Rabs (shi - 1)) Hlambda).
  - intros t. rewrite pd_orbit_S.
    destruct (Hall t) as [Hs Hr].
    destruct (pd_orbit K t z) as [p d]. cbn [fst snd pd_step] in *.
    apply strip_repels; [lra | apply Hstrip; assumption].
  - intros t. apply abs_in_range, Hall.
Qed.

(** Cell 0 is left, unless the orbit starts on p = 0. *)
Lemma cell0_not_forever z :
  0 < fst z ->
  ~ (forall u, in_slab (pd_orbit K u z) /\ lo <= fst (pd_orbit K u z) <= ehi).
Proof.
  intros H0 Hall.
  apply (grows_unbounded (fun t => fst (pd_orbit K t z)) gamma ehi Hgamma H0).
  - intros t. rewrite pd_orbit_S.
    destruct (Hall t) as [Hs Hr].
    destruct (pd_orbit K t z) as [p d]. destruct Hs as [Hp [Hd _]]. cbn [fst snd pd_step] in *.
    pose proof (cell0_grows K p d ltac:(lra) Hd ltac:(lra)).
    pose proof (Hesc p Hr). nra.
  - intros t. apply Hall.
Qed.

(** From a cell of rank r the orbit reaches the goal, p = 1 or the origin. *)
Lemma reach_rank : forall r z, in_slab z -> cell r (fst z) -> exists n, reached (pd_orbit K n z).
Proof.
  intros r. induction r as [r IH] using lt_wf_ind. intros z Hz Hc.
  (* The last step in a loop range R of rank r leads to the goal or a smaller rank. *)
  assert (Exit : forall w (Rg : R -> Prop), in_slab w -> Rg (fst w) ->
            (forall p, Rg p -> cell r p) ->
            ~ (forall u, in_slab (pd_orbit K u w) /\ Rg (fst (pd_orbit K u w))) ->
            (forall p q, Rg p -> (r = rs /\ slo <= p <= shi /\ slo <= q <= shi)
                                 \/ (r = r0 /\ lo <= p <= ehi /\ lo <= q <= ehi) -> Rg q) ->
            exists n, reached (pd_orbit K n w)).
  { intros w Rg Hw HR Hcell Hnot Hloop.
    destruct (leaves_range Rg r w Hw HR Hcell Hnot) as [t [Ht [HRt HnR]]].
    rewrite pd_orbit_S in HnR.
    pose proof (step_slab r _ Ht (Hcell _ HRt)) as Hs'.
    destruct (pd_orbit K t w) as [p d] eqn:E. cbn [fst snd pd_step] in *.
    destruct (Hstep r p d Ht (Hcell _ HRt)) as [_ [_ [Hg | [[r' [Hr' Hc']] | Hl]]]].
    - exists (S t). rewrite pd_orbit_S, E. left. exact Hg.
    - destruct (IH r' Hr' _ Hs' Hc') as [n Hn].
      exists (S t + n)%nat. rewrite pd_orbit_add, pd_orbit_S, E. exact Hn.
    - exfalso. apply HnR. apply (Hloop p). exact HRt. tauto. }
  destruct z as [p d]. cbn [fst snd] in Hc.
  pose proof (step_slab r _ Hz Hc) as Hs'.
  destruct (Hstep r p d Hz Hc) as [_ [_ [Hg | [[r' [Hr' Hc']] | [Hs | He]]]]].
  - exists 1%nat. left. exact Hg.
  - destruct (IH r' Hr' _ Hs' Hc') as [n Hn].
    exists (S n). exact Hn.
  - (* The strip's loop. *)
    destruct (Req_dec p 1) as [E1 | E1].
    + exists 0%nat. right. left. exact E1.
    + destruct Hs as [Hr [Hp _]]. subst r.
      apply (Exit (p, d) (fun q => slo <= q <= shi)); auto.
      * apply strip_not_forever. exact E1.
      * intros a b Ha [[_ [_ Hb]] | [_ [Ha2 _]]]; [exact Hb | lra].
  - (* Cell 0's loop. *)
    destruct He as [Hr [Hp Hp']]. subst r.
    assert (Esc : forall w, in_slab w -> lo <= fst w <= ehi -> 0 < fst w ->
                    exists n, reached (pd_orbit K n w)).
    { intros w Hw Hwr Hw0.
      apply (Exit w (fun q => lo <= q <= ehi)); auto.
      - apply cell0_not_forever. exact Hw0.
      - intros a b Ha [[_ [Ha' _]] | [_ [_ Hb]]]; [lra | exact Hb]. }
    destruct (Rlt_le_dec 0 p) as [P0 | P0].
    + apply (Esc (p, d)); auto.
    + assert (Ep : p = 0) by (destruct Hz as [Hz _]; cbn [fst snd] in Hz; lra).
      destruct Hz as [_ [Hd _]]; cbn [fst snd] in Hd.
      destruct (Req_dec d 0) as [Ed | Ed].
      * exists 0%nat. right. right. split; assumption.
      * assert (Hq : prod_p K p d = K * d) by (subst p; unfold prod_p; ring).
        destruct (Esc (pd_step K (p, d)) Hs') as [n Hn].
        -- cbn [fst snd pd_step]. lra.
        -- cbn [fst snd pd_step]. rewrite Hq. apply Rmult_lt_0_compat; lra.
        -- exists (S n). exact Hn.
Qed.

(** Every orbit of the slab reaches the goal, lands on p = 1, or is the origin. *)
Theorem slab_reach : forall z, in_slab z -> exists n, reached (pd_orbit K n z).
Proof.
  intros z Hz.
  destruct (Hcover (fst z) (proj1 Hz)) as [Hg | [r Hc]].
  - exists 0%nat. left. exact Hg.
  - apply (reach_rank r z Hz Hc).
Qed.

(** The same for the product map (13) itself: every orbit whose (xy, (x - y)^2) lies in the
    slab reaches xy in the goal, lands on xy = 1, or is the origin. *)
Theorem slab_reach_xy : forall x y, in_slab (x * y, (x - y) ^ 2) ->
  exists n, goal (fst (prod_orbit n K x y) * snd (prod_orbit n K x y))
            \/ fst (prod_orbit n K x y) * snd (prod_orbit n K x y) = 1
            \/ (fst (prod_orbit n K x y) = 0 /\ snd (prod_orbit n K x y) = 0).
Proof.
  intros x y Hz. destruct (slab_reach _ Hz) as [n Hn]. exists n.
  rewrite pd_orbit_xy in Hn. unfold reached in Hn.
  destruct (prod_orbit n K x y) as [a b]. cbn [fst snd] in *.
  destruct Hn as [H | [H | [H1 H2]]]; [left; exact H | right; left; exact H | right; right].
  assert (E : a = b) by nra. subst b.
  assert (a = 0) by nra. split; assumption.
Qed.

End Reach.
