"""Word segmentation: jieba's precise mode without HMM, over jieba's own dictionary and the genre's words.

jieba itself loads slowly: it unmarshals a prefix dictionary of 600,000 entries on every
start (about a second) and `jieba.posseg` parses the 349,000 lines of its word-tag table
each time. Here the same dictionary (the `dict.txt` inside the installed jieba package:
nothing is downloaded) is kept in a fast-loading form, made once per user: a MARISA trie
of its words with their frequencies and part-of-speech tags beside it (`Lexicon`), in
the user's cache (`resources.cache_dirs`: $SKILLGRAPH_CACHE_DIR, else ~/.cache/skillgraph),
keyed by jieba's version and the dictionary's SHA-256. The file is written atomically (a
temporary file renamed into place, so concurrent builds never see half of one) and made
again when it is missing or does not check out (a CRC of its contents); where no folder is
writable the trie is made in memory for the process.

`cut` is jieba's `Tokenizer.cut(text, HMM=False)` step for step (the same blocks, the same
DAG of dictionary words, the same log-frequency route, the same gluing of single Latin
letters and digits), so the words are exactly jieba's; `tests/test_segment.py` compares
them with jieba's on real sentences and arbitrary text.
"""
from __future__ import annotations

import hashlib
import re
import sys
import zlib
from array import array
from functools import cache, partial
from itertools import accumulate
from math import log
from pathlib import Path
from typing import overload

import marisa_trie

from .model import Span
from .resources import cached, lexicon

ADDED_FREQUENCY = 100000  # the genre's words (lexicons/words.yaml) are added with this count, as jieba.add_word
FORMAT = b"skillgraph-jieba-lexicon 1\n"  # the first bytes of a cache file; a new layout changes the number

# jieba's own patterns (jieba/__init__.py): runs of Han characters, Latin letters, digits and
# +#&._%- are segmented; the rest is split at white space and then into single characters.
RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
RE_SKIP = re.compile("(\r\n|\\s)")
RE_ENG = re.compile("[a-zA-Z0-9]")


class Lexicon:
    """jieba's dictionary: each word's frequency and part-of-speech tag, and the total count.

    Built from the lines of `dict.txt` (`word frequency tag`) the way jieba reads them: a
    word listed twice keeps its last frequency and tag, and the total counts every line."""

    def __init__(self, trie: marisa_trie.Trie, freqs: memoryview, tags: bytes, tag_names: list[str], total: int,
                 longest: int) -> None:
        self.trie, self.freqs, self.tags, self.tag_names = trie, freqs, tags, tag_names
        self.total = total  # the sum of every line's count
        self.longest = longest  # characters in the longest word

    @classmethod
    def from_dictionary(cls, data: bytes) -> Lexicon:
        freq: dict[str, int] = {}
        tag: dict[str, str] = {}
        total = 0
        for number, raw in enumerate(data.splitlines(), 1):
            line = raw.strip().decode("utf-8")
            if not line:
                continue
            parts = line.split(" ")
            if len(parts) != 3 or not parts[1].isdigit():
                raise ValueError(f"jieba's dictionary: invalid entry at line {number}: {line}")
            word, count, tag[parts[0]] = parts[0], int(parts[1]), parts[2]
            freq[word] = count
            total += count
        trie = marisa_trie.Trie(freq)
        names = sorted(set(tag.values()))
        if len(names) > 255:
            raise ValueError("jieba's dictionary: more than 255 part-of-speech tags")
        code = {name: i for i, name in enumerate(names)}
        freqs = array("I", bytes(4 * len(trie)))
        tags = bytearray(len(trie))
        for word, i in trie.iteritems():
            freqs[i] = freq[word]
            tags[i] = code[tag[word]]
        return cls(trie, memoryview(freqs), bytes(tags), names, total, max(map(len, freq), default=1))

    def to_bytes(self) -> bytes:
        """The cache file: FORMAT, a header line, then the frequencies, the tags and the trie."""
        freqs, trie = bytes(self.freqs), self.trie.tobytes()
        body = freqs + self.tags + trie
        header = " ".join([sys.byteorder, str(self.total), str(self.longest), str(len(freqs)), str(len(self.tags)),
                           str(len(trie)), str(zlib.crc32(body)), *self.tag_names]).encode()
        return FORMAT + header + b"\n" + body

    @classmethod
    def from_bytes(cls, data: bytes) -> Lexicon:
        """A cache file read back; ValueError where it is not one or does not check out."""
        if not data.startswith(FORMAT):
            raise ValueError("not a skillgraph lexicon file")
        end = data.index(b"\n", len(FORMAT))
        order, total, longest, n_freqs, n_tags, n_trie, crc, *names = data[len(FORMAT):end].decode().split(" ")
        body = memoryview(data)[end + 1:]
        if order != sys.byteorder or len(body) != int(n_freqs) + int(n_tags) + int(n_trie) or zlib.crc32(body) != int(crc):
            raise ValueError("a damaged skillgraph lexicon file")
        a, b = int(n_freqs), int(n_freqs) + int(n_tags)
        trie = marisa_trie.Trie().frombytes(bytes(body[b:]))
        freqs, tags = body[:a].cast("I"), bytes(body[a:b])
        if not len(trie) == len(freqs) == len(tags):
            raise ValueError("a damaged skillgraph lexicon file")
        return cls(trie, freqs, tags, names, int(total), int(longest))

    def frequency(self, word: str) -> int:
        i = self.trie.get(word)
        return 0 if i is None else self.freqs[i]

    def tag(self, word: str) -> str | None:
        i = self.trie.get(word)
        return None if i is None else self.tag_names[self.tags[i]]


