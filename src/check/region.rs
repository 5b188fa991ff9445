//! Re-proving a region rule: the K rows cover the claim's K domain, each row's constants
//! pass the statement's own test, and every cell of the row's bisection either lies
//! outside the region (guard < 0) or satisfies every condition that applies on it.
//! Coverage of a row's box holds by construction: the cells are rebuilt here from the
//! box and the split code, so they tile the box exactly.

use super::cover::{verify_cover, VarRange};
use super::rules::show;
use super::spec::RegionRule;
use super::Domain;
use crate::arith::exact::QI;
use crate::arith::q::{self, Q};
use crate::cert::{parse_interval, RegionRow};
use std::collections::BTreeMap;

/// A cell of a region rule: one closed range per variable, K first.
pub type RegionBox = Vec<(Q, Q)>;

/// One split of a split code: `c` names the variable (a digit below the box's dimension);
/// returns it, the midpoint of its range and the lower and upper halves of `b`.
pub fn halves(b: &RegionBox, c: char) -> Result<(usize, Q, RegionBox, RegionBox), String> {
    let dim = c
        .to_digit(10)
        .map(|d| d as usize)
        .filter(|&d| d < b.len())
        .ok_or_else(|| format!("`{c}` in the split code"))?;
    let mid = Q::from(&b[dim].0 + &b[dim].1) / 2u32;
    let (mut lo, mut hi) = (b.clone(), b.clone());
    lo[dim].1 = mid.clone();
    hi[dim].0 = mid.clone();
    Ok((dim, mid, lo, hi))
}

/// Rebuilds the cells of `root` from the preorder split code; `Err` when the code is not
/// a complete bisection tree.
pub fn leaves(root: &RegionBox, splits: &str) -> Result<Vec<RegionBox>, String> {
    let code: Vec<char> = splits.chars().collect();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    let mut i = 0;
    while let Some(b) = stack.pop() {
        let Some(&c) = code.get(i) else {
            return Err("the split code ends before the tree does".into());
        };
        i += 1;
        match c {
            'L' => out.push(b),
            _ => {
                let (_, _, lo, hi) = halves(&b, c)?;
                stack.push(hi);
                stack.push(lo);
            }
        }
    }
    if i != code.len() {
        return Err(format!(
            "the split code has {} characters after the tree ends",
            code.len() - i
        ));
    }
    Ok(out)
}

/// What the guard of a cell reads: the cell's ranges, then the row constants.
pub fn base_args(b: &RegionBox, consts: &[Q]) -> Vec<QI> {
    let mut args: Vec<QI> = b
        .iter()
        .map(|(l, h)| QI::new(l.clone(), h.clone()))
        .collect();
    args.extend(consts.iter().map(|c| QI::point(c.clone())));
    args
}

/// What `applies` and the conditions read: [`base_args`], then the rule's derived values.
pub fn full_args(rule: &RegionRule, mut args: Vec<QI>) -> Vec<QI> {
    if let Some(d) = &rule.derived {
        let extra = (d.qi)(&args);
        args.extend(extra);
    }
    args
}

