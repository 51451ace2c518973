"""Shared pieces of the hardening suite: logging in as a demo role, crawling pages, reading forms.

Only the standard library and `requests`. Every loop here is bounded in count and time.
"""

import html.parser
import re
import sys
import time
import urllib.parse

import requests

PASSWORD = "Gaoxin@2026"
ROLES = ["admin", "staff", "invest", "grid", "enterprise", "resident"]
TIMEOUT = 30


def role_users(zone):
    """The seven demo logins: six roles of `zone` and the platform administrator."""
    return [f"{r}@{zone}" for r in ROLES] + ["platform"]


def check_loopback(base):
    host = urllib.parse.urlparse(base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing to run against {host}: loopback addresses only")


class Form:
    def __init__(self, action, method, enctype):
        self.action, self.method, self.enctype = action, method, enctype
        self.fields = []  # (name, type, value, attrs)
        self.selects = {}  # name -> [option values]
        self.buttons = []  # (name, value)


class PageParser(html.parser.HTMLParser):
    """Collects links and forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(
                Form(a.get("action") or "", (a.get("method") or "get").lower(), a.get("enctype") or "")
            )
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            t = (a.get("type") or "text").lower()
            if t in ("checkbox", "radio") and "checked" not in a:
                if t == "radio" and a["name"] not in [f[0] for f in self.forms[-1].fields]:
                    self.forms[-1].fields.append((a["name"], t, a.get("value") or "on", a))
                return
            if t == "submit":
                self.forms[-1].buttons.append((a["name"], a.get("value") or ""))
                return
            self.forms[-1].fields.append((a["name"], t, a.get("value") or "", a))
        elif tag == "button" and a.get("name"):
            self.forms[-1].buttons.append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.forms[-1].selects[self._select] = []
        elif tag == "option" and self._select is not None:
            self.forms[-1].selects[self._select].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.forms[-1].fields.append((a["name"], "textarea", "", a))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse(text):
    p = PageParser()
    try:
        p.feed(text)
    except Exception:  # a page the parser cannot read yields what it got so far
        pass
    return p


class Client:
    """A requests session logged in as one user, with the CSRF cookie at hand."""

    def __init__(self, base, user=None):
        self.base = base.rstrip("/")
        self.user = user
        self.s = requests.Session()
        self.s.headers["User-Agent"] = "gaoxin-hardening"
        self.requests = 0
        if user:
            self.login(user)

    def url(self, path):
        return path if path.startswith("http") else self.base + path

    def csrf(self):
        if "gx_csrf" not in self.s.cookies:
            self.get("/login")
        return self.s.cookies.get("gx_csrf", "")

    def get(self, path, **kw):
        self.requests += 1
        kw.setdefault("timeout", TIMEOUT)
        kw.setdefault("allow_redirects", False)
        return self.s.get(self.url(path), **kw)

    def post(self, path, data=None, files=None, **kw):
        self.requests += 1
        kw.setdefault("timeout", TIMEOUT)
        kw.setdefault("allow_redirects", False)
        data = dict(data or {})
        data.setdefault("_csrf", self.csrf())
        return self.s.post(self.url(path), data=data, files=files, **kw)

    def login(self, user, password=PASSWORD):
        r = self.post("/login", {"username": user, "password": password})
        if r.status_code not in (302, 303) or "/login" in r.headers.get("Location", ""):
            raise SystemExit(f"login as {user} failed: {r.status_code} {r.headers.get('Location')}")


SKIP_LINK = re.compile(r"logout|\.csv|/static/|/photo|/materials/|export|/metrics|/api/")


def crawl(client, start=("/",), limit=120, seconds=120):
    """Pages reachable from `start` by same-site links: {path: text}. Bounded by count and time."""
    seen, out, queue = set(), {}, list(start)
    per_pattern = {}  # at most two pages of one shape (/m/x/1, /m/x/2), so the crawl covers more shapes
    deadline = time.time() + seconds
    while queue and len(out) < limit and time.time() < deadline:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            r = client.get(path)
        except requests.RequestException:
            continue
        if r.status_code != 200 or "text/html" not in r.headers.get("Content-Type", ""):
            continue
        out[path] = r.text
        for href in parse(r.text).links:
            u = urllib.parse.urlparse(urllib.parse.urljoin(path, href))
            if u.netloc or not u.path.startswith("/") or SKIP_LINK.search(u.path):
                continue
            p = u.path + ("?" + u.query if u.query else "")
            # Keep the crawl from walking every page of every list.
            if re.search(r"[?&]page=([3-9]|\d\d)", p):
                continue
            shape = re.sub(r"\d+", "N", p)
            if p not in seen and per_pattern.get(shape, 0) < 2:
                per_pattern[shape] = per_pattern.get(shape, 0) + 1
                queue.append(p)
    return out


def healthy(base):
    try:
        return requests.get(base.rstrip("/") + "/healthz", timeout=10).status_code == 200
    except requests.RequestException:
        return False
