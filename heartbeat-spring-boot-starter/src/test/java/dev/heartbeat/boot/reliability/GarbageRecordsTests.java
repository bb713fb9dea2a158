package dev.heartbeat.boot.reliability;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.heartbeat.boot.monitor.kafka.IngestStats;
import dev.heartbeat.boot.monitor.kafka.InvalidReason;
import dev.heartbeat.boot.monitor.metrics.MonitorMetrics;
import dev.heartbeat.boot.monitor.support.MonitorApp;
import dev.heartbeat.boot.monitor.support.SharedKafka;
import dev.heartbeat.core.monitor.ProcessSnapshot;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.status.RunStatus;
import dev.heartbeat.core.wire.WireContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 garbage records of every kind, drawn at random but each with exactly one known defect,
 * interleaved with the beats of twenty valid processes: the monitor tracks every valid process
 * in the state of its last beat and counts every invalid record under its reason.
 */
@ExtendWith(SharedKafka.class)
class GarbageRecordsTests {

	private static final int GARBAGE = 10_000;

	private static final int PROCESSES = 20;

	private static final int ROUNDS = 40;

	private final Random random = new Random(20260101);

	private MonitorApp monitor;

	@AfterEach
	void close() {
		if (this.monitor != null) {
			this.monitor.close();
		}
	}

