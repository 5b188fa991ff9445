//! `twostep check-table`: answer claimed box mappings of the neuron map row by row.
//!
//! A row `{"model": "neuron", "k": [lo, hi], "from": {box}, "steps": n, "to": {box}}`
//! claims that n steps of the reduced map send every point of `from`, for every K in
//! `k`, into `to` (boxes: `{"v": [lo, hi], "w_x": [lo, hi], "w_y": [lo, hi]}`, exact
//! numbers written as strings). The answer is
//!
//! * `certified`: the K × `from` box was cut into pieces, and the outward-rounded
//!   (inari) enclosure of the n-step image of every piece lies inside `to`;
//! * `refuted`: a witness point whose image, computed with the exact engine
//!   ([`crate::arith::exact::QI`], rational endpoints, MPFR rounded outward), lies
//!   outside `to` in some coordinate;
//! * `unknown`: neither within the budget.

use super::boxes::{IBox, QBox, STATE_VARS};
use super::propagate::{bisect, is_bounded, iterate_f64, iterate_iv, iterate_qi, sample_points};
use crate::arith::exact::QI;
use crate::arith::q::{self, ceil_dec, floor_dec, Q};
use serde_json::Value;

/// One claimed mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// K range and source box.
    pub from: QBox,
    /// Number of steps.
    pub steps: usize,
    /// Target box (v, w_x, w_y).
    pub to: [(Q, Q); 3],
}

/// The answer to one row.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Every piece's enclosure lies in `to`.
    Certified {
        /// How many pieces the K × from box was cut into.
        pieces: usize,
    },
    /// A point whose rigorous image lies outside `to`.
    Refuted {
        /// (K, v, w_x, w_y).
        witness: [Q; 4],
        /// Exact-engine enclosure of its image (v, w_x, w_y).
        image: [QI; 3],
        /// The coordinate that leaves `to`.
        coordinate: &'static str,
    },
    /// Neither within the budget.
    Unknown {
        /// Why.
        reason: String,
    },
}

impl Answer {
    /// `certified`, `refuted` or `unknown`.
    pub fn verdict(&self) -> &'static str {
        match self {
            Answer::Certified { .. } => "certified",
            Answer::Refuted { .. } => "refuted",
            Answer::Unknown { .. } => "unknown",
        }
    }
}

/// Largest number of steps a row may claim.
pub const MAX_STEPS: u64 = 200;

fn pair(v: &Value, path: &str) -> Result<(Q, Q), String> {
    let a = v
        .as_array()
        .filter(|a| a.len() == 2)
        .ok_or_else(|| format!("{path}: expected [lo, hi]"))?;
    let mut out = Vec::new();
    for (i, x) in a.iter().enumerate() {
        let s = x.as_str().ok_or_else(|| {
            format!(
                "{path}[{i}]: expected an exact number as a string, such as \"0.25\" or \"1/3\""
            )
        })?;
        out.push(q::parse(s).map_err(|e| format!("{path}[{i}]: {e}"))?);
    }
    let (lo, hi) = (out[0].clone(), out[1].clone());
    if lo > hi {
        return Err(format!(
            "{path}: empty interval (lower end above upper end)"
        ));
    }
    Ok((lo, hi))
}

fn state_box(v: &Value, path: &str) -> Result<[(Q, Q); 3], String> {
    let o = v
        .as_object()
        .ok_or_else(|| format!("{path}: expected an object with v, w_x, w_y"))?;
    for key in o.keys() {
        if !STATE_VARS.contains(&key.as_str()) {
            return Err(format!(
                "{path}: unknown variable `{key}` (expected v, w_x, w_y)"
            ));
        }
    }
    let get = |n: &str| {
        o.get(n)
            .ok_or_else(|| format!("{path}: variable `{n}` missing"))
            .and_then(|x| pair(x, &format!("{path}.{n}")))
    };
    Ok([get("v")?, get("w_x")?, get("w_y")?])
}

