#!/usr/bin/env python3
"""Drives Quiver's web UI in a real, headless Chromium and checks what a person sees.

Run it through Tests/ui/run.sh, which starts `quiver serve` over examples/packs. Directly:

    python3 Tests/ui/test_ui.py --url http://127.0.0.1:7878 --screenshots .build/ui-screenshots

With --token TOKEN it checks only the access-token flow, against a server started with
--require-token. Each step saves a screenshot; a failing step also saves `failure-<step>.png` and prints the
browser console. Exits 0 when every check passed, 1 otherwise.
"""

import argparse
import os
import re
import sys
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

EXAMPLE_PACKS = ["echo-tools", "text-tools", "python-dev", "release-flow", "toml-notes"]
TOOL = "text-tools/text_stats"
MODEL = "web-ui"
WAIT = 15  # seconds any one thing may take to appear


class UITest:
    def __init__(self, url, screenshots, token=None):
        self.url = url.rstrip("/")
        self.token = token
        self.screenshots = screenshots
        os.makedirs(screenshots, exist_ok=True)
        options = Options()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1400,1100", "--no-first-run", "--disable-extensions"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(30)

    # Helpers -----------------------------------------------------------------------------------

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def wait_for(self, description, condition, timeout=WAIT):
        """Waits until condition() returns something truthy, and returns it."""
        def check(_):
            try:
                return condition()
            except Exception:
                return False
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(check)
        except TimeoutException:
            raise AssertionError(f"timed out after {timeout} s waiting for: {description}") from None

    def visible_text(self, css):
        element = self.find(css)
        return element.text if element.is_displayed() else ""

    def wait_text(self, css, predicate, description):
        return self.wait_for(description, lambda: (lambda t: t if predicate(t) else False)(self.visible_text(css)))

    def shot(self, name):
        path = os.path.join(self.screenshots, name + ".png")
        self.driver.save_screenshot(path)
        print(f"  screenshot {path}")

    def open_tab(self, name, label):
        tab = self.find(f"#tab-{name}")
        assert tab.text == label, f"the tab reads {tab.text!r}, expected {label!r}"
        tab.click()
        self.wait_for(f"the {label} panel to show", lambda: self.find(f"#panel-{name}").is_displayed())

    def replace_text(self, css, text):
        """Selects everything in a text field and types text over it, as a person would."""
        element = self.find(css)
        element.click()
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        element.send_keys(text)

    def console_errors(self):
        errors = []
        for entry in self.driver.get_log("browser"):
            message = entry.get("message", "")
            # The access-token check provokes 401 answers on purpose; Chromium logs each one.
            if self.token and "status of 401" in message:
                continue
            if entry.get("level") == "SEVERE":
                errors.append(message)
        return errors

    # Steps -------------------------------------------------------------------------------------

    def header_and_packs(self):
        self.driver.get(self.url + "/")
        assert self.driver.title == "Quiver", f"the page title is {self.driver.title!r}"
        self.wait_text("#health-text", lambda t: t.startswith("healthy"), "the header to say the server is healthy")
        version = self.wait_text("#server-version", lambda t: re.match(r"version \d", t), "the server version in the header")
        print(f"  header: Quiver {version} · {self.visible_text('#health-text')}")
        names = self.wait_for("the packs table to list the example packs", lambda: (
            lambda seen: seen if all(name in seen for name in EXAMPLE_PACKS) else False)(
            [row.find_element(By.CSS_SELECTOR, "td button").text
             for row in self.driver.find_elements(By.CSS_SELECTOR, "#packs-body tr[data-testid=pack-row]")]))
        print(f"  packs table: {', '.join(names)}")
        header = [cell.text for cell in self.driver.find_elements(By.CSS_SELECTOR, "#packs-table thead th")]
        for column in ["Name", "Version", "Tier", "Status", "Granted", "Denied", "Tools"]:
            assert column in header, f"the packs table has no {column!r} column: {header}"
        row = self.find("#packs-body tr[data-pack='text-tools']")
        cells = [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "td")]
        assert cells[2] == "community", f"text-tools' tier reads {cells[2]!r}"
        assert cells[3].split()[0] == "installed", f"text-tools' status reads {cells[3]!r}"
        assert "fs.read" in cells[4], f"text-tools' granted column reads {cells[4]!r}, expected its fs.read grant"
        assert cells[6] == "4", f"text-tools' tools column reads {cells[6]!r}, expected 4"
        row.find_element(By.CSS_SELECTOR, "button").click()
        details = self.wait_text("#pack-details", lambda t: "Install report" in t and "text_stats" in t,
                                 "the install report of text-tools")
        assert "Granted (" in details and "fs.read" in details, f"the install report shows no grant:\n{details}"
        self.shot("01-packs")

    def authoring(self):
        self.open_tab("authoring", "Authoring")
        Select(self.find("#author-tool")).select_by_value(TOOL)
        self.wait_for("the input schema of text_stats in the editor",
                      lambda: '"text"' in self.find("#author-input-schema").get_attribute("value"))
        example = self.find("#author-input-example").get_attribute("value")
        assert "one two three" in example, f"the example input is not the tool's first test input: {example!r}"
        self.wait_text("#author-input-status", lambda t: t.startswith("Valid"), "the pack's own example to be valid")

        # A schema change that the example breaks: at most 5 characters of text.
        self.replace_text("#author-input-schema",
                          '{"type": "object", "properties": {"text": {"type": "string", "maxLength": 5}}, "required": ["text"]}')
        status = self.wait_text("#author-input-status", lambda t: t.startswith("Invalid"),
                                "an error to appear under the edited schema")
        assert "/text" in status, f"the error does not name the instance location /text:\n{status}"
        print(f"  live validation: {status.splitlines()[0]} — {status.splitlines()[1] if len(status.splitlines()) > 1 else ''}")
        self.shot("02-authoring-invalid")

        # A JSON syntax error is shown at once, with its line and column.
        self.find("#author-input-schema").send_keys(Keys.END, Keys.BACKSPACE)
        syntax = self.wait_text("#author-input-schema-syntax", lambda t: "line 1, column" in t,
                                "the JSON syntax error with its line and column")
        print(f"  syntax: {syntax}")
        self.shot("03-authoring-syntax")

        # Fixing the schema makes the example valid again.
        self.replace_text("#author-input-schema",
                          '{"type": "object", "properties": {"text": {"type": "string", "maxLength": 100}}, "required": ["text"]}')
        self.wait_text("#author-input-status", lambda t: t.startswith("Valid"), "the edited schema to accept the example")
        assert self.visible_text("#author-input-schema-syntax") == "", "the syntax error is still shown after the fix"
        self.wait_text("#author-output-status", lambda t: t.startswith("Invalid") or t.startswith("Valid"),
                       "the output pair to be validated too")
        self.find("#author-input-copy").click()
        self.wait_text("#author-input-copied", lambda t: t != "", "the Copy schema button to report")
        self.shot("04-authoring-valid")

    def test_runner(self):
        self.open_tab("runner", "Test Runner")
        Select(self.find("#runner-tool")).select_by_value(TOOL)
        self.wait_for("the runner input to hold the tool's first test input",
                      lambda: "one two three" in self.find("#runner-input").get_attribute("value"))
        assert self.find("#runner-model").get_attribute("value") == MODEL, "the model field does not default to web-ui"
        self.find("#runner-run").click()
        self.wait_text("#runner-outcome", lambda t: t == "ok", "outcome ok for the tool's own test input")
        latency = self.visible_text("#runner-latency")
        assert re.fullmatch(r"\d+(\.\d+)? ms", latency), f"the latency reads {latency!r}"
        output = self.visible_text("#runner-output")
        assert '"words": 4' in output, f"the raw output does not show the word count:\n{output}"
        print(f"  run ok in {latency}")
        self.shot("05-runner-ok")

        self.replace_text("#runner-input", '{"words": 3}')
        self.find("#runner-run").click()
        self.wait_text("#runner-outcome", lambda t: t == "input_invalid", "outcome input_invalid for a bad input")
        errors = self.wait_text("#runner-validation-errors", lambda t: t.strip() != "", "the validation errors of the bad input")
        print(f"  bad input: input_invalid — {errors.splitlines()[0]}")
        history = self.driver.find_elements(By.CSS_SELECTOR, "#runner-history li")
        assert len(history) == 2, f"the history lists {len(history)} runs, expected 2"
        assert "input_invalid" in history[0].text and "ok" in history[1].text, "the history is not newest first"
        self.shot("06-runner-invalid")

    def rate_calls(self):
        legend = self.find(f"[data-testid=rate-chart][data-tool='{TOOL}'] [data-testid=rate-legend][data-model='{MODEL}']")
        match = re.search(r"(\d+) of (\d+) calls? ok", legend.text)
        return (int(match.group(1)), int(match.group(2))) if match else None

    def success_rates(self):
        self.open_tab("rates", "Success Rates")
        chart = self.wait_for(f"a chart for {TOOL}", lambda: self.find(f"[data-testid=rate-chart][data-tool='{TOOL}']"))
        assert chart.is_displayed(), "the chart is not visible"
        self.wait_for(f"a {MODEL} row in the chart", lambda: chart.find_element(By.CSS_SELECTOR, f"[data-testid=rate-row][data-model='{MODEL}']"))
        line = chart.find_element(By.CSS_SELECTOR, "[data-testid=threshold-line]")
        assert "80%" in chart.text, f"the chart does not label the 80% line:\n{chart.text}"
        dash = self.driver.execute_script("return getComputedStyle(arguments[0]).strokeDasharray", line)
        assert dash and dash != "none", "the threshold line is not dashed"
        before = self.wait_for("the call count in the legend", self.rate_calls)
        assert before[1] >= 1, f"the chart counts {before[1]} calls"
        print(f"  chart {TOOL} × {MODEL}: {before[0]} of {before[1]} calls ok")
        legend = self.find(f"[data-testid=rate-chart][data-tool='{TOOL}'] [data-testid=rate-legend][data-model='{MODEL}']")
        assert "95% interval" in legend.text, f"the legend does not show the confidence interval:\n{legend.text}"
        whiskers = chart.find_elements(By.CSS_SELECTOR, f"[data-testid=rate-row][data-model='{MODEL}'] line.interval")
        assert len(whiskers) == 3, f"the row draws {len(whiskers)} interval lines, not 3"
        self.shot("07-rates")

        # One more successful run: the chart fills without reloading the page.
        self.open_tab("runner", "Test Runner")
        self.replace_text("#runner-input", '{"text": "the chart fills"}')
        self.find("#runner-run").click()
        self.wait_text("#runner-outcome", lambda t: t == "ok", "outcome ok for the third run")
        self.open_tab("rates", "Success Rates")
        after = self.wait_for("the chart to count the new call",
                              lambda: (lambda c: c if c and c[1] == before[1] + 1 and c[0] == before[0] + 1 else False)(self.rate_calls()))
        bar = self.find(f"[data-testid=rate-chart][data-tool='{TOOL}'] [data-testid=rate-row][data-model='{MODEL}'] [data-testid=rate-bar]")
        assert float(bar.get_attribute("width")) > 0, "the success bar is empty after successful calls"
        print(f"  after another run: {after[0]} of {after[1]} calls ok")
        self.shot("08-rates-filled")

    def keyboard(self):
        self.find("#tab-rates").click()
        self.find("#tab-rates").send_keys(Keys.ARROW_RIGHT)
        self.wait_for("ArrowRight to wrap to the Packs tab",
                      lambda: self.find("#tab-packs").get_attribute("aria-selected") == "true" and self.find("#panel-packs").is_displayed())

    def access_token(self):
        """Against a server started with --require-token: the page asks for the token and then works."""
        self.driver.get(self.url + "/#runner")
        self.wait_text("#health-text", lambda t: "token required" in t, "the header to say a token is required")
        self.wait_text("#auth-banner", lambda t: "requires an API token" in t, "the banner asking for a token")
        assert self.find("#auth").get_attribute("open") is not None, "the token field is not opened"
        Select(self.find("#runner-tool")).select_by_value(TOOL)
        self.wait_for("the runner input", lambda: "one two three" in self.find("#runner-input").get_attribute("value"))
        self.find("#runner-run").click()
        error = self.wait_text("#runner-error", lambda t: "token" in t, "the runner to show the 401 error")
        assert self.visible_text("#runner-outcome") == "error", "a refused run does not show outcome error"
        print(f"  without a token: {error}")
        self.shot("09-token-required")
        token_field = self.find("#auth-token")
        token_field.send_keys(self.token)
        token_field.send_keys(Keys.ENTER)
        self.wait_text("#auth-summary", lambda t: t == "Token: set", "the header to say the token is set")
        self.wait_for("the banner to go", lambda: not self.find("#auth-banner").is_displayed())
        self.find("#runner-run").click()
        self.wait_text("#runner-outcome", lambda t: t == "ok", "outcome ok once the token is saved")
        stored = self.driver.execute_script("return localStorage.getItem('quiver.token')")
        assert stored == self.token, "the token is not kept in localStorage"
        self.shot("10-token-accepted")
        self.driver.execute_script("localStorage.clear()")

    def run(self):
        if self.token:
            steps = [("access token", self.access_token)]
        else:
            steps = [("header and packs", self.header_and_packs), ("authoring", self.authoring),
                     ("test runner", self.test_runner), ("success rates", self.success_rates),
                     ("keyboard", self.keyboard)]
        failures = 0
        for name, step in steps:
            print(f"step: {name}")
            started = time.monotonic()
            try:
                step()
                print(f"  passed in {time.monotonic() - started:.1f} s")
            except Exception as error:
                failures += 1
                print(f"  FAILED: {error}")
                if not isinstance(error, AssertionError):
                    traceback.print_exc()
                try:
                    self.shot("failure-" + name.replace(" ", "-"))
                except Exception:
                    pass
                break  # later steps depend on earlier ones
        errors = self.console_errors()
        if errors:
            failures += 1
            print("FAILED: the browser console has errors:")
            for message in errors:
                print("  " + message)
        return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server's base URL, such as http://127.0.0.1:7878")
    parser.add_argument("--screenshots", default=".build/ui-screenshots", help="directory for the screenshots")
    parser.add_argument("--token", help="check only the access-token flow, against a server started with "
                        "--require-token that accepts this token")
    args = parser.parse_args()
    test = UITest(args.url, args.screenshots, args.token)
    try:
        failures = test.run()
    finally:
        test.driver.quit()
    print("PASSED" if failures == 0 else f"FAILED ({failures})")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
