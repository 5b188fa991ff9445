(** * P3.orbit-global's region part: an orbit of the region lands on xy = 1 or enters the slab

    Steps 1-3 of the derivation in proofs/product.md. A K row of P3.orbit-global/region has
    constants plo, P, c, dcap, mu, lambda, s and proves, at every point of
    R = {plo <= p <= P, 0 <= d <= dcap, W <= c} (W = [prod_w] p d = d (d + 4p)):
    p' in [plo, P] (R is mapped into itself), the margin 2 - K^2 (p - 1)^2 >= mu > 0 (so
    W' <= W (1 - K^2 mu (p - 1)^2), [OrbitClaims.w_decay_margin]) and, where |p - 1| <= s,
    m <= -lambda < -1 (the strip around p = 1 repels, [OrbitClaims.strip_repels]).

    [region_enters] proves from these facts that every orbit of R either lands on p = 1 or
    reaches W <= omega, for any omega > 0: if neither happens, the orbit leaves the strip
    again and again (a point of the strip off p = 1 is pushed out,
    [OrbitClaims.repelled_forever_lands]), and each step outside the strip lowers W by at
    least K^2 mu s^2 omega, which W >= 0 cannot afford for ever. [region_orbit_ends] joins
    this with a slab piece's theorem: a slab {lo <= p <= hi, W <= omega} with
    [lo, hi] containing [plo, P] holds the point where W <= omega, so what the slab theorem
    says of its orbits holds of every orbit of R (given that it holds on p = 1). The
    generated file ..._s<j>_region.v of a piece and its row, both in full, applies it to
    the piece's ..._orbit_from_cells. *)

From Coq Require Import Reals Lra Lia Classical Arith ZArith.
From Twostep Require Import Model OrbitClaims SlabReach.
Open Scope R_scope.

(** Some natural number exceeds r (Archimedes). *)
Lemma nat_above r : exists j : nat, r < INR j.
Proof.
  destruct (archimed r) as [H _].
  destruct (Z_lt_le_dec (up r) 0) as [Hn | Hn].
  - exists 0%nat. simpl. apply IZR_lt in Hn. lra.
  - exists (Z.to_nat (up r)). rewrite INR_IZR_INZ, Z2Nat.id by exact Hn. lra.
Qed.

Section Enter.

Variables (K plo P c dcap mu lambda s omega : R).

Hypothesis HK : 0 < K.
Hypothesis Hconst : 0 <= plo /\ 0 <= dcap /\ c <= dcap * dcap /\ 0 < mu /\ 1 < lambda
  /\ 0 < s /\ 0 < omega.
(** What the row's cells prove (a part of the row's conditions). *)
Hypothesis Hcond : forall p d, plo <= p <= P -> 0 <= d <= dcap -> 0 <= c - prod_w p d ->
  0 <= P - prod_p K p d /\ 0 <= prod_p K p d - plo /\ 0 <= 2 - (K * (p - 1)) ^ 2 - mu /\
  (0 <= s ^ 2 - (p - 1) ^ 2 -> 0 <= - prod_m K p d - lambda).

(** The region R of the row. *)
Definition in_region (z : R * R) : Prop :=
  plo <= fst z <= P /\ 0 <= snd z /\ prod_w (fst z) (snd z) <= c.

Let W z := prod_w (fst z) (snd z).

Lemma region_w_nonneg z : in_region z -> 0 <= W z.
Proof.
  destruct Hconst as (H0 & _). intros (Hp & Hd & _). unfold W, prod_w.
  apply Rmult_le_pos; lra.
Qed.

(** One step from R: it stays in R, W shrinks by the margin's factor, and in the strip m is
    at most -lambda. *)
Lemma region_step z : in_region z ->
  in_region (pd_step K z)
  /\ W (pd_step K z) <= W z * (1 - K ^ 2 * mu * (fst z - 1) ^ 2)
  /\ (Rabs (fst z - 1) <= s -> prod_m K (fst z) (snd z) <= - lambda).
