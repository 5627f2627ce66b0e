package org.parlons.curation.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.channels.AccountPosts;
import org.parlons.curation.Editions;
import org.parlons.platform.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Editions: composed, asked to be published (once), approved when beyond the curator's
 * mandate, retracted.
 */
@RestController
@RequestMapping("/api/v1/editions")
@Requires(Permission.CURATE)
class EditionsApi {

	private final Editions editions;

	private final AccountPosts posts;

	EditionsApi(Editions editions, AccountPosts posts) {
		this.editions = editions;
		this.posts = posts;
	}

	/**
	 * A brief with the curator's note.
	 *
	 * @param itemId the item
	 * @param note the curator's note
	 */
	record BriefBody(@NotNull Long itemId, @Nullable String note) {
	}

	/**
	 * An edition as the curator writes it.
	 *
	 * @param title its title
	 * @param language "fr" (the default) or "en"
	 * @param headlineItemId the headline item
	 * @param headlineNote the curator's note on it
	 * @param briefItemIds the briefs' items, in order (or {@code briefs}, with notes)
	 * @param briefs the briefs with their notes, in order
	 * @param inboxIds the brand's accounts it is posted on (Mastodon, Bluesky, X, a
	 * Facebook page, a Telegram channel), and email inboxes through which a digest goes
	 * to the customers who consented
	 * @param publishAt when to publish it, once asked (now when not given or past)
	 */
	record EditionBody(@NotNull String title, @Nullable String language, @NotNull Long headlineItemId,
			@Nullable String headlineNote, @Nullable List<Long> briefItemIds, @Nullable List<BriefBody> briefs,
			@NotNull List<Long> inboxIds, @Nullable Instant publishAt) {

		Editions.Draft draft() {
			List<Editions.Brief> all = new ArrayList<>();
			if (briefs != null) {
				briefs.forEach(b -> all.add(new Editions.Brief(b.itemId(), b.note())));
			}
			if (briefItemIds != null) {
				briefItemIds.stream()
					.filter(id -> all.stream().noneMatch(b -> b.itemId() == id))
					.forEach(id -> all.add(new Editions.Brief(id, null)));
			}
			return new Editions.Draft(title, language == null ? "fr" : language,
					new Editions.Brief(headlineItemId, headlineNote), all, inboxIds, publishAt);
		}

	}

	/**
	 * An approver's decision.
	 *
	 * @param approved true to approve, false to send it back to draft
	 * @param note why
	 */
	record Decision(@NotNull Boolean approved, @Nullable String note) {
	}

	/**
	 * A retraction.
	 *
	 * @param reason why
	 */
	record Retraction(@Nullable String reason) {
	}

	/**
	 * Something made.
	 *
	 * @param id its number
	 * @param status where it stands
	 */
	record Created(long id, String status) {
	}

	/**
	 * A post of the edition on one account.
	 *
	 * @param inboxId the account
	 * @param postId the post, once published
	 * @param status pending, sent or failed
	 * @param url where it is read, once sent
	 * @param error what went wrong last
	 */
	record PostView(long inboxId, @Nullable Long postId, @Nullable String status, @Nullable String url,
			@Nullable String error) {
	}

	/**
	 * A step of the lifecycle.
	 *
	 * @param status the status reached
	 * @param agentId who moved it
	 * @param note why
	 * @param at when
	 */
	record StepView(String status, @Nullable Long agentId, @Nullable String note, Instant at) {
	}

	/**
	 * An edition.
	 *
	 * @param id its number
	 * @param title its title
	 * @param language fr or en
	 * @param status draft, in_review, approved, scheduled, published or retracted
	 * @param headlineItemId the headline item
	 * @param headlineNote the curator's note on it
	 * @param briefs the briefs
	 * @param posts its posts, one per account
	 * @param createdBy its curator
	 * @param publishAt when it is to be published
	 * @param publishedAt when it was
	 * @param reviewReasons why it waits for approval
	 * @param steps its lifecycle
	 */
	record EditionView(long id, String title, String language, String status, long headlineItemId,
			@Nullable String headlineNote, List<BriefBody> briefs, List<PostView> posts, long createdBy,
			@Nullable Instant publishAt, @Nullable Instant publishedAt, List<String> reviewReasons,
			List<StepView> steps) {
	}

