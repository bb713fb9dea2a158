package dev.heartbeat.boot.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link HeartbeatStartupException} in Spring Boot's failure report. Bad property
 * values are explained by Boot's own analyzers, since they fail as binding or property value
 * errors naming the property.
 */
public class HeartbeatFailureAnalyzer extends AbstractFailureAnalyzer<HeartbeatStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HeartbeatStartupException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
