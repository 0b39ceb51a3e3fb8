"""Streamlit glue for hosting: the configured storage mode, signing in and out, who is signed in."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.errors import StreamlitAuthError

from followup import hosting, ui
from followup.hosting import HostingConfigError, StorageMode

if TYPE_CHECKING:  # SQLAlchemy is imported only when a database is configured.
    from sqlalchemy.engine import Engine

SIGN_IN_WHY = (
    "Sign in to keep your tracker on this dashboard. Everyone who signs in gets a tracker of "
    "their own that no one else sees. The Channels and Call script pages work without signing in."
)


def secrets() -> dict[str, object]:
    """The app's secrets as plain dicts; empty when there is no secrets file.

    A secrets file that exists but cannot be read raises HostingConfigError: the app must not
    quietly fall back to `local`, where every visitor would share one folder.
    """
    try:
        return st.secrets.to_dict()
    except FileNotFoundError as err:  # Streamlit's "no secrets" error is a FileNotFoundError.
        if any(Path(path).exists() for path in st.get_option("secrets.files")):
            raise HostingConfigError(f"The secrets file cannot be read: {_one_line(err)}") from None
        return {}


def storage() -> StorageMode:
    """The storage mode this app runs in; raises HostingConfigError when it is misconfigured."""
    return hosting.storage_mode(os.environ, secrets())


def signed_in() -> bool:
    """Whether the visitor has signed in (False too when sign-in is not set up)."""
    # st.user has no is_logged_in at all when [auth] is missing, hence .get.
    return bool(st.user.get("is_logged_in"))


def awaiting_sign_in() -> bool:
    """Whether the app runs in `user` mode and this visitor has not signed in."""
    try:
        return storage() is StorageMode.USER and not signed_in()
    except HostingConfigError:
        return False


def database_url() -> str | None:
    """The tracker database's URL, or None for CSV folders (see `followup.hosting`)."""
    return hosting.database_url(os.environ, secrets())


def database_engine(url: str) -> Engine:
    """This process's engine for `url`, via `st.connection` (shared by every session), migrated.

    Raises DatabaseUnavailable (a StoreError) when the database cannot be reached or migrated;
    the next rerun tries again.
    """
    from followup import sqlstore

    normalised = sqlstore.normalise_url(url)
    connection = st.connection(
        hosting.CONNECTION_NAME, type="sql", url=normalised, **sqlstore.engine_options(normalised)
    )
    sqlstore.migrate(connection.engine)
    return connection.engine


def user_owner() -> str:
    """The signed-in user's key in the database: the same hash that names their folder."""
    return hosting.user_key(str(st.user.get("iss") or ""), str(st.user.get("sub") or ""))


def user_folder() -> Path:
    """The signed-in user's tracker folder, under `users/` in the data folder."""
    issuer = str(st.user.get("iss") or "")
    subject = str(st.user.get("sub") or "")
    return hosting.user_folder(ui.data_dir(), issuer, subject)


def sign_in_panel() -> None:
    """Why and how to sign in, with the button; what is wrong instead when sign-in is not set up."""
    auth = secrets().get("auth")
    auth = auth if isinstance(auth, Mapping) else None
    problem = hosting.auth_problem(auth)
    if problem is not None:
        st.error(ui.plain(problem), icon=":material/error:")
        return
    st.write(SIGN_IN_WHY)
    if st.button("Sign in", key="tracker_sign_in", type="primary", icon=":material/login:"):
        try:
            st.login(hosting.auth_provider(auth))
        except StreamlitAuthError as err:
            st.error(
                ui.plain(f"Sign-in is not set up correctly: {_one_line(err)}"),
                icon=":material/error:",
            )


def account_bar() -> None:
    """Who is signed in, as plain text, and the sign-out button."""
    name = str(st.user.get("name") or "")
    email = str(st.user.get("email") or "")
    who = f"{name} ({email})" if name and email else name or email or "your account"
    text, button = st.columns([4, 1], vertical_alignment="center")
    text.caption(f"Signed in as {ui.plain(who)}. Your tracker is yours alone.")
    if button.button("Sign out", key="tracker_sign_out", icon=":material/logout:"):
        st.logout()
        # Sign-out sends the browser to a new session; draw nothing more of this one.
        st.stop()


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
