package org.parlons.routing;

import org.parlons.platform.Refusals;
import java.util.Map;
import java.util.Set;

import org.parlons.conversations.InboxSettingsRule;
import org.springframework.stereotype.Component;

/**
 * Checks an inbox's {@code sla} and {@code businessHours} when it is saved, so a typo is
 * refused then and not discovered when a timer is read.
 */
@Component
class ServiceLevelSettings implements InboxSettingsRule {

	@Override
	public Set<String> keys() {
		return Set.of("sla", "businessHours");
	}

	@Override
	@SuppressWarnings("unchecked")
	public void check(Map<String, Object> settings) {
		Object hours = settings.get("businessHours");
		if (hours != null) {
			if (!(hours instanceof Map<?, ?> map)) {
				throw Refusals.invalid("settings.hoursShape",
						"businessHours is an object such as {\"zone\": \"Europe/Paris\", \"mon\": \"09:00-18:00\"}");
			}
			BusinessHours.parse((Map<String, Object>) map);
		}
		Object sla = settings.get("sla");
		if (sla != null) {
			if (!(sla instanceof Map<?, ?> map)) {
				throw Refusals.invalid("settings.slaShape", "sla is an object such as {\"firstResponse\": \"PT2H\"}");
			}
			checkTimers("sla", map, true);
		}
	}

	/**
	 * Timer durations, and per priority ({@code byPriority.urgent.firstResponse}) at the
	 * top level only.
	 */
	private static void checkTimers(String path, Map<?, ?> timers, boolean top) {
		for (var entry : timers.entrySet()) {
			String key = String.valueOf(entry.getKey());
			if (top && "byPriority".equals(key)) {
				if (!(entry.getValue() instanceof Map<?, ?> byPriority)) {
					throw new IllegalArgumentException(
							"sla.byPriority is an object such as {\"urgent\": {\"firstResponse\": \"PT30M\"}}");
				}
				for (var p : byPriority.entrySet()) {
					if (!Set.of("urgent", "high", "normal", "low").contains(String.valueOf(p.getKey()))
							|| !(p.getValue() instanceof Map<?, ?> overrides)) {
						throw new IllegalArgumentException(
								"sla.byPriority." + p.getKey() + " must be urgent, high, normal or low, with timers");
					}
					checkTimers("sla.byPriority." + p.getKey(), overrides, false);
				}
				continue;
			}
			if (!Set.of("firstResponse", "nextResponse", "resolution").contains(key)) {
				throw Refusals.invalid("settings.slaUnknown", path + "." + key
						+ " is unknown: firstResponse, nextResponse, resolution" + (top ? ", byPriority" : ""),
						path + "." + key);
			}
			try {
				java.time.Duration d = java.time.Duration.parse(String.valueOf(entry.getValue()));
				if (d.isNegative() || d.isZero()) {
					throw Refusals.invalid("settings.slaPositive", path + "." + key + " must be positive",
							path + "." + key);
				}
			}
			catch (java.time.format.DateTimeParseException ex) {
				throw Refusals.invalid("settings.slaDuration",
						path + "." + key + " is an ISO-8601 duration such as PT2H, not " + entry.getValue(),
						path + "." + key, String.valueOf(entry.getValue()));
			}
		}
	}

}
