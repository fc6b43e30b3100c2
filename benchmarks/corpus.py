"""A deterministic benchmark corpus made from the bundled example articles.

Each generated article opens with one example article's headline and first paragraph (its dateline)
and goes on with paragraphs drawn from the other examples until it reaches the target length, so
the text reads like conflict news, has the example corpus's mix of actors, places and dates, and no
two generated articles are copies of each other. The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

from flashpoint.ingest.sources import expand_inputs, iter_articles
from flashpoint.models import Article
from flashpoint.pipeline import prepare

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"


@dataclass
class GeneratedArticle:
    doc_id: str
    title: str
    published: str | None
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def example_articles() -> list[Article]:
    """The English example articles, read the way `flashpoint ingest` reads them."""
    inputs, _missing = expand_inputs([str(EXAMPLES)])
    articles = []
    for item in inputs:
        for result in iter_articles(item):
            if isinstance(result, Article):
                article = prepare(result)
                if article.language == "en":
                    articles.append(article)
    return sorted(articles, key=lambda a: (a.source, a.title or ""))


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.split()) >= 8]


def generate(count: int, words: int, seed: int = 2026) -> list[GeneratedArticle]:
    sources = [a for a in example_articles() if paragraphs(a.text)]
    pool = [(i, p) for i, a in enumerate(sources) for p in paragraphs(a.text)[1:]]
    rng = random.Random(seed)
    generated = []
    for n in range(count):
        lead_index = n % len(sources)
        lead = sources[lead_index]
        body = [paragraphs(lead.text)[0]]
        while sum(len(p.split()) for p in body) < words:
            source_index, paragraph = rng.choice(pool)
            if source_index != lead_index and paragraph not in body:
                body.append(paragraph)
        title = lead.title or body[0][:60]
        generated.append(GeneratedArticle(f"bench-{n:04d}", title, lead.published, title + "\n\n" + "\n\n".join(body)))
    return generated


def write_txt(articles: list[GeneratedArticle], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.doc_id}.txt").write_text(article.text, encoding="utf-8")


def write_jsonl(articles: list[GeneratedArticle], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            record = {"id": article.doc_id, "title": article.title, "published": article.published, "text": article.text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Frontline Ledger</title>
<meta property="og:site_name" content="Frontline Ledger">
<meta name="date" content="{published}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporters</p>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning issued</a></li></ul></aside></main>
<footer><p>Share this:</p><p>&copy; Frontline Ledger. All rights reserved.</p></footer></body></html>
"""


def write_html(articles: list[GeneratedArticle], folder: Path) -> None:
    """The same articles as news pages with navigation, sidebars and footers around them."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        body = "\n".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n\n")[1:])
        page = PAGE.format(title=escape(article.title), published=article.published or "", paragraphs=body)
        (folder / f"{article.doc_id}.html").write_text(page, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--words", type=int, default=700)
    args = parser.parse_args()
    articles = generate(args.articles, args.words)
    write_txt(articles, args.folder / "txt")
    write_html(articles, args.folder / "html")
    write_jsonl(articles, args.folder / "articles.jsonl")
    total = sum(a.words for a in articles)
    print(f"{len(articles)} articles, {total} words (mean {total / len(articles):.0f}) in {args.folder}")


if __name__ == "__main__":
    main()
