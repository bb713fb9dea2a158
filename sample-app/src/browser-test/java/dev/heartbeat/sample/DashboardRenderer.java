package dev.heartbeat.sample;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * Draws Grafana dashboard panels as one static HTML page (inline SVG, no script), laid out on
 * Grafana's grid (24 columns, rows of 30 px) in Grafana's dark colours: time series as lines (stacked
 * when the panel stacks), stats as coloured tiles. It draws what it is given and nothing else; the
 * values come from a real Prometheus. It is no Grafana: axes, legends and units are simplified.
 */
final class DashboardRenderer {

	private static final int COLUMN = 66;

	private static final int ROW = 30;

	private static final int HEADER = 56;

	/**
	 * The page's width in pixels: 24 columns and the margins.
	 */
	static final int WIDTH = 24 * COLUMN + 16;

	private static final String[] PALETTE = { "#73BF69", "#F2CC0C", "#8AB8FF", "#FF780A", "#F2495C", "#5794F2",
			"#B877D9", "#FADE2A", "#96D98D", "#FF9830", "#CA95E5", "#C4162A" };

	private static final Map<String, String> NAMED = Map.of("green", "#73BF69", "red", "#F2495C", "orange",
			"#FF9830", "blue", "#5794F2", "light-blue", "#8AB8FF", "gray", "#8E8E8E", "yellow", "#FADE2A");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	private DashboardRenderer() {
	}

	/**
	 * One series: a legend and its points.
	 *
	 * @param legend the legend
	 * @param times epoch seconds
	 * @param values the values
	 */
	record Series(String legend, double[] times, double[] values) {

		double last() {
			return this.values[this.values.length - 1];
		}

