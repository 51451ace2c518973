"""Browser check of the enterprise and policy flows as users do them, in Chromium without any
JavaScript of ours: a staff member builds a policy item with the rule builder, the matching list
appears, the enterprise user sees policies with their reasons, and an enterprise page explains a
failed 高企 criterion with the numbers. Prints 'N passed, M failed'; exits non-zero on failure.
Usage: python3 test_policies.py http://127.0.0.1:PORT [screenshot-dir]"""
import sys
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, PASSWORD, SHOTS, browser, click_and_wait, login

passed, failed = 0, 0


def check(name, fn, driver):
    global passed, failed
    try:
        fn(driver)
        print(f"ok   {name}")
        passed += 1
    except Exception as e:  # report and go on
        print(f"FAIL {name}: {e}")
        failed += 1
        if SHOTS:
            driver.save_screenshot(f"{SHOTS}/fail-{name}.png")


def build_policy_item(driver):
    login(driver, "admin@foshan", PASSWORD)
    driver.get(BASE + "/m/policies/ledger?validity=in_force")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main table a[href*='/m/policies/documents/']"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "新增条款"))
    driver.find_element(By.ID, "title").send_keys("浏览器测试：研发投入奖励")
    Select(driver.find_element(By.ID, "benefit_kind")).select_by_value("fixed")
    driver.find_element(By.ID, "benefit_amount").send_keys("20")
    Select(driver.find_element(By.NAME, "g0_f0")).select_by_value("rdRatio")
    Select(driver.find_element(By.NAME, "g0_o0")).select_by_value(">=")
    driver.find_element(By.NAME, "g0_v0").send_keys("4")
    for field, text in (("content", "研发投入占比达到 4% 的企业给予奖励。"), ("audience", "园区内企业"),
                        ("period", "2026 年度"), ("conditions", "近一年研发费用占营业收入比例不低于 4%")):
        driver.find_element(By.NAME, field).send_keys(text)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button.primary[name=action][value=save]"))
    page = driver.page_source
    assert "浏览器测试：研发投入奖励" in page, "item page did not open after saving"
    assert "研发费用占营业收入比例 ≥ 4%" in page, "the rule is not shown back in plain Chinese"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/policy-item.png")
    click_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "符合条件的企业"))
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    assert rows, "no eligible enterprises listed for the new item"


def enterprise_sees_reasons(driver):
    login(driver, "enterprise@foshan", PASSWORD)
    driver.get(BASE + "/m/policies/mine")
    page = driver.page_source
    assert "可申报的政策" in page, "no 可申报的政策 page"
    assert "满足" in page, "no reasons shown"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/policies-mine.png")


def criterion_explained(driver):
    login(driver, "staff@foshan", PASSWORD)
    driver.get(BASE + "/m/enterprises/candidates?criterion=high_tech")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main table tbody tr a"))
    page = driver.page_source
    assert "高新技术企业" in page and "不满足" in page, "no failed 高企 condition on the enterprise page"
    assert "要求 ≥" in page or "要求 ≤" in page, "the failed condition has no numbers"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/enterprise-criteria.png")


def main():
    driver = browser()
    try:
        check("staff builds a policy item with the rule builder and sees the matching list", build_policy_item, driver)
        check("enterprise user sees policies with their reasons", enterprise_sees_reasons, driver)
        check("enterprise page explains a failed 高企 criterion with the numbers", criterion_explained, driver)
    finally:
        driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
