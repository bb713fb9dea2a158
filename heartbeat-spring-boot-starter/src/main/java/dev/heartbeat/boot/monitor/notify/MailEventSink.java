package dev.heartbeat.boot.monitor.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

import dev.heartbeat.boot.monitor.listener.Digest;
import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventTemplate;
import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.boot.monitor.listener.EventValues;
import dev.heartbeat.core.monitor.MonitorEvent;

/**
 * Sends every event as a plain-text mail through Spring's {@link MailSender}: subject
 * {@code [heartbeat] <summary>} and the facts as body, or the listener's own templates. A digest
 * is one mail with the digest's headline as subject and its groups (or the body template
 * rendered per event) as body. Its timeouts are the mail sender's own
 * ({@code spring.mail.properties[mail.smtp.timeout]}); the listener's timeout abandons an attempt
 * that outlives it anyway.
 */
public final class MailEventSink implements EventSink {

	/**
	 * What every subject starts with.
	 */
	public static final String SUBJECT_PREFIX = "[heartbeat] ";

	private final MailSender sender;

	private final String from;

	private final String[] to;

	private final EventTemplate subject;

	private final EventTemplate body;

	private final NoticeText text;

	/**
	 * A mail sink.
	 * @param sender the mail sender
	 * @param from the sender address
	 * @param to the recipients
	 * @param subject the subject template, or {@code null} for the summary of the event
	 * @param body the body template, or {@code null} for the facts of the event
	 * @param text the wording of the defaults
	 */
	public MailEventSink(MailSender sender, String from, List<String> to, EventTemplate subject, EventTemplate body,
			NoticeText text) {
		this.sender = Objects.requireNonNull(sender, "sender");
		this.from = Objects.requireNonNull(from, "from");
		this.to = to.stream().map(String::strip).toArray(String[]::new);
		this.subject = subject;
		this.body = body;
		this.text = Objects.requireNonNull(text, "text");
	}

	@Override
	public void send(MonitorEvent event, EventValues values, Duration timeout) {
		Notice notice = Notice.of(event);
		String subjectLine = (this.subject != null) ? this.subject.render(values, Escaping.NONE)
				: SUBJECT_PREFIX + this.text.summary(notice);
		String bodyText = (this.body != null) ? this.body.render(values, Escaping.NONE) : this.text.plain(notice);
		send(subjectLine, bodyText);
	}

	@Override
	public void send(Digest digest, Duration timeout) {
		DigestText text = DigestText.of(digest, this.text);
		String bodyText = (this.body == null) ? text.plain()
				: digest.entries().stream().map((entry) -> this.body.render(entry.values(), Escaping.NONE))
					.collect(Collectors.joining("\n\n"));
		send(SUBJECT_PREFIX + text.headline(), bodyText);
	}

	private void send(String subjectLine, String bodyText) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(this.to);
		// a subject is one line
		message.setSubject(subjectLine.replaceAll("[\\r\\n]+", " "));
		message.setText(bodyText);
		this.sender.send(message);
	}

	@Override
	public String toString() {
		return "mail to " + String.join(", ", this.to);
	}

}
