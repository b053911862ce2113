//! An [`Index`] on disk: a versioned directory from which the same index is rebuilt.
//!
//! ```text
//! INDEX_DIR/
//!   manifest.json   format name and version, library version, record count, and the
//!                   size and checksum of every other file
//!   config.json     the config (as `Config::from_json` reads it)
//!   model.json      the trained model (as `FellegiSunter::from_json` reads it)
//!   records.jsonl   one JSON array per record, in index order:
//!                   [unique_id, cluster_id or null, value of field 1 or null, …]
//! ```
//!
//! Loading checks the format version and every checksum (FNV-1a 64: it finds a truncated
//! or damaged file, not a deliberate forgery), then prepares the stored values again and
//! rebuilds the postings: the loaded index answers exactly as the saved one did, because
//! preparing, blocking keys and scoring are deterministic. Saving writes every file under
//! a temporary name first and renames the manifest last; a save interrupted between
//! renames leaves files whose checksums disagree with the manifest, which `load` reports.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Index;
use crate::core::hash_bytes;
use crate::engine::Matcher;
use crate::ingest::StrColumn;
use crate::prepare::PreparedDataset;
use crate::schema::Config;
use crate::score::FellegiSunter;
use crate::{Error, Result};

/// Version of the on-disk index format that [`Index::save`] writes and [`Index::load`]
/// reads.
pub const INDEX_FORMAT_VERSION: u32 = 1;

const FORMAT_NAME: &str = "hawiya-index";
const MANIFEST: &str = "manifest.json";
const CONFIG: &str = "config.json";
const MODEL: &str = "model.json";
const RECORDS: &str = "records.jsonl";

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    format_version: u32,
    library_version: String,
    records: usize,
    /// The configured fields' columns, in the order of the values of a record line.
    fields: Vec<String>,
    files: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileEntry {
    name: String,
    bytes: u64,
    /// FNV-1a 64 of the file's bytes, as 16 hex digits.
    checksum: String,
}

fn checksum(bytes: &[u8]) -> String {
    format!("{:016x}", hash_bytes(bytes, 0))
}

/// Prepare stored field values (one column per configured field) as a dataset.
pub(super) fn prepare_values(config: &Config, values: &[StrColumn]) -> PreparedDataset {
    let columns: Vec<Vec<Option<&str>>> = values
        .iter()
        .map(|c| (0..c.len()).map(|i| c.get(i)).collect())
        .collect();
    PreparedDataset::build(config, &columns)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |e| Error::io(Some(path.to_path_buf()), e)
}

fn bad(path: &Path, row: Option<u64>, field: Option<&str>, message: impl Into<String>) -> Error {
    Error::input(Some(&path.display().to_string()), row, field, message)
}

