"""Regions are picked, never typed: one widget and two form fields for every form and filter
that asks for a region (GB/T 2260), in the back office and on the public site.

``RegionPickerWidget`` renders a plain ``<select>`` of the regions a form accepts, grouped by
province and indented by level, so the form works with JavaScript off. ``core/static/js/
region-picker.js`` turns it into cascading 省 / 市 / 区（县） selects that load each level's
children from the regions API (``/api/v1/regions/?parent=``), and, for a field that takes
several regions, a list of chosen regions with 添加 / 移除 buttons. The submitted value is
always the six-digit code (several values for several regions), so the services, the API and
the existing tests see exactly what a typed code gave before.

``RegionField`` cleans one code to its ``Region`` and ``RegionsField`` several; a code that
names no region, or a region outside what the form accepts, is refused with a message that
names the field. A form limits the choice with ``roots`` (the regions whose area may be
chosen, e.g. the user's offices' regions) and ``min_level``/``max_level`` (a county only, or
any level from province down).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from core.models import Region
from core.models.regions import in_active_language

PROVINCE, CITY, COUNTY = Region.Level.PROVINCE, Region.Level.CITY, Region.Level.COUNTY
SEPARATORS = re.compile(r"[\s,，、;；]+")
LEVEL_WORDS = {
    PROVINCE: pgettext_lazy("region level", "province"),
    CITY: pgettext_lazy("region level", "city"),
    COUNTY: pgettext_lazy("region level", "county or district"),
    Region.Level.TOWNSHIP: pgettext_lazy("region level", "township or street"),
    Region.Level.VILLAGE: pgettext_lazy("region level", "village or community"),
}
INDENT = "\u3000"  # an ideographic space: kept by every browser inside an <option>
# Past this many choices the no-JavaScript list stops at the city level (the whole country
# has some 3,200 regions); the regions already chosen are always in it.
FALLBACK_LIMIT = 800

Roots = Iterable[Region] | QuerySet[Region] | Callable[[], Iterable[Region]] | None


def _codes_of(value) -> list[str]:
    """The codes in a value as forms hold it: a Region, a code, several of either, or the old
    typed text ("220000 220104")."""
    if value is None or value == "":
        return []
    if isinstance(value, Region):
        return [value.code]
    if isinstance(value, str):
        return [code for code in SEPARATORS.split(value.strip()) if code]
    if isinstance(value, Iterable):
        return [code for item in value for code in _codes_of(item)]
    return [str(value)]


def _resolve_roots(roots: Roots) -> list[Region] | None:
    if roots is None:
        return None
    if callable(roots):
        roots = roots()
    return list(roots)


def _within_any(path: str, roots: list[Region]) -> bool:
    return any(path == r.path or path.startswith(r.path + "/") for r in roots)


def _names(paths: Iterable[str]) -> dict[str, str]:
    """Names of every region on the given paths, by code, in the active language (one
    query)."""
    codes = {code for path in paths for code in path.split("/")}
    return {
        code: in_active_language(name, name_en)
        for code, name, name_en in Region.objects.filter(code__in=codes).values_list(
            "code", "name", "name_en"
        )
    }


def _joined(names: list[str]) -> str:
    """A region's names from the province down as one name: 吉林省长春市朝阳区, or in the
    English order "Chaoyang District, Changchun City, Jilin Province"."""
    if (get_language() or "").startswith("en"):
        return ", ".join(reversed([name for name in names if name]))
    return "".join(names)


def level_words(min_level: int, max_level: int) -> str:
    """What may be chosen, in words: "区（县）" or "省、市或区（县）"."""
    words = dict(LEVEL_WORDS)
    chosen = [str(words[level]) for level in range(min_level, max_level + 1)]
    if len(chosen) == 1:
        return chosen[0]
    return _("%(some)s or %(last)s") % {"some": "、".join(chosen[:-1]), "last": chosen[-1]}


class RegionPickerWidget(forms.Select):
    """A select of regions that JavaScript turns into cascading 省 / 市 / 区（县） selects."""

    template_name = "core/widgets/region_picker.html"
    option_template_name = "django/forms/widgets/select_option.html"

    class Media:
        js = ["js/region-picker.js"]
        css = {"all": ["css/region-picker.css"]}

    def __init__(
        self,
        attrs=None,
        *,
        roots: Roots = None,
        min_level: int = PROVINCE,
        max_level: int = COUNTY,
        multiple: bool = False,
    ):
        super().__init__(attrs)
        self.roots = roots
        self.min_level = min_level
        self.max_level = max_level
        self.allow_multiple_selected = multiple

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.roots = self.roots  # a queryset or a callable: shared, never evaluated here
        return copied

    # ---- values ----

    def format_value(self, value) -> list[str]:
        return _codes_of(value)

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", None)
            values = getter(name) if getter else data.get(name)
            return _codes_of(values)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return not self.allow_multiple_selected and name not in data

    # ---- the no-JavaScript list ----

    def _selectable(self, roots: list[Region] | None, chosen: list[str]) -> list[Region]:
        regions = Region.objects.filter(level__gte=self.min_level, level__lte=self.max_level)
        if roots is not None:
            # Roots at the deepest level choosable are themselves the choices (one IN list);
            # the others bring everything below them.
            area = Q(code__in=[r.code for r in roots if r.level >= self.max_level])
            for root in roots:
                if root.level < self.max_level:
                    area |= Q(path=root.path) | Q(path__startswith=root.path + "/")
            regions = regions.filter(area)
        regions = regions.order_by("path")
        if regions.count() > FALLBACK_LIMIT and self.max_level > CITY:
            regions = regions.filter(Q(level__lte=max(self.min_level, CITY)) | Q(code__in=chosen))
        return list(regions.only("code", "name", "name_en", "level", "path"))

    def region_choices(self, chosen: list[str]) -> tuple[list, dict[str, dict]]:
        """Optgroups for the select (one per province, or per city when only counties may be
        chosen) and each option's data attributes."""
        roots = _resolve_roots(self.roots)
        regions = self._selectable(roots, chosen)
        names = _names(r.path for r in regions)
        groups: dict[str, list] = {}
        attrs: dict[str, dict] = {}
        only_counties = self.min_level == self.max_level == COUNTY
        for region in regions:
            codes = region.path.split("/")
            full_name = _joined([names.get(code, "") for code in codes])
            if only_counties:
                group = _joined([names.get(code, "") for code in codes[:-1]])
                label = region.display_name
            else:
                group = names.get(codes[0], "")
                label = INDENT * (len(codes) - 1) + region.display_name
            groups.setdefault(group, []).append((region.code, label))
            attrs[region.code] = {"data-path": region.path, "data-full-name": full_name}
        return list(groups.items()), attrs

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].update(self._option_attrs.get(str(value), {}))
        return option

    def get_context(self, name, value, attrs):
        chosen = self.format_value(value)
        choices, self._option_attrs = self.region_choices(chosen)
        self.choices = [("", _("Choose…"))] if not self.allow_multiple_selected else []
        self.choices += choices
        context = super().get_context(name, value, attrs)
        roots = _resolve_roots(self.roots)
        try:
            endpoint = reverse("region-list")
        except NoReverseMatch:  # pragma: no cover - the API is always mounted
            endpoint = ""
        context["picker"] = {
            "endpoint": endpoint,
            "min_level": self.min_level,
            "max_level": self.max_level,
            "multiple": self.allow_multiple_selected,
            "root_paths": ",".join(r.path for r in roots) if roots is not None else "",
            "limited": roots is not None,
            "texts": json.dumps(
                {
                    "levels": [str(word) for word in LEVEL_WORDS.values()],
                    "chooseLevel": str(_("Choose a %(level)s")),
                    "whole": str(_("all of %(region)s")),
                    "add": str(_("Add")),
                    "remove": str(_("Remove")),
                    "none": str(_("No region chosen yet.")),
                    "chosen": str(_("Regions chosen")),
                    "failed": str(_("The regions could not be loaded; choose from the list.")),
                },
                ensure_ascii=False,
            ),
        }
        return context


