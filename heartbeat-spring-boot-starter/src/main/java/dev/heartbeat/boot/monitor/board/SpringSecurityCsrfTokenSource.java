package dev.heartbeat.boot.monitor.board;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Reads the CSRF token that Spring Security's {@code CsrfFilter} puts on every request (with its
 * defaults, a token kept in the session and masked anew for each request), so that the board
 * works behind Spring Security without turning CSRF protection off.
 */
public final class SpringSecurityCsrfTokenSource implements CsrfTokenSource {

	@Override
	public @Nullable Token token(ServerRequest request) {
		Object attribute = request.attribute(CsrfToken.class.getName()).orElse(null);
		if (attribute instanceof CsrfToken token) {
			return new Token(token.getHeaderName(), token.getToken());
		}
		return null;
	}

}
