(** * P3.orbit-near inside N: a vanishing perturbation of an increasing map converges

    Step 5 of P3.orbit-near's derivation (proofs/product.md), in the abstract form the near
    range needs. On the side p > 1 of N the even steps of an orbit are
    q_(j+1) = G(q_j) + (q_j - 1) e_j, where G = F o F is increasing (F decreases on N and
    maps N into itself), e_j = d E(q_j, d) tends to 0 with d, and G(p) - p = (p - 1) B(p)
    with B > 0 on [1, r), B(r) = 0, B < 0 on (r, top] (the factorisation of F o F - id,
    r = delta_2^2). [perturbed_converges] proves q_j -> r. The argument: for a small eps,
    B >= b1 > 0 on [1, r - eps] and B <= -b2 < 0 on [r + eps, top] (extreme value theorem,
    [continuity_ab_min]); once |e_j| is small, a point below r - eps climbs by a fixed
    amount and does not jump past r + eps, a point above r + eps falls by a fixed amount and
    does not jump below r - eps, and [r - eps, r + eps] is kept: so the orbit enters that
    interval and stays.

    [near_converges] applies it to the near range: from the facts the near piece's cells
    prove (N mapped into itself from the slab with m < 0, K p - K - 2 < 0, R(p) > 0, p > 0;
    D < 0 on N x N; Q > 0 at N's ends; the factorisation; the strip sign of
    P3.orbit-near/strip; a margin mu and a bound C on E over N x [0, dcap]) every orbit of
    the slab that starts in N lands on p = 1 (it starts there: m < 0 keeps it off p = 1
    otherwise) or converges to the period-2 orbit: W -> 0 by [RegionEnters.region_enters]
    with the strip |p - 1| <= K - 1 and lambda = 1 + (K - 1)/2, so d -> 0; the side of p = 1
    alternates; on the side p > 1 the even steps are q_(j+1) = G(q_j) + (q_j - 1) d E with
    r = delta_2^2 ([delta_order]: delta_1^2 < 1 < delta_2^2 < nhi), and the odd steps
    tend to F(delta_2^2) = delta_1^2 ([F_delta2], from Vieta). The generated near converge
    file proves those facts for every K of the piece, K > 1, and joins this with the
    piece's reach theorem. *)

From Coq Require Import Reals Lra Lia Classical.
From Twostep Require Import Model OrbitClaims SlabReach TargetConverge RegionEnters.
Open Scope R_scope.

Section Perturbed.

Variables (G B : R -> R) (r top : R).

Hypothesis Hr : 1 < r < top.
Hypothesis Hh : forall p, G p - p = (p - 1) * B p.
Hypothesis HBc : forall p, continuity_pt B p.
Hypothesis Hpos : forall p, 1 <= p < r -> 0 < B p.
Hypothesis Hneg : forall p, r < p <= top -> B p < 0.
Hypothesis HBr : B r = 0.
Hypothesis Hmono : forall p q, 1 <= p <= q -> q <= top -> G p <= G q.

Variables (q e : nat -> R).

Hypothesis Hq : forall j, 1 < q j <= top.
Hypothesis Hstep : forall j, q (S j) = G (q j) + (q j - 1) * e j.
Hypothesis He : Un_cv e 0.

Lemma G_fixed : G r = r.
Proof. pose proof (Hh r) as E. rewrite HBr, Rmult_0_r in E. lra. Qed.

(** B >= b1 > 0 on [1, r - eps]. *)
Lemma B_low eps : 0 < eps -> 1 <= r - eps ->
  exists b1, 0 < b1 /\ forall p, 1 <= p <= r - eps -> b1 <= B p.
Proof.
  intros He0 H1.
  destruct (continuity_ab_min B 1 (r - eps) H1 (fun c _ => HBc c)) as [m [Hm Hin]].
  exists (B m). split; [apply Hpos; lra | exact Hm].
Qed.

(** B <= -b2 < 0 on [r + eps, top]. *)
Lemma B_high eps : 0 < eps -> r + eps <= top ->
  exists b2, 0 < b2 /\ forall p, r + eps <= p <= top -> B p <= - b2.
Proof.
  intros He0 H1.
  destruct (continuity_ab_maj B (r + eps) top H1 (fun c _ => HBc c)) as [m [Hm Hin]].
  exists (- B m). split; [assert (B m < 0) by (apply Hneg; lra); lra |].
  intros p Hp. specialize (Hm p Hp). lra.
Qed.

Theorem perturbed_converges : Un_cv q r.
Proof.
  intros eps0 Heps0.
  set (eps := Rmin (eps0 / 2) (Rmin ((r - 1) / 2) ((top - r) / 2))).
  assert (E1 : eps <= eps0 / 2) by apply Rmin_l.
  assert (E2 : eps <= (r - 1) / 2) by (eapply Rle_trans; [apply Rmin_r | apply Rmin_l]).
  assert (E3 : eps <= (top - r) / 2) by (eapply Rle_trans; [apply Rmin_r | apply Rmin_r]).
  assert (E0 : 0 < eps).
  { unfold eps. apply Rmin_glb_lt; [lra | apply Rmin_glb_lt; lra]. }
  destruct (B_low eps E0 ltac:(lra)) as [b1 [Hb1 HB1]].
  destruct (B_high eps E0 ltac:(lra)) as [b2 [Hb2 HB2]].
  set (s := Rmin (b1 / 4) (Rmin (b2 / 4) (eps / (2 * (top - 1))))).
  assert (S1 : s <= b1 / 4) by apply Rmin_l.
  assert (S2 : s <= b2 / 4) by (eapply Rle_trans; [apply Rmin_r | apply Rmin_l]).
  assert (S3 : s <= eps / (2 * (top - 1))) by (eapply Rle_trans; [apply Rmin_r | apply Rmin_r]).
  assert (S0 : 0 < s).
  { unfold s. apply Rmin_glb_lt; [lra | apply Rmin_glb_lt; [lra |]].
    apply Rdiv_lt_0_compat; lra. }
  assert (S3' : (top - 1) * s <= eps / 2).
  { apply (Rmult_le_compat_l (top - 1)) in S3; [| lra].
    replace ((top - 1) * (eps / (2 * (top - 1)))) with (eps / 2) in S3 by (field; lra).
    exact S3. }
  destruct (He s S0) as [J HJ].
  assert (Hs : forall j, (J <= j)%nat -> Rabs (e j) < s).
  { intros j Hj. specialize (HJ j Hj). unfold R_dist in HJ. rewrite Rminus_0_r in HJ.
    exact HJ. }
  (* The step as a move: q (S j) - q j = (q j - 1) (B (q j) + e j). *)
  assert (Move : forall j, q (S j) - q j = (q j - 1) * (B (q j) + e j)).
  { intros j. rewrite Hstep. pose proof (Hh (q j)). nra. }
  assert (Pert : forall j, (J <= j)%nat -> Rabs ((q j - 1) * e j) <= eps / 2).
  { intros j Hj. pose proof (Hq j). pose proof (Hs j Hj).
    rewrite Rabs_mult, Rabs_right by lra.
    assert ((q j - 1) * Rabs (e j) <= (top - 1) * s).
    { apply Rmult_le_compat; try lra. apply Rabs_pos. }
    lra. }
  (* Below r - eps: climb, and land below r + eps. *)
  assert (Below : forall j, (J <= j)%nat -> q j <= r - eps ->
            q j + (q j - 1) * (b1 / 2) <= q (S j) /\ q (S j) < r + eps).
  { intros j Hj Hb. pose proof (Hq j) as Qj. pose proof (Hs j Hj) as Sj.
    pose proof (Rle_abs (e j)). pose proof (Rle_abs (- e j)). rewrite Rabs_Ropp in *.
    split.
    - pose proof (Move j). pose proof (HB1 (q j) ltac:(lra)).
      assert ((q j - 1) * (b1 / 2) <= (q j - 1) * (B (q j) + e j))
        by (apply Rmult_le_compat_l; lra).
      lra.
    - rewrite Hstep. pose proof (Hmono (q j) r ltac:(lra) ltac:(lra)). rewrite G_fixed in *.
      pose proof (Pert j Hj). pose proof (Rle_abs ((q j - 1) * e j)). lra. }
  (* Above r + eps: fall, and land above r - eps. *)
  assert (Above : forall j, (J <= j)%nat -> r + eps <= q j ->
            q (S j) <= q j - eps * (b2 / 2) /\ r - eps < q (S j)).
  { intros j Hj Hb. pose proof (Hq j) as Qj. pose proof (Hs j Hj) as Sj.
    pose proof (Rle_abs (e j)). pose proof (Rle_abs (- e j)). rewrite Rabs_Ropp in *.
    split.
    - pose proof (Move j). pose proof (HB2 (q j) ltac:(lra)).
      assert ((q j - 1) * (B (q j) + e j) <= (q j - 1) * (- (b2 / 2)))
        by (apply Rmult_le_compat_l; lra).
      assert (eps * (b2 / 2) <= (q j - 1) * (b2 / 2)) by (apply Rmult_le_compat_r; lra).
      lra.
    - rewrite Hstep. pose proof (Hmono r (q j) ltac:(lra) ltac:(lra)). rewrite G_fixed in *.
      pose proof (Pert j Hj). pose proof (Rle_abs (- ((q j - 1) * e j))).
      rewrite Rabs_Ropp in *. lra. }
  (* [r - eps, r + eps] is kept. *)
  assert (Keep : forall j, (J <= j)%nat -> r - eps <= q j <= r + eps ->
            r - eps <= q (S j) <= r + eps).
  { intros j Hj Hin. pose proof (Hq j) as Qj. pose proof (Hs j Hj) as Sj.
    pose proof (Rle_abs (e j)). pose proof (Rle_abs (- e j)). rewrite Rabs_Ropp in *.
    rewrite Hstep.
    pose proof (Hmono (r - eps) (q j) ltac:(lra) ltac:(lra)) as Lo.
    pose proof (Hmono (q j) (r + eps) ltac:(lra) ltac:(lra)) as Hi.
    pose proof (Hh (r - eps)) as Hl. pose proof (Hh (r + eps)) as Hu.
    pose proof (HB1 (r - eps) ltac:(lra)) as Bl. pose proof (HB2 (r + eps) ltac:(lra)) as Bu.
    assert (Gl : (r - eps - 1) * b1 <= (r - eps - 1) * B (r - eps))
      by (apply Rmult_le_compat_l; lra).
    assert (Gu : (r + eps - 1) * B (r + eps) <= (r + eps - 1) * (- b2))
      by (apply Rmult_le_compat_l; lra).
    (* |(q j - 1) e j| <= (r + eps - 1) s, and r + eps - 1 <= 3 (r - eps - 1). *)
    assert (P1 : (q j - 1) * e j <= (r + eps - 1) * s).
    { assert ((q j - 1) * e j <= (q j - 1) * s) by (apply Rmult_le_compat_l; lra).
      assert ((q j - 1) * s <= (r + eps - 1) * s) by (apply Rmult_le_compat_r; lra). lra. }
    assert (P2 : - ((r + eps - 1) * s) <= (q j - 1) * e j).
    { assert ((q j - 1) * (- s) <= (q j - 1) * e j) by (apply Rmult_le_compat_l; lra).
      assert ((r + eps - 1) * s >= (q j - 1) * s) by (apply Rmult_ge_compat_r; lra). lra. }
    assert (T1 : (r + eps - 1) * s <= (r + eps - 1) * (b2 / 4))
      by (apply Rmult_le_compat_l; lra).
    assert (T2 : (r + eps - 1) * s <= (3 * (r - eps - 1)) * (b1 / 4)).
    { apply Rmult_le_compat; lra. }
    split; lra. }
  (* The orbit enters [r - eps, r + eps] after J. *)
  assert (Enter : exists j0, (J <= j0)%nat /\ r - eps <= q j0 <= r + eps).
  { apply NNPP. intros Hno.
    assert (Out : forall j, (J <= j)%nat -> q j < r - eps \/ r + eps < q j).
    { intros j Hj. destruct (Rlt_le_dec (q j) (r - eps)) as [H | H]; [left; exact H |].
      destruct (Rlt_le_dec (r + eps) (q j)) as [H' | H']; [right; exact H' |].
      exfalso. apply Hno. exists j. split; [exact Hj | lra]. }
    destruct (Out J (le_n J)) as [L | U].
    - (* Always below, climbing by (q J - 1) b1 / 2 at least. *)
      assert (Stay : forall n, q J <= q (J + n)%nat /\ q (J + n)%nat < r - eps).
      { induction n as [| n [IH1 IH2]].
        - rewrite Nat.add_0_r. lra.
        - rewrite Nat.add_succ_r.
          destruct (Below (J + n)%nat ltac:(lia) ltac:(lra)) as [B1 B2].
          pose proof (Hq (J + n)%nat).
          assert (0 <= (q (J + n)%nat - 1) * (b1 / 2)) by (apply Rmult_le_pos; lra).
          destruct (Out (S (J + n)) ltac:(lia)) as [O | O]; [split; lra | lra]. }
      assert (Climb : forall n, q J + INR n * ((q J - 1) * (b1 / 2)) <= q (J + n)%nat).
      { induction n as [| n IH].
        - rewrite Nat.add_0_r. simpl. lra.
        - rewrite S_INR, Nat.add_succ_r.
          destruct (Stay n) as [Sn1 Sn2].
          destruct (Below (J + n)%nat ltac:(lia) ltac:(lra)) as [B1 _].
          assert ((q J - 1) * (b1 / 2) <= (q (J + n)%nat - 1) * (b1 / 2))
            by (apply Rmult_le_compat_r; lra).
          lra. }
      pose proof (Hq J) as QJ.
      assert (Hc : 0 < (q J - 1) * (b1 / 2)) by (apply Rmult_lt_0_compat; lra).
      destruct (nat_above (top / ((q J - 1) * (b1 / 2)))) as [n Hn].
      pose proof (Climb n). pose proof (Hq (J + n)%nat).
      apply (Rmult_lt_compat_r ((q J - 1) * (b1 / 2))) in Hn; [| exact Hc].
      unfold Rdiv in Hn. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in Hn by lra. lra.
    - (* Always above, falling by eps b2 / 2 at least. *)
      assert (Fall : forall n, q (J + n)%nat <= q J - INR n * (eps * (b2 / 2))
                               /\ r + eps < q (J + n)%nat).
      { induction n as [| n [IH1 IH2]].
        - rewrite Nat.add_0_r. simpl. lra.
        - rewrite S_INR, Nat.add_succ_r.
          destruct (Above (J + n)%nat ltac:(lia) ltac:(lra)) as [A1 A2].
          destruct (Out (S (J + n)) ltac:(lia)) as [O | O]; [lra | split; lra]. }
      assert (Hc : 0 < eps * (b2 / 2)) by (apply Rmult_lt_0_compat; lra).
      destruct (nat_above (top / (eps * (b2 / 2)))) as [n Hn].
      destruct (Fall n) as [F1 F2]. pose proof (Hq J).
      apply (Rmult_lt_compat_r (eps * (b2 / 2))) in Hn; [| exact Hc].
      unfold Rdiv in Hn. rewrite Rmult_assoc, Rinv_l, Rmult_1_r in Hn by lra. lra. }
  destruct Enter as [j0 [Hj0 Hin]].
  assert (Kept : forall n, r - eps <= q (j0 + n)%nat <= r + eps).
  { induction n as [| n IH]; [rewrite Nat.add_0_r; exact Hin |].
    rewrite Nat.add_succ_r. apply Keep; [lia | exact IH]. }
  exists j0. intros n Hn. unfold R_dist.
  replace n with (j0 + (n - j0))%nat by lia.
  pose proof (Kept (n - j0)%nat). apply Rabs_def1; lra.
Qed.

End Perturbed.

(** The divided difference D(p, q) of F(p) = p'(p, 0) ([OrbitClaims.slope_form]). *)
Definition slope_d (K p q : R) : R :=
  (1 + K) ^ 2 - 2 * K * (1 + K) * (p + q) + K ^ 2 * (p ^ 2 + p * q + q ^ 2).

(** Q(p) = K^2 p^2 - K (K + 1) p + 1, whose zeros are delta_1^2, delta_2^2. *)
Definition quad (K p : R) : R := K ^ 2 * p ^ 2 - K * (K + 1) * p + 1.

(** The two-step perturbation factor: p'' - F(F(p)) = (p - 1) d E(p, d). *)
Definition near_e (K p d : R) : R :=
  - K * slope_d K (prod_p K p 0) (prod_p K p d) - K * prod_m K p d * (1 + K * (p - 1)) ^ 2.

Lemma two_step_perturbed K p d :
  prod_p K (prod_p K p d) (prod_d K p d)
  = prod_p K (prod_p K p 0) 0 + (p - 1) * (d * near_e K p d).
Proof. unfold near_e, slope_d, prod_p, prod_d, prod_m. ring. Qed.

Lemma m_form K p d : prod_p K p d - 1 = (p - 1) * prod_m K p d.
Proof. unfold prod_p, prod_m. ring. Qed.

(** P3.orbit-near/strip-form with the strip's sign: where |p - 1| <= K - 1,
    m <= -(1 + (K - 1)/2). *)
Lemma near_strip K p d : 1 < K ->
  (forall w, -1 <= w <= 1 -> 0 < 3 / 2 - w * (K ^ 2 - 2 * K) - K ^ 2 * (K - 1) * w ^ 2) ->
  0 <= d -> (p - 1) ^ 2 <= (K - 1) ^ 2 -> prod_m K p d <= - (1 + (K - 1) / 2).
Proof.
  intros HK HS Hd Hp.
  set (w := (p - 1) / (K - 1)).
  assert (Ew : p = 1 + (K - 1) * w) by (unfold w; field; lra).
  assert (Hw : -1 <= w <= 1).
  { rewrite Ew in Hp.
    replace ((1 + (K - 1) * w - 1) ^ 2) with ((K - 1) ^ 2 * w ^ 2) in Hp by ring.
    assert (HK2 : 0 < (K - 1) ^ 2) by (apply pow_lt; lra).
    assert (w ^ 2 <= 1).
    { apply (Rmult_le_reg_l ((K - 1) ^ 2)); [exact HK2 | lra]. }
    split; nra. }
  specialize (HS w Hw).
  assert (Id : prod_m K (1 + (K - 1) * w) d + 1 + (K - 1) / 2
               = (K - 1) * (- 3 / 2 + w * (K ^ 2 - 2 * K) + K ^ 2 * (K - 1) * w ^ 2) - K * d)
    by (unfold prod_m; field).
  rewrite Ew. assert (0 <= K * d) by nra. nra.
Qed.

(** A sequence converges if its shift does. *)
Lemma Un_cv_unshift (a : nat -> R) l : Un_cv (fun n => a (S n)) l -> Un_cv a l.
Proof.
  intros H eps He. destruct (H eps He) as [N HN]. exists (S N). intros n Hn.
  destruct n as [| n]; [lia |]. apply HN. lia.
Qed.

(** 0 <= a_n <= k b_n with b_n -> 0 gives a_n -> 0. *)
Lemma Un_cv_squeeze (a b : nat -> R) k : 0 <= k ->
  (forall n, 0 <= a n <= k * b n) -> Un_cv b 0 -> Un_cv a 0.
Proof.
  intros Hk Hab Hb eps He.
  destruct (Hb (eps / (k + 1))) as [N HN]; [apply Rdiv_lt_0_compat; lra |].
  exists N. intros n Hn. specialize (HN n Hn). specialize (Hab n).
  unfold R_dist in *. rewrite Rminus_0_r in *.
  assert (Hbn : b n < eps / (k + 1)) by (pose proof (Rle_abs (b n)); lra).
  assert (k * b n <= (k + 1) * Rabs (b n)).
  { pose proof (Rle_abs (b n)). pose proof (Rabs_pos (b n)). nra. }
  apply (Rmult_lt_compat_l (k + 1)) in HN; [| lra].
  replace ((k + 1) * (eps / (k + 1))) with eps in HN by (field; lra).
  rewrite Rabs_right by lra. lra.
Qed.

Section NearOrbit.

Variables (K nlo nhi omega dcap mu C : R) (Rq : R -> R).

Hypothesis HK : 1 < K.
Hypothesis Hn : 0 < nlo < 1 /\ 1 < nhi.
Hypothesis Hom : 0 < omega /\ 0 <= dcap /\ omega <= dcap * dcap /\ 0 < mu.
(** The near range N = [nlo, nhi]: mapped into itself from the slab, with the signs. *)
Hypothesis Hnear : forall p d, nlo <= p <= nhi -> 0 <= d -> prod_w p d <= omega ->
  0 <= 2 - (K * (p - 1)) ^ 2 /\ nlo <= prod_p K p d <= nhi /\ prod_m K p d < 0 /\
  K * p - K - 2 < 0 /\ 0 < Rq p /\ 0 < p.
(** P3.orbit-near/two-step-factored. *)
Hypothesis Hfactor : forall p, prod_p K (prod_p K p 0) 0 - p =
  K * p * (p - 1) * (K * p - K - 2) * quad K p * Rq p.
Hypothesis HRc : forall p, continuity_pt Rq p.
Hypothesis HD : forall p q, nlo <= p <= nhi -> nlo <= q <= nhi -> slope_d K p q < 0.
Hypothesis HQ : 0 < quad K nlo /\ 0 < quad K nhi.
Hypothesis HM : forall p, nlo <= p <= nhi -> mu <= 2 - (K * (p - 1)) ^ 2.
(** P3.orbit-near/strip. *)
Hypothesis HS : forall w, -1 <= w <= 1 ->
  0 < 3 / 2 - w * (K ^ 2 - 2 * K) - K ^ 2 * (K - 1) * w ^ 2.
Hypothesis HE : forall p d, nlo <= p <= nhi -> 0 <= d <= dcap -> Rabs (near_e K p d) <= C.

(** A point of the slab {W <= omega} with p in N. *)
Definition in_near (z : R * R) : Prop :=
  nlo <= fst z <= nhi /\ 0 <= snd z /\ prod_w (fst z) (snd z) <= omega.

Lemma near_step z : in_near z -> in_near (pd_step K z).
Proof.
  destruct z as [p d]. intros (Hp & Hd & Hw). cbn [fst snd] in *.
  destruct (Hnear p d Hp Hd Hw) as (H2 & Hr & _).
  destruct (slab_step K omega nlo nhi p d ltac:(lra) ltac:(lra) Hd Hw H2 Hr) as (A & B & D).
  unfold in_near, pd_step. cbn [fst snd]. tauto.
Qed.

Lemma near_w_step z : in_near z ->
  prod_w (fst (pd_step K z)) (snd (pd_step K z)) <= prod_w (fst z) (snd z).
Proof.
  destruct z as [p d]. intros (Hp & Hd & Hw). cbn [fst snd] in *.
  destruct (Hnear p d Hp Hd Hw) as (H2 & _).
  assert (0 <= prod_w p d) by (unfold prod_w; apply Rmult_le_pos; lra).
  pose proof (w_decay_margin K p d 0 H ltac:(lra) ltac:(lra)) as E.
  replace (prod_w p d * (1 - K ^ 2 * 0 * (p - 1) ^ 2)) with (prod_w p d) in E by ring.
  unfold pd_step. cbn [fst snd]. exact E.
Qed.

Lemma step_cross z : in_near z -> fst z <> 1 ->
  (fst z - 1) * (fst (pd_step K z) - 1) < 0.
Proof.
  destruct z as [p d]. intros (Hp & Hd & Hw) H1. cbn [fst snd] in *.
  destruct (Hnear p d Hp Hd Hw) as (_ & _ & Hm & _).
  unfold pd_step. cbn [fst snd]. rewrite m_form.
  assert (0 < (p - 1) * (p - 1)) by (apply Rsqr_pos_lt; lra).
  assert (0 < (p - 1) * (p - 1) * - prod_m K p d) by (apply Rmult_lt_0_compat; lra).
  replace ((p - 1) * ((p - 1) * prod_m K p d))
    with (- ((p - 1) * (p - 1) * - prod_m K p d)) by ring.
  lra.
Qed.

Lemma near_off z : in_near z -> fst z <> 1 ->
  forall n, in_near (pd_orbit K n z) /\ fst (pd_orbit K n z) <> 1.
Proof.
  intros Hz H1 n. induction n as [| n [A B]]; [split; assumption |].
  rewrite pd_orbit_S. split; [apply near_step, A |].
  intros E. pose proof (step_cross _ A B) as X. rewrite E in X. lra.
Qed.

Lemma near_cross z : in_near z -> fst z <> 1 ->
  forall n, (fst (pd_orbit K n z) - 1) * (fst (pd_orbit K (S n) z) - 1) < 0.
Proof.
  intros Hz H1 n. destruct (near_off z Hz H1 n) as [A B].
  rewrite pd_orbit_S. apply step_cross; assumption.
Qed.

Lemma near_orbit z n : in_near z -> in_near (pd_orbit K n z).
Proof.
  intros Hz. induction n as [| n IH]; [exact Hz |]. rewrite pd_orbit_S. apply near_step, IH.
Qed.

Lemma near_w_later z : in_near z -> forall n k,
  prod_w (fst (pd_orbit K (n + k) z)) (snd (pd_orbit K (n + k) z))
  <= prod_w (fst (pd_orbit K n z)) (snd (pd_orbit K n z)).
Proof.
  intros Hz n k. induction k as [| k IH]; [rewrite Nat.add_0_r; lra |].
  rewrite Nat.add_succ_r, pd_orbit_S.
  pose proof (near_w_step _ (near_orbit z (n + k) Hz)). lra.
Qed.

(** Off p = 1, W tends to 0 ([RegionEnters.region_enters] with the near strip). *)
Lemma near_w_to_zero z : in_near z -> fst z <> 1 ->
  Un_cv (fun t => prod_w (fst (pd_orbit K t z)) (snd (pd_orbit K t z))) 0.
Proof.
  intros Hz H1 eps He.
  destruct Hn as [[Hn1 Hn2] Hn3]. destruct Hom as (Ho1 & Ho2 & Ho3 & Ho4).
  assert (Hcond : forall p d, nlo <= p <= nhi -> 0 <= d <= dcap -> 0 <= omega - prod_w p d ->
    0 <= nhi - prod_p K p d /\ 0 <= prod_p K p d - nlo /\ 0 <= 2 - (K * (p - 1)) ^ 2 - mu /\
    (0 <= (K - 1) ^ 2 - (p - 1) ^ 2 -> 0 <= - prod_m K p d - (1 + (K - 1) / 2))).
  { intros p d Hp Hd Hw.
    destruct (Hnear p d Hp ltac:(lra) ltac:(lra)) as (_ & Hr & _).
    pose proof (HM p Hp).
    split; [lra | split; [lra | split; [lra |]]].
    intros Hs. pose proof (near_strip K p d HK HS ltac:(lra) ltac:(lra)). lra. }
  destruct (region_enters K nlo nhi omega dcap mu (1 + (K - 1) / 2) (K - 1) (eps / 2)
              ltac:(lra) ltac:(repeat split; lra) Hcond z Hz) as [n [E | E]].
  - exfalso. exact (proj2 (near_off z Hz H1 n) E).
  - exists n. intros t Ht. unfold R_dist. rewrite Rminus_0_r.
    replace t with (n + (t - n))%nat by lia.
    pose proof (near_w_later z Hz n (t - n)).
    destruct (near_orbit z (n + (t - n)) Hz) as (Hp & Hd & _).
    assert (0 <= prod_w (fst (pd_orbit K (n + (t - n)) z)) (snd (pd_orbit K (n + (t - n)) z)))
      by (unfold prod_w; apply Rmult_le_pos; lra).
    rewrite Rabs_right by lra. lra.
Qed.

Lemma near_d_to_zero z : in_near z -> fst z <> 1 ->
  Un_cv (fun t => snd (pd_orbit K t z)) 0.
Proof.
  intros Hz H1. destruct Hn as [[Hn1 Hn2] Hn3].
  apply (Un_cv_squeeze _ (fun t => prod_w (fst (pd_orbit K t z)) (snd (pd_orbit K t z)))
           (/ (4 * nlo))); [left; apply Rinv_0_lt_compat; lra | | apply near_w_to_zero; assumption].
  intros t. cbv beta. destruct (near_orbit z t Hz) as (Hp & Hd & _).
  split; [exact Hd |].
  apply (Rmult_le_reg_l (4 * nlo)); [lra |].
  rewrite <- Rmult_assoc, Rinv_r, Rmult_1_l by lra. unfold prod_w. nra.
Qed.

(** delta_1^2 < 1 < delta_2^2 < nhi, and F(delta_2^2) = delta_1^2. *)
Lemma delta_order : delta1 K ^ 2 < 1 < delta2 K ^ 2 /\ delta2 K ^ 2 < nhi.
Proof.
  destruct Hn as [[Hn1 Hn2] Hn3].
  assert (D12 : delta1 K ^ 2 <= delta2 K ^ 2).
  { unfold delta1, delta2. pose proof (sqrt_pos (1 + 3 / K)). pose proof (sqrt_pos (1 - 1 / K)).
    nra. }
  pose proof (quadratic_roots K 1 ltac:(lra)) as Q1.
  pose proof (quadratic_roots K nhi ltac:(lra)) as Qn.
  destruct HQ as [_ Hq]. unfold quad in Hq. rewrite Qn in Hq.
  set (a := delta1 K ^ 2) in *. set (b := delta2 K ^ 2) in *.
  assert (K2 : 0 < K ^ 2) by (apply pow_lt; lra).
  assert (N1 : (1 - a) * (1 - b) < 0).
  { assert (H0 : K ^ 2 * ((1 - a) * (1 - b)) < 0).
    { replace (K ^ 2 * ((1 - a) * (1 - b))) with (K ^ 2 * (1 - a) * (1 - b)) by ring.
      rewrite <- Q1. nra. }
    destruct (Rlt_le_dec ((1 - a) * (1 - b)) 0) as [H | H]; [exact H |].
    assert (0 <= K ^ 2 * ((1 - a) * (1 - b))) by (apply Rmult_le_pos; lra). lra. }
  assert (Ha : a < 1).
  { destruct (Rlt_le_dec a 1) as [H | H]; [exact H |]. nra. }
  assert (Hb : 1 < b) by nra.
  assert (Pn : 0 < (nhi - a) * (nhi - b)).
  { destruct (Rlt_le_dec 0 ((nhi - a) * (nhi - b))) as [H | H]; [exact H |].
    assert (K ^ 2 * ((nhi - a) * (nhi - b)) <= 0).
    { assert (0 <= K ^ 2 * (- ((nhi - a) * (nhi - b)))) by (apply Rmult_le_pos; lra). lra. }
    replace (K ^ 2 * (nhi - a) * (nhi - b)) with (K ^ 2 * ((nhi - a) * (nhi - b))) in Hq by ring.
    lra. }
  split; [lra | nra].
Qed.

Lemma F_delta2 : prod_p K (delta2 K ^ 2) 0 = delta1 K ^ 2.
Proof.
  destruct (delta_squares_vieta K ltac:(lra)) as [E1 E2].
  set (a := delta1 K ^ 2) in *. set (b := delta2 K ^ 2) in *.
  assert (E : 1 - K * (b - 1) = K * a).
  { assert (K * (a + b) = K + 1) by (rewrite E2; field; lra). lra. }
  transitivity (K ^ 2 * (a * b) * a).
  - unfold prod_p. rewrite E. ring.
  - rewrite E1. field. lra.
Qed.

(** From a point of N above p = 1: the even steps tend to delta_2^2, the odd ones to
    delta_1^2. *)
Lemma near_above z : in_near z -> 1 < fst z ->
  Un_cv (fun s => fst (pd_orbit K (2 * s) z)) (delta2 K ^ 2) /\
  Un_cv (fun s => fst (pd_orbit K (S (2 * s)) z)) (delta1 K ^ 2).
Proof.
  intros Hz H1.
  destruct Hn as [[Hn1 Hn2] Hn3]. destruct Hom as (Ho1 & Ho2 & Ho3 & Ho4).
  assert (N1 : fst z <> 1) by lra.
  pose proof (near_cross z Hz N1) as X.
  set (q j := fst (pd_orbit K (2 * j) z)).
  set (dd j := snd (pd_orbit K (2 * j) z)).
  assert (Hq : forall j, 1 < q j <= nhi).
  { intros j. split.
    - induction j as [| j IH]; [exact H1 |].
      unfold q in *. replace (2 * S j)%nat with (S (S (2 * j))) by lia.
      pose proof (X (2 * j)%nat) as X1. pose proof (X (S (2 * j))) as X2.
      assert (fst (pd_orbit K (S (2 * j)) z) - 1 < 0) by nra.
      nra.
    - destruct (near_orbit z (2 * j) Hz) as ((_ & H) & _). exact H. }
  assert (Hin : forall j, nlo <= q j <= nhi /\ 0 <= dd j <= dcap).
  { intros j. destruct (near_orbit z (2 * j) Hz) as (Hp & Hd & Hw).
    destruct (slab_d_bounds nlo (q j) (dd j) omega dcap ltac:(unfold q; lra) Hd Ho2 Ho3 Hw)
      as [Hdc _].
    unfold q, dd. split; [exact Hp | split; [exact Hd | exact Hdc]]. }
  set (G p := prod_p K (prod_p K p 0) 0).
  set (B p := K * p * (K * p - K - 2) * quad K p * Rq p).
  set (e j := dd j * near_e K (q j) (dd j)).
  assert (Hstep : forall j, q (S j) = G (q j) + (q j - 1) * e j).
  { intros j. unfold e, G. unfold q, dd. cbv beta. replace (2 * S j)%nat with (S (S (2 * j))) by lia.
    rewrite !pd_orbit_S. destruct (pd_orbit K (2 * j) z) as [p d].
    unfold pd_step. cbn [fst snd]. apply two_step_perturbed. }
  assert (Hdd : Un_cv dd 0).
  { intros eps He. destruct (near_d_to_zero z Hz N1 eps He) as [N HN].
    exists N. intros n Hn'. apply HN. lia. }
  assert (HC : 0 <= C).
  { destruct (Hin 0%nat) as [A B0]. pose proof (HE _ _ A B0). pose proof (Rabs_pos (near_e K (q 0%nat) (dd 0%nat))). lra. }
  assert (He : Un_cv e 0).
  { apply cv_of_dist. apply (Un_cv_squeeze _ dd C HC); [| exact Hdd].
    intros j. cbv beta. rewrite Rminus_0_r.
    destruct (Hin j) as [A B0]. split; [apply Rabs_pos |].
    unfold e. rewrite Rabs_mult, Rabs_right by lra.
    pose proof (HE _ _ A B0). rewrite Rmult_comm. apply Rmult_le_compat_r; lra. }
  destruct delta_order as [[Da Db] Dn].
  set (a := delta1 K ^ 2) in *. set (b := delta2 K ^ 2) in *.
  assert (Qf : forall p, quad K p = K ^ 2 * (p - a) * (p - b)).
  { intros p. unfold quad, a, b. apply quadratic_roots. lra. }
  assert (Hh : forall p, G p - p = (p - 1) * B p).
  { intros p. unfold G, B. rewrite Hfactor. ring. }
  assert (HBc : forall p, continuity_pt B p).
  { intros p. unfold B.
    apply (continuity_pt_mult (fun p => K * p * (K * p - K - 2) * quad K p) Rq p);
      [unfold quad; reg | apply HRc]. }
  assert (Sign : forall p, 1 <= p <= nhi ->
            0 < K * p /\ K * p - K - 2 < 0 /\ 0 < Rq p).
  { intros p Hp. destruct (Hnear p 0 ltac:(lra) ltac:(lra) ltac:(unfold prod_w; lra))
      as (_ & _ & _ & H2 & H3 & H4).
    split; [apply Rmult_lt_0_compat; lra | split; assumption]. }
  assert (Hpos : forall p, 1 <= p < b -> 0 < B p).
  { intros p Hp. destruct (Sign p ltac:(lra)) as (S1 & S2 & S3).
    assert (Qn : quad K p < 0).
    { rewrite Qf. assert (0 < K ^ 2) by (apply pow_lt; lra).
      assert (0 < K ^ 2 * (p - a) * (b - p)) by (apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |]; lra).
      nra. }
    assert (0 < (K * p - K - 2) * quad K p) by nra.
    unfold B. replace (K * p * (K * p - K - 2) * quad K p * Rq p)
      with (K * p * ((K * p - K - 2) * quad K p) * Rq p) by ring.
    apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |]; lra. }
  assert (Hneg : forall p, b < p <= nhi -> B p < 0).
  { intros p Hp. destruct (Sign p ltac:(lra)) as (S1 & S2 & S3).
    assert (Qp : 0 < quad K p).
    { rewrite Qf. assert (0 < K ^ 2) by (apply pow_lt; lra).
      apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |]; lra. }
    assert (0 < - ((K * p - K - 2) * quad K p)) by nra.
    assert (0 < K * p * (- ((K * p - K - 2) * quad K p)) * Rq p)
      by (apply Rmult_lt_0_compat; [apply Rmult_lt_0_compat |]; lra).
    unfold B. nra. }
  assert (HBr : B b = 0).
  { unfold B. rewrite Qf. ring. }
  assert (HF : forall p, nlo <= p <= nhi -> nlo <= prod_p K p 0 <= nhi).
  { intros p Hp. destruct (Hnear p 0 Hp ltac:(lra) ltac:(unfold prod_w; lra)) as (_ & H & _).
    exact H. }
  assert (Fdec : forall p r, nlo <= p -> p <= r -> r <= nhi -> prod_p K r 0 <= prod_p K p 0).
  { intros p r Hp Hpr Hr.
    pose proof (slope_form K p r) as Sf.
    assert (Hs : slope_d K p r < 0) by (apply HD; lra).
    unfold slope_d in Hs.
    assert (0 <= r - p) by lra.
    nra. }
  assert (Hmono : forall p r, 1 <= p <= r -> r <= nhi -> G p <= G r).
  { intros p r Hpr Hr. unfold G.
    pose proof (HF p ltac:(lra)). pose proof (HF r ltac:(lra)).
    pose proof (Fdec p r ltac:(lra) ltac:(lra) Hr).
    apply Fdec; lra. }
  pose proof (perturbed_converges G B b nhi (conj Db Dn) Hh HBc Hpos Hneg HBr Hmono q e Hq
                Hstep He) as Cq.
  assert (Fb : prod_p K b 0 = a) by (unfold a, b; apply F_delta2).
  split; [exact Cq |].
  assert (Odd : forall j, fst (pd_orbit K (S (2 * j)) z) = prod_p K (q j) 0 - K * (q j - 1) * dd j).
  { intros j. unfold q, dd. rewrite pd_orbit_S. destruct (pd_orbit K (2 * j) z) as [p d].
    unfold pd_step. cbn [fst snd]. unfold prod_p. ring. }
  apply (Un_cv_ext (fun j => prod_p K (q j) 0 - K * (q j - 1) * dd j)).
  { intros j. symmetry. apply Odd. }
  replace a with (prod_p K b 0 - 0) by (rewrite Fb; ring).
  apply CV_minus.
  - apply (continuity_seq (fun p => prod_p K p 0) q b); [unfold prod_p; reg | exact Cq].
  - apply cv_of_dist.
    apply (Un_cv_squeeze _ dd (K * (nhi - 1))); [nra | | exact Hdd].
    intros j. cbv beta. rewrite Rminus_0_r.
    destruct (Hq j) as [Q1 Q2]. destruct (Hin j) as [_ [D1 D2]].
    split; [apply Rabs_pos |].
    assert (0 <= K * (q j - 1) * dd j) by (apply Rmult_le_pos; [apply Rmult_le_pos |]; lra).
    rewrite Rabs_right by lra.
    assert (K * (q j - 1) <= K * (nhi - 1)) by (apply Rmult_le_compat_l; lra).
    apply Rmult_le_compat_r; lra.
Qed.

(** Every orbit of the slab that starts in N lands on p = 1 (it starts there) or
    converges to the period-2 orbit: its even and odd steps tend to delta_1^2 and
    delta_2^2 in some order, and d to 0. *)
Theorem near_converges z : in_near z ->
  fst z = 1 \/ exists q0 q1, orbit_squares K q0 q1
    /\ Un_cv (fun s => fst (pd_orbit K (2 * s) z)) q0
    /\ Un_cv (fun s => fst (pd_orbit K (S (2 * s)) z)) q1
    /\ Un_cv (fun t => snd (pd_orbit K t z)) 0.
Proof.
  intros Hz. destruct (Req_dec (fst z) 1) as [E | E]; [left; exact E | right].
  pose proof (near_d_to_zero z Hz E) as Hd.
  destruct (Rlt_le_dec 1 (fst z)) as [Hgt | Hle].
  - destruct (near_above z Hz Hgt) as [C0 C1].
    exists (delta2 K ^ 2), (delta1 K ^ 2).
    split; [right; split; reflexivity | split; [exact C0 | split; [exact C1 | exact Hd]]].
  - assert (Hz1 : in_near (pd_step K z)) by (apply near_step, Hz).
    assert (Hgt : 1 < fst (pd_step K z)).
    { pose proof (step_cross z Hz E). assert (fst z - 1 < 0) by lra. nra. }
    destruct (near_above _ Hz1 Hgt) as [C0 C1].
    exists (delta1 K ^ 2), (delta2 K ^ 2).
    split; [left; split; reflexivity |].
    split; [| split; [exact C0 | exact Hd]].
    apply Un_cv_unshift.
    apply (Un_cv_ext (fun s => fst (pd_orbit K (S (2 * s)) (pd_step K z)))); [| exact C1].
    intros n. cbv beta. replace (2 * S n)%nat with (S (S (2 * n))) by lia. reflexivity.
Qed.

End NearOrbit.
