//! The project's side of the peer comparison (`make bench-peers`): one step of the
//! neuron map (77)-(80) on each box of `bench/neuron_boxes.json`, single thread, in the
//! search's fast engine (`Fiv` with the MPFR-free atan2), reported as one JSON line
//! like the Python peers.

use std::time::Instant;
use twostep::arith::fiv::Fiv;
use twostep::arith::interval::{f64_down, f64_up};
use twostep::arith::q::parse;
use twostep::models::neuron::{step, State};

fn interval(pair: &serde_json::Value) -> Fiv {
    let lo = parse(pair[0].as_str().unwrap()).unwrap();
    let hi = parse(pair[1].as_str().unwrap()).unwrap();
    Fiv::new(f64_down(&lo), f64_up(&hi))
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/neuron_boxes.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let boxes: Vec<(Fiv, State<Fiv>)> = v["boxes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                interval(&b["K"]),
                State::new(interval(&b["v"]), interval(&b["w_x"]), interval(&b["w_y"])),
            )
        })
        .collect();
    let mut best = f64::INFINITY;
    let mut out = Vec::new();
    for _ in 0..20 {
        let t0 = Instant::now();
        out = boxes.iter().map(|(k, s)| step(k, s)).collect::<Vec<_>>();
        best = best.min(t0.elapsed().as_secs_f64());
        std::hint::black_box(&out);
    }
    let width: f64 = out
        .iter()
        .map(|s| {
            ((s.v.sup() - s.v.inf()) + (s.wx.sup() - s.wx.inf()) + (s.wy.sup() - s.wy.inf())) / 3.0
        })
        .sum::<f64>()
        / out.len() as f64;
    println!(
        "{{\"engine\": \"twostep (Fiv, fast atan2, 1 thread)\", \"boxes\": {}, \"ns_per_step\": {}, \"mean_width\": {}}}",
        boxes.len(),
        best / boxes.len() as f64 * 1e9,
        width
    );
}
