//! The Coq side: no proof under proofs/ is left unfinished, and a wrong certificate entry,
//! turned into Coq, is rejected by Coq.

mod common;

use common::root;
use std::path::{Path, PathBuf};
use std::process::Command;

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
        } else if p
            .extension()
            .map_or(false, |x| x == "v" || x == "rs" || x == "sh")
        {
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
    assert!(
        files.iter().any(|f| f.ends_with("Model.v")),
        "proofs/Model.v missing"
    );
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
    Command::new("coqc")
        .arg("-v")
        .output()
        .map_or(false, |o| o.status.success())
}

fn run(cmd: &mut Command) -> (bool, String) {
    let o = cmd.output().expect("command runs");
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

/// A scratch folder with compiled copies of the hand-written Coq files the generated files
/// of the product families need.
fn scratch(name: &str) -> common::Scratch {
    scratch_with(name, &[])
}

/// [`scratch`], and `extra` hand-written files compiled after them (in this order).
fn scratch_with(name: &str, extra: &[&str]) -> common::Scratch {
    let dir = common::Scratch::new(&format!("twostep-coq-{name}"));
    std::fs::create_dir_all(dir.join("proofs")).unwrap();
    let base = [
        "Model.v",
        "Support.v",
        "Iterate.v",
        "ProductClaims.v",
        "Rational.v",
        "RegionCheck.v",
    ];
    for f in base.iter().chain(extra) {
        std::fs::copy(root().join("proofs").join(f), dir.join("proofs").join(f)).unwrap();
        let (ok, out) = run(Command::new("coqc")
            .current_dir(dir.join("proofs"))
            .args(["-Q", ".", "Twostep", f]));
        assert!(ok, "{f} does not compile:\n{out}");
    }
    dir
}

fn coqc_generated(dir: &Path, gen: &Path, file: &str) -> (bool, String) {
    run(Command::new("coqc")
        .current_dir(gen)
        .args(["-Q"])
        .arg(dir.join("proofs"))
        .args(["Twostep", "-Q", ".", "Twostep.generated", file]))
}

fn twostep(args: &[&str]) -> (bool, String) {
    run(Command::new(env!("CARGO_BIN_EXE_twostep")).args(args))
}

/// `twostep coq CERT --out OUT --sample N`.
fn coq_sample(cert: &Path, out: &Path, n: &str) -> (bool, String) {
    coq_sample_full(cert, out, n, None)
}

/// `twostep coq CERT --out OUT --sample N`, with `--full-row ROW` when given.
fn coq_sample_full(cert: &Path, out: &Path, n: &str, row: Option<&str>) -> (bool, String) {
    coq_sample_rows(cert, out, n, row.as_slice())
}

/// `twostep coq CERT --out OUT --sample N` with `--full-row ROW` for each of `rows`.
fn coq_sample_rows(cert: &Path, out: &Path, n: &str, rows: &[&str]) -> (bool, String) {
    let mut args = vec![
        "coq",
        cert.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--sample",
        n,
    ];
    for r in rows {
        args.extend(["--full-row", r]);
    }
    twostep(&args)
}

/// Writes `v` to `cert` and generates its Coq files into `dir/out` with `--sample n`.
fn write_and_sample(cert: &Path, v: &serde_json::Value, dir: &Path, out: &str, n: &str) -> PathBuf {
    std::fs::write(cert, serde_json::to_string(v).unwrap()).unwrap();
    let out = dir.join(out);
    let (ok, msg) = coq_sample(cert, &out, n);
    assert!(ok, "{msg}");
    out
}

/// Shifts the claimed enclosure of cell `cell` of obligation `id` by `shift`.
fn tamper_enclosure(path: &Path, id: &str, cell: usize, shift: f64) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let ob = common::obligation(&mut v, id);
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
    let (ok, out) = coq_sample(&cert, &good, "3");
    assert!(ok, "{out}");
    let (ok, out) = coqc_generated(&dir, &good, file);
    assert!(ok, "the true enclosures should compile:\n{out}");

    // ... and with the enclosure of cell 0 of δ₁ moved up by 0.05 they do not.
    tamper_enclosure(&cert, "T2.roots/table-delta1", 0, 0.05);
    let bad = dir.join("bad");
    let (ok, out) = coq_sample(&cert, &bad, "3");
    assert!(ok, "{out}");
    let text = std::fs::read_to_string(bad.join(file)).unwrap();
    assert!(
        text.contains("T2_roots_table_delta1_c000"),
        "the tampered cell is in the sample"
    );
    let (ok, out) = coqc_generated(&dir, &bad, file);
    assert!(!ok, "Coq accepted a wrong enclosure:\n{text}");
    assert!(
        out.contains("T2_roots_table_delta1_c000") || out.contains("Error"),
        "{out}"
    );
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
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    let ob = common::obligation(&mut v, "AL.period4/k1.24");
    for i in 0..2 {
        let y: f64 = ob["proof"]["y"][i].as_str().unwrap().parse().unwrap();
        ob["proof"]["y"][i] = serde_json::Value::String(format!("{:.14}", y + 1e-6));
    }
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let gen = dir.join("gen");
    let (ok, out) = twostep(&[
        "coq",
        cert.to_str().unwrap(),
        "--out",
        gen.to_str().unwrap(),
    ]);
    assert!(ok, "{out}");
    let (ok, out) = coqc_generated(&dir, &gen, "AppendixL_AL_period4_k1_24.v");
    assert!(
        !ok,
        "Coq accepted a box that holds no period-4 point:\n{out}"
    );
}

/// The lemma2 certificate cut down to its first K row (the generator reads rows one by one;
/// coverage of the K domain is the checker's business).
fn lemma2_first_row(path: &Path) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("certificates/lemma2.json")).unwrap(),
    )
    .unwrap();
    let ob = common::obligation(&mut v, "L2.positive/region");
    ob["proof"]["rows"].as_array_mut().unwrap().truncate(1);
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    v
}

#[test]
fn a_wrong_region_cell_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch("region");
    let cert = dir.join("lemma2.json");
    let mut v = lemma2_first_row(&cert);
    let file = "Lemma2_L2_positive_region.v";

    // Three cells of the true first row compile ...
    let good = dir.join("good");
    let (ok, out) = coq_sample(&cert, &good, "3");
    assert!(ok, "{out}");
    let (ok, out) = coqc_generated(&dir, &good, file);
    assert!(ok, "the true region cells should compile:\n{out}");
    let text = std::fs::read_to_string(good.join(file)).unwrap();
    region_computation_refuses(&dir, &good, &text);

    // ... and with the row's split code replaced by one split in p, the lower half
    // (p ∈ [0, 0.7841], d ∈ [0, 1.4014]) meets the region but has points with p' > P there,
    // so its lemma is false and Coq rejects it.
    let ob = common::obligation(&mut v, "L2.positive/region");
    ob["proof"]["rows"][0]["splits"] = serde_json::Value::String("1LL".into());
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (ok, _) = twostep(&["check", cert.to_str().unwrap()]);
    assert!(!ok, "the checker should reject the coarse row as well");
    let bad = dir.join("bad");
    let (ok, out) = coq_sample(&cert, &bad, "3");
    assert!(ok, "{out}");
    let text = std::fs::read_to_string(bad.join(file)).unwrap();
    assert!(
        text.contains("L2_positive_region_r00_c000000"),
        "the coarse cell is in the sample"
    );
    let (ok, out) = coqc_generated(&dir, &bad, file);
    assert!(!ok, "Coq accepted a false region cell:\n{text}");
    assert!(out.contains("Error"), "{out}");
    // The computation alone refuses it with Coq's refusal of a false test.
    let (ok, out) = coqc_text(&dir, &bad, "Computed.v", &computation_only(&text));
    assert!(!ok, "the computation accepted a false region cell");
    assert!(out.contains(COMPUTED_FALSE), "{out}");
}

