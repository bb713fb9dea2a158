package dev.heartbeat.bench.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.heartbeat.boot.monitor.kafka.BeatRecordDecoder;
import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.boot.monitor.kafka.IngestStats;
import dev.heartbeat.boot.monitor.kafka.InvalidRecordLog;
import dev.heartbeat.boot.monitor.kafka.RecordIngest;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.core.monitor.DeadlineEngineConfig;
import dev.heartbeat.core.monitor.internal.BatchIngest;
import dev.heartbeat.core.time.ManualClock;
import dev.heartbeat.core.wire.WireContract;

/**
 * Benchmark 3: Kafka ingest. An embedded KRaft broker in this JVM, on loopback, holds a topic
 * preloaded with {@code records} heartbeat records (a million by default) over {@code processes}
 * processes (100,000): each process beats {@code records / processes} times, 5 s apart in record
 * time, in the exact wire format (key = process id, value {@code beat/5}, the
 * {@code heartbeat-*} headers). Then, in the same run, alternately and each with a fresh consumer
 * group and the same consumer settings (the monitor's: no auto-commit, earliest, cooperative
 * sticky; Kafka's default fetch sizes):
 * <ul>
 * <li>(a) <b>bare</b>: a {@link KafkaConsumer} poll loop that only reads the key and value bytes
 * of every record, the ceiling;</li>
 * <li>(b) <b>monitor, live path</b>: the same loop handing every poll's records, partition by
 * partition as the monitor's consumer does, to {@link RecordIngest#applyAll} (strict decoding and
 * validation of key, payload and headers, {@link BatchIngest#prefetch} of each chunk, then
 * {@link BatchIngest#onBeats} for its valid records) with a real engine;</li>
 * <li>(c) <b>monitor, start-up</b>: the monitor's own {@link HeartbeatConsumer}, which on a fresh
 * assignment rebuilds each partition from its beginning (decode every record, keep each
 * process's last, restore those into the engine), timed until every partition is live.</li>
 * </ul>
 * The rate is the records after the first poll's batch divided by the time from that poll's
 * return to the last record handled, so group joining and the first fetch are left out alike.
 * The engine's clock stands at the first record's time, so that no deadline passes while the
 * passes run: what is measured is ingest, not a flood of DEAD events. The target is b/a of the
 * medians.
 */
public final class KafkaIngestBenchmark {

	/**
	 * The share of the bare consumer's rate the monitor must reach.
	 */
	public static final double TARGET_RATIO = 0.8;

	static final String TOPIC = "heartbeats-bench";

	static final String[] APPS = { "orders", "billing", "shipping", "payments", "inventory", "search",
			"accounts", "notifications" };

	private static final long PERIOD_MILLIS = 5_000;

	/**
	 * Two successive warm-up runs within this share of each other make a pass steady.
	 */
	static final double STEADY = 0.05;

	private static final Duration MAX_DURATION = Duration.ofHours(24);

	private static final long PASS_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(3);

	private KafkaIngestBenchmark() {
	}

	/**
	 * Run it.
	 * @param args records (1,000,000), processes (100,000), timed runs of each pass (5),
	 * partitions (4), the most warm-up runs of each pass (15)
	 */
	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int processes = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
		int runs = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		int partitions = (args.length > 3) ? Integer.parseInt(args[3]) : 4;
		int maxWarmups = (args.length > 4) ? Integer.parseInt(args[4]) : 15;
		System.out.println("[kafka] " + machine());
		System.out.println("[kafka] records=" + records + ", processes=" + processes + ", partitions=" + partitions
				+ ", timed runs of each pass=" + runs + ", warm-ups of each pass until two successive rates are within "
				+ Math.round(STEADY * 100) + " % (at most " + maxWarmups + "), JVM flags "
				+ java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
		Result result = run(records, processes, partitions, maxWarmups, runs);
		print(result, records, processes, partitions);
		System.out.println("[kafka] done; " + load());
	}

