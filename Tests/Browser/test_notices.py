"""Browser check of notices leaving the platform: the zone admin sets the zone's webhook on 通知渠道 (a bad address refused with its reason), presses 发送测试通知, the server's worker POSTs the JSON to a receiver this script runs on 127.0.0.1 and the delivery log shows it 已送达; a resident chooses the webhook on 通知方式 and reads 我的通知.
Prints 'N passed, M failed'; exits non-zero on failure. Usage: python3 test_notices.py http://127.0.0.1:PORT [screenshot-dir]"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium.webdriver.common.by import By

from test_roles import BASE, Checks, PASSWORD, SHOTS, browser, click_and_wait, login

check = Checks("notices")
RECEIVED = []


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        length = min(int(self.headers.get("Content-Length", "0") or 0), 1 << 20)
        body = self.rfile.read(length)
        try:
            RECEIVED.append((json.loads(body), self.headers.get("X-Gaoxin-Token")))
        except ValueError:
            RECEIVED.append(({}, None))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def save_webhook(driver, url, secret=""):
    driver.get(BASE + "/admin/notices")
    field = driver.find_element(By.ID, "url")
    field.clear()
    field.send_keys(url)
    name = driver.find_element(By.ID, "header_name")
    name.clear()
    if secret:
        name.send_keys("X-Gaoxin-Token")
        driver.find_element(By.ID, "header_value").send_keys(secret)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))


def bad_address_refused(driver):
    login(driver, "admin@zhaoqing", PASSWORD)
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "通知渠道"))
    assert "通知渠道" in driver.find_element(By.TAG_NAME, "h1").text
    save_webhook(driver, "ftp://hooks.example.cn/x")
    assert "地址必须以 http:// 或 https:// 开头" in driver.page_source, "no field message"
    assert "尚未保存任何内容" in driver.page_source


def notice_delivered(driver, port):
    login(driver, "admin@zhaoqing", PASSWORD)
    save_webhook(driver, f"http://127.0.0.1:{port}/hook", secret="browser-secret")
    assert "webhook 设置已保存" in driver.page_source, "not saved"
    click_and_wait(driver, driver.find_element(By.XPATH, "//button[text()='发送测试通知']"))
    assert "测试通知已加入发送队列" in driver.page_source
    deadline = time.time() + 60
    while time.time() < deadline and not any(p.get("kind") == "test" for p, _ in RECEIVED):
        time.sleep(1)
    hits = [(p, t) for p, t in RECEIVED if p.get("kind") == "test"]
    assert hits, "the receiver got no test notice within 60 s"
    payload, token = hits[-1]
    assert payload.get("subject") == "测试通知" and token == "browser-secret", payload
    assert payload.get("recipient", {}).get("username") == "admin@zhaoqing", payload
    driver.get(BASE + "/admin/notices?state=sent")
    assert "已送达" in driver.page_source and "测试通知" in driver.page_source
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/notices-log.png")


def resident_chooses_and_reads(driver):
    login(driver, "resident@zhaoqing", PASSWORD)
    driver.get(BASE + "/profile")
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "通知方式"))
    box = driver.find_element(By.NAME, "webhook")
    if not box.is_selected():
        box.click()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button.primary"))
    assert "通知同时推送到园区 webhook" in driver.page_source
    assert driver.find_element(By.NAME, "webhook").is_selected()
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "我的通知"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "我的通知"
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/notices-inbox.png")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    driver = browser()
    try:
        check("bad-address-refused", bad_address_refused, driver)
        check("test-notice-delivered", lambda d: notice_delivered(d, port), driver)
        check("resident-chooses-and-reads", resident_chooses_and_reads, driver)
    finally:
        driver.quit()
        server.shutdown()
    check.finish()


if __name__ == "__main__":
    main()
