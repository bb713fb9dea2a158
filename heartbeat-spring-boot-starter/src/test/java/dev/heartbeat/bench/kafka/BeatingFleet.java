package dev.heartbeat.bench.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.heartbeat.core.beat.ProcessIds;
import dev.heartbeat.core.wire.WireContract;

/**
 * Simulated processes beating, written by one producer in the exact wire format (key = process
 * id, value {@code beat/<period in s>}, the {@code heartbeat-*} headers, record time = now):
 * round after round every process beats once, each round spread evenly over one period in 100
 * slices; a round that falls behind is not made up, the next starts at once.
 */
final class BeatingFleet implements AutoCloseable {

	private static final int SLICES = 100;

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	private final long periodMillis;

	private final byte[][] keys;

	private final byte[][] subjects;

	private final byte[][] apps;

	private final byte[][] instances;

	private final Thread thread;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong rounds = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private volatile long worstLagMillis;

	private volatile boolean running = true;

	BeatingFleet(String bootstrap, String topic, int processes, long periodMillis) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		config.put(ProducerConfig.ACKS_CONFIG, "1");
		this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
		this.topic = topic;
		this.periodMillis = periodMillis;
		Random random = new Random(17);
		this.keys = new byte[processes][];
		this.subjects = new byte[processes][];
		this.apps = new byte[processes][];
		this.instances = new byte[processes][];
		for (int i = 0; i < processes; i++) {
			String app = KafkaIngestBenchmark.APPS[i % KafkaIngestBenchmark.APPS.length];
			String process = app + '-' + KafkaIngestBenchmark.hex12(random) + '-' + String.format("%06d", i);
			this.keys[i] = KafkaIngestBenchmark.utf8(process);
			this.subjects[i] = KafkaIngestBenchmark.utf8(ProcessIds.subject(process));
			this.apps[i] = KafkaIngestBenchmark.utf8(app);
			this.instances[i] = KafkaIngestBenchmark.utf8(KafkaIngestBenchmark.hex12(random));
		}
		this.thread = new Thread(this::beat, "beating-fleet");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void beat() {
		byte[] payload = KafkaIngestBenchmark.utf8("beat/" + this.periodMillis / 1000);
		byte[] running = KafkaIngestBenchmark.utf8("RUNNING");
		byte[] up = KafkaIngestBenchmark.utf8("UP");
		int processes = this.keys.length;
		long round = 0;
		while (this.running) {
			round++;
			byte[] seq = KafkaIngestBenchmark.utf8(Long.toString(round));
			long roundStart = System.currentTimeMillis();
			for (int slice = 0; slice < SLICES && this.running; slice++) {
				long due = roundStart + slice * this.periodMillis / SLICES;
				long now = System.currentTimeMillis();
				if (due > now) {
					FleetBench.sleep(due - now);
				}
				else {
					this.worstLagMillis = Math.max(this.worstLagMillis, now - due);
				}
				for (int i = slice * processes / SLICES; i < (slice + 1) * processes / SLICES; i++) {
					RecordHeaders headers = new RecordHeaders();
					headers.add(WireContract.HEADER_SUBJECT, this.subjects[i]);
					headers.add(WireContract.HEADER_APP, this.apps[i]);
					headers.add(WireContract.HEADER_INSTANCE, this.instances[i]);
					headers.add(WireContract.HEADER_SEQ, seq);
					headers.add(WireContract.HEADER_STATUS, running);
					headers.add(WireContract.HEADER_HEALTH, up);
					this.producer.send(new ProducerRecord<>(this.topic, null, System.currentTimeMillis(), this.keys[i],
							payload, headers), (metadata, error) -> {
								if (error != null) {
									this.failed.incrementAndGet();
								}
							});
					this.sent.incrementAndGet();
				}
			}
			this.rounds.set(round);
		}
	}

	long sent() {
		return this.sent.get();
	}

	long rounds() {
		return this.rounds.get();
	}

	long failed() {
		return this.failed.get();
	}

	long worstLagMillis() {
		return this.worstLagMillis;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(10_000);
		this.producer.close();
	}

}
