//! Coq terms of the region statements as Interval library expressions.
//!
//! `RegionCheck.v` checks a region cell by computation on the guard and conditions written
//! as `expr`s; its soundness lemma states `region_holds g cs [K; p; d]`, which must be the
//! generated lemma's statement by conversion alone. So the expressions are read off the
//! very strings the statement is written from, with Coq's own precedences (`^` above unary
//! `-` above `*` `/` above `+` `-`, all binary operators left-associative but `^`), each
//! operator becoming the `expr` constructor that `eval`s to it, and each of `Model.v`'s
//! product maps the builder of `RegionCheck.v` that mirrors its definition (`sqrt` and
//! `PI` are the library's own). A term this
//! reader does not know is refused (the lemma is then proved by `interval` alone).

/// `Model.v`'s maps that `RegionCheck.v` mirrors: name, builder, arity.
const MAPS: &[(&str, &str, usize)] = &[
    ("prod_p", "e_prod_p", 3),
    ("prod_d", "e_prod_d", 3),
    ("prod_m", "e_prod_m", 3),
    ("prod_z", "e_prod_z", 3),
    ("prod_x", "e_prod_x", 3),
    ("prod_y", "e_prod_y", 3),
    ("prod_w", "e_prod_w", 2),
    ("sqrt", "Eunary Sqrt", 1),
];

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(String),
    Ident(String),
    Op(char),
    /// `<=` or `<`.
    Rel(&'static str),
    /// `/\`.
    And,
}

fn tokens(s: &str) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '-'
                && cs.get(i + 1).is_some_and(|n| n.is_ascii_digit())
                && matches!(out.last(), Some(Tok::Op('('))))
        {
            // A number; `(-3` is the negative literal the generator writes for -3.
            let start = i;
            i += 1;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok::Num(cs[start..i].iter().collect()));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_' || cs[i] == '\'') {
                i += 1;
            }
            out.push(Tok::Ident(cs[start..i].iter().collect()));
        } else if c == '<' {
            if cs.get(i + 1) == Some(&'=') {
                out.push(Tok::Rel("<="));
                i += 2;
            } else {
                out.push(Tok::Rel("<"));
                i += 1;
            }
        } else if c == '/' && cs.get(i + 1) == Some(&'\\') {
            out.push(Tok::And);
            i += 2;
        } else if "+-*/^()".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else {
            return Err(format!("unexpected `{c}` in `{s}`"));
        }
    }
    Ok(out)
}

struct Reader<'a> {
    toks: Vec<Tok>,
    pos: usize,
    vars: &'a [&'a str],
}

