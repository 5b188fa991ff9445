//! The `twostep` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use twostep::{arith, cert, check, claims, coq, neuron, query, table};

#[derive(Parser)]
#[command(
    name = "twostep",
    version,
    about = "Certified re-checking of Chen & Bruna, 'Beyond the Edge of Stability via Two-step Gradient Updates' (ICML 2023)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Search and write the certificate of a claim family (or `all`).
    Certify {
        /// theorem2, appendix-l or all.
        family: String,
        /// Folder to write into.
        #[arg(long, default_value = "certificates")]
        out: PathBuf,
        /// theorem4: search beyond the paper's constants and print what is found
        /// (writes no certificate).
        #[arg(long)]
        explore: bool,
    },
    /// Re-prove certificates with the independent checker. Exit 0: all proved;
    /// 1: something false or unproved; 2: unreadable or malformed input.
    Check {
        /// Certificate files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Recompute the hash of a hand-edited certificate, in place.
    Rehash {
        /// Certificate file.
        file: PathBuf,
    },
    /// Print a certified bound table (Markdown).
    Table {
        /// theorem2.
        family: String,
        /// Read the table from this certificate (checked first) instead of recomputing it.
        #[arg(long)]
        from: Option<PathBuf>,
    },
    /// Turn a certificate into Coq files (lemmas about proofs/Model.v); prints the lemma counts.
    Coq {
        /// Certificate file.
        file: PathBuf,
        /// Folder to write the .v files into.
        #[arg(long)]
        out: PathBuf,
        /// Keep only this many cells per box obligation (a fixed, evenly spaced sample).
        #[arg(long)]
        sample: Option<usize>,
        /// With --sample: generate K row R of every region obligation and K piece R of every
        /// slab graph (`R`), or of one (`OBLIGATION:R`), in full, with the lemmas joining
        /// its cells (repeatable; every entry counts, so several rows of one obligation can
        /// be named). For T4.stage2/reach the piece's generations and its entry cells are
        /// then whole.
        #[arg(long, requires = "sample")]
        full_row: Vec<coq::FullRow>,
    },
    /// Answer a point query with rigorous enclosures (JSON).
    Query {
        /// theorem2 or neuron.
        model: String,
        /// The parameter K, a decimal or p/q (neuron: also a range `a..b`).
        #[arg(long, allow_hyphen_values = true)]
        k: String,
        /// product: the start box, `x=a..b,y=c..d`.
        #[arg(long)]
        start: Option<String>,
        /// product: the lemma2 certificate to answer from.
        #[arg(long, default_value = "certificates/lemma2.json")]
        cert: PathBuf,
        /// neuron: the start box `v=a..b,w_x=c..d,w_y=e..f`.
        #[arg(long = "box")]
        state_box: Option<String>,
        /// neuron: the number of steps.
        #[arg(long)]
        steps: Option<usize>,
    },
    /// Answer a table of claimed box mappings row by row (certified / refuted / unknown).
    /// Exit 0: every row certified; 1: some row refuted or unknown; 2: malformed input.
    CheckTable {
        /// A JSON array of rows {"model": "neuron", "k": [lo, hi], "from": {box}, "steps": n, "to": {box}}.
        file: PathBuf,
    },
}