class RegionField(forms.Field):
    """One region, picked; cleans its code to the ``Region``."""

    widget = RegionPickerWidget
    default_error_messages = {
        "unknown_region": gettext_lazy("%(field)s: there is no region with the code “%(code)s”."),
        "wrong_level": gettext_lazy("%(field)s: %(region)s is not a %(levels)s."),
        "outside": gettext_lazy("%(field)s: %(region)s is outside the regions you can choose."),
    }

    def __init__(
        self,
        *,
        roots: Roots = None,
        min_level: int = PROVINCE,
        max_level: int = COUNTY,
        multiple: bool = False,
        **kwargs,
    ):
        self.min_level, self.max_level = min_level, max_level
        kwargs.setdefault(
            "widget",
            RegionPickerWidget(
                roots=roots, min_level=min_level, max_level=max_level, multiple=multiple
            ),
        )
        super().__init__(**kwargs)
        self.roots = roots

    @property
    def roots(self) -> Roots:
        return self._roots

    @roots.setter
    def roots(self, roots: Roots) -> None:
        """The regions whose area may be chosen (None: anywhere); the widget follows."""
        self._roots = roots
        self.widget.roots = roots

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.roots = self._roots
        return copied

    def _refuse(self, error: str, **params) -> ValidationError:
        params["field"] = self.label or _("region")
        return ValidationError(self.error_messages[error], code=error, params=params)

    def _region(self, code: str, known: dict[str, Region]) -> Region:
        region = known.get(code)
        if region is None:
            raise self._refuse("unknown_region", code=code)
        if not self.min_level <= region.level <= self.max_level:
            raise self._refuse(
                "wrong_level",
                region=region.full_name,
                levels=level_words(self.min_level, self.max_level),
            )
        roots = _resolve_roots(self._roots)
        if roots is not None and not _within_any(region.path, roots):
            raise self._refuse("outside", region=region.full_name)
        return region

    def to_python(self, value) -> Region | None:
        codes = _codes_of(value)
        if not codes:
            return None
        code = codes[0][:16]
        known = {r.code: r for r in Region.objects.filter(code=code)} if code.isdigit() else {}
        return self._region(code, known)

    def prepare_value(self, value):
        return value.code if isinstance(value, Region) else value


