"""PLOVER: the cross-validated MiniLM probabilities averaged with a TF-IDF model's.

Usage: python benchmarks/plover_stack.py --probs NPZ [--data PATH] [--folds 5]
                                        [--set NAME=VALUE ...]

``NPZ`` holds the out-of-fold probabilities that ``benchmarks/plover.py --save-probs NPZ``
wrote for the same data and ``--set`` options (so the folds and the supplement are the
same). For each view (marked, plain), a TF-IDF logistic regression (word 1-2 grams,
sublinear tf, C=10, balanced class weights: common settings, fixed before the first run)
is trained on each fold's training part plus the supplement and types the fold; the
script prints accuracy and macro F1 of MiniLM alone, of TF-IDF alone and of the 1:1
average. Session 6 ran it once, on session 5's model (see docs/benchmarks.md): the
average was within the seed-to-seed spread, so it was not adopted. Example:
``python benchmarks/plover_stack.py --probs cv.npz --set members=1 --set
supplement=plover_supplement.tsv``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from dateline.analyze.eventtype_train import (
    config_with,
    read_tsv,
    score,
    supplement_examples,
)
from dateline.errors import DatelineError

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "plover_dev.tsv"


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probs", type=Path, required=True, metavar="NPZ",
                        help="Out-of-fold probabilities from plover.py --save-probs.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="The TSV used.")
    parser.add_argument("--folds", type=int, default=5, help="Folds, as plover.py ran.")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="The TrainConfig overrides plover.py ran with.")
    args = parser.parse_args()
    try:
        examples = read_tsv(args.data)
        config = config_with(args.set)
        supplement = supplement_examples(config)
        saved = np.load(args.probs)
    except (DatelineError, OSError) as exc:
        sys.exit(str(exc))
    labels = sorted({e.label for e in examples})
    if list(saved["labels"]) != labels:
        sys.exit(f"{args.probs}: its labels are not those of {args.data}")
    gold = [e.label for e in examples]
    splits = list(StratifiedKFold(args.folds, shuffle=True,
                                  random_state=config.seed).split(gold, gold))
    for view in ("marked", "plain"):
        tfidf = np.zeros((len(examples), len(labels)))
        for train_idx, test_idx in splits:
            train = [examples[i] for i in train_idx] + supplement
            vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2))
            features = vectorizer.fit_transform([e.text(view) for e in train])
            model = LogisticRegression(C=10, class_weight="balanced", max_iter=5000)
            model.fit(features, [e.label for e in train])
            tfidf[test_idx] = model.predict_proba(
                vectorizer.transform([examples[i].text(view) for i in test_idx]))
        minilm = saved[view].mean(axis=0)
        for name, probs in (("MiniLM", minilm), ("TF-IDF", tfidf),
                            ("average", (minilm + tfidf) / 2)):
            figures = score(gold, [labels[int(i)] for i in probs.argmax(axis=1)], labels)
            print(f"{view:6}  {name:8}  accuracy {figures.accuracy:.4f}  "
                  f"macro F1 {figures.macro_f1:.4f}")


if __name__ == "__main__":
    main()