def jieba_dictionary() -> tuple[Path, str]:
    """The dictionary inside the installed jieba package and jieba's version, found without
    importing jieba (which would load its HMM tables)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise ImportError("jieba is not installed: pip install jieba")
    package = Path(spec.origin).parent
    found = re.search(r"""__version__\s*=\s*['"]([^'"]+)""", (package / "__init__.py").read_text(encoding="utf-8"))
    return package / "dict.txt", found.group(1) if found else "unknown"


def load_lexicon(dictionary: Path | None = None, version: str | None = None) -> Lexicon:
    """jieba's dictionary from the per-user cache, made (and kept there) where missing or damaged."""
    if dictionary is None:
        dictionary, version = jieba_dictionary()
    data = dictionary.read_bytes()
    name = f"jieba-{version}-{hashlib.sha256(data).hexdigest()[:24]}.lexicon"
    return cached(name, Lexicon.from_bytes, lambda: Lexicon.from_dictionary(data), Lexicon.to_bytes)


class Segmenter:
    """jieba's precise mode (`Tokenizer.cut(text, HMM=False)`) over a `Lexicon` and added words."""

    MEMO = 200_000  # blocks whose words are remembered (the memo starts afresh when full)

    def __init__(self, lex: Lexicon, added: list[str] = ()) -> None:  # type: ignore[assignment]
        self.lexicon = lex
        self.added: dict[str, int] = {}
        self.total = lex.total
        for word in added:  # as jieba's add_word(word, freq=ADDED_FREQUENCY): the last count wins, the total adds up
            self.added[word] = ADDED_FREQUENCY
            self.total += ADDED_FREQUENCY
        self.longest = max([lex.longest, *map(len, self.added)])
        self.logtotal = log(self.total)
        # The counts the route reads: the dictionary's, where an added word is in it its added
        # count (a copy, made only then), and the added words it lacks in a trie of their own.
        self.freqs: memoryview | array = lex.freqs
        new: dict[str, int] = {}
        for word, freq in self.added.items():
            i = lex.trie.get(word)
            if i is None:
                new[word] = freq
            else:
                if self.freqs is lex.freqs:
                    self.freqs = array("I", bytes(lex.freqs))
                self.freqs[i] = freq
        self.new_words, self.new_trie = new, marisa_trie.Trie(new)
        self.memo: dict[str, list[str]] = {}

    def frequency(self, word: str) -> int:
        """The word's count in the dictionary with the added words (0 where unknown), as jieba's FREQ."""
        return self.added[word] if word in self.added else self.lexicon.frequency(word)

    def _route(self, sentence: str) -> list[int]:
        """For each position, where the most probable word that starts there ends (jieba's
        get_DAG and calc: the same candidates, the same arithmetic, the same tie-breaking:
        the larger (score, end) wins)."""
        n = len(sentence)
        logtotal, longest, freqs = self.logtotal, self.longest, self.freqs
        prefixes = self.lexicon.trie.iter_prefixes_with_ids
        new_prefixes = self.new_trie.iter_prefixes if self.new_words else None
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            window = sentence[idx:idx + longest]
            best, best_end = 0.0, -1
            for word, i in prefixes(window):
                freq = freqs[i]
                if freq:
                    x = idx + len(word) - 1
                    value = log(freq) - logtotal + score[x + 1]
                    if best_end < 0 or value > best or (value == best and x > best_end):
                        best, best_end = value, x
            if new_prefixes is not None:
                for word in new_prefixes(window):
                    x = idx + len(word) - 1
                    value = log(self.new_words[word]) - logtotal + score[x + 1]
                    if best_end < 0 or value > best or (value == best and x > best_end):
                        best, best_end = value, x
            if best_end < 0:  # no word starts here: the character alone, counted as jieba counts an unknown one
                best, best_end = log(1) - logtotal + score[idx + 1], idx
            score[idx], end[idx] = best, best_end
        return end

    def _cut_block(self, sentence: str) -> list[str]:
        words = self.memo.get(sentence)
        if words is not None:
            return words
        end = self._route(sentence)
        words = []
        x, n, buf = 0, len(sentence), ""
        while x < n:
            y = end[x] + 1
            word = sentence[x:y]
            if y - x == 1 and RE_ENG.match(word):
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)
        if len(self.memo) >= self.MEMO:
            self.memo.clear()
        self.memo[sentence] = words
        return words

    def cut(self, text: str) -> list[str]:
        """The words of the text. Splitting at a pattern's group gives the text between its
        matches at even places and the matches at odd ones, so no part is matched again."""
        words: list[str] = []
        for i, block in enumerate(RE_HAN.split(text)):
            if i % 2:  # a run of RE_HAN's characters
                words += self._cut_block(block)
            elif block:
                for j, piece in enumerate(RE_SKIP.split(block)):
                    if j % 2:  # a line break or a white space character
                        words.append(piece)
                    else:  # each other character alone
                        words += piece
        return words


