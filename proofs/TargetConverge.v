(** * The targets of a slab piece: an orbit that enters them converges to the period-2 orbit

    In p = xy, d = (x - y)^2 the step is p' = [prod_p] K p d, d' = [prod_d] K p d; F(p) =
    prod_p K p 0 is the diagonal map. The generated files of a P3.orbit-global piece prove,
    over two target ranges T0 = [a0, b0] and T1 = [a1, b1] in p > 0 (checker condition 3):
    a point of the slab {d >= 0, W <= omega} with p in T0 steps into T1 with
    (1 - K^2 (p - 1)^2)^2 <= c < 1 (so W' <= c W), and the other way round; the slope
    D(p, q) of F is at most L0 in size on T0 x T0 and L1 on T1 x T1, with L0 L1 < 1; and
    K |p - 1| <= M on both targets.

    [targets_converge] proves from these facts that F o F has a fixed point p0 in T0 (by the
    intermediate value theorem), with p1 = F(p0) in T1 and F(p1) = p0 (the period-2 orbit of
    the product map), and that from every slab point with p in T0 the orbit's even steps
    tend to p0, its odd steps to p1, and d to 0 (x - y -> 0): a two-step contraction L0 L1
    perturbed by d, which decays geometrically.

    [period2_squares] names that orbit: a pair q0 -> q1 -> q0 of F in p > 0, K (p - 1) < 1,
    q0 <> 1 (the checker keeps the targets below 1 + 1/K and off the strip, which holds 1) is
    delta_1^2, delta_2^2 in some order. There g_K(sqrt p) > 0 and F(y^2) = g_K(y)^2, so
    sqrt q0 is a positive period-2 point of g_K; g_K(g_K(y)) - y factors as
    K y (y^2 - 1) (K y^2 - K - 2) Q(y^2), and Q(q) = K^2 (q - delta_1^2) (q - delta_2^2). *)

From Coq Require Import Reals Lra Lia.
From Twostep Require Import Model OrbitClaims ProductClaims SlabReach.
Open Scope R_scope.

(** u (t + 1) <= lambda u t + B gamma^t with lambda, gamma < 1: u tends to 0. *)
Lemma forced_to_zero (u : nat -> R) lambda gamma B :
  0 <= lambda < 1 -> 0 <= gamma < 1 -> 0 <= B ->
  (forall t, 0 <= u t) ->
  (forall t, u (S t) <= lambda * u t + B * gamma ^ t) ->
  Un_cv u 0.
Proof.
  intros Hl Hg HB Hu Hstep.
  set (rho := (Rmax lambda gamma + 1) / 2).
  assert (Hm1 : lambda <= Rmax lambda gamma) by apply Rmax_l.
  assert (Hm2 : gamma <= Rmax lambda gamma) by apply Rmax_r.
  assert (Hm3 : Rmax lambda gamma < 1) by (apply Rmax_lub_lt; lra).
  assert (Hr : lambda < rho /\ gamma < rho /\ rho < 1) by (unfold rho; lra).
  set (A := Rmax (u 0%nat) (B / (rho - lambda))).
  assert (HA0 : u 0%nat <= A) by apply Rmax_l.
  assert (HA1 : B / (rho - lambda) <= A) by apply Rmax_r.
  assert (HBA : B <= (rho - lambda) * A).
  { apply (Rmult_le_compat_l (rho - lambda)) in HA1; [| lra].
    unfold Rdiv in HA1. rewrite <- Rmult_assoc, (Rmult_comm (rho - lambda) B), Rmult_assoc,
      Rinv_r, Rmult_1_r in HA1 by lra. exact HA1. }
  assert (Hbound : forall t, u t <= A * rho ^ t).
  { induction t as [| t IH].
    - simpl. lra.
    - pose proof (Hstep t) as St.
      assert (Hgt : gamma ^ t <= rho ^ t) by (apply pow_incr; lra).
      assert (Hrt : 0 <= rho ^ t) by (apply pow_le; lra).
      assert (HA : 0 <= A) by (pose proof (Hu 0%nat); lra).
      simpl.
      assert (B * gamma ^ t <= B * rho ^ t) by (apply Rmult_le_compat_l; lra).
      assert (lambda * u t <= lambda * (A * rho ^ t)) by (apply Rmult_le_compat_l; lra).
      assert (B * rho ^ t <= (rho - lambda) * A * rho ^ t)
        by (apply Rmult_le_compat_r; lra).
      nra. }
  intros eps Heps.
  assert (HA : 0 <= A) by (pose proof (Hu 0%nat); lra).
  destruct (pow_lt_1_zero rho ltac:(rewrite Rabs_right; lra) (eps / (A + 1))
              ltac:(apply Rdiv_lt_0_compat; lra)) as [N HN].
  exists N. intros n Hn. specialize (HN n Hn).
  rewrite Rabs_right in HN by (apply Rle_ge, pow_le; lra).
  unfold R_dist. rewrite Rminus_0_r, Rabs_right by (apply Rle_ge, Hu).
  pose proof (Hbound n) as Bn.
  assert (Hrn : 0 <= rho ^ n) by (apply pow_le; lra).
  apply (Rmult_lt_compat_l (A + 1)) in HN; [| lra].
  unfold Rdiv in HN. rewrite (Rmult_comm eps), <- Rmult_assoc, Rinv_r, Rmult_1_l in HN by lra.
  nra.
Qed.

Lemma prod_w_step_eq K p d :
  prod_w (prod_p K p d) (prod_d K p d) = prod_w p d * (1 - (K * (p - 1)) ^ 2) ^ 2.
Proof. unfold prod_w, prod_p, prod_d. ring. Qed.

Lemma prod_p_perturb K p d : prod_p K p d - prod_p K p 0 = - (K * (p - 1)) * d.
Proof. unfold prod_p. ring. Qed.

Lemma cv_of_dist (x : nat -> R) l : Un_cv (fun s => Rabs (x s - l)) 0 -> Un_cv x l.
Proof.
  intros H eps He. destruct (H eps He) as [N HN]. exists N. intros n Hn.
  specialize (HN n Hn). unfold R_dist in *. rewrite Rminus_0_r, Rabs_Rabsolu in HN. exact HN.
Qed.

Section Converge.

Variables (K omega a0 b0 a1 b1 L0 L1 c M : R).

Hypothesis Ha : 0 < a0 /\ 0 < a1.
Hypothesis Hab : a0 <= b0 /\ a1 <= b1.
Hypothesis Homega : 0 <= omega.
Hypothesis Hc : 0 <= c < 1.
Hypothesis HL : 0 <= L0 /\ 0 <= L1 /\ L0 * L1 < 1.
Hypothesis Hstep0 : forall p d, a0 <= p <= b0 -> 0 <= d -> prod_w p d <= omega ->
  a1 <= prod_p K p d <= b1 /\ (1 - (K * (p - 1)) ^ 2) ^ 2 <= c.
Hypothesis Hstep1 : forall p d, a1 <= p <= b1 -> 0 <= d -> prod_w p d <= omega ->
  a0 <= prod_p K p d <= b0 /\ (1 - (K * (p - 1)) ^ 2) ^ 2 <= c.
Hypothesis Hslope0 : forall p q, a0 <= p <= b0 -> a0 <= q <= b0 ->
  Rabs ((1 + K) ^ 2 - 2 * K * (1 + K) * (p + q) + K ^ 2 * (p ^ 2 + p * q + q ^ 2)) <= L0.
Hypothesis Hslope1 : forall p q, a1 <= p <= b1 -> a1 <= q <= b1 ->
  Rabs ((1 + K) ^ 2 - 2 * K * (1 + K) * (p + q) + K ^ 2 * (p ^ 2 + p * q + q ^ 2)) <= L1.
Hypothesis HM : forall p, (a0 <= p <= b0) \/ (a1 <= p <= b1) -> Rabs (K * (p - 1)) <= M.

Let F p := prod_p K p 0.

Lemma F_lip0 p q : a0 <= p <= b0 -> a0 <= q <= b0 -> Rabs (F q - F p) <= L0 * Rabs (q - p).
Proof.
  intros Hp Hq. unfold F. rewrite slope_form, Rabs_mult, Rmult_comm.
  apply Rmult_le_compat_r; [apply Rabs_pos | apply Hslope0; assumption].
Qed.

Lemma F_lip1 p q : a1 <= p <= b1 -> a1 <= q <= b1 -> Rabs (F q - F p) <= L1 * Rabs (q - p).
Proof.
  intros Hp Hq. unfold F. rewrite slope_form, Rabs_mult, Rmult_comm.
  apply Rmult_le_compat_r; [apply Rabs_pos | apply Hslope1; assumption].
Qed.

Lemma w_nonneg p d : 0 <= p -> 0 <= d -> 0 <= prod_w p d.
Proof. intros. unfold prod_w. apply Rmult_le_pos; lra. Qed.

(** d <= W / (4 a) where p >= a > 0. *)
Lemma d_by_w a p d : 0 < a <= p -> 0 <= d -> d <= prod_w p d / (4 * a).
Proof.
  intros Hp Hd. unfold prod_w.
  apply (Rmult_le_reg_r (4 * a)); [lra |].
  unfold Rdiv. rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra. nra.
Qed.

(** The period-2 orbit: a fixed point of F o F in T0. *)
Lemma orbit_exists : exists p0, a0 <= p0 <= b0 /\ F (F p0) = p0.
Proof.
  assert (Hab0 : a0 <= b0) by (destruct Hab; lra).
  assert (HT0 : forall p, a0 <= p <= b0 -> a0 <= F (F p) <= b0).
  { intros p Hp. destruct (Hstep0 p 0 Hp ltac:(lra)) as [H1 _]; [unfold prod_w; lra |].
    destruct (Hstep1 (F p) 0 H1 ltac:(lra)) as [H2 _]; [unfold prod_w; lra |]. exact H2. }
  assert (Hcont : continuity (fun p => F (F p) - p)).
  { unfold F, prod_p. reg. }
  destruct (IVT_cor (fun p => F (F p) - p) a0 b0 Hcont Hab0) as [z [Hz Ez]].
  - pose proof (HT0 a0 ltac:(lra)). pose proof (HT0 b0 ltac:(lra)).
    assert (0 <= F (F a0) - a0) by lra. assert (F (F b0) - b0 <= 0) by lra.
    cbv beta. nra.
  - exists z. split; [exact Hz | cbv beta in Ez; lra].
Qed.

Section FromAPoint.

Variables (p d : R).
Hypothesis Hp : a0 <= p <= b0.
Hypothesis Hd : 0 <= d.
Hypothesis Hw : prod_w p d <= omega.

Let z t := pd_orbit K t (p, d).
Let W0 := prod_w p d.
Let a := Rmin a0 a1.

(** The orbit alternates between T0 and T1, with W <= c^t W0. *)
Lemma alternates : forall t,
  ((a0 <= fst (z (2 * t)%nat) <= b0) /\ 0 <= snd (z (2 * t)%nat)
   /\ prod_w (fst (z (2 * t)%nat)) (snd (z (2 * t)%nat)) <= c ^ (2 * t) * W0)
  /\ ((a1 <= fst (z (S (2 * t))) <= b1) /\ 0 <= snd (z (S (2 * t)))
   /\ prod_w (fst (z (S (2 * t)))) (snd (z (S (2 * t)))) <= c ^ (S (2 * t)) * W0).
Proof.
  assert (HW0 : 0 <= W0) by (apply w_nonneg; lra).
  assert (HWom : W0 <= omega) by exact Hw.
  assert (Hcpos : forall n, 0 <= c ^ n) by (intros n; apply pow_le; lra).
  assert (Hcpow : forall n, c ^ n <= 1).
  { induction n as [| n IHn]; simpl; [lra |]. specialize (Hcpos n). nra. }
  assert (Next : forall t lo hi lo' hi',
    (forall q e, lo <= q <= hi -> 0 <= e -> prod_w q e <= omega ->
       lo' <= prod_p K q e <= hi' /\ (1 - (K * (q - 1)) ^ 2) ^ 2 <= c) ->
    0 < lo ->
    (lo <= fst (z t) <= hi) /\ 0 <= snd (z t) /\ prod_w (fst (z t)) (snd (z t)) <= c ^ t * W0 ->
    (lo' <= fst (z (S t)) <= hi') /\ 0 <= snd (z (S t))
      /\ prod_w (fst (z (S t))) (snd (z (S t))) <= c ^ (S t) * W0).
  { intros t lo hi lo' hi' Hs Hlo [Hq [He HW]].
    unfold z in *. rewrite pd_orbit_S.
    destruct (pd_orbit K t (p, d)) as [q e]. cbn [fst snd pd_step] in *.
    assert (HWo : prod_w q e <= omega) by (specialize (Hcpow t); nra).
    destruct (Hs q e Hq He HWo) as [H1 H2].
    split; [exact H1 | split].
    - unfold prod_d. apply Rmult_le_pos; [lra | apply pow2_ge_0].
    - rewrite prod_w_step_eq.
      assert (0 <= prod_w q e) by (apply w_nonneg; lra).
      assert (0 <= (1 - (K * (q - 1)) ^ 2) ^ 2) by apply pow2_ge_0.
      replace (c ^ S t * W0) with (c ^ t * W0 * c) by (simpl; ring).
      apply Rmult_le_compat; lra. }
  induction t as [| t [_ IH]].
  - assert (E : (2 * 0)%nat = 0%nat) by reflexivity. rewrite E.
    assert (H0 : (a0 <= fst (z 0%nat) <= b0) /\ 0 <= snd (z 0%nat)
                 /\ prod_w (fst (z 0%nat)) (snd (z 0%nat)) <= c ^ 0 * W0).
    { unfold z, W0. cbn [pd_orbit fst snd pow]. lra. }
    split; [exact H0 |]. apply (Next 0%nat a0 b0); [exact Hstep0 | lra | exact H0].
  - assert (E : (2 * S t)%nat = S (S (2 * t))) by lia. rewrite E.
    assert (H0 := Next (S (2 * t)) a1 b1 a0 b0 Hstep1 ltac:(lra) IH).
    split; [exact H0 |]. apply (Next _ a0 b0); [exact Hstep0 | lra | exact H0].
Qed.

Let amin := Rmin a0 a1.
Let D0 := W0 / (4 * amin).

Lemma amin_pos : 0 < amin.
Proof. unfold amin. apply Rmin_glb_lt; lra. Qed.

(** Every step is in the slab near the targets, with d <= c^t W0 / (4 amin). *)
Lemma slab_at t : amin <= fst (z t) /\ 0 <= snd (z t) /\ snd (z t) <= c ^ t * D0.
Proof.
  assert (Hm0 : amin <= a0) by apply Rmin_l. assert (Hm1 : amin <= a1) by apply Rmin_r.
  pose proof amin_pos as Hpos.
  assert (Hc4 : forall n, 0 <= c ^ n) by (intros n; apply pow_le; lra).
  assert (K4 : forall q e n, amin <= q -> 0 <= e -> prod_w q e <= c ^ n * W0 ->
                 e <= c ^ n * D0).
  { intros q e n Hq He Hwq. pose proof (d_by_w amin q e ltac:(lra) He) as H.
    unfold D0. unfold Rdiv in *. rewrite <- Rmult_assoc.
    assert (0 <= / (4 * amin)) by (left; apply Rinv_0_lt_compat; lra).
    eapply Rle_trans; [exact H | apply Rmult_le_compat_r; assumption]. }
  destruct (Nat.Even_or_Odd t) as [[s Hs] | [s Hs]].
  - subst t. destruct (alternates s) as [[Hq [He Hwq]] _].
    assert (Hq' : amin <= fst (z (2 * s)%nat)) by (eapply Rle_trans; [exact Hm0 | apply Hq]).
    split; [exact Hq' | split; [exact He | eapply K4; [exact Hq' | exact He | exact Hwq]]].
  - replace t with (S (2 * s)) by lia. destruct (alternates s) as [_ [Hq [He Hwq]]].
    assert (Hq' : amin <= fst (z (S (2 * s)))) by (eapply Rle_trans; [exact Hm1 | apply Hq]).
    split; [exact Hq' | split; [exact He | eapply K4; [exact Hq' | exact He | exact Hwq]]].
