//! Malformed input to `twostep check`: exit status 2, a one-line message naming the file
//! and the field, never a panic.

mod common;
use common::*;
use serde_json::json;

fn expect_malformed(p: &std::path::Path, field: &str) {
    let (code, out) = check(p);
    assert_eq!(code, 2, "{out}");
    assert!(!out.contains("panicked"), "{out}");
    assert!(
        out.contains(p.to_str().unwrap()),
        "message must name the file: {out}"
    );
    assert!(out.contains(field), "message must name `{field}`: {out}");
    assert_eq!(out.trim().lines().count(), 1, "one line: {out}");
}

fn t2() -> std::path::PathBuf {
    committed("theorem2.json")
}

#[test]
fn empty_and_truncated_files() {
    let d = tempdir("malformed-text");
    let empty = d.join("empty.json");
    std::fs::write(&empty, "").unwrap();
    expect_malformed(&empty, "empty file");
    let text = std::fs::read_to_string(t2()).unwrap();
    let cut = d.join("cut.json");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    expect_malformed(&cut, "not JSON");
    let garbage = d.join("bin.json");
    std::fs::write(&garbage, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    expect_malformed(&garbage, "UTF-8");
    expect_malformed(&d.join("absent.json"), "cannot read");
}

#[test]
fn wrong_version_or_format_or_family() {
    let d = tempdir("malformed-version");
    expect_malformed(
        &edited(&t2(), &d, "v.json", |v| v["version"] = json!(2)),
        "version",
    );
    expect_malformed(
        &edited(&t2(), &d, "f.json", |v| v["format"] = json!("other")),
        "format",
    );
    expect_malformed(
        &edited(&t2(), &d, "fam.json", |v| v["family"] = json!("theorem9")),
        "family",
    );
    expect_malformed(
        &edited(&t2(), &d, "m.json", |v| {
            v.as_object_mut().unwrap().remove("claims");
        }),
        "claims",
    );
}

#[test]
fn non_exact_endpoints() {
    let d = tempdir("malformed-endpoints");
    let set = |name: &str, val: serde_json::Value| {
        edited(&t2(), &d, name, move |v| {
            obligation(v, "T2.positive/margin")["proof"]["cells"][2]["K"][0] = val;
        })
    };
    expect_malformed(&set("nan.json", json!("NaN")), "obligations[");
    expect_malformed(&set("big.json", json!("1e400")), "cells[2].K[0]");
    expect_malformed(&set("num.json", json!(1.5)), "malformed certificate");
    // A JSON NaN literal is not JSON at all.
    let p = d.join("nanlit.json");
    let text = std::fs::read_to_string(t2())
        .unwrap()
        .replacen("\"1.0001\"", "NaN", 1);
    std::fs::write(&p, text).unwrap();
    expect_malformed(&p, "not JSON");
    let p = d.join("hugelit.json");
    let text = std::fs::read_to_string(t2())
        .unwrap()
        .replacen("\"1.0001\"", "1e400", 1);
    std::fs::write(&p, text).unwrap();
    let (code, out) = check(&p);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn inverted_box() {
    let d = tempdir("malformed-box");
    let p = edited(&t2(), &d, "inv.json", |v| {
        let k = &mut obligation(v, "T2.positive/margin")["proof"]["cells"][3]["K"];
        let (a, b) = (k[0].clone(), k[1].clone());
        k[0] = b;
        k[1] = a;
    });
    expect_malformed(&p, "empty interval");
}

#[test]
fn fuzzed_edits_never_panic() {
    // Every single-character deletion over a stretch of the file: exit 1 or 2, never a crash.
    let d = tempdir("malformed-fuzz");
    let text = std::fs::read_to_string(committed("appendix-l.json")).unwrap();
    let p = d.join("f.json");
    let mut seen = std::collections::BTreeSet::new();
    for i in (0..text.len()).step_by(97) {
        if !text.is_char_boundary(i) || !text.is_char_boundary(i + 1) {
            continue;
        }
        let mut t = text.clone();
        t.remove(i);
        std::fs::write(&p, t).unwrap();
        let (code, out) = check(&p);
        assert!(code == 1 || code == 2 || code == 0, "{out}");
        assert!(
            !out.contains("panicked") && !out.contains("internal error"),
            "{out}"
        );
        seen.insert(code);
    }
    assert!(seen.contains(&2), "some deletion must break the JSON");
}
