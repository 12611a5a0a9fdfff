"""Score the entity recogniser by the protocol of ``training.train.anercorp_parts``.

Models trained on the training part of ANERcorp train, one pair per seed, are scored
entity-level (seqeval style) on the tuning part (where settings were chosen and errors read),
on the report part (scored only: never read) and on AQMAR (Arabic Wikipedia, another domain);
each figure with its seed, then the mean and the spread over seeds. Then speed in sentences/s on
one core, and the seed check against ../shared/data/news/seed/baghouz.expected.yaml.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the training scripts beside the package

from builder.arabic.normalize import fold_word, stem
from builder.ner.consistency import propagate
from builder.ner.corpus import Sentence, spans
from builder.ner.features import _shape, normal, shape_of
from builder.ner.neural import WEIGHTS
from builder.ner.recognizer import Recognizer
from builder.ner.resources import MODEL
from training.train import anercorp_parts, other_domain

TYPES = ("PER", "ORG", "LOC")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
#: What each row scores: the CRF alone (``recogniser: fast``), both models on an article's
#: sentences tagged together (a build), and each sentence a text of its own (``arshif entities``).
MODES = ("CRF alone", "both, articles", "both, each line alone")
#: One split's figures for one pair of models and mode: F1 by type, micro-F1 and its
#: precision ("P") and recall ("R")
Row = dict[str, float]


def f1_by_type(rec: Recognizer, sentences: Sequence[Sentence], alone: bool) -> Row:
    """Entity-level F1 by type and micro-F1 (with its precision and recall) on gold sentences."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    predicted = tag([t for t, _ in sentences], rec, alone)
    for (_, gold), pred in zip(sentences, predicted, strict=True):
        g = {s for s in spans(gold) if s[2] in TYPES}
        found = {s for s in spans(pred) if s[2] in TYPES}
        for s in g & found:
            tp[s[2]] += 1
        for s in found - g:
            fp[s[2]] += 1
        for s in g - found:
            fn[s[2]] += 1
    row: Row = {}
    for kind in (*TYPES, "micro"):
        t = sum(tp.values()) if kind == "micro" else tp[kind]
        f_p = sum(fp.values()) if kind == "micro" else fp[kind]
        f_n = sum(fn.values()) if kind == "micro" else fn[kind]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        row[kind] = 2 * p * r / (p + r) if p + r else 0.0
        if kind == "micro":
            row["P"], row["R"] = p, r
    return row


def models(seed: int) -> tuple[Path, Path]:
    """The seed's CRF and network, trained on the training part (trained here if missing)."""
    crf, net = OUT / f"ner-s{seed}.crfsuite", OUT / f"ner-nn-s{seed}.npz"
    for module, path in (("training.train", crf), ("training.train_nn", net)):
        if not path.exists():
            subprocess.run([sys.executable, "-m", module, "--out", str(path), "--seed", str(seed)],
                           check=True, cwd=ROOT)
    return crf, net


def score(pairs: dict[str, tuple[Path, Path]]) -> None:
    """Print every split's figures by pair of models (named by its seed) and mode, then their
    mean and spread."""
    parts = anercorp_parts()
    splits = {"tune (ANERcorp train, last tenth)": parts.tune,
              "report (ANERcorp train, 70-90%, never read)": parts.report,
              "AQMAR (Wikipedia, other domain)": other_domain()}
    rows: dict[tuple[str, str], list[Row]] = {}
    for crf, net in pairs.values():
        fast, both = Recognizer(crf, None), Recognizer(crf, net)
        for split, sentences in splits.items():
            for mode, rec, alone in zip(MODES, (fast, both, both), (False, False, True), strict=True):
                rows.setdefault((split, mode), []).append(f1_by_type(rec, sentences, alone))
    columns = ("P", "R", "micro", *TYPES)
    for split, sentences in splits.items():
        print(f"\n{split}: {len(sentences)} sentences, {sum(len(t) for t, _ in sentences)} tokens")
        print(f"{'mode':24} {'seed':>6} " + " ".join(f"{c:>6}" for c in columns))
        for mode in MODES:
            found = rows[(split, mode)]
            lines = [(seed, [row[c] for c in columns]) for seed, row in zip(pairs, found, strict=True)]
            if len(found) > 1:
                lines.append(("mean", [statistics.mean(r[c] for r in found) for c in columns]))
                lines.append(("spread", [max(r[c] for r in found) - min(r[c] for r in found)
                                         for c in columns]))
            for label, values in lines:
                print(f"{mode:24} {label:>6} " + " ".join(f"{v:6.3f}" for v in values))


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
    """Sentences per second tagging the tuning part, from cold: a new recogniser each run
    (loading is not timed) and the per-token caches emptied. This VM's timings vary by a third
    from run to run, so the median of several runs is printed, with the range."""
    sentences = [t for t, _ in anercorp_parts().tune]
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
    """``arshif entities`` as an evaluation runs it: a new process reading the tuning part,
    one sentence per line, start-up and loading included (shipped models); and start-up alone."""
    lines = "".join(" ".join(tokens) + "\n" for tokens, _ in anercorp_parts().tune)
    command = [sys.executable, "-m", "builder.cli", "entities"]
    for title, given in (("start-up alone (empty input)", ""), ("tuning part, one sentence a line", lines)):
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

    expected = yaml.safe_load((ROOT.parent / "shared" / "data" / "news" / "seed" /
                               "baghouz.expected.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "content" / "seed" / "baghouz.txt").read_text(encoding="utf-8")
    article, _ = assemble(RawArticle(Origin("seed"), text, "text", {}, "utf_8"), 90)
    assert article is not None
    finder = EntityFinder(Registry.load(ROOT / "content" / "entities.yml"))
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
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3],
                    help="train (where missing, in bench/out) and score a pair of models per seed")
    ap.add_argument("--shipped", action="store_true",
                    help="score the shipped models instead (trained on every part: no figure)")
    args = ap.parse_args()
    if args.shipped:
        print("note: the shipped models were trained on every part, so these scores are no "
              "result; make bench scores models trained on the training part alone")
    score({"shipped": (MODEL, WEIGHTS)} if args.shipped else
          {str(seed): models(seed) for seed in args.seeds})
    print("\nThe shipped models (builder/data, trained on all of ANERcorp train):")
    speed("CRF alone", lambda: Recognizer(MODEL, None))
    speed("CRF + network, articles of 25 sentences", lambda: Recognizer(MODEL, WEIGHTS))
    speed("CRF + network, 256 lines at a time as arshif entities reads a file",
          lambda: Recognizer(MODEL, WEIGHTS), size=256, alone=True)
    cli_speed()
    seed_check(Recognizer(MODEL, WEIGHTS))
