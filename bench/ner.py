"""Score the entity recogniser: entity-level P/R/F1 by type (seqeval style) on the part of
ANERcorp train held back from training, speed in sentences/s on one core, and the seed check
against ../shared/data/news/seed/baghouz.expected.yaml.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the training scripts beside the package

from builder.arabic.normalize import fold_word, stem
from builder.ner.consistency import propagate
from builder.ner.corpus import spans
from builder.ner.features import _shape, normal, shape_of
from builder.ner.neural import WEIGHTS
from builder.ner.recognizer import Recognizer
from builder.ner.resources import MODEL
from training.train import split_anercorp

TYPES = ("PER", "ORG", "LOC")


def score(rec: Recognizer, title: str, alone: bool = False) -> None:
    """``alone``: each sentence is its own text, as ``arshif entities`` reads one per line, so
    a name found in one sentence is not carried to the next."""
    _, held = split_anercorp()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    predicted = tag([t for t, _ in held], rec, alone)
    for (_, gold), pred in zip(held, predicted, strict=True):
        g = {s for s in spans(gold) if s[2] in TYPES}
        p = {s for s in spans(pred) if s[2] in TYPES}
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    print(f"{title}, held-back ANERcorp: {len(held)} sentences, "
          f"{sum(len(t) for t, _ in held)} tokens")
    print(f"{'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for kind in (*TYPES, "micro"):
        t = sum(tp.values()) if kind == "micro" else tp[kind]
        f_p = sum(fp.values()) if kind == "micro" else fp[kind]
        f_n = sum(fn.values()) if kind == "micro" else fn[kind]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:5} {p:6.3f} {r:6.3f} {f1:6.3f} {t + f_n:5}")


def tag(sentences: list[list[str]], rec: Recognizer, alone: bool = False,
        size: int = 25) -> list[list[str]]:
    """Tags in batches of ``size`` sentences: 25 is about an article's worth, tagged together
    as in a build; ``arshif entities`` tags a file 256 lines at a time."""
    predicted = []
    for i in range(0, len(sentences), size):
        batch = sentences[i:i + size]
        tagged = rec.tag_many(batch)
        if alone:
            predicted += [propagate([s], [t])[0] for s, t in zip(batch, tagged, strict=True)]
        else:
            predicted += propagate(batch, tagged)
    return predicted


def speed(title: str, make: Callable[[], Recognizer], size: int = 25, alone: bool = False,
          runs: int = 5) -> None:
    """Sentences per second tagging the held-back part, from cold: a new recogniser each run
    (loading is not timed) and the per-token caches emptied. This VM's timings vary by a third
    from run to run, so the median of several runs is printed, with the range."""
    sentences = [t for t, _ in split_anercorp()[1]]
    rates = []
    for _ in range(runs):
        for cached in (normal, _shape, shape_of, stem, fold_word):
            cached.cache_clear()
        rec = make()
        start = time.perf_counter()
        tag(sentences, rec, alone, size)
        rates.append(len(sentences) / (time.perf_counter() - start))
    print(f"speed, {title}: median {statistics.median(rates):.0f} sentences/s over {runs} runs "
          f"({min(rates):.0f}-{max(rates):.0f}; features, tagging and consistency; one core; "
          "cold caches)")


def cli_speed(runs: int = 5) -> None:
    """``arshif entities`` as an evaluation runs it: a new process reading the held-back part,
    one sentence per line, start-up and loading included (shipped models); and start-up alone."""
    lines = "".join(" ".join(tokens) + "\n" for tokens, _ in split_anercorp()[1])
    command = [sys.executable, "-m", "builder.cli", "entities"]
    for title, given in (("start-up alone (empty input)", ""), ("held-back lines", lines)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, input=given, text=True, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        told = f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f})"
        if given:
            told += f", {given.count(chr(10)) / statistics.median(times):.0f} sentences/s"
        print(f"arshif entities, {title}: median {told} over {runs} runs")


def seed_check(rec: Recognizer) -> None:
    """The seed article's places and actors under canonical names, with the bundled registry."""
    import yaml

    from builder.assemble import assemble
    from builder.extract.entities import EntityFinder, resolve
    from builder.model import Origin, RawArticle
    from builder.registry import Registry

    root = Path(__file__).resolve().parents[1]
    expected = yaml.safe_load((root.parent / "shared" / "data" / "news" / "seed" /
                               "baghouz.expected.yaml").read_text(encoding="utf-8"))
    text = (root / "content" / "seed" / "baghouz.txt").read_text(encoding="utf-8")
    article, _ = assemble(RawArticle(Origin("seed"), text, "text", {}, "utf_8"), 90)
    assert article is not None
    finder = EntityFinder(Registry.load(root / "content" / "entities.yml"))
    hits = list(finder.registry.scan(article.text))
    finder.add(article, resolve(rec.find(article.text), hits, finder.registry, article.text))
    finder.settle()
    places, actors = (set(names) for names in finder.names(article))
    want_p = set(expected["places"])
    want_a = set(expected["actors"]["organisations"]) | set(expected["actors"]["people"])
    print(f"seed: places {len(places & want_p)}/{len(want_p)}, actors {len(actors & want_a)}/"
          f"{len(want_a)}, wrong {len(places - want_p) + len(actors - want_a)} "
          f"{sorted((places - want_p) | (actors - want_a))}")
    found = {m.text for m in rec.find(text)}
    print(f"seed, recogniser alone (no registry): {len(found)} distinct mentions")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=MODEL, help="the CRF")
    ap.add_argument("--neural", type=Path, default=WEIGHTS, help="the network's weights (.npz)")
    args = ap.parse_args()
    if args.model == MODEL or args.neural == WEIGHTS:
        print("note: the shipped models were trained on the held-back part too; for an honest "
              "score train them without it (make bench) and pass --model and --neural")
    score(Recognizer(args.model, None), "CRF alone")
    combined = Recognizer(args.model, args.neural)
    score(combined, "CRF + network (the recogniser), articles of 25 sentences as in a build")
    score(combined, "CRF + network, each sentence alone as arshif entities reads it (one text "
          "per line)", alone=True)
    speed("CRF alone", lambda: Recognizer(args.model, None))
    speed("CRF + network, articles of 25 sentences", lambda: Recognizer(args.model, args.neural))
    speed("CRF + network, 256 lines at a time as arshif entities reads a file",
          lambda: Recognizer(args.model, args.neural), size=256, alone=True)
    cli_speed()
    seed_check(combined)
