package org.parlons.advocacy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.parlons.platform.Refusals;

/**
 * Where a membership stands. Someone is nominated, vetted, then active; an active member
 * may be suspended and reinstated; anyone may leave (alumni). An alumnus who comes back
 * is nominated again and vetted again before being active.
 */
public enum MemberStatus {

	NOMINATED, VETTED, ACTIVE, SUSPENDED, ALUMNI;

	/** The statuses this one may move to. */
	public Set<MemberStatus> next() {
		return switch (this) {
			case NOMINATED -> EnumSet.of(VETTED, ALUMNI);
			case VETTED -> EnumSet.of(ACTIVE, ALUMNI);
			case ACTIVE -> EnumSet.of(SUSPENDED, ALUMNI);
			case SUSPENDED -> EnumSet.of(ACTIVE, ALUMNI);
			case ALUMNI -> EnumSet.of(NOMINATED);
		};
	}

	/** Whether the member speaks and earns in the programme's name in this status. */
	public boolean acting() {
		return this == ACTIVE;
	}

	public String api() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MemberStatus of(String api) {
		try {
			return valueOf(api.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw Refusals.invalid("advocacy.status.unknown",
					"status: one of nominated, vetted, active, suspended, alumni, not '" + api + "'", api);
		}
	}

}
