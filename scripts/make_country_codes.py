"""Writes src/flashpoint/web/static/data/countries.json: ISO 3166-1 alpha-3 -> numeric + name.

The store codes countries as alpha-3 ("SDN"); world-atlas polygons carry the numeric code as
their id ("729"). The dashboard joins the two with this table, generated from pycountry (a
pinned dependency) so nothing is typed by hand. Run: .venv/bin/python scripts/make_country_codes.py
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "flashpoint" / "web" / "static" / "data" / "countries.json"


def main() -> None:
    table = {
        c.alpha_3: {"numeric": c.numeric, "name": getattr(c, "common_name", None) or c.name}
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_3)
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} countries to {OUT}")


if __name__ == "__main__":
    main()
