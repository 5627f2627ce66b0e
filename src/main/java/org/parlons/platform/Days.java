package org.parlons.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * A period asked for in days ({@code from=2026-11-01&to=2026-11-30}, UTC, both ends
 * included), as reports and dashboards take it: a number of days up to today by default,
 * refused clearly when it makes no sense.
 */
public record Days(LocalDate first, LocalDate last) {

	/**
	 * @param defaultDays the days up to today when {@code from} is not given
	 * @param maxDays the longest period accepted
	 * @param tooLong what to say when the period is longer
	 */
	public static Days parse(@Nullable String from, @Nullable String to, Clock clock, int defaultDays, int maxDays,
			String tooLong) {
		LocalDate last = date(to, "to", LocalDate.now(clock)); // today where the clock is
		LocalDate first = date(from, "from", last.minusDays(defaultDays - 1L));
		if (first.isAfter(last)) {
			throw InvalidRequestException.said("days.refused.order", "from (" + first + ") is after to (" + last + ")",
					String.valueOf(first), String.valueOf(last));
		}
		if (first.plusDays(maxDays).isBefore(last)) {
			throw InvalidRequestException.said("days.refused.tooLong", tooLong, maxDays);
		}
		return new Days(first, last);
	}

	/** The first instant of the period. */
	public Instant start() {
		return first.atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	/** The first instant after the period. */
	public Instant end() {
		return last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	private static LocalDate date(@Nullable String value, String field, LocalDate fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidRequestException.said("days.refused.date",
					field + ": '" + value + "' is not a date (2026-11-24)", field, value);
		}
	}

}
