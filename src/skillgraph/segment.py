"""Word segmentation (jieba, dictionary shipped in its package) with the genre's own words."""
from __future__ import annotations

import logging
from functools import cache

import jieba

from .model import Span
from .resources import lexicon


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon("words")["words"]:
        tokenizer.add_word(word, freq=100000)
    return tokenizer


def tokenize(text: str) -> list[Span]:
    """Words with their offsets (precise mode, no HMM guessing of unknown words)."""
    out, start = [], 0
    for word in _tokenizer().cut(text, HMM=False):
        out.append(Span(start, start + len(word), word))
        start += len(word)
    return out


@cache
def word_tags() -> dict[str, str]:
    """Part-of-speech tag of each word in jieba's dictionary (ns = place name, nr = person)."""
    import jieba.posseg

    return dict(jieba.posseg.dt.word_tag_tab)


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts the word (0 where unknown): place names the tagger
    mislabels (奉化 as a verb) are rare words, everyday words are not."""
    return _tokenizer().FREQ.get(word, 0)
