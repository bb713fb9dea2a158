package dev.heartbeat.boot.monitor.notify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.heartbeat.boot.monitor.listener.TestChanges;
import dev.heartbeat.core.monitor.ProcessState;
import dev.heartbeat.core.monitor.StateChange;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeTextTests {

	private final NoticeText text = new NoticeText(URI.create("https://ops.example.com/heartbeat/"));

	@Test
	void aProcessNoticeShouldSayWhatHappenedToWhichProcessOfWhichApp() {
		Notice notice = Notice.of(TestChanges.dead());
		assertThat(notice.key()).isEqualTo("heartbeat.billing");
		assertThat(this.text.headline(notice)).isEqualTo("billing (shop) is DEAD, was UP");
		assertThat(this.text.summary(notice)).isEqualTo("billing (shop) is DEAD, was UP; last beat 15s before");
		assertThat(this.text.facts(notice)).extracting(NoticeText.Fact::label)
			.containsExactly("Process", "App", "State", "At", "Last beat", "Instance", "Event");
		assertThat(this.text.plain(notice)).startsWith("billing (shop) is DEAD, was UP\n\nProcess: billing\nApp: shop\n")
			.endsWith("Status board: https://ops.example.com/heartbeat/#app=shop\n");
	}

	@Test
	void aReminderAFirstEventAndARecoveryShouldReadAsSuch() {
		StateChange change = TestChanges.dead();
		Notice reminder = Notice.of(new StateChange(change.process(), change.app(), ProcessState.DEAD,
				ProcessState.DEAD, change.at(), change.detectedAt(), change.lastBeat(), true));
		assertThat(this.text.headline(reminder)).isEqualTo("billing (shop) is still DEAD");
		Notice first = Notice.of(TestChanges.change("billing", "", ProcessState.UNKNOWN, ProcessState.STARTING));
		assertThat(this.text.summary(first)).isEqualTo("billing is STARTING");
		Notice up = Notice.of(TestChanges.change("billing", "shop", ProcessState.DEAD, ProcessState.UP));
		assertThat(this.text.summary(up)).isEqualTo("billing (shop) is UP, was DEAD");
		assertThat(this.text.summary(Notice.of(TestChanges.stopped("billing")))).isEqualTo("billing is STOPPED, was UP");
	}

	@Test
	void anAppNoticeShouldFitTheSameWording() {
		Notice app = new Notice(Notice.Subject.APP, "web shop", "web shop", "DEGRADED", "UP",
				Instant.parse("2026-01-01T00:00:15Z"), null, "", "1 of 3 instances alive (2 needed)",
				"app.web shop.degraded", false);
		assertThat(app.key()).isEqualTo("app.web shop");
		assertThat(this.text.summary(app)).isEqualTo("App web shop is DEGRADED, was UP");
		assertThat(this.text.facts(app)).extracting(NoticeText.Fact::label)
			.containsExactly("App", "State", "At", "Detail", "Event");
		assertThat(this.text.link(app)).hasValue("https://ops.example.com/heartbeat/#app=web%20shop");
	}

	@Test
	void withoutABoardUrlThereShouldBeNoLink() {
		assertThat(new NoticeText(null).link(Notice.of(TestChanges.dead()))).isEmpty();
		assertThat(new NoticeText(null).plain(Notice.of(TestChanges.dead()))).doesNotContain("Status board");
	}

	@Test
	void agesShouldReadAsPeopleSayThem() {
		assertThat(NoticeText.age(Duration.ofMillis(450))).isEqualTo("450ms");
		assertThat(NoticeText.age(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(NoticeText.age(Duration.ofSeconds(15))).isEqualTo("15s");
		assertThat(NoticeText.age(Duration.ofSeconds(125))).isEqualTo("2m 5s");
		assertThat(NoticeText.age(Duration.ofMinutes(190))).isEqualTo("3h 10m");
		assertThat(NoticeText.age(Duration.ofHours(52))).isEqualTo("2d 4h");
		assertThat(NoticeText.age(Duration.ofHours(48))).isEqualTo("2d");
	}

}
