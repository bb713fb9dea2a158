package dev.heartbeat.boot.monitor.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A monitor in a JVM of its own ({@link ChildJvm} running {@link ChildApplication}), to be
 * killed without warning ({@link #kill()}) or stopped as an orchestrator stops it
 * ({@link #terminate()}); it reports every event it fires on its output.
 */
public final class MonitorJvm implements AutoCloseable {

	private final ChildJvm jvm;

	private MonitorJvm(ChildJvm jvm) {
		this.jvm = jvm;
	}

	/**
	 * Start a monitor JVM on the shared broker and return at once (start several to let them boot
	 * in parallel).
	 * @param name its name, for its log ({@code target/child-jvms/<name>.log})
	 * @param topic the heartbeat topic
	 * @param group the consumer group
	 * @param properties more properties, {@code name=value}
	 * @return the monitor, booting
	 */
	public static MonitorJvm start(String name, String topic, String group, String... properties) {
		return new MonitorJvm(ChildJvm.start(name, ChildApplication.class,
				List.of(MonitorApp.arguments(arguments(SharedKafka.bootstrapServers(), topic, group, properties)))));
	}

	/**
	 * Start a monitor JVM on any broker, with JVM options of its own, and return at once.
	 * @param bootstrapServers the broker
	 * @param jvmOptions the JVM's options, e.g. a pinned heap
	 * @param name its name, for its log ({@code target/child-jvms/<name>.log})
	 * @param topic the heartbeat topic
	 * @param group the consumer group
	 * @param properties more properties, {@code name=value}
	 * @return the monitor, booting
	 */
	public static MonitorJvm start(String bootstrapServers, List<String> jvmOptions, String name, String topic,
			String group, String... properties) {
		return new MonitorJvm(ChildJvm.start(name, ChildApplication.class,
				List.of(MonitorApp.arguments(arguments(bootstrapServers, topic, group, properties))), Map.of(),
				jvmOptions));
	}

	private static List<String> arguments(String bootstrapServers, String topic, String group, String... properties) {
		List<String> arguments = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"heartbeat.monitor.enabled=true", "heartbeat.monitor.group-id=" + group, "heartbeat.enabled=false",
				"heartbeat.kafka.topic=" + topic, "spring.main.web-application-type=none", "spring.main.banner-mode=off"));
		arguments.addAll(Arrays.asList(properties));
		return arguments;
	}

	/**
	 * Wait until the application is ready.
	 * @param within how long at most
	 * @return this
	 */
	public MonitorJvm awaitReady(Duration within) {
		this.jvm.awaitMessage((message) -> message.startsWith("READY"), within);
		return this;
	}

	/**
	 * The partitions it owns, if it has rebuilt them all.
	 * @return the partitions, empty while it owns none or rebuilds one
	 */
	public List<Integer> livePartitions() {
		String[] answer = this.jvm.ask("live", Duration.ofSeconds(10)).split(" ");
		if (!answer[0].equals("true") || answer.length < 2) {
			return List.of();
		}
		return Arrays.stream(answer[1].split(",")).map(Integer::valueOf).toList();
	}

	/**
	 * The processes it tracks and their states.
	 * @return process → state
	 */
	public Map<String, String> tracked() {
		String answer = this.jvm.ask("tracked", Duration.ofSeconds(10));
		return answer.isBlank() ? Map.of()
				: Arrays.stream(answer.split(" ")).map((entry) -> entry.split("="))
					.collect(Collectors.toMap((entry) -> entry[0], (entry) -> entry[1]));
	}

	/**
	 * Its counters, in one answer (see {@link ChildApplication}'s {@code stats}).
	 * @return the counters
	 */
	public Stats stats() {
		String[] answer = this.jvm.ask("stats", Duration.ofSeconds(10)).split(" ");
		return new Stats(Boolean.parseBoolean(answer[0]), Integer.parseInt(answer[1]), Integer.parseInt(answer[2]),
				Long.parseLong(answer[3]), Long.parseLong(answer[4]), Long.parseLong(answer[5]),
				Long.parseLong(answer[6]));
	}

	/**
	 * A monitor's counters at one moment.
	 * @param live whether it has rebuilt every partition it owns
	 * @param partitions how many partitions it owns
	 * @param tracked processes its engine tracks
	 * @param up of them, those UP
	 * @param consumed records its consumer read
	 * @param restored processes restored by rebuilds
	 * @param cpuNanos CPU time of its JVM so far
	 */
	public record Stats(boolean live, int partitions, int tracked, long up, long consumed, long restored,
			long cpuNanos) {
	}

	/**
	 * Every event it fired, {@code <process> <from> <to> <last beat record time>}, in order.
	 * @return the events
	 */
	public List<String> events() {
		return this.jvm.messages()
			.stream()
			.filter((message) -> message.startsWith("EVENT "))
			.map((message) -> message.substring("EVENT ".length()))
			.toList();
	}

	/**
	 * Wait until it owns partitions and has rebuilt them all.
	 * @param within how long at most
	 * @return this
	 */
	public MonitorJvm awaitLive(Duration within) {
		await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> !livePartitions().isEmpty());
		return this;
	}

	/**
	 * Kill it without warning ({@code SIGKILL}).
	 */
	public void kill() {
		this.jvm.kill();
	}

	/**
	 * Stop it as an orchestrator does ({@code SIGTERM}): it leaves its group.
	 */
	public void terminate() {
		this.jvm.terminate(Duration.ofSeconds(20));
	}

	/**
	 * Whether it runs.
	 * @return whether alive
	 */
	public boolean isAlive() {
		return this.jvm.isAlive();
	}

	@Override
	public void close() {
		this.jvm.close();
	}

	@Override
	public String toString() {
		return "MonitorJvm[" + this.jvm + "]";
	}

}
