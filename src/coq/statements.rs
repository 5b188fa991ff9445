//! The Coq statement of every obligation, written by hand in terms of the definitions of
//! `proofs/Model.v` (not translated from the Rust quantities, so that Coq states
//! independently what each obligation says).

/// A square root that an identity mentions, introduced as a variable r with
/// r·r = radicand (from `sqrt_sqrt` and the radicand's sign).
pub struct Root {
    /// The variable's name in the proof.
    pub name: &'static str,
    /// The Coq term of the root, exactly as it appears after unfolding the model.
    pub term: &'static str,
    /// The radicand.
    pub radicand: &'static str,
    /// A proof term of `0 <= radicand`.
    pub sign: &'static str,
}

/// A = √(1 + 3/K).
pub const A: Root = Root {
    name: "A",
    term: "sqrt (1 + 3 / K)",
    radicand: "(1 + 3 / K)",
    sign: "rad_a K ltac:(lra)",
};
/// B = √(1 − 1/K).
pub const B: Root = Root {
    name: "B",
    term: "sqrt (1 - 1 / K)",
    radicand: "(1 - 1 / K)",
    sign: "rad_b K ltac:(lra)",
};
/// x_m = √((1 + K)/(3K)).
pub const XM: Root = Root {
    name: "X",
    term: "sqrt ((1 + K) / (3 * K))",
    radicand: "((1 + K) / (3 * K))",
    sign: "rad_xm K ltac:(lra)",
};
/// s = √(1/δ² − 3/4).
pub const S: Root = Root {
    name: "S",
    term: "sqrt (1 / d ^ 2 - 3 / 4)",
    radicand: "(1 / d ^ 2 - 3 / 4)",
    sign: "rad_s d ltac:(lra) ltac:(lra)",
};
/// √(Δ² + 4p), the sum x + y from p = xy and Δ = x − y.
pub const SD: Root = Root {
    name: "S",
    term: "sqrt (D ^ 2 + 4 * p)",
    radicand: "(D ^ 2 + 4 * p)",
    sign: "H0",
};
/// √5.
pub const R5: Root = Root {
    name: "R5",
    term: "sqrt 5",
    radicand: "5",
    sign: "ltac:(lra)",
};

/// R(p), the last factor of F(F(p)) − p = K p (p − 1)(K p − K − 2)(K²p² − K(K + 1)p + 1) R(p)
/// (P3.orbit-near), as a Coq term in K and p.
#[macro_export]
macro_rules! two_step_rest {
    () => {
        "K ^ 4 * p ^ 4 - (3 * K ^ 4 + 3 * K ^ 3) * p ^ 3 + (3 * K ^ 4 + 6 * K ^ 3 + 3 * K ^ 2) * p ^ 2 - (K ^ 4 + 3 * K ^ 3 + 4 * K ^ 2 + 2 * K) * p + K ^ 2 + 2 * K + 2"
    };
}

/// D(p, q), the divided difference of F(p) = p'(p, 0): F(q) − F(p) = (q − p) D(p, q), as a
/// Coq term in K, p and q.
#[macro_export]
macro_rules! slope_d {
    () => {
        "(1 + K) ^ 2 - 2 * K * (1 + K) * (p + q) + K ^ 2 * (p ^ 2 + p * q + q ^ 2)"
    };
}

/// An identity: `forall binders, hyps -> goal`.
pub struct Identity {
    /// Binders, space separated.
    pub binders: &'static str,
    /// Hypotheses.
    pub hyps: &'static [&'static str],
    /// The equation.
    pub goal: &'static str,
    /// Square roots to introduce.
    pub roots: &'static [Root],
}

/// A quantity on cells: its variables (in the certificate's names) and Coq term.
pub struct BoxQuantity {
    /// The variables.
    pub vars: &'static [&'static str],
    /// The Coq term.
    pub term: &'static str,
    /// For sign obligations, the relation to 0 (`>0`, ...).
    pub rel: Option<&'static str>,
}

