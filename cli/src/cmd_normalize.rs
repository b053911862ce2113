//! `hawiya normalize [NAME ...]`: one JSON object per name, in input order.

use std::io::{BufRead, Write};

use anyhow::Context;
use hawiya::name::{Normalizer, PersonName};
use serde_json::{Value, json};

/// Arguments of `hawiya normalize`.
#[derive(Debug, clap::Args)]
pub struct NormalizeArgs {
    /// Names to normalise; without any, one name per line is read from stdin.
    pub names: Vec<String>,
}

/// The JSON object printed for one name.
pub fn to_json(p: &PersonName) -> Value {
    let tokens: Vec<Value> = p
        .tokens
        .iter()
        .map(|t| {
            json!({
                "text": t.text(),
                "folded": t.folded(),
                "role": t.role().as_str(),
                "script": t.script().as_str(),
                "romanized": t.romanized(),
                "code": String::from_utf8_lossy(t.code()),
                "loose": t.loose_key(),
                "strict": t.strict_key(),
                "variant": t.variant(),
                "flags": t.flags().names().collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "input": p.original,
        "script": p.script.as_str(),
        "normalized": p.normalized,
        "family_first": p.family_first,
        "key": p.key(),
        "strict_key": p.strict_key(),
        "tokens": tokens,
    })
}

/// Run the subcommand.
pub fn run(args: NormalizeArgs) -> anyhow::Result<()> {
    let normalizer = Normalizer::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut emit = |name: &str| -> anyhow::Result<()> {
        let p = normalizer.normalize(name);
        serde_json::to_writer(&mut out, &to_json(&p))?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if args.names.is_empty() {
        let stdin = std::io::stdin();
        if std::io::IsTerminal::is_terminal(&stdin) {
            // Typed at a terminal: say what it waits for instead of hanging silently.
            eprintln!("reading names from stdin, one per line (Ctrl-D ends; or pass NAME ...)");
        }
        for (i, line) in stdin.lock().lines().enumerate() {
            let line = line.with_context(|| format!("bad input in stdin, row {}", i + 1))?;
            let line = line.strip_suffix('\r').unwrap_or(&line);
            emit(line)?;
        }
    } else {
        for name in &args.names {
            emit(name)?;
        }
    }
    out.flush()?;
    Ok(())
}
