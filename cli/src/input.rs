//! Reading CSV input: encodings (UTF-8 with or without BOM, UTF-16 with BOM, any
//! `--encoding` label such as windows-1256), delimiters, malformed rows. Nothing is lost:
//! every data row is a row of the table — a row the reader cannot use (ragged, an
//! unbalanced quote, undecodable bytes) keeps its place as an unreadable row with the
//! reason — so row `i` of the table is data row `i + 1` of the file, and the library's
//! `Records` decides, with every other check (unique ids, lengths), what is rejected.

use std::path::Path;

use anyhow::{Context, Result, bail};
use encoding_rs::Encoding;
use hawiya::Table;

/// A row that could not be used, with its 1-based data row number (header excluded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    /// 1-based data row number.
    pub row: u64,
    /// The row's unique id when it could be read (else empty).
    pub unique_id: String,
    /// Why the row was rejected (never contains personal data).
    pub reason: String,
}

/// Options of reading.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Field delimiter (default `,`).
    pub delimiter: u8,
    /// Encoding label (`windows-1256`, `utf-16le`, …); `None` = detect (BOM, else UTF-8).
    pub encoding: Option<String>,
    /// Put the offending values into reject reasons and error messages (for debugging;
    /// by default they name only the row, the column and the kind of problem).
    pub show_values: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            delimiter: b',',
            encoding: None,
            show_values: false,
        }
    }
}

/// A loaded file: every data row, in file order (row `i` is data row `i + 1`).
#[derive(Debug)]
pub struct Loaded {
    /// The rows; those the reader could not use are unreadable rows with a reason.
    pub table: Table,
}

impl Loaded {
    /// Data rows in the file.
    pub fn total_rows(&self) -> u64 {
        self.table.len() as u64
    }

    /// The rows the reader could not use, as rejects (1-based rows).
    pub fn unreadable(&self) -> Vec<Reject> {
        (0..self.table.len())
            .filter_map(|r| {
                self.table.unreadable(r).map(|(id, reason)| Reject {
                    row: r as u64 + 1,
                    unique_id: id.to_string(),
                    reason: reason.to_string(),
                })
            })
            .collect()
    }
}

impl From<&hawiya::RowReject> for Reject {
    fn from(r: &hawiya::RowReject) -> Self {
        Reject {
            row: r.row as u64 + 1,
            unique_id: r.unique_id.clone(),
            reason: r.reason.clone(),
        }
    }
}

/// Decode `bytes` to UTF-8 text. BOMs win over everything; then `--encoding`; then UTF-8.
/// Returns the text and whether invalid sequences were replaced (only possible with an
/// explicit encoding, or UTF-8 with a few bad rows, which are then rejected row by row).
fn decode(bytes: &[u8], label: Option<&str>, file: &str, show: bool) -> Result<(String, bool)> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text.into_owned(), had_errors));
    }
    if let Some(label) = label {
        let enc = Encoding::for_label(label.trim().as_bytes()).with_context(|| {
            format!(
                "{file}: unknown encoding {label:?} (try utf-8, windows-1256, utf-16le, utf-16be)"
            )
        })?;
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), had_errors));
    }
    // UTF-16 without a BOM: many NUL bytes (valid UTF-8, but not text).
    let nul = bytes.iter().take(4096).filter(|&&b| b == 0).count();
    if nul * 4 > bytes.len().min(4096) {
        bail!(
            "{file}: the file looks like UTF-16 without a byte-order mark; pass --encoding utf-16le (or utf-16be)"
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), false)),
        Err(e) => {
            // Mostly invalid: a legacy code page. A few bad bytes: reject those rows only.
            let bad_lines = bytes
                .split(|&b| b == b'\n')
                .filter(|l| std::str::from_utf8(l).is_err())
                .count();
            let lines = bytes.split(|&b| b == b'\n').count().max(1);
            if bad_lines * 10 > lines {
                let before = &bytes[..e.valid_up_to()];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let from = before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let text = bytes[from..].split(|&b| b == b'\n').next().unwrap_or(&[]);
                bail!(
                    "{file}: line {line}: the file is not valid UTF-8 ({bad_lines} of {lines} lines){}; pass --encoding with the file's encoding, e.g. --encoding windows-1256",
                    shown(show, &String::from_utf8_lossy(text))
                );
            }
            Ok((String::from_utf8_lossy(bytes).into_owned(), true))
        }
    }
}

