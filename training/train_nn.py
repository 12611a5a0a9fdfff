"""Train the neural half of the recogniser (``make model``) and export it for NumPy.

A BiLSTM-CRF (PyTorch, pytorch-crf) over the inputs ``neural.Encoder`` makes, trained on the
training part of ANERcorp train (``--all``: all of it; see ``train.anercorp_parts``) for a fixed
number of epochs; the word vectors stay as make_embeddings.py learned them (frozen), and words
and stems are dropped to "unknown" at random so the network learns to read names it has no
vector for. After training, the NumPy forward pass (``neural.NeuralTagger``) is checked against
PyTorch's on the tuning part's sentences. The exported files are CC BY-SA 4.0 (ANERcorp) with
the non-commercial term of the SaudiNewsNet vectors. Needs the ``model`` extra (torch, pytorch-crf).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from builder.ner.neural import TAGS, WEIGHTS, Encoder, NeuralTagger, embeddings, vectors_of
from builder.ner.resources import load_resources
from training.train import anercorp_parts, training_sentences

HIDDEN = 128
CHAR_DIM, CHAR_FILTERS, FEAT_DIM = 32, 64, 32


def build(n_chars: int, n_feats: int, hidden: int = HIDDEN) -> Any:
    import torch
    from torch import nn
    from torchcrf import CRF

    def frozen(vectors: np.ndarray) -> nn.Embedding:
        table = nn.Embedding(*vectors.shape)
        table.weight.data.copy_(torch.from_numpy(vectors))
        table.weight.requires_grad_(False)
        return table

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            forms, stems = (vectors_of(stored, np.arange(len(stored) + 2)) for stored in
                            (embeddings(name)[1] for name in ("forms", "stems")))
            self.form, self.stem = (frozen(vectors) for vectors in (forms, stems))
            self.char = nn.Embedding(n_chars, CHAR_DIM, padding_idx=0)
            self.conv = nn.Conv1d(CHAR_DIM, CHAR_FILTERS, 3, padding=1)
            self.feat = nn.Embedding(n_feats, FEAT_DIM, padding_idx=0)
            self.drop = nn.Dropout(0.5)
            self.lstm = nn.LSTM(CHAR_FILTERS + FEAT_DIM + forms.shape[1] + stems.shape[1], hidden,
                                bidirectional=True, batch_first=True)
            self.out = nn.Linear(2 * hidden, len(TAGS))
            self.crf = CRF(len(TAGS), batch_first=True)

        def emissions(self, forms: Any, stems: Any, chars: Any, feats: Any) -> Any:
            b, t, length = chars.shape
            ch = self.char(chars.view(b * t, length)).transpose(1, 2)
            ch = torch.relu(self.conv(ch)).max(dim=2).values.view(b, t, -1)
            x = torch.cat([ch, self.feat(feats).sum(dim=2), self.form(forms), self.stem(stems)], 2)
            lengths = (forms != 0).sum(dim=1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

    return Net()


def batch(items: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """Pad a list of encoded sentences (forms, stems, chars, feats, tags) into tensors + mask."""
    import torch

    width = max(len(it[0]) for it in items)
    out = [np.zeros((len(items), width, *np.shape(part)[1:]), dtype=np.int64) for part in items[0]]
    for row, item in enumerate(items):
        for k, part in enumerate(item):
            out[k][row, : len(part)] = part
    tensors = [torch.from_numpy(a) for a in out]
    return (*tensors, tensors[0] != 0)


def main() -> None:
    import torch

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--all", action="store_true", help="train on all of ANERcorp train")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--out", type=Path, default=WEIGHTS, help="the weights (.npz); .json beside")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=HIDDEN, help="LSTM units per direction")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    sentences = [s for s in training_sentences(args.all) if s[0]]
    encoder = Encoder(load_resources())
    index = {tag: i for i, tag in enumerate(TAGS)}
    data = [(*encoder.encode(tokens, grow=True), np.array([index[t] for t in tags]))
            for tokens, tags in sentences]
    net = build(len(encoder.chars) + 2, len(encoder.feats) + 2, args.hidden)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=2e-3)
    start = time.perf_counter()
    for epoch in range(args.epochs):
        random.shuffle(data)
        net.train()
        total = 0.0
        for i in range(0, len(data), 32):
            forms, stems, chars, feats, tags, mask = batch(data[i:i + 32])
            forms = forms.masked_fill((torch.rand(forms.shape) < 0.1) & mask, 1)  # word dropout
            stems = stems.masked_fill((torch.rand(stems.shape) < 0.05) & mask, 1)
            loss = -net.crf(net.emissions(forms, stems, chars, feats), tags, mask=mask,
                            reduction="mean")
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total:.0f} ({time.perf_counter() - start:.0f}s)",
              file=sys.stderr, flush=True)
    net.eval()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.numpy() for k, v in net.state_dict().items() if not k.startswith(("form", "stem"))}
    np.savez_compressed(args.out, **{k: v.astype(np.float16) for k, v in state.items()})
    args.out.with_suffix(".json").write_text(json.dumps({"chars": encoder.chars, "feats": encoder.feats},
                                ensure_ascii=False, sort_keys=True), encoding="utf-8")
    check(net, anercorp_parts().tune, args.out)


def check(net: Any, tagged: list[tuple[list[str], list[str]]], weights: Path) -> None:
    """The NumPy forward pass gives PyTorch's scores (weights rounded to float16 in both)."""
    import torch

    net.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in
                         np.load(weights).items()}, strict=False)
    tagger = NeuralTagger(load_resources(), weights)
    sentences = [tokens for tokens, _ in tagged if tokens][:200]
    mine = tagger.emissions(sentences)
    enc = tagger.encoder
    with torch.no_grad():
        for tokens, got in zip(sentences, mine, strict=True):
            forms, stems, chars, feats, _, _ = batch([(*enc.encode(tokens), np.zeros(len(tokens)))])
            want = net.emissions(forms, stems, chars, feats)[0].numpy()
            if not np.allclose(got, want, atol=1e-3):
                raise SystemExit(f"NumPy and PyTorch disagree: {np.abs(got - want).max()}")
    print(f"NumPy forward pass equals PyTorch's on {len(sentences)} sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
