//! Exact numbers and domain ends as Coq real-number terms.

use crate::arith::q::{self, Q};
use crate::cert::Endpoint;

/// `q` as a Coq term of type R: an integer literal or `(p / q)`, negatives in parentheses.
pub fn lit(q: &Q) -> String {
    let (n, d) = (q.numer(), q.denom());
    match (*d == 1, *n < 0) {
        (true, false) => n.to_string(),
        (true, true) => format!("({n})"),
        (false, _) => format!("({n} / {d})"),
    }
}

/// `q` as a `GridCheck.q` term (numerator, positive denominator): `(n, d)%Z`.
pub fn qlit(q: &Q) -> String {
    format!("({}, {})%Z", q.numer(), q.denom())
}

/// An upper bound below `limit` with a short literal: `x` rounded up to 6 decimals where
/// that stays below `limit`, else `x`; `None` when `x` is not below `limit`.
pub fn short_upper_below(x: &Q, limit: &Q) -> Option<Q> {
    let round = q::ceil_dec(x, 6);
    if round < *limit {
        Some(round)
    } else if x < limit {
        Some(x.clone())
    } else {
        None
    }
}

/// A lower bound above `limit` with a short literal: `x` rounded down to 6 decimals where
/// that stays above `limit`, else `x`; `None` when `x` is not above `limit`.
pub fn short_lower_above(x: &Q, limit: &Q) -> Option<Q> {
    let round = q::floor_dec(x, 6);
    if round > *limit {
        Some(round)
    } else if x > limit {
        Some(x.clone())
    } else {
        None
    }
}

/// A domain end as a Coq term (`K_star` is defined in `Model.v`).
pub fn endpoint(e: &Endpoint) -> String {
    match e {
        Endpoint::Exact(q) => lit(q),
        Endpoint::KStar => "K_star".into(),
        Endpoint::Sqrt5Minus1 => "(sqrt 5 - 1)".into(),
    }
}

/// An obligation or claim id as a Coq identifier: `T2.roots/eq4-range` → `T2_roots_eq4_range`.
pub fn ident(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A family name as a Coq module prefix: `appendix-l` → `AppendixL`.
pub fn module_prefix(family: &str) -> String {
    family
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arith::q::parse;

    #[test]
    fn literals() {
        assert_eq!(lit(&parse("3").unwrap()), "3");
        assert_eq!(lit(&parse("-3").unwrap()), "(-3)");
        assert_eq!(lit(&parse("1.25").unwrap()), "(5 / 4)");
        assert_eq!(lit(&parse("-0.5").unwrap()), "(-1 / 2)");
        assert_eq!(ident("T2.roots/eq4-range"), "T2_roots_eq4_range");
        assert_eq!(module_prefix("appendix-l"), "AppendixL");
    }
}
