#!/usr/bin/env python3
"""Build examples/corpus/warc/conflict-news-crawl.warc.gz, the bundled WARC example.

The archive is deterministic: fixed WARC-Date values and WARC-Record-IDs derived
from uuid5, so re-running this script gives byte-identical output.

Contents (in order):
  * one warcinfo record
  * for each of the four news pages below: a request record and a 200 response
    record with Content-Type text/html (full pages with menus, cookie banner,
    ads, share buttons, related stories, reader comments and footer)
  * a request + response for a PNG image (image/png)
  * a request + response for a JSON API call (application/json)

A reader should take only the four text/html responses as articles.
All articles are fictional and were written for this project.

Usage:  python examples/make_warc.py [OUTPUT_PATH]
"""
import html
import io
import json
import sys
import uuid
from datetime import datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_OUT = Path(__file__).resolve().parent / "corpus" / "warc" / "conflict-news-crawl.warc.gz"
NS = uuid.UUID("6f1c2a4e-3b0d-4e55-9a7e-5c1f0d2b8a10")

ARTICLES = [
    dict(
        title='Shelling of Abu Shouk camp in El Fasher kills 14, camp leaders say',
        outlet='Darfur Ledger',
        url='https://darfurledger.example/news/2024/12/17/abu-shouk-camp-shelling-el-fasher',
        date='2024-12-17T13:15:00+02:00',
        author='Adam Ishag',
        section='Darfur',
        date_style='meta',
        paragraphs=[
            'EL FASHER, Sudan, Dec. 17 — Artillery shells fired by the Rapid Support Forces hit the Abu Shouk camp for displaced people on the northern edge of El Fasher on Monday, killing 14 people, among them five children, and wounding dozens, camp leaders and a local medical group said.',
            "At least eight shells landed in the camp's central blocks shortly after morning prayers, according to Yahia Abakar Hamid, a spokesman for a coordination body representing displaced people in Darfur. One of them hit a Koranic school and another struck near a water point where women were queuing.",
            '“The children were sitting on the floor reading when the shell fell on the roof,” Hamid said. “What crime did they commit?”',
            'The RSF has besieged El Fasher, the last major city in Darfur still held by the army and its allied former rebel groups, since May. The paramilitary force has repeatedly shelled the city and the camps around it. The RSF did not respond to a request for comment, but it has previously denied targeting civilians and accused the army of using the camps as military positions.',
            'A doctor at the Saudi Hospital, one of the last functioning hospitals in El Fasher, said 37 wounded people were admitted on Monday. "We do not have enough anaesthetics, and we are operating by torchlight when the generator fails," he said, asking not to be named for his safety.',
            'Abu Shouk and the nearby Zamzam camp together shelter more than 500,000 people, many of whom fled earlier waves of violence in Darfur two decades ago. A famine was confirmed in Zamzam in August, and aid agencies have warned that Abu Shouk is in a similar situation.',
            'Minni Minnawi\'s Sudan Liberation Army faction, which fights alongside the army in El Fasher, said its forces had repelled an RSF ground assault on the city\'s eastern front on Sunday. The RSF said in a statement that its fighters "will enter El Fasher soon", a claim it has made repeatedly since the summer.',
            'The United Nations said last month that at least 782 civilians had been killed in El Fasher since the siege began. The real number is likely to be much higher, it said.',
        ],
    ),
    dict(
        title='Insurgents attack Macomia in Cabo Delgado, forcing thousands to flee',
        outlet='Rovuma Times',
        url='https://rovumatimes.example.com/cabo-delgado/insurgents-attack-macomia',
        date='2024-05-13T08:00:00+02:00',
        author='Celso Muianga',
        section='Cabo Delgado',
        date_style='jsonld',
        paragraphs=[
            "PEMBA, Mozambique, May 13 — Fighters linked to the Islamic State group attacked the town of Macomia in Mozambique's northern Cabo Delgado province on Friday, looting shops and the town's health centre and fighting the army for several hours before withdrawing, residents and security sources said.",
            'More than 100 insurgents entered Macomia from several directions at dawn, according to a local official who spoke on condition of anonymity. He said at least three soldiers and two civilians were killed, and that the attackers had seized food, medicines and a number of vehicles, including two belonging to an aid organisation.',
            "“They walked in the streets as if the town belonged to them,” said Amina Salimo, a market trader who hid with her children in a neighbour's house. “They told the people not to be afraid, that they only wanted the soldiers.”",
            'Mozambique\'s defence ministry said that the defence and security forces had "repelled an incursion by terrorists" and that the situation in Macomia was "calm". It gave no casualty figures. Islamic State claimed the attack through its Amaq news agency, saying its fighters had killed "dozens" of Mozambican soldiers.',
            'About 4,000 people fled Macomia and surrounding villages after the attack, most of them towards the coast and the district of Mucojo, the International Organization for Migration said. Many had returned to the town only last year after being displaced by earlier fighting.',
            'The insurgency in Cabo Delgado began in October 2017 and has killed more than 4,000 people and displaced about a million. Troops from Rwanda and from the Southern African Development Community pushed the insurgents out of most towns in 2021 and 2022, but the SADC mission is due to leave by July, and analysts have warned of a resurgence.',
            '“The insurgents are sending a message to the SADC countries and to the government,” said Joaquim Nhantumbo, a researcher at a Maputo-based policy institute. “They are saying: when you leave, we will still be here.”',
            'Provincial governor\'s spokesman Abílio Mussa said the government would send reinforcements to Macomia and that aid deliveries would resume "as soon as the roads are secure". Aid agencies said on Monday that they had suspended operations in the district for at least a week.',
        ],
    ),
    dict(
        title='Fano militia and army clash near Bahir Dar; drone strike kills civilians, residents say',
        outlet='Highlands Report',
        url='https://highlandsreport.example/ethiopia/amhara/fano-army-clash-bahir-dar-drone-strike',
        date='2024-10-08T19:00:00+03:00',
        author='Dawit Alemu',
        section='Amhara',
        date_style='time',
        paragraphs=[
            'ADDIS ABABA, Oct. 8 — Fighting between Ethiopian federal forces and Fano militiamen flared on the outskirts of Bahir Dar, the capital of the Amhara region, over the weekend, and a drone strike on a village east of the city killed at least eight civilians, residents and a health worker said.',
            'The drone hit a gathering of people outside a church in the village of Wanzaye on Sunday afternoon, after a funeral, according to two residents. A health worker at a clinic in the area said eight bodies had been brought in and that 15 people were treated for injuries. “There were no fighters at the church, only mourners,” one resident said. “The drone came and then there was smoke everywhere.”',
            'The government\'s communication service did not respond to a request for comment. Ethiopian officials have previously said that operations in Amhara target only "extremist forces" and have denied killing civilians in drone strikes.',
            'Fano, a loose network of Amhara nationalist militias that fought alongside the federal army against Tigrayan forces in 2020-2022, turned against the government in August 2023 after it announced plans to disarm regional forces. Since then, the militias have seized control of large parts of the countryside and briefly entered several towns, including Lalibela and Gondar.',
            'A Fano commander in the area, who gave his name as Yohannes Mesfin, said his fighters had attacked army positions near the Abay bridge on Saturday and had killed "many soldiers". “We will not stop until the regime falls,” he said by telephone. His claims could not be verified, and the army did not give its own account of the fighting.',
            'In late September, the federal government launched what it called a new "law enforcement operation" in Amhara, deploying thousands of additional troops, and officials have said it will continue until the militias are defeated. A state of emergency imposed on the region in August 2023 expired in June, but internet access remains severely restricted.',
            'A rights group monitoring the conflict said in a report last month that dozens of civilians had been killed in drone strikes in Amhara since January, and called on all parties to respect international humanitarian law. Diplomats in Addis Ababa said the conflict risked becoming as protracted as the war in Tigray, which killed hundreds of thousands of people.',
        ],
    ),
    dict(
        title='Puntland forces capture Islamic State cave base in Cal Miskaad mountains',
        outlet='Gulf of Aden Review',
        url='https://gulfofadenreview.example.com/somalia/puntland-forces-capture-islamic-state-cave-base',
        date='2025-02-24T11:30:00+03:00',
        author='Mohamed Said Abdi',
        section='Puntland',
        date_style='meta',
        paragraphs=[
            "BOSASO, Somalia, Feb. 24 — Security forces of Somalia's semi-autonomous Puntland region said on Monday they had captured a network of caves used as a base by the Islamic State group in the Cal Miskaad mountains, killing at least 16 militants in two days of fighting.",
            'The caves, in a valley about 60 kilometres south of the port of Bosaso, had been used to store weapons, explosives and food, according to Colonel Abdirizak Ali Warsame, a commander of the Puntland Security Force. He said three of his soldiers were killed and seven were wounded in the fighting on Saturday and Sunday.',
            '“We found bomb-making materials, drones and documents in foreign languages,” Warsame told journalists near the front line. “These are not local fighters. Many of them came from abroad.” He said the forces would push on to clear the remaining strongholds in the mountains "within weeks".',
            "Puntland launched its offensive against Islamic State in Somalia in late December, after the group attacked a military base in the region, killing more than 20 soldiers. Officials said in January that the group's fighters had been pushed out of more than 20 villages, and the United States has carried out several air strikes in support of the campaign.",
            'Islamic State in Somalia was formed in 2015 by fighters who broke away from al-Shabaab, and for years it was considered a small group with a few hundred members. But U.N. experts say it has grown rapidly since 2023, recruiting hundreds of foreign fighters from Ethiopia, Sudan, Tanzania and the Arab world, and that its financial office in Puntland, known as al-Karrar, sends money to Islamic State affiliates across Africa.',
            '"The group has probably 600 to 800 fighters now, perhaps more," said Hodan Ismail Jama, a Garowe-based security analyst. "The caves gave them a fortress. Losing them will hurt, but they will try to disperse and go underground."',
            'Puntland officials denied reports that clan militias fighting alongside the security forces had executed prisoners. A spokesman for the regional government said 27 suspected militants had been captured since December and would face trial in military courts.',
        ],
    ),
]


