//! `twostep table theorem4`: the basin of each K piece, and the step table of the cells
//! holding the period-2 orbit (cell, exact-engine image, cells it lands in).

use super::basin::Grid;
use crate::arith::exact::QI;
use crate::arith::q::{ceil_dec, floor_dec, fmt, parse, Q};
use crate::cert::{BasinPiece, Certificate, Proof};
use crate::check::basin::image;
use crate::models::quartic;

fn show(v: &QI, places: u32) -> String {
    match v {
        QI::Bounded(l, h) => format!(
            "[{}, {}]",
            fmt(&floor_dec(l, places)),
            fmt(&ceil_dec(h, places))
        ),
        QI::Entire => "(−∞, ∞)".into(),
    }
}

fn grid_of(p: &BasinPiece) -> Result<Grid, String> {
    let q = |s: &String| parse(s);
    let o: Result<Vec<Q>, String> = p.origin.iter().map(q).collect();
    let h: Result<Vec<Q>, String> = p.size.iter().map(q).collect();
    let (o, h) = (o?, h?);
    Ok(Grid {
        origin: [o[0].clone(), o[1].clone(), o[2].clone()],
        size: [h[0].clone(), h[1].clone(), h[2].clone()],
        count: p.count,
    })
}

fn range_text(g: &Grid, c: &[[u32; 3]], a: usize) -> String {
    let lo = c.iter().map(|x| x[a]).min().unwrap_or(0);
    let hi = c.iter().map(|x| x[a]).max().unwrap_or(0);
    let l = g.origin[a].clone() + g.size[a].clone() * Q::from(lo);
    let u = g.origin[a].clone() + g.size[a].clone() * Q::from(hi + 1);
    format!("[{}, {}]", fmt(&l), fmt(&u))
}

/// The region basin's rows (claim T4.basin).
fn region_rows(c: &Certificate) -> Result<String, String> {
    let rows = c
        .obligations
        .iter()
        .find_map(|o| match &o.proof {
            Proof::Region { rows } if o.id == "T4.basin/region" => Some(rows),
            _ => None,
        })
        .ok_or("the certificate has no region basin")?;
    let mut out = String::from(
        "Theorem 4, the region basin of each K row (T4.basin): B = {v, w_x > 0, plo ≤ v w_x ≤ P,\n|v² − w_x²| + M w_y² ≤ c, 0 ≤ w_y ≤ rmax}, mapped into itself, |w_y⁺| ≤ (1 − 0.030K) w_y on B.\n\n",
    );
    out.push_str("| K row | plo | P | c | M | rmax | w_y reach √(c/M) at v = w_x | cells |\n|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        let q = |n: &str| {
            r.constants
                .get(n)
                .ok_or(format!("no constant {n}"))
                .and_then(|s| parse(s))
        };
        let reach = (q("c")? / q("M")?).to_f64().sqrt();
        out.push_str(&format!(
            "| [{}, {}] | {} | {} | {} | {} | {} | {:.4} | {} |\n",
            r.k[0],
            r.k[1],
            r.constants["plo"],
            r.constants["P"],
            r.constants["c"],
            r.constants["M"],
            r.constants["rmax"],
            reach,
            r.splits.matches('L').count()
        ));
    }
    out.push('\n');
    Ok(out)
}

/// Stage 2's pieces (claim T4.stage2): the cells that carry the first state past 1/(2π)
/// into B, per K piece.
fn stage2_rows(c: &Certificate) -> Result<String, String> {
    let pieces = c
        .obligations
        .iter()
        .find_map(|o| match &o.proof {
            Proof::Reach { pieces } => Some(pieces),
            _ => None,
        })
        .ok_or("the certificate has no stage-2 proof")?;
    let mut out = String::from(
        "Theorem 4, stage 2 (T4.stage2): per K piece, the cells of stage 1's box (K, a, α, σ) and of the start box\n(K, α₀, σ₀) whose first state past 1/(2π) lands in B or in generation 0, and the grid cells of each generation\n(each in B or mapped into the next; generation 4 inside B).\n\n",
    );
    out.push_str("| K piece | grid cell | entry cells | start cells | gen 0 | gen 1 | gen 2 | gen 3 | gen 4 |\n|---|---|---|---|---|---|---|---|---|\n");
    for p in pieces {
        let gens: Vec<String> = p
            .generations
            .iter()
            .map(|r| crate::cert::cells_of_runs(r).len().to_string())
            .collect();
        out.push_str(&format!(
            "| [{}, {}] | {} × {} × {} | {} | {} | {} |\n",
            p.k[0],
            p.k[1],
            p.size[0],
            p.size[1],
            p.size[2],
            p.entry_splits.matches('L').count(),
            p.start_splits.matches('L').count(),
            gens.join(" | ")
        ));
    }
    out.push('\n');
    Ok(out)
}

