//! Markdown tables of the 2-D product families, read from their certificates.

use crate::arith::q::{ceil_dec, floor_dec, fmt, parse, Q};
use crate::cert::{Certificate, Proof, RegionRow};

fn region_rows<'a>(c: &'a Certificate, id: &str) -> Result<&'a Vec<RegionRow>, String> {
    c.obligations
        .iter()
        .find(|o| o.id == id)
        .and_then(|o| match &o.proof {
            Proof::Region { rows } => Some(rows),
            _ => None,
        })
        .ok_or_else(|| format!("the certificate has no region proof {id}"))
}

fn q(r: &RegionRow, name: &str) -> Result<Q, String> {
    r.constants
        .get(name)
        .ok_or_else(|| format!("row without constant {name}"))
        .and_then(|s| parse(s))
}

/// The verdicts on the steps of the paper's proof of Lemma 2 (Appendix H).
pub const CHAIN_VERDICTS: &[(&str, &str, &str)] = &[
    ("(66): x', y' > 0 ⇔ K(xy − 1) < min{x/y, y/x} (for x, y > 0)", "holds", "L2.chain/eq66"),
    ("for xy ≥ 1 and fixed Δ = |x − y|: min{x/y, y/x} ≥ (√(Δ² + 4) − Δ)/(√(Δ² + 4) + Δ)", "holds", "L2.chain/ratio-form, L2.chain/ratio-monotone"),
    ("(67)-(68): the next point of P has x'y' ≤ max h(z) with Δ = Δ₀, because |x − y| ≤ Δ₀ by Theorem 3", "fails as written: Theorem 3 bounds |x − y| only on P; on the step after a point of P it is multiplied by 1 + K(xy − 1) > 1 and can exceed Δ₀; certified at K = 11/10, x₀y₀ = 6/5, (x₀ − y₀)² = 1/100: d₁ > d₀, x₁y₁ < 1, x₂y₂ > 1. Missing assumption: h must be taken with the imbalance of the step before the point of P, at most |x − y|(1 + K(xy − 1)) at the point of P before it", "L2.chain/imbalance-grows, L2.chain/imbalance-step-below-one, L2.chain/imbalance-next-in-p"),
    ("(68): h(z) = z(1 + K(1 − z))² + KΔ²(1 − z) is x'y' from a step with xy = z, and its first term peaks at z₀ = (1 + K)/(3K)", "holds", "L2.chain/eq68-h, L2.chain/eq68-peak"),
    ("(69)-(75): bounds on max h and the lemma's constant", "not restorable (MATH.md: [missing]); replaced by the invariant W = (x² − y²)² ≤ c with W' = W(1 − K²(xy − 1)²)²", "L2.positive/w-recursion, L2.positive/region"),
];

/// `twostep table lemma2`: the positivity constants per K row and the paper-chain verdicts.
pub fn lemma2(c: &Certificate) -> Result<String, String> {
    let rows = region_rows(c, "L2.positive/region")?;
    let mut out = String::new();
    out.push_str("Lemma 2, GD on ½(xy − 1)² with η = K: certified positivity region per K row.\n");
    out.push_str(
        "Every start with x₀, y₀ > 0, plo ≤ x₀y₀ ≤ P and Δ₀²(Δ₀² + 4x₀y₀) ≤ c, Δ₀ = |x₀ − y₀|,\n",
    );
    out.push_str("keeps x > 0 and y > 0 for ever (the region is mapped into itself). √c bounds |x₀² − y₀²|.\n\n");
    out.push_str("| K row | c | √c ≥ | P | plo |\n|---|---|---|---|---|\n");
    for r in rows {
        let cc = q(r, "c")?;
        let root = floor_dec(
            &crate::arith::q::from_f64(cc.to_f64().sqrt() * (1.0 - 1e-12)),
            4,
        );
        out.push_str(&format!(
            "| [{}, {}] | {} | {} | {} | {} |\n",
            r.k[0],
            r.k[1],
            fmt(&cc),
            fmt(&root),
            fmt(&q(r, "P")?),
            fmt(&q(r, "plo")?)
        ));
    }
    out.push_str("\nThe paper's proof of Lemma 2 (Appendix H), step by step:\n\n| step | verdict | obligations |\n|---|---|---|\n");
    for (s, v, o) in CHAIN_VERDICTS {
        out.push_str(&format!("| {s} | {v} | {o} |\n"));
    }
    Ok(out)
}

