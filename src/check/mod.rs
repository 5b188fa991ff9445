//! The independent checker.
//!
//! [`verify_file`] reads a certificate, recomputes its hash, and re-proves every
//! obligation that the family's statement list ([`spec`]) requires, with the exact
//! engines only: [`crate::arith::sym`] for identities and [`crate::arith::exact::QI`]
//! for everything on boxes. The search's engine (inari) is never called here. The
//! certificate supplies data (cells, enclosures, boxes); the statements themselves, the
//! quantities and the domains come from [`spec`], so a certificate cannot change what
//! is being proved, only fail to prove it.

pub mod attract;
pub mod basin;
pub mod cover;
pub mod reach;
pub mod region;
pub mod rules;
pub mod spec;

use crate::cert::{self, Certificate, Endpoint, Malformed};
use std::path::Path;

/// The outcome of checking one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimResult {
    /// Claim id.
    pub id: String,
    /// The domain as the certificate states it.
    pub domain: String,
    /// Empty when proved; otherwise one line per failure.
    pub failures: Vec<String>,
}

/// The outcome of checking one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The file.
    pub file: String,
    /// `Err` when the file is not a readable certificate (exit status 2).
    pub outcome: Result<Checked, Malformed>,
}

/// What was found in a readable certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The family.
    pub family: String,
    /// `None` when the hash matches; otherwise the hash the content has.
    pub hash_mismatch: Option<String>,
    /// Failures not tied to one claim (unknown or duplicate obligations).
    pub general: Vec<String>,
    /// Per claim.
    pub claims: Vec<ClaimResult>,
    /// How many obligations were re-proved.
    pub obligations: usize,
}

impl Checked {
    /// Every obligation proved, hash intact, nothing unexpected.
    pub fn all_proved(&self) -> bool {
        self.hash_mismatch.is_none()
            && self.general.is_empty()
            && self.claims.iter().all(|c| c.failures.is_empty())
    }
}

impl Report {
    /// 0: all proved; 1: something false or unproved; 2: malformed.
    pub fn exit_code(&self) -> i32 {
        match &self.outcome {
            Err(_) => 2,
            Ok(c) if c.all_proved() => 0,
            Ok(_) => 1,
        }
    }

    /// Human-readable lines, each naming the file.
    pub fn lines(&self) -> Vec<String> {
        let f = &self.file;
        match &self.outcome {
            Err(m) => vec![format!("{f}: error: {m}")],
            Ok(c) => {
                let mut out = Vec::new();
                if let Some(h) = &c.hash_mismatch {
                    out.push(format!("{f}: FAILED hash: the content hashes to {h}, not to the recorded hash (run `twostep rehash` only if the edit is intended)"));
                }
                for g in &c.general {
                    out.push(format!("{f}: FAILED {g}"));
                }
                for cl in &c.claims {
                    if cl.failures.is_empty() {
                        out.push(format!("{f}: proved {} on {}", cl.id, cl.domain));
                    } else {
                        for m in &cl.failures {
                            out.push(format!("{f}: FAILED {}: {m}", cl.id));
                        }
                    }
                }
                out.push(format!(
                    "{f}: {} ({} obligations re-proved, family {})",
                    if c.all_proved() {
                        "all proved"
                    } else {
                        "NOT proved"
                    },
                    c.obligations,
                    c.family
                ));
                out
            }
        }
    }
}

/// Checks one certificate file. Never panics: an internal error is reported as a failure.
pub fn verify_file(path: &Path) -> Report {
    let file = path.display().to_string();
    let outcome = match cert::read(path) {
        Err(m) => Err(m),
        Ok((c, value)) => guarded(|| verify(&c, &value)),
    };
    Report { file, outcome }
}

/// Checks certificate text (for tests and tools).
pub fn verify_text(name: &str, text: &str) -> Report {
    let outcome = match cert::parse(text) {
        Err(m) => Err(m),
        Ok((c, value)) => guarded(|| verify(&c, &value)),
    };
    Report {
        file: name.to_string(),
        outcome,
    }
}

