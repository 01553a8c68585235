package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.web.WebProcess;
import dev.patina.sim.os.SystemProgram;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web UI in Debian's headless Chromium, driven by its chromedriver through Selenium: log
 * in, filter the devices, compare two versions, search with context, and "back up now" on a
 * simulated device whose config changed. Screenshots go to {@code target/browser/}.
 */
class WebBrowserSystemTest {
  private static final String C9200 = "ios#C9200L-24P-4G_17.09.04a";
  private static final String ASR920 = "ios#asr920_16.8.1b";
  private static final String PASSWORD = "operator password 1";

  static ChromeDriver chrome(Path profile) {
    Path chromium = SystemProgram.need("chromium");
    Path driver = SystemProgram.need("chromedriver", "chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-extensions", "--disable-sync", "--no-first-run",
        "--no-default-browser-check", "--user-data-dir=" + profile, "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return chrome;
  }

  static void screenshot(ChromeDriver chrome, String name) throws Exception {
    Path out = Files.createDirectories(Path.of("target", "browser")).resolve(name + ".png");
    Files.copy(chrome.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
  }

  static synchronized int addUser(Path config, String name, String role, String password) {
    InputStream in = System.in;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      return TestFleet.run("--config", config.toString(), "user", "add", name, "--role", role, "--password-stdin")
          .status();
    } finally {
      System.setIn(in);
    }
  }

  @Test
  void anEngineerLogsInFiltersComparesSearchesAndBacksUpADeviceInChromium(@TempDir Path dir) throws Exception {
    SystemProgram.need("chromium");
    SystemProgram.need("chromedriver", "chromium-driver");
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      fleet.service("http: { users: state/users, auth: users }");
      Path config = fleet.config();
      assertEquals(0, fleet.patina("run").status());
      fleet.devices.get("core-sw1").replaceInReplies("description oxidized two", "description uplink to dist-2");
      assertEquals(0, fleet.patina("run").status());
      assertEquals(0, addUser(config, "alice", "operator", PASSWORD));
      try (WebProcess web = WebProcess.start(config, "127.0.0.1:0", Duration.ofSeconds(30), System.out)) {
        String base = web.server().uri().toString();
        ChromeDriver chrome = chrome(dir.resolve("chrome-profile"));
        try {
          chrome.get(base + "devices");
          assertTrue(chrome.getCurrentUrl().contains("/login?next="), chrome.getCurrentUrl());
          chrome.findElement(By.id("user")).sendKeys("alice");
          chrome.findElement(By.id("password")).sendKeys(PASSWORD);
          follow(chrome, By.id("login"));
          assertTrue(chrome.getCurrentUrl().endsWith("/devices"), chrome.getCurrentUrl());
          assertEquals(2, chrome.findElements(By.cssSelector("#devices tbody tr")).size());

          chrome.findElement(By.id("filter")).sendKeys("edge");
          follow(chrome, By.id("filter-go"));
          assertTrue(chrome.findElement(By.id("matched")).getText().startsWith("1 match"),
              chrome.findElement(By.id("matched")).getText());
          List<WebElement> rows = chrome.findElements(By.cssSelector("#devices tbody tr"));
          assertEquals(1, rows.size());
          assertTrue(rows.get(0).getText().startsWith("edge-rtr1"), rows.get(0).getText());
          screenshot(chrome, "devices-filtered");

          chrome.get(base + "devices/core-sw1");
          follow(chrome, By.id("compare"));
          assertEquals("+1", chrome.findElement(By.id("plus")).getText());
          assertEquals("-1", chrome.findElement(By.id("minus")).getText());
          follow(chrome, By.id("view-side"));
          List<String> removed = chrome.findElements(By.cssSelector("table.diff.side td.del del")).stream()
              .map(WebElement::getText).toList();
          List<String> added = chrome.findElements(By.cssSelector("table.diff.side td.ins ins")).stream()
              .map(WebElement::getText).toList();
          assertEquals(List.of("oxidized", "two"), removed, "only the changed words are marked");
          assertEquals(List.of("uplink", "to dist-2"), added);
          screenshot(chrome, "diff-side-by-side");

          chrome.get(base + "search");
          chrome.findElement(By.id("q")).sendKeys("uplink to dist");
          WebElement context = chrome.findElement(By.id("context"));
          context.clear();
          context.sendKeys("2");
          follow(chrome, By.id("search-go"));
          assertEquals("core-sw1", chrome.findElement(By.cssSelector("h2.device")).getText());
          assertEquals(1, chrome.findElements(By.cssSelector("pre.hits .match")).size());
          assertEquals(4, chrome.findElements(By.cssSelector("pre.hits .ctx")).size(), "two lines each side");
          screenshot(chrome, "search");

          fleet.devices.get("core-sw1").replaceInReplies("description uplink to dist-2",
              "description uplink to dist-3");
          chrome.get(base + "devices/core-sw1");
          follow(chrome, By.id("backup-now"));
          String result = chrome.findElement(By.id("backup-result")).getText();
          assertTrue(result.startsWith("changed"), result);
          follow(chrome, By.id("backup-diff"));
          assertTrue(chrome.findElement(By.cssSelector("table.diff")).getText().contains("dist-3"));
          screenshot(chrome, "back-up-now-diff");
          chrome.get(base + "runs");
          List<WebElement> runs = chrome.findElements(By.cssSelector("#runs tbody tr"));
          assertEquals(3, runs.size(), "two patina runs and the back up now");
          assertTrue(runs.get(0).getText().contains("web: back up now"), runs.get(0).getText());
          assertTrue(runs.get(2).getText().contains("patina run"), runs.get(2).getText());
          assertFalse(chrome.getPageSource().contains("SECRET_ENABLE"), "secrets stay masked");
        } finally {
          chrome.quit();
        }
      }
    }
  }

  /**
   * Clicks a link or submit button and waits until the browser has left the page (the old page's
   * root element is gone): a click returns before the next page has loaded when the navigation
   * starts a moment late (a POST and its redirect), and reading the old page then fails at random.
   */
  /**
   * True once {@code element}'s page has been replaced. Chromium answers a question about an
   * element of a page being torn down either as stale or, a moment earlier, with "Node with given
   * id does not belong to the document": both mean the page is gone.
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return true;
      throw e;
    }
  }

  private static void follow(ChromeDriver chrome, By what) {
    WebElement oldPage = chrome.findElement(By.tagName("html"));
    chrome.findElement(what).click();
    new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(30))
        .until(d -> gone(oldPage));
    new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(30))
        .until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
            .executeScript("return document.readyState")));
  }
}