Qed.

Lemma perturbed q e r La :
  0 <= e -> Rabs (K * (q - 1)) <= M -> Rabs (F q - F r) <= La * Rabs (q - r) ->
  Rabs (prod_p K q e - F r) <= M * e + La * Rabs (q - r).
Proof.
  intros He HKq HF.
  replace (prod_p K q e - F r) with ((- (K * (q - 1))) * e + (F q - F r))
    by (unfold F, prod_p; ring).
  eapply Rle_trans; [apply Rabs_triang |].
  rewrite Rabs_mult, Rabs_Ropp, (Rabs_right e) by lra.
  apply Rplus_le_compat; [apply Rmult_le_compat_r; lra | exact HF].
Qed.

Variable p0 : R.
Hypothesis Hp0 : a0 <= p0 <= b0.
Hypothesis Hfix : F (F p0) = p0.

Let u s := Rabs (fst (z (2 * s)%nat) - p0).
Let v s := Rabs (fst (z (S (2 * s))) - F p0).

Lemma odd_step s : v s <= M * snd (z (2 * s)%nat) + L0 * u s.
Proof.
  unfold v, u. pose proof (alternates s) as [[Hq [He _]] _].
  unfold z in *. rewrite pd_orbit_S.
  destruct (pd_orbit K (2 * s) (p, d)) as [q e]. cbn [fst snd pd_step] in *.
  apply perturbed; [exact He | apply HM; left; exact Hq | apply F_lip0; assumption].
