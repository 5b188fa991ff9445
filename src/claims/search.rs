//! Generic search on inari intervals: cells that prove a sign, cells with enclosures.

use crate::arith::interval::enclose;
use crate::arith::q::{ceil_dec, floor_dec, fmt, from_f64, Q};
use crate::cert::{Cell, EnclosedCell};
use crate::check::spec::{Quantity, Rel};
use inari::Interval;

/// A box: per variable, exact (lo, hi).
pub type QBox = Vec<(Q, Q)>;

/// Deepest bisection before the search gives up on a cell.
pub const MAX_DEPTH: u32 = 40;

fn eval(q: &Quantity, b: &QBox) -> Interval {
    let args: Vec<Interval> = b.iter().map(|(l, h)| enclose(l, h)).collect();
    (q.iv)(&args)
}

/// Cells refining `start` on each of which `q rel 0` holds in inari arithmetic.
pub fn prove_sign(q: &Quantity, rel: Rel, start: &[QBox]) -> Result<Vec<QBox>, String> {
    let mut out = Vec::new();
    let mut stack: Vec<(QBox, u32)> = start.iter().rev().map(|b| (b.clone(), 0)).collect();
    while let Some((b, depth)) = stack.pop() {
        if rel.holds_iv(eval(q, &b)) {
            out.push(b);
            continue;
        }
        if depth >= MAX_DEPTH {
            let shown: Vec<String> = b
                .iter()
                .map(|(l, h)| format!("[{}, {}]", fmt(l), fmt(h)))
                .collect();
            return Err(format!(
                "cannot prove {} {} on {}",
                q.name,
                rel.as_str(),
                shown.join(" × ")
            ));
        }
        let (lo, hi) = bisect(&b);
        stack.push((hi, depth + 1));
        stack.push((lo, depth + 1));
    }
    Ok(out)
}

/// Splits a box in half across its widest side.
pub fn bisect(b: &QBox) -> (QBox, QBox) {
    let (i, _) = b
        .iter()
        .enumerate()
        .map(|(i, (l, h))| (i, Q::from(h - l)))
        .max_by(|x, y| x.1.cmp(&y.1))
        .expect("non-empty box");
    let mid = Q::from(&b[i].0 + &b[i].1) / 2u32;
    let mut lo = b.clone();
    let mut hi = b.clone();
    lo[i].1 = mid.clone();
    hi[i].0 = mid;
    (lo, hi)
}

/// A cell as certificate data.
pub fn to_cell(vars: &[&str], b: &QBox) -> Cell {
    vars.iter()
        .zip(b)
        .map(|(v, (l, h))| (v.to_string(), [fmt(l), fmt(h)]))
        .collect()
}

/// An inari enclosure rounded outward to `places` decimals, as exact text.
pub fn rounded(v: Interval, places: u32) -> [String; 2] {
    [
        fmt(&floor_dec(&from_f64(v.inf()), places)),
        fmt(&ceil_dec(&from_f64(v.sup()), places)),
    ]
}

/// Enclosures of `q` on each cell, rounded outward to `places` decimals.
pub fn enclosures(q: &Quantity, vars: &[&str], cells: &[QBox], places: u32) -> Vec<EnclosedCell> {
    cells
        .iter()
        .map(|b| EnclosedCell {
            cell: to_cell(vars, b),
            value: rounded(eval(q, b), places),
        })
        .collect()
}

/// One-variable cells with the given breakpoints.
pub fn cells_1d(points: &[Q]) -> Vec<QBox> {
    points
        .windows(2)
        .map(|w| vec![(w[0].clone(), w[1].clone())])
        .collect()
}

/// The proof data of an identity, sign or enclosure obligation, searched from `start`.
pub fn standard_proof(
    os: &crate::check::spec::ObligationSpec,
    start: &[QBox],
) -> Result<crate::cert::Proof, String> {
    use crate::cert::Proof;
    use crate::check::spec::Rule;
    match &os.rule {
        Rule::Identity { vars, .. } => Ok(Proof::Identity {
            variables: vars.iter().map(|v| v.0.to_string()).collect(),
        }),
        Rule::Sign {
            vars,
            rel,
            quantity,
            ..
        } => {
            let cells = prove_sign(quantity, *rel, start).map_err(|e| format!("{}: {e}", os.id))?;
            Ok(Proof::Sign {
                relation: rel.as_str().into(),
                cells: cells.iter().map(|b| to_cell(vars, b)).collect(),
            })
        }
        Rule::Enclosure { vars, quantity, .. } => Ok(Proof::Enclosure {
            cells: enclosures(quantity, vars, start, 9),
        }),
        _ => Err(format!("{}: needs a family-specific search", os.id)),
    }
}

/// Wraps a proof into an obligation entry.
pub fn entry(
    os: &crate::check::spec::ObligationSpec,
    proof: crate::cert::Proof,
) -> crate::cert::Obligation {
    crate::cert::Obligation {
        id: os.id.into(),
        claim: os.claim.into(),
        statement: os.statement.into(),
        proof,
    }
}