/// The sampled region cells of `text` compile by `RegionCheck.v`'s computation alone; the
/// computation refuses a cell of conditions claimed to have a negative guard, and a lemma
/// whose data (the guard's constant) is not its statement does not compile.
fn region_computation_refuses(dir: &Path, gen: &Path, text: &str) {
    let computed = computation_only(text);
    assert!(!computed.contains("by interval"));
    let lemmas = text.matches("\nLemma L2_positive_region_r00_c0").count();
    assert!(lemmas >= 3, "{text}");
    assert_eq!(computed.matches("  region_by ").count(), lemmas);
    let (ok, out) = coqc_text(dir, gen, "Computed.v", &computed);
    assert!(
        ok,
        "the computation alone should prove the region cells:\n{out}"
    );
    // The first cell meets the region: its guard is not negative on it.
    let bad = computed.replacen(
        " (SConds [Holds; Holds; Holds; Holds; Holds])",
        " SGuard",
        1,
    );
    assert_ne!(bad, computed);
    let (ok, out) = coqc_text(dir, gen, "BadComputed.v", &bad);
    assert!(!ok, "Coq accepted a region cell claimed outside the region");
    assert!(out.contains(COMPUTED_FALSE), "{out}");
    // The data says c = 9818/5000 where the statement says 9819/5000: the soundness lemma
    // then proves another proposition than the lemma's, and Coq refuses the proof.
    let bad = computed.replacen("(eint 9819)", "(eint 9818)", 1);
    assert_ne!(bad, computed);
    let (ok, out) = coqc_text(dir, gen, "BadData.v", &bad);
    assert!(
        !ok,
        "Coq accepted a region lemma whose data is not its statement"
    );
    assert!(out.contains("Error"), "{out}");
    assert!(!out.contains(COMPUTED_FALSE), "{out}");
}

#[test]
fn a_false_group_of_region_cells_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch("region-group");
    let cert = dir.join("lemma2.json");
    let mut v = lemma2_first_row(&cert);
    // The coarse row of `a_wrong_region_cell_does_not_compile_in_coq`: its two cells both
    // meet the region, so in full they are grouped into one lemma on the whole row box,
    // proved by bisection; the lower half is false, so the group is false and Coq rejects it.
    let ob = common::obligation(&mut v, "L2.positive/region");
    ob["proof"]["rows"][0]["splits"] = serde_json::Value::String("1LL".into());
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let bad = dir.join("bad");
    let (ok, out) = coq_sample_full(&cert, &bad, "3", Some("0"));
    assert!(ok, "{out}");
    let part = "Lemma2_L2_positive_region_r00_part0.v";
    let text = std::fs::read_to_string(bad.join(part)).unwrap();
    assert!(
        text.contains("(** Cells 0 to 1: one subtree of height 1") && text.contains("i_depth 13"),
        "the two cells should be one lemma:\n{text}"
    );
    assert!(text.contains("0 <= p <= (7841 / 5000)"), "{text}");
    assert!(text.contains("first [ region_by 13%nat"), "{text}");
    let (ok, out) = coqc_generated(&dir, &bad, part);
    assert!(!ok, "Coq accepted a false group of region cells:\n{text}");
    assert!(out.contains("Error"), "{out}");
    // The computation alone refuses it too.
    let (ok, out) = coqc_text(&dir, &bad, "Computed.v", &computation_only(&text));
    assert!(
        !ok,
        "the computation accepted a false group of region cells"
    );
    assert!(out.contains(COMPUTED_FALSE), "{out}");
}

#[test]
fn a_wrong_region_constant_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch("region-constant");
    let cert = dir.join("lemma2.json");
    let mut v = lemma2_first_row(&cert);
    // c larger than dcap²: the row box [0, dcap] no longer holds the region's d range.
    let ob = common::obligation(&mut v, "L2.positive/region");
    ob["proof"]["rows"][0]["constants"]["dcap"] = serde_json::Value::String("1.4".into());
    std::fs::write(&cert, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let gen = dir.join("gen");
    let (ok, out) = coq_sample(&cert, &gen, "1");
    // The generator rebuilds the cells with the checker's bounds test, which refuses the row;
    // either way no Coq file may state the row as proved.
    if ok {
        let (ok, out) = coqc_generated(&dir, &gen, "Lemma2_L2_positive_region.v");
        assert!(!ok, "Coq accepted c > dcap²:\n{out}");
        assert!(out.contains("r00_constants"), "{out}");
    } else {
        assert!(out.contains("dcap"), "{out}");
    }
}

#[test]
fn a_wrong_stage1_cell_does_not_compile_in_coq() {
    use twostep::arith::exact::QI;
    use twostep::arith::Field;
    use twostep::check::spec::theorem4_stage1::r_step;
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    // The witness, in exact arithmetic: at K = 2, a = 3/5, α = 0, σ = 0 one scaled step
    // ends with a⁺ > 11/10 (11/10 ‖m⁺‖² − u⁺² < 0).
    let at = |n: i64, d: i64| QI::ratio(n, d);
    let (_, next) = r_step(&[at(2, 1), at(3, 5), at(0, 1), at(0, 1)]);
    let margin = QI::ratio(11, 10) * (next.mx.sqr() + next.my.sqr()) - next.u.sqr();
    assert!(
        margin.hi().is_some_and(|h| *h < 0),
        "the witness should leave R"
    );

    let dir = scratch_with("stage1", &["Angle.v", "Theorem4Claims.v", "Stage1Claims.v"]);
    let file = "Theorem4_T4_stage1_invariant.v";
    let cert = dir.join("theorem4.json");
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("certificates/theorem4.json")).unwrap(),
    )
    .unwrap();
    let generate = |v: &serde_json::Value, out: &str| write_and_sample(&cert, v, &dir, out, "2");

    // The sampled cells of the true invariance row compile ...
    let good = generate(&v, "good");
    let (ok, out) = coqc_generated(&dir, &good, file);
    assert!(ok, "the true stage-1 cells should compile:\n{out}");

    // ... and with the row's K range stretched to [1, 9], the first cell has K ∈ [1, 3],
    // which holds the witness, so its lemma is false and Coq rejects it.
    let ob = common::obligation(&mut v, "T4.stage1/invariant");
    ob["proof"]["rows"][0]["k"] = serde_json::json!(["1", "9"]);
    let bad = generate(&v, "bad");
    let text = std::fs::read_to_string(bad.join(file)).unwrap();
    assert!(
        text.contains("T4_stage1_invariant_r00_c000000 : forall K a al s, 1 <= K <= 3 ->"),
        "the stretched first cell is in the sample"
    );
    let (ok, out) = coqc_generated(&dir, &bad, file);
    assert!(!ok, "Coq accepted a false stage-1 cell:\n{text}");
    assert!(out.contains("Error"), "{out}");
}

