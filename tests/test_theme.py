"""The themes in .streamlit/config.toml: light and dark both kept, readable, and switchable."""

from __future__ import annotations

import tomllib

import pytest

from followup.paths import REPO_ROOT

CONFIG = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
# Streamlit's own defaults (`streamlit config show`) for what the config leaves unset.
DEFAULTS = {
    "light": {"backgroundColor": "#ffffff", "sidebar": "#f8f8f7", "textColor": "#2f2d2b"},
    "dark": {"backgroundColor": "#171614", "sidebar": "#21201d", "textColor": "#edebe8"},
}
# Captions, help text and placeholders are the body text at 60% opacity.
FADED = 0.6


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    pairs = [(int(colour[i : i + 2], 16), int(background[i : i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(opacity * c + (1 - opacity) * b):02x}" for c, b in pairs)


def test_contrast_matches_known_ratios():
    """The ratio helper gives the published figures: black on white 21, #767676 on white 4.54."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_no_bare_theme_keys_so_both_themes_stay():
    """A colour under a bare [theme] makes one custom theme and drops dark mode (issue #13)."""
    bare = {k: v for k, v in CONFIG.get("theme", {}).items() if not isinstance(v, dict)}
    assert bare == {}


@pytest.mark.parametrize("name", ["light", "dark"])
def test_each_theme_sets_the_accent_colour(name: str):
    assert CONFIG["theme"][name]["primaryColor"].startswith("#")


def test_the_theme_switch_stays_in_the_menu():
    """ "minimal" hides the menu and the theme switch in it."""
    assert CONFIG["client"]["toolbarMode"] == "viewer"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_captions_reach_4_5_to_1_on_page_and_sidebar(name: str):
    theme = DEFAULTS[name] | CONFIG["theme"][name]
    for background in (theme["backgroundColor"], theme["sidebar"]):
        faded = blend(theme["textColor"], background, FADED)
        assert contrast(faded, background) >= 4.5, (name, background)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_chart_pair_and_its_labels_reach_4_5_to_1(name: str):
    """The two group colours colour bars and their value labels, so both must read as text."""
    theme = DEFAULTS[name] | CONFIG["theme"][name]
    accepted, other = theme["chartCategoricalColors"][:2]
    for colour in (accepted, other):
        assert contrast(colour, theme["backgroundColor"]) >= 4.5, (name, colour)
    assert accepted != other


@pytest.mark.parametrize("name", ["light", "dark"])
def test_white_text_on_the_accent_colour_reaches_4_5_to_1(name: str):
    """Primary buttons and picked chips write white on the accent colour."""
    assert contrast("#ffffff", CONFIG["theme"][name]["primaryColor"]) >= 4.5
