#!/usr/bin/env python3
"""Input extremes: every numeric field of every form, query and API body with 0, -1, Int64.max, 1e309,
text and a 10 000-character string -> no 5xx, and /healthz still answers after each batch.

usage: extremes.py BASE_URL TOKENS_FILE [SECONDS]
  TOKENS_FILE: lines "user token" (API bearer tokens, see run.sh); forms are reached by logging in.
Prints "N requests, M fields, K server errors"; exits 1 on any 5xx, a dropped connection or a dead server.
"""

import json
import re
import sys
import time
import urllib.parse

import requests

from common import Client, check_loopback, crawl, healthy, parse, role_users

EXTREMES = ["0", "-1", "9223372036854775807", "1e309", "text", "9" * 10_000]
JSON_EXTREMES = [0, -1, 9223372036854775807, 1e308, "text", "9" * 10_000, 92233720368547758070]
# Form fields the routes parse as numbers (grep of Sources/App form["…"] reads and inputmode=numeric|decimal).
NUMERIC = re.compile(
    r"^(page|year|month|quarter|week|day|days|points|cap_points|cap_per|progress|votes_(for|against|abstain)|"
    r"amount|approved_amount|requested_amount|benefit_amount|benefit_cap|budget|formula_percent|latitude|"
    r"longitude|grid_id|department_id|enterprise_id|zone_id|dual_area_id|item|id|m_rows|groups|g\d+_rows|"
    r"g\d+_r\d+_value|level|rating|score|employees|.*_count|.*revenue.*|.*_amount|.*_staff|.*_spend.*)$"
)
# Query parameters read as numbers by pages (grep queryParameters.get).
QUERY_NUMERIC = ["page", "year", "month", "quarter", "week", "grid", "jurisdiction_id", "per_page"]
# Forms that would end the session or lock the account.
SKIP_FORM = re.compile(r"logout|password|revoke|zones/switch|/login|/admin/users")

# Seconds for the whole run; the CI passes its own. The pages get 60% of it, the API the rest: a login or
# an API user not started in time is named and skipped (the first of each always runs), so a slow machine
# tries fewer roles instead of running past the CI's limit.
BUDGET = int(sys.argv[3]) if len(sys.argv) > 3 else 1200
errors, fields = [], set()
count = 0


def note(label, r):
    global count
    count += 1
    if r is None or r.status_code >= 500:
        errors.append(f"{label}: {'no answer' if r is None else r.status_code}")


def send(fn, label):
    try:
        note(label, fn())
    except requests.RequestException as e:
        note(label + f" ({type(e).__name__})", None)


def batch_done(base, label):
    if not healthy(base):
        print(f"server stopped answering /healthz after {label}")
        print(f"{count} requests, {len(fields)} fields, {len(errors) + 1} server errors")
        for e in errors[:40]:
            print("  ", e)
        sys.exit(1)


def form_data(form, client):
    data = {}
    for name, typ, value, attrs in form.fields:
        if typ == "file":
            continue
        data[name] = value or ("2026-01-01" if typ == "date" else "测试")
    for name, options in form.selects.items():
        values = [o for o in options if o]
        data[name] = values[0] if values else ""
    data["_csrf"] = client.csrf()
    return data


def forms_of(client, pages):
    seen = set()
    for path, text in pages.items():
        for form in parse(text).forms:
            if form.method != "post":
                continue
            action = urllib.parse.urljoin(path, form.action or path)
            if SKIP_FORM.search(action):
                continue
            key = (re.sub(r"/\d+", "/:id", action), tuple(sorted(n for n, *_ in form.fields)))
            if key in seen:
                continue
            seen.add(key)
            yield action, form


def main():
    base, tokens_file = sys.argv[1].rstrip("/"), sys.argv[2]
    check_loopback(base)
    started = time.time()
    queried = set()
    logins = [u for zone in ("jinan", "foshan") for u in role_users(zone) if not (u == "platform" and zone == "foshan")]
    for user in logins:
        if queried and time.time() - started > BUDGET * 0.6:
            print(f"  page time budget of {BUDGET * 0.6:.0f} s spent: {user} and later logins not tried", flush=True)
            break
        client = Client(base, user)
        pages = crawl(client, limit=80, seconds=90)
        # Query numbers on every page pattern that was reached (one page per pattern).
        patterns = {}
        for path in pages:
            bare = path.split("?")[0]
            patterns.setdefault(re.sub(r"/[0-9]+", "/:id", bare), bare)
        # A pattern's queries are tried once, by the first login that reaches it.
        for pattern, bare in patterns.items():
            if pattern in queried:
                continue
            queried.add(pattern)
            for q in QUERY_NUMERIC:
                fields.add(f"GET ?{q}")
                for v in EXTREMES:
                    send(lambda: client.get(bare, params={q: v}), f"{user} GET {bare}?{q}={v[:20]}")
        batch_done(base, f"{user} queries")
        for action, form in forms_of(client, pages):
            names = [n for n, t, *_ in form.fields if t != "hidden" or n not in ("_csrf", "next")]
            names += list(form.selects)
            numeric = [n for n in names if NUMERIC.match(n)]
            files = None
            if "multipart" in form.enctype:
                files = {n: ("", b"", "application/octet-stream") for n, t, *_ in form.fields if t == "file"}
            for n in numeric:
                fields.add(f"{re.sub(r'/[0-9]+', '/:id', action)} {n}")
                for v in EXTREMES:
                    data = form_data(form, client)
                    data[n] = v
                    for bn, bv in form.buttons[:1]:
                        data[bn] = bv
                    send(lambda: client.post(action, data, files=files), f"{user} POST {action} {n}={v[:20]}")
        batch_done(base, f"{user} forms")
        print(f"  {user}: {len(pages)} pages, {count} requests so far, {len(errors)} server errors", flush=True)
    # The API: integer query parameters, path ids and number properties of request bodies.
    api_extremes(base, tokens_file, started)
    print(f"{count} requests, {len(fields)} fields, {len(errors)} server errors ({time.time() - started:.0f} s)")
    for e in errors[:60]:
        print("  ", e)
    for f in sorted(fields):
        print("   field:", f)
    sys.exit(1 if errors else 0)


