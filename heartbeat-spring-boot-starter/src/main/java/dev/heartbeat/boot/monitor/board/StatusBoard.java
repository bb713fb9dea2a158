package dev.heartbeat.boot.monitor.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The status board: one HTML page, its stylesheet, script and icon, served from the starter's
 * classpath under a configurable path. The page holds no data; its script reads and steers the
 * processes through the {@code heartbeats} endpoint, whose URL (relative to the page, so that a
 * context path or a proxy prefix needs no configuration) and whose granted writes the page is
 * told in data attributes.
 * <p>
 * Behind Spring Security with its default CSRF protection, the page carries the request's CSRF
 * token in {@code <meta name="_csrf">} (and the header to send it in, {@code _csrf_header}),
 * which the script sends with every write; without such a token it sends the
 * {@code XSRF-TOKEN} cookie's value, if any, as {@code X-XSRF-TOKEN}.
 */
public final class StatusBoard {

	/**
	 * The endpoint the board reads.
	 */
	static final EndpointId ENDPOINT = EndpointId.of("heartbeats");

	/**
	 * Where the page and its assets live on the classpath.
	 */
	static final String LOCATION = "dev/heartbeat/boot/monitor/board/";

	/**
	 * The assets next to the page.
	 */
	static final String[] ASSETS = { "board.css", "board.js", "favicon.svg" };

	/**
	 * The page's Content-Security-Policy: no inline script or style and nothing from elsewhere, so data
	 * shown by the page cannot run as code.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

	private final String path;

	private final Duration refreshInterval;

	private final Supplier<@Nullable PathMappedEndpoints> endpoints;

	private final @Nullable String actuatorProblem;

	private final CsrfTokenSource csrf;

	private final String template;

	/**
	 * Create a board that renders no CSRF token.
	 * @param path where it is served, e.g. {@code /heartbeat} (the page is at {@code /heartbeat/})
	 * @param refreshInterval how often the page reloads the processes
	 * @param endpoints the actuator's web endpoints, or {@code null} when there are none
	 * @param actuatorProblem why the actuator cannot be reached from the page (e.g. it runs on
	 * another port), or {@code null}
	 */
	public StatusBoard(String path, Duration refreshInterval, Supplier<@Nullable PathMappedEndpoints> endpoints,
			@Nullable String actuatorProblem) {
		this(path, refreshInterval, endpoints, actuatorProblem, CsrfTokenSource.NONE);
	}

	/**
	 * Create a board.
	 * @param path where it is served, e.g. {@code /heartbeat} (the page is at {@code /heartbeat/})
	 * @param refreshInterval how often the page reloads the processes
	 * @param endpoints the actuator's web endpoints, or {@code null} when there are none
	 * @param actuatorProblem why the actuator cannot be reached from the page (e.g. it runs on
	 * another port), or {@code null}
	 * @param csrf the CSRF token of a request for the page, e.g. Spring Security's
	 */
	public StatusBoard(String path, Duration refreshInterval, Supplier<@Nullable PathMappedEndpoints> endpoints,
			@Nullable String actuatorProblem, CsrfTokenSource csrf) {
		String problem = pathProblem(path);
		if (problem != null) {
			throw new IllegalArgumentException("path " + problem + ", was '" + path + "'");
		}
		this.path = path;
		this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
		this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
		this.actuatorProblem = actuatorProblem;
		this.csrf = Objects.requireNonNull(csrf, "csrf");
		this.template = read(new ClassPathResource(LOCATION + "index.html"));
	}