/// `twostep table theorem3`: the balancing constants per K row.
pub fn theorem3(c: &Certificate) -> Result<String, String> {
    let rows = region_rows(c, "T3.balance/region")?;
    let mut out = String::new();
    out.push_str("Theorem 3, GD on ½(xy − 1)² with η = K, on the positivity region of Lemma 2 (same c, P, plo).\n");
    out.push_str(
        "Between a step with xy = p > 1 and the next such step, |x − y| is multiplied by at most\n",
    );
    out.push_str("ρ(p) = max(1 − a (p − 1)², 1 − β) < 1 with a = K₀²κ (K₀ the row's lower end).\n");
    out.push_str("ρ → 1 as p → 1⁺: no uniform factor exists, since every point of xy = 1 is fixed (T3.exception).\n\n");
    out.push_str(
        "| K row | κ | β | a = K₀²κ ≥ | ρ at p = 1.1 | ρ at p = 1.3 |\n|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let (kappa, beta) = (q(r, "kappa")?, q(r, "beta")?);
        let k0 = parse(&r.k[0])?;
        let a = Q::from(&k0 * &k0) * &kappa;
        let rho = |e: Q| {
            let x = Q::from(1) - Q::from(&a * &Q::from(&e * &e));
            let y = Q::from(1) - &beta;
            ceil_dec(if x > y { &x } else { &y }, 4)
        };
        out.push_str(&format!(
            "| [{}, {}] | {} | {} | {} | {} | {} |\n",
            r.k[0],
            r.k[1],
            fmt(&kappa),
            fmt(&beta),
            fmt(&floor_dec(&a, 4)),
            fmt(&rho(Q::from((1, 10)))),
            fmt(&rho(Q::from((3, 10))))
        ));
    }
    out.push_str(&orbit_table(c)?);
    out.push_str(&near_table(c)?);
    Ok(out)
}

/// The slab-graph pieces of the obligation `id`.
fn slab_pieces<'a>(
    c: &'a Certificate,
    id: &str,
) -> Result<&'a [crate::cert::AttractPiece], String> {
    c.obligations
        .iter()
        .find(|o| o.id == id)
        .and_then(|o| match &o.proof {
            Proof::Attract { pieces } => Some(pieces.as_slice()),
            _ => None,
        })
        .ok_or_else(|| format!("the certificate has no slab graph {id}"))
}

