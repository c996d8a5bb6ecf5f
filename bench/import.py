"""Benchmark: importing a 100,000-row department list for a data cross-check (专项救助数据导入).

    .venv/bin/python bench/import.py [--rows 100000] [--format csv|xlsx|both] [--households 5000]

Builds a throw-away SQLite database (or DATABASE_URL), one district office with a caseworker,
``--households`` households on record (a third with an open case), then writes a list of
``--rows`` rows (realistic Chinese names, valid ID numbers with their check character, about
1% with a wrong check character, 0.5% without a number, 0.5% repeated rows, an extra column)
as GBK CSV and/or .xlsx, and imports each through the service the command and the admin
screen call. Prints rows per second and peak memory (the process's maximum resident set,
and the Python heap's peak with --tracemalloc, which slows Python down). Target (issue 7):
100,000 rows in under 60 s. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import os
import pstats
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉梅建国建华志强海燕红梅春梅淑珍凤英玉兰桂兰国华秀珍玉珍德明文华建平丽娟"  # noqa: E501
COUNTIES = ["220102", "220103", "220104", "220105", "220106", "220112", "220113"]
HEADER = [
    "序号",
    "证件号码",
    "姓名",
    "县（市、区）",
    "医疗费用总额",
    "出院日期",
    "备注",
    "联系电话",
]
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(county: str, born: dt.date, sequence: int) -> str:
    first17 = f"{county}{born:%Y%m%d}{sequence:03d}"
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def people(count: int, rng: random.Random):
    """(ID number, name, county) for ``count`` distinct people."""
    start = dt.date(1940, 1, 1)
    for index in range(count):
        born = start + dt.timedelta(days=index % 23_000)
        county = COUNTIES[index % len(COUNTIES)]
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        yield id_number(county, born, index // 23_000 + 1), name, county


def list_rows(count: int, rng: random.Random, region_names: dict[str, str]):
    previous = []
    for index, (number, name, county) in enumerate(people(count, rng)):
        roll = rng.random()
        if roll < 0.01:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")  # wrong check character
        elif roll < 0.015:
            number = ""
        elif roll < 0.02 and previous:
            number, name, county = rng.choice(previous)  # the same person twice
        else:
            previous = [*previous[-50:], (number, name, county)]
        yield [
            index + 1,
            number,
            name,
            region_names[county],
            f"{rng.randint(5_000, 400_000)}.{rng.randint(0, 99):02d}",
            (dt.date(2099, 1, 1) - dt.timedelta(days=rng.randint(0, 300))).isoformat(),
            rng.choice(["", "住院", "门诊慢特病", "重大疾病"]),
            f"139{rng.randint(0, 99_999_999):08d}",
        ]


def write_csv(path: Path, count: int, rng, region_names) -> None:
    with path.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(list_rows(count, rng, region_names))


def write_xlsx(path: Path, count: int, rng, region_names) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in list_rows(count, rng, region_names):
        sheet.append(row)
    workbook.save(path)


def seed_households(count: int, rng: random.Random, office, caseworker) -> int:
    """Households on record for the first ``count`` people of the list; a third with an open
    case (bulk inserts, like needs.factories.bulk_create_cases)."""
    from needs.crypto import encrypt_id_number, id_number_hash
    from needs.models import Case, Household, HouseholdMember

    created = 0
    chosen = list(people(count, random.Random(rng.random())))
    for start in range(0, len(chosen), 2000):
        chunk = chosen[start : start + 2000]
        households = Household.objects.bulk_create(
            [Household(region_id=county) for _number, _name, county in chunk]
        )
        HouseholdMember.objects.bulk_create(
            [
                HouseholdMember(
                    household=household,
                    name=name,
                    relation="head",
                    id_number_encrypted=encrypt_id_number(number),
                    id_number_hash=id_number_hash(number),
                )
                for household, (number, name, _county) in zip(households, chunk, strict=True)
            ]
        )
        Case.objects.bulk_create(
            [
                Case(
                    number=f"BENCH-{start + i:07d}",
                    household=household,
                    region_id=household.region_id,
                    responsible_office=office,
                    channel="walk_in",
                    category="illness",
                    narrative="基准测试个案",
                    reported_by=caseworker,
                )
                for i, household in enumerate(households)
                if i % 3 == 0
            ]
        )
        created += len(households)
    return created


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--households", type=int, default=5_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the Python heap")
    parser.add_argument("--profile", action="store_true", help="print where the import spends time")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from tqdm import tqdm

    from core.models import Organisation, Region, User
    from core.services import membership_grant
    from discovery.models import RiskWarning
    from discovery.services import crosscheck_import

    call_command("migrate", verbosity=0)
    city = Region.objects.get(code="220100")
    office = Organisation.objects.create(
        name="长春市民政局", kind=Organisation.Kind.GOVERNMENT_OFFICE, region=city
    )
    caseworker = User.objects.create(username="bench.caseworker")
    membership_grant(by=None, user=caseworker, organisation=office, role="caseworker")
    rng = random.Random(7)
    started = time.perf_counter()
    seeded = seed_households(args.households, rng, office, caseworker)
    print(f"seeded {seeded} households on record in {time.perf_counter() - started:.1f} s")
    region_names = dict(Region.objects.filter(code__in=COUNTIES).values_list("code", "name"))

    formats = ["csv", "xlsx"] if args.format == "both" else [args.format]
    for kind, fmt in zip(["medical_bills", "disaster_hit"], formats, strict=False):
        path = workdir / f"list.{fmt}"
        started = time.perf_counter()
        (write_csv if fmt == "csv" else write_xlsx)(
            path, args.rows, random.Random(11), region_names
        )
        size_mb = path.stat().st_size / 1e6
        print(
            f"\n{fmt}: wrote {args.rows} rows ({size_mb:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if args.tracemalloc:
            tracemalloc.start()
        bar = tqdm(total=args.rows, unit=" rows", desc=f"import {fmt}", mininterval=1)
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        with path.open("rb") as stream:
            outcome = crosscheck_import(
                by=caseworker,
                office=office,
                kind=kind,
                source_department="长春市医疗保障局",
                stream=stream,
                file_name=path.name,
                progress=bar.update,
            )
        elapsed = time.perf_counter() - started
        bar.close()
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        peak_heap = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
        if args.tracemalloc:
            tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        record = outcome.crosscheck_import
        print(
            f"{fmt}: {record.rows_read} rows read, {record.rows_imported} imported, "
            f"{record.rows_refused} refused ({record.rows_duplicate} duplicates); "
            f"warnings {dict(sorted(record.warnings_by_type.items()))}"
        )
        print(
            f"{fmt}: {elapsed:.1f} s, {record.rows_read / elapsed:,.0f} rows/s; "
            f"peak RSS {rss_after / 1024:.0f} MB (was {rss_before / 1024:.0f} MB before)"
            + (f"; Python heap peak {peak_heap / 1e6:.1f} MB" if peak_heap is not None else "")
        )
        started = time.perf_counter()
        with path.open("rb") as stream:
            again = crosscheck_import(
                by=caseworker,
                office=office,
                kind=kind,
                source_department="长春市医疗保障局",
                stream=stream,
                file_name=path.name,
            )
        print(
            f"{fmt}: re-import of the same file: already imported={again.already_imported}, "
            f"{time.perf_counter() - started:.2f} s"
        )
    print(f"\n{RiskWarning.objects.count()} risk warnings in the database")


if __name__ == "__main__":
    main()
