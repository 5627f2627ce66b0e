package org.parlons.platform;

import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every screen's model holds: the time zone times are shown in (the reader's own,
 * else the server's). Programs (the API, webhooks) draw no screen and are not asked.
 */
@ControllerAdvice
class ViewDefaults {

	private final Zones zones;

	private final PlatformSettings settings;

	ViewDefaults(Zones zones, PlatformSettings settings) {
		this.zones = zones;
		this.settings = settings;
	}

	@ModelAttribute("zone")
	ZoneId zone(HttpServletRequest request) {
		return Screens.drawn(request) ? zones.current() : settings.timeZone();
	}

}