#[test]
fn a_basin_region_statement_that_differs_from_the_hand_written_one_does_not_compile() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with("basin", &["Angle.v", "BasinClaims.v"]);
    let file = "Theorem4_T4_basin_region.v";
    let out = dir.join("gen");
    let (ok, msg) = coq_sample(&root().join("certificates/theorem4.json"), &out, "1");
    assert!(ok, "{msg}");
    let path = out.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(
        "Lemma T4_basin_region_on_is_basin_region_on lo hi : T4_basin_region_on lo hi <-> basin_region_on lo hi."
    ));
    // The generated statement is BasinClaims.basin_region_on ...
    let (ok, msg) = coqc_generated(&dir, &out, file);
    assert!(
        ok,
        "the generated T4.basin statement should be the hand-written one:\n{msg}"
    );

    // ... and one with a weaker contraction factor (1 - 3/100 K read as 1 - 2/100 K in the
    // domain definition alone) is not: the equality lemma fails.
    let start = text.find("Definition T4_basin_region_on").unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    let definition = &text[start..end];
    assert!(definition.contains("(1 - 3 / 100 * K)"));
    let tampered = format!(
        "{}{}{}",
        &text[..start],
        definition.replace("(1 - 3 / 100 * K)", "(1 - 2 / 100 * K)"),
        &text[end..]
    );
    std::fs::write(&path, tampered).unwrap();
    let (ok, msg) = coqc_generated(&dir, &out, file);
    assert!(
        !ok,
        "Coq accepted a T4.basin statement that is not the hand-written one"
    );
    assert!(
        msg.contains("Error") && msg.contains("expected to have type \"basin_region_on lo hi\""),
        "{msg}"
    );
}

/// A file with one lemma per cell of `cells_code` on the unit square (x y <= 1, by nra) and
/// the cover lemma of `cover_code` joining them.
fn toy_cover(cells_code: &str, cover_code: &str) -> String {
    use twostep::arith::q::Q;
    use twostep::check::region::leaves;
    use twostep::coq::number::lit;
    use twostep::coq::regions::cover_lemma;
    let root = vec![(Q::from(0), Q::from(1)), (Q::from(0), Q::from(1))];
    let mut text = String::from("From Coq Require Import Reals Lra.\nOpen Scope R_scope.\n\n");
    for (j, b) in leaves(&root, cells_code).unwrap().iter().enumerate() {
        text.push_str(&format!(
            "Lemma r_c{j:06} : forall x y, {} <= x <= {} -> {} <= y <= {} -> x * y <= 1.\nProof. intros x y Hx Hy. nra. Qed.\n\n",
            lit(&b[0].0),
            lit(&b[0].1),
            lit(&b[1].0),
            lit(&b[1].1)
        ));
    }
    let ids: Vec<usize> = (0..leaves(&root, cover_code).unwrap().len()).collect();
    text.push_str(&cover_lemma("r", &["x", "y"], &root, cover_code, &ids, "x * y <= 1").unwrap());
    text
}

/// A bound on w_x⁺ over a part of grid-basin cell (120, 116, 0) of piece 4 (K in
/// [26/25, 417/400]), whose true minimum, 1.0000207… at the corner (26/25, 1601/1600,
/// 787/800, 1/800), is `lo` or less.
fn tight_wx_goal(lo: &str, tactic: &str) -> String {
    format!(
        "From Coq Require Import Reals Lra.\nFrom Interval Require Import Tactic.\n\
         From Twostep Require Import Model Angle MeanValue.\nOpen Scope R_scope.\n\
         Goal forall K v wx wy, 26/25 <= K <= 417/400 -> 1 <= v <= 1601/1600 ->\n  \
         1573/1600 <= wx <= 787/800 -> 0 <= wy <= 1/800 -> {lo} <= mv_wx K v wx wy.\n\
         Proof. intros K v wx wy HK Hv Hx Hy. {tactic} Qed.\n"
    )
}

#[test]
fn the_mean_value_form_proves_a_tight_bound_and_refuses_a_false_one() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with("mv", &["Angle.v", "MeanValue.v"]);
    let compile = |name: &str, text: &str| {
        std::fs::write(dir.join("proofs").join(name), text).unwrap();
        run(Command::new("coqc").current_dir(dir.join("proofs")).args([
            "-Q",
            ".",
            "Twostep",
            "-w",
            "-ambiguous-paths",
            name,
        ]))
    };
    // w_x⁺ ≥ 1 holds with 2·10⁻⁵ to spare: plain `interval` cannot show it (its natural
    // form loses about 2·10⁻³ here), the mean-value form does.
    let (ok, out) = compile(
        "Tight.v",
        &tight_wx_goal(
            "1",
            "Fail (mv_unfold; interval with (i_prec 64)). mv_bound K v wx wy.",
        ),
    );
    assert!(ok, "the mean-value form should prove w_x⁺ >= 1:\n{out}");
    // w_x⁺ ≥ 1.00003 is false at the corner: Coq refuses it.
    let (ok, out) = compile(
        "False.v",
        &tight_wx_goal("1 + 3/100000", "mv_bound K v wx wy."),
    );
    assert!(
        !ok,
        "Coq accepted w_x⁺ >= 1.00003, false at a corner of the box"
    );
    assert!(out.contains("Error"), "{out}");
}

#[test]
fn a_cover_that_does_not_match_its_cells_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = common::Scratch::new("twostep-coq-cover");
    let compile = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).unwrap();
        run(Command::new("coqc").current_dir(&dir).arg(name))
    };
    // The cells of a split code, joined by that code's cover: accepted.
    let (ok, out) = compile("Good.v", &toy_cover("1L0LL", "1L0LL"));
    assert!(ok, "the matching cover should compile:\n{out}");
    // Cells of one code, joined as if they were the cells of another: the ranges do not
    // match, and Coq rejects the join.
    let (ok, out) = compile("Swapped.v", &toy_cover("0L1LL", "1L0LL"));
    assert!(!ok, "Coq accepted a cover of other cells");
    assert!(out.contains("Error"), "{out}");
    // A cover that needs a cell nobody proved: rejected.
    let good = toy_cover("1L0LL", "1L0LL");
    let (start, end) = (
        good.find("Lemma r_c000002").unwrap(),
        good.find("(** The cells of the row").unwrap(),
    );
    let missing = format!("{}{}", &good[..start], &good[end..]);
    let (ok, out) = compile("Missing.v", &missing);
    assert!(!ok, "Coq accepted a cover with a missing cell");
    assert!(out.contains("r_c000002"), "{out}");
}

