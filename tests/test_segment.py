"""The segmenter: jieba's words, tags and counts exactly, from a per-user cache of jieba's
dictionary that is made once, reused, made again when damaged, and safe to make at once
from several processes."""
import logging
import os
import subprocess
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgraph import document, segment
from skillgraph.resources import lexicon

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "data" / "documents"


@pytest.fixture(scope="module")
def plain_jieba() -> jieba.Tokenizer:
    """jieba as skillgraph used it before the cache: its dictionary, the genre's words added."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon("words")["words"]:
        tokenizer.add_word(word, freq=segment.ADDED_FREQUENCY)
    return tokenizer


def jieba_words(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    return list(tokenizer.cut(text, HMM=False))


def test_same_words_as_jieba_on_every_document(plain_jieba):
    texts = [document.read(path).text for path in sorted(DOCUMENTS.iterdir()) if path.is_file()]
    assert len(texts) >= 20
    for text in texts:
        assert [t.text for t in segment.tokenize(text)] == jieba_words(plain_jieba, text)


def test_offsets_cover_the_text():
    text = "咸阳市人力资源和社会保障局 2024年共建成技能大师工作室12个，ABC公司培训3.5万人次。\r\n下一步"
    tokens = segment.tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokens[:2]] == ["咸阳市", "人力资源和社会保障局"]


# Characters the documents and jieba's dictionary meet: words of the genre cut into pieces,
# Latin letters and digits (glued by jieba), the symbols jieba keeps inside a block, white
# space and punctuation (its own pieces), and characters outside jieba's Han range.
ALPHABET = list("人力资源和社会保障局部技能大师工作室高职业院校返乡创业园孵化基地中国市省县区镇乡村公司集团学院")
ALPHABET += list("aZ09x+#&._%-") + [" ", "\n", "\r\n", "\t", "\u3000", "，", "。", "（", "“", "】"] + ["\u9fd6", "\u9fff", "㐀", "𠀀"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join))
def test_same_words_as_jieba_on_any_text(plain_jieba, text):
    assert [t.text for t in segment.tokenize(text)] == jieba_words(plain_jieba, text)


def test_tags_and_counts_are_jiebas(plain_jieba):
    tags = segment.word_tags()
    table = jieba.posseg.dt.word_tag_tab
    assert all(tags.get(word) == tag for word, tag in table.items())
    assert tags.get("不是一个词") is None and tags.get("不是一个词", "") == ""
    assert tags.get("咸阳") == table["咸阳"] and "咸阳" in tags
    for word in [*list(plain_jieba.FREQ)[::50], *lexicon("words")["words"], "人力资源和社", "不是一个词", ""]:
        assert segment.word_frequency(word) == plain_jieba.FREQ.get(word, 0), word


# ------------------------------------------------------------- the cache of the dictionary

SMALL = "中 100 n\n中国 300 ns\n中国人 20 n\n国 50 n\n人 200 n\n人民 150 n\n民 10 n\n中国 400 nz\n\n"


@pytest.fixture
def small(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "dict.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def cached(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").iterdir())


def test_read_as_jieba_reads_it(small):
    lex = segment.load_lexicon(small, "0")
    assert lex.total == 100 + 300 + 20 + 50 + 200 + 150 + 10 + 400  # every line counts
    assert (lex.frequency("中国"), lex.tag("中国")) == (400, "nz")  # the last line of a word wins
    assert (lex.frequency("中国人民"), lex.tag("中国人民")) == (0, None)
    assert list(segment.Segmenter(lex).cut("中国人民")) == ["中国", "人民"]


def test_made_once_then_reused(small, tmp_path, monkeypatch):
    segment.load_lexicon(small, "0")
    [made] = cached(tmp_path)
    assert made.name.startswith("jieba-0-") and made.name.endswith(".lexicon")
    stamp = made.stat().st_mtime_ns

    def no_rebuild(data):
        raise AssertionError("the dictionary was read again")

    monkeypatch.setattr(segment.Lexicon, "from_dictionary", no_rebuild)
    assert segment.load_lexicon(small, "0").frequency("人民") == 150
    assert cached(tmp_path) == [made] and made.stat().st_mtime_ns == stamp


def test_another_dictionary_or_version_is_another_file(small, tmp_path):
    segment.load_lexicon(small, "0")
    segment.load_lexicon(small, "1")
    small.write_text(SMALL + "人民币 5 n\n", encoding="utf-8")
    assert segment.load_lexicon(small, "1").frequency("人民币") == 5
    assert len(cached(tmp_path)) == 3


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_made_again_when_damaged(small, tmp_path, damage):
    segment.load_lexicon(small, "0")
    [made] = cached(tmp_path)
    data = bytearray(made.read_bytes())
    if damage == "truncate":
        data = data[: len(data) - 7]
    elif damage == "flip":
        data[-3] ^= 0x40
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(os.urandom(len(data)))
    made.write_bytes(bytes(data))
    with pytest.raises(ValueError):
        segment.Lexicon.from_bytes(bytes(data))
    lex = segment.load_lexicon(small, "0")
    assert (lex.frequency("中国人"), lex.tag("人")) == (20, "n")
    assert segment.Lexicon.from_bytes(made.read_bytes()).frequency("中国人") == 20  # the file was made again


def test_no_writable_folder_still_segments(small, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(blocked / "cache"))  # a folder inside a file: never writable
    assert list(segment.Segmenter(segment.load_lexicon(small, "0")).cut("中国人民")) == ["中国", "人民"]


def test_made_by_several_processes_at_once(tmp_path):
    """Eight processes that find no cache make it at once: each gets the right words and one
    whole file is left, with no temporary file beside it."""
    big = tmp_path / "dict.txt"
    source, _ = segment.jieba_dictionary()
    big.write_bytes(b"".join(source.read_bytes().splitlines(keepends=True)[:60000]))
    code = ("import sys; from pathlib import Path; from skillgraph import segment; "
            "lex = segment.load_lexicon(Path(sys.argv[1]), 'x'); "
            "print(lex.total, ' '.join(segment.Segmenter(lex).cut('中国人民银行的工作')))")
    env = {**os.environ, "SKILLGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.Popen([sys.executable, "-c", code, str(big)], env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(8)]
    outputs = {run.communicate()[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    expected = segment.Lexicon.from_dictionary(big.read_bytes())
    assert outputs == {f"{expected.total} {' '.join(segment.Segmenter(expected).cut('中国人民银行的工作'))}\n"}
    [made] = cached(tmp_path)
    assert segment.Lexicon.from_bytes(made.read_bytes()).total == expected.total
