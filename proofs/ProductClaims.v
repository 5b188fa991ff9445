(** * Lemma 2 (L2.positive) from its region conditions, over the whole domain

    What is proved here, for every K, x, y (no sampling): the identities of the map (13)
    that the positivity argument uses (proofs/product.md), the one-step fact
    [step_stays_positive], and [positive_forever]: if the region conditions of the
    certificate's obligation L2.positive/region hold at every point of
    R = {plo <= p <= P, 0 <= d, d (d + 4p) <= c} of a K row, then every start with
    x, y > 0 in R stays in R with x_t, y_t > 0 for every t.

    The hypothesis [region_conditions] of [positive_forever] is what the cells of a row
    establish. [positive_from_region] (at the end) takes the region obligation over a K
    range, [positive_region_on lo hi], and gives L2.positive over it,
    [positive_forever_on lo hi]. The generated Lemma2_L2_positive_region.v proves
    [positive_region_on] from the cells for the rows it generates in full (the cells of a
    row joined by the case splits of its split code, the rows by a case split on K), and
    then [L2_positive_from_cells : positive_forever_on lo hi]: over K in [1, 1.49] with every
    row (`make coq`), over K in [1, 1.02] in CI (row 0, 3 881 cells). T3.balance is derived
    from its region in BalanceClaims.v. *)

From Coq Require Import Reals Lra.
From Twostep Require Import Model.
Open Scope R_scope.

(** (13): x' + y' = (x + y)(1 - K(xy - 1)). *)
Lemma prod_sum K x y : prod_x K x y + prod_y K x y = (x + y) * (1 - K * (x * y - 1)).
Proof. unfold prod_x, prod_y. ring. Qed.

