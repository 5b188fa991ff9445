//! T4.stage2's entry and start cells (`proofs/StageEntry.v`): where stage 1 hands over to
//! the grid of generation 0.
//!
//! Per K piece, the cells are rebuilt from the piece's box and split codes as the checker
//! rebuilds them ([`crate::check::reach::Piece`]), and each kept cell becomes one lemma,
//! proved the way the checker shows it ([`Landing`]):
//!
//! - a start cell (K, θ, s): `start_lands G S0 K θ s`, state 2 of a start still in stage 1,
//!   in B, or inside a box of whole cells of generation 0;
//! - an entry cell (K, a, α, s): `entry_lands G S0 K a α s`, outside stage 1
//!   (s cos α > 1/(2π) on the cell) or its scaled step lands likewise;
//!
//! each by the computation of `proofs/EntryCheck.v` (`start_by`, `entry_by`: `start_sound`
//! or `entry_sound` and `vm_compute` on the cell's box and landing); where the computation
//! fails, by the cell's `interval` calls, and the build log names the lemma
//! ("by interval").
//!
//! The start cells (a few dozen per piece) are always written in full, with the lemma over
//! the whole start box (`<m>_start`, the case splits of the split code,
//! [`super::regions::cover_lemma`]). The entry cells (tens of thousands per piece) are
//! written in parts, sampled like the other cells with `--sample`; in full mode, and for the
//! piece `--full-row` names, they are grouped as stage 1's cells are
//! ([`super::pieces::group`]: a maximal subtree of cells the checker shows alike is one
//! lemma on its box) and joined into `<m>_entry` over K's piece × R's box.
//! [`entry_statement`] and [`start_statement`] write the two joined statements for the
//! files that use them (`super::stage2_orbit`).

use super::boxes::sample_indices;
use super::grid::widen;
use super::number::{ident, lit, qlit};
use super::pieces::{group, Piece as GroupedPiece};
use super::regions::{cover_lemma, cover_statement, MAX_PIECE_HEIGHT};
use super::{header, sample_note, CoqFile, Options};
use crate::cert::{parse_interval, Certificate, Obligation, Proof};
use crate::check::reach::{Landing, Piece};
use crate::check::region::{leaves, RegionBox};
use crate::check::spec::{self, Rule};
use rayon::prelude::*;

/// The most entry-cell lemmas in one part file.
const CHUNK: usize = 1000;

/// `EntryCheck`'s bisection depth (halvings, in turn on a, α, s and K) for one cell; a
/// group of cells gets 4 more per split of its subtree.
const COMPUTED_DEPTH: u32 = 16;

/// The variables of a start cell and of an entry cell.
const START_VARS: [&str; 3] = ["K", "th", "s"];
const ENTRY_VARS: [&str; 4] = ["K", "a", "al", "s"];

/// `interval`, then with every variable bisected.
fn tiers(vars: &[&str], depth: u32) -> String {
    let bisect: Vec<String> = vars.iter().map(|v| format!("i_bisect {v}")).collect();
    format!(
        "first [ interval with (i_prec 64) | interval with (i_prec 64, {}, i_depth {depth}) ]",
        bisect.join(", ")
    )
}

/// The tactic showing a landing (the disjuncts of `lands_if_past`).
fn landing_tactic(m: &str, l: &Landing, tiers: &str) -> String {
    match l {
        Landing::Stage1 => format!("lands_stage1 ltac:({tiers})"),
        Landing::InB => format!("lands_in_B ltac:({tiers})"),
        Landing::Cells(r) => format!(
            "lands_in_cells {m}_G {m}_S0 {}%Z {}%Z {}%Z {}%Z {}%Z {}%Z ltac:({m}_unfold) ltac:({tiers})",
            r[0].0, r[0].1, r[1].0, r[1].1, r[2].0, r[2].1
        ),
    }
}

/// What a start cell of piece `m` states at its point.
fn start_goal(m: &str) -> String {
    format!("start_lands {m}_G {m}_S0 K th s")
}

/// What an entry cell of piece `m` states at its point.
fn entry_goal(m: &str) -> String {
    format!("entry_lands {m}_G {m}_S0 K a al s")
}

