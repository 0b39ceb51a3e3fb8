"""The hosted set-up end to end: PostgreSQL, two replicas behind nginx, real OpenID Connect sign-in.

A local OpenID Connect provider (oidc-provider-mock) signs in two users through `st.login`, each
kept by nginx on a different replica; each sees only their own tracker; a replica restarts and
its user's tracker is still there. Needs PostgreSQL and nginx (skipped locally without them,
failed in CI).
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from deploy.cluster import Cluster, Missing, cluster, free_port
from tests.e2e.conftest import TIMEOUT_MS, open_expander, settle
from tests.servers import unavailable

pytestmark = pytest.mark.e2e
USERS = {"alice": "Alice Analytics", "bob": "Bob Builders"}


@contextlib.contextmanager
def oidc_provider(folder: Path) -> Iterator[str]:
    """oidc-provider-mock on a free port with the two users; yields its metadata URL."""
    port = free_port()
    claims = [
        json.dumps({"sub": sub, "name": sub.title(), "email": f"{sub}@example.org"})
        for sub in USERS
    ]
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for claim in claims:
        command += ["--user-claims", claim]
    log = (folder / "oidc.log").open("wb")
    provider = subprocess.Popen(command, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):
                break
            if provider.poll() is not None:
                raise RuntimeError((folder / "oidc.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        provider.terminate()
        provider.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """The whole set-up, `user` mode, signing in with the local provider."""
    if importlib.util.find_spec("oidc_provider_mock") is None:
        unavailable("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    folder = tmp_path_factory.mktemp("hosted")
    with oidc_provider(folder) as metadata:
        auth = {"client_id": "followup", "client_secret": "x", "server_metadata_url": metadata}
        try:
            with cluster(replicas=2, storage="user", auth=auth) as running:
                yield running
        except Missing as err:
            unavailable(str(err))


def replica_for(url: str, route: str) -> str:
    """Which replica nginx sends a browser with this route cookie to."""
    request = urllib.request.Request(
        f"{url}/_stcore/health", headers={"Cookie": f"followup_route={route}"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers["X-Followup-Replica"]


def test_the_proxy_keeps_a_browser_on_one_replica_and_refuses_strangers(hosted: Cluster):
    """Sticky by cookie, other Host headers closed, uploads bounded."""
    with urllib.request.urlopen(hosted.url, timeout=5) as response:
        cookie = response.headers["Set-Cookie"]
    route = re.match(r"followup_route=([^;]+)", cookie).group(1)
    assert len({replica_for(hosted.url, route) for _ in range(5)}) == 1
    spread = {replica_for(hosted.url, f"r{n}") for n in range(20)}
    assert len(spread) == 2
    address = urlsplit(hosted.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
    connection.request("GET", "/", headers={"Host": "evil.example"})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        connection.getresponse()
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
    connection.request("PUT", "/_stcore/upload_file/x/y", body=b"x" * (7 * 1024 * 1024))
    assert connection.getresponse().status == 413


def sign_in_and_add(page: Page, url: str, subject: str, company: str) -> None:
    page.goto(f"{url}/Tracker")
    settle(page)
    page.locator(".st-key-tracker_sign_in button").click()
    page.get_by_role("button", name=subject, exact=True).click()
    # Streamlit's sign-in callback lands on the home page.
    page.wait_for_url(re.compile(r"^" + re.escape(url) + r"/?$"))
    settle(page)
    page.goto(f"{url}/Tracker")
    settle(page)
    expect(page.get_by_text(f"Signed in as {subject.title()}")).to_be_visible()
    open_expander(page.locator('[data-testid="stExpander"]').filter(has_text="Add an interview"))
    page.locator(".st-key-tracker_add_company input").fill(company)
    page.locator(".st-key-tracker_add_role input").fill("Analyst")
    page.locator(".st-key-tracker_add_submit button").click()
    expect(page.get_by_text("Interview added and saved.")).to_be_visible()


def interviews_shown(page: Page) -> list[str]:
    """The interviews the Follow-ups tab's picker offers (the table itself is a canvas)."""
    page.get_by_role("tab", name="Follow-ups").click()
    page.locator(".st-key-tracker_selected").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    names = options.all_inner_texts()
    page.keyboard.press("Escape")
    return names


def test_two_users_on_two_replicas_see_only_their_own_tracker_across_a_restart(
    hosted: Cluster, browser: Browser
):
    """Alice and Bob sign in on different replicas; each sees only theirs; a restart loses none."""
    routes = {}
    for n in range(50):
        routes.setdefault(replica_for(hosted.url, f"user{n}"), f"user{n}")
    assert len(routes) == 2
    pages = {}
    for (replica, route), (subject, company) in zip(routes.items(), USERS.items(), strict=True):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        host = urlsplit(hosted.url).hostname
        context.add_cookies(
            [{"name": "followup_route", "value": route, "domain": host, "path": "/"}]
        )
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        sign_in_and_add(page, hosted.url, subject, company)
        served = page.request.get(f"{hosted.url}/_stcore/health").headers["x-followup-replica"]
        assert served == replica
        pages[subject] = (page, replica)
    for subject, company in USERS.items():
        shown = interviews_shown(pages[subject][0])
        assert any(company in name for name in shown), shown
        others = [c for s, c in USERS.items() if s != subject]
        assert not any(other in name for name in shown for other in others), shown

    alice, replica = pages["alice"]
    index = [f"127.0.0.1:{r.port}" for r in hosted.replicas].index(replica)
    hosted.restart_replica(index)
    alice.reload()
    settle(alice)
    expect(alice.get_by_text("Signed in as Alice")).to_be_visible()
    shown = interviews_shown(alice)
    assert any(USERS["alice"] in name for name in shown), shown
    for page, _ in pages.values():
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        page.context.close()
