"""Article loaders: seed text, Markdown, HTML, JSON/JSONL and CSV files become Article records.

Files must be UTF-8 (a BOM is fine), or UTF-16 or UTF-32 with a byte-order mark (Windows
Notepad's "Unicode"), HTML included; `\\r\\n` line ends are fine. A file that cannot be loaded
(not UTF-8, empty, binary, over 20 MB, or 1 GB for .json/.jsonl, no headline, a headline over
1000 characters, no paragraphs, ...) is skipped with one warning and the load goes on; only a
path that does not exist stops it. NULs at a file's end (a crash's leftover) are dropped with a
warning, and a stray one is a space; a text of many NULs is binary (`_nuls_read`). A text
cut short in the middle of its last character loses that character, with a warning
(`_without_cut_character`). A JSON
Lines file is judged line by line: a line that is not UTF-8, or a hole of NULs a crash left
inside the file (HOLE_NULS or more in a row), is a bad line, and the others load
(`_damaged_line`); a few NULs are spaces there too, and a JSON list or `jq .`'s output
saved as .jsonl is still read whole when it holds some. In a folder,
hidden files and a folder's own notes (`README`, `LICENSE`, `SOURCE`, ... with an article
suffix: PROJECT_FILES) are passed over; named on their own they load.

Seed text (`.txt`, `.text`): leading blank lines are ignored; the first non-empty line is the
headline; the lines after it, up to the first blank line, are the standfirst (joined with a
space); after that, each non-empty line is one paragraph (blank lines between them are ignored),
but for a block of hard-wrapped lines between blank lines (about one width up to 100 characters,
most ending no sentence, most going on in lower case: `_rewrapped`), which is one. If nothing
but boilerplate follows that first blank line (or there is no blank line at all), there is no
standfirst and those lines are the paragraphs. A short line (at most 80 characters and 10 words)
that does not end in closing punctuation and is followed by a paragraph is a section heading: it
becomes the `section` of the paragraphs under it, never a paragraph itself. Such lines in a row
(a list, scores), list items (`- ...`, `1. ...`) and a heading-like last line are paragraphs.
Boilerplate lines ("Share news", "Advertisement", "Read more", ...) are dropped anywhere, and so
is an embedded post's placeholder (the BBC's "Allow Twitter content?", its notice, "Accept and
continue", "Skip twitter post by ...", "End of twitter post by ...": `_EMBED_NOTICE`; in HTML
and JSON too), and a page's date stamp alone ("Updated July 8, 2026, 7:02 a.m. ET":
`is_date_stamp`; in any file, JSON's too; among the first lines it dates an undated story);
short unpunctuated lines such as "Follow us on X", "Sign up for our newsletter" or "Further
reading" (a list's heading left at the end: "See also", "External links") are dropped at the end
of the article, and so is a page's trailer: among the last 15 lines, a share, related or follow
line followed by nothing but short lines that end no sentence (topics, links to other stories,
"Published 2 November"). Markdown drops the same lines. Pictures' labels ("Image source, ..."),
bylines ("By Jane Doe") and a wire's credits go, and so does the short line right under a byline
that names the writer's desk or post ("By Jane Doe" over "BBC Scotland News":
`_without_credits`). A date under the headline dates the story and goes, with its label alone on
the line above ("Published" over "18 October 2023", as the BBC's page copies: `_dateline`);
lines between the headline and it are the standfirst.

Markdown (`.md`, `.markdown`, `.mdown`, `.mkd`, `.mkdn`, `.mdwn`): the headline is the first
level-1 heading (`# Title` or a `===` underline), else the front matter's `title`, else the
first line with words (`#Title` without its space too; a line of images only is passed over).
Paragraphs are blocks separated by blank lines (lines of a block joined with a space); each
list item is a paragraph; `##`... headings set the section of the paragraphs under them; fenced
code, rules and link definitions are dropped, a footnote's text (`[^1]: ...`) is a paragraph,
and so is each row of a table (its cells joined with ", ", its `|---|` rule dropped); inline
markup is stripped (`**b**`, `*e*`, `` `c` ``, `[text](url)` -> text, images dropped), a
backslash-escaped mark kept (`\\*`, `\\'`) and an entity read (`&amp;`). There is no standfirst
unless the front matter gives one (`standfirst`, or `description` or `summary`, which in seed
text never replace the file's own standfirst).

Front matter (seed text and Markdown): the file may start (after blank lines) with a line
`---`, then `key: value` lines, then a line `---` (YAML as static sites write it), or with
`+++`, TOML, `+++` (Hugo; TOML the parser refuses is warned about and left out). Keys: `id`,
`source`, `url`, `published` (or `date`, as static-site generators write it, `publishDate`,
`pubDate`; a `published: true` or `false` flag is none), `canonical_url` as the URL,
`standfirst` (or `description`, `summary`); in Markdown without a level-1 heading, `title` (or
`headline`) is the headline. Values may be quoted (`'It''s'`, `"\\"cuts\\""` as YAML reads
them), or folded (`title: >-` and indented lines); a comment after a value is dropped. Unknown
keys, lists and mappings under a key are ignored; a known key's value that is a list or a
mapping in the flow style (`url: [1]`), or a number as a source or URL, is warned about and
left out, as a JSON record's is. Only an http or https address is an article's URL (any
format: `_make_article`). A `source` that is a web address (a web
clipper's) is the URL, and its host without "www." the source (a site's front page only the
source; so in a JSON record or CSV row: `_source_address`). A `---` block never closed is its
`key: value` lines in a row (with a warning); a `---` not followed by a `key: value` line, or
never closed and followed by no front-matter key, is a horizontal rule over the text. A `+++`
block never closed makes the file skipped with a reason naming it.

Dates (`published`, front matter and JSON alike): `YYYY-MM-DD`, an ISO date-time
(`2024-03-17T23:10:00+02:00`, also with a space for the `T` and a zone like `+0200`, as Jekyll
writes it, and in lower case as RFC 3339 allows: `2024-03-17t23:10:00z`) or an RFC 2822 date as
feeds write it (`Sun, 17 Mar 2024 23:10:00 GMT`), or as people write it (`March 17, 2024`,
`Sept. 14, 2023`, `10:05 AM EDT, Thu September 14, 2023`: `_human_date`), in the other
languages Newsbot stems too, day first (`14. März 2024`, `Lundi 3 juin 2024`, `3 de marzo de
2024`, `3 марта 2024 г.`: `_local_date`), and in Arabic (each region's month names: `19 يناير
2025`, `19 كانون الثاني 2025`, `الأحد، 19 كانون الثاني/يناير 2025`, Arabic-Indic digits: `١٩
يناير ٢٠٢٥`), Greek (`Δευτέρα 12 Αυγούστου 2024`, accents or none) and Hindi (`19 जनवरी 2025`;
`_OTHER_SCRIPT_MONTH_NAMES`), with their labels ("Δημοσίευση:", "نُشر في", "प्रकाशित:") and
a pasted header's keys ("Ημερομηνία:", "التاريخ:"); the date is kept as written, in its own
zone.
A Unix time from 1990 to 2100 (a number, or digits other than eight: seconds or milliseconds)
is its UTC date. A numeric date's two-digit year is read as strptime's %y reads it (`5/13/24
9:00 AM`, Excel's US form); a numeric date whose order does not show (`05/01/2024`) is
ambiguous, and so named; one in these forms that names no day is named for why (`31/02/2026`:
February 2026 has 28 days; `0/0/2026`: there is no month 0 or day 0: `NoSuchDate`). A blank
date is no date. An article whose date is none of these is not lost: it loads without a date,
with a warning naming the file (and line or record) and the value. So does one whose date no
story has (`date_problem`): a placeholder for none, Unix time 0 in any offset or a year before
1900 (NewsAPI's `1970-01-01`, .NET's `0001-01-01`), as feeds read them, and a date more than a
year ahead (`2099-12-31`, `9999-12-31`), which a feed item replaces by the read date, but a
file's story, read again at every rebuild, is left undated (dated by its file's day).

    ---
    source: Reuters
    published: 2024-03-17
    url: https://www.reuters.com/world/africa/niger-us-troops
    ---
    U.S. Agrees to Withdraw Troops from Niger ...

JSON (`.json`: one record or a list of records) and JSONL (`.jsonl`: one record per line, lines
ending in \\n, \\r\\n or \\r): records as in `shared/data/*/articles.jsonl`: `headline`,
`paragraphs` (list of strings; an object in it is its `text`, `content` or `value`, as exporters
of block-structured bodies write them, and another item, a number or a list, is left out with a
warning: `_paragraph_texts`), and optional `id`, `standfirst`, `published` (a date as above, or
null), `source`, `url`. A field missing or null is read under another export's name for it
(`_KEY_ALIASES`: `title`, `content`, `publishedAt`, `link`, `description` ...); a body given as
one string is split into paragraphs (at blank lines, else lines; HTML by its blocks; a list
written out as text, pandas' `"['a', 'b']"` or JSON's, is that list: `_written_list`), a
`source` object gives its `name`, a WordPress `{"rendered": ...}` its text, a null paragraph is
an empty one; empty ones and a page's date stamp alone (`is_date_stamp`) are dropped, the others
keeping their places in the list (`Article.source_position`); other keys are ignored. A news
API's `{"articles": [...]}` is a list of records (`_listed`: also `{"data": [...]}`, Event
Registry's `{"articles": {"results": [...]}}`, records keyed by their ids, pandas' `to_json` in
any orient: `_table_rows`; a shape not read is named with the fix: `_shape_hint`), and so is a
`.jsonl` file that holds one JSON list (or, its lines no records, pretty-printed JSON: `jq .`);
a WordPress title (`{"rendered": ...}`) or one holding tags is HTML, read as its text. A news
API's text is read for what it is: its cut mark ("… [+2113 chars]", GNews's "... [1234 chars]")
goes with the sentence it broke off (`_before_cut`), a free plan's "ONLY AVAILABLE IN PAID
PLANS" is no text (`_PAID_ONLY`), a headline's " - Reuters" that names the record's source goes,
and NewsAPI's "[Removed]" records are skipped, counted in one warning (`_is_removed`). A bad
line or record is skipped with a warning naming the file and line (or record number) and the
rest of the file loads; a file from which nothing loads is skipped. A lone UTF-16 surrogate
escape (`"\\ud800"` without its pair) becomes U+FFFD: such text cannot be written as UTF-8. A
`.json` file holding one object per line (or objects one after another: `cat a.json b.json`) is
read as JSONL is. A JSON Feed (jsonfeed.org) is read as a saved feed is, its title its items'
source. A list of paragraphs holding markup is read as HTML (`_html_items`): each string
one paragraph in its place, markup's tags dropped and every string's entities read, one of
only "Advertisement" empty; a string that is not markup keeps its "<" ("< $5", "raw <a href>
and <script> tags"), and so does a list with no markup (`_is_markup`).

CSV (`.csv`; `.tsv` separated by tabs): a header row, then one article a row, the columns
named as a JSON record's fields (in any case; "Published Date" is `published_date`); an empty
cell is a missing field, an empty row nothing; a `.csv` file's separator is the one that
splits its header into the most known names (`,`, `;`, tab or `|`), or the one a `sep=` line
names. A bad row is skipped with a warning naming it (as a spreadsheet numbers it), as a bad
JSONL line is; a row with more cells than the header keeps the extra ones in its last; a row
that repeats the header (tables joined: `cat jan.csv feb.csv`) is passed over; a first row of
data, no names (AG News's `train.csv`), skips the file saying so. A date column's numeric dates
are read in the order its dates past the 12th show (`_order_dates`: `05/13/2024` beside
`05/01/2024` makes it 1 May), else day first under a day-first language's name (`Fecha`,
`Datum`, `data`); a column named as a date but by no known name is named in a warning. Line
breaks a scraper wrote escaped in a text cell (`"...harbour.\\n\\nRepairs"`) part its paragraphs.

HTML (`.html`, `.htm`, `.xhtml`, `.shtml`): saved article pages; trafilatura extracts the main
text and the metadata. Headline = the extracted title, else the page's first `<h1>`; source =
the site's name (og:site_name, JSON-LD's publisher, else the part of the `<title>` beside the
headline: "Headline | Politics | The Guardian" gives "The Guardian"; a name that is mostly the
headline, as trafilatura takes from a `<title>` holding a "." such as "U.S. agrees ... |
Reuters", is none: `_site_name`), else the host name; published = the page's date, if found. A
paywall's prompt below the story's start ("Subscribe to continue reading", "Already a member?
Sign in", "Subscribe now to unlock the full article": `_WALL`) is dropped, a heading of one too,
and a page of nothing else is skipped. A redirect stub (a `<meta http-equiv="refresh">` to a
URL, and fewer than 30 words of text: "Redirecting to ...") is skipped, naming the URL; so is a
page of links or a cookie or consent notice (`_check_is_article`). Text parted by blank lines of
breaks (`<br><br>`) is that many paragraphs (`_paragraphs_at_breaks`). A page saved as one file
(`.mhtml`, `.mht`: MIME parts) is read by its HTML part, its URL the address it was saved from
when the page names none; so is a page saved with its files, by SingleFile's note or the one
Chrome, Edge and IE write (`<!-- saved from url=(0071)https://... -->`). Only a web address
(http or https) is such a URL: an IE or Word `.mht` names the file it was saved as
(`file:///C:/...`), which is none. A page that says UTF-8 but is not (older sites' templates
over windows-1252 text) is read, with a warning: as windows-1252, or, when it holds UTF-8
characters too, as UTF-8 with its bad bytes as U+FFFD (`_misdeclared_utf8`). A page declaring
another encoding is read in it as a browser reads it (`browser_codec`: the WHATWG labels, so
"x-mac-roman" is Mac Roman and a UTF-16 label UTF-8), bytes not in it as U+FFFD with a warning
counting them; one declaring a charset browsers do not know, as windows-1252 with a warning
naming it (`_page_text`). A text or Markdown file that starts as a page
(`<!DOCTYPE html` or `<html`: `curl URL > story.txt`) is read as one; a text file that is
wholly JSON records (an object, a list of them, JSON Lines: an export saved as `.txt`) is read
as a `.json` file is (`_holds_json`).

Feeds saved to disk (`.rss`, `.atom`, and `.xml` whose root is `<rss>`, `<feed>` or
`<rdf:RDF>`: `_is_saved_feed`; a JSON Feed saved as `.json` too): each item an article, the
feed's title its source (`_load_feed`).

In a folder, files that are not read are named in a warning for each kind, with what to do
(`_NOT_READ`): documents (PDF, Word, EPUB ..., an .xml file that is no feed), spreadsheets
(.xlsx, .ods ...), data files (.parquet ...), mail (.eml, .mbox), feed lists (.opml) and archives
(.zip, .gz ...); a file named on its own gets the same words. Images, style sheets and other
files are passed over, and so is a saved page's files folder (`_page_files`), named in a warning.

Ids: the `id` given in the record or front matter; else derived from the normalized URL (not a
front page's); else from the file's name (not its folder, so the id is the same wherever the
corpus lies) and the headline (`derived_id`). `load_corpus` keeps the first of several articles
with the same URL (`story_url_key`: normalized, http read as https; not a site's front page,
which many stories may give), the same headline and body (`Article.text_fingerprint`) or the
same id; but a small-number id (`"2"`, a record's place in an export) that another file's record
has already is this file's own (`own_number`: `beta.jsonl#2`), with one warning for the file.
"""

from __future__ import annotations

import ast
import bisect
import calendar
import codecs
import collections
import copy
import csv
import email.utils
import errno
import hashlib
import html
import io
import itertools
import json
import logging
import math
import os
import re
import stat
import threading
import tomllib
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TypeGuard, TypeVar
from urllib.parse import urlsplit

from retrieval.analysis import sentence_spans, without_accents
from retrieval.articles import (
    LISTING_STORIES,
    Article,
    CorpusError,
    Paragraph,
    fold_typography,
    in_words,
    is_url,
    normalize_space,
    normalize_url,
    number_too_long,
    one_story,
    same_headline,
    shows_nothing,
    stable_id,
    story_url_key,
)

# Dates, labels and bylines in other languages are read by their words (_MONTH_NAMES): Russian's
# "марта" and Turkish's "Mayıs" hold letters that look like Latin ones, and are meant to.
# ruff: noqa: RUF001, RUF002, RUF003

log = logging.getLogger(__name__)

_Line = TypeVar("_Line", str, Paragraph)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
ARCHIVE_SUFFIXES = frozenset({".mhtml", ".mht"})  # a browser's "Webpage, Single File"
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})  # newline-delimited JSON, by either name
# a feed saved to disk: its items are articles; an .xml file only when it is a feed (its
# root <rss>, <feed> or <rdf:RDF>: `_is_saved_feed`), as "rss.xml" is saved from the BBC
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})  # a spreadsheet's rows: one article each
TEXT_SUFFIXES = frozenset({".txt", ".text"})  # seed text
# Markdown by each name editors give it
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"})
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | {".json"} | JSONL_SUFFIXES | HTML_SUFFIXES
SUFFIXES |= FEED_SUFFIXES | TABLE_SUFFIXES
SUFFIXES |= ARCHIVE_SUFFIXES
# files a folder of articles may hold that are not read: named in a warning with the fix (one
# warning for each kind: documents, spreadsheets ...), where images, style sheets and scripts
# (a saved page's "_files" folder) are passed over; a file named on its own gets the same
# words. Each suffix's name, and its kind.
_NOT_READ = {
    ".pdf": ("PDF", "documents"),
    ".doc": ("Word", "documents"),
    ".docx": ("Word", "documents"),
    ".odt": ("OpenDocument", "documents"),
    ".rtf": ("RTF", "documents"),
    ".epub": ("EPUB", "documents"),
    ".pages": ("Pages", "documents"),
    ".webarchive": ("Safari web archive", "documents"),
    ".xml": ("non-feed XML", "documents"),  # a sitemap, a data file: an .xml file that is no feed
    ".xlsx": ("Excel", "spreadsheets"),
    ".xlsm": ("Excel", "spreadsheets"),
    ".xls": ("Excel", "spreadsheets"),
    ".ods": ("OpenDocument", "spreadsheets"),
    ".numbers": ("Numbers", "spreadsheets"),
    ".parquet": ("Parquet", "data files"),
    ".feather": ("Feather", "data files"),
    ".arrow": ("Arrow", "data files"),
    ".pkl": ("pickle", "data files"),
    ".pickle": ("pickle", "data files"),
    ".eml": ("e-mail", "messages"),
    ".msg": ("Outlook", "messages"),
    ".mbox": ("mailbox", "messages"),
    ".opml": ("OPML", "feed lists"),
    # archives (a dataset's download, "articles.zip", "feed.json.gz"): not opened
    ".zip": ("ZIP", "archives"),
    ".gz": ("gzip", "archives"),
    ".tgz": ("gzip", "archives"),
    ".bz2": ("bzip2", "archives"),
    ".xz": ("xz", "archives"),
    ".tar": ("tar", "archives"),
    ".7z": ("7-Zip", "archives"),
    ".rar": ("RAR", "archives"),
}
# what to do with files of each kind so that they are read
_READ_THEM = {
    "documents": "save the articles as web pages (.html) or text (.txt)",
    "spreadsheets": "save them as CSV UTF-8 (.csv), a header row naming the columns (title, "
    "text, date ...)",
    "data files": "write the table as JSON Lines (pandas: df.to_json('articles.jsonl', "
    "orient='records', lines=True))",
    "messages": "save each message as text (.txt)",
    "feed lists": "list their feeds in config.toml, a [[feeds]] table each",
    "archives": "unpack them into the folder",
}
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest single-article file (.txt, .md, .html) that is read."""
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
"""Largest .mhtml file that is read (it carries the page's images too)."""
MAX_COLLECTION_BYTES = 1024 * 1024 * 1024
"""Largest .json/.jsonl file that is read (they hold many articles)."""
MAX_HEADLINE_CHARS = 1000
# libxml2 (under trafilatura and lxml) reads an HTML page's elements this many levels deep.
HTML_MAX_DEPTH = 256
# ... and a text (or an attribute's value) of at most this many bytes in one piece, unless
# told to read huge ones (`_huge_parser`): past it, the rest of the page is lost
HTML_MAX_TEXT_BYTES = 10_000_000
MAX_REDIRECT_WORDS = 30
"""A page that sends the reader on (a meta refresh to a URL) with fewer words of text than
this is a redirect stub ("Redirecting to ..."), not an article."""
MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 10
UNIX_FIRST, UNIX_LAST = 631_152_000, 4_102_444_800  # Unix times read as dates: 1990 to 2100
MAX_WRAP_WIDTH = 100  # the longest line of a hard-wrapped block of text
MIN_WRAP_WIDTH = 30  # and the shortest of its lines but the last
_LIST_ITEM = re.compile(r"(?:[-*+\u2022\u2013\u2014\u25aa\u25cf]|\d{1,3}[.)])\s")
MAX_TRAILER_LINES = 15  # a page's trailer (topics, related links) is among its last lines
MAX_LINE_WARNINGS = 10
"""Bad lines of one JSON/JSONL file that get a warning each; the rest are counted."""

_CLOSING = tuple('.!?:;")\u201d\u2019\u2026')  # also right quotes and ellipsis
_BOILERPLATE = frozenset(
    {
        "advertisement",
        "skip advertisement",
        "story continues below advertisement",
        "continue reading",
        "share",
        "share news",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "read more",
        "our standards: the thomson reuters trust principles.",
    }
)
# lines a page puts inside its story that are none of it: a link to another story ("READ
# MORE: ...", "Related: ..."), a call to sign up or follow, a call for tips, a republished
# story's credit, WordPress's feed footer ("The post ... appeared first on ..."), a
# copyright line; matched whole, on lines of at most MAX_INLINE_BOILERPLATE characters
_INLINE_BOILERPLATE = re.compile(
    r"(?:read more|related|see also|also read|read also|more on this story)\s*:\s.+"
    r"|sign up (?:to|for)\b.{0,100}\bnewsletters?\b.*"
    r"|follow us on (?:twitter|x|facebook|instagram|threads|bluesky|tiktok|linkedin)\b.*"
    r"|(?:do you have|got) a (?:story|news tip)\b.*"
    r"|this (?:article|story) (?:was )?(?:originally|first) (?:published|appeared) (?:on|in|at)"
    r"\b.*"
    r"|the post .+ appeared first on .+"
    r"|(?:\u00a9|\(c\)|copyright)\s*(?:\u00a9\s*)?(?:\d{4}\b.*|.*\ball rights reserved\b.*)"
    # a live blog's time stamp alone ("4.45am BST", "Updated at 10:02 ET")
    r"|(?:(?:updated|posted|published)(?: at)? )?\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:bst|gmt|utc|cet|cest|et|est|edt|ct|cst|cdt|pt|pst|pdt|aest|aedt|ist|jst))?",
    re.IGNORECASE,
)
MAX_INLINE_BOILERPLATE = 200
# what a page shows in place of a social-media post it has not loaded (the BBC's "Allow
# Twitter content? / This article contains content provided by Twitter. We ask for your
# permission ... / Accept and continue / Skip twitter post by Met Office / End of twitter post
# by Met Office", Reach's and the Independent's "This content is provided by Twitter, which
# may be using cookies ..."): its question, its buttons and its skip marks, and its notice,
# which names cookies or permission
_EMBED_NOTICE = re.compile(
    r"allow [\w ]{1,30} content\?|accept and continue|enable cookies|allow cookies once"
    r"|(?:skip|end of) \w+ (?:post|content|video)(?:,? \d+)?(?: by .{1,80})?"
    r"|(?:this (?:article|page) contains content provided by|this content is provided by"
    r"|unfortunately we have been unable to verify if you have consented to)\b"
    r"(?=.*\b(?:cookies?|permission|consent)\b).*",
    re.IGNORECASE | re.DOTALL,
)
MAX_EMBED_NOTICE = 600  # characters: the BBC's notice is 320


def is_inline_boilerplate(line: str) -> bool:
    """Whether a line inside a story is a page's furniture (`_INLINE_BOILERPLATE`), its date
    stamp among them (`is_date_stamp`)."""
    return _is_furniture(line) or is_date_stamp(line)


def _is_furniture(line: str) -> bool:
    """Whether a line is one of `_INLINE_BOILERPLATE`'s or an embedded post's placeholder
    (`_EMBED_NOTICE`), a date stamp aside: a JSON record's
    HTML body leaves its stamps to `parse_json_record`, which dates the story by them and
    keeps the other paragraphs' places."""
    if len(line) <= MAX_INLINE_BOILERPLATE and _INLINE_BOILERPLATE.fullmatch(line) is not None:
        return True
    return len(line) <= MAX_EMBED_NOTICE and _EMBED_NOTICE.fullmatch(line) is not None


# a page's date stamp left on a line of its own, as scrapers keep it among the paragraphs (824
# of RealTimeQA's 8,640 articles): the New York Times' "March 20, 2024 Updated March 21, 2024,
# 4:38 p.m. ET", "Updated July 8, 2026, 7:02 a.m. ET", "March 10, 2024, 5:08 a.m. ET", CNN's
# "Published 10:05 AM EDT, Thu September 14, 2023", the Guardian's "Mon 18 Mar 2024 06.30
# GMT", a transcript's "Date: Nov. 29, 2022". A date with a time, a label or a later updated
# date: a date alone ("Oct. 3, 1915") stays, a timeline's entry over the events under it.
_STAMP_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_STAMP_DAY = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_STAMP_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_STAMP_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)
_STAMP_TIME = (
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:bst|gmt|utc|cet|cest|et|est|edt|ct|cst|cdt|pt|pst|pdt|aest|aedt|ist|jst))?"
)
_DATE_STAMP = re.compile(
    r"(?P<label>(?:(?:first |last )?(?:updated|published|posted)(?: on)?|date)\s*:?\s+)?"
    rf"(?P<before>{_STAMP_TIME}\s*,\s*)?{_STAMP_DAY}"
    rf"(?P<after>\s*,?\s*(?:at\s+)?{_STAMP_TIME})?"
    r"(?P<later>\s*\|?\s*(?:last\s+)?updated\s*:?\s+"
    rf"(?:(?:on\s+)?(?:{_STAMP_TIME}\s*,\s*)?{_STAMP_DAY}(?:\s*,?\s*(?:at\s+)?{_STAMP_TIME})?"
    r"|\d+\s+(?:minutes?|mins?|hours?|days?)\s+ago))?",
    re.IGNORECASE,
)
MAX_DATE_STAMP = 120  # characters: the Daily Mail's published and updated stamp is 79


def is_date_stamp(line: str) -> bool:
    """Whether a line is nothing but a page's date stamp (`_DATE_STAMP`): no passage of the
    story, but a question naming its month found it first. Its date is the story's when
    it has none (`_stamp_date`)."""
    if len(line) > MAX_DATE_STAMP or not line[:1].isalnum():
        return False
    found = _DATE_STAMP.fullmatch(line)
    if found is None:
        return False
    # "Date: Dec. 25, 2021" alone heads a timeline's entry, or answers "when is the final?":
    # only a page's labels (updated, published, posted) or a time make a stamp
    label = (found.group("label") or "").strip().lower()
    labelled = bool(label) and not label.startswith("date")
    stamped = labelled or any(found.group(part) for part in ("before", "after", "later"))
    return stamped and _human_date(line) is not None


def _may_hold_date_stamp(texts: list[str]) -> bool:
    """Whether any of a record's paragraphs may be a date stamp (`is_date_stamp` decides):
    the pattern alone over the short ones, in one pass, as every record's paragraphs are
    checked (RealTimeQA's 8,640 records hold 311,000)."""
    short = [text for text in texts if len(text) <= MAX_DATE_STAMP]
    return any(map(_DATE_STAMP.fullmatch, short))


def _stamp_date(lines: Iterable[str]) -> date | None:
    """The date of a page's stamp among a story's first lines (MAX_DATELINE_AT): an undated
    story is dated by it, as a date line under a headline dates pasted copy (`_dateline`).
    A stamp further down may be a live blog's later entry, not the story's day."""
    for line in itertools.islice(lines, MAX_DATELINE_AT):
        if is_date_stamp(line):
            return _human_date(line)
    return None


# lines a page's copy holds beside the story: the BBC's labels for a picture or a video
# ("Image source, Getty Images", "Image caption, Protesters gathered ..."), a byline alone
# ("By Jane Doe", "By Jane Doe and John Smith, BBC News"), a wire's credits ("Reporting by
# Jane Doe; Editing by John Smith"): not the story's text, nor the heading of a section
_LABEL = re.compile(r"(?:image|media|video|audio) (?:source|caption|copyright), ", re.IGNORECASE)
_READING_TIME = re.compile(r"\d+(?:\s*[\u2013-]\s*\d+)?\s*(?:min|mins|minutes?)(?:\s+read)?", re.I)
_BYLINE_WORDS = re.compile(r",\s*|\s+(?:and|&)\s+|\s+")
_NAME_PARTICLES = frozenset(
    {"de", "van", "von", "da", "di", "al", "bin", "el", "la", "le", "du", "der", "den"}
    | {"del", "della", "dos", "das", "ten", "ter", "zu"}  # "María del Carmen", "Jan ten Have"
)
# a byline alone in another language, as a German, French, Spanish, Italian, Dutch or
# Scandinavian page copies it ("Von Anna Schmidt, dpa", "Par Jean Dupont", "Por María
# García", "Di Mario Rossi", "Door Jan de Vries", "Av Anna Svensson") or labels it
# ("Автор: Иван Петров", "Autor: Ana Souza"); then the people, the agency after a comma
_LOCAL_BYLINE = re.compile(
    r"(?:Von|Par|Por|Di|Door|Av|Af"
    r"|(?:Autor|Autorin|Auteur|Autore|Автор|Yazar|Författare|Forfatter|Kirjoittaja)\s*:)\s+"
)
_BYLINE_PEOPLE = re.compile(r"\s*[,|/]\s*|\s+(?:and|&|und|et|y|e|en|och|og|ve|ja|и)\s+")
# news agencies a byline names in lower case: Germany's dpa, epd, KNA's "kna", sid, dts
_LOWER_CASE_AGENCIES = frozenset({"dpa", "epd", "kna", "sid", "dts", "dpa-afx"})
_CREDITS = re.compile(
    r"(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Produced) by [^.!?]*",
    re.IGNORECASE,
)


# a key in any script: "Title:", "Título:", "Источник:"
_HEADER_LINE = re.compile(r"\s*([^\W\d_]{2,12})\s*:\s*(\S.*?)\s*")
_HEADER_KEYS = {  # a pasted header's keys -> the field each gives ("" : read, not kept)
    "title": "title",
    "headline": "title",
    "subject": "title",  # an article forwarded by e-mail: its subject line
    "date": "published",
    "published": "published",
    "sent": "published",  # Outlook's forward
    "source": "source",
    "publication": "source",
    "url": "url",
    "link": "url",
    "author": "",
    "byline": "",
    "by": "",
    "from": "",
    "to": "",
    "cc": "",
    # the same header copied from a German, French, Spanish, Italian, Portuguese or Dutch page
    # or note ("Titel: / Datum: / Quelle:", "Titre: / Date: / Source:", "Título: / Fecha: /
    # Fuente:"), as the CSV columns of those languages are read (_KEY_ALIASES)
    **dict.fromkeys(("titel", "überschrift", "titre", "título", "titulo", "titolo"), "title"),
    **dict.fromkeys(("datum", "fecha", "data"), "published"),
    **dict.fromkeys(("quelle", "fuente", "fonte", "bron"), "source"),
    **dict.fromkeys(("lien", "enlace"), "url"),
    **dict.fromkeys(("autor", "autorin", "auteur", "autore", "автор"), ""),
    # and from a Greek or Arabic one ("Τίτλος: / Ημερομηνία: / Πηγή:", "العنوان: / التاريخ: /
    # المصدر:"); keys are compared in lower case, Greek's with or without its accents
    **dict.fromkeys(("τίτλος", "τιτλος", "العنوان"), "title"),
    **dict.fromkeys(("ημερομηνία", "ημερομηνια", "التاريخ", "تاريخ"), "published"),
    **dict.fromkeys(("πηγή", "πηγη", "المصدر"), "source"),
    **dict.fromkeys(("συντάκτης", "συντακτης", "الكاتب"), ""),
}
# the line a mail program puts above a forwarded message's header: Gmail's "---------- Forwarded
# message ---------", Apple Mail's "Begin forwarded message:", Outlook's "-----Original
# Message-----"
_FORWARDED = re.compile(
    r"\s*(?:-+\s*(?:forwarded|original) message\s*-+|begin forwarded message:)\s*", re.I
)
_REPLY_MARK = re.compile(r"(?:(?:fwd?|re)\s*:\s*)+", re.IGNORECASE)  # "Fwd: " in a subject
# a Markdown note saved as text: "# Headline", "**14 September 2023**"
_TEXT_HEADING = re.compile(r"#{1,6}[ \t]+(?=\S)")
_EMPHASIZED = re.compile(r"(\*\*|__|\*|_)(\S(?:.*\S)?)\1")
_SITE_ADDRESS = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_WEEKDAY = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE
)  # "Sunday 17 March 2024"
# "17.03.2024" is read as "17 03 2024": a dotted date is day first
_HUMAN_DATES = (
    *("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d", "%Y/%m/%d", "%d %m %Y"),
    *("%d-%b-%Y", "%d-%B-%Y", "%Y %m %d"),  # "17-Mar-2024" (Oracle's, a log's), "2024.03.17"
)
# "2024年3月17日": Chinese and Japanese write a date in numbers with year, month and day marks
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


