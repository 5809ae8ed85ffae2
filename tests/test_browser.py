"""The pages as a person sees them: a real headless Chromium against a live server."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.factories import ArticleFactory, NoticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
SCREENSHOTS = Path(os.environ.get("ARCHIVE_SCREENSHOTS", tempfile.gettempdir()))

# CI installs Debian's chromium (.ci/run), so there a missing browser is a failure.
if not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium and chromium-driver are not installed",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="archive-chromium-")
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(
        service=Service(executable_path=CHROMEDRIVER), options=options
    )
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_home_page_renders_styled_and_leads_to_an_item(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    article = ArticleFactory(item__title="从“五篇大文章”到“最后一公里”")
    NoticeFactory()
    browser.get(live_server.url + "/")

    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
    assert browser.find_element(By.CSS_SELECTOR, ".brand-name").text == "地方金融档案"
    # The stylesheet is served and applied: the header carries the accent rule.
    header = browser.find_element(By.CSS_SELECTOR, ".site-header")
    assert header.value_of_css_property("border-bottom-color") == "rgba(166, 27, 27, 1)"
    search = browser.find_element(By.ID, "site-search")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=site-search]")
    assert search.get_attribute("placeholder").startswith("搜索")
    browser.save_screenshot(str(SCREENSHOTS / "archive-home.png"))

    browser.find_element(By.LINK_TEXT, article.item.title).click()
    WebDriverWait(browser, 10).until(lambda driver: "/items/" in driver.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == article.item.title
    assert (
        "本报记者 贺向军 杨春章"
        in browser.find_element(By.CSS_SELECTOR, ".byline").text
    )
    browser.save_screenshot(str(SCREENSHOTS / "archive-item.png"))


def test_search_box_submits_without_javascript(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    ArticleFactory(item__title="信易贷平台撮合42.28亿元", item__text="“信易贷”平台")
    browser.get(live_server.url + "/")
    box = browser.find_element(By.ID, "site-search")
    box.send_keys("信易贷", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda driver: "/search/?q=" in driver.current_url)
    assert browser.find_element(By.LINK_TEXT, "信易贷平台撮合42.28亿元")


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_search_facet_item_highlight_end_to_end(live_server, places, width):
    """Playwright on Debian's chromium: search, narrow by a facet, open, see <mark>."""
    from playwright.sync_api import sync_playwright

    from archive.models import Place

    tongliao = Place.objects.get(name="通辽市")
    chifeng = Place.objects.get(name="赤峰市")
    first = ArticleFactory(
        item__title="通辽普惠小微贷款稳步增长",
        item__text="通辽市普惠小微贷款余额增长。",
    ).item
    first.places.add(tongliao)
    other = ArticleFactory(
        item__title="赤峰普惠小微贷款", item__text="赤峰市普惠小微贷款余额。"
    ).item
    other.places.add(chifeng)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(live_server.url + "/")
        page.fill("#site-search", "普惠小微")
        page.press("#site-search", "Enter")
        page.wait_for_url("**/search/?q=*")
        assert page.locator(".result-count strong").inner_text() == "2"
        page.click(".facet a:has-text('通辽市')")
        page.wait_for_url("**place=*")
        assert page.locator(".result-count strong").inner_text() == "1"
        assert page.locator(".active-filters").inner_text().startswith("通辽市")
        page.screenshot(
            path=str(SCREENSHOTS / f"archive-search-{width}.png"), full_page=True
        )
        page.click(f"text={first.title}")
        page.wait_for_url("**/items/**")
        marks = page.locator(".item-text mark").all_inner_texts()
        assert "普惠小微" in marks
        # Nothing overflows the viewport sideways on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width
        browser.close()
