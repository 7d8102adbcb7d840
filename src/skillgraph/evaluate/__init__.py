"""Score a graph built from one document against that document's gold annotation.

A gold file lists entities (`id`, `class`, `labels`, `optional`; an Award has
`awarded_to` and `level` instead of labels), statistics (`value`, `unit`, `qualifier`,
`indicator`, optional `period_start` and `counts`), relations `[subject, property, object]`
and literals `[subject, property, value]`. The matching rules:

- Labels match after NFKC, with white space and 《》“”"「」 removed; a Measure label also
  matches where one of the two begins with the other, if the shorter has 4 characters or more.
- A node counts for class C where it is typed C, or typed a (transitive) subclass of C
  that the gold does not score itself.
- Nodes are taken in IRI order; each takes the first gold item (in gold order) it matches
  that is still free. A node that matches only taken items is a duplicate, and a false
  positive unless those items are all optional; a node that matches nothing is a false
  positive. Optional items are neither credited nor penalised.
- An Award matches through `sg:awardedTo` (the node assigned to its `awarded_to`) and its
  level, which its label or `sg:awardLevel` must contain.
- A statistic matches on value, unit and indicator (the gold phrase occurs in the node's
  `sg:indicator`); qualifier, period and counted entity are then scored as attributes.
- A relation counts where both ends are assigned nodes; precision is over the predicted
  triples of the gold's properties whose ends are both assigned to gold entities.
- Literals are scored for recall: the gold lists the values that matter, and an unlisted
  value is not an error. `date` is also read from dcterms:date, `year` from any date
  (a year matches a value that begins with it), and numbers compare by value.
- Relations and literals that touch an optional entity are left out.
- The headline is micro-F1 over entities, statistics, relations and literals together.
- With the document's text, each assigned node's mentions are checked: a span is verified
  where `sg:anchorOf` is exactly the text between `sg:beginIndex` and `sg:endIndex`.

The package: gold.py reads and checks gold files; scoring.py holds the matching rules
above and scores a graph; report.py holds the results and how they read (text, JSON).
"""
from __future__ import annotations

from .gold import Gold, load_gold, parse_gold
from .report import Attribute, CorpusScore, Counts, Item, Provenance, Score
from .scoring import evaluate_corpus, score

__all__ = ["Attribute", "CorpusScore", "Counts", "Gold", "Item", "Provenance", "Score", "evaluate_corpus",
           "load_gold", "parse_gold", "score"]
