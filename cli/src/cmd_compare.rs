//! `hawiya compare NAME_A NAME_B [--explain]`: the name similarity in [0, 1].

use hawiya::name::NameComparator;

/// Arguments of `hawiya compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The first name (any script).
    pub name_a: String,
    /// The second name (any script).
    pub name_b: String,
    /// Also show the token alignment and what each part contributed.
    #[arg(long)]
    pub explain: bool,
}

/// Run `hawiya compare`.
pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let cmp = NameComparator::default();
    let (a, b) = (cmp.prepare(&args.name_a), cmp.prepare(&args.name_b));
    if args.explain {
        print!(
            "{}",
            without_negative_zeros(&cmp.explain(&a, &b).to_string())
        );
    } else {
        println!("{:.6}", cmp.similarity(&a, &b));
    }
    Ok(())
}

/// The explanation prints penalties as `-{:.4}`: a penalty of zero reads `-0.0000` (and a
/// negative zero `--0.0000`), which looks like a number below zero. Show `0` instead.
fn without_negative_zeros(text: &str) -> String {
    text.replace("--0.0000", "0").replace("-0.0000", "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_penalties_read_as_zero() {
        let line = "  token quality 1.0000, missing tokens -0.0000, order --0.0000";
        assert_eq!(
            without_negative_zeros(line),
            "  token quality 1.0000, missing tokens 0, order 0"
        );
        // Real penalties keep their sign.
        assert_eq!(without_negative_zeros("order -0.0500"), "order -0.0500");
    }
}
