package dev.heartbeat.boot.monitor.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A JVM started by a test: {@code java -cp <the test class path> <main> <args>}, the honest way
 * to have a process that can be killed without warning ({@link #kill()}: {@code SIGKILL}, no
 * shutdown hook, no {@code stop}, no socket closed politely) or stopped the way an orchestrator
 * does it ({@link #terminate}: {@code SIGTERM}, so Spring's shutdown hook closes the context).
 * <p>
 * The child's output (stdout and stderr) is read on a daemon thread, kept for
 * {@link #awaitLine} and copied to {@code target/child-jvms/<name>.log}. Lines starting with
 * {@value #PROTOCOL} are what the child tells the test on purpose (see {@link ChildApplication}).
 * The test asks the child things through its stdin ({@link #ask}); when the test JVM goes away
 * the child sees the end of its stdin and exits, so no child outlives the build.
 */
public final class ChildJvm implements AutoCloseable {

	/**
	 * Prefix of the lines a child writes for the test.
	 */
	public static final String PROTOCOL = "@@ ";

	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData", "-Djava.awt.headless=true");

	private final String name;

	private final Process process;

	private final PrintWriter commands;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final AtomicInteger questions = new AtomicInteger();

	private ChildJvm(String name, Process process) {
		this.name = name;
		this.process = process;
		this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "child-jvm-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a child JVM on the test class path.
	 * @param name a name for logs and threads
	 * @param main the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running child
	 */
	public static ChildJvm start(String name, Class<?> main, List<String> args) {
		return start(name, main, args, Map.of());
	}

	/**
	 * Start a child JVM on the test class path with more environment variables.
	 * @param name a name for logs and threads
	 * @param main the class whose {@code main} runs
	 * @param args its arguments
	 * @param environment variables set for it (on top of the test's), e.g. {@code HOSTNAME}
	 * @return the running child
	 */
	public static ChildJvm start(String name, Class<?> main, List<String> args, Map<String, String> environment) {
		return start(name, main, args, environment, JVM_OPTIONS);
	}

	/**
	 * Start a child JVM on the test class path with JVM options of its own instead of the tests'
	 * (a small heap, C1 only, the serial collector: quick to boot, slow to run), e.g. for a
	 * benchmark.
	 * @param name a name for logs and threads
	 * @param main the class whose {@code main} runs
	 * @param args its arguments
	 * @param environment variables set for it (on top of the test's), e.g. {@code HOSTNAME}
	 * @param jvmOptions the JVM's options
	 * @return the running child
	 */
	public static ChildJvm start(String name, Class<?> main, List<String> args, Map<String, String> environment,
			List<String> jvmOptions) {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		// under Surefire this may be a manifest-only jar whose Class-Path names the real one: fine
		command.add(System.getProperty("java.class.path"));
		command.add(main.getName());
		command.addAll(args);
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			return new ChildJvm(name, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/**
	 * The name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Whether the child still runs.
	 * @return whether alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Send the child a command on its stdin and wait for its answer.
	 * @param command the command
	 * @param within how long to wait at most
	 * @return the answer
	 */
	public String ask(String command, Duration within) {
		String id = Integer.toString(this.questions.incrementAndGet());
		this.commands.println(id + " " + command);
		String prefix = "ANSWER " + id + " ";
		return awaitMessage((message) -> message.startsWith(prefix), within).substring(prefix.length());
	}

	/**
	 * Wait for a protocol line (without its prefix) that matches, looking at every line since start.
	 * @param matching what to wait for
	 * @param within how long at most
	 * @return the first matching line, prefix removed
	 */
	public String awaitMessage(Predicate<String> matching, Duration within) {
		return awaitLine((line) -> line.startsWith(PROTOCOL) && matching.test(line.substring(PROTOCOL.length())),
				within).substring(PROTOCOL.length());
	}

	/**
	 * The protocol lines written so far, prefix removed.
	 * @return the messages
	 */
	public List<String> messages() {
		return this.lines.stream()
			.filter((line) -> line.startsWith(PROTOCOL))
			.map((line) -> line.substring(PROTOCOL.length()))
			.toList();
	}

	/**
	 * Wait for an output line that matches, looking at every line since start.
	 * @param matching what to wait for
	 * @param within how long at most
	 * @return the first matching line
	 */
	public String awaitLine(Predicate<String> matching, Duration within) {
		try {
			Awaitility.await()
				.atMost(within)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.lines.stream().anyMatch(matching) || !this.process.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No such line from " + this.name + " within " + within + "; last lines:\n"
					+ tail(40), ex);
		}
		return this.lines.stream()
			.filter(matching)
			.findFirst()
			.orElseThrow(() -> new AssertionError(this.name + " exited (" + this.process.exitValue()
					+ ") before writing such a line; last lines:\n" + tail(40)));
	}

	/**
	 * Kill the child without warning ({@code SIGKILL}) and wait until it is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(10));
	}

	/**
	 * Ask the child to stop ({@code SIGTERM}: its shutdown hooks run) and wait until it is gone.
	 * @param within how long it may take
	 * @return its exit code
	 */
	public int terminate(Duration within) {
		this.process.destroy();
		return awaitExit(within);
	}

	private int awaitExit(Duration within) {
		try {
			if (!this.process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError(this.name + " did not exit within " + within + "; last lines:\n" + tail(40));
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The last lines of output.
	 * @param count how many
	 * @return the lines, one per line
	 */
	public String tail(int count) {
		List<String> all = List.copyOf(this.lines);
		return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
	}

	/**
	 * Kill the child if it still runs.
	 */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void readOutput() {
		Path log = Paths.get("target", "child-jvms", this.name + ".log");
		try {
			Files.createDirectories(log.getParent());
		}
		catch (IOException ex) {
			// the copy is for humans only
		}
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer copy = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
			String line;
			while ((line = in.readLine()) != null) {
				this.lines.add(line);
				copy.write(line);
				copy.write('\n');
				copy.flush();
			}
		}
		catch (IOException ex) {
			// the child is gone
		}
	}

	@Override
	public String toString() {
		return "ChildJvm[" + this.name + ", pid " + this.process.pid() + (isAlive() ? "" : ", exited") + "]";
	}

}
