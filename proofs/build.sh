#!/bin/sh
# Builds every Coq proof under proofs/: the hand-written model and support files, the
# files `twostep coq` generates from the certificates, and the claim files. Fails on the
# first proof Coq does not accept.
#
#   proofs/build.sh                 all certificates in certificates/ (or $CERTS), in full
#   SAMPLE=4 proofs/build.sh        keep 4 cells per box obligation of the certificates
#                                   not named in $FULL (CI sample of the large ones); for
#                                   the region obligations of lemma2 and theorem3, 4 cells
#                                   of every K row (29 rows each: 116 cells per family,
#                                   a few seconds of coqc per family, by RegionCheck.v)
#   FULL="theorem2 appendix-l"      certificates always built in full (default); the
#                                   *Claims.v files need their family's cover lemmas,
#                                   so their families must stay in FULL
#   COQ_FAMILIES="theorem2 appendix-l lemma2 theorem3 theorem4"
#                                   the families to build (default: every family, all
#                                   of which have Coq statements); a certificate of
#                                   another family is reported and skipped.
#                                   theorem4: the identities, the region basin
#                                   (979 cells, one row) and stage 1's two region rules
#                                   (15 519 start and 39 376 invariance cells), the grid
#                                   basin's cells (212 288), stage 2's generation cells
#                                   (679 250), entry cells (243 031) and start cells (248)
#                                   are stated, and the orbit through stage 1 into B
#                                   (Theorem4_T4_stage2_orbit.v: T4_stage2_orbit_if from
#                                   the pieces' statements; T4_stage2_orbit_claim in full)
#                                   and T4.bound (T4_bound_if; T4_bound_claim in full)
#   FULL_ROW="lemma2:0 theorem3:T3.balance/region:0 theorem3:P3.orbit-near/slab-graph:0 theorem3:P3.orbit-near/region:0 theorem3:P3.orbit-global/slab-graph:66 theorem3:P3.orbit-global/region:21 theorem4:T4.basin/region:0 theorem4:T4.stage2/reach:5"
#                                   with SAMPLE: FAMILY:R generates K row R of the family's
#                                   region obligations (and K piece R of its slab graphs)
#                                   in full, FAMILY:ID:R row R of obligation ID only, with
#                                   the lemmas joining its cells (several entries per family
#                                   and per obligation allowed; every one counts). Default: lemma2's row 0, K in [1, 1.02],
#                                   3 881 cells in 1 924 lemmas, from which
#                                   ProductClaims.positive_from_region gives L2.positive on
#                                   that row (Lemma2_L2_positive_region.L2_positive_from_cells),
#                                   T3.balance's row 0, K in [1, 1.02], 3 883 cells in
#                                   1 929 lemmas, from which BalanceClaims.balance_from_region
#                                   gives T3.balance there
#                                   (Theorem3_T3_balance_region.T3_balance_from_cells),
#                                   and T4.basin's only row, K in [1, 1.1], 979 cells in 217
#                                   lemmas, from
#                                   which BasinClaims.basin_from_region gives T4.basin on the
#                                   paper's whole range
#                                   (Theorem4_T4_basin_region.T4_basin_from_cells)
#                                   and P3.orbit-near's slab graph (one piece, K in
#                                   [1, 1.005], 327 cells) with the theorems that the slab
#                                   and the near range are mapped into themselves
#                                   (Theorem3_P3_orbit_near_slab_graph_s00.*_from_cells)
#                                   and that every orbit of the slab reaches N, p = 1 or
#                                   the origin (..._s00_reach.*_reach_from_cells), that it
#                                   converges to the period-2 orbit from N
#                                   (..._s00_converge, NearConverge.near_converges), and
#                                   with P3.orbit-near's region row (1 141 lemmas)
#                                   P3.orbit-near on K in (1, 1.005]
#                                   (..._s00_region.*_region_orbit), and
#                                   P3.orbit-global's last piece (K in [1.12, 1.122], 433
#                                   cells) with the same two theorems, the goal there being
#                                   the two targets, and the theorems that an orbit entering
#                                   either target converges to the period-2 orbit
#                                   (..._s66_converge.*_converge{0,1}_from_cells), joined
#                                   into: every orbit of the slab converges to it (to
#                                   delta_1^2, delta_2^2 in p), lands on p = 1, or is the
#                                   origin (..._s66_orbit_from_cells), and with it
#                                   P3.orbit-global's row 21 (K in [1.12, 1.14], the row
#                                   piece 66 lies in; 2 239 cell lemmas) and the theorem
#                                   that every orbit of that row's region R does the same
#                                   for K in [1.12, 1.122] (..._s66_region.*_region_orbit,
#                                   by RegionEnters.region_orbit_ends), and T4.stage2's
#                                   piece 5 (K in [1.08, 1.1]) whole: its 110 862
#                                   generation cells, checked by GridCheck.v's computation,
#                                   with T4_stage2_reach_p05_from_cells (..._p05_join), and
#                                   its 52 696 entry cells (43 916 lemmas, by EntryCheck.v's
#                                   computation) with T4_stage2_reach_p05_entry
#   TWOSTEP=path/to/twostep         the binary (default: target/release/twostep)
#   JOBS=2                          parallel coqc jobs
#
# Without SAMPLE every region row is generated in full, its cells grouped into lemmas
# (one per maximal subtree of cells with one proof shape, see src/coq/pieces.rs):
# lemma2 100 100 lemmas for 812 497 cells, theorem3 145 869, theorem4 2 062 (for 55 874
# cells). By RegionCheck.v's computation a lemma takes about 10 ms of coqc (README, "Coq
# proofs"); SAMPLE is the CI mode for them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
TWOSTEP=${TWOSTEP:-$root/target/release/twostep}
CERTS=${CERTS:-$root/certificates}
JOBS=${JOBS:-2}
FULL=${FULL:-theorem2 appendix-l}
COQ_FAMILIES=${COQ_FAMILIES:-theorem2 appendix-l lemma2 theorem3 theorem4}
FULL_ROW=${FULL_ROW-lemma2:0 theorem3:T3.balance/region:0 theorem3:P3.orbit-near/slab-graph:0 theorem3:P3.orbit-near/region:0 theorem3:P3.orbit-global/slab-graph:66 theorem3:P3.orbit-global/region:21 theorem4:T4.basin/region:0 theorem4:T4.stage2/reach:5}
gen=$here/generated