/// The statement of `<m>_start`: [`start_goal`] over K's piece × the start box.
pub fn start_statement(m: &str, p: &Piece) -> String {
    cover_statement(&START_VARS, &p.start_root(), &start_goal(m))
}

/// The statement of `<m>_entry`: [`entry_goal`] over K's piece × R's box.
pub fn entry_statement(m: &str, p: &Piece) -> String {
    cover_statement(&ENTRY_VARS, &p.entry_root(), &entry_goal(m))
}

/// The lemma of start cell `id` (`None` when the checker does not show it: the lemma then
/// states it anyway, and Coq refuses it).
fn start_lemma(m: &str, id: usize, b: &RegionBox, l: Option<&Landing>) -> String {
    let t = tiers(&START_VARS, 10);
    let landing = l.map(|l| Some(l.clone()));
    let by_interval = l
        .map(|l| {
            format!(
                "unfold start_lands, lands_if_past; {}",
                landing_tactic(m, l, &t)
            )
        })
        .unwrap_or_default();
    computed_lemma(
        m,
        &format!("{m}_start_c{id:06}"),
        &START_VARS,
        b,
        &start_goal(m),
        ("start_by", COMPUTED_DEPTH),
        landing.as_ref(),
        &by_interval,
    )
}

/// `EntryCheck.landing` of how the checker shows a box of entry cells (`None`: outside
/// stage 1).
fn landing_term(l: &Option<Landing>) -> String {
    match l {
        None => "LOut".into(),
        Some(Landing::Stage1) => "LStage1".into(),
        Some(Landing::InB) => "LInB".into(),
        Some(Landing::Cells(r)) => format!(
            "(LCells {} {} {} {} {} {})%Z",
            r[0].0, r[0].1, r[1].0, r[1].1, r[2].0, r[2].1
        ),
    }
}

/// A box (K, a, α, s) or (K, θ, s) as GridCheck's `Box` of rationals, its unused last
/// slots [0, 0].
fn box_term(b: &RegionBox) -> String {
    let zero = qlit(&crate::arith::q::Q::from(0));
    let mut ends: Vec<String> = b.iter().flat_map(|(lo, hi)| [qlit(lo), qlit(hi)]).collect();
    ends.resize(8, zero);
    format!("(Box {})", ends.join(" "))
}

/// A cell lemma proved by `EntryCheck`'s computation (`tactic` with its bisection depth:
/// `entry_by` or `start_by`) and, where that fails, by the `interval` tactics `by_interval`
/// after the cell's intros; the build log then names the lemma. `l` is how the checker
/// shows the cells (`None`: it does not, and the lemma fails).
#[allow(clippy::too_many_arguments)]
fn computed_lemma(
    m: &str,
    name: &str,
    vars: &[&str],
    b: &RegionBox,
    goal: &str,
    (tactic, depth): (&str, u32),
    l: Option<&Option<Landing>>,
    by_interval: &str,
) -> String {
    let hyps: Vec<String> = (0..vars.len()).map(|i| format!("H{i}")).collect();
    let proof = match l {
        Some(l) => format!(
            "first [ {tactic} {m}_Q {m}_G {m}_S0 {m}_S0g {depth}%nat {} {} {m}_Q_G {m}_S0g_ok\n  \
             | idtac \"{name}: by interval\"; intros {} {}; {by_interval} ]",
            box_term(b),
            landing_term(l),
            vars.join(" "),
            hyps.join(" ")
        ),
        None => "fail \"the checker does not show this cell\"".into(),
    };
    format!(
        "Lemma {name} : {}.\nProof. {proof}. Qed.\n\n",
        cover_statement(vars, b, goal)
    )
}

/// The lemma of the entry cells of `pc` (one cell, or in full a grouped subtree of cells
/// that the checker shows alike); `l` is how the checker shows them (`None`: neither
/// case).
fn entry_lemma(m: &str, pc: &GroupedPiece, l: Option<&Option<Landing>>) -> String {
    let halvings = ENTRY_VARS.len() as u32 * pc.height as u32;
    let t = tiers(&ENTRY_VARS, 12 + halvings);
    let by_interval = match l {
        Some(None) => format!("unfold entry_lands; outside_stage1 s al ltac:({t})"),
        Some(Some(l)) => format!(
            "unfold entry_lands, lands_if_past; intros _; {}",
            landing_tactic(m, l, &t)
        ),
        None => String::new(),
    };
    let note = if pc.first == pc.last {
        String::new()
    } else {
        format!(
            "(** Cells {} to {}: one subtree of height {}, by bisection on its box. *)\n",
            pc.first, pc.last, pc.height
        )
    };
    note + &computed_lemma(
        m,
        &format!("{m}_entry_c{:06}", pc.first),
        &ENTRY_VARS,
        &pc.b,
        &entry_goal(m),
        ("entry_by", COMPUTED_DEPTH + halvings),
        l,
        &by_interval,
    )
}