		boolean hasNumbers() {
			for (double value : this.values) {
				if (!Double.isNaN(value)) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * One panel.
	 *
	 * @param type {@code timeseries}, {@code stat} or {@code row}
	 * @param title the title
	 * @param x grid column
	 * @param y grid row
	 * @param w width in columns
	 * @param h height in rows
	 * @param unit Grafana's unit, e.g. {@code s} or {@code ops}
	 * @param stacked whether the series stack
	 * @param colors fixed colours per series name
	 * @param texts value mappings of a stat, e.g. 0 to RUNNING
	 * @param series the series
	 */
	record Panel(String type, String title, int x, int y, int w, int h, String unit, boolean stacked,
			Map<String, String> colors, Map<String, String> texts, List<Series> series) {
	}

	/**
	 * The page's height in pixels.
	 * @param panels the panels
	 * @return the height
	 */
	static int height(List<Panel> panels) {
		return HEADER + grid(panels) + 8;
	}

	private static int grid(List<Panel> panels) {
		return panels.stream().mapToInt((panel) -> (panel.y() + panel.h()) * ROW).max().orElse(0);
	}

	static String html(String title, String subtitle, List<Panel> panels) {
		int height = grid(panels);
		StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><style>")
			.append("body{margin:0;background:#111217;color:#ccccdc;font:13px Inter,Helvetica,Arial,sans-serif;")
			.append("overflow:hidden}")
			.append("header{height:").append(HEADER).append("px;box-sizing:border-box;padding:0 16px;display:flex;align-items:baseline;gap:16px}")
			.append("h1{font-size:18px;font-weight:500;margin:16px 0 0;color:#fff}header span{color:#8e8e8e}")
			.append(".grid{position:relative;margin:0 8px;height:").append(height).append("px}")
			.append(".panel{position:absolute;box-sizing:border-box;background:#181b1f;border:1px solid #2c3235;")
			.append("border-radius:2px;padding:6px 8px;overflow:hidden}")
			.append(".panel h2{font-size:13px;font-weight:500;margin:0 0 4px;color:#ccccdc}")
			.append(".row{position:absolute;font-size:15px;color:#fff;font-weight:500}")
			.append(".tiles{display:flex;flex-wrap:wrap;gap:4px;height:calc(100% - 22px)}")
			.append(".tile{flex:1 1 80px;display:flex;flex-direction:column;justify-content:center;align-items:center;")
			.append("border-radius:2px;color:#fff}.tile b{font-size:26px;font-weight:500}.tile small{font-size:12px}")
			.append(".legend{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:11px}")
			.append(".legend i{display:inline-block;width:14px;height:4px;margin-right:4px;vertical-align:middle}")
			.append("</style></head><body><header><h1>").append(escape(title)).append("</h1><span>")
			.append(escape(subtitle)).append("</span></header><div class='grid'>");
		for (Panel panel : panels) {
			String box = "left:" + panel.x() * COLUMN + "px;top:" + panel.y() * ROW + "px;width:" + panel.w() * COLUMN
					+ "px;height:" + panel.h() * ROW + "px";
			if ("row".equals(panel.type())) {
				page.append("<div class='row' style='").append(box).append(";padding-top:6px'>")
					.append(escape(panel.title())).append("</div>");
				continue;
			}
			page.append("<div class='panel' style='").append(box).append("'><h2>").append(escape(panel.title()))
				.append("</h2>");
			if ("stat".equals(panel.type())) {
				stat(page, panel);
			}
			else {
				timeseries(page, panel, panel.w() * COLUMN - 18, panel.h() * ROW - 30);
			}
			page.append("</div>");
		}
		return page.append("</div></body></html>").toString();
	}

	private static void stat(StringBuilder page, Panel panel) {
		page.append("<div class='tiles'>");
		int i = 0;
		for (Series series : panel.series()) {
			String value = panel.texts().getOrDefault(format(series.last(), ""), format(series.last(), panel.unit()));
			String color = color(panel, series.legend(), value, i++);
			page.append("<div class='tile' style='background:").append(color).append("'><b>").append(escape(value))
				.append("</b><small>").append(escape(series.legend())).append("</small></div>");
		}
		page.append("</div>");
	}

	private static void timeseries(StringBuilder page, Panel panel, int width, int height) {
		List<Series> all = panel.series();
		int legendRows = Math.min(3, (all.size() + 3) / 4);
		int pad = 8;
		int plotHeight = height - 16 - legendRows * 15 - pad;
		int left = 46;
		int plotWidth = width - left - 4;
		double[] from = { Double.MAX_VALUE };
		double[] to = { -Double.MAX_VALUE };
		double max = 0;
		double[][] stacked = new double[all.size()][];
		for (int s = 0; s < all.size(); s++) {
			Series series = all.get(s);
			stacked[s] = series.values().clone();
			for (int p = 0; p < series.times().length; p++) {
				from[0] = Math.min(from[0], series.times()[p]);
				to[0] = Math.max(to[0], series.times()[p]);
				if (panel.stacked() && s > 0) {
					stacked[s][p] += value(all.get(s - 1), stacked[s - 1], series.times()[p]);
				}
				if (!Double.isNaN(stacked[s][p])) {
					max = Math.max(max, stacked[s][p]);
				}
			}
		}
		double top = (max <= 0) ? 1 : max * 1.1;
		double span = Math.max(1, to[0] - from[0]);
		page.append("<svg width='").append(width).append("' height='").append(plotHeight + pad + 16)
			.append("'><g transform='translate(0,").append(pad).append(")'>");
		for (int line = 0; line <= 3; line++) {
			double y = plotHeight - plotHeight * line / 3.0;
			page.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#2c3235'/>", left,
					left + plotWidth, y, y));
			page.append(String.format(Locale.ROOT,
					"<text x='%d' y='%.1f' fill='#8e8e8e' font-size='10' text-anchor='end'>%s</text>", left - 4, y + 3,
					escape(format(top * line / 3, panel.unit()))));
		}
		for (int s = 0; s < all.size(); s++) {
			Series series = all.get(s);
			// a gap where there is no number (0/0: nothing happened in the window), as Grafana draws it
			StringBuilder path = new StringBuilder();
			boolean drawing = false;
			for (int p = 0; p < series.times().length; p++) {
				if (Double.isNaN(stacked[s][p])) {
					drawing = false;
					continue;
				}
				double x = left + plotWidth * (series.times()[p] - from[0]) / span;
				double y = plotHeight - plotHeight * stacked[s][p] / top;
				path.append(String.format(Locale.ROOT, "%s%.1f,%.1f ", drawing ? "L" : "M", x, y));
				drawing = true;
			}
			page.append("<path fill='none' stroke-width='1.6' stroke='").append(color(panel, series.legend(), "", s))
				.append("' d='").append(path).append("'/>");
		}
		if (from[0] < to[0]) {
			page.append("<text x='").append(left).append("' y='").append(plotHeight + 13)
				.append("' fill='#8e8e8e' font-size='10'>").append(time(from[0])).append("</text>")
				.append("<text x='").append(left + plotWidth).append("' y='").append(plotHeight + 13)
				.append("' fill='#8e8e8e' font-size='10' text-anchor='end'>").append(time(to[0])).append(" UTC</text>");
		}
		page.append("</g></svg><div class='legend'>");
		for (int s = 0; s < all.size() && s < legendRows * 4; s++) {
			page.append("<span><i style='background:").append(color(panel, all.get(s).legend(), "", s)).append("'></i>")
				.append(escape(all.get(s).legend())).append("</span>");
		}
		page.append("</div>");
	}

	// the value of a series at a time, 0 where it has none (for stacking)
	private static double value(Series series, double[] values, double time) {
		for (int p = 0; p < series.times().length; p++) {
			if (series.times()[p] == time) {
				return values[p];
			}
		}
		return 0;
	}

	private static String color(Panel panel, String legend, String text, int index) {
		String color = panel.colors().getOrDefault(legend, panel.colors().get(text));
		if (color == null) {
			return PALETTE[index % PALETTE.length];
		}
		return NAMED.getOrDefault(color, color);
	}

	static String format(double value, String unit) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		String number;
		if (unit.equals("s") && value < 1) {
			number = String.format(Locale.ROOT, "%.1f ms", value * 1000);
		}
		else if (value == Math.rint(value) && Math.abs(value) < 1e6) {
			number = Long.toString((long) value);
		}
		else {
			number = String.format(Locale.ROOT, (Math.abs(value) < 10) ? "%.2f" : "%.0f", value);
		}
		return switch (unit) {
			case "s" -> (value < 1) ? number : number + " s";
			case "ops", "reqps" -> number + "/s";
			default -> number;
		};
	}

	private static String time(double epochSeconds) {
		return TIME.format(Instant.ofEpochMilli((long) (epochSeconds * 1000)));
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

}