/// The Coq statement of an obligation.
pub enum Statement {
    /// Proved by field/ring after reducing square roots.
    Identity(Identity),
    /// Proved cell by cell with `interval`.
    Box(BoxQuantity),
    /// Newton and crossing data are stated from the certificate with `iter`/`diter`.
    Orbit,
    /// A region proof: per cell of each K row, the guard is negative or every condition
    /// that applies holds (see [`RegionStatement`]).
    Region(RegionStatement),
    /// A slab graph of P3.orbit-global or P3.orbit-near: per cell, what the checker proves on
    /// it (see [`super::slabs`]).
    Slab,
    /// T4.stage2's generations or T4.grid-basin: per grid cell, what the checker proves on
    /// it (see [`super::grid`]).
    Grid,
    /// Not stated in Coq; the reason is written into the generated files.
    Gap(&'static str),
}

/// A condition of a region: `rel` of a Coq term over K, p, d and the row constants
/// (written `$name`), asked where `applies` is not negative.
pub struct RegionCondition {
    /// The Coq term.
    pub term: &'static str,
    /// Its relation to 0 (`>0` or `>=0`).
    pub rel: &'static str,
    /// Where it is asked: `applies >= 0` (everywhere when `None`).
    pub applies: Option<&'static str>,
}

/// The Coq statement of a region rule, conditions in the rule's order.
pub struct RegionStatement {
    /// The Coq names of the cell's variables, in the rule's order (K first).
    pub vars: &'static [&'static str],
    /// The ranges of the variables after K (`$name` terms), as the checker's `bounds` gives
    /// them from the row constants.
    pub ranges: Vec<(&'static str, &'static str)>,
    /// What the checker's `bounds` asks of the row constants (`$name` terms), so that the
    /// row box holds the region's part of the row.
    pub facts: Vec<&'static str>,
    /// The region is `guard >= 0`.
    pub guard: &'static str,
    /// The conditions.
    pub conditions: Vec<RegionCondition>,
    /// The claim that a hand-written Coq file derives from the region, if any.
    pub claim: Option<RegionClaim>,
}

/// A claim proved by hand from a region obligation: `module` defines `on lo hi` (the same
/// proposition as the generated `<base>_on lo hi`) and proves
/// `bridge lo hi : on lo hi -> theorem lo hi`; the generated files prove `name : theorem lo hi`
/// for the K range whose rows are generated in full.
pub struct RegionClaim {
    /// The hand-written Coq module.
    pub module: &'static str,
    /// Its statement of the region obligation over [lo, hi].
    pub on: &'static str,
    /// Its statement of the claim over [lo, hi].
    pub theorem: &'static str,
    /// Its proof that the region gives the claim.
    pub bridge: &'static str,
    /// The name of the generated theorem.
    pub name: &'static str,
}

fn cond(term: &'static str, rel: &'static str, applies: Option<&'static str>) -> RegionCondition {
    RegionCondition { term, rel, applies }
}

/// The positivity conditions of `L2.positive/region` (MATH.md §2, proofs/product.md).
fn positivity() -> Vec<RegionCondition> {
    vec![
        cond("2 - (K * (p - 1)) ^ 2", ">=0", None),
        cond("1 - K * (p - 1)", ">0", None),
        cond("$P - prod_p K p d", ">=0", None),
        cond("prod_p K p d - $plo", ">=0", None),
        // p' − p/1000, written as the checker evaluates it.
        cond(
            "p * ((1 - K * (p - 1)) ^ 2 - 1 / 1000) - K * (p - 1) * d",
            ">=0",
            None,
        ),
    ]
}

/// The ranges of p and d in a product region's row box.
const PRODUCT_RANGES: &[(&str, &str)] = &[("$plo", "$P"), ("0", "$dcap")];

/// The constant facts of the product regions.
const PRODUCT_FACTS: &[&str] = &[
    "0 < $c",
    "0 <= $plo",
    "$plo <= 1",
    "1 <= $P",
    "0 <= $dcap",
    "$c <= $dcap ^ 2",
];

/// The region of Lemma 2: {W <= c} with the positivity conditions.
fn lemma2_region() -> Statement {
    Statement::Region(RegionStatement {
        vars: &["K", "p", "d"],
        ranges: PRODUCT_RANGES.to_vec(),
        facts: PRODUCT_FACTS.to_vec(),
        guard: "$c - prod_w p d",
        conditions: positivity(),
        claim: Some(RegionClaim {
            module: "ProductClaims",
            on: "positive_region_on",
            theorem: "positive_forever_on",
            bridge: "positive_from_region",
            name: "L2_positive_from_cells",
        }),
    })
}

/// The region of Theorem 3: the positivity conditions and the balancing conditions of Appendix G.
fn theorem3_region() -> Statement {
    let mut conditions = positivity();
    conditions.extend([
        cond("prod_z K p d - $kappa", ">=0", Some("p - 1")),
        cond(
            "(1 + K * (p - 1)) * (1 + K * (prod_p K p d - 1)) + 1 - $beta",
            ">=0",
            Some("p - 1"),
        ),
        cond("- prod_m K p d", ">0", Some("p - 1")),
        cond("2 - K * (1 - p)", ">=0", Some("1 - p")),
    ]);
    Statement::Region(RegionStatement {
        vars: &["K", "p", "d"],
        ranges: PRODUCT_RANGES.to_vec(),
        facts: [PRODUCT_FACTS, &["0 < $kappa", "0 < $beta"]].concat(),
        guard: "$c - prod_w p d",
        conditions,
        claim: Some(RegionClaim {
            module: "BalanceClaims",
            on: "balance_region_on",
            theorem: "balance_on",
            bridge: "balance_from_region",
            name: "T3_balance_from_cells",
        }),
    })
}

