package org.parlons.network.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.network.Connectors;
import org.parlons.network.Employments;
import org.parlons.network.ImportNotices;
import org.parlons.network.JobChanges;
import org.parlons.network.Meetings;
import org.parlons.network.NetworkImports;
import org.parlons.network.Paths;
import org.parlons.network.Ties;
import org.parlons.platform.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static org.parlons.platform.InvalidRequestException.answering;

/**
 * The professional network: imports of people and their ties, meetings, introduction
 * paths and requests, job-change signals and their tasks, lead lists, the notices owed to
 * imported people.
 */
@RestController
@RequestMapping("/api/v1/network")
@Requires(Permission.NETWORK)
class NetworkApi {

	private final NetworkImports imports;

	private final Paths paths;

	private final JobChanges jobChanges;

	private final Employments employments;

	private final Meetings meetings;

	private final Connectors connectors;

	private final ImportNotices notices;

	NetworkApi(NetworkImports imports, Paths paths, JobChanges jobChanges, Employments employments, Meetings meetings,
			Connectors connectors, ImportNotices notices) {
		this.imports = imports;
		this.paths = paths;
		this.jobChanges = jobChanges;
		this.employments = employments;
		this.meetings = meetings;
		this.connectors = connectors;
		this.notices = notices;
	}

	/**
	 * Imports an agent's LinkedIn {@code Connections.csv} export, as LinkedIn writes it
	 * (its note lines before the header are skipped): each connection becomes a customer
	 * profile (a prospect when unknown, found by email or profile address), tied to the
	 * agent; their company and position their current employment, a new company a job
	 * change. An agent imports their own connections; an administrator anyone's.
	 * @param agentId whose connections these are (the caller when not given)
	 */
	@PostMapping(path = "/imports/linkedin", consumes = { "text/csv", "text/plain" })
	@ResponseStatus(HttpStatus.CREATED)
	NetworkImports.Summary linkedIn(@AuthenticationPrincipal AgentPrincipal me,
			@RequestParam(required = false) @Nullable Long agentId, @RequestBody String csv) {
		long whose = agentId == null ? me.id() : agentId;
		if (whose != me.id() && !me.may(Permission.MANAGE_AGENTS)) {
			throw new AccessDeniedException("Only an administrator imports another agent's connections");
		}
		return answering(() -> imports.linkedIn(whose, csv));
	}

	/**
	 * Imports vCard 3.0 or 4.0 cards ({@code text/vcard}) or jCard
	 * ({@code application/vcard+json}): each card a person, their ORG and TITLE their
	 * employment; a RELATED whose value is a {@code mailto:} address or the
	 * {@code urn:uuid} of another card of the file ties the two.
	 */
	@PostMapping(path = "/imports/vcard",
			consumes = { "text/vcard", "text/x-vcard", "text/directory", "application/vcard+json" })
	@ResponseStatus(HttpStatus.CREATED)
	NetworkImports.Summary vCard(@RequestBody String cards,
			@org.springframework.web.bind.annotation.RequestHeader("Content-Type") String type) {
		boolean json = type.toLowerCase(java.util.Locale.ROOT).contains("json");
		return answering(() -> imports.vCards(cards, json));
	}

	/**
	 * A piece of evidence of a link.
	 *
	 * @param source linkedin, vcard, email, conversation, copied, public_reply or meeting
	 * @param count how many exchanges it counts (1 for an import)
	 * @param reciprocal whether both sides turned to the other
	 * @param since when it was first seen
	 * @param latest when it was last seen
	 * @param detail what it says (a vCard's relation type, a meeting's subject)
	 */
	record Because(String source, int count, boolean reciprocal, Instant since, Instant latest,
			@Nullable String detail) {

		static Because of(Ties.Tie t) {
			return new Because(t.source().api(), t.source().imported() ? 1 : t.count(), t.reciprocal(), t.firstAt(),
					t.lastAt(), t.detail());
		}

	}

	/**
	 * A step of a path.
	 *
	 * @param kind agent or customer
	 * @param id their number
	 * @param name their name
	 * @param strength the strength of the link from the step before, 0 to 1 (1 for the
	 * first step)
	 * @param because the evidence of that link, the strongest first
	 */
	record StepView(String kind, long id, String name, double strength, List<Because> because) {
	}

	/**
	 * An introduction path.
	 *
	 * @param steps from the agent to the target
	 * @param strength the product of its links' strengths, 0 to 1
	 * @param connectorId the agent to ask
	 */
	record PathView(List<StepView> steps, double strength, long connectorId) {

		static PathView of(Paths.Path p) {
			return new PathView(p.steps()
				.stream()
				.map(s -> new StepView(s.node().kind(), s.node().id(), s.name(), s.strength(),
						s.because().stream().map(Because::of).toList()))
				.toList(), p.strength(), p.connectorId());
		}

	}

	/**
	 * The strongest introduction paths from the team to a person, strongest first: from
	 * an agent who lends their connections, through at most two people, each step with
	 * why the link exists.
	 * @param to the person (a customer's number)
	 * @param limit how many paths at most (5 when not given)
	 */
	@GetMapping("/paths")
	Listed<PathView> paths(@RequestParam long to, @RequestParam(defaultValue = "5") int limit) {
		if (limit < 1 || limit > Paths.MAX_PATHS) {
			throw InvalidRequestException.said("network.paths.limit", "limit is between 1 and 50");
		}
		return new Listed<>(paths.to(to, limit).stream().map(PathView::of).toList());
	}

