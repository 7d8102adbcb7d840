"""Lexicons read back from the user's cache are the YAML as PyYAML's safe loader reads it; an
edited file is parsed afresh and a damaged entry is parsed again."""
from pathlib import Path

import pytest
import yaml

from skillgraph import resources


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "yaml"


def test_every_lexicon_reads_as_safe_load(cache):
    for path in sorted((resources.PACKAGE / "lexicons").glob("*.yaml")):
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert resources.read_yaml(path) == expected  # parsed, and kept
        assert resources.read_yaml(path) == expected  # from the cache
    assert len(list(cache.iterdir())) == len(list((resources.PACKAGE / "lexicons").glob("*.yaml")))


def test_kept_once_and_edits_seen(cache, tmp_path, monkeypatch):
    path = tmp_path / "words.yaml"
    path.write_text("words: [技能人才, 荣获]\n", encoding="utf-8")
    assert resources.read_yaml(path) == {"words": ["技能人才", "荣获"]}
    monkeypatch.setattr(resources, "parse_yaml", lambda data: pytest.fail("parsed again"))
    assert resources.read_yaml(path) == {"words": ["技能人才", "荣获"]}
    monkeypatch.undo()
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(cache.parent))
    path.write_text("words: [职业院校]\n", encoding="utf-8")
    assert resources.read_yaml(path) == {"words": ["职业院校"]}
    assert len(list(cache.iterdir())) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_damaged_entry_parsed_again(cache, tmp_path, damage):
    path = tmp_path / "words.yaml"
    path.write_text("words: [技能人才, 荣获]\nfrequency: 300\n", encoding="utf-8")
    resources.read_yaml(path)
    [entry] = cache.iterdir()
    if damage is None:  # one changed byte in the data: the CRC no longer matches
        data = bytearray(entry.read_bytes())
        data[-2] ^= 0x01
        damage = bytes(data)
    entry.write_bytes(damage)
    assert resources.read_yaml(path) == {"words": ["技能人才", "荣获"], "frequency": 300}
    assert resources.read_yaml(path) == {"words": ["技能人才", "荣获"], "frequency": 300}


def test_no_writable_cache_still_reads(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("SKILLGRAPH_CACHE_DIR", str(blocked / "cache"))
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert resources.read_yaml(path) == {"a": 1}
