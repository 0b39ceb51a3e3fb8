"""A throwaway cluster on this machine: PostgreSQL, N app replicas and nginx, on free local ports.

`make cluster` (`python -m deploy.cluster`) starts one and says where to open it; Ctrl-C stops it
and deletes its folder. Tests and benchmarks use the same pieces from Python:

    with cluster(replicas=2) as running:
        print(running.url, running.database_url)
        running.restart_replica(0)

Everything lives in one temporary folder. PostgreSQL refuses to run as root, so as root its
programs run as the `postgres` user (`runuser`).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
DATABASE = "followup"
PG_USER = "postgres"
START_TIMEOUT_SECONDS = 60


class Missing(RuntimeError):
    """A program the cluster needs is not installed; the message says which and how to get it."""


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, script: str = "app.py") -> list[str]:
    """The command that serves `script` headless on 127.0.0.1:`port` (run it from REPO_ROOT)."""
    return [
        sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
        f"--server.port={port}", "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
    ]  # fmt: skip


def wait_healthy(
    url: str, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT_SECONDS
) -> None:
    """Return once `url` answers its health check; raise, with the log's end, if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def postgres_bin() -> Path:
    """The folder of PostgreSQL's server programs (Debian keeps them out of the PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb") or shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise Missing("PostgreSQL is not installed (apt-get install postgresql).")


def nginx_bin() -> str:
    """The nginx program."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).is_file()), None
    )
    if found is None:
        raise Missing("nginx is not installed (apt-get install nginx).")
    return found


def _as_postgres(command: Sequence[str]) -> list[str]:
    """Run as `postgres` when we are root (PostgreSQL refuses root), else as ourselves."""
    if os.geteuid() != 0:
        return list(command)
    return ["runuser", "-u", PG_USER, "--", *command]


@dataclass
class Postgres:
    """A running PostgreSQL server in `folder`, listening on 127.0.0.1:`port`."""

    folder: Path
    port: int
    bindir: Path

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the app's database."""
        return self.url_of(DATABASE)

    def url_of(self, database: str) -> str:
        """The URL of another database on this server."""
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database; its URL."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", PG_USER, name)
        return self.url_of(name)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`immediate` is a crash: no clean shutdown)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def start(self) -> None:
        """Start (again) on the same port and data."""
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=200 -c shared_buffers=32MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
            "-w", "-t", str(START_TIMEOUT_SECONDS), "start",
        )  # fmt: skip

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, program: str, *args: str) -> None:
        command = _as_postgres([str(self.bindir / program), *args])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stdout}{done.stderr}")


