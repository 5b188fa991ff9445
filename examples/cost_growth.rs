//! Cost growth of the Theorem 4 basin search: the committed plan with every K piece's
//! (v, w_x) grid refined or coarsened by a factor (the region stays the same, the w_y
//! axis is kept), timed on one thread and on two, against the number of cells.
//! Run: `cargo run --release --example cost_growth` (prints a Markdown table).

use std::time::Instant;
use twostep::arith::q::{parse, Q};
use twostep::check::spec::theorem4::RATE;
use twostep::claims::theorem4::{basins, PLAN};
use twostep::neuron::basin::Grid;

/// The plan's grid of one piece with `num/den` times as many cells along v and w_x.
fn scaled(grid: &Grid, num: u32, den: u32) -> Grid {
    let mut g = grid.clone();
    for a in 0..2 {
        let n = (grid.count[a] * num).div_ceil(den).max(1);
        g.size[a] = grid.size[a].clone() * Q::from(grid.count[a]) / Q::from(n);
        g.count[a] = n;
    }
    g
}

/// Cells searched, cells in the basins, pieces with a basin, seconds.
fn run(num: u32, den: u32, threads: usize) -> (u64, u64, usize, f64) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let rate = parse(RATE).unwrap();
    let grids: Vec<_> = PLAN
        .iter()
        .map(|p| (scaled(&p.grid(), num, den), p.k_range()))
        .collect();
    let t0 = Instant::now();
    let found = pool.install(|| basins(&grids, &rate));
    let seconds = t0.elapsed().as_secs_f64();
    let cells = grids
        .iter()
        .map(|(g, _)| g.count.iter().map(|&n| n as u64).product::<u64>())
        .sum();
    let basin = found.iter().map(|b| b.len() as u64).sum();
    let pieces = found.iter().filter(|b| !b.is_empty()).count();
    (cells, basin, pieces, seconds)
}

fn main() {
    println!("| grid factor (v, w_x) | cells | basin cells | pieces with a basin | 1 thread | 2 threads | speedup | µs per cell (1 thread) |");
    println!("|---|---|---|---|---|---|---|---|");
    for (num, den) in [(1, 4), (1, 2), (3, 4), (1, 1), (3, 2), (2, 1)] {
        let (cells, basin, pieces, t1) = run(num, den, 1);
        let (cells2, basin2, _, t2) = run(num, den, 2);
        assert_eq!(
            (cells, basin),
            (cells2, basin2),
            "thread count changed the basin"
        );
        println!(
            "| {num}/{den} | {cells} | {basin} | {pieces}/{} | {t1:.2} s | {t2:.2} s | {:.2}x | {:.1} |",
            PLAN.len(),
            t1 / t2,
            t1 / cells as f64 * 1e6
        );
    }
}