/// A landing with its box of cells widened in generation 0, as the grid cells' boxes are.
fn widened(p: &Piece, l: Landing) -> Landing {
    match l {
        Landing::Cells(r) => Landing::Cells(widen(p.grid(), p.generation(0), r)),
        l => l,
    }
}

/// The files of the entry and start cells of a T4.stage2 obligation.
pub fn files(
    c: &Certificate,
    o: &Obligation,
    prefix: &str,
    opts: &Options,
) -> Result<Vec<CoqFile>, String> {
    let (Proof::Reach { pieces }, Some(Rule::Reach { steps })) =
        (&o.proof, spec::rule(&c.family, &o.id)?)
    else {
        return Err(format!("{}: not a reach proof of a reach rule", o.id));
    };
    let base = ident(&o.id);
    // The pieces whose entry cells are written whole (all, or the `--full-row` piece).
    let full = opts.in_full(&o.id, pieces.len(), "pieces")?;
    let mut files = Vec::new();
    for (i, rp) in pieces.iter().enumerate() {
        let k = parse_interval(&rp.k, "k").map_err(|e| e.to_string())?;
        let p = Piece::new(steps, rp, &k).map_err(|e| format!("{} piece {i}: {e}", o.id))?;
        let m = format!("{base}_p{i:02}");
        let module = format!("{prefix}_{m}");
        let imports = format!(
            "From Coq Require Import ZArith.\nFrom Twostep Require Import BasinClaims GridReach Stage1Claims StageEntry GridCheck EntryCheck.\nFrom Twostep.generated Require Import {module}.\n\n"
        );
        let what = |cells: &str| {
            format!(
                "T4.stage2's {cells} cells, K piece {i} (K in [{}, {}])",
                lit(&k.0),
                lit(&k.1)
            )
        };

        // Start cells: all of them, and the lemma over the start box.
        let root = p.start_root();
        let cells = leaves(&root, &rp.start_splits)
            .map_err(|e| format!("{} piece {i}: start cells: {e}", o.id))?;
        let mut text = header(c, &what("start"), false);
        text.push_str(&imports);
        let lemmas: Vec<String> = cells
            .par_iter()
            .enumerate()
            .map(|(id, b)| {
                let l = p.start_cell(b).map(|l| widened(&p, l));
                start_lemma(&m, id, b, l.as_ref())
            })
            .collect();
        lemmas.iter().for_each(|l| text.push_str(l));
        let ids: Vec<usize> = (0..cells.len()).collect();
        text.push_str(&cover_lemma(
            &format!("{m}_start"),
            &START_VARS,
            &root,
            &rp.start_splits,
            &ids,
            &start_goal(&m),
        )?);
        files.push(CoqFile {
            name: format!("{module}_start.v"),
            text,
            lemmas: cells.len() + 1,
        });

        // Entry cells: in parts; in full, joined over the entry box.
        let root = p.entry_root();
        let cells = leaves(&root, &rp.entry_splits)
            .map_err(|e| format!("{} piece {i}: entry cells: {e}", o.id))?;
        let in_full = full.contains(&i);
        let decide = |id: usize| p.entry_cell(&cells[id]).map(|l| l.map(|l| widened(&p, l)));
        // In full, the cells are grouped (`pieces::group`): every maximal subtree of cells
        // that the checker shows the same way is one lemma on the subtree's box; with a
        // sample, the kept cells one by one.
        let sample = if in_full { None } else { opts.sample };
        let (lemmas, code, ids): (Vec<String>, String, Vec<usize>) = match sample {
            None => {
                let shapes: Vec<Option<Option<Landing>>> =
                    (0..cells.len()).into_par_iter().map(decide).collect();
                let g = group(&root, &rp.entry_splits, &shapes, MAX_PIECE_HEIGHT)
                    .map_err(|e| format!("{} piece {i}: entry cells: {e}", o.id))?;
                let lemmas = g
                    .pieces
                    .par_iter()
                    .map(|pc| entry_lemma(&m, pc, shapes[pc.first].as_ref()))
                    .collect();
                let ids = g.pieces.iter().map(|pc| pc.first).collect();
                (lemmas, g.code, ids)
            }
            Some(n) => {
                let kept = sample_indices(cells.len(), n);
                let lemmas = kept
                    .par_iter()
                    .map(|&id| {
                        let one = GroupedPiece {
                            first: id,
                            last: id,
                            b: cells[id].clone(),
                            height: 0,
                        };
                        entry_lemma(&m, &one, decide(id).as_ref())
                    })
                    .collect();
                (lemmas, rp.entry_splits.clone(), kept)
            }
        };
        let mut parts = Vec::new();
        for (n, chunk) in lemmas.chunks(CHUNK).enumerate() {
            let name = format!("{module}_entry_part{n}");
            let mut text = header(c, &what("entry"), false);
            text.push_str(&imports);
            chunk.iter().for_each(|l| text.push_str(l));
            if !in_full {
                text.push_str(&sample_note(ids.len(), cells.len(), None));
            }
            files.push(CoqFile {
                name: format!("{name}.v"),
                text,
                lemmas: chunk.len(),
            });
            parts.push(name);
        }
        if in_full {
            let mut text = header(c, &what("entry"), false);
            text.push_str(&imports);
            for part in &parts {
                text.push_str(&format!("From Twostep.generated Require Import {part}.\n"));
            }
            text.push('\n');
            text.push_str(&cover_lemma(
                &format!("{m}_entry"),
                &ENTRY_VARS,
                &root,
                &code,
                &ids,
                &entry_goal(&m),
            )?);
            files.push(CoqFile {
                name: format!("{module}_entry.v"),
                text,
                lemmas: 1,
            });
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coq::{committed, stage2_pieces_mut, stage2_reach, FullRow};

    fn sample(n: usize) -> Options {
        Options {
            sample: Some(n),
            full_rows: vec![FullRow {
                obligation: Some("T4.stage2/reach".into()),
                row: 5,
            }],
        }
    }

    #[test]
    fn landings_and_boxes_are_entry_check_terms() {
        assert_eq!(landing_term(&None), "LOut");
        assert_eq!(landing_term(&Some(Landing::Stage1)), "LStage1");
        assert_eq!(landing_term(&Some(Landing::InB)), "LInB");
        assert_eq!(
            landing_term(&Some(Landing::Cells([(1, 2), (3, 4), (5, 6)]))),
            "(LCells 1 2 3 4 5 6)%Z"
        );
        let q = |n: i64, d: i64| crate::arith::q::Q::from(n) / crate::arith::q::Q::from(d);
        let b = vec![
            (q(1, 1), q(101, 100)),
            (q(3, 5), q(2, 3)),
            (q(0, 1), q(9, 40)),
            (q(-1, 2), q(13, 400)),
        ];
        assert_eq!(
            box_term(&b),
            "(Box (1, 1)%Z (101, 100)%Z (3, 5)%Z (2, 3)%Z (0, 1)%Z (9, 40)%Z (-1, 2)%Z (13, 400)%Z)"
        );
    }

    #[test]
    fn every_start_cell_gets_a_proof_and_the_start_box_its_cover() {
        let c = committed("theorem4");
        let files = files(&c, stage2_reach(&c), "Theorem4", &sample(2)).unwrap();
        let start: Vec<&CoqFile> = files
            .iter()
            .filter(|f| f.name.ends_with("_start.v"))
            .collect();
        assert_eq!(start.len(), 6, "one start file per K piece");
        for f in start {
            assert!(
                !f.text.contains("fail \""),
                "{}: a start cell the checker does not show",
                f.name
            );
            let cells = f.lemmas - 1;
            // Each cell: its lemma, its name in the fallback's message, and its use in the
            // cover lemma.
            assert_eq!(f.text.matches("_start_c").count(), 3 * cells, "{}", f.name);
            // Each by the computation first, then `interval`; some still in stage 1, some
            // in generation 0.
            assert_eq!(f.text.matches("first [ start_by ").count(), cells);
            assert_eq!(f.text.matches(": by interval\"").count(), cells);
            assert!(
                f.text.contains(" LStage1 ") && f.text.contains("(LCells "),
                "{}",
                f.name
            );
            assert!(
                f.text.contains("lands_stage1") && f.text.contains("lands_in_cells"),
                "{}",
                f.name
            );
        }
        // A sample has the entry cover of the `--full-row` piece only; full mode has one per
        // piece.
        let covers: Vec<&str> = files
            .iter()
            .filter(|f| f.name.ends_with("_entry.v"))
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(covers, ["Theorem4_T4_stage2_reach_p05_entry.v"]);
        // Its parts hold every one of the piece's entry cells (grouped), the others a sample.
        let p05: String = files
            .iter()
            .filter(|f| f.name.contains("_p05_entry_part"))
            .map(|f| f.text.as_str())
            .collect();
        assert!(!p05.contains("(* Sample:") && p05.contains("one subtree of height"));
        let p04 = files
            .iter()
            .find(|f| f.name.ends_with("_p04_entry_part0.v"))
            .unwrap();
        assert!(p04.text.contains("(* Sample: 2 of "), "{}", p04.text);
    }

    #[test]
    fn a_start_cell_the_checker_does_not_show_is_stated_and_fails() {
        let mut c = committed("theorem4");
        let pieces = stage2_pieces_mut(&mut c);
        // Generation 0 emptied but for one cell: the start cells that went there land nowhere.
        pieces[5].generations[0].truncate(1);
        let files = files(&c, stage2_reach(&c), "Theorem4", &sample(2)).unwrap();
        let f = files
            .iter()
            .find(|f| f.name.ends_with("_p05_start.v"))
            .unwrap();
        assert!(
            f.text
                .contains("fail \"the checker does not show this cell\""),
            "{}",
            f.text
        );
        // The statement is still the full one: the cover lemma covers the whole start box.
        assert!(f
            .text
            .contains("Lemma T4_stage2_reach_p05_start : forall K th s"));
    }

    #[test]
    fn in_full_the_entry_cells_are_grouped_and_the_cover_joins_the_groups() {
        let mut c = committed("theorem4");
        let pieces = stage2_pieces_mut(&mut c);
        pieces.truncate(1);
        let full = Options {
            sample: None,
            full_rows: vec![],
        };
        let files = files(&c, stage2_reach(&c), "Theorem4", &full).unwrap();
        let parts: Vec<&CoqFile> = files
            .iter()
            .filter(|f| f.name.contains("_entry_part"))
            .collect();
        let lemmas: usize = parts.iter().map(|f| f.lemmas).sum();
        let text: String = parts.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(text.matches("\nLemma ").count(), lemmas);
        // Piece 0 has 25 653 entry cells; subtrees of cells shown alike are one lemma each.
        let groups = text.matches("one subtree of height").count();
        assert!(
            groups > 1000 && lemmas < 25_653,
            "{lemmas} lemmas, {groups} groups"
        );
        assert!(
            !text.contains("fail \""),
            "a cell the checker does not show"
        );
        // A group's lemma bisects deeper than a cell's (4 more levels per split), in the
        // computation and in its `interval` fallback.
        assert!(text.contains(" 20%nat (Box ") && text.contains("i_depth 16) ]) ]. Qed."));
        assert!(text.contains(" 16%nat (Box ") && text.contains("i_depth 12) ]) ]. Qed."));
        // Every lemma is proved by the computation first.
        assert_eq!(text.matches("first [ entry_by ").count(), lemmas);
        // The cover lemma uses every lemma once, and only those.
        let cover = files
            .iter()
            .find(|f| f.name == "Theorem4_T4_stage2_reach_p00_entry.v")
            .unwrap();
        let mut used: Vec<&str> = cover
            .text
            .split("exact (")
            .skip(1)
            .map(|t| &t[..t.find(' ').unwrap()])
            .collect();
        let mut stated: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("Lemma "))
            .map(|l| &l[..l.find(' ').unwrap()])
            .collect();
        used.sort_unstable();
        stated.sort_unstable();
        assert_eq!(used, stated);
    }
}
