"""Type stubs of the extension module ``hawiya._core`` (checked by tests/test_stubs.py)."""

from os import PathLike
from typing import Any, Sequence, final

import numpy as np
import numpy.typing as npt
from typing_extensions import disjoint_base

__all__ = [
    "__version__",
    "ConfigError",
    "HawiyaError",
    "HawiyaIOError",
    "Index",
    "InputError",
    "Matcher",
    "ModelError",
    "explain_similarity",
    "generate",
    "normalize",
    "score_pairs",
    "search",
    "similarity",
    "SparkJob",
]

__version__: str

class HawiyaError(Exception):
    """Base class of every error raised by hawiya."""

class ConfigError(HawiyaError, ValueError):
    """An invalid configuration value (unknown key, bad threshold, missing column)."""

class InputError(HawiyaError, ValueError):
    """Unusable input: a missing column, unequal lengths, a column of the wrong type."""

class ModelError(HawiyaError, ValueError):
    """A saved model that cannot be used (wrong version, does not fit the config)."""

class HawiyaIOError(HawiyaError, OSError):
    """Reading or writing a file failed."""

def normalize(name: str) -> dict[str, Any]:
    """Normalise one person name: script, tokens with roles, and the cross-script `key`."""

def similarity(a: str, b: str) -> float:
    """Name similarity in [0, 1]: 1 for the same spelling, just below 1 for the same name in another script or spelling."""

def explain_similarity(a: str, b: str) -> dict[str, Any]:
    """How the similarity of two names came about (token alignment, penalties) as a dict."""

def score_pairs(lefts: Sequence[str | None] | Any, rights: Sequence[str | None] | Any) -> npt.NDArray[np.float64]:
    """Name similarity of each pair as a float64 array; NaN where a name is missing."""

def search(
    index_names: Sequence[str | None] | Any,
    query_names: Sequence[str | None] | Any,
    top: int = 10,
    index_ids: Sequence[str] | Any | None = None,
    query_ids: Sequence[str] | Any | None = None,
) -> dict[str, list[Any]]:
    """The top names of the index for each query, best first: `query_id`, `index_id`, `score`."""

def generate(records: int = 1000, seed: int = 1) -> dict[str, list[Any]]:
    """A synthetic registry with known truth (column ``cluster``), as column lists."""