def _esc(s):
    return html.escape(s, quote=False)


def _human(date):
    d = datetime.fromisoformat(date)
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def render_page(a):
    base = "/".join(a["url"].split("/")[:3])
    title, outlet = a["title"], a["outlet"]
    head = [
        "<!doctype html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_esc(title)} - {_esc(outlet)}</title>",
        f'<link rel="canonical" href="{a["url"]}">',
        f'<meta property="og:site_name" content="{html.escape(outlet)}">',
        f'<meta property="og:title" content="{html.escape(title)}">',
        '<meta property="og:type" content="article">',
    ]
    if a["date_style"] == "meta":
        head.append(f'<meta property="article:published_time" content="{a["date"]}">')
        head.append(f'<meta name="author" content="{html.escape(a["author"])}">')
    elif a["date_style"] == "jsonld":
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": a["date"],
            "author": {"@type": "Person", "name": a["author"]},
            "publisher": {"@type": "Organization", "name": outlet},
            "mainEntityOfPage": a["url"],
        }
        head.append('<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False) + "</script>")
    head += [f'<link rel="stylesheet" href="{base}/static/css/app.css">', "</head>"]
    if a["date_style"] == "time":
        when = f'<time datetime="{a["date"]}">{_human(a["date"])}</time>'
    else:
        when = f'<span class="date">{_human(a["date"])}</span>'
    body = [
        '<body class="article-page">',
        '<div class="cookie-consent" id="cookie-consent"><p>This website uses cookies. We use cookies to remember your settings and to measure traffic.</p><button>I agree</button><a href="/cookies">Learn more</a></div>',
        f'<header class="top"><a class="brand" href="{base}/">{_esc(outlet)}</a>',
        '<nav class="menu"><ul>'
        + "".join(f'<li><a href="{base}/{s.lower()}">{s}</a></li>' for s in ("News", "Africa", "Security", "Humanitarian", "Analysis", "Multimedia", "About"))
        + "</ul></nav></header>",
        '<div class="advert advert-top"><p class="advert-label">Advertisements</p><iframe src="about:blank" title="advertisement"></iframe></div>',
        '<main class="layout">',
        f'<ol class="breadcrumbs"><li><a href="{base}/">Home</a></li><li><a href="{base}/news">News</a></li><li><a href="{base}/news/{a["section"].lower().replace(" ", "-")}">{_esc(a["section"])}</a></li></ol>',
        '<article class="story">',
        f'<h1 class="story-title">{_esc(title)}</h1>',
        f'<p class="story-meta">By <a href="{base}/authors/{a["author"].lower().replace(" ", "-")}">{_esc(a["author"])}</a> | {when}</p>',
        '<div class="story-body">',
    ]
    for i, p in enumerate(a["paragraphs"]):
        body.append(f"<p>{_esc(p)}</p>")
        if i == 3:
            body.append('<aside class="advert advert-inline"><p class="advert-label">Advertisements</p><iframe src="about:blank" title="advertisement"></iframe></aside>')
    body += [
        "</div>",
        '<div class="share"><span>Share this:</span> '
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={html.escape(a["url"])}">Facebook</a> '
        f'<a href="https://twitter.com/intent/tweet?url={html.escape(a["url"])}">Twitter</a> '
        f'<a href="https://www.linkedin.com/shareArticle?url={html.escape(a["url"])}">LinkedIn</a> '
        '<a href="mailto:?subject=From%20our%20site">Email</a></div>',
        "</article>",
        '<section class="related"><h2>Related stories</h2><ul>'
        f'<li><a href="{base}/news/1">Aid agencies warn of funding gap as needs soar</a></li>'
        f'<li><a href="{base}/news/2">Explainer: who is fighting whom</a></li>'
        f'<li><a href="{base}/news/3">Photo essay: life in the camps</a></li></ul></section>',
        '<section class="comments" id="comments"><h2>2 Comments</h2>'
        '<div class="comment"><p class="comment-author">Hassan A.</p><p class="comment-text">Thank you for reporting what others ignore. Please keep covering this.</p></div>'
        '<div class="comment"><p class="comment-author">M. Okello</p><p class="comment-text">The figures in the third paragraph do not match what the radio said this morning.</p></div>'
        '<div id="respond"><h3>Leave a Reply</h3><form class="comment-form" method="post" action="/comments"><textarea name="comment" placeholder="Your comment"></textarea><input name="name" placeholder="Name *"><input name="email" placeholder="Email *"><button type="submit">Post Comment</button></form></div>'
        "</section>",
        "</main>",
        f'<footer class="bottom"><p><a href="{base}/about">About</a> | <a href="{base}/contact">Contact</a> | <a href="{base}/privacy">Privacy</a></p>'
        f"<p>Copyright © {a['date'][:4]} {_esc(outlet)}. All rights reserved.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(head + body) + "\n"


# a 1x1 transparent PNG (fixed bytes)
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def _rid(name):
    return f"<urn:uuid:{uuid.uuid5(NS, name)}>"


def _warc_date(i):
    # fixed capture times, one minute apart
    return f"2025-03-20T06:{i:02d}:00Z"


def build(out_path=DEFAULT_OUT):
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    n = 0

    info = writer.create_warcinfo_record(
        out_path.name,
        {"software": "flashpoint examples/make_warc.py", "format": "WARC File Format 1.0",
         "description": "Fictional example crawl for Flashpoint"},
    )
    info.rec_headers.replace_header("WARC-Date", _warc_date(n))
    info.rec_headers.replace_header("WARC-Record-ID", _rid("warcinfo"))
    writer.write_record(info)

    def pair(url, ctype, payload, charset=True):
        nonlocal n
        n += 1
        host = url.split("/")[2]
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        req_headers = StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            [("Host", host), ("User-Agent", "Mozilla/5.0 (compatible; ExampleCrawler/1.0)"),
             ("Accept", "*/*"), ("Accept-Encoding", "identity")],
            is_http_request=True,
        )
        req = writer.create_warc_record(url, "request", http_headers=req_headers,
                                        warc_headers_dict={"WARC-Date": _warc_date(n),
                                                           "WARC-Record-ID": _rid("req:" + url)})
        resp_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", ctype), ("Content-Length", str(len(payload))),
             ("Date", "Thu, 20 Mar 2025 06:%02d:00 GMT" % n), ("Server", "nginx"),
             ("Cache-Control", "max-age=300")],
            protocol="HTTP/1.1",
        )
        resp = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                         length=len(payload), http_headers=resp_headers,
                                         warc_headers_dict={"WARC-Date": _warc_date(n),
                                                            "WARC-Record-ID": _rid("resp:" + url)})
        req.rec_headers.add_header("WARC-Concurrent-To", _rid("resp:" + url))
        writer.write_record(req)
        writer.write_record(resp)

    for i, a in enumerate(ARTICLES):
        # the third page is served without a charset parameter
        ctype = "text/html" if i == 2 else "text/html; charset=utf-8"
        pair(a["url"], ctype, render_page(a).encode("utf-8"))

    pair("https://darfurledger.example/static/img/pixel.png", "image/png", PNG_BYTES)
    api = {"status": "ok", "items": [{"id": 1, "headline": "Most read"}, {"id": 2, "headline": "Weather"}]}
    pair("https://rovumatimes.example.com/api/v1/most-read.json", "application/json",
         json.dumps(api, indent=2).encode("utf-8"))

    out_path.write_bytes(buf.getvalue())
    return out_path


if __name__ == "__main__":
    p = build(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT)
    print(p)
