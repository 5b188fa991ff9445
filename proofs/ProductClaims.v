(** * Lemma 2 (L2.positive) from its region conditions, over the whole domain

    What is proved here, for every K, x, y (no sampling): the identities of the map (13)
    that the positivity argument uses (proofs/product.md), the one-step fact
    [step_stays_positive], and [positive_forever]: if the region conditions of the
    certificate's obligation L2.positive/region hold at every point of
    R = {plo <= p <= P, 0 <= d, d (d + 4p) <= c} of a K row, then every start with
    x, y > 0 in R stays in R with x_t, y_t > 0 for every t.

    The gap: the hypothesis [region_conditions] of [positive_forever] is what the cells of
    the row establish, and the generated files prove it only cell by cell, for the cells
    generated (all of them without --sample, a fixed sample with it); no Coq lemma joins
    the cells of a row into [region_conditions] (the cells tile the row box by the split
    code, which the Rust checker rebuilds, not Coq), and no Coq lemma joins the rows into
    the K domain. The balancing conditions of T3.balance are not derived in Coq either. *)

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