#[test]
fn a_false_slab_cell_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with("slab", &["OrbitClaims.v"]);
    let file = "Theorem3_P3_orbit_global_slab_graph.v";
    let cert = dir.join("theorem3.json");
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("certificates/theorem3.json")).unwrap(),
    )
    .unwrap();
    // The last slab piece alone (K ∈ [1.12, 1.122]); the generator reads pieces one by one.
    let mut whole = v.clone();
    let ob = common::obligation(&mut v, "P3.orbit-global/slab-graph");
    let pieces = ob["proof"]["pieces"].as_array_mut().unwrap();
    let last = pieces.pop().unwrap();
    pieces.clear();
    pieces.push(last);
    let generate = |v: &serde_json::Value, out: &str| write_and_sample(&cert, v, &dir, out, "1");

    // The sampled cells of the true piece (cell 0 and the first cells of the strip and of
    // both targets) compile ...
    let good = generate(&v, "good");
    let (ok, out) = coqc_generated(&dir, &good, file);
    assert!(ok, "the true slab cells should compile:\n{out}");
    // They compile by RegionCheck.v's computation alone; a cell lemma whose data say
    // 0 < 2 - K²(p - 1)² where its statement says 0 <= does not compile.
    let text = std::fs::read_to_string(good.join(file)).unwrap();
    let computed = computation_only(&text);
    assert!(!computed.contains("by interval"));
    let cells = text
        .matches("\nLemma P3_orbit_global_slab_graph_s00_c")
        .count();
    assert!(cells >= 4, "{text}");
    assert_eq!(computed.matches("  form_by ").count(), cells);
    let (ok, out) = coqc_text(&dir, &good, "Computed.v", &computed);
    assert!(
        ok,
        "the computation alone should prove the slab cells:\n{out}"
    );
    let bad = computed.replacen(
        "(FLe (eint 0) (esub (eint 2)",
        "(FLt (eint 0) (esub (eint 2)",
        1,
    );
    assert_ne!(bad, computed);
    let (ok, out) = coqc_text(&dir, &good, "BadData.v", &bad);
    assert!(
        !ok,
        "Coq accepted a slab lemma whose data is not its statement"
    );
    assert!(
        out.contains("Error") && !out.contains(COMPUTED_FALSE),
        "{out}"
    );

    // ... and with the strip stretched down to the end of target 0 (p ≈ 0.66, where
    // m = (p' − 1)/(p − 1) ≈ −0.76), the first strip cell's lemma m < −1 is false: the
    // checker and Coq both reject it.
    let stretch = |v: &mut serde_json::Value| {
        let ob = common::obligation(v, "P3.orbit-global/slab-graph");
        let pieces = ob["proof"]["pieces"].as_array_mut().unwrap();
        let piece = pieces.last_mut().unwrap();
        let t0_end = piece["targets"][0][1].as_u64().unwrap();
        piece["strip"][0] = serde_json::json!(t0_end);
        t0_end
    };
    let t0_end = stretch(&mut v);
    stretch(&mut whole);
    let whole_path = dir.join("theorem3-stretched.json");
    std::fs::write(&whole_path, serde_json::to_string(&whole).unwrap()).unwrap();
    let (ok, msg) = twostep(&["rehash", whole_path.to_str().unwrap()]);
    assert!(ok, "{msg}");
    let (ok, msg) = twostep(&["check", whole_path.to_str().unwrap()]);
    assert!(!ok, "the checker should reject the stretched strip");
    assert!(msg.contains("not < −1"), "{msg}");
    let bad = generate(&v, "bad");
    let text = std::fs::read_to_string(bad.join(file)).unwrap();
    let lemma = format!("Lemma P3_orbit_global_slab_graph_s00_c{t0_end:05}");
    let at = text
        .find(&lemma)
        .expect("the first strip cell is in the sample");
    assert!(text[at..]
        .split("Qed.")
        .next()
        .unwrap()
        .contains("prod_m K p d <= (-1000001 / 1000000)"));
    let (ok, out) = coqc_generated(&dir, &bad, file);
    assert!(!ok, "Coq accepted a false slab cell:\n{text}");
    assert!(out.contains("Error"), "{out}");
    // The computation alone refuses it with Coq's refusal of a false test.
    let (ok, out) = coqc_text(&dir, &bad, "Computed.v", &computation_only(&text));
    assert!(!ok, "the computation accepted a false slab cell");
    assert!(out.contains(COMPUTED_FALSE), "{out}");
}

#[test]
fn a_rank_that_does_not_fall_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with("reach", &["OrbitClaims.v", "SlabReach.v", "SlabCheck.v"]);
    let gen = dir.join("gen");
    let cert = root().join("certificates/theorem3.json");
    let (ok, msg) = coq_sample_full(&cert, &gen, "1", Some("P3.orbit-near/slab-graph:0"));
    assert!(ok, "{msg}");
    let (ok, out) = coqc_generated(&dir, &gen, "Theorem3_P3_orbit_near_slab_graph_s00_part0.v");
    assert!(ok, "the near piece's cells should compile:\n{out}");
    // The piece's joining file holds the cells as data with their test by computation; the
    // acyclicity file applies SlabReach to it.
    let file = "Theorem3_P3_orbit_near_slab_graph_s00.v";
    let text = std::fs::read_to_string(gen.join(file)).unwrap();
    let (ok, out) = coqc_generated(&dir, &gen, file);
    assert!(ok, "the true joining file should compile:\n{out}");
    let reach = "Theorem3_P3_orbit_near_slab_graph_s00_reach.v";
    let (ok, out) = coqc_generated(&dir, &gen, reach);
    assert!(ok, "the true acyclicity file should compile:\n{out}");
    // The cells in order, one `SCell lo hi d_top a b rank goal first count` per line.
    let start =
        text.find("list scell := [\n  ").expect("the cell data") + "list scell := [\n  ".len();
    let end = start + text[start..].find("].\n").unwrap();
    let lines: Vec<String> = text[start..end]
        .split(";\n  ")
        .map(|l| l.to_string())
        .collect();
    assert!(lines.len() > 100, "{} cells", lines.len());
    let with_lines =
        |lines: &[String]| format!("{}{}{}", &text[..start], lines.join(";\n  "), &text[end..]);
    // The fields of a line: `SCell`, then parenthesized terms and words.
    let fields = |l: &str| -> Vec<String> {
        let mut out = Vec::new();
        let (mut depth, mut cur) = (0, String::new());
        for ch in l.chars() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if ch == ' ' && depth == 0 {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            } else {
                cur.push(ch);
            }
        }
        out.push(cur);
        assert_eq!(out.len(), 10, "{l}");
        out
    };
    let with_field = |l: &str, k: usize, v: &str| {
        let mut f = fields(l);
        f[k] = v.to_string();
        f.join(" ")
    };
    // Cell 0 leads to cells of smaller rank (and loops on itself as p grows). Ranked 0,
    // its steps cannot go down.
    let f0 = fields(&lines[0]);
    assert_eq!(f0[1], "(z 0, z 1)", "{}", lines[0]);
    assert_eq!(f0[7], "false", "{}", lines[0]);
    assert_ne!(f0[6], "(z 0)", "cell 0 has successors of smaller rank");
    let mut ranked0 = lines.clone();
    ranked0[0] = with_field(&lines[0], 6, "(z 0)");
    // A cell left out: the slab is no longer covered (and the cells after it are out of
    // place for the successors that point to them).
    let mut missing = lines.clone();
    missing.remove(lines.len() / 2);
    // A successor range cut to its lower end: the image is not in it.
    let mut narrow = lines.clone();
    narrow[1] = with_field(&lines[1], 5, &fields(&lines[1])[4]);
    // A goal cell's successor range cut to its lower end (the slab's invariance rests on it).
    let g = lines
        .iter()
        .position(|l| fields(l)[7] == "true")
        .expect("a goal cell");
    let mut goal_narrow = lines.clone();
    goal_narrow[g] = with_field(&lines[g], 5, &fields(&lines[g])[4]);
    // A successor placed one cell too far: the successors no longer cover the image.
    let mut shifted = lines.clone();
    let first = fields(&lines[0])[8].clone();
    let at: usize = first
        .trim_start_matches("(z ")
        .trim_end_matches(')')
        .parse()
        .unwrap();
    shifted[0] = with_field(&lines[0], 8, &format!("(z {})", at + 1));
    for (what, bad) in [
        ("cell 0 ranked 0", &ranked0),
        ("a cell left out", &missing),
        ("a successor range cut to a point", &narrow),
        ("a goal cell's successor range cut to a point", &goal_narrow),
        ("cell 0's successors placed one cell on", &shifted),
    ] {
        std::fs::write(gen.join(file), with_lines(bad)).unwrap();
        let (ok, out) = coqc_generated(&dir, &gen, file);
        assert!(!ok, "Coq accepted the piece's cells with {what}");
        assert!(out.contains(KERNEL_FALSE), "{what}: {out}");
    }
}

