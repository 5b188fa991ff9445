//! Sign and enclosure obligations: one `interval` lemma per cell, and for a
//! one-parameter domain a lemma over the whole domain by a covering case split.

use super::number::{endpoint, ident, lit};
use super::statements::BoxQuantity;
use super::{comment, header, CoqFile, Options};
use crate::arith::q::Q;
use crate::cert::{parse_cell, parse_interval, Cell, Certificate, Endpoint, Obligation, Proof};
use std::collections::BTreeMap;

/// The bisection tiers of a cell lemma: (precision, depth), tried in order.
pub(super) const BOX_TIERS: &[(u32, u32)] = &[(64, 16), (128, 24)];

/// The tactic of a cell lemma: plain evaluation, then bisection on every variable at each
/// tier (precision in bits, depth).
pub(super) fn tactic(vars: &[&str], tiers: &[(u32, u32)]) -> String {
    let bisect: Vec<String> = vars.iter().map(|v| format!("i_bisect {v}")).collect();
    let mut alternatives = vec!["interval with (i_prec 64)".to_string()];
    for (prec, depth) in tiers {
        alternatives.push(format!(
            "interval with (i_prec {prec}, {}, i_depth {depth})",
            bisect.join(", ")
        ));
    }
    format!("first [ {} ]", alternatives.join(" | "))
}

/// `term` in relation `rel` (`>0`, `>=0`, `<0`, `<=0`) to 0, as a Coq proposition.
pub(super) fn relation(rel: &str, term: &str) -> Result<String, String> {
    Ok(match rel {
        ">0" => format!("0 < {term}"),
        ">=0" => format!("0 <= {term}"),
        "<0" => format!("{term} < 0"),
        "<=0" => format!("{term} <= 0"),
        _ => return Err(format!("unknown relation `{rel}`")),
    })
}

fn binders(q: &BoxQuantity, cell: &BTreeMap<String, (Q, Q)>) -> Result<String, String> {
    let mut s = format!("forall {}, ", q.vars.join(" "));
    for v in q.vars {
        let (a, b) = cell
            .get(*v)
            .ok_or_else(|| format!("a cell has no range for {v}"))?;
        s.push_str(&format!("{} <= {v} <= {} -> ", lit(a), lit(b)));
    }
    Ok(s)
}

fn cell_lemma(
    name: &str,
    q: &BoxQuantity,
    cell: &BTreeMap<String, (Q, Q)>,
    goal: &str,
) -> Result<String, String> {
    Ok(format!(
        "Lemma {name} : {}{goal}.\nProof.\n  intros {}.\n  intros; unfold_model; {}.\nQed.\n\n",
        binders(q, cell)?,
        q.vars.join(" "),
        tactic(q.vars, BOX_TIERS)
    ))
}

/// Picks `n` of `len` indices, evenly spaced, first and last included.
pub fn sample_indices(len: usize, n: usize) -> Vec<usize> {
    if n >= len {
        return (0..len).collect();
    }
    if n <= 1 {
        return vec![0];
    }
    let mut v: Vec<usize> = (0..n).map(|i| i * (len - 1) / (n - 1)).collect();
    v.dedup();
    v
}

/// `lo_rel K` and `K hi_rel` of the claim's domain, with a proof that the cells' outer ends
/// lie beyond them.
fn cover_lemma(
    c: &Certificate,
    o: &Obligation,
    q: &BoxQuantity,
    cells: &[(String, BTreeMap<String, (Q, Q)>)],
    goal: &str,
) -> Result<String, String> {
    let v = q.vars[0];
    let claim = c
        .claims
        .iter()
        .find(|cl| cl.id == o.claim)
        .ok_or_else(|| format!("claim {} missing", o.claim))?;
    let r = claim
        .domain
        .get(v)
        .ok_or_else(|| format!("claim {} has no range for {v}", o.claim))?;
    let (lo, hi) = (Endpoint::parse(&r.lo)?, Endpoint::parse(&r.hi)?);
    let mut sorted: Vec<&(String, BTreeMap<String, (Q, Q)>)> = cells.iter().collect();
    sorted.sort_by(|a, b| a.1[v].cmp(&b.1[v]));
    let first = lit(&sorted[0].1[v].0);
    let last = lit(&sorted.iter().map(|c| c.1[v].1.clone()).max().unwrap());
    let (lo_t, hi_t) = (endpoint(&lo), endpoint(&hi));
    let end_proof = |fact: String, named: bool| {
        if named {
            format!("(assert ({fact}) by (try unfold K_star; interval with (i_prec 64)); lra)")
        } else {
            "lra".to_string()
        }
    };
    let mut p = format!(
        "(** {} over the whole domain of {}, by a case split over the cells. *)\nLemma {} : forall {v}, {lo_t} {} {v} -> {v} {} {hi_t} -> {goal}.\nProof.\n  intros {v} Hlo Hhi.\n",
        o.id,
        o.claim,
        ident(&o.id),
        if r.lo_closed { "<=" } else { "<" },
        if r.hi_closed { "<=" } else { "<" },
    );
    p.push_str(&format!(
        "  assert (Hl : {first} <= {v}) by {}.\n",
        end_proof(format!("{first} <= {lo_t}"), lo.exact().is_none())
    ));
    p.push_str(&format!(
        "  assert (Hh : {v} <= {last}) by {}.\n",
        end_proof(format!("{hi_t} <= {last}"), hi.exact().is_none())
    ));
    for (i, (name, cell)) in sorted.iter().enumerate() {
        if i + 1 == sorted.len() {
            p.push_str(&format!("  apply {name}; lra.\nQed.\n\n"));
        } else {
            p.push_str(&format!(
                "  destruct (Rle_lt_dec {v} {}) as [H{i}|H{i}]; [apply {name}; lra|].\n",
                lit(&cell[v].1)
            ));
        }
    }
    Ok(p)
}