def resolve(doc, obj):
    while isinstance(obj, dict) and "$ref" in obj:
        node = doc
        for part in obj["$ref"].lstrip("#/").split("/"):
            node = node[part]
        obj = node
    return obj


def example(doc, schema, depth=0):
    schema = resolve(doc, schema)
    if depth > 4:
        return None
    if "enum" in schema:
        return schema["enum"][0]
    t = schema.get("type")
    if t == "object" or "properties" in schema:
        return {k: example(doc, v, depth + 1) for k, v in schema.get("properties", {}).items()}
    if t == "array":
        return [example(doc, schema.get("items", {}), depth + 1)]
    if t == "integer":
        return 1
    if t == "number":
        return 1.5
    if t == "boolean":
        return True
    fmt = schema.get("format")
    return "2026-01-01" if fmt == "date" else "测试"


def number_paths(doc, schema, prefix=(), depth=0):
    schema = resolve(doc, schema)
    if depth > 4:
        return
    if schema.get("type") in ("integer", "number"):
        yield prefix
    for k, v in schema.get("properties", {}).items():
        yield from number_paths(doc, v, prefix + (k,), depth + 1)
    if schema.get("type") == "array":
        yield from number_paths(doc, schema.get("items", {}), prefix + (0,), depth + 1)


def put_at(obj, path, value):
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value


def api_extremes(base, tokens_file, started):
    tokens = [line.split() for line in open(tokens_file) if line.strip()]
    # Every role once (济南's, the platform's) before a role again in another zone.
    tokens.sort(key=lambda t: 1 if t[0].endswith("@foshan") else 0)
    doc = requests.get(base + "/api/v1/openapi.json", timeout=30).json()
    api = base + "/api/v1"
    for n, (user, token) in enumerate(tokens):
        if n > 0 and time.time() - started > BUDGET:
            print(f"  time budget of {BUDGET} s spent: API as {user} and later users not tried", flush=True)
            break
        h = {"Authorization": f"Bearer {token}"}
        for path, item in doc["paths"].items():
            for method, op in item.items():
                if method == "parameters":
                    continue
                params = [resolve(doc, p) for p in op.get("parameters", []) + item.get("parameters", [])]
                ints = {p["name"]: p for p in params if resolve(doc, p.get("schema", {})).get("type") == "integer"}
                base_path = path
                for p in params:
                    if p["in"] == "path":
                        base_path = base_path.replace("{" + p["name"] + "}", "1")
                body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                body = example(doc, body_schema) if body_schema else None
                # Path and query integers.
                for name, p in ints.items():
                    fields.add(f"API {method.upper()} {path} {name}")
                    for v in EXTREMES:
                        if p["in"] == "path":
                            url = api + path.replace("{" + name + "}", urllib.parse.quote(v))
                            for q in params:
                                if q["in"] == "path" and q["name"] != name:
                                    url = url.replace("{" + q["name"] + "}", "1")
                            send(
                                lambda: requests.request(method, url, headers=h, json=body, timeout=30),
                                f"{user} {method.upper()} {path} {name}={v[:20]}",
                            )
                        else:
                            send(
                                lambda: requests.request(
                                    method, api + base_path, headers=h, params={name: v}, json=body, timeout=30
                                ),
                                f"{user} {method.upper()} {path}?{name}={v[:20]}",
                            )
                # Body numbers.
                if body_schema:
                    for np in number_paths(doc, body_schema):
                        fields.add(f"API {method.upper()} {path} body.{'.'.join(map(str, np))}")
                        for v in JSON_EXTREMES:
                            b = json.loads(json.dumps(body))
                            put_at(b, np, v)
                            raw = json.dumps(b).replace("1e+308", "1e309")
                            send(
                                lambda: requests.request(
                                    method,
                                    api + base_path,
                                    headers={**h, "Content-Type": "application/json"},
                                    data=raw.encode(),
                                    timeout=30,
                                ),
                                f"{user} {method.upper()} {path} body.{np}={str(v)[:20]}",
                            )
        batch_done(base, f"API as {user}")
        print(f"  API as {user}: {count} requests so far, {len(errors)} server errors", flush=True)


if __name__ == "__main__":
    main()