/// The statement of lemma or theorem `name` in `text`, as an axiom.
fn as_axiom(text: &str, name: &str) -> String {
    let at = ["Lemma", "Theorem"]
        .iter()
        .find_map(|k| text.find(&format!("{k} {name} :")))
        .unwrap_or_else(|| panic!("{name} not found"));
    let end = at + text[at..].find("Proof.").unwrap();
    format!("Axiom {}", text[at..end].split_once(' ').unwrap().1)
}

#[test]
fn a_region_row_whose_strip_does_not_repel_does_not_join_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with(
        "region",
        &[
            "OrbitClaims.v",
            "SlabReach.v",
            "TargetConverge.v",
            "RegionEnters.v",
            "NearConverge.v",
        ],
    );
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("certificates/theorem3.json")).unwrap(),
    )
    .unwrap();
    let rows = ["P3.orbit-global/slab-graph:66", "P3.orbit-global/region:21"];
    let region = "Theorem3_P3_orbit_global_region.v";
    let converge = "Theorem3_P3_orbit_global_slab_graph_s66_converge.v";
    let joining = "Theorem3_P3_orbit_global_slab_graph_s66_region.v";
    // Row 21's lambda, as the generated files write it.
    let lambda = "(112483 / 100000)";
    let join = |out: &str, tamper: Option<&str>| -> (bool, String) {
        let cert = dir.join(format!("{out}.json"));
        std::fs::write(&cert, serde_json::to_string(&v).unwrap()).unwrap();
        let gen = dir.join(out);
        let (ok, msg) = coq_sample_rows(&cert, &gen, "1", &rows);
        assert!(ok, "{msg}");
        // Only the join is checked here: the row's cover lemma and the piece's slab theorem
        // (whose cells other tests and the CI build compile) are taken as axioms.
        let head = "From Coq Require Import Reals Lra.\nFrom Twostep Require Import Model ProductClaims SlabReach TargetConverge.\nOpen Scope R_scope.\n\n";
        for (file, name) in [
            (region, "P3_orbit_global_region_r21"),
            (converge, "P3_orbit_global_slab_graph_s66_orbit_from_cells"),
        ] {
            let text = std::fs::read_to_string(gen.join(file)).unwrap();
            std::fs::write(gen.join(file), format!("{head}{}", as_axiom(&text, name))).unwrap();
        }
        if let Some(to) = tamper {
            for file in [region, joining] {
                let text = std::fs::read_to_string(gen.join(file)).unwrap();
                assert!(text.contains(lambda), "{file} has no {lambda}");
                std::fs::write(gen.join(file), text.replace(lambda, to)).unwrap();
            }
        }
        for file in [region, converge, joining] {
            let (ok, out) = coqc_generated(&dir, &gen, file);
            if !ok {
                return (false, out);
            }
        }
        (true, String::new())
    };
    let (ok, out) = join("good", None);
    assert!(ok, "the region join should compile:\n{out}");
    // With lambda = 1 the strip around p = 1 no longer repels: Coq refuses to join the row
    // with the slab (and the generator refuses such a row before Coq sees it).
    let (ok, out) = join("bad", Some("1"));
    assert!(!ok, "Coq joined a region row whose strip does not repel");
    assert!(out.contains(joining) && out.contains("Error"), "{out}");
    let ob = common::obligation(&mut v, "P3.orbit-global/region");
    ob["proof"]["rows"][21]["constants"]["lambda"] = serde_json::Value::String("1".into());
    let cert = dir.join("refused.json");
    std::fs::write(&cert, serde_json::to_string(&v).unwrap()).unwrap();
    let (ok, msg) = coq_sample_rows(&cert, &dir.join("refused"), "1", &rows);
    assert!(!ok && msg.contains("lambda > 1"), "{msg}");
}

#[test]
fn the_claim_over_every_piece_joins_in_coq_and_not_past_its_pieces() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with(
        "claim",
        &[
            "OrbitClaims.v",
            "SlabReach.v",
            "TargetConverge.v",
            "RegionEnters.v",
        ],
    );
    let gen = dir.join("gen");
    std::fs::create_dir_all(&gen).unwrap();
    let text = std::fs::read_to_string(root().join("certificates/theorem3.json")).unwrap();
    let (c, _) = twostep::cert::parse(&text).unwrap();
    // In full, as `make coq` generates it: every piece has its region file, and the claim.
    let files = twostep::coq::generate(&c, &twostep::coq::Options::default()).unwrap();
    let file = |name: &str| {
        files
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{name} not generated"))
    };
    let claim = file("Theorem3_P3_orbit_global_claim.v");
    // Each piece's region theorem (which `make coq` proves from its cells) as an axiom.
    let head = "From Coq Require Import Reals Lra.\nFrom Twostep Require Import Model ProductClaims SlabReach TargetConverge RegionEnters.\nOpen Scope R_scope.\n\n";
    let mut pieces = 0;
    for f in files
        .iter()
        .filter(|f| f.name.contains("_orbit_global_slab_graph_s") && f.name.ends_with("_region.v"))
    {
        let stem = f.name.trim_end_matches(".v");
        let name = format!("{}_orbit", stem.trim_start_matches("Theorem3_"));
        std::fs::write(
            gen.join(&f.name),
            format!("{head}{}", as_axiom(&f.text, &name)),
        )
        .unwrap();
        let (ok, out) = coqc_generated(&dir, &gen, &f.name);
        assert!(ok, "{}: {out}", f.name);
        pieces += 1;
    }
    assert_eq!(pieces, 67);
    let compile = |name: &str, text: &str| {
        std::fs::write(gen.join(name), text).unwrap();
        coqc_generated(&dir, &gen, name)
    };
    let (ok, out) = compile(&claim.name, &claim.text);
    assert!(ok, "the claim should compile:\n{out}");
    // Below the first piece (K from 1) and past the last one (K up to 1.13 > 1.122), the
    // pieces do not cover the claim: Coq rejects both.
    let statement = "forall K, (201 / 200) <= K <= K_star -> forall z,";
    assert!(claim.text.contains(statement));
    for wider in [
        "forall K, 1 <= K <= K_star -> forall z,",
        "forall K, (201 / 200) <= K <= 113 / 100 -> forall z,",
    ] {
        let (ok, out) = compile(&claim.name, &claim.text.replacen(statement, wider, 1));
        assert!(!ok, "Coq accepted the claim over {wider}");
        assert!(out.contains("Error"), "{out}");
    }
    // Prop 3 over (1, K*]: P3.orbit-near's region theorem (an axiom here too) below 201/200,
    // the claim above.
    let (ok, out) = compile(&claim.name, &claim.text);
    assert!(ok, "{out}");
    let near = file("Theorem3_P3_orbit_near_slab_graph_s00_region.v");
    let axiom = as_axiom(&near.text, "P3_orbit_near_slab_graph_s00_region_orbit");
    let (ok, out) = compile(&near.name, &format!("{head}{axiom}"));
    assert!(ok, "{out}");
    let prop3 = file("Theorem3_P3_orbit_claim.v");
    let (ok, out) = compile(&prop3.name, &prop3.text);
    assert!(ok, "Prop 3's theorem should compile:\n{out}");
    let from1 = "forall K, 1 < K <= K_star -> forall z,";
    assert!(prop3.text.contains(from1));
    let (ok, out) = compile(
        &prop3.name,
        &prop3
            .text
            .replacen(from1, "forall K, 0 < K <= K_star -> forall z,", 1),
    );
    assert!(
        !ok && out.contains("Error"),
        "Coq accepted Prop 3 from K = 0:\n{out}"
    );
}

