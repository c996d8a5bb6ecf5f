"""China's administrative divisions as a tree: province, city, county (GB/T 2260), and below
the county the townships or streets (乡镇/街道) and villages or communities (村/社区) with their
twelve-digit statistical division codes (统计用区划代码)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def path_within(path: str, ancestor_path: str) -> bool:
    """True when the region at ``path`` is the one at ``ancestor_path`` or lies inside it
    (paths as ``Region.path``: "220000/220100/220104")."""
    return path == ancestor_path or path.startswith(ancestor_path + "/")


def in_active_language(name: str, name_en: str) -> str:
    """A region's name for the page being drawn: the English name on an English page (when
    there is one), the Chinese name otherwise. For rows read with ``values()``."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name


class Region(models.Model):
    """One administrative division, keyed by its six-digit GB/T 2260 code, or below the county
    by its twelve-digit statistical division code: a township "220104001000" (the county's
    six digits, three for the township, "000"), a village "220104001001" (the township's nine
    digits and three for the village). No maintained data package ships the codes below the
    county, so offices create them in the admin (core.regions.region_create_below_county).

    ``path`` holds the codes from the province down to this region ("220000/220100/220104"),
    so "everything within X" is one indexed prefix query on any database. Municipalities
    (北京, 上海, 天津, 重庆) have no city level: their districts hang directly under the province.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("province")
        CITY = 2, _("city")
        COUNTY = 3, _("county")
        TOWNSHIP = 4, _("township or street")
        VILLAGE = 5, _("village or community")

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    # Made from the Chinese name by core.region_names when the region is loaded or created;
    # the office may correct it for the regions below the county it registers.
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(_("path"), max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_codes(self) -> list[str]:
        """Codes of the regions above this one, province first."""
        return self.path.split("/")[:-1]

    def ancestors(self) -> models.QuerySet[Region]:
        return Region.objects.filter(code__in=self.ancestor_codes).order_by("level")

    def descendants(self) -> models.QuerySet[Region]:
        return Region.objects.filter(path__startswith=self.path + "/")

    def is_within(self, other: Region) -> bool:
        """True when this region is ``other`` or lies inside it."""
        return path_within(self.path, other.path)

    @property
    def full_name(self) -> str:
        """The name a Chinese reader expects: 吉林省长春市朝阳区."""
        return "".join(r.name for r in [*self.ancestors(), self])

    @property
    def display_name(self) -> str:
        """The name in the active language: Chaoyang District on an English page, 朝阳区 on a
        Chinese one."""
        return in_active_language(self.name, self.name_en)

    @property
    def display_full_name(self) -> str:
        """The full name in the active language: 吉林省长春市朝阳区, or in the English order
        "Chaoyang District, Changchun City, Jilin Province"."""
        regions = [*self.ancestors(), self]
        if (get_language() or "").startswith("en") and all(r.name_en for r in regions):
            return ", ".join(r.name_en for r in reversed(regions))
        return self.full_name
