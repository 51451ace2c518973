#!/usr/bin/env python3
"""Upload corpus: SVG with script, HTML named .png, a PNG/HTML polyglot, a 25 MB file and a file with a lying
Content-Type through every upload route -> each refused, or stored and then served inert: as an attachment,
or as a verified raster image (its bytes are that image type) with nosniff and a CSP that runs no script.

usage: uploads.py BASE_URL OPEN311_KEY_JINAN [TOKENS_FILE]
Routes: event report (grid@jinan), points declaration (resident@jinan), application materials
(enterprise@foshan), 政务服务 online application (resident@xiangtan), 政务服务 catalogue material blank form and
sample (admin@xiangtan), Open311 POST requests media, and with TOKENS_FILE (lines "user token") the 政务服务 API
online application with Base64 files (resident@xiangtan). Prints "N routes × M files: R refused, S served inert,
K unsafe".
"""

import re
import struct
import sys
import time
import urllib.parse
import zlib

import requests

from common import Client, check_loopback, healthy, parse


def png(extra=b""):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x00\x00\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + extra + chunk(b"IEND", b""))


SCRIPT_HTML = b"<html><body><script>gxx(1)</script></body></html>"
FILES = [
    ("svg-script", "x.svg", "image/svg+xml",
     b'<svg xmlns="http://www.w3.org/2000/svg" onload="gxx(1)"><script>gxx(2)</script></svg>'),
    ("html-as-png", "photo.png", "image/png", SCRIPT_HTML),
    ("png-html-polyglot", "poly.png", "image/png", png(b"<html><script>gxx(3)</script></html>")),
    ("oversize-25MB", "big.png", "image/png", png() + b"\x00" * (25 * 1024 * 1024)),
    ("lying-content-type", "photo.jpg", "image/jpeg", b"<!DOCTYPE html>" + SCRIPT_HTML),
]
MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff", "image/gif": b"GIF8", "image/webp": b"RIFF"}


def inert(r):
    """Why a served user file is safe, or None."""
    h = {k.lower(): v for k, v in r.headers.items()}
    if "attachment" in h.get("content-disposition", "").lower():
        return "attachment"
    ctype = h.get("content-type", "").split(";")[0].strip().lower()
    csp = h.get("content-security-policy", "")
    if ctype in MAGIC and r.content.startswith(MAGIC[ctype]) and h.get("x-content-type-options", "") == "nosniff":
        directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.split()}
        script = directives.get("script-src", directives.get("default-src"))
        no_script = "sandbox" in directives or script == ["'none'"]
        if no_script:
            return "verified image, nosniff, CSP without script"
    return None


def fill(form, client):
    data = {"_csrf": client.csrf()}
    for name, t, value, attrs in form.fields:
        if t == "file":
            continue
        if name in ("phone", "mobile", "reporter_phone", "applicant_phone"):
            value = "13800138000"
        if name == "copies":
            value = "1"
        data[name] = value or ("2026-01-01" if t == "date" else "上传测试")
    for name, options in form.selects.items():
        values = [o for o in options if o]
        data[name] = values[0] if values else ""
    if "latitude" in data:
        data["latitude"], data["longitude"] = "36.66", "117.12"
    return data


class Tally:
    def __init__(self):
        self.refused, self.inert, self.unsafe, self.errors = 0, 0, [], []

    def served(self, label, client_get, url):
        try:
            r = client_get(url)
        except requests.RequestException as e:
            self.errors.append(f"{label}: GET {url}: {e}")
            return
        if r.status_code != 200:
            self.refused += 1  # stored but not served at all
            return
        why = inert(r)
        if why:
            self.inert += 1
        else:
            h = r.headers
            self.unsafe.append(f"{label}: {url} served inline as {h.get('Content-Type')} "
                               f"(nosniff={h.get('X-Content-Type-Options')}, CSP={h.get('Content-Security-Policy')})")


def page_upload(t, base, user, form_path, file_link, label):
    client = Client(base, user)
    page = client.get(form_path)
    forms = [f for f in parse(page.text).forms if "multipart" in f.enctype]
    if page.status_code != 200 or not forms:
        t.errors.append(f"{label}: no upload form at {form_path} ({page.status_code})")
        return
    form = forms[0]
    action = urllib.parse.urljoin(form_path, form.action or form_path)
    file_fields = [n for n, ty, *_ in form.fields if ty == "file"]
    for kind, name, ctype, body in FILES:
        data = fill(form, client)
        files = {f: (name, body, ctype) for f in file_fields}
        try:
            r = client.post(action, data, files=files, timeout=120)
        except requests.RequestException:
            t.refused += 1  # the connection closed on an oversize body: refused while reading
            continue
        if r.status_code >= 500:
            t.errors.append(f"{label} {kind}: {r.status_code}")
        elif r.status_code in (302, 303) and r.headers.get("Location"):
            shown = client.get(r.headers["Location"])
            # The newest file (highest id) is the one just uploaded.
            links = sorted({h for h in parse(shown.text).links if re.search(file_link, h)},
                           key=lambda h: [int(x) for x in re.findall(r"\d+", h)])
            if not links:
                t.refused += 1  # accepted the form, kept no file
            for link in links[-len(file_fields):]:
                t.served(f"{label} {kind}", client.get, urllib.parse.urljoin(r.headers["Location"], link))
        else:
            t.refused += 1
        print(f"  {label} {kind}: {r.status_code}", flush=True)


