//! Stage 2 of Theorem 4, a feasibility run in inari arithmetic (it proves nothing and
//! writes no certificate): for one K piece, the cells of stage 1's invariance box whose
//! image may pass v w_x = 1/(2π) are bisected until the image x_{T₁} is small, the grid
//! cells over (v, w_x, |w_y|) it meets form generation 1, and each generation's cells that
//! are not inside the basin B are mapped one step (natural ∩ mean-value enclosure) to give
//! the next. Stage 2 would be certified when generation 5 is empty or inside B.
//!
//! `cargo run --release --example stage2_feasibility -- K_LO K_HI H HY C W`
//! (grid sides H for v and w_x, HY for w_y; B = {v, w_x > 0, 7/20 ≤ v w_x ≤ 7/5,
//! |v² − w_x²| + 55 w_y² ≤ C, |w_y| ≤ 12/125}; a stage-1 box seeds once its image is at most
//! W cells wide on each axis; defaults 1.09 1.1 0.005 0.01 0.5 10).

use inari::{interval, Interval};
use std::collections::HashSet;
use twostep::arith::interval::enclose;
use twostep::arith::q::parse;
use twostep::check::spec::theorem4_stage1::{invariant_bounds, r_step, stage1_guard};
use twostep::neuron::basin::{cells_in, image_range, Grid, Lines};

/// B's constants, enclosed once: c, M, plo, P, rmax; and 1/(2π).
struct Basin {
    constants: [Interval; 5],
    threshold: Interval,
}

impl Basin {
    fn new(c: f64) -> Basin {
        let e = |s: &str| {
            let q = parse(s).unwrap();
            enclose(&q, &q)
        };
        Basin {
            constants: [
                e(&format!("{c}")),
                e("55"),
                e("7/20"),
                e("7/5"),
                e("12/125"),
            ],
            threshold: e("1") / (e("2") * Interval::PI),
        }
    }

    /// How far (v, w_x, w_y) is inside B (≥ 0 on B).
    fn depth(&self, x: &[Interval; 3]) -> Interval {
        let [c, m, plo, pp, rmax] = self.constants;
        let (v, wx, wy) = (x[0], x[1], x[2]);
        let p = v * wx;
        let d = v.sqr() - wx.sqr();
        let room = c - m * wy.sqr();
        [p - plo, pp - p, room - d, room + d, rmax - wy.abs()]
            .iter()
            .fold(v, |m, q| m.min(*q))
    }
}

struct Seeding<'a> {
    lines: &'a Lines,
    /// The widest image a seed may have, per axis.
    seed_width: [f64; 3],
    basin: &'a Basin,
    cells: HashSet<[u32; 3]>,
    boxes: [u64; 3],
}

impl Seeding<'_> {
    fn seed(&mut self, b: Vec<Interval>) {
        if (stage1_guard().iv)(&b).sup() < 0.0 {
            self.boxes[0] += 1;
            return;
        }
        let y = r_step(&b).1;
        if (b[3] * y.u * y.mx - self.basin.threshold).sup() < 0.0 {
            self.boxes[0] += 1;
            return;
        }
        // x_{T₁} = √σ × the scaled image, w_y as |w_y|.
        let t = b[3].sqrt();
        let x = [t * y.u, t * y.mx, (t * y.my).abs()];
        if self.basin.depth(&x).inf() >= 0.0 {
            self.boxes[1] += 1;
            return;
        }
        if (0..3).all(|a| x[a].wid() <= self.seed_width[a]) {
            self.boxes[2] += 1;
            let r = std::array::from_fn(|a| {
                self.lines
                    .index_range(a, x[a].inf(), x[a].sup())
                    .expect("x_T₁ leaves the grid")
            });
            self.cells.extend(cells_in(r));
            return;
        }
        let w = [1.0, 0.5, 0.9, 0.26];
        let dim = (1..4)
            .max_by(|&i, &j| (b[i].wid() / w[i]).total_cmp(&(b[j].wid() / w[j])))
            .unwrap();
        let m = b[dim].mid();
        let (mut lo, mut hi) = (b.clone(), b);
        lo[dim] = interval!(lo[dim].inf(), m).unwrap();
        hi[dim] = interval!(m, hi[dim].sup()).unwrap();
        self.seed(lo);
        self.seed(hi);
    }
}

fn main() {
    let a: Vec<f64> = std::env::args()
        .skip(1)
        .map(|s| s.parse().expect("a number"))
        .collect();
    let arg = |i: usize, d: f64| a.get(i).copied().unwrap_or(d);
    let (k0, k1, h, hy, c) = (
        arg(0, 1.09),
        arg(1, 1.1),
        arg(2, 0.005),
        arg(3, 0.01),
        arg(4, 0.5),
    );
    let w = arg(5, 10.0);
    let q = |x: f64| parse(&format!("{x}")).unwrap();
    let grid = Grid {
        origin: [q(0.0), q(0.05), q(0.0)],
        size: [q(h), q(h), q(hy)],
        count: [(2.6 / h) as u32, (2.6 / h) as u32, (0.7 / hy) as u32],
    };
    let lines = Lines::new(&grid);
    let k = interval!(k0, k1).unwrap();
    let mut root = vec![k];
    root.extend(
        invariant_bounds(&[])
            .unwrap()
            .iter()
            .map(|(lo, hi)| enclose(lo, hi)),
    );
    let basin = Basin::new(c);
    let mut s = Seeding {
        lines: &lines,
        seed_width: [w * h, w * h, w * hy],
        basin: &basin,
        cells: HashSet::new(),
        boxes: [0; 3],
    };
    s.seed(root);
    println!(
        "K ∈ [{k0}, {k1}], grid {h} × {h} × {hy}, c = {c}: stage-1 boxes {} outside, {} with x_T₁ in B, {} seeding {} cells",
        s.boxes[0], s.boxes[1], s.boxes[2], s.cells.len()
    );
    let mut cur = s.cells;
    for gen in 1..=5 {
        let mut next = HashSet::new();
        let (mut inside, mut open) = (0, 0);
        for cell in &cur {
            if basin.depth(&lines.cell(cell)).inf() >= 0.0 {
                inside += 1;
            } else if gen == 5 {
                open += 1;
            } else if let Some(r) = image_range(&lines, cell, k) {
                next.extend(cells_in(r));
            } else {
                open += 1;
            }
        }
        println!(
            "generation {gen}: {} cells, {inside} inside B, {open} unsettled",
            cur.len()
        );
        cur = next;
    }
}
