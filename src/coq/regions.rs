//! Region obligations (Lemma 2, Theorem 3): for each K row, the cells of the row's
//! bisection are rebuilt from the box and the split code, and each kept cell becomes one
//! lemma proved by `interval`, stating exactly what the checker checks on it: either the
//! guard is negative on the cell (the cell lies outside the region), or every condition
//! holds on it, a condition with an `applies` quantity being replaced by `applies < 0`
//! where the checker skips it.

use super::boxes::sample_indices;
use super::number::{ident, lit};
use super::statements::RegionStatement;
use super::{comment, header, CoqFile, Options};
use crate::arith::q::Q;
use crate::cert::{parse_interval, Certificate, Obligation, Proof};
use crate::check::region::{base_args, full_args, leaves, row_constants, RegionBox as Box3};
use crate::check::spec::{self, RegionRule, Rule};

/// The tactic of a cell conjunct: plain evaluation, then bisection on the three variables.
const TACTIC: &str = "first [ interval with (i_prec 64) | interval with (i_prec 64, i_bisect K, i_bisect p, i_bisect d, i_depth 10) ]";

/// `term` with every `$name` replaced by the row constant's literal.
fn substitute(term: &str, names: &[&str], consts: &[Q]) -> String {
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(names[i].len()));
    let mut s = term.to_string();
    for i in order {
        s = s.replace(&format!("${}", names[i]), &lit(&consts[i]));
    }
    s
}

fn relation(rel: &str, term: &str) -> Result<String, String> {
    Ok(match rel {
        ">0" => format!("0 < {term}"),
        ">=0" => format!("0 <= {term}"),
        _ => return Err(format!("unknown region relation `{rel}`")),
    })
}

/// The goal of one cell: what the checker establishes there.
fn cell_goal(
    rule: &RegionRule,
    st: &RegionStatement,
    b: &Box3,
    consts: &[Q],
) -> Result<String, String> {
    let sub = |t: &str| substitute(t, rule.constants, consts);
    let args = base_args(b, consts);
    if (rule.guard.qi)(&args).is_neg() {
        return Ok(format!("{} < 0", sub(st.guard)));
    }
    let args = full_args(rule, args);
    let mut parts = Vec::new();
    for (c, s) in rule.conditions.iter().zip(&st.conditions) {
        if let (Some(a), Some(at)) = (&c.applies, s.applies) {
            if (a.qi)(&args).is_neg() {
                parts.push(format!("{} < 0", sub(at)));
                continue;
            }
        }
        parts.push(relation(s.rel, &sub(s.term))?);
    }
    Ok(parts.join(" /\\ "))
}

fn cell_lemma(name: &str, b: &Box3, goal: &str) -> String {
    format!(
        "Lemma {name} : forall K p d, {} <= K <= {} -> {} <= p <= {} -> {} <= d <= {} ->\n  {goal}.\nProof.\n  intros K p d HK Hp Hd.\n  repeat match goal with |- _ /\\ _ => split end.\n  all: unfold_model; {TACTIC}.\nQed.\n\n",
        lit(&b[0].0),
        lit(&b[0].1),
        lit(&b[1].0),
        lit(&b[1].1),
        lit(&b[2].0),
        lit(&b[2].1)
    )
}

/// The row's constant facts that the checker's `bounds` asks for (the statement's `facts`),
/// so that the row box holds the region's part of the row.
fn constants_lemma(name: &str, st: &RegionStatement, rule: &RegionRule, consts: &[Q]) -> String {
    let facts: Vec<String> = st
        .facts
        .iter()
        .map(|f| substitute(f, rule.constants, consts))
        .collect();
    format!(
        "Lemma {name} : {}.\nProof.\n  repeat match goal with |- _ /\\ _ => split end.\n  all: first [lra | interval].\nQed.\n\n",
        facts.join(" /\\ ")
    )
}