/// A file decoded to UTF-8, ready to parse.
pub struct Decoded {
    /// The file's name, for messages.
    pub file: String,
    text: String,
    replaced: bool,
    delimiter: u8,
    show_values: bool,
}

impl Decoded {
    /// The header row's column names.
    pub fn header(&self) -> Result<Vec<String>> {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(self.text.as_bytes());
        let mut rec = csv::StringRecord::new();
        if !rdr
            .read_record(&mut rec)
            .with_context(|| format!("{}: cannot read the header", self.file))?
        {
            bail!("{}: the file is empty (no header row)", self.file);
        }
        Ok(rec.iter().map(|h| h.trim().to_string()).collect())
    }

    /// Parse the rows, with `id_column` as the unique id.
    pub fn parse(&self, id_column: &str) -> Result<Loaded> {
        parse_csv(
            &self.text,
            self.replaced,
            &InputOptions {
                delimiter: self.delimiter,
                encoding: None,
                show_values: self.show_values,
            },
            id_column,
            &self.file,
        )
    }
}

/// Read and decode a CSV file. Errors (exit code 2) only for problems with the whole file:
/// unreadable, or in an encoding that needs `--encoding`.
pub fn decode_file(path: &Path, opts: &InputOptions) -> Result<Decoded> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{file}: cannot read the file"))?;
    decode_bytes(&bytes, opts, &file)
}

/// Decode the bytes of a CSV file named `file` (for messages), as [`decode_file`] does.
///
/// # Errors
/// An unknown `--encoding` label, UTF-16 without a byte-order mark, or a file that is
/// mostly not UTF-8 and needs `--encoding`.
pub fn decode_bytes(bytes: &[u8], opts: &InputOptions, file: &str) -> Result<Decoded> {
    let (text, replaced) = decode(bytes, opts.encoding.as_deref(), file, opts.show_values)?;
    Ok(Decoded {
        file: file.to_string(),
        text,
        replaced,
        delimiter: opts.delimiter,
        show_values: opts.show_values,
    })
}

/// Read a CSV file into a table, rejecting rows that cannot be used.
pub fn read_csv(path: &Path, opts: &InputOptions, id_column: &str) -> Result<Loaded> {
    decode_file(path, opts)?.parse(id_column)
}

/// A value for a message, only when values are shown: ` (value "…")`, at most
/// [`SHOWN_CHARS`] characters of it, escaped.
pub fn shown(show: bool, value: &str) -> String {
    if !show {
        return String::new();
    }
    let mut v: String = value.chars().take(SHOWN_CHARS).collect();
    if v.len() < value.len() {
        v.push('…');
    }
    format!(" (value {v:?})")
}

/// Longest part of a value [`shown`] puts into a message.
pub const SHOWN_CHARS: usize = 80;

