package dev.heartbeat.boot.monitor.listener;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.heartbeat.boot.monitor.listener.EventTemplate.Escaping;
import dev.heartbeat.boot.monitor.listener.EventTemplate.Placeholder;
import dev.heartbeat.core.monitor.ProcessState;

import static org.assertj.core.api.Assertions.assertThat;

class EventTemplateTests {

	private final EventValues values = EventValues.of(TestChanges.dead());

	@Test
	void everyPlaceholderShouldBeFilledIn() {
		EventTemplate template = EventTemplate
			.parse("{process}|{app}|{state}|{previous}|{at}|{lastBeatAt}|{period}|{instance}|{event}");
		assertThat(template.render(this.values, Escaping.NONE)).isEqualTo("billing|shop|DEAD|UP|2026-01-01T00:00:15Z|"
				+ "2026-01-01T00:00:00Z|5|a1b2c3|heartbeat.billing.dead");
	}

	@Test
	void textAroundPlaceholdersShouldStayAsItIs() {
		EventTemplate template = EventTemplate.parse("Process {process} is {state}!");
		assertThat(template.render(this.values, Escaping.NONE)).isEqualTo("Process billing is DEAD!");
	}

	@Test
	void unknownPlaceholdersShouldStayLiteral() {
		EventTemplate template = EventTemplate.parse("{nope} {Process} { process} {process }{}{");
		assertThat(template.render(this.values, Escaping.NONE)).isEqualTo("{nope} {Process} { process} {process }{}{");
		assertThat(template.placeholders()).isEmpty();
	}

	@Test
	void expressionSyntaxShouldStayLiteral() {
		String spel = "#{T(java.lang.Runtime).getRuntime().exec('x')}";
		String property = "${user.home}";
		String python = "{__import__('os').system('x')}";
		EventTemplate template = EventTemplate.parse(spel + property + python);
		assertThat(template.render(this.values, Escaping.NONE)).isEqualTo(spel + property + python);
		assertThat(template.render(this.values, Escaping.JSON)).isEqualTo(spel + property + python);
		assertThat(template.placeholders()).isEmpty();
	}

	@Test
	void placeholdersInsideExpressionSyntaxShouldBeFilledInAsPlainText() {
		assertThat(EventTemplate.parse("#{{process}}").render(this.values, Escaping.NONE)).isEqualTo("#{billing}");
		assertThat(EventTemplate.parse("${process}").render(this.values, Escaping.NONE)).isEqualTo("$billing");
	}

	@Test
	void valuesThatLookLikePlaceholdersOrExpressionsShouldNotBeExpandedAgain() {
		EventValues tricky = EventValues
			.of(TestChanges.change("p", "{process}#{1+1}${user.home}", ProcessState.UP, ProcessState.LATE));
		assertThat(EventTemplate.parse("{app}").render(tricky, Escaping.NONE)).isEqualTo("{process}#{1+1}${user.home}");
	}

	@Test
	void jsonEscapingShouldEscapeValuesButNotTheTemplate() {
		EventValues tricky = EventValues
			.of(TestChanges.change("p", "a\"b\\c\nd\u0001e\u2028", ProcessState.UP, ProcessState.DEAD));
		EventTemplate template = EventTemplate.parse("{\"app\":\"{app}\",\"quote\":\"\\\"\"}");
		assertThat(template.render(tricky, Escaping.JSON))
			.isEqualTo("{\"app\":\"a\\\"b\\\\c\\nd\\u0001e\\u2028\",\"quote\":\"\\\"\"}");
	}

	@Test
	void defaultJsonShouldBeValidJsonWithEveryPlaceholder() {
		EventTemplate template = EventTemplate.parse(ListenerChannels.DEFAULT_JSON);
		assertThat(template.placeholders()).containsExactlyInAnyOrder(Placeholder.values());
		EventValues tricky = EventValues
			.of(TestChanges.change("p", "quote\" and \\ and\nnewline", ProcessState.UP, ProcessState.DEAD));
		JsonNode node = new ObjectMapper().readTree(template.render(tricky, Escaping.JSON));
		assertThat(node.get("process").asString()).isEqualTo("p");
		assertThat(node.get("app").asString()).isEqualTo("quote\" and \\ and\nnewline");
		assertThat(node.get("state").asString()).isEqualTo("DEAD");
		assertThat(node.get("previous").asString()).isEqualTo("UP");
		assertThat(node.get("lastBeatAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(node.get("event").asString()).isEqualTo("heartbeat.p.dead");
	}

	@Test
	void periodShouldBeEmptyAfterStop() {
		assertThat(EventTemplate.parse("[{period}]").render(EventValues.of(TestChanges.stopped("p")), Escaping.NONE))
			.isEqualTo("[]");
	}

}
