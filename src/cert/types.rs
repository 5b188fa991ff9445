//! The certificate's members, as serde types, and the check that every number in them
//! is an exact number.

use super::Malformed;
use crate::arith::q::{self, Q};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A closed interval `[lo, hi]` of exact numbers.
pub type Interval = [String; 2];

/// A box: variable name to closed interval.
pub type Cell = BTreeMap<String, Interval>;

/// A whole certificate.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Always [`super::FORMAT`].
    pub format: String,
    /// Always [`super::VERSION`].
    pub version: u64,
    /// The claim family, which names the checker's statement list (`theorem2`, ...).
    pub family: String,
    /// Where in the paper the family lives.
    pub paper: String,
    /// The model and its map.
    pub model: Model,
    /// The claims, each with its parameter domain.
    pub claims: Vec<Claim>,
    /// Every obligation, with the data that proves it.
    pub obligations: Vec<Obligation>,
    /// What wrote the certificate.
    pub tool: Tool,
    /// `sha256:<hex>` of the canonical form.
    #[serde(default)]
    pub hash: String,
}

/// The model a family is about.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Short name (`quartic`, `product`, `neuron`).
    pub name: String,
    /// The map, written out.
    pub map: String,
}

/// One claim of the paper.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id from CLAIMS.md (`T2.xm`).
    pub id: String,
    /// Paper reference (equation, section).
    pub paper: String,
    /// The claim in words.
    pub statement: String,
    /// Parameter domain: name to range.
    pub domain: BTreeMap<String, Range>,
}

/// A range of one parameter, each end open or closed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Lower end: an exact number or a named constant.
    pub lo: String,
    /// Whether `lo` belongs to the range.
    pub lo_closed: bool,
    /// Upper end: an exact number or a named constant.
    pub hi: String,
    /// Whether `hi` belongs to the range.
    pub hi_closed: bool,
}

/// The program that wrote a certificate.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// `twostep`.
    pub name: String,
    /// Crate version.
    pub version: String,
    /// `sha256:` of the source tree (`src/`, `Cargo.toml`, `Cargo.lock`) that wrote it.
    pub source_digest: String,
}

/// One obligation: a statement the checker re-proves, and the data it needs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Stable id (`T2.roots/vieta-product`).
    pub id: String,
    /// The claim it serves.
    pub claim: String,
    /// The statement in words and formulas.
    pub statement: String,
    /// How it is proved.
    pub proof: Proof,
}

/// The kinds of proof data.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Proof {
    /// An algebraic identity; the checker expands it exactly. No data.
    Identity {
        /// The variables of the identity, for the reader.
        variables: Vec<String>,
    },
    /// A sign (`>0`, `>=0`, `<0`, `<=0`) on every cell; the cells cover the domain.
    Sign {
        /// The relation of the quantity to 0.
        relation: String,
        /// The cells.
        cells: Vec<Cell>,
    },
    /// On every cell the quantity lies in `value`; the cells cover the domain.
    Enclosure {
        /// The cells with their claimed enclosures.
        cells: Vec<EnclosedCell>,
    },
    /// A period-n point of the 1-D map at one K, proved by an interval Newton step.
    Newton {
        /// The parameter K.
        k: String,
        /// The period.
        period: u64,
        /// A box holding exactly one zero of gⁿ(y) − y.
        y: Interval,
        /// Claimed enclosure of gⁿ'(y), the orbit's multiplier.
        multiplier: Interval,
        /// `attracting` (|multiplier| < 1) or `repelling` (|multiplier| > 1).
        stability: String,
    },
    /// A union of cells of a uniform grid over (v, w_x, |w_y|), one per K piece, that the
    /// neuron map sends into itself and on which w_y contracts.
    Basin {
        /// One basin per K piece; the pieces cover the claim's K range.
        pieces: Vec<BasinPiece>,
    },
    /// The multiplier of a period-n orbit crosses a value between two K.
    Crossing {
        /// The K interval.
        k: Interval,
        /// The period.
        period: u64,
        /// A box holding, for every K of `k`, exactly one zero of gⁿ(y) − y.
        y: Interval,
        /// The value crossed (−1 for a period doubling).
        value: String,
        /// Claimed multiplier enclosure at the lower K.
        multiplier_at_lo: Interval,
        /// Claimed multiplier enclosure at the upper K.
        multiplier_at_hi: Interval,
    },
    /// A region in (K, p, d), checked row by row: each row fixes a K interval and the
    /// row's constants; its cells come from bisecting the row's box by `splits`.
    Region {
        /// The rows; their K intervals cover the domain.
        rows: Vec<RegionRow>,
    },
    /// Stage 2 of Theorem 4: per K piece, entry and start cells and generations of grid
    /// cells that carry the first state past 1/(2π) into the basin.
    Reach {
        /// The K pieces; they cover the claim's K range.
        pieces: Vec<ReachPiece>,
    },
    /// Global attraction of the 2-D product's period-2 orbit: per K piece, a cover of the
    /// slab {W ≤ ω} by p-intervals whose transition graph leads to two target intervals.
    Attract {
        /// The K pieces; they cover the claim's K range.
        pieces: Vec<AttractPiece>,
    },
}