	/**
	 * Where the board is served.
	 * @return the path, e.g. {@code /heartbeat}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * What the page is told about the endpoint.
	 * @return the view
	 */
	public View view() {
		if (this.actuatorProblem != null) {
			return View.problem(this.actuatorProblem);
		}
		PathMappedEndpoints mapped = this.endpoints.get();
		if (mapped == null) {
			return View.problem("The actuator has no web endpoints here, so there is nothing to read: "
					+ "add spring-boot-starter-actuator and expose the heartbeats endpoint.");
		}
		PathMappedEndpoint endpoint = mapped.getEndpoint(ENDPOINT);
		if (endpoint == null) {
			return View.problem("The heartbeats endpoint is not exposed over HTTP: add heartbeats to "
					+ "management.endpoints.web.exposure.include.");
		}
		boolean writes = (endpoint instanceof ExposableWebEndpoint web)
				&& web.getOperations().stream().anyMatch((operation) -> operation.getType() == OperationType.WRITE);
		return new View(relativeToPage(mapped.getPath(ENDPOINT)), writes, null);
	}

	/**
	 * The page, without a CSRF token.
	 * @return the HTML
	 */
	public String page() {
		return page(null);
	}

	/**
	 * The page.
	 * @param token the CSRF token its writes are to carry, or {@code null}
	 * @return the HTML
	 */
	public String page(CsrfTokenSource.@Nullable Token token) {
		View view = view();
		return this.template.replace("{{api}}", escape(view.api()))
			.replace("{{writes}}", Boolean.toString(view.writes()))
			.replace("{{refresh}}", Long.toString(this.refreshInterval.toMillis()))
			.replace("{{problem}}", escape((view.problem() != null) ? view.problem() : ""))
			.replace("{{csrfHeader}}", escape((token != null) ? token.headerName() : ""))
			.replace("{{csrfToken}}", escape((token != null) ? token.value() : ""));
	}

	/**
	 * The routes: {@code <path>} redirects to {@code <path>/}, which serves the page; the assets
	 * are next to it.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes() {
		String lastSegment = this.path.substring(this.path.lastIndexOf('/') + 1);
		RouterFunctions.Builder routes = RouterFunctions.route()
			// relative, so that it keeps any context path or proxy prefix
			.GET(this.path, (request) -> ServerResponse.status(HttpStatus.FOUND)
				.header(HttpHeaders.LOCATION, lastSegment + "/")
				.build())
			.GET(this.path + "/", (request) -> ServerResponse.ok()
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
				.header("X-Content-Type-Options", "nosniff")
				.header("Referrer-Policy", "no-referrer")
				.body(page(this.csrf.token(request))));
		for (String asset : ASSETS) {
			routes.add(RouterFunctions.resource(RequestPredicates.GET(this.path + "/" + asset),
					new ClassPathResource(LOCATION + "static/" + asset), (resource, headers) -> {
						headers.setCacheControl("no-cache");
						headers.set("X-Content-Type-Options", "nosniff");
					}));
		}
		return routes.build();
	}

	// the page is at <path>/, so "../" once per segment leads back to the root of the servlet
	private String relativeToPage(String endpointPath) {
		long segments = this.path.chars().filter((c) -> c == '/').count();
		String fromRoot = endpointPath.startsWith("/") ? endpointPath.substring(1) : endpointPath;
		return "../".repeat((int) segments) + fromRoot;
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
	}

	private static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The status board page is missing from the classpath", ex);
		}
	}

	/**
	 * What the page is told.
	 *
	 * @param api the URL of the heartbeats endpoint relative to the page, empty when unavailable
	 * @param writes whether pause, resume and snooze are granted
	 * @param problem why the page cannot show anything, or {@code null}
	 */
	public record View(String api, boolean writes, @Nullable String problem) {

		static View problem(String problem) {
			return new View("", false, problem);
		}

	}

	/**
	 * What is wrong with a board path, if anything.
	 * @param path the path, e.g. {@code /heartbeat}
	 * @return why it cannot be used, or {@code null} when it can
	 */
	public static @Nullable String pathProblem(@Nullable String path) {
		if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
			return "must start with '/', name at least one segment and not end with '/', e.g. /heartbeat";
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
				return "each segment must be made of letters, digits and . _ ~ - (and be neither . nor ..)";
			}
		}
		return null;
	}

}
