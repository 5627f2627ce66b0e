package org.parlons.segments;

import java.util.Set;

import org.parlons.advocacy.MemberMoved;
import org.parlons.advocacy.Members;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.CustomerActivity;
import org.parlons.customers.CustomerEdited;
import org.parlons.customers.CustomerErasing;
import org.parlons.customers.CustomerMergeUndone;
import org.parlons.customers.CustomerMerged;
import org.parlons.customers.Customers;
import org.parlons.privacy.PrivacyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules tell that changes who belongs where, heard in their transaction: the
 * customers concerned are marked for {@link SegmentWatch} to look at again. A customer
 * who objected to profiling leaves the profiling segments and loses their scores at once;
 * an erased one leaves every segment.
 */
@Component
class SegmentListeners {

	private final SegmentWatch watch;

	private final Segments segments;

	private final Scores scores;

	private final Customers customers;

	private final CustomerActivity activity;

	private final Members members;

	private final JdbcClient jdbc;

	private final java.time.Clock clock;

	SegmentListeners(SegmentWatch watch, Segments segments, Scores scores, Customers customers,
			CustomerActivity activity, Members members, JdbcClient jdbc, java.time.Clock clock) {
		this.clock = clock;
		this.watch = watch;
		this.segments = segments;
		this.scores = scores;
		this.customers = customers;
		this.activity = activity;
		this.members = members;
		this.jdbc = jdbc;
	}

	@EventListener
	void on(CustomerEdited edited) {
		watch.mark(Set.of(edited.customerId()), "edit");
	}

	@EventListener
	void on(CustomerMerged merged) {
		watch.mark(Set.of(merged.survivorId(), merged.mergedId()), "merge");
	}

	@EventListener
	void on(CustomerMergeUndone undone) {
		watch.mark(Set.of(undone.survivorId(), undone.mergedId()), "undo");
	}

	@EventListener
	void on(org.parlons.portal.ContractChanged changed) {
		watch.mark(Set.of(changed.customerId()), "contract");
	}

	@EventListener
	void on(MemberMoved moved) {
		members.find(moved.memberId())
			.map(Members.Member::customerId)
			.ifPresent(customer -> watch.mark(Set.of(customer), "programme"));
	}

	@EventListener
	void on(ConversationChanged.Rated rated) {
		activity.customerOf(rated.conversationId()).ifPresent(customer -> {
			scores.on("rating", customer, "rating:" + rated.conversationId() + ":" + rated.score(), null, rated.score(),
					java.time.Instant.now());
			watch.mark(Set.of(customer), "rating");
		});
	}

	@EventListener
	void on(ConversationChanged.ServiceLevelBreached breached) {
		activity.customerOf(breached.conversationId()).ifPresent(c -> watch.mark(Set.of(c), "breach"));
	}

	@EventListener
	void on(PrivacyEvent event) {
		long current = customers.current(event.customerId());
		var rights = customers.rights(current);
		if (rights.profilingObjectedAt() != null || rights.restrictedAt() != null) {
			segments.forget(customers.aliasesOf(current), true, "objection");
			scores.forget(current);
		}
		watch.mark(Set.of(current), "consent");
	}

	@EventListener
	void on(CustomerErasing erasing) {
		segments.forget(erasing.profileIds(), false, "erasure");
		scores.forget(erasing.customerId());
		// the history of entries and exits and the decisions on actions keep their
		// numbers
		// only, as the books do
		jdbc.sql("delete from segment_dirty where customer_id = any(:ids)")
			.param("ids", erasing.profileIds().toArray(Long[]::new))
			.update();
	}

}