impl Index {
    /// Write the index to the directory `dir` (created if missing; files of an earlier
    /// save are replaced). See the module docs of the format.
    ///
    /// # Errors
    /// A config error for a name-only index (nothing to rebuild it from), an i/o error
    /// when `dir` cannot be written.
    ///
    /// ```
    /// use hawiya_synth::{COLUMNS, Generator, GeneratorConfig};
    /// use hawiya::{Config, Index, Matcher};
    /// # fn main() -> hawiya::Result<()> {
    /// let t = Generator::new(GeneratorConfig { records: 1_500, ..Default::default() })?.table()?;
    /// let index = Matcher::new(Config::infer(&COLUMNS)?)?.index(&t)?;
    /// let dir = std::env::temp_dir().join(format!("hawiya-doc-index-{}", std::process::id()));
    /// index.save(&dir)?;
    /// let loaded = Index::load(&dir)?;
    /// let q = [("full_name", t.value(3, "full_name").unwrap_or("")), ("dob", t.value(3, "dob").unwrap_or(""))];
    /// assert_eq!(index.query(&q, 3)?, loaded.query(&q, 3)?);
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok(()) }
    /// ```
    pub fn save(&self, dir: &Path) -> Result<()> {
        let (Some(values), Some(model)) = (&self.values, &self.model) else {
            return Err(Error::config(
                "index",
                "a name-only index cannot be saved: build one with Matcher::index",
            ));
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let config = self.matcher.config();
        let config_json = serde_json::to_vec_pretty(config)
            .map_err(|e| Error::config("config", format!("cannot serialise: {e}")))?;
        let model_json = model.to_json().into_bytes();
        let mut records = Vec::with_capacity(self.ids.len() * 96);
        let mut line: Vec<Option<&str>> = Vec::with_capacity(values.len() + 2);
        for (pos, id) in self.ids.iter().enumerate() {
            line.clear();
            line.push(Some(id));
            line.push(self.cluster_id(pos));
            line.extend(values.iter().map(|c| c.get(pos)));
            serde_json::to_writer(&mut records, &line)
                .map_err(|e| Error::config("index", format!("cannot serialise: {e}")))?;
            records.push(b'\n');
        }
        let mut files = Vec::new();
        let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
        for (name, bytes) in [
            (CONFIG, &config_json),
            (MODEL, &model_json),
            (RECORDS, &records),
        ] {
            let (tmp, path) = (dir.join(format!("{name}.tmp")), dir.join(name));
            write_file(&tmp, bytes)?;
            temps.push((tmp, path));
            files.push(FileEntry {
                name: name.to_string(),
                bytes: bytes.len() as u64,
                checksum: checksum(bytes),
            });
        }
        let manifest = Manifest {
            format: FORMAT_NAME.into(),
            format_version: INDEX_FORMAT_VERSION,
            library_version: env!("CARGO_PKG_VERSION").into(),
            records: self.ids.len(),
            fields: config.fields.iter().map(|f| f.column.clone()).collect(),
            files,
        };
        let manifest_json = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| Error::config("index", format!("cannot serialise: {e}")))?;
        let (tmp, path) = (dir.join(format!("{MANIFEST}.tmp")), dir.join(MANIFEST));
        write_file(&tmp, &manifest_json)?;
        temps.push((tmp, path));
        for (tmp, path) in temps {
            std::fs::rename(&tmp, &path).map_err(io(&path))?;
        }
        Ok(())
    }

    /// Read an index written by [`Index::save`]: the manifest's format and version and
    /// every file's checksum are checked, the stored values prepared again and the
    /// postings rebuilt (about as long as preparing the records in a run).
    ///
    /// # Errors
    /// An input error naming the file (and row, and field) for a missing, damaged or
    /// inconsistent file or a format version other than [`INDEX_FORMAT_VERSION`]; a config
    /// or model error for a stored config or model that is not valid; an i/o error when a
    /// file cannot be read.
    pub fn load(dir: &Path) -> Result<Index> {
        let manifest_path = dir.join(MANIFEST);
        if !manifest_path.is_file() {
            return Err(bad(
                dir,
                None,
                None,
                "not an index directory (no manifest.json)",
            ));
        }
        let text = std::fs::read(&manifest_path).map_err(io(&manifest_path))?;
        let manifest: Manifest = serde_json::from_slice(&text)
            .map_err(|e| bad(&manifest_path, None, None, format!("not a manifest: {e}")))?;
        if manifest.format != FORMAT_NAME {
            return Err(bad(
                &manifest_path,
                None,
                Some("format"),
                format!("{:?} is not {FORMAT_NAME:?}", manifest.format),
            ));
        }
        if manifest.format_version != INDEX_FORMAT_VERSION {
            return Err(bad(
                &manifest_path,
                None,
                Some("format_version"),
                format!(
                    "index format version {} is not supported (this is hawiya {}, format {INDEX_FORMAT_VERSION}): build the index again",
                    manifest.format_version,
                    env!("CARGO_PKG_VERSION")
                ),
            ));
        }
        let read = |name: &str| -> Result<Vec<u8>> {
            let path = dir.join(name);
            let Some(entry) = manifest.files.iter().find(|f| f.name == name) else {
                return Err(bad(
                    &manifest_path,
                    None,
                    Some("files"),
                    format!("{name} is not listed"),
                ));
            };
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            if bytes.len() as u64 != entry.bytes || checksum(&bytes) != entry.checksum {
                return Err(bad(
                    &path,
                    None,
                    None,
                    format!(
                        "damaged: {} bytes with checksum {}, the manifest says {} bytes with checksum {}",
                        bytes.len(),
                        checksum(&bytes),
                        entry.bytes,
                        entry.checksum
                    ),
                ));
            }
            Ok(bytes)
        };
        let config_bytes = read(CONFIG)?;
        let config_text = std::str::from_utf8(&config_bytes)
            .map_err(|_| bad(&dir.join(CONFIG), None, None, "not UTF-8"))?;
        let config = Config::from_json(config_text)?;
        let model_bytes = read(MODEL)?;
        let model_text = std::str::from_utf8(&model_bytes)
            .map_err(|_| bad(&dir.join(MODEL), None, None, "not UTF-8"))?;
        let model = FellegiSunter::from_json(model_text)?;
        let fields: Vec<String> = config.fields.iter().map(|f| f.column.clone()).collect();
        if fields != manifest.fields {
            return Err(bad(
                &manifest_path,
                None,
                Some("fields"),
                "the fields differ from those of config.json",
            ));
        }
        let matcher = Matcher::new(config)?.with_model(model.clone())?;
        let records_path = dir.join(RECORDS);
        let bytes = read(RECORDS)?;
        let width = fields.len();
        let mut ids = Vec::with_capacity(manifest.records);
        let mut clusters: Vec<String> = Vec::with_capacity(manifest.records);
        let mut clustered = None;
        let mut values: Vec<StrColumn> = vec![StrColumn::new(); width];
        let mut seen = std::collections::HashMap::with_capacity(manifest.records);
        for (i, line) in bytes.lines().enumerate() {
            let row = Some(i as u64 + 1);
            let line = line.map_err(|_| bad(&records_path, row, None, "not UTF-8"))?;
            let rec: Vec<Option<String>> = serde_json::from_str(&line)
                .map_err(|e| bad(&records_path, row, None, format!("not a record line: {e}")))?;
            if rec.len() != width + 2 {
                return Err(bad(
                    &records_path,
                    row,
                    None,
                    format!("{} values, expected {}", rec.len(), width + 2),
                ));
            }
            let mut it = rec.into_iter();
            let id = it.next().flatten().unwrap_or_default();
            if id.trim().is_empty() {
                return Err(bad(&records_path, row, Some("unique_id"), "empty"));
            }
            if let Some(first) = seen.insert(id.clone(), i + 1) {
                return Err(bad(
                    &records_path,
                    row,
                    Some("unique_id"),
                    format!("duplicate (first at row {first})"),
                ));
            }
            let cluster = it.next().flatten();
            if *clustered.get_or_insert(cluster.is_some()) != cluster.is_some() {
                return Err(bad(
                    &records_path,
                    row,
                    Some("cluster_id"),
                    "some records have a cluster id and others not",
                ));
            }
            clusters.extend(cluster);
            for (column, v) in values.iter_mut().zip(it) {
                column.push(v.as_deref())?;
            }
            ids.push(id);
        }
        if ids.len() != manifest.records {
            return Err(bad(
                &records_path,
                None,
                None,
                format!(
                    "{} records, the manifest says {}",
                    ids.len(),
                    manifest.records
                ),
            ));
        }
        let data = prepare_values(matcher.config(), &values);
        let mut index = Index::build(matcher, Some(model), data, ids);
        index.values = Some(values);
        index.clusters = (clustered == Some(true)).then_some(clusters);
        Ok(index)
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::File::create(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Matcher;
    use crate::schema::{FieldConfig, FieldKind};

    fn index() -> Index {
        let t = hawiya_synth::Generator::new(hawiya_synth::GeneratorConfig {
            records: 800,
            ..Default::default()
        })
        .unwrap()
        .table()
        .unwrap();
        // The generator's table is of the library as a dependency: copy it across.
        let names = t.names().to_vec();
        let mut table = crate::Table::new(names.clone()).unwrap();
        for i in 0..t.len() {
            let row: Vec<&str> = names.iter().map(|c| t.value(i, c).unwrap_or("")).collect();
            table.push_row(&row).unwrap();
        }
        let config = Config::new(vec![
            FieldConfig::new("full_name", FieldKind::Name),
            FieldConfig::new("dob", FieldKind::Date),
            FieldConfig::new("civil_id", FieldKind::Id),
        ]);
        let m = Matcher::new(config).unwrap();
        let mut idx = m.index(&table).unwrap();
        let clusters: Vec<(String, String)> = (0..idx.len())
            .map(|p| {
                let id = idx.id(p).unwrap().to_string();
                (id.clone(), format!("C{}", p / 3))
            })
            .collect();
        idx = idx
            .with_clusters(clusters.iter().map(|(a, b)| (a.as_str(), b.as_str())))
            .unwrap();
        idx
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hawiya-store-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&d).ok();
        d
    }

    #[test]
    fn a_saved_index_loads_as_the_same_index() {
        let idx = index();
        let dir = tmp("roundtrip");
        idx.save(&dir).unwrap();
        let back = Index::load(&dir).unwrap();
        assert_eq!(back.len(), idx.len());
        for p in 0..idx.len() {
            assert_eq!(back.id(p), idx.id(p));
            assert_eq!(back.cluster_id(p), idx.cluster_id(p));
        }
        assert_eq!(back.model(), idx.model());
        for p in [0, 17, 401] {
            let values = idx.values.as_ref().unwrap();
            let cols: Vec<String> = idx
                .matcher
                .config()
                .fields
                .iter()
                .map(|f| f.column.clone())
                .collect();
            let q: Vec<(&str, &str)> = cols
                .iter()
                .zip(values)
                .filter_map(|(c, v)| Some((c.as_str(), v.get(p)?)))
                .collect();
            assert_eq!(idx.query(&q, 5).unwrap(), back.query(&q, 5).unwrap());
        }
        // Saving again over it works, and gives the same bytes.
        let first = std::fs::read(dir.join(RECORDS)).unwrap();
        back.save(&dir).unwrap();
        assert_eq!(std::fs::read(dir.join(RECORDS)).unwrap(), first);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn damaged_and_foreign_directories_are_named_errors() {
        let idx = index();
        let dir = tmp("damaged");
        idx.save(&dir).unwrap();
        // One byte changed.
        let path = dir.join(RECORDS);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() / 2;
        bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
        std::fs::write(&path, &bytes).unwrap();
        let e = Index::load(&dir).unwrap_err().to_string();
        assert!(e.contains("records.jsonl") && e.contains("damaged"), "{e}");
        // Another format version.
        idx.save(&dir).unwrap();
        let m = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&m)
            .unwrap()
            .replace("\"format_version\": 1", "\"format_version\": 99");
        std::fs::write(&m, text).unwrap();
        let e = Index::load(&dir).unwrap_err().to_string();
        assert!(e.contains("format version 99"), "{e}");
        // No index at all.
        let e = Index::load(&dir.join("nothing")).unwrap_err().to_string();
        assert!(e.contains("manifest.json"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_record_line_with_a_duplicate_id_is_named_by_row() {
        let idx = index();
        let dir = tmp("dup");
        idx.save(&dir).unwrap();
        // Rewrite records.jsonl with row 3 repeating row 1's id, and fix the manifest.
        let path = dir.join(RECORDS);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let first: Vec<Option<String>> = serde_json::from_str(&lines[0]).unwrap();
        let mut third: Vec<Option<String>> = serde_json::from_str(&lines[2]).unwrap();
        third[0] = first[0].clone();
        lines[2] = serde_json::to_string(&third).unwrap();
        let bytes = (lines.join("\n") + "\n").into_bytes();
        std::fs::write(&path, &bytes).unwrap();
        let m = dir.join(MANIFEST);
        let mut manifest: Manifest = serde_json::from_slice(&std::fs::read(&m).unwrap()).unwrap();
        for f in &mut manifest.files {
            if f.name == RECORDS {
                f.bytes = bytes.len() as u64;
                f.checksum = checksum(&bytes);
            }
        }
        std::fs::write(&m, serde_json::to_vec(&manifest).unwrap()).unwrap();
        let e = Index::load(&dir).unwrap_err().to_string();
        assert!(e.contains("row 3") && e.contains("duplicate"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