/// The region of P3.orbit-global: the positivity conditions, the margin of the Lyapunov
/// factor and the repelling strip around xy = 1; without the strip, the region of
/// P3.orbit-near.
fn orbit_region(strip: bool) -> Statement {
    let mut conditions = positivity();
    conditions.push(cond("2 - (K * (p - 1)) ^ 2 - $margin", ">=0", None));
    let mut facts = [PRODUCT_FACTS, &["0 < $margin"]].concat();
    if strip {
        conditions.push(cond(
            "- prod_m K p d - $lambda",
            ">=0",
            Some("$s ^ 2 - (p - 1) ^ 2"),
        ));
        facts.extend(["1 < $lambda", "0 < $s"]);
    }
    Statement::Region(RegionStatement {
        vars: &["K", "p", "d"],
        ranges: PRODUCT_RANGES.to_vec(),
        facts,
        guard: "$c - prod_w p d",
        conditions,
        claim: None,
    })
}

/// v and w_x of a (K, p, Δ) cell of the Theorem 4 region (Δ is `d` in the cell lemmas).
macro_rules! t4_v {
    () => {
        "((sqrt (d ^ 2 + 4 * p) + d) / 2)"
    };
}
macro_rules! t4_w {
    () => {
        "((sqrt (d ^ 2 + 4 * p) - d) / 2)"
    };
}
/// v₀⁺ = v − K w_x (p − 1) and w₀⁺ = w_x − K v (p − 1).
macro_rules! t4_x0 {
    () => {
        concat!("(", t4_v!(), " - K * ", t4_w!(), " * (p - 1))")
    };
}
macro_rules! t4_y0 {
    () => {
        concat!("(", t4_w!(), " - K * ", t4_v!(), " * (p - 1))")
    };
}
/// E₁ = K v + (K/(3π)) rmax/w_x², E₂ = (2K v/(3π)) rmax/w_x³, ρ = 1 − 3K/100.
macro_rules! t4_e1 {
    () => {
        concat!(
            "(K * ",
            t4_v!(),
            " + K / (3 * PI) * $rmax / ",
            t4_w!(),
            " ^ 2)"
        )
    };
}
macro_rules! t4_e2 {
    () => {
        concat!(
            "(2 * K * ",
            t4_v!(),
            " / (3 * PI) * $rmax / ",
            t4_w!(),
            " ^ 3)"
        )
    };
}
macro_rules! t4_rho {
    () => {
        "(1 - 3 / 100 * K)"
    };
}
macro_rules! t4_g {
    () => {
        concat!(
            "(",
            t4_x0!(),
            " * ",
            t4_e2!(),
            " + ",
            t4_y0!(),
            " * ",
            t4_e1!(),
            " + $rmax ^ 2 * ",
            t4_e1!(),
            " * ",
            t4_e2!(),
            ")"
        )
    };
}

/// State 1 of a stage-1 start (a₀ = 1, angle th, scale s), w_y taken as |w_y|.
macro_rules! s1_u1 {
    () => {
        "(scaled_u K s 1 (cos th) (sin th) th)"
    };
}
macro_rules! s1_x1 {
    () => {
        "(scaled_mx K s 1 (cos th) (sin th) th)"
    };
}
macro_rules! s1_y1 {
    () => {
        "(Rabs (scaled_my K s 1 (cos th) (sin th)))"
    };
}
/// The arguments of the second step: state 1 at its own angle.
macro_rules! s1_args1 {
    () => {
        concat!("K s ", s1_u1!(), " ", s1_x1!(), " ", s1_y1!())
    };
}
macro_rules! s1_al1 {
    () => {
        concat!("(alpha ", s1_x1!(), " ", s1_y1!(), ")")
    };
}
/// State 2 of a stage-1 start.
macro_rules! s1_u2 {
    () => {
        concat!("(scaled_u ", s1_args1!(), " ", s1_al1!(), ")")
    };
}
macro_rules! s1_x2 {
    () => {
        concat!("(scaled_mx ", s1_args1!(), " ", s1_al1!(), ")")
    };
}
macro_rules! s1_y2 {
    () => {
        concat!("(scaled_my ", s1_args1!(), ")")
    };
}
/// A state of R from (a, al): u = √a, (m_x, m_y) = (cos al, sin al)/√a, and its scaled step.
macro_rules! s1_args {
    () => {
        "K s (sqrt a) (cos al / sqrt a) (sin al / sqrt a)"
    };
}
macro_rules! s1_u {
    () => {
        concat!("(scaled_u ", s1_args!(), " al)")
    };
}
macro_rules! s1_x {
    () => {
        concat!("(scaled_mx ", s1_args!(), " al)")
    };
}
macro_rules! s1_y {
    () => {
        concat!("(scaled_my ", s1_args!(), ")")
    };
}
/// a ≥ 3/5, a ≤ 11/10 and α ≤ 9/10 of a scaled state (u, m_x, m_y), as three conditions.
macro_rules! s1_in_r {
    ($u:expr, $x:expr, $y:expr) => {
        [
            cond(
                concat!($u, " ^ 2 - 3 / 5 * (", $x, " ^ 2 + ", $y, " ^ 2)"),
                ">=0",
                None,
            ),
            cond(
                concat!("11 / 10 * (", $x, " ^ 2 + ", $y, " ^ 2) - ", $u, " ^ 2"),
                ">=0",
                None,
            ),
            cond(
                concat!(
                    $x,
                    " ^ 2 * sin (9 / 10) ^ 2 - ",
                    $y,
                    " ^ 2 * cos (9 / 10) ^ 2"
                ),
                ">=0",
                None,
            ),
        ]
    };
}

