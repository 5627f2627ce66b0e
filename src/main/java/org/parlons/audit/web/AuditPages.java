package org.parlons.audit.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.jspecify.annotations.Nullable;
import org.parlons.audit.AuditLog;
import org.parlons.platform.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for administrators in the browser: search by type, text and days, newest
 * first, with the CSV export of the same search.
 */
@Controller
@Requires(Permission.READ_AUDIT)
class AuditPages {

	private final AuditLog log;

	AuditPages(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/admin/audit")
	String page(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") int page,
			Model model) {
		LocalDate first = day(from);
		LocalDate last = day(to);
		Page<AuditLog.Entry> found = log.search(
				new AuditLog.Query(type, null, q, first == null ? null : first.atStartOfDay().toInstant(ZoneOffset.UTC),
						last == null ? null : last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
				Page.clampPage(page), 100);
		model.addAttribute("found", found);
		model.addAttribute("type", type == null ? "" : type);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("from", first == null ? "" : first.toString());
		model.addAttribute("to", last == null ? "" : last.toString());
		model.addAttribute("page", Page.clampPage(page));
		return "audit/index";
	}

	private static @Nullable LocalDate day(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
