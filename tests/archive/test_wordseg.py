"""Word segmentation for ranking: rjieba gives jieba's words, and jieba stands in.

No database: segmentation is pure Python.
"""

from __future__ import annotations

import sys
from functools import cache

import jieba
import pytest

from archive import wordseg
from archive.ingest.decoding import decode_page
from archive.ingest.generator import generate_pages
from archive.search import normalize, title_word_hits


@cache
def _corpus() -> tuple[str, ...]:
    """Every line of 150 generated pages (titles, bylines, body), searchable form."""
    lines = []
    for page in generate_pages(pages=150, seed=21):
        text = decode_page(page.data, filename=page.filename, max_bytes=10**7).text
        lines += [normalize(line) for line in text.splitlines() if line.strip()]
    return tuple(lines)


def test_rjieba_is_installed_and_used():
    assert wordseg._rjieba() is not None


def test_rjieba_gives_jiebas_words_on_the_generated_corpus():
    lines = _corpus()
    assert len(lines) > 5000
    assert all(wordseg.words(line) == jieba.lcut(line, HMM=False) for line in lines)


def test_without_rjieba_jieba_cuts(monkeypatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba now fails
    assert wordseg._rjieba() is None
    line = "赤峰市金融机构发放普惠小微贷款"
    assert wordseg.words(line) == jieba.lcut(line, HMM=False)
    assert title_word_hits("普惠金融助力乡村振兴", ["金融", "助力", "乡村振兴"]) == 2


@pytest.fixture
def user_word():
    """A word added to jieba's dictionary, removed again without a trace."""
    word, total = "惠金通", jieba.dt.total
    jieba.dt.check_initialized()
    assert word not in jieba.dt.FREQ
    jieba.add_word(word, freq=100_000)
    yield word
    jieba.dt.FREQ.pop(word)
    jieba.dt.total = total
    wordseg.reset()


def test_words_added_to_jieba_are_cut_by_rjieba_too(user_word):
    line = f"蒙商银行推出{user_word}产品"
    assert user_word in jieba.lcut(line, HMM=False)
    assert wordseg.words(line) == jieba.lcut(line, HMM=False)
