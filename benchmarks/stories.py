"""Story clustering on documents with gold stories: B-cubed and pairwise P/R/F1, and speed.

Usage: python benchmarks/stories.py [--data FILE.jsonl] [--json OUT] [--seed 0]
                                   [--shuffles 10] [--fit] [--scale N] [--lead P:N,...]

Each JSONL line needs ``id``, ``text`` and the gold story ``subtopic``; ``split`` (train /
dev) and ``published`` (ISO date) are used when present. Every document goes through the
real pipeline (ingest's ``prepare``, then ``analyze_articles``, then the story view of
:mod:`dateline.link.stories`) and is added to a fresh :class:`StoryIndex` one at a time,
once in file order and once shuffled with ``--seed``, then in ``--shuffles`` more orders
(seeds ``seed+1``...) whose B-cubed F1 is summarised as mean, min and max. Each split is
clustered on its own, and so is the whole file ("all"). Default data:
../shared/data/ecbplus/ecbplus_dev.jsonl.

``--fit`` refits the weights of :class:`StoryWeights` on the train split (logistic
regression over the candidates of an oracle pass in five orders, then the join bar that
maximises mean B-cubed F1 of train in file and shuffled order), prints them, and reports
every run with them. ``--scale N`` times additions to an index of N synthetic stories of
three articles each. ``--lead int8:128,...`` also clusters (file order) with the leads of
other encoders (precision:word pieces), on the same analysis. ``--json OUT`` writes all
figures to OUT.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from dateline import pipeline
from dateline.analyze.article import analyze_articles
from dateline.errors import Skip
from dateline.extract import Record, as_article
from dateline.ingest.prepare import prepare
from dateline.link.lead_encoder import encode_leads
from dateline.link.stories import (
    Features,
    StoryDoc,
    StoryIndex,
    StoryWeights,
    lead_text,
    story_doc,
    story_docs,
)
from dateline.model import Analysis, Article, RawDocument
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus_dev.jsonl"
FIT_ORDERS = 5  # the file order and four shuffles
# The decision is between the gold story and its nearest rivals; the far candidates are
# easy and would swamp the fit, so only the nearest few by term cosine are kept.
FIT_NEAREST = 3
JOIN_GRID = [x / 4 for x in range(-16, 9)]  # logits -4 .. 2


@dataclass(frozen=True)
class Gold:
    id: str
    text: str
    story: str
    split: str
    published: str | None


@dataclass(frozen=True)
class Figures:
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    pairwise_p: float
    pairwise_r: float
    pairwise_f1: float
    documents: int
    gold_stories: int
    stories: int
    ms_per_add: float


def read_gold(path: Path) -> list[Gold]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append(Gold(str(d["id"]), d["text"], str(d["subtopic"]),
                             str(d.get("split", "all")), d.get("published")))
    return docs


def analyse(docs: Sequence[Gold], settings: Settings) -> tuple[list[tuple[Article, Analysis]],
                                                                list[str]]:
    """Each document through ingest and analysis; what had to be worked around, as notes."""
    notes, articles = [], []
    for n, d in enumerate(docs, start=1):
        raw = RawDocument(origin=f"line {n}", text=d.text, id=d.id, published=d.published)
        try:
            articles.append(prepare(raw, settings))
        except Skip as skip:  # too short for ingest; cluster the raw text anyway
            notes.append(f"{d.id}: ingest skipped it ({skip.reason}); used as is")
            articles.append(as_article(Record(d.id, d.text, None)))
    analyses: list[Analysis] = []
    for start in range(0, len(articles), 64):
        chunk = articles[start:start + 64]
        try:
            analyses.extend(analyze_articles(chunk, settings))
        except Exception:  # one bad article must not sink the batch: redo it one by one
            for article in chunk[len(analyses) - start:]:
                try:
                    analyses.extend(analyze_articles([article], settings))
                except Exception as exc:
                    notes.append(f"{article.id}: analysis failed ({exc!r}); text only")
                    analyses.append(Analysis(article.id, (), (), (), ()))
    return list(zip(articles, analyses, strict=True)), notes


def bcubed(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over items."""
    by_pred: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, pred, strict=True):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, _f1(precision, recall)


def pairwise(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    """Precision and recall of the pairs of items put in one cluster."""
    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(gold, pred, strict=True)))
    in_pred, in_gold = pairs(Counter(pred)), pairs(Counter(gold))
    precision = both / in_pred if in_pred else 1.0
    recall = both / in_gold if in_gold else 1.0
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster(docs: Sequence[StoryDoc], gold: Sequence[str], weights: StoryWeights) -> Figures:
    index = StoryIndex(weights)
    pred, started = [], time.perf_counter()
    for doc in docs:
        pred.append(index.add(doc).story_id)
    ms = 1000 * (time.perf_counter() - started) / max(1, len(docs))
    b, p = bcubed(gold, pred), pairwise(gold, pred)
    return Figures(*b, *p, len(docs), len(set(gold)), len(set(pred)), ms)