	/**
	 * What asking to publish did.
	 *
	 * @param id the edition
	 * @param status where it stands now: in_review (waits for approval), scheduled or
	 * published
	 * @param reviewReasons why it waits, when it does
	 * @param warnings conduct warnings, told and not stopping
	 */
	record Publishing(long id, String status, List<String> reviewReasons, List<String> warnings) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Listed<T>(List<T> items) {
	}

	/**
	 * A new draft. 422 for an unknown item or account, or an account that takes no posts.
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Created create(@AuthenticationPrincipal AgentPrincipal me, @RequestBody EditionBody body) {
		Editions.Edition made = InvalidRequestException.answering(() -> editions.create(body.draft(), me.id()));
		return new Created(made.id(), made.status().api());
	}

	/** Rewrites a draft (an edition in review goes back to draft); 409 past that. */
	@PutMapping("/{id}")
	EditionView update(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody EditionBody body) {
		return view(InvalidRequestException.answering(() -> editions.update(id, body.draft(), me.id())));
	}

	/** The editions, the latest first; {@code status} to keep one. */
	@GetMapping
	Listed<EditionView> list(@RequestParam(required = false) @Nullable String status) {
		Editions.Status wanted = status == null ? null
				: InvalidRequestException.answering(() -> Editions.Status.fromApi(status));
		return new Listed<>(editions.list(wanted, 200).stream().map(this::view).toList());
	}

	/** One edition with its posts and lifecycle; 404 when there is none. */
	@GetMapping("/{id}")
	EditionView one(@PathVariable long id) {
		return view(InvalidRequestException.answering(() -> editions.get(id)));
	}

	/**
	 * Publishes now, or at {@code publishAt}, once, on each account. Each post is
	 * reviewed as the curator's public reply there: beyond their mandate the edition
	 * waits for approval (202, in_review, with the reasons); a blocking conduct rule
	 * refuses it (422). 409 when it was already asked.
	 */
	@PostMapping("/{id}/publish")
	ResponseEntity<Publishing> publish(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id) {
		Editions.Publishing done = InvalidRequestException.answering(() -> editions.publish(id, me.id()));
		Editions.Edition e = done.edition();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(new Publishing(e.id(), e.status().api(), e.reviewReasons(), done.warnings()));
	}

	/**
	 * Approves or rejects an edition in review. Approving needs a mandate covering every
	 * post (409 otherwise); once approved it is published now or at its time.
	 */
	@PostMapping("/{id}/approval")
	@Requires(Permission.DECIDE_APPROVALS)
	EditionView decide(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id, @RequestBody Decision body) {
		return view(InvalidRequestException
			.answering(() -> editions.decide(id, me.id(), Boolean.TRUE.equals(body.approved()), body.note())));
	}

	/** Takes a published edition out of the feeds and the public page. */
	@PostMapping("/{id}/retraction")
	EditionView retract(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			@RequestBody(required = false) @Nullable Retraction body) {
		return view(InvalidRequestException
			.answering(() -> editions.retract(id, me.id(), body == null ? null : body.reason())));
	}

	/** Deletes a draft; 409 for anything sent on its way. */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		InvalidRequestException.answering(() -> {
			editions.delete(id);
			return null;
		});
	}

	private EditionView view(Editions.Edition e) {
		var byId = new java.util.HashMap<Long, AccountPosts.Post>();
		posts.all(e.targets().stream().map(Editions.Target::postId).filter(p -> p != null).toList())
			.forEach(p -> byId.put(p.id(), p));
		List<PostView> postViews = e.targets().stream().map(t -> {
			AccountPosts.Post p = t.postId() == null ? null : byId.get(t.postId());
			return new PostView(t.inboxId(), t.postId(),
					p == null ? null : p.status().name().toLowerCase(java.util.Locale.ROOT), p == null ? null : p.url(),
					p == null ? null : p.lastError());
		}).toList();
		return new EditionView(e.id(), e.title(), e.language(), e.status().api(), e.headline().itemId(),
				e.headline().note(), e.briefs().stream().map(b -> new BriefBody(b.itemId(), b.note())).toList(),
				postViews, e.createdBy(), e.publishAt(), e.publishedAt(), e.reviewReasons(),
				editions.steps(e.id())
					.stream()
					.map(s -> new StepView(s.status().api(), s.agentId(), s.note(), s.at()))
					.toList());
	}

}