	@Test
	void everyValidProcessShouldBeTrackedAndEveryInvalidRecordCountedUnderItsReason() throws Exception {
		String topic = SharedKafka.createCompactedTopic(SharedKafka.unique("heartbeats"), 3);
		this.monitor = MonitorApp.start(topic, SharedKafka.unique("group")).awaitLive(Duration.ofSeconds(15));
		Map<InvalidReason, Long> expected = new EnumMap<>(InvalidReason.class);
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		int valid = 0;
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1 << 20),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < GARBAGE; i++) {
				if (i % (GARBAGE / ROUNDS) == 0) {
					int round = i / (GARBAGE / ROUNDS) + 1;
					for (int p = 0; p < PROCESSES; p++) {
						sent.add(producer.send(validBeat(topic, p, round)));
						valid++;
					}
				}
				Garbage garbage = Garbage.values()[this.random.nextInt(Garbage.values().length)];
				sent.add(producer.send(garbage.record(topic, i, this.random)));
				expected.merge(garbage.reason, 1L, Long::sum);
			}
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}

		IngestStats stats = this.monitor.stats();
		long all = valid + GARBAGE;
		await().atMost(Duration.ofSeconds(30)).until(() -> stats.consumed() == all);
		assertThat(stats.invalid()).isEqualTo(GARBAGE);
		for (InvalidReason reason : InvalidReason.values()) {
			assertThat(stats.invalid(reason)).as(reason.tag()).isEqualTo(expected.getOrDefault(reason, 0L));
		}
		assertThat(expected.keySet()).as("reasons drawn").hasSizeGreaterThanOrEqualTo(12);
		MeterRegistry meters = this.monitor.context().getBean(MeterRegistry.class);
		assertThat(meters.get(MonitorMetrics.RECORDS_INVALID)
			.tag("reason", InvalidReason.PAYLOAD_NOT_UTF8.tag())
			.functionCounter()
			.count()).isEqualTo(expected.get(InvalidReason.PAYLOAD_NOT_UTF8).doubleValue());
		assertThat(stats.stale()).isZero();

		assertThat(this.monitor.engine().size()).isEqualTo(PROCESSES);
		for (int p = 0; p < PROCESSES; p++) {
			ProcessSnapshot snapshot = this.monitor.engine().get(process(p)).orElseThrow();
			assertThat(snapshot.state()).as(process(p)).isEqualTo(finalState(p));
			assertThat(snapshot.lastBeat().seq()).as("seq of %s", process(p)).isEqualTo(ROUNDS);
		}
	}

	/**
	 * The beat of a valid process in a round: {@code beat/60} until the last round, which ends in
	 * beat (UP), degraded, a paused beat or stop, by process. Every fifth process sends its app
	 * name as bytes that are not UTF-8: an optional text header is tolerated, not a reason to drop
	 * the beat.
	 */
	private static ProducerRecord<byte[], byte[]> validBeat(String topic, int p, int round) {
		boolean last = round == ROUNDS;
		String payload = "beat/60";
		RunStatus status = RunStatus.RUNNING;
		if (last && p % 4 == 1) {
			payload = "degraded/60";
		}
		else if (last && p % 4 == 2) {
			status = RunStatus.PAUSED;
		}
		else if (last && p % 4 == 3) {
			payload = "stop";
		}
		RecordHeaders headers = new RecordHeaders();
		headers.add(WireContract.HEADER_APP, (p % 5 == 0) ? new byte[] { (byte) 0xff, (byte) 0xfe } : utf8("shop"));
		headers.add(WireContract.HEADER_INSTANCE, utf8("i1"));
		headers.add(WireContract.HEADER_SEQ, utf8(Integer.toString(round)));
		headers.add(WireContract.HEADER_STATUS, utf8(status.name()));
		headers.add(WireContract.HEADER_HEALTH, utf8("UP"));
		return new ProducerRecord<>(topic, null, System.currentTimeMillis(), utf8(process(p)), utf8(payload), headers);
	}

	private static ProcessState finalState(int p) {
		return switch (p % 4) {
			case 0 -> ProcessState.UP;
			case 1 -> ProcessState.DEGRADED;
			case 2 -> ProcessState.PAUSED;
			default -> ProcessState.STOPPED;
		};
	}

	private static String process(int p) {
		return "valid-" + p;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A kind of garbage, with the one defect that decides its reason.
	 */
	private enum Garbage {

		EMPTY_KEY(InvalidReason.KEY_MISSING) {
			@Override
			byte[] key(int i, Random random) {
				return new byte[0];
			}
		},

		HUGE_KEY(InvalidReason.KEY_INVALID) {
			@Override
			byte[] key(int i, Random random) {
				return utf8("k".repeat(201 + random.nextInt(10_000)));
			}
		},

		KEY_NOT_UTF8(InvalidReason.KEY_INVALID) {
			@Override
			byte[] key(int i, Random random) {
				return notUtf8(1 + random.nextInt(40), random);
			}
		},

		KEY_WITH_SPACE(InvalidReason.KEY_INVALID) {
			@Override
			byte[] key(int i, Random random) {
				return utf8("garbage " + i);
			}
		},

		RANDOM_BYTES(InvalidReason.PAYLOAD_NOT_UTF8) {
			@Override
			byte[] value(Random random) {
				return notUtf8(1 + random.nextInt(64), random);
			}
		},

		HUGE_VALUE(InvalidReason.PAYLOAD_TOO_LONG) {
			@Override
			byte[] value(Random random) {
				byte[] value = new byte[65 + random.nextInt(4000)];
				random.nextBytes(value);
				return value;
			}
		},

		EMPTY_VALUE(InvalidReason.PAYLOAD_EMPTY) {
			@Override
			byte[] value(Random random) {
				return new byte[0];
			}
		},

		UNKNOWN_VERB(InvalidReason.PAYLOAD_UNKNOWN_VERB) {
			@Override
			byte[] value(Random random) {
				return pick(random, "alive/5", "BEAT/5", "ping", "heartbeat/5", "st0p", "beat /5", "\u00e9tat/5");
			}
		},

		NEGATIVE(InvalidReason.PAYLOAD_NEGATIVE_DURATION) {
			@Override
			byte[] value(Random random) {
				return utf8(pickText(random, "beat/-", "degraded/-", "start/-") + random.nextInt(1_000_000));
			}
		},

		NOT_A_NUMBER(InvalidReason.PAYLOAD_NOT_A_NUMBER) {
			@Override
			byte[] value(Random random) {
				return pick(random, "beat/NaN", "degraded/-NaN", "start/Infinity", "beat/.5", "beat/5.",
						"beat/1.0000000001");
			}
		},

		ENORMOUS(InvalidReason.PAYLOAD_DURATION_OUT_OF_RANGE) {
			@Override
			byte[] value(Random random) {
				long seconds = 31_536_001L + Math.abs(random.nextLong() % 1_000_000_000_000L);
				return utf8(pickText(random, "beat/", "start/") + seconds);
			}
		},

		ZERO(InvalidReason.PAYLOAD_DURATION_OUT_OF_RANGE) {
			@Override
			byte[] value(Random random) {
				return pick(random, "beat/0", "degraded/0.000000000", "start/00");
			}
		},

		ABOVE_MAX_DURATION(InvalidReason.DURATION_ABOVE_MAX) {
			@Override
			byte[] value(Random random) {
				// above the monitor's max-duration (24 h), within what the convention allows
				return utf8("beat/" + (86_401 + random.nextInt(31_536_000 - 86_401)));
			}
		},

		TRAILING(InvalidReason.PAYLOAD_TRAILING_GARBAGE) {
			@Override
			byte[] value(Random random) {
				return pick(random, "beat/5x", "beat/1e9", "stop/now", "beat/5 ", "degraded/5/5");
			}
		},

		NO_DURATION(InvalidReason.PAYLOAD_MISSING_DURATION) {
			@Override
			byte[] value(Random random) {
				return pick(random, "beat", "degraded/", "start");
			}
		},

		SEQ_OF_ANOTHER_TYPE(InvalidReason.SEQ_INVALID) {
			@Override
			RecordHeaders headers(Random random) {
				RecordHeaders headers = new RecordHeaders();
				// a binary long, a decimal fraction, a number too large for a long
				byte[] binary = ByteBuffer.allocate(8).putLong(random.nextLong() | Long.MIN_VALUE).array();
				headers.add(WireContract.HEADER_SEQ,
						random.nextBoolean() ? binary : pick(random, "12.5", "99999999999999999999", "", "-"));
				return headers;
			}
		},

		STATUS_OF_ANOTHER_TYPE(InvalidReason.STATUS_INVALID) {
			@Override
			RecordHeaders headers(Random random) {
				RecordHeaders headers = new RecordHeaders();
				headers.add(WireContract.HEADER_STATUS,
						random.nextBoolean() ? new byte[] { 1 } : pick(random, "SLEEPING", "true", "0", ""));
				return headers;
			}
		};

		private final InvalidReason reason;

		Garbage(InvalidReason reason) {
			this.reason = reason;
		}

		ProducerRecord<byte[], byte[]> record(String topic, int i, Random random) {
			return new ProducerRecord<>(topic, null, System.currentTimeMillis(), key(i, random), value(random),
					headers(random));
		}

		/**
		 * A valid key of a process that never sends a valid record.
		 */
		byte[] key(int i, Random random) {
			return utf8("garbage-" + i);
		}

		/**
		 * A valid payload.
		 */
		byte[] value(Random random) {
			return utf8("beat/5");
		}

		RecordHeaders headers(Random random) {
			return new RecordHeaders();
		}

		static byte[] pick(Random random, String... choices) {
			return utf8(pickText(random, choices));
		}

		static String pickText(Random random, String... choices) {
			return choices[random.nextInt(choices.length)];
		}

		/**
		 * Random bytes with at least one 0xFF, which never occurs in UTF-8.
		 */
		static byte[] notUtf8(int length, Random random) {
			byte[] bytes = new byte[length];
			random.nextBytes(bytes);
			bytes[random.nextInt(length)] = (byte) 0xff;
			return bytes;
		}

	}

}
