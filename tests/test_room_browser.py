"""The phone's page in a real browser (Debian's chromium, headless, at a phone's 360 px):
join as a group member, tap a score, see "Saved." and find it in the database; a wrong
link asks for the room's code."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.room_support import ServedRoom, responses

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH, HEIGHT = 360, 740
WAIT = 20  # seconds for anything the page does
SCREENSHOT = Path("/tmp/room-phone.png")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip(f"needs {CHROMIUM} and {CHROMEDRIVER} (Debian: chromium, chromium-driver)",
                allow_module_level=True)

from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as seen  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def browser():
    profile = tempfile.mkdtemp(prefix="room-chromium-")
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--disable-default-apps",
                     f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    # A desktop window is never narrower than 500 px: emulate a phone's screen instead
    # (its viewport meta tag applies too, as on a phone).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def served(db_path: Path):
    with ServedRoom(db_path) as served:
        yield served


def button(text: str) -> tuple[str, str]:
    return By.XPATH, f"//button[normalize-space()={text!r}]"


def status_is(text: str):
    return lambda driver: driver.find_element(By.ID, "status").text == text


def no_sideways_scroll(driver) -> None:
    width, client, inner = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " window.innerWidth]")
    assert inner == WIDTH  # the phone's width, really
    assert width <= WIDTH and width <= client, (width, client)


def test_a_wrong_link_asks_for_the_code_and_the_code_leads_in(browser, served) -> None:
    wait = WebDriverWait(browser, WAIT)
    browser.get(f"{served.base}/j/not-the-token")
    code = wait.until(seen.visibility_of_element_located((By.ID, "code")))
    assert "not the open room" in browser.find_element(By.CSS_SELECTOR, ".notice.bad").text
    no_sideways_scroll(browser)
    code.send_keys("WRONG1")
    browser.find_element(*button("Join")).click()
    wait.until(status_is("That is not the room's code: check it on the screen."))
    code.clear()
    code.send_keys(served.room.code.lower())
    browser.find_element(*button("Join")).click()
    group = served.session().groups[0].name
    wait.until(seen.element_to_be_clickable(button(f"A member of {group}")))
    assert browser.current_url == f"{served.base}/j/{served.join_token}"


def test_join_as_a_group_member_and_score_from_the_phone(browser, served) -> None:
    wait = WebDriverWait(browser, WAIT)
    session = served.session()
    group, row = session.groups[0], session.perception.rows[0]
    browser.get(f"{served.base}/j/{served.join_token}")
    wait.until(seen.element_to_be_clickable(button(f"A member of {group.name}"))).click()
    wait.until(status_is("You have joined. Thank you."))
    assert browser.find_element(By.ID, "me").text == f"You: a member of {group.name}"
    score = (By.CSS_SELECTOR, f'button[aria-label="{row.label}: 4"]')
    wait.until(seen.element_to_be_clickable(score)).click()
    wait.until(status_is("Saved."))
    [stored] = responses(served.db_path)
    assert (stored["exercise"], stored["item"], stored["value"]) == (
        "perception", str(row.id), "4")
    wait.until(lambda d: d.find_element(*score).get_attribute("aria-pressed") == "true")
    no_sideways_scroll(browser)
    browser.save_screenshot(str(SCREENSHOT))
    # Tapping the chosen score again takes it back.
    browser.find_element(*score).click()
    wait.until(status_is("Taken back."))
    assert responses(served.db_path) == []
