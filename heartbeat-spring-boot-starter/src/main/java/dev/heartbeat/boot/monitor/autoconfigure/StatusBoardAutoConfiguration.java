package dev.heartbeat.boot.monitor.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.heartbeat.boot.monitor.autoconfigure.HeartbeatMonitorAutoConfiguration;
import dev.heartbeat.boot.monitor.autoconfigure.MonitorEndpointAutoConfiguration;
import dev.heartbeat.core.monitor.DeadlineEngine;
import dev.heartbeat.boot.monitor.board.CsrfTokenSource;
import dev.heartbeat.boot.monitor.board.SpringSecurityCsrfTokenSource;
import dev.heartbeat.boot.monitor.board.StatusBoard;

/**
 * Auto-configuration of the status board: on in a servlet web application whose monitor is
 * enabled, unless {@code heartbeat.monitor.board.enabled=false}.
 */
@AutoConfiguration(after = { HeartbeatMonitorAutoConfiguration.class, MonitorEndpointAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RouterFunction.class, PathMappedEndpoints.class, ManagementPortType.class })
@ConditionalOnBean(DeadlineEngine.class)
@ConditionalOnBooleanProperty(name = StatusBoardProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(StatusBoardProperties.class)
public final class StatusBoardAutoConfiguration {

	StatusBoardAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	StatusBoard heartbeatBoard(StatusBoardProperties properties, ObjectProvider<PathMappedEndpoints> endpoints,
			Environment environment, ObjectProvider<CsrfTokenSource> csrf) {
		return new StatusBoard(properties.getPath(), properties.getRefreshInterval(), endpoints::getIfAvailable,
				actuatorProblem(ManagementPortType.get(environment)), csrf.getIfAvailable(() -> CsrfTokenSource.NONE));
	}

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatBoardRoutes")
	RouterFunction<ServerResponse> heartbeatBoardRoutes(StatusBoard heartbeatBoard) {
		return heartbeatBoard.routes();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CsrfToken.class)
	static class SpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CsrfTokenSource heartbeatBoardCsrfTokenSource() {
			return new SpringSecurityCsrfTokenSource();
		}

	}

	static @Nullable String actuatorProblem(ManagementPortType portType) {
		return switch (portType) {
			case SAME -> null;
			case DIFFERENT -> "The actuator runs on a port of its own (management.server.port), which this page "
					+ "cannot read; open the heartbeats endpoint there.";
			case DISABLED -> "The actuator's HTTP endpoints are off (management.server.port=-1), so there is "
					+ "nothing to read.";
		};
	}

}