class RegionsField(RegionField):
    """Several regions, picked one after another; cleans to the list of ``Region`` in the
    order chosen, each once. Also takes the codes as text ("220000 220104")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(multiple=True, **kwargs)

    def to_python(self, value) -> list[Region]:
        codes = list(dict.fromkeys(code[:16] for code in _codes_of(value)))
        digits = [code for code in codes if code.isdigit()]
        known = {r.code: r for r in Region.objects.filter(code__in=digits)}
        regions, problems = [], []
        for code in codes:
            try:
                regions.append(self._region(code, known))
            except ValidationError as error:
                problems.append(error)
        if problems:
            raise ValidationError(problems)
        return regions

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def prepare_value(self, value):
        return _codes_of(value)

    def has_changed(self, initial, data) -> bool:
        return set(_codes_of(initial)) != set(_codes_of(data))


class CountyField(RegionField):
    """A county or district (区县), within ``roots`` (usually the user's offices' regions).
    ``queryset`` is accepted as the roots, as the forms gave their ``ModelChoiceField``."""

    def __init__(self, *, queryset: Roots = None, **kwargs):
        kwargs.setdefault("roots", queryset)
        super().__init__(min_level=COUNTY, max_level=COUNTY, **kwargs)

    @property
    def queryset(self) -> Roots:
        return self.roots

    @queryset.setter
    def queryset(self, queryset: Roots) -> None:
        self.roots = queryset


def jurisdiction_roots(user, *, roles: Iterable[str] | None = None) -> list[Region] | None:
    """The regions a filter offers ``user``: those of their jurisdiction (None: anywhere, for
    those who see everything). Picking outside it would only find nothing."""
    from core.jurisdiction import scope_for

    scope = scope_for(user, roles=roles)
    if scope.everything or not scope.region_paths:
        return None
    codes = [path.rsplit("/", 1)[-1] for path in scope.region_paths]
    return list(Region.objects.filter(code__in=codes).order_by("path"))
