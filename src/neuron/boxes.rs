//! Boxes of (K, v, w_x, w_y) with exact endpoints, their text form and their search form.

use crate::arith::interval::enclose;
use crate::arith::q::{self, Q};
use inari::Interval;

/// The state variables, in the order boxes hold them after K.
pub const STATE_VARS: [&str; 3] = ["v", "w_x", "w_y"];

/// A box with exact endpoints: K, then v, w_x, w_y; each `(lo, hi)`, `lo ≤ hi`.
#[derive(Clone, Debug, PartialEq)]
pub struct QBox {
    /// The range of K.
    pub k: (Q, Q),
    /// The ranges of v, w_x, w_y.
    pub state: [(Q, Q); 3],
}

/// A search box: `[K, v, w_x, w_y]` as inari intervals (f64 endpoints, exact values).
pub type IBox = [Interval; 4];

impl QBox {
    /// The tightest inari box containing this one.
    pub fn to_ibox(&self) -> IBox {
        let e = |p: &(Q, Q)| enclose(&p.0, &p.1);
        [
            e(&self.k),
            e(&self.state[0]),
            e(&self.state[1]),
            e(&self.state[2]),
        ]
    }
}

/// Parses `lo..hi` or a single exact number (a point); `lo > hi` is an error.
pub fn parse_range(text: &str, what: &str) -> Result<(Q, Q), String> {
    let t = text.trim();
    let (a, b) = match t.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (t, t),
    };
    let lo = q::parse(a).map_err(|e| format!("{what}: {e}"))?;
    let hi = q::parse(b).map_err(|e| format!("{what}: {e}"))?;
    if lo > hi {
        return Err(format!(
            "{what}: empty range {a}..{b} (lower end above upper end)"
        ));
    }
    Ok((lo, hi))
}

/// Parses `v=a..b,w_x=c..d,w_y=e..f` (each variable exactly once, any order).
pub fn parse_state_box(text: &str) -> Result<[(Q, Q); 3], String> {
    let mut found: [Option<(Q, Q)>; 3] = [None, None, None];
    if text.trim().is_empty() {
        return Err("empty box: expected v=a..b,w_x=c..d,w_y=e..f".into());
    }
    for part in text.split(',') {
        let (name, range) = part
            .split_once('=')
            .ok_or_else(|| format!("`{}` is not of the form name=lo..hi", part.trim()))?;
        let name = name.trim();
        let i = STATE_VARS
            .iter()
            .position(|v| *v == name)
            .ok_or_else(|| format!("unknown variable `{name}` (expected v, w_x, w_y)"))?;
        if found[i].is_some() {
            return Err(format!("variable `{name}` given twice"));
        }
        found[i] = Some(parse_range(range, name)?);
    }
    let mut out = Vec::new();
    for (i, f) in found.into_iter().enumerate() {
        out.push(f.ok_or_else(|| format!("variable `{}` missing", STATE_VARS[i]))?);
    }
    Ok([out[0].clone(), out[1].clone(), out[2].clone()])
}

/// Checks that w_x > 0 on the box: the map needs w ≠ 0, and the theorem's states have w_x > 0.
pub fn require_positive_wx(state: &[(Q, Q); 3]) -> Result<(), String> {
    if state[1].0 <= 0 {
        return Err(format!(
            "w_x must be > 0 on the box (its lower end is {})",
            q::fmt(&state[1].0)
        ));
    }
    Ok(())
}

/// `x` rounded outward (down when `up` is false) to 17 significant decimal digits, as
/// exact text.
pub fn dec_out(x: f64, up: bool) -> String {
    let xq = q::from_f64(x);
    if x == 0.0 {
        return "0".into();
    }
    let exp10 = x.abs().log10().floor() as i64;
    let places = (16 - exp10).clamp(0, 400) as u32;
    let r = if up {
        q::ceil_dec(&xq, places)
    } else {
        q::floor_dec(&xq, places)
    };
    q::fmt(&r)
}

/// An inari interval as an outward-rounded exact pair.
pub fn interval_text(v: Interval) -> [String; 2] {
    [dec_out(v.inf(), false), dec_out(v.sup(), true)]
}
