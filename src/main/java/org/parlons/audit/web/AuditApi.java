package org.parlons.audit.web;

import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.audit.AuditLog;
import org.parlons.platform.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for administrators: search ({@code type}, {@code actorId}, {@code q}
 * text, {@code from}, {@code to}, pages) and CSV export of a search. Exporting is itself
 * recorded.
 */
@RestController
@Requires(Permission.READ_AUDIT)
class AuditApi {

	private final AuditLog log;

	AuditApi(AuditLog log) {
		this.log = log;
	}

	/** Searches the audit log by type, actor, subject and period, newest first. */
	@GetMapping("/api/v1/audit")
	Page<AuditLog.Entry> search(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable Long actorId, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return log.search(query(type, actorId, q, from, to), Page.clampPage(page), Math.max(1, Math.min(size, 500)));
	}

	/**
	 * Walks the log's hash chain from its first line: {@code intact}, the number of
	 * lines, and where it breaks when a line was changed, removed or slipped in.
	 */
	@GetMapping("/api/v1/audit/verify")
	AuditLog.Verification verify() {
		return log.verify();
	}

	/** The audit log of a period as CSV. */
	@GetMapping(path = "/api/v1/audit/export", produces = "text/csv")
	ResponseEntity<String> export(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable Long actorId, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime to)
			throws IOException {
		log.append(me.id(), me.email(), "audit.exported", null, "type=" + type + " actor=" + actorId + " q=" + q);
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = CSVFormat.DEFAULT.builder()
			.setHeader("id", "at", "actor_id", "actor", "type", "subject", "detail")
			.get()
			.print(out)) {
			for (int page = 0;; page++) {
				var found = log.search(query(type, actorId, q, from, to), page, 500);
				for (AuditLog.Entry e : found.items()) {
					csv.printRecord(e.id(), e.at(), e.actorId(), e.actorLabel(), e.type(), e.subject(), e.detail());
				}
				if (found.items().size() < 500) {
					break;
				}
			}
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"parlons-audit.csv\"")
			.body(out.toString());
	}

	private static AuditLog.Query query(@Nullable String type, @Nullable Long actorId, @Nullable String q,
			@Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {
		return new AuditLog.Query(type, actorId, q, from == null ? null : from.toInstant(),
				to == null ? null : to.toInstant());
	}

}
