package dev.heartbeat.boot.monitor.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.heartbeat.boot.monitor.listener.Digest;

/**
 * The default wording of a digest: the events of a window grouped by app, the newest state of
 * each process or app only, and the count per state, e.g. headline
 * {@code Heartbeat digest: 50 DEAD (50 events)} and a group {@code workers: 50 DEAD} listing
 * {@code worker-07 is DEAD, was UP; last beat 8s before}. At most {@value #MAX_LINES} lines are
 * listed; the rest are counted.
 */
public final class DigestText {

	/**
	 * The most subjects a digest lists.
	 */
	public static final int MAX_LINES = 100;

	// worst first: how counts and groups are ordered
	private static final List<String> STATE_ORDER = List.of("DEAD", "LATE", "DEGRADED", "PAUSED", "STOPPED",
			"STARTING", "UP");

	private final NoticeText text;

	private final int events;

	private final List<Group> groups;

	private final Map<String, Integer> counts;

	private final int hidden;

	private DigestText(NoticeText text, int events, List<Group> groups, Map<String, Integer> counts, int hidden) {
		this.text = text;
		this.events = events;
		this.groups = groups;
		this.counts = counts;
		this.hidden = hidden;
	}

	/**
	 * The text of a digest.
	 * @param digest the digest
	 * @param text the wording of single notices
	 * @return the text
	 */
	public static DigestText of(Digest digest, NoticeText text) {
		return of(digest.entries().stream().map((entry) -> Notice.of(entry.event())).toList(), text);
	}

	/**
	 * The text of the notices of a window.
	 * @param notices the notices, in the order they arrived
	 * @param text the wording of single notices
	 * @return the text
	 */
	public static DigestText of(List<Notice> notices, NoticeText text) {
		Map<String, Notice> newest = new LinkedHashMap<>();
		for (Notice notice : notices) {
			// a later event of the same subject replaces the earlier one in its place
			newest.put(notice.key(), notice);
		}
		Map<String, Integer> counts = new TreeMap<>(DigestText::compareStates);
		Map<String, List<Notice>> byApp = new LinkedHashMap<>();
		for (Notice notice : newest.values()) {
			counts.merge(notice.state(), 1, Integer::sum);
			byApp.computeIfAbsent(notice.app(), (app) -> new ArrayList<>()).add(notice);
		}
		List<Group> groups = new ArrayList<>(byApp.size());
		int room = MAX_LINES;
		for (Map.Entry<String, List<Notice>> app : byApp.entrySet()) {
			List<Notice> members = new ArrayList<>(app.getValue());
			members.sort(Comparator.comparing(Notice::state, DigestText::compareStates));
			Map<String, Integer> appCounts = new TreeMap<>(DigestText::compareStates);
			members.forEach((notice) -> appCounts.merge(notice.state(), 1, Integer::sum));
			List<String> lines = new ArrayList<>();
			for (Notice notice : members.subList(0, Math.min(room, members.size()))) {
				lines.add(text.summaryWithinApp(notice));
			}
			room -= lines.size();
			groups.add(new Group(app.getKey(), counted(appCounts), lines, members.size() - lines.size()));
		}
		int hidden = groups.stream().mapToInt(Group::hidden).sum();
		return new DigestText(text, notices.size(), List.copyOf(groups), counts, hidden);
	}

	private static int compareStates(String a, String b) {
		int rankA = STATE_ORDER.indexOf(a);
		int rankB = STATE_ORDER.indexOf(b);
		rankA = (rankA < 0) ? STATE_ORDER.size() : rankA;
		rankB = (rankB < 0) ? STATE_ORDER.size() : rankB;
		return (rankA != rankB) ? Integer.compare(rankA, rankB) : a.compareTo(b);
	}

	private static String counted(Map<String, Integer> counts) {
		StringBuilder text = new StringBuilder();
		counts.forEach((state, count) -> text.append((text.length() > 0) ? ", " : "").append(count).append(' ')
			.append(state));
		return text.toString();
	}

	/**
	 * What the window saw, e.g. {@code Heartbeat digest: 50 DEAD, 2 UP (52 events)}.
	 * @return the headline
	 */
	public String headline() {
		return "Heartbeat digest: " + counted(this.counts) + " (" + this.events + " event"
				+ ((this.events == 1) ? "" : "s") + ")";
	}

	/**
	 * How many events the window collected.
	 * @return the count
	 */
	public int events() {
		return this.events;
	}

	/**
	 * How many processes and apps end in each state, worst first.
	 * @return the counts
	 */
	public Map<String, Integer> counts() {
		return this.counts;
	}

	/**
	 * The groups, one per app ({@code ""} for processes without one), in the order they first
	 * appeared.
	 * @return the groups
	 */
	public List<Group> groups() {
		return this.groups;
	}

	/**
	 * How many subjects are counted but not listed, past {@value #MAX_LINES}.
	 * @return the count
	 */
	public int hidden() {
		return this.hidden;
	}

	/**
	 * The status board, unfiltered.
	 * @return the link, empty without {@code heartbeat.monitor.board.url}
	 */
	public Optional<String> link() {
		return this.text.link("");
	}

	/**
	 * A plain-text message: the headline, each group with its lines, and the link.
	 * @return the text
	 */
	public String plain() {
		StringBuilder text = new StringBuilder(1024).append(headline()).append('\n');
		for (Group group : this.groups) {
			text.append('\n').append(group.title()).append('\n');
			for (String line : group.lines()) {
				text.append("- ").append(line).append('\n');
			}
			if (group.hidden() > 0) {
				text.append("- and ").append(group.hidden()).append(" more\n");
			}
		}
		link().ifPresent((link) -> text.append("\nStatus board: ").append(link).append('\n'));
		return text.toString();
	}

	/**
	 * The processes of one app in a digest.
	 *
	 * @param app the app, {@code ""} for processes without one
	 * @param counts the count per state, e.g. {@code 50 DEAD}
	 * @param lines one line per process (or the app), worst state first
	 * @param hidden how many are counted but not listed
	 */
	public record Group(String app, String counts, List<String> lines, int hidden) {

		/**
		 * The group's title, e.g. {@code workers: 50 DEAD}.
		 * @return the title
		 */
		public String title() {
			return (this.app.isEmpty() ? "(no app)" : this.app) + ": " + this.counts;
		}

	}

}
