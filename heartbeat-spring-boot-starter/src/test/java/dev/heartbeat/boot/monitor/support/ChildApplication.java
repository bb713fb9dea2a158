package dev.heartbeat.boot.monitor.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.heartbeat.boot.monitor.ProcessStateChangedEvent;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.test.SwitchableHealthIndicator;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.StateChange;

/**
 * The application a {@link ChildJvm} runs: whatever auto-configuration finds (so, with the
 * starter, a beating app, and a monitor with {@code --heartbeat.monitor.enabled=true}), plus a
 * health indicator the test switches. Configured entirely by {@code --name=value} arguments.
 * <p>
 * It tells the test, in lines starting with {@value ChildJvm#PROTOCOL}:
 * {@code READY} once the application is ready, and
 * {@code EVENT <process> <from> <to> <last beat record time, epoch ms>} for every heartbeat
 * state change it sees as a monitor. It answers commands on stdin, {@code <id> <command>}, with
 * {@code ANSWER <id> <answer>}: {@code health <CODE>} sets the switchable indicator,
 * {@code tracked} lists the processes it tracks as a monitor ({@code process=STATE ...}),
 * {@code live} says whether its monitor has rebuilt every partition it owns and which
 * ({@code true 0,3}), {@code stats} answers {@code <live> <partitions owned> <processes tracked>
 * <of them UP> <records consumed> <processes restored> <CPU time of the JVM, ns>}; the argument
 * {@code --child.events=off} leaves the {@code EVENT} lines out. The
 * end of stdin (the test JVM is gone) makes it exit; it runs until then, killed or terminated.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ChildApplication {

	private static volatile boolean events = true;

	public static void main(String[] args) {
		// a benchmark with a hundred thousand processes does not want a line per event
		events = !java.util.Arrays.asList(args).contains("--child.events=off");
		ConfigurableApplicationContext context = SpringApplication.run(ChildApplication.class, args);
		// not a daemon: it keeps the JVM alive (Kafka's and the heartbeat's threads are daemons)
		new Thread(() -> obey(context), "child-commands").start();
		tell("READY " + ProcessHandle.current().pid());
	}

	@Bean
	SwitchableHealthIndicator switchableHealthIndicator() {
		return new SwitchableHealthIndicator();
	}

	@EventListener
	void on(ProcessStateChangedEvent event) {
		if (!events) {
			return;
		}
		StateChange change = event.getChange();
		tell("EVENT " + change.process() + " " + change.from() + " " + change.to() + " "
				+ change.lastBeat().recordTime().toEpochMilli());
	}

	private static void obey(ConfigurableApplicationContext context) {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				String[] words = line.strip().split(" ");
				if (words.length >= 2) {
					tell("ANSWER " + words[0] + " " + answer(context, words));
				}
			}
		}
		catch (IOException ex) {
			// treated as the end of stdin
		}
		System.exit(0);
	}

	private static String answer(ConfigurableApplicationContext context, String[] words) {
		if (words[1].equals("health") && words.length == 3) {
			context.getBean(SwitchableHealthIndicator.class).set(words[2]);
			return "ok";
		}
		if (words[1].equals("live")) {
			HeartbeatConsumer consumer = context.getBeanProvider(HeartbeatConsumer.class).getIfAvailable();
			return (consumer != null) ? consumer.isLive() + " " + consumer.assignment()
				.stream()
				.map((partition) -> Integer.toString(partition.partition()))
				.sorted()
				.collect(Collectors.joining(",")) : "false";
		}
		if (words[1].equals("tracked")) {
			DeadlineEngine engine = context.getBeanProvider(DeadlineEngine.class).getIfAvailable();
			return (engine != null) ? engine.list((snapshot) -> true, 10_000)
				.stream()
				.map((snapshot) -> snapshot.process() + "=" + snapshot.state())
				.sorted()
				.collect(Collectors.joining(" ")) : "";
		}
		if (words[1].equals("stats")) {
			HeartbeatConsumer consumer = context.getBeanProvider(HeartbeatConsumer.class).getIfAvailable();
			DeadlineEngine engine = context.getBeanProvider(DeadlineEngine.class).getIfAvailable();
			dev.heartbeat.boot.monitor.kafka.IngestStats stats = context
				.getBeanProvider(dev.heartbeat.boot.monitor.kafka.IngestStats.class)
				.getIfAvailable();
			long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean()).getProcessCpuTime();
			return ((consumer != null) && consumer.isLive()) + " " + ((consumer != null) ? consumer.assignment().size() : 0)
					+ " " + ((engine != null) ? engine.size() : 0) + " "
					+ ((engine != null) ? engine.countByState().getOrDefault(dev.heartbeat.core.monitor.ProcessState.UP, 0L) : 0)
					+ " " + ((stats != null) ? stats.consumed() : 0) + " " + ((stats != null) ? stats.restored() : 0) + " "
					+ cpu;
		}
		return "unknown command";
	}

	private static synchronized void tell(String message) {
		System.out.println(ChildJvm.PROTOCOL + message);
		System.out.flush();
	}

}
