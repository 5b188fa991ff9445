//! Newton and crossing obligations of Appendix L: the facts that isolate a fixed point of
//! g_K^n in a box (a sign change of g^n(y) − y at the ends and (g^n)' < 1 on the box, see
//! `Iterate.isolate`), its multiplier enclosure, and its prime period, each by `interval`.

use super::number::{ident, lit};
use super::{comment, header, CoqFile};
use crate::arith::exact::QI;
use crate::arith::q::{ceil_dec, floor_dec, parse, Q};
use crate::cert::{parse_interval, Certificate, Obligation, Proof};
use crate::check::rules::newton_tighten;
use crate::models::quartic;

const PREC: &str = "interval with (i_prec 160)";
const PREC_BISECT_KY: &str = "first [ interval with (i_prec 160) | interval with (i_prec 160, i_bisect y, i_depth 12) | interval with (i_prec 160, i_bisect K, i_bisect y, i_depth 16) ]";
const PREC_BISECT_K: &str =
    "first [ interval with (i_prec 160) | interval with (i_prec 160, i_bisect K, i_depth 12) ]";

fn divisors(n: u64) -> Vec<u64> {
    (1..n).filter(|d| n % d == 0).collect()
}

/// The sign of gᵈ(y) − y near `y` at `k` (a float guess; Coq proves it or fails).
fn below(k: f64, y: f64, d: u64) -> bool {
    quartic::iterate(&k, &y, d as usize) - y < 0.0
}

fn lemma(name: &str, stmt: &str, tac: &str) -> String {
    format!("Lemma {name} : {stmt}.\nProof. intros; unfold_model; {tac}. Qed.\n\n")
}

/// `iter d K y - y < 0` (or `> 0`), the prime-period fact.
fn prime_goal(d: u64, k: &str, below: bool) -> String {
    if below {
        format!("iter {d} {k} y - y < 0")
    } else {
        format!("0 < iter {d} {k} y - y")
    }
}

/// Rounds the exact box `y` outward and widens it by 10⁻¹⁶, so that g^n(y) − y has a
/// clear sign at its ends.
fn widen(y: &QI) -> Result<(Q, Q), String> {
    let (Some(lo), Some(hi)) = (y.lo(), y.hi()) else {
        return Err("Newton tightening lost the box".into());
    };
    let eps = Q::from((1, 10u64.pow(16)));
    Ok((
        floor_dec(&(lo.clone() - &eps), 18),
        ceil_dec(&(hi.clone() + &eps), 18),
    ))
}

