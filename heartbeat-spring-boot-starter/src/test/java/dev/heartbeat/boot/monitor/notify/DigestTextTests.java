package dev.heartbeat.boot.monitor.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.heartbeat.boot.monitor.listener.TestChanges;
import dev.heartbeat.core.monitor.ProcessState;

import static org.assertj.core.api.Assertions.assertThat;

class DigestTextTests {

	private final NoticeText text = new NoticeText(URI.create("https://ops.example.com/heartbeat/"));

	@Test
	void digestShouldGroupByAppListTheNewestStatePerProcessAndCountEachState() {
		List<Notice> notices = List.of(notice("w1", "workers", ProcessState.UP, ProcessState.LATE),
				notice("billing", "shop", ProcessState.UP, ProcessState.DEAD),
				notice("w1", "workers", ProcessState.LATE, ProcessState.DEAD),
				notice("w2", "workers", ProcessState.DEAD, ProcessState.UP));
		DigestText digest = DigestText.of(notices, this.text);
		assertThat(digest.headline()).isEqualTo("Heartbeat digest: 2 DEAD, 1 UP (4 events)");
		assertThat(digest.groups()).extracting(DigestText.Group::title).containsExactly("workers: 1 DEAD, 1 UP",
				"shop: 1 DEAD");
		assertThat(digest.groups().get(0).lines()).containsExactly("w1 is DEAD, was LATE; last beat 15s before",
				"w2 is UP, was DEAD");
		assertThat(digest.plain()).contains("Status board: https://ops.example.com/heartbeat/");
	}

	@Test
	void slackDigestOfFiftyDeathsShouldListEveryOneWithinSlacksLimits() {
		List<Notice> notices = new ArrayList<>();
		for (int i = 1; i <= 50; i++) {
			notices.add(notice("worker-with-a-rather-long-process-id-" + i, "workers", ProcessState.UP,
					ProcessState.DEAD));
		}
		DigestText digest = DigestText.of(notices, this.text);
		JsonNode json = JsonMapper.builder().build().readTree(new SlackEventSink(
				java.net.http.HttpClient.newHttpClient(), URI.create("https://hooks.slack.com/services/x"), this.text)
			.message(digest));
		assertThat(json.get("text").asString()).isEqualTo("Heartbeat digest: 50 DEAD (50 events)");
		JsonNode blocks = json.get("blocks");
		assertThat(blocks.size()).isLessThanOrEqualTo(50);
		StringBuilder all = new StringBuilder();
		for (JsonNode block : blocks) {
			if (block.get("type").asString().equals("section")) {
				assertThat(block.get("text").get("text").asString().length()).isLessThanOrEqualTo(3000);
				all.append(block.get("text").get("text").asString());
			}
		}
		for (int i = 1; i <= 50; i++) {
			assertThat(all).contains("• worker-with-a-rather-long-process-id-" + i + " is DEAD, was UP");
		}
	}

	@Test
	void digestShouldListAtMostAHundredAndCountTheRest() {
		List<Notice> notices = new ArrayList<>();
		for (int i = 1; i <= 130; i++) {
			notices.add(notice("p" + i, "", ProcessState.UP, ProcessState.DEAD));
		}
		DigestText digest = DigestText.of(notices, this.text);
		assertThat(digest.groups()).singleElement().satisfies((group) -> {
			assertThat(group.title()).isEqualTo("(no app): 130 DEAD");
			assertThat(group.lines()).hasSize(DigestText.MAX_LINES);
			assertThat(group.hidden()).isEqualTo(30);
		});
		assertThat(digest.plain()).contains("- and 30 more");
	}

	private static Notice notice(String process, String app, ProcessState from, ProcessState to) {
		return Notice.of(TestChanges.change(process, app, from, to));
	}

}
