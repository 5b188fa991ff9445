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

    Not yet joined to the near piece's generated theorems: the instantiation (G, B and e from
    the near range's cells, the factorisation identity, a bound on E over N x [0, dcap], and
    d -> 0 from [RegionEnters.region_enters] with the near strip) is the remaining step. *)

From Coq Require Import Reals Lra Lia Classical.
From Twostep Require Import RegionEnters.
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
