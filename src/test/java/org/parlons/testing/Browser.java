package org.parlons.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for browser tests. Locally a missing browser skips the test;
 * in CI ({@code -Dbrowser.tests.required=true}) it fails it, so nothing is skipped
 * silently.
 */
public final class Browser {

	private static final java.util.Map<ChromeDriver, Path> DOWNLOADS = new java.util.concurrent.ConcurrentHashMap<>();

	private Browser() {
	}

	/**
	 * The text of the first file the browser downloads (waits up to 15 s for it to be
	 * complete).
	 */
	public static String downloaded(ChromeDriver chrome, String suffix) {
		Path dir = DOWNLOADS.get(chrome);
		long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < until) {
			try (var files = Files.list(dir)) {
				var done = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
				if (done.isPresent()) {
					return Files.readString(done.get());
				}
				Thread.sleep(100);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("nothing ending with " + suffix + " was downloaded to " + dir);
	}

	/** Whether the page is wider than the window (a horizontal scroll bar). */
	public static boolean widerThanTheScreen(ChromeDriver chrome) {
		return Boolean.TRUE.equals(chrome
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth"));
	}

	public static ChromeDriver start() {
		return start(1440, 900);
	}

	/** A browser whose window is {@code width} by {@code height} CSS pixels. */
	public static ChromeDriver start(int width, int height) {
		File chromium = new File("/usr/bin/chromium");
		File driver = new File("/usr/bin/chromedriver");
		boolean present = chromium.canExecute() && driver.canExecute();
		if (Boolean.getBoolean("browser.tests.required")) {
			if (!present) {
				throw new AssertionError(
						"Browser tests are required but /usr/bin/chromium or /usr/bin/chromedriver is missing");
			}
		}
		else {
			Assumptions.assumeTrue(present, "Chromium not installed: browser test skipped (required in CI)");
		}
		try {
			Path profile = Files.createTempDirectory("parlons-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium);
			Path downloads = Files.createDirectories(profile.resolve("downloads"));
			options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
					"download.prompt_for_download", false));
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--disable-quic", "--window-size=" + width + "," + height, "--lang=fr-FR",
					"--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
				.usingAnyFreePort()
				.build();
			ChromeDriver chrome = new ChromeDriver(service, options);
			chrome.manage().timeouts().implicitlyWait(Duration.ZERO);
			// axe-core over a whole page takes seconds, more on a busy two-core machine
			chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
			DOWNLOADS.put(chrome, downloads);
			return chrome;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * A wait that tries again when htmx replaced the element between finding it and
	 * reading it (a stale element is a moment of the page, not a failure).
	 */
	public static org.openqa.selenium.support.ui.WebDriverWait waiting(ChromeDriver chrome, int seconds) {
		org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(chrome,
				java.time.Duration.ofSeconds(seconds));
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	/** Signs in through the login form (in English) and waits for the inbox. */
	public static void signIn(ChromeDriver chrome, int port, String email, String password) {
		chrome.get("http://localhost:" + port + "/login?lang=en");
		chrome.findElement(org.openqa.selenium.By.id("username")).sendKeys(email);
		chrome.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
		chrome.findElement(org.openqa.selenium.By.id("sign-in")).click();
		waiting(chrome, 15).until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/inbox"));
	}

	/**
	 * Whether the element has left the page. Chromium 156's driver answers a replaced
	 * node with an "unknown error" ("does not belong to the document") instead of a stale
	 * element, which Selenium's {@code stalenessOf} takes for a failure rather than for
	 * the element being gone.
	 */
	public static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> gone(
			org.openqa.selenium.WebElement element) {
		return driver -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.WebDriverException replaced) {
				return true;
			}
		};
	}

	/** The texts a chart drew (the charting library renders SVG). */
	@SuppressWarnings("unchecked")
	public static java.util.List<String> svgTexts(ChromeDriver chrome, String chart) {
		return (java.util.List<String>) chrome.executeScript("return Array.from(document.querySelectorAll(arguments[0]"
				+ " + ' svg text')).map(function (t) { return t.textContent; });", chart);
	}

	public static void screenshot(ChromeDriver chrome, String name) {
		try {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) chrome).getScreenshotAs(OutputType.BYTES));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
