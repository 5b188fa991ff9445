//! Region obligations (Lemma 2, Theorem 3, Theorem 4's region basin and stage 1).
//!
//! For each K row the cells of the row's bisection are rebuilt from the box and the split
//! code, as the checker rebuilds them, and each kept cell becomes one lemma: at every point
//! of the cell, guard >= 0 implies the conditions (a condition with an `applies` quantity
//! reads "applies >= 0 -> condition"). Its proof is what the checker checks on the cell: the
//! guard is negative on it, or each condition holds on it (or its `applies` is negative), by
//! `interval`. A row generated in full is grouped first ([`super::pieces`]): each maximal
//! subtree of the split code (at most [`MAX_PIECE_HEIGHT`] splits tall) whose cells have
//! one proof shape becomes one lemma on the subtree's box, proved with the same shape by
//! `interval`'s own bisection, deeper by the subtree's height. The row then gets a cover
//! lemma, the same implication on the whole row box, proved by the case splits of the
//! grouped tree with the piece lemmas at the leaves; the rows generated in full are joined
//! by a case split on K into the domain theorem `<base>_proved : <base>_on lo hi`. Where the
//! statement names a hand-written claim (L2.positive, T3.balance, T4.basin, stage 1), the
//! generated file proves the claim over [lo, hi] from the domain theorem.

use super::boxes::{relation, sample_indices, tactic};
use super::number::{ident, lit, qlit};
use super::pieces::group;
use super::reify::reify;
use super::statements::RegionStatement;
use super::{comment, header, sample_note, CoqFile, Options};
use crate::arith::q::Q;
use crate::cert::{parse_interval, Certificate, Obligation, Proof};
use crate::check::region::{
    base_args, full_args, halves, leaves, row_constants, RegionBox as Box3,
};
use crate::check::spec::{self, RegionRule, Rule};

/// The most lemmas in one file of a row generated in full (the parts compile in parallel).
const CHUNK: usize = 500;

/// The tallest subtree of cells that becomes one lemma (at most 2¹⁰ cells).
pub const MAX_PIECE_HEIGHT: usize = 10;

/// What a file whose lemmas go through `RegionCheck.v` imports besides the header's.
pub(super) const REGION_CHECK_IMPORTS: &str =
    "From Coq Require Import List.\nFrom Interval Require Import Eval.Tree.\nFrom Twostep Require Import RegionCheck.\nImport ListNotations.\n\n";

/// Region cells are small: one bisection tier, so that a false cell fails quickly.
const REGION_TIERS: &[(u32, u32)] = &[(64, 10)];

/// `term` with every `$name` replaced by `value(i)` for the i-th name (longest names first).
fn substitute_by(term: &str, names: &[&str], value: impl Fn(usize) -> String) -> String {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(names[i].len()));
    let mut s = term.to_string();
    for i in order {
        s = s.replace(&format!("${}", names[i]), &value(i));
    }
    s
}

/// `term` with every `$name` replaced by the row constant's literal.
fn substitute(term: &str, names: &[&str], consts: &[Q]) -> String {
    substitute_by(term, names, |i| lit(&consts[i]))
}

