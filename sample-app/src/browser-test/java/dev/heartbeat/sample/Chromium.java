package dev.heartbeat.sample;

import java.io.File;
import java.nio.file.Path;

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

}