fn guarded(
    f: impl FnOnce() -> Result<Checked, Malformed> + std::panic::UnwindSafe,
) -> Result<Checked, Malformed> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(f);
    std::panic::set_hook(hook);
    match r {
        Ok(r) => r,
        Err(_) => Err(Malformed::new(
            "-",
            "internal error while checking (please report this file)",
        )),
    }
}

/// Formats a range as `(lo, hi]` etc.
pub fn show_range(r: &cert::Range) -> String {
    format!(
        "{}{}, {}{}",
        if r.lo_closed { "[" } else { "(" },
        r.lo,
        r.hi,
        if r.hi_closed { "]" } else { ")" }
    )
}

fn verify(c: &Certificate, value: &serde_json::Value) -> Result<Checked, Malformed> {
    let spec = spec::family(&c.family).ok_or_else(|| {
        Malformed::new(
            "family",
            format!(
                "unknown claim family `{}` (known: {})",
                c.family,
                spec::FAMILIES.join(", ")
            ),
        )
    })?;
    let computed = cert::hash_value(value);
    let hash_mismatch = (computed != c.hash).then_some(computed);
    let mut general = Vec::new();
    let mut claims = Vec::new();
    let mut count = 0;

    // Obligations in the certificate that the family does not ask for, or repeated.
    let mut seen = std::collections::BTreeSet::new();
    for o in &c.obligations {
        if !seen.insert(o.id.clone()) {
            general.push(format!("obligation {} appears twice", o.id));
        }
        if !spec.obligations.iter().any(|s| s.id == o.id) {
            general.push(format!(
                "obligation {} is not one the family {} asks for",
                o.id, c.family
            ));
        }
    }
    for cs in &spec.claims {
        let Some(claim) = c.claims.iter().find(|x| x.id == cs.id) else {
            claims.push(ClaimResult {
                id: cs.id.to_string(),
                domain: "-".into(),
                failures: vec!["claim missing from the certificate".into()],
            });
            continue;
        };
        let mut failures = Vec::new();
        let domain = claim_domain(claim, cs, &mut failures)?;
        let shown = claim
            .domain
            .iter()
            .map(|(k, r)| format!("{k} ∈ {}", show_range(r)))
            .collect::<Vec<_>>()
            .join(", ");
        for os in spec.obligations.iter().filter(|o| o.claim == cs.id) {
            let Some(ob) = c.obligations.iter().find(|o| o.id == os.id) else {
                failures.push(format!("obligation {} is missing", os.id));
                continue;
            };
            if ob.claim != os.claim {
                failures.push(format!(
                    "obligation {} is filed under {}, not {}",
                    os.id, ob.claim, os.claim
                ));
            }
            if ob.statement != os.statement {
                failures.push(format!(
                    "obligation {}: the statement differs from the checker's: `{}`",
                    os.id, os.statement
                ));
            }
            count += 1;
            let mut found = rules::prove(os, &ob.proof, &domain);
            if let spec::Rule::Reach { .. } = os.rule {
                found.extend(reach::basin_link(c));
            }
            if let spec::Rule::Attract { region } = os.rule {
                found.extend(attract::region_link(c, region, &ob.proof));
            }
            for f in found {
                failures.push(format!("obligation {}: {f}", os.id));
            }
        }
        claims.push(ClaimResult {
            id: cs.id.to_string(),
            domain: shown,
            failures,
        });
    }
    for cl in &c.claims {
        if !spec.claims.iter().any(|s| s.id == cl.id) {
            general.push(format!(
                "claim {} is not one of the family {}",
                cl.id, c.family
            ));
        }
    }
    Ok(Checked {
        family: c.family.clone(),
        hash_mismatch,
        general,
        claims,
        obligations: count,
    })
}

