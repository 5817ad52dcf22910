"""Benchmark of the client-council report over many stored conversations.

Run: python benchmarks/bench_report.py [--records N]

Writes N conversation records (default 100,000: decided, with instrument
answers and remarks) to a JSON Lines file, then measures in a fresh Python
process: the wall time of reading the file and bundling it into a report,
rendered as HTML, and the peak resident memory of that process. Targets:
under 10 s and under 300 MB for 100,000 records on the 2-core machine, for
the counting: the process blocks ``deduce``, so remarks are withheld. Then
the same with ``deduce`` (when installed), whose load time and word lists
are reported, not judged: every record carries the same remark, which
``deduce`` reads once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import samenbeslissen as sb

MEASURE = """
import json, resource, sys, time, warnings
if sys.argv[2] == "count":
    sys.modules["deduce"] = None  # remarks withheld: the counting alone
warnings.simplefilter("ignore")
import samenbeslissen as sb
start = time.perf_counter()
bundled = sb.report(sb.read_records(sys.argv[1]))
page = sb.render(bundled, "report", "html")
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "total": bundled.total,
                  "page_bytes": len(page), "withheld": bundled.remarks_withheld}))
"""

BASELINE = """
import json, resource, samenbeslissen as sb
sb.render(sb.report([]), "report", "html")
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_records(path: Path, count: int) -> None:
    """Write ``count`` varied records; made by the library itself, then varied in JSON."""
    rnd = random.Random(2026)
    roles = list(sb.DecisionRole)
    templates = []
    for i in range(50):
        clock_start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.timezone.utc)
        ticks = iter(clock_start + dt.timedelta(minutes=7 * n) for n in range(100))
        conv = sb.Conversation(
            "Welke hulp in het huishouden past bij u?",
            client=sb.Participant(name=f"Cliënt {i}"),
            professional=sb.Participant(name="Consulent"),
            clock=lambda ticks=ticks: next(ticks),
        )
        conv.inform(may_codecide=True, preferred_role=rnd.choice(roles))
        for key in ("thuiszorg", "pgb", "zelf")[: rnd.choice([2, 3])]:
            conv.add_option(sb.Option(key=key, title=key, status_quo=key == "zelf"))
        conv.present_options()
        conv.weigh({"vast": rnd.randint(0, 5), "geld": rnd.randint(0, 5)})
        if rnd.random() < 0.2:
            conv.defer(reason="Tijd om na te denken.")
            conv.resume()
        conv.decide(
            "thuiszorg",
            decided_by=rnd.choice(roles),
            rationale="Past bij mij.",
            follow_up=dt.date(2026, 6, 1),
        )
        conv.add_experience(
            answers=[
                sb.Answers(instrument="sdm_q9", items=[rnd.randint(0, 5) for _ in range(9)]),
                sb.Answers(instrument="collaborate", items=[rnd.randint(5, 9) for _ in range(3)]),
                sb.Answers(instrument="sure", items=[rnd.random() < 0.8 for _ in range(4)]),
            ],
            remarks=[
                sb.Remark(text="Ik mocht zelf kiezen.", kind="helped", step="inform"),
                sb.Remark(text="Dit is privé.", private=True),
            ],
        )
        templates.append(conv.to_dict())
    with path.open("w", encoding="utf-8") as file:
        for n in range(count):
            record = templates[n % len(templates)]
            record["client"]["name"] = f"Cliënt {n}"
            record["id"] = f"bench-{n}"  # the report counts each conversation once
            file.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gesprekken.jsonl"
        start = time.perf_counter()
        make_records(path, args.records)
        made = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        runs = {
            mode: json.loads(
                subprocess.run(
                    [sys.executable, "-c", MEASURE, str(path), mode],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for mode in ("count", "deidentify")
        }
        result = runs["count"]
        base = json.loads(
            subprocess.run(
                [sys.executable, "-c", BASELINE], capture_output=True, text=True, check=True
            ).stdout
        )
    per = result["seconds"] / args.records * 1e6
    print(f"python {sys.version.split()[0]}, samenbeslissen {sb.__version__}")
    print(f"records: {args.records:,} in {size_mb:.0f} MB of JSON Lines (written in {made:.1f} s)")
    print(
        f"report + HTML, remarks withheld: {result['seconds']:.2f} s "
        f"({per:.0f} us per record)   target < 10 s"
    )
    print(
        f"peak memory: {result['peak_mb']:.0f} MB (a process that only imports and renders an "
        f"empty report: {base['peak_mb']:.0f} MB)   target < 300 MB"
    )
    full = runs["deidentify"]
    if full["withheld"]:
        print("with remarks de-identified: deduce is not installed")
    else:
        print(
            f"with remarks de-identified by deduce: {full['seconds']:.2f} s, "
            f"peak memory {full['peak_mb']:.0f} MB   (not judged: deduce's word lists)"
        )
    ok = result["total"] == args.records and result["seconds"] < 10 and result["peak_mb"] < 300
    if args.records != 100_000:
        print("not the standard 100,000 records: targets not judged")
        return 0
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
