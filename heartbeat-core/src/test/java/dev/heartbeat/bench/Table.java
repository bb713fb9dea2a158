package dev.heartbeat.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table, printed with aligned columns so that it reads in a terminal and pastes into
 * BENCHMARKS.md as it is.
 */
public final class Table {

	private final String title;

	private final String[] header;

	private final List<String[]> rows = new ArrayList<>();

	/**
	 * A table.
	 * @param title printed above it
	 * @param header the column names
	 */
	public Table(String title, String... header) {
		this.title = title;
		this.header = header;
	}

	/**
	 * Add a row.
	 * @param cells one per column
	 * @return this table
	 */
	public Table row(Object... cells) {
		String[] row = new String[this.header.length];
		for (int i = 0; i < row.length; i++) {
			row[i] = (i < cells.length && cells[i] != null) ? cells[i].toString() : "";
		}
		this.rows.add(row);
		return this;
	}

	/**
	 * Print the table.
	 * @param out where to
	 */
	public void print(PrintStream out) {
		int[] widths = new int[this.header.length];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.header[i].length();
			for (String[] row : this.rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		text.append('\n').append("### ").append(this.title).append("\n\n");
		line(text, this.header, widths);
		String[] rule = new String[widths.length];
		for (int i = 0; i < widths.length; i++) {
			rule[i] = "-".repeat(widths[i]);
		}
		line(text, rule, widths);
		for (String[] row : this.rows) {
			line(text, row, widths);
		}
		out.print(text);
		out.flush();
	}

	private static void line(StringBuilder text, String[] cells, int[] widths) {
		text.append('|');
		for (int i = 0; i < cells.length; i++) {
			text.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
		}
		text.append('\n');
	}

	/**
	 * A number with thousands separators and the given decimals.
	 * @param value the value
	 * @param decimals how many decimals
	 * @return e.g. {@code 1,234,567.8}
	 */
	public static String number(double value, int decimals) {
		return String.format("%,." + decimals + "f", value);
	}

	/**
	 * Whether a target was met, as the tables say it.
	 * @param met whether it was
	 * @return {@code met} or {@code MISSED}
	 */
	public static String verdict(boolean met) {
		return met ? "met" : "MISSED";
	}

}