/// The slab graph of one K piece (see `check::attract`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AttractPiece {
    /// The K piece.
    pub k: Interval,
    /// The slab's bound ω on W = d(d + 4p).
    pub omega: String,
    /// A bound on d in the slab, with dcap² ≥ ω (d ≤ √W).
    pub dcap: String,
    /// The cells' end points p₀ < p₁ < … ; cell i is [pᵢ, pᵢ₊₁].
    pub cuts: Vec<String>,
    /// The cells [i, j) of the strip around p = 1, where the map pushes p away from 1
    /// (pieces with targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip: Option<[u32; 2]>,
    /// The cells [i, j) of the targets around δ₁² and δ₂², each mapped into the other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<[[u32; 2]; 2]>,
    /// The cells [i, j) of the neighbourhood N of p = 1 that replaces strip and targets on
    /// the pieces that reach K = 1 (see `check::attract`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near: Option<[u32; 2]>,
}

/// Stage 2 for one K piece.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReachPiece {
    /// The K piece.
    pub k: Interval,
    /// Lower corner of the grid (v, w_x, w_y).
    pub origin: [String; 3],
    /// Cell sides (v, w_x, w_y).
    pub size: [String; 3],
    /// Cells per axis.
    pub count: [u32; 3],
    /// Preorder bisection code of the stage-1 box K × a × α × σ (`0`-`3` split that
    /// side at its midpoint, the lower half first; `L` is a cell).
    pub entry_splits: String,
    /// Preorder bisection code of the start box K × α₀ × σ₀.
    pub start_splits: String,
    /// Generation 0, 1, …: the cells of each, as runs [i, l, j₀, j₁] (see [`BasinPiece`]).
    pub generations: Vec<Vec<[u32; 4]>>,
}

/// One K interval of a region proof.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegionRow {
    /// The K interval.
    pub k: Interval,
    /// The row's constants (exact numbers), by name.
    pub constants: BTreeMap<String, String>,
    /// Preorder bisection code of the box K × p × d: `0`, `1`, `2` split that side at its
    /// midpoint (the lower half comes first), `L` is a cell.
    pub splits: String,
}

/// The basin for one K piece: its grid and the indices of its cells.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BasinPiece {
    /// The K piece.
    pub k: Interval,
    /// Lower corner of the grid (v, w_x, w_y).
    pub origin: [String; 3],
    /// Cell sides (v, w_x, w_y).
    pub size: [String; 3],
    /// Cells per axis.
    pub count: [u32; 3],
    /// The cells, as runs [i, l, j₀, j₁]: the cells (i, j, l) for j₀ ≤ j ≤ j₁, where cell
    /// (i, j, l) is v ∈ [o_v + i h_v, o_v + (i+1) h_v], w_x likewise with j, w_y with l.
    pub runs: Vec<[u32; 4]>,
}

