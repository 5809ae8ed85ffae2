"""Find the administrative divisions an item mentions, as PlaceRef records.

Pure Python, no Django. One Aho-Corasick scan finds every name and short name of
the division list in the text; each mention is then resolved against what else
the item mentions (its anchors) and the page's home region. The rules, in short:

- Full names of provinces, cities and counties (赤峰市, 翁牛特旗, 霍林郭勒市) match
  anywhere; an ambiguous one (朝阳区) needs an anchor or the home region.
- Short names (赤峰, 通辽, 奈曼) match when anchored, inside the home region, or
  (provinces and cities only) when unique nationally and bounded by place-like
  context on both sides, so 真金白银 is not 白银市 and 张瑞丽 is not 瑞丽市.
- Towns match by full name only, and only under a county or city the item
  already names; 街道 (urban subdistricts) are not matched at all: addresses in
  notices name them, but the archive's place facet stops at 镇/乡/苏木.
- A name directly followed by a name below it (赤峰市翁牛特旗乌丹镇, 通辽科尔沁左翼
  中旗) only qualifies it. Every place mentioned on its own is kept, ancestors
  included (an item about 赤峰市 and about 乌丹镇 answers both), except a province
  once anything below it is kept: regional papers name their province in nearly
  every item, so it adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from archive.places import PlaceRecord, read_place_records

from .records import PlaceRef

# Kinds of alias; the kind decides how much evidence a mention needs.
_FULL = 0  # full name of a province, city or county, 3+ characters
_FULL2 = 1  # 2-character county name (和县, 城区, 东区): also an ordinary word
_SHORT = 2  # province or city short name (赤峰, 吉林)
_COUNTY_SHORT = 3  # county short name (霍林郭勒, 奈曼, 科左中旗)
_DISTRICT_SHORT = 4  # district short name (海南, 新城, 朝阳): usually a common word
_TOWN = 5  # town full name (乌丹镇)

# Well-known abbreviations of Inner Mongolian banners, as the local papers print
# them; the stripped stem (奈曼 for 奈曼旗) is derived from the data instead.
BANNER_ABBREVIATIONS = {
    "科左中旗": "科尔沁左翼中旗",
    "科左后旗": "科尔沁左翼后旗",
    "科右前旗": "科尔沁右翼前旗",
    "科右中旗": "科尔沁右翼中旗",
    "达茂旗": "达尔罕茂明安联合旗",
    "土左旗": "土默特左旗",
    "土右旗": "土默特右旗",
    "察右前旗": "察哈尔右翼前旗",
    "察右中旗": "察哈尔右翼中旗",
    "察右后旗": "察哈尔右翼后旗",
    "东乌旗": "东乌珠穆沁旗",
    "西乌旗": "西乌珠穆沁旗",
    "新左旗": "新巴尔虎左旗",
    "新右旗": "新巴尔虎右旗",
    "陈旗": "陈巴尔虎旗",
    "鄂前旗": "鄂托克前旗",
    "伊旗": "伊金霍洛旗",
    "准旗": "准格尔旗",
    "乌前旗": "乌拉特前旗",
    "乌中旗": "乌拉特中旗",
    "乌后旗": "乌拉特后旗",
    "阿左旗": "阿拉善左旗",
    "阿右旗": "阿拉善右旗",
    "克旗": "克什克腾旗",
    "翁旗": "翁牛特旗",
    "喀旗": "喀喇沁旗",
    "莫旗": "莫力达瓦达斡尔族自治旗",
}
# A banner stem ending like this is half a name (科尔沁左翼中 of 科尔沁左翼中旗).
_PARTIAL_STEM_ENDINGS = ("左", "右", "中", "前", "后", "翼", "自治")

# Common single-character surnames: a 2-character name right after one is
# probably a person's given name (张瑞丽, 金白银). Prepositions that are also
# rare surnames (于, 向, 为) are left out on purpose.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
    "薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍"
    "庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓"
    "古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Characters before a bare short name that mark it as a place, not part of a word.
_LEFT_CONTEXT = frozenset("在赴到从至自于往去来驻经和与及同、")
# Of those, the locative prepositions (在北京举行, 赴吉林考察) are strong enough on
# their own, unless the name goes on into a street or building (在中山路).
_LOCATIVE = frozenset("在赴到从至自于往去来驻")
_NOT_PLACE_AFTER = frozenset("路街道巷大站港号桥门楼")
# Short names that are also everyday words need place context on both sides.
_COMMON_WORDS = frozenset(
    {
        "白银",
        "大同",
        "来宾",
        "中山",
        "普洱",
        "玉树",
        "黄山",
        "和田",
        "长治",
        "安康",
        "开封",
        "日照",
        "海口",
        "保定",
    }
)
# Short names that mean something else far more often in finance news (阿里 is
# the company); their places match by full name only (阿里地区).
_UNINDEXED_SHORTS = frozenset(("阿里",))
# Characters and words after a bare short name that mark it as a place.
_RIGHT_CONTEXT = frozenset("的和与及等、籍")
_RIGHT_CONTEXT_WORDS = ("地区", "境内", "一带", "全境", "各地", "当地", "本地", "方面")
# 旗 that goes on into 旗舰, 旗帜, 旗下 is a flag, not a banner (标准旗舰店 ≠ 准旗).
_NOT_BANNER_AFTER = frozenset("舰帜下袍")


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    code: str


@dataclass(frozen=True, slots=True)
class _Match:
    """A name found in the text, with what its surroundings allow."""

    start: int
    end: int
    candidates: list[tuple[str, int]]  # (code, kind), shared by all its matches
    lax: bool  # not a given name after a surname (张瑞丽)
    strict: bool  # also bounded by place-like context on both sides


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


class PlaceIndex:
    """An in-memory index of the division list for resolving place mentions."""

    def __init__(
        self,
        parents: dict[str, str | None],
        levels: dict[str, str],
        names: dict[str, str],
        aliases: dict[str, list[tuple[str, int]]],
    ) -> None:
        self._parents, self._levels, self._names = parents, levels, names
        self._lineages: dict[str, tuple[str, ...]] = {}
        self._candidates = list(aliases.values())
        # Overlapping matches: a longer name that fails (a town without its
        # county) must leave the shorter names inside it to be judged.
        self._automaton = ahocorasick_rs.AhoCorasick(list(aliases))
        # 直辖市: the province and its one city share a name (北京市), so naming
        # the province anchors the city's districts too.
        self._municipal_city = {
            parent: code
            for code, level in levels.items()
            if level == "city"
            and (parent := parents[code]) is not None
            and names[parent] == names[code]
        }

    @classmethod
    def from_records(cls, records: Iterable[PlaceRecord]) -> PlaceIndex:
        """Build the index from division records."""
        parents: dict[str, str | None] = {}
        levels: dict[str, str] = {}
        names: dict[str, str] = {}
        aliases: dict[str, list[tuple[str, int]]] = {}
        counties: dict[str, list[str]] = {}
        # The loop is kept plain: it runs over ~42,000 records at start-up.
        for record in records:
            code, name, level = record.code, record.name, record.level
            parents[code], levels[code], names[code] = record.parent_code, level, name
            if level == "town":
                if not name.endswith("街道"):
                    aliases.setdefault(name, []).append((code, _TOWN))
                continue
            short = record.short_name
            if level == "county":
                counties.setdefault(name, []).append(code)
                kind = _FULL if len(name) > 2 else _FULL2
                short_kind = _DISTRICT_SHORT if name[-1] == "区" else _COUNTY_SHORT
                stem = name[:-1]
                if (
                    name[-1] == "旗"
                    and short == name
                    and len(stem) > 1
                    and not stem.endswith(_PARTIAL_STEM_ENDINGS)
                ):
                    short = stem
            else:
                kind, short_kind = _FULL, _SHORT
            aliases.setdefault(name, []).append((code, kind))
            if short != name and len(short) > 1 and short not in _UNINDEXED_SHORTS:
                aliases.setdefault(short, []).append((code, short_kind))
        for alias, name in BANNER_ABBREVIATIONS.items():
            codes = counties.get(name, [])
            if len(codes) == 1:
                aliases.setdefault(alias, []).append((codes[0], _COUNTY_SHORT))
        return cls(parents, levels, names, aliases)

    @classmethod
    def default(cls) -> PlaceIndex:
        """Return the index of the shipped division list, built once per process."""
        return _default_index()

    def __len__(self) -> int:
        return len(self._levels)

    def ref(self, code: str) -> PlaceRef:
        """Return the PlaceRef for a division code."""
        names = {self._levels[c]: self._names[c] for c in self._lineage(code)}
        return PlaceRef(
            code=code,
            province=names["province"],
            city=names.get("city"),
            county=names.get("county"),
            town=names.get("town"),
        )

    def resolve_places(
        self, text: str, *, home_region: str | None = None, title: str = ""
    ) -> tuple[PlaceRef, ...]:
        """Return the places an item mentions, one per distinct place, by code."""
        region = self._lineage(home_region) if home_region in self._levels else ()
        standalone: set[str] = set()
        for segment in (title, text):
            if segment:
                mentions = self._resolve_segment(segment, region)
                standalone.update(self._standalone(segment, mentions))
        # A province adds nothing once a place below it is kept.
        below = {c for code in standalone for c in self._lineage(code)[:-1]}
        kept = (
            code
            for code in standalone
            if self._levels[code] != "province" or code not in below
        )
        return tuple(self.ref(code) for code in sorted(kept))

    def _lineage(self, code: str) -> tuple[str, ...]:
        """Return the codes from the province down to this place."""
        lineage = self._lineages.get(code)
        if lineage is None:
            parent = self._parents[code]
            lineage = (*self._lineage(parent), code) if parent else (code,)
            self._lineages[code] = lineage
        return lineage

    def _matches(self, text: str) -> list[_Match]:
        found = [
            (start, end, self._candidates[index])
            for index, start, end in self._automaton.find_matches_as_indexes(
                text, overlapping=True
            )
        ]
        full_spans = [
            (start, end)
            for start, end, candidates in found
            if end - start > 2 and any(kind in (_FULL, _TOWN) for _, kind in candidates)
        ]
        # A name inside a longer full name is part of it (科尔沁 in 科尔沁左翼中旗,
        # 库伦 in 库伦镇: the town must not anchor itself).
        found = [
            (start, end, candidates)
            for start, end, candidates in found
            if not any(
                s <= start and end <= e and e - s > end - start for s, e in full_spans
            )
        ]
        # Only strong names make a neighbour a place boundary (辽宁朝阳, 吉林长春).
        strong = [
            (start, end)
            for start, end, candidates in found
            if any(kind in (_FULL, _SHORT) for _, kind in candidates)
        ]
        starts = {start for start, _ in strong}
        ends = {end for _, end in strong}
        matches = []
        for start, end, candidates in found:
            if text[end - 1] == "旗" and text[end : end + 1] in _NOT_BANNER_AFTER:
                continue
            lax = _not_a_given_name(text, start, end)
            strict = lax and _bounded(text, start, end, starts, ends)
            if text[start:end] in _COMMON_WORDS:
                lax = strict  # even at home: 白银价格 is silver, not 白银市
            matches.append(_Match(start, end, candidates, lax, strict))
        return matches

    def _resolve_segment(self, text: str, region: tuple[str, ...]) -> list[_Mention]:
        matches = self._matches(text)
        accepted: dict[tuple[int, int], str] = {}
        anchors: frozenset[str] = frozenset()
        # Each round may anchor more names (库伦 → 库伦旗 → 库伦镇); a few suffice.
        for _ in range(4):
            memo: dict[tuple[int, bool, bool], str | None] = {}
            resolved: dict[tuple[int, int], str] = {}
            for match in matches:
                key = (id(match.candidates), match.lax, match.strict)
                if key not in memo:
                    memo[key] = self._resolve(match, anchors, region)
                if memo[key] is not None:
                    resolved[(match.start, match.end)] = memo[key]
            if resolved == accepted:
                break
            accepted = resolved
            anchors = self._anchors(accepted.values())
        return _non_overlapping(accepted)

    def _anchors(self, codes: Iterable[str]) -> frozenset[str]:
        anchors = {c for code in codes for c in self._lineage(code)}
        anchors.update(
            self._municipal_city[c] for c in list(anchors) if c in self._municipal_city
        )
        return frozenset(anchors)

    def _resolve(
        self, match: _Match, anchors: frozenset[str], region: tuple[str, ...]
    ) -> str | None:
        """Return the code a name stands for here, or None to leave it out."""
        allowed = [
            (code, kind)
            for code, kind in match.candidates
            if kind == _FULL
            or (match.lax and (kind not in (_FULL2, _TOWN) or match.strict))
            or (kind == _TOWN and match.end - match.start > 2)
        ]
        anchored = [code for code, kind in allowed if self._anchored(code, anchors)]
        if anchored:
            return self._branch_top(anchored)
        # The most specific home first: a city's page prefers its own counties.
        for home in reversed(region):
            at_home = [
                code
                for code, kind in match.candidates
                if self._at_home(code, kind, home)
            ]
            if at_home:
                usable = [code for code, _ in allowed if code in at_home]
                return self._branch_top(usable) if usable else None
        top = self._branch_top([code for code, _ in match.candidates])
        top_kinds = {kind for code, kind in allowed if code == top}
        if _FULL in top_kinds or (match.strict and top_kinds & {_FULL2, _SHORT}):
            return top
        return None

    def _anchored(self, code: str, anchors: frozenset[str]) -> bool:
        # A province anchors nothing below it: every item of a regional paper
        # names its province, so only a city or county gives real context.
        return code in anchors or any(c in anchors for c in self._lineage(code)[1:-1])

    def _at_home(self, code: str, kind: int, home: str) -> bool:
        if kind == _TOWN:
            return False
        lineage = self._lineage(code)
        if kind == _DISTRICT_SHORT:
            # District short names are everyday words (新城, 青山, 海南): only a
            # page from that very city, or its 直辖市 province, uses them bare.
            city = lineage[1] if len(lineage) > 2 else None
            return city is not None and (
                city == home or self._municipal_city.get(home) == city
            )
        return home in lineage

    def _branch_top(self, codes: Sequence[str]) -> str | None:
        """Return the one candidate above all others, if they form one branch."""
        if not codes:
            return None
        top = min(codes, key=lambda c: len(self._lineage(c)))
        return top if all(top in self._lineage(c) for c in codes) else None

    def _standalone(self, text: str, mentions: Sequence[_Mention]) -> set[str]:
        """Return the places mentioned other than as a qualifier of the next."""
        standalone: set[str] = set()
        for mention, following in zip(mentions, [*mentions[1:], None], strict=False):
            qualifies = (
                following is not None
                # An address may space its parts: 内蒙古自治区 通辽市 霍林郭勒市.
                and not text[mention.end : following.start].strip()
                and mention.code in self._lineage(following.code)[:-1]
            )
            if not qualifies:
                standalone.add(mention.code)
        return standalone


def _not_a_given_name(text: str, start: int, end: int) -> bool:
    # A 2-character name after a surname is a given name: 张瑞丽, 金白银.
    return end - start > 2 or start == 0 or text[start - 1] not in _SURNAMES


def _bounded(text: str, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    left = (
        not before
        or not _is_han(before)
        or before in _LEFT_CONTEXT
        or start in ends  # right after another place name: 辽宁朝阳
    )
    right = (
        not after
        or not _is_han(after)
        or after in _RIGHT_CONTEXT
        or text.startswith(_RIGHT_CONTEXT_WORDS, end)
        or end in starts  # right before another place name: 吉林长春
    )
    if left and right:
        return True
    return (
        before in _LOCATIVE
        and bool(after)
        and after not in _NOT_PLACE_AFTER
        and text[start:end] not in _COMMON_WORDS
    )


def _non_overlapping(accepted: dict[tuple[int, int], str]) -> list[_Mention]:
    """Keep the leftmost, then longest, of overlapping accepted names."""
    mentions: list[_Mention] = []
    taken_until = -1
    for (start, end), code in sorted(
        accepted.items(), key=lambda item: (item[0][0], -item[0][1])
    ):
        if start >= taken_until:
            mentions.append(_Mention(start, end, code))
            taken_until = end
    return mentions


@cache
def _default_index() -> PlaceIndex:
    return PlaceIndex.from_records(read_place_records())
