"""Throughput and memory of letopis and its peers, on the same texts in the same run.

    python benchmarks/throughput.py --quick          # corpus/ once, every system, well under a minute
    python benchmarks/throughput.py                  # corpus/ repeated to >= 200 articles, + shared dev sets
    python benchmarks/throughput.py --rss-growth     # letopis RSS after 1 000 vs 10 000 generated articles
    python benchmarks/throughput.py --rounds 3       # each system 3 times, order rotated, the median reported

Systems, each measured in a fresh subprocess (models loaded there, then one
untimed warm-up text, then every text once, one at a time as its documented
usage goes):

- ``letopis-1w``: letopis, all outputs, in one process (``process_pages``);
- ``letopis-2w``: letopis, all outputs, a ``LocalPool`` of 2 workers (started
  and loaded before the clock starts; chunks of ``--batch`` articles, 16, or
  7 in ``--quick`` so that the 14 articles reach both workers: both letopis
  systems use the same batch), as ``letopis ingest --workers 2`` runs it: the
  workers send each Document back without its token layer, which the
  knowledge base does not store (``store.writer.NOT_STORED``);
- ``natasha-full``: natasha's documented pipeline per ``Doc``: segment,
  NewsMorphTagger, NewsSyntaxParser, NewsNERTagger, ``span.normalize``;
- ``natasha-ner``: segment + NewsNERTagger alone;
- ``pullenti``: the PullEnti SDK (``Sdk.initialize()``, Russian and English;
  one ``Processor.process`` per text); reported unavailable, with the reason,
  when the package cannot be imported or run.

Every system gets the identical strings: the articles are cleaned once by
letopis's cleaner before timing, and letopis then runs with
``Options(clean=False)``.  ``OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1``
is set for every subprocess alike (stated in the output).  Peak RSS is
sampled (psutil, 20 Hz) over the subprocess and all its children, summed —
for letopis-2w that is the parent plus both workers — and, as a cross-check,
the largest single process from ``getrusage`` (RUSAGE_SELF / RUSAGE_CHILDREN
in the subprocess).  Datasets: ``corpus`` (corpus/txt + corpus/html, repeated
to at least ``--min-articles``), and, when ../shared/data is beside the repo
and not ``--quick``, the FactRuEval-2016 devset and NEREL-1.1 dev texts
(read there, never copied: only numbers are written).  Results go to
benchmarks/out/throughput[-quick|-rss].json and a markdown table to stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared" / "data"
OUT = HERE / "out"
SYSTEMS = ("letopis-1w", "letopis-2w", "natasha-full", "natasha-ner", "pullenti")
THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
WARM_UP = "Министр иностранных дел России Сергей Лавров 5 марта прилетел в Астану и заявил: «Мы готовы»."
SAMPLE_S = 0.05


# --- the systems (run inside the measured subprocess) -----------------------------------------


def _letopis(workers: int, batch: int):
    sys.path.insert(0, str(REPO / "src"))
    from letopis.document import Document
    from letopis.pipeline import Options, build_pipeline, process_pages
    from letopis.readers.base import RawPage

    options = Options(clean=False, batch=batch)
    if workers == 1:
        pipeline = build_pipeline(options)

        def run_all(texts):
            pages = (RawPage(f"t{i}", t) for i, t in enumerate(texts))
            return _count(process_pages(pages, options, pipeline), Document)

        return run_all, None
    from letopis.engines.local import LocalPool

    from letopis.store.writer import NOT_STORED

    pool = LocalPool(options, workers, drop=NOT_STORED).start()

    def run_all(texts):
        pages = (RawPage(f"t{i}", t) for i, t in enumerate(texts))
        return _count(pool.run(pages), Document)

    return run_all, pool.close  # closed before getrusage, so RUSAGE_CHILDREN covers the workers


def _count(items, doc_type) -> dict:
    ok = errors = records = 0
    for item in items:
        if isinstance(item, doc_type):
            ok += 1
            records += len(item.mentions)
        else:
            errors += 1
    return {"ok": ok, "errors": errors, "records": records}


def _natasha(full: bool):
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    segmenter, emb = Segmenter(), NewsEmbedding()
    ner_tagger = NewsNERTagger(emb)
    if full:
        morph_vocab, morph_tagger, syntax_parser = MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb)

    def run_one(text: str) -> int:
        doc = Doc(text)
        doc.segment(segmenter)
        if full:
            doc.tag_morph(morph_tagger)
            doc.parse_syntax(syntax_parser)
        doc.tag_ner(ner_tagger)
        if full:
            for span in doc.spans:
                span.normalize(morph_vocab)
        return len(doc.spans)

    return _one_by_one(run_one), None


def _pullenti():
    from pullenti.Sdk import Sdk
    from pullenti.ner.ProcessorService import ProcessorService
    from pullenti.ner.SourceOfAnalysis import SourceOfAnalysis

    Sdk.initialize()  # Russian and English, every analyzer (the SDK's default)
    processor = ProcessorService.create_processor()

    def run_one(text: str) -> int:
        return len(processor.process(SourceOfAnalysis(text), None, None).entities)

    return _one_by_one(run_one), None


def _one_by_one(run_one):
    def run_all(texts):
        ok = records = 0
        for text in texts:
            records += run_one(text)
            ok += 1
        return {"ok": ok, "errors": 0, "records": records}

    return run_all


def make_system(name: str, workers: int = 2, batch: int = 16):
    """(run_all(texts) -> counts, close() or None)."""
    if name == "letopis-1w":
        return _letopis(1, batch)
    if name == "letopis-2w":
        return _letopis(workers, batch)
    if name == "natasha-full":
        return _natasha(True)
    if name == "natasha-ner":
        return _natasha(False)
    if name == "pullenti":
        return _pullenti()
    raise SystemExit(f"unknown system {name}")


def _maxrss_mb() -> dict:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"max_process_rss_mb": round(max(self_kb, children_kb) / 1024, 1), "self_rss_mb": round(self_kb / 1024, 1)}


def child(system: str, texts_path: Path, result_path: Path, workers: int, batch: int) -> None:
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    result: dict = {"system": system}
    try:
        t0 = time.perf_counter()
        run_all, close = make_system(system, workers, batch)
        run_all([WARM_UP])
        result["load_s"] = round(time.perf_counter() - t0, 3)
        t0 = time.perf_counter()
        result.update(run_all(texts))
        result["run_s"] = round(time.perf_counter() - t0, 3)
        result["available"] = True
        if close:
            close()
    except ImportError as exc:
        result.update(available=False, reason=f"cannot import: {exc}")
    except Exception as exc:  # a peer that cannot run is reported, not fatal
        result.update(available=False, reason=f"{type(exc).__name__}: {exc}"[:300])
    result.update(_maxrss_mb())
    result_path.write_text(json.dumps(result), encoding="utf-8")


def growth_child(result_path: Path, workers: int, checkpoints: list[int], seed: int) -> None:
    """letopis on generated articles, streamed: RSS of the process tree after each checkpoint."""
    import psutil

    sys.path.insert(0, str(REPO / "src"))
    sys.path.insert(0, str(HERE))
    from corpus_gen import generate
    from letopis.engines.local import LocalPool
    from letopis.pipeline import Options, build_pipeline, process_pages
    from letopis.readers.base import RawPage

    options = Options(clean=False)
    from letopis.store.writer import NOT_STORED

    pool = LocalPool(options, workers, drop=NOT_STORED).start() if workers > 1 else None
    pipeline = None if pool else build_pipeline(options)
    if pipeline:
        list(process_pages([RawPage("<warm-up>", WARM_UP)], options, pipeline))  # models load before the clock
    me, marks, chars = psutil.Process(), [], 0

    def pages():
        nonlocal chars
        for i, art in enumerate(generate(max(checkpoints), seed)):
            chars += len(art["text"])
            yield RawPage(f"gen:{i}", art["text"])

    t0 = time.perf_counter()
    results = pool.run(pages()) if pool else process_pages(pages(), options, pipeline)
    done = errors = 0
    for item in results:
        done += 1
        errors += not hasattr(item, "text")
        if done in checkpoints:
            marks.append({"articles": done, "tree_rss_mb": round(_tree_rss(me) / 2**20, 1),
                          "elapsed_s": round(time.perf_counter() - t0, 1)})
            print(f"  {done} articles: {marks[-1]['tree_rss_mb']} MB", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    if pool:
        pool.close()
    result = {"system": f"letopis-{workers}w", "checkpoints": marks, "articles": done, "errors": errors,
              "chars": chars, "articles_per_s": round(done / seconds, 2), **_maxrss_mb()}
    result_path.write_text(json.dumps(result), encoding="utf-8")


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


# --- the driver --------------------------------------------------------------------------------


def run_measured(args: list[str], timeout: float) -> tuple[dict, float]:
    """Run one measuring subprocess; returns its result and the peak RSS of its process tree (MB)."""
    import psutil

    env = {**os.environ, **THREAD_ENV, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryDirectory() as tmp:
        result_path = Path(tmp) / "result.json"
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args, "--result", str(result_path)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ps = psutil.Process(proc.pid)
        peak, deadline = 0, time.monotonic() + timeout
        while proc.poll() is None:
            peak = max(peak, _tree_rss(ps))
            if time.monotonic() > deadline:
                for p in [*ps.children(recursive=True), ps]:
                    p.kill()
                proc.wait()
                return {"available": False, "reason": f"timed out after {timeout:.0f} s"}, peak / 2**20
            time.sleep(SAMPLE_S)
        stderr = proc.stderr.read()
        if not result_path.exists():
            tail = " | ".join(stderr.strip().splitlines()[-3:])
            return {"available": False, "reason": f"exit status {proc.returncode}: {tail}"[:300]}, peak / 2**20
        return json.loads(result_path.read_text(encoding="utf-8")), peak / 2**20


def corpus_texts() -> list[str]:
    sys.path.insert(0, str(REPO / "src"))
    from letopis.clean import clean_text
    from letopis.readers import read_sources

    pages = read_sources([str(REPO / "corpus" / "txt"), str(REPO / "corpus" / "html")])
    return [clean_text(p.content, p.meta).text for p in pages if hasattr(p, "content")]


def folder_texts(folder: Path, pattern: str) -> list[str]:
    return [p.read_text(encoding="utf-8-sig", errors="replace") for p in sorted(folder.glob(pattern))]


def datasets(quick: bool, min_articles: int) -> dict[str, list[str]]:
    base = corpus_texts()
    repeat = 1 if quick else -(-min_articles // len(base))
    out = {"corpus" if repeat == 1 else f"corpus x{repeat}": base * repeat}
    if not quick:
        for name, folder, pattern in (("factrueval-2016 devset", SHARED / "factrueval-2016" / "devset", "*.txt"),
                                      ("nerel-1.1 dev", SHARED / "nerel-1.1" / "dev", "*.txt")):
            texts = folder_texts(folder, pattern) if folder.is_dir() else []
            if texts:
                out[name] = texts
            else:
                print(f"({name}: {folder} not found, skipped)", file=sys.stderr)
    return out


def measure(texts: list[str], systems: list[str], workers: int, batch: int, timeout: float,
            rounds: int = 1, once: frozenset = frozenset()) -> list[dict]:
    """Each system ``rounds`` times, in a rotated order each round (a neighbour's burst of load
    on a shared machine then hits a different system each time); a row is the system's median
    run, with every run's seconds in ``runs_s``.  Systems in ``once`` run in the first round only."""
    runs: dict[str, list[tuple[dict, float]]] = {s: [] for s in systems}
    with tempfile.TemporaryDirectory() as tmp:
        texts_path = Path(tmp) / "texts.json"
        texts_path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        chars = sum(len(t) for t in texts)
        for n in range(rounds):
            for system in systems[n % len(systems):] + systems[: n % len(systems)]:
                if n and (system in once or not runs[system][0][0].get("available")):
                    continue
                print(f"  {system} (round {n + 1}) ...", file=sys.stderr, flush=True)
                runs[system].append(run_measured(["--child", system, "--texts", str(texts_path), "--workers",
                                                  str(workers), "--batch", str(batch)], timeout))
    rows = []
    for system in systems:
        done = sorted(runs[system], key=lambda rp: rp[0].get("run_s") or float("inf"))
        result, peak = done[(len(done) - 1) // 2]
        row = {"system": system, "articles": len(texts), "chars": chars, **result,
               "peak_tree_rss_mb": round(max(p for _, p in done), 1),
               "runs_s": [r.get("run_s") for r, _ in runs[system]]}
        if result.get("available") and result.get("run_s"):
            row["articles_per_s"] = round(len(texts) / result["run_s"], 2)
            row["chars_per_s"] = round(chars / result["run_s"])
        rows.append(row)
    return rows


def ratios(rows: list[dict]) -> dict[str, float | None]:
    speed = {r["system"]: r.get("articles_per_s") for r in rows}

    def ratio(a: str, b: str):
        return round(speed[a] / speed[b], 2) if speed.get(a) and speed.get(b) else None

    return {"letopis-1w / natasha-full": ratio("letopis-1w", "natasha-full"),
            "letopis-1w / pullenti": ratio("letopis-1w", "pullenti"),
            "letopis-2w / letopis-1w": ratio("letopis-2w", "letopis-1w")}


def table(name: str, rows: list[dict], rat: dict) -> str:
    head = ("| system | articles | chars | load s | run s | articles/s | chars/s | peak RSS MB (tree) "
            "| largest process MB | records |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [f"### {name}", "", head]
    for r in rows:
        if not r.get("available"):
            lines.append(f"| {r['system']} | unavailable: {r.get('reason', '?')} | | | | | | | | |")
            continue
        lines.append(f"| {r['system']} | {r['ok']} | {r['chars']} | {r['load_s']:.1f} | {r['run_s']:.1f} "
                     f"| {r['articles_per_s']:.2f} | {r['chars_per_s']} | {r['peak_tree_rss_mb']:.0f} "
                     f"| {r['max_process_rss_mb']:.0f} | {r['records']} |")
    lines += ["", "ratios (articles/s): " + ", ".join(f"{k} = {v if v is not None else 'n/a'}" for k, v in rat.items()), ""]
    return "\n".join(lines)


def environment() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def v(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()], "thread_env": THREAD_ENV,
            "versions": {p: v(p) for p in ("letopis", "natasha", "slovnet", "numpy", "pullenti")}}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="corpus/ once (14 articles), no shared sets: well under a minute")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from {', '.join(SYSTEMS)}")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each system per dataset, order rotated; the median is reported")
    ap.add_argument("--once", default="pullenti", help="systems run in the first round only (default pullenti: minutes a run)")
    ap.add_argument("--min-articles", type=int, default=200, help="repeat corpus/ to at least this many")
    ap.add_argument("--workers", type=int, default=2, help="workers of the letopis-2w system and of --rss-growth")
    ap.add_argument("--batch", type=int, help="letopis articles per batch (chunk): 16, --quick 7 so that"
                    " the 14 articles reach both workers")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed to one system on one dataset")
    ap.add_argument("--rss-growth", action="store_true", help="letopis RSS after --growth-at generated articles")
    ap.add_argument("--growth-at", default="1000,10000", help="checkpoints for --rss-growth")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=OUT)
    # internal: the measured subprocess
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--growth-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        return child(args.child, args.texts, args.result, args.workers, args.batch or 16)
    checkpoints = sorted(int(x) for x in args.growth_at.split(","))
    if args.growth_child:
        return growth_child(args.result, args.workers, checkpoints, args.seed)

    env = environment()
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    note = ("OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1 for every system; "
            f"{env['cpus']} CPUs, load average at start {env['loadavg_at_start']}")
    if args.rss_growth:
        results = []
        for workers in sorted({1, args.workers}):
            print(f"rss growth, letopis {workers} worker(s), {checkpoints} generated articles ...", file=sys.stderr)
            extra = ["--workers", str(workers), "--growth-at", args.growth_at, "--seed", str(args.seed)]
            result, peak = run_measured(["--growth-child", *extra], args.timeout * 10)
            result["peak_tree_rss_mb"] = round(peak, 1)
            marks = result.get("checkpoints") or []
            if len(marks) >= 2:
                result["growth_pct"] = round(100 * (marks[-1]["tree_rss_mb"] / marks[0]["tree_rss_mb"] - 1), 1)
            results.append(result)
            print(json.dumps(result, ensure_ascii=False))
        (args.out / "throughput-rss.json").write_text(json.dumps({"environment": env, "note": note, "results": results},
                                                                 ensure_ascii=False, indent=1), encoding="utf-8")
        print(note)
        return

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    batch = args.batch or (7 if args.quick else 16)
    note += f"; letopis batch (chunk) {batch} articles; median of {args.rounds} round(s) (once: {args.once or '-'})"
    report = {"environment": env, "note": note, "quick": args.quick, "datasets": {}}
    out_md = [f"## letopis throughput ({'quick' if args.quick else 'full'})", "", note, ""]
    for name, texts in datasets(args.quick, args.min_articles).items():
        print(f"{name}: {len(texts)} texts", file=sys.stderr)
        rows = measure(texts, systems, args.workers, batch, args.timeout, args.rounds,
                       frozenset(x.strip() for x in args.once.split(",") if x.strip()))
        rat = ratios(rows)
        report["datasets"][name] = {"rows": rows, "ratios": rat}
        out_md.append(table(name, rows, rat))
    report["total_s"] = round(time.perf_counter() - started, 1)
    out_md.append(f"total {report['total_s']} s")
    path = args.out / ("throughput-quick.json" if args.quick else "throughput.json")
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n".join(out_md))
    print(f"\n(JSON: {path})")


if __name__ == "__main__":
    main()