impl BasinPiece {
    /// The cells (i, j, l) of the runs, in run order.
    pub fn cells(&self) -> Vec<[u32; 3]> {
        cells_of_runs(&self.runs)
    }

    /// Runs [i, l, j₀, j₁] of a sorted set of cells.
    pub fn runs_of(cells: &std::collections::BTreeSet<[u32; 3]>) -> Vec<[u32; 4]> {
        let mut keyed: Vec<(u32, u32, u32)> = cells.iter().map(|c| (c[0], c[2], c[1])).collect();
        keyed.sort();
        let mut runs: Vec<[u32; 4]> = Vec::new();
        for (i, l, j) in keyed {
            match runs.last_mut() {
                Some(r) if r[0] == i && r[1] == l && r[3] + 1 == j => r[3] = j,
                _ => runs.push([i, l, j, j]),
            }
        }
        runs
    }
}

/// A grid's numbers parse, its cells have positive sides, and every run lies inside it.
fn check_grid(
    p: &str,
    k: &Interval,
    origin: &[String; 3],
    size: &[String; 3],
    count: [u32; 3],
    runs: &[(&[[u32; 4]], String)],
) -> Result<(), Malformed> {
    for a in 0..3 {
        q::parse(&origin[a]).map_err(|e| Malformed::new(format!("{p}.origin[{a}]"), e))?;
        let h = q::parse(&size[a]).map_err(|e| Malformed::new(format!("{p}.size[{a}]"), e))?;
        if h <= 0 {
            return Err(Malformed::new(
                format!("{p}.size[{a}]"),
                "cell sides must be positive",
            ));
        }
        if count[a] == 0 {
            return Err(Malformed::new(
                format!("{p}.count[{a}]"),
                "the grid needs at least one cell per axis",
            ));
        }
    }
    parse_interval(k, &format!("{p}.k"))?;
    for (list, at) in runs {
        for (i, r) in list.iter().enumerate() {
            if r[0] >= count[0] || r[1] >= count[2] || r[2] > r[3] || r[3] >= count[1] {
                return Err(Malformed::new(
                    format!("{at}[{i}]"),
                    "not a run of cells inside the grid",
                ));
            }
        }
    }
    Ok(())
}

/// The cells (i, j, l) of runs [i, l, j₀, j₁], in run order.
pub fn cells_of_runs(runs: &[[u32; 4]]) -> Vec<[u32; 3]> {
    runs.iter()
        .flat_map(|r| (r[2]..=r[3]).map(move |j| [r[0], j, r[1]]))
        .collect()
}

/// A cell with a claimed enclosure.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EnclosedCell {
    /// The cell.
    #[serde(rename = "box")]
    pub cell: Cell,
    /// The claimed enclosure of the quantity on the cell.
    pub value: Interval,
}

/// An end of a parameter range.
#[derive(Clone, Debug, PartialEq)]
pub enum Endpoint {
    /// An exact rational.
    Exact(Q),
    /// `sqrt(9/2)-1` = K★, the upper end of Theorem 2.
    KStar,
    /// `sqrt(5)-1`, where the period-2 orbit loses stability.
    Sqrt5Minus1,
}

impl Endpoint {
    /// Parses an exact number or a named constant.
    pub fn parse(s: &str) -> Result<Endpoint, String> {
        match s {
            "sqrt(9/2)-1" => Ok(Endpoint::KStar),
            "sqrt(5)-1" => Ok(Endpoint::Sqrt5Minus1),
            _ => q::parse(s)
                .map(Endpoint::Exact)
                .map_err(|e| format!("{e}; named constants are `sqrt(9/2)-1` and `sqrt(5)-1`")),
        }
    }

