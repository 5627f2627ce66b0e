package org.parlons.network;

import org.parlons.customers.CustomerErasing;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An erased customer leaves the network at once, in the erasure's transaction: their
 * ties, employments, job changes and tasks, leads, introductions to them and the notice
 * owed.
 */
@Component
class NetworkListeners {

	private final Ties ties;

	private final Employments employments;

	private final JobChanges jobChanges;

	private final Leads leads;

	private final Introductions introductions;

	private final ImportNotices notices;

	NetworkListeners(Ties ties, Employments employments, JobChanges jobChanges, Leads leads,
			Introductions introductions, ImportNotices notices) {
		this.ties = ties;
		this.employments = employments;
		this.jobChanges = jobChanges;
		this.leads = leads;
		this.introductions = introductions;
		this.notices = notices;
	}

	@EventListener
	void on(CustomerErasing erasing) {
		ties.forget(erasing.profileIds());
		employments.forget(erasing.profileIds());
		jobChanges.forget(erasing.profileIds());
		leads.forget(erasing.profileIds());
		introductions.forget(erasing.profileIds());
		notices.forget(erasing.profileIds());
	}

}
