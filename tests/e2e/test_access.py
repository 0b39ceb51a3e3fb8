"""Every visitor, every screen: each page and tab in light and dark, on a desktop and a phone.

One server (holding the sample tracker) and one walk through every view per theme and screen;
the tests then read what the walk saw: axe-core's findings, every request the browser made, and
whether anything stuck out sideways on the phone.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect

from followup.paths import REPO_ROOT, SHIPPED_DATA_DIR
from followup.store import read_folder
from tests.e2e.browser import SETTLED, streamlit_server
from tests.e2e.conftest import TIMEOUT_MS, open_expander
from tests.e2e.screenshots import sample_data_dir

pytestmark = pytest.mark.e2e

AXE = REPO_ROOT / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
TODAY = "2026-03-16"
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
# Each page's address and the tabs to open on it (None: the page as it opens). The last two open
# every table's compact list view (its Table/List switch is in the address), meant for phones.
LIST_VIEWS = "tracker_find_view=List&tracker_followups_view=List&tracker_due_view=List"
VIEWS = {
    "": (None,),
    "Channels": (None, "Compare surveys", "Your follow-ups"),
    "Call_script": (None,),
    "Tracker": (None, "Follow-ups", "Due", "Overview", "Import", "Download"),
    "?home_due_view=List": (None,),
    f"Tracker?{LIST_VIEWS}": (None, "Follow-ups", "Due"),
}
# Widgets bound to the address (followup/ui/links.py); a link may carry nothing else.
SHAREABLE = {
    "channels_tab",
    "channels_pick",
    "channels_compare",
    "tracker_tabs",
    "tracker_find_text",
    "tracker_find_status",
    "tracker_find_sort",
    "tracker_find_view",
    "tracker_find_hide_closed",
    "tracker_followups_view",
    "tracker_due_view",
    "home_due_view",
}
# Help icons ("?" beside a label) a view may show: each one is a stop for the Tab key, so a hint
# a caption or the label can give is written there instead (a tooltip on a button adds no stop).
HELP_ICONS_MAX = 3
HELP_ICONS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] button')]
    .filter((b) => (b.getAttribute('aria-label') || '').startsWith('Help for'))
    .filter((b) => b.checkVisibility()).length"""
SERIOUS = ("serious", "critical")
# The headings of the list view's cards (the company and role of each interview).
CARD_HEADINGS = ".st-key-tracker_interview_cards strong"
TOYS = "Tailspin Toys (sample) · Operations analyst"
OPEN_PANEL = '[role="tabpanel"]:visible [data-testid="stElementContainer"]'
PANELS = '[data-testid="stTabs"] [data-testid="stVegaLiteChart"]:visible'

# Elements that scroll inside themselves (grids, tables, code, the tab strip): what they hold may
# be wider than the screen; they themselves may not.
OWN_SCROLL = (
    '[data-testid="stDataFrame"], [data-testid="stTable"], [data-testid="stCode"], pre, '
    '[role="tablist"], [data-testid="stVegaLiteChart"], [data-testid="stFileUploaderDropzone"]'
)
OVERFLOW_JS = """(ownScroll) => {
    const width = document.documentElement.clientWidth;
    const main = document.querySelector('[data-testid="stMain"]');
    const found = [];
    const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}`
        + ` "${(el.innerText || '').trim().slice(0, 40)}"`;
    for (const el of [document.documentElement, document.body, main]) {
        if (el.scrollWidth > el.clientWidth + 1) found.push(`page scrolls sideways: ${name(el)}`);
    }
    for (const el of main.querySelectorAll('*')) {
        const box = el.closest(ownScroll);
        if (box && box !== el) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.right > width + 1 || rect.left < -1) {
            found.push(`outside the screen (${Math.round(rect.left)}-${Math.round(rect.right)}): `
                + name(el));
            continue;
        }
        const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        const style = getComputedStyle(el);
        if (hasText && !style.display.startsWith('inline') && el.scrollWidth > el.clientWidth + 1) {
            found.push(`text overflows its box: ${name(el)}`);
        }
    }
    return found;
}"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .every((chart) => chart.querySelector('canvas, svg'))"""
# True once the page's height has not changed for three checks in a row (charts have grown).
LAYOUT_STILL = """() => {
    const height = document.querySelector('[data-testid="stMain"]').scrollHeight;
    window.__heights = [...(window.__heights || []), height].slice(-3);
    return window.__heights.length === 3 && window.__heights.every((h) => h === height);
}"""
AXE_JS = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
}"""


@dataclass
class Walk:
    """What one walk through every view saw."""

    violations: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    requests: set[str] = field(default_factory=set)
    help_icons: dict[str, int] = field(default_factory=dict)
    views: int = 0


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = f"axe-core is not installed ({AXE}); run `make axe` (npm ci in tests/e2e)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own, on the sample tracker, so every table and chart has rows."""
    folder = sample_data_dir(tmp_path_factory.mktemp("access"), TODAY)
    with streamlit_server(folder, extra_env={"FOLLOWUP_TODAY": TODAY}) as url:
        yield url


