package dev.heartbeat.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: explicit binaries (system
 * properties {@code chromium.binary} and {@code chromium.driver}), so that Selenium Manager never
 * looks for, or downloads, a browser or a driver.
 */
final class Chromium {

	private Chromium() {
	}

	/**
	 * Open a browser window of 1400 × 900.
	 * @param profile a fresh directory for the browser's profile
	 * @return the browser
	 */
	static ChromeDriver open(Path profile) {
		return start(profile, 1400, 900);
	}

	/**
	 * Start a browser.
	 * @param profile an empty directory for its profile
	 * @param width the window's width in pixels
	 * @param height the window's height in pixels
	 * @return the driver
	 */
	static ChromeDriver start(Path profile, int width, int height) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromium.driver", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Save what the browser shows to {@code target/<name>}.
	 * @param browser the browser
	 * @param name the file name, e.g. {@code board.png}
	 * @throws IOException if it cannot be saved
	 */
	static void screenshot(ChromeDriver browser, String name) throws IOException {
		File shot = browser.getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

}
