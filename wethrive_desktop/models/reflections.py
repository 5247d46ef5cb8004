"""What the member writes for the annual report, said once: the prompts of the reflection fields (the activity
dialog and the report editor show the same ones), how words are counted, how many "what I learned" needs, and the
attestation sentence (the editor and the PDF print the same one). No Qt here.

The texts are written once, in English: the reports print them as they are, and the editor shows them through
`wethrive_desktop.i18n.tr` (`tr(LEARNED_PROMPT)`, `attestation_shown(year)`), so a translation reaches the screen
and never the PDF.
"""

from __future__ import annotations

import re

from wethrive_desktop.i18n import noop, tr

MIN_LEARNED_WORDS = 25

DESCRIPTION_PROMPT = noop(
    "How did you take part? Name your role (attended, presented, coached, was coached), the sessions or parts "
    "you completed, and who else was involved."
)
# (The 25 is MIN_LEARNED_WORDS, written out: the translation tools read only a literal.)
LEARNED_PROMPT = noop(
    "What is one specific thing you learned, and how did you apply it (or how will you) in your organization? "
    "At least 25 words; the reviewers read this first."
)
SUMMARY_PROMPT = noop(
    "Looking back on the year: how did these activities address your development needs and goals, and what will "
    "you do differently next year?"
)

# Ideographs and kana are written without spaces: each counts as a word.
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def word_count(text: str) -> int:
    cjk = len(_CJK_CHAR.findall(text))
    return cjk + len(_WORD.findall(_CJK_CHAR.sub(" ", text)))


def enough_words(words: int, minimum: int = MIN_LEARNED_WORDS) -> bool:
    """A reflection of `words` words is long enough at exactly `minimum` (25 for "what I learned")."""
    return words >= minimum


def learned_is_enough(text: str) -> bool:
    """"What I learned" passes the report's check: at least MIN_LEARNED_WORDS words."""
    return enough_words(word_count(text))


ATTESTATION = noop("I attest that this report is a true and complete account of my professional development "
                   "activities in {year}.")


def attestation_text(year: int) -> str:
    """The sentence the member signs on the PDF and the Word report (English, as the reports are)."""
    return ATTESTATION.format(year=year)


def attestation_shown(year: int) -> str:
    """The same sentence as the editor shows it, in the user's language."""
    return tr(ATTESTATION).format(year=year)
