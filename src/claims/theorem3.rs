//! Search for Theorem 3 and Prop 3: the positivity rows of Lemma 2 with κ and β added.

use super::lemma2::positivity_rows;
use super::product_region::{balance_constants, non_region_proof, row};
use super::search::{entry, standard_proof};
use super::theorem3_orbit::{near_region_rows, near_search, region_rows, search};
use crate::arith::q::{floor_dec, from_f64, parse, Q};
use crate::cert::{Certificate, Proof, RegionRow};
use crate::check::spec::theorem3::{spec, NEAR_K_HI};
use crate::check::spec::Rule;

/// Writes the Theorem 3 certificate.
pub fn certify() -> Result<Certificate, String> {
    let s = spec();
    let rows = positivity_rows()?;
    let orbit_rows = region_rows()?;
    let near_rows = near_region_rows()?;
    let mut obligations = Vec::new();
    for os in &s.obligations {
        let proof = match &os.rule {
            Rule::Region(_) if os.id == "P3.orbit-global/region" => Proof::Region {
                rows: orbit_rows.clone(),
            },
            Rule::Region(_) if os.id == "P3.orbit-near/region" => Proof::Region {
                rows: near_rows.clone(),
            },
            Rule::Sign { .. } if os.id == "P3.orbit-near/strip" => {
                let k = (Q::from(1), parse(NEAR_K_HI).unwrap());
                let w = (Q::from(-1), Q::from(1));
                standard_proof(os, &[vec![k, w]])?
            }
            Rule::Attract { .. } if os.id == "P3.orbit-near/slab-graph" => near_search(&near_rows)?,
            Rule::Attract { .. } => search(&orbit_rows)?,
            Rule::Region(rule) => {
                let mut out: Vec<RegionRow> = Vec::new();
                for (k0, k1, consts) in &rows {
                    let mut consts = consts.clone();
                    let (z, ab) = balance_constants(
                        k0.to_f64(),
                        k1.to_f64(),
                        consts["c"].to_f64(),
                        consts["P"].to_f64(),
                    );
                    consts.insert("kappa".into(), floor_dec(&from_f64(0.9 * z), 3));
                    consts.insert("beta".into(), floor_dec(&from_f64(0.9 * ab), 3));
                    out.push(
                        row(rule, &(k0.clone(), k1.clone()), &consts)
                            .map_err(|e| format!("{}: {e}", os.id))?,
                    );
                }
                Proof::Region { rows: out }
            }
            _ => non_region_proof(os)?,
        };
        obligations.push(entry(os, proof));
    }
    Ok(super::frame(&s, obligations))
}