/// The table (Markdown), from a certificate of the family `theorem4`.
pub fn theorem4(c: &Certificate) -> Result<String, String> {
    let pieces = c
        .obligations
        .iter()
        .find_map(|o| match &o.proof {
            Proof::Basin { pieces } => Some(pieces),
            _ => None,
        })
        .ok_or("the certificate has no basin")?;
    let mut out = region_rows(c)?;
    out.push_str(&stage2_rows(c)?);
    out.push_str("Theorem 4, the grid basin B of each K piece: a union of grid cells over (v, w_x, |w_y|), mapped into\n");
    out.push_str("itself, on which |w_y⁺| ≤ (1 − 0.030K) w_y.\n\n");
    out.push_str("| K piece | cell sides (v, w_x, w_y) | cells | v range | w_x range | w_y ≤ |\n|---|---|---|---|---|---|\n");
    for p in pieces {
        let g = grid_of(p)?;
        let cells = p.cells();
        let top = g.size[2].clone() * Q::from(cells.iter().map(|x| x[2]).max().unwrap_or(0) + 1);
        out.push_str(&format!(
            "| [{}, {}] | ({}, {}, {}) | {} | {} | {} | {} |\n",
            p.k[0],
            p.k[1],
            p.size[0],
            p.size[1],
            p.size[2],
            cells.len(),
            range_text(&g, &cells, 0),
            range_text(&g, &cells, 1),
            fmt(&top)
        ));
    }
    out.push_str("\nStep table: the cell holding each orbit point (δ, δ, 0), its image (exact engine, rounded\noutward to 6 decimals) and the index ranges (i, j, l) of the cells the image meets.\n\n");
    out.push_str("| K piece | point | cell (i, j, l) | v | w_x | image v | image w_x | image |w_y| | lands in i | j | l |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for p in pieces {
        let g = grid_of(p)?;
        let (k0, k1) = (parse(&p.k[0])?, parse(&p.k[1])?);
        let k = QI::new(k0, k1);
        for (name, d) in [("δ₁", quartic::delta1(&k)), ("δ₂", quartic::delta2(&k))] {
            let mid = d.mid().ok_or("no orbit enclosure")?;
            let ix = |a: usize| {
                ((mid.clone() - &g.origin[a]) / &g.size[a])
                    .floor()
                    .numer()
                    .to_u32()
                    .unwrap_or(0)
            };
            let cell = [ix(0), ix(1), 0u32];
            let b: [QI; 3] = std::array::from_fn(|a| {
                let lo = g.origin[a].clone() + g.size[a].clone() * Q::from(cell[a]);
                QI::new(lo.clone(), lo + &g.size[a])
            });
            let img = image(&k, &b);
            let land: Vec<String> = (0..3)
                .map(|a| match (img[a].lo(), img[a].hi()) {
                    (Some(l), Some(h)) => g
                        .index_range(a, l, h)
                        .map_or("outside".into(), |(x, y)| format!("{x}..{y}")),
                    _ => "unbounded".into(),
                })
                .collect();
            out.push_str(&format!(
                "| [{}, {}] | {name} ∈ {} | ({}, {}, 0) | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                p.k[0], p.k[1], show(&d, 6), cell[0], cell[1], show(&b[0], 6), show(&b[1], 6),
                show(&img[0], 6), show(&img[1], 6), show(&img[2], 6), land[0], land[1], land[2]
            ));
        }
    }
    Ok(out)
}
