//! `twostep query neuron` and `twostep check-table`: answers, refutations, exit statuses.

mod common;

use common::Scratch;
use std::process::Command;

fn twostep(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_twostep"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// `text` written to `dir/name`; its path.
fn table_file(dir: &Scratch, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn a_true_row_is_certified_and_a_false_row_refuted() {
    let (code, out, _) = twostep(&["check-table", "tests/data/neuron_table.json"]);
    assert_eq!(code, 1, "one row is false, so the exit status is 1");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["answer"], "certified");
    assert_eq!(lines[1]["answer"], "refuted");
    assert_eq!(lines[1]["leaves_target_in"], "w_y");
    // The witness lies in the row's box and its exact image above the claimed 0.009.
    let w = &lines[1]["witness"];
    let wy: f64 = w["w_y"].as_str().unwrap().parse().unwrap();
    assert!((0.1..=0.11).contains(&wy));
    let lo: f64 = lines[1]["image"]["w_y"][0]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(lo > 0.009);
}

#[test]
fn an_all_true_table_exits_zero() {
    let text = std::fs::read_to_string("tests/data/neuron_table.json").unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let only_true = serde_json::to_string(&rows[..1]).unwrap();
    let dir = common::tempdir("neuron-true");
    let (code, out, _) = twostep(&["check-table", &table_file(&dir, "true.json", &only_true)]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_slightly_false_row_is_never_certified() {
    // The image of the box reaches v ≈ 1.0264 (corner K = 1.05, v = 0.51, w_x = 0.61,
    // w_y = 0.1); a target ending just below it must not be certified.
    let row = r#"[{"model": "neuron", "k": ["1.05", "1.05"], "from": {"v": ["0.5", "0.51"], "w_x": ["0.6", "0.61"], "w_y": ["0.1", "0.11"]}, "steps": 2,
                  "to": {"v": ["1", "1.0263"], "w_x": ["1", "1.1"], "w_y": ["0", "0.02"]}}]"#;
    let dir = common::tempdir("neuron-tight");
    let (code, out, _) = twostep(&["check-table", &table_file(&dir, "tight.json", row)]);
    assert_eq!(code, 1);
    assert!(!out.contains("\"certified\""), "{out}");
}

#[test]
fn malformed_tables_exit_two() {
    let dir = common::tempdir("neuron-malformed");
    for (name, text) in [
        ("notjson.json", "not json"),
        ("empty.json", "[]"),
        (
            "float.json",
            r#"[{"model": "neuron", "k": [1.05, 1.06], "from": {"v": ["0.5", "0.51"], "w_x": ["0.6", "0.61"], "w_y": ["0.1", "0.11"]}, "steps": 2, "to": {"v": ["0", "2"], "w_x": ["0", "2"], "w_y": ["0", "1"]}}]"#,
        ),
        (
            "reversed.json",
            r#"[{"model": "neuron", "k": ["1.06", "1.05"], "from": {"v": ["0.5", "0.51"], "w_x": ["0.6", "0.61"], "w_y": ["0.1", "0.11"]}, "steps": 2, "to": {"v": ["0", "2"], "w_x": ["0", "2"], "w_y": ["0", "1"]}}]"#,
        ),
        (
            "model.json",
            r#"[{"model": "quartic", "k": ["1.05", "1.06"], "from": {"v": ["0.5", "0.51"], "w_x": ["0.6", "0.61"], "w_y": ["0.1", "0.11"]}, "steps": 2, "to": {"v": ["0", "2"], "w_x": ["0", "2"], "w_y": ["0", "1"]}}]"#,
        ),
        (
            "missing.json",
            r#"[{"model": "neuron", "k": ["1.05", "1.06"], "from": {"v": ["0.5", "0.51"], "w_x": ["0.6", "0.61"]}, "steps": 2, "to": {"v": ["0", "2"], "w_x": ["0", "2"], "w_y": ["0", "1"]}}]"#,
        ),
    ] {
        let (code, _, err) = twostep(&["check-table", &table_file(&dir, name, text)]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(!err.is_empty());
    }
}

#[test]
fn query_prints_an_enclosure_containing_a_simulated_image() {
    let (code, out, _) = twostep(&[
        "query",
        "neuron",
        "--k",
        "1.05..1.06",
        "--box",
        "v=0.5..0.51,w_x=0.6..0.61,w_y=0.1..0.11",
        "--steps",
        "3",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["steps"], 3);
    let boxes = v["image"].as_array().unwrap();
    assert!(!boxes.is_empty());
    // The float image of the centre lies in some box.
    let mut s = [1.055f64, 0.505, 0.605, 0.105];
    for _ in 0..3 {
        s = twostep::neuron::propagate::step_f64(&s);
    }
    let get = |b: &serde_json::Value, n: &str, i: usize| -> f64 {
        b[n][i].as_str().unwrap().parse().unwrap()
    };
    let hit = boxes.iter().any(|b| {
        ["v", "w_x", "w_y"]
            .iter()
            .enumerate()
            .all(|(i, n)| get(b, n, 0) <= s[i + 1] && s[i + 1] <= get(b, n, 1))
    });
    assert!(hit, "the float image {s:?} is in no box");
}

#[test]
fn query_rejects_bad_input_with_exit_two() {
    for (k, b, n) in [
        ("1.05", "v=0.5..0.4,w_x=0.6..0.61,w_y=0..0.1", "1"),
        ("1.05", "v=0.5..0.6,w_x=0..0.61,w_y=0..0.1", "1"),
        ("1.05", "v=0.5..0.6,w_x=0.5..0.61", "1"),
        ("1.05", "", "1"),
        ("1.05", "v=x..0.6,w_x=0.5..0.61,w_y=0..0.1", "1"),
        ("1.1..1", "v=0.5..0.6,w_x=0.5..0.61,w_y=0..0.1", "1"),
        ("abc", "v=0.5..0.6,w_x=0.5..0.61,w_y=0..0.1", "1"),
    ] {
        let (code, _, err) = twostep(&["query", "neuron", "--k", k, "--box", b, "--steps", n]);
        assert_eq!(code, 2, "{k} {b}: {err}");
        assert!(!err.is_empty());
    }
}
