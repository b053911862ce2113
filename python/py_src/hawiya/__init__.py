"""hawiya: find the same person across registries, in Arabic script and Latin spellings.

The work happens in Rust (``hawiya._core``); this layer only moves tables in and out, so
that a pandas, polars or pyarrow table in gives the same kind of table back.

>>> import hawiya
>>> hawiya.similarity("عبد الرحمن", "Abdulrahman") > 0.9
True
>>> hawiya.similarity("محمد", "محمود") < 0.5
True
>>> hawiya.normalize("محمد")["key"] == hawiya.normalize("Muhammad")["key"]
True
>>> scores = hawiya.score_pairs(["Saleh Al-Fadhala", "Mona"], ["صالح الفضالة", None])
>>> scores.dtype, bool(scores[0] > 0.9), bool(scores[1] != scores[1])  # NaN for a missing name
(dtype('float64'), True, True)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from . import _core
from ._core import (
    ConfigError,
    HawiyaError,
    HawiyaIOError,
    InputError,
    ModelError,
    __version__,
    explain_similarity,
    normalize,
    score_pairs,
    similarity,
)
from . import spark  # noqa: E402  (needs pyspark only when its functions run)

__all__ = [
    "ConfigError",
    "HawiyaError",
    "HawiyaIOError",
    "Index",
    "InputError",
    "Matcher",
    "ModelError",
    "__version__",
    "explain_similarity",
    "generate",
    "normalize",
    "score_pairs",
    "search",
    "similarity",
    "spark",
]


def _kind(table: Any) -> str:
    """Which library a table comes from: "pandas", "polars", "pyarrow" or "arrow"."""
    mod = type(table).__module__.split(".")[0]
    if mod in ("pandas", "polars", "pyarrow"):
        return mod
    if hasattr(table, "__arrow_c_stream__"):
        return "arrow"
    raise TypeError(
        "expected a pandas, polars or pyarrow table (or any object with "
        f"__arrow_c_stream__), not {type(table).__name__}"
    )


def _frame(columns: dict[str, list[Any]], kind: str) -> Any:
    """Columns as a table of `kind` (a pyarrow table for other Arrow producers).

    Columns are text except ``match_probability`` / ``match_weight`` (float64) and the
    generator's ``cluster`` (int64), also when the table is empty.
    """

    def numeric(name: str) -> str | None:
        if name.startswith("match_") or name in ("score", "expected_change"):
            return "float64"
        if name == "cluster":
            return "int64"
        # Search results without ids give positions.
        if name in ("query_id", "index_id") and all(isinstance(v, int) for v in columns[name]):
            return "int64"
        return None

    # Imported on use: each of the three is optional.
    if kind == "pandas":
        return import_module("pandas").DataFrame(columns)
    if kind == "polars":
        pl = import_module("polars")
        types = {"float64": pl.Float64, "int64": pl.Int64, None: pl.String}
        return pl.DataFrame(columns, schema={k: types[numeric(k)] for k in columns})
    pa = import_module("pyarrow")
    types = {"float64": pa.float64(), "int64": pa.int64(), None: pa.string()}
    return pa.table({k: pa.array(v, type=types[numeric(k)]) for k, v in columns.items()})


def generate(records: int = 1000, seed: int = 1, kind: str = "pandas") -> Any:
    """A synthetic registry with known truth (column ``cluster``) as a `kind` table.

    ``kind`` is "pandas", "polars", "pyarrow" or "dict". The same seed gives the same rows.

    >>> t = generate(50, seed=7, kind="dict")
    >>> sorted(t) == sorted(["unique_id", "source", "full_name", "dob", "civil_id",
    ...                      "gender", "nationality", "phone", "cluster"])
    True
    >>> len(t["unique_id"])
    50
    """
    columns = _core.generate(records, seed)
    return columns if kind == "dict" else _frame(columns, kind)


def search(
    index_names: Any,
    query_names: Any,
    top: int = 10,
    *,
    index_ids: Any = None,
    query_ids: Any = None,
    kind: str = "pandas",
) -> Any:
    """Name screening: the ``top`` names of ``index_names`` most similar to each name of
    ``query_names`` (any script), best first, ties by index id.

    Returns one row per (query, hit) with ``query_id``, ``index_id`` and ``score`` (name
    similarity in [0, 1]), queries in input order. Ids are ``query_ids`` / ``index_ids``
    when given, else 0-based positions. Names are lists, numpy arrays, pandas or polars
    Series or pyarrow arrays; a missing name is never found and finds nothing. The index
    is built once per call, candidates come from cross-script keys (no scan of the
    index), and the work runs on all cores with the GIL released. ``kind`` is "pandas",
    "polars", "pyarrow" or "dict".

    >>> r = search(["صالح الفضالة", "منى حداد", "محمد العنزي"],
    ...            ["Mona Haddad", "Saleh Al-Fadhala"], top=1, kind="dict")
    >>> r["query_id"], r["index_id"]
    ([0, 1], [1, 0])
    """
    columns = _core.search(index_names, query_names, top, index_ids, query_ids)
    return columns if kind == "dict" else _frame(columns, kind)


def _clustered(previous: Any) -> Any:
    """A previous result as an Arrow-capable table: rows whose ``cluster_id`` is missing
    (rejected rows of that run) are left out."""
    if previous is None:
        return None
    _kind(previous)
    pa = import_module("pyarrow")
    table = pa.table(previous) if not isinstance(previous, pa.Table) else previous
    if "cluster_id" in table.column_names and table.column("cluster_id").null_count:
        table = table.filter(import_module("pyarrow.compute").is_valid(table.column("cluster_id")))
    return table


class Matcher(_core.Matcher):
    """Deduplicate or link person records; pandas, polars or pyarrow in, the same kind out.

    ``config`` is a dict, a TOML or JSON string, or None to infer field kinds from the
    column names (``full_name`` → name, ``dob`` → date, ``civil_id`` → id …). A config
    without ``fields`` (``{"threshold": 0.95}``) keeps the inferred fields and overrides
    the other keys; bad values raise ``ConfigError`` at once. Without a model, the first
    run learns one from the data (no labels needed) and keeps it.

    >>> import pyarrow as pa
    >>> people = pa.table({
    ...     "unique_id": ["1", "2", "3"],
    ...     "full_name": ["صالح الفضالة", "Saleh Al-Fadhala", "Mona Haddad"],
    ...     "dob": ["1985-07-01", "01/07/1985", "1990-02-03"],
    ... })
    >>> m = Matcher({"fields": [{"column": "full_name", "kind": "name"},
    ...                         {"column": "dob", "kind": "date"}]})
    >>> out = m.dedupe(people)
    >>> out.column_names
    ['unique_id', 'cluster_id', 'reject_reason']
    >>> out.num_rows
    3
    >>> Matcher({"threshold": 2})
    Traceback (most recent call last):
    ...
    hawiya.ConfigError: invalid config: threshold: 2 is not in (0, 1)
    """

    def dedupe(self, table: Any, labels: Any = None, previous: Any = None) -> Any:
        """One row per input row, in input order: ``unique_id``, ``cluster_id`` (the smallest
        id of the cluster) and ``reject_reason`` (set, with no cluster, for rows that could
        not be used: blank or duplicate ids). Returns the same kind of table as ``table``.

        ``labels``: reviewers' decisions, a table with ``unique_id_l``, ``unique_id_r`` and
        ``label`` (``match`` / ``non_match``; blank: skipped) — a filled :meth:`review`
        sheet as it is — or a list of ``(unique_id_l, unique_id_r, label)``. A match joins
        the two records, a non-match keeps them apart whatever chain of links would join
        them; labelled matches also refine the model learned in the run. The effect of each
        decision is in :attr:`last_labels`.

        ``previous``: the clusters of an earlier run (a table with ``unique_id`` and
        ``cluster_id``, as this method returns). Each old id stays with the new cluster
        that carries most of its records and new people get new ids; the change log is
        then in ``last_changes``. With ``labels`` too, the labels shape the clusters first
        and the old ids are then kept on those clusters."""
        kind = _kind(table)
        out = _frame(super().dedupe(table, labels, _clustered(previous)), kind)
        self._changes_kind = kind
        return out

    def link(self, left: Any, right: Any, labels: Any = None, previous: Any = None) -> Any:
        """Link two tables: ``source`` ("left" / "right"), ``unique_id``, ``cluster_id``,
        ``reject_reason``; left rows first. Returns the same kind of table as ``left``.
        ``labels`` as for :meth:`dedupe` (left id, right id); ``previous``: an earlier
        run's result (with ``source``), as for :meth:`dedupe`."""
        kind = _kind(left)
        _kind(right)
        out = _frame(super().link(left, right, labels, _clustered(previous)), kind)
        self._changes_kind = kind
        return out

    def review(
        self,
        table: Any,
        top: int = 200,
        low: float = 0.5,
        high: float = 0.99,
        labels: Any = None,
    ) -> Any:
        """The pairs of ``table`` worth a human look, best first (a dedupe of ``table`` is
        run, with ``labels``): pairs with a match probability in ``[low, high)`` and the weak
        links of weak clusters, ranked by how many record pairs a decision is expected to
        change. Columns ``unique_id_l``, ``unique_id_r``, ``match_probability``, ``why``,
        ``<column>_l`` / ``<column>_r`` for each compared column, ``expected_change``, and
        empty ``label``, ``note``, ``reviewer`` to fill (``match`` / ``non_match``) and pass
        back as ``labels=``. Returns the same kind of table as ``table``."""
        kind = _kind(table)
        return _frame(super().review(table, top, low, high, labels), kind)

    @property
    def last_changes(self) -> Any:
        """The change log of the last run given ``previous``: ``unique_id``,
        ``old_cluster_id``, ``new_cluster_id``, ``change`` (``new``, ``moved``, ``merged``
        or ``split``; unchanged records are left out), and ``source`` for a link; None
        after a run without ``previous``. The same kind of table as the run's input.

        >>> import pyarrow as pa
        >>> m = Matcher({"fields": [{"column": "full_name", "kind": "name"}]})
        >>> people = pa.table({"unique_id": ["1", "2"], "full_name": ["Mona Haddad", "Omar Ali"]})
        >>> first = m.dedupe(people)
        >>> renamed = first.set_column(1, "cluster_id", pa.array(["P1", "P2"]))
        >>> m.dedupe(people, previous=renamed)["cluster_id"].to_pylist()
        ['P1', 'P2']
        >>> m.last_changes.num_rows
        0
        """
        changes = super().last_changes
        if changes is None:
            return None
        return _frame(changes, getattr(self, "_changes_kind", "pyarrow"))

    def predict(self, table: Any) -> Any:
        """Scored candidate pairs of one table: ``unique_id_l``, ``unique_id_r``,
        ``match_probability``, ``match_weight`` and one ``level_<column>`` per field.
        Returns the same kind of table as ``table``."""
        kind = _kind(table)
        return _frame(super().predict(table), kind)