Qed.

Lemma even_step s : u (S s) <= M * snd (z (S (2 * s))) + L1 * v s.
Proof.
  unfold v, u. pose proof (alternates s) as [_ [Hq [He _]]].
  assert (E : (2 * S s)%nat = S (S (2 * s))) by lia. rewrite E.
  assert (HF1 : a1 <= F p0 <= b1).
  { destruct (Hstep0 p0 0 Hp0 ltac:(lra)) as [H _]; [unfold prod_w; lra | exact H]. }
  unfold z in *. rewrite pd_orbit_S.
  destruct (pd_orbit K (S (2 * s)) (p, d)) as [q e]. cbn [fst snd pd_step] in *.
  rewrite <- Hfix at 1.
  apply perturbed; [exact He | apply HM; right; exact Hq | apply F_lip1; assumption].
Qed.

Lemma converges :
  Un_cv (fun s => fst (z (2 * s)%nat)) p0 /\ Un_cv (fun s => fst (z (S (2 * s)))) (F p0)
  /\ Un_cv (fun t => snd (z t)) 0.
Proof.
  assert (HM0 : 0 <= M) by (pose proof (HM p0 (or_introl Hp0)); pose proof (Rabs_pos (K * (p0 - 1))); lra).
  assert (HD0 : 0 <= D0).
  { unfold D0. apply Rmult_le_pos; [apply w_nonneg; lra |].
    left. apply Rinv_0_lt_compat. pose proof amin_pos. lra. }
  assert (Hc2 : 0 <= c ^ 2 < 1) by (split; [apply pow_le; lra | simpl; nra]).
  assert (Hcp : forall n, c ^ (2 * n) = (c ^ 2) ^ n) by (intros n; apply pow_mult).
  assert (Hdn : forall n, snd (z n) <= c ^ n * D0) by (intros n; apply slab_at).
  assert (Hcs : forall n, c ^ S n * D0 <= c ^ n * D0).
  { intros n. simpl. assert (H0 : 0 <= c ^ n * D0) by (apply Rmult_le_pos; [apply pow_le; lra | exact HD0]).
    rewrite Rmult_assoc. assert (c * (c ^ n * D0) <= 1 * (c ^ n * D0)) by (apply Rmult_le_compat_r; lra).
    lra. }
  assert (HL0 := proj1 HL). assert (HL1 := proj1 (proj2 HL)). assert (HLL := proj2 (proj2 HL)).
  assert (Hl : 0 <= L0 * L1 < 1) by (split; [apply Rmult_le_pos |]; lra).
  assert (Hu : forall s, u (S s) <= L0 * L1 * u s + (L1 + 1) * M * D0 * (c ^ 2) ^ s).
  { intros s. pose proof (even_step s). pose proof (odd_step s).
    pose proof (Hdn (2 * s)%nat). pose proof (Hdn (S (2 * s))). pose proof (Hcs (2 * s)%nat).
    rewrite <- Hcp.
    assert (0 <= snd (z (2 * s)%nat)) by apply slab_at.
    assert (0 <= snd (z (S (2 * s)))) by apply slab_at.
    assert (M * snd (z (S (2 * s))) <= M * (c ^ (2 * s) * D0)) by (apply Rmult_le_compat_l; lra).
    assert (M * snd (z (2 * s)%nat) <= M * (c ^ (2 * s) * D0)) by (apply Rmult_le_compat_l; lra).
    assert (L1 * v s <= L1 * (M * snd (z (2 * s)%nat) + L0 * u s)) by (apply Rmult_le_compat_l; lra).
    assert (L1 * (M * snd (z (2 * s)%nat)) <= L1 * (M * (c ^ (2 * s) * D0))) by (apply Rmult_le_compat_l; lra).
    nra. }
  assert (Hv : forall s, v (S s) <= L0 * L1 * v s + (L0 + 1) * M * D0 * (c ^ 2) ^ s).
  { intros s. pose proof (odd_step (S s)). pose proof (even_step s).
    assert (E : (2 * S s)%nat = S (S (2 * s))) by lia.
    pose proof (Hdn (S (2 * s))). pose proof (Hdn (2 * S s)%nat). rewrite E in *.
    pose proof (Hcs (S (2 * s))). pose proof (Hcs (2 * s)%nat).
    rewrite <- Hcp.
    assert (0 <= snd (z (S (S (2 * s))))) by apply slab_at.
    assert (0 <= snd (z (S (2 * s)))) by apply slab_at.
    assert (M * snd (z (S (S (2 * s)))) <= M * (c ^ (2 * s) * D0)) by (apply Rmult_le_compat_l; lra).
    assert (M * snd (z (S (2 * s))) <= M * (c ^ (2 * s) * D0)) by (apply Rmult_le_compat_l; lra).
    assert (L0 * u (S s) <= L0 * (M * snd (z (S (2 * s))) + L1 * v s)) by (apply Rmult_le_compat_l; lra).
    assert (L0 * (M * snd (z (S (2 * s)))) <= L0 * (M * (c ^ (2 * s) * D0))) by (apply Rmult_le_compat_l; lra).
    nra. }
  split; [| split].
  - apply cv_of_dist. apply (forced_to_zero u (L0 * L1) (c ^ 2) ((L1 + 1) * M * D0)); auto.
    + apply Rmult_le_pos; [apply Rmult_le_pos |]; lra.
    + intros t. apply Rabs_pos.
  - apply cv_of_dist. apply (forced_to_zero v (L0 * L1) (c ^ 2) ((L0 + 1) * M * D0)); auto.
    + apply Rmult_le_pos; [apply Rmult_le_pos |]; lra.
    + intros t. apply Rabs_pos.
  - apply cv_of_dist. apply (forced_to_zero (fun t => Rabs (snd (z t) - 0)) 0 c (c * D0)).
    + lra.
    + lra.
    + apply Rmult_le_pos; lra.
    + intros t. apply Rabs_pos.
    + intros t. rewrite !Rminus_0_r.
      destruct (slab_at (S t)) as [_ [H0 H1]]. destruct (slab_at t) as [_ [H2 _]].
      rewrite !Rabs_right by lra. simpl in H1. lra.
