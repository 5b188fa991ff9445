//! Search for Lemma 2: the positivity region rows and the paper-chain checks.

use super::product_region::{constants_for, exact_constants, k_rows, non_region_proof, row};
use super::search::entry;
use crate::arith::q::{fmt, parse, Q};
use crate::cert::{Certificate, Proof, RegionRow};
use crate::check::spec::lemma2::{spec, K_MAX};
use crate::check::spec::Rule;
use std::collections::BTreeMap;

/// The rows of the positivity region, with constants per K row.
pub fn positivity_rows() -> Result<Vec<(Q, Q, BTreeMap<String, Q>)>, String> {
    let kmax = parse(K_MAX).unwrap();
    let mut out = Vec::new();
    for (k0, k1) in k_rows(&kmax) {
        let (c, p, plo) = constants_for(k0.to_f64(), k1.to_f64()).ok_or_else(|| {
            format!(
                "no positivity constants for K ∈ [{}, {}]",
                fmt(&k0),
                fmt(&k1)
            )
        })?;
        out.push((k0, k1, exact_constants(c, p, plo)));
    }
    Ok(out)
}

/// Writes the Lemma 2 certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let rows = positivity_rows()?;
    let mut obligations = Vec::new();
    for os in &s.obligations {
        let proof = match &os.rule {
            Rule::Region(rule) => {
                let proved: Result<Vec<RegionRow>, String> = rows
                    .iter()
                    .map(|(k0, k1, consts)| row(rule, &(k0.clone(), k1.clone()), consts))
                    .collect();
                Proof::Region {
                    rows: proved.map_err(|e| format!("{}: {e}", os.id))?,
                }
            }
            _ => non_region_proof(os)?,
        };
        obligations.push(entry(os, proof));
    }
    Ok(super::frame(&s, obligations))
}