def open311_upload(t, base, key):
    api = base + "/open311/v2"
    admin = Client(base, "admin@jinan")
    services = requests.get(f"{api}/services.json", params={"jurisdiction_id": "jinan"}, timeout=30).json()
    code = services[0]["service_code"]
    for kind, name, ctype, body in FILES:
        data = {"jurisdiction_id": "jinan", "api_key": key, "service_code": code, "lat": "36.66", "long": "117.12",
                "description": "上传测试 open311", "email": "a@example.com"}
        try:
            r = requests.post(f"{api}/requests.json", data=data, files={"media": (name, body, ctype)}, timeout=120)
        except requests.RequestException:
            t.refused += 1
            continue
        print(f"  open311 {kind}: {r.status_code}", flush=True)
        if r.status_code >= 500:
            t.errors.append(f"open311 {kind}: {r.status_code}")
            continue
        if r.status_code >= 300:
            t.refused += 1
            continue
        answer = r.json()
        rid = (answer[0] if isinstance(answer, list) else answer).get("service_request_id")
        if not rid:
            t.refused += 1
            continue
        one = requests.get(f"{api}/requests/{rid}.json", params={"jurisdiction_id": "jinan", "api_key": key},
                           timeout=30).json()
        media = (one[0] if isinstance(one, list) and one else {}).get("media_url")
        if media:
            u = urllib.parse.urlparse(media)
            t.served(f"open311 {kind} media_url", lambda url: requests.get(url, timeout=30), base + u.path + (
                "?" + u.query if u.query else ""))
        # The stored media is the event's photo, which grid workers and admins open from the event page.
        t.served(f"open311 {kind} event photo", admin.get, f"/m/governance/events/{rid}/photo")


def service_api_upload(t, base, token):
    """The 政务服务 API's online application: every file of the corpus as Base64 for each material."""
    import base64
    api = base + "/api/v1"
    auth = {"Authorization": f"Bearer {token}"}
    bundles = requests.get(f"{api}/services/bundles", params={"event": "birth"}, headers=auth, timeout=30).json()
    if not bundles.get("items"):
        t.errors.append("service api: no 出生一件事 bundle for resident@xiangtan")
        return
    bundle = bundles["items"][0]["id"]
    detail = requests.get(f"{api}/services/bundles/{bundle}", headers=auth, timeout=30).json()
    upload = [m["id"] for m in detail["materials"] if not m.get("filledFrom")]
    resident = Client(base, "resident@xiangtan")
    for kind, name, ctype, body in FILES:
        encoded = base64.b64encode(body).decode()
        payload = {"bundleId": bundle, "channel": "online", "applicantName": "上传测试", "applicantPhone": "13800138000",
                   "files": [{"materialId": m, "fileName": name, "contentBase64": encoded} for m in upload]}
        try:
            r = requests.post(f"{api}/services/online-applications", json=payload, headers=auth, timeout=300)
        except requests.RequestException:
            t.refused += 1
            continue
        print(f"  service api {kind}: {r.status_code}", flush=True)
        if r.status_code >= 500:
            t.errors.append(f"service api {kind}: {r.status_code}")
        elif r.status_code == 201:
            case = r.json()["id"]
            for m in r.json().get("handedIn", []):
                t.served(f"service api {kind}", resident.get, f"/m/services/applications/{case}/files/{m}")
        else:
            t.refused += 1


def service_pages(t, base):
    """The 政务服务 online application page (resident) and the catalogue's material form (admin)."""
    resident = Client(base, "resident@xiangtan")
    bundles = sorted({h for h in parse(resident.get("/m/services?event=birth&audience=person").text).links
                      if re.search(r"/m/services/bundles/\d+$", h)})
    if not bundles:
        t.errors.append("service pages: no bundle for resident@xiangtan")
        return 0
    page_upload(t, base, "resident@xiangtan", bundles[0] + "/apply", r"/m/services/applications/\d+/files/\d+",
                "service application")
    bundle = bundles[0].rsplit("/", 1)[1]
    page_upload(t, base, "admin@xiangtan", f"/m/services/catalogue/bundles/{bundle}/materials/new",
                r"/m/services/materials/\d+/(blank|sample)", "service catalogue material")
    return 2


def main():
    base, key = sys.argv[1].rstrip("/"), sys.argv[2]
    check_loopback(base)
    started = time.time()
    t = Tally()
    page_upload(t, base, "grid@jinan", "/m/governance/events/new", r"/events/\d+/photo", "event report")
    page_upload(t, base, "resident@jinan", "/m/governance/points/declare", r"/entries/\d+/photo", "points declaration")
    # An item enterprise@foshan may apply to: the first apply link of its policy desk.
    ent = Client(base, "enterprise@foshan")
    apply = None
    for start in ("/m/policies/mine", "/m/policies"):
        links = [h for h in parse(ent.get(start).text).links if re.search(r"/items/\d+$", h)]
        for link in links[:20]:
            if re.search(r"/items/\d+/apply\"|/apply$", ent.get(link).text):
                apply = link + "/apply"
                break
        if apply:
            break
    if apply:
        page_upload(t, base, "enterprise@foshan", apply, r"/materials/", "application materials")
    else:
        t.errors.append("application materials: no item enterprise@foshan can apply to")
    routes = 4 + service_pages(t, base)
    open311_upload(t, base, key)
    if len(sys.argv) > 3:
        tokens = dict(line.split(None, 1) for line in open(sys.argv[3]).read().splitlines() if " " in line)
        if "resident@xiangtan" in tokens:
            service_api_upload(t, base, tokens["resident@xiangtan"].strip())
            routes += 1
    if not healthy(base):
        t.errors.append("server stopped answering /healthz")
    print(f"{routes} routes × {len(FILES)} files: {t.refused} refused, {t.inert} served inert, {len(t.unsafe)} unsafe, "
          f"{len(t.errors)} errors ({time.time() - started:.0f} s)")
    for line in t.unsafe + t.errors:
        print("  ", line)
    sys.exit(1 if t.unsafe or t.errors else 0)


if __name__ == "__main__":
    main()