impl Reader<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn op(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Op(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Level 50: `a + b`, `a - b`.
    fn sum(&mut self) -> Result<String, String> {
        self.left_assoc(&[('+', "eadd"), ('-', "esub")], Self::product)
    }

    /// Level 40: `a * b`, `a / b`.
    fn product(&mut self) -> Result<String, String> {
        self.left_assoc(&[('*', "emul"), ('/', "ediv")], Self::negation)
    }

    /// `next (op next)*` for the operators `ops`, nested to the left, each operator the
    /// builder it names.
    fn left_assoc(
        &mut self,
        ops: &[(char, &str)],
        next: fn(&mut Self) -> Result<String, String>,
    ) -> Result<String, String> {
        let mut e = next(self)?;
        'more: loop {
            for (op, builder) in ops {
                if self.op(*op) {
                    e = format!("({builder} {e} {})", next(self)?);
                    continue 'more;
                }
            }
            return Ok(e);
        }
    }

    /// Level 35: `- a`.
    fn negation(&mut self) -> Result<String, String> {
        if self.op('-') {
            return Ok(format!("(eneg {})", self.negation()?));
        }
        self.power()
    }

    /// Level 30: `a ^ n` with n a natural number literal.
    fn power(&mut self) -> Result<String, String> {
        let base = self.application()?;
        if self.op('^') {
            match self.toks.get(self.pos).cloned() {
                Some(Tok::Num(n)) if !n.starts_with('-') => {
                    self.pos += 1;
                    return Ok(format!("(epow {base} {n})"));
                }
                t => {
                    return Err(format!(
                        "expected a natural exponent after `^`, found {t:?}"
                    ))
                }
            }
        }
        Ok(base)
    }

    /// A map of `Model.v` applied to its arguments, or an atom.
    fn application(&mut self) -> Result<String, String> {
        if let Some(Tok::Ident(f)) = self.peek().cloned() {
            if let Some((_, builder, arity)) = MAPS.iter().find(|(n, _, _)| *n == f) {
                self.pos += 1;
                let args = (0..*arity)
                    .map(|_| self.atom())
                    .collect::<Result<Vec<_>, _>>()?;
                return Ok(format!("({builder} {})", args.join(" ")));
            }
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<String, String> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(if n.starts_with('-') {
                    format!("(eint ({n}))")
                } else {
                    format!("(eint {n})")
                })
            }
            Some(Tok::Ident(v)) if v == "PI" => {
                self.pos += 1;
                Ok("(Econst Pi)".into())
            }
            Some(Tok::Ident(v)) => {
                let i = self
                    .vars
                    .iter()
                    .position(|x| *x == v)
                    .ok_or_else(|| format!("`{v}` is neither a variable nor a known map"))?;
                self.pos += 1;
                Ok(format!("(Evar {i})"))
            }
            Some(Tok::Op('(')) => {
                self.pos += 1;
                let e = self.sum()?;
                if !self.op(')') {
                    return Err("an opening parenthesis is not closed".into());
                }
                Ok(e)
            }
            t => Err(format!("expected a term, found {t:?}")),
        }
    }
}

impl Reader<'_> {
    /// `A /\ B`, right-associative (level 80).
    fn conj(&mut self) -> Result<String, String> {
        let f = self.comparison()?;
        if self.peek() == Some(&Tok::And) {
            self.pos += 1;
            return Ok(format!("(FAnd {f} {})", self.conj()?));
        }
        Ok(f)
    }

    /// A parenthesised proposition, or `a rel b` or `a rel b rel c` (level 70), which Coq
    /// reads as `a rel b /\ b rel c`.
    fn comparison(&mut self) -> Result<String, String> {
        if self.peek() == Some(&Tok::Op('(')) {
            let at = self.pos;
            self.pos += 1;
            if let Ok(f) = self.conj() {
                if self.op(')') && matches!(self.peek(), None | Some(Tok::And) | Some(Tok::Op(')')))
                {
                    return Ok(f);
                }
            }
            // A parenthesised term: read again as one.
            self.pos = at;
        }
        let mut terms = vec![self.sum()?];
        let mut rels = Vec::new();
        while let Some(Tok::Rel(r)) = self.peek().cloned() {
            self.pos += 1;
            rels.push(r);
            terms.push(self.sum()?);
        }
        let atom = |r: &str, a: &str, b: &str| match r {
            "<=" => format!("(FLe {a} {b})"),
            _ => format!("(FLt {a} {b})"),
        };
        match rels.len() {
            1 => Ok(atom(rels[0], &terms[0], &terms[1])),
            2 => Ok(format!(
                "(FAnd {} {})",
                atom(rels[0], &terms[0], &terms[1]),
                atom(rels[1], &terms[1], &terms[2])
            )),
            _ => Err("expected one comparison or a chain of two".into()),
        }
    }
}

/// `text` read whole by `read` (`what` names it in the error when text is left over).
fn read_whole(
    text: &str,
    vars: &[&str],
    what: &str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<String, String>,
) -> Result<String, String> {
    let mut r = Reader {
        toks: tokens(text)?,
        pos: 0,
        vars,
    };
    let out = read(&mut r)?;
    if r.pos != r.toks.len() {
        return Err(format!("`{text}`: the {what} goes on after its end"));
    }
    Ok(out)
}

/// The `form` (Coq text) whose `form_holds` at the list of `vars` is `prop`, by conversion:
/// comparisons `a <= b`, `a < b`, the chains `a <= b <= c` (and with `<`) and `/\`.
pub fn reify_form(prop: &str, vars: &[&str]) -> Result<String, String> {
    read_whole(prop, vars, "proposition", |r| r.conj())
}