Qed.

End FromAPoint.

(** The targets hold the period-2 orbit p0 -> p1 -> p0 of F, and from every point of the
    slab with p in T0 the even steps tend to p0, the odd steps to p1, and d to 0. *)
Theorem targets_converge :
  exists p0 p1, a0 <= p0 <= b0 /\ a1 <= p1 <= b1 /\ F p0 = p1 /\ F p1 = p0 /\
  forall p d, a0 <= p <= b0 -> 0 <= d -> prod_w p d <= omega ->
    Un_cv (fun s => fst (pd_orbit K (2 * s) (p, d))) p0
    /\ Un_cv (fun s => fst (pd_orbit K (S (2 * s)) (p, d))) p1
    /\ Un_cv (fun t => snd (pd_orbit K t (p, d))) 0.
Proof.
  destruct orbit_exists as [p0 [Hp0 Hfix]].
  exists p0, (F p0). split; [exact Hp0 | split; [| split; [reflexivity | split; [exact Hfix |]]]].
  - destruct (Hstep0 p0 0 Hp0 ltac:(lra)) as [H _]; [unfold prod_w; lra | exact H].
  - intros p d Hp Hd Hw. apply (converges p d Hp Hd Hw p0 Hp0 Hfix).
Qed.

End Converge.

(** The two points of the period-2 orbit, squared: where the products x y of the orbit
    {(delta_1, delta_1), (delta_2, delta_2)} of the product map lie. *)
