(** The axioms the main theorems rest on (printed at build time; proofs/build.sh fails if
    anything beyond the standard library's axioms of the reals and classical logic appears). *)
From Twostep Require Import Theorem2Claims AppendixLClaims ProductClaims Angle Theorem4Claims
  OrbitClaims BalanceClaims BasinClaims Stage1Claims SlabReach
  TargetConverge MeanValue Stage2Orbit Theorem4Bound GridCheck EntryCheck RegionCheck.
From Twostep.generated Require Import AppendixL_all.
Print Assumptions Theorem2Claims.T2_xm.
Print Assumptions Theorem2Claims.T2_roots.
Print Assumptions Theorem2Claims.T2_roots_eq4.
Print Assumptions Theorem2Claims.T2_positive.
Print Assumptions Theorem2Claims.T2_eta.
Print Assumptions Theorem2Claims.T2_basin_multiplier_range.
Print Assumptions AppendixLClaims.AL_stable.
Print Assumptions AppendixLClaims.AL_exists.
Print Assumptions AL_period4_k1_24.
Print Assumptions AL_period4_k1_25.
Print Assumptions AL_period4_k1_27.
Print Assumptions AL_period4_k1_3.
Print Assumptions AL_period4_doubling.
Print Assumptions Angle.alpha_atan.
Print Assumptions ProductClaims.positive_forever.
Print Assumptions ProductClaims.positive_from_region.
Print Assumptions BalanceClaims.balance_from_region.
Print Assumptions BasinClaims.basin_from_region.
Print Assumptions BasinClaims.basin_forever.
Print Assumptions Stage1Claims.stage1_from_region.
Print Assumptions Stage1Claims.stage1_start_from_region.
Print Assumptions Angle.alpha_scale.
Print Assumptions Angle.alpha_polar.
Print Assumptions Theorem4Claims.stage1_scaling.
Print Assumptions OrbitClaims.w_decay_margin.
Print Assumptions OrbitClaims.strip_repels.
Print Assumptions OrbitClaims.repelled_forever_lands.
Print Assumptions OrbitClaims.slope_form.
Print Assumptions OrbitClaims.cell0_grows.
Print Assumptions SlabReach.slab_reach.
Print Assumptions SlabReach.slab_reach_xy.
Print Assumptions TargetConverge.targets_converge.
Print Assumptions TargetConverge.orbit_pd_to_xy.
Print Assumptions MeanValue.mv_lower.
Print Assumptions MeanValue.mv_upper.
Print Assumptions MeanValue.mv_abs_lower.
Print Assumptions MeanValue.mv_abs_upper.
Print Assumptions Stage1Claims.stage1_cell.
Print Assumptions GridCheck.reach_runs.
Print Assumptions GridCheck.last_runs.
Print Assumptions GridCheck.basin_runs.
Print Assumptions EntryCheck.entry_sound.
Print Assumptions RegionCheck.region_sound.
Print Assumptions Stage2Orbit.stage2_orbit.
Print Assumptions Stage2Orbit.stage2_orbit_reaches.
Print Assumptions Theorem4Bound.t4_bound.
