package org.parlons.routing;

import org.parlons.platform.Refusals;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opening hours in a time zone, with holidays: service-level clocks run only while the
 * service is open. Each weekday has zero or more windows ("09:00-12:30,14:00-18:00"); a
 * holiday closes the whole day. Windows are placed on real dates in the zone, so a
 * daylight-saving change counts the hours that really passed.
 */
public final class BusinessHours {

	/** One opening window of a weekday. */
	record Window(LocalTime start, LocalTime end) {
	}

	private static final int SEARCH_DAYS = 3 * 366;

	private final ZoneId zone;

	private final Map<DayOfWeek, List<Window>> week;

	private final Set<LocalDate> holidays;

	BusinessHours(ZoneId zone, Map<DayOfWeek, List<Window>> week, Set<LocalDate> holidays) {
		this.zone = zone;
		this.week = week;
		this.holidays = holidays;
		if (week.values().stream().allMatch(List::isEmpty)) {
			throw Refusals.invalid("settings.hoursClosed", "Business hours need at least one open window in the week");
		}
	}

	/** Open all the time (the default when an inbox says nothing). */
	/** The zone its hours are read in. */
	public ZoneId zone() {
		return zone;
	}

	public static BusinessHours always(ZoneId zone) {
		Map<DayOfWeek, List<Window>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, List.of(new Window(LocalTime.MIN, LocalTime.MAX)));
		}
		return new BusinessHours(zone, week, Set.of());
	}

	/**
	 * From settings such as
	 * {@code {"zone": "Europe/Paris", "mon": "09:00-18:00", …, "holidays":
	 * ["2026-12-25"]}}; a day not named is closed. @throws IllegalArgumentException
	 * naming what is wrong
	 */
	public static BusinessHours parse(Map<String, Object> settings) {
		ZoneId zone;
		try {
			zone = ZoneId.of(String.valueOf(settings.getOrDefault("zone", "UTC")));
		}
		catch (RuntimeException ex) {
			throw Refusals.invalid("settings.hoursZone",
					"businessHours.zone is not a time zone: " + settings.get("zone"),
					String.valueOf(settings.get("zone")));
		}
		Map<DayOfWeek, List<Window>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			String key = day.name().substring(0, 3).toLowerCase(Locale.ROOT);
			Object spec = settings.get(key);
			week.put(day, spec == null ? List.of() : windows(key, spec.toString()));
		}
		Set<LocalDate> holidays = new TreeSet<>();
		if (settings.get("holidays") instanceof List<?> list) {
			for (Object day : list) {
				try {
					holidays.add(LocalDate.parse(day.toString()));
				}
				catch (DateTimeParseException ex) {
					throw Refusals.invalid("settings.hoursHoliday",
							"businessHours.holidays: not a date (YYYY-MM-DD): " + day, String.valueOf(day));
				}
			}
		}
		return new BusinessHours(zone, week, holidays);
	}

	private static List<Window> windows(String day, String spec) {
		List<Window> windows = new ArrayList<>();
		for (String part : spec.split(",")) {
			String[] bounds = part.strip().split("-");
			try {
				LocalTime start = LocalTime.parse(bounds[0].strip());
				LocalTime end = bounds[1].strip().equals("24:00") ? LocalTime.MAX : LocalTime.parse(bounds[1].strip());
				if (!end.isAfter(start)) {
					throw Refusals.invalid("settings.hoursBackwards",
							"businessHours." + day + ": " + part + " ends before it starts", "businessHours." + day,
							part);
				}
				windows.add(new Window(start, end));
			}
			catch (DateTimeParseException | ArrayIndexOutOfBoundsException ex) {
				throw Refusals.invalid("settings.hoursWindow",
						"businessHours." + day + ": write windows as 09:00-18:00, not " + part, "businessHours." + day,
						part);
			}
		}
		windows.sort((a, b) -> a.start().compareTo(b.start()));
		return windows;
	}

	/** The instant at which {@code amount} of open time has passed since {@code from}. */
	public Instant plus(Instant from, Duration amount) {
		Duration left = amount;
		LocalDate day = from.atZone(zone).toLocalDate();
		for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
			for (Interval open : openOn(day)) {
				Instant start = open.start().isBefore(from) ? from : open.start();
				if (!start.isBefore(open.end())) {
					continue;
				}
				Duration available = Duration.between(start, open.end());
				if (left.compareTo(available) <= 0) {
					return start.plus(left);
				}
				left = left.minus(available);
			}
		}
		throw new IllegalStateException("No open time within three years: check the business hours");
	}

	/**
	 * How much open time lies between two instants (zero when {@code to} is not after
	 * {@code from}).
	 */
	public Duration between(Instant from, Instant to) {
		Duration total = Duration.ZERO;
		if (!to.isAfter(from)) {
			return total;
		}
		LocalDate last = to.atZone(zone).toLocalDate();
		for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			for (Interval open : openOn(day)) {
				Instant start = open.start().isBefore(from) ? from : open.start();
				Instant end = open.end().isAfter(to) ? to : open.end();
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	public boolean isOpen(Instant at) {
		return openOn(at.atZone(zone).toLocalDate()).stream()
			.anyMatch(i -> !at.isBefore(i.start()) && at.isBefore(i.end()));
	}

	private record Interval(Instant start, Instant end) {
	}

	private List<Interval> openOn(LocalDate day) {
		if (holidays.contains(day)) {
			return List.of();
		}
		List<Interval> open = new ArrayList<>();
		for (Window w : week.getOrDefault(day.getDayOfWeek(), List.of())) {
			Instant start = ZonedDateTime.of(day, w.start(), zone).toInstant();
			Instant end = w.end().equals(LocalTime.MAX)
					? ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant()
					: ZonedDateTime.of(day, w.end(), zone).toInstant();
			open.add(new Interval(start, end));
		}
		return open;
	}

}
