"""Personal data in printed notices: what readers who are not staff may see.

Notices name private persons and print their mobile numbers and e-mail addresses.
The archive keeps the page as printed (the raw bytes are the source of truth);
masking happens when text is shown to someone who is not signed-in staff.
The policy is `settings.ARCHIVE_MASK_CONTACTS`:

- ``personal`` (default): mobile numbers and e-mails at personal mail providers
  are masked everywhere, and every phone number and e-mail of a notice issued by
  a natural person (no organisation in the issuer's name) too. Landlines and
  official addresses of organisations stay readable: they are how the public
  reaches the issuing office.
- ``all``: every phone number and e-mail is masked.
- ``none``: nothing is masked.

Masks keep the length of what they hide, so highlight positions computed on the
text stay valid.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

MODES = ("personal", "all", "none")

MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
LANDLINE = re.compile(r"(?<![0-9])0[0-9]{2,3}[-－—][0-9]{7,8}(?![0-9])")
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@"
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
PERSONAL_MAIL_DOMAINS = frozenset(
    {
        "qq.com",
        "vip.qq.com",
        "foxmail.com",
        "163.com",
        "126.com",
        "yeah.net",
        "vip.163.com",
        "sina.com",
        "sina.cn",
        "sohu.com",
        "139.com",
        "189.cn",
        "wo.cn",
        "aliyun.com",
        "gmail.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
    }
)
# An issuer with one of these in its name is an organisation, not a person.
ORGANISATION_WORDS = re.compile(
    r"公司|集团|局|委员会|委|政府|办公室|办事处|中心|银行|医院|学校|大学|学院|研究"
    r"|协会|合作社|企业|厂|店|社|部|处|所|院|站|队|会|厅|署|馆|场|行|网|组|室|镇|乡"
    r"|村|街道|管委|法院|检察|公安|分局|支行|分行|股份|有限|事务"
)
# A query term that could look a person's contact up: 6+ digits or an e-mail.
_CONTACT_PROBE = re.compile(r"[0-9]{6,}|@")


def mode() -> str:
    value = str(getattr(settings, "ARCHIVE_MASK_CONTACTS", "personal")).lower()
    return value if value in MODES else "personal"


def sees_contacts(user: Any) -> bool:
    """Staff see contacts as printed; everyone else gets the masked text."""
    return bool(user is not None and user.is_authenticated and user.is_staff)


def issued_by_person(issuer: str) -> bool:
    """True when a notice's issuer names a natural person, not an organisation."""
    name = (issuer or "").strip()
    return bool(name) and not ORGANISATION_WORDS.search(name)


def _mask_digits(number: str, keep_head: int, keep_tail: int) -> str:
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    hidden = set(digits[keep_head : len(digits) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(number))


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return local[:1] + "*" * (len(local) - 1) + "@" + domain


def mask_text(text: str, *, everything: bool) -> str:
    """Mask mobiles and personal e-mails; with `everything`, all phones and e-mails."""
    if not text:
        return text
    text = MOBILE.sub(lambda m: _mask_digits(m.group(), 3, 4), text)
    if everything:
        text = LANDLINE.sub(lambda m: _mask_digits(m.group(), 4, 2), text)

    def email(match: re.Match[str]) -> str:
        domain = match.group().rpartition("@")[2].lower()
        if everything or domain in PERSONAL_MAIL_DOMAINS:
            return _mask_email(match.group())
        return match.group()

    return EMAIL.sub(email, text) if "@" in text else text


def _everything_for(item: Any) -> bool:
    if mode() == "all":
        return True
    notice = getattr(item, "notice", None) if item.kind == "notice" else None
    return notice is not None and issued_by_person(notice.issuer)


def reader_text(text: str, item: Any, user: Any) -> str:
    """`text` (of `item`) as `user` may read it."""
    if mode() == "none" or sees_contacts(user):
        return text
    return mask_text(text, everything=_everything_for(item))


def mask_item_for(item: Any, user: Any) -> Any:
    """Mask an item's text and notice contacts in memory (never saved) for `user`."""
    if mode() == "none" or sees_contacts(user):
        return item
    everything = _everything_for(item)
    item.title = mask_text(item.title, everything=everything)
    item.text = mask_text(item.text, everything=everything)
    notice = getattr(item, "notice", None) if item.kind == "notice" else None
    if notice is not None and notice.contacts:
        notice.contacts = reader_contacts(notice.contacts, item, user)
    return item


def reader_contacts(contacts: dict, item: Any, user: Any) -> dict:
    """A notice's contacts ({"phones": [...], …}) as `user` may read them."""
    if mode() == "none" or sees_contacts(user):
        return dict(contacts)
    everything = _everything_for(item)
    masked = dict(contacts)
    for key in ("phones", "emails"):
        masked[key] = [
            mask_text(str(v), everything=everything) for v in contacts.get(key, [])
        ]
    return masked


def reader_page_text(text: str, items: Any, user: Any) -> str:
    """A whole page's text: as strict as the strictest of its items."""
    if mode() == "none" or sees_contacts(user):
        return text
    everything = any(_everything_for(item) for item in items)
    return mask_text(text, everything=everything)


def probes_contacts(query: str) -> bool:
    """True when a query could look a person up by phone number or e-mail."""
    return bool(_CONTACT_PROBE.search(query or ""))


def strip_contact_probes(query: str) -> str:
    """The query without terms that look up phone numbers or e-mails."""
    return " ".join(t for t in (query or "").split() if not probes_contacts(t))
