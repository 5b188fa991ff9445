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
pub const A: Root = Root { name: "A", term: "sqrt (1 + 3 / K)", radicand: "(1 + 3 / K)", sign: "rad_a K ltac:(lra)" };
/// B = √(1 − 1/K).
pub const B: Root = Root { name: "B", term: "sqrt (1 - 1 / K)", radicand: "(1 - 1 / K)", sign: "rad_b K ltac:(lra)" };
/// x_m = √((1 + K)/(3K)).
pub const XM: Root = Root { name: "X", term: "sqrt ((1 + K) / (3 * K))", radicand: "((1 + K) / (3 * K))", sign: "rad_xm K ltac:(lra)" };
/// s = √(1/δ² − 3/4).
pub const S: Root = Root { name: "S", term: "sqrt (1 / d ^ 2 - 3 / 4)", radicand: "(1 / d ^ 2 - 3 / 4)", sign: "rad_s d ltac:(lra) ltac:(lra)" };
/// √5.
pub const R5: Root = Root { name: "R5", term: "sqrt 5", radicand: "5", sign: "ltac:(lra)" };

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
}

const K1: &[&str] = &["1 <= K"];
const K0: &[&str] = &["0 < K"];
const NONE: &[&str] = &[];

fn id(binders: &'static str, hyps: &'static [&'static str], goal: &'static str, roots: &'static [Root]) -> Statement {
    Statement::Identity(Identity { binders, hyps, goal, roots })
}

fn sign(term: &'static str) -> Statement {
    Statement::Box(BoxQuantity { vars: &["K"], term, rel: Some(">0") })
}

fn table(term: &'static str) -> Statement {
    Statement::Box(BoxQuantity { vars: &["K"], term, rel: None })
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
        _ => return None,
    })
}