    /// How this end compares with the rational `x`, exactly.
    pub fn cmp_q(&self, x: &Q) -> Ordering {
        let root_minus_one = |square: Q| {
            // v = √square − 1 is irrational, so never equal to x.
            let t = Q::from(1) + x;
            if t > 0 && t.clone() * &t > square {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        };
        match self {
            Endpoint::Exact(q) => q.cmp(x),
            Endpoint::KStar => root_minus_one(Q::from((9, 2))),
            Endpoint::Sqrt5Minus1 => root_minus_one(Q::from(5)),
        }
    }

    /// The exact value, when rational.
    pub fn exact(&self) -> Option<&Q> {
        match self {
            Endpoint::Exact(q) => Some(q),
            _ => None,
        }
    }
}

/// Parses the interval `iv` found at `path`.
pub fn parse_interval(iv: &Interval, path: &str) -> Result<(Q, Q), Malformed> {
    let lo = q::parse(&iv[0]).map_err(|e| Malformed::new(format!("{path}[0]"), e))?;
    let hi = q::parse(&iv[1]).map_err(|e| Malformed::new(format!("{path}[1]"), e))?;
    if lo > hi {
        return Err(Malformed::new(
            path,
            format!("empty interval: lower end {} > upper end {}", iv[0], iv[1]),
        ));
    }
    Ok((lo, hi))
}

/// Parses every interval of a cell.
pub fn parse_cell(cell: &Cell, path: &str) -> Result<BTreeMap<String, (Q, Q)>, Malformed> {
    if cell.is_empty() {
        return Err(Malformed::new(path, "a cell needs at least one variable"));
    }
    cell.iter()
        .map(|(k, iv)| parse_interval(iv, &format!("{path}.{k}")).map(|p| (k.clone(), p)))
        .collect()
}

impl Certificate {
    /// Checks that every number is exact, every interval non-empty, every range valid.
    pub fn validate(&self) -> Result<(), Malformed> {
        for (i, c) in self.claims.iter().enumerate() {
            for (name, r) in &c.domain {
                let p = format!("claims[{i}].domain.{name}");
                let lo =
                    Endpoint::parse(&r.lo).map_err(|e| Malformed::new(format!("{p}.lo"), e))?;
                let hi =
                    Endpoint::parse(&r.hi).map_err(|e| Malformed::new(format!("{p}.hi"), e))?;
                let ordered = match (lo.exact(), hi.exact()) {
                    (Some(a), _) => hi.cmp_q(a) == Ordering::Greater,
                    (None, Some(b)) => lo.cmp_q(b) == Ordering::Less,
                    (None, None) => lo == Endpoint::KStar && hi == Endpoint::Sqrt5Minus1,
                };
                if !ordered {
                    return Err(Malformed::new(
                        p,
                        "empty range: lower end not below upper end",
                    ));
                }
            }
        }
        for (i, o) in self.obligations.iter().enumerate() {
            let p = format!("obligations[{i}].proof");
            match &o.proof {
                Proof::Identity { .. } => {}
                Proof::Sign { relation, cells } => {
                    if !matches!(relation.as_str(), ">0" | ">=0" | "<0" | "<=0") {
                        return Err(Malformed::new(
                            format!("{p}.relation"),
                            format!("`{relation}` is not one of >0, >=0, <0, <=0"),
                        ));
                    }
                    for (j, c) in cells.iter().enumerate() {
                        parse_cell(c, &format!("{p}.cells[{j}]"))?;
                    }
                }
                Proof::Enclosure { cells } => {
                    for (j, c) in cells.iter().enumerate() {
                        parse_cell(&c.cell, &format!("{p}.cells[{j}].box"))?;
                        parse_interval(&c.value, &format!("{p}.cells[{j}].value"))?;
                    }
                }
                Proof::Newton {
                    k,
                    y,
                    multiplier,
                    stability,
                    ..
                } => {
                    q::parse(k).map_err(|e| Malformed::new(format!("{p}.k"), e))?;
                    parse_interval(y, &format!("{p}.y"))?;
                    parse_interval(multiplier, &format!("{p}.multiplier"))?;
                    if !matches!(stability.as_str(), "attracting" | "repelling") {
                        return Err(Malformed::new(
                            format!("{p}.stability"),
                            "expected `attracting` or `repelling`",
                        ));
                    }
                }
                Proof::Basin { pieces } => {
                    for (j, piece) in pieces.iter().enumerate() {
                        let p = format!("{p}.pieces[{j}]");
                        let runs = [(piece.runs.as_slice(), format!("{p}.runs"))];
                        check_grid(&p, &piece.k, &piece.origin, &piece.size, piece.count, &runs)?;
                    }
                }
                Proof::Reach { pieces } => {
                    for (j, piece) in pieces.iter().enumerate() {
                        let p = format!("{p}.pieces[{j}]");
                        let runs: Vec<_> = piece
                            .generations
                            .iter()
                            .enumerate()
                            .map(|(g, r)| (r.as_slice(), format!("{p}.generations[{g}]")))
                            .collect();
                        check_grid(&p, &piece.k, &piece.origin, &piece.size, piece.count, &runs)?;
                    }
                }
                Proof::Attract { pieces } => {
                    for (j, piece) in pieces.iter().enumerate() {
                        let p = format!("{p}.pieces[{j}]");
                        parse_interval(&piece.k, &format!("{p}.k"))?;
                        for (name, v) in [("omega", &piece.omega), ("dcap", &piece.dcap)] {
                            q::parse(v).map_err(|e| Malformed::new(format!("{p}.{name}"), e))?;
                        }
                        for (i, v) in piece.cuts.iter().enumerate() {
                            q::parse(v).map_err(|e| Malformed::new(format!("{p}.cuts[{i}]"), e))?;
                        }
                        let n = piece.cuts.len().saturating_sub(1) as u32;
                        let ranges: Vec<(&str, [u32; 2])> =
                            match (piece.strip, piece.targets, piece.near) {
                                (Some(s), Some(t), None) => {
                                    vec![("strip", s), ("targets[0]", t[0]), ("targets[1]", t[1])]
                                }
                                (None, None, Some(near)) => vec![("near", near)],
                                _ => {
                                    return Err(Malformed::new(
                                        p,
                                        "expected either strip and targets, or near".to_string(),
                                    ))
                                }
                            };
                        for (name, r) in ranges {
                            if r[0] >= r[1] || r[1] > n {
                                return Err(Malformed::new(
                                    format!("{p}.{name}"),
                                    format!("expected a non-empty range of the {n} cells"),
                                ));
                            }
                        }
                    }
                }
                Proof::Crossing {
                    k,
                    y,
                    value,
                    multiplier_at_lo,
                    multiplier_at_hi,
                    ..
                } => {
                    parse_interval(k, &format!("{p}.k"))?;
                    parse_interval(y, &format!("{p}.y"))?;
                    q::parse(value).map_err(|e| Malformed::new(format!("{p}.value"), e))?;
                    parse_interval(multiplier_at_lo, &format!("{p}.multiplier_at_lo"))?;
                    parse_interval(multiplier_at_hi, &format!("{p}.multiplier_at_hi"))?;
                }
                Proof::Region { rows } => {
                    for (j, r) in rows.iter().enumerate() {
                        parse_interval(&r.k, &format!("{p}.rows[{j}].k"))?;
                        for (name, v) in &r.constants {
                            q::parse(v).map_err(|e| {
                                Malformed::new(format!("{p}.rows[{j}].constants.{name}"), e)
                            })?;
                        }
                        if let Some(bad) =
                            r.splits.chars().find(|ch| !matches!(ch, '0'..='9' | 'L'))
                        {
                            return Err(Malformed::new(
                                format!("{p}.rows[{j}].splits"),
                                format!(
                                    "`{bad}` is not a digit (the variable split) or L (a leaf)"
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
