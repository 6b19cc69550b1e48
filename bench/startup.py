#!/usr/bin/env python3
"""How long `make run` takes until the login page answers at http://127.0.0.1:8000.

Usage: python3 bench/startup.py [--fresh]
  --fresh  moves data/ aside first (restored afterwards), so the run migrates and loads demo data.
Runs `make run`, polls the login page, prints the seconds, then stops the server."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = "http://127.0.0.1:8000/accounts/login/"
LIMIT_SECONDS = 900


def wait_for_login_page(process: subprocess.Popen[bytes], started: float) -> float:
    while time.monotonic() - started < LIMIT_SECONDS:
        if process.poll() is not None:
            sys.exit(f"make run exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(URL, timeout=2) as response:
                body = response.read().decode()
                if response.status == 200 and "登录" in body:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("the login page did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    data, aside = ROOT / "data", ROOT / "data.bench-aside"
    if args.fresh and data.exists():
        data.rename(aside)
    had_data = (data / "lianjing.sqlite3").exists()
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        seconds = wait_for_login_page(process, started)
        kind = "run with existing data" if had_data else "first run on an empty data/"
        print(f"make run ({kind}): login page served after {seconds:.1f} s")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        if args.fresh and aside.exists():
            shutil.rmtree(data, ignore_errors=True)
            aside.rename(data)


if __name__ == "__main__":
    main()
