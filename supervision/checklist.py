"""The default self-inspection checklist of a special inspection: the points of seed 004,
五 "专项治理内容" (吉林经开区社会救助专项治理实施方案), one line each. The seed numbers 19 points
under five headings; all 19 are here, in its order. A campaign may give its own list instead.

The lines are English msgids translated like all UI text; a self-inspection stores them in
the platform's language when the campaign starts, so the office answers the list as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

DEFAULT_CHECKLIST = (
    # (一) 政策贯彻落实情况
    gettext_noop("Policy: the social assistance system is built as the Interim Measures require"),
    gettext_noop("Policy: the minimum living allowance (低保) policy is carried out"),
    gettext_noop("Policy: the household economic-status check (核对) mechanism works"),
    gettext_noop("Policy: support for people in extreme poverty (特困供养) is carried out"),
    gettext_noop(
        "Policy: medical assistance and assistance for grave illness are carried out and "
        "linked with medical insurance and charity"
    ),
    gettext_noop("Policy: temporary relief (临时救助) is given"),
    # (二) 工作机制建设运行情况
    gettext_noop("Mechanism: a joint meeting or leading group coordinates social assistance"),
    gettext_noop(
        "Mechanism: one-window intake, coordinated handling (一门受理、协同办理) with "
        "procedures, duties and time limits"
    ),
    gettext_noop("Mechanism: regular and unannounced supervision checks take place"),
    gettext_noop("Mechanism: social forces and social workers take part in assistance"),
    # (三) 资金筹集和使用管理情况
    gettext_noop("Funds: assistance funds are raised as required"),
    gettext_noop("Funds: assistance funds are used and managed as required"),
    # (四) 服务管理情况
    gettext_noop(
        "Service: staff, offices, service halls and intake windows are in place; villages "
        "and communities help"
    ),
    gettext_noop("Service: the working budget for social assistance is secured"),
    gettext_noop("Service: support institutions for people in extreme poverty are licensed"),
    gettext_noop("Service: medical assistance is settled at once in one stop"),
    gettext_noop("Service: the emergency medical assistance fund is managed and coordinated"),
    gettext_noop(
        "Procedure: application, review and approval are followed; hearings, long-term "
        "public notice and the filing of relatives of officials are in place"
    ),
    # (五) 特困群体救助工程实施情况
    gettext_noop("The assistance programme for groups in extreme hardship is carried out"),
)


def default_checklist() -> list[str]:
    """The default lines in the platform's language."""
    with override(settings.LANGUAGE_CODE):
        return [_(line) for line in DEFAULT_CHECKLIST]
