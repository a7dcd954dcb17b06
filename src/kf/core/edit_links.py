"""Links for editors and readers, free of MkDocs: "edit this page" on GitHub, and
"report a problem", which opens the error-report form prefilled for the page, or, where
the maintainers give a contact address (mkdocs.yml `extra.contact`), an e-mail to it
prefilled the same way: a reader needs no GitHub account to report a mistake."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from kf.core.labels import LABELS

#: The issue form (.github/ISSUE_TEMPLATE/) and the ids of its prefilled fields.
REPORT_FORM = "report-error.yml"


def edit_url(repository: str, branch: str, docs_path: str) -> str:
    """github.com's editor for a file, e.g. docs/fr/articles/x.md."""
    return f"{repository.rstrip('/')}/edit/{branch}/{docs_path.lstrip('/')}"


def report_url(repository: str, page_url: str, language: str, title: str) -> str:
    """The error-report form, prefilled with the page's address, language and title."""
    query = urlencode(
        {
            "template": REPORT_FORM,
            "title": f"[{language}] {title}",
            "page": page_url,
            "language": LABELS.get(language, {}).get("name", language),
        }
    )
    return f"{repository.rstrip('/')}/issues/new?{query}"


def contact_url(contact: str, page_url: str, language: str, title: str) -> str:
    """An e-mail to the maintainers' address (a `mailto:` link), or their own form (an
    https:// address, given the page as `page=`), prefilled with the page."""
    if contact.startswith("https://"):
        return contact + ("&" if "?" in contact else "?") + urlencode({"page": page_url})
    address = contact.removeprefix("mailto:")
    query = urlencode({"subject": f"[{language}] {title}", "body": f"{page_url}\n\n"}, quote_via=quote)
    return f"mailto:{address}?{query}"
