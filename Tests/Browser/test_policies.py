"""Browser check of the enterprise and policy flows as users do them, in Chromium without any
JavaScript of ours: a staff member builds a policy item with the rule builder, the matching list
appears, the enterprise user sees policies with their reasons, and an enterprise page explains a
failed 高企 criterion with the numbers; and an enterprise applies for a new item, is returned for a
missing material, re-submits, is approved and paid, and the payout totals move. Prints 'N passed, M failed'; exits non-zero on failure.
Usage: python3 test_policies.py http://127.0.0.1:PORT [screenshot-dir]"""
import os
import re
import sys
import tempfile
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_roles import BASE, Checks, PASSWORD, SHOTS, browser, click_and_wait, login

check = Checks("policies")


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


def total_line(driver):
    driver.get(BASE + "/m/policies/payouts")
    return driver.find_element(By.CSS_SELECTOR, "p.total").text


def upload_file(name):
    path = os.path.join(tempfile.gettempdir(), name)
    with open(path, "wb") as f:
        f.write(b"%PDF-1.4\n% gaoxin browser test\n")
    return path


def apply_return_resubmit_approve_pay(driver):
    # Staff add an item every demo enterprise with staff fits, with two required materials.
    login(driver, "admin@foshan", PASSWORD)
    before = total_line(driver)
    driver.get(BASE + "/m/policies/ledger?validity=in_force")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main table a[href*='/m/policies/documents/']"))
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "新增条款"))
    driver.find_element(By.ID, "title").send_keys("浏览器测试：申报兑现流程")
    Select(driver.find_element(By.ID, "benefit_kind")).select_by_value("fixed")
    driver.find_element(By.ID, "benefit_amount").send_keys("15")
    Select(driver.find_element(By.NAME, "g0_f0")).select_by_value("staff")
    Select(driver.find_element(By.NAME, "g0_o0")).select_by_value(">=")
    driver.find_element(By.NAME, "g0_v0").send_keys("1")
    for field, text in (("content", "对园区企业给予一次性支持。"), ("audience", "园区内企业"),
                        ("period", "2026 年度"), ("conditions", "职工总数不少于 1 人")):
        driver.find_element(By.NAME, field).send_keys(text)
    driver.find_element(By.NAME, "m0_name").send_keys("申请表")
    driver.find_element(By.NAME, "m1_name").send_keys("营业执照复印件")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button.primary[name=action][value=save]"))
    item_id = re.search(r"/m/policies/items/(\d+)", driver.current_url).group(1)

    # The enterprise sees it among its policies and applies with both files.
    login(driver, "enterprise@foshan", PASSWORD)
    driver.get(BASE + "/m/policies/mine")
    assert "浏览器测试：申报兑现流程" in driver.page_source, "the new item is not among the enterprise's policies"
    driver.get(BASE + f"/m/policies/items/{item_id}/apply")
    driver.find_element(By.ID, "m0").send_keys(upload_file("申请表.pdf"))
    driver.find_element(By.ID, "m1").send_keys(upload_file("营业执照.pdf"))
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit].primary"))
    application = driver.current_url
    assert re.search(r"/m/policies/applications/\d+$", application), f"no application page after applying: {application}"

    # Staff return it: the licence copy is unreadable.
    login(driver, "admin@foshan", PASSWORD)
    driver.get(application)
    driver.find_element(By.CSS_SELECTOR, "input[name=missing][value='营业执照复印件']").click()
    driver.find_element(By.ID, "return-note").send_keys("营业执照复印件不清晰，请重新上传。")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='退回补正']"))
    assert "营业执照复印件不清晰" in driver.page_source, "the return note is not shown"

    # The enterprise sends the missing file again.
    login(driver, "enterprise@foshan", PASSWORD)
    driver.get(application)
    assert "营业执照复印件" in driver.page_source, "the enterprise does not see what is missing"
    driver.find_element(By.ID, "m0").send_keys(upload_file("营业执照-清晰.pdf"))
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='补交并重新提交']"))

    # Staff approve 15万元 and record the payout.
    login(driver, "admin@foshan", PASSWORD)
    driver.get(application)
    driver.find_element(By.ID, "approved_amount").send_keys("15")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='通过']"))
    driver.find_element(By.ID, "amount").send_keys("15")
    driver.find_element(By.ID, "voucher_no").send_keys("BROWSER-001")
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='登记兑现']"))
    assert "BROWSER-001" in driver.page_source, "the payout is not on the application page"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/application-paid.png")
    after = total_line(driver)
    assert after != before, f"the payout totals did not move: {before!r} → {after!r}"


def main():
    driver = browser()
    try:
        check("staff builds a policy item with the rule builder and sees the matching list", build_policy_item, driver)
        check("enterprise user sees policies with their reasons", enterprise_sees_reasons, driver)
        check("enterprise page explains a failed 高企 criterion with the numbers", criterion_explained, driver)
        check("apply, return for a missing material, re-submit, approve, pay, totals move", apply_return_resubmit_approve_pay, driver)
    finally:
        driver.quit()
    check.finish()


if __name__ == "__main__":
    main()
