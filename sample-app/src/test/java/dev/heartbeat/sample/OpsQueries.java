package dev.heartbeat.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the operations files in {@code ops/} query, and what a Prometheus scrape holds: the
 * PromQL expressions of the Grafana dashboard's panels and variables and of the alert rules, the
 * metric names and label matchers in them, and the series of a scrape of
 * {@code /actuator/prometheus} in the text format.
 */
public final class OpsQueries {

	/**
	 * The dashboard.
	 */
	public static final Path DASHBOARD = Path.of("..", "ops", "grafana", "heartbeat-dashboard.json");

	/**
	 * The alert rules.
	 */
	public static final Path RULES = Path.of("..", "ops", "prometheus", "heartbeat-rules.yml");

	private static final Pattern METRIC = Pattern.compile("(?<![\\w\"$])((?:heartbeat|kafka)_[A-Za-z0-9_:]*+)(?!\\s*[=!]~?)");

	private static final Pattern SELECTOR = Pattern.compile("((?:heartbeat|kafka)_[A-Za-z0-9_:]*)\\s*\\{([^}]*)}");

	private static final Pattern EQUALS = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");

	private static final Pattern SERIES = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern EXPR = Pattern.compile("^(\\s*)expr:\\s*(.*)$");

	private OpsQueries() {
	}

	/**
	 * The expressions of the dashboard's panels (and its variables' queries), by panel title.
	 * @return title to expressions, in the dashboard's order
	 */
	public static Map<String, List<String>> dashboardPanels() {
		JsonNode dashboard = JsonMapper.builder().build().readTree(read(DASHBOARD));
		Map<String, List<String>> panels = new LinkedHashMap<>();
		for (JsonNode panel : dashboard.get("panels")) {
			List<String> expressions = new ArrayList<>();
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.get("expr").asString());
			}
			if (!expressions.isEmpty()) {
				panels.put(panel.get("title").asString(), expressions);
			}
		}
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			JsonNode query = variable.path("query").path("query");
			if (query.isString()) {
				panels.put("variable " + variable.get("name").asString(), List.of(query.asString()));
			}
		}
		return panels;
	}

	/**
	 * Every expression of the dashboard and of the alert rules.
	 * @return the expressions
	 */
	public static List<String> expressions() {
		List<String> all = new ArrayList<>();
		dashboardPanels().values().forEach(all::addAll);
		all.addAll(ruleExpressions());
		return all;
	}

	/**
	 * The {@code expr} of every alert rule, block scalars ({@code expr: |}) joined into one line.
	 * @return the expressions
	 */
	public static List<String> ruleExpressions() {
		List<String> expressions = new ArrayList<>();
		List<String> lines = read(RULES).lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			Matcher expr = EXPR.matcher(lines.get(i));
			if (!expr.matches()) {
				continue;
			}
			if (!expr.group(2).startsWith("|")) {
				expressions.add(expr.group(2).strip());
				continue;
			}
			int indent = expr.group(1).length();
			StringBuilder block = new StringBuilder();
			while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
					|| lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
				block.append(' ').append(lines.get(++i).strip());
			}
			expressions.add(block.toString().strip());
		}
		return expressions;
	}

	/**
	 * The metric names an expression queries.
	 * @param expression PromQL
	 * @return the names
	 */
	public static Set<String> metricNames(String expression) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = METRIC.matcher(expression);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The exact label matchers ({@code label="value"}) of each selector of an expression.
	 * @param expression PromQL
	 * @return metric name and its matchers, one entry per selector
	 */
	public static List<Map.Entry<String, Map<String, String>>> exactMatchers(String expression) {
		List<Map.Entry<String, Map<String, String>>> selectors = new ArrayList<>();
		Matcher selector = SELECTOR.matcher(expression);
		while (selector.find()) {
			Map<String, String> labels = new LinkedHashMap<>();
			Matcher equals = EQUALS.matcher(selector.group(2));
			while (equals.find()) {
				labels.put(equals.group(1), equals.group(2));
			}
			selectors.add(Map.entry(selector.group(1), labels));
		}
		return selectors;
	}

	/**
	 * The series of a scrape in the Prometheus text format.
	 * @param scrape the body of {@code /actuator/prometheus}
	 * @return metric name to the labels of each of its series
	 */
	public static Map<String, List<Map<String, String>>> series(String scrape) {
		Map<String, List<Map<String, String>>> series = new LinkedHashMap<>();
		for (String line : scrape.lines().toList()) {
			Matcher matcher = SERIES.matcher(line);
			if (line.startsWith("#") || !matcher.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			series.computeIfAbsent(matcher.group(1), (name) -> new ArrayList<>()).add(labels);
		}
		return series;
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
