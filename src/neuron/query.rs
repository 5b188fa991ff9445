//! `twostep query neuron`: a certified enclosure of the N-step image of a box.

use super::boxes::{
    interval_text, parse_range, parse_state_box, require_positive_wx, QBox, STATE_VARS,
};
use super::image::{image, Options};

/// Largest number of steps a query may ask for.
pub const MAX_STEPS: usize = 200;

/// A query's input, validated: `Err` is a usage error (exit status 2).
pub fn parse_query(k: &str, state_box: &str, steps: usize) -> Result<QBox, String> {
    let k = parse_range(k, "--k")?;
    if k.0 <= 0 {
        return Err("--k: K must be positive".into());
    }
    let state = parse_state_box(state_box).map_err(|e| format!("--box: {e}"))?;
    require_positive_wx(&state).map_err(|e| format!("--box: {e}"))?;
    if steps > MAX_STEPS {
        return Err(format!("--steps: at most {MAX_STEPS}"));
    }
    Ok(QBox { k, state })
}

/// The JSON answer `{"steps": N, "image": [{"v": [lo, hi], "w_x": …, "w_y": …}, …]}`.
/// `Err` when no bounded enclosure was found (the map is undefined somewhere on the way).
pub fn answer(b: &QBox, steps: usize) -> Result<String, String> {
    let boxes = image(&b.to_ibox(), steps, &Options::default())?;
    let rows: Vec<String> = boxes
        .iter()
        .map(|ib| {
            let parts: Vec<String> = STATE_VARS
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let [lo, hi] = interval_text(ib[i + 1]);
                    format!("\"{name}\": [\"{lo}\", \"{hi}\"]")
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        })
        .collect();
    Ok(format!(
        "{{\"steps\": {steps}, \"image\": [{}]}}",
        rows.join(", ")
    ))
}
