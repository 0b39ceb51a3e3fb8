from pathlib import Path

import pytest

from followup import hosting
from followup.hosting import (
    HostingConfigError,
    StorageMode,
    auth_problem,
    auth_provider,
    storage_mode,
    user_folder,
    user_key,
)

GOOD_AUTH = {
    "redirect_uri": "https://coach.example/oauth2callback",
    "cookie_secret": "s3cret",
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.example/.well-known/openid-configuration",
}


def test_local_is_the_default():
    assert storage_mode({}, {}) is StorageMode.LOCAL


def test_secrets_choose_the_mode():
    assert storage_mode({}, {"followup": {"storage": "session"}}) is StorageMode.SESSION


def test_environment_wins_over_secrets():
    mode = storage_mode({"FOLLOWUP_STORAGE": "User"}, {"followup": {"storage": "session"}})
    assert mode is StorageMode.USER


def test_an_unknown_mode_is_explained():
    with pytest.raises(HostingConfigError, match="local, session, user"):
        storage_mode({"FOLLOWUP_STORAGE": "cloud"}, {})


def test_each_identity_gets_its_own_stable_folder(tmp_path: Path):
    first = user_folder(tmp_path, "https://accounts.example", "alice")
    assert first == user_folder(tmp_path, "https://accounts.example", "alice")
    assert first != user_folder(tmp_path, "https://accounts.example", "bob")
    assert first != user_folder(tmp_path, "https://other.example", "alice")


@pytest.mark.parametrize("subject", ["../../x", "/etc/passwd", "a/../../b", "..", "\0"])
def test_a_hostile_subject_stays_inside_users(tmp_path: Path, subject: str):
    folder = user_folder(tmp_path, "https://accounts.example", subject)
    assert folder.parent == tmp_path / "users"
    assert folder.resolve().is_relative_to((tmp_path / "users").resolve())


def test_issuer_and_subject_do_not_run_together():
    """("ab", "c") and ("a", "bc") are different people."""
    assert user_key("ab", "c") != user_key("a", "bc")


def test_a_missing_subject_is_refused():
    with pytest.raises(HostingConfigError, match="did not say who you are"):
        user_key("https://accounts.example", "")


def test_complete_auth_settings_pass():
    assert auth_problem(GOOD_AUTH) is None


def test_provider_settings_may_sit_in_a_named_section():
    shared = {k: GOOD_AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: GOOD_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    assert auth_problem({**shared, "google": provider}) is None


def test_missing_auth_section_is_explained():
    assert "[auth] section" in auth_problem(None)


def test_missing_keys_are_named():
    problem = auth_problem({k: v for k, v in GOOD_AUTH.items() if k != "cookie_secret"})
    assert "cookie_secret" in problem


def test_a_wrong_redirect_is_named():
    problem = auth_problem({**GOOD_AUTH, "redirect_uri": "https://coach.example/"})
    assert "oauth2callback" in problem


def test_settings_in_auth_itself_need_no_provider_name():
    assert auth_provider(GOOD_AUTH) is None


def test_a_named_provider_section_is_used_by_name():
    """[auth.microsoft] holding the provider settings means signing in with "microsoft"."""
    shared = {k: GOOD_AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: GOOD_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    assert auth_provider({**shared, "microsoft": provider}) == "microsoft"


def test_the_database_url_comes_from_the_environment_first_then_secrets():
    """FOLLOWUP_DATABASE_URL wins over [connections.followup] url; neither means CSV folders."""
    secrets = {"connections": {"followup": {"url": " postgresql://db/one "}}}
    env = {hosting.DATABASE_URL_ENV: "sqlite:///x.db"}
    assert hosting.database_url(env, secrets) == "sqlite:///x.db"
    assert hosting.database_url({}, secrets) == "postgresql://db/one"
    assert hosting.database_url({}, {}) is None
    assert hosting.database_url({}, {"connections": {"other": {"url": "x"}}}) is None
    with pytest.raises(HostingConfigError, match=r"connections\.followup"):
        hosting.database_url({}, {"connections": {"followup": {"url": ""}}})