/// The P3.orbit-near part of `twostep table theorem3`: per region row its margin, and the
/// slab graph with its near range N, as the checker re-proves it.
fn near_table(c: &Certificate) -> Result<String, String> {
    use crate::check::attract::Slab;
    let rows = region_rows(c, "P3.orbit-near/region")?;
    let pieces = slab_pieces(c, "P3.orbit-near/slab-graph")?;
    let mut out = String::new();
    out.push_str("\nP3.orbit-near: the same conclusion for K ∈ (1, 201/200]. On the row's region W' ≤ W(1 − K²μ(p − 1)²)\n");
    out.push_str("and |p' − 1| ≥ (1 + (K − 1)/2)|p − 1| where |p − 1| ≤ K − 1; the slab {W ≤ ω} leads into the near range N,\n");
    out.push_str("which is mapped into itself, where F decreases and F∘F − id has the sign of (p − 1)(δ₂² − p)(p − δ₁²).\n\n");
    out.push_str(
        "| K row | μ | K piece | cells | ω | N | cells of N |\n|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let (k0, k1) = (parse(&r.k[0])?, parse(&r.k[1])?);
        for p in pieces {
            let k = (parse(&p.k[0])?, parse(&p.k[1])?);
            if !(k0 <= k.0 && k.1 <= k1) {
                continue;
            }
            let slab = Slab::parse(p, &k)?;
            if !slab.analyse().proved() {
                return Err(format!(
                    "the slab graph of K ∈ [{}, {}] is not proved",
                    p.k[0], p.k[1]
                ));
            }
            let n = slab
                .near
                .clone()
                .ok_or("a P3.orbit-near piece without a near range")?;
            out.push_str(&format!(
                "| [{}, {}] | {} | [{}, {}] | {} | {} | [{}, {}] | {} |\n",
                r.k[0],
                r.k[1],
                fmt(&q(r, "margin")?),
                p.k[0],
                p.k[1],
                slab.len(),
                fmt(&slab.omega),
                fmt(&slab.cuts[n.start]),
                fmt(&slab.cuts[n.end]),
                n.len()
            ));
        }
    }
    Ok(out)
}

/// The P3.orbit-global part of `twostep table theorem3`: per region row its margin, strip and
/// λ, and the slab graphs of the K pieces inside it, with the contraction L₀L₁ and the decay
/// of W on the targets as the checker computes them.
fn orbit_table(c: &Certificate) -> Result<String, String> {
    use crate::check::attract::Slab;
    let rows = region_rows(c, "P3.orbit-global/region")?;
    let pieces = slab_pieces(c, "P3.orbit-global/slab-graph")?;
    let mut out = String::new();
    out.push_str("\nP3.orbit-global: every positive start of the region lands on xy = 1 or converges to the orbit.\n");
    out.push_str("On the row's region W' ≤ W(1 − K²μ(p − 1)²) and |p' − 1| ≥ λ|p − 1| where |p − 1| ≤ s; each K piece\n");
    out.push_str("has a slab {W ≤ ω} whose transition graph leads to the targets around δ₁², δ₂², where the two-step\n");
    out.push_str(
        "factor of p is at most L₀L₁ and W shrinks by at least the decay factor per step.\n\n",
    );
    out.push_str("| K row | μ | s | λ | K pieces | cells | ω (smallest) | L₀L₁ ≤ | decay ≤ |\n|---|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        let (k0, k1) = (parse(&r.k[0])?, parse(&r.k[1])?);
        let mut n = 0;
        let mut cells = 0;
        let mut omega: Option<Q> = None;
        let (mut l, mut decay) = (Q::from(0), Q::from(0));
        for p in pieces {
            let k = (parse(&p.k[0])?, parse(&p.k[1])?);
            if !(k0 <= k.0 && k.1 <= k1) {
                continue;
            }
            let slab = Slab::parse(p, &k)?;
            let a = slab.analyse();
            if !a.proved() {
                return Err(format!(
                    "the slab graph of K ∈ [{}, {}] is not proved",
                    p.k[0], p.k[1]
                ));
            }
            n += 1;
            cells += slab.len();
            if omega.as_ref().map_or(true, |o| slab.omega < *o) {
                omega = Some(slab.omega.clone());
            }
            for (acc, v) in [(&mut l, a.contraction), (&mut decay, a.decay)] {
                if let Some(v) = v {
                    if v > *acc {
                        *acc = v;
                    }
                }
            }
        }
        out.push_str(&format!(
            "| [{}, {}] | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.k[0],
            r.k[1],
            fmt(&q(r, "margin")?),
            fmt(&q(r, "s")?),
            fmt(&q(r, "lambda")?),
            n,
            cells,
            omega.map_or("–".into(), |o| fmt(&o)),
            fmt(&ceil_dec(&l, 4)),
            fmt(&ceil_dec(&decay, 4))
        ));
    }
    Ok(out)
}
