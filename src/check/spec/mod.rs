//! The checker's statement lists: for each claim family, the claims with their domains
//! and every obligation with the quantity, relation and domain it is about. This is the
//! part of the checker a reviewer reads to know what "proved" means.

pub mod appendix_l;
pub mod lemma2;
pub mod product_common;
pub mod theorem2;
pub mod theorem3;
pub mod theorem4;
pub mod theorem4_region;
pub mod theorem4_stage1;
pub mod theorem4_stage2;

use crate::arith::exact::QI;
use crate::arith::sym::Sym;
use crate::arith::Q;
use inari::Interval;

/// Families this checker knows.
pub const FAMILIES: &[&str] = &["theorem2", "appendix-l", "lemma2", "theorem3", "theorem4"];

/// The statement list of a family.
pub fn family(name: &str) -> Option<FamilySpec> {
    match name {
        "theorem2" => Some(theorem2::spec()),
        "appendix-l" => Some(appendix_l::spec()),
        "lemma2" => Some(lemma2::spec()),
        "theorem3" => Some(theorem3::spec()),
        "theorem4" => Some(theorem4::spec()),
        _ => None,
    }
}

/// The rule family `family` states for obligation `id` (`None` for an obligation it does
/// not ask for); an error for an unknown family.
pub fn rule(family: &str, id: &str) -> Result<Option<Rule>, String> {
    let fam = self::family(family).ok_or_else(|| format!("unknown family {family}"))?;
    Ok(fam
        .obligations
        .into_iter()
        .find(|s| s.id == id)
        .map(|s| s.rule))
}

/// A claim family: its claims and obligations.
pub struct FamilySpec {
    /// Family name, as in the certificate's `family`.
    pub family: &'static str,
    /// Paper reference.
    pub paper: &'static str,
    /// Model name and map.
    pub model: (&'static str, &'static str),
    /// The claims.
    pub claims: Vec<ClaimSpec>,
    /// The obligations.
    pub obligations: Vec<ObligationSpec>,
}

/// One parameter range: name, lower end, closed?, upper end, closed?
pub type RangeSpec = (&'static str, &'static str, bool, &'static str, bool);

/// A claim and the domain on which the checker's statements of it are meant.
pub struct ClaimSpec {
    /// Claim id.
    pub id: &'static str,
    /// Paper reference.
    pub paper: &'static str,
    /// The claim in words.
    pub statement: &'static str,
    /// Its parameter domain.
    pub domain: Vec<RangeSpec>,
    /// Explains, for a parameter value beyond the domain, which inequality fails there.
    pub beyond: Option<fn(&Q) -> String>,
}

/// The sign a quantity must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    /// `> 0`
    Pos,
    /// `≥ 0`
    NonNeg,
    /// `< 0`
    Neg,
    /// `≤ 0`
    NonPos,
}

impl Rel {
    /// The certificate's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Rel::Pos => ">0",
            Rel::NonNeg => ">=0",
            Rel::Neg => "<0",
            Rel::NonPos => "<=0",
        }
    }

    /// Whether every point of `v` satisfies the relation.
    pub fn holds(self, v: &QI) -> bool {
        match self {
            Rel::Pos => v.is_pos(),
            Rel::NonNeg => v.is_nonneg(),
            Rel::Neg => v.is_neg(),
            Rel::NonPos => v.is_nonpos(),
        }
    }

    /// Whether the inari enclosure `v` proves the relation (used by the search).
    pub fn holds_iv(self, v: Interval) -> bool {
        if v.is_empty() {
            return false;
        }
        match self {
            Rel::Pos => v.inf() > 0.0,
            Rel::NonNeg => v.inf() >= 0.0,
            Rel::Neg => v.sup() < 0.0,
            Rel::NonPos => v.sup() <= 0.0,
        }
    }
}

/// A quantity of the paper, instantiated for every engine from one generic source.
#[derive(Clone, Copy)]
pub struct Quantity {
    /// Its name in formulas.
    pub name: &'static str,
    /// The checker's evaluation.
    pub qi: fn(&[QI]) -> QI,
    /// The search's evaluation.
    pub iv: fn(&[Interval]) -> Interval,
    /// A float evaluation (tables, plots; proves nothing).
    pub f: fn(&[f64]) -> f64,
}

/// Builds a [`Quantity`] from one generic expression over `T: Real`.
#[macro_export]
macro_rules! quantity {
    ($name:expr, |$v:ident| $body:expr) => {{
        #[allow(unused_imports)]
        fn q<T: $crate::arith::Real>($v: &[T]) -> T {
            use $crate::arith::{Field, Real, Sqrt};
            $body
        }
        $crate::check::spec::Quantity {
            name: $name,
            qi: q::<$crate::arith::exact::QI>,
            iv: q::<inari::Interval>,
            f: q::<f64>,
        }
    }};
}

/// Values a region rule computes once per cell, which its conditions read after the cell's
/// variables and the row constants (for example the states after one or two steps, so that
/// ten conditions on them do not compute them ten times). Same three engines as [`Quantity`].
#[derive(Clone, Copy)]
pub struct Derived {
    /// Their names, in order.
    pub names: &'static [&'static str],
    /// The checker's evaluation.
    pub qi: fn(&[QI]) -> Vec<QI>,
    /// The search's evaluation.
    pub iv: fn(&[Interval]) -> Vec<Interval>,
    /// A float evaluation (proves nothing).
    pub f: fn(&[f64]) -> Vec<f64>,
}