/// What a point of the region satisfies: `0 <= guard -> C₁ /\ … /\ Cₙ`, where a condition
/// with an `applies` quantity reads `(0 <= applies -> condition)`; `sub` fills in the
/// constants.
fn holds(st: &RegionStatement, sub: &dyn Fn(&str) -> String) -> Result<String, String> {
    let conds = st
        .conditions
        .iter()
        .map(|s| {
            let c = relation(s.rel, &sub(s.term))?;
            Ok(match s.applies {
                Some(a) => format!("(0 <= {} -> {c})", sub(a)),
                None => c,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(format!("0 <= {} -> {}", sub(st.guard), conds.join(" /\\ ")))
}

/// What the checker establishes on one cell: the guard is negative on it (so the
/// implication holds vacuously), or, condition by condition, it holds there or (for a
/// condition the checker skips) its `applies` quantity is negative there.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape {
    GuardNegative,
    Conditions(Vec<Cond>),
}

/// How one condition is proved on a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cond {
    /// Its `applies` quantity is negative on the cell.
    Skipped,
    /// It holds on the cell where it applies (the `applies` hypothesis is dropped).
    Applies,
    /// It holds on the cell (a condition asked everywhere).
    Everywhere,
}

/// The shape of the cell `b`, by the rule's own interval evaluation.
fn cell_shape(rule: &RegionRule, b: &Box3, consts: &[Q]) -> Shape {
    let args = base_args(b, consts);
    if (rule.guard.qi)(&args).is_neg() {
        return Shape::GuardNegative;
    }
    let args = full_args(rule, args);
    Shape::Conditions(
        rule.conditions
            .iter()
            .map(|c| match &c.applies {
                Some(a) if (a.qi)(&args).is_neg() => Cond::Skipped,
                Some(_) => Cond::Applies,
                None => Cond::Everywhere,
            })
            .collect(),
    )
}

/// The Coq proof of a cell or piece of shape `shape`, as one tactic expression, each
/// `interval` call being `tac`.
fn render(st: &RegionStatement, shape: &Shape, sub: &dyn Fn(&str) -> String, tac: &str) -> String {
    let hyps: Vec<String> = (0..st.vars.len()).map(|i| format!("H{i}")).collect();
    let intro = format!("intros {} {}", st.vars.join(" "), hyps.join(" "));
    let conds = match shape {
        Shape::GuardNegative => {
            return format!(
                "{intro} Hg; exfalso; assert (Hn : {} < 0) by (unfold_model; {tac}); lra",
                sub(st.guard)
            )
        }
        Shape::Conditions(c) => c,
    };
    let steps: Vec<String> = conds
        .iter()
        .zip(&st.conditions)
        .map(|(c, s)| match (c, s.applies) {
            (Cond::Skipped, Some(at)) => format!(
                "intros Ha; exfalso; assert (Hn : {} < 0) by (unfold_model; {tac}); lra",
                sub(at)
            ),
            (Cond::Applies, _) => format!("intros _; unfold_model; {tac}"),
            _ => format!("unfold_model; {tac}"),
        })
        .collect();
    // C1 /\ (C2 /\ ... Cn): split; [t1 | split; [t2 | ... tn]].
    let mut text = steps.last().cloned().unwrap_or_else(|| "exact I".into());
    for t in steps.iter().rev().skip(1) {
        text = format!("split; [{t} | {text}]");
    }
    format!("{intro} _; {text}")
}

/// The statement of a row as `RegionCheck.v`'s data: the guard and the list of conditions
/// (`None` when the statement is not over three variables or names a term the reader does
/// not know; its lemmas are then proved by `interval` alone).
fn region_data(st: &RegionStatement, sub: &dyn Fn(&str) -> String) -> Option<(String, String)> {
    if st.vars.len() != 3 {
        return None;
    }
    let guard = reify(&sub(st.guard), st.vars).ok()?;
    let conds = st
        .conditions
        .iter()
        .map(|c| {
            let rel = match c.rel {
                ">=0" => "RGe",
                ">0" => "RGt",
                "<=0" => "RLe",
                "<0" => "RLt",
                _ => return None,
            };
            let applies = match c.applies {
                Some(a) => format!("(Some {})", reify(&sub(a), st.vars).ok()?),
                None => "None".into(),
            };
            Some(format!(
                "Cond {applies} {rel} {}",
                reify(&sub(c.term), st.vars).ok()?
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    Some((guard, format!("[{}]", conds.join(";\n  "))))
}

/// The definitions `{name}_G` and `{name}_C` of a row's statement as data.
fn data_definitions(name: &str, data: &(String, String)) -> String {
    format!(
        "(** The row's guard and conditions as expressions, for RegionCheck.region_by. *)\nDefinition {name}_G : expr :=\n  {}.\nDefinition {name}_C : list cond :=\n  {}.\n\n",
        data.0, data.1
    )
}

/// The shape of a cell as `RegionCheck.shape`.
fn shape_term(shape: &Shape) -> String {
    match shape {
        Shape::GuardNegative => "SGuard".into(),
        Shape::Conditions(c) => {
            let hs: Vec<&str> = c
                .iter()
                .map(|h| match h {
                    Cond::Skipped => "Skip",
                    Cond::Applies | Cond::Everywhere => "Holds",
                })
                .collect();
            format!("(SConds [{}])", hs.join("; "))
        }
    }
}

/// The proof of a lemma on box `b`: by `RegionCheck.v`'s computation with `depth`
/// halvings on the row's data `{data}_G`, `{data}_C` when there is one, falling back on
/// (and otherwise being) the `interval` proof `fallback`, with a message naming the lemma.
fn proof(
    name: &str,
    data: Option<&str>,
    b: &Box3,
    shape: &Shape,
    depth: usize,
    fallback: &str,
) -> String {
    match data {
        Some(d) => {
            let ends: Vec<String> = b.iter().flat_map(|(lo, hi)| [qlit(lo), qlit(hi)]).collect();
            format!(
                "  first [ region_by {depth}%nat (Box3 {}) {d}_G {d}_C {}\n  | idtac \"{name}: by interval\"; {fallback} ].\n",
                ends.join(" "),
                shape_term(shape)
            )
        }
        None => format!("  {fallback}.\n"),
    }
}

/// The proof of one cell: what the checker establishes there, by computation on the row's
/// data `data` when there is one, else (and as the fallback) by `interval` at the cell tiers.
fn cell_proof(
    name: &str,
    data: Option<&str>,
    rule: &RegionRule,
    st: &RegionStatement,
    b: &Box3,
    consts: &[Q],
) -> String {
    let sub = |t: &str| substitute(t, rule.constants, consts);
    let shape = cell_shape(rule, b, consts);
    let fallback = render(st, &shape, &sub, &tactic(st.vars, REGION_TIERS));
    proof(name, data, b, &shape, computed_depth(st.vars, 0), &fallback)
}

/// The halvings of the computation on a piece of subtree height `h`: those of `interval`'s
/// first bisection tier ([`piece_tactic`]).
fn computed_depth(vars: &[&str], h: usize) -> usize {
    REGION_TIERS[0].1 as usize + h * vars.len()
}

/// The tactic of a piece of subtree height `h`: the cell tiers with `h` more rounds of
/// bisection on every variable, so that `interval` can reach boxes as small as the cells.
fn piece_tactic(vars: &[&str], h: usize) -> String {
    let extra = (h * vars.len()) as u32;
    let tiers: Vec<(u32, u32)> = REGION_TIERS
        .iter()
        .map(|&(prec, depth)| (prec, depth + extra))
        .collect();
    tactic(vars, &tiers)
}

/// `forall v₁ … vₙ, lo₁ <= v₁ <= hi₁ -> … ->` for the box.
fn binders(vars: &[&str], b: &Box3) -> String {
    let ranges: String = vars
        .iter()
        .zip(b)
        .map(|(v, (lo, hi))| format!("{} <= {v} <= {} -> ", lit(lo), lit(hi)))
        .collect();
    format!("forall {}, {ranges}", vars.join(" "))
}

/// The statement of a cover lemma: `forall vars, lo <= var <= hi -> ... -> goal` over `root`
/// (shared with the files that apply the lemma, so that both write the same proposition).
pub fn cover_statement(vars: &[&str], root: &Box3, goal: &str) -> String {
    format!("{}\n  {goal}", binders(vars, root))
}

/// The K span of region obligation `id` of `c` as its domain theorem states it: the first
/// row's lower end and the last row's upper end, as Coq literals.
pub fn k_span(c: &Certificate, id: &str) -> Result<(String, String), String> {
    let o = c
        .obligations
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| format!("the certificate has no obligation {id}"))?;
    let Proof::Region { rows } = &o.proof else {
        return Err(format!("{id}: expected a region proof"));
    };
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Err(format!("{id}: no K rows"));
    };
    let k =
        |r: &crate::cert::RegionRow| parse_interval(&r.k, "k").map_err(|e| format!("{id}: {e}"));
    Ok((lit(&k(first)?.0), lit(&k(last)?.1)))
}

/// The lemma of one cell: for every point of the box, the region's implication.
fn cell_lemma(name: &str, vars: &[&str], b: &Box3, goal: &str, proof: &str) -> String {
    format!(
        "Lemma {name} : {}\n  {goal}.\nProof.\n{proof}Qed.\n\n",
        binders(vars, b)
    )
}

/// Where a bound of a variable comes from inside the cover proof: the row box (hypothesis
/// `H{var}`) or a case split (hypothesis `S{depth}`).
#[derive(Clone, Copy)]
enum Bound {
    Root,
    Split(usize),
}

/// The proof, by the split code's case splits, that the cells cover the row box: at a split
/// `destruct (Rle_lt_dec v mid)`, at a leaf the cell lemma applied to exact range proofs.
struct Cover<'a> {
    code: &'a [u8],
    pos: usize,
    leaf: usize,
    ids: &'a [usize],
    vars: &'a [&'a str],
    cell: String,
    text: String,
}

impl Cover<'_> {
    fn walk(
        &mut self,
        b: &Box3,
        bounds: &mut Vec<(Bound, Bound)>,
        depth: usize,
    ) -> Result<(), String> {
        let c = *self
            .code
            .get(self.pos)
            .ok_or("the split code ends before the tree does")?;
        self.pos += 1;
        let indent = "  ".repeat(depth + 1);
        if c == b'L' {
            let ranges: Vec<String> = bounds
                .iter()
                .enumerate()
                .map(|(i, (lo, hi))| {
                    let lo = match lo {
                        Bound::Root => format!("(proj1 H{i})"),
                        Bound::Split(k) => format!("(Rlt_le _ _ S{k})"),
                    };
                    let hi = match hi {
                        Bound::Root => format!("(proj2 H{i})"),
                        Bound::Split(k) => format!("S{k}"),
                    };
                    format!("(conj {lo} {hi})")
                })
                .collect();
            let id = self
                .ids
                .get(self.leaf)
                .ok_or("the split code has more leaves than there are lemmas")?;
            self.text.push_str(&format!(
                "{indent}exact ({}_c{id:06} {} {}).\n",
                self.cell,
                self.vars.join(" "),
                ranges.join(" ")
            ));
            self.leaf += 1;
            return Ok(());
        }
        let (dim, mid, lo, hi) = halves(b, c as char)?;
        self.text.push_str(&format!(
            "{indent}destruct (Rle_lt_dec {} {}) as [S{depth}|S{depth}].\n",
            self.vars[dim],
            lit(&mid)
        ));
        let saved = bounds[dim];
        bounds[dim].1 = Bound::Split(depth);
        self.text.push_str(&format!("{indent}{{\n"));
        self.walk(&lo, bounds, depth + 1)?;
        self.text.push_str(&format!("{indent}}}\n"));
        bounds[dim] = (Bound::Split(depth), saved.1);
        self.text.push_str(&format!("{indent}{{\n"));
        self.walk(&hi, bounds, depth + 1)?;
        self.text.push_str(&format!("{indent}}}\n"));
        bounds[dim] = saved;
        Ok(())
    }
}

/// The lemma `name` joining a row's lemmas `name_c{ids[0]}`, `name_c{ids[1]}`, … (one per
/// leaf of `splits`, in the checker's order) into `goal` on the whole row box `root`.
pub fn cover_lemma(
    name: &str,
    vars: &[&str],
    root: &Box3,
    splits: &str,
    ids: &[usize],
    goal: &str,
) -> Result<String, String> {
    let mut cover = Cover {
        code: splits.as_bytes(),
        pos: 0,
        leaf: 0,
        ids,
        vars,
        cell: name.to_string(),
        text: String::new(),
    };
    let mut bounds = vec![(Bound::Root, Bound::Root); vars.len()];
    cover.walk(root, &mut bounds, 0)?;
    if cover.pos != splits.len() {
        return Err("the split code goes on after the tree ends".into());
    }
    if cover.leaf != ids.len() {
        return Err(format!(
            "the split code has {} leaves, there are {} lemmas",
            cover.leaf,
            ids.len()
        ));
    }
    let hyps: Vec<String> = (0..vars.len()).map(|i| format!("H{i}")).collect();
    Ok(format!(
        "(** The cells of the row cover its box (the case splits of the split code). *)\nLemma {name} : {}.\nProof.\n  intros {} {}.\n{}Qed.\n\n",
        cover_statement(vars, root, goal),
        vars.join(" "),
        hyps.join(" "),
        cover.text
    ))
}

/// The row's constant facts that the checker's `bounds` asks for (the statement's `facts`),
/// so that the row box holds the region's part of the row. `interval` computes with
/// bigfloats (`i_prec 64`): its default uses primitive floats, whose axioms `build.sh` refuses.
fn constants_lemma(name: &str, facts: &str) -> String {
    format!(
        "Lemma {name} : {facts}.\nProof.\n  repeat match goal with |- _ /\\ _ => split end.\n  all: first [exact I | lra | interval with (i_prec 64)].\nQed.\n\n"
    )
}

/// The statement's facts with `sub` filling in the constants (`True` when there are none).
fn facts(st: &RegionStatement, sub: &dyn Fn(&str) -> String) -> String {
    if st.facts.is_empty() {
        return "True".into();
    }
    let f: Vec<String> = st.facts.iter().map(|f| sub(f)).collect();
    f.join(" /\\ ")
}

/// `Definition <base>_on (lo hi : R)`: for every K in [lo, hi] there are row constants with
/// the facts, and every point of the box they bound satisfies the region's implication.
fn domain_definition(
    base: &str,
    rule: &RegionRule,
    st: &RegionStatement,
) -> Result<String, String> {
    let sub = |t: &str| substitute_by(t, rule.constants, |i| rule.constants[i].to_string());
    let rest = &st.vars[1..];
    let ranges: String = rest
        .iter()
        .zip(&st.ranges)
        .map(|(v, (lo, hi))| format!("{} <= {v} <= {} -> ", sub(lo), sub(hi)))
        .collect();
    let exists = if rule.constants.is_empty() {
        String::new()
    } else {
        format!("exists {}, ", rule.constants.join(" "))
    };
    Ok(format!(
        "(** The region obligation over K in [lo, hi]: the row constants, and at every point of\n    the box they bound, the region's implication (guard >= 0 -> the conditions). *)\nDefinition {base}_on (lo hi : R) : Prop :=\n  forall K, lo <= K <= hi ->\n  {exists}({}) /\\\n  forall {}, {ranges}\n  {}.\n\n",
        facts(st, &sub),
        rest.join(" "),
        holds(st, &sub)?
    ))
}

/// `Theorem <base>_proved : <base>_on lo hi` from the rows' cover lemmas, by a case split
/// on K over the rows (in order, each starting where the previous one ends).
fn domain_theorem(
    base: &str,
    rule: &RegionRule,
    st: &RegionStatement,
    rows: &[(usize, (Q, Q), Vec<Q>)],
) -> String {
    let (lo, hi) = (&rows[0].1 .0, &rows[rows.len() - 1].1 .1);
    let rest = &st.vars[1..];
    let rest_hyps: Vec<String> = (1..st.vars.len()).map(|i| format!("Hv{i}")).collect();
    let mut text = format!(
        "Theorem {base}_proved : {base}_on {} {}.\nProof.\n  intros K HK.\n",
        lit(lo),
        lit(hi)
    );
    for (n, (i, (_, khi), consts)) in rows.iter().enumerate() {
        let last = n + 1 == rows.len();
        if !last {
            text.push_str(&format!(
                "  destruct (Rle_lt_dec K {}) as [Hr{n}|Hr{n}].\n  {{\n",
                lit(khi)
            ));
        } else {
            text.push_str("  {\n");
        }
        if !rule.constants.is_empty() {
            let lits: Vec<String> = consts.iter().map(lit).collect();
            text.push_str(&format!("    exists {}.\n", lits.join(", ")));
        }
        let ranges: Vec<&str> = std::iter::repeat("ltac:(split; lra)")
            .take(st.vars.len())
            .collect();
        text.push_str(&format!(
            "    split; [exact {base}_r{i:02}_constants | ].\n    intros {} {}.\n    exact ({base}_r{i:02} K {} {}).\n  }}\n",
            rest.join(" "),
            rest_hyps.join(" "),
            rest.join(" "),
            ranges.join(" ")
        ));
    }
    text.push_str("Qed.\n\n");
    text
}

/// One K row of a region proof, rebuilt.
struct Row {
    k: (Q, Q),
    consts: Vec<Q>,
    root: Box3,
    splits: String,
    cells: Vec<Box3>,
}

fn rows_of(o: &Obligation, rule: &RegionRule, st: &RegionStatement) -> Result<Vec<Row>, String> {
    let Proof::Region { rows } = &o.proof else {
        return Err(format!("{}: expected a region proof", o.id));
    };
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let at = |e: &dyn std::fmt::Display| format!("{}: row {i}: {e}", o.id);
            let k = parse_interval(&r.k, "k").map_err(|e| at(&e))?;
            let consts = row_constants(rule, r).map_err(|e| at(&e))?;
            let rest = (rule.bounds)(&consts).map_err(|e| at(&e))?;
            if rest.len() + 1 != st.vars.len() || st.ranges.len() != rest.len() {
                return Err(format!(
                    "{}: the cells have {} variables, the Coq statement names {} and {} ranges",
                    o.id,
                    rest.len() + 1,
                    st.vars.len(),
                    st.ranges.len()
                ));
            }
            let root: Box3 = std::iter::once(k.clone()).chain(rest).collect();
            let cells = leaves(&root, &r.splits).map_err(|e| at(&e))?;
            Ok(Row {
                k,
                consts,
                root,
                splits: r.splits.clone(),
                cells,
            })
        })
        .collect()
}

