//! Identities as Coq lemmas, proved by `field` after the square roots are reduced.

use super::number::ident;
use super::statements::Identity;
use super::{comment, header, CoqFile};
use crate::cert::{Certificate, Obligation};

/// One lemma: the square roots become variables r with r·r = radicand, every power
/// r^(n+2) is rewritten to radicand·r^n, and what is left is a rational identity.
pub fn lemma(name: &str, s: &Identity) -> String {
    let hyps: String = s.hyps.iter().map(|h| format!("{h} -> ")).collect();
    let names: String = s
        .hyps
        .iter()
        .enumerate()
        .map(|(i, _)| format!(" H{i}"))
        .collect();
    let all = if s.binders.is_empty() {
        String::new()
    } else {
        format!("forall {}, ", s.binders)
    };
    let mut p = format!("Lemma {name} : {all}{hyps}{}.\nProof.\n", s.goal);
    if !(s.binders.is_empty() && names.is_empty()) {
        p.push_str(&format!("  intros {}{names}.\n", s.binders));
    }
    for r in s.roots {
        p.push_str(&format!(
            "  pose proof (sq_sqrt_rad {} ({})) as H{}.\n",
            r.radicand, r.sign, r.name
        ));
    }
    p.push_str("  unfold_model.\n");
    for r in s.roots {
        p.push_str(&format!("  set ({} := {}) in *.\n", r.name, r.term));
    }
    if !s.roots.is_empty() {
        let ns: Vec<&str> = s.roots.iter().map(|r| r.name).collect();
        p.push_str(&format!("  clearbody {}.\n", ns.join(" ")));
    }
    // A conjunction of equations is split; every equation is proved the same way.
    p.push_str("  repeat match goal with |- _ /\\ _ => split end.\n");
    p.push_str("  all: apply Rminus_diag_uniq; unfold Rdiv; ring_simplify.\n");
    for r in s.roots {
        p.push_str(&format!(
            "  all: reduce_root {} {} H{}.\n",
            r.name, r.radicand, r.name
        ));
    }
    p.push_str("  all: first [ring | field; lra].\nQed.\n\n");
    p
}

/// The file of all identities of a certificate.
pub fn file(c: &Certificate, ids: &[(&Obligation, Identity)], prefix: &str) -> CoqFile {
    let mut text = header(c, "the identities", false);
    for (o, s) in ids {
        text.push_str(&format!("(** {}: {} *)\n", o.id, comment(&o.statement)));
        text.push_str(&lemma(&ident(&o.id), s));
    }
    CoqFile {
        name: format!("{prefix}_identities.v"),
        text,
        lemmas: ids.len(),
    }
}
