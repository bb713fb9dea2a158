package dev.heartbeat.boot.monitor.notify;

import java.util.List;

import dev.heartbeat.boot.monitor.listener.EventSink;
import dev.heartbeat.boot.monitor.listener.EventTemplate;

/**
 * Creates the sinks of mail listeners. It names no mail type, so that the monitor loads without
 * Spring's mail support; the auto-configuration provides one only when
 * {@code spring-boot-starter-mail} is on the class path.
 */
@FunctionalInterface
public interface MailSinkFactory {

	/**
	 * A mail sink.
	 * @param from the sender
	 * @param to the recipients
	 * @param subject the subject template, or {@code null} for the summary of the event
	 * @param body the body template, or {@code null} for the facts of the event
	 * @param text the wording of the defaults
	 * @return the sink
	 */
	EventSink create(String from, List<String> to, EventTemplate subject, EventTemplate body, NoticeText text);

}
