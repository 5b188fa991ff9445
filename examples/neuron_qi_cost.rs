use twostep::arith::exact::QI;
use twostep::arith::q::parse;
use twostep::models::neuron::{mean_value, step_with_abs};
fn main() {
    let b: [QI; 4] = [QI::new(parse("1.05").unwrap(), parse("1.075").unwrap()), QI::new(parse("0.81").unwrap(), parse("0.82").unwrap()), QI::new(parse("0.81").unwrap(), parse("0.82").unwrap()), QI::new(parse("0").unwrap(), parse("0.025").unwrap())];
    let m: [QI; 4] = std::array::from_fn(|i| QI::point(b[i].mid().unwrap()));
    let t = std::time::Instant::now();
    let n = 200;
    for _ in 0..n {
        let [v, x, y] = step_with_abs(&m[0], &m[1], &m[2], &m[3], &m[3]);
        let _ = mean_value(&b, &m, &[v, x, y]);
    }
    println!("QI mean-value step: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}
