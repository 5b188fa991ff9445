(** * T4.stage2's entry and start cells: where stage 1 hands over to the grid

    Stage 1 (Stage1Claims.v) follows the scaled state (u, m_x, m_y) at scale s = t^2 while
    v w_x <= 1/(2 pi). T4.stage2's certificate covers two boxes of stage 1 by cells:

    - an entry cell (K, a, alpha, s) of R's box: outside stage 1 (s cos alpha > 1/(2 pi))
      or its scaled step (u, m_x, m_y) = ([s1_u], [s1_mx], [s1_my]) lands;
    - a start cell (K, theta, s): state 2 of a start ([s1_u2], [s1_x2], [s1_y2]) lands;

    where a scaled state lands ([lands_if_past]) if it is still in stage 1
    (s u m_x <= 1/(2 pi)), or the state sqrt s (u, m_x, |m_y|) lies in B ([stage2_B]) or in
    a cell of generation 0. The generated files prove one lemma per cell (by EntryCheck.v's
    computation, or else by the tactics below), and per K piece the lemma over the whole
    box by the case splits of the certificate's split code. *)

From Coq Require Import Reals Lra ZArith.
From Interval Require Import Tactic.
From Twostep Require Import Model Support BasinClaims GridReach Stage1Claims.
Open Scope R_scope.

(** Still in stage 1, in B, or in a cell of [s0]. *)
Definition lands_if_past (g : grid) (s0 : list run) (s u mx my : R) : Prop :=
  s * u * mx <= 1 / (2 * PI) \/
  stage2_B (sqrt s * u) (sqrt s * mx) (Rabs (sqrt s * my)) \/
  in_set g s0 (sqrt s * u) (sqrt s * mx) (Rabs (sqrt s * my)).

(** An entry cell's point: outside stage 1, or its scaled step lands. *)
Definition entry_lands (g : grid) (s0 : list run) (K a al s : R) : Prop :=
  0 <= 1 / (2 * PI) - s * cos al -> lands_if_past g s0 s (s1_u K a al s) (s1_mx K a al s) (s1_my K a al s).

(** A start cell's point: state 2 lands. *)
Definition start_lands (g : grid) (s0 : list run) (K th s : R) : Prop :=
  lands_if_past g s0 s (s1_u2 K th s) (s1_x2 K th s) (s1_y2 K th s).

(** ** The cell tactics; [tiers] is the generated file's [interval] with its bisection tiers. *)

(** The stage-1 maps unfolded to (77)-(80) in scaled form. *)
Ltac unfold_stage1 :=
  unfold s1_u2, s1_x2, s1_y2, s1_al1, s1_u1, s1_x1, s1_y1, s1_u, s1_mx, s1_my;
  unfold_model.

(** Still in stage 1 on the cell. *)
Ltac lands_stage1 tiers := left; unfold_stage1; tiers.

(** In B on the cell, by B's margins. *)
Ltac lands_in_B tiers :=
  right; left; apply B_by_margins; unfold_stage1; repeat split; tiers.

(** Inside the box of whole cells [i0, i1] x [j0, j1] x [l0, l1] of set [s0] of grid [g]. *)
Ltac lands_in_cells g s0 i0 i1 j0 j1 l0 l1 unfold_grid tiers :=
  right; right; apply (box_in_set g s0 i0 i1 j0 j1 l0 l1);
  [ unfold_grid; lra | unfold_grid; lra | unfold_grid; lra | vm_compute; reflexivity
  | .. ];
  unfold_grid; unfold_stage1; split; tiers.

(** An entry cell outside stage 1: s cos al > 1/(2 pi) on it. *)
Ltac outside_stage1 s al tiers :=
  let G := fresh "G" in intros G; exfalso;
  assert (1 / (2 * PI) - s * cos al < 0) by tiers; lra.
