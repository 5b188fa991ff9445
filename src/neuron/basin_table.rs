//! `twostep table theorem4`: the basin of each K piece, and the step table of the cells
//! holding the period-2 orbit (cell, exact-engine image, cells it lands in).

use super::basin::Grid;
use crate::arith::exact::QI;
use crate::arith::q::{ceil_dec, floor_dec, fmt, parse, Q};
use crate::cert::{Certificate, Proof};
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

/// The grid of a piece's origin, cell sides and counts.
fn grid_of(origin: &[String; 3], size: &[String; 3], count: [u32; 3]) -> Result<Grid, String> {
    let q = |s: &String| parse(s);
    Ok(Grid {
        origin: [q(&origin[0])?, q(&origin[1])?, q(&origin[2])?],
        size: [q(&size[0])?, q(&size[1])?, q(&size[2])?],
        count,
    })
}

/// The index of the grid cell holding the point `x`, and the cell's box.
fn cell_holding(g: &Grid, x: [&Q; 3]) -> ([u32; 3], [QI; 3]) {
    let ix: [u32; 3] = std::array::from_fn(|a| {
        ((x[a].clone() - &g.origin[a]) / &g.size[a])
            .floor()
            .numer()
            .to_u32()
            .unwrap_or(0)
    });
    let b = g.cell(&ix).map(|(l, h)| QI::new(l, h));
    (ix, b)
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
    out.push_str(&stage2_chain(&pieces[pieces.len() - 1])?);
    Ok(out)
}

/// The index ranges "i₀..i₁" of the grid cells a box meets, per axis.
fn lands_in(g: &Grid, b: &[QI; 3]) -> [String; 3] {
    std::array::from_fn(|a| match (b[a].lo(), b[a].hi()) {
        (Some(l), Some(h)) => g
            .index_range(a, l, h)
            .map_or("outside".into(), |(x, y)| format!("{x}..{y}")),
        _ => "unbounded".into(),
    })
}

/// Stage 2 step by step for one K piece, from the start ε = 0.1, α₀ = 0 (state 2 is already
/// past 1/(2π) there): the start cell holding it, state 2's box, then the grid cell holding
/// the centre of each box, its image and the cells the image meets, until a cell lies in B.
fn stage2_chain(p: &crate::cert::ReachPiece) -> Result<String, String> {
    use crate::arith::Sqrt;
    use crate::check::region::leaves;
    use crate::check::spec::theorem4_stage1::{start_bounds, two_steps};
    use crate::check::spec::theorem4_stage2::STEPS;
    let g = grid_of(&p.origin, &p.size, p.count)?;
    let (k0, k1) = (parse(&p.k[0])?, parse(&p.k[1])?);
    let k = QI::new(k0.clone(), k1.clone());
    let mut root = vec![(k0.clone(), k1)];
    root.extend(start_bounds(&[])?);
    let s0 = Q::from((1, 100));
    let cell = leaves(&root, &p.start_splits)?
        .into_iter()
        .find(|b| b[0].0 == k0 && b[1].0 == 0 && b[2].1 == s0)
        .ok_or("no start cell at α₀ = 0, σ₀ = 1/100")?;
    let a: Vec<QI> = cell
        .iter()
        .map(|(l, h)| QI::new(l.clone(), h.clone()))
        .collect();
    let x2 = two_steps(&a[0], &a[1], &a[2]).1;
    let t = a[2].sqrt();
    let mut x = [t.clone() * x2.u, t.clone() * x2.mx, (t * x2.my).abs()];
    let in_b = crate::check::reach::in_b;
    let mut out = format!(
        "Stage 2 step by step, K ∈ [{}, {}], from ε = 0.1, α₀ = 0: the start cell α₀ ∈ {}, σ₀ ∈ {} gives\nstate 2 (exact engine, outward to 4 decimals); then the grid cell (i, j, l) holding the centre of each\nbox, its image, and the cells the image meets (generation g + 1 of the certificate holds them),\nuntil the state is in B.\n\n",
        p.k[0], p.k[1], show(&a[1], 4), show(&a[2], 4)
    );
    out.push_str("| step | cell (i, j, l) | cell v | cell w_x | cell \\|w_y\\| | next state v | w_x | \\|w_y\\| | in B | meets cells i | j | l |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    let mut row = |name: String, cell: [String; 4], x: &[QI; 3]| {
        let land = lands_in(&g, x);
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            cell[0],
            cell[1],
            cell[2],
            cell[3],
            show(&x[0], 4),
            show(&x[1], 4),
            show(&x[2], 4),
            in_b(x),
            land[0],
            land[1],
            land[2]
        ));
    };
    row("state 2".into(), Default::default(), &x);
    for step in 0..STEPS {
        if in_b(&x) {
            break;
        }
        let m: [Q; 3] = std::array::from_fn(|a| x[a].mid().unwrap_or_default());
        let (ix, b) = cell_holding(&g, [&m[0], &m[1], &m[2]]);
        x = image(&k, &b);
        let cell = [
            format!("({}, {}, {})", ix[0], ix[1], ix[2]),
            show(&b[0], 4),
            show(&b[1], 4),
            show(&b[2], 4),
        ];
        row(format!("gen {step} → {}", step + 1), cell, &x);
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
        let g = grid_of(&p.origin, &p.size, p.count)?;
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
    out.push_str("| K piece | point | cell (i, j, l) | v | w_x | image v | image w_x | image \\|w_y\\| | lands in i | j | l |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for p in pieces {
        let g = grid_of(&p.origin, &p.size, p.count)?;
        let (k0, k1) = (parse(&p.k[0])?, parse(&p.k[1])?);
        let k = QI::new(k0, k1);
        for (name, d) in [("δ₁", quartic::delta1(&k)), ("δ₂", quartic::delta2(&k))] {
            let mid = d.mid().ok_or("no orbit enclosure")?;
            let (cell, b) = cell_holding(&g, [&mid, &mid, &g.origin[2]]);
            let img = image(&k, &b);
            let land = lands_in(&g, &img);
            out.push_str(&format!(
                "| [{}, {}] | {name} ∈ {} | ({}, {}, 0) | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                p.k[0], p.k[1], show(&d, 6), cell[0], cell[1], show(&b[0], 6), show(&b[1], 6),
                show(&img[0], 6), show(&img[1], 6), show(&img[2], 6), land[0], land[1], land[2]
            ));
        }
    }
    Ok(out)
}
