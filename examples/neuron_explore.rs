use twostep::arith::q::{parse, Q};
use twostep::neuron::basin::*;
use std::collections::BTreeSet;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let h: Q = parse(&a[1]).unwrap();
    let hy: Q = parse(&a[2]).unwrap();
    let ny: u32 = a[3].parse().unwrap();
    let rate: Q = parse("0.03").unwrap();
    let (v0, v1) = (parse(&std::env::var("V0").unwrap_or("0.4".into())).unwrap(), parse(&std::env::var("V1").unwrap_or("1.6".into())).unwrap());
    let n = ((v1.clone() - &v0) / &h).ceil().numer().to_u32().unwrap();
    let grid = Grid { origin: [v0.clone(), v0.clone(), Q::new()], size: [h.clone(), h.clone(), hy.clone()], count: [n, n, ny] };
    for ks in &a[4..] {
        let (klo, khi) = ks.split_once("..").unwrap();
        let k = (parse(klo).unwrap(), parse(khi).unwrap());
        // start: cells where the contraction holds
        let start: BTreeSet<CellIx> = all_cells(&grid).into_iter().filter(|c| contraction_margin_iv(&grid, c, &k, &rate) <= 1.0).collect();
        let t = std::time::Instant::now();
        let inv = invariant_subset(&grid, start.clone(), &k);
        let ys: Vec<u32> = inv.iter().map(|c| c[2]).collect();
        let maxy = ys.iter().max().copied();
        println!("K {ks}: start {} invariant {} max y index {:?} ({:.1}s)", start.len(), inv.len(), maxy, t.elapsed().as_secs_f64());
        if !inv.is_empty() {
            let vs: Vec<u32> = inv.iter().map(|c| c[0]).collect();
            let xs: Vec<u32> = inv.iter().map(|c| c[1]).collect();
            println!("  v idx {}..{} x idx {}..{}", vs.iter().min().unwrap(), vs.iter().max().unwrap(), xs.iter().min().unwrap(), xs.iter().max().unwrap());
        }
    }
}