/// A parameter domain, parsed: name to (lo, lo_closed, hi, hi_closed).
pub type Domain = Vec<(String, Endpoint, bool, Endpoint, bool)>;

/// The certificate's domain for a claim, compared with the checker's.
fn claim_domain(
    claim: &cert::Claim,
    cs: &spec::ClaimSpec,
    failures: &mut Vec<String>,
) -> Result<Domain, Malformed> {
    let mut out = Vec::new();
    for (name, r) in &claim.domain {
        let lo = Endpoint::parse(&r.lo)
            .map_err(|e| Malformed::new(format!("claims.{}.domain.{name}.lo", claim.id), e))?;
        let hi = Endpoint::parse(&r.hi)
            .map_err(|e| Malformed::new(format!("claims.{}.domain.{name}.hi", claim.id), e))?;
        out.push((name.clone(), lo, r.lo_closed, hi, r.hi_closed));
    }
    let want: Vec<String> = cs.domain.iter().map(|d| d.0.to_string()).collect();
    let have: Vec<String> = out.iter().map(|d| d.0.clone()).collect();
    if want.iter().collect::<std::collections::BTreeSet<_>>() != have.iter().collect() {
        failures.push(format!("domain names {have:?}, the claim is over {want:?}"));
        return Ok(out);
    }
    for (name, lo, lo_c, hi, hi_c) in &out {
        let d = cs.domain.iter().find(|d| d.0 == name).unwrap();
        let (slo, shi) = (Endpoint::parse(d.1).unwrap(), Endpoint::parse(d.3).unwrap());
        // The argument is known to hold on the checker's domain; a wider one is false
        // or unproved, a narrower one is less than the claim.
        let wider_lo = lower_is_below(lo, *lo_c, &slo, d.2);
        let wider_hi = upper_is_above(hi, *hi_c, &shi, d.4);
        if wider_lo || wider_hi {
            let mut m = format!(
                "the certificate states {name} ∈ {}{}, {}{}, wider than the domain of the claim {}{}, {}{}",
                if *lo_c { "[" } else { "(" }, show_end(lo), show_end(hi), if *hi_c { "]" } else { ")" },
                if d.2 { "[" } else { "(" }, d.1, d.3, if d.4 { "]" } else { ")" }
            );
            if let (Some(why), Some(x)) =
                (cs.beyond, if wider_hi { hi.exact() } else { lo.exact() })
            {
                m.push_str(&format!("; {}", why(x)));
            }
            failures.push(m);
        } else if lo != &slo || hi != &shi || *lo_c != d.2 || *hi_c != d.4 {
            failures.push(format!(
                "the certificate covers only part of the claim's domain for {name}"
            ));
        }
    }
    Ok(out)
}

fn show_end(e: &Endpoint) -> String {
    match e {
        Endpoint::Exact(q) => crate::arith::q::fmt(q),
        Endpoint::KStar => "sqrt(9/2)-1".into(),
        Endpoint::Sqrt5Minus1 => "sqrt(5)-1".into(),
    }
}

fn cmp_end(a: &Endpoint, b: &Endpoint) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Endpoint::Exact(x), _) => b.cmp_q(x).reverse(),
        (_, Endpoint::Exact(y)) => a.cmp_q(y),
        (Endpoint::KStar, Endpoint::Sqrt5Minus1) => Less,
        (Endpoint::Sqrt5Minus1, Endpoint::KStar) => Greater,
        _ => Equal,
    }
}

fn lower_is_below(a: &Endpoint, a_closed: bool, b: &Endpoint, b_closed: bool) -> bool {
    match cmp_end(a, b) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Equal => a_closed && !b_closed,
        _ => false,
    }
}

fn upper_is_above(a: &Endpoint, a_closed: bool, b: &Endpoint, b_closed: bool) -> bool {
    match cmp_end(a, b) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => a_closed && !b_closed,
        _ => false,
    }
}
