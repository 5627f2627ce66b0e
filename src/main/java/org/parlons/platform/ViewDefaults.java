package org.parlons.platform;

import java.time.ZoneId;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every screen's model holds: the time zone times are shown in.
 */
@ControllerAdvice
class ViewDefaults {

	private final PlatformSettings settings;

	ViewDefaults(PlatformSettings settings) {
		this.settings = settings;
	}

	@ModelAttribute("zone")
	ZoneId zone() {
		return settings.timeZone();
	}

}
