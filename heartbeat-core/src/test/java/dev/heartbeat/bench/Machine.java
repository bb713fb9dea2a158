package dev.heartbeat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every benchmark prints about where it ran: cores, memory, JDK, JVM flags and the load.
 */
public final class Machine {

	private Machine() {
	}

	/**
	 * One line about the machine and the JVM.
	 * @return the description
	 */
	public static String describe() {
		return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memTotal() + " RAM, "
				+ System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
				+ System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; " + load();
	}

	/**
	 * The load averages of the last 1, 5 and 15 minutes.
	 * @return e.g. {@code load 0.52 0.61 0.80}
	 */
	public static String load() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return "load " + fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "load " + String.format("%.2f",
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	/**
	 * The JVM's input arguments (heap and GC flags).
	 * @return the flags
	 */
	public static List<String> jvmFlags() {
		return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
	}

	private static String memTotal() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return "? GiB";
	}

}