/// The files of one region obligation. Without a sample: per K row, its pieces in parts of
/// at most [`CHUNK`] lemmas and a row file with the row's cover lemma, and
/// `<prefix>_<base>.v` with the domain theorem over all rows. With a sample: one file with the sampled cells of
/// every row, and, for `full_row`, that row in full (parts, cover) and the domain theorem
/// over that row alone.
pub fn files(
    c: &Certificate,
    o: &Obligation,
    st: &RegionStatement,
    prefix: &str,
    opts: &Options,
) -> Result<Vec<CoqFile>, String> {
    let rule = match spec::rule(&c.family, &o.id)? {
        Some(Rule::Region(r)) => r,
        _ => {
            return Err(format!(
                "{}: the family's statement is not a region rule",
                o.id
            ))
        }
    };
    if rule.conditions.len() != st.conditions.len() {
        return Err(format!(
            "{}: {} conditions in the rule, {} in the Coq statement",
            o.id,
            rule.conditions.len(),
            st.conditions.len()
        ));
    }
    if let Some(i) = rule
        .conditions
        .iter()
        .zip(&st.conditions)
        .position(|(r, s)| r.applies.is_some() != s.applies.is_some())
    {
        return Err(format!(
            "{}: condition {i} is asked everywhere in one of the rule and the Coq statement and only where it applies in the other",
            o.id
        ));
    }
    let rows = rows_of(o, &rule, st)?;
    let base = ident(&o.id);
    let computed = rows
        .iter()
        .any(|r| region_data(st, &|t: &str| substitute(t, rule.constants, &r.consts)).is_some());
    let intro = |what: &str| {
        let mut t = header(c, &format!("obligation {}, {what}", o.id), false);
        if computed {
            t.push_str(REGION_CHECK_IMPORTS);
        }
        if let Some(cl) = &st.claim {
            t.push_str(&format!("From Twostep Require Import {}.\n\n", cl.module));
        }
        t.push_str(&format!("(** {}: {} *)\n\n", o.id, comment(&o.statement)));
        t
    };
    let full = opts.in_full(&o.id, rows.len(), "rows")?;
    let mut out = Vec::new();
    let mut main = intro(if opts.sample.is_some() {
        "a sample of cells of every K row"
    } else {
        "the domain theorem over every K row"
    });
    let mut main_lemmas = 0;
    main.push_str(&domain_definition(&base, &rule, st)?);
    let (mut kept, mut total) = (0usize, 0usize);
    let mut proved = Vec::new();
    let mut row_files = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let in_full = full.contains(&i);
        let keep = match opts.sample {
            Some(n) if !in_full => sample_indices(r.cells.len(), n),
            _ => (0..r.cells.len()).collect(),
        };
        let sub = |t: &str| substitute(t, rule.constants, &r.consts);
        let goal = holds(st, &sub)?;
        let mut text = format!(
            "(** Row {i}: K in [{}, {}]; cells {} of {}. *)\n",
            lit(&r.k.0),
            lit(&r.k.1),
            keep.len(),
            r.cells.len()
        );
        let data = region_data(st, &sub);
        let row_data = format!("{base}_r{i:02}");
        let cell_text = |js: &[usize]| -> String {
            let mut t = match &data {
                Some(d) if !js.is_empty() => data_definitions(&row_data, d),
                _ => String::new(),
            };
            for &j in js {
                let name = format!("{base}_r{i:02}_c{j:06}");
                let how = cell_proof(
                    &name,
                    data.as_ref().map(|_| row_data.as_str()),
                    &rule,
                    st,
                    &r.cells[j],
                    &r.consts,
                );
                t.push_str(&cell_lemma(&name, st.vars, &r.cells[j], &goal, &how));
            }
            t
        };
        let mut lemmas = 1;
        let mut cells = String::new();
        let mut grouped = None;
        if in_full {
            // A full row's cells are grouped into pieces (see `pieces`), one lemma each, which
            // go into parts of at most CHUNK lemmas, compiled in parallel.
            let shapes: Vec<Shape> = r
                .cells
                .iter()
                .map(|b| cell_shape(&rule, b, &r.consts))
                .collect();
            let g = group(&r.root, &r.splits, &shapes, MAX_PIECE_HEIGHT)
                .map_err(|e| format!("{}: row {i}: {e}", o.id))?;
            text.push_str(&format!(
                "(** In full: {} lemmas, one per maximal subtree of cells with one proof shape. *)\n",
                g.pieces.len()
            ));
            for (k, part) in g.pieces.chunks(CHUNK).enumerate() {
                let name = format!("{prefix}_{base}_r{i:02}_part{k}");
                let mut t = intro(&format!(
                    "K row {i}, cells {} to {}",
                    part[0].first,
                    part[part.len() - 1].last
                ));
                if let Some(d) = &data {
                    t.push_str(&data_definitions(&name, d));
                }
                for pc in part {
                    let tac = piece_tactic(st.vars, pc.height);
                    if pc.first != pc.last {
                        t.push_str(&format!(
                            "(** Cells {} to {}: one subtree of height {}, by bisection on its box. *)\n",
                            pc.first, pc.last, pc.height
                        ));
                    }
                    let lemma = format!("{base}_r{i:02}_c{:06}", pc.first);
                    let how = proof(
                        &lemma,
                        data.as_ref().map(|_| name.as_str()),
                        &pc.b,
                        &shapes[pc.first],
                        computed_depth(st.vars, pc.height),
                        &render(st, &shapes[pc.first], &sub, &tac),
                    );
                    t.push_str(&cell_lemma(&lemma, st.vars, &pc.b, &goal, &how));
                }
                out.push(CoqFile {
                    name: format!("{name}.v"),
                    text: t,
                    lemmas: part.len(),
                });
                text.push_str(&format!("From Twostep.generated Require Import {name}.\n"));
            }
            text.push('\n');
            grouped = Some(g);
        } else {
            cells = cell_text(&keep);
            lemmas += keep.len();
        }
        text.push_str(&constants_lemma(
            &format!("{base}_r{i:02}_constants"),
            &facts(st, &sub),
        ));
        text.push_str(&cells);
        if let Some(g) = grouped {
            let ids: Vec<usize> = g.pieces.iter().map(|pc| pc.first).collect();
            text.push_str(&cover_lemma(
                &format!("{base}_r{i:02}"),
                st.vars,
                &r.root,
                &g.code,
                &ids,
                &goal,
            )?);
            lemmas += 1;
            proved.push((i, r.k.clone(), r.consts.clone()));
        }
        kept += keep.len();
        total += r.cells.len();
        if opts.sample.is_some() {
            main.push_str(&text);
            main_lemmas += lemmas;
        } else {
            let mut t = intro(&format!("K row {i}"));
            t.push_str(&text);
            row_files.push(format!("{prefix}_{base}_r{i:02}"));
            out.push(CoqFile {
                name: format!("{prefix}_{base}_r{i:02}.v"),
                text: t,
                lemmas,
            });
        }
    }
    if opts.sample.is_none() {
        for f in &row_files {
            main.push_str(&format!("From Twostep.generated Require Import {f}.\n"));
        }
        main.push('\n');
    }
    // The domain theorem splits K between the rows in full, so they must be adjacent.
    let adjacent = proved.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    if !adjacent {
        let rows: Vec<String> = proved.iter().map(|p| p.0.to_string()).collect();
        main.push_str(&format!(
            "(* Rows {} are in full, each with its cover lemma; they are not adjacent in K, so no theorem joins them. *)\n\n",
            rows.join(", ")
        ));
    }
    if !proved.is_empty() && adjacent {
        main.push_str(&domain_theorem(&base, &rule, st, &proved));
        main_lemmas += 1;
        if let Some(cl) = &st.claim {
            let (lo, hi) = (lit(&proved[0].1 .0), lit(&proved[proved.len() - 1].1 .1));
            main.push_str(&format!(
                "(** {}: {}.{} from the cells above. *)\nTheorem {} : {} {lo} {hi}.\nProof. exact ({} {lo} {hi} {base}_proved). Qed.\n\n",
                o.id, cl.module, cl.bridge, cl.name, cl.theorem, cl.bridge
            ));
            main_lemmas += 1;
        }
    }
    if let Some(cl) = &st.claim {
        main.push_str(&format!(
            "(** The generated domain statement is the one {} states by hand. *)\nLemma {base}_on_is_{} lo hi : {base}_on lo hi <-> {} lo hi.\nProof. split; intro H; exact H. Qed.\n\n",
            cl.module, cl.on, cl.on
        ));
        main_lemmas += 1;
    }
    if opts.sample.is_some() {
        main.push_str(&sample_note(
            kept,
            total,
            super::named_in_full("row", &full).map(|n| {
                let its = if full.len() == 1 {
                    "its cover lemma"
                } else {
                    "their cover lemmas"
                };
                format!("{n} in full with {its}")
            }),
        ));
    }
    out.push(CoqFile {
        name: format!("{prefix}_{base}.v"),
        text: main,
        lemmas: main_lemmas,
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arith::q::parse;

    #[test]
    fn constants_are_substituted_longest_name_first() {
        let names = ["c", "P", "plo", "dcap"];
        let consts: Vec<Q> = ["1.5", "2", "0.25", "3"]
            .iter()
            .map(|s| parse(s).unwrap())
            .collect();
        assert_eq!(
            substitute("$c - $plo + $P * $dcap", &names, &consts),
            "(3 / 2) - (1 / 4) + 2 * 3"
        );
        assert!(relation("<1", "x").is_err());
        assert_eq!(relation(">=0", "x").unwrap(), "0 <= x");
    }

    #[test]
    fn a_region_statement_must_match_the_rule() {
        let c = crate::cert::read(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/certificates/lemma2.json"
        )))
        .unwrap()
        .0;
        let o = c
            .obligations
            .iter()
            .find(|o| o.id == "L2.positive/region")
            .unwrap();
        let short = RegionStatement {
            vars: &["K", "p", "d"],
            ranges: vec![],
            claim: None,
            facts: vec![],
            guard: "$c - prod_w p d",
            conditions: vec![],
        };
        assert!(files(
            &c,
            o,
            &short,
            "Lemma2",
            &Options {
                sample: Some(1),
                ..Options::default()
            }
        )
        .is_err());
        let Some(super::super::statements::Statement::Region(st)) =
            super::super::statements::statement(&o.id)
        else {
            panic!()
        };
        let fs = files(
            &c,
            o,
            &st,
            "Lemma2",
            &Options {
                sample: Some(2),
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(fs.len(), 1);
        assert!(
            fs[0].text.contains("prod_p K p d"),
            "{}",
            &fs[0].text[..400]
        );
        // A sample alone proves no domain theorem; a row out of range is refused.
        assert!(!fs[0].text.contains("Theorem L2_positive_region_proved"));
        assert!(fs[0]
            .text
            .contains("Definition L2_positive_region_on (lo hi : R)"));
        let opts = Options {
            sample: Some(1),
            full_rows: vec!["29".parse().unwrap()],
        };
        let e = files(&c, o, &st, "Lemma2", &opts).err().unwrap();
        assert!(e.contains("29 rows"), "{e}");
        // Rows 0 and 2 of three in full: each has its cover lemma, and no domain theorem
        // joins them across the gap; rows 0 and 1 are joined.
        let mut three = o.clone();
        if let Proof::Region { rows } = &mut three.proof {
            rows.truncate(3);
        }
        let rows = |names: &[&str]| Options {
            sample: Some(1),
            full_rows: names.iter().map(|r| r.parse().unwrap()).collect(),
        };
        let fs = files(&c, &three, &st, "Lemma2", &rows(&["0", "2"])).unwrap();
        let main = fs.last().unwrap();
        assert!(main.text.contains("Lemma L2_positive_region_r00 "));
        assert!(main.text.contains("Lemma L2_positive_region_r02 "));
        assert!(!main.text.contains("Theorem L2_positive_region_proved"));
        assert!(
            main.text.contains("(* Rows 0, 2 are in full"),
            "{}",
            main.text
        );
        assert!(main
            .text
            .contains("rows 0, 2 in full with their cover lemmas"));
        let fs = files(&c, &three, &st, "Lemma2", &rows(&["1", "0"])).unwrap();
        let main = fs.last().unwrap();
        assert!(main
            .text
            .contains("Theorem L2_positive_region_proved : L2_positive_region_on 1 (26 / 25)."));
        // In full, two rows: one file each, and the domain theorem splits K between them.
        let mut two = o.clone();
        if let Proof::Region { rows } = &mut two.proof {
            rows.truncate(2);
        }
        let fs = files(&c, &two, &st, "Lemma2", &Options::default()).unwrap();
        let names: Vec<&str> = fs.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), 12, "{names:?}");
        assert!(names.contains(&"Lemma2_L2_positive_region_r01_part4.v"));
        // Row 0's 3 881 cells are 1 924 lemmas: the subtrees of one shape are grouped, each
        // proved with bisection deeper by its height.
        let part0 = &fs[0].text;
        assert!(part0.contains("(** Cells 0 to "), "{}", &part0[..2000]);
        assert!(part0.contains("i_depth 13"), "{}", &part0[..2000]);
        // Each lemma is RegionCheck's computation first (10 halvings and 3 per level of
        // the subtree, as `interval`'s tier), on the part's data, with `interval` behind it.
        assert!(part0.contains("From Twostep Require Import RegionCheck."));
        assert!(part0.contains(
            "Definition Lemma2_L2_positive_region_r00_part0_G : expr :=\n  (esub (ediv (eint 9819) (eint 5000)) (e_prod_w (Evar 1) (Evar 2)))."
        ));
        assert!(
            part0.contains("first [ region_by 13%nat (Box3 "),
            "{}",
            &part0[..3000]
        );
        assert_eq!(
            part0.matches("first [ region_by ").count(),
            fs[0].lemmas,
            "every lemma goes through the computation first"
        );
        assert_eq!(
            part0
                .matches("\n  | idtac \"L2_positive_region_r00_c")
                .count(),
            fs[0].lemmas
        );
        let lemmas: usize = fs[..4].iter().map(|f| f.lemmas).sum();
        assert_eq!(lemmas, 1924);
        assert!(fs[4].text.contains("In full: 1924 lemmas"));
        let main = &fs[11].text;
        assert!(
            main.contains("From Twostep.generated Require Import Lemma2_L2_positive_region_r01.")
        );
        assert!(
            main.contains("Theorem L2_positive_region_proved : L2_positive_region_on 1 (26 / 25).")
        );
        assert!(main.contains("destruct (Rle_lt_dec K (51 / 50)) as [Hr0|Hr0]."));
        assert!(main.contains("exact (L2_positive_region_r01 K p d "));
        assert!(main.contains("Theorem L2_positive_from_cells : positive_forever_on 1 (26 / 25)."));
    }

    fn unit_box() -> Box3 {
        vec![(Q::from(0), Q::from(1)), (Q::from(0), Q::from(1))]
    }

    #[test]
    fn the_cover_follows_the_split_code() {
        // Split y at 1/2, then the upper half's x at 1/2: three cells, in the checker's order.
        let ids = [0, 1, 2];
        let text = cover_lemma("r", &["x", "y"], &unit_box(), "1L0LL", &ids, "P x y").unwrap();
        assert!(
            text.contains("destruct (Rle_lt_dec y (1 / 2)) as [S0|S0]"),
            "{text}"
        );
        assert!(
            text.contains("destruct (Rle_lt_dec x (1 / 2)) as [S1|S1]"),
            "{text}"
        );
        assert!(
            text.contains(
                "exact (r_c000000 x y (conj (proj1 H0) (proj2 H0)) (conj (proj1 H1) S0))"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "exact (r_c000001 x y (conj (proj1 H0) S1) (conj (Rlt_le _ _ S0) (proj2 H1)))"
            ),
            "{text}"
        );
        assert!(text.contains("exact (r_c000002 x y (conj (Rlt_le _ _ S1) (proj2 H0)) (conj (Rlt_le _ _ S0) (proj2 H1)))"), "{text}");
        let cells = leaves(&unit_box(), "1L0LL").unwrap();
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[1][0].1, Q::from((1, 2)));
        // A code that ends early, runs on, or splits a variable that does not exist is refused.
        assert!(cover_lemma("r", &["x", "y"], &unit_box(), "1L0L", &ids, "P x y").is_err());
        assert!(cover_lemma("r", &["x", "y"], &unit_box(), "LL", &ids, "P x y").is_err());
        assert!(cover_lemma("r", &["x", "y"], &unit_box(), "2LL", &ids, "P x y").is_err());
        // A leaf is the lemma named by its id; as many ids as leaves are asked for.
        let text = cover_lemma("r", &["x", "y"], &unit_box(), "1LL", &[0, 5], "P x y").unwrap();
        assert!(text.contains("exact (r_c000005 x y"), "{text}");
        assert!(cover_lemma("r", &["x", "y"], &unit_box(), "1LL", &[0], "P x y").is_err());
        assert!(cover_lemma("r", &["x", "y"], &unit_box(), "1LL", &ids, "P x y").is_err());
    }
}
