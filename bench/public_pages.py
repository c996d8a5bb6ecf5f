"""Benchmark: the public needs listing and a need page with 100,000 published needs, served
by gunicorn (2 workers on this 2-core machine), cached and uncached.

    .venv/bin/python bench/public_pages.py [--needs 100000] [--seconds 15] [--clients 8]

Builds a throw-away SQLite database (or DATABASE_URL), seeds the demo offices, bulk-creates
the cases and their published needs, then starts gunicorn twice: once with the local-memory
cache (the lists' normal set-up: a page is built once per change of the data, then served from
the cache) and once with Django's dummy cache (every request builds its page). Each time it
first times single requests one after another (p50/p95), then lets ``--clients`` connections
request for ``--seconds`` and counts requests per second: through wrk when it is installed
(``apt-get install wrk``), else Python threads. The load generator runs on the same two cores
as the server, so the throughput figures are a floor (a Python one much more so).
Targets (issue 6): >= 500 requests/s cached; p95 <= 50 ms uncached. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def seed(count: int) -> list[str]:
    """Cases and published needs; returns the needs' public ids."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from tqdm import tqdm

    from core.demo import seed_core
    from core.models import Organisation
    from needs.factories import bulk_create_cases
    from needs.models import Case, Need

    call_command("migrate", verbosity=0)
    seed_core()
    offices = list(
        Organisation.objects.filter(kind="government_office", region__level=3).order_by("pk")
    )
    bulk_create_cases(count, offices=offices, progress=lambda it: tqdm(it, desc="cases"))
    now = timezone.now()
    cases = Case.objects.values_list("pk", "category", "region_id", "remaining_gap_fen")
    batch = []
    for pk, category, region_id, gap in tqdm(
        cases.order_by("pk").iterator(), total=count, desc="needs"
    ):
        batch.append(
            Need(
                case_id=pk,
                title=f"一户家庭急需帮助（{pk}）",
                category=category,
                region_id=region_id,
                remaining_gap_fen=gap,  # the case's (needs.gap)
                story="家中主要劳动力突发重病住院，医疗费用自付部分超出家庭承受能力。",
                status=Need.Status.PUBLISHED,
                published_at=now - timezone.timedelta(minutes=pk),
            )
        )
        if len(batch) == 5000:
            Need.objects.bulk_create(batch)
            batch = []
    Need.objects.bulk_create(batch)
    return [str(u) for u in Need.objects.values_list("public_id", flat=True)[:2000]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def measure(base: str, paths: list[str], seconds: float, clients: int, label: str) -> None:
    for path in paths[:50]:  # warm-up (and, cached, fill the cache)
        fetch(base + path)
    for name, chosen in (
        ("listing", [p for p in paths if p.startswith("/needs/?")]),
        ("need page", [p for p in paths if not p.startswith("/needs/?")]),
    ):
        timings = [fetch(base + random.choice(chosen)) for _ in range(200)]
        print(
            f"{label:9} {name:10} one at a time: p50 {percentile(timings, 0.5):6.1f} ms, "
            f"p95 {percentile(timings, 0.95):6.1f} ms"
        )
    if shutil.which("wrk"):
        return measure_with_wrk(base, paths, seconds, clients, label)
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            fetch(base + random.choice(paths))
            done[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(
        f"{label:9} mixed, {clients} clients (Python threads): "
        f"{sum(done) / seconds:7.1f} requests/s"
    )


def measure_with_wrk(base: str, paths: list[str], seconds: float, clients: int, label: str):
    """The same mix through wrk (Debian package ``wrk``): a load generator in C takes far
    less of the two cores than Python threads, so the figure is closer to the server's."""
    script = Path(tempfile.mkdtemp(prefix="bench-wrk-")) / "paths.lua"
    listed = ", ".join(f'"{path}"' for path in paths)
    script.write_text(
        f"local paths = {{{listed}}}\n"
        "request = function()\n"
        '  return wrk.format("GET", paths[math.random(#paths)])\n'
        "end\n"
    )
    duration = max(1, round(seconds))
    command = [shutil.which("wrk"), "-t1", f"-c{clients}", f"-d{duration}s", "--latency"]
    output = subprocess.run(
        [*command, "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = r"Requests/sec:|50%|99%|Non-2xx or 3xx responses:|Socket errors:"
    found = re.findall(rf"^\s*({names})\s*(.+?)\s*$", output, re.M)
    figures = {name.rstrip(":"): value for name, value in found}
    errors = figures.get("Non-2xx or 3xx responses", "0")
    socket_errors = figures.get("Socket errors", "none")
    shutil.rmtree(script.parent, ignore_errors=True)
    print(
        f"{label:9} mixed, {clients} connections (wrk): {figures['Requests/sec']} requests/s, "
        f"p50 {figures['50%']}, p99 {figures['99%']} under load, "
        f"non-2xx responses: {errors}, socket errors: {socket_errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--needs", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-public-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ["DEBUG"] = "false"
    ids = seed(args.needs)
    # A small working set of pages, as the public reads them: the first pages of the list,
    # a few filters, and need pages.
    paths = [f"/needs/?page={n}" for n in range(1, 6)]
    paths += ["/needs/?category=illness", "/needs/?within=220100", "/needs/?min_yuan=1000"]
    paths += [f"/needs/{public_id}/" for public_id in ids[:40]]
    for label, cache_url in (("cached", "locmemcache://"), ("uncached", "dummycache://")):
        port = free_port()
        env = {**os.environ, "CACHE_URL": cache_url}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "core.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    fetch(base + "/healthz")
                    break
                except OSError:
                    time.sleep(0.2)
            measure(base, paths, args.seconds, args.clients, label)
        finally:
            server.terminate()
            server.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
