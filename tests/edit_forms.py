"""Helpers for tests of edit forms: what a browser would submit for a form on a page,
read from the page's HTML (version token and inline formsets included), and what the
concurrency check answers."""

from html.parser import HTMLParser

from admin4all.admin_history import event_model_for
from admin4all.local_time import local_moment

OLD_PAGE = (
    "This form does not say which version of the record it was opened on (it may come "
    "from an old page), so changes saved since cannot be shown. Your edits are still in "
    "the form: save again to keep them, or reload the page to see the record as it is now."
)


def conflict_message(obj, who: str) -> str:
    """The refusal naming `who` and the time of the object's latest version."""
    latest = event_model_for(type(obj)).objects.filter(pgh_obj_id=obj.pk).latest("pgh_id")
    time = local_moment(latest.pgh_created_at)
    return (
        f"{who} saved this record on {time} after you opened it. Their changes are shown "
        "below; your edits are still in the form. Review them and save again to keep yours."
    )


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._select: tuple[str, bool] | None = None  # (name, multiple)
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None

    def _add(self, name: str | None, value: str) -> None:
        if name and self.forms:
            self.forms[-1].setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs.get("name"), attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select, self._options = (attrs.get("name"), "multiple" in attrs), []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._textarea:
            values = self.forms[-1][self._textarea]
            values[-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows the opening tag.
            values = self.forms[-1][self._textarea]
            values[-1] = values[-1].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            for value in chosen:
                self._add(name, value)
            self._select = None


def form_data(html: str, containing: str = "version_token") -> dict[str, list[str]]:
    """The fields of the page's form that has a field named `containing`."""
    parser = _FormParser()
    parser.feed(html)
    (form,) = [form for form in parser.forms if containing in form]
    return form