/// T4.stage1/start (src/check/spec/theorem4_stage1.rs): cells (K, α₀, σ₀); two scaled steps
/// from a₀ = 1, the second at the angle of state 1.
fn stage1_start() -> Statement {
    let mut conditions = vec![
        cond(s1_u1!(), ">0", None),
        cond(s1_x1!(), ">0", None),
        cond(
            concat!("1 / (2 * PI) - s * ", s1_u1!(), " * ", s1_x1!()),
            ">=0",
            None,
        ),
        cond(s1_u2!(), ">0", None),
        cond(s1_x2!(), ">0", None),
    ];
    conditions.extend(s1_in_r!(s1_u2!(), s1_x2!(), s1_y2!()));
    conditions.extend([
        cond(concat!(s1_u2!(), " * ", s1_x2!(), " - 2"), ">=0", None),
        cond(
            concat!("4 / 5 - s * ", s1_u2!(), " * ", s1_x2!()),
            ">=0",
            None,
        ),
    ]);
    Statement::Region(RegionStatement {
        vars: &["K", "th", "s"],
        ranges: vec![("0", "15708 / 10000"), ("0", "1 / 100")],
        facts: vec!["PI / 2 <= 15708 / 10000"],
        guard: "1",
        conditions,
        claim: Some(RegionClaim {
            module: "Stage1Claims",
            on: "stage1_start_region_on",
            theorem: "stage1_start_on",
            bridge: "stage1_start_from_region",
            name: "T4_stage1_start_from_cells",
        }),
    })
}

/// T4.stage1/invariant: cells (K, a, α, σ) of R meeting stage 1; one scaled step at the
/// cell's angle.
fn stage1_invariant() -> Statement {
    let mut conditions = vec![cond(s1_u!(), ">0", None), cond(s1_x!(), ">0", None)];
    conditions.extend(s1_in_r!(s1_u!(), s1_x!(), s1_y!()));
    conditions.extend([
        cond(
            concat!(
                s1_u!(),
                " * ",
                s1_x!(),
                " - 64 / 25 * sqrt a * (cos al / sqrt a)"
            ),
            ">=0",
            None,
        ),
        cond(
            concat!("4 / 5 - s * ", s1_u!(), " * ", s1_x!()),
            ">=0",
            None,
        ),
    ]);
    Statement::Region(RegionStatement {
        vars: &["K", "a", "al", "s"],
        ranges: vec![("3 / 5", "11 / 10"), ("0", "9 / 10"), ("0", "13 / 50")],
        facts: vec!["1 / (2 * PI) <= 13 / 50 * cos (9 / 10)"],
        guard: "1 / (2 * PI) - s * cos al",
        conditions,
        claim: Some(RegionClaim {
            module: "Stage1Claims",
            on: "stage1_region_on",
            theorem: "stage1_on",
            bridge: "stage1_from_region",
            name: "T4_stage1_from_cells",
        }),
    })
}

/// The region basin of Theorem 4 (proofs/theorem4.md), in the checker's order.
fn theorem4_region() -> Statement {
    Statement::Region(RegionStatement {
        vars: &["K", "p", "d"],
        ranges: vec![("$plo", "$P"), ("- $dcap", "$dcap")],
        facts: vec![
            "0 < $c",
            "0 < $M",
            "0 < $plo",
            "$plo < $P",
            "0 < $rmax",
            "$rmax <= 1 / 10",
            "0 <= $dcap",
            "$c ^ 2 <= $dcap ^ 2 * ($dcap ^ 2 + 4 * $plo)",
            // B holds T4.stage2's B (c >= 3/5, M <= 55, P >= 7/5, plo <= 7/20,
            // rmax >= 12/125: src/check/spec/theorem4_stage2.rs), for T4.bound.
            "3 / 5 <= $c",
            "$M <= 55",
            "7 / 5 <= $P",
            "$plo <= 7 / 20",
            "12 / 125 <= $rmax",
        ],
        guard: "$c ^ 2 - d ^ 2 * (d ^ 2 + 4 * p)",
        conditions: vec![
            cond(
                concat!(t4_rho!(), " + (1 - K * ", t4_v!(), " ^ 2)"),
                ">=0",
                None,
            ),
            cond(
                concat!(
                    t4_rho!(),
                    " - (1 - K * ",
                    t4_v!(),
                    " ^ 2 + K * ",
                    t4_v!(),
                    " * $rmax / (PI * ",
                    t4_w!(),
                    " ^ 2))"
                ),
                ">=0",
                None,
            ),
            cond("2 - (K * (p - 1)) ^ 2", ">=0", None),
            cond(concat!(t4_x0!(), " - $rmax ^ 2 * ", t4_e1!()), ">0", None),
            cond(concat!(t4_y0!(), " - $rmax ^ 2 * ", t4_e2!()), ">0", None),
            cond(
                concat!(
                    "$M * (1 - ",
                    t4_rho!(),
                    " ^ 2) - (2 * ",
                    t4_x0!(),
                    " * ",
                    t4_e1!(),
                    " + $rmax ^ 2 * ",
                    t4_e1!(),
                    " ^ 2 + 2 * ",
                    t4_y0!(),
                    " * ",
                    t4_e2!(),
                    " + $rmax ^ 2 * ",
                    t4_e2!(),
                    " ^ 2)"
                ),
                ">=0",
                None,
            ),
            cond(
                concat!(
                    "$P - (",
                    t4_x0!(),
                    " * ",
                    t4_y0!(),
                    " + $rmax ^ 2 * ",
                    t4_g!(),
                    ")"
                ),
                ">=0",
                None,
            ),
            cond(
                concat!(
                    t4_x0!(),
                    " * ",
                    t4_y0!(),
                    " - $rmax ^ 2 * ",
                    t4_g!(),
                    " - $plo"
                ),
                ">=0",
                None,
            ),
        ],
        claim: Some(RegionClaim {
            module: "BasinClaims",
            on: "basin_region_on",
            theorem: "basin_on",
            bridge: "basin_from_region",
            name: "T4_basin_from_cells",
        }),
    })
}

