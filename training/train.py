"""Train the entity recogniser (``make model``): a CRF over ../shared/data/ner, shipped in builder/data.

Training data: ANERcorp train (newswire, CC BY-SA 4.0 split) less a held-back tenth kept for
evaluation (``bench/ner.py``), plus, with ``--extra``, AQMAR (Wikipedia, CC BY-SA 3.0) and the
Wojood sample (MIT); and a copy of every sentence that names someone or something, its names
swapped for others of their type (augment.py). The model file is CC BY-SA 4.0 (derived from
ANERcorp).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

from builder.ner.corpus import Sentence, read_conll
from builder.ner.features import sentence_features
from builder.ner.resources import MODEL, load_resources
from builder.ner.tagger import export_tables
from training.augment import swapped_copies

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"
#: The last tenth of ANERcorp train is held back for evaluation: contiguous, like the official
#: test split (the last sixth of the corpus), so its articles are unseen in training.
HOLD_BACK = 0.1


def split_anercorp() -> tuple[list[Sentence], list[Sentence]]:
    """ANERcorp train as (training part, held-back part)."""
    sentences = list(read_conll(SHARED / "anercorp" / "train.txt"))
    cut = int(len(sentences) * (1 - HOLD_BACK))
    return sentences[:cut], sentences[cut:]


def extra_corpora() -> list[Sentence]:
    """Other domains: AQMAR (Wikipedia) and the Wojood sample."""
    out: list[Sentence] = []
    for path in (SHARED / "aqmar" / "train.txt", SHARED / "aqmar" / "dev.txt",
                 SHARED / "wojood-sample" / "train.txt", SHARED / "wojood-sample" / "val.txt"):
        out += list(read_conll(path))
    return out


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
    ap.add_argument("--all", action="store_true", help="train on all of ANERcorp train (no hold-back)")
    ap.add_argument("--seed", type=int, default=1, help="of the names swapped in the copies")
    args = ap.parse_args()
    part, held = split_anercorp()
    sentences = part + held if args.all else part
    if args.extra:
        sentences += extra_corpora()
    sentences += swapped_copies(sentences, args.seed)
    start = time.perf_counter()
    train(sentences, args.out, args.c1, args.c2, args.iterations)
    print(f"trained on {len(sentences)} sentences in {time.perf_counter() - start:.0f}s -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
