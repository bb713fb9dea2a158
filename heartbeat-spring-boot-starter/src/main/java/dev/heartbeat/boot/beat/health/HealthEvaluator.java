package dev.heartbeat.boot.beat.health;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.heartbeat.boot.diagnostics.HeartbeatStartupException;
import dev.heartbeat.boot.support.HeartbeatOwnHealth;

/**
 * Evaluates the application's health the way the health endpoint does (the root, or one group:
 * its members and its status aggregator), but without the heartbeat's own contributor, the
 * monitor's ({@code heartbeatMonitor}: what a monitor sees is not the application's health) and
 * the other excluded ones, so that the beats never feed back on themselves.
 * <p>
 * Composite contributors are walked like the endpoint walks them; a leaf whose indicator throws
 * counts as {@code DOWN}. With nothing left to evaluate the health is {@code UP}.
 */
public final class HealthEvaluator {

	private final Supplier<? extends HealthContributors> contributors;

	private final Supplier<@Nullable HealthEndpointGroups> groups;

	private final @Nullable String groupName;

	private final Set<String> excluded;

	/**
	 * Create an evaluator.
	 * @param contributors the contributors to evaluate (the registry, resolved on each use)
	 * @param groups the health endpoint groups, or a supplier of {@code null} when the health
	 * endpoint is not available (every contributor is then a member, aggregated the default way)
	 * @param groupName the group to evaluate, or {@code null} for the root
	 * @param excluded top-level or {@code a/b} contributor names to leave out
	 */
	public HealthEvaluator(Supplier<? extends HealthContributors> contributors, Supplier<@Nullable HealthEndpointGroups> groups,
			@Nullable String groupName, Collection<String> excluded) {
		this.contributors = Objects.requireNonNull(contributors, "contributors");
		this.groups = Objects.requireNonNull(groups, "groups");
		this.groupName = groupName;
		this.excluded = Set.copyOf(excluded);
	}

	/**
	 * Check that the configured group exists.
	 * @throws HeartbeatStartupException naming {@code heartbeat.health.group} if it does not
	 */
	public void checkGroup() {
		group();
	}

	/**
	 * Evaluate health now, on the calling thread.
	 * @return the aggregated status code
	 */
	public String evaluate() {
		HealthEndpointGroup group = group();
		StatusAggregator aggregator = (group != null) ? group.getStatusAggregator() : StatusAggregator.getDefault();
		Status status = aggregate(this.contributors.get(), "", group, aggregator);
		return (status != null) ? status.getCode() : Status.UP.getCode();
	}

	private @Nullable Status aggregate(HealthContributors contributors, String prefix, @Nullable HealthEndpointGroup group,
			StatusAggregator aggregator) {
		Set<Status> statuses = new LinkedHashSet<>();
		for (HealthContributors.Entry entry : contributors) {
			String path = prefix + entry.name();
			if (this.excluded.contains(path) || entry.contributor() instanceof HeartbeatOwnHealth) {
				continue;
			}
			Status status = status(entry.contributor(), path, group, aggregator);
			if (status != null) {
				statuses.add(status);
			}
		}
		return statuses.isEmpty() ? null : aggregator.getAggregateStatus(statuses);
	}

	private @Nullable Status status(HealthContributor contributor, String path, @Nullable HealthEndpointGroup group,
			StatusAggregator aggregator) {
		if (contributor instanceof CompositeHealthContributor composite) {
			return aggregate(composite, path + "/", group, aggregator);
		}
		if (contributor instanceof HealthIndicator indicator && (group == null || group.isMember(path))) {
			try {
				return indicator.health(false).getStatus();
			}
			catch (RuntimeException ex) {
				return Status.DOWN;
			}
		}
		return null;
	}

	private @Nullable HealthEndpointGroup group() {
		HealthEndpointGroups all = this.groups.get();
		if (this.groupName == null) {
			return (all != null) ? all.getPrimary() : null;
		}
		if (all == null) {
			throw new HeartbeatStartupException("heartbeat.health.group is '" + this.groupName
					+ "' but there are no health groups: the health endpoint is not available.",
					"Add spring-boot-starter-actuator and define the group, or remove heartbeat.health.group "
							+ "to let the whole health drive the beats.");
		}
		HealthEndpointGroup group = all.get(this.groupName);
		if (group == null) {
			throw new HeartbeatStartupException("heartbeat.health.group is '" + this.groupName
					+ "', which is not a health group; the groups are " + new TreeSet<>(all.getNames()) + ".",
					"Use one of those groups, define this one (management.endpoint.health.group." + this.groupName
							+ ".include=...), or remove heartbeat.health.group to let the whole health drive the beats.");
		}
		return group;
	}

	@Override
	public String toString() {
		return "HealthEvaluator[" + ((this.groupName != null) ? "group " + this.groupName : "root") + " without "
				+ this.excluded + "]";
	}

}
