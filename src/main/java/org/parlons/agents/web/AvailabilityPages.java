package org.parlons.agents.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Availability;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agent says from the user menu whether they take new work; every screen shows it
 * beside their name.
 */
@Controller
class AvailabilityPages {

	private final Availability availability;

	private final org.parlons.agents.TimeZones zones;

	AvailabilityPages(Availability availability, org.parlons.agents.TimeZones zones) {
		this.availability = availability;
		this.zones = zones;
	}

	@PostMapping("/account/time-zone")
	String timeZone(@AuthenticationPrincipal AgentPrincipal me, @RequestParam(defaultValue = "") String timeZone,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		try {
			zones.set(me.id(), timeZone);
			redirect.addFlashAttribute("zoneSaved", true);
		}
		catch (org.springframework.web.ErrorResponseException ex) {
			redirect.addFlashAttribute("zoneError", org.parlons.platform.ErrorDetails.of(ex));
		}
		return "redirect:/account/tokens";
	}

	@PostMapping("/account/availability")
	String set(@AuthenticationPrincipal AgentPrincipal me, @RequestParam String status,
			@RequestHeader(name = "Referer", required = false) @Nullable String referer) {
		availability.set(me.id(), Availability.Status.fromApi(status));
		return "redirect:" + back(referer);
	}

	/** Back where the agent was, on this server only. */
	private static String back(@Nullable String referer) {
		if (referer == null) {
			return "/inbox";
		}
		try {
			java.net.URI uri = java.net.URI.create(referer);
			String path = uri.getRawPath();
			return path == null || !path.startsWith("/") || path.startsWith("//") ? "/inbox"
					: path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		}
		catch (IllegalArgumentException ex) {
			return "/inbox";
		}
	}

	/** Shown on every screen. */
	@org.springframework.web.bind.annotation.ControllerAdvice
	static class Shown {

		private final Availability availability;

		Shown(Availability availability) {
			this.availability = availability;
		}

		@ModelAttribute("myAvailability")
		@Nullable String mine(@AuthenticationPrincipal @Nullable AgentPrincipal me, HttpServletRequest request) {
			if (me == null || !org.parlons.platform.Screens.drawn(request)) {
				return null;
			}
			return availability.of(me.id()).api();
		}

	}

}
