"""Wagtail's own strings that its zh_Hans catalogue leaves in English on the screens our staff
use (table sorting, the form error summary, the account page). Marked here so that
``makemessages`` puts them in our catalogue, which Django reads before Wagtail's; the Chinese is
in core/locale/zh_hans_regions.py. Nothing imports this module; it lives outside core/locale/,
which makemessages does not read."""

from django.utils.translation import gettext_noop

WAGTAIL_MSGIDS = [
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop("Go to the first error"),
    gettext_noop(
        'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'
    ),
    gettext_noop("Theme preferences"),
    gettext_noop("admin theme"),
    gettext_noop("contrast"),
    gettext_noop("More contrast"),
    gettext_noop("density"),
    gettext_noop("Snug"),
    gettext_noop("Use server language: %(language_name)s"),
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
]