Definition orbit_squares K q0 q1 : Prop :=
  (q0 = delta1 K ^ 2 /\ q1 = delta2 K ^ 2) \/ (q0 = delta2 K ^ 2 /\ q1 = delta1 K ^ 2).

(** Theorem 2's period-2 condition: g_K(g_K(y)) - y = K y (y^2 - 1) (K y^2 - K - 2) Q(y^2)
    with Q(q) = K^2 q^2 - K (K + 1) q + 1. *)
Lemma gg_factor K y : g K (g K y) - y =
  K * y * (y ^ 2 - 1) * (K * y ^ 2 - K - 2) * (K ^ 2 * y ^ 4 - K * (K + 1) * y ^ 2 + 1).
Proof. unfold g. ring. Qed.

(** P3.orbit/product-conjugacy on the diagonal: F(y^2) = g_K(y)^2. *)
Lemma prod_p_square K y : prod_p K (y ^ 2) 0 = (g K y) ^ 2.
Proof. unfold prod_p, g. ring. Qed.

(** Vieta for the squares, K >= 1: delta_1^2 delta_2^2 = 1/K^2 and
    delta_1^2 + delta_2^2 = 1 + 1/K (from A^2 = 1 + 3/K, B^2 = 1 - 1/K). *)
Lemma delta_squares_vieta K : 1 <= K ->
  delta1 K ^ 2 * delta2 K ^ 2 = / K ^ 2 /\ delta1 K ^ 2 + delta2 K ^ 2 = 1 + / K.
