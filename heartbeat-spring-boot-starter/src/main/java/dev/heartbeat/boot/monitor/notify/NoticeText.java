package dev.heartbeat.boot.monitor.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default wording of a notification, for every notifier alike: a headline
 * ({@code billing (shop) is DEAD, was UP}), a one-line summary, a list of facts, and a link to
 * the status board when {@code heartbeat.monitor.board.url} is set. Immutable and thread-safe;
 * listener beans may use it for their own messages.
 */
public final class NoticeText {

	private final String board;

	/**
	 * Texts that link to a status board.
	 * @param board the board's public URL, e.g. {@code https://ops.example.com/heartbeat/}, or
	 * {@code null} for no links
	 */
	public NoticeText(URI board) {
		this.board = (board != null) ? board.toString() : null;
	}

	/**
	 * What happened, e.g. {@code billing (shop) is DEAD, was UP}, {@code billing is still DEAD}
	 * for a reminder, {@code App shop is DEGRADED, was UP}.
	 * @param notice the notice
	 * @return the headline
	 */
	public String headline(Notice notice) {
		return headline(notice, true);
	}

	private String headline(Notice notice, boolean withApp) {
		StringBuilder text = new StringBuilder(64);
		text.append(subject(notice, withApp));
		if (notice.reminder()) {
			text.append(" is still ").append(notice.state());
		}
		else {
			text.append(" is ").append(notice.state());
			if (!notice.previous().equals("UNKNOWN")) {
				text.append(", was ").append(notice.previous());
			}
		}
		return text.toString();
	}

	/**
	 * The headline and, for a silence (LATE, DEAD), the age of the last beat: one line for a
	 * PagerDuty summary, an Opsgenie message or a mail subject.
	 * @param notice the notice
	 * @return the line
	 */
	public String summary(Notice notice) {
		return summary(notice, true);
	}

	/**
	 * The summary without the app of a process, for a list grouped by app.
	 * @param notice the notice
	 * @return the line
	 */
	public String summaryWithinApp(Notice notice) {
		return summary(notice, false);
	}

	private String summary(Notice notice, boolean withApp) {
		Duration age = notice.age();
		String headline = headline(notice, withApp);
		boolean silent = notice.state().equals("LATE") || notice.state().equals("DEAD");
		return (age != null && silent) ? headline + "; last beat " + age(age) + " before" : headline;
	}

	/**
	 * The facts of a notice, in the order a message shows them.
	 * @param notice the notice
	 * @return label and value pairs
	 */
	public List<Fact> facts(Notice notice) {
		List<Fact> facts = new ArrayList<>(7);
		facts.add(new Fact(notice.subject().label(), notice.name()));
		if (notice.subject() == Notice.Subject.PROCESS && !notice.app().isEmpty()) {
			facts.add(new Fact("App", notice.app()));
		}
		facts.add(new Fact("State", notice.previous().equals("UNKNOWN") ? notice.state()
				: notice.state() + " (was " + notice.previous() + ")"));
		facts.add(new Fact("At", notice.at().toString()));
		if (notice.lastBeatAt() != null) {
			facts.add(new Fact("Last beat", notice.lastBeatAt() + " (" + age(notice.age()) + " before)"));
		}
		if (!notice.instance().isEmpty()) {
			facts.add(new Fact("Instance", notice.instance()));
		}
		if (!notice.detail().isEmpty()) {
			facts.add(new Fact("Detail", notice.detail()));
		}
		facts.add(new Fact("Event", notice.event()));
		return facts;
	}

	/**
	 * The status board, filtered to the app of the notice.
	 * @param notice the notice
	 * @return the link, empty without {@code heartbeat.monitor.board.url}
	 */
	public Optional<String> link(Notice notice) {
		return link(notice.app());
	}

	/**
	 * The status board, filtered to an app.
	 * @param app the app, {@code ""} for every process
	 * @return the link, empty without {@code heartbeat.monitor.board.url}
	 */
	public Optional<String> link(String app) {
		if (this.board == null) {
			return Optional.empty();
		}
		return Optional.of(app.isEmpty() ? this.board
				: this.board + "#app=" + URLEncoder.encode(app, StandardCharsets.UTF_8).replace("+", "%20"));
	}

	/**
	 * A plain-text message: the headline, the facts one a line, and the link.
	 * @param notice the notice
	 * @return the text
	 */
	public String plain(Notice notice) {
		StringBuilder text = new StringBuilder(256).append(headline(notice)).append("\n\n");
		for (Fact fact : facts(notice)) {
			text.append(fact.label()).append(": ").append(fact.value()).append('\n');
		}
		link(notice).ifPresent((link) -> text.append("\nStatus board: ").append(link).append('\n'));
		return text.toString();
	}

	/**
	 * How bad a state is, for colours and marks.
	 * @param state the state, e.g. {@code DEAD}
	 * @return the tone
	 */
	public static Tone tone(String state) {
		return switch (state) {
			case "DEAD" -> Tone.BAD;
			case "LATE", "DEGRADED" -> Tone.WARNING;
			case "UP" -> Tone.GOOD;
			default -> Tone.NEUTRAL;
		};
	}

	/**
	 * A duration as people say it: {@code 450ms}, {@code 15s}, {@code 2m 5s}, {@code 3h 10m},
	 * {@code 2d 4h}.
	 * @param duration the duration, not negative
	 * @return the text
	 */
	public static String age(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 1) {
			return duration.toMillis() + "ms";
		}
		if (seconds < 60) {
			long tenths = duration.toMillis() % 1000 / 100;
			return (tenths == 0 || seconds >= 10) ? seconds + "s" : seconds + "." + tenths + "s";
		}
		long[] sizes = { 86_400, 3_600, 60, 1 };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < 3; i++) {
			if (seconds >= sizes[i]) {
				long rest = (seconds % sizes[i]) / sizes[i + 1];
				return (seconds / sizes[i]) + units[i] + ((rest != 0) ? " " + rest + units[i + 1] : "");
			}
		}
		return seconds + "s";
	}

	private static String subject(Notice notice, boolean withApp) {
		if (notice.subject() == Notice.Subject.APP) {
			return "App " + notice.name();
		}
		return (notice.app().isEmpty() || !withApp) ? notice.name() : notice.name() + " (" + notice.app() + ")";
	}

	/**
	 * A label and its value.
	 *
	 * @param label the label, e.g. {@code Last beat}
	 * @param value the value
	 */
	public record Fact(String label, String value) {
	}

	/**
	 * How bad a state is.
	 */
	public enum Tone {

		/** Dead. */
		BAD,

		/** Late or degraded. */
		WARNING,

		/** Up. */
		GOOD,

		/** Starting, paused or stopped. */
		NEUTRAL

	}

}