/// Parse decoded CSV text (`opts.encoding` is not used: the text is decoded already).
/// `replaced`: the decoder replaced invalid sequences by U+FFFD, so rows containing it are
/// rejected as undecodable.
///
/// # Errors
/// An empty file, a header with one column when the delimiter looks wrong, a missing id
/// column, or a header the table refuses (empty or repeated column names).
pub fn parse_csv(
    text: &str,
    replaced: bool,
    opts: &InputOptions,
    id_column: &str,
    file: &str,
) -> Result<Loaded> {
    let (delimiter, show) = (opts.delimiter, opts.show_values);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut header_rec = csv::StringRecord::new();
    if !rdr
        .read_record(&mut header_rec)
        .with_context(|| format!("{file}: cannot read the header"))?
    {
        bail!("{file}: the file is empty (no header row)");
    }
    let header: Vec<String> = header_rec
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    if header.len() == 1
        && delimiter == b','
        && (header[0].contains('\t') || header[0].contains(';'))
    {
        bail!("{file}: the header has one column; is the delimiter ';' or a tab? pass --delimiter");
    }
    if header.len() == 1
        && delimiter == b'\t'
        && (header[0].contains(',') || header[0].contains(';'))
    {
        bail!(
            "{file}: the header has one column; the file looks comma- or semicolon-separated, \
             but is read as tab-separated (TSV)"
        );
    }
    let Some(id_idx) = header.iter().position(|h| h == id_column) else {
        bail!(
            "{file}: the header has no {id_column:?} column (columns: {})",
            column_list(&header)
        );
    };
    let mut table =
        Table::new(header.clone()).map_err(|e| anyhow::anyhow!("{file}: header: {e}"))?;
    let width = header.len();
    let unreadable = |table: &mut Table, id: String, reason: String| {
        table
            .push_unreadable(id, reason)
            .map_err(|e| anyhow::anyhow!("{file}: {e}"))
    };
    let mut row: u64 = 0;
    let mut start = rdr.position().byte() as usize;
    let mut rec = csv::StringRecord::new();
    'outer: while start < text.len() {
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(&text.as_bytes()[start..]);
        loop {
            let rec_start = start + r.position().byte() as usize;
            match r.read_record(&mut rec) {
                Ok(false) => break 'outer,
                Ok(true) => {}
                Err(e) => {
                    // Only i/o or utf-8 errors end up here on in-memory text; reject the line.
                    row += 1;
                    let reason = format!(
                        "unreadable row: {}{}",
                        e.kind_name(),
                        shown(show, line_at(text, rec_start))
                    );
                    unreadable(&mut table, String::new(), reason)?;
                    start = next_line(text, rec_start);
                    continue 'outer;
                }
            }
            if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
                continue; // blank line: not a data row
            }
            row += 1;
            // Editors and TSV writers drop trailing empty fields (the last tabs of a line):
            // in a tab-separated file, a short row's missing last fields are empty.
            if delimiter == b'\t' && rec.len() < width && !rec.iter().any(|f| f.contains('\n')) {
                while rec.len() < width {
                    rec.push_field("");
                }
            }
            let ragged = rec.len() != width;
            // A quoted field spanning lines that look like whole rows: an unbalanced quote.
            let swallowed = rec.iter().any(|f| {
                f.split('\n')
                    .skip(1)
                    .any(|line| line.bytes().filter(|&b| b == delimiter).count() + 1 >= width)
            });
            let multiline = rec.iter().any(|f| f.contains('\n'));
            if swallowed || (ragged && multiline) {
                // An unbalanced quote swallowed the following lines: reject this line only
                // and resume parsing on the next line so no row is lost.
                let id = rec
                    .get(id_idx)
                    .filter(|s| !s.contains('\n'))
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let reason = format!("unbalanced quote{}", shown(show, line_at(text, rec_start)));
                unreadable(&mut table, id, reason)?;
                start = next_line(text, rec_start);
                continue 'outer;
            }
            let id = rec.get(id_idx).unwrap_or("").trim().to_string();
            if ragged {
                let reason = format!(
                    "row has {} fields, the header has {width}{}",
                    rec.len(),
                    shown(show, line_at(text, rec_start))
                );
                unreadable(&mut table, id, reason)?;
                continue;
            }
            if replaced && rec.iter().any(|f| f.contains('\u{fffd}')) {
                let col = rec.iter().position(|f| f.contains('\u{fffd}')).unwrap_or(0);
                let reason = format!(
                    "field {:?}: bytes that are not valid in the file's encoding{}",
                    header[col],
                    shown(show, rec.get(col).unwrap_or(""))
                );
                unreadable(&mut table, id.replace('\u{fffd}', "?"), reason)?;
                continue;
            }
            let values: Vec<&str> = rec.iter().collect();
            table
                .push_row(&values)
                .map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        }
    }
    debug_assert_eq!(table.len() as u64, row);
    Ok(Loaded { table })
}

