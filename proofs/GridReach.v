(** * Grid cells of the neuron map: T4.stage2's generations and T4.grid-basin

    Both obligations work on a uniform grid over (v, w_x, w_y) (w_y standing for |w_y|):
    a cell (i, j, l) is the box [o1 + i h1, o1 + i h1 + h1] x [o2 + j h2, ...] x
    [o3 + l h3, ...], and a set of cells is a list of runs (i, l, j0, j1), the cells
    (i, j, l) with j0 <= j <= j1 (the certificate's own encoding).

    The facts about each cell (it lies in B; its image under [basin_step] (77)-(80) with
    |w_y|, for K in the piece, lies in a box of whole cells [I0, I1] x [J0, J1] x [L0, L1]
    all in the next set; it contracts w_y) are checked by computation in GridCheck.v. This
    file states them and proves, by hand:

    - [box_in_set]: a point of such a box lies in a cell of the set;
    - [gens_reach]: if every cell of generation g lies in B or maps into generation g + 1,
      and every cell of the last generation lies in B, then every orbit from generation 0
      is in B after at most (number of generations - 1) steps (T4.stage2's generations);
    - [grid_basin]: if every cell of a set maps into the set and contracts w_y, the set is
      forward invariant and w_y contracts on it (T4.grid-basin);
    - [set_cells]: every cell of a set has a property when every run of it does. *)

From Coq Require Import Reals Lra ZArith Lia List Bool.
From Twostep Require Import Model BasinClaims.
Import ListNotations.
Open Scope R_scope.

(** ** Grids, cells and sets of cells *)

(** A grid: origin (o1, o2, o3) and sides (h1, h2, h3) over (v, w_x, w_y). *)
Record grid := Grid { o1 : R; o2 : R; o3 : R; h1 : R; h2 : R; h3 : R }.

Definition cell : Type := (Z * Z * Z)%type.

(** The point (v, w_x, w_y) lies in the closed cell (i, j, l). *)
Definition in_cell (g : grid) (c : cell) (v wx wy : R) : Prop :=
  let '(i, j, l) := c in
  o1 g + IZR i * h1 g <= v <= o1 g + IZR i * h1 g + h1 g /\
  o2 g + IZR j * h2 g <= wx <= o2 g + IZR j * h2 g + h2 g /\
  o3 g + IZR l * h3 g <= wy <= o3 g + IZR l * h3 g + h3 g.

(** A run (i, l, j0, j1): the cells (i, j, l), j0 <= j <= j1. *)
Definition run : Type := (Z * Z * Z * Z)%type.

Definition in_run (c : cell) (r : run) : bool :=
  let '(i, j, l) := c in
  let '(ri, rl, j0, j1) := r in
  Z.eqb i ri && Z.eqb l rl && Z.leb j0 j && Z.leb j j1.

(** Membership of a cell in a set of runs, computed. *)
Definition memb (s : list run) (c : cell) : bool := existsb (in_run c) s.

(** The point lies in (the union of the cells of) the set s. *)
Definition in_set (g : grid) (s : list run) (v wx wy : R) : Prop :=
  exists c, memb s c = true /\ in_cell g c v wx wy.

(** The integers a, a + 1, ..., b. *)
Definition zr (a b : Z) : list Z :=
  map (fun k => (a + Z.of_nat k)%Z) (seq 0 (Z.to_nat (b - a + 1))).

(** Every cell of the box [i0, i1] x [j0, j1] x [l0, l1] (non-empty) is in s, computed. *)
Definition all_in (s : list run) (i0 i1 j0 j1 l0 l1 : Z) : bool :=
  Z.leb i0 i1 && Z.leb j0 j1 && Z.leb l0 l1 &&
  forallb (fun i => forallb (fun j => forallb (fun l => memb s (i, j, l)) (zr l0 l1))
                      (zr j0 j1)) (zr i0 i1).

(** ** A point of a box of whole cells lies in one of them *)

Lemma zr_in a b k : (a <= k <= b)%Z -> In k (zr a b).
Proof.
  intros Hk. unfold zr. apply in_map_iff. exists (Z.to_nat (k - a)). split.
  - rewrite Z2Nat.id by lia. lia.
  - apply in_seq. lia.
Qed.

(** One axis: a point of [o + a h, o + b h + h] lies in [o + k h, o + k h + h] for some
    a <= k <= b. *)
Lemma axis o h a b x : 0 < h -> (a <= b)%Z ->
  o + IZR a * h <= x <= o + IZR b * h + h ->
  exists k, (a <= k <= b)%Z /\ o + IZR k * h <= x <= o + IZR k * h + h.
Proof.
  intros Hh Hab [Hlo Hhi].
  set (t := (x - o) / h).
  assert (Ht : x = o + t * h) by (unfold t; field; lra).
  destruct (base_Int_part t) as [Hk0 Hk1].
  set (k0 := Int_part t) in *.
  destruct (Z_lt_le_dec k0 a) as [Hlt | Hge].
  - exists a. split; [lia |]. split; [lra |].
    apply IZR_lt in Hlt. apply lt_IZR in Hlt.
    assert (IZR (k0 + 1) <= IZR a) by (apply IZR_le; lia).
    rewrite plus_IZR in H. rewrite Ht. nra.
  - destruct (Z_le_gt_dec k0 b) as [Hle | Hgt].
    + exists k0. split; [lia |]. rewrite Ht. split; nra.
    + exists b. split; [lia |]. split; [| lra].
      assert (IZR (b + 1) <= IZR k0) by (apply IZR_le; lia).
      rewrite plus_IZR in H. rewrite Ht. nra.
Qed.

Lemma all_in_memb s i0 i1 j0 j1 l0 l1 i j l :
  all_in s i0 i1 j0 j1 l0 l1 = true ->
  (i0 <= i <= i1)%Z -> (j0 <= j <= j1)%Z -> (l0 <= l <= l1)%Z -> memb s (i, j, l) = true.
Proof.
  unfold all_in. intros H Hi Hj Hl.
  apply andb_true_iff in H as [_ H].
  rewrite forallb_forall in H. specialize (H i (zr_in _ _ _ Hi)).
  rewrite forallb_forall in H. specialize (H j (zr_in _ _ _ Hj)).
  rewrite forallb_forall in H. exact (H l (zr_in _ _ _ Hl)).
Qed.

(** A point of the box of whole cells [i0, i1] x [j0, j1] x [l0, l1], all in s, is in s. *)
Theorem box_in_set g s i0 i1 j0 j1 l0 l1 v wx wy :
  0 < h1 g -> 0 < h2 g -> 0 < h3 g ->
  all_in s i0 i1 j0 j1 l0 l1 = true ->
  o1 g + IZR i0 * h1 g <= v <= o1 g + IZR i1 * h1 g + h1 g ->
  o2 g + IZR j0 * h2 g <= wx <= o2 g + IZR j1 * h2 g + h2 g ->
  o3 g + IZR l0 * h3 g <= wy <= o3 g + IZR l1 * h3 g + h3 g ->
  in_set g s v wx wy.
Proof.
  intros H1 H2 H3 Hall Hv Hw Hy.
  assert (Hall' := Hall). unfold all_in in Hall'.
  apply andb_true_iff in Hall' as [Hall' _].
  apply andb_true_iff in Hall' as [Hall' Hl].
  apply andb_true_iff in Hall' as [Hi Hj].
  apply Z.leb_le in Hi, Hj, Hl.
  destruct (axis _ _ _ _ _ H1 Hi Hv) as [i [Hi' Hv']].
  destruct (axis _ _ _ _ _ H2 Hj Hw) as [j [Hj' Hw']].
  destruct (axis _ _ _ _ _ H3 Hl Hy) as [l [Hl' Hy']].
  exists (i, j, l). split.
  - exact (all_in_memb _ _ _ _ _ _ _ _ _ _ Hall Hi' Hj' Hl').
  - simpl. tauto.
Qed.

(** ** The step and B *)

(** One step of (77)-(80) with |w_y| on a triple. *)
Definition step3 (K : R) (x : R * R * R) : R * R * R :=
  let '(v, wx, wy) := x in basin_step K v wx wy.

(** A property of the point, on a triple. *)
Definition at3 (P : R -> R -> R -> Prop) (x : R * R * R) : Prop :=
  let '(v, wx, wy) := x in P v wx wy.

(** The image of every point of cell c, for K in [k0, k1], lies in the set s. *)
Definition cell_maps (g : grid) (k0 k1 : R) (s : list run) (c : cell) : Prop :=
  forall K v wx wy, k0 <= K <= k1 -> in_cell g c v wx wy ->
  at3 (in_set g s) (basin_step K v wx wy).

(** The image of every point of the box [a1, b1] x [a2, b2] x [a3, b3], for K in
    [k0, k1], lies in the set s (a cell, or a part of one, for the cells whose image needs
    to be enclosed piece by piece). *)
Definition box_maps (g : grid) (k0 k1 : R) (s : list run) (a1 b1 a2 b2 a3 b3 : R) : Prop :=
  forall K v wx wy, k0 <= K <= k1 -> a1 <= v <= b1 -> a2 <= wx <= b2 -> a3 <= wy <= b3 ->
  at3 (in_set g s) (basin_step K v wx wy).

Lemma maps_of_box g k0 k1 s i j l :
  box_maps g k0 k1 s (o1 g + IZR i * h1 g) (o1 g + IZR i * h1 g + h1 g)
    (o2 g + IZR j * h2 g) (o2 g + IZR j * h2 g + h2 g)
    (o3 g + IZR l * h3 g) (o3 g + IZR l * h3 g + h3 g) ->
  cell_maps g k0 k1 s (i, j, l).
Proof. intros H K v wx wy HK (Hv & Hw & Hy). exact (H K v wx wy HK Hv Hw Hy). Qed.

(** A box split at K = m, v = m, w_x = m or w_y = m. *)
Lemma split_K m g k0 k1 s a1 b1 a2 b2 a3 b3 :
  box_maps g k0 m s a1 b1 a2 b2 a3 b3 -> box_maps g m k1 s a1 b1 a2 b2 a3 b3 ->
  box_maps g k0 k1 s a1 b1 a2 b2 a3 b3.
Proof.
  intros H1 H2 K v wx wy HK Hv Hw Hy. destruct (Rle_or_lt K m).
  - exact (H1 K v wx wy ltac:(lra) Hv Hw Hy).
  - exact (H2 K v wx wy ltac:(lra) Hv Hw Hy).
Qed.

Lemma split_v m g k0 k1 s a1 b1 a2 b2 a3 b3 :
  box_maps g k0 k1 s a1 m a2 b2 a3 b3 -> box_maps g k0 k1 s m b1 a2 b2 a3 b3 ->
  box_maps g k0 k1 s a1 b1 a2 b2 a3 b3.
Proof.
  intros H1 H2 K v wx wy HK Hv Hw Hy. destruct (Rle_or_lt v m).
  - exact (H1 K v wx wy HK ltac:(lra) Hw Hy).
  - exact (H2 K v wx wy HK ltac:(lra) Hw Hy).
Qed.

Lemma split_wx m g k0 k1 s a1 b1 a2 b2 a3 b3 :
  box_maps g k0 k1 s a1 b1 a2 m a3 b3 -> box_maps g k0 k1 s a1 b1 m b2 a3 b3 ->
  box_maps g k0 k1 s a1 b1 a2 b2 a3 b3.
Proof.
  intros H1 H2 K v wx wy HK Hv Hw Hy. destruct (Rle_or_lt wx m).
  - exact (H1 K v wx wy HK Hv ltac:(lra) Hy).
  - exact (H2 K v wx wy HK Hv ltac:(lra) Hy).
Qed.

Lemma split_wy m g k0 k1 s a1 b1 a2 b2 a3 b3 :
  box_maps g k0 k1 s a1 b1 a2 b2 a3 m -> box_maps g k0 k1 s a1 b1 a2 b2 m b3 ->
  box_maps g k0 k1 s a1 b1 a2 b2 a3 b3.
Proof.
  intros H1 H2 K v wx wy HK Hv Hw Hy. destruct (Rle_or_lt wy m).
  - exact (H1 K v wx wy HK Hv Hw ltac:(lra)).
  - exact (H2 K v wx wy HK Hv Hw ltac:(lra)).
Qed.

(** A box maps into s when the enclosure of its image lies in a box of whole cells of s. *)
Lemma box_by_cells g k0 k1 s a1 b1 a2 b2 a3 b3 i0 i1 j0 j1 l0 l1 :
  0 < h1 g -> 0 < h2 g -> 0 < h3 g ->
  all_in s i0 i1 j0 j1 l0 l1 = true ->
  (forall K v wx wy, k0 <= K <= k1 -> a1 <= v <= b1 -> a2 <= wx <= b2 -> a3 <= wy <= b3 ->
   (o1 g + IZR i0 * h1 g <= neuron_v K v wx wy <= o1 g + IZR i1 * h1 g + h1 g) /\
   (o2 g + IZR j0 * h2 g <= neuron_wx K v wx wy <= o2 g + IZR j1 * h2 g + h2 g) /\
   (o3 g + IZR l0 * h3 g <= Rabs (neuron_wy K v wx wy) <= o3 g + IZR l1 * h3 g + h3 g)) ->
  box_maps g k0 k1 s a1 b1 a2 b2 a3 b3.
Proof.
  intros H1 H2 H3 Hall Hbox K v wx wy HK Hv Hw Hy.
  destruct (Hbox K v wx wy HK Hv Hw Hy) as (Hv' & Hw' & Hy').
  exact (box_in_set g s i0 i1 j0 j1 l0 l1 _ _ _ H1 H2 H3 Hall Hv' Hw' Hy').
Qed.

(** Stage 2's B: in_basin with c = 3/5, M = 55, P = 7/5, plo = 7/20, rmax = 12/125
    (src/check/spec/theorem4_stage2.rs). *)
Definition stage2_B (v wx wy : R) : Prop :=
  in_basin (3 / 5) 55 (7 / 5) (7 / 20) (12 / 125) v wx wy.

(** Every point of cell c lies in B. *)
Definition cell_in_B (g : grid) (c : cell) : Prop :=
  forall v wx wy, in_cell g c v wx wy -> stage2_B v wx wy.

(** B's margins (the checker's [basin_margins]) at a point. *)
Lemma B_by_margins v wx wy :
  0 <= v /\ 7 / 20 <= v * wx /\ v * wx <= 7 / 5 /\
  v ^ 2 - wx ^ 2 + 55 * wy ^ 2 <= 3 / 5 /\ wx ^ 2 - v ^ 2 + 55 * wy ^ 2 <= 3 / 5 /\
  0 <= wy <= 12 / 125 ->
  stage2_B v wx wy.
Proof.
  intros (Hv & Hp & HP & Hd1 & Hd2 & Hy).
  assert (0 < v) by (destruct (Req_dec v 0); [subst; lra | lra]).
  assert (0 < wx) by (destruct (Rle_or_lt wx 0); [nra | lra]).
  unfold stage2_B, in_basin. repeat split; try lra.
  unfold Rabs. destruct (Rcase_abs (v ^ 2 - wx ^ 2)); lra.
Qed.

(** ** Generations: every orbit from generation 0 reaches B *)

(** Every cell of s lies in B or maps into s' (for K in [k0, k1]). *)
Definition gen_ok (g : grid) (k0 k1 : R) (s s' : list run) : Prop :=
  forall c, memb s c = true -> cell_in_B g c \/ cell_maps g k0 k1 s' c.

(** Every cell of s lies in B. *)
Definition last_ok (g : grid) (s : list run) : Prop :=
  forall c, memb s c = true -> cell_in_B g c.

(** The chain s, s1, ..., sn: each generation lies in B or maps into the next one, and the
    last lies in B. *)
Fixpoint gens_ok (g : grid) (k0 k1 : R) (s : list run) (rest : list (list run)) : Prop :=
  match rest with
  | [] => last_ok g s
  | s' :: rest' => gen_ok g k0 k1 s s' /\ gens_ok g k0 k1 s' rest'
  end.

Lemma iter_shift {A} (f : A -> A) n x : Nat.iter (S n) f x = Nat.iter n f (f x).
Proof. induction n; simpl in *; [reflexivity | rewrite IHn; reflexivity]. Qed.

(** T4.stage2, the generations: from a point of generation 0 the orbit of (77)-(80) with
    |w_y| is in B after at most [length rest] steps. *)
Theorem gens_reach g k0 k1 s rest :
  gens_ok g k0 k1 s rest ->
  forall K v wx wy, k0 <= K <= k1 -> in_set g s v wx wy ->
  exists n, (n <= length rest)%nat /\ at3 stage2_B (Nat.iter n (step3 K) (v, wx, wy)).
Proof.
  revert s. induction rest as [| s' rest IH]; intros s Hok K v wx wy HK [c [Hm Hc]].
  - exists 0%nat. split; [lia |]. exact (Hok c Hm v wx wy Hc).
  - destruct Hok as [Hg Hrest]. destruct (Hg c Hm) as [HB | Hmap].
    + exists 0%nat. split; [simpl; lia |]. exact (HB v wx wy Hc).
    + specialize (Hmap K v wx wy HK Hc).
      destruct (basin_step K v wx wy) as [[v' wx'] wy'] eqn:E.
      destruct (IH s' Hrest K v' wx' wy' HK Hmap) as [n [Hn HB]].
      exists (S n). split; [simpl; lia |].
      rewrite iter_shift. unfold step3 at 2. rewrite E. exact HB.
Qed.

(** ** A grid basin: invariance and contraction *)

(** w_y's factor in (80): w_y' = w_y c with c = 1 - K v (v - w_y/(pi (w_x^2 + w_y^2))). *)
Definition wy_factor (K v wx wy : R) : R := 1 - K * (v * v - v * wy / (PI * (wx ^ 2 + wy ^ 2))).

(** Every point of cell c has w_x > 0, w_y >= 0 and |c| <= 1 - r K, for K in [k0, k1]. *)
Definition cell_contracts (g : grid) (k0 k1 r : R) (c : cell) : Prop :=
  forall K v wx wy, k0 <= K <= k1 -> in_cell g c v wx wy ->
  0 < wx /\ 0 <= wy /\ Rabs (wy_factor K v wx wy) <= 1 - r * K.

(** (80) factored: w_y' = w_y c where w_x > 0. *)
Lemma wy_factored K v wx wy : 0 < wx ->
  neuron_wy K v wx wy = wy * wy_factor K v wx wy.
Proof.
  intros Hx. unfold neuron_wy, wy_factor.
  assert (0 < wx ^ 2) by (apply pow_lt; lra).
  assert (0 <= wy ^ 2) by apply pow2_ge_0. assert (0 < PI) by apply PI_RGT_0.
  field. split; lra.
Qed.

(** T4.grid-basin: a set of cells that maps into itself and contracts w_y is forward
    invariant, and on it |w_y'| <= (1 - r K) w_y. *)
Theorem grid_basin g k0 k1 r s :
  (forall c, memb s c = true -> cell_maps g k0 k1 s c /\ cell_contracts g k0 k1 r c) ->
  forall K v wx wy, k0 <= K <= k1 -> in_set g s v wx wy ->
  at3 (in_set g s) (basin_step K v wx wy) /\
  Rabs (neuron_wy K v wx wy) <= (1 - r * K) * wy.
Proof.
  intros Hcells K v wx wy HK [c [Hm Hc]].
  destruct (Hcells c Hm) as [Hmap Hcon]. split; [exact (Hmap K v wx wy HK Hc) |].
  destruct (Hcon K v wx wy HK Hc) as (Hx & Hy & Hf).
  rewrite (wy_factored K v wx wy Hx), Rabs_mult, (Rabs_pos_eq wy Hy), Rmult_comm.
  apply Rmult_le_compat_r; [exact Hy | exact Hf].
Qed.

(** ** Joining the cell lemmas of a set *)

(** Every cell of the run r has the property P. *)
Definition run_all (P : cell -> Prop) (r : run) : Prop :=
  let '(i, l, j0, j1) := r in forall j, (j0 <= j <= j1)%Z -> P (i, j, l).

(** Every cell of a set of runs has P, from every run. *)
Lemma set_cells (P : cell -> Prop) s : Forall (run_all P) s -> forall c, memb s c = true -> P c.
Proof.
  intros Hall [[i j] l] Hm. induction Hall as [| [[[ri rl] j0] j1] s Hr Hs IH];
    [discriminate |].
  unfold memb in Hm. simpl in Hm. apply orb_true_iff in Hm as [Hm | Hm]; [| exact (IH Hm)].
  apply andb_true_iff in Hm as [Hm Hj1]. apply andb_true_iff in Hm as [Hm Hj0].
  apply andb_true_iff in Hm as [Hi Hl].
  apply Z.eqb_eq in Hi, Hl. apply Z.leb_le in Hj0, Hj1. subst ri rl.
  exact (Hr j (conj Hj0 Hj1)).
Qed.
