"""Accessibility (issue 18): axe-core on every page of every role, the public and error pages, in normal and 长辈模式.
Each role signs in and its pages are crawled from its own navigation (one page per address shape, so
/m/enterprises/12 and /m/enterprises/13 count once and a new page is found without being listed here),
capped per role; the public pages, the login page and the 403/404 pages (also under /m/…) are added.
Every page variant is checked by axe-core (WCAG 2.0/2.1 A and AA plus axe's best practices) as it is, and
measured again after the 长辈模式 link has set its cookie: body type under 18px and links, buttons or fields
under 44px high fail. 长辈模式 changes the stylesheet, not the markup, so axe-core checks it again on the
first page of each module (/m/x, /admin/x, /public/x…): its colours and contrast are the module's.
A variant is the address shape with the page's forms (their actions): a page another role showed with the
same forms was checked already, so it is only read for its links, while a role that sees other forms on it
has it checked again (axe-core on every role's every page in both modes took 40 minutes of CI for the same
templates). Any violation fails the check, printed as page × rule × nodes.
Usage: python3 test_a11y.py http://127.0.0.1:PORT [screenshot-dir]
Environment: A11Y_MAX_PAGES (pages per role, default 200), A11Y_ROLES (space-separated logins)."""
import importlib.util
import os
import re
import sys
import time
from urllib.parse import urljoin, urlsplit

from selenium.webdriver.common.by import By

from test_roles import BASE, PASSWORD, SHOTS, browser, click_and_wait, login

def packaged_axe():
    """axe-core's script from PyPI: axe-playwright-python ships axe-core 4.x (the WCAG 2.1 rules),
    installed with --no-deps only for its axe.min.js; axe-selenium-python's 3.1.1 is the fallback."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
        if os.path.exists(path):
            return path
    try:
        from axe_selenium_python.axe import _DEFAULT_SCRIPT

        return _DEFAULT_SCRIPT
    except ImportError:
        return None


LOCAL_AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "axe.min.js")
AXE_SCRIPT = LOCAL_AXE if os.path.exists(LOCAL_AXE) else packaged_axe()

ELDER_COOKIE = "gx_elder"
MAX_PAGES = int(os.environ.get("A11Y_MAX_PAGES", "200"))
ROLES = os.environ.get(
    "A11Y_ROLES",
    "platform admin@foshan staff@foshan invest@foshan enterprise@foshan admin@jinan grid@jinan points@jinan resident@jinan"
    # 政务服务 (湘潭), 助企 (沈阳) and 共享法庭 (济南) have their demo data in those zones.
    " admin@xiangtan service@xiangtan resident@xiangtan admin@shenyang enterprise@shenyang staff@jinan enterprise@jinan",
).split()
# Pages without a login: the home page, the sign-in and activation pages and what the public navigation reaches.
PUBLIC = ["/", "/login", "/activate", "/public/points/jinan", "/public/deliberation/jinan"]
# A page meant for printing (the published monthly points notice).
PRINTABLE = "/public/points/jinan/2026-10/notice"
# Error pages: an unknown address, an unknown one under /m/…, a record that does not exist.
NOT_FOUND = ["/no-such-page", "/m/no-such-module", "/m/governance/no-such-page", "/m/enterprises/999999999"]
# A page each of these roles may not open: the 403 page.
FORBIDDEN = {"resident@jinan": "/admin/users", "enterprise@foshan": "/admin/audit"}
# Links that change something, download a file or leave the pages: never followed.
SKIP = re.compile(
    r"(/logout|/elder-mode|/static/|/api/|/open311/|/healthz|/metrics|\.csv|\.json|\.geojson|\.xml|"
    r"/photo|/materials/|/files/|/download|/export|/template|\.xlsx|format=)",
    re.I,
)
# The rule sets asked for; an older axe-core without the 2.1 tags runs those it has.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

violations_found = 0
pages_checked = 0
variants_checked = set()  # shape + forms, across roles
modules_checked_elder = set()  # the first two segments of the address
problems = []  # (page, mode, rule, impact, nodes)


def shape(url):
    """The address with its numbers and query values blanked: one page per template and filter set."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/{id}", parts.path)
    keys = sorted({kv.split("=", 1)[0] for kv in parts.query.split("&") if kv}) if parts.query else []
    return path + ("?" + "&".join(keys) if keys else "")


