#!/usr/bin/env python3
"""XSS corpus: payloads through every text field each role can submit (every POST form the crawl reaches:
consultation questions, event descriptions, deliberation issues, points notes, department and resident
names, …), then every page that shows them (and the refused forms that echo them) -> 0 unescaped.

usage: xss.py BASE_URL
Unescaped means the browser would run it: a <script> whose text holds our marker, an on… attribute
holding it, or a javascript: URL in href/src/action/formaction. Prints "N fields × M payloads, K unescaped".
"""

import html.parser
import re
import sys
import time
import urllib.parse

import requests

from common import Client, check_loopback, crawl, healthy, parse, role_users

PAYLOADS = [
    "<script>gxx({n})</script>",
    '"><img src=x onerror=gxx({n})>',
    "'><svg onload=gxx({n})>",
    "javascript:gxx({n})",
    "{{{{gxx{n}}}}}<svg><script>gxx({n})</script></svg>",
    '" autofocus onfocus="gxx({n})',
    "' onmouseover='gxx({n})",
    "</textarea></title><script>gxx({n})</script>",
    "<a href=javascript:gxx({n})>x</a>",
    "<iframe srcdoc='<script>gxx({n})</script>'>",
]
SKIP_FORM = re.compile(r"logout|password|revoke|zones/switch|/login|/admin/users|/tokens")  # not the accounts
# Text fields that must hold a valid value for the form to be accepted at all.
FORMATTED = {
    "phone": "13800138000",
    "mobile": "13800138000",
    "reporter_phone": "13800138000",
    "email": "a@example.com",
}


def id_number(n):
    body = f"370102198{n % 10}0101{n % 1000:03d}"[:17]
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


class Finder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hits, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "gxx" in value:
                self.hits.append(f"<{tag} {name}={value[:40]}>")
            if name in ("href", "src", "action", "formaction", "srcdoc") and "gxx" in value:
                if value.strip().lower().startswith("javascript:") or name == "srcdoc":
                    self.hits.append(f"<{tag} {name}={value[:40]}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "gxx" in data:
            self.hits.append(f"<script>{data[:40]}")


def unescaped(text):
    f = Finder()
    try:
        f.feed(text)
    except Exception:
        return ["page the parser could not read"]
    return f.hits


def main():
    base = sys.argv[1].rstrip("/")
    check_loopback(base)
    started = time.time()
    fields, accepted, submitted, pages_checked = set(), 0, 0, 0
    findings, errors = [], []
    n = 0
    users = role_users("jinan") + ["admin@foshan", "staff@foshan", "enterprise@foshan"]
    for user in users:
        client = Client(base, user)
        pages = crawl(client, limit=80, seconds=60)
        done = set()
        for path, text in pages.items():
            for form in parse(text).forms:
                if form.method != "post":
                    continue
                action = urllib.parse.urljoin(path, form.action or path)
                texts = [name for name, t, *_ in form.fields if t in ("text", "textarea", "search", "url")]
                texts = [t for t in texts if t not in FORMATTED and t != "id_number"]
                key = (re.sub(r"/\d+", "/:id", action), tuple(texts))
                if SKIP_FORM.search(action) or not texts or key in done:
                    continue
                done.add(key)
                for p in PAYLOADS:
                    n += 1
                    payload = p.format(n=n)
                    data = {"_csrf": client.csrf()}
                    for name, t, value, attrs in form.fields:
                        if t == "file":
                            continue
                        if name in texts:
                            data[name] = payload
                        elif name in FORMATTED:
                            data[name] = FORMATTED[name]
                        elif name == "id_number":
                            data[name] = id_number(n)
                        elif name == "username":
                            data[name] = f"xss{n}@jinan"
                        else:
                            data[name] = value or ("2026-01-01" if t == "date" else "1")
                    for name, options in form.selects.items():
                        values = [o for o in options if o]
                        data[name] = values[0] if values else ""
                    for bn, bv in form.buttons[:1]:
                        data[bn] = bv
                    files = None
                    if "multipart" in form.enctype:
                        files = {nm: ("", b"", "application/octet-stream") for nm, t, *_ in form.fields if t == "file"}
                    try:
                        r = client.post(action, data, files=files)
                    except requests.RequestException as e:
                        errors.append(f"{user} POST {action}: {e}")
                        continue
                    submitted += 1
                    for t in texts:
                        fields.add(f"{key[0]} {t}")
                    if r.status_code >= 500:
                        errors.append(f"{user} POST {action}: {r.status_code}")
                    accepted += r.status_code in (302, 303)
                    # A refused form re-renders with the input: that echo must be escaped too.
                    for hit in unescaped(r.text):
                        findings.append(f"{user} POST {action} echo: {hit}")
                    loc = r.headers.get("Location")
                    if loc and r.status_code in (302, 303):
                        try:
                            shown = client.get(loc)
                            pages_checked += 1
                            for hit in unescaped(shown.text):
                                findings.append(f"{user} {loc} after POST {action}: {hit}")
                        except requests.RequestException:
                            pass
        print(f"  {user}: {len(done)} forms, {submitted} submitted so far, {accepted} accepted", flush=True)
        if not healthy(base):
            errors.append("server stopped answering /healthz")
            break
    # Enterprise names through the CSV import (a file, so the crawl's forms do not reach it): the first
    # exported row, renamed to a payload, updates that enterprise by its 统一社会信用代码.
    admin = Client(base, "admin@foshan")
    export = admin.get("/m/enterprises/export.csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    if export.status_code == 200 and len(lines) > 1:
        import csv
        import io
        header, row = next(csv.reader([lines[0]])), next(csv.reader([lines[1]]))
        name_col = header.index("企业名称")
        for p in PAYLOADS[:5]:
            n += 1
            row[name_col] = p.format(n=n)
            out = io.StringIO()
            csv.writer(out).writerows([header, row])
            r = admin.post("/m/enterprises/import", {}, files={"file": ("x.csv", out.getvalue().encode(), "text/csv")})
            submitted += 1
            accepted += r.status_code in (302, 303)
            fields.add("/m/enterprises/import CSV 企业名称")
            for hit in unescaped(r.text):
                findings.append(f"admin@foshan CSV import echo: {hit}")
            found = admin.get("/m/enterprises", params={"q": row[0]})
            for link in {h for h in parse(found.text).links if re.fullmatch(r"/m/enterprises/\d+", h)}:
                for path in (link, link + "/facts", link + "/certifications"):
                    pages_checked += 1
                    for hit in unescaped(admin.get(path).text):
                        findings.append(f"admin@foshan {path} after CSV import: {hit}")
    else:
        errors.append(f"CSV export for the import payloads: {export.status_code}")
    # Every page each role reaches (the lists, the public boards) after all the submissions.
    for user in users + [None]:
        client = Client(base, user)
        start = ("/", "/public/points/jinan", "/public/deliberation/jinan", "/m/policies")
        for path, text in crawl(client, start=start, limit=150, seconds=90).items():
            pages_checked += 1
            for hit in unescaped(text):
                findings.append(f"{user or 'public'} GET {path}: {hit}")
    findings = sorted(set(findings))
    print(f"{len(fields)} fields × {len(PAYLOADS)} payloads, {len(findings)} unescaped "
          f"({submitted} submissions, {accepted} accepted, {pages_checked} pages checked, "
          f"{len(errors)} server errors, {time.time() - started:.0f} s)")
    for line in (findings + errors)[:60]:
        print("  ", line)
    sys.exit(1 if findings or errors or accepted == 0 else 0)


if __name__ == "__main__":
    main()