#[test]
fn a_near_range_bound_that_is_too_small_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with(
        "near",
        &[
            "OrbitClaims.v",
            "SlabReach.v",
            "TargetConverge.v",
            "RegionEnters.v",
            "NearConverge.v",
        ],
    );
    let gen = dir.join("gen");
    let cert = root().join("certificates/theorem3.json");
    let (ok, msg) = coq_sample_full(&cert, &gen, "1", Some("P3.orbit-near/slab-graph:0"));
    assert!(ok, "{msg}");
    let text =
        std::fs::read_to_string(gen.join("Theorem3_P3_orbit_near_slab_graph_s00_converge.v"))
            .unwrap();
    // The two interval lemmas of the near range, alone: the margin mu and the bound C.
    let lemma = |name: &str| {
        let at = text.find(&format!("Lemma {name} :")).unwrap();
        let end = at + text[at..].find("Qed.").unwrap() + "Qed.".len();
        text[at..end].to_string()
    };
    let head = "From Coq Require Import Reals Lra.\nFrom Interval Require Import Tactic.\nFrom Twostep Require Import Model Support NearConverge.\nOpen Scope R_scope.\n\n";
    let margin = lemma("P3_orbit_near_slab_graph_s00_near_margin");
    let bound = lemma("P3_orbit_near_slab_graph_s00_near_e");
    let compile = |body: &str| {
        std::fs::write(gen.join("Bounds.v"), format!("{head}{body}\n")).unwrap();
        coqc_generated(&dir, &gen, "Bounds.v")
    };
    let (ok, out) = compile(&format!("{margin}\n\n{bound}"));
    assert!(ok, "the near range's bounds should compile:\n{out}");
    // mu = 2 is above 2 - K^2 (p - 1)^2 on N; |E| <= 1/100 is false (at p = 1, d = 0,
    // E = 2K(2K - 1), about 2).
    let mu = margin
        .split("->\n  ")
        .nth(1)
        .and_then(|r| r.split(" <= 2 - ").next())
        .unwrap()
        .to_string();
    let c = bound
        .split("Rabs (near_e K p d) <= ")
        .nth(1)
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .to_string();
    for bad in [
        margin.replacen(&format!("{mu} <= 2 -"), "2 <= 2 -", 1),
        bound.replacen(&format!("<= {c}."), "<= 1 / 100.", 1),
    ] {
        let (ok, out) = compile(&bad);
        assert!(!ok, "Coq accepted a false near-range bound:\n{bad}");
        assert!(out.contains("Error"), "{out}");
    }
}

/// Compiles the generated `files` in order; the first failure, if any.
fn coqc_all(dir: &Path, gen: &Path, files: &[&str]) -> (bool, String) {
    for f in files {
        let (ok, out) = coqc_generated(dir, gen, &format!("{f}.v"));
        if !ok {
            return (false, format!("{f}: {out}"));
        }
    }
    (true, String::new())
}

/// Coq's refusal when a computation run by `vm_compute; reflexivity` (RegionCheck.v,
/// EntryCheck.v) says a cell fails.
const COMPUTED_FALSE: &str = "Unable to unify \"true\" with \"false\"";
/// Coq's kernel's refusal, at `Qed`, of a computed test that is false, where the proof left
/// the computation to it (`vm_cast_no_check`, GridCheck.v's lemmas).
const KERNEL_FALSE: &str =
    "The term \"eq_refl\" has type \"true = true\" while it is expected to have type";

/// Writes `text` as `gen/<file>` and compiles it.
fn coqc_text(dir: &Path, gen: &Path, file: &str, text: &str) -> (bool, String) {
    std::fs::write(gen.join(file), text).unwrap();
    coqc_generated(dir, gen, file)
}

