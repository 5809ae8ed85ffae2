"""The shipped division list loads into a resolvable four-level hierarchy."""

import csv
from collections import Counter

import pytest

from archive.models import Place
from archive.places import PLACES_CSV, PlaceFileError, read_place_records
from archive.services import places_load


def _csv_counts() -> Counter:
    with PLACES_CSV.open(encoding="utf-8") as handle:
        return Counter(row["level"] for row in csv.DictReader(handle))


@pytest.mark.django_db
def test_every_row_of_the_file_is_loaded_at_its_level(places):
    expected = _csv_counts()
    loaded = Counter(Place.objects.values_list("level", flat=True))
    assert loaded == expected
    assert loaded["province"] == 31  # mainland provinces, regions, municipalities
    assert loaded["county"] > 2800


@pytest.mark.django_db
def test_inner_mongolia_has_its_twelve_leagues_and_cities_and_103_counties(places):
    nmg = Place.objects.get(name="内蒙古自治区")
    assert nmg.short_name == "内蒙古"
    assert Place.objects.filter(parent=nmg).count() == 12
    assert Place.objects.filter(province=nmg, level="county").count() == 103
    assert Place.objects.filter(province=nmg, level="town").count() > 800


@pytest.mark.django_db
def test_chifeng_wengniute_wudan_resolve_down_and_up(places):
    chifeng = Place.objects.get(name="赤峰市")
    wengniute = chifeng.children.get(name="翁牛特旗")
    wudan = wengniute.children.get(name="乌丹镇")
    assert wudan.level == "town"
    assert wudan.short_name == "乌丹"
    assert [p.name for p in wudan.ancestors()] == ["内蒙古自治区", "赤峰市", "翁牛特旗"]
    assert wudan.full_path == "内蒙古自治区 › 赤峰市 › 翁牛特旗 › 乌丹镇"
    assert chifeng.short_name == "赤峰"


@pytest.mark.django_db
def test_tongliao_kulun_banner_resolves_by_short_name(places):
    kulun = Place.objects.named("库伦旗").get(level="county")
    assert kulun.parent.name == "通辽市"
    assert Place.objects.named("通辽").get().level == "city"


@pytest.mark.django_db
def test_each_level_points_at_itself_so_facets_can_group_on_one_column(places):
    chifeng = Place.objects.get(name="赤峰市")
    assert chifeng.city_id == chifeng.pk
    assert Place.objects.under(chifeng).filter(name="乌丹镇").exists()
    assert not Place.objects.under(chifeng).filter(name="库伦旗").exists()


@pytest.mark.django_db
def test_loading_again_changes_nothing(places):
    before = dict(Place.objects.values_list("code", "pk"))
    result = places_load()
    assert result.total == len(before)
    assert dict(Place.objects.values_list("code", "pk")) == before


def _write(tmp_path, body: str):
    path = tmp_path / "places.csv"
    path.write_text("code,parent_code,level,name,short_name\n" + body, encoding="utf-8")
    return path


def test_a_child_without_its_parent_is_reported_with_file_and_line(tmp_path):
    path = _write(
        tmp_path,
        "150000,,province,内蒙古自治区,内蒙古\n150400,159900,city,赤峰市,赤峰\n",
    )
    with pytest.raises(PlaceFileError, match=r"places\.csv:3: parent '159900'"):
        read_place_records(path)


def test_a_level_that_skips_a_step_is_rejected(tmp_path):
    path = _write(
        tmp_path,
        "150000,,province,内蒙古自治区,内蒙古\n150426100,150000,town,乌丹镇,乌丹\n",
    )
    with pytest.raises(PlaceFileError, match=r":3: 乌丹镇 \(town\) cannot sit under"):
        read_place_records(path)


def test_duplicate_codes_and_unknown_levels_are_rejected(tmp_path):
    path = _write(
        tmp_path, "150000,,province,内蒙古,内蒙古\n150000,,province,又一个,又\n"
    )
    with pytest.raises(PlaceFileError, match=":3: duplicate code 150000"):
        read_place_records(path)
    path = _write(tmp_path, "150000,,state,内蒙古,内蒙古\n")
    with pytest.raises(PlaceFileError, match=":2: unknown level 'state'"):
        read_place_records(path)


def test_a_file_that_is_not_utf8_is_named_in_the_error(tmp_path):
    path = tmp_path / "places.csv"
    path.write_bytes(
        "code,parent_code,level,name,short_name\n150000,,province,内蒙古,内蒙古\n".encode(
            "gbk"
        )
    )
    with pytest.raises(PlaceFileError, match=r"places\.csv: not UTF-8"):
        read_place_records(path)


@pytest.mark.django_db
def test_a_bad_file_leaves_the_loaded_places_untouched(places, tmp_path):
    before = Place.objects.count()
    path = _write(
        tmp_path,
        "150000,,province,内蒙古自治区,内蒙古\n150400,159900,city,赤峰市,赤峰\n",
    )
    with pytest.raises(PlaceFileError):
        places_load(path=path)
    assert Place.objects.count() == before


@pytest.mark.django_db
def test_loading_places_leaves_the_planner_statistics_true():
    # After a load into an empty table, stale statistics (0 rows) made the
    # home page's city count nest-loop every place against every place.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE archive_place CASCADE")  # rolled back after
        cursor.execute("ANALYZE archive_place")
        places_load()
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'archive_place'")
        estimated = cursor.fetchone()[0]
    assert estimated >= 0.9 * Place.objects.count() > 0
