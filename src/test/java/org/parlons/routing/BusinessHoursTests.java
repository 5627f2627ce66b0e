package org.parlons.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Service-level clocks across evenings, weekends, holidays and a daylight-saving change,
 * computed by hand.
 */
class BusinessHoursTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/**
	 * Monday to Friday, 9:00 to 12:30 and 13:30 to 18:00 in Paris; Christmas Day and
	 * Monday 28 December 2026 closed.
	 */
	static final BusinessHours OFFICE = BusinessHours
		.parse(Map.of("zone", "Europe/Paris", "mon", "09:00-12:30,13:30-18:00", "tue", "09:00-12:30,13:30-18:00", "wed",
				"09:00-12:30,13:30-18:00", "thu", "09:00-12:30,13:30-18:00", "fri", "09:00-12:30,13:30-18:00",
				"holidays", List.of("2026-12-25", "2026-12-28")));

	static Instant paris(int year, int month, int day, int hour, int minute) {
		return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, PARIS).toInstant();
	}

	@Test
	void aTwoHourTargetSetOnFridayEveningFallsOnMondayMorning() {
		// Friday 2026-11-20 17:00: one hour left that day, one more on Monday from 9:00.
		assertThat(OFFICE.plus(paris(2026, 11, 20, 17, 0), Duration.ofHours(2))).isEqualTo(paris(2026, 11, 23, 10, 0));
		// Saturday: the clock starts on Monday at 9:00.
		assertThat(OFFICE.plus(paris(2026, 11, 21, 11, 0), Duration.ofHours(2))).isEqualTo(paris(2026, 11, 23, 11, 0));
		// Over lunch: 12:00 + 1 h = 30 min before lunch, 30 min after: 14:00.
		assertThat(OFFICE.plus(paris(2026, 11, 23, 12, 0), Duration.ofHours(1))).isEqualTo(paris(2026, 11, 23, 14, 0));
	}

	@Test
	void holidaysAcrossAWeekendAreSkipped() {
		// Thursday 24 Dec 2026 17:30 + 2 h: 30 min on Thursday; Friday 25 closed
		// (Christmas); weekend; Monday 28 closed; Tuesday 29 from 9:00 for 1 h 30: 10:30.
		assertThat(OFFICE.plus(paris(2026, 12, 24, 17, 30), Duration.ofHours(2)))
			.isEqualTo(paris(2026, 12, 29, 10, 30));
		assertThat(OFFICE.between(paris(2026, 12, 24, 17, 30), paris(2026, 12, 29, 10, 30)))
			.isEqualTo(Duration.ofHours(2));
		assertThat(OFFICE.isOpen(paris(2026, 12, 25, 10, 0))).isFalse();
		assertThat(OFFICE.isOpen(paris(2026, 12, 29, 10, 0))).isTrue();
	}

	@Test
	void countsTheHoursThatReallyPassOverADaylightSavingChange() {
		BusinessHours always = BusinessHours.always(PARIS);
		// Night of 28 to 29 March 2026: clocks jump from 2:00 to 3:00, the local day
		// lasts 23 hours.
		Instant saturdayNoon = paris(2026, 3, 28, 12, 0);
		assertThat(always.plus(saturdayNoon, Duration.ofHours(24))).isEqualTo(paris(2026, 3, 29, 13, 0));
		assertThat(always.between(saturdayNoon, paris(2026, 3, 29, 12, 0))).isEqualTo(Duration.ofHours(23));
	}

	@Test
	void weeksOfOpenTimeAddUp() {
		// 8 open hours a day, 5 days: 40 h from Monday 9:00 ends Friday 18:00.
		assertThat(OFFICE.plus(paris(2026, 11, 23, 9, 0), Duration.ofHours(40))).isEqualTo(paris(2026, 11, 27, 18, 0));
		assertThat(OFFICE.between(paris(2026, 11, 23, 9, 0), paris(2026, 11, 30, 9, 0)))
			.isEqualTo(Duration.ofHours(40));
	}

	@Test
	void refusesHoursThatCannotWork() {
		assertThatThrownBy(() -> BusinessHours.parse(Map.of("mon", "18:00-09:00"))).hasMessageContaining("ends before");
		assertThatThrownBy(() -> BusinessHours.parse(Map.of("mon", "9h-18h"))).hasMessageContaining("09:00-18:00");
		assertThatThrownBy(() -> BusinessHours.parse(Map.of("zone", "Mars/Olympus", "mon", "09:00-18:00")))
			.hasMessageContaining("time zone");
		assertThatThrownBy(() -> BusinessHours.parse(Map.of("zone", "UTC"))).hasMessageContaining("at least one");
	}

}