if ! command -v coqc >/dev/null 2>&1; then
  echo "build.sh: coqc not found (apt-get install coq libcoq-interval)" >&2
  exit 2
fi
if [ ! -x "$TWOSTEP" ]; then
  echo "build.sh: $TWOSTEP not found; run cargo build --release first" >&2
  exit 2
fi
if [ ! -f "$CERTS/theorem2.json" ]; then
  echo "build.sh: no certificates in $CERTS; writing them with twostep certify all" >&2
  CERTS=$gen/certificates
  mkdir -p "$CERTS"
  "$TWOSTEP" certify all --out "$CERTS" >/dev/null
fi

# The files are generated into $next, then moved into $gen where they differ from the files
# there; an unchanged file keeps its compiled .vo, so that a build stopped part way (make coq
# takes hours) goes on where it stopped when it is run again. A file no longer generated goes,
# with what was compiled from it.
next=$gen/.next
rm -rf "$next"
mkdir -p "$gen" "$next"
for f in "$CERTS"/*.json; do
  family=$(basename "$f" .json)
  case " $COQ_FAMILIES " in
    *" $family "*) ;;
    *) echo "build.sh: $family is not in COQ_FAMILIES; not checked in Coq" >&2; continue ;;
  esac
  case " $FULL " in *" $family "*) full=yes ;; *) full=no ;; esac
  rows=
  for fr in $FULL_ROW; do
    [ "${fr%%:*}" = "$family" ] && rows="$rows --full-row ${fr#*:}"
  done
  if [ -n "${SAMPLE:-}" ] && [ "$full" = no ] && [ -n "$rows" ]; then
    # shellcheck disable=SC2086
    "$TWOSTEP" coq "$f" --out "$next" --sample "$SAMPLE" $rows
  elif [ -n "${SAMPLE:-}" ] && [ "$full" = no ]; then
    "$TWOSTEP" coq "$f" --out "$next" --sample "$SAMPLE"
  else
    "$TWOSTEP" coq "$f" --out "$next"
  fi
done
for f in "$gen"/*.v; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .v)
  [ -e "$next/$name.v" ] && continue
  rm -f "$f" "$gen/$name.vo" "$gen/$name.vok" "$gen/$name.vos" "$gen/$name.glob" "$gen/.$name.aux"
done
kept=0
for f in "$next"/*.v; do
  [ -e "$f" ] || continue
  if cmp -s "$f" "$gen/$(basename "$f")"; then
    rm -f "$f"
    kept=$((kept + 1))
  else
    mv -f "$f" "$gen/"
  fi
done
rm -rf "$next"
[ "$kept" -eq 0 ] || echo "build.sh: $kept generated files unchanged since the last build (their compiled files are kept)"

cd "$here"
{
  echo "-Q . Twostep"
  echo "-arg -w -arg -ambiguous-paths"
  echo Model.v
  echo Support.v
  echo Iterate.v
  echo Angle.v
  echo ModelChecks.v
  echo SlabReach.v
  echo TargetConverge.v
  echo RegionEnters.v
  echo NearConverge.v
  echo MeanValue.v
  echo GridReach.v
  echo Rational.v
  echo RegionCheck.v
  echo SlabCheck.v
  echo GridCheck.v
  echo StageEntry.v
  echo EntryCheck.v
  echo Stage2Orbit.v
  echo Theorem4Bound.v
  ls generated/*.v
  for f in *Claims.v; do [ -f "$f" ] && echo "$f"; done
} > _CoqProject
coq_makefile -f _CoqProject -o CoqMakefile >/dev/null
start=$(date +%s)
make -f CoqMakefile -j"$JOBS" >build.log 2>&1 || { tail -40 build.log >&2; echo "build.sh: a Coq proof failed (see proofs/build.log)" >&2; exit 1; }
coqc -Q . Twostep -w -ambiguous-paths Assumptions.v >assumptions.log 2>&1 || { cat assumptions.log >&2; exit 1; }
# The claims the generated files prove from their cells (present only for the rows and
# pieces generated in full: ..._from_cells, a piece's ..._region_orbit, the ..._claim files)
# have their axioms printed too: in one `Print Assumptions` of the tuple of them all, which
# walks a lemma they share once (one command per theorem walked it again for each: with
# every piece in full, 617 theorems at about 6 s each).
ends='(_from_cells|_region_orbit|_region_orbit_xy|_claim|_claim_xy) '
claims=$(cd generated && grep -lE "^Theorem [A-Za-z0-9_]*$ends" ./*.v 2>/dev/null | sed 's|^\./||; s|\.v$||' || true)
if [ -n "$claims" ]; then
  {
    for m in $claims; do
      echo "From Twostep.generated Require $m."
    done
    echo "Definition all_claims := ("
    for m in $claims; do
      grep -oE "^Theorem [A-Za-z0-9_]*$ends" "generated/$m.v" | sed "s| $||; s|^Theorem |  $m.|"
    done | sed '$!s|$|,|'
    echo ")."
    echo "Print Assumptions all_claims."
  } > generated/Claims_assumptions.v
  coqc -Q . Twostep -w -ambiguous-paths generated/Claims_assumptions.v >>assumptions.log 2>&1 || { cat assumptions.log >&2; exit 1; }
fi
end=$(date +%s)
# Every axiom must be one of the standard library's (classical reals, functional
# extensionality, the primitive 63-bit integers that the interval tactic computes with, and
# the primitive floats with their specification FloatAxioms, which the computations of
# GridCheck.v (grid cells) and EntryCheck.v (entry cells) use; RegionCheck.v (region
# cells) computes with the Interval library's big-integer floats, on the 63-bit integers).
axioms=$(grep -oE "^[A-Za-z][A-Za-z0-9_']*(\.[A-Za-z0-9_']+)+" assumptions.log | sort -u)
bad=$(printf '%s\n' "$axioms" | grep -vE '^(ClassicalDedekindReals\.|Classical_Prop\.classic$|FunctionalExtensionality\.functional_extensionality_dep$|PrimInt63\.|Uint63\.|PrimFloat\.|FloatAxioms\.)' || true)
if [ -n "$bad" ]; then
  echo "build.sh: unexpected axioms: $bad" >&2
  exit 1
fi
echo "build.sh: all Coq proofs checked in $((end - start)) s; axioms: standard library only"