class Index:
    """A registry's prepared records, model and cluster ids on disk, to match new records
    without re-running the whole registry (``hawiya index`` on the command line).

    >>> import pyarrow as pa, tempfile
    >>> reg = generate(1200, seed=4, kind="pyarrow").drop_columns(["cluster", "source"])
    >>> index = Index.build(reg.slice(0, 1100))       # clusters from a dedupe run here
    >>> out = index.add(reg.slice(1100))              # the last 100 arrive later
    >>> out.column_names, len(index)
    (['unique_id', 'cluster_id', 'reject_reason'], 1200)
    >>> path = tempfile.mkdtemp()
    >>> index.save(path)
    >>> len(Index.load(path))
    1200
    """

    def __init__(self, core: Any, kind: str = "pyarrow") -> None:
        self._core = core
        self._kind = kind

    @classmethod
    def build(cls, table: Any, config: Any = None, clusters: Any = None) -> "Index":
        """Index ``table`` (pandas, polars or pyarrow) with ``config`` (dict, TOML/JSON
        string or None to infer): records prepared, a model trained on it, and its
        clusters — ``clusters`` (``unique_id``, ``cluster_id``, as ``Matcher.dedupe``
        returns) or, when None, those of a dedupe of ``table``."""
        kind = _kind(table)
        return cls(_core.Index.build(table, config, _clustered(clusters)), kind)

    @classmethod
    def load(cls, path: Any) -> "Index":
        """Read an index saved with ``save`` (format version and checksums checked)."""
        return cls(_core.Index.load(path))

    def save(self, path: Any) -> None:
        """Write the index to the directory ``path`` (an index there is replaced)."""
        self._core.save(path)

    def add(self, table: Any) -> Any:
        """Match the rows of ``table`` against the index and among themselves, and add
        them: one row per input row with ``unique_id``, ``cluster_id`` (the indexed
        cluster it joins, or a new one) and ``reject_reason``; the same kind of table as
        ``table``. The change log is then in ``last_changes``."""
        self._kind = _kind(table)
        return _frame(self._core.add(table), self._kind)

    @property
    def last_changes(self) -> Any:
        """The change log of the last ``add`` (``unique_id``, ``old_cluster_id``,
        ``new_cluster_id``, ``change``), None before any."""
        changes = self._core.last_changes
        return None if changes is None else _frame(changes, self._kind)

    def clusters(self, kind: str | None = None) -> Any:
        """Every indexed record's ``unique_id`` and ``cluster_id``, in index order."""
        columns = self._core.clusters()
        return columns if kind == "dict" else _frame(columns, kind or self._kind)

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"hawiya.Index(records={len(self)})"


def __dir__() -> list[str]:
    """The package's public names (``dir(hawiya)``), without the helpers it imports."""
    return sorted(__all__)
