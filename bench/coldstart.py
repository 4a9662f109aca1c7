"""Cold-start time of the command line: one fresh process analysing one article.

    .venv/bin/python bench/coldstart.py --repeat 3

Runs ``claimtrace analyze examples/harbour-fire.txt --format json`` as a subprocess
``--repeat`` times and prints the min and median wall-clock seconds against the 3 s target.
For scale it also times a bare ``spacy.load`` of the same pipeline in a fresh interpreter,
the floor that any cold start pays (skip it with ``--no-floor``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLE = ROOT / "examples" / "harbour-fire.txt"
DEFAULT_OUT = ROOT / "bench" / "results" / "coldstart.json"
TARGET_S = 3.0
FLOOR_CODE = "import spacy; from claimtrace.nlp import model_name; spacy.load(model_name())"


class CommandFailed(Exception):
    """The timed command exited non-zero."""


def default_executable() -> Path:
    """The console script installed next to this interpreter (``.venv/bin/claimtrace``)."""
    return Path(sys.executable).parent / "claimtrace"


def time_command(command: Sequence[str]) -> float:
    """Wall-clock seconds of one run; raises CommandFailed with its stderr when it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise CommandFailed(
            f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-2000:]}"
        )
    return elapsed


def time_runs(command: Sequence[str], repeat: int) -> dict[str, Any]:
    """Run a command ``repeat`` times; its min and median seconds."""
    runs = [time_command(command) for _ in range(repeat)]
    return {"runs_s": runs, "min_s": min(runs), "median_s": statistics.median(runs)}


def coldstart(
    executable: Path, article: Path, repeat: int, *, floor: bool = True
) -> dict[str, Any]:
    """Time the CLI (and, with ``floor``, a bare pipeline load) in fresh processes."""
    command = [str(executable), "analyze", str(article), "--format", "json"]
    result: dict[str, Any] = {"command": command, "target_s": TARGET_S}
    result["cli"] = time_runs(command, repeat)
    if floor:
        result["spacy_load"] = time_runs([sys.executable, "-c", FLOOR_CODE], repeat)
    return result


def format_results(result: dict[str, Any]) -> str:
    """Plain-text lines for the terminal."""
    cli = result["cli"]
    verdict = "meets" if cli["median_s"] <= result["target_s"] else "ABOVE"
    lines = [
        "command: " + " ".join(result["command"]),
        f"cold start: min {cli['min_s']:.2f} s, median {cli['median_s']:.2f} s over "
        f"{len(cli['runs_s'])} runs; target <= {result['target_s']:.1f} s: {verdict}",
    ]
    if "spacy_load" in result:
        floor = result["spacy_load"]
        lines.append(
            f"floor (fresh python + spacy.load): min {floor['min_s']:.2f} s, "
            f"median {floor['median_s']:.2f} s"
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs (3)")
    parser.add_argument("--exe", type=Path, default=default_executable(), help="claimtrace")
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="input article")
    parser.add_argument("--no-floor", action="store_true", help="skip the spacy.load floor")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results path")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Time the cold start, print it and write the JSON; 2 when the command cannot run."""
    args = parse_args(argv)
    for path in (args.exe, args.article):
        if not path.exists():
            print(f"error: not found: {path}", file=sys.stderr)
            return 2
    try:
        result = coldstart(args.exe, args.article, args.repeat, floor=not args.no_floor)
    except CommandFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_results(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
