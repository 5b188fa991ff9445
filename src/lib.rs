//! twostep: certified re-checking of the computer-checkable arguments of
//! L. Chen and J. Bruna, "Beyond the Edge of Stability via Two-step Gradient Updates"
//! (ICML 2023).
//!
//! The crate is a thin command line over this library:
//!
//! * [`arith`]: the number trait and its engines (f64, inari intervals, exact
//!   rational intervals with MPFR, a symbolic engine for identities);
//! * [`models`]: the paper's gradient-descent maps, written once, generic over the trait;
//! * [`cert`]: the certificate format, its canonical form and hash;
//! * [`check`]: the independent checker;
//! * [`claims`]: the search that writes each claim family's certificate.
//! * [`coq`]: turns a certificate into Coq files about `proofs/Model.v`.

pub mod arith;
pub mod cert;
pub mod check;
pub mod claims;
pub mod coq;
pub mod models;
pub mod neuron;
pub mod product_query;
pub mod product_table;
pub mod query;
pub mod table;
