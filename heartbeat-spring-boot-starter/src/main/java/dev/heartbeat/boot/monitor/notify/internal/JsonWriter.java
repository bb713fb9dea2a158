package dev.heartbeat.boot.monitor.notify.internal;

import dev.heartbeat.boot.monitor.listener.EventTemplate;

/**
 * Writes one JSON document, value by value, with the commas in their places. Strings are escaped
 * as {@link EventTemplate#appendJsonEscaped} does. Not thread-safe; one writer per document.
 */
public final class JsonWriter {

	private final StringBuilder text = new StringBuilder(512);

	// whether the next value is the first of its object or array (or follows a name)
	private boolean first = true;

	/**
	 * Open an object.
	 * @return this writer
	 */
	public JsonWriter beginObject() {
		separate();
		this.text.append('{');
		this.first = true;
		return this;
	}

	/**
	 * Close the open object.
	 * @return this writer
	 */
	public JsonWriter endObject() {
		this.text.append('}');
		this.first = false;
		return this;
	}

	/**
	 * Open an array.
	 * @return this writer
	 */
	public JsonWriter beginArray() {
		separate();
		this.text.append('[');
		this.first = true;
		return this;
	}

	/**
	 * Close the open array.
	 * @return this writer
	 */
	public JsonWriter endArray() {
		this.text.append(']');
		this.first = false;
		return this;
	}

	/**
	 * The name of the next member of the open object.
	 * @param name the name
	 * @return this writer
	 */
	public JsonWriter name(String name) {
		separate();
		string(name);
		this.text.append(':');
		this.first = true;
		return this;
	}

	/**
	 * A string, or {@code null}.
	 * @param value the value
	 * @return this writer
	 */
	public JsonWriter value(String value) {
		separate();
		if (value == null) {
			this.text.append("null");
		}
		else {
			string(value);
		}
		this.first = false;
		return this;
	}

	/**
	 * A boolean.
	 * @param value the value
	 * @return this writer
	 */
	public JsonWriter value(boolean value) {
		separate();
		this.text.append(value);
		this.first = false;
		return this;
	}

	/**
	 * A member with a string value.
	 * @param name the name
	 * @param value the value, or {@code null}
	 * @return this writer
	 */
	public JsonWriter field(String name, String value) {
		return name(name).value(value);
	}

	private void separate() {
		if (!this.first) {
			this.text.append(',');
		}
	}

	private void string(String value) {
		this.text.append('"');
		EventTemplate.appendJsonEscaped(this.text, value);
		this.text.append('"');
	}

	/**
	 * The document.
	 * @return the JSON text
	 */
	@Override
	public String toString() {
		return this.text.toString();
	}

}
