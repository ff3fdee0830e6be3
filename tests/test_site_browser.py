"""The built course site in a real headless browser (Debian's chromium and chromedriver), served on loopback:
the nav leads to a lesson, search finds it, wide content scrolls, and no page logs a console error."""
from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("chromium and chromedriver are not installed (`make test` installs them as root on Debian: "
                "apt-get install chromium chromium-driver)", allow_module_level=True)
pytest.importorskip("selenium", reason="selenium is not installed (run `make setup`)")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from tests.test_site import built  # noqa: E402,F401 - the one site build the site tests share

pytestmark = pytest.mark.timeout(300)  # the first test may wait for the site build

LESSON = "days/day5-production/patterns/circuit-breaker/"
NAV_PATH = ("Day 5: Production and capstone", "Production patterns", "Circuit breaker")
# No internet here: without these, chromium keeps trying to reach its update, sync and metrics servers.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900")
CLIPPED = """
const clipped = [];
for (const el of document.querySelectorAll('article *')) {
  const overflow = getComputedStyle(el).overflowX;
  if ((overflow === 'hidden' || overflow === 'clip') && el.scrollWidth > el.clientWidth + 1)
    clipped.push(el.tagName + '.' + el.className + ' ' + el.scrollWidth + 'px in ' + el.clientWidth + 'px');
}
return clipped;
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built) -> str:  # noqa: F811 - the fixture imported above
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_nav_leads_to_a_lesson_and_search_finds_it(site, browser):
    browser.get(site)
    assert "Agentic AI Engineering" in browser.title
    nav = "//nav[contains(@class, 'md-nav--primary')]"
    steps = [f"{nav}//label[contains(@class, 'md-nav__link')][normalize-space()='{section}']"
             for section in NAV_PATH[:-1]]
    for step in (*steps, f"{nav}//a[contains(@class, 'md-nav__link')][normalize-space()='{NAV_PATH[-1]}']"):
        # open each section as a reader would (each unfolds with an animation), then follow the lesson's link
        WebDriverWait(browser, 10).until(expected_conditions.element_to_be_clickable((By.XPATH, step))).click()
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url == site + LESSON)
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == "Circuit breaker"
    assert not console_errors(browser), console_errors(browser)

    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, input.md-search__input").click()
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    WebDriverWait(browser, 10).until(lambda _: box.is_displayed())
    box.send_keys("circuit breaker")
    first_hit = "return document.querySelector('.md-search-result__item > a.md-search-result__link')?.href || ''"
    # Results follow each keystroke; those for the whole query carry it in their links (?h=circuit+breaker).
    hit = WebDriverWait(browser, 20).until(
        lambda driver: "h=circuit+breaker" in (href := driver.execute_script(first_hit)) and href)
    assert hit.split("?")[0] == site + LESSON, f"the first search hit for 'circuit breaker' is {hit}, not the lesson"
    assert not console_errors(browser), console_errors(browser)


@pytest.mark.parametrize("page", [LESSON, "days/day5-production/notebooks/02-resilience/",
                                  "labs/lab05-multi-agent/lab05/"])
def test_wide_content_scrolls_instead_of_being_cut_off(site, browser, page):
    try:
        for width in (1280, 800):
            browser.set_window_size(width, 900)
            browser.get(site + page)
            assert browser.find_elements(By.CSS_SELECTOR, "article"), f"{page} did not load"
            clipped = browser.execute_script(CLIPPED)
            assert not clipped, f"{page} at {width}px wide cuts off content that should scroll: {clipped[:5]}"
            assert not console_errors(browser), console_errors(browser)
    finally:
        browser.set_window_size(1280, 900)