_DATE_LABEL = re.compile(
    r"(?:(?:first |last )?(?:published|updated|posted)(?: on)?|date)\s*:?\s+", re.IGNORECASE
)
# the same label on a page in another language: Tagesschau's "Stand: 14.03.2024 10:05 Uhr",
# "Veröffentlicht am", "Aktualisiert am", Le Monde's "Publié le 5 février 2024 à 08h12", "Mis
# à jour le", El Mundo's "Actualizado 05/02/2024 - 10:15", "Publicado el", "Pubblicato il",
# "Atualizado em", "Gepubliceerd op", "Опубликовано", "Julkaistu", Greek "Δημοσίευση:",
# Arabic "نُشر في", "تاريخ النشر:", Hindi "प्रकाशित:". Those countries write the day first:
# after such a label "05/02/2024" is 5 February (_human_date).
_LOCAL_DATE_LABEL = re.compile(
    r"(?:stand|datum|fecha|data|dato|tarih|дата"
    r"|(?:zuletzt )?(?:aktualisiert|veröffentlicht|erschienen)(?: am)?"
    r"|(?:publié|mis à jour|mise à jour|modifié)(?: le)?"
    r"|(?:publicado|actualizado|atualizado)(?: el| em)?|(?:pubblicato|aggiornato)(?: il)?"
    r"|(?:gepubliceerd|bijgewerkt)(?: op)?|publicerad|uppdaterad|publisert|oppdatert"
    r"|publiceret|opdateret|julkaistu|päivitetty|опубликовано|обновлено"
    r"|(?:yayınlanma|güncelleme)(?: tarihi)?"
    r"|ημερομην[ιί]α|δημοσ[ιί]ε[υύ](?:ση|[θτ]ηκε)|(?:τελευτα[ιί]α )?ενημ[εέ]ρωση|ενημερ[ωώ]θηκε"
    r"|تاريخ(?: النشر)?|التاريخ|نُ?شر(?: في| بتاريخ)?|آخر تحديث|प्रकाशित|अपडेट)\s*:?\s+",
    re.IGNORECASE,
)
# a time after the date: "at 5:02 p.m. EDT", German "10:05 Uhr", "um 10.05 Uhr", French "à
# 08h12", Spanish "- 10:15 CET", "a las 10:15", Apple Mail's "at 09:00:00 BST" and "at
# 9:00:00 AM GMT+1"
_TIME_AFTER = re.compile(
    r"[\s,\u060c]+(?:[|\u2013-]\s+)?"
    r"(?:(?:at|à|um|a las|alle|às|om|kl\.?|klo\.?|saat|в|στις|الساعة)\s+)?"
    r"\d{1,2}(?:[:.]\d{2}(?::\d{2})?|h\d{0,2})(?:\s*(?:[ap]\.?m\.?|[صم]|[πμ]\.?μ\.?))?"
    r"(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$",
    re.IGNORECASE,
)
# Reuters' dateline as copied: "March 17, 20249:05 PM GMTUpdated 2 hours ago"
_UPDATED_AGO = re.compile(r"\s*Updated\s+\d+\s+(?:minutes?|mins?|hours?|days?)\s+ago$", re.I)
# the later date after the first: the New York Times' header as copied ("Published Sept. 15,
# 2023Updated Sept. 16, 2023, 5:02 a.m. ET") and the Daily Mail's ("Published: 10:05 BST,
# 14 September 2023 | Updated: 12:00 BST, 14 September 2023"); the first is the story's
_UPDATED_TAIL = re.compile(r"(?:\s*\|\s*|(?<=\d{4})\s*)(?:last\s+)?updated\b.*$", re.I)
# the same in another language, after a comma too: Le Monde's "Publié le 5 février 2024 à
# 08h12, modifié le 5 février 2024 à 10h30", "..., aktualisiert am 15. März 2024", "...، آخر
# تحديث ...", "... | Ενημερώθηκε ..."
_LOCAL_UPDATED_TAIL = re.compile(
    r"(?:\s*[|,\u060c]\s*|(?<=\d{4})\s*)(?:zuletzt )?"
    r"(?:aktualisiert|mis à jour|mise à jour|modifié|actualizado|atualizado|aggiornato"
    r"|bijgewerkt|обновлено|ενημερ[ωώ]θηκε|(?:τελευτα[ιί]α )?ενημ[εέ]ρωση|آخر تحديث|अपडेट)\b.*$",
    re.IGNORECASE,
)
# a time before the date, as CNN, AP and the Daily Mail print it: "Updated 10:05 AM EDT, Thu
# September 14, 2023", "Published: 10:05 BST, 14 September 2023"
_TIME_BEFORE = re.compile(
    r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?\s*,\s*", re.IGNORECASE
)
# AP style's "Sept." for September, which strptime's %b ("Sep") does not read
_SEPT = re.compile(r"\bSept\b", re.IGNORECASE)
_GLUED_TIME = re.compile(r"(?<=\b\d{4})(?=\d{1,2}:\d{2}\s*[ap]\.?m\b)", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")


def _human_date(line: str, day_first: bool = False, faults: list[str] | None = None) -> date | None:
    """The date a line holds and nothing else ("17 March 2024", "Sunday, March 17, 2024",
    "2024-03-17", "Published 17th March 2024 06.30 GMT"), or None. A date in numbers with
    slashes or dashes is read only when its order shows: "17/03/2024" (no 17th month),
    "03/17/2024", not "04/02/2024"; but day first after a label in another language
    ("Actualizado 05/02/2024") or when `day_first` (a "Fecha" column), as those countries
    write it. A time before the date ("10:05 AM EDT, Thu September 14, 2023") goes, and so
    does a later "Updated ..." date after it. A month named in another language ("14. März
    2024", "Lundi 3 juin 2024", "3 de marzo de 2024") is read by `_local_date`. With
    `faults`, why a date in one of these forms names no day is put there (`_date_fault`:
    "31/02/2026", "February 30, 2026", "0/0/2026")."""
    text = line.strip()
    if emphasized := _EMPHASIZED.fullmatch(text):  # "**14 September 2023**"
        text = emphasized[2]
    text = _UPDATED_TAIL.sub("", _UPDATED_AGO.sub("", text))
    text = _LOCAL_UPDATED_TAIL.sub("", text)
    local = _LOCAL_DATE_LABEL.match(text)  # "Stand:", "Publié le": the day comes first
    text = text[local.end() :] if local else _DATE_LABEL.sub("", text, count=1)
    day_first = day_first or local is not None
    text = _TIME_BEFORE.sub("", text, count=1) if _TIME_BEFORE.match(text) else text
    text = _GLUED_TIME.sub(" ", text)
    text = _TIME_AFTER.sub("", text)
    numeric = _NUMERIC_DATE.fullmatch(text.strip())
    if numeric is not None:
        first, second, year = map(int, numeric.groups())
        # no day in either order: "0/0/2026" (a blank an export wrote; the order not
        # shown, it had been "ambiguous: 0  or 0  2026"), "13/14/2024"
        if not first or not second:
            if faults is not None:
                faults.append(_date_fault(year, 0, 0))  # the 0 is either: "no month 0 or day 0"
            return None
        if first > 12 and second > 12:
            if faults is not None:
                faults.append(_date_fault(year, min(first, second), 1))  # "no month 13"
            return None
        if not day_first and first != second and (first > 12) == (second > 12):
            return None  # "04/02/2024": 4 February or April 2?
        day, month = (second, first) if not day_first and second > 12 else (first, second)
        return _calendar_day(year, month, day, faults)
    text = _ORDINAL_DAY.sub(r"\1", text.replace(",", " ").replace(".", " "))
    text = _SEPT.sub("Sep", text)
    english = " ".join(_WEEKDAY.sub("", text, count=1).split())
    if 8 <= len(english) <= 24:
        for form in _HUMAN_DATES:
            try:
                return datetime.strptime(english, form).date()
            except ValueError:
                continue
        if faults is not None and (fields := _date_fields(english)) is not None:
            return _calendar_day(*fields, faults)  # "February 30 2026": strptime says no more
    if len(text) > MAX_LOCAL_DATE:
        return None
    return _local_date(_LOCAL_DATE_MARKS.sub(" ", text).casefold().split(), faults)


# the forms of _HUMAN_DATES as their fields, for a date strptime refused (it says only "day
# is out of range for month") to be told by what is wrong in it: "February 30 2026"
_FORM_FIELDS = {
    "%d": r"(?P<day>\d{1,2})",
    "%m": r"(?P<month>\d{1,2})",
    "%B": r"(?P<name>[^\W\d_]+)",
    "%b": r"(?P<name>[^\W\d_]+)",
    "%Y": r"(?P<year>\d{4})",
}
_HUMAN_DATE_FIELDS = tuple(
    re.compile(re.sub("%[dmBbY]", lambda field: _FORM_FIELDS[field[0]], form))
    for form in _HUMAN_DATES
)
_ENGLISH_MONTHS = {
    name.casefold(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}


def _date_fields(text: str) -> tuple[int, int, int] | None:
    """The year, month and day of a date in one of _HUMAN_DATES's forms, read field by
    field with no calendar's check ("February 30 2026": 2026, 2, 30); None for any other
    text (a word that names no month: "Tuesday 30 2026")."""
    for pattern in _HUMAN_DATE_FIELDS:
        if (fields := pattern.fullmatch(text)) is None:
            continue
        named = fields.groupdict()
        month = int(named["month"]) if named.get("month") else None
        if named.get("name"):
            month = _ENGLISH_MONTHS.get(named["name"].casefold())
        if month is not None:
            return int(named["year"]), month, int(named["day"])
    return None


def _calendar_day(year: int, month: int, day: int, faults: list[str] | None) -> date | None:
    """The day a date's fields name, or None; with `faults`, why they name none is put
    there (`_date_fault`)."""
    try:
        return date(year, month, day)
    except ValueError:
        if faults is not None:
            faults.append(_date_fault(year, month, day))
        return None


def _date_fault(year: int, month: int, day: int) -> str:
    """Why a date's fields name no day, said of the date as written: "is no calendar date
    (February 2026 has 28 days)" of 31/02/2026, "is not a date (there is no month 0 or day
    0)" of 0/0/2026 (a blank an export wrote), "is no calendar date (there is no month
    13)". The month's days tell the writer what to fix; each of these had been "must be a
    date like 2024-03-17" (a feed's "in a form Newsbot cannot read"), as if its form were
    the fault."""
    if not month or not day:
        zeros = " or ".join(f"{name} 0" for name, n in (("month", month), ("day", day)) if not n)
        return f"is not a date (there is no {zeros})"
    if month > 12:
        return f"is no calendar date (there is no month {month})"
    if not year:
        return "is not a date (there is no year 0)"
    days = calendar.monthrange(year, month)[1]
    return f"is no calendar date ({calendar.month_name[month]} {year} has {days} days)"


def _time_fault(hour: int, minute: int, second: int) -> str | None:
    """Why a date-time's time names no time of day, as `_date_fault` says it of a date: "is
    no time of day (there is no hour 25)" of 2024-03-17T25:00:00Z, whose day had been taken
    without a word, though the value is plainly wrong. 24:00:00 is the day's end, as ISO
    8601 allows; 23:59:60 a leap second."""
    if hour > 24 or (hour == 24 and (minute or second)):
        return f"is no time of day (there is no hour {hour})"
    if minute > 59:
        return f"is no time of day (there is no minute {minute})"
    if second > 60:
        return f"is no time of day (there is no second {second})"
    return None


# a date-time's UTC offset after its time (and fraction of a second): "+02:00", " -0500",
# and the forms fromisoformat reads besides: an hour alone ("+05"), or with seconds
# ("+05:45:30", even a fraction of one); "+25" and "+25:00:00" had been dated without a word
_UTC_OFFSET = re.compile(
    r"(?:[.,]\d+)?\s*(?:GMT|UTC)?\s*([+-](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?)$",
    re.IGNORECASE,
)


def _offset_fault(after_time: str) -> str | None:
    """Why the UTC offset written after a date-time's time (`after_time`) is none, as
    `_time_fault` says it of the time: "+25:00" is no offset, as hour 25 is no hour
    (fromisoformat refuses it, and the date had then been read without it, and without a
    word; Python 3.11's reads "+0575" as +06:15). Offsets to ±23:59 are taken, as ISO 8601
    and Python take them."""
    if (offset := _UTC_OFFSET.match(after_time)) is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in offset.group(2, 3, 4))
    if hours > 23 or minutes > 59 or seconds > 59:
        return f"is no time of day (there is no UTC offset {offset[1]})"
    return None


# Month names in the other languages `search.language` stems with Snowball and drops
# stopwords for (German, French, Spanish, Italian, Portuguese, Dutch, Russian, Swedish,
# Norwegian, Danish, Turkish, Finnish; strptime's %B and %b read English only): CLDR's
# wide and abbreviated names, in both its forms (Russian's genitive "марта", Finnish's
# partitive "maaliskuuta"), case-folded, without their dots, and a few a newsroom writes
# ("Mrz", "сен", "maalisk") and the names typed without their accents ("fevrier", "Subat",
# "3 de marco"). No two languages give one word to two months. A table, not
# a library: babel and dateparser are no dependencies (trafilatura may pull dateparser in,
# but a reader that finds some date in any line with a number is what a date line must not
# be: a wrong date is worse than none).
_MONTH_NAMES = (
    "januar januari janvier janv enero ene gennaio gen janeiro jan ocak oca tammikuu "
    "tammikuuta tammi tammik январь января январе янв",
    "februar februari février févr febrero feb febbraio fevereiro fev şubat şub helmikuu "
    "helmikuuta helmi helmik февраль февраля феврале февр фев fevrier subat",
    "märz mär mrz maart mrt mars marts marzo mar março mart maaliskuu maaliskuuta maalis "
    "maalisk март марта марте мар marz maerz marco",
    "april avril avr abril abr aprile apr nisan nis huhtikuu huhtikuuta huhti huhtik "
    "апрель апреля апреле апр",
    "mai mei maj mayo may maggio mag maio mayıs mayis toukokuu toukokuuta touko toukok май мая мае",
    "juni juin junio jun giugno giu junho haziran haz kesäkuu kesäkuuta kesä kesäk "
    "июнь июня июне июн",
    "juli juillet juil julio jul luglio lug julho temmuz tem heinäkuu heinäkuuta heinä "
    "heinäk июль июля июле июл",
    "august augusti augustus août agosto ago aug ağustos ağu elokuu elokuuta elo elok "
    "август августа августе авг aout agustos",
    "september septembre septiembre settembre setembro set sept sep eylül eyl syyskuu "
    "syyskuuta syys syysk сентябрь сентября сентябре сент сен eylul",
    "oktober octobre octubre ottobre ott outubro out okt oct ekim eki lokakuu lokakuuta "
    "loka lokak октябрь октября октябре окт",
    "november novembre noviembre novembro nov kasım kas marraskuu marraskuuta marras "
    "marrask ноябрь ноября ноябре нояб ноя kasim",
    "dezember december décembre déc diciembre dic dicembre dezembro dez desember des dec "
    "aralık ara joulukuu joulukuuta joulu jouluk декабрь декабря декабре дек decembre aralik",
)
# Arabic's three sets (Egypt's and the Gulf's "يناير", the Levant's and Iraq's "كانون الثاني",
# the Maghreb's "جانفي" and Morocco's "شتنبر"; "_" joins a name of two words), Greek's genitive
# a date writes ("12 Αυγούστου 2024"), its nominative and CLDR's short forms, and Hindi's in
# both spellings ("सितंबर", "सितम्बर"). Written with their accents and hamzas: a name is
# looked up without them (`_plain`), so "ΑΥΓΟΥΣΤΟΥ", "αυγουστου", "ابريل" and "फरवरी" are read.
_OTHER_SCRIPT_MONTH_NAMES = (
    "يناير كانون_الثاني كانون_ثاني جانفي ιανουαρίου ιανουάριος ιαν जनवरी",
    "فبراير شباط فيفري φεβρουαρίου φεβρουάριος φεβ फ़रवरी",
    "مارس آذار μαρτίου μάρτιος μαρ मार्च",
    "أبريل إبريل نيسان أفريل απριλίου απρίλιος απρ अप्रैल",
    "مايو أيار ماي μαΐου μάιος μαΐ मई",
    "يونيو يونيه حزيران جوان ιουνίου ιούνιος ιουν जून",
    "يوليو يوليه تموز جويلية يوليوز ιουλίου ιούλιος ιουλ जुलाई",
    "أغسطس آب أوت غشت αυγούστου αύγουστος αυγ अगस्त",
    "سبتمبر أيلول شتنبر σεπτεμβρίου σεπτέμβριος σεπ σεπτ सितंबर सितम्बर",
    "أكتوبر تشرين_الأول تشرين_أول οκτωβρίου οκτώβριος οκτ अक्टूबर अक्तूबर",
    "نوفمبر تشرين_الثاني تشرين_ثاني نونبر νοεμβρίου νοέμβριος νοε नवंबर नवम्बर",
    "ديسمبر كانون_الأول كانون_أول دجنبر δεκεμβρίου δεκέμβριος δεκ दिसंबर दिसम्बर",
)
# marks a name is looked up without: Latin's and Greek's accents, Arabic's hamzas, madda and
# vowel signs, Devanagari's nukta ("फ़" is "फ" with it), and Arabic's stretching tatweel
_UNMARKED = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u093c\u0640]")


def _plain(word: str) -> str:
    """A word case-folded and without its accents and the like (`_UNMARKED`): "Αυγούστου" is
    "αυγουστου", "أبريل" "ابريل", "März" "marz"."""
    return _UNMARKED.sub("", unicodedata.normalize("NFD", word.casefold()))


_MONTHS = {
    _plain(name.replace("_", " ")): n
    for table in (_MONTH_NAMES, _OTHER_SCRIPT_MONTH_NAMES)
    for n, names in enumerate(table, 1)
    for name in names.split()
}
# the month names of three letters that name no other thing (May: "Mai 2024", "Maj", "Мая");
# other short forms ("set", "out", "gen", "mag") are words too, and only a date's own
# context (`_local_date`) reads them as months
_SHORT_MONTHS = frozenset({"mai", "mei", "maj", "май", "мая", "мае", "ماي", "मई", "जून", "آب"})
# Finnish's short month names are words too: "kesä" is summer, "joulu" Christmas, "elo" life
_FINNISH_SHORT = "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu"
_WORD_MONTHS = frozenset(_plain(word) for word in _FINNISH_SHORT.split())


def month_number(word: str) -> int | None:
    """The month a word names in one of the languages dates are read in (1-12), written in
    full or as one of `_SHORT_MONTHS`, in any case, with accents or not: "Juni", "juin",
    "junio", "июня", "Αυγούστου", "يناير"; None for any other word."""
    plain = _plain(word.rstrip("."))
    number = _MONTHS.get(plain)
    if number is None or (len(plain) < 4 and plain not in _SHORT_MONTHS):
        return None
    if plain in _WORD_MONTHS:
        return None
    return number


# weekdays in those languages (CLDR's, and Portuguese's "segunda" without "-feira"), before a
# date or, as Turkish writes it, after: "Sonntag, 2. Juni 2024", "3 Mart 2024 Pazar"
_LOCAL_WEEKDAYS = frozenset(
    name
    for names in (
        "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
        "mo di mi do fr sa so",
        "lundi mardi mercredi jeudi vendredi samedi dimanche lun mar mer jeu ven sam dim",
        "lunes martes miércoles jueves viernes sábado domingo mié jue vie sáb dom miercoles sabado",
        "lunedì martedì mercoledì giovedì venerdì sabato domenica gio sab lunedi martedi "
        "mercoledi giovedi venerdi",
        "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira segunda terça quarta "
        "quinta sexta seg ter qua qui sex",
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma wo vr za zo",
        "måndag tisdag onsdag torsdag fredag lördag söndag mån tis ons tors fre lör sön",
        "mandag tirsdag lørdag søndag man tir tor lør søn",
        "pazartesi salı çarşamba perşembe cuma cumartesi pazar pzt sal çar per cum cmt paz",
        "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai maanantaina "
        "tiistaina keskiviikkona torstaina perjantaina lauantaina sunnuntaina ti ke to pe la su",
        "понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс",
        "δευτέρα τρίτη τετάρτη πέμπτη παρασκευή σάββατο κυριακή δευ τρι τετ πεμ παρ σαβ κυρ",
        "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت",
        "सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार",
    )
    for name in map(_plain, names.split())
)
# the words around a date in those languages: French "le 3 mars", Spanish "el 3 de marzo de
# 2024", Italian "il", Swedish and Danish "den 3. marts", German "am", Russian "2024 г." or
# "2024 года", Turkish "2024 yılı", Greek "στις 12 Αυγούστου", Arabic "يوم الأحد" ("on
# Sunday"), "في" ("on") and "2025 م" (of the common era)
_DATE_LEAD = frozenset(map(_plain, ("le", "el", "il", "den", "am", "στις", "يوم", "في")))
_DATE_JOINS = frozenset({"de", "del"})
_YEAR_MARKS = frozenset(map(_plain, ("г", "года", "yılı", "م")))
# the day and the year: "3", "03", French "1er", Spanish and Italian "1º"; "2024", "2024г",
# "2025م"; in any script's digits (Arabic's "١٩ يناير ٢٠٢٥", Hindi's "१९"), as int() reads them
_LOCAL_DAY = re.compile(r"(\d{1,2})(?:er|º|°)?")
_LOCAL_YEAR = re.compile(r"(\d{4})(?:г|م)?")
# what parts a date's words besides spaces: Arabic's comma, the marks that set a line's
# direction (as Arabic pages copy them around digits), and a slash or brackets beside a name,
# where Arabic gives a month both its names: "19 كانون الثاني/يناير 2025", "(يناير)"
_LOCAL_DATE_MARKS = re.compile(
    r"[\u060c\u061c\u200e\u200f]|(?<=[^\W\d_])\s*[/()]|[/()]\s*(?=[^\W\d_])"
)
_MONTH_DIGITS = re.compile(r"\d{1,2}")
MAX_LOCAL_DATE = 48  # characters: "segunda-feira, 3 de setembro de 2024" is 36


def _local_date(words: list[str], faults: list[str] | None = None) -> date | None:
    """The date case-folded words hold, written day first with a month's name in one of the
    languages of _MONTH_NAMES ("14 märz 2024", "sonntag 2 juni 2024", "le 3 mars 2024",
    "3 de marzo de 2024", "3 марта 2024 г", "3 mart 2024 pazar", "١٩ كانون الثاني يناير
    ٢٠٢٥", "δευτέρα 12 αυγούστου 2024"), and nothing else; else None. Without a year there is
    no date: which year "3 mars" is, a line does not say. With `faults`, why such a date
    names no day ("30 februar 2026") is put there, as `_human_date` puts it."""
    if not 3 <= len(words) <= 8:
        return None
    words = _month_words(list(map(_plain, words)))
    while words and (words[0] in _LOCAL_WEEKDAYS or words[0] in _DATE_LEAD):
        words = words[1:]
    while words and (words[-1] in _LOCAL_WEEKDAYS or words[-1] in _YEAR_MARKS):
        words = words[:-1]
    words = [word for word in words if word not in _DATE_JOINS]
    if len(words) != 3:
        return None
    # the month by its name, or in digits after a weekday ("Mo., 14.03.2024")
    month = _MONTHS.get(words[1]) or (int(words[1]) if _MONTH_DIGITS.fullmatch(words[1]) else 0)
    if not month:
        return None
    day, year = _LOCAL_DAY.fullmatch(words[0]), _LOCAL_YEAR.fullmatch(words[2])
    if day is None or year is None:
        return None
    return _calendar_day(int(year[1]), month, int(day[1]), faults)


def _month_words(words: list[str]) -> list[str]:
    """`words` with a month's name of two words as one ("كانون الثاني"), and a month named
    twice in a row as once, as Arabic names it by both its sets ("كانون الثاني يناير")."""
    joined: list[str] = []
    for word in words:
        pair = f"{joined[-1]} {word}" if joined else ""
        if pair in _MONTHS:
            joined[-1] = pair
        elif not (joined and _MONTHS.get(joined[-1], 0) == _MONTHS.get(word, -1)):
            joined.append(word)
    return joined


def _pasted_header(
    meta: _Meta, lines: list[str], start: int, origin: str
) -> tuple[_Meta, list[str], int]:
    """A pasted article's metadata above its headline, taken out: a header of `Title:`,
    `Date:`, `Source:`, `URL:` lines (the headline the title's value), a forwarded e-mail's
    (its separator, `From:`, `Date:`, `Subject:` and `To:` lines: the subject the headline),
    an e-mail's saved as text (`From:`, `Sent:` or `Date:`, `To:` lines holding a `Subject:`),
    a line with only a date ("17 March 2024"), only the article's address (its host the
    source), or only the site's address (a browser's reader view copies "theguardian.com"
    first). `start` is the headline's line after it."""
    forwarded = _FORWARDED.fullmatch(lines[start]) is not None
    if forwarded:
        start = next((i for i in range(start + 1, len(lines)) if lines[i].strip()), start)
    pairs: list[tuple[str, str, str]] = []  # (key, field, value) of the header's lines
    for line in lines[start:]:
        pair = _HEADER_LINE.fullmatch(line)
        if pair is None or (field := _HEADER_KEYS.get(pair[1].lower())) is None:
            break
        pairs.append((pair[1], field, pair[2]))
    # a header that names the title first, or holds one: an e-mail saved as text (Apple
    # Mail's, Thunderbird's "From: / Subject: / Date: / To:", Outlook's "From: / Sent: /
    # To: / Subject:") starts with its sender, and had the "From:" line as its headline
    if pairs and (forwarded or any(field == "title" for _, field, _ in pairs)):
        values: dict[str, str] = {}
        keys: dict[str, str] = {}  # field -> the key that gave it ("Datum": day first)
        for key, field, value in pairs:
            if field and field not in values:
                values[field], keys[field] = normalize_space(value), key
        end = start + len(pairs)
        if "title" not in values:  # a forward without a subject: its text's first line
            return meta, [*lines[:start], *lines[end:]], start
        values["title"] = _REPLY_MARK.sub("", values["title"], count=1) or values["title"]
        notes: list[str] = []
        key = keys.get("published", "Date")
        published = meta.published or _optional_date(values.get("published"), key, notes)
        for note in notes:
            log.warning("%s: %s", shown_path(origin), note)
        # "Source: https://...": the page's address, its host the source (as in a record)
        source, url = _source_address(values.get("source"), values.get("url"))
        meta = replace(meta, published=published, source=meta.source or source, url=meta.url or url)
        return meta, [*lines[:start], values["title"], *lines[end:]], start
    after = next((i for i in range(start + 1, len(lines)) if lines[i].strip()), None)
    if after is None or all(not line.strip() for line in lines[after + 1 :]):
        return meta, lines, start  # no text would be left below the headline
    line = lines[start].strip()
    if (day := _human_date(line)) is not None:
        return replace(meta, published=meta.published or day), lines, after
    source, url = _source_address(line, None)  # the article's address: its host the source
    if source and source != line:
        return replace(meta, url=meta.url or url, source=meta.source or source), lines, after
    if _SITE_ADDRESS.fullmatch(line):
        return replace(meta, source=meta.source or line.removeprefix("www.")), lines, after
    return meta, lines, start


# what a page shows above its story, copied with it when a reader selects the whole page
_PAGE_CHROME = frozenset(
    {
        "skip to main content",
        "skip to content",
        "skip to navigation",
        "skip navigation",
        "accessibility help",
        "menu",
        "main menu",
        "open menu",
        "close menu",
        "open navigation menu",
        "navigation",
        "search",
        "sign in",
        "log in",
        "sign up",
        "subscribe",
        "account",
        "home",
        "news",
        "more",
        "close",
    }
)


_CHROME_PARTS = ("skip to ", "back to home", "sign in", "log in", " edition", "subscribe")
_MENU_WORD = re.compile(r"[^\W\d_]+")


def _is_chrome(line: str) -> bool:
    """Whether a line is a page's navigation ("Skip to main content", "Menu", "Sign in",
    "The Guardian - Back to home")."""
    folded = line.strip().casefold()
    return folded in _PAGE_CHROME or any(part in folded for part in _CHROME_PARTS)


def _is_menu_item(line: str) -> bool:
    """Whether a line may be an item of a page's menu: navigation, or at most four words
    that end no sentence ("Sport", "What's On", "British Broadcasting Corporation")."""
    line = line.strip()
    if _is_chrome(line):
        return True
    return len(_MENU_WORD.findall(line)) <= 4 and not line.endswith(_CLOSING)


def _after_menu(lines: list[str], start: int) -> int:
    """Where the story starts in a whole page copied (Ctrl-A): after a cookie notice and its
    buttons, then after the page's menu: a run of lines in a row from the first, each a menu
    item, two at least, one of them navigation ("Skip to main content", "Sign in"), and the
    blank lines after it (blank lines between navigation lines are part of it). A line such
    as "Home" alone above the text is a headline; so is the menu when nothing else would be
    left but one line. A menu holding a longer line (a site's tagline) ends above the byline
    or the date under the headline, if one comes before any sentence of text."""
    start = _after_consent(lines, start)
    end = start
    while end < len(lines):
        if not lines[end].strip():
            ahead = next((i for i in range(end, len(lines)) if lines[i].strip()), len(lines))
            if ahead == len(lines) or not _is_chrome(lines[ahead]):
                break
            end = ahead
        if not _is_menu_item(lines[end]) or _story_starts(lines[end]):
            break
        end += 1
    last = end - 1  # the run's last line (no blank line ends it)
    story = end < len(lines) and (_is_sentence(lines[end]) or _story_starts(lines[end]))
    if story and end > start and not _is_chrome(lines[last]):
        end = last  # the text, a byline or a date follows at once: the line above is a headline
    run = [line for line in lines[start:end] if line.strip()]
    if len(run) < 2 or not any(map(_is_chrome, run)):
        return _above_byline(lines, start)
    rest = [i for i in range(end, len(lines)) if lines[i].strip()]
    return rest[0] if len(rest) >= 2 else start


def _dateline(meta: _Meta, lines: list[str], start: int) -> tuple[_Meta, list[str]]:
    """A copied page's date under its headline (`start`), taken out as the story's date:
    one of the few lines above the text's first sentence. With it go an author's name alone
    beside it ("Ann Lee", over "Mon 18 Mar 2024 06.30 GMT"), and the lines above them
    become the standfirst (a subhead without a full stop)."""
    head: list[int] = []
    for at in range(start + 1, len(lines)):
        if not lines[at].strip():
            continue
        if _is_sentence(lines[at]) or len(head) == MAX_DATELINE_AT:
            break
        head.append(at)
    found = next(((n, d) for n, at in enumerate(head) if (d := _human_date(lines[at]))), None)
    if found is None or not any(map(str.strip, lines[head[found[0]] + 1 :])):
        return meta, lines
    n, day = found
    gone = {head[n]}
    first = n  # the first of the lines that go
    if n > 0 and _is_date_label(lines[head[n - 1]]):  # the BBC's "Published" over the date
        first = n - 1
        gone.add(head[first])
    if first > 0 and _is_name_line(lines[head[first - 1]]):
        first -= 1
        gone.add(head[first])
    elif n + 1 < len(head) and _is_name_line(lines[head[n + 1]]):
        gone.add(head[n + 1])
    above = [normalize_space(lines[at]) for at in head[:first]]
    meta = replace(
        meta,
        published=meta.published or day,
        standfirst=meta.standfirst or " ".join(above),
    )
    return meta, [
        line for at, line in enumerate(lines) if at not in gone and at not in head[:first]
    ]


def _is_date_label(line: str) -> bool:
    """Whether a line is a date's label alone ("Published", "Last updated:", "Veröffentlicht
    am"), as the BBC's page copies with its date on the line under it."""
    label = normalize_space(line) + " "
    return bool(_DATE_LABEL.fullmatch(label) or _LOCAL_DATE_LABEL.fullmatch(label))


MAX_DATELINE_AT = 4  # lines under a headline that may hold its date, above the text


def _is_name_line(line: str) -> bool:
    """Whether a line is a person's name alone: two to four words, each capitalised."""
    words = line.split()
    return (
        2 <= len(words) <= 4
        and len(line) <= 40
        and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)
    )


def _above_byline(lines: list[str], start: int) -> int:
    """The headline of a copied page whose menu is no plain run of items (a tagline among
    them): the line above the first byline or date, when the page starts with navigation
    and no sentence of text comes before; else `start`."""
    if not _is_chrome(lines[start]):
        return start
    head = start
    for at in range(start + 1, min(len(lines), start + MAX_MENU_LINES)):
        line = lines[at]
        if not line.strip():
            continue
        if _story_starts(line):
            return head if not _is_chrome(lines[head]) else start
        if _is_sentence(line):
            return start
        head = at
    return start


def _after_consent(lines: list[str], start: int) -> int:
    """Where a copied page starts after the cookie notice at its top ("We value your
    privacy ... Accept all / Manage preferences"): the line after its last button, when the
    lines above the buttons speak of cookies or privacy; else `start`."""
    shown = [i for i in range(start, min(len(lines), start + MAX_MENU_LINES)) if lines[i].strip()]
    buttons = [i for i in shown if lines[i].strip().casefold() in _CONSENT_BUTTONS]
    if not buttons or not any(_CONSENT_WORDS.search(lines[i]) for i in shown if i < buttons[0]):
        return start
    # the buttons stand together: the notice ends at the last of the first group
    end = buttons[0]
    for i in shown[shown.index(end) + 1 :]:
        if i not in buttons:
            break
        end = i
    after = next((i for i in range(end + 1, len(lines)) if lines[i].strip()), None)
    return start if after is None else after


MAX_MENU_LINES = 60  # lines a copied page's cookie notice and menu may take at its top
_CONSENT_BUTTONS = frozenset(
    {
        "accept",
        "accept all",
        "accept all cookies",
        "accept cookies",
        "allow all",
        "allow all cookies",
        "reject all",
        "reject",
        "decline",
        "i agree",
        "agree",
        "agree and close",
        "i accept",
        "got it",
        "manage preferences",
        "manage cookies",
        "manage options",
        "manage settings",
        "cookie settings",
        "cookies settings",
        "customise choices",
        "customize choices",
        "more options",
        "do not consent",
        "consent",
    }
)
_CONSENT_WORDS = re.compile(r"\b(?:cookies?|privacy|consent|personal data)\b", re.IGNORECASE)


def _story_starts(line: str) -> bool:
    """Whether a line is what comes under a story's headline: a byline or a date."""
    return _is_credit(line) or _human_date(line.strip()) is not None


def _is_sentence(line: str) -> bool:
    """Whether a line reads as a sentence of text: eight words or more, closed."""
    line = line.strip()
    return line.endswith(_CLOSING) and len(_MENU_WORD.findall(line)) >= 8


def _is_credit(line: str) -> bool:
    """Whether a line is a picture's label, a byline or a wire's credits (`_LABEL`)."""
    line = line.strip()
    if _LABEL.match(line) or _READING_TIME.fullmatch(line):
        return True
    if line.startswith("By ") and len(line) <= 80:  # names: each word capitalised
        words = _BYLINE_WORDS.split(line[3:].strip())
        return len(words) <= 8 and all(
            word[:1].isupper() or word in _NAME_PARTICLES for word in words
        )
    if (byline := _LOCAL_BYLINE.match(line)) and len(line) <= 80:
        return _is_local_byline(line[byline.end() :])
    return len(line) <= 200 and _CREDITS.fullmatch(line) is not None


def _is_local_byline(names: str) -> bool:
    """Whether what follows "Von", "Par", "Por", "Di", "Автор:" is a byline's people and
    agency ("Anna Schmidt, dpa"), not a sentence ("Berlin aus fuhr der Zug ..."): each word
    capitalised, a name's particle or an agency in lower case, at most eight; and the first
    a person's names, two or more, the first capitalised: these words start sentences and
    headings far more often than "By" ("Di Maio e Salvini", "Von der Leyen")."""
    people = [person.split() for person in _BYLINE_PEOPLE.split(names.strip())]
    words = [word for person in people for word in person]
    return (
        len(people[0]) >= 2
        and people[0][0][:1].isupper()
        and len(words) <= 8
        and all(
            word[:1].isupper() or word in _NAME_PARTICLES or word.casefold() in _LOWER_CASE_AGENCIES
            for word in words
        )
    )


