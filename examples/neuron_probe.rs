use twostep::arith::q::parse;
use twostep::neuron::basin::*;
use twostep::arith::Q;
fn main() {
    let h = parse("0.01").unwrap();
    let grid = Grid { origin: [parse("0.4").unwrap(), parse("0.4").unwrap(), Q::new()], size: [h.clone(), h.clone(), parse("0.02").unwrap()], count: [120, 120, 5] };
    let k = (parse("1.1").unwrap(), parse("1.1").unwrap());
    for (v, l) in [(0.8146, 0u32), (1.1161, 0), (0.8146, 2), (1.1161, 2)] {
        let i = ((v - 0.4) / 0.01) as u32;
        let c = [i, i, l];
        let img = cell_image_iv(&grid, &c, &k).unwrap();
        let r: Vec<_> = (0..3).map(|a| grid.index_range(a, &img[a].0, &img[a].1)).collect();
        println!("cell {c:?} -> {:?}  widths {:?}", r, img.iter().map(|p| (p.1.clone() - &p.0).to_f64()).collect::<Vec<_>>());
    }
}