/// Whether the claim of `o` has a domain range for `v` (a sign at a fixed point does not).
fn claim_ranges(c: &Certificate, o: &Obligation, v: &str) -> bool {
    c.claims
        .iter()
        .any(|cl| cl.id == o.claim && cl.domain.get(v).is_some())
}

/// The file of one sign or enclosure obligation.
pub fn file(
    c: &Certificate,
    o: &Obligation,
    q: &BoxQuantity,
    prefix: &str,
    opts: &Options,
) -> Result<CoqFile, String> {
    let base = ident(&o.id);
    let mut text = header(c, &format!("obligation {}", o.id), false);
    text.push_str(&format!("(** {}: {} *)\n\n", o.id, comment(&o.statement)));
    // (cell, goal) per cell.
    let mut cells: Vec<(BTreeMap<String, (Q, Q)>, String)> = Vec::new();
    let mut sign_goal = None;
    match &o.proof {
        Proof::Sign {
            relation: rel,
            cells: cs,
        } => {
            let want = q
                .rel
                .ok_or_else(|| format!("{}: a sign proof for a table", o.id))?;
            if rel != want {
                return Err(format!(
                    "{}: the certificate claims {rel}, the statement is {want}",
                    o.id
                ));
            }
            let goal = relation(want, q.term)?;
            for (i, cell) in cs.iter().enumerate() {
                cells.push((
                    parse_cell(cell as &Cell, &format!("cell {i}")).map_err(|e| e.to_string())?,
                    goal.clone(),
                ));
            }
            sign_goal = Some(goal);
        }
        Proof::Enclosure { cells: cs } => {
            if q.rel.is_some() {
                return Err(format!("{}: an enclosure proof for a sign statement", o.id));
            }
            for (i, ec) in cs.iter().enumerate() {
                let cell = parse_cell(&ec.cell, &format!("cell {i}")).map_err(|e| e.to_string())?;
                let (a, b) = parse_interval(&ec.value, "value").map_err(|e| e.to_string())?;
                cells.push((cell, format!("{} <= {} <= {}", lit(&a), q.term, lit(&b))));
            }
        }
        _ => return Err(format!("{}: expected a sign or enclosure proof", o.id)),
    }
    let keep = match opts.sample {
        Some(n) => sample_indices(cells.len(), n),
        None => (0..cells.len()).collect(),
    };
    let sampled = keep.len() < cells.len();
    let mut named = Vec::new();
    for &i in &keep {
        let (cell, goal) = &cells[i];
        let name = format!("{base}_c{i:03}");
        text.push_str(&cell_lemma(&name, q, cell, goal)?);
        named.push((name, cell.clone()));
    }
    let mut lemmas = named.len();
    match (&sign_goal, sampled, q.vars.len()) {
        (Some(goal), false, 1) if !named.is_empty() && claim_ranges(c, o, q.vars[0]) => {
            text.push_str(&cover_lemma(c, o, q, &named, goal)?);
            lemmas += 1;
        }
        (Some(_), true, _) => text.push_str(&format!(
            "(* Sample: {} of {} cells; the covering lemma over the domain is built only from all cells. *)\n",
            keep.len(),
            cells.len()
        )),
        (Some(_), false, _) => text.push_str("(* Not checked here: that the cells cover the domain (the cover lemma is generated for domains of the claim's one parameter only). *)\n"),
        (None, _, _) => {}
    }
    Ok(CoqFile {
        name: format!("{prefix}_{base}.v"),
        text,
        lemmas,
    })
}