/// Builds a [`Derived`] from one generic expression over `T: Real` giving a `Vec<T>`.
#[macro_export]
macro_rules! derived {
    ($names:expr, |$v:ident| $body:expr) => {{
        #[allow(unused_imports)]
        fn d<T: $crate::arith::Real>($v: &[T]) -> Vec<T> {
            use $crate::arith::{Field, Real, Sqrt};
            $body
        }
        $crate::check::spec::Derived {
            names: $names,
            qi: d::<$crate::arith::exact::QI>,
            iv: d::<inari::Interval>,
            f: d::<f64>,
        }
    }};
}

/// How an obligation is proved.
pub enum Rule {
    /// `expr(vars) ≡ 0`, decided by the symbolic engine. `(name, non-zero?)` per variable.
    Identity {
        /// Variables.
        vars: &'static [(&'static str, bool)],
        /// The expression that must vanish identically.
        expr: fn(&[Sym]) -> Sym,
    },
    /// `quantity(vars) rel 0` on the domain, by cells.
    Sign {
        /// Variables, in the order `quantity` takes them.
        vars: &'static [&'static str],
        /// The relation.
        rel: Rel,
        /// The quantity.
        quantity: Quantity,
        /// Ranges of variables that are not claim parameters: (name, lo, hi), closed.
        extra: &'static [(&'static str, &'static str, &'static str)],
    },
    /// The quantity enclosed on every cell of a cover of the domain (a bound table).
    Enclosure {
        /// Variables.
        vars: &'static [&'static str],
        /// The quantity.
        quantity: Quantity,
        /// Extra ranges, as for `Sign`.
        extra: &'static [(&'static str, &'static str, &'static str)],
        /// Largest allowed width of a claimed enclosure (a table must say something).
        max_width: &'static str,
    },
    /// A period-`period` point of g_K at the one value `k`, by interval Newton.
    Newton {
        /// K.
        k: &'static str,
        /// The period.
        period: u64,
        /// `attracting` or `repelling`.
        stability: &'static str,
    },
    /// A grid basin of the neuron map (see `check::basin`): for every K piece, the union
    /// B of its cells is mapped into itself, |w_y⁺| ≤ (1 − rate·K) w_y on B, B lies in
    /// w_y ≤ `max_wy` and contains the period-2 orbit (δ₁, δ₁, 0), (δ₂, δ₂, 0).
    Basin {
        /// The contraction rate r of |w_y⁺| ≤ (1 − r K) w_y.
        rate: &'static str,
        /// The largest w_y of the basin.
        max_wy: &'static str,
    },
    /// The multiplier of a period-`period` orbit crosses `value` in a K interval of
    /// width at most `max_width`.
    Crossing {
        /// The period.
        period: u64,
        /// The value crossed.
        value: &'static str,
        /// The largest allowed width of the K interval.
        max_width: &'static str,
    },
    /// A region in (K, p, d) on which conditions hold, proved row by row (see [`RegionRule`]).
    Region(RegionRule),
    /// Stage 2 of Theorem 4 (see `check::reach`): the first state past 1/(2π) lies in the
    /// basin of [`theorem4_stage2`] within `steps` steps.
    Reach {
        /// The number of steps after T₁.
        steps: usize,
    },
    /// Global attraction of the 2-D product's period-2 orbit (see `check::attract`): per K
    /// piece, a slab graph whose p range holds the rows of the region obligation `region`.
    Attract {
        /// The id of the region obligation whose rows the slabs must hold.
        region: &'static str,
    },
}

/// A condition of a region rule: `quantity rel 0` wherever `applies ≥ 0` (everywhere when `None`).
pub struct Condition {
    /// The quantity, over `[K, p, d, constants...]`.
    pub quantity: Quantity,
    /// The relation.
    pub rel: Rel,
    /// Where the condition is asked for: `applies ≥ 0`.
    pub applies: Option<Quantity>,
}

/// Conditions on the region {guard ≥ 0} of a space whose first variable is K (for example
/// (K, p, d)), one K row at a time. Each row names its constants; `bounds` checks them and
/// gives the ranges of the other variables in the row's box, which must contain the
/// region's part in that row.
pub struct RegionRule {
    /// The variables of a cell, K first; the quantities take them in this order.
    pub vars: &'static [&'static str],
    /// Names of the row constants, in the order the quantities take them after the variables.
    pub constants: &'static [&'static str],
    /// From the constants: the ranges of the variables after K in the row box, or why the
    /// constants are not acceptable.
    pub bounds: fn(&[Q]) -> Result<Vec<(Q, Q)>, String>,
    /// The region is `guard ≥ 0`; a cell on which `guard < 0` is proved lies outside it.
    /// The guard reads the variables and constants only.
    pub guard: Quantity,
    /// Values computed once per cell inside the region; `applies` and the conditions read
    /// them after the variables and constants.
    pub derived: Option<Derived>,
    /// What must hold on the region.
    pub conditions: Vec<Condition>,
}

/// One obligation of a family.
pub struct ObligationSpec {
    /// Stable id.
    pub id: &'static str,
    /// The claim it serves.
    pub claim: &'static str,
    /// The statement, as the certificate must repeat it.
    pub statement: &'static str,
    /// How it is proved.
    pub rule: Rule,
}

/// Sym shorthand: the integer `n`.
pub fn n(v: i64) -> Sym {
    use crate::arith::Field;
    Sym::int(v)
}

/// Sym shorthand: `p/q`.
pub fn r(p: i64, q: i64) -> Sym {
    use crate::arith::Field;
    Sym::ratio(p, q)
}
