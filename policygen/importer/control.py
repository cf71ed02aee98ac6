"""The document-control table and the version history: tables the front sheet and version
control sheet regenerate, so their cells become typed fields rather than a table in the body.

Labels are matched in their common spellings ("Date approved", "Approval date", "Ratified by",
"Next review"), and also by the organisation's own front-sheet and version-sheet labels, so
a document the organisation's house style printed comes back to the same fields. Dates in UK
forms become ISO dates (or months, never an invented day); a row no field holds is kept as a
labelled ``extra`` row (a label with no value too, blank), a value we could not read as a date
is kept in ``extra`` with a check.
"""

from __future__ import annotations

import datetime as dt
import re

from policygen.importer.blocks import Table
from policygen.importer.outline import Check

# Common spellings → the dotted field they fill (document_control.* unless it says review.*).
_LABELS = {
    "reference": "reference", "reference no": "reference", "reference number": "reference", "ref": "reference",
    "ref no": "reference", "document reference": "reference", "policy reference": "reference", "policy number": "reference",
    "document number": "reference", "version": "version", "version no": "version", "version number": "version",
    "current version": "version", "status": "status", "author": "author", "authors": "author", "author s": "author",
    "lead author": "author", "name of author": "author", "policy author": "author", "owner": "owner",
    "policy owner": "owner", "document owner": "owner", "approved by": "approved.body", "approving body": "approved.body",
    "approving committee": "approved.body", "approval body": "approved.body", "date approved": "approved.date",
    "approval date": "approved.date", "approved date": "approved.date", "date of approval": "approved.date",
    "approved on": "approved.date", "ratified by": "ratified.body", "ratifying body": "ratified.body",
    "ratifying committee": "ratified.body", "ratification body": "ratified.body", "date ratified": "ratified.date",
    "ratification date": "ratified.date", "ratified date": "ratified.date", "date of ratification": "ratified.date",
    "ratified on": "ratified.date", "date issued": "issued", "issue date": "issued", "date of issue": "issued",
    "issued": "issued", "effective date": "effective", "date effective": "effective", "effective from": "effective",
    "last review date": "last_review", "date of last review": "last_review", "last reviewed": "last_review",
    "last review": "last_review", "review date": "review.next_review", "next review": "review.next_review", "next review date": "review.next_review",
    "date of next review": "review.next_review", "due for review": "review.next_review", "review due": "review.next_review",
    "target audience": "target_audience", "supersedes": "supersedes", "consultation": "consultation",
    "distribution": "distribution", "applies to": "applies_to", "keywords": "keywords",
}
_HISTORY = {
    "version": "version", "version no": "version", "issue": "version", "date": "date", "date issued": "date",
    "author": "author", "by": "author", "changed by": "author", "amended by": "author", "section": "sections",
    "section changed": "sections", "sections": "sections", "description": "description", "changes": "description",
    "change": "description", "details": "description", "amendment": "description", "description of amendment": "description",
    "summary": "description", "reason": "description", "comments": "description", "approved by": "approved_by",
}
# Two or three capitalised words and no word of a job title: a person's name, not a post.
_A_NAME = re.compile(r"^(?!.*\b(?:Team|Manager|Head|Director|Officer|Lead|Committee|Group|Board|Department|Service|"
                     r"Chief|Nurse|Governance|Specialist|Advis[oe]r|Coordinator|Secretary|Communications|Trust)\b)"
                     r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}$")
_STATUSES = ("draft", "consultation", "approved", "published", "superseded")
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def own_labels(rows, prefix: str) -> dict[str, str]:
    """The organisation's own labels ({label, field} rows of its house style) → the fields we fill."""
    known = set(_LABELS.values()) | set(_HISTORY.values())
    out = {}
    for row in rows:
        field = row.field.removeprefix(prefix)
        if field in known:
            out[label_key(row.label)] = field
    return out


def _guess(key: str) -> str | None:
    """A label in none of the spellings above, by its words: 'Name of approving committee' → approved.body."""
    words = set(key.split())
    for stem, field in (("approv", "approved"), ("ratif", "ratified")):
        if any(w.startswith(stem) for w in words):
            if words & {"date", "on", "when"}:
                return f"{field}.date"
            if words & {"committee", "body", "group", "board", "by"}:
                return f"{field}.body"
    if "review" in words and "last" in words:
        return "last_review"
    if "review" in words and words & {"date", "next", "due"}:
        return "review.next_review"
    return None


def field_for(label: str, own: dict[str, str]) -> str | None:
    key = label_key(label)
    return own.get(key) or _LABELS.get(key) or _guess(key)


def label_key(label: str) -> str:
    """'Date Approved:' → 'date approved'; 'Author(s)' → 'author s'."""
    return re.sub(r"[^a-z0-9]+", " ", label.lower().replace("’", "'")).strip()