@pytest.fixture(scope="module")
def walks(browser: Browser, sample_url: str, axe_source: str) -> dict[tuple[str, str], Walk]:
    """Visit every page and tab once per theme and screen, recording what the tests check.

    The four windows take each step together (their servers' runs and their drawing overlap),
    which keeps the walk of 44 views well under a minute on two cores.
    """
    windows = {}
    for scheme in SCHEMES:
        for screen, viewport in SCREENS.items():
            # No fades: axe would measure a colour halfway through one.
            context = browser.new_context(
                viewport=viewport, color_scheme=scheme, reduced_motion="reduce"
            )
            walk = Walk()
            context.on("request", lambda request, walk=walk: walk.requests.add(request.url))
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            windows[scheme, screen] = (page, walk)
    for path, tabs in VIEWS.items():
        for page, _ in windows.values():
            page.goto(f"{sample_url}/{path}", wait_until="commit")
        for tab in tabs:
            if tab is not None:
                for page, _ in windows.values():
                    page.get_by_role("tab", name=tab).click()
                for page, _ in windows.values():
                    expect(page.get_by_role("tab", name=tab)).to_have_attribute(
                        "aria-selected", "true"
                    )
                    # A closed tab's panel is empty until the rerun the click asked for draws it.
                    page.locator(OPEN_PANEL).first.wait_for()
            for (scheme, screen), (page, walk) in windows.items():
                settled(page)
                where = f"{scheme} {screen} /{path} {tab or ''}".strip()
                walk.views += 1
                walk.help_icons[where] = page.evaluate(HELP_ICONS_JS)
                walk.violations += [f"{where}: {v}" for v in serious_violations(page, axe_source)]
                if screen == "phone":
                    found = page.evaluate(OVERFLOW_JS, OWN_SCROLL)
                    walk.overflow += [f"{where}: {problem}" for problem in found]
    for page, _ in windows.values():
        page.context.close()
    return {where: walk for where, (_, walk) in windows.items()}


def serious_violations(page: Page, axe_source: str) -> list[str]:
    """axe-core's serious and critical findings that are still there a moment later.

    A chart that finishes drawing can overlap the text below it for a frame, which axe reads as
    low contrast; a real violation shows on the second run too.
    """
    page.add_script_tag(content=axe_source)

    def findings() -> set[str]:
        return {
            f"{v['id']} ({v['help']}) {v['nodes']}"
            for v in page.evaluate(AXE_JS)
            if v["impact"] in SERIOUS
        }

    first = findings()
    if not first:
        return []
    page.wait_for_timeout(500)
    return sorted(first & findings())


