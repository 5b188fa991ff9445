//! Exact rationals and their text form in certificates.
//!
//! An exact number is written as an integer (`-3`), a finite decimal (`1.125`) or a
//! fraction (`7/3`, denominator positive). Nothing else is accepted: no exponent, no
//! `NaN`, no infinity, no leading `+`. [`fmt`] writes the shortest of these forms that
//! is exactly the value: a decimal when the denominator divides a power of ten,
//! otherwise `p/q` in lowest terms.

use rug::{Integer, Rational};

/// An exact rational number.
pub type Q = Rational;

/// Parses an exact number; the error says why the text is not one.
pub fn parse(text: &str) -> Result<Q, String> {
    let why = |w: &str| format!("`{text}` is not an exact number ({w})");
    let bad = |w: &str| Err(why(w));
    if text.is_empty() {
        return bad("empty");
    }
    if text.len() > 4096 {
        return bad("longer than 4096 characters");
    }
    if let Some((p, q)) = text.split_once('/') {
        let p = parse_integer(p).ok_or_else(|| why("numerator is not an integer"))?;
        let q = parse_integer(q).ok_or_else(|| why("denominator is not an integer"))?;
        if q <= 0 {
            return bad("denominator must be positive");
        }
        return Ok(Q::from((p, q)));
    }
    let (neg, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || !digits(int_part) || !digits(frac_part) {
        return bad("expected digits, an optional `.` and digits, or p/q");
    }
    if body.contains('.') && frac_part.is_empty() {
        return bad("no digits after `.`");
    }
    let mantissa: Integer = format!("{int_part}{frac_part}")
        .parse()
        .map_err(|_| why("digits"))?;
    let scale = ten_pow(frac_part.len() as u32);
    let v = Q::from((mantissa, scale));
    Ok(if neg { -v } else { v })
}

fn parse_integer(s: &str) -> Option<Integer> {
    let body = s.strip_prefix('-').unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Writes `q` exactly: a decimal when the denominator is 2ᵃ5ᵇ, otherwise `p/q`.
pub fn fmt(q: &Q) -> String {
    let den = q.denom().clone();
    let mut d = den.clone();
    let mut twos = 0u32;
    let mut fives = 0u32;
    while d.is_divisible_u(2) {
        d /= 2;
        twos += 1;
    }
    while d.is_divisible_u(5) {
        d /= 5;
        fives += 1;
    }
    if d != 1 {
        return format!("{}/{}", q.numer(), q.denom());
    }
    let places = twos.max(fives);
    if places == 0 {
        return q.numer().to_string();
    }
    let scaled = q.clone() * ten_pow(places);
    let n = scaled.numer().clone();
    let neg = n < 0;
    let digits = n.abs().to_string();
    let digits = format!("{:0>width$}", digits, width = places as usize + 1);
    let (i, f) = digits.split_at(digits.len() - places as usize);
    format!("{}{}.{}", if neg { "-" } else { "" }, i, f)
}

/// The largest multiple of `10^-places` not above `q`.
pub fn floor_dec(q: &Q, places: u32) -> Q {
    let s = ten_pow(places);
    let scaled = q.clone() * &s;
    Q::from((scaled.floor().numer().clone(), s))
}

/// The smallest multiple of `10^-places` not below `q`.
pub fn ceil_dec(q: &Q, places: u32) -> Q {
    let s = ten_pow(places);
    let scaled = q.clone() * &s;
    Q::from((scaled.ceil().numer().clone(), s))
}

/// The exact value of a finite `f64` (panics on NaN or infinity, which the search
/// never produces for an endpoint it writes).
pub fn from_f64(x: f64) -> Q {
    Q::from_f64(x).expect("finite f64")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for s in ["0", "-3", "1.125", "-0.5", "7/3", "-7/3", "123.0001"] {
            assert_eq!(fmt(&parse(s).unwrap()), s);
        }
        assert_eq!(fmt(&parse("2/4").unwrap()), "0.5");
        assert_eq!(fmt(&parse("1.50").unwrap()), "1.5");
    }

    #[test]
    fn rejects_non_exact_text() {
        for s in [
            "", "NaN", "inf", "1e400", "1.", ".5", "+1", "1/0", "1/-2", "0x10", "1.2.3", "--1",
        ] {
            assert!(parse(s).is_err(), "accepted {s:?}");
        }
    }

    #[test]
    fn decimal_rounding_is_outward() {
        let x = parse("1/3").unwrap();
        assert!(floor_dec(&x, 6) < x && x < ceil_dec(&x, 6));
        assert_eq!(fmt(&floor_dec(&x, 6)), "0.333333");
        assert_eq!(fmt(&ceil_dec(&x, 6)), "0.333334");
        let y = parse("-1/3").unwrap();
        assert_eq!(fmt(&floor_dec(&y, 2)), "-0.34");
    }
}

fn ten_pow(n: u32) -> Integer {
    Integer::from(Integer::u_pow_u(10, n))
}
