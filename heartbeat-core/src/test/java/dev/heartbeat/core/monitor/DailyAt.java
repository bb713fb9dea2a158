package dev.heartbeat.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A test schedule: every day at a local time in a zone, with the daylight-saving rules of Spring's
 * cron expressions: a day on which the time does not exist (clocks spring forward over it) has no
 * run, a day on which it happens twice (clocks fall back) has two.
 */
record DailyAt(LocalTime time, ZoneId zone, Duration grace) implements JobSchedule {

	static DailyAt utc(LocalTime time) {
		return new DailyAt(time, ZoneOffset.UTC, Duration.ofMinutes(5));
	}

	@Override
	public Instant nextRunAfter(Instant after) {
		LocalDate day = after.atZone(this.zone).toLocalDate().minusDays(1);
		while (true) {
			LocalDateTime local = day.atTime(this.time);
			List<Instant> runs = this.zone.getRules()
				.getValidOffsets(local)
				.stream()
				.map(local::toInstant)
				.sorted()
				.toList();
			for (Instant run : runs) {
				if (run.isAfter(after)) {
					return run;
				}
			}
			day = day.plusDays(1);
		}
	}

}
