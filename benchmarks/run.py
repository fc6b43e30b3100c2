"""`make bench`: Flashpoint's speed and memory beside the spaCy floor, written into BENCHMARKS.md.

Every measured job is a separate process (as a user runs it); its wall time and the peak resident
memory of its whole process tree (sampled every 20 ms) are recorded. Flashpoint's extraction and
the floor run alternately, several times, and medians are reported.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold"
BIN = Path(sys.executable).parent
FLASHPOINT = [sys.executable, "-m", "flashpoint"]
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Measure:
    seconds: float
    peak_rss: int  # bytes, summed over the process tree
    stdout: str


def measure(command: list[str]) -> Measure:
    """Run `command`, sampling the resident memory of it and all its children."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, cwd=ROOT)
        root = psutil.Process(process.pid)
        peak = 0
        while process.poll() is None:
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        out.seek(0)
        stdout = out.read()
    if process.returncode != 0:
        raise SystemExit(f"benchmark step failed ({process.returncode}): {' '.join(command)}")
    return Measure(seconds, peak, stdout)


def median_of(runs: list[Measure]) -> Measure:
    return Measure(statistics.median(r.seconds for r in runs), int(statistics.median(r.peak_rss for r in runs)), runs[0].stdout)


def mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def quality() -> list[str]:
    """Event F1 and field accuracies on the annotated sets, when ../shared/gold is there."""
    sets = [GOLD / "articles_dev.jsonl", GOLD / "plover_gsr.jsonl"]
    if not all(s.exists() for s in sets):
        return [f"(quality not measured: {GOLD} not found)"]
    result = measure([*FLASHPOINT, "evaluate", "--json", *map(str, sets)])
    lines = ["| set | event P / R / F1 | source | target | place | date | places Acc@161 |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for line in result.stdout.splitlines():
        report = json.loads(line)
        f = report["figures"]

        def pct(key: str) -> str:
            return "n/a" if f.get(key) is None else f"{100 * f[key]:.1f}"

        lines.append(
            f"| {report['set']} | {pct('event_precision')} / {pct('event_recall')} / {pct('event_f1')} | "
            f"{pct('source_accuracy')} | {pct('target_accuracy')} | {pct('place_accuracy')} | {pct('date_accuracy')} | {pct('places_acc161')} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=psutil.cpu_count(logical=True) or 1)
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()

    work = ROOT / "build" / "bench"
    shutil.rmtree(work, ignore_errors=True)
    corpus = measure([sys.executable, "benchmarks/corpus.py", str(work), "--articles", str(args.articles), "--words", str(args.words)])
    print(corpus.stdout.strip())
    words = int(re.search(r"(\d+) words", corpus.stdout).group(1))
    txt, html, jsonl = work / "txt", work / "html", work / "articles.jsonl"
    one_file = [str(next(iter(sorted(txt.glob("*.txt")))))]
    workers = str(args.workers)

    floor_runs, extract_runs = [], []
    for run in range(args.runs):
        floor_runs.append(measure([sys.executable, "benchmarks/floor.py", "--workers", workers, str(txt)]))
        extract_runs.append(measure([*FLASHPOINT, "extract", "--workers", workers, str(txt)]))
        print(f"run {run + 1}: floor {floor_runs[-1].seconds:.1f} s, flashpoint extract {extract_runs[-1].seconds:.1f} s")
    floor, extract = median_of(floor_runs), median_of(extract_runs)
    # Each Flashpoint run is compared with the floor run just before it (the machine's speed drifts
    # over minutes); the median of those ratios is the figure.
    ratio = statistics.median(e.seconds / f.seconds for f, e in zip(floor_runs, extract_runs))
    floor_start = median_of([measure([sys.executable, "benchmarks/floor.py", *one_file]) for _ in range(args.runs)])
    extract_start = median_of([measure([*FLASHPOINT, "extract", *one_file]) for _ in range(args.runs)])

    def fresh_db() -> str:
        db = work / "ingest.duckdb"
        db.unlink(missing_ok=True)
        return str(db)

    ingest_only = median_of([measure([*FLASHPOINT, "ingest", "--no-extract", str(html), "--db", fresh_db()]) for _ in range(args.runs)])
    ingest_full = measure([*FLASHPOINT, "ingest", "--workers", workers, str(html), "--db", fresh_db()])
    store = json.loads(measure([sys.executable, "benchmarks/store_write.py", str(jsonl), "--articles", str(args.articles)]).stdout)

    n = args.articles
    table = [
        f"Measured {date.today().isoformat()} on {platform.processor() or platform.machine()}, "
        f"{psutil.cpu_count()} cores, Python {platform.python_version()}; corpus: {n} generated articles, "
        f"{words:,} words (`benchmarks/corpus.py`); {args.workers} worker processes; medians of {args.runs} runs.",
        "",
        "| job | wall time | articles/s | words/s | peak RSS (process tree) |",
        "| --- | --- | --- | --- | --- |",
        f"| spaCy floor: `en_core_web_sm` without lemmatizer, {workers} processes | {floor.seconds:.1f} s | {n / floor.seconds:.1f} | {words / floor.seconds:,.0f} | {mb(floor.peak_rss)} |",
        f"| `flashpoint extract --workers {workers}` (full extraction, JSON out) | {extract.seconds:.1f} s | {n / extract.seconds:.1f} | {words / extract.seconds:,.0f} | {mb(extract.peak_rss)} |",
        f"| **ratio flashpoint / floor** (median of the {len(floor_runs)} paired runs) | **{ratio:.2f}** | | | {extract.peak_rss / floor.peak_rss:.2f} |",
        f"| start-up: floor on one article | {floor_start.seconds:.1f} s | | | {mb(floor_start.peak_rss)} |",
        f"| start-up: `flashpoint extract` on one article | {extract_start.seconds:.1f} s | | | {mb(extract_start.peak_rss)} |",
        f"| `flashpoint ingest --no-extract` of the HTML pages (trafilatura, language, dedup, store) | {ingest_only.seconds:.1f} s | {n / ingest_only.seconds:.1f} | {words / ingest_only.seconds:,.0f} | {mb(ingest_only.peak_rss)} |",
        f"| `flashpoint ingest --workers {workers}` of the HTML pages (everything) | {ingest_full.seconds:.1f} s | {n / ingest_full.seconds:.1f} | {words / ingest_full.seconds:,.0f} | {mb(ingest_full.peak_rss)} |",
        f"| store writes alone (DuckDB, one transaction an article, {store['rows'] / store['articles']:.0f} rows each) | {store['seconds']:.1f} s | {store['articles'] / store['seconds']:.1f} | | |",
        "",
        "Quality of the same build (`flashpoint evaluate`):",
        "",
        *quality(),
    ]
    text = "\n".join(table)
    print(text)
    document = args.output.read_text(encoding="utf-8") if args.output.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = document.partition(START)
    _, _, after = rest.partition(END)
    args.output.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