# a video player's text left in a page (CNN: "JUST WATCHED Storm hits coast Replay More
# Videos ... MUST WATCH Storm hits coast 03:16")
_VIDEO_EMBED = re.compile(r"JUST WATCHED\b.*\bReplay More Videos\b", re.DOTALL)
_TRAILING_BOILERPLATE = re.compile(
    r"(share|read more|related|more from|more on|explore more|follow|sign up|subscribe|"
    r"further reading|see also|external links|useful links|find out more|"
    r"click here|reuse this content|"
    r"newsletter|download|comments?|print|e-?mail|tweet|copyright|©|all rights reserved)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not loaded, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a corpus load produced: the articles, the skipped files, and what was looked at."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    duplicates: int
    files: tuple[str, ...]


class BadFileError(CorpusError):
    """A file that cannot be loaded; `reason` is one short line, `path` names the file."""

    def __init__(self, path: str, reason: str) -> None:
        reason = shown_path(reason)  # a parser's words may quote the file: kept to one line
        super().__init__(f"{shown_path(path)}: {reason}")
        self.path = path
        self.reason = reason


class NotAnArticle(CorpusError):
    """A page that holds no story: a page of links (a front or section page), a cookie or
    consent notice or a login wall in the story's place, or a server's error page."""


class NoSuchDate(CorpusError):
    """A date in a form Newsbot reads whose fields name no day ("31/02/2026", "0/0/2026");
    `fault` says why, of the date as written ("is no calendar date (February 2026 has 28
    days)": `_date_fault`), for a feed's warning to quote in its own words
    (retrieval/feeds.py), as an article file's warning does in its."""

    def __init__(self, key: str, value: str, fault: str) -> None:
        super().__init__(f"{key!r} {value!r} {fault}")
        self.fault = fault


@dataclass(frozen=True, slots=True)
class _Meta:
    """Metadata from front matter (or a JSON record) that the text itself lacks."""

    id: str | None = None
    standfirst: str = ""
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None  # front matter's `title`: Markdown's headline failing a heading
    summary: str = ""  # front matter's `description` or `summary`: a standfirst, if none other


# ---------------------------------------------------------------------------------------------
# Finding and loading files


# A folder's notes about itself, not news: README.md, LICENSE.txt, a dataset's SOURCE.md, an
# export's authors.json or source.json (an outlet's or writers' records, which read as fake
# articles). Found in a folder they are passed over (at INFO); named on their own they load.
PROJECT_FILES = frozenset(
    {
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "SOURCE",
        "CHANGELOG",
        "CONTRIBUTING",
        "AUTHORS",
        "CITATION",
        "CODE_OF_CONDUCT",
    }
)


MAX_NOTES_LOOKED_AT = 10_000  # files looked through for a folder's notes passed over
# notes that may hold articles (a "source.jsonl"); a README or a LICENSE is none
_NAMED_NOTES = frozenset({"SOURCE", "AUTHORS"})


def folder_notes(paths: Sequence[Path]) -> list[Path]:
    """The files under the given folders passed over as a folder's notes (PROJECT_FILES) of
    a kind articles come in: for the error of a corpus that gave no article (its articles
    all in a "source.jsonl")."""
    found: list[Path] = []
    looked = 0
    for given in paths:
        if not given.is_dir():
            continue
        for root, dirs, names in os.walk(given):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                looked += 1
                stem, suffix = os.path.splitext(name)
                if stem.upper() in _NAMED_NOTES and suffix.lower() in SUFFIXES:
                    found.append(Path(root, name))
            if looked >= MAX_NOTES_LOOKED_AT:
                return sorted(found)
    return sorted(found)


def find_files(paths: Sequence[Path], ignored: list[tuple[str, str]] | None = None) -> list[Path]:
    """The article files under the given files and folders, recursively, sorted; a folder's
    own notes (PROJECT_FILES) are passed over. A file named on its own that is not read (a
    spreadsheet, a PDF, a pipe) is warned about and, with `ignored`, listed there with why:
    the user asked for it, so the load's summary counts it as skipped. So is an article
    file in a folder that cannot be read (a link to nothing, a FIFO) and a folder that
    cannot be listed (`_walk`)."""

    def ignore(given: Path, reason: str) -> None:
        log.warning("ignored %s: %s", shown_path(given), reason)
        if ignored is not None:
            ignored.append((str(given), reason))

    found: set[Path] = set()
    seen: set[str] = set()  # the given paths' real paths
    for given in paths:
        real = os.path.realpath(given)
        if real in seen:
            # named again through ".." or a link ("corp/../corp/a.jsonl", a link to a given
            # folder): read once, where each article had been read twice and each broken
            # file warned about twice
            continue
        seen.add(real)
        if given.is_file():
            suffix = file_suffix(given.name)
            if suffix == ".xml" and not _is_saved_feed(given):
                ignore(given, "an XML file that is no RSS or Atom feed")
            elif suffix in SUFFIXES:
                found.add(given)
            elif suffix in _NOT_READ:  # named so: the same words as in a folder
                ignore(given, _not_read_reason([given]))
            else:
                ignore(given, f"unsupported file type (supported: {' '.join(sorted(SUFFIXES))})")
        elif given.is_dir():
            found.update(_walk(given, ignored))
        elif given.exists():
            ignore(given, "not a regular file or folder")
        elif given.is_symlink():  # a link to nothing, or in a loop
            raise CorpusError(
                f"{shown_path(given)}: a symbolic link {link_trouble(given)}; pass a folder "
                "or file of articles with --corpus"
            )
        else:
            raise CorpusError(
                f"{shown_path(given)}: no such file or folder; pass a folder or file of "
                "articles with --corpus"
            )
    return sorted(found)


def link_trouble(link: Path) -> str:
    """What is wrong with a symbolic link that leads to no file: a loop, or nothing there."""
    try:
        link.resolve(strict=True)
    except RuntimeError:  # a loop (Python 3.11-3.12)
        return "in a loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "in a loop"
    return f"to {os.readlink(link)}, which does not exist"


def _dead_link(link: Path) -> str | None:
    """What is wrong with a symbolic link that leads nowhere ("a symbolic link in a loop"),
    or None for one that leads to something (whatever kind of file it is)."""
    try:
        os.stat(link)
    except OSError:
        return f"a symbolic link {link_trouble(link)}"
    return None


_GENERATION = re.compile(r"gen-\d+")  # a saved index's folder in a data directory


def _walk(folder: Path, ignored: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """The article files under a folder, through linked folders too, each folder once (a
    link back up does not loop); what cannot be listed or read is named in a warning and,
    with `ignored`, listed there with why: the summary's count of skipped files left them
    out, though they were named as not loaded.
    Walked with a stack of its own in os.walk's order (a folder, then each of its folders in
    turn), not with os.walk: in Python 3.11 that recurses, and a folder nested a thousand
    levels deep stopped the whole load with a RecursionError."""

    def ignore(path: str | os.PathLike[str], reason: str) -> None:
        log.warning("ignored %s: %s", shown_path(path), reason)
        if ignored is not None:
            ignored.append((os.fspath(path), reason))

    def unlisted(exc: OSError) -> None:
        ignore(exc.filename or folder, exc.strerror or str(exc))

    seen: set[tuple[int, int]] = set()
    unread: list[Path] = []  # files not read (PDF, Excel, .zip ...): a warning for each kind
    pages: list[Path] = []  # saved pages' files folders passed over: one warning names them
    stack = [os.fspath(folder)]
    while stack:
        root = stack.pop()
        dirs: list[str] = []
        names: list[str] = []
        links: set[str] = set()  # of `names`: links to a file, or to nothing
        try:
            with os.scandir(root) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()  # a link to a folder too
                    except OSError:
                        is_dir = False
                    (dirs if is_dir else names).append(entry.name)
                    if not is_dir and entry.is_symlink():  # the listing says: no system call
                        links.add(entry.name)
        except OSError as exc:
            unlisted(exc)
            continue
        try:
            here = os.stat(root)
        except OSError as exc:
            unlisted(exc)
            continue
        if (here.st_dev, here.st_ino) in seen:  # reached again through a link
            continue
        seen.add((here.st_dev, here.st_ino))
        if (dirs or names) and not _can_enter(root, (dirs or names)[0]):
            # listed, but no file in it can be opened (`chmod 644 folder`): each file's
            # stat failed, and the first one's PermissionError stopped the whole load
            ignore(root, "Permission denied: the folder can be listed but not entered; chmod +x it")
            continue
        dirs = [d for d in dirs if not d.startswith(".")]
        page_files = [d for d in dirs if _page_files(root, d, names)]
        pages.extend(Path(root, d) for d in page_files)
        dirs = [d for d in dirs if d not in page_files]
        if "CURRENT" in names:  # a Newsbot data directory (--data-dir inside the corpus)
            index = [d for d in dirs if _GENERATION.fullmatch(d)]
            for name in index:
                log.info("ignored %s: a saved index, not articles", shown_path(Path(root, name)))
            dirs = [d for d in dirs if d not in index]
        for name in names:
            stem, suffix = os.path.splitext(name.rstrip())  # "story.txt ": a pasted title
            if name.startswith((".", "~$")):  # hidden, or an Office document's lock file
                continue
            if suffix.lower() not in SUFFIXES:
                if name in links and (trouble := _dead_link(Path(root, name))):
                    # most likely a link to a folder ("archive" on a share not mounted): the
                    # suffix alone had dropped it, and all it held, without a word
                    ignore(Path(root, name), trouble)
                elif suffix.lower() in _NOT_READ:
                    unread.append(Path(root, name))
                continue
            path = Path(root, name)
            if stem.upper() in PROJECT_FILES:
                log.info("ignored %s: a folder's own notes, not an article", shown_path(path))
                continue
            try:
                mode = path.stat().st_mode
            except OSError as exc:  # a broken link, or a loop of them
                link = os.path.islink(path)  # "No such file or directory" of a link seen there
                why = f"a symbolic link {link_trouble(path)}" if link else exc.strerror
                ignore(path, why or str(exc))
                continue
            if not stat.S_ISREG(mode):  # a FIFO would block the load, /dev/zero never end
                ignore(path, "not a regular file")
                continue
            if suffix.lower() == ".xml" and not _is_saved_feed(path):
                unread.append(path)
                continue
            yield path
        stack.extend(os.path.join(root, name) for name in reversed(dirs))
    for kind in _READ_THEM:
        if of_kind := [path for path in unread if _NOT_READ[file_suffix(path.name)][1] == kind]:
            log.warning("ignored %s", _not_read(of_kind))
    if pages:
        _warn_page_files(pages)


def _can_enter(folder: str, name: str) -> bool:
    """Whether the entries of a folder that could be listed can be reached: `name` is one of
    them. A folder with mode 644 (after some unzip tools) lists its names, but every one
    gives "Permission denied" once opened, even a file anyone may read."""
    try:
        os.lstat(os.path.join(folder, name))
    except PermissionError:
        return False
    except OSError:  # gone since it was listed: the walk names it, or passes it over
        pass
    return True


def _page_files(root: str, folder: str, names: Sequence[str]) -> bool:
    """Whether `folder` holds the files of a page saved beside it ("Webpage, Complete":
    "Story.html" and "Story_files", "Story-Dateien" in German): its frames, ads and widgets
    are no articles ("Advertisement", "Twitter Widget Iframe" were indexed). Only the names
    browsers give such folders count, and only when the folder holds what they save there:
    any other "<page>_<word>" or "<page>-<word>" folder beside a page ("bbc.html" and
    "bbc-sport/", "news.html" and "news_archive/") is a folder of articles, and had been
    dropped without a word."""
    for name in names:
        stem, suffix = os.path.splitext(name)
        if (
            suffix.lower() in HTML_SUFFIXES
            and folder.startswith(stem)
            and _SAVED_FILES.fullmatch(folder[len(stem) :])
        ):
            return _holds_page_files_only(Path(root, folder))
    return False


# the names browsers give a saved page's files folder: Chrome, Edge and Firefox write
# "_files" and, localized, "-Dateien" (German), "_archivos" (Spanish), "_arquivos"
# (Portuguese), "_fichiers" (French), "_file" (Italian), "-filer" (Danish, Norwegian,
# Swedish), "_bestanden" (Dutch), "_pliki" (Polish), "_soubory" (Czech), "_tiedostot"
# (Finnish), "_dosyalar" (Turkish)
_SAVED_FILES = re.compile(
    r"[_-](?:files|dateien|archivos|arquivos|fichiers|file|filer|bestanden|pliki|soubory"
    r"|tiedostot|dosyalar)",
    re.IGNORECASE,
)
# what a browser saves in a page's files folder that the loader could read: the page's
# frames (.html), Chrome's "f.txt" (an ad server's script saved as text) and XML a frame loads
_PAGE_RESOURCE_SUFFIXES = HTML_SUFFIXES | {".txt", ".xml"}


def _holds_page_files_only(folder: Path) -> bool:
    """Whether a folder holds nothing but what a browser saves of a page: no folder of its
    own and no article file but frames and "f.txt" (a Markdown, JSON or CSV file is a
    person's, and is read). One that cannot be listed is walked, which names the error."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                suffix = os.path.splitext(entry.name)[1].lower()
                if entry.is_dir() or (suffix in SUFFIXES and suffix not in _PAGE_RESOURCE_SUFFIXES):
                    return False
    except OSError:
        return False
    return True


# how a feed starts: its root <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0), after white space,
# an XML declaration, processing instructions (a style sheet), comments and a DOCTYPE
_FEED_ROOT = re.compile(
    rb"(?:\s|<\?[^>]*>|<!--(?:(?!-->).)*-->|<!DOCTYPE[^>]*>)*<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s/>]",
    re.IGNORECASE | re.DOTALL,
)
FEED_SNIFF_BYTES = 4096


def _is_saved_feed(path: Path) -> bool:
    """Whether an .xml file is a feed, by its root element in its first FEED_SNIFF_BYTES:
    .xml is also a sitemap's, an Office document's part or a data file, no articles. One that
    cannot be read counts as a feed, so that loading it names the error."""
    try:
        with path.open("rb") as file:
            head = file.read(FEED_SNIFF_BYTES)
    except OSError:
        return True
    return _FEED_ROOT.match(head.removeprefix(codecs.BOM_UTF8)) is not None


def _warn_page_files(folders: Sequence[Path]) -> None:
    """One warning for the saved pages' files folders passed over, so that a folder of
    articles taken for one is never dropped without a word."""
    folders = sorted(folders)
    named = ", ".join(shown_path(f) for f in folders[:3]) + (", ..." if len(folders) > 3 else "")
    count = f"{len(folders)} folders ({named})" if len(folders) > 1 else named
    log.warning(
        "ignored %s: the files of a web page saved beside %s (its frames and ads), not "
        "articles; rename a folder of articles so that it is read",
        count,
        "each" if len(folders) > 1 else "it",
    )


def _not_read(paths: Sequence[Path]) -> str:
    """The files of one kind of _NOT_READ named, with what is not read and how to have it
    read: "2 files (a.pdf, b.docx): PDF and Word documents are not read; save ..."."""
    paths = sorted(paths)
    named = ", ".join(shown_path(p) for p in paths[:3]) + (", ..." if len(paths) > 3 else "")
    count = f"{len(paths)} files ({named})" if len(paths) > 1 else named
    return f"{count}: {_not_read_reason(paths)}"


def _not_read_reason(paths: Sequence[Path]) -> str:
    """Why files of one kind of _NOT_READ are not read, and how to have them read."""
    kinds = list(dict.fromkeys(_NOT_READ[file_suffix(p.name)][0] for p in paths))
    noun = _NOT_READ[file_suffix(paths[0].name)][1]
    return f"{in_words(kinds)} {noun} are not read; {_READ_THEM[noun]}"


def _cut(text: str, limit: int = 80) -> str:
    """A value as a warning quotes it: repr (control characters escaped), at most `limit`
    characters of it."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a one-line warning shows it: bytes that are not UTF-8 as U+FFFD, and line
    breaks and other control characters escaped, so a file name cannot forge a log line. The
    same for any other text a file gives that a warning or error shows unquoted (an id, a
    parser's reason)."""
    text = os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def file_suffix(name: str) -> str:
    """A file name's suffix as its kind is told by: lower case, without the white space after
    it ("story.txt " of a title pasted as the name had been passed over without a word)."""
    return os.path.splitext(name.rstrip())[1].lower()


def load_file(path: Path) -> list[Article]:
    """The articles in one file; raises BadFileError (a CorpusError) if none can be loaded."""
    # a file name that is not valid UTF-8 arrives with surrogate escapes, which could be
    # neither hashed nor saved: the origin shows such bytes as U+FFFD
    origin = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    suffix = file_suffix(path.name)
    if suffix in _NOT_READ and suffix not in SUFFIXES:
        raise BadFileError(origin, _not_read_reason([path]))
    if suffix not in SUFFIXES:
        raise BadFileError(origin, f"unsupported file type {suffix or '(none)'!r}")
    _URLS_IGNORED.clear()  # read again, the file is warned about again
    with _notes_held() as held:
        try:
            articles = _file_articles(path, origin, suffix)
        except BadFileError:
            raise
        except CorpusError as exc:
            raise BadFileError(origin, str(exc)) from None
        except (Exception, RecursionError) as exc:  # a parser's slip on a shape none foresaw
            # costs this file alone, not the whole load (--debug shows where it happened)
            log.debug("reading %s failed", shown_path(origin), exc_info=True)
            why = f"could not be read ({type(exc).__name__}: {_cut(str(exc), 80)[1:-1]})"
            raise BadFileError(origin, f"{why}; please report it with this file") from None
        held.keep()
    return [_without_bad_date(article) for article in articles]


class _HeldNotes(logging.Filter):
    """The warnings this module logs in one thread while a file is read, held back: said
    when the file loads (`keep`), else, the file skipped with its one line, at debug level
    only (a file never closing its front matter and dated badly had got three lines, two of
    them about an article that was never loaded)."""

    def __init__(self) -> None:
        super().__init__()
        self._thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []
        self.kept = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread != self._thread or record.levelno < logging.WARNING:
            return True
        self.records.append(record)
        return False

    def keep(self) -> None:
        self.kept = True


@contextmanager
def _notes_held() -> Iterator[_HeldNotes]:
    """Hold this module's warnings while a file is read (`_HeldNotes`), then say them as
    warnings if the file was kept, or as debug lines if it was not."""
    held = _HeldNotes()
    log.addFilter(held)
    try:
        yield held
    finally:
        log.removeFilter(held)
        for record in held.records:
            if not held.kept:
                record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            if log.isEnabledFor(record.levelno):
                log.handle(record)


def _file_articles(path: Path, origin: str, suffix: str) -> list[Article]:
    """The articles in one file of a known suffix, read as that suffix says."""
    is_collection = suffix == ".json" or suffix in JSONL_SUFFIXES or suffix in TABLE_SUFFIXES
    if suffix in ARCHIVE_SUFFIXES:
        return [parse_mhtml(_read_bytes(path, MAX_ARCHIVE_BYTES), origin)]
    if suffix in FEED_SUFFIXES:
        return _load_feed(_read_bytes(path, MAX_COLLECTION_BYTES), origin)
    text = _read_text(
        path,
        MAX_COLLECTION_BYTES if is_collection else MAX_FILE_BYTES,
        html=suffix in HTML_SUFFIXES,
        table=suffix in TABLE_SUFFIXES,
        page=suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES,
        lines=suffix in JSONL_SUFFIXES,
    )
    if suffix in JSONL_SUFFIXES:
        return _load_jsonl(text, origin)
    if suffix == ".json":
        return _load_json(text, origin)
    if suffix in TABLE_SUFFIXES:
        return _load_table(text, origin, tabs=suffix == ".tsv")
    # a web page saved under a text name (`curl URL > story.txt`, a copied "view
    # source") is the page it is: read as text, its headline was "<!DOCTYPE html>"
    is_page = suffix in HTML_SUFFIXES or _PAGE_START.match(text) is not None
    if suffix in TEXT_SUFFIXES and not is_page:
        if _is_tab_table(text):  # Excel's "Unicode Text" export
            return _load_table(text, origin, tabs=True)
        if _holds_json(text):  # an export saved as text: read as text, its headline was '{'
            return _load_json(text, origin)
        return [parse_seed_text(text, origin)]
    if suffix in MARKDOWN_SUFFIXES and not is_page:
        return [_dated_by_name(parse_markdown(text, origin), path.name)]
    # SingleFile's note of the address, or Chrome's, Edge's and IE's ("Webpage, Complete")
    saved_from = _SINGLE_FILE.search(text, 0, 4096) or _SAVED_FROM.search(text, 0, 4096)
    return [parse_html(text, origin, saved_from[1] if saved_from else None)]


def _without_bad_date(article: Article) -> Article:
    """A file's article without a date that is none of its story's (`date_problem`), with a
    warning: the dates records and front matter give are checked as they are read (and
    named with their line); this catches the others, a page's (trafilatura's), a date line's
    or a file name's. Not in the page parser: a feed item's page dated in the future gets
    the read date, as the feed reader decides."""
    if article.published is None or (problem := date_problem(article.published)) is None:
        return article
    log.warning(
        "%s: %s is dated %s, %s; loaded without a date",
        shown_path(article.origin),
        _cut(article.headline, 60),
        article.published.isoformat(),
        problem,
    )
    return replace(article, published=None)


def _dated_by_name(article: Article, name: str) -> Article:
    """A post without a date of its own dated by its file's name, as Jekyll names posts
    ("2024-05-20-garden-opens.md")."""
    found = _DATED_NAME.match(name)
    if article.published is not None or found is None:
        return article
    try:
        return replace(article, published=date.fromisoformat(found[1]))
    except ValueError:  # "2024-13-45-..."
        return article


_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-")
# how a saved web page starts (after white space, an XML declaration, comments): a text or
# Markdown file that starts so is read as the page (`parse_html`)
_PAGE_START = re.compile(
    r"[\s\ufeff]*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
# the comment the SingleFile extension writes at a saved page's top: "Page saved with
# SingleFile url: https://..." (the address the page came from, for one that names none)
_SINGLE_FILE = re.compile(r"<!--\s*Page saved with SingleFile\s+url:\s*(https?://\S+)")
# the "mark of the web" Chrome, Edge and IE write at the top of a page saved as "Webpage,
# Complete": "<!-- saved from url=(0071)https://... -->", the address's length in brackets
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_COUNTER_ID = re.compile(r"\d{1,6}")  # a record's number in its export: 1, 2, 3 ...


def own_number(article: Article, owner: str, taken: Container[str]) -> str | None:
    """For an article whose id an article from `owner` (a file, or "" for the news store)
    already has: when the id is a small number and `owner` another file, the id it takes
    instead, not `taken`: its file's name and the number ("beta.jsonl#2"), else with its
    folder's name ("b/articles.jsonl#2"), else with a digest of its path. Two exports that
    each number their records 1, 2, 3 hold different stories, which were all dropped but
    the first file's. None for other ids (an id names one story: the later copy is a
    duplicate)."""
    if not _COUNTER_ID.fullmatch(article.id) or not owner or owner == article.origin:
        return None
    parts = article.origin.replace("\\", "/").rstrip("/").split("/")
    digest = hashlib.sha1(article.origin.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    candidates = [
        f"{parts[-1]}#{article.id}",
        f"{'/'.join(parts[-2:])}#{article.id}",
        f"{parts[-1]}~{digest}#{article.id}",
    ]
    return next((own for own in candidates if own not in taken), None)


def warn_renumbered(path: Path, ids: list[str]) -> None:
    """One warning for a file's records kept under new ids (`ids`: the new ones)."""
    more = ", ..." if len(ids) > 3 else ""
    log.warning(
        "%s: %s numbered as another file's %s kept as %s",
        shown_path(path),
        f"{len(ids)} record{'s' if len(ids) > 1 else ''}",
        "are" if len(ids) > 1 else "is",
        ", ".join(shown_path(own) for own in ids[:3]) + more,
    )


def warn_url_taken(article: Article, headline: str, origin: str) -> None:
    """The warning for an article dropped because an article kept (`headline`, from the file
    `origin`) has its URL under another headline."""
    log.warning(
        "dropped %s from %s: its URL %s is that of %s from %s (if they are different stories, "
        "give them their own URLs or ids)",
        _cut(article.headline, 60),
        shown_path(article.origin),
        _cut(article.url or "", 80),
        _cut(headline, 60),
        shown_path(origin),
    )


def load_corpus(paths: Sequence[Path], *, listed: bool = False) -> LoadResult:
    """Load every article file under the given paths, skipping bad files and duplicates.
    `listed`: the paths are files find_files already found; one that has gone since is a
    skipped file, not a missing corpus. A file named on its own that is not read (a
    spreadsheet) is a skipped file too."""
    ignored: list[tuple[str, str]] = []
    files = sorted(paths) if listed else find_files(paths, ignored)
    articles: list[Article] = []
    skipped = [Skipped(path, reason) for path, reason in ignored]
    duplicates = 0
    seen_ids: dict[str, str] = {}
    seen_urls: dict[str, list[Article]] = {}  # more than one: other stories at a listing page
    seen_texts: set[str] = set()
    for path in files:
        try:
            loaded = load_file(path)
        except BadFileError as exc:
            log.warning("skipped %s: %s", shown_path(path), exc.reason)
            skipped.append(Skipped(str(path), exc.reason))
            continue
        reused: list[str] = []  # ids this file uses that an earlier article has
        renumbered: list[str] = []  # numbers another file uses too: this file's own now
        for article in loaded:
            url = story_url_key(article.url)
            fingerprint = _fingerprint(article)
            # the story kept at its URL that it is (`one_story`): another headline over
            # another text at one URL is another story, the URL a page listing stories
            sharing = seen_urls.get(url, []) if url is not None else []
            if len(sharing) >= LISTING_STORIES:
                sharing = []  # a listing page's URL: not compared with each story at it
            kept = next((story for story in sharing if one_story(story, article)), None)
            if kept is not None or fingerprint in seen_texts:
                duplicates += 1
                if (
                    kept is not None
                    and fingerprint not in seen_texts
                    and not same_headline(kept, article)
                ):
                    # one address, the story edited under another headline: dropped, named
                    warn_url_taken(article, kept.headline, kept.origin)
                else:
                    log.debug(
                        "duplicate %s (%s) dropped",
                        shown_path(article.id),
                        shown_path(article.origin),
                    )
                continue
            if article.id in seen_ids and (other := remade_id(article, fingerprint)):
                # an id we made from the file and headline ("Live: election updates" twice in
                # one file, no id or url), or from a URL other stories share: a different
                # text, so another id, from the text too
                article = replace(article, id=other)
            if article.id in seen_ids:
                own = own_number(article, seen_ids[article.id], seen_ids)
                if own is not None:
                    renumbered.append(own)
                    article = replace(article, id=own)
            if article.id in seen_ids:
                duplicates += 1
                reused.append(article.id)
                if len(reused) <= MAX_LINE_WARNINGS:
                    log.warning(
                        "dropped %r from %s: its id %s is already used by an article from %s",
                        article.headline,
                        shown_path(article.origin),
                        shown_path(article.id),
                        shown_path(seen_ids[article.id]),
                    )
                continue
            seen_ids[article.id] = article.origin
            if url is not None:
                seen_urls.setdefault(url, []).append(article)
            seen_texts.add(fingerprint)
            articles.append(article)
        if renumbered:
            warn_renumbered(path, renumbered)
        if len(reused) > MAX_LINE_WARNINGS:
            log.warning(
                "dropped %d more articles from %s whose ids are already used (%s, ...): give "
                "each file's records ids of their own, or none",
                len(reused) - MAX_LINE_WARNINGS,
                shown_path(path),
                ", ".join(_cut(i, 20) for i in reused[MAX_LINE_WARNINGS : MAX_LINE_WARNINGS + 3]),
            )
    log.info(
        "loaded %d articles from %d files (%d skipped, %d duplicates)",
        len(articles),
        len(files),
        len(skipped),
        duplicates,
    )
    return LoadResult(tuple(articles), tuple(skipped), duplicates, tuple(str(f) for f in files))


# a page's own word on its encoding: <meta charset="iso-8859-1">, or http-equiv's
# content="text/html; charset=windows-1252"
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",  # XHTML's own declaration
    re.I,
)


# The labels a page may declare its charset by, as browsers know them (the WHATWG Encoding
# Standard), by the Python codec that reads as their decoder does. Python's own names are
# not these: it lacks some ("x-mac-roman", "windows-949"), reads others otherwise (Latin-1
# and US-ASCII are windows-1252 to a browser, Shift_JIS is Microsoft's cp932, GBK is
# gb18030), and takes labels no browser does ("rot13", "base64", "utf-7", "idna"). In a
# page's <meta>, a UTF-16 label is UTF-8 (the bytes that say so are ASCII-compatible) and
# x-user-defined is windows-1252 (the HTML standard's prescan). A label not here is unknown:
# browsers read such a page as windows-1252.
_BROWSER_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 "
    "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff unicodefffe utf-16 utf-16be utf-16le",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
    "iso_8859-2:1987 l2 latin2",
    "iso8859_3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
    "iso_8859-3:1988 l3 latin3",
    "iso8859_4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
    "iso_8859-4:1988 l4 latin4",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
    "iso_8859-5 iso_8859-5:1988",
    "iso8859_6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
    "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
    "iso_8859-6:1987",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859_8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
    "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252 "
    "x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 "
    "x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
    "ksc5601 ksc_5601 windows-949",
}
_BROWSER_CODECS = {
    label: codec for codec, labels in _BROWSER_LABELS.items() for label in labels.split()
}


def browser_codec(label: str) -> str | None:
    """The Python codec that reads a page declaring charset `label` as a browser does
    (`_BROWSER_LABELS`); None for a label browsers do not know, whose page they read as
    windows-1252."""
    return _BROWSER_CODECS.get(label.strip().lower())


def declared_charset(data: bytes) -> str | None:
    """The charset a page's own `<meta>` (or XHTML's `<?xml encoding?>`) declares, as
    written; None when it declares none."""
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared is None:
        return None
    return (declared.group(1) or declared.group(2)).decode("ascii")


# the five bytes windows-1252 leaves undefined, as Python's cp1252 codec with surrogateescape
# gives them, and the C1 controls browsers (WHATWG) read them as
_CP1252_UNDEFINED = {0xDC00 + byte: byte for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _decode(data: bytes, codec: str) -> str:
    """`data` in `codec`; windows-1252 as browsers read it: Python's cp1252 raises on its five
    undefined bytes (0x81, 0x8d, ...), which WHATWG maps to the C1 controls of the same
    number, so a page holding one stray 0x81 was skipped as not UTF-8."""
    if codecs.lookup(codec).name != "cp1252":
        return data.decode(codec)
    return data.decode("cp1252", "surrogateescape").translate(_CP1252_UNDEFINED)


def browser_text(data: bytes, codec: str) -> tuple[str, int]:
    """`data` in `codec` as a browser reads it (`_decode`), and how many of its bytes are not
    in that codec: each read as U+FFFD, as a browser shows it."""
    try:
        return _decode(data, codec), 0
    except UnicodeDecodeError:
        text = data.decode(codec, "surrogateescape")
        return _ESCAPED_BYTE.sub("\ufffd", text), len(_ESCAPED_BYTE.findall(text))


def declared_text(data: bytes) -> str | None:
    """A page's bytes read in the encoding its own `<meta>` declares, as browsers read them
    (`browser_codec`): a page that says latin-1 or ascii is windows-1252, whose curly quotes
    such pages hold; one that says UTF-16 is UTF-8. None when it declares none, one browsers
    do not know, or one its bytes are not in."""
    label = declared_charset(data)
    codec = browser_codec(label) if label is not None else None
    if codec is None:
        return None
    try:
        return _decode(data, codec)
    except ValueError:
        return None


def _page_text(data: bytes, path: Path, exc: UnicodeDecodeError) -> str:
    """A saved page that is not UTF-8 (`exc`), read as a browser reads it, never skipped:
    in the charset it declares; a byte not in that charset as U+FFFD, with a warning that
    counts them (a Shift_JIS page with one stray byte had been skipped whole); a charset
    browsers do not know ("x-mac-roman" is one they do: `browser_codec`) as windows-1252,
    with a warning naming it; one that declares none as windows-1252, quietly. Each warning
    names the declared charset: "convert it to UTF-8" had been the fix for all of them."""
    label = declared_charset(data)
    if label is None:
        return _decode(data, "cp1252")  # no charset, not UTF-8: what a browser reads
    codec = browser_codec(label)
    if codec == "utf-8":  # UTF-8 itself, or a UTF-16 label over ASCII-compatible bytes
        return _misdeclared_utf8(data, path, exc, label)
    if codec is None:
        log.warning(
            "%s: declares charset %r, which browsers do not know: read as windows-1252, as "
            "they do; if letters look wrong, save the page again",
            shown_path(path),
            label,
        )
        return _decode(data, "cp1252")
    try:
        return _decode(data, codec)
    except UnicodeDecodeError as bad:
        text = data.decode(codec, "surrogateescape")
        log.warning(
            "%s: declares charset %r, but holds bytes not in it (%d, the first 0x%02x at "
            "offset %d): read as U+FFFD, as a browser shows them",
            shown_path(path),
            label,
            len(_ESCAPED_BYTE.findall(text)),
            data[bad.start],
            bad.start,
        )
        return _ESCAPED_BYTE.sub("\ufffd", text)


# a character UTF-8 writes in two to four bytes: a page holding one is UTF-8 with stray bytes
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _misdeclared_utf8(data: bytes, path: Path, exc: UnicodeDecodeError, label: str) -> str:
    """A page that says UTF-8 (its `label`, or a UTF-16 one, which browsers read as UTF-8)
    but holds other bytes, read with a warning, not skipped (older sites' templates declare
    UTF-8 over windows-1252 text pasted from Word: "Mayor\x92s"): as windows-1252 when it
    holds no character in UTF-8's bytes at all, else as UTF-8 with the stray bytes as
    U+FFFD, as a browser shows it."""
    single_byte = _UTF8_SEQUENCE.search(data) is None
    says = (
        "UTF-8 but is not"
        if label.lower() in ("utf-8", "utf8")
        else f"charset {label!r}, which browsers read as UTF-8, but is not UTF-8"
    )
    log.warning(
        "%s: says %s (byte 0x%02x at offset %d): read as %s; if letters look wrong, save the "
        "page again",
        shown_path(path),
        says,
        data[exc.start],
        exc.start,
        "windows-1252" if single_byte else "UTF-8, its bad bytes as U+FFFD",
    )
    return _decode(data, "cp1252") if single_byte else data.decode("utf-8", "replace")


def _limit_size(limit: int) -> str:
    """A size limit as people say it: "20 MB", "1 GB"."""
    if limit >= 1 << 30 and limit % (1 << 30) == 0:
        return f"{limit >> 30} GB"
    return f"{limit // 1048576} MB"


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, checked to be no more than `limit`; a file over it is named with
    what to do (a page's or text's limit is much lower than a collection's)."""
    try:
        size = path.stat().st_size
        if size > limit:
            fix = ""
            if limit == MAX_FILE_BYTES:
                fix = (
                    "; split it into articles, or save them as JSON Lines (.jsonl), which may "
                    f"be up to {_limit_size(MAX_COLLECTION_BYTES)}"
                )
            elif limit == MAX_COLLECTION_BYTES:
                fix = "; split it into smaller files"
            raise CorpusError(
                f"file too large ({size / 1048576:.1f} MB; the limit is {_limit_size(limit)}){fix}"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read the file ({exc.strerror or exc})") from None
    if not data:
        raise CorpusError("empty file")
    return data


def _read_text(
    path: Path,
    limit: int,
    *,
    html: bool = False,
    table: bool = False,
    page: bool = False,
    lines: bool = False,
) -> str:
    """The file's text, checked to be non-empty, not too large, UTF-8 and not binary. A saved
    page (`html`, or with `page` a text file that starts as one: `_PAGE_START`) that is not
    UTF-8 is read in the encoding it declares, as a browser does (older sites and saved
    pages say iso-8859-1 or windows-1252); a spreadsheet's export (`table`) as windows-1252,
    which Excel writes a "CSV (Comma delimited)" file in on Windows, with a warning. NULs
    are read as `_nuls_read` reads them. JSON Lines (`lines`) are judged line by line, not
    as a whole: one line a scraper wrote in cp1252, or a hole of NULs a crash left, had lost
    every record of the file. Its bytes that are not UTF-8 are kept as surrogate escapes
    (U+DC80 to U+DCFF) and its NULs as they are, but for those at its end (dropped with a
    warning), for `_load_jsonl` to name the lines that hold them; UTF-16 is still named."""
    data = _read_bytes(path, limit)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data:
        raise CorpusError("empty file")
    unicode = _unicode_with_bom(data, path)
    if unicode is not None:  # Notepad's "Unicode", PowerShell 5's > redirection
        codec, text = unicode
        if not text.strip("\ufeff"):
            raise CorpusError("empty file")
        if "\x00" not in text:
            return text
        if lines:  # judged line by line, as UTF-8 JSON Lines are: PowerShell 5's >> appends
            return _without_end_nuls(text, path)  # UTF-16, and a crash's hole had lost it all
        if (read := _nuls_read(text, path)) is None:
            raise CorpusError(f"binary file (a NUL character in its {codec} text)")
        return read
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if (cut := _without_cut_character(data, "utf-8", path)) is not None:
            text = cut
        else:
            return _not_utf8(data, path, exc, html=html, table=table, page=page, lines=lines)
    if "\x00" in text:
        # its start only, without NULs at the sample's end: not a copy of a 1 GB file
        if _looks_utf16(data[:NUL_SAMPLE].rstrip(b"\x00")):
            raise CorpusError(_UTF16_WITHOUT_BOM)
        if lines:
            return _without_end_nuls(text, path)
        if (read := _nuls_read(text, path)) is None:
            nul = data.find(b"\x00")
            raise CorpusError(f"binary file (NUL byte at offset {nul})")
        return read
    return text


def _not_utf8(
    data: bytes,
    path: Path,
    exc: UnicodeDecodeError,
    *,
    html: bool,
    table: bool,
    page: bool,
    lines: bool,
) -> str:
    """The text of a file that is not UTF-8 (`exc`), as `_read_text` reads each kind (its
    flags); raises CorpusError naming why for one that is not text it reads."""
    html = html or (page and _PAGE_START.match(data[:4096].decode("latin-1")) is not None)
    if html and b"\x00" not in data:
        return _page_text(data, path, exc)
    if table and b"\x00" not in data:
        log.warning(
            "%s: not UTF-8 (byte 0x%02x at offset %d): read as windows-1252, as Excel "
            "writes CSV; if letters look wrong, save it as CSV UTF-8",
            shown_path(path),
            data[exc.start],
            exc.start,
        )
        return _decode(data, "cp1252")
    if _looks_utf16(data):
        raise CorpusError(_UTF16_WITHOUT_BOM) from None
    if lines:  # one copy of the text, as a decoded one is: files may be up to 1 GB
        return _without_end_nuls(data.decode("utf-8", "surrogateescape"), path)
    nul = data.find(b"\x00")
    if nul >= 0:  # an image or a program named .txt
        raise CorpusError(f"binary file (NUL byte at offset {nul})") from None
    raise CorpusError(
        f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8"
    ) from None


def _without_cut_character(data: bytes, codec: str, path: Path) -> str | None:
    """`data` in `codec` without the incomplete character at its very end, dropped with a
    warning that the file looks cut short (a copy or a download stopped mid-way: "café" cut
    after the first byte of its "é", a UTF-16 file a byte short); None when any other byte
    is bad, or nothing is left, for the caller's own reason. Such a file had been skipped
    whole as "not UTF-8 text ...; convert it to UTF-8", the wrong fix for a file in UTF-8.
    The incremental decoder tells the two apart: it keeps back an incomplete character at
    the end, and raises on any other bad byte.

    In UTF-8 a single byte held back after pure ASCII is no evidence of a cut: windows-1252's
    accented letters (é, ñ, ü: 0xC0-0xF4) are UTF-8 lead bytes, so Excel's CSV ending "caf\xe9"
    reads exactly as a UTF-8 "café" cut after one byte. That file is a cut only when it
    shows UTF-8 elsewhere: two or more bytes of the character held back (a lead byte and its
    continuation, rare at a legacy file's end), or a multi-byte character before it. Else it
    goes to the caller's own reason (a table or a page read as windows-1252, a text "not
    UTF-8"), as before the cut was read; a real cut of an all-ASCII text one byte into its
    last character is then skipped as not UTF-8, the lesser loss. A UTF-16 or UTF-32 file
    says its codec in its byte-order mark, so any tail there is a cut."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    left: bytes = decoder.getstate()[0]
    if not left or not text.strip("\ufeff"):
        return None
    if codec == "utf-8" and len(left) == 1 and text.isascii():
        return None  # a legacy 8-bit file's last letter, as likely as a cut
    log.warning(
        "%s: ends in the middle of a character (%s): the file looks cut short; read without it",
        shown_path(path),
        " ".join(f"0x{byte:02x}" for byte in left),
    )
    return text


MAX_NUL_SHARE = 0.01
"""A text whose start (NUL_SAMPLE characters) is more than this share of NULs, and holds
more than one, is binary."""
NUL_SAMPLE = 8192


def _nuls_read(text: str, path: Path) -> str | None:
    """A text holding NULs as it is read: the NULs at its end, which a crash leaves where a
    write was cut short (a scraper appending to its JSONL), dropped with a warning, and a
    stray one a space, as other control characters are (each had made the file binary, and
    lost every record); None for a binary file, whose NULs are many (MAX_NUL_SHARE)."""
    body = text.rstrip("\x00")
    sample = body[:NUL_SAMPLE]
    if not body.strip("\ufeff") or sample.count("\x00") > max(1, MAX_NUL_SHARE * len(sample)):
        return None
    return _without_end_nuls(text, path).replace("\x00", " ")


def _without_end_nuls(text: str, path: Path) -> str:
    """A text without the NULs at its end, dropped with a warning (`_nuls_read`); a text of
    nothing but NULs is a binary file."""
    body = text.rstrip("\x00")
    if not body.strip("\ufeff"):
        raise CorpusError("binary file (NUL byte at offset 0)")
    if len(body) < len(text):
        log.warning(
            "%s: ignored the %d NULs at its end (left where a write was cut short, as by a crash)",
            shown_path(path),
            len(text) - len(body),
        )
    return body


_UTF16_WITHOUT_BOM = (
    "UTF-16 text without a byte-order mark; save it as UTF-8 (or as UTF-16 with one)"
)


def _looks_utf16(data: bytes, least: int = 4) -> bool:
    """Whether bytes look like UTF-16 without a byte-order mark: nine in ten of the odd (or
    the even) bytes of their start are zero, as in mostly Latin text, and most of the others
    are not, as they are letters. A zero-filled start (a file a crash or `fallocate` left
    unwritten) is no UTF-16: it was called so, with the wrong fix, not binary."""
    head = data[:400]
    half = len(head) // 2
    if half < least:  # characters of it: a file of fewer says too little
        return False
    odd, even = head[1::2].count(0), head[0::2].count(0)
    zeros, others = max(odd, even), min(odd, even)
    return zeros >= 0.9 * half and others < 0.5 * half


def utf16_without_bom(data: bytes, least: int = 4) -> str | None:
    """The codec of bytes that look like UTF-16 without a byte-order mark (`_looks_utf16`,
    `least` characters at least): "utf-16-le" when the zeros are the odd bytes, "utf-16-be"
    when the even; else None."""
    if not _looks_utf16(data, least):
        return None
    head = data[:400]
    return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which starts the same
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _unicode_with_bom(data: bytes, path: Path) -> tuple[str, str] | None:
    """(the codec's name, the text) for bytes that start with a UTF-16 or UTF-32 byte-order
    mark; None for others. Raises CorpusError when the rest is not in that codec (but for
    a character cut short at its end: `_without_cut_character`)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return codec.upper(), data.decode(codec)
            except UnicodeDecodeError as exc:
                if (cut := _without_cut_character(data, codec, path)) is not None:
                    return codec.upper(), cut
                raise CorpusError(
                    f"not {codec.upper()} text, though it starts with that byte-order mark "
                    f"(bad bytes at offset {exc.start})"
                ) from None
    return None


# ---------------------------------------------------------------------------------------------
# JSON and JSONL


def parse_json_record(
    obj: object,
    origin: str,
    notes: list[str] | None = None,
    *,
    keys: Sequence[str] | None = None,
    already_read: bool = False,
) -> Article:
    """One article record of the JSONL schema (headline, paragraphs, id, published, ...).
    A `published` that is not a date raises, or with `notes` is noted there and left out.
    `keys`: the keys an error names as the record's, when they are not the object's (a JSON
    Feed item's own, where the object is feedparser's reading of it: "id, content_html" had
    been "id, guidislink, link, published, published_parsed, ..."). `already_read`: its
    headline, standfirst and paragraphs are text as a feed item's reading (`read_entry`,
    `entry_text`) left them, read from HTML once and the outlet taken off the headline once:
    neither is done again (a record's " - {source}" rule, `_html_items`, `_schema_keys`'s
    HTML), or text that shows tags ("<b>Warning</b>", read from "&lt;b&gt;") loses them."""
    if not isinstance(obj, dict):
        raise CorpusError(f"expected a JSON object, got {json_type(obj)}")
    given = obj
    named = list(given) if keys is None else list(keys)
    if (
        any(_is_blank(obj.get(key)) for key in _KEY_ALIASES)
        or isinstance(obj.get("source"), dict)
        or isinstance(obj.get("paragraphs"), str)
    ):
        obj = _schema_keys(obj, already_read=already_read)
    headline = obj.get("headline")
    if isinstance(headline, list) and headline and all(isinstance(h, str) for h in headline):
        headline = headline[0]  # ["X"]: its first, as an optional field's ("source": ["CNN"])
    if headline is None:
        shown = ", ".join(_cut(str(key), 30) for key in named[:8]) or "none"
        raise CorpusError(f"no headline (expected 'headline' or 'title'; its keys: {shown})")
    if not isinstance(headline, str):
        raise CorpusError(f"'headline' must be a string, got {json_type(headline)}")
    if not headline.strip():
        raise CorpusError("empty headline")
    raw = obj.get("paragraphs")
    if not isinstance(raw, list):
        # a text field given as null: named, not "expected 'paragraphs'" beside a list of
        # keys that holds 'paragraphs'
        text_keys = ("paragraphs", *_KEY_ALIASES["paragraphs"])
        nulls = (key for key in text_keys if key in given and given[key] is None)
        if raw is None and (null := next(nulls, None)):
            raise CorpusError(f"{_cut(null, 30)} is null (expected a list of strings or a string)")
        if raw is None:
            shown = ", ".join(_cut(str(key), 30) for key in named[:8]) or "none"
            raise CorpusError(
                f"no text (expected 'paragraphs', 'text' or 'content'; its keys: {shown})"
            )
        raise CorpusError("'paragraphs' must be a list")
    if None in raw:  # a null is an empty paragraph: dropped, the others keep their places
        raw = ["" if item is None else item for item in raw]
    if not already_read:
        raw = _html_items(raw)
    try:
        flat = " ".join(raw)
    except TypeError:
        items = raw
        raw = _paragraph_texts(raw, notes)
        flat = " ".join(raw)
        if not flat.strip():  # stray items only: what they are, not just "no paragraphs"
            raise CorpusError(f"'paragraphs' holds no text: {_stray_items(items)}") from None
    if not flat.isascii() and _SURROGATE.search(flat):
        raw = [_no_surrogates(text) for text in raw]
        flat = " ".join(raw)
    headline = _no_surrogates(headline)
    if (
        _is_clean(flat) and "JUST WATCHED" not in flat and not _may_hold_date_stamp(raw)
    ):  # the common case: all clean, none empty, no date stamp
        paragraphs = [Paragraph(text) for text in raw]
    else:  # empty paragraphs, a video player's text and a page's date stamp go
        cleaned = list(map(_clean, raw))
        stamped = _may_hold_date_stamp(cleaned)
        kept = [
            (i, text)
            for i, text in enumerate(cleaned)
            if text and not _VIDEO_EMBED.match(text) and not (stamped and is_date_stamp(text))
        ]
        if len(kept) == len(raw):
            paragraphs = [Paragraph(text) for _, text in kept]
        else:  # empty ones dropped: the others keep their place in the record's list
            paragraphs = [Paragraph(text, None, i) for i, text in kept]
    record_id = obj.get("id")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    elif isinstance(record_id, float) and record_id.is_integer():  # pandas: 3.0 for 3
        record_id = str(int(record_id))
    elif isinstance(record_id, float) and math.isnan(record_id):  # pandas' missing id
        record_id = None
    published = _optional_date(obj.get("published"), _given_key(given, "published"), notes)
    source, url = _source_address(
        _lenient_str(obj.get("source"), "source", notes), _lenient_str(obj.get("url"), "url", notes)
    )
    headline = _clean(headline)
    if (
        source
        and not already_read
        and headline.endswith(f" - {source}")
        and len(headline) > len(source) + 3
    ):
        # NewsAPI's "Fed holds rates steady - Reuters": the outlet is the source, as a Google
        # News feed item's is (`_load_feed`)
        headline = headline[: -len(source) - 3].rstrip()
    meta = _Meta(
        id=_lenient_str(record_id, "id", notes),
        standfirst=_given_text(_lenient_str(obj.get("standfirst"), "standfirst", notes)),
        published=published or _stamp_date(text for text in map(_clean, raw) if text),
        source=source,
        url=url,
    )
    hint = "is the body in the headline field?"
    return _make_article(headline, paragraphs, origin, meta, too_long_hint=hint)


def _html_items(raw: list[Any]) -> list[Any]:
    """A record's paragraphs with each string read as HTML when any of them is markup (a
    scraper's list of `<p>` elements, or of their inner HTML; `_is_markup`): an item that is
    markup has its tags dropped, a string beside it its entities read, and a line a body of
    HTML loses ("Advertisement") is empty, so dropped in its place. Each item stays one
    paragraph, its blocks joined: `paragraph` is its place in the source's list. A list with
    no markup is text as written, as a headline is, tags named in prose and all ("accepted
    raw <a href> and <script> tags"); so is such an item beside markup, and one in angle
    brackets ("< $5", "<bridge@council.gov.uk>")."""
    markup = [isinstance(item, str) and _is_markup(item) for item in raw]
    if not any(markup):
        return raw
    return [
        _html_item(item, marked) if isinstance(item, str) else item
        for item, marked in zip(raw, markup, strict=True)
    ]


def _html_item(item: str, markup: bool) -> str:
    """One item of a list of HTML paragraphs as read (`markup`: `_is_markup` of it, found
    once for the list): markup's text (`_html_paragraphs`, blocks joined by a space),
    another string's with its entities read; "" when all of it is a page's furniture:
    `_html_paragraphs` drops that from blocks, but an item of inline markup only
    ("<strong>Advertisement</strong>") has none. Not there: a feed's title read as HTML is a
    headline whatever it says."""
    if markup:
        text = " ".join(_html_paragraphs(item))
    else:
        text = html.unescape(item) if "&" in item and _ENTITY.search(item) else item
    return "" if _is_html_furniture(normalize_space(text)) else text


def _is_markup(text: str) -> bool:
    """Whether a string is HTML, not text that names a tag: it holds an element's start and
    end tags ("<b>Sunday</b>", "<script>...</script>"), a start tag with a value given
    ('<a href="/x">', "<img src=dam.jpg>"), a line break inside a line ("one<br>two"), or
    it begins with a block's start tag ("<p>Lead", whose end tag HTML leaves optional). A
    tag named in prose ("raw <a href> and <script> tags", "close the <div>") or a sum ("if
    x<b and b>y") is none of these. The elements are more than `_HTML_TAG`'s: a page's
    embeds, pictures, captions and scripts, which prose names but does not write so."""
    if "<" not in text:
        return False
    if _MARKUP.search(text):
        return True
    opened = set()  # read tag by tag: a search for each start tag's end tag is quadratic
    for tag in _MARKUP_TAG.finditer(text):
        name = tag[2].casefold()
        if tag[1]:  # an end tag
            if name in opened:
                return True
        elif _ATTRIBUTE_VALUE.search(tag[3]):
            return True
        else:
            opened.add(name)
    return False


def _given_text(value: str | None) -> str:
    """An optional text field as shown: its spaces normalized, "" for a placeholder of no
    value ("nan", "None")."""
    text = normalize_space(value or "")
    return "" if text.casefold() in _NO_VALUE else text


_BLOCK_TEXT_KEYS = ("text", "content", "value")  # a block's text: {"type": "p", "text": ...}


def _block_text(block: dict[str, Any]) -> str | None:
    """The text of one block of a block-structured body, None when it holds none (an image,
    an embed, an advert, another story's card): {"text": ...}, Draft.js's too; an
    exporter's {"html": "<p>...</p>"}; a run of spans under "children" or "content"
    (Portable Text, Strapi and Slate, Tiptap, Lexical, Contentful), a link's run inside it
    too; Editor.js's {"data": ...} (`_data_text`); a pull quote's {"quote"}, a subhead's
    {"heading"}. Only fields known to hold the story's text are read: a block's other
    fields are its kind, ids, style, addresses, a picture's credit, an ad's slot."""
    kind = block.get("type", block.get("_type", block.get("nodeType")))
    if _is_not_story_kind(kind):
        return None  # a newsletter box, related stories, an advert: none of the story
    for key in (*_BLOCK_TEXT_KEYS, "html", "body", "quote", "heading"):
        if isinstance(text := block.get(key), str):
            return _html_text(text)
    for key in _RUN_KEYS:
        run = block.get(key)
        if isinstance(run, list) and run and all(isinstance(node, dict) for node in run):
            return _run_text(run, 0) or None
    value = block.get("value", block.get("body"))  # Wagtail's {"value": {...}}, a callout's
    if isinstance(value, dict):
        if (text := _block_text({k: v for k, v in value.items() if k != "value"})) is not None:
            return text
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        if text := _joined_items([_block_text(item) or "" for item in value]):
            return text
    elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return _joined_items([_html_text(item) for item in value]) or None  # a list's items
    data = block.get("data")
    if isinstance(data, dict):
        return _data_text(data, kind) or None
    return None


# kinds of block that are none of the story, named whole (letters only, in lower case): a call
# to sign up, other stories, an advert; not "recommendation" (an inquiry's) nor "relatedQuote"
_NOT_STORY_KINDS = frozenset(
    {
        *("newsletter", "newslettersignup", "newsletterbox", "signup", "subscribe"),
        *("subscribebox", "related", "relatedarticles", "relatedstories", "relatedcontent"),
        *("relatedlinks", "relatedposts", "readmore", "moreonthis", "promo", "promobox"),
        *("advert", "advertisement", "ad", "ads", "adslot", "adunit", "cta", "calltoaction"),
        *("sponsored", "recommended", "recommendedarticles", "recommendedstories"),
    }
)


def _is_not_story_kind(kind: object) -> bool:
    """Whether a block's kind ("newsletter_signup", "relatedArticles", "ad") is one that is
    none of the story (`_NOT_STORY_KINDS`)."""
    return isinstance(kind, str) and "".join(filter(str.isalpha, kind)).lower() in _NOT_STORY_KINDS


def _data_text(data: dict[str, Any], kind: object) -> str:
    """The text of an Editor.js block's data: its text (a quote's with its caption, the
    speaker), its list's items (nested ones too), a checklist's, a table's rows, a
    warning's title and message."""
    parts: list[str] = []
    for key in ("text", "html"):  # a raw block's HTML
        if isinstance(text := data.get(key), str):
            parts.append(_html_text(text))
    if kind == "quote" and isinstance(caption := data.get("caption"), str) and caption.strip():
        parts.append(_html_text(caption))
    if kind == "warning" and isinstance(title := data.get("title"), str):
        parts.append(_html_text(title))
    if isinstance(message := data.get("message"), str):  # a warning's, an alert's
        parts.append(_html_text(message))
    if isinstance(items := data.get("items"), list):
        parts.append(_joined_items(_list_items(items, 0)))
    if isinstance(rows := data.get("content"), list):  # a table's rows of cells
        cells = [[c for c in row if isinstance(c, str)] for row in rows if isinstance(row, list)]
        parts.append(_joined_items([" | ".join(map(_html_text, row)) for row in cells if row]))
    return " \u2014 ".join(part for part in parts if part.strip())


def _list_items(items: list[Any], depth: int) -> list[str]:
    """An Editor.js list's items as texts, a nested list's after its item."""
    texts: list[str] = []
    if depth > MAX_BLOCK_DEPTH:
        return texts
    for item in items:
        if isinstance(item, str):
            texts.append(_html_text(item))
        elif isinstance(item, dict):
            text = item.get("content", item.get("text"))
            if isinstance(text, str):
                texts.append(_html_text(text))
            if isinstance(inner := item.get("items"), list):
                texts += _list_items(inner, depth + 1)
    return texts


def _joined_items(texts: Sequence[str]) -> str:
    """A list's items as one paragraph: after an item that ends a sentence a space, else
    "; " ("Traders fear losing parking; Taxi drivers object")."""
    out = ""
    for text in (t.strip() for t in texts):
        if text:
            out += ("" if not out else " " if out[-1] in ".!?\u2026:;" else "; ") + text
    return out


MAX_BLOCK_DEPTH = 20  # levels of a block read for its texts (a list in a list ...)
_RUN_KEYS = ("children", "content")  # Portable Text's, Slate's and Strapi's; Contentful's
# kinds of node that are blocks of their own inside a run (a list's items), not spans
_BLOCK_KINDS = re.compile(r"(?i)paragraph|list|item|heading|block|quote|^(?:li|ul|ol|p|h\d)$")
_BREAK_KINDS = re.compile(r"(?i)break|^br$")  # Tiptap's hardBreak, Lexical's linebreak


def _run_text(nodes: list[dict[str, Any]], depth: int) -> str:
    """A run of spans as one text ("The plan, published in " + a link's "a 40-page report" +
    ", will cost ..."): each span's text, a link's own run inside it; an inline object
    without text (a footnote mark) is none of it; nodes that are blocks (a list's items)
    are joined as a list's items are."""
    if depth > MAX_BLOCK_DEPTH:
        return ""
    pieces: list[str] = []
    blocks = False
    for node in nodes:
        kind = node.get("type", node.get("_type", node.get("nodeType")))
        blocks = blocks or (isinstance(kind, str) and _BLOCK_KINDS.search(kind) is not None)
        text = node.get("text", node.get("value"))
        if isinstance(text, str):
            pieces.append(_html_text(text))
            continue
        if isinstance(kind, str) and _BREAK_KINDS.search(kind):  # Tiptap's hardBreak
            pieces.append(" ")
            continue
        inner = next((node[k] for k in _RUN_KEYS if isinstance(node.get(k), list)), None)
        if inner is not None and all(isinstance(item, dict) for item in inner):
            pieces.append(_run_text(inner, depth + 1))
    return _joined_items(pieces) if blocks else "".join(pieces)


def _html_text(text: str) -> str:
    """A block's text as read: HTML's blocks and line breaks as spaces, its tags dropped and
    entities read ("<b>Carlisle</b>", "homes.<br>Pumps"); plain text as it is."""
    if "<" not in text and "&" not in text:
        return text
    if _HTML_TAG.search(text) is None:  # "<bridge@council.gov.uk>", "<https://...>": text
        return html.unescape(text) if _ENTITY.search(text) else text
    return " ".join(_html_paragraphs(text))


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});")  # "&amp;", "&#8217;"


def _block_body(body: dict[str, Any]) -> list[Any] | None:
    """The blocks of a body given as an object of them: Editor.js's and Draft.js's
    {"blocks": [...]}, Contentful's rich text {"nodeType": "document", "content": [...]};
    None for another object."""
    root = body.get("root")
    if isinstance(root, dict):  # Lexical's {"root": {"children": [...]}}
        body = {"content": root.get("children"), "type": "doc"}
    for key in ("blocks", "content"):
        if key == "content" and body.get("nodeType") != "document" and body.get("type") != "doc":
            continue  # Contentful's document, Tiptap's (ProseMirror's) {"type": "doc"}
        if _is_block_list(blocks := body.get(key)):
            return blocks
    return None


def _is_block_list(value: object) -> bool:
    """Whether a value is a block-structured body: a list of objects, some with text."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(block, dict) for block in value)
        and any(_block_text(block) is not None for block in value)
    )


def _paragraph_texts(raw: list[Any], notes: list[str] | None) -> list[str]:
    """A record's paragraphs that are not all strings as strings: an object's text (an
    exporter of block-structured bodies writes `[{"type": "paragraph", "text": "..."}]`);
    another item (a number, a list, an object without text) raises, or with `notes` is noted
    there and is an empty paragraph, dropped: one stray item lost the whole story."""
    texts: list[str] = []
    for item in raw:
        if isinstance(item, dict) and (text := _block_text(item)) is not None:
            item = text
        elif isinstance(item, dict) and _is_textless_kind(item):
            item = ""  # a block of a kind without text (an image, an embed): no paragraph
        if not isinstance(item, str):
            problem = f"'paragraphs' must hold strings, got {json_type(item)}"
            if notes is None:
                raise CorpusError(problem)
            notes.append(f"{problem} (item {len(texts) + 1}); left it out")
            item = ""
        texts.append(item)
    return texts


def _is_textless_kind(block: dict[str, Any]) -> bool:
    """Whether a block with no text read is of a kind that holds none (an image, an embed,
    an advert): it names its kind, and holds no sentence in its other fields but a
    picture's caption or credit; a block of prose in fields not known (a custom block's
    "summary") is warned about as a stray item."""
    kind = block.get("type", block.get("_type", block.get("nodeType")))
    if not isinstance(kind, str):
        return False
    if _is_not_story_kind(kind):
        return True
    fields = dict(block)
    if isinstance(inner := block.get("value"), dict):  # Wagtail's value's own fields
        fields.update((f"value.{key}", value) for key, value in inner.items())
    return not any(
        key.rpartition(".")[2] not in _PICTURE_WORDS
        and isinstance(value, str)
        and len(value.split()) >= 4
        for key, value in fields.items()
    )


_PICTURE_WORDS = frozenset({"caption", "alt", "credit", "title", "attribution", "copyright"})


def _stray_items(items: list[Any]) -> str:
    """What a record's paragraphs hold that is no text, counted: "3 numbers", "a number and
    2 lists"."""
    counts: dict[str, int] = {}
    for item in items:
        if isinstance(item, dict) and _block_text(item) is not None:
            continue  # a block with text, if a blank one
        if not isinstance(item, str):
            counts[json_type(item)] = counts.get(json_type(item), 0) + 1
    named = [kind if n == 1 else f"{n} {kind.split()[1]}s" for kind, n in counts.items()]
    if not named:
        return "only blank strings"
    return in_words(named)


def _given_key(record: dict[str, Any], field: str) -> str:
    """The key a record gave `field` under: the schema's, or the first alias it holds."""
    if record.get(field) is not None:
        return field
    return next((key for key in _KEY_ALIASES[field] if record.get(key) is not None), field)


# a date's names in the languages that write the day first (_OTHER_LANGUAGES), as columns
# and keys name it: under them "05/02/2024" is 5 February, as a Spanish Excel writes it
_DAY_FIRST_DATES = (
    *("datum", "veröffentlicht", "fecha", "date_de_publication", "date_publication"),
    *("fecha_publicacion", "fecha_de_publicacion", "fecha_publicación", "fecha_de_publicación"),
    *("data_di_pubblicazione", "data_pubblicazione", "data_publicacao", "data_de_publicacao"),
    *("data_publicação", "data_de_publicação", "data"),
)
# Other names exports give the schema's fields (NewsAPI, WordPress, scrapers, feed dumps):
# read when the record lacks the schema's own name or leaves it null. A body given as one
# string is split into paragraphs at blank lines (else at line ends; HTML by its blocks).
_KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "headline": (
        "title",
        "webTitle",  # the Guardian's API: webTitle, webUrl
        "post_title",
        *("titel", "überschrift", "titre", "título", "titulo", "titolo"),  # _OTHER_LANGUAGES
    ),
    "paragraphs": (
        "body",
        "content",
        "text",
        "article",
        "content_text",  # JSON Feed
        "content_html",
        "articleBody",  # schema.org's NewsArticle
        "maintext",  # news-please
        "full_text",
        "body_text",
        "bodyText",
        "lead_paragraph",  # the New York Times' API
        "article_text",
        "story",
        "post_content",  # WordPress's export
        *("inhalt", "texte", "contenu", "texto", "contenido", "testo", "tekst", "inhoud"),
        *("conteúdo", "conteudo", "cuerpo", "corpo"),
    ),
    "published": (
        "date",
        "publishedAt",
        "published_at",
        "pubDate",
        "datePublished",
        "date_published",  # JSON Feed
        "publish_date",  # newspaper3k
        "published_date",
        "date_publish",  # news-please
        "isoDate",  # rss-parser
        "pub_date",
        "webPublicationDate",
        "created_at",
        "timestamp",
        "updated",  # Atom's, when an entry gives no other
        "post_date",
        *_DAY_FIRST_DATES,
    ),
    "standfirst": (
        "description",
        "summary",
        "abstract",
        "contentSnippet",
        "short_description",  # HuffPost's news category dataset
        "subtitle",
        "snippet",  # search APIs' results
        *("teaser", "zusammenfassung", "beschreibung", "résumé", "resumen", "riassunto"),
        *("samenvatting", "descripción", "descrição"),
    ),
    "source": (
        "publication",
        "publisher",
        "source_name",
        "site_name",
        "outlet",
        *("quelle", "fuente", "fonte", "bron", "medio"),
    ),
    "url": ("link", "webUrl", "web_url", "permalink", "canonical", *("lien", "enlace")),
}
# _OTHER_LANGUAGES: the column names a spreadsheet made in German, French, Spanish,
# Italian, Dutch or Portuguese gives the fields (Titel, Text, Datum, Quelle), since Newsbot
# reads news in those languages (`language`). "data" (Italian, Portuguese for date) is a
# date only when it holds one: exports wrap their records in it (`_usable`).
# where exports keep their list of articles: a news API's answer, JSON Feed's items, a
# feed parser's entries, a search API's results or docs (the Guardian's and the New York
# Times' under "response")
_LIST_KEYS = ("articles", "items", "entries", "results", "docs", "posts", "stories", "news")
_WRAPPER_KEYS = ("response", "data", "feed", "result")
# NewsAPI cuts content with the count of the characters left: "... [+2113 chars]"; GNews
# with "... [1234 chars]"
_CUT_MARK = re.compile(r"\s*(?:\u2026|\.\.\.)?\s*\[\+?\d+ chars\]\s*$")
# what a news API's free plan gives in the place of a field it keeps for paying ones
# (newsdata.io's content: "ONLY AVAILABLE IN PAID PLANS", "... IN PROFESSIONAL AND CORPORATE
# PLANS"): no text, and the record's description is its text
_PAID_ONLY = re.compile(r"\s*ONLY AVAILABLE IN [A-Z ]+ PLANS?\s*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# the names of HTML's usual body markup
_TAG_NAME = r"(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|figure|span|a|b|i|em|strong)"
# a tag of one: a body holding one is HTML (WordPress's content, a feed's)
_HTML_TAG = re.compile(rf"</?{_TAG_NAME}\b[^>]*>", re.IGNORECASE)
# the names of elements that a page's markup uses and prose seldom names: the usual ones, a
# page's embeds, pictures, captions, scripts and tables, and other inline ones
_MARKUP_NAME = (
    r"(?:p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|section|article|figure|figcaption"
    r"|header|footer|aside|nav|main|span|a|b|i|u|s|em|strong|small|mark|sub|sup|cite|q|abbr"
    r"|time|code|pre|del|ins|img|picture|source|video|audio|iframe|embed|object|svg|script"
    r"|noscript|style|template|table|caption|thead|tbody|tr|td|th|hr)"
)
# markup beyond doubt (`_is_markup`): a line break glued to the words before it, a block's
# start tag first in the string
_MARKUP = re.compile(
    r"\S<br\s*/?>"
    r"|^\s*<(?:p|div|li|ul|ol|h[1-6]|blockquote|section|article|figure|figcaption|table|pre)"
    r"\b[^<>]*>",
    re.IGNORECASE,
)
# a start or end tag of one, which `_is_markup` pairs ("<b>Sunday</b>", "<a href='/x'>...</a>")
# or finds an attribute's value in ('<a href="/x">', "<img src=a.jpg>")
_MARKUP_TAG = re.compile(rf"<(/?)({_MARKUP_NAME})\b([^<>]*)>", re.IGNORECASE)
_ATTRIBUTE_VALUE = re.compile(r"\s[\w-]+\s*=\s*[^\s<>]")
_HTML_BLOCKS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
    "article", "figure", "figcaption", "header", "footer", "aside", "table", "tr", "pre",
)  # fmt: skip


def _html_paragraphs(body: str) -> list[str]:
    """The paragraphs of a body given as HTML in a JSON field (lxml, which trafilatura
    brings): each block's text, the text between blocks too ("Lead.<p>More.</p>"), split
    where a blank line (`<br><br>`) breaks it; a body without blocks split at its lines.
    Inline markup goes and entities are read (`<b>`, `&amp;`); "Advertisement"-style lines
    go (a date stamp stays for `parse_json_record`, which drops it in its place)."""
    import lxml.html  # imported here: only such records need it

    try:
        safe = _xml_safe(body)
        root = lxml.html.fragment_fromstring(safe, create_parent="div", parser=_huge_parser(safe))
    except (ValueError, lxml.etree.ParserError):
        return [body]
    for gone in list(root.iter("script", "style")):
        gone.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el for el in root.iter(*_HTML_BLOCKS) if el is not root]
    if not blocks:
        return [text for text in root.text_content().split("\n") if text.strip()]
    for el in blocks:  # each block apart from what stands around it: a blank line
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    pieces = (normalize_space(piece) for piece in _BLANK_LINE.split(root.text_content()))
    return [text for text in pieces if text and not _is_html_furniture(text)]


def _is_html_furniture(text: str) -> bool:
    """Whether a paragraph read from HTML is a page's furniture ("Advertisement", "Read
    more: ..."), with or without blocks around it."""
    return text.casefold() in _BOILERPLATE or _is_furniture(text)


def _html_line(fragment: str) -> str:
    """A line given as HTML (WordPress's `title.rendered`, which escapes every "&": "M&amp;S",
    "&#8216;opens&#8217;"; a title holding tags) as its text: tags dropped, entities read,
    as a feed's title is read. No line is dropped as boilerplate: it is the headline."""
    import lxml.html  # imported here: only such records need it

    try:
        root = lxml.html.fragment_fromstring(_xml_safe(fragment), create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return fragment
    return normalize_space(_element_text(root)) or fragment


# what lxml refuses in a text ("All strings must be XML compatible"): control characters other
# than tab and line breaks, raw or as a character reference (&#11;, &#x1B;)
_NOT_XML = re.compile(
    "[\ud800-\udfff\ufffe\uffff]|"  # a surrogate alone (an emoji cut in two), a non-character
    + r"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#0*(?:[0-8]|1[124-9]|2\d|3[01]);"
    r"|&#[xX]0*(?:[0-8b-fB-F]|1[0-9a-fA-F]);"
)


def _xml_safe(fragment: str) -> str:
    """An HTML fragment with its control characters as spaces, as any text's are read
    (`normalize_space`): lxml refuses a text holding one, and a form feed or an escape in a
    record's HTML body had stopped the whole load."""
    return _NOT_XML.sub(" ", fragment)


def _usable(field: str, alias: str, value: object) -> bool:
    """Whether another export's value (under `alias`) can stand for a field: any, but for the
    source only a name or an object with one (a "publisher" list names no one source), for
    the URL an address or a list of links, and under "data" no object or list."""
    if field == "source":
        return isinstance(value, str | dict)
    if field == "url":  # an address, or the Google Reader API's [{"href": ...}]
        return isinstance(value, str) or (
            isinstance(value, list) and bool(value) and isinstance(value[0], dict)
        )
    if alias == "data":  # Italian and Portuguese for date, and a wrapper's key: a date's value
        return isinstance(value, str | int | float)
    return not _is_blank(value)  # a blank "body" beside a "content" that holds the text


def _is_blank(value: object) -> bool:
    """Whether a field's value gives nothing: null, an empty list, a blank string."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _schema_keys(obj: dict[str, Any], *, already_read: bool = False) -> dict[str, Any]:
    """A record with the schema's names for the fields it gives under another one, a body
    given as one string as a list of paragraphs, and a source given as an object (NewsAPI's
    {"id", "name"}) as its name. `already_read`: its headline and standfirst are text, not
    HTML (a saved feed's item, read once by `read_entry`)."""
    out = {
        key: None if isinstance(value, str) and _PAID_ONLY.fullmatch(value) else value
        for key, value in obj.items()
    }
    html_title = isinstance(out.get("headline") or out.get("title"), dict)  # {"rendered"}
    fields = out.get("fields")
    if isinstance(fields, dict):  # the Guardian's API: {"webTitle", "fields": {"bodyText"}}
        out.update({key: value for key, value in fields.items() if out.get(key) is None})
    for key, aliases in _KEY_ALIASES.items():
        if _is_blank(out.get(key)):  # none, or an empty one beside a body ("paragraphs": [])
            found = next((alias for alias in aliases if _usable(key, alias, out.get(alias))), None)
            if found is not None:
                out[key] = out[found]
        value = out.get(key)
        if isinstance(value, dict):  # WordPress: {"rendered": ...}; the NYT: {"main": ...}
            # the Google Reader API's (Inoreader, FreshRSS exports): {"content": ...}
            inner = value.get("rendered", value.get("main", value.get("content")))
            if isinstance(inner, str):
                out[key] = inner
            elif key == "paragraphs" and (blocks := _block_body(value)) is not None:
                out[key] = blocks  # Editor.js's, Draft.js's, Contentful's
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            link = value[0].get("href")  # the Google Reader API's "canonical": [{"href"}]
            if key == "url" and isinstance(link, str):
                out[key] = link
    if _is_blank(out.get("paragraphs")) and isinstance(out.get("standfirst"), str):
        # a record with only its description (NewsAPI's content null, a feed's summary):
        # that is its text
        out["paragraphs"], out["standfirst"] = out["standfirst"], None
    headline = out.get("headline")
    if (
        isinstance(headline, str)
        and not already_read
        and (html_title or _HTML_TAG.search(headline))
    ):
        out["headline"] = _html_line(headline)  # WordPress's "Q&amp;A", a scraper's "<b>"
    standfirst = out.get("standfirst")
    if isinstance(standfirst, str) and not already_read and _HTML_TAG.search(standfirst):
        out["standfirst"] = " ".join(_html_paragraphs(standfirst))
    body = out.get("paragraphs")
    if isinstance(body, list) and body and all(isinstance(part, dict) for part in body):
        # feedparser's entries: "content": [{"type": "text/html", "value": "..."}]; other
        # blocks are read as paragraphs (`_block_text`)
        values = [part.get("value") for part in body]
        if all(isinstance(value, str) for value in values):
            body = out["paragraphs"] = "\n\n".join(values)
    if isinstance(body, str) and (items := _written_list(body)) is not None:
        body = out["paragraphs"] = items
    if isinstance(body, str):
        body = out["paragraphs"] = _before_cut(body)
    if isinstance(body, str) and _HTML_TAG.search(body):  # WordPress's content is HTML
        out["paragraphs"] = _html_paragraphs(body)
    elif isinstance(body, str):
        text = body.replace("\r\n", "\n").replace("\r", "\n")
        blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
        out["paragraphs"] = [block for block in blocks if block.strip()]
    source = out.get("source")
    if isinstance(source, dict):  # NewsAPI's {"id", "name"}, Event Registry's {"uri", "title"}
        name = source.get("name", source.get("title"))
        if isinstance(name, str):
            out["source"] = name
    feed = out.get("origin")  # the Google Reader API's feed: {"title", "htmlUrl"}
    if out.get("source") is None and isinstance(feed, dict) and isinstance(feed.get("title"), str):
        out["source"] = feed["title"]
    return out


def _before_cut(body: str) -> str:
    """A news API's body cut short (`_CUT_MARK`) without its mark, nor the sentence the cut
    broke off ("... no rush.\\r\\nThe decision came… [+4587 chars]": "The decision came" was a
    paragraph) when a whole one comes before it. A body of only one sentence keeps it: it is
    all the text there is."""
    cut = _CUT_MARK.search(body)
    if cut is None:
        return body
    text = body[: cut.start()]
    spans = sentence_spans(text)
    if len(spans) > 1 and not text.endswith(_CLOSING):
        text = text[: spans[-1][0]]
    return text.rstrip()


def _written_list(text: str) -> list[str | None] | None:
    """The list of paragraphs a body string holds written out, as pandas writes a list to
    CSV (Python's `['Jane Doe', 'The lido ...']`) and other converters as JSON text: read
    as that list, it had been one passage full of quotes and brackets. None when the whole
    string is no list of strings (or nulls: empty paragraphs), as "[Photo] ... [Reuters]"."""
    stripped = text.strip()
    if not (stripped.startswith("[") and stripped.endswith("]")):
        return None
    for read in (json.loads, ast.literal_eval):
        try:
            items = read(stripped)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue
        if isinstance(items, list) and all(item is None or isinstance(item, str) for item in items):
            return items
        return None
    return None


def _load_jsonl(text: str, origin: str) -> list[Article]:
    """The articles of a JSONL file, one record per line; bad lines are skipped with a warning.
    A file that holds one JSON list ("[" first; exporters write one record a line in it) is
    read as that list. A text `_read_text` kept damaged (bytes not UTF-8, NULs) is judged
    line by line (`_damaged_line`); when no line of it loads, it is skipped as other files
    are, as binary or not UTF-8 (`_unreadable`). Only a byte not UTF-8 or a crash's hole
    (`_NUL_HOLE`) breaks the text as a whole: a few NULs are spaces, as in other files, and
    a JSON list or `jq .`'s objects holding one are still read whole (a stray NUL in one
    story's text had lost every story of such a file)."""
    text = _without_dos_end(text)
    nuls = "\x00" in text
    escaped = not text.isascii() and _ESCAPED_BYTE.search(text) is not None
    damaged = nuls or escaped
    whole = not escaped and not (nuls and _NUL_HOLE.search(text))  # may be read as one value
    if whole and text.lstrip("\ufeff \t\r\n").startswith("["):
        try:
            data, commas = _json_loads(_spaced_nuls(text))
        except (ValueError, RecursionError):
            pass  # not one list after all: line by line, the bad lines named
        else:
            _warn_commas(commas, origin)
            return _json_articles(data, origin)
        opening = text.lstrip("\ufeff \t\r\n").partition("\n")[0].strip()
        if opening == "[" and (salvaged := _salvaged_list(_spaced_nuls(text), origin)):
            return salvaged  # a list cut short (its "[" alone, as exporters write it)
    articles: list[Article] = []
    bad: list[str] = []
    noted: list[str] = []
    after_comma: list[int] = []  # lines of a record with a comma after it: read without
    comments: list[int] = []  # "# exported ..." or "// ..." lines: named in one warning
    removed = 0  # NewsAPI's "[Removed]" records: counted in one warning
    for number, line in enumerate(_lines(text), start=1):  # a lone \r ends a line too
        line = line.removeprefix("\ufeff")  # a BOM left where two files were concatenated
        notes: list[str] = []
        if damaged:
            line, damage = _damaged_line(line, notes)
            if damage is not None:
                bad.append(f"line {number}: {damage}")
                continue
        if not line or line.isspace():
            continue
        if _is_comment_line(line):  # JSON has no comments: each had been "malformed JSON"
            comments.append(number)
            continue
        decoded = False  # past the JSON: an error after it is the reading's, not malformed JSON
        try:
            try:
                record, commas = _json_loads(line)
            except json.JSONDecodeError as exc:
                # a comma after the line's record: a JSON list's lines without its brackets
                if exc.msg != "Extra data" or line[exc.pos :].strip() != ",":
                    raise
                record, commas = _json_loads(line[: exc.pos])
                after_comma.append(number)
            decoded = True
            if commas:
                notes.append(f"{_TRAILING_COMMA}; read without it")
            if _is_answer(record):
                listed = _listed(record)
                if not listed:
                    continue  # a news API's answer that found nothing
                record = listed  # a news API's answer a line: its records
            if isinstance(record, list) and any(isinstance(item, dict) for item in record):
                # a line holding a list of records (`json.dumps([record])` a line): its
                # records, read as a .json file's list is, the bad ones named (one item not
                # a record, or a record without a headline, had lost the line's others)
                _note(noted, [f"line {number}: {note}" for note in notes], origin)
                for at, item in enumerate(record, start=1):
                    if _is_removed(item):
                        removed += 1
                        continue
                    place = f"line {number}, record {at}"
                    own: list[str] = []
                    try:
                        articles.append(parse_json_record(item, origin, own))
                    except CorpusError as exc:
                        bad.append(f"{place}: {exc}")
                    else:
                        _note(noted, [f"{place}: {note}" for note in own], origin)
                continue
            if _is_removed(record):
                removed += 1
                continue
            articles.append(parse_json_record(record, origin, notes))
            _note(noted, [f"line {number}: {note}" for note in notes], origin)
            continue
        except CorpusError as exc:
            problem = f"line {number}: {exc}"
        except (Exception, RecursionError) as exc:
            if not decoded and isinstance(exc, ValueError | RecursionError):
                problem = f"line {number}: {_json_problem(exc)}"
            else:  # a reader's slip costs this line alone, as a list's record (`_records`)
                where = shown_path(origin)
                log.debug("%s: line %d could not be read", where, number, exc_info=True)
                problem = f"line {number}: could not be read ({type(exc).__name__})"
        bad.append(problem)
    if not articles and bad and whole and (values := _json_values(_spaced_nuls(text))) is not None:
        # `jq . > x.jsonl`, a news API's answer saved so: one object (or a stream of them)
        # over many lines, every line of it bad JSON alone
        return _json_articles(values[0] if len(values) == 1 else values, origin)
    if not articles and damaged and (unreadable := _unreadable(text)) is not None:
        raise CorpusError(unreadable)
    if not articles and not bad and comments:
        raise CorpusError("no articles (the file holds comment lines only)")
    if articles:
        _warn_comments(comments, origin)
    if articles and after_comma:
        shown = ", ".join(map(str, after_comma[:MAX_LINE_WARNINGS]))
        log.warning(
            "%s: a comma after the record on line%s %s (JSON Lines has none); read without it",
            shown_path(origin),
            "s" if len(after_comma) > 1 else "",
            shown + (", ..." if len(after_comma) > MAX_LINE_WARNINGS else ""),
        )
    _warn_removed(removed, origin, "line", loaded=len(articles) + len(bad))
    return _collected(articles, bad, origin, "line", noted)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, surrogate-escaped
HOLE_NULS = 16
"""The fewest NULs in a row that are a hole a crash left: the file system's unwritten
blocks (512 bytes and more) read as zeros. Fewer are stray characters a writer let through,
such as two C string ends in a copied title ("Dam\\0\\0approved"): spaces, as elsewhere
(a pair had been read as a hole, and the record around it cut short and lost)."""
_NUL_HOLE = re.compile(f"\x00{{{HOLE_NULS},}}")


def _spaced_nuls(text: str) -> str:
    """A text with each NUL a space, as `_nuls_read` reads other files; a text without one
    as it is (a JSONL file may be 1 GB: not copied for nothing)."""
    return text.replace("\x00", " ") if "\x00" in text else text


def _damaged_line(line: str, notes: list[str]) -> tuple[str, str | None]:
    """A JSONL line of a damaged text (`_load_jsonl`) as it is read, and why it is skipped
    (None when it is not). A line holding a byte that is not UTF-8 is skipped, named with
    that byte (a scraper that wrote one record in cp1252). A run of HOLE_NULS or more NULs is
    a hole a crash left (the file system had not written those blocks): what follows it on
    the line was written after it and is read, with a note; a line that is nothing else is
    skipped, as is the record the hole cut short. A stray NUL, or a few in a row, is a
    space, as in other files."""
    if (escaped := _ESCAPED_BYTE.search(line)) is not None:
        return "", f"not UTF-8 (byte 0x{ord(escaped[0]) - 0xDC00:02x})"
    if "\x00" not in line:
        return line, None
    *before, after = _NUL_HOLE.split(line)
    if not before:
        return line.replace("\x00", " "), None
    nuls = len(line) - sum(map(len, before)) - len(after)
    hole = f"{nuls} NULs (a hole left where a write was cut short, as by a crash)"
    cut = any(part.strip("\x00 \t") for part in before)  # a record the hole broke off
    if not after.strip("\x00 \t"):
        return "", f"a record cut short by {hole}" if cut else hole
    cut_note = ", the record before them cut short" if cut else ""
    notes.append(f"read what follows {hole}{cut_note}")
    return after.replace("\x00", " "), None


def _unreadable(text: str) -> str | None:
    """Why a damaged JSONL text from which no line loaded is skipped, as the whole file (as
    any other file is): binary (a byte that is not UTF-8 and a NUL, or NULs more than
    MAX_NUL_SHARE of its start), or not UTF-8 throughout; None when its lines' own reasons
    say it (a few stray NULs)."""

    def offset(at: int) -> int:  # in the file's bytes, as the other files' reasons give it
        return len(text[:at].encode("utf-8", "surrogateescape"))

    escaped = _ESCAPED_BYTE.search(text)
    nul = text.find("\x00")
    sample = text[:NUL_SAMPLE]
    many = sample.count("\x00") > max(1, MAX_NUL_SHARE * len(sample))
    if nul >= 0 and (escaped is not None or many):
        return f"binary file (NUL byte at offset {offset(nul)})"
    if escaped is not None:
        start = escaped.start()
        return (
            f"not UTF-8 text (byte 0x{ord(text[start]) - 0xDC00:02x} at offset {offset(start)}); "
            "convert it to UTF-8"
        )
    return None


_REMOVED = "[Removed]"


def _is_removed(record: object) -> bool:
    """Whether a record is NewsAPI's stand-in for a story taken down at its source: title,
    description and content "[Removed]", its URL https://removed.com, dated 1970-01-01.
    Every NewsAPI answer since 2023 may hold some; read as records, they were a story."""
    return isinstance(record, dict) and (record.get("title") or record.get("headline")) == _REMOVED


def _warn_removed(removed: int, origin: str, unit: str, *, loaded: int) -> None:
    """One warning for a file's removed records (`_is_removed`), not one each; when the
    file holds nothing else, the reason it is skipped."""
    if not removed:
        return
    if not loaded:
        raise CorpusError(
            f"no articles: {'all its' if removed > 1 else 'its'} {removed} {unit}"
            f'{"s" if removed > 1 else ""} NewsAPI marks "{_REMOVED}" (taken down at the source)'
        )
    log.warning(
        '%s: skipped %d %s%s NewsAPI marks "%s" (taken down at the source)',
        shown_path(origin),
        removed,
        unit,
        "s" if removed > 1 else "",
        _REMOVED,
    )


_BETWEEN_VALUES = re.compile(r"[\s\ufeff]+")  # white space, and a BOM where files were joined
_GAP = re.compile(r"[\s\ufeff]*")  # the same, or none


def _json_values(text: str) -> list[object] | None:
    """The JSON values a text holds one after another, however they are laid out (jq's
    stream of pretty-printed objects); None when it is not wholly such values."""
    decoder = json.JSONDecoder(strict=False)  # a raw tab in a string: as _json_loads
    values: list[object] = []
    at = 0
    while True:
        if (gap := _BETWEEN_VALUES.match(text, at)) is not None:
            at = gap.end()
        if at == len(text):
            return values or None
        try:
            value, at = decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            return None
        values.append(value)


def _holds_json(text: str) -> bool:
    """Whether a text file is wholly JSON holding records: an object, a list of objects, or
    such values one after another (JSON Lines). A story whose first line opens with a bracket
    ("[UPDATED] Mayor resigns", "{Draft} ...") is no JSON, and stays text."""
    start = text.lstrip(" \t\r\n\ufeff")[:1]
    if start not in ("{", "["):
        return False
    values = _json_values(_without_dos_end(text))
    return values is not None and any(
        isinstance(value, dict) or (_is_record_list(value) and value) for value in values
    )


def _load_json(text: str, origin: str) -> list[Article]:
    """The articles of a JSON file: one record, or a list of records; or JSON Lines, as a
    dataset's `.json` holds them (Kaggle's News Category Dataset; `cat a.json b.json`). A
    list cut short, or with a broken record, gives the records it holds whole
    (`_salvaged_list`)."""
    raw = _without_dos_end(text)
    text, comments = _without_opening_comments(raw)
    if _BETWEEN_VALUES.fullmatch(text):  # white space only: what a file of no bytes is told
        raise CorpusError(
            "no articles (the file holds comment lines only)" if comments else "empty file"
        )
    try:
        data, commas = _json_loads(text)
    except (ValueError, RecursionError) as exc:
        values = _json_values(text) or []
        if _is_jsonl(text, exc) and not any(isinstance(value, list) for value in values):
            return _load_jsonl(raw, origin)  # which names all its comment lines in one warning
        _warn_comments(comments, origin)
        if (
            len(values) > 1
            and any(isinstance(value, list) for value in values)
            and all(_is_record_list(value) or isinstance(value, dict) for value in values)
            and any(values)
        ):
            # lists of records one after another (`cat a.json b.json` of two exports), a
            # record or an answer among them
            return _json_articles(
                [record for value in values for record in _as_list(value)], origin
            )
        if (salvaged := _salvaged_list(text, origin)) is not None:
            return salvaged
        if (kept := _values_before_text(text)) is not None:
            values, tail = kept
            whole = values[0] if len(values) == 1 else [r for v in values for r in _as_list(v)]
            try:
                articles = _json_articles(whole, origin)
            except CorpusError:
                raise CorpusError(_json_problem(exc)) from None  # no records: the file's error
            if tail:
                more = len(_LIST_ITEM_LINE.findall("\n" + tail))  # records in it, unread
                unread = f" (it holds about {more} more records, not read: mend the file)"
                log.warning(
                    "%s: %s after the JSON passed over%s",
                    shown_path(origin),
                    _cut(tail, 40),
                    unread if more else "",
                )
            else:
                log.warning(
                    '%s: records joined by commas, without the "[" and "]" of a list around '
                    "them; read as one",
                    shown_path(origin),
                )
            return articles
        raise CorpusError(_json_problem(exc)) from None
    _warn_comments(comments, origin)
    _warn_commas(commas, origin)
    return _json_articles(data, origin)


def _values_before_text(text: str) -> tuple[list[object], str] | None:
    """The records a JSON file holds before a tail that is no JSON (a tool's "<!-- saved
    -->", a stray "]" or "EOF"), and that tail (""  for records joined by commas alone, a
    list without its brackets); None when the text does not open with a record, or what
    follows the records opens a value of its own (a broken record: the whole file's error
    says why)."""
    decoder = json.JSONDecoder(strict=False)  # a raw tab in a string, as _json_loads
    values: list[object] = []
    commas = False
    at = 0
    while True:
        if (gap := _BETWEEN_VALUES.match(text, at)) is not None:
            at = gap.end()
        if values and text.startswith(",", at):  # records joined by commas, without brackets
            at, commas = at + 1, True
            if (gap := _BETWEEN_VALUES.match(text, at)) is not None:
                at = gap.end()
        while values and text.startswith(("//", "#"), at):  # a comment line between them
            end = text.find("\n", at)
            at = len(text) if end < 0 else end + 1
            if (gap := _BETWEEN_VALUES.match(text, at)) is not None:
                at = gap.end()
        try:
            value, at = decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            break
        if not (isinstance(value, dict) or (_is_record_list(value) and value)):
            return None
        values.append(value)
    tail = text[at:].strip(" \t\r\n\ufeff")
    if not values or not (tail or commas) or tail.startswith(("{", "[")):
        return None
    return values, tail


_LIST_ITEM_LINE = re.compile(r"\n([ \t]*)(?=\{)")  # a line that opens an object: a record may


def _is_record_list(value: object) -> bool:
    """Whether a JSON value is a list of objects (records), or an empty one (a day that found
    nothing)."""
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _as_list(value: object) -> list[object]:
    """A list as it is; another value as a list of itself."""
    return value if isinstance(value, list) else [value]


def _salvaged_list(text: str, origin: str) -> list[Article] | None:
    """The articles of a JSON list that does not parse whole, read record by record: one
    that is cut short (an export stopped by a crash: Scrapy's `-o items.json` writes its
    "]" only at a clean end) gives the records it holds whole, with one warning; a broken
    record is skipped, named, and reading goes on at the next line that opens an object.
    None when the text is no list that opens with a record, or no record in it reads (the
    whole file's error says why)."""
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    first = _BETWEEN_VALUES.match(text, start + 1)
    if not text.startswith("[", start) or not text.startswith(
        "{", first.end() if first else start + 1
    ):
        return None  # not a list of records ("[[[...", a JSONL line of lists)
    decoder = json.JSONDecoder(strict=False)  # a raw tab in a string, as _json_loads
    values: list[object] = []
    numbers: list[int] = []
    broken: list[str] = []
    columns: set[int] = set()  # where on their lines the records read so far begin
    at, number, closed = start + 1, 0, False
    passed_over = 0  # the last broken record read to its end (not where the list is cut)
    while True:
        if (gap := _BETWEEN_VALUES.match(text, at)) is not None:
            at = gap.end()
        if at >= len(text):
            break
        if text[at] == ",":  # between records (a stray one is passed over too)
            at += 1
            continue
        if text[at] == "]":
            closed = True
            break
        number += 1
        column = at - text.rfind("\n", 0, at) - 1
        try:
            value, at = decoder.raw_decode(text, at)
        except (ValueError, RecursionError) as exc:
            line = text.count("\n", 0, at) + 1
            broken.append(f"record {number} (line {line}): {_json_problem(exc)}")
            if (end := _value_end(text, at, exc)) is not None:
                at = end  # a whole record, a number in it too long to read: on after it
                passed_over = number
                continue
            # on at the next line that opens a record as the others do, at their indent (an
            # object nested deeper in a record, an author's, is none)
            indent = min(columns | {column})  # "[{...},\n{...}": the first at 1, then 0
            resume = next(
                (m for m in _LIST_ITEM_LINE.finditer(text, at + 1) if len(m[1]) <= indent), None
            )
            if resume is None:
                break
            at = resume.end()
            continue
        columns.add(column)
        values.append(value)
        numbers.append(number)
    after = text[at + 1 :].strip(" \t\r\n\ufeff") if closed else ""
    more = _json_values(after) if after else None
    if more is not None:  # more lists or records after it, one after another
        for value in more:
            for record in _as_list(value):
                number += 1
                values.append(record)
                numbers.append(number)
    elif after:
        log.warning("%s: %s after the list's end passed over", shown_path(origin), _cut(after, 40))
    if not values or not all(isinstance(value, dict) for value in values):
        return None
    where = shown_path(origin)
    cut = (
        not closed
        and broken
        and broken[-1].startswith(f"record {number} ")
        and passed_over < number
    )
    if not closed:
        whole = "the" if broken else "its"
        log.warning(
            '%s: the list ends without its closing "]" (cut short, as by a crash or a '
            "stopped export); %s %d whole record%s read",
            where,
            whole,
            len(values),
            "s" if len(values) > 1 else "",
        )
    for problem in broken[:-1] if cut else broken:
        log.warning("%s: skipped %s", where, problem)
    return _records(values, origin, "record", numbers)


MAX_TRAILING_COMMAS = 100
_TRAILING_COMMA = "a comma after the last item of a list or object (JSON allows none)"


def _json_loads(text: str) -> tuple[object, list[int]]:
    """A JSON value, and the lines of the commas after a list's or object's last item that
    it was read without (`[{...}, {...},]`, as JavaScript and Python allow and a hand edit
    leaves): one such comma had lost every record of a file to "Expecting value". Control
    characters in strings are read (`strict=False`): a scraper writes a raw tab in a
    headline, and its record was lost; the text's control characters are spaces later."""
    commas: list[int] = []
    while True:
        try:
            return json.loads(text, strict=False), commas
        except json.JSONDecodeError as exc:
            comma = _trailing_comma(text, exc)
            if comma is None or len(commas) >= MAX_TRAILING_COMMAS:
                raise
            commas.append(text.count("\n", 0, comma) + 1)
            text = text[:comma] + text[comma + 1 :]


def _trailing_comma(text: str, exc: json.JSONDecodeError) -> int | None:
    """Where the comma is that made `exc`, when a comma after a last item did: the parser
    stops at the "]" or "}" after it (Python 3.13 at the comma itself)."""
    if exc.msg.startswith("Illegal trailing comma"):
        return exc.pos if text.startswith(",", exc.pos) else None
    if not text.startswith(("]", "}"), exc.pos):
        return None
    before = text[: exc.pos].rstrip()
    return len(before) - 1 if before.endswith(",") else None


def _warn_commas(lines: list[int], origin: str) -> None:
    """One warning naming the lines of the trailing commas a JSON file was read without."""
    if lines:
        where = ", ".join(map(str, lines[:MAX_LINE_WARNINGS]))
        log.warning(
            "%s: %s on line%s %s; read without it (delete it to silence this)",
            shown_path(origin),
            _TRAILING_COMMA,
            "s" if len(lines) > 1 else "",
            where + (", ..." if len(lines) > MAX_LINE_WARNINGS else ""),
        )


def _is_comment_line(line: str) -> bool:
    """Whether a line of a JSON file is a comment ("# exported ...", "// batch 2"), which JSON
    has none of but exporters and hand-edited files write."""
    return line.lstrip(" \t\ufeff").startswith(("#", "//"))


def _warn_comments(lines: list[int], origin: str) -> None:
    """One warning naming the comment lines a JSON or JSONL file was read past."""
    if lines:
        where = ", ".join(map(str, lines[:MAX_LINE_WARNINGS]))
        log.warning(
            "%s: passed over the comment%s on line%s %s (JSON has none)",
            shown_path(origin),
            "s" if len(lines) > 1 else "",
            "s" if len(lines) > 1 else "",
            where + (", ..." if len(lines) > MAX_LINE_WARNINGS else ""),
        )


def _without_opening_comments(text: str) -> tuple[str, list[int]]:
    """A JSON file's text with the comment lines before its first value blanked ("# my
    export" above the records had lost them all), and those lines' numbers. Only those
    before the first value: later ones are the readers' (`_values_before_text`,
    `_load_jsonl`), and a line of a string value may start with "#"."""
    lines = text.split("\n")
    comments: list[int] = []
    for number, line in enumerate(lines):
        if _is_comment_line(line):
            comments.append(number + 1)
            lines[number] = ""
        elif line.strip(" \t\r\ufeff"):
            break
    return ("\n".join(lines), comments) if comments else (text, [])


_DOS_END = re.compile(r"\x1a[\s\x1a]*\Z")


def _without_dos_end(text: str) -> str:
    """`text` without a DOS end-of-file mark (Ctrl-Z, \\x1a) at its end, as old tools still
    write one: a JSONL file's last line of it was named as malformed JSON."""
    if "\x1a" not in text[-64:]:
        return text
    return _DOS_END.sub("", text)


def _json_articles(data: object, origin: str) -> list[Article]:
    """The articles of a parsed JSON file: one record, a list of records, or an export
    holding a list (a news API's answer, a JSON Feed, a search API's results). A JSON Feed
    is read as a saved feed is, as `newsbot ingest` reads one by URL: the feed's title its
    items' source (read as records, they had none), a relative link read against its site."""
    if isinstance(data, dict) and data.get("items"):
        from retrieval.feeds import json_feed_atom  # imported here: feeds imports this module

        if (atom := json_feed_atom(data)) is not None:
            home = data.get("home_page_url")
            # its items' keys, for a warning about one (feedparser's are not the file's)
            keys = [list(item) for item in data["items"] if isinstance(item, dict)]
            return _load_feed(atom, origin, home if isinstance(home, str) else None, keys)
    if isinstance(data, dict) and not _is_own_record(data):
        data = _listed(data)  # a news API's answer: {"status", "articles": [...]}
    if isinstance(data, dict):
        notes: list[str] = []
        try:
            article = parse_json_record(data, origin, notes)
        except CorpusError as exc:
            raise CorpusError(f"{exc}{_shape_hint(data)}") from None
        _note([], notes, origin)
        return [article]
    if not isinstance(data, list):
        raise CorpusError(f"expected a JSON object or a list of objects, got {json_type(data)}")
    if any(_is_answer(item) for item in data):
        # news API answers one after another (`cat day1.json day2.json`, a list of them):
        # each answer's records
        data = [record for item in data for record in _unwrapped(item)]
    return _records(data, origin, "record")


def _unwrapped(item: object) -> list[Any]:
    """The records a list's item holds: a news API's answer its list, another item itself."""
    if _is_answer(item):
        return _as_list(_listed(item))
    return [item]


def _is_feed(item: dict[str, Any]) -> bool:
    """Whether a JSON object is a JSON Feed (its "version" names one) holding items."""
    version = item.get("version")
    return (
        isinstance(version, str)
        and "jsonfeed" in version.casefold()
        and isinstance(item.get("items"), list)
    )


def _is_own_record(item: dict[str, Any]) -> bool:
    """Whether a JSON object is one article with lists of its own: a headline and a text, as
    strings ("results" of an election story, "items" of a roundup), its lists holding no
    records (a digest's "stories", each with a headline, are its records; a pandas table's
    columns hold objects, not strings)."""
    if _is_feed(item) or not isinstance(item.get(_given_key(item, "headline")), str):
        return False
    texts = [item.get(_given_key(item, field)) for field in ("paragraphs", "standfirst")]
    if isinstance(body := texts[0], dict) and _block_body(body) is not None:
        return True  # Editor.js's, Draft.js's or Contentful's body of blocks
    if not any(isinstance(text, str | list) and text for text in texts):
        return False
    listed = _listed(item)
    return not (
        isinstance(listed, list)
        and any(isinstance(r, dict) and _given_key(r, "headline") in r for r in listed)
    )


def _is_answer(item: object) -> TypeGuard[dict[str, Any]]:
    """Whether a JSON object is a news API's answer, or a feed, that holds a list of records
    (NewsAPI's {"status", "totalResults", "articles": [...]}, a JSON Feed's {"title",
    "items": [...]}), not a record of its own: it has no text of its own (a "10 best"
    record's "items", an election story's "results", are its own), and its list holds
    records, or is empty where it names no headline either (an answer that found nothing,
    {"response": {"results": []}})."""
    if not isinstance(item, dict):
        return False
    if _is_feed(item):  # a JSON Feed, its description the feed's (verify round 4)
        return True
    if any(_given_key(item, field) in item for field in ("paragraphs", "standfirst")):
        return False  # a text of its own, a description too: a record (verify round 3)
    listed = _listed(item)
    if not isinstance(listed, list):
        return False
    return bool(listed) or _given_key(item, "headline") not in item


def _records(
    records: Sequence[object],
    origin: str,
    unit: str,
    numbers: Sequence[int] = (),
    keys: Sequence[Sequence[str]] = (),
    *,
    already_read: bool = False,
) -> list[Article]:
    """The articles of a file's records (`unit`: what the warnings call one; numbered 1, 2,
    ... unless `numbers` gives each its own), each read by parse_json_record (with the keys
    its errors name, from `keys` when it gives one per record; `already_read` as its: a
    saved feed's items, read once by `read_entry`); the bad ones named as `_collected` names
    them."""
    articles: list[Article] = []
    bad: list[str] = []
    noted: list[str] = []
    numbered = zip(numbers or range(1, len(records) + 1), records, strict=True)
    own = dict(zip(numbers or range(1, len(records) + 1), keys, strict=True)) if keys else {}
    kept = [(number, record) for number, record in numbered if not _is_removed(record)]
    _warn_removed(len(records) - len(kept), origin, unit, loaded=len(kept))
    for number, record in kept:
        notes: list[str] = []
        try:
            articles.append(
                parse_json_record(
                    record, origin, notes, keys=own.get(number), already_read=already_read
                )
            )
            _note(noted, [f"{unit} {number}: {note}" for note in notes], origin)
        except CorpusError as exc:
            bad.append(f"{unit} {number}: {exc}")
        except (Exception, RecursionError) as exc:  # a parser's slip costs this record alone
            log.debug(
                "%s: %s %d could not be read", shown_path(origin), unit, number, exc_info=True
            )
            bad.append(f"{unit} {number}: could not be read ({type(exc).__name__})")
    return _collected(articles, bad, origin, unit, noted)


_DELIMITERS = ",;\t|"  # a spreadsheet's export: ";" where the decimal mark is a comma
_SEPARATOR_LINE = re.compile(r"sep=(.)\r?\n")  # Excel's first line naming the separator
MAX_BAD_ROWS = 1000  # quoting errors after which the rest of a table is not read
# a first row's cell longer than this (characters, words) is a headline or text, not the name
# of a column
MAX_COLUMN_NAME, MAX_COLUMN_WORDS = 60, 6


def _load_table(text: str, origin: str, *, tabs: bool) -> list[Article]:
    """The articles of a CSV (or tab-separated) file: a header row naming the columns as a
    JSON record names its fields ("title", "text", "date", "url", in any case, "Published
    Date" as published_date), then one article a row; an empty cell is a missing field, an
    empty row is passed over. The separator of a .csv file is the one that splits its header
    into the most known names (else into the most columns), or the one Excel's "sep=" line
    names. Rows are numbered as a spreadsheet shows them: the header is row 1."""
    text = text.removeprefix("\ufeff")
    delimiter = "\t" if tabs else None
    if (named := _SEPARATOR_LINE.match(text)) is not None:
        delimiter, text = named[1], text[named.end() :]
    header = text.partition("\n")[0].partition("\r")[0]  # a Mac's old exports: \r alone
    if delimiter is None or _header_fit(header, delimiter)[1] < 2:  # a .tsv of commas too
        delimiter = max(_DELIMITERS, key=lambda d: _header_fit(header, d))
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))  # an article a cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        names = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error):
        names = []
    if not any(names):
        raise CorpusError("no header row (a first row naming the columns: title, text ...)")
    if not any(_snake(name) in _KNOWN_COLUMNS for name in names) and any(
        len(name) > MAX_COLUMN_NAME or len(name.split()) > MAX_COLUMN_WORDS for name in names
    ):  # AG News's train.csv: "3","Wall St. Bears Claw Back ...": each row was "no headline"
        shown = ", ".join(_cut(name, 30) for name in names[:3])
        raise CorpusError(
            f"no header row: its first row ({shown}) is a row of data; add a first row naming "
            "the columns (title, text, date ...)"
        )
    rows: dict[int, list[str] | None] = {}
    bad: list[str] = []
    wide: list[int] = []
    line = reader.line_num  # the file's lines read so far
    text_column = next((i for i, n in enumerate(names) if _snake(n) in _TEXT_COLUMNS), None)
    folded_names = [name.casefold() for name in names]
    while len(bad) < MAX_BAD_ROWS:
        number = len(rows) + len(bad) + 2
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # a quote never closed, a stray one: this row, named
            read = reader.line_num - line
            swallowed = f"; its {read} lines to the end were read as one row" if read > 1 else ""
            bad.append(
                f"row {number}: malformed CSV ({exc}{swallowed}; a quote in a cell must be "
                "doubled, and a cell that holds one quoted whole)"
            )
            continue
        finally:
            line = reader.line_num
        if not any(cell.strip() for cell in cells):
            rows[number] = None  # an empty row (";;;" from a spreadsheet): nothing to say
            continue
        while len(cells) > len(names) and not cells[-1].strip():
            cells.pop()  # a spreadsheet's empty cells to the right of the table
        if [cell.strip("\ufeff \t").casefold() for cell in cells] == folded_names:
            # the header again, where files were joined (`cat jan.csv feb.csv`, pandas'
            # to_csv(mode="a")): it had been an article "title" whose text was "content"
            rows[number] = None
            continue
        if len(cells) > len(names):  # the separator in a cell not quoted: in the text
            wide.append(number)
            at = len(names) - 1 if text_column is None else text_column
            extra = len(cells) - len(names)
            cells = [
                *cells[:at],
                delimiter.join(cells[at : at + extra + 1]),
                *cells[at + extra + 1 :],
            ]
        rows[number] = cells
    if wide:
        log.warning(
            "%s: %d row(s) have more cells than the header has columns (row %d first): "
            "their extra cells were kept in the text column (else the last); put a cell that "
            "holds %r in quotes",
            shown_path(origin),
            len(wide),
            wide[0],
            delimiter,
        )
    table = {number: cells for number, cells in rows.items() if cells is not None}
    if not table and bad:
        raise CorpusError(f"no article loaded ({bad[0]})")
    for problem in bad[:MAX_LINE_WARNINGS]:
        log.warning("%s: skipped %s", shown_path(origin), shown_path(problem))
    for at, name in enumerate(names):
        if _snake(name) in _DATE_COLUMNS:
            _order_dates([cells for cells in table.values() if at < len(cells)], at, name)
    dated = next((name for name in names if _DATE_NAME.search(_snake(name))), None)
    if dated and not any(_snake(name) in _DATE_COLUMNS for name in names):
        log.warning(
            "%s: its column %s is not read as the stories' date; name it 'date'",
            shown_path(origin),
            _cut(dated, 40),
        )
    copies = _column_copies(names, origin)
    records = [
        _table_record(
            {
                names[at[0]]: cells[_first_filled(cells, at, names)]
                for at in copies
                if at[0] < len(cells)
            }
        )
        for cells in table.values()
    ]
    return _records(records, origin, "row", list(table))


def _column_copies(names: list[str], origin: str) -> list[list[int]]:
    """The places of a table's columns to read, those named alike ("text" twice, or "Title"
    and "title") together (`_first_filled` picks one a row), with a warning naming them. The
    last had silently replaced the first, so a table's headline and text were another
    column's. Not joined: a column named twice is most often a leftover of sheets merged,
    and a second copy of a story's text would be read twice."""
    seen: dict[str, list[int]] = {}
    doubled: list[str] = []
    for at, name in enumerate(names):
        key = _snake(name) or f"\0{at}"  # columns without a name are not alike
        if key in seen and names[seen[key][0]] not in doubled:
            doubled.append(names[seen[key][0]])
        seen.setdefault(key, []).append(at)
    if doubled:
        shown = [_cut(name, 40) for name in doubled]
        log.warning(
            "%s: %s %s more than once; in each row the first filled copy of each is read, "
            "the others are not (rename them to have them read)",
            shown_path(origin),
            f"{'columns' if len(shown) > 1 else 'column'} {in_words(shown)}",
            "appear" if len(shown) > 1 else "appears",
        )
    return list(seen.values())


def _first_filled(cells: list[str], copies: list[int], names: list[str]) -> int:
    """The place of the copy of a column named twice to read in a row: the first filled one,
    a URL column's first web address (`title,text,text` over `X,,text` had been skipped as
    having no text, `url,url` over a javascript: link then an https one had no URL)."""
    filled = [at for at in copies if at < len(cells) and cells[at].strip()]
    if _snake(names[copies[0]]) in _URL_COLUMNS:
        filled = [at for at in filled if _is_web_address(cells[at])] or filled
    return filled[0] if filled else copies[0]


def _order_dates(rows: list[list[str]], at: int, name: str) -> None:
    """A date column's numeric dates written in one order, the day's and month's places
    told by the column's other dates: a US spreadsheet's "05/13/2024" shows that its
    "05/01/2024" is 1 May, a European one's "13/05/2024" that it is 5 January. Each cell
    that is read so is written as YYYY-MM-DD; without a date past the 12th the order is the
    column's language's custom (day first under "Fecha", "Datum", "Data"), else unknown and
    such a date is left as it is (`_parse_date` says it is ambiguous). A column with both
    orders is left as it is too."""
    parts: list[tuple[int, int, int] | None] = []
    for cells in rows:
        found = _NUMERIC_DATE.match(_four_digit_year(cells[at].strip()))
        parts.append(None if found is None else (int(found[1]), int(found[2]), int(found[3])))
    day_first = any(first > 12 for first, _, _ in filter(None, parts))
    month_first = any(second > 12 for _, second, _ in filter(None, parts))
    if day_first == month_first:  # neither shows, or both: the custom, if any
        day_first = not month_first and _snake(name) in _DAY_FIRST_KEYS
        if not day_first:
            return
    for cells, numbers in zip(rows, parts, strict=True):
        if numbers is None:
            continue
        first, second, year = numbers
        try:
            day = date(year, second, first) if day_first else date(year, first, second)
        except ValueError:
            continue  # no calendar date: left for the warning that quotes it
        cells[at] = day.isoformat()


def _is_tab_table(text: str) -> bool:
    """Whether a text file is a table of articles: a first line naming two or more article
    columns between tabs, and most of its first lines holding that many cells."""
    lines = [line for line in _lines(text[:65536]) if line.strip()][:20]
    known, columns = _header_fit(lines[0], "\t") if lines else (0, 0)
    if known < 2:
        return False
    rows = lines[1:-1] or lines[1:]  # the last may be cut at 64 KB
    return sum(line.count("\t") + 1 == columns for line in rows) >= 0.8 * len(rows)


def _header_fit(header: str, delimiter: str) -> tuple[int, int]:
    """How well a separator splits a header row: the known field names it gives, then how
    many columns."""
    try:
        names = next(csv.reader([header], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return 0, 0
    known = sum(_snake(name) in _KNOWN_COLUMNS for name in names)
    return known, len(names)


def _snake(name: str) -> str:
    """A column's name as a field's: "Published Date" -> published_date."""
    return re.sub(r"[\s-]+", "_", name.strip().casefold())


_TEXT_COLUMNS = frozenset(_snake(name) for name in ("paragraphs", *_KEY_ALIASES["paragraphs"]))
_DATE_COLUMNS = frozenset(_snake(name) for name in ("published", *_KEY_ALIASES["published"]))
_URL_COLUMNS = frozenset(_snake(name) for name in ("url", *_KEY_ALIASES["url"]))
# a column named as a date is, though by no name _DATE_COLUMNS knows ("fecha_alta", "Date
# of publication"): its dates had been left out without a word
_DATE_NAME = re.compile(r"date|fecha|data|datum")
_KNOWN_COLUMNS = frozenset(
    _snake(name) for field, aliases in _KEY_ALIASES.items() for name in (field, *aliases)
) | {"id"}


def _table_record(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as a JSON record: each column under its name as written and in snake case
    ("Published Date" -> published_date), an empty cell left out, and a text cell named
    "paragraphs" read as one body (split as a JSON body string is)."""
    record: dict[str, Any] = {}
    for name, value in row.items():
        if not name or not value.strip():
            continue  # a column without a name (an index), an empty cell
        if "\\n" in value and "\n" not in value and _snake(name) in _TEXT_COLUMNS:
            value = _ESCAPED_BREAKS.sub(_line_breaks, value)
        record[name] = value
        record.setdefault(_snake(name), value)
    if isinstance(record.get("paragraphs"), str):
        record["body"] = record.pop("paragraphs")
    return record


# line breaks a scraper wrote escaped into a text cell ("harbour.\n\nRepairs ..."), at a
# paragraph's end: they had been shown as "\n\n" in one paragraph. Not "C:\news": after a
# sentence's end only.
_ESCAPED_BREAKS = re.compile(r"(?<=[.!?\u2026\"'\u201d\u2019)\]])[ \t]*(?:(?:\\r)?\\n)+")


def _line_breaks(escaped: re.Match[str]) -> str:
    """The line breaks escaped ones stand for: one, or a blank line between paragraphs."""
    return "\n\n" if escaped.group().count("\\n") > 1 else "\n"


def _listed(data: dict[str, Any]) -> object:
    """The list of records a JSON object wraps, else the object itself (one record): the
    list under one of _LIST_KEYS, in the object or one level down, under one of
    _WRAPPER_KEYS or _LIST_KEYS ({"response": {"results": [...]}}, Event Registry's
    {"articles": {"results": [...]}}); an object of records keyed by their ids there
    (Firebase's {"articles": {"-NaBc1": {...}}}). An object that names no headline may be
    a table too: a list of records under one of _WRAPPER_KEYS (mediastack's and TheNewsAPI's
    {"pagination", "data": [...]}, pandas' orient="table"), or pandas' other shapes
    (`_table_rows`)."""
    for holder in (data, *(data.get(key) for key in (*_WRAPPER_KEYS, *_LIST_KEYS))):
        if isinstance(holder, dict):
            for key in _LIST_KEYS:
                found = holder.get(key)
                if isinstance(found, list) and (not found or isinstance(found[0], dict)):
                    return found
                if isinstance(found, dict) and (rows := _table_rows(found)) is not None:
                    return rows
    if (rows := _table_rows(data)) is not None:
        return rows
    if _given_key(data, "headline") in data:  # one record that holds other things
        return data
    for key in _WRAPPER_KEYS:
        found = data.get(key)
        if isinstance(found, list) and found and all(isinstance(row, dict) for row in found):
            return found
    # records under one of _LIST_KEYS one level down, under a wrapper of the export's own
    # name ({"meta": {...}, "payload": {"items": [...]}}): read when there is one such list
    # and its first item names a headline (they had been lost, with pandas' hint)
    lists = [
        found
        for holder in data.values()
        if isinstance(holder, dict)
        for key in _LIST_KEYS
        if isinstance(found := holder.get(key), list)
        and found
        and isinstance(found[0], dict)
        and _given_key(found[0], "headline") in found[0]
    ]
    return lists[0] if len(lists) == 1 else data


def _shape_hint(data: dict[str, Any]) -> str:
    """What a JSON object read as one record, and failing as one, seems to hold instead, and
    how to save it so that it is read: a table pandas wrote whose columns name no article
    field, or records under a key `_listed` does not look in (Elasticsearch's
    {"hits": {"hits": [...]}}); "" for neither. The list is looked for first: an export's
    {"meta": {...}, "payload": {...}} is objects too, and had been told it was pandas'."""
    for key, value in data.items():
        inner = value.items() if isinstance(value, dict) else ()
        for path, found in ((key, value), *((f"{key}.{k}", v) for k, v in inner)):
            if isinstance(found, list) and found and all(isinstance(x, dict) for x in found):
                return (
                    f"; the list of {len(found)} objects under {_cut(str(path), 40)} is not "
                    "read as records: save them as a list (or JSON Lines, one a line), or "
                    "under 'articles'"
                )
    if data and all(isinstance(value, dict) for value in data.values()):
        return (
            f"; its {len(data)} values are objects, as pandas' to_json writes a table: name "
            "its columns title, text, date ... and save it with orient='records', lines=True "
            "as .jsonl"
        )
    return ""


def _table_rows(data: dict[str, Any]) -> list[Any] | None:
    """The rows of a table a JSON object holds in a shape other than a list of records, as
    pandas' `DataFrame.to_json` writes them: orient="split" ({"columns": [...], "data":
    [[...], ...]}), "columns" (its default: {column: {row: value}}) or "index" ({row:
    {column: value}}, and so a database's records keyed by their ids); None for another
    object. Which of the last two it is, the article fields the keys name tell."""
    columns, cells = data.get("columns"), data.get("data")
    if (
        isinstance(columns, list)
        and isinstance(cells, list)
        and all(isinstance(row, list) and len(row) == len(columns) for row in cells)
    ):
        return [dict(zip(map(str, columns), row, strict=True)) for row in cells]
    inner = list(data.values())
    if not inner or not all(isinstance(value, dict) for value in inner):
        return None
    labels = list(inner[0])
    fields = sum(_snake(key) in _KNOWN_COLUMNS for key in data)
    if fields and all(list(value) == labels for value in inner):  # orient="columns"
        return [{column: data[column][label] for column in data} for label in labels]
    if any(_snake(key) in _KNOWN_COLUMNS for value in inner for key in value):
        return inner  # orient="index"
    return None


def _load_feed(
    data: bytes, origin: str, home: str | None = None, keys: Sequence[Sequence[str]] = ()
) -> list[Article]:
    """The items of an RSS or Atom feed saved to disk, each an article with the feed's text
    (its content, else its summary; no page is fetched), the feed's title its source (an
    aggregator's item: the outlet its <source> names), a relative link read against the
    feed's site (else `home`, a JSON Feed's). Read by feedparser and `read_entry`, as the news
    desk reads a feed by URL, then as a record of its keys; an item without a title
    takes its first sentence, as the news desk gives it one (a JSON Feed's untitled item had
    been dropped as "no headline" from a file, and stored when read by URL). `keys`: each
    item's own keys (a JSON Feed's), for a warning about it."""
    import feedparser  # imported here: only such files need it

    from retrieval.feeds import (  # the desk's reading
        OwnSite,
        browser_encoded,
        clean_title,
        entry_text,
        first_sentence,
        read_entry,
        site_address,
    )

    data, _, note = browser_encoded(data)  # its charset as browsers read it, as the desk does
    if note is not None:
        log.warning("%s: %s", shown_path(origin), note)
    parsed = feedparser.parse(data)  # bytes: nothing is fetched
    if not parsed.entries:
        reason = "not an RSS or Atom feed" if parsed.bozo else "no items"
        raise CorpusError(f"{reason} (a feed saved as .rss, .atom or .xml was expected)")
    name = clean_title(parsed.feed.get("title"), parsed.feed.get("title_detail")) or None
    # its site: an http(s) address (not an Atom feed's <id> feedparser gives for its link)
    site = site_address(parsed.feed.get("link")) or site_address(home) or ""
    # the feed's own site, which an item's <source> must not name to be its source: a file
    # knows its channel's <link> (not the address it was read from)
    feed_site = OwnSite.of((site,), (name,))
    records: list[dict[str, Any]] = []
    bad_links: list[str] = []  # said once for the file, as a record's link no address is
    for number, entry in enumerate(parsed.entries, start=1):
        record = dict(entry)
        # its title, link, outlet and text as the desk reads them by URL (one routine: the
        # two readings had drifted apart)
        item = read_entry(entry, number, site, feed_site)
        if item.bad_link:
            bad_links.append(f"item {number}: {item.bad_link}")
        record["title"] = item.title or None
        paragraphs = item.text
        if not record["title"] and paragraphs:
            record["title"] = first_sentence([Paragraph(text) for text in paragraphs]) or None
        if paragraphs:  # the content, else the summary, read as the desk reads them
            record["paragraphs"] = list(paragraphs)
            summary = " ".join(entry_text({"summary_detail": entry.get("summary_detail")}))
            # feedparser fills the summary from the content when the item has none
            if not entry.get("content") or " ".join(paragraphs).startswith(
                summary.rstrip(".\u2026 ")
            ):
                record.pop("summary", None)
                record.pop("description", None)
            else:
                record["summary"] = summary
        record.pop("link", None)
        if item.link is not None:  # a podcast episode's enclosure, when it has no <link>
            record["link"] = item.link
        record["source"] = item.outlet or name  # an aggregator's item: its outlet's
        records.append(record)
    if bad_links:  # one line: a saved feed without a site had one for each relative link
        more = len(bad_links) - 1
        which = "item's link is" if more == 1 else "items' links are"
        also = f"; {more} more {which} not used either (said once for the file)" if more else ""
        log.warning("%s: %s%s", shown_path(origin), bad_links[0], also)
    # an item of a title alone (its page is not fetched from a file): named by its title,
    # not by the JSON fields it lacks
    empty = {
        number: record["title"]
        for number, record in enumerate(records, start=1)
        if not record.get("paragraphs") and isinstance(record.get("title"), str)
    }
    if empty and len(empty) < len(records):
        where = shown_path(origin)
        for number, title in list(empty.items())[:MAX_LINE_WARNINGS]:
            log.warning(
                "%s: skipped item %d, %s: no text, only a title", where, number, _cut(title, 60)
            )
        if len(empty) > MAX_LINE_WARNINGS:
            log.warning(
                "%s: skipped %d more items without text", where, len(empty) - MAX_LINE_WARNINGS
            )
        numbers = [n for n in range(1, len(records) + 1) if n not in empty]
        own = [list(k) for n, k in enumerate(keys, start=1) if n not in empty]
        kept = [records[n - 1] for n in numbers]
        return _records(
            kept,
            origin,
            "item",
            numbers,
            keys=own if len(own) == len(kept) else (),
            already_read=True,  # read once, as by URL: not " - Reuters" or "&lt;b&gt;" twice
        )
    if empty:
        raise CorpusError(
            f"no item has text, only titles ({len(empty)} item{'s' if len(empty) > 1 else ''})"
        )
    return _records(
        records,
        origin,
        "item",
        keys=keys if len(keys) == len(records) else (),
        already_read=True,  # read once, as by URL: not " - Reuters" or "&lt;b&gt;" twice
    )


def _is_jsonl(text: str, exc: ValueError | RecursionError) -> bool:
    """Whether a .json file failed as JSONL would: after a whole value, another object on a
    line of its own ("Extra data"). Such a file is read as JSONL (`_load_jsonl`, which reads
    pretty-printed objects one after another too); one whose values run on in a line is not."""
    if not isinstance(exc, json.JSONDecodeError) or exc.msg != "Extra data":
        return False
    before = text[max(exc.pos - 1000, 0) : exc.pos].rstrip(" \t")
    if not before.endswith(("\n", "\r")):
        return False
    at = exc.pos
    while _is_comment_line(text[at : at + 16]):  # "// batch 2" lines before the next record
        end = text.find("\n", at)
        if end < 0:
            return False
        at = gap.end() if (gap := _GAP.match(text, end)) is not None else end
    # a BOM opens each line of `cat`'s Windows files: it had made the file malformed JSON
    return text[at : at + 16].lstrip("\ufeff \t").startswith("{")


def _note(noted: list[str], notes: list[str], origin: str) -> None:
    """Warn about problems with loaded articles, the first MAX_LINE_WARNINGS of a file."""
    for note in notes:
        noted.append(note)
        if len(noted) <= MAX_LINE_WARNINGS:
            log.warning("%s: %s", shown_path(origin), shown_path(note))


def _collected(
    articles: list[Article], bad: list[str], origin: str, unit: str, noted: list[str]
) -> list[Article]:
    """The loaded articles, after a warning for each of the first MAX_LINE_WARNINGS bad items
    and one for the rest (and the same for the loaded ones with a problem, `noted`). When
    nothing loaded, the one line the skipped file gets says it all."""
    if len(noted) > MAX_LINE_WARNINGS:
        extra = len(noted) - MAX_LINE_WARNINGS
        log.warning(
            "%s: %d more %ss loaded with a problem (as above)", shown_path(origin), extra, unit
        )
    if articles:
        for problem in bad[:MAX_LINE_WARNINGS]:
            log.warning("%s: skipped %s", shown_path(origin), shown_path(problem))
        if len(bad) > MAX_LINE_WARNINGS:
            extra = len(bad) - MAX_LINE_WARNINGS
            log.warning("%s: skipped %d more bad %ss", shown_path(origin), extra, unit)
        return articles
    if not bad:
        raise CorpusError("no articles (the file holds no records)")
    more = f", {len(bad)} bad {unit}s in all" if len(bad) > 1 else ""
    raise CorpusError(f"no article loaded ({bad[0]}{more})")


def _json_problem(exc: ValueError | RecursionError) -> str:
    """Why JSON could not be read, in a user's words: "malformed JSON (...)", or a number too
    long to read (`number_too_long`)."""
    if not isinstance(exc, json.JSONDecodeError) and (long := number_too_long(exc)):
        return long
    return f"malformed JSON ({_json_error(exc)})"


def _any_int(digits: str) -> int:
    """An int as JSON writes it; 0 for one of more digits than Python reads (`_value_end`)."""
    try:
        return int(digits)
    except ValueError:
        return 0


# reads past a number too long to read, to find where the value holding it ends
_PAST_LONG_NUMBERS = json.JSONDecoder(strict=False, parse_int=_any_int)


def _value_end(text: str, at: int, exc: ValueError | RecursionError) -> int | None:
    """Where the JSON value at `at` ends when `exc`, raised reading it, is a number too long
    to read (the value is whole and well formed: reading goes on after it); None else."""
    if isinstance(exc, json.JSONDecodeError) or number_too_long(exc) is None:
        return None
    try:
        return _PAST_LONG_NUMBERS.raw_decode(text, at)[1]
    except (ValueError, RecursionError):
        return None


def _json_error(exc: ValueError | RecursionError) -> str:
    """A short description of a JSON decoding error."""
    if isinstance(exc, RecursionError):  # json gives up on deep nesting this way
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        if exc.lineno != 1:
            return str(exc)
        at = "" if exc.msg.endswith(" at") else " at"  # "Unterminated string starting at"
        return f"{exc.msg}{at} column {exc.colno}"
    return str(exc)


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _optional_str(value: object, key: str) -> str | None:
    """A string field that may be missing or null; blank counts as missing. Its text is
    read as a headline's is (`normalize_space`: control characters and line breaks are
    spaces, a source's "Wire\x1b[31m\n2. FAKE RESULT" had printed as two lines and a
    colour), but for a URL's, whose line breaks and tabs `_absolute` drops."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise CorpusError(f"{key!r} must be a string, got {json_type(value)}")
    text = _no_surrogates(value)
    return (text.strip() if key == "url" else _clean(text)) or None


def _lenient_str(value: object, key: str, notes: list[str] | None) -> str | None:
    """An optional string field of a record: a list of strings is its first ("source":
    ["CNN"]); another type raises, or with `notes` is noted there and left out: a wrong
    optional field must not lose the article (each had been skipped whole)."""
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        value = value[0]
    try:
        return _optional_str(value, key)
    except CorpusError as exc:
        if notes is None:
            raise
        notes.append(f"{exc}; loaded without it")
        return None


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ](\d{1,2})(?::(\d{2}))?(?::(\d{2}))?")
# the keys and columns under which a date is day first (and a pasted header's "Data:")
_DAY_FIRST_KEYS = frozenset(_DAY_FIRST_DATES)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """`text` with each lone UTF-16 surrogate (a JSON escape such as "\\ud800" without its
    pair) replaced by U+FFFD: such text cannot be written as UTF-8, so it could be neither
    hashed nor saved, and one bad escape would stop the whole load."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _is_number(value: object) -> bool:
    """Whether a JSON value is a number (JSON's true and false are Python's ints too)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _parse_date(value: object, key: str) -> date:
    """A date from 'YYYY-MM-DD', an ISO date-time, an RFC 2822 date (the date as written), a
    date as people write it ("March 17, 2024", "17 March 2024", "17.03.2024", "2024/03/17",
    "17/03/2024"; not "04/02/2024", which is April or February), or a Unix time: a number, or digits
    (seconds or milliseconds; the UTC date). Python reads ten digits as an ISO date too:
    "1712052000" was 1712-05-20. A date in one of these forms that names no day raises
    NoSuchDate, saying why ("31/02/2026": February 2026 has 28 days). A list of strings is
    its first, as the other fields' (`_lenient_str`), and a list of one number that number:
    scrapers write ["2024-04-02"], which had lost the date."""
    one_number = isinstance(value, list) and len(value) == 1 and _is_number(value[0])
    if isinstance(value, list) and value and (all(isinstance(x, str) for x in value) or one_number):
        value = value[0]
    if isinstance(value, dict) and len(value) == 1 and "$date" in value:
        # MongoDB's extended JSON: {"$date": "2024-03-17T10:00:00Z"}, {"$date": {"$numberLong":
        # "1710669600000"}}
        inner = value["$date"]
        if isinstance(inner, dict) and isinstance(inner.get("$numberLong"), str):
            inner = inner["$numberLong"]
        return _parse_date(inner, key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            # Python's json writes NaN and Infinity (pandas' missing dates), and reads 1e400
            # as Infinity: no date, and int() of one raised, losing its record or its file
            shown = "NaN" if math.isnan(value) else "-Infinity" if value < 0 else "Infinity"
            raise CorpusError(f"{key!r} must be a date like 2024-03-17, got {shown}")
        if not -_NO_DATE_NUMBER < value < _NO_DATE_NUMBER:  # float() of 10**400 overflows
            raise CorpusError(f"{key!r} must be a date like 2024-03-17, got a number")
        if value == int(value) and 10_000_000 <= value < 100_000_000:
            # 20240317 as a number (GDELT's SQLDATE, a spreadsheet's column of ints): eight
            # digits as Unix seconds or milliseconds are days of 1970, which no story has
            return _parse_date(str(int(value)), key)
        return _unix_date(float(value), key, "a number")
    if isinstance(value, str):
        text = _four_digit_year(value.strip())  # Excel's US "5/13/24 9:00 AM"
        if text.isdigit() and text.isascii() and len(text) != 8:  # 8: 20240317
            return _unix_date(float(text), key, _cut(value))
        clock = _DATE_TIME.match(text)
        if clock and (fault := _offset_fault(text[clock.end() :])):  # fromisoformat read
            raise NoSuchDate(key, value, fault)  # "+0575" as +06:15
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            # upper case: RFC 3339 allows "2024-03-17t23:10:00z", fromisoformat does not
            return _written_date(datetime.fromisoformat(text.upper().replace("Z", "+00:00")))
        except ValueError:
            pass
        faults: list[str] = []  # why a date in a form read here names no day
        if clock:  # 2024-03-17 23:10:00 +0200 and the like
            year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
            if fault := _time_fault(*(int(part or 0) for part in clock.groups())):
                raise NoSuchDate(key, value, fault)
            if (read := _calendar_day(year, month, day, faults)) is not None:
                return read
        try:
            return _written_date(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError, OverflowError):  # year or zone too large
            pass
        day_first = key.casefold() in _DAY_FIRST_KEYS  # "Fecha": 05/02/2024 is 5 February
        # "March 17, 2024", "17 March 2024"
        if (read := _human_date(text, day_first, faults)) is not None:
            return read
        if (marked := _CJK_DATE.match(text)) is not None:
            year, month, day = map(int, marked.groups())
            if (read := _calendar_day(year, month, day, faults)) is not None:
                return read
        if faults:
            raise NoSuchDate(key, value, faults[0])
        numeric = _NUMERIC_DATE.match(text)
        if numeric is not None and max(int(numeric[1]), int(numeric[2])) <= 12:
            first, second, year = map(int, numeric.groups())
            raise CorpusError(
                f"{key!r} {value!r} is ambiguous: {second} {calendar.month_name[first]} or "
                f"{first} {calendar.month_name[second]} {year} (nothing shows whether the day "
                "or the month comes first); write dates as YYYY-MM-DD"
            )
    shown = _cut(value) if isinstance(value, str) else json_type(value)
    raise CorpusError(f"{key!r} must be a date like 2024-03-17, got {shown}")


# a number past this (Unix milliseconds of the year 33658) is no date, however it is read
_NO_DATE_NUMBER = 10**15


_SHORT_YEAR = re.compile(r"(\d{1,2}([/-])\d{1,2}\2)(\d{2})(?=\s|$)")


def _four_digit_year(text: str) -> str:
    """A numeric date's two-digit year written in full, as strptime's %y reads it (69 to 99
    are 1969 to 1999, 00 to 68 are 2000 to 2068): "5/13/24 9:00 AM", as Excel writes dates in
    the US, is "5/13/2024 9:00 AM"."""
    if (short := _SHORT_YEAR.match(text)) is None:
        return text
    year = datetime.strptime(short[3], "%y").year
    return f"{short[1]}{year}{text[short.end() :]}"


def _written_date(moment: datetime) -> date:
    """The day a date-time says, as written; Unix time 0 in any offset ("1969-12-31T19:00:00
    -05:00") as 1 January 1970, the placeholder it is (`date_problem`)."""
    if moment.utcoffset() is not None and moment == _UNIX_EPOCH:
        return _UNIX_DAY
    return moment.date()


def _unix_date(value: float, key: str, shown: str) -> date:
    """The UTC date of a Unix time in seconds or milliseconds, from 1990 to 2100 (a small
    number is a count or a mistake, not a day of 1970)."""
    for seconds in (value, value / 1000):
        if UNIX_FIRST <= seconds < UNIX_LAST:
            return datetime.fromtimestamp(seconds, UTC).date()
    raise CorpusError(f"{key!r} must be a date like 2024-03-17, got {shown}")


def written_day(text: str) -> date | None:
    """The day a date-time says in its own offset, as its publisher printed it ("Tue, 01 Dec
    2026 08:00 +1100" is 1 December, though 30 November in UTC); None when unreadable."""
    try:
        return _parse_date(text, "date")
    except CorpusError:
        return None


def _optional_date(value: object, key: str, notes: list[str] | None) -> date | None:
    """The date `value` holds (None for None). A bad one raises, or with `notes` is noted
    there and read as no date: a wrong date must not lose the article. A placeholder or a
    date in the future (`date_problem`) is no date, noted with `notes`."""
    if value is None or (isinstance(value, str) and value.strip().casefold() in _NO_VALUE):
        return None  # blank, or an export's word for none (pandas' NaT): no date given
    try:
        day = _parse_date(value, key)
    except CorpusError as exc:
        if notes is None:
            raise
        notes.append(f"{exc}; loaded without a date")
        return None
    if (problem := date_problem(day)) is not None:
        if notes is not None:
            shown = repr(value) if isinstance(value, str) else day.isoformat()
            notes.append(f"{key!r} {shown} is {problem}; loaded without a date")
        return None
    return day


FIRST_YEAR = 1900
_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UNIX_DAY = _UNIX_EPOCH.date()
FUTURE_SLACK = timedelta(days=366)


def date_problem(day: date) -> str | None:
    """Why a file's date is no date of its story, or None. The rule feeds follow
    (retrieval/feeds.py): Unix time 0 or a year before FIRST_YEAR is what a broken export
    writes for none (NewsAPI's removed records' 1970-01-01, .NET's 0001-01-01), and a day
    more than FUTURE_SLACK (a year) ahead is a mistake (2099-12-31, 9999-12-31). Not any day
    after tomorrow, as for a feed: a corpus of last month's news read on a machine whose
    clock is behind would lose every date. A feed item dated in the future gets the read
    date; a file's story is left
    undated: a file is read again at each rebuild, which would make it the newest story each
    time, and an undated story is dated by its file's day (in the library) or its ingest
    day (in the news store) instead."""
    if day == _UNIX_DAY or day.year < FIRST_YEAR:
        return "a placeholder, not the story's date"
    if day > datetime.now(UTC).date() + FUTURE_SLACK:
        return "in the future"
    return None


# ---------------------------------------------------------------------------------------------
# Seed text and Markdown


def parse_seed_text(text: str, origin: str) -> Article:
    """A seed-text article: headline line, standfirst block, then one paragraph per line.
    Pasted copy may start otherwise: a header of `Title:`, `Date:`, `Source:` and `URL:`
    lines, a date alone or the site's address above the headline, a whole page's navigation
    (`_PAGE_CHROME`); a date alone under the headline dates it too."""
    meta, lines = _front_matter(_visible_lines(text), origin)
    # a rule of dashes or stars above the headline ("-----", "* * *") is none: it had been
    start = next((i for i, line in enumerate(lines) if not _is_ornament(line)), len(lines))
    if start == len(lines):
        raise CorpusError("no headline (the file has no text)")
    title = normalize_space(meta.title or "")
    if title and normalize_space(lines[start]).casefold() != title.casefold():
        # the front matter's `title:` is the headline, as in Markdown, the text read as under
        # it: "title: Wrens sing" over one line of text had that line as its headline, and
        # the file was skipped as "no paragraphs"
        lines = [*lines[:start], title, *lines[start:]]
    start = _after_menu(lines, start)  # a whole page copied: "Skip to main content", "Menu"
    meta, lines, start = _pasted_header(meta, lines, start, origin)
    lines = lines[: start + 1] + _without_credits(lines[start + 1 :])
    meta, lines = _dateline(meta, lines, start)
    headline = normalize_space(_TEXT_HEADING.sub("", lines[start], count=1))
    rest = lines[start + 1 :]
    blank = next((i for i, line in enumerate(rest) if not line.strip()), len(rest))
    block = [normalize_space(line) for line in rest[:blank]]
    below = _rewrapped([normalize_space(line) for line in rest[blank:]])
    body = _drop_boilerplate(below)
    if body:
        meta, block = _standfirst_date(meta, block)
        standfirst = " ".join(line for line in block if line)
    else:
        standfirst, body = "", _drop_boilerplate(block)
    meta = replace(
        meta,
        standfirst=meta.standfirst or standfirst,
        published=meta.published or _stamp_date(filter(None, [*block, *below])),
    )
    if not body and not standfirst and _is_prose(headline):
        # a story pasted as one paragraph, with no headline: it had been taken for the
        # headline and the file skipped as "no paragraphs"
        headline, body = _first_sentence(headline), [headline]
    return _make_article(headline, _sectioned(body), origin, meta)


PROSE_CHARS = 200  # a first line this long, with a sentence's end inside, is no headline


def _is_prose(line: str) -> bool:
    """Whether a line is a paragraph, not a headline: long, and two sentences or more."""
    return len(line) >= PROSE_CHARS and len(sentence_spans(line)) >= 2


def _first_sentence(text: str) -> str:
    """A headline for a story of one paragraph: its first sentence, as an untitled feed
    item's is."""
    from retrieval.feeds import first_sentence  # the feeds import the loaders

    return first_sentence([Paragraph(text)])


def _is_ornament(line: str) -> bool:
    """Whether a line holds no word or number: blank, or only punctuation and symbols (a
    rule of dashes, "* * *", "=====")."""
    return not any(char.isalnum() for char in line)


MAX_DESK_WORDS = 5  # "BBC Scotland News", "Political editor", "Reuters"


def _without_credits(lines: list[str]) -> list[str]:
    """Lines without pictures' labels, bylines and credits (`_is_credit`), nor the line
    right under a byline that names the writer's desk or post ("By Jane Doe / BBC Scotland
    News", "By Chris Mason / Political editor", as the BBC's page copies): short and
    unpunctuated, it became the section of every paragraph under it."""
    kept: list[str] = []
    byline = False
    for line in lines:
        if _is_credit(line):
            byline = _is_byline(line)
        elif byline and _is_desk(line):
            byline = False
        else:
            byline = False
            kept.append(line)
    return kept


def _is_desk(line: str) -> bool:
    """Whether a line may name a writer's desk or post: a short heading-like line (not blank,
    not the date under a byline: "Published 17 March 2024")."""
    line = line.strip()
    return (
        bool(line)
        and _is_heading(line)
        and len(line.split()) <= MAX_DESK_WORDS
        and _human_date(line) is None
        and not is_date_stamp(line)
    )


def _is_byline(line: str) -> bool:
    """Whether a credit line (`_is_credit`) is a byline: "By Jane Doe", "Von Anna Schmidt"."""
    line = line.strip()
    return line.startswith("By ") or _LOCAL_BYLINE.match(line) is not None


def _standfirst_date(meta: _Meta, block: list[str]) -> tuple[_Meta, list[str]]:
    """A date line under the standfirst, taken out as the story's date: the New York Times'
    page copied puts "Published Sept. 15, 2023Updated ..." under its summary, a sentence, so
    `_dateline` (which stops at the first sentence) does not reach it, and it ended the
    standfirst."""
    days = [(at, day) for at, line in enumerate(block) if (day := _human_date(line))]
    if not days:
        return meta, block
    gone = {at for at, _ in days}
    kept = [line for at, line in enumerate(block) if at not in gone]
    return replace(meta, published=meta.published or days[0][1]), kept


def parse_markdown(text: str, origin: str) -> Article:
    """A Markdown article: `# Headline`, paragraphs between blank lines, `##` sections."""
    meta, lines = _front_matter(_visible_lines(text), origin)
    blocks = _markdown_blocks(lines)
    title = next(  # not "# " and a zero-width space: a heading that shows nothing, nor "# ---"
        (
            i
            for i, (level, source) in enumerate(blocks)
            if level == 1 and not _is_ornament(_strip_inline(" ".join(source)))
        ),
        None,
    )
    if title is not None:
        headline = _strip_inline(" ".join(blocks.pop(title)[1]))
    elif meta.title:  # static-site pages: the title is in the front matter
        headline = _strip_inline(meta.title)
    else:  # no level-1 heading: the first line with words is the headline ("#Title" too)
        at = next(
            (
                (b, n)
                for b, (_, source) in enumerate(blocks)
                for n, line in enumerate(source)
                if not _is_ornament(_strip_inline(line))  # not a "=====" under nothing
            ),
            None,
        )
        if at is None:
            raise CorpusError("no headline (the file has no text)")
        b, n = at
        level, source = blocks[b]
        headline = _strip_inline(_NO_SPACE_HEADING.sub("", source[n]))
        blocks[b] = (level, source[n + 1 :])
        del blocks[:b]  # before it: images and links only
    meta, blocks = _properties(meta, blocks, origin)
    section: str | None = None
    paragraphs: list[Paragraph] = []
    for level, source in blocks:
        value = _strip_inline(" ".join(source))
        if level and value:
            section = value
        elif value:
            paragraphs.append(Paragraph(value, section))
    meta = replace(meta, published=meta.published or _stamp_date(p.text for p in paragraphs))
    if not paragraphs and title is None and not meta.title and _is_prose(headline):
        headline, paragraphs = _first_sentence(headline), [Paragraph(headline)]  # as in text
    return _make_article(headline, _drop_boilerplate(paragraphs), origin, meta)


# a page exported from Notion lists its properties under the title, one "Key: value" a line
_PROPERTY_KEYS = frozenset({"created", "tags", "status", "type", "category", "updated", "edited"})


def _properties(
    meta: _Meta, blocks: list[tuple[int, list[str]]], origin: str
) -> tuple[_Meta, list[tuple[int, list[str]]]]:
    """A Markdown page's first block when it is a list of properties ("URL: ...", "Source:
    ...", "Published: ...", Notion's "Created:" and "Tags:"), read as metadata and taken out;
    the blocks as they were otherwise."""
    first = next((i for i, (level, _) in enumerate(blocks) if not level), None)
    if first is None:
        return meta, blocks
    lines = [line for line in blocks[first][1] if line.strip()]
    pairs = [_HEADER_LINE.fullmatch(_strip_inline(line)) for line in lines]
    if not pairs or any(
        pair is None or pair[1].lower() not in _HEADER_KEYS.keys() | _PROPERTY_KEYS
        for pair in pairs
    ):
        return meta, blocks
    values: dict[str, str] = {}
    keys: dict[str, str] = {}  # field -> the key that gave it ("Datum": day first)
    for pair in pairs:
        field = _HEADER_KEYS.get(pair[1].lower()) if pair is not None else None
        if pair is not None and field and field not in values:
            values[field], keys[field] = normalize_space(pair[2]), pair[1]
    if not values.keys() & {"published", "source", "url"}:
        return meta, blocks  # "Tags: transport" alone says nothing of the story
    notes: list[str] = []
    key = keys.get("published", "Published")
    published = meta.published or _optional_date(values.get("published"), key, notes)
    for note in notes:
        log.warning("%s: %s", shown_path(origin), note)
    url = values.get("url")
    meta = replace(
        meta,
        published=published,
        source=meta.source or values.get("source"),
        url=meta.url or (url if url and is_url(url) else None),
    )
    return meta, blocks[:first] + blocks[first + 1 :]


_NO_SPACE_HEADING = re.compile(r"^#{1,6}(?=[^\W\d_])")  # "#Title": CommonMark's is "# Title"


def _visible_lines(text: str) -> list[str]:
    """The lines of a text (`_lines`), a line that shows nothing made empty: a line of only a
    zero-width space above the headline was taken as the headline, so the file was skipped
    as "no headline"."""
    return ["" if not line.isascii() and shows_nothing(line) else line for line in _lines(text)]


def _lines(text: str) -> list[str]:
    """The lines of a text, without a BOM and line ends: \n, \r\n or \r. Not
    str.splitlines, which also breaks at U+2028, form feeds and other separators that may
    sit inside a paragraph (normalize_space makes them spaces); but a text with no other
    line end is split at those (U+2028, U+2029, NEL), its only ones: it had been one line,
    and so "no paragraphs"."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text and not text.isascii():
        text = _UNICODE_LINE_ENDS.sub("\n", text)
    return text.removesuffix("\n").split("\n") if text else []


_UNICODE_LINE_ENDS = re.compile("[\u2028\u2029\x85]")


_FRONT_KEYS = {  # front-matter key -> the field it gives
    "id": "id",
    "source": "source",
    "url": "url",
    "published": "published",
    "date": "published",
    "publishdate": "published",  # Hugo's
    "pubdate": "published",  # Astro's
    "canonical_url": "url",  # dev.to's
    "standfirst": "standfirst",
    "description": "summary",
    "summary": "summary",
    "title": "title",
    "headline": "title",
}


# a YAML front matter's `key: value` line ("title: ...", "tags:"): a key is a short word
_YAML_KEY = re.compile(r"([A-Za-z0-9_-]{1,40})[ \t]*:(?:[ \t]|$)")
_YAML_ITEM = re.compile(r"[ \t]*-(?:[ \t]|$)")  # a list's item ("- news")


def _front_line(line: str) -> bool:
    """Whether a line may stand in a YAML front matter: blank, a `key: value` line, a list
    item, an indented continuation or a `#` comment (not prose: "Warning: this story..."
    then its text had been read as front matter up to a later rule, and the story lost)."""
    return (
        not line.strip()
        or line[:1].isspace()
        or line.startswith("#")
        or bool(_YAML_KEY.match(line) or _YAML_ITEM.match(line))
    )


def _front_matter(lines: list[str], origin: str) -> tuple[_Meta, list[str]]:
    """The front-matter metadata (if the text starts with a `---` block, blank lines before
    it ignored) and the other lines. A date that cannot be read is warned about (naming
    `origin`) and left out. A `---` block is front matter only when its lines are YAML's
    (`_front_line`) with a `key: value` line first (blank lines and `#` comments before it
    skipped); a `---` never closed, or not followed by such lines, is a horizontal rule:
    dropped, the text read (a warning when a front-matter key follows)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    fence = lines[first].strip() if first < len(lines) else ""
    if fence not in ("---", "+++"):  # YAML, or TOML (Hugo)
        return _Meta(), lines
    closing = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in closing), None)
    keyed = next(  # the first line that is no blank line or comment: a key's, if any
        (
            i
            for i in range(first + 1, end if end is not None else len(lines))
            if lines[i].strip() and not lines[i].startswith("#")
        ),
        None,
    )
    first_key = _YAML_KEY.match(lines[keyed]) if keyed is not None else None
    rest = end + 1 if end is not None else len(lines)  # where the text starts
    if fence == "---" and end is None and first_key and first_key[1].lower() in _FRONT_KEYS:
        # its closing line forgotten: the `key: value` lines in a row are the front matter
        end = rest = next(
            (i for i in range(keyed or first, len(lines)) if not _YAML_KEY.match(lines[i])),
            len(lines),
        )
        log.warning(
            "%s: front matter opened with '---' on line %d is never closed with '---'; its "
            "key: value lines (to line %d) read as it, the text after them",
            shown_path(origin),
            first + 1,
            end,
        )
    elif fence == "---" and (
        end is None
        or (
            end > first + 1
            and not (first_key and all(_front_line(line) for line in lines[first + 1 : end]))
        )
    ):
        # a horizontal rule over the text, not front matter: the whole file had been skipped
        # as "never closed", or its text up to a later rule read as metadata and lost
        return _Meta(), lines[first + 1 :]
    if end is None:
        raise CorpusError(
            f"front matter opened with '{fence}' on line {first + 1} is never closed with '{fence}'"
        )
    block = lines[first + 1 : end]
    pairs = _toml_pairs(block, origin) if fence == "+++" else _yaml_pairs(block)
    values: dict[str, str] = {}
    written: dict[str, str] = {}  # field -> its key as written: a warning names `published:`
    notes: list[str] = []
    for given, value, kind in pairs:
        key = given.strip().lower()
        field = _FRONT_KEYS.get(key)
        if field == "published" and value.strip().lower() in _YAML_BOOLEANS:
            continue  # dev.to's `published: true`, Jekyll's draft flag: no date, not `date`'s
        if field is not None and _wrong_kind(field, kind):
            # as a JSON record's are: `url: [1]` had been the URL "[1]", `id: {a: b}` the id
            notes.append(f"{given.strip()!r} must be a string, got {kind}; loaded without it")
            continue
        if field is not None and (field not in values or key == field):  # `published` wins
            values[field], written[field] = normalize_space(value), given.strip()
    source, url = _source_address(values.get("source") or None, values.get("url") or None)
    meta = _Meta(
        id=values.get("id") or None,
        standfirst=values.get("standfirst", ""),
        summary=values.get("summary", ""),
        published=_optional_date(
            values.get("published") or None, written.get("published", "published"), notes
        ),
        source=source,
        url=url,
        title=values.get("title") or None,
    )
    for note in notes:
        log.warning("%s: %s", shown_path(origin), shown_path(note))
    return meta, lines[rest:]


_WEB_ADDRESS = re.compile(r"https?://\S+$", re.IGNORECASE)


# what an export writes for a missing value: pandas' "nan" and "None" (astype(str)), a
# spreadsheet's "N/A" or "-", JavaScript's "undefined"; as a source or a standfirst, none
_NO_VALUE = frozenset(
    {"", "none", "null", "nil", "nan", "nat", "<na>", "n/a", "na", "-", "--", "undefined"}
)


def _source_address(source: str | None, url: str | None) -> tuple[str | None, str | None]:
    """The source and URL of an article whose source is a web address: a web clipper's front
    matter ("source: https://www.example.com/news/pier"), a scraper's record or column
    ("https://www.localnews.example/bridge", "https://news.example.org"). The address is the
    page it came from: the URL when there is none, and its host without "www." the source
    (shown as the outlet's name, as a pasted page's address is). A site's front page names
    no one story (`story_url_key`): only the source. Others as they are."""
    if url is not None and url.strip().casefold() in _NO_VALUE:
        url = None  # pandas' "nan": no address given, as null
    address = (source or "").strip()
    if address.casefold() in _NO_VALUE:
        return None, url
    if not (_WEB_ADDRESS.match(address) and is_url(address)):
        return source, url
    host = urlsplit(address).hostname
    story = address if story_url_key(address) is not None else None
    return (host.removeprefix("www.") if host else None), url or story


# YAML's booleans, as a `published:` flag says whether a post is out (dev.to, Jekyll)
_YAML_BOOLEANS = frozenset({"true", "false", "yes", "no", "on", "off"})
_BLOCK_SCALAR = re.compile(r"[>|][+-]?\d?")  # YAML's folded and literal styles
_YAML_NULL = re.compile(r"null|Null|NULL|~")  # YAML's null, unquoted
# a list item that is no plain value: a mapping ("name: x"), a list ("- x"), a flow one
_NOT_PLAIN_ITEM = re.compile(r"[\w-]+:(?:\s|$)|-(?:\s|$)|[\[{]")


# a YAML value that is no string: a list or a mapping in the flow style, or a number
_FLOW_LIST = re.compile(r"\[.*\]")
_FLOW_MAPPING = re.compile(r"\{.*\}")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_NUMBER_FIELDS = frozenset({"source", "url"})  # an id or a headline may be all digits


def _yaml_kind(value: str) -> str:
    """What a YAML value as written (quotes and all) is, as JSON names it: "a list" (`[1]`),
    "an object" (`{a: b}`), "a number" (`5`), else "a string"."""
    if _FLOW_LIST.fullmatch(value):
        return "a list"
    if _FLOW_MAPPING.fullmatch(value):
        return "an object"
    return "a number" if _NUMBER.fullmatch(value) else "a string"


def _wrong_kind(field: str, kind: str) -> bool:
    """Whether a front-matter value of this kind cannot be its field's: a list or an object
    (`url: [1]`, `id: {a: b}`), or a number as a source or URL (`source: 5`)."""
    return kind in ("a list", "an object") or (kind == "a number" and field in _NUMBER_FIELDS)


def _yaml_pairs(block: list[str]) -> list[tuple[str, str, str]]:
    """(key, value, kind) of a YAML front matter's top-level `key: value` lines; quotes
    around a value dropped, a folded or literal value (`title: >-` then indented lines)
    joined; its kind as JSON names it (`_yaml_kind`)."""
    pairs: list[tuple[str, str, str]] = []
    i = 0
    while i < len(block):
        line = block[i]
        i += 1
        key, sep, value = line.partition(":")
        if not sep or line[:1].isspace():
            continue
        value = value.strip()
        if _BLOCK_SCALAR.fullmatch(value) or not value:
            more = []
            while i < len(block) and (
                not block[i].strip()
                or block[i][:1].isspace()
                or (not value and block[i].startswith("- "))  # a list not indented (Hugo's)
            ):
                more.append(block[i].strip())
                i += 1
            if not value:
                # a list under the key (`title:` then `- Bridge reopens`): its first item,
                # as a JSON record's list of strings; a mapping (tags: {a: b}) none of ours,
                # nor a list of mappings or lists ("- name: x", "- - x"), nor a null
                lines = [p for p in more if p and not p.startswith("#")]
                items = [part[1:].strip() for part in lines if part.startswith("- ")]
                if not items or len(items) != len(lines):
                    continue
                first = items[0].split(" #", 1)[0].rstrip()
                if not first or _YAML_NULL.fullmatch(first) or _NOT_PLAIN_ITEM.match(first):
                    continue
                value, kind = _yaml_scalar(items[0]), _yaml_kind(items[0])
            else:
                value, kind = " ".join(part for part in more if part), "a string"
        elif _YAML_NULL.fullmatch(value.split(" #", 1)[0].rstrip()):
            continue  # `title: null`, `~`: no value (it had been the headline "null")
        else:
            value, kind = _yaml_scalar(value), _yaml_kind(value.split(" #", 1)[0].rstrip())
        pairs.append((key, value, kind))
    return pairs


# a YAML value in quotes, and what may follow it: nothing, or a comment ("Foo" # note)
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'(?=\s*$|\s+#)")
_DOUBLE_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"(?=\s*$|\s+#)')
# a double-quoted value's escapes ("Budget \"cuts\"", "caf\u00e9"), as YAML defines them
_YAML_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_YAML_ESCAPES = {
    **dict(zip("0abtnvfre", "\0\a\b\t\n\v\f\r\x1b", strict=True)),
    **{"\t": "\t", " ": " ", '"': '"', "/": "/", "\\": "\\"},
    **{"N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"},
}


def _yaml_scalar(value: str) -> str:
    """A one-line YAML value as its text: in single quotes with `''` for a quote ("It''s"),
    in double quotes with backslash escapes read (`\\"`, `\\n`, `\\u00e9`), a comment after
    either or after a plain value dropped. Quotes and escapes had been kept as written."""
    if single := _SINGLE_QUOTED.match(value):
        return single[1].replace("''", "'")
    if double := _DOUBLE_QUOTED.match(value):
        text = _YAML_ESCAPE.sub(_yaml_escaped, double[1])
        if _SURROGATE.search(text):  # "\ud83d\ude00", JSON's way: a pair, or U+FFFD alone
            text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return text
    return value.split(" #", 1)[0].rstrip()  # a comment after a plain value


def _yaml_escaped(found: re.Match[str]) -> str:
    """The character a double-quoted YAML escape stands for; an unknown one as written."""
    code = found[1]
    if len(code) > 1:
        number = int(code[1:], 16)
        return chr(number) if number <= 0x10FFFF else found[0]
    return _YAML_ESCAPES.get(code, found[0])


def _toml_pairs(block: list[str], origin: str) -> list[tuple[str, str, str]]:
    """(key, value) of a TOML front matter's top-level values that are strings, dates or
    numbers; TOML the parser refuses is warned about and read as no metadata."""
    try:
        data = tomllib.loads("\n".join(block))
    except ValueError as exc:  # TOMLDecodeError, or a number too long to read
        log.warning(
            "%s: front matter is not TOML (%s); read a line at a time, a value TOML refuses "
            "as written",
            shown_path(origin),
            number_too_long(exc) or exc,
        )
        tables = next((i for i, line in enumerate(block) if line.lstrip().startswith("[")), None)
        return [pair for line in block[:tables] for pair in _toml_line(line)]  # top level only
    return _toml_values(data)


def _toml_values(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(key, value, kind) of TOML's top-level values but booleans: a date as written, a
    list or a table as JSON's kind names it (for `_front_matter` to warn about)."""
    return [
        (
            key,
            value.isoformat() if isinstance(value, date | datetime) else str(value),
            "a string" if isinstance(value, date | datetime) else json_type(value),
        )
        for key, value in data.items()
        if not isinstance(value, bool)
    ]


_TOML_PAIR = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*")


def _toml_line(line: str) -> list[tuple[str, str, str]]:
    """(key, value) of one line of front matter TOML refused as a whole: as TOML if it reads
    so, else its value as written, without the quotes around it. `title = "Wolverines` (a
    quote left open) had the whole block read as none, and the article lost its headline."""
    try:
        return _toml_values(tomllib.loads(line))
    except ValueError:  # TOMLDecodeError, or a number too long to read
        pass
    pair = _TOML_PAIR.fullmatch(line)
    if pair is None:  # a comment, a long string's next line: no value
        return []
    return [(pair[1], pair[2].strip("\"'"), "a string")]


def _is_heading(line: str) -> bool:
    """Whether a body line looks like a section heading: short, without closing punctuation,
    and no item of a list ("- 412 jobs lost")."""
    return (
        len(line) <= MAX_HEADING_CHARS
        and not line.endswith(_CLOSING)
        and len(line.split()) <= MAX_HEADING_WORDS
        and not _LIST_ITEM.match(line)
    )


def _sectioned(lines: list[str]) -> list[Paragraph]:
    """Body lines as paragraphs, with heading lines turned into the section of what follows.

    A heading is a heading-like line alone, right before a paragraph. Short unpunctuated
    lines in a row are content (a list, football scores, a dateline and a byline): taken
    for headings, each replaced the one before and all but the last were lost."""
    body = [line for line in lines if line]
    like = [_is_heading(line) for line in body]
    paragraphs: list[Paragraph] = []
    section: str | None = None
    for i, line in enumerate(body):
        alone = i == 0 or not like[i - 1]
        if like[i] and alone and i + 1 < len(body) and not like[i + 1]:
            section = line
        else:
            paragraphs.append(Paragraph(line, section))
    return paragraphs


def _rewrapped(lines: list[str]) -> list[str]:
    """Lines with each block of hard-wrapped lines (text broken at a fixed width, between
    blank lines: an e-mail, a newsletter, a copy from a PDF) joined into one: its lines
    but the last are of about one length, up to MAX_WRAP_WIDTH, most of them end no
    sentence, and most lines after the first go on in lower case (a sentence broken
    mid-way). Other lines are as they were, one paragraph per line: a heading and its
    paragraph, a list of links or of short items, questions and answers start with capitals."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
            continue
        if len(block) >= 2:
            width = max(map(len, block))
            inner = block[:-1]
            if (
                width <= MAX_WRAP_WIDTH
                and min(map(len, inner)) >= max(MIN_WRAP_WIDTH, 0.6 * width)
                and 2 * sum(text.endswith(_CLOSING) for text in inner) < len(inner)
                and 2 * sum(map(_goes_on, block[1:])) >= len(block) - 1
                and not any(_LIST_ITEM.match(text) for text in block)
            ):
                block = [" ".join(block)]
        out.extend(block)
        out.append("")
        block = []
    return out[:-1]


def _goes_on(line: str) -> bool:
    """Whether a line's first letter or digit is no capital: a sentence going on."""
    first = next((ch for ch in line if ch.isalnum()), "")
    return bool(first) and not first.isupper()


def _drop_boilerplate(items: list[_Line]) -> list[_Line]:
    """Items without boilerplate: share/ad lines anywhere, follow/sign-up lines at the end,
    and a page's trailer: a share, related or follow line followed by nothing but short
    lines that end no sentence (topics, links to other stories, "Published 2 November")."""
    items = [item for item in items if item]
    cut = len(items)
    for at in range(len(items) - 1, max(len(items) - MAX_TRAILER_LINES, 0) - 1, -1):
        text = _text(items[at])
        if not _is_trailer_line(text):
            break
        if text.casefold() in _BOILERPLATE or _is_trailing_boilerplate(text):
            cut = at
    kept = [
        item
        for item in items[:cut]
        if _text(item).casefold() not in _BOILERPLATE
        and not is_inline_boilerplate(_text(item))
        and not _VIDEO_EMBED.match(_text(item))
        and not _is_credit(_text(item))
    ]
    while kept and _is_trailing_boilerplate(_text(kept[-1])):
        kept.pop()
    return kept


def _text(item: str | Paragraph) -> str:
    """The text of a body line or paragraph."""
    return item if isinstance(item, str) else item.text


def _is_trailer_line(line: str) -> bool:
    """Whether a line may be part of a page's trailer: short, and no sentence's end (closing
    punctuation, a closing quote or bracket)."""
    return (
        len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and not line.endswith(_CLOSING)
    )


def _is_trailing_boilerplate(line: str) -> bool:
    """Whether a last line is a short call to share, follow, sign up, and the like."""
    return (
        len(line) <= MAX_HEADING_CHARS
        and not line.endswith(_CLOSING)
        and _TRAILING_BOILERPLATE.match(line) is not None
    )


_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")  # the rest of the line: see _atx_heading
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")  # "[^1]: According to ...": text
# a GitHub table's row under its header: "|------|:----:|", "---|---"
_TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_TABLE_CELL = re.compile(r"(?<!\\)\|")  # "\|" is a pipe in a cell
# Link text and targets exclude the bracket that opens them (a target may hold one pair of
# parentheses, as Wikipedia's do): from each "[" a match attempt then reads only to the next
# one, so a line of 30,000 "[" costs linear time, not 20 seconds.
_RAW_UNREAD_NAME = r"(script|style|noscript|template)"
_RAW_UNREAD = re.compile(rf"^ {{0,3}}<{_RAW_UNREAD_NAME}(?=[\s>]|$)", re.IGNORECASE)
_RAW_UNREAD_OR_CODE = re.compile(
    rf"(`+[^`\n]+`+)|<{_RAW_UNREAD_NAME}\b[^>]*>.*?</\2\s*>", re.IGNORECASE | re.DOTALL
)
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_INLINE = (
    # Obsidian's wiki links and embeds ("[[Dockworkers Union|union]]", "![[photo.jpg]]"), a
    # callout's marker ("[!info]"), a footnote's mark ("[^1]"), Hugo's shortcodes
    (re.compile(r"!\[\[[^\[\]\n]*\]\]|\[![A-Za-z-]+\][+-]?|\[\^[^\[\]\s]+\](?!:)"), ""),
    (re.compile(r"\[\[(?:[^\[\]|\n]*\|)?([^\[\]|\n]*)\]\]"), r"\1"),
    (re.compile(r"\{\{[<%].*?[>%]\}\}"), ""),
    (re.compile(rf"!\[[^\[\]\n]*\]{_TARGET}|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]"), ""),
    (re.compile(rf"\[([^\[\]\n]*)\]{_TARGET}|\[([^\[\]\n]*)\]\[[^\[\]\n]*\]"), r"\1\2"),
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),
    # raw HTML's script, style, noscript and template hold no text, as in a page (_UNREAD):
    # a Hugo or Jekyll post's analytics snippet had been a passage; a code span naming one
    # stays code (its text is kept by the next pattern)
    (_RAW_UNREAD_OR_CODE, lambda found: found[1] or " "),
    (re.compile(r"`+([^`\n]+)`+"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)([^*\n]+?)\1"), r"\2"),
    (re.compile(r"\*(?=\S)([^*\n]+?)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)_(?!\w)"), r"\1"),
    (re.compile(r"~~([^~\n]+)~~"), r"\1"),
    # raw HTML, which Markdown allows: a comment goes, a tag leaves its text ("<p>", "<br>")
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>"), lambda tag: _tag_space(tag[1])),
)


def _tag_space(name: str) -> str:
    """What a raw HTML tag in Markdown leaves: nothing for a text-level one, whose text runs
    on ("Prices <em>rose</em>, ..." is "Prices rose, ...", not "rose ,"), else a space
    ("<p>", "<br>", "<td>" part words)."""
    return "" if name.lower() in _INLINE_TAGS and name.lower() != "br" else " "


# CommonMark's backslash escapes: any ASCII punctuation ("\\*rising\\*", "O\\'Brien", "f\\*\\*\\*"),
# as HTML-to-Markdown converters (Turndown in web clippers, html2text) write them
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# while the markup is stripped, an escaped mark stands in the Supplementary Private Use Area,
# where no markup pattern sees it
_HIDDEN = 0xF0000
_UNHIDE = {_HIDDEN + ord(mark): mark for mark in map(chr, range(0x21, 0x7F))}
# a named or numeric entity, which Markdown renders ("&amp;", "&mdash;"); its ";" is needed,
# as CommonMark says: "R&param" is no "R¶m"
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _strip_inline(text: str) -> str:
    """Text without Markdown inline markup: emphasis, code, links (their text kept), images,
    HTML tags and comments; escaped marks are kept as marks and entities read. The escapes
    are set aside first: stripped after the emphasis, "\\*rising\\*" became "\\rising\\"."""
    if any(mark in text for mark in "*_`[<~\\{&"):
        text = _ESCAPED.sub(lambda found: chr(_HIDDEN + ord(found[1])), text)
        for pattern, replacement in _INLINE:
            text = pattern.sub(replacement, text)
        text = _ENTITY.sub(lambda found: html.unescape(found[0]), text).translate(_UNHIDE)
    return normalize_space(text)


def _atx_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading ("## Title ##"): its level and text, without the closing #s. In Python,
    not one pattern: a lazy text group before optional closing #s and trailing spaces made a
    long run of spaces cost quadratic time."""
    opening = _ATX.match(line)
    if opening is None:
        return None
    text = line[opening.end() :].strip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):  # "Title ##", "##"
        text = unclosed.rstrip(" \t")
    return len(opening.group(1)), text


def _markdown_blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Markdown as blocks: (heading level, or 0 for a paragraph; its source lines)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append((0, current.copy()))
            current.clear()

    fence: str | None = None
    table = False  # in a table's rows: each is a paragraph
    unread_to = -1  # the last line of a raw <script> or <style> block: none of it is text
    for number, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if number <= unread_to:
            continue
        if (raw := _RAW_UNREAD.match(line)) and (end := _raw_block_end(lines, number, raw[1])):
            flush()  # its blank lines had split it, each part a passage of code
            unread_to = end
            continue
        table = table and "|" in line
        if opening := _FENCE.match(line):
            flush()
            fence = opening.group(1)
        elif note := _FOOTNOTE_DEF.match(line):  # its text is the story's, not a link's
            flush()
            current.append(line[note.end() :])
        elif not line.strip() or _LINK_DEF.match(line):
            flush()
        elif _TABLE_RULE.match(line) and current and "|" in current[-1]:
            header = current.pop()  # the table's first row: its column names
            flush()
            blocks.append((0, [_table_row(header)]))
            table = True
        elif table:
            blocks.append((0, [_table_row(line)]))
        elif (underline := _SETEXT.match(line)) and current:
            blocks.append((1 if underline.group(1).startswith("=") else 2, current.copy()))
            current.clear()
        elif _RULE.match(line):
            flush()
        elif heading := _atx_heading(line):
            flush()
            blocks.append((heading[0], [heading[1]]))
        else:
            text = line
            while quote := _QUOTE.match(text):  # "> > ...": a quote in a quote
                text = text[quote.end() :]
            if text is not line and (quoted := _atx_heading(text)):
                # a heading in a quote (a quoted post's title) is quoted text: a paragraph
                # of its own without its marks, no title or section of the story's
                flush()
                blocks.append((0, [quoted[1]]))
                continue
            if item := _ITEM.match(text):
                flush()
                text = text[item.end() :]
            current.append(text)
    flush()
    return blocks


def _raw_block_end(lines: list[str], start: int, name: str) -> int | None:
    """The line that closes a raw HTML <script> (<style>, <noscript>, <template>) block
    opening on line `start` of a Markdown text, when it spans lines (one on a line of its
    own is `_strip_inline`'s); None when it closes on that line, or never (a story naming
    "<script>" keeps its words)."""
    closing = re.compile(rf"</{name}\s*>", re.IGNORECASE)
    if closing.search(lines[start]):
        return None
    return next((n for n in range(start + 1, len(lines)) if closing.search(lines[n])), None)


def _table_row(line: str) -> str:
    """A Markdown table's row as a line of text: its cells joined with ", " ("| 2023 | £6m |"
    is "2023, £6m"), not one passage of pipes with the rule row in it."""
    cells = _TABLE_CELL.split(line.strip().removeprefix("|").removesuffix("|"))
    return ", ".join(cell.strip() for cell in cells if cell.strip())


# ---------------------------------------------------------------------------------------------
# HTML


def parse_html(html: str, origin: str, location: str | None = None) -> Article:
    """A saved article page: main text and metadata extracted by trafilatura. `location`: the
    address the page was saved from, for a page that names none itself; a web address only
    (an IE or Word .mht names the file it was saved as: "file:///C:/Users/...")."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    if "&#" in html:  # "&#27;": lxml gives up on the whole document for one
        html = _BAD_REFERENCE.sub(_bad_reference_as_space, html)
    with _quiet("trafilatura", "htmldate", "courlan"):
        huge = _huge_parser(html)
        tree = trafilatura.load_html(html) if huge is None else _huge_tree(html, huge)
        if tree is None:
            raise CorpusError("not an HTML document")
        _paragraphs_at_breaks(tree)
        _drop_story_cards(tree)
        parts = _split_parts(tree)
        h1 = next((normalize_space(h.text_content()) for h in tree.iter("h1")), "")
        page_title = normalize_space(tree.findtext(".//title") or "")
        if (export := _link_export(tree, page_title)) is not None:
            raise NotAnArticle(
                f"{export}: a list of the articles you saved, not an article; save the pages "
                "themselves to have them read"
            )
        links = _link_texts(tree)  # before the extractor prunes the tree
        described = _ld_article(tree)
        redirect = _refresh_target(tree)
        try:
            doc = trafilatura.bare_extraction(
                tree,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # a bug in the extractor must not stop the whole load
            raise CorpusError(f"trafilatura failed on the page ({type(exc).__name__})") from exc
        _join_inline_text(_doc_get(doc, "body"), tree)
    if redirect is not None and len((_doc_str(doc, "text") or "").split()) < MAX_REDIRECT_WORDS:
        raise CorpusError(f"a redirect page to {_cut(redirect)}")
    title = normalize_space(_doc_str(doc, "title") or "") or h1
    if not title:
        title = page_title  # no main text was found
    if not title:
        raise CorpusError("no headline (the page has no title and no <h1>)")
    if doc is None:
        doc = _described(tree, title)  # a script's empty root: the description may be all
    if doc is None:
        if _depth(tree) >= HTML_MAX_DEPTH:
            raise CorpusError(
                "no article text found: the page nests its elements deeper than the HTML "
                f"parser reads ({HTML_MAX_DEPTH} levels)"
            )
        raise CorpusError("no article text found (the page has a title but no main text)")
    body = _doc_get(doc, "body")
    if body is not None:
        pieces = _with_split_parts(list(_html_pieces(body)), parts)
    else:
        pieces = [
            (False, normalize_space(line)) for line in (_doc_str(doc, "text") or "").split("\n")
        ]
    pieces = [(h, v) for h, v in pieces if v and v.casefold() != title.casefold()]
    subhead = ""
    if pieces and pieces[0][0] and sum(h for h, _ in pieces) == 1 and len(pieces[0][1].split()) > 3:
        # a heading of some words under the title and no other (Substack's subtitle): the
        # standfirst, not the section of every paragraph ("Mining", a label, stays one)
        subhead = pieces.pop(0)[1]
    section: str | None = None
    paragraphs: list[Paragraph] = []
    for at, (is_heading, value) in enumerate(pieces):
        if paragraphs and is_heading and _opens_comments(value, pieces[at + 1 : at + 3]):
            break  # readers' comments follow ("Reader comments (3)"): none of the story
        if is_heading and len(value) <= MAX_PROMPT_CHARS and _WALL.search(value):
            continue  # a wall's heading ("Subscribe to read"): no section of the story's
        if is_heading:
            section = value
        else:
            paragraphs.append(Paragraph(value, section))
    if described is not None:
        paragraphs = _ld_paragraphs(described, paragraphs)
    first = paragraphs[0].text if paragraphs else ""
    rest = first[len(title) + 1 :].lstrip()
    if (
        first.startswith(title + " ")
        and rest[:1].isupper()
        and len(title.split()) > 2
        and not _written_on(html, title, rest)
    ):
        # small pages: the title run into the text ("Pier reopens after repairs The pier
        # ..."), where the page's title is followed by a tag, not the text; not a lede that
        # opens with the headline's words ("Storm Bert hit the coast ...", "Tesla shares fall
        # 12% after ...", "Joe Biden wins Pennsylvania, ..."), which had lost them
        paragraphs[0] = Paragraph(rest, paragraphs[0].section)
    published: date | None = None
    if raw_date := _doc_str(doc, "date"):
        try:
            published = _parse_date(raw_date, "date")
        except CorpusError:
            log.debug("%s: unreadable page date %r", shown_path(origin), raw_date)
    story = described or _ld_story(tree, (h1, page_title))  # where the page gives none
    url = _doc_str(doc, "url") or (_ld_url(story) if story is not None else None)
    sitename = _site_name(_doc_str(doc, "sitename"), page_title, (title, h1), url)
    if url is None and location is not None and _is_web_address(location):
        url = location
        doc_host = urlsplit(location).hostname
        source = sitename or (doc_host.removeprefix("www.") if doc_host else None)
    else:
        source = sitename or _doc_str(doc, "hostname")
    if url is not None and story_url_key(url) is None:
        # a front page (og:url set to the home page, a <base href="/"> made absolute from a
        # CDN image's address): no address of this story, nor its host the source
        log.debug("%s: page URL %s is a front page, not used", shown_path(origin), url)
        meta = _Meta(published=published, source=sitename)
    else:
        meta = _Meta(published=published, source=source, url=url)
    # a page saved before its script drew the story shows a placeholder ("Loading...",
    # "You need to enable JavaScript to run this app."), or nothing but its title: its
    # description is all it holds
    placeholder = bool(paragraphs) and all(
        len(p.text) <= MAX_PROMPT_CHARS and _SCRIPT_ONLY.match(p.text) for p in paragraphs
    )
    if placeholder or not paragraphs:
        description = normalize_space(_doc_str(doc, "description") or "")
        if description and description.casefold() != title.casefold():
            paragraphs = [Paragraph(description, None)]
        elif placeholder:
            raise NotAnArticle(
                "a page that shows its story only by running scripts, saved before it did "
                "(save it again once the story shows)"
            )
    # a paywall's prompt below the story's start ("Subscribe to continue reading") is none of
    # its text; a page of nothing else is a wall, not the story
    unwalled = [
        p
        for p in paragraphs
        if len(p.text) > MAX_PROMPT_CHARS
        or not (_WALL.search(p.text) or _WALL_LINE.fullmatch(p.text))
    ]
    if paragraphs and (not unwalled or _WALL.match(title)):
        raise NotAnArticle("a login or subscription wall, not the story")
    kept = _drop_boilerplate(unwalled)
    if len(kept) > 1 and _WRITERS_POST.fullmatch(kept[0].text) and _under_byline(kept[0], unwalled):
        # the writer's post under the byline ("By Jane Smith" over "Business reporter, BBC
        # News"), the byline dropped: text files drop both (`_without_credits`); a headline
        # of a kind, "Jane Doe Appointed Editor", stays
        kept = kept[1:]
    _check_is_article(kept, links, title)
    published = meta.published or _stamp_date(p.text for p in unwalled)
    if published is None and story is not None:  # a date the page writes nowhere else
        published = _ld_date(story, origin)
    return _make_article(
        title, kept, origin, replace(meta, standfirst=subhead, published=published)
    )


def _under_byline(paragraph: Paragraph, paragraphs: Sequence[Paragraph]) -> bool:
    """Whether a page's paragraph comes right under a byline ("By Jane Smith")."""
    at = next((n for n, p in enumerate(paragraphs) if p is paragraph), 0)
    return at > 0 and _is_byline(paragraphs[at - 1].text)


# a writer's post, as a page shows it under the byline: "Business reporter, BBC News",
# "Political editor", "Senior correspondent, The Fen Times"; at most four words before the post
# and five after it, no sentence
_WRITERS_POST = re.compile(
    r"(?:[A-Z][\w'\u2019&-]*\s+){0,4}(?:[Rr]eporter|[Cc]orrespondent|[Ee]ditor|[Ww]riter"
    r"|[Jj]ournalist|[Cc]olumnist|[Aa]nalyst)(?:,\s*(?:[A-Z][\w'\u2019&.-]*\s*){1,5})?"
)


# the heading over a page's comments, which the extractor keeps when the page does not mark
# them as such (WordPress's are marked, a small paper's "Reader comments (3)" may not be) ...
_COMMENTS_HEADING = re.compile(
    # plural, or counted: "Comment" alone is an opinion column's label
    r"(?:\d+\s+)?(?:(?:reader|user|visitor)(?:s'?|'s)?\s+)?comments(?:\s*\(\d+\))?"
    r"|(?:1|one) comment"
    r"|(?:join|start) the (?:conversation|discussion|debate)|(?:leave|post|add|write) a "
    r"(?:comment|reply)|comments are closed\.?"
    r"|\d+ (?:responses?|replies|thoughts) (?:to|on) .+",
    re.IGNORECASE,
)
MAX_COMMENTS_HEADING = 120
# ... over a commenter's line: a name and when ("grumpy_dad 2 hours ago", "Jo says:", "Ann
# Lee March 3, 2024 at 10:02 am"); a heading over the story's own words ("Comments" over an
# official's, "3 thoughts on the title race") is a section of it
_COMMENTER_WORD = re.compile(r"[\w.'\u2019@-]{1,30}")  # a word of a commenter's name


def _is_commenter_name(words: Sequence[str]) -> bool:
    """Whether words may be a commenter's name: a handle ("grumpy_dad", "jo.smith") or one to
    three capitalised words ("Ann Lee"); not a sentence's start ("The mayor responded")."""
    if not 1 <= len(words) <= 3 or not all(_COMMENTER_WORD.fullmatch(w) for w in words):
        return False
    return len(words) == 1 or all(word[:1].isupper() for word in words)


_COMMENT_TIME = re.compile(
    r"[|\u00b7\u2022,-]?\s*(?:(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?"
    r"|hours?|d|days?|w|wks?|weeks?|months?|y|yrs?|years?)\s+ago|yesterday|just now)",
    re.IGNORECASE,
)
MAX_COMMENTER = 100


def _opens_comments(heading: str, after: Sequence[tuple[bool, str]]) -> bool:
    """Whether a page's heading opens its readers' comments: named so, and a commenter's line
    (a name and when) among the two pieces under it."""
    if len(heading) > MAX_COMMENTS_HEADING or not _COMMENTS_HEADING.fullmatch(heading):
        return False
    lines = [text for _, text in after if len(text) <= MAX_COMMENTER]
    if lines and _is_commenter(lines[0]):
        return True
    # a name on its line, then when ("grumpy_dad" over "2 hours ago", WordPress's "Jo Smith
    # says:" over its date); a bare "Yesterday", or a byline over a date, is a story's
    if len(lines) < 2 or lines[0].split()[:1] == ["By"]:
        return False
    name = lines[0].removesuffix("says:").strip()
    return _is_commenter_name(name.split()) and (
        _COMMENT_TIME.fullmatch(lines[1]) is not None or is_date_stamp(lines[1])
    )


def _is_commenter(line: str) -> bool:
    """Whether a line is a comment's: when, after a name of one to three words ("grumpy_dad
    2 hours ago", "Ann Lee March 3, 2024 at 10:02 am", "Jo says: March 3, 2024"). "Minister
    Jo Smith says:" alone is a story's quote, "By Jo Smith" a byline."""
    words = line.replace(",", " ").split()  # "Jo Smith, 2 hours ago"
    if words[:1] == ["By"]:
        return False  # a byline over a column's date
    for cut in range(1, min(3, len(words) - 1) + 1):
        if not _is_commenter_name(words[:cut]):
            continue
        rest = " ".join(words[cut:])
        if rest.lower().startswith("says:"):
            rest = rest[len("says:") :].strip()
        if rest and (_COMMENT_TIME.fullmatch(rest) or is_date_stamp(rest)):
            return True
    return False


MAX_LD_VALUES = 200  # the JSON-LD objects looked through for the article, at most


def _ld_article(tree: Any) -> dict[str, Any] | None:
    """The schema.org article a page's JSON-LD describes with its text (the first object
    holding an `articleBody`, in a list or an `@graph` too), or None. A page drawn by its
    script holds its story there alone, and the extractor's last resort reads that text as
    one paragraph, without the page's address."""
    return _ld_object(tree, lambda item: isinstance(item.get("articleBody"), str))


def _ld_story(tree: Any, titles: Sequence[str]) -> dict[str, Any] | None:
    """The schema.org article a page's JSON-LD describes, with its text or without (its
    `@type` an Article, a NewsArticle, a BlogPosting ...) and its headline the page's (a
    "Most read" list's first story is another page's), or None: its address and date for a
    page that gives them nowhere else."""
    own = [" ".join(title.casefold().split()) for title in titles if title]

    def is_own(item: dict[str, Any]) -> bool:
        headline = _ld_headline(item)
        if not _is_ld_story(item) or not headline:
            return False
        # a headline cut to a length (Google asks for 110 characters) starts the title
        cut = headline.rstrip(".\u2026 ")
        return any(headline == title or (len(cut) >= 20 and title.startswith(cut)) for title in own)

    return _ld_object(tree, is_own)


def _ld_headline(item: dict[str, Any]) -> str | None:
    """A JSON-LD article's headline (or name), folded as titles are compared."""
    headline = item.get("headline", item.get("name"))
    return " ".join(headline.casefold().split()) if isinstance(headline, str) else None


def _is_ld_story(item: dict[str, Any]) -> bool:
    """Whether a JSON-LD object is an article (`@type` "NewsArticle", ["Article"], ...)."""
    kinds = item.get("@type")
    return any(
        isinstance(kind, str) and kind.endswith(("Article", "Posting"))
        for kind in (kinds if isinstance(kinds, list) else [kinds])
    )


def _ld_object(tree: Any, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
    """The first object of a page's JSON-LD (in a list or an `@graph` too) that is
    `wanted`, or None."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().casefold() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        queue, seen = [data], 0
        while queue and seen < MAX_LD_VALUES:
            item, seen = queue.pop(0), seen + 1
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                if wanted(item):
                    return item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    queue.extend(graph)
    return None


def _ld_paragraphs(described: dict[str, Any], paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The page's paragraphs, or, when they are its JSON-LD `articleBody` run into one,
    that text's own paragraphs (split as a JSON record's body is: at blank lines, else at
    line ends; HTML at its blocks)."""
    body = described["articleBody"]
    html_body = _HTML_TAG.search(body) is not None
    if html_body:
        blocks = _html_paragraphs(body)
    else:
        text = body.replace("\r\n", "\n").replace("\r", "\n")
        blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    parts = [part for block in blocks if (part := normalize_space(block))]
    if len(parts) < 2 or len(paragraphs) != 1:
        return paragraphs
    if normalize_space(paragraphs[0].text) not in (
        normalize_space(" ".join(parts)),
        normalize_space(body),
    ):
        return paragraphs  # the extractor found other text: the page's own
    return [Paragraph(part, paragraphs[0].section) for part in parts]


def _ld_date(described: dict[str, Any], origin: str) -> date | None:
    """The day a page's JSON-LD article says it was published (or, lacking that, created),
    or None."""
    for key in ("datePublished", "dateCreated"):
        value = described.get(key)
        if isinstance(value, str) and value.strip():
            try:
                day = _parse_date(value.strip(), key)
            except CorpusError:
                log.debug("%s: unreadable JSON-LD %s %r", shown_path(origin), key, value)
                continue
            # a placeholder (1970-01-01) or a day to come is none the extractor took either
            if date_problem(day) is None:
                return day
    return None


def _ld_url(described: dict[str, Any]) -> str | None:
    """The page's own address as its JSON-LD article names it (`url`, or `mainEntityOfPage`
    as an address or an object's `@id`) when it names a story's page, or None."""
    page = described.get("mainEntityOfPage")
    for value in (described.get("url"), page.get("@id") if isinstance(page, dict) else page):
        if isinstance(value, str) and _is_web_address(value.strip()) and _names_a_story(value):
            return value.strip()
    return None


_SECTION_PATHS = """
    news world uk us politics business money sport sports tech technology science health
    entertainment culture arts opinion local latest home index live video videos weather
    lifestyle travel football economy markets
"""
SECTION_PATHS = frozenset(_SECTION_PATHS.split())
"""The words of an address's path that name a news site's section, not a story ("/news",
"/world/", "/business"): for a JSON-LD address here, for a pasted link's words in search."""
# ... and the path parts around them that name no story either ("/category/news/", "/en/")
_AROUND_SECTIONS = "category categories section sections tag tags topic topics en de fr es it"
_SECTION_NAMES = SECTION_PATHS | frozenset(_AROUND_SECTIONS.split())


def _names_a_story(url: str) -> bool:
    """Whether an address may name one story's page: not a site's front page, nor a section
    ("/news", "/news/local", "/category/news/", which a template put in every story's
    JSON-LD); an address with a query names one ("/?p=4512", "/news?id=1234")."""
    parts = urlsplit(url.strip())
    if _STORY_QUERY.search(parts.query):
        return True
    words = [part.casefold().removesuffix(".html") for part in parts.path.split("/") if part]
    return not all(word in _SECTION_NAMES for word in words)


# a query that names a story by its number ("?p=4512", "?id=1234", "?story=77"), not one of
# tracking or paging ("?utm_source=rss", "?page=2", "?amp=1")
_STORY_QUERY = re.compile(
    r"(?:^|[&;])(?:p|id|page_id|story|storyid|article|articleid|aid|post|postid|nid|v|event)"
    r"=[^&;]+",
    re.IGNORECASE,
)


def _link_export(tree: Any, page_title: str) -> str | None:
    """What export of saved links a page is, or None: Pocket's (`ril_export.html`, titled
    "Pocket Export", its links with `time_added`), or a browser's bookmarks (the Netscape
    file, its links with `add_date`). A small one had been indexed as an article whose
    text was its links' titles (a large one was skipped as "a page of links", which says
    nothing of what it is)."""
    if page_title.casefold() == "pocket export" or tree.find(".//a[@time_added]") is not None:
        return "a Pocket export"
    if tree.find(".//a[@add_date]") is not None:
        return "a browser's bookmarks export"
    return None


def _described(tree: Any, title: str) -> Any:
    """The page's metadata as trafilatura reads it (`<meta property="og:description">` and
    the rest), when it holds a description other than the title; else None. The extractor
    gives no result at all for a page whose text is none (`<div id="root"></div>`, saved
    before its scripts drew the story), not even the description that page holds."""
    from trafilatura.metadata import extract_metadata

    try:
        with _quiet("trafilatura", "htmldate", "courlan"):
            metadata = extract_metadata(tree)
    except Exception:  # a bug in the extractor: the page is skipped for its missing text
        return None
    description = normalize_space(_doc_str(metadata, "description") or "")
    return metadata if description and description.casefold() != title.casefold() else None


# what parts a page's <title> into its headline and its site's name: "Headline | Site",
# "Headline - Site", "Headline – Site", "Site · Headline"
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022-]\s+")
MAX_SITE_NAME_CHARS = 40  # "Northern Echo Online", "St. Louis Post-Dispatch"
MAX_SITE_NAME_WORDS = 5


def _written_on(html: str, title: str, rest: str) -> bool:
    """Whether the page's source writes the title with the words after it in the first
    paragraph following it as text ("<p>Storm Bert hits coast Monday, ..."): a lede that
    opens with the headline. Run in by the extractor, the title is followed by a tag
    ("<h1>Only a heading</h1><p>One paragraph")."""
    start = rest.split()[:3]
    if not start:
        return False
    after = re.compile(
        re.escape(title).replace("\\ ", r"\s+") + r"(?:\s|&nbsp;|&#160;)+" + re.escape(start[0])
    )
    return after.search(html) is not None


def _site_name(
    sitename: str | None, page_title: str, headlines: Sequence[str], url: str | None = None
) -> str | None:
    """The page's site name: trafilatura's, unless it is mostly the headline or only the
    host of the page's address; else the part of the <title> beside the headline
    (`_title_site`); else the host trafilatura gave. With no og:site_name trafilatura
    takes the first part of the <title> that holds a "." (meant for "Example.com"), which
    is nearly always the headline ("U.S. agrees to pull troops out of Niger | Reuters",
    "Rates held at 5.25% | Paper"), and reads no part without one ("Headline | The
    Guardian"): answers showed the headline as the source, or no source. With a canonical
    link or og:url it gives that address's host ("theguardian.com"), where the <title>
    names the site ("The Guardian")."""
    host = None
    if sitename and not any(c.isalpha() for c in sitename):
        sitename = None  # a date or a number in the <title> ("17.03.2024"): no name
    if sitename:
        folded = sitename.casefold()
        if not any(h and h.casefold() in folded and 2 * len(h) > len(sitename) for h in headlines):
            if not _is_host_of(folded, url):
                return sitename
            host = sitename
    titled = next(filter(None, (_title_site(page_title, h) for h in headlines if h)), None)
    if host is not None and titled is not None and not _names_host(titled, host):
        return host  # "Politics", "12:30", "Page 2" beside the headline: no site's name
    return titled or host


def _names_host(name: str, host: str) -> bool:
    """Whether a name beside the headline may be the site's at this host: its words run
    together are in the host ("The Guardian", theguardian.com; "El País", elpais.com, accents
    folded, "ü" as "ue" too), its initials are a label ("Financial Times", ft.com; "The Wall
    Street Journal", wsj.com), or a word of its not common to sections is in a label ("BBC
    News", bbc.co.uk; "DW", dw.com; not "UK News" on news.sky.com, nor "The Big Picture" on
    theguardian.com)."""
    labels = host.casefold().removeprefix("www.").split(".")
    joined_host = "".join(labels)
    for folded in {without_accents(name.casefold()), without_accents(_umlaut_as_e(name))}:
        words = re.findall(r"[a-z0-9]+", folded)
        if not words or all(word in _SECTION_WORDS for word in words):
            continue  # "Sport" on sport.example.com, "UK News" on news.sky.com: sections
        if "".join(words) in joined_host:
            return True
        initials = "".join(word[0] for word in words if word != "the")
        if len(initials) >= 2 and initials in labels:
            return True
        for word in words:
            if word in _SECTION_WORDS or len(word) < 2:
                continue
            if word in labels or (len(word) >= 3 and any(word in label for label in labels)):
                return True
    return False


_SECTION_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "news",
        "sport",
        "sports",
        "world",
        "live",
        "video",
        "home",
        "latest",
        "online",
        "daily",
        "uk",
        "us",
        "big",
        "picture",
        "politics",
        "business",
        "opinion",
    ]
)
_GERMAN_UMLAUTS = re.compile("[äöüÄÖÜß]")


def _umlaut_as_e(name: str) -> str:
    """The name case-folded with "ü" written "ue" (and "ß" "ss"), as German hosts spell it."""
    return _GERMAN_UMLAUTS.sub(
        lambda found: {"ß": "ss"}.get(found[0], unicodedata.normalize("NFD", found[0])[0] + "e"),
        name,
    ).casefold()


def _is_host_of(name: str, url: str | None) -> bool:
    """Whether a (case-folded) site name is only the host of this address, "www." or not."""
    try:
        hostname = urlsplit(url).hostname if url else None
    except ValueError:
        return False
    return hostname is not None and name.removeprefix("www.") == hostname.removeprefix("www.")


def _title_site(page_title: str, headline: str) -> str | None:
    """The site's name a <title> gives after its headline and a separator (the last part:
    "Headline | Politics | The Guardian") or before it ("BBC News - Headline"): a short
    name, no date; None when the <title> is not the headline and more."""
    size = len(headline)
    if page_title[:size].casefold() == headline.casefold():
        parts = _TITLE_SEPARATOR.split(" " + page_title[size:])  # "" first, after a separator
        name = parts[-1] if len(parts) > 1 and not parts[0].strip() else ""
    elif size < len(page_title) and page_title[-size:].casefold() == headline.casefold():
        parts = _TITLE_SEPARATOR.split(page_title[:-size] + " ")
        name = parts[0] if len(parts) > 1 and not parts[-1].strip() else ""
    else:
        return None
    name = name.strip()
    if (
        not name[:1].isalnum()
        or len(name) > MAX_SITE_NAME_CHARS
        or len(name.split()) > MAX_SITE_NAME_WORDS
        or _human_date(name) is not None
    ):
        return None
    return name


def _is_web_address(location: str) -> bool:
    """Whether a saved page's location is a web page's address (http or https, with a host),
    not a file's on the saver's disk or "about:blank"."""
    try:
        parts = urlsplit(location.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


_BAD_REFERENCE = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def _bad_reference_as_space(found: re.Match[str]) -> str:
    """A numeric character reference to a character XML allows, as it is; to a control
    character, a surrogate or a noncharacter (U+FFFE), a space."""
    code = int(found[1]) if found[1] is not None else int(found[2], 16)
    allowed = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    if (allowed and not 0x7F <= code <= 0x9F) or 0x10000 <= code <= 0x10FFFF:
        return found[0]
    return " "


def _drop_story_cards(tree: Any) -> None:
    """Other stories' cards ("Trending": an `<article>` whose heading links to its page)
    out of a page whose own story is an `<article>` holding the `<h1>`: the extractor took
    cards above the story for its first paragraphs, their heading its section."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return
    own = list(h1.iterancestors("article"))
    if not own:
        return
    for article in list(tree.iter("article")):
        if article in own or any(anc in own for anc in article.iterancestors("article")):
            continue
        headings = article.iter("h2", "h3", "h4", "h5", "h6")
        if any(heading.find(".//a[@href]") is not None for heading in headings):
            parent = article.getparent()
            if parent is not None:
                parent.remove(article)


_Piece = tuple[bool, str]  # (is a heading, text): a block of a page's main text
MIN_PART_WORDS = 5
"""A part of a split story holds a paragraph of this many words or more (not an advert's
"Advertisement" left in a part of the story's class)."""


def _split_parts(tree: Any) -> list[list[list[_Piece]]]:
    """The pieces of each story part, for each run of sibling blocks of one kind (the same
    tag and class: `<div class="article-body">` twice around an advert, `<article
    class="story-part">` three times) that hold paragraphs. Read before the extractor, which
    takes one block for a story's body and prunes the tree."""
    groups: list[list[list[_Piece]]] = []
    for parent in tree.iter():
        runs: dict[tuple[str, str], list[Any]] = {}
        for kid in parent:
            kind = kid.get("class") if kid.tag in ("div", "section", "article") else None
            if kind and _STORY_CLASS.search(kind) and not _NOT_STORY_CLASS.search(kind):
                runs.setdefault((kid.tag, kind), []).append(kid)
        for same in runs.values():
            parts = (
                [pieces for pieces in map(_part_pieces, same) if pieces] if len(same) > 1 else []
            )
            if len(parts) >= 2:
                groups.append(parts)
    return groups


# a story part's class names it so ("article-body", "story-part", "entry-content",
# "RichTextComponentWrapper"): a layout's "row" or "col" holds comments and footers too
_STORY_CLASS = re.compile(
    r"article|story|body|content|entry|post|text|prose|paragraph|copy", re.IGNORECASE
)
_NOT_STORY_CLASS = re.compile(
    r"comment|related|newsletter|promo|footer|sidebar|share|social|advert|\bads?\b|teaser|"
    r"card|recommend|trending|popular|subscribe|signup|author|byline|caption|meta",
    re.IGNORECASE,
)
_UNREAD = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})


def _element_text(element: Any) -> str:
    """An element's text as a reader sees it: a line break is a space, scripts and styles
    are no text (lxml's text_content ran "Ofwat<br>said" together and kept a script's)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text and isinstance(node.tag, str) and node.tag not in _UNREAD:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _UNREAD:
                if child.tag == "br":
                    parts.append(" ")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return normalize_space("".join(parts))


def _part_pieces(block: Any) -> list[_Piece]:
    """A story part's headings and paragraphs; none for a block that is no part of a story:
    no paragraph of some words, a card (a heading that links elsewhere), or mostly links."""
    pieces = [
        (element.tag != "p", _element_text(element))
        for element in block.iter("p", "h2", "h3", "h4")
    ]
    pieces = [(heading, text) for heading, text in pieces if text]
    if not any(_is_part_paragraph(heading, text) for heading, text in pieces):
        return []
    if any(h.find(".//a[@href]") is not None for h in block.iter("h2", "h3", "h4")):
        return []
    text = sum(len(text) for _, text in pieces)
    linked = sum(len(normalize_space(a.text_content())) for a in block.iter("a"))
    return pieces if linked < LINK_SHARE * text else []


def _with_split_parts(pieces: list[_Piece], groups: list[list[list[_Piece]]]) -> list[_Piece]:
    """The extracted pieces, with a story split into parts rebuilt from its parts when the
    extractor left a part out or ran two of a part's paragraphs together into one; the pieces
    around and between the parts (a pull quote, an embed) stay in their places."""
    joined, starts = "", [0]
    seen: list[_Piece] | None = None  # the pieces `joined` was made of
    for parts in groups:
        if seen is not pieces:
            joined = "\0".join(text.casefold() for _, text in pieces)
            starts = list(itertools.accumulate((len(text) + 1 for _, text in pieces), initial=0))
            seen = pieces
        spots: list[list[int]] = []  # for each part, the piece holding each paragraph, or -1
        cursor = 0  # paragraphs are looked for in order: some start alike
        for part in parts:
            spots.append([])
            for key in (_piece_key(t) for h, t in part if _is_part_paragraph(h, t)):
                at = joined.find(key, cursor)
                if at >= 0:
                    cursor = at + len(key)
                spots[-1].append(bisect.bisect_right(starts, at) - 1 if at >= 0 else -1)
        # a part the extractor took for the story: most of its paragraphs extracted
        if not any(2 * sum(spot >= 0 for spot in found) >= len(found) for found in spots):
            continue
        owners: dict[int, list[int]] = {}  # piece -> the part of each paragraph it holds
        for number, found in enumerate(spots):
            for spot in found:
                if spot >= 0:
                    owners.setdefault(spot, []).append(number)
        missing = any(max(found) < 0 for found in spots)
        if (
            not missing
            and all(len(held) == 1 for held in owners.values())
            and not _lost_part_heading(parts, pieces)
        ):
            continue
        first, last = min(owners), max(owners)
        out, done = pieces[:first], 0
        for at in range(first, last + 1):
            held = owners.get(at)
            if not held:
                out.append(pieces[at])
            while held and done <= max(held):
                _add_part(out, parts[done])
                done += 1
        for part in parts[done:]:
            _add_part(out, part)
        pieces = out + pieces[last + 1 :]
    return pieces


def _add_part(out: list[_Piece], part: list[_Piece]) -> None:
    """A story part's pieces added after `out`, its heading not twice (the extractor kept
    the first part's heading above it)."""
    out.extend(part[1:] if part[:1] == out[-1:] and part[0][0] else part)


def _lost_part_heading(parts: list[list[_Piece]], pieces: list[_Piece]) -> bool:
    """Whether the extractor left out a story part's own heading: one over a paragraph of
    its part, named in no other part (a live blog's posts, `<article class="post">` each
    with its `<h2>`, whose paragraphs had all come under the first post's heading), and not
    among the extracted pieces. A heading every part repeats ("Advertisement") is none."""
    kept = {text.casefold() for heading, text in pieces if heading}
    named = collections.Counter(
        text.casefold() for part in parts for text in {t for h, t in part if h}
    )
    return any(
        heading
        and named[text.casefold()] == 1
        and text.casefold() not in kept
        and not _is_furniture(text)
        and _is_part_paragraph(*part[at + 1])
        for part in parts
        for at, (heading, text) in enumerate(part[:-1])
    )


def _is_part_paragraph(heading: bool, text: str) -> bool:
    """Whether a piece is a paragraph of some words (not a time stamp or an advert's label)."""
    return not heading and len(text.split()) >= MIN_PART_WORDS


def _piece_key(text: str) -> str:
    """What an extracted paragraph and the page's own text of it share: its start."""
    return text[:60].casefold()


LINK_SHARE = 0.6
"""A saved page whose text is this share of link texts or more is a page of links."""
MAX_NOTICE_CHARS = 1500
"""A cookie or consent notice is shorter than this (a story about cookies is longer)."""
# what a consent notice says and a story seldom does; with cookies or consent named too
_NOTICE = re.compile(
    r"\b(?:accept all|reject all|manage (?:your )?(?:privacy|cookie|consent)|our \d+ partners"
    r"|cookie (?:settings|preferences)|privacy (?:settings|preferences))\b",
    re.IGNORECASE,
)
_COOKIES = re.compile(r"\b(?:cookies?|consent)\b", re.IGNORECASE)
MAX_PROMPT_CHARS = 300
"""A paywall's prompt is shorter than this."""
# what a page built by scripts shows before they run, or to a reader without them
_SCRIPT_ONLY = re.compile(
    r"\s*(?:loading(?:\.\.\.|\u2026)?|please wait\W*"
    r"|.{0,60}\b(?:enable|turn on|activate|requires?|needs?|disabled|without) javascript\b.*"
    r"|.{0,60}\bjavascript (?:is|must be) (?:required|disabled|turned off|enabled)\b.*)\s*$",
    re.IGNORECASE,
)
# a paywall's prompt as the FT, the Times, the WSJ, Bloomberg and others word it ("Continue
# reading your article with a WSJ membership", "Already have an account? Log in", "Subscribe
# now to unlock the full article", "Complete digital access to quality FT journalism ...
# Cancel anytime"); searched in a paragraph of at most MAX_PROMPT_CHARS
_WALL = re.compile(
    r"\b(?:subscribe to (?:read|continue)|(?:sign|log) in to (?:read|continue)"
    r"|(?:for|available to) subscribers only|already a subscriber|create a free account to"
    r"|already (?:a member|have an account)\?|view (?:membership|subscription) options"
    r"|continue reading (?:your|this|the) article with an? .{0,40}\b(?:membership|subscription)"
    r"|subscribe now (?:to (?:unlock|read|continue)|for (?:uninterrupted|unlimited|full) access)"
    r"|unlock (?:this|the full) article"
    r"|(?:unlimited|complete|full) (?:digital )?access\b.*\bcancel any ?time)",
    re.IGNORECASE,
)
# ... and a prompt that is a line of its own: "To continue reading this article, become a
# member. Members get ...", "Become a subscriber to read the rest of this story."
_WALL_LINE = re.compile(
    r"(?:to )?continue reading(?: this (?:article|story))?,? (?:please )?(?:become a (?:member"
    r"|subscriber)|subscribe|sign (?:up|in)|log in|register)\b.*"
    r"|become a (?:member|subscriber) to (?:continue reading|read (?:on|the rest(?: of (?:this|"
    r"the) (?:article|story))?|this (?:article|story)|the full (?:article|story)))[.!]?",
    re.IGNORECASE,
)
# what a server's error page says: in its title, or in a short text
_ERROR_TITLE = re.compile(
    r"\s*(?:(?:error\s*)?(?:403|404|410)\b|(?:page|file|article|content) not found"
    r"|not found\b|access denied|forbidden\b)",
    re.IGNORECASE,
)
_ERROR_TEXT = re.compile(
    r"\b(?:the page you (?:are|were|re|'re) looking for|(?:this|the) page (?:does not|doesn't"
    r"|no longer) exists?|(?:this|the) page (?:could not|cannot|can't) be found)",
    re.IGNORECASE,
)
MAX_ERROR_CHARS = 400
"""An error page's text is shorter than this."""


def _link_texts(tree: Any) -> set[str]:
    """The texts of a page's links long enough to be headlines (not "Home" or "More")."""
    texts = (normalize_space(link.text_content()) for link in tree.iter("a"))
    return {text for text in texts if len(text) >= 15}


def _check_is_article(paragraphs: Sequence[Paragraph], links: set[str], title: str) -> None:
    """Raise NotAnArticle for a saved page whose text is no article: a front or section page
    (its text mostly the headlines it links to), a cookie or consent notice saved in place
    of the story, or a server's error page ("Page not found")."""
    text = " ".join(p.text for p in paragraphs)
    if not text:
        return
    if len(text) < MAX_NOTICE_CHARS and (
        _ERROR_TITLE.match(title) or (len(text) < MAX_ERROR_CHARS and _ERROR_TEXT.search(text))
    ):
        raise NotAnArticle(f"an error page (“{title[:60]}”), not an article")
    linked = sum(len(link) * text.count(link) for link in links)
    if linked >= LINK_SHARE * len(text):
        raise NotAnArticle(
            f"a page of links (a front or section page), not an article: "
            f"{min(linked, len(text)) * 100 // len(text)}% of its text is the text of its links"
        )
    if len(text) < MAX_NOTICE_CHARS and _NOTICE.search(text) and _COOKIES.search(text):
        raise NotAnArticle(
            "a cookie or consent notice, not the story (the page shows it before the story)"
        )


def parse_mhtml(data: bytes, origin: str) -> Article:
    """A page saved as one MHTML file (a browser's "Webpage, Single File"): its HTML part,
    read as `parse_html` reads a saved page, with the address the page was saved from."""
    import email  # imported here: only such files need the MIME parser
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        raise CorpusError("not an MHTML archive (no MIME parts); save the page again")
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise CorpusError("an MHTML archive without an HTML page")
    body = part.get_payload(decode=True)
    if not isinstance(body, bytes) or not body.strip():
        raise CorpusError("an MHTML archive whose HTML page is empty")
    location = message.get("Snapshot-Content-Location") or part.get("Content-Location")
    return parse_html(_archived_text(body, part.get_content_charset()), origin, location)


def _archived_text(body: bytes, charset: str | None) -> str:
    """An archived page's text: in the charset its MIME part names, else UTF-8, else the
    encoding the page declares, else windows-1252 as browsers read undeclared bytes."""
    for codec in (charset, "utf-8"):
        if codec:
            try:
                return _decode(body, codec)
            except (LookupError, ValueError):
                pass
    declared = declared_text(body)
    return declared if declared is not None else _decode(body, "cp1252")


# what a block may hold for `_paragraphs_at_breaks` to split it: text-level elements only
_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "font", "i"}
    | {"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time"}
    | {"u", "var"}
)


def _join_inline_text(body: Any, tree: Any) -> None:
    """The page's text as trafilatura's last resort gives it (a short page: all its text in
    one <p>, a line for each piece of text), read again as the page's blocks: a heading, a
    paragraph and text standing beside them (`<body><h1>T</h1>Text<br><br>More</body>`) a
    piece each, parted at blank lines of breaks (`_block_pieces`). A text-level element's
    text is joined to the text around it ("Prices <em>rose</em>, said" was "Prices rose ,
    said"). The text is the page's own, read again with lxml, and used only when it holds the
    same characters but white space; it had been one paragraph of all the page's text."""
    if body is None or len(body) != 1 or body[0].tag != "p" or "\n" not in (body[0].text or ""):
        return
    from trafilatura.baseline import basic_cleaning  # how that last resort cleans the page

    page = basic_cleaning(copy.deepcopy(tree)).find(".//body")
    if page is None:
        return
    pieces = _block_pieces(page)
    dumped = body[0].text
    if "".join(text for _, text in pieces).replace(" ", "") != "".join(
        normalize_space(dumped).split()
    ):
        return
    import lxml.etree

    body.remove(body[0])
    for kind, text in pieces:
        if kind != "nav":  # a menu's links ("Home"), which the extractor's own reading drops
            lxml.etree.SubElement(body, kind).text = text


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _block_pieces(page: Any) -> list[tuple[Literal["p", "head", "nav"], str]]:
    """(kind, text) for each block of a page's body as a reader sees it: a heading ("head"),
    a block of text ("p": a paragraph, a list item, a cell, text standing between blocks), a
    menu ("nav"). A blank line of breaks (`<br><br>`) parts a paragraph, as
    `_paragraphs_at_breaks` parts a block, and a single break is a line of it."""
    pieces: list[tuple[Literal["p", "head", "nav"], str]] = []
    run: list[str] = []  # the text of the paragraph read so far
    breaks = 0  # breaks in a row, with only white space between, at the end of `run`

    def flush() -> None:
        nonlocal breaks
        if text := normalize_space("".join(run)):
            pieces.append(("p", text))
        run.clear()
        breaks = 0

    def add(text: str | None) -> None:
        nonlocal breaks
        if text:
            run.append(text)
            if text.strip():
                breaks = 0

    def walk(element: Any) -> None:
        nonlocal breaks
        for kid in element:
            tag = kid.tag
            if not isinstance(tag, str):  # a comment: no text but its tail
                pass
            elif tag == "br":
                breaks += 1
                if breaks == 2:
                    flush()
                else:
                    run.append(" ")
            elif tag in _HEADINGS or tag == "nav":
                flush()
                if text := normalize_space(kid.text_content()):
                    pieces.append(("nav" if tag == "nav" else "head", text))
            elif tag in _INLINE_TAGS:
                add(kid.text)
                walk(kid)
            else:
                flush()
                add(kid.text)
                walk(kid)
                flush()
            add(kid.tail)

    add(page.text)
    walk(page)
    flush()
    return pieces


def _paragraphs_at_breaks(tree: Any) -> None:
    """Blocks of text whose paragraphs are parted by blank lines of breaks (`text<br><br>
    text`, as older sites and some blogs write them) become one <p> per paragraph, so the
    extractor sees paragraphs (it reads a run of breaks as one line break). A single break
    stays a line inside its paragraph; a block holding other blocks is left as it is."""
    import lxml.etree

    for block in list(tree.iter("p", "div", "td", "blockquote", "section", "article", "font")):
        kids = list(block)
        if len(kids) < 2 or not all(
            isinstance(kid.tag, str) and kid.tag in _INLINE_TAGS for kid in kids
        ):
            continue
        texts: list[str] = [block.text or ""]
        groups: list[list[Any]] = [[]]
        at = 0
        while at < len(kids):
            if _breaks_here(kids, at):
                while _breaks_here(kids, at + 1):
                    at += 1
                at += 1  # kids[at] is the run's last break: its tail opens the next paragraph
                texts.append(kids[at].tail or "")
                groups.append([])
            else:
                groups[-1].append(kids[at])
            at += 1
        if len(groups) < 2:
            continue
        for kid in kids:
            block.remove(kid)  # with its tail, kept in `texts` or with the kid in `groups`
        block.text = None
        if block.tag == "p":
            block.tag = "div"  # paragraphs inside it, not a paragraph of paragraphs
        for text, members in zip(texts, groups, strict=True):
            paragraph = lxml.etree.SubElement(block, "p")
            paragraph.text = text
            for member in members:
                paragraph.append(member)


def _breaks_here(kids: Sequence[Any], at: int, tag: str = "br") -> bool:
    """Whether kids[at] is a <br> (or the extractor's <lb>: `tag`) followed, with nothing but
    white space between, by another."""
    return (
        at + 1 < len(kids)
        and kids[at].tag == tag
        and kids[at + 1].tag == tag
        and not (kids[at].tail or "").strip()
    )


# <meta http-equiv="refresh" content="0; url=https://..."> (also "0;URL='...'", "0, ...", and
# the URL alone after the delay); a refresh without a URL ("300") reloads the page itself
_REFRESH_URL = re.compile(
    r"""\s*[\d.]+(?:\s*[;,]\s*|\s+)(?:url\s*=\s*)?["']?([^"'\s]+)""", re.IGNORECASE
)


def _refresh_target(tree: Any) -> str | None:
    """The URL a page's meta refresh sends the reader to, if it has one."""
    for meta in tree.iter("meta"):
        refresh = (meta.get("http-equiv") or "").strip().lower() == "refresh"
        if refresh and (target := _REFRESH_URL.match(meta.get("content") or "")):
            return target.group(1)
    return None


def _huge_parser(html: str) -> Any | None:
    """An lxml HTML parser that reads huge texts (`huge_tree`) for HTML holding a text over
    HTML_MAX_TEXT_BYTES in one piece (a page's one 12 MB paragraph, an image inlined as a
    data: address), whose text the default parser drops with the rest of the page; None for
    any other HTML, read as it was. Safe as the default: libxml2's HTML parser expands no
    declared entities (no billion laughs) and loads nothing (no_network: no external
    entity), and a file is at most MAX_FILE_BYTES or MAX_ARCHIVE_BYTES."""
    if len(html) < HTML_MAX_TEXT_BYTES // 4:  # UTF-8 spends at most 4 bytes on a character
        return None
    longest = max(html.split("<"), key=len)  # what runs between two tags
    if len(longest) < HTML_MAX_TEXT_BYTES // 4:
        return None
    if len(longest.encode("utf-8", "surrogatepass")) < HTML_MAX_TEXT_BYTES:
        return None
    import lxml.html

    return lxml.html.HTMLParser(
        collect_ids=False,  # as trafilatura's own parser reads a page
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
        no_network=True,
    )


def _huge_tree(html: str, parser: Any) -> Any:
    """A page read by `_huge_parser`'s parser. Such a parser also reads elements deeper than
    HTML_MAX_DEPTH (libxml2's default), which the extractor may recurse into too deep: a
    page nested so is named, not read."""
    import lxml.html

    tree = lxml.html.fromstring(_xml_safe(html).encode("utf-8", "surrogatepass"), parser=parser)
    if _depth(tree) >= HTML_MAX_DEPTH:
        raise CorpusError(
            f"a text of over {HTML_MAX_TEXT_BYTES:,} bytes in one piece, in a page nested "
            f"deeper than the HTML parser reads beside one ({HTML_MAX_DEPTH} levels)"
        )
    return tree


def _depth(tree: Any) -> int:
    """How deep the element tree goes (the root is 1)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


# what runs in a line of text in the extractor's body tree (its highlight, link, deletion
# and break elements, and a page's own text-level ones where it kept them): one with the text
# around it
_RUN_TAGS = frozenset({"hi", "ref", "del", "lb"}) | _INLINE_TAGS


def _html_pieces(body: Any) -> Iterator[tuple[bool, str]]:
    """(is heading, text) for each block of trafilatura's extracted body tree. The tree may
    be one block, not a body of them: for `<div id="root">Loading...</div>` it is that
    `<p id="root">`, whose text was then no piece of the page's. Text standing in the body
    itself, beside its blocks (a page's `<body><h1>T</h1>Text ...<p>More</p>`, text parted
    by `<br><br>` with no block around it), is a paragraph of its own, parted at blank lines
    of breaks as `_paragraphs_at_breaks` parts a block's: it had been lost without a word."""
    if len(body) == 0 and body.tag != "body":
        yield body.tag == "head", normalize_space(body.text or "")
        return
    loose: list[str] = [body.text or ""]  # the text standing in the body since the last block
    kids = list(body)
    for at, element in enumerate(kids):
        tag = element.tag
        if not isinstance(tag, str) or (tag in _RUN_TAGS and not _breaks_here(kids, at, "lb")):
            loose.append(" " if tag == "lb" else "".join(element.itertext()))
        else:
            if text := normalize_space("".join(loose)):
                yield False, text
            loose = []
            if tag == "head":
                yield True, normalize_space(" ".join(element.itertext()))
            elif tag == "list":
                for item in element.iter("item"):
                    yield False, normalize_space(" ".join(item.itertext()))
            elif tag not in ("table", "graphic", "lb"):
                yield False, normalize_space(" ".join(element.itertext()))
        loose.append(element.tail or "")
    if text := normalize_space("".join(loose)):
        yield False, text


def _doc_get(doc: object, name: str) -> Any:
    """A field of trafilatura's result (a Document, or a dict in older versions)."""
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc.get(name)
    return getattr(doc, name, None)


def _doc_str(doc: object, name: str) -> str | None:
    """A text field of trafilatura's result, None when missing or blank."""
    value = _doc_get(doc, name)
    return value.strip() or None if isinstance(value, str) else None


@contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Raise the given loggers above ERROR for the duration: trafilatura warns about every
    page, and logs an ERROR for a page it cannot parse, which the loader reports itself (one
    line per skipped file)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# ---------------------------------------------------------------------------------------------
# Common


def remade_id(article: Article, text: str) -> str | None:
    """Another id, made from the article's text (`text`, its fingerprint) too, for an article
    whose id was made up (from its URL, or from its file's name and headline; not given) and
    is another article's: a story at a URL that other stories share (a listing page's), or
    under a headline another story of its file has. None for an id the article gave."""
    if article.url and article.id == stable_id(normalize_url(article.url)):
        return stable_id(normalize_url(article.url), text)
    if article.id == derived_id(article.origin, article.headline):
        return derived_id(article.origin, article.headline, text)
    return None


def derived_id(origin: str, headline: str, *more: str) -> str:
    """The id of an article that has neither its own id nor a URL: from its file's name (not
    the path, which depends on where the corpus lies and how it was named on the command
    line) and its headline, and `more` keys where those two are not enough."""
    return stable_id(_file_name(origin), headline, *more)


def _file_name(origin: str) -> str:
    return origin.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


# a site's address written without its scheme: "www.bbc.co.uk/news/1", "example.com/story/4",
# "cnn.com?x=1": labels of letters and digits (a letter among them) ending in a top-level
# domain news sites use, not a file's name ("story.html", "4132567.stm", "main.js")
_TOP_DOMAINS = (
    "com|org|net|edu|gov|mil|int|info|biz|news|io|co|ai|app|dev|tv|me|us|uk|ca|au|nz|ie|de|fr"
    "|it|es|nl|be|at|ch|se|no|dk|fi|pl|pt|gr|cz|hu|ro|ru|ua|tr|il|in|pk|bd|jp|cn|hk|tw|kr|sg"
    "|my|id|ph|th|vn|br|ar|mx|cl|za|ng|ke|eg|ae|sa|qa|eu|asia|online|site|media|press|today"
)
_SITE = re.compile(
    rf"(?:www\.)?(?=[^/?#:]*[^\W\d_])(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:{_TOP_DOMAINS})"
    r"(?::\d{1,5})?(?:[/?#]|$)",
    re.IGNORECASE,
)


def _absolute(url: str, origin: str) -> str | None:
    """A story's http(s) address, or None (with a warning) for a link that names no page
    on the web: another scheme's ("javascript:alert(1)", "data:...", "file:///C:/...", which
    `ask --json` had printed as the story's link for any consumer to open), a relative one
    ("/news/story", "#", "#main-content"), which a scraper may write into every record
    (they had been one URL, and every story but the first was dropped as its duplicate), or
    one holding a control character. "//host/path" and "host.org/path" are read as https.
    Line breaks and tabs in it are dropped, as browsers drop them (an export's cell wraps a
    long address)."""
    bare = _URL_BREAKS.sub("", url.strip())
    parts = urlsplit(bare)
    # "reuters.com:443/x" splits as a scheme "reuters.com": a site, written without its own
    if parts.scheme.lower() not in ("", "http", "https") and not _SITE.match(bare):
        why = "not a web address (only http and https links are kept)"
    elif any(ord(c) < 0x20 or ord(c) == 0x7F for c in bare):
        why = "it holds a control character"
    elif parts.scheme and parts.netloc:
        return bare
    elif not parts.scheme and bare.startswith("//") and parts.netloc:
        return "https:" + bare
    elif _SITE.match(bare):
        return "https://" + bare
    else:
        why = "not a whole address (http:// or https:// and a site)"
    _ignored_url(origin, url, why)
    return None


_URL_BREAKS = re.compile(r"[\t\r\n]+")  # what the WHATWG URL parser drops from an address
_URLS_IGNORED: dict[str, set[str]] = {}  # the last file's reasons for links ignored, said once


def _ignored_url(origin: str, url: str, why: str) -> None:
    """The warning that a record's link was left out, once a file for each reason: a
    scraper that writes "#" into 50,000 records had got 50,000 lines."""
    if origin not in _URLS_IGNORED:
        _URLS_IGNORED.clear()  # a file's records are read in a row
        _URLS_IGNORED[origin] = set()
    if why in _URLS_IGNORED[origin]:
        return
    _URLS_IGNORED[origin].add(why)
    log.warning(
        "%s: ignored the url %s: %s (said once for the file)", shown_path(origin), _cut(url), why
    )


def _make_article(
    headline: str,
    paragraphs: list[Paragraph],
    origin: str,
    meta: _Meta,
    *,
    too_long_hint: str = "the first line should be the headline",
) -> Article:
    """An Article from parsed parts, checked to have a headline and paragraphs."""
    if not headline:
        raise CorpusError("no headline")
    if len(headline) > MAX_HEADLINE_CHARS:
        raise CorpusError(
            f"headline too long ({len(headline)} characters, at most {MAX_HEADLINE_CHARS}; "
            f"{too_long_hint})"
        )
    if not paragraphs:
        raise CorpusError("no paragraphs")
    url = meta.url
    if url is not None and not is_url(url):
        _ignored_url(origin, url, "not a valid URL")
        url = None
    elif url is not None:
        url = _absolute(url, origin)
    if meta.id and (given := _clean(meta.id)) and given.casefold() not in _NO_VALUE:
        article_id = given  # pandas' "nan", "None": no id, as a source or a standfirst
    elif url and story_url_key(url) is not None:  # a front page names no one story
        article_id = stable_id(normalize_url(url))
    else:
        article_id = derived_id(origin, headline)
    return Article(
        id=article_id,
        headline=headline,
        paragraphs=tuple(paragraphs),
        standfirst=meta.standfirst or meta.summary,
        published=meta.published,
        source=_clean(meta.source) or None if meta.source else None,  # as every format's
        url=url,
        origin=origin,
    )


def _is_clean(text: str) -> bool:
    """Whether `normalize_space` would return this non-empty text unchanged."""
    return (
        (text.isascii() or unicodedata.is_normalized("NFC", text))
        and _is_spaced(text)
        and "&#" not in text
    )


def _is_spaced(text: str) -> bool:
    """Whether the text is non-empty and its only whitespace is single spaces between words."""
    # Every whitespace character but the ASCII space is unprintable.
    return (
        text.isprintable() and "  " not in text and text[:1] not in ("", " ") and text[-1:] != " "
    )


def _clean(text: str) -> str:
    """`normalize_space(text)`, faster for text that is already clean."""
    return text if _is_clean(text) else normalize_space(text)


def _fingerprint(article: Article) -> str:
    """`article.text_fingerprint()`, faster, for an article whose lines are all clean."""
    # content_hash folds headline + "\n" + paragraphs joined by "\n" (NFKC, casefold), then
    # collapses whitespace, then folds typesetting. For clean lines (nothing invisible in
    # them) that is the folded lines joined by single spaces, their typesetting folded.
    lines = [article.headline, *(p.text for p in article.paragraphs)]
    text = " ".join(lines)
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        folded = text.casefold()  # casefold maps no character to whitespace
    else:  # some lines hold compatibility characters, e.g. "…" -> "..."
        folded = " ".join(filter(None, map(_fold_line, lines)))
    return hashlib.sha1(fold_typography(folded).encode("utf-8")).hexdigest()


def _fold_line(line: str) -> str:
    """A clean line NFKC-normalized and case-folded, its whitespace collapsed again."""
    if line.isascii() or unicodedata.is_normalized("NFKC", line):
        return line.casefold()
    folded = unicodedata.normalize("NFKC", line).casefold()
    return folded if _is_spaced(folded) else " ".join(folded.split())