/// The `expr` (Coq text) whose `eval` at the list of `vars` is `term`, by conversion.
pub fn reify(term: &str, vars: &[&str]) -> Result<String, String> {
    read_whole(term, vars, "term", |r| r.sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KPD: &[&str] = &["K", "p", "d"];

    #[test]
    fn precedence_follows_coq() {
        // Left-associative `-`, `*` and `/`; `^` binds tighter than unary `-`; the
        // generator's literals n, (n / d), (-n), (-n / d); `sqrt` and `PI`.
        let cases = [
            ("2 - (K * (p - 1)) ^ 2", "(esub (eint 2) (epow (emul (Evar 0) (esub (Evar 1) (eint 1))) 2))"),
            ("K - p - d", "(esub (esub (Evar 0) (Evar 1)) (Evar 2))"),
            ("K * p / d", "(ediv (emul (Evar 0) (Evar 1)) (Evar 2))"),
            ("- p ^ 2", "(eneg (epow (Evar 1) 2))"),
            ("- prod_m K p d", "(eneg (e_prod_m (Evar 0) (Evar 1) (Evar 2)))"),
            ("(9819 / 5000) - prod_w p d", "(esub (ediv (eint 9819) (eint 5000)) (e_prod_w (Evar 1) (Evar 2)))"),
            ("(-3 / 4) + K", "(eadd (ediv (eint (-3)) (eint 4)) (Evar 0))"),
            ("(sqrt (d ^ 2 + 4 * p) + d) / PI", "(ediv (eadd (Eunary Sqrt (eadd (epow (Evar 2) 2) (emul (eint 4) (Evar 1)))) (Evar 2)) (Econst Pi))"),
            ("K - (-3)", "(esub (Evar 0) (eint (-3)))"),
        ];
        for (term, expr) in cases {
            assert_eq!(reify(term, KPD).unwrap(), expr, "{term}");
        }
    }

    #[test]
    fn propositions_nest_as_coq_reads_them() {
        assert_eq!(
            reify_form("(0 <= 2 - p) /\\ ((1 / 2) <= prod_p K p d <= 3) /\\ (K < 1)", KPD).unwrap(),
            "(FAnd (FLe (eint 0) (esub (eint 2) (Evar 1))) (FAnd (FAnd (FLe (ediv (eint 1) (eint 2)) (e_prod_p (Evar 0) (Evar 1) (Evar 2))) (FLe (e_prod_p (Evar 0) (Evar 1) (Evar 2)) (eint 3))) (FLt (Evar 0) (eint 1))))"
        );
        // A parenthesised term before a comparison is a term.
        assert_eq!(
            reify_form("(K * (p - 1)) ^ 2 <= 2", KPD).unwrap(),
            "(FLe (epow (emul (Evar 0) (esub (Evar 1) (eint 1))) 2) (eint 2))"
        );
        assert_eq!(
            reify_form("(1 - p) ^ 2 < 1 /\\ 0 < p", KPD).unwrap(),
            "(FAnd (FLt (epow (esub (eint 1) (Evar 1)) 2) (eint 1)) (FLt (eint 0) (Evar 1)))"
        );
        assert!(reify_form("K", KPD).is_err());
        assert!(reify_form("K <= p <= d <= 1", KPD).is_err());
        assert!(reify_form("(K <= p", KPD).is_err());
        assert!(reify_form("K <= p -> p <= d", KPD).is_err());
    }

    #[test]
    fn unknown_terms_are_refused() {
        assert!(reify("neuron_v K p d d", KPD).is_err());
        assert!(reify("x + 1", KPD).is_err());
        assert!(reify("(K + 1", KPD).is_err());
        assert!(reify("K + 1)", KPD).is_err());
        assert!(reify("K ^ p", KPD).is_err());
        assert!(reify("cos K", KPD).is_err());
        assert!(reify("K # 1", KPD).is_err());
    }
}
