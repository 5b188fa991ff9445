(** * Theorem 3 (T3.balance) from its region conditions

    What is proved here, for every K, x, y (no sampling): the one- and two-step factors of
    |x - y| (proofs/product.md, T3.balance), and [balance_from_region]: if the region
    obligation T3.balance/region holds over a K range ([balance_region_on lo hi], the
    certificate's statement written by hand), then along every orbit from a positive start
    in the region of its K row, x and y stay positive; a step from xy <= 1 does not increase
    |x - y|; and a step from xy > 1 lands at xy < 1, and the two steps from there multiply
    |x - y| by at most max(1 - K^2 kappa (xy - 1)^2, 1 - beta) < 1 ([balance_on]).

    This is what the certificate proves of T3.balance: |x - y| decreases strictly along the
    steps with xy > 1. That it tends to 0 needs the products there not to tend to 1, which
    the certificate does not prove (T3.exception shows it can fail; proofs/product.md).

    The generated Theorem3_T3_balance_region.v states the same proposition as
    [balance_region_on] (and proves the two are one); for the rows it generates in full
    (`make coq`: every row) it proves it from the cells, and then
    [T3_balance_from_cells : balance_on lo hi]. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model ProductClaims.
Open Scope R_scope.

(** T3.balance/region over K in [lo, hi]: row constants and, at every point of the row box
    in the region d (d + 4p) <= c, the positivity and balancing conditions. *)
Definition balance_region_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  exists c P plo dcap kappa beta,
  (0 < c /\ 0 <= plo /\ plo <= 1 /\ 1 <= P /\ 0 <= dcap /\ c <= dcap ^ 2 /\ 0 < kappa /\ 0 < beta) /\
  forall p d, plo <= p <= P -> 0 <= d <= dcap ->
  0 <= c - prod_w p d ->
    0 <= 2 - (K * (p - 1)) ^ 2 /\ 0 < 1 - K * (p - 1) /\
    0 <= P - prod_p K p d /\ 0 <= prod_p K p d - plo /\
    0 <= p * ((1 - K * (p - 1)) ^ 2 - 1 / 1000) - K * (p - 1) * d /\
    (0 <= p - 1 -> 0 <= prod_z K p d - kappa) /\
    (0 <= p - 1 -> 0 <= (1 + K * (p - 1)) * (1 + K * (prod_p K p d - 1)) + 1 - beta) /\
    (0 <= p - 1 -> 0 < - prod_m K p d) /\
    (0 <= 1 - p -> 0 <= 2 - K * (1 - p)).

(** T3.balance over K in [lo, hi] (K >= 1), along the orbit. *)
Definition balance_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi -> 1 <= K ->
  exists c P plo kappa beta, 0 < c /\ 0 < kappa /\ 0 < beta /\
  forall n x y, 0 < x -> 0 < y -> plo <= x * y <= P -> prod_w (x * y) ((x - y) ^ 2) <= c ->
  let '(u, v) := prod_orbit n K x y in
  0 < u /\ 0 < v /\
  (u * v <= 1 -> Rabs (prod_x K u v - prod_y K u v) <= Rabs (u - v)) /\
  (1 < u * v ->
     prod_x K u v * prod_y K u v < 1 /\
     Rabs (prod_x K (prod_x K u v) (prod_y K u v) - prod_y K (prod_x K u v) (prod_y K u v))
       <= Rmax (1 - K ^ 2 * kappa * (u * v - 1) ^ 2) (1 - beta) * Rabs (u - v)).

(** (50): x' - y' = (x - y)(1 + K(xy - 1)). *)
Lemma diff_step K x y : prod_x K x y - prod_y K x y = (x - y) * (1 + K * (x * y - 1)).
Proof. unfold prod_x, prod_y. ring. Qed.

(** Appendix G: p' - 1 = (p - 1) m. *)
Lemma next_below_one K p d : prod_p K p d - 1 = (p - 1) * prod_m K p d.
Proof. unfold prod_p, prod_m. ring. Qed.

(** Appendix G: the two-step factor A B - 1 = K e (2 - 2K - K d) - K^2 e^2 Z, e = p - 1. *)
Lemma two_step_factor K p d :
  (1 + K * (p - 1)) * (1 + K * (prod_p K p d - 1)) - 1
  = K * (p - 1) * (2 - 2 * K - K * d) - K ^ 2 * (p - 1) ^ 2 * prod_z K p d.
Proof. unfold prod_p, prod_z. ring. Qed.

(** |a b| <= |a| when |b| <= 1, and |a b| <= m |a| when |b| <= m. *)
Lemma abs_scaled a b m : Rabs b <= m -> Rabs (a * b) <= m * Rabs a.
Proof.
  intros H. rewrite Rabs_mult, Rmult_comm.
  apply Rmult_le_compat_r; [apply Rabs_pos | exact H].
Qed.

Theorem balance_from_region lo hi : balance_region_on lo hi -> balance_on lo hi.
Proof.
  intros HR K HK HK1.
  destruct (HR K HK) as (c & P & plo & dcap & kappa & beta &
    (Hc & Hplo & Hplo1 & HP & Hdcap & Hcd & Hka & Hbe) & Hcells).
  exists c, P, plo, kappa, beta. split; [exact Hc |]. split; [exact Hka |]. split; [exact Hbe |].
  assert (Hat : forall p d, plo <= p <= P -> 0 <= d -> prod_w p d <= c ->
            0 <= d <= dcap /\ 0 <= c - prod_w p d).
  { intros p d Hp Hd HW. split; [split; [exact Hd |] | lra].
    apply (region_in_box p d c dcap); lra. }
  assert (HRc : region_conditions K c P plo).
  { intros p d Hp Hd HW. destruct (Hat p d Hp Hd HW) as [Hb Hg].
    destruct (Hcells p d Hp Hb Hg) as (A1 & A2 & A3 & A4 & A5 & _). tauto. }
  intros n x y Hx Hy Hp HW.
  pose proof (positive_forever K c P plo HRc n x y Hx Hy Hp HW) as Hn.
  destruct (prod_orbit n K x y) as [u v].
  destruct Hn as (Hu & Hv & Huv & HWu).
  destruct (Hat (u * v) ((u - v) ^ 2) Huv (pow2_ge_0 _) HWu) as [Hb Hg].
  destruct (Hcells (u * v) ((u - v) ^ 2) Huv Hb Hg)
    as (C1 & C2 & C3 & C4 & C5 & Cz & Cab & Cm & Cle).
  split; [exact Hu |]. split; [exact Hv |]. split.
  - intros Hle. rewrite diff_step.
    rewrite <- (Rmult_1_l (Rabs (u - v))).
    apply abs_scaled. apply Rabs_le.
    specialize (Cle ltac:(lra)).
    assert (0 <= K * (1 - u * v)) by (apply Rmult_le_pos; lra).
    split; lra.
  - intros Hgt.
    specialize (Cz ltac:(lra)). specialize (Cab ltac:(lra)). specialize (Cm ltac:(lra)).
    rewrite prod_product.
    split.
    + pose proof (next_below_one K (u * v) ((u - v) ^ 2)) as Hn1.
      assert (0 < (u * v - 1) * - prod_m K (u * v) ((u - v) ^ 2)) by (apply Rmult_lt_0_compat; lra).
      lra.
    + rewrite diff_step, prod_product, diff_step, Rmult_assoc.
      apply abs_scaled. apply Rabs_le.
      pose proof (two_step_factor K (u * v) ((u - v) ^ 2)) as Hf.
      assert (He : 0 <= u * v - 1) by lra.
      set (e := u * v - 1) in *. set (d := (u - v) ^ 2) in *.
      set (A := 1 + K * e) in *.
      set (B := 1 + K * (prod_p K (u * v) d - 1)) in *.
      assert (Hd : 0 <= d) by apply pow2_ge_0.
      assert (H1 : K * e * (2 - 2 * K - K * d) <= 0).
      { assert (0 <= K * e) by (apply Rmult_le_pos; lra).
        assert (2 - 2 * K - K * d <= 0) by nra. nra. }
      assert (H2 : K ^ 2 * e ^ 2 * kappa <= K ^ 2 * e ^ 2 * prod_z K (u * v) d).
      { apply Rmult_le_compat_l; [apply Rmult_le_pos; apply pow2_ge_0 | lra]. }
      split.
      * assert (- (A * B) <= 1 - beta) by lra.
        assert (1 - beta <= Rmax (1 - K ^ 2 * kappa * e ^ 2) (1 - beta)) by apply Rmax_r.
        lra.
      * assert (A * B <= 1 - K ^ 2 * kappa * e ^ 2) by nra.
        assert (1 - K ^ 2 * kappa * e ^ 2 <= Rmax (1 - K ^ 2 * kappa * e ^ 2) (1 - beta))
          by apply Rmax_l.
        lra.
Qed.