/// Column names for a message: at most 20, each cut to 40 characters (a file read with the
/// wrong encoding or delimiter can have its data in the "header").
pub fn column_list<S: AsRef<str>>(header: &[S]) -> String {
    let mut names: Vec<String> = header
        .iter()
        .take(20)
        .map(|h| {
            let h = h.as_ref();
            let mut s: String = h.chars().take(40).collect();
            if s.len() < h.len() {
                s.push('…');
            }
            s
        })
        .collect();
    if header.len() > 20 {
        names.push(format!("… {} more", header.len() - 20));
    }
    names.join(", ")
}

/// The line starting at `from`, without its end of line.
fn line_at(text: &str, from: usize) -> &str {
    let rest = &text[from..];
    rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r')
}

/// Byte offset just after the line starting at `from`.
fn next_line(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i + 1)
}

trait KindName {
    fn kind_name(&self) -> &'static str;
}
impl KindName for csv::Error {
    fn kind_name(&self) -> &'static str {
        match self.kind() {
            csv::ErrorKind::Utf8 { .. } => "invalid utf-8",
            csv::ErrorKind::UnequalLengths { .. } => "wrong number of fields",
            _ => "malformed csv",
        }
    }
}

/// Write the rejects file: `row,unique_id,reason`.
pub fn write_rejects(path: &Path, rejects: &[Reject]) -> Result<()> {
    crate::tabular::create_parent(path)?;
    let mut w = csv::Writer::from_path(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    w.write_record(["row", "unique_id", "reason"])?;
    for r in rejects {
        w.write_record([r.row.to_string().as_str(), &r.unique_id, &r.reason])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Loaded {
        parse_csv(text, false, &InputOptions::default(), "unique_id", "t.csv").unwrap()
    }

    /// The records and rejects the library makes of a loaded file (ids checked there).
    fn records(l: &Loaded) -> (usize, Vec<Reject>) {
        let config = hawiya::Config::new(Vec::new());
        let r = hawiya::Records::new(&config, &[&l.table]).unwrap();
        (r.len(), r.rejects().iter().map(Reject::from).collect())
    }

    /// Every data row is a record or a reject, once.
    fn accounted(l: &Loaded) {
        let (usable, rejects) = records(l);
        assert_eq!(usable + rejects.len(), l.total_rows() as usize);
        assert_eq!(l.unreadable().len(), l.table.unreadable_count());
    }

    #[test]
    fn ragged_duplicate_and_empty_ids_are_rejected() {
        let l = parse("unique_id,name\na,x\nb\nc,y,z\n,w\na,again\nd,ok\n");
        assert_eq!(l.total_rows(), 6);
        let (usable, rejects) = records(&l);
        assert_eq!(usable, 2);
        let reasons: Vec<_> = rejects.iter().map(|r| (r.row, r.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [
                (2, "row has 1 fields, the header has 2"),
                (3, "row has 3 fields, the header has 2"),
                (4, "empty unique_id"),
                (5, "duplicate unique_id (first at row 1)")
            ]
        );
        accounted(&l);
    }

    #[test]
    fn unclosed_quote_loses_no_row() {
        let l = parse("unique_id,name\na,\"x\nb,y\nc,z\n");
        assert_eq!(l.total_rows(), 3);
        let bad = l.unreadable();
        assert_eq!(bad.len(), 1);
        assert_eq!(
            (bad[0].row, bad[0].reason.as_str()),
            (1, "unbalanced quote")
        );
        assert_eq!(l.table.value(1, "unique_id"), Some("b"));
        accounted(&l);
    }

    #[test]
    fn legit_multiline_field_is_kept() {
        let l = parse("unique_id,name\na,\"two\nlines\"\nb,y\n");
        assert_eq!(records(&l).0, 2);
        accounted(&l);
    }

    #[test]
    fn missing_id_column_and_empty_file_fail() {
        let e = parse_csv(
            "name\nx\n",
            false,
            &InputOptions::default(),
            "unique_id",
            "t.csv",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("t.csv") && e.contains("unique_id"), "{e}");
        assert!(parse_csv("", false, &InputOptions::default(), "unique_id", "t.csv").is_err());
    }

    #[test]
    fn encodings() {
        // UTF-8 BOM, UTF-16LE BOM, windows-1256 with a label.
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice("unique_id,name\n1,محمد\n".as_bytes());
        assert_eq!(
            decode(&utf8, None, "f", false).unwrap().0,
            "unique_id,name\n1,محمد\n"
        );
        let (utf16, _, _) = encoding_rs::UTF_16LE.encode("x");
        assert_eq!(utf16.len(), 1); // encode() to UTF-16 is not supported: build by hand
        let mut u16le = vec![0xFF, 0xFE];
        for u in "id,محمد".encode_utf16() {
            u16le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&u16le, None, "f", false).unwrap().0, "id,محمد");
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode("unique_id,name\n1,محمد\n");
        let e = decode(&cp1256, None, "f", false).unwrap_err().to_string();
        assert!(e.contains("--encoding"), "{e}");
        assert_eq!(
            decode(&cp1256, Some("windows-1256"), "f", false).unwrap().0,
            "unique_id,name\n1,محمد\n"
        );
        assert!(decode(b"x", Some("klingon"), "f", false).is_err());
        let nobom: Vec<u8> = "id,x\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(
            decode(&nobom, None, "f", false)
                .unwrap_err()
                .to_string()
                .contains("UTF-16")
        );
    }

    #[test]
    fn values_appear_in_reasons_only_when_asked_for() {
        let text = "unique_id,name\na,Zubaida,extra\nb,\"Huda\nc,ok\n";
        let hidden = parse(text);
        assert!(
            hidden
                .unreadable()
                .iter()
                .all(|r| !r.reason.contains("Zubaida") && !r.reason.contains("Huda"))
        );
        let opts = InputOptions {
            show_values: true,
            ..InputOptions::default()
        };
        let shown = parse_csv(text, false, &opts, "unique_id", "t.csv").unwrap();
        let bad = shown.unreadable();
        let reasons: Vec<&str> = bad.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "row has 3 fields, the header has 2 (value \"a,Zubaida,extra\")",
                "unbalanced quote (value \"b,\\\"Huda\")"
            ]
        );
        accounted(&shown);
        // Long values are cut.
        assert_eq!(
            super::shown(true, &"x".repeat(100)),
            format!(" (value \"{}…\")", "x".repeat(80))
        );
        assert_eq!(super::shown(false, "Zubaida"), "");
    }

    #[test]
    fn column_lists_are_capped() {
        let long = "y".repeat(100);
        let many: Vec<String> = (0..25).map(|i| format!("c{i}")).collect();
        assert_eq!(column_list(&["a", "b"]), "a, b");
        assert_eq!(
            column_list(&[long.as_str()]),
            format!("{}…", "y".repeat(40))
        );
        assert!(column_list(&many).ends_with("c19, … 5 more"));
    }

    #[test]
    fn a_few_invalid_utf8_rows_are_rejected_alone() {
        let mut bytes = b"unique_id,name\n".to_vec();
        for i in 0..20 {
            bytes.extend_from_slice(format!("{i},ok\n").as_bytes());
        }
        bytes.extend_from_slice(b"bad,\xff\xfe\n");
        let (text, replaced) = decode(&bytes, None, "f", false).unwrap();
        let l = parse_csv(&text, replaced, &InputOptions::default(), "unique_id", "f").unwrap();
        assert_eq!(records(&l).0, 20);
        let bad = l.unreadable();
        assert_eq!(bad.len(), 1);
        assert!(bad[0].reason.contains("\"name\""));
        accounted(&l);
    }
}
