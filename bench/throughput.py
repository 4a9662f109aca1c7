"""Throughput of claimtrace's analysis against plain spaCy parsing of the same articles.

    .venv/bin/python bench/throughput.py --limit 200 --repeat 3

Both sides use the same loaded pipeline in the same process. After one warm-up pass, the
baseline (`nlp.pipe` over the texts) and claimtrace (`pipeline.analyze_documents` over the
ingested Documents, parsing included) are timed alternately ``--repeat`` times; the best run
of each is reported, the median beside it. The per-stage breakdown runs `analyze_doc` over the
already parsed Docs with its stage timer on, so a slow stage stands out.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from claimtrace import pipeline
from claimtrace.model import Document
from claimtrace.nlp import load_pipeline, pipeline_info

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "polnear"
DEFAULT_OUT = ROOT / "bench" / "results" / "throughput.json"
# With time, places and events on, the analysis keeps at least 80% of plain parsing speed.
TARGET_RATIO = 0.80
SPLITS = ("dev", "train")
STAGES = (
    "entities",
    "attribution",
    "hedges",
    "evidence",
    "responses",
    "claims",
    "time",
    "places",
    "time_and_place",
    "events",
    "assess",
)


class DataMissing(Exception):
    """The article folder does not exist or holds no .txt files."""


def find_texts(data: Path, limit: int) -> list[str]:
    """Read up to ``limit`` articles: ``data/{dev,train}/text/*.txt``, else ``data/*.txt``."""
    if not data.is_dir():
        raise DataMissing(f"data folder not found: {data}")
    folders = [data / split / "text" for split in SPLITS if (data / split / "text").is_dir()]
    paths = [path for folder in folders or [data] for path in sorted(folder.glob("*.txt"))]
    if not paths:
        raise DataMissing(f"no .txt articles under {data} (expected dev/text/*.txt)")
    return [path.read_text(encoding="utf-8") for path in paths[:limit]]


def make_documents(texts: Iterable[str]) -> list[Document]:
    """Ingest texts as claimtrace does: `ingest.load_input` if present, else bare Documents."""
    try:
        from claimtrace.ingest import load_input
    except ImportError:
        return [Document(text=text) for text in texts]
    return [load_input(text, input_format="text") for text in texts]


def run_baseline(nlp: Language, texts: Sequence[str], batch_size: int) -> float:
    """Seconds to parse every text with plain `nlp.pipe`."""
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def run_claimtrace(documents: Sequence[Document], model: str | None, batch_size: int) -> float:
    """Seconds for `pipeline.analyze_documents` over the Documents, parsing included."""
    start = time.perf_counter()
    for _ in pipeline.analyze_documents(documents, model=model, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_stages(
    nlp: Language, documents: Sequence[Document], batch_size: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds per stage over all articles, as `analyze_doc` runs and times each stage on the
    already parsed Docs, and how many articles each stage failed on."""
    seconds = dict.fromkeys(STAGES, 0.0)
    failures = dict.fromkeys(STAGES, 0)
    texts = [document.text for document in documents]
    for doc, document in zip(nlp.pipe(texts, batch_size=batch_size), documents, strict=True):
        report = pipeline.analyze_doc(doc, document, stage_seconds=seconds)
        for stage in {failure.stage for failure in report.failures}:
            failures[stage] = failures.get(stage, 0) + 1
    return seconds, failures


def side_summary(runs: Sequence[float], articles: int, words: int) -> dict[str, Any]:
    """Best and median time of one side, with its rates computed from the best run."""
    best = min(runs)
    return {
        "runs_s": list(runs),
        "best_s": best,
        "median_s": statistics.median(runs),
        "articles_per_s": articles / best,
        "words_per_s": words / best,
    }


def progress(message: str, quiet: bool) -> None:
    """One line on stderr between timed runs (never inside one)."""
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def benchmark(
    texts: Sequence[str],
    *,
    model: str | None = None,
    batch_size: int = 32,
    repeat: int = 3,
    quiet: bool = True,
) -> dict[str, Any]:
    """Time plain spaCy and claimtrace on the same texts and pipeline; return the results."""
    nlp = load_pipeline(model)
    start = time.perf_counter()
    documents = make_documents(texts)
    ingest_s = time.perf_counter() - start
    parsed_texts = [document.text for document in documents]
    words = sum(len(text.split()) for text in parsed_texts)
    progress("warm-up", quiet)
    warm = max(1, min(len(documents), batch_size))
    run_baseline(nlp, parsed_texts[:warm], batch_size)
    run_claimtrace(documents[:warm], model, batch_size)
    baseline_runs: list[float] = []
    claimtrace_runs: list[float] = []
    for round_no in range(1, repeat + 1):
        baseline_runs.append(run_baseline(nlp, parsed_texts, batch_size))
        claimtrace_runs.append(run_claimtrace(documents, model, batch_size))
        progress(
            f"run {round_no}/{repeat}: spaCy {baseline_runs[-1]:.2f} s, "
            f"claimtrace {claimtrace_runs[-1]:.2f} s",
            quiet,
        )
    progress("per-stage timing", quiet)
    stage_s, stage_failures = time_stages(nlp, documents, batch_size)
    baseline = side_summary(baseline_runs, len(documents), words)
    claimtrace = side_summary(claimtrace_runs, len(documents), words)
    return {
        "articles": len(documents),
        "words": words,
        "batch_size": batch_size,
        "repeat": repeat,
        "baseline": baseline,
        "claimtrace": claimtrace,
        "ratio": claimtrace["articles_per_s"] / baseline["articles_per_s"],
        "ratio_median": baseline["median_s"] / claimtrace["median_s"],
        "target_ratio": TARGET_RATIO,
        "ingest_s": ingest_s,
        "stages_s": stage_s,
        "stage_failures": stage_failures,
        "pipeline": pipeline_info(nlp),
        "pipe_names": list(nlp.pipe_names),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
    }


def rate_lines(result: dict[str, Any]) -> list[str]:
    """Rates of both sides and their ratio against the target."""
    base, ct = result["baseline"], result["claimtrace"]
    verdict = "meets" if result["ratio"] >= result["target_ratio"] else "BELOW"
    return [
        f"{result['articles']} articles, {result['words']} words, batch size "
        f"{result['batch_size']}, best of {result['repeat']}",
        f"{'':<12}{'articles/s':>12}{'words/s':>12}{'best s':>10}{'median s':>10}",
        *(
            f"{label:<12}{side['articles_per_s']:>12.1f}{side['words_per_s']:>12.0f}"
            f"{side['best_s']:>10.2f}{side['median_s']:>10.2f}"
            for label, side in (("plain spaCy", base), ("claimtrace", ct))
        ),
        f"ratio claimtrace / plain spaCy: {result['ratio']:.3f} (median "
        f"{result['ratio_median']:.3f}); target >= {result['target_ratio']:.2f}: {verdict}",
    ]


def stage_lines(result: dict[str, Any]) -> list[str]:
    """Seconds per stage, as a share of the best claimtrace run."""
    total_s = result["claimtrace"]["best_s"]
    lines = ["per-stage time over the parsed docs (seconds, share of the best claimtrace run):"]
    for name, seconds in result["stages_s"].items():
        failed = result["stage_failures"][name]
        note = f"  failed on {failed} articles" if failed else ""
        lines.append(f"  {name:<14}{seconds:>9.3f}{seconds / total_s:>8.1%}{note}")
    stages_sum = sum(result["stages_s"].values())
    overhead = total_s - result["baseline"]["best_s"]
    return [
        *lines,
        f"  {'all stages':<14}{stages_sum:>9.3f}{stages_sum / total_s:>8.1%}",
        f"  {'overhead':<14}{overhead:>9.3f}  best claimtrace - best spaCy",
        f"  {'ingest':<14}{result['ingest_s']:>9.3f}  done once before timing, not included",
    ]


def format_results(result: dict[str, Any]) -> str:
    """A plain-text report of the results."""
    return "\n".join([*rate_lines(result), *stage_lines(result)])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder")
    parser.add_argument("--limit", type=int, default=200, help="articles to use (200)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (32)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per side (3)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (claimtrace default)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results path")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.limit < 1 or args.repeat < 1 or args.batch_size < 1:
        parser.error("--limit, --repeat and --batch-size must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON; 2 when the data is missing."""
    args = parse_args(argv)
    try:
        texts = find_texts(args.data, args.limit)
    except DataMissing as error:
        print(f"error: {error}; pass --data DIR (a PolNeAR checkout)", file=sys.stderr)
        return 2
    result = benchmark(
        texts, model=args.model, batch_size=args.batch_size, repeat=args.repeat, quiet=args.quiet
    )
    result["data"] = str(args.data)
    print(format_results(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