Proof.
  intros HK. unfold delta1, delta2.
  assert (A2 : sqrt (1 + 3 / K) * sqrt (1 + 3 / K) = 1 + 3 / K).
  { apply sqrt_sqrt. assert (0 < 3 / K) by (apply Rdiv_lt_0_compat; lra). lra. }
  assert (B2 : sqrt (1 - 1 / K) * sqrt (1 - 1 / K) = 1 - 1 / K).
  { apply sqrt_sqrt. assert (1 / K <= 1).
    { apply (Rmult_le_reg_r K); [lra |]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l; lra. }
    lra. }
  set (A := sqrt (1 + 3 / K)) in *. set (B := sqrt (1 - 1 / K)) in *.
  split.
  - replace (((A - B) / 2) ^ 2 * ((A + B) / 2) ^ 2) with (((A * A - B * B) / 4) ^ 2) by field.
    rewrite A2, B2. field. lra.
  - replace (((A - B) / 2) ^ 2 + ((A + B) / 2) ^ 2) with ((A * A + B * B) / 2) by field.
    rewrite A2, B2. field. lra.
Qed.

(** Q(q) = K^2 (q - delta_1^2) (q - delta_2^2) for K >= 1. *)
Lemma quadratic_roots K q : 1 <= K ->
  K ^ 2 * q ^ 2 - K * (K + 1) * q + 1 = K ^ 2 * (q - delta1 K ^ 2) * (q - delta2 K ^ 2).
