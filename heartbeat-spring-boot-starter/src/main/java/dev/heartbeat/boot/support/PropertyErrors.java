package dev.heartbeat.boot.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

import dev.heartbeat.core.config.InvalidConfigException;

/**
 * The errors of one properties class as it is validated at bind time, worded the same for every
 * property of the starter: {@code <full property name> <reason>, was '<value>'}.
 * <p>
 * The rules of core are not checked here: {@link #core(Runnable)} runs core's own check (a
 * builder's setter, a constructor) on the bound value and reports what core refuses under the
 * property the field is bound to. Core's fields map to the property paths of the same name
 * unless {@link #path(String, String)} says otherwise; a field core names in its reason (in
 * camelCase) is translated too. A secret is reported as a global error, so that neither the
 * message nor the failure report shows it.
 */
public final class PropertyErrors {

	private static final String CODE = "heartbeat.invalid";

	// the longest topic name, or group instance id, Kafka accepts
	private static final int MAX_KAFKA_NAME_LENGTH = 249;

	// a camelCase word: how core names a field in a reason
	private static final Pattern FIELD = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z0-9]*)+\\b");

	private final Errors errors;

	private final String prefix;

	private final Map<String, String> paths = new HashMap<>();

	/**
	 * Errors of a properties class.
	 * @param errors the errors the binder validates with
	 * @param prefix the prefix of the class's properties, with its dot, e.g. {@code heartbeat.}
	 */
	public PropertyErrors(Errors errors, String prefix) {
		this.errors = errors;
		this.prefix = prefix;
	}

	/**
	 * Bind a field of core to a property path of another name.
	 * @param field the field as core names it, e.g. {@code secret}
	 * @param path the property path, e.g. {@code control.secret}
	 * @return these errors
	 */
	public PropertyErrors path(String field, String path) {
		this.paths.put(field, path);
		return this;
	}

	/**
	 * Run one of core's checks on bound values, reporting what it refuses.
	 * @param check a call of core that throws {@link InvalidConfigException} for a value it refuses
	 * @return whether the check passed
	 */
	public boolean core(Runnable check) {
		try {
			check.run();
			return true;
		}
		catch (InvalidConfigException ex) {
			String path = pathOf(ex.field());
			String reason = inPropertyNames(ex.reason());
			if (ex.isSecret()) {
				rejectGlobal(toKebab(path), null, reason);
			}
			else {
				reject(path, ex.value(), reason);
			}
			return false;
		}
	}

	/**
	 * Run one of core's checks on a value bound to a property whose name is not a path of this
	 * class's fields (an entry of a map, whose key is kept as it is written), reporting what core
	 * refuses as a global error under that name.
	 * @param property the property under the prefix, as written, e.g. {@code apps.orders.min-instances}
	 * @param check a call of core that throws {@link InvalidConfigException} for a value it refuses
	 * @return whether the check passed
	 */
	public boolean core(String property, Runnable check) {
		try {
			check.run();
			return true;
		}
		catch (InvalidConfigException ex) {
			rejectGlobal(property, ex.isSecret() ? null : show(ex.value()), inPropertyNames(ex.reason()));
			return false;
		}
	}

	/**
	 * Reject the value of a property.
	 * @param path the property path in the class, e.g. {@code health.timeout}
	 * @param value the value refused
	 * @param reason what a valid value is, e.g. {@code must be at least 1ms}
	 */
	public void reject(String path, @Nullable Object value, String reason) {
		this.errors.rejectValue(path, CODE, name(toKebab(path)) + " " + reason + ", was '" + show(value) + "'");
	}

	/**
	 * Reject the value of a property whose name is not the kebab case of its path: an entry of a
	 * map of objects, whose key is written as it is.
	 * @param path the property path in the class, e.g. {@code listeners[ops].timeout}
	 * @param property the property under the prefix, as written, e.g. {@code listeners.ops.timeout}
	 * @param value the value refused
	 * @param reason what a valid value is
	 */
	public void reject(String path, String property, Object value, String reason) {
		this.errors.rejectValue(path, CODE, name(property) + " " + reason + ", was '" + show(value) + "'");
	}

	/**
	 * Reject a property as a global error, which the failure report shows without the bound
	 * value: for a secret, or an entry of a map whose other entries must not be shown.
	 * @param property the property under the prefix, as written, e.g.
	 * {@code listeners[0].headers.X-Token}
	 * @param shown what the message quotes as the value, or {@code null} for nothing
	 * @param reason what a valid value is
	 */
	public void rejectGlobal(String property, @Nullable String shown, String reason) {
		String was = (shown != null) ? ", was '" + shown + "'" : "";
		this.errors.reject(CODE, name(property) + " " + reason + was);
	}

	/**
	 * Reject a URL that is not an absolute {@code http} or {@code https} URL with a host.
	 * Leading and trailing blanks are ignored, as by those who use the URL.
	 * @param path the property path
	 * @param url the URL, not {@code null}
	 * @return whether the URL is valid
	 */
	public boolean httpUrl(String path, String url) {
		String problem = httpUrlProblem(url);
		if (problem != null) {
			reject(path, url, problem);
		}
		return problem == null;
	}

	/**
	 * Reject a name Kafka would refuse as a topic name or a group instance id: empty, longer than
	 * 249 characters, {@code .} or {@code ..}, or with characters other than letters, digits,
	 * {@code .}, {@code _} and {@code -}.
	 * @param path the property path
	 * @param name the name, may be {@code null}
	 * @param what what it is, e.g. {@code topic name}
	 * @return whether the name is legal
	 */
	public boolean kafkaName(String path, String name, String what) {
		if (name == null || name.isEmpty()) {
			reject(path, name, "must not be empty");
			return false;
		}
		if (name.length() > MAX_KAFKA_NAME_LENGTH || ".".equals(name) || "..".equals(name)) {
			reject(path, name, "is not a legal Kafka " + what);
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-';
			if (!legal) {
				reject(path, name, "is not a legal Kafka " + what + " (only letters, digits, '.', '_' and '-')");
				return false;
			}
		}
		return true;
	}

	/**
	 * Reject a URL that is a secret (a webhook URL with its token in the path) and is not an
	 * absolute {@code http} or {@code https} URL with a host, without showing it.
	 * @param property the property under the prefix, as written
	 * @param url the URL, not {@code null}
	 * @return whether the URL is valid
	 */
	public boolean secretHttpUrl(String property, String url) {
		String problem = httpUrlProblem(url);
		if (problem != null) {
			rejectGlobal(property, null, problem);
		}
		return problem == null;
	}

	/**
	 * What is wrong with a regular expression.
	 * @param regex the expression, not {@code null}
	 * @return the problem, e.g. {@code is not a regular expression: Unclosed group near index 3},
	 * or {@code null} if it compiles
	 */
	public static @Nullable String regexProblem(String regex) {
		try {
			Pattern.compile(regex);
			return null;
		}
		catch (PatternSyntaxException ex) {
			return "is not a regular expression: " + ex.getDescription() + " near index " + ex.getIndex();
		}
	}

	/**
	 * What is wrong with a URL that must be an absolute {@code http} or {@code https} URL with a
	 * host.
	 * @param url the URL, not {@code null}
	 * @return the problem, or {@code null} if there is none
	 */
	public static @Nullable String httpUrlProblem(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL: " + ex.getReason();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "must be an absolute http:// or https:// URL";
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			return "must name a host";
		}
		return null;
	}

	/**
	 * The full name of a property path of this class, e.g. {@code heartbeat.report-by-buffer}.
	 * @param path the path, e.g. {@code reportByBuffer}
	 * @return the property name
	 */
	public String property(String path) {
		return name(toKebab(path));
	}

	private String name(String property) {
		return this.prefix + property;
	}

	private String pathOf(String field) {
		return this.paths.getOrDefault(field, field);
	}

	private String inPropertyNames(String reason) {
		Matcher fields = FIELD.matcher(reason);
		StringBuilder translated = new StringBuilder();
		while (fields.find()) {
			fields.appendReplacement(translated, Matcher.quoteReplacement(property(pathOf(fields.group()))));
		}
		return fields.appendTail(translated).toString();
	}

	/**
	 * A value the way a user writes it; a duration as {@code 5s}, {@code -1s}, {@code 250ms}.
	 * @param value the value
	 * @return the text
	 */
	public static String show(@Nullable Object value) {
		return (value instanceof Duration duration) ? print(duration) : String.valueOf(value);
	}

	private static String print(Duration duration) {
		long millis = duration.toMillis();
		if (duration.isZero()) {
			return "0s";
		}
		if (millis == 0) {
			return duration.toNanos() + "ns";
		}
		long[] sizes = { 86_400_000L, 3_600_000L, 60_000L, 1000L };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			if (millis % sizes[i] == 0) {
				return (millis / sizes[i]) + units[i];
			}
		}
		return millis + "ms";
	}

	/**
	 * The kebab case of a property path, e.g. {@code report-by-buffer} for {@code reportByBuffer}.
	 * @param path the path
	 * @return the property name
	 */
	public static String toKebab(String path) {
		StringBuilder kebab = new StringBuilder(path.length() + 4);
		for (char c : path.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

}
