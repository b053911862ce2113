"""hawiya on Spark: ``dedupe`` and ``link`` over Spark DataFrames, with the clusters the
single-machine engine (``hawiya.Matcher``) gives on the same rows and config.

Install with the extra ``hawiya[spark]`` (pyspark 4, pandas, pyarrow); every executor needs
the same hawiya wheel (see the README's "Spark" section). The steps:

1. rejects: each row's own problem (blank id, over-long field) in Rust per Arrow batch
   (``mapInArrow``), repeated ids by a window over the id;
2. the model: trained on the driver with the engine's own training, on every record when
   there are at most ``sample_limit`` of them (then exactly the engine's model), else on a
   seeded sample; term frequencies always counted over all records (``mapInArrow`` partial
   counts summed by Spark) and broadcast;
3. blocking: each record's blocks (the engine's rules and keys) per Arrow batch; blocks
   grouped into hash buckets and each bucket's blocks paired and scored in Rust
   (``applyInArrow``), with the engine's pairing (oversized blocks paired within a window of
   the sort order, unknown records with the whole block). Windowed blocks larger than
   ``salt_limit`` are split into slices by sort-order range, each slice also holding the
   next slice's first ``window`` members, so the pairs are the same;
4. connected components of the pairs at or above the threshold, by min-label propagation
   with DataFrame joins; then each component clustered by the engine's clustering in Rust
   (the chaining guard may split a component).

The result has every input row with two more columns, ``cluster_id`` (the smallest unique id
of the cluster, as ``Matcher.dedupe`` names it) and ``reject_reason`` (set, with no cluster,
for rows that could not be used); ``link`` also adds ``source`` ("left" / "right").
Labels (``labels=``) and earlier clusters (``previous=``) of ``Matcher`` are not supported
here: use the engine for runs that need them.
"""

from __future__ import annotations

import uuid
from importlib import import_module
from typing import Any

from . import _core
from ._core import InputError

__all__ = ["SALT_LIMIT", "SAMPLE_LIMIT", "dedupe", "link"]

#: Records up to which the model is trained on all of them (exactly the engine's model).
SAMPLE_LIMIT = 200_000
#: Windowed (oversized) blocks with more records than this are split into slices.
SALT_LIMIT = 20_000
#: Block memberships per bucket scored in one call.
BUCKET_ROWS = 20_000

#: Counts of the last run on this driver (records, block memberships, salted blocks, buckets,
#: pairs at or above the threshold, label-propagation rounds), for tests and tuning.
last_stats: dict[str, int] = {}

#: Each Python worker's jobs, built once from the broadcast config, model and counts.
_JOBS: dict[tuple[str, str | None, str], Any] = {}


def _job(config_json: str, model: str | None, token: str, tf: Any) -> Any:
    """The worker's job for this run (term counts from the broadcast ``tf``)."""
    key = (config_json, model, token)
    job = _JOBS.get(key)
    if job is None:
        if len(_JOBS) >= 4:
            _JOBS.clear()
        job = _core.SparkJob(config_json, [], model, tf.value if tf is not None else None)
        _JOBS[key] = job
    return job


def _tables(table: Any, link: bool) -> list[Any]:
    """A task's rows as the engine's inputs: one table, or left and right for a link."""
    if not link:
        return [table]
    pc = import_module("pyarrow.compute")

    src = table.column("_src")
    return [table.filter(pc.equal(src, 0)), table.filter(pc.equal(src, 1))]


def dedupe(df: Any, config: Any = None, **options: Any) -> Any:
    """Deduplicate a Spark DataFrame: every row with ``cluster_id`` and ``reject_reason``.

    ``config`` is what ``hawiya.Matcher`` accepts (dict, TOML/JSON string, or None to infer
    the fields from the column names). Options: ``model`` (a model's JSON, e.g.
    ``Matcher.model``: no training), ``sample_limit`` (default :data:`SAMPLE_LIMIT`),
    ``salt_limit`` (default :data:`SALT_LIMIT`), ``seed`` (of the training sample).
    """
    return _run([df], config, **options)


def link(df_l: Any, df_r: Any, config: Any = None, **options: Any) -> Any:
    """Link two Spark DataFrames: every row of both with ``source`` ("left" / "right"),
    ``cluster_id`` and ``reject_reason``; options as for :func:`dedupe`. The config is
    completed from the left DataFrame's columns, as ``Matcher.link`` does."""
    return _run([df_l, df_r], config, **options)