Proof.
  intros Hz. pose proof (region_w_nonneg z Hz) as Hw0.
  destruct z as [p d]. destruct Hz as (Hp & Hd & Hw). unfold W in *. cbn [fst snd] in *.
  destruct Hconst as (H0 & H1 & H2 & H3 & H4 & H5 & H6).
  destruct (slab_d_bounds plo p d c dcap ltac:(lra) Hd H1 H2 Hw) as [Hdc _].
  destruct (Hcond p d Hp ltac:(lra) ltac:(lra)) as (A & B & C & D).
  pose proof (w_decay_margin K p d mu Hw0 ltac:(lra) ltac:(lra)) as E.
  assert (Hf : 0 <= K ^ 2 * mu * (p - 1) ^ 2).
  { apply Rmult_le_pos; [apply Rmult_le_pos; [apply pow2_ge_0 | lra] | apply pow2_ge_0]. }
  unfold pd_step. cbn [fst snd].
  split; [| split; [exact E |]].
  - unfold in_region. cbn [fst snd]. split; [split; lra | split].
    + unfold prod_d. apply Rmult_le_pos; [lra | apply pow2_ge_0].
    + assert (0 <= prod_w p d * (K ^ 2 * mu * (p - 1) ^ 2)) by (apply Rmult_le_pos; assumption).
      lra.
  - intros Hs. assert (Hs2 : 0 <= s ^ 2 - (p - 1) ^ 2).
    { pose proof (Rle_abs (p - 1)). pose proof (Rle_abs (- (p - 1))).
      rewrite Rabs_Ropp in *. nra. }
    specialize (D Hs2). lra.
Qed.

Lemma region_orbit n z : in_region z -> in_region (pd_orbit K n z).
Proof.
  intros Hz. induction n as [| n IH]; [exact Hz |].
  rewrite pd_orbit_S. apply (region_step _ IH).
Qed.

Lemma w_nonincreasing z : in_region z -> forall t m, (t <= m)%nat ->
  W (pd_orbit K m z) <= W (pd_orbit K t z).
Proof.
  intros Hz t m Htm. induction Htm as [| m Htm IH]; [lra |].
  rewrite pd_orbit_S.
  pose proof (region_orbit m z Hz) as Hm.
  destruct (region_step _ Hm) as (_ & E & _).
  pose proof (region_w_nonneg _ Hm).
  assert (0 <= K ^ 2 * mu * (fst (pd_orbit K m z) - 1) ^ 2).
  { destruct Hconst as (_ & _ & _ & H3 & _).
    apply Rmult_le_pos; [apply Rmult_le_pos; [apply pow2_ge_0 | lra] | apply pow2_ge_0]. }
  nra.
Qed.

(** Every orbit of R lands on p = 1 or reaches W <= omega. *)
Theorem region_enters z : in_region z ->
  exists n, fst (pd_orbit K n z) = 1 \/ W (pd_orbit K n z) <= omega.