def same_site(url):
    return url.startswith(BASE + "/") or url == BASE


def axe(driver):
    with open(AXE_SCRIPT, encoding="utf8") as f:
        driver.execute_script(f.read())
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1], wanted = arguments[0], known = {};"
        "axe.getRules().forEach(function (r) { r.tags.forEach(function (t) { known[t] = true; }); });"
        "var tags = wanted.filter(function (t) { return known[t]; });"
        "axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(function (r) { done(r.violations); },"
        " function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });",
        AXE_TAGS,
    )


def set_elder(driver, on):
    if on:
        driver.add_cookie({"name": ELDER_COOKIE, "value": "1", "path": "/"})
    else:
        driver.delete_cookie(ELDER_COOKIE)


# 长辈模式's promises, measured on the page as shown: the mode is on, body type ≥ 18px, every visible
# link, button and field (not the boxes of checkboxes and radios, whose labels are the targets) ≥ 44px high.
ELDER_MEASURE = """
var small = [...document.querySelectorAll('a, button, input, select, textarea')]
  .filter(e => e.offsetParent && !['hidden', 'checkbox', 'radio'].includes(e.type))
  .filter(e => !e.closest('.skip-link, .visually-hidden, .default-submit') && e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 120));
return [document.documentElement.className, parseFloat(getComputedStyle(document.body).fontSize), small];
"""


def elder_problems(driver):
    mode_class, size, small = driver.execute_script(ELDER_MEASURE)
    if "elder" not in (mode_class or ""):
        yield "elder-mode-missing", ["<html> has no class elder"]
    if size < 18:
        yield "elder-font-size", [f"body font {size}px, under 18px"]
    if small:
        yield "elder-target-size", small


# What the crawl reads of a page in one call (a WebDriver call per link cost more than axe-core): its links
# (those in SVG maps too), and the forms' actions (numbers blanked) as the variant's second half.
READ = """
return [[...document.querySelectorAll('nav.site-nav a, .subnav a, main a')]
    .map(a => typeof a.href === 'string' ? a.href : new URL(a.href.baseVal, document.baseURI).href),
  [...new Set([...document.forms].map(f => (f.getAttribute('action') || '').replace(/\\/\\d+(?=\\/|$|\\?)/g, '/{id}')))]
    .sort().join(' ')];
"""


def run_axe(driver, who, url, mode):
    global pages_checked, violations_found
    for v in axe(driver):
        nodes = [", ".join(n.get("target", [])) + "  " + (n.get("html") or "")[:160] for n in v.get("nodes", [])]
        problems.append((url, who, mode, v["id"] + " — " + v.get("help", ""), v.get("impact"), nodes))
        violations_found += 1
    pages_checked += 1


def check_page(driver, who, url):
    """Open `url`; if no role's crawl has checked this variant yet, run axe on it and measure it in
    长辈模式 (with axe again on a module's first page); returns the page's links for the crawl."""
    driver.get(url)  # 长辈模式 is off between pages (check_page's `finally`)
    found, forms = driver.execute_script(READ)
    links = [u.split("#")[0] for u in found if u and same_site(u)]
    variant = shape(url) + " " + forms
    if variant in variants_checked:
        return links
    variants_checked.add(variant)
    run_axe(driver, who, url, "普通")
    set_elder(driver, True)
    try:
        driver.get(url)
        problems.extend((url, who, "长辈模式", rule, "serious", nodes) for rule, nodes in elder_problems(driver))
        module = "/".join(urlsplit(url).path.split("/")[:3])
        if module not in modules_checked_elder:
            modules_checked_elder.add(module)
            run_axe(driver, who, url, "长辈模式")
    finally:
        set_elder(driver, False)
    return links