@cache
def _lexicon() -> Lexicon:
    return load_lexicon()


@cache
def _segmenter() -> Segmenter:
    return Segmenter(_lexicon(), lexicon("words")["words"])


_span = partial(tuple.__new__, Span)  # Span((start, end, text)), made in C: Span._make without its length check


def tokenize(text: str) -> list[Span]:
    """Words with their offsets (precise mode, no HMM guessing of unknown words)."""
    words = _segmenter().cut(text)
    ends = list(accumulate(map(len, words)))
    return list(map(_span, zip([0, *ends[:-1]], ends, words)))


class WordTags:
    """Part-of-speech tag of each word in jieba's dictionary (ns = place name, nr = person),
    as `jieba.posseg`'s word-tag table; looked up in the trie, remembered once asked."""

    def __init__(self, lex: Lexicon) -> None:
        self._lexicon = lex
        self._known: dict[str, str | None] = {}

    @overload
    def get(self, word: str) -> str | None: ...
    @overload
    def get(self, word: str, default: str) -> str: ...

    def get(self, word: str, default: str | None = None) -> str | None:
        try:
            tag = self._known[word]
        except KeyError:
            tag = self._known[word] = self._lexicon.tag(word)
        return default if tag is None else tag

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag


@cache
def word_tags() -> WordTags:
    """Part-of-speech tag of each word in jieba's dictionary (ns = place name, nr = person)."""
    return WordTags(_lexicon())


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts the word (0 where unknown): place names the tagger
    mislabels (奉化 as a verb) are rare words, everyday words are not."""
    return _segmenter().frequency(word)