def uk_date(text: str) -> str | None:
    """'09/03/2021', '9 March 2021', '9th Mar 2021', 'March 2021', '2021-03-09' → ISO ('2021-03' for a month)."""
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."), flags=re.I).replace(",", " ")
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", s)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _iso(year, int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]+)\s+(\d{4})", re.sub(r"\s+", " ", s))
    if m and m[2].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2].lower()], int(m[1]) if m[1] else None)
    return None


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        return dt.date(year, month, day or 1).isoformat()[: 10 if day else 7]
    except ValueError:
        return None


def cell_markdown(paragraphs: tuple[str, ...]) -> str:
    """A cell's paragraphs as Markdown: paragraphs apart, list items (``- item``) line by line."""
    out = ""
    for p in paragraphs:
        sep = "\n" if out and p.startswith("- ") and out.split("\n")[-1].startswith("- ") else "\n\n"
        out = f"{out}{sep}{p}" if out else p
    return out


def cell_text(cells) -> list[str]:
    return [" ".join(c.paragraphs).strip() for c in cells]


def history_columns(table: Table, own_labels: dict[str, str]) -> list[str | None] | None:
    """Each column's history field, when the table's first row heads a version history (Version and Date)."""
    if not table.rows:
        return None
    heads = [label_key(plain(t)) for t in cell_text(table.rows[0].cells)]
    fields = [own_labels.get(h) or _HISTORY.get(h) or _history_word(h) for h in heads]
    return fields if "version" in fields and "date" in fields else None


def history_headings(table: Table, columns: list[str | None]) -> list[tuple[str, str]]:
    """(heading as written, field) for each field the history table fills, in its column order:
    the column ``history`` reads a field from is the first that has it, so that heading is kept."""
    out: list[tuple[str, str]] = []
    for heading, field in zip(cell_text(table.rows[0].cells), columns):
        if field and all(field != seen for _, seen in out):
            out.append((plain(heading), field))
    return out


# A heading in none of the spellings above, by its words, the telling ones first:
# "Version/Description of Amendments" is the description, "Section/Para/ Appendix" the sections.
_HISTORY_WORDS = (("date", r"^date\b"), ("approved_by", r"approv|ratif"), ("author", r"author"),
                  ("description", r"descri|amend|change|detail|summary|reason|comment"), ("author", r"\bby\b"),
                  ("sections", r"section|para|append"), ("date", r"date"), ("version", r"version|issue"))


def _history_word(heading: str) -> str | None:
    return next((field for field, pattern in _HISTORY_WORDS if re.search(pattern, heading)), None)


def history(table: Table, columns: list[str | None], checks: list[Check]) -> list[dict]:
    rows = []
    for row in table.rows[1:]:
        values = cell_text(row.cells)
        entry: dict[str, str] = {}
        for field, value in zip(columns, values):
            if field and value and field not in entry:
                entry[field] = plain(value)
        if not entry.get("version"):
            continue
        if "date" in entry:
            iso = uk_date(entry["date"])
            if iso is None:
                checks.append(Check(table.where, f"version {entry['version']}: the date {entry['date']!r} is not a date we can read; it was left out"))
                del entry["date"]
            else:
                entry["date"] = iso
        rows.append({k: entry[k] for k in ("version", "date", "author", "sections", "description", "approved_by") if k in entry})
    return rows


