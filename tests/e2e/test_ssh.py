"""End to end over a real SSH connection: our own sshd on 127.0.0.1, `ssh -tt` in tmux, `brief`.

The server runs as the current user on a free high port, with its own host key, authorised
key and sshd_config in the test's temporary folder; no system configuration is read or
changed. (Run as root, sshd needs its privilege-separation folder /run/sshd, which the
Debian service creates at boot; the test creates it, empty, when it is missing.)
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.helpers import BRIEF, Terminal, free_port, require, require_brief, wait_until

pytestmark = pytest.mark.e2e

SSHD_PATHS = ("/usr/sbin/sshd", "/usr/local/sbin/sshd")
WHY = "apt-get install openssh-server openssh-client; .ci/run installs them"


@dataclass
class Server:
    port: int
    key: Path
    log: Path


def sshd_binary() -> str | None:
    return shutil.which("sshd") or next((p for p in SSHD_PATHS if os.access(p, os.X_OK)), None)


def write_config(folder: Path, port: int) -> Path:
    user = getpass.getuser()
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {folder / 'host_key'}",
        f"AuthorizedKeysFile {folder / 'authorized_keys'}",
        f"PidFile {folder / 'sshd.pid'}",
        f"AllowUsers {user}",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",  # key only, and only matters when run as root
        "UsePAM no",          # PAM would need the system's config and a root server
        "StrictModes no",     # the temporary folder's parents are not ours to tighten
        "PrintMotd no",
        "PrintLastLog no",
        "X11Forwarding no",
        "AllowTcpForwarding no",
        "LogLevel INFO",
        "",
    ]))
    return config


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Server]:
    """Our own sshd on 127.0.0.1, stopped afterwards."""
    binary = sshd_binary()
    require("sshd", binary, WHY)
    require("ssh", shutil.which("ssh"), WHY)
    require("ssh-keygen", shutil.which("ssh-keygen"), WHY)
    assert binary
    folder = tmp_path / "sshd"
    folder.mkdir(mode=0o700)
    keygen = ["ssh-keygen", "-q", "-t", "ed25519", "-N", ""]
    subprocess.run([*keygen, "-f", str(folder / "host_key")], check=True)
    subprocess.run([*keygen, "-f", str(folder / "client_key")], check=True)
    shutil.copy(folder / "client_key.pub", folder / "authorized_keys")
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
    for _ in range(3):  # another process may take the free port before sshd binds it
        port = free_port()
        log = folder / f"sshd-{port}.log"
        config = write_config(folder, port)
        with log.open("wb") as out:
            proc = subprocess.Popen([binary, "-D", "-e", "-f", str(config)], stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

        def up() -> bool:
            if proc.poll() is not None:
                return True
            return "Server listening on 127.0.0.1" in log.read_text(errors="replace")

        try:
            wait_until(up, 20, "sshd to listen")
        except AssertionError:
            proc.kill()
            proc.wait()
            pytest.fail(f"sshd neither listened nor exited within 20 s:\n{log.read_text(errors='replace')}")
        if proc.poll() is None:
            break
    else:
        pytest.fail(f"sshd did not start:\n{log.read_text(errors='replace')}")
    try:
        yield Server(port, folder / "client_key", log)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ssh_command(server: Server, remote: list[str]) -> str:
    """The ssh command line (for the shell in tmux) that runs `remote` on our server."""
    options = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
               "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
               "-o", "ConnectTimeout=15"]
    ssh = ["ssh", "-tt", "-p", str(server.port), "-i", str(server.key), *options, "127.0.0.1",
           shlex.join(remote)]  # ssh hands the remote side one string for its shell
    return shlex.join(ssh)


def test_brief_over_ssh_searches_and_opens_a_brief(sshd: Server, terminal: Terminal, brief_env: dict[str, str]) -> None:
    require_brief()
    # OpenSSH forwards TERM (from the terminal's shell) but no other variable: BRIEF_* go
    # through the remote command itself.
    remote = ["env", *[f"{k}={v}" for k, v in brief_env.items()], "LANG=C.UTF-8", str(BRIEF)]
    terminal.run(f"{ssh_command(sshd, remote)}; echo SSH-EXIT-$?")
    screen = terminal.wait_for(r"Search briefs|SSH-EXIT-\d", timeout=90)
    log = sshd.log.read_text(errors="replace")
    # Without PAM, sshd refuses accounts whose password is locked ("!" in /etc/shadow).
    require("an account sshd lets in", "account is locked" not in log,
            f"sshd refuses {getpass.getuser()}: its password is locked (without PAM)")
    assert "SSH-EXIT" not in screen, f"ssh failed; sshd log:\n{log}"

    terminal.type("dark eagle")
    listed = terminal.wait_for(r"\d+ briefs? · by relevance")
    assert "Dark Eagle" in listed
    assert all(len(line) <= terminal.width for line in listed.splitlines())

    terminal.press("Enter")  # from the search box to the results
    terminal.wait_still()
    terminal.press("Enter")  # open the highlighted result
    more = listed.count("Dark Eagle")
    screen = terminal.wait_screen(lambda s: s.count("Dark Eagle") > more, "the brief in the reader")
    assert "\x1b" not in screen

    terminal.press("C-q")
    screen = terminal.wait_for(r"SSH-EXIT-\d", timeout=30)
    assert "SSH-EXIT-0" in screen, screen
    log = sshd.log.read_text(errors="replace")
    assert f"Accepted publickey for {getpass.getuser()}" in log
