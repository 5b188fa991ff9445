//! The search: for each claim family, find the data (cells, enclosures, Newton boxes)
//! that proves the checker's statements, and write it as a certificate.
//!
//! The search runs on inari intervals and may use any heuristic; nothing it concludes
//! counts until [`crate::check`] re-proves it with the exact engines.

pub mod appendix_l;
pub mod lemma2;
pub mod product_region;
pub mod search;
pub mod theorem2;
pub mod theorem3;
pub mod theorem3_orbit;
pub mod theorem4;
pub mod theorem4_explore;
pub mod theorem4_stage2;

use crate::cert::{self, Certificate};
use crate::check::spec::FamilySpec;
use std::collections::BTreeMap;

/// Families `twostep certify` can write, in the order `certify all` writes them.
pub const CERTIFIABLE: &[&str] = &["theorem2", "appendix-l", "lemma2", "theorem3", "theorem4"];

/// Runs the search for `family`.
pub fn certify(family: &str) -> Result<Certificate, String> {
    match family {
        "theorem2" => theorem2::certify(),
        "appendix-l" => appendix_l::certify(),
        "lemma2" => lemma2::certify(),
        "theorem3" => theorem3::certify(),
        "theorem4" => theorem4::certify(),
        _ => Err(format!(
            "unknown claim family `{family}` (known: {})",
            CERTIFIABLE.join(", ")
        )),
    }
}

/// The file name of a family's certificate.
pub fn file_name(family: &str) -> String {
    format!("{family}.json")
}

/// The certificate frame of a family: everything but the obligations' proofs.
pub fn frame(spec: &FamilySpec, obligations: Vec<cert::Obligation>) -> Certificate {
    let claims = spec
        .claims
        .iter()
        .map(|c| cert::Claim {
            id: c.id.into(),
            paper: c.paper.into(),
            statement: c.statement.into(),
            domain: c
                .domain
                .iter()
                .map(|d| {
                    (
                        d.0.to_string(),
                        cert::Range {
                            lo: d.1.into(),
                            lo_closed: d.2,
                            hi: d.3.into(),
                            hi_closed: d.4,
                        },
                    )
                })
                .collect::<BTreeMap<_, _>>(),
        })
        .collect();
    Certificate {
        format: cert::FORMAT.into(),
        version: cert::VERSION,
        family: spec.family.into(),
        paper: spec.paper.into(),
        model: cert::Model {
            name: spec.model.0.into(),
            map: spec.model.1.into(),
        },
        claims,
        obligations,
        tool: cert::Tool {
            name: "twostep".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            source_digest: env!("TWOSTEP_SOURCE_DIGEST").into(),
        },
        hash: String::new(),
    }
}