Proof.
  intros HK. destruct (delta_squares_vieta K HK) as [E1 E2].
  replace (K ^ 2 * (q - delta1 K ^ 2) * (q - delta2 K ^ 2))
    with (K ^ 2 * q ^ 2 - K ^ 2 * (delta1 K ^ 2 + delta2 K ^ 2) * q
          + K ^ 2 * (delta1 K ^ 2 * delta2 K ^ 2)) by ring.
  rewrite E1, E2. field. lra.
Qed.

(** A period-2 pair q0 -> q1 -> q0 of F(p) = p'(p, 0) in 0 < p, K (p - 1) < 1 with q0 <> 1
    has Q(q0) = 0: there g_K(sqrt p) > 0, so sqrt q0 is a period-2 point of g_K. *)
Lemma period2_root K q0 q1 : 0 < K -> 0 < q0 -> 0 < q1 ->
  K * (q0 - 1) < 1 -> K * (q1 - 1) < 1 -> q0 <> 1 ->
  prod_p K q0 0 = q1 -> prod_p K q1 0 = q0 ->
  K ^ 2 * q0 ^ 2 - K * (K + 1) * q0 + 1 = 0.
Proof.
  intros HK H0 H1 C0 C1 N1 F0 F1.
  set (y0 := sqrt q0). set (y1 := sqrt q1).
  assert (Y0 : y0 ^ 2 = q0) by (unfold y0; rewrite <- Rsqr_pow2; apply Rsqr_sqrt; lra).
  assert (Y1 : y1 ^ 2 = q1) by (unfold y1; rewrite <- Rsqr_pow2; apply Rsqr_sqrt; lra).
  assert (P0 : 0 < y0) by (apply sqrt_lt_R0; lra).
  assert (P1 : 0 < y1) by (apply sqrt_lt_R0; lra).
  assert (G0 : 0 < g K y0) by (unfold g; apply Rmult_lt_0_compat; [lra | nra]).
  assert (G1 : 0 < g K y1) by (unfold g; apply Rmult_lt_0_compat; [lra | nra]).
  assert (E0 : g K y0 = y1).
  { assert (S : (g K y0) ^ 2 = y1 ^ 2) by (rewrite <- prod_p_square, Y0, Y1; exact F0).
    apply Rsqr_inj; [lra | lra | rewrite !Rsqr_pow2; exact S]. }
  assert (E1 : g K y1 = y0).
  { assert (S : (g K y1) ^ 2 = y0 ^ 2) by (rewrite <- prod_p_square, Y0, Y1; exact F1).
    apply Rsqr_inj; [lra | lra | rewrite !Rsqr_pow2; exact S]. }
  pose proof (gg_factor K y0) as Fa. rewrite E0, E1, Rminus_eq_0 in Fa.
  replace (y0 ^ 4) with ((y0 ^ 2) ^ 2) in Fa by ring. rewrite Y0 in Fa.
  symmetry in Fa. apply Rmult_integral in Fa as [Fa | Fa]; [| exact Fa].
  exfalso. apply Rmult_integral in Fa as [Fa | Fa].
  - apply Rmult_integral in Fa as [Fa | Fa].
    + apply Rmult_integral in Fa as [Fa | Fa]; lra.
    + apply N1. lra.
  - lra.
Qed.

(** The period-2 pairs of F in the targets' range are the orbit's squares (T2.roots):
    q0, q1 are delta_1^2, delta_2^2 in some order. *)
Theorem period2_squares K q0 q1 : 1 <= K -> 0 < q0 -> 0 < q1 ->
  K * (q0 - 1) < 1 -> K * (q1 - 1) < 1 -> q0 <> 1 ->
  prod_p K q0 0 = q1 -> prod_p K q1 0 = q0 -> orbit_squares K q0 q1.
