package org.parlons.curation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.channels.AccountPosts;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.Inboxes;
import org.parlons.governance.PostReview;
import org.parlons.platform.Leases;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.parlons.platform.Sentences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Editions: a headline item and briefs, each with the curator's note, in French or
 * English, for some of the brand's accounts (and, through an email inbox, a digest). The
 * lifecycle is draft → in review → approved → scheduled → published → retracted.
 * Publishing goes through the governance of replies ({@link PostReview}): a post beyond
 * the curator's mandate waits for someone whose mandate covers it, a blocking conduct
 * rule stops it. Publication happens once: one conditional update moves the edition to
 * published and, in the same transaction, puts its posts in the outbox and its digest in
 * line, so a restart neither loses nor repeats it (see ADR 29).
 */
@Service
public class Editions {

	/** Where an edition stands. */
	public enum Status {

		DRAFT, IN_REVIEW, APPROVED, SCHEDULED, PUBLISHED, RETRACTED;

		public String api() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The status an API name (draft, in_review…) says; 422 for another word. */
		public static Status fromApi(String value) {
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw Refusals.invalid("edition.status",
						"An edition is draft, in_review, approved, scheduled, published or retracted", value);
			}
		}

	}

	/**
	 * A brief: an item and the curator's note on it.
	 *
	 * @param itemId the item
	 * @param note the curator's note
	 */
	public record Brief(long itemId, @Nullable String note) {
	}

	/**
	 * An account the edition goes to, and its post once published.
	 *
	 * @param inboxId the inbox
	 * @param postId its post in the outbox, once published (none for a digest)
	 */
	public record Target(long inboxId, @Nullable Long postId) {
	}

	/**
	 * A step of the lifecycle.
	 *
	 * @param status the status it reached
	 * @param agentId who moved it, if a person did
	 * @param note why, if said
	 * @param at when
	 */
	public record Step(Status status, @Nullable Long agentId, @Nullable String note, Instant at) {
	}

	/**
	 * An edition.
	 *
	 * @param id its number
	 * @param title its title
	 * @param language fr or en
	 * @param status where it stands
	 * @param headline the headline item and note
	 * @param briefs the briefs, in order
	 * @param targets the accounts it goes to
	 * @param createdBy its curator
	 * @param createdAt when it was made
	 * @param publishAt when it is to be published, if set
	 * @param publishedAt when it was published
	 * @param reviewReasons why it waits for approval, when it does
	 */
	public record Edition(long id, String title, String language, Status status, Brief headline, List<Brief> briefs,
			List<Target> targets, long createdBy, Instant createdAt, @Nullable Instant publishAt,
			@Nullable Instant publishedAt, List<String> reviewReasons) {
	}

	/**
	 * What a curator writes.
	 *
	 * @param title its title
	 * @param language fr or en
	 * @param headline the headline
	 * @param briefs the briefs
	 * @param inboxIds the accounts (and email inboxes, for a digest) it goes to
	 * @param publishAt when, if later than once allowed
	 */
	public record Draft(String title, String language, Brief headline, List<Brief> briefs, List<Long> inboxIds,
			@Nullable Instant publishAt) {
	}

	/**
	 * What asking to publish did.
	 *
	 * @param edition the edition now
	 * @param warnings conduct warnings told, not stopping
	 */
	public record Publishing(Edition edition, List<String> warnings) {
	}

	static final int MAX_BRIEFS = 20;

	private final JdbcClient jdbc;

	private final Items items;

	private final Inboxes inboxes;

	private final AccountPosts posts;

	private final PostReview review;

	private final EditionText text;

	private final Digests digests;

	private final Leases leases;

	private final TransactionTemplate tx;

	private final Clock clock;

	Editions(JdbcClient jdbc, Items items, Inboxes inboxes, AccountPosts posts, PostReview review, EditionText text,
			Digests digests, Leases leases, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.items = items;
		this.inboxes = inboxes;
		this.posts = posts;
		this.review = review;
		this.text = text;
		this.digests = digests;
		this.leases = leases;
		this.tx = tx;
		this.clock = clock;
	}

	/** A new draft. */
	@Transactional
	public Edition create(Draft draft, long curatorId) {
		check(draft);
		Instant now = clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("insert into edition (title, language, status, headline_item_id, headline_note, created_by, "
				+ "created_at, updated_at, publish_at) values (?, ?, 'draft', ?, ?, ?, ?, ?, ?)")
			.params(draft.title().strip(), draft.language(), draft.headline().itemId(), note(draft.headline()),
					curatorId, Timestamp.from(now), Timestamp.from(now),
					draft.publishAt() == null ? null : Timestamp.from(draft.publishAt()))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		writeParts(id, draft);
		step(id, Status.DRAFT, curatorId, null);
		return get(id);
	}

	/** A draft rewritten; an edition in review goes back to draft. */
	@Transactional
	public Edition update(long id, Draft draft, long curatorId) {
		Edition edition = lock(id);
		if (edition.status() != Status.DRAFT && edition.status() != Status.IN_REVIEW) {
			throw Refusals.conflict("edition.frozen", "Only a draft or an edition in review can be rewritten",
					edition.status().api());
		}
		check(draft);
		jdbc.sql("update edition set title = ?, language = ?, headline_item_id = ?, headline_note = ?, publish_at = ?, "
				+ "status = 'draft', review_reasons = null, updated_at = ? where id = ?")
			.params(draft.title().strip(), draft.language(), draft.headline().itemId(), note(draft.headline()),
					draft.publishAt() == null ? null : Timestamp.from(draft.publishAt()),
					Timestamp.from(clock.instant()), id)
			.update();
		jdbc.sql("delete from edition_brief where edition_id = ?").param(id).update();
		jdbc.sql("delete from edition_target where edition_id = ?").param(id).update();
		writeParts(id, draft);
		if (edition.status() != Status.DRAFT) {
			step(id, Status.DRAFT, curatorId, null);
		}
		return get(id);
	}

	private void check(Draft draft) {
		if (draft.title().isBlank() || draft.title().strip().length() > 300) {
			throw Refusals.invalid("edition.title", "An edition's title is 1 to 300 characters");
		}
		if (!draft.language().equals("fr") && !draft.language().equals("en")) {
			throw Refusals.invalid("edition.language", "An edition is in French (fr) or English (en)",
					draft.language());
		}
		if (draft.briefs().size() > MAX_BRIEFS) {
			throw Refusals.invalid("edition.briefs.many", "An edition has at most 20 briefs");
		}
		List<Long> all = new ArrayList<>();
		all.add(draft.headline().itemId());
		draft.briefs().forEach(b -> all.add(b.itemId()));
		if (new LinkedHashSet<>(all).size() != all.size()) {
			throw Refusals.invalid("edition.twice", "An item appears once in an edition");
		}
		Map<Long, Items.Item> found = items.all(all);
		for (long id : all) {
			if (!found.containsKey(id)) {
				throw Refusals.invalid("edition.item", "No item " + id, String.valueOf(id));
			}
		}
		List<Brief> notes = new ArrayList<>(draft.briefs());
		notes.add(draft.headline());
		if (notes.stream().anyMatch(b -> b.note() != null && b.note().length() > 2000)) {
			throw Refusals.invalid("edition.note", "A note is at most 2,000 characters");
		}
		if (draft.inboxIds().isEmpty()) {
			throw Refusals.invalid("edition.inboxes", "An edition goes to at least one account");
		}
		for (long inboxId : new LinkedHashSet<>(draft.inboxIds())) {
			Inbox inbox = inboxes.findLive(inboxId)
				.orElseThrow(() -> Refusals.invalid("edition.inbox", "No inbox " + inboxId, String.valueOf(inboxId)));
			if (!inbox.channel().equals("email") && posts.limit(inbox.channel()) == 0) {
				throw Refusals.invalid("edition.channel", "Parlons cannot post on " + inbox.channel(), inbox.name(),
						inbox.channel());
			}
		}
	}

	private void writeParts(long id, Draft draft) {
		int position = 0;
		for (Brief brief : draft.briefs()) {
			jdbc.sql("insert into edition_brief (edition_id, position, item_id, note) values (?, ?, ?, ?)")
				.params(id, position++, brief.itemId(), note(brief))
				.update();
		}
		for (long inboxId : new LinkedHashSet<>(draft.inboxIds())) {
			jdbc.sql("insert into edition_target (edition_id, inbox_id) values (?, ?)").params(id, inboxId).update();
		}
	}

	private static @Nullable String note(Brief brief) {
		return brief.note() == null || brief.note().isBlank() ? null : brief.note().strip();
	}

	/**
	 * Asks to publish: now, or at its time. Each post is reviewed as the curator's public
	 * reply on its account would be: beyond their mandate it waits for approval
	 * (in_review); a blocking rule refuses it (422). Asked once: an edition past its
	 * draft answers 409.
	 */
	public Publishing publish(long id, long curatorId) {
		Publishing done = tx.execute(s -> {
			Edition edition = lock(id);
			if (edition.status() != Status.DRAFT) {
				throw Refusals.conflict("edition.once", "This edition was already sent on its way ("
						+ edition.status().api() + "): it is published once", edition.status().api());
			}
			List<String> held = new ArrayList<>();
			List<String> warnings = new ArrayList<>();
			for (Target target : edition.targets()) {
				Inbox inbox = inboxes.findById(target.inboxId()).orElseThrow();
				PostReview.Review r = review.review(curatorId, inbox, text.reviewed(edition, inbox));
				if (r.blocked() != null) {
					throw Refusals.invalid("edition.blocked", "The post on " + inbox.name() + " " + r.blocked(),
							inbox.name(), r.blocked());
				}
				r.held().stream().filter(h -> !held.contains(h)).forEach(held::add);
				warnings.addAll(r.warnings());
			}
			if (!held.isEmpty()) {
				jdbc.sql("update edition set status = 'in_review', review_reasons = ?, updated_at = ? where id = ?")
					.params(String.join(Sentences.SEPARATOR, held), Timestamp.from(clock.instant()), id)
					.update();
				step(id, Status.IN_REVIEW, curatorId, String.join(Sentences.SEPARATOR, held));
			}
			else {
				onItsWay(edition, curatorId);
			}
			return new Publishing(get(id), warnings);
		});
		return java.util.Objects.requireNonNull(done);
	}

	/**
	 * An approver's decision on an edition in review. Approving needs a mandate that
	 * covers every post (else 409, saying what it does not cover); once approved it is
	 * published now or at its time. Rejected, it goes back to draft with the reason.
	 */
	@Transactional
	public Edition decide(long id, long approverId, boolean approved, @Nullable String note) {
		Edition edition = lock(id);
		if (edition.status() != Status.IN_REVIEW) {
			throw Refusals.conflict("edition.notInReview", "This edition does not wait for approval",
					edition.status().api());
		}
		if (!approved) {
			jdbc.sql("update edition set status = 'draft', review_reasons = null, updated_at = ? where id = ?")
				.params(Timestamp.from(clock.instant()), id)
				.update();
			step(id, Status.DRAFT, approverId, note == null || note.isBlank() ? null : note.strip());
			return get(id);
		}
		for (Target target : edition.targets()) {
			Inbox inbox = inboxes.findById(target.inboxId()).orElseThrow();
			List<String> uncovered = review.uncovered(approverId, inbox, text.reviewed(edition, inbox));
			if (!uncovered.isEmpty()) {
				throw Refusals.conflict("edition.uncovered",
						"Your mandate does not cover it either: " + String.join(Sentences.SEPARATOR, uncovered),
						String.join(Sentences.SEPARATOR, uncovered));
			}
		}
		jdbc.sql("update edition set status = 'approved', updated_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), id)
			.update();
		step(id, Status.APPROVED, approverId, note == null || note.isBlank() ? null : note.strip());
		onItsWay(get(id), approverId);
		return get(id);
	}

	/** Scheduled when its time is ahead, else published now. */
	private void onItsWay(Edition edition, long agentId) {
		if (edition.publishAt() != null && edition.publishAt().isAfter(clock.instant())) {
			jdbc.sql("update edition set status = 'scheduled', updated_at = ? where id = ?")
				.params(Timestamp.from(clock.instant()), edition.id())
				.update();
			step(edition.id(), Status.SCHEDULED, agentId, null);
		}
		else {
			release(edition.id(), agentId);
		}
	}

	/**
	 * Publishes an edition on its way (a draft allowed now, an approved or a scheduled
	 * one), once: the conditional update that moves it to published decides who does it;
	 * its posts and digest are written in the same transaction.
	 */
	private boolean release(long id, @Nullable Long agentId) {
		Instant now = clock.instant();
		int moved = jdbc
			.sql("update edition set status = 'published', published_at = ?, updated_at = ? where id = ? "
					+ "and status in ('draft', 'approved', 'scheduled')")
			.params(Timestamp.from(now), Timestamp.from(now), id)
			.update();
		if (moved == 0) {
			return false;
		}
		Edition edition = get(id);
		for (Target target : edition.targets()) {
			Inbox inbox = inboxes.findById(target.inboxId()).orElseThrow();
			if (inbox.channel().equals("email")) {
				digests.lineUp(edition, inbox);
				continue;
			}
			long postId = posts.post(inbox.id(), "edition-" + id + "-inbox-" + inbox.id(), text.post(edition, inbox),
					text.pageUrl(id));
			jdbc.sql("update edition_target set post_id = ? where edition_id = ? and inbox_id = ?")
				.params(postId, id, inbox.id())
				.update();
		}
		step(id, Status.PUBLISHED, agentId, null);
		return true;
	}

	/** Publishes the scheduled editions whose time has come, on one node. */
	@Scheduled(fixedDelayString = "#{" + CurationSettings.BEAN + ".publishInterval()}", initialDelayString = "PT2S")
	void publishDue() {
		if (!leases.hold("job:editions")) {
			return;
		}
		List<Long> due = jdbc
			.sql("select id from edition where status = 'scheduled' and publish_at <= ? order by publish_at, id")
			.param(Timestamp.from(clock.instant()))
			.query(Long.class)
			.list();
		for (long id : due) {
			tx.executeWithoutResult(s -> release(id, null));
		}
	}

	/**
	 * Takes a published edition back: out of the feeds and the public page (which says it
	 * was withdrawn); its posts on the networks stay, to be deleted there.
	 */
	@Transactional
	public Edition retract(long id, long agentId, @Nullable String reason) {
		Edition edition = lock(id);
		if (edition.status() != Status.PUBLISHED) {
			throw Refusals.conflict("edition.notPublished", "Only a published edition can be retracted",
					edition.status().api());
		}
		jdbc.sql("update edition set status = 'retracted', updated_at = ? where id = ?")
			.params(Timestamp.from(clock.instant()), id)
			.update();
		step(id, Status.RETRACTED, agentId, reason == null || reason.isBlank() ? null : reason.strip());
		return get(id);
	}

	/** Deletes a draft (nothing published can be deleted: it is retracted). */
	@Transactional
	public void delete(long id) {
		Edition edition = lock(id);
		if (edition.status() != Status.DRAFT) {
			throw Refusals.conflict("edition.notDraft", "Only a draft can be deleted", edition.status().api());
		}
		jdbc.sql("delete from edition where id = ?").param(id).update();
	}

	private Edition lock(long id) {
		jdbc.sql("select id from edition where id = ? for update").param(id).query(Long.class).optional();
		return get(id);
	}

	private void step(long id, Status status, @Nullable Long agentId, @Nullable String note) {
		jdbc.sql("insert into edition_step (edition_id, status, agent_id, note, at) values (?, ?, ?, ?, ?)")
			.params(id, status.api(), agentId, note, Timestamp.from(clock.instant()))
			.update();
	}

	public Optional<Edition> find(long id) {
		List<Edition> found = read(" where id = ?", List.of(id));
		return found.stream().findFirst();
	}

	public Edition get(long id) {
		return find(id)
			.orElseThrow(() -> NotFoundException.said("edition.unknown", "No edition " + id, String.valueOf(id)));
	}

	/** Editions of one status or all, the latest first. */
	public List<Edition> list(@Nullable Status status, int limit) {
		return status == null
				? read(" order by coalesce(published_at, publish_at, created_at) desc, id desc " + "fetch first "
						+ limit + " rows only", List.of())
				: read(" where status = ? order by coalesce(published_at, publish_at, created_at) desc, id desc "
						+ "fetch first " + limit + " rows only", List.of(status.api()));
	}

	/**
	 * The published editions, the latest first: what the feeds and the public page list.
	 */
	public List<Edition> published(int limit) {
		return list(Status.PUBLISHED, limit);
	}

	/** Editions published or to be published between two instants: the calendar. */
	public List<Edition> between(Instant from, Instant to) {
		return read(
				" where coalesce(published_at, publish_at) >= ? and coalesce(published_at, publish_at) < ? "
						+ "order by coalesce(published_at, publish_at), id",
				List.of(Timestamp.from(from), Timestamp.from(to)));
	}

	/** The lifecycle of an edition, in order. */
	public List<Step> steps(long id) {
		return jdbc.sql("select status, agent_id, note, at from edition_step where edition_id = ? order by id")
			.param(id)
			.query((rs, n) -> new Step(Status.fromApi(rs.getString(1)), rs.getObject(2, Long.class), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	private List<Edition> read(String where, List<Object> params) {
		List<Edition> heads = jdbc
			.sql("select id, title, language, status, headline_item_id, headline_note, created_by, created_at, "
					+ "publish_at, published_at, review_reasons from edition" + where)
			.params(params)
			.query((rs, n) -> {
				Timestamp at = rs.getTimestamp(9);
				Timestamp published = rs.getTimestamp(10);
				String reasons = rs.getString(11);
				return new Edition(rs.getLong(1), rs.getString(2), rs.getString(3), Status.fromApi(rs.getString(4)),
						new Brief(rs.getLong(5), rs.getString(6)), List.of(), List.of(), rs.getLong(7),
						rs.getTimestamp(8).toInstant(), at == null ? null : at.toInstant(),
						published == null ? null : published.toInstant(), reasons == null ? List.of()
								: List.of(reasons.split(java.util.regex.Pattern.quote(Sentences.SEPARATOR))));
			})
			.list();
		if (heads.isEmpty()) {
			return heads;
		}
		Long[] ids = heads.stream().map(Edition::id).toArray(Long[]::new);
		Map<Long, List<Brief>> briefs = new HashMap<>();
		jdbc.sql("select edition_id, item_id, note from edition_brief where edition_id = any(:ids) "
				+ "order by edition_id, position")
			.param("ids", ids)
			.query((rs, n) -> briefs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Brief(rs.getLong(2), rs.getString(3))))
			.list();
		Map<Long, List<Target>> targets = new HashMap<>();
		jdbc.sql("select edition_id, inbox_id, post_id from edition_target where edition_id = any(:ids) "
				+ "order by edition_id, inbox_id")
			.param("ids", ids)
			.query((rs, n) -> targets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Target(rs.getLong(2), rs.getObject(3, Long.class))))
			.list();
		return heads.stream()
			.map(e -> new Edition(e.id(), e.title(), e.language(), e.status(), e.headline(),
					List.copyOf(briefs.getOrDefault(e.id(), List.of())),
					List.copyOf(targets.getOrDefault(e.id(), List.of())), e.createdBy(), e.createdAt(), e.publishAt(),
					e.publishedAt(), e.reviewReasons()))
			.toList();
	}

}
