package dev.heartbeat.core.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration value that core refuses: which field, what value, and why. The message reads
 * {@code <field> <reason>, was <value>}, e.g. {@code period must be at least 1ms, was PT0S}; an
 * integration that binds the field under another name (a property, a flag) can say the same in
 * its own terms from {@link #field()}, {@link #value()} and {@link #reason()}. A refused
 * {@linkplain #isSecret() secret} is never kept: its value is {@link #MASK} and the message
 * leaves it out.
 */
public class InvalidConfigException extends IllegalArgumentException {

	/**
	 * What {@link #value()} is for a secret.
	 */
	public static final String MASK = "******";

	private static final long serialVersionUID = 1L;

	private final String field;

	private final transient @Nullable Object value;

	private final String reason;

	private final boolean secret;

	/**
	 * A refused value.
	 * @param field the name of the field in core's builder, e.g. {@code reportByBuffer}
	 * @param value the value refused
	 * @param reason what a valid value is, e.g. {@code must be at least 1ms}
	 */
	public InvalidConfigException(String field, @Nullable Object value, String reason) {
		this(field, value, reason, false, field + " " + reason + ", was " + show(value));
	}

	private InvalidConfigException(String field, @Nullable Object value, String reason, boolean secret, String message) {
		super(message);
		this.field = field;
		this.value = value;
		this.reason = reason;
		this.secret = secret;
	}

	/**
	 * A refused secret, which is neither kept nor shown.
	 * @param field the name of the field in core's builder
	 * @param reason what a valid secret is; it must not quote the secret
	 * @return the exception, with the message {@code <field> <reason>}
	 */
	public static InvalidConfigException secret(String field, String reason) {
		return new InvalidConfigException(field, MASK, reason, true, field + " " + reason);
	}

	/**
	 * The field refused, named as in core's builder.
	 * @return the field name
	 */
	public String field() {
		return this.field;
	}

	/**
	 * The value refused, or {@link #MASK} for a secret.
	 * @return the value, may be {@code null}
	 */
	public @Nullable Object value() {
		return this.value;
	}

	/**
	 * What a valid value is, without the field's name, e.g. {@code must be zero or more}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * Whether the value refused is a secret, which must not be shown.
	 * @return whether {@link #value()} is only the {@link #MASK}
	 */
	public boolean isSecret() {
		return this.secret;
	}

	private static String show(@Nullable Object value) {
		return (value instanceof CharSequence) ? "\"" + value + "\"" : String.valueOf(value);
	}

}
