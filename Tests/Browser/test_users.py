"""Browser check of users (issue #12): the zone admin creates a grid worker and assigns a grid, the grid worker sees their grid's events; a resident activation code is issued and the resident activates and logs in.
Prints 'N passed, M failed' and exits non-zero on any failure.
Usage: python3 test_users.py http://127.0.0.1:PORT [screenshot-dir]"""
import random
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import PASSWORD, browser, click_and_wait, login

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
NEW_PASSWORD = "Browser-pass-2026"
TAG = str(random.randint(100000, 999999))


def shot(driver, name):
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/users-{name}.png")


def submit(driver, label=None):
    buttons = driver.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")
    button = next((b for b in buttons if label is None or label in b.text), None)
    assert button is not None, f"no button {label!r}"
    click_and_wait(driver, button)


def id_number():
    """A valid 身份证号 (GB 11643 check digit) no earlier run used."""
    body = f"370102{random.randint(1950, 2000)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}{random.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def grid_worker_is_assigned_and_sees_events(driver):
    # A grid the demo's events are in: one of grid@jinan's grids (the events list offers only those).
    login(driver, "grid@jinan", PASSWORD)
    driver.get(BASE + "/m/governance/events")
    options = [o.text.strip() for o in Select(driver.find_element(By.ID, "grid")).options[1:]]
    assert options, "grid@jinan has no grids in the events filter"
    grid_name = options[0].split("（")[0]

    login(driver, "admin@jinan", PASSWORD)
    driver.get(BASE + "/admin/users/new")
    username = f"bw{TAG}@jinan"
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "display_name").send_keys("浏览器网格员")
    Select(driver.find_element(By.ID, "role")).select_by_value("grid_worker")
    driver.find_element(By.ID, "password").send_keys(NEW_PASSWORD)
    submit(driver)
    assert "/admin/users/" in driver.current_url and "尚未分配网格" in driver.page_source, driver.current_url
    select = Select(driver.find_element(By.ID, "grid_id"))
    match = next(o for o in select.options if o.text.startswith(grid_name))
    select.select_by_visible_text(match.text)
    Select(driver.find_element(By.ID, "kind")).select_by_value("part_time")
    driver.find_element(By.ID, "party_branch").send_keys("第一网格党支部")
    submit(driver, "分配到网格")
    assert "第一网格党支部" in driver.page_source and grid_name in driver.page_source
    shot(driver, "assigned")

    login(driver, username, NEW_PASSWORD)
    driver.get(BASE + "/m/governance/events")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main table a[href*='/m/governance/events/']")]
    assert links, "the new grid worker sees no events in their grid"
    driver.get(links[0])
    assert grid_name in driver.page_source, "the event is not in the assigned grid"
    shot(driver, "worker-event")
    return f"{username} assigned to {grid_name}, sees {len(links)} events"


def resident_activates_and_logs_in(driver):
    login(driver, "admin@jinan", PASSWORD)
    driver.get(BASE + "/m/governance/residents/new")
    number = id_number()
    driver.find_element(By.ID, "name").send_keys(f"激活居民{TAG}")
    driver.find_element(By.ID, "id_number").send_keys(number)
    driver.find_element(By.ID, "address").send_keys("幸福路 8 号")
    grids = Select(driver.find_element(By.ID, "grid_id"))
    grids.select_by_index(1)
    submit(driver)
    assert f"激活居民{TAG}" in driver.page_source, "resident not registered"
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "居民账号激活码"))
    submit(driver, "发放激活码")
    code = driver.find_element(By.CSS_SELECTOR, "code.activation-code").text.strip()
    assert len(code) == 14, code
    shot(driver, "code")

    driver.delete_all_cookies()
    driver.get(BASE + "/activate")
    username = f"res{TAG}"
    driver.find_element(By.ID, "code").send_keys(code)
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "id_suffix").send_keys(number[-6:])
    driver.find_element(By.ID, "password").send_keys(NEW_PASSWORD)
    driver.find_element(By.ID, "confirm_password").send_keys(NEW_PASSWORD)
    submit(driver, "激活账号")
    assert "/login" in driver.current_url and "已激活" in driver.page_source, driver.current_url
    # The code works once.
    driver.get(BASE + "/activate")
    driver.find_element(By.ID, "code").send_keys(code)
    driver.find_element(By.ID, "username").send_keys(username + "x")
    driver.find_element(By.ID, "id_suffix").send_keys(number[-6:])
    driver.find_element(By.ID, "password").send_keys(NEW_PASSWORD)
    driver.find_element(By.ID, "confirm_password").send_keys(NEW_PASSWORD)
    submit(driver, "激活账号")
    assert "已经使用过" in driver.page_source
    login(driver, username, NEW_PASSWORD)
    assert driver.current_url.rstrip("/") == BASE and "退出登录" in driver.page_source, driver.current_url
    shot(driver, "resident-home")
    return f"resident {username} activated with {code} and signed in"


def main():
    passed, failed = 0, 0
    driver = browser()
    try:
        for step in (grid_worker_is_assigned_and_sees_events, resident_activates_and_logs_in):
            try:
                print(f"ok   {step.__name__}: {step(driver)}")
                passed += 1
            except Exception as error:  # noqa: BLE001 — report every step
                print(f"FAIL {step.__name__}: {error!r}")
                shot(driver, f"fail-{step.__name__}")
                failed += 1
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
