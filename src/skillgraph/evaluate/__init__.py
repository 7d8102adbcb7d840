"""Score a graph built from one document against that document's gold annotation.

A gold file lists entities (`id`, `class`, `labels`, `optional`; an Award has
`awarded_to` and `level` instead of labels), statistics (`value`, `unit`, `qualifier`,
`indicator`, optional `period_start` and `counts`), relations `[subject, property, object]`
and literals `[subject, property, value]`. The matching rules:

- Names are compared after NFKC, without spaces, tabs, line breaks and the marks
  《》“”"「」『』‘’'. A node's names are its rdfs:label, skos:prefLabel, skos:altLabel and
  sg:documentNumber. A Measure label also matches where one of the two begins with the
  other, if the shorter has 4 characters or more.
- A node counts for class C where it is typed C, or typed a (transitive) subclass of C
  that the gold does not score itself (the gold scores its entities' classes and Statistic).
- Entities: nodes are taken in IRI order; each takes the first gold entity (in gold order)
  it matches that is still free. A node that matches only taken entities is a duplicate,
  and a false positive unless those entities are all optional; a node that matches nothing
  is a false positive. Optional entities are neither credited nor penalised.
- An Award matches through `sg:awardedTo` (the node assigned to its `awarded_to`) and its
  level, which its label or `sg:awardLevel` must contain. Awards are matched last.
- Statistics: gold statistics are taken in gold order; each takes the first free node (in
  IRI order) with its value (the node's sg:value), its unit, and an `sg:indicator` that
  contains its indicator phrase. A node left over is a false positive. An optional
  statistic takes a node like the others, found or not it is neither credited nor
  penalised, and the node it takes is not a false positive. The qualifier (exact,
  at_least, at_most, approximately), the period (`sg:periodStart` begins with it) and the
  counted entity of a credited statistic are then scored as attributes.
- A relation counts where both ends are assigned nodes; precision is over the predicted
  triples of the gold's properties whose ends are both assigned to gold entities (a node
  assigned to two entities stands for the last).
- Literals are scored for recall: the gold lists the values that matter, and an unlisted
  value is not an error. Only literal objects count; `date` is also read from dcterms:date
  and dcterms:issued, `year` from sg:date and dcterms:date (a year matches a value that
  begins with it), and a whole number matches any value equal to it (1 and 1.0).
- Relations and literals that touch an optional entity are left out.
- The headline is micro-F1 over entities, statistics, relations and literals together.
- With the document's text, each assigned node's mentions are checked: a span is verified
  where `sg:anchorOf` is the text from `sg:beginIndex` to `sg:endIndex`, read as a slice.

These are the rules of the project's referee (the gold format's scorer); where this
package read them otherwise, the referee's reading holds.

The package: gold.py reads and checks gold files; scoring.py holds the matching rules
above and scores a graph; report.py holds the results and how they read (text, JSON).
"""
from __future__ import annotations

from .gold import Gold, load_gold, parse_gold
from .report import Attribute, CorpusScore, Counts, Item, Provenance, Score
from .scoring import evaluate_corpus, score

__all__ = ["Attribute", "CorpusScore", "Counts", "Gold", "Item", "Provenance", "Score", "evaluate_corpus",
           "load_gold", "parse_gold", "score"]
