//! Human-readable bound tables, read from a certificate.

use crate::cert::{Certificate, Proof};

fn enclosure_rows<'a>(c: &'a Certificate, id: &str) -> Option<&'a Vec<crate::cert::EnclosedCell>> {
    c.obligations
        .iter()
        .find(|o| o.id == id)
        .and_then(|o| match &o.proof {
            Proof::Enclosure { cells } => Some(cells),
            _ => None,
        })
}

/// The root-bound table of Theorem 2 (Markdown): per K cell, δ₁, δ₂, x_m and the multiplier.
pub fn theorem2(c: &Certificate) -> Result<String, String> {
    let ids = [
        "T2.roots/table-delta1",
        "T2.roots/table-delta2",
        "T2.xm/table-xm",
        "T2.basin/table-multiplier",
    ];
    let cols: Vec<_> = ids
        .iter()
        .map(|id| {
            enclosure_rows(c, id)
                .ok_or_else(|| format!("the certificate has no enclosure table {id}"))
        })
        .collect::<Result<_, _>>()?;
    let mut out = String::new();
    out.push_str("Theorem 2, g_K(y) = y(1 + K − K y²): certified enclosures on each K cell.\n");
    out.push_str(
        "The cells cover (1, K★], K★ = √4.5 − 1 = 1.12132…; the last cell reaches past K★.\n\n",
    );
    out.push_str("| K cell | δ₁ | δ₂ | x_m | G'(δ₁) = 7 − 4K − 2K² |\n");
    out.push_str("|---|---|---|---|---|\n");
    for (i, cell) in cols[0].iter().enumerate() {
        let k = &cell.cell["K"];
        let mut row = format!("| [{}, {}] |", k[0], k[1]);
        for col in &cols {
            let Some(e) = col.get(i) else {
                return Err("enclosure tables of different lengths".into());
            };
            if e.cell != cell.cell {
                return Err("enclosure tables over different cells".into());
            }
            row.push_str(&format!(" [{}, {}] |", e.value[0], e.value[1]));
        }
        out.push_str(&row);
        out.push('\n');
    }
    Ok(out)
}
