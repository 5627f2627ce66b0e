package org.parlons.channels;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.platform.Json;

/**
 * The reason a refused delivery or reading shows: the HTTP status its caller writes, and
 * this, the network's error code.
 */
public final class FailureReason {

	private FailureReason() {
	}

	/**
	 * What of an error answer is shown to agents and admins: the network's error code
	 * when the body names one ({@code error.code}, {@code errors[0].code},
	 * {@code error_code}, {@code code}, {@code error}), never the body itself, which a
	 * proxy or a hostile target could fill with anything.
	 */
	public static String of(@Nullable String body) {
		Object code = null;
		try {
			Object parsed = body == null || body.isBlank() ? null : Json.readMap(body);
			if (parsed instanceof Map<?, ?> map) {
				Object error = map.get("error");
				Object errors = map.get("errors");
				if (error instanceof Map<?, ?> e) {
					code = e.get("code") != null ? e.get("code") : e.get("type");
				}
				else if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
					code = first.get("code") != null ? first.get("code") : first.get("type");
				}
				else if (map.get("error_code") != null) {
					code = map.get("error_code");
				}
				else if (map.get("code") != null) {
					code = map.get("code");
				}
				else if (error instanceof String e) {
					code = e;
				}
				else if (map.get("type") instanceof String problem) {
					// X's problem types: https://api.twitter.com/2/problems/usage-capped
					code = problem.substring(problem.lastIndexOf('/') + 1);
				}
			}
		}
		catch (RuntimeException unreadable) {
			// not JSON: nothing of it is shown
		}
		String shown = code == null ? "" : code.toString().replaceAll("[^A-Za-z0-9_.:-]", "");
		return shown.isEmpty() ? "no error code" : "error code " + shown.substring(0, Math.min(40, shown.length()));
	}

}