Proof.
  intros Hz. apply NNPP. intros Hno.
  destruct Hconst as (H0 & H1 & H2 & H3 & H4 & H5 & H6).
  set (o t := pd_orbit K t z).
  assert (Hall : forall t, fst (o t) <> 1 /\ omega < W (o t)).
  { intros t. split.
    - intros E. apply Hno. exists t. left. exact E.
    - apply Rnot_le_lt. intros E. apply Hno. exists t. right. exact E. }
  (* The orbit leaves the strip again and again. *)
  assert (Leave : forall t, exists m, (t <= m)%nat /\ s < Rabs (fst (o m) - 1)).
  { intros t. apply NNPP. intros Hin.
    assert (Stay : forall k, Rabs (fst (o (t + k)%nat) - 1) <= s).
    { intros k. apply Rnot_lt_le. intros Hlt. apply Hin. exists (t + k)%nat.
      split; [lia | exact Hlt]. }
    apply (proj1 (Hall t)).
    replace t with (t + 0)%nat at 1 by lia.
    apply (repelled_forever_lands (fun k => fst (o (t + k)%nat)) lambda s H4); [| exact Stay].
    intros k. cbv beta. rewrite Nat.add_succ_r. unfold o. rewrite pd_orbit_S.
    pose proof (region_orbit (t + k) z Hz) as Hr.
    destruct (region_step _ Hr) as (_ & _ & Hm).
    specialize (Hm (Stay k)).
    apply strip_repels; [lra | exact Hm]. }
  (* Each step outside the strip lowers W by delta. *)
  set (delta := K ^ 2 * mu * s ^ 2 * omega).
  assert (Hdelta : 0 < delta).
  { assert (0 < K ^ 2) by (apply pow_lt; lra). assert (0 < s ^ 2) by (apply pow_lt; lra).
    unfold delta. apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |] |];
    lra. }
  assert (Drop : forall m, s < Rabs (fst (o m) - 1) -> W (o (S m)) <= W (o m) - delta).
  { intros m Hs. unfold o. rewrite pd_orbit_S.
    pose proof (region_orbit m z Hz) as Hr.
    destruct (region_step _ Hr) as (_ & E & _).
    pose proof (proj2 (Hall m)) as Hw. fold (o m) in E, Hw, Hr |- *.
    set (e := fst (o m) - 1) in *.
    assert (He : s ^ 2 <= e ^ 2).
    { pose proof (Rle_abs e). pose proof (Rle_abs (- e)). rewrite Rabs_Ropp in *.
      destruct (Rle_lt_dec 0 e); rewrite ?Rabs_right, ?Rabs_left in Hs by lra; nra. }
    assert (HK2 : 0 < K ^ 2 * mu) by (apply Rmult_lt_0_compat; [apply pow_lt |]; lra).
    assert (s ^ 2 * omega <= e ^ 2 * W (o m))
      by (apply Rmult_le_compat; [apply pow2_ge_0 | lra | exact He | lra]).
    assert (K ^ 2 * mu * (s ^ 2 * omega) <= K ^ 2 * mu * (e ^ 2 * W (o m)))
      by (apply Rmult_le_compat_l; lra).
    unfold delta. nra. }
  (* So W falls below W0 - j delta for every j. *)
  assert (Descend : forall j, exists t, W (o t) <= W (o 0%nat) - INR j * delta).
  { induction j as [| j [t Ht]].
    - exists 0%nat. simpl. lra.
    - destruct (Leave t) as [m [Hm Hs]].
      exists (S m). rewrite S_INR.
      pose proof (Drop m Hs).
      pose proof (w_nonincreasing z Hz t m Hm). fold (o t) (o m) in *.
      lra. }
  destruct (nat_above (W (o 0%nat) / delta)) as [j Hj].
  destruct (Descend j) as [t Ht].
  pose proof (region_w_nonneg _ (region_orbit t z Hz)). fold (o t) in *.
  assert (W (o 0%nat) < INR j * delta).
  { apply (Rmult_lt_compat_r delta) in Hj; [| exact Hdelta].
    unfold Rdiv in Hj. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in Hj by lra. lra. }
  lra.
Qed.

(** What a slab theorem says of the orbits of its slab holds of every orbit of R, when the
    slab holds [plo, P] and what it says holds on p = 1. *)
Theorem region_orbit_ends (ends : R * R -> Prop) lo hi :
  lo <= plo -> P <= hi ->
  (forall w, fst w = 1 -> ends w) ->
  (forall z, in_slab omega lo hi z -> exists n, ends (pd_orbit K n z)) ->
  forall z, in_region z -> exists n, ends (pd_orbit K n z).
Proof.
  intros Hlo Hhi Hone Hslab z Hz.
  destruct (region_enters z Hz) as [t [E | E]].
  - exists t. apply Hone, E.
  - destruct (region_orbit t z Hz) as (Hp & Hd & _).
    destruct (Hslab (pd_orbit K t z)) as [n Hn].
    + split; [lra | split; [exact Hd | exact E]].
    + exists (t + n)%nat. rewrite pd_orbit_add. exact Hn.
Qed.

End Enter.

(** A smaller region lies in a larger one. *)
Lemma in_region_mono plo P c plo' P' c' z :
  plo' <= plo -> P <= P' -> c <= c' -> in_region plo P c z -> in_region plo' P' c' z.
Proof. unfold in_region. intros H1 H2 H3 (Hp & Hd & Hw). repeat split; lra. Qed.