fn fail(code: u8, msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("twostep: {msg}");
    ExitCode::from(code)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Certify {
            family,
            out,
            explore,
        } => {
            if explore {
                if family != "theorem4" {
                    return fail(2, "--explore is for theorem4");
                }
                print!("{}", claims::theorem4_explore::explore());
                return ExitCode::SUCCESS;
            }
            let families: Vec<&str> = if family == "all" {
                claims::CERTIFIABLE.to_vec()
            } else {
                vec![family.as_str()]
            };
            if let Err(e) = std::fs::create_dir_all(&out) {
                return fail(2, format!("{}: cannot create: {e}", out.display()));
            }
            for f in families {
                eprintln!("certify {f}: searching");
                let c = match claims::certify(f) {
                    Ok(c) => c,
                    Err(e) => {
                        return fail(
                            if claims::CERTIFIABLE.contains(&f) {
                                1
                            } else {
                                2
                            },
                            e,
                        )
                    }
                };
                let path = out.join(claims::file_name(f));
                if let Err(e) = std::fs::write(&path, cert::render(&c)) {
                    return fail(2, format!("{}: cannot write: {e}", path.display()));
                }
                println!(
                    "wrote {} ({} obligations)",
                    path.display(),
                    c.obligations.len()
                );
            }
            ExitCode::SUCCESS
        }
        Cmd::Check { files } => {
            let mut code = 0;
            for f in &files {
                let r = check::verify_file(f);
                for line in r.lines() {
                    println!("{line}");
                }
                code = code.max(r.exit_code());
            }
            ExitCode::from(code as u8)
        }
        Cmd::Rehash { file } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => return fail(2, format!("{}: cannot read: {e}", file.display())),
            };
            match cert::rehash(&text) {
                Ok(t) => match std::fs::write(&file, t) {
                    Ok(()) => {
                        println!("rehashed {}", file.display());
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(2, format!("{}: cannot write: {e}", file.display())),
                },
                Err(m) => fail(2, format!("{}: {m}", file.display())),
            }
        }
        Cmd::Table { family, from } => {
            let printer: fn(&cert::Certificate) -> Result<String, String> = match family.as_str() {
                "theorem2" => table::theorem2,
                "lemma2" => twostep::product_table::lemma2,
                "theorem3" => twostep::product_table::theorem3,
                "theorem4" => neuron::basin_table::theorem4,
                _ => {
                    return fail(
                        2,
                        format!(
                        "no table for `{family}` (tables: theorem2, lemma2, theorem3, theorem4)"
                    ),
                    )
                }
            };
            let (c, report) = match from {
                Some(p) => match cert::read(&p) {
                    Ok((c, _)) => (c, check::verify_file(&p)),
                    Err(m) => return fail(2, format!("{}: {m}", p.display())),
                },
                None => match claims::certify(&family) {
                    Ok(c) => {
                        let text = cert::render(&c);
                        let r = check::verify_text(&format!("{family} (computed)"), &text);
                        (c, r)
                    }
                    Err(e) => return fail(1, e),
                },
            };
            if report.exit_code() != 0 {
                for l in report.lines() {
                    eprintln!("{l}");
                }
                return fail(1, "the table's certificate does not check; not printing it");
            }
            match printer(&c) {
                Ok(t) => {
                    print!("{t}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(1, e),
            }
        }
        Cmd::Coq {
            file,
            out,
            sample,
            full_row,
        } => {
            let c = match cert::read(&file) {
                Ok((c, _)) => c,
                Err(m) => return fail(2, format!("{}: {m}", file.display())),
            };
            let files = match coq::generate(
                &c,
                &coq::Options {
                    sample,
                    full_rows: full_row,
                },
            ) {
                Ok(f) => f,
                Err(e) => return fail(1, format!("{}: {e}", file.display())),
            };
            if let Err(e) = coq::write(&files, &out) {
                return fail(2, e);
            }
            let total: usize = files.iter().map(|f| f.lemmas).sum();
            for f in &files {
                println!(
                    "wrote {} ({} lemmas)",
                    out.join(&f.name).display(),
                    f.lemmas
                );
            }
            println!("{}: {total} lemmas in {} files", c.family, files.len());
            ExitCode::SUCCESS
        }
        Cmd::Query {
            model,
            k,
            start,
            cert: cert_path,
            state_box,
            steps,
        } => {
            if model == "neuron" {
                let (Some(b), Some(n)) = (state_box, steps) else {
                    return fail(2, "query neuron needs --box and --steps");
                };
                let qb = match neuron::query::parse_query(&k, &b, n) {
                    Ok(q) => q,
                    Err(e) => return fail(2, e),
                };
                return match neuron::query::answer(&qb, n) {
                    Ok(j) => {
                        println!("{j}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(1, e),
                };
            }
            if model != "theorem2" && model != "product" {
                return fail(
                    2,
                    format!("unknown query model `{model}` (known: theorem2, product, neuron)"),
                );
            }
            let kq = match arith::q::parse(&k) {
                Ok(q) => q,
                Err(e) => return fail(2, format!("--k: {e}")),
            };
            if model == "product" {
                let Some(start) = start else {
                    return fail(2, "query product needs --start \"x=a..b,y=c..d\"");
                };
                return match twostep::product_query::product(&kq, &start, &cert_path) {
                    Ok(j) => {
                        println!("{}", serde_json::to_string_pretty(&j).unwrap());
                        ExitCode::SUCCESS
                    }
                    Err((code, e)) => fail(code, e),
                };
            }
            match query::theorem2(&kq) {
                Ok(j) => {
                    println!("{j}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(2, e),
            }
        }
        Cmd::CheckTable { file } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => return fail(2, format!("{}: cannot read: {e}", file.display())),
            };
            let (lines, code) = neuron::table_check::run(&text);
            for l in &lines {
                if code == 2 {
                    eprintln!("twostep: {}: {l}", file.display());
                } else {
                    println!("{l}");
                }
            }
            ExitCode::from(code as u8)
        }
    }
}