def runs(docs: Sequence[StoryDoc], gold: Sequence[Gold], weights: StoryWeights,
         seed: int, shuffles: int) -> tuple[dict[str, dict[str, Figures]],
                                             dict[str, dict[str, float]]]:
    """Figures of each split clustered alone, and of all documents, in file order and
    shuffled with ``seed``; and B-cubed F1 over ``shuffles`` more orders (mean, min, max)."""
    found: dict[str, dict[str, Figures]] = {}
    spread: dict[str, dict[str, float]] = {}
    for split in [*sorted({g.split for g in gold}), "all"]:
        picked = [i for i, g in enumerate(gold) if split in ("all", g.split)]
        if split != "all" and len(picked) == len(gold):
            continue
        orders = []
        for n in range(shuffles + 1):
            order = picked[:]
            random.Random(seed + n).shuffle(order)
            orders.append(order)
        figures = [cluster([docs[i] for i in o], [gold[i].story for i in o], weights)
                   for o in [picked, *orders]]
        found[split] = {"file order": figures[0], "shuffled": figures[1]}
        f1 = [f.bcubed_f1 for f in figures[2:]]
        if f1:
            spread[split] = {"orders": len(f1), "mean": statistics.mean(f1), "min": min(f1),
                             "max": max(f1)}
    return found, spread


def oracle_features(docs: Sequence[StoryDoc], gold: Sequence[str],
                    seed: int) -> tuple[list[list[float]], list[int]]:
    """Candidates met when each document is put in its gold story, in several orders: the
    features of each and whether it is the gold story."""
    rows, labels = [], []
    for n in range(FIT_ORDERS):
        order = list(range(len(docs)))
        if n:
            random.Random(seed + n).shuffle(order)
        index = StoryIndex()
        for i in order:
            placement = index.add(docs[i], into=gold[i])
            near = sorted(placement.candidates, key=lambda c: -c.features.terms)
            kept = [c for c in near[:FIT_NEAREST]] + [c for c in near[FIT_NEAREST:]
                                                      if c.story_id == gold[i]]
            for c in kept:
                rows.append(_row(c.features))
                labels.append(int(c.story_id == gold[i]))
    return rows, labels


def _row(f: Features) -> list[float]:
    return [f.terms, f.lead, f.numbers, f.years, f.years_known]


def fit(docs: Sequence[StoryDoc], gold: Sequence[str], seed: int) -> StoryWeights:
    from sklearn.linear_model import (  # type: ignore[import-untyped]  # dev only
        LogisticRegression,
    )

    rows, labels = oracle_features(docs, gold, seed)
    model = LogisticRegression(C=10.0, max_iter=5000).fit(np.array(rows), np.array(labels))
    coef = [round(float(c), 2) for c in model.coef_[0]]
    weights = StoryWeights(round(float(model.intercept_[0]), 2), *coef)
    order = list(range(len(docs)))
    shuffled = order[:]
    random.Random(seed).shuffle(shuffled)
    scored = []
    for join in JOIN_GRID:
        trial = replace(weights, join=join)
        f1 = [cluster([docs[i] for i in o], [gold[i] for i in o], trial).bcubed_f1
              for o in (order, shuffled)]
        scored.append((statistics.mean(f1), join))
    best = max(scored)
    print(f"fitted on {len(docs)} train documents, {len(rows)} candidates; join bar "
          f"{best[1]} gives mean train B-cubed F1 {best[0]:.3f}", file=sys.stderr)
    return replace(weights, join=best[1])


def scale(stories: int, seed: int, per_story: int = 3, timed: int = 200) -> dict[str, float]:
    """Milliseconds per free addition to an index built of ``stories`` synthetic stories of
    ``per_story`` articles each (Zipfian words, leads scattered around a story centre)."""
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(50_000)]
    zipf = 1.0 / np.arange(1, len(words) + 1)
    zipf /= zipf.sum()
    centres = rng.normal(size=(stories, 384))
    own = [rng.choice(len(words), 40, p=zipf) for _ in range(stories)]

    def article(story: int, n: int) -> StoryDoc:
        picked = [*own[story][:30], *rng.choice(len(words), 250, p=zipf)]
        lead = centres[story] + rng.normal(size=384)
        return StoryDoc(f"s{story}-{n}", {words[i]: 1.0 for i in picked},
                        {f"#{rng.integers(100)}": 1.0}, {2026: 1},
                        (lead / np.linalg.norm(lead)).astype(np.float32), None)

    index = StoryIndex()
    for n in range(per_story):
        for story in rng.permutation(stories):
            index.add(article(int(story), n), into=f"s{story}")
    times, joined = [], 0
    for story in rng.choice(stories, timed, replace=False):
        doc = article(int(story), per_story)
        started = time.perf_counter()
        placement = index.add(doc)
        times.append(1000 * (time.perf_counter() - started))
        joined += placement.story_id == f"s{story}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stories.npz"
        started = time.perf_counter()
        index.save(path)
        saved = time.perf_counter()
        StoryIndex.load(path)
        loaded = time.perf_counter()
        size = path.stat().st_size
    return {"stories_in_index": stories, "articles_in_index": stories * per_story,
            "ms_per_add_mean": statistics.mean(times),
            "ms_per_add_p95": float(np.percentile(times, 95)),
            "joined_own_story": joined / timed, "state_mb": size / 1e6,
            "save_s": saved - started, "load_s": loaded - saved}


