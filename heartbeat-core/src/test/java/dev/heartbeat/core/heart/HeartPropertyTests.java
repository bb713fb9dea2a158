package dev.heartbeat.core.heart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import dev.heartbeat.core.beat.Beat;
import dev.heartbeat.core.beat.BeatCodec;
import dev.heartbeat.core.beat.BeatKind;
import dev.heartbeat.core.publish.SyncBeatPublisher;
import dev.heartbeat.core.status.StatusTracker;
import dev.heartbeat.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Properties of {@link Heart}'s duplicate suppression over arbitrary sequences of beats and
 * pauses, with a publisher that always delivers.
 */
class HeartPropertyTests {

	private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

	@Test
	void suppressionShouldNeverHideAChange() {
		qt().withExamples(500).forAll(steps()).checkAssert(HeartPropertyTests::suppressionShouldNeverHideAChange);
	}

	private static void suppressionShouldNeverHideAChange(List<Step> steps) {
		Run run = new Run();
		for (Step step : steps) {
			run.perform(step);
			assertThat(run.published.get(run.published.size() - 1).beat()).as("after %s", step)
				.isEqualTo(step.beat());
		}
	}

	@Test
	void identicalBeatsShouldBePublishedAtLeastTheMinIntervalApart() {
		qt().withExamples(500).forAll(steps()).checkAssert(HeartPropertyTests::identicalBeatsShouldBePublishedAtLeastTheMinIntervalApart);
	}

	private static void identicalBeatsShouldBePublishedAtLeastTheMinIntervalApart(List<Step> steps) {
		Run run = new Run();
		steps.forEach(run::perform);
		for (int i = 1; i < run.published.size(); i++) {
			Published previous = run.published.get(i - 1);
			Published current = run.published.get(i);
			if (current.beat().kind().isPeriodic() && current.beat().equals(previous.beat())) {
				assertThat(current.monotonicNanos() - previous.monotonicNanos()).as("gap before beat %d", i)
					.isGreaterThanOrEqualTo(MIN_INTERVAL.toNanos());
			}
		}
	}

	@Test
	void seqShouldGrowByOneWithEveryPublishedBeat() {
		qt().withExamples(500).forAll(steps()).checkAssert(HeartPropertyTests::seqShouldGrowByOneWithEveryPublishedBeat);
	}

	private static void seqShouldGrowByOneWithEveryPublishedBeat(List<Step> steps) {
		Run run = new Run();
		steps.forEach(run::perform);
		for (int i = 0; i < run.published.size(); i++) {
			assertThat(run.published.get(i).seq()).isEqualTo(i + 1);
		}
	}

	private static Gen<List<Step>> steps() {
		Gen<Duration> pauses = Generate.pick(List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(400),
				MIN_INTERVAL.minusNanos(1), MIN_INTERVAL, Duration.ofSeconds(3)));
		Gen<Beat> beats = Generate.enumValues(BeatKind.class)
			.zip(Generate.pick(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5))), Beat::of);
		return lists().of(pauses.zip(beats, Step::new)).ofSizeBetween(1, 30);
	}

	/**
	 * Wait, then ask the heart for a beat.
	 *
	 * @param pause how long to advance the clock first
	 * @param beat the beat to ask for
	 */
	record Step(Duration pause, Beat beat) {

		@Override
		public String toString() {
			return "+" + this.pause + " " + this.beat;
		}

	}

	record Published(Beat beat, long seq, long monotonicNanos) {
	}

	private static final class Run {

		private final ManualClock clock = new ManualClock();

		private final List<Published> published = new ArrayList<>();

		private final Heart heart;

		Run() {
			SyncBeatPublisher publisher = (subject, process, payload, metadata) -> this.published
				.add(new Published(BeatCodec.parse(payload), metadata.seq(), this.clock.monotonicTime()));
			HeartConfig config = HeartConfig.custom().process("orders").minInterval(MIN_INTERVAL).build();
			this.heart = new Heart(config, publisher, new StatusTracker(this.clock), this.clock);
		}

		void perform(Step step) {
			this.clock.advance(step.pause());
			this.heart.send(step.beat().kind(), step.beat().duration(), "UP");
		}

	}

}