fn row(v: &Value, path: &str) -> Result<Row, String> {
    let o = v
        .as_object()
        .ok_or_else(|| format!("{path}: expected an object"))?;
    for key in o.keys() {
        if !["model", "k", "from", "steps", "to"].contains(&key.as_str()) {
            return Err(format!("{path}: unknown member `{key}`"));
        }
    }
    match o.get("model").and_then(|m| m.as_str()) {
        Some("neuron") => {}
        Some(m) => {
            return Err(format!(
                "{path}.model: `{m}` is not a model this command knows (neuron)"
            ))
        }
        None => return Err(format!("{path}.model: missing")),
    }
    let k = pair(
        o.get("k").ok_or_else(|| format!("{path}.k: missing"))?,
        &format!("{path}.k"),
    )?;
    if k.0 <= 0 {
        return Err(format!("{path}.k: K must be positive"));
    }
    let from = state_box(
        o.get("from")
            .ok_or_else(|| format!("{path}.from: missing"))?,
        &format!("{path}.from"),
    )?;
    let to = state_box(
        o.get("to").ok_or_else(|| format!("{path}.to: missing"))?,
        &format!("{path}.to"),
    )?;
    let steps = o
        .get("steps")
        .and_then(|s| s.as_u64())
        .ok_or_else(|| format!("{path}.steps: expected a non-negative integer"))?;
    if steps > MAX_STEPS {
        return Err(format!("{path}.steps: at most {MAX_STEPS}"));
    }
    Ok(Row {
        from: QBox { k, state: from },
        steps: steps as usize,
        to,
    })
}

/// Parses a table: a JSON array of rows. `Err` is malformed input (exit status 2).
pub fn parse_table(text: &str) -> Result<Vec<Row>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let rows = v.as_array().ok_or("expected a JSON array of rows")?;
    if rows.is_empty() {
        return Err("the table has no rows".into());
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| row(r, &format!("rows[{i}]")))
        .collect()
}

/// Budget of one row: pieces whose enclosure is computed.
pub const PIECE_BUDGET: usize = 200_000;

fn inside(img: &IBox, to: &[(Q, Q); 3]) -> bool {
    (0..3).all(|i| {
        q::from_f64(img[i + 1].inf()) >= to[i].0 && q::from_f64(img[i + 1].sup()) <= to[i].1
    })
}

fn outside_f64(p: &[f64; 4], to: &[(Q, Q); 3]) -> bool {
    (0..3).any(|i| {
        !p[i + 1].is_finite() || p[i + 1] < to[i].0.to_f64() || p[i + 1] > to[i].1.to_f64()
    })
}

/// A point of the exact box `b`, near `p`, with short exact coordinates.
fn witness_point(p: &[f64; 4], b: &QBox) -> [Q; 4] {
    let ranges = [&b.k, &b.state[0], &b.state[1], &b.state[2]];
    std::array::from_fn(|i| {
        let (lo, hi) = ranges[i];
        let short =
            q::parse(&super::boxes::dec_out(p[i], false)).unwrap_or_else(|_| q::from_f64(p[i]));
        if short < *lo {
            lo.clone()
        } else if short > *hi {
            hi.clone()
        } else {
            short
        }
    })
}

/// Confirms with the exact engine that the image of `w` leaves `to`.
fn confirm(w: &[Q; 4], steps: usize, to: &[(Q, Q); 3]) -> Option<Answer> {
    let start = [
        QI::point(w[0].clone()),
        QI::point(w[1].clone()),
        QI::point(w[2].clone()),
        QI::point(w[3].clone()),
    ];
    let img = iterate_qi(&start, steps);
    for i in 0..3 {
        if let QI::Bounded(lo, hi) = &img[i + 1] {
            if *hi < to[i].0 || *lo > to[i].1 {
                return Some(Answer::Refuted {
                    witness: w.clone(),
                    image: [img[1].clone(), img[2].clone(), img[3].clone()],
                    coordinate: STATE_VARS[i],
                });
            }
        }
    }
    None
}

