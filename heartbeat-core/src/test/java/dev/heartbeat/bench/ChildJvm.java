package dev.heartbeat.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a benchmark program in a JVM of its own, with this JVM's classpath and a pinned heap, so
 * that its figures do not depend on what ran before it in the launcher.
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Run a main class and wait for it.
	 * @param jvmArgs e.g. {@code -Xms2g -Xmx2g}
	 * @param mainClass the class
	 * @param args its arguments
	 * @throws IllegalStateException if it exits with a failure
	 */
	public static void run(List<String> jvmArgs, Class<?> mainClass, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).inheritIO().start();
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IllegalStateException(mainClass.getSimpleName() + " failed with exit code " + exit);
		}
	}

}
