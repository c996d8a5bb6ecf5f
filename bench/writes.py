"""Benchmark: caseworkers reporting and updating cases at once, with the matching index's
change feed on (issue 16, item 5: no global write lock).

    .venv/bin/python bench/writes.py [--workers 2 16] [--seconds 30]
                                     [--query-latency-ms 0.5] [--global-lock]

Needs PostgreSQL (concurrent writers are what is measured): for each worker count it
(re)creates the database ``jijinan_bench_writes`` on BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it, seeds the demo offices, then runs
that many processes for ``--seconds``. Each worker, as caseworker.chaoyang, either reports a
new emergency case and accepts and assesses it (three services: the case becomes ready for
referral, so matching holds it), or re-assesses one of its earlier cases with a new gap (one
service); one report to two updates. Every service saves the case, so every operation
records changes in the feed. Meanwhile one more process holds an embedded matching engine
and refreshes it every 50 ms, as a server process would between requests.

Prints, per worker count, operations per second (cases/s: a report or an update), cases
reported, p50 and p95 latency of an operation, and whether the reader's engine held, at the
end, exactly what a freshly loaded engine holds (every ready case, with its gap and
urgency). Then the ratio of throughput with the most workers to that with the fewest.
Target (issue 16): >= 1.5x from 2 to 16 workers, and the reader misses nothing.

On a 2-core machine with the database on the same cores, two workers already keep both cores
busy (the "where the time goes" line shows it), so no design can scale past 1x there. Two knobs
make the comparison meaningful on such a machine: ``--query-latency-ms`` makes every statement
wait as for a database on another host (no CPU used), and ``--global-lock`` puts back the one
lock every writer took before issue 16 (a control run: its sessions wait on ``Lock:advisory``).
A benchmark: it asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _recreate_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(
        admin_url.replace("postgres://", "postgresql://", 1), autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _seed() -> None:
    from django.core.management import call_command

    from core.demo import seed_core

    call_command("migrate", verbosity=0)
    seed_core()


def _household(worker: int, n: int):
    from needs.factories import household_input, id_number

    born = f"{1940 + n % 60}{n // 60 % 12 + 1:02d}{n // 720 % 28 + 1:02d}"
    return household_input(
        "220104", head_id=id_number(f"220104{born}{worker:03d}"), phone=f"139{worker:02d}{n:06d}"
    )


def _simulate_deployment(query_latency_ms: float, global_lock: bool):
    """The two knobs of the control experiment.

    ``query_latency_ms``: every SQL statement waits that long before it is sent, as it would
    for a round trip to a database on another host (here the database shares the 2 cores, so
    without it two workers already fill the machine and no design can scale). The wait uses
    no CPU, like a network round trip.

    ``global_lock``: the design issue 16 removed, put back: every save of a case takes one
    lock that every writer needs, held until its transaction commits (the ``IndexStamp`` row
    lock was taken at the same point). Run with it to see that the benchmark tells the two
    designs apart."""
    import contextlib

    from django.db import connection
    from django.db.models.signals import post_save

    if global_lock:
        from needs.models import Case

        def lock_every_writer(sender, **kwargs):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(16005)")

        post_save.connect(lock_every_writer, sender=Case, weak=False)
    if not query_latency_ms:
        return contextlib.nullcontext()

    def round_trip(execute, sql, params, many, context):
        time.sleep(query_latency_ms / 1000)
        return execute(sql, params, many, context)

    return connection.execute_wrapper(round_trip)


def _worker(
    index: int, deadline: float, results, query_latency_ms: float = 0, global_lock: bool = False
) -> None:
    import django

    django.setup()
    with _simulate_deployment(query_latency_ms, global_lock):
        _work(index, deadline, results)


def _work(index: int, deadline: float, results) -> None:
    from core.models import User
    from needs import services

    rng = random.Random(index)
    caseworker = User.objects.get(username="caseworker.chaoyang")
    office = caseworker.memberships.first().organisation
    mine = []
    latencies: list[float] = []
    reported = updated = errors = 0
    step = 0
    while time.time() < deadline:
        step += 1
        began = time.perf_counter()
        try:
            if step % 3 == 1 or not mine:
                result = services.case_report(
                    by=caseworker,
                    office=office,
                    channel="walk_in",
                    category="illness",
                    narrative="家中主要劳动力突发重病住院，医疗费用负担沉重。",
                    household=_household(index, step),
                    is_emergency=True,
                )
                case = services.case_accept(by=caseworker, case=result.case)
                need = rng.randrange(20_000, 200_000) * 100
                services.case_assess(
                    by=caseworker, case=case, assessed_need_fen=need, assessed_gap_fen=need // 2
                )
                mine.append(case.pk)
                reported += 1
            else:
                from needs.models import Case

                case = Case.objects.get(pk=rng.choice(mine))
                need = rng.randrange(20_000, 200_000) * 100
                services.case_assess(
                    by=caseworker, case=case, assessed_need_fen=need, assessed_gap_fen=need // 3
                )
                updated += 1
        except Exception as error:  # counted and shown: the bench reports, never stops
            errors += 1
            if errors <= 3:
                print(f"worker {index}: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        latencies.append(time.perf_counter() - began)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results.put((reported, updated, errors, latencies, usage.ru_utime + usage.ru_stime))


def _reader(stop, results) -> None:
    """A server process's engine, refreshed between "requests" for the whole run; at the end
    compared with one loaded from scratch."""
    import django

    django.setup()
    from search.engine import EmbeddedEngine

    engine = EmbeddedEngine()
    refreshes = 0
    while not stop.is_set():
        engine.refresh()
        refreshes += 1
        time.sleep(0.05)
    engine.refresh()
    fresh = EmbeddedEngine()
    fresh.refresh()

    def held(e):
        return {cid: (e.need_map[cid].gap_fen, e.need_map[cid].urgency) for cid in e.need_map}

    mine, truth = held(engine), held(fresh)
    missing = len(truth.keys() - mine.keys()) + len(mine.keys() - truth.keys())
    stale = sum(1 for cid in truth.keys() & mine.keys() if truth[cid] != mine[cid])
    results.put((refreshes, len(truth), missing, stale, engine.full_loads))


def _sampler(name: str, stop, results) -> None:
    """What the database's sessions are doing, sampled every 50 ms: running, waiting for a
    lock (and on which kind), or waiting for something else (I/O, the client)."""
    import collections

    import psycopg

    url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    counts: collections.Counter = collections.Counter()
    blocked: collections.Counter = collections.Counter()
    with psycopg.connect(url, autocommit=True) as c:
        while not stop.is_set():
            rows = c.execute(
                "SELECT state, wait_event_type, wait_event, left(query, 90) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
            for state, kind, event, query in rows:
                if state == "active" and kind == "Lock":
                    blocked[query] += 1
                if state == "active":
                    counts[f"{kind}:{event}" if kind else "running"] += 1
                else:
                    counts[state or "other"] += 1
            time.sleep(0.05)
    results.put((dict(counts), blocked.most_common(1)))


def run(
    workers: int,
    seconds: float,
    admin_url: str,
    name: str,
    query_latency_ms: float = 0,
    global_lock: bool = False,
) -> dict:
    import django
    from django.db import connections

    _recreate_database(admin_url, name)  # DATABASE_URL already names it (main)
    django.setup()
    _seed()
    connections.close_all()

    context = multiprocessing.get_context("fork")
    results, reader_results, stop = context.Queue(), context.Queue(), context.Event()
    reader = context.Process(target=_reader, args=(stop, reader_results))
    reader.start()
    sampler_results = context.Queue()
    sampler = context.Process(target=_sampler, args=(name, stop, sampler_results))
    sampler.start()
    time.sleep(1)  # the reader has loaded before the writers start
    deadline = time.time() + seconds
    processes = [
        context.Process(target=_worker, args=(i, deadline, results, query_latency_ms, global_lock))
        for i in range(workers)
    ]
    began = time.perf_counter()
    for process in processes:
        process.start()
    reported = updated = errors = 0
    latencies: list[float] = []
    cpu = 0.0
    for _ in processes:
        r, u, e, lat, seconds_of_cpu = results.get()
        reported, updated, errors = reported + r, updated + u, errors + e
        latencies += lat
        cpu += seconds_of_cpu
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - began
    stop.set()
    refreshes, ready, missing, stale, full_loads = reader_results.get()
    reader.join()
    waits, blocked = sampler_results.get()
    sampler.join()
    connections.close_all()  # the next run drops this database
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    figures = {
        "workers": workers,
        "ops_per_s": (reported + updated) / elapsed,
        "reported": reported,
        "updated": updated,
        "errors": errors,
        "p50_ms": quantiles[49] * 1000,
        "p95_ms": quantiles[94] * 1000,
        "refreshes": refreshes,
        "ready": ready,
        "missing": missing,
        "stale": stale,
        "full_loads": full_loads,
    }
    print(
        f"{workers:>3} workers, {seconds:.0f} s: {figures['ops_per_s']:.1f} cases/s "
        f"({reported} reported, {updated} updated, {errors} errors); "
        f"latency p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms"
    )
    print(
        f"    reader: {refreshes} refreshes, {full_loads} full loads of a side; holds "
        f"{ready - missing if missing <= ready else 0} of {ready} ready cases; "
        f"missing or extra: {missing}; stale gap or urgency: {stale}"
    )
    sampled = sum(waits.values()) or 1
    top = ", ".join(
        f"{k} {v / sampled:.0%}" for k, v in sorted(waits.items(), key=lambda kv: -kv[1])[:6]
    )
    print(
        f"    where the time goes: workers used {cpu:.1f} CPU-seconds in {elapsed:.1f} s "
        f"({cpu / elapsed:.2f} of {os.cpu_count()} cores; "
        f"{cpu / max(reported + updated, 1) * 1000:.0f} ms of Python per operation); "
        f"database sessions sampled: {top}"
    )
    if blocked:
        print(f"    most waited-on statement: {blocked[0][0]!r}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 16])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--query-latency-ms",
        type=float,
        default=0,
        help="wait this long before each SQL statement, as for a database on another host",
    )
    parser.add_argument(
        "--global-lock",
        action="store_true",
        help="control run: put back one lock that every writer takes (the old design)",
    )
    args = parser.parse_args()
    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("BENCH_DATABASE", "jijinan_bench_writes")
    os.environ["DATABASE_URL"] = admin_url.rsplit("/", 1)[0] + f"/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    print(
        f"PostgreSQL, cores: {os.cpu_count()}; query latency {args.query_latency_ms:g} ms; "
        f"global write lock: {'yes (control run)' if args.global_lock else 'no'}"
    )
    runs = [
        run(workers, args.seconds, admin_url, name, args.query_latency_ms, args.global_lock)
        for workers in args.workers
    ]
    if len(runs) > 1:
        low, high = runs[0], runs[-1]
        print(
            f"throughput {high['workers']} vs {low['workers']} workers: "
            f"{high['ops_per_s'] / low['ops_per_s']:.2f}x (target >= 1.5x)"
        )
    print(f"reader missed or held stale: {sum(r['missing'] + r['stale'] for r in runs)} (target 0)")


if __name__ == "__main__":
    main()
