//! Coverage: do the cells of an obligation tile its whole domain, with no gap?

use crate::arith::q::{fmt, Q};
use crate::cert::Endpoint;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Largest number of grid cells the n-dimensional cover check will visit.
pub const MAX_GRID: usize = 4_000_000;

/// One variable's range, closed at both ends (an open end is covered by covering its closure).
pub struct VarRange<'a> {
    /// Variable name.
    pub name: &'a str,
    /// Lower end.
    pub lo: Endpoint,
    /// Upper end.
    pub hi: Endpoint,
}

/// `Ok` when the union of `cells` contains the box `ranges`; otherwise the first gap.
pub fn verify_cover(ranges: &[VarRange], cells: &[BTreeMap<String, (Q, Q)>]) -> Result<(), String> {
    if cells.is_empty() {
        return Err("no cells".into());
    }
    for (i, c) in cells.iter().enumerate() {
        let names: Vec<&str> = c.keys().map(|s| s.as_str()).collect();
        let mut want: Vec<&str> = ranges.iter().map(|r| r.name).collect();
        want.sort();
        if names != want {
            return Err(format!(
                "cell {i} is over {names:?}, the domain is over {want:?}"
            ));
        }
    }
    if ranges.len() == 1 {
        return sweep(&ranges[0], cells);
    }
    grid(ranges, cells)
}

fn sweep(r: &VarRange, cells: &[BTreeMap<String, (Q, Q)>]) -> Result<(), String> {
    let mut iv: Vec<(Q, Q)> = cells.iter().map(|c| c[r.name].clone()).collect();
    iv.sort();
    // reach: everything of the domain up to `reach` is covered.
    let first = &iv[0];
    if r.lo.cmp_q(&first.0) == Ordering::Less {
        return Err(format!(
            "{} from the lower end of the domain to {} is not covered",
            r.name,
            fmt(&first.0)
        ));
    }
    let mut reach = first.1.clone();
    for (lo, hi) in &iv[1..] {
        if r.hi.cmp_q(&reach) != Ordering::Greater {
            break;
        }
        if *lo > reach {
            return Err(format!(
                "{} ∈ ({}, {}) is not covered",
                r.name,
                fmt(&reach),
                fmt(lo)
            ));
        }
        if *hi > reach {
            reach = hi.clone();
        }
    }
    if r.hi.cmp_q(&reach) == Ordering::Greater {
        return Err(format!(
            "{} above {} (to the upper end of the domain) is not covered",
            r.name,
            fmt(&reach)
        ));
    }
    Ok(())
}

fn grid(ranges: &[VarRange], cells: &[BTreeMap<String, (Q, Q)>]) -> Result<(), String> {
    // Breakpoints strictly inside each range; segment j of dimension d is
    // [bp[j-1] or lo, bp[j] or hi].
    let mut bps: Vec<Vec<Q>> = Vec::new();
    let mut total: usize = 1;
    for r in ranges {
        let mut pts: Vec<Q> = cells
            .iter()
            .flat_map(|c| {
                let (a, b) = &c[r.name];
                [a.clone(), b.clone()]
            })
            .filter(|x| r.lo.cmp_q(x) == Ordering::Less && r.hi.cmp_q(x) == Ordering::Greater)
            .collect();
        pts.sort();
        pts.dedup();
        total = total.saturating_mul(pts.len() + 1);
        bps.push(pts);
    }
    if total > MAX_GRID {
        return Err(format!(
            "cover too fine to check on a grid ({total} grid cells)"
        ));
    }
    let dims = ranges.len();
    let mut idx = vec![0usize; dims];
    loop {
        // The grid cell `idx`: in each dimension, (lo_j, hi_j).
        let covered = cells.iter().any(|c| {
            (0..dims).all(|d| {
                let r = &ranges[d];
                let (a, b) = &c[r.name];
                let j = idx[d];
                let lo_ok = if j == 0 {
                    r.lo.cmp_q(a) != Ordering::Less
                } else {
                    *a <= bps[d][j - 1]
                };
                let hi_ok = if j == bps[d].len() {
                    r.hi.cmp_q(b) != Ordering::Greater
                } else {
                    *b >= bps[d][j]
                };
                lo_ok && hi_ok
            })
        });
        if !covered {
            let desc: Vec<String> = (0..dims)
                .map(|d| {
                    let j = idx[d];
                    let lo = if j == 0 {
                        "lower end".to_string()
                    } else {
                        fmt(&bps[d][j - 1])
                    };
                    let hi = if j == bps[d].len() {
                        "upper end".to_string()
                    } else {
                        fmt(&bps[d][j])
                    };
                    format!("{} ∈ [{lo}, {hi}]", ranges[d].name)
                })
                .collect();
            return Err(format!(
                "the part {} of the domain is not covered",
                desc.join(", ")
            ));
        }
        let mut d = 0;
        loop {
            if d == dims {
                return Ok(());
            }
            idx[d] += 1;
            if idx[d] <= bps[d].len() {
                break;
            }
            idx[d] = 0;
            d += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arith::q::parse;

    fn cell(pairs: &[(&str, &str, &str)]) -> BTreeMap<String, (Q, Q)> {
        pairs
            .iter()
            .map(|(n, a, b)| (n.to_string(), (parse(a).unwrap(), parse(b).unwrap())))
            .collect()
    }

    fn range<'a>(name: &'a str, lo: &str, hi: &str) -> VarRange<'a> {
        VarRange {
            name,
            lo: Endpoint::parse(lo).unwrap(),
            hi: Endpoint::parse(hi).unwrap(),
        }
    }

    #[test]
    fn one_dimension() {
        let r = [range("K", "1", "sqrt(9/2)-1")];
        let ok = [cell(&[("K", "1", "1.1")]), cell(&[("K", "1.1", "1.1214")])];
        assert!(verify_cover(&r, &ok).is_ok());
        let short = [cell(&[("K", "1", "1.1")]), cell(&[("K", "1.1", "1.1213")])];
        assert!(verify_cover(&r, &short).is_err());
        let gap = [cell(&[("K", "1", "1.05")]), cell(&[("K", "1.06", "1.2")])];
        assert!(verify_cover(&r, &gap).unwrap_err().contains("not covered"));
    }

    #[test]
    fn two_dimensions() {
        let r = [range("a", "0", "1"), range("b", "0", "1")];
        let ok = [
            cell(&[("a", "0", "0.5"), ("b", "0", "1")]),
            cell(&[("a", "0.5", "1"), ("b", "0", "0.5")]),
            cell(&[("a", "0.5", "1"), ("b", "0.5", "1")]),
        ];
        assert!(verify_cover(&r, &ok).is_ok());
        let hole = &ok[..2];
        assert!(verify_cover(&r, hole).is_err());
    }
}