def settled(page: Page) -> None:
    """The script has run and drawn the page: its heading is there and nothing is running."""
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible")
    page.wait_for_selector(SETTLED, state="attached")
    # Charts draw after the script ends; elements of the previous run fade until replaced.
    page.wait_for_function(CHARTS_DRAWN)
    page.locator('[data-stale="true"]').first.wait_for(state="detached")
    page.evaluate("window.__heights = []")
    page.wait_for_function(LAYOUT_STILL, polling=100)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_nothing_serious(walks: dict[tuple[str, str], Walk], scheme: str, screen: str):
    """axe-core reports no serious or critical violation on any page or tab."""
    walk = walks[scheme, screen]
    assert walk.views == sum(len(tabs) for tabs in VIEWS.values())
    assert walk.violations == []


def test_no_request_leaves_the_apps_own_origin(walks: dict[tuple[str, str], Walk], sample_url):
    """Icons, fonts, charts: everything comes from the app's own server, nothing from elsewhere."""
    origin = urllib.parse.urlsplit(sample_url).netloc
    requests = set().union(*(walk.requests for walk in walks.values()))
    assert any(urllib.parse.urlsplit(url).netloc == origin for url in requests)
    elsewhere = {
        url
        for url in requests
        if urllib.parse.urlsplit(url).scheme not in ("data", "blob")
        and urllib.parse.urlsplit(url).netloc != origin
    }
    assert elsewhere == set()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_nothing_sticks_out_sideways_on_a_phone(walks: dict[tuple[str, str], Walk], scheme: str):
    """At 390 px no page scrolls sideways and no text runs out of its box."""
    assert walks[scheme, "phone"].overflow == []


def test_help_icons_do_not_flood_the_tab_order(walks: dict[tuple[str, str], Walk]):
    """No view has more than a few help icons for a keyboard user to Tab through."""
    counts = walks["light", "desktop"].help_icons
    assert max(counts.values()) <= HELP_ICONS_MAX, counts
    # The count is of real icons: the Call script's form keeps one for "Greet them as".
    assert counts["light desktop /Call_script"] >= 1


def is_dark(page: Page) -> bool:
    background = page.locator('[data-testid="stApp"]').evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    red, green, blue = (int(x) for x in re.findall(r"\d+", background)[:3])
    return red + green + blue < 150


def test_dark_system_setting_gives_the_dark_theme(browser: Browser, sample_url: str):
    """A visitor whose system is dark gets dark pages without touching anything."""
    for scheme, dark in (("dark", True), ("light", False)):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(sample_url)
        settled(page)
        assert is_dark(page) is dark, scheme
        context.close()


