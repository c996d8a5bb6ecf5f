"""Wagtail's own strings that its zh_Hans catalogue leaves in English on the screens our staff
use (table sorting, the form error summary, the account page, the keyboard-shortcuts dialog).
Marked here so that ``makemessages`` puts them in our catalogue, which Django reads before
Wagtail's; the Chinese is in core/locale/zh_hans_regions.py and zh_hans_reach.py. Nothing
imports this module; it lives outside core/locale/, which makemessages does not read."""

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
    # The keyboard-shortcuts dialog in every admin page (wagtailadmin_tags.keyboard_shortcuts_
    # dialog); the Chinese is in core/locale/zh_hans_reach.py. Key labels (Ctrl, Shift, Esc)
    # stay as printed on the keys, as Wagtail intends.
    gettext_noop("account"),
    gettext_noop(
        "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."
    ),
    gettext_noop(
        "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."
    ),
    gettext_noop("Section"),
    gettext_noop("Application"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Save changes"),
    gettext_noop("Add or show comments"),
    gettext_noop("Text editing"),
    gettext_noop("Cut"),
    gettext_noop("Paste"),
    gettext_noop("Paste and match style"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Redo"),
    gettext_noop("Text formatting"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Monospace (code)"),
    gettext_noop("Strike-through"),
]