/// A cell, for messages: `name ∈ [lo, hi]` per variable.
pub(super) fn show_box(names: &[&str], b: &RegionBox) -> String {
    b.iter()
        .zip(names)
        .map(|((l, h), n)| format!("{n} ∈ [{}, {}]", q::fmt(l), q::fmt(h)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The row's constants, in the rule's order.
pub fn row_constants(rule: &RegionRule, row: &RegionRow) -> Result<Vec<Q>, String> {
    let names: Vec<&str> = row.constants.keys().map(|s| s.as_str()).collect();
    let mut want: Vec<&str> = rule.constants.to_vec();
    want.sort();
    if names != want {
        return Err(format!("constants {names:?}, the statement needs {want:?}"));
    }
    rule.constants
        .iter()
        .map(|n| q::parse(&row.constants[*n]).map_err(|e| format!("constant {n}: {e}")))
        .collect()
}

/// Everything wrong with `rows` as a proof of `rule` on `domain`; empty when proved.
pub fn prove(rule: &RegionRule, rows: &[RegionRow], domain: &Domain) -> Vec<String> {
    let mut out = Vec::new();
    let Some(kd) = domain.iter().find(|d| d.0 == "K") else {
        return vec!["the claim has no K domain".into()];
    };
    let mut ks = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match parse_interval(&r.k, "k") {
            Ok(k) => ks.push(BTreeMap::from([("K".to_string(), k)])),
            Err(_) => return vec![format!("row {i}: malformed K interval")],
        }
    }
    if let Err(e) = verify_cover(
        &[VarRange {
            name: "K",
            lo: kd.1.clone(),
            hi: kd.3.clone(),
        }],
        &ks,
    ) {
        out.push(format!("K rows: {e}"));
    }
    use rayon::prelude::*;
    let per_row: Vec<Vec<String>> = rows.par_iter().map(|r| prove_row(rule, r)).collect();
    for (i, errs) in per_row.into_iter().enumerate() {
        for e in errs {
            out.push(format!("row {i}: {e}"));
            if out.len() > 20 {
                return out;
            }
        }
    }
    out
}

/// What fails on one cell: nothing when the guard is negative there or every condition that
/// applies holds.
fn cell_failures(rule: &RegionRule, b: &RegionBox, consts: &[Q]) -> Vec<String> {
    let mut out = Vec::new();
    let args = base_args(b, consts);
    if (rule.guard.qi)(&args).is_neg() {
        return out;
    }
    let args = full_args(rule, args);
    for c in &rule.conditions {
        if let Some(a) = &c.applies {
            if (a.qi)(&args).is_neg() {
                continue;
            }
        }
        let v = (c.quantity.qi)(&args);
        if !c.rel.holds(&v) {
            out.push(format!(
                "cell {}: {} ∈ {}, not {}",
                show_box(rule.vars, b),
                c.quantity.name,
                show(&v),
                c.rel.as_str()
            ));
        }
    }
    out
}

/// Everything wrong with one row (its constants and every cell); empty when proved.
pub fn prove_row(rule: &RegionRule, r: &RegionRow) -> Vec<String> {
    let mut out = Vec::new();
    let k = match parse_interval(&r.k, "k") {
        Ok(k) => k,
        Err(_) => return vec!["malformed K interval".into()],
    };
    let consts = match row_constants(rule, r) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    let rest = match (rule.bounds)(&consts) {
        Ok(b) => b,
        Err(e) => return vec![e],
    };
    if rest.len() + 1 != rule.vars.len() {
        return vec![format!(
            "the rule gives {} ranges for {} variables",
            rest.len() + 1,
            rule.vars.len()
        )];
    }
    let root: RegionBox = std::iter::once(k).chain(rest).collect();
    let cells = match leaves(&root, &r.splits) {
        Ok(c) => c,
        Err(e) => return vec![e],
    };
    // Cells are checked in parallel; the messages keep the cells' order.
    use rayon::prelude::*;
    let per_cell: Vec<Vec<String>> = cells
        .par_iter()
        .map(|b| cell_failures(rule, b, &consts))
        .collect();
    for e in per_cell.into_iter().flatten() {
        out.push(e);
        if out.len() > 20 {
            return out;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::spec::{Condition, Rel};
    use crate::{derived, quantity};

    fn unit_box(_: &[Q]) -> Result<Vec<(Q, Q)>, String> {
        Ok(vec![(Q::new(), Q::from(1))])
    }

    /// A rule on x ∈ [0, 1] whose one condition reads the derived value y = x + 1.
    fn rule(condition: crate::check::spec::Quantity) -> RegionRule {
        RegionRule {
            vars: &["K", "x"],
            constants: &[],
            bounds: unit_box,
            guard: quantity!("1", |_v| T::int(1)),
            derived: Some(derived!(&["y"], |v| vec![v[1].clone() + T::int(1)])),
            conditions: vec![Condition {
                quantity: condition,
                rel: Rel::NonNeg,
                applies: None,
            }],
        }
    }

    fn row(splits: &str) -> RegionRow {
        RegionRow {
            k: ["1".into(), "2".into()],
            constants: Default::default(),
            splits: splits.into(),
        }
    }

    #[test]
    fn conditions_read_the_derived_values() {
        let true_rule = rule(quantity!("y − 1", |v| v[2].clone() - T::int(1)));
        assert!(prove_row(&true_rule, &row("L")).is_empty());
        assert!(prove_row(&true_rule, &row("1LL")).is_empty());
        // y ≤ 3/2 fails on x ∈ [1/2, 1]: the bisected row shows the failing cell only.
        let false_rule = rule(quantity!("3/2 − y", |v| T::ratio(3, 2) - v[2].clone()));
        assert_eq!(prove_row(&false_rule, &row("L")).len(), 1);
        let errs = prove_row(&false_rule, &row("1LL"));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("x ∈ [0.5, 1]"), "{errs:?}");
    }
}