def test_the_menu_switches_the_theme(browser: Browser, sample_url: str):
    """On a light system, the visitor picks Dark in the menu at the top right."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(sample_url)
    settled(page)
    page.locator('[data-testid="stMainMenu"]').click()
    page.get_by_role("menuitemradio", name="Dark").click()
    page.wait_for_function(
        """() => {
            const rgb = getComputedStyle(document.querySelector('[data-testid="stApp"]'))
                .backgroundColor.match(/\\d+/g).slice(0, 3).map(Number);
            return rgb[0] + rgb[1] + rgb[2] < 150;
        }"""
    )
    assert is_dark(page)
    context.close()


def test_a_copied_link_reopens_the_same_view(browser: Browser, sample_url: str):
    """A coach picks a channel, compares two surveys, copies the address; a student sees the same.

    The Tracker's open tab, search, filters and list view travel the same way, also while
    another tab is open; no address ever carries tracker data.
    """
    coach = browser.new_context()
    page = coach.new_page()
    page.goto(f"{sample_url}/Channels")
    settled(page)
    page.get_by_role("radio", name="Text message").click()
    settled(page)
    page.get_by_role("tab", name="Compare surveys").click()
    settled(page)
    compare = page.locator(".st-key-channels_compare")
    # Remove all but the first two surveys.
    while compare.get_by_role("button", name=re.compile("^Remove")).count() > 2:
        compare.get_by_role("button", name=re.compile("^Remove")).last.click()
        settled(page)
    expect(page.locator(PANELS)).to_have_count(2)
    channels_link = page.url
    page.goto(f"{sample_url}/Tracker")
    settled(page)
    page.locator(".st-key-tracker_find_text input").fill("toys")
    page.keyboard.press("Enter")
    settled(page)
    page.locator(".st-key-tracker_find_status").click()
    page.get_by_role("option", name="Applied", exact=True).click()
    page.keyboard.press("Escape")
    settled(page)
    page.locator(".st-key-tracker_find_view").get_by_text("List").click()
    settled(page)
    expect(page.locator(CARD_HEADINGS)).to_have_text([TOYS])
    page.get_by_role("tab", name="Due").click()
    settled(page)
    expect(page).to_have_url(re.compile("tracker_tabs=Due"))
    tracker_link = page.url
    coach.close()

    sample = read_folder(SHIPPED_DATA_DIR / "sample_tracker").interviews
    for link in (channels_link, tracker_link):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
        assert set(query) <= SHAREABLE, link
        assert "sample" not in link.lower()
        assert not any(str(v) in link for v in sample[["interview_id", "company", "role"]].stack())
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(tracker_link).query) == {
        "tracker_tabs": ["Due"],
        "tracker_find_text": ["toys"],
        "tracker_find_status": ["Applied"],
        "tracker_find_view": ["List"],
    }

    student = browser.new_context()
    page = student.new_page()
    page.goto(channels_link)
    settled(page)
    expect(page.get_by_role("tab", name="Compare surveys")).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.locator(PANELS)).to_have_count(2)
    page.get_by_role("tab", name="HR survey").click()
    settled(page)
    expect(page.get_by_role("heading", name="Text message")).to_be_visible()
    page.goto(tracker_link)
    settled(page)
    expect(page.get_by_role("tab", name="Due")).to_have_attribute("aria-selected", "true")
    page.get_by_role("tab", name="Interviews").click()
    settled(page)
    expect(page.locator(".st-key-tracker_find_text input")).to_have_value("toys")
    expect(page.locator(CARD_HEADINGS)).to_have_text([TOYS])
    student.close()


# The add-interview form after Company, in the order the Tab key must reach its fields: row by
# row (no help icon in between), then the fields on rows of their own.
ADD_FORM_ORDER = (
    "tracker_add_role",
    "tracker_add_interviewer",
    "tracker_add_title",
    "tracker_add_email",
    "tracker_add_phone",
    "tracker_add_date",
    "tracker_add_decision",
    "tracker_add_round",
    "tracker_add_status",
    "tracker_add_channel",
    "tracker_add_notes",
)


# The key of the widget holding the keyboard focus (its container's `st-key-...` class).
FOCUSED_WIDGET_JS = """() => {
    const box = document.activeElement.closest('[class*="st-key-"]');
    const name = box && [...box.classList].find((c) => c.startsWith('st-key-'));
    return name ? name.slice('st-key-'.length) : document.activeElement.tagName;
}"""


def test_the_add_form_tabs_from_company_to_role(browser: Browser, sample_url: str):
    """A keyboard user goes through the add-interview form row by row: Company, Role, and on."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{sample_url}/Tracker")
    settled(page)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Add an interview")
    open_expander(expander)
    page.locator(".st-key-tracker_add_company input").focus()
    # A date field is several stops (its parts and its calendar): count each widget once.
    reached: list[str] = []
    for _ in range(4 * len(ADD_FORM_ORDER)):
        page.keyboard.press("Tab")
        key = page.evaluate(FOCUSED_WIDGET_JS)
        if not reached or reached[-1] != key:
            reached.append(key)
        if key == ADD_FORM_ORDER[-1]:
            break
    assert reached == list(ADD_FORM_ORDER)
    context.close()
