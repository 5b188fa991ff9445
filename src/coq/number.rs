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

/// An integer of the grid data as a term of type Z: `z n`, `Rational.z` of a primitive
/// 63-bit literal, which Coq reads in one step where it converts a Z literal digit by
/// digit; outside the signed 63-bit range, the Z literal `n` itself. An element of a tuple
/// as it is; an argument goes in [`zarg`].
pub fn zlit(n: impl std::fmt::Display) -> String {
    let text = n.to_string();
    let digits = text.trim_start_matches('-');
    match (digits.len() <= 18, text.starts_with('-')) {
        (true, false) => format!("z {text}"),
        (true, true) => format!("z ({text})"),
        (false, false) => text,
        (false, true) => format!("({text})"),
    }
}

/// [`zlit`] in parentheses, as the argument of a constructor.
pub fn zarg(n: impl std::fmt::Display) -> String {
    format!("({})", zlit(n))
}

/// `q` as a `GridCheck.q` term of the grid data: `(zlit n, zlit d)`.
pub fn qzlit(q: &Q) -> String {
    format!("({}, {})", zlit(q.numer()), zlit(q.denom()))
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

    #[test]
    fn data_integers_are_primitive_literals_only_within_63_bits() {
        assert_eq!(zlit(7), "z 7");
        assert_eq!(zlit(-7), "z (-7)");
        assert_eq!(zarg(7), "(z 7)");
        // 18 digits are below 2^62 = 4 611 686 018 427 387 904; 19 may not be.
        assert_eq!(zlit(999_999_999_999_999_999i64), "z 999999999999999999");
        assert_eq!(zlit(-999_999_999_999_999_999i64), "z (-999999999999999999)");
        assert_eq!(zlit(4_611_686_018_427_387_904i64), "4611686018427387904");
        assert_eq!(
            zlit(-4_611_686_018_427_387_905i64),
            "(-4611686018427387905)"
        );
        assert_eq!(qzlit(&parse("-1.25").unwrap()), "(z (-5), z 4)");
    }
}