@contextlib.contextmanager
def postgres(folder: Path | None = None) -> Iterator[Postgres]:
    """A fresh PostgreSQL cluster in a temporary folder with an empty `followup` database."""
    bindir = postgres_bin()
    with _temp_folder(folder, "pg") as base:
        if os.geteuid() == 0:
            account = pwd.getpwnam(PG_USER)
            os.chown(base, account.pw_uid, account.pw_gid)
        server = Postgres(base, free_port(), bindir)
        server._run(
            "initdb", "-D", str(server.data), "-U", PG_USER, "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        server.start()
        try:
            server.create_database(DATABASE)
            yield server
        finally:
            with contextlib.suppress(RuntimeError):
                server.stop("immediate")


@contextlib.contextmanager
def _temp_folder(folder: Path | None, prefix: str) -> Iterator[Path]:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    base = Path(tempfile.mkdtemp(prefix=f"followup-{prefix}-"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Replica:
    """One `streamlit run app.py` process."""

    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        out = self.log.open("ab")
        self.process = subprocess.Popen(
            streamlit_command(self.port),
            cwd=REPO_ROOT,
            env=self.env,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
        out.close()
        wait_healthy(self.url, self.process, self.log)

    def terminate(self) -> None:
        """Ask the process to stop, without waiting."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()

    def stop(self) -> None:
        """Stop the process, killing it after 5 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Cluster:
    """PostgreSQL, the replicas and nginx, all running; `url` is where to open the app."""

    folder: Path
    database: Postgres
    replicas: list[Replica]
    proxy_port: int
    nginx: subprocess.Popen | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def database_url(self) -> str:
        return self.database.url

    def restart_replica(self, index: int) -> None:
        """Stop one replica and start it again on the same port."""
        self.replicas[index].stop()
        self.replicas[index].start()


def nginx_config(proxy_port: int, upstreams: Sequence[str], folder: Path) -> str:
    """deploy/nginx.conf with this cluster's ports and folders filled in."""
    servers = "\n".join(f"        server {address} max_fails=0;" for address in upstreams)
    text = NGINX_TEMPLATE.read_text(encoding="utf-8")
    replacements = {
        "@UPSTREAMS@": servers.strip(),
        "@LISTEN@": f"127.0.0.1:{proxy_port}",
        "@SERVER_NAMES@": "127.0.0.1 localhost",
        "@PREFIX@": str(folder),
    }
    for key, value in replacements.items():
        text = text.replace(key, value)
    return text


def secrets_toml(
    database_url: str, proxy_url: str, storage: str, auth: dict[str, str] | None
) -> str:
    """The replicas' shared secrets: the database, the storage mode and, for sign-in, [auth]."""
    lines = ["[followup]", f'storage = "{storage}"', "", "[connections.followup]"]
    lines.append(f'url = "{database_url}"')
    if auth:
        lines += ["", "[auth]", f'redirect_uri = "{proxy_url}/oauth2callback"']
        lines += [f'{key} = "{value}"' for key, value in auth.items()]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def cluster(
    replicas: int = 2,
    storage: str = "user",
    auth: dict[str, str] | None = None,
    folder: Path | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[Cluster]:
    """Start PostgreSQL, `replicas` app processes and nginx in front; stop them all on exit.

    `auth` holds the OpenID Connect settings (client_id, client_secret, server_metadata_url);
    a cookie secret shared by every replica is added. Without it, `user` mode shows its message.
    """
    nginx = nginx_bin()
    with _temp_folder(folder, "cluster") as base, postgres(base / "pg") as database:
        proxy_port = free_port()
        proxy_url = f"http://127.0.0.1:{proxy_port}"
        shared_auth = {"cookie_secret": secrets.token_hex(32), **auth} if auth else None
        secrets_file = base / "secrets.toml"
        secrets_file.write_text(secrets_toml(database.url, proxy_url, storage, shared_auth))
        common = {
            **os.environ,
            **(env or {}),
            "FOLLOWUP_DATA_DIR": str(base / "data"),
            "STREAMLIT_SECRETS_FILES": str(secrets_file),
            # Every replica must sign the XSRF cookie alike, or a page served by one is refused
            # by another after a failover.
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
        }
        common.pop("FOLLOWUP_DATABASE_URL", None)
        running = Cluster(base, database, [], proxy_port)
        try:
            for number in range(replicas):
                port = free_port()
                log = base / f"replica-{number}.log"
                running.replicas.append(Replica(port, dict(common), log))
            for replica in running.replicas:
                replica.start()
            config = base / "nginx.conf"
            upstreams = [f"127.0.0.1:{r.port}" for r in running.replicas]
            config.write_text(nginx_config(proxy_port, upstreams, base))
            (base / "nginx-temp").mkdir(exist_ok=True)
            log = (base / "nginx.log").open("ab")
            running.nginx = subprocess.Popen(
                [nginx, "-c", str(config), "-p", str(base), "-g", "daemon off;"],
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
            log.close()
            wait_healthy(running.url, running.nginx, base / "nginx.log")
            yield running
        finally:
            if running.nginx is not None and running.nginx.poll() is None:
                running.nginx.terminate()
                try:
                    running.nginx.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    running.nginx.kill()
            # All at once: each takes a few seconds to close its sessions.
            for replica in running.replicas:
                replica.terminate()
            for replica in running.replicas:
                replica.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """`make cluster`: start a cluster, say where it is, stop it on Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--storage", choices=("local", "user", "session"), default="local")
    args = parser.parse_args(argv)
    try:
        with cluster(args.replicas, storage=args.storage) as running:
            print(f"Open {running.url}  (nginx in front of {len(running.replicas)} replicas)")
            for number, replica in enumerate(running.replicas):
                print(f"  replica {number}: {replica.url}  log: {replica.log}")
            print(f"  database: {running.database_url}")
            print(f"  folder:   {running.folder}")
            print("Ctrl-C stops everything and deletes the folder.", flush=True)
            signal.signal(signal.SIGTERM, _interrupt)
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    except (Missing, RuntimeError) as err:
        print(f"cluster: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
