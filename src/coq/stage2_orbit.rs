//! T4.stage1 and T4.stage2 chained along the orbit (`proofs/Stage2Orbit.v`).
//!
//! One file, `<prefix>_T4_stage2_orbit.v`. Per K piece of T4.stage2 it proves that the
//! statements the other generated files prove (the start and entry cover lemmas of
//! [`super::entry`], the generations' `_from_cells` of [`super::grid`]) are
//! `Stage2Orbit.start_on`, `entry_on` and `gens_on`, and from them and T4.stage1's two
//! claims, the orbit claim `stage2_orbit_on` over the piece (`<m>_orbit_if`); then over all
//! the pieces (`T4_stage2_orbit_if`). The hypotheses are written by the same functions that
//! write those theorems, so in full mode `T4_stage2_orbit_claim` applies `T4_stage2_orbit_if`
//! to the theorems themselves; with `--sample` the conditional theorems are what Coq checks.
//! The file ends with T4.bound (`Theorem4Bound.t4_bound`): `T4_bound_if` from the orbit
//! claim and T4.basin's claim, and in full mode `T4_bound_claim`.

use super::entry::{entry_statement, start_statement};
use super::grid::reach_statement;
use super::number::{ident, lit};
use super::regions::k_span;
use super::statements::{self, RegionStatement, Statement};
use super::{header, CoqFile, Options};
use crate::cert::{parse_interval, Certificate, Obligation, Proof};
use crate::check::reach::Piece;
use crate::check::spec::{self, Rule};

/// The region obligations of T4.stage1 whose claims the orbit needs (their `RegionClaim`s in
/// [`super::statements`] name the claim and the theorem of the domain file).
const STAGE1: [&str; 2] = ["T4.stage1/invariant", "T4.stage1/start"];

/// The region obligation of T4.basin, whose claim T4.bound needs.
const BASIN: &str = "T4.basin/region";

/// A region obligation's claim (T4.stage1's two, T4.basin's) as the orbit file uses it.
struct RegionClaim {
    /// `stage1_on lo hi`, `stage1_start_on lo hi` or `basin_on lo hi`.
    claim: String,
    /// The claim's name in its hand-written file.
    on: &'static str,
    lo: String,
    hi: String,
    /// The theorem of the domain file (full mode) and that file's module.
    theorem: &'static str,
    module: String,
}

/// The claim of region obligation `id` over the K span of its rows.
fn region_claim(c: &Certificate, prefix: &str, id: &str) -> Result<RegionClaim, String> {
    let Some(Statement::Region(RegionStatement {
        claim: Some(cl), ..
    })) = statements::statement(id)
    else {
        return Err(format!("{id}: no region claim in Coq"));
    };
    let (lo, hi) = k_span(c, id)?;
    Ok(RegionClaim {
        claim: format!("{} {lo} {hi}", cl.theorem),
        on: cl.theorem,
        lo,
        hi,
        theorem: cl.name,
        module: format!("{prefix}_{}", ident(id)),
    })
}

/// The prefix of the file's name and of the theorems over all the pieces.
const WHOLE: &str = "T4_stage2";

