"""A small validator for Telegram HTML, shared by the answer and Telegram tests."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from bot.answer import MAX_MESSAGE, utf16_len

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
    "a", "code", "pre", "tg-spoiler", "blockquote", "span",
}  # fmt: skip
TAG = re.compile(r"<[^>]*>")
OWN_TAG = re.compile(r'</?(?:b|i)>|</a>|<a href="(?P<href>[^"<>]*)">')


class TelegramHTML(HTMLParser):
    """Collects problems: unknown tags or attributes, bad nesting, comments and the like."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []  # the text Telegram makes of the message: entities decoded

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "a":
            if len(attrs) != 1 or attrs[0][0] != "href":
                self.problems.append(f"a attributes {attrs}")
            elif not re.match(r"https?://", attrs[0][1] or ""):
                self.problems.append(f"href {attrs[0][1]!r}")
        elif tag == "span":
            if attrs != [("class", "tg-spoiler")]:
                self.problems.append(f"span attributes {attrs}")
        elif attrs:
            self.problems.append(f"<{tag}> attributes {attrs}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("unknown declaration")


def check_telegram_html(message: str) -> None:
    """Fail unless message is valid Telegram HTML that fits in one message: Telegram's limit
    is of the text after its entities are parsed (tags gone, "&amp;" one character), in
    UTF-16 units."""
    assert message.strip(), "empty message"
    parser = TelegramHTML()
    parser.feed(message)
    parser.close()
    assert not parser.problems, parser.problems
    assert not parser.stack, f"unclosed {parser.stack}"
    parsed = utf16_len("".join(parser.text))
    assert parsed <= MAX_MESSAGE, f"{parsed} UTF-16 units after parsing"
    # Every tag is one we write, every href round-trips, and every text node is escaped text.
    for tag in TAG.findall(message):
        match = OWN_TAG.fullmatch(tag)
        assert match, f"unexpected tag {tag!r}"
        href = match.group("href")
        if href is not None:
            assert html.escape(html.unescape(href), quote=True) == href
    for text in TAG.split(message):
        assert "<" not in text
        assert ">" not in text
        assert html.escape(html.unescape(text), quote=False) == text, text