/// The files of one region obligation: one per K row, or one for a sample.
pub fn files(
    c: &Certificate,
    o: &Obligation,
    st: &RegionStatement,
    prefix: &str,
    opts: &Options,
) -> Result<Vec<CoqFile>, String> {
    let fam = spec::family(&c.family).ok_or_else(|| format!("unknown family {}", c.family))?;
    let rule = match fam
        .obligations
        .into_iter()
        .find(|s| s.id == o.id)
        .map(|s| s.rule)
    {
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
    let Proof::Region { rows } = &o.proof else {
        return Err(format!("{}: expected a region proof", o.id));
    };
    let base = ident(&o.id);
    let intro = |what: &str| {
        let mut t = header(c, &format!("obligation {}, {what}", o.id), false);
        t.push_str(&format!("(** {}: {} *)\n\n", o.id, comment(&o.statement)));
        t
    };
    let mut out = Vec::new();
    let mut sampled = intro("a sample of cells of every K row");
    let mut sampled_lemmas = 0;
    let (mut kept, mut total) = (0usize, 0usize);
    for (i, r) in rows.iter().enumerate() {
        let k = parse_interval(&r.k, "k").map_err(|e| format!("{}: row {i}: {e}", o.id))?;
        let consts = row_constants(&rule, r).map_err(|e| format!("{}: row {i}: {e}", o.id))?;
        let rest = (rule.bounds)(&consts).map_err(|e| format!("{}: row {i}: {e}", o.id))?;
        if rest.len() != 2 {
            return Err(format!(
                "{}: Coq region lemmas are written for (K, p, d) cells",
                o.id
            ));
        }
        let root: Box3 = std::iter::once(k).chain(rest).collect();
        let cells = leaves(&root, &r.splits).map_err(|e| format!("{}: row {i}: {e}", o.id))?;
        let keep = match opts.sample {
            Some(n) => sample_indices(cells.len(), n),
            None => (0..cells.len()).collect(),
        };
        let mut text = String::new();
        text.push_str(&format!(
            "(** Row {i}: K in [{}, {}]; cells {} of {}. *)\n",
            r.k[0],
            r.k[1],
            keep.len(),
            cells.len()
        ));
        text.push_str(&constants_lemma(
            &format!("{base}_r{i:02}_constants"),
            st,
            &rule,
            &consts,
        ));
        for &j in &keep {
            let goal = cell_goal(&rule, st, &cells[j], &consts)?;
            text.push_str(&cell_lemma(
                &format!("{base}_r{i:02}_c{j:06}"),
                &cells[j],
                &goal,
            ));
        }
        kept += keep.len();
        total += cells.len();
        if opts.sample.is_some() {
            sampled.push_str(&text);
            sampled_lemmas += keep.len() + 1;
        } else {
            let mut t = intro(&format!("K row {i}"));
            t.push_str(&text);
            out.push(CoqFile {
                name: format!("{prefix}_{base}_r{i:02}.v"),
                text: t,
                lemmas: keep.len() + 1,
            });
        }
    }
    if opts.sample.is_some() {
        sampled.push_str(&format!(
            "(* Sample: {kept} of {total} cells. Not stated here: that the cells of a row tile its box\n   (they are rebuilt from the split code, as the checker does) and that the rows cover the K domain. *)\n"
        ));
        out.push(CoqFile {
            name: format!("{prefix}_{base}.v"),
            text: sampled,
            lemmas: sampled_lemmas,
        });
    }
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
        assert!(relation("<0", "x").is_err());
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
            facts: vec![],
            guard: "$c - prod_w p d",
            conditions: vec![],
        };
        assert!(files(&c, o, &short, "Lemma2", &Options { sample: Some(1) }).is_err());
        let Some(super::super::statements::Statement::Region(st)) =
            super::super::statements::statement(&o.id)
        else {
            panic!()
        };
        let fs = files(&c, o, &st, "Lemma2", &Options { sample: Some(2) }).unwrap();
        assert_eq!(fs.len(), 1);
        assert!(
            fs[0].text.contains("prod_p K p d"),
            "{}",
            &fs[0].text[..400]
        );
    }
}