def crawl(driver, who, starts):
    seen, queue, count = set(), list(starts), 0
    while queue and count < MAX_PAGES:
        url = queue.pop(0)
        key = shape(url)
        if key in seen or SKIP.search(urlsplit(url).path + "?" + urlsplit(url).query):
            continue
        seen.add(key)
        try:
            queue.extend(check_page(driver, who, url))
        except Exception as e:  # a page that breaks the check is a failure too, and the crawl goes on
            problems.append((url, who, "-", "check-error", "critical", [str(e).splitlines()[0][:200]]))
        count += 1
    print(f"     {who}: {count} pages" + (" (cap reached)" if queue and count >= MAX_PAGES else ""))


def elder_toggle(driver):
    """The 长辈模式 link works without JavaScript: it sets the cookie and comes back to the same page."""
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    link = driver.find_element(By.CSS_SELECTOR, "a.elder-toggle")
    click_and_wait(driver, link)
    assert urlsplit(driver.current_url).path == "/login", driver.current_url
    assert driver.get_cookie(ELDER_COOKIE), "no cookie after the link"
    found = list(elder_problems(driver))
    assert not found, f"长辈模式 on the login page: {found}"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/a11y-elder-login.png")
    # Printed in 长辈模式, a printable page (the monthly points notice) prints as it always did.
    driver.get(BASE + PRINTABLE)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = driver.execute_script(
            "return [parseFloat(getComputedStyle(document.documentElement).fontSize),"
            " getComputedStyle(document.querySelector('.elder-toggle')).display]"
        )
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed == [16, "none"], f"printed in 长辈模式: root font {printed[0]}px, link display {printed[1]}"
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.elder-toggle"))
    assert not driver.get_cookie(ELDER_COOKIE), "the link did not switch 长辈模式 off"


def main():
    if not AXE_SCRIPT:
        print("FAIL axe-core not found: pip install axe-selenium-python (or put axe.min.js beside this file)")
        sys.exit(1)
    started = time.time()
    driver = browser()
    toggle_ok = True
    try:
        try:
            elder_toggle(driver)
            print("ok   长辈模式 link sets and clears its cookie, without JavaScript; body ≥ 18px, targets ≥ 44px; prints as before")
        except Exception as e:
            print(f"FAIL 长辈模式 link: {e}")
            toggle_ok = False
        driver.delete_all_cookies()
        driver.get(BASE + "/login")
        crawl(driver, "public", [BASE + p for p in PUBLIC] + [BASE + p for p in NOT_FOUND])
        for who in ROLES:
            login(driver, who, PASSWORD)
            starts = [BASE + "/"] + [BASE + p for p in NOT_FOUND[1:2]]
            if who in FORBIDDEN:
                starts.append(BASE + FORBIDDEN[who])
            if who == "platform":  # the platform admin picks a zone first; its pages are the zone list's
                starts.append(BASE + "/zones")
            crawl(driver, who, starts)
    finally:
        driver.quit()
    for url, who, mode, rule, impact, nodes in problems:
        print(f"FAIL {url.replace(BASE, '')} [{who}, {mode}] {rule} ({impact}), {len(nodes)} node(s)")
        for n in nodes[:8]:
            print(f"       {n}")
        if len(nodes) > 8:
            print(f"       … {len(nodes) - 8} more")
    print(
        f"a11y: {len(variants_checked)} page variants, {pages_checked} page views checked in {time.time() - started:.0f}s, "
        f"{len(problems)} problem(s), {violations_found} axe violation(s)"
    )
    sys.exit(1 if problems or not toggle_ok else 0)


if __name__ == "__main__":
    main()
