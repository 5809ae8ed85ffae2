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