Proof.
  intros HK H0 H1 C0 C1 N0 F0 F1.
  assert (N1 : q1 <> 1).
  { intros E. apply N0. rewrite <- F1, E. unfold prod_p. ring. }
  assert (D : q0 <> q1).
  { intros E. rewrite <- E in F0. unfold prod_p in F0.
    assert (Z : q0 * (K * (q0 - 1)) * (K * (q0 - 1) - 2) = 0) by (transitivity (q0 * (1 - K * (q0 - 1)) ^ 2 - K * (q0 - 1) * 0 - q0); [ring | lra]).
    apply Rmult_integral in Z as [Z | Z]; [apply Rmult_integral in Z as [Z | Z] |].
    - lra.
    - apply N0. apply (Rmult_eq_reg_l K); lra.
    - lra. }
  pose proof (period2_root K q0 q1 ltac:(lra) H0 H1 C0 C1 N0 F0 F1) as R0.
  pose proof (period2_root K q1 q0 ltac:(lra) H1 H0 C1 C0 N1 F1 F0) as R1.
  rewrite quadratic_roots in R0, R1 by lra.
  assert (K2 : K ^ 2 <> 0) by (apply pow_nonzero; lra).
  unfold orbit_squares.
  apply Rmult_integral in R0 as [R0 | R0]; [apply Rmult_integral in R0 as [R0 | R0] |];
  apply Rmult_integral in R1 as [R1 | R1]; try apply Rmult_integral in R1 as [R1 | R1];
  try contradiction; try (left; split; lra); try (right; split; lra); exfalso; apply D; lra.
Qed.

Lemma Un_cv_ext (f g : nat -> R) l : (forall n, f n = g n) -> Un_cv f l -> Un_cv g l.
Proof.
  intros E H eps He. destruct (H eps He) as [N HN]. exists N. intros n Hn.
  rewrite <- E. apply HN, Hn.
Qed.

(** The slab theorem's conclusion in (p, d), read for the product map (13) in (x, y) through
    p = xy, d = (x - y)^2 ([SlabReach.pd_orbit_xy]). *)
Lemma orbit_pd_to_xy K x y n :
  let w := pd_orbit K n (x * y, (x - y) ^ 2) in
  fst w = 1 \/ (fst w = 0 /\ snd w = 0) \/
  (exists q0 q1, orbit_squares K q0 q1
     /\ Un_cv (fun s => fst (pd_orbit K (2 * s) w)) q0
     /\ Un_cv (fun s => fst (pd_orbit K (S (2 * s)) w)) q1
     /\ Un_cv (fun t => snd (pd_orbit K t w)) 0) ->
  let xy t := fst (prod_orbit t K x y) * snd (prod_orbit t K x y) in
  xy n = 1 \/ (fst (prod_orbit n K x y) = 0 /\ snd (prod_orbit n K x y) = 0) \/
  (exists q0 q1, orbit_squares K q0 q1
     /\ Un_cv (fun s => xy (n + 2 * s)%nat) q0
     /\ Un_cv (fun s => xy (n + S (2 * s))%nat) q1
     /\ Un_cv (fun t => (fst (prod_orbit (n + t) K x y) - snd (prod_orbit (n + t) K x y)) ^ 2) 0).
Proof.
  intros w H xy.
  assert (At : forall m, pd_orbit K m w = pd_orbit K (n + m) (x * y, (x - y) ^ 2)).
  { intros m. unfold w. rewrite pd_orbit_add. reflexivity. }
  assert (Ew : w = (fst (prod_orbit n K x y) * snd (prod_orbit n K x y),
                    (fst (prod_orbit n K x y) - snd (prod_orbit n K x y)) ^ 2))
    by (unfold w; apply pd_orbit_xy).
  destruct H as [H1 | [[H0 Hd] | [q0 [q1 [O [C0 [C1 Cd]]]]]]].
  - left. rewrite Ew in H1. cbn [fst] in H1. exact H1.
  - right; left. rewrite Ew in H0, Hd. cbn [fst snd] in H0, Hd.
    destruct (prod_orbit n K x y) as [a b]. cbn [fst snd] in *.
    assert (E : a = b) by nra. subst b. assert (a = 0) by nra. split; assumption.
  - right; right. exists q0, q1. split; [exact O | split; [| split]].
    + apply (Un_cv_ext (fun s => fst (pd_orbit K (2 * s) w))); [| exact C0].
      intros s. rewrite At, pd_orbit_xy. reflexivity.
    + apply (Un_cv_ext (fun s => fst (pd_orbit K (S (2 * s)) w))); [| exact C1].
      intros s. rewrite At, pd_orbit_xy. reflexivity.
    + apply (Un_cv_ext (fun t => snd (pd_orbit K t w))); [| exact Cd].
      intros t. rewrite At, pd_orbit_xy. reflexivity.
Qed.
