"""Train the entity recogniser (``make model``): a CRF over ../shared/data/ner, shipped in builder/data.

Training data: the training part of ANERcorp train (newswire, CC BY-SA 4.0 split; ``--all``:
all of it, for the shipped model), see :func:`anercorp_parts`, plus, with ``--extra``, AQMAR
(Wikipedia, CC BY-SA 3.0) and the Wojood sample (MIT); and a copy of every sentence that names
someone or something, its names swapped for others of their type (augment.py). The model file is
CC BY-SA 4.0 (derived from ANERcorp).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pycrfsuite

from builder.ner.corpus import Sentence, read_conll
from builder.ner.features import sentence_features
from builder.ner.resources import MODEL, load_resources
from builder.ner.tagger import export_tables
from training.augment import swapped_copies

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"
#: ANERcorp train in three contiguous parts, like the official test split (the corpus's last
#: sixth), so a part's articles are unseen by a model trained on another. ``tune``, the last
#: tenth, is where settings were chosen and errors read; ``report``, the two tenths before it,
#: is only ever scored (its errors are never read, and nothing is made from it but the models
#: ``--all`` ships); the rest trains.
REPORT_START, TUNE_START = 0.7, 0.9


class Parts(NamedTuple):
    train: list[Sentence]
    report: list[Sentence]
    tune: list[Sentence]


def anercorp_parts() -> Parts:
    """ANERcorp train cut into its training, report and tuning parts."""
    sentences = list(read_conll(SHARED / "anercorp" / "train.txt"))
    report, tune = (int(len(sentences) * share) for share in (REPORT_START, TUNE_START))
    return Parts(sentences[:report], sentences[report:tune], sentences[tune:])


def training_sentences(everything: bool) -> list[Sentence]:
    """What a model learns from: the training part, or all three parts for the shipped model."""
    parts = anercorp_parts()
    return parts.train + parts.report + parts.tune if everything else parts.train


def other_domain() -> list[Sentence]:
    """AQMAR (Arabic Wikipedia): scores the models on another domain."""
    return [*read_conll(SHARED / "aqmar" / "train.txt"), *read_conll(SHARED / "aqmar" / "dev.txt")]


def extra_corpora() -> list[Sentence]:
    """Other domains to learn from: AQMAR and the Wojood sample."""
    return [*other_domain(), *read_conll(SHARED / "wojood-sample" / "train.txt"),
            *read_conll(SHARED / "wojood-sample" / "val.txt")]


def train(sentences: list[Sentence], out: Path, c1: float, c2: float, iterations: int) -> None:
    res = load_resources()
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(sentence_features(tokens, res), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    export_tables(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.02)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--extra", action="store_true", help="add AQMAR and the Wojood sample")
    ap.add_argument("--all", action="store_true",
                    help="train on every part of ANERcorp train (the shipped model)")
    ap.add_argument("--seed", type=int, default=1, help="of the names swapped in the copies")
    args = ap.parse_args()
    sentences = training_sentences(args.all)
    if args.extra:
        sentences += extra_corpora()
    sentences += swapped_copies(sentences, args.seed)
    start = time.perf_counter()
    train(sentences, args.out, args.c1, args.c2, args.iterations)
    print(f"trained on {len(sentences)} sentences in {time.perf_counter() - start:.0f}s -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