@disjoint_base
class Matcher:
    """Record linkage and deduplication with a Fellegi–Sunter model learned without labels.

    A config without ``fields`` keeps the fields inferred from the first table's columns
    and overrides the other keys."""

    def __new__(cls, config: dict[str, Any] | str | None = None) -> Matcher: ...
    @property
    def config(self) -> dict[str, Any] | None:
        """The config as a dict (None until given or inferred)."""
    @property
    def model_json(self) -> str | None:
        """The model as JSON (None until trained or loaded)."""
    @property
    def last_report(self) -> dict[str, Any] | None:
        """Counts, timings and warnings of the last run, as a dict: the object that
        ``hawiya dedupe --report-json`` writes (``RunReport::to_json``)."""
    def train(self, table: Any) -> dict[str, Any]:
        """Learn the model on `table` and keep it; returns the training report."""
    @property
    def last_changes(self) -> dict[str, list[Any]] | None:
        """The change log of the last run given `previous` (None otherwise)."""
    def dedupe(self, table: Any, labels: Any = None, previous: Any = None) -> Any:
        """Deduplicate one table: `unique_id`, `cluster_id`, `reject_reason`."""
    def link(self, left: Any, right: Any, labels: Any = None, previous: Any = None) -> Any:
        """Link two tables: `source`, `unique_id`, `cluster_id`, `reject_reason`."""
    @property
    def last_labels(self) -> list[dict[str, Any]]:
        """The labels applied in the last run, each with its effect."""
    def review(
        self,
        table: Any,
        top: int = 200,
        low: float = 0.5,
        high: float = 0.99,
        labels: Any = None,
    ) -> Any:
        """The pairs worth a human look, best first, with empty `label` columns to fill."""
    def report(
        self,
        path: str | PathLike[str],
        title: str | None = None,
        max_records: int = 20000,
        top: int = 200,
    ) -> None:
        """Write the HTML report of the last run to `path`."""
    def predict(self, table: Any) -> Any:
        """Scored pairs: ids, `match_probability`, `match_weight`, `level_<column>`."""
    def explain(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        """Why two records get their score: prior, per-field levels and weights, total."""
    def save_model(self, path: str | PathLike[str]) -> None:
        """Write the model as JSON to `path`."""
    def load_model(self, path: str | PathLike[str]) -> None:
        """Load a model saved with `save_model`."""
    def set_model_json(self, json: str) -> None:
        """Use the model given as JSON."""
    def __reduce__(self) -> tuple[type[Matcher], tuple[str | None], str | None]: ...
    def __setstate__(self, state: str | None) -> None: ...

@disjoint_base
class Index:
    """A registry's prepared records, model and cluster ids."""

    @classmethod
    def build(cls, table: Any, config: dict[str, Any] | str | None = None, clusters: Any = None) -> Index:
        """Index `table` with its clusters (given, or from a dedupe run here)."""
    @classmethod
    def load(cls, path: str | PathLike[str]) -> Index:
        """Read an index saved with `save`."""
    def save(self, path: str | PathLike[str]) -> None:
        """Write the index to the directory `path`."""
    def add(self, table: Any) -> dict[str, list[Any]]:
        """Match and add new rows: `unique_id`, `cluster_id`, `reject_reason`."""
    @property
    def last_changes(self) -> dict[str, list[Any]] | None:
        """The change log of the last `add`."""
    def clusters(self) -> dict[str, list[Any]]:
        """Every indexed record's `unique_id` and `cluster_id`."""
    def __len__(self) -> int: ...

@final
class SparkJob:
    """One run's config, model and term counts, with the steps a Spark task calls."""

    def __new__(
        cls,
        config: dict[str, Any] | str | None,
        columns: Sequence[str],
        model: str | None = None,
        term_counts: str | None = None,
    ) -> SparkJob: ...
    @property
    def config_json(self) -> str:
        """The resolved config as JSON."""
    @property
    def id_column(self) -> str:
        """The unique-id column."""
    @property
    def columns(self) -> list[str]:
        """The columns the config reads: the id column, then each field's columns."""
    @property
    def threshold(self) -> float:
        """The clustering threshold."""
    def compares_all_pairs(self, left: int, right: int | None = None) -> bool:
        """Whether a run over these record counts compares every pair."""
    def rules(self, all_pairs: bool) -> list[dict[str, Any]]:
        """The blocking rules, the all-pairs rule last when `all_pairs`."""
    def row_problems(self, table: Any) -> tuple[list[str], list[str | None]]:
        """Per row: the trimmed unique id and its own reject reason (None if usable)."""
    def duplicate_reason(self, first: int) -> str:
        """The reject reason of a row repeating the id of the record at row `first`."""
    def train(self, tables: list[Any]) -> str:
        """Train a model on `tables`: its JSON."""
    def term_counts(self, tables: list[Any]) -> tuple[list[int], list[str], list[int]]:
        """Term counts of the records of `tables`: field, term, count."""
    def term_counts_json(self, fields: Sequence[int], terms: Sequence[str], counts: Sequence[int]) -> str:
        """Whole-dataset term counts as JSON from summed columns."""
    def memberships(self, tables: list[Any], all_pairs: bool) -> dict[str, list[Any]]:
        """Block memberships: `_src`, `_id`, `rule`, `key`, `sort`, `unknown`."""
    def score_blocks(
        self,
        tables: list[Any],
        rule: Sequence[int],
        key: Sequence[int],
        chunk: Sequence[int],
        size: Sequence[int],
        position: Sequence[int | None],
        owned: Sequence[bool],
        min_probability: float,
    ) -> dict[str, list[Any]]:
        """Scored pairs of the blocks: `_src_l`, `_id_l`, `_src_r`, `_id_r`, `p`."""
    def cluster_parts(
        self,
        comp: Sequence[str],
        src_a: Sequence[int],
        id_a: Sequence[str],
        src_b: Sequence[int],
        id_b: Sequence[str],
        p: Sequence[float],
    ) -> dict[str, list[Any]]:
        """The engine's clustering of components: `_src`, `_id`, `cluster_id`."""
