"""How well and how fast remarks are de-identified, on the hand-written test set.

Run: python benchmarks/bench_deidentify.py

Reads tests/data/remarks_deidentify.yaml (Dutch remarks written for this,
each with the personal data it holds and ordinary phrases it must keep),
runs the report's de-identifier over it and prints recall per kind of data,
the phrases damaged, and the time: loading deduce once, then per remark.
Targets: 98% of participants' names, 90% of other people's names, no
ordinary phrase damaged.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.deidentify_set

from tests.deidentify_set import OTHER_PEOPLE, evaluate, remarks

from samenbeslissen.analysis import deidentify


def main() -> int:
    if not deidentify.available():
        print("deduce is not installed: pip install 'samenbeslissen[deidentify]'")
        return 1
    start = time.perf_counter()
    deidentify.deidentify("Jo")
    loaded = time.perf_counter() - start
    count = len(remarks())
    start = time.perf_counter()
    scores = evaluate(deidentify.deidentify)
    seconds = time.perf_counter() - start
    print(f"{count} remarks, {sum(scores.total.values())} items of personal data")
    for kind in sorted(scores.total):
        print(f"  {kind:<12} {scores.found[kind]:>4} of {scores.total[kind]:>4} removed")
    participants = scores.recall(["participant"])
    others = scores.recall(OTHER_PEOPLE)
    print(f"participants' names removed: {participants:.1%}   target >= 98%")
    print(f"other people's names and initials removed: {others:.1%}   target >= 90%")
    print(f"ordinary phrases damaged: {len(scores.damaged)}   target 0")
    print(f"remarks without personal data changed: {scores.changed_clean} of {scores.clean}")
    for kind, item, _output in scores.missed:
        print(f"  missed {kind}: {item}")
    print(f"loading deduce: {loaded:.1f} s; then {seconds / count * 1000:.2f} ms per remark")
    ok = participants >= 0.98 and others >= 0.90 and not scores.damaged
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