def is_control_table(table: Table, own_labels: dict[str, str]) -> bool:
    """A label/value table (two columns, or label/value pairs across four) most of whose labels we know."""
    pairs = _pairs(table)
    known = sum(1 for label, _ in pairs if field_for(label, own_labels))
    return bool(pairs) and known >= max(2, len(pairs) // 2)


def _pairs(table: Table) -> list[tuple[str, str]]:
    pairs = []
    for row in table.rows:
        cells = cell_text(row.cells)
        if len(cells) not in (2, 4):
            return []
        pairs.extend((plain(cells[i]), cells[i + 1]) for i in range(0, len(cells), 2))
    return [(label, value) for label, value in pairs if label]


def control(table: Table, own_labels: dict[str, str], checks: list[Check]) -> tuple[dict, dict, list[tuple[str, str]]]:
    """(document_control fields, review fields, labels) from a label/value table. ``labels``: each
    field it filled with the label the table gave it, in the table's order, so a new organisation's
    front sheet can print them as the source did."""
    fields: dict = {}
    review: dict = {}
    extra: list[dict] = []
    labels: list[tuple[str, str]] = []
    as_written: dict[str, str] = {}  # an approval date as the source wrote it, should it lack its body
    for label, value in _pairs(table):
        value = value.strip()
        field = field_for(label, own_labels)
        if not value:  # "CONSULTATION:" left blank on the form: the label still prints, blank
            extra.append({"label": label.strip().rstrip(":").strip(), "value": ""})
            continue
        if field and field.endswith(".body") and uk_date(plain(value)) and " by " in f" {label_key(label)} ":
            # "Approval by Quality Committee: 16 January 2018": the label names the body, the value is the date
            body = re.split(r"\bby\b", label.strip().rstrip(":"), maxsplit=1, flags=re.I)[1].strip()
            if body and field.split(".")[0] not in fields:
                fields[field.split(".")[0]] = {"body": body, "date": uk_date(plain(value))}
                labels.append((label.strip(), field.split(".")[0] + ".date"))  # the label names the body
                continue
        placed = _place(field, plain(value), fields, review)
        if placed and field:
            labels.append((label.strip(), field))
        if placed and field and field.endswith(".date"):
            as_written[field.split(".")[0]] = plain(value)
        if not placed:
            if field and field.endswith(("date", "issued", "effective", "next_review", "last_review")) and not uk_date(plain(value)):
                checks.append(Check(table.where, f"{label.strip()}: {value!r} is not a date we can read; kept as an extra row"))
            extra.append({"label": label.strip().rstrip(":").strip(), "value": plain(value)})
    _approvals_need_bodies(fields, extra, as_written, checks, table.where)
    if extra:
        fields["extra"] = extra
    return fields, review, [(label, field) for label, field in labels if field.split(".")[0] in fields or field.startswith("review.")]


def _place(field: str | None, value: str, fields: dict, review: dict) -> bool:
    if field is None:
        return False
    if field.startswith("review."):
        iso = uk_date(value)
        if iso is None or "next_review" in review:
            return False
        review["next_review"] = iso
        return True
    head, _, rest = field.partition(".")
    if rest == "date" or field in ("issued", "effective", "last_review"):
        iso = uk_date(value)
        if iso is None:
            return False
        value = iso
    if field == "status":
        if value.lower() not in _STATUSES:
            return False
        value = value.lower()
    if field in ("author", "owner"):
        if field in fields:
            return False
        fields[field] = {"name" if _A_NAME.match(value) else "title": value}
        return True
    if field == "keywords":
        fields[field] = [k.strip() for k in re.split(r"[;,]", value) if k.strip()]
        return True
    if rest:
        target = fields.setdefault(head, {})
        if rest in target:
            return False
        target[rest] = value
        return True
    if field in fields:
        return False
    fields[field] = value
    return True


def _approvals_need_bodies(fields: dict, extra: list[dict], as_written: dict[str, str], checks: list[Check], where) -> None:
    """An approval needs its body: a date with no body is kept as an extra row, as written."""
    for key, label in (("approved", "Date approved"), ("ratified", "Date ratified")):
        approval = fields.get(key)
        if approval is not None and "body" not in approval:
            fields.pop(key)
            extra.append({"label": label, "value": as_written.get(key, approval.get("date", ""))})
            checks.append(Check(where, f"{label.lower()} with no approving body named: kept as an extra row"))


def plain(text: str) -> str:
    """Cell text without Markdown emphasis or escapes: fields are plain text."""
    text = re.sub(r"\[([^\]]*)\]\(<?[^)>]*>?\)", r"\1", text)
    text = re.sub(r"(\*\*|\*)(.+?)\1", r"\2", text)
    return re.sub(r"\\(.)", r"\1", text).strip()


_SIGNATORY_ROWS = {"author": "author", "authors": "author", "reviewer": "reviewers", "reviewers": "reviewers",
                   "authoriser": "authorised", "authorised by": "authorised", "authorizer": "authorised",
                   "approver": "approved", "approved by": "approved"}


def signatories(table: Table, fields: dict) -> bool:
    """A who-signed table (a Name column, a Role column, rows Author / Reviewers / Authoriser) into
    the author, reviewers and authoriser fields; False, touching nothing, when it is not one."""
    if len(table.rows) < 2:
        return False
    heads = [label_key(plain(t)) for t in cell_text(table.rows[0].cells)]
    name = next((i for i, h in enumerate(heads) if h == "name"), None)
    role = next((i for i, h in enumerate(heads) if "role" in h or h in ("title", "job title", "organisation")), None)
    date = next((i for i, h in enumerate(heads) if h == "date"), None)
    rows = [[plain(c) for c in cell_text(r.cells)] for r in table.rows[1:]]
    if name is None or role is None or not all(r and label_key(r[0]) in _SIGNATORY_ROWS for r in rows):
        return False
    for row in rows:
        value = lambda i: row[i] if i is not None and i < len(row) and row[i] else None  # noqa: E731
        when = uk_date(value(date) or "") if value(date) else None
        field = _SIGNATORY_ROWS[label_key(row[0])]
        if field in ("authorised", "approved"):
            body = value(role) or value(name)
            if body and field not in fields:
                fields[field] = {"body": body, **({"date": when} if when else {})}
            continue
        person = {k: v for k, v in (("title", value(role)), ("name", value(name)), ("date", when)) if v}
        if not person:
            continue
        if field == "reviewers":
            fields.setdefault("reviewers", []).append(person)
        elif "author" not in fields:
            fields["author"] = person
    return True


def summary_rows(table: Table) -> list[dict] | None:
    """A label/text table (two columns, short labels) as summary rows; None when it is not one."""
    rows = []
    for row in table.rows:
        cells = [cell_markdown(c.paragraphs) for c in row.cells]
        if len(cells) != 2 or not cells[0].strip() or len(plain(cells[0])) > 60:
            return None
        rows.append({"label": plain(cells[0]), "text": cells[1]})
    return rows or None