def _check(dfs: list[Any], job: Any) -> None:
    """Clear errors for what the engine would refuse, before any Spark job."""
    from pyspark.sql import DataFrame

    for i, df in enumerate(dfs):
        if not isinstance(df, DataFrame):
            raise TypeError(f"expected a Spark DataFrame, not {type(df).__name__}")
        for j, c in enumerate(job.columns):
            if c not in df.columns:
                what = "the id column is missing" if j == 0 else "a configured column is missing"
                raise InputError(f"input {i + 1}: field {c!r}: {what}")
        taken: list[str] = [
            c for c in ("cluster_id", "reject_reason", "_src", "_row") if c in df.columns
        ]
        if len(dfs) == 2 and "source" in df.columns:
            taken.append("source")
        if taken:
            raise InputError(
                f"input {i + 1}: the output adds columns {taken}: rename them in the input"
            )


def _run(
    dfs: list[Any],
    config: Any,
    *,
    model: str | None = None,
    sample_limit: int = SAMPLE_LIMIT,
    salt_limit: int = SALT_LIMIT,
    seed: int = 1,
) -> Any:
    from pyspark import StorageLevel
    from pyspark.sql import DataFrame, Window
    from pyspark.sql import functions as F

    if dfs and not isinstance(dfs[0], DataFrame):
        raise TypeError(f"expected a Spark DataFrame, not {type(dfs[0]).__name__}")
    job = _core.SparkJob(config, list(dfs[0].columns), model)
    _check(dfs, job)
    link_run = len(dfs) == 2
    spark = dfs[0].sparkSession
    sc = spark.sparkContext
    cfg = job.config_json
    cols = job.columns
    keep: list[Any] = []

    def persist(d: Any) -> Any:
        d = d.persist(StorageLevel.MEMORY_AND_DISK)
        keep.append(d)
        return d

    # 1. Rows numbered in input order, and their rejects.
    numbered = []
    statuses = []
    dup = job.duplicate_reason(0)
    at = dup.rindex("1")
    dup_pre, dup_post = dup[:at], dup[at + 1 :]
    for df in dfs:
        d = df.withColumn("_pid", F.spark_partition_id()).withColumn(
            "_mid", F.monotonically_increasing_id()
        )
        d = persist(d)
        per_part = sorted((r[0], r[1]) for r in d.groupBy("_pid").count().collect())
        offsets, total = [], 0
        for pid, n in per_part:
            offsets.append((pid, total))
            total += n
        off = spark.createDataFrame(offsets or [(0, 0)], "_pid int, _off long")
        d = d.join(F.broadcast(off), "_pid").withColumn(
            "_row", F.col("_off") + F.col("_mid") - F.shiftleft(F.col("_pid").cast("long"), 33)
        )
        d = persist(d.drop("_pid", "_mid", "_off"))
        numbered.append(d)

        def problems(batches: Any) -> Any:
            pa = import_module("pyarrow")

            j = _job(cfg, None, "", None)
            for b in batches:
                ids, probs = j.row_problems(pa.Table.from_batches([b]))
                yield pa.RecordBatch.from_arrays(
                    [b.column("_row"), pa.array(ids, pa.string()), pa.array(probs, pa.string())],
                    names=["_row", "_id", "_problem"],
                )

        st = d.select("_row", *cols).mapInArrow(problems, "_row long, _id string, _problem string")
        first = F.min(F.when(F.col("_problem").isNull(), F.col("_row"))).over(
            Window.partitionBy("_id")
        )
        st = st.withColumn("_first", first).withColumn(
            "reject_reason",
            F.when(
                F.col("_first").isNotNull() & (F.col("_first") < F.col("_row")),
                F.concat(F.lit(dup_pre), (F.col("_first") + 1).cast("string"), F.lit(dup_post)),
            ).otherwise(F.col("_problem")),
        )
        statuses.append(persist(st.select("_row", "_id", "reject_reason")))

    # The records: usable rows with their source.
    parts = []
    for s, (d, st) in enumerate(zip(numbered, statuses)):
        ok = st.filter(F.col("reject_reason").isNull()).select("_row", "_id")
        parts.append(d.select("_row", *cols).join(ok, "_row").withColumn("_src", F.lit(s)))
    recs = parts[0] if not link_run else parts[0].unionByName(parts[1])
    recs = persist(recs.select("_src", "_id", *cols))
    sizes = [recs.filter(F.col("_src") == s).count() for s in range(len(dfs))]
    all_pairs = job.compares_all_pairs(sizes[0], sizes[1] if link_run else None)

    # 2. The model, and term frequencies over all records.
    if model is None:
        n = sum(sizes)
        sample = recs
        if n > sample_limit:
            sample = recs.sample(fraction=min(1.0, sample_limit / n), seed=seed)
        tables = [
            sample.filter(F.col("_src") == s).select(*cols).toArrow() for s in range(len(dfs))
        ]
        model = job.train(tables)
    model_json: str = model

    def counts(batches: Any) -> Any:
        pa = import_module("pyarrow")

        j = _job(cfg, None, "", None)
        for b in batches:
            f, t, c = j.term_counts(_tables(pa.Table.from_batches([b]), link_run))
            yield pa.RecordBatch.from_arrays(
                [pa.array(f, pa.int32()), pa.array(t, pa.string()), pa.array(c, pa.int64())],
                names=["field", "term", "count"],
            )

    tf_rows = (
        recs.mapInArrow(counts, "field int, term string, count long")
        .groupBy("field", "term")
        .agg(F.sum("count").alias("count"))
        .toArrow()
    )
    tf_json = job.term_counts_json(
        tf_rows.column("field").to_pylist(),
        tf_rows.column("term").to_pylist(),
        tf_rows.column("count").to_pylist(),
    )
    tf = sc.broadcast(tf_json)
    token = uuid.uuid4().hex

    # 3. Blocks: memberships, slices of large windowed blocks, buckets scored in Rust.
    def memberships(batches: Any) -> Any:
        pa = import_module("pyarrow")

        j = _job(cfg, None, "", None)
        for b in batches:
            m = j.memberships(_tables(pa.Table.from_batches([b]), link_run), all_pairs)
            yield pa.RecordBatch.from_pydict(
                m,
                schema=pa.schema(
                    [
                        ("_src", pa.int32()),
                        ("_id", pa.string()),
                        ("rule", pa.int32()),
                        ("key", pa.int64()),
                        ("sort", pa.int64()),
                        ("unknown", pa.bool_()),
                    ]
                ),
            )

    mem = recs.mapInArrow(
        memberships,
        "_src int, _id string, rule int, key long, sort long, unknown boolean",
    )
    mem = mem.join(mem.groupBy("rule", "key").agg(F.count("*").alias("_len")), ["rule", "key"])
    mem = persist(mem.filter(F.col("_len") >= 2))
    rules = spark.createDataFrame(
        [
            (i, r["max_block"], r["window"], r["max_unknown_block"], r["sorted"], r["has_unknown"])
            for i, r in enumerate(job.rules(all_pairs))
        ],
        "rule int, max_block long, window long, max_unknown_block long, sorted boolean, "
        "has_unknown boolean",
    )
    mem = mem.join(F.broadcast(rules), "rule")
    windowed = F.col("sorted") | (F.col("_len") > F.col("max_block"))
    window = max(r["window"] for r in job.rules(all_pairs))
    size = max(int(salt_limit), window + 1)
    salted = windowed & (F.col("_len") > F.lit(size))
    whole = mem.filter(~salted).select(
        "_src",
        "_id",
        "rule",
        "key",
        F.lit(0).cast("long").alias("_chunk"),
        "_len",
        F.lit(None).cast("long").alias("_pos"),
        F.lit(True).alias("_owned"),
    )
    sl = mem.filter(salted).withColumn(
        "_pos",
        F.row_number().over(Window.partitionBy("rule", "key").orderBy("sort", "_src", "_id")) - 1,
    )
    chunk = F.floor(F.col("_pos") / F.lit(size)).cast("long")
    chunks = F.ceil(F.col("_len") / F.lit(size)).cast("long")
    unknown_all = windowed & F.col("has_unknown") & (F.col("_len") <= F.col("max_unknown_block"))
    own = F.array(F.struct(chunk.alias("c"), F.lit(True).alias("o")))
    before = F.array(F.struct((chunk - 1).alias("c"), F.lit(False).alias("o")))
    overlap = F.when(
        (chunk > 0) & ((F.col("_pos") % F.lit(size)) < F.col("window")), before
    ).otherwise(F.filter(before, lambda x: F.lit(False)))
    everywhere = F.transform(
        F.sequence(F.lit(0).cast("long"), chunks - 1),
        lambda c: F.struct(c.alias("c"), (c == chunk).alias("o")),
    )
    copies = F.when(unknown_all & F.col("unknown"), everywhere).otherwise(F.concat(own, overlap))
    sl = sl.withColumn("_copy", F.explode(copies)).select(
        "_src",
        "_id",
        "rule",
        "key",
        F.col("_copy.c").alias("_chunk"),
        "_len",
        F.col("_pos").cast("long").alias("_pos"),
        F.col("_copy.o").alias("_owned"),
    )
    entries = whole.unionByName(sl)
    n_entries = mem.count()
    stats = {
        "records": sum(sizes),
        "memberships": n_entries,
        "salted_blocks": mem.filter(salted).select("rule", "key").distinct().count(),
    }
    buckets = max(int(spark.conf.get("spark.sql.shuffle.partitions")), n_entries // BUCKET_ROWS + 1)
    entries = entries.join(recs, ["_src", "_id"]).withColumn(
        "_bucket", F.pmod(F.hash("rule", "key", "_chunk"), F.lit(buckets))
    )
    threshold = job.threshold

    def score(table: Any) -> Any:
        pa = import_module("pyarrow")

        j = _job(cfg, model_json, token, tf)
        tables = _tables(table, link_run)
        meta = pa.concat_tables(tables) if link_run else table
        out = j.score_blocks(
            tables,
            meta.column("rule").to_pylist(),
            meta.column("key").to_pylist(),
            meta.column("_chunk").to_pylist(),
            meta.column("_len").to_pylist(),
            meta.column("_pos").to_pylist(),
            meta.column("_owned").to_pylist(),
            threshold,
        )
        return pa.table(
            {
                "_src_l": pa.array(out["_src_l"], pa.int32()),
                "_id_l": pa.array(out["_id_l"], pa.string()),
                "_src_r": pa.array(out["_src_r"], pa.int32()),
                "_id_r": pa.array(out["_id_r"], pa.string()),
                "p": pa.array(out["p"], pa.float64()),
            }
        )

    pairs = entries.groupBy("_bucket").applyInArrow(
        score, "_src_l int, _id_l string, _src_r int, _id_r string, p double"
    )
    edges = persist(
        pairs.groupBy("_src_l", "_id_l", "_src_r", "_id_r").agg(F.max("p").alias("p"))
    )

    # 4. Connected components (min-label propagation), then the engine's clustering.
    vid_l = F.concat_ws(":", F.col("_src_l").cast("string"), F.col("_id_l"))
    vid_r = F.concat_ws(":", F.col("_src_r").cast("string"), F.col("_id_r"))
    e = persist(edges.select(vid_l.alias("a"), vid_r.alias("b")))
    labels = (
        e.select(F.col("a").alias("v"))
        .union(e.select(F.col("b").alias("v")))
        .distinct()
        .withColumn("c", F.col("v"))
    )
    labels = labels.localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        msgs = (
            e.join(labels, e.a == labels.v)
            .select(F.col("b").alias("v"), "c")
            .union(e.join(labels, e.b == labels.v).select(F.col("a").alias("v"), "c"))
            .union(labels)
        )
        new = msgs.groupBy("v").agg(F.min("c").alias("c")).localCheckpoint()
        changed = (
            new.alias("n")
            .join(labels.alias("o"), "v")
            .filter(F.col("n.c") != F.col("o.c"))
            .count()
        )
        labels = new
        if changed == 0:
            break
    stats.update(buckets=buckets, pairs=edges.count(), rounds=rounds)
    last_stats.clear()
    last_stats.update(stats)
    comp_edges = edges.join(
        labels.select(F.col("v").alias("_v"), F.col("c").alias("_comp")), vid_l == F.col("_v")
    ).withColumn("_bucket", F.pmod(F.hash("_comp"), F.lit(buckets)))

    def clusters(table: Any) -> Any:
        pa = import_module("pyarrow")

        j = _job(cfg, None, "", None)
        out = j.cluster_parts(
            table.column("_comp").to_pylist(),
            table.column("_src_l").to_pylist(),
            table.column("_id_l").to_pylist(),
            table.column("_src_r").to_pylist(),
            table.column("_id_r").to_pylist(),
            table.column("p").to_pylist(),
        )
        return pa.table(
            {
                "_src": pa.array(out["_src"], pa.int32()),
                "_id": pa.array(out["_id"], pa.string()),
                "_cluster": pa.array(out["cluster_id"], pa.string()),
            }
        )

    clustered = persist(
        comp_edges.groupBy("_bucket").applyInArrow(
            clusters, "_src int, _id string, _cluster string"
        )
    )

    # 5. Every input row with its cluster or reject reason, in input order.
    outs = []
    for s, (d, st) in enumerate(zip(numbered, statuses)):
        c = clustered.filter(F.col("_src") == s).drop("_src")
        o = d.join(st, "_row").join(c, "_id", "left")
        o = o.withColumn(
            "cluster_id",
            F.when(F.col("reject_reason").isNull(), F.coalesce(F.col("_cluster"), F.col("_id"))),
        )
        o = o.orderBy("_row").select(*dfs[s].columns, "cluster_id", "reject_reason")
        if link_run:
            o = o.select(F.lit("left" if s == 0 else "right").alias("source"), "*")
        outs.append(o)
    out = outs[0] if not link_run else outs[0].unionByName(outs[1], allowMissingColumns=True)
    out = out.localCheckpoint()
    for d in keep:
        d.unpersist()
    tf.unpersist()
    return out
