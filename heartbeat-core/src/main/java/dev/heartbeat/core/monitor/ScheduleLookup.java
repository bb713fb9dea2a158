package dev.heartbeat.core.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.config.ConfigChecks;
import dev.heartbeat.core.config.InvalidConfigException;

/**
 * Which processes run on a {@link JobSchedule}: rules that match a process id exactly or by a
 * regular expression (the whole id must match), tried in the order they were added, the first
 * match winning. Immutable and thread-safe; build it with {@link #builder()}.
 * <p>
 * The engine looks a process up once, when it starts tracking it (again after it was forgotten),
 * and keeps the answer with the process: the rules cost nothing per beat, and a lookup with no
 * rules ({@link #none()}) costs nothing at all.
 */
public final class ScheduleLookup {

	private static final ScheduleLookup NONE = new ScheduleLookup(List.of());

	private final List<Rule> rules;

	private ScheduleLookup(List<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * The lookup with no schedules: every process is judged by the periods of its beats.
	 * @return the empty lookup
	 */
	public static ScheduleLookup none() {
		return NONE;
	}

	/**
	 * A new builder with no rules.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The schedule of a process: that of the first rule that matches its id.
	 * @param process the process id
	 * @return the schedule, or empty if the process is not scheduled
	 */
	public Optional<JobSchedule> find(String process) {
		Objects.requireNonNull(process, "process");
		for (Rule rule : this.rules) {
			if (rule.matches(process)) {
				return Optional.of(rule.schedule);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether there are no rules.
	 * @return whether no process is scheduled
	 */
	public boolean isEmpty() {
		return this.rules.isEmpty();
	}

	@Override
	public String toString() {
		return "ScheduleLookup" + this.rules;
	}

	private record Rule(@Nullable String process, @Nullable Pattern regex, JobSchedule schedule) {

		boolean matches(String id) {
			return (this.process != null) ? this.process.equals(id) : this.regex.matcher(id).matches();
		}

		@Override
		public String toString() {
			return ((this.process != null) ? "process=" + this.process : "process-regex=" + this.regex.pattern())
					+ " -> " + this.schedule;
		}

	}

	/**
	 * Builder of {@link ScheduleLookup}.
	 */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Schedule the process with an exact id.
		 * @param process the process id
		 * @param schedule its schedule
		 * @return this builder
		 * @throws InvalidConfigException if the schedule's grace is shorter than 1 ms or longer than
		 * {@link dev.heartbeat.core.beat.Beat#MAX_DURATION}
		 */
		public Builder process(String process, JobSchedule schedule) {
			Objects.requireNonNull(process, "process");
			this.rules.add(new Rule(process, null, checked(schedule)));
			return this;
		}

		/**
		 * Schedule every process whose whole id matches a regular expression.
		 * @param regex the expression, e.g. {@code nightly-.*}
		 * @param schedule their schedule
		 * @return this builder
		 * @throws InvalidConfigException if the schedule's grace is shorter than 1 ms or longer than
		 * {@link dev.heartbeat.core.beat.Beat#MAX_DURATION}
		 */
		public Builder processRegex(Pattern regex, JobSchedule schedule) {
			Objects.requireNonNull(regex, "regex");
			this.rules.add(new Rule(null, regex, checked(schedule)));
			return this;
		}

		/**
		 * Build the lookup.
		 * @return the lookup
		 */
		public ScheduleLookup build() {
			return this.rules.isEmpty() ? NONE : new ScheduleLookup(List.copyOf(this.rules));
		}

		private static JobSchedule checked(JobSchedule schedule) {
			Objects.requireNonNull(schedule, "schedule");
			ConfigChecks.atLeastOneMilli("grace", schedule.grace());
			return schedule;
		}

	}

}
