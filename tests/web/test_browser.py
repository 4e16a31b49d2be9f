"""The web chat in headless Chromium: what a person sees and presses.

Screenshots of each state go to test-output/browser/<test name>/ (see `screenshots`).
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser, Page, expect

POLICE = "有人打电话自称公安局的，说我涉嫌洗钱，让我把钱转到安全账户配合调查"
TIMEOUT_MS = 15_000


async def _open(browser: Browser, base_url: str, errors: list[str]) -> Page:
    context = await browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=1
    )
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(base_url + "/")
    return page


async def _shot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000


async def test_scam_warning_paid_language_and_large_text(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    errors: list[str] = []
    page = await _open(browser, base_url, errors)
    await expect(page.locator("h1")).to_have_text("反诈咨询")
    await expect(page.locator('a[href="tel:110"]').first).to_be_visible()
    await _shot(page, screenshots, "01-start")

    await page.get_by_label("描述您遇到的情况").fill(POLICE)
    await page.keyboard.press("Enter")
    warning = page.locator('.msg.bot[data-kind="assessment"]')
    await expect(warning).to_contain_text("诈骗")
    await expect(page.locator(".msg.me .text").last).to_have_text(POLICE)
    for action in ("paid", "not_paid", "helpful", "staff"):
        await expect(warning.locator(f'button[data-action="{action}"]')).to_be_visible()
    await expect(warning.locator('a.tel[href="tel:96110"]')).to_be_visible()
    await _shot(page, screenshots, "02-assessment")

    await warning.locator('button[data-action="paid"]').click()
    urgent = page.locator('.msg.bot[data-kind="urgent"]')
    await expect(urgent).to_contain_text("110")
    await expect(urgent.locator('a[href="tel:110"]').first).to_be_visible()
    await _shot(page, screenshots, "03-urgent")

    await page.locator("#lang").select_option("en")
    await expect(page.locator("h1")).to_have_text("Anti-fraud consultation")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator('.msg.bot[data-kind="settings"]').last).to_be_visible()
    await expect(page.get_by_label("Describe what is happening")).to_be_visible()
    await _shot(page, screenshots, "04-english")

    normal = await page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    await page.get_by_role("button", name="Large text").click()
    await expect(page.locator("html")).to_have_class("large")
    await expect(page.locator("#large")).to_have_attribute("aria-pressed", "true")
    await expect(page.locator('.msg.bot[data-kind="settings"]')).to_have_count(2)
    large = await page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large >= normal * 1.25
    await _shot(page, screenshots, "05-large-text")

    await page.reload()  # both choices are remembered by the browser
    await expect(page.locator("h1")).to_have_text("Anti-fraud consultation")
    await expect(page.locator("html")).to_have_class("large")
    assert errors == []  # no script errors, no CSP violations


async def test_typed_html_is_shown_as_text_never_run(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    errors: list[str] = []
    page = await _open(browser, base_url, errors)
    attack = '<img src=x onerror="window.__xss=1"><b>bold</b>'
    await page.locator("#message").fill(attack)
    await page.locator("#send").click()
    await expect(page.locator(".msg.bot").nth(1)).to_be_visible()
    mine = page.locator(".msg.me .text").last
    await expect(mine).to_have_text(attack)
    assert await mine.locator("img, b").count() == 0
    assert await page.evaluate("window.__xss") is None
    await _shot(page, screenshots, "01-escaped")
    assert errors == []


async def test_keyboard_only_use(browser: Browser, base_url: str) -> None:
    errors: list[str] = []
    page = await _open(browser, base_url, errors)
    await page.keyboard.press("Tab")
    await expect(page.locator("a.skip")).to_be_focused()
    await page.keyboard.press("Enter")
    await page.locator("#message").focus()
    await page.keyboard.type("Someone from the bank asked for the SMS code to unfreeze my card")
    await page.keyboard.press("Enter")
    reply = page.locator(".msg.bot").nth(1)
    await expect(reply).to_be_visible()
    first_button = reply.locator("button").first
    await first_button.focus()
    await page.keyboard.press("Enter")
    await expect(page.locator(".msg.bot")).to_have_count(3)
    assert errors == []