/// The orbit file of T4.stage2's obligation `o`.
pub fn file(
    c: &Certificate,
    o: &Obligation,
    prefix: &str,
    opts: &Options,
) -> Result<CoqFile, String> {
    let (Proof::Reach { pieces }, Some(Rule::Reach { steps })) =
        (&o.proof, spec::rule(&c.family, &o.id)?)
    else {
        return Err(format!("{}: not a reach proof of a reach rule", o.id));
    };
    if pieces.is_empty() {
        return Err(format!("{}: no K pieces", o.id));
    }
    let base = ident(&o.id);
    let stage1: Vec<RegionClaim> = STAGE1
        .iter()
        .map(|id| region_claim(c, prefix, id))
        .collect::<Result<_, _>>()?;
    let basin = region_claim(c, prefix, BASIN)?;
    let mut text = header(
        c,
        "T4.stage1 and T4.stage2 along the orbit, from the start into B, and T4.bound",
        false,
    );
    text.push_str("From Coq Require Import ZArith Lia.\nFrom Twostep Require Import BasinClaims GridReach Stage1Claims StageEntry Stage2Orbit Theorem4Bound.\n");
    let modules: Vec<String> = (0..pieces.len())
        .map(|i| format!("{prefix}_{base}_p{i:02}"))
        .collect();
    for module in &modules {
        text.push_str(&format!(
            "From Twostep.generated Require Import {module}.\n"
        ));
    }
    let full = opts.sample.is_none();
    if full {
        for s in stage1.iter().chain([&basin]) {
            text.push_str(&format!(
                "From Twostep.generated Require Import {}.\n",
                s.module
            ));
        }
        for module in &modules {
            text.push_str(&format!(
                "From Twostep.generated Require Import {module}_start {module}_entry {module}_join.\n"
            ));
        }
    }
    text.push('\n');

    let mut spans = Vec::new();
    let mut all_hyps = Vec::new();
    let mut all_names = Vec::new();
    for (i, rp) in pieces.iter().enumerate() {
        let k = parse_interval(&rp.k, "k").map_err(|e| e.to_string())?;
        let p = Piece::new(steps, rp, &k).map_err(|e| format!("{} piece {i}: {e}", o.id))?;
        let m = format!("{base}_p{i:02}");
        let (k0, k1) = (lit(&k.0), lit(&k.1));
        let (entry, start, gens) = (
            entry_statement(&m, &p),
            start_statement(&m, &p),
            reach_statement(&m, &k0, &k1, steps),
        );
        text.push_str(&format!(
            "(** K piece {i}: what {m}_entry, {m}_start and {m}_from_cells state is entry_on, start_on\n    and gens_on. *)\n\
             Lemma {m}_forms :\n  (({entry}) -> entry_on {m}_G {m}_S0 {k0} {k1}) /\\\n  (({start}) -> start_on {m}_G {m}_S0 {k0} {k1}) /\\\n  (({gens}) -> gens_on {m}_G {m}_S0 {k0} {k1} {steps}).\n\
             Proof. repeat split; intros H; exact H. Qed.\n\n"
        ));
        let mut sub = String::new();
        for (n, s) in stage1.iter().enumerate() {
            sub.push_str(&format!(
                "  - apply ({}_sub {} {}); [lra | lra | exact H{n}].\n",
                s.on, s.lo, s.hi
            ));
        }
        text.push_str(&format!(
            "(** The orbit claim over K piece {i}, from T4.stage1's claims and the piece's cells. *)\n\
             Theorem {m}_orbit_if :\n  {} ->\n  {} ->\n  ({entry}) ->\n  ({start}) ->\n  ({gens}) ->\n  stage2_orbit_on {k0} {k1} {steps}.\n\
             Proof.\n  intros H0 H1 HE HS HG. destruct {m}_forms as (FE & FS & FG).\n  apply (stage2_orbit {m}_G {m}_S0 {k0} {k1} {steps}).\n{sub}  - exact (FE HE).\n  - exact (FS HS).\n  - exact (FG HG).\nQed.\n\n",
            stage1[0].claim, stage1[1].claim
        ));
        spans.push((k0, k1));
        all_hyps.extend([entry, start, gens]);
        all_names.extend([
            format!("{m}_entry"),
            format!("{m}_start"),
            format!("{m}_from_cells"),
        ]);
    }
    let (lo, hi) = (&spans[0].0, &spans[spans.len() - 1].1);

    // All pieces: join the pieces' claims at their common ends. Pieces that do not meet
    // are joined as the certificate states them, and Coq refuses the join.
    let hyps: String = all_hyps.iter().map(|h| format!("  ({h}) ->\n")).collect();
    let mut proof = String::new();
    for (i, (_, k1)) in spans.iter().enumerate() {
        let m = format!("{base}_p{i:02}");
        let args = format!("H0 H1 E{i} S{i} G{i}");
        if i + 1 < spans.len() {
            proof.push_str(&format!(
                "  apply (orbit_join {} {k1} {hi}); [exact ({m}_orbit_if {args}) |].\n",
                spans[i].0
            ));
        } else {
            proof.push_str(&format!("  exact ({m}_orbit_if {args}).\n"));
        }
    }
    let intros: Vec<String> = (0..spans.len())
        .map(|i| format!("E{i} S{i} G{i}"))
        .collect();
    text.push_str(&format!(
        "(** T4.stage1 and T4.stage2 over K in [{lo}, {hi}], from T4.stage1's claims and every piece's\n    entry, start and generation theorems. *)\n\
         Theorem {WHOLE}_orbit_if :\n  {} ->\n  {} ->\n{hyps}  stage2_orbit_on {lo} {hi} {steps}.\n\
         Proof.\n  intros H0 H1 {}.\n{proof}Qed.\n\n",
        stage1[0].claim,
        stage1[1].claim,
        intros.join(" ")
    ));
    text.push_str(&format!(
        "(** T4.bound over K in [{lo}, {hi}] from the orbit claim and T4.basin's claim (Theorem4Bound.t4_bound). *)\n\
         Theorem T4_bound_if : stage2_orbit_on {lo} {hi} {steps} -> {} -> t4_bound_on {lo} {hi}.\n\
         Proof.\n  intros HO HB. apply (t4_bound {lo} {hi}); [lra | lra | exact HO |].\n  apply ({}_sub {} {}); [lra | lra | exact HB].\nQed.\n\n",
        basin.claim, basin.on, basin.lo, basin.hi
    ));
    let mut lemmas = 2 * spans.len() + 2;
    if full {
        text.push_str(&format!(
            "(** T4.stage1 and T4.stage2 over K in [{lo}, {hi}]: from every start v = ||w|| = eps in (0, 1/10],\n    alpha_0 in [0, pi/2], the orbit of (77)-(80) with |w_y| is in B within 2 + N + {steps} steps, for every\n    N with (64/25)^N 2 eps^2 > 1/(2 pi). *)\n\
             Theorem {WHOLE}_orbit_claim : stage2_orbit_on {lo} {hi} {steps}.\n\
             Proof. exact ({WHOLE}_orbit_if {} {} {}). Qed.\n",
            stage1[0].theorem,
            stage1[1].theorem,
            all_names.join(" ")
        ));
        text.push_str(&format!(
            "\n(** T4.bound over K in [{lo}, {hi}]: for every start as above and every t >= 2 + N + {steps},\n    0 <= w_y^(t) < (1/10) (1 - 0.03 K)^(t - (2 + N + {steps})) (w_y as |w_y| along the orbit). *)\n\
             Theorem T4_bound_claim : t4_bound_on {lo} {hi}.\n\
             Proof. exact (T4_bound_if {WHOLE}_orbit_claim {}). Qed.\n",
            basin.theorem
        ));
        lemmas += 2;
    } else {
        text.push_str(&format!(
            "(** Sampled: the cells are not all generated, so {WHOLE}_orbit_claim (the theorem above\n    applied to T4.stage1's claims and every piece's theorems) and T4_bound_claim are\n    written only in full mode. *)\n"
        ));
    }
    Ok(CoqFile {
        name: format!("{prefix}_{WHOLE}_orbit.v"),
        text,
        lemmas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coq::{committed, generate, stage2_pieces_mut, stage2_reach, FullRow};

    fn full() -> Options {
        Options {
            sample: None,
            full_rows: vec![],
        }
    }

    /// The statement of the lemma or theorem `name` declared in `text`.
    fn declared(text: &str, name: &str) -> Option<String> {
        ["Lemma", "Theorem"].iter().find_map(|kw| {
            let at = text.find(&format!("{kw} {name} : "))?;
            let rest = &text[at + kw.len() + name.len() + 4..];
            Some(rest[..rest.find(".\nProof.")?].to_string())
        })
    }

    #[test]
    fn the_claim_applies_the_theorems_that_the_other_files_state() {
        let c = committed("theorem4");
        let f = file(&c, stage2_reach(&c), "Theorem4", &full()).unwrap();
        let names: Vec<String> = (0..6)
            .flat_map(|i| {
                ["entry", "start", "from_cells"].map(|t| format!("T4_stage2_reach_p{i:02}_{t}"))
            })
            .collect();
        assert!(
            f.text.contains(&format!(
                "Theorem T4_stage2_orbit_claim : stage2_orbit_on 1 (11 / 10) 4.\nProof. exact (T4_stage2_orbit_if T4_stage1_from_cells T4_stage1_start_from_cells {}). Qed.",
                names.join(" ")
            )),
            "{}",
            f.text
        );
        assert!(f.text.contains(
            "Theorem T4_bound_claim : t4_bound_on 1 (11 / 10).\nProof. exact (T4_bound_if T4_stage2_orbit_claim T4_basin_from_cells). Qed."
        ));
        assert!(f
            .text
            .contains("From Twostep.generated Require Import Theorem4_T4_basin_region.\n"));
        // The hypotheses are the statements the generated files prove: T4.stage1/start's
        // claim (its row in full) and every piece's start lemma. (`_entry` and `_from_cells`
        // exist in full mode only; their statements are written by the same functions,
        // `entry::entry_statement` and `grid::reach_statement`.)
        let opts = Options {
            sample: Some(2),
            full_rows: ["T4.stage2/reach", "T4.stage1/start"]
                .iter()
                .map(|id| FullRow {
                    obligation: Some(id.to_string()),
                    row: if *id == "T4.stage2/reach" { 5 } else { 0 },
                })
                .collect(),
        };
        let all = generate(&c, &opts).unwrap();
        let mut wanted = vec!["T4_stage1_start_from_cells".to_string()];
        wanted.extend((0..6).map(|i| format!("T4_stage2_reach_p{i:02}_start")));
        for name in wanted {
            let stmt = all
                .iter()
                .find_map(|g| declared(&g.text, &name))
                .unwrap_or_else(|| panic!("no file declares {name}"));
            assert!(
                f.text.contains(&format!("  {stmt} ->\n"))
                    || f.text.contains(&format!("  ({stmt}) ->\n")),
                "{name}'s statement is not a hypothesis of the orbit theorems:\n{stmt}"
            );
        }
        // The sampled file has the conditional theorems only.
        let s = all
            .iter()
            .find(|g| g.name == "Theorem4_T4_stage2_orbit.v")
            .unwrap();
        assert!(s.text.contains("Theorem T4_stage2_orbit_if :"));
        assert!(!s.text.contains("Theorem T4_stage2_orbit_claim"));
        assert!(s.text.contains("Theorem T4_bound_if :"));
        assert!(!s.text.contains("Theorem T4_bound_claim"));
    }

    #[test]
    fn pieces_are_joined_at_the_ends_the_certificate_states() {
        let mut c = committed("theorem4");
        let f = file(&c, stage2_reach(&c), "Theorem4", &full()).unwrap();
        assert!(f.text.contains(
            "  apply (orbit_join 1 (101 / 100) (11 / 10)); [exact (T4_stage2_reach_p00_orbit_if H0 H1 E0 S0 G0) |].\n  apply (orbit_join (101 / 100) (51 / 50) (11 / 10));"
        ));
        let pieces = stage2_pieces_mut(&mut c);
        // Without piece 1, K in [1.01, 1.02] is in no piece: the join goes from piece 0's end
        // to piece 2's start as stated, which Coq refuses
        // (tests/coq.rs::a_wrong_orbit_claim_does_not_compile_in_coq).
        pieces.remove(1);
        let f = file(&c, stage2_reach(&c), "Theorem4", &full()).unwrap();
        assert!(f.text.contains(
            "  apply (orbit_join 1 (101 / 100) (11 / 10)); [exact (T4_stage2_reach_p00_orbit_if H0 H1 E0 S0 G0) |].\n  apply (orbit_join (51 / 50) (26 / 25) (11 / 10));"
        ));
    }
}