fn try_refute(b: &IBox, exact: &QBox, steps: usize, to: &[(Q, Q); 3]) -> Option<Answer> {
    for p in sample_points(b) {
        let img = iterate_f64(&p, steps);
        if outside_f64(&img, to) {
            if let Some(a) = confirm(&witness_point(&p, exact), steps, to) {
                return Some(a);
            }
        }
    }
    None
}

/// Answers one row.
pub fn answer(r: &Row) -> Answer {
    let start = r.from.to_ibox();
    if let Some(a) = try_refute(&start, &r.from, r.steps, &r.to) {
        return a;
    }
    let mut scale = [1.0; 4];
    for (i, s) in scale.iter_mut().enumerate() {
        let w = start[i].wid();
        if w > 0.0 {
            *s = w;
        }
    }
    let mut stack = vec![start];
    let mut pieces = 0usize;
    let mut evaluated = 0usize;
    while let Some(b) = stack.pop() {
        evaluated += 1;
        if evaluated > PIECE_BUDGET {
            return Answer::Unknown {
                reason: format!(
                    "budget of {PIECE_BUDGET} pieces spent without a proof or a counterexample"
                ),
            };
        }
        let img = iterate_iv(&b, r.steps);
        if is_bounded(&img) && inside(&img, &r.to) {
            pieces += 1;
            continue;
        }
        if let Some(a) = try_refute(&b, &r.from, r.steps, &r.to) {
            return a;
        }
        match bisect(&b, &scale) {
            Some((lo, hi)) => {
                stack.push(hi);
                stack.push(lo);
            }
            None => {
                return Answer::Unknown {
                    reason: "a piece cannot be split further and its enclosure leaves the target"
                        .into(),
                }
            }
        }
    }
    Answer::Certified { pieces }
}

fn qi_text(v: &QI) -> String {
    match v {
        QI::Bounded(l, h) => format!(
            "[\"{}\", \"{}\"]",
            q::fmt(&floor_dec(l, 20)),
            q::fmt(&ceil_dec(h, 20))
        ),
        QI::Entire => "null".into(),
    }
}

/// One JSON line per row: `{"row": i, "answer": …, …}`.
pub fn answer_line(i: usize, a: &Answer) -> String {
    match a {
        Answer::Certified { pieces } => format!("{{\"row\": {i}, \"answer\": \"certified\", \"pieces\": {pieces}}}"),
        Answer::Refuted { witness, image, coordinate } => format!(
            "{{\"row\": {i}, \"answer\": \"refuted\", \"witness\": {{\"k\": \"{}\", \"v\": \"{}\", \"w_x\": \"{}\", \"w_y\": \"{}\"}}, \"image\": {{\"v\": {}, \"w_x\": {}, \"w_y\": {}}}, \"leaves_target_in\": \"{coordinate}\"}}",
            q::fmt(&witness[0]), q::fmt(&witness[1]), q::fmt(&witness[2]), q::fmt(&witness[3]),
            qi_text(&image[0]), qi_text(&image[1]), qi_text(&image[2])
        ),
        Answer::Unknown { reason } => format!("{{\"row\": {i}, \"answer\": \"unknown\", \"reason\": {}}}", serde_json::Value::String(reason.clone())),
    }
}

/// Answers every row of a table text: the output lines and the exit status
/// (0 all certified, 1 some refuted or unknown, 2 malformed).
pub fn run(text: &str) -> (Vec<String>, i32) {
    let rows = match parse_table(text) {
        Ok(r) => r,
        Err(e) => return (vec![format!("malformed table: {e}")], 2),
    };
    let mut lines = Vec::new();
    let mut code = 0;
    for (i, r) in rows.iter().enumerate() {
        let a = answer(r);
        if !matches!(a, Answer::Certified { .. }) {
            code = 1;
        }
        lines.push(answer_line(i, &a));
    }
    (lines, code)
}
