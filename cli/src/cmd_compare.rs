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
        print!("{}", cmp.explain(&a, &b));
    } else {
        println!("{:.6}", cmp.similarity(&a, &b));
    }
    Ok(())
}
