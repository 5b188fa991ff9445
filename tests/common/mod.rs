//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A committed certificate.
pub fn committed(name: &str) -> PathBuf {
    root().join("certificates").join(name)
}

/// A committed certificate, parsed.
pub fn parsed(name: &str) -> twostep::cert::Certificate {
    let text = std::fs::read_to_string(committed(name)).expect("committed certificate");
    twostep::cert::parse(&text).expect("parses").0
}

/// The proof of the obligation `id`.
pub fn proof_of<'a>(c: &'a twostep::cert::Certificate, id: &str) -> &'a twostep::cert::Proof {
    &c.obligations
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no obligation {id}"))
        .proof
}

/// The proof of the obligation `id`, to edit.
pub fn proof_of_mut<'a>(
    c: &'a mut twostep::cert::Certificate,
    id: &str,
) -> &'a mut twostep::cert::Proof {
    &mut c
        .obligations
        .iter_mut()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no obligation {id}"))
        .proof
}

/// Runs the `twostep` binary.
pub fn twostep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twostep"))
        .args(args)
        .output()
        .expect("run twostep")
}

/// Stdout and stderr together, as text.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A fresh temporary folder, removed when dropped; kept (and named on stderr) when the
/// test fails, for inspection.
pub struct Scratch(PathBuf);

impl Scratch {
    /// `<temp>/<name>-<pid>`, emptied.
    pub fn new(name: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("kept for inspection: {}", self.0.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A fresh temporary folder for one test.
pub fn tempdir(tag: &str) -> Scratch {
    Scratch::new(&format!("twostep-test-{tag}"))
}

/// Loads a certificate as JSON, applies `edit`, writes it to `dir/name`, returns the path.
pub fn edited(
    src: &Path,
    dir: &Path,
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> PathBuf {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    edit(&mut v);
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    p
}

/// Runs `twostep rehash` on a file and asserts it succeeded.
pub fn rehash(p: &Path) {
    let o = twostep(&["rehash", p.to_str().unwrap()]);
    assert!(o.status.success(), "rehash failed: {}", text(&o));
}

/// Runs `twostep check` on a file: (exit code, output).
pub fn check(p: &Path) -> (i32, String) {
    let o = twostep(&["check", p.to_str().unwrap()]);
    (o.status.code().unwrap_or(-1), text(&o))
}

/// The obligation with the given id.
pub fn obligation<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    v["obligations"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no obligation {id}"))
}

/// The claim domain K ∈ [lo, hi] (both ends closed).
pub fn k_domain(lo: &str, hi: &str) -> twostep::check::Domain {
    use twostep::cert::Endpoint;
    vec![(
        "K".into(),
        Endpoint::parse(lo).unwrap(),
        true,
        Endpoint::parse(hi).unwrap(),
        true,
    )]
}
