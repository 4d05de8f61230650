"""Shared fixtures: no network beyond loopback, and a handful of hand-written articles."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from hypothesis import settings

from retrieval.articles import Article, Paragraph

pytest_plugins = ["tests.feed_server"]  # the feed_server fixture: feeds and pages on 127.0.0.1

# Property tests draw new examples on every run, and so find new cases (the phrase pre-check's
# "ß.a" was one); CI (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same ones each time, so
# that a red run means a change broke something, not that a run was unlucky.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return isinstance(address, str | bytes)  # AF_UNIX paths


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any connection beyond loopback fails loudly."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guard(sock: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    def guard_ex(sock: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard_ex)
    return


def make_article(
    headline: str,
    *paragraphs: str,
    published: date | None = None,
    source: str | None = "Test Wire",
    url: str | None = None,
    standfirst: str = "",
    section: str | None = None,
) -> Article:
    """An article from plain strings; ids come from the headline."""
    return Article(
        id="t-" + "-".join(headline.lower().split()[:4]),
        headline=headline,
        standfirst=standfirst,
        paragraphs=tuple(Paragraph(p, section) for p in paragraphs),
        published=published,
        source=source,
        url=url,
    )


@pytest.fixture
def articles() -> list[Article]:
    """Six small articles with obvious answers."""
    return [
        make_article(
            "Volcano erupts in Iceland",
            "A volcano on the Reykjanes peninsula erupted on Monday, sending lava to Grindavik.",
            "Residents of the fishing town were evacuated before the eruption began.",
            published=date(2024, 1, 15),
            url="https://news.example/iceland-volcano",
        ),
        make_article(
            "Central bank raises interest rates",
            "The central bank raised its key interest rate by a quarter point to fight inflation.",
            "Economists expect one more rate rise before the end of the year.",
            published=date(2024, 3, 1),
        ),
        make_article(
            "Marathon record falls in Berlin",
            "A Kenyan runner broke the marathon world record in Berlin on Sunday.",
            "The new record is two hours and thirty-five seconds.",
            published=date(2023, 9, 24),
        ),
        make_article(
            "New telescope images of distant galaxies",
            "The space telescope sent back images of galaxies formed soon after the Big Bang.",
            "Astronomers said the images would change theories of galaxy formation.",
            published=date(2022, 7, 12),
        ),
        make_article(
            "Farmers protest fuel taxes",
            "Thousands of farmers drove tractors into the capital to protest new fuel taxes.",
            "The government said it would review the tax on agricultural diesel.",
            published=date(2024, 1, 20),
        ),
        make_article(
            "Iceland volcano: lava reaches town",
            "Lava from the Reykjanes volcano reached the outskirts of Grindavik on Sunday.",
            "Several houses caught fire as lava crossed the defensive walls.",
            published=date(2024, 1, 21),
        ),
    ]
