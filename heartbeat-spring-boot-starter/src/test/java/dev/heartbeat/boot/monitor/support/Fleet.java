package dev.heartbeat.boot.monitor.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.heartbeat.boot.monitor.kafka.HeartbeatConsumer;
import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

/**
 * Many processes beating every period in the wire format, through one producer set up as the
 * starter sets up its own: a beat the broker has not taken within period × buffer is given up
 * (so a broker that is away makes beats late or lost, never very old when they arrive), and a
 * broker that comes back is tried again within a quarter period. Every process's beats of one
 * tick go out together, without waiting for the broker.
 */
public final class Fleet implements AutoCloseable {

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	private final String app;

	private final Duration period;

	private final List<String> processes;

	private final Set<String> dead = ConcurrentHashMap.newKeySet();

	// the record time of the last beat of each process that the broker took
	private final Map<String, Long> lastTaken = new ConcurrentHashMap<>();

	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "fleet");
		thread.setDaemon(true);
		return thread;
	});

	private long seq;

	private Fleet(String bootstrapServers, String topic, String app, Duration period, int buffer,
			List<String> processes) {
		Map<String, Object> config = new HashMap<>();
		long delivery = period.multipliedBy(buffer).toMillis();
		long quarter = Math.max(1, period.toMillis() / 4);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) delivery);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) period.toMillis());
		config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) quarter);
		config.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, (int) quarter);
		config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, (int) Math.min(100, quarter));
		this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
		this.topic = topic;
		this.app = app;
		this.period = period;
		this.processes = List.copyOf(processes);
	}

	/**
	 * Start a fleet: every process beats now and every period.
	 * @param bootstrapServers the broker, directly or through the proxy
	 * @param topic the heartbeat topic
	 * @param app the app of every process
	 * @param period the period
	 * @param buffer the report-by buffer: how many periods a beat may take to be delivered
	 * @param processes the process ids
	 * @return the fleet, beating
	 */
	public static Fleet start(String bootstrapServers, String topic, String app, Duration period, int buffer,
			List<String> processes) {
		Fleet fleet = new Fleet(bootstrapServers, topic, app, period, buffer, processes);
		fleet.ticks.scheduleAtFixedRate(fleet::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
		return fleet;
	}

	/**
	 * The partition of a process on a topic of the given partitions, as the default partitioner
	 * puts its records.
	 * @param process the process id
	 * @param partitions the number of partitions
	 * @return the partition
	 */
	public static int partitionOf(String process, int partitions) {
		return HeartbeatConsumer.defaultPartition(process.getBytes(StandardCharsets.UTF_8), partitions);
	}

	/**
	 * The processes.
	 * @return their ids
	 */
	public List<String> processes() {
		return this.processes;
	}

	/**
	 * Kill processes: they send nothing any more, {@code stop} included.
	 * @param killed the processes
	 */
	public void kill(List<String> killed) {
		this.dead.addAll(killed);
	}

	/**
	 * The record time of the last beat of a process that the broker took.
	 * @param process the process
	 * @return the time
	 */
	public Instant lastTaken(String process) {
		Long time = this.lastTaken.get(process);
		if (time == null) {
			throw new AssertionError("The broker took no beat of " + process);
		}
		return Instant.ofEpochMilli(time);
	}

	private void tick() {
		long now = System.currentTimeMillis();
		long beat = ++this.seq;
		byte[] payload = utf8(BeatCodec.encode(Beat.beat(this.period)));
		for (String process : this.processes) {
			if (this.dead.contains(process)) {
				continue;
			}
			RecordHeaders headers = new RecordHeaders();
			headers.add(WireContract.HEADER_SUBJECT, utf8(ProcessIds.subject(process)));
			headers.add(WireContract.HEADER_APP, utf8(this.app));
			headers.add(WireContract.HEADER_INSTANCE, utf8("0f1e2d3c4b5a"));
			headers.add(WireContract.HEADER_SEQ, utf8(Long.toString(beat)));
			headers.add(WireContract.HEADER_STATUS, utf8(RunStatus.RUNNING.name()));
			headers.add(WireContract.HEADER_HEALTH, utf8("UP"));
			try {
				this.producer.send(new ProducerRecord<>(this.topic, null, now, utf8(process), payload, headers),
						(metadata, error) -> {
							if (error == null) {
								this.lastTaken.merge(process, now, Math::max);
							}
						});
			}
			catch (RuntimeException ex) {
				// the broker is away for longer than a send may wait: this beat is lost
			}
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.ticks.shutdownNow();
		this.producer.close(Duration.ofSeconds(2));
	}

}
