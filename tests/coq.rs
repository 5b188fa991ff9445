//! The Coq side: no proof under proofs/ is left unfinished, and a wrong certificate entry,
//! turned into Coq, is rejected by Coq.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lines of Coq text that leave a proof unfinished (`Admitted`, `admit`, or an `Axiom`).
fn unfinished(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            l.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == "Admitted" || w == "admit" || w == "Axiom" || w == "Parameter")
        })
        .map(|l| l.trim().to_string())
        .collect()
}

fn coq_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            coq_sources(&p, out);
        } else if p.extension().map_or(false, |x| x == "v" || x == "rs" || x == "sh") {
            out.push(p);
        }
    }
}

#[test]
fn the_unfinished_proof_detector_sees_admitted() {
    assert_eq!(unfinished("Lemma a : 1 = 1.\nProof. Admitted.\n").len(), 1);
    assert_eq!(unfinished("Proof. admit. Qed.").len(), 1);
    assert!(unfinished("Proof. reflexivity. Qed. (* admits nothing *)").is_empty());
}

#[test]
fn no_proof_is_left_unfinished() {
    let mut files = Vec::new();
    coq_sources(&root().join("proofs"), &mut files);
    coq_sources(&root().join("src/coq"), &mut files);
    assert!(files.iter().any(|f| f.ends_with("Model.v")), "proofs/Model.v missing");
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for l in unfinished(&text) {
            bad.push(format!("{}: {l}", f.display()));
        }
    }
    assert!(bad.is_empty(), "unfinished proofs:\n{}", bad.join("\n"));
}

fn have_coqc() -> bool {
    Command::new("coqc").arg("-v").output().map_or(false, |o| o.status.success())
}

fn run(cmd: &mut Command) -> (bool, String) {
    let o = cmd.output().expect("command runs");
    (o.status.success(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
}

/// A scratch folder with compiled copies of the hand-written Coq files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twostep-coq-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("proofs")).unwrap();
    for f in ["Model.v", "Support.v", "Iterate.v"] {
        std::fs::copy(root().join("proofs").join(f), dir.join("proofs").join(f)).unwrap();
        let (ok, out) = run(Command::new("coqc").current_dir(dir.join("proofs")).args(["-Q", ".", "Twostep", f]));
        assert!(ok, "{f} does not compile:\n{out}");
    }
    dir
}

fn coqc_generated(dir: &Path, gen: &Path, file: &str) -> (bool, String) {
    run(Command::new("coqc").current_dir(gen).args(["-Q"]).arg(dir.join("proofs")).args(["Twostep", "-Q", ".", "Twostep.generated", file]))
}

fn twostep(args: &[&str]) -> (bool, String) {
    run(Command::new(env!("CARGO_BIN_EXE_twostep")).args(args))
}

/// Shifts the claimed enclosure of cell `cell` of obligation `id` by `shift`.
fn tamper_enclosure(path: &Path, id: &str, cell: usize, shift: f64) {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let ob = v["obligations"].as_array_mut().unwrap().iter_mut().find(|o| o["id"] == id).unwrap();
    let value = &mut ob["proof"]["cells"][cell]["value"];
    for i in 0..2 {
        let x: f64 = value[i].as_str().unwrap().parse().unwrap();
        value[i] = serde_json::Value::String(format!("{:.9}", x + shift));
    }
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

#[test]
fn a_wrong_enclosure_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch("enclosure");
    let certs = dir.join("certs");
    let (ok, out) = twostep(&["certify", "theorem2", "--out", certs.to_str().unwrap()]);
    assert!(ok, "{out}");
    let cert = certs.join("theorem2.json");
    let file = "Theorem2_T2_roots_table_delta1.v";

    // The true certificate's lemmas compile ...
    let good = dir.join("good");
    let (ok, out) = twostep(&["coq", cert.to_str().unwrap(), "--out", good.to_str().unwrap(), "--sample", "3"]);
    assert!(ok, "{out}");
    let (ok, out) = coqc_generated(&dir, &good, file);
    assert!(ok, "the true enclosures should compile:\n{out}");

    // ... and with the enclosure of cell 0 of δ₁ moved up by 0.05 they do not.
    tamper_enclosure(&cert, "T2.roots/table-delta1", 0, 0.05);
    let bad = dir.join("bad");
    let (ok, out) = twostep(&["coq", cert.to_str().unwrap(), "--out", bad.to_str().unwrap(), "--sample", "3"]);
    assert!(ok, "{out}");
    let text = std::fs::read_to_string(bad.join(file)).unwrap();
    assert!(text.contains("T2_roots_table_delta1_c000"), "the tampered cell is in the sample");
    let (ok, out) = coqc_generated(&dir, &bad, file);
    assert!(!ok, "Coq accepted a wrong enclosure:\n{text}");
    assert!(out.contains("T2_roots_table_delta1_c000") || out.contains("Error"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_newton_box_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch("newton");
    let certs = dir.join("certs");
    let (ok, out) = twostep(&["certify", "appendix-l", "--out", certs.to_str().unwrap()]);
    assert!(ok, "{out}");
    let cert = certs.join("appendix-l.json");
    // Move the K = 1.24 box off the orbit point by 1e-6: no sign change of g⁴(y) − y is left in it.
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    let ob = v["obligations"].as_array_mut().unwrap().iter_mut().find(|o| o["id"] == "AL.period4/k1.24").unwrap();
    for i in 0..2 {
        let y: f64 = ob["proof"]["y"][i].as_str().unwrap().parse().unwrap();
        ob["proof"]["y"][i] = serde_json::Value::String(format!("{:.14}", y + 1e-6));
    }
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let gen = dir.join("gen");
    let (ok, out) = twostep(&["coq", cert.to_str().unwrap(), "--out", gen.to_str().unwrap()]);
    assert!(ok, "{out}");
    let (ok, out) = coqc_generated(&dir, &gen, "AppendixL_AL_period4_k1_24.v");
    assert!(!ok, "Coq accepted a box that holds no period-4 point:\n{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
