"""Where a visitor's tracker lives on a hosted dashboard: the storage modes and per-user folders."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

STORAGE_ENV = "FOLLOWUP_STORAGE"
DATABASE_URL_ENV = "FOLLOWUP_DATABASE_URL"
# The secrets section `st.connection("followup", type="sql")` reads: [connections.followup] url.
CONNECTION_NAME = "followup"
# The owner of the one tracker of `local` mode in a database; users' keys are 32 hex digits.
LOCAL_OWNER = "local"
USERS_DIR = "users"
# Settings every OpenID Connect provider needs, beside the shared ones (Streamlit's st.login docs).
AUTH_SHARED_KEYS = ("redirect_uri", "cookie_secret")
AUTH_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class StorageMode(StrEnum):
    """Where trackers live: one folder, each browser session, or one folder per signed-in user."""

    LOCAL = "local"
    SESSION = "session"
    USER = "user"


class HostingConfigError(ValueError):
    """The hosting configuration is wrong; the message says what to fix."""


def storage_mode(environ: Mapping[str, str], secrets: Mapping[str, object]) -> StorageMode:
    """The configured mode: `FOLLOWUP_STORAGE`, else `[followup] storage` in secrets, else local."""
    section = secrets.get("followup")
    from_secrets = section.get("storage") if isinstance(section, Mapping) else None
    raw = environ.get(STORAGE_ENV) or from_secrets or StorageMode.LOCAL.value
    try:
        return StorageMode(str(raw).strip().lower())
    except ValueError:
        choices = ", ".join(mode.value for mode in StorageMode)
        raise HostingConfigError(
            f"Unknown storage mode {raw!r}: set {STORAGE_ENV} or [followup] storage "
            f"to one of {choices}."
        ) from None


def database_url(environ: Mapping[str, str], secrets: Mapping[str, object]) -> str | None:
    """The tracker database: `FOLLOWUP_DATABASE_URL`, else [connections.followup] url; else None.

    None means the CSV folder, the default that needs no server.
    """
    from_env = environ.get(DATABASE_URL_ENV, "").strip()
    if from_env:
        return from_env
    connections = secrets.get("connections")
    section = connections.get(CONNECTION_NAME) if isinstance(connections, Mapping) else None
    url = section.get("url") if isinstance(section, Mapping) else None
    if url is not None and (not isinstance(url, str) or not url.strip()):
        raise HostingConfigError(
            f"[connections.{CONNECTION_NAME}] url must be a database URL such as "
            "postgresql://user:password@host/database."
        )
    return url.strip() if url else None


def user_key(issuer: str, subject: str) -> str:
    """A stable folder name for one identity: a hash, so nothing a user types reaches a path."""
    if not issuer or not subject:
        raise HostingConfigError(
            "The identity provider did not say who you are (no issuer or subject): "
            "sign out and in again, or ask the host to check the provider settings."
        )
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return digest[:32]


def user_folder(data_dir: Path, issuer: str, subject: str) -> Path:
    """The tracker folder of one signed-in user, always inside `data_dir/users/`."""
    return data_dir / USERS_DIR / user_key(issuer, subject)


def auth_provider(auth: Mapping[str, object]) -> str | None:
    """The provider to sign in with: None when [auth] holds its settings, else the first named."""
    if all(auth.get(key) for key in AUTH_PROVIDER_KEYS):
        return None
    for name, section in auth.items():
        if isinstance(section, Mapping) and all(section.get(key) for key in AUTH_PROVIDER_KEYS):
            return name
    return None


def auth_problem(auth: Mapping[str, object] | None) -> str | None:
    """What is missing from the `[auth]` secrets for sign-in to work, or None when complete."""
    if not auth:
        return (
            "Sign-in is not set up: the [auth] section of .streamlit/secrets.toml is missing. "
            "See .streamlit/secrets.toml.example."
        )
    missing = [key for key in AUTH_SHARED_KEYS if not auth.get(key)]
    providers = [value for value in auth.values() if isinstance(value, Mapping)]
    candidates = [auth, *providers]
    if not any(all(c.get(key) for key in AUTH_PROVIDER_KEYS) for c in candidates):
        missing += [f"{key} (in [auth] or a provider section)" for key in AUTH_PROVIDER_KEYS]
    if missing:
        return "Sign-in is not set up completely; [auth] lacks: " + ", ".join(missing) + "."
    redirect = str(auth["redirect_uri"])
    if not redirect.endswith("/oauth2callback"):
        return f"[auth] redirect_uri must end with /oauth2callback (it is {redirect!r})."
    return None
