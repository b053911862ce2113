//! Labelled pair files: the format of the development data and of threshold tuning.

use crate::{Error, Result};

/// One row of a labelled pair file: two names (or any two values), whether they are the
/// same person, and the row's other columns (`kind`, `group`, `pair_id`…) by header name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelledPair {
    /// The `left` column.
    pub left: String,
    /// The `right` column.
    pub right: String,
    /// The `label` column: `1` same person, `0` different people.
    pub label: bool,
    /// Every other column, by header name.
    pub columns: std::collections::BTreeMap<String, String>,
}

impl LabelledPair {
    /// The value of another column (`kind`, `group` …), `""` when absent.
    pub fn get(&self, column: &str) -> &str {
        self.columns.get(column).map_or("", String::as_str)
    }
}

/// Read a labelled pair TSV (header with `left`, `right` and `label` (1/0), any other
/// columns kept), the format of the development data and of threshold tuning files.
///
/// ```
/// # fn main() -> hawiya::Result<()> {
/// let tsv = "pair_id\tkind\tlabel\tleft\tright\np1\tar-lat\t1\tصالح الفضالة\tSaleh Al-Fadhala\n";
/// let pairs = hawiya::eval::parse_labelled_pairs(tsv, "dev.tsv")?;
/// assert!(pairs[0].label);
/// assert_eq!(pairs[0].get("kind"), "ar-lat");
/// assert!(hawiya::eval::parse_labelled_pairs("label\tleft\tright\n2\ta\tb\n", "x.tsv").is_err());
/// # Ok(()) }
/// ```
///
/// # Errors
/// An input error naming `file`, the 1-based data row and the column: a missing `left`,
/// `right` or `label` column, a row with fewer fields than the header, or a label other
/// than 0/1.
pub fn parse_labelled_pairs(text: &str, file: &str) -> Result<Vec<LabelledPair>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}')
        .split('\t')
        .map(str::trim)
        .collect();
    let col = |name: &str| {
        header.iter().position(|h| *h == name).ok_or_else(|| {
            Error::input(
                Some(file),
                None,
                Some(name),
                "the header has no such column (need left, right and label)",
            )
        })
    };
    let (l, a, b) = (col("label")?, col("left")?, col("right")?);
    let mut out = Vec::new();
    for (n, line) in lines.enumerate() {
        let row = n as u64 + 1;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < header.len() {
            return Err(Error::input(
                Some(file),
                Some(row),
                header.get(f.len()).copied(),
                format!("{} fields, the header has {}", f.len(), header.len()),
            ));
        }
        let label = match f[l].trim() {
            "1" => true,
            "0" => false,
            _ => {
                return Err(Error::input(
                    Some(file),
                    Some(row),
                    Some("label"),
                    "the label must be 1 or 0",
                ));
            }
        };
        let columns = header
            .iter()
            .zip(&f)
            .enumerate()
            .filter(|(i, _)| ![l, a, b].contains(i))
            .map(|(_, (h, v))| (h.to_string(), v.to_string()))
            .collect();
        out.push(LabelledPair {
            left: f[a].to_string(),
            right: f[b].to_string(),
            label,
            columns,
        });
    }
    Ok(out)
}

/// [`parse_labelled_pairs`] on a file.
///
/// # Errors
/// An I/O error when the file cannot be read, else as [`parse_labelled_pairs`].
pub fn read_labelled_pairs(path: impl AsRef<std::path::Path>) -> Result<Vec<LabelledPair>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(Some(path.to_path_buf()), e))?;
    parse_labelled_pairs(&text, &path.display().to_string())
}

#[cfg(test)]
mod labelled_pair_tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn reads_columns_bom_and_crlf() {
        let t = "\u{feff}kind\tlabel\tleft\tright\r\nar-ar\t0\tمحمد\tمحمود\r\n\n";
        let p = parse_labelled_pairs(t, "f.tsv").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].left.as_str(), p[0].right.as_str()), ("محمد", "محمود"));
        assert!(!p[0].label);
        assert_eq!(p[0].get("kind"), "ar-ar");
        assert_eq!(p[0].get("group"), "");
    }

    #[test]
    fn errors_name_the_row_and_column() {
        let short = parse_labelled_pairs("label\tleft\tright\n1\tx\n", "f.tsv").unwrap_err();
        assert!(matches!(
            short.kind(),
            ErrorKind::Input { row: Some(1), field: Some(f), .. } if f == "right"
        ));
        let label =
            parse_labelled_pairs("label\tleft\tright\n1\ta\tb\nyes\ta\tb\n", "f.tsv").unwrap_err();
        assert!(matches!(
            label.kind(),
            ErrorKind::Input { row: Some(2), field: Some(f), .. } if f == "label"
        ));
        let header = parse_labelled_pairs("left\tright\n", "f.tsv").unwrap_err();
        assert!(header.to_string().contains("label"));
    }
}
