"""Topic tags on activities: the ones requirements ask for by name (ethics, law, equity, sustainability and
resilience: DOMAIN.md section 8) plus any the member adds. A tag is stored lower-cased; an activity's tags are
kept sorted and joined by ';' in one column (the CSV `topics` column reads the same)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wethrive_desktop.i18n import noop, tr

SEPARATOR = ";"
MAX_TOPIC_LENGTH = 40

BUILTIN_TOPICS: dict[str, str] = {
    "ethics": noop("Ethics"),
    "law": noop("Law"),
    "equity": noop("Equity"),
    "sustainability and resilience": noop("Sustainability and resilience"),
}

# Words that suggest a topic (regular expressions), matched from the start of a word in the title, provider or
# description: 'ethic' finds 'Ethics' and 'ethical'; 'laws?\b' finds 'law' and 'laws' but not 'lawn'.
_HINTS: dict[str, tuple[str, ...]] = {
    "ethics": ("ethic", "integrity", "tenet", "code of conduct", "conflict of interest", r"ab ?1234",
               "gift ban", "sunshine law"),
    "law": (r"laws?\b", "legal", "legislat", "statut", "ordinance", "court", "liabilit", "litigation", "public records",
            "open meetings", "sunshine law", "first amendment"),
    "equity": ("equity", "equitab", "inclusi", "diversity", r"dei\b", "civil rights", "racial", "belonging",
               "accessib"),
    "sustainability and resilience": ("sustainab", "resilien", "climate", "hazard", "disaster", "emergency manag",
                                      "environment", "flood", "wildfire", "hurricane"),
}
_PATTERNS = {topic: re.compile(r"\b(?:" + "|".join(hints) + r")", re.IGNORECASE)
             for topic, hints in _HINTS.items()}


def normalize_topic(text: str) -> str:
    """'  Ethics ' -> 'ethics': tags compare without case or surrounding spaces; inner runs of spaces become one."""
    return " ".join(text.split()).casefold()


def topic_label(key: str) -> str:
    """The name a topic is shown by: the built-in ones translated, the member's own as typed (lower-cased)."""
    return tr(BUILTIN_TOPICS[key]) if key in BUILTIN_TOPICS else key


def clean_topics(topics: Iterable[str]) -> tuple[str, ...]:
    """Normalized, without blanks or repeats, sorted."""
    return tuple(sorted({t for t in map(normalize_topic, topics) if t}))


def parse_topics(text: str) -> tuple[str, ...]:
    """'Ethics; law;;' -> ('ethics', 'law')."""
    return clean_topics(text.split(SEPARATOR))


def join_topics(topics: Iterable[str]) -> str:
    """The topics as stored: cleaned (clean_topics), joined by the separator."""
    if not topics:  # most activities have none: a bulk insert joins every row's (10,000 calls for as many rows)
        return ""
    return SEPARATOR.join(clean_topics(topics))


def topic_problem(topic: str) -> str | None:
    """Why a tag cannot be stored, or None."""
    if SEPARATOR in topic:
        return tr("'{topic}': a topic cannot contain ';' (it separates topics)").format(topic=topic)
    if len(topic) > MAX_TOPIC_LENGTH:
        return tr("'{topic}' is longer than {count} characters").format(topic=topic[:20] + "...",
                                                                         count=MAX_TOPIC_LENGTH)
    return None


def suggest_topics(title: str, type_: str = "", description: str = "", provider: str = "") -> tuple[str, ...]:
    """The built-in topics the words of an activity suggest ('Ethics in Local Government' -> ethics), for the
    dialog and the import to propose; the member confirms them."""
    text = " ".join((title, description, provider))
    found = {topic for topic, pattern in _PATTERNS.items() if pattern.search(text)}
    if "ethics 101" in text.casefold():
        found.add("ethics")
    return tuple(sorted(found))


def topic_search_text(topics: Iterable[str], labels: dict[str, str] | None = None) -> str:
    """What a search finds an activity's topics by: each tag and its name as shown ('ethics', 'ethik'), casefolded,
    one per line. `labels` keeps the names found, so a search over many rows asks each topic's name once."""
    labels = {} if labels is None else labels
    parts = []
    for topic in topics:
        label = labels.get(topic)
        if label is None:
            label = labels[topic] = topic_label(topic).casefold()
        parts.append(topic if label == topic else topic + "\n" + label)
    return "\n".join(parts)