fn point(vars: &'static [&'static str], term: &'static str) -> Statement {
    Statement::Box(BoxQuantity {
        vars,
        term,
        rel: Some(">0"),
    })
}

const K1: &[&str] = &["1 <= K"];
const K0: &[&str] = &["0 < K"];
const NONE: &[&str] = &[];

fn id(
    binders: &'static str,
    hyps: &'static [&'static str],
    goal: &'static str,
    roots: &'static [Root],
) -> Statement {
    Statement::Identity(Identity {
        binders,
        hyps,
        goal,
        roots,
    })
}

fn sign(term: &'static str) -> Statement {
    Statement::Box(BoxQuantity {
        vars: &["K"],
        term,
        rel: Some(">0"),
    })
}

fn table(term: &'static str) -> Statement {
    Statement::Box(BoxQuantity {
        vars: &["K"],
        term,
        rel: None,
    })
}

/// The statement of obligation `id`, if this module knows it.
pub fn statement(obligation: &str) -> Option<Statement> {
    const AB: &[Root] = &[A, B];
    const X: &[Root] = &[XM];
    Some(match obligation {
        // Theorem 2 (MATH.md §1).
        "T2.scaling/conjugacy" => id("K s y", &["0 < s"], "s * g K y = gd (K / s ^ 2) (s ^ 2) (s * y)", &[]),
        "T2.roots/factorisation" => id("K y", K0, "G K y - y = K ^ 4 * y * (y ^ 2 - 1) * (y ^ 2 - 1 - 2 / K) * (y ^ 4 - (1 + 1 / K) * y ^ 2 + 1 / K ^ 2)", &[]),
        "T2.roots/vieta-product" => id("K", K1, "delta1 K * delta2 K = 1 / K", AB),
        "T2.roots/vieta-sum" => id("K", K1, "delta1 K ^ 2 + delta2 K ^ 2 = 1 + 1 / K", AB),
        "T2.roots/orbit-1" => id("K", K1, "g K (delta1 K) = delta2 K", AB),
        "T2.roots/orbit-2" => id("K", K1, "g K (delta2 K) = delta1 K", AB),
        "T2.roots/eq4-delta1" => id("K", K1, "K ^ 2 * delta1 K ^ 4 - K * (K + 1) * delta1 K ^ 2 + 1 = 0", AB),
        "T2.roots/eq4-delta2" => id("K", K1, "K ^ 2 * delta2 K ^ 4 - K * (K + 1) * delta2 K ^ 2 + 1 = 0", AB),
        "T2.roots/eq4-range" => sign("2 - K * delta2 K ^ 2"),
        "T2.roots/delta1-positive" => sign("delta1 K"),
        "T2.roots/below-one" => id("K", K1, "2 * (2 + orbit_a K) * (1 - delta1 K) = orbit_b K * (2 + orbit_a K + 3 * orbit_b K)", AB),
        "T2.roots/above-one" => id("K", K1, "2 * (2 + orbit_a K) * (delta2 K - 1) = orbit_b K * (2 + orbit_a K - 3 * orbit_b K)", AB),
        "T2.roots/above-one-factor" => sign("2 + orbit_a K - 3 * orbit_b K"),
        "T2.roots/delta2-bound" => sign("4 / 3 - delta2 K ^ 2"),
        "T2.roots/table-delta1" => table("delta1 K"),
        "T2.roots/table-delta2" => table("delta2 K"),
        "T2.xm/gap" => id("K", K0, "9 * K ^ 2 * (x_m K ^ 4 - (1 + 1 / K) * x_m K ^ 2 + 1 / K ^ 2) = 9 - 2 * (1 + K) ^ 2", X),
        "T2.xm/left-of-vertex" => id("K", K0, "(1 + 1 / K) / 2 - x_m K ^ 2 = (1 + K) / (6 * K)", X),
        "T2.xm/delta1-square" => id("K", K1, "delta1 K ^ 2 = (1 + 1 / K - orbit_a K * orbit_b K) / 2", AB),
        "T2.xm/delta2-square" => id("K", K1, "delta2 K ^ 2 = (1 + 1 / K + orbit_a K * orbit_b K) / 2", AB),
        "T2.xm/table-xm" => table("x_m K"),
        "T2.eta/reparametrise" => id("d", &["0 < d", "d ^ 2 <= 4 / 3"], "d ^ 2 * (sqrt (1 / d ^ 2 - 3 / 4) + 1 / 2) * (sqrt (1 / d ^ 2 - 3 / 4) ^ 2 + 3 / 4) = sqrt (1 / d ^ 2 - 3 / 4) + 1 / 2", &[S]),
        "T2.eta/monotone" => id("s1 s2", NONE, "(s2 + 1 / 2) * (s1 ^ 2 + 3 / 4) - (s1 + 1 / 2) * (s2 ^ 2 + 3 / 4) = (s2 - s1) * ((1 / 2 - s1) * (1 / 2 + s2) + (1 / 2 - s2))", &[]),
        "T2.positive/peak" => id("K", K0, "g K (x_m K) ^ 2 = 4 * (1 + K) ^ 3 / (27 * K)", X),
        "T2.positive/sign-of-g" => id("K y", K0, "g K y = K * y * ((1 + K) / K - y ^ 2)", &[]),
        "T2.positive/margin" => sign("(1 + K) / K - 4 * (1 + K) ^ 3 / (27 * K)"),
        "T2.basin/derivative" => id("K y", K0, "dg K y = 3 * K * (x_m K ^ 2 - y ^ 2)", X),
        "T2.basin/above-diagonal" => id("K y", NONE, "g K y - y = K * y * (1 - y) * (1 + y)", &[]),
        "T2.basin/xm-below-one" => sign("1 - x_m K"),
        "T2.basin/multiplier" => id("K", K1, "diter 2 K (delta1 K) = 9 - 2 * (1 + K) ^ 2", AB),
        "T2.basin/multiplier-below-one" => id("K", NONE, "1 - (7 - 4 * K - 2 * K ^ 2) = 2 * (K - 1) * (K + 3)", &[]),
        "T2.basin/escape" => id("K", K0, "1 + K * (1 - x_m K ^ 2) = 2 * (1 + K) / 3", X),
        "T2.basin/table-multiplier" => table("7 - 4 * K - 2 * K ^ 2"),
        // Appendix L.
        "AL.stable/multiplier" => id("K", K1, "multiplier K = 9 - 2 * (1 + K) ^ 2", AB),
        "AL.stable/below-one" => id("K", NONE, "1 - (9 - 2 * (1 + K) ^ 2) = 2 * (K - 1) * (K + 3)", &[]),
        "AL.stable/above-minus-one" => id("K", NONE, "(9 - 2 * (1 + K) ^ 2) + 1 = 2 * (sqrt 5 - 1 - K) * (sqrt 5 + 1 + K)", &[R5]),
        "AL.stable/exists-product" => id("K", K1, "(K * orbit_a K * orbit_b K) ^ 2 = (K + 3) * (K - 1)", AB),
        "AL.stable/exists-form" => id("K", K1, "2 - K * delta2 K ^ 2 = (3 - K - K * orbit_a K * orbit_b K) / 2", AB),
        "AL.stable/exists-gap" => id("K", NONE, "(3 - K) ^ 2 - (K + 3) * (K - 1) = 4 * (3 - 2 * K)", &[]),
        o if o.starts_with("AL.period4/") => Statement::Orbit,
        // Lemma 2 and Theorem 3 (MATH.md §2, proofs/product.md): the map (13) with mu = 1.
        "L2.positive/scaling" | "T3.balance/scaling" => id("K s u v", &["0 < s"], "s * prod_x K u v = prod_gd_x (K / s ^ 2) (s ^ 2) (s * u) (s * v) /\\ s * prod_y K u v = prod_gd_y (K / s ^ 2) (s ^ 2) (s * u) (s * v)", &[]),
        "L2.positive/eq50" | "T3.balance/eq50" => id("K x y", NONE, "prod_x K x y - prod_y K x y = (x - y) * (1 + K * (x * y - 1)) /\\ (prod_x K x y - prod_y K x y) ^ 2 = prod_d K (x * y) ((x - y) ^ 2)", &[]),
        "L2.positive/eq52" | "T3.balance/eq52" => id("K x y", NONE, "prod_x K x y * prod_y K x y = prod_p K (x * y) ((x - y) ^ 2)", &[]),
        "L2.positive/sum" | "T3.balance/sum" => id("K x y", NONE, "prod_x K x y + prod_y K x y = (x + y) * (1 - K * (x * y - 1))", &[]),
        "L2.positive/w-recursion" | "T3.balance/w-recursion" => id("K x y", NONE, "prod_x K x y ^ 2 - prod_y K x y ^ 2 = (x ^ 2 - y ^ 2) * (1 - K ^ 2 * (x * y - 1) ^ 2)", &[]),
        "L2.positive/w-form" | "T3.balance/w-form" => id("x y", NONE, "(x ^ 2 - y ^ 2) ^ 2 = prod_w (x * y) ((x - y) ^ 2)", &[]),
        "L2.positive/region" => lemma2_region(),
        "L2.chain/eq66" => id("K x y", &["0 < x", "0 < y"], "prod_x K x y = y * (x / y - K * (x * y - 1)) /\\ prod_y K x y = x * (y / x - K * (x * y - 1))", &[]),
        "L2.chain/ratio-form" => id("p D", &["0 <= D ^ 2 + 4 * p"], "(sqrt (D ^ 2 + 4 * p) + D) / 2 * ((sqrt (D ^ 2 + 4 * p) - D) / 2) = p", &[SD]),
        "L2.chain/ratio-monotone" => id("s1 s2 D", NONE, "(s2 - D) * (s1 + D) - (s1 - D) * (s2 + D) = 2 * D * (s2 - s1)", &[]),
        "L2.chain/eq68-h" => id("K z D", NONE, "prod_p K z D = z * (1 + K * (1 - z)) ^ 2 + K * D * (1 - z)", &[]),
        "L2.chain/eq68-peak" => id("K z", K0, "(1 + K) / (3 * K) * (1 + K - K * ((1 + K) / (3 * K))) ^ 2 - z * (1 + K - K * z) ^ 2 = K ^ 2 * (z - (1 + K) / (3 * K)) ^ 2 * (4 * ((1 + K) / (3 * K)) - z)", &[]),
        "L2.chain/imbalance-grows" => point(&["k0", "p0", "d0"], "prod_d k0 p0 d0 - d0"),
        "L2.chain/imbalance-step-below-one" => point(&["k0", "p0", "d0"], "1 - prod_p k0 p0 d0"),
        "L2.chain/imbalance-next-in-p" => point(&["k0", "p0", "d0"], "prod_p k0 (prod_p k0 p0 d0) (prod_d k0 p0 d0) - 1"),
        "T3.balance/eq51" => id("K x y", NONE, "prod_x K (prod_x K x y) (prod_y K x y) - prod_y K (prod_x K x y) (prod_y K x y) = (x - y) * (1 + K * (x * y - 1)) * (1 + K * (prod_x K x y * prod_y K x y - 1))", &[]),
        "T3.balance/next-below-one" => id("K p d", NONE, "prod_p K p d - 1 = (p - 1) * prod_m K p d", &[]),
        "T3.balance/two-step-factor" => id("K p d", NONE, "(1 + K * (p - 1)) * (1 + K * (prod_p K p d - 1)) - 1 = K * (p - 1) * (2 - 2 * K - K * d) - K ^ 2 * (p - 1) ^ 2 * prod_z K p d", &[]),
        "T3.balance/region" => theorem3_region(),
        "T3.exception/lands-on-minimum" => id("", NONE, "458 / 1375 = (1 / 5 * (1 - 11 / 10 * (1 / 5 - 1)) ^ 2 - 1) / (11 / 10 * (1 / 5 - 1)) /\\ prod_p (11 / 10) (1 / 5) (458 / 1375) = 1", &[]),
        "T3.exception/fixed-line" => id("K d", NONE, "prod_p K 1 d = 1 /\\ prod_d K 1 d = d", &[]),
        "P3.orbit-global/region" => orbit_region(true),
        "P3.orbit-near/region" => orbit_region(false),
        "P3.orbit-near/strip-form" => id("K w d", NONE, "prod_m K (1 + (K - 1) * w) d + 1 + (K - 1) / 2 = (K - 1) * (- 3 / 2 + w * (K ^ 2 - 2 * K) + K ^ 2 * (K - 1) * w ^ 2) - K * d", &[]),
        "P3.orbit-near/strip" => Statement::Box(BoxQuantity {
            vars: &["K", "w"],
            term: "3 / 2 - w * (K ^ 2 - 2 * K) - K ^ 2 * (K - 1) * w ^ 2",
            rel: Some(">0"),
        }),
        "P3.orbit-near/two-step-factored" => id("K p", NONE, concat!("prod_p K (prod_p K p 0) 0 - p = K * p * (p - 1) * (K * p - K - 2) * (K ^ 2 * p ^ 2 - K * (K + 1) * p + 1) * (", two_step_rest!(), ")"), &[]),
        "P3.orbit-near/cycle-roots" => id("K", K1, "K ^ 2 * delta1 K ^ 4 - K * (K + 1) * delta1 K ^ 2 + 1 = 0 /\\ K ^ 2 * delta2 K ^ 4 - K * (K + 1) * delta2 K ^ 2 + 1 = 0", AB),
        "P3.orbit-near/slab-graph" => Statement::Slab,
        "P3.orbit-global/w-recursion" | "P3.orbit-near/w-recursion" => id("K p d", NONE, "prod_w (prod_p K p d) (prod_d K p d) = prod_w p d * (1 - K ^ 2 * (p - 1) ^ 2) ^ 2", &[]),
        "P3.orbit-global/slope" | "P3.orbit-near/slope" => id("K p q", NONE, concat!("prod_p K q 0 - prod_p K p 0 = (q - p) * (", slope_d!(), ")"), &[]),
        "P3.orbit-global/slab-graph" => Statement::Slab,
        "T3.exception/positive-imbalance" => point(&["d0"], "prod_d (11 / 10) (1 / 5) d0"),
        "P3.orbit/diagonal" => id("K y", NONE, "prod_x K y y = g K y /\\ prod_y K y y = g K y", &[]),
        "P3.orbit/product-conjugacy" => id("K y", NONE, "prod_p K (y ^ 2) 0 = g K y ^ 2", &[]),
        "P3.orbit/transverse" => id("K", K1, "(1 + K * (delta1 K ^ 2 - 1)) * (1 + K * (delta2 K ^ 2 - 1)) = 3 - 2 * K", AB),
        "P3.orbit/transverse-below-one" => id("K", NONE, "1 - (3 - 2 * K) ^ 2 = 4 * (K - 1) * (2 - K)", &[]),
        // Theorem 4 (MATH.md §3, proofs/theorem4.md): the map (77)-(80) of Model.v.
        "T4.threshold/factor-form" => id("K v wx wy", &["0 < wx ^ 2 + wy ^ 2", "0 < PI"], "neuron_wy K v wx wy = wy * (1 - K * v * (v - wy / (PI * (wx ^ 2 + wy ^ 2))))", &[]),
        "T4.threshold/eq76" => id("K v wx wy", &["0 < wx", "0 < wx ^ 2 + wy ^ 2", "0 < PI"], "neuron_wy K v wx wy - wy = - K * v * (wy / wx) * (v * wx - / PI * (wx * wy / (wx ^ 2 + wy ^ 2)))", &[]),
        "T4.threshold/half" => id("wx wy", NONE, "(wx ^ 2 + wy ^ 2) - 2 * wx * wy = (wx - wy) ^ 2", &[]),
        "T4.basin/v-split" => id("K v wx wy", &["0 < PI"], "neuron_v K v wx wy = v - K * wx * (v * wx - 1) - K * v * wy ^ 2 + K / PI * (wy - alpha wx wy * wx)", &[]),
        "T4.basin/wx-split" => id("K v wx wy", &["0 < wx ^ 2 + wy ^ 2", "0 < PI"], "(wx ^ 2 + wy ^ 2) * neuron_wx K v wx wy = (wx ^ 2 + wy ^ 2) * (wx - K * v * (v * wx - 1)) - K * v / PI * (alpha wx wy * (wx ^ 2 + wy ^ 2) - wx * wy)", &[]),
        "T4.basin/wy-factor" => id("K v wx wy", &["0 < wx ^ 2 + wy ^ 2", "0 < PI"], "(wx ^ 2 + wy ^ 2) * (1 - K * v * (v - wy / (PI * (wx ^ 2 + wy ^ 2)))) = (wx ^ 2 + wy ^ 2) * (1 - K * v ^ 2) + K * v * wy / PI", &[]),
        "T4.basin/product-d" => id("K v wx", NONE, "prod_x K v wx ^ 2 - prod_y K v wx ^ 2 = (v ^ 2 - wx ^ 2) * (1 - K ^ 2 * (v * wx - 1) ^ 2)", &[]),
        "T4.basin/coordinates" => id("p D", &["0 <= D ^ 2 + 4 * p"], "(sqrt (D ^ 2 + 4 * p) + D) / 2 * ((sqrt (D ^ 2 + 4 * p) - D) / 2) = p /\\ ((sqrt (D ^ 2 + 4 * p) + D) / 2) ^ 2 - ((sqrt (D ^ 2 + 4 * p) - D) / 2) ^ 2 = D * sqrt (D ^ 2 + 4 * p)", &[SD]),
        "T4.basin/region" => theorem4_region(),
        o if o.starts_with("T4.stage1/scaling-") => Statement::Gap("as generated from the certificate (the angle a free symbol); the same scaling is stated on Model.v's neuron map, at the state's own angle, and proved for every t > 0 by hand in Theorem4Claims.v (stage1_scaling, with Angle.alpha_scale)"),
        "T4.stage1/start" => stage1_start(),
        "T4.stage1/invariant" => stage1_invariant(),
        "T4.stage2/reach" | "T4.grid-basin/invariant-contracting" => Statement::Grid,
        _ => return None,
    })
}