def compare_leads(pairs: Sequence[tuple[Article, Analysis]], gold: Sequence[Gold],
                  specs: Sequence[str], seed: int) -> dict[str, Any]:
    """File-order figures of each split with the leads of each encoder ``precision:pieces``
    (one analysis for all), and the CPU ms per lead of encoding them (one torch thread,
    as the ingest runs it; the analysis before may have used more)."""
    import torch

    torch.set_num_threads(pipeline.TORCH_THREADS)  # as the ingest encodes: CPU ms compare
    texts = [lead_text(a, an) for a, an in pairs]
    report = {}
    for spec in specs:
        precision, _, pieces = spec.partition(":")
        encode_leads(texts[:8], precision, int(pieces))  # load and warm up
        started = time.process_time()
        leads = encode_leads(texts, precision, int(pieces))
        cpu_ms = 1000 * (time.process_time() - started) / max(1, len(texts))
        docs = [story_doc(a, an, v) for (a, an), v in zip(pairs, leads, strict=True)]
        found, _spread = runs(docs, gold, StoryWeights(), seed, 0)
        for split, by_order in found.items():
            print(show(f"lead {spec}, {split}", by_order["file order"]))
        print(f"lead {spec}: {cpu_ms:.1f} CPU ms/lead")
        report[spec] = {"cpu_ms_per_lead": cpu_ms,
                        "runs": {s: asdict(r["file order"]) for s, r in found.items()}}
    return report


def show(name: str, f: Figures) -> str:
    return (f"{name:<22} B3 P/R/F1 {f.bcubed_p:.3f} {f.bcubed_r:.3f} {f.bcubed_f1:.3f}  "
            f"pairwise P/R/F1 {f.pairwise_p:.3f} {f.pairwise_r:.3f} {f.pairwise_f1:.3f}  "
            f"docs {f.documents:4d} gold {f.gold_stories:3d} found {f.stories:3d}  "
            f"{f.ms_per_add:5.1f} ms/add")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None,
                        help=f"JSONL with id, text, subtopic (default {DEFAULT_DATA}; none "
                             f"with --scale alone)")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shuffles", type=int, default=10, metavar="N",
                        help="more shuffled orders to report the spread of B-cubed F1 over")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--scale", type=int, default=0, metavar="N")
    parser.add_argument("--lead", default=None, metavar="P:N,...",
                        help="also cluster with these lead encoders (precision:word "
                             "pieces, e.g. int8:128; see benchmarks/lead_encoder.py)")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    data = args.data or (None if args.scale else DEFAULT_DATA)
    if data is not None:
        gold = read_gold(data)
        started = time.perf_counter()
        pairs, notes = analyse(gold, Settings())
        analysed = time.perf_counter()
        docs = story_docs(pairs)
        encoded = time.perf_counter()
        for note in notes:
            print("note:", note, file=sys.stderr)
        if args.lead:
            report["leads"] = compare_leads(pairs, gold, args.lead.split(","), args.seed)
        weights = StoryWeights()
        if args.fit:
            train = [i for i, g in enumerate(gold) if g.split == "train"]
            weights = fit([docs[i] for i in train], [gold[i].story for i in train], args.seed)
            print("fitted:", weights)
        found, spread = runs(docs, gold, weights, args.seed, args.shuffles)
        for split, by_order in found.items():
            for order, figures in by_order.items():
                print(show(f"{split}, {order}", figures))
        for split, row in spread.items():
            print(f"{split}: B-cubed F1 over {row['orders']:.0f} more shuffles: mean "
                  f"{row['mean']:.3f}, min {row['min']:.3f}, max {row['max']:.3f}")
        per_doc = 1000 / max(1, len(gold))
        print(f"pipeline: analysis {per_doc * (analysed - started):.0f} ms/doc, lead "
              f"embedding {per_doc * (encoded - analysed):.0f} ms/doc ({len(gold)} documents)")
        report |= {"data": str(data), "weights": asdict(weights), "notes": notes,
                   "ms_per_doc": {"analysis": per_doc * (analysed - started),
                                  "lead_embedding": per_doc * (encoded - analysed)},
                   "runs": {s: {o: asdict(f) for o, f in r.items()} for s, r in found.items()},
                   "shuffles": spread}
    if args.scale:
        report["scale"] = scale(args.scale, args.seed)
        print("scale:", json.dumps(report["scale"]))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