	/**
	 * Start a broker, preload it and run the passes: first each pass on its own, again and again
	 * until two successive runs are within {@link #STEADY} of each other (or {@code maxWarmups}
	 * runs were made), then the timed runs, the three passes alternately.
	 * @param records how many records
	 * @param processes over how many processes
	 * @param partitions the topic's partitions
	 * @param maxWarmups the most untimed runs of each pass
	 * @param runs timed runs of each pass
	 * @return the passes
	 */
	public static Result run(int records, int processes, int partitions, int maxWarmups, int runs) throws Exception {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, TOPIC);
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperty("offsets.topic.num.partitions", "1");
		broker.afterPropertiesSet();
		try {
			String bootstrap = broker.getBrokersAsString();
			long start = System.nanoTime();
			long firstRecordTime = preload(bootstrap, records, processes);
			double preloadSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("[kafka] preloaded %,d records over %,d processes in %.1f s (%,.0f records/s)%n", records,
					processes, preloadSeconds, records / preloadSeconds);
			List<Pass> warmupPasses = new ArrayList<>();
			Map<Kind, Boolean> steady = new java.util.EnumMap<>(Kind.class);
			AtomicInteger groups = new AtomicInteger();
			for (Kind kind : Kind.values()) {
				double previous = -1;
				steady.put(kind, false);
				for (int warmup = 1; warmup <= maxWarmups; warmup++) {
					Pass pass = report(pass(kind, bootstrap, groups, records, processes, partitions, firstRecordTime),
							"warm-up " + warmup);
					warmupPasses.add(pass);
					if (previous > 0 && Math.abs(pass.rate() - previous) <= STEADY * previous) {
						steady.put(kind, true);
						break;
					}
					previous = pass.rate();
				}
				System.out.printf("[kafka] %s: %s after %d warm-up runs%n", kind.label,
						steady.get(kind) ? "steady" : "NOT steady", warmupPasses.stream().filter((p) -> p.kind == kind).count());
			}
			List<Pass> timed = new ArrayList<>();
			for (int run = 1; run <= runs; run++) {
				for (Kind kind : Kind.values()) {
					timed.add(report(pass(kind, bootstrap, groups, records, processes, partitions, firstRecordTime),
							"run " + run));
				}
			}
			return new Result(warmupPasses, timed, records / preloadSeconds, steady);
		}
		finally {
			broker.destroy();
		}
	}

	private static Pass pass(Kind kind, String bootstrap, AtomicInteger groups, int records, int processes,
			int partitions, long firstRecordTime) throws InterruptedException {
		return switch (kind) {
			case BARE -> bare(consumerConfig(bootstrap, groups), records);
			case LIVE -> live(consumerConfig(bootstrap, groups), records, processes, firstRecordTime);
			case STARTUP -> startup(consumerConfig(bootstrap, groups), records, processes, partitions, firstRecordTime);
		};
	}

	private static Pass report(Pass pass, String run) {
		System.out.printf("[kafka] %s %s: %,.0f records/s (%,d records in %.3f s after the first batch of %,d)%n",
				run, pass.kind.label, pass.rate(), pass.timedRecords(),
				pass.nanos / 1e9, pass.firstBatch);
		return pass;
	}

	/**
	 * Fill the topic: round after round, every process beats once, its record time 5 s after its
	 * last, its sequence number one higher.
	 * @return the record time of the first round
	 */
	static long preload(String bootstrap, int records, int processes) throws Exception {
		long firstRecordTime = System.currentTimeMillis();
		preload(bootstrap, TOPIC, records, processes, firstRecordTime, PERIOD_MILLIS);
		return firstRecordTime;
	}

	/**
	 * Fill a topic: round after round, every process beats once, its record time one period
	 * after its last, its sequence number one higher; the payload says that period.
	 * @param firstRecordTime the record time of the first round
	 * @param periodMillis the period, whole seconds
	 */
	static void preload(String bootstrap, String topic, int records, int processes, long firstRecordTime,
			long periodMillis) throws Exception {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.ACKS_CONFIG, "1");
		Random random = new Random(42);
		byte[][] keys = new byte[processes][];
		byte[][] subjects = new byte[processes][];
		byte[][] instances = new byte[processes][];
		for (int i = 0; i < processes; i++) {
			String process = APPS[i % APPS.length] + '-' + hex12(random) + '-' + String.format("%06d", i);
			keys[i] = utf8(process);
			subjects[i] = utf8(ProcessIds.subject(process));
			instances[i] = utf8(hex12(random));
		}
		byte[] payload = utf8("beat/" + periodMillis / 1000);
		byte[] running = utf8("RUNNING");
		byte[] up = utf8("UP");
		AtomicLong failed = new AtomicLong();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int n = 0; n < records; n++) {
				int round = n / processes;
				int i = n % processes;
				RecordHeaders headers = new RecordHeaders();
				headers.add(WireContract.HEADER_SUBJECT, subjects[i]);
				headers.add(WireContract.HEADER_APP, utf8(APPS[i % APPS.length]));
				headers.add(WireContract.HEADER_INSTANCE, instances[i]);
				headers.add(WireContract.HEADER_SEQ, utf8(Long.toString(round + 1)));
				headers.add(WireContract.HEADER_STATUS, running);
				headers.add(WireContract.HEADER_HEALTH, up);
				producer.send(new ProducerRecord<>(topic, null, firstRecordTime + round * periodMillis, keys[i],
						payload, headers), (metadata, error) -> {
							if (error != null) {
								failed.incrementAndGet();
							}
						});
			}
			producer.flush();
		}
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " records could not be preloaded");
		}
	}

	/**
	 * The monitor's consumer settings (see HeartbeatMonitorAutoConfiguration), with a group of
	 * its own; everything else is Kafka's default.
	 */
	static Map<String, Object> consumerConfig(String bootstrap, AtomicInteger groups) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + groups.incrementAndGet());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
		return config;
	}

	/**
	 * (a) Read keys and values, nothing else.
	 */
	static Pass bare(Map<String, Object> config, int records) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
			consumer.subscribe(List.of(TOPIC));
			Timer timer = new Timer(records);
			long bytes = 0;
			while (timer.count < records) {
				ConsumerRecords<byte[], byte[]> polled = timer.poll(consumer);
				for (ConsumerRecord<byte[], byte[]> record : polled) {
					bytes += record.key().length + record.value().length;
				}
				timer.handled(polled.count());
			}
			if (bytes == 0) {
				throw new IllegalStateException("read no bytes");
			}
			return new Pass(Kind.BARE, timer.count, timer.firstBatch, timer.elapsed(), records);
		}
	}

	/**
	 * (b) The monitor's live path for every record.
	 */
	static Pass live(Map<String, Object> config, int records, int processes, long firstRecordTime) {
		ManualClock clock = new ManualClock(Instant.ofEpochMilli(firstRecordTime));
		DeadlineEngine engine = engine(clock);
		RecordIngest ingest = new RecordIngest(engine, new BeatRecordDecoder(MAX_DURATION), new IngestStats(),
				new InvalidRecordLog(clock, InvalidRecordLog.DEFAULT_INTERVAL), null);
		long accepted = 0;
		Timer timer = new Timer(records);
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
			consumer.subscribe(List.of(TOPIC));
			while (timer.count < records) {
				ConsumerRecords<byte[], byte[]> polled = timer.poll(consumer);
				// as HeartbeatConsumer does for live partitions
				for (TopicPartition partition : polled.partitions()) {
					accepted += ingest.applyAll(polled.records(partition));
				}
				timer.handled(polled.count());
			}
		}
		if (accepted != records || engine.size() != processes) {
			throw new IllegalStateException("the engine accepted " + accepted + " of " + records + " records and tracks "
					+ engine.size() + " of " + processes + " processes; invalid " + ingest.stats().invalidByReason()
					+ ", stale " + ingest.stats().stale());
		}
		return new Pass(Kind.LIVE, timer.count, timer.firstBatch, timer.elapsed(), records);
	}

	/**
	 * (c) The monitor's consumer, rebuilding every partition it is assigned.
	 */
	static Pass startup(Map<String, Object> config, int records, int processes, int partitions, long firstRecordTime)
			throws InterruptedException {
		Rebuild rebuild = rebuild(config, TOPIC, partitions, firstRecordTime);
		IngestStats stats = rebuild.stats();
		if (stats.consumed() != records || stats.restored() != processes || stats.invalid() != 0) {
			throw new IllegalStateException("the monitor consumed " + stats.consumed() + " of " + records
					+ " records and restored " + stats.restored() + " of " + processes + " processes; invalid "
					+ stats.invalidByReason());
		}
		return new Pass(Kind.STARTUP, records, rebuild.firstBatch(), rebuild.live() - rebuild.firstPoll(), records);
	}

	/**
	 * A fresh monitor's consumer (on a fresh engine whose clock stands at the first record's time)
	 * rebuilding every partition of a topic it is assigned, timed until the last is live.
	 * @param config the consumer's settings
	 * @param topic the heartbeat topic
	 * @param partitions its partitions
	 * @param firstRecordTime the first record's time, epoch milliseconds
	 * @return what was timed and counted
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Rebuild rebuild(Map<String, Object> config, String topic, int partitions, long firstRecordTime)
			throws InterruptedException {
		ManualClock clock = new ManualClock(Instant.ofEpochMilli(firstRecordTime));
		DeadlineEngine engine = engine(clock);
		IngestStats stats = new IngestStats();
		RecordIngest ingest = new RecordIngest(engine, new BeatRecordDecoder(MAX_DURATION), stats,
				new InvalidRecordLog(clock, InvalidRecordLog.DEFAULT_INTERVAL), null);
		AtomicLong first = new AtomicLong();
		AtomicInteger firstBatch = new AtomicInteger();
		AtomicLong end = new AtomicLong();
		AtomicInteger rebuilt = new AtomicInteger();
		AtomicInteger tracked = new AtomicInteger();
		CountDownLatch live = new CountDownLatch(1);
		HeartbeatConsumer consumer = new HeartbeatConsumer(() -> new KafkaConsumer<byte[], byte[]>(config,
				new ByteArrayDeserializer(), new ByteArrayDeserializer()) {

			@Override
			public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
				ConsumerRecords<byte[], byte[]> polled = super.poll(timeout);
				if (!polled.isEmpty() && first.get() == 0) {
					first.set(System.nanoTime());
					firstBatch.set(polled.count());
				}
				return polled;
			}

		}, topic, ingest, engine, () -> {
			if (rebuilt.incrementAndGet() == partitions) {
				end.set(System.nanoTime());
				// before the consumer stops: giving its partitions back forgets their processes
				tracked.set(engine.size());
				live.countDown();
			}
		}, clock);
		long started = System.nanoTime();
		consumer.start();
		try {
			if (!live.await(PASS_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
				throw new IllegalStateException("the monitor's consumer did not rebuild " + partitions
						+ " partitions in time; consumed " + stats.consumed());
			}
		}
		finally {
			consumer.stop(Duration.ofSeconds(10));
		}
		return new Rebuild(started, first.get(), firstBatch.get(), end.get(), tracked.get(), stats);
	}

	/**
	 * A timed rebuild.
	 * @param started when the consumer started, {@link System#nanoTime()}
	 * @param firstPoll when its first poll with records returned
	 * @param firstBatch the records of that poll
	 * @param live when its last partition was live
	 * @param tracked the processes the engine tracked then
	 * @param stats what the ingest counted
	 */
	record Rebuild(long started, long firstPoll, int firstBatch, long live, int tracked, IngestStats stats) {
	}

	private static DeadlineEngine engine(ManualClock clock) {
		return new DeadlineEngine(DeadlineEngineConfig.custom().maxDuration(MAX_DURATION).build(), clock);
	}

	private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static void print(Result result, int records, int processes, int partitions) {
		int runs = result.timed.size() / Kind.values().length;
		List<String> header = new ArrayList<>(List.of("pass"));
		for (int run = 1; run <= runs; run++) {
			header.add("run " + run);
		}
		header.addAll(List.of("median records/s", "vs bare (a)"));
		List<List<String>> rows = new ArrayList<>();
		double bare = result.median(Kind.BARE);
		for (Kind kind : Kind.values()) {
			List<String> row = new ArrayList<>(List.of(kind.label));
			for (Pass pass : result.timed) {
				if (pass.kind == kind) {
					row.add(String.format("%,.0f", pass.rate()));
				}
			}
			double median = result.median(kind);
			row.add(String.format("%,.0f", median));
			row.add((kind == Kind.BARE) ? "1.00" : String.format("%.2f", median / bare));
			rows.add(row);
		}
		printTable(String.format("Kafka ingest, embedded KRaft broker on loopback (%,d records, %,d processes, %d partitions)",
				records, processes, partitions), header, rows);
		List<List<String>> warmups = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			List<String> rates = result.warmups.stream()
				.filter((pass) -> pass.kind == kind)
				.map((pass) -> String.format("%,.0f", pass.rate()))
				.toList();
			warmups.add(List.of(kind.label, Integer.toString(rates.size()), String.join(" / ", rates),
					Boolean.TRUE.equals(result.steady.get(kind)) ? "yes" : "no"));
		}
		printTable(String.format("Warm-up runs (not counted), each pass until two successive rates are within %d %%",
				Math.round(STEADY * 100)), List.of("pass", "warm-ups", "records/s, in order", "steady"), warmups);
		double ratio = result.ratio();
		printTable("Kafka ingest target", List.of("measure", "figure", "target", "verdict"),
				List.of(List.of("monitor live path (b) / bare consumer (a), medians", String.format("%.2f", ratio),
						">= " + TARGET_RATIO, (ratio >= TARGET_RATIO) ? "met" : "MISSED")));
	}

	static void printTable(String title, List<String> header, List<List<String>> rows) {
		int[] widths = new int[header.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = header.get(i).length();
			for (List<String> row : rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder text = new StringBuilder("\n### ").append(title).append("\n\n");
		line(text, header, widths);
		List<String> rule = new ArrayList<>();
		for (int width : widths) {
			rule.add("-".repeat(width));
		}
		line(text, rule, widths);
		for (List<String> row : rows) {
			line(text, row, widths);
		}
		System.out.print(text);
		System.out.flush();
	}

	private static void line(StringBuilder text, List<String> cells, int[] widths) {
		text.append('|');
		for (int i = 0; i < cells.size(); i++) {
			text.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
		}
		text.append('\n');
	}

	static String hex12(Random random) {
		String hex = Long.toHexString(random.nextLong() & 0xFFFF_FFFF_FFFFL);
		return "000000000000".substring(hex.length()) + hex;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String machine() {
		String memory = "?";
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memory = String.format("%.1f GiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memory + " RAM, "
				+ System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; " + load();
	}

	static String load() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return "load " + fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "load ?";
		}
	}

	/**
	 * Times a poll loop from the return of its first non-empty poll.
	 */
	static final class Timer {

		private final long deadline = System.nanoTime() + PASS_TIMEOUT_NANOS;

		private final int expected;

		long first;

		int firstBatch;

		long count;

		long last;

		Timer(int expected) {
			this.expected = expected;
		}

		ConsumerRecords<byte[], byte[]> poll(KafkaConsumer<byte[], byte[]> consumer) {
			ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
			if (!polled.isEmpty() && this.first == 0) {
				this.first = System.nanoTime();
				this.firstBatch = polled.count();
			}
			if (System.nanoTime() > this.deadline) {
				throw new IllegalStateException("read " + this.count + " of " + this.expected + " records in time");
			}
			return polled;
		}

		void handled(int records) {
			this.count += records;
			this.last = System.nanoTime();
		}

		long elapsed() {
			return this.last - this.first;
		}

	}

	/**
	 * The passes.
	 */
	enum Kind {

		BARE("(a) bare KafkaConsumer, keys and values only"),

		LIVE("(b) monitor live path: RecordIngest.applyAll into a DeadlineEngine"),

		STARTUP("(c) monitor start-up: HeartbeatConsumer rebuilding from the beginning");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	/**
	 * One pass over the topic.
	 * @param kind which
	 * @param records records handled
	 * @param firstBatch records of the first poll, not timed
	 * @param nanos time from the first poll's return to the last record handled
	 * @param expected records in the topic
	 */
	record Pass(Kind kind, long records, int firstBatch, long nanos, int expected) {

		long timedRecords() {
			return this.records - this.firstBatch;
		}

		double rate() {
			return timedRecords() / (this.nanos / 1e9);
		}

	}

	/**
	 * Every pass of a run.
	 * @param warmups the warm-up passes, not counted
	 * @param timed the timed passes, in the order they ran
	 * @param preloadRate records/s of the preload
	 * @param steady whether each kind's warm-ups ended with two runs within {@link #STEADY}
	 */
	public record Result(List<Pass> warmups, List<Pass> timed, double preloadRate, Map<Kind, Boolean> steady) {

		double median(Kind kind) {
			double[] rates = this.timed.stream().filter((pass) -> pass.kind == kind).mapToDouble(Pass::rate).toArray();
			Arrays.sort(rates);
			int n = rates.length;
			return (n % 2 == 1) ? rates[n / 2] : (rates[n / 2 - 1] + rates[n / 2]) / 2;
		}

		/**
		 * The monitor's live path over the bare consumer, medians.
		 * @return b / a
		 */
		public double ratio() {
			return median(Kind.LIVE) / median(Kind.BARE);
		}

	}

}
