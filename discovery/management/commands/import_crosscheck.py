"""manage.py import_crosscheck <file> --office ... --kind ... --user ... [--mapping ...]"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.models import Organisation, User
from discovery.crosscheck_files import parse_mapping_option
from discovery.models import CrossCheckImport
from discovery.services import crosscheck_import


def _errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(e.messages)}" for field, e in error)
    return " ".join(error.messages)


class Command(BaseCommand):
    help = (
        "Import another department's list (CSV in UTF-8 or GBK, or .xlsx) for a data "
        "cross-check: rows are matched with the households on record and risk warnings raised. "
        "The same file imported again changes nothing; an interrupted import resumes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--office", required=True, help="Office id or exact name.")
        parser.add_argument("--kind", required=True, choices=CrossCheckImport.Kind.values)
        parser.add_argument("--user", required=True, help="Username of the official importing.")
        parser.add_argument(
            "--source", default="", help="Source department (default: the file name)."
        )
        parser.add_argument(
            "--mapping", default="", help="field=header pairs, e.g. id_number=证件号码,name=姓名"
        )
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, file: Path, office: str, kind: str, user: str, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        by = User.objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(f"No active user {user!r}.")
        lookup = {"pk": int(office)} if office.isdigit() else {"name": office}
        organisation = Organisation.objects.filter(**lookup).first()
        if organisation is None:
            raise CommandError(f"No office {office!r}.")
        bar = tqdm(unit=" rows", desc=file.name, disable=options["verbosity"] == 0)
        try:
            mapping = parse_mapping_option(options["mapping"])
            with file.open("rb") as stream:
                outcome = crosscheck_import(
                    by=by,
                    office=organisation,
                    kind=kind,
                    source_department=options["source"] or file.name,
                    stream=stream,
                    file_name=file.name,
                    mapping=mapping or None,
                    batch_size=options["batch_size"],
                    progress=bar.update,
                )
        except ValidationError as error:
            raise CommandError(_errors(error)) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        record = outcome.crosscheck_import
        if outcome.already_imported:
            self.stdout.write(f"Already imported as #{record.pk}: nothing changed.")
        elif outcome.resumed:
            self.stdout.write(f"Resumed import #{record.pk}.")
        self.stdout.write(
            f"Import #{record.pk}: {record.rows_read} rows read, {record.rows_imported} imported, "
            f"{record.rows_refused} refused ({record.rows_duplicate} duplicates)."
        )
        for kind_name, count in sorted(record.warnings_by_type.items()):
            self.stdout.write(f"  warnings {kind_name}: {count}")
        if record.extra_columns:
            self.stdout.write(f"  ignored columns: {', '.join(record.extra_columns)}")
        for refused in record.refused[:20]:
            self.stdout.write(f"  row {refused['row']}: {refused['code']} {refused['reason']}")
        if record.rows_refused > 20:
            self.stdout.write(f"  … {record.rows_refused - 20} more refused rows in the report")
