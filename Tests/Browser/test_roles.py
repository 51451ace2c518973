"""Browser check: every demo role signs in through the real login form in Chromium and sees its
own navigation; a wrong password shows the error. Prints 'N passed, M failed' and exits non-zero
on any failure. Usage: python3 test_roles.py http://127.0.0.1:PORT [screenshot-dir]"""
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8080"
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
PASSWORD = "Gaoxin@2026"


class Checks:
    """The reporter every browser check shares: `check(title, fn, driver)` runs one check, prints ok or
    FAIL with the reason (saving a screenshot of the failure) and goes on; `finish()` prints the tally
    and exits non-zero on any failure."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def __call__(self, title, fn, driver):
        try:
            fn(driver)
            print(f"ok   {title}")
            self.passed += 1
        except Exception as e:  # report and go on
            print(f"FAIL {title}: {e}")
            self.failed += 1
            if SHOTS:
                driver.save_screenshot(f"{SHOTS}/fail-{self.name}-{title[:40]}.png")

    def finish(self):
        print(f"browser: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


# login -> (navigation items it must show, items it must not show)
ROLES = {
    "platform": (["全部园区", "审计日志"], []),
    "admin@foshan": (["企业", "招商引资", "用户", "审计日志"], ["全部园区"]),
    "staff@foshan": (["企业", "惠企政策", "统计监测"], ["用户", "审计日志"]),
    "invest@foshan": (["招商引资", "企业"], ["基层治理", "用户"]),
    "grid@foshan": (["基层治理", "政务服务"], ["招商引资", "用户"]),
    "enterprise@foshan": (["企业", "惠企政策", "助企服务"], ["招商引资", "基层治理"]),
    "resident@foshan": (["基层治理", "惠企政策"], ["企业", "招商引资"]),
}


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800", "--lang=zh-CN"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def click_and_wait(driver, element):
    """Click a link or button, then wait until the next page has replaced this one and loaded.
    Touching the old element raises once it is gone (as a stale-element or, from newer drivers,
    an inspector error), which is the signal that the navigation happened."""
    element.click()

    def replaced(d):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return d.execute_script("return document.readyState") == "complete"

    WebDriverWait(driver, 15).until(replaced)


def login(driver, username, password):
    driver.delete_all_cookies()
    driver.get(BASE + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit].primary"))


def nav_items(driver):
    nav = driver.find_element(By.CSS_SELECTOR, "nav.site-nav")
    return [a.text.strip() for a in nav.find_elements(By.TAG_NAME, "a")]


def main():
    passed, failed = 0, 0
    driver = browser()
    try:
        for username, (shows, hides) in ROLES.items():
            try:
                login(driver, username, PASSWORD)
                assert driver.current_url.rstrip("/") == BASE, f"after login at {driver.current_url}"
                items = nav_items(driver)
                for item in shows:
                    assert item in items, f"{item} missing from {items}"
                for item in hides:
                    assert item not in items, f"{item} should not be in {items}"
                assert "退出登录" in driver.page_source
                if SHOTS:
                    driver.save_screenshot(f"{SHOTS}/home-{username.replace('@', '-')}.png")
                print(f"ok   {username}: {' '.join(items)}")
                passed += 1
            except Exception as e:  # report and go on with the next role
                print(f"FAIL {username}: {e}")
                failed += 1
        try:
            login(driver, "staff@foshan", "wrong-password")
            error = driver.find_element(By.CSS_SELECTOR, ".form-errors").text
            assert "用户名或密码错误" in error, error
            assert driver.find_element(By.ID, "username").get_attribute("value") == "staff@foshan"
            if SHOTS:
                driver.save_screenshot(f"{SHOTS}/wrong-password.png")
            print("ok   wrong password shows the error")
            passed += 1
        except Exception as e:
            print(f"FAIL wrong password: {e}")
            failed += 1
    finally:
        driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