/// `text` with each cell hint `Maps (Either (<one box>) (<split>))` reduced to its split.
fn cover_only(text: &str) -> String {
    text.lines()
        .map(|line| {
            let Some(rest) = line.trim_start().strip_prefix("Maps (Either ") else {
                return line.to_string();
            };
            // The one box is the first balanced group; the split the second.
            let mut depth = 0;
            let mut end = 0;
            for (i, ch) in rest.char_indices() {
                match ch {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            // `<split>)` and `;` or `].`: drop Either's `)`.
            let mut split = rest[end + 2..].to_string();
            split.remove(split.rfind(')').unwrap());
            format!("  Maps {split}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A scratch folder with the hand-written files of T4.stage2's cells (and `extra` after
/// them), and a sample of theorem4 (2 cells per piece) in `gen`.
fn stage2_scratch(name: &str, extra: &[&str]) -> (common::Scratch, PathBuf) {
    let mut files = vec![
        "Angle.v",
        "Theorem4Claims.v",
        "Stage1Claims.v",
        "BasinClaims.v",
        "MeanValue.v",
        "GridReach.v",
        "GridCheck.v",
        "StageEntry.v",
        "EntryCheck.v",
    ];
    files.extend(extra);
    let dir = scratch_with(name, &files);
    let gen = dir.join("gen");
    let (ok, msg) = coq_sample_rows(&root().join("certificates/theorem4.json"), &gen, "2", &[]);
    assert!(ok, "{msg}");
    (dir, gen)
}

/// A scratch folder of [`stage2_scratch`] (`name`) with piece 0's file compiled, and the
/// text of the generated `file`, which compiles as it is (`what` names its cells).
fn piece0_compiles(name: &str, file: &str, what: &str) -> (common::Scratch, PathBuf, String) {
    let (dir, gen) = stage2_scratch(name, &[]);
    let (ok, out) = coqc_generated(&dir, &gen, "Theorem4_T4_stage2_reach_p00.v");
    assert!(ok, "{out}");
    let text = std::fs::read_to_string(gen.join(file)).unwrap();
    let (ok, out) = coqc_generated(&dir, &gen, file);
    assert!(ok, "the true {what} should compile:\n{out}");
    (dir, gen, text)
}

/// Writes `bad` as `gen/<file>` and checks that Coq refuses it (`what` names the fault).
fn refused_in_coq(dir: &Path, gen: &Path, file: &str, bad: &str, what: &str) {
    let (ok, out) = coqc_text(dir, gen, file, bad);
    assert!(!ok, "Coq accepted {what}");
    assert!(out.contains("Error"), "{out}");
}

#[test]
fn a_wrong_start_cell_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    // The true start cells and the lemma over the start box compile.
    let file = "Theorem4_T4_stage2_reach_p00_start.v";
    let (dir, gen, text) = piece0_compiles("start", file, "start cells");
    assert!(text.contains("Lemma T4_stage2_reach_p00_start : forall K th s"));

    computation_refuses(&dir, &gen, &text, "start");
}

/// A file of entry or start lemmas with each proof reduced to its computation
/// (`entry_by` or `start_by`): the `interval` fallback after it dropped.
fn computation_only(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("first [ ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + "first [ ".len()..];
        if !["entry_by ", "start_by ", "region_by ", "form_by "]
            .iter()
            .any(|t| tail.starts_with(t))
        {
            // An `interval` call of a file's own (a constants lemma), left as it is.
            out.push_str("first [ ");
            rest = tail;
            continue;
        }
        let cut = tail.find("\n  | idtac \"").unwrap();
        out.push_str(&tail[..cut]);
        let end = tail
            .find(" ].\nQed.")
            .or_else(|| tail.find(" ]. Qed."))
            .unwrap();
        rest = &tail[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The `kind` ("entry" or "start") lemmas of piece 0 in `text` compile by the computation
/// alone, and the computation refuses a stage-1 cell claimed in B (v w_x <= 1/(2 pi) <
/// 7/20 there) and a landing box of cells moved 8 cells up in v, with Coq's refusal of a
/// false test.
fn computation_refuses(dir: &Path, gen: &Path, text: &str, kind: &str) {
    let computed = computation_only(text);
    let tactic = format!("{kind}_by ");
    assert!(!computed.contains("by interval"));
    assert_eq!(
        computed.matches(&tactic).count(),
        text.matches(&format!("first [ {tactic}")).count()
    );
    let (ok, out) = coqc_text(dir, gen, "Computed.v", &computed);
    assert!(
        ok,
        "the computation alone should prove the {kind} cells:\n{out}"
    );
    let refused_by_computation = |bad: &str, what: &str| {
        let (ok, out) = coqc_text(dir, gen, "BadComputed.v", bad);
        assert!(!ok, "Coq accepted {what}");
        assert!(out.contains(COMPUTED_FALSE), "{what}: {out}");
    };
    let bad = computed.replacen(" LStage1 ", " LInB ", 1);
    assert_ne!(bad, computed);
    refused_by_computation(&bad, &format!("a stage-1 {kind} cell claimed in B"));
    // The same cell claimed in B by its `interval` fallback too (the first stage-1 landing
    // and the first `lands_stage1` are in one lemma): refused.
    let bad = text
        .replacen(" LStage1 ", " LInB ", 1)
        .replacen("lands_stage1", "lands_in_B", 1);
    refused_in_coq(
        dir,
        gen,
        "BadFallback.v",
        &bad,
        &format!("a stage-1 {kind} cell claimed in B, with its fallback"),
    );
    let at = computed.find("(LCells ").unwrap() + "(LCells ".len();
    let args: Vec<&str> = computed[at..].split_whitespace().take(2).collect();
    let moved: Vec<String> = args
        .iter()
        .map(|a| (a.parse::<u32>().unwrap() + 8).to_string())
        .collect();
    let mut bad = computed.clone();
    bad.replace_range(at..at + args[0].len() + 1 + args[1].len(), &moved.join(" "));
    refused_by_computation(&bad, &format!("a {kind} cell's box of cells moved up in v"));
}

#[test]
fn a_wrong_entry_cell_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    // The sampled entry cells compile, and by computation alone (no `interval` fallback).
    let file = "Theorem4_T4_stage2_reach_p00_entry_part0.v";
    let (dir, gen, text) = piece0_compiles("entry", file, "entry cells");
    computation_refuses(&dir, &gen, &text, "entry");
    assert_eq!(text.matches("first [ entry_by ").count(), 2, "{text}");

    // The first cell's box (and statement) stretched to K in [1, 2]: refused by the
    // computation and by the `interval` fallback.
    let bad = text
        .replacen("1 <= K <= (101 / 100)", "1 <= K <= 2", 1)
        .replacen("(Box (1, 1)%Z (101, 100)%Z", "(Box (1, 1)%Z (2, 1)%Z", 1);
    assert_eq!(bad.matches("(2, 1)%Z").count(), 1);
    refused_in_coq(
        &dir,
        &gen,
        "BadK.v",
        &bad,
        "an entry cell stretched to K in [1, 2]",
    );
}

#[test]
fn a_wrong_orbit_claim_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let (dir, gen) = stage2_scratch("orbit", &["Stage2Orbit.v", "Theorem4Bound.v"]);
    let pieces: Vec<String> = (0..6)
        .map(|i| format!("Theorem4_T4_stage2_reach_p{i:02}"))
        .collect();
    let names: Vec<&str> = pieces.iter().map(String::as_str).collect();
    let (ok, out) = coqc_all(&dir, &gen, &names);
    assert!(ok, "{out}");
    let file = "Theorem4_T4_stage2_orbit.v";
    let text = std::fs::read_to_string(gen.join(file)).unwrap();

    // The true file compiles: the orbit claim over K in [1, 1.1] from the pieces' statements.
    let (ok, out) = coqc_generated(&dir, &gen, file);
    assert!(ok, "the orbit file should compile:\n{out}");
    assert!(text.contains("Theorem T4_stage2_orbit_if :"));

    let refused = |what: &str, from: &str, to: &str| {
        assert!(text.contains(from), "{what}: {from:?} not in the file");
        let bad = text.replacen(from, to, 1);
        refused_in_coq(&dir, &gen, "BadOrbit.v", &bad, what);
    };
    // B within 3 steps of stage 2 instead of 4.
    refused(
        "the orbit claim with one step fewer",
        "  stage2_orbit_on 1 (11 / 10) 4.\nProof.",
        "  stage2_orbit_on 1 (11 / 10) 3.\nProof.",
    );
    // Piece 0's claim stretched over piece 1's K range.
    refused(
        "piece 0's orbit claim past its K piece",
        "  stage2_orbit_on 1 (101 / 100) 4.\nProof.",
        "  stage2_orbit_on 1 (51 / 50) 4.\nProof.",
    );
    // Piece 1 left out of the join: K in [1.01, 1.02] is in no piece.
    let at = text
        .find("  apply (orbit_join (101 / 100) (51 / 50) (11 / 10));")
        .unwrap();
    let line = &text[at..at + text[at..].find('\n').unwrap() + 1];
    refused("the join without piece 1", line, "");
    // T4.bound from T4.basin over part of K's range only.
    refused(
        "T4.bound from T4.basin on K in [1.05, 1.1]",
        "basin_on 1 (11 / 10) -> t4_bound_on",
        "basin_on (21 / 20) (11 / 10) -> t4_bound_on",
    );
    // T4.bound with 1/11 for 1/10: below B's w_y bound 12/125, so the hand proof fails.
    let bound = std::fs::read_to_string(dir.join("proofs/Theorem4Bound.v")).unwrap();
    let tight = bound.replacen(
        "0 <= wy < 1 / 10 * (1 - 3 / 100 * K)",
        "0 <= wy < 1 / 11 * (1 - 3 / 100 * K)",
        1,
    );
    assert_ne!(tight, bound);
    std::fs::write(dir.join("proofs/BadBound.v"), tight).unwrap();
    let (ok, out) = run(Command::new("coqc").current_dir(dir.join("proofs")).args([
        "-Q",
        ".",
        "Twostep",
        "BadBound.v",
    ]));
    assert!(!ok, "Coq accepted T4.bound with 1/11");
    assert!(out.contains("Error"), "{out}");
    // Piece 0's entry theorem over a smaller box than R's (s up to 1/100): not entry_on.
    refused(
        "an entry theorem on part of R's box",
        "0 <= s <= (13 / 50) -> ",
        "0 <= s <= (1 / 100) -> ",
    );
}

#[test]
fn a_wrong_grid_cell_does_not_compile_in_coq() {
    if !have_coqc() {
        eprintln!("SKIPPED: coqc not found (apt-get install coq libcoq-interval); the Coq rejection test did not run");
        return;
    }
    let dir = scratch_with(
        "grid",
        &[
            "Angle.v",
            "BasinClaims.v",
            "MeanValue.v",
            "GridReach.v",
            "GridCheck.v",
        ],
    );
    let cert = dir.join("theorem4.json");
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("certificates/theorem4.json")).unwrap(),
    )
    .unwrap();
    let generate = |v: &serde_json::Value, out: &str| {
        std::fs::write(&cert, serde_json::to_string(v).unwrap()).unwrap();
        let out = dir.join(out);
        let (ok, msg) = coq_sample_rows(&cert, &out, "2", &[]);
        assert!(ok, "{msg}");
        out
    };
    let reach0 = [
        "Theorem4_T4_stage2_reach_p00",
        "Theorem4_T4_stage2_reach_p00_part0",
    ];
    let basin0 = [
        "Theorem4_T4_grid_basin_invariant_contracting_p00",
        "Theorem4_T4_grid_basin_invariant_contracting_p00_part0",
    ];

    // The true cells compile: the two sampled cells of stage 2's piece 0 (the first maps
    // into generation 1, with one box or else split, the last is in B) and two of the grid
    // basin's piece 0.
    let good = generate(&v, "good");
    let part0 = std::fs::read_to_string(good.join("Theorem4_T4_stage2_reach_p00_part0.v")).unwrap();
    assert!(
        part0.contains("  Maps (Either (MLeaf ") && part0.contains("(Split "),
        "{part0}"
    );
    for files in [&reach0[..], &basin0[..]] {
        let (ok, out) = coqc_all(&dir, &good, files);
        assert!(ok, "the true grid cells should compile:\n{out}");
    }
    // The split alone (the computation tries the one box first, which mostly succeeds and
    // would hide a wrong split): it halves K among other sides, and compiles.
    let cover = cover_only(&part0);
    assert!(cover.contains("(Split 0 "), "{cover}");
    assert!(!cover.contains("Either"), "{cover}");
    let (ok, out) = coqc_text(&dir, &good, "Cover.v", &cover);
    assert!(ok, "the split of a true cell should compile:\n{out}");

    // The first leaf of that split with its box of whole cells moved 3 cells up in v: its
    // cells are not all in generation 1, or the image is not in it. Refused.
    // The data's integers are `(z n)`, primitive literals read as Z.
    let from = cover.find("(Leaf ").unwrap() + "(Leaf ".len();
    let ends: Vec<u32> = cover[from..]
        .split(") ")
        .take(2)
        .map(|x| x.strip_prefix("(z ").unwrap().parse().unwrap())
        .collect();
    let old = format!("(z {}) (z {})", ends[0], ends[1]);
    assert!(cover[from..].starts_with(&old), "{}", &cover[from..]);
    let mut bad = cover.clone();
    bad.replace_range(
        from..from + old.len(),
        &format!("(z {}) (z {})", ends[0] + 3, ends[1] + 3),
    );
    let (ok, out) = coqc_text(&dir, &good, "Moved.v", &bad);
    assert!(!ok, "Coq accepted a leaf's box of cells moved up in v");
    assert!(out.contains(KERNEL_FALSE), "{out}");

    // The part's runs of the next set with one run lengthened by 1 000 cells in j: not a
    // run of the set (GridCheck.sub_ok). Refused.
    let at = part0.find(": groups := ").unwrap();
    let pair = at + part0[at..].match_indices("[(z ").nth(2).unwrap().0 + "[(z ".len();
    let close = pair + part0[pair..].find(')').unwrap();
    let (a, b) = part0[pair..close].split_once(", z ").unwrap();
    let b: u32 = b.parse().unwrap();
    let mut bad = part0.clone();
    bad.replace_range(pair..close, &format!("{a}, z {}", b + 1000));
    let (ok, out) = coqc_text(&dir, &good, "Lengthened.v", &bad);
    assert!(!ok, "Coq accepted a run that is not one of the next set's");
    assert!(out.contains(KERNEL_FALSE), "{out}");

    // Stage 2's piece 0 stretched to K in [1, 2]: its sampled generation-0 cell (outside B)
    // no longer maps into generation 1.
    let mut bad = v.clone();
    common::obligation(&mut bad, "T4.stage2/reach")["proof"]["pieces"][0]["k"] =
        serde_json::json!(["1", "2"]);
    let out_dir = generate(&bad, "bad-reach");
    let (ok, out) = coqc_all(&dir, &out_dir, &reach0);
    assert!(!ok, "Coq accepted a stage-2 cell stretched to K in [1, 2]");
    assert!(out.contains(KERNEL_FALSE), "{out}");

    // The grid basin's piece 0 stretched to K in [1.01, 2]: its cells neither map into the
    // basin nor contract.
    let mut bad = v.clone();
    common::obligation(&mut bad, "T4.grid-basin/invariant-contracting")["proof"]["pieces"][0]
        ["k"] = serde_json::json!(["1.01", "2"]);
    let out_dir = generate(&bad, "bad-basin");
    let (ok, out) = coqc_all(&dir, &out_dir, &basin0);
    assert!(
        !ok,
        "Coq accepted a grid-basin cell stretched to K in [1.01, 2]"
    );
    assert!(out.contains(KERNEL_FALSE), "{out}");

    // A cell far from B (the largest v, the smallest w_x and w_y) appended to piece 0's last
    // generation, where it is the sample's last cell: it is not in B.
    let mut bad = v.clone();
    let piece = &mut common::obligation(&mut bad, "T4.stage2/reach")["proof"]["pieces"][0];
    let top = piece["count"][0].as_u64().unwrap() - 1;
    let gens = &mut piece["generations"];
    let last = gens.as_array().unwrap().len() - 1;
    gens[last]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!([top, 0, 0, 0]));
    let out_dir = generate(&bad, "bad-last");
    let part =
        std::fs::read_to_string(out_dir.join("Theorem4_T4_stage2_reach_p00_part1.v")).unwrap();
    assert!(
        part.contains(&format!("[(z {top}, z 0, z 0, z 0)]%Z")),
        "the added cell is checked"
    );
    let (ok, out) = coqc_all(
        &dir,
        &out_dir,
        &[
            "Theorem4_T4_stage2_reach_p00",
            "Theorem4_T4_stage2_reach_p00_part1",
        ],
    );
    assert!(!ok, "Coq accepted a last-generation cell outside B");
    assert!(out.contains(KERNEL_FALSE), "{out}");
}