/// The file of one Newton or crossing obligation.
pub fn file(c: &Certificate, o: &Obligation, prefix: &str) -> Result<CoqFile, String> {
    let base = ident(&o.id);
    let mut text = header(c, &format!("obligation {}", o.id), true);
    text.push_str(&format!("(** {}: {} *)\n\n", o.id, comment(&o.statement)));
    let bad = |e: crate::cert::Malformed| e.to_string();
    let lemmas;
    match &o.proof {
        Proof::Newton {
            k,
            period,
            y,
            multiplier,
            stability,
        } => {
            let kq = parse(k)?;
            let (a, b) = parse_interval(y, "y").map_err(bad)?;
            let (ml, mh) = parse_interval(multiplier, "multiplier").map_err(bad)?;
            let (kl, al, bl, mll, mhl) = (lit(&kq), lit(&a), lit(&b), lit(&ml), lit(&mh));
            let n = *period;
            let within = format!("forall y, {al} <= y <= {bl} -> ");
            text.push_str(&lemma(
                &format!("{base}_deriv"),
                &format!("{within}diter {n} {kl} y < 1"),
                PREC,
            ));
            text.push_str(&lemma(
                &format!("{base}_lo"),
                &format!("{al} < iter {n} {kl} {al}"),
                PREC,
            ));
            text.push_str(&lemma(
                &format!("{base}_hi"),
                &format!("iter {n} {kl} {bl} < {bl}"),
                PREC,
            ));
            text.push_str(&lemma(
                &format!("{base}_mult"),
                &format!("{within}{mll} <= diter {n} {kl} y <= {mhl}"),
                PREC,
            ));
            let mid = ((a.to_f64() + b.to_f64()) / 2.0, kq.to_f64());
            let ds = divisors(n);
            for d in &ds {
                text.push_str(&lemma(
                    &format!("{base}_prime{d}"),
                    &format!("{within}{}", prime_goal(*d, &kl, below(mid.1, mid.0, *d))),
                    PREC,
                ));
            }
            let one = Q::from(1);
            let stab = match stability.as_str() {
                "attracting" => format!("-1 < diter {n} {kl} y < 1"),
                _ if mh < -one.clone() => format!("diter {n} {kl} y < -1"),
                _ if ml > one => format!("1 < diter {n} {kl} y"),
                _ => {
                    return Err(format!(
                        "{}: the claimed multiplier does not decide the stability",
                        o.id
                    ))
                }
            };
            let primes: Vec<String> = ds.iter().map(|d| format!("iter {d} {kl} y <> y")).collect();
            text.push_str(&format!(
                "(** At K = {k}: g_K^{n} has exactly one fixed point y in [{}, {}]; it has prime period {n},\n    its multiplier (g_K^{n})'(y) lies in [{}, {}], and the orbit is {stability}. *)\n",
                y[0], y[1], multiplier[0], multiplier[1]
            ));
            text.push_str(&format!(
                "Theorem {base} : exists y, isolated_orbit {n} {kl} {al} {bl} y /\\ {mll} <= diter {n} {kl} y <= {mhl} /\\ {stab} /\\ {}.\nProof.\n",
                primes.join(" /\\ ")
            ));
            text.push_str(&format!(
                "  destruct (isolate_with_multiplier {n} {kl} {al} {bl} {mll} {mhl} ltac:(lra) {base}_deriv {base}_lo {base}_hi {base}_mult) as [y [Hy Hm]].\n  assert (Hyin : {al} < y < {bl}) by (destruct Hy as [H _]; exact H).\n  exists y. split; [exact Hy|]. split; [exact Hm|]. split; [lra|].\n"
            ));
            for (i, d) in ds.iter().enumerate() {
                let t = format!("intro E; pose proof ({base}_prime{d} y ltac:(lra)); lra");
                if i + 1 == ds.len() {
                    text.push_str(&format!("  {t}.\nQed.\n"));
                } else {
                    text.push_str(&format!("  split; [{t}|].\n"));
                }
            }
            lemmas = 5 + ds.len();
        }
        Proof::Crossing {
            k,
            period,
            y,
            value,
            multiplier_at_lo,
            multiplier_at_hi,
        } => {
            let (k0, k1) = parse_interval(k, "k").map_err(bad)?;
            let (a, b) = parse_interval(y, "y").map_err(bad)?;
            let v = parse(value)?;
            let n = *period;
            let (k0l, k1l, al, bl, vl) = (lit(&k0), lit(&k1), lit(&a), lit(&b), lit(&v));
            let kin = format!("{k0l} <= K <= {k1l} -> ");
            let yin = format!("{al} <= y <= {bl} -> ");
            text.push_str(&lemma(
                &format!("{base}_deriv"),
                &format!("forall K y, {kin}{yin}diter {n} K y < 1"),
                PREC_BISECT_KY,
            ));
            text.push_str(&lemma(
                &format!("{base}_lo"),
                &format!("forall K, {kin}{al} < iter {n} K {al}"),
                PREC_BISECT_K,
            ));
            text.push_str(&lemma(
                &format!("{base}_hi"),
                &format!("forall K, {kin}iter {n} K {bl} < {bl}"),
                PREC_BISECT_K,
            ));
            let ds = divisors(n);
            let mid = (
                (a.to_f64() + b.to_f64()) / 2.0,
                (k0.to_f64() + k1.to_f64()) / 2.0,
            );
            for d in &ds {
                text.push_str(&lemma(
                    &format!("{base}_prime{d}"),
                    &format!(
                        "forall K y, {kin}{yin}{}",
                        prime_goal(*d, "K", below(mid.1, mid.0, *d))
                    ),
                    PREC_BISECT_KY,
                ));
            }
            let mut ends = Vec::new();
            for (kq, claimed, side) in [
                (&k0, multiplier_at_lo, "at_lo"),
                (&k1, multiplier_at_hi, "at_hi"),
            ] {
                let tight = newton_tighten(
                    &QI::point(kq.clone()),
                    &QI::new(a.clone(), b.clone()),
                    n as usize,
                );
                let (ta, tb) = widen(&tight)?;
                if ta < a || tb > b || ta >= tb {
                    return Err(format!(
                        "{}: the tightened box at K = {} is not inside y",
                        o.id,
                        lit(kq)
                    ));
                }
                let (ml, mh) = parse_interval(claimed, "multiplier").map_err(bad)?;
                let (kl, tal, tbl, mll, mhl) = (lit(kq), lit(&ta), lit(&tb), lit(&ml), lit(&mh));
                text.push_str(&lemma(
                    &format!("{base}_{side}_lo"),
                    &format!("{tal} < iter {n} {kl} {tal}"),
                    PREC,
                ));
                text.push_str(&lemma(
                    &format!("{base}_{side}_hi"),
                    &format!("iter {n} {kl} {tbl} < {tbl}"),
                    PREC,
                ));
                text.push_str(&lemma(
                    &format!("{base}_{side}_mult"),
                    &format!("forall y, {tal} <= y <= {tbl} -> {mll} <= diter {n} {kl} y <= {mhl}"),
                    PREC,
                ));
                let rel = if ml > v {
                    format!("{vl} < diter {n} {kl} y")
                } else if mh < v {
                    format!("diter {n} {kl} y < {vl}")
                } else {
                    return Err(format!(
                        "{}: the claimed multiplier at K = {} contains {value}",
                        o.id,
                        lit(kq)
                    ));
                };
                ends.push((side, kl, tal, tbl, mll, mhl, rel));
            }
            let primes: Vec<String> = ds.iter().map(|d| format!("iter {d} K y <> y")).collect();
            text.push_str(&format!(
                "(** For every K in [{}, {}], g_K^{n} has exactly one fixed point in [{}, {}], of prime period {n};\n    at the two ends of the K interval its multiplier lies on opposite sides of {value}. *)\n",
                k[0], k[1], y[0], y[1]
            ));
            let end_stmt = |e: &(&str, String, String, String, String, String, String)| {
                format!("(exists y, isolated_orbit {n} {} {al} {bl} y /\\ {} <= diter {n} {} y <= {} /\\ {})", e.1, e.4, e.1, e.5, e.6)
            };
            text.push_str(&format!(
                "Theorem {base} :\n  (forall K, {kin}exists y, isolated_orbit {n} K {al} {bl} y /\\ {}) /\\\n  {} /\\\n  {}.\nProof.\n  split; [|split].\n",
                primes.join(" /\\ "),
                end_stmt(&ends[0]),
                end_stmt(&ends[1])
            ));
            text.push_str(&format!(
                "  - intros K HK.\n    destruct (isolate {n} K {al} {bl} ltac:(lra) (fun y Hy => {base}_deriv K y HK Hy) ({base}_lo K HK) ({base}_hi K HK)) as [y Hy].\n    assert (Hyin : {al} < y < {bl}) by (destruct Hy as [H _]; exact H).\n    exists y. split; [exact Hy|].\n"
            ));
            for (i, d) in ds.iter().enumerate() {
                let t = format!("intro E; pose proof ({base}_prime{d} K y HK ltac:(lra)); lra");
                if i + 1 == ds.len() {
                    text.push_str(&format!("    {t}.\n"));
                } else {
                    text.push_str(&format!("    split; [{t}|].\n"));
                }
            }
            for e in &ends {
                let (side, kl, tal, tbl, mll, mhl, _) = e;
                text.push_str(&format!(
                    "  - destruct (isolate_nested {n} {kl} {al} {bl} {tal} {tbl} {mll} {mhl} ltac:(lra) ltac:(lra) ltac:(lra)\n        (fun y Hy => {base}_deriv {kl} y ltac:(lra) Hy) {base}_{side}_lo {base}_{side}_hi {base}_{side}_mult\n        ({base}_lo {kl} ltac:(lra)) ({base}_hi {kl} ltac:(lra))) as [y [Hy [_ Hm]]].\n    exists y. split; [exact Hy|]. split; [exact Hm|]. lra.\n"
                ));
            }
            text.push_str("Qed.\n");
            lemmas = 3 + ds.len() + 6 + 1;
        }
        _ => return Err(format!("{}: expected a Newton or crossing proof", o.id)),
    }
    let lemmas = lemmas;
    Ok(CoqFile {
        name: format!("{prefix}_{base}.v"),
        text,
        lemmas,
    })
}
