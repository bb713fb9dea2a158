package dev.heartbeat.boot.monitor.board;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.ServerRequest;

/**
 * Where the status board finds the CSRF token of a request for its page, so that the page's
 * write requests carry it. {@link SpringSecurityCsrfTokenSource} reads Spring Security's.
 */
@FunctionalInterface
public interface CsrfTokenSource {

	/**
	 * No token: the page's writes carry none (or the {@code XSRF-TOKEN} cookie's value).
	 */
	CsrfTokenSource NONE = (request) -> null;

	/**
	 * The token of a request.
	 * @param request the request for the page
	 * @return the token, or {@code null} when there is none
	 */
	@Nullable Token token(ServerRequest request);

	/**
	 * A CSRF token and the header it is sent in.
	 *
	 * @param headerName the header, e.g. {@code X-CSRF-TOKEN}
	 * @param value the token
	 */
	record Token(String headerName, String value) {
	}

}
