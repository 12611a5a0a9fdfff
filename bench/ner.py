"""Score the entity recogniser: entity-level P/R/F1 by type (seqeval style) on the part of
ANERcorp train held back from training, speed in sentences/s on one core, and the seed check
against ../shared/data/news/seed/baghouz.expected.yaml.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from builder.ner.corpus import spans
from builder.ner.recognizer import Recognizer
from builder.ner.train import split_anercorp

TYPES = ("PER", "ORG", "LOC")


def score(model: Path | None) -> None:
    rec = Recognizer(model) if model else Recognizer()
    _, held = split_anercorp()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    start = time.perf_counter()
    predicted = [rec.tag_tokens(tokens) for tokens, _ in held]
    elapsed = time.perf_counter() - start
    for (_, gold), pred in zip(held, predicted, strict=True):
        g = {s for s in spans(gold) if s[2] in TYPES}
        p = {s for s in spans(pred) if s[2] in TYPES}
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    print(f"held-back ANERcorp: {len(held)} sentences, {sum(len(t) for t, _ in held)} tokens")
    print(f"{'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for kind in (*TYPES, "micro"):
        t = sum(tp.values()) if kind == "micro" else tp[kind]
        f_p = sum(fp.values()) if kind == "micro" else fp[kind]
        f_n = sum(fn.values()) if kind == "micro" else fn[kind]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:5} {p:6.3f} {r:6.3f} {f1:6.3f} {t + f_n:5}")
    print(f"speed: {len(held) / elapsed:.0f} sentences/s (features + tagging, one core)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path)
    score(ap.parse_args().model)