	/**
	 * A job-change signal and its task.
	 *
	 * @param id the signal's number
	 * @param kind job_change
	 * @param customerId the person
	 * @param name their name
	 * @param from the organisation left
	 * @param to the organisation joined
	 * @param fromId its number
	 * @param toId its number
	 * @param source what told it: linkedin, vcard
	 * @param detectedAt when
	 * @param taskId the task for the owner: follow them, replace them
	 * @param ownerId the owner (the agent who knows them best); none when nobody does
	 * @param taskOpen whether the task is still to do
	 */
	record SignalView(long id, String kind, long customerId, String name, String from, String to, @Nullable Long fromId,
			@Nullable Long toId, String source, Instant detectedAt, long taskId, @Nullable Long ownerId,
			boolean taskOpen) {

		static SignalView of(JobChanges.Signal s) {
			return new SignalView(s.id(), "job_change", s.customerId(), s.name(), s.from(), s.to(), s.fromId(),
					s.toId(), s.source(), s.detectedAt(), s.taskId(), s.ownerId(), s.taskOpen());
		}

	}

	/**
	 * The job-change signals, the latest first.
	 * @param customerId one person's only
	 * @param open those whose task is still to do only
	 */
	@GetMapping("/signals")
	Listed<SignalView> signals(@RequestParam(required = false) @Nullable Long customerId,
			@RequestParam(defaultValue = "false") boolean open) {
		return new Listed<>(jobChanges.signals(customerId, open, 500).stream().map(SignalView::of).toList());
	}

	/** Marks a job change's task done. */
	@PostMapping("/tasks/{id}/done")
	Map<String, Object> done(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		answering(() -> {
			jobChanges.done(id, me.id());
			return id;
		});
		return Map.of("id", id, "status", "done");
	}

	/**
	 * A person's employment.
	 *
	 * @param organisationId the organisation
	 * @param organisation its name
	 * @param title the person's title
	 * @param startedOn when it began, when known
	 * @param endedOn when it ended; none for the current one
	 * @param source what said it
	 * @param confidence how sure that source is
	 */
	record EmploymentView(long organisationId, String organisation, @Nullable String title,
			@Nullable LocalDate startedOn, @Nullable LocalDate endedOn, String source, double confidence) {

		static EmploymentView of(Employments.Employment e) {
			return new EmploymentView(e.organisationId(), e.organisation(), e.title(), e.startedOn(), e.endedOn(),
					e.source(), e.confidence());
		}

	}

	/** A person's employments, the current first. */
	@GetMapping("/people/{customerId}/employments")
	Listed<EmploymentView> employments(@PathVariable long customerId) {
		return new Listed<>(employments.of(customerId).stream().map(EmploymentView::of).toList());
	}

	/** The people working at an organisation now. */
	@GetMapping("/organisations/{organisationId}/people")
	Listed<Map<String, Object>> people(@PathVariable long organisationId) {
		return new Listed<>(employments.at(organisationId)
			.stream()
			.map(e -> Map.<String, Object>of("customerId", e.customerId(), "title", e.title() == null ? "" : e.title()))
			.toList());
	}

	/**
	 * A meeting that took place.
	 *
	 * @param customerIds the people met (1 to 50)
	 * @param at when (now when not given; never in the future)
	 * @param subject what it was about
	 */
	record Meeting(@NotNull List<Long> customerIds, @Nullable Instant at, @Nullable String subject) {
	}

	/** Enters a meeting the caller had: a tie with each person met, and among them. */
	@PostMapping("/meetings")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> met(@AuthenticationPrincipal AgentPrincipal me, @RequestBody Meeting meeting) {
		return Map.of("people",
				answering(() -> meetings.met(me.id(), meeting.customerIds(), meeting.at(), meeting.subject())));
	}

	/**
	 * Whether the caller lends their connections.
	 *
	 * @param optedOut true: never shown as a connector, never asked for an introduction
	 */
	record Lending(@NotNull Boolean optedOut) {
	}

	/** Whether the caller opted out of being a connector. */
	@GetMapping("/connectors/me")
	Lending lending(@AuthenticationPrincipal AgentPrincipal me) {
		return new Lending(connectors.optedOut(me.id()));
	}

	/** Opts the caller out of being a connector, or back in. */
	@PutMapping("/connectors/me")
	Lending lend(@AuthenticationPrincipal AgentPrincipal me, @RequestBody Lending lending) {
		connectors.optOut(me.id(), lending.optedOut());
		return new Lending(connectors.optedOut(me.id()));
	}

	/**
	 * A notice owed to an imported person (GDPR Art. 14).
	 *
	 * @param customerId the person
	 * @param name their name
	 * @param source what their data came from
	 * @param importedAt when
	 * @param dueAt when they must have been told
	 * @param toldAt when they were
	 */
	record NoticeView(long customerId, String name, String source, Instant importedAt, Instant dueAt,
			@Nullable Instant toldAt) {

		static NoticeView of(ImportNotices.Notice n) {
			return new NoticeView(n.customerId(), n.name(), n.source(), n.importedAt(), n.dueAt(), n.toldAt());
		}

	}

	/** The notices still to give, the most urgent first. */
	@GetMapping("/notices")
	Listed<NoticeView> notices() {
		return new Listed<>(notices.due(1000).stream().map(NoticeView::of).toList());
	}

	/** Says the imported person was told. */
	@PostMapping("/notices/{customerId}/told")
	Map<String, Object> told(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long customerId) {
		answering(() -> {
			notices.told(customerId, me.id());
			return customerId;
		});
		return Map.of("customerId", customerId, "told", true);
	}

}
