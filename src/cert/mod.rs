//! The certificate format (version 1): types, canonical form, hash, reading and writing.
//!
//! A certificate is a JSON object whose values are only objects, arrays, strings,
//! booleans and non-negative integers. Every number of the mathematics is a string in
//! the exact syntax of [`crate::arith::q`] (or one of the named constants of
//! [`Endpoint`]), so that no value is ever rounded by a JSON reader.
//!
//! The **canonical form** is the object without its `hash` member, written with object
//! keys sorted by their UTF-8 bytes, no whitespace, strings escaped as JSON requires
//! (`"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`, everything else
//! literal). The **hash** is `sha256:` followed by the lower-case hex SHA-256 of the
//! canonical form's UTF-8 bytes. Files on disk are the same object pretty-printed with
//! sorted keys and a final newline.

mod json;
mod types;

pub use json::{canonical, pretty};
pub use types::*;

use sha2::{Digest, Sha256};

/// The value of the `format` member.
pub const FORMAT: &str = "twostep-certificate";
/// The only format version this build reads and writes.
pub const VERSION: u64 = 1;

/// `sha256:<hex>` of the canonical form of `value` (its `hash` member ignored).
pub fn hash_value(value: &serde_json::Value) -> String {
    let mut v = value.clone();
    if let Some(obj) = v.as_object_mut() {
        obj.remove("hash");
    }
    let digest = Sha256::digest(canonical(&v).as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// A file that cannot be read as a certificate of this version (exit status 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Malformed {
    /// The field at fault (a JSON path such as `obligations[3].proof.cells[0].K[1]`),
    /// or `-` for the file as a whole.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl Malformed {
    /// A new error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Malformed {
        Malformed {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field == "-" {
            write!(f, "{}", self.message)
        } else {
            write!(f, "field `{}`: {}", self.field, self.message)
        }
    }
}

/// Parses certificate text: JSON, format, version, shape, then every exact number.
pub fn parse(text: &str) -> Result<(Certificate, serde_json::Value), Malformed> {
    if text.trim().is_empty() {
        return Err(Malformed::new("-", "empty file"));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Malformed::new("-", format!("not JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| Malformed::new("-", "not a JSON object"))?;
    match obj.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(Malformed::new(
                "format",
                format!("`{other}` is not `{FORMAT}`"),
            ))
        }
        None => return Err(Malformed::new("format", "missing or not a string")),
    }
    match obj.get("version") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(Malformed::new(
                "version",
                format!("unknown version {v} (this checker reads version {VERSION})"),
            ))
        }
        None => return Err(Malformed::new("version", "missing")),
    }
    let cert: Certificate = serde_path_to_error(&value)?;
    cert.validate()?;
    Ok((cert, value))
}

fn serde_path_to_error(value: &serde_json::Value) -> Result<Certificate, Malformed> {
    serde_json::from_value(value.clone()).map_err(|e| {
        let msg = e.to_string();
        let field = msg
            .split('`')
            .nth(1)
            .filter(|_| msg.contains("field"))
            .unwrap_or("-")
            .to_string();
        Malformed::new(field, format!("malformed certificate: {msg}"))
    })
}

/// Reads a certificate file.
pub fn read(path: &std::path::Path) -> Result<(Certificate, serde_json::Value), Malformed> {
    let bytes =
        std::fs::read(path).map_err(|e| Malformed::new("-", format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|_| Malformed::new("-", "not UTF-8 text"))?;
    parse(&text)
}

/// The certificate as file text, with its hash filled in.
pub fn render(cert: &Certificate) -> String {
    let mut value = serde_json::to_value(cert).expect("certificate serialises");
    let h = hash_value(&value);
    value["hash"] = serde_json::Value::String(h);
    pretty(&value)
}

/// Recomputes the `hash` member of a (hand-edited) certificate text.
pub fn rehash(text: &str) -> Result<String, Malformed> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Malformed::new("-", format!("not JSON: {e}")))?;
    if !value.is_object() {
        return Err(Malformed::new("-", "not a JSON object"));
    }
    let h = hash_value(&value);
    value["hash"] = serde_json::Value::String(h);
    Ok(pretty(&value))
}