(** (52): x' y' = p'(xy, (x - y)^2). *)
Lemma prod_product K x y : prod_x K x y * prod_y K x y = prod_p K (x * y) ((x - y) ^ 2).
Proof. unfold prod_x, prod_y, prod_p. ring. Qed.

(** W' = W (1 - K^2 (xy - 1)^2)^2, W = (x^2 - y^2)^2 = d (d + 4p). *)
Lemma prod_w_step K x y :
  prod_w (prod_x K x y * prod_y K x y) ((prod_x K x y - prod_y K x y) ^ 2)
  = prod_w (x * y) ((x - y) ^ 2) * (1 - K ^ 2 * (x * y - 1) ^ 2) ^ 2.
Proof. unfold prod_w, prod_x, prod_y. ring. Qed.

(** One step: from x, y > 0 with K^2 (p - 1)^2 <= 2, 1 - K (p - 1) > 0 and p' > 0, the
    next point has x', y' > 0 and W' <= W. *)
Theorem step_stays_positive K x y :
  0 < x -> 0 < y ->
  0 <= 2 - (K * (x * y - 1)) ^ 2 ->
  0 < 1 - K * (x * y - 1) ->
  0 < prod_p K (x * y) ((x - y) ^ 2) ->
  0 < prod_x K x y /\ 0 < prod_y K x y /\
  prod_w (prod_x K x y * prod_y K x y) ((prod_x K x y - prod_y K x y) ^ 2)
    <= prod_w (x * y) ((x - y) ^ 2).
Proof.
  intros Hx Hy H2 H1 Hp.
  rewrite <- prod_product in Hp.
  assert (Hs : 0 < prod_x K x y + prod_y K x y)
    by (rewrite prod_sum; apply Rmult_lt_0_compat; lra).
  rewrite prod_w_step.
  set (a := prod_x K x y) in *. set (b := prod_y K x y) in *.
  assert (Hab : 0 < a /\ 0 < b).
  { destruct (Rlt_or_le 0 a) as [Ha|Ha]; destruct (Rlt_or_le 0 b) as [Hb|Hb];
      [lra | nra | nra | lra]. }
  split; [tauto | split; [tauto |]].
  assert (HW : 0 <= prod_w (x * y) ((x - y) ^ 2)).
  { unfold prod_w. apply Rmult_le_pos; [apply pow2_ge_0 | nra]. }
  assert (Ht : 0 <= K ^ 2 * (x * y - 1) ^ 2 <= 2).
  { replace (K ^ 2 * (x * y - 1) ^ 2) with ((K * (x * y - 1)) ^ 2) by ring.
    split; [apply pow2_ge_0 | lra]. }
  set (t := K ^ 2 * (x * y - 1) ^ 2) in *.
  assert (Htt : 0 <= t * (2 - t)) by (apply Rmult_le_pos; lra).
  assert (Hf : (1 - t) ^ 2 <= 1) by nra.
  set (f := (1 - t) ^ 2) in *.
  set (W := prod_w (x * y) ((x - y) ^ 2)) in *.
  assert (0 <= W * (1 - f)) by (apply Rmult_le_pos; lra).
  lra.
Qed.

(** The orbit of (13): the n-th iterate. *)
Fixpoint prod_orbit (n : nat) (K x y : R) : R * R :=
  match n with O => (x, y) | S m => prod_orbit m K (prod_x K x y) (prod_y K x y) end.

(** The conditions of L2.positive/region at one point (K, p, d) of a row with constants
    c, P, plo (the guard is d (d + 4p) <= c). *)
Definition region_conditions (K c P plo : R) : Prop :=
  forall p d, plo <= p <= P -> 0 <= d -> prod_w p d <= c ->
    0 <= 2 - (K * (p - 1)) ^ 2 /\ 0 < 1 - K * (p - 1) /\
    0 <= P - prod_p K p d /\ 0 <= prod_p K p d - plo /\
    0 <= p * ((1 - K * (p - 1)) ^ 2 - 1 / 1000) - K * (p - 1) * d.

(** L2.positive from the region conditions: positivity for ever, the region invariant. *)
Theorem positive_forever K c P plo :
  region_conditions K c P plo ->
  forall n x y, 0 < x -> 0 < y -> plo <= x * y <= P -> prod_w (x * y) ((x - y) ^ 2) <= c ->
  let '(xn, yn) := prod_orbit n K x y in
  0 < xn /\ 0 < yn /\ plo <= xn * yn <= P /\ prod_w (xn * yn) ((xn - yn) ^ 2) <= c.
Proof.
  intros HR n. induction n as [|n IH]; intros x y Hx Hy Hp HW.
  - cbn [prod_orbit]. lra.
  - cbn [prod_orbit]. apply IH.
    all: destruct (HR (x * y) ((x - y) ^ 2) Hp (pow2_ge_0 _) HW) as (H2 & H1 & HP & Hlo & Hk).
    all: assert (Hpos : 0 < prod_p K (x * y) ((x - y) ^ 2)).
    all: try (assert (Hxy : 0 < x * y) by nra;
              assert (Hq : prod_p K (x * y) ((x - y) ^ 2)
                = (x * y) * ((1 - K * (x * y - 1)) ^ 2 - 1 / 1000) - K * (x * y - 1) * (x - y) ^ 2
                  + x * y / 1000) by (unfold prod_p; field);
              lra).
    all: destruct (step_stays_positive K x y Hx Hy H2 H1 Hpos) as (Ha & Hb & Hw).
    all: try lra.
    rewrite prod_product. lra.
Qed.

(** ** The region obligation over a K range, and L2.positive from it

    [positive_region_on lo hi] is the statement of the certificate's obligation
    L2.positive/region over K in [lo, hi], written here by hand: for every such K there are
    row constants c, P, plo, dcap (with the facts the checker asks of them) such that every
    point of the row box {plo <= p <= P, 0 <= d <= dcap} in the region d (d + 4p) <= c
    satisfies the conditions. The generated file Lemma2_L2_positive_region.v states the same
    proposition from the certificate's statement (and proves it is this one), and, for the
    rows it generates in full, proves it from the cells: every cell is an [interval] lemma,
    the cells of a row are joined by the case splits of the row's split code, and the rows
    by a case split on K. [positive_from_region] turns it into L2.positive over [lo, hi]. *)
Definition positive_region_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  exists c P plo dcap,
  (0 < c /\ 0 <= plo /\ plo <= 1 /\ 1 <= P /\ 0 <= dcap /\ c <= dcap ^ 2) /\
  forall p d, plo <= p <= P -> 0 <= d <= dcap ->
  0 <= c - prod_w p d ->
    0 <= 2 - (K * (p - 1)) ^ 2 /\ 0 < 1 - K * (p - 1) /\
    0 <= P - prod_p K p d /\ 0 <= prod_p K p d - plo /\
    0 <= p * ((1 - K * (p - 1)) ^ 2 - 1 / 1000) - K * (p - 1) * d.

(** L2.positive over K in [lo, hi]: for every such K, a region {plo <= xy <= P, W <= c} with
    c > 0 from which every positive start stays positive (and in the region) for ever. *)
Definition positive_forever_on (lo hi : R) : Prop :=
  forall K, lo <= K <= hi ->
  exists c P plo, 0 < c /\
  forall n x y, 0 < x -> 0 < y -> plo <= x * y <= P -> prod_w (x * y) ((x - y) ^ 2) <= c ->
  let '(xn, yn) := prod_orbit n K x y in
  0 < xn /\ 0 < yn /\ plo <= xn * yn <= P /\ prod_w (xn * yn) ((xn - yn) ^ 2) <= c.

(** On the region d (d + 4p) <= c with p >= 0, d <= sqrt c <= dcap: the row box holds it. *)
Lemma region_in_box p d c dcap :
  0 <= p -> 0 <= d -> 0 <= dcap -> c <= dcap ^ 2 -> prod_w p d <= c -> d <= dcap.
Proof.
  intros Hp Hd Hc Hcd HW. unfold prod_w in HW.
  destruct (Rle_lt_dec d dcap) as [H|H]; [exact H |].
  exfalso. assert (dcap * dcap < d * d) by (apply Rmult_le_0_lt_compat; lra). nra.
Qed.

Theorem positive_from_region lo hi : positive_region_on lo hi -> positive_forever_on lo hi.
Proof.
  intros HR K HK.
  destruct (HR K HK) as (c & P & plo & dcap & (Hc & Hplo & Hplo1 & HP & Hdcap & Hcd) & Hcells).
  exists c, P, plo. split; [exact Hc |].
  apply positive_forever.
  intros p d Hp Hd HW.
  apply Hcells; [exact Hp | split; [exact Hd |] | lra].
  apply (region_in_box p d c dcap); lra.
Qed.
