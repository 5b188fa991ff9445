//! Re-proving one obligation from its certificate data, with the exact engines only.

use super::cover::{verify_cover, VarRange};
use super::spec::{ObligationSpec, Quantity, Rel, Rule};
use super::Domain;
use crate::arith::exact::QI;
use crate::arith::q::{self, Q};
use crate::arith::sym::Session;
use crate::arith::Field;
use crate::cert::{parse_cell, parse_interval, Cell, EnclosedCell, Endpoint, Proof};
use crate::models::quartic;
use std::collections::BTreeMap;

/// A short decimal picture of an exact interval, for messages.
pub fn show(v: &QI) -> String {
    match v {
        QI::Bounded(l, h) => format!("[{:.12e}, {:.12e}]", l.to_f64(), h.to_f64()),
        QI::Entire => "(−∞, ∞)".into(),
    }
}

fn show_cell(c: &BTreeMap<String, (Q, Q)>) -> String {
    c.iter()
        .map(|(k, (a, b))| format!("{k} ∈ [{}, {}]", q::fmt(a), q::fmt(b)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everything that is wrong with `proof` as a proof of `spec`; empty when proved.
pub fn prove(spec: &ObligationSpec, proof: &Proof, domain: &Domain) -> Vec<String> {
    match (&spec.rule, proof) {
        (Rule::Identity { vars, expr }, Proof::Identity { .. }) => {
            let s = Session::new();
            let v: Vec<_> = vars.iter().map(|(name, nz)| s.var(name, *nz)).collect();
            match s.is_zero(&expr(&v)) {
                Ok(true) => vec![],
                Ok(false) => {
                    vec!["the identity is false: its numerator does not reduce to 0".into()]
                }
                Err(e) => vec![format!("the identity cannot be decided: {e}")],
            }
        }
        (
            Rule::Sign {
                vars,
                rel,
                quantity,
                extra,
            },
            Proof::Sign { relation, cells },
        ) => {
            let mut out = Vec::new();
            if relation != rel.as_str() {
                out.push(format!(
                    "the certificate claims {} {relation}, the statement needs {} {}",
                    quantity.name,
                    quantity.name,
                    rel.as_str()
                ));
            }
            let cells: Vec<&Cell> = cells.iter().collect();
            out.extend(cells_cover(vars, extra, domain, &cells));
            for (i, c) in cells.iter().enumerate() {
                let Ok(b) = parse_cell(c, "cell") else {
                    out.push(format!("cell {i} is malformed"));
                    continue;
                };
                let v = eval(quantity, vars, &b);
                let claimed_ok = Rel::from_str(relation).map_or(true, |r| r.holds(&v));
                if !rel.holds(&v) || !claimed_ok {
                    out.push(format!(
                        "cell {i} ({}): {} ∈ {}, not {}",
                        show_cell(&b),
                        quantity.name,
                        show(&v),
                        if rel.holds(&v) {
                            relation.as_str()
                        } else {
                            rel.as_str()
                        }
                    ));
                }
            }
            out
        }
        (
            Rule::Enclosure {
                vars,
                quantity,
                extra,
                max_width,
            },
            Proof::Enclosure { cells },
        ) => {
            let mut out = Vec::new();
            let boxes: Vec<&Cell> = cells.iter().map(|c: &EnclosedCell| &c.cell).collect();
            out.extend(cells_cover(vars, extra, domain, &boxes));
            let max_w = q::parse(max_width).unwrap_or_default();
            for (i, c) in cells.iter().enumerate() {
                let (Ok(b), Ok((lo, hi))) = (
                    parse_cell(&c.cell, "cell"),
                    parse_interval(&c.value, "value"),
                ) else {
                    out.push(format!("cell {i} is malformed"));
                    continue;
                };
                let v = eval(quantity, vars, &b);
                if !v.within(&lo, &hi) {
                    out.push(format!(
                        "cell {i} ({}): {} ∈ {} is not inside the claimed [{}, {}]",
                        show_cell(&b),
                        quantity.name,
                        show(&v),
                        c.value[0],
                        c.value[1]
                    ));
                }
                if hi.clone() - &lo > max_w {
                    out.push(format!(
                        "cell {i}: claimed enclosure of {} wider than {max_width}",
                        quantity.name
                    ));
                }
            }
            out
        }
        (
            Rule::Newton {
                k,
                period,
                stability,
            },
            Proof::Newton {
                k: ck,
                period: cp,
                y,
                multiplier,
                stability: cs,
            },
        ) => {
            let mut out = Vec::new();
            if ck != k || cp != period || cs != stability {
                out.push(format!("the certificate is about K = {ck}, period {cp}, {cs}; the statement is about K = {k}, period {period}, {stability}"));
                return out;
            }
            let (Ok(kq), Ok((a, b)), Ok((ml, mh))) = (
                q::parse(k),
                parse_interval(y, "y"),
                parse_interval(multiplier, "multiplier"),
            ) else {
                return vec!["malformed data".into()];
            };
            let kk = QI::point(kq);
            out.extend(newton_unique(&kk, &a, &b, *period as usize));
            let m = quartic::diterate(&kk, &QI::new(a, b), *period as usize);
            if !m.within(&ml, &mh) {
                out.push(format!(
                    "multiplier ∈ {} is not inside the claimed [{}, {}]",
                    show(&m),
                    multiplier[0],
                    multiplier[1]
                ));
            }
            let one = Q::from(1);
            let stable_ok = match stability.as_ref() {
                "attracting" => ml > -one.clone() && mh < one,
                _ => mh < -one.clone() || ml > one,
            };
            if !stable_ok {
                out.push(format!(
                    "the claimed multiplier [{}, {}] does not show the orbit {stability}",
                    multiplier[0], multiplier[1]
                ));
            }
            out
        }
        (
            Rule::Crossing {
                period,
                value,
                max_width,
            },
            Proof::Crossing {
                k,
                period: cp,
                y,
                value: cv,
                multiplier_at_lo,
                multiplier_at_hi,
            },
        ) => {
            let mut out = Vec::new();
            if cp != period || cv != value {
                return vec![format!("the certificate is about period {cp} crossing {cv}; the statement is about period {period} crossing {value}")];
            }
            let (Ok((k0, k1)), Ok((a, b)), Ok(val), Ok(mw)) = (
                parse_interval(k, "k"),
                parse_interval(y, "y"),
                q::parse(value),
                q::parse(max_width),
            ) else {
                return vec!["malformed data".into()];
            };
            if k1.clone() - &k0 > mw {
                out.push(format!("the K interval is wider than {max_width}"));
            }
            let n = *period as usize;
            out.extend(newton_unique(&QI::new(k0.clone(), k1.clone()), &a, &b, n));
            let mut sides = Vec::new();
            for (kq, claimed, name) in [
                (&k0, multiplier_at_lo, "lower"),
                (&k1, multiplier_at_hi, "upper"),
            ] {
                let kk = QI::point(kq.clone());
                let tight = newton_tighten(&kk, &QI::new(a.clone(), b.clone()), n);
                let m = quartic::diterate(&kk, &tight, n);
                let Ok((cl, ch)) = parse_interval(claimed, "multiplier") else {
                    return vec!["malformed data".into()];
                };
                if !m.within(&cl, &ch) {
                    out.push(format!(
                        "multiplier at the {name} K ∈ {} is not inside the claimed [{}, {}]",
                        show(&m),
                        claimed[0],
                        claimed[1]
                    ));
                }
                sides.push(if ch < val {
                    -1
                } else if cl > val {
                    1
                } else {
                    0
                });
            }
            if !(sides[0] * sides[1] == -1) {
                out.push(format!(
                    "the claimed multipliers do not lie strictly on opposite sides of {value}"
                ));
            }
            out
        }
        (Rule::Region(rule), Proof::Region { rows }) => super::region::prove(rule, rows, domain),
        (Rule::Basin { rate, max_wy }, Proof::Basin { pieces }) => {
            super::basin::prove(rate, max_wy, pieces, domain)
        }
        (Rule::Reach { steps }, Proof::Reach { pieces }) => {
            super::reach::prove(*steps, pieces, domain)
        }
        (Rule::Attract { .. }, Proof::Attract { pieces }) => super::attract::prove(pieces, domain),
        (_, p) => vec![format!(
            "proof of kind `{}` does not fit this statement",
            kind_name(p)
        )],
    }
}

fn kind_name(p: &Proof) -> &'static str {
    match p {
        Proof::Identity { .. } => "identity",
        Proof::Sign { .. } => "sign",
        Proof::Enclosure { .. } => "enclosure",
        Proof::Newton { .. } => "newton",
        Proof::Crossing { .. } => "crossing",
        Proof::Region { .. } => "region",
        Proof::Basin { .. } => "basin",
        Proof::Reach { .. } => "reach",
        Proof::Attract { .. } => "attract",
    }
}

impl Rel {
    /// Parses the certificate's spelling.
    pub fn from_str(s: &str) -> Option<Rel> {
        match s {
            ">0" => Some(Rel::Pos),
            ">=0" => Some(Rel::NonNeg),
            "<0" => Some(Rel::Neg),
            "<=0" => Some(Rel::NonPos),
            _ => None,
        }
    }
}

fn eval(quantity: &Quantity, vars: &[&str], b: &BTreeMap<String, (Q, Q)>) -> QI {
    let args: Option<Vec<QI>> = vars
        .iter()
        .map(|v| b.get(*v).map(|(l, h)| QI::new(l.clone(), h.clone())))
        .collect();
    match args {
        Some(a) => (quantity.qi)(&a),
        None => QI::Entire,
    }
}

fn cells_cover(
    vars: &[&str],
    extra: &[(&str, &str, &str)],
    domain: &Domain,
    cells: &[&Cell],
) -> Vec<String> {
    let mut ranges = Vec::new();
    for v in vars {
        if let Some(d) = domain.iter().find(|d| d.0 == *v) {
            ranges.push(VarRange {
                name: v,
                lo: d.1.clone(),
                hi: d.3.clone(),
            });
        } else if let Some(e) = extra.iter().find(|e| e.0 == *v) {
            let (Ok(lo), Ok(hi)) = (Endpoint::parse(e.1), Endpoint::parse(e.2)) else {
                return vec![format!("bad range for {v} in the statement list")];
            };
            ranges.push(VarRange { name: v, lo, hi });
        } else {
            return vec![format!("no range for variable {v}")];
        }
    }
    let mut parsed = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        match parse_cell(c, "cell") {
            Ok(b) => parsed.push(b),
            Err(_) => return vec![format!("cell {i} is malformed")],
        }
    }
    match verify_cover(&ranges, &parsed) {
        Ok(()) => vec![],
        Err(e) => vec![format!("coverage: {e}")],
    }
}

/// The interval Newton operator N(Y) = m − f(m)/f'(Y) for f = gⁿ − id.
pub fn newton_operator(k: &QI, y: &QI, n: usize) -> QI {
    let Some(m) = y.mid() else { return QI::Entire };
    let mq = QI::point(m);
    let fm = quartic::iterate(k, &mq, n) - mq.clone();
    let dfy = quartic::diterate(k, y, n) - QI::int(1);
    mq - fm / dfy
}

/// Checks that gⁿ(y) − y has exactly one zero in `[a, b]` for every K in `k`, and that
/// it is not a point of any smaller period dividing n.
pub fn newton_unique(k: &QI, a: &Q, b: &Q, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let y = QI::new(a.clone(), b.clone());
    let nv = newton_operator(k, &y, n);
    if !nv.strictly_within(a, b) {
        out.push(format!(
            "interval Newton: N(Y) = {} is not inside the interior of Y = [{}, {}]",
            show(&nv),
            q::fmt(a),
            q::fmt(b)
        ));
    }
    for d in 1..n {
        if n % d == 0 {
            let h = quartic::iterate(k, &y, d) - y.clone();
            if !(h.is_pos() || h.is_neg()) {
                out.push(format!(
                    "cannot exclude a point of period {d} in Y: g^{d}(Y) − Y = {}",
                    show(&h)
                ));
            }
        }
    }
    out
}

/// Contracts `y` by repeated Newton steps (each step's result is intersected with `y`,
/// so the zero stays inside).
pub fn newton_tighten(k: &QI, y: &QI, n: usize) -> QI {
    let mut cur = y.clone();
    for _ in 0..60 {
        let nv = newton_operator(k, &cur, n);
        match nv.intersect(&cur) {
            Some(next) if next != cur => cur = next,
            _ => break,
        }
    }
    cur
}
