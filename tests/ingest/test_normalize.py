"""Search normalisation: Traditional→Simplified and width folding, length for length."""

from pathlib import Path

import pytest
from opencc import OpenCC

from archive.ingest import normalize
from archive.ingest.normalize import fold_width, normalize_for_search, to_simplified

SAMPLES = Path(__file__).parents[2].parent / "shared" / "samples" / "pages"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"sample pages not found at {SAMPLES}"
)


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("銀行貸款", "银行贷款"),
        ("臺灣", "台湾"),
        ("台灣", "台湾"),
        ("鄂爾多斯", "鄂尔多斯"),
        ("普惠金融發展示範區", "普惠金融发展示范区"),
        ("繆秀翠", "缪秀翠"),
    ],
)
def test_to_simplified_converts_traditional(text: str, simplified: str) -> None:
    assert to_simplified(text) == simplified


def test_to_simplified_leaves_simplified_words_alone() -> None:
    text = "显著 著作 乾隆 干部 皇后 后来 头发 余额 台风 锡林郭勒 巴彦淖尔 乌兰察布"

    assert to_simplified(text) == text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＥＳＧ挂钩贷款", "ESG挂钩贷款"),
        ("５Ｇ基站", "5G基站"),
        ("３．２５億元", "3.25亿元"),
        ("同比增长１９．５１％", "同比增长19.51%"),
        ("通自然拆催字［２０２６］第９号", "通自然拆催字[2026]第9号"),
        ("本报记者\u3000张三", "本报记者 张三"),
        ("ｅｍａｉｌ＠ｑｑ．ｃｏｍ", "email@qq.com"),
        ("⾦融", "金融"),
    ],
)
def test_normalize_for_search_folds_width(text: str, folded: str) -> None:
    assert normalize_for_search(text) == folded


def test_normalize_for_search_keeps_chinese_punctuation() -> None:
    text = "“信易贷”平台、普惠金融，养老金融。时间：2026年；（一）真的！吗？〔2026〕"

    assert normalize_for_search(text) == text


def test_fold_width_leaves_plain_text_alone() -> None:
    text = "截至2025年6月末，全市普惠小微贷款余额已达289.42亿元。"

    assert fold_width(text) == text


@needs_samples
def test_normalize_for_search_keeps_length_of_sample_pages() -> None:
    s2t = OpenCC("s2t")
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        traditional = s2t.convert(text)
        wide = text.translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})

        for variant in (text, traditional, wide):
            normalized = normalize_for_search(variant)

            assert len(normalized) == len(variant)
            assert normalized.count("\n") == variant.count("\n")
        assert normalize_for_search(traditional) == normalize_for_search(text)


def test_to_simplified_falls_back_per_character_when_length_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class _PhraseShrinker:
        """A converter whose phrase rule would shift every later offset."""

        def convert(self, text: str) -> str:
            return text.replace("銀行", "行").replace("國", "国")

    monkeypatch.setattr(normalize, "_converter", lambda: _PhraseShrinker())

    assert to_simplified("中國銀行\n國") == "中国銀行\n国"


def test_to_simplified_survives_lone_surrogates() -> None:
    text = "中國\ud800銀行"

    assert to_simplified(text) == "中国\ud800银行"


def test_converter_is_built_once() -> None:
    assert normalize._converter() is normalize._converter()


def test_empty_text_stays_empty() -> None:
    assert normalize_for_search("") == ""
